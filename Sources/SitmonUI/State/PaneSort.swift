import SitmonCore

/// How the actors pane is ordered.
public enum ActorSort: String, Sendable, CaseIterable {
    case activity, name, kind

    /// The view's actors in this order (the actors pane's rows). Names compare as shown, without regard to case or
    /// accents; equal keys keep index order.
    func rows(of view: View, actors: [Actor]) -> [Int32] {
        let counts = view.actorCounts
        var actorKeys: [Int32: NameKey] = [:]
        for a in view.actors { actorKeys[a] = NameKey(actors[Int(a)].name) }
        func name(_ a: Int32, before b: Int32) -> Bool {
            guard let x = actorKeys[a], let y = actorKeys[b] else { return a < b }
            return x != y ? x < y : a < b
        }
        switch self {
        case .activity:
            return view.actors.sorted {
                counts[Int($0)] != counts[Int($1)] ? counts[Int($0)] > counts[Int($1)] : name($0, before: $1)
            }
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

    /// `shown` (the view's regions the pane lists) in this order: the regions pane's rows. Names compare as shown,
    /// without regard to case or accents (Ménaka before Mopti, Ségou before Sikasso); equal keys keep index order.
    func rows(of shown: [RegionActivity], regions: [Region]) -> [RegionActivity] {
        var regionKeys: [Int32: NameKey] = [:]
        for r in shown { regionKeys[r.region] = NameKey(regions[Int(r.region)].name) }
        func name(_ a: RegionActivity, before b: RegionActivity) -> Bool {
            guard let x = regionKeys[a.region], let y = regionKeys[b.region] else { return a.region < b.region }
            return x != y ? x < y : a.region < b.region
        }
        switch self {
        case .incidents:
            return shown.sorted {
                $0.incidents != $1.incidents ? $0.incidents > $1.incidents
                    : ($0.total != $1.total ? $0.total > $1.total : name($0, before: $1))
            }
        case .fatalities:
            return shown.sorted { $0.fatalities != $1.fatalities ? $0.fatalities > $1.fatalities : name($0, before: $1) }
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
