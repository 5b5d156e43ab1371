import SpoorFilter
import SpoorModel
import Testing

@testable import Spoor

#if canImport(Glibc)
import Glibc
#endif

/// Evaluates `expression` against `values` as the hot path does: linked to the tracepoint's
/// fields and the context fields, reading the values tuple in place.
private func passes<each Value: TraceFieldValue>(
    _ expression: String, _ tracepoint: Tracepoint<repeat each Value>, _ values: repeat each Value
) throws -> Bool {
    let filter = try FilterProgram(compiling: expression)
        .bind(event: tracepoint.descriptor, contexts: ProcessContext.filterContexts)
    var tuple = (repeat each values)
    return withUnsafePointer(to: &tuple) { pointer in
        let source = RecordFieldSource(values: UnsafeRawPointer(pointer), plan: tracepoint.plan, cpu: 3)
        let result = filter.evaluate(source)
        // The hot path's way: through pointers to the filter's storage.
        #expect(UnsafeBoundFilter(borrowing: filter).evaluate(source) == result)
        return result
    }
}

/// The kernel's id of the calling thread, from `/proc/thread-self` (`PID/task/TID`).
private func currentThreadID() -> Int {
    var buffer = [CChar](repeating: 0, count: 64)
    let count = readlink("/proc/thread-self", &buffer, buffer.count - 1)
    let link = String(decoding: buffer.prefix(max(0, count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return Int(link.split(separator: "/").last ?? "") ?? -1
}

@Suite("Filters read the values of the event being recorded")
struct FilterSourceTests {
    static let mixed = Tracepoint(
        provider: "filter_source", name: "mixed", .int8("i8"), .uint64("u64"), .bool("flag"), .int16("i16"),
        .string("text"), .double("real"), .float("single"), .enumeration("shade", Shade.self),
        .array("triple", of: Int16.self, count: 3), .sequence("seq", of: UInt32.self), .bytes("raw"),
        .string("last"))

    func mixed(_ expression: String, text: String = "hello", last: String = "z") throws -> Bool {
        try passes(
            expression, Self.mixed, -5, UInt64.max, true, -300, text, 2.5, Float(-0.25), .dark, [7, 8], [10, 20],
            [0xCA, 0xFE], last)
    }

    @Test(
        "every field type reads as the filter language says",
        arguments: [
            ("i8 == -5", true), ("u64 == -1", true), ("u64 > 0", false), ("flag == 1", true), ("i16 < -299", true),
            ("text == \"hello\"", true), ("text == \"hel*\"", true), ("text != \"hello\"", false),
            ("real == 2.5", true), ("real > 2", true), ("single == -0.25", true), ("shade == 200", true),
            ("triple[0] == 7", true), ("triple[1] == 8", true), ("triple[2] == 0", true), ("triple[3] == 0", false),
            ("seq[1] == 20", true), ("seq[2] == 0", false), ("raw[0] == 0xca", true), ("last == \"z\"", true),
            ("text == last", false), ("nosuch == 1 || i8 == -5", false), ("$ctx.cpu_id == 3", true),
            ("$ctx.cpu_id != 3", false), ("(i8 & 0xff) == 251 && -i8 << 2 == 20 && text != \"*x*\"", true),
        ])
    func fieldTypes(expression: String, expected: Bool) throws {
        #expect(try mixed(expression) == expected)
    }

    @Test("strings of every length are read in place, small or not, literal or built", arguments: 0...40)
    func stringsOfEveryLength(length: Int) throws {
        let built = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + $0 % 26))) })
        #expect(try mixed("text == \"\(built)\"", text: built))
        #expect(try !mixed("text == \"\(built)x\"", text: built))
        let nonASCII = String(built.prefix(max(0, length - 2))) + "é"
        #expect(try mixed("text == \"\(nonASCII)\"", text: nonASCII))
        // A NUL ends the string, as in the trace.
        #expect(try mixed("text == \"\(built)\"", text: built + "\u{0}tail"))
    }

    @Test("a small string's bytes are inside the String value, as storedUTF8 expects")
    func smallStringLayout() {
        for text in ["", "a", "hello", "héllo", "exactly15bytes!"] {
            var value = text
            let bytes = withUnsafePointer(to: &value) { String.storedUTF8(of: $0).map { Array($0) } }
            #expect(bytes == Array(text.utf8))
            let inline = withUnsafeBytes(of: &value) { $0.load(fromByteOffset: 15, as: UInt8.self) }
            #expect(inline & 0x20 != 0, "\(text) is small")
        }
        var large = String(repeating: "large ", count: 5)
        let inline = withUnsafeBytes(of: &large) { $0.load(fromByteOffset: 15, as: UInt8.self) }
        #expect(inline & 0x20 == 0)
        #expect(withUnsafePointer(to: &large) { String.storedUTF8(of: $0).map { Array($0) } } == Array(large.utf8))
    }

    @Test("the hot path's count of filter contexts is the list's")
    func filterContextCount() {
        #expect(ProcessContext.filterContextCount == ProcessContext.filterContexts.count)
        #expect(!ProcessContext.filterContexts.contains { $0.name == "ip" })
    }

    @Test("the process context fields read what the records write")
    func contexts() throws {
        ProcessContext.capture()
        let tracepoint = Tracepoint(provider: "filter_source", name: "ctx", .int32("v"))
        #expect(try passes("$ctx.vpid == \(getpid())", tracepoint, 1))
        #expect(try passes("$ctx.vtid == \(currentThreadID())", tracepoint, 1))
        #expect(try passes("$ctx.vuid == \(getuid()) && $ctx.vgid == \(getgid())", tracepoint, 1))
        #expect(try passes("$ctx.procname == \"*\" && $ctx.procname[0] != 0", tracepoint, 1))
        #expect(try passes("$ctx.net_ns > 0", tracepoint, 1))
        #expect(try !passes("$ctx.nosuch == 0", tracepoint, 1))
    }
}
