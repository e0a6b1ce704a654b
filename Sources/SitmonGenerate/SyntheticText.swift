import SitmonCore

/// ACLED-style notes for synthetic records: a lead sentence naming the date, the actors and the place, then
/// sometimes a casualty sentence and a context sentence (quotes, commas, accents, the odd French phrase and,
/// rarely, a line break), as analysts' notes are.
struct SyntheticText {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let numberWords = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ]

    /// `12 May 2019`, `May 2019` for a month-precision date.
    static func dateText(_ date: PartialDate) -> String {
        let (y, m, d) = PartialDate.civil(fromDays: Int(date.day))
        switch date.precision {
        case .day: return "\(d) \(monthNames[m - 1]) \(y)"
        case .month: return "\(monthNames[m - 1]) \(y)"
        case .year: return String(y)
        }
    }

    /// "three", "twelve", "14".
    static func count(_ n: Int) -> String { n >= 0 && n < numberWords.count ? numberWords[n] : String(n) }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }

    /// What the note needs to know about the record.
    struct Context {
        var date: PartialDate
        var place: String
        var otherPlace: String
        var cercle: String
        var region: String
        var capital: String
        var perpetrator: String?
        var opponent: String?
        var target: String?
        var victims: String
        var fatalities: Int
        var hasRange: Bool
    }

    static let casualtyForms: [@Sendable (Int) -> String] = [
        { "\(capitalised(count($0))) people were killed." },
        { "At least \(count($0)) people were killed, according to local sources." },
        { "\(capitalised(count($0))) were killed and several others wounded." },
        { "The toll given by a local elected official is \(count($0)) dead." },
        { "\(capitalised(count($0))) fatalities were reported, among them women and children." },
    ]

    static func contextSentences(_ c: Context) -> [String] {
        [
            "A local official told the press: \"the village is empty, people have fled to \(c.capital).\"",
            "The attack was claimed by \(c.perpetrator ?? "the group") a few days later on its channels.",
            "Residents fled towards \(c.capital) and Bamako, leaving their livestock behind.",
            "The area has seen repeated incidents since the start of the rainy season.",
            "According to a resident reached by phone, \"they came at dawn, on about thirty motorbikes\".",
            "Humanitarian actors reported new displacement towards \(c.capital), where families are hosted by relatives.",
            "Telephone networks in the cercle of \(c.cercle) were cut for several days afterwards.",
            "The army said it had \"neutralised\" several assailants and recovered weapons, motorbikes and ammunition.",
            "Les élus locaux et les notables de \(c.place) ont appelé au calme.",
            "Sources disagree on the toll; a human rights team was sent to \(c.place) to verify it.",
            "The weekly market of \(c.place) has been closed since, and the road to \(c.otherPlace) is rarely used.",
            "Traders say the convoys from \(c.capital) now travel only under military escort, once a week.",
        ]
    }

    /// The note of an incident.
    static func incidentNote(_ category: Category, subtype: Int, _ c: Context, _ rng: inout SplitMix64) -> String {
        let d = dateText(c.date)
        let p = c.perpetrator ?? "unidentified gunmen"
        let o = c.opponent ?? "FAMa"
        let lead: String
        switch category {
        case .armedClash:
            switch rng.below(4) {
            case 0: lead = "On \(d), \(p) clashed with \(o) near \(c.place) (\(c.region))."
            case 1: lead = "On \(d), \(o) repelled an attack by \(p) on their position in \(c.place) (\(c.region))."
            case 2: lead = "On \(d), \(p) and \(o) exchanged fire between \(c.place) and \(c.otherPlace) (\(c.region))."
            default: lead = "On \(d), \(p) ambushed a \(o) patrol near \(c.place) (\(c.region))."
            }
        case .attack:
            lead =
                rng.chance(0.5)
                ? "On \(d), \(p) attacked a \(o) position in \(c.place) (\(c.region))."
                : "On \(d), \(p) militants on motorbikes attacked the \(o) checkpoint of \(c.place) (\(c.region))."
        case .violenceAgainstCivilians, .massacre:
            let n = c.fatalities
            switch rng.below(3) {
            case 0 where n > 0:
                lead = "On \(d), \(p) killed \(count(n)) civilians in a village near \(c.place) (\(c.region))."
            case 1:
                lead =
                    "On \(d), \(p) raided a hamlet near \(c.place) (\(c.region)), shooting villagers and burning granaries."
            default: lead = "On \(d), \(p) assaulted villagers at the weekly fair of \(c.place) (\(c.region))."
            }
        case .remoteViolence:
            switch subtype {
            case 1: lead = "On \(d), mortar shells were fired at the \(o) camp in \(c.place) (\(c.region))."
            case 2: lead = "On \(d), a \(p) drone strike hit suspected \(o) militants near \(c.place) (\(c.region))."
            case 3:
                lead = "On \(d), a suicide car bomb exploded at the gate of the \(o) camp in \(c.place) (\(c.region))."
            default:
                lead =
                    c.target == "civilians"
                    ? "On \(d), a civilian vehicle hit an IED on the \(c.place)–\(c.otherPlace) road (\(c.region))."
                    : "On \(d), a \(o) vehicle hit an IED on the \(c.place)–\(c.otherPlace) road (\(c.region))."
            }
        case .abduction:
            lead =
                rng.chance(0.5)
                ? "On \(d), \(p) abducted \(count(1 + rng.below(5))) \(c.victims) near \(c.place) (\(c.region))."
                : "On \(d), \(p) kidnapped a village chief in \(c.place) (\(c.cercle), \(c.region))."
        case .strategicDevelopment:
            switch subtype {
            case 1:
                lead = "On \(d), \(p) imposed a blockade on \(c.place) (\(c.region)), cutting food and fuel supplies."
            case 2:
                lead =
                    "On \(d), \(p) arrested \(count(2 + rng.below(9))) suspected \(o) members in \(c.place) (\(c.region))."
            case 3: lead = "On \(d), \(p) set up a base in \(c.place) (\(c.region))."
            default: lead = "On \(d), \(p) looted shops and stole livestock in \(c.place) (\(c.region)). No casualties."
            }
        case .protest:
            switch rng.below(3) {
            case 0: lead = "On \(d), residents of \(c.place) (\(c.region)) demonstrated against insecurity."
            case 1: lead = "On \(d), traders in \(c.place) (\(c.region)) protested against the fuel shortage."
            default: lead = "On \(d), students marched in \(c.place) (\(c.region)) to demand the reopening of schools."
            }
        case .riot:
            lead =
                "On \(d), youths in \(c.place) (\(c.region)) burned tyres and blocked the road after a trader was killed."
        default:
            lead = "On \(d), an incident involving \(p) was reported in \(c.place) (\(c.region))."
        }
        return compose(lead, c, &rng)
    }

    /// Adds a casualty sentence and a context sentence some of the time. The shares keep notes ACLED-like
    /// (a long tail up to about 400 characters) while a million records weigh about 460 MB (see docs/benchmarks.md).
    static func compose(_ lead: String, _ c: Context, _ rng: inout SplitMix64) -> String {
        var text = lead
        let separator = rng.chance(0.02) ? "\n" : " "
        if c.fatalities > 0 && rng.chance(0.18) {
            text += separator
            text +=
                c.hasRange
                ? "Sources disagree on the toll, between \(count(c.fatalities)) and more; the best estimate is coded."
                : casualtyForms[rng.below(casualtyForms.count)](c.fatalities)
        } else if c.fatalities == 0 && rng.chance(0.04) {
            text += separator + "Fatalities unknown, coded as 0."
        }
        if rng.chance(0.05) {
            let sentences = contextSentences(c)
            text += separator + sentences[rng.below(sentences.count)]
            if rng.chance(0.2) { text += " " + sentences[rng.below(sentences.count)] }
        }
        return text
    }
}
