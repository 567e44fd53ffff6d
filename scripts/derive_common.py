"""What every story's derivation script shares (see docs/data.md): the English words the stories
so far say alike, the English number formats, the colours of a chart's furniture, filling a
template, and country_converter's answers. A story's script adds its own words and series
colours, and overrides any of these: some common words are about arms transfers (the stories so
far are), and a story on other data says those its own way."""
import functools
import json
import logging
import os
import sys
import warnings

# The engine's words and number formats (defaults/<lang>.json, crate::data::defaults): a data
# file holds only the words a story says itself, and those it says its own way.
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENGINE = {}
for _lang in ("en", "es"):
    with open(os.path.join(ROOT, "defaults", f"{_lang}.json"), encoding="utf-8") as _f:
        ENGINE[_lang] = json.load(_f)
LOCALE_EN = ENGINE["en"]["locale"]

# The words the stories so far say alike where they differ from the engine's: they are about
# arms transfers, and a story on other data leaves them out.
COMMON_WORDS = {
    "table.value": "TIV, millions",
    "table.series_values": "Deliveries from {series}, TIV millions",
    "describe.trend.peak_and_fall": "Deliveries peaked in {x} at {peak} and were {value} in {last}, {fall} lower.",
    "describe.trend.by_series": "By region of recipient over these years: {list}.",
    "describe.trend.stops": "{name} received nothing after {x}.",
}


def own_words(words, lang="en"):
    """The words of `words` that the engine does not already say the same way in `lang`."""
    engine = ENGINE.get(lang, {}).get("words", {})
    return {k: v for k, v in words.items() if engine.get(k) != v}


# A chart's furniture in the light and dark themes (text 4.5:1 and marks 3:1 on the background,
# checked by `make check-data`): the engine's (defaults/theme.json); a story adds a colour per
# series and leaves the rest to it.
with open(os.path.join(ROOT, "defaults", "theme.json"), encoding="utf-8") as _f:
    FURNITURE = json.load(_f)


def story_words(own):
    """The story's words in its data file: the common ones and its own (its own win), in key
    order, leaving out what the engine already says the same way (defaults/en.json)."""
    return dict(sorted(own_words({**COMMON_WORDS, **own}).items()))


def theme(series):
    """The story's theme in its data file: its series' colours by theme ("light", "dark"); the
    furniture is the engine's (FURNITURE)."""
    return {name: {"series": series[name]} for name in ("light", "dark")}


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
