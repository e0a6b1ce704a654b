import Testing
@testable import SitmonCore

/// The store's compact columns: origins as slots with a shape from a table of distinct shapes, and the sparse
/// columns (end dates, times, low and high estimates) that most imports leave empty.
@Suite struct StoreLayoutTests {
    /// `count` records with origins drawn from a few values (some records without one, some with two ids or none),
    /// end dates, times and estimates on a few records only when `sparse`.
    static func records(_ count: Int, seed: UInt64, sparse: Bool = true) -> [Record] {
        var random = Random(state: seed)
        let scales = ["National", "Local partner-Other", "Subnational"]
        return (0..<count).map { i in
            var record = Record(
                kind: .event, id: "R\(seed)-\(i)", date: PartialDate(day: Int32(18_000 + i % 900), precision: .day),
                category: .attack, title: "Event \(i)", regions: [0], sources: [0])
            if random.next() % 5 != 0 {
                var origin = RecordOrigin(
                    datePrecision: ["day", "week", "month"][Int(random.next() % 3)],
                    geoPrecision: String(1 + random.next() % 3), admin1: "Province \(random.next() % 7)",
                    admin2: random.next() % 4 == 0 ? nil : "District \(random.next() % 5)",
                    sourceScale: scales[Int(random.next() % 3)],
                    tags: random.next() % 6 == 0 ? ["crowd size=no report", "women targeted"] : [])
                let ids = Int(random.next() % 3)
                origin.ids = (0..<ids).map { SourceId(scheme: ["event_id_cnty", "data_id"][$0], value: "X\(i)-\($0)") }
                record.origin = origin
            }
            if !sparse || random.next() % 50 == 0 {
                record.end = PartialDate(day: 19_000, precision: .month)
                record.time = 90
                record.fatalities = Fatalities(best: 5, low: 3, high: 9)
            } else if random.next() % 3 == 0 {
                record.fatalities = Fatalities(best: 2)
            }
            return record
        }
    }

    /// A small fixed generator (the tests' records are the same in every run).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
    }

    static func reader(_ store: RecordStore) -> (Int) -> Record { { store.record($0) { _ in "" } } }

    /// Appends a copy (a new id) of the first of `records` with an origin, if any, and expects its shape to be found
    /// among the store's (no shape added); returns the copy.
    static func appendAgain(from records: [Record], to store: inout RecordStore) -> Record? {
        guard var again = records.first(where: { $0.origin != nil }) else { return nil }
        again.id = "again"
        let before = store.originShapes.count
        store.append(again)
        #expect(store.originShapes.count == before)
        return again
    }

    static func store(_ records: [Record]) -> RecordStore {
        var store = RecordStore()
        for record in records { store.append(record) }
        return store
    }

    @Test("origins read back as written, each distinct combination of their fields stored once")
    func originRoundTrip() {
        let records = Self.records(2_000, seed: 7)
        let store = Self.store(records)
        #expect((0..<store.count).map(Self.reader(store)) == records)
        let distinct = Set(
            records.compactMap(\.origin).map {
                [
                    $0.datePrecision, $0.geoPrecision, $0.admin1, $0.admin2, $0.admin3, $0.sourceScale,
                    $0.tags.joined(separator: RecordStore.tagSeparator),
                ]
            })
        #expect(store.originShapes.count == distinct.count)
        #expect(store.originShapes.count < store.originShapeOf.count / 3 * 2, "shapes repeat: fewer than slots")
        #expect(store.originShapeOf.count == records.filter { $0.origin != nil }.count)
        #expect(store.originIdOffsets.last.map(Int.init) == store.originIdValues.count)
    }

    @Test("the sparse columns stay empty when no record has a value, and read back when some have")
    func sparseColumns() {
        let plain = Self.records(500, seed: 3).map { record in
            var record = record
            record.end = nil
            record.time = nil
            if let best = record.fatalities?.best { record.fatalities = Fatalities(best: best) }
            return record
        }
        let store = Self.store(plain)
        #expect(store.endDays.isEmpty && store.endPrecisions.isEmpty && store.times.isEmpty)
        #expect(store.fatalityLow.isEmpty && store.fatalityHigh.isEmpty)
        #expect((0..<store.count).map(Self.reader(store)) == plain)
        let some = Self.records(500, seed: 4)
        let sparse = Self.store(some)
        #expect(!sparse.endDays.isEmpty && sparse.endDays.count < some.count)
        #expect((0..<sparse.count).map(Self.reader(sparse)) == some)
        #expect((0..<sparse.count).map { sparse.fatalityCount($0) } == some.map { $0.fatalities?.count ?? 0 })
    }

    @Test(
        "two stores joined (the halves of an import): every record, its origin and sparse fields as in one store",
        arguments: [(0, 300), (300, 0), (250, 400), (1, 1)])
    func joined(_ sizes: (Int, Int)) {
        let first = Self.records(sizes.0, seed: 11), second = Self.records(sizes.1, seed: 12)
        var joined = Self.store(first)
        var other = Self.store(second)
        // The second half's symbols numbered apart, as a split import's are: mapped through its own keys.
        let symbols = (0..<other.symbols.count).map { s in
            joined.symbols.intern(other.symbols.key(Int32(s))).symbol
        }
        let shift = joined.appendText(draining: &other)
        joined.append(draining: &other, textShift: shift, actors: [0], regions: [0], sources: [0], symbols: symbols)
        #expect(joined.count == first.count + second.count)
        #expect((0..<joined.count).map(Self.reader(joined)) == first + second)
        #expect(joined.originShapes.count == Set(joined.originShapes).count, "shapes of both halves merged")
        // Records added after the join find the shapes already there.
        if let again = Self.appendAgain(from: first, to: &joined) {
            #expect(Self.reader(joined)(joined.count - 1) == again)
        }
    }

    @Test(
        "two stores joined with the text and origins on another thread (startJoin): the same store as joined in turn",
        arguments: [(0, 300), (300, 0), (250, 400), (1, 1), (120, 180)])
    func joinedOnAnotherThread(_ sizes: (Int, Int)) {
        let first = Self.records(sizes.0, seed: 31), second = Self.records(sizes.1, seed: 32)
        var inTurn = Self.store(first), inTurnOther = Self.store(second)
        var threaded = Self.store(first), threadedOther = Self.store(second)
        let symbols = (0..<inTurnOther.symbols.count).map { s in
            inTurn.symbols.intern(inTurnOther.symbols.key(Int32(s))).symbol
        }
        let shift = inTurn.appendText(draining: &inTurnOther)
        inTurn.append(
            draining: &inTurnOther, textShift: shift, actors: [0], regions: [0], sources: [0], symbols: symbols)
        let threadedSymbols = threaded.internSymbols(of: threadedOther)
        #expect(threadedSymbols == symbols)
        let (threadedShift, join) = threaded.startJoin(draining: &threadedOther, symbols: threadedSymbols)
        #expect(threadedShift == shift)
        threaded.append(
            draining: &threadedOther, textShift: threadedShift, actors: [0], regions: [0], sources: [0],
            symbols: threadedSymbols, origins: false)
        threaded.finishJoin(join)
        #expect(threaded.count == first.count + second.count)
        #expect((0..<threaded.count).map(Self.reader(threaded)) == first + second)
        #expect(threaded.originOf == inTurn.originOf)
        #expect(threaded.originShapeOf == inTurn.originShapeOf)
        #expect(threaded.originShapes == inTurn.originShapes)
        #expect(threaded.originIdOffsets == inTurn.originIdOffsets)
        #expect(threaded.originIdSchemes == inTurn.originIdSchemes)
        #expect(threaded.originIdValues == inTurn.originIdValues)
        #expect(threaded.text.bytes == inTurn.text.bytes)
        // The shapes' index came back with them: a record added after the join finds its shape there.
        _ = Self.appendAgain(from: first, to: &threaded)
    }

    @Test(
        "every record with an origin, in order: no per-record slot column, also after a join; one without: spelled out")
    func slotsInOrder() {
        let all = Self.records(300, seed: 21).map { record in
            var record = record
            if record.origin == nil { record.origin = RecordOrigin(admin1: "Kidal") }
            return record
        }
        var first = Self.store(Array(all[0..<120]))
        var second = Self.store(Array(all[120...]))
        #expect(first.originOf.isEmpty && second.originOf.isEmpty)
        let symbols = (0..<second.symbols.count).map { first.symbols.intern(second.symbols.key(Int32($0))).symbol }
        let shift = first.appendText(draining: &second)
        first.append(draining: &second, textShift: shift, actors: [0], regions: [0], sources: [0], symbols: symbols)
        #expect(first.originOf.isEmpty)
        #expect((0..<first.count).map(Self.reader(first)) == all)
        var plain = all[0]
        plain.id = "plain"
        plain.origin = nil
        first.append(plain)
        #expect(first.originOf.isEmpty, "a record without an origin at the end changes nothing")
        var last = all[1]
        last.id = "last"
        first.append(last)
        #expect(first.originOf.count == first.count)
        #expect((0..<first.count).map(Self.reader(first)) == all + [plain, last])
    }

    @Test("coordinates come back bit for bit: as millionths while they can, as Doubles from the first that cannot")
    func coordinates() {
        let decimals = [35.763369, -3.996, 0, 12.609, -179.999999, 90, Double.nan, 17.9528, -1.951, 28.0651]
        var column = CoordinateColumn()
        for v in decimals { column.append(v) }
        #expect(column.doubles == nil, "six decimals or fewer: millionths")
        #expect(zip(decimals, (0..<column.count).map { column[$0] }).allSatisfy { $0.bitPattern == $1.bitPattern })
        var other = CoordinateColumn()
        for v in [1.0 / 3, -0.0, 12.5] { other.append(v) }
        #expect(other.doubles != nil, "a third has no exact millionths")
        column.append(draining: &other)
        let all = decimals + [1.0 / 3, -0.0, 12.5]
        #expect(column.count == all.count && other.count == 0)
        #expect(zip(all, (0..<column.count).map { column[$0] }).allSatisfy { $0.bitPattern == $1.bitPattern })
        var compact = CoordinateColumn()
        compact.append(1.5)
        var more = CoordinateColumn()
        more.append(-2.25)
        compact.append(draining: &more)
        #expect(compact.doubles == nil && compact[1] == -2.25)
    }

    @Test("roles: a byte each while there are at most 256, symbols from the 257th, the same roles read back")
    func roles() {
        var few = RoleColumn()
        let roles: [Int32] = (0..<1_000).map { [7, 3, 7, 9, 3][$0 % 5] }
        for r in roles { few.append(r) }
        #expect(few.symbols == nil && few.table.count == 3)
        #expect((0..<few.count).map { few[$0] } == roles)
        var many = RoleColumn()
        let wide: [Int32] = (0..<600).map { Int32($0 % 300) }
        for r in wide { many.append(r) }
        #expect(many.symbols != nil)
        #expect((0..<many.count).map { many[$0] } == wide)
        // Joined through a map of symbols, as an import's halves are: bytes with bytes, and bytes with symbols.
        var other = RoleColumn()
        for r in roles { other.append(r) }
        let map: [Int32] = (0..<10).map { $0 + 100 }
        few.append(draining: &other, mapping: map)
        #expect(few.symbols == nil && other.count == 0)
        #expect((0..<few.count).map { few[$0] } == roles + roles.map { $0 + 100 })
        var more = RoleColumn()
        for r in wide { more.append(r) }
        few.append(draining: &more, mapping: [])
        #expect((0..<few.count).map { few[$0] } == roles + roles.map { $0 + 100 } + wide)
    }

    @Test("an origin row whose ids were not the last appended keeps its own ids and no others")
    func strayIds() {
        var store = RecordStore()
        store.append(Self.records(1, seed: 1)[0])
        let scheme = store.symbol("event_id_cnty")
        store.addOriginId(scheme: scheme, value: store.text.append("stray"))
        let start = store.originIdCount
        store.addOriginId(scheme: scheme, value: store.text.append("MLI1"))
        var row = OriginRow(idStart: UInt32(start), idCount: 1)
        row.admin1 = store.symbol("Mopti")
        store.append(
            Record(
                kind: .event, id: "B", date: PartialDate(day: 18_500, precision: .year), category: .attack, title: "B"))
        store.setOriginRow(store.count - 1, row)
        let origin = store.origin(store.count - 1)
        #expect(origin?.ids == [SourceId(scheme: "event_id_cnty", value: "MLI1")])
        #expect(origin?.admin1 == "Mopti")
    }
}
