import SpoorModel

/// Something a Unix user owns: a session, a registered app.
public protocol OwnedByUser {
    /// The owner's user id.
    var ownerUID: UInt32 { get }
}

/// The recording sessions by name. Every lookup on behalf of a client goes through
/// ``lookup(_:for:)`` or ``visible(to:)``, which apply ``Credentials/mayAccess(ownedBy:)``: a
/// session another user owns is, to that client, a session that does not exist.
public struct SessionRegistry<Session: OwnedByUser> {
    private var byName: [String: Session] = [:]

    /// An empty registry.
    public init() {}

    /// The session `name`, whoever owns it (for the daemon's own bookkeeping).
    public subscript(name: String) -> Session? {
        get { byName[name] }
        set { byName[name] = newValue }
    }

    /// Every session, in no order.
    public var values: Dictionary<String, Session>.Values { byName.values }

    /// Removes the session `name` and returns it.
    @discardableResult
    public mutating func removeValue(forKey name: String) -> Session? {
        byName.removeValue(forKey: name)
    }

    /// The session `name` as `credentials` may see it; LTTng's "session not found" otherwise.
    public func lookup(_ name: String, for credentials: Credentials) throws(SpoorError) -> Session {
        guard let session = byName[name], credentials.mayAccess(ownedBy: session.ownerUID) else {
            throw SpoorError(.sessionNotFound, name)
        }
        return session
    }

    /// The sessions `credentials` may see, in no order.
    public func visible(to credentials: Credentials) -> [Session] {
        byName.values.filter { credentials.mayAccess(ownedBy: $0.ownerUID) }
    }
}

extension SessionRegistry: Sendable where Session: Sendable {}

/// The registered apps by process id, with the same access rule as sessions.
public struct AppRegistry<App: OwnedByUser> {
    private var byPID: [Int32: App] = [:]

    /// An empty registry.
    public init() {}

    /// The app of process `pid`.
    public subscript(pid: Int32) -> App? {
        get { byPID[pid] }
        set { byPID[pid] = newValue }
    }

    /// Every app, in no order.
    public var values: Dictionary<Int32, App>.Values { byPID.values }

    /// Removes the app of process `pid` and returns it.
    @discardableResult
    public mutating func removeValue(forKey pid: Int32) -> App? {
        byPID.removeValue(forKey: pid)
    }

    /// The apps `credentials` may see, in no order.
    public func visible(to credentials: Credentials) -> [App] {
        byPID.values.filter { credentials.mayAccess(ownedBy: $0.ownerUID) }
    }
}

extension AppRegistry: Sendable where App: Sendable {}
