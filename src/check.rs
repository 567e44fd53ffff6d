//! The checks a data file's values get beyond what serde checks (lengths, ranges, order,
//! labels, ids), collected by a [`Checker`] so an editor sees every problem at once.

use crate::locale::Locale;
use crate::msg;
use crate::msg::{DataError, Msg};
use crate::spec::Source;

/// What is wrong with an amount, if anything: not finite, negative, or implausibly large.
fn amount_problem(v: f64, what: &str) -> Option<Msg> {
    let shown = if v.abs() >= 1e9 { format!("{v:e}") } else { format!("{v}") };
    if !v.is_finite() {
        Some(msg!("not_finite", "is {v}; {what} must be a finite number", v = v, what = what))
    } else if v < 0.0 {
        Some(msg!("negative", "is {v}; {what} cannot be negative", v = shown, what = what))
    } else if v > 1e10 {
        Some(msg!("too_large", "is {v}; {what} over ten billion is not plausible", v = shown, what = what))
    } else {
        None
    }
}

/// Collects every problem rather than stopping at the first, so an editor sees them all at once.
#[derive(Default)]
pub struct Checker {
    errors: Vec<DataError>,
}

impl Checker {
    /// The problems found, in the order found.
    pub fn into_errors(self) -> Vec<DataError> {
        self.errors
    }

    /// Records a problem at `path`.
    pub fn fail(&mut self, path: impl Into<String>, problem: impl Into<Msg>) {
        self.errors.push(DataError { path: path.into(), problem: problem.into() });
    }

    pub fn amount(&mut self, path: impl Fn() -> String, v: f64, what: &str) {
        // The message is built outside this generic function, so each caller's copy stays small.
        if let Some(m) = amount_problem(v, what) {
            self.fail(path(), m);
        }
    }

    /// A list may hold at most `max` entries (none is fine).
    pub fn list_up_to(&mut self, path: &str, len: usize, max: usize) {
        if len > max {
            self.fail(path, msg!("too_many_listed", "has {n} entries; at most {max} can be listed", n = len, max = max));
        }
    }

    /// A list must hold 1 to `max` entries.
    pub fn list(&mut self, path: &str, len: usize, max: usize) {
        if len == 0 {
            self.fail(path, msg!("empty", "is empty; a chart needs at least one entry"));
        } else if len > max {
            self.fail(path, msg!("too_many", "has {n} entries; at most {max} can be drawn", n = len, max = max));
        }
    }

    pub fn years(&mut self, path: &str, years: &[u16]) {
        if years.is_empty() {
            self.fail(path, msg!("no_years", "is empty; a chart needs at least one year"));
        } else if years.len() > 200 {
            self.fail(path, msg!("too_many_years", "has {n} entries; at most 200 years can be drawn", n = years.len()));
        }
        for w in years.windows(2) {
            if w[1] <= w[0] {
                self.fail(path, msg!("years_order", "goes from {a} to {b}; years must ascend with no repeats", a = w[0], b = w[1]));
                break;
            }
        }
    }

    pub fn label(&mut self, path: impl Fn() -> String, s: &str) {
        let n = s.chars().count();
        if n == 0 || n > 80 {
            self.fail(path(), msg!("label_length", "has {n} characters; a label needs 1 to 80", n = n));
        } else if s.chars().any(char::is_control) {
            self.fail(path(), msg!("control", "holds a control character"));
        }
    }

    /// An id a page can name (`data-chart`, `data-highlight`): 1 to 40 of a-z, 0-9 and -.
    pub fn id(&mut self, path: &str, id: &str) {
        if !(1..=40).contains(&id.len()) || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            self.fail(path, msg!("bad_id", "is {id}; an id is 1 to 40 of a-z, 0-9 and -", id = format!("{id:?}")));
        }
    }

    /// Values by x: as many as there are x, each a plausible amount (`None` is no record).
    pub fn values(&mut self, path: &str, values: &[Option<f64>], x: &[u16], what: &str) {
        if values.len() != x.len() {
            self.fail(path, msg!("values_years", "has {n} values for {years} years", n = values.len(), years = x.len()));
        }
        for (j, v) in values.iter().enumerate() {
            if let Some(v) = v {
                let year = x.get(j).copied().unwrap_or(0);
                self.amount(|| format!("{path}[{year}]"), *v, what);
            }
        }
    }

    /// A chart's title or axis label: 1 to 160 characters, no control characters.
    pub fn text(&mut self, path: &str, s: &str) {
        let n = s.trim().chars().count();
        if n == 0 || n > 160 {
            self.fail(path, msg!("text_length", "has {n} characters; it needs 1 to 160", n = n));
        } else if s.chars().any(char::is_control) {
            self.fail(path, msg!("control", "holds a control character"));
        }
    }

    /// One year, within 1900-2100.
    pub fn year(&mut self, path: &str, y: u16) {
        if !(1900..=2100).contains(&y) {
            self.fail(path, msg!("year", "is {y}; a year must be within 1900-2100", y = y));
        }
    }

    /// A span of years, first to last.
    pub fn window(&mut self, path: &str, w: [u16; 2]) {
        if w[0] > w[1] || w[0] < 1900 || w[1] > 2100 {
            self.fail(path, msg!("window", "is {a}-{b}; it must run forwards, within 1900-2100", a = w[0], b = w[1]));
        }
    }

    pub fn source(&mut self, path: &str, s: &Source) {
        if s.publisher.trim().is_empty() || s.dataset.trim().is_empty() {
            self.fail(format!("{path}.source"), msg!("no_source", "names no publisher or dataset; every series needs a source"));
        }
    }
}

/// A number format table (`locale`, or an edition's): templates with their {value}, a decimal
/// mark that is not a digit and not the group mark.
pub fn check_locale(c: &mut Checker, l: &Locale, at: &str) {
    for (field, text) in [("percent", &l.percent), ("below", &l.below), ("million", &l.million), ("million_short", &l.million_short)] {
        if !text.contains("{value}") {
            c.fail(format!("{at}.{field}"), msg!("locale_value", "is \"{text}\"; it needs {value} where the number goes", text = text, value = "{value}"));
        }
    }
    if l.decimal.is_empty() || l.decimal == l.group || l.decimal.chars().any(|c| c.is_ascii_digit()) {
        c.fail(format!("{at}.decimal"), msg!("decimal", "is \"{text}\"; it must be a mark that is not a digit and not the group separator", text = l.decimal));
    }
    if l.group.chars().any(|c| c.is_ascii_digit()) {
        c.fail(format!("{at}.group"), msg!("group", "is \"{text}\"; digits cannot separate digits", text = l.group));
    }
}
