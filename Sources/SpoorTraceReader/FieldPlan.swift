/// An integer field as a plan step: everything `FieldDecoder.decodeInteger` needs, and nothing
/// that holds a reference (copying a step costs no reference counting).
struct IntegerStep: Sendable {
    var size: Int
    var alignment: Int
    var isSigned: Bool
    var byteOrder: ByteOrder
    var base: Int
    var slot: Int
    var role: FieldRole
    /// The field sets the stream's clock value (a clock-mapped field other than the end time).
    var updatesClock: Bool
    var isPrinted: Bool

    init(_ layout: IntegerLayout, isPrinted: Bool) {
        size = layout.size
        alignment = layout.alignment
        isSigned = layout.isSigned
        byteOrder = layout.byteOrder
        base = layout.base
        slot = layout.slot
        role = layout.role
        updatesClock = layout.clock != nil && layout.role != .packetEndTime
        self.isPrinted = isPrinted
    }

}

/// Steps `start..<end` of a `FieldPlan`.
struct StepRange: Sendable {
    var start: Int
    var end: Int
}

/// One step of a compiled field layout, run in order by `FieldDecoder.run`.
enum PlanStep: Sendable {
    /// Appends `FieldPlan.literals[start..<start + count]` (labels, braces, separators).
    case literal(start: Int, count: Int)
    /// Aligns the reader (a structure's alignment).
    case align(Int)
    case integer(IntegerStep)
    /// An enumeration: its container, and its labels at `FieldPlan.enumerations[table]`.
    case enumeration(IntegerStep, table: Int)
    case float(isDouble: Bool, alignment: Int, byteOrder: ByteOrder, isPrinted: Bool)
    case string(isPrinted: Bool)
    /// A variant described by `FieldPlan.variants[table]`.
    case variant(table: Int)
    /// A static array or sequence described by `FieldPlan.arrays[table]`.
    case array(table: Int)
    /// The text of the current packet's context (shown before the event's own scopes).
    case packetContext
    /// Continues at step `to` (past the out-of-line steps of a variant's options or an array's
    /// element, which only their variant or array step runs).
    case jump(to: Int)
}

/// The labels of an enumeration, quoted once, with their ranges.
struct EnumerationTable: Sendable {
    var labels: [(quoted: [UInt8], ranges: [ClosedRange<Int128>])]
}

/// A variant: which option each tag range selects, and each option's steps.
struct VariantTable: Sendable {
    var tagSlot: Int
    var tagIsSigned: Bool
    var selectors: [(range: ClosedRange<Int128>, option: Int)]
    var options: [StepRange]
    var isPrinted: Bool
}

/// A static array or sequence: its length, and the steps of one element.
struct ArrayTable: Sendable {
    var length: ArrayLayout.Length
    var element: StepRange
    var isText: Bool
    /// The slot of the element integer of a text array (what tells its texts apart).
    var textSlot: Int
    var isCompound: Bool
    var elementMayBeEmpty: Bool
    var isPrinted: Bool
}

/// Field layouts compiled to flat steps, so that decoding an event walks an array of plain
/// values instead of a tree of enums whose payloads are reference counted at every visit.
///
/// A plan reproduces `FieldDecoder.decode(_:printing:into:)` step for step: the same reads, the
/// same slot and clock updates, the same text.
struct FieldPlan: Sendable {
    var steps: [PlanStep] = []
    var literals: [UInt8] = []
    var enumerations: [EnumerationTable] = []
    var variants: [VariantTable] = []
    var arrays: [ArrayTable] = []
    /// First step of the range being compiled: a literal is never merged into the step before it.
    private var rangeStart = 0
    /// End of the last out-of-line steps (variant options, array element): a literal that
    /// follows belongs to the enclosing steps and is not merged into them.
    private var outOfLineEnd = 0

    /// Compiles `layout` (printed when `isPrinted`) and returns its steps.
    mutating func compile(_ layout: FieldLayout, isPrinted: Bool) -> StepRange {
        let start = steps.count
        let outerStart = rangeStart
        rangeStart = start
        defer { rangeStart = outerStart }
        append(layout, isPrinted: isPrinted)
        return StepRange(start: start, end: steps.count)
    }

    /// Appends a literal, merged with the previous step when that is a literal too.
    mutating func appendLiteral(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if steps.count > max(rangeStart, outOfLineEnd), case .literal(let start, let count)? = steps.last,
            start + count == literals.count
        {
            steps[steps.count - 1] = .literal(start: start, count: count + bytes.count)
        } else {
            steps.append(.literal(start: literals.count, count: bytes.count))
        }
        literals += bytes
    }

    mutating func appendLiteral(_ text: String) {
        appendLiteral(Array(text.utf8))
    }

    private mutating func append(_ layout: FieldLayout, isPrinted: Bool) {
        switch layout {
        case .integer(let integer):
            steps.append(.integer(IntegerStep(integer, isPrinted: isPrinted)))
        case .enumeration(let integer, let mappings):
            let labels = mappings.map { mapping in
                var quoted: [UInt8] = []
                TextFormat.appendQuoted(mapping.label.utf8, to: &quoted)
                return (quoted, mapping.ranges)
            }
            enumerations.append(EnumerationTable(labels: labels))
            steps.append(.enumeration(IntegerStep(integer, isPrinted: isPrinted), table: enumerations.count - 1))
        case .floatingPoint(let float):
            steps.append(
                .float(
                    isDouble: float.isDouble, alignment: float.alignment, byteOrder: float.byteOrder,
                    isPrinted: isPrinted))
        case .string:
            steps.append(.string(isPrinted: isPrinted))
        case .structure(let structure):
            if structure.alignment > 1 { steps.append(.align(structure.alignment)) }
            if isPrinted { appendLiteral("{") }
            var printedCount = 0
            for member in structure.members {
                let showMember = isPrinted && member.layout.isShown
                if showMember {
                    appendLiteral(printedCount > 0 ? ", " : " ")
                    appendLiteral(member.label)
                    printedCount += 1
                }
                append(member.layout, isPrinted: showMember)
            }
            if isPrinted { appendLiteral(" }") }
        case .variant(let variant):
            // Options are compiled after the variant's own step, out of line.
            let table = variants.count
            variants.append(
                VariantTable(
                    tagSlot: variant.tagSlot, tagIsSigned: variant.tagIsSigned, selectors: variant.selectors,
                    options: [], isPrinted: isPrinted))
            steps.append(.variant(table: table))
            // The options' steps follow, out of line: the jump skips them.
            let jump = steps.count
            steps.append(.jump(to: 0))
            var options: [StepRange] = []
            for option in variant.options {
                options.append(compile(option.layout, isPrinted: isPrinted))
            }
            variants[table].options = options
            steps[jump] = .jump(to: steps.count)
            outOfLineEnd = steps.count
        case .array(let array):
            let table = arrays.count
            let isCompound =
                switch array.element {
                case .structure, .variant, .array: true
                default: false
                }
            let textSlot = if case .integer(let element) = array.element { element.slot } else { -1 }
            arrays.append(
                ArrayTable(
                    length: array.length, element: StepRange(start: 0, end: 0), isText: array.isText,
                    textSlot: textSlot, isCompound: isCompound, elementMayBeEmpty: array.element.mayBeEmpty,
                    isPrinted: isPrinted))
            steps.append(.array(table: table))
            let jump = steps.count
            steps.append(.jump(to: 0))
            arrays[table].element = compile(array.element, isPrinted: isPrinted)
            steps[jump] = .jump(to: steps.count)
            outOfLineEnd = steps.count
        }
    }
}
