//! The reader's half of the shell (the crate built without its `checker` feature): the story as
//! `make dist` compiled it (crate::drawn), read from its binary form (`Drawn::from_bytes`). No
//! checks, figures, descriptions, tables or downloads: the build made them, and the page holds
//! them (www/lifeline.js shows the page's tables and links its files). Anything amiss (a
//! compiled file that does not parse, or a page whose steps are not the ones compiled) is an
//! error for www/lifeline.js, which then starts the checker on the data file itself.

use super::{js_err, Explainer, Shell, Step};
use crate::drawn::Drawn;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[wasm_bindgen]
impl Explainer {
    /// Starts the explainer inside `root` on the compiled story `bytes` (`file` names it in an
    /// error). Fails when the file does not read or the page's steps are not the compiled ones.
    #[wasm_bindgen(constructor)]
    pub fn new(root: Element, bytes: &[u8], file: &str) -> Result<Explainer, JsValue> {
        let mut story = Drawn::from_bytes(bytes).map_err(|e| js_err(format!("{file} does not read as a compiled story ({e})")))?;
        let nodes = root.query_selector_all("[data-step]")?;
        if nodes.length() as usize != story.steps.len() {
            return Err(js_err(format!("{file} has {} steps; the page has {}", story.steps.len(), nodes.length())));
        }
        let mut steps = Vec::with_capacity(story.steps.len());
        for (i, s) in story.steps.iter_mut().enumerate() {
            let el = nodes.get(i as u32).and_then(|n| n.dyn_into::<Element>().ok()).ok_or_else(|| js_err("a step is not an element"))?;
            if s.description.is_empty() {
                s.description = page_description(&el);
            }
            steps.push(Step { el, view: s.view.clone() });
        }
        Explainer::start(root, story, steps)
    }

    /// What the data panel says of a chart with no table (a title card), in the page's words.
    #[wasm_bindgen(getter, js_name = noTable)]
    pub fn no_table(&self) -> String {
        self.shell.borrow().story.words.get("table.none").to_string()
    }
}

/// The description the build wrote for a step's chart: the alt text of the chart drawn ahead of
/// time right after the step (src/prerender.rs), the same text the checker would generate.
fn page_description(step: &Element) -> String {
    let figure = match step.next_element_sibling() {
        Some(f) if f.matches("figure.step-chart").unwrap_or(false) => Some(f),
        _ => step.query_selector("figure.step-chart").ok().flatten(),
    };
    figure.and_then(|f| f.query_selector("img").ok().flatten()).and_then(|img| img.get_attribute("alt")).unwrap_or_default()
}

impl Shell {
    /// The reader's module has no tables: the page's own are shown (www/lifeline.js).
    pub(super) fn fill_table(&self, _id: &str) {}
}
