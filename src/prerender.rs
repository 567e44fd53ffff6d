//! Static-first pages: at build time the same drawing code renders each scene's chart to SVG
//! (through plotters' SVG backend), and the page gets those images, their descriptions and
//! their data tables in place. Readers without JavaScript or WebAssembly, printers, search
//! engines and link previews see real charts; with WebAssembly the canvas takes over.
//!
//! The HTML is scanned by hand rather than parsed with an HTML crate: the page is ours, the
//! markers are fixed comments, and only `id`/`data-*` attributes of known tags are read.

use crate::access;
use crate::charts::Theme;
use crate::data::Dataset;
use crate::story::StepSpec;
use crate::text::escape;
use crate::view::View;

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

/// Size, in CSS pixels, of the images drawn ahead of time: for wide screens and print, and for
/// phones (drawn at a phone's width, so their text is as large as the live chart's).
pub const SIZE: (u32, u32) = (720, 560);
pub const NARROW: (u32, u32) = (340, 420);

fn svg(data: &Dataset, view: &View, theme: &Theme) -> String {
    crate::export::svg(data, view, SIZE.0, SIZE.1, theme)
}

/// A step's chart as two pictures, light and dark, for readers without JavaScript and on paper.
/// Each picture offers the phone-sized drawing to narrow screens. The stylesheet shows the one for
/// the page's theme; the hidden one is not in the accessibility tree and, being lazy, is never fetched.
fn picture(base: &str, alt: &str) -> String {
    let one = |class: &str, suffix: &str| {
        format!(
            "<picture class=\"{class}\"><source media=\"(max-width: 600px)\" srcset=\"{base}-narrow{suffix}.svg\" width=\"{}\" height=\"{}\">\
             <img src=\"{base}{suffix}.svg\" alt=\"{}\" width=\"{}\" height=\"{}\" loading=\"lazy\"></picture>",
            NARROW.0,
            NARROW.1,
            escape(alt),
            SIZE.0,
            SIZE.1
        )
    };
    one("is-light", "") + &one("is-dark", "-dark")
}

/// The id of the chart drawn under the canvas, which the page's first paint waits for.
const FIRST_CHART: &str = "lifeline-first-chart";

/// The chart under the canvas, inline in the page so that it is painted with the page's first
/// paint (an image would wait for its own request). Both themes are there; the stylesheet shows
/// the one the page is in, including a theme chosen in the page.
fn stage(data: &Dataset, view: &View) -> String {
    let inline = |theme: &Theme, class: &str| {
        svg(data, view, theme).replacen("<svg ", &format!("<svg class=\"{class}\" preserveAspectRatio=\"xMinYMin meet\" focusable=\"false\" "), 1)
    };
    format!(
        "<div class=\"lifeline-static\" id=\"{FIRST_CHART}\" aria-hidden=\"true\">{}{}</div>",
        inline(&data.chart_theme(false, 1.0), "is-light").trim_end(),
        inline(&data.chart_theme(true, 1.0), "is-dark").trim_end()
    )
}

/// Where the `<div>` that opens at `start` closes: the index just past its `</div>`.
fn div_end(page: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    loop {
        let open = page[i..].find("<div").map(|k| k + i);
        let close = page[i..].find("</div>").map(|k| k + i);
        match (open, close) {
            (Some(o), Some(c)) if o < c => {
                depth += 1;
                i = o + 4;
            }
            (_, Some(c)) => {
                depth = depth.checked_sub(1)?;
                i = c + 6;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => return None,
        }
    }
}

/// The chart a step shows, undimmed (as drawn ahead of time).
fn step_view(st: &StepAttrs, data: &Dataset) -> Result<View, String> {
    let spec = StepSpec::from_attrs(&StepAttrs { dim: false, ..st.clone() }).map_err(|e| e.0.in_words(&data.words))?;
    View::for_step(&spec, data, &st.id).map_err(|e| e.0.in_words(&data.words))
}

/// Each step's view as the browser's checker reads it (`web::check::read_steps`), dimming
/// included: what `make dist` compiles for the reader's module (crate::compile).
pub fn views(html: &str, data: &Dataset) -> Result<Vec<View>, String> {
    let mut views = Vec::new();
    for st in scan(html).iter().flat_map(|s| &s.steps) {
        views.push(StepSpec::from_attrs(st).and_then(|spec| View::for_step(&spec, data, &st.id)).map_err(|e| e.0.in_words(&data.words))?);
    }
    Ok(views)
}

/// The page's headline chart, for the link's picture: the first step's, or, when that is a title
/// card (words a link preview already shows), the first chart with figures after it.
pub fn headline_view(html: &str, data: &Dataset) -> Result<View, String> {
    let scenes = scan(html);
    let steps: Vec<&StepAttrs> = scenes.iter().flat_map(|s| &s.steps).collect();
    let first = steps.first().ok_or_else(|| "the page has no steps".to_string())?;
    for st in &steps {
        let view = step_view(st, data)?;
        if data.chart(&view.chart).is_ok_and(|c| c.body.type_name() != "title") {
            return Ok(view);
        }
    }
    step_view(first, data)
}

/// The built page and the files to write beside it: (path relative to the page, content).
///
/// Every step is followed by its own chart, drawn ahead of time at two sizes and in two themes,
/// with the generated description as its alt text; the first step that shows a kind of chart
/// also carries that chart's data table. Readers without JavaScript, printers and search
/// engines get the whole story with every chart.
pub fn build(html: &str, data: &Dataset) -> Result<(String, Vec<(String, String)>), String> {
    let scenes = scan(html);
    if scenes.is_empty() {
        return Err("no <section class=\"scene\"> in the page".into());
    }
    let steps: Vec<&StepAttrs> = scenes.iter().flat_map(|s| &s.steps).collect();
    // Step ids become file names.
    if let Some(bad) = steps.iter().find(|s| s.id.is_empty() || !s.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')) {
        return Err(format!("step id \"{}\" must be letters, digits, - or _", bad.id));
    }
    // Each id names a step's files: no two alike, and none that another's file names could take.
    for (i, st) in steps.iter().enumerate() {
        if steps[..i].iter().any(|o| o.id == st.id) {
            return Err(format!("step id \"{}\" is used twice", st.id));
        }
        if st.id.ends_with("-dark") || st.id.ends_with("-narrow") {
            return Err(format!("step id \"{}\" must not end in -dark or -narrow (those name its chart files)", st.id));
        }
    }
    let view_of = |st: &StepAttrs| step_view(st, data);
    let mut files = Vec::new();
    let mut page = html.to_string();
    let first = steps.first().ok_or_else(|| "the first scene has no steps".to_string()).and_then(|st| view_of(st))?;
    if page.contains("<!-- lifeline:stage-image -->") {
        page = page.replacen("<!-- lifeline:stage-image -->", &stage(data, &first), 1);
        // The browser may paint before the parser reaches the chart (a slow phone, a slow
        // network): the first paint then shows the text without it. `rel=expect` holds the
        // first paint until the chart is parsed (Chromium 124+; others ignore it).
        let expect = format!("<link rel=\"expect\" href=\"#{FIRST_CHART}\" blocking=\"render\">\n");
        if let Some(at) = page.find("</head>") {
            page.insert_str(at, &expect);
        }
    }
    let mut tabled = Vec::new();
    let mut prev_chart = None;
    for st in steps {
        let (name, view) = (&st.id, view_of(st)?);
        for (theme, suffix) in [(data.chart_theme(false, 1.0), ""), (data.chart_theme(true, 1.0), "-dark")] {
            files.push((format!("www/charts/{name}{suffix}.svg"), svg(data, &view, &theme)));
            files.push((format!("www/charts/{name}-narrow{suffix}.svg"), crate::export::svg(data, &view, NARROW.0, NARROW.1, &theme)));
        }
        let change = prev_chart.as_ref() != Some(&view.chart);
        prev_chart = Some(view.chart.clone());
        let mut figure = format!(
            "\n<figure class=\"step-chart{}\">{}\n<figcaption><strong>{}</strong>. {}",
            if change { " is-change" } else { "" },
            picture(&format!("www/charts/{name}"), &access::describe(data, &view)),
            escape(&data.chart(&view.chart).map(|c| c.title.clone()).unwrap_or_default()),
            escape(&crate::export::source_of(data, &view.chart).line(&data.words)),
        );
        if !tabled.contains(&view.chart) {
            tabled.push(view.chart.clone());
            if let Some(t) = access::table(data, &view.chart) {
                // The chart's id and its CSV file, for the reader's module (which has no tables
                // or downloads of its own: www/lifeline.js shows this table and links this file).
                let id = escape(&view.chart);
                figure.push_str(&format!(
                    "\n<details data-chart=\"{id}\" data-csv-href=\"www/charts/{id}.csv\"><summary>{}</summary>\n{}\n</details>",
                    escape(data.words.get("table.show")),
                    t.to_html()
                ));
                if let Some(csv) = crate::export::csv(data, &view.chart) {
                    files.push((format!("www/charts/{}.csv", view.chart), csv));
                }
            }
        }
        figure.push_str("</figcaption></figure>");
        // The step's own tag: a <div> that has both the id and data-step.
        let open = page
            .match_indices("<div")
            .map(|(k, _)| k)
            .find(|&k| page[k..].find('>').map(|e| &page[k..k + e]).is_some_and(|tag| tag.contains(" data-step") && tag.contains(&format!(" id=\"{name}\""))))
            .ok_or_else(|| format!("step \"{name}\" is not a <div data-step>"))?;
        let end = div_end(&page, open).ok_or_else(|| format!("step \"{name}\": its <div> is not closed"))?;
        page.insert_str(end, &figure);
    }
    // Scene markers of earlier versions of the page are no longer needed.
    Ok((page.replace("<!-- lifeline:scene-chart -->\n", ""), files))
}

/// The page with its explainer (the tag with `data-lifeline`) naming its compiled story
/// (`data-drawn-src`, see crate::drawn) and the digest of the data file it was compiled from;
/// the preloads ask for the reader's module (`pkg-reader/`, in place of the checker's) and the
/// compiled story beside the data file.
pub fn stamp(html: &str, drawn: &str, digest: &str) -> Result<String, String> {
    let at = html
        .match_indices('<')
        .map(|(k, _)| k)
        .find(|&k| html[k..].find('>').map(|e| &html[k..k + e]).is_some_and(|tag| tag.split([' ', '\n', '>']).any(|a| a == "data-lifeline")))
        .ok_or_else(|| "no element with data-lifeline".to_string())?;
    let name_end = at + html[at..].find([' ', '\n', '>']).unwrap_or(1);
    let mut page = format!("{} data-drawn-src=\"{}\" data-digest=\"{}\"{}", &html[..name_end], escape(drawn), escape(digest), &html[name_end..]);
    page = page.replacen("pkg/lifeline_bg.wasm\" as=\"fetch\"", "pkg-reader/reader_bg.wasm\" as=\"fetch\"", 1);
    let preload = format!("<link rel=\"preload\" href=\"{}\" as=\"fetch\" type=\"application/octet-stream\" crossorigin>\n", escape(drawn));
    if let Some(at) = page.find("<link rel=\"preload\"").or_else(|| page.find("</head>")) {
        page.insert_str(at, &preload);
    }
    Ok(page)
}

/// The page's `<ol ... data-events data-reports="WORD">…</ol>` filled with the record's events
/// in language `lang` (what it held is replaced); a page without one is left as it is.
pub fn fill_events(page: &str, record: &crate::events::Record, lang: &str) -> Result<String, String> {
    let Some(open) = page.match_indices("<ol").map(|(k, _)| k).find(|&k| page[k..].find('>').is_some_and(|e| page[k..k + e].contains(" data-events"))) else {
        return Ok(page.to_string());
    };
    let tag_end = open + page[open..].find('>').unwrap_or(0) + 1;
    let close = tag_end + page[tag_end..].find("</ol>").ok_or("its <ol data-events> is not closed")?;
    let reports = attr(&page[open..tag_end], "data-reports").ok_or("its <ol data-events> has no data-reports (the word for a list of reports)")?;
    Ok(format!("{}{}\n{}", &page[..tag_end], record.to_html(lang, &reports), &page[close..]))
}

/// Every date the page prints in a `<time datetime="…">` against the record of events: a date
/// must be an event's (so each rests on two reports), and a `data-as-of` date the record's own.
pub fn check_dates(html: &str, record: &crate::events::Record) -> Vec<String> {
    let lang = page_lang(html).unwrap_or_else(|| "en".into());
    let mut problems = Vec::new();
    for piece in html.split("<time").skip(1) {
        let Some(tag) = piece.split('>').next() else { continue };
        let Some(date) = attr(tag, "datetime") else { continue };
        let shown = piece.split_once('>').map(|(_, r)| r.split('<').next().unwrap_or("")).unwrap_or("");
        if tag.contains(" data-as-of") {
            if date != record.as_of {
                problems.push(format!("<time datetime=\"{date}\" data-as-of>: the data file's events are as of {}", record.as_of));
            }
        } else {
            let events: Vec<_> = record.items.iter().filter(|e| e.date == date).collect();
            if events.is_empty() {
                problems.push(format!("<time datetime=\"{date}\">{shown}</time>: no event in the data file's record is dated {date}"));
            } else if !events.iter().any(|e| e.when.get(&lang).or_else(|| e.when.get("en")).is_some_and(|w| !shown.is_empty() && w.starts_with(shown.trim()))) {
                // What the reader sees must be that date, whole or its start (the day and month of a date
                // whose year the sentence already gave).
                let when = events[0].when.get(&lang).or_else(|| events[0].when.get("en")).cloned().unwrap_or_default();
                problems.push(format!("<time datetime=\"{date}\">{shown}</time>: shows another date than {date} ({when})"));
            }
        }
    }
    problems
}

/// Every `data-figure` of the page against the data: a key that does not resolve, a printed
/// figure the data no longer give, and a verdict whose `data-verdict` is out of step with its
/// label are each named ("make dist" refuses such a page, so prose and data never drift apart).
pub fn check_figures(html: &str, data: &Dataset) -> Vec<String> {
    let mut problems = Vec::new();
    for piece in html.split("data-figure=\"").skip(1) {
        let Some(key) = piece.split('"').next() else { continue };
        let Some((tag, rest)) = piece.split_once('>') else { continue };
        let text = rest.split('<').next().unwrap_or("");
        match crate::figures::figure(data, key) {
            Ok(v) if v == text => {}
            Ok(v) => problems.push(format!("data-figure \"{key}\": the page says \"{text}\", the data give \"{v}\"")),
            Err(e) => problems.push(format!("data-figure \"{key}\" does not resolve: {e}")),
        }
        if key.starts_with("verdict:") {
            let code = crate::charts::verdict::verdict_code(&data.words, text);
            if attr(&format!(" {tag}"), "data-verdict").as_deref() != Some(code) {
                problems.push(format!("data-figure \"{key}\": data-verdict is not \"{code}\", the code of \"{text}\""));
            }
        }
    }
    problems
}

/// The language of a page's explainer (`data-lang` on its `[data-lifeline]` element), if it
/// names one: the page is built and checked with that edition of its data.
pub fn page_lang(html: &str) -> Option<String> {
    html.split('<').skip(1).map(|p| p.split('>').next().unwrap_or("")).find(|tag| tag.contains(" data-lifeline")).and_then(|tag| attr(tag, "data-lang"))
}
