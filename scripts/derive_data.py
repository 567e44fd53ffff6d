#!/usr/bin/env python3
"""Derive www/data/lifeline.json from the raw SIPRI and UNHCR files in ../shared/data.

Every figure the explainer shows comes out of this script; nothing in the data file is
typed in by hand. The commentary's own figures (70%, 80%, 6.6/5.9/4.5 million) are read
out of the commentary's text with patterns, so that the page can set them beside the data.

Usage:  python3 scripts/derive_data.py [--shared ../shared] [--out www/data/lifeline.json]
Only the Python standard library is needed. Re-run it after the raw data changes, then
run `make check-data` (or `make test`).
"""
import argparse
import csv
import glob
import json
import os
import re
import sys

WINDOW = (2000, 2021)  # the commentary's window: "from 2000 to 2021"
# Suppliers with at least this share of 2000-2021 imports get a colour and a name of their
# own in the charts; the rest are drawn together as "Other suppliers".
NAMED_SHARE_PCT = 3.0
ORIGINS = ["SYR", "VEN", "UKR", "AFG"]  # the commentary's three, plus Afghanistan for context
ORIGIN_LABELS = {"SYR": "Syria", "VEN": "Venezuela", "UKR": "Ukraine", "AFG": "Afghanistan"}
COMMENTARY = {
    "title": "Is Russia's War in Ukraine Aiding the Survival of the Venezuelan Regime?",
    "author": "Carlos Solar",
    "publisher": "RUSI",
    "year": 2022,
    "url": "https://rusi.org/explore-our-research/publications/commentary/russias-war-ukraine-aiding-survival-venezuelan-regime",
}

# Words shown on the charts. Editors may change them here and re-run the script.
CHART_TEXT = {
    "arms_by_year": {
        "title": "Venezuela's arms imports by supplier, {first}-{last}",
        "y_label": "SIPRI trend-indicator value (TIV), millions",
    },
    "arms_shares": {
        "title": "Shares of Venezuela's arms imports, {first}-{last}",
        "y_label": "% of all TIV delivered",
    },
    "russia_by_category": {
        "title": "What Russia delivered to Venezuela, {first}-{last}, by kind of weapon",
        "y_label": "SIPRI TIV, millions",
    },
    "displacement_claims": {
        "title": "People displaced, as the commentary gives them",
        "y_label": "millions of people",
    },
    "displacement_series": {
        "title": "People displaced abroad, by origin, {first}-{last}",
        "y_label": "millions of people (end of year)",
    },
}


def read_sipri_tiv_tables(folder):
    """Venezuela's row of each SIPRI 'TIV of arms exports from <supplier>' table (A1)."""
    rows = {}
    generated = None
    for path in sorted(glob.glob(os.path.join(folder, "TIV-Export-*-1950-2021.csv"))):
        with open(path, newline="", encoding="utf-8-sig") as f:
            lines = list(csv.reader(f))
        m = re.match(r"TIV of arms exports from (.+), 1950-2021", lines[0][0])
        if not m:
            sys.exit(f"{path}: first line is not a SIPRI TIV table title")
        supplier = m.group(1)
        for line in lines[:12]:
            g = re.search(r"Generated:\s*(.+)", ",".join(line))
            if g:
                generated = g.group(1).strip().rstrip(",")
        header = next(i for i, l in enumerate(lines) if len(l) > 1 and l[0] == "" and l[1] == "1950")
        years = [int(y) for y in lines[header][1:] if y.isdigit()]
        for line in lines[header + 1:]:
            if line and line[0] == "Venezuela":
                cells = line[1:1 + len(years)]
                rows[supplier] = {y: float(c) for y, c in zip(years, cells) if c.strip() != ""}
    return rows, generated


def read_register(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def commentary_figures(seed_text):
    """The commentary's own numbers, found by pattern in its text (never retyped)."""
    def one(pattern):
        m = re.search(pattern, seed_text)
        if not m:
            sys.exit(f"commentary text no longer matches /{pattern}/")
        return m
    russia = one(r"accounting for (\d+)% of the country.s total arms imports from (\d{4}) to (\d{4})")
    with_china = one(r"account for (\d+)% if Chinese weapons are included")
    disp = one(r"(Syria), (Venezuela) and (Russia) are already responsible for the largest refugee crises since (\d{4}), "
               r"with ([\d.]+), ([\d.]+) and ([\d.]+) million people displaced")
    return {
        "russia_share_pct": float(russia.group(1)),
        "russia_china_share_pct": float(with_china.group(1)),
        "window": [int(russia.group(2)), int(russia.group(3))],
        "displacement": [
            {"label": disp.group(i), "millions": float(disp.group(i + 4))} for i in (1, 2, 3)
        ],
        "since_year": int(disp.group(4)),
        "quotes": {
            "russia_share": russia.group(0),
            "displacement": disp.group(0),
        },
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--out", default=os.path.join(here, "..", "www", "data", "lifeline.json"))
    args = ap.parse_args()
    data_dir = os.path.join(args.shared, "data")
    seeds = sorted(glob.glob(os.path.join(args.shared, "seed", "*.txt")))
    if not seeds:
        sys.exit(f"no commentary text in {os.path.join(args.shared, 'seed')}")
    with open(seeds[0], encoding="utf-8") as f:
        claims = commentary_figures(f.read())
    if list(WINDOW) != claims["window"]:
        sys.exit(f"WINDOW {WINDOW} differs from the commentary's window {claims['window']}")

    first, last = WINDOW
    years = list(range(first, last + 1))

    # --- SIPRI TIV tables (July 2022 vintage, the one nearest the commentary) ---
    tables, generated = read_sipri_tiv_tables(os.path.join(data_dir, "sipri_360info_trademap_raw"))
    totals = {s: sum(v for y, v in r.items() if first <= y <= last) for s, r in tables.items()}
    grand = sum(totals.values())
    ranked = sorted((s for s in totals if totals[s] > 0), key=lambda s: (-totals[s], s))
    tiv_source = {
        "publisher": "SIPRI",
        "dataset": "SIPRI Arms Transfers Database, TIV of arms exports by supplier, 1950-2021",
        "vintage": f"generated {generated}",
        "url": "https://www.sipri.org/databases/armstransfers",
        "note": "TIV measures the volume of military capability transferred, not its price. "
                "Tables as downloaded by 360info (report-arms-trade, CC BY 4.0).",
    }
    named = [s for s in ranked if 100 * totals[s] / grand >= NAMED_SHARE_PCT]
    others = [s for s in ranked if s not in named]

    # Cross-check against the shares file the data provenance documents (A5).
    with open(os.path.join(data_dir, "venezuela_arms_imports_supplier_shares_2000-2021.csv"), newline="") as f:
        documented = {r["supplier"]: float(r["tiv_millions_2000_2021"]) for r in csv.DictReader(f)
                      if r["vintage"] == "sipri_tiv_tables_2022-07-28"}
    for s in ranked:
        if abs(documented.get(s, -1) - totals[s]) > 0.01:
            sys.exit(f"cross-check failed for {s}: {totals[s]} here, {documented.get(s)} in the shares file")

    # Shares in the two later trade-register vintages, for comparison.
    register_vintages = []
    for name, label in [("sipri_trade_register_2000-2030_generated_2025-01-03.csv", "3 Jan 2025"),
                        ("sipri_trade_register_deliveries_1995-2025_generated_2026-02-12.csv", "12 Feb 2026")]:
        path = os.path.join(data_dir, "sipri_trade_register", name)
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
        start = next(i for i, l in enumerate(lines) if l.startswith("SIPRI AT Database ID"))
        body = [l[:-1] if l.endswith(";") else l for l in lines[start:]]
        by_sup = {}
        for r in csv.DictReader(body):
            if r["Recipient"] != "Venezuela" or not r["Delivery year"].strip():
                continue
            if first <= int(r["Delivery year"]) <= last:
                by_sup[r["Supplier"]] = by_sup.get(r["Supplier"], 0.0) + float(r["TIV delivery values"] or 0)
        tot = sum(by_sup.values())
        register_vintages.append({
            "vintage": f"SIPRI trade register, generated {label}",
            "russia_share_pct": round(100 * by_sup.get("Russia", 0) / tot, 2),
            "russia_china_share_pct": round(100 * (by_sup.get("Russia", 0) + by_sup.get("China", 0)) / tot, 2),
            "total_tiv": round(tot, 2),
        })

    # --- Russia's deliveries by kind (trade register, Feb 2026 vintage) ---
    deliveries = read_register(os.path.join(data_dir, "venezuela_arms_deliveries_sipri_register_2026-02.csv"))
    kinds = {}
    for r in deliveries:
        if r["Supplier"] != "Russia" or not (first <= int(r["Delivery year"]) <= last):
            continue
        k = kinds.setdefault(r["Armament category"], {"tiv": 0.0, "items": {}})
        k["tiv"] += float(r["TIV delivery values"] or 0)
        key = (r["Designation"], r["Description"])
        k["items"][key] = k["items"].get(key, 0) + int(float(r["Numbers delivered"] or 0))
    russia_years = sorted({int(r["Delivery year"]) for r in deliveries if r["Supplier"] == "Russia"})
    categories = []
    for name, k in sorted(kinds.items(), key=lambda kv: -kv[1]["tiv"]):
        items = sorted(k["items"].items(), key=lambda kv: -kv[1])
        categories.append({
            "name": name,
            "tiv": round(k["tiv"], 2),
            "examples": [{"designation": d, "description": desc, "number": n} for (d, desc), n in items[:4]],
        })

    # --- UNHCR end-year series by origin ---
    # One value per year and category; None (null) where UNHCR has no row for that origin and
    # year. Within a row an empty category counts as 0, as in the provenance file (B3).
    cats = ("refugees", "asylum_seekers", "oip")
    rows = {iso: {} for iso in ORIGINS}
    with open(os.path.join(data_dir, "unhcr_selected_origins_1980-2025.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["coo_iso"] in rows:
                rows[r["coo_iso"]][int(r["year"])] = {c: int(float(r[c] or 0)) for c in cats}
    s_years = sorted(set().union(*[set(v) for v in rows.values()]))

    out = {
        "schema": 1,
        "generated_by": "scripts/derive_data.py",
        "commentary": {**COMMENTARY, **{k: claims[k] for k in ("russia_share_pct", "russia_china_share_pct", "window", "since_year", "quotes")}},
        "arms_by_year": {
            **{k: v.format(first=first, last=last) for k, v in CHART_TEXT["arms_by_year"].items()},
            "source": tiv_source,
            "years": years,
            "suppliers": [
                {"name": s, "tiv": [tables[s].get(y, 0.0) for y in years]} for s in named
            ] + [{
                "name": "Other suppliers",
                "members": others,
                "tiv": [sum(tables[s].get(y, 0.0) for s in others) for y in years],
            }],
        },
        "arms_shares": {
            **{k: v.format(first=first, last=last) for k, v in CHART_TEXT["arms_shares"].items()},
            "source": tiv_source,
            "window": [first, last],
            "total_tiv": grand,
            "suppliers": [{"name": s, "tiv": totals[s], "share_pct": round(100 * totals[s] / grand, 2)} for s in ranked],
            "other_vintages": register_vintages,
        },
        "russia_by_category": {
            **{k: v.format(first=first, last=last) for k, v in CHART_TEXT["russia_by_category"].items()},
            "source": {
                "publisher": "SIPRI",
                "dataset": "SIPRI Arms Transfers Database, trade register (deliveries to Venezuela)",
                "vintage": "generated 12 Feb 2026",
                "url": "https://www.sipri.org/databases/armstransfers",
                "note": f"Russia's recorded deliveries to Venezuela run from {russia_years[0]} to {russia_years[-1]}.",
            },
            "window": [first, last],
            "delivery_years": [russia_years[0], russia_years[-1]],
            "categories": categories,
        },
        "displacement_claims": {
            **CHART_TEXT["displacement_claims"],
            "source": {
                "publisher": "RUSI",
                "dataset": f"{COMMENTARY['author']}, \"{COMMENTARY['title']}\" ({COMMENTARY['year']}), citing UNHCR",
                "vintage": str(COMMENTARY["year"]),
                "url": COMMENTARY["url"],
                "note": "The commentary's {:g} million for Russia are refugees from Ukraine.".format(
                    next(d["millions"] for d in claims["displacement"] if d["label"] == "Russia")),
            },
            "since_year": claims["since_year"],
            "items": [
                {**d, "note": "refugees from Ukraine, attributed to Russia" if d["label"] == "Russia" else ""}
                for d in claims["displacement"]
            ],
        },
        "displacement_series": {
            **{k: v.format(first=s_years[0], last=s_years[-1]) for k, v in CHART_TEXT["displacement_series"].items()},
            "source": {
                "publisher": "UNHCR",
                "dataset": "Refugee Population Statistics Database (R package 'refugees', CC BY 4.0)",
                "vintage": "2025.12.1 (end-2025 update)",
                "url": "https://www.unhcr.org/refugee-statistics/",
                "note": "Refugees + asylum-seekers + other people in need of international protection, end of year; null where UNHCR has no record for that origin and year.",
            },
            "years": s_years,
            "peaks_until": COMMENTARY["year"] - 1,
            "origins": [
                {
                    "iso": iso,
                    "name": ORIGIN_LABELS[iso],
                    **{c: [rows[iso][y][c] if y in rows[iso] else None for y in s_years] for c in cats},
                }
                for iso in ORIGINS
            ],
        },
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(args.out)}: {len(named)} named suppliers + {len(others)} others, "
          f"Russia {100 * totals['Russia'] / grand:.2f}%, Russia+China {100 * (totals['Russia'] + totals['China']) / grand:.2f}%")


if __name__ == "__main__":
    main()
