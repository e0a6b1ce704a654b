# shellcheck shell=bash
# Signals end the monitor with the conventional status and give the terminal back.

# signal_case SIGNAL STATUS: starts the monitor, opens an overlay (so that a half-drawn state is left behind
# if the terminal is not restored), sends SIGNAL to sitmon and expects EXIT=STATUS with the terminal restored.
signal_case() {
    local sig=$1 expected=$2 pid
    start_monitor 100 30
    send '?'
    wait_for "Help — sitmon keys"
    sitmon_pid
    pid=$E2E_PID
    note "kill -$sig $pid"
    kill "-$sig" "$pid" || fail "kill -$sig $pid failed"
    wait_process_gone "$pid" 3 "SIG$sig"
    assert_exit "$expected"
    assert_screen_lacks "Help — sitmon keys" "after SIG$sig the help box is still on the screen"
    return 0
}

# wait_process_gone PID SECONDS WHAT: fails, describing the process, when it is still there after SECONDS.
wait_process_gone() {
    local pid=$1 deadline
    e2e_now
    deadline=$(( E2E_NOW + $2 * 1000000 ))
    while kill -0 "$pid" 2>/dev/null; do
        e2e_now
        if [ "$E2E_NOW" -gt "$deadline" ]; then
            local state cpu1 cpu2
            cpu1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
            sleep 1
            cpu2=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
            state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)
            fail "sitmon (pid $pid) is still running $2 s after $3 (state $state, $(( (cpu2 - cpu1) * 1000 / $(getconf CLK_TCK) )) ms of CPU in the last second)"
        fi
        e2e_sleep "$E2E_POLL"
    done
}

test_sigterm() { signal_case TERM 143; }

test_sighup() { signal_case HUP 129; }

test_ctrl_c() {
    start_monitor 100 30
    send a
    wait_for "Pick an actor"
    type mal
    wait_for "> mal"
    send C-c
    assert_exit 130
}

# While a dialog waits for text, Ctrl-C still quits (it is not taken as text).
test_ctrl_c_in_export_dialog() {
    start_monitor 100 30
    send e
    wait_for "Export the current view"
    send C-c
    assert_exit 130
    [ -z "$(ls "$E2E_TMP" | grep -v '^\.')" ] || fail "Ctrl-C in the export dialog wrote a file: $(ls "$E2E_TMP")"
}

# SIGTERM while idle in the narrow layout, after a resize (the resize signal must not hide the TERM).
test_sigterm_after_resize() {
    start_monitor 100 30
    resize 50 15
    wait_line 3 " 1 Actors "
    local pid
    sitmon_pid
    pid=$E2E_PID
    kill -TERM "$pid"
    wait_process_gone "$pid" 3 "SIGTERM"
    assert_exit 143
}

# The terminal goes away without a SIGHUP reaching sitmon (SIGHUP ignored, as under nohup; then the tmux server
# is killed, which closes the pty): reads of the terminal return EOF/EIO at once. sitmon must notice and exit
# (status 129, as for a hangup) instead of spinning on the dead terminal.
test_orphaned_terminal() {
    local pid shell ignored deadline cpu1 cpu2
    start_cmd 100 30 "trap '' HUP; $(monitor_command); echo \$? >\"\$E2E_TMP/.status\""
    wait_for "Filter:" 10
    sitmon_pid
    pid=$E2E_PID
    shell=$(pane_format '#{pane_pid}')
    ignored=$(awk '/^SigIgn:/ { print $2 }' "/proc/$pid/status")
    (( 0x$ignored & 1 )) || fail "SIGHUP is not ignored by sitmon (SigIgn $ignored): the test would not test anything"
    note "kill the tmux server (closes the pty) while sitmon ($pid) ignores SIGHUP"
    tm kill-server 2>/dev/null
    # Not wait_process_gone: with the tmux server gone, the cleanup could not find a spinning sitmon to kill.
    e2e_now
    deadline=$(( E2E_NOW + 5 * 1000000 ))
    while kill -0 "$pid" 2>/dev/null; do
        e2e_now
        if [ "$E2E_NOW" -gt "$deadline" ]; then
            cpu1=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
            sleep 1
            cpu2=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)
            kill -KILL "$pid" "$shell" 2>/dev/null
            fail "sitmon (pid $pid) is still running 5 s after its terminal went away," \
                "using $(( (cpu2 - cpu1) * 1000 / $(getconf CLK_TCK) )) ms of CPU a second"
        fi
        e2e_sleep "$E2E_POLL"
    done
    wait_until 5 "the wrapper to write sitmon's exit status" test -s "$E2E_TMP/.status"
    kill -KILL "$shell" 2>/dev/null
    assert_eq "$(cat "$E2E_TMP/.status")" 129 "exit status after the terminal went away"
}
