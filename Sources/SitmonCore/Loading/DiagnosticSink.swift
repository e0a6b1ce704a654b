/// Where a load's problems go: the first `limit` with their messages, in the order found, the rest only counted
/// (a file with a million bad records is reported in a second, not formatted a million times).
struct DiagnosticSink {
    let file: String
    /// The problems kept, in the order found.
    private(set) var problems: [Diagnostic] = []
    /// Every problem found, kept or not.
    private(set) var count = 0
    /// Problems (by index in `problems`) about a record's reference, to be placed by `ReferenceLocator`.
    var recordReferenceProblems: [RecordReferenceProblem] = []

    /// How many problems are kept.
    static let limit = 1000

    init(file: String) {
        self.file = file
    }

    /// True once `limit` problems are kept: further ones are only counted, so callers need not format them.
    var isFull: Bool { problems.count >= Self.limit }

    /// Problems found but not kept.
    var omitted: Int { count - problems.count }

    /// Records a problem at a JSON path and a byte offset. Past the first `limit` only the count grows.
    mutating func add(_ path: String, _ message: String, at offset: Int? = nil) {
        count += 1
        guard !isFull else { return }
        var d = Diagnostic(file: file, path: path, message: message)
        d.offset = offset
        problems.append(d)
    }

    /// Records a problem that belongs before the problems added since `count` was `mark` (a record's duplicate id,
    /// checked at the end of the record: `DatasetDecoder.registerRecordId`): the problems kept and counted are then
    /// the same as if it had been added when `count` was `mark`.
    mutating func add(_ path: String, _ message: String, at offset: Int?, before mark: Int) {
        guard mark < count else { return add(path, message, at: offset) }
        count += 1
        guard mark < Self.limit else { return }
        var d = Diagnostic(file: file, path: path, message: message)
        d.offset = offset
        problems.insert(d, at: mark)
        if problems.count > Self.limit { problems.removeLast() }
    }

    /// Counts a problem without its message (when `isFull`).
    mutating func countOne() {
        count += 1
    }

    /// Records a problem about one of a record's references, placed at the record's start for now: the next
    /// problem added is moved to the reference itself by `ReferenceLocator` (only when it is kept).
    mutating func addRecordReference(field: String, position: Int, recordOffset: Int) {
        guard !isFull else { return }
        recordReferenceProblems.append(
            RecordReferenceProblem(
                problem: problems.count, recordOffset: recordOffset,
                field: field, position: position))
    }
}
