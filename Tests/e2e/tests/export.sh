# shellcheck shell=bash
# Exporting from the monitor: the same bytes as `sitmon export`, and the overwrite question.

# export_dialog_select LABEL: in the open export dialog (formats CSV, JSON, Markdown; Tab moves down, wrapping),
# presses Tab as many times as needed to select LABEL, then waits until "(•) LABEL" is shown.
export_dialog_select() {
    local label=$1 formats=(CSV JSON Markdown) current k from=-1 to=-1
    wait_for "(•) "
    [[ $E2E_LAST_SCREEN =~ \(•\)\ ([A-Za-z]+) ]] && current=${BASH_REMATCH[1]}
    for k in 0 1 2; do
        [ "${formats[k]}" = "$current" ] && from=$k
        [ "${formats[k]}" = "$label" ] && to=$k
    done
    [ "$from" -ge 0 ] || fail "the export dialog shows no known format selected (${current:-none})"
    for ((k = 0; k < (to - from + 3) % 3; k++)); do send Tab; done
    wait_for "(•) $label"
}

# export_file_name: the file name the open export dialog shows.
export_file_name() { screen | grep -oE 'File: [^ │]+' | head -1 | cut -c7-; }

# monitor_export LABEL EXT: opens the dialog, picks the format, checks the default name's extension, writes,
# and echoes the file name.
monitor_export() {
    local label=$1 ext=$2 name
    send e
    wait_for "Export the current view"
    export_dialog_select "$label"
    wait_for_re "File: [^ │]+\.$ext"
    name=$(export_file_name)
    send Enter
    wait_for "Exported "
    wait_for "$E2E_TMP/$name"
    wait_gone "Export the current view"
    printf '%s' "$name"
}

test_export_bytes() {
    start_monitor 120 40
    pick_jnim

    local label ext fmt name
    for fmt in csv:CSV md:Markdown json:JSON; do
        ext=${fmt%%:*}
        label=${fmt#*:}
        name=$(monitor_export "$label" "$ext") || exit 1
        note "monitor wrote $name"
        assert_file "$E2E_TMP/$name"
        "$SITMON" export --actor jnim --format "$ext" -o "$E2E_TMP/cli.$ext" ||
            fail "sitmon export --actor jnim --format $ext failed"
        assert_same_bytes "$E2E_TMP/$name" "$E2E_TMP/cli.$ext" \
            "the monitor's $label export differs from sitmon export --actor jnim --format $ext"
        # The same again through standard output.
        "$SITMON" export --actor jnim --format "$ext" >"$E2E_TMP/stdout.$ext"
        assert_same_bytes "$E2E_TMP/$name" "$E2E_TMP/stdout.$ext" \
            "the monitor's $label export differs from sitmon export --actor jnim --format $ext (stdout)"
        send Escape
        wait_gone "Exported "
    done
    # The JSON export is a dataset sitmon itself accepts.
    "$SITMON" validate "$E2E_TMP/cli.json" >/dev/null || fail "sitmon validate rejects the JSON export"

    # Actor and region together, and an unfiltered view, in Markdown.
    send r
    wait_for "Pick a region"
    type bamako
    wait_for "> bamako"
    send Enter
    wait_line 2 "[region: Bamako]"
    name=$(monitor_export Markdown md) || exit 1
    "$SITMON" export --actor jnim --region bamako --format md -o "$E2E_TMP/cli2.md"
    assert_same_bytes "$E2E_TMP/$name" "$E2E_TMP/cli2.md" \
        "the monitor's Markdown export of JNIM+Bamako differs from sitmon export --actor jnim --region bamako"
    send c
    wait_line 2 "Filter: none"
    name=$(monitor_export CSV csv) || exit 1
    "$SITMON" export --format csv -o "$E2E_TMP/cli-all.csv"
    assert_same_bytes "$E2E_TMP/$name" "$E2E_TMP/cli-all.csv" \
        "the monitor's CSV export of everything differs from sitmon export --format csv"
    send q
    assert_exit 0
}

test_overwrite() {
    start_monitor 120 40
    send e
    wait_for "Export the current view"
    local name
    name=$(export_file_name)
    send Enter
    wait_for "Exported "
    assert_file "$E2E_TMP/$name" "# Briefing"
    # Mark the file, so that an overwrite is visible.
    printf 'MARKER\n' >>"$E2E_TMP/$name"
    cp "$E2E_TMP/$name" "$E2E_TMP/before"

    # Second export to the same name: asks; n leaves the file alone.
    send e
    wait_for "Export the current view"
    assert_eq "$(export_file_name)" "$name" "the second export dialog proposes another name"
    send Enter
    wait_for "Overwrite it? y / n"
    assert_screen_contains "$name exists"
    send n
    wait_gone "Overwrite it?"
    assert_same_bytes "$E2E_TMP/$name" "$E2E_TMP/before" "after n the file was changed"
    assert_screen_lacks "Exported " "after n the footer says the file was exported"
    # n goes back to the dialog (the name can be changed) or closes it; Escape leaves in both cases.
    if screen | grep -qF "Export the current view"; then
        send Escape
        wait_gone "Export the current view"
    fi
    assert_same_bytes "$E2E_TMP/$name" "$E2E_TMP/before" "after n and Escape the file was changed"

    # Third time: y overwrites.
    send e
    wait_for "Export the current view"
    send Enter
    wait_for "Overwrite it? y / n"
    send y
    wait_for "Exported "
    wait_gone "Export the current view"
    cmp -s "$E2E_TMP/$name" "$E2E_TMP/before" && fail "after y the file was not overwritten"
    grep -qx MARKER "$E2E_TMP/$name" && fail "after y the file still holds the old content"
    "$SITMON" export --format md -o "$E2E_TMP/cli.md"
    assert_same_bytes "$E2E_TMP/$name" "$E2E_TMP/cli.md" "the overwritten file is not the export"
    # No temporary files were left next to it.
    local leftovers
    leftovers=$(ls -A "$E2E_TMP" | grep -vxE "\.tmux\.conf|before|cli\.md|$(printf '%s' "$name" | sed 's/[.]/\\./g')")
    [ -z "$leftovers" ] || fail "files left in the export directory: $leftovers"
    send q
    assert_exit 0
}

# Coordinates are shown and exported as the data gives them (not with float noise such as 12.609000205993652).
test_coordinates() {
    local id title lat lon
    read -r id lat lon title <<<"$("$E2E_PYTHON" - "$ROOT/data/mali.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for i in d["incidents"]:
    if "lat" in i and "lon" in i:
        print(i["id"], repr(float(i["lat"])), repr(float(i["lon"])), i["title"])
        break
PY
)"
    [ -n "$id" ] || fail "no incident with coordinates in data/mali.json"
    note "$id at $lat, $lon: $title"

    # The detail shows them as written.
    start_monitor 120 40
    send 2 /
    type "${title:0:30}"
    wait_for "/${title:0:30}"
    send Enter
    wait_for "Search: "
    wait_for "Coordinates: "
    local shown problems=""
    shown=$(screen | grep -oE 'Coordinates: [^│┃]*' | sed 's/ *$//')
    [ "$shown" = "Coordinates: $lat, $lon" ] ||
        problems+="the detail of $id shows \"$shown\" instead of \"Coordinates: $lat, $lon\"; "

    # The JSON export carries the same numbers.
    "$SITMON" export --format json -o "$E2E_TMP/all.json" || fail "sitmon export --format json failed"
    "$E2E_PYTHON" - "$ROOT/data/mali.json" "$E2E_TMP/all.json" >"$E2E_TMP/diff.txt" <<'PY'
import json, sys
source = {i["id"]: i for i in json.load(open(sys.argv[1], encoding="utf-8"))["incidents"]}
exported = {i["id"]: i for i in json.load(open(sys.argv[2], encoding="utf-8"))["incidents"]}
for key, inc in source.items():
    for field in ("lat", "lon"):
        if field in inc and exported.get(key, {}).get(field) != inc[field]:
            print(f"{key}.{field}: data {inc[field]!r}, export {exported.get(key, {}).get(field)!r}")
PY
    [ -s "$E2E_TMP/diff.txt" ] && problems+="sitmon export --format json writes $(head -2 "$E2E_TMP/diff.txt" | tr '\n' ' ')"
    [ -z "$problems" ] || fail "$problems"
    send q
    assert_exit 0
}
