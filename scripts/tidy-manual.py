#!/usr/bin/env python3
"""Makes the manual that swift-argument-parser's generate-manual writes clean mdoc (`mandoc -T lint -W warning`
prints nothing): help texts are written for the terminal, so blank lines become paragraph breaks (.Pp), runs of
indented lines (the option and exit-code tables of `sitmon --help`) become literal displays, and each sentence of
running text starts on its own line, as mdoc wants.
usage: tidy-manual.py IN.1 OUT.1"""
import re, sys

text = open(sys.argv[1], encoding="utf-8").read().split("\n")
out, literal = [], False
sentence_end = re.compile(r"([.?!]) +(?=[A-Z$`(\"'])")
for line in text:
    indented = line.startswith("  ") and not line.startswith(".")
    if indented and not literal:
        out.append(".Bd -literal -offset indent")
        literal = True
    if not indented and literal:
        out.append(".Ed")
        literal = False
    if literal:
        out.append(line[2:].replace("\\", "\\e"))
        continue
    if line.strip() == "":
        if out and out[-1] != ".Pp" and not out[-1].startswith(".Sh"):
            out.append(".Pp")
        continue
    if line.startswith("."):
        out.append(line)
        continue
    # Running text: one sentence per line (a line starting with "." or "'" would be read as a request).
    for part in sentence_end.sub(lambda m: m.group(1) + "\n", line).split("\n"):
        out.append("\\&" + part if part[:1] in (".", "'") else part)
if literal:
    out.append(".Ed")
while out and out[-1] == "":
    out.pop()
# A paragraph break right before a list or a section heading is redundant (mandoc warns about it).
cleaned = []
for line in out:
    if line.startswith((".Bl", ".Sh", ".It", ".El", ".Bd")) and cleaned and cleaned[-1] == ".Pp":
        cleaned.pop()
    cleaned.append(line)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(cleaned) + "\n")
