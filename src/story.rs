//! The story's steps and the chart state each one asks for.
//!
//! A step in `index.html` names its chart in attributes (`data-chart`, `data-highlight`,
//! `data-dim`), so the digital team can re-point a step without touching Rust. This module
//! turns those attributes into a [`View`]: a plain value that the drawing code renders and
//! that [`crate::view::Transition`] interpolates. Each step's view depends only on that step, never on
//! the steps before it, which is what lets a reload or a `#anchor` jump land straight on it.

/// Where a step becomes active: this fraction of the way down the part of the viewport that a
/// fixed header (`data-offset`, in CSS pixels) leaves, so `offset + (height - offset) * TRIGGER`.
/// The one trigger line: the observers, the scroll targets (`triggerLine`, www/*.js) and the CSS
/// (`--lifeline-trigger` in www/style.css, held equal by a native test) all use it; the iframe
/// helper (www/frame.js) is told by the iframe where to bring a step.
pub const TRIGGER: f64 = 0.6;

use crate::data::Dataset;
use crate::view::View;
use std::fmt;

/// A step's attributes as written in the HTML, before they are checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StepAttrs {
    pub id: String,
    pub chart: Option<String>,
    pub highlight: Option<String>,
    pub dim: bool,
    /// `data-window="2010-2021"`: the years a time axis shows.
    pub window: Option<String>,
    /// `data-annotate="peak,fall"`: annotations to draw.
    pub annotate: Option<String>,
}

/// What is wrong with a step's attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryError(pub crate::msg::Msg);

impl fmt::Display for StoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A step's chart request, as written in the HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct StepSpec {
    /// The id of a chart the story's data file declares.
    pub chart: String,
    /// Series names to emphasise; empty means all.
    pub highlight: Vec<String>,
    /// Draw the chart faded, behind a step that has no chart of its own.
    pub dim: bool,
    /// The years a time axis shows; `None` shows them all.
    pub window: Option<[u16; 2]>,
    /// Annotations to draw, from those the chart's type can draw.
    pub annotate: Vec<String>,
}

impl StepSpec {
    /// Reads a step's attributes; `id` names the step in messages.
    pub fn parse(id: &str, chart: Option<&str>, highlight: Option<&str>, dim: bool) -> Result<StepSpec, StoryError> {
        let chart = chart.unwrap_or("").trim();
        if chart.is_empty() {
            return Err(StoryError(crate::msg!("step_no_chart", "step \"{id}\": data-chart is missing; name one of the story's charts", id = id)));
        }
        Ok(StepSpec { chart: chart.to_string(), highlight: list(highlight), dim, window: None, annotate: vec![] })
    }

    /// Reads every attribute of a step: chart, highlight, dim, window and annotations.
    pub fn from_attrs(a: &StepAttrs) -> Result<StepSpec, StoryError> {
        let id = &a.id;
        let mut spec = StepSpec::parse(id, a.chart.as_deref(), a.highlight.as_deref(), a.dim)?;
        if let Some(w) = a.window.as_deref().map(str::trim).filter(|w| !w.is_empty()) {
            let years: Vec<Option<u16>> = w.split(['-', '\u{2013}']).map(|y| y.trim().parse().ok()).collect();
            match years.as_slice() {
                [Some(a), Some(b)] if a < b => spec.window = Some([*a, *b]),
                _ => {
                    return Err(StoryError(crate::msg!(
                        "step_window",
                        "step \"{id}\": data-window is \"{w}\"; write two years, first to last, such as \"2010-2021\"",
                        id = id,
                        w = w
                    )))
                }
            }
        }
        spec.annotate = list(a.annotate.as_deref());
        Ok(spec)
    }
}

/// A comma-separated attribute as a list, blanks dropped.
fn list(s: Option<&str>) -> Vec<String> {
    s.unwrap_or("").split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// The names of a chart's series, in drawing order: what `data-highlight` may name (none for a
/// chart whose data is broken).
pub fn series_names(data: &Dataset, chart: &str) -> Vec<String> {
    data.chart(chart).map(|c| c.body.series()).unwrap_or_default()
}

impl View {
    /// The settled state a step asks for. Names in `data-highlight` that the data lacks are
    /// an error, so that a typo never draws a silently wrong emphasis.
    pub fn for_step(spec: &StepSpec, data: &Dataset, id: &str) -> Result<View, StoryError> {
        if !data.has_chart(&spec.chart) {
            return Err(StoryError(crate::msg!(
                "step_chart",
                "step \"{id}\": data-chart is \"{chart}\", which is not a chart (known: {known})",
                id = id,
                chart = spec.chart,
                known = data.chart_ids().join(", ")
            )));
        }
        // A chart whose data is broken says so when drawn; its highlight, window and
        // annotations cannot be checked.
        let chart = data.chart(&spec.chart).ok();
        let checkable = chart.is_some();
        let names = chart.as_ref().map(|c| c.body.series()).unwrap_or_default();
        let full = chart.as_ref().and_then(|c| c.body.span());
        if let Some(c) = &chart {
            if spec.window.is_some() && full.is_none() {
                return Err(StoryError(crate::msg!("step_no_axis", "step \"{id}\": data-window is set, but {chart} has no time axis", id = id, chart = c.id)));
            }
            // The type's own annotations, then the notes the chart declares.
            let known: Vec<&str> = c.body.annotations().iter().copied().chain(c.notes.iter().map(|n| n.id.as_str())).collect();
            if let Some(bad) = spec.annotate.iter().find(|n| !known.contains(&n.as_str())) {
                let known = if known.is_empty() { "\u{2014}".to_string() } else { known.join(", ") };
                return Err(StoryError(crate::msg!(
                    "step_annotate",
                    "step \"{id}\": data-annotate names \"{bad}\", which {chart} cannot draw (known: {known})",
                    id = id,
                    bad = bad,
                    chart = c.id,
                    known = known
                )));
            }
        }
        for h in spec.highlight.iter().filter(|_| checkable) {
            if !names.iter().any(|n| n == h) {
                return Err(StoryError(crate::msg!(
                    "step_highlight",
                    "step \"{id}\": data-highlight names \"{h}\", which is not a series of {chart} (known: {known})",
                    id = id,
                    h = h,
                    chart = spec.chart,
                    known = names.join(", ")
                )));
            }
        }
        let emphasis = names.iter().map(|n| if spec.highlight.is_empty() || spec.highlight.contains(n) { 1.0 } else { 0.0 }).collect();
        let window = match (spec.window, full) {
            (Some([a, b]), Some((lo, hi))) if a >= lo && b <= hi => Some([a as f64, b as f64]),
            (Some([a, b]), Some((lo, hi))) => {
                return Err(StoryError(crate::msg!(
                    "step_window_outside",
                    "step \"{id}\": data-window is {a}-{b}, outside the data's years {lo}-{hi}",
                    id = id,
                    a = a,
                    b = b,
                    lo = lo,
                    hi = hi
                )))
            }
            (_, full) => full.map(|(lo, hi)| [lo as f64, hi as f64]),
        };
        Ok(View { chart: spec.chart.clone(), emphasis, dim: if spec.dim { 1.0 } else { 0.0 }, grow: 1.0, window, annotate: spec.annotate.clone() })
    }
}
