//! Horizontal bars, one row per category in one colour, with up to three examples written
//! under each bar where they fit.

use super::kit::{base_size, emph, fill_rect, line_px, put, wrap, Ink};
use super::{csv_field, csv_num, Area, ChartType, Checker, Cx, Res};
use crate::view::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Deserialize;

/// One example of what a row holds, written under its bar: its number and designation.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub designation: String,
    pub description: String,
    pub number: u32,
    /// Its value over the window, in the chart's units: examples are ordered by it.
    #[serde(default)]
    pub value: f64,
}

/// One row: a name, its value, and examples of what it holds.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HBar {
    pub name: String,
    pub value: f64,
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// A horizontal-bars chart.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HBars {
    /// The years the values are of.
    pub window: [u16; 2],
    pub rows: Vec<HBar>,
    /// The series whose colour the bars take.
    pub colour: String,
    /// The CSV's column names: the years, the row, the value.
    pub columns: [String; 3],
}

impl ChartType for HBars {
    fn series(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.name.clone()).collect()
    }

    fn describe(&self, cx: &Cx, _v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let parts: Vec<String> = self.rows.iter().map(|c| format!("{} {}", w.name(&c.name), f.thousands(c.value))).collect();
        let mut s =
            w.fill(&format!("describe.{}", cx.id), &[("first", &self.window[0].to_string()), ("last", &self.window[1].to_string()), ("list", &w.list(&parts))]);
        if !chosen.is_empty() {
            super::say(&mut s, w, "describe.highlighted", &[("names", &w.list(&w.names(chosen)))]);
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
                let ex: Vec<String> =
                    c.examples.iter().map(|e| format!("{} {} ({})", f.thousands(e.number as f64), w.name(&e.designation), w.name(&e.description))).collect();
                vec![w.name(&c.name).to_string(), f.thousands(c.value), ex.join("; ")]
            })
            .collect();
        (vec![h("table.row"), h("table.value"), h("table.examples")], rows)
    }

    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let w = self.window;
        (self.columns.to_vec(), self.rows.iter().map(|c| vec![format!("{}-{}", w[0], w[1]), csv_field(&c.name), csv_num(c.value)]).collect())
    }

    fn check(&self, c: &mut Checker, at: &str) {
        c.window(&format!("{at}.window"), self.window);
        c.list(&format!("{at}.rows"), self.rows.len(), 12);
        for (i, r) in self.rows.iter().enumerate() {
            c.label(|| format!("{at}.rows[{i}].name"), &r.name);
            c.amount(|| format!("{at}.rows[{i}].value"), r.value, "a value");
            c.list_up_to(&format!("{at}.rows[{i}].examples"), r.examples.len(), 12);
            for (j, e) in r.examples.iter().enumerate() {
                c.label(|| format!("{at}.rows[{i}].examples[{j}].designation"), &e.designation);
                c.amount(|| format!("{at}.rows[{i}].examples[{j}].value"), e.value, "a value");
            }
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
        draw_hbars(self, area, v, ink)
    }
}

fn draw_hbars<DB: DrawingBackend>(r: &HBars, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let pad = t.px(8.0);
    let n = r.rows.len().max(1) as i32;
    let slot = ((h as i32 - t.px(8.0)) / n).max(1);
    let max = r.rows.iter().map(|c| c.value).fold(0.0, f64::max).max(1.0);
    let value_w = t.px(base * 4.0);
    let bar_space = (w as i32 - 2 * pad - value_w).max(1) as f64;
    let g = v.grow.clamp(0.0, 1.0);
    for (i, c) in r.rows.iter().enumerate() {
        let top = t.px(4.0) + slot * i as i32;
        let e = emph(v, i);
        let label = if e >= 0.5 { ink.text(base, true) } else { ink.muted(base) };
        put(area, ink.words.name(&c.name), (pad, top), &label, Pos::new(HPos::Left, VPos::Top))?;
        let bar_top = top + t.px(base * 1.35);
        let bar_h = (slot - t.px(base * 2.9)).clamp(t.px(6.0), t.px(26.0));
        let wid = (c.value / max * bar_space * g).max(0.0).min(bar_space).round() as i32;
        fill_rect(area, [(pad, bar_top), (pad + wid, bar_top + bar_h)], ink.mark(t.colour(&r.colour), e))?;
        ink.keep(area, [pad, bar_top, pad + wid.max(t.px(4.0)), bar_top + bar_h], ink.words.name(&c.name), "", ink.loc.thousands(c.value));
        put(
            area,
            &ink.loc.thousands(c.value * g),
            (pad + wid + t.px(6.0), bar_top + bar_h / 2),
            &ink.text(base * 0.9, false),
            Pos::new(HPos::Left, VPos::Center),
        )?;
        let examples: Vec<String> =
            c.examples.iter().take(3).map(|x| format!("{} {}", ink.loc.thousands(x.number as f64), ink.words.name(&x.designation))).collect();
        // The examples only where their line fits above the next name (the table has them all).
        let fits = bar_h + t.px(base * 1.35) + t.px(3.0) + line_px(t, base * 0.8, 1.05) <= slot;
        if !examples.is_empty() && fits {
            let style = ink.muted(base * 0.8);
            let line = wrap(area, &ink.words.fill("bars.examples", &[("list", &examples.join(", "))]), &style, (w as i32 - 2 * pad).max(1) as u32);
            if let Some(first) = line.first() {
                put(area, first, (pad, bar_top + bar_h + t.px(3.0)), &style, Pos::new(HPos::Left, VPos::Top))?;
            }
        }
    }
    Ok(())
}
