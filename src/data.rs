//! A story's data file (`www/data/lifeline.json` for this one, written by `scripts/derive_data.py`).
//!
//! Parsing is serde's job; this module adds the checks serde cannot make (equal lengths,
//! finite non-negative values, ascending years), so that a bad data file becomes a message
//! naming the field rather than a panic or a silently wrong chart.

use crate::map::Map;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

/// A message about the data or the page, in the reader's language: its key among the story's
/// words (`problem.<key>`), the English the engine falls back to, and its slots' values.
/// Kept unrendered until the words are known, since a file's problems are found before its
/// edition in another language is applied. A message with no key is English only (the checks
/// made where the file is built, for its editors: `check-data`, `make dist`).
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub key: &'static str,
    pub en: Cow<'static, str>,
    pub args: Vec<(&'static str, String)>,
}

/// `msg!("key", "English with {slot}", slot = value, ...)`: a [`Msg`].
#[macro_export]
macro_rules! msg {
    ($key:literal, $en:literal $(, $slot:ident = $val:expr)* $(,)?) => {
        $crate::data::Msg { key: $key, en: std::borrow::Cow::Borrowed($en), args: vec![$((stringify!($slot), $val.to_string())),*] }
    };
}

impl Msg {
    /// The message in `words`: their `problem.<key>` template if they have one, else English.
    /// A slot named `what` is a term, itself looked up as `problem.what.<term>`.
    pub fn in_words(&self, words: &Words) -> String {
        let template = (!self.key.is_empty()).then(|| words.0.get(&format!("problem.{}", self.key))).flatten();
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| match (*k, template) {
                ("what", Some(_)) => (*k, words.0.get(&format!("problem.what.{}", v.replace(' ', "_"))).cloned().unwrap_or_else(|| v.clone())),
                _ => (*k, v.clone()),
            })
            .collect();
        let slots: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill_template(template.map(String::as_str).unwrap_or(&self.en), &slots)
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_words(&Words::default()))
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Msg {
        Msg { key: "", en: Cow::Owned(s), args: Vec::new() }
    }
}

impl From<&'static str> for Msg {
    fn from(s: &'static str) -> Msg {
        Msg { key: "", en: Cow::Borrowed(s), args: Vec::new() }
    }
}

/// `template` with each `{slot}` replaced by its value, in one pass, so a value that itself
/// holds "{x}" is never filled again; a slot without a value stays as written.
pub fn fill_template(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| slots.iter().find(|(k, _)| *k == &after[..close]).map(|(_, v)| (close, v))) {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Publisher, dataset, vintage and link of one series: printed under every chart.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub dataset: String,
    pub vintage: String,
    pub url: String,
    #[serde(default)]
    pub note: String,
}

impl Source {
    /// Publisher and dataset, without repeating a publisher the dataset's name already holds.
    pub fn name(&self) -> String {
        if self.dataset.contains(&self.publisher) {
            self.dataset.clone()
        } else {
            format!("{}, {}", self.publisher, self.dataset)
        }
    }

    /// The one-line credit drawn under a chart, in the story's words.
    pub fn line(&self, words: &Words) -> String {
        words.fill("source", &[("name", &self.name()), ("vintage", &self.vintage)])
    }
}

/// A colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hex(pub [u8; 3]);

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hex, D::Error> {
        let s = String::deserialize(d)?;
        let bytes = s.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit())).and_then(|h| {
            let b = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
            Some([b(0)?, b(2)?, b(4)?])
        });
        bytes.map(Hex).ok_or_else(|| serde::de::Error::custom(format!("\"{s}\" is not a colour; write #rrggbb")))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Hex {
    /// WCAG 2.2 contrast ratio against another colour.
    pub fn contrast(self, other: Hex) -> f64 {
        let lum = |c: Hex| {
            let ch = |v: u8| {
                let v = v as f64 / 255.0;
                if v <= 0.04045 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(c.0[0]) + 0.7152 * ch(c.0[1]) + 0.0722 * ch(c.0[2])
        };
        let (a, b) = (lum(self), lum(other));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// One theme's colours: the chart's furniture, and one colour per series name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    pub background: Hex,
    pub text: Hex,
    pub muted: Hex,
    pub grid: Hex,
    /// Groups of small series, and any series the theme does not name.
    pub others: Hex,
    /// Series name -> colour, the same in every chart.
    pub series: Map<Hex>,
}

/// Every word the engine writes that is not data, as templates with `{slot}`s: chart furniture,
/// annotations, verdicts, labels. A story in another language changes these, not the Rust.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Words(pub Map<String>);

/// The words the engine asks for, each with the slots its template may use.
#[cfg(not(target_arch = "wasm32"))]
pub const WORD_KEYS: [(&str, &[&str]); 106] = [
    ("source", &["name", "vintage"]),
    ("list.and", &[]),
    ("chart.label", &["title"]),
    ("chart.highlighting", &["names"]),
    ("chart.unavailable", &[]),
    ("chart.unavailable_note", &[]),
    ("title.label", &["title"]),
    ("title.headline", &[]),
    ("title.dek", &["title"]),
    ("title.byline", &["author", "publisher", "year"]),
    ("share.all", &["n"]),
    ("share.reference", &["value"]),
    ("bars.examples", &["list"]),
    ("stacked.peak", &["value", "x"]),
    ("stacked.fall", &["from", "to", "value"]),
    ("stacked.last", &["series", "x"]),
    ("stacked.none", &[]),
    ("lines.peak", &["value", "x"]),
    ("annotation.publication", &[]),
    ("check.claimed", &["year"]),
    ("check.measured", &["year"]),
    ("check.no_record", &["year"]),
    ("verdict.matches", &[]),
    ("verdict.matches.meaning", &[]),
    ("verdict.close", &[]),
    ("verdict.close.meaning", &[]),
    ("verdict.close_points", &[]),
    ("verdict.close_points.meaning", &[]),
    ("verdict.differs", &[]),
    ("verdict.differs.meaning", &[]),
    ("verdict.differs_points", &[]),
    ("verdict.differs_points.meaning", &[]),
    ("verdict.not_comparable", &[]),
    ("verdict.not_comparable.meaning", &[]),
    ("describe.unavailable", &["problem"]),
    ("describe.highlighted", &["names"]),
    ("describe.highlighted_together", &["names", "value"]),
    ("describe.publication", &["year"]),
    ("describe.note", &["label", "x"]),
    ("describe.span", &["from", "to"]),
    ("describe.faded", &["text"]),
    ("describe.largest_year", &["x", "value"]),
    ("describe.no_record_before", &["x"]),
    ("describe.years_after_one", &["n"]),
    ("describe.years_after", &["n"]),
    ("describe.totals_by_series", &["list"]),
    ("describe.series_runs", &["name", "first", "last"]),
    ("describe.reference", &["value"]),
    ("describe.claim", &["name", "value"]),
    ("describe.claim_note", &["name", "value", "note"]),
    ("describe.highest_until", &["name", "until", "value", "x"]),
    ("describe.timeline.unknown_series", &["series"]),
    ("describe.timeline.one", &["series", "first", "last", "total", "n", "list"]),
    ("describe.timeline.none_dated", &["series", "first", "last", "total", "n", "list"]),
    ("describe.timeline.data_end", &["x"]),
    ("describe.timeline.no_values", &["series", "x"]),
    ("describe.timeline.last_before", &["series", "x"]),
    ("describe.timeline.last", &["series", "x"]),
    ("describe.timeline.all_before", &["x"]),
    ("describe.timeline.all_after", &["event", "gap", "n", "total"]),
    ("describe.timeline.some_after", &["event", "gap", "n", "total"]),
    ("describe.dots.other_origin", &["name", "origin"]),
    ("describe.dots.row", &["name", "stated", "measured", "verdict"]),
    ("describe.dots.row_unmeasured", &["name", "stated"]),
    ("describe.dots.tally_item", &["verdict", "n"]),
    ("describe.dots.tally", &["n", "list"]),
    ("describe.parts.no_origin", &["origin"]),
    ("describe.parts.no_record", &["name"]),
    ("describe.parts.split", &["x", "total", "c", "c_share", "c_name", "a", "a_share", "a_name", "b", "b_share", "b_name"]),
    ("describe.parts.counted_from", &["name", "x"]),
    ("describe.gaps.nothing", &[]),
    ("describe.gaps.from", &["list"]),
    ("describe.gaps.empty_years", &["runs", "n", "total"]),
    ("describe.gaps.none_from", &["list"]),
    ("describe.gaps.series_years", &["name", "runs"]),
    ("describe.trend.peak_and_fall", &["x", "peak", "value", "last", "fall"]),
    ("describe.trend.peak_last", &["x", "value"]),
    ("describe.trend.fall_before", &["year", "x", "fall"]),
    ("describe.trend.peak_year_before", &["year"]),
    ("describe.trend.peak_after", &["year"]),
    ("describe.trend.by_series", &["list"]),
    ("describe.trend.stops", &["name", "x"]),
    ("describe.trend.series", &["name", "x", "value", "last_value", "last"]),
    ("table.caption", &["title", "source"]),
    ("table.show", &[]),
    ("table.none", &[]),
    ("table.year", &[]),
    ("table.total", &[]),
    ("table.no_record", &[]),
    ("table.series", &[]),
    ("table.value", &[]),
    ("table.share", &[]),
    ("table.row", &[]),
    ("table.examples", &[]),
    ("table.as_named", &[]),
    ("table.claimed", &[]),
    ("table.note", &[]),
    ("table.series_values", &["series"]),
    ("table.events", &[]),
    ("table.outside", &[]),
    ("table.stated", &[]),
    ("table.origin", &[]),
    ("table.measured_at", &["year"]),
    ("table.verdict", &[]),
    ("table.not_in_series", &[]),
    ("table.not_checked", &[]),
];

/// Each chart (but the title card) also has `describe.<its data-chart>`, the first sentence of
/// its description, whose slots may be any of these.
#[cfg(not(target_arch = "wasm32"))]
pub const CHART_DESCRIBE_SLOTS: [&str; 12] = ["first", "last", "total", "list", "name", "year", "rows", "series", "n", "headline", "dek", "byline"];

impl Words {
    /// The template for `key`, or "" when the story lacks it (the data checks say so).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map(String::as_str).unwrap_or("")
    }

    /// How a name from the data is shown: the story's word `name.<name>`, else the name itself.
    /// An edition in another language translates names this way; the data keep them as keys
    /// (for `data-highlight`, the theme's colours and the figure keys).
    /// Called while drawing every frame, so it does not allocate: the `name.*` words are a range
    /// of the sorted map (empty in a story that translates nothing), scanned for this name.
    pub fn name<'a>(&'a self, n: &'a str) -> &'a str {
        self.0.from_key("name.", true).take_while(|(k, _)| k.starts_with("name.")).find(|(k, _)| &k["name.".len()..] == n).map(|(_, v)| v.as_str()).unwrap_or(n)
    }

    /// [`Words::name`] of each of `names`.
    pub fn names(&self, names: &[String]) -> Vec<String> {
        names.iter().map(|n| self.name(n).to_string()).collect()
    }

    /// The template for `key` with each `{slot}` replaced by its value.
    pub fn fill(&self, key: &str, slots: &[(&str, &str)]) -> String {
        fill_template(self.get(key), slots)
    }

    /// The `{slot}` names a template uses, in order.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn slots(template: &str) -> impl Iterator<Item = &str> {
        template.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|p| p.0)
    }

    /// "a, b and c", with the story's word for "and".
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            // Items that hold commas themselves ("6,6 millones", "47,000") are set apart with
            // semicolons, so the list's commas and the numbers' never blur.
            [rest @ .., last] => {
                let sep = if items.iter().any(|i| i.contains(',')) { "; " } else { ", " };
                format!("{} {} {last}", rest.join(sep), self.and_before(last))
            }
        }
    }

    /// The word for "and" before `next`: `list.and`, or `list.and.<start>` for the longest
    /// `<start>` that `next` begins with, letter case aside. A language whose "and" changes
    /// with the sound after it says so in its words (Spanish: "y", but "e" before i- and hi-,
    /// "y" again before hia-, hie-: "plata e incienso", "cobre y hierro").
    pub fn and_before(&self, next: &str) -> &str {
        let next = crate::text::lower(next);
        self.0
            .from_key("list.and", false)
            .take_while(|(k, _)| k.starts_with("list.and."))
            .filter(|(k, _)| next.starts_with(&k["list.and.".len()..]))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| self.get("list.and"))
    }
}

/// How the story writes numbers: one table per language, so no formatting rule is written
/// twice or chosen by a conditional (see `figures`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    /// Between whole and fraction: "." in English, "," in Spanish.
    pub decimal: String,
    /// Between groups of three digits: "," in English; a space, a thin space or "" elsewhere.
    pub group: String,
    /// The fewest digits a whole number has before its groups are marked: 4 in English
    /// ("5,539"), 5 in Spanish as the RAE and Fundéu write it ("5539", "10 000").
    #[serde(default = "four")]
    pub group_from: usize,
    /// A percentage from its number: "{value}%" or "{value} %".
    pub percent: String,
    /// A share too small to show: "<{value}".
    pub below: String,
    /// A count in millions, in words: "{value} million".
    pub million: String,
    /// A count in millions on an axis or a label: "{value}m".
    pub million_short: String,
    /// The numbers from zero to nine in words, for counts (`count` figures): empty, digits.
    #[serde(default)]
    pub small: Vec<String>,
}

impl Default for Locale {
    /// English conventions, for a story whose locale is missing or broken (the page says so).
    fn default() -> Locale {
        let s = |v: &str| v.to_string();
        Locale {
            decimal: s("."),
            group: s(","),
            group_from: 4,
            percent: s("{value}%"),
            below: s("<{value}"),
            million: s("{value} million"),
            million_short: s("{value}m"),
            small: Vec::new(),
        }
    }
}

/// The story's colours, for light and dark pages.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeSpec {
    pub light: Colours,
    pub dark: Colours,
}

/// What the story's source says, each claim with the expression it is checked against.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    /// The year the source was published (the `publication` annotation marks it).
    #[serde(default)]
    pub published: Option<u16>,
    pub items: Vec<ClaimSpec>,
}

/// One figure the source states, and how it is checked (`claim:ID`, `verdict:ID`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimSpec {
    /// What a figure key names, e.g. "first-share".
    pub id: String,
    /// As the source states it, in the unit of its `measured` expression (people, not millions).
    pub value: f64,
    /// How it is written (see `figures::FORMATS`).
    pub format: String,
    /// The figure key whose number the claim is checked against; none for a figure only quoted.
    #[serde(default)]
    pub measured: Option<String>,
    /// The last digit the source shows (1 for "70%", 100000 for "6.6 million"): within half of
    /// it the claim matches.
    #[serde(default = "one")]
    pub step: f64,
    /// Within this share of the measured value (0.1: 10%) the claim is close; beyond, it differs.
    #[serde(default = "tenth")]
    pub close: f64,
    /// For a share: within this many percentage points it is close (in place of `close`).
    #[serde(default)]
    pub points: Option<f64>,
    /// The figure measures something no data at the checked date can (people who fled after
    /// it, say): its verdict is "not comparable", whatever the numbers.
    #[serde(default)]
    pub not_comparable: bool,
}

/// The story in another language (`editions.<lang>`): its words and number formats, whole, and
/// the text of its charts and values. The figures are the file's own, so every edition binds the
/// same numbers; names shown are translated by the words `name.<name>` (see [`Words::name`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub words: Words,
    pub locale: Locale,
    /// Chart id -> its text in this language.
    #[serde(default)]
    pub charts: Map<ChartText>,
    /// Value id -> its words in this language (for `value.list`).
    #[serde(default)]
    pub values: Map<Vec<String>>,
}

/// A chart's text in another language; what is left empty stays as the file has it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartText {
    pub title: String,
    #[serde(default)]
    pub subtitle: String,
    #[serde(default)]
    pub units: String,
    /// The source's publisher (as the edition's language names it: an agency's acronym may
    /// differ from one language to another), dataset, vintage and note.
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub dataset: String,
    #[serde(default)]
    pub vintage: String,
    #[serde(default)]
    pub note: String,
    /// A timeline's events by id: their label and dating in this language.
    #[serde(default)]
    pub events: Map<EventText>,
    /// Notes by id: their label in this language.
    #[serde(default)]
    pub notes: Map<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventText {
    pub label: String,
    pub when: String,
}

impl Dataset {
    /// The story in language `lang`: the edition's words, locale and texts over the same
    /// figures. A language the file has no edition for gives the file's own.
    pub fn in_language(self, lang: &str) -> Dataset {
        // Taken by value, not cloned: a clone of every chart would cost the .wasm its code.
        let mut d = self;
        let Some(e) = d.editions.remove(lang) else { return d };
        d.editions.clear();
        d.words = e.words;
        d.locale = e.locale;
        for c in d.charts.iter_mut() {
            let Some(t) = e.charts.get(&c.id) else { continue };
            c.title = t.title.clone();
            if !t.subtitle.is_empty() {
                c.subtitle = t.subtitle.clone();
            }
            if !t.units.is_empty() {
                c.units = t.units.clone();
            }
            for (to, from) in [
                (&mut c.source.publisher, &t.publisher),
                (&mut c.source.dataset, &t.dataset),
                (&mut c.source.vintage, &t.vintage),
                (&mut c.source.note, &t.note),
            ] {
                if !from.is_empty() {
                    *to = from.clone();
                }
            }
            for n in c.notes.iter_mut() {
                if let Some(l) = t.notes.get(&n.id) {
                    n.label = l.clone();
                }
            }
            if let crate::charts::Body::Timeline(tl) = &mut c.body {
                for ev in tl.events.iter_mut() {
                    if let Some(x) = t.events.get(&ev.id) {
                        ev.label = x.label.clone();
                        ev.when = x.when.clone();
                    }
                }
            }
        }
        for v in d.values.iter_mut() {
            if let Some(w) = e.values.get(&v.id) {
                v.words = w.clone();
            }
        }
        d
    }
}

fn four() -> usize {
    4
}

fn one() -> f64 {
    1.0
}

fn tenth() -> f64 {
    0.1
}

/// A number, a list of numbers or a list of words the derivation script worked out, for the
/// prose (`value:ID`, `value.min:ID`, `value.list:ID`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedValue {
    pub id: String,
    #[serde(default)]
    pub numbers: Vec<f64>,
    #[serde(default)]
    pub words: Vec<String>,
    /// How its numbers are written (see `figures::FORMATS`).
    #[serde(default = "thousands")]
    pub format: String,
    /// Where it comes from and what it is, for the editor.
    pub note: String,
}

fn thousands() -> String {
    "thousands".into()
}

/// Everything in `lifeline.json`, assembled section by section by [`load`].
///
/// A section that fails to parse or validate is left at its default and named in
/// `broken`, so the charts that need it say so while every other chart still works.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub schema: u32,
    pub generated_by: String,
    /// What the story's source says, and what each claim is checked against.
    pub claims: Claims,
    /// Numbers and lists the derivation script worked out for the prose.
    pub values: Vec<NamedValue>,
    /// The story in other languages, by language code: the same figures, other words.
    pub editions: Map<Edition>,
    pub theme: ThemeSpec,
    pub words: Words,
    pub locale: Locale,
    /// The story's charts, as its data file declares them (`charts`), broken ones left out.
    pub charts: Vec<crate::charts::Chart>,
    /// Every chart id the file declares, broken charts' too, in file order.
    pub chart_order: Vec<String>,
    /// Section name (`chart:<id>` for a declared chart) -> the first problem found in it.
    pub broken: Map<DataError>,
}

/// The data file's sections, in file order.
pub const SECTIONS: [&str; 7] = ["theme", "words", "locale", "charts", "claims", "values", "editions"];

/// The sections a story may leave out: a story with no source to check has no claims.
const OPTIONAL: [&str; 3] = ["claims", "values", "editions"];

/// A data file bigger than this is refused before it is parsed (the real one is about 20 KB).
pub const MAX_BYTES: usize = 1 << 20;

/// Where sections come from: a parsed JSON object, natively or in the browser.
pub trait SectionSource {
    /// The top-level keys present.
    fn keys(&self) -> Vec<String>;
    /// Deserialises one top-level value; `None` when the key is absent. An error is
    /// (path inside the value, message).
    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Result<T, (String, String)>>;
    /// How many entries the top-level list `key` has; `None` when it is absent or not a list.
    fn count(&self, key: &str) -> Option<usize>;
    /// Deserialises entry `index` of the top-level list `key`, or its `field` when one is given;
    /// `None` when there is no such value.
    fn at<T: DeserializeOwned>(&self, key: &str, index: usize, field: Option<&str>) -> Option<Result<T, (String, String)>>;
}

/// serde's own message (in English: it comes from serde) in the story's frame.
fn serde_problem(detail: &str) -> Msg {
    msg!("invalid", "is not valid: {detail}", detail = detail)
}

/// Builds a [`Dataset`] from `src`, collecting every problem; `file` prefixes each message.
pub fn load(file: &str, src: &impl SectionSource) -> (Dataset, Vec<DataError>) {
    let mut d = Dataset::default();
    let mut errors = Vec::new();
    let mut err = |path: String, problem: Msg| errors.push(DataError { path: format!("{file}: {path}"), problem });
    let at_file = |path: &str, problem: Msg| DataError { path: format!("{file}: {path}"), problem };
    for k in src.keys() {
        // `events` is the build's alone (crate::events): the browser skips it unread.
        if !SECTIONS.contains(&k.as_str()) && k != "schema" && k != "generated_by" && k != "events" {
            err(
                k.clone(),
                msg!(
                    "unknown_field",
                    "is not a field of the data file (known: {known})",
                    known = format!("schema, generated_by, {}, events", SECTIONS.join(", "))
                ),
            );
        }
    }
    let mut broken = Map::new();
    macro_rules! section {
        ($name:literal, $field:ident) => {
            match src.get($name) {
                None if OPTIONAL.contains(&$name) => {}
                None => {
                    err($name.to_string(), msg!("missing", "is missing"));
                    broken.insert($name.to_string(), at_file($name, msg!("missing", "is missing")));
                }
                Some(Err((path, detail))) => {
                    let at = if path.is_empty() || path == "." { $name.to_string() } else { format!("{}.{}", $name, path) };
                    broken.insert($name.to_string(), at_file(&at, serde_problem(&detail)));
                    err(at, serde_problem(&detail));
                }
                Some(Ok(v)) => d.$field = v,
            }
        };
    }
    match src.get::<u32>("schema") {
        Some(Ok(1)) => d.schema = 1,
        Some(Ok(n)) => err("schema".into(), msg!("schema", "is {n}; this build reads schema 1", n = n)),
        Some(Err((_, m))) => err("schema".into(), serde_problem(&m)),
        None => err("schema".into(), msg!("missing", "is missing")),
    }
    if let Some(Ok(g)) = src.get::<String>("generated_by") {
        d.generated_by = g;
    }
    section!("theme", theme);
    section!("words", words);
    section!("locale", locale);
    load_charts(src, &mut d, &mut broken, &mut err, &at_file);
    section!("claims", claims);
    section!("values", values);
    section!("editions", editions);
    // The checks ask which charts the file declares, broken ones included.
    d.broken = broken.clone();
    if let Err(problems) = d.validate_sections(&broken) {
        for e in problems {
            let section = section_of(&e.path).to_string();
            broken.insert_if_absent(section, || at_file(&e.path, e.problem.clone()));
            err(e.path, e.problem);
        }
    }
    // A locale that fails its checks would misprint every number: English stands in (the page
    // says what is wrong).
    if broken.contains_key("locale") {
        d.locale = Locale::default();
    }
    d.broken = broken;
    (d, errors)
}

impl Dataset {
    /// The ids of the story's charts: those its data file declares, broken ones included.
    pub fn chart_ids(&self) -> Vec<String> {
        if self.chart_order.is_empty() {
            // A dataset built in code rather than read from a file.
            return self.charts.iter().map(|c| c.id.clone()).collect();
        }
        self.chart_order.clone()
    }

    /// The ids of the charts whose description opens with the story's `describe.<id>`: every
    /// whole one.
    pub fn described_ids(&self) -> Vec<String> {
        self.charts.iter().map(|c| c.id.clone()).collect()
    }

    /// Whether a step may name chart `id`: the data file declares it (whole or broken), or the
    /// file is too broken to say which charts it has.
    pub fn has_chart(&self, id: &str) -> bool {
        self.chart_ids().iter().any(|c| c == id) || (self.charts.is_empty() && self.problem("charts").is_some())
    }

    /// Chart `id` as the data file declares it, or why it cannot be drawn.
    pub fn chart(&self, id: &str) -> Result<&crate::charts::Chart, String> {
        if let Some(problem) = self.problem(&format!("chart:{id}")).or_else(|| self.problem("charts")) {
            return Err(problem.to_string());
        }
        self.charts.iter().find(|c| c.id == id).ok_or_else(|| format!("no chart \"{id}\" is declared in the data file's charts"))
    }

    /// The year the source under discussion was published, when the claims say it and are sound.
    pub fn published(&self) -> Option<u16> {
        self.problem("claims").is_none().then_some(self.claims.published).flatten()
    }
}

/// What every chart declaration has besides its type's data.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    title: String,
    #[serde(default)]
    subtitle: String,
    #[serde(default)]
    units: String,
    #[serde(default)]
    source: Source,
    #[serde(default)]
    notes: Vec<crate::charts::Note>,
    #[allow(dead_code)]
    data: serde::de::IgnoredAny,
}

/// A declaration's id, read on its own so a chart with other problems can still be named.
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// Reads `charts`: each declaration's head, then its data as its type's struct, then the type's
/// checks. A broken chart is recorded as `chart:<id>` in `broken`, so a step that shows it says
/// what is wrong while every other chart draws.
#[allow(clippy::too_many_lines)] // 81 lines: to be split by issue 30's drawing kit and layers
fn load_charts(
    src: &impl SectionSource,
    d: &mut Dataset,
    broken: &mut Map<DataError>,
    err: &mut impl FnMut(String, Msg),
    at_file: &impl Fn(&str, Msg) -> DataError,
) {
    let Some(n) = src.count("charts") else {
        let problem = if src.keys().iter().any(|k| k == "charts") { msg!("not_charts", "is not a list of charts") } else { msg!("missing", "is missing") };
        broken.insert("charts".into(), at_file("charts", problem.clone()));
        err("charts".into(), problem);
        return;
    };
    if n == 0 {
        let problem = msg!("no_charts", "is empty; a story needs at least one chart");
        broken.insert("charts".into(), at_file("charts", problem.clone()));
        err("charts".into(), problem);
    }
    for i in 0..n {
        let at = |p: &str| if p.is_empty() || p == "." { format!("charts[{i}]") } else { format!("charts[{i}].{p}") };
        let id = src.at::<IdOnly>("charts", i, None).and_then(Result::ok).map(|h| h.id);
        if let Some(id) = id.as_ref().filter(|id| !d.chart_order.contains(id)) {
            d.chart_order.push(id.clone());
        }
        let mut fail = |path: String, problem: Msg, broken: &mut Map<DataError>| {
            if let Some(id) = &id {
                broken.insert_if_absent(format!("chart:{id}"), || at_file(&path, problem.clone()));
            }
            err(path, problem);
        };
        let head = match src.at::<Head>("charts", i, None) {
            Some(Ok(h)) => h,
            Some(Err((p, m))) => {
                fail(at(&p), serde_problem(&m), broken);
                continue;
            }
            None => continue,
        };
        if d.charts.iter().any(|c| c.id == head.id) || broken.contains_key(&format!("chart:{}", head.id)) {
            // The first of the two stays as it is.
            err(at("id"), msg!("chart_id_twice", "is \"{id}\", as is an earlier chart's; ids must be unique", id = head.id));
            continue;
        }
        let body = match crate::charts::Body::read(&head.kind, src, i) {
            None => {
                let known = crate::charts::TYPES.join(", ");
                fail(at("type"), msg!("chart_type", "is \"{kind}\", which is not a chart type (known: {known})", kind = head.kind, known = known), broken);
                continue;
            }
            Some(Err((p, m))) => {
                let p = if p.is_empty() || p == "." { "data".to_string() } else { format!("data.{p}") };
                fail(at(&p), serde_problem(&m), broken);
                continue;
            }
            Some(Ok(b)) => b,
        };
        let chart =
            crate::charts::Chart { id: head.id, title: head.title, subtitle: head.subtitle, units: head.units, source: head.source, body, notes: head.notes };
        let mut c = Checker::default();
        c.id(&at("id"), &chart.id);
        // Its description opens with the words describe.<id>, which must not be a word the
        // engine uses for something else (checked where the file is built: the list costs bytes).
        #[cfg(not(target_arch = "wasm32"))]
        if WORD_KEYS.iter().any(|(k, _)| k.strip_prefix("describe.") == Some(chart.id.as_str())) {
            c.fail(
                at("id"),
                format!(
                    "is \"{}\": its description would be the words describe.{}, which the engine uses for something else; choose another id",
                    chart.id, chart.id
                ),
            );
        }
        c.text(&at("title"), &chart.title);
        if !chart.subtitle.is_empty() {
            c.text(&at("subtitle"), &chart.subtitle);
        }
        if chart.body.framed() {
            c.source(&at(""), &chart.source);
            c.text(&at("units"), &chart.units);
        }
        chart.body.check(&mut c, &at("data"));
        check_notes(&mut c, &chart, &at("notes"));
        let mut bad = false;
        for e in c.errors {
            bad = true;
            fail(e.path, e.problem, broken);
        }
        if !bad {
            d.charts.push(chart);
        }
    }
}

/// A chart's notes: only on types that draw them, each a unique id no annotation of the type
/// has, a label, and years inside the chart's time axis.
fn check_notes(c: &mut Checker, chart: &crate::charts::Chart, at: &str) {
    if chart.notes.is_empty() {
        return;
    }
    if !chart.body.takes_notes() {
        c.fail(at, msg!("notes_type", "is not empty; {kind} charts draw no notes (stacked-bars and lines do)", kind = chart.body.type_name()));
        return;
    }
    c.list(at, chart.notes.len(), 12);
    let span = chart.body.span();
    for (i, n) in chart.notes.iter().enumerate() {
        c.id(&format!("{at}[{i}].id"), &n.id);
        if chart.body.annotations().contains(&n.id.as_str()) {
            c.fail(
                format!("{at}[{i}].id"),
                msg!("note_annotation", "is \"{id}\", an annotation {kind} charts draw already; choose another id", id = n.id, kind = chart.body.type_name()),
            );
        } else if let Some(j) = chart.notes[..i].iter().position(|o| o.id == n.id) {
            c.fail(format!("{at}[{i}].id"), msg!("id_twice", "is \"{id}\", as is {other}; ids must be unique", id = n.id, other = format!("{at}[{j}].id")));
        }
        c.label(|| format!("{at}[{i}].label"), &n.label);
        let (a, b) = n.span();
        if n.to.is_some_and(|to| to < n.from) {
            c.fail(format!("{at}[{i}].to"), msg!("note_backwards", "is {to}, before from ({from}); a span runs forwards", to = b, from = n.from));
        } else if let Some((lo, hi)) = span.filter(|(lo, hi)| a < *lo || b > *hi) {
            c.fail(format!("{at}[{i}]"), msg!("note_outside", "covers {a}-{b}, outside the chart's years {lo}-{hi}", a = a, b = b, lo = lo, hi = hi));
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl SectionSource for serde_json::Map<String, serde_json::Value> {
    fn keys(&self) -> Vec<String> {
        self.keys().cloned().collect()
    }
    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Result<T, (String, String)>> {
        let v = serde_json::Map::get(self, key)?;
        Some(serde_path_to_error::deserialize(v).map_err(|e| (e.path().to_string(), e.inner().to_string())))
    }
    fn count(&self, key: &str) -> Option<usize> {
        serde_json::Map::get(self, key)?.as_array().map(Vec::len)
    }
    fn at<T: DeserializeOwned>(&self, key: &str, index: usize, field: Option<&str>) -> Option<Result<T, (String, String)>> {
        let v = serde_json::Map::get(self, key)?.get(index)?;
        let v = match field {
            Some(f) => v.get(f)?,
            None => v,
        };
        Some(serde_path_to_error::deserialize(v).map_err(|e| (e.path().to_string(), e.inner().to_string())))
    }
}

/// One problem found in the data file: where it is, and why it is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub path: String,
    pub problem: Msg,
}

impl DataError {
    /// The problem in `words` (the story's, in the reader's language); the path is the file's.
    pub fn in_words(&self, words: &Words) -> String {
        format!("{} {}", self.path, self.problem.in_words(words))
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.path, self.problem)
    }
}

/// A data file that cannot be used at all: every section broken, for one reason.
pub fn unusable(file: &str, problem: Msg) -> (Dataset, Vec<DataError>) {
    let mut d = Dataset::default();
    let e = DataError { path: file.to_string(), problem };
    for s in SECTIONS {
        d.broken.insert(s.to_string(), e.clone());
    }
    (d, vec![e])
}

/// The message for a file over [`MAX_BYTES`].
pub fn too_big(len: usize) -> Msg {
    msg!("too_big", "is {mb} MB; a data file over {kb} KB is refused", mb = format!("{:.1}", len as f64 / 1e6), kb = MAX_BYTES / 1024)
}

/// What is wrong with an amount, if anything: not finite, negative, or implausibly large.
fn amount_problem(v: f64, what: &str) -> Option<Msg> {
    let shown = if v.abs() >= 1e9 { format!("{v:e}") } else { format!("{v}") };
    if !v.is_finite() {
        Some(msg!("not_finite", "is {v}; {what} must be a finite number", v = v, what = what))
    } else if v < 0.0 {
        Some(msg!("negative", "is {v}; {what} cannot be negative", v = shown, what = what))
    } else if v > 1e10 {
        Some(msg!("too_large", "is {v}; {what} over ten billion is not plausible", v = shown, what = what))
    } else {
        None
    }
}

/// Collects every problem rather than stopping at the first, so an editor sees them all at once.
#[derive(Default)]
pub struct Checker {
    errors: Vec<DataError>,
}

impl Checker {
    /// Records a problem at `path`.
    pub fn fail(&mut self, path: impl Into<String>, problem: impl Into<Msg>) {
        self.errors.push(DataError { path: path.into(), problem: problem.into() });
    }

    pub fn amount(&mut self, path: impl Fn() -> String, v: f64, what: &str) {
        // The message is built outside this generic function, so each caller's copy stays small.
        if let Some(m) = amount_problem(v, what) {
            self.fail(path(), m);
        }
    }

    /// A list may hold at most `max` entries (none is fine).
    pub fn list_up_to(&mut self, path: &str, len: usize, max: usize) {
        if len > max {
            self.fail(path, msg!("too_many_listed", "has {n} entries; at most {max} can be listed", n = len, max = max));
        }
    }

    /// A list must hold 1 to `max` entries.
    pub fn list(&mut self, path: &str, len: usize, max: usize) {
        if len == 0 {
            self.fail(path, msg!("empty", "is empty; a chart needs at least one entry"));
        } else if len > max {
            self.fail(path, msg!("too_many", "has {n} entries; at most {max} can be drawn", n = len, max = max));
        }
    }

    pub fn years(&mut self, path: &str, years: &[u16]) {
        if years.is_empty() {
            self.fail(path, msg!("no_years", "is empty; a chart needs at least one year"));
        } else if years.len() > 200 {
            self.fail(path, msg!("too_many_years", "has {n} entries; at most 200 years can be drawn", n = years.len()));
        }
        for w in years.windows(2) {
            if w[1] <= w[0] {
                self.fail(path, msg!("years_order", "goes from {a} to {b}; years must ascend with no repeats", a = w[0], b = w[1]));
                break;
            }
        }
    }

    pub fn label(&mut self, path: impl Fn() -> String, s: &str) {
        let n = s.chars().count();
        if n == 0 || n > 80 {
            self.fail(path(), msg!("label_length", "has {n} characters; a label needs 1 to 80", n = n));
        } else if s.chars().any(char::is_control) {
            self.fail(path(), msg!("control", "holds a control character"));
        }
    }

    /// An id a page can name (`data-chart`, `data-highlight`): 1 to 40 of a-z, 0-9 and -.
    pub fn id(&mut self, path: &str, id: &str) {
        if !(1..=40).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            self.fail(path, msg!("bad_id", "is {id}; an id is 1 to 40 of a-z, 0-9 and -", id = format!("{id:?}")));
        }
    }

    /// Values by x: as many as there are x, each a plausible amount (`None` is no record).
    pub fn values(&mut self, path: &str, values: &[Option<f64>], x: &[u16], what: &str) {
        if values.len() != x.len() {
            self.fail(path, msg!("values_years", "has {n} values for {years} years", n = values.len(), years = x.len()));
        }
        for (j, v) in values.iter().enumerate() {
            if let Some(v) = v {
                let year = x.get(j).copied().unwrap_or(0);
                self.amount(|| format!("{path}[{year}]"), *v, what);
            }
        }
    }

    /// A chart's title or axis label: 1 to 160 characters, no control characters.
    pub fn text(&mut self, path: &str, s: &str) {
        let n = s.trim().chars().count();
        if n == 0 || n > 160 {
            self.fail(path, msg!("text_length", "has {n} characters; it needs 1 to 160", n = n));
        } else if s.chars().any(char::is_control) {
            self.fail(path, msg!("control", "holds a control character"));
        }
    }

    /// One year, within 1900-2100.
    pub fn year(&mut self, path: &str, y: u16) {
        if !(1900..=2100).contains(&y) {
            self.fail(path, msg!("year", "is {y}; a year must be within 1900-2100", y = y));
        }
    }

    /// A span of years, first to last.
    pub fn window(&mut self, path: &str, w: [u16; 2]) {
        if w[0] > w[1] || w[0] < 1900 || w[1] > 2100 {
            self.fail(path, msg!("window", "is {a}-{b}; it must run forwards, within 1900-2100", a = w[0], b = w[1]));
        }
    }

    pub fn source(&mut self, path: &str, s: &Source) {
        if s.publisher.trim().is_empty() || s.dataset.trim().is_empty() {
            self.fail(format!("{path}.source"), msg!("no_source", "names no publisher or dataset; every series needs a source"));
        }
    }
}

/// A number format table (`locale`, or an edition's): templates with their {value}, a decimal
/// mark that is not a digit and not the group mark.
fn check_locale(c: &mut Checker, l: &Locale, at: &str) {
    for (field, text) in [("percent", &l.percent), ("below", &l.below), ("million", &l.million), ("million_short", &l.million_short)] {
        if !text.contains("{value}") {
            c.fail(format!("{at}.{field}"), msg!("locale_value", "is \"{text}\"; it needs {value} where the number goes", text = text, value = "{value}"));
        }
    }
    if l.decimal.is_empty() || l.decimal == l.group || l.decimal.chars().any(|c| c.is_ascii_digit()) {
        c.fail(format!("{at}.decimal"), msg!("decimal", "is \"{text}\"; it must be a mark that is not a digit and not the group separator", text = l.decimal));
    }
    if l.group.chars().any(|c| c.is_ascii_digit()) {
        c.fail(format!("{at}.group"), msg!("group", "is \"{text}\"; digits cannot separate digits", text = l.group));
    }
}

impl Dataset {
    /// A story's words (`words`, or an edition's): every word the engine uses with only the
    /// slots it fills, each chart's opening sentence, and no word it does not use.
    #[cfg(not(target_arch = "wasm32"))]
    fn check_words(&self, c: &mut Checker, words: &Words, at: &str, charts_ok: bool) {
        for (key, slots) in WORD_KEYS {
            let Some(text) = words.0.get(key) else {
                c.fail(format!("{at}.{key}"), "is missing");
                continue;
            };
            // Every {slot} must be one the engine fills, or it would be printed as written.
            for slot in Words::slots(text).filter(|s| !slots.contains(s)) {
                let known = if slots.is_empty() { "none".to_string() } else { slots.join(", ") };
                c.fail(format!("{at}.{key}"), format!("has {{{slot}}}, which is not filled here (slots: {known})"));
            }
        }
        let charts: Vec<String> = self.described_ids().iter().map(|id| format!("describe.{id}")).collect();
        for key in &charts {
            let Some(text) = words.0.get(key) else {
                c.fail(format!("{at}.{key}"), "is missing");
                continue;
            };
            for slot in Words::slots(text) {
                if !CHART_DESCRIBE_SLOTS.contains(&slot) {
                    c.fail(format!("{at}.{key}"), format!("has {{{slot}}}, which is not filled here (slots: {})", CHART_DESCRIBE_SLOTS.join(", ")));
                }
            }
        }
        // A chart drawn from another chart's data has its title and units here, as
        // title.<data-chart> and units.<data-chart>, with the year it refers to.
        let mut titled = Vec::new();
        for id in self.chart_ids() {
            for part in ["title", "units"] {
                let key = format!("{part}.{id}");
                if let Some(t) = words.0.get(&key) {
                    if Words::slots(t).any(|slot| slot != "year") {
                        c.fail(format!("{at}.{key}"), "has a slot that is not filled here (slots: year)");
                    }
                    titled.push(key);
                }
            }
        }
        // A broken chart's opening sentence is still the story's.
        let declared: Vec<String> = self.chart_ids().iter().map(|id| format!("describe.{id}")).collect();
        // Which words are used depends on the charts: without them, none is called unused.
        // `name.<name>`: how a name from the data is shown (see `Words::name`); `list.and.<start>`:
        // "and" before a name that starts so (see `Words::and_before`); `problem.<key>`: a
        // message about the data or the page in the story's language (see `Msg`; tests/core.rs
        // checks that an edition has every one).
        let known = |k: &String| {
            WORD_KEYS.iter().any(|(w, _)| w == k)
                || charts.contains(k)
                || declared.contains(k)
                || titled.contains(k)
                || k.starts_with("name.")
                || k.starts_with("list.and.")
                || k.starts_with("problem.")
        };
        for key in words.0.keys().filter(|k| charts_ok && !known(k)) {
            c.fail(format!("{at}.{key}"), "is not a word the engine uses");
        }
    }
}

/// The section a problem's path is in: `"claims"` for `"claims.items[0].value"`.
fn section_of(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or("")
}

impl Dataset {
    /// Parses and validates a data file's text; `file` names it in messages. Every problem
    /// is returned, and the dataset with its broken sections marked.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load_json(file: &str, text: &str) -> (Dataset, Vec<DataError>) {
        let fatal = |problem: Msg| unusable(file, problem);
        if text.len() > MAX_BYTES {
            return fatal(too_big(text.len()));
        }
        match serde_json::from_str::<serde_json::Value>(text) {
            Err(e) => fatal(msg!("not_json", "is not valid JSON: {detail}", detail = e)),
            Ok(serde_json::Value::Object(map)) => {
                let (d, mut errors) = load(file, &map);
                if let Some(Err(problems)) = map.get("events").map(crate::events::Record::from_value) {
                    errors.extend(problems.into_iter().map(|(path, problem)| DataError { path: format!("{file}: {path}"), problem: problem.into() }));
                }
                if errors.is_empty() {
                    errors.extend(d.unfilled_opening_slots(file));
                }
                (d, errors)
            }
            Ok(_) => fatal(msg!("not_object", "is not a JSON object")),
        }
    }

    /// Each chart's opening description sentence (`describe.<data-chart>`) may use only the
    /// slots the engine fills for that chart. Which those are is asked of the engine itself: the
    /// chart is described once with every slot in its template, and the slots left as written
    /// are the ones it does not fill. Run on a whole file only (`make check-data`, `make dist`).
    #[cfg(not(target_arch = "wasm32"))]
    fn unfilled_opening_slots(&self, file: &str) -> Vec<DataError> {
        use crate::story::{StepSpec, View};
        let mut errors = Vec::new();
        for id in self.described_ids() {
            let key = format!("describe.{id}");
            let Some(text) = self.words.0.get(&key) else { continue };
            let mut probe = self.clone();
            probe.words.0.insert(key.clone(), CHART_DESCRIBE_SLOTS.iter().map(|s| format!("{{{s}}}")).collect::<Vec<_>>().join(" "));
            let Ok(view) = StepSpec::parse("probe", Some(&id), None, false).and_then(|spec| View::for_step(&spec, &probe, "probe")) else { continue };
            let said = crate::access::describe(&probe, &view);
            let filled: Vec<&str> = CHART_DESCRIBE_SLOTS.iter().copied().filter(|s| !said.contains(&format!("{{{s}}}"))).collect();
            for slot in Words::slots(text) {
                if CHART_DESCRIBE_SLOTS.contains(&slot) && !filled.contains(&slot) {
                    errors.push(DataError {
                        path: format!("{file}: words.{key}"),
                        problem: format!("has {{{slot}}}, which is not filled here (slots: {})", filled.join(", ")).into(),
                    });
                }
            }
        }
        errors
    }

    /// Like [`Dataset::load_json`], but any problem is an error.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(file: &str, text: &str) -> Result<Dataset, Vec<DataError>> {
        let (d, errors) = Dataset::load_json(file, text);
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }

    /// Why a section is unusable, if it is.
    pub fn problem(&self, section: &str) -> Option<String> {
        self.broken.get(section).map(|e| e.in_words(&self.words))
    }

    /// Checks what serde cannot: lengths, ranges, order, for every section not already broken.
    #[allow(clippy::too_many_lines)] // 88 lines: to be split by issue 30's drawing kit and layers
    fn validate_sections(&self, broken: &Map<DataError>) -> Result<(), Vec<DataError>> {
        let mut c = Checker::default();
        let ok = |s: &str| !broken.contains_key(s);
        if ok("locale") {
            check_locale(&mut c, &self.locale, "locale");
        }
        // The words are checked where the file is built and checked (`make check-data`; `make dist`
        // refuses a failing file): the list of every word and slot would cost the .wasm bytes,
        // and in the browser a missing word only leaves a label blank.
        #[cfg(not(target_arch = "wasm32"))]
        if ok("words") {
            self.check_words(&mut c, &self.words, "words", ok("charts"));
        }
        // Each edition in another language: its words and locale as the file's own, a text for
        // every chart, and ids the file has.
        #[cfg(not(target_arch = "wasm32"))]
        if ok("editions") {
            for (lang, e) in &self.editions {
                let at = format!("editions.{lang}");
                if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
                    c.fail(at.clone(), "is not a language code (2 or 3 lower-case letters, as in lang=\"es\")");
                }
                self.check_words(&mut c, &e.words, &format!("{at}.words"), ok("charts"));
                check_locale(&mut c, &e.locale, &format!("{at}.locale"));
                for id in e.charts.keys().filter(|id| ok("charts") && !self.chart_ids().contains(id)) {
                    c.fail(format!("{at}.charts.{id}"), "is not a chart the file declares");
                }
                for ch in self.charts.iter().filter(|ch| ok("charts") && !e.charts.contains_key(&ch.id)) {
                    c.fail(format!("{at}.charts"), format!("has no text for chart \"{}\"", ch.id));
                }
                for (id, t) in &e.charts {
                    c.text(&format!("{at}.charts.{id}.title"), &t.title);
                    let chart = self.charts.iter().find(|ch| &ch.id == id);
                    if let Some(crate::charts::Body::Timeline(tl)) = chart.map(|ch| &ch.body) {
                        for ev in tl.events.iter().filter(|ev| !t.events.contains_key(&ev.id)) {
                            c.fail(format!("{at}.charts.{id}.events"), format!("has no text for event \"{}\"", ev.id));
                        }
                    }
                }
                for id in e.values.keys().filter(|id| !self.values.iter().any(|v| &v.id == *id)) {
                    c.fail(format!("{at}.values.{id}"), "is not a value the file has");
                }
            }
        }
        // Contrast is checked where the file is built and checked (`make check-data`, `make dist`
        // refuses a failing file), not in the browser: its powers cost the .wasm about 2 KB.
        #[cfg(not(target_arch = "wasm32"))]
        if ok("theme") {
            for (name, t) in [("light", &self.theme.light), ("dark", &self.theme.dark)] {
                // Text 4.5:1 and marks 3:1 on the background (WCAG 2.2, 1.4.3 and 1.4.11).
                let mut need = |what: &str, colour: Hex, ratio: f64| {
                    let r = colour.contrast(t.background);
                    if r < ratio {
                        c.fail(format!("theme.{name}.{what}"), format!("has {r:.1}:1 contrast on the background; it needs {ratio}:1"));
                    }
                };
                need("text", t.text, 4.5);
                need("muted", t.muted, 4.5);
                need("others", t.others, 3.0);
                for (series, colour) in &t.series {
                    need(&format!("series.{series}"), *colour, 3.0);
                }
            }
        }
        if ok("claims") {
            self.check_claims(&mut c, broken);
        }
        if ok("values") {
            for (i, v) in self.values.iter().enumerate() {
                c.id(&format!("values[{i}].id"), &v.id);
                if let Err(e) = crate::figures::Format::named(&v.format) {
                    c.fail(format!("values[{i}].format"), msg!("invalid", "is not valid: {detail}", detail = e));
                }
                for (j, n) in v.numbers.iter().enumerate() {
                    if !n.is_finite() {
                        c.fail(format!("values[{i}].numbers[{j}]"), msg!("finite", "is {v}; it must be a finite number", v = n));
                    }
                }
                for (j, w) in v.words.iter().enumerate() {
                    c.label(|| format!("values[{i}].words[{j}]"), w);
                }
                if v.numbers.is_empty() == v.words.is_empty() {
                    c.fail(format!("values[{i}]"), msg!("numbers_or_words", "needs numbers or words, not both and not neither"));
                }
                if let Some(j) = self.values[..i].iter().position(|o| o.id == v.id) {
                    c.fail(
                        format!("values[{i}].id"),
                        msg!("id_twice", "is \"{id}\", as is {other}; ids must be unique", id = v.id, other = format!("values[{j}].id")),
                    );
                }
            }
        }
        if c.errors.is_empty() {
            Ok(())
        } else {
            Err(c.errors)
        }
    }

    /// Each claim: a unique id, a format, a step and a rule that make sense, and a `measured`
    /// expression that gives a number (asked only when the charts and values it reads are whole).
    fn check_claims(&self, c: &mut Checker, broken: &Map<DataError>) {
        let cl = &self.claims;
        if let Some(y) = cl.published {
            c.year("claims.published", y);
        }
        for (i, k) in cl.items.iter().enumerate() {
            let at = |f: &str| format!("claims.items[{i}].{f}");
            c.id(&at("id"), &k.id);
            if let Some(j) = cl.items[..i].iter().position(|o| o.id == k.id) {
                c.fail(at("id"), msg!("id_twice", "is \"{id}\", as is {other}; ids must be unique", id = k.id, other = format!("claims.items[{j}].id")));
            }
            if let Err(e) = crate::figures::Format::named(&k.format) {
                c.fail(at("format"), msg!("invalid", "is not valid: {detail}", detail = e));
            }
            if !k.value.is_finite() {
                c.fail(at("value"), msg!("finite", "is {v}; it must be a finite number", v = k.value));
            }
            if !(k.step > 0.0 && k.step.is_finite()) {
                c.fail(at("step"), msg!("step", "is {v}; the last digit shown must be above 0", v = k.step));
            }
            if !(0.0..=1.0).contains(&k.close) {
                c.fail(at("close"), msg!("close", "is {v}; a share of the measured value is 0 to 1", v = k.close));
            }
            if let Some(m) = &k.measured {
                match crate::figures::figure(self, m).and_then(|_| crate::figures::claim_verdict(self, &k.id)) {
                    // A chart's or a section's own problem has been reported where it is.
                    Err(e) if broken.values().any(|p| p.in_words(&self.words) == e) => {}
                    Err(e) => c.fail(at("measured"), msg!("unresolved", "is \"{expr}\", which does not resolve: {detail}", expr = m, detail = e)),
                    Ok(_) => {}
                }
            }
        }
    }
}
