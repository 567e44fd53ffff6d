//! Named figures, computed from the data file and formatted as the page prints them.
//!
//! The narrative keeps every number as text (for readers without JavaScript), wrapped in
//! `<span data-figure="KEY">`. At run time each span is rewritten from the data, and a
//! native test fails when the HTML and the data disagree, so a number in the prose can
//! never drift from the figures behind the charts.
//!
//! Keys are expressions over the story's declared charts, claims and values, `kind:arg:arg`
//! and optionally `|format`, for example `part.share:shares:A+B` or
//! `series.value:by-year:ABC/part:2019|people`. See [`figure`] for the list.

use crate::charts::verdict::{verdict_label, verdict_points, verdict_within, VERDICTS};
use crate::charts::{Body, Measure};
use crate::check::Checker;
use crate::data::Dataset;
use crate::locale::Format;
use crate::msg::{DataError, Msg};

/// One series' values by year in the declared chart `chart` (`all` sums every series), with
/// the chart's years: any chart over years (stacked bars, lines, a timeline's series). A series
/// is named by its name or its key; `NAME/PART` is one part of a lines series, the part named
/// as in the chart's CSV columns. `None` is a year with no record.
/// A chart's series over years: (name, key, values by year).
type Named<'a> = Vec<(&'a str, &'a str, &'a [Option<f64>])>;

fn series_values(data: &Dataset, chart: &str, name: &str) -> Result<(Vec<u16>, Vec<Option<f64>>), Msg> {
    let c = data.chart(chart)?;
    let (name, part) = match name.split_once('/') {
        Some((n, p)) => (n, Some(p)),
        None => (name, None),
    };
    let (x, all): (&[u16], Named) = match &c.body {
        Body::Stacked(s) => (&s.x, s.series.iter().map(|s| (s.name.as_str(), s.key.as_str(), s.values.as_slice())).collect()),
        Body::Lines(l) => {
            let mut all = Vec::new();
            for s in &l.series {
                let values = match part {
                    None => s.values.as_slice(),
                    Some(p) => match l.columns.iter().skip(3).take(s.parts.len()).position(|c| c == p) {
                        Some(k) => s.parts[k].as_slice(),
                        None => continue,
                    },
                };
                all.push((s.name.as_str(), s.key.as_str(), values));
            }
            (&l.x, all)
        }
        Body::Timeline(t) => (&t.x, vec![(t.series.name.as_str(), "", t.series.values.as_slice())]),
        _ => return Err(crate::msg!("fig_has_no_series_over", "chart \"{chart}\" has no series over years", chart = chart)),
    };
    if let (Some(p), Body::Stacked(_) | Body::Timeline(_)) = (part, &c.body) {
        return Err(crate::msg!(
            "fig_has_no_parts_lines",
            "chart {chart} has no parts (\"/{p}\"); only a lines chart's series have them",
            chart = chart,
            p = p
        ));
    }
    let values = if name == "all" {
        (0..x.len())
            .map(|j| {
                all.iter()
                    .map(|(_, _, s)| s.get(j).copied().flatten())
                    .reduce(|a, b| match (a, b) {
                        (Some(a), Some(b)) => Some(a + b),
                        (a, b) => a.or(b),
                    })
                    .flatten()
            })
            .collect()
    } else {
        let what = part.map(|p| format!("{name}/{p}")).unwrap_or_else(|| name.to_string());
        all.into_iter()
            .find(|(n, k, _)| *n == name || (!k.is_empty() && *k == name))
            .map(|(_, _, s)| s.to_vec())
            .ok_or_else(|| crate::msg!("fig_no_series", "no series \"{name}\" in chart {sec}", name = what, sec = chart))?
    };
    Ok((x.to_vec(), values))
}

fn year_arg(y: &str) -> Result<u16, Msg> {
    y.parse().map_err(|_| crate::msg!("fig_is_not_year", "\"{y}\" is not a year", y = y))
}

/// The sum of a series over the years `from` to `to`, inclusive (years with no record add nothing).
fn series_sum(data: &Dataset, sec: &str, name: &str, from: &str, to: &str) -> Result<f64, Msg> {
    let (years, values) = series_values(data, sec, name)?;
    // A count at a date (a population at the end of a year) added to another date's is
    // nobody: a stock is read at a year (series.value), never summed over years.
    if is_stock(data, sec) && from != to {
        return Err(crate::msg!(
            "fig_stock_not_summed",
            "chart {sec} holds stocks (counts at a date): they are not added up over years; use series.value for one year",
            sec = sec
        ));
    }
    let (from, to) = (year_arg(from)?, year_arg(to)?);
    if !years.contains(&from) || !years.contains(&to) || from > to {
        return Err(crate::msg!("fig_is_not_span_years", "{from}-{to} is not a span of years of chart {sec}", from = from, to = to, sec = sec));
    }
    Ok(years.iter().zip(&values).filter(|(y, _)| (from..=to).contains(*y)).map(|(_, v)| v.unwrap_or(0.0)).sum())
}

/// Whether chart `sec` holds stocks (counts at a date: see `charts::Measure`).
fn is_stock(data: &Dataset, sec: &str) -> bool {
    match data.chart(sec).map(|c| &c.body) {
        Ok(Body::Stacked(s)) => s.measure == Measure::Stock,
        Ok(Body::Lines(l)) => l.measure == Measure::Stock,
        _ => false,
    }
}

/// One year's value of a series; a year with no record is an error, never a silent 0.
fn series_value(data: &Dataset, sec: &str, name: &str, year: &str) -> Result<f64, Msg> {
    let (years, values) = series_values(data, sec, name)?;
    let y = year_arg(year)?;
    let j = years.iter().position(|x| *x == y).ok_or_else(|| crate::msg!("fig_not_chart_year", "{y} is not a year of chart {sec}", y = y, sec = sec))?;
    values
        .get(j)
        .copied()
        .flatten()
        .ok_or_else(|| crate::msg!("fig_has_no_record_for", "chart {sec} has no record for {name} in {y}", sec = sec, name = name, y = y))
}

/// Every kind of figure expression (the part of a key before its first `:`); see [`figure`].
pub const EXPRESSIONS: [&str; 29] = [
    "series.value",
    "series.total",
    "series.rise",
    "series.mean",
    "series.share",
    "series.fall",
    "series.peak_year",
    "series.first",
    "series.last",
    "series.none",
    "series.none_count",
    "series.members",
    "part.share",
    "part.rest",
    "part.total",
    "part.value",
    "part.members",
    "row.value",
    "row.part",
    "chart.at",
    "claim",
    "claim.diff",
    "verdict",
    "value",
    "value.min",
    "value.max",
    "value.list",
    "key.verdict",
    "key.meaning",
];

/// What an expression gives before it is written: a number with its own format, or words.
enum Val {
    Num(f64, Format),
    Text(String),
}

/// A claim the story's source makes, by its id.
fn claim<'a>(data: &'a Dataset, id: &str) -> Result<&'a crate::data::ClaimSpec, Msg> {
    data.claims.items.iter().find(|c| c.id == id).ok_or_else(|| crate::msg!("fig_no_claim_data_file", "no claim \"{id}\" in the data file's claims", id = id))
}

/// A named value the derivation script wrote (`values`), by its id.
fn value<'a>(data: &'a Dataset, id: &str) -> Result<&'a crate::data::NamedValue, Msg> {
    data.values.iter().find(|c| c.id == id).ok_or_else(|| crate::msg!("fig_no_value_data_file", "no value \"{id}\" in the data file's values", id = id))
}

/// The number an expression gives, for a claim's verdict.
fn number(data: &Dataset, key: &str) -> Result<f64, Msg> {
    match eval(data, key)? {
        Val::Num(v, _) => Ok(v),
        Val::Text(_) => Err(crate::msg!("fig_gives_words_not_number", "\"{key}\" gives words, not a number", key = key)),
    }
}

/// Each claim's `measured` expression must give a number, asked only when the charts and values
/// it reads are whole (a chart's or a section's own problem is reported where it is). A problem
/// marks the claims broken; the problems come back named by `file`. Claims that failed to parse
/// are left empty by the loader, so there is nothing to ask of them.
pub fn check_measured(data: &mut Dataset, file: &str) -> Vec<DataError> {
    let mut c = Checker::default();
    for (i, k) in data.claims.items.iter().enumerate() {
        let Some(m) = &k.measured else { continue };
        match figure(data, m).and_then(|_| claim_verdict(data, &k.id)) {
            Err(e) if data.broken.values().any(|p| p.in_words(&data.words) == e) => {}
            Err(e) => c.fail(
                format!("claims.items[{i}].measured"),
                crate::msg!("unresolved", "is \"{expr}\", which does not resolve: {detail}", expr = m, detail = e),
            ),
            Ok(_) => {}
        }
    }
    let problems = c.into_errors();
    data.add_problems(file, problems)
}

/// A claim's verdict: how its stated value compares with what its `measured` expression gives.
pub fn claim_verdict(data: &Dataset, id: &str) -> Result<&'static str, String> {
    claim_verdict_msg(data, id).map_err(|e| e.in_words(&data.words))
}

fn claim_verdict_msg(data: &Dataset, id: &str) -> Result<&'static str, Msg> {
    let c = claim(data, id)?;
    let m = c.measured.as_deref().ok_or_else(|| crate::msg!("fig_claim_names_nothing_it", "claim \"{id}\" names nothing it is measured by", id = id))?;
    let measured = number(data, m)?;
    Ok(match c.points {
        _ if c.not_comparable => "not_comparable",
        Some(points) => verdict_points(c.value, measured, c.step, points),
        None => verdict_within(c.value, measured, c.step, c.close),
    })
}

/// The value of an expression `key` (no `|FORMAT`): its kind, before the first `:`, names the
/// family (`series`, `part`, `row`, `chart`, `claim`, `verdict`, `value`, `key`) that works it
/// out from the arguments after; see [`figure`] for each.
fn eval(data: &Dataset, key: &str) -> Result<Val, Msg> {
    let (kind, rest) = key.split_once(':').unwrap_or((key, ""));
    let args: Vec<&str> = if rest.is_empty() { vec![] } else { rest.split(':').collect() };
    let args = args.as_slice();
    match kind.split_once('.').map_or(kind, |(family, _)| family) {
        "series" => eval_series(data, key, kind, args),
        "part" => eval_part(data, key, kind, args),
        "row" => eval_row(data, key, kind, args),
        "chart" => eval_chart(data, key, kind, args),
        "claim" | "verdict" => eval_claim(data, key, kind, args),
        "value" => eval_value(data, key, kind, args),
        "key" => eval_key(data, key, kind, args),
        _ => Err(unknown(key)),
    }
}

/// The error for a key that is no expression, or an expression with the wrong arguments.
fn unknown(key: &str) -> Msg {
    crate::msg!("fig_unknown_figure", "unknown figure \"{key}\"", key = key)
}

/// A number in its own format, as an expression gives it.
fn num(v: f64, f: Format) -> Result<Val, Msg> {
    Ok(Val::Num(v, f))
}

/// `series.*`: a series over years of a chart, summed, compared, or its years with nothing.
fn eval_series(data: &Dataset, key: &str, kind: &str, args: &[&str]) -> Result<Val, Msg> {
    use Format::{Count, Pct, Percent, Thousands};
    match (kind, args) {
        ("series.total", [sec, name, from, to]) => num(series_sum(data, sec, name, from, to)?, Thousands),
        ("series.value", [sec, name, year]) => num(series_value(data, sec, name, year)?, Thousands),
        ("series.mean", [sec, name, from, to]) => {
            let n = (year_arg(to)? as f64 - year_arg(from)? as f64 + 1.0).max(1.0);
            num(series_sum(data, sec, name, from, to)? / n, Thousands)
        }
        ("series.share", [sec, name, from, to]) => {
            let all = series_sum(data, sec, "all", from, to)?;
            if all <= 0.0 {
                return Err(crate::msg!("fig_holds_nothing_from_to", "chart {sec} holds nothing from {from} to {to}", sec = sec, from = from, to = to));
            }
            num(100.0 * series_sum(data, sec, name, from, to)? / all, Pct)
        }
        // Prose says "fell by" (series.fall) or "rose by" (series.rise): the other way is an
        // error, never a silently wrong sentence.
        ("series.fall" | "series.rise", [sec, name, from, to]) => {
            // A stock's year with no record is an error (series.value's), never a count of 0.
            let at = |y: &str| if is_stock(data, sec) { series_value(data, sec, name, y) } else { series_sum(data, sec, name, y, y) };
            let (a, b) = (at(from)?, at(to)?);
            let rise = kind == "series.rise";
            if a <= 0.0 || (rise && b <= a) || (!rise && b >= a) {
                return Err(if rise {
                    crate::msg!("fig_did_not_rise_from", "{name} in {sec} did not rise from {from} to {to}", name = name, sec = sec, from = from, to = to)
                } else {
                    crate::msg!("fig_did_not_fall_from", "{name} in {sec} did not fall from {from} to {to}", name = name, sec = sec, from = from, to = to)
                });
            }
            num(100.0 * (b - a).abs() / a, Percent)
        }
        ("series.peak_year" | "series.first" | "series.last", [sec, name, window @ ..]) if window.is_empty() || window.len() == 2 => {
            series_year(data, kind, sec, name, window)
        }
        ("series.none" | "series.none_count", [sec]) => {
            let (years, values) = series_values(data, sec, "all")?;
            let none: Vec<String> = years.iter().zip(&values).filter(|(_, v)| v.unwrap_or(0.0) <= 0.0).map(|(y, _)| y.to_string()).collect();
            if kind == "series.none_count" {
                return num(none.len() as f64, Count);
            }
            if none.is_empty() {
                return Err(crate::msg!("fig_every_year_holds_value", "every year of chart {sec} holds a value", sec = sec));
            }
            Ok(Val::Text(data.words.list(&none)))
        }
        ("series.members", [sec, name]) => match &data.chart(sec)?.body {
            Body::Stacked(s) => s
                .series
                .iter()
                .find(|s| s.name == *name)
                .map(|s| Val::Num(s.members.len() as f64, Count))
                .ok_or_else(|| crate::msg!("fig_no_series", "no series \"{name}\" in chart {sec}", name = name, sec = sec)),
            _ => Err(crate::msg!("fig_is_not_stacked_bars", "chart \"{sec}\" is not stacked bars; only their series gather members", sec = sec)),
        },
        _ => Err(unknown(key)),
    }
}

/// `series.peak_year`, `series.first`, `series.last`: a year of a series, optionally within `FROM:TO`.
fn series_year(data: &Dataset, kind: &str, sec: &str, name: &str, window: &[&str]) -> Result<Val, Msg> {
    let (years, values) = series_values(data, sec, name)?;
    // Optionally within FROM:TO: the years outside count as nothing.
    let within = match window {
        [from, to] => {
            let (from, to) = (year_arg(from)?, year_arg(to)?);
            if !years.contains(&from) || !years.contains(&to) || from > to {
                return Err(crate::msg!("fig_is_not_span_years", "{from}-{to} is not a span of years of chart {sec}", from = from, to = to, sec = sec));
            }
            from..=to
        }
        _ => 0..=u16::MAX,
    };
    let values: Vec<f64> = values.iter().zip(&years).map(|(v, y)| if within.contains(y) { v.unwrap_or(0.0) } else { 0.0 }).collect();
    let j = match kind {
        "series.first" => values.iter().position(|v| *v > 0.0),
        "series.last" => values.iter().rposition(|v| *v > 0.0),
        _ => (0..values.len()).filter(|j| values[*j] > 0.0).fold(None, |b: Option<usize>, j| match b {
            Some(k) if values[k] >= values[j] => Some(k),
            _ => Some(j),
        }),
    };
    j.and_then(|j| years.get(j))
        .map(|y| Val::Num(*y as f64, Format::Plain))
        .ok_or_else(|| crate::msg!("fig_holds_no_value_for", "chart {sec} holds no value for {name}", sec = sec, name = name))
}

/// `part.*`: a share bar's parts and items, their shares, values and members.
fn eval_part(data: &Dataset, key: &str, kind: &str, args: &[&str]) -> Result<Val, Msg> {
    use Format::{Count, Pct, Thousands};
    if !matches!(kind, "part.share" | "part.rest" | "part.total" | "part.value" | "part.members") {
        return Err(unknown(key));
    }
    let sec = args.first().ok_or_else(|| crate::msg!("fig_names_no", "\"{key}\" names no chart", key = key))?;
    let Body::Share(s) = &data.chart(sec)?.body else {
        return Err(crate::msg!("fig_is_not_share_bar", "chart \"{sec}\" is not a share bar", sec = sec));
    };
    let share = |names: &str| -> Result<f64, Msg> {
        names
            .split('+')
            .map(|n| {
                let part = s.parts.iter().find(|p| p.name == n).map(|p| p.share);
                part.or_else(|| s.items.iter().find(|p| p.name == n).map(|p| p.share))
                    .ok_or_else(|| crate::msg!("fig_no_part", "no part \"{n}\" in chart {sec}", n = n, sec = sec))
            })
            .sum()
    };
    match (kind, &args[1..]) {
        ("part.share", [names]) => num(share(names)?, Pct),
        ("part.rest", [names]) => num(100.0 - share(names)?, Pct),
        ("part.total", []) => num(s.items.iter().map(|i| i.value).sum(), Thousands),
        ("part.value", [n]) => s
            .items
            .iter()
            .find(|i| i.name == *n)
            .map(|i| Val::Num(i.value, Thousands))
            .ok_or_else(|| crate::msg!("fig_no_item", "no item \"{n}\" in chart {sec}", n = n, sec = sec)),
        ("part.members", [n]) => s
            .parts
            .iter()
            .find(|p| p.name == *n)
            .map(|p| Val::Num(p.members.len() as f64, Count))
            .ok_or_else(|| crate::msg!("fig_no_part", "no part \"{n}\" in chart {sec}", n = n, sec = sec)),
        _ => Err(unknown(key)),
    }
}

/// `row.*`: a row of (horizontal) bars, and an example's share of its row.
fn eval_row(data: &Dataset, key: &str, kind: &str, args: &[&str]) -> Result<Val, Msg> {
    match (kind, args) {
        ("row.value", [sec, row]) => {
            let rows: Vec<(&str, f64)> = match &data.chart(sec)?.body {
                Body::HBars(h) => h.rows.iter().map(|r| (r.name.as_str(), r.value)).collect(),
                Body::Bars(b) => b.rows.iter().map(|r| (r.name.as_str(), r.value)).collect(),
                _ => return Err(crate::msg!("fig_has_no_rows_horizontal", "chart \"{sec}\" has no rows (horizontal bars or bars)", sec = sec)),
            };
            rows.iter()
                .find(|(n, _)| n == row)
                .map(|(_, v)| Val::Num(*v, Format::Thousands))
                .ok_or_else(|| crate::msg!("fig_no_row", "no row \"{row}\" in chart {sec}", row = row, sec = sec))
        }
        ("row.part", [sec, row, item]) => {
            let Body::HBars(h) = &data.chart(sec)?.body else {
                return Err(crate::msg!("fig_is_not_horizontal_bars", "chart \"{sec}\" is not horizontal bars", sec = sec));
            };
            let r = h.rows.iter().find(|r| r.name == *row).ok_or_else(|| crate::msg!("fig_no_row", "no row \"{row}\" in chart {sec}", row = row, sec = sec))?;
            let e = r
                .examples
                .iter()
                .find(|e| e.designation == *item)
                .ok_or_else(|| crate::msg!("fig_no_example_row", "no example \"{item}\" in row {row} of chart {sec}", item = item, row = row, sec = sec))?;
            if r.value <= 0.0 || e.value <= 0.0 {
                return Err(crate::msg!(
                    "fig_row_or_its_example",
                    "row {row} or its example {item} holds nothing in chart {sec}",
                    row = row,
                    item = item,
                    sec = sec
                ));
            }
            num(100.0 * e.value / r.value, Format::Percent)
        }
        _ => Err(unknown(key)),
    }
}

/// `chart.at`: the year a dot plot measures at.
fn eval_chart(data: &Dataset, key: &str, kind: &str, args: &[&str]) -> Result<Val, Msg> {
    match (kind, args) {
        ("chart.at", [sec]) => match &data.chart(sec)?.body {
            Body::Dots(d) => num(d.at as f64, Format::Plain),
            _ => Err(crate::msg!("fig_is_not_dot_plot", "chart \"{sec}\" is not a dot plot", sec = sec)),
        },
        _ => Err(unknown(key)),
    }
}

/// `claim`, `claim.diff`, `verdict`: a claim as stated, the difference of two, its verdict.
fn eval_claim(data: &Dataset, key: &str, kind: &str, args: &[&str]) -> Result<Val, Msg> {
    match (kind, args) {
        ("claim", [id]) => {
            let c = claim(data, id)?;
            num(c.value, Format::named(&c.format)?)
        }
        ("claim.diff", [a, b]) => {
            let (a, b) = (claim(data, a)?, claim(data, b)?);
            num(a.value - b.value, Format::named(&a.format)?)
        }
        ("verdict", [id]) => Ok(Val::Text(verdict_label(&data.words, claim_verdict(data, id)?))),
        _ => Err(unknown(key)),
    }
}

/// `value`, `value.min`, `value.max`, `value.list`: a named value, the least or most of it, its words.
fn eval_value(data: &Dataset, key: &str, kind: &str, args: &[&str]) -> Result<Val, Msg> {
    match (kind, args) {
        ("value" | "value.min" | "value.max", [id]) => {
            let v = value(data, id)?;
            let f = Format::named(&v.format)?;
            let pick = match kind {
                "value.min" => v.numbers.iter().copied().reduce(f64::min),
                "value.max" => v.numbers.iter().copied().reduce(f64::max),
                _ if v.numbers.len() == 1 => v.numbers.first().copied(),
                _ => {
                    return Err(crate::msg!(
                        "fig_value_numbers",
                        "value \"{id}\" holds {n} numbers; name one with value.min or value.max",
                        id = id,
                        n = v.numbers.len()
                    ))
                }
            };
            pick.map(|n| Val::Num(n, f)).ok_or_else(|| crate::msg!("fig_value_holds_no_number", "value \"{id}\" holds no number", id = id))
        }
        ("value.list", [id]) => {
            let v = value(data, id)?;
            if v.words.is_empty() {
                return Err(crate::msg!("fig_value_lists_nothing", "value \"{id}\" lists nothing", id = id));
            }
            Ok(Val::Text(data.words.list(&v.words)))
        }
        _ => Err(unknown(key)),
    }
}

/// `key.verdict`, `key.meaning`: the Nth verdict's label and what it means, for a chart's key.
fn eval_key(data: &Dataset, key: &str, kind: &str, args: &[&str]) -> Result<Val, Msg> {
    match (kind, args) {
        ("key.verdict" | "key.meaning", [i]) => {
            let v = i
                .parse::<usize>()
                .ok()
                .and_then(|i| VERDICTS.get(i))
                .ok_or_else(|| crate::msg!("fig_no_verdict", "no verdict {i} (0 to {last})", i = i, last = VERDICTS.len() - 1))?;
            Ok(Val::Text(data.words.get(&if kind == "key.verdict" { format!("verdict.{v}") } else { format!("verdict.{v}.meaning") }).to_string()))
        }
        _ => Err(unknown(key)),
    }
}

/// The figure named by `key`, formatted for the page: an expression over the story's declared
/// charts, claims and values, and optionally `|FORMAT` (one of [`crate::locale::FORMATS`]).
///
/// | key | value |
/// | --- | --- |
/// | `series.value:CHART:SERIES:YEAR` | one year of a series (by name or key; `SERIES/PART` a lines series' part), "1,034" |
/// | `series.total:CHART:SERIES:FROM:TO`, `series.mean:…` | summed over the years; the yearly mean (`all` sums every series) |
/// | `series.share:CHART:SERIES:FROM:TO` | a series' share of all, "12.5%" |
/// | `series.fall:CHART:SERIES:FROM:TO` | how far it fell from one year to another, "81%" (a rise is an error) |
/// | `series.rise:CHART:SERIES:FROM:TO` | how far it rose from one year to another, "81%" (a fall is an error) |
/// | `series.peak_year\|first\|last:CHART:SERIES[:FROM:TO]` | the year of the largest value; the first and last with any (within the years) |
/// | `series.none:CHART`, `series.none_count:CHART` | the years with nothing at all; how many |
/// | `series.members:CHART:SERIES` | how many members a grouped series gathers |
/// | `part.share:CHART:A+B`, `part.rest:CHART:A+B` | a share bar's parts (or items) together; everyone else |
/// | `part.total:CHART`, `part.value:CHART:ITEM` | the sum of a share bar's items; one item's value |
/// | `part.members:CHART:PART` | how many members a share bar's grouped part gathers |
/// | `row.value:CHART:ROW`, `row.part:CHART:ROW:EXAMPLE` | a row of (horizontal) bars; an example's share of its row |
/// | `chart.at:CHART` | the year a dot plot measures at |
/// | `claim:ID`, `claim.diff:A:B` | a claim as stated, in its format; the difference of two |
/// | `verdict:ID` | the claim's verdict label, from its `measured` expression and rule |
/// | `value:ID`, `value.min:ID`, `value.max:ID`, `value.list:ID` | a named value; the least and most of a list; a list of words |
/// | `key.verdict:N`, `key.meaning:N` | the Nth verdict of [`VERDICTS`] and what it means |
pub fn figure(data: &Dataset, key: &str) -> Result<String, String> {
    figure_msg(data, key).map_err(|e| e.in_words(&data.words))
}

fn figure_msg(data: &Dataset, key: &str) -> Result<String, Msg> {
    let (expr, format) = match key.split_once('|') {
        Some((e, f)) => (e, Some(Format::named(f)?)),
        None => (key, None),
    };
    Ok(match eval(data, expr)? {
        Val::Num(v, f) => format.unwrap_or(f).write(&data.locale, v),
        Val::Text(t) => t,
    })
}
