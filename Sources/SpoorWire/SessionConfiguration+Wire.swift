import SpoorModel

/// ```
/// ChannelConfiguration: attributes · isEnabled (bool) · rules ([EventRule])
///                       · contexts (u32 count, then each context's name as a string)
///                       · namedContexts (u32 count, then each name)
/// ```
/// Contexts travel by name, not by their app-protocol code, so that adding a context type
/// never changes what an older client means.
extension ChannelConfiguration: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let attributes: ChannelAttributes = try reader.read()
        let isEnabled: Bool = try reader.read()
        let rules = try reader.read([EventRule].self)
        var contexts: [ContextType] = []
        for name in try reader.readStrings() {
            guard let context = ContextType(rawValue: name) else { throw .invalidValue("context \(name)") }
            contexts.append(context)
        }
        self.init(
            attributes: attributes, isEnabled: isEnabled, rules: rules, contexts: contexts,
            namedContexts: try reader.readStrings())
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(attributes)
        writer.write(isEnabled)
        writer.write(rules)
        writer.writeStrings(contexts.map(\.name))
        writer.writeStrings(namedContexts)
    }
}

/// ```
/// SessionConfiguration: name · outputPath (string?) · isActive (bool)
///                       · channels ([ChannelConfiguration]) · trackers · rotationSchedules
///                       · isSnapshot (bool) · snapshotOutputs ([SnapshotOutput])
/// ```
extension SessionConfiguration: WireCodable {
    public init(from reader: inout WireReader) throws(WireError) {
        let name: String = try reader.read()
        let outputPath = try reader.read(String?.self)
        let isActive: Bool = try reader.read()
        self.init(
            name: name, outputPath: outputPath, isActive: isActive,
            channels: try reader.read([ChannelConfiguration].self), trackers: try reader.read(),
            rotationSchedules: try reader.read(), isSnapshot: try reader.read(),
            snapshotOutputs: try reader.read([SnapshotOutput].self))
    }

    public func encode(to writer: inout WireWriter) {
        writer.write(name)
        writer.write(outputPath)
        writer.write(isActive)
        writer.write(channels)
        writer.write(trackers)
        writer.write(rotationSchedules)
        writer.write(isSnapshot)
        writer.write(snapshotOutputs)
    }
}
