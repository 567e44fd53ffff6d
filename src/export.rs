//! Downloads for the chart on screen: its data as CSV, and the chart as SVG drawn by the
//! same code as the canvas (through plotters' SVG backend), never a copy of the pixels.

use crate::charts::{self, Theme};
use crate::data::{Dataset, Source};
use crate::story::{ChartKind, View};
use plotters::prelude::*;

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). Written by hand:
/// the csv crate would add weight to the .wasm for these few lines.
fn field(s: &str) -> String {
    // A label that a spreadsheet would read as a formula is kept as text.
    let s = &if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

/// The source a chart's figures come from, for its caption and its downloads.
pub fn source_of(data: &Dataset, kind: ChartKind) -> Source {
    match kind {
        ChartKind::Title => {
            let c = &data.commentary;
            Source {
                publisher: c.publisher.clone(),
                dataset: format!("{}, \u{201c}{}\u{201d}", c.author, c.title),
                vintage: c.year.to_string(),
                url: c.url.clone(),
                note: String::new(),
            }
        }
        ChartKind::ArmsByYear => data.arms_by_year.source.clone(),
        ChartKind::ArmsShares => data.arms_shares.source.clone(),
        ChartKind::RussiaByCategory => data.russia_by_category.source.clone(),
        ChartKind::DisplacementClaims => data.displacement_claims.source.clone(),
        ChartKind::DisplacementSeries | ChartKind::DisplacementCategories => data.displacement_series.source.clone(),
        ChartKind::Timeline => data.events.source.clone(),
        // UNHCR's counts, with the commentary named as the source of the figures set beside them.
        ChartKind::DisplacementCheck => {
            let (unhcr, stated) = (&data.displacement_series.source, &data.displacement_claims.source);
            let said = format!("Stated figures: {} ({}).", stated.name(), stated.vintage);
            Source { note: if unhcr.note.is_empty() { said } else { format!("{} {said}", unhcr.note) }, ..unhcr.clone() }
        }
        ChartKind::ArmsSince => data.arms_since.source.clone(),
        ChartKind::RussiaExports => data.russia_exports.source.clone(),
    }
}

/// The figures behind a chart as CSV, with its source on every row; `None` for the title card
/// or a chart whose data is broken.
pub fn csv(data: &Dataset, kind: ChartKind) -> Option<String> {
    if kind.unavailable(data).is_some() {
        return None;
    }
    let src = source_of(data, kind);
    let tail = format!("{},{},{}", field(&src.name()), field(&src.vintage), field(&src.url));
    let mut rows: Vec<Vec<String>> = Vec::new();
    let header: Vec<&str> = match kind {
        ChartKind::Title => return None,
        ChartKind::ArmsByYear => {
            let a = &data.arms_by_year;
            for (j, y) in a.years.iter().enumerate() {
                for s in &a.suppliers {
                    rows.push(vec![y.to_string(), field(&s.name), num(s.tiv.get(j).copied().unwrap_or(0.0))]);
                }
            }
            vec!["year", "supplier", "tiv_millions"]
        }
        ChartKind::ArmsShares => {
            // The chart groups small suppliers; the CSV keeps each one.
            let w = data.arms_shares.window;
            for s in &data.arms_shares.suppliers {
                rows.push(vec![format!("{}-{}", w[0], w[1]), field(&s.name), num(s.tiv), num(s.share_pct)]);
            }
            vec!["years", "supplier", "tiv_millions", "share_pct"]
        }
        ChartKind::RussiaByCategory => {
            let w = data.russia_by_category.window;
            for c in &data.russia_by_category.categories {
                rows.push(vec![format!("{}-{}", w[0], w[1]), field(&c.name), num(c.tiv)]);
            }
            vec!["years", "category", "tiv_millions"]
        }
        ChartKind::DisplacementClaims => {
            for c in &data.displacement_claims.items {
                rows.push(vec![field(&c.label), num(c.millions), field(&c.note)]);
            }
            vec!["as_stated", "millions", "note"]
        }
        ChartKind::DisplacementSeries => {
            let s = &data.displacement_series;
            let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
            for o in &s.origins {
                for (j, y) in s.years.iter().enumerate() {
                    if o.refugees.get(j).copied().flatten().is_none() {
                        continue; // no UNHCR record for this origin and year
                    }
                    rows.push(vec![
                        y.to_string(),
                        field(&o.iso),
                        field(&o.name),
                        opt(o.refugees.get(j).copied().flatten()),
                        opt(o.asylum_seekers.get(j).copied().flatten()),
                        opt(o.oip.get(j).copied().flatten()),
                        opt(o.displaced(j)),
                    ]);
                }
            }
            vec!["year", "origin_iso", "origin", "refugees", "asylum_seekers", "other_in_need_of_protection", "total"]
        }
        ChartKind::DisplacementCategories => {
            let s = &data.displacement_series;
            let opt = |v: Option<f64>| v.map(num).unwrap_or_default();
            for o in s.origins.iter().filter(|o| o.iso == crate::access::VENEZUELA) {
                for (j, y) in s.years.iter().enumerate() {
                    if o.refugees.get(j).copied().flatten().is_none() {
                        continue; // no UNHCR record for this year
                    }
                    rows.push(vec![
                        y.to_string(),
                        field(&o.iso),
                        opt(o.refugees.get(j).copied().flatten()),
                        opt(o.asylum_seekers.get(j).copied().flatten()),
                        opt(o.oip.get(j).copied().flatten()),
                        opt(o.displaced(j)),
                    ]);
                }
            }
            vec!["year", "origin_iso", "refugees", "asylum_seekers", "other_in_need_of_protection", "total"]
        }
        ChartKind::DisplacementCheck => {
            let c = &data.displacement_claims;
            for claim in &c.items {
                let measured = data.measured(claim);
                rows.push(vec![
                    field(&claim.label),
                    field(&claim.iso),
                    num(claim.millions),
                    c.reference_year.to_string(),
                    measured.map(|(v, _)| num(v)).unwrap_or_default(),
                    // The verdict's code, not its label: a CSV stays the same in every language.
                    measured.map(|(v, _)| crate::figures::verdict(claim.millions, v / 1e6, 0.1).to_string()).unwrap_or_default(),
                ]);
            }
            vec!["as_stated", "origin_iso", "stated_millions", "unhcr_end_year", "unhcr_people", "verdict"]
        }
        ChartKind::Timeline => {
            // Long form: a row per year of the supplier's deliveries, then a row per event.
            let (ev, a) = (&data.events, &data.arms_by_year);
            if let Some(s) = a.suppliers.iter().find(|s| s.name == ev.series) {
                for (j, y) in a.years.iter().enumerate() {
                    let tiv = num(s.tiv.get(j).copied().unwrap_or(0.0));
                    rows.push(vec![y.to_string(), "deliveries".into(), field(&s.name), tiv, String::new(), String::new(), String::new()]);
                }
            }
            for e in &ev.events {
                rows.push(vec![e.year.to_string(), "event".into(), field(&e.id), String::new(), field(&e.when), field(&e.label), field(&e.quote)]);
            }
            vec!["year", "row", "name", "tiv_millions", "when_as_stated", "label", "quote"]
        }
        ChartKind::ArmsSince | ChartKind::RussiaExports => {
            let a = if kind == ChartKind::ArmsSince { &data.arms_since } else { &data.russia_exports };
            for (j, y) in a.years.iter().enumerate() {
                for s in &a.suppliers {
                    rows.push(vec![y.to_string(), field(&s.name), num(s.tiv.get(j).copied().unwrap_or(0.0))]);
                }
            }
            if kind == ChartKind::ArmsSince {
                vec!["year", "supplier", "tiv_millions"]
            } else {
                vec!["year", "recipient_region", "tiv_millions"]
            }
        }
    };
    let mut out = format!("{},source,vintage,url\n", header.join(","));
    for r in rows {
        out.push_str(&r.join(","));
        out.push(',');
        out.push_str(&tail);
        out.push('\n');
    }
    Some(out)
}

/// The chart for `view` as a standalone SVG document of `width` x `height` CSS pixels, for the
/// charts drawn ahead of time. (The browser's download draws through `web::Surface` instead,
/// so the chart code is compiled into the .wasm for one backend type only.)
pub fn svg(data: &Dataset, view: &View, width: u32, height: u32, theme: &Theme) -> String {
    let mut out = String::new();
    {
        let area = crate::text::Measured(SVGBackend::with_string(&mut out, (width.clamp(200, 4000), height.clamp(150, 4000)))).into_drawing_area();
        // Drawing into a String cannot fail for I/O reasons; a chart error leaves the background.
        let _ = charts::draw_view(&area, data, view, theme);
        let _ = area.present();
    }
    out
}
