/// Who asks: the Unix user of a control client, of an app, or of a trigger's owner.
///
/// Every question of ownership (sessions, apps, triggers, notifications) is decided with
/// ``mayAccess(ownedBy:)``, the rule LTTng's session daemon applies: root reaches everything,
/// any other user only what it owns. It lives in the model so that the trigger registry and
/// the session core share it.
public struct Credentials: Sendable, Hashable {
    /// The Unix user id.
    public var uid: UInt32

    /// Credentials of Unix user `uid`.
    public init(uid: UInt32) {
        self.uid = uid
    }

    /// Root's credentials.
    public static let root = Credentials(uid: 0)

    /// Whether this user may see and act on something owned by `owner`: root may, and so
    /// may the owner.
    public func mayAccess(ownedBy owner: UInt32) -> Bool {
        uid == 0 || uid == owner
    }
}
