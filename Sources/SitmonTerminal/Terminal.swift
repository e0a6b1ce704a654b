import CNcursesw
import SitmonScreen
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The ncurses terminal: draws `Screen`s and reads `InputEvent`s. Use it from the main thread only.
///
/// Creating it switches the terminal to the full-screen interface (alternate screen, no echo, keypad mode,
/// hidden cursor). ``restore()`` puts it back; so do `exit()` (an `atexit` handler), a crash (a handler for
/// SIGSEGV, SIGILL, SIGABRT, ... that writes the terminfo reset strings before the default action) and
/// `deinit`. Terminating signals are trapped by ``SignalTrap`` and left to the application to act on.
public final class Terminal {
    /// The colours in use, decided from the terminal, `NO_COLOR` and the `colors` argument.
    public let colorMode: ColorMode
    /// Whether mouse reporting was requested and accepted by ncurses.
    public let mouseEnabled: Bool

    private var palette: StylePalette
    private var active = true
    /// The last Screen drawn, to redraw only the rows that changed.
    private var previous: Screen?
    /// The terminal size when `previous` was drawn.
    private var previousTerminalSize = (width: -1, height: -1)
    /// Set after a stop/continue: the next draw repaints the whole terminal.
    private var needsFullRepaint = true
    private var cursorVisible = false
    /// Reused for `setcchar`: up to 5 wide characters and the terminating 0.
    private var glyph = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
    private let replacement: wchar_t
    /// Events decoded but not yet returned (the release half of a merged click).
    private var queued: [InputEvent] = []
    /// True once the terminal has gone away without a SIGHUP reaching the program (its pty closed while SIGHUP
    /// was ignored, as under `nohup`): reads return end of file or an I/O error at once. The application should
    /// then ``restore()`` what it can and exit (status 129, as for a hangup) instead of reading again.
    public private(set) var isLost = false
    /// Reads that failed at once, in a row, with no signal to explain them.
    private var immediateFailures = 0

    private var window: UnsafeMutablePointer<WINDOW> { sitmon_stdscr() }

    /// Starts the full-screen interface.
    ///
    /// Sets the locale from the environment, installs ``SignalTrap``, then `newterm` on stdout/stdin with
    /// cbreak, noecho, nonl, keypad, a 25 ms escape delay and a hidden cursor.
    /// - Parameters:
    ///   - mouse: report clicks (button 1 press/release) and the wheel (buttons 4/5).
    ///   - colors: allow colours (pass false for `--no-color`); `NO_COLOR` in the environment also forbids them.
    /// - Throws: ``TerminalError/unavailable(_:)`` with the reason from ``TerminalCheck`` or when `newterm`
    ///   fails; ``TerminalError/alreadyActive`` when another `Terminal` is running.
    public init(mouse: Bool, colors: Bool) throws {
        if ProcessState.terminalActive { throw TerminalError.alreadyActive }
        let environment = Terminal.environment(["TERM", "NO_COLOR"])
        if let reason = TerminalCheck.unavailableReason(environment: environment) {
            throw TerminalError.unavailable(reason)
        }
        setlocale(LC_ALL, "")
        SignalTrap.install()
        ProcessState.saveShellModes()
        guard newterm(nil, sitmon_stdout(), sitmon_stdin()) != nil else {
            throw TerminalError.unavailable(
                "ncurses could not initialise the terminal \"\(environment["TERM"] ?? "")\"")
        }
        ProcessState.activate(mouse: mouse)
        let window = sitmon_stdscr()
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        // Home and End as tmux, screen and rxvt send them, also when TERM names a terminal whose terminfo lacks
        // them (tmux with default-terminal xterm-256color sends ESC [1~ and ESC [4~; xterm's entry has ESC OH).
        for (sequence, code) in [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME),
            ("\u{1B}[8~", KEY_END), ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END),
            ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
        ] {
            _ = define_key(sequence, code)
        }
        set_escdelay(25)
        curs_set(0)
        leaveok(window, true)

        let allowed = ColorMode.colorsAllowed(noColorOption: !colors, environment: environment)
        var mode = ColorMode.none
        var defaultColors = false
        if allowed && has_colors() {
            start_color()
            defaultColors = use_default_colors() == OK
            mode = ColorMode.detect(hasColors: true, colorCount: Int(sitmon_colors()), allowed: true)
        }
        colorMode = mode
        palette = StylePalette(mode: mode, defaultColors: defaultColors, pairLimit: Int(sitmon_color_pairs()))

        if mouse {
            // CLICKED too: with mouseinterval(0) ncurses still merges a press and a release that arrive in
            // the same read into a click (and would otherwise drop the press); nextEvent splits clicks again.
            let wanted =
                sitmon_button1_pressed() | sitmon_button1_released() | sitmon_button1_clicked()
                | sitmon_button1_double_clicked() | sitmon_button1_triple_clicked()
                | sitmon_button4_pressed() | sitmon_button5_pressed()
            mouseEnabled = mousemask(wanted, nil) != 0
            mouseinterval(0)
        } else {
            mouseEnabled = false
        }
        replacement = sitmon_wcwidth(0xFFFD) == 1 ? 0xFFFD : wchar_t(UInt8(ascii: "?"))
    }

    deinit {
        restore()
    }

    /// True until ``restore()``.
    public var isActive: Bool { active }

    /// The terminal's size in columns and rows.
    public var size: (width: Int, height: Int) {
        let window = sitmon_stdscr()
        return (Int(sitmon_getmaxx(window)), Int(sitmon_getmaxy(window)))
    }

    // MARK: - Drawing

    /// Draws `screen` and shows the result.
    ///
    /// The Screen is clipped to the terminal (and the part of the terminal outside the Screen is blank). Only
    /// rows that differ from the previous Screen are handed to ncurses, which sends only what changed. Wide
    /// characters take their two columns; continuation cells are skipped. The cursor is shown at
    /// `screen.cursor` when it is inside both, hidden otherwise. After the program was stopped and continued,
    /// the terminal is repainted completely.
    public func draw(_ screen: Screen) {
        guard active else { return }
        if SignalTrap.takeContinued() { needsFullRepaint = true }
        let window = self.window
        let terminalSize = size
        // Row-by-row reuse needs the same geometry as last time; anything else redraws every row.
        var reusable: Screen? = nil
        if !needsFullRepaint, let previous, previous.width == screen.width, previous.height == screen.height,
            previousTerminalSize == terminalSize
        {
            reusable = previous
        }
        if reusable == nil { werase(window) }
        let width = min(screen.width, terminalSize.width)
        let height = min(screen.height, terminalSize.height)
        if width > 0 {
            for row in 0..<height {
                if let reusable, sameRow(row, of: screen, as: reusable) { continue }
                drawRow(row, of: screen, width: width)
            }
        }
        if needsFullRepaint { clearok(sitmon_curscr(), true) }
        placeCursor(screen.cursor, width: width, height: height)
        wnoutrefresh(window)
        doupdate()
        previous = screen
        previousTerminalSize = terminalSize
        needsFullRepaint = false
    }

    private func sameRow(_ row: Int, of screen: Screen, as old: Screen) -> Bool {
        let start = row * screen.width
        return screen.cells[start..<start + screen.width] == old.cells[start..<start + screen.width]
    }

    private func drawRow(_ row: Int, of screen: Screen, width: Int) {
        let window = self.window
        let start = row * screen.width
        let y = Int32(row)
        var column = 0
        var lastStyle: Style?
        var rendition = StylePalette.Rendition(attributes: 0, pair: 0)
        while column < width {
            let cell = screen.cells[start + column]
            if cell.style != lastStyle {  // runs of one style are the rule: skip the dictionary lookup
                rendition = palette.rendition(for: cell.style)
                lastStyle = cell.style
            }
            if cell.width == 2, column + 1 < width, screen.cells[start + column + 1].width == 0 {
                let drawn = fillGlyph(cell.text, columns: 2)
                put(window, y, column, rendition)
                if drawn == 1 {  // the C library thinks it is narrow: pad so that later columns stay aligned
                    fillBlank()
                    put(window, y, column + 1, rendition)
                }
                column += 2
            } else {
                // A narrow cell, a wide one that does not fit, or a stray continuation cell.
                if cell.width == 1 { _ = fillGlyph(cell.text, columns: 1) } else { fillBlank() }
                put(window, y, column, rendition)
                column += 1
            }
        }
    }

    private func put(_ window: UnsafeMutablePointer<WINDOW>, _ y: Int32, _ x: Int, _ rendition: StylePalette.Rendition)
    {
        var cell = cchar_t()
        let status = glyph.withUnsafeBufferPointer { buffer in
            sitmon_setcchar(&cell, buffer.baseAddress, rendition.attributes, rendition.pair)
        }
        if status == OK {
            _ = mvwadd_wch(window, y, Int32(x), &cell)
        }
    }

    private func fillBlank() {
        glyph[0] = 0x20
        glyph[1] = 0
    }

    /// Puts the characters of a cell's text into `glyph` and returns the columns the C library gives it.
    /// The base character is kept with the zero-width marks that follow it; when the C library's width does not
    /// match the Screen's (`columns`), only the base character (or a replacement character) is drawn.
    private func fillGlyph(_ text: String, columns: Int) -> Int {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next(), first.value >= 0x20 else {
            fillBlank()
            return 1
        }
        let base = wchar_t(bitPattern: first.value)
        let baseWidth = Int(sitmon_wcwidth(base))
        if baseWidth == columns {
            glyph[0] = base
            var count = 1
            while count < Int(CCHARW_MAX), let next = scalars.next() {
                let value = wchar_t(bitPattern: next.value)
                if next.value == 0x200D || sitmon_wcwidth(value) != 0 { break }  // no joiners, no second spacing char
                glyph[count] = value
                count += 1
            }
            glyph[count] = 0
            return columns
        }
        glyph[0] = baseWidth == 1 ? base : replacement
        glyph[1] = 0
        return 1
    }

    private func placeCursor(_ cursor: (x: Int, y: Int)?, width: Int, height: Int) {
        let window = self.window
        if let cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < width, cursor.y < height {
            leaveok(window, false)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            if !cursorVisible {
                curs_set(1)
                cursorVisible = true
            }
        } else {
            leaveok(window, true)
            if cursorVisible {
                curs_set(0)
                cursorVisible = false
            }
        }
    }

    // MARK: - Input

    private enum SignalOutcome {
        case nothing
        case terminate
        case event(InputEvent)
    }

    /// Waits up to `timeoutMilliseconds` (negative: forever) for the next input event; nil on timeout.
    ///
    /// Returns nil at once when a terminating signal is pending (poll ``SignalTrap/pendingSignal``); returns
    /// `.key(.control("c"))` for SIGINT (Ctrl-C) and `.resize` with the current size after the program was
    /// continued (`fg`), so that the application redraws. Keys without a meaning here are skipped.
    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent? {
        guard active, !isLost else { return nil }
        if !queued.isEmpty { return queued.removeFirst() }
        switch signalOutcome() {
        case .terminate: return nil
        case .event(let event): return event
        case .nothing: break
        }
        let window = self.window
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(max(0, timeoutMilliseconds)))
        var remaining = timeoutMilliseconds
        while true {
            wtimeout(window, Int32(clamping: remaining < 0 ? -1 : remaining))
            var value: wint_t = 0
            let started = clock.now
            let status = wget_wch(window, &value)
            if status != ERR { immediateFailures = 0 }
            if status == KEY_CODE_YES {
                let code = Int32(bitPattern: UInt32(value))
                if code == KEY_RESIZE {
                    let current = size
                    return .resize(width: current.width, height: current.height)
                }
                if code == KEY_MOUSE {
                    var report = MEVENT()
                    if getmouse(&report) == OK {
                        let events = KeyDecoder.events(forMouseState: report.bstate, x: Int(report.x), y: Int(report.y))
                        if let first = events.first {
                            queued.append(contentsOf: events.dropFirst())
                            return first
                        }
                    } else {
                        swallowMouseReport(window)
                    }
                } else if let event = KeyDecoder.event(forKeyCode: code) {
                    return event
                }
            } else if status == OK {
                if value == 27 {
                    if let event = readEscapeSequence(window) { return event }
                } else if let event = KeyDecoder.event(forCharacter: UInt32(value)) {
                    return event
                }
            } else {
                // ERR: the timeout expired, a signal interrupted the wait, or the terminal is gone.
                let outcome = signalOutcome()
                if case .event(let event) = outcome { return event }
                if case .nothing = outcome {
                    let immediate = remaining != 0 && clock.now - started < .milliseconds(1)
                    immediateFailures = immediate ? immediateFailures + 1 : 0
                    if immediate && (Terminal.inputHungUp() || immediateFailures >= 100) { isLost = true }
                }
                return nil
            }
            // Input that means nothing here: keep waiting for the rest of the time.
            switch signalOutcome() {
            case .terminate: return nil
            case .event(let event): return event
            case .nothing: break
            }
            if timeoutMilliseconds >= 0 {
                let left = deadline - clock.now
                remaining = Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
                if remaining <= 0 { return nil }
            }
        }
    }

    /// True when standard input reports a hangup or an error: the terminal's pty was closed (`poll` gives
    /// POLLHUP/POLLERR on a hung-up tty, whose reads return end of file or EIO).
    private static func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) == 1 else { return false }
        return Int32(descriptor.revents) & (POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// With the mouse off (`--no-mouse`), ncurses still recognises the start of a mouse report (its `kmous`, ESC [ <
    /// or ESC [ M) and returns KEY_MOUSE, leaving the rest of the report to be read as characters: `0;6;8m` would
    /// act as keys. This reads the rest and drops it (`EscapeSequenceParser.mouseReportRest`).
    private func swallowMouseReport(_ window: UnsafeMutablePointer<WINDOW>?) {
        var parser = EscapeSequenceParser.mouseReportRest()
        _ = readSequence(&parser, window)
    }

    /// After an ESC, reads what came with it (`EscapeSequenceParser`): the Escape key, a key or mouse report that
    /// ncurses did not turn into a key itself, or nil for a sequence that is dropped. A mouse report while the mouse
    /// is off is dropped too.
    private func readEscapeSequence(_ window: UnsafeMutablePointer<WINDOW>?) -> InputEvent? {
        var parser = EscapeSequenceParser()
        switch readSequence(&parser, window) {
        case .escapeKey: return .key(.escape)
        case .sequence(.mouse?, _) where !mouseEnabled: return nil
        case .sequence(let event, _): return event
        case .needMore: return nil
        }
    }

    /// Feeds `parser` the characters that follow, waiting up to 5 ms for each (none for the first after an ESC:
    /// an ESC alone is the Escape key), and puts back a character or key read past the sequence's end.
    private func readSequence(
        _ parser: inout EscapeSequenceParser,
        _ window: UnsafeMutablePointer<WINDOW>?
    ) -> EscapeSequenceParser.Step {
        var value: wint_t = 0
        while true {
            let atStart = parser.isAtStart
            wtimeout(window, atStart ? 0 : 5)
            let status = wget_wch(window, &value)
            if atStart && status == KEY_CODE_YES {
                _ = ungetch(Int32(bitPattern: UInt32(value)))
                return .escapeKey(putBack: nil)
            }
            let step = status == OK ? parser.feed(UInt32(value)) : parser.timedOut()
            switch step {
            case .needMore: continue
            case .escapeKey(let putBack?), .sequence(_, let putBack?): _ = unget_wch(numericCast(putBack))
            case .escapeKey, .sequence: break
            }
            return step
        }
    }

    private func signalOutcome() -> SignalOutcome {
        if SignalTrap.terminationPending { return .terminate }
        if SignalTrap.takeInterrupt() { return .event(.key(.control("c"))) }
        if SignalTrap.takeContinued() {
            needsFullRepaint = true
            let current = size
            return .event(.resize(width: current.width, height: current.height))
        }
        return .nothing
    }

    // MARK: - Suspend and restore

    /// Suspends the program as Ctrl-Z does (for a key binding): leaves the interface, stops the job, and
    /// repaints when the shell continues it with `fg`. Returns false, without stopping, when the shell has no
    /// job control. (Ctrl-Z itself is handled by ncurses' SIGTSTP handler, which does the same.)
    @discardableResult
    public func suspend() -> Bool {
        guard active else { return false }
        endwin()
        fflush(sitmon_stdout())
        let stopped = ProcessState.stopProcess()
        // Continued (or never stopped): resume the interface with a complete repaint.
        clearok(sitmon_curscr(), true)
        wnoutrefresh(window)
        doupdate()
        needsFullRepaint = true
        return stopped
    }

    /// Leaves the interface: disables mouse reporting, shows the cursor, `endwin` (the shell's screen and tty
    /// modes come back), and discards input not read yet (`tcflush`), so that the rest of a paste or keys typed
    /// during a long step do not land at the shell prompt. Idempotent; drawing and reading do nothing afterwards.
    /// The atexit and crash handlers flush too.
    public func restore() {
        guard active else { return }
        active = false
        if mouseEnabled { mousemask(0, nil) }
        curs_set(1)
        endwin()
        fflush(sitmon_stdout())
        tcflush(STDIN_FILENO, TCIFLUSH)
        ProcessState.deactivate()
    }

    // MARK: - Helpers

    private static func environment(_ names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in names {
            if let value = getenv(name) { result[name] = String(cString: value) }
        }
        return result
    }
}
