//! Dated events above the bars of one series, on one time axis, so a reader sees which came
//! first.
//!
//! Labels sit in lanes above the plot; a label that would run into the one before it goes
//! one lane up. When there are more labels than lanes (a phone), only the highlighted
//! events keep their labels and the rest are drawn as dots.

use super::kit::{base_size, circle, emph, fill_rect, headroom, line_px, nice_max, path, text_width, Ink};
use super::kit::{halo_label, publication_line};
use super::plot::{Frame, Plot};
use super::{csv_field, csv_num, order_by, say, Area, ChartType, Checker, Cx, DrawError, Res, Series, Theme};
use crate::locale::fixed;
use crate::view::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Deserialize;

/// A dated event, dated as the source dates it.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// What `data-highlight` names, e.g. "lavrov".
    pub id: String,
    pub year: u16,
    /// The source's own dating, e.g. "late 2020".
    pub when: String,
    /// A short label drawn on the chart.
    pub label: String,
    /// The source's words the date is read from.
    pub quote: String,
}

/// A timeline chart: events, and the series they are set over.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Timeline {
    /// The first and last x of the axis (the series' years, and any later event's).
    pub span: [u16; 2],
    /// The series' x.
    pub x: Vec<u16>,
    pub series: Series,
    pub events: Vec<Event>,
    /// The CSV's column names: the x, the row's kind, its name, the value, and the event's dating, label and quote.
    pub columns: [String; 7],
    /// The CSV's names for the two kinds of row: the series' values, an event.
    pub kinds: [String; 2],
}

impl Timeline {
    fn values(&self) -> impl Iterator<Item = f64> + '_ {
        (0..self.x.len()).map(|j| self.series.values.get(j).copied().flatten().unwrap_or(0.0))
    }
    fn value(&self, j: usize) -> f64 {
        self.series.values.get(j).copied().flatten().unwrap_or(0.0)
    }
}

/// An event as the description and the table name it: its label and its dating.
fn event_name(e: &Event) -> String {
    format!("{} ({})", e.label, e.when)
}

impl ChartType for Timeline {
    fn series(&self) -> Vec<String> {
        self.events.iter().map(|e| e.id.clone()).collect()
    }

    fn span(&self) -> Option<(u16, u16)> {
        Some((self.span[0], self.span[1]))
    }

    fn shown_name(&self, name: &str, _words: &crate::words::Words) -> String {
        self.events.iter().find(|e| e.id == name).map_or_else(|| name.to_string(), |e| e.label.clone())
    }

    fn annotations(&self) -> &'static [&'static str] {
        &["publication"]
    }

    /// The one thing to see is where the series' last value falls against the events.
    fn describe(&self, cx: &Cx, v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let (lo, hi) = v.window.map_or((self.span[0], self.span[1]), |[x, y]| (x.round() as u16, y.round() as u16));
        let inside = |y: u16| y >= lo && y <= hi;
        let keys: Vec<f64> = self.events.iter().map(|e| e.year as f64).collect();
        let events: Vec<&Event> = order_by(&keys).into_iter().map(|i| &self.events[i]).filter(|e| inside(e.year)).collect();
        let who = w.name(&self.series.name);
        let js: Vec<usize> = (0..self.x.len()).filter(|&j| inside(self.x[j])).collect();
        let total: f64 = js.iter().map(|&j| self.value(j)).sum();
        let listed: Vec<String> = events.iter().map(|e| event_name(e)).collect();
        let n = events.len().to_string();
        let slots =
            [("series", who), ("first", &lo.to_string()), ("last", &hi.to_string()), ("total", &f.thousands(total)), ("n", &n), ("list", &w.list(&listed))];
        let key = match events.len() {
            0 => "describe.timeline.none_dated".to_string(),
            1 => "describe.timeline.one".to_string(),
            _ => format!("describe.{}", cx.id),
        };
        let mut s = w.fill(&key, &slots);
        if let Some(end) = self.x.last().filter(|y| **y < hi) {
            say(&mut s, w, "describe.timeline.data_end", &[("x", &end.to_string())]);
        }
        // The last value the reader can have seen: none after the window's end counts.
        let last = (0..self.x.len()).rev().find(|&j| self.x[j] <= hi && self.value(j) > 0.0).map(|j| self.x[j]);
        match last {
            None => say(&mut s, w, "describe.timeline.no_values", &[("series", who), ("x", &hi.to_string())]),
            Some(l) => {
                let l_text = l.to_string();
                if l < lo {
                    say(&mut s, w, "describe.timeline.last_before", &[("series", who), ("x", &l_text)]);
                } else {
                    say(&mut s, w, "describe.timeline.last", &[("series", who), ("x", &l_text)]);
                }
                let after: Vec<&&Event> = events.iter().filter(|e| e.year > l).collect();
                match after.first() {
                    None if !events.is_empty() => say(&mut s, w, "describe.timeline.all_before", &[("x", &l_text)]),
                    None => {}
                    Some(e) => {
                        let gap = e.year - l;
                        let gap = w.fill(if gap == 1 { "describe.years_after_one" } else { "describe.years_after" }, &[("n", &gap.to_string())]);
                        let slots = [("event", event_name(e)), ("gap", gap), ("n", after.len().to_string()), ("total", events.len().to_string())];
                        let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
                        say(&mut s, w, if after.len() == events.len() { "describe.timeline.all_after" } else { "describe.timeline.some_after" }, &slots);
                    }
                }
            }
        }
        if !chosen.is_empty() {
            // Events are named by their labels, not their ids.
            let picked: Vec<String> = self.events.iter().filter(|e| chosen.contains(&e.id)).map(event_name).collect();
            say(&mut s, w, "describe.highlighted", &[("names", &w.list(&picked))]);
        }
        s
    }

    fn table(&self, cx: &Cx) -> (Vec<String>, Vec<Vec<String>>) {
        let (w, f) = (cx.words, cx.loc);
        let h = |k: &str| w.get(k).to_string();
        let [lo, hi] = self.span;
        let lo = self.events.iter().map(|e| e.year).fold(lo, u16::min);
        let keys: Vec<f64> = self.events.iter().map(|e| e.year as f64).collect();
        let in_order = order_by(&keys);
        let rows = (lo..=hi)
            .map(|y| {
                let value = match self.x.iter().position(|x| *x == y) {
                    Some(j) => f.thousands(self.value(j)),
                    None => h("table.outside"),
                };
                let events: Vec<String> = in_order.iter().map(|&i| &self.events[i]).filter(|e| e.year == y).map(event_name).collect();
                vec![y.to_string(), value, events.join("; ")]
            })
            .collect();
        (vec![h("table.year"), w.fill("table.series_values", &[("series", w.name(&self.series.name))]), h("table.events")], rows)
    }

    /// Long form: a row per x of the series, then a row per event.
    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let mut rows = Vec::new();
        for (j, y) in self.x.iter().enumerate() {
            rows.push(vec![
                y.to_string(),
                csv_field(&self.kinds[0]),
                csv_field(&self.series.name),
                csv_num(self.value(j)),
                String::new(),
                String::new(),
                String::new(),
            ]);
        }
        for e in &self.events {
            rows.push(vec![
                e.year.to_string(),
                csv_field(&self.kinds[1]),
                csv_field(&e.id),
                String::new(),
                csv_field(&e.when),
                csv_field(&e.label),
                csv_field(&e.quote),
            ]);
        }
        (self.columns.to_vec(), rows)
    }

    fn check(&self, c: &mut Checker, at: &str) {
        c.window(&format!("{at}.span"), self.span);
        c.years(&format!("{at}.x"), &self.x);
        let last_event = self.events.iter().map(|e| e.year).max();
        let (lo, hi) = (self.x.first().copied(), self.x.last().copied().max(last_event));
        if lo.is_some_and(|lo| lo < self.span[0]) || hi.is_some_and(|hi| hi > self.span[1]) {
            c.fail(
                format!("{at}.span"),
                crate::msg!("span", "is {a}-{b}; it must cover the series' years and every event", a = self.span[0], b = self.span[1]),
            );
        }
        c.label(|| format!("{at}.series.name"), &self.series.name);
        c.values(&format!("{at}.series.values"), &self.series.values, &self.x, "a value");
        c.list(&format!("{at}.events"), self.events.len(), 40);
        for (i, e) in self.events.iter().enumerate() {
            let path = |f: &str| format!("{at}.events[{i}].{f}");
            c.id(&path("id"), &e.id);
            if let Some(j) = self.events[..i].iter().position(|o| o.id == e.id) {
                c.fail(
                    path("id"),
                    crate::msg!("id_twice", "is \"{id}\", as is {other}; ids must be unique", id = e.id, other = format!("{at}.events[{j}].id")),
                );
            }
            c.year(&path("year"), e.year);
            c.label(|| path("label"), &e.label);
            if e.when.trim().is_empty() {
                c.fail(path("when"), crate::msg!("no_when", "is empty; every event needs its date and the source's words for it"));
            }
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
        draw_timeline(self, area, v, ink)
    }
}

/// Where an event sits on the axis: events of one year share it, side by side.
pub fn event_x(ev: &[Event], i: usize) -> f64 {
    let year = ev[i].year;
    let same: Vec<usize> = (0..ev.len()).filter(|k| ev[*k].year == year).collect();
    let k = same.iter().position(|k| *k == i).unwrap_or(0);
    year as f64 - 0.3 + 0.6 * (k as f64 + 0.5) / same.len() as f64
}

/// A label's place: its lane, the left x of its text and the text; None for a dot alone.
type Spot = Option<(usize, i32, String)>;

/// The time axis: the years shown, their pixel columns and the events that fall among them.
struct Axis {
    first: f64,
    last: f64,
    /// The axis's ends, a little beyond the first and last years so their bars fit.
    lo: f64,
    hi: f64,
    /// The plot's left and right edges, in pixels of the area.
    left: i32,
    right: i32,
    /// The events inside the window, by index.
    visible: Vec<usize>,
}

impl Axis {
    /// The pixel column of `x` (a year), worked out before the chart is built.
    fn x(&self, x: f64) -> i32 {
        self.left + ((x - self.lo) / (self.hi - self.lo) * (self.right - self.left) as f64).round() as i32
    }
}

/// Where the timeline's parts go, worked out before anything is drawn.
struct Layout {
    base: f64,
    axis: Axis,
    /// The plot's left and right margins, and its value and year label areas.
    margins: [i32; 2],
    y_label_w: i32,
    x_label_h: i32,
    /// Each visible event's label, and the lanes' height; the lanes set the plot's top.
    spots: Vec<Spot>,
    lane_h: i32,
    top_h: i32,
    /// The order the visible events are drawn in (indices into `axis.visible`).
    order: Vec<usize>,
    /// The value axis's top, and the height of a label written across the plot's top.
    y_top: f64,
    row: i32,
    /// The year the publication line marks, when the view shows it.
    publication: Option<f64>,
}

impl Layout {
    /// The y of the `k`th visible event's dot: in its label's lane, or just above the plot.
    fn lane_y(&self, k: usize, t: &Theme) -> i32 {
        match self.spots[k] {
            Some((lane, _, _)) => self.top_h - t.px(8.0) - (lane as i32 + 1) * self.lane_h + self.lane_h / 2,
            None => self.top_h - t.px(4.0),
        }
    }
}

/// Draws the timeline: its layout, then the bars and events, then what is written over them.
fn draw_timeline<DB: DrawingBackend>(tl: &Timeline, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let l = layout(tl, area, v, ink);
    let chart = axes(area, &l, ink)?;
    marks(tl, area, &chart, &l, v, ink)?;
    annotations(tl, area, &chart, &l, v, ink)
}

/// Works out the time axis, the label lanes above the plot and the value axis's top.
fn layout<DB: DrawingBackend>(tl: &Timeline, area: &Area<DB>, v: &View, ink: &Ink) -> Layout {
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let [y0, y1] = tl.span;
    let [first, last] = v.window.unwrap_or([y0 as f64, y1 as f64]);
    let (lo, hi) = (first - 0.6, last + 0.6);

    // The x mapping, worked out before the chart is built so the lanes know their height.
    let y_label_w = t.px(base * 3.0);
    let margins = [t.px(4.0), t.px(12.0)];
    let visible: Vec<usize> = (0..tl.events.len()).filter(|i| (first - 0.5..=last + 0.5).contains(&event_x(&tl.events, *i))).collect();
    let axis = Axis { first, last, lo, hi, left: margins[0] + y_label_w, right: w as i32 - margins[1], visible };

    let lane_h = t.px(base * 1.5);
    let max_lanes = ((h as f64 * 0.42) / lane_h as f64).floor().max(1.0) as usize;
    let mut spots = place(area, tl, v, ink, base, &axis, false);
    if lane_count(&spots) > max_lanes {
        spots = place(area, tl, v, ink, base, &axis, true);
    }
    let top_h = lane_count(&spots).max(1) as i32 * lane_h + t.px(8.0);
    // Muted events first, so highlighted ones are drawn on top.
    let order = order_by(&axis.visible.iter().map(|i| if emph(v, *i) >= 0.5 { 1.0 } else { 0.0 }).collect::<Vec<_>>());

    // The series, on the same axis below the lanes.
    let max = tl.x.iter().zip(tl.values()).filter(|(y, _)| (**y as f64) >= first - 0.01 && (**y as f64) <= last + 0.01).map(|(_, v)| v).fold(0.0, f64::max);
    // A window whose values are all zero keeps a scale a tenth of the whole series' (an axis of
    // "0, 0, 1" would read as data), so its empty plot says "none" at a size the reader has seen.
    let max = max.max(tl.values().fold(0.0, f64::max) / 10.0);
    let year = ink.published.map_or(f64::NAN, f64::from);
    let publication = v.annotate.iter().any(|n| n == "publication") && year + 0.45 >= lo && year + 0.45 <= hi;
    // The last-value line, and the publication label under it, are written across the
    // plot's top: the axis leaves them clear of the bars.
    let row = line_px(t, base * 0.8, 1.0) + t.px(6.0);
    let x_label_h = t.px(base * 1.8);
    let max = headroom(max, h as i32 - top_h - x_label_h, row * (1 + publication as i32) + t.px(4.0));
    let publication = publication.then_some(year);
    Layout { base, axis, margins, y_label_w, x_label_h, spots, lane_h, top_h, order, y_top: nice_max(max), row, publication }
}

/// How many lanes the labels take.
fn lane_count(spots: &[Spot]) -> usize {
    spots.iter().flatten().map(|p| p.0 + 1).max().unwrap_or(0)
}

/// An event label's style: bold when highlighted, muted otherwise.
fn label_style(ink: &Ink, v: &View, base: f64, i: usize) -> TextStyle<'static> {
    if emph(v, i) >= 0.5 {
        ink.text(base * 0.85, true)
    } else {
        ink.muted(base * 0.8)
    }
}

/// An event's label; with `long`, a chosen event's label carries its date too.
fn label_text(tl: &Timeline, v: &View, i: usize, long: bool) -> String {
    // A chosen event's label carries its date, unless that makes it too long for the chart.
    let e = &tl.events[i];
    if long && emph(v, i) >= 0.5 && v.emphasis.iter().any(|x| *x < 0.5) && !e.when.is_empty() && e.when != e.year.to_string() {
        format!("{} ({})", e.label, e.when)
    } else {
        e.label.clone()
    }
}

/// Lays out the visible events' labels in lanes; with `only_chosen`, only highlighted events get one.
fn place<DB: DrawingBackend>(area: &Area<DB>, tl: &Timeline, v: &View, ink: &Ink, base: f64, axis: &Axis, only_chosen: bool) -> Vec<Spot> {
    // For each event, (lane, left x of the label, its text), or None for a dot alone. A label
    // goes right of its dot, else left of it, else (longer than either side allows, as a long
    // name in another language can be) as near its dot as the chart allows.
    let t = ink.theme;
    let (w, _) = area.dim_in_pixel();
    let right_edge = w as i32 - t.px(4.0);
    let any_chosen = v.emphasis.iter().any(|x| *x < 0.5);
    let mut ends: Vec<i32> = Vec::new();
    axis.visible
        .iter()
        .map(|&i| {
            if only_chosen && !(any_chosen && emph(v, i) >= 0.5) {
                return None;
            }
            let x = axis.x(event_x(&tl.events, i));
            let gap = t.px(7.0);
            let style = label_style(ink, v, base, i);
            let width = |s: &str| text_width(area, s, &style);
            let fits = |lw: i32| x + gap + lw <= right_edge || x - gap - lw >= t.px(4.0);
            let long = label_text(tl, v, i, true);
            let text = if fits(width(&long)) { long } else { label_text(tl, v, i, false) };
            let lw = width(&text);
            let left = if x + gap + lw <= right_edge {
                x + gap
            } else if x - gap - lw >= t.px(4.0) {
                x - gap - lw
            } else {
                (right_edge - lw).max(t.px(4.0))
            };
            let lane = ends.iter().position(|end| *end + t.px(6.0) < left).unwrap_or(ends.len());
            let right = left + lw + t.px(6.0);
            if lane == ends.len() {
                ends.push(right);
            } else {
                ends[lane] = right;
            }
            Some((lane, left, text))
        })
        .collect()
}

/// Builds the plot below the lanes and draws its year axis and value grid.
fn axes<DB: DrawingBackend>(area: &Area<DB>, l: &Layout, ink: &Ink) -> Result<Plot, DrawError> {
    let t = ink.theme;
    let (w, _) = area.dim_in_pixel();
    let (first, last) = (l.axis.first, l.axis.last);
    let frame = Frame { top: l.top_h, right: l.margins[1], left: l.margins[0], x_label_h: l.x_label_h, y_label_w: l.y_label_w };
    let chart = Plot::new(area, frame, (l.axis.lo, l.axis.hi), (0.0, l.y_top));
    let narrow = (w as f64 / t.scale) < 520.0;
    // On a phone a label for the first year would sit under the value axis's "0".
    let from = if narrow { first + 0.5 } else { f64::MIN };
    chart.year_mesh(area, ink, l.base, (if narrow { 5 } else { 12 }.min((last - first) as usize + 1), from), 4, &|y| fixed(y, 0))?;
    Ok(chart)
}

/// Draws the series' bars, then each event's line and dot, keeping each for the reader.
fn marks<DB: DrawingBackend>(tl: &Timeline, area: &Area<DB>, chart: &Plot, l: &Layout, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let series = &tl.series;
    let (first, last) = (l.axis.first, l.axis.last);
    let g = v.grow.clamp(0.0, 1.0);
    let colour = ink.c(t.colour(&series.name));
    for (year, val) in tl.x.iter().zip(tl.values()) {
        let x = *year as f64;
        if x < first - 0.01 || x > last + 0.01 || val <= 0.0 {
            continue;
        }
        fill_rect(area, [chart.at(x - 0.38, 0.0), chart.at(x + 0.38, val * g)], colour)?;
        let (a, b) = (chart.at_abs(x - 0.38, val * g), chart.at_abs(x + 0.38, 0.0));
        ink.keep_abs([a.0, a.1, b.0, b.1], ink.words.name(&series.name), &year.to_string(), ink.loc.thousands(val));
    }
    let (_, plot_bottom) = chart.top_bottom();

    // Events: a line from the lane down through the plot and a dot, for every event first;
    // then the labels, so a line from a higher lane passes behind a label, never through it.
    // Events are dates, not values: their marks have no units.
    ink.units("");
    for &k in &l.order {
        let i = l.axis.visible[k];
        let e = emph(v, i);
        let x = l.axis.x(event_x(&tl.events, i));
        let y = l.lane_y(k, t);
        let line = if e >= 0.5 { ink.c(t.text) } else { ink.c(t.grid) };
        path(area, vec![(x, y), (x, plot_bottom)], line.stroke_width(t.px(if e >= 0.5 { 1.5 } else { 1.0 }).max(1) as u32))?;
        let dot = if e >= 0.5 { ink.c(t.text) } else { ink.c(t.muted_text) };
        circle(area, (x, y), t.px(if e >= 0.5 { 4.5 } else { 3.0 }), dot.filled())?;
        let r = t.px(6.0);
        ink.keep(area, [x - r, y - r, x + r, y + r], &tl.events[i].label, &tl.events[i].when, String::new());
    }
    Ok(())
}

/// Writes over the marks: the events' labels, where the series stops, the publication line.
fn annotations<DB: DrawingBackend>(tl: &Timeline, area: &Area<DB>, chart: &Plot, l: &Layout, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (bx, _) = area.get_base_pixel();
    let (plot_top, plot_bottom) = chart.top_bottom();
    for &k in &l.order {
        if let Some((_, left, text)) = &l.spots[k] {
            let style = label_style(ink, v, l.base, l.axis.visible[k]);
            halo_label(area, text, (*left, l.lane_y(k, t)), Pos::new(HPos::Left, VPos::Center), style, ink)?;
        }
    }
    // Where the series stops: the point of the chart.
    // Written in the plot's top-left corner, clear of the bars and the event lines.
    let shown_until = tl.x.iter().rposition(|y| (*y as f64) <= l.axis.last + 0.01).map(|k| k + 1).unwrap_or(0);
    if let Some(j) = tl.values().take(shown_until).collect::<Vec<_>>().iter().rposition(|x| *x > 0.0) {
        let year = tl.x[j];
        let (px, _) = chart.at_abs(l.axis.first - 0.5, 0.0);
        let colour = ink.c(t.colour(&tl.series.name));
        let label = ink.words.fill("stacked.last", &[("series", ink.words.name(&tl.series.name)), ("x", &year.to_string())]);
        halo_label(
            area,
            &label,
            (px - bx + t.px(4.0), plot_top + t.px(4.0)),
            Pos::new(HPos::Left, VPos::Top),
            ink.text(l.base * 0.8, true).color(&colour),
            ink,
        )?;
    }

    // After the events, so their lines pass behind its label rather than through it.
    if let Some(year) = l.publication {
        let (px, _) = chart.at_abs(year + 0.45, 0.0);
        // One line below the last-value label, so the two never meet.
        publication_line(area, (px - bx, plot_top + t.px(4.0) + l.row), (px - bx, plot_bottom), HPos::Right, ink, l.base)?;
    }
    Ok(())
}
