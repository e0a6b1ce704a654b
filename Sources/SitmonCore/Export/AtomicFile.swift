#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file could not be written.
public struct WriteError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: Sendable, Equatable { case exists, isDirectory, failed }
    public var kind: Kind
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}

/// Writes files atomically: a temporary file in the same directory, flushed, then renamed over the target.
/// A failure (unwritable directory, full disk) leaves no temporary file behind and the old file untouched.
/// The work is done by `StreamingAtomicFile`; this is its one-piece form.
public enum AtomicFile {
    /// True when something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Writes `bytes` to `path`. Without `overwrite`, an existing file is an error. A device, FIFO or socket is
    /// written directly, never replaced (see `StreamingAtomicFile`).
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(WriteError) {
        try write(parts: [bytes], to: path, overwrite: overwrite)
    }

    /// Writes `parts` one after the other to `path`, as one file, with the rules of `write(_:to:overwrite:)`.
    public static func write(parts: [[UInt8]], to path: String, overwrite: Bool) throws(WriteError) {
        let file = try StreamingAtomicFile(path: path, overwrite: overwrite)
        for part in parts { try file.write(part) }
        try file.commit()
    }

    static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "no space left on device"
        case EACCES: "permission denied"
        case ENOENT: "no such directory"
        case EROFS: "read-only file system"
        default: String(cString: strerror(code))
        }
    }
}
