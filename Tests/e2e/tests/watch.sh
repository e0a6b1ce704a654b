# shellcheck shell=bash
# --watch: events added to a data file while the monitor runs appear (marked NEW), the filter is kept,
# and a half-written file never replaces the good data.

# add_event ID TITLE: appends an event to $E2E_TMP/watched.json (rewritten atomically, as editors and exporters do).
add_event() {
    "$E2E_PYTHON" - "$E2E_TMP/watched.json" "$1" "$2" <<'PY'
import json, os, sys
path, event_id, title = sys.argv[1:4]
data = json.load(open(path, encoding="utf-8"))
data["events"].append({"id": event_id, "date": "2026-01-15", "category": "attack", "severity": "critical",
                       "title": title, "regions": ["mopti"], "actors": [{"actor": "jnim", "role": "perpetrator"}],
                       "sources": [data["sources"][0]["id"]]})
tmp = path + ".tmp"
json.dump(data, open(tmp, "w", encoding="utf-8"), ensure_ascii=False)
os.replace(tmp, path)
PY
}

test_watch() {
    cp "$ROOT/data/mali.json" "$E2E_TMP/watched.json" || fail "cannot copy the bundled dataset"
    start_monitor 120 40 --data "$E2E_TMP/watched.json" --watch
    # Filter by JNIM first: the filter must survive the reloads.
    pick_jnim
    local before
    before=$(screen_line 1 | grep -oE 'events [0-9]+/[0-9]+')

    add_event ev-e2e-watch-1 "Watched attack near Mopti one"
    wait_for "Reloaded: 1 new record" 10
    wait_for "NEW Watched attack"
    wait_for "NEW 1"
    # The new record is the newest: its full title is in the detail of the first timeline row.
    send 2 g
    wait_for "Watched attack near Mopti one"
    assert_line 2 "[actor: JNIM]"
    # Selected, hence seen: the badge goes.
    wait_gone "NEW 1"
    [ "$(screen_line 1 | grep -oE 'events [0-9]+/[0-9]+')" != "$before" ] || fail "the header counts did not change"

    # A half-written file: the last good data stays and the status line says why.
    cp "$E2E_TMP/watched.json" "$E2E_TMP/good.json"
    printf '{"format": "sitmon-dataset", "version": 1, "events": [{"id": "x' >"$E2E_TMP/watched.json"
    wait_for "Data not reloaded" 10
    assert_screen_contains "Watched attack"
    assert_line 2 "[actor: JNIM]"

    # Fixed again, with a second new event.
    cp "$E2E_TMP/good.json" "$E2E_TMP/watched.json"
    add_event ev-e2e-watch-2 "Watched attack near Mopti two"
    wait_for "Reloaded: 1 new record" 10
    send g
    wait_for "Watched attack near Mopti two"
    send j
    wait_for "Watched attack near Mopti one"
    send q
    wait_exit
    assert_exit 0
}
