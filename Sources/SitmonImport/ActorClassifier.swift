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
    public static func kind(name: String) -> ActorKind {
        // The folded words as bytes, between spaces: a byte search, not String's (the name's facts are worked out
        // for every distinct actor, 20,000 in a large export).
        let text = Array((" " + ImportText.words(name).joined(separator: " ") + " ").utf8)
        /// `phrase` between spaces at `i` in `text`.
        func matches(_ phrase: String.UTF8View, at i: Int) -> Bool {
            guard i + phrase.count + 1 < text.count, text[i] == 0x20, text[i + phrase.count + 1] == 0x20 else {
                return false
            }
            var k = i + 1
            for b in phrase {
                if text[k] != b { return false }
                k += 1
            }
            return true
        }
        func has(_ phrase: String) -> Bool {
            text.indices.contains { matches(phrase.utf8, at: $0) }
        }
        func starts(_ phrase: String) -> Bool { matches(phrase.utf8, at: 0) }
        if has("wagner") || has("africa corps") { return .privateMilitaryCompany }
        if starts("government of") { return .government }
        if starts("un") || has("united nations") || has("minusma") { return .internationalOrganisation }
        if has("ecowas") || has("african union") || has("g5 sahel") { return .regionalOrganisation }
        if starts("military forces of") || starts("police forces of") || has("gendarmerie") || has("national guard") {
            return .armedForces
        }
        if starts("civilians") { return .civilians }
        if starts("protesters") || starts("rioters") { return .protesters }
        if has("militia") || has("dozo") || has("dan na ambassagou") { return .militia }
        if has("mnla") || has("azawad") || has("cma") || has("csp psd") { return .separatistGroup }
        return .other
    }
}
