import ArgumentParser
import SitmonCore

/// `-o FILE` and `--force`, shared by the commands that write a file: `export`, `import` and `generate`.
struct OutputOptions: ParsableArguments, Sendable {
    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Write to this file (atomically: a temporary file renamed into place) instead of standard output.",
            valueName: "file"))
    var output: String?

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    /// Fails before any work is done when the output is an existing file and `--force` was not given (exit 73).
    /// A device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written into, never replaced,
    /// so it needs no `--force`.
    func refuseOverwrite() throws {
        guard let output, !force, AtomicFile.exists(output) else { return }
        if StreamingAtomicFile.isSpecialFile(output) { return }
        throw CLIError(message: "\(output) already exists (use --force to overwrite)", code: .cannotCreate)
    }

    /// The status when writing fails: `.cannotCreate` (73) for `-o FILE`, `.outputFailed` (74) for standard output.
    var failureStatus: ExitStatus { output == nil ? .outputFailed : .cannotCreate }

    /// Writes `bytes` atomically to the output file (exit 73 when it cannot), or to standard output (exit 74).
    func write(_ bytes: [UInt8]) throws {
        try write(parts: [bytes])
    }

    /// Writes `parts` one after the other, as `write(_:)` writes one piece.
    func write(parts: [[UInt8]]) throws {
        try write { sink in
            for part in parts where !sink(part) { return }
        }
    }

    /// Writes the pieces `produce` hands to its sink as it makes them (the sink returns false once a write has
    /// failed); the output file is put in place only when all were written.
    func write(streaming produce: (_ sink: ([UInt8]) -> Bool) -> Void) throws {
        /// Runs `produce` with a sink that writes each piece into `file` (nil: standard output) until one fails; that
        /// failure, or nil.
        func feed(into file: StreamingAtomicFile?) -> WriteError? {
            var failure: WriteError?
            produce { part in
                do throws(WriteError) {
                    if let file { try file.write(part) } else { try FileDescriptorWriter.writeStandardOutput(part) }
                    return true
                } catch {
                    failure = error
                    return false
                }
            }
            return failure
        }
        if let output {
            do throws(WriteError) {
                let file = try StreamingAtomicFile(path: output, overwrite: force, direct: true)
                if let failure = feed(into: file) { throw failure }
                try file.commit()
            } catch {
                throw CLIError(message: error.description, code: .cannotCreate)
            }
        } else if let failure = feed(into: nil) {
            // Written as is: a copy into `Data` doubled the memory of a large export.
            throw CLIError(message: failure.description, code: .outputFailed)
        }
    }
}
