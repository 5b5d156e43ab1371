import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

@Suite("add-context")
struct AddContextCommandTests {
    func harness() -> SpoorHarness {
        let harness = SpoorHarness()
        harness.setCurrentSession("s1")
        harness.daemon.answer = { _ in .ok }
        return harness
    }

    @Test("each type is one request and one line, as lttng prints them")
    func addsEachType() {
        let harness = harness()
        let run = harness.run("add-context", "-u", "-t", "vpid", "-t", "ip")
        #expect(run.status == .success)
        #expect(run.standardOutput == "ust context vpid added to all channels\nust context ip added to all channels\n")
        #expect(
            harness.daemon.requests == [
                .addContext(session: "s1", channel: nil, contexts: ["vpid"]),
                .addContext(session: "s1", channel: nil, contexts: ["ip"]),
            ])
        let one = self.harness().run("add-context", "-u", "-c", "ch", "-t", "procname")
        #expect(one.standardOutput == "ust context procname added to channel ch\n")
    }

    @Test("perf counters go to the daemon by LTTng's names; names LTTng lacks are unknown")
    func perfCounters() {
        for type in ["perf:thread:cpu-cycles", "perf:thread:raw:r0110:foo", "perf:thread:LLC-prefetch-misses"] {
            let harness = harness()
            let run = harness.run("add-context", "-u", "-t", type)
            #expect(run.status == .success)
            #expect(harness.daemon.requests == [.addContext(session: "s1", channel: nil, contexts: [type])])
        }
        for type in ["perf:thread:nosuch", "perf:cpu:cycles", "perf:thread:raw:0110:foo", "perf:thread:raw:rxyz:foo"] {
            let harness = harness()
            let run = harness.run("add-context", "-u", "-t", type)
            #expect(run.standardError == "Error: Unknown context type \(type)\n")
            #expect(harness.daemon.requests.isEmpty)
        }
    }

    @Test("malformed types are refused before the daemon hears of them")
    func refusedTypes() {
        let unknown = harness().run("add-context", "-u", "-t", "nosuch")
        #expect(unknown.standardError == "Error: Unknown context type nosuch\n")
        for malformed in ["$app.", "$app.prov", "$app.:type", "$app.prov:", "$app.a:b:c", "$app.a b:c"] {
            let run = harness().run("add-context", "-u", "-t", malformed)
            #expect(run.standardError == "Error: Invalid application context \(malformed): expected $app.PROVIDER:TYPE\n")
        }
    }

    @Test("application contexts go to the daemon as they are named")
    func namedContexts() {
        let harness = harness()
        let run = harness.run("add-context", "-u", "-t", "$app.my_app:request-id")
        #expect(run.standardOutput == "ust context $app.my_app:request-id added to all channels\n")
        #expect(harness.daemon.requests == [.addContext(session: "s1", channel: nil, contexts: ["$app.my_app:request-id"])])
    }

    @Test("--list names every type this version records")
    func listsTypes() {
        let run = harness().run("add-context", "--list")
        #expect(run.standardOutput.hasPrefix(ContextType.allCases.map { $0.name + "\n" }.joined()))
        #expect(run.standardOutput.contains("\nip\nperf:thread:cpu-cycles\n"))
        #expect(run.standardOutput.hasSuffix("perf:thread:raw:rN:NAME\n$app.PROVIDER:TYPE\n"))
    }
}
