import SpoorModel

/// Something a Unix user owns: a session, a registered app.
public protocol OwnedByUser {
    /// The owner's user id.
    var ownerUID: UInt32 { get }
}

/// Things users own, by key: the recording sessions by name (`SessionRegistry`), the registered
/// apps by process id (`AppRegistry`). Every lookup on behalf of a client goes through
/// ``visible(to:)`` (or, for sessions, ``lookup(_:for:)``), which apply
/// ``Credentials/mayAccess(ownedBy:)``: what another user owns does not exist for that client.
public struct OwnedRegistry<Key: Hashable, Value: OwnedByUser> {
    private var byKey: [Key: Value] = [:]

    /// An empty registry.
    public init() {}

    /// The entry of `key`, whoever owns it (for the daemon's own bookkeeping).
    public subscript(key: Key) -> Value? {
        get { byKey[key] }
        set { byKey[key] = newValue }
    }

    /// Every entry, in no order.
    public var values: Dictionary<Key, Value>.Values { byKey.values }

    /// Removes the entry of `key` and returns it.
    @discardableResult
    public mutating func removeValue(forKey key: Key) -> Value? {
        byKey.removeValue(forKey: key)
    }

    /// The entries `credentials` may see, in no order.
    public func visible(to credentials: Credentials) -> [Value] {
        byKey.values.filter { credentials.mayAccess(ownedBy: $0.ownerUID) }
    }
}

extension OwnedRegistry: Sendable where Key: Sendable, Value: Sendable {}

/// The recording sessions by name.
public typealias SessionRegistry<Session: OwnedByUser> = OwnedRegistry<String, Session>

/// The registered apps by process id.
public typealias AppRegistry<App: OwnedByUser> = OwnedRegistry<Int32, App>

extension OwnedRegistry where Key == String {
    /// The session `name` as `credentials` may see it; LTTng's "session not found" otherwise.
    public func lookup(_ name: String, for credentials: Credentials) throws(SpoorError) -> Value {
        guard let session = byKey[name], credentials.mayAccess(ownedBy: session.ownerUID) else {
            throw SpoorError(.sessionNotFound, name)
        }
        return session
    }
}
