//! A share bar: one bar divided into the parts of a whole (100%), with the share a source
//! states for the highlighted parts marked on it, so the two can be compared.

use super::kit::{base_size, emph, Ink};
use super::{csv_field, csv_num, say, Area, ChartType, Checker, Cx, Res};
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
            self.items.iter().map(|s| vec![cx.words.name(&s.name).to_string(), f.thousands(s.value), f.pct(s.share)]).collect(),
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

#[allow(clippy::too_many_lines)] // 96 lines: to be split by issue 30's drawing kit and layers
fn draw_share<DB: DrawingBackend>(sb: &ShareBar, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let groups: Vec<(String, f64, bool)> = sb.parts.iter().map(|p| (p.name.clone(), p.share, !p.members.is_empty())).collect();
    let pad = t.px(8.0);
    let bar_w = (w as i32 - 2 * pad).max(1) as f64;
    let g = v.grow.clamp(0.0, 1.0);

    // The highlighted total, written above the bar; wrapped when the names are long.
    let names: Vec<String> = groups.iter().map(|g| g.0.clone()).collect();
    let chosen = v.emphasised(&names);
    let total: f64 = groups.iter().zip(&v.emphasis).filter(|(_, e)| **e >= 0.5).map(|(g, _)| g.1).sum();
    let headline = if chosen.len() == groups.len() {
        ink.words.fill("share.all", &[("n", &sb.items.len().to_string())])
    } else {
        format!("{}: {}", chosen.iter().map(|n| ink.words.name(n)).collect::<Vec<_>>().join(" + "), ink.loc.pct(total))
    };
    let head_style = ink.text(base * 1.15, true);
    let head_lines = super::kit::wrap(area, &headline, &head_style, (w as i32 - 2 * pad).max(1) as u32);
    let head_line = super::kit::line_px(t, base * 1.15, 1.2);
    let above = t.px(base * 0.85) + head_line * head_lines.len() as i32;

    // The block: headline, bar, scale, the reference when it goes under the scale, one row per
    // group. Where the height is short (a phone in landscape, a long source line), the bar and
    // the rows give up space down to their least, so no row runs into the source.
    let mut bar_h = t.px(base * 3.2).min(h as i32 / 4);
    let mut row = t.px(base * 1.55);
    let under_bar = t.px(base * 2.6);
    let need = |bar_h: i32, row: i32| above + bar_h + under_bar + t.px(base * 1.4) + row * groups.len() as i32;
    let over = need(bar_h, row) - h as i32;
    if over > 0 {
        bar_h = (bar_h - over).max(t.px(base * 1.4));
        let over = need(bar_h, row) - h as i32;
        if over > 0 {
            row = (row - over / groups.len().max(1) as i32 - 1).max(super::kit::line_px(t, base * 0.95, 1.15));
        }
    }
    // Near the top rather than centred, so the headline share is among the first things seen.
    let bar_top = above + ((h as i32 - need(bar_h, row)) / 4).clamp(0, t.px(base * 3.0));
    for (k, l) in head_lines.iter().enumerate() {
        area.draw(&Text::new(l.clone(), (pad, bar_top - above + head_line * k as i32), head_style.clone().pos(Pos::new(HPos::Left, VPos::Top))))?;
    }

    let mut x = pad as f64;
    let mut bounds = Vec::new();
    for (i, (name, share, is_group)) in groups.iter().enumerate() {
        let wid = bar_w * share / 100.0 * g;
        let colour = ink.mark(if *is_group { t.others } else { t.colour(name) }, emph(v, i));
        area.draw(&Rectangle::new([(x.round() as i32, bar_top), ((x + wid).round() as i32, bar_top + bar_h)], colour.filled()))?;
        ink.keep(area, [x.round() as i32, bar_top, (x + wid).round() as i32, bar_top + bar_h], ink.words.name(name), "", ink.loc.pct(*share));
        bounds.push((name, *share, x, wid, emph(v, i)));
        x += wid;
    }
    // Scale under the bar.
    let tick_style = ink.muted(base * 0.8);
    for p in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let tx = pad + (bar_w * p / 100.0).round() as i32;
        // The end labels sit inside the bar's span, so they are never clipped.
        let h_pos = if p == 0.0 {
            HPos::Left
        } else if p == 100.0 {
            HPos::Right
        } else {
            HPos::Center
        };
        area.draw(&PathElement::new(vec![(tx, bar_top + bar_h), (tx, bar_top + bar_h + t.px(4.0))], ink.c(t.grid)))?;
        area.draw(&Text::new(ink.loc.percent(p, 0), (tx, bar_top + bar_h + t.px(6.0)), tick_style.clone().pos(Pos::new(h_pos, VPos::Top))))?;
    }
    // Where the source puts the highlighted share, so the two can be compared.
    let mut y = bar_top + bar_h + under_bar;
    if let Some(p) = sb.reference(&chosen).filter(|p| (0.0..=100.0).contains(p)) {
        let mx = pad + (bar_w * p / 100.0).round() as i32;
        let dash = t.px(3.0).max(1);
        let mut yy = bar_top - t.px(6.0);
        while yy < bar_top + bar_h + t.px(6.0) {
            area.draw(&PathElement::new(
                vec![(mx, yy), (mx, (yy + dash).min(bar_top + bar_h + t.px(6.0)))],
                ink.c(t.text).stroke_width(t.px(1.5).max(1) as u32),
            ))?;
            yy += 2 * dash;
        }
        let label = ink.words.fill("share.reference", &[("value", &ink.loc.percent(p, 0))]);
        let style = ink.text(base * 0.85, true);
        let lw = area.estimate_text_size(&label, &style).map(|s| s.0 as i32).unwrap_or(0);
        let lx = (mx - lw / 2).clamp(pad, (w as i32 - pad - lw).max(pad));
        // Above the bar, by its line, when the headline leaves room; else under the scale.
        let last_line = head_lines.last().map(String::as_str).unwrap_or("");
        let headline_end = pad + area.estimate_text_size(last_line, &head_style).map(|s| s.0 as i32).unwrap_or(0);
        if lx > headline_end + t.px(12.0) {
            let top = bar_top - above + head_line * (head_lines.len() as i32 - 1);
            area.draw(&Text::new(label, (lx, top), style.pos(Pos::new(HPos::Left, VPos::Top))))?;
        } else {
            area.draw(&Text::new(label, (lx, y - t.px(base * 0.6)), style.pos(Pos::new(HPos::Left, VPos::Top))))?;
            y += t.px(base * 1.4);
        }
    }
    // One line per group below: swatch, name, share.
    for (i, (name, share, _x, _wid, e)) in bounds.iter().enumerate() {
        let colour = ink.mark(if groups[i].2 { t.others } else { t.colour(name) }, *e);
        let sw = t.px(base * 0.8);
        area.draw(&Rectangle::new([(pad, y + t.px(2.0)), (pad + sw, y + t.px(2.0) + sw)], colour.filled()))?;
        let style = if *e >= 0.5 { ink.text(base * 0.95, true) } else { ink.muted(base * 0.95) };
        let label = if groups[i].2 { format!("{} ({})", ink.words.name(name), sb.parts[i].members.len()) } else { ink.words.name(name).to_string() };
        area.draw(&Text::new(label, (pad + sw + t.px(6.0), y), style.clone().pos(Pos::new(HPos::Left, VPos::Top))))?;
        // Values sit near their names, not across a wide screen.
        let right = (pad + t.px(360.0)).min(w as i32 - pad);
        area.draw(&Text::new(ink.loc.pct(*share), (right, y), style.pos(Pos::new(HPos::Right, VPos::Top))))?;
        y += row;
    }
    Ok(())
}
