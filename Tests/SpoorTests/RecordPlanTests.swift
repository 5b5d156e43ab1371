import SpoorModel
import Testing

@testable import Spoor

enum Shade: UInt8, TraceEnum {
    case light = 1, dark = 200
}

/// Encodes `values` with `tracepoint`'s record plan, as the hot path does, into fresh bytes.
private func encode<each Value: TraceFieldValue>(
    _ tracepoint: Tracepoint<repeat each Value>, _ values: repeat each Value
) -> [UInt8] {
    var tuple = (repeat each values)
    return withUnsafePointer(to: &tuple) { pointer -> [UInt8] in
        let raw = UnsafeRawPointer(pointer)
        var lengths = RecordPlan.StringLengths()
        let size = tracepoint.plan.payloadSize(of: raw, lengths: &lengths)
        var bytes = [UInt8](repeating: 0xEE, count: size + 8)
        let end = bytes.withUnsafeMutableBytes { buffer in
            tracepoint.plan.encode(raw, to: buffer.baseAddress!, lengths: lengths) - buffer.baseAddress!
        }
        #expect(end == size, "encode wrote what payloadSize announced")
        #expect(bytes[size...].allSatisfy { $0 == 0xEE }, "nothing written past the record")
        return Array(bytes[..<size])
    }
}

private func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
    withUnsafeBytes(of: value.littleEndian) { Array($0) }
}

@Suite("Record plans: how the hot path lays out field values")
struct RecordPlanTests {
    static let strings = Tracepoint(provider: "plan_test", name: "strings", .string("s"), .uint8("after"))

    @Test("a string records its UTF-8 bytes up to the first NUL, then a NUL", arguments: 0...40)
    func stringsOfEveryLength(length: Int) {
        let text = String((0..<length).map { Character(UnicodeScalar(UInt8(65 + $0 % 26))) })
        #expect(encode(Self.strings, text, 7) == Array(text.utf8) + [0, 7])
        // With a NUL inside, only what comes before it is recorded.
        for cut in [0, length / 2, max(0, length - 1)] where cut < length {
            let withNUL = String(text.prefix(cut)) + "\u{0}" + String(text.dropFirst(cut + 1))
            #expect(encode(Self.strings, withNUL, 9) == Array(text.utf8.prefix(cut)) + [0, 9])
        }
    }

    @Test("non-ASCII strings are recorded as UTF-8")
    func unicode() {
        #expect(encode(Self.strings, "héllo → 世界", 1) == Array("héllo → 世界".utf8) + [0, 1])
    }

    static let mixed = Tracepoint(
        provider: "plan_test", name: "mixed", .uint8("a"), .int64("b"), .bool("c"), .int16("d"), .string("e"),
        .double("f"), .float("g"), .uint32("h", base: .hexadecimal), .enumeration("shade", Shade.self),
        .array("triple", of: Int16.self, count: 3), .sequence("seq", of: UInt32.self), .bytes("raw"),
        .string("last"))

    @Test("scalars, enums, arrays and sequences are byte-packed in declaration order, whatever the tuple's padding")
    func mixedFields() {
        let bytes = encode(
            Self.mixed, 0xAB, -2, true, -3, "xy", 1.5, Float(-0.25), 0xDEAD_BEEF, .dark, [1, 2, 3, 4], [9, 8],
            [0xCA, 0xFE], "z")
        var expected: [UInt8] = [0xAB]
        expected += littleEndian(Int64(-2)) + [1] + littleEndian(Int16(-3)) + Array("xy".utf8) + [0]
        expected += littleEndian((1.5 as Double).bitPattern) + littleEndian((-0.25 as Float).bitPattern)
        expected += littleEndian(UInt32(0xDEAD_BEEF)) + [200]
        expected += littleEndian(Int16(1)) + littleEndian(Int16(2)) + littleEndian(Int16(3))  // 4th dropped
        expected += littleEndian(UInt32(2)) + littleEndian(UInt32(9)) + littleEndian(UInt32(8))
        expected += littleEndian(UInt32(2)) + [0xCA, 0xFE] + Array("z".utf8) + [0]
        #expect(bytes == expected)
    }

    @Test("a short array is padded with zeros to its declared length")
    func shortArray() {
        let tracepoint = Tracepoint(provider: "plan_test", name: "array", .array("a", of: UInt8.self, count: 4))
        #expect(encode(tracepoint, [5]) == [5, 0, 0, 0])
    }

    @Test("more strings than the length cache holds are measured again, with the same result")
    func manyStrings() {
        let tracepoint = Tracepoint(
            provider: "plan_test", name: "many", .string("s0"), .string("s1"), .string("s2"), .string("s3"),
            .string("s4"), .string("s5"), .string("s6"), .string("s7"), .string("s8"), .string("s9"))
        let values = (0..<10).map { String(repeating: "v", count: $0 * 3) }
        let bytes = encode(
            tracepoint, values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7],
            values[8], values[9])
        #expect(bytes == values.flatMap { Array($0.utf8) + [0] })
    }

    @Test("the declaration the daemon receives lists every field with its CTF type")
    func descriptor() {
        let fields = Self.mixed.descriptor.fields
        #expect(fields.map(\.name) == ["a", "b", "c", "d", "e", "f", "g", "h", "shade", "triple", "seq", "raw", "last"])
        #expect(fields[7].type == .integer(IntegerType(bitWidth: 32, isSigned: false, base: .hexadecimal)))
        #expect(
            fields[8].type
                == .enumeration(
                    IntegerType(bitWidth: 8, isSigned: false),
                    [EnumerationMapping(label: "light", value: 1), EnumerationMapping(label: "dark", value: 200)]))
        #expect(fields[9].type == .array(IntegerType(bitWidth: 16, isSigned: true), count: 3))
        #expect(fields[11].type == .sequence(IntegerType(bitWidth: 8, isSigned: false, base: .hexadecimal)))
        #expect(Self.mixed.descriptor.logLevel == .debugLine)
    }

    @Test("a tracepoint no session enables is disabled, and its closure is not called")
    func disabledDoesNotEvaluate() {
        let tracepoint = Tracepoint(provider: "plan_test", name: "lazy", .int32("v"))
        #expect(!tracepoint.isEnabled)
        var evaluated = false
        tracepoint {
            evaluated = true
            return 1
        }
        #expect(!evaluated)
    }
}

@Suite("Context codes")
struct ContextCodeTests {
    @Test("the codes apps receive are pinned, and the hot path's constants agree with them")
    func codesArePinned() {
        let expected: [(ContextType, UInt8)] = [
            (.vpid, 0), (.vtid, 1), (.procname, 2), (.pthreadID, 3), (.cpuID, 4), (.cgroupNamespace, 5),
            (.ipcNamespace, 6), (.mountNamespace, 7), (.networkNamespace, 8), (.pidNamespace, 9), (.timeNamespace, 10),
            (.userNamespace, 11), (.utsNamespace, 12), (.vuid, 13), (.veuid, 14), (.vsuid, 15), (.vgid, 16),
            (.vegid, 17), (.vsgid, 18), (.ip, 19),
        ]
        #expect(expected.count == ContextType.allCases.count)
        for (context, code) in expected {
            #expect(context.code == code)
            #expect(ContextType(code: code) == context)
        }
        #expect(ContextType(code: 20) == nil)
        #expect(ContextCode.ip == ContextType.ip.code)
        #expect(ContextCode.vpid == ContextType.vpid.code)
        #expect(ContextCode.procname == ContextType.procname.code)
        #expect(ContextCode.cpuID == ContextType.cpuID.code)
        #expect(ContextCode.lastNamespace == ContextType.utsNamespace.code)
        #expect(ContextCode.firstID == ContextType.vuid.code)
        #expect(ContextType.procname.byteCount == 17)
        #expect(ContextType.pthreadID.byteCount == 8)
    }
}
