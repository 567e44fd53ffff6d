//! The drawing kit every chart type draws with: how a layer's colours fade ([`Ink`]), the
//! frame of title, units and source, text sizes, wrapping and text blocks, the year axis and
//! its grid, legends, halo labels, the publication line and a chart's declared notes. A type's
//! drawing lays out with these, draws its marks, then its annotations.

use super::{Area, Cx, DrawError, Mark, Note, Res, Scene, Theme};
use crate::locale::Locale;
use crate::spec::Source;
use crate::view::View;
use crate::words::Words;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// What a settled frame keeps of its marks while drawing: each mark, and the units its values
/// are in (the chart's units line, or what a chart's exact counts are in; none for events).
#[derive(Default)]
pub(super) struct Kept {
    pub(super) marks: Vec<Mark>,
    pub(super) units: String,
}

/// How one layer's colours are faded: by its opacity, its dimming and each mark's emphasis.
/// A settled layer also keeps the marks it draws, for tooltips and keyboard reading.
pub(super) struct Ink<'a> {
    pub(super) theme: &'a Theme,
    /// The story's words for what the charts write besides data.
    pub(super) words: &'a Words,
    /// The story's way of writing numbers.
    pub(super) loc: &'a Locale,
    pub(super) fade: f64,
    pub(super) marks: Option<&'a std::cell::RefCell<Kept>>,
    /// The year the source under discussion was published, for the `publication` annotation.
    pub(super) published: Option<u16>,
    /// The chart's declared notes, drawn where a step names them in `data-annotate`.
    pub(super) notes: &'a [Note],
}

impl Ink<'_> {
    pub(super) fn new<'a>(theme: &'a Theme, cx: &Cx<'a>, scene: &Scene<'a>, opacity: f64, marks: Option<&'a std::cell::RefCell<Kept>>) -> Ink<'a> {
        let dim = scene.view.dim.clamp(0.0, 1.0) * 0.75;
        let notes = scene.chart.as_ref().map(|c| c.notes.as_slice()).unwrap_or(&[]);
        Ink { theme, words: cx.words, loc: cx.loc, fade: 1.0 - (1.0 - dim) * opacity.clamp(0.0, 1.0), marks, published: cx.published, notes }
    }
    /// Records a mark drawn over `rect` (device pixels of `area`) for the reader to point at.
    pub(super) fn keep<DB: DrawingBackend>(&self, area: &Area<DB>, rect: [i32; 4], name: &str, at: &str, value: String) {
        let (bx, by) = area.get_base_pixel();
        self.keep_abs([rect[0] + bx, rect[1] + by, rect[2] + bx, rect[3] + by], name, at, value);
    }
    /// As [`Ink::keep`], for a rectangle in the backend's own pixels (a chart's coordinates).
    pub(super) fn keep_abs(&self, [x0, y0, x1, y1]: [i32; 4], name: &str, at: &str, value: String) {
        let Some(marks) = self.marks else { return };
        let s = self.theme.scale;
        let r = [x0.min(x1) as f64 / s, y0.min(y1) as f64 / s, x0.max(x1) as f64 / s, y0.max(y1) as f64 / s];
        let mut kept = marks.borrow_mut();
        let units = kept.units.clone();
        kept.marks.push(Mark { rect: r, name: name.to_string(), at: at.to_string(), value, units });
    }
    /// The unit the marks' readouts give, in the edition's words (`name.<unit>`).
    pub(super) fn units(&self, units: &str) {
        if let Some(k) = self.marks {
            k.borrow_mut().units = self.words.name(units).to_string();
        }
    }
    pub(super) fn c(&self, c: RGBColor) -> RGBColor {
        self.theme.toward_bg(c, self.fade)
    }
    /// A mark's colour given its emphasis (0 muted to 1 full).
    pub(super) fn mark(&self, c: RGBColor, emphasis: f64) -> RGBColor {
        let muted = self.theme.toward_bg(c, 0.62 * (1.0 - emphasis.clamp(0.0, 1.0)));
        self.c(muted)
    }
    pub(super) fn text(&self, css: f64, bold: bool) -> TextStyle<'static> {
        self.theme.font(css, self.c(self.theme.text), bold)
    }
    pub(super) fn muted(&self, css: f64) -> TextStyle<'static> {
        self.theme.font(css, self.c(self.theme.muted_text), false)
    }
}

/// The size of `text` set in `style`, in pixels of `area` (nothing when the backend cannot say):
/// every label is measured through here, by the backend's own fonts.
pub(super) fn text_size<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle) -> (i32, i32) {
    area.estimate_text_size(text, style).map(|(w, h)| (w as i32, h as i32)).unwrap_or((0, 0))
}

/// Draws `text` at `at` in `style`, anchored by `pos` (its left, centre or right; top, centre
/// or bottom): every label goes through here, so its drawing code is in the .wasm once.
pub(super) fn put<DB: DrawingBackend>(area: &Area<DB>, text: &str, at: (i32, i32), style: &TextStyle, pos: Pos) -> Res {
    area.draw(&Text::new(text, at, style.clone().pos(pos)))?;
    Ok(())
}

/// Fills the rectangle between two corners with `colour` (bars, swatches, a label's halo).
pub(super) fn fill_rect<DB: DrawingBackend>(area: &Area<DB>, corners: [(i32, i32); 2], colour: RGBColor) -> Res {
    area.draw(&Rectangle::new(corners, colour.filled()))?;
    Ok(())
}

/// Strokes the line through `points` in `style` (axes, ticks, rules, dashes, brackets).
pub(super) fn path<DB: DrawingBackend>(area: &Area<DB>, points: Vec<(i32, i32)>, style: ShapeStyle) -> Res {
    area.draw(&PathElement::new(points, style))?;
    Ok(())
}

/// Draws a circle of radius `r` around `centre` in `style` (filled, or a ring).
pub(super) fn circle<DB: DrawingBackend>(area: &Area<DB>, centre: (i32, i32), r: i32, style: ShapeStyle) -> Res {
    area.draw(&Circle::new(centre, r, style))?;
    Ok(())
}

/// The width of `text` set in `style` (see [`text_size`]).
pub(super) fn text_width<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle) -> i32 {
    text_size(area, text, style).0
}

/// Font sizes that stay legible from a 320 px phone to a wide desktop.
pub(super) fn base_size(theme: &Theme, width_px: u32) -> f64 {
    let css_w = width_px as f64 / theme.scale;
    (css_w / 36.0).clamp(11.5, 15.0)
}

/// The pixel height of a line of text set at `css` (never under 11 CSS px, as [`Theme::font`]).
pub(super) fn line_px(theme: &Theme, css: f64, leading: f64) -> i32 {
    (css.max(11.0) * theme.scale * leading).round() as i32
}

/// An axis maximum that leaves `room` pixels clear above a tallest value of `max` in a plot
/// `plot_h` pixels tall, so labels written across the top never sit on a bar.
pub(super) fn headroom(max: f64, plot_h: i32, room: i32) -> f64 {
    if room <= 0 {
        return max;
    }
    if plot_h <= 2 * room {
        return max * 2.0;
    }
    max * plot_h as f64 / (plot_h - room) as f64
}

/// Title, subtitle and units on top, source at the bottom; returns the area left for the chart.
pub(super) fn frame<DB: DrawingBackend>(
    area: &Area<DB>,
    (title, subtitle): (&str, &str),
    units: &str,
    source: &Source,
    ink: &Ink,
) -> Result<Area<DB>, DrawError> {
    let (w, h) = area.dim_in_pixel();
    let t = ink.theme;
    ink.units(units);
    let base = base_size(t, w);
    let pad = t.px(8.0);
    let max_w = w.saturating_sub(2 * pad as u32);
    let mut y = pad;
    y = text_block(area, title, &ink.text(base * 1.2, true), pad, y, max_w, 1.25)?;
    if !subtitle.is_empty() {
        y = text_block(area, subtitle, &ink.text(base * 0.95, false), pad, y + t.px(2.0), max_w, 1.25)?;
    }
    y = text_block(area, units, &ink.muted(base * 0.9), pad, y + t.px(2.0), max_w, 1.25)?;
    let src_style = ink.muted(base * 0.78);
    let src_lines = wrap(area, &source.line(ink.words), &src_style, max_w);
    let line_h = (src_style.font.get_size() * 1.3).round() as i32;
    let src_top = h as i32 - pad - line_h * src_lines.len() as i32;
    for (i, l) in src_lines.iter().enumerate() {
        let pos = (pad, src_top + line_h * i as i32);
        put(area, l, pos, &src_style, Pos::new(HPos::Left, VPos::Top))?;
    }
    let top = (y + t.px(6.0)).min(h as i32 / 2);
    let bottom = (src_top - t.px(6.0)).max(top + 1);
    Ok(area.clone().shrink((0, top as u32), (w, (bottom - top) as u32)))
}

/// In place of a chart whose data is broken: what is wrong, in words.
pub(super) fn unavailable<DB: DrawingBackend>(area: &Area<DB>, problem: &str, ink: &Ink) -> Res {
    let (w, h) = area.dim_in_pixel();
    let t = ink.theme;
    let base = base_size(t, w);
    let pad = t.px(16.0);
    let max_w = w.saturating_sub(2 * pad as u32);
    let w = ink.words;
    let y = text_block(area, w.get("chart.unavailable"), &ink.text(base * 1.2, true), pad, (h as f64 * 0.3) as i32, max_w, 1.3)?;
    let y = text_block(area, problem, &ink.text(base, false), pad, y + t.px(8.0), max_w, 1.35)?;
    text_block(area, w.get("chart.unavailable_note"), &ink.muted(base * 0.9), pad, y + t.px(8.0), max_w, 1.3)?;
    Ok(())
}

/// Splits `text` into lines no wider than `max_w` pixels, measured by the backend's own fonts.
pub(super) fn wrap<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle, max_w: u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // Breaks at ordinary spaces only: a no-break space ("69,5 %", "10 000") holds its two sides
    // together, and is drawn as it is.
    for word in text.split(|c: char| c.is_ascii_whitespace()).filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        let width = text_width(area, &candidate, style) as u32;
        if width > max_w && !line.is_empty() {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Draws wrapped text from `top`, returning the y just below it.
pub(super) fn text_block<DB: DrawingBackend>(
    area: &Area<DB>,
    text: &str,
    style: &TextStyle,
    x: i32,
    top: i32,
    max_w: u32,
    leading: f64,
) -> Result<i32, DrawError> {
    let line_h = (style.font.get_size() * leading).round() as i32;
    let mut y = top;
    for l in wrap(area, text, style, max_w) {
        put(area, &l, (x, y), style, Pos::new(HPos::Left, VPos::Top))?;
        y += line_h;
    }
    Ok(y)
}

/// A row of colour swatches and names, wrapped to the width; returns the height used.
pub(super) fn legend<DB: DrawingBackend>(area: &Area<DB>, items: &[(String, RGBColor, f64)], ink: &Ink) -> Result<i32, DrawError> {
    let (w, _) = area.dim_in_pixel();
    let t = ink.theme;
    let base = base_size(t, w);
    let sw = t.px(base * 0.8);
    let gap = t.px(12.0);
    let pad = t.px(8.0);
    let line_h = t.px(base * 1.5);
    let (mut x, mut y) = (pad, 0);
    let text_line = t.px(base * 0.9 * 1.2);
    for (name, colour, emph) in items {
        let style = if *emph >= 0.5 { ink.text(base * 0.9, true) } else { ink.muted(base * 0.9) };
        let tw = text_width(area, name, &style);
        if x + sw + t.px(4.0) + tw > w as i32 - pad && x > pad {
            x = pad;
            y += line_h;
        }
        fill_rect(area, [(x, y + t.px(2.0)), (x + sw, y + t.px(2.0) + sw)], ink.mark(*colour, *emph))?;
        // A name longer than the whole row (a long name, or a phone) wraps under itself.
        let room = (w as i32 - pad - x - sw - t.px(4.0)).max(1);
        let lines = if tw > room { wrap(area, name, &style, room as u32) } else { vec![name.clone()] };
        let mut used = 0;
        for (k, l) in lines.iter().enumerate() {
            put(area, l, (x + sw + t.px(4.0), y + k as i32 * text_line), &style, Pos::new(HPos::Left, VPos::Top))?;
            used = used.max(text_width(area, l, &style));
        }
        x += sw + t.px(4.0) + used + gap;
        if lines.len() > 1 {
            // The next name starts a row of its own, below the wrapped one.
            y += (lines.len() as i32 - 1) * text_line;
            x = w as i32;
        }
    }
    Ok(y + line_h)
}

/// Draws the notes a view names, each on its own row from `row_top` down (`row` apart): a
/// dashed line down to `bottom` at one year, a bracket over a span. `x` maps a year to a pixel
/// of `area`; `half` widens a span to the edges of its years' bars (0.4 for bars, 0 for lines).
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_notes<DB: DrawingBackend>(
    area: &Area<DB>,
    v: &View,
    ink: &Ink,
    x: &dyn Fn(f64) -> i32,
    (first, last): (f64, f64),
    half: f64,
    (row_top, row, bottom): (i32, i32, i32),
    base: f64,
) -> Res {
    let t = ink.theme;
    let shown = ink.notes.iter().filter(|n| v.annotate.contains(&n.id));
    for (k, n) in shown.enumerate() {
        let (a, b) = n.span();
        let (a, b) = ((a as f64).max(first), (b as f64).min(last));
        if a > b {
            continue;
        }
        let top = row_top + row * k as i32;
        let style = ink.text(base * 0.8, true);
        let (lw, lh) = text_size(area, &n.label, &style);
        let (w, _) = area.dim_in_pixel();
        let stroke = ink.c(t.text).stroke_width(t.px(1.2).max(1) as u32);
        let (xa, xb) = if n.to.is_some_and(|to| to > n.from) { (x(a - half), x(b + half)) } else { (x(a), x(a)) };
        let y = top + lh + t.px(4.0);
        if xa == xb {
            let dash = t.px(4.0).max(1);
            let mut d = y;
            while d < bottom {
                path(area, vec![(xa, d), (xa, (d + dash).min(bottom))], stroke)?;
                d += 2 * dash;
            }
        } else {
            path(area, vec![(xa, y + t.px(5.0)), (xa, y), (xb, y), (xb, y + t.px(5.0))], stroke)?;
        }
        // Centred over what it marks, kept inside the chart.
        let lx = ((xa + xb) / 2 - lw / 2).min(w as i32 - lw - t.px(4.0)).max(t.px(4.0));
        halo_label(area, &n.label, (lx, top), Pos::new(HPos::Left, VPos::Top), style, ink)?;
    }
    Ok(())
}

/// Blends from `a` (t = 0) to `b` (t = 1).
pub(super) fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

pub(super) fn emph(v: &View, i: usize) -> f64 {
    v.emphasis.get(i).copied().unwrap_or(1.0)
}

/// A round upper bound for an axis: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 times a power of
/// ten, at least 2% above `v`.
pub(super) fn nice_max(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if m * p >= v * 1.02 {
            return m * p;
        }
    }
    10.0 * p
}

/// A label with a patch of background behind it, so bars and lines never cross its text.
pub(super) fn halo_label<DB: DrawingBackend>(area: &Area<DB>, text: &str, at: (i32, i32), pos: Pos, style: TextStyle, ink: &Ink) -> Res {
    let t = ink.theme;
    let (lw, lh) = text_size(area, text, &style);
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
    fill_rect(area, [(x0 - pad, y0 - pad / 2), (x0 + lw + pad, y0 + lh + pad / 2)], ink.c(t.background))?;
    put(area, text, at, &style, pos)?;
    Ok(())
}

/// A dashed vertical line from `top` to `bottom` marking when the source was published.
pub(super) fn publication_line<DB: DrawingBackend>(area: &Area<DB>, top: (i32, i32), bottom: (i32, i32), h: HPos, ink: &Ink, base: f64) -> Res {
    let t = ink.theme;
    let dash = t.px(4.0).max(1);
    let mut y = top.1;
    let stroke = ink.c(t.text).stroke_width(t.px(1.2).max(1) as u32);
    while y < bottom.1 {
        path(area, vec![(top.0, y), (top.0, (y + dash).min(bottom.1))], stroke)?;
        y += 2 * dash;
    }
    let dx = match h {
        HPos::Right => -t.px(4.0),
        _ => t.px(4.0),
    };
    let h = if matches!(h, HPos::Center) { HPos::Left } else { h };
    halo_label(area, ink.words.get("annotation.publication"), (top.0 + dx, top.1), Pos::new(h, VPos::Top), ink.text(base * 0.8, true), ink)
}
