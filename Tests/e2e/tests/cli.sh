# shellcheck shell=bash
# Without a usable terminal, and the validate command.

test_no_tty() {
    local status
    # Neither input nor output is a terminal.
    (cd "$E2E_TMP" && "$SITMON" </dev/null >out.txt 2>err.txt)
    status=$?
    assert_eq "$status" 1 "sitmon </dev/null >out.txt: exit status"
    grep -qF 'sitmon export' "$E2E_TMP/err.txt" ||
        fail "the message does not mention sitmon export: $(cat "$E2E_TMP/err.txt")"
    [ -s "$E2E_TMP/out.txt" ] && fail "sitmon wrote to standard output without a terminal: $(head -c 200 "$E2E_TMP/out.txt" | od -c | head -3)"

    # Inside tmux: output redirected to a file, input still the terminal.
    start_cmd 100 30 "$(monitor_command) >out2.txt"
    assert_exit 1
    assert_screen_contains "sitmon export" "with standard output redirected the message does not mention sitmon export"
    [ -s "$E2E_TMP/out2.txt" ] && fail "escape sequences went to the redirected output: $(head -c 100 "$E2E_TMP/out2.txt" | od -c | head -2)"
    end_session

    # TERM=dumb.
    start_cmd 100 30 "TERM=dumb $(monitor_command)"
    assert_exit 1
    assert_screen_contains "sitmon export" "with TERM=dumb the message does not mention sitmon export"
    assert_screen_contains "dumb"
    end_session

    # A TERM without a terminfo entry, and no TERM at all.
    start_cmd 100 30 "TERM=no-such-terminal-e2e $(monitor_command)"
    assert_exit 1
    assert_screen_contains "no-such-terminal-e2e"
    end_session
    start_cmd 100 30 "env -u TERM $(monitor_command)"
    assert_exit 1
    assert_screen_contains "TERM"
}

# bad_dataset FILE: data/mali.json, pretty-printed, with actors[2].kind set to a number; prints the line and
# column of that value.
bad_dataset() {
    "$E2E_PYTHON" - "$ROOT/data/mali.json" "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["actors"][2]["kind"] = 5
text = json.dumps(d, indent=2, ensure_ascii=False)
open(sys.argv[2], "w", encoding="utf-8").write(text + "\n")
# Find the value: the "kind" key inside the third actor object.
lines = text.split("\n")
start = text.index('"actors": [')
depth, k, count, pos = 0, start + len('"actors": ['), -1, None
while k < len(text):
    c = text[k]
    if c == "{":
        if depth == 0:
            count += 1
        depth += 1
    elif c == "}":
        depth -= 1
    elif c == '"' and depth == 1 and count == 2 and text.startswith('"kind": 5', k):
        pos = k + len('"kind": ')
        break
    elif c == '"':  # skip strings
        k += 1
        while text[k] != '"':
            k += 2 if text[k] == "\\" else 1
    k += 1
line = text.count("\n", 0, pos) + 1
col = pos - (text.rfind("\n", 0, pos) + 1) + 1
print(line, col)
EOF
}

test_validate_cli() {
    local out status
    out=$("$SITMON" validate 2>&1)
    status=$?
    assert_eq "$status" 0 "sitmon validate (bundled data): exit status; output: $out"
    grep -q 'valid' <<<"$out" || fail "sitmon validate prints no summary: $out"
    "$SITMON" validate "$ROOT/data/mali.json" >/dev/null 2>&1 || fail "sitmon validate data/mali.json fails"
    "$SITMON" validate - <"$ROOT/data/mali.json" >/dev/null 2>&1 || fail "sitmon validate - <data/mali.json fails"

    # An invalid value: exit 65 and FILE:LINE:COL: $.path: message, at the right place.
    local line col
    read -r line col <<<"$(cd "$E2E_TMP" && bad_dataset bad.json)"
    out=$(cd "$E2E_TMP" && "$SITMON" validate bad.json 2>"$E2E_TMP/err.txt")
    status=$?
    assert_eq "$status" 65 "sitmon validate bad.json: exit status"
    grep -qE '^bad\.json:[0-9]+:[0-9]+: \$\.[^ ]+: .+' <<<"$out" ||
        fail "no FILE:LINE:COL: \$.path: message line in: $out"
    grep -qF "bad.json:$line:$col: \$.actors[2].kind: " <<<"$out" ||
        fail "expected a diagnostic at bad.json:$line:$col: \$.actors[2].kind, got: $out"
    grep -qF "problem" "$E2E_TMP/err.txt" || fail "no count of problems on standard error: $(cat "$E2E_TMP/err.txt")"

    # Not JSON at all: still 65, with a position.
    printf '{"format": "sitmon", "version": 1,\n  "dataset": {"id": "x",}\n}\n' >"$E2E_TMP/broken.json"
    out=$(cd "$E2E_TMP" && "$SITMON" validate broken.json 2>/dev/null)
    status=$?
    assert_eq "$status" 65 "sitmon validate broken.json (a syntax error): exit status"
    grep -qE '^broken\.json:2:[0-9]+: ' <<<"$out" || fail "the syntax error is not reported at line 2: $out"

    # A missing file: 66, for validate, export and the monitor.
    out=$("$SITMON" validate "$E2E_TMP/missing.json" 2>&1)
    status=$?
    assert_eq "$status" 66 "sitmon validate missing.json: exit status ($out)"
    grep -qF "missing.json" <<<"$out" || fail "the message does not name the missing file: $out"
    "$SITMON" export --data "$E2E_TMP/missing.json" --format csv >/dev/null 2>&1
    assert_eq "$?" 66 "sitmon export --data missing.json: exit status"
    start_monitor_expect_exit "--data" "$E2E_TMP/missing.json"
    assert_exit 66
    assert_screen_contains "missing.json"
    end_session

    # The monitor refuses the invalid file with 65 and the same diagnostics.
    start_monitor_expect_exit "--data" "$E2E_TMP/bad.json"
    assert_exit 65
    assert_screen_contains "\$.actors[2].kind"
}

# start_monitor_expect_exit ARGS...: starts the monitor without waiting for its header.
start_monitor_expect_exit() { start_cmd 120 40 "$(monitor_command "$@")"; }

# One wrong value is one problem: an invalid date is not also reported as a missing field.
test_validate_one_problem() {
    "$E2E_PYTHON" - "$ROOT/data/mali.json" "$E2E_TMP/date.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
d["events"][3]["date"] = "2021-13-45"
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps(d, indent=2, ensure_ascii=False) + "\n")
PY
    local out err status
    out=$(cd "$E2E_TMP" && "$SITMON" validate date.json 2>"$E2E_TMP/err.txt")
    status=$?
    err=$(cat "$E2E_TMP/err.txt")
    assert_eq "$status" 65 "sitmon validate date.json: exit status"
    grep -qF '$.events[3].date: invalid date "2021-13-45"' <<<"$out" || fail "the invalid date is not reported: $out"
    [ "$(grep -c . <<<"$out")" = 1 ] || fail "one invalid date gives $(grep -c . <<<"$out") diagnostics: $(tr '\n' ';' <<<"$out") ($err)"
}

test_export_import_cache() {
    local err status
    # A first export of a CSV writes the snapshot (beside the export's own work) before the process ends; the second
    # reads it and gives the same bytes.
    "$SITMON" generate --format acled-csv --actors 200 --countries 4 --events 5000 -q -o "$E2E_TMP/cached.csv" ||
        fail "sitmon generate failed"
    rm -rf "$XDG_CACHE_HOME/sitmon"
    err=$(SITMON_IMPORT_CACHE_DEBUG=1 "$SITMON" export --data "$E2E_TMP/cached.csv" --actor JNIM \
        -o "$E2E_TMP/first.csv" 2>&1)
    status=$?
    assert_eq "$status" 0 "the first export: exit status ($err)"
    ls "$XDG_CACHE_HOME"/sitmon/imports/*.snapshot >/dev/null 2>&1 ||
        fail "no snapshot in the cache directory after the first export ($err)"
    grep -qF "not written" <<<"$err" && fail "the snapshot was not written: $err"
    err=$(SITMON_IMPORT_CACHE_DEBUG=1 "$SITMON" export --data "$E2E_TMP/cached.csv" --actor JNIM \
        -o "$E2E_TMP/second.csv" 2>&1)
    assert_eq "$?" 0 "the second export: exit status ($err)"
    grep -qF "import cache: $E2E_TMP/cached.csv: read" <<<"$err" || fail "the second export did not read the snapshot: $err"
    cmp -s "$E2E_TMP/first.csv" "$E2E_TMP/second.csv" || fail "the exports from the import and the snapshot differ"
    [ -s "$E2E_TMP/first.csv" ] || fail "the export is empty"
}
