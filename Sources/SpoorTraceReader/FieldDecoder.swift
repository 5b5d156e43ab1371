/// The last decoded values of the fields babeltrace2 gives a meaning to (spec/ctf-lttng.md §6.2).
struct SpecialFieldValues: Equatable {
    var magic: UInt64?
    var streamClassID: UInt64?
    var dataStreamID: UInt64?
    var packetBeginTime: UInt64?
    var packetEndTime: UInt64?
    var contentSize: UInt64?
    var packetSize: UInt64?
    var packetSequenceNumber: UInt64?
    var discardedEvents: UInt64?
    var eventClassID: UInt64?
}

/// Decodes fields from a `BitReader` and, for the fields babeltrace2 shows, writes their text.
///
/// Keeps the state that outlives one field: the slot table (values that sequence lengths and
/// variant tags refer to) and the stream's clock value.
struct FieldDecoder {
    /// babeltrace2 prints every element; this caps elements that take no bits, which a hostile
    /// trace could otherwise repeat 2^64 times.
    static let maximumEmptyElements = 1 << 16

    var reader: BitReader
    var slots: [UInt64]
    /// The stream's current clock value in cycles (CTF 1.8 §8: compact timestamps only carry
    /// low bits, the rest comes from here).
    var clockValue: UInt64 = 0
    var special = SpecialFieldValues()
    /// The recycled babeltrace2 event object the current event is decoded into (see
    /// `EventObject`).
    var eventObject = EventObject()
    /// Indices of the enclosing array elements, which tell apart the text fields of each element.
    var elementPath: [Int] = []

    init(slotCount: Int) {
        reader = BitReader(bytes: [])
        slots = [UInt64](repeating: 0, count: slotCount)
    }

    /// Replaces the low `size` bits of the clock with `value`, adding one wrap when they went
    /// backwards (spec/ctf-lttng.md §4.3).
    mutating func updateClock(_ value: UInt64, size: Int) {
        if size >= 64 {
            clockValue = value
            return
        }
        let mask: UInt64 = (1 << UInt64(size)) - 1
        if value < clockValue & mask {
            clockValue &+= mask + 1
        }
        clockValue = (clockValue & ~mask) | value
    }

    /// Decodes one field; writes its text to `out` when `printing`.
    mutating func decode(_ layout: FieldLayout, printing: Bool, into out: inout [UInt8]) throws(DecodeError) {
        switch layout {
        case .integer(let integer):
            let value = try decodeInteger(integer)
            if printing { TextFormat.appendInteger(value, integer, to: &out) }
        case .enumeration(let integer, let mappings):
            let value = try decodeInteger(integer)
            if printing {
                let number = integer.isSigned ? Int128(Int64(bitPattern: value)) : Int128(value)
                TextFormat.append("( ", to: &out)
                var labelCount = 0
                for mapping in mappings where mapping.contains(number) {
                    if labelCount > 0 { TextFormat.append(", ", to: &out) }
                    TextFormat.appendQuoted(mapping.label.utf8, to: &out)
                    labelCount += 1
                }
                if labelCount == 0 { TextFormat.append("<unknown>", to: &out) }
                TextFormat.append(" : container = ", to: &out)
                TextFormat.appendInteger(value, integer, to: &out)
                TextFormat.append(" )", to: &out)
            }
        case .floatingPoint(let float):
            try reader.align(float.alignment)
            let value: Double
            if float.isDouble {
                value = Double(bitPattern: try reader.readBits(64, byteOrder: float.byteOrder))
            } else {
                let bits = try reader.readBits(32, byteOrder: float.byteOrder)
                value = Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
            }
            if printing { TextFormat.appendFloat(value, to: &out) }
        case .string:
            let bytes = try reader.readString()
            if printing { TextFormat.appendQuoted(bytes, to: &out) }
        case .structure(let structure):
            try reader.align(structure.alignment)
            if printing { out.append(UInt8(ascii: "{")) }
            var printedCount = 0
            for member in structure.members {
                let showMember = printing && member.layout.isShown
                if showMember {
                    if printedCount > 0 { out.append(UInt8(ascii: ",")) }
                    out.append(UInt8(ascii: " "))
                    out += member.label
                    printedCount += 1
                }
                try decode(member.layout, printing: showMember, into: &out)
            }
            if printing { out += [UInt8(ascii: " "), UInt8(ascii: "}")] }
        case .variant(let variant):
            let raw = slots[variant.tagSlot]
            let tag = variant.tagIsSigned ? Int128(Int64(bitPattern: raw)) : Int128(raw)
            guard let selector = variant.selectors.first(where: { $0.range.contains(tag) }) else {
                throw reader.failure("variant tag value \(tag) selects no option")
            }
            if printing { TextFormat.append("{ ", to: &out) }
            try decode(variant.options[selector.option].layout, printing: printing, into: &out)
            if printing { TextFormat.append(" }", to: &out) }
        case .array(let array):
            try decodeArray(array, printing: printing, into: &out)
        }
    }

    /// Packet headers and contexts decode through the event plans' integer step.
    mutating func decodeInteger(_ integer: IntegerLayout) throws(DecodeError) -> UInt64 {
        try decodeInteger(IntegerStep(integer, isPrinted: false))
    }

    /// Keeps the value of a field with a special meaning.
    mutating func record(_ raw: UInt64, as role: FieldRole) {
        switch role {
        case .none: break
        case .magic: special.magic = raw
        case .streamClassID: special.streamClassID = raw
        case .dataStreamID: special.dataStreamID = raw
        case .packetBeginTime: special.packetBeginTime = raw
        case .packetEndTime: special.packetEndTime = raw
        case .contentSize: special.contentSize = raw
        case .packetSize: special.packetSize = raw
        case .packetSequenceNumber: special.packetSequenceNumber = raw
        case .discardedEvents: special.discardedEvents = raw
        case .eventClassID: special.eventClassID = raw
        }
    }

    /// The element count of an array or sequence, checked against what the data can hold.
    mutating func elementCount(_ length: ArrayLayout.Length, mayBeEmpty: Bool) throws(DecodeError) -> Int {
        let count: Int
        switch length {
        case .fixed(let length):
            count = length
        case .slot(let slot, let isSigned):
            let raw = slots[slot]
            if isSigned, Int64(bitPattern: raw) < 0 {
                throw reader.failure("negative sequence length \(Int64(bitPattern: raw))")
            }
            guard raw <= UInt64(Int.max) else { throw reader.failure("sequence length \(raw) is too large") }
            count = Int(raw)
        }
        if mayBeEmpty {
            guard count <= Self.maximumEmptyElements else {
                throw reader.failure("\(count) elements of a type that may take no space")
            }
        } else if count > reader.remainingBits {
            throw reader.truncation("\(count) elements cannot fit in the \(reader.remainingBits) bits left")
        }
        return count
    }

    mutating func decodeArray(_ array: ArrayLayout, printing: Bool, into out: inout [UInt8]) throws(DecodeError) {
        let count = try elementCount(array.length, mayBeEmpty: array.element.mayBeEmpty)
        if array.isText {
            try reader.align(8)
            let bytes = try reader.readBytes(count)
            let slot = if case .integer(let element) = array.element { element.slot } else { -1 }
            let text: ArraySlice<UInt8>
            if count == 0 {
                // babeltrace2 2.0.4 does not touch the string of an empty text array or
                // sequence: it shows what the recycled event object held before.
                text = eventObject.text(slot: slot, elementPath: elementPath)
            } else {
                text = bytes.firstIndex(of: 0).map { bytes[bytes.startIndex..<$0] } ?? bytes
                eventObject.setText(text, slot: slot, elementPath: elementPath)
            }
            if printing { TextFormat.appendQuoted(text, to: &out) }
            return
        }
        let isCompound =
            switch array.element {
            case .structure, .variant, .array: true
            default: false
            }
        if printing { out.append(UInt8(ascii: "[")) }
        for index in 0..<count {
            if printing {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += [UInt8(ascii: " "), UInt8(ascii: "[")]
                TextFormat.appendPadded(UInt64(index), radix: 10, to: &out)
                out += [UInt8(ascii: "]"), UInt8(ascii: " "), UInt8(ascii: "="), UInt8(ascii: " ")]
            }
            if isCompound { elementPath.append(index) }
            defer { if isCompound { elementPath.removeLast() } }
            try decode(array.element, printing: printing, into: &out)
        }
        if printing { out += [UInt8(ascii: " "), UInt8(ascii: "]")] }
    }
}
