#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes whole buffers to a file descriptor, retrying short writes and EINTR.
public enum FileDescriptorWriter {
    /// Writes to standard output.
    public static func writeStandardOutput(_ bytes: [UInt8]) throws(WriteError) {
        let code = writeAll(1, bytes)
        if code != 0 {
            throw WriteError(kind: .failed, path: "<stdout>", message: "cannot write: \(AtomicFile.reason(code))")
        }
    }

    /// 0 on success, else the errno.
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { writeAll(fd, raw: $0) }
    }

    /// 0 on success, else the errno.
    public static func writeAll(_ fd: Int32, raw: UnsafeRawBufferPointer) -> Int32 {
        guard let base = raw.baseAddress else { return 0 }  // nothing to write
        var done = 0
        while done < raw.count {
            #if canImport(Glibc)
                let n = Glibc.write(fd, base + done, raw.count - done)
            #else
                let n = Darwin.write(fd, base + done, raw.count - done)
            #endif
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return 0
    }
}
