import SpoorModel
import Testing

@testable import SpoorSessionXML

@Suite("Rotation schedules in session files")
struct RotationScheduleXMLTests {
    @Test("a file the real lttng saved with both schedules loads with the same schedules")
    func lttngBothSchedules() throws {
        let session = try configuration(in: try Golden.text("lttng-rotation.lttng"))
        #expect(session.name == "rotating")
        #expect(session.outputPath == "/tmp/spoor-golden/rotating")
        #expect(
            session.rotationSchedules
                == RotationSchedules(periodMicroseconds: 10_000_000, sizeThresholdBytes: 2_097_152))
        #expect(session.channels.map(\.attributes.name) == ["channel0"])
    }

    @Test("a file the real lttng saved with a periodic schedule only loads with it only")
    func lttngTimerOnly() throws {
        let session = try configuration(in: try Golden.text("lttng-rotation-timer.lttng"))
        #expect(session.rotationSchedules == RotationSchedules(periodMicroseconds: 500_000))
    }

    @Test("schedules are written as lttng save writes them, and read back")
    func writtenAsLTTngWritesThem() throws {
        let session = SessionConfiguration(
            name: "r", outputPath: "/tmp/r",
            rotationSchedules: RotationSchedules(periodMicroseconds: 10_000_000, sizeThresholdBytes: 2_097_152))
        let document = try SessionXML.document(for: [session])
        #expect(
            document.contains(
                """
                \t\t<started>false</started>
                \t\t<attributes>
                \t\t\t<rotation_schedules>
                \t\t\t\t<periodic>
                \t\t\t\t\t<time_us>10000000</time_us>
                \t\t\t\t</periodic>
                \t\t\t\t<size_threshold>
                \t\t\t\t\t<bytes>2097152</bytes>
                \t\t\t\t</size_threshold>
                \t\t\t</rotation_schedules>
                \t\t</attributes>
                \t\t<output>
                """))
        #expect(try configuration(in: document) == session)
    }

    @Test("a session without schedules writes no attributes")
    func noSchedulesNoAttributes() throws {
        let document = try SessionXML.document(for: [SessionConfiguration(name: "r", outputPath: "/tmp/r")])
        #expect(!document.contains("attributes"))
    }

    @Test(
        "meaningless schedules are refused",
        arguments: [
            ("<periodic><time_us>0</time_us></periodic>", "<periodic> needs a <time_us> from 1 to 4294967295"),
            ("<periodic></periodic>", "<periodic> needs a <time_us> from 1 to 4294967295"),
            ("<periodic><time_us>4294967296</time_us></periodic>", "<periodic> needs a <time_us> from 1 to 4294967295"),
            ("<size_threshold><bytes>0</bytes></size_threshold>", "<size_threshold> needs a positive <bytes>"),
            (
                "<periodic><time_us>1</time_us></periodic><periodic><time_us>2</time_us></periodic>",
                "a session has at most one periodic rotation schedule"
            ),
        ])
    func meaninglessSchedules(content: String, message: String) {
        let text =
            "<sessions><session><name>s</name><attributes><rotation_schedules>\(content)</rotation_schedules></attributes></session></sessions>"
        let error = readingError(text)
        #expect(error?.kind == .invalid)
        #expect(error?.message == message)
    }
}
