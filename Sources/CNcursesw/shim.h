/*
 * CNcursesw shim: the part of ncursesw (and of POSIX signals) that Swift cannot import directly.
 *
 * - The wide-character API needs _XOPEN_SOURCE_EXTENDED and NCURSES_WIDECHAR before <ncurses.h>.
 * - Macros (A_BOLD, BUTTON masks, stdscr, LINES, ...) become static inline accessors.
 * - Signal handlers and the "restore the terminal on exit" guarantee live here, because a Swift closure used
 *   as a C signal handler cannot capture state.
 *
 * IMPORTANT: the functions below named sitmon_state_* / sitmon_signal_* keep state in `static` variables of
 * this header. Swift emits static inline functions into every object file that uses them, so each object file
 * would get its OWN copy of those variables. Call them from exactly one Swift file
 * (SitmonTerminal/ProcessState.swift) and from no other module. Every such variable has an explicit
 * initialiser: Swift's C code generation does not emit C "tentative definitions" (a static without one would
 * be left as an undefined symbol and fail to link).
 */
#ifndef SITMON_CNCURSESW_SHIM_H
#define SITMON_CNCURSESW_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <ncurses.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

/* From <term.h>, declared here so that term.h's many lower-case macros (lines, columns, ...) stay out. */
struct term;
extern int setupterm(const char *, int, int *);
extern struct term *set_curterm(struct term *);
extern int del_curterm(struct term *);

/* ---------------------------------------------------------------------------------------------------------
 * Stateless accessors (safe to call from anywhere).
 * ------------------------------------------------------------------------------------------------------- */

static inline WINDOW *sitmon_stdscr(void) { return stdscr; }
static inline WINDOW *sitmon_curscr(void) { return curscr; }
static inline FILE *sitmon_stdout(void) { return stdout; }
static inline FILE *sitmon_stdin(void) { return stdin; }
static inline int sitmon_lines(void) { return LINES; }
static inline int sitmon_cols(void) { return COLS; }
static inline int sitmon_colors(void) { return COLORS; }
static inline int sitmon_color_pairs(void) { return COLOR_PAIRS; }
static inline int sitmon_getmaxy(WINDOW *win) { return win ? getmaxy(win) : 0; }
static inline int sitmon_getmaxx(WINDOW *win) { return win ? getmaxx(win) : 0; }

static inline attr_t sitmon_a_normal(void) { return A_NORMAL; }
static inline attr_t sitmon_a_bold(void) { return A_BOLD; }
static inline attr_t sitmon_a_reverse(void) { return A_REVERSE; }
static inline attr_t sitmon_a_underline(void) { return A_UNDERLINE; }
static inline attr_t sitmon_a_dim(void) { return A_DIM; }

static inline int sitmon_key_f(int n) { return KEY_F(n); }

static inline mmask_t sitmon_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t sitmon_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t sitmon_button1_clicked(void) { return BUTTON1_CLICKED; }
static inline mmask_t sitmon_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t sitmon_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}

/* Columns of a wide character in the current locale (-1: not printable). wcwidth is an X/Open function that
 * the C library module may not export to Swift. */
extern int wcwidth(wchar_t);
static inline int sitmon_wcwidth(wchar_t c) { return wcwidth(c); }

/* Sets a cchar_t from a NUL-terminated wide string with an extended colour pair (ncurses >= 6.1). */
static inline int sitmon_setcchar(cchar_t *cell, const wchar_t *text, attr_t attrs, int pair) {
    short legacy = (short)(pair < 0x7fff ? pair : 0);
    return setcchar(cell, text, attrs, legacy, &pair);
}

/*
 * Whether terminfo knows `name`, without touching the current terminal and without exiting:
 * 1 = found, 0 = no such entry, -1 = no terminfo database, 2 = hard-copy/unusable terminal.
 */
static inline int sitmon_terminfo_status(const char *name) {
    int err = 0;
    struct term *previous = set_curterm(NULL);
    int rc = setupterm(name, STDOUT_FILENO, &err);
    struct term *mine = set_curterm(previous);
    if (mine != NULL && mine != previous) del_curterm(mine);
    if (rc == OK) return 1;
    if (err == 1) return 2;
    return err;  /* 0 or -1 */
}

/* ---------------------------------------------------------------------------------------------------------
 * Process-wide state. Call only from SitmonTerminal/ProcessState.swift (see the note at the top).
 * ------------------------------------------------------------------------------------------------------- */

#define SITMON_MAX_SIGNAL 65

static volatile sig_atomic_t sitmon_pending_signals[SITMON_MAX_SIGNAL] = { 0 };
static volatile sig_atomic_t sitmon_traps_installed = 0;
static volatile sig_atomic_t sitmon_terminal_active = 0;
static volatile sig_atomic_t sitmon_mouse_active = 0;
static volatile sig_atomic_t sitmon_atexit_registered = 0;
static volatile sig_atomic_t sitmon_guard_armed = 0;
static struct termios sitmon_shell_tty = { 0 };
static volatile sig_atomic_t sitmon_shell_tty_saved = 0;
static char sitmon_reset_sequence[512] = { 0 };
static volatile size_t sitmon_reset_length = 0;

static void sitmon_signal_flag_handler(int sig) {
    if (sig > 0 && sig < SITMON_MAX_SIGNAL) sitmon_pending_signals[sig] = 1;
}

/* Installs the flag-setting handler (no SA_RESTART, so a blocked read returns EINTR) for `sig`
 * unless the signal is ignored (e.g. SIGHUP under nohup). Returns 1 when installed. */
static inline int sitmon_signal_trap(int sig) {
    struct sigaction current;
    if (sig <= 0 || sig >= SITMON_MAX_SIGNAL) return 0;
    if (sigaction(sig, NULL, &current) != 0) return 0;
    if (current.sa_handler == SIG_IGN && sig != SIGCONT) return 0;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = sitmon_signal_flag_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(sig, &action, NULL) == 0 ? 1 : 0;
}

static inline int sitmon_signal_pending(int sig) {
    return (sig > 0 && sig < SITMON_MAX_SIGNAL) ? (int)sitmon_pending_signals[sig] : 0;
}

static inline void sitmon_signal_clear(int sig) {
    if (sig > 0 && sig < SITMON_MAX_SIGNAL) sitmon_pending_signals[sig] = 0;
}

/* Reads and clears a flag in one go (the handler only ever sets it to 1, so a lost set is impossible
 * while the signal is blocked for the exchange). */
static inline int sitmon_signal_take(int sig) {
    if (sig <= 0 || sig >= SITMON_MAX_SIGNAL) return 0;
    sigset_t block, previous;
    sigemptyset(&block);
    sigaddset(&block, sig);
    sigprocmask(SIG_BLOCK, &block, &previous);
    int value = (int)sitmon_pending_signals[sig];
    sitmon_pending_signals[sig] = 0;
    sigprocmask(SIG_SETMASK, &previous, NULL);
    return value;
}

static inline int sitmon_state_traps_installed(void) { return (int)sitmon_traps_installed; }
static inline void sitmon_state_set_traps_installed(void) { sitmon_traps_installed = 1; }
static inline int sitmon_state_terminal_active(void) { return (int)sitmon_terminal_active; }

/* Remembers the shell's tty modes (before newterm), for the crash guard. */
static inline void sitmon_state_save_shell_tty(void) {
    if (tcgetattr(STDIN_FILENO, &sitmon_shell_tty) == 0) sitmon_shell_tty_saved = 1;
}

static void sitmon_append_reset(const char *text) {
    if (text == NULL || text == (const char *)-1) return;
    size_t length = strlen(text);
    size_t used = sitmon_reset_length;
    if (used + length >= sizeof sitmon_reset_sequence) return;
    memcpy(sitmon_reset_sequence + used, text, length);
    sitmon_reset_length = used + length;
    sitmon_reset_sequence[used + length] = '\0';
}

/* The async-signal-safe emergency restore: raw bytes and tcsetattr only. */
static void sitmon_emergency_restore(void) {
    if (!sitmon_terminal_active) return;
    sitmon_terminal_active = 0;
    if (sitmon_reset_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, sitmon_reset_sequence, sitmon_reset_length);
        (void)ignored;
    }
    if (sitmon_shell_tty_saved) tcsetattr(STDIN_FILENO, TCSANOW, &sitmon_shell_tty);
}

static void sitmon_atexit_restore(void) {
    if (!sitmon_terminal_active) return;
    sitmon_terminal_active = 0;
    if (sitmon_mouse_active) mousemask(0, NULL);
    sitmon_mouse_active = 0;
    curs_set(1);
    endwin();
    fflush(stdout);
}

#define SITMON_GUARDED_COUNT 6
static const int sitmon_guarded_signals[SITMON_GUARDED_COUNT] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };
static struct sigaction sitmon_guard_previous[SITMON_GUARDED_COUNT] = { { { 0 } } };

/* Crash guard: puts the terminal back, reinstates the previous handler (e.g. Swift's backtracer), then lets
 * the signal happen again: a fault re-executes the faulting instruction, a sent signal is raised again. */
static void sitmon_crash_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    sitmon_emergency_restore();
    for (int i = 0; i < SITMON_GUARDED_COUNT; i++) {
        if (sitmon_guarded_signals[i] == sig) {
            sigaction(sig, &sitmon_guard_previous[i], NULL);
            break;
        }
    }
    if (info == NULL || info->si_code <= 0 || sig == SIGTRAP || sig == SIGABRT) raise(sig);
}

/*
 * Marks the terminal active (after newterm succeeded), registers the atexit restore once, and arms the crash
 * guard with reset bytes from terminfo (rmcup, rmkx, sgr0, cnorm, mouse off).
 */
static inline void sitmon_state_activate(int mouse) {
    sitmon_reset_length = 0;
    sitmon_reset_sequence[0] = '\0';
    if (mouse) sitmon_append_reset("\033[?1006l\033[?1002l\033[?1000l");
    sitmon_append_reset(tigetstr("sgr0"));
    sitmon_append_reset(tigetstr("rmkx"));
    sitmon_append_reset(tigetstr("cnorm"));
    sitmon_append_reset(tigetstr("rmcup"));
    sitmon_mouse_active = mouse ? 1 : 0;
    sitmon_terminal_active = 1;
    if (!sitmon_atexit_registered) {
        sitmon_atexit_registered = 1;
        atexit(sitmon_atexit_restore);
    }
    if (!sitmon_guard_armed) {
        sitmon_guard_armed = 1;
        for (int i = 0; i < SITMON_GUARDED_COUNT; i++) {
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_sigaction = sitmon_crash_handler;
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_SIGINFO | SA_ONSTACK;
            sigaction(sitmon_guarded_signals[i], &action, &sitmon_guard_previous[i]);
        }
    }
}

/* Marks the terminal restored (restore() did endwin itself). */
static inline void sitmon_state_deactivate(void) {
    sitmon_terminal_active = 0;
    sitmon_mouse_active = 0;
}

/*
 * Stops the process as Ctrl-Z would (the caller has already called endwin). Returns 0 without stopping when
 * SIGTSTP is ignored (no job control). Returns after the shell's `fg` (SIGCONT).
 */
static inline int sitmon_state_suspend(void) {
    struct sigaction previous;
    if (sigaction(SIGTSTP, NULL, &previous) != 0) return 0;
    if (previous.sa_handler == SIG_IGN) return 0;
    struct sigaction defaults;
    memset(&defaults, 0, sizeof defaults);
    defaults.sa_handler = SIG_DFL;
    sigemptyset(&defaults.sa_mask);
    sigaction(SIGTSTP, &defaults, NULL);
    sigset_t unblock, saved;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGTSTP);
    sigprocmask(SIG_UNBLOCK, &unblock, &saved);
    kill(0, SIGTSTP);  /* the whole foreground job, as the terminal would */
    sigprocmask(SIG_SETMASK, &saved, NULL);
    sigaction(SIGTSTP, &previous, NULL);
    return 1;
}

#endif /* SITMON_CNCURSESW_SHIM_H */
