import SitmonCore

/// Builds a dataset from imported rows: unique ids, actors deduplicated by folded name, regions resolved against the
/// gazetteer, one source per publication plus one for the export file, records appended to a `RecordStore`.
/// Shared by the ACLED and UCDP importers.
struct ImportBuilder {
    let file: String
    let jihadist: JihadistGroups
    /// With the built-in jihadist map, the alias table's jihadist groups are jihadist too (UCDP's bare `IS`);
    /// `--jihadist-map` replaces both.
    let aliasJihadists: Bool
    private(set) var sources: [Source] = []
    private(set) var actors: [Actor] = []
    private(set) var regions: [Region] = []
    private(set) var store = RecordStore()
    /// Every id given so far, and the gazetteer's ids (kept for its places).
    private var ids = Set<String>()
    private var reserved = Set<String>()
    /// For each base given to `uniqueId`, the suffix to try next: ids are never released, so the first free
    /// suffix only grows, and 100,000 names with the same slug cost 100,000 steps rather than 5·10⁹.
    private var nextSuffix: [String: Int] = [:]
    private var actorIndex: [String: Int32] = [:]
    /// Caches by the exact text of a field, so that each distinct name is folded once.
    private var actorByRawName: [String: Int32] = [:]
    private var sourceByRawName: [String: Int32] = [:]
    private var regionByRawNames: [RawRegionNames: Int32] = [:]
    /// An admin1 and a country cell as written.
    private struct RawRegionNames: Hashable {
        var admin1: String
        var country: String
    }
    private var citationsByRawList: [String: [Int32]] = [:]
    /// Whether an actor's kind came from a type code (a later code does not change it; a name guess may be upgraded).
    private var actorKindCoded: [Bool] = []
    /// What each actor's name says (`ActorNameFacts`), for a later recode.
    private var actorFacts: [ActorNameFacts] = []
    private var sourceIndex: [String: Int32] = [:]
    private var regionIndex: [RegionKey: Int32] = [:]
    /// What a region is found by: an admin1 in a country (folded; no country for Mali's, which the gazetteer
    /// gathers), a country (folded), a gazetteer place (its id). Kept apart by case, not by a separator that a name
    /// could hold.
    private enum RegionKey: Hashable {
        case admin1(country: String?, admin1: String)
        case country(String)
        case gazetteer(String)
    }
    private var gazetteerSourcesAdded = false
    /// The source standing for the export file; every record, actor and region cites it.
    private(set) var fileSource: Int32 = 0
    private(set) var warnings: [Diagnostic] = []

    init(file: String, fileSource: Source, jihadist: JihadistGroups) {
        self.file = file
        self.jihadist = jihadist
        aliasJihadists = jihadist == .default
        reserved = Set(ImportGazetteer.reservedIds)
        ids = reserved
        var source = fileSource
        source.id = uniqueId(source.id)
        sources.append(source)
        self.fileSource = 0
    }

    /// `base` if free, else `base-2`, `base-3`…; the result is taken.
    /// Makes room for about `actors` actors (the fast path's merge knows how many keys its halves saw): the tables
    /// by name and the ids do not grow and rehash one step at a time while the builder calls are replayed.
    mutating func reserve(actors count: Int) {
        guard count > 0 else { return }
        actors.reserveCapacity(count)
        actorFacts.reserveCapacity(count)
        actorKindCoded.reserveCapacity(count)
        actorIndex.reserveCapacity(count)
        actorByRawName.reserveCapacity(count)
        ids.reserveCapacity(ids.count + count)
    }

    mutating func uniqueId(_ base: String) -> String {
        if ids.insert(base).inserted { return base }
        var n = nextSuffix[base] ?? 2
        var id = "\(base)-\(n)"
        while ids.contains(id) {
            n += 1
            id = "\(base)-\(n)"
        }
        nextSuffix[base] = n + 1
        ids.insert(id)
        return id
    }

    /// True when a record id is still free (records keep their source ids; a clash is reported by the caller).
    func isFree(_ id: String) -> Bool { !ids.contains(id) }

    mutating func warn(line: Int?, row: Int?, _ message: String) {
        warnings.append(Diagnostic(file: file, line: line, path: row.map { "row \($0)" } ?? "", message: message))
    }

    // MARK: Sources

    /// The source for a publication an export names (`Le Monde`, `Studio Tamani`), one per distinct folded name.
    mutating func publication(_ name: String, note: String) -> Int32 {
        if let index = sourceByRawName[name] { return index }
        let key = ImportText.key(name)
        if let index = sourceIndex[key] {
            sourceByRawName[name] = index
            return index
        }
        let id = uniqueId("src-" + ImportText.slug(name, fallback: "publication"))
        sources.append(Source(id: id, title: name, publisher: name, note: note))
        let index = Int32(sources.count - 1)
        sourceIndex[key] = index
        sourceByRawName[name] = index
        return index
    }

    /// What a record cites: the export file, then one source per publication of a `;`-separated list, each once.
    mutating func citations(_ list: String, note: String) -> [Int32] {
        if let cached = citationsByRawList[list] { return cached }
        var sources: [Int32] = [fileSource]
        var seen: Set<Int32> = [fileSource]
        for name in ImportText.list(list) {
            let s = publication(name, note: note)
            if seen.insert(s).inserted { sources.append(s) }
        }
        citationsByRawList[list] = sources
        return sources
    }

    /// The gazetteer's sources (GeoNames, ISO 3166), added once, when a gazetteer place is first used.
    mutating func gazetteerSources() -> [Int32] {
        let first = Int32(sources.count)
        if !gazetteerSourcesAdded {
            gazetteerSourcesAdded = true
            for s in ImportGazetteer.sources {
                ids.insert(s.id)
                sources.append(s)
            }
            return [first, first + 1]
        }
        return ImportGazetteer.sources.compactMap { s in
            sources.firstIndex { $0.id == s.id }.map { Int32($0) }
        }
    }

    // MARK: Actors

    /// The actor named `name` (created on first sight; the same folded name is the same actor, other spellings
    /// become aliases). `inter` is its ACLED type where the export gives one; `kindHint` a kind the caller knows.
    /// The jihadist map overrides both. A kind guessed from the name alone is replaced by the first coded one.
    /// `facts`, when given, are the trimmed name's (worked out by the caller).
    mutating func actor(
        _ rawName: String, inter: ActorClassifier.InterCode?, kindHint: ActorKind? = nil,
        facts given: ActorNameFacts? = nil
    ) -> Int32 {
        let coded = inter != nil || kindHint != nil
        if let index = actorByRawName[rawName] {
            if coded && !actorKindCoded[Int(index)] { recode(index, inter: inter, kindHint: kindHint) }
            return index
        }
        let name = rawName.trimmingSpaces
        let key = given?.key ?? ImportText.key(name)
        if let index = actorIndex[key] {
            let i = Int(index)
            if name != actors[i].name && !actors[i].aliases.contains(name) && actors[i].aliases.count < 8 {
                actors[i].aliases.append(name)
            }
            if coded && !actorKindCoded[i] { recode(index, inter: inter, kindHint: kindHint) }
            actorByRawName[rawName] = index
            return index
        }
        let facts = given ?? ActorNameFacts(name: name, jihadist: jihadist)
        let id = uniqueId(key.isEmpty ? "actor" : facts.slug)
        actors.append(
            Actor(
                id: id, name: name, shortName: facts.shortName,
                kind: facts.kind(inter: inter, kindHint: kindHint, aliasJihadists: aliasJihadists),
                sources: [fileSource]))
        actorFacts.append(facts)
        actorKindCoded.append(coded)
        let index = Int32(actors.count - 1)
        actorIndex[key] = index
        actorByRawName[rawName] = index
        return index
    }

    /// Replaces a kind guessed from the name by a coded one (a jihadist group stays one).
    mutating func recode(_ index: Int32, inter: ActorClassifier.InterCode?, kindHint: ActorKind?) {
        let i = Int(index)
        actorKindCoded[i] = true
        if actors[i].kind != .jihadistGroup {
            actors[i].kind = actorFacts[i].kind(inter: inter, kindHint: kindHint, aliasJihadists: aliasJihadists)
        }
    }

    // MARK: Regions

    /// The region of an admin1 name in a country: Mali's regions get the gazetteer's ids (`mopti`, `tombouctou`
    /// for `Timbuktu`); places elsewhere get `admin1-country` ids, zone `other`, and their country as parent.
    /// A blank admin1 gives the country itself. Nil when both are blank.
    mutating func region(
        admin1 rawAdmin1: String, country rawCountry: String, iso3: String?,
        line: Int, row: Int
    ) -> Int32? {
        let raw = RawRegionNames(admin1: rawAdmin1, country: rawCountry)
        if let index = regionByRawNames[raw] { return index }
        let index = resolveRegion(admin1: rawAdmin1, country: rawCountry, iso3: iso3, line: line, row: row)
        if let index { regionByRawNames[raw] = index }
        return index
    }

    mutating func resolveRegion(
        admin1 rawAdmin1: String, country rawCountry: String, iso3: String?,
        line: Int, row: Int
    ) -> Int32? {
        let admin1 = rawAdmin1.trimmingSpaces
        let country = rawCountry.trimmingSpaces
        let mali = country.isEmpty || ImportGazetteer.isMali(country)
        if admin1.isEmpty {
            if country.isEmpty { return nil }
            return countryRegion(country, iso3: iso3)
        }
        // Distinct admin1 spellings stay distinct ("Lima" and "Lima Province" are two units); only Mali's
        // gazetteer gathers its spellings into one region.
        let key = RegionKey.admin1(country: mali ? nil : ImportText.key(country), admin1: ImportText.key(admin1))
        if let index = regionIndex[key] { return index }
        let index: Int32
        if mali, let entry = ImportGazetteer.maliRegion(named: admin1) {
            index = gazetteerRegion(entry)
        } else {
            var parent: Int32?
            var name = admin1
            var base = ImportText.slug(admin1, fallback: "region")
            if mali {
                warn(
                    line: line, row: row, "unknown Mali region \"\(ImportText.excerpt(admin1))\" (kept with zone other)"
                )
            } else {
                parent = countryRegion(country, iso3: iso3)
                name = "\(admin1) (\(country))"
                base += "-" + ImportText.slug(country, fallback: "country")
            }
            // The admin1 as written is an alias, so `--region Lima` finds "Lima (Peru)".
            regions.append(
                Region(
                    id: uniqueId(base), name: name, aliases: name == admin1 ? [] : [admin1],
                    kind: .region, zone: .other, parent: parent, sources: [fileSource]))
            index = Int32(regions.count - 1)
        }
        regionIndex[key] = index
        return index
    }

    /// The region standing for a whole country (a parent of its admin1 regions, or a record's region when the
    /// export gives no admin1).
    mutating func countryRegion(_ country: String, iso3: String?) -> Int32 {
        let key = RegionKey.country(ImportText.key(country))
        if let index = regionIndex[key] { return index }
        let index: Int32
        if let entry = ImportGazetteer.country(named: country) {
            index = gazetteerRegion(entry)
        } else {
            let isMali = ImportGazetteer.isMali(country)
            let id = isMali ? "mali" : uniqueId(ImportText.slug(country, fallback: "country"))
            let iso = isMali ? "MLI" : iso3.flatMap { Self.alpha3($0) }
            regions.append(Region(id: id, name: country, kind: .country, iso: iso, zone: .other, sources: [fileSource]))
            index = Int32(regions.count - 1)
        }
        regionIndex[key] = index
        return index
    }

    /// A gazetteer place, added once (with its parent, for the regions of the 2023 law).
    mutating func gazetteerRegion(_ entry: ImportGazetteer.Entry) -> Int32 {
        let key = RegionKey.gazetteer(entry.id)
        if let index = regionIndex[key] { return index }
        var parent: Int32?
        if let parentId = entry.parent,
            let parentEntry = ImportGazetteer.maliRegions.first(where: { $0.id == parentId })
        {
            parent = gazetteerRegion(parentEntry)
        }
        let sources = [fileSource] + gazetteerSources()
        regions.append(
            Region(
                id: entry.id, name: entry.name, aliases: entry.aliases, kind: entry.kind, iso: entry.iso,
                zone: entry.zone, parent: parent, capital: entry.capital, sources: sources))
        let index = Int32(regions.count - 1)
        regionIndex[key] = index
        return index
    }

    /// An ISO 3166-1 alpha-3 code (`MLI`), or nil for anything else (ACLED's numeric `iso`).
    static func alpha3(_ text: String) -> String? {
        let t = text.trimmingSpaces.uppercased()
        return t.count == 3 && t.allSatisfy({ $0 >= "A" && $0 <= "Z" }) ? t : nil
    }

    // MARK: Records

    /// Reserves room for `n` records.
    mutating func reserve(_ n: Int) { store.reserve(n) }

    /// Appends a record.
    mutating func append(_ record: Record) {
        ids.insert(record.id)
        store.append(record)
    }

    /// Checks a coordinate pair: both numbers in range, or both dropped with a warning. Blank gives nil silently.
    mutating func coordinates(_ latText: String, _ lonText: String, line: Int, row: Int) -> (Double, Double)? {
        let checked = Self.coordinates(latText, lonText)
        if let problem = checked.problem { warn(line: line, row: row, problem) }
        return checked.value
    }

    /// A coordinate pair, or the warning that drops it (nil and no warning when both are blank).
    static func coordinates(_ latText: String, _ lonText: String) -> (value: (Double, Double)?, problem: String?) {
        let lat = latText.trimmingSpaces, lon = lonText.trimmingSpaces
        if lat.isEmpty && lon.isEmpty { return (nil, nil) }
        if let la = decimal(lat), let lo = decimal(lon), la.isFinite, lo.isFinite, (-90...90).contains(la),
            (-180...180).contains(lo)
        {
            return ((la, lo), nil)
        }
        return (
            nil,
            "invalid coordinates \"\(ImportText.excerpt(lat))\", \"\(ImportText.excerpt(lon))\" "
                + "(latitude −90…90, longitude −180…180); the record is kept without them"
        )
    }

    /// A decimal number, with a point or (as spreadsheets in French locales write it) a single comma: `14,35`.
    static func decimal(_ text: String) -> Double? {
        if let value = Double(text) { return value }
        guard !text.contains("."), text.filter({ $0 == "," }).count == 1 else { return nil }
        return Double(String(text.map { $0 == "," ? "." : $0 }))
    }

    /// The finished dataset; every actor's short name identifies it (`ActorLabels`).
    func dataset(info: DatasetInfo) -> Dataset {
        var store = self.store
        store.shrinkText()
        return dataset(info: info, records: store)
    }

    /// The finished dataset with records built elsewhere (the fast path's, whose references are this builder's;
    /// its text arena is not shrunk: the room it reserved and never wrote to takes no memory, a copy would).
    /// `labelledActors`: this builder's actors already through `ActorLabels.makeUnique` (the fast path labels
    /// them on another thread), nil to label them here.
    func dataset(info: DatasetInfo, records: RecordStore, labelledActors: [Actor]? = nil) -> Dataset {
        var store = records
        store.releaseOriginShapeIndex()
        var actors = labelledActors ?? self.actors
        if labelledActors == nil { ActorLabels.makeUnique(&actors) }
        return Dataset(info: info, sources: sources, actors: actors, regions: regions, records: store)
    }
}
