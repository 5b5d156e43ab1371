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

    /// The texts held, searched linearly: an event has few text fields, and this keeps each
    /// buffer to be overwritten in place instead of allocated per event.
    private var keys: [FieldKey] = []
    private var texts: [[UInt8]] = []

    /// The text the field held in this object's last event that had one (empty if none).
    func text(slot: Int, elementPath: [Int]) -> ArraySlice<UInt8> {
        for index in keys.indices where keys[index].slot == slot && keys[index].elementPath == elementPath {
            return texts[index][...]
        }
        return []
    }

    /// Records the text of a field.
    mutating func setText(_ text: ArraySlice<UInt8>, slot: Int, elementPath: [Int]) {
        for index in keys.indices where keys[index].slot == slot && keys[index].elementPath == elementPath {
            texts[index].removeAll(keepingCapacity: true)
            texts[index].append(contentsOf: text)
            return
        }
        keys.append(FieldKey(slot: slot, elementPath: elementPath))
        texts.append(Array(text))
    }
}

/// The event objects available for reuse, per event class.
struct EventObjectPool {
    /// Per event class number (`DecodedEvent.classIndex`).
    private var available: [[EventObject]] = []

    /// Event text buffers of printed events, to be reused (or handed back by another thread,
    /// see `StreamPrefetcher`).
    var spareBuffers: [[UInt8]] = []

    /// The most recently released object of the class, or a fresh one.
    mutating func take(_ classIndex: Int) -> EventObject {
        if classIndex < available.count, let object = available[classIndex].popLast() { return object }
        return EventObject()
    }

    /// Gives an object back once its event has been printed.
    mutating func release(_ object: consuming EventObject, _ classIndex: Int) {
        if classIndex >= available.count {
            available += [[EventObject]](repeating: [], count: classIndex + 1 - available.count)
        }
        available[classIndex].append(object)
    }

    /// An empty buffer for an event's text: a spare one, or a new one large enough for most
    /// lines (instead of growing five times).
    mutating func takeBuffer() -> [UInt8] {
        if var buffer = spareBuffers.popLast() {
            buffer.removeAll(keepingCapacity: true)
            return buffer
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(512)
        return buffer
    }

    /// Keeps the text buffer of a printed event for reuse.
    mutating func giveBuffer(_ buffer: consuming [UInt8]) {
        spareBuffers.append(buffer)
    }
}
