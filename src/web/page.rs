//! What the shell reads from and writes to the page: the steps and the data's language, the
//! problems shown in `.lifeline-status`, the figures in the prose, the chart's description,
//! source line and data table.

use super::source::parse;
use super::{js_err, Shell, Step};
use crate::access;
use crate::charts;
use crate::charts::table::Table;
use crate::data::Dataset;
use crate::export;
use crate::spec::Source;
use crate::story::{StepAttrs, StepSpec};
use crate::view::View;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;
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

impl Shell {
    /// A reader's choice, from the nearest `attr` on or above the explainer ("auto" or none
    /// defers to the media query): the in-page theme and motion settings.
    pub(super) fn setting(&self, attr: &str, on: &str, query: &str) -> bool {
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
    pub(super) fn describe(&self, view: &View, announce: Option<String>) {
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
    pub(super) fn fill_table(&self, id: &str) {
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
}
