//! The checks every reader's browser makes of the sections it uses, beyond what serde checks.

use super::{section_of, Dataset};
use crate::check::{check_locale, Checker};
use crate::locale::Format;
use crate::msg;
use crate::msg::DataError;

impl Dataset {
    /// Why a section is unusable, if it is.
    pub fn problem(&self, section: &str) -> Option<String> {
        self.broken.get(section).map(|e| e.in_words(&self.words))
    }

    /// Records problems found by a check of the whole file (paths without the file's name):
    /// each one's section is marked broken, and the problems come back named by `file`.
    pub fn add_problems(&mut self, file: &str, problems: Vec<DataError>) -> Vec<DataError> {
        let mut out = Vec::with_capacity(problems.len());
        for DataError { path, problem } in problems {
            let e = DataError { path: format!("{file}: {path}"), problem };
            self.broken.insert_if_absent(section_of(&path).to_string(), || e.clone());
            out.push(e);
        }
        out
    }

    /// Checks what serde cannot of the sections every reader's browser uses: the locale, claims
    /// and values. The words, editions and theme are checked where the file is built
    /// (crate::lint); a claim's measured expression by the figures (crate::figures).
    pub(super) fn validate_sections(&self) -> Vec<DataError> {
        let mut c = Checker::default();
        let ok = |s: &str| !self.broken.contains_key(s);
        if ok("locale") {
            check_locale(&mut c, &self.locale, "locale");
        }
        if ok("claims") {
            self.check_claims(&mut c);
        }
        if ok("values") {
            self.check_values(&mut c);
        }
        c.into_errors()
    }

    /// Each value: an id, a format, finite numbers or labelled words (not both), a unique id.
    fn check_values(&self, c: &mut Checker) {
        for (i, v) in self.values.iter().enumerate() {
            c.id(&format!("values[{i}].id"), &v.id);
            if let Err(e) = Format::named(&v.format) {
                c.fail(format!("values[{i}].format"), msg!("invalid", "is not valid: {detail}", detail = e));
            }
            for (j, n) in v.numbers.iter().enumerate() {
                if !n.is_finite() {
                    c.fail(format!("values[{i}].numbers[{j}]"), msg!("finite", "is {v}; it must be a finite number", v = n));
                }
            }
            for (j, w) in v.words.iter().enumerate() {
                c.label(|| format!("values[{i}].words[{j}]"), w);
            }
            if v.numbers.is_empty() == v.words.is_empty() {
                c.fail(format!("values[{i}]"), msg!("numbers_or_words", "needs numbers or words, not both and not neither"));
            }
            if let Some(j) = self.values[..i].iter().position(|o| o.id == v.id) {
                c.fail(
                    format!("values[{i}].id"),
                    msg!("id_twice", "is \"{id}\", as is {other}; ids must be unique", id = v.id, other = format!("values[{j}].id")),
                );
            }
        }
    }

    /// Each claim: a unique id, a format, a step and a rule that make sense.
    fn check_claims(&self, c: &mut Checker) {
        let cl = &self.claims;
        if let Some(y) = cl.published {
            c.year("claims.published", y);
        }
        for (i, k) in cl.items.iter().enumerate() {
            let at = |f: &str| format!("claims.items[{i}].{f}");
            c.id(&at("id"), &k.id);
            if let Some(j) = cl.items[..i].iter().position(|o| o.id == k.id) {
                c.fail(at("id"), msg!("id_twice", "is \"{id}\", as is {other}; ids must be unique", id = k.id, other = format!("claims.items[{j}].id")));
            }
            if let Err(e) = Format::named(&k.format) {
                c.fail(at("format"), msg!("invalid", "is not valid: {detail}", detail = e));
            }
            if !k.value.is_finite() {
                c.fail(at("value"), msg!("finite", "is {v}; it must be a finite number", v = k.value));
            }
            if !(k.step > 0.0 && k.step.is_finite()) {
                c.fail(at("step"), msg!("step", "is {v}; the last digit shown must be above 0", v = k.step));
            }
            if !(0.0..=1.0).contains(&k.close) {
                c.fail(at("close"), msg!("close", "is {v}; a share of the measured value is 0 to 1", v = k.close));
            }
        }
    }
}
