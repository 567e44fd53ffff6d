//! The two surfaces the browser draws charts on: the canvas, and SVG for downloads.
//!
//! [`MeasuredCanvas`] is plotters' [`DrawingBackend`] on a canvas's 2D context, written here
//! rather than taken from plotters-canvas, for three reasons:
//! - Text is measured by the canvas itself. plotters measures text on wasm by appending a
//!   `<span>` with a `style` attribute to the document and reading its size: that forces a
//!   layout per label, and a strict content security policy (`style-src 'self'`) blocks the
//!   attribute, so labels would be measured wrong. `estimate_text_size` asks `measureText()` on
//!   the same context that draws the text.
//! - Only the state that changed is set: a chart's marks share a few colours, fonts and line
//!   widths, and each string set is copied out of the .wasm and parsed by the browser again.
//! - Colours are written `#rrggbbaa` and fonts' sizes to the hundredth by integer arithmetic:
//!   plotters-canvas writes `rgba(…, alpha)` with core's float formatting, which alone kept
//!   about 9 KB of the reader's wasm.
//!
//! Shapes are drawn as plotters-canvas draws them (a horizontal or vertical line moved half a
//! pixel onto its pixels; circles as arcs; polygons closed and filled).
//!
//! [`Surface`] puts both behind one type, so the chart code is compiled into the .wasm once
//! rather than once per backend (it is generic over `DrawingBackend`).

use crate::map::Map;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

thread_local! {
    /// Widths the canvas has measured, by font and text. A transition draws the same labels in
    /// every frame; without this, each frame asked the browser again for every label it wraps
    /// or places (`measureText`, a font string parsed, the text copied out of the .wasm), the
    /// largest part of a frame's script time by Chromium's profiler. Kept across frames; emptied
    /// when it holds `MEASURED_MAX` widths, and by [`forget_measures`] on a resize.
    static MEASURED: std::cell::RefCell<Map<f64>> = std::cell::RefCell::new(Map::new());
}

/// Well above the distinct labels a story draws (a few hundred).
const MEASURED_MAX: usize = 4096;

/// Forgets every measured width: the page's fonts may have changed (a font loaded late, a
/// zoom) by the time the canvas is resized.
pub fn forget_measures() {
    MEASURED.with(|m| *m.borrow_mut() = Map::new());
}

pub struct MeasuredCanvas {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    /// The font last set on the context, for measuring or drawing text: the browser parses a
    /// font string each time it is set, and a chart's labels share a few fonts.
    font: std::cell::RefCell<String>,
    /// The rest of the state last set (see `draw_text` and `paint`).
    state: std::cell::RefCell<CtxState>,
}

/// Context state as this backend last set it; empty is "not known".
#[derive(Default)]
struct CtxState {
    baseline: &'static str,
    align: &'static str,
    fill: Option<BackendColor>,
    stroke: Option<(BackendColor, u32)>,
}

/// The font string set before `fillText`; measuring uses the same.
fn font_of<T: BackendTextStyle>(style: &T) -> String {
    format!("{} {}px {}", style.style().as_str(), crate::locale::fixed(style.size(), 2), style.family().as_str())
}

/// A colour as CSS `#rrggbbaa`.
fn css_colour(c: BackendColor) -> String {
    let (r, g, b) = c.rgb;
    let a = (c.alpha.clamp(0.0, 1.0) * 255.0).round() as u8;
    let mut s = String::with_capacity(9);
    s.push('#');
    for byte in [r, g, b, a] {
        for d in [byte >> 4, byte & 15] {
            s.push(char::from_digit(u32::from(d), 16).unwrap_or('0'));
        }
    }
    s
}

impl MeasuredCanvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(MeasuredCanvas { canvas: canvas.clone(), ctx, font: Default::default(), state: Default::default() })
    }

    fn forget_state(&mut self) {
        self.font.get_mut().clear();
        *self.state.get_mut() = CtxState::default();
    }

    /// Sets the fill colour, when it is not already set.
    fn fill(&mut self, c: BackendColor) {
        let set = self.state.get_mut();
        if set.fill.is_none_or(|f| f.rgb != c.rgb || f.alpha != c.alpha) {
            self.ctx.set_fill_style_str(&css_colour(c));
            set.fill = Some(c);
        }
    }

    /// Sets the stroke colour and width, when they are not already set.
    fn stroke<S: BackendStyle>(&mut self, style: &S) {
        let (c, w) = (style.color(), style.stroke_width());
        let set = self.state.get_mut();
        if set.stroke.is_none_or(|(f, fw)| f.rgb != c.rgb || f.alpha != c.alpha || fw != w) {
            self.ctx.set_stroke_style_str(&css_colour(c));
            self.ctx.set_line_width(f64::from(w));
            set.stroke = Some((c, w));
        }
    }

    /// Traces `points` as one path (closed for a polygon).
    fn trace<I: IntoIterator<Item = BackendCoord>>(&self, points: I, close: bool) {
        self.ctx.begin_path();
        for (i, (x, y)) in points.into_iter().enumerate() {
            if i == 0 {
                self.ctx.move_to(f64::from(x), f64::from(y));
            } else {
                self.ctx.line_to(f64::from(x), f64::from(y));
            }
        }
        if close {
            self.ctx.close_path();
        }
    }
}

type R = Result<(), DrawingErrorKind<SurfaceError>>;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        (self.canvas.width(), self.canvas.height())
    }
    fn ensure_prepared(&mut self) -> R {
        Ok(())
    }
    fn present(&mut self) -> R {
        Ok(())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> R {
        if color.alpha > 0.0 {
            self.fill(color);
            self.ctx.fill_rect(f64::from(point.0), f64::from(point.1), 1.0, 1.0);
        }
        Ok(())
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        // A horizontal or vertical line moved half a pixel onto its pixels, as plotters-canvas
        // draws a line, so a one-pixel rule is crisp rather than two grey rows.
        let (mut a, mut b) = ((f64::from(from.0), f64::from(from.1)), (f64::from(to.0), f64::from(to.1)));
        if a.0 == b.0 {
            (a.0, b.0) = (a.0 - 0.5, b.0 - 0.5);
        }
        if a.1 == b.1 {
            (a.1, b.1) = (a.1 - 0.5, b.1 - 0.5);
        }
        self.stroke(style);
        self.ctx.begin_path();
        self.ctx.move_to(a.0, a.1);
        self.ctx.line_to(b.0, b.1);
        self.ctx.stroke();
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> R {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let (x, y, w, h) = (f64::from(ul.0), f64::from(ul.1), f64::from(br.0 - ul.0), f64::from(br.1 - ul.1));
        if fill {
            self.fill(style.color());
            self.ctx.fill_rect(x, y, w, h);
        } else {
            self.stroke(style);
            self.ctx.stroke_rect(x, y, w, h);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.stroke(style);
        self.trace(path, false);
        self.ctx.stroke();
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> R {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if fill {
            self.fill(style.color());
        } else {
            self.stroke(style);
        }
        self.ctx.begin_path();
        let _ = self.ctx.arc(f64::from(center.0), f64::from(center.1), f64::from(radius), 0.0, std::f64::consts::TAU);
        if fill {
            self.ctx.fill();
        } else {
            self.ctx.stroke();
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> R {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.fill(style.color());
        self.trace(vert, true);
        self.ctx.fill();
        Ok(())
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> R {
        // What plotters-canvas's `draw_text` does, setting only the context state that differs
        // from the last text's: a chart's labels share a few fonts and colours, and each string
        // set is copied out of the .wasm and parsed by the browser again (`font` above all).
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let degrees = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 90.0,
            FontTransform::Rotate180 => 180.0,
            FontTransform::Rotate270 => 270.0,
        };
        let (mut x, mut y) = (f64::from(pos.0), f64::from(pos.1));
        if degrees != 0.0 {
            self.ctx.save();
            let _ = self.ctx.translate(x, y);
            let _ = self.ctx.rotate(degrees / 180.0 * std::f64::consts::PI);
            (x, y) = (0.0, 0.0);
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        let font = font_of(style);
        let set = self.state.get_mut();
        if set.baseline != baseline {
            self.ctx.set_text_baseline(baseline);
            set.baseline = baseline;
        }
        if set.align != align {
            self.ctx.set_text_align(align);
            set.align = align;
        }
        // Compared before it is written out: most labels share the last label's colour.
        self.fill(color);
        if *self.font.get_mut() != font {
            self.ctx.set_font(&font);
            *self.font.get_mut() = font;
        }
        let drawn = self.ctx.fill_text(text, x, y);
        if degrees != 0.0 {
            // `restore` brings back the state from before `save`: set it anew next time.
            self.ctx.restore();
            self.forget_state();
        }
        match drawn {
            Ok(()) => Ok(()),
            Err(_) => Err(DrawingErrorKind::DrawingError(SurfaceError("the canvas could not draw a label".into()))),
        }
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<SurfaceError>> {
        let font = font_of(style);
        let key = format!("{font}\n{text}");
        let known = MEASURED.with(|m| m.borrow().get(&key).copied());
        let width = match known {
            Some(w) => w,
            None => {
                if *self.font.borrow() != font {
                    self.ctx.set_font(&font);
                    *self.font.borrow_mut() = font;
                }
                let w = self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
                MEASURED.with(|m| {
                    let mut m = m.borrow_mut();
                    if m.len() >= MEASURED_MAX {
                        *m = Map::new();
                    }
                    m.insert(key, w);
                });
                w
            }
        };
        // The layout's own measure (the static charts use it too), or the device's font where
        // that is wider: see `crate::text`.
        let (w, h) = crate::text::size_of(text, style);
        Ok((w.max(width.ceil() as u32), h))
    }
}

/// A drawing failure on either surface, as text.
#[derive(Debug)]
pub struct SurfaceError(String);

impl std::fmt::Display for SurfaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SurfaceError {}

fn lift<E: std::error::Error + Send + Sync>(e: DrawingErrorKind<E>) -> DrawingErrorKind<SurfaceError> {
    match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(SurfaceError(e.to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// The canvas, or (in the checker, for the SVG download) an SVG document: one backend type, so
/// the chart code is compiled once. The reader's module draws on the canvas only.
pub enum Surface<'a> {
    Canvas(MeasuredCanvas),
    #[cfg(feature = "checker")]
    Svg(crate::text::Measured<plotters::prelude::SVGBackend<'a>>),
    /// Never made (it cannot be): only carries the lifetime in the reader's module.
    #[cfg(not(feature = "checker"))]
    #[allow(dead_code)]
    None(std::convert::Infallible, std::marker::PhantomData<&'a ()>),
}

type SR = Result<(), DrawingErrorKind<SurfaceError>>;

/// Calls the same method on whichever backend this is, mapping its error.
macro_rules! both {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Surface::Canvas($b) => $call.map_err(lift),
            #[cfg(feature = "checker")]
            Surface::Svg($b) => $call.map_err(lift),
            #[cfg(not(feature = "checker"))]
            Surface::None(never, _) => match *never {},
        }
    };
}

impl DrawingBackend for Surface<'_> {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Surface::Canvas(b) => b.get_size(),
            #[cfg(feature = "checker")]
            Surface::Svg(b) => b.get_size(),
            #[cfg(not(feature = "checker"))]
            Surface::None(never, _) => match *never {},
        }
    }
    fn ensure_prepared(&mut self) -> SR {
        both!(self, b => b.ensure_prepared())
    }
    fn present(&mut self) -> SR {
        both!(self, b => b.present())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> SR {
        both!(self, b => b.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> SR {
        both!(self, b => b.draw_line(from, to, style))
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> SR {
        both!(self, b => b.draw_rect(ul, br, style, fill))
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> SR {
        both!(self, b => b.draw_path(path, style))
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> SR {
        both!(self, b => b.draw_circle(center, radius, style, fill))
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> SR {
        both!(self, b => b.fill_polygon(vert, style))
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> SR {
        both!(self, b => b.draw_text(text, style, pos))
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<SurfaceError>> {
        both!(self, b => b.estimate_text_size(text, style))
    }
}
