#!/usr/bin/env python3
"""Reads `tmux capture-pane -e -p` output on stdin and prints the SGR state of one cell: LINE and COLUMN (1-based
line, 0-based column, counting characters) as "fg=F bg=B attrs=A,B" (F and B: "default" or the SGR colour code, such
as 30 or 38;5;244; attrs: 1 bold, 2 dim, 7 reverse, ...), then the character. Usage: sgr_at.py LINE COLUMN
"""
import re
import sys

def state_at(data, line_number, column):
    lines = data.split("\n")
    line = lines[line_number - 1] if line_number - 1 < len(lines) else ""
    fg, bg, attrs = "default", "default", set()
    # The state at the start of a line is what the previous lines left: tmux repeats it, but reset to be sure.
    for earlier in lines[:line_number - 1]:
        for match in re.finditer(r"\x1b\[([0-9;:]*)m", earlier):
            fg, bg, attrs = apply(match.group(1), fg, bg, attrs)
    k, col = 0, 0
    while k < len(line):
        match = re.match(r"\x1b\[([0-9;:]*)m", line[k:])
        if match:
            fg, bg, attrs = apply(match.group(1), fg, bg, attrs)
            k += match.end()
            continue
        if col == column:
            return fg, bg, attrs, line[k]
        col += 1
        k += 1
    return fg, bg, attrs, ""

def apply(params_text, fg, bg, attrs):
    params = params_text.split(";") if params_text else ["0"]
    attrs = set(attrs)
    k = 0
    while k < len(params):
        code = int(params[k].split(":")[0] or 0)
        if code == 0:
            fg, bg, attrs = "default", "default", set()
        elif code in (38, 48) and k + 2 < len(params) and params[k + 1] == "5":
            value = f"{code};5;{params[k + 2]}"
            fg, bg = (value, bg) if code == 38 else (fg, value)
            k += 2
        elif 30 <= code <= 37 or 90 <= code <= 97:
            fg = str(code)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            bg = str(code)
        elif code == 39:
            fg = "default"
        elif code == 49:
            bg = "default"
        elif code == 22:
            attrs -= {1, 2}
        elif 20 < code < 30:
            attrs.discard(code - 20)
        else:
            attrs.add(code)
        k += 1
    return fg, bg, attrs

if __name__ == "__main__":
    fg, bg, attrs, char = state_at(sys.stdin.read(), int(sys.argv[1]), int(sys.argv[2]))
    print(f"fg={fg} bg={bg} attrs={','.join(str(a) for a in sorted(attrs))} {char}")
