//! The two surfaces the browser draws charts on: the canvas, and SVG for downloads.
//!
//! [`MeasuredCanvas`] is plotters-canvas with text measured by the canvas itself.
//! plotters measures text on wasm by appending a `<span>` with a `style` attribute to the
//! document and reading its size: that forces a layout per label, and a strict
//! Content-Security-Policy (`style-src 'self'`) blocks the attribute, so labels would be
//! measured wrong. This wrapper answers `estimate_text_size` with `measureText()` on the
//! same 2D context that draws the text, and passes everything else to plotters-canvas.
//!
//! [`Surface`] puts both behind one type, so the chart code is compiled into the .wasm once
//! rather than once per backend (it is generic over `DrawingBackend`).

use crate::map::Map;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform};
use plotters_canvas::CanvasBackend;
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
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    /// The font last set on the context, for measuring or drawing text: the browser parses a
    /// font string each time it is set, and a chart's labels share a few fonts.
    font: std::cell::RefCell<String>,
    /// The rest of the text state last set (see `draw_text`).
    text_state: std::cell::RefCell<TextState>,
}

/// Text state as `draw_text` last set it on the context; empty is "not known".
#[derive(Default)]
struct TextState {
    baseline: &'static str,
    align: &'static str,
    /// The fill colour: plotters-canvas sets it too, to fill shapes, which empties it.
    fill: Option<((u8, u8, u8), f64)>,
}

/// The font string plotters-canvas sets before `fillText`; measuring uses the same.
fn font_of<T: BackendTextStyle>(style: &T) -> String {
    format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str())
}

impl MeasuredCanvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(MeasuredCanvas { inner: CanvasBackend::with_canvas_object(canvas.clone())?, ctx, font: Default::default(), text_state: Default::default() })
    }

    fn forget_state(&mut self) {
        self.font.get_mut().clear();
        *self.text_state.get_mut() = TextState::default();
    }

    /// plotters-canvas has set its own fill colour.
    fn forget_fill(&mut self) {
        self.text_state.get_mut().fill = None;
    }
}

type R = Result<(), DrawingErrorKind<SurfaceError>>;

// Errors are ours rather than plotters-canvas's: its type cannot be built outside it, and
// `draw_text` below fails on its own.
impl DrawingBackend for MeasuredCanvas {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> R {
        self.inner.ensure_prepared().map_err(lift)
    }
    fn present(&mut self) -> R {
        self.inner.present().map_err(lift)
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> R {
        self.forget_fill();
        self.inner.draw_pixel(point, color).map_err(lift)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R {
        self.inner.draw_line(from, to, style).map_err(lift)
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> R {
        self.forget_fill();
        self.inner.draw_rect(ul, br, style, fill).map_err(lift)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        self.inner.draw_path(path, style).map_err(lift)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> R {
        self.forget_fill();
        self.inner.draw_circle(center, radius, style, fill).map_err(lift)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> R {
        self.forget_fill();
        self.inner.fill_polygon(vert, style).map_err(lift)
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
        let set = self.text_state.get_mut();
        if set.baseline != baseline {
            self.ctx.set_text_baseline(baseline);
            set.baseline = baseline;
        }
        if set.align != align {
            self.ctx.set_text_align(align);
            set.align = align;
        }
        // Compared before it is written out: most labels share the last label's colour.
        if set.fill != Some((color.rgb, color.alpha)) {
            self.ctx.set_fill_style_str(&format!("rgba({},{},{},{})", color.rgb.0, color.rgb.1, color.rgb.2, color.alpha));
            set.fill = Some((color.rgb, color.alpha));
        }
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
