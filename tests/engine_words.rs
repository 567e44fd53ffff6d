//! The engine names no story: no country, organisation, person or subject of either story may
//! appear in `src/` (code, names or comments), so the next story needs no Rust changed.
//!
//! The words are read from the stories themselves (capitalised words of each story's page and
//! data file) plus the subjects this story's charts are about. Until the engine work is done,
//! `STILL_NAMED` records how often each word still appears: the test fails when a count rises
//! (a new tie to a story) and when it falls without the table being lowered, so the list only
//! ever shrinks, to empty.

use std::collections::BTreeMap;

/// Subjects of this story's charts, matched in any case and inside identifiers (`arms_by_year`).
const SUBJECTS: [&str; 10] = ["arms", "weapon", "supplier", "refugee", "displace", "commentary", "sanction", "deliver", "tiv", "asylum"];

/// Words of the engine's own trade, capitalised in the stories but not about them.
const GENERIC: [&str; 15] =
    ["CSV", "JavaScript", "WebAssembly", "Rust", "SVG", "PNG", "HTML", "Source", "Data", "Chart", "Lifeline", "Explainer", "Other", "Where", "Open"];

/// word -> occurrences in src/ today: none. A word of either story in `src/` fails the test.
const STILL_NAMED: [(&str, usize); 0] = [];

fn story_words() -> Vec<String> {
    let mut words: Vec<String> = SUBJECTS.iter().map(|s| s.to_string()).collect();
    let mut texts = vec![std::fs::read_to_string("index.html").unwrap(), std::fs::read_to_string("www/data/lifeline.json").unwrap()];
    for dir in std::fs::read_dir("stories").into_iter().flatten().flatten() {
        for f in ["index.html", "data.json"] {
            if let Ok(t) = std::fs::read_to_string(dir.path().join(f)) {
                texts.push(t);
            }
        }
    }
    for t in &texts {
        // Markup and JSON keys are not words of the story.
        let mut plain = String::new();
        let mut in_tag = false;
        for c in t.chars() {
            match c {
                // A tag ends a run of words as a full stop does.
                '<' => {
                    in_tag = true;
                    plain.push_str(" . ");
                }
                '>' => in_tag = false,
                _ if !in_tag => plain.push(c),
                _ => {}
            }
        }
        // A capitalised word after a lower-case word or a comma is a name (a sentence's first
        // word is capitalised anyway).
        let mut prev_lower = false;
        for w in plain.split_whitespace() {
            let core = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-').trim_matches('-');
            let core = core.split(['\'', '\u{2019}']).next().unwrap_or("");
            let capital = core.chars().next().is_some_and(|c| c.is_uppercase()) && core.chars().count() >= 3 && core.chars().skip(1).any(|c| c.is_alphabetic());
            if capital && prev_lower && !GENERIC.contains(&core) && !words.iter().any(|x| x == core) {
                words.push(core.to_string());
            }
            let last = w.chars().last().unwrap_or(' ');
            prev_lower = (last.is_lowercase() || last == ',') && w.chars().next().is_some_and(|c| c.is_alphanumeric());
        }
    }
    words
}

fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("src")];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("text/widths.rs") {
                out.push((p.display().to_string(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out
}

/// Occurrences of `word` in `text`: subjects in any case at the start of a word or of a part
/// of an identifier (`arms_by_year`, `tiv_millions`, `displaced`, not `negative`); names as
/// whole words.
fn count(text: &str, word: &str) -> usize {
    if SUBJECTS.contains(&word) {
        let lower = text.to_lowercase();
        return lower.match_indices(word).filter(|(i, _)| !lower[..*i].chars().next_back().is_some_and(|c| c.is_alphabetic())).count();
    }
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
        })
        .count()
}

#[test]
fn src_names_no_word_of_any_story_beyond_the_recorded_ones() {
    let files = sources();
    let mut now: BTreeMap<String, usize> = BTreeMap::new();
    let mut whereabouts: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for w in story_words() {
        for (path, text) in &files {
            let n = count(text, &w);
            if n > 0 {
                *now.entry(w.clone()).or_default() += n;
                whereabouts.entry(w.clone()).or_default().push(format!("{path} ({n})"));
            }
        }
    }
    let known: BTreeMap<String, usize> = STILL_NAMED.iter().map(|(w, n)| (w.to_string(), *n)).collect();
    let mut problems = Vec::new();
    for (w, n) in &now {
        match known.get(w) {
            None => problems.push(format!("src/ names \"{w}\" {n} times, in {}", whereabouts[w].join(", "))),
            Some(k) if n > k => problems.push(format!("src/ names \"{w}\" {n} times (was {k}), in {}", whereabouts[w].join(", "))),
            Some(k) if n < k => problems.push(format!("\"{w}\" is down to {n} from {k}: lower STILL_NAMED")),
            _ => {}
        }
    }
    for w in known.keys().filter(|w| !now.contains_key(*w)) {
        problems.push(format!("\"{w}\" is gone from src/: remove it from STILL_NAMED"));
    }
    let table: Vec<String> = now.iter().map(|(w, n)| format!("(\"{w}\", {n})")).collect();
    assert!(problems.is_empty(), "{}\n\ntoday: [{}]", problems.join("\n"), table.join(", "));
}
