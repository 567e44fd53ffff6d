//! Build step: `compile PAGE.html DATA.json OUT.bin REF` compiles the story of a built page
//! (its steps) and the data file it reads (as served) to what the reader's browser draws (see
//! `lifeline::drawn`), writes it to OUT.bin (`Drawn::to_bytes`), and stamps the page's explainer with
//! `data-drawn-src="REF"` (how the page names OUT.bin) and `data-digest` (the data file's digest).

#![warn(clippy::too_many_lines)] // no function over 80 lines (clippy.toml), as in the library

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, page, data, out, reference] = args.as_slice() else {
        eprintln!("usage: compile PAGE.html DATA.json OUT.bin REF");
        std::process::exit(2);
    };
    let fail = |msg: String| -> ! {
        eprintln!("compile: {msg}");
        std::process::exit(1);
    };
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| fail(format!("{page}: {e}")));
    let text = std::fs::read_to_string(data).unwrap_or_else(|e| fail(format!("{data}: {e}")));
    let mut set =
        lifeline::data::Dataset::from_json(data, &text).unwrap_or_else(|errs| fail(errs.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")));
    if let Some(lang) = lifeline::prerender::page_lang(&html) {
        set = set.in_language(&lang);
    }
    let views = lifeline::prerender::views(&html, &set).unwrap_or_else(|e| fail(format!("{page}: {e}")));
    let digest = lifeline::drawn::digest(text.as_bytes());
    let mut drawn = lifeline::compile::compile(&set, &views, &digest);
    drawn.words = lifeline::compile::reader_words(&drawn.words);
    // The page holds each step's description (the alt text of its chart drawn ahead of time,
    // undimmed): the reader reads it there. A dimmed step's, which says so, is kept here.
    for s in drawn.steps.iter_mut().filter(|s| s.view.dim < 0.5) {
        s.description.clear();
    }
    // A binary form whose reading takes the .wasm less code than JSON's (see `Drawn::to_bytes`).
    let bytes = drawn.to_bytes();
    std::fs::write(out, bytes).unwrap_or_else(|e| fail(format!("{out}: {e}")));
    let stamped = lifeline::prerender::stamp(&html, reference, &digest).unwrap_or_else(|e| fail(format!("{page}: {e}")));
    std::fs::write(page, stamped).unwrap_or_else(|e| fail(format!("{page}: {e}")));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
