/// What a recycled babeltrace2 event object remembers between events.
///
/// babeltrace2 2.0.4 takes event objects from a pool per event class (last released, first
/// reused) and does not clear the string of a text array or sequence that has no element, so
/// such a field shows the text it held in the object's previous event. Reproducing the pool
/// reproduces its output exactly; `EventObjectPool` and `Muxer` model when objects are taken
/// and released.
struct EventObject: Sendable {
    /// A text field of the event: the slot of its element type, and the indices of the array
    /// elements it is nested in.
    struct FieldKey: Hashable, Sendable {
        var slot: Int
        var elementPath: [Int]
    }

    var texts: [FieldKey: [UInt8]] = [:]
}

/// The event objects available for reuse, per event class.
struct EventObjectPool {
    /// An event class of one trace.
    struct Key: Hashable {
        var trace: Int
        var streamClassID: UInt64
        var eventClassID: UInt64
    }

    private var available: [Key: [EventObject]] = [:]

    /// The most recently released object of the class, or a fresh one.
    mutating func take(_ key: Key) -> EventObject {
        available[key]?.popLast() ?? EventObject()
    }

    /// Gives an object back once its event has been printed.
    mutating func release(_ object: EventObject, _ key: Key) {
        available[key, default: []].append(object)
    }
}
