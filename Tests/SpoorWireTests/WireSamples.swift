import SpoorModel
import SpoorWire

/// Values covering every case of every wire type, with edge values (empty, `nil`, extremes, non-ASCII).
enum Samples {
    static let integerTypes: [IntegerType] = [8, 16, 32, 64].flatMap { (width: UInt8) in
        [false, true].flatMap { isSigned in
            [DisplayBase.decimal, .hexadecimal].flatMap { base in
                [false, true].map { isText in
                    IntegerType(bitWidth: width, isSigned: isSigned, base: base, isText: isText)
                }
            }
        }
    }

    static let u8Text = IntegerType(bitWidth: 8, isSigned: false, isText: true)
    static let s32 = IntegerType(bitWidth: 32, isSigned: true)
    static let u64Hex = IntegerType(bitWidth: 64, isSigned: false, base: .hexadecimal)

    static let enumerationMappings: [EnumerationMapping] = [
        EnumerationMapping(label: "ZERO", value: 0),
        EnumerationMapping(label: "", range: -5...5),
        EnumerationMapping(label: "ALL", range: Int64.min...Int64.max),
        EnumerationMapping(label: "état", value: Int64.min),
    ]

    /// Every `FieldType` case, some more than once.
    static let fieldTypes: [FieldType] =
        integerTypes.map(FieldType.integer) + [
            .float,
            .double,
            .string,
            .enumeration(s32, []),
            .enumeration(
                IntegerType(bitWidth: 8, isSigned: false), [EnumerationMapping(label: "A", value: 1)]),
            .enumeration(IntegerType(bitWidth: 64, isSigned: true), enumerationMappings),
            .array(u8Text, count: 0),
            .array(u8Text, count: 16),
            .array(s32, count: 1 << 20),
            .sequence(u8Text),
            .sequence(u64Hex),
        ]

    static let fieldDescriptors: [FieldDescriptor] = fieldTypes.enumerated().map { index, type in
        FieldDescriptor(name: "field\(index)", type: type)
    }

    static let eventDescriptors: [EventDescriptor] =
        LogLevel.allCases.map { level in
            EventDescriptor(
                provider: "provider", event: "event_\(level.rawValue)", logLevel: level, fields: [])
        } + [
            EventDescriptor(provider: "", event: "", fields: []),
            EventDescriptor(
                provider: "spoor_example", event: "everything", logLevel: .info, fields: fieldDescriptors),
            EventDescriptor(
                provider: "ünïcode", event: "😀", logLevel: .warning,
                fields: [FieldDescriptor(name: "msg", type: .string)]),
        ]

    static let channelAttributes: [ChannelAttributes] = [
        ChannelAttributes(name: "channel0"),
        ChannelAttributes(
            name: "big", lossMode: .overwrite, subbufferSize: UInt64.max, subbufferCount: 1 << 40,
            switchTimerPeriod: 1, readTimerPeriod: 200, monitorTimerPeriod: 0, blockingTimeout: nil,
            tracefileSize: 1 << 30, tracefileCount: 12, buffering: .perPID),
        ChannelAttributes(name: "", blockingTimeout: UInt64.max),
    ]

    /// Every case of `LogLevelCondition`, at both ends of the level range.
    static let logLevelConditions: [LogLevelCondition] =
        [.any]
        + [LogLevel.emergency, .info, .debug].flatMap { level in
            [LogLevelCondition.atLeastAsSevereAs(level), .exactly(level)]
        }

    static let eventRules: [EventRule] = [
        EventRule(pattern: "*"),
        EventRule(pattern: "app:event", isEnabled: false),
        EventRule(pattern: "", isEnabled: true),
        EventRule(pattern: "app:*", logLevel: .atLeastAsSevereAs(.warning)),
        EventRule(pattern: "app:*", logLevel: .exactly(.debug), isEnabled: false),
        EventRule(pattern: "c:*", exclusions: ["c:x", "c:y*"]),
        EventRule(pattern: "*", exclusions: ["", "ünï:*"], filter: ""),
        EventRule(
            pattern: "\\*", logLevel: .exactly(.emergency), exclusions: ["a"], filter: "msg == \"é\" && v > 1",
            isEnabled: false),
    ]

    /// Every case of `TrackerPolicy`, with the extreme values and a set large enough for its
    /// iteration order to differ from the sorted order.
    static let trackerPolicies: [TrackerPolicy] = [
        .all,
        .only([]),
        .only([0]),
        .only([Int64.min, -1, 0, 1, Int64.max]),
        .only(Set((0..<100).map { Int64($0) * 7919 })),
    ]

    static let processAttributeTrackers: [ProcessAttributeTrackers] = [
        ProcessAttributeTrackers(),
        {
            var trackers = ProcessAttributeTrackers()
            trackers.virtualProcessIDs = .only([1234, 42])
            trackers.virtualGroupIDs = .only([])
            return trackers
        }(),
        {
            var trackers = ProcessAttributeTrackers()
            trackers.virtualProcessIDs = trackerPolicies[3]
            trackers.virtualUserIDs = trackerPolicies[4]
            trackers.virtualGroupIDs = trackerPolicies[2]
            return trackers
        }(),
    ]

    static let sessionSummaries: [SessionSummary] = [
        SessionSummary(
            name: "auto-20240101-120000", outputPath: "/home/u/lttng-traces/s", isActive: true,
            creationTime: 1_700_000_000),
        SessionSummary(name: "", outputPath: "", isActive: false, creationTime: Int64.min),
        SessionSummary(name: "séance", outputPath: "/tmp/🚀", isActive: false, creationTime: -1),
        SessionSummary(name: "snap", outputPath: "", isActive: true, creationTime: 1, isSnapshot: true),
    ]

    static let channelInfos: [ChannelInfo] = [
        ChannelInfo(attributes: channelAttributes[0], isEnabled: true, rules: []),
        ChannelInfo(
            attributes: channelAttributes[1], isEnabled: false, rules: eventRules,
            discardedEventCount: UInt64.max, lostPacketCount: 3),
    ]

    static let sessionDetails: [SessionDetail] = [
        SessionDetail(summary: sessionSummaries[0], channels: []),
        SessionDetail(summary: sessionSummaries[2], channels: channelInfos),
        SessionDetail(summary: sessionSummaries[1], channels: [], trackers: processAttributeTrackers[1]),
        SessionDetail(summary: sessionSummaries[0], channels: channelInfos, trackers: processAttributeTrackers[2]),
    ]

    static let appTracepoints: [AppTracepoints] = [
        AppTracepoints(pid: 1, processName: "", events: []),
        AppTracepoints(pid: Int32.max, processName: "spoor-example", events: eventDescriptors),
        AppTracepoints(pid: -1, processName: "p", events: [eventDescriptors[0]]),
    ]

    static let spoorErrors: [SpoorError] =
        ErrorCode.allCases.map { SpoorError($0) } + [
            SpoorError(.sessionNotFound, "no session named \"x\""),
            SpoorError(.invalidChannelName, "ça ne va pas"),
        ]

    static let appRegistrations: [AppRegistration] = [
        AppRegistration(pid: 1234, uid: 1000, gid: 1000, processName: "app", bitWidth: 64, events: []),
        AppRegistration(
            protocolVersion: UInt32.max, pid: Int32.min, uid: 0, gid: UInt32.max, processName: "",
            bitWidth: 32, events: eventDescriptors),
    ]

    static let eventTargets: [EventTarget] = [
        EventTarget(channelKey: 0, eventID: 0),
        EventTarget(channelKey: UInt64.max, eventID: UInt32.max),
        EventTarget(channelKey: 3, eventID: 9, filters: [[], [0x01, 0x02, 0x03], [0xFF]]),
    ]

    static let eventDestinations: [EventDestinations] = [
        EventDestinations(eventIndex: 0, targets: []),
        EventDestinations(eventIndex: 7, targets: eventTargets),
    ]

    static let channelConfigurations: [ChannelConfiguration] = [
        ChannelConfiguration(attributes: channelAttributes[0]),
        ChannelConfiguration(
            attributes: channelAttributes[1], isEnabled: false, rules: eventRules, contexts: ContextType.allCases,
            namedContexts: ["$app.prov:ctx", "perf:thread:cpu-cycles", ""]),
    ]

    static let sessionConfigurations: [SessionConfiguration] = [
        SessionConfiguration(name: "s", outputPath: nil),
        SessionConfiguration(
            name: "séance", outputPath: "/tmp/🚀", isActive: true, channels: channelConfigurations,
            trackers: processAttributeTrackers[2]),
        SessionConfiguration(name: "", outputPath: "", channels: [channelConfigurations[0]]),
        SessionConfiguration(
            name: "r", outputPath: "/r",
            rotationSchedules: RotationSchedules(periodMicroseconds: 10_000_000, sizeThresholdBytes: 1 << 21)),
        SessionConfiguration(
            name: "snap", outputPath: nil, isSnapshot: true,
            snapshotOutputs: [SnapshotOutput(id: 3, name: "snapshot-3", maxSize: 4096, path: "/o")]),
    ]

    static let crashReport = CrashReport(
        pid: 4242, uid: 1000, gid: 100, signal: 11, time: 1_795_000_000, processName: "my app",
        executablePath: "/usr/bin/my-app")

    /// Every case of `ControlRequest`: tags 0 through 23, 32 and 33.
    static let controlRequests: [ControlRequest] = [
        .version,
        .createSession(name: nil, outputPath: nil),
        .createSession(name: "s", outputPath: nil),
        .createSession(name: nil, outputPath: "/tmp/out"),
        .createSession(name: "séance", outputPath: ""),
        .destroySession(name: "s"),
        .destroySession(name: ""),
        .listSessions,
        .sessionDetail(name: "s"),
        .enableChannel(session: "s", attributes: channelAttributes[0]),
        .enableChannel(session: "s", attributes: channelAttributes[1]),
        .disableChannel(session: "s", channel: "channel0"),
        .enableEvent(session: "s", channel: nil, rules: []),
        .enableEvent(session: "s", channel: "c", rules: [EventRule(pattern: "*")]),
        .enableEvent(session: "s", channel: nil, rules: eventRules),
        .disableEvent(session: "s", channel: nil, patterns: [], all: true),
        .disableEvent(session: "s", channel: "c", patterns: ["a:b"], all: false),
        .startSession(name: "s"),
        .stopSession(name: "s"),
        .listTracepoints,
        .track(session: "s", attribute: .virtualProcessID, values: nil),
        .track(session: "s", attribute: .virtualUserID, values: []),
        .track(session: "séance", attribute: .virtualGroupID, values: [0, Int64.max, Int64.min, 42, 42]),
        .untrack(session: "s", attribute: .virtualProcessID, values: [1234]),
        .untrack(session: "", attribute: .virtualUserID, values: nil),
        .untrack(session: "s", attribute: .virtualGroupID, values: []),
        .addContext(session: "s", channel: nil, contexts: []),
        .addContext(session: "s", channel: "c", contexts: ["vpid", "procname", "", "bogus"]),
        .sessionConfigurations(name: nil),
        .sessionConfigurations(name: "s"),
        .loadSessions([], overwrite: false),
        .loadSessions(sessionConfigurations, overwrite: true),
        .clearSession(name: "s"),
        .regenerateMetadata(session: "s"),
        .regenerateStatedump(session: "séance"),
        .reportCrash(crashReport),
        .crashReports,
        .rotateSession(name: "s"),
        .enableRotation(session: "s", schedule: .periodic(microseconds: 1_000_000)),
        .enableRotation(session: "séance", schedule: .sizeThreshold(bytes: UInt64.max)),
        .disableRotation(session: "s", kind: .periodic),
        .disableRotation(session: "s", kind: .sizeThreshold),
        .rotationStatus(session: "s", chunkID: nil),
        .rotationStatus(session: "s", chunkID: 7),
        .createSnapshotSession(name: nil, outputPath: nil, hasOutput: true),
        .createSnapshotSession(name: "s", outputPath: "/tmp/o", hasOutput: false),
        .addSnapshotOutput(session: "s", output: SnapshotOutput(name: "n", maxSize: 1 << 20, path: "/tmp/o")),
        .addSnapshotOutput(session: "s", output: SnapshotOutput()),
        .deleteSnapshotOutput(session: "s", output: "1"),
        .deleteSnapshotOutput(session: "séance", output: "snapshot-1"),
        .listSnapshotOutputs(session: "s"),
        .recordSnapshot(session: "s", output: SnapshotOutput()),
        .recordSnapshot(session: "s", output: SnapshotOutput(id: 0, name: "x", maxSize: .max, path: "/🚀")),
    ]

    /// Every case of `ControlReply`: tags 0 through 12.
    static let controlReplies: [ControlReply] =
        [.ok] + spoorErrors.map(ControlReply.error) + [
            .version(""),
            .version("2.13.0"),
            .sessionCreated(sessionSummaries[0]),
            .sessions([]),
            .sessions(sessionSummaries),
            .sessionDetail(sessionDetails[0]),
            .sessionDetail(sessionDetails[1]),
            .eventRulesChanged(channel: "channel0"),
            .stopped([]),
            .stopped(channelInfos),
            .tracepoints([]),
            .tracepoints(appTracepoints),
            .sessionConfigurations([]),
            .sessionConfigurations(sessionConfigurations),
            .sessionLoadFailed(session: "s", error: SpoorError(.sessionExists, "s")),
            .crashReports([]),
            .crashReports([crashReport, crashReport]),
            .rotation(RotationInfo(session: "s", chunkID: 0, state: .ongoing, archivePath: "")),
            .rotation(RotationInfo(session: "séance", chunkID: .max, state: .completed, archivePath: "/tmp/🚀")),
            .rotationStatus(nil, RotationSchedules()),
            .rotationStatus(
                RotationInfo(session: "s", chunkID: 3, state: .error, archivePath: "/a"),
                RotationSchedules(periodMicroseconds: 5, sizeThresholdBytes: 4096)),
            .snapshotOutputs([]),
            .snapshotOutputs([SnapshotOutput(id: 1, name: "snapshot-1", maxSize: 0, path: "/o"), SnapshotOutput()]),
            .snapshotRecorded(directory: "/o/snapshot-1-20260101-000000-0"),
        ]

    /// Notifiers of events, as the daemon sends event-rule-matches triggers to apps.
    static let eventNotifiers: [EventNotifiers] = [
        EventNotifiers(eventIndex: 0, notifiers: []),
        EventNotifiers(
            eventIndex: 7,
            notifiers: [
                EventNotifier(token: 1),
                EventNotifier(
                    token: UInt64.max, filter: [1, 2, 3],
                    captures: [
                        .payloadField("i32"), .contextField("vpid"),
                        .applicationContextField(provider: "p", type: "t"),
                        .arrayElement(.payloadField("triple"), index: 1),
                    ]),
            ]),
    ]

    /// Every case of `AppMessage`: tags 0 through 4.
    static let appMessages: [AppMessage] =
        appRegistrations.map(AppMessage.register) + [
            .declareEvents(firstIndex: 0, events: []),
            .declareEvents(firstIndex: 3, events: eventDescriptors),
            .acknowledge(token: 0),
            .acknowledge(token: UInt64.max),
            .eventNotification(token: 0, captures: []),
            .eventNotification(
                token: UInt64.max,
                captures: [
                    // No floating point: a mutation may make a NaN, which equals nothing (the
                    // notification tests cover doubles).
                    .signed(-3), .unsigned(.max), .string("é"), .unavailable,
                    .array([.signed(1), .unavailable]),
                ],
                discardedBefore: 12),
            .notificationsDiscarded(token: 3, count: UInt64.max),
        ]

    /// Every case of `DaemonMessage`: tags 0 through 7.
    static let daemonMessages: [DaemonMessage] = [
        .addStream(channelKey: 1, cpu: 0, streamCount: 4),
        .addStream(channelKey: UInt64.max, cpu: UInt32.max, streamCount: UInt32.max),
        .removeChannel(channelKey: 42),
        .setDestinations([]),
        .setDestinations(eventDestinations),
        .registrationDone,
        .setChannelContexts(channelKey: 0, contexts: []),
        .setChannelContexts(channelKey: UInt64.max, contexts: ContextType.allCases.map(\.code)),
        .setChannelContexts(channelKey: 2, contexts: [0], namedContexts: ["$app.prov:type", "$app.a-b.c:d_e"]),
        .synchronize(token: 1),
        .synchronize(token: UInt64.max),
        .statedump(channelKeys: []),
        .statedump(channelKeys: [1, UInt64.max]),
        .setNotifiers([]),
        .setNotifiers(eventNotifiers),
    ]
}
