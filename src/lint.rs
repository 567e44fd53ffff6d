//! The checks made where a story is built (`make check-data`, `make dist`), for its editors:
//! every word the engine uses with only the slots it fills, each chart's opening sentence,
//! the editions' texts, the theme's contrast and the events record. They live here, above
//! everything they ask (descriptions, figures), and only in the native build: the browser
//! reads a file these checks have passed, and their lists and powers would cost the .wasm.

use crate::check::{check_locale, Checker};
use crate::data::{load, too_big, unusable, Dataset, Edition, MAX_BYTES};
use crate::msg::{DataError, Msg};
use crate::spec::{Hex, SectionSource};
use crate::words::Words;
use serde::de::DeserializeOwned;

/// The words the engine asks for, each with the slots its template may use.
pub const WORD_KEYS: [(&str, &[&str]); 108] = [
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
    ("describe.stock_by_series", &["x", "list"]),
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
    ("describe.trend.series_last", &["name", "x", "value"]),
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
pub const CHART_DESCRIBE_SLOTS: [&str; 12] = ["first", "last", "total", "list", "name", "year", "rows", "series", "n", "headline", "dek", "byline"];

/// The `{slot}` names a template uses, in order.
pub fn template_slots(template: &str) -> impl Iterator<Item = &str> {
    template.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|p| p.0)
}

/// WCAG 2.2 contrast ratio of two colours.
pub fn contrast(a: Hex, b: Hex) -> f64 {
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
    let (a, b) = (lum(a), lum(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// A data file read natively (`serde_json`), with the paths of serde's errors.
impl SectionSource for serde_json::Map<String, serde_json::Value> {
    fn parse_object(text: &str) -> Option<Self> {
        serde_json::from_str(text).ok()
    }
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

impl Dataset {
    /// Parses and checks a data file's text as the browser does, then with the build's checks;
    /// `file` names it in messages. Every problem is returned, and the dataset with its broken
    /// sections marked.
    pub fn load_json(file: &str, text: &str) -> (Dataset, Vec<DataError>) {
        let fatal = |problem: Msg| unusable(file, problem);
        if text.len() > MAX_BYTES {
            return fatal(too_big(text.len()));
        }
        match serde_json::from_str::<serde_json::Value>(text) {
            Err(e) => fatal(crate::msg!("not_json", "is not valid JSON: {detail}", detail = e)),
            Ok(serde_json::Value::Object(map)) => {
                let (mut d, mut errors) = load(file, &map);
                // A chart whose id is reserved is broken before the claims measured by it are asked.
                errors.extend(d.reserved_ids(file, map.get("charts")));
                errors.extend(crate::figures::check_measured(&mut d, file));
                let problems = d.lint();
                errors.extend(d.add_problems(file, problems));
                if let Some(Err(problems)) = map.get("events").map(crate::events::Record::from_value) {
                    errors.extend(problems.into_iter().map(|(path, problem)| DataError { path: format!("{file}: {path}"), problem: problem.into() }));
                }
                if errors.is_empty() {
                    errors.extend(d.unfilled_opening_slots(file));
                }
                (d, errors)
            }
            Ok(_) => fatal(crate::msg!("not_object", "is not a JSON object")),
        }
    }

    /// Like [`Dataset::load_json`], but any problem is an error.
    pub fn from_json(file: &str, text: &str) -> Result<Dataset, Vec<DataError>> {
        let (d, errors) = Dataset::load_json(file, text);
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }

    /// The build's checks of the sections the browser takes as they are: words, editions, theme.
    fn lint(&self) -> Vec<DataError> {
        let mut c = Checker::default();
        let ok = |s: &str| !self.broken.contains_key(s);
        if ok("words") {
            self.check_words(&mut c, &self.words, "words", ok("charts"));
        }
        if ok("editions") {
            for (lang, e) in &self.editions {
                self.check_edition(&mut c, lang, e, ok("charts"));
            }
        }
        if ok("theme") {
            self.check_contrast(&mut c);
        }
        c.into_errors()
    }

    /// Each edition in another language: its words and locale as the file's own, a text for
    /// every chart, and ids the file has.
    fn check_edition(&self, c: &mut Checker, lang: &str, e: &Edition, charts_ok: bool) {
        let at = format!("editions.{lang}");
        if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
            c.fail(at.clone(), "is not a language code (2 or 3 lower-case letters, as in lang=\"es\")");
        }
        self.check_words(c, &e.words, &format!("{at}.words"), charts_ok);
        if let Some(l) = &e.locale {
            check_locale(c, l, &format!("{at}.locale"));
        }
        for id in e.charts.keys().filter(|id| charts_ok && !self.chart_ids().contains(id)) {
            c.fail(format!("{at}.charts.{id}"), "is not a chart the file declares");
        }
        for ch in self.charts.iter().filter(|ch| charts_ok && !e.charts.contains_key(&ch.id)) {
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

    /// Text 4.5:1 and marks 3:1 on the background, in both themes (WCAG 2.2, 1.4.3 and 1.4.11).
    fn check_contrast(&self, c: &mut Checker) {
        for (name, t) in [("light", &self.theme.light), ("dark", &self.theme.dark)] {
            let mut need = |what: &str, colour: Hex, ratio: f64| {
                let r = contrast(colour, t.background);
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

    /// A chart's description opens with the words `describe.<id>`, which must not be a word the
    /// engine uses for something else. `charts` is the file's list, so the path is the chart's
    /// place in it.
    fn reserved_ids(&mut self, file: &str, charts: Option<&serde_json::Value>) -> Vec<DataError> {
        let mut errors = Vec::new();
        let declared = charts.and_then(serde_json::Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
        for (i, id) in declared.iter().enumerate().filter_map(|(i, c)| Some((i, c.get("id")?.as_str()?))) {
            if WORD_KEYS.iter().any(|(k, _)| k.strip_prefix("describe.") == Some(id)) {
                let e = DataError {
                    path: format!("{file}: charts[{i}].id"),
                    problem: format!(
                        "is \"{id}\": its description would be the words describe.{id}, which the engine uses for something else; choose another id"
                    )
                    .into(),
                };
                self.charts.retain(|c| c.id != id);
                self.broken.insert_if_absent(format!("chart:{id}"), || e.clone());
                errors.push(e);
            }
        }
        errors
    }

    /// A story's words (`words`, or an edition's): every word the engine uses with only the
    /// slots it fills, each chart's opening sentence, and no word it does not use.
    fn check_words(&self, c: &mut Checker, words: &Words, at: &str, charts_ok: bool) {
        for (key, slots) in WORD_KEYS {
            let Some(text) = words.0.get(key) else {
                c.fail(format!("{at}.{key}"), "is missing");
                continue;
            };
            // Every {slot} must be one the engine fills, or it would be printed as written.
            for slot in template_slots(text).filter(|s| !slots.contains(s)) {
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
            for slot in template_slots(text) {
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
                    if template_slots(t).any(|slot| slot != "year") {
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

    /// Each chart's opening description sentence (`describe.<data-chart>`) may use only the
    /// slots the engine fills for that chart. Which those are is asked of the engine itself: the
    /// chart is described once with every slot in its template, and the slots left as written
    /// are the ones it does not fill. Run on a whole file only (`make check-data`, `make dist`).
    fn unfilled_opening_slots(&self, file: &str) -> Vec<DataError> {
        use crate::story::StepSpec;
        use crate::view::View;
        let mut errors = Vec::new();
        for id in self.described_ids() {
            let key = format!("describe.{id}");
            let Some(text) = self.words.0.get(&key) else { continue };
            let mut probe = self.clone();
            probe.words.0.insert(key.clone(), CHART_DESCRIBE_SLOTS.iter().map(|s| format!("{{{s}}}")).collect::<Vec<_>>().join(" "));
            let Ok(view) = StepSpec::parse("probe", Some(&id), None, false).and_then(|spec| View::for_step(&spec, &probe, "probe")) else { continue };
            let said = crate::access::describe(&probe, &view);
            let filled: Vec<&str> = CHART_DESCRIBE_SLOTS.iter().copied().filter(|s| !said.contains(&format!("{{{s}}}"))).collect();
            for slot in template_slots(text) {
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
}
