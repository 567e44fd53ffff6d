//! The story's words: every word the engine writes that is not data (chart furniture,
//! annotations, verdicts, labels, messages), as templates with `{slot}`s, looked up by key.

use crate::map::Map;
use crate::text::fill_template;
use serde::Deserialize;

/// Every word the engine writes that is not data, as templates with `{slot}`s: chart furniture,
/// annotations, verdicts, labels. A story in another language changes these, not the Rust.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Words(pub Map<String>);

impl Words {
    /// The template for `key`, or "" when the story lacks it (the data checks say so).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map(String::as_str).unwrap_or("")
    }

    /// How a name from the data is shown: the story's word `name.<name>`, else the name itself.
    /// An edition in another language translates names this way; the data keep them as keys
    /// (for `data-highlight`, the theme's colours and the figure keys).
    /// Called while drawing every frame, so it does not allocate: the `name.*` words are a range
    /// of the sorted map (empty in a story that translates nothing), scanned for this name.
    pub fn name<'a>(&'a self, n: &'a str) -> &'a str {
        self.0.from_key("name.", true).take_while(|(k, _)| k.starts_with("name.")).find(|(k, _)| &k["name.".len()..] == n).map(|(_, v)| v.as_str()).unwrap_or(n)
    }

    /// [`Words::name`] of each of `names`.
    pub fn names(&self, names: &[String]) -> Vec<String> {
        names.iter().map(|n| self.name(n).to_string()).collect()
    }

    /// The template for `key` with each `{slot}` replaced by its value.
    pub fn fill(&self, key: &str, slots: &[(&str, &str)]) -> String {
        fill_template(self.get(key), slots)
    }

    /// These words over `base`: each of `base`'s that these do not say (the engine's words
    /// under a story's own: see crate::data::defaults).
    pub fn over(mut self, base: Words) -> Words {
        for (k, v) in base.0.into_entries() {
            self.0.insert_if_absent(k, || v);
        }
        self
    }

    /// "a, b and c", with the story's word for "and".
    pub fn list(&self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            // Items that hold commas themselves ("6,6 millones", "47,000") are set apart with
            // semicolons, so the list's commas and the numbers' never blur.
            [rest @ .., last] => {
                let sep = if items.iter().any(|i| i.contains(',')) { "; " } else { ", " };
                format!("{} {} {last}", rest.join(sep), self.and_before(last))
            }
        }
    }

    /// The word for "and" before `next`: `list.and`, or `list.and.<start>` for the longest
    /// `<start>` that `next` begins with, letter case aside. A language whose "and" changes
    /// with the sound after it says so in its words (Spanish: "y", but "e" before i- and hi-,
    /// "y" again before hia-, hie-: "plata e incienso", "cobre y hierro").
    pub fn and_before(&self, next: &str) -> &str {
        let next = crate::text::lower(next);
        self.0
            .from_key("list.and", false)
            .take_while(|(k, _)| k.starts_with("list.and."))
            .filter(|(k, _)| next.starts_with(&k["list.and.".len()..]))
            .max_by_key(|(k, _)| k.len())
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| self.get("list.and"))
    }
}
