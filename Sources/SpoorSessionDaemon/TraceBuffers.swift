import SpoorConsumer
import SpoorCTF
import SpoorModel
import SpoorPosix
import SpoorSessionCore

/// One CTF trace of a session: the buffers of one user (`ust/uid/<uid>/64-bit`) or one process
/// (`ust/pid/<name>-<pid>-<date>-<time>`), its metadata and the event ids allocated in each of
/// its channels.
final class TraceBuffers {
    let owner: TraceOwner
    /// In the session's current trace chunk: changes when the session rotates.
    var directory: String
    let uuid: [UInt8]
    /// The metadata file; replaced when the session rotates or the metadata is regenerated.
    var metadataFile: AppendFile
    /// The preamble, the declarations and the event ids: what every metadata file says.
    var metadata: TraceMetadata
    var channels: [Int: ChannelBuffers] = [:]

    init(owner: TraceOwner, directory: String, uuid: [UInt8], metadataFile: AppendFile) {
        self.owner = owner
        self.directory = directory
        self.uuid = uuid
        self.metadataFile = metadataFile
        metadata = TraceMetadata(uuid: uuid)
    }

    /// Appends TSDL text to the metadata file as metadata packets.
    func appendMetadata(_ text: String) throws(SystemError) {
        try metadataFile.append(metadata.declare(text))
    }

    /// Starts the metadata file with the trace's preamble.
    func writePreamble(_ description: TraceDescription) throws(SystemError) {
        try metadataFile.append(metadata.start(with: description))
    }

    /// The id of `event` in channel `channelIndex`, declaring a new event class when needed.
    func eventID(for event: EventDescriptor, channelIndex: Int) throws(SystemError) -> UInt32 {
        let (id, packets) = metadata.allocateEventID(for: event, channelIndex: channelIndex)
        if let packets { try metadataFile.append(packets) }
        return id
    }

    /// Writes everything declared so far to a new metadata file at `path`: a new chunk's or a
    /// snapshot's metadata holds every event class its packets may use.
    func writeWholeMetadata(to path: String) throws(SystemError) -> AppendFile {
        let file = try AppendFile(creating: path)
        do {
            try file.append(metadata.wholeMetadataCopy())
        } catch {
            file.close()
            throw error
        }
        return file
    }

    /// Writes the metadata file again, from the start: the preamble with `clockOffset`, then
    /// every declaration appended so far, in the same order.
    func regenerateMetadata(clockOffset: Int64) throws(SystemError) {
        guard metadata.description != nil else { return }
        let packets = metadata.wholeMetadata(clockOffset: clockOffset)
        metadataFile.close()
        // Truncated and rewritten in place, as LTTng does: the file keeps its name and owner.
        metadataFile = try AppendFile(creating: metadataFile.path)
        try metadataFile.append(packets)
    }

    var allStreams: [StreamConsumer] { channels.values.flatMap(\.streams) }
}
