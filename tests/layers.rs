//! The modules stand in layers (src/lib.rs, docs/architecture.md): each uses only the modules
//! before it in [`ORDER`], so no two import each other in a circle, a chart never reaches for
//! the data file, and the build's own checks (`lint`) stay out of the browser's .wasm by where
//! they live rather than by `cfg` gates scattered through the code.

use std::collections::BTreeSet;

/// Every module of the library, lowest first: base, view, charts, model, what the page says,
/// the build's checks, shells.
const ORDER: &[&str] = &[
    // base
    "wire",
    "map",
    "text",
    "words",
    "msg",
    "locale",
    "spec",
    "check", //
    // view
    "view", //
    // charts
    "charts",
    "drawn", //
    // model
    "data", //
    // what the page says
    "figures",
    "access",
    "story",
    "events",
    "compile", //
    // the build's checks (native only)
    "lint", //
    // shells
    "export",
    "prerender",
    "labels",
    "share",
    "canvas",
    "web",
];

/// A file's code without its comments (a doc comment may name a higher module). A `//` inside a
/// string cuts its line too: that can only hide a path, and no path follows one in `src/`.
fn code(path: &std::path::Path) -> String {
    without_comments(&std::fs::read_to_string(path).unwrap())
}

fn without_comments(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The modules a file names: `crate::name` and `crate::{a, b::c}`.
fn named(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's top-level items (`a::{b, c}, d`): the first name of each.
            let (mut depth, mut start) = (0, 0);
            for (j, ch) in group.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        out.insert(first_name(&group[start..j]));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(first_name(&group[start..j]));
                        start = j + 1;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // A macro at the crate's root (`crate::msg!`) is its module's.
            out.insert(name);
        }
    }
    out.remove(""); // a trailing comma in a group
    out
}

/// The module an import path starts with: `b` of `b::c` (empty for a blank item).
fn first_name(item: &str) -> String {
    item.trim().split("::").next().unwrap_or("").trim().to_string()
}

/// Each source file with the top-level module it belongs to (`src/charts/bars.rs`: charts).
fn files() -> Vec<(String, std::path::PathBuf)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("src").unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if path.is_dir() {
            if stem == "bin" {
                continue; // The binaries are shells over the whole library.
            }
            for sub in walk(&path) {
                out.push((stem.clone(), sub));
            }
        } else if stem != "lib" {
            out.push((stem, path));
        }
    }
    out
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_module_has_its_place_in_the_order() {
    let lib = code(std::path::Path::new("src/lib.rs"));
    let declared: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod ").or_else(|| l.trim().strip_prefix("mod ")))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect();
    let ordered: BTreeSet<String> = ORDER.iter().map(|m| m.to_string()).collect();
    assert_eq!(declared, ordered, "src/lib.rs's modules and this test's ORDER differ: place a new module in its layer");
}

#[test]
fn no_module_uses_one_above_it() {
    let rank = |m: &str| ORDER.iter().position(|o| *o == m);
    let mut wrong = Vec::new();
    for (module, path) in files() {
        let own = rank(&module).unwrap_or_else(|| panic!("{} is in no layer", path.display()));
        for used in named(&code(&path)) {
            match rank(&used) {
                Some(r) if r < own || used == module => {}
                Some(_) => wrong.push(format!("{} ({module}) uses {used}, a module above it", path.display())),
                None => wrong.push(format!("{} names crate::{used}, which is no module in the order", path.display())),
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn what_the_browser_leaves_out_is_left_out_by_module() {
    // The only `cfg(target_arch)` gates are on whole modules in src/lib.rs (and the binaries).
    let gated: Vec<String> = files().into_iter().filter(|(_, path)| code(path).contains("target_arch")).map(|(_, path)| path.display().to_string()).collect();
    assert!(gated.is_empty(), "code gated by target inside a module: {gated:?}");
}

#[test]
fn the_reader_finds_a_lower_layer_import_of_a_higher_one() {
    // The check itself: a chart that reaches for the data file is caught.
    assert!(named("use crate::data::Dataset;\nfn f() { crate::figures::x(); }").contains("figures"));
    assert!(named("use crate::{access, export};").contains("export"));
    assert!(named("use crate::{charts::{Body, Chart}, story};").contains("story"));
    assert!(named(&without_comments("//! The model (crate::data) draws nothing.")).is_empty());
}

#[test]
fn the_readme_is_read_in_ten_minutes() {
    // Issue 30: the README says what Lifeline is, the two commands, what is where, and links;
    // the rest lives in docs/. Under 8 KB.
    let size = std::fs::metadata("README.md").unwrap().len();
    assert!(size < 8 * 1024, "README.md is {size} bytes; move what a newcomer does not need first into docs/");
}
