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

    @Test("every code has a one-line message", arguments: ErrorCode.allCases)
    func everyCodeHasAMessage(code: ErrorCode) {
        #expect(!code.message.isEmpty)
        #expect(!code.message.contains("\n"))
        #expect(code.message.first?.isUppercase == true)
    }

    @Test("messages are distinct")
    func messagesAreDistinct() {
        let messages = ErrorCode.allCases.map(\.message)
        #expect(Set(messages).count == messages.count)
    }

    @Test("messages follow LTTng's where LTTng has the same error")
    func lttngMessages() {
        #expect(ErrorCode.sessionNotFound.message == "Session name not found")
        #expect(ErrorCode.sessionExists.message == "Session name already exists")
        #expect(ErrorCode.sessionAlreadyActive.message == "Tracing already started")
        #expect(ErrorCode.sessionAlreadyInactive.message == "Tracing already stopped")
        #expect(ErrorCode.channelExists.message == "Channel already exists")
        #expect(ErrorCode.sessionNeverStarted.message == "Session needs to be started once")
        #expect(ErrorCode.rotationPending.message == "Rotation already pending for this session")
        #expect(
            ErrorCode.rotationAfterStopAlreadyDone.message == "Session was already rotated once since it became inactive")
        #expect(
            ErrorCode.rotationNotAvailable.message == "Rotation feature not available for this session's creation mode")
    }

    @Test("an error describes itself as its message, then its detail if any")
    func errorDescription() {
        #expect(SpoorError(.sessionNotFound).description == "Session name not found")
        #expect(SpoorError(.sessionNotFound, "s").description == "Session name not found: s")
        #expect(SpoorError(.unknown).detail == "")
    }
}
