import CNcursesw

/// The process-wide state shared with the C signal, atexit and crash handlers (see `struct sitmon_process`
/// in the shim). Allocated once, never freed; written by the handlers and by the main thread only.
nonisolated(unsafe) private let sharedProcessState: UnsafeMutablePointer<sitmon_process> = {
    guard let state = sitmon_process_new() else { fatalError("sitmon: out of memory for the terminal state") }
    return state
}()

/// Swift's view of the shim's process-wide state (signal flags, "terminal active", atexit, crash guard).
///
/// The state is a single C struct allocated here and passed to every shim function, never a `static` C
/// variable: Swift gives each object file (and, through cross-module inlining, each client module) its own
/// copy of a header's static variables, which would split the flags between copies.
enum ProcessState {
    /// Installs the flag-only handler for `signal`; false when the signal is ignored or cannot be caught.
    static func trap(_ signal: Int32) -> Bool { sitmon_signal_trap(sharedProcessState, signal) == 1 }

    static func isPending(_ signal: Int32) -> Bool { sitmon_signal_pending(sharedProcessState, signal) != 0 }

    /// Reads and clears the flag of `signal`.
    static func take(_ signal: Int32) -> Bool { sitmon_signal_take(sharedProcessState, signal) != 0 }

    static func clear(_ signal: Int32) { sitmon_signal_clear(sharedProcessState, signal) }

    static var trapsInstalled: Bool { sitmon_state_traps_installed(sharedProcessState) != 0 }

    static func markTrapsInstalled() { sitmon_state_set_traps_installed(sharedProcessState) }

    /// True between a successful `Terminal.init` and `restore()` (or an exit path that restored it).
    static var terminalActive: Bool { sitmon_state_terminal_active(sharedProcessState) != 0 }

    /// Saves the shell's tty modes; call before `newterm`.
    static func saveShellModes() { sitmon_state_save_shell_tty(sharedProcessState) }

    /// Marks the terminal active, registers the atexit restore and arms the crash guard.
    static func activate(mouse: Bool) { sitmon_state_activate(sharedProcessState, mouse ? 1 : 0) }

    static func deactivate() { sitmon_state_deactivate(sharedProcessState) }

    /// Stops the process like Ctrl-Z (after `endwin`); false when job control is unavailable.
    static func stopProcess() -> Bool { sitmon_stop_process() == 1 }
}
