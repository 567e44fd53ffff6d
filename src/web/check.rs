//! The checker's half of the shell (the crate's `checker` feature, on by default): the data
//! file read in the browser, checked and bound to the page, for a page whose data file no longer
//! matches the build's (see crate::drawn); and what needs the data itself: the data panel's
//! table, and the downloads of the chart on screen as CSV and SVG.

use super::source::parse;
use super::{js_err, Explainer, Shell, Step};
use crate::canvas::Surface;
use crate::charts;
use crate::charts::table::Table;
use crate::data::Dataset;
use crate::story::{StepAttrs, StepSpec};
use crate::view::View;
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[wasm_bindgen]
impl Explainer {
    /// Starts the explainer inside `root`: it reads the steps (`[data-step]`) and the canvas
    /// (`canvas.lifeline-canvas`) under it. `text` is the data file's content and `file`
    /// names it in messages. Broken data never stops the story: each problem is shown in
    /// `.lifeline-status`, and the charts that need broken data explain instead of drawing.
    #[wasm_bindgen(constructor)]
    pub fn new(root: Element, text: &str, file: &str) -> Result<Explainer, JsValue> {
        let (data, mut problems) = read_data(&root, text, file);
        let steps = read_steps(&root, &data, &mut problems)?;
        bind_figures(&root, &data, &mut problems)?;
        if steps.is_empty() {
            return Err(js_err("no steps ([data-step]) inside the explainer"));
        }
        report(&root, &problems)?;
        let views: Vec<View> = steps.iter().map(|s| s.view.clone()).collect();
        // No digest: the checker reads the file itself, so nothing compares it.
        let story = crate::compile::compile(&data, &views, "");
        Explainer::start(root, story, steps)
    }

    /// The active chart's figures as CSV (empty for the title card or broken data).
    pub fn csv(&self) -> String {
        let s = self.shell.borrow();
        s.story.chart(&s.shown.chart).ok().and_then(|c| c.csv(&s.story.words)).unwrap_or_default()
    }

    /// The active chart as an SVG document, drawn by the same code as the canvas.
    pub fn svg(&self) -> String {
        let s = self.shell.borrow();
        let r = s.canvas.get_bounding_client_rect();
        let size = ((r.width().round() as u32).clamp(200, 4000), (r.height().round() as u32).clamp(150, 4000));
        let mut out = String::new();
        {
            let area = Surface::Svg(crate::text::Measured(plotters::prelude::SVGBackend::with_string(&mut out, size))).into_drawing_area();
            let _ = charts::draw_view(&area, &s.story.cx(), s.story.scene(&s.shown), &s.story.chart_theme(false, 1.0));
            let _ = area.present();
        }
        out
    }

    /// Fills the data panel's table for the chart on screen: called as the panel opens.
    #[wasm_bindgen(js_name = showTable)]
    pub fn show_table(&self) {
        let s = self.shell.borrow();
        s.fill_table(&s.shown.chart);
    }
}

/// The data file in the explainer's language (`data-lang`: an edition of the same figures in
/// other words), with its problems written in that language.
pub(super) fn read_data(root: &Element, text: &str, file: &str) -> (Dataset, Vec<String>) {
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
pub(super) fn read_steps(root: &Element, data: &Dataset, problems: &mut Vec<String>) -> Result<Vec<Step>, JsValue> {
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
pub(super) fn report(root: &Element, problems: &[String]) -> Result<(), JsValue> {
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

/// Rewrites every `[data-figure]` under `root` from the data, so the prose follows the figures.
pub(super) fn bind_figures(root: &Element, data: &Dataset, problems: &mut Vec<String>) -> Result<(), JsValue> {
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

impl Shell {
    /// Puts the data table of chart `id` in the data panel, unless it is there already.
    pub(super) fn fill_table(&self, id: &str) {
        let Ok(Some(body)) = self.root.query_selector(".lifeline-table-body") else { return };
        if body.get_attribute("data-chart").as_deref() == Some(id) {
            return;
        }
        let _ = body.set_attribute("data-chart", id);
        body.set_text_content(None);
        if let Some(t) = self.story.chart(id).ok().and_then(|c| c.table(&self.story.cx())) {
            let _ = render_table(&body, &t);
        } else {
            body.set_text_content(Some(self.story.words.get("table.none")));
        }
    }
}
