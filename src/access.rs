//! What a chart says, for readers who cannot see it: a description of each state and a
//! data table for each chart, both generated from the data (never written by hand), so
//! they change when the figures change.

use crate::charts::{chart_title, order_by, peak_until, share_groups};
use crate::data::{ArmsByYear, Dataset, Event, Origin, SupplierYears, Words};
use crate::figures::{verdict, verdict_label, VERDICTS};
use crate::story::{series_names, ChartKind, View};

/// A chart's data as a table: caption, column headers, rows of cells (already formatted).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Appends a sentence in the story's words (`describe.…` templates), after a space.
fn say(s: &mut String, w: &Words, key: &str, slots: &[(&str, &str)]) {
    if !s.is_empty() {
        s.push(' ');
    }
    s.push_str(&w.fill(key, slots));
}

/// Indices of `years` inside the view's window (all of them for a view without one).
fn shown(view: &View, years: &[u16]) -> Vec<usize> {
    let inside = |y: u16| view.window.is_none_or(|[a, b]| y as f64 >= a - 1e-6 && y as f64 <= b + 1e-6);
    (0..years.len()).filter(|&j| inside(years[j])).collect()
}

/// The first and last of the years at `js` (0 when there are none).
fn ends(years: &[u16], js: &[usize]) -> (u16, u16) {
    let at = |j: Option<&usize>| j.and_then(|j| years.get(*j)).copied().unwrap_or(0);
    (at(js.first()), at(js.last()))
}

/// Ascending years as runs: [2017, 2018, 2019, 2021] -> "2017-2019", "2021".
fn runs(years: &[u16]) -> Vec<String> {
    let mut out: Vec<(u16, u16)> = Vec::new();
    for &y in years {
        match out.last_mut() {
            Some(r) if y == r.1 + 1 => r.1 = y,
            _ => out.push((y, y)),
        }
    }
    out.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect()
}

fn tiv(s: &SupplierYears, j: usize) -> f64 {
    s.tiv.get(j).copied().unwrap_or(0.0)
}

/// All series of a stacked chart together in the year at `j`.
fn year_total(a: &ArmsByYear, j: usize) -> f64 {
    a.suppliers.iter().map(|s| tiv(s, j)).sum()
}

/// The largest year among `js`: (year, total); the earliest wins a tie.
fn peak_year(a: &ArmsByYear, js: &[usize]) -> Option<(u16, f64)> {
    js.iter().map(|&j| (a.years[j], year_total(a, j))).fold(None, |best, (y, v)| match best {
        Some((_, b)) if b >= v => best,
        _ => Some((y, v)),
    })
}

/// An event as the description and the table name it: its label and the commentary's dating.
fn event_name(e: &Event) -> String {
    format!("{} ({})", e.label, e.when)
}

/// A part's share of a whole, as "12.3%" (0.0% of an empty whole).
fn share(f: &crate::data::Locale, part: f64, whole: f64) -> String {
    if whole > 0.0 {
        f.pct(100.0 * part / whole)
    } else {
        f.pct(0.0)
    }
}

/// Venezuela in UNHCR's series: the origin the categories chart splits.
pub const VENEZUELA: &str = "VEN";

/// An origin's counts by category at `j`, in the order of the series' `categories`; `None` where UNHCR has no record.
fn by_category(o: &Origin, j: usize) -> [Option<f64>; 3] {
    let at = |v: &[Option<f64>]| v.get(j).copied().flatten();
    [at(&o.refugees), at(&o.asylum_seekers), at(&o.oip)]
}

/// A few sentences saying what the chart in `view` shows: values, ranking, trend.
pub fn describe(data: &Dataset, view: &View) -> String {
    let w = &data.words;
    let f = &data.locale;
    if let Some(problem) = view.kind.unavailable(data) {
        return w.fill("describe.unavailable", &[("problem", problem)]);
    }
    let names = series_names(data, view.kind);
    let chosen: Vec<String> = view.emphasised(&names).into_iter().map(String::from).collect();
    let partial = !chosen.is_empty() && chosen.len() < names.len();
    let mut s = match view.kind {
        ChartKind::Title => {
            let c = &data.commentary;
            w.fill("describe.title", &[("headline", w.get("title.headline")), ("author", &c.author), ("publisher", &c.publisher), ("year", &c.year.to_string())])
        }
        ChartKind::ArmsByYear => {
            let a = &data.arms_by_year;
            let js = shown(view, &a.years);
            let (first, last) = ends(&a.years, &js);
            let totals: Vec<(String, f64)> = a.suppliers.iter().map(|s| (s.name.clone(), js.iter().map(|&j| tiv(s, j)).sum())).collect();
            let all: f64 = totals.iter().map(|t| t.1).sum();
            let mut s = w.fill("describe.arms-by-year", &[("first", &first.to_string()), ("last", &last.to_string()), ("total", &f.thousands(all))]);
            if let Some((y, v)) = peak_year(a, &js) {
                say(&mut s, w, "describe.largest_year", &[("x", &y.to_string()), ("value", &f.thousands(v))]);
            }
            let by: Vec<String> = totals.iter().map(|(n, v)| format!("{n} {}", f.thousands(*v))).collect();
            say(&mut s, w, "describe.totals_by_series", &[("list", &w.list(&by))]);
            for name in chosen.iter().filter(|_| partial) {
                if let Some(sup) = a.suppliers.iter().find(|s| &s.name == name) {
                    let years: Vec<u16> = js.iter().filter(|&&j| tiv(sup, j) > 0.0).map(|&j| a.years[j]).collect();
                    if let (Some(f), Some(l)) = (years.first(), years.last()) {
                        say(&mut s, w, "describe.series_runs", &[("name", name), ("first", &f.to_string()), ("last", &l.to_string())]);
                    }
                }
            }
            s
        }
        ChartKind::ArmsShares => {
            let groups = share_groups(data);
            let parts: Vec<String> = groups.iter().map(|(n, v, _)| format!("{n} {}", f.pct(*v))).collect();
            let win = data.arms_shares.window;
            let mut s = w.fill("describe.arms-shares", &[("first", &win[0].to_string()), ("last", &win[1].to_string()), ("list", &w.list(&parts))]);
            if partial {
                let total: f64 = groups.iter().filter(|g| chosen.contains(&g.0)).map(|g| g.1).sum();
                say(&mut s, w, "describe.highlighted_together", &[("names", &w.list(&chosen)), ("value", &f.pct(total))]);
                let c = &data.commentary;
                let stated = match chosen.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                    ["Russia"] => Some(c.russia_share_pct),
                    ["Russia", "China"] => Some(c.russia_china_share_pct),
                    _ => None,
                };
                if let Some(p) = stated {
                    say(&mut s, w, "describe.reference", &[("value", &f.percent(p, 0))]);
                }
            }
            s
        }
        ChartKind::RussiaByCategory => {
            let r = &data.russia_by_category;
            let parts: Vec<String> = r.categories.iter().map(|c| format!("{} {}", c.name, f.thousands(c.tiv))).collect();
            w.fill("describe.russia-by-category", &[("first", &r.window[0].to_string()), ("last", &r.window[1].to_string()), ("list", &w.list(&parts))])
        }
        ChartKind::DisplacementClaims => {
            let parts: Vec<String> = data
                .displacement_claims
                .items
                .iter()
                .map(|c| {
                    let value = f.number(c.millions, 1);
                    if c.note.is_empty() {
                        w.fill("describe.claim", &[("name", &c.label), ("value", &value)])
                    } else {
                        w.fill("describe.claim_note", &[("name", &c.label), ("value", &value), ("note", &c.note)])
                    }
                })
                .collect();
            w.fill("describe.displacement-claims", &[("list", &w.list(&parts))])
        }
        ChartKind::DisplacementSeries => {
            let d = &data.displacement_series;
            let js = shown(view, &d.years);
            let (first, last) = ends(&d.years, &js);
            let latest: Vec<(String, f64)> = d
                .origins
                .iter()
                .filter_map(|o| js.iter().rev().find_map(|&j| o.displaced(j)).map(|v| (o.name.clone(), v)))
                .collect();
            let largest_first = order_by(&latest.iter().map(|(_, v)| -v).collect::<Vec<_>>());
            let parts: Vec<String> = largest_first.iter().map(|&i| format!("{} {}", latest[i].0, f.people(latest[i].1))).collect();
            let mut s = w.fill("describe.displacement-series", &[("first", &first.to_string()), ("last", &last.to_string()), ("list", &w.list(&parts))]);
            for o in d.origins.iter().filter(|o| !partial || chosen.contains(&o.name)) {
                if let Some((y, v)) = peak_until(&d.years, o, d.peaks_until) {
                    say(&mut s, w, "describe.highest_until", &[("name", &o.name), ("until", &d.peaks_until.to_string()), ("value", &f.people(v)), ("x", &y.to_string())]);
                }
            }
            s
        }
        ChartKind::Timeline => describe_timeline(data, view, &chosen, partial),
        ChartKind::DisplacementCheck => describe_check(data),
        ChartKind::DisplacementCategories => describe_categories(data, view),
        ChartKind::ArmsSince => describe_since(data, view, &chosen, partial),
        ChartKind::RussiaExports => describe_exports(data, view, &chosen, partial),
    };
    // The share chart says what it highlights in its own words; the timeline names events by label.
    if partial && !matches!(view.kind, ChartKind::ArmsShares | ChartKind::Timeline) {
        say(&mut s, w, "describe.highlighted", &[("names", &w.list(&chosen))]);
    }
    if view.annotate.iter().any(|a| a == "publication") && data.problem("commentary").is_none() {
        say(&mut s, w, "describe.publication", &[("year", &data.commentary.year.to_string())]);
    }
    if view.dim >= 0.5 {
        s = w.fill("describe.faded", &[("text", &s)]);
    }
    s
}

/// Russia's deliveries (the events' supplier) under the commentary's dated events: the one thing
/// to see is where the last delivery falls against the events.
fn describe_timeline(data: &Dataset, view: &View, chosen: &[String], partial: bool) -> String {
    let w = &data.words;
    let f = &data.locale;
    let (ev, a) = (&data.events, &data.arms_by_year);
    let full = ChartKind::Timeline.years(data).unwrap_or((0, 0));
    let (lo, hi) = view.window.map_or(full, |[x, y]| (x.round() as u16, y.round() as u16));
    let inside = |y: u16| y >= lo && y <= hi;
    let keys: Vec<f64> = ev.events.iter().map(|e| e.year as f64).collect();
    let events: Vec<&Event> = order_by(&keys).into_iter().map(|i| &ev.events[i]).filter(|e| inside(e.year)).collect();
    let who = &ev.series;
    let Some(sup) = a.suppliers.iter().find(|s| &s.name == who) else {
        return w.fill("describe.timeline.unknown_series", &[("series", who)]);
    };
    let js: Vec<usize> = (0..a.years.len()).filter(|&j| inside(a.years[j])).collect();
    let total: f64 = js.iter().map(|&j| tiv(sup, j)).sum();
    let listed: Vec<String> = events.iter().map(|e| event_name(e)).collect();
    let n = events.len().to_string();
    let slots = [("series", who.as_str()), ("first", &lo.to_string()), ("last", &hi.to_string()), ("total", &f.thousands(total)), ("n", &n), ("list", &w.list(&listed))];
    let key = match events.len() {
        0 => "describe.timeline.none_dated",
        1 => "describe.timeline.one",
        _ => "describe.timeline",
    };
    let mut s = w.fill(key, &slots);
    if let Some(end) = a.years.last().filter(|y| **y < hi) {
        say(&mut s, w, "describe.timeline.data_end", &[("x", &end.to_string())]);
    }
    // The last delivery the reader can have seen: none after the window's end counts.
    let last = (0..a.years.len()).rev().find(|&j| a.years[j] <= hi && tiv(sup, j) > 0.0).map(|j| a.years[j]);
    match last {
        None => say(&mut s, w, "describe.timeline.no_values", &[("series", who), ("x", &hi.to_string())]),
        Some(l) => {
            let l_text = l.to_string();
            if l < lo {
                say(&mut s, w, "describe.timeline.last_before", &[("series", who), ("x", &l_text)]);
            } else {
                say(&mut s, w, "describe.timeline.last", &[("series", who), ("x", &l_text)]);
            }
            let after: Vec<&&Event> = events.iter().filter(|e| e.year > l).collect();
            match after.first() {
                None if !events.is_empty() => say(&mut s, w, "describe.timeline.all_before", &[("x", &l_text)]),
                None => {}
                Some(e) => {
                    let gap = e.year - l;
                    let gap = w.fill(if gap == 1 { "describe.years_after_one" } else { "describe.years_after" }, &[("n", &gap.to_string())]);
                    let slots = [("event", event_name(e)), ("gap", gap), ("n", after.len().to_string()), ("total", events.len().to_string())];
                    let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    say(&mut s, w, if after.len() == events.len() { "describe.timeline.all_after" } else { "describe.timeline.some_after" }, &slots);
                }
            }
        }
    }
    if partial {
        let picked: Vec<String> = ev.events.iter().filter(|e| chosen.contains(&e.id)).map(event_name).collect();
        say(&mut s, w, "describe.highlighted", &[("names", &w.list(&picked))]);
    }
    s
}

/// Each displacement figure of the commentary beside UNHCR's count at one reference year.
fn describe_check(data: &Dataset) -> String {
    let w = &data.words;
    let f = &data.locale;
    let (dc, ds) = (&data.displacement_claims, &data.displacement_series);
    let mut counts = [0usize; VERDICTS.len()];
    let parts: Vec<String> = dc
        .items
        .iter()
        .map(|c| {
            let origin = ds.origins.iter().find(|o| o.iso == c.iso).map(|o| o.name.as_str());
            let who = match origin {
                Some(name) if name != c.label => w.fill("describe.check.other_origin", &[("name", &c.label), ("origin", name)]),
                _ => c.label.clone(),
            };
            let stated = f.number(c.millions, 1);
            match data.measured(c) {
                Some((v, _)) => {
                    let code = verdict(c.millions, v / 1e6, 0.1);
                    if let Some(i) = VERDICTS.iter().position(|w| *w == code) {
                        counts[i] += 1;
                    }
                    let says = verdict_label(&data.words, code);
                    w.fill("describe.check.row", &[("name", &who), ("stated", &stated), ("measured", &f.people(v)), ("verdict", &says)])
                }
                None => w.fill("describe.check.row_unmeasured", &[("name", &who), ("stated", &stated)]),
            }
        })
        .collect();
    let mut s = w.fill("describe.displacement-check", &[("year", &dc.reference_year.to_string()), ("rows", &parts.join("; "))]);
    let tally: Vec<String> = VERDICTS.iter().zip(counts).filter(|(_, n)| *n > 0).map(|(v, n)| w.fill("describe.check.tally_item", &[("verdict", &verdict_label(w, v)), ("n", &n.to_string())])).collect();
    if !tally.is_empty() {
        say(&mut s, w, "describe.check.tally", &[("n", &counts.iter().sum::<usize>().to_string()), ("list", &w.list(&tally))]);
    }
    s
}

/// Venezuela's count abroad by UNHCR category; the one thing to see is how much of it the
/// newest category holds.
fn describe_categories(data: &Dataset, view: &View) -> String {
    let w = &data.words;
    let f = &data.locale;
    let d = &data.displacement_series;
    let js = shown(view, &d.years);
    let (first, last) = ends(&d.years, &js);
    let Some(o) = d.origins.iter().find(|o| o.iso == VENEZUELA) else {
        return w.fill("describe.categories.no_origin", &[("origin", VENEZUELA)]);
    };
    let mut s = w.fill(
        "describe.displacement-categories",
        &[("name", &o.name), ("first", &first.to_string()), ("last", &last.to_string()), ("list", &w.list(&d.categories.iter().map(|c| c.to_ascii_lowercase()).collect::<Vec<_>>()))],
    );
    let recorded: Vec<usize> = js.iter().copied().filter(|&j| o.displaced(j).is_some()).collect();
    let (Some(&j0), Some(&j)) = (recorded.first(), recorded.last()) else {
        say(&mut s, w, "describe.categories.no_record", &[("name", &o.name)]);
        return s;
    };
    let total = o.displaced(j).unwrap_or(0.0);
    let parts = by_category(o, j).map(|v| v.unwrap_or(0.0));
    let (newest, newest_name) = (parts[2], crate::data::category(&d.categories, 2).to_ascii_lowercase());
    let slots = [
        ("x", d.years[j].to_string()),
        ("total", f.people(total)),
        ("c", f.people(newest)),
        ("c_share", share(f, newest, total)),
        ("c_name", newest_name.clone()),
        ("a", f.people(parts[0])),
        ("a_share", share(f, parts[0], total)),
        ("a_name", crate::data::category(&d.categories, 0).to_ascii_lowercase()),
        ("b", f.people(parts[1])),
        ("b_share", share(f, parts[1], total)),
        ("b_name", crate::data::category(&d.categories, 1).to_ascii_lowercase()),
    ];
    let slots: Vec<(&str, &str)> = slots.iter().map(|(k, v)| (*k, v.as_str())).collect();
    say(&mut s, w, "describe.categories.split", &slots);
    if let Some(k) = js.iter().find(|&&k| by_category(o, k)[2].unwrap_or(0.0) > 0.0) {
        say(&mut s, w, "describe.categories.counted_from", &[("name", &newest_name), ("x", &d.years[*k].to_string())]);
    }
    if d.years[j0] > first {
        say(&mut s, w, "describe.no_record_before", &[("x", &d.years[j0].to_string())]);
    }
    s
}

/// Deliveries to Venezuela after the commentary's window: the years with none, and who supplied.
fn describe_since(data: &Dataset, view: &View, chosen: &[String], partial: bool) -> String {
    let w = &data.words;
    let f = &data.locale;
    let a = &data.arms_since;
    let js = shown(view, &a.years);
    let (first, last) = ends(&a.years, &js);
    let totals: Vec<f64> = a.suppliers.iter().map(|s| js.iter().map(|&j| tiv(s, j)).sum()).collect();
    let all: f64 = totals.iter().sum();
    let mut s = w.fill("describe.arms-since", &[("first", &first.to_string()), ("last", &last.to_string()), ("total", &f.thousands(all))]);
    let empty: Vec<u16> = js.iter().filter(|&&j| year_total(a, j) <= 0.0).map(|&j| a.years[j]).collect();
    if empty.len() == js.len() {
        say(&mut s, w, "describe.since.nothing", &[]);
        return s;
    }
    let largest_first = order_by(&totals.iter().map(|v| -v).collect::<Vec<_>>());
    let from: Vec<String> = largest_first.iter().filter(|&&i| totals[i] > 0.0).map(|&i| format!("{} {}", a.suppliers[i].name, f.thousands(totals[i]))).collect();
    say(&mut s, w, "describe.since.from", &[("list", &w.list(&from))]);
    if let Some((y, v)) = peak_year(a, &js) {
        say(&mut s, w, "describe.largest_year", &[("x", &y.to_string()), ("value", &f.thousands(v))]);
    }
    if !empty.is_empty() {
        say(&mut s, w, "describe.since.empty_years", &[("runs", &w.list(&runs(&empty))), ("n", &empty.len().to_string()), ("total", &js.len().to_string())]);
    }
    let none: Vec<String> = a.suppliers.iter().zip(&totals).filter(|(s, v)| **v <= 0.0 && s.members.is_empty()).map(|(s, _)| s.name.clone()).collect();
    if !none.is_empty() {
        say(&mut s, w, "describe.since.none_from", &[("list", &w.list(&none))]);
    }
    for sup in a.suppliers.iter().filter(|s| partial && chosen.contains(&s.name)) {
        let years: Vec<u16> = js.iter().filter(|&&j| tiv(sup, j) > 0.0).map(|&j| a.years[j]).collect();
        if !years.is_empty() {
            say(&mut s, w, "describe.since.series_years", &[("name", &sup.name), ("runs", &w.list(&runs(&years)))]);
        }
    }
    s
}

/// Russia's deliveries to the world by region of recipient: the peak, the fall, and whether the
/// fall was under way before the commentary appeared.
fn describe_exports(data: &Dataset, view: &View, chosen: &[String], partial: bool) -> String {
    let w = &data.words;
    let f = &data.locale;
    let a = &data.russia_exports;
    let js = shown(view, &a.years);
    let (first, last) = ends(&a.years, &js);
    let totals: Vec<f64> = a.suppliers.iter().map(|s| js.iter().map(|&j| tiv(s, j)).sum()).collect();
    let all: f64 = totals.iter().sum();
    let mut s = w.fill("describe.russia-exports", &[("first", &first.to_string()), ("last", &last.to_string()), ("total", &f.thousands(all))]);
    let at = |y: u16| js.iter().find(|&&j| a.years[j] == y).map(|&j| year_total(a, j));
    if let (Some((py, pv)), Some(lv)) = (peak_year(a, &js), at(last)) {
        if py < last && pv > 0.0 {
            let slots = [("x", &py.to_string()), ("peak", &f.thousands(pv)), ("value", &f.thousands(lv)), ("last", &last.to_string()), ("fall", &f.pct(100.0 * (pv - lv) / pv))];
            say(&mut s, w, "describe.exports.peak_and_fall", &slots.map(|(k, v)| (k, v.as_str())));
        } else {
            say(&mut s, w, "describe.exports.peak_last", &[("x", &py.to_string()), ("value", &f.thousands(pv))]);
        }
        let published = data.commentary.year;
        let year = published.to_string();
        if data.problem("commentary").is_none() && py < published {
            match at(published - 1) {
                Some(before) if before < pv => {
                    let slots = [("year", year.clone()), ("x", (published - 1).to_string()), ("fall", f.pct(100.0 * (pv - before) / pv))];
                    say(&mut s, w, "describe.exports.fall_before", &slots.each_ref().map(|(k, v)| (*k, v.as_str())));
                }
                Some(_) => say(&mut s, w, "describe.exports.peak_year_before", &[("year", &year)]),
                None => {}
            }
        } else if data.problem("commentary").is_none() && py >= published && published > 0 {
            say(&mut s, w, "describe.exports.peak_after", &[("year", &year)]);
        }
    }
    let parts: Vec<String> = a.suppliers.iter().zip(&totals).map(|(r, v)| format!("{} {} ({})", r.name, f.thousands(*v), share(f, *v, all))).collect();
    say(&mut s, w, "describe.exports.by_series", &[("list", &w.list(&parts))]);
    // A region whose deliveries stop before the last year shown.
    for r in &a.suppliers {
        match js.iter().rposition(|&j| tiv(r, j) > 0.0) {
            Some(k) if k + 1 < js.len() => say(&mut s, w, "describe.exports.stops", &[("name", &r.name), ("x", &a.years[js[k]].to_string())]),
            _ => {}
        }
    }
    for r in a.suppliers.iter().filter(|r| partial && chosen.contains(&r.name)) {
        let own: Vec<f64> = js.iter().map(|&j| tiv(r, j)).collect();
        let top = own.iter().enumerate().fold(None, |best: Option<(usize, f64)>, (k, v)| match best {
            Some((_, b)) if b >= *v => best,
            _ => Some((k, *v)),
        });
        if let (Some((k, v)), Some(lv)) = (top, own.last()) {
            let slots = [("name", r.name.clone()), ("x", a.years[js[k]].to_string()), ("value", f.thousands(v)), ("last_value", f.thousands(*lv)), ("last", last.to_string())];
            say(&mut s, w, "describe.exports.series", &slots.each_ref().map(|(k, v)| (*k, v.as_str())));
        }
    }
    s
}

/// The figures behind a chart as a table; `None` for the title card or broken data.
pub fn table(data: &Dataset, kind: ChartKind) -> Option<Table> {
    if kind.unavailable(data).is_some() {
        return None;
    }
    let w = &data.words;
    let f = &data.locale;
    let h = |key: &str| w.get(key).to_string();
    let caption = w.fill("table.caption", &[("title", &chart_title(data, kind)), ("source", &crate::export::source_of(data, kind).line(w))]);
    let t = match kind {
        ChartKind::Title => return None,
        ChartKind::ArmsByYear => stacked_table(caption, &data.arms_by_year, w, f),
        ChartKind::ArmsShares => Table {
            caption,
            headers: vec![h("table.series"), h("table.value"), h("table.share")],
            rows: data.arms_shares.suppliers.iter().map(|s| vec![s.name.clone(), f.thousands(s.tiv), f.pct(s.share_pct)]).collect(),
        },
        ChartKind::RussiaByCategory => Table {
            caption,
            headers: vec![h("table.row"), h("table.value"), h("table.examples")],
            rows: data
                .russia_by_category
                .categories
                .iter()
                .map(|c| {
                    let ex: Vec<String> = c.examples.iter().map(|e| format!("{} {} ({})", e.number, e.designation, e.description)).collect();
                    vec![c.name.clone(), f.thousands(c.tiv), ex.join("; ")]
                })
                .collect(),
        },
        ChartKind::DisplacementClaims => Table {
            caption,
            headers: vec![h("table.as_named"), h("table.claimed"), h("table.note")],
            rows: data.displacement_claims.items.iter().map(|c| vec![c.label.clone(), f.number(c.millions, 1), c.note.clone()]).collect(),
        },
        ChartKind::DisplacementSeries => {
            let d = &data.displacement_series;
            let mut headers = vec![h("table.year")];
            headers.extend(d.origins.iter().map(|o| o.name.clone()));
            let rows = d
                .years
                .iter()
                .enumerate()
                .map(|(j, y)| {
                    let mut row = vec![y.to_string()];
                    row.extend(d.origins.iter().map(|o| o.displaced(j).map(|v| f.thousands(v)).unwrap_or_else(|| h("table.no_record"))));
                    row
                })
                .collect();
            Table { caption, headers, rows }
        }
        ChartKind::Timeline => {
            let (ev, a) = (&data.events, &data.arms_by_year);
            let sup = a.suppliers.iter().find(|s| s.name == ev.series);
            let (lo, hi) = kind.years(data).unwrap_or((0, 0));
            let lo = ev.events.iter().map(|e| e.year).fold(lo, u16::min);
            let keys: Vec<f64> = ev.events.iter().map(|e| e.year as f64).collect();
            let in_order = order_by(&keys);
            let rows = (lo..=hi)
                .map(|y| {
                    let delivered = match (a.years.iter().position(|x| *x == y), sup) {
                        (Some(j), Some(s)) => f.thousands(tiv(s, j)),
                        _ => h("table.outside"),
                    };
                    let events: Vec<String> = in_order.iter().map(|&i| &ev.events[i]).filter(|e| e.year == y).map(event_name).collect();
                    vec![y.to_string(), delivered, events.join("; ")]
                })
                .collect();
            Table {
                caption,
                headers: vec![h("table.year"), w.fill("table.series_values", &[("series", &ev.series)]), h("table.events")],
                rows,
            }
        }
        ChartKind::DisplacementCheck => {
            let (dc, ds) = (&data.displacement_claims, &data.displacement_series);
            let rows = dc
                .items
                .iter()
                .map(|c| {
                    let origin = ds.origins.iter().find(|o| o.iso == c.iso).map_or_else(|| h("table.not_in_series"), |o| o.name.clone());
                    let (count, says) = match data.measured(c) {
                        Some((v, _)) => (f.thousands(v), verdict_label(w, verdict(c.millions, v / 1e6, 0.1))),
                        None => (h("table.no_record"), h("table.not_checked")),
                    };
                    vec![c.label.clone(), f.number(c.millions, 1), origin, count, says]
                })
                .collect();
            Table {
                caption,
                headers: vec![h("table.as_named"), h("table.stated"), h("table.origin"), w.fill("table.measured_at", &[("year", &dc.reference_year.to_string())]), h("table.verdict")],
                rows,
            }
        }
        ChartKind::DisplacementCategories => {
            let d = &data.displacement_series;
            let mut headers = vec![h("table.year")];
            headers.extend(d.categories.iter().cloned());
            headers.push(h("table.total"));
            let cell = |v: Option<f64>| v.map(|v| f.thousands(v)).unwrap_or_else(|| h("table.no_record"));
            let rows = match d.origins.iter().find(|o| o.iso == VENEZUELA) {
                None => vec![],
                Some(o) => d
                    .years
                    .iter()
                    .enumerate()
                    .map(|(j, y)| {
                        let mut row = vec![y.to_string()];
                        row.extend(by_category(o, j).map(cell));
                        row.push(cell(o.displaced(j)));
                        row
                    })
                    .collect(),
            };
            Table { caption, headers, rows }
        }
        ChartKind::ArmsSince => stacked_table(caption, &data.arms_since, w, f),
        ChartKind::RussiaExports => stacked_table(caption, &data.russia_exports, w, f),
    };
    Some(t)
}

/// A stacked chart of TIV over years as a table: a row a year, a column a series, and the total.
fn stacked_table(caption: String, a: &ArmsByYear, w: &Words, f: &crate::data::Locale) -> Table {
    let mut headers = vec![w.get("table.year").to_string()];
    headers.extend(a.suppliers.iter().map(|s| s.name.clone()));
    headers.push(w.get("table.total").to_string());
    let rows = a
        .years
        .iter()
        .enumerate()
        .map(|(j, y)| {
            let mut row = vec![y.to_string()];
            row.extend(a.suppliers.iter().map(|s| f.thousands(tiv(s, j))));
            row.push(f.thousands(year_total(a, j)));
            row
        })
        .collect();
    Table { caption, headers, rows }
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

impl Table {
    /// The table as escaped HTML, for the pages built ahead of time.
    pub fn to_html(&self) -> String {
        let mut h = format!("<table>\n<caption>{}</caption>\n<thead><tr>", escape(&self.caption));
        for c in &self.headers {
            h.push_str(&format!("<th scope=\"col\">{}</th>", escape(c)));
        }
        h.push_str("</tr></thead>\n<tbody>\n");
        for r in &self.rows {
            h.push_str("<tr>");
            for (i, c) in r.iter().enumerate() {
                if i == 0 {
                    h.push_str(&format!("<th scope=\"row\">{}</th>", escape(c)));
                } else {
                    h.push_str(&format!("<td>{}</td>", escape(c)));
                }
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody>\n</table>");
        h
    }
}
