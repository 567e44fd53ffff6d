//! Every chart state, drawn with plotters onto any [`DrawingBackend`].
//!
//! The browser passes a canvas backend, the tests an SVG one; the code here never knows
//! which. Sizes are given in CSS pixels and multiplied by [`Theme::scale`] (the device pixel
//! ratio), because plotters-canvas draws in the canvas's backing-store pixels.

use crate::data::{Dataset, Source};
use crate::story::{ChartKind, Layer, View};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod check;
mod stacked;
mod timeline;

pub use check::claim_colour;
pub use stacked::{peak, totals};
pub use timeline::event_x;

/// A drawing failure, as text (plotters' error types differ per backend).
#[derive(Debug, Clone, PartialEq)]
pub struct DrawError(pub String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(e: DrawingAreaErrorKind<E>) -> Self {
        DrawError(e.to_string())
    }
}

type Res = Result<(), DrawError>;
type Area<DB> = DrawingArea<DB, Shift>;

/// How many suppliers can have a colour of their own (named series beside "Other suppliers").
pub const NAMED_COLOURS: usize = 6;

/// Colours and sizes. The colours are the story's (its data file's `theme`), checked there for
/// contrast: marks 3:1 on the background, text 4.5:1.
#[derive(Debug, Clone)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted_text: RGBColor,
    pub grid: RGBColor,
    /// One colour per series name, the same in every chart: a country keeps its colour throughout.
    pub palette: Vec<(String, RGBColor)>,
    /// Groups of small series ("Other suppliers", "Rest of the world") and unknown names.
    pub others: RGBColor,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    pub font: &'static str,
}

fn rgb(h: crate::data::Hex) -> RGBColor {
    RGBColor(h.0[0], h.0[1], h.0[2])
}

impl Theme {
    /// The story's light or dark colours at `scale` device pixels per CSS pixel. A story whose
    /// theme is broken is drawn in greys (the page says what is wrong with the data).
    pub fn of(data: &crate::data::Dataset, dark: bool, scale: f64) -> Theme {
        let scale = if scale.is_finite() && scale > 0.0 { scale.min(4.0) } else { 1.0 };
        if data.problem("theme").is_some() {
            return Theme::grey(dark, scale);
        }
        let c = if dark { &data.theme.dark } else { &data.theme.light };
        Theme {
            background: rgb(c.background),
            text: rgb(c.text),
            muted_text: rgb(c.muted),
            grid: rgb(c.grid),
            palette: c.series.iter().map(|(n, h)| (n.clone(), rgb(*h))).collect(),
            others: rgb(c.others),
            scale,
            font: crate::text::FONT,
        }
    }

    /// Greys only, for a story without a usable theme.
    pub fn grey(dark: bool, scale: f64) -> Theme {
        let g = |v: u8| RGBColor(v, v, v);
        let [bg, text, muted, grid, others] = if dark { [18, 236, 176, 64, 154] } else { [255, 26, 85, 226, 118] };
        Theme { background: g(bg), text: g(text), muted_text: g(muted), grid: g(grid), palette: vec![], others: g(others), scale, font: crate::text::FONT }
    }

    /// The colour of a named series; groups and names without a colour are grey.
    pub fn colour(&self, name: &str) -> RGBColor {
        self.palette.iter().find(|(n, _)| n == name).map(|(_, c)| *c).unwrap_or(self.others)
    }

    fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }

    fn font(&self, css: f64, color: RGBColor, bold: bool) -> TextStyle<'static> {
        // Nothing smaller than 11 CSS pixels, at any width.
        let f = FontDesc::new(FontFamily::Name(self.font), css.max(11.0) * self.scale, if bold { FontStyle::Bold } else { FontStyle::Normal });
        f.color(&color)
    }

    /// Mixes a colour toward the background: `amount` 0 keeps it, 1 gives the background.
    fn toward_bg(&self, c: RGBColor, amount: f64) -> RGBColor {
        let a = amount.clamp(0.0, 1.0);
        let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * a).round() as u8;
        RGBColor(m(c.0, self.background.0), m(c.1, self.background.1), m(c.2, self.background.2))
    }
}

/// A mark a reader can point at or reach by keyboard: where it is drawn (CSS pixels, from the
/// top left of the chart) and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Left, top, right, bottom.
    pub rect: [f64; 4],
    /// The series, row or event the mark belongs to.
    pub name: String,
    /// Where on the x axis it sits (a year), or empty.
    pub at: String,
    /// Its value, formatted as the chart formats it.
    pub value: String,
    /// What the value counts (the chart's units line, or what its exact counts are in).
    pub units: String,
}

/// What a settled frame keeps of its marks while drawing: each mark, and the units its values
/// are in (the chart's units line, or what a chart's exact counts are in; none for events).
#[derive(Default)]
struct Kept {
    marks: Vec<Mark>,
    units: String,
}

/// How one layer's colours are faded: by its opacity, its dimming and each mark's emphasis.
/// A settled layer also keeps the marks it draws, for tooltips and keyboard reading.
struct Ink<'a> {
    theme: &'a Theme,
    /// The story's words for what the charts write besides data.
    words: &'a crate::data::Words,
    /// The story's way of writing numbers.
    loc: &'a crate::data::Locale,
    fade: f64,
    marks: Option<&'a std::cell::RefCell<Kept>>,
}

impl Ink<'_> {
    fn new<'a>(theme: &'a Theme, data: &'a Dataset, layer: &Layer, marks: Option<&'a std::cell::RefCell<Kept>>) -> Ink<'a> {
        let dim = layer.view.dim.clamp(0.0, 1.0) * 0.75;
        Ink { theme, words: &data.words, loc: &data.locale, fade: 1.0 - (1.0 - dim) * layer.opacity.clamp(0.0, 1.0), marks }
    }
    /// Records a mark drawn over `rect` (device pixels of `area`) for the reader to point at.
    fn keep<DB: DrawingBackend>(&self, area: &Area<DB>, rect: [i32; 4], name: &str, at: &str, value: String) {
        let (bx, by) = area.get_base_pixel();
        self.keep_abs([rect[0] + bx, rect[1] + by, rect[2] + bx, rect[3] + by], name, at, value);
    }
    /// As [`Ink::keep`], for a rectangle in the backend's own pixels (a chart's coordinates).
    fn keep_abs(&self, [x0, y0, x1, y1]: [i32; 4], name: &str, at: &str, value: String) {
        let Some(marks) = self.marks else { return };
        let s = self.theme.scale;
        let r = [x0.min(x1) as f64 / s, y0.min(y1) as f64 / s, x0.max(x1) as f64 / s, y0.max(y1) as f64 / s];
        let mut kept = marks.borrow_mut();
        let units = kept.units.clone();
        kept.marks.push(Mark { rect: r, name: name.to_string(), at: at.to_string(), value, units });
    }
    /// The units the chart's values are in, for the marks it keeps.
    fn units(&self, units: &str) {
        if let Some(k) = self.marks {
            k.borrow_mut().units = units.to_string();
        }
    }
    fn c(&self, c: RGBColor) -> RGBColor {
        self.theme.toward_bg(c, self.fade)
    }
    /// A mark's colour given its emphasis (0 muted to 1 full).
    fn mark(&self, c: RGBColor, emphasis: f64) -> RGBColor {
        let muted = self.theme.toward_bg(c, 0.62 * (1.0 - emphasis.clamp(0.0, 1.0)));
        self.c(muted)
    }
    fn text(&self, css: f64, bold: bool) -> TextStyle<'static> {
        self.theme.font(css, self.c(self.theme.text), bold)
    }
    fn muted(&self, css: f64) -> TextStyle<'static> {
        self.theme.font(css, self.c(self.theme.muted_text), false)
    }
}

/// Font sizes that stay legible from a 320 px phone to a wide desktop.
fn base_size(theme: &Theme, width_px: u32) -> f64 {
    let css_w = width_px as f64 / theme.scale;
    (css_w / 36.0).clamp(11.5, 15.0)
}

/// The pixel height of a line of text set at `css` (never under 11 CSS px, as [`Theme::font`]).
fn line_px(theme: &Theme, css: f64, leading: f64) -> i32 {
    (css.max(11.0) * theme.scale * leading).round() as i32
}

/// An axis maximum that leaves `room` pixels clear above a tallest value of `max` in a plot
/// `plot_h` pixels tall, so labels written across the top never sit on a bar.
fn headroom(max: f64, plot_h: i32, room: i32) -> f64 {
    if room <= 0 {
        return max;
    }
    if plot_h <= 2 * room {
        return max * 2.0;
    }
    max * plot_h as f64 / (plot_h - room) as f64
}

/// Draws one frame (one or two layers) onto the whole area, background first.
pub fn draw_frame<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, layers: &[Layer], theme: &Theme) -> Res {
    draw_frame_marks(area, data, layers, theme).map(|_| ())
}

/// Draws one frame, and returns the marks of a settled one (one layer, fully grown): what a
/// reader can point at or step through by keyboard, in drawing order.
pub fn draw_frame_marks<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, layers: &[Layer], theme: &Theme) -> Result<Vec<Mark>, DrawError> {
    area.fill(&theme.background)?;
    let (w, h) = area.dim_in_pixel();
    if w < 40 || h < 40 {
        return Ok(vec![]); // Too small to say anything legible; the layout will give room again.
    }
    let marks = std::cell::RefCell::new(Kept::default());
    let settled = matches!(layers, [l] if l.opacity >= 1.0 && l.view.grow >= 1.0);
    for layer in layers {
        if layer.opacity <= 0.0 {
            continue;
        }
        draw_layer(area, data, layer, theme, if settled { Some(&marks) } else { None })?;
    }
    Ok(marks.into_inner().marks)
}

/// Draws one settled view: a convenience for tests and static rendering.
pub fn draw_view<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, view: &View, theme: &Theme) -> Res {
    draw_frame(area, data, &[Layer { view: view.clone(), opacity: 1.0 }], theme)
}

fn draw_layer<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, layer: &Layer, theme: &Theme, marks: Option<&std::cell::RefCell<Kept>>) -> Res {
    let ink = Ink::new(theme, data, layer, marks);
    let v = &layer.view;
    if let Some(problem) = v.kind.unavailable(data) {
        return unavailable(area, problem, &ink);
    }
    match v.kind {
        ChartKind::Title => title_card(area, data, &ink),
        ChartKind::ArmsByYear | ChartKind::ArmsSince | ChartKind::RussiaExports => {
            let a = stacked_section(data, v.kind);
            let body = frame(area, &a.title, &a.y_label, &a.source, &ink)?;
            stacked::stacked_years(&body, data, a, stacked::Unit::Tiv, v, &ink)
        }
        ChartKind::Timeline => {
            let a = &data.events;
            let body = frame(area, &a.title, &a.y_label, &a.source, &ink)?;
            timeline::timeline(&body, data, v, &ink)
        }
        ChartKind::DisplacementCheck => {
            let (title, units) = check_title(data, v.kind);
            let body = frame(area, &title, &units, &data.displacement_series.source, &ink)?;
            check::displacement_check(&body, data, v, &ink)
        }
        ChartKind::DisplacementCategories => {
            let a = categories(data, v.kind);
            let body = frame(area, &a.title, &a.y_label, &a.source, &ink)?;
            stacked::stacked_years(&body, data, &a, stacked::Unit::Millions, v, &ink)
        }
        ChartKind::ArmsShares => {
            let a = &data.arms_shares;
            let body = frame(area, &a.title, &a.y_label, &a.source, &ink)?;
            arms_shares(&body, data, v, &ink)
        }
        ChartKind::RussiaByCategory => {
            let a = &data.russia_by_category;
            let body = frame(area, &a.title, &a.y_label, &a.source, &ink)?;
            russia_by_category(&body, data, v, &ink)
        }
        ChartKind::DisplacementClaims => {
            let a = &data.displacement_claims;
            let body = frame(area, &a.title, &a.y_label, &a.source, &ink)?;
            displacement_claims(&body, data, v, &ink)
        }
        ChartKind::DisplacementSeries => {
            let a = &data.displacement_series;
            let body = frame(area, &a.title, &a.y_label, &a.source, &ink)?;
            displacement_series(&body, data, v, &ink)
        }
    }
}

/// Splits `text` into lines no wider than `max_w` pixels, measured by the backend's own fonts.
fn wrap<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle, max_w: u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        let width = area.estimate_text_size(&candidate, style).map(|s| s.0).unwrap_or(0);
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
fn text_block<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle, x: i32, top: i32, max_w: u32, leading: f64) -> Result<i32, DrawError> {
    let line_h = (style.font.get_size() * leading).round() as i32;
    let mut y = top;
    for l in wrap(area, text, style, max_w) {
        area.draw(&Text::new(l, (x, y), style.clone().pos(Pos::new(HPos::Left, VPos::Top))))?;
        y += line_h;
    }
    Ok(y)
}

/// Title and units on top, source at the bottom; returns the area left for the chart.
fn frame<DB: DrawingBackend>(area: &Area<DB>, title: &str, units: &str, source: &Source, ink: &Ink) -> Result<Area<DB>, DrawError> {
    let (w, h) = area.dim_in_pixel();
    let t = ink.theme;
    ink.units(units);
    let base = base_size(t, w);
    let pad = t.px(8.0);
    let max_w = w.saturating_sub(2 * pad as u32);
    let mut y = pad;
    y = text_block(area, title, &ink.text(base * 1.2, true), pad, y, max_w, 1.25)?;
    y = text_block(area, units, &ink.muted(base * 0.9), pad, y + t.px(2.0), max_w, 1.25)?;
    let src_style = ink.muted(base * 0.78);
    let src_lines = wrap(area, &source.line(ink.words), &src_style, max_w);
    let line_h = (src_style.font.get_size() * 1.3).round() as i32;
    let src_top = h as i32 - pad - line_h * src_lines.len() as i32;
    for (i, l) in src_lines.iter().enumerate() {
        let pos = (pad, src_top + line_h * i as i32);
        area.draw(&Text::new(l.clone(), pos, src_style.clone().pos(Pos::new(HPos::Left, VPos::Top))))?;
    }
    let top = (y + t.px(6.0)).min(h as i32 / 2);
    let bottom = (src_top - t.px(6.0)).max(top + 1);
    Ok(area.clone().shrink((0, top as u32), (w, (bottom - top) as u32)))
}

/// In place of a chart whose data is broken: what is wrong, in words.
fn unavailable<DB: DrawingBackend>(area: &Area<DB>, problem: &str, ink: &Ink) -> Res {
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

fn title_card<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, ink: &Ink) -> Res {
    let (w, h) = area.dim_in_pixel();
    let t = ink.theme;
    let base = base_size(t, w);
    let pad = t.px(20.0);
    let max_w = w.saturating_sub(2 * pad as u32);
    let c = &data.commentary;
    let mut y = (h as f64 * 0.3) as i32;
    let w = ink.words;
    y = text_block(area, w.get("title.headline"), &ink.text(base * 1.9, true), pad, y, max_w, 1.2)?;
    y = text_block(area, &w.fill("title.dek", &[("title", &c.title)]), &ink.text(base * 1.1, false), pad, y + t.px(10.0), max_w, 1.35)?;
    let byline = w.fill("title.byline", &[("author", &c.author), ("publisher", &c.publisher), ("year", &c.year.to_string())]);
    text_block(area, &byline, &ink.muted(base), pad, y + t.px(10.0), max_w, 1.3)?;
    Ok(())
}

/// Blends from `a` (t = 0) to `b` (t = 1).
fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// A row of colour swatches and names, wrapped to the width; returns the height used.
fn legend<DB: DrawingBackend>(area: &Area<DB>, items: &[(String, RGBColor, f64)], ink: &Ink) -> Result<i32, DrawError> {
    let (w, _) = area.dim_in_pixel();
    let t = ink.theme;
    let base = base_size(t, w);
    let sw = t.px(base * 0.8);
    let gap = t.px(12.0);
    let pad = t.px(8.0);
    let line_h = t.px(base * 1.5);
    let (mut x, mut y) = (pad, 0);
    for (name, colour, emph) in items {
        let style = if *emph >= 0.5 { ink.text(base * 0.9, true) } else { ink.muted(base * 0.9) };
        let tw = area.estimate_text_size(name, &style).map(|s| s.0 as i32).unwrap_or(0);
        if x + sw + t.px(4.0) + tw > w as i32 - pad && x > pad {
            x = pad;
            y += line_h;
        }
        area.draw(&Rectangle::new([(x, y + t.px(2.0)), (x + sw, y + t.px(2.0) + sw)], ink.mark(*colour, *emph).filled()))?;
        area.draw(&Text::new(name.clone(), (x + sw + t.px(4.0), y), style.pos(Pos::new(HPos::Left, VPos::Top))))?;
        x += sw + t.px(4.0) + tw + gap;
    }
    Ok(y + line_h)
}

fn emph(v: &View, i: usize) -> f64 {
    v.emphasis.get(i).copied().unwrap_or(1.0)
}

/// A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten.
/// The mesh every chart over years shares: whole years along the bottom, a few horizontal grid
/// lines, muted labels.
fn year_mesh<DB: DrawingBackend>(
    chart: &mut ChartContext<DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>,
    ink: &Ink,
    base: f64,
    x_labels: usize,
    y_labels: usize,
    y_fmt: &dyn Fn(&f64) -> String,
) -> Res {
    let t = ink.theme;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(x_labels)
        .x_label_formatter(&|x| if (x - x.round()).abs() < 0.01 { format!("{:.0}", x) } else { String::new() })
        .y_labels(y_labels)
        .y_label_formatter(y_fmt)
        .label_style(ink.muted(base * 0.85))
        .axis_style(ink.c(t.grid))
        .bold_line_style(ink.c(t.grid))
        .light_line_style(t.background)
        .draw()?;
    Ok(())
}

/// Indices of `keys` in ascending order (stable). Every sort in the chart code goes through
/// this one call: each `sort_by` on another type or closure adds a copy of the sorting
/// algorithm (3 to 5 KB) to the .wasm.
pub fn order_by(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|a, b| keys[*a].total_cmp(&keys[*b]));
    order
}

pub fn nice_max(v: f64) -> f64 {
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

/// The groups of the share chart: the suppliers named in `arms_by_year`, and everyone else.
pub fn share_groups(data: &Dataset) -> Vec<(String, f64, bool)> {
    let named: Vec<&str> = data.arms_by_year.suppliers.iter().filter(|s| s.members.is_empty()).map(|s| s.name.as_str()).collect();
    data.arms_by_year
        .suppliers
        .iter()
        .map(|g| {
            let share: f64 = data
                .arms_shares
                .suppliers
                .iter()
                .filter(|s| if g.members.is_empty() { s.name == g.name } else { !named.contains(&s.name.as_str()) })
                .map(|s| s.share_pct)
                .sum();
            (g.name.clone(), share, !g.members.is_empty())
        })
        .collect()
}

fn arms_shares<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, v: &View, ink: &Ink) -> Res {
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let groups = share_groups(data);
    let pad = t.px(8.0);
    let bar_w = (w as i32 - 2 * pad).max(1) as f64;
    let bar_h = t.px(base * 3.2).min(h as i32 / 4);
    // Centre the block (headline, bar, scale, one row per group) in the space there is.
    let above = t.px(base * 2.0);
    let block = above + bar_h + t.px(base * 4.0) + t.px(base * 1.55) * groups.len() as i32;
    // Near the top rather than centred, so the headline share is among the first things seen.
    let bar_top = above + ((h as i32 - block) / 4).clamp(0, t.px(base * 3.0));
    let g = v.grow.clamp(0.0, 1.0);

    // The highlighted total, written above the bar.
    let names: Vec<String> = groups.iter().map(|g| g.0.clone()).collect();
    let chosen = v.emphasised(&names);
    let total: f64 = groups.iter().zip(&v.emphasis).filter(|(_, e)| **e >= 0.5).map(|(g, _)| g.1).sum();
    let headline = if chosen.len() == groups.len() {
        ink.words.fill("share.all", &[("n", &data.arms_shares.suppliers.len().to_string())])
    } else {
        format!("{}: {}", chosen.join(" + "), ink.loc.pct(total))
    };
    area.draw(&Text::new(headline.clone(), (pad, bar_top - t.px(base * 2.0)), ink.text(base * 1.15, true).pos(Pos::new(HPos::Left, VPos::Top))))?;

    let mut x = pad as f64;
    let mut bounds = Vec::new();
    for (i, (name, share, is_group)) in groups.iter().enumerate() {
        let wid = bar_w * share / 100.0 * g;
        let colour = ink.mark(if *is_group { t.others } else { t.colour(name) }, emph(v, i));
        area.draw(&Rectangle::new([(x.round() as i32, bar_top), ((x + wid).round() as i32, bar_top + bar_h)], colour.filled()))?;
        ink.keep(area, [x.round() as i32, bar_top, (x + wid).round() as i32, bar_top + bar_h], name, "", ink.loc.pct(*share));
        bounds.push((name, *share, x, wid, emph(v, i)));
        x += wid;
    }
    // Scale under the bar.
    let tick_style = ink.muted(base * 0.8);
    for p in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let tx = pad + (bar_w * p / 100.0).round() as i32;
        // The end labels sit inside the bar's span, so they are never clipped.
        let h_pos = if p == 0.0 { HPos::Left } else if p == 100.0 { HPos::Right } else { HPos::Center };
        area.draw(&PathElement::new(vec![(tx, bar_top + bar_h), (tx, bar_top + bar_h + t.px(4.0))], ink.c(t.grid)))?;
        area.draw(&Text::new(ink.loc.percent(p, 0), (tx, bar_top + bar_h + t.px(6.0)), tick_style.clone().pos(Pos::new(h_pos, VPos::Top))))?;
    }
    // Where the commentary puts the highlighted share, so the two can be compared.
    let mut y = bar_top + bar_h + t.px(base * 2.6);
    let stated = match chosen.as_slice() {
        ["Russia"] => Some(data.commentary.russia_share_pct),
        ["Russia", "China"] => Some(data.commentary.russia_china_share_pct),
        _ => None,
    };
    if let Some(p) = stated.filter(|p| (0.0..=100.0).contains(p) && data.problem("commentary").is_none()) {
        let mx = pad + (bar_w * p / 100.0).round() as i32;
        let dash = t.px(3.0).max(1);
        let mut yy = bar_top - t.px(6.0);
        while yy < bar_top + bar_h + t.px(6.0) {
            area.draw(&PathElement::new(vec![(mx, yy), (mx, (yy + dash).min(bar_top + bar_h + t.px(6.0)))], ink.c(t.text).stroke_width(t.px(1.5).max(1) as u32)))?;
            yy += 2 * dash;
        }
        let label = ink.words.fill("share.reference", &[("value", &ink.loc.percent(p, 0))]);
        let style = ink.text(base * 0.85, true);
        let lw = area.estimate_text_size(&label, &style).map(|s| s.0 as i32).unwrap_or(0);
        let lx = (mx - lw / 2).clamp(pad, (w as i32 - pad - lw).max(pad));
        // Above the bar, by its line, when the headline leaves room; else under the scale.
        let headline_end = pad + area.estimate_text_size(&headline, &ink.text(base * 1.15, true)).map(|s| s.0 as i32).unwrap_or(0);
        if lx > headline_end + t.px(12.0) {
            let top = bar_top - t.px(base * 2.0);
            area.draw(&Text::new(label, (lx, top), style.pos(Pos::new(HPos::Left, VPos::Top))))?;
        } else {
            area.draw(&Text::new(label, (lx, y - t.px(base * 0.6)), style.pos(Pos::new(HPos::Left, VPos::Top))))?;
            y += t.px(base * 1.4);
        }
    }
    // One line per group below: swatch, name, share.
    let row = t.px(base * 1.55);
    for (i, (name, share, _x, _wid, e)) in bounds.iter().enumerate() {
        let colour = ink.mark(if groups[i].2 { t.others } else { t.colour(name) }, *e);
        let sw = t.px(base * 0.8);
        area.draw(&Rectangle::new([(pad, y + t.px(2.0)), (pad + sw, y + t.px(2.0) + sw)], colour.filled()))?;
        let style = if *e >= 0.5 { ink.text(base * 0.95, true) } else { ink.muted(base * 0.95) };
        let label = if groups[i].2 {
            let n = data.arms_by_year.suppliers.get(i).map(|s| s.members.len()).unwrap_or(0);
            format!("{name} ({n})")
        } else {
            name.to_string()
        };
        area.draw(&Text::new(label, (pad + sw + t.px(6.0), y), style.clone().pos(Pos::new(HPos::Left, VPos::Top))))?;
        // Values sit near their names, not across a wide screen.
        let right = (pad + t.px(360.0)).min(w as i32 - pad);
        area.draw(&Text::new(ink.loc.pct(*share), (right, y), style.pos(Pos::new(HPos::Right, VPos::Top))))?;
        y += row;
    }
    Ok(())
}

fn russia_by_category<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, v: &View, ink: &Ink) -> Res {
    let r = &data.russia_by_category;
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let pad = t.px(8.0);
    let n = r.categories.len().max(1) as i32;
    let slot = ((h as i32 - t.px(8.0)) / n).max(1);
    let max = r.categories.iter().map(|c| c.tiv).fold(0.0, f64::max).max(1.0);
    let value_w = t.px(base * 4.0);
    let bar_space = (w as i32 - 2 * pad - value_w).max(1) as f64;
    let g = v.grow.clamp(0.0, 1.0);
    for (i, c) in r.categories.iter().enumerate() {
        let top = t.px(4.0) + slot * i as i32;
        let e = emph(v, i);
        let label = if e >= 0.5 { ink.text(base, true) } else { ink.muted(base) };
        area.draw(&Text::new(c.name.clone(), (pad, top), label.pos(Pos::new(HPos::Left, VPos::Top))))?;
        let bar_top = top + t.px(base * 1.35);
        let bar_h = (slot - t.px(base * 2.9)).clamp(t.px(6.0), t.px(26.0));
        let wid = (c.tiv / max * bar_space * g).clamp(0.0, bar_space).round() as i32;
        area.draw(&Rectangle::new([(pad, bar_top), (pad + wid, bar_top + bar_h)], ink.mark(t.colour("Russia"), e).filled()))?;
        ink.keep(area, [pad, bar_top, pad + wid.max(t.px(4.0)), bar_top + bar_h], &c.name, "", ink.loc.thousands(c.tiv));
        area.draw(&Text::new(ink.loc.thousands(c.tiv * g), (pad + wid + t.px(6.0), bar_top + bar_h / 2), ink.text(base * 0.9, false).pos(Pos::new(HPos::Left, VPos::Center))))?;
        let examples: Vec<String> = c.examples.iter().take(3).map(|x| format!("{} {}", ink.loc.thousands(x.number as f64), x.designation)).collect();
        // The examples only where their line fits above the next name (the table has them all).
        let fits = bar_h + t.px(base * 1.35) + t.px(3.0) + line_px(t, base * 0.8, 1.05) <= slot;
        if !examples.is_empty() && fits {
            let style = ink.muted(base * 0.8);
            let line = wrap(area, &ink.words.fill("bars.examples", &[("list", &examples.join(", "))]), &style, (w as i32 - 2 * pad).max(1) as u32);
            if let Some(first) = line.first() {
                area.draw(&Text::new(first.clone(), (pad, bar_top + bar_h + t.px(3.0)), style.pos(Pos::new(HPos::Left, VPos::Top))))?;
            }
        }
    }
    Ok(())
}

fn displacement_claims<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, v: &View, ink: &Ink) -> Res {
    let d = &data.displacement_claims;
    let t = ink.theme;
    let (w, h) = area.dim_in_pixel();
    let base = base_size(t, w);
    let pad = t.px(8.0);
    let n = d.items.len().max(1) as i32;
    let slot = (w as i32 - 2 * pad) / n;
    // Under each bar its name and up to three lines of note, as many as the widest needs.
    let ns = ink.muted(base * 0.78);
    let note_line = line_px(t, base * 0.78, 1.15);
    let notes: Vec<Vec<String>> = d.items.iter().map(|c| wrap(area, &c.note, &ns, (slot - t.px(4.0)).max(1) as u32).into_iter().take(3).collect()).collect();
    let name_h = line_px(t, base, 1.25);
    let label_h = t.px(6.0) + name_h + note_line * notes.iter().map(Vec::len).max().unwrap_or(0) as i32 + t.px(2.0);
    let value_h = t.px(base * 1.6);
    let plot_h = (h as i32 - label_h - value_h - t.px(8.0)).max(1) as f64;
    let max = nice_max(d.items.iter().map(|c| c.millions).fold(0.0, f64::max));
    let base_y = h as i32 - label_h;
    let g = v.grow.clamp(0.0, 1.0);
    area.draw(&PathElement::new(vec![(pad, base_y), (w as i32 - pad, base_y)], ink.c(t.muted_text)))?;
    for (i, c) in d.items.iter().enumerate() {
        let e = emph(v, i);
        let cx = pad + slot * i as i32 + slot / 2;
        let bw = (slot as f64 * 0.55) as i32;
        let bh = (plot_h * c.millions / max * g).round() as i32;
        let colour = ink.mark(claim_colour(t, data, c), e);
        area.draw(&Rectangle::new([(cx - bw / 2, base_y - bh), (cx + bw / 2, base_y)], colour.filled()))?;
        ink.keep(area, [cx - bw / 2, base_y - bh, cx + bw / 2, base_y], &c.label, "", ink.loc.millions_short(c.millions, 1));
        let vs = ink.text(base * 1.2, true).pos(Pos::new(HPos::Center, VPos::Bottom));
        area.draw(&Text::new(ink.loc.millions_short(c.millions * g, 1), (cx, base_y - bh - t.px(4.0)), vs))?;
        let ls = if e >= 0.5 { ink.text(base, true) } else { ink.muted(base) };
        area.draw(&Text::new(c.label.clone(), (cx, base_y + t.px(6.0)), ls.pos(Pos::new(HPos::Center, VPos::Top))))?;
        let mut y = base_y + t.px(6.0) + name_h;
        for l in &notes[i] {
            area.draw(&Text::new(l.clone(), (cx, y), ns.clone().pos(Pos::new(HPos::Center, VPos::Top))))?;
            y += note_line;
        }
    }
    Ok(())
}

fn displacement_series<DB: DrawingBackend>(area: &Area<DB>, data: &Dataset, v: &View, ink: &Ink) -> Res {
    let s = &data.displacement_series;
    let t = ink.theme;
    let (w, _) = area.dim_in_pixel();
    let base = base_size(t, w);
    let (Some(&y0), Some(&y1)) = (s.years.first(), s.years.last()) else { return Ok(()) };
    let [first, last] = v.window.unwrap_or([y0 as f64, y1 as f64]);
    let inside = |j: usize| (s.years[j] as f64) >= first - 0.01 && (s.years[j] as f64) <= last + 0.01;
    let max = s.origins.iter().flat_map(|o| (0..s.years.len()).filter(|j| inside(*j)).filter_map(|j| o.displaced(j))).fold(0.0, f64::max) / 1e6;
    let narrow = (w as f64 / t.scale) < 520.0;
    if !s.value_units.is_empty() {
        ink.units(&s.value_units);
    }
    // Room at the right for the longest name written at a line's end, so none is cut off.
    let end_label_room = s
        .origins
        .iter()
        .map(|o| area.estimate_text_size(&o.name, &ink.text(base * 0.85, true)).map(|x| x.0 as i32).unwrap_or(0))
        .max()
        .unwrap_or(0)
        + t.px(10.0);
    // Half a year label's width before the first year, so it clears the axis's "0".
    let y_label_w = t.px(base * 2.4);
    let plot_w = (w as i32 - t.px(4.0) - y_label_w - end_label_room).max(1) as f64;
    let half_label = area.estimate_text_size(&format!("{:.0}", first), &ink.muted(base * 0.85)).map(|s| s.0 as f64 / 2.0).unwrap_or(0.0) + t.px(4.0) as f64;
    let lead = (last - first).max(1.0) * half_label / (plot_w - half_label).max(1.0);
    let mut chart = ChartBuilder::on(area)
        .margin_left(t.px(4.0))
        .margin_right(end_label_room)
        .margin_top(t.px(10.0))
        .x_label_area_size(t.px(base * 1.8))
        .y_label_area_size(y_label_w)
        .build_cartesian_2d(first - lead..last, 0.0..nice_max(max))?;
    year_mesh(&mut chart, ink, base, if narrow { 5 } else { 10 }, 5, &|y| format!("{:.0}", y))?;
    let g = v.grow.clamp(0.0, 1.0);
    let until = first + (last - first) * g;
    // Muted lines first, so emphasised ones sit on top.
    let order = order_by(&(0..s.origins.len()).map(|i| emph(v, i)).collect::<Vec<_>>());
    let mut ends = Vec::new();
    for i in order {
        let o = &s.origins[i];
        let e = emph(v, i);
        // Lines not highlighted fade toward one grey, so the highlighted ones stand out.
        let hue = t.colour(&o.name);
        let grey = t.toward_bg(t.muted_text, 0.45);
        let colour = ink.c(mix(grey, hue, e));
        // Years without a record break the line rather than dropping it to zero.
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (j, y) in s.years.iter().enumerate() {
            if *y as f64 > until + 1e-9 {
                break;
            }
            if !inside(j) {
                continue;
            }
            match o.displaced(j) {
                Some(p) => runs.last_mut().map(|r| r.push((*y as f64, p / 1e6))).unwrap_or(()),
                None if runs.last().map(|r| !r.is_empty()).unwrap_or(false) => runs.push(Vec::new()),
                None => {}
            }
        }
        let width = t.px(if e >= 0.5 { 2.5 } else { 1.5 }).max(1) as u32;
        for run in runs.iter().filter(|r| !r.is_empty()) {
            chart.draw_series(std::iter::once(PathElement::new(run.clone(), colour.stroke_width(width))))?;
            for (x, y) in run {
                let (px, py) = chart.backend_coord(&(*x, *y));
                let r = t.px(4.0);
                ink.keep_abs([px - r, py - r, px + r, py + r], &o.name, &format!("{x:.0}"), ink.loc.thousands(y * 1e6));
            }
        }
        let pts: Vec<(f64, f64)> = runs.concat();
        if let Some(&(x, y)) = pts.last() {
            let (px, py) = chart.backend_coord(&(x, y));
            ends.push((py, px, i, colour, e));
        }
        // Mark the peak of each emphasised origin, once the line has reached it.
        let peak = peak_until(&s.years, o, s.peaks_until);
        let show_peaks = v.annotate.iter().any(|n| n == "peaks");
        if let Some((year, people)) = peak.filter(|p| show_peaks && e >= 0.5 && p.0 as f64 <= until && p.0 as f64 >= first) {
            let label = ink.words.fill("lines.peak", &[("value", &ink.loc.millions_short(people / 1e6, 1)), ("x", &year.to_string())]);
            // Centred over the dot, or ending at it near the right, clear of the lines' names.
            let near_end = (year as f64 - first) / (last - first).max(1.0) > 0.9;
            let style = ink.text(base * 0.8, true).pos(Pos::new(if near_end { HPos::Right } else { HPos::Center }, VPos::Bottom));
            let (lw, lh) = area.estimate_text_size(&label, &style).map(|(w, h)| (w as i32, h as i32)).unwrap_or((0, 0));
            let (left, x) = if near_end { (-lw - t.px(6.0), -t.px(6.0)) } else { (-lw / 2, 0) };
            // A patch of background behind the label keeps lines from crossing it.
            let halo = Rectangle::new([(left - t.px(3.0), -t.px(7.0) - lh - t.px(2.0)), (left + lw + t.px(3.0), -t.px(5.0))], ink.c(t.background).filled());
            chart.draw_series(std::iter::once(
                EmptyElement::at((year as f64, people / 1e6))
                    + halo
                    + Circle::new((0, 0), t.px(3.5), colour.filled())
                    + Text::new(label, (x, -t.px(6.0)), style),
            ))?;
        }
    }
    let (bx, by) = area.get_base_pixel();
    let year = data.commentary.year as f64;
    if v.annotate.iter().any(|n| n == "publication") && year >= first && year <= last {
        let (px, top) = chart.backend_coord(&(year, nice_max(max) * 0.97));
        let (_, bottom) = chart.backend_coord(&(year, 0.0));
        stacked::publication_line(area, (px - bx, top - by), (px - bx, bottom - by), HPos::Right, ink, base)?;
    }
    // Name each line at its end, nudging labels apart so none overlaps another, and none
    // drops below the axis onto the year labels.
    let gap = line_px(t, base * 0.85, 1.1);
    let (_, floor) = chart.backend_coord(&(first, 0.0));
    let floor = floor - gap / 2;
    let order = order_by(&ends.iter().map(|e| e.0 as f64).collect::<Vec<_>>());
    let mut ys: Vec<i32> = order.iter().map(|k| ends[*k].0).collect();
    for j in 1..ys.len() {
        ys[j] = ys[j].max(ys[j - 1] + gap);
    }
    for j in (0..ys.len()).rev() {
        let below = if j + 1 < ys.len() { ys[j + 1] - gap } else { floor };
        ys[j] = ys[j].min(below);
    }
    for (k, y) in order.into_iter().zip(ys) {
        let (_, px, i, colour, e) = ends[k];
        let style = if e >= 0.5 { ink.text(base * 0.85, true).color(&colour) } else { ink.muted(base * 0.85) };
        let style = style.pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(s.origins[i].name.clone(), (px - bx + t.px(4.0), y - by), style))?;
    }
    Ok(())
}

/// An origin's highest count in the years up to `until`: (year, people).
pub fn peak_until(years: &[u16], o: &crate::data::Origin, until: u16) -> Option<(u16, f64)> {
    years
        .iter()
        .enumerate()
        .filter(|(_, y)| **y <= until)
        .filter_map(|(j, y)| o.displaced(j).map(|p| (*y, p)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// The title of the chart a view shows.
pub fn chart_title(data: &Dataset, kind: ChartKind) -> String {
    match kind {
        ChartKind::Title => data.words.fill("title.label", &[("title", &data.commentary.title)]),
        ChartKind::ArmsByYear => data.arms_by_year.title.clone(),
        ChartKind::ArmsShares => data.arms_shares.title.clone(),
        ChartKind::RussiaByCategory => data.russia_by_category.title.clone(),
        ChartKind::DisplacementClaims => data.displacement_claims.title.clone(),
        ChartKind::DisplacementSeries => data.displacement_series.title.clone(),
        ChartKind::Timeline => data.events.title.clone(),
        ChartKind::DisplacementCheck => check_title(data, kind).0,
        ChartKind::DisplacementCategories => categories(data, kind).title,
        ChartKind::ArmsSince | ChartKind::RussiaExports => stacked_section(data, kind).title.clone(),
    }
}

/// A one-line label for the canvas: the chart's title and what it emphasises.
pub fn label(data: &Dataset, view: &View) -> String {
    let names = crate::story::series_names(data, view.kind);
    let chosen = view.emphasised(&names);
    let w = &data.words;
    let mut s = w.fill("chart.label", &[("title", &chart_title(data, view.kind))]);
    if !chosen.is_empty() && chosen.len() < names.len() {
        let chosen: Vec<String> = chosen.iter().map(|c| c.to_string()).collect();
        s.push_str(&w.fill("chart.highlighting", &[("names", &w.list(&chosen))]));
    }
    s
}

/// The stacked-bar section a chart kind draws (arms by year for any other kind).
pub fn stacked_section(data: &Dataset, kind: ChartKind) -> &crate::data::ArmsByYear {
    match kind {
        ChartKind::ArmsSince => &data.arms_since,
        ChartKind::RussiaExports => &data.russia_exports,
        _ => &data.arms_by_year,
    }
}

/// The dot plot's title and units, from the reference year the claims are checked at.
pub fn check_title(data: &Dataset, kind: ChartKind) -> (String, String) {
    let y = data.displacement_claims.reference_year.to_string();
    let key = kind.attr();
    (data.words.fill(&format!("title.{key}"), &[("year", &y)]), data.words.fill(&format!("units.{key}"), &[("year", &y)]))
}

/// Venezuelans displaced abroad by UNHCR category, as a stacked chart (values in millions).
pub fn categories(data: &Dataset, kind: ChartKind) -> crate::data::ArmsByYear {
    let s = &data.displacement_series;
    let o = s.origins.iter().find(|o| o.iso == "VEN");
    let values = |f: fn(&crate::data::Origin) -> &Vec<Option<f64>>| -> Vec<f64> {
        (0..s.years.len()).map(|j| o.and_then(|o| f(o).get(j).copied().flatten()).unwrap_or(0.0) / 1e6).collect()
    };
    crate::data::ArmsByYear {
        title: data.words.get(&format!("title.{}", kind.attr())).to_string(),
        y_label: data.words.get(&format!("units.{}", kind.attr())).to_string(),
        source: s.source.clone(),
        years: s.years.clone(),
        suppliers: vec![
            crate::data::SupplierYears { name: crate::data::category(&s.categories, 0).to_string(), members: vec![], tiv: values(|o| &o.refugees) },
            crate::data::SupplierYears { name: crate::data::category(&s.categories, 1).to_string(), members: vec![], tiv: values(|o| &o.asylum_seekers) },
            crate::data::SupplierYears { name: crate::data::category(&s.categories, 2).to_string(), members: vec![], tiv: values(|o| &o.oip) },
        ],
    }
}
