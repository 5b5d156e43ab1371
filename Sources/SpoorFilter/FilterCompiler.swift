/// Turns an expression tree into a ``FilterProgram``.
///
/// - Constant sub-expressions are folded (`-5`, `"abc" == "a*"`, `1 || x`), unless folding would
///   hit a run-time error (`1 << 64`), which then happens at run time as the language says.
/// - A comparison with a string literal becomes one ``FilterOpcode/compareLiteral`` whatever
///   side the literal is on, so string literals never live on the stack.
/// - Operands are ordered by their stack needs (Sethi–Ullman): the deeper one runs first, so a
///   right-nested `a == (b == (c == …))` needs two slots, not one per level. Operand order is
///   invisible: operands have no side effects and any error makes the whole filter false.
struct FilterCompiler {
    let text: String
    private var instructions: [FilterInstruction] = []
    private var integerConstants = Pool<Int64>()
    private var doubleConstantBits = Pool<UInt64>()
    private var stringLiterals = Pool<FilterStringLiteral>()
    private var fieldNames = Pool<String>()
    private var contextNames = Pool<String>()

    /// Distinct values in order of first use.
    private struct Pool<Value: Hashable> {
        var values: [Value] = []
        var positions: [Value: Int] = [:]

        /// The position of `value`, added if new. Pools stay below 65,536 entries: constants and
        /// literals take an instruction each, and a name takes at least two bytes of the text.
        mutating func index(of value: Value) -> UInt16 {
            if let position = positions[value] { return UInt16(position) }
            positions[value] = values.count
            values.append(value)
            return UInt16(values.count - 1)
        }
    }

    init(text: String) {
        self.text = text
    }

    mutating func compile(_ root: FilterNode) throws(FilterError) -> FilterProgram {
        // Every referenced name is bound, even one whose load folds away (`1 || nosuch`): a
        // reference to a field the event does not have makes the filter false, as in LTTng.
        root.forEachReference { reference in
            switch reference.scope {
            case .payload: _ = fieldNames.index(of: reference.name)
            case .context: _ = contextNames.index(of: reference.name)
            }
        }
        let analysis = Analysis(root)
        let depth = analysis.stackNeed
        guard depth <= FilterLimits.maximumStackDepth else {
            throw FilterError(
                .limit, "the expression needs more than \(FilterLimits.maximumStackDepth) stack slots",
                expression: text, offset: 0)
        }
        try emit(root, analysis)
        try append(FilterInstruction(.return))
        return FilterProgram(
            instructions: instructions, integerConstants: integerConstants.values,
            doubleConstantBits: doubleConstantBits.values, stringLiterals: stringLiterals.values,
            fieldNames: fieldNames.values, contextNames: contextNames.values, maximumStackDepth: depth)
    }

    // MARK: Emission

    private mutating func append(_ instruction: FilterInstruction) throws(FilterError) {
        guard instructions.count < FilterLimits.maximumInstructionCount else {
            throw FilterError(
                .limit, "the expression compiles to more than \(FilterLimits.maximumInstructionCount) instructions",
                expression: text, offset: text.utf8.count)
        }
        instructions.append(instruction)
    }

    private mutating func emit(_ node: FilterNode, _ analysis: Analysis) throws(FilterError) {
        if let constant = analysis.constant {
            try emitConstant(constant)
            return
        }
        switch node {
        case .integer(let value):
            try emitConstant(.integer(value))
        case .double(let value):
            try emitConstant(.double(value))
        case .string:
            // The parser only lets a string literal be a comparison operand, which `.binary` handles.
            preconditionFailure("string literal outside a comparison")
        case .reference(let reference):
            try emitLoad(reference)
        case .unary(let op, let operand):
            try emit(operand, analysis.children[0])
            let opcode: FilterOpcode =
                switch op {
                case .negate: .negate
                case .plus: .plus
                case .logicalNot: .logicalNot
                case .bitwiseNot: .bitwiseNot
                }
            try append(FilterInstruction(opcode))
        case .binary(let op, let lhs, let rhs):
            try emitBinary(op, lhs, rhs, analysis.children[0], analysis.children[1])
        case .logical(let op, let operands):
            var jumps: [Int] = []
            for (position, operand) in operands.enumerated() {
                try emit(operand, analysis.children[position])
                if position < operands.count - 1 {
                    jumps.append(instructions.count)
                    try append(FilterInstruction(op == .and ? .jumpIfFalse : .jumpIfTrue))
                } else if !FilterCompiler.isBoolean(operand, analysis.children[position]) {
                    try append(FilterInstruction(.toBoolean))
                }
            }
            for jump in jumps { instructions[jump].operand = Int32(instructions.count) }
        }
    }

    private mutating func emitBinary(
        _ op: FilterBinaryOperator, _ lhs: FilterNode, _ rhs: FilterNode, _ left: Analysis, _ right: Analysis
    ) throws(FilterError) {
        if op.isComparison {
            if case .string(let literal) = rhs {
                try emit(lhs, left)
                let index = stringLiterals.index(of: literal)
                try append(FilterInstruction(.compareLiteral, flags: FilterRelation(op).rawValue, index: index))
                return
            }
            if case .string(let literal) = lhs {
                try emit(rhs, right)
                let index = stringLiterals.index(of: literal)
                try append(FilterInstruction(.compareLiteral, flags: FilterRelation(op.swapped).rawValue, index: index))
                return
            }
        }
        let swapped = right.stackNeed > left.stackNeed
        if swapped {
            try emit(rhs, right)
            try emit(lhs, left)
        } else {
            try emit(lhs, left)
            try emit(rhs, right)
        }
        let effective = swapped ? op.swapped : op
        switch effective {
        case .equal: try append(FilterInstruction(.equal))
        case .notEqual: try append(FilterInstruction(.notEqual))
        case .less: try append(FilterInstruction(.less))
        case .lessOrEqual: try append(FilterInstruction(.lessOrEqual))
        case .greater: try append(FilterInstruction(.greater))
        case .greaterOrEqual: try append(FilterInstruction(.greaterOrEqual))
        case .bitwiseAnd: try append(FilterInstruction(.bitwiseAnd))
        case .bitwiseOr: try append(FilterInstruction(.bitwiseOr))
        case .bitwiseXor: try append(FilterInstruction(.bitwiseXor))
        case .shiftLeft: try append(FilterInstruction(.shiftLeft, flags: swapped ? 1 : 0))
        case .shiftRight: try append(FilterInstruction(.shiftRight, flags: swapped ? 1 : 0))
        }
    }

    private mutating func emitLoad(_ reference: FilterFieldReference) throws(FilterError) {
        let isContext = reference.scope == .context
        let index =
            isContext
            ? contextNames.index(of: reference.name)
            : fieldNames.index(of: reference.name)
        if let element = reference.element {
            try append(
                FilterInstruction(
                    isContext ? .loadContextElement : .loadFieldElement, index: index, operand: Int32(element)))
        } else {
            try append(FilterInstruction(isContext ? .loadContext : .loadField, index: index))
        }
    }

    private mutating func emitConstant(_ constant: Constant) throws(FilterError) {
        switch constant {
        case .integer(let value):
            if let small = Int32(exactly: value) {
                try append(FilterInstruction(.pushInteger, operand: small))
            } else {
                let index = integerConstants.index(of: value)
                try append(FilterInstruction(.pushWideInteger, index: index))
            }
        case .double(let value):
            let index = doubleConstantBits.index(of: value.bitPattern)
            try append(FilterInstruction(.pushDouble, index: index))
        }
    }

    /// Whether `node` always yields 0 or 1 (or stops the program), so `toBoolean` would do nothing.
    private static func isBoolean(_ node: FilterNode, _ analysis: Analysis) -> Bool {
        if let constant = analysis.constant { return constant == .integer(0) || constant == .integer(1) }
        switch node {
        case .binary(let op, _, _): return op.isComparison
        case .logical, .unary(.logicalNot, _): return true
        default: return false
        }
    }

    // MARK: Analysis

    /// What the compiler needs to know about each node, computed once bottom-up.
    struct Analysis {
        /// The node's value if it has no reference and evaluates without error.
        var constant: Constant?
        /// The stack slots the node needs, with the deeper operand of each binary operator first.
        var stackNeed: Int
        /// The analyses of the node's operands, in tree order.
        var children: [Analysis]

        init(_ node: FilterNode) {
            switch node {
            case .integer(let value): self.init(constant: .integer(value), children: [])
            case .double(let value): self.init(constant: .double(value), children: [])
            case .string, .reference: self.init(constant: nil, children: [])
            case .unary(let op, let operand):
                let child = Analysis(operand)
                self.init(constant: child.constant.flatMap { FilterCompiler.unary(op, $0) }, children: [child])
                stackNeed = child.stackNeed
            case .binary(let op, let lhs, let rhs):
                let (left, right) = (Analysis(lhs), Analysis(rhs))
                var constant: Constant?
                if case .string(let l) = lhs, case .string(let r) = rhs {
                    constant = .integer(FilterCompiler.literalsCompare(l, op, r) ? 1 : 0)
                } else if let a = left.constant, let b = right.constant {
                    constant = FilterCompiler.binary(op, a, b)
                }
                self.init(constant: constant, children: [left, right])
                if case .string = rhs, op.isComparison {
                    stackNeed = left.stackNeed
                } else if case .string = lhs, op.isComparison {
                    stackNeed = right.stackNeed
                } else {
                    stackNeed =
                        left.stackNeed == right.stackNeed
                        ? left.stackNeed + 1 : max(left.stackNeed, right.stackNeed)
                }
            case .logical(let op, let operands):
                let children = operands.map(Analysis.init)
                self.init(constant: FilterCompiler.logical(op, children.map(\.constant)), children: children)
                // Each operand is popped (or the chain jumps out) before the next one runs.
                stackNeed = children.map(\.stackNeed).max() ?? 1
            }
            if constant != nil { stackNeed = 1 }
        }

        private init(constant: Constant?, children: [Analysis]) {
            self.constant = constant
            self.stackNeed = 1
            self.children = children
        }
    }

    // MARK: Constant folding

    enum Constant: Equatable {
        case integer(Int64)
        case double(Double)

        var truth: Bool {
            switch self {
            case .integer(let value): value != 0
            case .double(let value): value != 0
            }
        }
    }

    private static func unary(_ op: FilterUnaryOperator, _ value: Constant) -> Constant? {
        switch (op, value) {
        case (.negate, .integer(let v)): .integer(0 &- v)
        case (.negate, .double(let v)): .double(-v)
        case (.plus, _): value
        case (.logicalNot, _): .integer(value.truth ? 0 : 1)
        case (.bitwiseNot, .integer(let v)): .integer(~v)
        case (.bitwiseNot, .double): nil
        }
    }

    /// A chain folds when every operand up to the deciding one is constant (`1 || x` is 1).
    private static func logical(_ op: FilterLogicalOperator, _ values: [Constant?]) -> Constant? {
        for value in values {
            guard let value else { return nil }
            if op == .and && !value.truth { return .integer(0) }
            if op == .or && value.truth { return .integer(1) }
        }
        return .integer(op == .and ? 1 : 0)
    }

    static func binary(_ op: FilterBinaryOperator, _ lhs: Constant, _ rhs: Constant) -> Constant? {
        if op.isComparison {
            let order: FilterOrder
            switch (lhs, rhs) {
            case (.integer(let a), .integer(let b)): order = FilterRuntime.order(a, b)
            case (.integer(let a), .double(let b)): order = FilterRuntime.order(Double(a), b)
            case (.double(let a), .integer(let b)): order = FilterRuntime.order(a, Double(b))
            case (.double(let a), .double(let b)): order = FilterRuntime.order(a, b)
            }
            return .integer(FilterRuntime.holds(FilterRelation(op), order) ? 1 : 0)
        }
        guard case .integer(let a) = lhs, case .integer(let b) = rhs else { return nil }
        switch op {
        case .bitwiseAnd: return .integer(a & b)
        case .bitwiseOr: return .integer(a | b)
        case .bitwiseXor: return .integer(a ^ b)
        case .shiftLeft: return FilterRuntime.shiftLeft(a, by: b).map(Constant.integer)
        case .shiftRight: return FilterRuntime.shiftRight(a, by: b).map(Constant.integer)
        default: return nil
        }
    }

    /// Two literals compared, as LTTng 2.13 does: a glob pattern on the right matches the left
    /// literal's text, else one on the left matches the right's (`"a*" == "a*"`, `"ab*" == "a*"`,
    /// `"abc" == "a*c"` are true, `"a*" == "b*"` is false).
    static func literalsCompare(
        _ lhs: FilterStringLiteral, _ op: FilterBinaryOperator, _ rhs: FilterStringLiteral
    ) -> Bool {
        func text(_ literal: FilterStringLiteral) -> [UInt8] {
            literal.pattern.map { $0 == FilterStringLiteral.wildcard ? UInt8(ascii: "*") : $0 }
        }
        let (candidate, literal, relation) =
            lhs.hasWildcard && !rhs.hasWildcard
            ? (text(rhs), lhs, FilterRelation(op.swapped)) : (text(lhs), rhs, FilterRelation(op))
        return candidate.withUnsafeBytes { candidate in
            literal.pattern.withUnsafeBytes { pattern in
                FilterRuntime.compare(candidate, relation, literal: pattern)
            }
        }
    }
}
