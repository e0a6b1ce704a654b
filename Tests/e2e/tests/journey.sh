# shellcheck shell=bash
# The issue's scenario, from start to quit, as a user does it.

# header_counts: "actors N/M · events N/M · incidents N/M" from the header line.
header_counts() {
    screen_line 1 | grep -oE 'actors [0-9]+/[0-9]+ · events [0-9]+/[0-9]+ · incidents [0-9]+/[0-9]+'
}

# detail_text: the lines of the screen from the Detail pane's title down (wide and medium layouts).
detail_text() { screen | sed -n '/4 Detail/,$p'; }

# timeline_position: K in "2 Timeline K/N".
timeline_position() { screen | grep -oE '2 Timeline [0-9]+/' | head -1 | grep -oE '[0-9]+/' | tr -d /; }

# The counts sitmon export gives for a filter: "events E · incidents I" out of its JSON.
export_counts() {
    "$SITMON" export "$@" --format json | "$E2E_PYTHON" -c '
import json, sys
d = json.load(sys.stdin)
print(len(d["events"]), len(d["incidents"]))'
}

test_journey() {
    start_monitor 120 40
    local all
    all=$(header_counts)
    [ -n "$all" ] || fail "the header shows no counts (actors N/M · events N/M · incidents N/M)"
    assert_line 2 "Filter: none" "the Filter line should say none at start"
    note "start: $all"

    # Filter by JNIM with the actor picker.
    send a
    wait_for "Pick an actor"
    type jnim
    wait_for "> jnim"
    wait_for "JNIM"
    send Enter
    wait_line 2 "[actor: JNIM]"
    wait_gone "Pick an actor"
    local jnim events incidents
    jnim=$(header_counts)
    note "JNIM: $jnim"
    [ "$jnim" != "$all" ] || fail "the header counts did not change after filtering by JNIM ($jnim)"
    read -r events incidents <<<"$(export_counts --actor jnim)"
    grep -qF "events $events/" <<<"$jnim" || fail "header says \"$jnim\" but sitmon export --actor jnim has $events events"
    grep -qF "incidents $incidents/" <<<"$jnim" || fail "header says \"$jnim\" but sitmon export --actor jnim has $incidents incidents"

    # And by Mopti.
    send r
    wait_for "Pick a region"
    type mopti
    wait_for "> mopti"
    send Enter
    wait_line 2 "[region: Mopti]"
    assert_line 2 "[actor: JNIM]" "the JNIM chip should stay when Mopti is added"
    local both
    both=$(header_counts)
    note "JNIM+Mopti: $both"
    read -r events incidents <<<"$(export_counts --actor jnim --region mopti)"
    grep -qF "events $events/" <<<"$both" || fail "header says \"$both\" but sitmon export --actor jnim --region mopti has $events events"
    grep -qF "incidents $incidents/" <<<"$both" || fail "header says \"$both\" but the export has $incidents incidents"

    # Clear.
    send c
    wait_line 2 "Filter: none"
    wait_for "Filters cleared"
    assert_eq "$(header_counts)" "$all" "the header counts after c"

    # Search "goita" in the timeline; the accented name must render as Goïta.
    send 2
    send /
    wait_for_re '^/'
    type goita
    wait_for "/goita"
    send Enter
    wait_for "Search: goita"
    detail_text | grep -qF "Goïta" || fail "after searching goita the detail does not mention Goïta"
    local first
    first=$(timeline_position)
    send n
    wait_for_re "2 Timeline [0-9]+/"
    timeline_moved() { [ "$(timeline_position)" != "$first" ]; }
    wait_until 5 "n to move the timeline selection from row $first" timeline_moved
    detail_text | grep -qF "Goïta" || fail "after n the detail of the next match does not mention Goïta"
    assert_screen_lacks "Goita" "an accented name is shown without its accent (Goita)"
    note "search: row $first then row $(timeline_position)"

    # Help opens and closes.
    send '?'
    wait_for "Help — sitmon keys"
    assert_screen_contains "Press any key to close."
    assert_screen_contains "export the current view"
    send Escape
    wait_gone "Help — sitmon keys"

    # Export Markdown: the dialog opens with Markdown preselected.
    send e
    wait_for "Export the current view"
    assert_screen_contains "(•) Markdown" "the export dialog does not preselect Markdown"
    assert_screen_contains "( ) CSV"
    local name
    name=$(screen | grep -oE 'File: [^ │]+' | head -1 | cut -c7-)
    [ -n "$name" ] || fail "the export dialog shows no file name"
    note "export file name: $name"
    send Enter
    wait_for_re "Exported [0-9]+ records? to "
    assert_screen_contains "$E2E_TMP/$name" "the footer does not give the path of the export"
    assert_file "$E2E_TMP/$name" "# Briefing"

    # Resize: wide → narrow (tab bar) → wide.
    resize 60 20
    wait_pane_size 60 20
    wait_line 3 " 1 Actors "
    assert_line 3 "2 Timeline"
    assert_line 3 "4 Detail"
    assert_screen_lacks "┌─ 1 Actors" "at 60x20 the actors pane should be a tab, not a box"
    [ "$(screen | wc -l)" -le 20 ] || fail "more than 20 lines at 60x20"
    resize 120 40
    wait_pane_size 120 40
    wait_line 3 "┌─ 1 Actors"
    assert_line 3 "┌─ 2 Timeline" "at 120x40 the timeline should be beside the actors"
    assert_line 3 "┌─ 3 Regions" "at 120x40 the regions should be beside the timeline"
    assert_screen_contains "┌─ 4 Detail"
    assert_line 1 "actors " "the header lost its counts after resizing back"

    send q
    assert_exit 0
}
