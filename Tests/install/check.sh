#!/usr/bin/env bash
# Runs scripts/install into a temporary prefix and checks what a user gets: the binary (which finds its bundled
# data), a manual that mandoc reads without a warning, and completions for bash, zsh and fish.
# Prints "ok NAME" / "FAIL NAME: reason" per check, then "N passed, M failed".
set -u
cd "$(dirname "$0")/../.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8
prefix=$(mktemp -d "${TMPDIR:-/tmp}/sitmon-install.XXXXXX")
trap 'rm -rf -- "$prefix"' EXIT
passed=0 failed=0
check() {  # check NAME COMMAND...
    local name=$1; shift
    if out=$("$@" 2>&1); then echo "ok $name"; passed=$((passed + 1))
    else echo "FAIL $name: $out" | head -20; failed=$((failed + 1)); fi
}
if ! scripts/install "$prefix" > "$prefix.log" 2>&1; then
    echo "FAIL install: scripts/install exited non-zero"; tail -20 "$prefix.log"; rm -f "$prefix.log"
    echo "0 passed, 1 failed"; exit 1
fi
rm -f "$prefix.log"
echo "ok install"; passed=$((passed + 1))
check binary-runs "$prefix/bin/sitmon" --version
check bundled-data bash -c 'cd / && "$1/bin/sitmon" validate | grep -q "valid:"' _ "$prefix"
check manual-exists test -s "$prefix/share/man/man1/sitmon.1"
check manual-lint bash -c 'out=$(mandoc -T lint -W warning "$1" 2>&1); [ -z "$out" ] || { echo "$out"; exit 1; }' _ "$prefix/share/man/man1/sitmon.1"
check manual-names-exit-codes bash -c 'mandoc -T utf8 "$1" | col -b | grep -q "74  cannot write standard output"' _ "$prefix/share/man/man1/sitmon.1"
check bash-completion bash -c 'f=$1; bash -n "$f" && source "$f" && complete -p sitmon >/dev/null' _ "$prefix/share/bash-completion/completions/sitmon"
check zsh-completion bash -c 'head -1 "$1" | grep -q "^#compdef sitmon"' _ "$prefix/share/zsh/site-functions/_sitmon"
check fish-completion grep -q "^complete -c .sitmon." "$prefix/share/fish/vendor_completions.d/sitmon.fish"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
