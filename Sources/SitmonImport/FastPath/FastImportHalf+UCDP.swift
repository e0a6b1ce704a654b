import SitmonCore

/// The UCDP GED rows of the fast path: `UCDPImporter.read` for a row it would take as it is, written into the half's
/// store; a row it would skip or report (a bad row, a duplicate id) declines the file.
extension FastImportHalf {
    mutating func takeUCDP(_ range: Range<Int>, line: Int, number: Int) {
        guard let columns = ucdp else { return }
        guard isWellFormed(range, number: number) else { return }
        // Cells that need no trimming (most) are read from their bytes; the others as strings, as the general path
        // reads them all.
        rawIdScratch.removeAll(keepingCapacity: true)
        if let cell = plainCell(columns.id) {
            rawIdScratch.append(contentsOf: cell)
        } else {
            rawIdScratch.append(contentsOf: trimmed(columns.id).utf8)
        }
        if rawIdScratch.isEmpty { return fail("row \(number): no id") }
        guard let violence = count(columns.typeOfViolence) ?? Int(trimmed(columns.typeOfViolence)),
            (1...3).contains(violence)
        else {
            return fail("row \(number): type_of_violence")
        }
        guard let start = ImportDate.iso(field(columns.dateStart)) ?? ImportDate.parse(string(columns.dateStart)) else {
            return fail("row \(number): date")
        }
        var end = start
        if let e = ImportDate.iso(field(columns.dateEnd)) {
            guard e >= start else { return fail("row \(number): date_end") }
            end = e
        } else if !trimmed(columns.dateEnd).isEmpty {
            guard let e = ImportDate.parse(string(columns.dateEnd)), e >= start else {
                return fail("row \(number): date_end")
            }
            end = e
        }
        guard let best = fatalityNumber(columns.best), let low = fatalityNumber(columns.low),
            let high = fatalityNumber(columns.high)
        else { return fail("row \(number): fatalities") }
        if isBlank(columns.adm1) && isBlank(columns.country) {
            return fail("row \(number): no adm_1 and no country")
        }
        idScratch.removeAll(keepingCapacity: true)
        idScratch.append(contentsOf: "ucdp-".utf8)
        ImportText.appendIdSafe(rawIdScratch, to: &idScratch)
        rememberRecordId()

        // Fatalities, with UCDP's low ≤ best ≤ high checked (a warning drops the range).
        var deaths = Fatalities(best: best, low: low, high: high)
        if let problem = UCDPImporter.checkRange(&deaths) {
            warnings.append(Warning(row: number, line: line, phase: 0, message: problem))
        }
        // The note on the deaths, "deaths: side A 0, side B 0, civilians 7, unknown 0", as bytes.
        noteScratch.removeAll(keepingCapacity: true)
        for (k, column) in [columns.deathsA, columns.deathsB, columns.deathsCivilians, columns.deathsUnknown]
            .enumerated()
        {
            guard let n = count(column) ?? Int(trimmed(column)) else { continue }
            noteScratch.append(contentsOf: noteScratch.isEmpty ? Self.deathsPrefix : Self.listSeparator)
            noteScratch.append(contentsOf: Self.deathsLabels[k])
            noteScratch.append(UInt8(ascii: " "))
            noteScratch.append(contentsOf: String(n).utf8)
        }

        // The key and its hash made by `fetchAhead`.
        guard
            let region = region(
                key: hashes.region, admin1: columns.adm1, country: columns.country, iso3: nil, line: line,
                number: number)
        else { return fail("row \(number): no region") }

        // The sides, each with the kind its name, the violence and its side suggest.
        let a = side(columns.sideA, hash: hashes.actor1, violence: violence, sideA: true)
        let b = side(columns.sideB, hash: hashes.actor2, violence: violence, sideA: false)
        let aJihadist = a.map { rawActorJihadist[Int($0)] } ?? false
        let bJihadist = b.map { rawActorJihadist[Int($0)] } ?? false
        let aPerpetrates = violence == 3 || aJihadist
        let bPerpetrates = violence != 3 && bJihadist

        let coordinates = coordinates(columns.latitude, columns.longitude)
        if let problem = coordinates.problem {
            warnings.append(Warning(row: number, line: line, phase: 2, message: problem))
        }
        let list = sources(columns.sourceOffice)
        let summaryMade = makeSummary(columns)
        let location = symbol(trimmed: columns.whereCoordinates, hash: hashes.location)

        let id = idScratch.withUnsafeBufferPointer { store.appendText($0) }
        var row = RecordStore.Row(
            kind: .incident, id: id, date: start, end: end == start ? nil : end,
            category: violence == 3 ? .violenceAgainstCivilians : .armedClash,
            severity: deaths.count >= 10 ? .critical : .warning)
        if let summaryMade {
            if !summaryMade.isEmpty { row.summary = appendText(summaryMade) }
        } else if !summaryScratch.isEmpty {
            row.summary = summaryScratch.withUnsafeBufferPointer { store.appendText($0) }
        }
        row.location = location
        row.target = violence == 3 ? civiliansSymbol : -1
        row.originalType = ucdpSymbols.violenceTypes[violence - 1]
        if let value = coordinates.value {
            row.latitude = value.0
            row.longitude = value.1
        }
        row.best = deaths.best.map { Int32(clamping: $0) } ?? -1
        row.low = deaths.low.map { Int32(clamping: $0) } ?? -1
        row.high = deaths.high.map { Int32(clamping: $0) } ?? -1
        store.openRow(row)
        if let a, rawActorKey[Int(a)] >= 0 {
            store.addActor(
                rawActorKey[Int(a)], role: aPerpetrates ? perpetratorRole : (bPerpetrates ? targetRole : actorRole))
        }
        if let b, rawActorKey[Int(b)] >= 0, rawActorKey[Int(b)] != a.map({ rawActorKey[Int($0)] }) {
            store.addActor(
                rawActorKey[Int(b)], role: bPerpetrates ? perpetratorRole : (aPerpetrates ? targetRole : actorRole))
        }
        store.addRegion(region)
        store.addSource(0)
        for publication in listPublications[Int(list)] { store.addSource(publication + 1) }
        store.closeRow()
        // The note on the deaths repeats from row to row: its text is written once and shared.
        var deathsNote = TextRef.none
        if !noteScratch.isEmpty {
            let (shared, inserted) = noteScratch.withUnsafeBufferPointer { notes.intern($0) }
            if inserted { noteRefs.append(noteScratch.withUnsafeBufferPointer { store.appendText($0) }) }
            deathsNote = noteRefs[Int(shared)]
        }
        // "Source articles: …"
        noteScratch.removeAll(keepingCapacity: true)
        if let cell = plainCell(columns.sourceArticle) {
            if !cell.isEmpty {
                noteScratch.append(contentsOf: Self.articlesPrefix)
                noteScratch.append(contentsOf: cell)
            }
        } else if case let articles = trimmed(columns.sourceArticle), !articles.isEmpty {
            noteScratch.append(contentsOf: Self.articlesPrefix)
            noteScratch.append(contentsOf: articles.utf8)
        }
        store.setNotes(
            store.count - 1, fatalitiesNote: deathsNote,
            note: noteScratch.isEmpty ? .none : noteScratch.withUnsafeBufferPointer { store.appendText($0) })
        var origin = OriginRow(idStart: UInt32(truncatingIfNeeded: store.originIdCount), idCount: 1)
        let idValue =
            rawIdScratch.withUnsafeBufferPointer { recordIdSuffix(id, prefix: 5, equals: $0) }
            ?? rawIdScratch.withUnsafeBufferPointer { store.appendText($0) }
        store.addOriginId(scheme: ucdpSymbols.id, value: idValue)
        if let cell = plainCell(columns.relid) {
            if !cell.isEmpty {
                store.addOriginId(scheme: ucdpSymbols.relid, value: store.appendText(cell))
                origin.idCount = 2
            }
        } else if case let relid = trimmed(columns.relid), !relid.isEmpty {
            store.addOriginId(scheme: ucdpSymbols.relid, value: appendText(relid))
            origin.idCount = 2
        }
        origin.datePrecision = datePrecisionSymbol(columns.datePrec)
        origin.geoPrecision = symbol(trimmed: columns.wherePrec, memo: OriginMemo.geoPrecision)
        origin.admin1 = symbol(trimmed: columns.adm1, hash: hashes.admin1)
        origin.admin2 = symbol(trimmed: columns.adm2, hash: hashes.admin2)
        store.setOriginRow(store.count - 1, origin)
        if latest.map({ start > $0 }) ?? true { latest = start }
    }

    static let deathsPrefix = Array("deaths: ".utf8), listSeparator = Array(", ".utf8)
    static let deathsLabels = ["side A", "side B", "civilians", "unknown"].map { Array($0.utf8) }
    static let articlesPrefix = Array("Source articles: ".utf8)

    /// A UCDP count cell as `UCDPImporter.number` reads it: nil when it is not a count, .some(nil) when blank.
    @inline(__always)  // an outlined call copied the whole half (`string`)
    func fatalityNumber(_ column: Int?) -> Int?? {
        if let cell = plainCell(column) {
            if cell.isEmpty { return .some(nil) }
            if let n = Self.plainCount(cell) { return .some(n) }
        }
        return UCDPImporter.number(string(column))
    }

    /// The count a cell of one to nine digits holds (nil for any other cell, which the caller reads as a string).
    @inline(__always)  // an outlined call copied the whole half (`string`)
    func count(_ column: Int?) -> Int? { plainCell(column).flatMap { Self.plainCount($0) } }

    /// True when the cell is blank once trimmed as `String.trimmingSpaces` trims it.
    @inline(__always)  // an outlined call copied the whole half (`string`)
    func isBlank(_ column: Int?) -> Bool {
        if let cell = plainCell(column) { return cell.isEmpty }
        return trimmed(column).isEmpty
    }

    /// The row's summary as `UCDPImporter` writes it — the dyad, the conflict in parentheses when it is not the
    /// dyad, a full stop, the place — into `summaryScratch` when its cells need no trimming and the comparison of
    /// dyad and conflict needs no Unicode (nil returned); else as a string.
    mutating func makeSummary(_ columns: UCDPImporter.Columns) -> String? {
        summaryScratch.removeAll(keepingCapacity: true)
        if let dyad = plainCell(columns.dyadName), let conflict = plainCell(columns.conflictName),
            let place = plainCell(columns.whereDescription)
        {
            let same = dyad.elementsEqual(conflict)
            if same || (dyad.allSatisfy { $0 < 0x80 } && conflict.allSatisfy { $0 < 0x80 }) {
                summaryScratch.append(contentsOf: dyad)
                if !conflict.isEmpty && !same {
                    if !summaryScratch.isEmpty { summaryScratch.append(UInt8(ascii: " ")) }
                    summaryScratch.append(UInt8(ascii: "("))
                    summaryScratch.append(contentsOf: conflict)
                    summaryScratch.append(UInt8(ascii: ")"))
                }
                if !summaryScratch.isEmpty { summaryScratch.append(UInt8(ascii: ".")) }
                if !place.isEmpty {
                    if !summaryScratch.isEmpty { summaryScratch.append(UInt8(ascii: " ")) }
                    summaryScratch.append(contentsOf: place)
                }
                return nil
            }
        }
        let dyad = trimmed(columns.dyadName), conflict = trimmed(columns.conflictName)
        let place = trimmed(columns.whereDescription)
        var summary = dyad
        if !conflict.isEmpty && conflict != dyad { summary += (summary.isEmpty ? "" : " ") + "(\(conflict))" }
        if !summary.isEmpty { summary += "." }
        if !place.isEmpty { summary += (summary.isEmpty ? "" : " ") + place }
        return summary
    }

    /// The raw actor of a side (nil when blank): named as the general path names it (trimmed), with the kind hint
    /// `UCDPImporter.kindHint` gives; `hash` is the cell's (`fetchAhead`).
    mutating func side(_ column: Int, hash: UInt32, violence: Int, sideA: Bool) -> Int32? {
        let cell = field(column)
        if cell.isEmpty { return nil }
        let asWritten = !Self.isTrimByte(cell[0]) && !Self.isTrimByte(cell[cell.count - 1])
        var name = asWritten ? "" : trimmed(column)
        if !asWritten && name.isEmpty { return nil }
        let known = asWritten ? rawActors.lookup(cell, hash: hash) : name.withUTF8 { rawActors.lookup($0) }
        if let raw = known, let facts = rawActorFacts[Int(raw)] {
            // A name seen before: its kind is in its facts, and no string is made when it needs no trimming.
            sawActor(raw, inter: nil, kindHint: UCDPImporter.kindHint(facts.nameKind, violence, sideA: sideA))
            return raw
        }
        if asWritten { name = String(decoding: cell, as: UTF8.self) }
        let facts = nameFacts.facts(name)
        let hint = UCDPImporter.kindHint(facts.nameKind, violence, sideA: sideA)
        return actor(named: name, inter: nil, kindHint: hint, facts: facts)
    }

    /// The symbol of `date_prec N` for the row's date precision (-1 when blank), remembered as a cell is.
    mutating func datePrecisionSymbol(_ column: Int?) -> Int32 {
        guard column != nil else { return -1 }
        return remembered(OriginMemo.datePrecision, column) { half in
            let datePrecision = half.trimmed(column)
            return datePrecision.isEmpty ? -1 : half.store.symbol("date_prec " + datePrecision)
        }
    }
}
