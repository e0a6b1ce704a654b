/// The sections of a dataset file, in the order they are written.
enum Section: Int, CaseIterable, Sendable {
    case dataset, sources, actors, relations, regions, events, incidents, assessments

    var key: String {
        switch self {
        case .dataset: "dataset"
        case .sources: "sources"
        case .actors: "actors"
        case .relations: "relations"
        case .regions: "regions"
        case .events: "events"
        case .incidents: "incidents"
        case .assessments: "assessments"
        }
    }

    /// What a reference into this section is called in messages.
    var noun: String {
        switch self {
        case .dataset: "dataset"
        case .sources: "source"
        case .actors: "actor"
        case .relations: "relation"
        case .regions: "region"
        case .events: "event"
        case .incidents: "incident"
        case .assessments: "assessment"
        }
    }
}

/// A reference from a small table, resolved after the whole file is read.
struct PendingReference {
    var symbol: Int32
    var expected: Section
    var path: String
    /// Where the reference is in the file.
    var offset: Int
}

/// Reads a dataset document into model values, collecting every problem it can recover from
/// (wrong types, unknown fields and values, bad dates, missing fields) and stopping only at broken JSON.
struct DatasetDecoder {
    var reader: JSONReader
    let file: String
    /// Every problem found (the first thousand kept).
    var diagnostics: DiagnosticSink

    var info: DatasetInfo?
    var sources: [Source] = []
    var actors: [Actor] = []
    var relations: [Relation] = []
    var regions: [Region] = []
    var assessments: [Assessment] = []
    var store = RecordStore()
    var eventCount = 0
    var incidentCount = 0

    /// Every id defined in the file, and its owner.
    var ids = IdRegistry()
    /// Every id referenced; references are stored as these symbols until resolved.
    var references = SymbolTable(capacity: 1024)
    var pending: [PendingReference] = []
    /// Where each event and incident starts in the file, in `store` order: a reference that does not resolve is
    /// found again from there (`ReferenceLocator`), only when there is such a problem.
    var recordOffsets: [UInt32] = []
    var seenSections = Set<Int>()
    /// Updated every few thousand records for the progress bar.
    var progress: LoadProgress?
    /// The file's bytes as the parse goes (streamed large files), and the second thread of a split load.
    var feeder = InputFeeder()

    /// Byte-level lookup tables for the vocabularies read on every record. Shared constants, not the decoder's own:
    /// a table of the decoder passed to its own mutating `readEnum` was copied for each call (three arrays retained
    /// and released, twice a record).
    static let categoryTable = DatasetDecoder.table(Category.self)
    static let severityTable = DatasetDecoder.table(Severity.self)

    init(reader: JSONReader, file: String) {
        self.reader = reader
        self.file = file
        diagnostics = DiagnosticSink(file: file)
    }

    static func table<E: Vocabulary>(_ type: E.Type) -> SymbolTable {
        var table = SymbolTable(capacity: E.allCases.count)
        for value in E.allCases { table.intern(value.rawValue) }
        return table
    }

    /// Reads a vocabulary value through a table built by `table(_:)` (symbol k is `allCases[k]`).
    mutating func readEnum<E: Vocabulary>(_ type: E.Type, table: SymbolTable, _ path: @autoclosure () -> String)
        throws(JSONSyntaxError) -> E? where E.AllCases: RandomAccessCollection
    {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .string {
            let span = try reader.readString(keep: false)
            if let symbol = table.lookup(reader.bytes(span)) {
                return E.allCases[E.allCases.index(E.allCases.startIndex, offsetBy: Int(symbol))]
            }
            problem(
                path(),
                "unknown \(E.vocabularyName) \"\(Self.excerpt(reader.string(span)))\" (expected one of: "
                    + "\(E.allowedValues))", at: offset)
            return nil
        }
        if kind == .null { try reader.readNull(); return nil }
        try mismatch(path(), expected: "a \(E.vocabularyName)", found: kind, at: offset)
        return nil
    }

    /// Reads a short string and interns it in the record store's symbols (places, targets, original types).
    mutating func readSymbol(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> Int32 {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .string { return store.symbols.intern(reader.bytes(try reader.readString(keep: false))).symbol }
        if kind == .null { try reader.readNull(); return -1 }
        try mismatch(path(), expected: "a string", found: kind, at: offset)
        return -1
    }

    // MARK: Problems

    /// Records a problem (`DiagnosticSink.add`).
    mutating func problem(_ path: String, _ message: String, at offset: Int? = nil) {
        diagnostics.add(path, message, at: offset)
    }

    /// Records a type mismatch and skips the value.
    mutating func mismatch(_ path: @autoclosure () -> String, expected: String, found: JSONValueKind, at offset: Int)
        throws(JSONSyntaxError)
    {
        if diagnostics.isFull {
            diagnostics.countOne()  // a flood of problems: count them without formatting each one
        } else {
            problem(path(), "expected \(Self.withArticle(expected)), found \(found.name)", at: offset)
        }
        try reader.skipValue()
    }

    // MARK: Top level

    mutating func decode() throws(JSONSyntaxError) {
        reader.skipWhitespace()
        if reader.position >= reader.count && feeder.input != nil {
            feedAll()
            reader.skipWhitespace()
        }
        if reader.position >= reader.count {
            problem("$", "the file is empty, expected a sitmon dataset (a JSON object)", at: 0)
            return
        }
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        guard kind == .object else {
            try mismatch("$", expected: "a dataset object", found: kind, at: offset)
            feedAll()
            try reader.finish()
            return
        }
        try reader.beginObject()
        var format: String?
        var version: Double?
        feed()
        while let key = try reader.nextKey() {
            let keyOffset = reader.lastKeyOffset
            if reader.span(key, equals: "format") {
                format = try readString("$.format")
            } else if reader.span(key, equals: "version") {
                version = try readNumber("$.version")
            } else if let section = Section.allCases.first(where: { reader.span(key, equals: $0.staticKey) }) {
                if !seenSections.insert(section.rawValue).inserted {
                    problem("$.\(section.key)", "the section appears twice", at: keyOffset)
                }
                try decodeSection(section)
            } else {
                problem("$", "unknown field '\(Self.excerpt(reader.string(key)))'", at: keyOffset)
                try reader.skipValue()
            }
            // Not in a `defer`: after an error at the read limit, reading on would make the file look complete,
            // and the loader would report the limit as the end of the file instead of reading it again whole.
            feed()
        }
        feedAll()
        try reader.finish()
        if format != "sitmon-dataset" {
            problem(
                "$.format",
                format == nil
                    ? "missing field 'format' (expected \"sitmon-dataset\")"
                    : "expected \"sitmon-dataset\", found \"\(format ?? "")\"", at: offset)
        }
        if let version, version != 1 {
            problem("$.version", "unsupported version \(version) (this sitmon reads version 1)", at: offset)
        } else if version == nil {
            problem("$.version", "missing field 'version' (expected 1)", at: offset)
        }
        for section in [Section.dataset, .sources, .actors, .regions, .events, .incidents]
        where !seenSections.contains(section.rawValue) {
            problem("$", "missing section '\(section.key)'", at: offset)
        }
    }

    mutating func decodeSection(_ section: Section) throws(JSONSyntaxError) {
        let path = "$.\(section.key)"
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if section == .dataset {
            guard kind == .object else { return try mismatch(path, expected: "an object", found: kind, at: offset) }
            try decodeInfo()
            return
        }
        guard kind == .array else { return try mismatch(path, expected: "an array", found: kind, at: offset) }
        let isRecords = section == .events || section == .incidents
        let remaining = (feeder.input?.total ?? reader.count) - reader.position
        if isRecords {
            // Room for the records the rest of the file may hold (≈ 440 bytes each in generated data; reserved
            // memory that is never written costs nothing), so the columns do not grow by copying.
            store.reserve(store.count + remaining / 256)
            ids.recordElements.reserveCapacity(store.count + remaining / 256)
        }
        try reader.beginArray()
        if isRecords {
            beginSplitIfWorthIt()
            // The id table sized for the records the rest of the file likely holds (≈ 440 bytes each in generated
            // data), so that it does not grow — rehashing every id — ten times over. Made once the second thread
            // is on its way: its 16 MB (at 1M) written with zeros need not hold up the start of the other half.
            if ids.recordIds.count == 0 { ids.recordIds = RecordIdTable(capacity: remaining / 512) }
        }
        var index = 0
        while try reader.nextElement() {
            feed()
            let elementOffset = reader.valueOffset()
            if isRecords, let split = feeder.recordSplit, elementOffset >= split.start {
                if try joinSplit(at: elementOffset, kind: section == .events ? .event : .incident, firstElement: index)
                {
                    return  // the second thread read the rest of this array
                }
                feed()  // the split is given up: read on past it
            }
            let elementKind = try reader.peek()
            guard elementKind == .object else {
                try mismatch("\(path)[\(index)]", expected: "an object", found: elementKind, at: elementOffset)
                index += 1
                continue
            }
            switch section {
            case .dataset: break
            case .sources: try decodeSource(index)
            case .actors: try decodeActor(index)
            case .relations: try decodeRelation(index)
            case .regions: try decodeRegion(index)
            case .events:
                recordOffsets.append(UInt32(truncatingIfNeeded: elementOffset))
                try decodeRecord(.event, index)
            case .incidents:
                recordOffsets.append(UInt32(truncatingIfNeeded: elementOffset))
                try decodeRecord(.incident, index)
            case .assessments: try decodeAssessment(index)
            }
            index += 1
        }
    }

    /// Streaming: gives the reader the next bytes of the file and releases what it has gone past.
    @inline(__always)
    mutating func feed() {
        feeder.feed(&reader, progress: progress)
    }

    /// Streaming: reads the rest of the file (before checking what follows the document).
    mutating func feedAll() {
        feeder.feedAll(&reader)
    }

    // MARK: Values

    /// Reads a string; a mismatch is recorded and gives nil; `null` gives nil.
    mutating func readString(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> String? {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .string { return reader.string(try reader.readString(keep: false)) }
        if kind == .null { try reader.readNull(); return nil }
        try mismatch(path(), expected: "a string", found: kind, at: offset)
        return nil
    }

    /// Reads a string into the kept text (records' titles and summaries).
    mutating func readKeptText(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> TextRef {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .string {
            let span = try reader.readString(keep: true)
            return TextRef(
                offset: UInt32(truncatingIfNeeded: span.start), length: UInt32(truncatingIfNeeded: span.count))
        }
        if kind == .null { try reader.readNull(); return .none }
        try mismatch(path(), expected: "a string", found: kind, at: offset)
        return .none
    }

    mutating func readNumber(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> Double? {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .number { return try reader.readNumber() }
        if kind == .null { try reader.readNull(); return nil }
        try mismatch(path(), expected: "a number", found: kind, at: offset)
        return nil
    }

    /// Reads a non-negative whole number that fits 32 bits.
    mutating func readCount(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> Int? {
        let offset = reader.valueOffset()
        guard let value = try readNumber(path()) else { return nil }
        // Numbers are named as written: a Double would show 2^53−1 as 9007199254740992.0.
        guard value.rounded() == value else {
            problem(path(), "expected a whole number, found \(reader.textRead(from: offset))", at: offset)
            return nil
        }
        guard value >= 0 else {
            problem(path(), "must not be negative (found \(reader.textRead(from: offset)))", at: offset)
            return nil
        }
        guard value <= Double(Int32.max) else {
            problem(path(), "number out of range: \(reader.textRead(from: offset)) (at most \(Int32.max))", at: offset)
            return nil
        }
        return Int(value)
    }

    mutating func readDate(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> PartialDate? {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return nil }
        guard kind == .string else {
            try mismatch(path(), expected: "a date string (YYYY, YYYY-MM or YYYY-MM-DD)", found: kind, at: offset)
            return nil
        }
        let span = try reader.readString(keep: false)
        if let date = PartialDate.parse(reader.bytes(span)) { return date }
        let text = reader.string(span)
        problem(
            path(), "invalid date \"\(Self.excerpt(text))\" (expected an existing date as YYYY, YYYY-MM or YYYY-MM-DD)",
            at: offset)
        return nil
    }

    mutating func readEnum<E: Vocabulary>(_ type: E.Type, _ path: @autoclosure () -> String)
        throws(JSONSyntaxError) -> E?
    {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return nil }
        guard kind == .string else {
            try mismatch(path(), expected: "a \(E.vocabularyName)", found: kind, at: offset)
            return nil
        }
        let text = reader.string(try reader.readString(keep: false))
        if let value = E(rawValue: text) { return value }
        problem(
            path(), "unknown \(E.vocabularyName) \"\(Self.excerpt(text))\" (expected one of: \(E.allowedValues))",
            at: offset)
        return nil
    }

    mutating func readStrings(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> [String] {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return [] }
        guard kind == .array else {
            try mismatch(path(), expected: "an array of strings", found: kind, at: offset)
            return []
        }
        try reader.beginArray()
        var values: [String] = []
        var k = 0
        while try reader.nextElement() {
            if let s = try readString("\(path())[\(k)]") { values.append(s) }
            k += 1
        }
        return values
    }

    /// Reads an id reference and returns its symbol in `references`.
    mutating func readReference(_ path: @autoclosure () -> String) throws(JSONSyntaxError) -> Int32? {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return nil }
        guard kind == .string else {
            try mismatch(path(), expected: "an id (string)", found: kind, at: offset)
            return nil
        }
        let span = try reader.readString(keep: false)
        return references.intern(reader.bytes(span)).symbol
    }

    /// Where a record's array of id references goes: each reference is added to the open row as it is read, with
    /// no array per record (an array for each of a record's regions, perpetrators and sources: three allocations a
    /// record, a tenth of a 1M load's time went to allocating, reference counting and freeing).
    enum RecordReferences {
        case regions, perpetrators, sources
    }

    /// Reads a record's array of id references (symbols) into the open row; returns how many were added.
    mutating func readRecordReferences(_ target: RecordReferences, _ path: @autoclosure () -> String)
        throws(JSONSyntaxError) -> Int
    {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return 0 }
        guard kind == .array else {
            try mismatch(path(), expected: "an array of ids", found: kind, at: offset)
            return 0
        }
        try reader.beginArray()
        var added = 0
        var k = 0
        while try reader.nextElement() {
            if let s = try readReference("\(path())[\(k)]") {
                switch target {
                case .regions: store.addRegion(s)
                case .perpetrators: store.addActor(s, role: store.perpetratorSymbol)
                case .sources: store.addSource(s)
                }
                added += 1
            }
            k += 1
        }
        return added
    }

    /// Reads a reference of a small table (or of a record's alternative), resolved at the end: its path and place
    /// are kept for the message.
    mutating func readExpectedReference(_ section: Section, _ path: String) throws(JSONSyntaxError) -> Int32? {
        let offset = reader.valueOffset()
        guard let symbol = try readReference(path) else { return nil }
        pending.append(PendingReference(symbol: symbol, expected: section, path: path, offset: offset))
        return symbol
    }

    /// Reads an array of references of a small table, each resolved at the end like `readExpectedReference`.
    mutating func readExpectedReferences(_ section: Section, _ path: String) throws(JSONSyntaxError) -> [Int32] {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        if kind == .null { try reader.readNull(); return [] }
        guard kind == .array else {
            try mismatch(path, expected: "an array of ids", found: kind, at: offset)
            return []
        }
        try reader.beginArray()
        var values: [Int32] = []
        var k = 0
        while try reader.nextElement() {
            if let s = try readExpectedReference(section, "\(path)[\(k)]") { values.append(s) }
            k += 1
        }
        return values
    }

    /// Reads the record's own id and registers it; a duplicate is a problem.
    mutating func readId(_ section: Section, _ index: Int, element: Int? = nil, _ path: @autoclosure () -> String)
        throws(JSONSyntaxError) -> ByteSpan?
    {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        guard kind == .string else {
            try mismatch(path(), expected: "an id (string)", found: kind, at: offset)
            return nil
        }
        let isRecord = section == .events || section == .incidents
        let span = try reader.readString(keep: isRecord)
        let bytes = reader.bytes(span)
        if !Self.isValidId(bytes) {
            problem(
                path(),
                "invalid id \"\(Self.excerpt(reader.string(span)))\" (ids are lowercase letters, digits and . _ : -, "
                    + "starting with a letter or digit, at most 200 characters)", at: offset)
        }
        // The record about to be stored is number `store.count`.
        let hash = RecordIdTable.hash(bytes)
        let base = reader.base
        let first = store.ids.withUnsafeBufferPointer { refs in
            ids.register(
                bytes, hash: hash, section: section, index: index, element: element ?? index,
                record: Int32(store.count), kinds: store.kinds
            ) { Self.key(of: refs[Int($0)], in: base) }
        }
        if let first { problem(path(), duplicateIdMessage(span, first), at: offset) }
        return span
    }

    /// A record's id read but not yet in the id table: the table's slot is fetched from memory while the rest of
    /// the record is read, and the id registered at the record's end (`registerRecordId`).
    struct PendingRecordId {
        var span: ByteSpan
        var hash: UInt32
        /// Where the id is in the file.
        var offset: Int
        /// How many problems there were when the id was read: a duplicate is reported before the record's later
        /// problems, where reading it at once would have put it.
        var mark: Int
    }

    /// Reads a record's own id into the kept text: its span, and the id still to register (nil when there is
    /// nothing to register: a small table's id, reported as a duplicate at once). Nil when it is not a string.
    mutating func readRecordId(_ section: Section, _ index: Int, _ path: @autoclosure () -> String)
        throws(JSONSyntaxError) -> (span: ByteSpan, pending: PendingRecordId?)?
    {
        let offset = reader.valueOffset()
        let kind = try reader.peek()
        guard kind == .string else {
            try mismatch(path(), expected: "an id (string)", found: kind, at: offset)
            return nil
        }
        let span = try reader.readString(keep: true)
        let bytes = reader.bytes(span)
        if !Self.isValidId(bytes) {
            problem(
                path(),
                "invalid id \"\(Self.excerpt(reader.string(span)))\" (ids are lowercase letters, digits and . _ : -, "
                    + "starting with a letter or digit, at most 200 characters)", at: offset)
        }
        let hash = RecordIdTable.hash(bytes)
        if let first = ids.smallOwner(of: bytes, hash: hash) {
            problem(path(), duplicateIdMessage(span, first), at: offset)
            return (span, nil)
        }
        ids.recordIds.prefetch(hash: hash)
        return (span, PendingRecordId(span: span, hash: hash, offset: offset, mark: diagnostics.count))
    }

    /// Registers a record's id read by `readRecordId` as the id of the record about to be stored; a duplicate is a
    /// problem, placed among the record's problems where `readId` would have reported it.
    mutating func registerRecordId(_ id: PendingRecordId, _ path: @autoclosure () -> String) {
        let base = reader.base
        let first = store.ids.withUnsafeBufferPointer { refs in
            ids.registerRecord(
                reader.bytes(id.span), hash: id.hash, record: Int32(store.count), kinds: store.kinds
            ) { Self.key(of: refs[Int($0)], in: base) }
        }
        if let first {
            diagnostics.add(path(), duplicateIdMessage(id.span, first), at: id.offset, before: id.mark)
        }
    }

    func duplicateIdMessage(_ span: ByteSpan, _ first: IdOwner) -> String {
        "duplicate id \"\(Self.excerpt(reader.string(span)))\" (first defined at "
            + "$.\(first.section.key)[\(first.element)])"
    }

    /// The bytes of a kept id.
    @inline(__always)
    static func key(of ref: TextRef, in base: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        ref.isNone
            ? UnsafeBufferPointer(start: nil, count: 0)
            : UnsafeBufferPointer(start: base + Int(ref.offset), count: Int(ref.length))
    }

    static func isValidId(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 0, bytes.count <= 200 else { return false }
        for (k, c) in bytes.enumerated() {
            let alnum = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
            if k == 0 {
                if !alnum { return false }
            } else if !(alnum || c == 0x2E || c == 0x5F || c == 0x3A || c == 0x2D) {
                return false
            }
        }
        return true
    }

    /// "a actor kind" → "an actor kind".
    static func withArticle(_ phrase: String) -> String {
        guard phrase.hasPrefix("a "), let next = phrase.dropFirst(2).first, "aeiou".contains(next) else {
            return phrase
        }
        return "an " + phrase.dropFirst(2)
    }

    /// At most 60 characters of untrusted text for a message.
    /// Control characters and bidirectional controls are shown as `\u{1B}`, so that a message printed to a terminal
    /// can never carry an escape sequence from the data.
    static func excerpt(_ text: String) -> String {
        let short = text.count <= 60 ? text : String(text.prefix(57)) + "..."
        var out = ""
        for scalar in short.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) || (v >= 0x202A && v <= 0x202E)
                || (v >= 0x2066 && v <= 0x2069) || v == 0x200E || v == 0x200F || v == 0x061C
            {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    mutating func unknownField(_ path: @autoclosure () -> String, _ key: ByteSpan) throws(JSONSyntaxError) {
        if diagnostics.isFull {
            diagnostics.countOne()  // a flood of problems: count them without formatting each one
        } else {
            let message = "unknown field '\(Self.excerpt(reader.string(key)))'", at = reader.lastKeyOffset
            problem(path(), message, at: at)
        }
        try reader.skipValue()
    }

    mutating func requireField(_ present: Bool, _ path: String, _ name: String, at offset: Int) {
        if !present { problem(path, "missing required field '\(name)'", at: offset) }
    }

    mutating func requireSources(_ sources: [Int32], _ path: String, at offset: Int) {
        if sources.isEmpty { problem(path + ".sources", "every record must cite at least one source", at: offset) }
    }

    mutating func checkPeriod(
        _ start: PartialDate?, _ end: PartialDate?, _ path: @autoclosure () -> String, at offset: Int
    ) {
        if let start, let end, end.lastDay < start.day {
            problem(path() + ".end", "end \(end) is before start \(start)", at: offset)
        }
    }
}

extension Section {
    var staticKey: StaticString {
        switch self {
        case .dataset: "dataset"
        case .sources: "sources"
        case .actors: "actors"
        case .relations: "relations"
        case .regions: "regions"
        case .events: "events"
        case .incidents: "incidents"
        case .assessments: "assessments"
        }
    }
}
