#if os(Linux)
    import Foundation
    import Glibc
    import SpoorRingBuffer
    import SpoorTestSupport
    import Testing

    /// Producers in other processes, as in LTTng where every traced application maps the consumer
    /// daemon's buffers: the buffer lives in a MAP_SHARED file mapping, each process maps it at its
    /// own address, and the children run this very test binary (so they run our `RingBuffer`, not a
    /// copy), started with `posix_spawn` (never `fork`, which is unsafe in a multithreaded process).
    @Suite("Ring buffer shared between processes")
    struct RingBufferMultiProcessTests {
        static let childCount = 3
        static let recordsPerChild = 40_000

        /// What a child learns from its environment.
        struct ChildConfiguration {
            static let directoryVariable = "SPOOR_RING_BUFFER_TEST_DIRECTORY"
            static let producerVariable = "SPOOR_RING_BUFFER_TEST_PRODUCER"
            static let recordsVariable = "SPOOR_RING_BUFFER_TEST_RECORDS"

            var directory: String
            var producer: Int
            var records: Int

            static var current: ChildConfiguration? {
                let environment = ProcessInfo.processInfo.environment
                guard let directory = environment[directoryVariable],
                    let producer = environment[producerVariable].flatMap({ Int($0) }),
                    let records = environment[recordsVariable].flatMap({ Int($0) })
                else { return nil }
                return ChildConfiguration(directory: directory, producer: producer, records: records)
            }
        }

        @Test(
            "a child process writes its records into the shared buffer (runs only when spawned by the test below)",
            .enabled(if: ChildConfiguration.current != nil))
        func producerChild() throws {
            let configuration = try #require(ChildConfiguration.current)
            let mapping = try #require(SharedMapping(openingFile: configuration.directory + "/stream"))
            defer { mapping.unmap() }
            // The file is hostile until validated: only its validated layout decides where we write.
            let layout = try #require(RingBufferLayout.validated(at: mapping.base, mappedSize: mapping.size))
            let buffer = RingBuffer(base: mapping.base, layout: layout)

            // A barrier made of files, so that the producers really overlap: announce, then wait for "go".
            #expect(createFile(configuration.directory + "/ready-\(configuration.producer)"))
            let deadline = monotonicNanoseconds() + 30_000_000_000
            while access(configuration.directory + "/go", F_OK) != 0 {
                try #require(monotonicNanoseconds() < deadline, "the parent never said go")
                sched_yield()
            }

            var random = SplitMix64(seed: UInt64(configuration.producer) + 200)
            var hasWritten = false
            var retries = 0
            defer {
                // The parent takes these from the discarded count: they are the same record, tried again.
                try? "\(retries)".write(
                    toFile: configuration.directory + "/retries-\(configuration.producer)", atomically: true,
                    encoding: .utf8)
            }
            for sequence in 0..<configuration.records {
                let size = stressRecordSize(&random, subbufferSize: layout.subbufferSize)
                var reserved = buffer.reserve(size, clock: monotonicNanoseconds)
                // Each producer gets its first record in whatever the scheduler does (a starved
                // consumer could otherwise leave one producer nothing but drops): it waits for space.
                while reserved == nil && !hasWritten && monotonicNanoseconds() < deadline {
                    sched_yield()
                    retries += 1
                    reserved = buffer.reserve(size, clock: monotonicNanoseconds)
                }
                guard let reservation = reserved else {
                    // Dropping is much faster than writing: odd producers give the consumer a chance, or
                    // nearly every record would be dropped; even ones keep hammering, so that drops race
                    // with the closing of packets.
                    if configuration.producer % 2 == 1 { sched_yield() }
                    continue
                }
                TestRecord(
                    size: size, producer: UInt32(configuration.producer), sequence: UInt64(sequence),
                    timestamp: reservation.timestamp
                ).write(to: reservation.address)
                buffer.commit(reservation)
                hasWritten = true
                if sequence % 1000 == 999 {
                    buffer.flush(allowEmpty: false, clock: monotonicNanoseconds)
                }
            }
        }

        @Test(
            "producers in three processes and a consumer in a fourth lose nothing and keep every order",
            .timeLimit(.minutes(1)), .enabled(if: ChildConfiguration.current == nil))
        func producersInSeveralProcesses() throws {
            let directory = TemporaryDirectory("ring-buffer")
            defer { directory.remove() }
            let layout = try #require(RingBufferLayout(subbufferSize: 4096, subbufferCount: 4))
            let mapping = try #require(SharedMapping(creatingFile: directory.path + "/stream", size: layout.totalSize))
            defer { mapping.unmap() }
            let buffer = RingBuffer.create(at: mapping.base, layout: layout, cpu: 0)
            let executable = try #require(currentExecutable())

            var children: [pid_t] = []
            defer {
                // Only reached with children left on failure paths: stop them, by their own ids.
                for pid in children {
                    kill(pid, SIGKILL)
                    var status: Int32 = 0
                    waitpid(pid, &status, 0)
                }
            }
            for producer in 0..<Self.childCount {
                let pid = try #require(
                    spawn(
                        executable,
                        arguments: [
                            "--testing-library", "swift-testing", "--filter",
                            "RingBufferMultiProcessTests/producerChild",
                        ],
                        environment: [
                            ChildConfiguration.directoryVariable: directory.path,
                            ChildConfiguration.producerVariable: "\(producer)",
                            ChildConfiguration.recordsVariable: "\(Self.recordsPerChild)",
                        ],
                        output: directory.path + "/child-\(producer).log"))
                children.append(pid)
            }

            let spawned = children  // indexed by producer
            var checker = StreamChecker(producerCount: Self.childCount)
            var exitStatuses: [pid_t: Int32] = [:]
            var running = children
            var isReady = false
            var idle = 0
            var timedOut = false
            let deadline = monotonicNanoseconds() + 45_000_000_000
            while true {
                if let packet = buffer.nextReadablePacket() {
                    checker.check(packet, of: buffer)
                    buffer.releasePacket()
                    continue
                }
                if !isReady,
                    (0..<Self.childCount).allSatisfy({ access(directory.path + "/ready-\($0)", F_OK) == 0 })
                {
                    isReady = createFile(directory.path + "/go")
                }
                running.removeAll { pid in
                    var status: Int32 = 0
                    guard waitpid(pid, &status, WNOHANG) == pid else { return false }
                    exitStatuses[pid] = status
                    return true
                }
                if running.isEmpty {
                    buffer.flush(allowEmpty: false, clock: monotonicNanoseconds)
                    while let packet = buffer.nextReadablePacket() {
                        checker.check(packet, of: buffer)
                        buffer.releasePacket()
                    }
                    break
                }
                idle += 1
                if idle % 64 == 0 {
                    buffer.flush(allowEmpty: false, clock: monotonicNanoseconds)
                    if monotonicNanoseconds() > deadline {
                        timedOut = true
                        break
                    }
                }
                sched_yield()
            }
            children = running  // the defer stops whatever is left

            #expect(!timedOut, "the children did not finish within the deadline")
            for (producer, pid) in spawned.enumerated() {
                guard let status = exitStatuses[pid] else { continue }
                let log =
                    (try? String(contentsOfFile: directory.path + "/child-\(producer).log", encoding: .utf8)) ?? ""
                #expect(status == 0, "child \(pid) ended with wait status \(status):\n\(log)")
            }
            #expect(exitStatuses.count == Self.childCount)
            #expect(checker.failures == [])
            #expect(buffer.isDrained)
            let attempted = Self.childCount * Self.recordsPerChild
            let retries = (0..<Self.childCount).reduce(0) { sum, producer in
                sum + ((try? String(contentsOfFile: directory.path + "/retries-\(producer)", encoding: .utf8))
                    .flatMap { Int($0) } ?? 0)
            }
            #expect(checker.recordCount + Int(buffer.discardedRecordCount) - retries == attempted)
            #expect(checker.recordsPerProducer.allSatisfy { $0 > 0 }, "every child's records reach the consumer")
            let dropped = buffer.discardedRecordCount
            // At least ten laps of the 4-sub-buffer ring, however the scheduler shared the CPUs.
            #expect(
                checker.packetCount > 10 * layout.subbufferCount,
                "the buffer should wrap many times (\(checker.recordCount) read, \(dropped) dropped)")
        }
    }

    /// A file mapped MAP_SHARED, so that every process that maps it sees the same bytes.
    struct SharedMapping {
        let base: UnsafeMutableRawPointer
        let size: Int

        init?(creatingFile path: String, size: Int) {
            let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            guard ftruncate(descriptor, off_t(size)) == 0 else { return nil }
            self.init(descriptor: descriptor, size: size)
        }

        init?(openingFile path: String) {
            let descriptor = open(path, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { return nil }
            self.init(descriptor: descriptor, size: Int(status.st_size))
        }

        private init?(descriptor: Int32, size: Int) {
            guard size > 0,
                let base = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0),
                base != UnsafeMutableRawPointer(bitPattern: -1)
            else { return nil }
            self.base = base
            self.size = size
        }

        func unmap() { munmap(base, size) }
    }

    func createFile(_ path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return false }
        return close(descriptor) == 0
    }

    /// The running test binary, which the children run again.
    func currentExecutable() -> String? {
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &path, path.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: path[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Starts `executable` with our environment plus `environment`, its output going to `output`.
    func spawn(_ executable: String, arguments: [String], environment: [String: String], output: String) -> pid_t? {
        var entries = ProcessInfo.processInfo.environment
        entries.merge(environment) { _, new in new }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = entries.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { return nil }
        return pid
    }
#endif
