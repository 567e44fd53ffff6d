//! The parts of a data file that the charts read as they are: a series' source, the theme's
//! colours, and the [`SectionSource`] its sections are read from (natively or in the browser).

use crate::map::Map;
use crate::words::Words;
use serde::de::DeserializeOwned;
use serde::Deserialize;

/// Publisher, dataset, vintage and link of one series: printed under every chart.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub publisher: String,
    pub dataset: String,
    pub vintage: String,
    pub url: String,
    #[serde(default)]
    pub note: String,
}

impl Source {
    /// Publisher and dataset, without repeating a publisher the dataset's name already holds.
    pub fn name(&self) -> String {
        if self.dataset.contains(&self.publisher) {
            self.dataset.clone()
        } else {
            format!("{}, {}", self.publisher, self.dataset)
        }
    }

    /// The one-line credit drawn under a chart, in the story's words.
    pub fn line(&self, words: &Words) -> String {
        words.fill("source", &[("name", &self.name()), ("vintage", &self.vintage)])
    }
}

/// A colour written `#rrggbb`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hex(pub [u8; 3]);

impl<'de> Deserialize<'de> for Hex {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hex, D::Error> {
        let s = String::deserialize(d)?;
        let bytes = s.strip_prefix('#').filter(|h| h.len() == 6 && h.bytes().all(|b| b.is_ascii_hexdigit())).and_then(|h| {
            let b = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
            Some([b(0)?, b(2)?, b(4)?])
        });
        bytes.map(Hex).ok_or_else(|| serde::de::Error::custom(format!("\"{s}\" is not a colour; write #rrggbb")))
    }
}

/// One theme's colours: the chart's furniture, and one colour per series name.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colours {
    pub background: Hex,
    pub text: Hex,
    pub muted: Hex,
    pub grid: Hex,
    /// Groups of small series, and any series the theme does not name.
    pub others: Hex,
    /// Series name -> colour, the same in every chart.
    #[serde(default)]
    pub series: Map<Hex>,
}

/// The story's colours, for light and dark pages.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeSpec {
    pub light: Colours,
    pub dark: Colours,
}

/// A data file's `theme` as written: any colour of the furniture may be left out (the engine's,
/// `defaults/theme.json`, stands in), and so may `series` (every series then takes `others`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeIn {
    pub light: ColoursIn,
    pub dark: ColoursIn,
}

/// One theme's colours as written (see [`ThemeIn`]).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ColoursIn {
    pub background: Option<Hex>,
    pub text: Option<Hex>,
    pub muted: Option<Hex>,
    pub grid: Option<Hex>,
    pub others: Option<Hex>,
    pub series: Map<Hex>,
}

impl ThemeIn {
    /// The colours written, over `base`'s where one is left out.
    pub fn over(self, base: &ThemeSpec) -> ThemeSpec {
        let one = |c: ColoursIn, b: &Colours| Colours {
            background: c.background.unwrap_or(b.background),
            text: c.text.unwrap_or(b.text),
            muted: c.muted.unwrap_or(b.muted),
            grid: c.grid.unwrap_or(b.grid),
            others: c.others.unwrap_or(b.others),
            series: c.series,
        };
        ThemeSpec { light: one(self.light, &base.light), dark: one(self.dark, &base.dark) }
    }
}

/// Where sections come from: a parsed JSON object, natively or in the browser.
pub trait SectionSource {
    /// The top-level keys present.
    fn keys(&self) -> Vec<String>;
    /// Deserialises one top-level value; `None` when the key is absent. An error is
    /// (path inside the value, message).
    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<Result<T, (String, String)>>;
    /// How many entries the top-level list `key` has; `None` when it is absent or not a list.
    fn count(&self, key: &str) -> Option<usize>;
    /// Deserialises entry `index` of the top-level list `key`, or its `field` when one is given;
    /// `None` when there is no such value.
    fn at<T: DeserializeOwned>(&self, key: &str, index: usize, field: Option<&str>) -> Option<Result<T, (String, String)>>;
    /// A JSON object's text read as a source of the same kind (the engine's own words: see
    /// crate::data::defaults); `None` when it is not an object.
    fn parse_object(text: &str) -> Option<Self>
    where
        Self: Sized;
}
