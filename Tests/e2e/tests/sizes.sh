# shellcheck shell=bash
# Terminal sizes: the three layouts, "too small", and a storm of resizes.

# normalised: strips trailing blanks of each line and trailing empty lines (tmux drops trailing spaces).
normalised() { sed -e 's/[[:space:]]*$//' | awk '{ lines[NR] = $0 } END { n = NR; while (n > 0 && lines[n] == "") n--; for (i = 1; i <= n; i++) print lines[i] }'; }

# expect_render W H: waits until the pane is W x H and shows exactly what `sitmon --render WxH` prints
# (the monitor in its initial state, which it is in as long as no key was pressed).
expect_render() {
    local w=$1 h=$2 expected actual deadline
    wait_pane_size "$w" "$h"
    expected=$("$SITMON" --render "${w}x${h}" | normalised)
    e2e_now
    deadline=$(( E2E_NOW + 5000000 ))
    while :; do
        actual=$(screen | normalised)
        [ "$actual" = "$expected" ] && return 0
        e2e_now
        if [ "$E2E_NOW" -gt "$deadline" ]; then
            diff <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") | head -20 >>"$E2E_RESULT.log"
            fail "at ${w}x${h} the screen is not the frame sitmon --render ${w}x${h} prints (diff in the steps)"
        fi
        e2e_sleep "$E2E_POLL"
    done
}

assert_alive() {
    kill -0 "$1" 2>/dev/null || fail "sitmon (pid $1) is no longer running"
    if screen_history | grep -qE '^EXIT='; then fail "sitmon exited: $(screen_history | grep -E '^EXIT=')"; fi
}

test_small_sizes() {
    start_monitor 80 24
    expect_render 80 24
    local s
    for s in "┌─ 1 Actors" "┌─ 2 Timeline" "┌─ 3 Regions" "┌─ 4 Detail"; do
        assert_screen_contains "$s" "at 80x24 not every pane is visible: $s is missing"
    done
    assert_line 1 "actors " "at 80x24 the header has no counts"

    resize 50 15
    expect_render 50 15
    wait_line 3 " 1 Actors "
    assert_line 3 " 4 Detail" "at 50x15 the tab bar lacks the Detail tab"
    assert_screen_contains "┌─ 2 Timeline" "at 50x15 the focused pane (timeline) is not shown under the tabs"

    resize 30 8
    expect_render 30 8
    assert_screen_contains "terminal too small"

    # The boundaries of the layouts.
    local size
    for size in 40x10 39x10 40x9 79x20 80x19 80x20 119x24 120x23 120x24; do
        resize "${size%x*}" "${size#*x}"
        expect_render "${size%x*}" "${size#*x}"
    done

    resize 80 24
    expect_render 80 24
    assert_screen_contains "┌─ 4 Detail" "back at 80x24 the panes did not come back"

    # A storm of resizes, seeded, without waiting between them.
    local pid k w h
    sitmon_pid
    pid=$E2E_PID
    RANDOM=4242
    for ((k = 0; k < 200; k++)); do
        w=$((RANDOM % 300 + 1))
        h=$((RANDOM % 100 + 1))
        tm resize-window -t "$E2E_SESSION" -x "$w" -y "$h" 2>/dev/null || fail "resize-window ${w}x$h failed"
    done
    note "storm ended at ${w}x$h"
    assert_alive "$pid"
    expect_render "$w" "$h"
    assert_alive "$pid"
    # And usable afterwards at a normal size.
    resize 120 40
    expect_render 120 40
    send q
    assert_exit 0 grown
}

# The same storm while keys arrive, in the narrow and wide layouts: the program must not crash.
test_resize_with_keys() {
    start_monitor 120 40
    local pid k w h
    sitmon_pid
    pid=$E2E_PID
    RANDOM=7
    local keys=(Tab j k Down Up PageDown PageUp g G BTab l h 1 2 3 4 s)
    for ((k = 0; k < 120; k++)); do
        w=$((RANDOM % 200 + 1))
        h=$((RANDOM % 60 + 1))
        tm resize-window -t "$E2E_SESSION" -x "$w" -y "$h" \; send-keys -t "$E2E_SESSION" "${keys[RANDOM % ${#keys[@]}]}" \
            2>/dev/null || fail "tmux failed at step $k"
    done
    assert_alive "$pid"
    resize 100 30
    wait_pane_size 100 30
    wait_for "┌─ 4 Detail"
    wait_line 1 "actors "
    assert_alive "$pid"
    send q
    assert_exit 0 grown
}
