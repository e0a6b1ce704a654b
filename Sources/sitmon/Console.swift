import ArgumentParser
import SitmonCore
import SitmonScreen

/// The one way the CLI prints. Every message (errors, warnings, notes, success lines) and every line of text
/// output (`validate`, `config`, `--render`, ArgumentParser's own errors and help) goes through here, where each
/// line is made safe exactly as the monitor draws text (`TerminalText.sanitized`: `ESC` → `␛`, C1 and bidi
/// controls → `�`). Names from a dataset, a saved view, `config.toml` or the command line can therefore never
/// write an escape sequence to the terminal. No other file of the CLI prints (a test reads the sources).
enum Console {
    /// `text` safe for a terminal, line by line: its LF line breaks are kept, every other control is made visible
    /// (a CR, a tab or a CR LF becomes a space, so that no line can overwrite another).
    static func safe(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 < 0x20 || $0 >= 0x7F }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalText.sanitized(String($0)) }.joined(separator: "\n")
    }

    /// Prints `text` and a newline on standard output; a failed write (`> /dev/full`) is exit 74.
    static func out(_ text: String) throws {
        do throws(WriteError) {
            try FileDescriptorWriter.writeStandardOutput(Array((safe(text) + "\n").utf8))
        } catch {
            throw CLIError(message: error.description, code: 74)
        }
    }

    /// Prints `text` and a newline on standard error (where a failure cannot be reported).
    static func error(_ text: String) {
        _ = FileDescriptorWriter.writeAll(2, Array((safe(text) + "\n").utf8))
    }

    /// Ends the process for an error of ArgumentParser's (a usage error, `--help`, `--version`) or of a command,
    /// as `ParsableCommand.exit(withError:)` does, but printing through `safe`: a bad option's value is echoed in
    /// the message.
    static func exit<Command: ParsableCommand>(_ command: Command.Type, withError error: Error) -> Never {
        let code = command.exitCode(for: error)
        let text = command.fullMessage(for: error)
        if !text.isEmpty {
            if code == .success {
                if (try? out(text)) == nil { command.exit(withError: ExitCode(74)) }
            } else {
                Console.error(text)
            }
        }
        command.exit(withError: code == .success ? nil : ExitCode(code.rawValue))
    }
}
