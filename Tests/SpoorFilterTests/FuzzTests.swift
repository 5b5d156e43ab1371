import SpoorFilter
import SpoorTestSupport
import Testing

/// One string field.
private struct StringSource: FilterFieldSource {
    var string: UnsafeRawBufferPointer

    func value(ofField index: Int) -> FilterValue { .string(string) }
}

/// Runs a loaded program on every row of both event classes: it must return, whatever it says.
private func exercise(_ program: FilterProgram) -> Int {
    var passed = 0
    let ev = program.bind(fields: eventFieldNames, contexts: contextNames)
    let small = program.bind(fields: ["row", "s", "d"], contexts: contextNames)
    let described = program.bind(event: eventDescriptor, contexts: contextDescriptors)
    for row in traceRows.indices {
        if ev.evaluate(EventSource(row)) { passed += 1 }
        if small.evaluate(SmallSource(index: row)) { passed += 1 }
        if described.evaluate(EventSource(row)) { passed += 1 }
    }
    return passed
}

@Suite("Fuzzing")
struct FuzzTests {
    @Test("mutated bytecode is refused or runs, and never crashes")
    func bytecodeMutations() throws {
        var random = SplitMix64(seed: 0x5EED_F11E)
        let corpus = try conformanceTable.map { try FilterProgram(compiling: $0.expression).bytes }
        let interesting: [UInt32] = [0, 1, 2, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF]
        var accepted = 0
        var rejected = 0
        for _ in 0..<4000 {
            var bytes = corpus.randomElement(using: &random) ?? []
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                let position = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<7, using: &random) {
                case 0: bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
                case 1: bytes[position] = UInt8.random(in: 0...255, using: &random)
                case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
                case 3: bytes.remove(at: position)
                case 4: bytes.removeLast(Int.random(in: 0...min(8, bytes.count), using: &random))
                case 5:
                    // An instruction field or a count set to an edge value.
                    let value = interesting.randomElement(using: &random) ?? 0
                    for offset in 0..<4 where position + offset < bytes.count {
                        bytes[position + offset] = UInt8(truncatingIfNeeded: value >> (8 * offset))
                    }
                default:
                    // An opcode byte of an instruction replaced by any opcode.
                    let instruction = 24 + 8 * Int.random(in: 0..<max(1, (bytes.count - 24) / 8), using: &random)
                    if instruction < bytes.count { bytes[instruction] = UInt8.random(in: 0...27, using: &random) }
                }
            }
            do {
                let program = try FilterProgram(bytes: bytes)
                accepted += 1
                #expect(program.bytes == bytes, "an accepted program re-encodes to the same bytes")
                _ = exercise(program)
            } catch {
                rejected += 1
                #expect(error.kind == .bytecode)
                #expect(error.offset >= 0 && error.offset <= bytes.count)
            }
        }
        // Both outcomes happen, or the fuzzer is not exploring.
        #expect(accepted > 100)
        #expect(rejected > 1000)
    }

    @Test("random instruction streams are refused or run, and never crash")
    func randomPrograms() {
        var random = SplitMix64(seed: 42)
        var accepted = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...12, using: &random)
            var instructions: [(FilterOpcode, UInt8, UInt16, Int32)] = []
            for position in 0..<count {
                // Mostly pushes and loads, so that stack effects often balance.
                let opcode =
                    Bool.random(using: &random)
                    ? [FilterOpcode.pushInteger, .loadField, .loadFieldElement, .loadContext, .pushDouble]
                        .randomElement(using: &random)!
                    : FilterOpcode.allCases.randomElement(using: &random)!
                let flags: UInt8 =
                    Int.random(in: 0..<4, using: &random) == 0 ? UInt8.random(in: 0...6, using: &random) : 0
                var index: UInt16 = 0
                var operand: Int32 = 0
                switch opcode {
                case .pushInteger: operand = Int32.random(in: -3...70, using: &random)
                case .loadField, .loadContext, .compareLiteral, .pushWideInteger, .pushDouble:
                    index = UInt16.random(in: 0...2, using: &random)
                case .loadFieldElement, .loadContextElement:
                    index = UInt16.random(in: 0...2, using: &random)
                    operand = Int32.random(in: 0...4, using: &random)
                case .jumpIfFalse, .jumpIfTrue: operand = Int32(position + Int.random(in: 1...3, using: &random))
                default: break
                }
                instructions.append((opcode, flags, index, operand))
            }
            if Bool.random(using: &random) { instructions.append((.return, 0, 0, 0)) }
            var source = ProgramBytes(instructions)
            source.integers = [Int64.min, -1, 1 << 40]
            source.doubles = [.nan, -0.0, 1e300]
            source.literals = [Array("hello".utf8) + [0], [0, 0x2A, 0], []]
            source.fields = ["row", "s", "arr"]
            source.contexts = ["vpid", "procname", "nothing"]
            guard let program = try? FilterProgram(bytes: source.bytes) else { continue }
            accepted += 1
            _ = exercise(program)
        }
        #expect(accepted > 500)
    }

    @Test("random token soups parse or fail with a position, and what parses runs")
    func tokenSoups() throws {
        var random = SplitMix64(seed: 7)
        let vocabulary = [
            "row", "s", "t", "d", "i", "u", "b", "arr", "seq", "txt", "stxt", "nosuch", "a.b", "arr[1]", "seq[2]",
            "arr[3]", "$ctx.vpid", "$ctx.procname", "$app.p:t", "$ctx.perf:thread:cpu-cycles", "$ctx", "$app.x", "$",
            "0", "1", "-1", "7", "010", "0x7f", "0xffffffffffffffff", "18446744073709551616", "1u", "2ll", "1.5", ".5",
            "1e3", "1e", "0x1p3", "1e309", "08", "\"hello*\"", "\"*o*\"", "\"a\\\\b\"", "\"\\*\"", "\"\"", "'x'",
            "\"unterminated", "\"bad\\t\"", "==", "!=", "<", "<=", ">", ">=", "&&", "||", "&", "|", "^", "<<", ">>",
            "!", "~", "-", "+", "*", "/", "%", "(", "(", ")", ")", "[", "]", ".", ":", "=", ";", "@", "é", " ", "\t",
            "\n",
        ]
        var parsed = 0
        for round in 0..<6000 {
            // Half soups, half grammatical expressions (which type checks may still refuse).
            let text =
                round.isMultiple(of: 2)
                ? (0..<Int.random(in: 1...24, using: &random))
                    .map { _ in vocabulary.randomElement(using: &random)! }
                    .joined(separator: Bool.random(using: &random) ? " " : "")
                : randomExpression(depth: 4, using: &random)
            let program: FilterProgram
            do {
                program = try FilterProgram(compiling: text)
            } catch {
                #expect(error.offset >= 0 && error.offset <= text.utf8.count)
                #expect(error.kind != .bytecode)
                #expect(error.description.hasPrefix("Invalid filter expression: \(error.reason) at "))
                continue
            }
            parsed += 1
            let loaded = try FilterProgram(bytes: program.bytes)
            #expect(loaded == program)
            let results = exercise(program)
            #expect(exercise(loaded) == results)
            // The fully parenthesised form means the same thing.
            let expression = try FilterExpression.parse(text)
            if !expression.description.contains("inf") && !expression.description.contains("nan") {
                let reparsed = try FilterProgram(compiling: expression.description)
                #expect(exercise(reparsed) == results, "\(text) → \(expression)")
            }
        }
        #expect(parsed > 1500)
    }

    private func randomExpression(depth: Int, using random: inout SplitMix64) -> String {
        let leaves = [
            "row", "s", "t", "d", "i", "u", "b", "f", "arr[0]", "arr[2]", "seq[1]", "txt", "stxt", "nosuch",
            "$ctx.vpid", "$ctx.procname", "0", "1", "-1", "5", "0xff", "63", "64", "9223372036854775807", "1.5", "-2.5",
            "0.1", "\"hello*\"", "\"*o*\"", "\"a\\\\b\"", "\"foo\\*bar\"", "\"\"",
        ]
        if depth == 0 || Int.random(in: 0..<3, using: &random) == 0 {
            return leaves.randomElement(using: &random)!
        }
        switch Int.random(in: 0..<4, using: &random) {
        case 0:
            let op = ["!", "~", "-", "+"].randomElement(using: &random)!
            return op + "(" + randomExpression(depth: depth - 1, using: &random) + ")"
        case 1:
            return "(" + randomExpression(depth: depth - 1, using: &random) + ")"
        default:
            let op = ["==", "!=", "<", "<=", ">", ">=", "&", "|", "^", "<<", ">>", "&&", "||"]
                .randomElement(using: &random)!
            return randomExpression(depth: depth - 1, using: &random) + " \(op) "
                + randomExpression(depth: depth - 1, using: &random)
        }
    }

    @Test("glob matching agrees with a backtracking reference matcher")
    func globsAgreeWithReference() throws {
        /// `*` matches any run; `\*` is a literal star (pattern given as (byte, isWildcard) pairs).
        func reference(_ string: ArraySlice<UInt8>, _ pattern: ArraySlice<(UInt8, Bool)>) -> Bool {
            guard let (byte, isWildcard) = pattern.first else { return string.isEmpty }
            if isWildcard {
                return (0...string.count).contains { reference(string.dropFirst($0), pattern.dropFirst()) }
            }
            return string.first == byte && reference(string.dropFirst(), pattern.dropFirst())
        }
        var random = SplitMix64(seed: 2024)
        for _ in 0..<3000 {
            let pattern = (0..<Int.random(in: 0...6, using: &random)).map { _ -> (UInt8, Bool) in
                switch Int.random(in: 0..<5, using: &random) {
                case 0, 1: (UInt8(ascii: "*"), true)
                case 2: (UInt8(ascii: "*"), false)
                default: (Bool.random(using: &random) ? UInt8(ascii: "a") : UInt8(ascii: "b"), false)
                }
            }
            let literal = pattern.map { $0.1 ? "*" : ($0.0 == UInt8(ascii: "*") ? "\\*" : String(UnicodeScalar($0.0))) }
            let bound = try FilterProgram(compiling: "s == \"\(literal.joined())\"").bind(fields: ["s"])
            for _ in 0..<8 {
                let string = (0..<Int.random(in: 0...7, using: &random)).map { _ in
                    [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "*")].randomElement(using: &random)!
                }
                let matched = string.withUnsafeBytes { bytes in bound.evaluate(StringSource(string: bytes)) }
                #expect(matched == reference(string[...], pattern[...]), "\(literal.joined()) vs \(string)")
            }
        }
    }

    @Test("random bytes never crash the parser")
    func randomBytes() {
        var random = SplitMix64(seed: 99)
        let alphabet = Array("ab01x$.:[]()*\\\"'=!<>&|^~-+ \t\n".utf8)
        for _ in 0..<5000 {
            let bytes = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                Bool.random(using: &random)
                    ? alphabet.randomElement(using: &random)! : UInt8.random(in: 1...255, using: &random)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            do {
                let program = try FilterProgram(compiling: text)
                _ = exercise(program)
            } catch {
                #expect(error.offset >= 0 && error.offset <= text.utf8.count)
            }
        }
    }
}
