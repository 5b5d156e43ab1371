/// A compiled filter: stack-machine bytecode plus its constants and the names it reads.
///
/// The session daemon compiles the user's expression once (``init(compiling:)``), sends
/// ``bytes`` to each app, and the app loads them with ``init(bytes:)``, which validates every
/// instruction so that no program, however hostile, can make the interpreter trap or read
/// outside its stack. The app then binds the program to each event class's field names
/// (``bind(fields:contexts:)``) and evaluates the ``BoundFilter`` on the hot path.
///
/// This plays the part of LTTng's filter bytecode (`lttng_bytecode`), which lttng-tools
/// generates and lttng-ust links and interprets; the encoding is Spoor's own.
public struct FilterProgram: Sendable, Hashable, CustomStringConvertible {
    /// The instructions; the last one is ``FilterOpcode/return``.
    public let instructions: [FilterInstruction]
    /// Integer constants that do not fit in an instruction's 32-bit operand.
    public let integerConstants: [Int64]
    /// Floating-point constants, as IEEE 754 bit patterns (so that equality is bitwise).
    public let doubleConstantBits: [UInt64]
    /// String literals, compared with ``FilterOpcode/compareLiteral``.
    public let stringLiterals: [FilterStringLiteral]
    /// The payload field names the program reads, indexed by the load instructions.
    public let fieldNames: [String]
    /// The context names the program reads (`vpid`, `$app.provider:type`).
    public let contextNames: [String]
    /// The most values the program ever has on its stack.
    public let maximumStackDepth: Int

    /// Creates a program from parts that ``validate()`` accepted or that the compiler built.
    init(
        instructions: [FilterInstruction], integerConstants: [Int64], doubleConstantBits: [UInt64],
        stringLiterals: [FilterStringLiteral], fieldNames: [String], contextNames: [String], maximumStackDepth: Int
    ) {
        self.instructions = instructions
        self.integerConstants = integerConstants
        self.doubleConstantBits = doubleConstantBits
        self.stringLiterals = stringLiterals
        self.fieldNames = fieldNames
        self.contextNames = contextNames
        self.maximumStackDepth = maximumStackDepth
    }

    /// Compiles a parsed expression.
    ///
    /// Throws only when the program would exceed ``FilterLimits`` (more instructions or stack
    /// slots than an app accepts).
    public init(compiling expression: FilterExpression) throws(FilterError) {
        var compiler = FilterCompiler(text: expression.text)
        self = try compiler.compile(expression.root)
    }

    /// Parses and compiles `text`.
    public init(compiling text: String) throws(FilterError) {
        try self.init(compiling: FilterExpression.parse(text))
    }

    /// A listing, one instruction a line: `2: compareLiteral == "hello*"`.
    public var description: String {
        instructions.enumerated().map { "\($0.offset): \(describe($0.element))" }.joined(separator: "\n")
    }

    private func describe(_ instruction: FilterInstruction) -> String {
        let name = String(describing: instruction.opcode)
        let index = Int(instruction.index)
        switch instruction.opcode {
        case .pushInteger: return "\(name) \(instruction.operand)"
        case .pushWideInteger: return "\(name) \(integerConstants[index])"
        case .pushDouble: return "\(name) \(Double(bitPattern: doubleConstantBits[index]))"
        case .loadField: return "\(name) \(fieldNames[index])"
        case .loadFieldElement: return "\(name) \(fieldNames[index])[\(instruction.operand)]"
        case .loadContext: return "\(name) \(contextNames[index])"
        case .loadContextElement: return "\(name) \(contextNames[index])[\(instruction.operand)]"
        case .compareLiteral:
            let relation = FilterRelation(rawValue: instruction.flags).map { $0.symbol } ?? "?"
            return "\(name) \(relation) \(stringLiterals[index])"
        case .shiftLeft, .shiftRight: return instruction.flags == 0 ? name : "\(name) swapped"
        case .jumpIfFalse, .jumpIfTrue: return "\(name) \(instruction.operand)"
        default: return name
        }
    }
}

/// One instruction: 8 bytes on the wire (see ``FilterProgram/bytes``).
///
/// ```
/// 0        1        2                 4                                 8
/// +--------+--------+-----------------+---------------------------------+
/// | opcode | flags  | index (u16 LE)  | operand (i32 LE)                |
/// +--------+--------+-----------------+---------------------------------+
/// ```
public struct FilterInstruction: Sendable, Hashable {
    /// What the instruction does.
    public var opcode: FilterOpcode
    /// A ``FilterRelation`` for ``FilterOpcode/compareLiteral``; 1 for a shift whose operands
    /// were pushed in reverse order; 0 otherwise.
    public var flags: UInt8
    /// A constant, literal, field or context index, depending on the opcode; 0 otherwise.
    public var index: UInt16
    /// An immediate integer, an array element or a jump target, depending on the opcode; 0 otherwise.
    public var operand: Int32

    /// Creates an instruction.
    public init(_ opcode: FilterOpcode, flags: UInt8 = 0, index: UInt16 = 0, operand: Int32 = 0) {
        self.opcode = opcode
        self.flags = flags
        self.index = index
        self.operand = operand
    }

    /// Bytes per instruction on the wire.
    public static let size = 8
}

/// The operations of the filter stack machine.
///
/// Values on the stack are integers (`Int64`), doubles or strings. An operation on the wrong
/// types, a missing field or an out-of-range shift stops the program: the filter is false.
public enum FilterOpcode: UInt8, Sendable, Hashable, CaseIterable {
    /// Pops the result: an integer or double is true when non-zero; a string stops the program.
    case `return` = 0
    /// Pushes `operand` as an integer.
    case pushInteger = 1
    /// Pushes integer constant `index`.
    case pushWideInteger = 2
    /// Pushes double constant `index`.
    case pushDouble = 3
    /// Pushes payload field `index`.
    case loadField = 4
    /// Pushes element `operand` of payload field `index`.
    case loadFieldElement = 5
    /// Pushes context field `index`.
    case loadContext = 6
    /// Pushes element `operand` of context field `index`.
    case loadContextElement = 7
    /// Negates the top number (integers wrap: `-INT64_MIN` is `INT64_MIN`).
    case negate = 8
    /// Checks that the top is a number.
    case plus = 9
    /// Replaces the top number with 1 if it is zero, else 0.
    case logicalNot = 10
    /// Replaces the top integer with its bitwise complement.
    case bitwiseNot = 11
    /// Pops two values and pushes 1 if they are equal, else 0. Integers compare as `Int64`,
    /// an integer and a double as doubles, strings byte by byte.
    case equal = 12
    case notEqual = 13
    case less = 14
    case lessOrEqual = 15
    case greater = 16
    case greaterOrEqual = 17
    /// Pops a string and pushes 1 if it relates to string literal `index` as ``FilterRelation``
    /// `flags` says (the string on the left), else 0.
    case compareLiteral = 18
    case bitwiseAnd = 19
    case bitwiseOr = 20
    case bitwiseXor = 21
    /// Pops two integers and pushes `(int64_t) ((uint64_t) value << amount)`; stops the program
    /// if the amount is outside 0...63. With `flags` 1 the amount is below the value.
    case shiftLeft = 22
    /// As ``shiftLeft``, with a logical right shift.
    case shiftRight = 23
    /// `&&`: if the top is false, replaces it with 0 and jumps to instruction `operand`; else pops it.
    case jumpIfFalse = 24
    /// `||`: if the top is true, replaces it with 1 and jumps to instruction `operand`; else pops it.
    case jumpIfTrue = 25
    /// Replaces the top number with 1 if it is true, else 0.
    case toBoolean = 26
}

/// How ``FilterOpcode/compareLiteral`` relates a string to a literal.
public enum FilterRelation: UInt8, Sendable, Hashable, CaseIterable {
    /// The string matches the literal; every `*` of the literal matches any run of bytes.
    case equal = 0
    /// The string does not match the literal.
    case notEqual = 1
    /// The string sorts before the literal (bytewise; a trailing `*` ends the comparison equal).
    case less = 2
    case lessOrEqual = 3
    case greater = 4
    case greaterOrEqual = 5

    init(_ op: FilterBinaryOperator) {
        switch op {
        case .notEqual: self = .notEqual
        case .less: self = .less
        case .lessOrEqual: self = .lessOrEqual
        case .greater: self = .greater
        case .greaterOrEqual: self = .greaterOrEqual
        default: self = .equal
        }
    }

    /// The operator that spells the relation.
    public var symbol: String {
        switch self {
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        }
    }
}
