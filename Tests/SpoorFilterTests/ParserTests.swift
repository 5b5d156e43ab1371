import SpoorFilter
import Testing

@Suite("The parser")
struct ParserTests {
    @Test(
        "groups operators by LTTng's precedence, not C's",
        arguments: [
            ("2 & 2 == 2", "((2 & 2) == 2)"),
            ("a | b < c", "((a | b) < c)"),
            ("a ^ b & c", "(a ^ (b & c))"),
            ("a | b ^ c", "(a | (b ^ c))"),
            ("a << 1 & b", "((a << 1) & b)"),
            ("a < b == c > d", "((a < b) == (c > d))"),
            ("a == b != c", "((a == b) != c)"),
            ("a && b || c && d", "((a && b) || (c && d))"),
            ("a || b || c", "(a || b || c)"),
            ("(a || b) || c", "(a || b || c)"),
            ("a || (b && c) && d", "(a || (b && c && d))"),
            ("!a == b", "((!a) == b)"),
            ("-a << 2", "((-a) << 2)"),
            ("~-!+a", "(~(-(!(+a))))"),
            ("- -a", "(-(-a))"),
            ("--a", "(-(-a))"),
            ("a >> b >> c", "((a >> b) >> c)"),
            ("x[3] >> 12 <= 0x1234", "((x[3] >> 12) <= 4660)"),
            (
                "eax_reg & 0xff7 == 0x240 && x[4] >> 12 <= 0x1234",
                "(((eax_reg & 4087) == 576) && ((x[4] >> 12) <= 4660))"
            ),
        ])
    func precedence(_ text: String, _ grouped: String) throws {
        #expect(try FilterExpression.parse(text).description == grouped)
    }

    @Test("parses the examples of lttng-event-rule(7)")
    func manPageExamples() throws {
        let examples = [
            "msg_id == 23 && size >= 2048",
            "$ctx.procname == \"lttng*\" && (!flag || poel < 34)",
            "$app.my_provider:my_context == 17.34e9 || some_enum >= 14",
            "$ctx.cpu_id == 2 && filename != \"*.log\"",
            "eax_reg & 0xff7 == 0x240 && x[4] >> 12 <= 0x1234",
            "my_field == \"user34\"",
            "my_field == my_other_field",
            "my_field == \"192.168.*\"",
            "msg.user[1].data[2][17] == 0",
        ]
        for example in examples {
            _ = try FilterProgram(compiling: example)
        }
    }

    @Test("lists the distinct field and context references in order")
    func references() throws {
        let expression = try FilterExpression.parse(
            "a == 1 && $ctx.vpid > 2 || a.b[1].c[2] == x[0] || $app.prov:type == 3 && a == 4 && $ctx.procname == \"x\"")
        #expect(
            expression.fieldReferences == [
                FilterFieldReference(scope: .payload, name: "a"),
                FilterFieldReference(scope: .payload, name: "a.b[1].c", element: 2),
                FilterFieldReference(scope: .payload, name: "x", element: 0),
            ])
        #expect(expression.contextReferences.map(\.description) == ["$ctx.vpid", "$app.prov:type", "$ctx.procname"])
        #expect(expression.contextReferences.map(\.name) == ["vpid", "$app.prov:type", "procname"])
        let program = try FilterProgram(compiling: expression)
        #expect(program.fieldNames == ["a", "a.b[1].c", "x"])
        #expect(program.contextNames == ["vpid", "$app.prov:type", "procname"])
    }

    @Test(
        "reads integer literals as LTTng does",
        arguments: [
            ("0", 0), ("7", 7), ("010", 8), ("0x1F", 31), ("0XfF", 255), ("1u", 1), ("1U", 1), ("1l", 1), ("1L", 1),
            ("1ul", 1), ("1UL", 1), ("1lu", 1), ("1ll", 1), ("1LL", 1), ("1ull", 1), ("1LLU", 1), ("0x10u", 16),
            ("9223372036854775807", Int64.max), ("9223372036854775808", Int64.min), ("18446744073709551615", -1),
            ("0xffffffffffffffff", -1), ("01777777777777777777777", -1),
        ] as [(String, Int64)])
    func integerLiterals(_ text: String, _ value: Int64) throws {
        #expect(try FilterExpression.parse(text).root == .integer(value))
    }

    @Test(
        "reads floating-point literals as C does",
        arguments: [
            ("1.5", 1.5), (".5", 0.5), ("1.", 1.0), ("1e3", 1000), ("1E-3", 0.001), ("1.5e+2", 150), ("2.5f", 2.5),
            ("2.5F", 2.5), ("2.5l", 2.5), ("0x1.8p0", 1.5), ("0x1p-2", 0.25), ("0X.8P1", 1.0), ("1e309", .infinity),
        ] as [(String, Double)])
    func floatingPointLiterals(_ text: String, _ value: Double) throws {
        #expect(try FilterExpression.parse(text).root == .double(value))
    }

    @Test("resolves the two escapes and marks wildcards")
    func stringLiterals() throws {
        let expression = try FilterExpression.parse(#"s == "a\\b\*c*d""#)
        guard case .binary(.equal, _, .string(let literal)) = expression.root else {
            Issue.record("not a comparison with a literal: \(expression.root)")
            return
        }
        #expect(literal.pattern == Array("a\\b*c".utf8) + [FilterStringLiteral.wildcard, UInt8(ascii: "d")])
        #expect(literal.hasWildcard)
        #expect(!literal.isPlainOrPrefix)
        #expect(literal.description == #""a\\b\*c*d""#)
        #expect(try FilterExpression.parse("'single' == s").description == #"("single" == s)"#)
    }

    @Test("accepts blanks of every kind and a multi-line expression")
    func whitespace() throws {
        #expect(try FilterExpression.parse("\ta\n==\r\n1\u{0B}&&\u{0C}b").description == "((a == 1) && b)")
    }

    @Test("accepts an expression up to the length and nesting limits")
    func limitsAreInclusive() throws {
        let depth = FilterLimits.maximumNestingDepth
        _ = try FilterProgram(
            compiling: String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth))
        _ = try FilterProgram(compiling: String(repeating: "!", count: depth) + "a")
        let long = "a == 1" + String(repeating: " ", count: FilterLimits.maximumExpressionLength - 6)
        _ = try FilterProgram(compiling: long)
    }

    @Test("a long flat chain of || stays shallow and compiles")
    func longChains() throws {
        let chain = (0..<2000).map { "row == \($0)" }.joined(separator: " || ")
        let program = try FilterProgram(compiling: chain)
        let bound = program.bind(fields: ["row"])
        #expect(bound.evaluate(SmallSource(index: 7)))
        #expect(program.maximumStackDepth == 2)
    }

    @Test("orders operands so that right-nested expressions need two stack slots")
    func stackNeeds() throws {
        let nested = (0..<100).reduce("a") { inner, _ in "a == (\(inner))" }
        #expect(try FilterProgram(compiling: nested).maximumStackDepth == 2)
        let balanced = "((a == b) == (c == d)) == ((e == f) == (g == h))"
        #expect(try FilterProgram(compiling: balanced).maximumStackDepth == 4)
    }
}
