import CNcursesw

/// The only Swift file that calls the shim's stateful functions (signal flags, "terminal active", atexit,
/// crash guard). The shim keeps that state in `static` C variables, and Swift gives every object file that
/// uses a static inline function its own copy of them: funnelling every call through this file keeps one copy.
enum ProcessState {
    /// Installs the flag-only handler for `signal`; false when the signal is ignored or cannot be caught.
    static func trap(_ signal: Int32) -> Bool { sitmon_signal_trap(signal) == 1 }

    static func isPending(_ signal: Int32) -> Bool { sitmon_signal_pending(signal) != 0 }

    /// Reads and clears the flag of `signal`.
    static func take(_ signal: Int32) -> Bool { sitmon_signal_take(signal) != 0 }

    static func clear(_ signal: Int32) { sitmon_signal_clear(signal) }

    static var trapsInstalled: Bool { sitmon_state_traps_installed() != 0 }

    static func markTrapsInstalled() { sitmon_state_set_traps_installed() }

    /// True between a successful `Terminal.init` and `restore()` (or an exit path that restored it).
    static var terminalActive: Bool { sitmon_state_terminal_active() != 0 }

    /// Saves the shell's tty modes; call before `newterm`.
    static func saveShellModes() { sitmon_state_save_shell_tty() }

    /// Marks the terminal active, registers the atexit restore and arms the crash guard.
    static func activate(mouse: Bool) { sitmon_state_activate(mouse ? 1 : 0) }

    static func deactivate() { sitmon_state_deactivate() }

    /// Stops the process like Ctrl-Z (after `endwin`); false when job control is unavailable.
    static func stopProcess() -> Bool { sitmon_state_suspend() == 1 }
}
