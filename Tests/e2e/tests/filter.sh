# shellcheck shell=bash
# The text filter (f) and find in pane (/), as a user drives them.

test_text_filter() {
    start_monitor 120 40
    # f opens the text field on the footer; each letter narrows every pane at once.
    send f
    wait_for "Filter text: "
    type wag
    wait_line 2 "[text: wag]"
    type ner
    wait_line 2 "[text: wagner]"
    wait_for_re "Filter text: wagner +[0-9]+ records · Enter keeps · Esc cancels"
    local count
    count=$(screen | grep -oE 'wagner +[0-9]+ records' | grep -oE '[0-9]+' | tail -1)
    [ -n "$count" ] && [ "$count" -gt 0 ] || fail "the footer shows no record count for wagner"
    wait_for "2 Timeline 1/$count "
    # The actors pane follows: Wagner is listed, and fewer actors than the dataset holds.
    assert_screen_contains "Wagner"
    wait_for_re "1 Actors [0-9]+/[0-9]+"
    local shown total
    shown=$(screen | grep -oE '1 Actors [0-9]+/[0-9]+' | head -1 | grep -oE '[0-9]+/' | tr -d /)
    total=$(screen | grep -oE '1 Actors [0-9]+/[0-9]+' | head -1 | grep -oE '/[0-9]+' | tr -d /)
    [ "$shown" -lt "$total" ] || fail "the actors pane was not narrowed ($shown of $total)"
    # Enter keeps it as a chip; the footer says so.
    send Enter
    wait_gone "Filter text:"
    wait_for "Filter: text “wagner”: $count records (u to undo)"
    wait_line 2 "[text: wagner]"
    # The export of the view equals sitmon export --search wagner, byte for byte.
    send e
    wait_for "Export the current view"
    wait_for "File: sitmon-mali-wagner.md"
    send Enter
    wait_for "Exported $count records to"
    "$SITMON" export --search wagner --format md -o "$E2E_TMP/cli.md" || fail "sitmon export --search wagner failed"
    assert_same_bytes "$E2E_TMP/sitmon-mali-wagner.md" "$E2E_TMP/cli.md" \
        "the monitor's briefing with [text: wagner] differs from sitmon export --search wagner"
    # u undoes the whole word in one step.
    send u
    wait_line 2 "Filter: none"
    # Esc cancels: nothing matches zzqx, then Esc brings every pane back and records no undo step.
    send f
    wait_for "Filter text: "
    type zzqx
    wait_for "0 records · Enter keeps · Esc cancels"
    wait_for "(nothing in this view)"
    send Escape
    wait_for "Text filter cancelled"
    wait_line 2 "Filter: none"
    assert_screen_lacks "(nothing in this view)"
    send u
    wait_for "Nothing to undo"
    send q
    wait_exit
    assert_exit 0
}

test_find_in_pane_counts() {
    start_monitor 120 40
    # / finds in the timeline without filtering: the footer counts the matches, n walks them.
    send 2 /
    type coup
    wait_for_re "/coup +1 of [0-9]+ · Enter keeps · Esc cancels"
    local total
    total=$(screen | grep -oE '/coup +1 of [0-9]+' | grep -oE '[0-9]+$')
    send Enter
    wait_for "Search: coup: 1 of $total (n next, N previous, Esc unmarks)"
    wait_line 2 "Filter: none"
    send n
    wait_for "Search: coup: 2 of $total"
    send N
    wait_for "Search: coup: 1 of $total"
    send q
    wait_exit
    assert_exit 0
}
