//! The explainer's figures, as `scripts/derive_data.py` writes them to `www/data/lifeline.json`.
//!
//! Parsing is serde's job; this module adds the checks serde cannot make (equal lengths,
//! finite non-negative values, ascending years), so that a bad data file becomes a message
//! naming the field rather than a panic or a silently wrong chart.

use serde::Deserialize;
use std::fmt;

/// Publisher, dataset, vintage and link of one series: printed under every chart.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub dataset: String,
    pub vintage: String,
    pub url: String,
    #[serde(default)]
    pub note: String,
}

impl Source {
    /// The one-line credit drawn under a chart.
    pub fn line(&self) -> String {
        if self.dataset.starts_with(&self.publisher) {
            format!("Source: {} ({})", self.dataset, self.vintage)
        } else {
            format!("Source: {}, {} ({})", self.publisher, self.dataset, self.vintage)
        }
    }
}

/// The commentary being explained, with the figures it states (read from its text by the script).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Commentary {
    pub title: String,
    pub author: String,
    pub publisher: String,
    pub year: u16,
    pub url: String,
    pub russia_share_pct: f64,
    pub russia_china_share_pct: f64,
    pub window: [u16; 2],
    pub since_year: u16,
    pub quotes: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierYears {
    pub name: String,
    #[serde(default)]
    pub members: Vec<String>,
    pub tiv: Vec<f64>,
}

/// SIPRI TIV delivered to Venezuela each year, by supplier (small suppliers grouped).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmsByYear {
    pub title: String,
    pub y_label: String,
    pub source: Source,
    pub years: Vec<u16>,
    pub suppliers: Vec<SupplierYears>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierShare {
    pub name: String,
    pub tiv: f64,
    pub share_pct: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VintageShare {
    pub vintage: String,
    pub russia_share_pct: f64,
    pub russia_china_share_pct: f64,
    pub total_tiv: f64,
}

/// Each supplier's share of all TIV delivered over a window of years.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmsShares {
    pub title: String,
    pub y_label: String,
    pub source: Source,
    pub window: [u16; 2],
    pub total_tiv: f64,
    pub suppliers: Vec<SupplierShare>,
    #[serde(default)]
    pub other_vintages: Vec<VintageShare>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub designation: String,
    pub description: String,
    pub number: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub name: String,
    pub tiv: f64,
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// Russia's deliveries to Venezuela summed by SIPRI armament category.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RussiaByCategory {
    pub title: String,
    pub y_label: String,
    pub source: Source,
    pub window: [u16; 2],
    pub delivery_years: [u16; 2],
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub label: String,
    pub millions: f64,
    #[serde(default)]
    pub note: String,
}

/// The commentary's three displacement figures, as it states them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisplacementClaims {
    pub title: String,
    pub y_label: String,
    pub source: Source,
    pub since_year: u16,
    pub items: Vec<Claim>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peak {
    pub year: u16,
    pub people: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    pub iso: String,
    pub name: String,
    pub people: Vec<f64>,
    pub peak: Peak,
}

/// UNHCR's end-year count of people displaced abroad, by country of origin.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisplacementSeries {
    pub title: String,
    pub y_label: String,
    pub source: Source,
    pub years: Vec<u16>,
    /// Each origin's `peak` is its highest count up to this year.
    pub peaks_until: u16,
    pub origins: Vec<Origin>,
}

/// Everything in `lifeline.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema: u32,
    pub generated_by: String,
    pub commentary: Commentary,
    pub arms_by_year: ArmsByYear,
    pub arms_shares: ArmsShares,
    pub russia_by_category: RussiaByCategory,
    pub displacement_claims: DisplacementClaims,
    pub displacement_series: DisplacementSeries,
}

/// One problem found in the data file: where it is, and why it is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub path: String,
    pub problem: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

/// Collects every problem rather than stopping at the first, so an editor sees them all at once.
#[derive(Default)]
struct Checker {
    errors: Vec<DataError>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, problem: impl Into<String>) {
        self.errors.push(DataError { path: path.into(), problem: problem.into() });
    }

    fn amount(&mut self, path: impl Fn() -> String, v: f64, what: &str) {
        if !v.is_finite() {
            self.fail(path(), format!("is {v}; {what} must be a finite number"));
        } else if v < 0.0 {
            self.fail(path(), format!("is {v}; {what} cannot be negative"));
        }
    }

    fn years(&mut self, path: &str, years: &[u16]) {
        if years.is_empty() {
            self.fail(path, "is empty; a chart needs at least one year");
        }
        for w in years.windows(2) {
            if w[1] <= w[0] {
                self.fail(path, format!("goes from {} to {}; years must ascend with no repeats", w[0], w[1]));
                break;
            }
        }
    }

    fn label(&mut self, path: impl Fn() -> String, s: &str) {
        let n = s.chars().count();
        if n == 0 || n > 80 {
            self.fail(path(), format!("has {n} characters; a label needs 1 to 80"));
        }
    }

    fn source(&mut self, path: &str, s: &Source) {
        if s.publisher.trim().is_empty() || s.dataset.trim().is_empty() {
            self.fail(format!("{path}.source"), "names no publisher or dataset; every series needs a source");
        }
    }
}

impl Dataset {
    /// Parses and validates a data file; `file` names it in messages.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json(file: &str, text: &str) -> Result<Dataset, Vec<DataError>> {
        let data: Dataset = serde_json::from_str(text)
            .map_err(|e| vec![DataError { path: file.to_string(), problem: e.to_string() }])?;
        data.validate().map_err(|errs| {
            errs.into_iter().map(|e| DataError { path: format!("{file}: {}", e.path), ..e }).collect::<Vec<_>>()
        })?;
        Ok(data)
    }

    /// Checks what serde cannot: lengths, ranges, order. Returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<DataError>> {
        let mut c = Checker::default();
        if self.schema != 1 {
            c.fail("schema", format!("is {}; this build reads schema 1", self.schema));
        }
        let a = &self.arms_by_year;
        c.source("arms_by_year", &a.source);
        c.years("arms_by_year.years", &a.years);
        if a.suppliers.is_empty() {
            c.fail("arms_by_year.suppliers", "is empty");
        }
        for (i, s) in a.suppliers.iter().enumerate() {
            c.label(|| format!("arms_by_year.suppliers[{i}].name"), &s.name);
            if s.tiv.len() != a.years.len() {
                c.fail(
                    format!("arms_by_year.suppliers[{i}].tiv"),
                    format!("has {} values for {} years", s.tiv.len(), a.years.len()),
                );
            }
            for (j, v) in s.tiv.iter().enumerate() {
                let year = a.years.get(j).copied().unwrap_or(0);
                c.amount(|| format!("arms_by_year.suppliers[{i}].tiv[{year}]"), *v, "TIV");
            }
        }
        let sh = &self.arms_shares;
        c.source("arms_shares", &sh.source);
        if sh.suppliers.is_empty() {
            c.fail("arms_shares.suppliers", "is empty");
        }
        let mut sum = 0.0;
        for (i, s) in sh.suppliers.iter().enumerate() {
            c.label(|| format!("arms_shares.suppliers[{i}].name"), &s.name);
            c.amount(|| format!("arms_shares.suppliers[{i}].tiv"), s.tiv, "TIV");
            if !(0.0..=100.0).contains(&s.share_pct) {
                c.fail(format!("arms_shares.suppliers[{i}].share_pct"), format!("is {}; a share must be 0 to 100", s.share_pct));
            }
            sum += s.share_pct;
        }
        if !sh.suppliers.is_empty() && (sum - 100.0).abs() > 0.5 {
            c.fail("arms_shares.suppliers", format!("shares sum to {sum:.2}; they must sum to 100 (within rounding)"));
        }
        c.amount(|| "arms_shares.total_tiv".into(), sh.total_tiv, "TIV");
        let r = &self.russia_by_category;
        c.source("russia_by_category", &r.source);
        if r.categories.is_empty() {
            c.fail("russia_by_category.categories", "is empty");
        }
        for (i, k) in r.categories.iter().enumerate() {
            c.label(|| format!("russia_by_category.categories[{i}].name"), &k.name);
            c.amount(|| format!("russia_by_category.categories[{i}].tiv"), k.tiv, "TIV");
        }
        let d = &self.displacement_claims;
        c.source("displacement_claims", &d.source);
        if d.items.is_empty() {
            c.fail("displacement_claims.items", "is empty");
        }
        for (i, it) in d.items.iter().enumerate() {
            c.label(|| format!("displacement_claims.items[{i}].label"), &it.label);
            c.amount(|| format!("displacement_claims.items[{i}].millions"), it.millions, "a count of people");
        }
        let s = &self.displacement_series;
        c.source("displacement_series", &s.source);
        c.years("displacement_series.years", &s.years);
        if s.origins.is_empty() {
            c.fail("displacement_series.origins", "is empty");
        }
        for (i, o) in s.origins.iter().enumerate() {
            c.label(|| format!("displacement_series.origins[{i}].name"), &o.name);
            if o.people.len() != s.years.len() {
                c.fail(
                    format!("displacement_series.origins[{i}].people"),
                    format!("has {} values for {} years", o.people.len(), s.years.len()),
                );
            }
            for (j, v) in o.people.iter().enumerate() {
                let year = s.years.get(j).copied().unwrap_or(0);
                c.amount(|| format!("displacement_series.origins[{i}].people[{year}]"), *v, "a count of people");
            }
        }
        if c.errors.is_empty() {
            Ok(())
        } else {
            Err(c.errors)
        }
    }
}
