//! The model: a story's data file (`www/data/lifeline.json` for this one, written by
//! `scripts/derive_data.py`) as the [`Dataset`] every layer above reads.
//!
//! Parsing is serde's job; [`load`] reads the file section by section and chart by chart, and
//! adds the checks serde cannot make (equal lengths, finite non-negative values, ascending
//! years), so that a bad data file becomes a message naming the field rather than a panic or a
//! silently wrong chart. An edition in another language is put over the file's own words by
//! [`Dataset::in_language`].

pub mod defaults;
mod edition;
mod load;
mod validate;

pub use load::load;

use crate::charts::{Chart, Cx, Scene, Theme};
use crate::locale::Locale;
use crate::map::Map;
use crate::msg;
use crate::msg::{DataError, Msg};
use crate::spec::ThemeSpec;
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
    /// How it is written (see `locale::FORMATS`).
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
    /// Its own words, over the engine's in its language (crate::data::defaults).
    pub words: Words,
    /// Its number formats; the engine's for its language when left out.
    #[serde(default)]
    pub locale: Option<Locale>,
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
    /// How its numbers are written (see `locale::FORMATS`).
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
    /// The language of the file's own words (`"lang"`, English when left out): which of the
    /// engine's words and number formats it starts from (crate::data::defaults).
    pub lang: String,
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
/// A story in a language the engine has words for may leave out its `locale` (the engine's).
/// A story's `theme` too, when the engine's colours and greys for its series will do.
const OPTIONAL: [&str; 5] = ["theme", "locale", "claims", "values", "editions"];

/// A data file bigger than this is refused before it is parsed (the real one is about 20 KB).
pub const MAX_BYTES: usize = 1 << 20;

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
    /// What the charts need of the story besides a chart's data: its words, number formats and
    /// the year its source was published.
    pub fn cx(&self) -> Cx<'_> {
        Cx { words: &self.words, loc: &self.locale, id: "", published: self.published() }
    }

    /// The chart `view` shows, resolved: what drawing, labels and descriptions take, so none of
    /// them looks a chart up by its id. (Tables, downloads, figures and the steps' checks name a
    /// chart by id and ask [`Dataset::chart`].)
    pub fn scene<'a>(&'a self, view: &'a View) -> Scene<'a> {
        Scene { chart: self.chart(&view.chart), view }
    }

    /// The scenes of a frame's layers, each with its opacity: what `charts::draw_frame` draws.
    pub fn scenes<'a>(&'a self, layers: &'a [Layer]) -> Vec<(Scene<'a>, f64)> {
        crate::charts::scenes(layers, |id| self.chart(id))
    }

    /// The story's light or dark chart colours at `scale` device pixels per CSS pixel; greys when
    /// its theme is broken (the page says what is wrong).
    pub fn chart_theme(&self, dark: bool, scale: f64) -> Theme {
        Theme::of(self.problem("theme").is_none().then_some(&self.theme), dark, scale)
    }
}
