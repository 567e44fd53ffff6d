//! Every label of a chart state, checked as boxes: inside the chart, clear of each other, and
//! clear of the marks, at the widths readers have (320 and 390 px phones, a 768 px tablet, a
//! 1440 px desktop) and at the pixel ratios they draw at. `make check-data` runs it on each
//! story (about a second), so a label that collides shows when the story is written, not only
//! in `make test` (tests/labels.rs runs it on every story and the fixture).
//!
//! The charts are drawn onto a recording backend that keeps each label's box, measured with
//! `crate::text` (the one measurement the canvas and the static SVGs lay out with), and each
//! mark's shape. Marks are what carries the data: bars, dots, rings and lines in a series' colour.
//! The background, grid, text and muted-text colours are the chart's furniture (halos, gridlines,
//! axes, leader and publication lines) and may run under a label.

use crate::charts;
use crate::data::Dataset;
use crate::story::StepSpec;
use crate::view::View;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};

#[derive(Debug, Clone, Copy)]
struct Box2 {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Box2 {
    fn overlaps(&self, o: &Box2, tol: f64) -> bool {
        self.x0 + tol < o.x1 && o.x0 + tol < self.x1 && self.y0 + tol < o.y1 && o.y0 + tol < self.y1
    }
}

#[derive(Debug)]
enum Shape {
    Rect(Box2),
    /// A polyline and its half width.
    Line(Vec<(f64, f64)>, f64),
    Circle((f64, f64), f64),
}

#[derive(Default)]
struct Log {
    texts: Vec<(String, Box2)>,
    marks: Vec<Shape>,
    /// Furniture lines (leaders, axes, grid), with how many labels were drawn before each:
    /// one may pass behind a label, never be drawn through it.
    lines: Vec<(usize, Shape)>,
}

/// plotters takes the backend by value; the log is shared so the test can read it afterwards.
struct Recorder {
    size: (u32, u32),
    log: std::rc::Rc<std::cell::RefCell<Log>>,
    /// Colours that are furniture, not marks (the background's first).
    furniture: Vec<(u8, u8, u8)>,
}

#[derive(Debug)]
struct Never;
impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("never")
    }
}
impl std::error::Error for Never {}
type R = Result<(), DrawingErrorKind<Never>>;

impl Recorder {
    fn is_mark(&self, c: BackendColor) -> bool {
        c.alpha > 0.0 && !self.furniture.contains(&c.rgb)
    }
    fn line<I: IntoIterator<Item = BackendCoord>, S: BackendStyle>(&mut self, pts: I, style: &S) {
        let pts = pts.into_iter().map(|(x, y)| (x as f64, y as f64)).collect();
        let shape = Shape::Line(pts, style.stroke_width().max(1) as f64 / 2.0);
        let mut log = self.log.borrow_mut();
        if self.is_mark(style.color()) {
            log.marks.push(shape);
        } else if style.color().alpha > 0.0 && Some(&style.color().rgb) != self.furniture.first() {
            let n = log.texts.len();
            log.lines.push((n, shape));
        }
    }
}

impl DrawingBackend for Recorder {
    type ErrorType = Never;
    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> R {
        Ok(())
    }
    fn present(&mut self) -> R {
        Ok(())
    }
    fn draw_pixel(&mut self, _: BackendCoord, _: BackendColor) -> R {
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R {
        self.line([from, to], style);
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        self.line(path, style);
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> R {
        if fill && self.is_mark(style.color()) && br.0 > ul.0 && br.1 > ul.1 {
            self.log.borrow_mut().marks.push(Shape::Rect(Box2 { x0: ul.0 as f64, y0: ul.1 as f64, x1: br.0 as f64, y1: br.1 as f64 }));
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, c: BackendCoord, r: u32, style: &S, _fill: bool) -> R {
        // Dots and rings are marks in any colour but the background's.
        if style.color().alpha > 0.0 && Some(&style.color().rgb) != self.furniture.first() {
            self.log.borrow_mut().marks.push(Shape::Circle((c.0 as f64, c.1 as f64), r as f64 + style.stroke_width() as f64 / 2.0));
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> R {
        if self.is_mark(style.color()) {
            let pts: Vec<BackendCoord> = vert.into_iter().collect();
            let (xs, ys): (Vec<i32>, Vec<i32>) = pts.iter().copied().unzip();
            let b = Box2 {
                x0: *xs.iter().min().unwrap() as f64,
                y0: *ys.iter().min().unwrap() as f64,
                x1: *xs.iter().max().unwrap() as f64,
                y1: *ys.iter().max().unwrap() as f64,
            };
            self.log.borrow_mut().marks.push(Shape::Rect(b));
        }
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> R {
        if text.trim().is_empty() {
            return Ok(());
        }
        let (w, h) = crate::text::size_of(text, style);
        let (w, h) = (w as f64, h as f64);
        let a = style.anchor();
        let x0 = match a.h_pos {
            HPos::Left => pos.0 as f64,
            HPos::Center => pos.0 as f64 - w / 2.0,
            HPos::Right => pos.0 as f64 - w,
        };
        let y0 = match a.v_pos {
            VPos::Top => pos.1 as f64,
            VPos::Center => pos.1 as f64 - h / 2.0,
            VPos::Bottom => pos.1 as f64 - h,
        };
        self.log.borrow_mut().texts.push((text.to_string(), Box2 { x0, y0, x1: x0 + w, y1: y0 + h }));
        Ok(())
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<Never>> {
        Ok(crate::text::size_of(text, style))
    }
}

fn seg_hits_box((ax, ay): (f64, f64), (bx, by): (f64, f64), half: f64, b: &Box2) -> bool {
    // Sampled along the segment: marks are short enough that 1 px steps are exact enough.
    let n = ((bx - ax).abs().max((by - ay).abs()).ceil() as usize).max(1);
    let g = Box2 { x0: b.x0 - half, y0: b.y0 - half, x1: b.x1 + half, y1: b.y1 + half };
    (0..=n).any(|k| {
        let t = k as f64 / n as f64;
        let (x, y) = (ax + (bx - ax) * t, ay + (by - ay) * t);
        x > g.x0 && x < g.x1 && y > g.y0 && y < g.y1
    })
}

fn covers(label: &Box2, m: &Shape) -> bool {
    // A pixel of slack: anti-aliased edges that merely touch are not a collision.
    let b = Box2 { x0: label.x0 + 1.0, y0: label.y0 + 1.0, x1: label.x1 - 1.0, y1: label.y1 - 1.0 };
    match m {
        Shape::Rect(r) => b.overlaps(r, 0.0),
        Shape::Line(pts, half) => pts.windows(2).any(|w| seg_hits_box(w[0], w[1], *half, &b)),
        Shape::Circle((cx, cy), r) => {
            let nx = cx.clamp(b.x0, b.x1);
            let ny = cy.clamp(b.y0, b.y1);
            (nx - cx).powi(2) + (ny - cy).powi(2) < r * r
        }
    }
}

/// The chart's size in CSS pixels at each reader width (the sticky panel's stage on a phone
/// or tablet; a full-width stage on a 1440 px screen) and the device pixel ratios drawn.
const SIZES: [((u32, u32), &[f64]); 4] = [((320, 290), &[1.0, 2.0]), ((390, 370), &[1.0, 3.0]), ((768, 480), &[1.0, 2.0]), ((1440, 700), &[1.0, 2.0])];

/// The label problems of one chart state at one size. `strict` (the states the stories' steps
/// show) also refuses a label over a mark; every other state must keep its labels inside the
/// chart and clear of each other.
fn problems(d: &Dataset, id: &str, view: &View, css: (u32, u32), scale: f64, strict: bool) -> Vec<String> {
    let theme = d.chart_theme(false, scale);
    let size = ((css.0 as f64 * scale).round() as u32, (css.1 as f64 * scale).round() as u32);
    let c = |c: RGBColor| (c.0, c.1, c.2);
    let log = std::rc::Rc::new(std::cell::RefCell::new(Log::default()));
    let rec = Recorder { size, log: log.clone(), furniture: vec![c(theme.background), c(theme.grid), c(theme.text), c(theme.muted_text)] };
    let at = format!("{id} at {}x{} (x{scale})", css.0, css.1);
    if let Err(e) = charts::draw_view(&rec.into_drawing_area(), &d.cx(), d.scene(view), &theme) {
        return vec![format!("{at}: cannot be drawn ({})", e.0)];
    }
    let rec = log.borrow();
    let mut out = Vec::new();
    let (w, h) = (size.0 as f64, size.1 as f64);
    for (t, b) in &rec.texts {
        if b.x0 < -0.5 || b.y0 < -0.5 || b.x1 > w + 0.5 || b.y1 > h + 0.5 {
            out.push(format!("{at}: \"{t}\" is cut off ({:.0},{:.0})-({:.0},{:.0}) in {w}x{h}", b.x0, b.y0, b.x1, b.y1));
        }
        for m in rec.marks.iter().filter(|_| strict) {
            if covers(b, m) {
                out.push(format!("{at}: \"{t}\" covers a mark {m:?}"));
                break;
            }
        }
    }
    for (i, (t, b)) in rec.texts.iter().enumerate().filter(|_| strict) {
        if let Some((_, l)) = rec.lines.iter().find(|(before, l)| *before > i && covers(b, l)) {
            out.push(format!("{at}: a line is drawn through \"{t}\": {l:?}"));
        }
    }
    for (i, (t1, b1)) in rec.texts.iter().enumerate() {
        for (t2, b2) in &rec.texts[i + 1..] {
            if b1.overlaps(b2, 1.0) {
                out.push(format!("{at}: \"{t1}\" overlaps \"{t2}\""));
            }
        }
    }
    out
}

/// The label problems of a story's page: every state its steps show (strict: a label over a
/// mark too), and every declared chart in every state a step can ask for, whether or not a step
/// of the story does (plain, each series highlighted alone, each annotation and note alone),
/// at every size in [`SIZES`]. `page` names the page in each problem; `data` is in the page's
/// language. A step the data cannot draw is left to the data checks, which name it.
pub fn check_story(page: &str, html: &str, d: &Dataset) -> Vec<String> {
    let mut views: Vec<(String, View, bool)> = crate::prerender::scan(html)
        .into_iter()
        .flat_map(|s| s.steps)
        .filter_map(|st| Some((format!("{page} {}", st.id), View::for_step(&StepSpec::from_attrs(&st).ok()?, d, &st.id).ok()?, true)))
        .collect();
    // Every declared chart in every state a step can ask for, whether or not a step of the
    // story does: plain, each series highlighted alone, each annotation and note alone. (A
    // faded chart is laid out as the plain one; only its colours change.)
    for c in &d.charts {
        let id = c.id.as_str();
        let plain = || StepSpec::parse("t", Some(id), None, false).ok();
        let mut specs: Vec<StepSpec> = plain().into_iter().collect();
        specs.extend(c.body.series().iter().filter_map(|name| StepSpec::parse("t", Some(id), Some(name), false).ok()));
        for a in c.body.annotations().iter().map(|a| a.to_string()).chain(c.notes.iter().map(|n| n.id.clone())) {
            if let Some(mut s) = plain() {
                s.annotate = vec![a];
                specs.push(s);
            }
        }
        for s in specs {
            if let Ok(v) = View::for_step(&s, d, "t") {
                views.push((format!("{page} {id} [{} {:?}]", s.highlight.join(","), s.annotate), v, false));
            }
        }
    }
    let mut all = Vec::new();
    for (id, v, strict) in &views {
        for (css, scales) in SIZES {
            for scale in scales {
                all.extend(problems(d, id, v, css, *scale, *strict));
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recorder_sees_collisions() {
        // The check itself: a label over a bar, two labels on one spot, a label past the edge.
        let log = std::rc::Rc::new(std::cell::RefCell::new(Log::default()));
        let rec = Recorder { size: (200, 100), log: log.clone(), furniture: vec![(255, 255, 255)] };
        let area = rec.into_drawing_area();
        let style = TextStyle::from(("Arial", 12.0)).pos(plotters::style::text_anchor::Pos::new(HPos::Left, VPos::Top));
        area.draw(&Rectangle::new([(10, 10), (60, 90)], RGBColor(196, 70, 26).filled())).unwrap();
        area.draw(&Text::new("on the bar", (20, 40), style.clone())).unwrap();
        area.draw(&Text::new("clear", (100, 10), style.clone())).unwrap();
        area.draw(&Text::new("clear too", (104, 12), style.clone())).unwrap();
        area.draw(&Text::new("past the right edge", (150, 70), style)).unwrap();
        let log = log.borrow();
        let b = |t: &str| log.texts.iter().find(|x| x.0 == t).unwrap().1;
        assert!(covers(&b("on the bar"), &log.marks[0]));
        assert!(!covers(&b("clear"), &log.marks[0]));
        assert!(b("clear").overlaps(&b("clear too"), 1.0));
        assert!(b("past the right edge").x1 > 200.0);
        // Widths are Arial's, glyph by glyph: c 500 + l 222 + e 556 + a 556 + r 333 = 2.167 em,
        // 26 px at 12 px; bold is wider (c 556 + l 278 + e 556 + a 556 + r 389 = 2.335 em).
        assert!((crate::text::width("clear", 12.0, false) - 2.167 * 12.0).abs() < 1e-9);
        assert!((crate::text::width("clear", 12.0, true) - 2.335 * 12.0).abs() < 1e-9);
    }
}
