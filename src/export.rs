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
        ChartKind::DisplacementSeries => data.displacement_series.source.clone(),
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
        let area = SVGBackend::with_string(&mut out, (width.clamp(200, 4000), height.clamp(150, 4000))).into_drawing_area();
        // Drawing into a String cannot fail for I/O reasons; a chart error leaves the background.
        let _ = charts::draw_view(&area, data, view, theme);
        let _ = area.present();
    }
    out
}
