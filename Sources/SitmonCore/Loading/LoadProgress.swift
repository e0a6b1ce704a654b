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
    /// Bytes parsed by the second thread of a split load (see `RecordSplit`).
    private let helperBytesValue = Atomic<Int>(0)
    private let splitRecordsValue = Atomic<Int>(0)
    private let totalValue = Atomic<Int>(0)
    private let recordsValue = Atomic<Int>(0)
    private let fileValue = Mutex<String>("")

    public init() {}

    public var phase: Phase { Phase(rawValue: phaseValue.load(ordering: .relaxed)) ?? .reading }
    /// Bytes parsed so far, by both threads of a split load.
    public var bytes: Int { bytesValue.load(ordering: .relaxed) + helperBytesValue.load(ordering: .relaxed) }
    public var totalBytes: Int { totalValue.load(ordering: .relaxed) }
    public var records: Int { recordsValue.load(ordering: .relaxed) }
    public var file: String { fileValue.withLock { $0 } }
    /// Records parsed by the second thread and kept (0 when the load was not split, or the split was given up).
    public var splitRecords: Int { splitRecordsValue.load(ordering: .relaxed) }

    /// (`package`: the CSV importer reports through it too.)
    package func start(file: String, totalBytes: Int) {
        fileValue.withLock { $0 = file }
        totalValue.store(totalBytes, ordering: .relaxed)
        bytesValue.store(0, ordering: .relaxed)
        helperBytesValue.store(0, ordering: .relaxed)
        splitRecordsValue.store(0, ordering: .relaxed)
        phaseValue.store(Phase.reading.rawValue, ordering: .relaxed)
    }

    public func set(_ phase: Phase) { phaseValue.store(phase.rawValue, ordering: .relaxed) }
    package func set(bytes: Int) { bytesValue.store(bytes, ordering: .relaxed) }
    package func add(records: Int) { recordsValue.add(records, ordering: .relaxed) }
    package func set(helperBytes: Int) { helperBytesValue.store(helperBytes, ordering: .relaxed) }
    func set(splitRecords: Int) { splitRecordsValue.store(splitRecords, ordering: .relaxed) }
}
