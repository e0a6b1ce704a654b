import ArgumentParser
import Foundation
import SitmonScreen

/// The `sitmon` command: the monitor by default, and headless subcommands sharing the same core.
@main
struct Sitmon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitmon",
        abstract:
            "A terminal situation monitor for the crisis in Mali: actors, coup timeline, jihadist activity by region.",
        discussion: """
            With no subcommand, opens the monitor on the bundled Mali dataset (or on --data FILE).

            Monitor options (`sitmon [monitor] [options]`; `sitmon monitor --help` explains each):
              --data <path>       a dataset (sitmon JSON, ACLED or UCDP GED CSV); repeat to merge several
              --watch             reload when a data file changes, keeping filters and selection
              --view <name>       open a saved view (w in the monitor saves one)
              --fresh             start on the whole dataset, not on the last session's view
              --no-mouse          leave the mouse to the terminal (its own text selection)
              --no-color          draw without colours (as NO_COLOR does)
              --config <file>     the configuration file
              --render <WxH>      print one frame as text instead of opening the terminal

            Exit codes:
              0   success
              1   no usable terminal (the monitor needs one; scripts use `sitmon export`)
              64  usage error (an unknown option, actor, region or saved view; an ambiguous name)
              65  invalid data (every problem listed as file:line:column: $.path: message)
              66  unreadable file
              73  cannot write the output file (an existing file is kept unless --force)
              74  cannot write standard output
              78  invalid configuration file (file:line: setting: problem)
              129 130 143  the terminal was lost, interrupted (Ctrl-C), or terminated

            Configuration: ~/.config/sitmon/config.toml (see `sitmon config --help` and docs/configuration.md).
            """,
        version: "0.1.0",
        subcommands: [
            MonitorCommand.self, ExportCommand.self, ValidateCommand.self, GenerateCommand.self,
            ImportCommand.self, ConfigCommand.self, BenchUICommand.self,
        ],
        defaultSubcommand: MonitorCommand.self
    )

    /// Parses and runs the command as ArgumentParser does, but prints its messages through `Console`.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            Console.exit(Self.self, withError: error)
        }
    }
}
