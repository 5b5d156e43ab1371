import SpoorFilter
import Testing

/// An expression the parser must reject, with the exact message and position.
struct MalformedFilter: Sendable, CustomTestStringConvertible {
    let expression: String
    let kind: FilterError.Kind
    let offset: Int
    let message: String

    init(_ expression: String, _ kind: FilterError.Kind, at offset: Int, _ message: String) {
        self.expression = expression
        self.kind = kind
        self.offset = offset
        self.message = message
    }

    var testDescription: String { expression.isEmpty ? "(empty)" : expression }
}

/// What LTTng 2.13 also rejects, unless noted: arithmetic ("make_op: binary operation '+' not
/// supported"), escapes other than `\\` and `\*` ("Unsupported escape character detected"), a
/// string literal compared with a number ("operand type mismatch"), a glob with `<` ("Only the
/// `==` and `!=` operators are allowed with a globbing pattern"), a string literal under a unary
/// operator, a non-constant index ("Expecting constant index in array expression"), and syntax
/// errors. Spoor also rejects what LTTng accepts and then never matches: `$app.foo` (no type),
/// `~1.5` and other bitwise operators on a double literal, and integers wider than 64 bits
/// (LTTng saturates them to -1).
let malformedFilters: [MalformedFilter] = [
    MalformedFilter(
        "intfield > (3 | 4))", .syntax, at: 18,
        "Invalid filter expression: unexpected ')' at column 19:\n  intfield > (3 | 4))\n                    ^"),
    MalformedFilter(
        "row + 1 == 2", .unsupported, at: 4,
        "Invalid filter expression: arithmetic operator '+' is not supported in filter expressions at column 5:\n  row + 1 == 2\n      ^"
    ),
    MalformedFilter(
        "row * 2 == 2", .unsupported, at: 4,
        "Invalid filter expression: arithmetic operator '*' is not supported in filter expressions at column 5:\n  row * 2 == 2\n      ^"
    ),
    MalformedFilter(
        "row / 0 == 0", .unsupported, at: 4,
        "Invalid filter expression: arithmetic operator '/' is not supported in filter expressions at column 5:\n  row / 0 == 0\n      ^"
    ),
    MalformedFilter(
        "row % 2 == 0", .unsupported, at: 4,
        "Invalid filter expression: arithmetic operator '%' is not supported in filter expressions at column 5:\n  row % 2 == 0\n      ^"
    ),
    MalformedFilter(
        "row - 1 == 0", .unsupported, at: 4,
        "Invalid filter expression: arithmetic operator '-' is not supported in filter expressions at column 5:\n  row - 1 == 0\n      ^"
    ),
    MalformedFilter(
        "$ctx.vpid-1 == 0", .unsupported, at: 9,
        "Invalid filter expression: arithmetic operator '-' is not supported in filter expressions at column 10:\n  $ctx.vpid-1 == 0\n           ^"
    ),
    MalformedFilter(
        "s == \"a\\tb\"", .unsupported, at: 7,
        "Invalid filter expression: unsupported escape sequence '\\t' (only '\\\\' and '\\*' are allowed) at column 8:\n  s == \"a\\tb\"\n         ^"
    ),
    MalformedFilter(
        "s == \"a\\nb\"", .unsupported, at: 7,
        "Invalid filter expression: unsupported escape sequence '\\n' (only '\\\\' and '\\*' are allowed) at column 8:\n  s == \"a\\nb\"\n         ^"
    ),
    MalformedFilter(
        "s == \"foo\\\"bar\"", .unsupported, at: 9,
        "Invalid filter expression: unsupported escape sequence '\\\"' (only '\\\\' and '\\*' are allowed) at column 10:\n  s == \"foo\\\"bar\"\n           ^"
    ),
    MalformedFilter(
        "s == \"hello\\\"", .unsupported, at: 11,
        "Invalid filter expression: unsupported escape sequence '\\\"' (only '\\\\' and '\\*' are allowed) at column 12:\n  s == \"hello\\\"\n             ^"
    ),
    MalformedFilter(
        "s == \"abc", .syntax, at: 5,
        "Invalid filter expression: unterminated string literal at column 6:\n  s == \"abc\n       ^"),
    MalformedFilter(
        "s < \"a*c\"", .unsupported, at: 2,
        "Invalid filter expression: only '==' and '!=' can compare with a glob pattern ('*' before the end) at column 3:\n  s < \"a*c\"\n    ^"
    ),
    MalformedFilter(
        "\"a*c\" > s", .unsupported, at: 6,
        "Invalid filter expression: only '==' and '!=' can compare with a glob pattern ('*' before the end) at column 7:\n  \"a*c\" > s\n        ^"
    ),
    MalformedFilter(
        "\"abc\" == 1", .type, at: 6,
        "Invalid filter expression: cannot compare a string literal with a number at column 7:\n  \"abc\" == 1\n        ^"
    ),
    MalformedFilter(
        "1.5 != \"x\"", .type, at: 4,
        "Invalid filter expression: cannot compare a string literal with a number at column 5:\n  1.5 != \"x\"\n      ^"
    ),
    MalformedFilter(
        "(a == 1) == \"x\"", .type, at: 9,
        "Invalid filter expression: cannot compare a string literal with a number at column 10:\n  (a == 1) == \"x\"\n           ^"
    ),
    MalformedFilter(
        "-\"abc\" == 1", .type, at: 0,
        "Invalid filter expression: unary operator '-' cannot take a string at column 1:\n  -\"abc\" == 1\n  ^"),
    MalformedFilter(
        "!\"abc\"", .type, at: 0,
        "Invalid filter expression: unary operator '!' cannot take a string at column 1:\n  !\"abc\"\n  ^"),
    MalformedFilter(
        "\"abc\"", .type, at: 0,
        "Invalid filter expression: a string literal is not a condition; compare it with '==' or '!=' at column 1:\n  \"abc\"\n  ^"
    ),
    MalformedFilter(
        "\"abc\" && a", .type, at: 6,
        "Invalid filter expression: operator '&&' cannot take a string at column 7:\n  \"abc\" && a\n        ^"),
    MalformedFilter(
        "a | \"abc\"", .type, at: 2,
        "Invalid filter expression: operator '|' cannot take a string at column 3:\n  a | \"abc\"\n    ^"),
    MalformedFilter(
        "~1.5 == 0", .type, at: 0,
        "Invalid filter expression: operator '~' needs an integer, not a floating-point number at column 1:\n  ~1.5 == 0\n  ^"
    ),
    MalformedFilter(
        "a & 1.5", .type, at: 2,
        "Invalid filter expression: operator '&' needs integers, not a floating-point number at column 3:\n  a & 1.5\n    ^"
    ),
    MalformedFilter(
        "1.5 << a", .type, at: 4,
        "Invalid filter expression: operator '<<' needs integers, not a floating-point number at column 5:\n  1.5 << a\n      ^"
    ),
    MalformedFilter(
        "row == 08", .syntax, at: 8,
        "Invalid filter expression: invalid digit '8' in octal literal at column 9:\n  row == 08\n          ^"),
    MalformedFilter(
        "row == 0x", .syntax, at: 9,
        "Invalid filter expression: expected hexadecimal digits after '0x' at column 10:\n  row == 0x\n           ^"),
    MalformedFilter(
        "row == 0xg", .syntax, at: 9,
        "Invalid filter expression: expected hexadecimal digits after '0x' at column 10:\n  row == 0xg\n           ^"),
    MalformedFilter(
        "row == 1e", .syntax, at: 9,
        "Invalid filter expression: expected digits in the exponent at column 10:\n  row == 1e\n           ^"),
    MalformedFilter(
        "row == 1.5e+", .syntax, at: 12,
        "Invalid filter expression: expected digits in the exponent at column 13:\n  row == 1.5e+\n              ^"),
    MalformedFilter(
        "1abc == 1", .syntax, at: 1,
        "Invalid filter expression: invalid suffix 'abc' on number at column 2:\n  1abc == 1\n   ^"),
    MalformedFilter(
        "row == 1.5fl", .syntax, at: 11,
        "Invalid filter expression: invalid suffix 'l' on number at column 12:\n  row == 1.5fl\n             ^"),
    MalformedFilter(
        "row == 1uu", .syntax, at: 9,
        "Invalid filter expression: invalid suffix 'u' on number at column 10:\n  row == 1uu\n           ^"),
    MalformedFilter(
        "row == 0b101", .syntax, at: 8,
        "Invalid filter expression: invalid suffix 'b101' on number at column 9:\n  row == 0b101\n          ^"),
    MalformedFilter(
        "row == 18446744073709551616", .syntax, at: 7,
        "Invalid filter expression: integer literal does not fit in 64 bits at column 8:\n  row == 18446744073709551616\n         ^"
    ),
    MalformedFilter(
        "row == 0x10000000000000000", .syntax, at: 7,
        "Invalid filter expression: integer literal does not fit in 64 bits at column 8:\n  row == 0x10000000000000000\n         ^"
    ),
    MalformedFilter(
        "d == 0x1.8", .syntax, at: 10,
        "Invalid filter expression: hexadecimal floating-point literal needs a 'p' exponent at column 11:\n  d == 0x1.8\n            ^"
    ),
    MalformedFilter(
        "row = 1", .syntax, at: 4,
        "Invalid filter expression: unexpected '=' (compare with '==') at column 5:\n  row = 1\n      ^"),
    MalformedFilter(
        "row === 1", .syntax, at: 6,
        "Invalid filter expression: unexpected '=' (compare with '==') at column 7:\n  row === 1\n        ^"),
    MalformedFilter(
        "row ==", .syntax, at: 6,
        "Invalid filter expression: expected an operand, found end of expression at column 7:\n  row ==\n        ^"),
    MalformedFilter(
        "(row", .syntax, at: 4,
        "Invalid filter expression: expected ')', found end of expression at column 5:\n  (row\n      ^"),
    MalformedFilter(
        "row)", .syntax, at: 3,
        "Invalid filter expression: unexpected ')' at column 4:\n  row)\n     ^"),
    MalformedFilter(
        "row == 1 ;", .syntax, at: 9,
        "Invalid filter expression: unexpected character ';' at column 10:\n  row == 1 ;\n           ^"),
    MalformedFilter(
        "row == 1 &&& 1", .syntax, at: 11,
        "Invalid filter expression: expected an operand, found '&' at column 12:\n  row == 1 &&& 1\n             ^"),
    MalformedFilter(
        "row <> 1", .syntax, at: 5,
        "Invalid filter expression: expected an operand, found '>' at column 6:\n  row <> 1\n       ^"),
    MalformedFilter(
        "row =< 1", .syntax, at: 4,
        "Invalid filter expression: unexpected '=' (compare with '==') at column 5:\n  row =< 1\n      ^"),
    MalformedFilter(
        "row == 1 2", .syntax, at: 9,
        "Invalid filter expression: unexpected '2' at column 10:\n  row == 1 2\n           ^"),
    MalformedFilter(
        "row @ 1", .syntax, at: 4,
        "Invalid filter expression: unexpected character '@' at column 5:\n  row @ 1\n      ^"),
    MalformedFilter(
        "$foo.bar == 1", .syntax, at: 0,
        "Invalid filter expression: unknown scope '$foo' (expected '$ctx' or '$app') at column 1:\n  $foo.bar == 1\n  ^"
    ),
    MalformedFilter(
        "$ctx == 1", .syntax, at: 5,
        "Invalid filter expression: expected '.' after '$ctx' at column 6:\n  $ctx == 1\n       ^"),
    MalformedFilter(
        "$ctx. == 1", .syntax, at: 6,
        "Invalid filter expression: expected a context name after '$ctx.' at column 7:\n  $ctx. == 1\n        ^"),
    MalformedFilter(
        "$app.foo == 1", .syntax, at: 8,
        "Invalid filter expression: expected ':TYPE' after '$app.foo' at column 9:\n  $app.foo == 1\n          ^"),
    MalformedFilter(
        "$app.foo:bar:baz == 1", .syntax, at: 12,
        "Invalid filter expression: unexpected character ':' at column 13:\n  $app.foo:bar:baz == 1\n              ^"),
    MalformedFilter(
        "a. == 1", .syntax, at: 3,
        "Invalid filter expression: expected a field name after '.', found '==' at column 4:\n  a. == 1\n     ^"),
    MalformedFilter(
        "a.1 == 1", .syntax, at: 1,
        "Invalid filter expression: unexpected '.1' at column 2:\n  a.1 == 1\n   ^"),
    MalformedFilter(
        "a[] == 1", .syntax, at: 2,
        "Invalid filter expression: an array index must be a non-negative integer constant, found ']' at column 3:\n  a[] == 1\n    ^"
    ),
    MalformedFilter(
        "a[-1] == 1", .syntax, at: 2,
        "Invalid filter expression: an array index must be a non-negative integer constant, found '-' at column 3:\n  a[-1] == 1\n    ^"
    ),
    MalformedFilter(
        "a[row] == 1", .syntax, at: 2,
        "Invalid filter expression: an array index must be a non-negative integer constant, found 'row' at column 3:\n  a[row] == 1\n    ^"
    ),
    MalformedFilter(
        "a[1.5] == 1", .syntax, at: 2,
        "Invalid filter expression: an array index must be a non-negative integer constant, found '1.5' at column 3:\n  a[1.5] == 1\n    ^"
    ),
    MalformedFilter(
        "a[2147483648] == 1", .limit, at: 2,
        "Invalid filter expression: array index 2147483648 is larger than 2147483647 at column 3:\n  a[2147483648] == 1\n    ^"
    ),
    MalformedFilter(
        "a[1 == 1", .syntax, at: 4,
        "Invalid filter expression: expected ']', found '==' at column 5:\n  a[1 == 1\n      ^"),
    MalformedFilter(
        "&& a", .syntax, at: 0,
        "Invalid filter expression: expected an operand, found '&&' at column 1:\n  && a\n  ^"),
    MalformedFilter(
        "a ||", .syntax, at: 4,
        "Invalid filter expression: expected an operand, found end of expression at column 5:\n  a ||\n      ^"),
    MalformedFilter(
        "()", .syntax, at: 1,
        "Invalid filter expression: expected an operand, found ')' at column 2:\n  ()\n   ^"),
    MalformedFilter(
        "", .syntax, at: 0,
        "Invalid filter expression: the expression is empty at column 1:\n  \n  ^"),
    MalformedFilter(
        "   ", .syntax, at: 3,
        "Invalid filter expression: the expression is empty at column 4:\n     \n     ^"),
    MalformedFilter(
        "a ==\n  )", .syntax, at: 7,
        "Invalid filter expression: expected an operand, found ')' at line 2, column 3:\n    )\n    ^"),
    MalformedFilter(
        "x\t\t== )", .syntax, at: 6,
        "Invalid filter expression: expected an operand, found ')' at column 7:\n  x\t\t== )\n   \t\t   ^"),
    MalformedFilter(
        "é == )", .syntax, at: 0,
        "Invalid filter expression: unexpected character 'é' at column 1:\n  é == )\n  ^"),
    MalformedFilter(
        "a == 1 ||\nb == \"\\q\"", .unsupported, at: 16,
        "Invalid filter expression: unsupported escape sequence '\\q' (only '\\\\' and '\\*' are allowed) at line 2, column 7:\n  b == \"\\q\"\n        ^"
    ),
]

@Suite("Malformed expressions")
struct MalformedExpressionTests {
    @Test("are rejected with a message that names the problem and points at it", arguments: malformedFilters)
    func rejected(_ entry: MalformedFilter) {
        #expect {
            _ = try FilterProgram(compiling: entry.expression)
        } throws: { error in
            guard let error = error as? FilterError else { return false }
            #expect(error.description == entry.message)
            #expect(error.offset == entry.offset)
            #expect(error.kind == entry.kind)
            return true
        }
    }

    @Test("an expression longer than the limit is rejected")
    func tooLong() {
        let text = "a == 1" + String(repeating: " ", count: FilterLimits.maximumExpressionLength - 5)
        #expect(throws: FilterError.self) { try FilterExpression.parse(text) }
        do {
            _ = try FilterExpression.parse(text)
        } catch {
            #expect(error.kind == .limit)
            #expect(error.reason == "the expression is longer than 65536 bytes")
        }
    }

    @Test(
        "nesting beyond the limit is rejected at the operator that goes too deep",
        arguments: [
            String(repeating: "(", count: 129) + "a" + String(repeating: ")", count: 129),
            String(repeating: "!", count: 129) + "a",
            (0..<129).reduce("a") { inner, _ in "a == (\(inner))" },
            (0..<130).map { "a\($0)" }.joined(separator: " == "),
        ])
    func tooDeep(_ text: String) {
        do {
            _ = try FilterExpression.parse(text)
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .limit)
            #expect(error.reason == "the expression nests more than 128 levels deep")
        }
    }

    @Test("a NUL character is rejected, inside a string or not")
    func nul() {
        for text in ["a == \"x\u{0}y\"", "a\u{0} == 1"] {
            #expect(throws: FilterError.self) { try FilterExpression.parse(text) }
        }
    }
}
