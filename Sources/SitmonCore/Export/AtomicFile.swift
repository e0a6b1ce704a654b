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
public enum AtomicFile {
    /// True when something exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Writes `bytes` to `path`. Without `overwrite`, an existing file is an error.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(WriteError) {
        var info = stat()
        var existingMode: mode_t?
        if stat(path, &info) == 0 {
            existingMode = info.st_mode & 0o7777
            if (info.st_mode & S_IFMT) == S_IFDIR {
                throw WriteError(kind: .isDirectory, path: path, message: "is a directory")
            }
            // A device, FIFO or socket is never replaced by a regular file (as root, --force would otherwise turn
            // /dev/null into a file): write to standard output and redirect instead.
            if (info.st_mode & S_IFMT) != S_IFREG {
                throw WriteError(kind: .failed, path: path,
                                 message: "is not a regular file; write to standard output and redirect instead")
            }
            if !overwrite {
                throw WriteError(kind: .exists, path: path, message: "already exists (use --force to overwrite)")
            }
        }
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        var template = Array((directory + "/.sitmon-XXXXXX.tmp").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else {
            throw WriteError(kind: .failed, path: path, message: "cannot write: \(reason(errno)) (in \(directory))")
        }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: Int32 = 0
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                done += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 {
            // An overwritten file keeps its permissions; a new one gets the usual 0644 less the umask.
            _ = chmod(temporary, existingMode ?? (0o644 & ~currentUmask()))
            if rename(temporary, path) != 0 { failure = errno }
        }
        if failure != 0 {
            unlink(temporary)
            throw WriteError(kind: .failed, path: path, message: "cannot write: \(reason(failure))")
        }
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
