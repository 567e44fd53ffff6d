//! What the shell writes to the page: the problems shown in `.lifeline-status`, and the chart's
//! label, description and source line as the reader's step changes.

use super::Shell;
use crate::spec::Source;
use web_sys::Element;

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
    pub(super) fn describe(&self, i: usize, announce: Option<String>) {
        let Some(step) = self.story.steps.get(i) else { return };
        let view = &step.view;
        let _ = self.canvas.set_attribute("aria-label", &step.label);
        if let Ok(Some(el)) = self.root.query_selector(".lifeline-description") {
            el.set_text_content(Some(&step.description));
        }
        if let Some(said) = announce.filter(|s| !s.is_empty()) {
            if let Ok(Some(el)) = self.root.query_selector(".lifeline-live") {
                el.set_text_content(Some(&said));
            }
        }
        if let Ok(chart) = self.story.chart(&view.chart) {
            show_source(&self.root, &chart.source);
        }
        // The table is built only while the data panel is open: a few hundred hidden cells
        // made at every chart change would cost a long task on a slow phone. (The reader's
        // module has no tables: www/lifeline.js shows the page's own, see web::reader.)
        if let Ok(None) = self.root.query_selector(".lifeline-panel[hidden]") {
            self.fill_table(&view.chart);
        }
    }
}
