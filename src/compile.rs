//! The build's half of [`crate::drawn`]: a story's data and its page's step views compiled to
//! what the reader's browser draws. The checker (in the browser, for a data file edited after
//! the build) compiles the same way, so both draw from one [`Drawn`].

use crate::access;
use crate::charts;
use crate::data::Dataset;
use crate::drawn::{Drawn, DrawnStep};
use crate::map::Map;
use crate::view::View;
use crate::words::Words;

/// The story of `data` as its steps' `views` show it; `digest` is the data file's
/// ([`crate::drawn::digest`]). Only the charts the steps show are kept.
pub fn compile(data: &Dataset, views: &[View], digest: &str) -> Drawn {
    let cx = data.cx();
    let steps =
        views.iter().map(|v| DrawnStep { view: v.clone(), label: charts::label(&cx, &data.scene(v)), description: access::describe(data, v) }).collect();
    let mut charts = Vec::new();
    let mut unavailable = Map::new();
    for v in views {
        if charts.iter().any(|c: &charts::Chart| c.id == v.chart) || unavailable.contains_key(&v.chart) {
            continue;
        }
        match data.chart(&v.chart) {
            Ok(c) => charts.push(c.clone()),
            Err(problem) => {
                unavailable.insert(v.chart.clone(), problem);
            }
        }
    }
    Drawn {
        digest: digest.to_string(),
        charts,
        unavailable,
        words: data.words.clone(),
        locale: data.locale.clone(),
        theme: data.problem("theme").is_none().then(|| data.theme.clone()),
        published: data.published(),
        steps,
    }
}

/// The words the reader's browser uses: all but the data checks' messages (`problem.*`) and
/// the descriptions' sentences (`describe.*`), which the build has already written out.
pub fn reader_words(words: &Words) -> Words {
    Words(words.0.iter().filter(|(k, _)| !k.starts_with("problem.") && !k.starts_with("describe.")).map(|(k, v)| (k.clone(), v.clone())).collect())
}
