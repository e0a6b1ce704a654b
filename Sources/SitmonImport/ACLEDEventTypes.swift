import SitmonCore

/// ACLED event types and sub-event types → sitmon categories, for the current typology (since 2019) and the
/// pre-2019 one (`Battle-No change of territory`, `Riots/Protests`, …). Comparison ignores case, accents,
/// punctuation and the kind of dash.
public enum ACLEDEventTypes {
    /// Sub-event types whose category differs from their event type's.
    static let subEventCategories: [String: Category] = [
        "abduction forced disappearance": .abduction,
        "agreement": .agreement,
        "violent demonstration": .riot,
        "mob violence": .riot,
    ]

    /// Event types, current and pre-2019.
    static let eventCategories: [String: Category] = [
        // Current typology.
        "battles": .armedClash,
        "explosions remote violence": .remoteViolence,
        "violence against civilians": .violenceAgainstCivilians,
        "protests": .protest,
        "riots": .riot,
        "strategic developments": .strategicDevelopment,
        // Pre-2019 typology.
        "battle no change of territory": .armedClash,
        "battle non state actor overtakes territory": .armedClash,
        "battle non state actors overtake territory": .armedClash,
        "battle non state actors overtakes territory": .armedClash,
        "battle government regains territory": .armedClash,
        "remote violence": .remoteViolence,
        "riots protests": .protest,
        "strategic development": .strategicDevelopment,
        "non violent transfer of territory": .strategicDevelopment,
        "headquarters or base established": .strategicDevelopment,
    ]

    /// The category of an event type and sub-event type; nil when the event type is unknown.
    /// `rioters` says whether an actor is coded as rioters (type 5), which makes an old `Riots/Protests` a riot.
    public static func category(eventType: String, subEventType: String, rioters: Bool = false) -> Category? {
        let sub = ImportText.key(subEventType)
        let type = ImportText.key(eventType)
        if let category = subEventCategories[sub] { return category }
        guard let category = eventCategories[type] else { return nil }
        if type == "riots protests" && rioters { return .riot }
        return category
    }

    /// The type as the source data writes it, for `originalType`: `Battles / Armed clash`, or the old type alone.
    public static func originalType(eventType: String, subEventType: String) -> String? {
        let type = eventType.trimmingSpaces, sub = subEventType.trimmingSpaces
        switch (type.isEmpty, sub.isEmpty) {
        case (true, true): return nil
        case (false, true): return type
        case (true, false): return sub
        case (false, false): return "\(type) / \(sub)"
        }
    }
}
