//! How a story writes numbers: its locale (one table per language, so no formatting rule is
//! written twice or chosen by a conditional), and the formats a figure may be written in.

use crate::msg::Msg;
use serde::Deserialize;

/// How the story writes numbers, in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    /// Between whole and fraction: "." in English, "," in Spanish.
    pub decimal: String,
    /// Between groups of three digits: "," in English; a space, a thin space or "" elsewhere.
    pub group: String,
    /// The fewest digits a whole number has before its groups are marked: 4 in English
    /// ("5,539"), 5 in Spanish as the RAE and Fundéu write it ("5539", "10 000").
    #[serde(default = "four")]
    pub group_from: usize,
    /// A percentage from its number: "{value}%" or "{value} %".
    pub percent: String,
    /// A share too small to show: "<{value}".
    pub below: String,
    /// A count in millions, in words: "{value} million".
    pub million: String,
    /// A count in millions on an axis or a label: "{value}m".
    pub million_short: String,
    /// The numbers from zero to nine in words, for counts (`count` figures): empty, digits.
    #[serde(default)]
    pub small: Vec<String>,
}

impl Default for Locale {
    /// English conventions, for a story whose locale is missing or broken (the page says so).
    fn default() -> Locale {
        let s = |v: &str| v.to_string();
        Locale {
            decimal: s("."),
            group: s(","),
            group_from: 4,
            percent: s("{value}%"),
            below: s("<{value}"),
            million: s("{value} million"),
            million_short: s("{value}m"),
            small: Vec::new(),
        }
    }
}

fn four() -> usize {
    4
}

impl Locale {
    /// `v` with `places` decimals, in the story's marks: "5,539" or "69.5" (or "5.539", "69,5").
    pub fn number(&self, v: f64, places: usize) -> String {
        let fixed = fixed(v.abs(), places);
        let (whole, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
        let mut out = String::new();
        if v < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') {
            out.push('-');
        }
        let grouped = whole.len() >= self.group_from;
        for (i, c) in whole.chars().enumerate() {
            if grouped && i > 0 && (whole.len() - i).is_multiple_of(3) {
                out.push_str(&self.group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push_str(&self.decimal);
            out.push_str(frac);
        }
        out
    }

    /// A whole number, thousands grouped: "5,539".
    pub fn thousands(&self, v: f64) -> String {
        self.number(v.round(), 0)
    }

    /// A percentage with `places` decimals: "69.5%".
    pub fn percent(&self, v: f64, places: usize) -> String {
        self.percent.replace("{value}", &self.number(v, places))
    }

    /// A percentage with one decimal; a share too small to show is "<0.1%", not "0.0%".
    pub fn pct(&self, v: f64) -> String {
        if v > 0.0 && v < 0.05 {
            self.below.replace("{value}", &self.percent(0.1, 1))
        } else {
            self.percent(v, 1)
        }
    }

    /// Millions with `places` decimals, short: "5.6m" (from a count in millions).
    pub fn millions_short(&self, millions: f64, places: usize) -> String {
        self.million_short.replace("{value}", &self.number(millions, places))
    }

    /// Millions with one decimal, in words: "6.6 million" (from a count in millions).
    pub fn millions(&self, millions: f64) -> String {
        self.million.replace("{value}", &self.number(millions, 1))
    }

    /// A count of people: "6.6 million" from a million up, else to the nearest thousand.
    pub fn people(&self, v: f64) -> String {
        if v >= 1e6 {
            self.millions(v / 1e6)
        } else {
            self.thousands((v / 1000.0).round() * 1000.0)
        }
    }

    /// A count of people, short: "7.0m" from 100,000 up, else to the nearest thousand.
    pub fn short_people(&self, v: f64) -> String {
        if v >= 1e5 {
            self.millions_short(v / 1e6, 1)
        } else {
            self.thousands((v / 1000.0).round() * 1000.0)
        }
    }
}

/// In English conventions, for machine-readable places and tests: see [`crate::locale::Locale`].
pub fn thousands(v: f64) -> String {
    crate::locale::Locale::default().thousands(v)
}

/// In English conventions: see [`crate::locale::Locale::pct`].
pub fn pct(v: f64) -> String {
    crate::locale::Locale::default().pct(v)
}

/// In English conventions: see [`crate::locale::Locale::people`].
pub fn people(v: f64) -> String {
    crate::locale::Locale::default().people(v)
}

/// How a figure is written: each expression has its own, and `KEY|FORMAT` chooses another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Format {
    /// A whole number, thousands grouped: "5,539".
    Thousands,
    /// A percentage with one decimal, "<0.1%" for a sliver: "69.5%".
    Pct,
    /// A whole percentage: "70%".
    Percent,
    /// A count of people: "6.6 million", else to the nearest thousand: "47,000".
    People,
    /// A count in millions, in words: "6.6 million" (from 6.6).
    Millions,
    /// As it is, with no grouping: a year.
    Plain,
    /// A count of things: under ten in words where the locale names them ("five"), as style
    /// guides in both languages want; else grouped as thousands.
    Count,
}

/// The formats' names, as a key or a claim writes them.
pub const FORMATS: [(&str, Format); 7] = [
    ("thousands", Format::Thousands),
    ("pct", Format::Pct),
    ("percent", Format::Percent),
    ("people", Format::People),
    ("millions", Format::Millions),
    ("plain", Format::Plain),
    ("count", Format::Count),
];

impl Format {
    pub fn named(name: &str) -> Result<Format, Msg> {
        FORMATS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f).ok_or_else(|| {
            crate::msg!(
                "fig_format",
                "\"{name}\" is not a format (known: {known})",
                name = name,
                known = FORMATS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
            )
        })
    }

    pub fn write(self, f: &crate::locale::Locale, v: f64) -> String {
        match self {
            Format::Thousands => f.thousands(v),
            Format::Pct => f.pct(v),
            Format::Percent => f.percent(v, 0),
            Format::People => f.people(v),
            Format::Millions => f.millions(v),
            Format::Plain => format!("{}", v.round() as i64),
            Format::Count => match f.small.get(v.round() as usize) {
                Some(word) if v >= 0.0 => word.clone(),
                _ => f.thousands(v),
            },
        }
    }
}

/// `v` to `places` decimals, exactly as `format!("{:.*}", places, v)` writes it (ties to even,
/// on the binary value), by integer arithmetic on the float's bits. Why: core's float
/// formatting (Grisu and Dragon4, with their big-number tables) was about 18 KB of the reader's
/// wasm, for labels of a few digits. At most 9 places; a value whose digits do not fit 128 bits
/// (above about 10^29) is written as the largest that does.
pub fn fixed(v: f64, places: usize) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v.is_infinite() {
        return format!("{sign}inf");
    }
    let places = places.min(9);
    let scale = 10u128.pow(places as u32);
    // |v| = m × 2^e exactly, so |v| × 10^places = m × 10^places × 2^e, rounded to a whole number.
    let bits = v.abs().to_bits();
    let (raw_exp, frac) = ((bits >> 52) as i32, u128::from(bits & ((1 << 52) - 1)));
    let (m, e) = if raw_exp == 0 { (frac, -1074) } else { (frac | 1 << 52, raw_exp - 1075) };
    let n = if e >= 0 {
        m.checked_shl(e as u32).filter(|x| x >> e == m).and_then(|x| x.checked_mul(scale)).unwrap_or(u128::MAX)
    } else if -e > 120 {
        0 // below 2^-67: nothing at 9 places, and never a tie
    } else {
        let (x, shift) = (m * scale, (-e) as u32);
        let (q, r, half) = (x >> shift, x & ((1 << shift) - 1), 1u128 << (shift - 1));
        q + u128::from(r > half || (r == half && q % 2 == 1))
    };
    let (whole, part) = (n / scale, n % scale);
    if places == 0 {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{part:0places$}")
    }
}
