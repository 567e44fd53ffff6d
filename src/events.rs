//! The story's dated record of events (`events` in the data file, written by the derivation
//! script from `data/events.csv`): what happened around and after its source, each event with
//! the news reports that confirm it. A newsroom's rule is checked here: at least two reports
//! from different outlets, each with its outlet, headline, date and link, and nothing dated after
//! the page's "as of" date. Only the build reads it (`make check-data`, `make dist`, which lists
//! the events in each page's Sources); the browser never does, so none of it is in the .wasm.

use serde::Deserialize;
use std::collections::BTreeMap;

/// The `events` section.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// The page's "as of" date (ISO): no event or report may be dated after it.
    pub as_of: String,
    pub items: Vec<Event>,
}

/// One event, in our words, with the reports that confirm it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    /// The event's own date (ISO), not a report's.
    pub date: String,
    /// What kind of event, in the story's terms (its derivation script names the kinds: for
    /// example events the story's source dates, and events after it was published).
    pub kind: String,
    /// The event in each edition's language, by language code.
    pub text: BTreeMap<String, String>,
    /// Its date as each edition writes it, in words.
    pub when: BTreeMap<String, String>,
    pub sources: Vec<Report>,
}

/// A news report.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub outlet: String,
    pub headline: String,
    /// When the report was published (ISO).
    pub published: String,
    pub url: String,
    /// What in the report confirms the event, in our words.
    #[serde(default)]
    pub confirms: String,
    /// The headline's language (a page in another marks it, for screen readers).
    #[serde(default)]
    pub lang: String,
}

/// An ISO date (`YYYY-MM-DD`) as (year, month, day), if it is one.
pub fn iso(s: &str) -> Option<(u16, u8, u8)> {
    let b = s.as_bytes();
    let digits = b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits {
        return None;
    }
    let (y, m, d) = (s[0..4].parse().ok()?, s[5..7].parse().ok()?, s[8..10].parse().ok()?);
    let days = match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

impl Record {
    /// Every problem, each as `events.<path>: <problem>`.
    pub fn check(&self) -> Vec<String> {
        let mut out = Vec::new();
        let as_of = iso(&self.as_of);
        if as_of.is_none() {
            out.push(format!("events.as_of: \"{}\" is not a date (YYYY-MM-DD)", self.as_of));
        }
        let mut seen = Vec::new();
        for (i, e) in self.items.iter().enumerate() {
            let at = format!("events.items[{i}] (\"{}\")", e.id);
            if e.id.is_empty() || seen.contains(&&e.id) {
                out.push(format!("{at}.id: is empty or used twice"));
            }
            seen.push(&e.id);
            match (iso(&e.date), as_of) {
                (None, _) => out.push(format!("{at}.date: \"{}\" is not a date (YYYY-MM-DD)", e.date)),
                (Some(d), Some(a)) if d > a => out.push(format!("{at}.date: {} is after the page's as-of date, {}", e.date, self.as_of)),
                _ => {}
            }
            if e.kind.trim().is_empty() {
                out.push(format!("{at}.kind: is missing"));
            }
            for (field, m) in [("text", &e.text), ("when", &e.when)] {
                if m.get("en").is_none_or(|t| t.trim().is_empty()) {
                    out.push(format!("{at}.{field}.en: is missing; every event is said in the story's own language"));
                }
            }
            if e.sources.len() < 2 {
                out.push(format!("{at}.sources: has {}; an event needs reports from at least two independent outlets", e.sources.len()));
            }
            let mut outlets: Vec<String> = Vec::new();
            for (j, s) in e.sources.iter().enumerate() {
                let at = format!("{at}.sources[{j}]");
                for (field, v) in [("outlet", &s.outlet), ("headline", &s.headline), ("published", &s.published), ("url", &s.url)] {
                    if v.trim().is_empty() {
                        out.push(format!("{at}.{field}: is missing"));
                    }
                }
                match (iso(&s.published), as_of) {
                    (None, _) if !s.published.trim().is_empty() => out.push(format!("{at}.published: \"{}\" is not a date (YYYY-MM-DD)", s.published)),
                    (Some(d), Some(a)) if d > a => out.push(format!("{at}.published: {} is after the page's as-of date, {}", s.published, self.as_of)),
                    _ => {}
                }
                if !(s.url.trim().is_empty() || s.url.starts_with("https://") || s.url.starts_with("http://")) {
                    out.push(format!("{at}.url: \"{}\" is not a web address", s.url));
                }
                let outlet = s.outlet.trim().to_lowercase();
                if !outlet.is_empty() && outlets.contains(&outlet) {
                    out.push(format!("{at}.outlet: {} is named twice; the two reports must come from different outlets", s.outlet));
                }
                outlets.push(outlet);
            }
        }
        out
    }

    /// The events as a page's Sources list them, in the edition's language `lang` (the story's
    /// own where an event lacks it): the `<li>`s of the page's `<ol data-events>`, each event
    /// with its date and a link to each report. `reports` is the page's word for them.
    pub fn to_html(&self, lang: &str, reports: &str) -> String {
        use crate::text::escape;
        let pick = |m: &BTreeMap<String, String>| m.get(lang).or_else(|| m.get("en")).cloned().unwrap_or_default();
        let mut out = String::new();
        for e in &self.items {
            let links: Vec<String> = e
                .sources
                .iter()
                .map(|s| {
                    // A <q>, so each page's stylesheet gives it its language's quotation marks.
                    let headline = if s.lang.is_empty() || s.lang == lang {
                        format!("<q>{}</q>", escape(&s.headline))
                    } else {
                        format!("<q lang=\"{}\">{}</q>", escape(&s.lang), escape(&s.headline))
                    };
                    format!("<a href=\"{}\">{}</a>, {} ({})", escape(&s.url), escape(&s.outlet), headline, escape(&s.published))
                })
                .collect();
            out.push_str(&format!(
                "\n<li id=\"event-{}\"><time datetime=\"{}\">{}</time>: {} <span class=\"event-reports\">{}: {}.</span></li>",
                escape(&e.id),
                escape(&e.date),
                escape(&pick(&e.when)),
                escape(&pick(&e.text)),
                escape(reports),
                links.join("; ")
            ));
        }
        out
    }

    /// Reads and checks the `events` value of a data file; each problem as (path, problem).
    pub fn from_value(v: &serde_json::Value) -> Result<Record, Vec<(String, String)>> {
        let split = |p: String| match p.split_once(": ") {
            Some((at, what)) => (at.to_string(), what.to_string()),
            None => ("events".to_string(), p),
        };
        let r: Record = serde_path_to_error::deserialize(v).map_err(|e| vec![(format!("events.{}", e.path()), format!("is not valid: {}", e.inner()))])?;
        let problems = r.check();
        if problems.is_empty() {
            Ok(r)
        } else {
            Err(problems.into_iter().map(split).collect())
        }
    }
}
