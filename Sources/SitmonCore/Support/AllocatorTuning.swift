import CSitmonAllocator

/// The C allocator's setting for large blocks during a bulk import. glibc serves blocks of at least a threshold from
/// mappings of their own, given back when freed; it raises the threshold as large blocks are freed, after which
/// blocks of the same size come from its heaps, whose freed middle is not given back. An import that frees one half's
/// columns while the other grows reached a peak 50–70 MB higher in some runs than in others (403 or 457 MB for the
/// same 1M-row file, depending on which thread freed first). A fixed threshold during the import keeps every column
/// in a mapping of its own (388 MB, every run); afterwards it is set to glibc's own ceiling, where its adjustment
/// ends up in a long-running process anyway, so that the monitor's keystrokes do not map and unmap their arrays.
package enum AllocatorTuning {
    /// Runs `body` with large blocks (256 KB or more) mapped on their own.
    package static func duringBulkLoad<T>(_ body: () throws -> T) rethrows -> T {
        _ = sitmon_set_mmap_threshold(256 << 10)
        defer { _ = sitmon_set_mmap_threshold(32 << 20) }
        return try body()
    }

    /// Gives the pages of freed blocks back to the system (glibc keeps them, in the middle of its heaps, for later
    /// blocks): once the monitor's start-up is over, its indexes' and first view's temporaries are no longer needed.
    package static func releaseFreeMemory() {
        _ = sitmon_release_free_memory()
    }
}
