import Synchronization

/// How far a load has got, readable from another thread while the loader runs (the monitor's progress bar).
public final class LoadProgress: Sendable {
    /// What the loader is doing.
    public enum Phase: Int, Sendable {
        /// Reading the file (its bytes may not be counted yet).
        case reading = 0
        /// Parsing the text: bytes and records are counted.
        case parsing
        /// Every byte is parsed; the dataset is being put together (a CSV import's actors, regions and records).
        case building
        /// The query index is being built.
        case indexing
        case done
        public var label: String { ["Reading", "Parsing", "Building", "Indexing", "Done"][rawValue] }
    }

    /// What is loaded: a sitmon dataset, or an ACLED or UCDP export imported on the fly (the loading box names the
    /// phases and counts after it: a CSV is imported, and what it counts as it reads are rows), or the import cache's
    /// snapshot of an export imported before (`ImportCache`: "Reading the cache", its bytes counted).
    public enum Format: Int, Sendable {
        case dataset = 0, csv, cache
    }

    private let phaseValue = Atomic<Int>(0)
    private let bytesValue = Atomic<Int>(0)
    /// Bytes parsed by the second thread of a split load (see `RecordSplit`).
    private let helperBytesValue = Atomic<Int>(0)
    private let splitRecordsValue = Atomic<Int>(0)
    private let totalValue = Atomic<Int>(0)
    private let recordsValue = Atomic<Int>(0)
    private let fileValue = Mutex<String>("")
    private let formatValue = Atomic<Int>(0)

    public init() {}

    public var phase: Phase { Phase(rawValue: phaseValue.load(ordering: .relaxed)) ?? .reading }
    /// Bytes parsed so far, by both threads of a split load.
    public var bytes: Int { bytesValue.load(ordering: .relaxed) + helperBytesValue.load(ordering: .relaxed) }
    public var totalBytes: Int { totalValue.load(ordering: .relaxed) }
    public var records: Int { recordsValue.load(ordering: .relaxed) }
    public var file: String { fileValue.withLock { $0 } }
    /// Set by the caller before the load (`start` leaves it as it is).
    public var format: Format { Format(rawValue: formatValue.load(ordering: .relaxed)) ?? .dataset }
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
    public func set(format: Format) { formatValue.store(format.rawValue, ordering: .relaxed) }
    package func set(bytes: Int) { bytesValue.store(bytes, ordering: .relaxed) }
    package func add(records: Int) { recordsValue.add(records, ordering: .relaxed) }
    package func set(helperBytes: Int) { helperBytesValue.store(helperBytes, ordering: .relaxed) }
    func set(splitRecords: Int) { splitRecordsValue.store(splitRecords, ordering: .relaxed) }
}
