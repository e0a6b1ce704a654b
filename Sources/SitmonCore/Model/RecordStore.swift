/// Every dated record (events and incidents) in columns: one array per field, text in one arena,
/// repeated strings (roles, places, targets, original types) interned. About 100 bytes a record,
/// so a million records stay compact and every scan is a walk over dense arrays.
public struct RecordStore: Sendable {
    /// The role that marks an incident's perpetrators.
    public static let perpetratorRole = "perpetrator"
    static let noValue: Int32 = -1

    public internal(set) var text: TextStorage
    /// Interned short strings: roles, locations, targets, original types.
    public internal(set) var symbols = SymbolTable(capacity: 256)

    public internal(set) var kinds: [RecordKind] = []
    var ids: [TextRef] = []
    /// First day covered (days since 1970-01-01).
    public internal(set) var starts: [Int32] = []
    var precisions: [DatePrecision] = []
    /// Last day covered: the end date's last day, else the start's.
    public internal(set) var lastDays: [Int32] = []
    /// End dates and times of day (minutes), which few records have: sparse like `notes` (shorter than `count` when
    /// the last records have none, empty when none has one); `Int32.min` and -1 mark a record without.
    var endDays: [Int32] = []
    var endPrecisions: [DatePrecision] = []
    var times: [Int16] = []
    public internal(set) var categories: [Category] = []
    public internal(set) var severities: [Severity] = []
    var titles: [TextRef] = []
    var summaries: [TextRef] = []
    var locations: [Int32] = []
    var targets: [Int32] = []
    var originalTypes: [Int32] = []
    /// Coordinates, read as `Double`s so that a source's six decimals come back exactly as written (35.763369),
    /// kept as millionths of a degree where they come back the same (`CoordinateColumn`).
    var latitudes = CoordinateColumn()
    var longitudes = CoordinateColumn()
    var fatalityBest: [Int32] = []
    /// The low and high estimates (UCDP gives them, ACLED does not): sparse like `notes`, -1 for none.
    var fatalityLow: [Int32] = []
    var fatalityHigh: [Int32] = []
    public internal(set) var actorOffsets: [UInt32] = [0]
    public internal(set) var actorRefs: [Int32] = []
    /// Each actor reference's role symbol, a byte each while the roles are few (`RoleColumn`).
    var actorRoles = RoleColumn()
    public internal(set) var regionOffsets: [UInt32] = [0]
    public internal(set) var regionRefs: [Int32] = []
    public internal(set) var sourceOffsets: [UInt32] = [0]
    public internal(set) var sourceRefs: [Int32] = []
    /// Figures and alternatives, which few records have.
    var extras: [Int32: RecordExtras] = [:]
    /// Curators' notes and notes on the fatalities (UCDP gives both on every row), in the text arena. Like `originOf`,
    /// shorter than `count` when the last records have none, and empty when no record has one.
    var notes: [TextRef] = []
    var fatalityNotes: [TextRef] = []
    /// The source's account of records (imports; `RecordStore+Origin`): per record its origin's slot, or -1.
    /// Shorter than `count` when the last records have none; empty when no record has one.
    var originOf: [Int32] = []
    /// Per slot: its shape, an index into `originShapes` (the fields besides the ids, each distinct combination
    /// once), and where its ids start (`originIdOffsets`, one more entry than slots: slot s's ids are
    /// `originIdOffsets[s]..<originIdOffsets[s + 1]`).
    var originShapeOf: [Int32] = []
    var originIdOffsets: [UInt32] = [0]
    var originShapes: [OriginShape] = []
    /// Finds a shape among `originShapes` while records are added (not saved in a snapshot).
    var originShapeIndex = OriginShapeIndex()
    /// The source ids of all origins: scheme symbols and value text.
    var originIdSchemes: [Int32] = []
    @usableFromInline var originIdValues: [TextRef] = []
    var perpetratorSymbol: Int32
    /// The open row's (actor, role) pairs, once it has more than `scannedParticipations` (scanning them for each
    /// new one was quadratic: 100,000 actors in one imported row).
    private var openRowPairs = Set<Int64>()
    static let scannedParticipations = 16

    public init(text: TextStorage = TextStorage()) {
        self.text = text
        perpetratorSymbol = symbols.intern(RecordStore.perpetratorRole).symbol
    }

    /// Number of records.
    @inlinable public var count: Int { kinds.count }

    /// Gives back the text arena's unused capacity (a finished store).
    public mutating func shrinkText() { text.shrink() }

    /// Reserves room for `n` records.
    public mutating func reserve(_ n: Int) {
        kinds.reserveCapacity(n); ids.reserveCapacity(n); starts.reserveCapacity(n)
        precisions.reserveCapacity(n); lastDays.reserveCapacity(n); categories.reserveCapacity(n)
        severities.reserveCapacity(n); titles.reserveCapacity(n); summaries.reserveCapacity(n)
        locations.reserveCapacity(n); targets.reserveCapacity(n); originalTypes.reserveCapacity(n)
        latitudes.reserveCapacity(n); longitudes.reserveCapacity(n); fatalityBest.reserveCapacity(n)
        actorOffsets.reserveCapacity(n + 1)
        regionOffsets.reserveCapacity(n + 1); sourceOffsets.reserveCapacity(n + 1)
        actorRefs.reserveCapacity(n * 2); actorRoles.reserveCapacity(n * 2); regionRefs.reserveCapacity(n)
        sourceRefs.reserveCapacity(n)
    }

    /// Reserves room for `actors`, `regions` and `sources` references in all (more than `reserve` gives: an
    /// importer that has seen how many a row has).
    package mutating func reserveReferences(actors: Int, regions: Int, sources: Int) {
        actorRefs.reserveCapacity(actors); actorRoles.reserveCapacity(actors)
        regionRefs.reserveCapacity(regions); sourceRefs.reserveCapacity(sources)
    }

    /// Counts of references so far: actors, regions, sources.
    package var referenceCounts: (actors: Int, regions: Int, sources: Int) {
        (actorRefs.count, regionRefs.count, sourceRefs.count)
    }

    /// Interns a short string (role, location, target, original type); nil gives -1.
    package mutating func symbol(_ value: String?) -> Int32 {
        guard let value else { return RecordStore.noValue }
        return symbols.intern(value).symbol
    }

    func symbolString(_ symbol: Int32) -> String? {
        symbol < 0 ? nil : symbols.key(symbol)
    }

    /// The fields of one record whose text is already in `text`; the loader's fast path.
    package struct Row {
        package var kind: RecordKind
        package var id: TextRef
        package var date: PartialDate
        package var end: PartialDate?
        package var time: Int16 = -1
        package var category: Category
        package var severity: Severity
        package var title: TextRef = .none
        package var summary: TextRef = .none
        package var location: Int32 = -1
        package var target: Int32 = -1
        package var originalType: Int32 = -1
        package var latitude: Double = .nan
        package var longitude: Double = .nan
        package var best: Int32 = -1
        package var low: Int32 = -1
        package var high: Int32 = -1

        package init(
            kind: RecordKind, id: TextRef, date: PartialDate, end: PartialDate?, category: Category,
            severity: Severity
        ) {
            self.kind = kind
            self.id = id
            self.date = date
            self.end = end
            self.category = category
            self.severity = severity
        }
    }

    /// Appends a row; the caller then appends its actor, region and source references and calls `closeRow`.
    package mutating func openRow(_ row: Row) {
        let index = count
        kinds.append(row.kind)
        ids.append(row.id)
        starts.append(row.date.day)
        precisions.append(row.date.precision)
        if let end = row.end {
            Self.set(&endDays, index, end.day, absent: Int32.min)
            Self.set(&endPrecisions, index, end.precision, absent: .day)
            lastDays.append(max(row.date.lastDay, end.lastDay))
        } else {
            lastDays.append(row.date.lastDay)
        }
        if row.time >= 0 { Self.set(&times, index, row.time, absent: -1) }
        categories.append(row.category)
        severities.append(row.severity)
        titles.append(row.title)
        summaries.append(row.summary)
        locations.append(row.location)
        targets.append(row.target)
        originalTypes.append(row.originalType)
        latitudes.append(row.latitude)
        longitudes.append(row.longitude)
        fatalityBest.append(row.best)
        if row.low >= 0 { Self.set(&fatalityLow, index, row.low, absent: -1) }
        if row.high >= 0 { Self.set(&fatalityHigh, index, row.high, absent: -1) }
    }

    /// Adds a participation to the open row. The same actor in the same role twice (an incident that lists an actor
    /// in `perpetrators` and again in `actors` as perpetrator) is one participation, not two.
    package mutating func addActor(_ actor: Int32, role: Int32) {
        let rowStart = Int(actorOffsets[actorOffsets.count - 1])
        func pair(_ actor: Int32, _ role: Int32) -> Int64 { Int64(actor) << 32 | Int64(UInt32(bitPattern: role)) }
        if actorRefs.count - rowStart < Self.scannedParticipations {
            for k in rowStart..<actorRefs.count where actorRefs[k] == actor && actorRoles[k] == role { return }
        } else {
            if openRowPairs.isEmpty {
                for k in rowStart..<actorRefs.count { openRowPairs.insert(pair(actorRefs[k], actorRoles[k])) }
            }
            guard openRowPairs.insert(pair(actor, role)).inserted else { return }
        }
        actorRefs.append(actor)
        actorRoles.append(role)
    }

    package mutating func addRegion(_ region: Int32) { regionRefs.append(region) }
    package mutating func addSource(_ source: Int32) { sourceRefs.append(source) }

    package mutating func closeRow() {
        if !openRowPairs.isEmpty { openRowPairs = [] }
        actorOffsets.append(UInt32(truncatingIfNeeded: actorRefs.count))
        regionOffsets.append(UInt32(truncatingIfNeeded: regionRefs.count))
        sourceOffsets.append(UInt32(truncatingIfNeeded: sourceRefs.count))
    }

    /// Appends a whole record.
    public mutating func append(_ record: Record) {
        var row = Row(
            kind: record.kind, id: text.append(record.id), date: record.date, end: record.end,
            category: record.category, severity: record.severity)
        row.time = record.time.map { Int16(clamping: $0) } ?? -1
        row.title = record.hasTitle ? text.append(record.title) : .none
        row.summary = text.append(optional: record.summary)
        row.location = symbol(record.location)
        row.target = symbol(record.target)
        row.originalType = symbol(record.originalType)
        row.latitude = record.latitude ?? .nan
        row.longitude = record.longitude ?? .nan
        if let f = record.fatalities {
            row.best = f.best.map { Int32(clamping: $0) } ?? -1
            row.low = f.low.map { Int32(clamping: $0) } ?? -1
            row.high = f.high.map { Int32(clamping: $0) } ?? -1
        }
        openRow(row)
        for p in record.actors { addActor(p.actor, role: symbol(p.role)) }
        for r in record.regions { addRegion(r) }
        for s in record.sources { addSource(s) }
        closeRow()
        let extra = RecordExtras(figures: record.figures, alternatives: record.alternatives)
        if extra != RecordExtras() { extras[Int32(count - 1)] = extra }
        setNotes(count - 1, fatalitiesNote: record.fatalities?.note, note: record.note)
        if let origin = record.origin, !origin.isEmpty { setOrigin(count - 1, origin) }
    }

    /// Reserves room for the notes (`setNotes`) of `n` records in all.
    package mutating func reserveNotes(_ n: Int) {
        notes.reserveCapacity(n)
        fatalityNotes.reserveCapacity(n)
    }

    /// Gives record `index` a note on its fatalities and a curator's note (nil: none).
    package mutating func setNotes(_ index: Int, fatalitiesNote: String?, note: String?) {
        if let note { Self.set(&notes, index, text.append(note), absent: .none) }
        if let fatalitiesNote { Self.set(&fatalityNotes, index, text.append(fatalitiesNote), absent: .none) }
    }

    /// Gives record `index` notes already in the text arena (the JSON loader); `.none`: none.
    package mutating func setNotes(_ index: Int, fatalitiesNote: TextRef, note: TextRef) {
        if !note.isNone { Self.set(&notes, index, note, absent: .none) }
        if !fatalitiesNote.isNone { Self.set(&fatalityNotes, index, fatalitiesNote, absent: .none) }
    }

    /// Sets `column[index]` of a sparse column, filling the records before it that have none with `absent`.
    private static func set<T>(_ column: inout [T], _ index: Int, _ value: T, absent: T) {
        guard index >= 0 else { return }
        if column.count < index { column.append(contentsOf: repeatElement(absent, count: index - column.count)) }
        if column.count == index { column.append(value) } else { column[index] = value }
    }

    /// Record `i`'s value in a sparse column, or `absent`.
    @inline(__always)
    static func sparse<T>(_ column: [T], _ i: Int, absent: T) -> T { i < column.count ? column[i] : absent }

    /// Record `i`'s time of day in minutes, or -1.
    func time(_ i: Int) -> Int16 { Self.sparse(times, i, absent: -1) }

    /// Record `i`'s text in a sparse column (`notes`, `fatalityNotes`), or nil.
    private func sparseText(_ column: [TextRef], _ i: Int) -> String? {
        i < column.count ? text.optionalString(column[i]) : nil
    }

    /// The curator's note on record `i`.
    public func note(_ i: Int) -> String? { sparseText(notes, i) }

    mutating func setExtras(_ index: Int, _ extra: RecordExtras) {
        if extra != RecordExtras() { extras[Int32(index)] = extra }
    }

    // MARK: Reading

    public func id(_ i: Int) -> String { text.string(ids[i]) }
    public func date(_ i: Int) -> PartialDate { PartialDate(day: starts[i], precision: precisions[i]) }
    public func end(_ i: Int) -> PartialDate? {
        guard i < endDays.count, i < endPrecisions.count, endDays[i] != Int32.min else { return nil }
        return PartialDate(day: endDays[i], precision: endPrecisions[i])
    }
    public func hasTitle(_ i: Int) -> Bool { !titles[i].isNone }
    public func summary(_ i: Int) -> String? { summaries[i].isNone ? nil : text.string(summaries[i]) }
    public func location(_ i: Int) -> String? { symbolString(locations[i]) }
    public func target(_ i: Int) -> String? { symbolString(targets[i]) }
    public func originalType(_ i: Int) -> String? { symbolString(originalTypes[i]) }
    public func titleRef(_ i: Int) -> TextRef { titles[i] }
    public func summaryRef(_ i: Int) -> TextRef { summaries[i] }
    public func locationSymbol(_ i: Int) -> Int32 { locations[i] }

    /// Reported fatalities, or nil when none are given.
    public func fatalities(_ i: Int) -> Fatalities? {
        let b = fatalityBest[i], l = Self.sparse(fatalityLow, i, absent: -1)
        let h = Self.sparse(fatalityHigh, i, absent: -1)
        let note = sparseText(fatalityNotes, i)
        if b < 0 && l < 0 && h < 0 && note == nil { return nil }
        return Fatalities(best: b < 0 ? nil : Int(b), low: l < 0 ? nil : Int(l), high: h < 0 ? nil : Int(h), note: note)
    }

    /// The number of deaths to add up for record `i`.
    @inline(__always)
    public func fatalityCount(_ i: Int) -> Int {
        let b = fatalityBest[i]
        if b >= 0 { return Int(b) }
        let l = Self.sparse(fatalityLow, i, absent: -1)
        if l >= 0 { return Int(l) }
        return max(0, Int(Self.sparse(fatalityHigh, i, absent: -1)))
    }

    public func actors(_ i: Int) -> ArraySlice<Int32> { actorRefs[Int(actorOffsets[i])..<Int(actorOffsets[i + 1])] }
    public func regions(_ i: Int) -> ArraySlice<Int32> { regionRefs[Int(regionOffsets[i])..<Int(regionOffsets[i + 1])] }
    public func sources(_ i: Int) -> ArraySlice<Int32> { sourceRefs[Int(sourceOffsets[i])..<Int(sourceOffsets[i + 1])] }

    /// True when actor `actor` is a perpetrator of record `i`.
    public func isPerpetrator(_ actor: Int32, in i: Int) -> Bool {
        for k in Int(actorOffsets[i])..<Int(actorOffsets[i + 1]) where actorRefs[k] == actor {
            if actorRoles[k] == perpetratorSymbol { return true }
        }
        return false
    }

    public func participations(_ i: Int) -> [Participation] {
        (Int(actorOffsets[i])..<Int(actorOffsets[i + 1])).map {
            Participation(actor: actorRefs[$0], role: symbols.key(actorRoles[$0]))
        }
    }

    /// The whole record `i`. `regionName` derives titles of untitled incidents.
    public func record(_ i: Int, regionName: (Int32) -> String) -> Record {
        let extra = extras[Int32(i)] ?? RecordExtras()
        var r = Record(
            kind: kinds[i], id: id(i), date: date(i), end: end(i),
            time: time(i) < 0 ? nil : Int(time(i)), category: categories[i], severity: severities[i],
            title: "", summary: summary(i), actors: participations(i), regions: Array(regions(i)),
            location: location(i), latitude: coordinate(latitudes[i]),
            longitude: coordinate(longitudes[i]), fatalities: fatalities(i),
            target: target(i), originalType: originalType(i), note: note(i), figures: extra.figures,
            alternatives: extra.alternatives, sources: Array(sources(i)), origin: origin(i))
        r.title = title(i, regionName: regionName)
        r.hasTitle = hasTitle(i)
        return r
    }

    /// The latitude and longitude of record `i`, or nil when it has none.
    public func coordinates(_ i: Int) -> (latitude: Double, longitude: Double)? {
        let latitude = latitudes[i], longitude = longitudes[i]
        return latitude.isNaN || longitude.isNaN ? nil : (latitude, longitude)
    }

    /// A stored coordinate; the shortest decimal that reads back the same is the one written (12.609).
    func coordinate(_ value: Double) -> Double? {
        value.isNaN ? nil : value
    }

    /// The title of record `i`, derived as "Category in Place" when the record has none.
    public func title(_ i: Int, regionName: (Int32) -> String) -> String {
        if !titles[i].isNone { return text.string(titles[i]) }
        let capitalised = Self.titleStem(categories[i])
        if let place = location(i) { return "\(capitalised) in \(place)" }
        if let region = regions(i).first { return "\(capitalised) in \(regionName(region))" }
        return capitalised
    }

    /// The start of the title derived for a record of `category` that has none ("Armed clash").
    static func titleStem(_ category: Category) -> String {
        let what = String(category.rawValue.map { $0 == "-" ? " " : $0 })
        return what.prefix(1).uppercased() + what.dropFirst()
    }
}
