import Foundation
import Testing

@Suite("Triggers", .serialized)
struct TriggerTests {
    static let userEvents = ["--condition=event-rule-matches", "--type=user"]

    /// A sandbox whose daemon runs (the trigger commands do not start one, as in lttng).
    private func sandboxWithDaemon() throws -> Sandbox {
        let sandbox = try Sandbox()
        try sandbox.spoorOK("create", "s")
        return sandbox
    }

    private func names(_ listing: Sandbox.Output) -> [String] {
        listing.lines.filter { $0.hasPrefix("- name: ") }.map { String($0.dropFirst(8)) }
    }

    @Test("add, list and remove triggers with the real daemon, with lttng's output")
    func addListRemove() throws {
        let sandbox = try sandboxWithDaemon()
        let added = try sandbox.spoorOK(
            "add-trigger", "--name=T1", "--condition=event-rule-matches", "--type=user", "--name=a*",
            "--exclude-name=ab", "--log-level=TRACE_WARNING..", "--filter=x > 3", "--capture=x", "--capture=$ctx.vpid",
            "--capture=arr[3]", "--action=notify", "--rate-policy=every:10", "--action=start-session", "nosuch",
            "--rate-policy=once-after:40", "--action=snapshot-session", "s", "--path=/tmp/x", "--max-size=4k")
        #expect(added.standardOutput == "Added trigger `T1`.\n")
        #expect(added.standardError.isEmpty)
        try sandbox.spoorOK(
            "add-trigger", "--name=B", "--condition=buffer-usage-high", "--session=s", "--channel=channel0",
            "--threshold-ratio=0.75", "--action=rotate-session", "s")

        let listed = try sandbox.spoorOK("list-triggers")
        #expect(
            listed.standardOutput == """
                - name: B
                  owner uid: \(getuid())
                  condition: buffer usage high
                    session name: s
                    channel name: channel0
                    domain: ust
                    threshold (ratio): 0.75
                  actions:
                    rotate session `s`
                      errors: none
                  errors: none
                - name: T1
                  owner uid: \(getuid())
                  condition: event rule matches
                    rule: a* (type: user tracepoint, filter: x > 3, log level at least WARNING, exclusions: ab)
                    captures:
                      - x
                      - $ctx.vpid
                      - arr[3]
                    errors: none
                  actions:
                    notify, rate policy: every 10 occurrences
                      errors: none
                    start session `nosuch`, rate policy: once after 40 occurrences
                      errors: none
                    snapshot session `s`, path: /tmp/x, max size: 4096
                      errors: none
                  errors: none

                """)

        let removed = try sandbox.spoorOK("remove-trigger", "T1")
        #expect(removed.standardOutput == "Removed trigger `T1`.\n")
        #expect(names(try sandbox.spoorOK("list-triggers")) == ["B"])
        let again = try sandbox.spoor("remove-trigger", "T1")
        #expect(again.status == 1)
        #expect(again.standardError == "Error: Couldn't find trigger with name `T1`.\n")
    }

    @Test("a duplicate name is refused; generated names are trigger0, trigger1… skipping taken ones")
    func namesAreUniqueAndGenerated() throws {
        let sandbox = try sandboxWithDaemon()
        let first = try sandbox.spoorOK(["add-trigger"] + Self.userEvents + ["--action=notify"])
        #expect(first.standardOutput == "Added trigger `trigger0`.\n")
        try sandbox.spoorOK(["add-trigger", "--name=trigger1"] + Self.userEvents + ["--action=notify"])
        let third = try sandbox.spoorOK(["add-trigger"] + Self.userEvents + ["--action=notify"])
        #expect(third.standardOutput == "Added trigger `trigger2`.\n")

        let duplicate = try sandbox.spoor(["add-trigger", "--name=trigger1"] + Self.userEvents + ["--action=notify"])
        #expect(duplicate.status == 1)
        #expect(duplicate.standardError == "Error: Failed to register trigger: Trigger already registered.\n")
        #expect(names(try sandbox.spoorOK("list-triggers")) == ["trigger0", "trigger1", "trigger2"])
    }

    @Test("the daemon refuses a filter it cannot compile, even when the CLI is bypassed")
    func daemonChecksFilters() throws {
        let sandbox = try sandboxWithDaemon()
        let refused = try sandbox.spoor(["add-trigger"] + Self.userEvents + ["--filter=x >", "--action=notify"])
        #expect(refused.status == 1)
        #expect(refused.standardError.hasSuffix("Error: Failed to register trigger: Invalid filter bytecode.\n"))
        #expect(try sandbox.spoorOK("list-triggers").standardOutput.isEmpty)
    }

    @Test("triggers survive the sessions they name, and may name sessions that never existed")
    func triggersNameAnySession() throws {
        let sandbox = try sandboxWithDaemon()
        try sandbox.spoorOK(["add-trigger", "--name=t"] + Self.userEvents + ["--action=stop-session", "s"])
        try sandbox.spoorOK(
            "add-trigger", "--name=u", "--condition=session-rotation-completed", "--session=later",
            "--action=start-session", "later")
        try sandbox.spoorOK("destroy", "s")
        #expect(names(try sandbox.spoorOK("list-triggers")) == ["t", "u"])
    }

    @Test("only root may act for another user with --owner-uid")
    func ownerUIDIsForRoot() throws {
        let sandbox = try sandboxWithDaemon()
        let add = ["add-trigger", "--name=theirs"] + Self.userEvents + ["--action=notify"]
        guard getuid() == 0 else {
            // Not root: this user is the one who may not act for others.
            let refused = try sandbox.spoor(["add-trigger", "--owner-uid=\(getuid() + 1)"] + Array(add.dropFirst()))
            #expect(refused.status == 1)
            #expect(refused.standardError == "Error: Failed to set trigger's user identity.\n")
            return
        }
        // Root adds a trigger for nobody; nobody sees only its own, and may not act for root.
        let nobody = "65534"
        try sandbox.spoorOK(["add-trigger", "--owner-uid=\(nobody)"] + Array(add.dropFirst()))
        try sandbox.spoorOK(["add-trigger", "--name=mine"] + Self.userEvents + ["--action=notify"])
        let all = try sandbox.spoorOK("list-triggers")
        #expect(names(all) == ["mine", "theirs"])
        #expect(all.standardOutput.contains("- name: theirs\n  owner uid: 65534\n"))

        // Let nobody reach the control socket (the daemon itself checks each peer's uid).
        let run = sandbox.runDirectory.path
        #expect(chmod(run, 0o711) == 0)
        #expect(chmod(run + "/client.sock", 0o666) == 0)
        func asNobody(_ arguments: [String]) throws -> Sandbox.Output {
            try sandbox.run(
                "/usr/bin/setpriv",
                [
                    "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups",
                    sandbox.binaries.appendingPathComponent("spoor").path,
                ]
                    + arguments)
        }
        let theirs = try asNobody(["list-triggers"])
        #expect(theirs.status == 0, "\(theirs.standardError)")
        #expect(names(theirs) == ["theirs"])
        let refused = try asNobody(
            ["add-trigger", "--owner-uid=0", "--name=x"] + Self.userEvents + ["--action=notify"])
        #expect(refused.status == 1)
        #expect(refused.standardError == "Error: Failed to set trigger's user identity.\n")
        let notRemoved = try asNobody(["remove-trigger", "--owner-uid=0", "mine"])
        #expect(notRemoved.status == 1)
        #expect(notRemoved.standardError.contains("Permission denied"))
        // nobody's own triggers: same names as root's do not clash.
        #expect(try asNobody(["add-trigger", "--name=mine"] + Self.userEvents + ["--action=notify"]).status == 0)
        #expect(try asNobody(["remove-trigger", "theirs"]).standardOutput == "Removed trigger `theirs`.\n")
        #expect(names(try sandbox.spoorOK("list-triggers")) == ["mine", "mine"])
        try sandbox.spoorOK("remove-trigger", "--owner-uid=\(nobody)", "mine")
        #expect(try sandbox.spoorOK("list-triggers").standardOutput.contains("owner uid: 65534") == false)
    }
}

extension Sandbox {
    /// Runs `spoor` with an argument array.
    fileprivate func spoor(_ arguments: [String]) throws -> Output {
        try run(binaries.appendingPathComponent("spoor").path, arguments)
    }

    /// Runs `spoor` with an argument array and requires success.
    @discardableResult
    fileprivate func spoorOK(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> Output
    {
        let output = try spoor(arguments)
        #expect(
            output.status == 0, "spoor \(arguments.joined(separator: " ")) failed: \(output.standardError)",
            sourceLocation: sourceLocation)
        return output
    }
}
