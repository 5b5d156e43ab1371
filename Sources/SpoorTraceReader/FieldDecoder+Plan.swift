extension FieldDecoder {
    /// Runs the steps of `range`, decoding what they describe and writing the printed text to
    /// `out`: the same reads, slot and clock updates and text as `decode(_:printing:into:)` on the
    /// layout they were compiled from.
    mutating func run(
        _ range: StepRange, _ plan: FieldPlan, packetContext: [UInt8]?, into out: inout some TextSink
    ) throws(DecodeError) {
        var index = range.start
        while index < range.end {
            switch plan.steps[index] {
            case .literal(let start, let count):
                // Through a buffer pointer: a slice of the array would be retained and released.
                plan.literals.withUnsafeBytes { literals in
                    out.append(bytes: UnsafeRawBufferPointer(rebasing: literals[start..<start + count]))
                }
            case .align(let alignment):
                try reader.align(alignment)
            case .integer(let step):
                let value = try decodeInteger(step)
                if step.isPrinted {
                    TextFormat.appendInteger(value, size: step.size, base: step.base, isSigned: step.isSigned, to: &out)
                }
            case .enumeration(let step, let table):
                let value = try decodeInteger(step)
                if step.isPrinted { appendEnumeration(value, step, table, plan, to: &out) }
            case .float(let isDouble, let alignment, let byteOrder, let isPrinted):
                try reader.align(alignment)
                let value: Double
                if isDouble {
                    value = Double(bitPattern: try reader.readBits(64, byteOrder: byteOrder))
                } else {
                    let bits = try reader.readBits(32, byteOrder: byteOrder)
                    value = Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
                }
                if isPrinted { FloatFormat.appendShortest6(value, to: &out) }
            case .string(let isPrinted):
                let bytes = try reader.readString()
                if isPrinted { TextFormat.appendQuoted(bytes, to: &out) }
            case .variant(let table):
                try runVariant(table, plan, packetContext: packetContext, into: &out)
            case .array(let table):
                try runArray(plan.arrays[table], plan, packetContext: packetContext, into: &out)
            case .packetContext:
                packetContext?.withUnsafeBytes { out.append(bytes: $0) }
            case .jump(let target):
                index = target
                continue
            }
            index += 1
        }
    }

    /// Reads one integer field: sign-extends it, keeps it in its slot, and updates the clock or
    /// the packet fields it stands for.
    mutating func decodeInteger(_ step: IntegerStep) throws(DecodeError) -> UInt64 {
        try reader.align(step.alignment)
        var value = try reader.readBits(step.size, byteOrder: step.byteOrder)
        let raw = value
        if step.isSigned, step.size < 64, value & (1 << UInt64(step.size - 1)) != 0 {
            value |= ~((1 << UInt64(step.size)) - 1)
        }
        slots[step.slot] = value
        if step.updatesClock { updateClock(raw, size: step.size) }
        if step.role != .none { record(raw, as: step.role) }
        return value
    }

    private func appendEnumeration(
        _ value: UInt64, _ step: IntegerStep, _ table: Int, _ plan: FieldPlan, to out: inout some TextSink
    ) {
        let number = step.isSigned ? Int128(Int64(bitPattern: value)) : Int128(value)
        out.append(UInt8(ascii: "("))
        out.append(UInt8(ascii: " "))
        var labelCount = 0
        // The table is read in place: a copy of it would retain and release every label.
        plan.enumerations[table].labels.withUnsafeBufferPointer { labels in
            for label in labels where label.ranges.contains(where: { $0.contains(number) }) {
                if labelCount > 0 {
                    out.append(UInt8(ascii: ","))
                    out.append(UInt8(ascii: " "))
                }
                label.quoted.withUnsafeBytes { out.append(bytes: $0) }
                labelCount += 1
            }
        }
        if labelCount == 0 { TextFormat.unknownLabel.withUnsafeBytes { out.append(bytes: $0) } }
        TextFormat.containerLabel.withUnsafeBytes { out.append(bytes: $0) }
        TextFormat.appendInteger(value, size: step.size, base: step.base, isSigned: step.isSigned, to: &out)
        out.append(UInt8(ascii: " "))
        out.append(UInt8(ascii: ")"))
    }

    private mutating func runVariant(
        _ table: Int, _ plan: FieldPlan, packetContext: [UInt8]?, into out: inout some TextSink
    ) throws(DecodeError) {
        // Read in place: a copy of the table would retain and release its arrays per event.
        let raw = slots[plan.variants[table].tagSlot]
        let tag = plan.variants[table].tagIsSigned ? Int128(Int64(bitPattern: raw)) : Int128(raw)
        let option = plan.variants[table].selectors.withUnsafeBufferPointer { selectors in
            selectors.first(where: { $0.range.contains(tag) })?.option
        }
        guard let option else {
            throw reader.failure("variant tag value \(tag) selects no option")
        }
        let isPrinted = plan.variants[table].isPrinted
        if isPrinted {
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: " "))
        }
        try run(plan.variants[table].options[option], plan, packetContext: packetContext, into: &out)
        if isPrinted {
            out.append(UInt8(ascii: " "))
            out.append(UInt8(ascii: "}"))
        }
    }

    private mutating func runArray(
        _ array: ArrayTable, _ plan: FieldPlan, packetContext: [UInt8]?, into out: inout some TextSink
    ) throws(DecodeError) {
        let count = try elementCount(array.length, mayBeEmpty: array.elementMayBeEmpty)
        if array.isText {
            try reader.align(8)
            let bytes = try reader.readBytes(count)
            if count == 0 {
                // babeltrace2 2.0.4 does not touch the string of an empty text array or
                // sequence: it shows what the recycled event object held before.
                if array.isPrinted {
                    TextFormat.appendQuoted(eventObject.text(slot: array.textSlot, elementPath: elementPath), to: &out)
                }
            } else {
                let text = bytes.firstIndex(of: 0).map { bytes[bytes.startIndex..<$0] } ?? bytes
                eventObject.setText(text, slot: array.textSlot, elementPath: elementPath)
                if array.isPrinted { TextFormat.appendQuoted(text, to: &out) }
            }
            return
        }
        if array.isPrinted { out.append(UInt8(ascii: "[")) }
        for index in 0..<count {
            if array.isPrinted {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: " "))
                out.append(UInt8(ascii: "["))
                TextFormat.appendPadded(UInt64(index), radix: 10, to: &out)
                out.append(UInt8(ascii: "]"))
                out.append(UInt8(ascii: " "))
                out.append(UInt8(ascii: "="))
                out.append(UInt8(ascii: " "))
            }
            if array.isCompound { elementPath.append(index) }
            defer { if array.isCompound { elementPath.removeLast() } }
            try run(array.element, plan, packetContext: packetContext, into: &out)
        }
        if array.isPrinted {
            out.append(UInt8(ascii: " "))
            out.append(UInt8(ascii: "]"))
        }
    }
}
