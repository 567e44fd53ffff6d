//! What a chart says, for readers who cannot see it: a description of each state and a
//! data table for each chart, both generated from the data (never written by hand), so
//! they change when the figures change.

use crate::charts::table::Table;
use crate::data::Dataset;
use crate::view::View;

/// A few sentences saying what the chart in `view` shows: values, ranking, trend.
pub fn describe(data: &Dataset, view: &View) -> String {
    let (cx, w) = (data.cx(), &data.words);
    let chart = match data.scene(view).chart {
        Ok(c) => c,
        Err(problem) => return w.fill("describe.unavailable", &[("problem", &problem)]),
    };
    let names = chart.body.series();
    let chosen: Vec<String> = view.emphasised(&names).into_iter().map(String::from).collect();
    let partial = !chosen.is_empty() && chosen.len() < names.len();
    let mut s = chart.describe(&cx, view, if partial { &chosen } else { &[] });
    if let Some(year) = cx.published.filter(|_| view.annotate.iter().any(|a| a == "publication")) {
        s.push(' ');
        s.push_str(&w.fill("describe.publication", &[("year", &year.to_string())]));
    }
    for n in chart.notes.iter().filter(|n| view.annotate.contains(&n.id)) {
        let (a, b) = n.span();
        let x = if b > a { w.fill("describe.span", &[("from", &a.to_string()), ("to", &b.to_string())]) } else { a.to_string() };
        s.push(' ');
        s.push_str(&w.fill("describe.note", &[("label", &n.label), ("x", &x)]));
    }
    if view.dim >= 0.5 {
        s = w.fill("describe.faded", &[("text", &s)]);
    }
    s
}

/// The figures behind a chart as a table; `None` for the title card or broken data.
pub fn table(data: &Dataset, chart: &str) -> Option<Table> {
    data.chart(chart).ok()?.table(&data.cx())
}

/// What a screen reader is told when the chart moves from the step before (`prev`) to `next`
/// (see [`crate::drawn::announcement`]). Display names only: the description and the name never
/// hold an id.
pub fn announcement(data: &Dataset, prev: Option<&View>, next: &View) -> String {
    let said = describe(data, next);
    let before = prev.map(|p| (describe(data, p), p.chart == next.chart));
    let name = crate::charts::label(&data.cx(), &data.scene(next));
    crate::drawn::announcement(before.as_ref().map(|(d, same)| (d.as_str(), *same)), &name, &said)
}
