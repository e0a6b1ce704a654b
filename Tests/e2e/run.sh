#!/usr/bin/env bash
# End-to-end tests of sitmon: drive the real binary in tmux as a user would.
#
#   Tests/e2e/run.sh [path/to/sitmon]
#
# Without a path, builds the release binary into .build-e2e first. Each test function (test_NAME in
# Tests/e2e/tests/*.sh) runs in a fresh bash, with its own tmux server (tmux -L sitmon-e2e-PID-NAME) and its
# own temporary directory, both removed afterwards. Prints "ok NAME" or "FAIL NAME: reason" (with the last
# screen) per test, then "N passed, M failed"; exits 1 when a test failed.
#
# Environment: E2E_ONLY=name1,name2 runs only those tests; E2E_VERBOSE=1 prints progress notes and timings;
# E2E_TEST_TIMEOUT (default 60) limits one test, in seconds.
set -u

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$E2E_DIR/../.." && pwd)

for tool in tmux python3 timeout cmp pgrep; do
    command -v "$tool" >/dev/null 2>&1 || { echo "run.sh: $tool is needed" >&2; exit 2; }
done

if [ $# -ge 1 ]; then
    BIN=$1
else
    echo "building sitmon (release, .build-e2e)..." >&2
    (cd "$ROOT" && swift build -c release --scratch-path .build-e2e --product sitmon >&2) || {
        echo "run.sh: the build failed" >&2
        exit 2
    }
    BIN=$ROOT/.build-e2e/release/sitmon
fi
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac
[ -x "$BIN" ] || { echo "run.sh: $BIN is not an executable" >&2; exit 2; }

# The interpreter itself, not a version manager's shim (a pyenv shim costs a second per start here).
E2E_PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
[ -x "$E2E_PYTHON" ] || E2E_PYTHON=$(command -v python3)
export SITMON=$BIN E2E_DIR ROOT E2E_PYTHON
# shellcheck source=lib.sh
source "$E2E_DIR/lib.sh"  # for e2e_kill_server
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR SITMON_DATA SITMON_CONFIG TMUX

RUN_DIR=$(mktemp -d "${TMPDIR:-/tmp}/sitmon-e2e-$$.XXXXXX")
SOCKETS=()
cleanup_run() {
    local s
    for s in "${SOCKETS[@]}"; do e2e_kill_server "$s"; done
    rm -rf -- "$RUN_DIR"
}
trap cleanup_run EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

passed=0
failed=0
started=${EPOCHREALTIME/[.,]/}

for file in "$E2E_DIR"/tests/*.sh; do
    names=$(bash -c 'source "$1"; source "$2"; declare -F | sed -n "s/^declare -f test_//p"' _ "$E2E_DIR/lib.sh" "$file")
    # Keep the order in which the file defines them.
    ordered=$(grep -oE '^test_[A-Za-z0-9_]+' "$file" | sed 's/^test_//' | awk '!seen[$0]++')
    for name in $ordered; do
        grep -qx -- "$name" <<<"$names" || continue
        if [ -n "${E2E_ONLY:-}" ] && ! tr ',' '\n' <<<"$E2E_ONLY" | grep -qx -- "$name"; then continue; fi
        sock="sitmon-e2e-$$-$name"
        SOCKETS+=("$sock")
        tmp="$RUN_DIR/$name"
        result="$RUN_DIR/$name.reason"
        shot="$RUN_DIR/$name.screen"
        : >"$result.log"
        t0=${EPOCHREALTIME/[.,]/}
        E2E_TMP=$tmp E2E_SOCK=$sock E2E_RESULT=$result E2E_SCREEN=$shot \
            timeout -k 5 "${E2E_TEST_TIMEOUT:-60}" \
            bash -c 'source "$1"; source "$2"; e2e_init; "test_$3"' _ "$E2E_DIR/lib.sh" "$file" "$name" \
            >"$RUN_DIR/$name.out" 2>&1
        status=$?
        t1=${EPOCHREALTIME/[.,]/}
        e2e_kill_server "$sock"
        rm -rf -- "$tmp" "$tmp.xdg"
        took=$(awk -v d=$((t1 - t0)) 'BEGIN { printf "%.1f", d / 1e6 }')
        if [ "$status" -eq 0 ] && [ ! -s "$result" ]; then
            passed=$((passed + 1))
            echo "ok $name"
            [ "${E2E_VERBOSE:-0}" = 1 ] && echo "  ($took s)" >&2
        else
            failed=$((failed + 1))
            if [ -s "$result" ]; then
                reason=$(head -1 "$result")
            elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
                reason="the test took longer than ${E2E_TEST_TIMEOUT:-60}s and was stopped"
            else
                reason="the test script ended with status $status"
            fi
            echo "FAIL $name: $reason"
            if [ -s "$result.log" ]; then echo "  steps:"; cat "$result.log"; fi
            if [ -s "$RUN_DIR/$name.out" ]; then echo "  output:"; sed 's/^/    /' "$RUN_DIR/$name.out" | tail -40; fi
            if [ -s "$shot" ]; then
                echo "  last screen:"
                sed 's/^/    |/' "$shot"
            fi
        fi
    done
done

ended=${EPOCHREALTIME/[.,]/}
echo "# took $(awk -v d=$((ended - started)) 'BEGIN { printf "%.1f", d / 1e6 }') s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
