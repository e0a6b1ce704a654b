import SitmonCore

/// The fixed tables of the synthetic dataset: regions, places, actors, sources.
/// Regions and capitals follow shared/reference/mali-regions.md; place coordinates are approximate town positions
/// (GeoNames-like, a few kilometres at most from the real ones), which is all a synthetic benchmark needs.
enum SyntheticGazetteer {
    struct RegionSpec {
        var id: String
        var name: String
        var aliases: [String]
        var kind: RegionKind
        var iso: String?
        var zone: Zone
        var parent: String?
        var capital: (name: String, lat: Double, lon: Double)
    }

    static let regions: [RegionSpec] = [
        RegionSpec(
            id: "kayes", name: "Kayes", aliases: [], kind: .region, iso: "ML-1", zone: .west,
            capital: ("Kayes", 14.448, -11.444)),
        RegionSpec(
            id: "koulikoro", name: "Koulikoro", aliases: [], kind: .region, iso: "ML-2", zone: .south,
            capital: ("Koulikoro", 12.863, -7.560)),
        RegionSpec(
            id: "sikasso", name: "Sikasso", aliases: [], kind: .region, iso: "ML-3", zone: .south,
            capital: ("Sikasso", 11.318, -5.667)),
        RegionSpec(
            id: "segou", name: "Ségou", aliases: ["Segou"], kind: .region, iso: "ML-4", zone: .centre,
            capital: ("Ségou", 13.440, -6.259)),
        RegionSpec(
            id: "mopti", name: "Mopti", aliases: [], kind: .region, iso: "ML-5", zone: .centre,
            capital: ("Mopti", 14.484, -4.183)),
        RegionSpec(
            id: "tombouctou", name: "Tombouctou", aliases: ["Timbuktu", "Tombouctou region"], kind: .region,
            iso: "ML-6", zone: .north,
            capital: ("Tombouctou", 16.773, -3.007)),
        RegionSpec(
            id: "gao", name: "Gao", aliases: [], kind: .region, iso: "ML-7", zone: .north,
            capital: ("Gao", 16.272, -0.045)),
        RegionSpec(
            id: "kidal", name: "Kidal", aliases: [], kind: .region, iso: "ML-8", zone: .north,
            capital: ("Kidal", 18.443, 1.409)),
        RegionSpec(
            id: "menaka", name: "Ménaka", aliases: ["Menaka"], kind: .region, iso: "ML-9", zone: .north,
            capital: ("Ménaka", 15.920, 2.396)),
        RegionSpec(
            id: "taoudenit", name: "Taoudénit", aliases: ["Taoudenni", "Taoudeni", "Taoudenit"], kind: .region,
            iso: "ML-10", zone: .north,
            capital: ("Taoudenni", 22.677, -3.979)),
        RegionSpec(
            id: "bamako", name: "Bamako", aliases: ["Bamako District", "District de Bamako"], kind: .district,
            iso: "ML-BKO", zone: .capital,
            capital: ("Bamako", 12.609, -7.975)),
        RegionSpec(
            id: "nioro", name: "Nioro", aliases: ["Nioro du Sahel"], kind: .region2023, zone: .west, parent: "kayes",
            capital: ("Nioro du Sahel", 15.231, -9.594)),
        RegionSpec(
            id: "kita", name: "Kita", aliases: [], kind: .region2023, zone: .west, parent: "kayes",
            capital: ("Kita", 13.039, -9.488)),
        RegionSpec(
            id: "dioila", name: "Dioïla", aliases: ["Dioila"], kind: .region2023, zone: .south, parent: "koulikoro",
            capital: ("Dioïla", 12.487, -6.803)),
        RegionSpec(
            id: "nara", name: "Nara", aliases: [], kind: .region2023, zone: .south, parent: "koulikoro",
            capital: ("Nara", 15.169, -7.290)),
        RegionSpec(
            id: "bougouni", name: "Bougouni", aliases: [], kind: .region2023, zone: .south, parent: "sikasso",
            capital: ("Bougouni", 11.418, -7.483)),
        RegionSpec(
            id: "koutiala", name: "Koutiala", aliases: [], kind: .region2023, zone: .south, parent: "sikasso",
            capital: ("Koutiala", 12.387, -5.465)),
        RegionSpec(
            id: "san", name: "San", aliases: [], kind: .region2023, zone: .centre, parent: "segou",
            capital: ("San", 13.297, -4.896)),
        RegionSpec(
            id: "douentza", name: "Douentza", aliases: [], kind: .region2023, zone: .centre, parent: "mopti",
            capital: ("Douentza", 15.006, -2.952)),
        RegionSpec(
            id: "bandiagara", name: "Bandiagara", aliases: ["Bandjagara"], kind: .region2023, zone: .centre,
            parent: "mopti",
            capital: ("Bandiagara", 14.350, -3.610)),
        RegionSpec(
            id: "algeria", name: "Algeria", aliases: ["Algérie"], kind: .country, iso: "DZA", zone: .neighbour,
            capital: ("Algiers", 36.753, 3.059)),
        RegionSpec(
            id: "niger", name: "Niger", aliases: [], kind: .country, iso: "NER", zone: .neighbour,
            capital: ("Niamey", 13.512, 2.112)),
        RegionSpec(
            id: "burkina-faso", name: "Burkina Faso", aliases: [], kind: .country, iso: "BFA", zone: .neighbour,
            capital: ("Ouagadougou", 12.365, -1.534)),
        RegionSpec(
            id: "cote-divoire", name: "Côte d'Ivoire", aliases: ["Cote d'Ivoire", "Ivory Coast"], kind: .country,
            iso: "CIV", zone: .neighbour,
            capital: ("Yamoussoukro", 6.821, -5.277)),
        RegionSpec(
            id: "guinea", name: "Guinea", aliases: ["Guinée"], kind: .country, iso: "GIN", zone: .neighbour,
            capital: ("Conakry", 9.538, -13.677)),
        RegionSpec(
            id: "senegal", name: "Senegal", aliases: ["Sénégal"], kind: .country, iso: "SEN", zone: .neighbour,
            capital: ("Dakar", 14.694, -17.444)),
        RegionSpec(
            id: "mauritania", name: "Mauritania", aliases: ["Mauritanie"], kind: .country, iso: "MRT", zone: .neighbour,
            capital: ("Nouakchott", 18.086, -15.975)),
        RegionSpec(
            id: "ghana", name: "Ghana", aliases: [], kind: .country, iso: "GHA", zone: .other,
            capital: ("Accra", 5.556, -0.197)),
        RegionSpec(
            id: "togo", name: "Togo", aliases: [], kind: .country, iso: "TGO", zone: .other,
            capital: ("Lomé", 6.131, 1.223)),
        RegionSpec(
            id: "benin", name: "Benin", aliases: ["Bénin"], kind: .country, iso: "BEN", zone: .other,
            capital: ("Porto-Novo", 6.497, 2.605)),
        RegionSpec(
            id: "chad", name: "Chad", aliases: ["Tchad"], kind: .country, iso: "TCD", zone: .other,
            capital: ("N'Djamena", 12.107, 15.044)),
    ]

    /// A place incidents happen at: its old (pre-2024) region, the 2023 region it now belongs to, its cercle.
    struct PlaceSpec {
        var name: String
        var region: String
        var newRegion: String?
        var cercle: String
        var lat: Double
        var lon: Double
        var weight: Double
    }

    static func p(
        _ name: String, _ region: String, _ cercle: String, _ lat: Double, _ lon: Double, _ weight: Double,
        new: String? = nil
    ) -> PlaceSpec {
        PlaceSpec(name: name, region: region, newRegion: new, cercle: cercle, lat: lat, lon: lon, weight: weight)
    }

    static let places: [PlaceSpec] = [
        // Mopti (centre): the heart of the insurgency since 2015.
        p("Mopti", "mopti", "Mopti", 14.484, -4.183, 3), p("Sévaré", "mopti", "Mopti", 14.533, -4.097, 2),
        p("Konna", "mopti", "Mopti", 14.948, -3.888, 1.5), p("Djenné", "mopti", "Djenné", 13.906, -4.553, 1.5),
        p("Ténenkou", "mopti", "Ténenkou", 14.457, -4.918, 1), p("Diafarabé", "mopti", "Ténenkou", 14.158, -5.005, 1),
        p("Dioura", "mopti", "Ténenkou", 14.827, -5.247, 0.8), p("Youwarou", "mopti", "Youwarou", 15.380, -4.263, 0.8),
        p("Bandiagara", "mopti", "Bandiagara", 14.350, -3.610, 2, new: "bandiagara"),
        p("Bankass", "mopti", "Bankass", 14.078, -3.517, 1.5, new: "bandiagara"),
        p("Koro", "mopti", "Koro", 14.072, -3.082, 2, new: "bandiagara"),
        p("Ogossagou", "mopti", "Bankass", 14.171, -3.395, 0.6, new: "bandiagara"),
        p("Sobane Da", "mopti", "Bandiagara", 14.470, -3.290, 0.4, new: "bandiagara"),
        p("Diallassagou", "mopti", "Bankass", 13.972, -3.582, 0.5, new: "bandiagara"),
        p("Dinangourou", "mopti", "Koro", 14.436, -2.247, 0.5, new: "bandiagara"),
        p("Douentza", "mopti", "Douentza", 15.003, -2.950, 1.5, new: "douentza"),
        p("Boni", "mopti", "Douentza", 15.073, -1.973, 1, new: "douentza"),
        p("Hombori", "mopti", "Douentza", 15.283, -1.700, 0.8, new: "douentza"),
        p("Boulkessi", "mopti", "Douentza", 14.930, -1.580, 1, new: "douentza"),
        p("Mondoro", "mopti", "Douentza", 14.620, -1.950, 0.8, new: "douentza"),
        // Ségou (centre).
        p("Ségou", "segou", "Ségou", 13.440, -6.259, 1.5), p("Markala", "segou", "Ségou", 13.698, -6.069, 0.7),
        p("Niono", "segou", "Niono", 14.252, -5.993, 2), p("Diabaly", "segou", "Niono", 14.690, -6.015, 1),
        p("Farabougou", "segou", "Niono", 14.120, -6.290, 0.8), p("Dogofry", "segou", "Niono", 14.400, -5.550, 0.6),
        p("Sokolo", "segou", "Niono", 14.733, -6.122, 0.6), p("Nampala", "segou", "Niono", 15.280, -5.550, 0.6),
        p("Macina", "segou", "Macina", 13.955, -5.358, 1.2), p("Monimpébougou", "segou", "Macina", 13.930, -5.690, 0.5),
        p("Bla", "segou", "Bla", 12.948, -5.760, 0.5), p("Yangasso", "segou", "Bla", 13.070, -5.300, 0.4),
        p("San", "segou", "San", 13.297, -4.896, 0.7, new: "san"),
        p("Tominian", "segou", "Tominian", 13.286, -4.390, 0.5, new: "san"),
        // Tombouctou (north).
        p("Tombouctou", "tombouctou", "Tombouctou", 16.773, -3.007, 1.5),
        p("Ber", "tombouctou", "Tombouctou", 16.780, -2.460, 1),
        p("Goundam", "tombouctou", "Goundam", 16.414, -3.671, 1),
        p("Tonka", "tombouctou", "Goundam", 16.090, -3.800, 0.4),
        p("Diré", "tombouctou", "Diré", 16.280, -3.392, 0.6),
        p("Niafunké", "tombouctou", "Niafunké", 15.932, -3.990, 0.8),
        p("Léré", "tombouctou", "Niafunké", 15.716, -4.913, 1.2),
        p("Gourma-Rharous", "tombouctou", "Gourma-Rharous", 16.879, -1.927, 0.8),
        p("Gossi", "tombouctou", "Gourma-Rharous", 15.820, -1.300, 0.9),
        // Gao (north).
        p("Gao", "gao", "Gao", 16.272, -0.045, 1.5), p("Djébock", "gao", "Gao", 16.250, 0.350, 0.4),
        p("Bourem", "gao", "Bourem", 16.955, -0.350, 0.8), p("Almoustarat", "gao", "Bourem", 17.350, 0.050, 0.3),
        p("Ansongo", "gao", "Ansongo", 15.660, 0.502, 1), p("Tessit", "gao", "Ansongo", 15.010, 0.790, 1),
        p("Ouatagouna", "gao", "Ansongo", 15.180, 0.720, 0.7), p("Talataye", "gao", "Ansongo", 15.450, 1.000, 0.6),
        // Kidal (north).
        p("Kidal", "kidal", "Kidal", 18.443, 1.409, 1.5), p("Anéfis", "kidal", "Kidal", 17.950, 0.560, 0.8),
        p("Aguelhok", "kidal", "Tessalit", 19.461, 0.856, 1), p("Tessalit", "kidal", "Tessalit", 20.198, 1.012, 0.8),
        p("Tin-Essako", "kidal", "Tin-Essako", 18.450, 2.480, 0.3),
        p("Abeïbara", "kidal", "Abeïbara", 19.120, 1.750, 0.3),
        // Ménaka (north-east).
        p("Ménaka", "menaka", "Ménaka", 15.917, 2.402, 1.5),
        p("Andéramboukane", "menaka", "Andéramboukane", 15.430, 3.030, 1),
        p("Inékar", "menaka", "Ménaka", 15.950, 3.150, 0.8), p("Tidermène", "menaka", "Tidermène", 16.280, 2.430, 0.4),
        p("Tamalat", "menaka", "Ménaka", 15.900, 2.800, 0.5),
        // Taoudénit (far north).
        p("Taoudenni", "taoudenit", "Taoudenni", 22.677, -3.979, 0.5),
        p("Araouane", "taoudenit", "Araouane", 18.904, -3.528, 0.5),
        p("Boujbéha", "taoudenit", "Boujbéha", 20.400, -3.300, 0.3),
        p("Foum Elba", "taoudenit", "Foum Elba", 21.700, -1.900, 0.2),
        // Koulikoro (south).
        p("Koulikoro", "koulikoro", "Koulikoro", 12.863, -7.560, 0.5),
        p("Kati", "koulikoro", "Kati", 12.744, -8.072, 0.8),
        p("Kolokani", "koulikoro", "Kolokani", 13.573, -8.034, 0.5),
        p("Banamba", "koulikoro", "Banamba", 13.547, -7.448, 0.5),
        p("Ouélessébougou", "koulikoro", "Kati", 11.960, -7.920, 0.3),
        p("Kangaba", "koulikoro", "Kangaba", 11.930, -8.420, 0.2),
        p("Nara", "koulikoro", "Nara", 15.169, -7.290, 0.8, new: "nara"),
        p("Mourdiah", "koulikoro", "Nara", 14.470, -7.470, 0.3, new: "nara"),
        p("Dioïla", "koulikoro", "Dioïla", 12.487, -6.803, 0.4, new: "dioila"),
        // Sikasso (south).
        p("Sikasso", "sikasso", "Sikasso", 11.318, -5.667, 0.8),
        p("Kadiolo", "sikasso", "Kadiolo", 10.560, -5.760, 0.6),
        p("Zégoua", "sikasso", "Kadiolo", 10.470, -5.640, 0.3), p("Misséni", "sikasso", "Kadiolo", 10.300, -6.070, 0.3),
        p("Koutiala", "sikasso", "Koutiala", 12.387, -5.465, 0.7, new: "koutiala"),
        p("Yorosso", "sikasso", "Yorosso", 12.360, -4.780, 0.4, new: "koutiala"),
        p("Bougouni", "sikasso", "Bougouni", 11.418, -7.483, 0.6, new: "bougouni"),
        p("Kolondiéba", "sikasso", "Kolondiéba", 11.090, -6.890, 0.4, new: "bougouni"),
        p("Yanfolila", "sikasso", "Yanfolila", 11.180, -8.150, 0.4, new: "bougouni"),
        // Kayes (west).
        p("Kayes", "kayes", "Kayes", 14.448, -11.444, 0.6), p("Bafoulabé", "kayes", "Bafoulabé", 13.810, -10.830, 0.3),
        p("Kéniéba", "kayes", "Kéniéba", 12.840, -11.240, 0.4),
        p("Yélimané", "kayes", "Yélimané", 15.120, -10.570, 0.2),
        p("Sandaré", "kayes", "Nioro du Sahel", 14.700, -10.300, 0.3),
        p("Nioro du Sahel", "kayes", "Nioro du Sahel", 15.231, -9.594, 0.6, new: "nioro"),
        p("Diéma", "kayes", "Diéma", 14.540, -9.180, 0.5, new: "nioro"),
        p("Kita", "kayes", "Kita", 13.039, -9.488, 0.4, new: "kita"),
        // Bamako district.
        p("Bamako", "bamako", "Bamako", 12.609, -7.975, 1), p("Sénou", "bamako", "Bamako", 12.534, -7.950, 0.3),
        p("Kalaban Coura", "bamako", "Bamako", 12.580, -7.990, 0.2),
        p("Banconi", "bamako", "Bamako", 12.670, -7.970, 0.2),
    ]

    /// Relative activity of each old region, and how it moved over the years (north first, then the centre, then the south).
    static func regionWeight(_ region: String, year: Int) -> Double {
        let base: Double
        switch region {
        case "mopti": base = 30
        case "segou": base = 14
        case "gao": base = 13
        case "tombouctou": base = 10
        case "menaka": base = 8
        case "kidal": base = 4
        case "koulikoro": base = 5
        case "sikasso": base = 4
        case "kayes": base = 3
        case "bamako": base = 2
        default: base = 0.5
        }
        let north = ["tombouctou", "gao", "kidal", "menaka", "taoudenit"].contains(region)
        let south = ["koulikoro", "sikasso", "kayes"].contains(region)
        switch year {
        case ...2013: return base * (north ? 4 : region == "mopti" ? 0.5 : region == "segou" ? 0.3 : 0.2)
        case 2014...2016: return base * (north ? 2 : region == "mopti" ? 0.8 : region == "segou" ? 0.5 : 0.3)
        case 2017...2019: return base * (north ? 1 : region == "mopti" ? 1.3 : region == "segou" ? 1 : 0.5)
        default: return base * (north ? 1 : region == "mopti" ? 1.1 : region == "segou" ? 1.2 : south ? 1.2 : 1)
        }
    }

    /// Relative number of records per year, 2012 to 2025 (2025 covers January to July): ACLED-like growth.
    static let yearWeights: [(year: Int, weight: Double)] = [
        (2012, 3), (2013, 4), (2014, 3), (2015, 4), (2016, 5), (2017, 7), (2018, 10), (2019, 12), (2020, 14),
        (2021, 16), (2022, 20), (2023, 19), (2024, 18), (2025, 10),
    ]

    struct ActorSpec {
        var id: String
        var name: String
        var shortName: String?
        var aliases: [String]
        var kind: ActorKind
        var parent: String?
        var summary: String
    }

    static func a(
        _ id: String, _ name: String, _ short: String?, _ aliases: [String], _ kind: ActorKind, parent: String? = nil,
        _ summary: String
    ) -> ActorSpec {
        ActorSpec(id: id, name: name, shortName: short, aliases: aliases, kind: kind, parent: parent, summary: summary)
    }

    static let actors: [ActorSpec] = [
        a(
            "al-qaeda", "al-Qaeda", "al-Qaeda", ["Al-Qaïda", "al-Qaida"], .jihadistGroup,
            "Global jihadist network; parent of AQIM and JNIM."),
        a(
            "aqim", "al-Qaeda in the Islamic Maghreb", "AQIM", ["AQMI", "Al-Qaïda au Maghreb islamique"],
            .jihadistGroup, parent: "al-qaeda",
            "Al-Qaeda's North African branch, present in northern Mali since the 2000s."),
        a(
            "jnim", "Jama'at Nusrat al-Islam wal-Muslimin", "JNIM",
            [
                "GSIM", "Groupe de soutien à l'islam et aux musulmans",
                "Support Group for Islam and Muslims", "Jamaat Nusrat al-Islam wal-Muslimin",
            ], .jihadistGroup, parent: "al-qaeda",
            "Coalition formed in March 2017 by Ansar Dine, Katiba Macina, al-Mourabitoun and AQIM's Sahara branch."),
        a(
            "katiba-macina", "Katiba Macina", "Katiba Macina",
            ["Macina Brigade", "Front de libération du Macina", "FLM", "Katibat Macina"],
            .jihadistGroup, parent: "jnim", "JNIM's brigade in the inner Niger delta, led by Amadou Kouffa."),
        a(
            "katiba-serma", "Katiba Serma", "Katiba Serma", ["Serma Brigade"], .jihadistGroup, parent: "jnim",
            "JNIM unit active in the Gourma and the Serma forest."),
        a(
            "katiba-gourma", "Katiba Gourma", "Katiba Gourma", ["Gourma Brigade"], .jihadistGroup, parent: "jnim",
            "JNIM unit in the Gourma, between Boni, Gossi and the Burkina Faso border."),
        a(
            "ansar-dine", "Ansar Dine", "Ansar Dine", ["Ansar Eddine", "Ançar Dine"], .jihadistGroup,
            "Tuareg-led jihadist group of Iyad Ag Ghaly; held Kidal and Tombouctou in 2012; merged into JNIM in 2017."),
        a(
            "al-mourabitoun", "Al-Mourabitoun", "Al-Mourabitoun", ["al-Murabitun", "Al Mourabitoune"], .jihadistGroup,
            parent: "al-qaeda",
            "Group formed in 2013 from MUJAO and Belmokhtar's brigade; joined JNIM in 2017."),
        a(
            "mujao", "Movement for Oneness and Jihad in West Africa", "MUJAO",
            ["MUJWA", "Mouvement pour l'unicité et le jihad en Afrique de l'Ouest"],
            .jihadistGroup, "Jihadist group that held Gao in 2012."),
        a(
            "islamic-state", "Islamic State", "IS", ["ISIS", "Daech", "État islamique"], .jihadistGroup,
            "Global jihadist organisation; parent of ISGS."),
        a(
            "isgs", "Islamic State in the Greater Sahara", "ISGS",
            [
                "EIGS", "État islamique au Grand Sahara", "IS Sahel", "ISSP",
                "Islamic State Sahel Province",
            ], .jihadistGroup, parent: "islamic-state",
            "Islamic State affiliate active in Ménaka, Gao and the tri-border area since 2015."),
        a(
            "ansaroul-islam", "Ansaroul Islam", "Ansaroul Islam", ["Ansarul Islam", "Ansar ul Islam"], .jihadistGroup,
            "Burkinabè jihadist group active along the border with Mopti region."),
        a(
            "mnla", "Mouvement national pour la libération de l'Azawad", "MNLA",
            ["National Movement for the Liberation of Azawad"],
            .separatistGroup, "Tuareg separatist movement that launched the 2012 rebellion."),
        a(
            "cma", "Coordination des mouvements de l'Azawad", "CMA", ["Coordination of Azawad Movements"],
            .separatistGroup,
            "Coalition of northern armed movements, signatory of the 2015 Algiers agreement."),
        a(
            "hcua", "Haut Conseil pour l'unité de l'Azawad", "HCUA", ["High Council for the Unity of Azawad"],
            .separatistGroup, parent: "cma",
            "Member movement of the CMA."),
        a(
            "maa", "Mouvement arabe de l'Azawad", "MAA", ["Arab Movement of Azawad"], .separatistGroup, parent: "cma",
            "Arab movement of the north."),
        a(
            "fla", "Front de libération de l'Azawad", "FLA", ["Azawad Liberation Front"], .separatistGroup,
            "Coalition formed in 2024 by the former CMA movements."),
        a(
            "plateforme", "Plateforme des mouvements du 14 juin 2014 d'Alger", "Plateforme",
            ["Platform", "la Plateforme"], .militia,
            "Coalition of pro-government armed groups."),
        a(
            "gatia", "Groupe d'autodéfense touareg Imghad et alliés", "GATIA", ["Imghad Tuareg Self-Defence Group"],
            .militia, parent: "plateforme",
            "Pro-government Tuareg militia, active against ISGS around Ménaka."),
        a(
            "msa", "Mouvement pour le salut de l'Azawad", "MSA", ["Movement for the Salvation of Azawad"], .rebelGroup,
            "Armed movement of Ménaka, allied with GATIA against ISGS."),
        a(
            "ganda-izo", "Ganda Izo", "Ganda Izo", ["Ganda Iso"], .militia, parent: "plateforme",
            "Songhai and Fulani self-defence militia."),
        a(
            "da-na-ambassagou", "Dan Na Ambassagou", "Da Na Ambassagou",
            ["Dan Na Amassagou", "Da Na Amassagou", "Dana Ambassagou"], .militia,
            "Dogon self-defence militia of the Bandiagara plateau, formed in 2016."),
        a(
            "dozo", "Dozo hunters", "Dozos", ["chasseurs dozos", "Donso", "Dozo militia"], .militia,
            "Traditional hunters' brotherhoods acting as self-defence militias in Ségou and Mopti."),
        a(
            "fulani-militia", "Fulani ethnic militia (Mali)", "Fulani militia", ["Peul militia", "milice peule"],
            .militia,
            "Fulani self-defence groups in the centre."),
        a(
            "unidentified-armed-group", "Unidentified armed group (Mali)", "Unidentified armed group",
            [
                "UAG", "unknown gunmen",
                "hommes armés non identifiés",
            ], .other, "Armed men the sources do not identify."),
        a(
            "armed-bandits", "Armed bandits (Mali)", "Bandits", ["bandits armés", "coupeurs de route"], .other,
            "Criminal gangs: highway robbery, cattle theft."),
        a(
            "government-of-mali", "Government of Mali", "Mali", ["Malian government", "Gouvernement du Mali"],
            .government, "The state of Mali."),
        a(
            "transitional-government", "Transitional government of Mali", "Transition", ["Transition malienne"],
            .government,
            parent: "government-of-mali", "The military-led transition since 2020."),
        a(
            "fama", "Forces armées maliennes", "FAMa", ["Malian Armed Forces", "FAMA", "Armée malienne"], .armedForces,
            parent: "government-of-mali", "Mali's army, air force and gendarmerie."),
        a(
            "gendarmerie", "Gendarmerie nationale du Mali", "Gendarmerie", ["Malian gendarmerie"], .armedForces,
            parent: "fama",
            "Military police force."),
        a(
            "garde-nationale", "Garde nationale du Mali", "Garde nationale", ["National Guard of Mali"], .armedForces,
            parent: "fama",
            "National guard."),
        a(
            "police", "Police nationale du Mali", "Police", ["Malian police"], .armedForces,
            parent: "government-of-mali", "National police."),
        a(
            "goita", "Assimi Goïta", "Goïta", ["Goita", "Assimi Goita", "Col. Assimi Goïta"], .headOfState,
            parent: "transitional-government",
            "Colonel, leader of the August 2020 junta, transitional president since May 2021."),
        a(
            "ibk", "Ibrahim Boubacar Keïta", "IBK", ["Ibrahim Boubacar Keita", "Keïta", "Keita"], .headOfState,
            parent: "government-of-mali",
            "President from 2013 to August 2020."),
        a(
            "choguel-maiga", "Choguel Kokalla Maïga", "Choguel Maïga", ["Choguel Maiga", "Choguel Kokalla Maiga"],
            .governmentOfficial,
            parent: "transitional-government", "Prime minister from June 2021 to November 2024."),
        a(
            "abdoulaye-maiga", "Abdoulaye Maïga", "Gen. Abdoulaye Maïga", ["Abdoulaye Maiga"], .governmentOfficial,
            parent: "transitional-government", "Government spokesman, prime minister from November 2024."),
        a(
            "sadio-camara", "Sadio Camara", "Camara", [], .governmentOfficial, parent: "transitional-government",
            "Minister of defence."),
        a(
            "kouffa", "Amadou Kouffa", "Kouffa", ["Amadou Koufa", "Hamadoun Kouffa"], .jihadistGroup,
            parent: "katiba-macina",
            "Fulani preacher, leader of Katiba Macina."),
        a(
            "iyad-ag-ghaly", "Iyad Ag Ghaly", "Iyad Ag Ghaly", ["Iyad ag Ghali", "Abu al-Fadl"], .jihadistGroup,
            parent: "jnim",
            "Founder of Ansar Dine, leader of JNIM."),
        a(
            "al-sahraoui", "Adnan Abu Walid al-Sahraoui", "al-Sahraoui", ["Abou Walid al-Sahraoui"], .jihadistGroup,
            parent: "isgs",
            "Founder of ISGS, killed in 2021."),
        a(
            "dicko", "Mahmoud Dicko", "Dicko", ["Imam Dicko", "Mahmoud Dicko (imam)"], .religiousLeader,
            "Salafi imam, figurehead of the M5-RFP."),
        a(
            "m5-rfp", "Mouvement du 5 juin – Rassemblement des forces patriotiques", "M5-RFP",
            ["June 5 Movement", "M5"], .politicalMovement,
            "Protest coalition of 2020."),
        a("protesters", "Protesters (Mali)", "Protesters", ["manifestants"], .protesters, "Demonstrators."),
        a("rioters", "Rioters (Mali)", "Rioters", ["émeutiers"], .protesters, "Violent demonstrators and mobs."),
        a(
            "civilians", "Civilians (Mali)", "Civilians", ["civils", "population civile"], .civilians,
            "Unarmed civilians."),
        a(
            "humanitarian-workers", "Humanitarian workers", "Aid workers", ["travailleurs humanitaires", "NGO staff"],
            .civilSociety,
            "Staff of aid agencies and NGOs."),
        a(
            "france", "France", "France", ["République française"], .foreignState,
            "Former colonial power; military presence 2013–2022."),
        a(
            "serval", "Opération Serval", "Serval", ["Operation Serval"], .foreignOperation, parent: "france",
            "French intervention, 2013–2014."),
        a(
            "barkhane", "Opération Barkhane", "Barkhane", ["Operation Barkhane"], .foreignOperation, parent: "france",
            "French counter-terrorism operation in the Sahel, 2014–2022."),
        a(
            "takuba", "Task Force Takuba", "Takuba", ["Groupement de forces spéciales Takuba"], .foreignOperation,
            parent: "barkhane",
            "European special forces task force, 2020–2022."),
        a(
            "united-nations", "United Nations", "UN", ["Nations unies", "ONU"], .internationalOrganisation,
            "The United Nations."),
        a(
            "minusma", "United Nations Multidimensional Integrated Stabilization Mission in Mali", "MINUSMA",
            ["Mission des Nations unies au Mali"],
            .foreignOperation, parent: "united-nations", "UN peacekeeping mission, 2013–2023."),
        a(
            "european-union", "European Union", "EU", ["Union européenne", "UE"], .internationalOrganisation,
            "The European Union."),
        a(
            "eutm", "EU Training Mission in Mali", "EUTM Mali", ["EUTM"], .foreignOperation, parent: "european-union",
            "EU military training mission."),
        a(
            "ecowas", "Economic Community of West African States", "ECOWAS", ["CEDEAO"], .regionalOrganisation,
            "Regional bloc of West Africa."),
        a(
            "african-union", "African Union", "AU", ["Union africaine", "UA"], .regionalOrganisation,
            "The African Union."),
        a(
            "g5-sahel", "G5 Sahel Joint Force", "G5 Sahel", ["FC-G5S", "Force conjointe du G5 Sahel"],
            .regionalOrganisation,
            "Joint force of Mauritania, Mali, Burkina Faso, Niger and Chad."),
        a(
            "aes", "Alliance of Sahel States", "AES", ["Alliance des États du Sahel"], .regionalOrganisation,
            "Mali, Burkina Faso and Niger, since September 2023."),
        a("russia", "Russia", "Russia", ["Russian Federation", "Russie"], .foreignState, "Russian Federation."),
        a(
            "wagner", "Wagner Group", "Wagner", ["Groupe Wagner", "PMC Wagner"], .privateMilitaryCompany,
            "Russian private military company deployed with FAMa from late 2021 to June 2025."),
        a(
            "africa-corps", "Africa Corps", "Africa Corps", ["Afrika Korps"], .foreignOperation, parent: "russia",
            "Russian defence ministry force that took over from Wagner in 2025."),
        a("united-states", "United States", "US", ["USA", "États-Unis"], .foreignState, "United States of America."),
        a(
            "burkina-army", "Burkinabè armed forces", "Burkinabè army",
            ["Armée burkinabè", "Forces armées nationales (Burkina Faso)"],
            .armedForces, "Armed forces of Burkina Faso."),
        a(
            "niger-army", "Forces armées nigériennes", "FAN", ["Nigerien armed forces"], .armedForces,
            "Armed forces of Niger."),
        a("hrw", "Human Rights Watch", "HRW", [], .civilSociety, "Human rights organisation."),
    ]

    struct SourceSpec {
        var id: String
        var title: String
        var publisher: String
        var note: String
    }

    static let sources: [SourceSpec] = [
        SourceSpec(
            id: "syn-acled", title: "Synthetic conflict-event feed (ACLED-like)", publisher: "sitmon generate",
            note: "Synthetic records for benchmarks; not real events."),
        SourceSpec(
            id: "syn-ucdp", title: "Synthetic georeferenced event feed (UCDP-like)", publisher: "sitmon generate",
            note: "Synthetic records for benchmarks; not real events."),
        SourceSpec(
            id: "syn-press", title: "Synthetic digest of the local press", publisher: "sitmon generate",
            note: "Synthetic records for benchmarks; not real events."),
        SourceSpec(
            id: "syn-un", title: "Synthetic UN situation reports", publisher: "sitmon generate",
            note: "Synthetic records for benchmarks; not real events."),
        SourceSpec(
            id: "syn-alerts", title: "Synthetic security alerts (Crisis24-like)", publisher: "sitmon generate",
            note: "Synthetic records for benchmarks; not real events."),
        SourceSpec(
            id: "syn-ngo", title: "Synthetic NGO monitoring reports", publisher: "sitmon generate",
            note: "Synthetic records for benchmarks; not real events."),
        SourceSpec(
            id: "gazetteer", title: "Mali's regions and towns: ISO 3166-2 codes and GeoNames positions",
            publisher: "sitmon",
            note: "Region table as summarised in the project's reference notes; town positions approximate."),
    ]

    struct RelationSpec {
        var kind: RelationKind
        var from: String
        var to: String
        var start: String?
        var end: String?
    }

    static let relations: [RelationSpec] = [
        RelationSpec(kind: .partOf, from: "aqim", to: "al-qaeda"),
        RelationSpec(kind: .partOf, from: "jnim", to: "al-qaeda", start: "2017-03"),
        RelationSpec(kind: .partOf, from: "katiba-macina", to: "jnim", start: "2017-03"),
        RelationSpec(kind: .partOf, from: "katiba-serma", to: "jnim"),
        RelationSpec(kind: .partOf, from: "katiba-gourma", to: "jnim"),
        RelationSpec(kind: .partOf, from: "isgs", to: "islamic-state", start: "2015-05"),
        RelationSpec(kind: .partOf, from: "hcua", to: "cma"),
        RelationSpec(kind: .partOf, from: "maa", to: "cma"),
        RelationSpec(kind: .partOf, from: "gatia", to: "plateforme"),
        RelationSpec(kind: .partOf, from: "ganda-izo", to: "plateforme"),
        RelationSpec(kind: .rival, from: "jnim", to: "isgs", start: "2019"),
        RelationSpec(kind: .fights, from: "fama", to: "jnim", start: "2017-03"),
        RelationSpec(kind: .fights, from: "fama", to: "isgs", start: "2015"),
        RelationSpec(kind: .fights, from: "gatia", to: "isgs", start: "2017"),
        RelationSpec(kind: .fights, from: "msa", to: "isgs", start: "2017"),
        RelationSpec(kind: .allied, from: "gatia", to: "msa", start: "2016"),
        RelationSpec(kind: .fights, from: "da-na-ambassagou", to: "katiba-macina", start: "2016"),
        RelationSpec(kind: .fights, from: "dozo", to: "katiba-macina", start: "2016"),
        RelationSpec(kind: .fights, from: "fla", to: "fama", start: "2024"),
        RelationSpec(kind: .supports, from: "serval", to: "fama", start: "2013-01", end: "2014-07"),
        RelationSpec(kind: .supports, from: "barkhane", to: "fama", start: "2014-08", end: "2022-08"),
        RelationSpec(kind: .supports, from: "wagner", to: "fama", start: "2021-12", end: "2025-06"),
        RelationSpec(kind: .supports, from: "africa-corps", to: "fama", start: "2025-06"),
        RelationSpec(kind: .leads, from: "goita", to: "transitional-government", start: "2021-05"),
        RelationSpec(kind: .leads, from: "kouffa", to: "katiba-macina", start: "2015"),
        RelationSpec(kind: .leads, from: "iyad-ag-ghaly", to: "jnim", start: "2017-03"),
        RelationSpec(kind: .leads, from: "al-sahraoui", to: "isgs", start: "2015-05", end: "2021-08"),
        RelationSpec(kind: .sanctions, from: "ecowas", to: "transitional-government", start: "2022-01", end: "2022-07"),
        RelationSpec(kind: .memberOf, from: "government-of-mali", to: "aes", start: "2023-09"),
        RelationSpec(kind: .negotiatesWith, from: "cma", to: "government-of-mali", start: "2015", end: "2023"),
    ]
}
