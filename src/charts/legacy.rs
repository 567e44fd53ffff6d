//! This story's charts as declarations of the engine's chart types, assembled from the data
//! file's sections (one per chart family). The next step of the engine (docs/engine.md) has the
//! derivation script write these declarations into the data file itself, and this module goes.

use super::{Bar, Bars, Body, Chart, Dot, DotPlot, Format, HBar, HBars, Line, Lines, Part, Reference, Series, ShareBar, ShareItem, Stacked, Timeline, TitleCard};
use crate::data::{ArmsByYear, Dataset, Source};
use crate::story::ChartKind;
use super::stacked::Says;

fn strings<const N: usize>(names: [&str; N]) -> [String; N] {
    names.map(String::from)
}

fn stacked(a: &ArmsByYear, says: Says, series_column: &str) -> Stacked {
    Stacked {
        x: a.years.clone(),
        series: a.suppliers.iter().map(|s| Series { name: s.name.clone(), members: s.members.clone(), values: s.tiv.iter().map(|v| Some(*v)).collect() }).collect(),
        format: Format::Thousands,
        says,
        subject: String::new(),
        columns: strings(["year", series_column, "tiv_millions"]),
    }
}

impl Dataset {
    /// The chart `kind` shows, or why it cannot be drawn.
    pub fn chart(&self, kind: ChartKind) -> Result<Chart, String> {
        if let Some(problem) = kind.sections().iter().find_map(|s| self.problem(s)) {
            return Err(problem.to_string());
        }
        let c = &self.commentary;
        let w = &self.words;
        let head = |title: &str, units: &str, source: &Source, body: Body| Chart { id: kind.attr().to_string(), title: title.to_string(), units: units.to_string(), source: source.clone(), body };
        let chart = match kind {
            ChartKind::Title => {
                let source = Source { publisher: c.publisher.clone(), dataset: format!("{}, \u{201c}{}\u{201d}", c.author, c.title), vintage: c.year.to_string(), url: c.url.clone(), note: String::new() };
                let body = Body::Title(TitleCard {
                    headline: w.get("title.headline").to_string(),
                    dek: w.fill("title.dek", &[("title", &c.title)]),
                    byline: w.fill("title.byline", &[("author", &c.author), ("publisher", &c.publisher), ("year", &c.year.to_string())]),
                });
                head(&w.fill("title.label", &[("title", &c.title)]), "", &source, body)
            }
            ChartKind::ArmsByYear => {
                let a = &self.arms_by_year;
                head(&a.title, &a.y_label, &a.source, Body::Stacked(stacked(a, Says::Totals, "supplier")))
            }
            ChartKind::ArmsSince => {
                let a = &self.arms_since;
                head(&a.title, &a.y_label, &a.source, Body::Stacked(stacked(a, Says::Gaps, "supplier")))
            }
            ChartKind::RussiaExports => {
                let a = &self.russia_exports;
                head(&a.title, &a.y_label, &a.source, Body::Stacked(stacked(a, Says::Trend, "recipient_region")))
            }
            ChartKind::DisplacementCategories => {
                let s = &self.displacement_series;
                let o = s.origins.iter().find(|o| o.iso == "VEN").ok_or("displacement_series has no origin VEN")?;
                let parts = [&o.refugees, &o.asylum_seekers, &o.oip];
                let series = parts.iter().enumerate().map(|(i, v)| Series { name: crate::data::category(&s.categories, i).to_string(), members: vec![], values: (*v).clone() }).collect();
                let body = Body::Stacked(Stacked { x: s.years.clone(), series, format: Format::Millions, says: Says::Parts, subject: o.name.clone(), columns: strings(["year", "category", "people"]) });
                let id = kind.attr();
                head(w.get(&format!("title.{id}")), w.get(&format!("units.{id}")), &s.source, body)
            }
            ChartKind::ArmsShares => {
                let (a, sh) = (&self.arms_by_year, &self.arms_shares);
                let named: Vec<&str> = a.suppliers.iter().filter(|s| s.members.is_empty()).map(|s| s.name.as_str()).collect();
                let parts = a
                    .suppliers
                    .iter()
                    .map(|g| {
                        let share = sh.suppliers.iter().filter(|s| if g.members.is_empty() { s.name == g.name } else { !named.contains(&s.name.as_str()) }).map(|s| s.share_pct).sum();
                        Part { name: g.name.clone(), share, members: g.members.clone() }
                    })
                    .collect();
                let mut references = vec![];
                if self.problem("commentary").is_none() {
                    references.push(Reference { names: vec!["Russia".into()], value: c.russia_share_pct });
                    references.push(Reference { names: vec!["Russia".into(), "China".into()], value: c.russia_china_share_pct });
                }
                let items = sh.suppliers.iter().map(|s| ShareItem { name: s.name.clone(), value: s.tiv, share: s.share_pct }).collect();
                let body = Body::Share(ShareBar { window: sh.window, parts, items, references, columns: strings(["years", "supplier", "tiv_millions", "share_pct"]) });
                head(&sh.title, &sh.y_label, &sh.source, body)
            }
            ChartKind::RussiaByCategory => {
                let r = &self.russia_by_category;
                let rows = r.categories.iter().map(|c| HBar { name: c.name.clone(), value: c.tiv, examples: c.examples.clone() }).collect();
                head(&r.title, &r.y_label, &r.source, Body::HBars(HBars { window: r.window, rows, colour: "Russia".into(), columns: strings(["years", "category", "tiv_millions"]) }))
            }
            ChartKind::DisplacementClaims => {
                let d = &self.displacement_claims;
                let rows = d.items.iter().map(|c| Bar { name: c.label.clone(), value: c.millions, note: c.note.clone(), colour: self.origin_name(&c.iso).unwrap_or(&c.label).to_string() }).collect();
                head(&d.title, &d.y_label, &d.source, Body::Bars(Bars { rows, columns: strings(["as_stated", "millions", "note"]) }))
            }
            ChartKind::DisplacementSeries => {
                let d = &self.displacement_series;
                let series = d
                    .origins
                    .iter()
                    .map(|o| Line { name: o.name.clone(), key: o.iso.clone(), values: (0..d.years.len()).map(|j| o.displaced(j)).collect(), parts: vec![o.refugees.clone(), o.asylum_seekers.clone(), o.oip.clone()] })
                    .collect();
                let columns = ["year", "origin_iso", "origin", "refugees", "asylum_seekers", "other_in_need_of_protection", "total"].map(String::from).to_vec();
                let body = Body::Lines(Lines { x: d.years.clone(), series, format: Format::Millions, peaks_until: d.peaks_until, value_units: d.value_units.clone(), columns });
                head(&d.title, &d.y_label, &d.source, body)
            }
            ChartKind::DisplacementCheck => {
                let (dc, ds) = (&self.displacement_claims, &self.displacement_series);
                let year = dc.reference_year;
                let rows = dc
                    .items
                    .iter()
                    .map(|c| Dot {
                        name: c.label.clone(),
                        key: c.iso.clone(),
                        origin: self.origin_name(&c.iso).map(String::from),
                        note: c.note.clone(),
                        claimed: c.millions,
                        measured: self.measured(c).map(|m| m.0),
                        colour: self.origin_name(&c.iso).unwrap_or(&c.label).to_string(),
                    })
                    .collect();
                let body = Body::Dots(DotPlot { at: year, claimed_at: c.year, rows, step: 0.1, value_units: ds.value_units.clone(), columns: strings(["as_stated", "origin_iso", "stated_millions", "unhcr_end_year", "unhcr_people", "verdict"]) });
                // UNHCR's counts, with the commentary named as the source of the figures set beside them.
                let (unhcr, stated) = (&ds.source, &dc.source);
                let said = format!("Stated figures: {} ({}).", stated.name(), stated.vintage);
                let source = Source { note: if unhcr.note.is_empty() { said } else { format!("{} {said}", unhcr.note) }, ..unhcr.clone() };
                let y = year.to_string();
                let id = kind.attr();
                head(&w.fill(&format!("title.{id}"), &[("year", &y)]), &w.fill(&format!("units.{id}"), &[("year", &y)]), &source, body)
            }
            ChartKind::Timeline => {
                let (ev, a) = (&self.events, &self.arms_by_year);
                let s = a.suppliers.iter().find(|s| s.name == ev.series).ok_or_else(|| format!("events.series names \"{}\", which arms_by_year does not have", ev.series))?;
                let (first, last) = (*a.years.first().ok_or("arms_by_year has no years")?, *a.years.last().ok_or("arms_by_year has no years")?);
                // One year past the series, so events of the publication year have room.
                let last = ev.events.iter().map(|e| e.year).max().unwrap_or(last).max(last);
                let body = Body::Timeline(Timeline {
                    span: [first, last],
                    x: a.years.clone(),
                    series: Series { name: s.name.clone(), members: vec![], values: s.tiv.iter().map(|v| Some(*v)).collect() },
                    events: ev.events.clone(),
                    columns: strings(["year", "row", "name", "tiv_millions", "when_as_stated", "label", "quote"]),
                    kinds: strings(["deliveries", "event"]),
                });
                head(&ev.title, &ev.y_label, &ev.source, body)
            }
        };
        Ok(chart)
    }

    /// The name UNHCR's series gives an origin.
    fn origin_name(&self, iso: &str) -> Option<&str> {
        self.displacement_series.origins.iter().find(|o| o.iso == iso).map(|o| o.name.as_str())
    }

    /// The year the commentary was published, when its section is sound.
    pub fn published(&self) -> Option<u16> {
        self.problem("commentary").is_none().then_some(self.commentary.year)
    }
}
