#!/usr/bin/env python3
"""Derive stories/russia-arms/data.json from the raw SIPRI files in ../shared/data.

The story asks where Russia's arms exports went from 2000 to the last year SIPRI's trade
register has deliveries for, and how they fell. Every figure in the data file comes out of this
script; nothing is typed in by hand. The output is the same, byte for byte, on every run.

Usage:  python3 stories/russia-arms/derive.py [--shared ../shared] [--out stories/russia-arms/data.json]
Only the Python standard library is needed, plus country_converter (pinned in
scripts/requirements.txt; scripts/setup.sh installs it) to place the recipients by region and
give each one's ISO code. Re-run it after the raw data change, then check the file with
`cargo run --bin check-data -- stories/russia-arms/data.json`.
"""
import argparse
import csv
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from derive_common import ENGINE, LOCALE_EN, coco_convert, fill, story_words, theme  # noqa: E402  (shared by every story)
from sipri import month_year, read_trade_register, tiv  # noqa: E402

SUPPLIER = "Russia"
# The story's first year. The last is the last year the newest trade register has any
# deliveries for (read from the data, never set here).
FIRST_YEAR = 2000
# The SIPRI files read (see ../shared/data/PROVENANCE.md, A1 and A3). The newest register gives
# every chart but the one comparing releases.
REGISTER = "sipri_trade_register_deliveries_1995-2025_generated_2026-02-12.csv"
EARLIER_REGISTER = "sipri_trade_register_2000-2030_generated_2025-01-03.csv"
TIV_TABLE = "TIV-Export-RUS-1950-2021.csv"
SIPRI_URL = "https://www.sipri.org/databases/armstransfers"
# How many recipients are named: parts of the share bar, rows of the bars, lines over years.
NAMED_SHARES = 4
NAMED_ROWS = 6
NAMED_LINES = 5
# Examples of what each recipient received (the largest items by TIV): the table lists them,
# the chart writes up to three under each bar.
EXAMPLES = 3
# The engine draws a share bar from at most this many items (the table and the CSV list them):
# the smallest recipients beyond it are summed into one item, named by SMALLEST.
MAX_SHARE_ITEMS = 300
# The chart comparing SIPRI's releases shows this many years, to the last: revisions are in the
# recent years, and its axis stays short enough for its labels.
RELEASE_YEARS = 10

# Recipients are placed in regions by country_converter's UN regions (M49): these four by their
# UN region, Africa by continent, and every other recipient in REST.
UN_REGIONS = {
    "Southern Asia": "South Asia",
    "Eastern Asia": "East Asia",
    "South-eastern Asia": "South-east Asia",
    "Western Asia": "Western Asia",
}
AFRICA, REST = "Africa", "Rest of the world"
# Recipients that are not states (SIPRI marks armed groups with * and organisations with **),
# and names country_converter cannot be trusted with, are placed here by hand; coco is not asked
# about them, and a *-name missing here stops the script.
RECIPIENT_REGIONS = {
    "HoR (Libya)*": AFRICA,                              # Libya's House of Representatives (east)
    "Northern Alliance (Afghanistan)*": "South Asia",    # Afghanistan is in the UN's Southern Asia
    "Ukraine Rebels*": REST,                             # the separatists of eastern Ukraine
    "NATO**": REST,                                      # an alliance, not a country
    "United Nations**": REST,                            # an organisation, not a country
    "Palestine": "Western Asia",                         # not a UN member; the UN's Western Asia
    "unknown recipient(s)": REST,                        # SIPRI does not know the recipient
}

# Words shown on the charts. Editors may change them here and re-run the script.
CHART_TEXT = {
    "by-region": {
        "title": "Russia's arms deliveries by region of recipient, {first}\u2013{last}",
        "units": "SIPRI trend-indicator value (TIV), millions (trade register of {register})",
    },
    "shares": {
        "title": "Who received Russia's arms, {first}\u2013{last}: shares of all deliveries",
        "units": "% of all TIV Russia delivered (trade register of {register})",
    },
    "top-recipients": {
        "title": "The {n} largest recipients of Russia's arms, {first}\u2013{last}",
        "units": "SIPRI TIV, millions, summed over the years (trade register of {register})",
    },
    "recipient-years": {
        "title": "Russia's arms deliveries to its {n} largest recipients, {first}\u2013{last}",
        "units": "SIPRI TIV, millions (trade register of {register})",
    },
    "releases": {
        "title": "Russia's arms deliveries, {from_}\u2013{last}, in three SIPRI releases",
        "units": "SIPRI TIV, millions; each line ends at the last year its release covers",
    },
}
# The names of the three releases on the chart that compares them ({date}: the month generated).
RELEASE_NAMES = {
    "tables": "Tables of {date}",
    "earlier": "Register of {date}",
    "register": "Register of {date}",
}
# The share bar's group of smaller recipients, and the one item gathering the smallest of them.
OTHERS = "Other recipients"
SMALLEST = "{n} smallest recipients together"

# How the story writes numbers (British English): decimal point, comma between thousands,
# "29.1%", "5.6 million", "5.6m" on the charts.
LOCALE = LOCALE_EN

# The words this story says itself, over the common ones (derive_common.COMMON_WORDS): templates
# whose {slots} the engine fills (check-data names a missing word or an unknown slot). The engine
# asks for every word, including those of chart types this story does not use (verdicts, checks,
# timelines); its own are kept short and neutral. `describe.<chart id>` opens each chart's
# description.
OWN_WORDS = {
    "title.headline": "Where Russia's arms went",
    "title.dek": "{title}: the deliveries SIPRI records, recipient by recipient",
    "title.byline": "Data: {publisher} Arms Transfers Database, trade register of {year}",
    "share.all": "All {n} recipients",
    "share.reference": "Stated: {value}",
    "stacked.last": "Last delivery to {series}: {x}",
    "annotation.publication": "Published",
    "check.claimed": "Stated ({year})",
    "check.measured": "Measured, {year}",
    "check.no_record": "No record for {year}",
    "verdict.matches.meaning": "the data round to the stated figure",
    "verdict.close.meaning": "the stated figure is within 10% of the data",
    "verdict.close_points.meaning": "the stated share is within one percentage point of the data's",
    "verdict.differs.meaning": "the stated figure is further from the data",
    "verdict.differs_points.meaning": "the stated share is further from the data's",
    "verdict.not_comparable.meaning": "the stated figure counts something that no data of the checked date can",
    # Headers and captions of the charts' data tables.
    "table.series": "Recipient",
    "table.row": "Recipient",
    "table.examples": "Largest items by TIV (number delivered)",
    "table.as_named": "As named",
    "table.claimed": "Stated, millions",
    "table.events": "Events",
    "table.origin": "Origin",
    "table.measured_at": "Count, end of {year}",
    # The sentences of the generated descriptions (the canvas's accessible description).
    "describe.publication": "A line marks {year}.",
    "describe.totals_by_series": "Totals: {list}.",
    "describe.series_runs": "{name}'s values run from {first} to {last}.",
    "describe.reference": "The stated share is {value}.",
    "describe.highest_until": "{name}'s largest year up to {until} was {x}, with {value}.",
    "describe.timeline.unknown_series": "Dated events, over a series the data do not name ({series}).",
    "describe.timeline.one": "Bars of {series} each year from {first} to {last} ({total} in all), under {n} dated event: {list}.",
    "describe.timeline.none_dated": "Bars of {series} each year from {first} to {last} ({total} in all); none of the {n} events falls in these years.",
    "describe.timeline.data_end": "The figures stop at {x}.",
    "describe.timeline.no_values": "No values for {series} are recorded up to {x}.",
    "describe.timeline.last_before": "None of {series}'s values falls in these years; the last was in {x}.",
    "describe.timeline.last": "{series}'s last recorded value was in {x}.",
    "describe.dots.other_origin": "{name} (counted as {origin})",
    "describe.dots.row_unmeasured": "{name}: {stated} million stated, no count to set beside it",
    "describe.parts.no_origin": "The data hold no record for {origin}, so there is nothing to split.",
    "describe.parts.no_record": "There is no record for {name} in these years.",
    "describe.parts.split": "In {x}, {total} in all: {a} ({a_share}) {a_name}, {b} ({b_share}) {b_name} and {c} ({c_share}) {c_name}.",
    "describe.parts.counted_from": "{name} are counted from {x} on.",
    "describe.gaps.nothing": "Nothing at all is recorded in these years.",
    "describe.gaps.from": "Values came from {list}.",
    "describe.gaps.empty_years": "Nothing at all is recorded in {runs} ({n} of {total} years).",
    "describe.gaps.none_from": "Nothing is recorded for {list} in these years.",
    "describe.gaps.series_years": "{name} has values in {runs}.",
    "describe.trend.fall_before": "By {x}, the year before {year}, deliveries were already {fall} below the peak.",
    "describe.trend.peak_year_before": "The peak came the year before {year}.",
    "describe.trend.peak_after": "The peak came in or after {year}.",
    # The opening sentence of each of this story's charts.
    "describe.title": "Title card: {headline}. {dek}. {byline}.",
    "describe.by-region": "Stacked bars of Russia's arms deliveries each year from {first} to {last}, by region of recipient, in millions of SIPRI trend-indicator value (TIV): {total} in all.",
    "describe.shares": "A bar divided into each recipient's share of all the arms Russia delivered from {first} to {last}: {list}.",
    "describe.top-recipients": "Bars of the largest recipients of Russia's arms from {first} to {last}, in millions of TIV, largest first: {list}.",
    "describe.recipient-years": "Lines of Russia's arms deliveries each year from {first} to {last} to its largest recipients, in millions of TIV. In {last}, largest first: {list}.",
    "describe.releases": "Lines of Russia's arms deliveries each year from {first} to {last}, in millions of TIV, as three SIPRI releases give them; each release's last year shown, largest first: {list}.",
}

WORDS = story_words(OWN_WORDS)

# The charts' colours, light and dark: one per series name, the same in every chart. A country
# takes the colour of its region. Groups ("Rest of the world", "Other recipients") take
# "others". Marks keep 3:1 contrast on the background and text 4.5:1; check-data checks both.
THEME = theme({
    "light": {
        "South Asia": "#c4461a", "East Asia": "#a86b00", "South-east Asia": "#00796b",
        "Western Asia": "#7a5195", "Africa": "#0072b2",
        "India": "#c4461a", "China": "#a86b00", "Viet Nam": "#00796b", "Algeria": "#0072b2", "Egypt": "#aa3377",
        "Russia": "#3f51b5",
        "Tables of July 2022": "#7a5195", "Register of January 2025": "#2e7d32", "Register of February 2026": "#3f51b5",
    },
    "dark": {
        "South Asia": "#f0794a", "East Asia": "#e0a53a", "South-east Asia": "#35b59f",
        "Western Asia": "#b48fd0", "Africa": "#4fa3e0",
        "India": "#f0794a", "China": "#e0a53a", "Viet Nam": "#35b59f", "Algeria": "#4fa3e0", "Egypt": "#e673b4",
        "Russia": "#8c9eff",
        "Tables of July 2022": "#b48fd0", "Register of January 2025": "#78c46e", "Register of February 2026": "#8c9eff",
    },
})


def read_tiv_table(path, supplier):
    """SIPRI's table 'TIV of arms exports from <supplier>, 1950-2021' (PROVENANCE A1): its Total
    row by year, and the date it was generated."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        lines = list(csv.reader(f))
    m = re.match(r"TIV of arms exports from (.+), (\d{4})-(\d{4})", lines[0][0])
    if not m or m.group(1) != supplier:
        sys.exit(f"{path}: first line is not SIPRI's TIV table of exports from {supplier}")
    generated = None
    for line in lines[:12]:
        g = re.search(r"Generated:\s*(.+)", ",".join(line))
        if g:
            generated = g.group(1).strip().rstrip(",")
    if not generated:
        sys.exit(f"{path}: no 'Generated:' line")
    header = next(i for i, row in enumerate(lines) if len(row) > 1 and row[0] == "" and row[1].isdigit())
    years = [int(y) for y in lines[header][1:] if y.isdigit()]
    rows = {}
    for line in lines[header + 1:]:
        if line and line[0].strip():
            rows[line[0]] = {y: float(c) for y, c in zip(years, line[1:1 + len(years)], strict=False) if c.strip() != ""}
    if "Total" not in rows:
        sys.exit(f"{path}: no Total row")
    return rows, generated


def deliveries(rows, supplier):
    """The supplier's rows that have a delivery year, each with that year as an int."""
    out = []
    for r in rows:
        if r["Supplier"] == supplier and r["Delivery year"].strip():
            out.append((int(r["Delivery year"]), r))
    return out


def by_year(rows):
    """TIV by delivery year."""
    out = {}
    for y, r in rows:
        out[y] = out.get(y, 0.0) + tiv(r)
    return out


def place_recipients(names):
    """Each recipient's region, by RECIPIENT_REGIONS, else by country_converter's UN region."""
    ask = sorted(n for n in names if n not in RECIPIENT_REGIONS)
    unplaced = [n for n in ask if n.endswith("*")]
    if unplaced:
        sys.exit(f"no region for the non-state recipient(s) {unplaced}: add them to RECIPIENT_REGIONS")
    continents = coco_convert(ask, "continent")
    regions = coco_convert(ask, "UNregion")
    placed = dict(RECIPIENT_REGIONS)
    missing = []
    for n, cont, reg in zip(ask, continents, regions, strict=True):
        if cont is None or reg is None:
            missing.append(n)
        elif cont == "Africa":
            placed[n] = AFRICA
        else:
            placed[n] = UN_REGIONS.get(reg, REST)
    if missing:
        sys.exit(f"neither country_converter nor RECIPIENT_REGIONS places the recipient(s) {missing}")
    return {n: placed[n] for n in names}


def iso3(names):
    """Each country's ISO 3166-1 alpha-3 code, for the CSV's key column."""
    codes = coco_convert(list(names), "ISO3")
    missing = [n for n, c in zip(names, codes, strict=True) if c is None]
    if missing:
        sys.exit(f"country_converter gives no ISO code for {missing}")
    return dict(zip(names, codes, strict=True))


def ranked(totals):
    """Names by total, largest first; equal totals by name."""
    return sorted((n for n in totals if totals[n] > 0), key=lambda n: (-totals[n], n))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "..", "shared"))
    ap.add_argument("--out", default=os.path.join(here, "data.json"))
    args = ap.parse_args()
    data_dir = os.path.join(args.shared, "data")
    reg_dir = os.path.join(data_dir, "sipri_trade_register")

    # --- The newest trade register: every delivery from Russia, by recipient and year ---
    register, generated = read_trade_register(os.path.join(reg_dir, REGISTER))
    rows = deliveries(register, SUPPLIER)
    if not rows:
        sys.exit(f"{REGISTER}: no deliveries from {SUPPLIER}")
    # The last year the register has deliveries for, from any supplier: later years are empty.
    last = max(int(r["Delivery year"]) for r in register if r["Delivery year"].strip())
    first = FIRST_YEAR
    years = list(range(first, last + 1))
    rows = [(y, r) for y, r in rows if first <= y <= last]
    recipients = {}
    for y, r in rows:
        per = recipients.setdefault(r["Recipient"], {})
        per[y] = per.get(y, 0.0) + tiv(r)
    totals = {n: sum(v.values()) for n, v in recipients.items()}
    grand = sum(totals.values())
    order = ranked(totals)
    register_month = month_year(generated)
    source = {
        "publisher": "SIPRI",
        "dataset": "SIPRI Arms Transfers Database, trade register (deliveries from Russia)",
        "vintage": f"generated {generated}",
        "url": SIPRI_URL,
        "note": "TIV measures the military capability transferred, based on production costs; it is not "
                "the price paid. SIPRI revises its figures, older years included; the latest years are the least settled.",
    }
    words = {"first": first, "last": last, "register": register_month}

    # --- By region of recipient, each year ---
    region_of = place_recipients(order)
    region_totals = {}
    for n in order:
        region_totals[region_of[n]] = region_totals.get(region_of[n], 0.0) + totals[n]
    # Largest region first; the rest of the world, a mixture, last.
    regions = [g for g in ranked(region_totals) if g != REST] + ([REST] if REST in region_totals else [])
    region_series = []
    for g in regions:
        members = [n for n in order if region_of[n] == g]
        region_series.append({
            "name": g,
            "members": members,
            "values": [round(sum(recipients[n].get(y, 0.0) for n in members), 2) for y in years],
        })
    # Cross-check: the regions add up to every delivery of each year.
    year_totals = by_year(rows)
    for j, y in enumerate(years):
        if abs(sum(s["values"][j] for s in region_series) - year_totals.get(y, 0.0)) > 0.05:
            sys.exit(f"the regions do not add up to {SUPPLIER}'s deliveries in {y}")

    # --- Shares: the largest recipients, and the rest as one part ---
    named = order[:NAMED_SHARES]
    others = order[NAMED_SHARES:]
    share = {n: 100 * totals[n] / grand for n in order}
    parts = [{"name": n, "share": round(share[n], 2)} for n in named]
    if others:
        parts.append({"name": OTHERS, "share": round(sum(share[n] for n in others), 2), "members": others})
    listed = order if len(order) <= MAX_SHARE_ITEMS else order[:MAX_SHARE_ITEMS - 1]
    items = [{"name": n, "value": round(totals[n], 2), "share": round(share[n], 2)} for n in listed]
    rest = order[len(listed):]
    if rest:
        items.append({"name": fill(SMALLEST, n=len(rest)), "value": round(sum(totals[n] for n in rest), 2),
                      "share": round(sum(share[n] for n in rest), 2)})

    # --- The largest recipients, with the largest items each received ---
    bars = []
    for n in order[:NAMED_ROWS]:
        kinds = {}
        for _year, r in rows:
            if r["Recipient"] != n:
                continue
            k = kinds.setdefault((r["Designation"], r["Description"]), {"number": 0, "tiv": 0.0})
            k["number"] += int(float(r["Numbers delivered"] or 0))
            k["tiv"] += tiv(r)
        # The biggest by TIV first; equal TIV by designation.
        top = sorted(kinds.items(), key=lambda kv: (-kv[1]["tiv"], kv[0]))[:EXAMPLES]
        bars.append({
            "name": n,
            "value": round(totals[n], 2),
            "examples": [{"designation": d, "description": desc, "number": v["number"], "value": round(v["tiv"], 1)}
                         for (d, desc), v in top],
        })

    # --- The largest recipients, year by year (a year with no delivery recorded is 0) ---
    lined = order[:NAMED_LINES]
    codes = iso3(lined)
    lines = [{"name": n, "key": codes[n], "values": [round(recipients[n].get(y, 0.0), 2) for y in years]}
             for n in lined]

    # --- The same deliveries in three SIPRI releases (null: a year the release does not cover) ---
    table, table_generated = read_tiv_table(os.path.join(data_dir, "sipri_360info_trademap_raw", TIV_TABLE), SUPPLIER)
    earlier, earlier_generated = read_trade_register(os.path.join(reg_dir, EARLIER_REGISTER))
    earlier_rows = deliveries(earlier, SUPPLIER)
    earlier_last = max(int(r["Delivery year"]) for r in earlier if r["Delivery year"].strip())
    table_years = sorted(table["Total"])
    release_x = years[-RELEASE_YEARS:]
    releases = []
    for kind, date, values, until in (
        ("tables", table_generated, table["Total"], table_years[-1]),
        ("earlier", earlier_generated, by_year(earlier_rows), earlier_last),
        ("register", generated, year_totals, last),
    ):
        releases.append({
            "name": fill(RELEASE_NAMES[kind], date=month_year(date)),
            "key": f"sipri-{'tiv-tables' if kind == 'tables' else 'trade-register'}-"
                   f"{datetime.datetime.strptime(month_year(date), '%B %Y').strftime('%Y-%m')}",
            "values": [round(values.get(y, 0.0), 2) if y <= until else None for y in release_x],
        })
    # Cross-check: the releases differ by revision, not by what they count. Over the years all
    # three cover, the totals must agree within a tenth.
    common = [y for y in years if y <= min(table_years[-1], earlier_last)]
    sums = [sum(v.get(y, 0.0) for y in common) for v in (table["Total"], by_year(earlier_rows), year_totals)]
    if max(sums) > 1.1 * min(sums):
        sys.exit(f"the three releases disagree by more than 10% over {common[0]}-{common[-1]}: {sums}")

    # --- Colours: every named series needs one, or it would be drawn grey like a group ---
    coloured = [s["name"] for s in region_series if s["name"] != REST] + named + lined + [r["name"] for r in releases]
    for name in ("light", "dark"):
        missing = sorted({n for n in coloured if n not in THEME[name]["series"]} | ({SUPPLIER} - set(THEME[name]["series"])))
        if missing:
            sys.exit(f"THEME[{name!r}] has no colour for {missing}: add one")

    def text(chart, field, **extra):
        return CHART_TEXT[chart][field].format(**words, **extra)

    charts = []

    def chart(id_, type_, title, units, src, data):
        charts.append({"id": id_, "type": type_, "title": title, "units": units, "source": src, "data": data})

    story = fill("Russia's arms exports, {first}\u2013{last}", first=first, last=last)
    chart("title", "title", fill({**ENGINE["en"]["words"], **WORDS}["title.label"], title=story), "", source, {
        "headline": WORDS["title.headline"],
        "dek": fill(WORDS["title.dek"], title=story),
        "byline": fill(WORDS["title.byline"], publisher=source["publisher"], year=register_month, author=""),
    })
    chart("by-region", "stacked-bars", text("by-region", "title"), text("by-region", "units"), {
        **source,
        "note": source["note"] + " Regions: UN regions by the Python package country_converter (South Asia includes "
                "Iran and Afghanistan, as in the UN's scheme); Africa is the whole continent; non-state recipients "
                "are placed by hand in derive.py.",
    }, {
        "x": years,
        "series": region_series,
        "format": "thousands",
        "says": "trend",
        "columns": ["year", "recipient_region", "tiv_millions"],
    })
    chart("shares", "share-bar", text("shares", "title"), text("shares", "units"), source, {
        "window": [first, last],
        "parts": parts,
        "items": items,
        "columns": ["years", "recipient", "tiv_millions", "share_pct"],
    })
    chart("top-recipients", "hbars", text("top-recipients", "title", n=len(bars)), text("top-recipients", "units"), {
        **source,
        "note": source["note"] + " Examples: the items that make up the most TIV for each recipient, with the "
                "numbers delivered, weapons made under licence in the recipient country included.",
    }, {
        "window": [first, last],
        "rows": bars,
        "colour": SUPPLIER,
        "columns": ["years", "recipient", "tiv_millions"],
    })
    chart("recipient-years", "lines", text("recipient-years", "title", n=len(lines)), text("recipient-years", "units"),
          {**source, "note": source["note"] + " A year with no delivery recorded is 0."}, {
        "x": years,
        "series": lines,
        "format": "thousands",
        "peaks_until": last,
        "columns": ["year", "recipient_iso", "recipient", "tiv_millions"],
    })
    chart("releases", "lines", text("releases", "title", from_=release_x[0]), text("releases", "units"), {
        "publisher": "SIPRI",
        "dataset": f"SIPRI Arms Transfers Database: table of TIV of arms exports from {SUPPLIER} "
                   f"(generated {table_generated}) and trade registers (generated {earlier_generated} and {generated})",
        "vintage": f"releases of {month_year(table_generated)}, {month_year(earlier_generated)} and {register_month}",
        "url": SIPRI_URL,
        "note": "The table's Total row, as downloaded by 360info (its repository report-arms-trade is CC BY 4.0); "
                "the registers' deliveries summed by year. Each release revises the years before it.",
    }, {
        "x": release_x,
        "series": releases,
        "format": "thousands",
        "peaks_until": last,
        "columns": ["year", "release", "name", "tiv_millions"],
    })

    # --- For the prose: how many recipients, and how much was built in the recipient country ---
    def local(r):
        return r["Local production"].strip().lower() == "yes"
    built_there = sum(tiv(r) for _, r in rows if local(r))
    values = [
        {"id": "recipients", "numbers": [len(order)], "format": "plain",
         "note": f"Recipients of {SUPPLIER}'s deliveries {first}-{last} in the register: states, armed groups and organisations"},
        {"id": "local-share", "numbers": [round(100 * built_there / grand, 2)], "format": "pct",
         "note": "Share of all TIV in rows marked 'Local production': built in the recipient country under licence"},
    ]
    for n in order[:2]:
        mine = sum(tiv(r) for _, r in rows if r["Recipient"] == n and local(r))
        values.append({"id": f"local-share-{codes[n].lower()}", "numbers": [round(100 * mine / totals[n], 2)], "format": "pct",
                       "note": f"Share of {n}'s TIV in rows marked 'Local production'"})

    out = {
        "schema": 1,
        "generated_by": "stories/russia-arms/derive.py",
        "theme": THEME,
        "words": WORDS,
        "charts": charts,
        "values": values,
    }
    if LOCALE != LOCALE_EN:  # else the engine's English number formats (defaults/en.json)
        out["locale"] = LOCALE
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(args.out)}: {SUPPLIER}'s deliveries {first}-{last}, {len(order)} recipients, "
          f"{len(regions)} regions, {grand:,.0f} million TIV")


if __name__ == "__main__":
    main()
