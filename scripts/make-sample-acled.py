#!/usr/bin/env python3
"""Writes data/samples/acled-style-sample.csv: INVENTED rows in ACLED's current 31-column layout, for the README's
examples and for trying `sitmon --data FILE.csv`. Nothing in it is real ACLED data (ACLED's terms forbid
redistributing its rows): dates, places, actors and counts are drawn from a fixed-seed generator, and every note
says the row is invented."""
import csv, random, sys
from pathlib import Path

rng = random.Random(2025)
header = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
          "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
          "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp").split(",")
places = [  # admin1, admin2, location, lat, lon (town positions, rounded)
    ("Mopti", "Bandiagara", "Bandiagara", 14.350, -3.610), ("Mopti", "Djenne", "Sofara", 14.017, -4.245),
    ("Mopti", "Bankass", "Bankass", 14.078, -3.517), ("Segou", "Niono", "Niono", 14.252, -5.993),
    ("Segou", "Macina", "Macina", 13.962, -5.358), ("Timbuktu", "Goundam", "Goundam", 16.414, -3.671),
    ("Gao", "Ansongo", "Ansongo", 15.659, 0.502), ("Menaka", "Menaka", "Menaka", 15.918, 2.401),
    ("Kidal", "Kidal", "Kidal", 18.441, 1.407), ("Sikasso", "Koutiala", "Koutiala", 12.392, -5.464),
    ("Kayes", "Nioro", "Nioro du Sahel", 15.230, -9.590), ("Bamako", "Bamako", "Bamako", 12.650, -8.000),
]
state = ("Military Forces of Mali (2021-)", "State forces")
jnim = ("JNIM: Group for Support of Islam and Muslims", "Rebel group")
isgs = ("Islamic State (Sahel)", "Rebel group")
wagner = ("Wagner Group", "External/Other forces")
dozo = ("Dozo Communal Militia (Mali)", "Identity militia")
civ = ("Civilians (Mali)", "Civilians")
protesters = ("Protesters (Mali)", "Protesters")
kinds = [  # event_type, sub_event_type, actor1, assoc1, actor2, civilian_targeting, fatality range
    ("Battles", "Armed clash", state, wagner[0], jnim, "", (0, 12)),
    ("Battles", "Armed clash", jnim, "", isgs, "", (0, 20)),
    ("Violence against civilians", "Attack", jnim, "", civ, "Civilians targeted", (1, 15)),
    ("Violence against civilians", "Attack", isgs, "", civ, "Civilians targeted", (1, 30)),
    ("Violence against civilians", "Attack", state, wagner[0], civ, "Civilians targeted", (1, 25)),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", jnim, "", state, "", (0, 8)),
    ("Explosions/Remote violence", "Air/drone strike", state, "", jnim, "", (0, 10)),
    ("Violence against civilians", "Abduction/forced disappearance", jnim, "", civ, "Civilians targeted", (0, 0)),
    ("Battles", "Armed clash", dozo, "", jnim, "", (0, 9)),
    ("Protests", "Peaceful protest", protesters, "", ("", ""), "", (0, 0)),
]
inter_order = ["State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
               "Civilians", "External/Other forces"]
rows = []
for n in range(120):
    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    et, sub, a1, assoc1, a2, civt, (lo, hi) = rng.choice(kinds)
    admin1, admin2, loc, lat, lon = rng.choice(places[:-1])
    if et == "Protests":
        admin1, admin2, loc, lat, lon = places[-1]
    inters = sorted([i for i in (a1[1], a2[1]) if i], key=inter_order.index)
    rows.append({
        "event_id_cnty": f"MLI9{n + 1:05d}", "event_date": f"{year}-{month:02d}-{day:02d}", "year": str(year),
        "time_precision": str(rng.choice([1, 1, 1, 2, 3])), "disorder_type":
            "Demonstrations" if et == "Protests" else "Political violence",
        "event_type": et, "sub_event_type": sub, "actor1": a1[0], "assoc_actor_1": assoc1, "inter1": a1[1],
        "actor2": a2[0], "assoc_actor_2": "", "inter2": a2[1], "interaction": "-".join(inters) if len(inters) == 2
            else (inters[0] + " only" if inters else ""),
        "civilian_targeting": civt, "iso": "466", "region": "Western Africa", "country": "Mali", "admin1": admin1,
        "admin2": admin2, "admin3": "", "location": loc, "latitude": f"{lat:.4f}", "longitude": f"{lon:.4f}",
        "geo_precision": str(rng.choice([1, 1, 2])), "source": "sitmon invented sample", "source_scale": "Other",
        "notes": f"INVENTED row {n + 1} for sitmon's examples, not ACLED data. Kind: {sub.lower()}; place: {loc}; "
                 "a \"quoted\" word, and a comma.", "fatalities": str(rng.randint(lo, hi)), "tags": "",
        "timestamp": str(1700000000 + n),
    })
rows.sort(key=lambda r: r["event_date"])
out = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "data/samples/acled-style-sample.csv")
with out.open("w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=header)
    w.writeheader()
    w.writerows(rows)
print(f"wrote {len(rows)} invented rows to {out}")
