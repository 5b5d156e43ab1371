// Output of the real LTTng 2.13.9 `lttng list-triggers`, recorded in a private mount namespace
// (run as root, so every user's triggers are listed), copied verbatim. Re-record on purpose,
// never edit by hand.

/// What the real `lttng list-triggers` printed.
enum LTTngTriggerTranscripts {
    /// After:
    ///     lttng add-trigger --condition=event-rule-matches --type=user --name='my_app:*' --action=notify
    ///     lttng add-trigger --name=T1 --condition=event-rule-matches --type=user --name='a*' --exclude-name=ab
    ///         --exclude-name='ac*' --log-level=TRACE_WARNING.. --filter='x > 3' --capture=x --capture='$ctx.vpid'
    ///         --capture='$app.prov:ctx' --capture='arr[3]' --action=notify --rate-policy=every:10
    ///         --action=start-session s1 --rate-policy=once-after:40 --action=stop-session s2
    ///         --action=rotate-session s3 --action=snapshot-session s4
    ///     lttng add-trigger --name=T2 --condition=event-rule-matches --type=user --log-level=TRACE_INFO
    ///         --action=notify
    ///     lttng add-trigger --name=T3 --condition=event-rule-matches --type=user --log-level=.. --action=notify
    ///     lttng add-trigger --owner-uid=1000 --name=T5 --condition=event-rule-matches --type=user --action=notify
    static let listing = """
        - name: T1
          owner uid: 0
          condition: event rule matches
            rule: a* (type: user tracepoint, filter: x > 3, log level at least WARNING, exclusions: ab,ac*)
            captures:
              - x
              - $ctx.vpid
              - $app.prov:ctx
              - arr[3]
            errors: none
          actions:
            notify, rate policy: every 10 occurrences
              errors: none
            start session `s1`, rate policy: once after 40 occurrences
              errors: none
            stop session `s2`
              errors: none
            rotate session `s3`
              errors: none
            snapshot session `s4`
              errors: none
          errors: none
        - name: T2
          owner uid: 0
          condition: event rule matches
            rule: * (type: user tracepoint, log level is INFO)
            errors: none
          actions:
            notify
              errors: none
          errors: none
        - name: T3
          owner uid: 0
          condition: event rule matches
            rule: * (type: user tracepoint)
            errors: none
          actions:
            notify
              errors: none
          errors: none
        - name: T5
          owner uid: 1000
          condition: event rule matches
            rule: * (type: user tracepoint)
            errors: none
          actions:
            notify
              errors: none
          errors: none
        - name: trigger0
          owner uid: 0
          condition: event rule matches
            rule: my_app:* (type: user tracepoint)
            errors: none
          actions:
            notify
              errors: none
          errors: none

        """

    /// Snapshot outputs, one trigger each:
    ///     --action=snapshot-session s --path=/tmp/x
    ///     --action=snapshot-session s --url=file:///tmp/y --name=out --max-size=1M
    ///     --action=snapshot-session s --url=net://localhost
    ///     --action=snapshot-session s --ctrl-url=tcp://localhost:5342 --data-url=tcp://localhost:5343
    ///     --action=snapshot-session s --path=/x --max-size=4k
    static let snapshotOutputs = """
            snapshot session `s`, path: /tmp/x
            snapshot session `s`, path: /tmp/y, name: out, max size: 1048576
            snapshot session `s`, url: net://localhost
            snapshot session `s`, control url: tcp://localhost:5342, data url: tcp://localhost:5343
            snapshot session `s`, path: /x, max size: 4096
        """

    /// `--log-level=TRACE_EMERG..`, `--log-level=DEBUG_LINE` and `--log-level=LINE`, `--exclude-name=x`,
    /// and `--capture=' x '`.
    static let ruleLines = """
            rule: * (type: user tracepoint, log level is EMERG)
            rule: * (type: user tracepoint, log level is DEBUG_LINE)
            rule: * (type: user tracepoint, exclusions: x)
            captures:
              - x
        """

    /// Action lines of:
    ///     --action=snapshot-session s --rate-policy=every:2 --path=/x
    ///     --action=start-session --rate-policy=every:2 s
    ///     --action=notify --rate-policy=once-after:1
    static let actionLines = """
            snapshot session `s`, path: /x, rate policy: every 2 occurrences
            start session `s`, rate policy: every 2 occurrences
            notify, rate policy: once after 1 occurrences
        """
}
