//! Lines over x (years), one per series, broken where there is no record; the highlighted
//! ones in their colours, the rest grey; each named at its end, with its peak up to a year
//! marked on request.

use super::kit::{base_size, circle, draw_notes, emph, headroom, line_px, mix, nice_max, path, publication_line, put, text_size, text_width, Ink};
use super::plot::{Frame, Plot};
use super::{csv_field, csv_opt, ends, order_by, say, shown, Area, ChartType, Checker, Cx, DrawError, Format, Res};
use crate::locale::fixed;
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
    /// Flows (the default) or stocks (a count at a date: figure expressions never sum it over
    /// years): see [`Measure`](super::Measure).
    #[serde(default)]
    pub measure: super::Measure,
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

/// Where a lines chart draws: the years shown, the value axis and the room its labels take.
struct Layout {
    fmt: Format,
    base: f64,
    /// The years shown: the view's window, or every year.
    first: f64,
    last: f64,
    /// The year the lines have grown to.
    until: f64,
    /// The value axis's top.
    y_top: f64,
    narrow: bool,
    end_label_room: i32,
    y_label_w: i32,
    /// Years of room before `first`, so the first year's label clears the axis's "0".
    lead: f64,
}

impl Layout {
    /// Whether year `y` is in the window shown.
    fn inside(&self, y: u16) -> bool {
        in_window(y, self.first, self.last)
    }
}

/// A line's end, where its name is written: its pixel, name, colour and emphasis.
struct End<'a> {
    x: i32,
    y: i32,
    name: &'a str,
    colour: RGBColor,
    e: f64,
}

/// A peak to label: its year and value, and whether the label ends at the dot (else centred).
struct Peak {
    year: u16,
    people: f64,
    near_end: bool,
}

/// Draws a lines chart: the layout and its mesh, the lines (with their peaks), then the
/// publication line, the step's notes and each line's name.
fn draw_lines<DB: DrawingBackend>(s: &Lines, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let Some(l) = layout(s, area, v, ink) else { return Ok(()) };
    if !s.value_units.is_empty() {
        ink.units(&s.value_units);
    }
    let chart = plot(area, &l, ink)?;
    let ends = marks(s, area, &chart, &l, v, ink)?;
    annotations(area, &chart, &l, v, ink)?;
    end_names(area, &chart, &l, &ends, ink)
}

/// Lays the chart out from its years, values and labels' sizes; none when it has no years.
fn layout<DB: DrawingBackend>(s: &Lines, area: &Area<DB>, v: &View, ink: &Ink) -> Option<Layout> {
    let fmt = s.format;
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let (&y0, &y1) = (s.x.first()?, s.x.last()?);
    let [first, last] = v.window.unwrap_or([y0 as f64, y1 as f64]);
    let inside = |j: usize| in_window(s.x[j], first, last);
    let max = s.series.iter().flat_map(|o| (0..s.x.len()).filter(|j| inside(*j)).filter_map(|j| o.value(j))).fold(0.0, f64::max);
    let y_top = axis_top(fmt.scale(max), h as i32 - t.px(base * 1.8) - t.px(10.0), base, v, ink);
    // Room at the right for the longest name written at a line's end, so none is cut off.
    let end_label_room = s.series.iter().map(|o| text_width(area, ink.words.name(&o.name), &ink.text(base * 0.85, true))).max().unwrap_or(0) + t.px(10.0);
    // Wide enough for the longest tick label, which sits right-aligned in it.
    let y_label_w = t.px(base * 2.4).max(text_width(area, &tick(fmt, ink, y_top, y_top), &ink.muted(base * 0.85)) + t.px(10.0));
    // Half a year label's width before the first year, so it clears the axis's "0".
    let plot_w = (w as i32 - t.px(4.0) - y_label_w - end_label_room).max(1) as f64;
    let half_label = text_width(area, &fixed(first, 0), &ink.muted(base * 0.85)) as f64 / 2.0 + t.px(4.0) as f64;
    let lead = (last - first).max(1.0) * half_label / (plot_w - half_label).max(1.0);
    let until = first + (last - first) * v.grow.clamp(0.0, 1.0);
    let narrow = (w as f64 / t.scale) < 520.0;
    Some(Layout { fmt, base, first, last, until, y_top, narrow, end_label_room, y_label_w, lead })
}

/// Whether year `y` is between `first` and `last`, give or take a hundredth of a year.
fn in_window(y: u16, first: f64, last: f64) -> bool {
    (y as f64) >= first - 0.01 && (y as f64) <= last + 0.01
}

/// The height of one row of notes (the publication label's too).
fn note_row(ink: &Ink, base: f64) -> i32 {
    line_px(ink.theme, base * 0.8, 1.0) + ink.theme.px(8.0)
}

/// The value axis's top: a round number over `max`, raised to leave room above the lines in
/// a plot `plot_h` pixels tall for the rows of notes the step asks for.
fn axis_top(max: f64, plot_h: i32, base: f64, v: &View, ink: &Ink) -> f64 {
    // Room at the top for the rows of notes a step asks for (and the publication label's).
    let note_rows = ink.notes.iter().filter(|n| v.annotate.contains(&n.id)).count() as i32;
    if note_rows > 0 {
        let publication = v.annotate.iter().any(|n| n == "publication") as i32;
        nice_max(headroom(max, plot_h, (note_rows + publication) * note_row(ink, base) + ink.theme.px(6.0)))
    } else {
        nice_max(max)
    }
}

/// A value axis label, as every chart over years writes one (one rule for units: an axis in
/// millions says so, "2m", as the stacked bars' does): millions in short, with tenths on an
/// axis under 5 million; other counts with their thousands grouped.
fn tick(fmt: Format, ink: &Ink, y: f64, y_top: f64) -> String {
    match fmt {
        Format::Millions => ink.loc.millions_short(y, usize::from(y_top < 5.0)),
        Format::Thousands => ink.loc.thousands(y),
    }
}

/// Builds the plot inside the axes' labels and the names' room, and draws its year mesh.
fn plot<DB: DrawingBackend>(area: &Area<DB>, l: &Layout, ink: &Ink) -> Result<Plot, DrawError> {
    let t = ink.theme;
    let frame = Frame { top: t.px(10.0), right: l.end_label_room, left: t.px(4.0), x_label_h: t.px(l.base * 1.8), y_label_w: l.y_label_w };
    let chart = Plot::new(area, frame, (l.first - l.lead, l.last), (0.0, l.y_top));
    chart.year_mesh(area, ink, l.base, (if l.narrow { 5 } else { 10 }, f64::MIN), 5, &|y| tick(l.fmt, ink, y, l.y_top))?;
    Ok(chart)
}

/// Draws each line, with its peak when asked; returns where each ends, for its name.
fn marks<'a, DB: DrawingBackend>(s: &'a Lines, area: &Area<DB>, chart: &Plot, l: &Layout, v: &View, ink: &Ink) -> Result<Vec<End<'a>>, DrawError> {
    let t = ink.theme;
    let show_peaks = v.annotate.iter().any(|n| n == "peaks");
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
        let runs = runs(s, o, l);
        let width = t.px(if e >= 0.5 { 2.5 } else { 1.5 }).max(1) as u32;
        draw_runs(area, chart, &runs, ink.words.name(&o.name), colour.stroke_width(width), l.fmt, ink)?;
        if let Some(&(x, y)) = runs.iter().flatten().last() {
            let (px, py) = chart.at_abs(x, y);
            ends.push(End { x: px, y: py, name: &o.name, colour, e });
        }
        // Mark the peak of each emphasised origin, once the line has reached it.
        if let Some(p) = peak(s, o, l).filter(|_| show_peaks && e >= 0.5) {
            peak_label(area, chart, l, &p, colour, ink, &mut peak_boxes)?;
        }
    }
    Ok(ends)
}

/// A line's points in the window, up to the year it has grown to, in unbroken runs.
fn runs(s: &Lines, o: &Line, l: &Layout) -> Vec<Vec<(f64, f64)>> {
    // Years without a record break the line rather than dropping it to zero.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (j, y) in s.x.iter().enumerate() {
        if *y as f64 > l.until + 1e-9 {
            break;
        }
        if !l.inside(*y) {
            continue;
        }
        match o.value(j) {
            Some(p) => runs.last_mut().map(|r| r.push((*y as f64, l.fmt.scale(p)))).unwrap_or(()),
            None if runs.last().map(|r| !r.is_empty()).unwrap_or(false) => runs.push(Vec::new()),
            None => {}
        }
    }
    runs
}

/// Draws a line's runs and keeps each point, with its exact value, for the reader to point at.
fn draw_runs<DB: DrawingBackend>(area: &Area<DB>, chart: &Plot, runs: &[Vec<(f64, f64)>], name: &str, style: ShapeStyle, fmt: Format, ink: &Ink) -> Res {
    let t = ink.theme;
    for run in runs.iter().filter(|r| !r.is_empty()) {
        path(area, run.iter().map(|(x, y)| chart.at(*x, *y)).collect(), style)?;
        for (x, y) in run {
            let (px, py) = chart.at_abs(*x, *y);
            let r = t.px(4.0);
            ink.keep_abs([px - r, py - r, px + r, py + r], name, &fixed(*x, 0), ink.loc.thousands(fmt.unscale(*y)));
        }
    }
    Ok(())
}

/// A line's peak up to `peaks_until`, once the line has reached it and while it is in the window.
fn peak(s: &Lines, o: &Line, l: &Layout) -> Option<Peak> {
    let (year, people) = o.peak_until(&s.x, s.peaks_until).filter(|p| p.0 as f64 <= l.until && p.0 as f64 >= l.first)?;
    // Centred over the dot, or ending at it near the right, clear of the lines' names.
    // Also to the left when the line goes on rising after it (a peak up to a year).
    let rises_after = s.x.iter().position(|x| *x == year).and_then(|j| o.value(j + 1)).is_some_and(|n| n >= people);
    let near_end = (year as f64 - l.first) / (l.last - l.first).max(1.0) > 0.9 || rises_after;
    Some(Peak { year, people, near_end })
}

/// Draws a peak's dot and label, the label lifted clear of those already in `peak_boxes`.
fn peak_label<DB: DrawingBackend>(area: &Area<DB>, chart: &Plot, l: &Layout, p: &Peak, colour: RGBColor, ink: &Ink, peak_boxes: &mut Vec<[i32; 4]>) -> Res {
    let (t, fmt) = (ink.theme, l.fmt);
    let at = (p.year as f64, fmt.scale(p.people));
    let label = ink.words.fill("lines.peak", &[("value", &fmt.fmt(ink.loc, fmt.scale(p.people))), ("x", &p.year.to_string())]);
    let style = ink.text(l.base * 0.8, true).pos(Pos::new(if p.near_end { HPos::Right } else { HPos::Center }, VPos::Bottom));
    let (lw, lh) = text_size(area, &label, &style);
    let (left, x) = if p.near_end { (-lw - t.px(6.0), -t.px(6.0)) } else { (-lw / 2, 0) };
    // Lifted clear of the labels of peaks already written (several lines may peak in
    // one year).
    let (px, py) = chart.at_abs(at.0, at.1);
    let mut lift = 0;
    let boxed = |lift: i32| [px + left - t.px(3.0), py - t.px(7.0) - lh - t.px(2.0) - lift, px + left + lw + t.px(3.0), py - t.px(5.0) - lift];
    while peak_boxes.iter().any(|b| overlap(&boxed(lift), b)) && lift < 10 * lh {
        lift += lh + t.px(3.0);
    }
    // No room left above the plot's top: the dot alone marks it.
    let (_, plot_top) = chart.at_abs(l.first, l.y_top);
    let dot = chart.at(at.0, at.1);
    if boxed(lift)[1] < plot_top {
        circle(area, dot, t.px(3.5), colour.filled())?;
        return Ok(());
    }
    peak_boxes.push(boxed(lift));
    // A patch of background behind the label keeps lines from crossing it.
    let halo =
        Rectangle::new([(left - t.px(3.0), -t.px(7.0) - lh - t.px(2.0) - lift), (left + lw + t.px(3.0), -t.px(5.0) - lift)], ink.c(t.background).filled());
    area.draw(&(EmptyElement::at(dot) + halo + Circle::new((0, 0), t.px(3.5), colour.filled()) + Text::new(label, (x, -t.px(6.0) - lift), style)))?;
    Ok(())
}

/// Whether two pixel boxes `[x0, y0, x1, y1]` overlap.
fn overlap(a: &[i32; 4], b: &[i32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Draws the publication line, when asked for and in the window, and the step's notes.
fn annotations<DB: DrawingBackend>(area: &Area<DB>, chart: &Plot, l: &Layout, v: &View, ink: &Ink) -> Res {
    let (bx, by) = area.get_base_pixel();
    let year = ink.published.map_or(f64::NAN, f64::from);
    let publication = v.annotate.iter().any(|n| n == "publication") && year >= l.first && year <= l.last;
    if publication {
        let (px, top) = chart.at_abs(year, l.y_top * 0.97);
        let (_, bottom) = chart.at_abs(year, 0.0);
        publication_line(area, (px - bx, top - by), (px - bx, bottom - by), HPos::Right, ink, l.base)?;
    }
    // The story's own notes, below the publication label's row.
    let (_, top) = chart.at_abs(l.first, l.y_top * 0.97);
    let (_, bottom) = chart.at_abs(l.first, 0.0);
    let row = note_row(ink, l.base);
    let x = |x| chart.at_abs(x, 0.0).0 - bx;
    draw_notes(area, v, ink, &x, (l.first, l.last), 0.0, (top - by + publication as i32 * row, row, bottom - by), l.base)
}

/// Writes each line's name at the plot's right edge, by its end, in its colour when emphasised.
fn end_names<DB: DrawingBackend>(area: &Area<DB>, chart: &Plot, l: &Layout, ends: &[End], ink: &Ink) -> Res {
    let t = ink.theme;
    let (bx, by) = area.get_base_pixel();
    // Name each line at its end, nudging labels apart so none overlaps another, and none
    // drops below the axis onto the year labels.
    let gap = line_px(t, l.base * 0.85, 1.1);
    let (_, floor) = chart.at_abs(l.first, 0.0);
    let order = order_by(&ends.iter().map(|e| e.y as f64).collect::<Vec<_>>());
    let ys = spread(order.iter().map(|k| ends[*k].y).collect(), gap, floor - gap / 2);
    // Every name at the plot's right edge, past the last year: a line that stops early is
    // named beside the others, not across the lines that go on.
    let (right, _) = chart.at_abs(l.last, 0.0);
    for (k, y) in order.into_iter().zip(ys) {
        let end = &ends[k];
        let px = right.max(end.x);
        let style = if end.e >= 0.5 { ink.text(l.base * 0.85, true).color(&end.colour) } else { ink.muted(l.base * 0.85) };
        let style = style.pos(Pos::new(HPos::Left, VPos::Center));
        put(area, ink.words.name(end.name), (px - bx + t.px(4.0), y - by), &style, style.pos)?;
    }
    Ok(())
}

/// Moves rising `ys` down to at least `gap` apart, then up so none is below `floor`.
fn spread(mut ys: Vec<i32>, gap: i32, floor: i32) -> Vec<i32> {
    for j in 1..ys.len() {
        ys[j] = ys[j].max(ys[j - 1] + gap);
    }
    for j in (0..ys.len()).rev() {
        let below = if j + 1 < ys.len() { ys[j + 1] - gap } else { floor };
        ys[j] = ys[j].min(below);
    }
    ys
}
