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

use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind};
use plotters::prelude::SVGBackend;
use plotters_canvas::CanvasBackend;
use crate::text::Measured;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct MeasuredCanvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    /// The font last set for measuring, while nothing else has set one: the browser parses a
    /// font string each time it is set, and wrapped text measures many strings in one font.
    font: std::cell::RefCell<String>,
}

impl MeasuredCanvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<MeasuredCanvas> {
        let ctx = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(MeasuredCanvas { inner: CanvasBackend::with_canvas_object(canvas.clone())?, ctx, font: Default::default() })
    }
}

/// plotters-canvas does not export its error type by name.
type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type R = Result<(), DrawingErrorKind<CanvasError>>;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> R {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> R {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> R {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> R {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> R {
        self.inner.draw_rect(ul, br, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> R {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> R {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> R {
        self.inner.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> R {
        // plotters-canvas sets its own font to draw (and restores the context after rotated
        // text): forget ours, so the next measurement sets it again.
        self.font.get_mut().clear();
        self.inner.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        // The same font string plotters-canvas sets before fillText.
        let font = format!("{} {}px {}", style.style().as_str(), style.size(), style.family().as_str());
        if *self.font.borrow() != font {
            self.ctx.set_font(&font);
            *self.font.borrow_mut() = font;
        }
        let width = self.ctx.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
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

pub enum Surface<'a> {
    Canvas(MeasuredCanvas),
    Svg(Measured<SVGBackend<'a>>),
}

type SR = Result<(), DrawingErrorKind<SurfaceError>>;

/// Calls the same method on whichever backend this is, mapping its error.
macro_rules! both {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Surface::Canvas($b) => $call.map_err(lift),
            Surface::Svg($b) => $call.map_err(lift),
        }
    };
}

impl DrawingBackend for Surface<'_> {
    type ErrorType = SurfaceError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Surface::Canvas(b) => b.get_size(),
            Surface::Svg(b) => b.get_size(),
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
