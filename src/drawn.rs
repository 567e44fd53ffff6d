//! A story as the reader's browser draws it: its charts, the view each step asks for, and what
//! each step says (its chart's label and description), worked out ahead of time.
//!
//! Why: checking a data file, binding the prose's figures and writing descriptions is work the
//! build already does (`make dist` refuses a story that fails it), and its code was most of the
//! .wasm. `make dist` compiles each page's story to a [`Drawn`] (`crate::compile`, the
//! `compile` binary) and stamps the data file's [`digest`] on the page; the reader's module
//! (the crate without its `checker` feature) reads only this, lays out, draws and animates. A
//! data file edited after the build no longer matches the stamp: the page then loads the
//! checker (the whole crate), which reads the file itself, names its problems and builds the
//! same [`Drawn`] in the browser. Either way the shell (`crate::web`) draws from a `Drawn`.

use crate::charts::{Chart, Cx, Format, Measure, Says, Scene, Theme};
use crate::locale::Locale;
use crate::map::Map;
use crate::spec::ThemeSpec;
use crate::view::{Layer, View};
use crate::words::Words;

/// Everything the reader's browser needs to draw a story's charts.
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    /// The [`digest`] of the data file the build compiled it from (empty when the checker
    /// compiled it in the browser: nothing compares it there).
    pub digest: String,
    /// The charts the steps show, whole.
    pub charts: Vec<Chart>,
    /// Chart id -> why it cannot be drawn, in the reader's words (only the checker, reading a
    /// broken file, has any: the build refuses one).
    pub unavailable: Map<String>,
    /// The words drawing and labels use (the file's, or its edition's).
    pub words: Words,
    pub locale: Locale,
    /// The chart colours; `None` when the file's theme is broken (drawn in greys).
    pub theme: Option<ThemeSpec>,
    /// The year the source under discussion was published, for the `publication` annotation.
    pub published: Option<u16>,
    /// One per `[data-step]` of the page, in order.
    pub steps: Vec<DrawnStep>,
}

/// What one step shows and says.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnStep {
    pub view: View,
    /// The canvas's label: the chart's title and what it emphasises.
    pub label: String,
    /// What the chart shows, for readers who cannot see it.
    pub description: String,
}

impl Drawn {
    /// The words, number formats and publication year the charts draw with.
    pub fn cx(&self) -> Cx<'_> {
        Cx { words: &self.words, loc: &self.locale, id: "", published: self.published }
    }

    /// Chart `id`, or why it cannot be drawn.
    pub fn chart(&self, id: &str) -> Result<&Chart, String> {
        if let Some(problem) = self.unavailable.get(id) {
            return Err(problem.clone());
        }
        self.charts.iter().find(|c| c.id == id).ok_or_else(|| format!("no chart \"{id}\""))
    }

    /// The chart `view` shows, resolved for drawing.
    pub fn scene<'a>(&'a self, view: &'a View) -> Scene<'a> {
        Scene { chart: self.chart(&view.chart), view }
    }

    /// The scenes of a frame's layers, each with its opacity: what `charts::draw_frame` draws.
    pub fn scenes<'a>(&'a self, layers: &'a [Layer]) -> Vec<(Scene<'a>, f64)> {
        crate::charts::scenes(layers, |id| self.chart(id))
    }

    /// The light or dark chart colours at `scale` device pixels per CSS pixel.
    pub fn chart_theme(&self, dark: bool, scale: f64) -> Theme {
        Theme::of(self.theme.as_ref(), dark, scale)
    }

    /// The compiled story's bytes, as the build writes it (`*.drawn.bin`; see crate::wire).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        crate::wire::Wire::put(self, &mut out);
        out
    }

    /// Reads what [`Drawn::to_bytes`] wrote; the error names the byte where it stopped making sense.
    pub fn from_bytes(bytes: &[u8]) -> Result<Drawn, String> {
        let mut r = crate::wire::Reader::new(bytes);
        let drawn = <Drawn as crate::wire::Wire>::take(&mut r);
        if r.bad || r.at() != bytes.len() {
            return Err(format!("unreadable at byte {}", r.at()));
        }
        Ok(drawn)
    }

    /// What a screen reader is told when the chart moves from step `prev` to step `next`: for
    /// another chart, its label and the first sentence of its description; for the same chart,
    /// only the sentences of its description that changed; nothing when nothing changed.
    pub fn announcement(&self, prev: Option<usize>, next: usize) -> String {
        let Some(to) = self.steps.get(next) else { return String::new() };
        let from = prev.and_then(|p| self.steps.get(p));
        announcement(from.map(|f| (f.description.as_str(), f.view.chart == to.view.chart)), &to.label, &to.description)
    }
}

/// The announcement of a change to a chart labelled `label` and described as `said`, from one
/// described as `before` (and whether that was the same chart). See [`Drawn::announcement`].
pub fn announcement(before: Option<(&str, bool)>, label: &str, said: &str) -> String {
    match before {
        Some((before, true)) => {
            let old = sentences(before);
            sentences(said).into_iter().filter(|s| !old.contains(s)).collect::<Vec<_>>().join(" ")
        }
        _ => {
            let first = sentences(said).into_iter().next().unwrap_or_default();
            let stop = if label.ends_with(['.', '!', '?']) { "" } else { "." };
            format!("{label}{stop} {first}").trim().to_string()
        }
    }
}

/// A description's sentences, each with its full stop: split after ". " (a decimal point has a
/// digit after it, not a space), but not after a capital letter, which ends an abbreviation
/// ("EE. UU.", "N.Y.") rather than a sentence.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        if i < start || text[..i].chars().next_back().is_some_and(char::is_uppercase) {
            continue;
        }
        out.push(text[start..=i].trim());
        start = i + 2;
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// The digest the build stamps on a page for its data file (`data-digest`): 32-bit FNV-1a over
/// the file's bytes, as 8 hex digits. It tells an edit from the file the page was built with
/// (www/lifeline.js computes the same over the file it fetches); it is not a defence against
/// anyone, who could as well edit the page.
pub fn digest(bytes: &[u8]) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("{h:08x}")
}

// The compiled story's binary form (crate::wire), type by type: every field, in this order.
crate::wire::wire! {
    crate::drawn::Drawn { digest, charts, unavailable, words, locale, theme, published, steps },
    crate::drawn::DrawnStep { view, label, description },
    crate::charts::Chart { id, title, subtitle, units, source, body, notes },
    crate::charts::Note { id, from, to, label },
    crate::view::View { chart, emphasis, dim, grow, window, annotate },
    crate::locale::Locale { decimal, group, group_from, percent, below, million, million_short, small },
    crate::spec::Source { publisher, dataset, vintage, url, note },
    crate::spec::Colours { background, text, muted, grid, others, series },
    crate::spec::ThemeSpec { light, dark },
    crate::charts::Bar { name, value, note, colour },
    crate::charts::Bars { rows, columns },
    crate::charts::Dot { name, key, origin, note, claimed, measured, colour, not_comparable },
    crate::charts::DotPlot { at, claimed_at, rows, step, value_units, columns },
    crate::charts::Example { designation, description, number, value },
    crate::charts::HBar { name, value, examples },
    crate::charts::HBars { window, rows, colour, columns },
    crate::charts::Line { name, key, values, parts },
    crate::charts::Lines { x, series, format, measure, peaks_until, value_units, columns },
    crate::charts::Part { name, share, members },
    crate::charts::ShareItem { name, value, share },
    crate::charts::Reference { names, value },
    crate::charts::ShareBar { window, parts, items, references, columns },
    crate::charts::Series { name, key, members, values },
    crate::charts::Stacked { x, series, format, says, measure, subject, columns },
    crate::charts::Event { id, year, when, label, quote },
    crate::charts::Timeline { span, x, series, events, columns, kinds },
    crate::charts::TitleCard { headline, dek, byline },
}

crate::wire::wire_enum! {
    Format { Thousands, Millions },
    Says { Totals, Gaps, Trend, Parts },
    Measure { Flow, Stock },
}

impl crate::wire::Wire for crate::spec::Hex {
    fn put(&self, out: &mut Vec<u8>) {
        crate::wire::Wire::put(&self.0, out);
    }
    fn take(r: &mut crate::wire::Reader) -> Self {
        crate::spec::Hex(crate::wire::Wire::take(r))
    }
}

impl crate::wire::Wire for crate::words::Words {
    fn put(&self, out: &mut Vec<u8>) {
        crate::wire::Wire::put(&self.0, out);
    }
    fn take(r: &mut crate::wire::Reader) -> Self {
        crate::words::Words(crate::wire::Wire::take(r))
    }
}
