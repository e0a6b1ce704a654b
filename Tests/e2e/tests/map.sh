# shellcheck shell=bash
# The map pane: focus it, move between markers with the arrows, filter with Enter.

# map_region: the region named in the map's title, "5 Map · NAME".
map_region() { screen | grep -oE '5 Map · [^·─]+' | head -1 | sed -e 's/^5 Map · //' -e 's/ *$//'; }

test_map() {
    start_monitor 120 40
    # Wide: the map is there from the start, with Mali's neighbours and the region capitals.
    wait_for "5 Map"
    assert_screen_contains "Algeria"
    assert_screen_contains "Kidal"
    send 5
    wait_for "←↑↓→ move"
    # The map shares the Regions pane's selected region: both start on the first row of the Regions pane.
    local first top
    first=$(map_region)
    top=$(screen_line 5 | sed -E 's/.*││  ([^│]*[^ ]) +[0-9]+ +[0-9]+ .*/\1/')
    [ -n "$first" ] && [ "$first" = "$top" ] || fail "the map should start on the Regions pane's region '$top', not '$first'"
    # An arrow moves to another marker (west, or east from Kayes, the westernmost); it does not leave the map.
    if [ "$first" = "Kayes" ]; then send Right; else send Left; fi
    wait_gone "5 Map · $first"
    local region
    region=$(map_region)
    [ -n "$region" ] || fail "the map lost its focus after →"
    assert_screen_contains "←↑↓→ move"
    note "from $first: $region"
    send Enter
    wait_line 2 "[region: $region]"
    wait_for "Filter: + region $region"
    # m also focuses the map; Tab leaves it.
    send Tab
    wait_gone "←↑↓→ move"
    send m
    wait_for "←↑↓→ move"
    # Enter again removes the region from the filter.
    send Enter
    wait_line 2 "Filter: none"
    # Medium: the map takes the regions' slot when focused, and gives it back on 3.
    resize 80 24
    wait_pane_size 80 24
    wait_for "5 Map · $region"
    send 3
    wait_for "3 Regions"
    wait_gone "5 Map"
    send q
    assert_exit 0
}
