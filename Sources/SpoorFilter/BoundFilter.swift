/// A ``FilterProgram`` linked to the field and context names of one event class: what the
/// tracer evaluates for every event of that class (lttng-ust's "linked bytecode").
///
/// Create one with ``FilterProgram/bind(fields:contexts:)`` or
/// ``FilterProgram/bind(event:contexts:)``; evaluate it with ``evaluate(_:)``.
///
/// If the program reads a field or context the event class does not have, the filter is false
/// for every event of the class, as lttng-event-rule(7) says ("When a field expression doesn't
/// exist, EXPR is false"): with the real LTTng 2.13, `nosuch == 1 || row == 1` records nothing,
/// whatever `row` is.
public struct BoundFilter: Sendable {
    /// The linked instructions; empty when the filter is always false.
    @usableFromInline let code: [BoundInstruction]
    /// The string literals, back to back; literal comparisons hold offsets into it.
    @usableFromInline let literalBytes: [UInt8]

    init(code: [BoundInstruction], literalBytes: [UInt8]) {
        self.code = code
        self.literalBytes = literalBytes
    }

    /// A filter that rejects every event.
    static let alwaysFalse = BoundFilter(code: [], literalBytes: [])

    /// Whether the filter rejects every event without reading any field (a name was not bound,
    /// or an index is past the end of a fixed-size array), so the tracer can skip it.
    public var isAlwaysFalse: Bool { code.isEmpty }
}

/// The operations of linked code: those of ``FilterOpcode`` with operands resolved, the four
/// loads merged into one, and a load, a constant and a comparison fused into one instruction.
///
/// Fusion matters because every instruction costs an indirect jump, the most expensive thing
/// the interpreter does: `my_int > 5` runs as one instruction instead of four.
@usableFromInline
enum BoundOpcode: UInt8, Sendable {
    /// Returns before the end (only hostile or hand-written programs have one).
    case `return`
    /// Pushes `immediate` as an integer.
    case pushInteger
    /// Pushes `immediate` as the bits of a double.
    case pushDouble
    /// Pushes a field or context (``BoundInstruction/Flags``) at `index`, element `auxiliary`.
    case load
    case negate, plus, logicalNot, bitwiseNot
    /// Pops two values (or takes the top one from `immediate`), pushes whether their order is in
    /// the relation mask of `flags`.
    case compare
    /// Pops a string, pushes whether it relates to the literal as ``BoundInstruction/LiteralBits`` say.
    case compareLiteral
    /// `load`, then compare with the integer `immediate`.
    case loadCompareInteger
    /// `load`, then compare with the double whose bits are `immediate`.
    case loadCompareDouble
    /// `load`, then `compareLiteral`.
    case loadCompareLiteral
    /// Bitwise operators (the top operand possibly from `immediate`).
    case bitwiseAnd, bitwiseOr, bitwiseXor, shiftLeft, shiftRight
    /// Jump to `index` (see ``FilterOpcode/jumpIfFalse``).
    case jumpIfFalse, jumpIfTrue
    case toBoolean
}

/// One linked instruction (24 bytes).
@usableFromInline
struct BoundInstruction: Sendable {
    @usableFromInline var opcode: BoundOpcode
    /// See ``Flags``.
    @usableFromInline var flags: UInt8
    /// A source field or context index, or a jump target.
    @usableFromInline var index: Int32
    /// The element of an indexed load.
    @usableFromInline var auxiliary: Int32
    /// A constant's bits, or a literal's ``LiteralBits``, offset and length.
    @usableFromInline var immediate: UInt64

    init(_ opcode: BoundOpcode, flags: UInt8 = 0, index: Int32 = 0, auxiliary: Int32 = 0, immediate: UInt64 = 0) {
        self.opcode = opcode
        self.flags = flags
        self.index = index
        self.auxiliary = auxiliary
        self.immediate = immediate
    }

    /// Bits of `flags`.
    @usableFromInline
    enum Flags {
        /// Bits 0–3 of a comparison: the orders (``FilterOrder`` raw values) for which it holds.
        @inlinable static var relationMask: UInt8 { 0x0F }
        /// Bit 0 of a shift: the amount was pushed before the value.
        @inlinable static var swapped: UInt8 { 0x01 }
        /// Bit 4 of a load: it reads a context field, not a payload field.
        @inlinable static var context: UInt8 { 0x10 }
        /// Bit 5 of a load: it reads element `auxiliary` of the field.
        @inlinable static var element: UInt8 { 0x20 }
        /// Bit 6 of a binary operator: the top operand is `immediate`, not popped.
        @inlinable static var immediateOperand: UInt8 { 0x40 }
        /// Bit 7 of a binary operator with an immediate operand: it is a double, not an integer.
        @inlinable static var immediateIsDouble: UInt8 { 0x80 }
    }

    /// How a literal comparison compares: bits of `immediate` above the literal's offset (bits
    /// 32–60) and length (bits 0–31). Tested one bit at a time, because a `switch` here becomes
    /// a jump table, and an indirect jump is the slowest thing the interpreter does.
    @usableFromInline
    enum LiteralBits {
        /// `<`, `<=`, `>`, `>=`: bytewise up to the first wildcard.
        @inlinable static var ordering: UInt64 { 1 << 63 }
        /// `==` or `!=` with a literal that has a wildcard (else: an exact comparison).
        @inlinable static var wildcard: UInt64 { 1 << 62 }
        /// With ``wildcard``: the only wildcard ends the literal, which `length` excludes.
        @inlinable static var prefix: UInt64 { 1 << 61 }
        /// Where the offset is.
        @inlinable static var offsetShift: UInt64 { 32 }
        @inlinable static var offsetMask: UInt64 { 0x1FFF_FFFF }
        @inlinable static var lengthMask: UInt64 { 0xFFFF_FFFF }
    }

    /// The mask of ``FilterOrder`` raw values for which `relation` holds.
    static func mask(_ relation: FilterRelation) -> UInt8 {
        func bit(_ order: FilterOrder) -> UInt8 { 1 << order.rawValue }
        switch relation {
        case .equal: return bit(.equal)
        case .notEqual: return bit(.less) | bit(.greater) | bit(.unordered)
        case .less: return bit(.less)
        case .lessOrEqual: return bit(.less) | bit(.equal)
        case .greater: return bit(.greater)
        case .greaterOrEqual: return bit(.greater) | bit(.equal)
        }
    }
}

/// A ``BoundFilter`` seen through pointers to its code and literals, for a caller that keeps
/// the filter alive elsewhere and wants no reference counting when evaluating it (the tracer's
/// hot path: copying a ``BoundFilter`` out of memory retains and releases its two arrays).
///
/// Valid only while the ``BoundFilter`` it was made from lives, unchanged.
public struct UnsafeBoundFilter: @unchecked Sendable {
    @usableFromInline let code: UnsafeBufferPointer<BoundInstruction>
    @usableFromInline let literals: UnsafeRawBufferPointer

    /// Borrows `filter`'s storage; `filter` must outlive every use of the result.
    public init(borrowing filter: BoundFilter) {
        // Arrays keep their storage at one address while they are neither changed nor freed:
        // the pointers stay valid after the closures return, for as long as `filter` lives.
        code = filter.code.withUnsafeBufferPointer { $0 }
        literals = filter.literalBytes.withUnsafeBytes { $0 }
    }

    /// Whether the event whose fields `source` reads passes the filter (see
    /// ``BoundFilter/evaluate(_:)``).
    @inlinable
    public func evaluate<Source: FilterFieldSource>(_ source: Source) -> Bool {
        if code.isEmpty { return false }
        return withUnsafeTemporaryAllocation(of: FilterSlot.self, capacity: FilterLimits.maximumStackDepth) { stack in
            guard let base = stack.baseAddress else { return false }
            return BoundFilter.run(code, literals: literals, stack: base, source: source)
        }
    }
}
