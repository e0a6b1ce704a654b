# shellcheck shell=bash
# Opening an ACLED CSV export in the monitor (issue #14): the loading box names the file and counts the bytes read
# out of the file's size and the rows as the import goes; q, Esc and Ctrl-C end the import at once; a finished
# import opens on the panes of the CSV's actors and regions.

# Rows of the generated export of the loading-box test: enough (≈ 78 MB) for the import to take a moment (the box
# must be seen counting before the last row).
E2E_OPEN_ROWS=${E2E_OPEN_ROWS:-200000}

# open_normalised: strips trailing blanks of each line and trailing empty lines (tmux drops trailing spaces).
open_normalised() {
    sed -e 's/[[:space:]]*$//' |
        awk '{ lines[NR] = $0 } END { n = NR; while (n > 0 && lines[n] == "") n--; for (i = 1; i <= n; i++) print lines[i] }'
}

# open_counts: sets OPEN_BYTES, OPEN_TOTAL and OPEN_ROWS from the loading box's status line on E2E_LAST_SCREEN
# ("Importing · 37 / 78 MB · 94,208 rows"); false when the box does not show one.
open_counts() {
    local line re='(Importing|Building the dataset) · ([0-9]+) / ([0-9]+) MB · ([0-9,]+) rows'
    while IFS= read -r line; do
        if [[ $line =~ $re ]]; then
            OPEN_PHASE=${BASH_REMATCH[1]}
            OPEN_BYTES=${BASH_REMATCH[2]}
            OPEN_TOTAL=${BASH_REMATCH[3]}
            OPEN_ROWS=${BASH_REMATCH[4]//,/}
            return 0
        fi
    done <<<"$E2E_LAST_SCREEN"
    return 1
}

# open_counts_past BYTES ROWS: captures the screen; true when the box shows more rows than ROWS and at least BYTES.
open_counts_past() {
    E2E_LAST_SCREEN=$(screen)
    open_counts && [ "$OPEN_ROWS" -gt "$2" ] && [ "$OPEN_BYTES" -ge "$1" ]
}

# open_counts_started: captures the screen; true when the box shows a first row counted.
open_counts_started() {
    E2E_LAST_SCREEN=$(screen)
    open_counts && [ "$OPEN_ROWS" -gt 0 ]
}

# open_cancel KEY STATUS: KEY while the box counts; sitmon must end within a second with STATUS, the terminal
# restored.
open_cancel() {
    local key=$1 status=$2 t0 took
    start_cmd 80 24 "$(monitor_command --data acled.csv --fresh)"
    wait_until 20 "the loading box to count a first row" open_counts_started
    sitmon_pid
    e2e_now
    t0=$E2E_NOW
    send "$key"
    wait_exit 5
    e2e_now
    took=$(( (E2E_NOW - t0) / 1000 ))
    note "$key during the import (box: $OPEN_PHASE $OPEN_BYTES / $OPEN_TOTAL MB, $OPEN_ROWS rows): exit after $took ms"
    [ "$took" -le 1000 ] || fail "sitmon took $took ms to end after $key during the import (1000 ms at most)"
    if kill -0 "$E2E_PID" 2>/dev/null; then fail "sitmon (pid $E2E_PID) still runs after EXIT=$E2E_EXIT"; fi
    assert_exit "$status"
    end_session
}

test_open_csv_loading_box() {
    "$SITMON" generate --format acled-csv --actors 2000 --countries 20 --events "$E2E_OPEN_ROWS" -q \
        -o "$E2E_TMP/acled.csv" || fail "sitmon generate failed"
    local size mb
    size=$(stat -c %s "$E2E_TMP/acled.csv")
    mb=$(( size / 1000000 ))
    start_cmd 80 24 "$(monitor_command --data acled.csv --fresh)"
    wait_for "sitmon — loading" 10
    wait_for "│ acled.csv " 5
    # Bytes and rows counted as they are read, out of the file's size.
    wait_until 20 "the loading box to count a first row" open_counts_started
    assert_eq "$OPEN_TOTAL" "$mb" "the loading box's total is not the file's size in MB"
    local bytes=$OPEN_BYTES rows=$OPEN_ROWS
    note "first count: $OPEN_PHASE $bytes / $OPEN_TOTAL MB, $rows rows"
    [ "$rows" -lt "$E2E_OPEN_ROWS" ] ||
        fail "the box was first seen counting after the last row ($rows rows; if the import got that fast, raise E2E_OPEN_ROWS)"
    wait_until 20 "the loading box's counts to grow past $bytes MB, $rows rows" open_counts_past "$bytes" "$rows"
    note "then: $OPEN_PHASE $OPEN_BYTES / $OPEN_TOTAL MB, $OPEN_ROWS rows"
    assert_screen_contains "q cancels"
    # Still loading: q ends sitmon at once, 0, the terminal restored.
    local t0 took
    e2e_now
    t0=$E2E_NOW
    send q
    wait_exit 5
    e2e_now
    took=$(( (E2E_NOW - t0) / 1000 ))
    note "q during the import: exit after $took ms"
    [ "$took" -le 1000 ] || fail "sitmon took $took ms to end after q during the import (1000 ms at most)"
    assert_exit 0
    end_session
    # Esc and Ctrl-C, each as soon as the first rows are counted.
    open_cancel Escape 0
    open_cancel C-c 130
}

test_open_csv_first_frame() {
    "$SITMON" generate --format acled-csv --actors 300 --countries 5 --events 20000 -q -o "$E2E_TMP/acled.csv" ||
        fail "sitmon generate failed"
    start_cmd 120 40 "$(monitor_command --data acled.csv --fresh)"
    wait_for "1 Actors 300/300" 30
    # The panes of the CSV's data: its actors, its 5 countries' provinces, its 20,000 rows.
    assert_line 1 "ACLED export acled.csv"
    assert_screen_contains "JNIM · JNIM: Group"
    assert_screen_contains "2 Timeline 1/20000"
    assert_screen_contains "3 Regions 100 · incidents"
    assert_screen_contains "│  Province "
    # Exactly the frame `sitmon --render` prints for the same file.
    local expected actual
    expected=$(cd "$E2E_TMP" && "$SITMON" --data acled.csv --fresh --render 120x40 | open_normalised)
    actual=$(screen | open_normalised)
    if [ "$actual" != "$expected" ]; then
        diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -20 >>"$E2E_RESULT.log"
        fail "the first frame is not the one sitmon --render 120x40 prints (diff in the steps)"
    fi
    send q
    assert_exit 0
}

# open_snapshot: the import cache's snapshot file (one), or nothing.
open_snapshot() { ls "$XDG_CACHE_HOME"/sitmon/imports/*.snapshot 2>/dev/null | head -1; }
open_snapshot_written() { [ -n "$(open_snapshot)" ]; }
# open_snapshot_used TIME: the snapshot's modification time (marked when it is read) is no longer TIME.
open_snapshot_used() { [ "$(stat -c %y "$(open_snapshot)")" != "$1" ]; }

test_open_csv_cached() {
    "$SITMON" generate --format acled-csv --actors 300 --countries 5 --events 20000 -q -o "$E2E_TMP/acled.csv" ||
        fail "sitmon generate failed"
    start_cmd 120 40 "$(monitor_command --data acled.csv --fresh)"
    wait_for "1 Actors 300/300" 30
    local first second used
    first=$(screen | open_normalised)
    # The snapshot is written in the background once the first frame is up; 0600 in a 0700 directory.
    wait_until 20 "the import cache to hold a snapshot of acled.csv" open_snapshot_written
    assert_eq "$(stat -c %a "$(open_snapshot)")" 600 "the snapshot's permissions"
    assert_eq "$(stat -c %a "$XDG_CACHE_HOME/sitmon/imports")" 700 "the cache directory's permissions"
    send q
    assert_exit 0
    end_session
    used=$(stat -c %y "$(open_snapshot)")
    sleep 0.05
    # The second open reads the snapshot (it is marked as used) and shows the same screen.
    start_cmd 120 40 "$(monitor_command --data acled.csv --fresh)"
    wait_for "1 Actors 300/300" 30
    second=$(screen | open_normalised)
    wait_until 5 "the second open to read the snapshot" open_snapshot_used "$used"
    if [ "$second" != "$first" ]; then
        diff <(printf '%s\n' "$first") <(printf '%s\n' "$second") | head -20 >>"$E2E_RESULT.log"
        fail "the screen opened from the import cache differs from the first open's (diff in the steps)"
    fi
    send q
    assert_exit 0
    end_session
    # --no-cache neither reads nor marks it; the export is the same either way.
    used=$(stat -c %y "$(open_snapshot)")
    (cd "$E2E_TMP" && "$SITMON" export --data acled.csv --actor JNIM -o cached.csv &&
        "$SITMON" export --no-cache --data acled.csv --actor JNIM -o fresh.csv) || fail "sitmon export failed"
    assert_same_bytes "$E2E_TMP/cached.csv" "$E2E_TMP/fresh.csv" "the export from the cache differs from the fresh one"
    open_snapshot_used "$used" || fail "the export did not read the snapshot"
    rm -f "$E2E_TMP/cached.csv" "$E2E_TMP/fresh.csv"
}
