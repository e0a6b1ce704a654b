import Synchronization

/// How far a load has got, readable from another thread while the loader runs (the monitor's progress bar).
public final class LoadProgress: Sendable {
    /// What the loader is doing.
    public enum Phase: Int, Sendable {
        case reading = 0, parsing, indexing, done
        public var label: String { ["Reading", "Parsing", "Indexing", "Done"][rawValue] }
    }

    private let phaseValue = Atomic<Int>(0)
    private let bytesValue = Atomic<Int>(0)
    private let totalValue = Atomic<Int>(0)
    private let recordsValue = Atomic<Int>(0)
    private let fileValue = Mutex<String>("")

    public init() {}

    public var phase: Phase { Phase(rawValue: phaseValue.load(ordering: .relaxed)) ?? .reading }
    public var bytes: Int { bytesValue.load(ordering: .relaxed) }
    public var totalBytes: Int { totalValue.load(ordering: .relaxed) }
    public var records: Int { recordsValue.load(ordering: .relaxed) }
    public var file: String { fileValue.withLock { $0 } }

    func start(file: String, totalBytes: Int) {
        fileValue.withLock { $0 = file }
        totalValue.store(totalBytes, ordering: .relaxed)
        bytesValue.store(0, ordering: .relaxed)
        phaseValue.store(Phase.reading.rawValue, ordering: .relaxed)
    }

    public func set(_ phase: Phase) { phaseValue.store(phase.rawValue, ordering: .relaxed) }
    func set(bytes: Int) { bytesValue.store(bytes, ordering: .relaxed) }
    func add(records: Int) { recordsValue.add(records, ordering: .relaxed) }
}
