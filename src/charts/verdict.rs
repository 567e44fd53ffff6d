//! How a figure the source states compares with the data: the verdicts the dot plot draws and
//! the page's `data-verdict` names.

use crate::words::Words;

/// The verdicts a check can give, as codes: the page's `data-verdict`, and the story's words
/// `verdict.CODE` (its label) and `verdict.CODE.meaning` (for the key), in the key's order.
/// `close` is within a share of the data (a count); `close_points` within some percentage points
/// (a share, where "within 10%" would read as a tenth of the share); `not_comparable` where the
/// source's figure measures something else than any data at its date can (see ClaimSpec).
pub const VERDICTS: [&str; 6] = ["matches", "close", "close_points", "differs", "differs_points", "not_comparable"];

/// How a figure the source states compares with the data: one of the [`VERDICTS`] codes.
/// `step` is the last digit the source shows (1 for "70%", 0.1 for "6.6 million"): within half
/// of it the figure matches; within 10% of the data it is close.
pub fn verdict(stated: f64, data: f64, step: f64) -> &'static str {
    verdict_within(stated, data, step, 0.1)
}

/// [`verdict`] with the share of the data that still counts as close (`close`, 0.1 for 10%).
pub fn verdict_within(stated: f64, data: f64, step: f64, close: f64) -> &'static str {
    let diff = (stated - data).abs();
    if diff <= step / 2.0 + 1e-9 {
        "matches"
    } else if diff <= close * data.abs() {
        "close"
    } else {
        "differs"
    }
}

/// [`verdict`] for a share, compared in percentage points: within `points` it is close.
pub fn verdict_points(stated: f64, data: f64, step: f64, points: f64) -> &'static str {
    match verdict_within(stated, data, step, 0.0) {
        "matches" => "matches",
        _ if (stated - data).abs() <= points + 1e-9 => "close_points",
        _ => "differs_points",
    }
}

/// A verdict's label in the story's words.
pub fn verdict_label(words: &Words, code: &str) -> String {
    words.get(&format!("verdict.{code}")).to_string()
}

/// The code of a verdict's label in the story's words; unknown labels give "".
pub fn verdict_code(words: &Words, label: &str) -> &'static str {
    if label.is_empty() {
        return "";
    }
    VERDICTS.iter().find(|v| verdict_label(words, v) == label).copied().unwrap_or("")
}
