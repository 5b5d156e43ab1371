/// One value on the interpreter stack. Trivial (no reference counting), so stack slots can be
/// overwritten without deinitialisation.
@usableFromInline
enum FilterSlot {
    case integer(Int64)
    case double(Double)
    case string(UnsafeRawBufferPointer)

    /// The slot for a field value; `nil` for ``FilterValue/missing``. Unsigned integers become
    /// their `Int64` bit pattern, as LTTng casts them.
    @inlinable
    init?(_ value: FilterValue) {
        switch value {
        case .signed(let value): self = .integer(value)
        case .unsigned(let value): self = .integer(Int64(bitPattern: value))
        case .double(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .missing: return nil
        }
    }

    /// Whether the value is true as an operand of `!`, `&&`, `||` or as the result; `nil` for a
    /// string, which stops the program.
    ///
    /// A double is true when non-zero, as in C. LTTng 2.13 differs and is inconsistent: `d &&
    /// 1` truncates `d` to an integer first (0.1 is false), `!d` does not (0.1 is true), and a
    /// double as the whole expression is always false. Spoor uses C's rule everywhere on purpose.
    @inlinable
    var truth: Bool? {
        switch self {
        case .integer(let value): value != 0
        case .double(let value): value != 0
        case .string: nil
        }
    }

    /// How two values compare; `nil` when a string meets a number (the filter is then false, as
    /// with LTTng's `s == 1`).
    @inlinable
    static func order(_ lhs: FilterSlot, _ rhs: FilterSlot) -> FilterOrder? {
        switch (lhs, rhs) {
        case (.integer(let a), .integer(let b)): FilterRuntime.order(a, b)
        case (.integer(let a), .double(let b)): FilterRuntime.order(Double(a), b)
        case (.double(let a), .integer(let b)): FilterRuntime.order(a, Double(b))
        case (.double(let a), .double(let b)): FilterRuntime.order(a, b)
        case (.string(let a), .string(let b)): FilterRuntime.order(a, b)
        default: nil
        }
    }
}

extension BoundFilter {
    /// Whether the event whose fields `source` reads passes the filter.
    ///
    /// Allocation-free: the stack is a fixed buffer on the caller's stack, the field source is a
    /// generic parameter (specialised when the caller is), and strings are compared in place.
    /// A missing value, an operator applied to the wrong types or a shift by more than 63
    /// makes the result false, as in LTTng.
    @inlinable
    public func evaluate<Source: FilterFieldSource>(_ source: Source) -> Bool {
        if code.isEmpty { return false }
        return code.withUnsafeBufferPointer { code in
            literalBytes.withUnsafeBytes { literals in
                withUnsafeTemporaryAllocation(of: FilterSlot.self, capacity: FilterLimits.maximumStackDepth) { stack in
                    guard let base = stack.baseAddress else { return false }
                    return BoundFilter.run(code, literals: literals, stack: base, source: source)
                }
            }
        }
    }

    /// The interpreter loop. The program was validated when it was loaded, so the stack pointer
    /// stays within `maximumStackDepth` slots, every jump lands on an instruction or the end,
    /// and every literal lies within `literals`; the loop checks only value types.
    @inlinable
    static func run<Source: FilterFieldSource>(
        _ code: UnsafeBufferPointer<BoundInstruction>, literals: UnsafeRawBufferPointer,
        stack: UnsafeMutablePointer<FilterSlot>, source: Source
    ) -> Bool {
        // Most filters are one comparison of a field with a constant: one fused instruction,
        // run here without the dispatch loop and its indirect jump.
        if code.count == 1 {
            let instruction = code[0]
            if instruction.opcode == .loadCompareInteger {
                return compare(load(instruction, from: source), integer: instruction) == 1
            }
            if instruction.opcode == .loadCompareDouble {
                return compare(load(instruction, from: source), double: instruction) == 1
            }
            if instruction.opcode == .loadCompareLiteral {
                guard case .string(let string) = load(instruction, from: source) else { return false }
                return compare(string, instruction, literals: literals) != 0
            }
        }
        var pc = 0
        var top = stack - 1
        while pc < code.count {
            let instruction = code[pc]
            pc &+= 1
            switch instruction.opcode {
            case .return:
                return top.pointee.truth ?? false
            case .pushInteger:
                top += 1
                top.initialize(to: .integer(Int64(bitPattern: instruction.immediate)))
            case .pushDouble:
                top += 1
                top.initialize(to: .double(Double(bitPattern: instruction.immediate)))
            case .load:
                guard let slot = FilterSlot(load(instruction, from: source)) else { return false }
                top += 1
                top.initialize(to: slot)
            case .negate:
                switch top.pointee {
                case .integer(let value): top.pointee = .integer(0 &- value)
                case .double(let value): top.pointee = .double(-value)
                case .string: return false
                }
            case .plus:
                if case .string = top.pointee { return false }
            case .logicalNot:
                guard let truth = top.pointee.truth else { return false }
                top.pointee = .integer(truth ? 0 : 1)
            case .bitwiseNot:
                guard case .integer(let value) = top.pointee else { return false }
                top.pointee = .integer(~value)
            case .compare:
                let rhs = secondOperand(instruction, &top)
                guard let order = FilterSlot.order(top.pointee, rhs) else { return false }
                top.pointee = .integer(holds(instruction.flags, order))
            case .compareLiteral:
                guard case .string(let string) = top.pointee else { return false }
                top.pointee = .integer(compare(string, instruction, literals: literals))
            case .loadCompareInteger:
                let result = compare(load(instruction, from: source), integer: instruction)
                guard result >= 0 else { return false }
                top += 1
                top.initialize(to: .integer(result))
            case .loadCompareDouble:
                let result = compare(load(instruction, from: source), double: instruction)
                guard result >= 0 else { return false }
                top += 1
                top.initialize(to: .integer(result))
            case .loadCompareLiteral:
                guard case .string(let string) = load(instruction, from: source) else { return false }
                top += 1
                top.initialize(to: .integer(compare(string, instruction, literals: literals)))
            case .bitwiseAnd, .bitwiseOr, .bitwiseXor, .shiftLeft, .shiftRight:
                let rhs = secondOperand(instruction, &top)
                guard case .integer(var lhsValue) = top.pointee, case .integer(var rhsValue) = rhs else { return false }
                if instruction.flags & BoundInstruction.Flags.swapped != 0 { swap(&lhsValue, &rhsValue) }
                let result: Int64?
                switch instruction.opcode {
                case .bitwiseAnd: result = lhsValue & rhsValue
                case .bitwiseOr: result = lhsValue | rhsValue
                case .bitwiseXor: result = lhsValue ^ rhsValue
                case .shiftLeft: result = FilterRuntime.shiftLeft(lhsValue, by: rhsValue)
                default: result = FilterRuntime.shiftRight(lhsValue, by: rhsValue)
                }
                guard let result else { return false }
                top.pointee = .integer(result)
            case .jumpIfFalse:
                guard let truth = top.pointee.truth else { return false }
                if truth {
                    top -= 1
                } else {
                    top.pointee = .integer(0)
                    pc = Int(instruction.index)
                }
            case .jumpIfTrue:
                guard let truth = top.pointee.truth else { return false }
                if truth {
                    top.pointee = .integer(1)
                    pc = Int(instruction.index)
                } else {
                    top -= 1
                }
            case .toBoolean:
                guard let truth = top.pointee.truth else { return false }
                top.pointee = .integer(truth ? 1 : 0)
            }
        }
        return top.pointee.truth ?? false
    }

    /// The second operand of a binary operator: `immediate`, or the popped top of the stack.
    @inlinable @inline(__always)
    static func secondOperand(_ instruction: BoundInstruction, _ top: inout UnsafeMutablePointer<FilterSlot>)
        -> FilterSlot
    {
        let flags = instruction.flags
        if flags & BoundInstruction.Flags.immediateOperand != 0 {
            return flags & BoundInstruction.Flags.immediateIsDouble != 0
                ? .double(Double(bitPattern: instruction.immediate))
                : .integer(Int64(bitPattern: instruction.immediate))
        }
        let operand = top.pointee
        top -= 1
        return operand
    }

    /// The value a `load` or fused instruction reads.
    @inlinable @inline(__always)
    static func load<Source: FilterFieldSource>(_ instruction: BoundInstruction, from source: Source) -> FilterValue {
        let index = Int(instruction.index)
        let hasElement = instruction.flags & BoundInstruction.Flags.element != 0
        if instruction.flags & BoundInstruction.Flags.context == 0 {
            return hasElement
                ? source.value(ofField: index, element: Int(instruction.auxiliary)) : source.value(ofField: index)
        }
        return hasElement
            ? source.value(ofContext: index, element: Int(instruction.auxiliary)) : source.value(ofContext: index)
    }

    /// 1 if `value` relates to the integer constant of `instruction` as its flags say, 0 if not,
    /// -1 if `value` is not a number.
    @inlinable @inline(__always)
    static func compare(_ value: FilterValue, integer instruction: BoundInstruction) -> Int64 {
        let constant = Int64(bitPattern: instruction.immediate)
        switch value {
        case .signed(let value): return holds(instruction.flags, FilterRuntime.order(value, constant))
        case .unsigned(let value):
            return holds(instruction.flags, FilterRuntime.order(Int64(bitPattern: value), constant))
        case .double(let value): return holds(instruction.flags, FilterRuntime.order(value, Double(constant)))
        case .string, .missing: return -1
        }
    }

    /// 1 if `value` relates to the double constant of `instruction` as its flags say, 0 if not,
    /// -1 if `value` is not a number.
    @inlinable @inline(__always)
    static func compare(_ value: FilterValue, double instruction: BoundInstruction) -> Int64 {
        let constant = Double(bitPattern: instruction.immediate)
        switch value {
        case .signed(let value): return holds(instruction.flags, FilterRuntime.order(Double(value), constant))
        case .unsigned(let value):
            return holds(instruction.flags, FilterRuntime.order(Double(Int64(bitPattern: value)), constant))
        case .double(let value): return holds(instruction.flags, FilterRuntime.order(value, constant))
        case .string, .missing: return -1
        }
    }

    /// 1 if `order` is in the relation mask of `flags`, else 0.
    @inlinable @inline(__always)
    static func holds(_ flags: UInt8, _ order: FilterOrder) -> Int64 {
        Int64((flags &>> order.rawValue) & 1)
    }

    /// 1 if `string` relates to the literal of `instruction` as its flags say, else 0.
    @inlinable
    static func compare(
        _ string: UnsafeRawBufferPointer, _ instruction: BoundInstruction, literals: UnsafeRawBufferPointer
    ) -> Int64 {
        let location = instruction.immediate
        let literal = UnsafeRawBufferPointer(
            start: literals.baseAddress.map {
                $0
                    + Int(
                        (location >> BoundInstruction.LiteralBits.offsetShift) & BoundInstruction.LiteralBits.offsetMask
                    )
            },
            count: Int(location & BoundInstruction.LiteralBits.lengthMask))
        let order: FilterOrder
        if location & BoundInstruction.LiteralBits.ordering != 0 {
            order = FilterRuntime.prefixOrder(string, literal)
        } else if location & BoundInstruction.LiteralBits.wildcard == 0 {
            order = FilterRuntime.equals(string, literal) ? .equal : .less
        } else if location & BoundInstruction.LiteralBits.prefix != 0 {
            order = FilterRuntime.hasPrefix(string, literal) ? .equal : .less
        } else {
            order = FilterRuntime.matches(string, pattern: literal) ? .equal : .less
        }
        return holds(instruction.flags, order)
    }
}
