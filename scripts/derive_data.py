#!/usr/bin/env python3
"""Derive www/data/lifeline.json from the raw SIPRI and UNHCR files in ../shared/data.

Every figure the explainer shows comes out of this script; nothing in the data file is
typed in by hand. The commentary's own figures (70%, 80%, 6.6/5.9/4.5 million) are read
out of the commentary's text with patterns, so that the page can set them beside the data.

Usage:  python3 scripts/derive_data.py [--shared ../shared] [--out www/data/lifeline.json]
Only the Python standard library is needed, plus country_converter (pinned in
scripts/requirements.txt; scripts/setup.sh installs it) to place the recipients of Russia's
arms by region. Re-run it after the raw data changes, then run `make check-data` (or `make test`).
"""
import argparse
import csv
import datetime
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from derive_common import ENGINE, LOCALE_EN, coco_convert, fill, own_words, story_words, theme  # noqa: E402  (shared by every story)
from sipri import month_year, read_trade_register, tiv  # noqa: E402

WINDOW = (2000, 2021)  # the commentary's window: "from 2000 to 2021"
# Suppliers with at least this share of 2000-2021 imports get a colour and a name of their
# own in the charts; the rest are drawn together as "Other suppliers".
NAMED_SHARE_PCT = 3.0
# After the commentary: deliveries to Venezuela, and Russia's deliveries to the world, over ten
# years to the last one the February 2026 trade register has deliveries for (it has none in 2025).
SINCE = (2015, 2024)
# In the chart of deliveries since 2015, a supplier needs this share of the total to be named.
NAMED_SINCE_PCT = 5.0
ORIGINS = ["SYR", "VEN", "UKR", "AFG"]  # the commentary's three, plus Afghanistan for context
ORIGIN_LABELS = {"SYR": "Syria", "VEN": "Venezuela", "UKR": "Ukraine", "AFG": "Afghanistan"}
# Which UNHCR origin each of the commentary's displacement figures is checked against. The
# commentary's "Russia" figure is people who fled Ukraine, so it is checked against Ukraine.
CLAIM_ISO = {"Syria": "SYR", "Venezuela": "VEN", "Russia": "UKR"}
# The commentary's figures that no count at the checked date can test: "Russia" counts people
# who fled Ukraine after February 2022, so an end-2021 count is not its measure (the verdict is
# "not comparable"; the page names the real fault, the label).
NOT_COMPARABLE = {"Russia"}
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
        "title": "Venezuela's arms imports by supplier, {first}\u2013{last}",
        "y_label": "SIPRI trend-indicator value (TIV), millions (SIPRI tables of {tables})",
    },
    "arms_shares": {
        "title": "Shares of Venezuela's arms imports, {first}\u2013{last}",
        "y_label": "% of all TIV delivered (SIPRI tables of {tables})",
    },
    "russia_by_category": {
        "title": "What Russia delivered to Venezuela, {first}\u2013{last}, by kind of weapon",
        "y_label": "SIPRI TIV, millions (trade register of {register})",
    },
    "displacement_claims": {
        "title": "People displaced, as the commentary gives them",
        "y_label": "millions of people",
    },
    "displacement_series": {
        "title": "People displaced abroad, by origin, {first}\u2013{last}",
        "y_label": "millions of people (end of year)",
        # What a tooltip gives an exact count in (the axis is in millions).
        "value_units": "people (end of year)",
    },
    "events": {
        "title": "Russia's arms deliveries to Venezuela, and what happened around them",
        "y_label": "events by year; bars: SIPRI TIV delivered by Russia, millions (trade register of {register})",
    },
    "arms_since": {
        "title": "Arms delivered to Venezuela, {first}\u2013{last}, by supplier",
        "y_label": "SIPRI TIV, millions (trade register of {register})",
    },
    "russia_exports": {
        "title": "Russia's arms deliveries to the world, {first}\u2013{last}, by region",
        "y_label": "SIPRI TIV, millions (trade register of {register})",
    },
}

# How the story writes numbers (British English, as the commentary): decimal point, comma between
# thousands, "69.5%", "5.6 million", "5.6m" on the charts.
LOCALE = LOCALE_EN

# The words this story says itself, over the common ones (derive_common.COMMON_WORDS): templates
# whose {slots} the engine fills (`make check-data` names a missing word or an unknown slot). A story
# in another language changes these, not the Rust.
OWN_WORDS = {
    "title.headline": "Russia, China and Maduro's lifelines",
    "title.dek": "Arms and people in the data behind \u201c{title}\u201d",
    "title.byline": "After the commentary by {author} ({publisher}, {year})",
    "share.all": "All {n} suppliers",
    "share.reference": "The commentary: {value}",
    "stacked.last": "Last delivery from {series}: {x}",
    "title.displacement-check": "The commentary's displacement figures against UNHCR's",
    "units.displacement-check": "millions of people; UNHCR: refugees, asylum-seekers and others in need of international protection, end of {year}",
    "title.displacement-categories": "Venezuelans displaced abroad, by UNHCR category",
    "units.displacement-categories": "millions of people (end of year)",
    "annotation.publication": "Commentary published",
    "check.claimed": "The commentary ({year})",
    "check.measured": "UNHCR, end of {year}",
    "check.no_record": "UNHCR has no record for end-{year}",
    "verdict.matches.meaning": "the data round to the commentary's figure",
    "verdict.close.meaning": "the commentary's figure is within 10% of the data",
    "verdict.close_points.meaning": "the commentary's share is within one percentage point of the data's",
    "verdict.differs.meaning": "the commentary's figure is further from the data",
    "verdict.differs_points.meaning": "the commentary's share is further from the data's",
    "verdict.not_comparable.meaning": "the commentary's figure counts something that no data of the checked date can",
    # Headers and captions of the charts' data tables.
    "table.series": "Supplier",
    "table.row": "Kind of weapon",
    "table.examples": "Largest items (number delivered)",
    "table.as_named": "As the commentary names it",
    "table.claimed": "People displaced, millions",
    "table.events": "Events, as the commentary dates them",
    "table.origin": "UNHCR origin",
    "table.measured_at": "UNHCR count, end of {year}",
    # The generated descriptions of each chart state (the canvas's accessible description).
    "describe.title": "Title card: {headline}. {byline}.",
    "describe.publication": "A line marks {year}, the year the commentary was published.",
    "describe.arms-by-year": "Stacked bars of Venezuela's arms imports each year from {first} to {last}, by supplier, in millions of SIPRI trend-indicator value (TIV): {total} in all.",
    "describe.totals_by_series": "Totals by supplier: {list}.",
    "describe.series_runs": "{name}'s deliveries run from {first} to {last}.",
    "describe.arms-shares": "A bar divided into each supplier's share of Venezuela's arms imports, {first} to {last}: {list}.",
    "describe.reference": "The commentary gives {value}.",
    "describe.russia-by-category": "Bars of what Russia delivered to Venezuela from {first} to {last}, by kind of weapon, in millions of TIV, largest first: {list}.",
    "describe.displacement-claims": "Bars of the people displaced, as the commentary gives them: {list}.",
    "describe.displacement-series": "Lines of the people displaced abroad from {first} to {last} by origin (refugees, asylum-seekers and others in need of international protection). At the end of {last}, largest first: {list}.",
    "describe.highest_until": "{name}'s highest count up to {until} was {value} in {x}.",
    "describe.timeline.unknown_series": "Dated events, over deliveries from {series}, a supplier the delivery data do not name.",
    "describe.timeline": "Bars of {series}'s arms deliveries to Venezuela each year from {first} to {last}, in millions of TIV ({total} in all), under {n} dated events in these years: {list}.",
    "describe.timeline.one": "Bars of {series}'s arms deliveries to Venezuela each year from {first} to {last}, in millions of TIV ({total} in all), under {n} dated event in these years: {list}.",
    "describe.timeline.none_dated": "Bars of {series}'s arms deliveries to Venezuela each year from {first} to {last}, in millions of TIV ({total} in all), under {n} dated events in these years.",
    "describe.timeline.data_end": "The delivery figures stop at {x}.",
    "describe.timeline.no_values": "No deliveries from {series} are recorded up to {x}.",
    "describe.timeline.last_before": "None of {series}'s deliveries falls in these years; the last was in {x}.",
    "describe.timeline.last": "{series}'s last recorded delivery was in {x}.",
    "describe.displacement-check": "Dots setting each displacement figure in the commentary beside UNHCR's count at the end of {year} (refugees, asylum-seekers and others in need of international protection together). {rows}.",
    "describe.dots.other_origin": "{name} (UNHCR's count of people from {origin})",
    "describe.dots.row_unmeasured": "{name}: {stated} million stated, no UNHCR count to set beside it",
    "describe.displacement-categories": "Stacked bars of the people from {name} displaced abroad at the end of each year from {first} to {last}, split into UNHCR's categories: {list}.",
    "describe.parts.no_origin": "UNHCR's series as loaded holds no record for Venezuela (origin {origin}), so there is nothing to split.",
    "describe.parts.no_record": "UNHCR has no record for {name} in these years.",
    "describe.parts.split": "At the end of {x}, {total} in all, of whom {c} ({c_share}) are {c_name}, {a} ({a_share}) {a_name} and {b} ({b_share}) {b_name}.",
    "describe.parts.counted_from": "UNHCR counts {name} from {x} on.",
    "describe.arms-since": "Stacked bars of Venezuela's arms imports each year from {first} to {last}, by supplier, in millions of SIPRI trend-indicator value (TIV): {total} in all.",
    "describe.gaps.nothing": "No deliveries at all are recorded in these years.",
    "describe.gaps.from": "Deliveries came from {list}.",
    "describe.gaps.empty_years": "Nothing at all was delivered in {runs} ({n} of {total} years).",
    "describe.gaps.none_from": "The register records nothing from {list} in these years.",
    "describe.gaps.series_years": "{name} delivered in {runs}.",
    "describe.russia-exports": "Stacked bars of Russia's arms deliveries to all recipients each year from {first} to {last}, by region of recipient, in millions of TIV: {total} in all.",
    "describe.trend.fall_before": "The fall began before the commentary appeared in {year}: in {x}, deliveries were already {fall} below the peak.",
    "describe.trend.peak_year_before": "The peak was the year before the commentary appeared in {year}; the fall came after.",
    "describe.trend.peak_after": "The peak came in or after {year}, the year the commentary appeared.",
}

WORDS = story_words(OWN_WORDS)

# The charts' colours, light and dark: one per series name, the same in every chart, so a
# country keeps its colour throughout. Series not listed here (groups such as "Other suppliers")
# take "others". Marks keep 3:1 contrast on the background and text 4.5:1; `make check-data`
# checks both. Regions are Russia's exports, so they take Russia's hue; UNHCR's categories are
# Venezuelans, so they take Venezuela's.
THEME = theme({
    "light": {
        "Russia": "#c4461a", "China": "#a86b00", "Netherlands": "#0072b2", "Spain": "#7a5195",
        "Iran": "#00796b", "Syria": "#aa3377", "Venezuela": "#2e7d32", "Ukraine": "#3f51b5",
        "Afghanistan": "#5d6d7e", "Latin America and the Caribbean": "#c4461a", "Africa": "#8c523c",
        "Refugees": "#144619", "Asylum-seekers": "#2e7d32", "Others in need of international protection": "#6ea070",
    },
    "dark": {
        "Russia": "#f0794a", "China": "#e0a53a", "Netherlands": "#4fa3e0", "Spain": "#b48fd0",
        "Iran": "#35b59f", "Syria": "#e673b4", "Venezuela": "#78c46e", "Ukraine": "#8c9eff",
        "Afghanistan": "#96a8ba", "Latin America and the Caribbean": "#f0794a", "Africa": "#c88c6e",
        "Refugees": "#468c4b", "Asylum-seekers": "#78c46e", "Others in need of international protection": "#bee6b4",
    },
})

# The events the commentary dates, each read from its text: (id, short label, pattern). The
# pattern's group "year" is the year; group "when" is the commentary's own dating words; the
# whole match is kept as the quote. Curly apostrophes in the text are matched by ".".
EVENTS = [
    ("us-sanctions-2008", "US sanctions begin", r"(?P<when>Since (?P<year>\d{4})), the US government has sanctioned"),
    ("crimea", "Crimea annexed", r"the (?P<when>(?P<year>\d{4})) Crimea annexation"),
    ("us-sanctions-2017", "US sanctions", r"US sanctions imposed in (?P<when>(?P<year>\d{4})) and then again in \d{4}"),
    ("re-election", "Re-election rejected", r"Maduro.s (?P<when>(?P<year>\d{4})) re-election illegitimate"),
    ("us-sanctions-2019", "More US sanctions", r"US sanctions imposed in \d{4} and then again in (?P<when>(?P<year>\d{4}))"),
    ("contractors", "Russian contractors", r"Russian contractors (?P<when>during (?P<year>\d{4}))"),
    ("incursion", "Failed incursion", r"botched paramilitary invasion against Maduro was discovered in (?P<when>(?P<year>\d{4}))"),
    ("lavrov", "Lavrov in Caracas", r"in (?P<when>late (?P<year>\d{4})), Russian Foreign Minister Sergei Lavrov visited Caracas"),
    ("ryabkov", "Ryabkov's warning", r"In (?P<when>(?P<year>\d{4})), Russian Deputy Foreign Minister Sergei Ryabkov"),
    ("consultations", "Talks in Caracas", r"In (?P<when>mid-February (?P<year>\d{4}))"),
    ("us-visit", "US officials visit", r"(?P<when>March (?P<year>\d{4})) visit to Caracas by US officials"),
]

# The page's "as of" date: the date of the latest news report it relies on. Nothing in
# data/events.csv may be dated after it (make check-data refuses it).
AS_OF = "2026-03-06"

# The events after the commentary that the timeline draws (data/events.csv has more, all listed
# in the page's Sources): id -> the short label drawn on the chart, in English and Spanish.
TIMELINE_LATER = {
    "election-2024": ("Disputed election", "Elecciones disputadas"),
    "treaty-signed": ("Partnership treaty", "Tratado de asociación"),
    "us-naval-buildup": ("US naval build-up", "Despliegue naval de EE. UU."),
    "us-seizes-maduro": ("Maduro seized", "Captura de Maduro"),
    "rodriguez-sworn-in": ("Rodríguez sworn in", "Jura de Rodríguez"),
    "relations-restored": ("US ties restored", "Relaciones con EE. UU."),
}

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
}


def long_date(iso, lang):
    """'2026-01-03' as '3 January 2026' (en) or '3 de enero de 2026' (es)."""
    y, m, d = (int(p) for p in iso.split("-"))
    month = MONTHS[lang][m - 1]
    return f"{d} {month} {y}" if lang == "en" else f"{d} de {month} de {y}"


def read_events(path, as_of):
    """data/events.csv (one row per news report; see ../shared/SOURCING.md) as the data file's
    `events` record: each event once, with its reports. Stops on a row that breaks the rules, so
    that make data never writes a record that make check-data would refuse."""
    items = {}
    with open(path, newline="", encoding="utf-8") as f:
        for n, r in enumerate(csv.DictReader(f), start=2):
            for k in ("id", "date", "kind", "event", "event_es", "outlet", "headline", "headline_lang", "published", "url"):
                if not (r.get(k) or "").strip():
                    sys.exit(f"{path}:{n}: {k} is empty")
            e = items.setdefault(r["id"], {"id": r["id"], "date": r["date"], "kind": r["kind"],
                                           "text": {"en": r["event"], "es": r["event_es"]},
                                           "when": {lang: long_date(r["date"], lang) for lang in MONTHS},
                                           "sources": []})
            if (e["date"], e["kind"], e["text"]["en"], e["text"]["es"]) != (r["date"], r["kind"], r["event"], r["event_es"]):
                sys.exit(f"{path}:{n}: event {r['id']} is dated, kinded or worded differently from its first row")
            e["sources"].append({**{k: r[k] for k in ("outlet", "headline", "published", "url", "confirms")},
                                 "lang": r["headline_lang"]})
    events = sorted(items.values(), key=lambda e: e["date"])  # stable: same-day events keep file order
    for e in events:
        if len(e["sources"]) < 2:
            sys.exit(f"{path}: event {e['id']} has {len(e['sources'])} report(s); it needs two independent outlets")
        if max([e["date"]] + [s["published"] for s in e["sources"]]) > as_of:
            sys.exit(f"{path}: event {e['id']} or one of its reports is dated after AS_OF ({as_of})")
    return {"as_of": as_of, "items": events}


# The commentary's list of Russian-made purchases: each item, as the text words it, and the test
# a row of Russia's deliveries to Venezuela must pass to count as one (None: nothing to match in
# the register). An item missing here stops the script, so that a changed text is noticed.
LISTED_ITEMS = {
    "surface-to-air missiles": lambda r: re.search(r"\bSAM\b", r["Description"]) is not None,
    "anti-tank missiles": lambda r: "anti-tank missile" in r["Description"],
    "T-72 tanks": lambda r: r["Designation"].startswith("T-72"),
    "infantry fighting vehicles": lambda r: "infantry fighting vehicle" in r["Description"],
    "automated robotic ammunition vehicles": None,  # SIPRI's register has no such description
    "transport helicopters": lambda r: "transport helicopter" in r["Description"],
}

# Recipients of Russia's arms are placed in these regions with country_converter's UN regions.
LATIN_AMERICA, AFRICA, REST = "Latin America and the Caribbean", "Africa", "Rest of the world"
# Recipients that are not states (SIPRI marks non-state actors with *), or not UN members, are
# placed here by hand; coco is not asked about them, and a *-name missing here stops the script.
RECIPIENT_REGIONS = {
    "HoR (Libya)*": AFRICA,         # Libya's House of Representatives (eastern Libya)
    "Ukraine Rebels*": REST,        # the separatists of eastern Ukraine
    "Palestine": REST,              # not a UN member; Western Asia
    "unknown recipient(s)": REST,   # SIPRI does not know the recipient, so it has no region
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
        header = next(i for i, row in enumerate(lines) if len(row) > 1 and row[0] == "" and row[1] == "1950")
        years = [int(y) for y in lines[header][1:] if y.isdigit()]
        for line in lines[header + 1:]:
            if line and line[0] == "Venezuela":
                cells = line[1:1 + len(years)]
                rows[supplier] = {y: float(c) for y, c in zip(years, cells, strict=False) if c.strip() != ""}  # a row may stop early
    return rows, generated


def read_register(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def by_year_series(tiv_by, years, named, others):
    """Stacked series: one per named key, then the rest together, with a value for every year."""
    series = [{"name": n, "tiv": [round(tiv_by.get(n, {}).get(y, 0.0), 2) for y in years]} for n in named]
    if others:
        series.append({
            "name": "Other suppliers",
            "members": others,
            "tiv": [round(sum(tiv_by[s].get(y, 0.0) for s in others), 2) for y in years],
        })
    return series


def commentary_events(seed_text):
    """The events the commentary dates (EVENTS), in year order, each with the words it is read from."""
    events = []
    for id_, label, pattern in EVENTS:
        m = re.search(pattern, seed_text)
        if not m:
            sys.exit(f"commentary text no longer matches /{pattern}/ (event {id_})")
        when = m.group("when")
        events.append({
            "id": id_,
            "year": int(m.group("year")),
            # Mid-sentence form of a dating that opens a sentence: "Since 2008" -> "since 2008".
            "when": re.sub(r"^(Since|During|In|Late)\b", lambda w: w.group(1).lower(), when),
            "label": label,
            "quote": m.group(0),
        })
    return sorted(events, key=lambda e: e["year"])  # stable: same-year events keep EVENTS order


def commentary_items(seed_text, russia_rows):
    """The commentary's list of Russian-made purchases, each matched against `russia_rows`."""
    pattern = r"Venezuela.s record of Russian-made purchases includes ([^.]+)\."
    m = re.search(pattern, seed_text)
    if not m:
        sys.exit(f"commentary text no longer matches /{pattern}/")
    items = [i.strip() for i in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(1)) if i.strip()]
    out = []
    for item in items:
        if item not in LISTED_ITEMS:
            sys.exit(f"the commentary lists {item!r}, which LISTED_ITEMS in scripts/derive_data.py has no test for")
        test = LISTED_ITEMS[item]
        found = sorted({r["Designation"] for r in russia_rows if test and test(r)})
        out.append({"item": item, "found": found})
    return out


def place_recipients(names):
    """Each recipient's region (LATIN_AMERICA, AFRICA or REST), by RECIPIENT_REGIONS, else by coco."""
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
        elif cont == "America" and reg != "Northern America":
            placed[n] = LATIN_AMERICA
        elif cont == "Africa":
            placed[n] = AFRICA
        else:
            placed[n] = REST
    if missing:
        sys.exit(f"neither country_converter nor RECIPIENT_REGIONS places the recipient(s) {missing}")
    return {n: placed[n] for n in names}


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


def claim_iso(label):
    if label not in CLAIM_ISO:
        sys.exit(f"the commentary's displacement figure for {label!r} has no origin in CLAIM_ISO")
    return CLAIM_ISO[label]


def source_name(src):
    """Publisher and dataset, as the engine names a source (spec::Source::name)."""
    return src["dataset"] if src["publisher"] in src["dataset"] else f"{src['publisher']}, {src['dataset']}"


def declare_claims(out):
    """What the commentary states, each claim with the figure key it is checked against (see
    docs/writing-a-story.md, "Claims and verdicts"): its shares of Venezuela's arms imports, the
    year its "largest since" counts from, and its displacement figures (in people, checked at
    the last end-year before publication)."""
    c, d = out["commentary"], out["displacement_claims"]
    year = d["reference_year"]
    items = [
        # Shares are compared in percentage points ("within 10%" of 80.9 would read as 8 points).
        {"id": "russia-share", "value": c["russia_share_pct"], "format": "percent", "step": 1, "points": 1,
         "measured": "part.share:arms-shares:Russia"},
        {"id": "russia-china-share", "value": c["russia_china_share_pct"], "format": "percent", "step": 1, "points": 1,
         "measured": "part.share:arms-shares:Russia+China"},
        {"id": "since", "value": d["since_year"], "format": "plain"},
    ]
    for k in d["items"]:
        items.append({"id": "displaced-" + k["label"].lower(), "value": round(k["millions"] * 1e6),
                      "format": "people", "step": 100000,
                      **({"not_comparable": True} if k["label"] in NOT_COMPARABLE else {}),
                      "measured": f"series.value:displacement-series:{k['iso']}:{year}"})
    return {"published": c["year"], "items": items}


def declare_values(out):
    """Numbers and lists for the prose that no chart draws: Russia's share (and Russia's and
    China's) in the later SIPRI releases, and the commentary's listed purchases that the register
    does not show."""
    v = out["arms_shares"]["other_vintages"]
    releases = "; ".join(x["vintage"] for x in v)
    return [
        {"id": "register-russia", "numbers": [x["russia_share_pct"] for x in v], "format": "pct",
         "note": f"Russia's share of Venezuela's arms imports in the window, in: {releases}"},
        {"id": "register-russia-china", "numbers": [x["russia_china_share_pct"] for x in v], "format": "pct",
         "note": f"Russia's and China's share together, in: {releases}"},
        {"id": "largest-origins", "words": [ORIGIN_LABELS[i] for i in out["largest"]["top"]],
         "note": f"The origins with the largest end-year counts from {out['largest']['since']} to {COMMENTARY['year'] - 1}, "
                 "largest first, among every origin in UNHCR's file (refugees + asylum-seekers + others in need of protection)"},
        {"id": "origins-checked", "numbers": [out["largest"]["origins"]], "format": "thousands",
         "note": f"How many countries and territories of origin UNHCR's file has a count for from {out['largest']['since']} to {COMMENTARY['year'] - 1} (its rows for an unknown origin and for stateless people left out)"},
        {"id": "items-not-shown",
         "words": [i["item"] for i in out["russia_by_category"]["commentary_items"] if not i["found"]],
         "note": "The commentary's listed Russian-made purchases that the trade register shows no delivery of"},
    ]


def declare_editions(out, folder):
    """The story in other languages, from the translators' files in scripts/<lang>/: words.json
    (every word of WORDS, and the locale as "_locale") and charts.json (each chart's title, units,
    source note, events and the names it shows, and the values' words). The figures are the
    file's own; names shown become the words name.<English name>."""
    editions = {}
    for lang in sorted(os.listdir(folder)):
        d = os.path.join(folder, lang)
        if not (len(lang) in (2, 3) and os.path.isfile(os.path.join(d, "words.json"))):
            continue
        with open(os.path.join(d, "words.json"), encoding="utf-8") as f:
            words = json.load(f)
        with open(os.path.join(d, "charts.json"), encoding="utf-8") as f:
            texts = json.load(f)
        locale = words.pop("_locale")
        missing = sorted(set(out["words"]) - set(words))
        if missing:
            sys.exit(f"scripts/{lang}/words.json lacks {missing}")
        # What the engine already says the same way in this language is left to it
        # (defaults/<lang>.json), its number formats too.
        words = own_words(words, lang)
        charts = {}
        for cid, t in texts["charts"].items():
            for english, shown in t.get("names", {}).items():
                if words.setdefault(f"name.{english}", shown) != shown:
                    sys.exit(f"scripts/{lang}/charts.json names {english!r} two ways")
            charts[cid] = {k: v for k, v in t.items() if k != "names"}
        editions[lang] = {"words": words, "charts": charts, "values": texts.get("values", {})}
        if locale != ENGINE.get(lang, {}).get("locale"):
            editions[lang]["locale"] = locale
    return editions


def declare_charts(out):
    """The story's charts, each a declaration of one of the engine's chart types (see
    docs/writing-a-story.md): what every chart has (id, type, title, units, source) and the
    type's data. Built from the sections main() works out, which the file itself leaves out."""
    w = {**ENGINE["en"]["words"], **out["words"]}  # the engine's words under the story's
    c = out["commentary"]
    charts = []

    def chart(id_, type_, title, units, source, data):
        charts.append({"id": id_, "type": type_, "title": title, "units": units, "source": source, "data": data})

    def stacked(sec, says, column, series_key="suppliers"):
        a = out[sec]
        return {
            "x": a["years"],
            "series": [{"name": s["name"], **({"members": s["members"]} if s.get("members") else {}), "values": s["tiv"]}
                       for s in a[series_key]],
            "format": "thousands",
            "says": says,
            "columns": ["year", column, "tiv_millions"],
        }

    chart("title", "title", fill(w["title.label"], title=c["title"]), "",
          {"publisher": c["publisher"], "dataset": f"{c['author']}, \u201c{c['title']}\u201d",
           "vintage": str(c["year"]), "url": c["url"], "note": ""},
          {"headline": w["title.headline"], "dek": fill(w["title.dek"], title=c["title"]),
           "byline": fill(w["title.byline"], author=c["author"], publisher=c["publisher"], year=c["year"])})
    a = out["arms_by_year"]
    chart("arms-by-year", "stacked-bars", a["title"], a["y_label"], a["source"], stacked("arms_by_year", "totals", "supplier"))
    sh = out["arms_shares"]
    named = [s["name"] for s in a["suppliers"] if not s.get("members")]
    parts = []
    for g in a["suppliers"]:
        share = sum(s["share_pct"] for s in sh["suppliers"]
                    if (s["name"] == g["name"] if not g.get("members") else s["name"] not in named))
        parts.append({"name": g["name"], "share": share, **({"members": g["members"]} if g.get("members") else {})})
    chart("arms-shares", "share-bar", sh["title"], sh["y_label"], sh["source"], {
        "window": sh["window"],
        "parts": parts,
        "items": [{"name": s["name"], "value": s["tiv"], "share": s["share_pct"]} for s in sh["suppliers"]],
        # The commentary's shares, where the parts they name are drawn.
        "references": [r for r in ({"names": ["Russia"], "value": c["russia_share_pct"]},
                                   {"names": ["Russia", "China"], "value": c["russia_china_share_pct"]})
                       if all(n in named for n in r["names"])],
        "columns": ["years", "supplier", "tiv_millions", "share_pct"],
    })
    r = out["russia_by_category"]
    chart("russia-by-category", "hbars", r["title"], r["y_label"], r["source"], {
        "window": r["window"],
        "rows": [{"name": k["name"], "value": k["tiv"],
                  "examples": [{"designation": e["designation"], "description": e["description"],
                                "number": e["number"], "value": e["tiv"]} for e in k["examples"]]}
                 for k in r["categories"]],
        "colour": "Russia",
        "columns": ["years", "category", "tiv_millions"],
    })
    d, ds = out["displacement_claims"], out["displacement_series"]
    origin = {o["iso"]: o for o in ds["origins"]}
    chart("displacement-claims", "bars", d["title"], d["y_label"], d["source"], {
        "rows": [{"name": k["label"], "value": k["millions"], "note": k["note"],
                  "colour": origin[k["iso"]]["name"] if k["iso"] in origin else k["label"]} for k in d["items"]],
        "columns": ["as_stated", "millions", "note"],
    })

    def displaced(o, j):
        if o["refugees"][j] is None:
            return None
        return o["refugees"][j] + (o["asylum_seekers"][j] or 0) + (o["oip"][j] or 0)

    cats = ("refugees", "asylum_seekers", "oip")
    chart("displacement-series", "lines", ds["title"], ds["y_label"], ds["source"], {
        "x": ds["years"],
        "series": [{"name": o["name"], "key": o["iso"], "values": [displaced(o, j) for j in range(len(ds["years"]))],
                    "parts": [o[k] for k in cats]} for o in ds["origins"]],
        "format": "millions",
        "measure": "stock",  # end-of-year counts (see displacement-categories)
        "peaks_until": ds["peaks_until"],
        "value_units": ds["value_units"],
        "columns": ["year", "origin_iso", "origin", "refugees", "asylum_seekers", "other_in_need_of_protection", "total"],
    })
    e = out["events"]
    chart("timeline", "timeline", e["title"], e["y_label"], e["source"], {
        # To the page's as-of year, so the latest events have room.
        "span": [e["x"][0], max([e["x"][-1], e["span_end"]] + [v["year"] for v in e["events"]])],
        "x": e["x"],
        "series": {"name": e["series"], "values": e["values"]},
        "events": e["events"],
        "columns": ["year", "row", "name", "tiv_millions", "when_as_stated", "label", "quote"],
        "kinds": ["deliveries", "event"],
    })
    year = d["reference_year"]
    j = ds["years"].index(year) if year in ds["years"] else None
    unhcr = ds["source"]
    said = f"Stated figures: {source_name(d['source'])} ({d['source']['vintage']})."
    chart("displacement-check", "dot-plot",
          fill(w["title.displacement-check"], year=year), fill(w["units.displacement-check"], year=year),
          {**unhcr, "note": f"{unhcr['note']} {said}" if unhcr["note"] else said}, {
              "at": year,
              "claimed_at": c["year"],
              "rows": [{"name": k["label"], "key": k["iso"],
                        **({"origin": origin[k["iso"]]["name"]} if k["iso"] in origin else {}),
                        "note": k["note"], "claimed": k["millions"],
                        "measured": displaced(origin[k["iso"]], j) if k["iso"] in origin and j is not None else None,
                        "colour": origin[k["iso"]]["name"] if k["iso"] in origin else k["label"],
                        **({"not_comparable": True} if k["label"] in NOT_COMPARABLE else {})} for k in d["items"]],
              "step": 0.1,
              "value_units": ds["value_units"],
              "columns": ["as_stated", "origin_iso", "stated_millions", "unhcr_end_year", "unhcr_people", "verdict"],
          })
    ven = origin["VEN"]
    chart("displacement-categories", "stacked-bars",
          w["title.displacement-categories"], w["units.displacement-categories"], ds["source"], {
              "x": ds["years"],
              # The CSV names each category by a key, the same in every language.
              "series": [{"name": ds["categories"][i], "key": key, "values": ven[k]}
                         for i, (k, key) in enumerate(zip(cats, ("refugees", "asylum_seekers", "other_in_need_of_protection"), strict=True))],
              "format": "millions",
              "says": "parts",
              # UNHCR's counts are at the end of each year: stocks, never added up over years.
              "measure": "stock",
              "subject": ven["name"],
              "columns": ["year", "category", "people"],
          })
    a = out["arms_since"]
    chart("arms-since", "stacked-bars", a["title"], a["y_label"], a["source"], stacked("arms_since", "gaps", "supplier"))
    a = out["russia_exports"]
    chart("russia-exports", "stacked-bars", a["title"], a["y_label"], a["source"],
          stacked("russia_exports", "trend", "recipient_region", "series"))
    return charts


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
        seed_text = f.read()
    claims = commentary_figures(seed_text)
    events = commentary_events(seed_text)
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
        "dataset": "SIPRI Arms Transfers Database, TIV of arms exports by supplier, 1950\u20132021",
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
    for name in ["sipri_trade_register_2000-2030_generated_2025-01-03.csv",
                 "sipri_trade_register_deliveries_1995-2025_generated_2026-02-12.csv"]:
        register, label = read_trade_register(os.path.join(data_dir, "sipri_trade_register", name))
        by_sup = {}
        for r in register:
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

    # The last register read is the February 2026 one: the later sections all come from it.
    register_date = label
    def register_source(dataset, note):
        return {"publisher": "SIPRI", "dataset": dataset, "vintage": f"generated {register_date}",
                "url": "https://www.sipri.org/databases/armstransfers", "note": note}
    words = {"tables": month_year(generated), "register": month_year(register_date)}

    # --- Russia's deliveries by kind (trade register, Feb 2026 vintage) ---
    ven_name = "venezuela_arms_deliveries_sipri_register_2026-02.csv"
    if datetime.datetime.strptime(register_date, "%d %b %Y").strftime("%Y-%m") not in ven_name:
        sys.exit(f"{ven_name} is not from the register generated {register_date}")
    deliveries = read_register(os.path.join(data_dir, ven_name))
    # Cross-check: the Venezuela file holds exactly the register's rows for Venezuela (A5).
    def by_year_supplier(rows):
        out = {}
        for r in rows:
            key = (int(r["Delivery year"]), r["Supplier"])
            out[key] = round(out.get(key, 0.0) + tiv(r), 6)
        return out
    if by_year_supplier(deliveries) != by_year_supplier(r for r in register if r["Recipient"] == "Venezuela"):
        sys.exit(f"{ven_name} differs from the register's rows for Venezuela")
    kinds = {}
    russia_window = []
    for r in deliveries:
        if r["Supplier"] != "Russia" or not (first <= int(r["Delivery year"]) <= last):
            continue
        russia_window.append(r)
        k = kinds.setdefault(r["Armament category"], {"tiv": 0.0, "items": {}})
        k["tiv"] += tiv(r)
        item = k["items"].setdefault((r["Designation"], r["Description"]), {"number": 0, "tiv": 0.0})
        item["number"] += int(float(r["Numbers delivered"] or 0))
        item["tiv"] += tiv(r)
    russia_years = sorted({int(r["Delivery year"]) for r in deliveries if r["Supplier"] == "Russia"})
    categories = []
    for name, k in sorted(kinds.items(), key=lambda kv: -kv[1]["tiv"]):
        # The biggest by TIV first; equal TIV by designation.
        items = sorted(k["items"].items(), key=lambda kv: (-kv[1]["tiv"], kv[0]))
        categories.append({
            "name": name,
            "tiv": round(k["tiv"], 2),
            "examples": [{"designation": d, "description": desc, "number": v["number"], "tiv": round(v["tiv"], 1)}
                         for (d, desc), v in items[:4]],
        })
    listed = commentary_items(seed_text, russia_window)

    # --- Deliveries to Venezuela after the commentary's window (same register) ---
    s_first, s_last = SINCE
    since_years = list(range(s_first, s_last + 1))
    since = {}
    for r in deliveries:
        y = int(r["Delivery year"])
        if s_first <= y <= s_last:
            since.setdefault(r["Supplier"], {})
            since[r["Supplier"]][y] = since[r["Supplier"]].get(y, 0.0) + tiv(r)
    since_totals = {s: sum(v.values()) for s, v in since.items()}
    since_grand = sum(since_totals.values())
    if since_grand <= 0:
        sys.exit(f"no deliveries to Venezuela in {s_first}-{s_last}")
    since_ranked = sorted((s for s in since_totals if since_totals[s] > 0), key=lambda s: (-since_totals[s], s))
    # Russia is always named: the point of the chart is that its deliveries stopped.
    since_named = ["Russia"] + [s for s in since_ranked
                                if s != "Russia" and 100 * since_totals[s] / since_grand >= NAMED_SINCE_PCT]
    since_others = [s for s in since_ranked if s not in since_named]

    # --- Russia's deliveries to the world, by region of recipient ---
    exports = {}
    for r in register:
        if r["Supplier"] != "Russia" or not r["Delivery year"].strip():
            continue
        y = int(r["Delivery year"])
        if s_first <= y <= s_last:
            exports.setdefault(r["Recipient"], {})
            exports[r["Recipient"]][y] = exports[r["Recipient"]].get(y, 0.0) + tiv(r)
    region_of = place_recipients(sorted(exports))
    export_totals = {n: sum(v.values()) for n, v in exports.items()}
    export_series = []
    for region in (LATIN_AMERICA, AFRICA, REST):
        members = sorted((n for n in exports if region_of[n] == region), key=lambda n: (-export_totals[n], n))
        export_series.append({
            "name": region,
            "members": members,
            "tiv": [round(sum(exports[n].get(y, 0.0) for n in members), 2) for y in since_years],
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

    # "The largest refugee crises since 1980": every origin in UNHCR's file (B2), not only the
    # charted ones, ranked by its largest end-year count from 1980 to the year before the
    # commentary, on the same measure (refugees + asylum-seekers + others in need of protection).
    largest = {}
    with open(os.path.join(data_dir, "unhcr_by_origin_year_refugees-pkg-2025.12.1.csv"), newline="") as f:
        for r in csv.DictReader(f):
            y = int(r["year"])
            # UNHCR's rows for an unknown origin and for stateless people are not countries.
            if claims["since_year"] <= y < COMMENTARY["year"] and r["coo_iso"] not in ("UNK", "XXA"):
                n = sum(float(r[c] or 0) for c in cats)
                if n > largest.get(r["coo_iso"], (0, 0))[0]:
                    largest[r["coo_iso"]] = (n, y)
    ranked_origins = sorted(largest, key=lambda k: -largest[k][0])
    for iso in ranked_origins[:3]:
        if iso not in rows:
            sys.exit(f"{iso} is among the three largest origins since {claims['since_year']} but not charted (ORIGINS)")
        if rows[iso][largest[iso][1]] and sum(rows[iso][largest[iso][1]].values()) != round(largest[iso][0]):
            sys.exit(f"{iso}: the all-origins file and the selected-origins file differ in {largest[iso][1]}")

    out = {
        "schema": 1,
        "generated_by": "scripts/derive_data.py",
        "commentary": {**COMMENTARY, **{k: claims[k] for k in ("russia_share_pct", "russia_china_share_pct", "window", "since_year", "quotes")}},
        "arms_by_year": {
            **{k: v.format(first=first, last=last, **words) for k, v in CHART_TEXT["arms_by_year"].items()},
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
            **{k: v.format(first=first, last=last, **words) for k, v in CHART_TEXT["arms_shares"].items()},
            "source": tiv_source,
            "window": [first, last],
            "total_tiv": grand,
            "suppliers": [{"name": s, "tiv": totals[s], "share_pct": round(100 * totals[s] / grand, 2)} for s in ranked],
            "other_vintages": register_vintages,
        },
        "russia_by_category": {
            **{k: v.format(first=first, last=last, **words) for k, v in CHART_TEXT["russia_by_category"].items()},
            "source": register_source(
                "SIPRI Arms Transfers Database, trade register (deliveries to Venezuela)",
                f"Russia's recorded deliveries to Venezuela run from {russia_years[0]} to {russia_years[-1]}."),
            "window": [first, last],
            "delivery_years": [russia_years[0], russia_years[-1]],
            "categories": categories,
            "commentary_items": listed,
        },
        "displacement_claims": {
            **CHART_TEXT["displacement_claims"],
            "source": {
                "publisher": "RUSI",
                "dataset": f"commentary by {COMMENTARY['author']}, citing UNHCR",
                "vintage": str(COMMENTARY["year"]),
                "url": COMMENTARY["url"],
                "note": "The commentary's {:g} million for Russia are refugees from Ukraine.".format(
                    next(d["millions"] for d in claims["displacement"] if d["label"] == "Russia")),
            },
            "since_year": claims["since_year"],
            "reference_year": COMMENTARY["year"] - 1,  # the last end-year before publication
            "items": [
                {**d, "note": "refugees from Ukraine, attributed to Russia" if d["label"] == "Russia" else "",
                 "iso": claim_iso(d["label"])}
                for d in claims["displacement"]
            ],
        },
        "displacement_series": {
            **{k: v.format(first=s_years[0], last=s_years[-1]) for k, v in CHART_TEXT["displacement_series"].items()},
            "source": {
                "publisher": "UNHCR",
                "dataset": "Refugee Population Statistics Database, R package 'refugees', CC BY 4.0",
                "vintage": "2025.12.1, end-2025 update",
                "url": "https://www.unhcr.org/refugee-statistics/",
                "note": "Refugees + asylum-seekers + other people in need of international protection, end of year; null where UNHCR has no record for that origin and year.",
            },
            "years": s_years,
            "peaks_until": COMMENTARY["year"] - 1,
            # UNHCR's three categories as the charts name them, in the order they are stacked.
            "categories": ["Refugees", "Asylum-seekers", "Others in need of international protection"],
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
    # The timeline runs from the commentary's first year to the page's as-of year: Russia's
    # deliveries to Venezuela by the February 2026 register (to its last year), the events the
    # commentary dates, and the later events of data/events.csv it draws (TIMELINE_LATER).
    record = read_events(os.path.join(here, "..", "data", "events.csv"), AS_OF)
    later = {e["id"]: e for e in record["items"] if e["kind"] == "later"}
    missing = sorted(set(TIMELINE_LATER) - set(later))
    if missing:
        sys.exit(f"TIMELINE_LATER names events data/events.csv lacks: {missing}")
    tl_years = list(range(first, s_last + 1))
    russia_tl = {}
    for r in deliveries:
        if r["Supplier"] == "Russia" and first <= int(r["Delivery year"]) <= s_last:
            russia_tl[int(r["Delivery year"])] = russia_tl.get(int(r["Delivery year"]), 0.0) + tiv(r)
    out["events"] = {
        **{k: v.format(register=words["register"]) for k, v in CHART_TEXT["events"].items()},
        "source": register_source(
            "SIPRI Arms Transfers Database, trade register (deliveries to Venezuela)",
            f"Events: as the commentary by {COMMENTARY['author']} (RUSI, {COMMENTARY['year']}) dates them, "
            "and later events as news reports date them (see Sources)."),
        "series": "Russia",
        "x": tl_years,
        "values": [round(russia_tl.get(y, 0.0), 2) for y in tl_years],
        "span_end": int(AS_OF[:4]),
        "events": events + [
            {"id": i, "year": int(later[i]["date"][:4]), "when": long_date(later[i]["date"], "en"),
             "label": TIMELINE_LATER[i][0],
             "quote": f"{later[i]['sources'][0]['outlet']}: {later[i]['sources'][0]['headline']}"}
            for i in sorted(TIMELINE_LATER, key=lambda i: later[i]["date"])
        ],
        "later_es": {i: {"label": TIMELINE_LATER[i][1], "when": long_date(later[i]["date"], "es")} for i in TIMELINE_LATER},
    }
    out["arms_since"] = {
        **{k: v.format(first=s_first, last=s_last, **words) for k, v in CHART_TEXT["arms_since"].items()},
        "source": register_source("SIPRI Arms Transfers Database, trade register (deliveries to Venezuela)",
                                  "The latest years are provisional: SIPRI revises them as it learns of deliveries."),
        "years": since_years,
        "suppliers": by_year_series(since, since_years, since_named, since_others),
    }
    out["russia_exports"] = {
        **{k: v.format(first=s_first, last=s_last, **words) for k, v in CHART_TEXT["russia_exports"].items()},
        "source": register_source("SIPRI Arms Transfers Database, trade register (all deliveries)",
                                  "Regions of recipients by country_converter (UN regions). "
                                  "The latest years are provisional."),
        "years": since_years,
        "series": export_series,
    }
    out["largest"] = {"since": claims["since_year"], "top": ranked_origins[:3], "origins": len(largest)}
    out["theme"] = THEME
    out["words"] = WORDS
    if LOCALE != LOCALE_EN:  # else the engine's English number formats (defaults/en.json)
        out["locale"] = LOCALE
    if "Russia" not in named:
        sys.exit("events draw Russia's deliveries, but arms_by_year does not name Russia")
    out["charts"] = declare_charts(out)
    out["claims"] = declare_claims(out)
    out["values"] = declare_values(out)
    out["editions"] = declare_editions(out, os.path.join(os.path.dirname(os.path.abspath(__file__))))
    # The later events' labels on the timeline, in Spanish, from TIMELINE_LATER.
    out["editions"]["es"]["charts"]["timeline"].setdefault("events", {}).update(out["events"]["later_es"])
    # The sections the declarations were built from stay in this script.
    for section in ["commentary", "arms_by_year", "arms_shares", "russia_by_category", "displacement_claims",
                    "displacement_series", "events", "arms_since", "russia_exports", "largest"]:
        del out[section]
    out["events"] = record
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(args.out)}: {len(named)} named suppliers + {len(others)} others, "
          f"Russia {100 * totals['Russia'] / grand:.2f}%, Russia+China {100 * (totals['Russia'] + totals['China']) / grand:.2f}%")


if __name__ == "__main__":
    main()
