# shellcheck shell=bash
# Helper library of the sitmon end-to-end tests. Sourced by run.sh (in a fresh bash per test).
#
# The runner sets, for each test:
#   SITMON      absolute path of the binary under test
#   E2E_TMP     a private temporary directory (the monitor's working directory; exports land here)
#   E2E_SOCK    a private tmux socket name (tmux -L), so that no other tmux server is touched
#   E2E_RESULT  a file to write the failure reason to
#   E2E_SCREEN  a file to write the last screen to on failure
#
# e2e_init points XDG_CONFIG_HOME, XDG_STATE_HOME and XDG_CACHE_HOME at private directories (E2E_XDG, next to
# E2E_TMP), so that no test reads the user's configuration, saved views or import cache, and the last view one test
# leaves is never restored in another.
#
# Every test drives one tmux session, "S", whose single pane runs
#   bash -c 'cd E2E_TMP && <command>; echo EXIT=$?; echo TTY=same|changed'
# then sleeps, so that the exit status, whether the tty modes came back (stty -g before/after) and the
# terminal's modes (cursor, alternate screen, mouse) can be read off the live pane after the program ends.

E2E_POLL=${E2E_POLL:-0.02}        # seconds between two captures
E2E_TIMEOUT=${E2E_TIMEOUT:-10}    # default seconds for wait_for
E2E_SESSION=S

# tmux on the private socket, with the private configuration.
tm() { tmux -L "$E2E_SOCK" -f "$E2E_TMP/.tmux.conf" "$@"; }

e2e_write_tmux_conf() {
    cat >"$E2E_TMP/.tmux.conf" <<'EOF'
set -g status off
set -g remain-on-exit on
set -g history-limit 100
set -g escape-time 0
set -g default-terminal xterm-256color
set -g set-clipboard on
set -g allow-rename on
EOF
}

# e2e_kill_server SOCKET: kills what runs in the panes of that tmux server (by pid), then the server.
e2e_kill_server() {
    local pane child
    for pane in $(tmux -L "$1" list-panes -a -F '#{pane_pid}' 2>/dev/null); do
        for child in $(pgrep -P "$pane" 2>/dev/null); do kill -KILL "$child" 2>/dev/null; done
        kill -KILL "$pane" 2>/dev/null
    done
    tmux -L "$1" kill-server >/dev/null 2>&1 || true
    local socket="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$1"
    if [ -S "$socket" ]; then rm -f -- "$socket"; fi
}

# Always kill the tmux server and remove the temporary directory. The processes started in this server's
# panes are killed first, by pid: a program that ignores the SIGHUP of kill-server would otherwise survive.
e2e_cleanup() {
    e2e_kill_server "$E2E_SOCK"
    [ -n "${E2E_TMP:-}" ] && [ -d "$E2E_TMP" ] && rm -rf -- "$E2E_TMP"
    [ -n "${E2E_XDG:-}" ] && [ -d "$E2E_XDG" ] && rm -rf -- "$E2E_XDG"
}

e2e_init() {
    mkdir -p "$E2E_TMP"
    E2E_XDG="$E2E_TMP.xdg"
    mkdir -p "$E2E_XDG/config" "$E2E_XDG/state" "$E2E_XDG/cache"
    export E2E_XDG XDG_CONFIG_HOME="$E2E_XDG/config" XDG_STATE_HOME="$E2E_XDG/state" XDG_CACHE_HOME="$E2E_XDG/cache"
    unset SITMON_CONFIG
    e2e_write_tmux_conf
    trap e2e_cleanup EXIT
    trap 'exit 143' TERM
    trap 'exit 130' INT
}

# ---------------------------------------------------------------------------------------------------------
# Failing

E2E_LAST_SCREEN=""

# fail REASON: records the reason and the last screen, and ends the test.
fail() {
    local reason="$*"
    local shot
    shot=$(screen 2>/dev/null) || shot="$E2E_LAST_SCREEN"
    [ -n "$shot" ] || shot="$E2E_LAST_SCREEN"
    if [ -s "$E2E_RESULT" ]; then
        # A failure inside a command substitution already recorded the first reason; keep it.
        printf '  · then: %s\n' "$reason" >>"$E2E_RESULT.log"
    else
        printf '%s\n' "$reason" >"$E2E_RESULT"
        if [ -n "$shot" ]; then printf '%s\n' "$shot" >"$E2E_SCREEN"; fi
    fi
    exit 1
}

# note TEXT: a line of progress, shown only when the test fails (or with E2E_VERBOSE=1).
note() {
    printf '  · %s\n' "$*" >>"$E2E_RESULT.log"
    if [ "${E2E_VERBOSE:-0}" = 1 ]; then printf '  · %s\n' "$*" >&2; fi
}

# ---------------------------------------------------------------------------------------------------------
# Sessions

# start_cmd WIDTH HEIGHT SHELL-COMMAND: a new detached session running SHELL-COMMAND in E2E_TMP.
# The view the previous session of the test left (restored at start) is removed first, so that every session starts
# as a first run; E2E_KEEP_LAST_VIEW=1 keeps it (for the tests of restoring it).
start_cmd() {
    local width=$1 height=$2 command=$3
    if [ "${E2E_KEEP_LAST_VIEW:-0}" != 1 ]; then rm -f -- "$XDG_STATE_HOME/sitmon/last-view.json"; fi
    local wrapper
    # shellcheck disable=SC2016
    wrapper='cd "$E2E_TMP" || exit 99; __before=$(stty -g); '"$command"'; __status=$?; '
    wrapper+='__after=$(stty -g); echo "EXIT=$__status"; '
    wrapper+='if [ "$__before" = "$__after" ]; then echo TTY=same; else echo TTY=changed; fi; '
    # Keep the shell (and so the pane) alive, so that the terminal's state after the program can be read.
    wrapper+='exec sleep 600'
    # A loaded machine sometimes loses the race between a new tmux server and its first client: retry.
    local attempt err=""
    for attempt in 1 2 3 4 5; do
        # (Nothing is written to E2E_TMP here: tests check that directory for leftover files.)
        if err=$(tm new-session -d -s "$E2E_SESSION" -x "$width" -y "$height" \
            -e LANG=C.UTF-8 -e LC_ALL=C.UTF-8 -e TERM=xterm-256color -e "E2E_TMP=$E2E_TMP" \
            -e "XDG_CONFIG_HOME=$XDG_CONFIG_HOME" -e "XDG_STATE_HOME=$XDG_STATE_HOME" -e "XDG_CACHE_HOME=$XDG_CACHE_HOME" \
            "bash -c $(printf '%q' "$wrapper")" 2>&1); then
            return 0
        fi
        tm kill-server 2>/dev/null
        sleep 0.$((attempt * 2))
    done
    fail "tmux could not start a session: $err"
}

# The command line of the binary with ARGS, quoted for the shell; MONITOR_ENV (e.g. "NO_COLOR=1") is
# put in front when set.
monitor_command() {
    local cmd
    cmd=$(printf '%q ' "$SITMON" "$@")
    if [ -n "${MONITOR_ENV:-}" ]; then cmd="env $MONITOR_ENV $cmd"; fi
    printf '%s' "$cmd"
}

# start_monitor WIDTH HEIGHT ARGS...: starts sitmon ARGS in a new session and waits for its header
# (or for the "terminal too small" notice when the size is below 40x10).
start_monitor() {
    local width=$1 height=$2
    shift 2
    start_cmd "$width" "$height" "$(monitor_command "$@")"
    if [ "$width" -lt 40 ] || [ "$height" -lt 10 ]; then
        wait_for "terminal too small" 10
    else
        wait_for "Filter:" 10
    fi
}

# ---------------------------------------------------------------------------------------------------------
# Input

# send KEYS...: tmux key names (Enter, Tab, BTab, Escape, Up, C-c, ...) or single characters.
send() { tm send-keys -t "$E2E_SESSION" "$@" || fail "send-keys failed: $*"; }

# type TEXT: literal text.
type() { tm send-keys -t "$E2E_SESSION" -l -- "$1" || fail "send-keys -l failed: $1"; }

resize() { tm resize-window -t "$E2E_SESSION" -x "$1" -y "$2" || fail "resize-window $1x$2 failed"; }

# ---------------------------------------------------------------------------------------------------------
# Reading the screen

# screen: the visible text of the pane.
screen() { tm capture-pane -p -t "$E2E_SESSION"; }

# screen_history: the scrollback and the visible text.
screen_history() { tm capture-pane -p -S - -t "$E2E_SESSION"; }

# screen_e: the same with the SGR escapes (colours and attributes) kept.
screen_e() { tm capture-pane -p -e -t "$E2E_SESSION"; }

# pane_format FORMAT: a tmux format of the pane (#{alternate_on}, #{pane_pid}, ...).
pane_format() { tm display-message -p -t "$E2E_SESSION" "$1"; }

# screen_line N: line N (1-based) of the screen.
screen_line() {
    local lines
    mapfile -t lines < <(screen)
    printf '%s\n' "${lines[$1 - 1]:-}"
}

# e2e_now: sets E2E_NOW to microseconds since the epoch (no subshell: forks are slow on small machines).
e2e_now() { E2E_NOW=${EPOCHREALTIME/[.,]/}; }

# e2e_sleep SECONDS: sleeps without starting a process (a read with a timeout on a pipe nobody writes to).
e2e_sleep() {
    if [ -z "${E2E_SLEEP_FD:-}" ]; then exec {E2E_SLEEP_FD}<> <(:); fi
    read -r -t "$1" -u "$E2E_SLEEP_FD" _ || true
}

# e2e_matches KIND PATTERN TEXT [LINE]: the test of e2e_poll, with bash builtins only.
e2e_matches() {
    local kind=$1 pattern=$2 text=$3 n=${4:-0} line lines
    case $kind in
        F) [[ $text == *"$pattern"* ]] ;;
        G) [[ $text != *"$pattern"* ]] ;;
        E) while IFS= read -r line; do [[ $line =~ $pattern ]] && return 0; done <<<"$text"
           return 1 ;;
        L) mapfile -t lines <<<"$text"
           E2E_LINE=${lines[n - 1]:-}
           [[ $E2E_LINE == *"$pattern"* ]] ;;
    esac
}

# e2e_poll KIND PATTERN TIMEOUT DESCRIPTION [LINE]: polls the screen every E2E_POLL seconds until the
# condition holds (KIND: F fixed string, E regex on a line, G fixed string gone, L line LINE contains a fixed
# string), or fails showing the screen.
e2e_poll() {
    local kind=$1 pattern=$2 timeout=$3 what=$4 n=${5:-0} deadline
    e2e_now
    deadline=$(( E2E_NOW + timeout * 1000000 ))
    while :; do
        E2E_LAST_SCREEN=$("${E2E_CAPTURE:-screen}" 2>/dev/null)
        e2e_matches "$kind" "$pattern" "$E2E_LAST_SCREEN" "$n" && return 0
        e2e_now
        if [ "$E2E_NOW" -gt "$deadline" ]; then
            [ "$kind" = L ] && what="$what (line $n is: $E2E_LINE)"
            fail "timed out after ${timeout}s waiting for $what"
        fi
        e2e_sleep "$E2E_POLL"
    done
}

# wait_for PATTERN [TIMEOUT]: polls until a fixed string appears on the screen, or fails showing the screen.
wait_for() { e2e_poll F "$1" "${2:-$E2E_TIMEOUT}" "the screen to show: $1"; }

# wait_for_re REGEX [TIMEOUT]: the same with an extended regular expression.
wait_for_re() { e2e_poll E "$1" "${2:-$E2E_TIMEOUT}" "the screen to match /$1/"; }

# wait_gone PATTERN [TIMEOUT]: polls until a fixed string is no longer on the screen.
wait_gone() { e2e_poll G "$1" "${2:-$E2E_TIMEOUT}" "this to leave the screen: $1"; }

# wait_line N PATTERN [TIMEOUT]: polls until line N (1-based) contains a fixed string.
wait_line() { e2e_poll L "$2" "${3:-$E2E_TIMEOUT}" "line $1 to contain: $2" "$1"; }

# pick_jnim: the JNIM filter through the actor picker (a, "jnim", Enter), waiting until the Filter line shows it.
pick_jnim() {
    send a
    wait_for "Pick an actor"
    type jnim
    wait_for "> jnim"
    send Enter
    wait_line 2 "[actor: JNIM]"
}

# wait_pane_size W H [TIMEOUT]: polls until tmux reports the pane as W x H.
wait_pane_size() {
    local w=$1 h=$2 timeout=${3:-$E2E_TIMEOUT} deadline
    e2e_now
    deadline=$(( E2E_NOW + timeout * 1000000 ))
    while [ "$(pane_format '#{pane_width}x#{pane_height}')" != "${w}x${h}" ]; do
        e2e_now
        [ "$E2E_NOW" -gt "$deadline" ] && fail "the pane did not become ${w}x${h}"
        e2e_sleep "$E2E_POLL"
    done
}

# wait_until TIMEOUT DESCRIPTION COMMAND...: polls until COMMAND succeeds, or fails with DESCRIPTION.
wait_until() {
    local timeout=$1 what=$2 deadline
    shift 2
    e2e_now
    deadline=$(( E2E_NOW + timeout * 1000000 ))
    until "$@"; do
        e2e_now
        [ "$E2E_NOW" -gt "$deadline" ] && fail "timed out after ${timeout}s waiting for $what"
        e2e_sleep "$E2E_POLL"
    done
}

# wait_exit [TIMEOUT]: waits for the EXIT= and TTY= lines the wrapper prints; sets E2E_EXIT to the status.
# (It reads the history too, in case the screen scrolled.)
wait_exit() {
    local timeout=${1:-$E2E_TIMEOUT}
    local E2E_CAPTURE=screen_history
    wait_for_re '^EXIT=[0-9]+' "$timeout"
    wait_for_re '^TTY=' "$timeout"
    [[ $E2E_LAST_SCREEN =~ (^|$'\n')EXIT=([0-9]+) ]]
    E2E_EXIT=${BASH_REMATCH[2]}
}

# ---------------------------------------------------------------------------------------------------------
# Assertions

assert_screen_contains() {
    local s
    s=$(screen)
    grep -qF -- "$1" <<<"$s" || fail "${2:-the screen does not show: $1}"
}

assert_screen_lacks() {
    local s
    s=$(screen)
    if grep -qF -- "$1" <<<"$s"; then fail "${2:-the screen shows, and should not: $1}"; fi
}

# assert_line N PATTERN [MESSAGE]: line N (1-based) contains a fixed string.
assert_line() {
    local line
    line=$(screen_line "$1")
    grep -qF -- "$2" <<<"$line" || fail "${3:-line $1 should contain \"$2\" but is: $line}"
}

# assert_eq ACTUAL EXPECTED MESSAGE
assert_eq() {
    [ "$1" = "$2" ] || fail "$3 (expected \"$2\", got \"$1\")"
}

# assert_file PATH [FIXED-STRING...]: the file exists and contains each string.
assert_file() {
    local path=$1
    shift
    [ -f "$path" ] || fail "the file $path does not exist (directory: $(ls -A "$(dirname "$path")" 2>&1 | tr '\n' ' '))"
    local s
    for s in "$@"; do
        grep -qF -- "$s" "$path" || fail "the file $path does not contain: $s"
    done
}

# assert_no_file PATH
assert_no_file() {
    [ ! -e "$1" ] || fail "the file $1 should not exist"
}

# assert_same_bytes A B MESSAGE
assert_same_bytes() {
    cmp -s -- "$1" "$2" || fail "$3: $(cmp -- "$1" "$2" 2>&1 | head -1)"
}

# assert_exit STATUS [grown]: the program ended with STATUS and the terminal was restored (see
# assert_restored; pass "grown" when the window grew while the monitor ran).
assert_exit() {
    wait_exit
    [ "$E2E_EXIT" = "$1" ] || fail "expected EXIT=$1, got EXIT=$E2E_EXIT"
    assert_restored "${2:-}"
}

# assert_restored [grown]: after the program ended, the terminal is back to the shell's state: the tty modes
# are the ones from before (the wrapper compared stty -g), the alternate screen is left, the cursor is
# visible, mouse reporting is off and the pane shows the shell's text (the EXIT= line), not the monitor.
#
# "grown" skips the last check: tmux 3.3a itself copies lines of the alternate screen that are wider than the
# window was when the alternate screen was entered into the normal screen when it is left (reproduced with
# printf alone: enter ?1049h at 80x24, resize to 120x40, print 100-column lines, leave ?1049l).
assert_restored() {
    local s
    s=$(screen_history)
    grep -qx 'TTY=same' <<<"$s" || fail "the tty modes were not restored (stty -g differs after the program)"
    assert_eq "$(pane_format '#{alternate_on}')" 0 "the alternate screen is still on after exit"
    assert_eq "$(pane_format '#{cursor_flag}')" 1 "the cursor is still hidden after exit"
    assert_eq "$(pane_format '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_button_flag}')" 000 \
        "mouse reporting is still on after exit"
    [ "${1:-}" = grown ] && return 0
    s=$(screen)
    if grep -qE 'Filter:|┌─ [1-4] ' <<<"$s"; then fail "the monitor's frame is still on the screen after exit"; fi
}

# sitmon_pid: sets E2E_PID to the pid of the sitmon process in the pane (the pane runs bash, whose child is
# sitmon).
sitmon_pid() {
    local shell_pid
    shell_pid=$(pane_format '#{pane_pid}')
    E2E_PID=$(pgrep -P "$shell_pid" | head -1)
    [ -n "$E2E_PID" ] || fail "no sitmon process under the pane's shell ($shell_pid)"
}

# end_session: kills what runs in the session's pane (by pid), then the session, to start another one.
end_session() {
    local pane child
    pane=$(pane_format '#{pane_pid}' 2>/dev/null)
    if [ -n "$pane" ]; then
        for child in $(pgrep -P "$pane" 2>/dev/null); do kill -KILL "$child" 2>/dev/null; done
    fi
    tm kill-session -t "$E2E_SESSION" 2>/dev/null || true
}
