/// What `QueryTally` reads of one record, packed in 28 bytes, one row per record in date order
/// (`DatasetIndex.tallyRows`; the record itself is the same rank's entry of `byDate`, not repeated here): a filter's pass reads one row per matching record, in increasing addresses, instead of
/// eight or more columns of the store at scattered places (docs/benchmarks.md, "third round", has the figures).
/// A record with more than two actors or more than one region `spills`: the tally reads its actors and regions
/// from the store's columns, as it does for every record when the rows are not used.
struct TallyRow: Sendable {
    var start: Int32
    var last: Int32
    /// `RecordStore.fatalityCount`.
    var deaths: Int32
    /// The record's one region (−1: none).
    var region: Int32
    /// Its actors in the store's order (−1: none). Out-of-range references, which the tally skips, are left out.
    var actor0: Int32
    var actor1: Int32
    /// The category's position in `Category.allCases` (bits 0–4), the severity's rank (bits 5–6), incident (bit 7).
    var info: UInt8
    /// `actor0` is a perpetrator (bit 0), `actor1` is (bit 1), the record spills (bit 2).
    var flags: UInt8

    static let perpetrator0: UInt8 = 1, perpetrator1: UInt8 = 2, spills: UInt8 = 4
    /// `categoryIndex` of a coup (the monthly histogram counts coups apart).
    static let coupIndex = Category.allCases.firstIndex(of: .coup) ?? 0

    @inline(__always) var categoryIndex: Int { Int(info & 31) }
    @inline(__always) var severityRank: Int { Int(info >> 5 & 3) }
    @inline(__always) var isIncident: Bool { info & 128 != 0 }

    /// One row per record of `store`, each at its date rank (`dateRank`, a permutation of the records). The store
    /// is read in its own order and each row written at its rank: one scattered write per record rather than a
    /// scattered read of every column (files are seldom in date order: ACLED's generated and real exports are not).
    /// `parallelFrom`: the record count from which each half of the records is done on a thread of its own.
    static func rows(
        _ store: RecordStore, dateRank: [Int32], actorCount: Int, regionCount: Int, parallelFrom: Int = 100_000
    ) -> [TallyRow] {
        let n = store.count
        var result = [TallyRow](
            repeating: TallyRow(
                start: 0, last: 0, deaths: 0, region: -1, actor0: -1, actor1: -1, info: 0, flags: 0),
            count: n)
        guard dateRank.count == n else { return [] }
        result.withUnsafeMutableBufferPointer { result in
            // Each half of the records on a thread of its own (the monitor's first frame waits for the rows): the
            // ranks are a permutation, so the two never write the same row.
            let target = SharedRows(base: result.baseAddress, count: n)
            @Sendable func fill(_ records: Range<Int>) {
                TallyRow.fill(
                    target, records, store, dateRank: dateRank, actorCount: actorCount, regionCount: regionCount)
            }
            if n >= parallelFrom {
                _ = Parallel.both({ fill(0..<n / 2) }, { fill(n / 2..<n) })
            } else {
                fill(0..<n)
            }
        }
        return result
    }

    /// The rows of one run of records, written where their date ranks say.
    struct SharedRows: @unchecked Sendable {
        let base: UnsafeMutablePointer<TallyRow>?
        let count: Int
    }

    /// Writes the rows of `records` into `target`, each at its record's date rank.
    private static func fill(
        _ target: SharedRows, _ records: Range<Int>, _ store: RecordStore, dateRank: [Int32], actorCount: Int,
        regionCount: Int
    ) {
        guard let base = target.base else { return }
        let n = target.count
        let categories = Category.allCases, severities = Severity.allCases
        let perpetrator = store.perpetratorSymbol
        store.actorOffsets.withUnsafeBufferPointer { actorOffsets in
            store.actorRefs.withUnsafeBufferPointer { actorRefs in
                store.regionOffsets.withUnsafeBufferPointer { regionOffsets in
                    store.regionRefs.withUnsafeBufferPointer { regionRefs in
                        for i in records {
                            let category = UInt8(categories.firstIndex(of: store.categories[i]) ?? 0)
                            let severity = UInt8(severities.firstIndex(of: store.severities[i]) ?? 0)
                            var row = TallyRow(
                                start: store.starts[i], last: store.lastDays[i],
                                deaths: Int32(truncatingIfNeeded: store.fatalityCount(i)), region: -1,
                                actor0: -1, actor1: -1,
                                info: category | severity << 5 | (store.kinds[i] == .incident ? 128 : 0),
                                flags: 0)
                            var actors = 0
                            for k in Int(actorOffsets[i])..<Int(actorOffsets[i + 1]) {
                                let actor = actorRefs[k]
                                guard actor >= 0, Int(actor) < actorCount else { continue }
                                let isPerpetrator = store.actorRoles[k] == perpetrator
                                if actors == 0 {
                                    row.actor0 = actor
                                    if isPerpetrator { row.flags |= perpetrator0 }
                                } else if actors == 1 {
                                    row.actor1 = actor
                                    if isPerpetrator { row.flags |= perpetrator1 }
                                }
                                actors += 1
                            }
                            var regions = 0
                            for k in Int(regionOffsets[i])..<Int(regionOffsets[i + 1]) {
                                let region = regionRefs[k]
                                guard region >= 0, Int(region) < regionCount else { continue }
                                row.region = region
                                regions += 1
                            }
                            if actors > 2 || regions > 1 { row.flags |= spills }
                            let rank = Int(dateRank[i])
                            if rank >= 0 && rank < n { base[rank] = row }
                        }
                    }
                }
            }
        }
    }
}
