//! The frame loop: a frame is requested only while a transition runs, and each draws the
//! transition's layers on the canvas, timed for `make bench`.

use super::{Shared, Shell};
use crate::canvas::{MeasuredCanvas, Surface};
use crate::charts::{self, Theme};
use crate::drawn::Drawn;
use crate::view::Layer;
use plotters::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
/// Length of an animated transition, in milliseconds.
pub(super) const DURATION_MS: f64 = 550.0;

/// What `make bench` reads (see `Explainer::timings`): the time of the first frame, and the
/// last [`Timing::KEEP`] draw times in a ring, so that a long read never grows memory.
pub(super) struct Timing {
    /// Milliseconds spent in each `draw_frame` call; once full, `next` is the oldest.
    draws: Vec<f64>,
    next: usize,
    /// `performance.now()` at the end of the first frame drawn.
    first_frame: f64,
}

impl Timing {
    const KEEP: usize = 2048;

    pub(super) fn new() -> Timing {
        Timing { draws: Vec::with_capacity(Self::KEEP), next: 0, first_frame: 0.0 }
    }

    /// The first frame's end, then each draw's duration, oldest first.
    pub(super) fn flat(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(1 + self.draws.len());
        out.push(self.first_frame);
        out.extend_from_slice(&self.draws[self.next..]);
        out.extend_from_slice(&self.draws[..self.next]);
        out
    }

    pub(super) fn record(&mut self, ms: f64) {
        if self.draws.len() < Self::KEEP {
            self.draws.push(ms);
        } else {
            self.draws[self.next] = ms;
            self.next = (self.next + 1) % Self::KEEP;
        }
    }
}

pub(super) fn request_frame(shared: &Shared) {
    let mut s = shared.borrow_mut();
    if s.raf.is_some() {
        return;
    }
    let id = match &s.tick {
        Some(f) => s.window.request_animation_frame(f.as_ref().unchecked_ref()).ok(),
        None => None,
    };
    s.raf = id;
}

pub(super) fn on_frame(shared: &Shared, now: f64) {
    let mut s = shared.borrow_mut();
    s.raf = None;
    let (layers, more) = match s.anim.as_mut() {
        Some(a) => {
            let start = *a.start.get_or_insert(now - 1000.0 / 60.0);
            let t = ((now - start) / DURATION_MS).min(1.0);
            a.last_t = t;
            (a.transition.frame(t), t < 1.0)
        }
        None => (vec![Layer { view: s.shown.clone(), opacity: 1.0 }], false),
    };
    s.draw(&layers);
    if !more {
        s.anim = None;
        let _ = s.root.set_attribute("data-lifeline-state", "still");
    }
    drop(s);
    if more {
        request_frame(shared);
    }
}

/// Draws `layers` on `canvas`: the one place a chart meets a canvas, the reader's or the one
/// `Explainer::warm` draws on out of sight (one copy of the drawing code for both). None when
/// the canvas has no 2D context.
#[inline(never)]
pub(super) fn paint(canvas: &HtmlCanvasElement, story: &Drawn, layers: &[Layer], theme: &Theme) -> Option<Result<Vec<charts::Mark>, charts::DrawError>> {
    let backend = MeasuredCanvas::new(canvas).map(Surface::Canvas)?;
    Some(charts::draw_frame_marks(&backend.into_drawing_area(), &story.cx(), &story.scenes(layers), theme))
}

impl Shell {
    pub(super) fn now(&self) -> f64 {
        self.window.performance().map(|p| p.now()).unwrap_or(0.0)
    }

    pub(super) fn draw(&mut self, layers: &[Layer]) {
        let theme = match self.theme.take() {
            Some(t) if t.scale == self.scale => t,
            _ => self.story.chart_theme(self.setting("data-theme", "dark", "(prefers-color-scheme: dark)"), self.scale),
        };
        let start = self.now();
        match paint(&self.canvas, &self.story, layers, &theme) {
            None => {
                self.theme = Some(theme);
                return;
            }
            Some(Ok(marks)) => self.marks = marks,
            Some(Err(e)) => {
                self.marks.clear();
                web_sys::console::error_1(&format!("drawing failed: {}", e.0).into());
            }
        }
        let end = self.now();
        self.theme = Some(theme);
        self.timing.record(end - start);
        if self.frames == 0 {
            self.timing.first_frame = end;
        }
        self.frames += 1;
        let _ = self.root.set_attribute("data-lifeline-frames", &self.frames.to_string());
    }
}
