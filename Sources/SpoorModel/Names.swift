/// The rules LTTng applies to the names a user gives to sessions and channels.
public enum NameValidation {
    /// The longest name LTTng accepts (`LTTNG_NAME_MAX` less the NUL).
    public static let maximumLength = 255

    /// Why `name` is not a valid recording session name, or `nil` when it is.
    public static func sessionNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "Session name cannot be empty" }
        if name.utf8.count > maximumLength { return "Session name is too long (at most \(maximumLength) bytes)" }
        if name.contains("/") { return "Invalid character found in session name" }
        if name == "." || name == ".." { return "Invalid session name" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { return "Invalid character found in session name" }
        return nil
    }

    /// Why `name` is not a valid channel name, or `nil` when it is.
    public static func channelNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "Channel name cannot be empty" }
        if name.utf8.count > maximumLength { return "Channel name is too long (at most \(maximumLength) bytes)" }
        if name.contains("/") || name.hasPrefix(".") { return "Invalid channel name" }
        if name == "metadata" { return "Channel name \"metadata\" is reserved" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { return "Invalid channel name" }
        return nil
    }
}
