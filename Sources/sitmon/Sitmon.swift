import ArgumentParser

/// The `sitmon` command: the monitor by default, and headless subcommands sharing the same core.
@main
struct Sitmon: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitmon",
        abstract: "A terminal situation monitor for the crisis in Mali: actors, coup timeline, jihadist activity by region.",
        discussion: """
            With no subcommand, opens the monitor on the bundled Mali dataset (or on --data FILE).
            Exit codes: 0 success, 1 no usable terminal, 64 usage error, 65 invalid data, 66 unreadable file,
            73 cannot write output, 78 invalid configuration file.
            Configuration: ~/.config/sitmon/config.toml (see `sitmon config --help` and docs/configuration.md).
            """,
        version: "0.1.0",
        subcommands: [MonitorCommand.self, ExportCommand.self, ValidateCommand.self, GenerateCommand.self,
                      ImportCommand.self, ConfigCommand.self, BenchUICommand.self],
        defaultSubcommand: MonitorCommand.self
    )
}
