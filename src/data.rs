//! A story's data file (`www/data/lifeline.json` for this one, written by `scripts/derive_data.py`).
//!
//! Parsing is serde's job; this module adds the checks serde cannot make (equal lengths,
//! finite non-negative values, ascending years), so that a bad data file becomes a message
//! naming the field rather than a panic or a silently wrong chart.

use crate::charts::{Body, Chart, Cx, Note, Scene, Theme, TYPES};
use crate::check::{check_locale, Checker};
use crate::locale::{Format, Locale};
use crate::map::Map;
use crate::msg;
use crate::msg::{DataError, Msg};
use crate::spec::{SectionSource, Source, ThemeSpec};
use crate::view::{Layer, View};
use crate::words::Words;
use serde::Deserialize;

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
            if let Body::Timeline(tl) = &mut c.body {
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
    pub charts: Vec<Chart>,
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
    d.broken = broken;
    let problems = d.validate_sections();
    errors.extend(d.add_problems(file, problems));
    // A locale that fails its checks would misprint every number: English stands in (the page
    // says what is wrong).
    if d.broken.contains_key("locale") {
        d.locale = Locale::default();
    }
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
    pub fn chart(&self, id: &str) -> Result<&Chart, String> {
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
    notes: Vec<Note>,
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
        let body = match Body::read(&head.kind, src, i) {
            None => {
                let known = TYPES.join(", ");
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
        let chart = Chart { id: head.id, title: head.title, subtitle: head.subtitle, units: head.units, source: head.source, body, notes: head.notes };
        let mut c = Checker::default();
        c.id(&at("id"), &chart.id);
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
        for e in c.into_errors() {
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
fn check_notes(c: &mut Checker, chart: &Chart, at: &str) {
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

/// The section a problem's path is in: `"claims"` for `"claims.items[0].value"`.
fn section_of(path: &str) -> &str {
    path.split(['.', '[']).next().unwrap_or("")
}

impl Dataset {
    /// Why a section is unusable, if it is.
    pub fn problem(&self, section: &str) -> Option<String> {
        self.broken.get(section).map(|e| e.in_words(&self.words))
    }

    /// Records problems found by a check of the whole file (paths without the file's name):
    /// each one's section is marked broken, and the problems come back named by `file`.
    pub fn add_problems(&mut self, file: &str, problems: Vec<DataError>) -> Vec<DataError> {
        problems
            .into_iter()
            .map(|e| {
                let e = DataError { path: format!("{file}: {}", e.path), problem: e.problem };
                let section = section_of(e.path.split_once(": ").map_or(&e.path[..], |p| p.1)).to_string();
                self.broken.insert_if_absent(section, || e.clone());
                e
            })
            .collect()
    }

    /// Checks what serde cannot of the sections every reader's browser uses: the locale, claims
    /// and values. The words, editions and theme are checked where the file is built
    /// (crate::lint); a claim's measured expression by the figures (crate::figures).
    fn validate_sections(&self) -> Vec<DataError> {
        let mut c = Checker::default();
        let ok = |s: &str| !self.broken.contains_key(s);
        if ok("locale") {
            check_locale(&mut c, &self.locale, "locale");
        }
        if ok("claims") {
            self.check_claims(&mut c);
        }
        if ok("values") {
            self.check_values(&mut c);
        }
        c.into_errors()
    }

    /// Each value: an id, a format, finite numbers or labelled words (not both), a unique id.
    fn check_values(&self, c: &mut Checker) {
        for (i, v) in self.values.iter().enumerate() {
            c.id(&format!("values[{i}].id"), &v.id);
            if let Err(e) = Format::named(&v.format) {
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

    /// Each claim: a unique id, a format, a step and a rule that make sense.
    fn check_claims(&self, c: &mut Checker) {
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
            if let Err(e) = Format::named(&k.format) {
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
        }
    }
}

impl Dataset {
    /// What the charts need of the story besides a chart's data: its words, number formats and
    /// the year its source was published.
    pub fn cx(&self) -> Cx<'_> {
        Cx { words: &self.words, loc: &self.locale, id: "", published: self.published() }
    }

    /// The chart `view` shows, resolved once: the one place a view's chart id is looked up for
    /// drawing, labels, descriptions and tables.
    pub fn scene<'a>(&'a self, view: &'a View) -> Scene<'a> {
        Scene { chart: self.chart(&view.chart), view }
    }

    /// The scenes of a frame's layers, each with its opacity: what `charts::draw_frame` draws.
    pub fn scenes<'a>(&'a self, layers: &'a [Layer]) -> Vec<(Scene<'a>, f64)> {
        layers.iter().map(|l| (self.scene(&l.view), l.opacity)).collect()
    }

    /// The story's light or dark chart colours at `scale` device pixels per CSS pixel; greys when
    /// its theme is broken (the page says what is wrong).
    pub fn chart_theme(&self, dark: bool, scale: f64) -> Theme {
        Theme::of(self.problem("theme").is_none().then_some(&self.theme), dark, scale)
    }
}
