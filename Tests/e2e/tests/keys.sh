# shellcheck shell=bash
# Keys as k9s and lazygit users expect them (issue 15 §4): Esc and Backspace go back, u undoes and Ctrl-R redoes
# with messages that name the step, w starts empty and asks before replacing a view, W deletes and renames.

test_back_and_redo() {
    start_monitor 120 40
    pick_jnim
    note "Enter on the timeline focuses Detail; Esc goes back"
    send 2
    wait_line 40 "Enter detail"
    send Enter
    wait_line 40 "Esc back"
    send Escape
    wait_line 40 "Enter detail"
    note "Backspace goes back too, and never undoes"
    send Enter
    wait_line 40 "Esc back"
    send BSpace
    wait_line 40 "Enter detail"
    assert_line 2 "[actor: JNIM]" "Backspace in Detail changed the filter"
    send BSpace
    wait_for "Nothing to go back to (u undoes a filter change)"
    assert_line 2 "[actor: JNIM]" "Backspace on the timeline undid the filter"
    note "u undoes, naming the step; Ctrl-R redoes it"
    send u
    wait_for "Undone: actor JNIM"
    wait_line 2 "Filter: none"
    send C-r
    wait_for "Redone: actor JNIM"
    wait_line 2 "[actor: JNIM]"
    send q
    assert_exit 0
    end_session

    note "the restored last view says so"
    E2E_KEEP_LAST_VIEW=1 start_monitor 120 40
    wait_line 2 "[actor: JNIM]"
    wait_for "Restored last view — c clears"
    send q
    assert_exit 0
}

test_save_overwrite_and_views() {
    start_monitor 120 40
    pick_jnim
    send w
    wait_for "Save the current view"
    type centre
    send Enter
    wait_for "View saved as “centre”"
    assert_file "$XDG_STATE_HOME/sitmon/views/centre.json" '"jnim"'
    note "w starts empty: the same name typed again asks before replacing (no “centrecentre”)"
    send w
    wait_for "Save the current view"
    wait_line 40 "Enter save"
    type centre
    send Enter
    wait_for "A view “centre” exists. Replace it? y / n"
    wait_line 40 "y replace"
    send y
    wait_for "View saved as “centre”"
    assert_no_file "$XDG_STATE_HOME/sitmon/views/centrecentre.json"
    note "W lists the view with its filter and date; r renames, d deletes after y"
    send W
    wait_for "Saved views"
    wait_for "actor JNIM"
    wait_for_re "centre +20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]"
    send r
    wait_for "New name:"
    send C-u
    type north
    send Enter
    wait_for "View “centre” renamed “north”"
    assert_file "$XDG_STATE_HOME/sitmon/views/north.json" '"jnim"'
    assert_no_file "$XDG_STATE_HOME/sitmon/views/centre.json"
    send W
    wait_for "Saved views"
    wait_for "north"
    send d
    wait_for "Delete the view “north”? y / n"
    send y
    wait_for "View “north” deleted"
    assert_no_file "$XDG_STATE_HOME/sitmon/views/north.json"
    send q
    assert_exit 0
}

# With TERM=xterm (8 colours) the unfocused borders are not bold black (invisible on a dark terminal); under
# NO_COLOR the focused pane's cursor is reverse and bold, an unfocused one reverse only.
test_eight_colours_and_no_colour_cursor() {
    MONITOR_ENV="TERM=xterm" start_monitor 120 40
    local actors
    actors=$(screen_e | "$E2E_PYTHON" "$E2E_DIR/tools/sgr_at.py" 3 0)  # the Actors pane's corner (unfocused)
    note "TERM=xterm, unfocused border: $actors"
    grep -q "┌" <<<"$actors" || fail "no border corner at line 3, column 0: $actors"
    if grep -qE "fg=30 .*attrs=[0-9,]*\b1\b|fg=(default|39) bg=default attrs=1 " <<<"$actors"; then
        fail "the unfocused border is bold black or bold: $actors"
    fi
    grep -q "fg=default" <<<"$actors" || fail "the unfocused border should use the terminal's own colour: $actors"
    send q
    assert_exit 0
    end_session

    MONITOR_ENV="NO_COLOR=1" start_monitor 120 40
    # The timeline is focused: its cursor row; the actors pane's cursor is unfocused.
    local focused unfocused
    focused=$(screen_e | "$E2E_PYTHON" "$E2E_DIR/tools/sgr_at.py" 6 45)
    unfocused=$(screen_e | "$E2E_PYTHON" "$E2E_DIR/tools/sgr_at.py" 4 3)
    note "NO_COLOR: focused cursor $focused; unfocused $unfocused"
    grep -qE "attrs=([0-9]+,)*1,([0-9]+,)*7( |,)" <<<"$focused" || fail "the focused cursor should be bold and reverse: $focused"
    grep -qE "attrs=([0-9,]*,)?7( |,)" <<<"$unfocused" || fail "the unfocused cursor should be reverse: $unfocused"
    if grep -qE "attrs=([0-9]+,)*1," <<<"$unfocused"; then fail "the unfocused cursor should not be bold: $unfocused"; fi
    send q
    assert_exit 0
}
