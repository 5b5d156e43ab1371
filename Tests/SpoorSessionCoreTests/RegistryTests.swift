import SpoorModel
import SpoorSessionCore
import Testing

@Suite("The session and app registries apply the access rule")
struct RegistryTests {
    struct Item: OwnedByUser, Equatable {
        var name: String
        var ownerUID: UInt32
    }

    @Test("another user's session does not exist for a client; root sees it")
    func lookup() throws {
        var registry = SessionRegistry<Item>()
        registry["s"] = Item(name: "s", ownerUID: 1000)
        #expect(try registry.lookup("s", for: Credentials(uid: 1000)).name == "s")
        #expect(try registry.lookup("s", for: .root).name == "s")
        #expect(throws: SpoorError(.sessionNotFound, "s")) { try registry.lookup("s", for: Credentials(uid: 1001)) }
        #expect(throws: SpoorError(.sessionNotFound, "t")) { try registry.lookup("t", for: .root) }
    }

    @Test("listing shows a user its own sessions and root every session")
    func visible() {
        var registry = SessionRegistry<Item>()
        registry["a"] = Item(name: "a", ownerUID: 1000)
        registry["b"] = Item(name: "b", ownerUID: 1001)
        #expect(registry.visible(to: Credentials(uid: 1000)).map(\.name) == ["a"])
        #expect(Set(registry.visible(to: .root).map(\.name)) == ["a", "b"])
        registry.removeValue(forKey: "a")
        #expect(registry.visible(to: Credentials(uid: 1000)).isEmpty)
    }

    @Test("apps are found by pid and listed by owner")
    func apps() {
        var registry = AppRegistry<Item>()
        registry[10] = Item(name: "ten", ownerUID: 1000)
        registry[11] = Item(name: "eleven", ownerUID: 0)
        #expect(registry[10]?.name == "ten")
        #expect(registry.visible(to: Credentials(uid: 1000)).map(\.name) == ["ten"])
        #expect(registry.removeValue(forKey: 10)?.name == "ten")
        #expect(registry[10] == nil)
    }
}
