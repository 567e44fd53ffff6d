//! The words and number formats every story starts from, in English and in Spanish
//! (`defaults/en.json`, `defaults/es.json`), and the colours of a chart's furniture
//! (`defaults/theme.json`): the chart furniture's words, tables, verdicts, the generic
//! sentences of descriptions, and in Spanish the messages about a data file's problems. A
//! story's data file holds only the words it says itself (its charts' opening sentences, its
//! title card) and whatever of these it says its own way; its `locale` may be left out.
//!
//! Why files and not Rust: they are the digital team's to read and change (a desk's wording),
//! beside the stories' own words, and every build of the engine reads the same ones. The
//! browser's checker parses them with the browser's JSON parser, the build with serde_json
//! (each through its [`SectionSource`]).

use crate::locale::Locale;
use crate::spec::{Colours, SectionSource, ThemeSpec};
use crate::words::Words;

/// The languages the engine has words for, and their files.
const FILES: [(&str, &str); 2] = [("en", include_str!("../../defaults/en.json")), ("es", include_str!("../../defaults/es.json"))];

/// The language of a data file's own words when it does not name one (`"lang"`).
pub const FIRST_LANG: &str = "en";

/// The engine's words and number formats in one language.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    pub words: Words,
    pub locale: Locale,
}

/// The engine's words and number formats in `lang`; none (and English numbers) for a language
/// it has no file for, whose stories then write every word themselves.
pub fn defaults<S: SectionSource>(lang: &str) -> Defaults {
    let Some(src) = FILES.iter().find(|(l, _)| *l == lang).and_then(|(_, text)| S::parse_object(text)) else { return Defaults::default() };
    let words = src.get::<Words>("words").and_then(Result::ok).unwrap_or_default();
    let locale = src.get::<Locale>("locale").and_then(Result::ok).unwrap_or_default();
    Defaults { words, locale }
}

/// The engine's colours for a chart's furniture (`defaults/theme.json`), light and dark, with no
/// series colour: a story's `theme` leaves out what it does not change.
pub fn theme<S: SectionSource>() -> ThemeSpec {
    let Some(src) = S::parse_object(include_str!("../../defaults/theme.json")) else { return ThemeSpec::default() };
    let one = |k: &str| src.get::<Colours>(k).and_then(Result::ok).unwrap_or_default();
    ThemeSpec { light: one("light"), dark: one("dark") }
}

/// The languages the engine has words for.
pub fn languages() -> impl Iterator<Item = &'static str> {
    FILES.iter().map(|(l, _)| *l)
}
