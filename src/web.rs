//! The browser shell: a canvas, the reader's scroll, resizes and animation frames.
//!
//! It holds no logic of its own: which view a step asks for comes from [`crate::story`],
//! how a frame looks from [`crate::charts`]. It only decides *when* to draw. Steps are
//! noticed by an IntersectionObserver (no scroll listener, no polling); the active step is
//! then read from the layout, so a fast scroll, a reload half-way down or a `#anchor` jump
//! goes straight to its step. A frame is requested only while a transition runs.
//!
//! This file is the API the page's script calls ([`Explainer`]) and the state it keeps
//! (`Shell`); its parts: `source` reads the data file's text, `page` reads the steps and
//! writes what the page says (status, figures, description, source line, data table),
//! `scroll` follows the reader (the trigger line, its observers, the canvas's size), and
//! `frames` runs the animation frames and draws them.

#[cfg(feature = "checker")]
mod check;
mod frames;
mod page;
#[cfg(not(feature = "checker"))]
mod reader;
mod scroll;
#[cfg(feature = "checker")]
mod source;

use crate::charts::{self, Theme};
use crate::drawn::Drawn;
use crate::view::{Layer, Transition, View};
use frames::{on_frame, paint, Timing};
use scroll::{follow_scroll, observe_boxed, observe_line, resize, trigger_line};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, IntersectionObserver, ResizeObserver, Window};

struct Step {
    el: Element,
    view: View,
}

struct Anim {
    transition: Transition,
    /// Set on the first frame, so the first frame after a step enters already shows change.
    start: Option<f64>,
    last_t: f64,
}

struct Shell {
    window: Window,
    root: Element,
    canvas: HtmlCanvasElement,
    /// The story as drawn: compiled by the build (the reader's module) or from the data file
    /// in the browser (the checker's).
    story: Drawn,
    steps: Vec<Step>,
    active: Option<usize>,
    shown: View,
    anim: Option<Anim>,
    raf: Option<i32>,
    tick: Option<Closure<dyn FnMut(f64)>>,
    scale: f64,
    frames: u32,
    /// The host page's viewport (top, height) in this document's coordinates, when an iframe
    /// is sized to its content and the host relays where the reader is (see www/frame.js).
    relayed: Option<(f64, f64)>,
    timing: Timing,
    /// The marks of the chart as last drawn settled (none while it moves): what a pointer or
    /// the arrow keys can read.
    marks: Vec<charts::Mark>,
    /// The colours last drawn with, kept between frames (built from the data file's theme);
    /// dropped when the reader's theme or the pixel ratio changes.
    theme: Option<Theme>,
    /// The observers of the trigger line, rebuilt when the line moves (a new viewport height
    /// or offset): the steps', and the story's two edges (see `Explainer::new`).
    observers: Vec<IntersectionObserver>,
    /// The line (CSS pixels from the viewport's top) and viewport height they were built for.
    observed_line: (f64, f64),
    on_intersect: Option<js_sys::Function>,
}

type Shared = Rc<RefCell<Shell>>;

/// A running explainer. Dropping it (or calling `destroy`) releases its observers and frames.
#[wasm_bindgen]
pub struct Explainer {
    shell: Shared,
    ro: ResizeObserver,
    _on_intersect: Closure<dyn FnMut(js_sys::Array)>,
    _on_resize: Closure<dyn FnMut(js_sys::Array)>,
}

fn js_err(msg: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&msg.to_string()).into()
}

impl Shell {
    /// A shell at rest on the first step's chart, before anything is drawn or observed.
    fn new(window: Window, root: Element, canvas: HtmlCanvasElement, story: Drawn, steps: Vec<Step>) -> Shell {
        let shown = steps[0].view.clone();
        Shell {
            window,
            root,
            canvas,
            story,
            steps,
            active: None,
            shown,
            anim: None,
            raf: None,
            tick: None,
            scale: 1.0,
            frames: 0,
            relayed: None,
            timing: Timing::new(),
            marks: Vec::new(),
            theme: None,
            observers: Vec::new(),
            observed_line: (f64::NAN, f64::NAN),
            on_intersect: None,
        }
    }
}

impl Explainer {
    /// Starts the explainer inside `root` on `story`, one of its steps for each element of
    /// `steps`: finds the step the reader is at, sizes the canvas, draws, and observes.
    fn start(root: Element, story: Drawn, steps: Vec<Step>) -> Result<Explainer, JsValue> {
        let window = web_sys::window().ok_or_else(|| js_err("no window"))?;
        let canvas: HtmlCanvasElement = root
            .query_selector("canvas.lifeline-canvas")?
            .ok_or_else(|| js_err("no <canvas class=\"lifeline-canvas\"> inside the explainer"))?
            .dyn_into()
            .map_err(|_| js_err("lifeline-canvas is not a canvas"))?;
        if steps.is_empty() {
            return Err(js_err("no steps ([data-step]) inside the explainer"));
        }
        let shell = Rc::new(RefCell::new(Shell::new(window, root.clone(), canvas.clone(), story, steps)));
        let weak = Rc::downgrade(&shell);
        shell.borrow_mut().tick = Some(Closure::new(move |now: f64| {
            if let Some(s) = weak.upgrade() {
                on_frame(&s, now);
            }
        }));

        let weak = Rc::downgrade(&shell);
        let on_intersect = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            if let Some(s) = weak.upgrade() {
                follow_scroll(&s);
            }
        });
        shell.borrow_mut().on_intersect = Some(on_intersect.as_ref().unchecked_ref::<js_sys::Function>().clone());

        let weak: Weak<RefCell<Shell>> = Rc::downgrade(&shell);
        let on_resize = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| {
            if let Some(s) = weak.upgrade() {
                resize(&s);
            }
        });
        let ro = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;

        // Live before the first paint: the page's live layout (the note under the chart gone, the
        // controls shown) sizes the canvas, so the first frame is not drawn at a size about to
        // change and drawn again.
        root.class_list().add_1("is-live")?;
        // First paint: find the step the reader is already at, then size the canvas and draw it.
        follow_scroll(&shell);
        resize(&shell);
        observe_line(&shell);
        // The device-pixel box changes with the pixel ratio too (zoom, another monitor). WebKit
        // (Safari, every iPhone browser) has no such box and throws a TypeError: there the
        // content box is observed, and `resize` still sizes the canvas from its CSS box times
        // `devicePixelRatio`, so it stays crisp; a pixel-ratio change alone then waits for the
        // next resize.
        let ro_opts = web_sys::ResizeObserverOptions::new();
        ro_opts.set_box(web_sys::ResizeObserverBoxOptions::DevicePixelContentBox);
        if observe_boxed(&ro, &canvas, &ro_opts).is_err() {
            ro.observe(&canvas);
        }
        // The story's height follows the viewport's (its spacing is in viewport heights): a new
        // viewport height moves the trigger line even where the chart keeps its size.
        ro.observe(&root);
        Ok(Explainer { shell, ro, _on_intersect: on_intersect, _on_resize: on_resize })
    }
}

#[wasm_bindgen]
impl Explainer {
    /// The id of the chart on screen (the reader's module names the page's table by it).
    #[wasm_bindgen(getter)]
    pub fn chart(&self) -> String {
        self.shell.borrow().shown.chart.clone()
    }

    /// The title of the chart the active step shows, in the page's language: the data panel
    /// and its button are named after it.
    #[wasm_bindgen(getter, js_name = chartTitle)]
    pub fn chart_title(&self) -> String {
        let s = self.shell.borrow();
        let id = s.active.map_or(&s.shown.chart, |i| &s.steps[i].view.chart);
        s.story.chart(id).map(|c| c.title.clone()).unwrap_or_default()
    }

    /// A file name (without extension) for the active chart's downloads.
    #[wasm_bindgen(getter, js_name = fileStem)]
    pub fn file_stem(&self) -> String {
        format!("lifeline-{}", self.shell.borrow().shown.chart)
    }

    /// Redraws the chart as it stands, after the reader changed the theme.
    pub fn redraw(&self) {
        let mut s = self.shell.borrow_mut();
        s.theme = None;
        if s.anim.is_none() {
            let layers = vec![Layer { view: s.shown.clone(), opacity: 1.0 }];
            s.draw(&layers);
        }
    }

    /// Warms the browser for the chart of step `i`: draws it once on `spare`, a canvas the
    /// reader never sees, sized like the real one, so its fonts, glyphs and drawing code are
    /// ready before the reader gets there; otherwise they cost one long task in the middle of
    /// that transition on a slow phone. Called in idle time after the first chart, for the
    /// first step of each kind of chart (www/lifeline.js); false if there is no such step (or
    /// nothing has been drawn yet).
    pub fn warm(&self, i: usize, spare: &HtmlCanvasElement) -> bool {
        let s = self.shell.borrow();
        let (Some(step), Some(theme)) = (s.steps.get(i), s.theme.as_ref()) else { return false };
        let _ = paint(spare, &s.story, &[Layer { view: step.view.clone(), opacity: 1.0 }], theme);
        true
    }

    /// The trigger line in viewport CSS pixels: the page and the script embed bring a step to
    /// it (just above it) when they scroll to the step, so a step asked for is the step shown.
    #[wasm_bindgen(js_name = triggerLine)]
    pub fn trigger_line(&self) -> f64 {
        observe_line(&self.shell);
        trigger_line(&self.shell.borrow())
    }

    /// Where the host page's viewport is, in this document's CSS pixels (top, height): for an
    /// iframe sized to its content, whose own viewport is the whole story. Steps then follow
    /// the host's scroll rather than the iframe's.
    #[wasm_bindgen(js_name = setViewport)]
    pub fn set_viewport(&self, top: f64, height: f64) {
        if !(top.is_finite() && height.is_finite() && height > 0.0) {
            return;
        }
        self.shell.borrow_mut().relayed = Some((top, height));
        follow_scroll(&self.shell);
    }

    /// For `make bench`: `[when the first frame ended, then each draw's duration…]`, in
    /// milliseconds of `performance.now()`; one flat array, so no serialiser is needed.
    pub fn timings(&self) -> Vec<f64> {
        self.shell.borrow().timing.flat()
    }

    /// The mark under a point of the canvas (CSS pixels from its top left): the one whose box
    /// holds it, else the nearest within 12 px; -1 when there is none (or the chart is moving).
    #[wasm_bindgen(js_name = markAt)]
    pub fn mark_at(&self, x: f64, y: f64) -> i32 {
        let s = self.shell.borrow();
        let dist = |m: &charts::Mark| {
            let dx = (m.rect[0] - x).max(x - m.rect[2]).max(0.0);
            let dy = (m.rect[1] - y).max(y - m.rect[3]).max(0.0);
            dx.hypot(dy)
        };
        // The last drawn is on top.
        let best = s.marks.iter().enumerate().rev().map(|(i, m)| (i, dist(m))).min_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((i, d)) if d <= 12.0 => i as i32,
            _ => -1,
        }
    }

    /// How many marks the chart on screen has (0 while it moves).
    #[wasm_bindgen(getter, js_name = markCount)]
    pub fn mark_count(&self) -> usize {
        self.shell.borrow().marks.len()
    }

    /// Mark `i`: `[left, top, right, bottom]` in CSS pixels of the canvas.
    #[wasm_bindgen(js_name = markRect)]
    pub fn mark_rect(&self, i: usize) -> Vec<f64> {
        self.shell.borrow().marks.get(i).map(|m| m.rect.to_vec()).unwrap_or_default()
    }

    /// Mark `i` in words, one line each: its series or row, where it sits and its value, and
    /// the chart's units.
    #[wasm_bindgen(js_name = markText)]
    pub fn mark_text(&self, i: usize) -> String {
        let s = self.shell.borrow();
        let Some(m) = s.marks.get(i) else { return String::new() };
        let at = match (m.at.is_empty(), m.value.is_empty()) {
            (true, _) => m.value.clone(),
            (false, true) => m.at.clone(),
            (false, false) => format!("{}: {}", m.at, m.value),
        };
        format!("{}\n{}\n{}", m.name, at, m.units)
    }

    /// Index of the active step.
    #[wasm_bindgen(getter)]
    pub fn step(&self) -> usize {
        self.shell.borrow().active.unwrap_or(0)
    }

    /// Stops observing and cancels any pending frame.
    pub fn destroy(&self) {
        self.ro.disconnect();
        let mut s = self.shell.borrow_mut();
        for o in s.observers.drain(..) {
            o.disconnect();
        }
        if let Some(id) = s.raf.take() {
            let _ = s.window.cancel_animation_frame(id);
        }
        s.anim = None;
    }
}

impl Drop for Explainer {
    fn drop(&mut self) {
        self.destroy();
    }
}
