//! The commentary's dated events above the bars of Russia's deliveries, on one time axis, so a
//! reader sees which came first.
//!
//! Labels sit in lanes above the plot; a label that would run into the one before it goes
//! one lane up. When there are more labels than lanes (a phone), only the highlighted
//! events keep their labels and the rest are drawn as dots.

use super::stacked::{halo_label, publication_line};
use super::{base_size, emph, nice_max, Area, Ink, Res};
use crate::data::Dataset;
use crate::story::{ChartKind, View};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Where an event sits on the axis: events of one year share it, side by side.
pub fn event_x(data: &Dataset, i: usize) -> f64 {
    let ev = &data.events.events;
    let year = ev[i].year;
    let same: Vec<usize> = (0..ev.len()).filter(|k| ev[*k].year == year).collect();
    let k = same.iter().position(|k| *k == i).unwrap_or(0);
    year as f64 - 0.3 + 0.6 * (k as f64 + 0.5) / same.len() as f64
}

pub fn timeline<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let ev = &data.events;
    let a = &data.arms_by_year;
    let Some(series) = a.suppliers.iter().find(|s| s.name == ev.series) else {
        return super::unavailable(area, &format!("events.series names \"{}\", which arms_by_year does not have", ev.series), ink);
    };
    let Some((y0, y1)) = ChartKind::Timeline.years(data) else { return Ok(()) };
    let [first, last] = v.window.unwrap_or([y0 as f64, y1 as f64]);
    let (lo, hi) = (first - 0.6, last + 0.6);

    // The x mapping, worked out before the chart is built so the lanes know their height.
    let y_label_w = t.px(base * 3.0);
    let margin_l = t.px(4.0);
    let margin_r = t.px(12.0);
    let plot_l = margin_l + y_label_w;
    let plot_r = w as i32 - margin_r;
    let x_px = |x: f64| plot_l + ((x - lo) / (hi - lo) * (plot_r - plot_l) as f64).round() as i32;
    let visible: Vec<usize> = (0..ev.events.len()).filter(|i| (first - 0.5..=last + 0.5).contains(&event_x(data, *i))).collect();

    let lane_h = t.px(base * 1.5);
    let max_lanes = ((h as f64 * 0.42) / lane_h as f64).floor().max(1.0) as usize;
    let style = |i: usize| if emph(v, i) >= 0.5 { ink.text(base * 0.85, true) } else { ink.muted(base * 0.8) };
    let text_of = |i: usize| {
        let e = &ev.events[i];
        if emph(v, i) >= 0.5 && v.emphasis.iter().any(|x| *x < 0.5) && !e.when.is_empty() && e.when != e.year.to_string() {
            format!("{} ({})", e.label, e.when)
        } else {
            e.label.clone()
        }
    };
    // Lays out labels: for each event, (lane, left x, anchor), or None for a dot alone.
    let place = |labelled: &dyn Fn(usize) -> bool| -> Vec<Option<(usize, i32, HPos)>> {
        let mut ends: Vec<i32> = Vec::new();
        visible
            .iter()
            .map(|&i| {
                if !labelled(i) {
                    return None;
                }
                let x = x_px(event_x(data, i));
                let lw = area.estimate_text_size(&text_of(i), &style(i)).map(|s| s.0 as i32).unwrap_or(0);
                let (left, anchor) = if x + t.px(6.0) + lw <= w as i32 - t.px(4.0) || x - lw - t.px(6.0) < 0 { (x, HPos::Left) } else { (x - lw - t.px(6.0), HPos::Right) };
                let lane = ends.iter().position(|end| *end + t.px(6.0) < left).unwrap_or(ends.len());
                let right = left + lw + t.px(6.0);
                if lane == ends.len() {
                    ends.push(right);
                } else {
                    ends[lane] = right;
                }
                Some((lane, x, anchor))
            })
            .collect()
    };
    let mut spots = place(&|_| true);
    let lanes = |s: &[Option<(usize, i32, HPos)>]| s.iter().flatten().map(|p| p.0 + 1).max().unwrap_or(0);
    if lanes(&spots) > max_lanes {
        let any_chosen = v.emphasis.iter().any(|x| *x < 0.5);
        spots = place(&|i| any_chosen && emph(v, i) >= 0.5);
    }
    let n_lanes = lanes(&spots).max(1);
    let top_h = n_lanes as i32 * lane_h + t.px(8.0);

    // Russia's deliveries, on the same axis below the lanes.
    let max = a.years.iter().zip(&series.tiv).filter(|(y, _)| (**y as f64) >= first - 0.01 && (**y as f64) <= last + 0.01).map(|(_, v)| *v).fold(0.0, f64::max);
    let year = data.commentary.year as f64;
    let publication = v.annotate.iter().any(|n| n == "publication") && data.problem("commentary").is_none() && year + 0.45 >= lo && year + 0.45 <= hi;
    // The last-delivery line, and the publication label under it, are written across the
    // plot's top: the axis leaves them clear of the bars.
    let row = super::line_px(t, base * 0.8, 1.0) + t.px(6.0);
    let x_label_h = t.px(base * 1.8);
    let max = super::headroom(max, h as i32 - top_h - x_label_h, row * (1 + publication as i32) + t.px(4.0));
    let mut chart = ChartBuilder::on(area)
        .margin_left(margin_l)
        .margin_right(margin_r)
        .margin_top(top_h)
        .x_label_area_size(x_label_h)
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(lo..hi, 0.0..nice_max(max))?;
    let narrow = (w as f64 / t.scale) < 520.0;
    super::year_mesh(&mut chart, ink, base, if narrow { 5 } else { 12 }.min((last - first) as usize + 1), 4, &|y| format!("{:.0}", y))?;
    let g = v.grow.clamp(0.0, 1.0);
    let colour = ink.c(t.colour(&series.name));
    for (year, val) in a.years.iter().zip(&series.tiv) {
        let x = *year as f64;
        if x < first - 0.01 || x > last + 0.01 || *val <= 0.0 {
            continue;
        }
        chart.draw_series(std::iter::once(Rectangle::new([(x - 0.38, 0.0), (x + 0.38, val * g)], colour.filled())))?;
        let (a, b) = (chart.backend_coord(&(x - 0.38, val * g)), chart.backend_coord(&(x + 0.38, 0.0)));
        ink.keep_abs([a.0, a.1, b.0, b.1], &series.name, &year.to_string(), ink.loc.thousands(*val));
    }
    let (bx, by) = area.get_base_pixel();
    let (_, plot_top) = chart.backend_coord(&(lo, nice_max(max)));
    let (_, plot_bottom) = chart.backend_coord(&(lo, 0.0));
    let (plot_top, plot_bottom) = (plot_top - by, plot_bottom - by);

    // Events: a line from the lane down through the plot and a dot, for every event first;
    // then the labels, so a line from a higher lane passes behind a label, never through it.
    // Muted events first, so highlighted ones are drawn on top.
    let order = super::order_by(&visible.iter().map(|i| if emph(v, *i) >= 0.5 { 1.0 } else { 0.0 }).collect::<Vec<_>>());
    // Events are dates, not values: their marks have no units.
    ink.units("");
    let lane_y = |k: usize| match spots[k] {
        Some((lane, _, _)) => top_h - t.px(8.0) - (lane as i32 + 1) * lane_h + lane_h / 2,
        None => top_h - t.px(4.0),
    };
    for &k in &order {
        let i = visible[k];
        let e = emph(v, i);
        let x = x_px(event_x(data, i));
        let line = if e >= 0.5 { ink.c(t.text) } else { ink.c(t.grid) };
        area.draw(&PathElement::new(vec![(x, lane_y(k)), (x, plot_bottom)], line.stroke_width(t.px(if e >= 0.5 { 1.5 } else { 1.0 }).max(1) as u32)))?;
        let dot = if e >= 0.5 { ink.c(t.text) } else { ink.c(t.muted_text) };
        area.draw(&Circle::new((x, lane_y(k)), t.px(if e >= 0.5 { 4.5 } else { 3.0 }), dot.filled()))?;
        let r = t.px(6.0);
        ink.keep(area, [x - r, lane_y(k) - r, x + r, lane_y(k) + r], &ev.events[i].label, &ev.events[i].when, String::new());
    }
    for &k in &order {
        let i = visible[k];
        if let Some((_, _, anchor)) = spots[k] {
            let x = x_px(event_x(data, i));
            let dx = if matches!(anchor, HPos::Left) { t.px(7.0) } else { -t.px(7.0) };
            halo_label(area, &text_of(i), (x + dx, lane_y(k)), Pos::new(anchor, VPos::Center), style(i), ink)?;
        }
    }
    // Where the deliveries stop: the point of the chart.
    // Written in the plot's top-left corner, clear of the bars and the event lines.
    let shown_until = a.years.iter().rposition(|y| (*y as f64) <= last + 0.01).map(|k| k + 1).unwrap_or(0);
    if let Some(j) = series.tiv.iter().take(shown_until).rposition(|x| *x > 0.0) {
        let year = a.years[j];
        let (px, _) = chart.backend_coord(&(first - 0.5, 0.0));
        let label = ink.words.fill("stacked.last", &[("series", &series.name), ("x", &year.to_string())]);
        halo_label(area, &label, (px - bx + t.px(4.0), plot_top + t.px(4.0)), Pos::new(HPos::Left, VPos::Top), ink.text(base * 0.8, true).color(&colour), ink)?;
    }

    // After the events, so their lines pass behind its label rather than through it.
    if publication {
        let (px, _) = chart.backend_coord(&(year + 0.45, 0.0));
        // One line below the last-delivery label, so the two never meet.
        publication_line(area, (px - bx, plot_top + t.px(4.0) + row), (px - bx, plot_bottom), HPos::Right, ink, base)?;
    }
    Ok(())
}
