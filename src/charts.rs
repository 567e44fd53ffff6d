//! Every chart state, drawn with plotters onto any [`DrawingBackend`].
//!
//! The browser passes a canvas backend, the tests an SVG one; the code here never knows
//! which. Sizes are given in CSS pixels and multiplied by [`Theme::scale`] (the device pixel
//! ratio), because plotters-canvas draws in the canvas's backing-store pixels.

use crate::check::Checker;
use crate::locale::Locale;
use crate::spec::{Hex, SectionSource, Source, ThemeSpec};
use crate::view::View;
use crate::words::Words;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

mod bars;
mod dots;
mod hbars;
mod lines;
mod share;
mod stacked;
pub mod table;
mod timeline;
mod title;
pub mod verdict;

pub use bars::{Bar, Bars};
pub use dots::{Dot, DotPlot};
pub use hbars::{Example, HBar, HBars};
pub use lines::{Line, Lines};
pub use share::{Part, Reference, ShareBar, ShareItem};
pub use stacked::{Format, Says, Series, Stacked};
pub use timeline::{Event, Timeline};
pub use title::TitleCard;

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

/// How many series can have a colour of their own (named series beside a group of the rest).
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
    /// Groups of small series (series with members) and unknown names.
    pub others: RGBColor,
    /// Device pixels per CSS pixel.
    pub scale: f64,
    pub font: &'static str,
}

fn rgb(h: Hex) -> RGBColor {
    RGBColor(h.0[0], h.0[1], h.0[2])
}

impl Theme {
    /// The story's light or dark colours at `scale` device pixels per CSS pixel. A story whose
    /// theme is broken (`None`) is drawn in greys (the page says what is wrong with the data).
    pub fn of(spec: Option<&ThemeSpec>, dark: bool, scale: f64) -> Theme {
        let scale = if scale.is_finite() && scale > 0.0 { scale.min(4.0) } else { 1.0 };
        let Some(spec) = spec else { return Theme::grey(dark, scale) };
        let c = if dark { &spec.dark } else { &spec.light };
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
    words: &'a Words,
    /// The story's way of writing numbers.
    loc: &'a Locale,
    fade: f64,
    marks: Option<&'a std::cell::RefCell<Kept>>,
    /// The year the source under discussion was published, for the `publication` annotation.
    published: Option<u16>,
    /// The chart's declared notes, drawn where a step names them in `data-annotate`.
    notes: &'a [Note],
}

impl Ink<'_> {
    fn new<'a>(theme: &'a Theme, cx: &Cx<'a>, scene: &Scene<'a>, opacity: f64, marks: Option<&'a std::cell::RefCell<Kept>>) -> Ink<'a> {
        let dim = scene.view.dim.clamp(0.0, 1.0) * 0.75;
        let notes = scene.chart.as_ref().map(|c| c.notes.as_slice()).unwrap_or(&[]);
        Ink { theme, words: cx.words, loc: cx.loc, fade: 1.0 - (1.0 - dim) * opacity.clamp(0.0, 1.0), marks, published: cx.published, notes }
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
    /// The unit the marks' readouts give, in the edition's words (`name.<unit>`).
    fn units(&self, units: &str) {
        if let Some(k) = self.marks {
            k.borrow_mut().units = self.words.name(units).to_string();
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

/// One chart state resolved for drawing: the chart a view shows, or why it cannot be drawn (in
/// the reader's words), and the view. The story's data resolves it once (`Dataset::scene`);
/// drawing, labels, descriptions and tables take it as it is.
#[derive(Debug, Clone)]
pub struct Scene<'a> {
    pub chart: Result<&'a Chart, String>,
    pub view: &'a View,
}

/// Draws one frame (one or two scenes, each at its opacity) onto the whole area, background first.
pub fn draw_frame<DB: DrawingBackend>(area: &Area<DB>, cx: &Cx, layers: &[(Scene, f64)], theme: &Theme) -> Res {
    draw_frame_marks(area, cx, layers, theme).map(|_| ())
}

/// Draws one frame, and returns the marks of a settled one (one scene, fully grown): what a
/// reader can point at or step through by keyboard, in drawing order.
pub fn draw_frame_marks<DB: DrawingBackend>(area: &Area<DB>, cx: &Cx, layers: &[(Scene, f64)], theme: &Theme) -> Result<Vec<Mark>, DrawError> {
    area.fill(&theme.background)?;
    let (w, h) = area.dim_in_pixel();
    if w < 40 || h < 40 {
        return Ok(vec![]); // Too small to say anything legible; the layout will give room again.
    }
    let marks = std::cell::RefCell::new(Kept::default());
    let settled = matches!(layers, [(s, o)] if *o >= 1.0 && s.view.grow >= 1.0);
    for (scene, opacity) in layers {
        if *opacity <= 0.0 {
            continue;
        }
        draw_scene(area, cx, scene, *opacity, theme, if settled { Some(&marks) } else { None })?;
    }
    Ok(marks.into_inner().marks)
}

/// Draws one settled scene: a convenience for tests and static rendering.
pub fn draw_view<DB: DrawingBackend>(area: &Area<DB>, cx: &Cx, scene: &Scene, theme: &Theme) -> Res {
    draw_frame(area, cx, &[(scene.clone(), 1.0)], theme)
}

fn draw_scene<DB: DrawingBackend>(area: &Area<DB>, cx: &Cx, scene: &Scene, opacity: f64, theme: &Theme, marks: Option<&std::cell::RefCell<Kept>>) -> Res {
    let ink = Ink::new(theme, cx, scene, opacity, marks);
    let v = scene.view;
    let chart = match &scene.chart {
        Ok(c) => c,
        Err(problem) => return unavailable(area, problem, &ink),
    };
    if !chart.body.framed() {
        return chart.body.draw(area, v, &ink);
    }
    let body = frame(area, (&chart.title, &chart.subtitle), &chart.units, &chart.source, &ink)?;
    chart.body.draw(&body, v, &ink)
}

/// What every chart type answers, besides holding its data: the names a step may highlight,
/// the span of its time axis, the annotations it can draw, a description of each state, its
/// data as a table and as CSV, and its drawing onto any plotters backend.
///
/// Descriptions, tables and CSV are plain text built from the story's words and locale; only
/// `draw` touches plotters. A new type is one module implementing this trait and one line in
/// [`registry!`].
trait ChartType {
    /// Whether the chart sits inside the frame of title, units and source (all but a title card).
    const FRAMED: bool = true;
    /// Whether it draws the notes a chart declares on its time axis (`notes`).
    const NOTES: bool = false;
    /// The names `data-highlight` may give, in drawing order.
    fn series(&self) -> Vec<String>;
    /// What a reader is told a highlighted name is: by default the story's word for it
    /// (`name.<name>`); a type whose names are ids (a timeline's events) gives its label.
    fn shown_name(&self, name: &str, words: &Words) -> String {
        words.name(name).to_string()
    }
    /// The first and last x of a time axis that `data-window` can narrow, if the type has one.
    fn span(&self) -> Option<(u16, u16)> {
        None
    }
    /// The annotations `data-annotate` may ask for.
    fn annotations(&self) -> &'static [&'static str] {
        &[]
    }
    /// What the chart shows in `v`, in the story's words, after its opening sentence's slots.
    fn describe(&self, cx: &Cx, v: &View, chosen: &[String]) -> String;
    /// Column headers and rows, formatted in the story's locale.
    fn table(&self, cx: &Cx) -> (Vec<String>, Vec<Vec<String>>);
    /// Column names and rows: numbers written by `csv_num`, text quoted by `csv_field`.
    fn csv(&self) -> (Vec<String>, Vec<Vec<String>>);
    /// What serde cannot check of a declaration (lengths, ranges, names); `at` is its path.
    fn check(&self, _c: &mut Checker, _at: &str) {}
    fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res;
}

/// What a chart's drawing, description and table need of the story besides the chart's own data.
#[derive(Debug, Clone, Copy)]
pub struct Cx<'a> {
    pub words: &'a Words,
    pub loc: &'a Locale,
    /// The id of the chart described (`data-chart`): its opening sentence is the story's
    /// `describe.<id>`. The charts set it for each chart; a story's context leaves it empty.
    pub id: &'a str,
    /// The year the source under discussion was published, for the `publication` annotation.
    pub published: Option<u16>,
}

/// One chart of the story: what every chart has, and its type's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The value of `data-chart` that shows it.
    pub id: String,
    pub title: String,
    /// A line under the title, saying what to see (optional).
    pub subtitle: String,
    /// What the values are in, under the title (and subtitle).
    pub units: String,
    pub source: Source,
    pub body: Body,
    /// Notes on its time axis that a step may draw (`data-annotate="<note id>"`).
    pub notes: Vec<Note>,
}

/// A note the data file declares on a chart's time axis: a year (`from`), or a span of years
/// (`from` to `to`), and its label. A step draws it by naming its id in `data-annotate`.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub from: u16,
    #[serde(default)]
    pub to: Option<u16>,
    pub label: String,
}

impl Note {
    /// The years it covers, first to last.
    pub fn span(&self) -> (u16, u16) {
        (self.from, self.to.unwrap_or(self.from).max(self.from))
    }
}

/// Draws the notes a view names, each on its own row from `row_top` down (`row` apart): a
/// dashed line down to `bottom` at one year, a bracket over a span. `x` maps a year to a pixel
/// of `area`; `half` widens a span to the edges of its years' bars (0.4 for bars, 0 for lines).
#[allow(clippy::too_many_arguments)]
fn draw_notes<DB: DrawingBackend>(
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
        let (lw, lh) = area.estimate_text_size(&n.label, &style).map(|(w, h)| (w as i32, h as i32)).unwrap_or((0, 0));
        let (w, _) = area.dim_in_pixel();
        let stroke = ink.c(t.text).stroke_width(t.px(1.2).max(1) as u32);
        let (xa, xb) = if n.to.is_some_and(|to| to > n.from) { (x(a - half), x(b + half)) } else { (x(a), x(a)) };
        let y = top + lh + t.px(4.0);
        if xa == xb {
            let dash = t.px(4.0).max(1);
            let mut d = y;
            while d < bottom {
                area.draw(&PathElement::new(vec![(xa, d), (xa, (d + dash).min(bottom))], stroke))?;
                d += 2 * dash;
            }
        } else {
            area.draw(&PathElement::new(vec![(xa, y + t.px(5.0)), (xa, y), (xb, y), (xb, y + t.px(5.0))], stroke))?;
        }
        // Centred over what it marks, kept inside the chart.
        let lx = ((xa + xb) / 2 - lw / 2).min(w as i32 - lw - t.px(4.0)).max(t.px(4.0));
        stacked::halo_label(area, &n.label, (lx, top), Pos::new(HPos::Left, VPos::Top), style, ink)?;
    }
    Ok(())
}

/// Makes [`Body`], one variant per chart type, and its dispatch to [`ChartType`].
macro_rules! registry {
    ($($name:literal => $variant:ident($ty:ty),)*) => {
        /// A chart's type and the data that type draws.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Body {
            $($variant($ty),)*
        }

        /// The chart types, as a story's data file names them.
        pub const TYPES: &[&str] = &[$($name),*];

        impl Body {
            pub fn type_name(&self) -> &'static str {
                match self { $(Body::$variant(_) => $name,)* }
            }
            /// Whether the chart sits inside the frame of title, units and source.
            pub fn framed(&self) -> bool {
                match self { $(Body::$variant(_) => <$ty as ChartType>::FRAMED,)* }
            }
            /// Whether it draws declared notes on its time axis.
            pub fn takes_notes(&self) -> bool {
                match self { $(Body::$variant(_) => <$ty as ChartType>::NOTES,)* }
            }
            /// Reads the data of chart `i` of the data file's `charts` as type `kind`; `None`
            /// for a type the engine does not have.
            pub fn read(kind: &str, src: &impl SectionSource, i: usize) -> Option<Result<Body, (String, String)>> {
                match kind {
                    $($name => src.at::<$ty>("charts", i, Some("data")).map(|r| r.map(Body::$variant)),)*
                    _ => None,
                }
            }
            pub fn check(&self, c: &mut Checker, at: &str) {
                match self { $(Body::$variant(x) => x.check(c, at),)* }
            }
            pub fn series(&self) -> Vec<String> {
                match self { $(Body::$variant(x) => x.series(),)* }
            }
            pub fn shown_name(&self, name: &str, words: &Words) -> String {
                match self { $(Body::$variant(x) => x.shown_name(name, words),)* }
            }
            pub fn span(&self) -> Option<(u16, u16)> {
                match self { $(Body::$variant(x) => x.span(),)* }
            }
            pub fn annotations(&self) -> &'static [&'static str] {
                match self { $(Body::$variant(x) => x.annotations(),)* }
            }
            fn describe(&self, cx: &Cx, v: &View, chosen: &[String]) -> String {
                match self { $(Body::$variant(x) => x.describe(cx, v, chosen),)* }
            }
            fn table(&self, cx: &Cx) -> (Vec<String>, Vec<Vec<String>>) {
                match self { $(Body::$variant(x) => x.table(cx),)* }
            }
            fn csv(&self) -> (Vec<String>, Vec<Vec<String>>) {
                match self { $(Body::$variant(x) => x.csv(),)* }
            }
            fn draw<DB: DrawingBackend>(&self, area: &Area<DB>, v: &View, ink: &Ink) -> Res {
                match self { $(Body::$variant(x) => x.draw(area, v, ink),)* }
            }
        }
    };
}

registry! {
    "title" => Title(TitleCard),
    "stacked-bars" => Stacked(Stacked),
    "share-bar" => Share(ShareBar),
    "hbars" => HBars(HBars),
    "bars" => Bars(Bars),
    "lines" => Lines(Lines),
    "dot-plot" => Dots(DotPlot),
    "timeline" => Timeline(Timeline),
}

impl Chart {
    /// A few sentences saying what the chart shows in `v`: its opening sentence and what its type
    /// observes, without the sentences every chart shares (highlight, annotations, fading).
    pub fn describe(&self, cx: &Cx, v: &View, chosen: &[String]) -> String {
        self.body.describe(&Cx { id: &self.id, ..*cx }, v, chosen)
    }

    /// The chart's data as a table; `None` for a title card.
    pub fn table(&self, cx: &Cx) -> Option<table::Table> {
        if !self.body.framed() {
            return None;
        }
        let (headers, rows) = self.body.table(&Cx { id: &self.id, ..*cx });
        let caption = cx.words.fill("table.caption", &[("title", &self.title), ("source", &self.source.line(cx.words))]);
        Some(table::Table { caption, headers, rows })
    }

    /// The chart's data as CSV, with its source on every row; `None` for a title card.
    /// The chart's figures as CSV, with its source on every row. Column names pass through the
    /// story's words (`name.<column>`), so an edition in another language heads them in its
    /// own; the values stay machine-readable.
    pub fn csv(&self, words: &Words) -> Option<String> {
        if !self.body.framed() {
            return None;
        }
        let (header, rows) = self.body.csv();
        let src = &self.source;
        let tail = format!("{},{},{}", csv_field(&src.name()), csv_field(&src.vintage), csv_field(&src.url));
        let head: Vec<String> = header.iter().map(String::as_str).chain(["source", "vintage", "url"]).map(|h| csv_field(words.name(h))).collect();
        let mut out = format!("{}\n", head.join(","));
        for r in rows {
            out.push_str(&r.join(","));
            out.push(',');
            out.push_str(&tail);
            out.push('\n');
        }
        Some(out)
    }
}

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). Written by hand:
/// the csv crate would add weight to the .wasm for these few lines.
pub fn csv_field(s: &str) -> String {
    // A label that a spreadsheet would read as a formula is kept as text.
    let s = &if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A number as CSV writes it: whole numbers without a decimal point.
fn csv_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// An optional number as CSV writes it: empty where there is no record.
fn csv_opt(v: Option<f64>) -> String {
    v.map(csv_num).unwrap_or_default()
}

/// Appends a sentence in the story's words (`describe.…` templates), after a space.
fn say(s: &mut String, w: &Words, key: &str, slots: &[(&str, &str)]) {
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(&w.fill(key, slots));
}

/// Indices of `xs` inside the view's window (all of them for a view without one).
fn shown(view: &View, xs: &[u16]) -> Vec<usize> {
    let inside = |y: u16| view.window.is_none_or(|[a, b]| y as f64 >= a - 1e-6 && y as f64 <= b + 1e-6);
    (0..xs.len()).filter(|&j| inside(xs[j])).collect()
}

/// The first and last of the years at `js` (0 when there are none).
fn ends(xs: &[u16], js: &[usize]) -> (u16, u16) {
    let at = |j: Option<&usize>| j.and_then(|j| xs.get(*j)).copied().unwrap_or(0);
    (at(js.first()), at(js.last()))
}

/// A part's share of a whole, as "12.3%" (0.0% of an empty whole).
fn share_text(f: &Locale, part: f64, whole: f64) -> String {
    f.pct(if whole > 0.0 { 100.0 * part / whole } else { 0.0 })
}

/// Splits `text` into lines no wider than `max_w` pixels, measured by the backend's own fonts.
fn wrap<DB: DrawingBackend>(area: &Area<DB>, text: &str, style: &TextStyle, max_w: u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // Breaks at ordinary spaces only: a no-break space ("69,5 %", "10 000") holds its two sides
    // together, and is drawn as it is.
    for word in text.split(|c: char| c.is_ascii_whitespace()).filter(|w| !w.is_empty()) {
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

/// Title, subtitle and units on top, source at the bottom; returns the area left for the chart.
fn frame<DB: DrawingBackend>(area: &Area<DB>, (title, subtitle): (&str, &str), units: &str, source: &Source, ink: &Ink) -> Result<Area<DB>, DrawError> {
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
    let text_line = t.px(base * 0.9 * 1.2);
    for (name, colour, emph) in items {
        let style = if *emph >= 0.5 { ink.text(base * 0.9, true) } else { ink.muted(base * 0.9) };
        let tw = area.estimate_text_size(name, &style).map(|s| s.0 as i32).unwrap_or(0);
        if x + sw + t.px(4.0) + tw > w as i32 - pad && x > pad {
            x = pad;
            y += line_h;
        }
        area.draw(&Rectangle::new([(x, y + t.px(2.0)), (x + sw, y + t.px(2.0) + sw)], ink.mark(*colour, *emph).filled()))?;
        // A name longer than the whole row (a long name, or a phone) wraps under itself.
        let room = (w as i32 - pad - x - sw - t.px(4.0)).max(1);
        let lines = if tw > room { wrap(area, name, &style, room as u32) } else { vec![name.clone()] };
        let mut used = 0;
        for (k, l) in lines.iter().enumerate() {
            area.draw(&Text::new(l.clone(), (x + sw + t.px(4.0), y + k as i32 * text_line), style.clone().pos(Pos::new(HPos::Left, VPos::Top))))?;
            used = used.max(area.estimate_text_size(l, &style).map(|s| s.0 as i32).unwrap_or(0));
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

fn emph(v: &View, i: usize) -> f64 {
    v.emphasis.get(i).copied().unwrap_or(1.0)
}

/// A round upper bound for an axis: 1, 2, 2.5 or 5 times a power of ten.
/// The mesh every chart over years shares: whole years along the bottom, a few horizontal grid
/// lines, muted labels. Years before `from` get no label (a year at the very edge of a narrow
/// chart would run into the value axis's labels).
fn year_mesh<DB: DrawingBackend>(
    chart: &mut ChartContext<DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>,
    ink: &Ink,
    base: f64,
    (x_labels, from): (usize, f64),
    y_labels: usize,
    y_fmt: &dyn Fn(&f64) -> String,
) -> Res {
    let t = ink.theme;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(x_labels)
        .x_label_formatter(&|x| if (x - x.round()).abs() < 0.01 && *x >= from { format!("{:.0}", x) } else { String::new() })
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

/// A one-line label for the canvas: the chart's title and what it emphasises.
pub fn label(cx: &Cx, scene: &Scene) -> String {
    let (w, view) = (cx.words, scene.view);
    let Ok(chart) = &scene.chart else { return w.fill("chart.label", &[("title", &view.chart)]) };
    let names = chart.body.series();
    let chosen = view.emphasised(&names);
    let mut s = w.fill("chart.label", &[("title", &chart.title)]);
    if !chosen.is_empty() && chosen.len() < names.len() {
        // Display names, never ids: a screen reader hears an event's label, not its id.
        let chosen: Vec<String> = chosen.iter().map(|c| chart.body.shown_name(c, w)).collect();
        s.push_str(&w.fill("chart.highlighting", &[("names", &w.list(&chosen))]));
    }
    s
}
