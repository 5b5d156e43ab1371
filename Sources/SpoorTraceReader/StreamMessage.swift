/// A message of babeltrace2's message flow for one stream (CTF source order: stream beginning,
/// then per packet [discarded events] [discarded packets] packet beginning, events, packet end,
/// and finally stream end).
struct StreamMessage {
    enum Kind {
        case streamBeginning
        case packetBeginning
        case event
        case discardedEvents
        case packetEnd
        case discardedPackets
        case streamEnd

        /// babeltrace2's muxer order for different kinds at the same time in the same stream:
        /// the heavier goes first.
        var weight: Int {
            switch self {
            case .streamBeginning: 7
            case .packetBeginning: 6
            case .event: 5
            case .discardedEvents: 4
            case .packetEnd: 3
            case .discardedPackets: 1
            case .streamEnd: 0
            }
        }
    }

    var kind: Kind
    /// The message's clock snapshot in nanoseconds from the origin; nil when it has none.
    var nanoseconds: Int64?
    /// The decoded event, for `.event`.
    var event: DecodedEvent?
}

/// An event decoded into its line text.
struct DecodedEvent {
    /// The event class's number among all the viewer's traces (`TracePlan.eventClasses`).
    var classIndex: Int
    /// The scopes as babeltrace2 prints them after `NAME: `.
    var text: [UInt8]
    /// The pooled object to give back once the event is printed; nil when the event has no
    /// text array (`EventPlan.usesEventObject`).
    var object: EventObject?
}
