//! Named figures, computed from the data file and formatted as the page prints them.
//!
//! The narrative keeps every number as text (for readers without JavaScript), wrapped in
//! `<span data-figure="KEY">`. At run time each span is rewritten from the data, and a
//! native test fails when the HTML and the data disagree, so a number in the prose can
//! never drift from the figures behind the charts.
//!
//! Keys are `kind:arg:arg`, for example `arms.share:Russia+China` or
//! `unhcr.refugees:SYR:2019`. See [`figure`] for the full list.

use crate::data::Dataset;

impl crate::data::Locale {
    /// `v` with `places` decimals, in the story's marks: "5,539" or "69.5" (or "5.539", "69,5").
    pub fn number(&self, v: f64, places: usize) -> String {
        let fixed = format!("{:.*}", places, v.abs());
        let (whole, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let mut out = String::new();
        if v < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                out.push_str(&self.group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push_str(&self.decimal);
            out.push_str(frac);
        }
        out
    }

    /// A whole number, thousands grouped: "5,539".
    pub fn thousands(&self, v: f64) -> String {
        self.number(v.round(), 0)
    }

    /// A percentage with `places` decimals: "69.5%".
    pub fn percent(&self, v: f64, places: usize) -> String {
        self.percent.replace("{value}", &self.number(v, places))
    }

    /// A percentage with one decimal; a share too small to show is "<0.1%", not "0.0%".
    pub fn pct(&self, v: f64) -> String {
        if v > 0.0 && v < 0.05 {
            self.below.replace("{value}", &self.percent(0.1, 1))
        } else {
            self.percent(v, 1)
        }
    }

    /// Millions with `places` decimals, short: "5.6m" (from a count in millions).
    pub fn millions_short(&self, millions: f64, places: usize) -> String {
        self.million_short.replace("{value}", &self.number(millions, places))
    }

    /// Millions with one decimal, in words: "6.6 million" (from a count in millions).
    pub fn millions(&self, millions: f64) -> String {
        self.million.replace("{value}", &self.number(millions, 1))
    }

    /// A count of people: "6.6 million" from a million up, else to the nearest thousand.
    pub fn people(&self, v: f64) -> String {
        if v >= 1e6 {
            self.millions(v / 1e6)
        } else {
            self.thousands((v / 1000.0).round() * 1000.0)
        }
    }

    /// A count of people, short: "7.0m" from 100,000 up, else to the nearest thousand.
    pub fn short_people(&self, v: f64) -> String {
        if v >= 1e5 {
            self.millions_short(v / 1e6, 1)
        } else {
            self.thousands((v / 1000.0).round() * 1000.0)
        }
    }
}

/// In English conventions, for machine-readable places and tests: see [`crate::data::Locale`].
pub fn thousands(v: f64) -> String {
    crate::data::Locale::default().thousands(v)
}

/// In English conventions: see [`crate::data::Locale::pct`].
pub fn pct(v: f64) -> String {
    crate::data::Locale::default().pct(v)
}

/// In English conventions: see [`crate::data::Locale::people`].
pub fn people(v: f64) -> String {
    crate::data::Locale::default().people(v)
}

/// Share (0-100) of TIV 2000-2021 delivered by the named suppliers together.
fn share_of(data: &Dataset, names: &[&str]) -> Result<f64, String> {
    let mut total = 0.0;
    for n in names {
        let s = data
            .arms_shares
            .suppliers
            .iter()
            .find(|s| s.name == *n)
            .ok_or_else(|| format!("no supplier \"{n}\" in arms_shares"))?;
        total += s.share_pct;
    }
    Ok(total)
}

/// A supplier's share of all TIV delivered from `from` to the last year of `arms_by_year`.
fn window_share(data: &Dataset, name: &str, from: u16) -> Result<f64, String> {
    let a = &data.arms_by_year;
    let idx: Vec<usize> = (0..a.years.len()).filter(|j| a.years[*j] >= from).collect();
    let sum = |s: &crate::data::SupplierYears| idx.iter().map(|j| s.tiv.get(*j).copied().unwrap_or(0.0)).sum::<f64>();
    let all: f64 = a.suppliers.iter().map(sum).sum();
    let one = a.suppliers.iter().find(|s| s.name == name).map(sum).ok_or_else(|| format!("no supplier \"{name}\" in arms_by_year"))?;
    if all <= 0.0 {
        return Err(format!("no deliveries recorded from {from}"));
    }
    Ok(100.0 * one / all)
}

/// A UNHCR count: `category` is refugees, asylum_seekers, oip or displaced (their sum).
fn unhcr(data: &Dataset, category: &str, iso: &str, year: &str) -> Result<f64, String> {
    let s = &data.displacement_series;
    let year: u16 = year.parse().map_err(|_| format!("\"{year}\" is not a year"))?;
    let o = s.origins.iter().find(|o| o.iso == iso).ok_or_else(|| format!("no origin \"{iso}\""))?;
    let j = s.years.iter().position(|y| *y == year).ok_or_else(|| format!("no year {year} in displacement_series"))?;
    let v = match category {
        "refugees" => o.refugees.get(j).copied().flatten(),
        "asylum_seekers" => o.asylum_seekers.get(j).copied().flatten(),
        "oip" => o.oip.get(j).copied().flatten(),
        "displaced" => o.displaced(j),
        _ => return Err(format!("unknown UNHCR category \"{category}\"")),
    };
    v.ok_or_else(|| format!("UNHCR has no {category} figure for {iso} in {year}"))
}

fn claim(data: &Dataset, label: &str) -> Result<f64, String> {
    data.displacement_claims
        .items
        .iter()
        .find(|c| c.label == label)
        .map(|c| c.millions)
        .ok_or_else(|| format!("no displacement claim \"{label}\""))
}

/// One series' values by year in the declared chart `chart` (`all` sums every series), with
/// the chart's years: any chart over years (stacked bars, lines, a timeline's series).
fn series_values(data: &Dataset, chart: &str, name: &str) -> Result<(Vec<u16>, Vec<f64>), String> {
    use crate::charts::Body;
    let c = data.chart(chart)?;
    let v = |vals: &[Option<f64>]| -> Vec<f64> { vals.iter().map(|v| v.unwrap_or(0.0)).collect() };
    let (x, all): (&[u16], Vec<(&str, Vec<f64>)>) = match &c.body {
        Body::Stacked(s) => (&s.x, s.series.iter().map(|s| (s.name.as_str(), v(&s.values))).collect()),
        Body::Lines(l) => (&l.x, l.series.iter().map(|s| (s.name.as_str(), v(&s.values))).collect()),
        Body::Timeline(t) => (&t.x, vec![(t.series.name.as_str(), v(&t.series.values))]),
        _ => return Err(format!("chart \"{chart}\" has no series over years")),
    };
    let values = if name == "all" {
        (0..x.len()).map(|j| all.iter().map(|(_, s)| s.get(j).copied().unwrap_or(0.0)).sum()).collect()
    } else {
        all.into_iter().find(|(n, _)| *n == name).map(|(_, s)| s).ok_or_else(|| format!("no series \"{name}\" in chart {chart}"))?
    };
    Ok((x.to_vec(), values))
}

fn year_arg(y: &str) -> Result<u16, String> {
    y.parse().map_err(|_| format!("\"{y}\" is not a year"))
}

/// The sum of a series over the years `from` to `to`, inclusive.
fn series_sum(data: &Dataset, sec: &str, name: &str, from: &str, to: &str) -> Result<f64, String> {
    let (years, values) = series_values(data, sec, name)?;
    let years = &years;
    let (from, to) = (year_arg(from)?, year_arg(to)?);
    if !years.contains(&from) || !years.contains(&to) || from > to {
        return Err(format!("{from}-{to} is not a span of years of chart {sec}"));
    }
    Ok(years.iter().zip(&values).filter(|(y, _)| (from..=to).contains(*y)).map(|(_, v)| v).sum())
}

/// The verdicts a check can give, as codes: the page's `data-verdict`, and the story's words
/// `verdict.CODE` (its label) and `verdict.CODE.meaning` (for the key), in the key's order.
pub const VERDICTS: [&str; 3] = ["matches", "close", "differs"];

/// How a figure the source states compares with the data: one of the [`VERDICTS`] codes.
/// `step` is the last digit the source shows (1 for "70%", 0.1 for "6.6 million").
pub fn verdict(stated: f64, data: f64, step: f64) -> &'static str {
    let diff = (stated - data).abs();
    let i = if diff <= step / 2.0 + 1e-9 {
        0
    } else if diff <= 0.1 * data.abs() {
        1
    } else {
        2
    };
    VERDICTS[i]
}

/// A verdict's label in the story's words.
pub fn verdict_label(words: &crate::data::Words, code: &str) -> String {
    words.get(&format!("verdict.{code}")).to_string()
}

/// The code of a verdict's label in the story's words; unknown labels give "".
pub fn verdict_code(words: &crate::data::Words, label: &str) -> &'static str {
    if label.is_empty() {
        return "";
    }
    VERDICTS.iter().find(|v| verdict_label(words, v) == label).copied().unwrap_or("")
}

/// The figure named by `key`, formatted for the page.
///
/// | key | value |
/// | --- | --- |
/// | `arms.total` | TIV delivered over the share window, "5,539" |
/// | `arms.share:A+B` | share of the named suppliers, "80.9%" |
/// | `arms.rest:A+B` | share of everyone else |
/// | `arms.members:GROUP` | how many suppliers a group gathers |
/// | `arms.window:NAME:FROM` | share from year FROM to the last year |
/// | `arms.last:NAME` | last year with deliveries |
/// | `arms.register:russia\|russia_china:min\|max` | range across later SIPRI releases |
/// | `commentary.russia`, `commentary.russia_china` | the commentary's shares, "70%" |
/// | `commentary.china` | the share those two imply for China |
/// | `commentary.since` | the year its "largest since" counts from |
/// | `commentary.displaced:LABEL` | the commentary's figure, "6.6 million" |
/// | `unhcr.CATEGORY:ISO:YEAR` | a UNHCR count, "5.6 million" |
/// | `verdict.share:A+B` | Supported / Close / Differs against the commentary |
/// | `verdict.unhcr:LABEL:CATEGORY:ISO:YEAR` | the same for a displacement figure |
/// | `series.total:CHART:NAME:FROM:TO` | a series (or `all`) of a declared chart over years, summed, "1,034" |
/// | `series.value:CHART:NAME:YEAR`, `series.mean:CHART:NAME:FROM:TO` | one year; the yearly mean |
/// | `series.share:CHART:NAME:FROM:TO` | a series' share of all, "12.5%" |
/// | `series.fall:CHART:NAME:FROM:TO` | how far a series fell from one year to another, "81%" (a rise is an error) |
/// | `series.peak_year\|first\|last:CHART:NAME` | the year of the largest value; the first and last with any |
/// | `series.none:CHART`, `series.none_count:CHART` | the years with nothing at all; how many |
/// | `russia.category:NAME`, `russia.item_share:CATEGORY:ITEM` | a category's TIV; an item's share of it |
/// | `russia.missing` | items of the commentary's list that the data do not show |
/// | `unhcr.share:CATEGORY:ISO:YEAR` | a category's share of the displaced, "79%" |
/// | `key.verdict:N`, `key.meaning:N` | the Nth verdict of [`VERDICTS`] and what it means, in the story's words |
/// | `claims.year` | the end-year every displacement figure is checked at |
pub fn figure(data: &Dataset, key: &str) -> Result<String, String> {
    let (kind, rest) = key.split_once(':').unwrap_or((key, ""));
    let args: Vec<&str> = if rest.is_empty() { vec![] } else { rest.split(':').collect() };
    let names = |i: usize| -> Vec<&str> { args.get(i).map(|a| a.split('+').collect()).unwrap_or_default() };
    let c = &data.commentary;
    let f = &data.locale;
    let commentary_share = |names: &[&str]| -> Result<f64, String> {
        match names {
            ["Russia"] => Ok(c.russia_share_pct),
            ["Russia", "China"] => Ok(c.russia_china_share_pct),
            _ => Err("the commentary gives shares for Russia and for Russia+China only".into()),
        }
    };
    let out = match (kind, args.as_slice()) {
        ("arms.total", []) => f.thousands(data.arms_shares.total_tiv),
        ("arms.share", [_]) => f.pct(share_of(data, &names(0))?),
        ("arms.rest", [_]) => f.pct(100.0 - share_of(data, &names(0))?),
        ("arms.members", [g]) => data
            .arms_by_year
            .suppliers
            .iter()
            .find(|s| s.name == *g)
            .map(|s| s.members.len().to_string())
            .ok_or_else(|| format!("no supplier group \"{g}\""))?,
        ("arms.window", [n, from]) => f.pct(window_share(data, n, from.parse().map_err(|_| format!("\"{from}\" is not a year"))?)?),
        ("arms.last", [n]) => {
            let a = &data.arms_by_year;
            let s = a.suppliers.iter().find(|s| s.name == *n).ok_or_else(|| format!("no supplier \"{n}\""))?;
            let j = s.tiv.iter().rposition(|v| *v > 0.0).ok_or_else(|| format!("no deliveries from {n}"))?;
            a.years.get(j).map(|y| y.to_string()).ok_or("years and values differ in length")?
        }
        ("arms.register", [which, end]) => {
            let values = data.arms_shares.other_vintages.iter().map(|v| match *which {
                "russia" => Ok(v.russia_share_pct),
                "russia_china" => Ok(v.russia_china_share_pct),
                _ => Err(format!("unknown register share \"{which}\"")),
            });
            let values: Vec<f64> = values.collect::<Result<_, _>>()?;
            let pick = match *end {
                "min" => values.iter().copied().reduce(f64::min),
                "max" => values.iter().copied().reduce(f64::max),
                _ => return Err(format!("\"{end}\" is not min or max")),
            };
            f.pct(pick.ok_or("no other SIPRI releases in the data")?)
        }
        ("series.total", [sec, name, from, to]) => f.thousands(series_sum(data, sec, name, from, to)?),
        ("series.value", [sec, name, year]) => f.thousands(series_sum(data, sec, name, year, year)?),
        ("series.mean", [sec, name, from, to]) => {
            let n = (year_arg(to)? as f64 - year_arg(from)? as f64 + 1.0).max(1.0);
            f.thousands(series_sum(data, sec, name, from, to)? / n)
        }
        ("series.share", [sec, name, from, to]) => {
            let all = series_sum(data, sec, "all", from, to)?;
            if all <= 0.0 {
                return Err(format!("chart {sec} holds nothing from {from} to {to}"));
            }
            f.pct(100.0 * series_sum(data, sec, name, from, to)? / all)
        }
        // Prose says "fell by": a rise is an error, never a silently wrong sentence.
        ("series.fall", [sec, name, from, to]) => {
            let a = series_sum(data, sec, name, from, from)?;
            let b = series_sum(data, sec, name, to, to)?;
            if a <= 0.0 || b >= a {
                return Err(format!("{name} in {sec} did not fall from {from} to {to}"));
            }
            f.percent(100.0 * (a - b) / a, 0)
        }
        ("series.peak_year" | "series.first" | "series.last", [sec, name]) => {
            let (years, values) = series_values(data, sec, name)?;
            let j = match kind {
                "series.first" => values.iter().position(|v| *v > 0.0),
                "series.last" => values.iter().rposition(|v| *v > 0.0),
                _ => (0..values.len()).filter(|j| values[*j] > 0.0).fold(None, |b: Option<usize>, j| match b {
                    Some(k) if values[k] >= values[j] => Some(k),
                    _ => Some(j),
                }),
            };
            j.and_then(|j| years.get(j)).map(|y| y.to_string()).ok_or_else(|| format!("chart {sec} holds no value for {name}"))?
        }
        ("series.none", [sec]) => {
            let (years, values) = series_values(data, sec, "all")?;
            let none: Vec<String> = years.iter().zip(&values).filter(|(_, v)| **v <= 0.0).map(|(y, _)| y.to_string()).collect();
            if none.is_empty() {
                return Err(format!("every year of chart {sec} holds a value"));
            }
            data.words.list(&none)
        }
        ("series.none_count", [sec]) => {
            let (_, values) = series_values(data, sec, "all")?;
            values.iter().filter(|v| **v <= 0.0).count().to_string()
        }
        ("russia.category", [name]) => {
            let c = data.russia_by_category.categories.iter().find(|c| c.name == *name).ok_or_else(|| format!("no category \"{name}\""))?;
            f.thousands(c.tiv)
        }
        ("russia.item_share", [cat, item]) => {
            let c = data.russia_by_category.categories.iter().find(|c| c.name == *cat).ok_or_else(|| format!("no category \"{cat}\""))?;
            let e = c.examples.iter().find(|e| e.designation == *item).ok_or_else(|| format!("no item \"{item}\" among {cat}'s examples"))?;
            if c.tiv <= 0.0 || e.tiv <= 0.0 {
                return Err(format!("{cat} or its item {item} has no TIV in the data"));
            }
            f.percent(100.0 * e.tiv / c.tiv, 0)
        }
        ("russia.missing", []) => {
            let missing: Vec<String> = data.russia_by_category.commentary_items.iter().filter(|i| i.found.is_empty()).map(|i| i.item.clone()).collect();
            if missing.is_empty() {
                return Err("the data show every item the commentary lists".into());
            }
            data.words.list(&missing)
        }
        ("unhcr.share", [category, iso, year]) => {
            let part = unhcr(data, category, iso, year)?;
            let all = unhcr(data, "displaced", iso, year)?;
            if all <= 0.0 {
                return Err(format!("UNHCR counts nobody from {iso} in {year}"));
            }
            f.percent(100.0 * part / all, 0)
        }
        ("key.verdict" | "key.meaning", [i]) => {
            let v = i.parse::<usize>().ok().and_then(|i| VERDICTS.get(i)).ok_or_else(|| format!("no verdict {i} (0 to {})", VERDICTS.len() - 1))?;
            data.words.get(&if kind == "key.verdict" { format!("verdict.{v}") } else { format!("verdict.{v}.meaning") }).to_string()
        }
        ("claims.year", []) => data.displacement_claims.reference_year.to_string(),
        ("commentary.russia", []) => f.percent(c.russia_share_pct, 0),
        ("commentary.russia_china", []) => f.percent(c.russia_china_share_pct, 0),
        ("commentary.china", []) => f.percent(c.russia_china_share_pct - c.russia_share_pct, 0),
        ("commentary.since", []) => c.since_year.to_string(),
        ("commentary.displaced", [label]) => f.millions(claim(data, label)?),
        ("unhcr.refugees" | "unhcr.asylum_seekers" | "unhcr.oip" | "unhcr.displaced", [iso, year]) => {
            f.people(unhcr(data, &kind["unhcr.".len()..], iso, year)?)
        }
        ("verdict.share", [_]) => {
            let n = names(0);
            verdict_label(&data.words, verdict(commentary_share(&n)?, share_of(data, &n)?, 1.0))
        }
        ("verdict.unhcr", [label, category, iso, year]) => {
            verdict_label(&data.words, verdict(claim(data, label)?, unhcr(data, category, iso, year)? / 1e6, 0.1))
        }
        _ => return Err(format!("unknown figure \"{key}\"")),
    };
    Ok(out)
}
