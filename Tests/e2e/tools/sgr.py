#!/usr/bin/env python3
"""Reads `tmux capture-pane -e -p` output (on stdin, or from each FILE given) and reports the SGR attributes
and colours it uses; with files, each line starts with "FILE: ".

Prints one line per kind found: "colour CODE" for each colour parameter (30-37, 38;..., 40-47, 48;...,
90-97, 100-107; 39 and 49, the default colours, are not colours) and "attr CODE" for the others
(1 bold, 2 dim, 3 italic, 4 underline, 5 blink, 7 reverse, ...). Also "other ESC..." for escape sequences
that are not SGR.
"""
import re
import sys

def report(data):
    found = set()
    for match in re.finditer(r"\x1b\[([0-9;:]*)m", data):
        params = match.group(1).split(";") if match.group(1) else ["0"]
        k = 0
        while k < len(params):
            p = params[k].split(":")[0]
            code = int(p) if p.isdigit() else 0
            if code in (38, 48, 58):
                if k + 1 < len(params) and params[k + 1] == "5":
                    found.add(f"colour {code};5;{params[k + 2] if k + 2 < len(params) else ''}")
                    k += 3
                    continue
                if k + 1 < len(params) and params[k + 1] == "2":
                    found.add(f"colour {code};2;...")
                    k += 5
                    continue
                found.add(f"colour {params[k]}")
            elif 30 <= code <= 37 or 40 <= code <= 47 or 90 <= code <= 97 or 100 <= code <= 107:
                found.add(f"colour {code}")
            elif code not in (0, 39, 49):
                found.add(f"attr {code}")
            k += 1
    for other in re.finditer(r"\x1b(?!\[[0-9;:]*m)(.{0,12})", data):
        found.add("other ESC" + other.group(1).encode("unicode_escape").decode())
    return sorted(found)


if len(sys.argv) > 1:
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            for line in report(f.read().decode("utf-8", "replace")):
                print(f"{path}: {line}")
else:
    for line in report(sys.stdin.buffer.read().decode("utf-8", "replace")):
        print(line)
