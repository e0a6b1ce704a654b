#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

import CSitmonAllocator

/// Gives memory back to the system before it is freed: the whole pages inside a range of memory that is read no
/// more (a buffer being drained) then read as zeros and take no room.
package enum PageRelease {
    package static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

    /// Releases the whole pages inside `start ..< start + count` (the partial pages at either end are kept: they
    /// may hold other data).
    package static func release(_ start: UnsafeMutableRawPointer, _ count: Int) {
        let address = UInt(bitPattern: start), page = UInt(pageSize)
        let from = (address + page - 1) & ~(page - 1)
        let to = (address + UInt(count)) & ~(page - 1)
        guard to > from, let pointer = UnsafeMutableRawPointer(bitPattern: from) else { return }
        _ = madvise(pointer, Int(to - from), Int32(MADV_DONTNEED))
    }

    /// What `move` did.
    package enum MoveOutcome {
        case moved
        /// The system cannot move pages (only Linux 5.13 and later can): `to` is mapped and empty, as if given back.
        case notMoved
        /// The move failed and `to` could not even be mapped again: it must not be read.
        case destinationLost
    }

    /// Moves the pages of `from ..< from + count` to `to` (both page-aligned, inside private anonymous memory): they
    /// keep their memory, which is not zeroed again, and `from` reads as zeros afterwards.
    package static func move(_ from: UnsafeMutableRawPointer, to: UnsafeMutableRawPointer, count: Int) -> MoveOutcome {
        guard count > 0 else { return .notMoved }
        switch sitmon_move_pages(from, count, to) {
        case 1: return .moved
        case 0: return .notMoved
        default: return .destinationLost
        }
    }
}
