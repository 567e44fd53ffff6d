//! Lines over x (years), one per series, broken where there is no record; the highlighted
//! ones in their colours, the rest grey; each named at its end, with its peak up to a year
//! marked on request.

use super::kit::{base_size, emph, line_px, mix, nice_max, year_mesh, Ink};
use super::{csv_field, csv_opt, ends, order_by, say, shown, Area, ChartType, Checker, Cx, Format, Res};
use crate::view::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Deserialize;

/// One line: its name, a key for the CSV (a country code), its values by x (`null` where there
/// is no record) and, optionally, the parts each value is the sum of.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    pub name: String,
    #[serde(default)]
    pub key: String,
    pub values: Vec<Option<f64>>,
    #[serde(default)]
    pub parts: Vec<Vec<Option<f64>>>,
}

impl Line {
    pub fn value(&self, j: usize) -> Option<f64> {
        self.values.get(j).copied().flatten()
    }

    /// The highest value at or before `until`: (x, value); the later of a tie wins.
    pub fn peak_until(&self, x: &[u16], until: u16) -> Option<(u16, f64)> {
        x.iter().enumerate().filter(|(_, y)| **y <= until).filter_map(|(j, y)| self.value(j).map(|p| (*y, p))).max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// A lines chart.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    pub x: Vec<u16>,
    pub series: Vec<Line>,
    #[serde(default)]
    pub format: Format,
    /// The `peaks` annotation marks each line's highest value up to this x.
    pub peaks_until: u16,
    /// What an exact value is in (a tooltip gives people where the axis gives millions).
    #[serde(default)]
    pub value_units: String,
    /// The CSV's column names: the x, the key, the name, each part, the value.
    pub columns: Vec<String>,
}

impl ChartType for Lines {
    const NOTES: bool = true;

    fn series(&self) -> Vec<String> {
        self.series.iter().map(|s| s.name.clone()).collect()
    }

    fn span(&self) -> Option<(u16, u16)> {
        Some((*self.x.first()?, *self.x.last()?))
    }

    fn annotations(&self) -> &'static [&'static str] {
        &["peaks", "publication"]
    }

    fn describe(&self, cx: &Cx, v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let n = |v: f64| self.format.say(f, v);
        let js = shown(v, &self.x);
        let (first, last) = ends(&self.x, &js);
        let latest: Vec<(String, f64)> =
            self.series.iter().filter_map(|o| js.iter().rev().find_map(|&j| o.value(j)).map(|v| (w.name(&o.name).to_string(), v))).collect();
        let largest_first = order_by(&latest.iter().map(|(_, v)| -v).collect::<Vec<_>>());
        let parts: Vec<String> = largest_first.iter().map(|&i| format!("{} {}", latest[i].0, n(latest[i].1))).collect();
        let mut s = w.fill(&format!("describe.{}", cx.id), &[("first", &first.to_string()), ("last", &last.to_string()), ("list", &w.list(&parts))]);
        for o in self.series.iter().filter(|o| chosen.is_empty() || chosen.contains(&o.name)) {
            if let Some((y, val)) = o.peak_until(&self.x, self.peaks_until) {
                say(
                    &mut s,
                    w,
                    "describe.highest_until",
                    &[("name", w.name(&o.name)), ("until", &self.peaks_until.to_string()), ("value", &n(val)), ("x", &y.to_string())],
                );
            }
        }
        if !chosen.is_empty() {
            say(&mut s, w, "describe.highlighted", &[("names", &w.list(&w.names(chosen)))]);
        }
        s
    }

    fn table(&self, cx: &Cx) -> (Vec<String>, Vec<Vec<String>>) {
        let (w, f) = (cx.words, cx.loc);
        let mut headers = vec![w.get("table.year").to_string()];
        headers.extend(self.series.iter().map(|o| cx.words.name(&o.name).to_string()));
        let rows = self
            .x
            .iter()
            .enumerate()
            .map(|(j, y)| {
                let mut row = vec![y.to_string()];
                row.extend(self.series.iter().map(|o| o.value(j).map(|v| f.thousands(v)).unwrap_or_else(|| w.get("table.no_record").to_string())));
                row
            })
            .collect();
        (headers, rows)
    }

    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut rows = Vec::new();
        for o in &self.series {
            for (j, y) in self.x.iter().enumerate() {
                // No row where there is no record for this line and x.
                let Some(v) = o.value(j) else { continue };
                let mut row = vec![y.to_string(), csv_field(&o.key), csv_field(&o.name)];
                row.extend(o.parts.iter().map(|p| csv_opt(p.get(j).copied().flatten())));
                row.push(csv_opt(Some(v)));
                rows.push(row);
            }
        }
        (self.columns.clone(), rows)
    }

    fn check(&self, c: &mut Checker, at: &str) {
        c.years(&format!("{at}.x"), &self.x);
        c.list(&format!("{at}.series"), self.series.len(), 12);
        c.year(&format!("{at}.peaks_until"), self.peaks_until);
        for (i, s) in self.series.iter().enumerate() {
            c.label(|| format!("{at}.series[{i}].name"), &s.name);
            if self.columns.len() != 4 + s.parts.len() {
                c.fail(
                    format!("{at}.columns"),
                    crate::msg!(
                        "columns",
                        "has {n} names; the CSV of series {i} has {m} columns (year, key, name, each part, value)",
                        n = self.columns.len(),
                        i = i,
                        m = 4 + s.parts.len()
                    ),
                );
            }
            c.values(&format!("{at}.series[{i}].values"), &s.values, &self.x, "a count");
            for (k, p) in s.parts.iter().enumerate() {
                c.values(&format!("{at}.series[{i}].parts[{k}]"), p, &self.x, "a count");
            }
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
        draw_lines(self, area, v, ink)
    }
}

#[allow(clippy::too_many_lines)] // 162 lines: to be split by issue 30's drawing kit and layers
fn draw_lines<DB: DrawingBackend>(s: &Lines, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let fmt = s.format;
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let (Some(&y0), Some(&y1)) = (s.x.first(), s.x.last()) else { return Ok(()) };
    let [first, last] = v.window.unwrap_or([y0 as f64, y1 as f64]);
    let inside = |j: usize| (s.x[j] as f64) >= first - 0.01 && (s.x[j] as f64) <= last + 0.01;
    let max = s.series.iter().flat_map(|o| (0..s.x.len()).filter(|j| inside(*j)).filter_map(|j| o.value(j))).fold(0.0, f64::max);
    let max = fmt.scale(max);
    let narrow = (w as f64 / t.scale) < 520.0;
    if !s.value_units.is_empty() {
        ink.units(&s.value_units);
    }
    // Room at the right for the longest name written at a line's end, so none is cut off.
    let end_label_room = s
        .series
        .iter()
        .map(|o| area.estimate_text_size(ink.words.name(&o.name), &ink.text(base * 0.85, true)).map(|x| x.0 as i32).unwrap_or(0))
        .max()
        .unwrap_or(0)
        + t.px(10.0);
    // Room at the top for the rows of notes a step asks for (and the publication label's).
    let note_rows = ink.notes.iter().filter(|n| v.annotate.contains(&n.id)).count() as i32;
    let y_top = if note_rows > 0 {
        let row = super::kit::line_px(t, base * 0.8, 1.0) + t.px(8.0);
        let publication = v.annotate.iter().any(|n| n == "publication") as i32;
        nice_max(super::kit::headroom(max, h as i32 - t.px(base * 1.8) - t.px(10.0), (note_rows + publication) * row + t.px(6.0)))
    } else {
        nice_max(max)
    };
    // Wide enough for the longest tick label, which sits right-aligned in it.
    let y_fmt = |y: &f64| match fmt {
        Format::Millions => format!("{:.0}", y),
        Format::Thousands => ink.loc.thousands(*y),
    };
    let y_label_w = t.px(base * 2.4).max(area.estimate_text_size(&y_fmt(&y_top), &ink.muted(base * 0.85)).map(|s| s.0 as i32).unwrap_or(0) + t.px(10.0));
    // Half a year label's width before the first year, so it clears the axis's "0".
    let plot_w = (w as i32 - t.px(4.0) - y_label_w - end_label_room).max(1) as f64;
    let half_label = area.estimate_text_size(&format!("{:.0}", first), &ink.muted(base * 0.85)).map(|s| s.0 as f64 / 2.0).unwrap_or(0.0) + t.px(4.0) as f64;
    let lead = (last - first).max(1.0) * half_label / (plot_w - half_label).max(1.0);
    let mut chart = ChartBuilder::on(area)
        .margin_left(t.px(4.0))
        .margin_right(end_label_room)
        .margin_top(t.px(10.0))
        .x_label_area_size(t.px(base * 1.8))
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(first - lead..last, 0.0..y_top)?;
    year_mesh(&mut chart, ink, base, (if narrow { 5 } else { 10 }, f64::MIN), 5, &y_fmt)?;
    let g = v.grow.clamp(0.0, 1.0);
    let until = first + (last - first) * g;
    // Muted lines first, so emphasised ones sit on top.
    let order = order_by(&(0..s.series.len()).map(|i| emph(v, i)).collect::<Vec<_>>());
    let mut ends = Vec::new();
    let mut peak_boxes: Vec<[i32; 4]> = Vec::new();
    for i in order {
        let o = &s.series[i];
        let e = emph(v, i);
        // Lines not highlighted fade toward one grey, so the highlighted ones stand out.
        let hue = t.colour(&o.name);
        let grey = t.toward_bg(t.muted_text, 0.45);
        let colour = ink.c(mix(grey, hue, e));
        // Years without a record break the line rather than dropping it to zero.
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (j, y) in s.x.iter().enumerate() {
            if *y as f64 > until + 1e-9 {
                break;
            }
            if !inside(j) {
                continue;
            }
            match o.value(j) {
                Some(p) => runs.last_mut().map(|r| r.push((*y as f64, fmt.scale(p)))).unwrap_or(()),
                None if runs.last().map(|r| !r.is_empty()).unwrap_or(false) => runs.push(Vec::new()),
                None => {}
            }
        }
        let width = t.px(if e >= 0.5 { 2.5 } else { 1.5 }).max(1) as u32;
        for run in runs.iter().filter(|r| !r.is_empty()) {
            chart.draw_series(std::iter::once(PathElement::new(run.clone(), colour.stroke_width(width))))?;
            for (x, y) in run {
                let (px, py) = chart.backend_coord(&(*x, *y));
                let r = t.px(4.0);
                ink.keep_abs([px - r, py - r, px + r, py + r], ink.words.name(&o.name), &format!("{x:.0}"), ink.loc.thousands(fmt.unscale(*y)));
            }
        }
        let pts: Vec<(f64, f64)> = runs.concat();
        if let Some(&(x, y)) = pts.last() {
            let (px, py) = chart.backend_coord(&(x, y));
            ends.push((py, px, i, colour, e));
        }
        // Mark the peak of each emphasised origin, once the line has reached it.
        let peak = o.peak_until(&s.x, s.peaks_until);
        let show_peaks = v.annotate.iter().any(|n| n == "peaks");
        if let Some((year, people)) = peak.filter(|p| show_peaks && e >= 0.5 && p.0 as f64 <= until && p.0 as f64 >= first) {
            let label = ink.words.fill("lines.peak", &[("value", &fmt.fmt(ink.loc, fmt.scale(people))), ("x", &year.to_string())]);
            // Centred over the dot, or ending at it near the right, clear of the lines' names.
            // Also to the left when the line goes on rising after it (a peak up to a year).
            let rises_after = s.x.iter().position(|x| *x == year).and_then(|j| o.value(j + 1)).is_some_and(|n| n >= people);
            let near_end = (year as f64 - first) / (last - first).max(1.0) > 0.9 || rises_after;
            let style = ink.text(base * 0.8, true).pos(Pos::new(if near_end { HPos::Right } else { HPos::Center }, VPos::Bottom));
            let (lw, lh) = area.estimate_text_size(&label, &style).map(|(w, h)| (w as i32, h as i32)).unwrap_or((0, 0));
            let (left, x) = if near_end { (-lw - t.px(6.0), -t.px(6.0)) } else { (-lw / 2, 0) };
            // Lifted clear of the labels of peaks already written (several lines may peak in
            // one year).
            let (px, py) = chart.backend_coord(&(year as f64, fmt.scale(people)));
            let mut lift = 0;
            let boxed = |lift: i32| [px + left - t.px(3.0), py - t.px(7.0) - lh - t.px(2.0) - lift, px + left + lw + t.px(3.0), py - t.px(5.0) - lift];
            while peak_boxes.iter().any(|b: &[i32; 4]| {
                let a = boxed(lift);
                a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
            }) && lift < 10 * lh
            {
                lift += lh + t.px(3.0);
            }
            // No room left above the plot's top: the dot alone marks it.
            let (_, plot_top) = chart.backend_coord(&(first, y_top));
            if boxed(lift)[1] < plot_top {
                chart.draw_series(std::iter::once(Circle::new((year as f64, fmt.scale(people)), t.px(3.5), colour.filled())))?;
                continue;
            }
            peak_boxes.push(boxed(lift));
            // A patch of background behind the label keeps lines from crossing it.
            let halo = Rectangle::new(
                [(left - t.px(3.0), -t.px(7.0) - lh - t.px(2.0) - lift), (left + lw + t.px(3.0), -t.px(5.0) - lift)],
                ink.c(t.background).filled(),
            );
            chart.draw_series(std::iter::once(
                EmptyElement::at((year as f64, fmt.scale(people)))
                    + halo
                    + Circle::new((0, 0), t.px(3.5), colour.filled())
                    + Text::new(label, (x, -t.px(6.0) - lift), style),
            ))?;
        }
    }
    let (bx, by) = area.get_base_pixel();
    let year = ink.published.map_or(f64::NAN, f64::from);
    let publication = v.annotate.iter().any(|n| n == "publication") && year >= first && year <= last;
    if publication {
        let (px, top) = chart.backend_coord(&(year, y_top * 0.97));
        let (_, bottom) = chart.backend_coord(&(year, 0.0));
        super::kit::publication_line(area, (px - bx, top - by), (px - bx, bottom - by), HPos::Right, ink, base)?;
    }
    // The story's own notes, below the publication label's row.
    let (_, top) = chart.backend_coord(&(first, y_top * 0.97));
    let (_, bottom) = chart.backend_coord(&(first, 0.0));
    let row = super::kit::line_px(t, base * 0.8, 1.0) + t.px(8.0);
    super::kit::draw_notes(
        area,
        v,
        ink,
        &|x| chart.backend_coord(&(x, 0.0)).0 - bx,
        (first, last),
        0.0,
        (top - by + publication as i32 * row, row, bottom - by),
        base,
    )?;
    // Name each line at its end, nudging labels apart so none overlaps another, and none
    // drops below the axis onto the year labels.
    let gap = line_px(t, base * 0.85, 1.1);
    let (_, floor) = chart.backend_coord(&(first, 0.0));
    let floor = floor - gap / 2;
    let order = order_by(&ends.iter().map(|e| e.0 as f64).collect::<Vec<_>>());
    let mut ys: Vec<i32> = order.iter().map(|k| ends[*k].0).collect();
    for j in 1..ys.len() {
        ys[j] = ys[j].max(ys[j - 1] + gap);
    }
    for j in (0..ys.len()).rev() {
        let below = if j + 1 < ys.len() { ys[j + 1] - gap } else { floor };
        ys[j] = ys[j].min(below);
    }
    // Every name at the plot's right edge, past the last year: a line that stops early is
    // named beside the others, not across the lines that go on.
    let (right, _) = chart.backend_coord(&(last, 0.0));
    for (k, y) in order.into_iter().zip(ys) {
        let (_, end, i, colour, e) = ends[k];
        let px = right.max(end);
        let style = if e >= 0.5 { ink.text(base * 0.85, true).color(&colour) } else { ink.muted(base * 0.85) };
        let style = style.pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(ink.words.name(&s.series[i].name).to_string(), (px - bx + t.px(4.0), y - by), style))?;
    }
    Ok(())
}
