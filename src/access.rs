//! What a chart says, for readers who cannot see it: a description of each state and a
//! data table for each chart, both generated from the data (never written by hand), so
//! they change when the figures change.

use crate::charts::{chart_title, order_by, peak_until, share_groups};
use crate::data::{ArmsByYear, Dataset, Event, Origin, SupplierYears};
use crate::figures::{pct, people, thousands, verdict, verdict_label, VERDICTS};
use crate::story::{series_names, ChartKind, View, CATEGORIES};

/// A chart's data as a table: caption, column headers, rows of cells (already formatted).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
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
fn share(part: f64, whole: f64) -> String {
    if whole > 0.0 {
        pct(100.0 * part / whole)
    } else {
        pct(0.0)
    }
}

/// Venezuela in UNHCR's series: the origin the categories chart splits.
pub const VENEZUELA: &str = "VEN";

/// An origin's counts by category at `j`, in the order of [`CATEGORIES`]; `None` where UNHCR has no record.
fn by_category(o: &Origin, j: usize) -> [Option<f64>; 3] {
    let at = |v: &[Option<f64>]| v.get(j).copied().flatten();
    [at(&o.refugees), at(&o.asylum_seekers), at(&o.oip)]
}

/// A few sentences saying what the chart in `view` shows: values, ranking, trend.
pub fn describe(data: &Dataset, view: &View) -> String {
    if let Some(problem) = view.kind.unavailable(data) {
        return format!("This chart cannot be drawn: {problem}");
    }
    let names = series_names(data, view.kind);
    let chosen: Vec<String> = view.emphasised(&names).into_iter().map(String::from).collect();
    let partial = !chosen.is_empty() && chosen.len() < names.len();
    let mut s = match view.kind {
        ChartKind::Title => {
            let c = &data.commentary;
            format!("Title card: Russia, China and Maduro's lifelines, after the commentary by {} ({}, {}).", c.author, c.publisher, c.year)
        }
        ChartKind::ArmsByYear => {
            let a = &data.arms_by_year;
            let js = shown(view, &a.years);
            let (first, last) = ends(&a.years, &js);
            let totals: Vec<(String, f64)> = a.suppliers.iter().map(|s| (s.name.clone(), js.iter().map(|&j| tiv(s, j)).sum())).collect();
            let all: f64 = totals.iter().map(|t| t.1).sum();
            let mut s = format!(
                "Stacked bars of Venezuela's arms imports each year from {first} to {last}, by supplier, in millions of SIPRI trend-indicator value (TIV): {} in all.",
                thousands(all)
            );
            if let Some((y, v)) = peak_year(a, &js) {
                s.push_str(&format!(" The largest year is {y}, with {}.", thousands(v)));
            }
            let by: Vec<String> = totals.iter().map(|(n, v)| format!("{n} {}", thousands(*v))).collect();
            s.push_str(&format!(" Totals by supplier: {}.", join_and(&by)));
            for name in chosen.iter().filter(|_| partial) {
                if let Some(sup) = a.suppliers.iter().find(|s| &s.name == name) {
                    let years: Vec<u16> = js.iter().filter(|&&j| tiv(sup, j) > 0.0).map(|&j| a.years[j]).collect();
                    if let (Some(f), Some(l)) = (years.first(), years.last()) {
                        s.push_str(&format!(" {name}'s deliveries run from {f} to {l}."));
                    }
                }
            }
            s
        }
        ChartKind::ArmsShares => {
            let groups = share_groups(data);
            let parts: Vec<String> = groups.iter().map(|(n, v, _)| format!("{n} {}", pct(*v))).collect();
            let w = data.arms_shares.window;
            let mut s = format!("A bar divided into each supplier's share of Venezuela's arms imports, {} to {}: {}.", w[0], w[1], join_and(&parts));
            if partial {
                let total: f64 = groups.iter().filter(|g| chosen.contains(&g.0)).map(|g| g.1).sum();
                s.push_str(&format!(" Highlighted: {}, together {}.", join_and(&chosen), pct(total)));
                let c = &data.commentary;
                match chosen.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
                    ["Russia"] => s.push_str(&format!(" The commentary gives {:.0}%.", c.russia_share_pct)),
                    ["Russia", "China"] => s.push_str(&format!(" The commentary gives {:.0}%.", c.russia_china_share_pct)),
                    _ => {}
                }
            }
            s
        }
        ChartKind::RussiaByCategory => {
            let r = &data.russia_by_category;
            let parts: Vec<String> = r.categories.iter().map(|c| format!("{} {}", c.name, thousands(c.tiv))).collect();
            format!(
                "Bars of what Russia delivered to Venezuela from {} to {}, by kind of weapon, in millions of TIV, largest first: {}.",
                r.window[0],
                r.window[1],
                join_and(&parts)
            )
        }
        ChartKind::DisplacementClaims => {
            let parts: Vec<String> = data
                .displacement_claims
                .items
                .iter()
                .map(|c| if c.note.is_empty() { format!("{} {:.1} million", c.label, c.millions) } else { format!("{} {:.1} million ({})", c.label, c.millions, c.note) })
                .collect();
            format!("Bars of the people displaced, as the commentary gives them: {}.", join_and(&parts))
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
            let parts: Vec<String> = largest_first.iter().map(|&i| format!("{} {}", latest[i].0, people(latest[i].1))).collect();
            let mut s = format!(
                "Lines of the people displaced abroad from {first} to {last} by origin (refugees, asylum-seekers and others in need of international protection). At the end of {last}, largest first: {}.",
                join_and(&parts)
            );
            for o in d.origins.iter().filter(|o| !partial || chosen.contains(&o.name)) {
                if let Some((y, v)) = peak_until(&d.years, o, d.peaks_until) {
                    s.push_str(&format!(" {}'s highest count up to {} was {} in {y}.", o.name, d.peaks_until, people(v)));
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
        s = format!("{} Highlighted: {}.", s, join_and(&chosen));
    }
    if view.annotate.iter().any(|a| a == "publication") && data.problem("commentary").is_none() {
        s.push_str(&format!(" A line marks {}, the year the commentary was published.", data.commentary.year));
    }
    if view.dim >= 0.5 {
        s = format!("Shown faded, behind text without a chart of its own. {s}");
    }
    s
}

/// Russia's deliveries (the events' supplier) under the commentary's dated events: the one thing
/// to see is where the last delivery falls against the events.
fn describe_timeline(data: &Dataset, view: &View, chosen: &[String], partial: bool) -> String {
    let (ev, a) = (&data.events, &data.arms_by_year);
    let full = ChartKind::Timeline.years(data).unwrap_or((0, 0));
    let (lo, hi) = view.window.map_or(full, |[x, y]| (x.round() as u16, y.round() as u16));
    let inside = |y: u16| y >= lo && y <= hi;
    let keys: Vec<f64> = ev.events.iter().map(|e| e.year as f64).collect();
    let events: Vec<&Event> = order_by(&keys).into_iter().map(|i| &ev.events[i]).filter(|e| inside(e.year)).collect();
    let who = &ev.series;
    let Some(sup) = a.suppliers.iter().find(|s| &s.name == who) else {
        return format!("The commentary's dated events, over deliveries from {who}, a supplier the delivery data do not name.");
    };
    let js: Vec<usize> = (0..a.years.len()).filter(|&j| inside(a.years[j])).collect();
    let total: f64 = js.iter().map(|&j| tiv(sup, j)).sum();
    let listed: Vec<String> = events.iter().map(|e| event_name(e)).collect();
    let mut s = format!(
        "Bars of {who}'s arms deliveries to Venezuela each year from {lo} to {hi}, in millions of TIV ({} in all), under {} {} the commentary dates in these years",
        thousands(total),
        events.len(),
        if events.len() == 1 { "event" } else { "events" },
    );
    s.push_str(&if listed.is_empty() { ".".to_string() } else { format!(": {}.", join_and(&listed)) });
    if let Some(end) = a.years.last().filter(|y| **y < hi) {
        s.push_str(&format!(" The delivery figures stop at {end}."));
    }
    // The last delivery the reader can have seen: none after the window's end counts.
    let last = (0..a.years.len()).rev().find(|&j| a.years[j] <= hi && tiv(sup, j) > 0.0).map(|j| a.years[j]);
    match last {
        None => s.push_str(&format!(" No deliveries from {who} are recorded up to {hi}.")),
        Some(l) => {
            if l < lo {
                s.push_str(&format!(" None of {who}'s deliveries falls in these years; the last was in {l}."));
            } else {
                s.push_str(&format!(" {who}'s last recorded delivery was in {l}."));
            }
            let after: Vec<&&Event> = events.iter().filter(|e| e.year > l).collect();
            match after.first() {
                None if !events.is_empty() => s.push_str(&format!(" Every event shown is dated {l} or earlier.")),
                None => {}
                Some(e) => {
                    let gap = e.year - l;
                    let gap = format!("{gap} {} after it", if gap == 1 { "year" } else { "years" });
                    if after.len() == events.len() {
                        s.push_str(&format!(" Every event shown came later, the first being {}, {gap}.", event_name(e)));
                    } else {
                        s.push_str(&format!(
                            " {} of the {} events came later, starting with {}, {gap}.",
                            after.len(),
                            events.len(),
                            event_name(e)
                        ));
                    }
                }
            }
        }
    }
    if partial {
        let picked: Vec<String> = ev.events.iter().filter(|e| chosen.contains(&e.id)).map(event_name).collect();
        s.push_str(&format!(" Highlighted: {}.", join_and(&picked)));
    }
    s
}

/// Each displacement figure of the commentary beside UNHCR's count at one reference year.
fn describe_check(data: &Dataset) -> String {
    let (dc, ds) = (&data.displacement_claims, &data.displacement_series);
    let mut counts = [0usize; VERDICTS.len()];
    let parts: Vec<String> = dc
        .items
        .iter()
        .map(|c| {
            let origin = ds.origins.iter().find(|o| o.iso == c.iso).map(|o| o.name.as_str());
            let who = match origin {
                Some(name) if name != c.label => format!("{} (UNHCR's count of people from {name})", c.label),
                _ => c.label.clone(),
            };
            match data.measured(c) {
                Some((v, _)) => {
                    let code = verdict(c.millions, v / 1e6, 0.1);
                    if let Some(i) = VERDICTS.iter().position(|w| *w == code) {
                        counts[i] += 1;
                    }
                    let says = verdict_label(&data.words, code);
                    format!("{who}: {:.1} million stated, {} counted, verdict {says}", c.millions, people(v))
                }
                None => format!("{who}: {:.1} million stated, no UNHCR count to set beside it", c.millions),
            }
        })
        .collect();
    let mut s = format!(
        "Dots setting each displacement figure in the commentary beside UNHCR's count at the end of {} (refugees, asylum-seekers and others in need of international protection together). {}.",
        dc.reference_year,
        parts.join("; ")
    );
    let tally: Vec<String> = VERDICTS.iter().zip(counts).filter(|(_, n)| *n > 0).map(|(v, n)| format!("{} for {n}", verdict_label(&data.words, v))).collect();
    if !tally.is_empty() {
        s.push_str(&format!(" Of {} figures checked: {}.", counts.iter().sum::<usize>(), join_and(&tally)));
    }
    s
}

/// Venezuela's count abroad by UNHCR category; the one thing to see is how much of it the
/// newest category holds.
fn describe_categories(data: &Dataset, view: &View) -> String {
    let d = &data.displacement_series;
    let js = shown(view, &d.years);
    let (first, last) = ends(&d.years, &js);
    let Some(o) = d.origins.iter().find(|o| o.iso == VENEZUELA) else {
        return format!("UNHCR's series as loaded holds no record for Venezuela (origin {VENEZUELA}), so there is nothing to split.");
    };
    let mut s = format!(
        "Stacked bars of the people from {} displaced abroad at the end of each year from {first} to {last}, split into UNHCR's categories: {}.",
        o.name,
        join_and(&CATEGORIES.iter().map(|c| c.to_ascii_lowercase()).collect::<Vec<_>>())
    );
    let recorded: Vec<usize> = js.iter().copied().filter(|&j| o.displaced(j).is_some()).collect();
    let (Some(&j0), Some(&j)) = (recorded.first(), recorded.last()) else {
        s.push_str(&format!(" UNHCR has no record for {} in these years.", o.name));
        return s;
    };
    let total = o.displaced(j).unwrap_or(0.0);
    let parts = by_category(o, j).map(|v| v.unwrap_or(0.0));
    let (newest, newest_name) = (parts[2], CATEGORIES[2].to_ascii_lowercase());
    s.push_str(&format!(
        " At the end of {}, {} in all, of whom {} ({}) are {newest_name}, {} ({}) {} and {} ({}) {}.",
        d.years[j],
        people(total),
        people(newest),
        share(newest, total),
        people(parts[0]),
        share(parts[0], total),
        CATEGORIES[0].to_ascii_lowercase(),
        people(parts[1]),
        share(parts[1], total),
        CATEGORIES[1].to_ascii_lowercase(),
    ));
    if let Some(k) = js.iter().find(|&&k| by_category(o, k)[2].unwrap_or(0.0) > 0.0) {
        s.push_str(&format!(" UNHCR counts {} from {} on.", newest_name, d.years[*k]));
    }
    if d.years[j0] > first {
        s.push_str(&format!(" There is no record before {}.", d.years[j0]));
    }
    s
}

/// Deliveries to Venezuela after the commentary's window: the years with none, and who supplied.
fn describe_since(data: &Dataset, view: &View, chosen: &[String], partial: bool) -> String {
    let a = &data.arms_since;
    let js = shown(view, &a.years);
    let (first, last) = ends(&a.years, &js);
    let totals: Vec<f64> = a.suppliers.iter().map(|s| js.iter().map(|&j| tiv(s, j)).sum()).collect();
    let all: f64 = totals.iter().sum();
    let mut s = format!(
        "Stacked bars of Venezuela's arms imports each year from {first} to {last}, by supplier, in millions of SIPRI trend-indicator value (TIV): {} in all.",
        thousands(all)
    );
    let empty: Vec<u16> = js.iter().filter(|&&j| year_total(a, j) <= 0.0).map(|&j| a.years[j]).collect();
    if empty.len() == js.len() {
        s.push_str(" No deliveries at all are recorded in these years.");
        return s;
    }
    let largest_first = order_by(&totals.iter().map(|v| -v).collect::<Vec<_>>());
    let from: Vec<String> = largest_first.iter().filter(|&&i| totals[i] > 0.0).map(|&i| format!("{} {}", a.suppliers[i].name, thousands(totals[i]))).collect();
    s.push_str(&format!(" Deliveries came from {}.", join_and(&from)));
    if let Some((y, v)) = peak_year(a, &js) {
        s.push_str(&format!(" The largest year is {y}, with {}.", thousands(v)));
    }
    if !empty.is_empty() {
        s.push_str(&format!(
            " Nothing at all was delivered in {} ({} of {} years).",
            join_and(&runs(&empty)),
            empty.len(),
            js.len()
        ));
    }
    let none: Vec<String> = a.suppliers.iter().zip(&totals).filter(|(s, v)| **v <= 0.0 && s.members.is_empty()).map(|(s, _)| s.name.clone()).collect();
    if !none.is_empty() {
        s.push_str(&format!(" The register records nothing from {} in these years.", join_and(&none)));
    }
    for sup in a.suppliers.iter().filter(|s| partial && chosen.contains(&s.name)) {
        let years: Vec<u16> = js.iter().filter(|&&j| tiv(sup, j) > 0.0).map(|&j| a.years[j]).collect();
        if !years.is_empty() {
            s.push_str(&format!(" {} delivered in {}.", sup.name, join_and(&runs(&years))));
        }
    }
    s
}

/// Russia's deliveries to the world by region of recipient: the peak, the fall, and whether the
/// fall was under way before the commentary appeared.
fn describe_exports(data: &Dataset, view: &View, chosen: &[String], partial: bool) -> String {
    let a = &data.russia_exports;
    let js = shown(view, &a.years);
    let (first, last) = ends(&a.years, &js);
    let totals: Vec<f64> = a.suppliers.iter().map(|s| js.iter().map(|&j| tiv(s, j)).sum()).collect();
    let all: f64 = totals.iter().sum();
    let mut s = format!(
        "Stacked bars of Russia's arms deliveries to all recipients each year from {first} to {last}, by region of recipient, in millions of TIV: {} in all.",
        thousands(all)
    );
    let at = |y: u16| js.iter().find(|&&j| a.years[j] == y).map(|&j| year_total(a, j));
    if let (Some((py, pv)), Some(lv)) = (peak_year(a, &js), at(last)) {
        if py < last && pv > 0.0 {
            s.push_str(&format!(
                " Deliveries peaked in {py} at {} and were {} in {last}, {} lower.",
                thousands(pv),
                thousands(lv),
                pct(100.0 * (pv - lv) / pv)
            ));
        } else {
            s.push_str(&format!(" The largest year is the last shown, {py}, with {}.", thousands(pv)));
        }
        let published = data.commentary.year;
        if data.problem("commentary").is_none() && py < published {
            match at(published - 1) {
                Some(before) if before < pv => s.push_str(&format!(
                    " The fall began before the commentary appeared in {published}: in {}, deliveries were already {} below the peak.",
                    published - 1,
                    pct(100.0 * (pv - before) / pv)
                )),
                Some(_) => s.push_str(&format!(" The peak was the year before the commentary appeared in {published}; the fall came after.")),
                None => {}
            }
        } else if data.problem("commentary").is_none() && py >= published && published > 0 {
            s.push_str(&format!(" The peak came in or after {published}, the year the commentary appeared."));
        }
    }
    let parts: Vec<String> = a.suppliers.iter().zip(&totals).map(|(r, v)| format!("{} {} ({})", r.name, thousands(*v), share(*v, all))).collect();
    s.push_str(&format!(" By region of recipient over these years: {}.", join_and(&parts)));
    // A region whose deliveries stop before the last year shown.
    for r in &a.suppliers {
        match js.iter().rposition(|&j| tiv(r, j) > 0.0) {
            Some(k) if k + 1 < js.len() => s.push_str(&format!(" {} received nothing after {}.", r.name, a.years[js[k]])),
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
            s.push_str(&format!(" {}: largest in {} with {}, and {} in {last}.", r.name, a.years[js[k]], thousands(v), thousands(*lv)));
        }
    }
    s
}

/// The figures behind a chart as a table; `None` for the title card or broken data.
pub fn table(data: &Dataset, kind: ChartKind) -> Option<Table> {
    if kind.unavailable(data).is_some() {
        return None;
    }
    let caption = format!("{} ({})", chart_title(data, kind), crate::export::source_of(data, kind).line(&data.words));
    let t = match kind {
        ChartKind::Title => return None,
        ChartKind::ArmsByYear => stacked_table(caption, &data.arms_by_year),
        ChartKind::ArmsShares => Table {
            caption,
            headers: vec!["Supplier".into(), "TIV, millions".into(), "Share".into()],
            rows: data.arms_shares.suppliers.iter().map(|s| vec![s.name.clone(), thousands(s.tiv), pct(s.share_pct)]).collect(),
        },
        ChartKind::RussiaByCategory => Table {
            caption,
            headers: vec!["Kind of weapon".into(), "TIV, millions".into(), "Largest items (number delivered)".into()],
            rows: data
                .russia_by_category
                .categories
                .iter()
                .map(|c| {
                    let ex: Vec<String> = c.examples.iter().map(|e| format!("{} {} ({})", e.number, e.designation, e.description)).collect();
                    vec![c.name.clone(), thousands(c.tiv), ex.join("; ")]
                })
                .collect(),
        },
        ChartKind::DisplacementClaims => Table {
            caption,
            headers: vec!["As the commentary names it".into(), "People displaced, millions".into(), "Note".into()],
            rows: data.displacement_claims.items.iter().map(|c| vec![c.label.clone(), format!("{:.1}", c.millions), c.note.clone()]).collect(),
        },
        ChartKind::DisplacementSeries => {
            let d = &data.displacement_series;
            let mut headers = vec!["Year".to_string()];
            headers.extend(d.origins.iter().map(|o| o.name.clone()));
            let rows = d
                .years
                .iter()
                .enumerate()
                .map(|(j, y)| {
                    let mut row = vec![y.to_string()];
                    row.extend(d.origins.iter().map(|o| o.displaced(j).map(thousands).unwrap_or_else(|| "no record".into())));
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
                        (Some(j), Some(s)) => thousands(tiv(s, j)),
                        _ => "outside the data".to_string(),
                    };
                    let events: Vec<String> = in_order.iter().map(|&i| &ev.events[i]).filter(|e| e.year == y).map(event_name).collect();
                    vec![y.to_string(), delivered, events.join("; ")]
                })
                .collect();
            Table {
                caption,
                headers: vec!["Year".into(), format!("Deliveries from {}, TIV millions", ev.series), "Events, as the commentary dates them".into()],
                rows,
            }
        }
        ChartKind::DisplacementCheck => {
            let (dc, ds) = (&data.displacement_claims, &data.displacement_series);
            let rows = dc
                .items
                .iter()
                .map(|c| {
                    let origin = ds.origins.iter().find(|o| o.iso == c.iso).map_or_else(|| "not in the series".to_string(), |o| o.name.clone());
                    let (count, says) = match data.measured(c) {
                        Some((v, _)) => (thousands(v), verdict_label(&data.words, verdict(c.millions, v / 1e6, 0.1))),
                        None => ("no record".to_string(), "not checked".to_string()),
                    };
                    vec![c.label.clone(), format!("{:.1}", c.millions), origin, count, says]
                })
                .collect();
            Table {
                caption,
                headers: vec![
                    "As the commentary names it".into(),
                    "Stated, millions".into(),
                    "UNHCR origin".into(),
                    format!("UNHCR count, end of {}", dc.reference_year),
                    "Verdict".into(),
                ],
                rows,
            }
        }
        ChartKind::DisplacementCategories => {
            let d = &data.displacement_series;
            let mut headers = vec!["Year".to_string()];
            headers.extend(CATEGORIES.iter().map(|c| c.to_string()));
            headers.push("Total".into());
            let cell = |v: Option<f64>| v.map(thousands).unwrap_or_else(|| "no record".into());
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
        ChartKind::ArmsSince => stacked_table(caption, &data.arms_since),
        ChartKind::RussiaExports => stacked_table(caption, &data.russia_exports),
    };
    Some(t)
}

/// A stacked chart of TIV over years as a table: a row a year, a column a series, and the total.
fn stacked_table(caption: String, a: &ArmsByYear) -> Table {
    let mut headers = vec!["Year".to_string()];
    headers.extend(a.suppliers.iter().map(|s| s.name.clone()));
    headers.push("Total".into());
    let rows = a
        .years
        .iter()
        .enumerate()
        .map(|(j, y)| {
            let mut row = vec![y.to_string()];
            row.extend(a.suppliers.iter().map(|s| thousands(tiv(s, j))));
            row.push(thousands(year_total(a, j)));
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
