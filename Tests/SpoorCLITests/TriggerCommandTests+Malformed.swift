import SpoorModel
import SpoorWire
import Testing

@testable import SpoorCLI

extension TriggerCommandTests {
    // MARK: Malformed command lines

    /// lttng's messages where lttng has one (recorded from lttng 2.13.9), Spoor's otherwise.
    static let malformed: [([String], [String])] = [
        ([], ["Missing --condition."]),
        (["--action=notify"], ["Missing --condition."]),
        (userEvents, ["Need at least one --action."]),
        (
            ["--condition=foo", "--action=notify"],
            [
                "While parsing argument #2 (`--condition=foo`): Unknown condition name 'foo'",
                "Valid condition names are:",
                "  event-rule-matches", "  session-consumed-size", "  buffer-usage-high", "  buffer-usage-low",
                "  session-rotation-ongoing", "  session-rotation-completed", "  process-crashed",
            ]
        ),
        (
            userEvents + ["--action=foo"],
            [
                "While parsing argument #4 (`--action=foo`): Unknown action name 'foo'", "Valid action names are:",
                "  notify", "  start-session", "  stop-session", "  rotate-session", "  snapshot-session",
            ]
        ),
        (["--condition=event-rule-matches", "--action=notify"], ["Event rule requires a --type."]),
        (["--condition=event-rule-matches", "--type=foo", "--action=notify"], ["Invalid `--type` value: foo"]),
        (
            ["--condition=event-rule-matches", "--type=jul", "--action=notify"],
            ["--type=jul: not supported yet by spoor"]
        ),
        (userEvents + ["--type=user", "--action=notify"], ["More than one `--type` was specified."]),
        (userEvents + ["--name=a", "--name=b", "--action=notify"], ["Duplicate '--name/-n' given."]),
        (["--name=a", "--name=b"] + userEvents + ["--action=notify"], ["Duplicate '--name' given."]),
        (userEvents + ["--filter=a", "--filter=b", "--action=notify"], ["Duplicate '--filter/-f' given."]),
        (
            userEvents + ["--log-level=INFO", "--log-level=ERR", "--action=notify"],
            ["Duplicate '--log-level/-l' given."]
        ),
        (userEvents + ["--log-level=FOO", "--action=notify"], ["Failed to parse log level string `FOO`."]),
        (userEvents + ["--log-level=6", "--action=notify"], ["Failed to parse log level string `6`."]),
        (
            userEvents + ["--log-level=..TRACE_INFO", "--action=notify"],
            ["Failed to parse log level string `..TRACE_INFO`."]
        ),
        (
            userEvents + ["--log-level=TRACE_INFO..TRACE_ERR", "--action=notify"],
            ["Failed to parse log level string `TRACE_INFO..TRACE_ERR`."]
        ),
        (userEvents + ["--name=", "--action=notify"], ["Failed to set user_tracepoint event rule's pattern to ''."]),
        (
            userEvents + ["--name=a", "--exclude-name=b", "--action=notify"],
            ["Event a: Exclusions can only be used with a globbing pattern"]
        ),
        (
            userEvents + ["--name=a*", "--exclude-name=a*", "--action=notify"],
            ["Event a*: a* excludes all events from a*"]
        ),
        (userEvents + ["--location=x", "--action=notify"], ["Can't use --location with user tracepoint event rules."]),
        (
            userEvents + ["--action=notify", "--condition=event-rule-matches", "--type=user"],
            ["A --condition was already given."]
        ),
        (
            ["--condition=event-rule-matches", "--condition=event-rule-matches", "--type=user", "--action=notify"],
            ["Event rule requires a --type."]
        ),
        (
            ["--rate-policy=every:2"] + userEvents + ["--action=notify"],
            ["While parsing argument #2 (`--rate-policy=every:2`): Unknown option `--rate-policy`"]
        ),
        (
            userEvents + ["--action=notify", "--capture=x"],
            ["While parsing argument #5 (`--capture=x`): Unknown option `--capture`"]
        ),
        (
            userEvents + ["--bogus", "--action=notify"],
            ["While parsing argument #4 (`--bogus`): Unknown option `--bogus`"]
        ),
        (
            userEvents + ["--action=notify", "--path=/x"],
            ["While parsing argument #5 (`--path=/x`): Unknown option `--path`"]
        ),
        (["--name"], ["While parsing argument #2 (`--name`): Missing required argument for option `--name`"]),
        (
            ["--name=S", "--condition"],
            [
                "While parsing argument #3 (`--condition`): Missing required argument for option `--condition`",
                "Valid condition names are:", "  event-rule-matches", "  session-consumed-size", "  buffer-usage-high",
                "  buffer-usage-low", "  session-rotation-ongoing", "  session-rotation-completed", "  process-crashed",
            ]
        ),
        (
            userEvents + ["--exclude-name"],
            ["While parsing argument #4 (`--exclude-name`): Missing required argument for option `--exclude-name`"]
        ),
        (userEvents + ["--action=notify", "extra"], ["Unexpected argument `extra`."]),
        (
            ["--name=S1", "-t", "user", "--action=notify"],
            ["While parsing argument #3 (`-t`): Unknown option `-t`"]
        ),
        (["extra"] + userEvents + ["--action=notify"], ["Unexpected argument `extra`."]),
        (userEvents + ["--action=start-session"], ["Missing session name."]),
        (userEvents + ["--action=start-session", "a", "b"], ["Unexpected argument `b`."]),
        (userEvents + ["--action=stop-session", "a/b"], ["Invalid character found in session name: `a/b`"]),
        (
            userEvents + ["--action=notify", "--name=x", "--rate-policy=every:2"],
            ["While parsing argument #6 (`--rate-policy=every:2`): Unknown option `--rate-policy`"]
        ),
        (
            ["--condition=event-rule-matches", "--owner-uid=0", "--type=user", "--action=notify"],
            ["Event rule requires a --type."]
        ),
        (userEvents + ["--action=start-session", ""], ["Failed to set action start session's session name to ''."]),
        (userEvents + ["--action=stop-session", ""], ["Failed to set action stop session's session name to ''."]),
        (userEvents + ["--action=rotate-session", ""], ["Failed to set action rotate session's session name to ''."]),
        (
            userEvents + ["--action=snapshot-session", ""],
            ["Failed to set action snapshot session's session name to ''."]
        ),
        (userEvents + ["--action=notify", "--rate-policy=every:0"], ["Rate policy value `0` must be > 0."]),
        (
            userEvents + ["--action=notify", "--rate-policy=every:"],
            ["Failed to parse rate policy value `` as an integer."]
        ),
        (
            userEvents + ["--action=notify", "--rate-policy=every:-1"],
            ["Failed to parse rate policy value `-1` as an integer."]
        ),
        (
            userEvents + ["--action=notify", "--rate-policy=every:18446744073709551616"],
            ["Failed to parse rate policy value `18446744073709551616` as an integer."]
        ),
        (userEvents + ["--action=notify", "--rate-policy=foo:3"], ["Rate policy type `foo` unknown."]),
        (
            userEvents + ["--action=notify", "--rate-policy=once-after:x"],
            ["Failed to parse rate policy value `x` as an integer."]
        ),
        (userEvents + ["--action=notify", "--rate-policy=every"], ["Rate policy format is invalid."]),
        (["--owner-uid=abc"] + userEvents + ["--action=notify"], ["Failed to parse `abc` as a user id."]),
        (["--owner-uid=1", "--owner-uid=2"] + userEvents + ["--action=notify"], ["Duplicate '--owner-uid' given."]),
        (["--name="] + userEvents + ["--action=notify"], ["Invalid trigger name ``: a trigger name cannot be empty"]),
        (
            userEvents + ["--capture=x[", "--action=notify"],
            [
                "Invalid capture descriptor `x[`: unbalanced `[`", "Failed to parse capture expression `x[`.",
            ]
        ),
        (
            userEvents + ["--capture=x[-1]", "--action=notify"],
            [
                "Invalid capture descriptor `x[-1]`: the array index must be a constant, positive integer",
                "Failed to parse capture expression `x[-1]`.",
            ]
        ),
        (
            userEvents + ["--capture=$foo.x", "--action=notify"],
            [
                "Invalid capture descriptor `$foo.x`: unexpected identifier `$foo`",
                "Failed to parse capture expression `$foo.x`.",
            ]
        ),
        (
            userEvents + ["--capture=", "--action=notify"],
            [
                "Invalid capture descriptor ``: invalid field name ``", "Failed to parse capture expression ``.",
            ]
        ),
        (
            userEvents + ["--capture=a[1][2]", "--action=notify"],
            [
                "Invalid capture descriptor `a[1][2]`: unbalanced `[`", "Failed to parse capture expression `a[1][2]`.",
            ]
        ),
        (
            userEvents + ["--capture=$app.a", "--action=notify"],
            ["Invalid app-specific context field name: missing colon in `a`."]
        ),
        (
            userEvents + ["--capture=a.b", "--action=notify"],
            ["While parsing expression `a.b`: Capturing subfields is not supported."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--max-size=abc", "--path=/x"],
            ["Failed to parse `abc` as a size."]
        ),
        (userEvents + ["--action=snapshot-session", "s", "--path=rel"], ["Failed to parse 'rel' as a local path."]),
        (userEvents + ["--action=snapshot-session", "s", "--url=bogus"], ["Failed to parse 'bogus' as an URL."]),
        (
            userEvents + ["--action=snapshot-session", "s", "--path=/x", "--url=file:///y"],
            ["The --ctrl-url/--data-url, --url, and --path options can't be used together."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--max-size=1M"],
            ["Can't provide a snapshot output max size without a snapshot output destination."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--name=n"],
            ["Can't provide a snapshot output name without a snapshot output destination."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--ctrl-url=tcp://h"],
            ["--ctrl-url is specified, but --data-url is missing."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--data-url=tcp://h"],
            ["--data-url is specified, but --ctrl-url is missing."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--ctrl-url=net://h", "--data-url=net://h:2"],
            ["Failed to parse `net://h` and `net://h:2` as control and data URLs."]
        ),
        (
            userEvents + ["--action=snapshot-session", "s", "--path=/x", "--name=a", "--name=b"],
            ["Duplicate '--name/-n' given."]
        ),
        (
            ["--condition=session-consumed-size", "--threshold-size=1M", "--action=notify"],
            ["Missing --session for a session-consumed-size condition."]
        ),
        (
            ["--condition=session-consumed-size", "--session=s", "--action=notify"],
            ["Missing --threshold-size for a session-consumed-size condition."]
        ),
        (
            ["--condition=buffer-usage-high", "--session=s", "--threshold-ratio=0.5", "--action=notify"],
            ["Missing --channel for a buffer-usage-high condition."]
        ),
        (
            ["--condition=buffer-usage-low", "--session=s", "--channel=c", "--action=notify"],
            ["Missing --threshold-ratio or --threshold-size for a buffer-usage-low condition."]
        ),
        (
            ["--condition=buffer-usage-low", "--session=s", "--channel=c", "--threshold-ratio=1.5", "--action=notify"],
            ["Failed to parse `1.5` as a ratio between 0 and 1."]
        ),
        (
            [
                "--condition=buffer-usage-high", "--session=s", "--channel=c", "--threshold-ratio=.5",
                "--threshold-size=1",
                "--action=notify",
            ],
            ["The --threshold-ratio and --threshold-size options can't be used together."]
        ),
        (
            ["--condition=session-rotation-ongoing", "--session=s", "--channel=c", "--action=notify"],
            ["While parsing argument #4 (`--channel=c`): Unknown option `--channel`"]
        ),
    ]

    @Test("a malformed command line is refused with an error that names the bad part", arguments: malformed)
    func malformedCommandLines(arguments: [String], errors: [String]) {
        let (run, request) = addTrigger(arguments)
        #expect(run.status == .commandError)
        #expect(run.standardError == errors.map { "Error: \($0)\n" }.joined())
        #expect(run.standardOutput.isEmpty)
        #expect(request == nil)
    }
}
