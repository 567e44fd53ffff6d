//! `make check-data`: `check-data DATA.json [PAGE.html]` parses and validates a story's data
//! file and prints every problem at once; given the story's page too, it also checks that every
//! step names a chart and a state the data can draw, and that every figure in the prose
//! resolves to what the page prints, and that every label of every chart state fits and stays
//! clear of the others and of the marks at the widths readers have (crate::labels).

#![warn(clippy::too_many_lines)] // no function over 80 lines (clippy.toml), as in the library

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().cloned().unwrap_or_else(|| "www/data/lifeline.json".to_string());
    let read = |p: &str| match std::fs::read_to_string(p) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{p}: cannot be read ({e})");
            std::process::exit(1);
        }
    };
    let text = read(&path);
    let (data, errors) = lifeline::data::Dataset::load_json(&path, &text);
    let mut problems: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    if let (Some(page), true) = (args.get(1), problems.is_empty()) {
        let html = read(page);
        let data = match lifeline::prerender::page_lang(&html) {
            Some(lang) if !data.editions.contains_key(&lang) => {
                problems.push(format!("{page}: data-lang is \"{lang}\", but {path} has no edition in it"));
                data.clone()
            }
            Some(lang) => data.in_language(&lang),
            None => data.clone(),
        };
        for scene in lifeline::prerender::scan(&html) {
            for st in scene.steps {
                let view = lifeline::story::StepSpec::from_attrs(&st).and_then(|s| lifeline::view::View::for_step(&s, &data, &st.id));
                if let Err(e) = view {
                    // In the page's language, as its reader would see it.
                    problems.push(format!("{page}: {}", e.0.in_words(&data.words)));
                }
            }
        }
        problems.extend(lifeline::prerender::check_figures(&html, &data).into_iter().map(|p| format!("{page}: {p}")));
        // Dates in the prose rest on the record of events (see lifeline::events).
        let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        if let Some(Ok(record)) = json.get("events").map(lifeline::events::Record::from_value) {
            problems.extend(lifeline::prerender::check_dates(&html, &record).into_iter().map(|p| format!("{page}: {p}")));
        }
        // Labels that collide or are cut off, at the widths readers have: drawn only when the
        // steps resolve (a step that cannot be drawn is named above).
        if problems.is_empty() {
            problems.extend(lifeline::labels::check_story(page, &html, &data));
        }
    }
    if problems.is_empty() {
        println!("{path}: valid{}", args.get(1).map(|p| format!("; {p}: every step and figure resolves, every label fits")).unwrap_or_default());
        return;
    }
    for p in &problems {
        eprintln!("{p}");
    }
    eprintln!("{} problem(s) found", problems.len());
    std::process::exit(1);
}

#[cfg(target_arch = "wasm32")]
fn main() {}
