import SpoorModel
import Testing

@Suite("Error codes")
struct ErrorCodeTests {
    /// The codes never change once released: clients and daemons of different builds must agree.
    static let releasedCodes: [(ErrorCode, UInt32)] = [
        (.unknown, 1),
        (.sessionNotFound, 2),
        (.sessionExists, 3),
        (.invalidSessionName, 4),
        (.channelNotFound, 5),
        (.channelExists, 6),
        (.invalidChannelName, 7),
        (.nonDefaultChannelExists, 8),
        (.eventRuleNotFound, 9),
        (.sessionAlreadyActive, 10),
        (.sessionAlreadyInactive, 11),
        (.noChannel, 12),
        (.invalidArgument, 13),
        (.permissionDenied, 14),
        (.outputError, 15),
        (.unsupported, 16),
        (.protocolError, 17),
        (.channelAttributesImmutableWhileActive, 18),
        (.noEventRule, 19),
        (.eventRuleExists, 20),
        (.contextExists, 21),
        (.invalidFilter, 22),
        (.sessionNotStarted, 23),
        (.perPIDSessionUnsupported, 24),
        (.triggerExists, 34),
        (.triggerNotFound, 35),
        (.invalidTrigger, 36),
        (.sessionNeverStarted, 25),
        (.rotationPending, 26),
        (.rotationAfterStopAlreadyDone, 27),
        (.rotationNotAvailable, 28),
        (.rotationScheduleConflict, 29),
        (.notSnapshotSession, 30),
        (.snapshotOutputExists, 31),
        (.snapshotMaxSizeInvalid, 32),
        (.snapshotFailed, 33),
    ]

    @Test("released codes keep their raw values", arguments: releasedCodes)
    func releasedCodesKeepTheirValues(code: ErrorCode, raw: UInt32) {
        #expect(code.rawValue == raw)
        #expect(ErrorCode(rawValue: raw) == code)
    }

    @Test("every code is pinned above")
    func everyCodeIsPinned() {
        #expect(Set(Self.releasedCodes.map(\.0)) == Set(ErrorCode.allCases))
    }

    @Test("raw values are unique and 0 is never a code")
    func rawValuesAreUnique() {
        let raws = ErrorCode.allCases.map(\.rawValue)
        #expect(Set(raws).count == raws.count)
        #expect(ErrorCode(rawValue: 0) == nil)
    }

    @Test("codes are declared in raw-value order")
    func sortedByRawValue() {
        let raws = ErrorCode.allCases.map(\.rawValue)
        #expect(raws == raws.sorted())
    }

    @Test("an error describes itself for logs as its code, its detail and its cause")
    func errorDescription() {
        #expect(SpoorError(.sessionNotFound).description == "sessionNotFound")
        #expect(SpoorError(.sessionNotFound, "s").description == "sessionNotFound: s")
        #expect(
            SpoorError(.outputError, "d", cause: .init(operation: "open /x", errno: 2)).description
                == "outputError: d (open /x: errno 2)")
        #expect(SpoorError(.unknown).detail == "")
        #expect(SpoorError(.unknown).cause == nil)
    }
}
