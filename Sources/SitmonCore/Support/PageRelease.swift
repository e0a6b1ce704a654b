#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Gives memory back to the system before it is freed: the whole pages inside a range of memory that is read no
/// more (a buffer being drained) then read as zeros and take no room.
package enum PageRelease {
    static let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

    /// Releases the whole pages inside `start ..< start + count` (the partial pages at either end are kept: they
    /// may hold other data).
    package static func release(_ start: UnsafeMutableRawPointer, _ count: Int) {
        let address = UInt(bitPattern: start), page = UInt(pageSize)
        let from = (address + page - 1) & ~(page - 1)
        let to = (address + UInt(count)) & ~(page - 1)
        guard to > from, let pointer = UnsafeMutableRawPointer(bitPattern: from) else { return }
        _ = madvise(pointer, Int(to - from), Int32(MADV_DONTNEED))
    }
}
