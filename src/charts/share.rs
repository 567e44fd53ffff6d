//! A share bar: one bar divided into the parts of a whole (100%), with the share a source
//! states for the highlighted parts marked on it, so the two can be compared.

use super::kit::{base_size, emph, fill_rect, line_px, path, put, text_width, wrap, Ink};
use super::{csv_field, csv_num, say, Area, ChartType, Checker, Cx, DrawError, Res};
use crate::view::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Deserialize;

/// One part of the bar: a name, its share (0-100) and, for a group, the names it gathers.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub name: String,
    pub share: f64,
    #[serde(default)]
    pub members: Vec<String>,
}

/// Each item behind the parts, for the table and the CSV: its value and share.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareItem {
    pub name: String,
    pub value: f64,
    pub share: f64,
}

/// A share the source states for a set of parts taken together.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    pub names: Vec<String>,
    pub value: f64,
}

/// An item's share for the table: a share the data file rounded to 0 of a value above 0 is a
/// sliver, written "<0.1%" as any share under 0.05 is, never "0.0%" beside a count.
fn sliver(s: &ShareItem) -> f64 {
    if s.share <= 0.0 && s.value > 0.0 {
        f64::MIN_POSITIVE
    } else {
        s.share
    }
}

/// A share-bar chart.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareBar {
    /// The years the shares are of.
    pub window: [u16; 2],
    pub parts: Vec<Part>,
    pub items: Vec<ShareItem>,
    #[serde(default)]
    pub references: Vec<Reference>,
    /// The CSV's column names: the years, the item, its value, its share.
    pub columns: [String; 4],
}

impl ShareBar {
    /// The share the source states for exactly the parts `chosen`, if it states one.
    pub fn reference(&self, chosen: &[&str]) -> Option<f64> {
        self.references.iter().find(|r| r.names.len() == chosen.len() && r.names.iter().zip(chosen).all(|(a, b)| a == b)).map(|r| r.value)
    }
}

impl ChartType for ShareBar {
    fn series(&self) -> Vec<String> {
        self.parts.iter().map(|p| p.name.clone()).collect()
    }

    fn describe(&self, cx: &Cx, _v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let parts: Vec<String> = self.parts.iter().map(|p| format!("{} {}", w.name(&p.name), f.pct(p.share))).collect();
        let win = self.window;
        let mut s = w.fill(&format!("describe.{}", cx.id), &[("first", &win[0].to_string()), ("last", &win[1].to_string()), ("list", &w.list(&parts))]);
        if !chosen.is_empty() {
            let total: f64 = self.parts.iter().filter(|p| chosen.contains(&p.name)).map(|p| p.share).sum();
            say(&mut s, w, "describe.highlighted_together", &[("names", &w.list(&w.names(chosen))), ("value", &f.pct(total))]);
            let chosen: Vec<&str> = chosen.iter().map(String::as_str).collect();
            if let Some(p) = self.reference(&chosen) {
                say(&mut s, w, "describe.reference", &[("value", &f.percent(p, 0))]);
            }
        }
        s
    }

    fn table(&self, cx: &Cx) -> (Vec<String>, Vec<Vec<String>>) {
        let (w, f) = (cx.words, cx.loc);
        let h = |k: &str| w.get(k).to_string();
        (
            vec![h("table.series"), h("table.value"), h("table.share")],
            self.items.iter().map(|s| vec![cx.words.name(&s.name).to_string(), f.thousands(s.value), f.pct(sliver(s))]).collect(),
        )
    }

    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        // The chart groups small items; the CSV keeps each one.
        let w = self.window;
        let rows = self.items.iter().map(|s| vec![format!("{}-{}", w[0], w[1]), csv_field(&s.name), csv_num(s.value), csv_num(s.share)]).collect();
        (self.columns.to_vec(), rows)
    }

    fn check(&self, c: &mut Checker, at: &str) {
        c.window(&format!("{at}.window"), self.window);
        c.list(&format!("{at}.parts"), self.parts.len(), 12);
        c.list(&format!("{at}.items"), self.items.len(), 300);
        let share = |c: &mut Checker, path: String, v: f64| {
            if !(0.0..=100.0).contains(&v) {
                c.fail(path, crate::msg!("share", "is {v}; a share must be 0 to 100", v = v));
            }
        };
        for (i, p) in self.parts.iter().enumerate() {
            c.label(|| format!("{at}.parts[{i}].name"), &p.name);
            share(c, format!("{at}.parts[{i}].share"), p.share);
        }
        for (i, p) in self.items.iter().enumerate() {
            c.label(|| format!("{at}.items[{i}].name"), &p.name);
            share(c, format!("{at}.items[{i}].share"), p.share);
            c.amount(|| format!("{at}.items[{i}].value"), p.value, "a value");
        }
        let sum: f64 = self.parts.iter().map(|p| p.share).sum();
        if (sum - 100.0).abs() > 0.5 {
            c.fail(format!("{at}.parts"), crate::msg!("shares_sum", "shares sum to {sum}; they must sum to 100 (within rounding)", sum = format!("{sum:.2}")));
        }
        for (i, r) in self.references.iter().enumerate() {
            share(c, format!("{at}.references[{i}].value"), r.value);
            if let Some(n) = r.names.iter().find(|n| !self.parts.iter().any(|p| &p.name == *n)) {
                c.fail(format!("{at}.references[{i}].names"), crate::msg!("not_a_part", "names \"{name}\", which is not a part", name = n));
            }
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
        draw_share(self, area, v, ink)
    }
}

/// Where a share bar's block goes: the headline's lines above the bar, the bar, and the rows.
struct Layout {
    base: f64,
    pad: i32,
    /// The bar's full width (100%).
    bar_w: f64,
    bar_top: i32,
    bar_h: i32,
    /// From the bar's foot to the rows: the scale's room.
    under_bar: i32,
    /// One row's height, under the bar.
    row: i32,
    head_style: TextStyle<'static>,
    head_lines: Vec<String>,
    head_line: i32,
    /// The headline's height above the bar.
    above: i32,
}

/// Draws a share bar: the layout, the headline, the bar, then its scale, the source's share
/// and one row per part.
fn draw_share<DB: DrawingBackend>(sb: &ShareBar, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let names: Vec<String> = sb.parts.iter().map(|p| p.name.clone()).collect();
    let chosen = v.emphasised(&names);
    let l = layout(sb, area, v, ink, &chosen);
    headline(area, &l)?;
    marks(sb, area, &l, v, ink)?;
    scale(area, &l, ink)?;
    let y = reference(sb, area, &l, &chosen, ink)?;
    rows(sb, area, &l, y, v, ink)
}

/// Lays the block out: the headline wrapped to the width, then a bar and rows that fit the height.
fn layout<DB: DrawingBackend>(sb: &ShareBar, area: &Area<DB>, v: &View, ink: &Ink, chosen: &[&str]) -> Layout {
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let n = sb.parts.len();
    let pad = t.px(8.0);
    let bar_w = (w as i32 - 2 * pad).max(1) as f64;
    // The highlighted total, written above the bar; wrapped when the names are long.
    let head_style = ink.text(base * 1.15, true);
    let head_lines = wrap(area, &headline_text(sb, v, ink, chosen), &head_style, (w as i32 - 2 * pad).max(1) as u32);
    let head_line = line_px(t, base * 1.15, 1.2);
    let above = t.px(base * 0.85) + head_line * head_lines.len() as i32;

    // The block: headline, bar, scale, the reference when it goes under the scale, one row per
    // group. Where the height is short (a phone in landscape, a long source line), the bar and
    // the rows give up space down to their least, so no row runs into the source.
    let mut bar_h = t.px(base * 3.2).min(h as i32 / 4);
    let mut row = t.px(base * 1.55);
    let under_bar = t.px(base * 2.6);
    let need = |bar_h: i32, row: i32| above + bar_h + under_bar + t.px(base * 1.4) + row * n as i32;
    let over = need(bar_h, row) - h as i32;
    if over > 0 {
        bar_h = (bar_h - over).max(t.px(base * 1.4));
        let over = need(bar_h, row) - h as i32;
        if over > 0 {
            row = (row - over / n.max(1) as i32 - 1).max(line_px(t, base * 0.95, 1.15));
        }
    }
    // Near the top rather than centred, so the headline share is among the first things seen.
    let bar_top = above + ((h as i32 - need(bar_h, row)) / 4).clamp(0, t.px(base * 3.0));
    Layout { base, pad, bar_w, bar_top, bar_h, under_bar, row, head_style, head_lines, head_line, above }
}

/// The headline: the highlighted parts and their total share, or how many items there are when
/// every part is highlighted.
fn headline_text(sb: &ShareBar, v: &View, ink: &Ink, chosen: &[&str]) -> String {
    let total: f64 = sb.parts.iter().zip(&v.emphasis).filter(|(_, e)| **e >= 0.5).map(|(p, _)| p.share).sum();
    if chosen.len() == sb.parts.len() {
        ink.words.fill("share.all", &[("n", &sb.items.len().to_string())])
    } else {
        format!("{}: {}", chosen.iter().map(|n| ink.words.name(n)).collect::<Vec<_>>().join(" + "), ink.loc.pct(total))
    }
}

/// Writes the headline's lines above the bar.
fn headline<DB: DrawingBackend>(area: &Area<DB>, l: &Layout) -> Res {
    for (k, line) in l.head_lines.iter().enumerate() {
        let at = (l.pad, l.bar_top - l.above + l.head_line * k as i32);
        put(area, line, at, &l.head_style, Pos::new(HPos::Left, VPos::Top))?;
    }
    Ok(())
}

/// A part's colour at emphasis `e`; a group of parts takes the colour of the others.
fn part_colour(p: &Part, ink: &Ink, e: f64) -> RGBColor {
    let t = ink.theme;
    ink.mark(if p.members.is_empty() { t.colour(&p.name) } else { t.others }, e)
}

/// Draws the bar, one segment per part as wide as its share (grown with the view), and keeps
/// each for the reader to point at.
fn marks<DB: DrawingBackend>(sb: &ShareBar, area: &Area<DB>, l: &Layout, v: &View, ink: &Ink) -> Res {
    let g = v.grow.clamp(0.0, 1.0);
    let mut x = l.pad as f64;
    for (i, p) in sb.parts.iter().enumerate() {
        let wid = l.bar_w * p.share / 100.0 * g;
        let colour = part_colour(p, ink, emph(v, i));
        let rect = [x.round() as i32, l.bar_top, (x + wid).round() as i32, l.bar_top + l.bar_h];
        fill_rect(area, [(rect[0], rect[1]), (rect[2], rect[3])], colour)?;
        ink.keep(area, rect, ink.words.name(&p.name), "", ink.loc.pct(p.share));
        x += wid;
    }
    Ok(())
}

/// Draws the scale under the bar: a tick and a percentage at every quarter.
fn scale<DB: DrawingBackend>(area: &Area<DB>, l: &Layout, ink: &Ink) -> Res {
    let t = ink.theme;
    let tick_style = ink.muted(l.base * 0.8);
    let foot = l.bar_top + l.bar_h;
    for p in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let tx = l.pad + (l.bar_w * p / 100.0).round() as i32;
        // The end labels sit inside the bar's span, so they are never clipped.
        let h_pos = if p == 0.0 {
            HPos::Left
        } else if p == 100.0 {
            HPos::Right
        } else {
            HPos::Center
        };
        path(area, vec![(tx, foot), (tx, foot + t.px(4.0))], ink.c(t.grid).into())?;
        put(area, &ink.loc.percent(p, 0), (tx, foot + t.px(6.0)), &tick_style, Pos::new(h_pos, VPos::Top))?;
    }
    Ok(())
}

/// Marks the share the source states for the highlighted parts, if it states one, with a dashed
/// line across the bar and a label; returns the y the rows start at (lower when the label takes
/// a row of its own under the scale).
fn reference<DB: DrawingBackend>(sb: &ShareBar, area: &Area<DB>, l: &Layout, chosen: &[&str], ink: &Ink) -> Result<i32, DrawError> {
    let t = ink.theme;
    let (w, _) = area.dim_in_pixel();
    let (pad, bar_top, bar_h, base) = (l.pad, l.bar_top, l.bar_h, l.base);
    // Where the source puts the highlighted share, so the two can be compared.
    let y = bar_top + bar_h + l.under_bar;
    let Some(p) = sb.reference(chosen).filter(|p| (0.0..=100.0).contains(p)) else { return Ok(y) };
    let mx = pad + (l.bar_w * p / 100.0).round() as i32;
    let dash = t.px(3.0).max(1);
    let mut yy = bar_top - t.px(6.0);
    while yy < bar_top + bar_h + t.px(6.0) {
        path(area, vec![(mx, yy), (mx, (yy + dash).min(bar_top + bar_h + t.px(6.0)))], ink.c(t.text).stroke_width(t.px(1.5).max(1) as u32))?;
        yy += 2 * dash;
    }
    let label = ink.words.fill("share.reference", &[("value", &ink.loc.percent(p, 0))]);
    let style = ink.text(base * 0.85, true);
    let lw = text_width(area, &label, &style);
    let lx = (mx - lw / 2).clamp(pad, (w as i32 - pad - lw).max(pad));
    // Above the bar, by its line, when the headline leaves room; else under the scale.
    let last_line = l.head_lines.last().map(String::as_str).unwrap_or("");
    let headline_end = pad + text_width(area, last_line, &l.head_style);
    if lx > headline_end + t.px(12.0) {
        let top = bar_top - l.above + l.head_line * (l.head_lines.len() as i32 - 1);
        put(area, &label, (lx, top), &style, Pos::new(HPos::Left, VPos::Top))?;
        Ok(y)
    } else {
        put(area, &label, (lx, y - t.px(base * 0.6)), &style, Pos::new(HPos::Left, VPos::Top))?;
        Ok(y + t.px(base * 1.4))
    }
}

/// Writes one row per part from `y` down: swatch, name (a group's with how many it gathers),
/// share.
fn rows<DB: DrawingBackend>(sb: &ShareBar, area: &Area<DB>, l: &Layout, mut y: i32, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (w, _) = area.dim_in_pixel();
    let pad = l.pad;
    // One line per group below: swatch, name, share.
    for (i, p) in sb.parts.iter().enumerate() {
        let e = emph(v, i);
        let colour = part_colour(p, ink, e);
        let sw = t.px(l.base * 0.8);
        fill_rect(area, [(pad, y + t.px(2.0)), (pad + sw, y + t.px(2.0) + sw)], colour)?;
        let style = if e >= 0.5 { ink.text(l.base * 0.95, true) } else { ink.muted(l.base * 0.95) };
        let label = if p.members.is_empty() { ink.words.name(&p.name).to_string() } else { format!("{} ({})", ink.words.name(&p.name), p.members.len()) };
        put(area, &label, (pad + sw + t.px(6.0), y), &style, Pos::new(HPos::Left, VPos::Top))?;
        // Values sit near their names, not across a wide screen.
        let right = (pad + t.px(360.0)).min(w as i32 - pad);
        put(area, &ink.loc.pct(p.share), (right, y), &style, Pos::new(HPos::Right, VPos::Top))?;
        y += l.row;
    }
    Ok(())
}
