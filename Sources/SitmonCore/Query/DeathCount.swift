/// A region's deaths in words, saying which kind of record reported them; shared by the detail pane and the briefing.
public enum DeathCount {
    /// `3,004 (2,983 in incidents, 21 in other events)`, `5 (in other events)`; `12` when all come from incidents.
    public static func describe(_ activity: RegionActivity) -> String {
        let total = activity.fatalities.formatted(grouping: true)
        let fromIncidents = activity.incidentFatalities, fromEvents = activity.eventFatalities
        if fromIncidents > 0 && fromEvents > 0 {
            return "\(total) (\(fromIncidents.formatted(grouping: true)) in incidents, "
                + "\(fromEvents.formatted(grouping: true)) in other events)"
        }
        if fromEvents > 0 { return "\(total) (in other events)" }
        return total
    }

    /// `1 incident`, `2 incidents`.
    public static func count(_ n: Int, _ noun: String) -> String {
        "\(n.formatted(grouping: true)) \(noun)\(n == 1 ? "" : "s")"
    }
}
