import Synchronization

/// The actors (or regions) whose names contain the last text looked for. Typing a search extends the text, and a
/// longer text can only match among those, so a keystroke tests a few names instead of every actor's (20,000 in a
/// large ACLED export, each searched twice per keystroke).
final class NameMatches: Sendable {
    private let last = Mutex<(needle: [UInt8], matches: [Int32])?>(nil)

    init() {}

    /// The items, in increasing order, one of whose folded `names` contains `needle` (folded, not empty).
    func matching(_ needle: [UInt8], names: [[[UInt8]]]) -> [Int32] {
        let previous = last.withLock { $0 }
        var result: [Int32] = []
        func test(_ k: Int) {
            if names[k].contains(where: { TextMatcher.contains($0, needle) }) { result.append(Int32(k)) }
        }
        if let previous, !previous.needle.isEmpty, SearchText.contains(needle, previous.needle),
            previous.matches.allSatisfy({ Int($0) < names.count })
        {
            for k in previous.matches { test(Int(k)) }
        } else {
            for k in names.indices { test(k) }
        }
        last.withLock { $0 = (needle, result) }
        return result
    }
}
