# shellcheck shell=bash
# Issue #16: standard input that is the terminal, and a FIFO as the last view.

test_stdin_is_terminal() {
    # The monitor would wait on "Reading · 0 / 0 MB", deaf to q and Esc: refused before the terminal is taken.
    start_cmd 100 30 "$(monitor_command --data -)"
    assert_exit 64
    assert_screen_contains "standard input is a terminal"
    end_session
    # The headless commands the same, with 66 (their input cannot be read).
    start_cmd 100 30 "$(printf '%q ' "$SITMON") validate -"
    assert_exit 66
    assert_screen_contains "<stdin>: standard input is a terminal"
    end_session
    start_cmd 100 30 "$(printf '%q ' "$SITMON") import acled -"
    assert_exit 66
    assert_screen_contains "standard input is a terminal"
    end_session
}

test_fifo_last_view() {
    # A FIFO as last-view.json: reading it at start and writing it on q would block in open().
    mkdir -p "$XDG_STATE_HOME/sitmon"
    rm -f "$XDG_STATE_HOME/sitmon/last-view.json"
    mkfifo "$XDG_STATE_HOME/sitmon/last-view.json"
    E2E_KEEP_LAST_VIEW=1 start_monitor 160 40
    wait_for "Last view not restored"
    send q
    assert_exit 0
    assert_screen_contains "the view was not saved for the next start"
    assert_screen_contains "is a FIFO (named pipe)"
    end_session
    # Ctrl-C the same: 130, and it says the view was not saved.
    E2E_KEEP_LAST_VIEW=1 start_monitor 160 40
    send C-c
    assert_exit 130
    assert_screen_contains "the view was not saved for the next start"
    end_session
    [ -p "$XDG_STATE_HOME/sitmon/last-view.json" ] || fail "the FIFO was replaced"
    rm -f "$XDG_STATE_HOME/sitmon/last-view.json"
}
