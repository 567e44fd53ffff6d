//! Every chart state, drawn with plotters onto any [`DrawingBackend`].
//!
//! The browser passes a canvas backend, the tests an SVG one; the code here never knows
//! which. Sizes are given in CSS pixels and multiplied by [`Theme::scale`] (the device pixel
//! ratio), because the canvas backend (crate::canvas) draws in the canvas's backing-store pixels.

use crate::check::Checker;
use crate::locale::Locale;
use crate::spec::{Hex, SectionSource, Source, ThemeSpec};
use crate::view::View;
use crate::words::Words;
use plotters::coord::Shift;
use plotters::prelude::*;

mod bars;
mod dots;
mod hbars;
mod kit;
mod plot;
mod lines;
mod share;
mod stacked;
pub mod table;
mod timeline;
mod title;
pub mod verdict;

use kit::{frame, unavailable, Ink, Kept};

pub use bars::{Bar, Bars};
pub use dots::{Dot, DotPlot};
pub use hbars::{Example, HBar, HBars};
pub use lines::{Line, Lines};
pub use share::{Part, Reference, ShareBar, ShareItem};
pub use stacked::{Format, Measure, Says, Series, Stacked};
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

/// One chart state resolved for drawing: the chart a view shows, or why it cannot be drawn (in
/// the reader's words), and the view. The story's data resolves it (`Dataset::scene`); drawing,
/// labels and descriptions take it as it is and never look a chart up by its id.
#[derive(Debug)]
pub struct Scene<'a> {
    pub chart: Result<&'a Chart, String>,
    pub view: &'a View,
}

/// The scenes of a frame's layers, each with its opacity (what [`draw_frame`] draws), every chart
/// resolved by `chart` (the model's, or a compiled story's: both resolve the same way).
pub fn scenes<'a>(layers: &'a [crate::view::Layer], chart: impl Fn(&'a str) -> Result<&'a Chart, String>) -> Vec<(Scene<'a>, f64)> {
    let mut scenes = Vec::with_capacity(layers.len());
    for l in layers {
        scenes.push((Scene { chart: chart(&l.view.chart), view: &l.view }, l.opacity));
    }
    scenes
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
pub fn draw_view<DB: DrawingBackend>(area: &Area<DB>, cx: &Cx, scene: Scene, theme: &Theme) -> Res {
    draw_frame(area, cx, &[(scene, 1.0)], theme)
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

/// One chart of the story: what every chart has, and its type's data. (Serialized only by the
/// build, for the reader's compiled story: see crate::drawn.)
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

/// Makes [`Body`], one variant per chart type, and its dispatch to [`ChartType`].
macro_rules! registry {
    ($($name:literal => $variant:ident($ty:ty),)*) => {
        /// A chart's type and the data that type draws.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Body {
            $($variant($ty),)*
        }

        // In the compiled story (crate::wire) a body is its type's name, then its data.
        impl crate::wire::Wire for Body {
            fn put(&self, out: &mut Vec<u8>) {
                self.type_name().to_string().put(out);
                match self { $(Body::$variant(x) => x.put(out),)* }
            }
            fn take(r: &mut crate::wire::Reader) -> Body {
                match String::take(r).as_str() {
                    $($name => Body::$variant(<$ty as crate::wire::Wire>::take(r)),)*
                    _ => {
                        r.fail();
                        Body::Title(TitleCard::default())
                    }
                }
            }
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

    /// The chart's figures as CSV, with its source on every row; `None` for a title card.
    /// Column names pass through the story's words (`name.<column>`), so an edition in another
    /// language heads them in its own; the values stay machine-readable.
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

/// Indices of `keys` in ascending order (stable). Every sort in the chart code goes through
/// this one call: each `sort_by` on another type or closure adds a copy of the sorting
/// algorithm (3 to 5 KB) to the .wasm.
pub fn order_by(keys: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|a, b| keys[*a].total_cmp(&keys[*b]));
    order
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
