# shellcheck shell=bash
# The README's examples, run as written and in order from a copy of the repository root, with `sitmon` on PATH (as
# scripts/install leaves it): every headless command exits 0 and its output holds records; the commands that open
# the monitor open it (in tmux) and quit cleanly; the saved-view examples run after saving the view the README names.

# readme_examples: the indented `sitmon …` lines of the README's "Headless" section, in order.
readme_examples() {
    awk '/^## Headless/ {on = 1; next} /^## / {on = 0} on && /^    sitmon / {sub(/^    /, ""); print}' "$ROOT/README.md"
}

# run_monitor_example LINE: the example in a tmux session; waits for the monitor, quits with q, expects exit 0.
run_monitor_example() {
    start_cmd 120 40 "$1"
    wait_for "Filter:" 20
    send q
    assert_exit 0
    end_session
}

test_readme_examples() {
    local work=$E2E_TMP/clone bin=$E2E_TMP/bin line count=0 opened=0 saved=0
    mkdir -p "$work" "$bin"
    ln -s "$ROOT/data" "$work/data"
    ln -s "$SITMON" "$bin/sitmon"
    export PATH="$bin:$PATH"
    local examples
    examples=$(readme_examples)
    [ "$(grep -c . <<<"$examples")" -ge 8 ] || fail "found only these README examples: $examples"
    while IFS= read -r line; do
        case $line in
            "sitmon --view "*)
                if [ "$saved" = 0 ]; then
                    note "saving the view “jnim centre” as the README says (a JNIM, r Mopti, w, name, Enter)"
                    start_cmd 120 40 "cd $(printf '%q' "$work") && sitmon"
                    wait_for "Filter:" 20
                    pick_jnim
                    send r; wait_for "Pick a region"; type mopti; wait_for "> mopti"; send Enter
                    wait_for "[region: Mopti]"
                    send w; wait_for "Save the current view"; type "jnim centre"; send Enter
                    wait_for "View saved as “jnim centre”"
                    send q
                    assert_exit 0
                    end_session
                    saved=1
                fi
                run_monitor_example "cd $(printf '%q' "$work") && $line"
                opened=$((opened + 1))
                ;;
            "sitmon --"*|"sitmon")
                run_monitor_example "cd $(printf '%q' "$work") && $line"
                opened=$((opened + 1))
                ;;
            *)
                note "running: $line"
                (cd "$work" && timeout 120 bash -c "$line" >"$E2E_TMP/out" 2>"$E2E_TMP/err") ||
                    fail "README example failed ($?): $line: $(head -c 600 "$E2E_TMP/err")"
                count=$((count + 1))
                ;;
        esac
    done <<<"$examples"
    [ "$opened" -ge 2 ] || fail "expected the README to open the monitor at least twice, it did $opened times"
    note "checking what the examples wrote"
    grep -q "^## " "$work/jnim-centre-briefing.md" || fail "jnim-centre-briefing.md is not a briefing"
    grep -Eq "[1-9][0-9]* (incidents?|records?)" "$work/jnim-centre-briefing.md" ||
        fail "the README's first example exports no records: $(head -c 400 "$work/jnim-centre-briefing.md")"
    [ "$(wc -l <"$work/wagner.csv")" -gt 1 ] || fail "wagner.csv holds no record"
    "$E2E_PYTHON" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["incidents"] or d["events"]' \
        "$work/isgs.json" || fail "isgs.json holds no record"
    grep -q '"format": "sitmon-dataset"' "$work/acled-sample.json" || fail "acled-sample.json is not a dataset"
    grep -q "^incident,acled-mli9" "$work/fama-merged.csv" || fail "fama-merged.csv lacks the sample's FAMa rows"
    grep -q "Malian Armed Forces" "$work/fama-merged.csv" || fail "fama-merged.csv lacks the case study's FAMa rows"
    [ -s "$work/synthetic-100k.json" ] || fail "synthetic-100k.json is empty"
    [ -s "$work/jnim-centre-2024.md" ] || fail "jnim-centre-2024.md is empty"
    note "$count headless examples and $opened monitor openings ran"
}
