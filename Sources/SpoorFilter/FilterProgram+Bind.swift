import SpoorModel

extension FilterProgram {
    /// Links the program to an event class whose payload fields and context fields have these
    /// names, in the order the ``FilterFieldSource`` indexes them.
    ///
    /// Context names are those of `lttng add-context --type`: `vpid`, `procname`,
    /// `perf:thread:cpu-cycles`, `$app.provider:type`. A name the program reads but the lists
    /// lack makes the filter always false (``BoundFilter/isAlwaysFalse``).
    public func bind(fields: [String], contexts: [String] = []) -> BoundFilter {
        link(fields: fields, contexts: contexts) { _, _, _ in true }
    }

    /// Links the program to an event class as its descriptor declares it, which also lets the
    /// link reject what can never be read: an element of a field that is not an array or a
    /// sequence, an index past the end of a fixed-size array (with LTTng 2.13,
    /// `row == 1 || arr[3] == 7` records nothing when `arr` has 3 elements), or a whole array
    /// or sequence of non-text integers.
    ///
    /// `contexts` are the context fields of the channel (`ContextType.vpid.field`, …), in the
    /// order the ``FilterFieldSource`` indexes them.
    public func bind(event: EventDescriptor, contexts: [FieldDescriptor] = []) -> BoundFilter {
        let fields = event.fields
        return link(fields: fields.map(\.name), contexts: contexts.map(\.name)) { isContext, index, element in
            let type = (isContext ? contexts : fields)[index].type
            switch (type, element) {
            case (.array(_, let count), let element?): return element < count
            case (.sequence, _?): return true
            case (_, _?): return false
            case (.array(let integer, _), nil), (.sequence(let integer), nil): return integer.isText
            case (_, nil): return true
            }
        }
    }

    /// Resolves names to source indexes (`isReadable(isContext, sourceIndex, element)` may veto
    /// a load), then fuses instructions.
    private func link(fields: [String], contexts: [String], isReadable: (Bool, Int, Int?) -> Bool) -> BoundFilter {
        func indexes(of names: [String], in available: [String]) -> [Int]? {
            var positions: [String: Int] = [:]
            for (position, name) in available.enumerated() where positions[name] == nil { positions[name] = position }
            var result: [Int] = []
            for name in names {
                guard let position = positions[name], position <= Int(Int32.max) else { return nil }
                result.append(position)
            }
            return result
        }
        guard let fieldIndexes = indexes(of: fieldNames, in: fields),
            let contextIndexes = indexes(of: contextNames, in: contexts)
        else { return .alwaysFalse }

        var literalBytes: [UInt8] = []
        var literalOffsets: [Int] = []
        for literal in stringLiterals {
            literalOffsets.append(literalBytes.count)
            literalBytes += literal.pattern
        }

        // One linked instruction per program instruction, so jump targets keep their meaning.
        var linked: [BoundInstruction] = []
        linked.reserveCapacity(instructions.count)
        for instruction in instructions {
            let index = Int(instruction.index)
            switch instruction.opcode {
            case .return: linked.append(BoundInstruction(.return))
            case .pushInteger:
                linked.append(BoundInstruction(.pushInteger, immediate: UInt64(bitPattern: Int64(instruction.operand))))
            case .pushWideInteger:
                linked.append(BoundInstruction(.pushInteger, immediate: UInt64(bitPattern: integerConstants[index])))
            case .pushDouble:
                linked.append(BoundInstruction(.pushDouble, immediate: doubleConstantBits[index]))
            case .loadField, .loadFieldElement, .loadContext, .loadContextElement:
                let isContext = instruction.opcode == .loadContext || instruction.opcode == .loadContextElement
                let hasElement = instruction.opcode == .loadFieldElement || instruction.opcode == .loadContextElement
                let sourceIndex = isContext ? contextIndexes[index] : fieldIndexes[index]
                guard isReadable(isContext, sourceIndex, hasElement ? Int(instruction.operand) : nil) else {
                    return .alwaysFalse
                }
                let flags =
                    (isContext ? BoundInstruction.Flags.context : 0)
                    | (hasElement ? BoundInstruction.Flags.element : 0)
                linked.append(
                    BoundInstruction(
                        .load, flags: flags, index: Int32(sourceIndex), auxiliary: hasElement ? instruction.operand : 0)
                )
            case .negate: linked.append(BoundInstruction(.negate))
            case .plus: linked.append(BoundInstruction(.plus))
            case .logicalNot: linked.append(BoundInstruction(.logicalNot))
            case .bitwiseNot: linked.append(BoundInstruction(.bitwiseNot))
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
                let relation = FilterProgram.relation(of: instruction.opcode)
                linked.append(BoundInstruction(.compare, flags: BoundInstruction.mask(relation)))
            case .compareLiteral:
                // Flags were validated: 0...5.
                let relation = FilterRelation(rawValue: instruction.flags) ?? .equal
                let pattern = stringLiterals[index].pattern
                var length = pattern.count
                var location = UInt64(literalOffsets[index]) << BoundInstruction.LiteralBits.offsetShift
                if relation != .equal && relation != .notEqual {
                    location |= BoundInstruction.LiteralBits.ordering
                } else if let wildcard = pattern.firstIndex(of: FilterStringLiteral.wildcard) {
                    location |= BoundInstruction.LiteralBits.wildcard
                    if wildcard == pattern.count - 1 {
                        location |= BoundInstruction.LiteralBits.prefix
                        length -= 1
                    }
                }
                location |= UInt64(length)
                linked.append(
                    BoundInstruction(.compareLiteral, flags: BoundInstruction.mask(relation), immediate: location))
            case .bitwiseAnd: linked.append(BoundInstruction(.bitwiseAnd))
            case .bitwiseOr: linked.append(BoundInstruction(.bitwiseOr))
            case .bitwiseXor: linked.append(BoundInstruction(.bitwiseXor))
            case .shiftLeft: linked.append(BoundInstruction(.shiftLeft, flags: instruction.flags))
            case .shiftRight: linked.append(BoundInstruction(.shiftRight, flags: instruction.flags))
            case .jumpIfFalse: linked.append(BoundInstruction(.jumpIfFalse, index: instruction.operand))
            case .jumpIfTrue: linked.append(BoundInstruction(.jumpIfTrue, index: instruction.operand))
            case .toBoolean: linked.append(BoundInstruction(.toBoolean))
            }
        }
        return BoundFilter(code: FilterProgram.fuse(linked), literalBytes: literalBytes)
    }

    private static func relation(of opcode: FilterOpcode) -> FilterRelation {
        switch opcode {
        case .notEqual: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        default: .equal
        }
    }

    /// Fuses `load; push constant; compare` (either order), and `load; compareLiteral`, into
    /// one instruction each, and drops the final `return` (the interpreter stops at the end of
    /// the code). A fused group is never entered in its middle: no jump targets its inner part.
    private static func fuse(_ code: [BoundInstruction]) -> [BoundInstruction] {
        var isJumpTarget = [Bool](repeating: false, count: code.count + 1)
        for instruction in code where instruction.opcode == .jumpIfFalse || instruction.opcode == .jumpIfTrue {
            isJumpTarget[Int(instruction.index)] = true
        }
        var fused: [BoundInstruction] = []
        // Where each original instruction went; jumps are rewritten with it afterwards.
        var newIndex = [Int](repeating: 0, count: code.count + 1)
        var position = 0
        let end = code.last?.opcode == .return ? code.count - 1 : code.count
        while position < end {
            newIndex[position] = fused.count
            let first = code[position]
            let next = position + 1 < end && !isJumpTarget[position + 1] ? code[position + 1] : nil
            let third = next != nil && position + 2 < end && !isJumpTarget[position + 2] ? code[position + 2] : nil
            if first.opcode == .load, let next, next.opcode == .compareLiteral {
                var instruction = next
                instruction.opcode = .loadCompareLiteral
                instruction.flags |= first.flags
                instruction.index = first.index
                instruction.auxiliary = first.auxiliary
                fused.append(instruction)
                position += 2
                continue
            }
            if let next, let third, third.opcode == .compare {
                // `load; push` compares load OP constant; `push; load` compares constant OP load.
                let (load, constant, isSwapped) =
                    first.opcode == .load ? (first, next, false) : (next, first, true)
                if load.opcode == .load && (constant.opcode == .pushInteger || constant.opcode == .pushDouble) {
                    let mask = third.flags & BoundInstruction.Flags.relationMask
                    fused.append(
                        BoundInstruction(
                            constant.opcode == .pushInteger ? .loadCompareInteger : .loadCompareDouble,
                            flags: load.flags | (isSwapped ? swappedMask(mask) : mask), index: load.index,
                            auxiliary: load.auxiliary, immediate: constant.immediate))
                    position += 3
                    continue
                }
            }
            if let next, first.opcode == .pushInteger || first.opcode == .pushDouble,
                [.compare, .bitwiseAnd, .bitwiseOr, .bitwiseXor, .shiftLeft, .shiftRight].contains(next.opcode)
            {
                var instruction = next
                instruction.flags |= BoundInstruction.Flags.immediateOperand
                if first.opcode == .pushDouble { instruction.flags |= BoundInstruction.Flags.immediateIsDouble }
                instruction.immediate = first.immediate
                fused.append(instruction)
                position += 2
                continue
            }
            fused.append(first)
            position += 1
        }
        for skipped in position...end { newIndex[skipped] = fused.count }
        for index in fused.indices where fused[index].opcode == .jumpIfFalse || fused[index].opcode == .jumpIfTrue {
            fused[index].index = Int32(newIndex[Int(fused[index].index)])
        }
        return fused
    }

    /// The mask of the comparison with its operands swapped: less and greater trade places.
    private static func swappedMask(_ mask: UInt8) -> UInt8 {
        let less: UInt8 = 1 << FilterOrder.less.rawValue
        let greater: UInt8 = 1 << FilterOrder.greater.rawValue
        var swapped = mask & ~(less | greater)
        if mask & less != 0 { swapped |= greater }
        if mask & greater != 0 { swapped |= less }
        return swapped
    }
}
