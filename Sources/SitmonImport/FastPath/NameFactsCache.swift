import Synchronization

/// The names' facts (`ActorNameFacts`) both reading threads of a fast import have worked out, shared: the halves of
/// a file meet mostly the same actors, and working out a name's facts (folding it several times, the alias table,
/// the jihadist map) was a tenth of the import's CPU when each half did it for every name it met. The facts depend
/// on the name alone (and the import's jihadist map, the same for both halves), so which thread works them out makes
/// no difference to the result. The lock is taken twice per name new to a half, not per row.
final class NameFactsCache: Sendable {
    private let facts = Mutex<[String: ActorNameFacts]>([:])
    let jihadist: JihadistGroups

    init(jihadist: JihadistGroups) {
        self.jihadist = jihadist
    }

    /// The facts of a trimmed, non-empty name.
    func facts(_ name: String) -> ActorNameFacts {
        if let known = facts.withLock({ $0[name] }) { return known }
        let made = ActorNameFacts(name: name, jihadist: jihadist)
        facts.withLock { $0[name] = made }
        return made
    }
}
