extension IndexEntry {
    /// Writes the 72 bytes of `encoded` at `pointer`, which needs no alignment: the consumer
    /// writes one entry per packet, and this way from a stack buffer rather than a new array.
    public func write(to pointer: UnsafeMutableRawPointer) {
        pointer.storeBytes(of: offset.bigEndian, toByteOffset: 0, as: UInt64.self)
        pointer.storeBytes(of: packetSize.bigEndian, toByteOffset: 8, as: UInt64.self)
        pointer.storeBytes(of: contentSize.bigEndian, toByteOffset: 16, as: UInt64.self)
        pointer.storeBytes(of: timestampBegin.bigEndian, toByteOffset: 24, as: UInt64.self)
        pointer.storeBytes(of: timestampEnd.bigEndian, toByteOffset: 32, as: UInt64.self)
        pointer.storeBytes(of: eventsDiscarded.bigEndian, toByteOffset: 40, as: UInt64.self)
        pointer.storeBytes(of: streamID.bigEndian, toByteOffset: 48, as: UInt64.self)
        pointer.storeBytes(of: streamInstanceID.bigEndian, toByteOffset: 56, as: UInt64.self)
        pointer.storeBytes(of: sequenceNumber.bigEndian, toByteOffset: 64, as: UInt64.self)
    }
}
