import Foundation
import SpoorTestSupport
import Testing

@Suite("Filter expressions, evaluated by the app", .serialized)
struct FilterTests {
    /// Records 12 events of the example app under the given `enable-event -u` arguments and
    /// returns the number `i` of each all_types event recorded (its `text` is "event i"), and the
    /// names of the other events.
    private func recorded(_ enableArguments: [[String]], count: Int = 12) throws -> (numbers: [Int], others: [String]) {
        let events = try Sandbox().recordExample(rules: enableArguments, count: count)
        let numbers = events.filter { $0.name == "spoor_example:all_types" }.compactMap { event -> Int? in
            guard let text = event.payload.range(of: "text = \"event ") else { return nil }
            return Int(event.payload[text.upperBound...].prefix { $0.isNumber })
        }
        return (numbers, events.filter { $0.name != "spoor_example:all_types" }.map(\.name))
    }

    @Test("only the events for which the filter holds are recorded, whatever the field types")
    func filterHolds() throws {
        try RequiredTool.babeltrace2.require()
        // i32 is -100000 i, text "event i", color i % 3, samples has i % 4 elements 0, 10, 20.
        let recorded = try recorded([
            ["spoor_example:all_types", "--filter", "i32 < -200000 && text == \"event 1*\" || color == 1 && samples[1] == 10"]
        ])
        #expect(recorded.numbers == [7, 10, 11])
        #expect(recorded.others.isEmpty)
    }

    @Test("rules of one channel are ORed; a rule without a filter records every event it matches")
    func rulesAreOred() throws {
        try RequiredTool.babeltrace2.require()
        let ored = try recorded([
            ["spoor_example:all_types", "--filter", "i8 == -2"],
            ["spoor_example:*", "--filter", "f64 >= 2.5 && flag"],
        ])
        #expect(ored.numbers == [2, 10])
        #expect(ored.others.isEmpty, "done has neither field: both filters are false for it")
        let unfiltered = try recorded([["spoor_example:all_types", "--filter", "i8 == -2"], ["spoor_example:*"]])
        #expect(unfiltered.numbers == Array(0..<12))
        #expect(unfiltered.others == ["spoor_example:done"])
    }

    @Test("filters read context fields, whether or not the channel records them")
    func contextFields() throws {
        try RequiredTool.babeltrace2.require()
        let byName = try recorded([["spoor_example:done", "--filter", "$ctx.procname == \"spoor-ex*\" && count == 12"]])
        #expect(byName.others == ["spoor_example:done"])
        let other = try recorded([["spoor_example:done", "--filter", "$ctx.procname == \"other\" || $ctx.vpid < 0"]])
        #expect(other.others.isEmpty)
    }

    @Test("a malformed filter is refused with its position, and the session records as before")
    func malformedFilter() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "bad", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done", "--filter", "count > 1")
        for bad in ["count > > 1", "text == \"open", "a[", "$ctx.", "1 +", "(count"] {
            let refused = try sandbox.spoor("enable-event", "-u", "spoor_example:all_types", "--filter", bad)
            #expect(refused.status == 1)
            #expect(refused.standardError.contains("Invalid filter expression"), "\(bad): \(refused.standardError)")
            #expect(refused.standardError.contains("^"))
            #expect(refused.standardError.contains("Invalid filter bytecode (channel channel0, session bad, filter '\(bad)')"))
        }
        let listed = try sandbox.spoorOK("list", "bad")
        #expect(listed.standardOutput.contains("spoor_example:done (type: tracepoint) [enabled] [filter: 'count > 1']"))
        #expect(!listed.standardOutput.contains("all_types"))
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("3").status == 0)
        try sandbox.spoorOK("stop")
        let names = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init).map(\.name)
        #expect(names == ["spoor_example:done"])
    }

    @Test("disabling a filtered rule stops it; enabling the same rule again brings it back")
    func disableAndEnable() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "toggle", "--output=\(output.path)")
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done", "--filter", "count == 2")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("2").status == 0)
        try sandbox.spoorOK("disable-event", "-u", "spoor_example:done")
        #expect(try sandbox.runExample("2").status == 0)
        try sandbox.spoorOK("enable-event", "-u", "spoor_example:done", "--filter", "count == 2")
        #expect(try sandbox.runExample("2").status == 0)
        #expect(try sandbox.runExample("3").status == 0)
        try sandbox.spoorOK("stop")
        let payloads = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init).map(\.payload)
        #expect(payloads == ["{ count = 2 }", "{ count = 2 }"])
    }
    @Test("application contexts the app provides are recorded, read by both readers, and filtered on")
    func namedContexts() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "app", "--output=\(output.path)")
        let added = try sandbox.spoorOK(
            "add-context", "-u", "-t", "$app.spoor_example:iteration", "-t", "$app.spoor_example:parity",
            "-t", "$app.nobody:provides")
        #expect(added.lines.first == "ust context $app.spoor_example:iteration added to all channels")
        let twice = try sandbox.spoor("add-context", "-u", "-t", "$app.spoor_example:parity")
        #expect(twice.status == 1)
        #expect(twice.standardError.contains("UST context already exist"))
        try sandbox.spoorOK(
            "enable-event", "-u", "spoor_example:*", "--filter",
            "$app.spoor_example:iteration >= 2 && $app.spoor_example:parity == \"e*\" && $app.nobody:provides != 1")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("6").status == 0)
        try sandbox.spoorOK("stop")
        let read = try sandbox.babeltrace(output.path)
        #expect(read.standardError.isEmpty)
        let contexts = read.lines.compactMap { line -> String? in
            guard let start = line.range(of: "}, { "), let end = line.range(of: " }, {", range: start.upperBound..<line.endIndex)
            else { return nil }
            return String(line[start.upperBound..<end.lowerBound])
        }
        // The filter is false where a context has no value ($app.nobody:provides): nothing at all.
        #expect(contexts.isEmpty, "\(read.lines)")

        let all = try Sandbox()
        let allOutput = all.home.appendingPathComponent("trace")
        try all.spoorOK("create", "app", "--output=\(allOutput.path)")
        try all.spoorOK(
            "add-context", "-u", "-t", "$app.spoor_example:iteration", "-t", "$app.spoor_example:parity",
            "-t", "$app.nobody:provides")
        try all.spoorOK(
            "enable-event", "-u", "spoor_example:*", "--filter",
            "$app.spoor_example:iteration >= 2 && $app.spoor_example:parity == \"e*\"")
        try all.spoorOK("start")
        #expect(try all.runExample("6").status == 0)
        try all.spoorOK("stop")
        let lines = try all.babeltrace(allOutput.path).lines
        #expect(lines.count == 3)
        for (line, iteration) in zip(lines, [2, 4, 6]) {
            #expect(line.contains(
                "{ _app_spoor_example_iteration_tag = ( \"_int64\" : container = 4 ), _app_spoor_example_iteration = { \(iteration) }, "
                    + "_app_spoor_example_parity_tag = ( \"_string\" : container = 11 ), _app_spoor_example_parity = { \"even\" }, "
                    + "_app_nobody_provides_tag = ( \"_none\" : container = 0 ), _app_nobody_provides = { { } } }"),
                "\(line)")
        }
        let viewed = try all.spoorOK("view", "--trace-path=\(allOutput.path)")
        #expect(viewed.lines == lines)
    }
}
