import Synchronization

/// The names' facts (`ActorNameFacts`) both reading threads of a fast import have worked out, shared: the halves of
/// a file meet mostly the same actors, and working out a name's facts (folding it several times, the alias table,
/// the jihadist map) was a tenth of the import's CPU when each half did it for every name it met. The facts depend
/// on the name alone (and the import's jihadist map, the same for both halves), so which thread works them out makes
/// no difference to the result. The lock is taken twice per name new to a half, not per row.
///
/// The names are spread over shards by a hash of their bytes, each with its own lock and dictionary: with one lock,
/// the threads (which meet new names at the same pace) waited for each other in the kernel (1.3 % of a 1M-row
/// import's CPU, 20,000 actors).
final class NameFactsCache: Sendable {
    /// One lock and the facts of the names hashed to it.
    private final class Shard: Sendable {
        let facts: Mutex<[String: ActorNameFacts]>

        init(capacity: Int) {
            facts = Mutex(Dictionary(minimumCapacity: capacity))
        }
    }

    /// A power of two.
    private static let shardCount = 64
    private let shards: [Shard]
    let jihadist: JihadistGroups

    /// A cache for about `expectedNames` distinct names, reserved (grown by doubling, the dictionary rehashed its
    /// names each time).
    init(jihadist: JihadistGroups, expectedNames: Int = 0) {
        self.jihadist = jihadist
        let perShard = expectedNames / Self.shardCount
        shards = (0..<Self.shardCount).map { _ in Shard(capacity: perShard) }
    }

    /// The facts of a trimmed, non-empty name.
    func facts(_ name: String) -> ActorNameFacts {
        let shard = shards[Self.shard(name)]
        if let known = shard.facts.withLock({ $0[name] }) { return known }
        let made = ActorNameFacts(name: name, jihadist: jihadist)
        shard.facts.withLock { $0[name] = made }
        return made
    }

    /// The shard of `name`: FNV-1a of its bytes.
    private static func shard(_ name: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for b in name.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        return Int(hash & UInt32(shardCount - 1))
    }
}
