import SitmonCore

/// A deterministic, INVENTED export in ACLED's current 31-column CSV layout, for benchmarks and import tests at
/// real cardinality: tens of thousands of actors with ACLED's name shapes ("JNIM: …", "Military Forces of X
/// (2019-)", "Civilians (X)", "Unidentified Armed Group (X)", communal and ethnic militias, "ABC: … Front"),
/// `countries` invented countries with about 20 admin1 units each, notes with commas, doubled quotes and (one row
/// in three) a line break. Dyadic (one row per event) or monadic (one row per actor side: no actor2,
/// assoc_actor_2 or inter2; the sides of one event share its id and timestamp). Nothing in it is ACLED data.
public enum SyntheticACLED {
    public enum Layout: String, Sendable, CaseIterable { case dyadic, monadic }

    public struct Shape: Sendable {
        public var events: Int
        public var actors: Int
        public var countries: Int
        public var layout: Layout
        public var seed: UInt64
        public init(
            events: Int, actors: Int = 20_000, countries: Int = 50, layout: Layout = .dyadic,
            seed: UInt64 = SyntheticDataset.defaultSeed
        ) {
            self.events = events
            self.actors = actors
            self.countries = countries
            self.layout = layout
            self.seed = seed
        }
    }

    static let dyadicHeader =
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
        + "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
        + "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
        + "timestamp"
    static let monadicHeader =
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
        + "actor1,assoc_actor_1,inter1,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
        + "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp"

    static let syllables = [
        "ka", "lu", "te", "ssi", "bo", "ni", "dio", "ura", "ma", "ci", "na", "fu", "ke", "an",
        "son", "go", "ban", "kas", "ko", "ro", "dou", "en", "tza", "ga", "mi", "sa", "lo", "de",
    ]
    static let kinds: [(type: String, sub: String, civilians: Bool)] = [
        ("Battles", "Armed clash", false), ("Battles", "Government regains territory", false),
        ("Violence against civilians", "Attack", true),
        ("Violence against civilians", "Abduction/forced disappearance", true),
        ("Explosions/Remote violence", "Remote explosive/landmine/IED", false),
        ("Explosions/Remote violence", "Air/drone strike", false), ("Protests", "Peaceful protest", false),
        ("Riots", "Mob violence", false), ("Strategic developments", "Looting/property destruction", false),
    ]

    /// The actor names with their inter codes, the first being JNIM's ACLED name.
    static func actors(_ shape: Shape, rng: inout SplitMix64) -> [(name: String, inter: Int)] {
        func word() -> String {
            var w = ""
            for _ in 0..<(2 + Int(rng.next() % 2)) { w += syllables[Int(rng.next() % UInt64(syllables.count))] }
            return w.prefix(1).uppercased() + w.dropFirst()
        }
        let countries = countryNames(shape)
        var out: [(String, Int)] = [("JNIM: Group for Support of Islam and Muslims", 2)]
        var seen = Set<String>([out[0].0])
        var k = 0
        while out.count < max(1, shape.actors) {
            k += 1
            let c = countries[k % countries.count]
            let name: String, inter: Int
            switch rng.next() % 10 {
            case 0: name = "Military Forces of \(c) (\(2000 + Int(rng.next() % 25))-)"; inter = 1
            case 1: name = "Police Forces of \(c) (\(2000 + Int(rng.next() % 25))-)"; inter = 1
            case 2: name = "Unidentified Armed Group (\(c))"; inter = 3
            case 3: name = "\(word()) Communal Militia (\(c))"; inter = 4
            case 4: name = "\(word()) Ethnic Militia (\(c))"; inter = 4
            case 5: name = "Protesters (\(c))"; inter = 6
            case 6: name = "Rioters (\(c))"; inter = 5
            case 7: name = "Civilians (\(c))"; inter = 7
            default:
                let long =
                    "\(word()) \(["Liberation Front", "Movement for Justice", "Patriotic Alliance"][Int(rng.next() % 3)])"
                let initials = String(long.split(separator: " ").compactMap(\.first)).uppercased()
                name = "\(initials)\(k): \(long)"; inter = 2
            }
            // A name seen before becomes a communal militia of a new name (numbered if need be), so the requested
            // count of distinct actors is reached.
            var unique = name
            if seen.contains(unique) { unique = "\(word()) Communal Militia (\(c))" }
            if seen.contains(unique) { unique += " \(k)" }
            seen.insert(unique)
            out.append((unique, inter))
        }
        return out
    }

    static func countryNames(_ shape: Shape) -> [String] {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return (0..<max(1, shape.countries)).map { (k: Int) -> String in
            let first = letters[k / 26 % 26].uppercased()
            let second = String(letters[k % 26])
            return "Country " + first + second
        }
    }

    /// Writes the export in chunks of about 1 MB through `emit`; the same shape always gives the same bytes.
    public static func write(_ shape: Shape, emit: ([UInt8]) throws(WriteError) -> Void) throws(WriteError) {
        var rng = SplitMix64(seed: shape.seed)
        let actors = actors(shape, rng: &rng)
        let countries = countryNames(shape)
        // Three-letter id prefixes, one per country ("CAA", "CAB", …): ids never collide across countries.
        let codes = countries.map { "C" + $0.suffix(2).uppercased() }
        let monadic = shape.layout == .monadic
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        func text(_ s: String) { out.append(contentsOf: s.utf8) }
        func quoted(_ s: String) {
            out.append(UInt8(ascii: "\""))
            for b in s.utf8 {
                out.append(b)
                if b == UInt8(ascii: "\"") { out.append(b) }
            }
            out.append(UInt8(ascii: "\""))
        }
        text(monadic ? monadicHeader : dyadicHeader)
        text("\n")
        for n in 0..<max(0, shape.events) {
            let c = Int(rng.next() % UInt64(countries.count))
            let a1 = rng.next() % 20 == 0 ? 0 : Int(rng.next() % UInt64(actors.count))
            let a2 = Int(rng.next() % UInt64(actors.count))
            let kind = kinds[Int(rng.next() % UInt64(kinds.count))]
            let year = 2015 + Int(rng.next() % 10), month = 1 + Int(rng.next() % 12), day = 1 + Int(rng.next() % 28)
            let date = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
            let admin1 = "Province \(c)-\(rng.next() % 20)"
            let town = "Town \(rng.next() % 999)"
            let lat = String(Double(Int(rng.next() % 600_000) - 300_000) / 10_000)
            let lon = String(Double(Int(rng.next() % 600_000) - 200_000) / 10_000)
            let fatalities = kind.type == "Protests" ? 0 : Int(rng.next() % 21)
            let note =
                "INVENTED row \(n + 1): \(kind.sub.lowercased()) near \(town), \(admin1); a \"quoted\" word"
                + (n % 3 == 0 ? "\nand a second line." : ".")
            let id = codes[c] + String(n + 1)
            let precision = ["1", "1", "1", "2", "3"][Int(rng.next() % 5)]
            let admin2 = "District \(rng.next() % 99)"
            let sides = monadic ? [a1, a2] : [a1]
            for side in sides {
                text(id); text(","); text(date); text(","); text(String(year)); text(",")
                text(precision); text(",Political violence,")
                text(kind.type); text(","); text(kind.sub); text(",")
                quoted(actors[side].name); text(",,"); text(String(actors[side].inter)); text(",")
                if !monadic { quoted(actors[a2].name); text(",,"); text(String(actors[a2].inter)); text(",") }
                text(String(actors[side].inter * 10 + (monadic ? 0 : actors[a2].inter))); text(",")
                text(kind.civilians ? "Civilians targeted" : ""); text(","); text(String(c + 1)); text(",Africa,")
                text(countries[c]); text(","); text(admin1); text(","); text(admin2); text(",,")
                text(town); text(","); text(lat); text(","); text(lon); text(",1,")
                quoted("Invented Source; Other"); text(",Local,"); quoted(note); text(",")
                text(String(fatalities)); text(",,"); text(String(1_700_000_000 + n)); text("\n")
            }
            if out.count >= 1 << 20 {
                try emit(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try emit(out) }
    }
}
