import Foundation
import Testing

/// What babeltrace2 prints for the example app's events: the expected text of event `i`'s
/// payload, computed independently from the same formulas as `spoor-example`.
enum ExampleEvents {
    static func allTypesPayload(_ i: Int) -> String {
        let colors = ["red", "green", "blue"]
        let samples = (0..<(i % 4)).map { $0 * 10 }
        let triple = [i, i + 1, i + 2]
        func list(_ values: [String]) -> String {
            values.isEmpty
                ? "[ ]"
                : "[ " + values.enumerated().map { "[\($0.offset)] = \($0.element)" }.joined(separator: ", ") + " ]"
        }
        func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16, uppercase: true) }
        let fields = [
            "i8 = \(Int8(truncatingIfNeeded: -i))",
            "i16 = \(Int16(truncatingIfNeeded: -1000 * i))",
            "i32 = \(Int32(truncatingIfNeeded: -100_000 * i))",
            "i64 = \(-Int64(i) * 10_000_000_000)",
            "u8 = \(UInt8(truncatingIfNeeded: i * 3))",
            "u16 = \(UInt16(truncatingIfNeeded: i * 1000))",
            "u32 = \(UInt32(truncatingIfNeeded: i * 100_000))",
            "u64_hex = \(hex(0xDEAD_BEEF_0000_0000 &+ UInt64(i)))",
            "flag = \(i % 2 == 0 ? 1 : 0)",
            "f32 = \(String(format: "%g", Double(Float(i) + 0.5)))",
            "f64 = \(String(format: "%g", Double(i) * 0.25))",
            "text = \"event \(i)\"",
            "color = ( \"\(colors[i % 3])\" : container = \(i % 3) )",
            "triple = \(list(triple.map(String.init)))",
            "_samples_length = \(samples.count)",
            "samples = \(list(samples.map(String.init)))",
            "_raw_length = 3",
            "raw = \(list([hex(0xCA), hex(0xFE), hex(UInt64(i & 0xFF))]))",
        ]
        return "{ " + fields.joined(separator: ", ") + " }"
    }
}

/// One event line of babeltrace2's (and `spoor view`'s) text output.
struct EventLine: Equatable {
    var time: String
    var name: String
    var cpu: Int
    var payload: String

    /// Parses `[HH:MM:SS.nnnnnnnnn] (+D.DDDDDDDDD) HOST NAME: { cpu_id = N }, { … }`.
    init?(_ line: String) {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        time = String(line[line.index(after: line.startIndex)..<close])
        var rest = line[line.index(close, offsetBy: 2)...]
        guard let deltaEnd = rest.firstIndex(of: ")") else { return nil }
        rest = rest[rest.index(deltaEnd, offsetBy: 2)...]  // past ") "
        guard let hostEnd = rest.firstIndex(of: " ") else { return nil }
        rest = rest[rest.index(after: hostEnd)...]
        guard let nameEnd = rest.range(of: ": { cpu_id = ") else { return nil }
        name = String(rest[..<nameEnd.lowerBound])
        rest = rest[nameEnd.upperBound...]
        guard let cpuEnd = rest.range(of: " }, ") else { return nil }
        guard let cpu = Int(rest[..<cpuEnd.lowerBound]) else { return nil }
        self.cpu = cpu
        payload = String(rest[cpuEnd.upperBound...])
    }
}

extension Sandbox {
    /// Creates a session whose rules are `rules` (each the arguments of one
    /// `enable-event -u`), records `count` events of the example app in it, and returns the
    /// events babeltrace2 reads.
    func recordExample(rules: [[String]], count: Int) throws -> [EventLine] {
        let output = home.appendingPathComponent("trace")
        try spoorOK("create", "example", "--output=\(output.path)")
        for arguments in rules {
            let result = try run(binaries.appendingPathComponent("spoor").path, ["enable-event", "-u"] + arguments)
            #expect(result.status == 0, "enable-event \(arguments): \(result.standardError)")
        }
        try spoorOK("start")
        #expect(try runExample(String(count)).status == 0)
        try spoorOK("stop")
        let read = try babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        return read.lines.compactMap(EventLine.init)
    }
}
