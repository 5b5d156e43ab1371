import SpoorCTF
import SpoorModel

/// What a trace's metadata says: its preamble (the trace description), every declaration
/// appended after it, in order, and the event id allocated to each event class in each
/// channel.
///
/// The one place that turns them into metadata packets: the live metadata file, the new
/// chunk's file at a rotation, a snapshot's copy and `regenerate metadata` all write
/// ``wholeMetadata()`` or the packets of one new declaration.
public struct TraceMetadata: Sendable {
    /// The trace's UUID, which every metadata packet carries.
    public let uuid: [UInt8]
    /// The description the metadata starts with, once the preamble is written.
    public private(set) var description: TraceDescription?
    /// Every piece of TSDL appended after the preamble, in order.
    public private(set) var declarations: [String] = []
    /// Per channel (stream class), the id of each event class declared so far.
    private var eventIDs: [Int: [EventDescriptor: UInt32]] = [:]

    /// The metadata of a new trace with `uuid`, holding nothing yet.
    public init(uuid: [UInt8]) {
        self.uuid = uuid
    }

    /// Starts the metadata with the preamble of `description`; returns the packets to write.
    public mutating func start(with description: TraceDescription) -> [UInt8] {
        self.description = description
        return packets(TSDL.preamble(description))
    }

    /// Appends a declaration; returns the packets to write.
    public mutating func declare(_ text: String) -> [UInt8] {
        declarations.append(text)
        return packets(text)
    }

    /// The id of `event` in channel `channelIndex`, if it has one.
    public func eventID(of event: EventDescriptor, channelIndex: Int) -> UInt32? {
        eventIDs[channelIndex]?[event]
    }

    /// The id of `event` in channel `channelIndex`, and the packets declaring it when it is
    /// new (nil when it was declared before).
    public mutating func allocateEventID(for event: EventDescriptor, channelIndex: Int)
        -> (id: UInt32, packets: [UInt8]?)
    {
        if let id = eventID(of: event, channelIndex: channelIndex) { return (id, nil) }
        let id = UInt32(eventIDs[channelIndex]?.count ?? 0)
        let text = TSDL.eventClass(
            name: event.fullName, id: id, streamID: UInt32(channelIndex), logLevel: event.logLevel,
            fields: event.fields)
        eventIDs[channelIndex, default: [:]][event] = id
        return (id, declare(text))
    }

    /// Everything declared so far, from the preamble on, as metadata packets; empty before
    /// the preamble. With `clockOffset`, the preamble's clock offset is replaced first (what
    /// `regenerate metadata` samples again) and kept from then on.
    public mutating func wholeMetadata(clockOffset: Int64? = nil) -> [UInt8] {
        guard var description else { return [] }
        if let clockOffset {
            description.clock.offset = clockOffset
            self.description = description
        }
        return packets(TSDL.preamble(description) + declarations.joined())
    }

    /// Everything declared so far, without changing anything.
    public func wholeMetadataCopy() -> [UInt8] {
        guard let description else { return [] }
        return packets(TSDL.preamble(description) + declarations.joined())
    }

    /// The declarations from the `index`th on, as metadata packets: what a copy of the metadata
    /// made when there were `index` of them lacks.
    public func packets(ofDeclarationsFrom index: Int) -> [UInt8] {
        guard index < declarations.count else { return [] }
        return packets(declarations[index...].joined())
    }

    private func packets(_ text: String) -> [UInt8] {
        MetadataPacket.packets(text: Array(text.utf8), uuid: uuid)
    }
}
