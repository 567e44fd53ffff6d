"""What every story's derivation script shares (see docs/data.md): the English words the stories
so far say alike, the English number formats, the colours of a chart's furniture, filling a
template, and country_converter's answers. A story's script adds its own words and series
colours, and overrides any of these: some common words are about arms transfers (the stories so
far are), and a story on other data says those its own way."""
import functools
import logging
import sys
import warnings

# English number formats (the engine's `locale`; see src/locale.rs).
LOCALE_EN = {
    "decimal": ".",
    "group": ",",
    "percent": "{value}%",
    "below": "<{value}",
    "million": "{value} million",
    "million_short": "{value}m",
    "small": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
}

# The engine's words (src/lint.rs, WORD_KEYS) that the stories so far say alike.
COMMON_WORDS = {
    "source": "Source: {name} ({vintage})",
    "list.and": "and",
    "chart.label": "Chart: {title}",
    "chart.highlighting": ", highlighting {names}",
    "chart.unavailable": "This chart cannot be drawn",
    "chart.unavailable_note": "The text of the story is complete without it.",
    "title.label": "Title card: {title}",
    "bars.examples": "e.g. {list}",
    "stacked.peak": "Peak: {value} in {x}",
    "stacked.fall": "{from}–{to}: {value} a year on average",
    "stacked.none": "none",
    "lines.peak": "{value} in {x}",
    "verdict.matches": "Matches",
    "verdict.close": "Within 10%",
    "verdict.close_points": "Within 1 point",
    "verdict.differs": "Off by more than 10%",
    "verdict.differs_points": "Off by more than 1 point",
    "verdict.not_comparable": "Not comparable",
    "table.caption": "{title} ({source})",
    "table.show": "Show the data",
    "table.none": "This chart has no data table.",
    "table.year": "Year",
    "table.total": "Total",
    "table.no_record": "no record",
    "table.value": "TIV, millions",
    "table.share": "Share",
    "table.note": "Note",
    "table.series_values": "Deliveries from {series}, TIV millions",
    "table.outside": "outside the data",
    "table.stated": "Stated, millions",
    "table.verdict": "Verdict",
    "table.not_in_series": "not in the series",
    "table.not_checked": "not checked",
    "describe.unavailable": "This chart cannot be drawn: {problem}",
    "describe.highlighted": "Highlighted: {names}.",
    "describe.highlighted_together": "Highlighted: {names}, together {value}.",
    "describe.note": "Marked: {label} ({x}).",
    "describe.span": "{from}–{to}",
    "describe.faded": "Shown faded, behind text without a chart of its own. {text}",
    "describe.largest_year": "The largest year is {x}, with {value}.",
    "describe.no_record_before": "There is no record before {x}.",
    "describe.years_after_one": "{n} year after it",
    "describe.years_after": "{n} years after it",
    "describe.claim": "{name} {value} million",
    "describe.claim_note": "{name} {value} million ({note})",
    "describe.timeline.all_before": "Every event shown is dated {x} or earlier.",
    "describe.timeline.all_after": "Every event shown came later, the first being {event}, {gap}.",
    "describe.timeline.some_after": "{n} of the {total} events came later, starting with {event}, {gap}.",
    "describe.dots.row": "{name}: {stated} million stated, {measured} counted, verdict {verdict}",
    "describe.dots.tally_item": "{verdict} for {n}",
    "describe.dots.tally": "Of {n} figures checked: {list}.",
    "describe.trend.peak_and_fall": "Deliveries peaked in {x} at {peak} and were {value} in {last}, {fall} lower.",
    "describe.trend.peak_last": "The largest year is the last shown, {x}, with {value}.",
    "describe.trend.by_series": "By region of recipient over these years: {list}.",
    "describe.trend.stops": "{name} received nothing after {x}.",
    "describe.trend.series": "{name}: largest in {x} with {value}, and {last_value} in {last}.",
}

# A chart's furniture in the light and dark themes (text 4.5:1 and marks 3:1 on the background,
# checked by `make check-data`); a story adds a colour per series.
FURNITURE = {
    "light": {"background": "#ffffff", "text": "#1a1a1a", "muted": "#555555", "grid": "#e2e2e2", "others": "#767676"},
    "dark": {"background": "#121212", "text": "#ececec", "muted": "#b0b0b0", "grid": "#404040", "others": "#9a9a9a"},
}


def story_words(own):
    """The story's words: the common ones and its own (its own win), in key order."""
    return dict(sorted({**COMMON_WORDS, **own}.items()))


def theme(series):
    """The story's theme: the furniture, and its series' colours by theme ("light", "dark")."""
    return {name: {**FURNITURE[name], "series": series[name]} for name in ("light", "dark")}


def fill(template, **slots):
    """A template of the story's words with its {slots} filled, as the engine fills them."""
    out = template
    for k, v in slots.items():
        out = out.replace("{" + k + "}", str(v))
    return out


@functools.cache
def _converter():
    """country_converter, started once (it reads its tables with pandas: seconds)."""
    try:
        import country_converter as coco
    except ImportError:
        sys.exit("country_converter is missing: python3 -m pip install -r scripts/requirements.txt "
                 "(or bash scripts/setup.sh)")
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)  # it logs every miss
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return coco.CountryConverter()
        except Exception as e:  # e.g. coco 1.3.2 under pandas 3
            sys.exit(f"country_converter does not start ({type(e).__name__}: {e}): "
                     "python3 -m pip install -r scripts/requirements.txt")


def coco_convert(names, to):
    """country_converter's answer for each name (None where it has none), quietly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # src="regex": SIPRI gives names, never codes (coco would take "UAE" for an ISO3 code).
        got = _converter().convert(list(names), src="regex", to=to, not_found=None) if names else []
    if len(names) == 1:
        got = [got]
    return [g if isinstance(g, str) and g != n else None for n, g in zip(names, got, strict=True)]
