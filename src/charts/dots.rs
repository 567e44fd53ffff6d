//! A dot plot of stated figures against measured ones: one row per figure, a ring for what the
//! source states and a dot for what the data show, on one measure at one reference year, with
//! the verdict written beside each row.

use super::kit::{base_size, emph, nice_max, Ink};
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

#[allow(clippy::too_many_lines)] // 105 lines: to be split by issue 30's drawing kit and layers
fn draw_dots<DB: DrawingBackend>(d: &DotPlot, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let pad = t.px(8.0);
    let year = d.at;

    // The key: ring for the claim, dot for the measure.
    let key_y = t.px(base * 0.7);
    let r = t.px(5.0);
    let mut x = pad + r;
    area.draw(&Circle::new((x, key_y), r, ink.c(t.text).stroke_width(t.px(2.0).max(1) as u32)))?;
    let style = ink.text(base * 0.85, false).pos(Pos::new(HPos::Left, VPos::Center));
    let k1 = ink.words.fill("check.claimed", &[("year", &d.claimed_at.to_string())]);
    area.draw(&Text::new(k1.clone(), (x + r + t.px(5.0), key_y), style.clone()))?;
    x += r + t.px(5.0) + area.estimate_text_size(&k1, &ink.text(base * 0.85, false)).map(|s| s.0 as i32).unwrap_or(0) + t.px(18.0);
    area.draw(&Circle::new((x, key_y), r, ink.c(t.muted_text).filled()))?;
    let k2 = ink.words.fill("check.measured", &[("year", &year.to_string())]);
    area.draw(&Text::new(k2.clone(), (x + r + t.px(5.0), key_y), style))?;

    let counts = &d.value_units;
    if !counts.is_empty() {
        ink.units(counts);
    }
    let rows: Vec<(f64, Option<f64>)> = d.rows.iter().map(|c| (c.claimed, c.measured.map(|m| m / 1e6))).collect();
    let max = nice_max(rows.iter().flat_map(|(a, b)| [Some(*a), *b]).flatten().fold(0.0, f64::max));
    let top = t.px(base * 2.4);
    let axis_h = t.px(base * 1.8);
    let n = rows.len().max(1) as i32;
    let name_h = super::kit::line_px(t, base, 1.1);
    let slot = ((h as i32 - top - axis_h) / n).max(1);
    let (x0, x1) = (pad + r, w as i32 - pad - t.px(base * 2.0));
    let xp = |m: f64| x0 + ((m / max).clamp(0.0, 1.0) * (x1 - x0) as f64).round() as i32;
    let g = v.grow.clamp(0.0, 1.0);

    // Scale along the bottom.
    let axis_y = top + slot * n;
    area.draw(&PathElement::new(vec![(x0, axis_y), (x1, axis_y)], ink.c(t.grid)))?;
    for k in 0..=4 {
        let m = max * k as f64 / 4.0;
        let h_pos = if k == 0 {
            HPos::Left
        } else if k == 4 {
            HPos::Right
        } else {
            HPos::Center
        };
        area.draw(&PathElement::new(vec![(xp(m), top), (xp(m), axis_y)], ink.c(t.grid)))?;
        let label = ink.loc.millions_short(m, if (max / 4.0).fract().abs() > 1e-9 { 1 } else { 0 });
        area.draw(&Text::new(label, (xp(m), axis_y + t.px(4.0)), ink.muted(base * 0.8).pos(Pos::new(h_pos, VPos::Top))))?;
    }

    for (i, (c, (stated, measured))) in d.rows.iter().zip(&rows).enumerate() {
        let e = emph(v, i);
        let y_name = top + slot * i as i32 + t.px(4.0);
        // The marks' line, just under the name.
        let y = y_name + name_h + t.px(4.0) + r;
        let hue = ink.mark(t.colour(&c.colour), e);
        let name_style = if e >= 0.5 { ink.text(base, true) } else { ink.muted(base) };
        // The verdict sits at the right of the name; the note goes when both do not fit.
        let verdict_label =
            measured.map(|m| verdict_label(ink.words, if c.not_comparable { "not_comparable" } else { verdict(*stated, m, d.step) })).unwrap_or_default();
        let vstyle = if e >= 0.5 { ink.text(base * 0.85, true) } else { ink.muted(base * 0.85) };
        let width = |s: &str, st: &TextStyle| area.estimate_text_size(s, st).map(|x| x.0 as i32).unwrap_or(0);
        let room = w as i32 - 2 * pad - width(&verdict_label, &vstyle) - t.px(10.0);
        let shown = ink.words.name(&c.name);
        let full = if c.note.is_empty() { shown.to_string() } else { format!("{} ({})", shown, ink.words.name(&c.note)) };
        let name = if width(&full, &name_style) <= room { full } else { shown.to_string() };
        area.draw(&Text::new(name, (pad, y_name), name_style.pos(Pos::new(HPos::Left, VPos::Top))))?;
        let Some(measured) = measured else {
            area.draw(&Text::new(
                ink.words.fill("check.no_record", &[("year", &year.to_string())]),
                (pad, y),
                ink.muted(base * 0.85).pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            continue;
        };
        let (sx, mx) = (xp(*stated * g), xp(*measured * g));
        // Each value beside its own mark on the marks' line: the smaller one left of its mark
        // and the larger right of its, or, where the edge leaves no room, in the gap between,
        // where the line joining the marks breaks for it.
        let vs = if e >= 0.5 { ink.text(base * 0.85, true) } else { ink.muted(base * 0.85) };
        let (stated_text, measured_text) = (ink.loc.millions_short(*stated, 1), ink.loc.short_people(measured * 1e6));
        let ((lo_x, lo_t), (hi_x, hi_t)) = if sx <= mx { ((sx, stated_text), (mx, measured_text)) } else { ((mx, measured_text), (sx, stated_text)) };
        let (lo_w, hi_w) = (width(&lo_t, &vs), width(&hi_t, &vs));
        let gap = t.px(4.0) + r;
        let hi_outside = hi_x + gap + hi_w <= w as i32 - t.px(2.0);
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
            area.draw(&PathElement::new(vec![(a, y), (b, y)], ink.mark(t.muted_text, e).stroke_width(t.px(2.0).max(1) as u32)))?;
        }
        area.draw(&Circle::new((mx, y), r, hue.filled()))?;
        area.draw(&Circle::new((sx, y), r, ink.mark(t.text, e).stroke_width(t.px(2.0).max(1) as u32)))?;
        let hit = r + t.px(3.0);
        ink.keep(area, [sx - hit, y - hit, sx + hit, y + hit], ink.words.name(&c.name), &k1, ink.loc.millions(*stated));
        ink.keep(area, [mx - hit, y - hit, mx + hit, y + hit], ink.words.name(&c.name), &k2, ink.loc.thousands(measured * 1e6));
        if fits {
            let lo_pos = if lo_outside { (lo_x - gap, HPos::Right) } else { (lo_x + gap, HPos::Left) };
            let hi_pos = if hi_outside { (hi_x + gap, HPos::Left) } else { (hi_x - gap, HPos::Right) };
            area.draw(&Text::new(lo_t, (lo_pos.0, y), vs.clone().pos(Pos::new(lo_pos.1, VPos::Center))))?;
            area.draw(&Text::new(hi_t, (hi_pos.0, y), vs.clone().pos(Pos::new(hi_pos.1, VPos::Center))))?;
        } else {
            // Neither side has room (a very narrow chart): both values at the right end of the
            // marks' line, under the verdict.
            let both = format!("{lo_t} / {hi_t}");
            area.draw(&Text::new(both, (w as i32 - pad, y), vs.clone().pos(Pos::new(HPos::Right, VPos::Center))))?;
        }
        area.draw(&Text::new(verdict_label, (w as i32 - pad, y_name), vstyle.pos(Pos::new(HPos::Right, VPos::Top))))?;
    }
    Ok(())
}
