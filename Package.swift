// swift-tools-version:6.0
import PackageDescription
import Foundation

/// The fuzz target is declared only when SITMON_FUZZ is set, so normal builds never need `-sanitize=fuzzer`.
let fuzzing = ProcessInfo.processInfo.environment["SITMON_FUZZ"] != nil

var products: [Product] = [
    .executable(name: "sitmon", targets: ["sitmon"]),
    .library(name: "SitmonCore", targets: ["SitmonCore"]),
    .library(name: "SitmonImport", targets: ["SitmonImport"]),
    .library(name: "SitmonGenerate", targets: ["SitmonGenerate"]),
    .library(name: "SitmonScreen", targets: ["SitmonScreen"]),
    .library(name: "SitmonTerminal", targets: ["SitmonTerminal"]),
]

var targets: [Target] = [
    // 1. Core: model, loading, validation, indexes, queries, export. No ncurses.
    .target(
        name: "SitmonCore",
        dependencies: ["SitmonText", "CSitmonSignals", "CSitmonAllocator"],
        resources: [.copy("Resources/mali.json")]
    ),
    // Removes temporary output files when a signal ends the process (C: async-signal-safe handlers).
    .target(name: "CSitmonSignals"),
    // The C allocator's large-block threshold during a bulk import (glibc's mallopt; AllocatorTuning).
    .target(name: "CSitmonAllocator"),
    // Importers of ACLED and UCDP GED CSV exports (the only users of CSV.swift): rows -> a core Dataset.
    .target(
        name: "SitmonImport",
        dependencies: ["SitmonCore", "CSitmonScan", .product(name: "CSV", package: "CSV.swift")]),
    // The CSV reader's byte searches, sixteen bytes at a time (SSE2), inline for Swift.
    .target(name: "CSitmonScan"),
    // The synthetic dataset generator (`sitmon generate`, benchmarks, tests): writes core datasets.
    .target(name: "SitmonGenerate", dependencies: ["SitmonCore"]),
    // Which characters are controls and the visible symbol of each (ESC -> ␛): one policy for the screen, the
    // CLI's messages and the exports. No dependencies.
    .target(name: "SitmonText"),
    // The contract between the UI and the terminal: Screen (a grid of cells), Style, InputEvent, safe text.
    .target(name: "SitmonScreen", dependencies: ["SitmonText"]),
    // 2. UI state machine: State, Action, update, render -> Screen. No ncurses.
    .target(name: "SitmonUI", dependencies: ["SitmonCore", "SitmonScreen"]),
    // 3. Terminal backend: the only code that touches ncurses.
    .systemLibrary(
        name: "CNcursesw",
        providers: [.apt(["libncurses-dev"])]
    ),
    .target(name: "SitmonTerminal", dependencies: ["SitmonScreen", "CNcursesw"]),
    // Configuration file (TOML) and saved views: settings, keymap, theme; files under the XDG directories.
    .target(
        name: "SitmonConfig",
        dependencies: [
            "SitmonCore", "SitmonScreen", "SitmonUI", "SitmonText", .product(name: "TOMLKit", package: "TOMLKit"),
        ]),
    // 4. CLI.
    .executableTarget(
        name: "sitmon",
        dependencies: [
            "SitmonCore", "SitmonImport", "SitmonGenerate", "SitmonScreen", "SitmonUI", "SitmonTerminal",
            "SitmonConfig", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]
    ),
    // Shared by the test targets: the built `sitmon` binary, a child-process runner, a dataset summary.
    .target(name: "SitmonTestSupport", dependencies: ["SitmonCore"], path: "Tests/SitmonTestSupport"),
    .testTarget(
        name: "SitmonCoreTests", dependencies: ["SitmonCore", "SitmonGenerate", "SitmonTestSupport", "CSitmonSignals"],
        resources: [.copy("Fixtures")]),
    .testTarget(
        name: "SitmonImportTests", dependencies: ["SitmonCore", "SitmonImport", "SitmonGenerate", "SitmonTestSupport"],
        resources: [.copy("Fixtures")]),
    .testTarget(
        name: "SitmonHardeningTests",
        dependencies: ["SitmonCore", "SitmonImport", "SitmonUI", "SitmonScreen", "SitmonText", "SitmonTestSupport"],
        exclude: ["make-corpus.py"], resources: [.copy("Corpus")]),
    .testTarget(name: "SitmonTerminalTests", dependencies: ["SitmonTerminal", "SitmonScreen"]),
    .testTarget(name: "SitmonConfigTests", dependencies: ["SitmonConfig", "SitmonUI", "SitmonCore", "SitmonScreen"]),
    .testTarget(
        name: "SitmonUITests", dependencies: ["SitmonUI", "SitmonCore", "SitmonGenerate", "SitmonScreen"],
        resources: [.copy("Golden")]),
]

if fuzzing {
    products.append(.executable(name: "sitmon-fuzz", targets: ["SitmonFuzz"]))
    targets.append(
        .executableTarget(
            name: "SitmonFuzz",
            dependencies: ["SitmonCore", "SitmonImport"],
            path: "Fuzz/SitmonFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ))
}

let package = Package(
    name: "sitmon",
    platforms: [.macOS(.v13)],
    products: products,
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: targets,
    swiftLanguageModes: [.v6]
)
