//! The browser shell: a canvas, the reader's scroll, resizes and animation frames.
//!
//! It holds no logic of its own: which view a step asks for comes from [`crate::story`],
//! how a frame looks from [`crate::charts`]. It only decides *when* to draw. Steps are
//! noticed by an IntersectionObserver (no scroll listener, no polling); the active step is
//! then read from the layout, so a fast scroll, a reload half-way down or a `#anchor` jump
//! goes straight to its step. A frame is requested only while a transition runs.

use crate::canvas::{MeasuredCanvas, Surface};
use crate::charts::table::Table;
use crate::charts::{self, Theme};
use crate::data::{load, too_big, unusable, Dataset, MAX_BYTES};
use crate::msg::DataError;
use crate::spec::{SectionSource, Source};
use crate::story::{StepAttrs, StepSpec};
use crate::view::{Layer, Transition, View};
use crate::{access, export};
use plotters::prelude::*;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, IntersectionObserver, IntersectionObserverInit, ResizeObserver, Window};

/// `ResizeObserver.observe(target, options)`, its exception returned: web-sys's binding does
/// not catch, and a TypeError thrown through the wasm would leave the explainer half built.
fn observe_boxed(ro: &ResizeObserver, target: &Element, options: &web_sys::ResizeObserverOptions) -> Result<JsValue, JsValue> {
    let observe: js_sys::Function = js_sys::Reflect::get(ro, &JsValue::from_str("observe"))?.dyn_into()?;
    observe.call2(ro, target, options)
}

/// Length of an animated transition, in milliseconds.
const DURATION_MS: f64 = 550.0;

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
    data: Dataset,
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

/// What `make bench` reads (see `Explainer::timings`): the time of the first frame, and the
/// last [`Timing::KEEP`] draw times in a ring, so that a long read never grows memory.
struct Timing {
    /// Milliseconds spent in each `draw_frame` call; once full, `next` is the oldest.
    draws: Vec<f64>,
    next: usize,
    /// `performance.now()` at the end of the first frame drawn.
    first_frame: f64,
}

impl Timing {
    const KEEP: usize = 2048;

    fn record(&mut self, ms: f64) {
        if self.draws.len() < Self::KEEP {
            self.draws.push(ms);
        } else {
            self.draws[self.next] = ms;
            self.next = (self.next + 1) % Self::KEEP;
        }
    }
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

/// The data file in the explainer's language (`data-lang`: an edition of the same figures in
/// other words), with its problems written in that language.
fn read_data(root: &Element, text: &str, file: &str) -> (Dataset, Vec<String>) {
    let (data, errors) = parse(file, text);
    // A page in a language its data file has no edition of (each edition's page has its own file
    // in dist/, see scripts/editions.py) would get the file's own words: say so.
    let mut missing = None;
    let data = match root.get_attribute("data-lang") {
        Some(lang) => {
            if !data.editions.contains_key(&lang) && !data.broken.contains_key("editions") {
                missing = Some(crate::msg!("no_edition", "has no \"{lang}\" edition (editions.{lang}): the charts keep the file's own words", lang = lang));
            }
            data.in_language(&lang)
        }
        None => data,
    };
    // In the explainer's language: the edition's words have the messages' templates.
    let mut problems: Vec<String> = errors.iter().map(|e| e.in_words(&data.words)).collect();
    if let Some(m) = missing {
        problems.push(format!("{file} {}", m.in_words(&data.words)));
    }
    (data, problems)
}

/// Every step (`[data-step]`) under `root` with the chart state it asks for. A step whose
/// attributes are wrong falls back to the previous step's chart, dimmed, and says why.
fn read_steps(root: &Element, data: &Dataset, problems: &mut Vec<String>) -> Result<Vec<Step>, JsValue> {
    let mut steps: Vec<Step> = Vec::new();
    let nodes = root.query_selector_all("[data-step]")?;
    for i in 0..nodes.length() {
        let Some(el) = nodes.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let id = el.id();
        let attrs = StepAttrs {
            chart: el.get_attribute("data-chart"),
            highlight: el.get_attribute("data-highlight"),
            dim: el.has_attribute("data-dim"),
            window: el.get_attribute("data-window"),
            annotate: el.get_attribute("data-annotate"),
            id: id.clone(),
        };
        let view = match StepSpec::from_attrs(&attrs).and_then(|spec| View::for_step(&spec, data, &id)) {
            Ok(v) => v,
            Err(e) => {
                problems.push(e.0.in_words(&data.words));
                // Before any step, the story's first chart (its title card, as a rule).
                let first = || View {
                    chart: data.chart_ids().into_iter().next().unwrap_or_default(),
                    emphasis: vec![],
                    dim: 0.0,
                    grow: 1.0,
                    window: None,
                    annotate: vec![],
                };
                steps.last().map(|s| View { dim: 1.0, ..s.view.clone() }).unwrap_or_else(first)
            }
        };
        steps.push(Step { el, view });
    }
    Ok(steps)
}

/// Shows the data's and the page's problems in `.lifeline-status` and the console.
fn report(root: &Element, problems: &[String]) -> Result<(), JsValue> {
    if problems.is_empty() {
        return Ok(());
    }
    for p in problems {
        web_sys::console::error_1(&p.into());
    }
    if let Some(status) = root.query_selector(".lifeline-status")? {
        status.set_text_content(Some(&problems.join("\n")));
    }
    Ok(())
}

impl Shell {
    /// A shell at rest on the first step's chart, before anything is drawn or observed.
    fn new(window: Window, root: Element, canvas: HtmlCanvasElement, data: Dataset, steps: Vec<Step>) -> Shell {
        let shown = steps[0].view.clone();
        Shell {
            window,
            root,
            canvas,
            data,
            steps,
            active: None,
            shown,
            anim: None,
            raf: None,
            tick: None,
            scale: 1.0,
            frames: 0,
            relayed: None,
            timing: Timing { draws: Vec::with_capacity(Timing::KEEP), next: 0, first_frame: 0.0 },
            marks: Vec::new(),
            theme: None,
            observers: Vec::new(),
            observed_line: (f64::NAN, f64::NAN),
            on_intersect: None,
        }
    }
}

#[wasm_bindgen]
impl Explainer {
    /// Starts the explainer inside `root`: it reads the steps (`[data-step]`) and the canvas
    /// (`canvas.lifeline-canvas`) under it. `text` is the data file's content and `file`
    /// names it in messages. Broken data never stops the story: each problem is shown in
    /// `.lifeline-status`, and the charts that need broken data explain instead of drawing.
    #[wasm_bindgen(constructor)]
    pub fn new(root: Element, text: &str, file: &str) -> Result<Explainer, JsValue> {
        let window = web_sys::window().ok_or_else(|| js_err("no window"))?;
        let (data, mut problems) = read_data(&root, text, file);
        let canvas: HtmlCanvasElement = root
            .query_selector("canvas.lifeline-canvas")?
            .ok_or_else(|| js_err("no <canvas class=\"lifeline-canvas\"> inside the explainer"))?
            .dyn_into()
            .map_err(|_| js_err("lifeline-canvas is not a canvas"))?;
        let steps = read_steps(&root, &data, &mut problems)?;
        bind_figures(&root, &data, &mut problems)?;
        if steps.is_empty() {
            return Err(js_err("no steps ([data-step]) inside the explainer"));
        }
        report(&root, &problems)?;
        let shell = Rc::new(RefCell::new(Shell::new(window, root.clone(), canvas.clone(), data, steps)));
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
        root.class_list().add_1("is-live")?;
        Ok(Explainer { shell, ro, _on_intersect: on_intersect, _on_resize: on_resize })
    }

    /// The active chart's figures as CSV (empty for the title card or broken data).
    pub fn csv(&self) -> String {
        let s = self.shell.borrow();
        export::csv(&s.data, &s.shown.chart).unwrap_or_default()
    }

    /// The active chart as an SVG document, drawn by the same code as the canvas.
    pub fn svg(&self) -> String {
        let s = self.shell.borrow();
        let r = s.canvas.get_bounding_client_rect();
        let size = ((r.width().round() as u32).clamp(200, 4000), (r.height().round() as u32).clamp(150, 4000));
        let mut out = String::new();
        {
            let area = Surface::Svg(crate::text::Measured(plotters::prelude::SVGBackend::with_string(&mut out, size))).into_drawing_area();
            let _ = charts::draw_view(&area, &s.data.cx(), s.data.scene(&s.shown), &s.data.chart_theme(false, 1.0));
            let _ = area.present();
        }
        out
    }

    /// The title of the chart the active step shows, in the page's language: the data panel
    /// and its button are named after it.
    #[wasm_bindgen(getter, js_name = chartTitle)]
    pub fn chart_title(&self) -> String {
        let s = self.shell.borrow();
        let id = s.active.map_or(&s.shown.chart, |i| &s.steps[i].view.chart);
        s.data.chart(id).map(|c| c.title.clone()).unwrap_or_default()
    }

    /// A file name (without extension) for the active chart's downloads.
    #[wasm_bindgen(getter, js_name = fileStem)]
    pub fn file_stem(&self) -> String {
        format!("lifeline-{}", self.shell.borrow().shown.chart)
    }

    /// Fills the data panel's table for the chart on screen: called as the panel opens.
    #[wasm_bindgen(js_name = showTable)]
    pub fn show_table(&self) {
        let s = self.shell.borrow();
        s.fill_table(&s.shown.chart);
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
        let _ = paint(spare, &s.data, &[Layer { view: step.view.clone(), opacity: 1.0 }], theme);
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
        let s = self.shell.borrow();
        let t = &s.timing;
        let mut out = Vec::with_capacity(1 + t.draws.len());
        out.push(t.first_frame);
        out.extend_from_slice(&t.draws[t.next..]);
        out.extend_from_slice(&t.draws[..t.next]);
        out
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

/// A parsed JSON object as a source of data sections.
struct JsSource(js_sys::Object);

impl SectionSource for JsSource {
    fn keys(&self) -> Vec<String> {
        js_sys::Object::keys(&self.0).iter().filter_map(|k| k.as_string()).collect()
    }
    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Result<T, (String, String)>> {
        if !js_sys::Object::has_own(&self.0, &key.into()) {
            return None;
        }
        let v = js_sys::Reflect::get(&self.0, &key.into()).ok()?;
        Some(from_js(v))
    }
    fn count(&self, key: &str) -> Option<usize> {
        let v = js_sys::Reflect::get(&self.0, &key.into()).ok()?;
        js_sys::Array::is_array(&v).then(|| js_sys::Array::from(&v).length() as usize)
    }
    fn at<T: DeserializeOwned>(&self, key: &str, index: usize, field: Option<&str>) -> Option<Result<T, (String, String)>> {
        let list = js_sys::Reflect::get(&self.0, &key.into()).ok().filter(js_sys::Array::is_array)?;
        let v = js_sys::Array::from(&list).get(index as u32);
        let v = match field {
            Some(f) if v.is_object() => js_sys::Reflect::get(&v, &f.into()).ok()?,
            Some(_) => return None,
            None => v,
        };
        (!v.is_undefined()).then(|| from_js(v))
    }
}

/// Deserialises a parsed JSON value. Without serde_path_to_error: it would add about 11 KB
/// (gzip) to the .wasm. The message names the section and quotes the bad value; `make
/// check-data` (and `make dist`, which refuses such a file) give the exact field.
fn from_js<T: DeserializeOwned>(v: JsValue) -> Result<T, (String, String)> {
    T::deserialize(serde_wasm_bindgen::Deserializer::from(v)).map_err(|e| (String::new(), format!("{e} (`make check-data` names the exact field)")))
}

/// Parses the data file's text: the browser's JSON parser, then serde section by section.
fn parse(file: &str, text: &str) -> (Dataset, Vec<DataError>) {
    if text.len() > MAX_BYTES {
        return unusable(file, too_big(text.len()));
    }
    match js_sys::JSON::parse(text) {
        Err(e) => {
            let msg = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
            unusable(file, crate::msg!("not_json", "is not valid JSON: {detail}", detail = msg))
        }
        Ok(v) if v.is_object() && !js_sys::Array::is_array(&v) => {
            let (mut data, mut errors) = load(file, &JsSource(v.unchecked_into()));
            errors.extend(crate::figures::check_measured(&mut data, file));
            (data, errors)
        }
        Ok(_) => unusable(file, crate::msg!("not_object", "is not a JSON object")),
    }
}

/// Rewrites every `[data-figure]` under `root` from the data, so the prose follows the figures.
fn bind_figures(root: &Element, data: &Dataset, problems: &mut Vec<String>) -> Result<(), JsValue> {
    let nodes = root.query_selector_all("[data-figure]")?;
    for i in 0..nodes.length() {
        let Some(el) = nodes.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else { continue };
        let key = el.get_attribute("data-figure").unwrap_or_default();
        match crate::figures::figure(data, &key) {
            // The built page already holds the figures (`make dist` checks them): write only
            // what differs, so an unchanged page is not laid out again before the first frame.
            Ok(v) => {
                if key.starts_with("verdict:") {
                    let verdict = crate::charts::verdict::verdict_code(&data.words, &v);
                    if el.get_attribute("data-verdict").as_deref() != Some(verdict) {
                        let _ = el.set_attribute("data-verdict", verdict);
                    }
                }
                if el.text_content().as_deref() != Some(v.as_str()) {
                    el.set_text_content(Some(&v));
                }
            }
            // With broken data the printed figure stays; its problem is already listed.
            Err(e) if data.broken.is_empty() => problems.push(format!("data-figure \"{key}\": {e}")),
            Err(_) => {}
        }
    }
    Ok(())
}

/// Writes the chart's source as text and a link (http and https links only): briefly under
/// the chart, in full with its caveat in the data panel.
fn show_source(root: &Element, src: &Source) {
    let safe = src.url.starts_with("https://") || src.url.starts_with("http://");
    let fill = |selector: &str, link_text: &str, tail: &str| {
        let Ok(Some(el)) = root.query_selector(selector) else { return };
        let Some(doc) = el.owner_document() else { return };
        el.set_text_content(Some("Source: "));
        match doc.create_element("a") {
            Ok(a) if safe => {
                let _ = a.set_attribute("href", &src.url);
                a.set_text_content(Some(link_text));
                let _ = el.append_child(&a);
            }
            _ => {
                let _ = el.append_with_str_1(link_text);
            }
        }
        let _ = el.append_with_str_1(tail);
    };
    let mut tail = format!(" ({}).", src.vintage);
    if !src.note.is_empty() {
        tail.push(' ');
        tail.push_str(&src.note);
    }
    fill(".lifeline-source-full", &src.name(), &tail);
}

/// Builds a data table with DOM calls and text nodes only (never markup from the data).
fn render_table(parent: &Element, t: &Table) -> Result<(), JsValue> {
    let doc = parent.owner_document().ok_or_else(|| js_err("no document"))?;
    let el = |tag: &str, text: Option<&str>| -> Result<Element, JsValue> {
        let e = doc.create_element(tag)?;
        if let Some(text) = text {
            e.set_text_content(Some(text));
        }
        Ok(e)
    };
    let table = el("table", None)?;
    let caption = el("caption", Some(&t.caption))?;
    table.append_child(&caption)?;
    let head = el("thead", None)?;
    let tr = el("tr", None)?;
    for h in &t.headers {
        let th = el("th", Some(h))?;
        th.set_attribute("scope", "col")?;
        tr.append_child(&th)?;
    }
    head.append_child(&tr)?;
    table.append_child(&head)?;
    let body = el("tbody", None)?;
    for r in &t.rows {
        let tr = el("tr", None)?;
        for (i, c) in r.iter().enumerate() {
            let cell = el(if i == 0 { "th" } else { "td" }, Some(c))?;
            if i == 0 {
                cell.set_attribute("scope", "row")?;
            }
            tr.append_child(&cell)?;
        }
        body.append_child(&tr)?;
    }
    table.append_child(&body)?;
    parent.append_child(&table)?;
    Ok(())
}

/// The trigger line, in this document's viewport coordinates (CSS pixels from the top): in
/// an iframe sized to its content, within the host's viewport as relayed (the helper leaves
/// out the host's fixed header, so it is already offset); otherwise within this window's,
/// below the fixed header the page or host names (`data-offset`).
fn trigger_line(s: &Shell) -> f64 {
    match s.relayed {
        Some((top, height)) => top + height * crate::story::TRIGGER,
        None => {
            let vh = s.window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
            // Whole pixels: parsing a float would bring the .wasm its decimal tables (12 KB).
            let offset = s.root.get_attribute("data-offset").and_then(|o| o.trim().parse::<u32>().ok()).unwrap_or(0) as f64;
            // A header over half the viewport would leave no room to read: it is not honoured.
            let offset = offset.clamp(0.0, vh * 0.5);
            offset + (vh - offset) * crate::story::TRIGGER
        }
    }
}

/// (Re)builds the observers of the trigger line when it has moved. The steps' observer watches
/// a band of zero height at the line. A jump over the whole story (Home from its end, a link
/// back to the top) moves the line from below the last step to above the first with no step
/// crossing it, so that observer stays silent: two observers of the story itself catch that,
/// one for the part of the viewport above the line, one for the whole viewport (when the story
/// is off screen in one of the two places).
fn observe_line(shared: &Shared) {
    let mut s = shared.borrow_mut();
    let vh = s.window.inner_height().ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let line = trigger_line(&s);
    if s.relayed.is_some() || (s.observed_line.0 - line).abs() < 0.5 && (s.observed_line.1 - vh).abs() < 0.5 {
        return;
    }
    let Some(f) = s.on_intersect.clone() else { return };
    for o in s.observers.drain(..) {
        o.disconnect();
    }
    let below = (vh - line).max(0.0);
    let make = |margin: Option<String>| -> Option<IntersectionObserver> {
        match margin {
            Some(m) => {
                let opts = IntersectionObserverInit::new();
                opts.set_root_margin(&m);
                IntersectionObserver::new_with_options(&f, &opts).ok()
            }
            None => IntersectionObserver::new(&f).ok(),
        }
    };
    let steps = make(Some(format!("-{line:.0}px 0px -{below:.0}px 0px")));
    let above = make(Some(format!("0px 0px -{below:.0}px 0px")));
    let whole = make(None);
    if let Some(o) = &steps {
        for st in &s.steps {
            o.observe(&st.el);
        }
    }
    for o in [&above, &whole].into_iter().flatten() {
        o.observe(&s.root);
    }
    s.observers = [steps, above, whole].into_iter().flatten().collect();
    s.observed_line = (line, vh);
}

/// Which step the reader is at: the last whose top has passed the trigger line.
fn active_from_layout(s: &Shell) -> usize {
    let line = trigger_line(s);
    let mut active = 0;
    for (i, st) in s.steps.iter().enumerate() {
        let r = st.el.get_bounding_client_rect();
        if r.height() > 0.0 && r.top() <= line {
            active = i;
        }
    }
    active
}

fn follow_scroll(shared: &Shared) {
    let mut s = shared.borrow_mut();
    let i = active_from_layout(&s);
    if s.active == Some(i) {
        return;
    }
    let first = s.active.is_none();
    let before = s.active.map(|prev| s.steps[prev].view.clone());
    if let Some(prev) = s.active {
        let _ = s.steps[prev].el.class_list().remove_1("is-active");
    }
    let _ = s.steps[i].el.class_list().add_1("is-active");
    s.active = Some(i);
    let _ = s.root.set_attribute("data-lifeline-step", &i.to_string());
    let target = s.steps[i].view.clone();
    let said = (!first).then(|| access::announcement(&s.data, before.as_ref(), &target));
    s.describe(&target, said);
    let reduced = s.setting("data-motion", "reduce", "(prefers-reduced-motion: reduce)");
    if first || reduced {
        s.anim = None;
        s.shown = target;
    } else {
        let from = match &s.anim {
            Some(a) => a.transition.settle_point(a.last_t),
            None => s.shown.clone(),
        };
        s.shown = target.clone();
        s.anim = Some(Anim { transition: Transition { from, to: target }, start: None, last_t: 0.0 });
    }
    // "still" again once the next frame has drawn the target (see `on_frame`).
    let _ = s.root.set_attribute("data-lifeline-state", "moving");
    drop(s);
    request_frame(shared);
}

fn request_frame(shared: &Shared) {
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

fn on_frame(shared: &Shared, now: f64) {
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

/// Matches the canvas's backing store to its CSS size times the device pixel ratio, then redraws.
fn resize(shared: &Shared) {
    observe_line(shared);
    follow_scroll(shared);
    let mut s = shared.borrow_mut();
    let rect = s.canvas.get_bounding_client_rect();
    let dpr = s.window.device_pixel_ratio();
    let dpr = if dpr.is_finite() && dpr > 0.0 { dpr.min(4.0) } else { 1.0 };
    let (w, h) = ((rect.width() * dpr).round() as u32, (rect.height() * dpr).round() as u32);
    if w == s.canvas.width() && h == s.canvas.height() && dpr == s.scale {
        return;
    }
    s.scale = dpr;
    crate::canvas::forget_measures();
    s.canvas.set_width(w);
    s.canvas.set_height(h);
    // Resizing clears the canvas: redraw now, in this task, so no blank frame shows.
    let layers = match &s.anim {
        Some(a) => a.transition.frame(a.last_t),
        None => vec![Layer { view: s.shown.clone(), opacity: 1.0 }],
    };
    s.draw(&layers);
}

impl Shell {
    fn now(&self) -> f64 {
        self.window.performance().map(|p| p.now()).unwrap_or(0.0)
    }

    /// A reader's choice, from the nearest `attr` on or above the explainer ("auto" or none
    /// defers to the media query): the in-page theme and motion settings.
    fn setting(&self, attr: &str, on: &str, query: &str) -> bool {
        let chosen = self.root.closest(&format!("[{attr}]")).ok().flatten().and_then(|e| e.get_attribute(attr));
        match chosen.as_deref() {
            Some(v) if v == on => true,
            Some(v) if v != "auto" => false,
            _ => self.window.match_media(query).ok().flatten().map(|m| m.matches()).unwrap_or(false),
        }
    }

    /// Tells assistive technology what the chart now shows: label, description, source, data.
    /// `announce`: what the live region says of the change (see access::announcement), if
    /// anything is to be said.
    fn describe(&self, view: &View, announce: Option<String>) {
        let label = charts::label(&self.data.cx(), &self.data.scene(view));
        let _ = self.canvas.set_attribute("aria-label", &label);
        if let Ok(Some(el)) = self.root.query_selector(".lifeline-description") {
            el.set_text_content(Some(&access::describe(&self.data, view)));
        }
        if let Some(said) = announce.filter(|s| !s.is_empty()) {
            if let Ok(Some(el)) = self.root.query_selector(".lifeline-live") {
                el.set_text_content(Some(&said));
            }
        }
        show_source(&self.root, &export::source_of(&self.data, &view.chart));
        // The table is built only while the data panel is open: a few hundred hidden cells
        // made at every chart change would cost a long task on a slow phone.
        if let Ok(None) = self.root.query_selector(".lifeline-panel[hidden]") {
            self.fill_table(&view.chart);
        }
    }

    /// Puts the data table of chart `id` in the data panel, unless it is there already.
    fn fill_table(&self, id: &str) {
        let Ok(Some(body)) = self.root.query_selector(".lifeline-table-body") else { return };
        if body.get_attribute("data-chart").as_deref() == Some(id) {
            return;
        }
        let _ = body.set_attribute("data-chart", id);
        body.set_text_content(None);
        if let Some(t) = access::table(&self.data, id) {
            let _ = render_table(&body, &t);
        } else {
            body.set_text_content(Some(self.data.words.get("table.none")));
        }
    }

    fn draw(&mut self, layers: &[Layer]) {
        let theme = match self.theme.take() {
            Some(t) if t.scale == self.scale => t,
            _ => self.data.chart_theme(self.setting("data-theme", "dark", "(prefers-color-scheme: dark)"), self.scale),
        };
        let start = self.now();
        match paint(&self.canvas, &self.data, layers, &theme) {
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

/// Draws `layers` on `canvas`: the one place a chart meets a canvas, the reader's or the one
/// `Explainer::warm` draws on out of sight (one copy of the drawing code for both). None when
/// the canvas has no 2D context.
#[inline(never)]
fn paint(canvas: &HtmlCanvasElement, data: &Dataset, layers: &[Layer], theme: &Theme) -> Option<Result<Vec<charts::Mark>, charts::DrawError>> {
    let backend = MeasuredCanvas::new(canvas).map(Surface::Canvas)?;
    Some(charts::draw_frame_marks(&backend.into_drawing_area(), &data.cx(), &data.scenes(layers), theme))
}
