/// Which trace file of a stream each packet goes to under `lttng enable-channel --tracefile-size`
/// and `--tracefile-count` (lttng-enable-channel(1); spec/ctf-lttng.md §1.1).
///
/// As lttng-tools' consumer does (`lttng_consumer_on_read_subbuffer_mmap`,
/// `consumer_stream_rotate_output_files`): a packet that would take the current file past the size
/// limit starts the next file, numbered from 0; with a count limit the numbers wrap, so file 0 is
/// truncated and reused and its older packets are lost. A packet is never split, and one larger than
/// the limit is written alone in its file. babeltrace2 reads the files of a stream as one stream:
/// they share `stream_instance_id` and are ordered by their first `timestamp_begin`.
///
/// Each file's index holds offsets from the start of that file.
package struct TracefileRotation: Sendable, Hashable {
    /// What to do before writing a packet.
    package enum Action: Sendable, Hashable {
        /// Append the packet to the open file.
        case append
        /// Create, or truncate, trace file `number` and its index, call `fileOpened()`, then append.
        case open(number: UInt64)
    }

    /// `--tracefile-size` in bytes, 0 for a single file without a number.
    package let sizeLimit: UInt64
    /// `--tracefile-count`, 0 for no limit; only meaningful with a size limit.
    package let countLimit: UInt64
    /// The number of the current trace file.
    package private(set) var fileNumber: UInt64 = 0
    /// Bytes written to the current trace file.
    package private(set) var fileSize: UInt64 = 0
    /// False between an `.open` action and `fileOpened()`: until then every packet asks for the
    /// same file again, so that a failed creation is retried rather than skipped.
    private var isFileOpen = true

    /// A rotation whose file 0 is already open and empty.
    package init(sizeLimit: UInt64, countLimit: UInt64) {
        self.sizeLimit = sizeLimit
        self.countLimit = countLimit
    }

    /// The name of trace file `number` of `stream` (`<channel>_<cpu>`): `stream_<number>` with a
    /// size limit, `stream` alone without (lttng-tools' `utils_stream_file_path`).
    package func fileName(stream: String, number: UInt64) -> String {
        sizeLimit > 0 ? "\(stream)_\(number)" : stream
    }

    /// Where a packet of `size` bytes goes.
    package mutating func packetReady(size: UInt64) -> Action {
        if isFileOpen {
            // Not `fileSize + size > sizeLimit`, which could overflow.
            guard sizeLimit > 0, fileSize > 0, size > sizeLimit || fileSize > sizeLimit - size else {
                return .append
            }
            fileNumber = countLimit > 0 ? (fileNumber + 1) % countLimit : fileNumber + 1
            isFileOpen = false
        }
        return .open(number: fileNumber)
    }

    /// The file that `.open` asked for now exists and is empty.
    package mutating func fileOpened() {
        isFileOpen = true
        fileSize = 0
    }

    /// A packet of `size` bytes was appended to the current file.
    package mutating func packetWritten(size: UInt64) {
        fileSize += size
    }
}
