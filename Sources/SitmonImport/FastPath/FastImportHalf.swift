import SitmonCore

/// One thread's share of the import fast path (`FastImport`; ACLED rows here, UCDP GED rows in `+UCDP`): the rows
/// of a byte range of an export turned into records of its own `RecordStore`, whose actor, region and source
/// references are local numbers. Each distinct cell (an actor's name, an admin1 and country, a source list, an event
/// type) is looked up by its bytes and made into strings once. What must be decided in file order across both halves
/// (which spelling names an actor, its kind, the ids given to actors, places and sources) is not decided here: the
/// half logs, in row order, the calls the general path (`ACLEDImporter.append`, `UCDPImporter.read`) would make to
/// `ImportBuilder` for cells it sees for the first time, and the merge replays both logs through one builder, which
/// gives the same dataset as one sequential pass.
///
/// Anything the fast path does not handle exactly as the general path (a bad row, a revised event, invalid UTF-8,
/// a cell it cannot read without the general path's string rules) sets `failed`: the whole file is then imported
/// by the general path.
struct FastImportHalf {
    /// A call to replay through the builder, in row order.
    enum Call {
        /// `ImportBuilder.actor(name, inter:kindHint:)` for a raw actor name: its first sight, or its first sight
        /// with a type code (or kind hint) when the first had none.
        case actor(raw: Int32, inter: ActorClassifier.InterCode?, kindHint: ActorKind?)
        /// `ImportBuilder.region(admin1:country:iso3:line:row:)` at a raw admin1/country pair's first sight
        /// (line and row local to the half).
        case region(raw: Int32, iso3: String?, line: Int, row: Int)
        /// `ImportBuilder.citations(list, note:)` at a raw source list's first sight.
        case citations(list: Int32)
    }

    /// A warning of one row: `phase` orders it among the row's other warnings as the general path emits them.
    struct Warning {
        var row: Int
        var line: Int
        var phase: Int
        var message: String
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let columns: ACLEDImporter.Columns
    /// Set for a UCDP GED export (`FastImportHalf+UCDP`); `columns` is then unused.
    let ucdp: UCDPImporter.Columns?
    /// `ucdp != nil`, tested once a row without copying the columns (binding them copied 378 bytes a row).
    let isUCDP: Bool
    let width: Int
    let delimiter: UInt8
    let jihadist: JihadistGroups
    /// The names' facts, shared with the other half.
    let nameFacts: NameFactsCache
    let aliasJihadists: Bool
    /// The id columns tried, in order, when `columns.id` is blank.
    let otherIdColumns: [(name: String, column: Int)]

    var store = RecordStore()
    private(set) var calls: [Call] = []
    var warnings: [Warning] = []
    /// Events without a location whose title ends with their region's name, known only after the merge.
    private(set) var titlesToFinish: [(record: Int32, what: String, region: Int32)] = []
    private(set) var failed = false
    /// Why the fast path gave up (for the tests).
    private(set) var failure = ""

    /// Rows read (not blank), physical lines and records (blank ones included) consumed so far.
    var rowsRead = 0
    private(set) var lines = 0
    private(set) var rows = 0
    var latest: PartialDate?

    // Actors: raw cell → raw index; raw index → folded key index (-1: blank), name, jihadist, coded logged.
    var rawActors = SymbolTable(capacity: 1024)
    /// The cells `fetchAhead` hashes: ACLED's actors, location, admin1, admin2 and country; UCDP GED's sides,
    /// `where_coordinates`, `adm_1`, `adm_2` and country.
    struct LookAheadColumns {
        var actor1: Int?, actor2: Int?, location: Int?, admin1: Int?, admin2: Int?, country: Int?
    }
    let lookAhead: LookAheadColumns
    /// The hashes of the row's cells looked up in large tables, and the next row's (`fetchAhead`).
    private(set) var hashes = RowHashes()
    private var aheadHashes = RowHashes()
    /// The row's region key (its admin1 and country cells, `appendKeyPart`), and the next row's (`fetchAhead`).
    private var regionKey: [UInt8] = [], aheadRegionKey: [UInt8] = []
    private(set) var rawActorKey: [Int32] = []
    private(set) var rawActorName: [String] = []
    private(set) var rawActorJihadist: [Bool] = []
    private(set) var rawActorFacts: [ActorNameFacts?] = []
    private var rawActorCodeLogged: [Bool] = []
    private var actorKeys: [String: Int32] = [:]
    private(set) var actorKeyCount = 0
    /// Associated-actor cells → their raw actor indexes (the cell's `;`-separated list, repeats dropped).
    private var assocCells = SymbolTable(capacity: 256)
    private var assocLists: [[Int32]] = []

    // Regions: raw admin1 and country cells (`appendKeyPart`) → raw region index (-1: no region), strings per raw index.
    private var rawRegions = SymbolTable(capacity: 1024)
    private var rawRegionIndex: [Int32] = []
    private(set) var rawRegionNames: [(admin1: String, country: String)] = []

    // Sources: raw list → list index; each list's publications as local publication indexes.
    private var rawLists = SymbolTable(capacity: 1024)
    private(set) var listStrings: [String] = []
    private(set) var listPublications: [[Int32]] = []
    private var publicationKeys: [String: Int32] = [:]
    private(set) var publicationCount = 0

    // Caches by bytes in front of the general path's caches by string.
    private var interCells = SymbolTable(capacity: 64)
    private var interCodes: [ActorClassifier.InterCode?] = []
    private var interByText: [String: ActorClassifier.InterCode?] = [:]
    private var typeCells = SymbolTable(capacity: 256)
    private var typeValues: [(category: Category?, original: Int32)] = []
    private var typeByText: [ACLEDImporter.TypeKey: (category: Category?, original: String?)] = [:]
    /// Events' titles ("Peaceful protest in Town 17") by event type cell and place symbol: written once, shared by
    /// the records that have the same.
    private var eventTitles = EventTitleTable()
    /// UCDP's notes on the deaths, written once each (`+UCDP`): the notes' bytes, and the text of note k.
    var notes = SymbolTable(capacity: 64)
    var noteRefs: [TextRef] = []
    /// A UCDP row's id, note and summary as they are put together (`+UCDP`).
    var rawIdScratch: [UInt8] = []
    var noteScratch: [UInt8] = []
    var summaryScratch: [UInt8] = []
    /// A hash of each record id: sorted at the end of the half, two equal ones mean an event read twice (a revision,
    /// left to the general path; two ids of the same hash would be sent there too, with no harm but time).
    var idHashes: [Int] = []

    /// The bounds of the row being taken (`field`); the next row's are cut into `aheadFields` meanwhile (`read`).
    private(set) var fields = FieldBounds()
    private var aheadFields = FieldBounds()
    /// The last row's origin, given to the store when the next row's is made (`appendOrigin`, `flushOrigin`).
    var pendingOrigin: (index: Int, row: OriginRow)?
    /// The previous row's cell and symbol in the columns `OriginMemo` names.
    var cellMemos = [CellMemo](repeating: CellMemo(), count: OriginMemo.count)
    private let scratch = ScratchBuffer()
    private var keyScratch: [UInt8] = []
    var idScratch: [UInt8] = []
    var participantKeys: [Int32] = []
    private var participantSlots: [UInt8] = []
    private var participantSet = Set<Int32>()
    private var jihadistTaking = false
    private let idSchemes: [Int32]
    /// UCDP's origin id schemes and original types, interned once.
    struct UCDPSymbols {
        var id: Int32, relid: Int32
        var violenceTypes: [Int32]
    }
    let ucdpSymbols: UCDPSymbols
    /// "day", "week", "month": ACLED's time precisions 1, 2 and 3.
    private let precisionSymbols: [Int32]
    let perpetratorRole: Int32, targetRole: Int32, actorRole: Int32, associatedRole: Int32
    let civiliansSymbol: Int32

    init(
        bytes: UnsafeBufferPointer<UInt8>, columns: ACLEDImporter.Columns, ucdp: UCDPImporter.Columns? = nil,
        header: [String: Int], width: Int, delimiter: UInt8, jihadist: JihadistGroups, nameFacts: NameFactsCache,
        expectedActors actors: Int
    ) {
        self.ucdp = ucdp
        isUCDP = ucdp != nil
        lookAhead =
            ucdp.map {
                LookAheadColumns(
                    actor1: $0.sideA, actor2: $0.sideB, location: $0.whereCoordinates, admin1: $0.adm1,
                    admin2: $0.adm2, country: $0.country)
            }
            ?? LookAheadColumns(
                actor1: columns.actor1, actor2: columns.actor2, location: columns.location, admin1: columns.admin1,
                admin2: columns.admin2, country: columns.country)
        otherIdColumns = ["data_id", "event_id_no_cnty"].compactMap { name in
            header[name].flatMap { $0 == columns.id ? nil : (name, $0) }
        }
        self.bytes = bytes
        self.columns = columns
        self.width = width
        self.delimiter = delimiter
        self.jihadist = jihadist
        self.nameFacts = nameFacts
        aliasJihadists = jihadist == .default
        perpetratorRole = store.symbol(RecordStore.perpetratorRole)
        targetRole = store.symbol("target")
        actorRole = store.symbol("actor")
        associatedRole = store.symbol("associated")
        civiliansSymbol = store.symbol("civilians")
        var store = self.store
        idSchemes = columns.idColumns.map { store.symbol($0.name) }
        precisionSymbols = ["day", "week", "month"].map { store.symbol($0) }
        ucdpSymbols =
            ucdp == nil
            ? UCDPSymbols(id: -1, relid: -1, violenceTypes: [])
            : UCDPSymbols(
                id: store.symbol("id"), relid: store.symbol("relid"),
                violenceTypes: UCDPImporter.violenceTypes.map { store.symbol($0) })
        self.store = store
        actorKeys.reserveCapacity(actors)
        rawActorKey.reserveCapacity(actors)
        rawActorName.reserveCapacity(actors)
        rawActorJihadist.reserveCapacity(actors)
        rawActorFacts.reserveCapacity(actors)
        rawActorCodeLogged.reserveCapacity(actors)
    }

    /// The actors the tables of a half (`init(expectedActors:)`) are reserved for, in a file of about `rows` rows:
    /// one in 64 rows (a 1M-row export of 20,000 actors has one in 50), at most 32,768. Grown by doubling, they
    /// were copied and rehashed as the actors came (0.7 % of that export's CPU, with the names' facts).
    static func expectedActors(rows: Int) -> Int { min(rows / 64, 1 << 15) }

    /// Starts the count of lines and rows after the header (the first half) or at 0 (the second).
    mutating func start(lines: Int, rows: Int) {
        self.lines = lines
        self.rows = rows
    }

    /// Moves the store out (the merge takes it without a copy).
    mutating func takeStore() -> RecordStore {
        flushOrigin()
        defer { store = RecordStore() }
        return store
    }

    mutating func fail(_ why: String) {
        if !failed { failure = why }
        failed = true
    }

    // MARK: Fields

    /// Field `column` of the current row as bytes: in place in the file, or for a quoted field holding `""`
    /// unescaped into the half's scratch buffer (valid until the next such field is read). Empty when absent.
    @inline(__always)
    func field(_ column: Int?) -> UnsafeBufferPointer<UInt8> {
        guard let column, 2 * column + 1 < fields.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = Int(fields[2 * column]), rawEnd = fields[2 * column + 1]
        let end = Int(rawEnd & ~CSVRow.escaped)
        if rawEnd & CSVRow.escaped == 0 { return UnsafeBufferPointer(rebasing: bytes[start..<end]) }
        return scratch.unescape(bytes, start, end)
    }

    /// Field `column` when it needs no trimming (`String.trimmingSpaces` would leave it as it is) and is read in
    /// place (not a quoted field holding quotes, whose bytes last only until the next such field): valid for the
    /// whole row. Empty when absent or empty; nil otherwise.
    @inline(__always)
    func plainCell(_ column: Int?) -> UnsafeBufferPointer<UInt8>? {
        guard let column, 2 * column + 1 < fields.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let rawEnd = fields[2 * column + 1]
        guard rawEnd & CSVRow.escaped == 0 else { return nil }
        let cell = UnsafeBufferPointer(rebasing: bytes[Int(fields[2 * column])..<Int(rawEnd)])
        if let first = cell.first, let last = cell.last, Self.isTrimByte(first) || Self.isTrimByte(last) { return nil }
        return cell
    }

    /// Field `column` as a string ("" when the column is absent). Inline, as `trimmed`: called from the half's
    /// mutating methods, an outlined call took a copy of the whole half (2 KB) each time.
    @inline(__always)
    func string(_ column: Int?) -> String { String(decoding: field(column), as: UTF8.self) }

    /// Field `column` trimmed as `String.trimmingSpaces` trims it.
    @inline(__always)
    func trimmed(_ column: Int?) -> String { string(column).trimmingSpaces }

    @inline(__always)
    static func isTrimByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// True when every field of the row holds only spaces and tabs (`CSVRow.isBlank`).
    var rowIsBlank: Bool { Self.isBlank(fields, in: bytes) }

    /// True when every field (start and end offsets in `bytes`) holds only spaces and tabs.
    static func isBlank<Fields: RandomAccessCollection<UInt32>>(
        _ fields: Fields, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool where Fields.Index == Int {
        stride(from: 0, to: fields.count, by: 2).allSatisfy { k in
            bytes[Int(fields[k])..<Int(fields[k + 1] & ~CSVRow.escaped)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
        }
    }

    // MARK: Rows

    /// Reads the rows from `start` that end at or before `stop` (or the end of the text); returns where the next
    /// row starts. A row is taken once the next one is cut: the slots of the tables its cells are looked up in are
    /// fetched a row ahead (`fetchAhead`), as they are hundreds of kilobytes to megabytes, read at random.
    /// `progress` is told of every 4,096 rows (`helper`: through its second counter). The text is read from `file`
    /// a chunk ahead of the rows (`fillChunk` bytes; up to `stop` only, which is where the other thread's share
    /// begins), and the pages parsed are given back as it goes (`fileOffset`: where the text starts in the file,
    /// after a BOM). Without a file the bytes are all there already.
    mutating func read(
        from start: Int, stop: Int, file: FileBuffer?, fileOffset: Int, fillChunk: Int = FillCursor.defaultChunk,
        progress: LoadProgress?, helper: Bool, cancelled: () -> Bool
    ) -> Int {
        var position = start
        let end = bytes.count
        var released = start
        var unreported = 0
        var cursor = FillCursor(file: file, fileOffset: fileOffset, from: start, limit: stop, chunk: fillChunk)
        // The row cut last and not taken yet (its bounds in `aheadFields`).
        var pending: (range: Range<Int>, line: Int, number: Int, isLast: Bool)?
        while position < end && position < stop && !failed {
            let rowStart = position
            cursor.fill(ahead: position)
            var next = 0, breaks = 0
            while !cursor.failed {
                // Up to what has been read; once the share is read whole, to the end of the text: a row that runs
                // past `stop` is then seen to (its bytes past `stop` are the other thread's, read or given back).
                if cursor.isComplete && file?.readFailed == true { break }
                let scanEnd = cursor.isComplete ? end : cursor.filled
                fields.removeAll()
                var sink = fields
                (next, breaks) = CSVByteReader.scanRow(
                    bytes, from: position, end: scanEnd, delimiter: delimiter, into: &sink)
                // A row that reaches what has been read may go on past it (or end in a CR whose LF is not read yet).
                if next < scanEnd || scanEnd == end { break }
                cursor.grow(rowStart: rowStart)
            }
            if cursor.failed || file?.readFailed == true { fail("the file could not be read"); break }
            // A row that runs past `stop` is the second half's business, or the split fell inside it: it is not
            // taken here.
            if next > stop && stop < end { break }
            position = next
            let line = lines + 1
            rows += 1
            lines += 1 + breaks
            let row = rowIsBlank ? nil : (range: rowStart..<next, line: line, number: rows, isLast: next >= end)
            swapAhead()
            if row != nil { fetchAhead() }
            swap(&fields, &aheadFields)
            if let pending { take(pending.range, line: pending.line, number: pending.number, isLast: pending.isLast) }
            pending = row
            // Its slots were fetched while the row before it was taken: the keys they point to are fetched while
            // the next row is cut.
            if row != nil { fetchKeysAhead(aheadHashes) }
            unreported += 1
            if rowsRead == 2048 && store.count == 2048 {
                // Room for the rest, from the first rows' size: growing by doubling would copy every column and
                // leave up to half unused. The first half makes room for the whole file, where the second half's
                // records are appended (room not written to takes no memory).
                let perRow = Double(position - start) / 2048
                let expected = Int(Double(end - start) / perRow * 1.1) + 1024
                store.reserve(expected)
                // References per row as in the first rows (a row cites several sources): growing a column by
                // doubling while the second half is appended would hold both copies at once.
                let counts = store.referenceCounts, scale = Double(expected) / 2048 * 1.1
                store.reserveReferences(
                    actors: Int(Double(counts.actors) * scale), regions: Int(Double(counts.regions) * scale),
                    sources: Int(Double(counts.sources) * scale))
                store.reserveText(Int(Double(store.textCount) / 2048 * Double(expected) * 1.15))
                idHashes.reserveCapacity(expected)
                store.reserveOrigins(expected)
                if ucdp != nil { store.reserveNotes(expected / 2) }
            }
            if unreported == 4096 {
                unreported = 0
                if let progress {
                    progress.add(records: 4096)
                    if helper { progress.set(helperBytes: position - start) } else { progress.set(bytes: position) }
                }
                // Every chunk or so (8 MB; at least 64 KB when tests read a few bytes at a time).
                if position - released >= max(fillChunk, 64 << 10) {
                    file?.release((released + fileOffset)..<(rowStart + fileOffset))
                    released = rowStart
                }
                if cancelled() { fail("cancelled"); break }
            }
        }
        if let row = pending, !failed {
            swapAhead()
            swap(&fields, &aheadFields)
            take(row.range, line: row.line, number: row.number, isLast: row.isLast)
        }
        flushOrigin()
        progress?.add(records: unreported)
        // The text read is not needed again (the merge works from the records and strings made of it).
        file?.release((released + fileOffset)..<(position + fileOffset), keep: false)
        if !failed {
            RadixSort.sort(&idHashes)
            if zip(idHashes, idHashes.dropFirst()).contains(where: { $0 == $1 }) {
                fail("an event id twice (a revision)")
            }
        }
        return position
    }

    /// Makes the hashes and region key `fetchAhead` made of the row cut last those of the row to take.
    private mutating func swapAhead() {
        swap(&hashes, &aheadHashes)
        swap(&regionKey, &aheadRegionKey)
    }

    /// One row that is not blank (its bounds in `fields`, its `hashes` and `regionKey` made by `fetchAhead`).
    mutating func take(_ range: Range<Int>, line: Int, number: Int, isLast: Bool) {
        rowsRead += 1
        if isUCDP { return takeUCDP(range, line: line, number: number) }
        guard isWellFormed(range, number: number) else { return }
        // The checks of `ACLEDImporter.check`; a row it would skip, report or merge is left to the general path.
        if !recordId() { return fail("row \(number): no event id") }
        // The common spellings read from the bytes (`2021-05-24`, `1`, `3`), anything else as the general path reads it.
        guard var date = ImportDate.iso(field(columns.date)) ?? ImportDate.parse(string(columns.date)) else {
            return fail("row \(number): date")
        }
        let precisionCell = field(columns.timePrecision)
        let digit =
            precisionCell.count == 1 && precisionCell[0] &- UInt8(ascii: "0") <= 9
            ? Int(precisionCell[0] &- UInt8(ascii: "0")) : nil
        let precisionText = digit.map { Self.digitStrings[$0] } ?? trimmed(columns.timePrecision)
        // The text's value, read once (the origin's date precision is by it too).
        let precision = digit ?? Int(precisionText)
        if precision == 3 { date = PartialDate(year: date.year, month: date.month) ?? date }
        var fatalities = 0
        if let n = Self.plainCount(field(columns.fatalities)) {
            fatalities = n
        } else if case let fatalitiesText = trimmed(columns.fatalities), !fatalitiesText.isEmpty {
            guard let n = ACLEDImporter.count(fatalitiesText) else { return fail("row \(number): fatalities") }
            fatalities = n
        } else if isLast {
            // The general path may take a last row without fatalities for one cut short.
            return fail("row \(number): last row without fatalities")
        }
        rememberRecordId()
        append(
            date: date, fatalities: fatalities, precisionText: precisionText, precision: precision, line: line,
            number: number)
        if latest.map({ date > $0 }) ?? true { latest = date }
    }

    /// The hashes of a row's cells that are looked up in tables of thousands to hundreds of thousands of keys,
    /// where a look-up waits on two reads from memory: the slot, then the key's bytes.
    struct RowHashes {
        var actor1: UInt32 = 0, actor2: UInt32 = 0
        var location: UInt32 = 0, admin1: UInt32 = 0, admin2: UInt32 = 0
        var region: UInt32 = 0
    }

    /// Hashes the actor, place and region cells (`lookAhead`) of the row just cut (its bounds in `fields`) into
    /// `aheadHashes` and `aheadRegionKey`, and starts fetching their slots: they arrive while the row before it is
    /// taken, and `fetchKeysAhead` then fetches the keys they point to. The look-ups reuse the hashes.
    @inline(__always)
    mutating func fetchAhead() {
        let columns = lookAhead
        aheadHashes.actor1 = SymbolTable.hash(field(columns.actor1))
        aheadHashes.actor2 = SymbolTable.hash(field(columns.actor2))
        aheadHashes.location = SymbolTable.hash(field(columns.location))
        aheadHashes.admin1 = SymbolTable.hash(field(columns.admin1))
        aheadHashes.admin2 = SymbolTable.hash(field(columns.admin2))
        aheadRegionKey.removeAll(keepingCapacity: true)
        Self.appendKeyPart(field(columns.admin1), to: &aheadRegionKey)
        Self.appendKeyPart(field(columns.country), to: &aheadRegionKey)
        aheadHashes.region = aheadRegionKey.withUnsafeBufferPointer { SymbolTable.hash($0) }
        rawActors.prefetch(hash: aheadHashes.actor1)
        rawActors.prefetch(hash: aheadHashes.actor2)
        store.prefetchSymbol(hash: aheadHashes.location)
        store.prefetchSymbol(hash: aheadHashes.admin1)
        store.prefetchSymbol(hash: aheadHashes.admin2)
        rawRegions.prefetch(hash: aheadHashes.region)
    }

    /// The second step of `fetchAhead`, once the slots are in: fetches the keys they point to.
    @inline(__always)
    mutating func fetchKeysAhead(_ hashes: RowHashes) {
        rawActors.prefetchKey(hash: hashes.actor1)
        rawActors.prefetchKey(hash: hashes.actor2)
        store.prefetchSymbolKey(hash: hashes.location)
        store.prefetchSymbolKey(hash: hashes.admin1)
        store.prefetchSymbolKey(hash: hashes.admin2)
        rawRegions.prefetchKey(hash: hashes.region)
    }

    /// "0" to "9", made once.
    static let digitStrings = (0...9).map { String($0) }

    /// The count a cell of one to nine ASCII digits holds (what `ACLEDImporter.count` reads it as), else nil.
    @inline(__always)
    static func plainCount(_ cell: UnsafeBufferPointer<UInt8>) -> Int? {
        guard cell.count >= 1 && cell.count <= 9 else { return nil }
        var value = 0
        for b in cell {
            let digit = b &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            value = value &* 10 &+ Int(digit)
        }
        return value
    }

    /// Keeps a hash of the record id in `idScratch` (two equal ones decline the file: `read`; ids made to hash
    /// alike only send the file to the general path, which compares the ids themselves).
    mutating func rememberRecordId() {
        idHashes.append(
            Int(truncatingIfNeeded: idScratch.withUnsafeBufferPointer { RecordIdTable.hash64($0) }))
    }

    /// True when the row has the header's number of fields (extra ones empty) and is valid UTF-8; else the file
    /// is left to the general path, which reports the row (`ImportContext.shapeProblem`).
    mutating func isWellFormed(_ range: Range<Int>, number: Int) -> Bool {
        let count = fields.count / 2
        if count < width {
            fail("row \(number): \(count) fields")
            return false
        }
        if count > width && (width..<count).contains(where: { fields[2 * $0 + 1] & ~CSVRow.escaped > fields[2 * $0] }) {
            fail("row \(number): extra fields")
            return false
        }
        if !UTF8Check.isValid(UnsafeBufferPointer(rebasing: bytes[range])) {
            fail("row \(number): invalid UTF-8")
            return false
        }
        return true
    }

    /// Puts the row's record id (`acled-` and the event id made safe) in `idScratch`; false when the row has no
    /// event id.
    mutating func recordId() -> Bool {
        idScratch.removeAll(keepingCapacity: true)
        idScratch += Self.idPrefix.utf8
        let cell = field(columns.id)
        if !cell.isEmpty && !Self.isTrimByte(cell[0]) && !Self.isTrimByte(cell[cell.count - 1])
            && !cell.contains(UInt8(ascii: ":"))
        {
            ImportText.appendIdSafe(cell, to: &idScratch)
            return true
        }
        var eventId = trimmed(columns.id)
        if eventId.isEmpty {
            // A blank event_id_cnty: the event goes under its other id (data_id, else event_id_no_cnty).
            for (name, column) in otherIdColumns {
                let other = trimmed(column)
                if !other.isEmpty { eventId = name + ":" + other; break }
            }
        }
        if eventId.isEmpty { return false }
        let idText = eventId.split(separator: ":", maxSplits: 1).last.map(String.init) ?? eventId
        ImportText.appendIdSafe(idText.utf8, to: &idScratch)
        return true
    }

    /// What `recordId` puts before the event id (a small string: no reference count to pay per row).
    static let idPrefix = "acled-"
    static let civilian = Array("civilian".utf8)

    /// The record of a checked row (`ACLEDImporter.append` for one row of the dyadic layout).
    mutating func append(
        date: PartialDate, fatalities: Int, precisionText: String, precision: Int?, line: Int, number: Int
    ) {
        let inter1 = interCode(columns.inter1)
        let inter2 = interCode(columns.inter2)
        let rioters = inter1 == .rioters || inter2 == .rioters
        let type = eventType(rioters: rioters)
        if type.category == nil {
            let eventType = trimmed(columns.eventType)
            warnings.append(
                Warning(
                    row: number, line: line, phase: 0,
                    message: "unknown event type \"\(ImportText.excerpt(eventType))\" (category other)"))
        }
        let category = type.category ?? .other

        // Actors, each once per record (by folded name), first role kept.
        participantKeys.removeAll(keepingCapacity: true)
        participantSlots.removeAll(keepingCapacity: true)
        if !participantSet.isEmpty { participantSet = [] }
        jihadistTaking = false
        if let raw = actor(columns.actor1, hash: hashes.actor1, inter: inter1, kindHint: nil) {
            addParticipant(raw, slot: 1)
        }
        if let raw = actor(columns.actor2, hash: hashes.actor2, inter: inter2, kindHint: nil) {
            addParticipant(raw, slot: 2)
        }
        for raw in associated(columns.assoc1) { addParticipant(raw, slot: 3) }
        for raw in associated(columns.assoc2) { addParticipant(raw, slot: 3) }
        let kind: RecordKind = category.isViolent || jihadistTaking ? .incident : .event

        let civilians = inter2 == .civilians || targetsCivilians()
        let region = self.region(line: line, number: number)
        let coordinates = coordinates(columns.latitude, columns.longitude)
        if let problem = coordinates.problem {
            warnings.append(Warning(row: number, line: line, phase: 2, message: problem))
        }
        let list = sources()
        let locationSymbol = symbol(trimmed: columns.location, hash: hashes.location)
        let cell = field(columns.notes)
        var summary = TextRef.none
        if !cell.isEmpty && !Self.isTrimByte(cell[0]) && !Self.isTrimByte(cell[cell.count - 1]) {
            summary = store.appendText(cell)
        } else {
            let text = trimmed(columns.notes)  // trimmed as a string (a CR LF is one character there)
            if !text.isEmpty { summary = appendText(text) }
        }

        var finalKind = kind
        var title: String?
        var location = ""
        var sharedTitle: TextRef?
        // An event with a place (a symbol: its trimmed name is not blank) whose type and place were seen before.
        let titleKey = Int64(type.cell) << 32 | Int64(UInt32(bitPattern: locationSymbol))
        if kind == .event && locationSymbol >= 0 { sharedTitle = eventTitles[titleKey] }
        if sharedTitle == nil && (kind == .event || region == nil) {
            location = locationSymbol < 0 ? "" : trimmed(columns.location)
        }
        if sharedTitle == nil && kind == .event {
            let sub = trimmed(columns.subEventType)
            let what = sub.isEmpty ? trimmed(columns.eventType) : sub
            let head = what.isEmpty ? "Event" : what
            if !location.isEmpty {
                title = head + " in " + location
            } else if let region {
                titlesToFinish.append((Int32(store.count), head, region))
                title = head  // finished after the merge
            } else {
                title = head
            }
        }
        let severity = Severity.derived(kind: kind, category: category, fatalities: fatalities)
        if kind == .incident && region == nil {
            warnings.append(
                Warning(
                    row: number, line: line, phase: 4,
                    message: "no admin1 or country: imported as an event without region"))
            finalKind = .event
            title = category.rawValue + (location.isEmpty ? "" : " in \(location)")
        }
        let id = idScratch.withUnsafeBufferPointer { store.appendText($0) }
        var row = RecordStore.Row(
            kind: finalKind, id: id, date: date, end: nil, category: category, severity: severity)
        if let sharedTitle {
            row.title = sharedTitle
        } else if let title {
            row.title = appendText(title)
            if finalKind == .event && kind == .event && !location.isEmpty { eventTitles[titleKey] = row.title }
        }
        row.summary = summary
        row.location = locationSymbol
        row.target = civilians ? civiliansSymbol : -1
        row.originalType = type.original
        if let value = coordinates.value {
            row.latitude = value.0
            row.longitude = value.1
        }
        row.best = Int32(clamping: fatalities)
        store.openRow(row)
        for (key, slot) in zip(participantKeys, participantSlots) {
            let role: Int32
            switch slot {
            case 1: role = kind == .incident ? perpetratorRole : actorRole
            case 2: role = kind == .incident ? targetRole : actorRole
            default: role = associatedRole
            }
            store.addActor(key, role: role)
        }
        if let region { store.addRegion(region) }
        store.addSource(0)
        for publication in listPublications[Int(list)] { store.addSource(publication + 1) }
        store.closeRow()
        appendOrigin(precisionText, precision: precision, recordId: id)
    }

    /// Adds an actor to the row's participants unless its folded name is there already.
    mutating func addParticipant(_ raw: Int32, slot: UInt8) {
        let key = rawActorKey[Int(raw)]
        guard key >= 0 else { return }
        // Linear for the few actors of a row; a set past 16 (100,000 actors in one cell must not be quadratic).
        if participantKeys.count < 16 {
            if participantKeys.contains(key) { return }
        } else {
            if participantSet.isEmpty { participantSet = Set(participantKeys) }
            guard participantSet.insert(key).inserted else { return }
        }
        participantKeys.append(key)
        participantSlots.append(slot)
        if rawActorJihadist[Int(raw)] { jihadistTaking = true }
    }

    /// `ImportBuilder.coordinates` for the row's latitude and longitude cells: read from their bytes when both are
    /// plain decimals within range (`PlainDecimal`), else as strings by the general reading, which words the problem.
    /// Each cell is read before the next is fetched: a quoted cell's unescaped bytes last only until then.
    func coordinates(_ latitudeColumn: Int?, _ longitudeColumn: Int?) -> (value: (Double, Double)?, problem: String?) {
        let latitude = PlainDecimal.value(field(latitudeColumn))
        let longitude = PlainDecimal.value(field(longitudeColumn))
        if let latitude, let longitude, (-90...90).contains(latitude), (-180...180).contains(longitude) {
            return ((latitude, longitude), nil)
        }
        return ImportBuilder.coordinates(string(latitudeColumn), string(longitudeColumn))
    }

    /// The end of the record id `id` past `prefix` bytes (`acled-`, `ucdp-`), when it is `cell` as written (an id
    /// that needed no change): the origin's id then shares the record id's text rather than being written again.
    @inline(__always)  // an outlined call copied the whole half (`string`)
    func recordIdSuffix(_ id: TextRef, prefix: Int, equals cell: UnsafeBufferPointer<UInt8>) -> TextRef? {
        guard idScratch.count == prefix + cell.count,
            idScratch.withUnsafeBufferPointer({ UnsafeBufferPointer(rebasing: $0[prefix...]).elementsEqual(cell) })
        else { return nil }
        return TextRef(offset: id.offset + UInt32(prefix), length: UInt32(cell.count))
    }

    mutating func appendText(_ text: String) -> TextRef {
        var copy = text
        return copy.withUTF8 { store.appendText($0) }
    }

    /// The symbol of a field trimmed as `String.trimmingSpaces` trims it; -1 when blank or absent.
    mutating func symbol(trimmed column: Int?) -> Int32 {
        guard column != nil else { return -1 }
        return symbol(trimmed: column, hash: SymbolTable.hash(field(column)))
    }

    /// `symbol(trimmed:)` of a cell whose bytes hash to `hash`.
    @inline(__always)
    mutating func symbol(trimmed column: Int?, hash: UInt32) -> Int32 {
        guard column != nil else { return -1 }
        let cell = field(column)
        if cell.isEmpty { return -1 }
        if !Self.isTrimByte(cell[0]) && !Self.isTrimByte(cell[cell.count - 1]) {
            return store.symbol(bytes: cell, hash: hash)
        }
        let text = trimmed(column)
        return text.isEmpty ? -1 : store.symbol(text)
    }

    /// What the export says about the event (`ACLEDImporter.origin` for one row), in the store's origin columns
    /// (`precision`: the value `precisionText` spells, if any).
    mutating func appendOrigin(_ precisionText: String, precision: Int?, recordId: TextRef) {
        flushOrigin()
        var row = OriginRow(idStart: UInt32(truncatingIfNeeded: store.originIdCount), idCount: 0)
        for (k, id) in columns.idColumns.enumerated() {
            let cell = field(id.column)
            var value = TextRef.none
            if !cell.isEmpty && !Self.isTrimByte(cell[0]) && !Self.isTrimByte(cell[cell.count - 1]) {
                value =
                    recordIdSuffix(recordId, prefix: Self.idPrefix.utf8.count, equals: cell) ?? store.appendText(cell)
            } else {
                let text = trimmed(id.column)
                if !text.isEmpty { value = appendText(text) }
            }
            if !value.isNone {
                store.addOriginId(scheme: idSchemes[k], value: value)
                row.idCount += 1
            }
        }
        if !precisionText.isEmpty {
            switch precision {
            case 1: row.datePrecision = precisionSymbols[0]
            case 2: row.datePrecision = precisionSymbols[1]
            case 3: row.datePrecision = precisionSymbols[2]
            default: row.datePrecision = store.symbol("time_precision " + precisionText)
            }
        }
        row.geoPrecision = symbol(trimmed: columns.geoPrecision, memo: OriginMemo.geoPrecision)
        row.admin1 = symbol(trimmed: columns.admin1, hash: hashes.admin1)
        row.admin2 = symbol(trimmed: columns.admin2, hash: hashes.admin2)
        row.admin3 = symbol(trimmed: columns.admin3, memo: OriginMemo.admin3)
        row.sourceScale = symbol(trimmed: columns.sourceScale, memo: OriginMemo.sourceScale)
        row.tags = tagsSymbol()
        if row != OriginRow(idStart: row.idStart, idCount: 0) {
            // Given to the store with the next row's origin: its shape's entry is fetched meanwhile.
            store.prefetchOrigin(row)
            pendingOrigin = (store.count - 1, row)
        }
    }

    /// Gives the store the origin `appendOrigin` left pending (before the next row's ids, or at the end).
    mutating func flushOrigin() {
        guard let (index, row) = pendingOrigin else { return }
        pendingOrigin = nil
        store.setOriginRow(index, row)
    }

    /// The columns whose previous cell `symbol(trimmed:memo:)` remembers.
    enum OriginMemo {
        static let geoPrecision = 0, admin3 = 1, sourceScale = 2, tags = 3, datePrecision = 4, count = 5
    }

    /// The symbol of a field trimmed, as `symbol(trimmed:)` gives it; a cell with the same bytes as the previous
    /// row's in that column (`memo`) takes the previous symbol without a lookup. Precisions, scales, tags and admin3
    /// repeat from row to row in real exports (geo_precision in two rows of three).
    mutating func symbol(trimmed column: Int?, memo: Int) -> Int32 {
        guard column != nil else { return -1 }
        return remembered(memo, column) { $0.symbol(trimmed: column) }
    }

    /// The symbol of the row's tags joined by `RecordStore.tagSeparator` (-1 for none), remembered as a cell is.
    mutating func tagsSymbol() -> Int32 {
        guard columns.tags != nil, !field(columns.tags).isEmpty else { return -1 }
        return remembered(OriginMemo.tags, columns.tags) { half in
            let tags = ImportText.list(half.string(half.columns.tags))
            return tags.isEmpty ? -1 : half.store.symbol(tags.joined(separator: RecordStore.tagSeparator))
        }
    }

    /// `make`'s symbol for the row's cell in `column`, or the previous row's when the cell holds the same bytes
    /// (`cellMemos[memo]`).
    @inline(__always)
    mutating func remembered(_ memo: Int, _ column: Int?, _ make: (inout FastImportHalf) -> Int32) -> Int32 {
        if let known = cellMemos[memo].symbol(for: field(column)) { return known }
        let symbol = make(&self)
        cellMemos[memo].remember(field(column), symbol)
        return symbol
    }

    // MARK: Cells

    /// The inter code of a cell, read once per distinct cell.
    mutating func interCode(_ column: Int?) -> ActorClassifier.InterCode? {
        guard column != nil else { return nil }
        let (symbol, inserted) = interCells.intern(field(column))
        if inserted {
            let text = string(column)
            let code: ActorClassifier.InterCode?
            if let cached = interByText[text] {
                code = cached
            } else {
                code = ActorClassifier.interCode(text)
                interByText[text] = code
            }
            interCodes.append(code)
        }
        return interCodes[Int(symbol)]
    }

    /// The category and original type (a symbol of the store) of the row's event type and sub-event type.
    mutating func eventType(rioters: Bool) -> (category: Category?, original: Int32, cell: Int32) {
        keyScratch.removeAll(keepingCapacity: true)
        keyScratch.append(rioters ? 1 : 0)
        appendKeyPart(field(columns.eventType))
        appendKeyPart(field(columns.subEventType))
        let (symbol, inserted) = keyScratch.withUnsafeBufferPointer { typeCells.intern($0) }
        if inserted {
            let eventType = string(columns.eventType), subEventType = string(columns.subEventType)
            let textKey = ACLEDImporter.TypeKey(eventType: eventType, subEventType: subEventType, rioters: rioters)
            let value =
                typeByText[textKey]
                ?? (
                    ACLEDEventTypes.category(eventType: eventType, subEventType: subEventType, rioters: rioters),
                    ACLEDEventTypes.originalType(eventType: eventType, subEventType: subEventType)
                )
            typeByText[textKey] = value
            typeValues.append((value.category, store.symbol(value.original)))
        }
        let value = typeValues[Int(symbol)]
        return (value.category, value.original, symbol)
    }

    /// Appends one cell to the key in `keyScratch`, its length first: cells joined this way cannot run into each
    /// other, whatever bytes they hold (a separator byte could be in a cell: "a\u{1}b" + "c" and "a" + "b\u{1}c").
    mutating func appendKeyPart(_ cell: UnsafeBufferPointer<UInt8>) {
        Self.appendKeyPart(cell, to: &keyScratch)
    }

    /// `appendKeyPart` to the key in `key`.
    static func appendKeyPart(_ cell: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: cell.count).littleEndian) { key.append(contentsOf: $0) }
        key.append(contentsOf: cell)
    }

    /// The raw actor index of the name in `column` (nil when the column is absent), whose bytes hash to `hash`;
    /// logs its first sight and its first sight with a type code.
    mutating func actor(
        _ column: Int?, hash: UInt32, inter: ActorClassifier.InterCode?, kindHint: ActorKind?
    ) -> Int32? {
        guard column != nil else { return nil }
        let (raw, inserted) = rawActors.intern(field(column), hash: hash)
        if inserted {
            newActor(string(column), inter: inter, kindHint: kindHint)
        } else {
            sawActor(raw, inter: inter, kindHint: kindHint)
        }
        return raw
    }

    /// A raw actor index by name (an item of an associated-actor list, a UCDP side); `facts`, when given, are the
    /// trimmed name's.
    mutating func actor(
        named name: String, inter: ActorClassifier.InterCode?, kindHint: ActorKind?, facts: ActorNameFacts? = nil
    ) -> Int32 {
        var copy = name
        let (raw, inserted) = copy.withUTF8 { rawActors.intern($0) }
        if inserted {
            newActor(name, inter: inter, kindHint: kindHint, facts: facts)
        } else {
            sawActor(raw, inter: inter, kindHint: kindHint)
        }
        return raw
    }

    private mutating func newActor(
        _ rawName: String, inter: ActorClassifier.InterCode?, kindHint: ActorKind?, facts given: ActorNameFacts? = nil
    ) {
        let raw = Int32(rawActorKey.count)
        let name = rawName.trimmingSpaces
        rawActorName.append(rawName)
        guard !name.isEmpty else {
            rawActorKey.append(-1)
            rawActorFacts.append(nil)
            rawActorJihadist.append(false)
            rawActorCodeLogged.append(true)
            return
        }
        let facts = given ?? nameFacts.facts(name)
        // One lookup: a key new to the half gets the next index (the default subscript inserts it when mutated).
        let next = Int32(actorKeyCount)
        let index = Self.value(&actorKeys[facts.key, default: next])
        if index == next { actorKeyCount += 1 }
        rawActorKey.append(index)
        rawActorFacts.append(facts)
        rawActorJihadist.append(facts.isJihadist(aliasJihadists: aliasJihadists))
        rawActorCodeLogged.append(inter != nil || kindHint != nil)
        calls.append(.actor(raw: raw, inter: inter, kindHint: kindHint))
    }

    /// The value of an access: through `inout`, a default subscript's insertion.
    private static func value(_ value: inout Int32) -> Int32 { value }

    mutating func sawActor(_ raw: Int32, inter: ActorClassifier.InterCode?, kindHint: ActorKind?) {
        guard inter != nil || kindHint != nil, !rawActorCodeLogged[Int(raw)] else { return }
        rawActorCodeLogged[Int(raw)] = true
        calls.append(.actor(raw: raw, inter: inter, kindHint: kindHint))
    }

    /// The raw actor indexes of an associated-actor cell.
    mutating func associated(_ column: Int?) -> [Int32] {
        guard column != nil else { return [] }
        let text = field(column)
        if text.isEmpty { return [] }
        let (cell, inserted) = assocCells.intern(text)
        if inserted {
            let names = ImportText.list(string(column))
            assocLists.append(names.map { actor(named: $0, inter: nil, kindHint: nil) })
            return assocLists[Int(cell)]
        }
        let list = assocLists[Int(cell)]
        return list
    }

    /// True when `civilian_targeting` mentions civilians (ASCII, case-insensitively; other text as the general
    /// path reads it).
    mutating func targetsCivilians() -> Bool {
        guard columns.civilianTargeting != nil else { return false }
        let cell = field(columns.civilianTargeting)
        if cell.contains(where: { $0 >= 0x80 }) {
            return string(columns.civilianTargeting).lowercased().contains("civilian")
        }
        return TextMatcher.containsIgnoringASCIICase(cell, Self.civilian)
    }

    /// The local region of the row (nil when admin1 and country are both blank); logs a pair's first sight.
    mutating func region(line: Int, number: Int) -> Int32? {
        // The key and its hash made by `fetchAhead`.
        region(
            key: hashes.region, admin1: columns.admin1, country: columns.country, iso3: columns.iso3, line: line,
            number: number)
    }

    /// The local region of an admin1 and a country column (`iso3`: a column of ISO codes, or none), whose key is in
    /// `regionKey` and hashes to `hash` (both made by `fetchAhead`).
    mutating func region(
        key hash: UInt32, admin1 admin1Column: Int?, country countryColumn: Int?, iso3: Int?, line: Int, number: Int
    ) -> Int32? {
        let (raw, inserted) = regionKey.withUnsafeBufferPointer { rawRegions.intern($0, hash: hash) }
        if inserted {
            let admin1 = string(admin1Column), country = string(countryColumn)
            if admin1.trimmingSpaces.isEmpty && country.trimmingSpaces.isEmpty {
                rawRegionIndex.append(-1)
            } else {
                rawRegionIndex.append(Int32(rawRegionNames.count))
                calls.append(
                    .region(
                        raw: Int32(rawRegionNames.count), iso3: iso3.map { string($0) }, line: line,
                        row: number))
            }
            rawRegionNames.append((admin1, country))
        }
        let index = rawRegionIndex[Int(raw)]
        return index < 0 ? nil : index
    }

    /// The row's source list (its index); logs a list's first sight.
    mutating func sources() -> Int32 { sources(columns.source) }

    /// The source list in `column` (its index); logs a list's first sight.
    mutating func sources(_ column: Int?) -> Int32 {
        let (list, inserted) = rawLists.intern(field(column))
        if inserted {
            let text = string(column)
            var publications: [Int32] = []
            var seen = Set<Int32>()
            for name in ImportText.list(text) {
                let key = ImportText.key(name)
                let index: Int32
                if let known = publicationKeys[key] {
                    index = known
                } else {
                    index = Int32(publicationCount)
                    publicationKeys[key] = index
                    publicationCount += 1
                }
                if seen.insert(index).inserted { publications.append(index) }
            }
            listStrings.append(text)
            listPublications.append(publications)
            calls.append(.citations(list: list))
        }
        return list
    }
}

/// Bytes of one unescaped field, kept until the next: the fast path reads quoted fields holding `""` through it.
final class ScratchBuffer {
    private var storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 4096)

    /// The content of the quoted field `start..<end` of `text` unescaped as `CSVByteReader.unescape` does it.
    func unescape(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UnsafeBufferPointer<UInt8> {
        if end - start > storage.count {
            storage.deallocate()
            storage = .allocate(capacity: max(end - start, 2 * storage.count))
        }
        let n = CSVByteReader.unescape(text, start, end, into: storage)
        return UnsafeBufferPointer(rebasing: storage[0..<n])
    }

    deinit { storage.deallocate() }
}
