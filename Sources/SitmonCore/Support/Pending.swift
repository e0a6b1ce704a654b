import Dispatch

/// Work started on a thread of its own, whose result is waited for later (`value`): the import's merge moves a
/// half's text and labels the actors while it joins the columns.
package final class Pending<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)
    private var waited = false

    /// Starts `work`.
    package init(_ work: @escaping @Sendable () -> T) {
        DispatchQueue.global().async { [self] in
            result = work()
            done.signal()
        }
    }

    /// The result, once the work is done (moved out: asked once).
    package func value() -> T? {
        if !waited {
            done.wait()
            waited = true
        }
        defer { result = nil }
        return result
    }
}
