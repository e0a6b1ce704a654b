import SitmonCore

/// How the actors pane is ordered.
public enum ActorSort: String, Sendable, CaseIterable {
    case activity, name, kind

    /// The view's actors in this order (the actors pane's rows). Names compare by their rank in the index's name
    /// order: as shown, without regard to case or accents, then as written, then by index.
    func rows(of view: View, actors: [Actor], index: DatasetIndex) -> [Int32] {
        let counts = view.actorCounts
        let rank = index.actorNameRank
        func name(_ a: Int32, before b: Int32) -> Bool { rank[Int(a)] < rank[Int(b)] }
        switch self {
        case .activity:
            // Most records first, then by name: one integer key per actor (count inverted, name rank), sorted as
            // plain integers rather than with a comparison closure (20,000 actors on every filter change).
            let byName = index.actorsByName
            return view.actors.map { a in
                UInt64(UInt32.max - UInt32(clamping: counts[Int(a)])) << 32 | UInt64(UInt32(clamping: rank[Int(a)]))
            }.sorted().map { byName[Int($0 & 0xFFFF_FFFF)] }
        case .name:
            return view.actors.sorted { name($0, before: $1) }
        case .kind:
            return view.actors.sorted {
                let a = actors[Int($0)], b = actors[Int($1)]
                return a.kind.label != b.kind.label ? a.kind.label < b.kind.label : name($0, before: $1)
            }
        }
    }
}

/// How the regions pane is ordered.
public enum RegionSort: String, Sendable, CaseIterable {
    case incidents, fatalities, name, zone

    /// `shown` (the view's regions the pane lists) in this order: the regions pane's rows. Names compare by their
    /// rank in the index's name order (Ménaka before Mopti, Ségou before Sikasso).
    func rows(of shown: [RegionActivity], regions: [Region], index: DatasetIndex) -> [RegionActivity] {
        let rank = index.regionNameRank
        func name(_ a: RegionActivity, before b: RegionActivity) -> Bool {
            rank[Int(a.region)] < rank[Int(b.region)]
        }
        switch self {
        case .incidents:
            return shown.sorted {
                $0.incidents != $1.incidents
                    ? $0.incidents > $1.incidents
                    : ($0.total != $1.total ? $0.total > $1.total : name($0, before: $1))
            }
        case .fatalities:
            return shown.sorted {
                $0.fatalities != $1.fatalities ? $0.fatalities > $1.fatalities : name($0, before: $1)
            }
        case .name:
            return shown.sorted { name($0, before: $1) }
        case .zone:
            return shown.sorted {
                let a = regions[Int($0.region)], b = regions[Int($1.region)]
                return a.zone.rawValue != b.zone.rawValue ? a.zone.rawValue < b.zone.rawValue : name($0, before: $1)
            }
        }
    }
}

/// How the timeline is ordered.
public enum TimelineSort: String, Sendable, CaseIterable {
    case oldest = "oldest first", newest = "newest first"
}

extension CaseIterable where Self: Equatable {
    /// The next case, after the last the first: what `s` cycles through.
    var nextCase: Self {
        let all = Array(Self.allCases)
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}
