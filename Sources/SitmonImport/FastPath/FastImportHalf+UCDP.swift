import SitmonCore

/// The UCDP GED rows of the fast path: `UCDPImporter.read` for a row it would take as it is, written into the half's
/// store; a row it would skip or report (a bad row, a duplicate id) declines the file.
extension FastImportHalf {
    mutating func takeUCDP(_ range: Range<Int>, _ columns: UCDPImporter.Columns, line: Int, number: Int) {
        guard isWellFormed(range, number: number) else { return }
        let rawId = trimmed(columns.id)
        if rawId.isEmpty { return fail("row \(number): no id") }
        guard let violence = Int(trimmed(columns.typeOfViolence)), (1...3).contains(violence) else {
            return fail("row \(number): type_of_violence")
        }
        guard let start = ImportDate.parse(string(columns.dateStart)) else { return fail("row \(number): date") }
        var end = start
        if !trimmed(columns.dateEnd).isEmpty {
            guard let e = ImportDate.parse(string(columns.dateEnd)), e >= start else {
                return fail("row \(number): date_end")
            }
            end = e
        }
        var numbers: [Int?] = []
        for column in [columns.best, columns.low, columns.high] {
            guard let n = UCDPImporter.number(string(column)) else { return fail("row \(number): fatalities") }
            numbers.append(n)
        }
        if trimmed(columns.adm1).isEmpty && trimmed(columns.country).isEmpty {
            return fail("row \(number): no adm_1 and no country")
        }
        idScratch.removeAll(keepingCapacity: true)
        idScratch.append(contentsOf: "ucdp-".utf8)
        ImportText.appendIdSafe(rawId.utf8, to: &idScratch)
        rememberRecordId()

        // Fatalities, with UCDP's low ≤ best ≤ high checked (a warning drops the range).
        var deaths = Fatalities(best: numbers[0], low: numbers[1], high: numbers[2])
        if let problem = UCDPImporter.checkRange(&deaths) {
            warnings.append(Warning(row: number, line: line, phase: 0, message: problem))
        }
        var split: [String] = []
        for (label, column) in [
            ("side A", columns.deathsA), ("side B", columns.deathsB),
            ("civilians", columns.deathsCivilians), ("unknown", columns.deathsUnknown),
        ] {
            if let n = Int(trimmed(column)) { split.append("\(label) \(n)") }
        }
        if !split.isEmpty { deaths.note = "deaths: " + split.joined(separator: ", ") }

        guard let region = region(admin1: columns.adm1, country: columns.country, iso3: nil, line: line, number: number)
        else { return fail("row \(number): no region") }

        // The sides, each with the kind its name, the violence and its side suggest.
        let a = side(columns.sideA, violence: violence, sideA: true)
        let b = side(columns.sideB, violence: violence, sideA: false)
        let aJihadist = a.map { rawActorJihadist[Int($0)] } ?? false
        let bJihadist = b.map { rawActorJihadist[Int($0)] } ?? false
        let aPerpetrates = violence == 3 || aJihadist
        let bPerpetrates = violence != 3 && bJihadist

        let coordinates = coordinates(columns.latitude, columns.longitude)
        if let problem = coordinates.problem {
            warnings.append(Warning(row: number, line: line, phase: 2, message: problem))
        }
        let list = sources(columns.sourceOffice)
        let dyad = trimmed(columns.dyadName), conflict = trimmed(columns.conflictName)
        let place = trimmed(columns.whereDescription)
        var summary = dyad
        if !conflict.isEmpty && conflict != dyad { summary += (summary.isEmpty ? "" : " ") + "(\(conflict))" }
        if !summary.isEmpty { summary += "." }
        if !place.isEmpty { summary += (summary.isEmpty ? "" : " ") + place }
        let articles = trimmed(columns.sourceArticle)
        let location = symbol(trimmed: columns.whereCoordinates)

        let id = idScratch.withUnsafeBufferPointer { store.appendText($0) }
        var row = RecordStore.Row(
            kind: .incident, id: id, date: start, end: end == start ? nil : end,
            category: violence == 3 ? .violenceAgainstCivilians : .armedClash,
            severity: deaths.count >= 10 ? .critical : .warning)
        if !summary.isEmpty { row.summary = appendText(summary) }
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
        // The note on the deaths repeats from row to row ("deaths: side A 0, side B 0, civilians 7, unknown 0"): its
        // text is written once and shared.
        var deathsNote = TextRef.none
        if let note = deaths.note {
            if let known = sharedNotes[note] {
                deathsNote = known
            } else {
                deathsNote = appendText(note)
                sharedNotes[note] = deathsNote
            }
        }
        store.setNotes(
            store.count - 1, fatalitiesNote: deathsNote,
            note: articles.isEmpty ? .none : appendText("Source articles: " + articles))
        var origin = OriginRow(idStart: UInt32(truncatingIfNeeded: store.originIdCount), idCount: 1)
        var rawIdCopy = rawId
        let idValue = rawIdCopy.withUTF8 { recordIdSuffix(id, prefix: 5, equals: $0) } ?? appendText(rawId)
        store.addOriginId(scheme: ucdpSymbols.id, value: idValue)
        let relid = trimmed(columns.relid)
        if !relid.isEmpty {
            store.addOriginId(scheme: ucdpSymbols.relid, value: appendText(relid))
            origin.idCount = 2
        }
        origin.datePrecision = datePrecisionSymbol(columns.datePrec)
        origin.geoPrecision = symbol(trimmed: columns.wherePrec, memo: OriginMemo.geoPrecision)
        origin.admin1 = symbol(trimmed: columns.adm1)
        origin.admin2 = symbol(trimmed: columns.adm2)
        store.setOriginRow(store.count - 1, origin)
        if latest.map({ start > $0 }) ?? true { latest = start }
    }

    /// The raw actor of a side (nil when blank): named as the general path names it (trimmed), with the kind hint
    /// `UCDPImporter.kindHint` gives.
    mutating func side(_ column: Int, violence: Int, sideA: Bool) -> Int32? {
        let cell = field(column)
        if cell.isEmpty { return nil }
        let asWritten = !Self.isTrimByte(cell[0]) && !Self.isTrimByte(cell[cell.count - 1])
        var name = asWritten ? "" : trimmed(column)
        if !asWritten && name.isEmpty { return nil }
        let known = asWritten ? rawActors.lookup(cell) : name.withUTF8 { rawActors.lookup($0) }
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
        if let known = cellMemos[OriginMemo.datePrecision].symbol(for: field(column)) { return known }
        let datePrecision = trimmed(column)
        let symbol = datePrecision.isEmpty ? -1 : store.symbol("date_prec " + datePrecision)
        cellMemos[OriginMemo.datePrecision].remember(field(column), symbol)
        return symbol
    }
}
