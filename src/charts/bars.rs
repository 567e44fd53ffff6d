//! Vertical bars, one per row, each in the colour of the series it belongs to, with a note
//! under its name: figures as a source states them, before they are checked.

use super::kit::{base_size, emph, fill_rect, line_px, nice_max, path, put, wrap, Ink};
use super::{csv_field, csv_num, Area, ChartType, Checker, Cx, Res};
use crate::view::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Deserialize;

/// One bar: a name, its value (in millions), a note, and the series whose colour it takes.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bar {
    pub name: String,
    pub value: f64,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub colour: String,
}

/// A bars chart.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bars {
    pub rows: Vec<Bar>,
    /// The CSV's column names: the row, the value, the note.
    pub columns: [String; 3],
}

impl ChartType for Bars {
    fn series(&self) -> Vec<String> {
        self.rows.iter().map(|r| r.name.clone()).collect()
    }

    fn describe(&self, cx: &Cx, _v: &View, chosen: &[String]) -> String {
        let (w, f) = (cx.words, cx.loc);
        let parts: Vec<String> = self
            .rows
            .iter()
            .map(|c| {
                let value = f.number(c.value, 1);
                if c.note.is_empty() {
                    w.fill("describe.claim", &[("name", w.name(&c.name)), ("value", &value)])
                } else {
                    w.fill("describe.claim_note", &[("name", w.name(&c.name)), ("value", &value), ("note", w.name(&c.note))])
                }
            })
            .collect();
        let mut s = w.fill(&format!("describe.{}", cx.id), &[("list", &w.list(&parts))]);
        if !chosen.is_empty() {
            super::say(&mut s, w, "describe.highlighted", &[("names", &w.list(&w.names(chosen)))]);
        }
        s
    }

    fn table(&self, cx: &Cx) -> (Vec<String>, Vec<Vec<String>>) {
        let (w, f) = (cx.words, cx.loc);
        let h = |k: &str| w.get(k).to_string();
        (
            vec![h("table.as_named"), h("table.claimed"), h("table.note")],
            self.rows.iter().map(|c| vec![w.name(&c.name).to_string(), f.number(c.value, 1), w.name(&c.note).to_string()]).collect(),
        )
    }

    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
        (self.columns.to_vec(), self.rows.iter().map(|c| vec![csv_field(&c.name), csv_num(c.value), csv_field(&c.note)]).collect())
    }

    fn check(&self, c: &mut Checker, at: &str) {
        c.list(&format!("{at}.rows"), self.rows.len(), 8);
        for (i, r) in self.rows.iter().enumerate() {
            c.label(|| format!("{at}.rows[{i}].name"), &r.name);
            c.amount(|| format!("{at}.rows[{i}].value"), r.value, "a value");
        }
    }

    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
        draw_bars(self, area, v, ink)
    }
}

fn draw_bars<DB: DrawingBackend>(d: &Bars, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let pad = t.px(8.0);
    let n = d.rows.len().max(1) as i32;
    let slot = (w as i32 - 2 * pad) / n;
    // Under each bar its name and up to three lines of note, as many as the widest needs.
    let ns = ink.muted(base * 0.78);
    let note_line = line_px(t, base * 0.78, 1.15);
    // The note in the edition's words, as the description and the table give it.
    let notes: Vec<Vec<String>> =
        d.rows.iter().map(|c| wrap(area, ink.words.name(&c.note), &ns, (slot - t.px(4.0)).max(1) as u32).into_iter().take(3).collect()).collect();
    let name_h = line_px(t, base, 1.25);
    let label_h = t.px(6.0) + name_h + note_line * notes.iter().map(Vec::len).max().unwrap_or(0) as i32 + t.px(2.0);
    let value_h = t.px(base * 1.6);
    let plot_h = (h as i32 - label_h - value_h - t.px(8.0)).max(1) as f64;
    let max = nice_max(d.rows.iter().map(|c| c.value).fold(0.0, f64::max));
    let base_y = h as i32 - label_h;
    let g = v.grow.clamp(0.0, 1.0);
    path(area, vec![(pad, base_y), (w as i32 - pad, base_y)], ink.c(t.muted_text).into())?;
    for (i, c) in d.rows.iter().enumerate() {
        let e = emph(v, i);
        let cx = pad + slot * i as i32 + slot / 2;
        let bw = (slot as f64 * 0.55) as i32;
        let bh = (plot_h * c.value / max * g).round() as i32;
        let colour = ink.mark(t.colour(&c.colour), e);
        fill_rect(area, [(cx - bw / 2, base_y - bh), (cx + bw / 2, base_y)], colour)?;
        ink.keep(area, [cx - bw / 2, base_y - bh, cx + bw / 2, base_y], ink.words.name(&c.name), "", ink.loc.millions_short(c.value, 1));
        let vs = ink.text(base * 1.2, true).pos(Pos::new(HPos::Center, VPos::Bottom));
        put(area, &ink.loc.millions_short(c.value * g, 1), (cx, base_y - bh - t.px(4.0)), &vs, vs.pos)?;
        let ls = if e >= 0.5 { ink.text(base, true) } else { ink.muted(base) };
        put(area, ink.words.name(&c.name), (cx, base_y + t.px(6.0)), &ls, Pos::new(HPos::Center, VPos::Top))?;
        let mut y = base_y + t.px(6.0) + name_h;
        for l in &notes[i] {
            put(area, l, (cx, y), &ns, Pos::new(HPos::Center, VPos::Top))?;
            y += note_line;
        }
    }
    Ok(())
}
