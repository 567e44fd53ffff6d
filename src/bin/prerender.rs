//! Build step: `prerender INDEX.html DATA.json OUTDIR` writes OUTDIR/index.html with each
//! scene's chart drawn ahead of time (see `lifeline::prerender`) and the SVGs beside it.

#![warn(clippy::too_many_lines)] // no function over 80 lines (clippy.toml), as in the library

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, index, data, out] = args.as_slice() else {
        eprintln!("usage: prerender INDEX.html DATA.json OUTDIR");
        std::process::exit(2);
    };
    let fail = |msg: String| -> ! {
        eprintln!("prerender: {msg}");
        std::process::exit(1);
    };
    let html = std::fs::read_to_string(index).unwrap_or_else(|e| fail(format!("{index}: {e}")));
    let text = std::fs::read_to_string(data).unwrap_or_else(|e| fail(format!("{data}: {e}")));
    let data = lifeline::data::Dataset::from_json(data, &text).unwrap_or_else(|errs| fail(errs.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")));
    let data = match lifeline::prerender::page_lang(&html) {
        Some(lang) if data.editions.contains_key(&lang) => data.in_language(&lang),
        Some(lang) => fail(format!("{index}: data-lang is \"{lang}\", but the data file has no edition in it")),
        None => data,
    };
    let wrong = lifeline::prerender::check_figures(&html, &data);
    if !wrong.is_empty() {
        fail(format!("{index}: the prose and the data disagree:\n{}", wrong.join("\n")));
    }
    let (mut page, files) = lifeline::prerender::build(&html, &data).unwrap_or_else(|e| fail(e));
    // The record of events (see lifeline::events), listed in the page's Sources.
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| fail(format!("{e}")));
    if json.get("events").is_none() && (html.contains(" data-events") || html.contains("<time datetime=")) {
        fail(format!("{index}: the page lists events or prints dates, but its data file has no record of events (\"events\")"));
    }
    let mut as_of = None;
    if let Some(v) = json.get("events") {
        let record =
            lifeline::events::Record::from_value(v).unwrap_or_else(|p| fail(p.iter().map(|(a, b)| format!("{a}: {b}")).collect::<Vec<_>>().join("\n")));
        let lang = lifeline::prerender::page_lang(&html).unwrap_or_else(|| "en".into());
        let wrong = lifeline::prerender::check_dates(&html, &record);
        if !wrong.is_empty() {
            fail(format!("{index}: the prose's dates and the record of events disagree:\n{}", wrong.join("\n")));
        }
        page = lifeline::prerender::fill_events(&page, &record, &lang).unwrap_or_else(|e| fail(format!("{index}: {e}")));
        as_of = Some(record.as_of);
    }
    // Shared as a link: the card's tags, the article record, and its picture (see lifeline::share).
    let first = lifeline::prerender::headline_view(&html, &data).unwrap_or_else(|e| fail(format!("{index}: {e}")));
    page = lifeline::share::head(&page, &data, &first, as_of.as_deref()).unwrap_or_else(|e| fail(format!("{index}: {e}")));
    let png = lifeline::share::image(&data, &first).unwrap_or_else(|e| fail(format!("{index}: {e}")));
    let out = std::path::Path::new(out);
    for (path, content) in files {
        let p = out.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap_or_else(|e| fail(format!("{}: {e}", p.display())));
        std::fs::write(&p, content).unwrap_or_else(|e| fail(format!("{}: {e}", p.display())));
    }
    std::fs::write(out.join(lifeline::share::IMAGE_FILE), png).unwrap_or_else(|e| fail(format!("{}: {e}", lifeline::share::IMAGE_FILE)));
    std::fs::write(out.join("index.html"), page).unwrap_or_else(|e| fail(format!("index.html: {e}")));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
