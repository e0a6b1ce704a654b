# shellcheck shell=bash
# The zoomable timeline (z) and the relations view (R), as a user drives them.

test_timeline_brush_sets_dates() {
    start_monitor 120 40
    send z
    wait_for "Timeline · per month"
    send -
    wait_for "Timeline · per year"
    # From the last year (2025) back to 2021, brush, back to 2019, Enter.
    send End Left Left Left Left Space Left Left
    wait_for "brush 2019 – 2021"
    send Enter
    wait_gone "Timeline · per year"
    wait_line 2 "[dates: 2019 – 2021]"
    wait_for "Dates: 2019 – 2021 (u to undo)"
    # The brush comes back on reopening; c clears the dates.
    send z
    wait_for "brush 2019-01 – 2021-12"
    # c clears the dates and stays in the timeline.
    send c
    wait_line 2 "Filter: none"
    wait_for "Date range cleared (u to undo)"
    assert_screen_contains "Timeline · per month"
    # Week zoom shows day-precise weeks and says how many records it leaves out.
    send +
    wait_for "Timeline · per week"
    wait_for_re "[0-9]+ dated only to the month or year not shown"
    # q closes the timeline (as Esc does) and does not quit.
    send q
    wait_gone "Timeline · per week"
    wait_line 2 "Filter: none"
    assert_screen_lacks "EXIT="
    send q
    wait_exit
    assert_exit 0
}

test_relations_view_jumps_between_actors() {
    start_monitor 120 40
    # Select Katiba Macina in the actors pane with the search, then open its relations.
    send 1 /
    type macina
    send Enter
    wait_for "Search: macina"
    send R
    wait_for "─ Relations ─"
    wait_for "● Katiba Macina"
    wait_for "Part of"
    assert_screen_contains "al-Qaeda"
    # The hierarchy starts at al-Qaeda, then JNIM: Down, Enter jumps to JNIM.
    send Down Enter
    wait_for "Backspace: back to Macina Brigade"
    wait_for "● Jama'at Nusrat al-Islam wal-Muslimin"
    wait_for "Rivals"
    send BSpace
    wait_for "● Katiba Macina"
    wait_gone "Backspace: back to"
    # f filters by the selected related actor without closing the view.
    send f
    wait_line 2 "[actor: "
    send Escape
    wait_gone "─ Relations ─"
    send q
    wait_exit
    assert_exit 0
}
