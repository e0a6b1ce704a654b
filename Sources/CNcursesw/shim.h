/*
 * CNcursesw shim: the part of ncursesw (and of POSIX signals) that Swift cannot import directly.
 *
 * - The wide-character API needs _XOPEN_SOURCE_EXTENDED and NCURSES_WIDECHAR before <ncurses.h>.
 * - Macros (A_BOLD, BUTTON masks, stdscr, LINES, ...) become static inline accessors.
 * - Signal handlers and the "restore the terminal on exit" guarantee live here, because a Swift closure used
 *   as a C signal handler cannot capture state. See the note above `struct sitmon_process` on where their
 *   state lives.
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
static inline mmask_t sitmon_button1_double_clicked(void) { return BUTTON1_DOUBLE_CLICKED; }
static inline mmask_t sitmon_button1_triple_clicked(void) { return BUTTON1_TRIPLE_CLICKED; }
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
 * Process-wide state: signal flags, "terminal active", the atexit restore and the crash guard.
 *
 * Swift emits a private copy of each static inline function (and of any `static` variable it uses) into every
 * object file that calls it, and release builds inline small functions across modules. So the state does NOT
 * live in static variables here: it lives in one `struct sitmon_process` that Swift allocates once and passes
 * to every function. The only static variable is the pointer the C handlers use, and it is set by the same
 * call that registers those handlers, so a handler always sees the pointer of its own copy. (Statics have
 * explicit initialisers: Swift's C code generation does not emit C tentative definitions.)
 * ------------------------------------------------------------------------------------------------------- */

#define SITMON_MAX_SIGNAL 65
#define SITMON_GUARDED_COUNT 6

struct sitmon_process {
    volatile sig_atomic_t pending[SITMON_MAX_SIGNAL];
    volatile sig_atomic_t traps_installed;
    volatile sig_atomic_t terminal_active;
    volatile sig_atomic_t mouse_active;
    volatile sig_atomic_t atexit_registered;
    volatile sig_atomic_t guard_armed;
    volatile sig_atomic_t shell_tty_saved;
    struct termios shell_tty;
    char reset_sequence[512];
    size_t reset_length;
    struct sigaction guard_previous[SITMON_GUARDED_COUNT];
};

/* Zero-filled state; allocated once by Swift and never freed. */
static inline struct sitmon_process *sitmon_process_new(void) {
    return (struct sitmon_process *)calloc(1, sizeof(struct sitmon_process));
}

/* The state the handlers of this copy of the header use. */
static struct sitmon_process *sitmon_handler_state = NULL;

static void sitmon_signal_flag_handler(int sig) {
    struct sitmon_process *state = sitmon_handler_state;
    if (state != NULL && sig > 0 && sig < SITMON_MAX_SIGNAL) state->pending[sig] = 1;
}

/* Installs the flag-setting handler (no SA_RESTART, so a blocked read returns EINTR) for `sig`
 * unless the signal is ignored (e.g. SIGHUP under nohup). Returns 1 when installed. */
static inline int sitmon_signal_trap(struct sitmon_process *state, int sig) {
    struct sigaction current;
    if (state == NULL || sig <= 0 || sig >= SITMON_MAX_SIGNAL) return 0;
    if (sigaction(sig, NULL, &current) != 0) return 0;
    if (current.sa_handler == SIG_IGN && sig != SIGCONT) return 0;
    sitmon_handler_state = state;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = sitmon_signal_flag_handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    return sigaction(sig, &action, NULL) == 0 ? 1 : 0;
}

static inline int sitmon_signal_pending(const struct sitmon_process *state, int sig) {
    return (sig > 0 && sig < SITMON_MAX_SIGNAL) ? (int)state->pending[sig] : 0;
}

static inline void sitmon_signal_clear(struct sitmon_process *state, int sig) {
    if (sig > 0 && sig < SITMON_MAX_SIGNAL) state->pending[sig] = 0;
}

/* Reads and clears a flag, with the signal blocked for the exchange so that no delivery is lost. */
static inline int sitmon_signal_take(struct sitmon_process *state, int sig) {
    if (sig <= 0 || sig >= SITMON_MAX_SIGNAL) return 0;
    sigset_t block, previous;
    sigemptyset(&block);
    sigaddset(&block, sig);
    sigprocmask(SIG_BLOCK, &block, &previous);
    int value = (int)state->pending[sig];
    state->pending[sig] = 0;
    sigprocmask(SIG_SETMASK, &previous, NULL);
    return value;
}

static inline int sitmon_state_traps_installed(const struct sitmon_process *state) {
    return (int)state->traps_installed;
}
static inline void sitmon_state_set_traps_installed(struct sitmon_process *state) { state->traps_installed = 1; }
static inline int sitmon_state_terminal_active(const struct sitmon_process *state) {
    return (int)state->terminal_active;
}

/* Remembers the shell's tty modes (before newterm), for the crash guard. */
static inline void sitmon_state_save_shell_tty(struct sitmon_process *state) {
    if (tcgetattr(STDIN_FILENO, &state->shell_tty) == 0) state->shell_tty_saved = 1;
}

static inline void sitmon_append_reset(struct sitmon_process *state, const char *text) {
    if (text == NULL || text == (const char *)-1) return;
    size_t length = strlen(text);
    size_t used = state->reset_length;
    if (used + length >= sizeof state->reset_sequence) return;
    memcpy(state->reset_sequence + used, text, length);
    state->reset_length = used + length;
    state->reset_sequence[used + length] = '\0';
}

/* The async-signal-safe emergency restore: raw bytes and tcsetattr only. */
static void sitmon_emergency_restore(struct sitmon_process *state) {
    if (state == NULL || !state->terminal_active) return;
    state->terminal_active = 0;
    if (state->reset_length > 0) {
        ssize_t ignored = write(STDOUT_FILENO, state->reset_sequence, state->reset_length);
        (void)ignored;
    }
    if (state->shell_tty_saved) tcsetattr(STDIN_FILENO, TCSANOW, &state->shell_tty);
    tcflush(STDIN_FILENO, TCIFLUSH);  /* unread input (a paste) must not land at the shell prompt */
}

static void sitmon_atexit_restore(void) {
    struct sitmon_process *state = sitmon_handler_state;
    if (state == NULL || !state->terminal_active) return;
    state->terminal_active = 0;
    if (state->mouse_active) mousemask(0, NULL);
    state->mouse_active = 0;
    curs_set(1);
    endwin();
    fflush(stdout);
    tcflush(STDIN_FILENO, TCIFLUSH);
}

static const int sitmon_guarded_signals[SITMON_GUARDED_COUNT] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP };

/* Crash guard: puts the terminal back, reinstates the previous handler (e.g. Swift's backtracer), then lets
 * the signal happen again: a fault re-executes the faulting instruction, a sent signal is raised again. */
static void sitmon_crash_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    struct sitmon_process *state = sitmon_handler_state;
    sitmon_emergency_restore(state);
    for (int i = 0; i < SITMON_GUARDED_COUNT; i++) {
        if (sitmon_guarded_signals[i] == sig) {
            if (state != NULL) {
                sigaction(sig, &state->guard_previous[i], NULL);
            } else {
                signal(sig, SIG_DFL);
            }
            break;
        }
    }
    if (info == NULL || info->si_code <= 0 || sig == SIGTRAP || sig == SIGABRT) raise(sig);
}

/*
 * Marks the terminal active (after newterm succeeded), registers the atexit restore once, and arms the crash
 * guard with reset bytes from terminfo (mouse off, sgr0, rmkx, cnorm, rmcup).
 */
static inline void sitmon_state_activate(struct sitmon_process *state, int mouse) {
    sitmon_handler_state = state;
    state->reset_length = 0;
    state->reset_sequence[0] = '\0';
    if (mouse) sitmon_append_reset(state, "\033[?1006l\033[?1002l\033[?1000l");
    sitmon_append_reset(state, tigetstr("sgr0"));
    sitmon_append_reset(state, tigetstr("rmkx"));
    sitmon_append_reset(state, tigetstr("cnorm"));
    sitmon_append_reset(state, tigetstr("rmcup"));
    state->mouse_active = mouse ? 1 : 0;
    state->terminal_active = 1;
    if (!state->atexit_registered) {
        state->atexit_registered = 1;
        atexit(sitmon_atexit_restore);
    }
    if (!state->guard_armed) {
        state->guard_armed = 1;
        for (int i = 0; i < SITMON_GUARDED_COUNT; i++) {
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_sigaction = sitmon_crash_handler;
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_SIGINFO | SA_ONSTACK;
            sigaction(sitmon_guarded_signals[i], &action, &state->guard_previous[i]);
        }
    }
}

/* Marks the terminal restored (restore() did endwin itself). */
static inline void sitmon_state_deactivate(struct sitmon_process *state) {
    state->terminal_active = 0;
    state->mouse_active = 0;
}

/*
 * Stops the process as Ctrl-Z would (the caller has already called endwin). Returns 0 without stopping when
 * SIGTSTP is ignored (no job control). Returns after the shell's `fg` (SIGCONT).
 */
static inline int sitmon_stop_process(void) {
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
