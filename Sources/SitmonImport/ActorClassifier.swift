import SitmonCore

/// Actor kinds from what the exports say about an actor: ACLED's `inter1`/`inter2` codes (numeric 1–8 in older
/// files, text labels in newer ones), refined by the actor's name; the jihadist group map overrides both.
public enum ActorClassifier {
    /// ACLED's actor types, numbered as in the older files.
    public enum InterCode: Int, Sendable, CaseIterable {
        case stateForces = 1, rebelGroup, politicalMilitia, identityMilitia, rioters, protesters, civilians
        case externalOtherForces

        /// The label newer exports write.
        public var label: String {
            switch self {
            case .stateForces: "State forces"
            case .rebelGroup: "Rebel group"
            case .politicalMilitia: "Political militia"
            case .identityMilitia: "Identity militia"
            case .rioters: "Rioters"
            case .protesters: "Protesters"
            case .civilians: "Civilians"
            case .externalOtherForces: "External/Other forces"
            }
        }
    }

    static let interLabels: [String: InterCode] = {
        var table: [String: InterCode] = [:]
        for code in InterCode.allCases { table[ImportText.key(code.label)] = code }
        // Plurals, singulars and older spellings of the labels.
        let variants: [String: InterCode] = [
            "rebel groups": .rebelGroup, "political militias": .politicalMilitia, "state force": .stateForces,
            "identity militias": .identityMilitia, "communal militia": .identityMilitia,
            "ethnic militia": .identityMilitia, "rioter": .rioters, "protester": .protesters, "civilian": .civilians,
            "external forces": .externalOtherForces, "other forces": .externalOtherForces,
            "external other": .externalOtherForces,
        ]
        table.merge(variants) { _, variant in variant }
        return table
    }()

    /// The actor type an `inter1`/`inter2` value gives: `1`…`8`, or a label (`State forces`, `EXTERNAL/OTHER
    /// FORCES`); nil for blank, `0` or an unknown value.
    public static func interCode(_ text: String) -> InterCode? {
        let value = ImportText.normalisedDashes(text)
        if value.isEmpty { return nil }
        if let n = Int(value) { return InterCode(rawValue: n) }
        if let n = Double(value), let whole = Int(exactly: n), let code = InterCode(rawValue: whole) { return code }
        return interLabels[ImportText.key(value)]
    }

    /// The kind of an actor: jihadist when the map names it, else from its ACLED type refined by its name,
    /// else from its name alone.
    public static func kind(name: String, inter: InterCode?, jihadist: JihadistGroups) -> ActorKind {
        if jihadist.matches(name) { return .jihadistGroup }
        return kind(nameKind: kind(name: name), inter: inter)
    }

    /// The kind of an actor from its ACLED type refined by the kind its name suggests (`kind(name:)`).
    static func kind(nameKind: ActorKind, inter: InterCode?) -> ActorKind {
        switch inter {
        case .stateForces?:
            return nameKind == .government ? .government : .armedForces
        case .rebelGroup?:
            return nameKind == .separatistGroup ? .separatistGroup : .rebelGroup
        case .politicalMilitia?, .identityMilitia?:
            return .militia
        case .rioters?, .protesters?:
            return .protesters
        case .civilians?:
            return .civilians
        case .externalOtherForces?:
            switch nameKind {
            case .privateMilitaryCompany, .internationalOrganisation, .regionalOrganisation, .government:
                return nameKind
            default: return .foreignOperation
            }
        case nil:
            return nameKind
        }
    }

    /// The kind a name alone suggests (`Government of Mali`, `Wagner Group`, `Civilians (Mali)`), `other` when
    /// it suggests none.
    public static func kind(name: String) -> ActorKind { kind(key: ImportText.key(name)) }

    /// The kind the folded words of a name suggest (`ImportText.key`: `government of mali`).
    static func kind(key: String) -> ActorKind { kind(padded: Array((" " + key + " ").utf8)) }

    /// `kind(key:)` of a key with a space at each end (` government of mali `). The phrases found anywhere are
    /// found in one pass (`PaddedPhrases`: the name's facts are worked out for every distinct actor, 20,000 in a
    /// large export); those the name must start with are compared in place.
    static func kind(padded text: [UInt8]) -> ActorKind {
        let found = NamePhrases.anywhere.mask(in: text)
        func has(_ phrase: NamePhrases.Anywhere) -> Bool { found & (1 << UInt64(phrase.rawValue)) != 0 }
        func starts(_ phrase: [UInt8]) -> Bool { text.starts(with: phrase) }
        let p = NamePhrases.self
        if has(.wagner) || has(.africaCorps) { return .privateMilitaryCompany }
        if starts(p.governmentOf) { return .government }
        if starts(p.un) || has(.unitedNations) || has(.minusma) { return .internationalOrganisation }
        if has(.ecowas) || has(.africanUnion) || has(.g5Sahel) { return .regionalOrganisation }
        if starts(p.militaryForcesOf) || starts(p.policeForcesOf) || has(.gendarmerie) || has(.nationalGuard) {
            return .armedForces
        }
        if starts(p.civilians) { return .civilians }
        if starts(p.protesters) || starts(p.rioters) { return .protesters }
        if has(.militia) || has(.dozo) || has(.danNaAmbassagou) { return .militia }
        if has(.mnla) || has(.azawad) || has(.cma) || has(.cspPsd) { return .separatistGroup }
        return .other
    }

    /// The phrases `kind(padded:)` looks for, as folded words between spaces.
    private enum NamePhrases {
        static func padded(_ words: String) -> [UInt8] { Array((" " + words + " ").utf8) }

        /// The phrases found anywhere in a name.
        enum Anywhere: Int, CaseIterable {
            case wagner, africaCorps, unitedNations, minusma, ecowas, africanUnion, g5Sahel, gendarmerie
            case nationalGuard, militia, dozo, danNaAmbassagou, mnla, azawad, cma, cspPsd

            var words: String {
                switch self {
                case .wagner: "wagner"
                case .africaCorps: "africa corps"
                case .unitedNations: "united nations"
                case .minusma: "minusma"
                case .ecowas: "ecowas"
                case .africanUnion: "african union"
                case .g5Sahel: "g5 sahel"
                case .gendarmerie: "gendarmerie"
                case .nationalGuard: "national guard"
                case .militia: "militia"
                case .dozo: "dozo"
                case .danNaAmbassagou: "dan na ambassagou"
                case .mnla: "mnla"
                case .azawad: "azawad"
                case .cma: "cma"
                case .cspPsd: "csp psd"
                }
            }
        }

        static let anywhere = PaddedPhrases(Anywhere.allCases.map { padded($0.words) })

        // The phrases a name starts with.
        static let governmentOf = padded("government of"), un = padded("un")
        static let militaryForcesOf = padded("military forces of"), policeForcesOf = padded("police forces of")
        static let civilians = padded("civilians"), protesters = padded("protesters"), rioters = padded("rioters")
    }
}
