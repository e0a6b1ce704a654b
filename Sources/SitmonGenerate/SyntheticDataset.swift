import SitmonCore

/// A deterministic synthetic dataset in the real format, for benchmarks and load tests: the Mali regions and
/// towns, about sixty actors, and N dated records (≈ 10 % timeline events, ≈ 90 % ACLED-like incidents) spread
/// over 2012 – July 2025 with more activity in later years and in the centre. The same seed and N always give
/// the same dataset, and so the same bytes once written.
public enum SyntheticDataset {
    /// The seed used when none is given (the date of the March 2012 coup).
    public static let defaultSeed: UInt64 = 20_120_322
    /// The loader reads files up to 4 GiB; at ≈ 460 bytes a record this stays well below.
    public static let maximumRecords = 8_000_000

    /// Builds the dataset. `progress` is called with the number of records made so far, every `progressStep`.
    public static func make(
        records n: Int, seed: UInt64 = defaultSeed, progressStep: Int = 100_000,
        progress: ((Int) -> Void)? = nil
    ) -> Dataset {
        var builder = SyntheticBuilder(seed: seed)
        return builder.build(records: max(0, n), progressStep: progressStep, progress: progress)
    }
}

struct SyntheticBuilder {
    /// The invented places, actors and sources the records are drawn from.
    typealias Gazetteer = SyntheticGazetteer

    var rng: SplitMix64
    let seed: UInt64
    var actorIndex: [String: Int32] = [:]
    var regionIndex: [String: Int32] = [:]
    var sourceIndex: [String: Int32] = [:]
    var shortNames: [String] = []
    var regionNames: [String] = []
    var regionCapitals: [String] = []

    init(seed: UInt64) {
        self.seed = seed
        rng = SplitMix64(seed: seed)
        for (k, a) in Gazetteer.actors.enumerated() {
            actorIndex[a.id] = Int32(k)
            shortNames.append(a.shortName ?? a.name)
        }
        for (k, r) in Gazetteer.regions.enumerated() {
            regionIndex[r.id] = Int32(k)
            regionNames.append(r.name)
            regionCapitals.append(r.capital.name)
        }
        for (k, s) in Gazetteer.sources.enumerated() { sourceIndex[s.id] = Int32(k) }
    }

    func actor(_ id: String) -> Int32 {
        guard let a = actorIndex[id] else { preconditionFailure("synthetic actor \(id) is not in the table") }
        return a
    }

    func region(_ id: String) -> Int32 {
        guard let r = regionIndex[id] else { preconditionFailure("synthetic region \(id) is not in the table") }
        return r
    }

    func source(_ id: String) -> Int32 { sourceIndex[id] ?? 0 }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int32 {
        Int32(PartialDate.daysFromCivil(year: y, month: m, day: d))
    }

    // MARK: Tables

    func makeSources() -> [Source] {
        Gazetteer.sources.map { s in
            Source(
                id: s.id, title: s.title, publisher: s.publisher, date: PartialDate(year: 2025, month: 7),
                document: nil,
                note: s.note)
        }
    }

    func makeActors() -> [Actor] {
        let cite = [source("syn-acled")]
        return Gazetteer.actors.map { a in
            Actor(
                id: a.id, name: a.name, shortName: a.shortName, aliases: a.aliases, kind: a.kind,
                parent: a.parent.map { actor($0) }, summary: a.summary, sources: cite)
        }
    }

    func makeRegions() -> [Region] {
        let cite = [source("gazetteer")]
        return Gazetteer.regions.map { r in
            Region(
                id: r.id, name: r.name, aliases: r.aliases, kind: r.kind, iso: r.iso, zone: r.zone,
                parent: r.parent.map { region($0) },
                capital: Place(name: r.capital.name, latitude: r.capital.lat, longitude: r.capital.lon), sources: cite)
        }
    }

    func makeRelations() -> [Relation] {
        let cite = [source("syn-acled")]
        return Gazetteer.relations.map { r in
            Relation(
                id: "rel-\(r.from)-\(r.kind.rawValue)-\(r.to)", kind: r.kind, from: actor(r.from), to: actor(r.to),
                start: r.start.flatMap { PartialDate(iso: $0) }, end: r.end.flatMap { PartialDate(iso: $0) },
                sources: cite)
        }
    }

    func makeAssessments() -> [Assessment] {
        let periods: [(start: String, end: String, label: String)] = [
            ("2012", "2014", "2012-2014"), ("2015", "2019", "2015-2019"),
            ("2020", "2025-07", "2020-2025"),
        ]
        let mali = [
            "kayes", "koulikoro", "sikasso", "segou", "mopti", "tombouctou", "gao", "kidal", "menaka", "taoudenit",
            "bamako",
        ]
        var out: [Assessment] = []
        for id in mali {
            for (k, period) in periods.enumerated() {
                let (presence, trend, groups) = Self.assessment(id, period: k)
                let names = groups.map { shortNames[Int(actor($0))] }
                let regionName = regionNames[Int(region(id))]
                let statement =
                    "Synthetic assessment: \(presence.rawValue) jihadist presence in \(regionName) over \(period.label), "
                    + "\(trend == .rising ? "rising" : trend == .falling ? "falling" : "stable")"
                    + (names.isEmpty ? "." : "; most incidents are attributed to \(names.joined(separator: ", ")).")
                out.append(
                    Assessment(
                        id: "as-\(id)-\(period.label)", region: region(id), start: PartialDate(iso: period.start),
                        end: PartialDate(iso: period.end), presence: presence, trend: trend,
                        groups: groups.map { actor($0) }, statement: statement,
                        sources: [source("syn-un"), source("syn-ngo")]))
            }
        }
        return out
    }

    static func assessment(_ region: String, period: Int) -> (Presence, Trend, [String]) {
        let north = ["tombouctou", "gao", "kidal", "menaka", "taoudenit"].contains(region)
        switch (period, region) {
        case (0, _) where north:
            return (
                .high, .falling,
                region == "menaka" || region == "gao" ? ["mujao", "ansar-dine"] : ["ansar-dine", "aqim"]
            )
        case (0, "mopti"): return (.moderate, .rising, ["ansar-dine", "mujao"])
        case (0, "segou"): return (.low, .stable, ["ansar-dine"])
        case (0, _): return (.none, .stable, [])
        case (1, "menaka"), (1, "gao"): return (.high, .rising, ["isgs", "al-mourabitoun", "jnim"])
        case (1, _) where north: return (.high, .stable, ["jnim", "aqim"])
        case (1, "mopti"): return (.high, .rising, ["katiba-macina", "jnim", "ansaroul-islam"])
        case (1, "segou"): return (.moderate, .rising, ["katiba-macina", "jnim"])
        case (1, "bamako"), (1, "kayes"): return (.low, .stable, ["jnim"])
        case (1, _): return (.low, .rising, ["jnim"])
        case (_, "menaka"): return (.control, .rising, ["isgs", "jnim"])
        case (_, _) where north: return (.high, .rising, ["jnim", "isgs"])
        case (_, "mopti"): return (.high, .rising, ["jnim", "katiba-macina", "isgs"])
        case (_, "segou"): return (.high, .rising, ["jnim", "katiba-macina"])
        case (_, "bamako"): return (.low, .stable, ["jnim"])
        default: return (.moderate, .rising, ["jnim"])
        }
    }

    // MARK: Records

    /// A place prepared for sampling: its old region, its 2023 region and its coordinates on a 1/32° grid.
    struct PlaceInfo {
        var name: String
        var cercle: String
        var oldRegion: Int32
        var newRegion: Int32
        var lat: Double
        var lon: Double
    }

    /// Coordinates are kept on a 1/32° grid (≈ 3.5 km): such values are exact in the store's Float32 columns,
    /// so they write back as short decimals (14.46875) instead of 14.484000205993652.
    static func grid(_ x: Double) -> Double { (x * 32).rounded() / 32 }

    mutating func build(records n: Int, progressStep: Int, progress: ((Int) -> Void)?) -> Dataset {
        let info = DatasetInfo(
            id: "synthetic-mali", title: "Synthetic Mali conflict events (\(n) records, seed \(seed))",
            description:
                "A synthetic dataset made by `sitmon generate` for benchmarks: Mali's regions and towns, about sixty actors "
                + "and \(n) ACLED-like records from 2012 to July 2025. None of these events happened.",
            asOf: PartialDate(year: 2025, month: 7), licence: "CC0 1.0 (synthetic data)",
            attribution:
                "sitmon generate --events \(n) --seed \(seed). Region codes and capitals from ISO 3166-2 and GeoNames.")
        var dataset = Dataset(
            info: info, sources: makeSources(), actors: makeActors(), relations: makeRelations(),
            regions: makeRegions(), assessments: makeAssessments())

        let places = Gazetteer.places.map { p in
            PlaceInfo(
                name: p.name, cercle: p.cercle, oldRegion: region(p.region),
                newRegion: p.newRegion.map { region($0) } ?? -1,
                lat: Self.grid(p.lat), lon: Self.grid(p.lon))
        }
        let years = Gazetteer.yearWeights.map(\.year)
        let yearChoice = WeightedChoice(Gazetteer.yearWeights.map(\.weight))
        // A region's activity is shared among its places by their weights.
        var regionTotals: [String: Double] = [:]
        for p in Gazetteer.places { regionTotals[p.region, default: 0] += p.weight }
        let placeChoices = years.map { y in
            WeightedChoice(
                Gazetteer.places.map {
                    $0.weight / (regionTotals[$0.region] ?? 1) * Gazetteer.regionWeight($0.region, year: y)
                })
        }
        let placesByRegion = (0..<Gazetteer.regions.count).map { r in
            places.indices.filter { places[$0].oldRegion == Int32(r) }
        }

        // Dates first, sorted, so that ids follow time as in ACLED exports.
        var dateRng = rng.fork(1)
        var days = [Int32](repeating: 0, count: n)
        let lastDay = Self.day(2025, 7, 31)
        for k in 0..<n {
            let y = years[yearChoice.sample(&dateRng)]
            let first = Self.day(y, 1, 1)
            let last = min(Self.day(y, 12, 31), lastDay)
            days[k] = first + Int32(dateRng.below(Int(last - first) + 1))
        }
        days.sort()

        var contentRng = rng.fork(2)
        var store = RecordStore(text: TextStorage(capacity: n * 150))
        store.reserve(n)
        var eventNumber = 0, incidentNumber = 0
        let menakaOperational = Self.day(2016, 1, 19)
        let newRegionsOperational = Self.day(2024, 10, 1)
        let menaka = region("menaka"), taoudenit = region("taoudenit"), gao = region("gao"),
            tombouctou = region("tombouctou")
        for k in 0..<n {
            let day = days[k]
            let year = PartialDate.civil(fromDays: Int(day)).year
            let yearSlot = max(0, min(years.count - 1, year - years[0]))
            let place = places[placeChoices[yearSlot].sample(&contentRng)]
            var regionId = place.oldRegion
            if day < menakaOperational {  // Ménaka and Taoudénit regions only existed on paper before 2016.
                if regionId == menaka { regionId = gao } else if regionId == taoudenit { regionId = tombouctou }
            }
            if day >= newRegionsOperational && place.newRegion >= 0 { regionId = place.newRegion }
            let neighbours = placesByRegion[Int(place.oldRegion)]
            var other = places[neighbours[contentRng.below(neighbours.count)]]
            if other.name == place.name { other = places[neighbours[contentRng.below(neighbours.count)]] }
            let date =
                contentRng.chance(0.03)
                ? PartialDate(year: year, month: PartialDate.civil(fromDays: Int(day)).month)!
                : PartialDate(day: day, precision: .day)
            let oldRegion = Gazetteer.regions[Int(place.oldRegion)]
            let situation = Situation(
                day: day, year: year, region: oldRegion.id, zone: oldRegion.zone, place: place,
                otherPlace: other.name, regionId: regionId, date: date)
            let record: Record
            if contentRng.chance(0.1) {
                eventNumber += 1
                record = makeEvent(id: "ev-\(eventNumber)", situation, &contentRng)
            } else {
                incidentNumber += 1
                record = makeIncident(id: "mli\(incidentNumber)", situation, &contentRng)
            }
            store.append(record)
            if let progress, progressStep > 0, (k + 1) % progressStep == 0 { progress(k + 1) }
        }
        store.shrinkText()
        dataset.records = store
        return dataset
    }

    /// Where and when a record happens.
    struct Situation {
        var day: Int32
        var year: Int
        /// Id of the place's old (pre-2024) region, which drives who is active there.
        var region: String
        var zone: Zone
        var place: PlaceInfo
        var otherPlace: String
        /// The region the record is filed under (by the map in force at its date).
        var regionId: Int32
        var date: PartialDate
    }

    // MARK: Who

    enum Side { case jihadist, state, militia, separatist, unidentified, bandits }

    func jihadistWeights(_ s: Situation) -> [(String, Double)] {
        let y = s.year, r = s.region, north = s.zone == .north, centre = r == "mopti" || r == "segou"
        return [
            ("jnim", y >= 2017 ? (centre ? 35 : 30) : 0),
            ("katiba-macina", y >= 2015 && centre ? (y < 2017 ? 40 : 15) : 0),
            ("katiba-serma", y >= 2017 && (r == "mopti" || r == "tombouctou") ? 3 : 0),
            ("katiba-gourma", y >= 2018 && (r == "tombouctou" || r == "mopti" || r == "gao") ? 3 : 0),
            ("ansar-dine", y <= 2016 ? (north ? 30 : centre ? 10 : 3) : 0),
            ("aqim", north ? (y <= 2016 ? 15 : 4) : (y <= 2016 ? 3 : 0.5)),
            ("mujao", y <= 2014 ? (r == "gao" || r == "menaka" ? 30 : north ? 3 : 0) : 0),
            ("al-mourabitoun", y >= 2013 && y <= 2017 && north ? 8 : 0),
            (
                "isgs",
                y >= 2015 ? (r == "menaka" ? 45 : r == "gao" ? 25 : r == "mopti" ? 4 : r == "tombouctou" ? 3 : 0.5) : 0
            ),
            ("ansaroul-islam", y >= 2016 && r == "mopti" ? 6 : 0),
        ]
    }

    func stateWeights(_ s: Situation) -> [(String, Double)] {
        let d = s.day, outsideCapital = s.zone != .capital
        return [
            ("fama", 60),
            (
                "wagner",
                d >= Self.day(2021, 12, 15) && d < Self.day(2025, 6, 15) && (s.zone == .centre || s.zone == .north)
                    ? 25 : 0
            ),
            ("africa-corps", d >= Self.day(2025, 6, 6) && outsideCapital ? 20 : 0),
            ("serval", d >= Self.day(2013, 1, 11) && d < Self.day(2014, 8, 1) && s.zone != .south ? 30 : 0),
            ("barkhane", d >= Self.day(2014, 8, 1) && d < Self.day(2022, 8, 15) && s.zone != .south ? 15 : 0),
            (
                "takuba",
                d >= Self.day(2020, 7, 1) && d < Self.day(2022, 7, 1) && (s.region == "menaka" || s.region == "gao")
                    ? 6 : 0
            ),
            ("g5-sahel", d >= Self.day(2017, 7, 1) && d < Self.day(2022, 5, 15) && outsideCapital ? 2 : 0),
            ("gendarmerie", 5), ("garde-nationale", 3), ("police", s.zone == .capital ? 15 : 0.5),
        ]
    }

    func militiaWeights(_ s: Situation) -> [(String, Double)] {
        let y = s.year, r = s.region
        return [
            ("da-na-ambassagou", y >= 2016 && r == "mopti" ? 25 : 0),
            ("dozo", y >= 2016 ? (r == "segou" ? 20 : r == "mopti" ? 10 : 0) : 0),
            ("fulani-militia", y >= 2018 && (r == "mopti" || r == "segou") ? 6 : 0),
            ("gatia", y >= 2014 && y <= 2022 && (r == "menaka" || r == "gao" || r == "kidal") ? 15 : 0),
            ("msa", y >= 2016 && y <= 2022 && r == "menaka" ? 15 : 0),
            ("ganda-izo", y <= 2018 && (r == "gao" || r == "mopti" || r == "tombouctou") ? 3 : 0),
            ("armed-bandits", 4),
        ]
    }

    func separatistWeights(_ s: Situation) -> [(String, Double)] {
        let y = s.year, kidal = s.region == "kidal", north = s.zone == .north
        return [
            ("mnla", y <= 2014 ? (kidal ? 40 : north ? 20 : 2) : 0),
            ("cma", y >= 2014 && y <= 2023 ? (kidal ? 20 : north ? 6 : 1) : 0),
            ("hcua", y >= 2014 && y <= 2023 && north ? 3 : 0),
            ("maa", y >= 2014 && y <= 2023 && (s.region == "tombouctou" || s.region == "gao") ? 3 : 0),
            ("fla", y >= 2024 ? (kidal ? 20 : north ? 8 : 1) : 0),
        ]
    }

    func choose(_ weights: [(String, Double)], _ rng: inout SplitMix64) -> Int32 {
        var total = 0.0
        for (_, w) in weights { total += w }
        var x = rng.unit() * total
        for (id, w) in weights where w > 0 {
            if x < w { return actor(id) }
            x -= w
        }
        return actor(weights.last(where: { $0.1 > 0 })?.0 ?? "unidentified-armed-group")
    }

    func pickActor(_ side: Side, _ s: Situation, _ rng: inout SplitMix64) -> Int32? {
        switch side {
        case .jihadist: return choose(jihadistWeights(s), &rng)
        case .state: return choose(stateWeights(s), &rng)
        case .militia: return choose(militiaWeights(s), &rng)
        case .separatist: return choose(separatistWeights(s), &rng)
        case .unidentified: return rng.chance(0.5) ? actor("unidentified-armed-group") : nil
        case .bandits: return actor("armed-bandits")
        }
    }

    func side(_ category: Category, _ s: Situation, _ rng: inout SplitMix64) -> Side {
        let x = rng.unit()
        let separatist = s.zone == .north ? 0.12 : 0.01
        switch category {
        case .armedClash:
            if x < separatist { return .separatist }
            return x < separatist + 0.6 ? .jihadist : x < separatist + 0.8 ? .state : .militia
        case .attack: return x < 0.75 ? .jihadist : x < 0.85 ? .militia : .unidentified
        case .violenceAgainstCivilians:
            return x < 0.4 ? .jihadist : x < 0.62 ? .militia : x < 0.8 ? .state : x < 0.95 ? .unidentified : .bandits
        case .remoteViolence: return x < 0.78 ? .jihadist : .state
        case .abduction: return x < 0.7 ? .jihadist : x < 0.9 ? .unidentified : .bandits
        case .strategicDevelopment: return x < 0.45 ? .jihadist : x < 0.9 ? .state : x < 0.95 ? .separatist : .militia
        case .massacre: return x < 0.5 ? .jihadist : .militia
        default: return .unidentified
        }
    }

    /// The other side of a clash or a strike.
    func opponent(of perpetrator: Int32?, side: Side, _ s: Situation, _ rng: inout SplitMix64) -> Int32 {
        switch side {
        case .state:
            return choose(jihadistWeights(s), &rng)
        case .militia:
            if perpetrator == actor("gatia") || perpetrator == actor("msa") { return actor("isgs") }
            return choose(jihadistWeights(s), &rng)
        default:
            if perpetrator == actor("jnim") && s.year >= 2019 && rng.chance(0.15)
                && ["mopti", "gao", "menaka", "tombouctou"].contains(s.region)
            {
                return actor("isgs")
            }
            if perpetrator == actor("isgs") && rng.chance(0.2) && (s.region == "menaka" || s.region == "gao") {
                return actor(rng.chance(0.5) ? "gatia" : "msa")
            }
            let d = s.day
            if d >= Self.day(2013, 7, 1) && d < Self.day(2023, 12, 31) && s.zone != .south && rng.chance(0.12) {
                return actor("minusma")
            }
            return choose(stateWeights(s).filter { $0.0 != "police" }, &rng)
        }
    }

    // MARK: Incidents

    static let incidentCategories: [(Category, Double)] = [
        (.armedClash, 26), (.attack, 12), (.violenceAgainstCivilians, 24), (.remoteViolence, 13), (.abduction, 7),
        (.strategicDevelopment, 11), (.protest, 5), (.riot, 1.5), (.massacre, 0.5),
    ]
    static let incidentCategoryChoice = WeightedChoice(incidentCategories.map(\.1))

    /// ACLED-like fatalities: mostly 0–5, a long tail.
    static func fatalities(_ rng: inout SplitMix64) -> Int {
        let x = rng.unit()
        switch x {
        case ..<0.42: return 0
        case ..<0.75: return rng.int(1...3)
        case ..<0.88: return rng.int(4...9)
        case ..<0.97: return rng.int(10...30)
        case ..<0.995: return rng.int(31...100)
        default: return rng.int(101...300)
        }
    }

    func sources(_ rng: inout SplitMix64, primary: String, extra: [String]) -> [Int32] {
        var list = [source(primary)]
        if rng.chance(0.2) { list.append(source(extra[rng.below(extra.count)])) }
        return list
    }

    mutating func makeIncident(id: String, _ s: Situation, _ rng: inout SplitMix64) -> Record {
        let category = Self.incidentCategories[Self.incidentCategoryChoice.sample(&rng)].0
        let side = self.side(category, s, &rng)
        var perpetrator = pickActor(side, s, &rng)
        var actors: [Participation] = []
        var opposing: Int32?
        var target: String?
        var victims = "civilians"
        var subtype = 0
        var originalType: String
        var best: Int? = Self.fatalities(&rng)
        switch category {
        case .armedClash:
            let o = opponent(of: perpetrator, side: side, s, &rng)
            opposing = o
            actors.append(Participation(actor: o, role: "target"))
            originalType =
                !rng.chance(0.06)
                ? "Battles / Armed clash"
                : side == .state
                    ? "Battles / Government regains territory" : "Battles / Non-state actor overtakes territory"
        case .attack:
            let o = opponent(of: perpetrator, side: .jihadist, s, &rng)
            opposing = o
            actors.append(Participation(actor: o, role: "target"))
            originalType = "Battles / Armed clash"
        case .violenceAgainstCivilians, .massacre:
            target = "civilians"
            if rng.chance(0.25) { actors.append(Participation(actor: actor("civilians"), role: "target")) }
            if category == .massacre { best = rng.int(15...60) + (rng.chance(0.3) ? rng.int(0...140) : 0) }
            originalType =
                rng.chance(0.03)
                ? "Violence against civilians / Sexual violence" : "Violence against civilians / Attack"
        case .remoteViolence:
            if side == .state {
                subtype = 2
                let barkhane = s.day >= Self.day(2014, 8, 1) && s.day < Self.day(2022, 8, 15) && s.zone != .south
                perpetrator = actor(barkhane && rng.chance(0.3) ? "barkhane" : "fama")
                let o = choose(jihadistWeights(s), &rng)
                opposing = o
                actors.append(Participation(actor: o, role: "target"))
                originalType = "Explosions/Remote violence / Air/drone strike"
            } else {
                let x = rng.unit()
                subtype = x < 0.65 ? 0 : x < 0.93 ? 1 : 3
                let o = opponent(of: perpetrator, side: .jihadist, s, &rng)
                opposing = o
                if rng.chance(0.25) && subtype == 0 {
                    target = "civilians"
                } else {
                    actors.append(Participation(actor: o, role: "target"))
                }
                originalType =
                    [
                        "Explosions/Remote violence / Remote explosive/landmine/IED",
                        "Explosions/Remote violence / Shelling/artillery/missile attack", "",
                        "Explosions/Remote violence / Suicide bomb",
                    ][subtype]
                if subtype == 0 && rng.chance(0.5) { perpetrator = nil }
            }
        case .abduction:
            let kinds = ["civilians", "traders", "local officials", "aid workers", "truck drivers"]
            let v = kinds[rng.below(kinds.count)]
            victims = v
            target = "civilians"
            if v == "aid workers" { actors.append(Participation(actor: actor("humanitarian-workers"), role: "target")) }
            best = rng.chance(0.9) ? 0 : rng.int(1...2)
            originalType = "Violence against civilians / Abduction/forced disappearance"
        case .strategicDevelopment:
            best = nil
            if side == .state {
                subtype = rng.chance(0.6) ? 2 : 3
                if subtype == 2 { opposing = choose(jihadistWeights(s), &rng) }
                originalType =
                    subtype == 2
                    ? "Strategic developments / Arrests" : "Strategic developments / Headquarters or base established"
            } else {
                subtype = rng.chance(0.35) ? 1 : 0
                originalType =
                    subtype == 1
                    ? "Strategic developments / Other" : "Strategic developments / Looting/property destruction"
            }
        case .protest:
            perpetrator = nil
            actors.append(Participation(actor: actor("protesters"), role: "participant"))
            if rng.chance(0.04) {
                best = rng.int(1...4)
                actors.append(Participation(actor: actor(s.zone == .capital ? "police" : "fama"), role: "intervening"))
                originalType = "Protests / Excessive force against protesters"
            } else {
                best = nil
                originalType = rng.chance(0.85) ? "Protests / Peaceful protest" : "Protests / Protest with intervention"
            }
        case .riot:
            perpetrator = nil
            actors.append(Participation(actor: actor("rioters"), role: "participant"))
            best = rng.chance(0.8) ? 0 : rng.int(1...3)
            originalType = rng.chance(0.7) ? "Riots / Violent demonstration" : "Riots / Mob violence"
        default:
            originalType = "Strategic developments / Other"
        }
        if let p = perpetrator { actors.insert(Participation(actor: p, role: RecordStore.perpetratorRole), at: 0) }

        // Fatalities, sometimes as a range where sources disagree.
        var fatalities: Fatalities?
        var hasRange = false
        if let b = best {
            fatalities = Fatalities(best: b)
            if b >= 3 && rng.chance(0.05) {
                fatalities?.low = max(0, b - rng.int(1...max(1, b / 3)))
                fatalities?.high = b + rng.int(1...max(1, b / 2))
                hasRange = true
            }
        }
        let deaths = best ?? 0
        let severity: Severity =
            deaths >= 20 || category == .massacre
            ? .critical
            : category.isViolent || category == .riot || deaths > 0 ? .warning : .notice

        // Coordinates: at the town for precise reports, else a few kilometres around it.
        var lat = s.place.lat, lon = s.place.lon
        if rng.chance(0.45) {
            lat += Double(rng.int(-3...3)) / 32
            lon += Double(rng.int(-3...3)) / 32
        }

        let context = SyntheticText.Context(
            date: s.date, place: s.place.name, otherPlace: s.otherPlace, cercle: s.place.cercle,
            region: regionNames[Int(s.regionId)], capital: regionCapitals[Int(s.place.oldRegion)],
            perpetrator: perpetrator.map { shortNames[Int($0)] }, opponent: opposing.map { shortNames[Int($0)] },
            target: target, victims: victims, fatalities: deaths, hasRange: hasRange)
        let summary = SyntheticText.incidentNote(category, subtype: subtype, context, &rng)
        var end: PartialDate?
        if s.date.precision == .day && rng.chance(0.01) {
            end = PartialDate(day: s.day + Int32(rng.int(1...4)), precision: .day)
        }

        return Record(
            kind: .incident, id: id, date: s.date, end: end, category: category, severity: severity, summary: summary,
            actors: actors, regions: [s.regionId], location: s.place.name, latitude: lat, longitude: lon,
            fatalities: fatalities, target: target, originalType: originalType,
            sources: sources(&rng, primary: "syn-acled", extra: ["syn-press", "syn-ngo", "syn-ucdp"]))
    }

    // MARK: Timeline events

    static let eventCategories: [(Category, Double)] = [
        (.securityAlert, 28), (.strategicDevelopment, 14), (.report, 12), (.diplomacy, 10), (.protest, 10),
        (.foreignIntervention, 5),
        (.appointment, 4), (.sanction, 3), (.agreement, 4), (.election, 2), (.transition, 2), (.other, 4), (.coup, 0.2),
        (.attack, 1.8),
    ]
    static let eventCategoryChoice = WeightedChoice(eventCategories.map(\.1))

    mutating func makeEvent(id: String, _ s: Situation, _ rng: inout SplitMix64) -> Record {
        let category = Self.eventCategories[Self.eventCategoryChoice.sample(&rng)].0
        let place = s.place.name
        let regionName = regionNames[Int(s.regionId)]
        let dateText = SyntheticText.dateText(s.date)
        var actors: [Participation] = []
        var regions = [s.regionId]
        var severity: Severity = .info
        var time: Int?
        var title: String
        var summary: String
        var figures: [Figure] = []
        var sourceName = "syn-press"
        var hasPlace = rng.chance(0.6)
        switch category {
        case .securityAlert:
            let threats = [
                "heightened risk of IED attacks", "armed robbery on the roads", "possible attacks on military posts",
                "kidnapping threat", "ban on motorbikes and pick-ups", "night curfew",
            ]
            let threat = threats[rng.below(threats.count)]
            title = "Security alert: \(threat) around \(place)"
            summary =
                "Authorities warn of a \(threat) around \(place) (\(regionName)) from \(dateText); travel on the \(place)–\(s.otherPlace) "
                + "axis is discouraged until further notice."
            severity = rng.chance(0.2) ? .critical : .warning
            if rng.chance(0.6) { time = rng.int(0...23) * 60 + rng.int(0...11) * 5 }
            sourceName = "syn-alerts"
            hasPlace = true
        case .strategicDevelopment:
            let group = pickActor(.jihadist, s, &rng) ?? actor("jnim")
            if rng.chance(0.5) {
                title = "\(shortNames[Int(group)]) imposes a blockade on \(place)"
                summary =
                    "\(shortNames[Int(group)]) fighters have surrounded \(place) (\(regionName)) and stop trucks on the roads to "
                    + "\(s.otherPlace); prices of millet and fuel have doubled."
                actors.append(Participation(actor: group, role: "perpetrator"))
            } else {
                let force = pickActor(.state, s, &rng) ?? actor("fama")
                title = "\(shortNames[Int(force)]) redeploy to \(place)"
                summary =
                    "\(shortNames[Int(force)]) units have returned to \(place) (\(regionName)), which they had left months before, and "
                    + "reopened the camp."
                actors.append(Participation(actor: force, role: "deployed"))
            }
            severity = .notice
        case .report:
            let org = ["united-nations", "hrw", "minusma", "humanitarian-workers"][rng.below(4)]
            let n = 20 + rng.below(400)
            title = "\(shortNames[Int(actor(org))]) report on violence against civilians in \(regionName)"
            summary =
                "A report published on \(dateText) documents attacks on civilians in \(regionName), at least \(n) killed over the "
                + "previous quarter, and calls for \"independent and impartial investigations\"."
            actors.append(Participation(actor: actor(org), role: "source"))
            if rng.chance(0.3) {
                figures.append(
                    Figure(
                        label: "civilians killed in \(regionName) over the quarter", value: Double(n), unit: "people",
                        qualifier: .atLeast))
            }
            sourceName = "syn-un"
            severity = .notice
            hasPlace = false
        case .diplomacy:
            let org = ["ecowas", "african-union", "united-nations", "european-union", "aes", "russia"][rng.below(6)]
            title = "\(shortNames[Int(actor(org))]) delegation in Bamako for talks with the authorities"
            summary =
                "A delegation of \(shortNames[Int(actor(org))]) met the transitional authorities in Bamako on \(dateText) to discuss "
                + "security in \(regionName) and the calendar of the transition."
            actors.append(Participation(actor: actor(org), role: "mediator"))
            actors.append(
                Participation(
                    actor: actor(s.year >= 2020 ? "transitional-government" : "government-of-mali"), role: "host"))
            if s.regionId != region("bamako") { regions.append(region("bamako")) }
        case .protest:
            let topics = [
                "insecurity", "the high cost of living", "power cuts", "the ECOWAS sanctions",
                "the foreign military presence",
                "the arrest of a local leader",
            ]
            let topic = topics[rng.below(topics.count)]
            title = "Demonstration in \(place) against \(topic)"
            summary =
                "Several hundred people gathered in \(place) (\(regionName)) on \(dateText) to protest against \(topic); "
                + "the march ended without incident."
            actors.append(
                Participation(
                    actor: actor(rng.chance(0.2) && s.year >= 2020 ? "m5-rfp" : "protesters"), role: "organiser"))
        case .foreignIntervention:
            let force = pickActor(.state, s, &rng) ?? actor("fama")
            title = "Joint operation of \(shortNames[Int(force)]) around \(place)"
            summary =
                "\(shortNames[Int(force)]) led an operation around \(place) and \(s.otherPlace) (\(regionName)) from \(dateText), "
                + "searching villages and checking roads."
            actors.append(Participation(actor: force, role: "operating"))
            severity = .notice
        case .appointment:
            title = "New governor appointed for \(regionName)"
            summary =
                "The council of ministers of \(dateText) appointed a new governor for \(regionName), a senior officer of the armed forces."
            actors.append(
                Participation(
                    actor: actor(s.year >= 2020 ? "transitional-government" : "government-of-mali"), role: "appointing")
            )
            hasPlace = false
        case .sanction:
            let org = ["ecowas", "european-union", "united-states"][rng.below(3)]
            title = "\(shortNames[Int(actor(org))]) sanctions officials over the security situation"
            summary =
                "\(shortNames[Int(actor(org))]) announced on \(dateText) asset freezes and travel bans on officials it holds responsible "
                + "for abuses in \(regionName)."
            actors.append(Participation(actor: actor(org), role: "sanctioning"))
            severity = .notice
            hasPlace = false
        case .agreement:
            title = "Local peace agreement signed in \(place)"
            summary =
                "Community leaders of \(place) (\(regionName)) signed a local agreement on \(dateText) on access to pastures, "
                + "water points and the weekly market."
            actors.append(Participation(actor: actor("government-of-mali"), role: "mediator"))
        case .election:
            title = "Voting disrupted in \(place)"
            summary =
                "Polling stations in \(place) (\(regionName)) did not open on \(dateText) after threats by armed men against "
                + "election staff."
            severity = .notice
        case .transition:
            title = "Transition authorities announce a new calendar"
            summary =
                "The transitional authorities announced on \(dateText) a new calendar for the referendum and the elections, "
                + "citing insecurity in \(regionName)."
            actors.append(Participation(actor: actor("transitional-government"), role: "announcing"))
            if s.regionId != region("bamako") { regions.append(region("bamako")) }
            hasPlace = false
        case .coup:
            title = "Mutiny reported at the Kati barracks"
            summary =
                "Shots were heard at the Kati military camp on \(dateText); soldiers blocked the road to Bamako before the "
                + "situation calmed."
            actors.append(Participation(actor: actor("fama"), role: "mutineers"))
            regions = [region("koulikoro")]
            severity = .critical
            hasPlace = false
        case .attack:
            let group = pickActor(.jihadist, s, &rng) ?? actor("jnim")
            title = "Major attack by \(shortNames[Int(group)]) on \(place)"
            summary =
                "A large force of \(shortNames[Int(group)]) fighters attacked the military camp and the town of \(place) "
                + "(\(regionName)) on \(dateText); the toll remained unclear for days."
            actors.append(Participation(actor: group, role: "perpetrator"))
            severity = .critical
        default:
            title = "Floods displace families in \(place)"
            summary =
                "Heavy rains flooded neighbourhoods of \(place) (\(regionName)) on \(dateText); hundreds of families are "
                + "sheltered in schools."
            hasPlace = true
        }
        var note: String?
        if rng.chance(0.01) { note = "Synthetic record: the wording and the figures are generated." }
        var alternatives: [Alternative] = []
        if rng.chance(0.005) {
            alternatives.append(
                Alternative(
                    field: "date", value: PartialDate(day: s.day - 1, precision: .day).description,
                    sources: [source("syn-press")], note: "an earlier report gives the day before"))
        }
        var sources = [source(sourceName)]
        if rng.chance(0.25) { sources.append(source(sourceName == "syn-un" ? "syn-ngo" : "syn-un")) }
        return Record(
            kind: .event, id: id, date: s.date, time: time, category: category, severity: severity, title: title,
            summary: summary, actors: actors, regions: regions, location: hasPlace ? place : nil,
            latitude: hasPlace ? s.place.lat : nil, longitude: hasPlace ? s.place.lon : nil, note: note,
            figures: figures,
            alternatives: alternatives, sources: sources)
    }
}
