//! A dot plot of stated figures against measured ones: one row per figure, a ring for what the
//! source states and a dot for what the data show, on one measure at one reference year, with
//! the verdict written beside each row.

use super::kit::{base_size, circle, emph, line_px, nice_max, path, put, text_width, Ink};
use super::verdict::{verdict, verdict_label, VERDICTS};
use super::{csv_field, csv_num, say, Area, ChartType, Checker, Cx, Res};
use crate::view::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Deserialize;

/// One row: a figure as the source states it (in millions) and as the data measure it (a count).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dot {
    /// The row as the source names it.
    pub name: String,
    /// What the data count (a country code), for the CSV.
    #[serde(default)]
    pub key: String,
    /// The name the data give what they count, where it differs from `name`.
    #[serde(default)]
    pub origin: Option<String>,
    #[serde(default)]
    pub note: String,
    pub claimed: f64,
    pub measured: Option<f64>,
    /// The series whose colour the row takes.
    #[serde(default)]
    pub colour: String,
    /// The stated figure measures something the data at `at` cannot (see ClaimSpec).
    #[serde(default)]
    pub not_comparable: bool,
}

/// A dot-plot chart.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DotPlot {
    /// The year the measured values are of.
    pub at: u16,
    /// The year the stated values were published.
    pub claimed_at: u16,
    pub rows: Vec<Dot>,
    /// The last digit the source shows, in millions: a difference within half of it "matches".
    pub step: f64,
    #[serde(default)]
    pub value_units: String,
    /// The CSV's column names: the row, the key, the stated value, the year, the measured value, the verdict.
    pub columns: [String; 6],
}

impl Dot {
    /// The verdict's code, where there is a measured value.
    pub fn verdict(&self, step: f64) -> Option<&'static str> {
        self.measured.map(|m| if self.not_comparable { "not_comparable" } else { verdict(self.claimed, m / 1e6, step) })
    }
}

impl ChartType for DotPlot {
    fn series(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.name.clone()).collect()
    }

    fn describe(&self, cx: &Cx, _v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let mut counts = [0usize; VERDICTS.len()];
        let parts: Vec<String> = self
            .rows
            .iter()
            .map(|c| {
                let who = match &c.origin {
                    Some(o) if o != &c.name => w.fill("describe.dots.other_origin", &[("name", w.name(&c.name)), ("origin", w.name(o))]),
                    _ => w.name(&c.name).to_string(),
                };
                let stated = f.number(c.claimed, 1);
                match (c.measured, c.verdict(self.step)) {
                    (Some(v), Some(code)) => {
                        if let Some(i) = VERDICTS.iter().position(|x| *x == code) {
                            counts[i] += 1;
                        }
                        w.fill("describe.dots.row", &[("name", &who), ("stated", &stated), ("measured", &f.people(v)), ("verdict", &verdict_label(w, code))])
                    }
                    _ => w.fill("describe.dots.row_unmeasured", &[("name", &who), ("stated", &stated)]),
                }
            })
            .collect();
        let mut s = w.fill(&format!("describe.{}", cx.id), &[("year", &self.at.to_string()), ("rows", &parts.join("; "))]);
        let tally: Vec<String> = VERDICTS
            .iter()
            .zip(counts)
            .filter(|(_, n)| *n > 0)
            .map(|(v, n)| w.fill("describe.dots.tally_item", &[("verdict", &verdict_label(w, v)), ("n", &n.to_string())]))
            .collect();
        if !tally.is_empty() {
            say(&mut s, w, "describe.dots.tally", &[("n", &counts.iter().sum::<usize>().to_string()), ("list", &w.list(&tally))]);
        }
        if !chosen.is_empty() {
            say(&mut s, w, "describe.highlighted", &[("names", &w.list(&w.names(chosen)))]);
        }
        s
    }

    fn table(&self, cx: &Cx) -> (Vec<String>, Vec<Vec<String>>) {
        let (w, f) = (cx.words, cx.loc);
        let h = |k: &str| w.get(k).to_string();
        let rows = self
            .rows
            .iter()
            .map(|c| {
                let origin = c.origin.as_deref().map(|o| w.name(o).to_string()).unwrap_or_else(|| h("table.not_in_series"));
                let (count, says) = match (c.measured, c.verdict(self.step)) {
                    (Some(v), Some(code)) => (f.thousands(v), verdict_label(w, code)),
                    _ => (h("table.no_record"), h("table.not_checked")),
                };
                vec![w.name(&c.name).to_string(), f.number(c.claimed, 1), origin, count, says]
            })
            .collect();
        (
            vec![h("table.as_named"), h("table.stated"), h("table.origin"), w.fill("table.measured_at", &[("year", &self.at.to_string())]), h("table.verdict")],
            rows,
        )
    }

    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let rows = self
            .rows
            .iter()
            .map(|c| {
                // The verdict's code, not its label: a CSV stays the same in every language.
                vec![
                    csv_field(&c.name),
                    csv_field(&c.key),
                    csv_num(c.claimed),
                    self.at.to_string(),
                    c.measured.map(csv_num).unwrap_or_default(),
                    c.verdict(self.step).unwrap_or_default().to_string(),
                ]
            })
            .collect();
        (self.columns.to_vec(), rows)
    }

    fn check(&self, c: &mut Checker, at: &str) {
        c.year(&format!("{at}.at"), self.at);
        c.year(&format!("{at}.claimed_at"), self.claimed_at);
        c.list(&format!("{at}.rows"), self.rows.len(), 8);
        if !(self.step > 0.0 && self.step.is_finite()) {
            c.fail(format!("{at}.step"), crate::msg!("step", "is {v}; the last digit shown must be above 0", v = self.step));
        }
        for (i, r) in self.rows.iter().enumerate() {
            c.label(|| format!("{at}.rows[{i}].name"), &r.name);
            c.amount(|| format!("{at}.rows[{i}].claimed"), r.claimed, "a stated figure");
            if let Some(m) = r.measured {
                c.amount(|| format!("{at}.rows[{i}].measured"), m, "a count");
            }
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
        draw_dots(self, area, v, ink)
    }
}

/// Draws `d` into `area`: the key, the value scale, then each row with its marks and verdict.
fn draw_dots<DB: DrawingBackend>(d: &DotPlot, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let l = layout(d, area.dim_in_pixel(), v, ink);
    key(area, &l, ink)?;
    if !d.value_units.is_empty() {
        ink.units(&d.value_units);
    }
    scale(area, &l, ink)?;
    for i in 0..d.rows.len() {
        row(d, area, &l, v, ink, i)?;
    }
    Ok(())
}

/// Where a dot plot's parts go: the key on top, a slot per row below it, the value scale across, and the sizes of text and marks.
struct Layout {
    /// The area's width in pixels.
    w: i32,
    base: f64,
    pad: i32,
    /// The radius of the ring and the dot.
    r: i32,
    /// The top of the first row's slot.
    top: i32,
    /// Each row's height, and the number of rows (at least 1).
    slot: i32,
    n: i32,
    /// The height of a row's name.
    name_h: i32,
    /// The scale's left (0) and right (`max`) ends, in pixels.
    x0: i32,
    x1: i32,
    max: f64,
    /// How far the marks have grown out from 0, 0 to 1.
    grow: f64,
    /// The key's words for the ring and for the dot, which the marks' readouts repeat.
    stated_key: String,
    measured_key: String,
}

impl Layout {
    /// A value in millions as a pixel across the scale.
    fn xp(&self, m: f64) -> i32 {
        self.x0 + ((m / self.max).clamp(0.0, 1.0) * (self.x1 - self.x0) as f64).round() as i32
    }
}

/// Lays the chart out in `w` by `h` pixels, the scale up to a round number above every value; it draws nothing, so it needs only the size.
fn layout(d: &DotPlot, (w, h): (u32, u32), v: &View, ink: &Ink) -> Layout {
    let t = ink.theme;
    let base = base_size(t, w);
    let pad = t.px(8.0);
    let r = t.px(5.0);
    let max = nice_max(d.rows.iter().flat_map(|c| [Some(c.claimed), c.measured.map(|m| m / 1e6)]).flatten().fold(0.0, f64::max));
    let top = t.px(base * 2.4);
    let axis_h = t.px(base * 1.8);
    let n = d.rows.len().max(1) as i32;
    Layout {
        w: w as i32,
        base,
        pad,
        r,
        top,
        slot: ((h as i32 - top - axis_h) / n).max(1),
        n,
        name_h: line_px(t, base, 1.1),
        x0: pad + r,
        x1: w as i32 - pad - t.px(base * 2.0),
        max,
        grow: v.grow.clamp(0.0, 1.0),
        stated_key: ink.words.fill("check.claimed", &[("year", &d.claimed_at.to_string())]),
        measured_key: ink.words.fill("check.measured", &[("year", &d.at.to_string())]),
    }
}

/// The style of a row's verdict and values: bold when the row is emphasised, else muted.
fn value_style(ink: &Ink, base: f64, e: f64) -> TextStyle<'static> {
    if e >= 0.5 {
        ink.text(base * 0.85, true)
    } else {
        ink.muted(base * 0.85)
    }
}

/// Draws the key across the top: ring for the claim, dot for the measure.
fn key<DB: DrawingBackend>(area: &Area<DB>, l: &Layout, ink: &Ink) -> Res {
    let t = ink.theme;
    let (key_y, r) = (t.px(l.base * 0.7), l.r);
    let mut x = l.pad + r;
    circle(area, (x, key_y), r, ink.c(t.text).stroke_width(t.px(2.0).max(1) as u32))?;
    let style = ink.text(l.base * 0.85, false).pos(Pos::new(HPos::Left, VPos::Center));
    put(area, &l.stated_key, (x + r + t.px(5.0), key_y), &style, style.pos)?;
    x += r + t.px(5.0) + text_width(area, &l.stated_key, &ink.text(l.base * 0.85, false)) + t.px(18.0);
    circle(area, (x, key_y), r, ink.c(t.muted_text).filled())?;
    put(area, l.measured_key.as_str(), (x + r + t.px(5.0), key_y), &style, style.pos)?;
    Ok(())
}

/// Draws the scale along the bottom, with a grid line up through the rows at each quarter.
fn scale<DB: DrawingBackend>(area: &Area<DB>, l: &Layout, ink: &Ink) -> Res {
    let t = ink.theme;
    let axis_y = l.top + l.slot * l.n;
    path(area, vec![(l.x0, axis_y), (l.x1, axis_y)], ink.c(t.grid).into())?;
    for k in 0..=4 {
        let m = l.max * k as f64 / 4.0;
        let h_pos = if k == 0 {
            HPos::Left
        } else if k == 4 {
            HPos::Right
        } else {
            HPos::Center
        };
        path(area, vec![(l.xp(m), l.top), (l.xp(m), axis_y)], ink.c(t.grid).into())?;
        let label = ink.loc.millions_short(m, if (l.max / 4.0).fract().abs() > 1e-9 { 1 } else { 0 });
        put(area, &label, (l.xp(m), axis_y + t.px(4.0)), &ink.muted(l.base * 0.8), Pos::new(h_pos, VPos::Top))?;
    }
    Ok(())
}

/// Draws row `i`: its name, then its marks and values (or that it has no record), then its verdict.
fn row<DB: DrawingBackend>(d: &DotPlot, area: &Area<DB>, l: &Layout, v: &View, ink: &Ink, i: usize) -> Res {
    let t = ink.theme;
    let (c, e) = (&d.rows[i], emph(v, i));
    let y_name = l.top + l.slot * i as i32 + t.px(4.0);
    // The marks' line, just under the name.
    let y = y_name + l.name_h + t.px(4.0) + l.r;
    let name_style = if e >= 0.5 { ink.text(l.base, true) } else { ink.muted(l.base) };
    // The verdict sits at the right of the name; the note goes when both do not fit.
    let verdict = c.verdict(d.step).map(|code| verdict_label(ink.words, code)).unwrap_or_default();
    let vstyle = value_style(ink, l.base, e);
    let room = l.w - 2 * l.pad - text_width(area, &verdict, &vstyle) - t.px(10.0);
    let shown = ink.words.name(&c.name);
    let full = if c.note.is_empty() { shown.to_string() } else { format!("{} ({})", shown, ink.words.name(&c.note)) };
    let name = if text_width(area, &full, &name_style) <= room { full } else { shown.to_string() };
    put(area, &name, (l.pad, y_name), &name_style, Pos::new(HPos::Left, VPos::Top))?;
    let Some(measured) = c.measured.map(|m| m / 1e6) else {
        let none = ink.words.fill("check.no_record", &[("year", &d.at.to_string())]);
        put(area, &none, (l.pad, y), &ink.muted(l.base * 0.85), Pos::new(HPos::Left, VPos::Center))?;
        return Ok(());
    };
    marks(area, l, ink, c, e, y, measured)?;
    put(area, &verdict, (l.w - l.pad, y_name), &vstyle, Pos::new(HPos::Right, VPos::Top))?;
    Ok(())
}

/// Draws a measured row on its line at `y`: the line joining ring (stated) and dot (measured), both marks (kept for the reader), their values.
fn marks<DB: DrawingBackend>(area: &Area<DB>, l: &Layout, ink: &Ink, c: &Dot, e: f64, y: i32, measured: f64) -> Res {
    let t = ink.theme;
    let stated = c.claimed;
    let (sx, mx) = (l.xp(stated * l.grow), l.xp(measured * l.grow));
    // Each value beside its own mark on the marks' line: the smaller one left of its mark
    // and the larger right of its, or, where the edge leaves no room, in the gap between,
    // where the line joining the marks breaks for it.
    let vs = value_style(ink, l.base, e);
    let (stated_text, measured_text) = (ink.loc.millions_short(stated, 1), ink.loc.short_people(measured * 1e6));
    let ((lo_x, lo_t), (hi_x, hi_t)) = if sx <= mx { ((sx, stated_text), (mx, measured_text)) } else { ((mx, measured_text), (sx, stated_text)) };
    let (lo_w, hi_w) = (text_width(area, &lo_t, &vs), text_width(area, &hi_t, &vs));
    let gap = t.px(4.0) + l.r;
    let hi_outside = hi_x + gap + hi_w <= l.w - t.px(2.0);
    let lo_outside = lo_x - gap - lo_w >= t.px(2.0);
    let inner = (hi_x - lo_x) - 2 * gap - t.px(6.0);
    let inside_need = if hi_outside { 0 } else { hi_w } + if lo_outside { 0 } else { lo_w };
    let fits = inside_need <= inner.max(0);
    let mut line = vec![(lo_x, hi_x)];
    if fits {
        // The stretch of the joining line each label inside the gap takes.
        let (a, b) = (if lo_outside { lo_x } else { lo_x + gap + lo_w + t.px(3.0) }, if hi_outside { hi_x } else { hi_x - gap - hi_w - t.px(3.0) });
        line = vec![(lo_x, if lo_outside { lo_x } else { lo_x + gap - t.px(3.0) }), (a, b), (if hi_outside { hi_x } else { hi_x - gap + t.px(3.0) }, hi_x)];
    }
    for (a, b) in line.into_iter().filter(|(a, b)| b > a) {
        path(area, vec![(a, y), (b, y)], ink.mark(t.muted_text, e).stroke_width(t.px(2.0).max(1) as u32))?;
    }
    circle(area, (mx, y), l.r, ink.mark(t.colour(&c.colour), e).filled())?;
    circle(area, (sx, y), l.r, ink.mark(t.text, e).stroke_width(t.px(2.0).max(1) as u32))?;
    let hit = l.r + t.px(3.0);
    ink.keep(area, [sx - hit, y - hit, sx + hit, y + hit], ink.words.name(&c.name), &l.stated_key, ink.loc.millions(stated));
    ink.keep(area, [mx - hit, y - hit, mx + hit, y + hit], ink.words.name(&c.name), &l.measured_key, ink.loc.thousands(measured * 1e6));
    if fits {
        let lo_pos = if lo_outside { (lo_x - gap, HPos::Right) } else { (lo_x + gap, HPos::Left) };
        let hi_pos = if hi_outside { (hi_x + gap, HPos::Left) } else { (hi_x - gap, HPos::Right) };
        put(area, &lo_t, (lo_pos.0, y), &vs, Pos::new(lo_pos.1, VPos::Center))?;
        put(area, &hi_t, (hi_pos.0, y), &vs, Pos::new(hi_pos.1, VPos::Center))?;
    } else {
        // Neither side has room (a very narrow chart): both values at the right end of the
        // marks' line, under the verdict.
        let both = format!("{lo_t} / {hi_t}");
        put(area, &both, (l.w - l.pad, y), &vs, Pos::new(HPos::Right, VPos::Center))?;
    }
    Ok(())
}
