import SitmonCore

/// The places an import resolves admin1 names against: Mali's regions (the ten regions and the Bamako district,
/// plus the nine regions of the 2023 law) and the neighbouring countries, with the ids, names, ISO codes, zones and
/// capitals of the bundled dataset (`data/mali.json`), so that an imported dataset and the bundled one name the
/// same region with the same id. Embedded here so that an import works from any directory.
public enum ImportGazetteer {
    /// One place of the gazetteer.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var name: String
        public var aliases: [String]
        public var kind: RegionKind
        public var iso: String?
        public var zone: Zone
        /// The id of the older region a 2023 region was cut from.
        public var parent: String?
        public var capital: Place?
    }

    static func entry(
        _ id: String, _ name: String, _ aliases: [String] = [], kind: RegionKind = .region,
        iso: String? = nil, zone: Zone, parent: String? = nil,
        capital: (String, Double, Double)
    ) -> Entry {
        Entry(
            id: id, name: name, aliases: aliases, kind: kind, iso: iso, zone: zone, parent: parent,
            capital: Place(name: capital.0, latitude: capital.1, longitude: capital.2))
    }

    /// Mali's admin1 regions (before and after the 2023 law), as in the bundled dataset.
    public static let maliRegions: [Entry] = [
        entry("kayes", "Kayes", iso: "ML-1", zone: .west, capital: ("Kayes", 14.448, -11.444)),
        entry("koulikoro", "Koulikoro", iso: "ML-2", zone: .south, capital: ("Koulikoro", 12.863, -7.56)),
        entry("sikasso", "Sikasso", iso: "ML-3", zone: .south, capital: ("Sikasso", 11.318, -5.667)),
        entry("segou", "Ségou", ["Segou"], iso: "ML-4", zone: .centre, capital: ("Ségou", 13.44, -6.259)),
        entry("mopti", "Mopti", iso: "ML-5", zone: .centre, capital: ("Mopti", 14.484, -4.183)),
        entry(
            "tombouctou", "Tombouctou", ["Timbuktu", "Tombouktou"], iso: "ML-6", zone: .north,
            capital: ("Tombouctou", 16.773, -3.007)),
        entry("gao", "Gao", iso: "ML-7", zone: .north, capital: ("Gao", 16.272, -0.045)),
        entry("kidal", "Kidal", iso: "ML-8", zone: .north, capital: ("Kidal", 18.443, 1.409)),
        entry("menaka", "Ménaka", ["Menaka"], iso: "ML-9", zone: .north, capital: ("Ménaka", 15.92, 2.396)),
        entry(
            "taoudenit", "Taoudénit", ["Taoudenit", "Taoudeni", "Taoudenni", "Taoudénit region"], iso: "ML-10",
            zone: .north, capital: ("Taoudénit", 22.677, -3.979)),
        entry(
            "bamako", "Bamako", ["Bamako District", "District de Bamako"], kind: .district, iso: "ML-BKO",
            zone: .capital, capital: ("Bamako", 12.609, -7.975)),
        entry(
            "nioro", "Nioro", ["Nioro du Sahel"], kind: .region2023, zone: .west, parent: "kayes",
            capital: ("Nioro", 15.231, -9.594)),
        entry("kita", "Kita", kind: .region2023, zone: .west, parent: "kayes", capital: ("Kita", 13.039, -9.488)),
        entry(
            "dioila", "Dioïla", ["Dioila"], kind: .region2023, zone: .south, parent: "koulikoro",
            capital: ("Dioïla", 12.487, -6.803)),
        entry("nara", "Nara", kind: .region2023, zone: .south, parent: "koulikoro", capital: ("Nara", 15.169, -7.29)),
        entry(
            "bougouni", "Bougouni", kind: .region2023, zone: .south, parent: "sikasso",
            capital: ("Bougouni", 11.418, -7.483)),
        entry(
            "koutiala", "Koutiala", kind: .region2023, zone: .south, parent: "sikasso",
            capital: ("Koutiala", 12.387, -5.465)),
        entry("san", "San", kind: .region2023, zone: .centre, parent: "segou", capital: ("San", 13.297, -4.896)),
        entry(
            "douentza", "Douentza", kind: .region2023, zone: .centre, parent: "mopti",
            capital: ("Douentza", 15.006, -2.952)),
        entry(
            "bandiagara", "Bandiagara", ["Bandjagara"], kind: .region2023, zone: .centre, parent: "mopti",
            capital: ("Bandiagara", 14.35, -3.61)),
    ]

    /// Mali's neighbours and the other countries the sources name, as in the bundled dataset.
    public static let countries: [Entry] = [
        entry(
            "algeria", "Algeria", ["Algérie"], kind: .country, iso: "DZA", zone: .neighbour,
            capital: ("Algiers", 36.732, 3.087)),
        entry("niger", "Niger", kind: .country, iso: "NER", zone: .neighbour, capital: ("Niamey", 13.514, 2.11)),
        entry(
            "burkina-faso", "Burkina Faso", ["Burkina"], kind: .country, iso: "BFA", zone: .neighbour,
            capital: ("Ouagadougou", 12.366, -1.534)),
        entry(
            "cote-divoire", "Côte d'Ivoire", ["Cote d'Ivoire", "Ivory Coast"], kind: .country, iso: "CIV",
            zone: .neighbour, capital: ("Yamoussoukro", 6.821, -5.277)),
        entry(
            "guinea", "Guinea", ["Guinée", "Guinee"], kind: .country, iso: "GIN", zone: .neighbour,
            capital: ("Conakry", 9.538, -13.677)),
        entry(
            "senegal", "Senegal", ["Sénégal"], kind: .country, iso: "SEN", zone: .neighbour,
            capital: ("Dakar", 14.694, -17.444)),
        entry(
            "mauritania", "Mauritania", ["Mauritanie"], kind: .country, iso: "MRT", zone: .neighbour,
            capital: ("Nouakchott", 18.086, -15.979)),
        entry("ghana", "Ghana", kind: .country, iso: "GHA", zone: .other, capital: ("Accra", 5.556, -0.197)),
        entry("togo", "Togo", kind: .country, iso: "TGO", zone: .other, capital: ("Lomé", 6.129, 1.222)),
        entry(
            "benin", "Benin", ["Bénin"], kind: .country, iso: "BEN", zone: .other,
            capital: ("Porto-Novo", 6.496, 2.604)),
        entry(
            "chad", "Chad", ["Tchad"], kind: .country, iso: "TCD", zone: .other,
            capital: ("N'Djamena", 12.107, 15.044)),
    ]

    /// The sources the gazetteer's positions and codes come from (the same ids and text as the bundled dataset).
    public static let sources: [Source] = [
        Source(
            id: "src-geonames", title: "GeoNames geographical database (city positions)", publisher: "GeoNames",
            url: "https://www.geonames.org/", accessed: PartialDate(year: 2026, month: 12, day: 6),
            note: "Capital coordinates are GeoNames city positions rounded to three decimals (CC BY 4.0)."),
        Source(
            id: "src-iso-3166",
            title: "ISO 3166 country and subdivision codes (ISO 3166-1 alpha-3, ISO 3166-2:ML)",
            publisher: "International Organization for Standardization",
            url: "https://www.iso.org/iso-3166-country-codes.html", accessed: PartialDate(year: 2026, month: 12, day: 6)
        ),
    ]

    /// Every id the gazetteer may give a region or source; an import reserves them so that no actor, publication or
    /// other place takes one.
    static let reservedIds: [String] = maliRegions.map(\.id) + countries.map(\.id) + ["mali"] + sources.map(\.id)

    /// The folded lookup key of a place name: case, accents and punctuation ignored, and the words
    /// `region`, `district`, `province`, `cercle` (with `de`, `of`) dropped: `Région de Ségou` → `segou`.
    static func key(_ name: String) -> String {
        let words = ImportText.words(name)
        let dropped: Set<String> = ["region", "district", "province", "cercle", "de", "du", "of", "the"]
        let kept = words.filter { !dropped.contains($0) }
        return (kept.isEmpty ? words : kept).joined(separator: " ")
    }

    static func index(_ entries: [Entry]) -> [String: Int] {
        var table: [String: Int] = [:]
        for (k, e) in entries.enumerated() {
            for name in [e.name, e.id] + e.aliases where table[key(name)] == nil { table[key(name)] = k }
        }
        return table
    }

    static let maliIndex = index(maliRegions)
    static let countryIndex = index(countries)

    /// The Mali region an admin1 name designates (`Timbuktu`, `Segou`, `Ménaka region`, `Taoudeni`).
    public static func maliRegion(named name: String) -> Entry? {
        maliIndex[key(name)].map { maliRegions[$0] }
    }

    /// The country a name designates, among those the gazetteer holds.
    public static func country(named name: String) -> Entry? {
        countryIndex[key(name)].map { countries[$0] }
    }

    /// True when the name designates Mali.
    static func isMali(_ country: String) -> Bool { key(country) == "mali" }
}
