# shellcheck shell=bash
# What reaches the terminal: colours, mouse reporting, and text from the data.

# sgr_report [FILE...]: the attributes and colours used by captured screens (or the current one), one per
# line (tools/sgr.py).
sgr_report() {
    if [ $# -gt 0 ]; then cat "$@" | "$E2E_PYTHON" "$E2E_DIR/tools/sgr.py"; else screen_e | "$E2E_PYTHON" "$E2E_DIR/tools/sgr.py"; fi
}

# keep_screen NAME: saves the screen with its escapes as E2E_TMP/screens/NAME, to be checked later in one go
# (starting python for each screen is slow on a loaded machine).
keep_screen() {
    mkdir -p "$E2E_TMP/screens"
    screen_e >"$E2E_TMP/screens/$1"
}

# assert_no_colour_kept: every kept screen uses no colour, and bold or reverse still shows the selection.
assert_no_colour_kept() {
    local file report
    report=$("$E2E_PYTHON" "$E2E_DIR/tools/sgr.py" "$E2E_TMP"/screens/*)
    for file in "$E2E_TMP"/screens/*; do
        if grep -qF "$file: colour" <<<"$report"; then
            fail "$(basename "$file"): colours on the screen: $(grep -F "$file: colour" <<<"$report" | sed 's/.*: //' | tr '\n' ' ')"
        fi
        grep -qE "^$(basename "$file"): attr (1|7)\$" <<<"${report//$E2E_TMP\/screens\//}" ||
            fail "$(basename "$file"): neither bold nor reverse is used, so the selection is invisible"
    done
    rm -rf "$E2E_TMP/screens"
}

# no_colour_tour LABEL: shows the overlays and messages one after the other, keeping each screen.
no_colour_tour() {
    local what=$1
    keep_screen "$what main screen"
    send a
    wait_for "Pick an actor"
    keep_screen "$what actor picker"
    type jnim
    wait_for "> jnim"
    send Enter
    wait_line 2 "[actor: JNIM]"
    keep_screen "$what filter chips"
    send /
    type zzzzqqq
    wait_for "not found"
    keep_screen "$what failed search"
    send Escape
    wait_gone "not found"
    send '?'
    wait_for "Help — sitmon keys"
    keep_screen "$what help"
    send Escape
    wait_gone "Help — sitmon keys"
    send e
    wait_for "Export the current view"
    keep_screen "$what export dialog"
    send Escape
    wait_gone "Export the current view"
    resize 50 15
    wait_line 3 " 1 Actors "
    keep_screen "$what tab bar"
    send q
    assert_exit 0
}

test_no_color() {
    # The check itself finds the colours of a normal start.
    start_monitor 120 40
    sgr_report | grep -q '^colour' || fail "no colour found in a normal start: the check cannot work"
    send q
    assert_exit 0
    end_session

    MONITOR_ENV="NO_COLOR=1" start_monitor 120 40
    no_colour_tour "NO_COLOR=1"
    end_session

    start_monitor 120 40 --no-color
    no_colour_tour "--no-color"
    end_session
    assert_no_colour_kept

    # An empty NO_COLOR does not count (no-color.org).
    MONITOR_ENV="NO_COLOR=" start_monitor 120 40
    sgr_report | grep -q '^colour' || fail "NO_COLOR set to the empty string turned the colours off"
    send q
    assert_exit 0
}

# The help box shows every line in full where it has room (120x40: a box of up to 104 columns, sized to its text).
test_help_text() {
    start_monitor 120 40
    send '?'
    wait_for "Help — sitmon keys"
    wait_for "Press any key to close."
    # Rows of the box whose text runs into its right border were cut.
    local lines line k x=-1 prefix inner cut="" top width=0
    mapfile -t lines < <(screen)
    for ((k = 0; k < ${#lines[@]}; k++)); do
        line=${lines[k]}
        if [ "$x" -lt 0 ]; then
            [[ $line == *"┌─ Help — sitmon keys"* ]] || continue
            prefix=${line%%┌─ Help*}
            x=${#prefix}
            top=${line:x}
            top=${top%%┐*}
            width=$((${#top} - 1))
            continue
        fi
        [ "${line:x:1}" = "└" ] && break
        inner=${line:x+1:width}
        [ "${inner: -1}" != " " ] && cut+="${inner## } / "
    done
    [ "$x" -ge 0 ] || fail "the help box was not found"
    [ -z "$cut" ] || fail "help lines cut at the box's edge: $(tr -s ' ' <<<"$cut")"
    send x
    wait_gone "Help — sitmon keys"
    send q
    assert_exit 0
}

# mouse_flags: the mouse modes the program asked the terminal for, as tmux sees them.
mouse_flags() { pane_format 'any=#{mouse_any_flag} standard=#{mouse_standard_flag} button=#{mouse_button_flag} sgr=#{mouse_sgr_flag}'; }

# press X Y / release X Y: the report of a left button press or release at 0-based column X, row Y, as the
# terminal sends it (SGR 1006 encoding, the one ncurses asks for with TERM=xterm-256color). tmux's
# send-keys -M only replays a mouse event that tmux itself received, so the report is written to the pane
# as the terminal would write it.
press() { type $'\e'"[<0;$(($1 + 1));$(($2 + 1))M"; }
release() { type $'\e'"[<0;$(($1 + 1));$(($2 + 1))m"; }

# wheel_down X Y
wheel_down() { type $'\e'"[<65;$(($1 + 1));$(($2 + 1))M"; }

test_mouse() {
    start_monitor 120 40
    local flags
    flags=$(mouse_flags)
    note "mouse modes: $flags"
    [[ $flags == *"any=1"* ]] || fail "the monitor did not turn mouse reporting on ($flags)"
    [[ $flags == *"sgr=1"* ]] || fail "the monitor did not ask for SGR mouse reports ($flags)"
    assert_screen_contains "4 Detail · record"

    # Row 5 of the actors list (screen row 7; the list starts under the border at row 3).
    local row name
    row=$(screen_line 8)
    name=${row:3:22}
    name=${name%%…*}
    name=${name%"${name##*[! ]}"}
    name=${name#*· }  # "AQIM · al-Qaeda in the…": the detail spells the full name
    note "clicking on actor row: $name"
    [ -n "$name" ] || fail "no actor on screen row 8"
    press 5 7
    wait_for "4 Detail · actor"
    release 5 7
    wait_for "Enter filter"  # the footer of a focused actors pane
    screen | sed -n '/4 Detail/,$p' | grep -qF "$name" || fail "the detail does not show the clicked actor ($name)"
    # Enter now filters by the clicked actor.
    send Enter
    wait_line 2 "[actor: "
    note "filter after click+Enter: $(screen_line 2)"
    send c
    wait_line 2 "Filter: none"

    # A click on the timeline's 4th row focuses the timeline and selects the row; the wheel moves by 3.
    send 2 g 1
    wait_for "2 Timeline 1/"
    wait_for "Enter filter"
    press 40 8
    wait_for "2 Timeline 4/"
    wait_for "Enter detail"
    release 40 8
    wheel_down 40 8
    wait_for "2 Timeline 7/"

    # In the narrow layout a click on a tab switches pane.
    resize 60 20
    wait_line 3 " 1 Actors "
    press 2 2
    wait_for "┌─ 1 Actors"
    release 2 2
    send q
    assert_exit 0
    end_session

    # --no-mouse: no mouse mode at all (the terminal keeps its own selection), and a click does nothing.
    start_monitor 120 40 --no-mouse
    flags=$(mouse_flags)
    [ "$flags" = "any=0 standard=0 button=0 sgr=0" ] || fail "--no-mouse still turns mouse reporting on ($flags)"
    # Were the terminal to send them anyway, the press and release reports must not act as a click, nor as keys:
    # ncurses does not know them without the mouse, and their characters (`m` ends a release: the map key) must be
    # dropped with the sequence. So must an OSC string and an unknown CSI key.
    type $'\e[<0;6;8M'
    type $'\e[<0;6;8m'
    type $'\e]52;c;bWFw\a'
    type $'\e[99~'
    e2e_sleep 0.3
    assert_screen_lacks "←↑↓→ move" "--no-mouse: the characters of a mouse report reached the monitor as keys (m focused the map)"
    assert_screen_lacks "Saved views" "--no-mouse: the characters of an OSC string reached the monitor as keys (W)"
    assert_screen_contains "4 Detail · record" "--no-mouse: a click report changed the focus"
    assert_screen_contains "2 Timeline 1/" "--no-mouse: a click report moved the selection"
    send q
    assert_exit 0
}

# A click whose press and release reports reach the program together (one read: a quick tap, a busy
# program, a remote link) is a click too.
test_mouse_click_batched() {
    start_monitor 120 40
    send 1
    wait_for "Enter filter"
    type $'\e[<0;41;9M\e[<0;41;9m'  # press and release on the timeline's 4th row, in one write
    wait_for "2 Timeline 4/" 3
    wait_for "Enter detail" 3
    send q
    assert_exit 0
}

# A dataset whose strings carry terminal escape sequences: none may reach the terminal.
test_escape_injection() {
    "$E2E_PYTHON" - "$ROOT/data/mali.json" "$E2E_TMP/evil.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
ESC, BEL = "\x1b", "\x07"
clear = ESC + "[2J"
osc52 = ESC + "]52;c;" + "cHduZWQ=" + BEL           # clipboard := "pwned"
link = ESC + "]8;;http://x.example/" + BEL + "LINK" + ESC + "]8;;" + BEL
title = ESC + "]2;PWNED-TITLE" + BEL
# The actor with the most records (first in the actors pane) and the newest event (first in the timeline).
newest = max(d["events"], key=lambda e: e["date"])
newest["title"] = "EVIL" + clear + "T1" + osc52 + "T2" + BEL + "T3\bT4" + "\u202eT5"
newest["summary"] = "SUMMARY" + link + title + ESC + "[31mRED" + ESC + "[0m" + ESC + "P1$qm" + ESC + "\\" + "\x9b31m" + "END"
for a in d["actors"]:
    if a["id"] == "fama":
        a["name"] = "Malian" + title + "Armed" + ESC + "[5mForces"
print(newest["id"])
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=True, indent=1)
EOF
    [ -s "$E2E_TMP/evil.json" ] || fail "could not build the dataset"
    "$SITMON" validate "$E2E_TMP/evil.json" >/dev/null 2>&1 || fail "sitmon validate rejects the dataset with escapes"

    # This tmux does act on OSC 52 (a paste buffer) and OSC 2 (the pane title): the checks below can fail.
    tm new-session -d -s C -x 40 -y 5 "printf '\\033]52;c;cHduZWQ=\\007\\033]2;PWNED-CONTROL\\007'; exec sleep 60" ||
        fail "could not start the control session"
    control_seen() { [ "$(tm display-message -p -t C '#{pane_title}')" = PWNED-CONTROL ] && tm show-buffer >/dev/null 2>&1; }
    wait_until 5 "OSC 52 and OSC 2 to take effect in a plain pane (the control)" control_seen
    tm kill-session -t C
    tm delete-buffer 2>/dev/null

    local title_before buffers_before
    # Wide enough that the detail pane (beside the map) shows each escaped sequence on one line.
    start_monitor 240 50 --data "$E2E_TMP/evil.json"
    title_before=$(pane_format '#{pane_title}')
    buffers_before=$(tm list-buffers 2>/dev/null | wc -l)
    # Record what the program writes to the terminal.
    tm pipe-pane -t "$E2E_SESSION" -o "cat >>$(printf '%q' "$E2E_TMP/raw.out")"
    # The newest event is selected at start; open and close the help so that everything is drawn again.
    send '?'
    wait_for "Help — sitmon keys"
    send Escape
    wait_gone "Help — sitmon keys"
    send 4
    wait_for "SUMMARY"
    wait_for "EVIL"

    local s
    s=$(screen)
    # Visible replacements instead of effects.
    grep -qF "EVIL␛[2JT1␛]52;c;cHduZWQ=␇T2␇T3␈T4" <<<"$s" || grep -qF "EVIL␛[2JT1" <<<"$s" ||
        fail "the title with escapes is not shown with visible replacements (␛ ␇ ␈)"
    grep -qF "T4" <<<"$s" || fail "text after the escapes in the title is missing"
    grep -qF "SUMMARY␛]8;;http://x.example/␇LINK" <<<"$s" || fail "the OSC 8 link in the summary is not shown as text"
    grep -qF "␛[31mRED␛[0m" <<<"$s" || fail "the SGR in the summary is not shown as text"
    if printf '%s' "$s" | grep -q $'\u202e'; then fail "U+202E (right-to-left override) reached the screen"; fi
    # The screen was not cleared by ESC [2J: the header and the panes are still there.
    assert_line 1 "actors "
    assert_screen_contains "┌─ 1 Actors"
    # The actor's name, in full, in its detail.
    send 1
    wait_for "4 Detail · actor"
    wait_for "Malian␛]2;PWNED-TITLE␇Armed␛[5mForces"

    # What the terminal received: no OSC, no DCS, no raw BEL/BS; only the program's own CSI sequences.
    e2e_sleep 0.2
    tm pipe-pane -t "$E2E_SESSION"
    [ -s "$E2E_TMP/raw.out" ] || fail "pipe-pane recorded nothing"
    "$E2E_PYTHON" - "$E2E_TMP/raw.out" <<'EOF' || fail "escape sequences from the data reached the terminal: $(cat "$E2E_TMP/raw.check")"
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8", "replace")
problems = []
for needle, name in [("\x1b]", "OSC (ESC ])"), ("\x1bP", "DCS (ESC P)"), ("\x1b^", "PM"), ("\x1b_", "APC"),
                     ("\x07", "BEL"), ("\x08", "backspace"), ("\u202e", "U+202E"), ("\x9b", "C1 CSI"),
                     ("\x1b[5m", "blink from the data"), ("PWNED-TITLE\x07", "raw OSC 2 payload")]:
    if needle in text:
        problems.append(name)
open(sys.argv[1].replace("raw.out", "raw.check"), "w").write(", ".join(problems))
sys.exit(1 if problems else 0)
EOF
    # The pane's title and tmux's paste buffers (OSC 52 with set-clipboard on) are unchanged.
    assert_eq "$(pane_format '#{pane_title}')" "$title_before" "the pane title changed"
    [[ "$(pane_format '#{pane_title}')" != *PWNED* ]] || fail "the pane title was set by the data"
    assert_eq "$(tm list-buffers 2>/dev/null | wc -l)" "$buffers_before" "a paste buffer appeared (OSC 52 reached tmux)"
    if tm show-buffer >/dev/null 2>&1; then
        fail "tmux has a paste buffer after showing the data: $(tm show-buffer | head -c 80)"
    fi
    # capture-pane -e shows no hyperlink or title either.
    if screen_e | grep -qF $'\e]'; then fail "capture-pane -e shows an OSC sequence"; fi
    send q
    assert_exit 0
}
