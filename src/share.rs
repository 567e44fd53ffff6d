//! Shared as a link: what a social network, a chat app or a CMS shows of a page.
//!
//! At build time each page gets Open Graph and Twitter card tags, its article's structured data
//! (JSON-LD) completed from the data file, and a picture: its headline chart drawn by the same
//! code as everywhere else (through the SVG backend), rasterised at 1200 × 630 with resvg in the
//! charts' own font. The addresses stay relative here; `scripts/share.py` makes them absolute
//! from the address the page is published at (`make dist BASE_URL=…`), and adds the canonical
//! link and the oEmbed file, which need it.
//!
//! The article's facts (headline, authors, publisher, the work it is based on) are the page
//! author's, written once in the page as JSON-LD; the build checks them rather than invents them.

use crate::access::describe;
use crate::data::Dataset;
use crate::text::escape;
use crate::view::View;
use serde_json::{Map, Value};

/// The picture's size: the large card of every network that shows one.
pub const IMAGE: (u32, u32) = (1200, 630);
/// Its file, beside the page.
pub const IMAGE_FILE: &str = "social.png";

const LD_OPEN: &str = "<script type=\"application/ld+json\" data-article>";

/// The fonts the charts name (see `crate::text::FONT`), as files: Debian's fonts-liberation.
const FONTS: [&str; 2] = ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"];

/// The text of the first `<tag ...>…</tag>` in `html`, or None.
fn element_text(html: &str, tag: &str) -> Option<String> {
    let open = html.find(&format!("<{tag}"))?;
    let start = open + html[open..].find('>')? + 1;
    let end = start + html[start..].find(&format!("</{tag}>"))?;
    Some(html[start..end].trim().to_string())
}

/// The `content` of `<meta name="NAME" content="…">`.
fn meta(html: &str, name: &str) -> Option<String> {
    let key = format!("<meta name=\"{name}\" content=\"");
    let start = html.find(&key)? + key.len();
    Some(html[start..start + html[start..].find('"')?].to_string())
}

/// `<html lang="…">`.
fn html_lang(html: &str) -> Option<String> {
    let start = html.find("<html lang=\"")? + "<html lang=\"".len();
    Some(html[start..start + html[start..].find('"')?].to_string())
}

/// The page's article record: its JSON and where its text sits in the page.
fn article(html: &str) -> Result<(Map<String, Value>, std::ops::Range<usize>), String> {
    let open = html.find(LD_OPEN).ok_or_else(|| {
        format!("the page has no article record: a {LD_OPEN}…</script> in its <head> with headline, author, publisher and inLanguage (see docs/writing-a-story.md, \"Shared as a link\")")
    })?;
    let start = open + LD_OPEN.len();
    let end = start + html[start..].find("</script>").ok_or("the article record's <script> is not closed")?;
    let value: Value = serde_json::from_str(&html[start..end]).map_err(|e| format!("the article record is not JSON: {e}"))?;
    let Value::Object(map) = value else { return Err("the article record must be a JSON object".into()) };
    Ok((map, start..end))
}

/// What is wrong with an article record for a page in `lang`, in words.
fn check(map: &Map<String, Value>, lang: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    let text = |k: &str| map.get(k).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    if map.get("@context").and_then(Value::as_str) != Some("https://schema.org") {
        wrong.push("\"@context\" must be \"https://schema.org\"".into());
    }
    if !matches!(text("@type"), Some("Article" | "NewsArticle" | "Report" | "AnalysisNewsArticle")) {
        wrong.push("\"@type\" must be Article, NewsArticle, AnalysisNewsArticle or Report".into());
    }
    if text("headline").is_none() {
        wrong.push("\"headline\" is missing".into());
    }
    let named = |v: &Value| v.get("name").and_then(Value::as_str).is_some_and(|n| !n.trim().is_empty());
    match map.get("author") {
        Some(Value::Array(a)) if !a.is_empty() && a.iter().all(named) => {}
        Some(v) if named(v) => {}
        _ => wrong.push("\"author\" must name the explainer's authors ({\"@type\": \"Organization\", \"name\": …})".into()),
    }
    if !map.get("publisher").is_some_and(named) {
        wrong.push("\"publisher\" must have a \"name\"".into());
    }
    match text("inLanguage") {
        Some(l) if l == lang || l.starts_with(&format!("{lang}-")) => {}
        Some(l) => wrong.push(format!("\"inLanguage\" is \"{l}\", but the page's <html lang> is \"{lang}\"")),
        None => wrong.push("\"inLanguage\" is missing".into()),
    }
    wrong
}

/// The page with its link tags and completed article record; `headline` is the chart its
/// picture shows (`prerender::headline_view`). `as_of` is the date the page's
/// events run to (the data file's record of events), written as the article's `dateModified`.
pub fn head(html: &str, data: &Dataset, headline: &View, as_of: Option<&str>) -> Result<String, String> {
    let lang = html_lang(html).ok_or("the page has no <html lang>")?;
    let title = element_text(html, "title").filter(|t| !t.is_empty()).ok_or("the page has no <title>")?;
    let description = meta(html, "description").filter(|d| !d.is_empty()).ok_or("the page has no <meta name=\"description\">")?;
    let (mut map, range) = article(html)?;
    let wrong = check(&map, &lang);
    if !wrong.is_empty() {
        return Err(format!("the article record: {}", wrong.join("; ")));
    }
    if let Some(d) = as_of {
        map.insert("dateModified".into(), Value::String(d.to_string()));
    }
    map.insert("image".into(), Value::String(IMAGE_FILE.into()));
    let site = map["publisher"]["name"].as_str().unwrap_or_default().to_string();
    let locale = map["inLanguage"].as_str().unwrap_or_default().replace('-', "_");
    // No `<` at all in the script's text (JSON's \u003c instead): neither `</script>` nor `<!--`
    // can end or derail it.
    let json = serde_json::to_string_pretty(&Value::Object(map)).map_err(|e| e.to_string())?.replace('<', "\\u003c");
    // Moved to the end of the body: it is for machines, and the bytes before the first chart are
    // the reader's (docs/performance.md).
    let mut page = format!("{}{}", &html[..range.start - LD_OPEN.len()], &html[range.end + "</script>".len()..]);
    let end = page.rfind("</body>").ok_or("the page has no </body>")?;
    page.insert_str(end, &format!("{LD_OPEN}\n{json}\n</script>\n"));
    // The chart's title: what the picture shows, short enough for every network's alt text
    // (the page itself gives each chart's full description).
    let alt = escape(&data.chart(&headline.chart).map(|c| c.title.clone()).unwrap_or_else(|_| describe(data, headline)));
    let mut tags = vec![
        ("property", "og:type", "article".to_string()),
        ("property", "og:title", escape(&unescape(&title))),
        ("property", "og:description", description),
        ("property", "og:site_name", escape(&site)),
        ("property", "og:image", IMAGE_FILE.into()),
        ("property", "og:image:type", "image/png".into()),
        ("property", "og:image:width", IMAGE.0.to_string()),
        ("property", "og:image:height", IMAGE.1.to_string()),
        ("property", "og:image:alt", alt.clone()),
        // X reads the title, description and picture from the Open Graph tags.
        ("name", "twitter:card", "summary_large_image".into()),
        ("name", "twitter:image:alt", alt),
    ];
    // Open Graph's locale is a language and a territory (en_GB); a language alone is left out.
    if locale.contains('_') {
        tags.push(("property", "og:locale", escape(&locale)));
    }
    if let Some(d) = as_of {
        tags.push(("property", "article:modified_time", d.to_string()));
    }
    let block: String = tags.iter().map(|(k, name, v)| format!("<meta {k}=\"{name}\" content=\"{v}\">\n")).collect();
    let at = page.find("</head>").ok_or("the page has no </head>")?;
    page.insert_str(at, &block);
    Ok(page)
}

/// Undoes the page's own escaping of an attribute value, for JSON.
/// Numeric references and the five the page's own escaping writes are decoded; any other named
/// entity stays as written (a title with one should hold the character itself).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "quot" => Some('"'),
            "apos" => Some('\''),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            n if n.starts_with("#x") || n.starts_with("#X") => u32::from_str_radix(&n[2..], 16).ok().and_then(char::from_u32),
            n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The link's picture: the chart for `view`, drawn by the same code as the page's charts, as a
/// PNG of [`IMAGE`]. Fails, rather than drawing a chart without words, if the charts' font is
/// not installed.
pub fn image(data: &Dataset, view: &View) -> Result<Vec<u8>, String> {
    use resvg::{tiny_skia, usvg};
    // Drawn at two thirds of the size and enlarged: a card is shown about 500 px wide, where the
    // chart's words would be too small at 1200 px.
    let svg = crate::export::svg(data, view, IMAGE.0 * 2 / 3, IMAGE.1 * 2 / 3, &data.chart_theme(false, 1.0));
    let mut opt = usvg::Options::default();
    for font in FONTS {
        opt.fontdb_mut().load_font_file(font).map_err(|e| format!("the social image needs the charts' font, {font} (Debian's fonts-liberation): {e}"))?;
    }
    opt.font_family = "Liberation Sans".into();
    let tree = usvg::Tree::from_str(&svg, &opt).map_err(|e| format!("the social image's SVG: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(IMAGE.0, IMAGE.1).ok_or("the social image could not be allocated")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(&tree, tiny_skia::Transform::from_scale(1.5, 1.5), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("the social image: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LD: &str = r#"{"@context": "https://schema.org", "@type": "Article", "headline": "H", "inLanguage": "en-GB",
        "author": [{"@type": "Organization", "name": "Lifeline"}], "publisher": {"@type": "Organization", "name": "Lifeline"}}"#;

    #[test]
    fn a_record_is_checked_field_by_field() {
        let Value::Object(ok) = serde_json::from_str(LD).unwrap() else { panic!() };
        assert!(check(&ok, "en").is_empty());
        assert_eq!(check(&ok, "es"), vec!["\"inLanguage\" is \"en-GB\", but the page's <html lang> is \"es\"".to_string()]);
        let mut bad = ok.clone();
        bad.remove("publisher");
        bad.insert("author".into(), Value::Array(vec![]));
        let wrong = check(&bad, "en");
        assert_eq!(wrong.len(), 2, "{wrong:?}");
        assert!(wrong[0].contains("author") && wrong[1].contains("publisher"));
    }

    #[test]
    fn titles_are_decoded_before_they_are_escaped_again() {
        assert_eq!(unescape("A &mdash; B &#8212; C &#x2014; D &amp; E&#39;s &lt;x&gt; & F"), "A &mdash; B \u{2014} C \u{2014} D & E's <x> & F");
    }

    #[test]
    fn a_page_without_a_record_is_told_what_to_add() {
        let err = article("<html lang=\"en\"><head><title>T</title></head></html>").unwrap_err();
        assert!(err.contains("data-article") && err.contains("headline"), "{err}");
        let err = article(&format!("<head>{LD_OPEN}{{\"a\": </script>")).unwrap_err();
        assert!(err.starts_with("the article record is not JSON"), "{err}");
    }
}
