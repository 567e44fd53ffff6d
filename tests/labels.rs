//! Every label of every step of every story fits and stays clear at every width: the check
//! `make check-data` runs on one story (crate::labels), here on this article, its Spanish
//! edition, every story in `stories/` and the engine's fixture.

use lifeline::data::Dataset;

/// Every story of the repository: (page, data file). The engine draws them all, so each one's
/// steps are checked here: this article, the stories in `stories/` and the engine's fixture.
fn stories() -> Vec<(String, String)> {
    // The Spanish edition: the same data file, drawn in its words and numbers.
    let mut out = vec![("index.html".to_string(), "www/data/lifeline.json".to_string()), ("es/index.html".to_string(), "www/data/lifeline.json".to_string())];
    let mut dirs: Vec<std::path::PathBuf> = std::fs::read_dir("stories").into_iter().flatten().flatten().map(|e| e.path()).collect();
    dirs.push("tests/fixtures/story".into());
    dirs.sort();
    for dir in dirs.into_iter().filter(|d| d.join("index.html").exists()) {
        out.push((dir.join("index.html").display().to_string(), dir.join("data.json").display().to_string()));
    }
    out
}

#[test]
fn every_label_of_every_step_fits_and_stays_clear_at_every_width() {
    let mut all = Vec::new();
    let stories = stories();
    assert!(stories.len() >= 2, "{stories:?}");
    for (page, file) in stories {
        let html = std::fs::read_to_string(&page).unwrap();
        let d = Dataset::from_json(&file, &std::fs::read_to_string(&file).unwrap()).unwrap_or_else(|e| panic!("{file}: {e:?}"));
        let d = match lifeline::prerender::page_lang(&html) {
            Some(lang) => d.in_language(&lang),
            None => d,
        };
        all.extend(lifeline::labels::check_story(&page, &html, &d));
    }
    assert!(all.is_empty(), "{} label problems:\n{}", all.len(), all.join("\n"));
}

/// What `make check-data` says of a label that does not fit: a note whose label is wider than a
/// phone's chart is named, with the state and size it is cut off at.
#[test]
fn a_label_that_does_not_fit_is_named() {
    let file = "tests/fixtures/story/data.json";
    let html = std::fs::read_to_string("tests/fixtures/story/index.html").unwrap();
    let long = "A note written far too long for any chart on a phone to hold on one line";
    let text = std::fs::read_to_string(file).unwrap().replace("\"An event\"", &format!("\"{long}\""));
    let d = Dataset::from_json(file, &text).unwrap();
    let problems = lifeline::labels::check_story("fixture", &html, &d);
    assert!(problems.iter().any(|p| p.contains(long) && p.contains("is cut off") && p.contains("at 320x290")), "{problems:#?}");
    // The story as it is has none.
    let d = Dataset::from_json(file, &std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(lifeline::labels::check_story("fixture", &html, &d), Vec::<String>::new());
}
