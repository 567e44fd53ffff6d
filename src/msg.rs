//! Messages about the data or the page, kept unrendered until the reader's words are known.

use crate::text::fill_template;
use crate::words::Words;
use std::borrow::Cow;
use std::fmt;

/// A message about the data or the page, in the reader's language: its key among the story's
/// words (`problem.<key>`), the English the engine falls back to, and its slots' values.
/// Kept unrendered until the words are known, since a file's problems are found before its
/// edition in another language is applied. A message with no key is English only (the checks
/// made where the file is built, for its editors: `check-data`, `make dist`).
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub key: &'static str,
    pub en: Cow<'static, str>,
    pub args: Vec<(&'static str, String)>,
}

/// `msg!("key", "English with {slot}", slot = value, ...)`: a [`Msg`].
#[macro_export]
macro_rules! msg {
    ($key:literal, $en:literal $(, $slot:ident = $val:expr)* $(,)?) => {
        $crate::msg::Msg { key: $key, en: std::borrow::Cow::Borrowed($en), args: vec![$((stringify!($slot), $val.to_string())),*] }
    };
}

impl Msg {
    /// The message in `words`: their `problem.<key>` template if they have one, else English.
    /// A slot named `what` is a term, itself looked up as `problem.what.<term>`.
    pub fn in_words(&self, words: &Words) -> String {
        let template = (!self.key.is_empty()).then(|| words.0.get(&format!("problem.{}", self.key))).flatten();
        let args: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| match (*k, template) {
                ("what", Some(_)) => (*k, words.0.get(&format!("problem.what.{}", v.replace(' ', "_"))).cloned().unwrap_or_else(|| v.clone())),
                _ => (*k, v.clone()),
            })
            .collect();
        let slots: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill_template(template.map(String::as_str).unwrap_or(&self.en), &slots)
    }
}

impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_words(&Words::default()))
    }
}

impl From<String> for Msg {
    fn from(s: String) -> Msg {
        Msg { key: "", en: Cow::Owned(s), args: Vec::new() }
    }
}

impl From<&'static str> for Msg {
    fn from(s: &'static str) -> Msg {
        Msg { key: "", en: Cow::Borrowed(s), args: Vec::new() }
    }
}

/// One problem found in the data file: where it is, and why it is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct DataError {
    pub path: String,
    pub problem: Msg,
}

impl DataError {
    /// The problem in `words` (the story's, in the reader's language); the path is the file's.
    pub fn in_words(&self, words: &Words) -> String {
        format!("{} {}", self.path, self.problem.in_words(words))
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.path, self.problem)
    }
}
