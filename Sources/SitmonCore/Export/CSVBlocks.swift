import Dispatch
import Synchronization

/// The blocks of a large CSV export, written on two threads while the calling thread hands the finished ones to the
/// sink in order: the writing (the kernel copying tens of megabytes into the page cache) overlaps the formatting of
/// the next blocks instead of following each pair (docs/benchmarks.md, session 10). Thread `w` writes blocks `w`,
/// `w + 2`, `w + 4`, … (the row writer keeps no state: both use it), at most
/// `ahead` blocks before the sink.
final class CSVBlocks: @unchecked Sendable {
    private let ranges: [Range<Int>]
    /// One slot per block, each written by one thread and read after its `ready` signal (not an array: two threads
    /// storing into one array at once is a race on the array itself).
    private let blocks: UnsafeMutableBufferPointer<[UInt8]?>
    private let ready: [DispatchSemaphore]
    /// Per thread: how many more blocks it may write before the sink has taken its earlier ones.
    private let room: [DispatchSemaphore]
    private let stopped = Atomic<Bool>(false)
    private let finished = DispatchGroup()

    /// Starts the two threads on `records` in blocks of `blockRows`; `header` goes before the first block's rows.
    init(
        _ records: [Int32], writer: CSVRowWriter, header: String, blockRows: Int, ahead: Int = 2
    ) {
        let block = max(blockRows, 1)
        ranges = stride(from: 0, to: records.count, by: block).map { $0..<min($0 + block, records.count) }
        blocks = .allocate(capacity: ranges.count)
        blocks.initialize(repeating: nil)
        ready = ranges.map { _ in DispatchSemaphore(value: 0) }
        // Made at 0 and then signalled: libdispatch stops a program that frees a semaphore below the value it
        // was made with (which `room` is, when the sink stops early or the last blocks are taken).
        room = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        for semaphore in room { for _ in 0..<max(ahead, 1) { semaphore.signal() } }
        for lane in 0..<2 {
            DispatchQueue.global().async(group: finished) { [self] in
                for k in stride(from: lane, to: ranges.count, by: 2) {
                    room[lane].wait()
                    if stopped.load(ordering: .relaxed) { break }
                    let range = ranges[k]
                    var out = ByteWriter(capacity: range.count * 512 + (k == 0 ? 1024 : 0))
                    if k == 0 { out.append(header) }
                    writer.write(records[range], into: &out)
                    blocks[k] = out.bytes
                    ready[k].signal()
                }
            }
        }
    }

    deinit {
        blocks.deinitialize()
        blocks.deallocate()
    }

    /// Hands the blocks to `sink` in order, each once written, until one returns false; returns when both threads
    /// have stopped.
    func drain(to sink: ([UInt8]) -> Bool) {
        for k in ranges.indices {
            ready[k].wait()
            let block = blocks[k] ?? []
            blocks[k] = nil
            if !sink(block) {
                stopped.store(true, ordering: .relaxed)
                // Wake both threads so that they see the stop.
                room[0].signal()
                room[1].signal()
                break
            }
            room[k % 2].signal()
        }
        finished.wait()
    }
}
