/// The serialized form of a ``FilterProgram``, all integers little-endian:
///
/// ```
/// offset  size  field
///   0      4    magic "SPFB"
///   4      2    version (1)
///   6      2    reserved, 0
///   8      4    instruction count (1...65,535)
///  12      2    integer constant count
///  14      2    double constant count
///  16      2    string literal count
///  18      2    field name count
///  20      2    context name count
///  22      2    reserved, 0
///  24      8×n  instructions (FilterInstruction: opcode u8, flags u8, index u16, operand i32)
///          8×n  integer constants (i64)
///          8×n  double constants (IEEE 754 binary64 bit patterns)
///               string literals: each u32 length, then the pattern bytes (0 = wildcard)
///               field names: each u16 length, then UTF-8 bytes
///               context names: each u16 length, then UTF-8 bytes
/// ```
///
/// Nothing may follow the last name.
extension FilterProgram {
    /// "SPFB".
    static let magic: [UInt8] = [0x53, 0x50, 0x46, 0x42]
    /// The only encoding version so far.
    static let version: UInt16 = 1
    /// Bytes before the first instruction.
    static let headerSize = 24

    /// The program as bytes for the wire; ``init(bytes:)`` reads them back.
    public var bytes: [UInt8] {
        var writer = ByteWriter()
        writer.bytes += FilterProgram.magic
        writer.write(FilterProgram.version)
        writer.write(UInt16(0))
        writer.write(UInt32(instructions.count))
        for count in [integerConstants.count, doubleConstantBits.count, stringLiterals.count, fieldNames.count] {
            writer.write(UInt16(count))
        }
        writer.write(UInt16(contextNames.count))
        writer.write(UInt16(0))
        for instruction in instructions {
            writer.write(instruction.opcode.rawValue)
            writer.write(instruction.flags)
            writer.write(instruction.index)
            writer.write(UInt32(bitPattern: instruction.operand))
        }
        for value in integerConstants { writer.write(UInt64(bitPattern: value)) }
        for bits in doubleConstantBits { writer.write(bits) }
        for literal in stringLiterals {
            writer.write(UInt32(literal.pattern.count))
            writer.bytes += literal.pattern
        }
        for name in fieldNames + contextNames {
            writer.write(UInt16(name.utf8.count))
            writer.bytes += Array(name.utf8)
        }
        return writer.bytes
    }

    /// Loads a program received from the session daemon, checking everything: the header, each
    /// opcode and its operands, jump targets (forward only, onto an instruction), and the stack
    /// depth on every path (no underflow, at most ``FilterLimits/maximumStackDepth``, exactly one
    /// value at each `return`, no path running off the end).
    ///
    /// A program this accepts cannot make ``BoundFilter/evaluate(_:)`` trap or touch memory
    /// outside its stack and literals.
    public init(bytes: [UInt8]) throws(FilterError) {
        var reader = ByteReader(bytes: bytes)
        guard try reader.readBytes(4) == FilterProgram.magic else {
            throw .bytecode("not a Spoor filter program (bad magic)", at: 0)
        }
        let version = try reader.read(UInt16.self)
        guard version == FilterProgram.version else {
            throw .bytecode("unsupported version \(version)", at: 4)
        }
        guard try reader.read(UInt16.self) == 0 else { throw .bytecode("reserved field is not zero", at: 6) }
        let instructionCount = Int(try reader.read(UInt32.self))
        guard instructionCount >= 1 && instructionCount <= FilterLimits.maximumInstructionCount else {
            throw .bytecode(
                "instruction count \(instructionCount) is outside 1...\(FilterLimits.maximumInstructionCount)", at: 8)
        }
        let integerCount = Int(try reader.read(UInt16.self))
        let doubleCount = Int(try reader.read(UInt16.self))
        let literalCount = Int(try reader.read(UInt16.self))
        let fieldCount = Int(try reader.read(UInt16.self))
        let contextCount = Int(try reader.read(UInt16.self))
        guard try reader.read(UInt16.self) == 0 else { throw .bytecode("reserved field is not zero", at: 22) }

        // Check sizes before reserving anything, so a hostile count cannot make us allocate.
        try reader.require(instructionCount * FilterInstruction.size + (integerCount + doubleCount) * 8)
        var instructions: [FilterInstruction] = []
        instructions.reserveCapacity(instructionCount)
        for _ in 0..<instructionCount {
            let offset = reader.offset
            let rawOpcode = try reader.read(UInt8.self)
            guard let opcode = FilterOpcode(rawValue: rawOpcode) else {
                throw .bytecode("unknown opcode \(rawOpcode)", at: offset)
            }
            let flags = try reader.read(UInt8.self)
            let index = try reader.read(UInt16.self)
            let operand = Int32(bitPattern: try reader.read(UInt32.self))
            instructions.append(FilterInstruction(opcode, flags: flags, index: index, operand: operand))
        }
        var integerConstants: [Int64] = []
        for _ in 0..<integerCount { integerConstants.append(Int64(bitPattern: try reader.read(UInt64.self))) }
        var doubleConstantBits: [UInt64] = []
        for _ in 0..<doubleCount { doubleConstantBits.append(try reader.read(UInt64.self)) }
        var stringLiterals: [FilterStringLiteral] = []
        var literalBytes = 0
        for _ in 0..<literalCount {
            let offset = reader.offset
            let length = Int(try reader.read(UInt32.self))
            // Literals come from the expression text, so together they are no longer than it;
            // linked code also relies on this to address them with 32-bit offsets.
            literalBytes += length
            guard literalBytes <= FilterLimits.maximumExpressionLength else {
                throw .bytecode(
                    "string literals are longer than \(FilterLimits.maximumExpressionLength) bytes in all", at: offset)
            }
            stringLiterals.append(FilterStringLiteral(pattern: try reader.readBytes(length)))
        }
        let fieldNames = try FilterProgram.readNames(fieldCount, from: &reader)
        let contextNames = try FilterProgram.readNames(contextCount, from: &reader)
        guard reader.offset == bytes.count else {
            throw .bytecode("\(bytes.count - reader.offset) unexpected bytes after the program", at: reader.offset)
        }

        let maximumStackDepth = try FilterProgram.validate(
            instructions, integerCount: integerCount, doubleCount: doubleCount, literalCount: literalCount,
            fieldCount: fieldCount, contextCount: contextCount)
        self.init(
            instructions: instructions, integerConstants: integerConstants, doubleConstantBits: doubleConstantBits,
            stringLiterals: stringLiterals, fieldNames: fieldNames, contextNames: contextNames,
            maximumStackDepth: maximumStackDepth)
    }

    private static func readNames(_ count: Int, from reader: inout ByteReader) throws(FilterError) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        for _ in 0..<count {
            let offset = reader.offset
            let length = Int(try reader.read(UInt16.self))
            guard length >= 1 && length <= FilterLimits.maximumNameLength else {
                throw .bytecode("name length \(length) is outside 1...\(FilterLimits.maximumNameLength)", at: offset)
            }
            let utf8 = try reader.readBytes(length)
            guard let name = String(validating: utf8, as: UTF8.self) else {
                throw .bytecode("name is not valid UTF-8", at: offset)
            }
            guard seen.insert(name).inserted else { throw .bytecode("duplicate name '\(name)'", at: offset) }
            names.append(name)
        }
        return names
    }

    /// Checks operands and stack effects; returns the deepest stack any path reaches.
    ///
    /// Jumps only go forward, so one pass in instruction order sees every way into an
    /// instruction before the instruction itself, and every program terminates.
    private static func validate(
        _ instructions: [FilterInstruction], integerCount: Int, doubleCount: Int, literalCount: Int,
        fieldCount: Int, contextCount: Int
    ) throws(FilterError) -> Int {
        func failure(_ reason: String, _ position: Int) -> FilterError {
            .bytecode("instruction \(position): \(reason)", at: headerSize + position * FilterInstruction.size)
        }
        // The stack depth on entry to each instruction; -1 until a path reaches it.
        var depthOnEntry = [Int](repeating: -1, count: instructions.count)
        depthOnEntry[0] = 0
        var deepest = 0
        for (position, instruction) in instructions.enumerated() {
            let depth = depthOnEntry[position]
            guard depth >= 0 else { throw failure("unreachable", position) }
            let opcode = instruction.opcode

            // Operands.
            let allowedFlags: UInt8 =
                switch opcode {
                case .compareLiteral: UInt8(FilterRelation.allCases.count - 1)
                case .shiftLeft, .shiftRight: 1
                default: 0
                }
            guard instruction.flags <= allowedFlags else {
                throw failure("invalid flags \(instruction.flags)", position)
            }
            let indexLimit: Int? =
                switch opcode {
                case .pushWideInteger: integerCount
                case .pushDouble: doubleCount
                case .compareLiteral: literalCount
                case .loadField, .loadFieldElement: fieldCount
                case .loadContext, .loadContextElement: contextCount
                default: nil
                }
            if let indexLimit {
                guard Int(instruction.index) < indexLimit else {
                    throw failure("index \(instruction.index) out of range (\(indexLimit) entries)", position)
                }
            } else if instruction.index != 0 {
                throw failure("unexpected index \(instruction.index)", position)
            }
            switch opcode {
            case .pushInteger: break
            case .loadFieldElement, .loadContextElement:
                guard instruction.operand >= 0 else {
                    throw failure("negative element \(instruction.operand)", position)
                }
            case .jumpIfFalse, .jumpIfTrue:
                let target = Int(instruction.operand)
                guard target > position && target < instructions.count else {
                    throw failure("jump target \(target) is not a later instruction", position)
                }
            default:
                guard instruction.operand == 0 else {
                    throw failure("unexpected operand \(instruction.operand)", position)
                }
            }

            // Stack effect: (values needed, depth after, next falls through).
            let needed: Int
            var after: Int
            switch opcode {
            case .pushInteger, .pushWideInteger, .pushDouble, .loadField, .loadFieldElement, .loadContext,
                .loadContextElement:
                needed = 0
                after = depth + 1
            case .negate, .plus, .logicalNot, .bitwiseNot, .compareLiteral, .toBoolean:
                needed = 1
                after = depth
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .bitwiseAnd, .bitwiseOr,
                .bitwiseXor, .shiftLeft, .shiftRight:
                needed = 2
                after = depth - 1
            case .jumpIfFalse, .jumpIfTrue:
                needed = 1
                after = depth - 1
            case .return:
                guard depth == 1 else { throw failure("return with \(depth) values on the stack", position) }
                needed = 1
                after = 0
            }
            guard depth >= needed else { throw failure("stack underflow", position) }
            guard after <= FilterLimits.maximumStackDepth else {
                throw failure("stack deeper than \(FilterLimits.maximumStackDepth)", position)
            }
            deepest = max(deepest, after)

            // Successors.
            func reach(_ target: Int, with depth: Int) throws(FilterError) {
                if depthOnEntry[target] == -1 {
                    depthOnEntry[target] = depth
                } else if depthOnEntry[target] != depth {
                    throw failure("paths reach instruction \(target) with different stack depths", position)
                }
            }
            if opcode == .jumpIfFalse || opcode == .jumpIfTrue {
                try reach(Int(instruction.operand), with: depth)  // the top stays, replaced by 0 or 1
            }
            if opcode != .return {
                guard position + 1 < instructions.count else { throw failure("the program runs off its end", position) }
                try reach(position + 1, with: after)
            }
        }
        return deepest
    }
}

/// Appends little-endian integers.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func write<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}

/// Reads little-endian integers, throwing at the end of the input.
private struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    func require(_ count: Int) throws(FilterError) {
        guard count >= 0 && count <= bytes.count - offset else {
            throw .bytecode("truncated program: \(count) bytes needed, \(bytes.count - offset) left", at: offset)
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type) throws(FilterError) -> T {
        try require(MemoryLayout<T>.size)
        var value = T.zero
        for (shift, byte) in bytes[offset..<(offset + MemoryLayout<T>.size)].enumerated() {
            value |= T(truncatingIfNeeded: byte) << (shift * 8)
        }
        offset += MemoryLayout<T>.size
        return value
    }

    mutating func readBytes(_ count: Int) throws(FilterError) -> [UInt8] {
        try require(count)
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }
}
