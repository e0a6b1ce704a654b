# shellcheck shell=bash
# Pasting into the `/` search on a large dataset (issue #16): the monitor takes the whole paste in batches, one
# search and one frame per batch, so the screen keeps up; input not read when it quits never reaches the shell.

# paste_case_command: the monitor on big.json; after it, reads (without waiting) whatever input is left in the
# terminal and prints LEFTOVER=<bytes> and SITMON=<status>, then restores the tty modes for the wrapper's check.
paste_case_command() {
    local monitor
    monitor=$(monitor_command --data big.json --fresh)
    # shellcheck disable=SC2016
    printf '%s' "$monitor"'; __s=$?; __m=$(stty -g); stty -icanon min 0 time 0; '
    # shellcheck disable=SC2016
    printf '%s' '__n=$(dd bs=65536 count=1 2>/dev/null | wc -c); stty "$__m"; echo "SITMON=$__s LEFTOVER=$__n"'
}

test_paste_into_search() {
    "$SITMON" generate --events 200000 -q -o "$E2E_TMP/big.json" || fail "sitmon generate failed"
    start_cmd 120 40 "$(paste_case_command)"
    wait_for "Filter:" 30
    send /
    wait_for "Esc cancels"
    # 3,505 keys at once: "kidal" and five backspaces 350 times, then "mopti". One search per key took 15 ms
    # each at 1M records (2,000 characters: 30 s; 100,000 were still being searched 6 minutes later).
    python3 -c 'import sys; sys.stdout.write("kidal\x7f\x7f\x7f\x7f\x7f" * 350 + "mopti")' >"$E2E_TMP/paste.txt"
    tm load-buffer -b p "$E2E_TMP/paste.txt" || fail "load-buffer failed"
    tm paste-buffer -b p -t "$E2E_SESSION" || fail "paste-buffer failed"
    # Every key was taken: the field holds only the last word, and its search has run.
    wait_for_re "^/mopti  (not found|.*Esc cancels)" 10
    # Esc, q and a command for the shell in one write: what sitmon has not read when it quits is discarded, not
    # left for the shell (tcflush).
    send Escape q e c h o Space L A N D E D Enter
    wait_for "SITMON=" 10
    assert_screen_contains "SITMON=0 LEFTOVER=0"
    assert_screen_lacks "LANDED" "text typed after q reached the shell"
}
