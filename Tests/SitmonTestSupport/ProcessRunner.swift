import Foundation

/// What a finished child process printed and how it ended.
public struct ProcessResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutBytes: [UInt8]
    public var stderrBytes: [UInt8]
}

/// Runs child processes for tests.
public enum Run {
    /// Runs `executable` with `arguments`, feeding `stdin` (empty when nil); output goes through temporary files, so
    /// no pipe can fill up. With `environment` nil the child gets this process's environment without `SITMON_DATA`
    /// and `SITMON_CONFIG`, and with fresh, empty XDG configuration and state folders: never the user's settings.
    public static func process(
        _ executable: String, _ arguments: [String], stdin: [UInt8]? = nil,
        environment: [String: String]? = nil, directory: URL? = nil
    ) throws -> ProcessResult {
        let scratch = try TemporaryFolder.make(prefix: "sitmon-run")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        let inURL = scratch.appendingPathComponent("stdin")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data(stdin ?? []))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = environment ?? ProcessInfo.processInfo.environment
        if environment == nil {
            env.removeValue(forKey: "SITMON_DATA")
            env.removeValue(forKey: "SITMON_CONFIG")
            env["XDG_CONFIG_HOME"] = scratch.appendingPathComponent("config").path
            env["XDG_STATE_HOME"] = scratch.appendingPathComponent("state").path
            env["XDG_CACHE_HOME"] = scratch.appendingPathComponent("cache").path
        }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        try inHandle.close()
        let out = try Data(contentsOf: outURL)
        let err = try Data(contentsOf: errURL)
        return ProcessResult(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self), stdoutBytes: Array(out),
            stderrBytes: Array(err))
    }

    /// Runs the built `sitmon` (`BuiltSitmon`) with `arguments`, as `process` does.
    public static func sitmon(
        _ arguments: [String], stdin: [UInt8]? = nil,
        environment: [String: String]? = nil
    ) throws -> ProcessResult {
        try process(BuiltSitmon.path, arguments, stdin: stdin, environment: environment)
    }

    /// Where `name` is on PATH, if anywhere.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
