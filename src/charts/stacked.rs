//! Stacked bars over x (years), one colour per series, with a window of years, a highlight and
//! annotations: the largest year, the fall after it, a highlighted series' last value, the
//! years with none, and the year the source was published.

use super::kit::{base_size, draw_notes, emph, fill_rect, halo_label, headroom, legend, line_px, nice_max, path, publication_line, put, text_width, wrap, Ink};
use super::plot::{Frame, Plot};
use super::{csv_field, csv_opt, ends, order_by, say, share_text, shown, Area, ChartType, Checker, Cx, DrawError, Res};
use crate::locale::fixed;
use crate::view::View;
use crate::words::Words;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Deserialize;

/// How values are written and drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Whole numbers, thousands grouped: "1,034".
    #[default]
    Thousands,
    /// Counts of people, drawn in millions ("5.6m") and written in full in tables.
    Millions,
}

impl Format {
    /// A value as a label on the chart, in the axis's units.
    pub fn fmt(self, loc: &crate::locale::Locale, v: f64) -> String {
        match self {
            Format::Thousands => loc.thousands(v),
            // Under 50,000 a tenth of a million would read "0.0m": the count itself, to the thousand.
            Format::Millions if v.abs() < 0.05 => loc.short_people(v * 1e6),
            Format::Millions => loc.millions_short(v, 1),
        }
    }
    /// A value on the chart's axis.
    pub fn scale(self, v: f64) -> f64 {
        match self {
            Format::Thousands => v,
            Format::Millions => v / 1e6,
        }
    }
    /// A value on the axis back in the values' own units.
    pub fn unscale(self, v: f64) -> f64 {
        match self {
            Format::Thousands => v,
            Format::Millions => v * 1e6,
        }
    }
    /// A value in a sentence.
    pub fn say(self, loc: &crate::locale::Locale, v: f64) -> String {
        match self {
            Format::Thousands => loc.thousands(v),
            Format::Millions => loc.people(v),
        }
    }
}

/// What a stacked chart's description observes, after its opening sentence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Says {
    /// The largest x, each series' total, and when a highlighted series has values.
    #[default]
    Totals,
    /// Who supplied, the largest x, the x with nothing at all, the series with nothing.
    Gaps,
    /// The peak and the fall after it, against the year the source was published.
    Trend,
    /// How the latest total splits into the (three) series.
    Parts,
}

/// What a stacked chart's values are: flows (what happened in a year, summable across years) or
/// stocks (a count at a date, such as a population at the end of a year, never summed across
/// years). Descriptions and figure expressions follow: a stock's "in all" is its latest count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    #[default]
    Flow,
    Stock,
}

/// One series of a stacked chart: its values by x (`null` where there is no record), and the
/// names it gathers when it is a group of the rest.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub name: String,
    /// The series' name in the CSV, where it differs from `name` (the same in every language).
    #[serde(default)]
    pub key: String,
    #[serde(default)]
    pub members: Vec<String>,
    pub values: Vec<Option<f64>>,
}

/// A stacked-bars chart.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stacked {
    pub x: Vec<u16>,
    pub series: Vec<Series>,
    #[serde(default)]
    pub format: Format,
    #[serde(default)]
    pub says: Says,
    /// Flows (the default) or stocks: see [`Measure`].
    #[serde(default)]
    pub measure: Measure,
    /// Whose counts the series split, for a `parts` description (a country, say).
    #[serde(default)]
    pub subject: String,
    /// The CSV's column names: the x, the series, the value.
    pub columns: [String; 3],
}

impl Stacked {
    /// A series' value at index `j`; none recorded counts as 0.
    pub fn at(&self, s: &Series, j: usize) -> f64 {
        s.values.get(j).copied().flatten().map_or(0.0, |v| self.format.scale(v))
    }

    /// All series together at index `j`, in the values' own units; `None` where none has a record.
    pub fn total(&self, j: usize) -> Option<f64> {
        // No allocation: the `gaps` annotation asks this of every year, every frame.
        self.series.iter().filter_map(|s| s.values.get(j).copied().flatten()).fold(None, |sum, v| Some(sum.unwrap_or(0.0) + v))
    }

    /// Totals by x in the axis's units.
    pub fn totals(&self) -> Vec<f64> {
        (0..self.x.len()).map(|j| self.series.iter().map(|s| self.at(s, j)).sum()).collect()
    }

    /// The x with the largest total within `[first, last]`: (index, total in the axis's units).
    /// The earlier of a tie wins.
    pub fn peak(&self, first: f64, last: f64) -> Option<(usize, f64)> {
        let t = self.totals();
        (0..self.x.len()).filter(|j| (self.x[*j] as f64) >= first - 0.01 && (self.x[*j] as f64) <= last + 0.01).map(|j| (j, t[j])).fold(
            None,
            |best: Option<(usize, f64)>, (j, v)| match best {
                Some((_, b)) if b >= v => best,
                _ => Some((j, v)),
            },
        )
    }

    fn raw(s: &Series, j: usize) -> f64 {
        s.values.get(j).copied().flatten().unwrap_or(0.0)
    }

    /// The last of `js` with a record of any series: where a stock is read.
    fn latest(&self, js: &[usize]) -> Option<usize> {
        js.iter().rev().copied().find(|&j| self.total(j).is_some())
    }

    /// A series over the x of `js`: summed for flows; for stocks, its count at the latest x
    /// with a record (a count at a date is never added to another date's).
    fn amount(&self, sr: &Series, js: &[usize]) -> f64 {
        match self.measure {
            Measure::Flow => js.iter().map(|&j| Self::raw(sr, j)).sum(),
            Measure::Stock => self.latest(js).map_or(0.0, |j| Self::raw(sr, j)),
        }
    }

    /// Whether a series has a figure to give over the x of `js`: any for flows; for stocks, a
    /// record at the latest x with one (no record is not a count of 0).
    fn counted(&self, sr: &Series, js: &[usize]) -> bool {
        match (self.measure, self.latest(js)) {
            (Measure::Stock, Some(j)) => sr.values.get(j).copied().flatten().is_some(),
            (Measure::Stock, None) => false,
            (Measure::Flow, _) => true,
        }
    }

    /// Every series over the x of `js`, as [`Stacked::amount`] takes one.
    fn amount_all(&self, js: &[usize]) -> f64 {
        match self.measure {
            Measure::Flow => js.iter().map(|&j| self.total(j).unwrap_or(0.0)).sum(),
            Measure::Stock => self.latest(js).and_then(|j| self.total(j)).unwrap_or(0.0),
        }
    }

    /// "Totals by …: {list}." for flows; "At the end of {x}: {list}." for stocks.
    fn by_series(&self, s: &mut String, w: &Words, flow_key: &str, js: &[usize], list: &[String]) {
        match (self.measure, self.latest(js)) {
            (Measure::Stock, Some(j)) => say(s, w, "describe.stock_by_series", &[("x", &self.x[j].to_string()), ("list", &w.list(list))]),
            _ => say(s, w, flow_key, &[("list", &w.list(list))]),
        }
    }
}

/// Ascending years as runs: [2017, 2018, 2019, 2021] -> "2017-2019", "2021".
fn runs(years: &[u16]) -> Vec<String> {
    let mut out: Vec<(u16, u16)> = Vec::new();
    for &y in years {
        match out.last_mut() {
            Some(r) if y == r.1 + 1 => r.1 = y,
            _ => out.push((y, y)),
        }
    }
    out.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect()
}

impl ChartType for Stacked {
    const NOTES: bool = true;

    fn series(&self) -> Vec<String> {
        self.series.iter().map(|s| s.name.clone()).collect()
    }

    fn span(&self) -> Option<(u16, u16)> {
        Some((*self.x.first()?, *self.x.last()?))
    }

    fn annotations(&self) -> &'static [&'static str] {
        &["peak", "fall", "last", "gaps", "publication"]
    }

    fn describe(&self, cx: &Cx, v: &View, chosen: &[String]) -> String {
        let mut s = match self.says {
            Says::Totals => self.describe_totals(cx, v, chosen),
            Says::Gaps => self.describe_gaps(cx, v, chosen),
            Says::Trend => self.describe_trend(cx, v, chosen),
            Says::Parts => self.describe_parts(cx, v),
        };
        if !chosen.is_empty() {
            say(&mut s, cx.words, "describe.highlighted", &[("names", &cx.words.list(&cx.words.names(chosen)))]);
        }
        s
    }

    fn table(&self, cx: &Cx) -> (Vec<String>, Vec<Vec<String>>) {
        let (w, f) = (cx.words, cx.loc);
        let mut headers = vec![w.get("table.year").to_string()];
        headers.extend(self.series.iter().map(|s| cx.words.name(&s.name).to_string()));
        headers.push(w.get("table.total").to_string());
        let cell = |v: Option<f64>| v.map(|v| f.thousands(v)).unwrap_or_else(|| w.get("table.no_record").to_string());
        let rows = self
            .x
            .iter()
            .enumerate()
            .map(|(j, y)| {
                let mut row = vec![y.to_string()];
                row.extend(self.series.iter().map(|s| cell(s.values.get(j).copied().flatten())));
                row.push(cell(self.total(j)));
                row
            })
            .collect();
        (headers, rows)
    }

    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut rows = Vec::new();
        for (j, y) in self.x.iter().enumerate() {
            for s in &self.series {
                // No row where there is no record for this series and year.
                let Some(v) = s.values.get(j).copied().flatten() else { continue };
                rows.push(vec![y.to_string(), csv_field(if s.key.is_empty() { &s.name } else { &s.key }), csv_opt(Some(v))]);
            }
        }
        (self.columns.to_vec(), rows)
    }

    fn check(&self, c: &mut Checker, at: &str) {
        c.years(&format!("{at}.x"), &self.x);
        c.list(&format!("{at}.series"), self.series.len(), 20);
        let named = self.series.iter().filter(|s| s.members.is_empty()).count();
        if named > super::NAMED_COLOURS {
            c.fail(
                format!("{at}.series"),
                crate::msg!("colours", "names {n} series; at most {max} can be told apart by colour (group the rest)", n = named, max = super::NAMED_COLOURS),
            );
        }
        for (i, s) in self.series.iter().enumerate() {
            c.label(|| format!("{at}.series[{i}].name"), &s.name);
            c.values(&format!("{at}.series[{i}].values"), &s.values, &self.x, "a value");
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
        draw_bars(self, area, v, ink)
    }
}

impl Stacked {
    /// The x of `js` with the largest total: (x, total); the earliest wins a tie.
    fn peak_of(&self, js: &[usize]) -> Option<(u16, f64)> {
        js.iter().map(|&j| (self.x[j], self.total(j).unwrap_or(0.0))).fold(None, |best, (y, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((y, v)),
        })
    }

    fn opening(&self, cx: &Cx, js: &[usize]) -> (String, f64) {
        let (first, last) = ends(&self.x, js);
        let all = self.amount_all(js);
        let s = cx
            .words
            .fill(&format!("describe.{}", cx.id), &[("first", &first.to_string()), ("last", &last.to_string()), ("total", &self.format.say(cx.loc, all))]);
        (s, all)
    }

    fn describe_totals(&self, cx: &Cx, v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let js = shown(v, &self.x);
        let (mut s, _) = self.opening(cx, &js);
        if let Some((y, val)) = self.peak_of(&js) {
            say(&mut s, w, "describe.largest_year", &[("x", &y.to_string()), ("value", &self.format.say(f, val))]);
        }
        let by: Vec<String> = self
            .series
            .iter()
            .filter(|sr| self.counted(sr, &js))
            .map(|sr| format!("{} {}", w.name(&sr.name), self.format.say(f, self.amount(sr, &js))))
            .collect();
        self.by_series(&mut s, w, "describe.totals_by_series", &js, &by);
        for name in chosen {
            if let Some(sr) = self.series.iter().find(|s| &s.name == name) {
                let years: Vec<u16> = js.iter().filter(|&&j| Self::raw(sr, j) > 0.0).map(|&j| self.x[j]).collect();
                if let (Some(a), Some(b)) = (years.first(), years.last()) {
                    say(&mut s, w, "describe.series_runs", &[("name", w.name(name)), ("first", &a.to_string()), ("last", &b.to_string())]);
                }
            }
        }
        s
    }

    fn describe_gaps(&self, cx: &Cx, v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let js = shown(v, &self.x);
        let (mut s, _) = self.opening(cx, &js);
        let totals: Vec<f64> = self.series.iter().map(|sr| self.amount(sr, &js)).collect();
        let empty: Vec<u16> = js.iter().filter(|&&j| self.total(j).is_some_and(|t| t <= 0.0)).map(|&j| self.x[j]).collect();
        if empty.len() == js.len() {
            say(&mut s, w, "describe.gaps.nothing", &[]);
            return s;
        }
        let largest_first = order_by(&totals.iter().map(|v| -v).collect::<Vec<_>>());
        let from: Vec<String> = largest_first
            .iter()
            .filter(|&&i| totals[i] > 0.0 && self.counted(&self.series[i], &js))
            .map(|&i| format!("{} {}", w.name(&self.series[i].name), self.format.say(f, totals[i])))
            .collect();
        self.by_series(&mut s, w, "describe.gaps.from", &js, &from);
        if let Some((y, val)) = self.peak_of(&js) {
            say(&mut s, w, "describe.largest_year", &[("x", &y.to_string()), ("value", &self.format.say(f, val))]);
        }
        if !empty.is_empty() {
            say(&mut s, w, "describe.gaps.empty_years", &[("runs", &w.list(&runs(&empty))), ("n", &empty.len().to_string()), ("total", &js.len().to_string())]);
        }
        // Nothing recorded over all the years shown, whatever the measure (a stock's latest
        // count of 0 is not "nothing in these years").
        let none: Vec<String> =
            self.series.iter().filter(|s| s.members.is_empty() && js.iter().all(|&j| Self::raw(s, j) <= 0.0)).map(|s| w.name(&s.name).to_string()).collect();
        if !none.is_empty() {
            say(&mut s, w, "describe.gaps.none_from", &[("list", &w.list(&none))]);
        }
        for sr in self.series.iter().filter(|s| chosen.contains(&s.name)) {
            let years: Vec<u16> = js.iter().filter(|&&j| Self::raw(sr, j) > 0.0).map(|&j| self.x[j]).collect();
            if !years.is_empty() {
                say(&mut s, w, "describe.gaps.series_years", &[("name", w.name(&sr.name)), ("runs", &w.list(&runs(&years)))]);
            }
        }
        s
    }

    fn describe_trend(&self, cx: &Cx, v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let js = shown(v, &self.x);
        let (first, last) = ends(&self.x, &js);
        let _ = first;
        let (mut s, all) = self.opening(cx, &js);
        let n = |v: f64| self.format.say(f, v);
        let at = |y: u16| js.iter().find(|&&j| self.x[j] == y).map(|&j| self.total(j).unwrap_or(0.0));
        if let (Some((py, pv)), Some(lv)) = (self.peak_of(&js), at(last)) {
            if py < last && pv > 0.0 {
                let slots = [("x", py.to_string()), ("peak", n(pv)), ("value", n(lv)), ("last", last.to_string()), ("fall", f.pct(100.0 * (pv - lv) / pv))];
                say(&mut s, w, "describe.trend.peak_and_fall", &slots.each_ref().map(|(k, v)| (*k, v.as_str())));
            } else {
                say(&mut s, w, "describe.trend.peak_last", &[("x", &py.to_string()), ("value", &n(pv))]);
            }
            if let Some(published) = cx.published.filter(|p| *p > 0) {
                let year = published.to_string();
                if py < published {
                    match at(published - 1) {
                        Some(before) if before < pv => {
                            let slots = [("year", year.clone()), ("x", (published - 1).to_string()), ("fall", f.pct(100.0 * (pv - before) / pv))];
                            say(&mut s, w, "describe.trend.fall_before", &slots.each_ref().map(|(k, v)| (*k, v.as_str())));
                        }
                        Some(_) => say(&mut s, w, "describe.trend.peak_year_before", &[("year", &year)]),
                        None => {}
                    }
                } else {
                    say(&mut s, w, "describe.trend.peak_after", &[("year", &year)]);
                }
            }
        }
        let totals: Vec<f64> = self.series.iter().map(|sr| self.amount(sr, &js)).collect();
        let parts: Vec<String> = self
            .series
            .iter()
            .zip(&totals)
            .filter(|(r, _)| self.counted(r, &js))
            .map(|(r, v)| format!("{} {} ({})", w.name(&r.name), n(*v), share_text(f, *v, all)))
            .collect();
        self.by_series(&mut s, w, "describe.trend.by_series", &js, &parts);
        // A series whose values stop before the last x shown.
        for r in &self.series {
            match js.iter().rposition(|&j| Self::raw(r, j) > 0.0) {
                Some(k) if k + 1 < js.len() => say(&mut s, w, "describe.trend.stops", &[("name", w.name(&r.name)), ("x", &self.x[js[k]].to_string())]),
                _ => {}
            }
        }
        for r in self.series.iter().filter(|r| chosen.contains(&r.name)) {
            let own: Vec<f64> = js.iter().map(|&j| Self::raw(r, j)).collect();
            let top = own.iter().enumerate().fold(None, |best: Option<(usize, f64)>, (k, v)| match best {
                Some((_, b)) if b >= *v => best,
                _ => Some((k, *v)),
            });
            if let (Some((k, val)), Some(lv)) = (top, own.last()) {
                // Largest in the last year shown: said once, not "largest in 2025 with 7, and 7 in 2025".
                if js[k] == *js.last().unwrap_or(&js[k]) {
                    let slots = [("name", w.name(&r.name)), ("x", &self.x[js[k]].to_string()), ("value", &n(val))];
                    say(&mut s, w, "describe.trend.series_last", &slots);
                    continue;
                }
                let slots = [
                    ("name", w.name(&r.name).to_string()),
                    ("x", self.x[js[k]].to_string()),
                    ("value", n(val)),
                    ("last_value", n(*lv)),
                    ("last", last.to_string()),
                ];
                say(&mut s, w, "describe.trend.series", &slots.each_ref().map(|(k, v)| (*k, v.as_str())));
            }
        }
        s
    }

    fn describe_parts(&self, cx: &Cx, v: &View) -> String {
        let (w, f) = (cx.words, cx.loc);
        let js = shown(v, &self.x);
        let (first, last) = ends(&self.x, &js);
        let names: Vec<String> = self.series.iter().map(|s| crate::text::lower(w.name(&s.name))).collect();
        let mut s = w.fill(
            &format!("describe.{}", cx.id),
            &[("name", w.name(&self.subject)), ("first", &first.to_string()), ("last", &last.to_string()), ("list", &w.list(&names))],
        );
        let recorded: Vec<usize> = js.iter().copied().filter(|&j| self.total(j).is_some()).collect();
        let (Some(&j0), Some(&j)) = (recorded.first(), recorded.last()) else {
            say(&mut s, w, "describe.parts.no_record", &[("name", w.name(&self.subject))]);
            return s;
        };
        let total = self.total(j).unwrap_or(0.0);
        let part = |i: usize| self.series.get(i).map_or(0.0, |s| Self::raw(s, j));
        let name = |i: usize| names.get(i).cloned().unwrap_or_default();
        let slots = [
            ("x", self.x[j].to_string()),
            ("total", f.people(total)),
            ("c", f.people(part(2))),
            ("c_share", share_text(f, part(2), total)),
            ("c_name", name(2)),
            ("a", f.people(part(0))),
            ("a_share", share_text(f, part(0), total)),
            ("a_name", name(0)),
            ("b", f.people(part(1))),
            ("b_share", share_text(f, part(1), total)),
            ("b_name", name(1)),
        ];
        let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
        say(&mut s, w, "describe.parts.split", &slots);
        if let Some(newest) = self.series.get(2) {
            if let Some(k) = js.iter().find(|&&k| Self::raw(newest, k) > 0.0) {
                say(&mut s, w, "describe.parts.counted_from", &[("name", &name(2)), ("x", &self.x[*k].to_string())]);
            }
        }
        if self.x[j0] > first {
            say(&mut s, w, "describe.no_record_before", &[("x", &self.x[j0].to_string())]);
        }
        s
    }
}

/// Draws `a` as stacked bars into `area` (below the chart's title), honouring the view's
/// window, emphasis and annotations.
fn draw_bars<DB: DrawingBackend>(a: &Stacked, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    // The legend on top, the plot below it.
    let t = ink.theme;
    let items: Vec<_> = a.series.iter().enumerate().map(|(i, s)| (ink.words.name(&s.name).to_string(), t.colour(&s.name), emph(v, i))).collect();
    let used = legend(area, &items, ink)?;
    let (w, h) = area.dim_in_pixel();
    let body = area.clone().shrink((0, used as u32), (w, h.saturating_sub(used as u32)));
    let (Some(&y0), Some(&y1)) = (a.x.first(), a.x.last()) else { return Ok(()) };
    let window = v.window.unwrap_or([y0 as f64, y1 as f64]);
    let l = layout(a, area, &body, window, v, ink)?;
    bars(a, &body, &l, v, ink)?;
    annotations(a, area, &l, v, ink)
}

/// Where a stacked chart's marks go: the plot and its scales, the window of years shown, and the sizes its labels take.
struct Layout {
    plot: Plot,
    /// The whole area's corner in the backend's pixels: labels are drawn on the area, not the plot.
    origin: (i32, i32),
    base: f64,
    first: f64,
    last: f64,
    /// The window's width in years, at least 1.
    span: f64,
    y_max: f64,
    /// Every year's total, in the axis's units.
    sums: Vec<f64>,
    /// The height of one row of labels across the top.
    row: i32,
    /// Whether the last-value or publication line's label takes the top row.
    line_labels: bool,
    /// How far the bars have grown, 0 to 1.
    grow: f64,
}

impl Layout {
    /// A point in years and the axis's units as pixels of the whole area.
    fn at(&self, x: f64, y: f64) -> (i32, i32) {
        let (px, py) = self.plot.at_abs(x, y);
        (px - self.origin.0, py - self.origin.1)
    }

    /// Keeps a label that starts at `x` inside the plot, anchored toward the side with room.
    fn side(&self, x: f64) -> HPos {
        if (x - self.first) / self.span > 0.6 {
            HPos::Right
        } else if (x - self.first) / self.span < 0.15 {
            HPos::Left
        } else {
            HPos::Center
        }
    }
}

/// Whether year `y` is within the window `[first, last]`.
fn within(y: u16, first: f64, last: f64) -> bool {
    (y as f64) >= first - 0.01 && (y as f64) <= last + 0.01
}

/// Whether the view asks for the annotation `name`.
fn asks(v: &View, name: &str) -> bool {
    v.annotate.iter().any(|a| a == name)
}

/// Lays out the plot in `body` (below the legend) over the years `[first, last]`, leaving room for the annotations asked for; draws its axes.
fn layout<DB: DrawingBackend>(a: &Stacked, area: &Area<DB>, body: &Area<DB>, [first, last]: [f64; 2], v: &View, ink: &Ink) -> Result<Layout, DrawError> {
    let unit = a.format;
    let t = ink.theme;
    let (w, _) = area.dim_in_pixel();
    let base = base_size(t, w);
    let sums = a.totals();
    let max_total = a.x.iter().zip(&sums).filter(|(y, _)| within(**y, first, last)).map(|(_, v)| *v).fold(0.0, f64::max);
    // Room above the tallest bar for the peak's label, and across the top for the labels
    // of the last-value and publication lines.
    let has = |n: &str| asks(v, n);
    let x_label_h = t.px(base * 1.8);
    let plot_h = body.dim_in_pixel().1 as i32 - x_label_h - t.px(6.0);
    let row = line_px(t, base * 0.85, 1.0) + t.px(8.0);
    let notes = ink.notes.iter().filter(|n| has(&n.id)).count() as i32;
    let top_rows = (has("last") as i32 + has("publication") as i32 + notes) * row;
    let y_max = nice_max(headroom(max_total * if has("peak") { 1.12 } else { 1.0 }, plot_h, top_rows));
    let narrow = (w as f64 / t.scale) < 520.0;
    let span = (last - first).max(1.0);
    // Whole millions unless the axis is short enough to need tenths.
    let tenths = y_max < 5.0;
    let y_fmt = |y: f64| match unit {
        Format::Millions if tenths => ink.loc.millions_short(y, 1),
        Format::Millions => ink.loc.millions_short(y, 0),
        Format::Thousands => ink.loc.thousands(y),
    };
    // Wide enough for the longest tick label ("10,000"), which sits right-aligned in it.
    let y_label_w = t.px(base * 3.0).max(text_width(area, &y_fmt(y_max), &ink.muted(base * 0.85)) + t.px(10.0));
    // The first year's label, centred under its bar, must clear the axis's "0": with many
    // narrow bars the axis starts a little before the first bar.
    let plot_w = (w as i32 - t.px(16.0) - y_label_w).max(1) as f64;
    let half_label = text_width(area, &fixed(first, 0), &ink.muted(base * 0.85)) as f64 / 2.0 + t.px(4.0) as f64;
    let lead = (half_label * (span + 0.6) / (plot_w - half_label).max(1.0)).max(0.6);
    let frame = Frame { top: t.px(6.0), right: t.px(12.0), left: t.px(4.0), x_label_h, y_label_w };
    let plot = Plot::new(body, frame, (first - lead, last + 0.6), (0.0, y_max));
    let x_labels = if narrow { 5 } else { 12 }.min(span as usize + 1);
    plot.year_mesh(body, ink, base, (x_labels, f64::MIN), 5, &y_fmt)?;
    let grow = v.grow.clamp(0.0, 1.0);
    let line_labels = has("last") || has("publication");
    Ok(Layout { plot, origin: area.get_base_pixel(), base, first, last, span, y_max, sums, row, line_labels, grow })
}

/// Draws each year's bar in the window, its series stacked from the axis up, and keeps each piece for the reader to point at.
fn bars<DB: DrawingBackend>(a: &Stacked, body: &Area<DB>, l: &Layout, v: &View, ink: &Ink) -> Res {
    let unit = a.format;
    let t = ink.theme;
    for (j, year) in a.x.iter().enumerate().filter(|(_, y)| within(**y, l.first, l.last)) {
        let mut bottom = 0.0;
        for (i, s) in a.series.iter().enumerate() {
            let val = a.at(s, j) * l.grow;
            if val <= 0.0 {
                continue;
            }
            let colour = ink.mark(t.colour(&s.name), emph(v, i));
            let x = *year as f64;
            let (a, b) = (l.plot.at_abs(x - 0.38, bottom + val), l.plot.at_abs(x + 0.38, bottom));
            fill_rect(body, [l.plot.at(x - 0.38, bottom), l.plot.at(x + 0.38, bottom + val)], colour)?;
            ink.keep_abs([a.0, a.1, b.0, b.1], ink.words.name(&s.name), &year.to_string(), unit.fmt(ink.loc, val));
            bottom += val;
        }
    }
    Ok(())
}

/// Draws the annotations the view asks for, in its order, then the story's own notes.
fn annotations<DB: DrawingBackend>(a: &Stacked, area: &Area<DB>, l: &Layout, v: &View, ink: &Ink) -> Res {
    for name in &v.annotate {
        match name.as_str() {
            "peak" => peak(a, area, l, ink)?,
            "fall" => fall(a, area, l, ink)?,
            "last" => last_value(a, area, l, v, ink)?,
            "gaps" => gaps(a, area, l, ink)?,
            "publication" => {
                let year = ink.published.map_or(f64::NAN, f64::from);
                if year >= l.first - 0.5 && year <= l.last + 0.5 {
                    publication_line(area, l.at(year, l.y_max * 0.97), l.at(year, 0.0), l.side(year), ink, l.base)?;
                }
            }
            _ => {}
        }
    }
    // The story's own notes, below the rows of the last-value and publication labels.
    let row_top = l.at(l.first, l.y_max * 0.97).1 + l.line_labels as i32 * l.row;
    let bottom = l.at(l.first, 0.0).1;
    draw_notes(area, v, ink, &|x| l.at(x, 0.0).0, (l.first, l.last), 0.4, (row_top, l.row, bottom), l.base)?;
    Ok(())
}

/// Labels the largest total in the window just above its bar.
fn peak<DB: DrawingBackend>(a: &Stacked, area: &Area<DB>, l: &Layout, ink: &Ink) -> Res {
    let Some((j, total)) = a.peak(l.first, l.last).filter(|p| p.1 > 0.0) else { return Ok(()) };
    let x = a.x[j] as f64;
    let label = ink.words.fill("stacked.peak", &[("value", &a.format.fmt(ink.loc, total)), ("x", &a.x[j].to_string())]);
    let (px, py) = l.at(x, total * l.grow);
    halo_label(area, &label, (px, py - ink.theme.px(4.0)), Pos::new(l.side(x), VPos::Bottom), ink.text(l.base * 0.85, true), ink)
}

/// Brackets the years after the peak, labelled with their average total.
fn fall<DB: DrawingBackend>(a: &Stacked, area: &Area<DB>, l: &Layout, ink: &Ink) -> Res {
    let t = ink.theme;
    let Some((j, _)) = a.peak(l.first, l.last) else { return Ok(()) };
    let after: Vec<usize> = (j + 1..a.x.len()).filter(|k| within(a.x[*k], l.first, l.last)).collect();
    let (Some(&k0), Some(&k1)) = (after.first(), after.last()) else { return Ok(()) };
    let avg = after.iter().map(|k| l.sums[*k]).sum::<f64>() / after.len() as f64;
    let top = after.iter().map(|k| l.sums[*k]).fold(0.0, f64::max) * l.grow;
    let y = top + l.y_max * 0.08;
    let (xa, ya) = l.at(a.x[k0] as f64 - 0.4, y);
    let (xb, _) = l.at(a.x[k1] as f64 + 0.4, y);
    let stroke = ink.c(t.text).stroke_width(t.px(1.2).max(1) as u32);
    path(area, vec![(xa, ya + t.px(5.0)), (xa, ya), (xb, ya), (xb, ya + t.px(5.0))], stroke)?;
    let label = ink.words.fill("stacked.fall", &[("from", &a.x[k0].to_string()), ("to", &a.x[k1].to_string()), ("value", &a.format.fmt(ink.loc, avg))]);
    // Wrapped to the bracket's width and stacked above it, so it stays over the years it describes.
    let style = ink.text(l.base * 0.85, true);
    let lines = wrap(area, &label, &style, ((xb - xa).max(t.px(90.0))) as u32);
    let line_h = (style.font.get_size() * 1.25).round() as i32;
    let (plot_l, plot_r) = (l.at(l.first - 0.6, 0.0).0, l.at(l.last + 0.6, 0.0).0);
    let cx = ((xa + xb) / 2).min(plot_r);
    for (n, line) in lines.iter().rev().enumerate() {
        let w = text_width(area, line, &style);
        let x = (cx - w / 2).min(plot_r - w).max(plot_l);
        halo_label(area, line, (x, ya - t.px(4.0) - line_h * n as i32), Pos::new(HPos::Left, VPos::Bottom), style.clone(), ink)?;
    }
    Ok(())
}

/// Writes "none" over each run of years in the window with a record of nothing.
fn gaps<DB: DrawingBackend>(a: &Stacked, area: &Area<DB>, l: &Layout, ink: &Ink) -> Res {
    let t = ink.theme;
    // Years with a record of nothing; a year with no record at all is not "none".
    let none: Vec<u16> = (0..a.x.len()).filter(|&j| within(a.x[j], l.first, l.last) && a.total(j).is_some_and(|t| t <= 0.0)).map(|j| a.x[j]).collect();
    // One label for each run of such years, centred on it, and none that would
    // run into the one before (narrow bars on a phone).
    let style = ink.muted(l.base * 0.75).pos(Pos::new(HPos::Center, VPos::Bottom));
    let word = ink.words.get("stacked.none");
    let lw = text_width(area, word, &style);
    let mut prev_right = i32::MIN;
    let mut k = 0;
    while k < none.len() {
        let mut end = k;
        while end + 1 < none.len() && none[end + 1] == none[end] + 1 {
            end += 1;
        }
        let (px, py) = l.at((none[k] as f64 + none[end] as f64) / 2.0, 0.0);
        // Only where the word fits between the bars either side of the run (a
        // longer word, as in another language, is left out, not drawn over them).
        let room = l.at(none[end] as f64 + 0.62, 0.0).0 - l.at(none[k] as f64 - 0.62, 0.0).0;
        if lw <= room && px - lw / 2 > prev_right + t.px(4.0) {
            put(area, word, (px, py - t.px(4.0)), &style, style.pos)?;
            prev_right = px + lw / 2;
        }
        k = end + 1;
    }
    Ok(())
}

/// One series highlighted: marks its last year with a value.
fn last_value<DB: DrawingBackend>(a: &Stacked, area: &Area<DB>, l: &Layout, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (first, last) = (l.first, l.last);
    let chosen: Vec<usize> = (0..a.series.len()).filter(|i| emph(v, *i) >= 0.5).collect();
    let [only] = chosen.as_slice() else { return Ok(()) };
    let s = &a.series[*only];
    let Some(year) = (0..a.x.len()).rposition(|j| a.at(s, j) > 0.0).and_then(|j| a.x.get(j)) else { return Ok(()) };
    let x = *year as f64 + 0.5;
    if x > last || x < first {
        return Ok(());
    }
    let top = l.at(x, l.y_max * 0.97);
    let bottom = l.at(x, 0.0);
    path(area, vec![top, bottom], ink.c(t.muted_text).stroke_width(t.px(1.0).max(1) as u32))?;
    // On the side of the line with more room, and kept inside the chart when neither side
    // has room for the whole label (a long label on a phone).
    let label = ink.words.fill("stacked.last", &[("series", ink.words.name(&s.name)), ("x", &year.to_string())]);
    let style = ink.text(l.base * 0.85, true);
    let lw = text_width(area, &label, &style);
    let (w, _) = area.dim_in_pixel();
    let right_half = (x - first) / l.span > 0.5;
    let fits_right = top.0 + t.px(5.0) + lw <= w as i32 - t.px(4.0);
    let fits_left = top.0 - t.px(5.0) - lw >= t.px(4.0);
    let left = match (right_half, fits_left, fits_right) {
        (true, true, _) | (false, true, false) => top.0 - t.px(5.0) - lw,
        (false, _, true) | (true, false, true) => top.0 + t.px(5.0),
        _ => (w as i32 - t.px(4.0) - lw).max(t.px(4.0)),
    };
    halo_label(area, &label, (left, top.1), Pos::new(HPos::Left, VPos::Top), style, ink)
}
