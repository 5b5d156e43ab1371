/// Turns a `MetadataSpec` into a `TraceClass`: resolves sequence lengths and variant tags to
/// decoder slots, gives meaning to the names babeltrace2 knows, maps timestamps to clocks and
/// decides which fields are shown.
struct TraceClassBuilder {
    /// The six dynamic scopes of CTF 1.8 §7.3.2, in decoding order.
    enum Scope: Equatable {
        case packetHeader
        case packetContext
        case eventHeader
        case streamEventContext
        case eventContext
        case eventPayload
    }

    /// What a field path can point at.
    indirect enum Target {
        case integer(slot: Int, isSigned: Bool, mappings: [EnumMapping]?)
        case structure([(name: String, target: Target)])
        case other
    }

    let spec: MetadataSpec
    var clocks: [ClockClass] = []
    var clockIndexByName: [String: Int] = [:]
    var nextSlot = 0
    /// Members already compiled in each enclosing struct of the scope being compiled.
    var frames: [[(name: String, target: Target)]] = []
    /// Roots of the scopes already compiled for the stream or event being built.
    var roots: [(scope: Scope, target: Target)] = []
    var scope = Scope.packetHeader
    var line = 1

    init(spec: MetadataSpec) {
        self.spec = spec
    }

    /// babeltrace2 shows CTF field names with one leading underscore removed.
    static func displayName(_ name: String) -> String {
        name.hasPrefix("_") ? String(name.dropFirst()) : name
    }

    func error(_ reason: String) -> MetadataError {
        MetadataError(line: line, reason: reason)
    }

    mutating func build() throws(MetadataError) -> TraceClass {
        if let major = spec.major, major != 1 { throw error("unsupported CTF major version \(major)") }
        if let minor = spec.minor, minor != 8 { throw error("unsupported CTF minor version \(minor)") }
        for clock in spec.clocks {
            line = clock.line
            guard clockIndexByName[clock.name] == nil else { throw error("clock `\(clock.name)` declared twice") }
            clockIndexByName[clock.name] = clocks.count
            clocks.append(
                ClockClass(
                    name: clock.name, frequency: clock.frequency, uuid: clock.uuid,
                    offsetSeconds: clock.offsetSeconds, offsetCycles: clock.offsetCycles))
        }

        var packetHeader: FieldLayout?
        var headerRoot: Target?
        if let type = spec.packetHeader {
            (packetHeader, headerRoot) = try compileRoot(type, scope: .packetHeader)
        }

        var streamSpecs = spec.streams
        if streamSpecs.isEmpty, !spec.events.isEmpty {
            streamSpecs = [StreamSpec(line: spec.events[0].line)]
        }
        var streamClasses: [UInt64: StreamClass] = [:]
        var streamOrder: [UInt64] = []
        for streamSpec in streamSpecs {
            line = streamSpec.line
            let id = streamSpec.id ?? 0
            guard streamClasses[id] == nil else { throw error("stream class \(id) declared twice") }
            roots = []
            if let headerRoot { roots.append((.packetHeader, headerRoot)) }
            var stream = StreamClass(id: id, eventClasses: [:])
            if let type = streamSpec.packetContext {
                let (layout, root) = try compileRoot(type, scope: .packetContext)
                stream.packetContext = layout
                roots.append((.packetContext, root))
            }
            if let type = streamSpec.eventHeader {
                let (layout, root) = try compileRoot(type, scope: .eventHeader)
                stream.eventHeader = layout
                roots.append((.eventHeader, root))
            }
            if let type = streamSpec.eventContext {
                let (layout, root) = try compileRoot(type, scope: .streamEventContext)
                stream.eventContext = layout
                roots.append((.streamEventContext, root))
            }
            let streamRoots = roots
            for eventSpec in spec.events {
                line = eventSpec.line
                let streamID: UInt64
                if let given = eventSpec.streamID {
                    streamID = given
                } else if streamSpecs.count == 1 {
                    streamID = id
                } else {
                    throw error("event without `stream_id` in a trace with several stream classes")
                }
                guard streamID == id else { continue }
                let eventID = eventSpec.id ?? UInt64(stream.eventClasses.count)
                guard stream.eventClasses[eventID] == nil else {
                    throw error("event class \(eventID) declared twice in stream class \(id)")
                }
                roots = streamRoots
                var event = EventClass(
                    id: eventID, name: eventSpec.name ?? "", logLevel: eventSpec.logLevel, emfURI: eventSpec.emfURI)
                if let type = eventSpec.context {
                    let (layout, root) = try compileRoot(type, scope: .eventContext)
                    event.context = layout
                    roots.append((.eventContext, root))
                }
                if let type = eventSpec.payload {
                    event.payload = try compileRoot(type, scope: .eventPayload).0
                }
                stream.eventClasses[eventID] = event
            }
            streamClasses[id] = stream
            streamOrder.append(id)
        }
        for event in spec.events {
            if let streamID = event.streamID, streamClasses[streamID] == nil {
                line = event.line
                throw error("event refers to unknown stream class \(streamID)")
            }
        }

        // Visibility, in babeltrace2's order: later fields first, so that a sequence or variant
        // marks its length or tag before that field is reached.
        var dependents = Set<Int>()
        for id in streamOrder {
            guard var stream = streamClasses[id] else { continue }
            for eventID in stream.eventClasses.keys.sorted() {
                guard var event = stream.eventClasses[eventID] else { continue }
                event.payload = event.payload.map { Self.applyVisibility($0, dependents: &dependents) }
                event.context = event.context.map { Self.applyVisibility($0, dependents: &dependents) }
                stream.eventClasses[eventID] = event
            }
            stream.eventContext = stream.eventContext.map { Self.applyVisibility($0, dependents: &dependents) }
            stream.packetContext = stream.packetContext.map { Self.applyVisibility($0, dependents: &dependents) }
            stream.defaultClock = Self.defaultClock(of: stream)
            streamClasses[id] = stream
        }

        return TraceClass(
            byteOrder: spec.byteOrder, uuid: spec.uuid, packetHeader: packetHeader, environment: spec.environment,
            clocks: clocks, streamClasses: streamClasses, slotCount: nextSlot)
    }

    mutating func compileRoot(_ type: TypeSpec, scope: Scope) throws(MetadataError) -> (FieldLayout, Target) {
        self.scope = scope
        frames = []
        let (layout, target) = try compile(type, name: nil, depth: 0)
        guard case .structure = layout else { throw error("a scope must be a struct") }
        return (layout, target)
    }

    // MARK: Compiling

    mutating func compile(_ type: TypeSpec, name: String?, depth: Int) throws(MetadataError) -> (FieldLayout, Target) {
        switch type {
        case .integer(let integer):
            let layout = try integerLayout(integer, name: name, depth: depth)
            return (.integer(layout), .integer(slot: layout.slot, isSigned: layout.isSigned, mappings: nil))
        case .enumeration(let enumeration):
            let layout = try integerLayout(enumeration.container, name: name, depth: depth)
            var mappings: [EnumMapping] = []
            for entry in enumeration.entries {
                if let index = mappings.firstIndex(where: { $0.label == entry.label }) {
                    mappings[index].ranges.append(entry.lower...entry.upper)
                } else {
                    mappings.append(EnumMapping(label: entry.label, ranges: [entry.lower...entry.upper]))
                }
            }
            return (
                .enumeration(layout, mappings),
                .integer(slot: layout.slot, isSigned: layout.isSigned, mappings: mappings)
            )
        case .floatingPoint(let float):
            let layout = FloatLayout(
                isDouble: float.mantissaDigits == 53, alignment: float.alignment, byteOrder: float.byteOrder)
            return (.floatingPoint(layout), .other)
        case .string:
            return (.string, .other)
        case .structure(let structure):
            frames.append([])
            var members: [NamedLayout] = []
            var alignment = structure.minimumAlignment
            for member in structure.members {
                let (layout, target) = try compile(member.type, name: member.name, depth: depth + 1)
                frames[frames.count - 1].append((member.name, target))
                members.append(NamedLayout(name: Self.displayName(member.name), layout: layout))
                alignment = max(alignment, layout.alignment)
            }
            let frame = frames.removeLast()
            return (.structure(StructLayout(members: members, alignment: alignment, isShown: true)), .structure(frame))
        case .variant(let variant):
            guard let tagPath = variant.tag else { throw error("variant without a tag") }
            guard case .integer(let tagSlot, let tagIsSigned, let tagMappings?) = try resolve(tagPath) else {
                throw error("variant tag `\(tagPath.joined(separator: "."))` is not an enumeration")
            }
            var options: [NamedLayout] = []
            for option in variant.options {
                let (layout, _) = try compile(option.type, name: option.name, depth: depth + 1)
                options.append(NamedLayout(name: Self.displayName(option.name), layout: layout))
            }
            var selectors: [(range: ClosedRange<Int128>, option: Int)] = []
            for mapping in tagMappings {
                let index =
                    variant.options.firstIndex { $0.name == mapping.label }
                    ?? variant.options.firstIndex { Self.displayName($0.name) == Self.displayName(mapping.label) }
                guard let index else { continue }
                for range in mapping.ranges { selectors.append((range, index)) }
            }
            let layout = VariantLayout(
                tagSlot: tagSlot, tagIsSigned: tagIsSigned, selectors: selectors, options: options, isShown: true)
            return (.variant(layout), .other)
        case .array(let element, let length):
            let (elementLayout, _) = try compile(element, name: nil, depth: depth + 1)
            let layout = ArrayLayout(
                element: elementLayout, length: .fixed(length), isText: Self.isTextElement(elementLayout), isShown: true
            )
            return (.array(layout), .other)
        case .sequence(let element, let lengthPath):
            guard case .integer(let slot, let isSigned, _) = try resolve(lengthPath) else {
                throw error("sequence length `\(lengthPath.joined(separator: "."))` is not an integer")
            }
            let (elementLayout, _) = try compile(element, name: nil, depth: depth + 1)
            let layout = ArrayLayout(
                element: elementLayout, length: .slot(slot, isSigned: isSigned),
                isText: Self.isTextElement(elementLayout), isShown: true)
            return (.array(layout), .other)
        }
    }

    /// babeltrace2 shows arrays and sequences of byte-aligned 8-bit text integers as strings.
    static func isTextElement(_ element: FieldLayout) -> Bool {
        guard case .integer(let integer) = element else { return false }
        return integer.isText && integer.size == 8 && integer.alignment == 8
    }

    mutating func integerLayout(_ spec: IntegerSpec, name: String?, depth: Int) throws(MetadataError) -> IntegerLayout {
        let shownName = name.map(Self.displayName)
        var role = FieldRole.none
        var autoMapped = false
        switch scope {
        case .packetHeader:
            switch shownName {
            case "magic": role = .magic
            case "stream_id": role = .streamClassID
            case "stream_instance_id": role = .dataStreamID
            default: break
            }
        case .packetContext:
            if depth == 1 {
                switch shownName {
                case "timestamp_begin": role = .packetBeginTime
                case "timestamp_end": role = .packetEndTime
                case "content_size": role = .contentSize
                case "packet_size": role = .packetSize
                case "packet_seq_num": role = .packetSequenceNumber
                case "events_discarded": role = .discardedEvents
                default: break
                }
            }
            autoMapped = shownName == "timestamp_begin" || shownName == "timestamp_end"
        case .eventHeader:
            if shownName == "id" { role = .eventClassID }
            autoMapped = shownName == "timestamp"
        default:
            break
        }
        var clock: Int?
        if let clockName = spec.clockName {
            guard let index = clockIndexByName[clockName] else { throw error("unknown clock `\(clockName)`") }
            clock = index
        } else if autoMapped {
            // babeltrace2 maps an unmapped timestamp to the only clock, or to an implicit 1 GHz one.
            switch clocks.count {
            case 0:
                clockIndexByName["default"] = 0
                clocks.append(
                    ClockClass(name: "default", frequency: 1_000_000_000, uuid: nil, offsetSeconds: 0, offsetCycles: 0))
                clock = 0
            case 1:
                clock = 0
            default:
                throw error("timestamp field without a clock in a trace with several clocks")
            }
        }
        defer { nextSlot += 1 }
        return IntegerLayout(
            size: spec.size, alignment: spec.alignment, isSigned: spec.isSigned, byteOrder: spec.byteOrder,
            base: spec.base, isText: spec.isText, clock: clock, role: role, slot: nextSlot, isShown: true)
    }

    // MARK: Field paths

    /// Resolves a sequence length or variant tag path (CTF 1.8 §7.3.2): absolute scope prefixes,
    /// otherwise the innermost enclosing struct first, then the scopes decoded before this one.
    func resolve(_ path: [String]) throws(MetadataError) -> Target {
        let absolute: [([String], Scope)] = [
            (["trace", "packet", "header"], .packetHeader),
            (["stream", "packet", "context"], .packetContext),
            (["stream", "event", "header"], .eventHeader),
            (["stream", "event", "context"], .streamEventContext),
            (["event", "context"], .eventContext),
            (["event", "fields"], .eventPayload),
        ]
        for (prefix, rootScope) in absolute
        where path.count > prefix.count && Array(path.prefix(prefix.count)) == prefix {
            guard let root = roots.last(where: { $0.scope == rootScope })?.target,
                let target = Self.descend(root, Array(path.dropFirst(prefix.count)))
            else { break }
            return target
        }
        for frame in frames.reversed() {
            if let found = frame.last(where: { $0.name == path[0] }) {
                if let target = Self.descend(found.target, Array(path.dropFirst())) { return target }
                break
            }
        }
        for root in roots.reversed() {
            if let target = Self.descend(root.target, path) { return target }
        }
        throw error("cannot resolve field `\(path.joined(separator: "."))`")
    }

    static func descend(_ target: Target, _ path: [String]) -> Target? {
        var current = target
        for name in path {
            guard case .structure(let members) = current, let member = members.last(where: { $0.name == name }) else {
                return nil
            }
            current = member.target
        }
        return current
    }

    // MARK: Visibility

    /// babeltrace2's "in IR" rule: integers with a meaning or a clock are hidden unless a shown
    /// sequence or variant depends on them; a struct is shown when one member is (or it is empty);
    /// a variant when one option is; an array when its element is.
    static func applyVisibility(_ layout: FieldLayout, dependents: inout Set<Int>) -> FieldLayout {
        switch layout {
        case .integer(var integer):
            integer.isShown = (integer.clock == nil && integer.role == .none) || dependents.contains(integer.slot)
            return .integer(integer)
        case .enumeration(var integer, let mappings):
            integer.isShown = (integer.clock == nil && integer.role == .none) || dependents.contains(integer.slot)
            return .enumeration(integer, mappings)
        case .floatingPoint, .string:
            return layout
        case .structure(var structure):
            var isShown = structure.members.isEmpty
            for index in structure.members.indices.reversed() {
                let member = applyVisibility(structure.members[index].layout, dependents: &dependents)
                structure.members[index].layout = member
                if member.isShown { isShown = true }
            }
            structure.isShown = isShown
            return .structure(structure)
        case .variant(var variant):
            var isShown = false
            for index in variant.options.indices.reversed() {
                let option = applyVisibility(variant.options[index].layout, dependents: &dependents)
                variant.options[index].layout = option
                if option.isShown { isShown = true }
            }
            if isShown {
                // Every option stays selectable, so each one is shown itself.
                for index in variant.options.indices {
                    variant.options[index].layout = forcedShown(variant.options[index].layout)
                }
                dependents.insert(variant.tagSlot)
            }
            variant.isShown = isShown
            return .variant(variant)
        case .array(var array):
            array.element = applyVisibility(array.element, dependents: &dependents)
            array.isShown = array.element.isShown
            if array.isShown, case .slot(let slot, _) = array.length { dependents.insert(slot) }
            return .array(array)
        }
    }

    static func forcedShown(_ layout: FieldLayout) -> FieldLayout {
        switch layout {
        case .integer(var integer):
            integer.isShown = true
            return .integer(integer)
        case .enumeration(var integer, let mappings):
            integer.isShown = true
            return .enumeration(integer, mappings)
        case .floatingPoint, .string:
            return layout
        case .structure(var structure):
            structure.isShown = true
            return .structure(structure)
        case .variant(var variant):
            variant.isShown = true
            return .variant(variant)
        case .array(var array):
            array.isShown = true
            return .array(array)
        }
    }

    /// The clock of the first clock-mapped integer of the stream's scopes and event classes.
    static func defaultClock(of stream: StreamClass) -> Int? {
        var scopes = [stream.packetContext, stream.eventHeader, stream.eventContext]
        for id in stream.eventClasses.keys.sorted() {
            scopes.append(stream.eventClasses[id]?.context)
            scopes.append(stream.eventClasses[id]?.payload)
        }
        for case let layout? in scopes {
            if let clock = firstClock(in: layout) { return clock }
        }
        return nil
    }

    static func firstClock(in layout: FieldLayout) -> Int? {
        switch layout {
        case .integer(let integer), .enumeration(let integer, _): return integer.clock
        case .floatingPoint, .string: return nil
        case .structure(let structure): return structure.members.lazy.compactMap { firstClock(in: $0.layout) }.first
        case .variant(let variant): return variant.options.lazy.compactMap { firstClock(in: $0.layout) }.first
        case .array(let array): return firstClock(in: array.element)
        }
    }
}
