#!/usr/bin/env python3
"""Writes the hostile corpus of sitmon's hardening tests into Corpus/ next to this script.

Every file is deterministic (no randomness, no timestamps), so re-running the script gives the same bytes and
`git diff` shows nothing. The expectations for each file live in CorpusTests.swift (`CorpusCase.all`); a test
checks that every file here has a case there and the other way round.

    python3 Tests/SitmonHardeningTests/make-corpus.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "Corpus")


def write(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def dumps(doc):
    """Pretty JSON, one member per line (so errors have meaningful line numbers), UTF-8, not ASCII-escaped."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def base():
    """A small valid dataset: every section present, every reference resolvable."""
    return {
        "format": "sitmon-dataset",
        "version": 1,
        "dataset": {"id": "hostile", "title": "Hostile corpus base", "asOf": "2024-06"},
        "sources": [
            {"id": "s1", "title": "Source one", "publisher": "Publisher", "date": "2024-01-02"},
            {"id": "s2", "title": "Source two"},
        ],
        "actors": [
            {"id": "a1", "name": "Actor one", "kind": "jihadist-group", "sources": ["s1"]},
            {"id": "a2", "name": "Actor two", "shortName": "A2", "kind": "armed-forces", "parent": None,
             "sources": ["s1"]},
            {"id": "a3", "name": "Actor three", "kind": "militia", "parent": "a1", "sources": ["s2"]},
        ],
        "relations": [
            {"id": "rel1", "kind": "part-of", "from": "a3", "to": "a1", "sources": ["s1"]},
        ],
        "regions": [
            {"id": "r1", "name": "Region one", "kind": "region", "zone": "centre", "iso": "ML-5",
             "capital": {"name": "Capital", "lat": 14.5, "lon": -4.2}, "sources": ["s1"]},
            {"id": "r2", "name": "Region two", "kind": "region-2023", "zone": "north", "parent": "r1",
             "sources": ["s1"]},
        ],
        "events": [
            {"id": "e1", "date": "2020-08-18", "category": "coup", "severity": "critical", "title": "Event one",
             "summary": "A summary.", "actors": [{"actor": "a2", "role": "perpetrator"}], "regions": ["r1"],
             "sources": ["s1"]},
        ],
        "incidents": [
            {"id": "i1", "date": "2021-03-04", "category": "attack", "region": "r2", "perpetrators": ["a1"],
             "location": "Somewhere", "lat": 15.25, "lon": -3.5, "fatalities": {"best": 12, "low": 10, "high": 14},
             "sources": ["s2"]},
        ],
        "assessments": [
            {"id": "as1", "region": "r1", "start": "2021", "presence": "high", "trend": "rising", "groups": ["a1"],
             "statement": "Active.", "sources": ["s1"]},
        ],
    }


def text_of(doc):
    return dumps(doc)


# Payloads a hostile file puts in free text. JSON cannot hold raw C0 controls inside strings, so those go in as
# \u escapes (json.dumps does that); C1 controls, DEL and bidi controls are legal raw UTF-8 and go in raw.
ESC = "\x1b"
BEL = "\x07"
CLEAR = ESC + "[2J" + ESC + "[H"
CLIPBOARD = ESC + "]52;c;cm0gLXJmIH4vKg==" + BEL           # OSC 52: write "rm -rf ~/*" to the clipboard
LINK = ESC + "]8;;https://evil.example/x" + BEL + "click" + ESC + "]8;;" + BEL   # OSC 8 hyperlink
TITLE = ESC + "]0;pwned" + BEL                               # window title
BIDI = "\u202e" + "gnp.exe" + "\u202c"                       # right-to-left override … pop
ISOLATES = "\u2066\u2067\u2068x\u2069\u200e\u200f\u061c"
C1 = "\u009b" + "31m" + "\u0085" + "\u009d" + "0;t" + "\u009c"  # CSI, NEL, OSC … ST as C1 controls
BACKSPACES = "safe" + "\b" * 4 + "EVIL"
CARRIAGE = "looks fine\rOVERWRITTEN"


def escapes():
    """Valid JSON, a valid dataset, every free-text field full of terminal and markup attacks. Must LOAD."""
    d = base()
    d["dataset"]["title"] = "Escapes " + CLEAR + TITLE + " dataset"
    d["dataset"]["description"] = CLIPBOARD + LINK
    d["sources"][0]["title"] = "Source " + CLIPBOARD + " one"
    d["sources"][0]["publisher"] = LINK
    d["sources"][0]["note"] = BIDI + " " + C1
    d["sources"][1]["title"] = "=HYPERLINK(\"https://evil.example\",\"x\") | `code` <script>alert(1)</script>"
    d["sources"][1]["authors"] = [BACKSPACES, CARRIAGE]
    d["actors"][0]["name"] = "Actor " + CLEAR + " one " + BIDI
    d["actors"][0]["shortName"] = "=cmd|' /C calc'!A0"
    d["actors"][0]["aliases"] = [CLIPBOARD, "\x00nul", "tab\there"]
    d["actors"][0]["summary"] = "Summary with " + LINK + " and " + TITLE + " and \x7f DEL and " + C1
    d["actors"][0]["roles"] = [{"title": "Leader " + BEL * 3 + BACKSPACES, "start": "2019"}]
    d["actors"][1]["name"] = "+Actor two " + ISOLATES
    d["actors"][2]["name"] = "@SUM(1+1)*cmd|' /C calc'!A0 " + C1
    d["relations"][0]["note"] = CARRIAGE + CLIPBOARD
    d["regions"][0]["name"] = "Region " + BIDI + " one"
    d["regions"][0]["aliases"] = [CLEAR]
    d["regions"][0]["capital"]["name"] = TITLE + "Capital"
    d["regions"][1]["name"] = "-Region two " + CARRIAGE
    d["events"][0]["title"] = "=1+1 " + CLEAR + " | pipe `tick` <script>alert('x')</script> " + BIDI
    d["events"][0]["summary"] = ("Summary " + CLIPBOARD + LINK + TITLE + BACKSPACES + CARRIAGE + BIDI + ISOLATES + C1
                                 + " \x00 \x7f | ` <b>bold</b> & [link](javascript:alert(1)) *em* _u_ # h")
    d["events"][0]["actors"][0]["role"] = "perp " + CLEAR
    d["events"][0]["location"] = "+place " + BEL
    d["events"][0]["note"] = "Note " + CLIPBOARD
    d["events"][0]["figures"] = [{"label": "=label " + ESC + "[31mred", "value": -12.5, "unit": "@unit"}]
    d["events"][0]["alternatives"] = [{"field": "title", "value": "-alt " + CLEAR, "sources": ["s2"],
                                       "note": BIDI}]
    d["events"].append({"id": "e2", "date": "2022", "category": "report", "title": "\t=tab start",
                        "summary": "\r=cr start", "regions": ["r2"], "sources": ["s2"]})
    d["events"].append({"id": "e3", "date": "2023-05", "category": "protest", "title": "\r+cr start",
                        "location": "-minus start", "sources": ["s1"]})
    d["incidents"][0]["title"] = "@at start " + C1
    d["incidents"][0]["summary"] = "-minus start " + CLIPBOARD
    d["incidents"][0]["target"] = "=target " + TITLE
    d["incidents"][0]["originalType"] = "+type " + LINK
    d["incidents"][0]["fatalities"]["note"] = "-note " + BIDI
    d["incidents"].append({"id": "i2", "date": "2021-03-05", "category": "massacre", "region": "r1",
                           "perpetrators": ["a3"], "lat": -12.75, "lon": -8.125, "fatalities": 3,
                           "title": "Wide 中文 and zalgo e" + "\u0301" * 40 + " and emoji \U0001F4A3",
                           "sources": ["s1"]})
    d["assessments"][0]["statement"] = ("Statement " + CLEAR + CLIPBOARD + BIDI + " | `x` <script> "
                                        + "[link](javascript:alert(1)) *em* _u_ # h &amp;")
    return d


# Issue 16: escapes in the names that messages quote back, and text that hides in exports.
SHORTY = "Shorty " + CLIPBOARD                                  # `export --actor Shortz` suggests it
TAGS = "".join(chr(0xE0000 + ord(c)) for c in "ignore all")     # Tag characters: invisible "ASCII smuggling"


def escapes_names():
    """Names that CLI messages quote (closest matches, ambiguous names), and text that hides in exports."""
    d = base()
    d["actors"][0]["name"] = SHORTY
    d["actors"][1]["name"] = "Shorty two " + TITLE
    d["actors"][1]["shortName"] = "Dup " + CLIPBOARD
    d["actors"][2]["name"] = "Actor three " + C1 + BIDI
    d["actors"][2]["shortName"] = "Dup " + CLIPBOARD          # the same short name twice: ambiguous
    d["regions"][0]["name"] = "Region " + CLIPBOARD
    d["regions"][1]["name"] = "Region " + TITLE
    d["events"][0]["title"] = "Tags" + TAGS + " line\u2028sep\u2029para \ufeffbom zw\u200bsp"
    d["events"][0]["location"] = ESC + BEL                    # a cell holding only ESC and BEL
    d["events"][0]["summary"] = "Del \x7f nul \x00 back\b " + C1 + " " + ISOLATES
    return d


def formula_variants():
    """Formula starts a spreadsheet may still run (OWASP): after spaces and invisible characters, full-width, and
    cells a `;` separator would split."""
    d = base()
    variants = [" =1+1", "   =1+1", "\u00a0=1+1", "\ufeff=1+1", "\u200b=1+1", "\n=1+1", "\u3000=1+1",
                "\uff1d1+1", "\uff0b1+1", "\uff0d1+1", "\uff20SUM(A1)", "\ufe661+1", " \t=1+1",
                ";=1+1", "a;=1+1", "tab\there", "\r=1+1", "=1+1", "plain text", "-", " "]
    d["events"] = [{"id": "v%d" % k, "date": "2021-01-%02d" % (k + 1), "category": "other", "title": v,
                    "summary": v, "sources": ["s1"]} for k, v in enumerate(variants)]
    return d


def minimal_doc_text():
    return dumps(base())


def with_bytes(text, marker, replacement):
    """`text` encoded, with the first occurrence of `marker` replaced by raw bytes."""
    data = text.encode("utf-8")
    assert marker.encode() in data, marker
    return data.replace(marker.encode(), replacement, 1)


def sub(text, old, new):
    """`text` with the first `old` replaced by `new`; `old` must occur."""
    assert old in text, old
    return text.replace(old, new, 1)


def main():
    os.makedirs(OUT, exist_ok=True)
    # Regenerate the top-level files; Corpus/import/ holds fuzzer findings for the CSV importer, kept as found,
    # plus the hand-made reproductions written at the end of this script.
    for name in os.listdir(OUT):
        if name != ".keep" and os.path.isfile(os.path.join(OUT, name)):
            os.remove(os.path.join(OUT, name))
    os.makedirs(os.path.join(OUT, "import"), exist_ok=True)
    plain = minimal_doc_text()

    # --- benign: must load ------------------------------------------------------------------------------------
    write("valid-base.json", plain)
    write("bom.json", b"\xef\xbb\xbf" + plain.encode())
    write("crlf.json", plain.replace("\n", "\r\n"))
    write("bom-crlf-tabs.json", b"\xef\xbb\xbf" + plain.replace("\n", "\r\n").replace("  ", "\t").encode())
    write("escapes.json", dumps(escapes()))
    write("escapes-names.json", dumps(escapes_names()))
    write("formula-variants.json", dumps(formula_variants()))
    d = base()
    d["events"][0]["title"] = "Lone surrogates"
    write("lone-surrogate-escapes.json",
          sub(dumps(d), '"Lone surrogates"', '"\\ud800 high, \\udc00 low, \\ud800\\u0041 bad pair, \\ud83d\\ude00 ok"'))
    # 1 MiB of text with spaces, non-ASCII and escapes (the reader's slow path), and 1 MiB without any space.
    d = base()
    unit = "S\u00e9gou \u00e9t\u00e9 \"q\" \\ / \u4e2d "   # 22 characters
    d["events"][0]["summary"] = (unit * (1048576 // len(unit.encode()) + 1))[:1048576 // 2]
    d["actors"][0]["summary"] = "x" * 1048576
    write("string-1mb.json", dumps(d))
    d = base()
    d["events"][0]["summary"] = "A" * 1048576
    write("word-1mb.json", dumps(d))

    # --- invalid UTF-8 ----------------------------------------------------------------------------------------
    write("invalid-utf8-string.json", with_bytes(plain, "Event one", b"Event \xff one"))
    write("invalid-utf8-key.json", with_bytes(plain, '"summary"', b'"summ\xc0\xafry"'))
    write("invalid-utf8-surrogate.json", with_bytes(plain, "Actor two", b"Actor \xed\xa0\x80two"))
    write("invalid-utf8-truncated-sequence.json", with_bytes(plain, "Region one", b"Region \xe2\x82"))
    write("invalid-utf8-outside-string.json", with_bytes(plain, '"version"', b'\xfe"version"'))
    write("utf16le.json", b"\xff\xfe" + plain.encode("utf-16-le"))

    # --- raw control characters and NULs ----------------------------------------------------------------------
    write("control-char-raw.json", with_bytes(plain, "A summary.", b"A \x1b[2J summary."))
    write("nul-bytes.bin", b"\x00" * 4096)

    # --- nesting ----------------------------------------------------------------------------------------------
    write("nesting-arrays-10000.json", "[" * 10000 + "]" * 10000)
    write("nesting-objects-10000.json",
          '{"format": "sitmon-dataset", "x": ' + '{"a": ' * 10000 + "1" + "}" * 10000 + "}")
    write("nesting-in-known-field-10000.json",
          sub(plain, '"sources": [\n        "s2"\n      ]', '"sources": ' + "[" * 10000 + "]" * 10000))
    write("nesting-in-known-field-100.json",
          sub(plain, '"shortName": "A2"', '"shortName": "A2", "aliases": ' + "[" * 100 + "]" * 100))

    # --- numbers ----------------------------------------------------------------------------------------------
    write("number-1e999.json", sub(plain, '"version": 1', '"version": 1e999'))
    d = base()
    d["events"][0]["figures"] = [{"label": "huge", "value": 7}]
    write("number-minus-1e999.json", sub(dumps(d), '"value": 7', '"value": -1e999'))
    write("lat-1e400.json", sub(plain, '"lat": 15.25', '"lat": 1e400'))
    write("lat-out-of-range.json",
          sub(sub(sub(plain, '"lat": 15.25', '"lat": 1e308'), '"lon": -3.5', '"lon": -180.5'),
              '"lat": 14.5', '"lat": 90.000001'))
    write("fatalities-2pow64.json", sub(plain, '"best": 12', '"best": 18446744073709551616'))
    write("fatalities-negative-huge.json", sub(plain, '"best": 12', '"best": -1e300'))
    write("fatalities-negative-int64.json", sub(plain, '"best": 12', '"best": -9223372036854777856'))
    write("number-100k-digits.json", sub(plain, '"version": 1', '"version": ' + "9" * 100000))
    write("number-huge-exponent.json", sub(plain, '"version": 1', '"version": 1e99999999999999999999'))

    # --- structure and references -----------------------------------------------------------------------------
    d = base()
    d["actors"].append({"id": "a1", "name": "Again", "kind": "other", "sources": ["s1"]})
    d["events"].append({"id": "r1", "date": "2020", "category": "other", "title": "Shares a region's id",
                        "sources": ["s1"]})
    d["sources"].append({"id": "s2", "title": "Duplicate source"})
    write("duplicate-ids.json", dumps(d))
    d = base()
    d["actors"][2]["parent"] = "nobody"
    d["actors"][1]["parent"] = "r1"                       # a region's id where an actor's is expected
    d["regions"][1]["parent"] = "atlantis"
    d["relations"][0]["to"] = "ghost"
    d["events"][0]["regions"] = ["r1", "narnia"]
    d["events"][0]["actors"] = [{"actor": "phantom", "role": "target"}]
    d["incidents"][0]["perpetrators"] = ["unknown-group"]
    d["incidents"][0]["sources"] = ["s404"]
    d["assessments"][0]["groups"] = ["nobody"]
    d["assessments"][0]["region"] = "nowhere"
    write("missing-references.json", dumps(d))
    for name, section, k, parent in [
        ("cycle-actor-parents.json", "actors", 0, "a3"),  # a3 -> a1 -> a3
        ("cycle-self-parent.json", "actors", 1, "a2"),
        ("cycle-region-parents.json", "regions", 0, "r2"),  # r2 -> r1 -> r2
    ]:
        d = base()
        d[section][k]["parent"] = parent
        write(name, dumps(d))
    d = base()
    d["relations"].append({"id": "rel2", "kind": "part-of", "from": "a1", "to": "a2", "sources": ["s1"]})
    d["relations"].append({"id": "rel3", "kind": "part-of", "from": "a2", "to": "a3", "sources": ["s1"]})
    write("cycle-part-of.json", dumps(d))
    d = base()
    del d["dataset"]["title"]
    del d["sources"][1]["title"]
    del d["actors"][0]["kind"]
    del d["actors"][1]["sources"]
    del d["regions"][0]["zone"]
    del d["events"][0]["date"]
    del d["events"][0]["title"]
    del d["incidents"][0]["region"]
    del d["assessments"][0]["statement"]
    write("missing-required.json", dumps(d))
    d = base()
    del d["events"]
    del d["version"]
    write("missing-sections.json", dumps(d))
    write("empty-object.json", "{}")

    # --- not a dataset at all ---------------------------------------------------------------------------------
    write("empty.json", b"")
    write("null.json", "null")
    write("empty-array.json", "[]")
    write("whitespace.json", "  \n\t\r\n   \n")
    write("string-toplevel.json", '"sitmon-dataset"')
    write("number-toplevel.json", "1")
    write("true-toplevel.json", "true")
    write("not-json.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
                          b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
                          b"\x00\x00\x00IEND\xaeB`\x82")
    write("not-json.csv", "id,date,category,title\ne1,2020-01-01,coup,\"A coup, in Bamako\"\n")
    write("trailing-garbage.json", plain + "}\n")
    write("two-documents.json", plain + plain)

    # --- truncated --------------------------------------------------------------------------------------------
    cut = plain.index("Event one") + 3
    write("truncated-mid-string.json", plain[:cut])
    cut = plain.index('"lat": 15.25') + len('"lat": 15.')
    write("truncated-mid-number.json", plain[:cut])
    t = sub(plain, '"lat": 15.25', '"lat": -15.25')
    write("truncated-after-minus.json", t[:t.index('"lat": -') + len('"lat": -')])
    write("truncated-mid-escape.json", sub(plain, "Event one", "Event \\u00")[:plain.index("Event one") + 10])
    write("truncated-mid-literal.json", plain[:plain.index('"parent": null') + len('"parent": nu')])
    write("truncated-after-key.json", plain[:plain.index('"kind": "region"') + len('"kind"')])
    write("truncated-half.json", plain[:len(plain) // 2])

    # --- size -------------------------------------------------------------------------------------------------
    # 200,000 tiny objects with an unknown field each, as events: every one is a problem.
    d = base()
    d["events"] = []
    text = sub(dumps(d), '"events": []', '"events": [' + ",".join(['{"q":0}'] * 200000) + "]")
    write("huge-array-200k.json", text)
    # 200,000 tiny objects inside one unknown top-level field: one problem, the rest skipped.
    text = sub(plain, '"version": 1,', '"version": 1,\n  "extra": [' + ",".join(['{"q":0}'] * 200000) + "],")
    write("huge-unknown-array-200k.json", text)
    # The same keys 10,000 times in one record: "summary" (kept text) and "sources" (an array of ids).
    d = base()
    text = dumps(d)
    repeated = "".join('"summary": "again %d", "sources": ["s1"], ' % k for k in range(10000))
    text = sub(text, '"id": "e1",', '"id": "e1", ' + repeated)
    write("repeated-keys-10000.json", text)
    # A field given twice in each small table (and the dataset object): each repeat is a problem at its key.
    text = dumps(base())
    text = sub(text, '"title": "Hostile corpus base",', '"title": "Hostile corpus base", "title": "Again",')
    text = sub(text, '"title": "Source two"', '"title": "Source two", "title": "Again"')
    text = sub(text, '"kind": "jihadist-group",', '"kind": "jihadist-group", "kind": "militia",')
    text = sub(text, '"to": "a1",', '"to": "a1", "to": "a2",')
    text = sub(text, '"zone": "centre",', '"zone": "centre", "zone": "north",')
    text = sub(text, '"presence": "high",', '"presence": "high", "presence": "none",')
    write("repeated-keys-tables.json", text)

    # 1,000 problems at the end of a file padded with 1 MiB of whitespace: placing each problem at line:column
    # must not rescan the file from the start every time.
    d = base()
    d["events"] = []
    bad = ",".join('{"id": "e%d", "date": "2020", "category": "other", "title": "t", "q": 0, "sources": ["s1"]}' % k
                   for k in range(1000))
    text = sub(dumps(d), '"events": []', " " * 1048576 + '"events": [' + bad + "]")
    write("late-problems-1mb.json", text)

    # --- diagnostics that carry hostile text ------------------------------------------------------------------
    d = base()
    d["actors"][0]["kind"] = "rebel" + CLIPBOARD + CLEAR
    d["events"][0]["date"] = "2020" + TITLE
    d["regions"][0]["bogus" + CLEAR] = 1
    d["actors"][2]["parent"] = "x" + LINK
    write("diagnostic-escapes.json", dumps(d))
    # An unknown field whose name is not plain ASCII, on a known line (line 4): its place must be line 4.
    d = base()
    text = sub(dumps(d), '  "dataset": {', '  "dataset": {\n    "n\u00e4me": "x",')
    write("unknown-key-non-ascii.json", text)


    # --- CSV importer: an event id longer than a dataset id may be (200 characters) ---------------------------
    acled_header = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
                    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
                    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
                    "tags,timestamp")
    row = ("MLI{id},2023-01-14,2023,1,Political violence,Battles,Armed clash,Military Forces of Mali (2021-),,"
           "State forces,JNIM: Group for Support of Islam and Muslims,,Rebel group,State forces-Rebel group,,466,"
           "Western Africa,Mali,Mopti,Djenne,,Sofara,14.0167,-4.2450,1,Studio Tamani,National,Note.,7,,1674000000")
    # Two ids that differ only after their 200th character: both must import, with distinct valid ids.
    write("import/acled-long-event-id.csv",
          acled_header + "\r\n" + row.format(id="9" * 250) + "\r\n" + row.format(id="9" * 249 + "8") + "\r\n")


if __name__ == "__main__":
    main()
