import SpoorModel
import Testing

@Suite("Event name patterns")
struct NamePatternTests {
    @Test(
        "exact names match only themselves",
        arguments: [
            ("app:event", "app:event", true),
            ("app:event", "app:even", false),
            ("app:event", "app:events", false),
            ("app:event", "App:event", false),
            ("app:event", "", false),
            ("ünï:😀", "ünï:😀", true),
        ])
    func exactNames(pattern: String, name: String, expected: Bool) {
        #expect(NamePattern.matches(pattern: pattern, name: name) == expected)
    }

    @Test("the empty pattern matches only the empty name")
    func emptyPattern() {
        #expect(NamePattern.matches(pattern: "", name: ""))
        #expect(!NamePattern.matches(pattern: "", name: "a"))
        #expect(!NamePattern.matches(pattern: "a", name: ""))
    }

    @Test(
        "a lone star matches every name, even the empty one",
        arguments: ["", "a", "app:event", "*", "\\"])
    func loneStar(name: String) {
        #expect(NamePattern.matches(pattern: "*", name: name))
        #expect(NamePattern.matches(pattern: "**", name: name))
    }

    @Test(
        "a star at the end matches any suffix",
        arguments: [
            ("app:*", "app:", true),
            ("app:*", "app:event", true),
            ("app:*", "app", false),
            ("app:*", "ap:event", false),
            ("app:*", "other:app:event", false),
        ])
    func starAtEnd(pattern: String, name: String, expected: Bool) {
        #expect(NamePattern.matches(pattern: pattern, name: name) == expected)
    }

    @Test(
        "a star at the start matches any prefix",
        arguments: [
            ("*:event", "app:event", true),
            ("*:event", ":event", true),
            ("*:event", "app:event2", false),
            ("*:event", "app:even", false),
            ("*event", "event", true),
        ])
    func starAtStart(pattern: String, name: String, expected: Bool) {
        #expect(NamePattern.matches(pattern: pattern, name: name) == expected)
    }

    @Test(
        "a star in the middle matches any run, including an empty one",
        arguments: [
            ("app:*_end", "app:_end", true),
            ("app:*_end", "app:x_end", true),
            ("app:*_end", "app:x_end_end", true),
            ("app:*_end", "app:x_end_x", false),
            ("a*b", "ab", true),
            ("a*b", "abab", true),
            ("a*b", "aba", false),
            ("a*ab", "aab", true),
            ("a*ab", "ab", false),
        ])
    func starInMiddle(pattern: String, name: String, expected: Bool) {
        #expect(NamePattern.matches(pattern: pattern, name: name) == expected)
    }

    @Test(
        "several stars backtrack correctly",
        arguments: [
            ("a*b*c", "abc", true),
            ("a*b*c", "aXbYc", true),
            ("a*b*c", "aXcYb", false),
            ("*a*a*", "aa", true),
            ("*a*a*", "a", false),
            ("*a*a*", "bab", false),
            ("*a*a*", "xaxxax", true),
            ("a**b", "ab", true),
            ("*:*", "app:event", true),
            ("*:*", "appevent", false),
            ("*aaa*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa", false),
        ])
    func multipleStars(pattern: String, name: String, expected: Bool) {
        #expect(NamePattern.matches(pattern: pattern, name: name) == expected)
    }

    @Test(
        "an escaped star matches only a literal star",
        arguments: [
            ("a\\*", "a*", true),
            ("a\\*", "ab", false),
            ("a\\*", "a", false),
            ("a\\*", "a*b", false),
            ("\\*", "*", true),
            ("\\**", "*", true),
            ("\\**", "*abc", true),
            ("\\**", "abc", false),
            ("*\\*", "abc*", true),
            ("*\\*", "abc", false),
        ])
    func escapedStar(pattern: String, name: String, expected: Bool) {
        #expect(NamePattern.matches(pattern: pattern, name: name) == expected)
    }

    @Test(
        "a backslash escapes a backslash and any other character",
        arguments: [
            ("a\\\\b", "a\\b", true),
            ("a\\\\b", "ab", false),
            ("a\\\\*", "a\\xyz", true),
            ("a\\b", "ab", true),
            ("a\\", "a\\", true),
            ("a\\", "a", false),
        ])
    func escapedOthers(pattern: String, name: String, expected: Bool) {
        #expect(NamePattern.matches(pattern: pattern, name: name) == expected)
    }

    @Test("a star matches whole multi-byte characters")
    func multiByte() {
        #expect(NamePattern.matches(pattern: "é*", name: "éa"))
        #expect(NamePattern.matches(pattern: "*😀", name: "x😀"))
        #expect(!NamePattern.matches(pattern: "e*", name: "éa"))
    }

    @Test(
        "only unescaped stars are wildcards",
        arguments: [
            ("*", true),
            ("app:*", true),
            ("*:event", true),
            ("a\\*b*", true),
            ("a\\\\*", true),
            ("", false),
            ("app:event", false),
            ("a\\*", false),
            ("\\", false),
            ("a\\", false),
        ])
    func hasWildcard(pattern: String, expected: Bool) {
        #expect(NamePattern.hasWildcard(pattern) == expected)
    }

    /// A slow, obviously correct matcher: `*` tries every split, `\\x` is a literal `x`.
    static func referenceMatches(_ pattern: [UInt8], _ p: Int, _ name: [UInt8], _ n: Int) -> Bool {
        guard p < pattern.count else { return n == name.count }
        if pattern[p] == UInt8(ascii: "*") {
            return (n...name.count).contains { referenceMatches(pattern, p + 1, name, $0) }
        }
        let isEscape = pattern[p] == UInt8(ascii: "\\") && p + 1 < pattern.count
        let literal = isEscape ? pattern[p + 1] : pattern[p]
        return n < name.count && name[n] == literal
            && referenceMatches(pattern, p + (isEscape ? 2 : 1), name, n + 1)
    }

    /// Every string of up to `length` characters drawn from `alphabet`.
    static func allStrings(of alphabet: [Character], upTo length: Int) -> [String] {
        var strings = [""]
        var current = [""]
        for _ in 0..<length {
            current = current.flatMap { prefix in alphabet.map { prefix + String($0) } }
            strings += current
        }
        return strings
    }

    @Test("the matcher agrees with a brute-force reference on every short pattern and name")
    func agreesWithReference() {
        let patterns = Self.allStrings(of: ["a", "b", "*", "\\"], upTo: 4)
        let names = Self.allStrings(of: ["a", "b", "*", "\\"], upTo: 4)
        var disagreements: [String] = []
        for pattern in patterns {
            for name in names {
                let expected = Self.referenceMatches(Array(pattern.utf8), 0, Array(name.utf8), 0)
                if NamePattern.matches(pattern: pattern, name: name) != expected {
                    disagreements.append("\(pattern) ~ \(name): expected \(expected)")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10))")
    }

    @Test("an event rule matches through its pattern")
    func eventRuleMatches() {
        let rule = EventRule(pattern: "spoor_example:*")
        #expect(rule.isEnabled)
        #expect(rule.matches("spoor_example:tick"))
        #expect(!rule.matches("other:tick"))
    }
}
