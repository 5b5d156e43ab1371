import SpoorModel
import Testing

@Suite("Field and event descriptions")
struct FieldTypeTests {
    @Test(
        "an integer type's byte count is its width in bytes",
        arguments: [(UInt8(8), 1), (16, 2), (32, 4), (64, 8)])
    func byteCount(width: UInt8, bytes: Int) {
        #expect(IntegerType(bitWidth: width, isSigned: false).byteCount == bytes)
        #expect(IntegerType(bitWidth: width, isSigned: true).byteCount == bytes)
    }

    @Test("integer types default to decimal, non-text")
    func integerTypeDefaults() {
        let type = IntegerType(bitWidth: 32, isSigned: true)
        #expect(type.base == .decimal)
        #expect(!type.isText)
        #expect(DisplayBase.decimal.rawValue == 10)
        #expect(DisplayBase.hexadecimal.rawValue == 16)
    }

    @Test("a single-value enumeration mapping is a one-value range")
    func singleValueMapping() {
        let mapping = EnumerationMapping(label: "ON", value: -3)
        #expect(mapping.range == -3...(-3))
        #expect(mapping == EnumerationMapping(label: "ON", range: -3...(-3)))
    }

    @Test("an event's full name is provider:event")
    func fullName() {
        let event = EventDescriptor(provider: "spoor_example", event: "tick", fields: [])
        #expect(event.fullName == "spoor_example:tick")
    }

    @Test("field types with different parameters differ")
    func fieldTypeEquality() {
        let u8 = IntegerType(bitWidth: 8, isSigned: false)
        #expect(FieldType.array(u8, count: 2) != .array(u8, count: 3))
        #expect(FieldType.sequence(u8) != .array(u8, count: 0))
        #expect(FieldType.float != .double)
    }
}
