import SpoorModel
import Testing

@Suite("Session and channel name validation")
struct NameValidationTests {
    static let longest = String(repeating: "a", count: 255)
    static let tooLong = String(repeating: "a", count: 256)
    /// 256 bytes in 128 characters: the limit counts UTF-8 bytes, as LTTng's `char[]` does.
    static let tooLongInBytes = String(repeating: "é", count: 128)

    @Test(
        "valid session names are accepted",
        arguments: [
            "s", "my-session", "my_session.2", "auto-20240101-120000", "a b", ".hidden", "a..b", "séance",
            "🚀", longest,
            String(repeating: "é", count: 127),
        ])
    func validSessionNames(name: String) {
        #expect(NameValidation.sessionNameProblem(name) == nil)
    }

    @Test(
        "invalid session names are refused with a reason",
        arguments: [
            "", "/", "a/b", "a/", ".", "..", tooLong, tooLongInBytes, "a\nb", "\t", "a\u{0}b", "\u{1F}",
            "a\rb",
        ])
    func invalidSessionNames(name: String) {
        let problem = NameValidation.sessionNameProblem(name)
        #expect(problem != nil)
        #expect(problem?.isEmpty == false)
    }

    @Test("session name problems say what is wrong")
    func sessionNameMessages() {
        #expect(NameValidation.sessionNameProblem("") == "Session name cannot be empty")
        #expect(
            NameValidation.sessionNameProblem(Self.tooLong)
                == "Session name is too long (at most 255 bytes)")
        #expect(NameValidation.sessionNameProblem("a/b") == "Invalid character found in session name")
    }

    @Test(
        "valid channel names are accepted",
        arguments: [
            "channel0", "my_channel", "a.b", "a..", "chan-1", "Metadata", "metadata2", "my_metadata",
            "café", longest,
        ])
    func validChannelNames(name: String) {
        #expect(NameValidation.channelNameProblem(name) == nil)
    }

    @Test(
        "invalid channel names are refused with a reason",
        arguments: [
            "", "/", "a/b", ".", "..", ".hidden", "metadata", tooLong, tooLongInBytes, "a\nb", "\t",
            "a\u{0}b",
            "\u{1F}x",
        ])
    func invalidChannelNames(name: String) {
        let problem = NameValidation.channelNameProblem(name)
        #expect(problem != nil)
        #expect(problem?.isEmpty == false)
    }

    @Test("the metadata channel name is reserved")
    func metadataIsReserved() {
        #expect(
            NameValidation.channelNameProblem("metadata") == "Channel name \"metadata\" is reserved")
    }

    @Test("the default channel name is itself valid")
    func defaultChannelNameIsValid() {
        #expect(NameValidation.channelNameProblem(ChannelDefaults.defaultChannelName) == nil)
    }

    @Test("names may be up to 255 bytes, LTTNG_NAME_MAX less the NUL")
    func maximumLength() {
        #expect(NameValidation.maximumLength == 255)
    }
}
