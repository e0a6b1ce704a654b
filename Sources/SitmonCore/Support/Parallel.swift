import Dispatch
import Synchronization

/// Two pieces of work at once on this machine's two cores: the index's lists by actor and by region, the two
/// halves of a large CSV export. (The loader's second thread, `RecordSplit`, is started early and joined later,
/// so it runs a thread of its own.)
enum Parallel {
    /// Runs `first` and `second` at the same time and returns both results.
    static func both<A: Sendable, B: Sendable>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let firstResult = Mutex<A?>(nil)
        let secondResult = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let a = first()
                firstResult.withLock { $0 = a }
            } else {
                let b = second()
                secondResult.withLock { $0 = b }
            }
        }
        guard let a = firstResult.withLock({ $0.take() }), let b = secondResult.withLock({ $0.take() }) else {
            preconditionFailure("concurrentPerform returns after every iteration has run")
        }
        return (a, b)
    }
}
