//! What a chart says, for readers who cannot see it: a description of each state and a
//! data table for each chart, both generated from the data (never written by hand), so
//! they change when the figures change.

use crate::charts::{chart_title, order_by, peak_until, share_groups};
use crate::data::Dataset;
use crate::figures::{pct, people, thousands};
use crate::story::{series_names, ChartKind, View};

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
            let (first, last) = (a.years.first().copied().unwrap_or(0), a.years.last().copied().unwrap_or(0));
            let totals: Vec<(String, f64)> = a.suppliers.iter().map(|s| (s.name.clone(), s.tiv.iter().sum())).collect();
            let all: f64 = totals.iter().map(|t| t.1).sum();
            let peak = (0..a.years.len())
                .map(|j| (a.years[j], a.suppliers.iter().map(|s| s.tiv.get(j).copied().unwrap_or(0.0)).sum::<f64>()))
                .max_by(|x, y| x.1.total_cmp(&y.1));
            let mut s = format!(
                "Stacked bars of Venezuela's arms imports each year from {first} to {last}, by supplier, in millions of SIPRI trend-indicator value (TIV): {} in all.",
                thousands(all)
            );
            if let Some((y, v)) = peak {
                s.push_str(&format!(" The largest year is {y}, with {}.", thousands(v)));
            }
            let by: Vec<String> = totals.iter().map(|(n, v)| format!("{n} {}", thousands(*v))).collect();
            s.push_str(&format!(" Totals by supplier: {}.", join_and(&by)));
            for name in chosen.iter().filter(|_| partial) {
                if let Some(sup) = a.suppliers.iter().find(|s| &s.name == name) {
                    let years: Vec<u16> = a.years.iter().zip(&sup.tiv).filter(|(_, v)| **v > 0.0).map(|(y, _)| *y).collect();
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
            let (first, last) = (d.years.first().copied().unwrap_or(0), d.years.last().copied().unwrap_or(0));
            let latest: Vec<(String, f64)> = d
                .origins
                .iter()
                .filter_map(|o| (0..d.years.len()).rev().find_map(|j| o.displaced(j)).map(|v| (o.name.clone(), v)))
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
    };
    if partial && view.kind != ChartKind::ArmsShares {
        s = format!("{} Highlighted: {}.", s, join_and(&chosen));
    }
    if view.dim >= 0.5 {
        s = format!("Shown faded, behind text without a chart of its own. {s}");
    }
    s
}

/// The figures behind a chart as a table; `None` for the title card or broken data.
pub fn table(data: &Dataset, kind: ChartKind) -> Option<Table> {
    if kind.unavailable(data).is_some() {
        return None;
    }
    let caption = format!("{} ({})", chart_title(data, kind), crate::export::source_of(data, kind).line());
    let t = match kind {
        ChartKind::Title => return None,
        ChartKind::ArmsByYear => {
            let a = &data.arms_by_year;
            let mut headers = vec!["Year".to_string()];
            headers.extend(a.suppliers.iter().map(|s| s.name.clone()));
            headers.push("Total".into());
            let rows = a
                .years
                .iter()
                .enumerate()
                .map(|(j, y)| {
                    let vals: Vec<f64> = a.suppliers.iter().map(|s| s.tiv.get(j).copied().unwrap_or(0.0)).collect();
                    let mut row = vec![y.to_string()];
                    row.extend(vals.iter().map(|v| thousands(*v)));
                    row.push(thousands(vals.iter().sum()));
                    row
                })
                .collect();
            Table { caption, headers, rows }
        }
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
    };
    Some(t)
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
