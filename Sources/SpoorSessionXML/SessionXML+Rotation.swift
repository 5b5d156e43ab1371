import SpoorModel

/// `<rotation_schedules>` in a session's `<attributes>` (session.xsd of LTTng 2.13): a
/// `<periodic>` schedule with `<time_us>` and a `<size_threshold>` with `<bytes>`, as
/// `lttng save` writes them after `enable-rotation`.
extension SessionXML {
    static func writeRotationSchedules(_ schedules: RotationSchedules, to writer: inout XMLTextWriter) {
        guard !schedules.isEmpty else { return }
        writer.open("attributes")
        writer.open("rotation_schedules")
        if let period = schedules.periodMicroseconds {
            writer.open("periodic")
            writer.element("time_us", period)
            writer.close()
        }
        if let bytes = schedules.sizeThresholdBytes {
            writer.open("size_threshold")
            writer.element("bytes", bytes)
            writer.close()
        }
        writer.close()
        writer.close()
    }
}

extension SavedSession {
    /// The schedules of `<rotation_schedules>`, none without it. Each schedule needs its value,
    /// which must be positive (and a period at most 2³² − 1 µs, as LTTng's timer holds it); a
    /// schedule given twice is refused, as `enable-rotation` refuses it.
    func rotationSchedules(_ element: XMLTreeElement?) throws(SessionFileError) -> RotationSchedules {
        var schedules = RotationSchedules()
        guard let element else { return schedules }
        for periodic in element.children("periodic") {
            guard schedules.periodMicroseconds == nil else {
                throw SessionSchema.invalid(periodic, "a session has at most one periodic rotation schedule")
            }
            guard let period = try periodic.unsigned("time_us"), period > 0,
                period <= RotationSchedule.maximumPeriodMicroseconds
            else {
                throw SessionSchema.invalid(
                    periodic, "<periodic> needs a <time_us> from 1 to \(RotationSchedule.maximumPeriodMicroseconds)")
            }
            schedules.periodMicroseconds = period
        }
        for threshold in element.children("size_threshold") {
            guard schedules.sizeThresholdBytes == nil else {
                throw SessionSchema.invalid(threshold, "a session has at most one size-based rotation schedule")
            }
            guard let bytes = try threshold.unsigned("bytes"), bytes > 0 else {
                throw SessionSchema.invalid(threshold, "<size_threshold> needs a positive <bytes>")
            }
            schedules.sizeThresholdBytes = bytes
        }
        return schedules
    }
}
