//! Static-first pages: at build time the same drawing code renders each scene's chart to SVG
//! (through plotters' SVG backend), and the page gets those images, their descriptions and
//! their data tables in place. Readers without JavaScript or WebAssembly, printers, search
//! engines and link previews see real charts; with WebAssembly the canvas takes over.
//!
//! The HTML is scanned by hand rather than parsed with an HTML crate: the page is ours, the
//! markers are fixed comments, and only `id`/`data-*` attributes of known tags are read.

use crate::access::{self, escape};
use crate::charts::{chart_title, Theme};
use crate::data::Dataset;
use crate::story::{StepSpec, View};

pub use crate::story::StepAttrs;

/// A scene: its id and its steps in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    pub id: String,
    pub steps: Vec<StepAttrs>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let rest = &tag[i..];
    Some(rest[..rest.find('"')?].to_string())
}

/// The scenes (`<section class="scene">`) and steps (`data-step`) of the page, in order.
pub fn scan(html: &str) -> Vec<Scene> {
    let mut scenes: Vec<Scene> = Vec::new();
    for piece in html.split('<').skip(1) {
        let Some(end) = piece.find('>') else { continue };
        let tag = &piece[..end];
        if tag.starts_with("section") && tag.contains("class=\"scene\"") {
            let id = attr(tag, "id").unwrap_or_default();
            scenes.push(Scene { id, steps: vec![] });
        } else if tag.contains(" data-step") {
            if let Some(s) = scenes.last_mut() {
                s.steps.push(StepAttrs {
                    id: attr(tag, "id").unwrap_or_default(),
                    chart: attr(tag, "data-chart"),
                    highlight: attr(tag, "data-highlight"),
                    dim: tag.contains(" data-dim"),
                    window: attr(tag, "data-window"),
                    annotate: attr(tag, "data-annotate"),
                });
            }
        }
    }
    scenes
}

/// The chart a scene stands for on paper and without JavaScript: its first step's that is a
/// chart (not the title card), not dimmed.
pub fn scene_view(scene: &Scene, data: &Dataset) -> Result<View, String> {
    let step = scene
        .steps
        .iter()
        .find(|s| s.chart.as_deref() != Some("title"))
        .or(scene.steps.first())
        .ok_or_else(|| format!("scene \"{}\" has no steps", scene.id))?;
    let spec = StepSpec::from_attrs(&StepAttrs { dim: false, ..step.clone() }).map_err(|e| e.0)?;
    View::for_step(&spec, data, &step.id).map_err(|e| e.0)
}

/// Size, in CSS pixels, of the images drawn ahead of time.
pub const SIZE: (u32, u32) = (720, 560);

fn svg(data: &Dataset, view: &View, theme: &Theme) -> String {
    crate::export::svg(data, view, SIZE.0, SIZE.1, theme)
}

/// A scene's chart as two images, light and dark, for readers without JavaScript and on paper.
/// The stylesheet shows the one for the page's theme (the device's, or one chosen in the page);
/// the hidden one is not in the accessibility tree, and, being lazy, is never fetched.
fn picture(base: &str, alt: &str) -> String {
    let img = |class: &str, src: &str| {
        format!(
            "<img class=\"{class}\" src=\"{src}\" alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\">",
            escape(alt),
            SIZE.0,
            SIZE.1
        )
    };
    img("is-light", &format!("{base}.svg")) + &img("is-dark", &format!("{base}-dark.svg"))
}

/// The chart under the canvas, inline in the page so that it is painted with the page's first
/// paint (an image would wait for its own request). Both themes are there; the stylesheet shows
/// the one the page is in, including a theme chosen in the page.
fn stage(data: &Dataset, view: &View) -> String {
    let inline = |theme: &Theme, class: &str| {
        svg(data, view, theme).replacen("<svg ", &format!("<svg class=\"{class}\" preserveAspectRatio=\"xMinYMin meet\" focusable=\"false\" "), 1)
    };
    format!(
        "<div class=\"lifeline-static\" aria-hidden=\"true\">{}{}</div>",
        inline(&Theme::light(1.0), "is-light").trim_end(),
        inline(&Theme::dark(1.0), "is-dark").trim_end()
    )
}

/// The built page and the files to write beside it: (path relative to the page, content).
pub fn build(html: &str, data: &Dataset) -> Result<(String, Vec<(String, String)>), String> {
    let scenes = scan(html);
    if scenes.is_empty() {
        return Err("no <section class=\"scene\"> in the page".into());
    }
    // Scene ids become file names.
    if let Some(bad) = scenes.iter().find(|s| s.id.is_empty() || !s.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        return Err(format!("scene id \"{}\" must be letters, digits, - or _", bad.id));
    }
    let mut files = Vec::new();
    let mut page = html.to_string();
    let first = scenes[0]
        .steps
        .first()
        .ok_or_else(|| "the first scene has no steps".to_string())
        .and_then(|st| {
            let spec = StepSpec::from_attrs(st).map_err(|e| e.0)?;
            View::for_step(&spec, data, &st.id).map_err(|e| e.0)
        })?;
    page = page.replacen("<!-- lifeline:stage-image -->", &stage(data, &first), 1);
    for scene in &scenes {
        let (name, view) = (&scene.id, scene_view(scene, data)?);
        files.push((format!("www/charts/{name}.svg"), svg(data, &view, &Theme::light(1.0))));
        files.push((format!("www/charts/{name}-dark.svg"), svg(data, &view, &Theme::dark(1.0))));
        let description = access::describe(data, &view);
        let mut figure = format!(
            "<figure class=\"scene-chart\">{}\n<figcaption><strong>{}</strong>. {}",
            picture(&format!("www/charts/{name}"), &description),
            escape(&chart_title(data, view.kind)),
            escape(&crate::export::source_of(data, view.kind).line()),
        );
        if let Some(t) = access::table(data, view.kind) {
            figure.push_str(&format!("\n<details><summary>Show the data</summary>\n{}\n</details>", t.to_html()));
        }
        figure.push_str("</figcaption></figure>");
        let marker = "<!-- lifeline:scene-chart -->";
        let scene_at = page.find(&format!(" id=\"{name}\"")).ok_or_else(|| format!("scene {name} vanished"))?;
        let at = page[scene_at..].find(marker).map(|i| i + scene_at).ok_or_else(|| format!("scene \"{name}\" has no {marker}"))?;
        page.replace_range(at..at + marker.len(), &figure);
    }
    Ok((page, files))
}
