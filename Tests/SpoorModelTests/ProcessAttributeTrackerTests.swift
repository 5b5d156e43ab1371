import SpoorModel
import Testing

@Suite("Process attribute trackers")
struct ProcessAttributeTrackerTests {
    @Test("the attributes keep their raw values and lttng's tracker names")
    func attributes() {
        #expect(ProcessAttribute.allCases == [.virtualProcessID, .virtualUserID, .virtualGroupID])
        #expect(ProcessAttribute.allCases.map(\.rawValue) == [0, 1, 2])
        #expect(
            ProcessAttribute.allCases.map(\.trackerName) == [
                "virtual process ID", "virtual user ID", "virtual group ID",
            ])
    }

    @Test("all includes every value", arguments: [Int64.min, -1, 0, 1, 4_194_304, Int64.max])
    func allIncludesEverything(value: Int64) {
        #expect(TrackerPolicy.all.includes(value))
    }

    @Test("an inclusion set includes its values only")
    func onlyIncludesItsValues() {
        let policy = TrackerPolicy.only([0, 42, Int64.max])
        #expect(policy.includes(0))
        #expect(policy.includes(42))
        #expect(policy.includes(Int64.max))
        #expect(!policy.includes(1))
        #expect(!policy.includes(-42))
        #expect(!policy.includes(Int64.min))
    }

    @Test("an empty inclusion set includes nothing")
    func emptySetIncludesNothing() {
        for value in [Int64.min, -1, 0, 1, Int64.max] {
            #expect(!TrackerPolicy.only([]).includes(value))
        }
        #expect(TrackerPolicy.only([]) != .all)
    }

    @Test("new trackers track every process")
    func newTrackersAllowEverything() {
        let trackers = ProcessAttributeTrackers()
        for attribute in ProcessAttribute.allCases {
            #expect(trackers[attribute] == .all)
        }
        #expect(trackers.allows(pid: 1, uid: 0, gid: 0))
        #expect(trackers.allows(pid: Int32.max, uid: UInt32.max, gid: UInt32.max))
        #expect(trackers.allows(pid: -1, uid: 1000, gid: 1000))
    }

    @Test("the subscript reads and writes the tracker of each attribute, and only it")
    func subscriptReachesEachTracker() {
        for attribute in ProcessAttribute.allCases {
            var trackers = ProcessAttributeTrackers()
            trackers[attribute] = .only([7])
            #expect(trackers[attribute] == .only([7]))
            for other in ProcessAttribute.allCases where other != attribute {
                #expect(trackers[other] == .all)
            }
        }
        var trackers = ProcessAttributeTrackers()
        trackers[.virtualProcessID] = .only([1])
        trackers[.virtualUserID] = .only([2])
        trackers[.virtualGroupID] = .only([3])
        #expect(trackers.virtualProcessIDs == .only([1]))
        #expect(trackers.virtualUserIDs == .only([2]))
        #expect(trackers.virtualGroupIDs == .only([3]))
    }

    @Test(
        "a process records when each of its attributes is in its tracker's inclusion set",
        arguments: [
            (Int32(100), UInt32(1000), UInt32(1000), true),
            (200, 1000, 1000, true),
            (300, 1000, 1000, false),  // pid
            (100, 0, 1000, false),  // uid
            (100, 1000, 0, true),  // gid: all
            (300, 0, 0, false),
        ])
    func allowsWhenEveryAttributeIsIncluded(pid: Int32, uid: UInt32, gid: UInt32, isAllowed: Bool) {
        var trackers = ProcessAttributeTrackers()
        trackers.virtualProcessIDs = .only([100, 200])
        trackers.virtualUserIDs = .only([1000])
        #expect(trackers.allows(pid: pid, uid: uid, gid: gid) == isAllowed)
    }

    @Test("an empty inclusion set on any attribute stops every process")
    func emptySetStopsEveryone() {
        for attribute in ProcessAttribute.allCases {
            var trackers = ProcessAttributeTrackers()
            trackers[attribute] = .only([])
            #expect(!trackers.allows(pid: 1, uid: 0, gid: 0), "\(attribute)")
            #expect(!trackers.allows(pid: 4242, uid: 1000, gid: 1000), "\(attribute)")
        }
    }

    @Test("user and group IDs above Int32.max are compared as unsigned values")
    func largeIDs() {
        var trackers = ProcessAttributeTrackers()
        trackers.virtualUserIDs = .only([Int64(UInt32.max)])
        trackers.virtualGroupIDs = .only([0x8000_0000])
        #expect(trackers.allows(pid: 1, uid: UInt32.max, gid: 0x8000_0000))
        #expect(!trackers.allows(pid: 1, uid: UInt32.max - 1, gid: 0x8000_0000))
        #expect(!trackers.allows(pid: 1, uid: UInt32.max, gid: 0x7FFF_FFFF))
    }
}

@Suite("Application context names")
struct ApplicationContextNameTests {
    @Test("$app.PROVIDER:TYPE, each part made of letters, digits, _, - and .")
    func validNames() {
        for name in ["$app.p:t", "$app.my_app:request-id", "$app.a.b:c.d", "$app.P1:T2"] {
            #expect(ApplicationContext.isValid(name), "\(name)")
        }
        for name in ["", "app.p:t", "$app.", "$app.p", "$app.:t", "$app.p:", "$app.a:b:c", "$app.a b:c", "$app.é:t", "$ctx.p:t"] {
            #expect(!ApplicationContext.isValid(name), "\(name)")
        }
    }

    @Test("the field name in the trace is a TSDL identifier")
    func fieldNames() {
        #expect(ApplicationContext.fieldName("$app.my_app:request-id") == "_app_my_app_request_id")
        #expect(ApplicationContext.fieldName("$app.a.b:C9") == "_app_a_b_C9")
    }
}

@Suite("Perf counter context names")
struct PerfCounterNameTests {
    @Test("LTTng's names map to the kernel's event types and configs")
    func mapping() {
        let expected: [(String, UInt32, UInt64)] = [
            ("perf:thread:cpu-cycles", 0, 0), ("perf:thread:cycles", 0, 0), ("perf:thread:instructions", 0, 1),
            ("perf:thread:cache-misses", 0, 3), ("perf:thread:branch-misses", 0, 5),
            ("perf:thread:idle-cycles-backend", 0, 8), ("perf:thread:L1-dcache-loads", 3, 0),
            ("perf:thread:L1-dcache-load-misses", 3, 0x10000), ("perf:thread:LLC-stores", 3, 0x102),
            ("perf:thread:dTLB-prefetch-misses", 3, 0x10203), ("perf:thread:iTLB-load-misses", 3, 0x10004),
            ("perf:thread:branch-loads", 3, 5), ("perf:thread:raw:r0110:my_counter", 4, 0x110),
        ]
        for (name, type, config) in expected {
            let counter = PerfCounter(contextName: name)
            #expect(counter?.type == type, "\(name)")
            #expect(counter?.config == config, "\(name)")
        }
        for name in ["perf:thread:nosuch", "perf:cpu:cpu-cycles", "perf:thread:raw:r:x", "perf:thread:raw:r10:", "vpid"] {
            #expect(PerfCounter(contextName: name) == nil, "\(name)")
        }
        #expect(PerfCounter.names.count == 39)
        #expect(PerfCounter.names.allSatisfy { PerfCounter(contextName: $0) != nil })
    }

    @Test("the field name in the trace is the context name with _ for : and -")
    func fieldName() {
        #expect(PerfCounter(contextName: "perf:thread:L1-dcache-load-misses")?.fieldName == "perf_thread_L1_dcache_load_misses")
        #expect(PerfCounter(contextName: "perf:thread:raw:r0110:foo")?.field.type == .integer(IntegerType(bitWidth: 64, isSigned: false)))
    }
}
