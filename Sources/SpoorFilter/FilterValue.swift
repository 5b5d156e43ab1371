/// The value of one event field or context field, as the tracer hands it to a filter.
///
/// Every case is a plain value: a string is a pointer into the caller's memory (valid during
/// the call to ``BoundFilter/evaluate(_:)``), never a copy.
public enum FilterValue {
    /// A signed integer of any width, sign-extended (an `int8_t` 0xff is -1).
    case signed(Int64)
    /// An unsigned integer of any width. LTTng casts it to a signed 64-bit integer before using
    /// it, and so does Spoor: `UInt64.max` compares equal to `-1` (checked with LTTng 2.13).
    case unsigned(UInt64)
    /// A `float` or `double` field, widened to `Double`.
    case double(Double)
    /// A string, a text array or a text sequence: its bytes, without terminator. A NUL byte
    /// ends the string early, as LTTng reads text arrays.
    case string(UnsafeRawBufferPointer)
    /// The event has no such field, the index is past the end of the array or sequence, or the
    /// field cannot be read (a whole non-text array). The filter is then false for the event.
    case missing
}

/// What a filter reads its operands from: the fields and context fields of one event.
///
/// Field and context indexes are the positions of the names given to
/// ``FilterProgram/bind(fields:contexts:)``. Conform a struct (not a class or an existential)
/// so that ``BoundFilter/evaluate(_:)`` specialises for it and costs no allocation. Every method
/// runs on the tracer's hot path: it must not allocate, lock or fail.
public protocol FilterFieldSource {
    /// The value of payload field `index`.
    func value(ofField index: Int) -> FilterValue
    /// Element `element` of the array or sequence payload field `index` (`my_array[3]`), or
    /// ``FilterValue/missing`` when the field has no such element.
    func value(ofField index: Int, element: Int) -> FilterValue
    /// The value of context field `index` (`$ctx.vpid`, `$app.provider:type`).
    func value(ofContext index: Int) -> FilterValue
    /// Element `element` of context field `index`.
    func value(ofContext index: Int, element: Int) -> FilterValue
}

extension FilterFieldSource {
    /// No arrays: every element is missing.
    @inlinable
    public func value(ofField index: Int, element: Int) -> FilterValue { .missing }

    /// No context fields.
    @inlinable
    public func value(ofContext index: Int) -> FilterValue { .missing }

    /// No array context fields.
    @inlinable
    public func value(ofContext index: Int, element: Int) -> FilterValue { .missing }
}
