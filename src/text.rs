//! How wide a label is: the one text measurement every chart surface lays out with.
//!
//! The charts ask for Arial or one of its metric twins ([`FONT`]), fonts whose letters share
//! Arial's widths, and measure text with those widths (`widths.rs`, derived from Liberation
//! Sans by `scripts/derive_metrics.py`). So the static SVGs (no-JavaScript page, print,
//! downloads), the label tests and the live canvas wrap and place every label alike, without
//! shipping a web font: SVGs shown as images cannot load one, and Liberation Sans subset to
//! ISO 8859-1 without hinting measures 20.6 KB as WOFF2 for two weights, against the byte
//! budgets (docs/performance.md). The canvas takes the wider of this measure and its own, so a
//! reader whose device substitutes a wider font still gets
//! labels that fit.

use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle};

// Written by scripts/derive_metrics.py, in its own layout (`make test` checks it is what the script writes).
#[rustfmt::skip]
mod widths;

/// The chart font: Arial, then fonts with the same widths (Linux, ChromeOS, macOS), then any.
pub const FONT: &str = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif";

/// Thousandths of an em for a character: from the font's table, else a full em (wide enough
/// for any glyph a fallback font might draw).
fn advance(c: char, bold: bool) -> u16 {
    let (table, extra) = if bold { (&widths::BOLD, &widths::BOLD_EXTRA) } else { (&widths::REGULAR, &widths::REGULAR_EXTRA) };
    let cp = c as u32;
    let i = match cp {
        0x20..=0x7E => Some(cp - 0x20),
        0xA0..=0xFF => Some(cp - 0xA0 + 95),
        _ => None,
    };
    match i {
        Some(i) => table[i as usize],
        None => extra.iter().find(|(k, _)| *k == c).map(|(_, w)| *w).unwrap_or(1000),
    }
}

/// The width of `text` set at `size` pixels, in pixels.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let units: u32 = text.chars().map(|c| advance(c, bold) as u32).sum();
    units as f64 * size / 1000.0
}

/// The box plotters lays a label out in: (width, height) in whole pixels.
pub fn size_of<T: BackendTextStyle>(text: &str, style: &T) -> (u32, u32) {
    let bold = matches!(style.style(), FontStyle::Bold);
    (width(text, style.size(), bold).ceil() as u32, style.size().ceil() as u32)
}

/// Any plotters backend, with text measured by [`width`] rather than the backend's own guess
/// (plotters' SVG backend, built without font support, estimates every glyph alike).
pub struct Measured<B>(pub B);

impl<B: DrawingBackend> DrawingBackend for Measured<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(&mut self, ul: BackendCoord, br: BackendCoord, style: &S, fill: bool) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_rect(ul, br, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Result<(), DrawingErrorKind<B::ErrorType>> {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Result<(u32, u32), DrawingErrorKind<B::ErrorType>> {
        Ok(size_of(text, style))
    }
}

/// `s` in lower case, for ASCII letters and those of ISO 8859-1 (what the width table covers); other
/// characters are kept. Written by hand: `str::to_lowercase` brings Unicode's case tables into
/// the .wasm (11 KB gzip).
pub fn lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'A'..='Z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => char::from_u32(c as u32 + 32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// `template` with each `{slot}` replaced by its value, in one pass, so a value that itself
/// holds "{x}" is never filled again; a slot without a value stays as written.
pub fn fill_template(template: &str, slots: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').and_then(|close| slots.iter().find(|(k, _)| *k == &after[..close]).map(|(_, v)| (close, v))) {
            Some((close, v)) => {
                out.push_str(v);
                rest = &after[close + 1..];
                // An English possessive of a name that ends in s takes the apostrophe alone:
                // "the Jones' share", not "the Jones's share".
                if v.ends_with(['s', 'S']) {
                    for mark in ["'s", "\u{2019}s"] {
                        if rest.strip_prefix(mark).is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric())) {
                            out.push_str(&mark[..mark.len() - 1]);
                            rest = &rest[mark.len()..];
                        }
                    }
                }
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
