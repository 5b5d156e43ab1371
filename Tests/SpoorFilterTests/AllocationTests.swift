#if canImport(Glibc)
    import Glibc
    import SpoorFilter
    import SpoorTestSupport
    import Testing

    /// A source like the tracer's: values read in place from the arguments, nothing allocated.
    private struct ArgumentSource: FilterFieldSource {
        var number: Int64
        var text: UnsafeRawBufferPointer
        var real: Double
        var elements: UnsafeBufferPointer<Int32>

        func value(ofField index: Int) -> FilterValue {
            switch index {
            case 0: .signed(number)
            case 1: .string(text)
            case 2: .double(real)
            default: .missing
            }
        }

        func value(ofField index: Int, element: Int) -> FilterValue {
            index == 3 && element < elements.count ? .signed(Int64(elements[element])) : .missing
        }

        func value(ofContext index: Int) -> FilterValue { .unsigned(UInt64(index)) }
    }

    @Suite("Evaluation does not allocate", .serialized)
    struct AllocationTests {
        static let filters = [
            "n > 5",
            "n & 3 == 1 && !(x < 2.5) || s == \"*ll*\" || s == \"he*\" || s < \"z\" || a[1] == 2 || $ctx.c >> 1 == 0",
            "s == \"hello\" || s != \"x*y\" && n << 2 > 0 && -x < ~n",
            "nosuch == 1",
        ]

        @Test(
            "a million evaluations allocate nothing", .enabled(if: heapBytesInUse() != nil, "needs mallinfo2"),
            arguments: filters)
        func noAllocation(_ text: String) throws {
            let bound = try FilterProgram(compiling: text).bind(fields: ["n", "s", "x", "a"], contexts: ["c"])
            let strings: [StaticString] = ["hello", "hello world", "xyz", ""]
            let elements: [Int32] = [1, 2, 3]
            var passed = 0
            // The first evaluations may instantiate generic metadata (unoptimised builds); warm up.
            func evaluate(_ iterations: Range<Int>) {
                elements.withUnsafeBufferPointer { elements in
                    for iteration in iterations {
                        let string = strings[iteration & 3]
                        let source = ArgumentSource(
                            number: Int64(iteration & 15),
                            text: UnsafeRawBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount),
                            real: Double(iteration & 7) / 2, elements: elements)
                        if bound.evaluate(source) { passed += 1 }
                    }
                }
            }
            evaluate(0..<16)
            let before = heapBytesInUse()
            let mallocsBefore = threadAllocationCount()
            evaluate(0..<1_000_000)
            let mallocsAfter = threadAllocationCount()
            let after = heapBytesInUse()
            if let mallocsBefore, let mallocsAfter {
                #expect(mallocsAfter == mallocsBefore, "\(mallocsAfter - mallocsBefore) allocations")
            }
            // Other tests allocate in parallel (some hold megabytes for a while); a leak of even
            // one small block per evaluation would be over 30 MB: a block of 16 bytes takes 32.
            let (heapBefore, heapAfter) = (try #require(before), try #require(after))
            #expect(heapAfter < heapBefore + (16 << 20), "heap grew by \(heapAfter - heapBefore) bytes")
            #expect(passed > 0 || text == "nosuch == 1")
        }

        @Test("mallinfo2 sees memory that stays allocated", .enabled(if: heapBytesInUse() != nil, "needs mallinfo2"))
        func heapMeasureWorks() throws {
            let before = try #require(heapBytesInUse())
            // Small blocks: big ones are mapped on their own and not counted in `uordblks`.
            let blocks = (0..<1024).map { _ in UnsafeMutableRawPointer.allocate(byteCount: 1024, alignment: 16) }
            defer { for block in blocks { block.deallocate() } }
            let after = try #require(heapBytesInUse())
            #expect(after - before >= 1 << 20)
        }

        @Test(
            "the preloaded counter sees an allocation when there is one",
            .enabled(if: threadAllocationCount() != nil, "needs bench/alloc-count preloaded"))
        func counterWorks() throws {
            final class Box {
                var value = 0
            }
            let before = try #require(threadAllocationCount())
            let boxes = (0..<10).map { _ in Box() }
            let after = try #require(threadAllocationCount())
            #expect(boxes.count == 10)
            #expect(after - before >= 10)
        }
    }
#endif
