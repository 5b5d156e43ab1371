import SpoorFilter
import SpoorTestSupport
import Testing

/// Writes a program in the documented layout (see `FilterProgram+Bytes.swift`), so the tests
/// can build bytecode the compiler would never emit.
struct ProgramBytes {
    var instructions: [(FilterOpcode.RawValue, UInt8, UInt16, Int32)]
    var integers: [Int64] = []
    var doubles: [Double] = []
    var literals: [[UInt8]] = []
    var fields: [String] = []
    var contexts: [String] = []
    var version: UInt16 = 1

    init(_ instructions: [(FilterOpcode, UInt8, UInt16, Int32)]) {
        self.instructions = instructions.map { ($0.0.rawValue, $0.1, $0.2, $0.3) }
    }

    var bytes: [UInt8] {
        var bytes: [UInt8] = Array("SPFB".utf8)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }
        put(version)
        put(UInt16(0))
        put(UInt32(instructions.count))
        for count in [integers.count, doubles.count, literals.count, fields.count, contexts.count, 0] {
            put(UInt16(count))
        }
        for (opcode, flags, index, operand) in instructions {
            put(opcode)
            put(flags)
            put(index)
            put(operand)
        }
        for value in integers { put(value) }
        for value in doubles { put(value.bitPattern) }
        for literal in literals {
            put(UInt32(literal.count))
            bytes += literal
        }
        for name in fields + contexts {
            put(UInt16(name.utf8.count))
            bytes += Array(name.utf8)
        }
        return bytes
    }
}

/// A hostile program and the reason it must be refused for.
struct HostileProgram: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let reason: String

    var testDescription: String { name }
}

private func program(
    _ instructions: [(FilterOpcode, UInt8, UInt16, Int32)], configure: (inout ProgramBytes) -> Void = { _ in }
)
    -> [UInt8]
{
    var program = ProgramBytes(instructions)
    configure(&program)
    return program.bytes
}

let hostilePrograms: [HostileProgram] = {
    let valid = program([(.pushInteger, 0, 0, 1), (.return, 0, 0, 0)])
    var badMagic = valid
    badMagic[0] = UInt8(ascii: "X")
    var reserved = valid
    reserved[6] = 1
    var reserved2 = valid
    reserved2[22] = 1
    return [
        HostileProgram(name: "bad magic", bytes: badMagic, reason: "not a Spoor filter program (bad magic)"),
        HostileProgram(name: "empty input", bytes: [], reason: "truncated program: 4 bytes needed, 0 left"),
        HostileProgram(
            name: "future version", bytes: program([(.return, 0, 0, 0)]) { $0.version = 2 },
            reason: "unsupported version 2"),
        HostileProgram(name: "reserved field set", bytes: reserved, reason: "reserved field is not zero"),
        HostileProgram(name: "second reserved field set", bytes: reserved2, reason: "reserved field is not zero"),
        HostileProgram(name: "no instruction", bytes: program([]), reason: "instruction count 0 is outside 1...65535"),
        HostileProgram(
            name: "instruction count beyond the data",
            bytes: Array(valid[0..<8]) + [200, 0, 0, 0] + Array(valid[12...]),
            reason: "truncated program: 1600 bytes needed, 16 left"),
        HostileProgram(
            name: "unknown opcode",
            bytes: program([(.pushInteger, 0, 0, 1), (.return, 0, 0, 0)]).enumerated().map {
                $0.offset == 24 ? 200 : $0.element
            }, reason: "unknown opcode 200"),
        HostileProgram(
            name: "trailing bytes", bytes: valid + [0], reason: "1 unexpected bytes after the program"),
        HostileProgram(
            name: "truncated", bytes: Array(valid.dropLast()), reason: "truncated program: 16 bytes needed, 15 left"),
        HostileProgram(
            name: "stack underflow", bytes: program([(.equal, 0, 0, 0), (.return, 0, 0, 0)]),
            reason: "instruction 0: stack underflow"),
        HostileProgram(
            name: "underflow after a push",
            bytes: program([(.pushInteger, 0, 0, 1), (.bitwiseAnd, 0, 0, 0), (.return, 0, 0, 0)]),
            reason: "instruction 1: stack underflow"),
        HostileProgram(
            name: "return with two values",
            bytes: program([(.pushInteger, 0, 0, 1), (.pushInteger, 0, 0, 1), (.return, 0, 0, 0)]),
            reason: "instruction 2: return with 2 values on the stack"),
        HostileProgram(
            name: "return with nothing", bytes: program([(.return, 0, 0, 0)]),
            reason: "instruction 0: return with 0 values on the stack"),
        HostileProgram(
            name: "runs off the end", bytes: program([(.pushInteger, 0, 0, 1)]),
            reason: "instruction 0: the program runs off its end"),
        HostileProgram(
            name: "unreachable code",
            bytes: program([(.pushInteger, 0, 0, 1), (.return, 0, 0, 0), (.pushInteger, 0, 0, 1), (.return, 0, 0, 0)]),
            reason: "instruction 2: unreachable"),
        HostileProgram(
            name: "backward jump",
            bytes: program([
                (.pushInteger, 0, 0, 1), (.jumpIfTrue, 0, 0, 0), (.pushInteger, 0, 0, 1), (.return, 0, 0, 0),
            ]),
            reason: "instruction 1: jump target 0 is not a later instruction"),
        HostileProgram(
            name: "jump to itself",
            bytes: program([
                (.pushInteger, 0, 0, 1), (.jumpIfTrue, 0, 0, 1), (.pushInteger, 0, 0, 1), (.return, 0, 0, 0),
            ]),
            reason: "instruction 1: jump target 1 is not a later instruction"),
        HostileProgram(
            name: "jump past the end",
            bytes: program([
                (.pushInteger, 0, 0, 1), (.jumpIfFalse, 0, 0, 4), (.pushInteger, 0, 0, 1), (.return, 0, 0, 0),
            ]),
            reason: "instruction 1: jump target 4 is not a later instruction"),
        HostileProgram(
            name: "negative jump",
            bytes: program([
                (.pushInteger, 0, 0, 1), (.jumpIfFalse, 0, 0, -5), (.pushInteger, 0, 0, 1), (.return, 0, 0, 0),
            ]),
            reason: "instruction 1: jump target -5 is not a later instruction"),
        HostileProgram(
            name: "paths disagree on the stack depth",
            bytes: program([
                (.pushInteger, 0, 0, 1), (.jumpIfTrue, 0, 0, 4), (.pushInteger, 0, 0, 1), (.pushInteger, 0, 0, 1),
                (.return, 0, 0, 0),
            ]), reason: "instruction 3: paths reach instruction 4 with different stack depths"),
        HostileProgram(
            name: "stack overflow",
            bytes: program(
                Array(repeating: (.pushInteger, 0, 0, 1), count: 33) + Array(repeating: (.equal, 0, 0, 0), count: 32)
                    + [(.return, 0, 0, 0)]), reason: "instruction 32: stack deeper than 32"),
        HostileProgram(
            name: "field index out of range", bytes: program([(.loadField, 0, 0, 0), (.return, 0, 0, 0)]),
            reason: "instruction 0: index 0 out of range (0 entries)"),
        HostileProgram(
            name: "context index out of range",
            bytes: program([(.loadContext, 0, 1, 0), (.return, 0, 0, 0)]) { $0.contexts = ["vpid"] },
            reason: "instruction 0: index 1 out of range (1 entries)"),
        HostileProgram(
            name: "constant index out of range", bytes: program([(.pushWideInteger, 0, 0, 0), (.return, 0, 0, 0)]),
            reason: "instruction 0: index 0 out of range (0 entries)"),
        HostileProgram(
            name: "double index out of range",
            bytes: program([(.pushDouble, 0, 1, 0), (.return, 0, 0, 0)]) { $0.doubles = [1] },
            reason: "instruction 0: index 1 out of range (1 entries)"),
        HostileProgram(
            name: "literal index out of range",
            bytes: program([(.loadField, 0, 0, 0), (.compareLiteral, 0, 0, 0), (.return, 0, 0, 0)]) {
                $0.fields = ["s"]
            },
            reason: "instruction 1: index 0 out of range (0 entries)"),
        HostileProgram(
            name: "index where none belongs", bytes: program([(.pushInteger, 0, 3, 1), (.return, 0, 0, 0)]),
            reason: "instruction 0: unexpected index 3"),
        HostileProgram(
            name: "operand where none belongs",
            bytes: program([(.pushInteger, 0, 0, 1), (.negate, 0, 0, 9), (.return, 0, 0, 0)]),
            reason: "instruction 1: unexpected operand 9"),
        HostileProgram(
            name: "negative element",
            bytes: program([(.loadFieldElement, 0, 0, -1), (.return, 0, 0, 0)]) { $0.fields = ["a"] },
            reason: "instruction 0: negative element -1"),
        HostileProgram(
            name: "bad relation",
            bytes: program([(.loadField, 0, 0, 0), (.compareLiteral, 6, 0, 0), (.return, 0, 0, 0)]) {
                $0.fields = ["s"]
                $0.literals = [Array("x".utf8)]
            }, reason: "instruction 1: invalid flags 6"),
        HostileProgram(
            name: "flags on an add",
            bytes: program([
                (.pushInteger, 0, 0, 1), (.pushInteger, 0, 0, 1), (.bitwiseAnd, 1, 0, 0), (.return, 0, 0, 0),
            ]),
            reason: "instruction 2: invalid flags 1"),
        HostileProgram(
            name: "empty name", bytes: program([(.pushInteger, 0, 0, 1), (.return, 0, 0, 0)]) { $0.fields = [""] },
            reason: "name length 0 is outside 1...1024"),
        HostileProgram(
            name: "duplicate name",
            bytes: program([(.pushInteger, 0, 0, 1), (.return, 0, 0, 0)]) { $0.fields = ["a", "a"] },
            reason: "duplicate name 'a'"),

        HostileProgram(
            name: "literals longer than any expression in all",
            bytes: program([(.pushInteger, 0, 0, 1), (.return, 0, 0, 0)]) {
                $0.literals = [[UInt8](repeating: 1, count: 40_000), [UInt8](repeating: 2, count: 40_000)]
            }, reason: "string literals are longer than 65536 bytes in all"),
        HostileProgram(
            name: "name that is not UTF-8",
            bytes: {
                var bytes = program([(.pushInteger, 0, 0, 1), (.return, 0, 0, 0)]) { $0.fields = ["ab"] }
                bytes[bytes.count - 1] = 0xFF
                return bytes
            }(), reason: "name is not valid UTF-8"),
        HostileProgram(
            name: "literal longer than any expression",
            bytes: {
                var bytes = program([(.pushInteger, 0, 0, 1), (.return, 0, 0, 0)]) { $0.literals = [[1]] }
                bytes.replaceSubrange((bytes.count - 5)..<(bytes.count - 1), with: [0xFF, 0xFF, 0xFF, 0x7F])
                return bytes
            }(), reason: "string literals are longer than 65536 bytes in all"),
    ]
}()

@Suite("Filter bytecode")
struct BytecodeTests {
    @Test("encodes a program in the documented layout")
    func goldenBytes() throws {
        let program = try FilterProgram(compiling: "my_int > 5 && s == \"a*\" || d < 2.5 || $ctx.vpid == 0x100000000")
        #expect(
            program.description == """
                0: loadField my_int
                1: pushInteger 5
                2: greater
                3: jumpIfFalse 6
                4: loadField s
                5: compareLiteral == "a*"
                6: jumpIfTrue 14
                7: loadField d
                8: pushDouble 2.5
                9: less
                10: jumpIfTrue 14
                11: loadContext vpid
                12: pushWideInteger 4294967296
                13: equal
                14: return
                """)
        let expected =
            // magic, version 1, reserved
            "53504642" + "0100" + "0000"
            // 15 instructions; 1 integer, 1 double, 1 literal, 3 fields, 1 context; reserved
            + "0f000000" + "0100" + "0100" + "0100" + "0300" + "0100" + "0000"
            // instructions: opcode, flags, index (LE), operand (LE)
            + "04000000" + "00000000" + "01000000" + "05000000" + "10000000" + "00000000"
            + "18000000" + "06000000" + "04000100" + "00000000" + "12000000" + "00000000"
            + "19000000" + "0e000000" + "04000200" + "00000000" + "03000000" + "00000000"
            + "0e000000" + "00000000" + "19000000" + "0e000000" + "06000000" + "00000000"
            + "02000000" + "00000000" + "0c000000" + "00000000" + "00000000" + "00000000"
            // integer 0x100000000, double 2.5
            + "0000000001000000" + "0000000000000440"
            // literal "a*": length 2, 'a', wildcard
            + "02000000" + "6100"
            // names: my_int, s, d, vpid
            + "0600" + hex(Array("my_int".utf8)) + "0100" + "73" + "0100" + "64" + "0400" + hex(Array("vpid".utf8))
        #expect(hex(program.bytes) == expected)
        #expect(try FilterProgram(bytes: program.bytes) == program)
    }

    @Test("pins the header layout")
    func headerLayout() throws {
        let bytes = try FilterProgram(compiling: "a == 1").bytes
        #expect(Array(bytes[0..<4]) == Array("SPFB".utf8))
        #expect(bytes.count == 24 + 4 * FilterInstruction.size + 2 + 1)  // header, 4 instructions, name "a"
        #expect(bytes[8] == 4)  // instruction count
        #expect(bytes[18] == 1)  // field name count
        #expect(bytes[24] == FilterOpcode.loadField.rawValue)
    }

    @Test("a program survives being written by hand in the documented layout")
    func handWrittenProgram() throws {
        var source = ProgramBytes([
            (.loadField, 0, 0, 0), (.pushWideInteger, 0, 0, 0), (.shiftRight, 0, 0, 0), (.loadContextElement, 0, 0, 2),
            (.pushDouble, 0, 0, 0), (.greaterOrEqual, 0, 0, 0), (.bitwiseOr, 0, 0, 0), (.return, 0, 0, 0),
        ])
        source.integers = [1 << 40]
        source.doubles = [0.5]
        source.fields = ["row"]
        source.contexts = ["vpid"]
        let program = try FilterProgram(bytes: source.bytes)
        #expect(program.bytes == source.bytes)
        #expect(program.maximumStackDepth == 3)
    }

    @Test("every prefix of a valid program is refused, none crashes")
    func truncations() throws {
        let bytes = try FilterProgram(compiling: "s == \"a*\" && $ctx.vpid > 3 || arr[2] >> 1 == 0x1ffffffff").bytes
        for length in 0..<bytes.count {
            #expect(throws: FilterError.self) { try FilterProgram(bytes: Array(bytes[0..<length])) }
        }
    }

    @Test("hostile programs are refused at load, with the reason", arguments: hostilePrograms)
    func hostile(_ entry: HostileProgram) {
        do {
            _ = try FilterProgram(bytes: entry.bytes)
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .bytecode)
            #expect(error.reason == entry.reason)
            #expect(error.description.hasPrefix("Invalid filter bytecode: \(entry.reason) (at byte "))
        }
    }

    @Test("a return in the middle of a valid program ends it")
    func earlyReturn() throws {
        let program = try FilterProgram(
            bytes: ProgramBytes([
                (.pushInteger, 0, 0, 0), (.jumpIfFalse, 0, 0, 4), (.pushInteger, 0, 0, 7), (.return, 0, 0, 0),
                (.return, 0, 0, 0),
            ]).bytes)
        #expect(!program.bind(fields: []).evaluate(SmallSource(index: 0)))
        let other = try FilterProgram(
            bytes: ProgramBytes([
                (.pushInteger, 0, 0, 1), (.jumpIfFalse, 0, 0, 4), (.pushInteger, 0, 0, 7), (.return, 0, 0, 0),
                (.return, 0, 0, 0),
            ]).bytes)
        #expect(other.bind(fields: []).evaluate(SmallSource(index: 0)))
    }
}
