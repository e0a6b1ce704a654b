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

    /// The kind the folded words of a name suggest (`ImportText.key`: `government of mali`). Each phrase is found
    /// as whole words, by a byte search of the words between spaces (the name's facts are worked out for every
    /// distinct actor, 20,000 in a large export).
    static func kind(key: String) -> ActorKind {
        let text = Array((" " + key + " ").utf8)
        func has(_ phrase: [UInt8]) -> Bool { TextMatcher.contains(text, phrase) }
        func starts(_ phrase: [UInt8]) -> Bool { text.starts(with: phrase) }
        let p = NamePhrases.self
        if has(p.wagner) || has(p.africaCorps) { return .privateMilitaryCompany }
        if starts(p.governmentOf) { return .government }
        if starts(p.un) || has(p.unitedNations) || has(p.minusma) { return .internationalOrganisation }
        if has(p.ecowas) || has(p.africanUnion) || has(p.g5Sahel) { return .regionalOrganisation }
        if starts(p.militaryForcesOf) || starts(p.policeForcesOf) || has(p.gendarmerie) || has(p.nationalGuard) {
            return .armedForces
        }
        if starts(p.civilians) { return .civilians }
        if starts(p.protesters) || starts(p.rioters) { return .protesters }
        if has(p.militia) || has(p.dozo) || has(p.danNaAmbassagou) { return .militia }
        if has(p.mnla) || has(p.azawad) || has(p.cma) || has(p.cspPsd) { return .separatistGroup }
        return .other
    }

    /// The phrases `kind(key:)` looks for, as folded words between spaces.
    private enum NamePhrases {
        static func padded(_ words: String) -> [UInt8] { Array((" " + words + " ").utf8) }
        static let wagner = padded("wagner"), africaCorps = padded("africa corps")
        static let governmentOf = padded("government of")
        static let un = padded("un"), unitedNations = padded("united nations"), minusma = padded("minusma")
        static let ecowas = padded("ecowas"), africanUnion = padded("african union"), g5Sahel = padded("g5 sahel")
        static let militaryForcesOf = padded("military forces of"), policeForcesOf = padded("police forces of")
        static let gendarmerie = padded("gendarmerie"), nationalGuard = padded("national guard")
        static let civilians = padded("civilians")
        static let protesters = padded("protesters"), rioters = padded("rioters")
        static let militia = padded("militia"), dozo = padded("dozo"), danNaAmbassagou = padded("dan na ambassagou")
        static let mnla = padded("mnla"), azawad = padded("azawad"), cma = padded("cma"), cspPsd = padded("csp psd")
    }
}
