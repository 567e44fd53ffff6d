//! Stacked bars over years, one colour per series: arms imports by supplier (2000-2021 and
//! after), Russia's exports by region, and Venezuelans abroad by UNHCR category.
//!
//! One function draws all four so that a window of years, a highlight and the annotations
//! (peak, fall, last delivery, years with none, publication) behave alike in each.

use super::{emph, legend, nice_max, Area, DrawError, Ink, Res};
use crate::data::{ArmsByYear, Dataset};
use crate::story::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What the values count, for axis ticks and labels.
#[derive(Clone, Copy, PartialEq)]
pub enum Unit {
    /// Whole numbers, thousands grouped: "1,034".
    Tiv,
    /// People, in millions: "5.6m".
    Millions,
}

impl Unit {
    fn fmt(self, loc: &crate::data::Locale, v: f64) -> String {
        match self {
            Unit::Tiv => loc.thousands(v),
            Unit::Millions => loc.millions_short(v, 1),
        }
    }
}

/// Year totals of a stacked chart.
pub fn totals(a: &ArmsByYear) -> Vec<f64> {
    (0..a.years.len()).map(|j| a.suppliers.iter().map(|s| s.tiv.get(j).copied().unwrap_or(0.0)).sum()).collect()
}

/// The year with the largest total within `[first, last]`: (index, total).
pub fn peak(a: &ArmsByYear, first: f64, last: f64) -> Option<(usize, f64)> {
    let t = totals(a);
    (0..a.years.len())
        .filter(|j| (a.years[*j] as f64) >= first - 0.01 && (a.years[*j] as f64) <= last + 0.01)
        .map(|j| (j, t[j]))
        .fold(None, |best: Option<(usize, f64)>, (j, v)| match best {
            Some((_, b)) if b >= v => best,
            _ => Some((j, v)),
        })
}

/// A label with a patch of background behind it, so bars and lines never cross its text.
pub fn halo_label<DB: DrawingBackend>(area: &Area<DB>, text: &str, at: (i32, i32), pos: Pos, style: TextStyle, ink: &Ink) -> Res {
    let t = ink.theme;
    let (lw, lh) = area.estimate_text_size(text, &style).map(|(w, h)| (w as i32, h as i32)).unwrap_or((0, 0));
    let x0 = match pos.h_pos {
        HPos::Left => at.0,
        HPos::Right => at.0 - lw,
        HPos::Center => at.0 - lw / 2,
    };
    let y0 = match pos.v_pos {
        VPos::Top => at.1,
        VPos::Bottom => at.1 - lh,
        VPos::Center => at.1 - lh / 2,
    };
    let pad = t.px(3.0);
    area.draw(&Rectangle::new([(x0 - pad, y0 - pad / 2), (x0 + lw + pad, y0 + lh + pad / 2)], ink.c(t.background).filled()))?;
    area.draw(&Text::new(text.to_string(), at, style.pos(pos)))?;
    Ok(())
}

/// Draws `a` as stacked bars into `area` (below the chart's title), honouring the view's
/// window, emphasis and annotations.
pub fn stacked_years<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, a: &ArmsByYear, unit: Unit, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (w, _) = area.dim_in_pixel();
    let base = super::base_size(t, w);
    let items: Vec<_> = a.suppliers.iter().enumerate().map(|(i, s)| (s.name.clone(), t.colour(&s.name), emph(v, i))).collect();
    let used = legend(area, &items, ink)?;
    let (_, h) = area.dim_in_pixel();
    let body = area.clone().shrink((0, used as u32), (w, h.saturating_sub(used as u32)));
    let (Some(&y0), Some(&y1)) = (a.years.first(), a.years.last()) else { return Ok(()) };
    let [first, last] = v.window.unwrap_or([y0 as f64, y1 as f64]);
    let inside = |y: u16| (y as f64) >= first - 0.01 && (y as f64) <= last + 0.01;
    let sums = totals(a);
    let max_total = a.years.iter().zip(&sums).filter(|(y, _)| inside(**y)).map(|(_, v)| *v).fold(0.0, f64::max);
    // Room above the tallest bar for the peak's label, and across the top for the labels
    // of the last-delivery and publication lines.
    let has = |n: &str| v.annotate.iter().any(|a| a == n);
    let x_label_h = t.px(base * 1.8);
    let plot_h = body.dim_in_pixel().1 as i32 - x_label_h - t.px(6.0);
    let row = super::line_px(t, base * 0.85, 1.0) + t.px(8.0);
    let top_rows = (has("last") as i32 + has("publication") as i32) * row;
    let y_max = nice_max(super::headroom(max_total * if has("peak") { 1.12 } else { 1.0 }, plot_h, top_rows));
    let narrow = (w as f64 / t.scale) < 520.0;
    let span = (last - first).max(1.0);
    // Whole millions unless the axis is short enough to need tenths.
    let tenths = y_max < 5.0;
    let y_fmt = |y: &f64| match unit {
        Unit::Millions if tenths => ink.loc.millions_short(*y, 1),
        Unit::Millions => ink.loc.millions_short(*y, 0),
        Unit::Tiv => ink.loc.thousands(*y),
    };
    // Wide enough for the longest tick label ("10,000"), which sits right-aligned in it.
    let y_label_w = t.px(base * 3.0).max(area.estimate_text_size(&y_fmt(&y_max), &ink.muted(base * 0.85)).map(|s| s.0 as i32).unwrap_or(0) + t.px(10.0));
    let mut chart = ChartBuilder::on(&body)
        .margin_left(t.px(4.0))
        .margin_right(t.px(12.0))
        .margin_top(t.px(6.0))
        .x_label_area_size(x_label_h)
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(first - 0.6..last + 0.6, 0.0..y_max)?;
    let x_labels = if narrow { 5 } else { 12 }.min(span as usize + 1);
    super::year_mesh(&mut chart, ink, base, x_labels, 5, &y_fmt)?;
    let g = v.grow.clamp(0.0, 1.0);
    for (j, year) in a.years.iter().enumerate().filter(|(_, y)| inside(**y)) {
        let mut bottom = 0.0;
        for (i, s) in a.suppliers.iter().enumerate() {
            let val = s.tiv.get(j).copied().unwrap_or(0.0) * g;
            if val <= 0.0 {
                continue;
            }
            let colour = ink.mark(t.colour(&s.name), emph(v, i));
            let x = *year as f64;
            chart.draw_series(std::iter::once(Rectangle::new([(x - 0.38, bottom), (x + 0.38, bottom + val)], colour.filled())))?;
            let (a, b) = (chart.backend_coord(&(x - 0.38, bottom + val)), chart.backend_coord(&(x + 0.38, bottom)));
            ink.keep_abs([a.0, a.1, b.0, b.1], &s.name, &year.to_string(), unit.fmt(ink.loc, val));
            bottom += val;
        }
    }
    let (bx, by) = area.get_base_pixel();
    let at = |x: f64, y: f64| {
        let (px, py) = chart.backend_coord(&(x, y));
        (px - bx, py - by)
    };
    let label_style = |bold: bool| if bold { ink.text(base * 0.85, true) } else { ink.muted(base * 0.85) };
    // Keeps a label that starts at `x` inside the plot, anchored toward the side with room.
    let side = |x: f64| if (x - first) / span > 0.6 { HPos::Right } else if (x - first) / span < 0.15 { HPos::Left } else { HPos::Center };
    for name in &v.annotate {
        match name.as_str() {
            "peak" => {
                if let Some((j, total)) = peak(a, first, last).filter(|p| p.1 > 0.0) {
                    let x = a.years[j] as f64;
                    let label = ink.words.fill("stacked.peak", &[("value", &unit.fmt(ink.loc, total)), ("x", &a.years[j].to_string())]);
                    let (px, py) = at(x, total * g);
                    halo_label(area, &label, (px, py - t.px(4.0)), Pos::new(side(x), VPos::Bottom), label_style(true), ink)?;
                }
            }
            "fall" => {
                if let Some((j, _)) = peak(a, first, last) {
                    let after: Vec<usize> = (j + 1..a.years.len()).filter(|k| inside(a.years[*k])).collect();
                    if let (Some(&k0), Some(&k1)) = (after.first(), after.last()) {
                        let avg = after.iter().map(|k| sums[*k]).sum::<f64>() / after.len() as f64;
                        let top = after.iter().map(|k| sums[*k]).fold(0.0, f64::max) * g;
                        let y = top + y_max * 0.08;
                        let (xa, ya) = at(a.years[k0] as f64 - 0.4, y);
                        let (xb, _) = at(a.years[k1] as f64 + 0.4, y);
                        let stroke = ink.c(t.text).stroke_width(t.px(1.2).max(1) as u32);
                        area.draw(&PathElement::new(vec![(xa, ya + t.px(5.0)), (xa, ya), (xb, ya), (xb, ya + t.px(5.0))], stroke))?;
                        let label = ink.words.fill("stacked.fall", &[("from", &a.years[k0].to_string()), ("to", &a.years[k1].to_string()), ("value", &unit.fmt(ink.loc, avg))]);
                        // Wrapped to the bracket's width and stacked above it, so it stays over the years it describes.
                        let style = label_style(true);
                        let lines = super::wrap(area, &label, &style, ((xb - xa).max(t.px(90.0))) as u32);
                        let line_h = (style.font.get_size() * 1.25).round() as i32;
                        let (_, plot_r) = (0, at(last + 0.6, 0.0).0);
                        let cx = ((xa + xb) / 2).min(plot_r);
                        for (n, l) in lines.iter().rev().enumerate() {
                            let w = area.estimate_text_size(l, &style).map(|s| s.0 as i32).unwrap_or(0);
                            let plot_l = at(first - 0.6, 0.0).0;
                            let x = (cx - w / 2).min(plot_r - w).max(plot_l);
                            halo_label(area, l, (x, ya - t.px(4.0) - line_h * n as i32), Pos::new(HPos::Left, VPos::Bottom), style.clone(), ink)?;
                        }
                    }
                }
            }
            "last" => last_delivery(area, a, v, (first, last), y_max, &at, ink, base)?,
            "gaps" => {
                let none: Vec<u16> = a.years.iter().zip(&sums).filter(|(y, s)| inside(**y) && **s <= 0.0).map(|(y, _)| *y).collect();
                for y in &none {
                    let (px, py) = at(*y as f64, 0.0);
                    area.draw(&Text::new(ink.words.get("stacked.none"), (px, py - t.px(4.0)), ink.muted(base * 0.75).pos(Pos::new(HPos::Center, VPos::Bottom))))?;
                }
            }
            "publication" => {
                let year = data.commentary.year as f64;
                if data.problem("commentary").is_none() && year >= first - 0.5 && year <= last + 0.5 {
                    publication_line(area, at(year, y_max * 0.97), at(year, 0.0), side(year), ink, base)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A dashed vertical line from `top` to `bottom` marking when the commentary appeared.
pub fn publication_line<DB: DrawingBackend>(area: &Area<DB>, top: (i32, i32), bottom: (i32, i32), h: HPos, ink: &Ink, base: f64) -> Res {
    let t = ink.theme;
    let dash = t.px(4.0).max(1);
    let mut y = top.1;
    let stroke = ink.c(t.text).stroke_width(t.px(1.2).max(1) as u32);
    while y < bottom.1 {
        area.draw(&PathElement::new(vec![(top.0, y), (top.0, (y + dash).min(bottom.1))], stroke))?;
        y += 2 * dash;
    }
    let dx = match h {
        HPos::Right => -t.px(4.0),
        _ => t.px(4.0),
    };
    let h = if matches!(h, HPos::Center) { HPos::Left } else { h };
    halo_label(area, ink.words.get("annotation.publication"), (top.0 + dx, top.1), Pos::new(h, VPos::Top), ink.text(base * 0.8, true), ink)
}

/// One supplier highlighted: marks where its deliveries stop.
#[allow(clippy::too_many_arguments)]
fn last_delivery<DB: DrawingBackend>(
    area: &Area<DB>,
    a: &ArmsByYear,
    v: &View,
    (first, last): (f64, f64),
    y_max: f64,
    pt: &dyn Fn(f64, f64) -> (i32, i32),
    ink: &Ink,
    base: f64,
) -> Result<(), DrawError> {
    let t = ink.theme;
    let chosen: Vec<usize> = (0..a.suppliers.len()).filter(|i| emph(v, *i) >= 0.5).collect();
    let [only] = chosen.as_slice() else { return Ok(()) };
    let s = &a.suppliers[*only];
    let Some(year) = s.tiv.iter().rposition(|x| *x > 0.0).and_then(|j| a.years.get(j)) else { return Ok(()) };
    let x = *year as f64 + 0.5;
    if x > last || x < first {
        return Ok(());
    }
    let top = pt(x, y_max * 0.97);
    let bottom = pt(x, 0.0);
    area.draw(&PathElement::new(vec![top, bottom], ink.c(t.muted_text).stroke_width(t.px(1.0).max(1) as u32)))?;
    // On the side of the line with more room.
    let right_half = (x - first) / (last - first).max(1.0) > 0.5;
    let (h, dx) = if right_half { (HPos::Right, -t.px(5.0)) } else { (HPos::Left, t.px(5.0)) };
    let label = ink.words.fill("stacked.last", &[("series", &s.name), ("x", &year.to_string())]);
    halo_label(area, &label, (top.0 + dx, top.1), Pos::new(h, VPos::Top), ink.text(base * 0.85, true), ink)
}
