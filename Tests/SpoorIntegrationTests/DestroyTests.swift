import Foundation
import SpoorTestSupport
import Testing

@Suite("Destroying a session", .serialized)
struct DestroyTests {
    @Test("destroying an active session stops it first: everything recorded is on disk and readable")
    func destroyActive() throws {
        try RequiredTool.babeltrace2.require()
        let sandbox = try Sandbox()
        let output = sandbox.home.appendingPathComponent("trace")
        try sandbox.spoorOK("create", "busy", "--output=\(output.path)")
        // A switch timer would flush on its own: without one, only the stop can.
        try sandbox.spoorOK("enable-channel", "-u", "--subbuf-size=1M", "--num-subbuf=4", "big")
        try sandbox.spoorOK("enable-event", "-u", "-c", "big", "spoor_example:*")
        try sandbox.spoorOK("start")
        #expect(try sandbox.runExample("500").status == 0)
        let destroyed = try sandbox.spoorOK("destroy", "busy")
        #expect(destroyed.lines.last == "Session busy destroyed")
        let events = try sandbox.babeltrace(output.path).lines.compactMap(EventLine.init)
        #expect(events.count == 501)
        #expect(events.last?.name == "spoor_example:done")
        #expect(try sandbox.spoor("list", "busy").status != 0, "the session is gone")
    }
}
