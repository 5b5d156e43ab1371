import Foundation
import SpoorModel
import Testing

@testable import SpoorSessionXML

@Suite("Writing session files")
struct SessionXMLWriterTests {
    @Test("a rich session is written as the golden document")
    func richSessionMatchesGolden() throws {
        let document = try SessionXML.document(for: [Sessions.rich])
        // `SPOOR_RECORD_GOLDEN=1 swift test --filter SessionXMLWriterTests` re-records it.
        if ProcessInfo.processInfo.environment["SPOOR_RECORD_GOLDEN"] != nil {
            try Data(document.utf8).write(to: Golden.directory.appendingPathComponent("spoor-rich.lttng"))
        }
        #expect(document == (try Golden.text("spoor-rich.lttng")))
    }

    @Test("a session without channels or trackers has no domain, as LTTng writes it")
    func emptySessionHasNoDomain() throws {
        let document = try SessionXML.document(for: [SessionConfiguration(name: "empty", outputPath: "/tmp/e")])
        #expect(
            document == """
                <?xml version="1.0" encoding="UTF-8"?>
                <sessions>
                \t<session>
                \t\t<name>empty</name>
                \t\t<started>false</started>
                \t\t<output>
                \t\t\t<consumer_output>
                \t\t\t\t<enabled>true</enabled>
                \t\t\t\t<destination>
                \t\t\t\t\t<path>/tmp/e</path>
                \t\t\t\t</destination>
                \t\t\t</consumer_output>
                \t\t</output>
                \t</session>
                </sessions>

                """)
    }

    @Test(
        "what Spoor writes is valid against LTTng's installed schema",
        arguments: Sessions.valid)
    func documentsAreValid(session: SessionConfiguration) throws {
        #expect(FileManager.default.fileExists(atPath: installedSchema), "install liblttng-ctl0 for session.xsd")
        let document = try SessionXML.document(for: [session])
        let (isValid, output) = try validateWithXMLLint(document)
        #expect(isValid, "\(output)\n\(document)")
        #expect(SessionXML.contextsOutsideSchema(of: session).isEmpty)
    }

    @Test("several sessions in one document are valid too")
    func severalSessionsAreValid() throws {
        let (isValid, output) = try validateWithXMLLint(try SessionXML.document(for: Sessions.valid))
        #expect(isValid, "\(output)")
    }

    @Test("what Spoor writes reads back as the same session", arguments: Sessions.valid)
    func roundTrips(session: SessionConfiguration) throws {
        let document = try SessionXML.document(for: [session])
        #expect(try configuration(in: document) == session)
    }

    @Test("every context type reads back, those outside the schema written as LTTng 2.13 writes them")
    func everyContextRoundTrips() throws {
        let session = SessionConfiguration(
            name: "contexts", outputPath: "/t",
            channels: [ChannelConfiguration(attributes: ChannelAttributes(name: "c"), contexts: ContextType.allCases)])
        let document = try SessionXML.document(for: [session])
        #expect(try configuration(in: document) == session)
        #expect(document.contains("<type>VUID</type>"))
        #expect(document.contains("<type>NET_NS</type>"))
        let outside = SessionXML.contextsOutsideSchema(of: session).map(\.context)
        #expect(outside == ContextType.allCases.filter { ![.vpid, .vtid, .procname, .pthreadID, .ip].contains($0) })
        // LTTng's own `load` refuses such a file: the schema does not list these names.
        let (isValid, output) = try validateWithXMLLint(document)
        #expect(!isValid)
        #expect(output.contains("'VUID' is not an element of the set"))
    }

    @Test("control characters XML cannot hold are refused, carriage returns kept")
    func controlCharacters() throws {
        var session = SessionConfiguration(name: "s", outputPath: "/t")
        session.channels = [
            ChannelConfiguration(
                attributes: ChannelAttributes(name: "c"), rules: [EventRule(pattern: "*", filter: "a\u{1}b")])
        ]
        #expect(throws: SessionFileError.self) { try SessionXML.document(for: [session]) }
        session.channels[0].rules[0].filter = "a\rb"
        let document = try SessionXML.document(for: [session])
        #expect(document.contains("a&#13;b"))
        #expect(try configuration(in: document).channels[0].rules[0].filter == "a\rb")
    }

    @Test("an infinite blocking timeout is -1, and the largest finite one fits the schema")
    func blockingTimeouts() throws {
        for (timeout, text) in [(nil, "-1"), (0, "0"), (2_147_483_648_000, "2147483648000")] as [(UInt64?, String)] {
            let session = SessionConfiguration(
                name: "s", outputPath: "/t",
                channels: [ChannelConfiguration(attributes: ChannelAttributes(name: "c", blockingTimeout: timeout))])
            let document = try SessionXML.document(for: [session])
            #expect(document.contains("<blocking_timeout>\(text)</blocking_timeout>"))
            #expect(try configuration(in: document).channels[0].attributes.blockingTimeout == timeout)
        }
    }
}
