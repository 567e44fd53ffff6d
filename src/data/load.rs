//! Reading a data file section by section: each section parsed on its own, each chart on its
//! own, so one broken part is named while the rest still works.

use super::defaults::{defaults, languages, theme, FIRST_LANG};
use super::{Dataset, OPTIONAL, SECTIONS};
use crate::charts::{Body, Chart, Note, TYPES};
use crate::check::Checker;
use crate::locale::Locale;
use crate::map::Map;
use crate::msg;
use crate::msg::{DataError, Msg};
use crate::spec::{SectionSource, Source, ThemeIn};
use serde::Deserialize;

/// serde's own message (in English: it comes from serde) in the story's frame.
fn serde_problem(detail: &str) -> Msg {
    msg!("invalid", "is not valid: {detail}", detail = detail)
}

/// The language of the file's own words (`"lang"`): one the engine has words for, else English
/// (and a problem named).
fn read_lang(src: &impl SectionSource, err: &mut impl FnMut(String, Msg)) -> String {
    match src.get::<String>("lang") {
        None => FIRST_LANG.to_string(),
        Some(Ok(l)) if languages().any(|k| k == l) => l,
        Some(Ok(l)) => {
            err("lang".into(), msg!("lang", "is \"{lang}\"; the engine has words for {known}", lang = l, known = languages().collect::<Vec<_>>().join(", ")));
            FIRST_LANG.to_string()
        }
        Some(Err((_, m))) => {
            err("lang".into(), serde_problem(&m));
            FIRST_LANG.to_string()
        }
    }
}

/// Lays each edition's words over the engine's in its language, and its number formats where it
/// leaves them out; returns the languages that left them out but have none of the engine's.
fn editions_over_defaults<S: SectionSource>(d: &mut Dataset) -> Vec<String> {
    let mut no_locale = Vec::new();
    for (lang, e) in d.editions.iter_mut() {
        let base = defaults::<S>(lang);
        e.words = std::mem::take(&mut e.words).over(base.words);
        if e.locale.is_none() && !languages().any(|l| l == lang.as_str()) {
            no_locale.push(lang.clone());
        }
        e.locale.get_or_insert(base.locale);
    }
    no_locale
}

/// Builds a [`Dataset`] from `src`, collecting every problem the model can see; `file` prefixes
/// each message. A claim's measured expression is the figures' to check: every reader of a data
/// file calls `figures::check_measured` next (the browser's `web::source::parse`, the build's
/// `Dataset::load_json`).
pub fn load<S: SectionSource>(file: &str, src: &S) -> (Dataset, Vec<DataError>) {
    let mut d = Dataset::default();
    let mut errors = Vec::new();
    let mut err = |path: String, problem: Msg| errors.push(DataError { path: format!("{file}: {path}"), problem });
    let at_file = |path: &str, problem: Msg| DataError { path: format!("{file}: {path}"), problem };
    for k in src.keys() {
        // `events` is the build's alone (crate::events): the browser skips it unread.
        if !SECTIONS.contains(&k.as_str()) && !["schema", "generated_by", "lang", "events"].contains(&k.as_str()) {
            err(
                k.clone(),
                msg!(
                    "unknown_field",
                    "is not a field of the data file (known: {known})",
                    known = format!("schema, generated_by, lang, {}, events", SECTIONS.join(", "))
                ),
            );
        }
    }
    let mut broken = Map::new();
    macro_rules! section {
        ($name:literal, $field:ident) => {
            match src.get($name) {
                None if OPTIONAL.contains(&$name) => {}
                None => {
                    err($name.to_string(), msg!("missing", "is missing"));
                    broken.insert($name.to_string(), at_file($name, msg!("missing", "is missing")));
                }
                Some(Err((path, detail))) => {
                    let at = if path.is_empty() || path == "." { $name.to_string() } else { format!("{}.{}", $name, path) };
                    broken.insert($name.to_string(), at_file(&at, serde_problem(&detail)));
                    err(at, serde_problem(&detail));
                }
                Some(Ok(v)) => d.$field = v,
            }
        };
    }
    match src.get::<u32>("schema") {
        Some(Ok(1)) => d.schema = 1,
        Some(Ok(n)) => err("schema".into(), msg!("schema", "is {n}; this build reads schema 1", n = n)),
        Some(Err((_, m))) => err("schema".into(), serde_problem(&m)),
        None => err("schema".into(), msg!("missing", "is missing")),
    }
    if let Some(Ok(g)) = src.get::<String>("generated_by") {
        d.generated_by = g;
    }
    d.lang = read_lang(src, &mut err);
    let own = defaults::<S>(&d.lang);
    // The story's colours over the engine's furniture (crate::data::defaults::theme).
    match src.get::<ThemeIn>("theme") {
        None => d.theme = theme::<S>(),
        Some(Ok(t)) => d.theme = t.over(&theme::<S>()),
        Some(Err((path, detail))) => {
            let at = if path.is_empty() || path == "." { "theme".to_string() } else { format!("theme.{path}") };
            broken.insert("theme".to_string(), at_file(&at, serde_problem(&detail)));
            err(at, serde_problem(&detail));
        }
    }
    section!("words", words);
    // The file's own words over the engine's in its language; its number formats, or the engine's.
    d.words = std::mem::take(&mut d.words).over(own.words);
    d.locale = own.locale;
    section!("locale", locale);
    load_charts(src, &mut d, &mut broken, &mut err, &at_file);
    section!("claims", claims);
    section!("values", values);
    section!("editions", editions);
    for lang in editions_over_defaults::<S>(&mut d) {
        err(format!("editions.{lang}.locale"), msg!("missing", "is missing"));
    }
    // The checks ask which charts the file declares, broken ones included.
    d.broken = broken;
    let problems = d.validate_sections();
    errors.extend(d.add_problems(file, problems));
    // A locale that fails its checks would misprint every number: English stands in (the page
    // says what is wrong).
    if d.broken.contains_key("locale") {
        d.locale = Locale::default();
    }
    (d, errors)
}

/// What every chart declaration has besides its type's data.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    title: String,
    #[serde(default)]
    subtitle: String,
    #[serde(default)]
    units: String,
    #[serde(default)]
    source: Source,
    #[serde(default)]
    notes: Vec<Note>,
    #[allow(dead_code)]
    data: serde::de::IgnoredAny,
}

/// A declaration's id, read on its own so a chart with other problems can still be named.
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// Reads `charts`: each declaration's head, then its data as its type's struct, then the type's
/// checks. A broken chart is recorded as `chart:<id>` in `broken`, so a step that shows it says
/// what is wrong while every other chart draws.
fn load_charts(
    src: &impl SectionSource,
    d: &mut Dataset,
    broken: &mut Map<DataError>,
    err: &mut impl FnMut(String, Msg),
    at_file: &impl Fn(&str, Msg) -> DataError,
) {
    let Some(n) = src.count("charts") else {
        let problem = if src.keys().iter().any(|k| k == "charts") { msg!("not_charts", "is not a list of charts") } else { msg!("missing", "is missing") };
        broken.insert("charts".into(), at_file("charts", problem.clone()));
        err("charts".into(), problem);
        return;
    };
    if n == 0 {
        let problem = msg!("no_charts", "is empty; a story needs at least one chart");
        broken.insert("charts".into(), at_file("charts", problem.clone()));
        err("charts".into(), problem);
    }
    for i in 0..n {
        let at = |p: &str| if p.is_empty() || p == "." { format!("charts[{i}]") } else { format!("charts[{i}].{p}") };
        let id = src.at::<IdOnly>("charts", i, None).and_then(Result::ok).map(|h| h.id);
        if let Some(id) = id.as_ref().filter(|id| !d.chart_order.contains(id)) {
            d.chart_order.push(id.clone());
        }
        let mut fail = |path: String, problem: Msg, broken: &mut Map<DataError>| {
            if let Some(id) = &id {
                broken.insert_if_absent(format!("chart:{id}"), || at_file(&path, problem.clone()));
            }
            err(path, problem);
        };
        let head = match src.at::<Head>("charts", i, None) {
            Some(Ok(h)) => h,
            Some(Err((p, m))) => {
                fail(at(&p), serde_problem(&m), broken);
                continue;
            }
            None => continue,
        };
        if d.charts.iter().any(|c| c.id == head.id) || broken.contains_key(&format!("chart:{}", head.id)) {
            // The first of the two stays as it is.
            err(at("id"), msg!("chart_id_twice", "is \"{id}\", as is an earlier chart's; ids must be unique", id = head.id));
            continue;
        }
        let body = match Body::read(&head.kind, src, i) {
            None => {
                let known = TYPES.join(", ");
                fail(at("type"), msg!("chart_type", "is \"{kind}\", which is not a chart type (known: {known})", kind = head.kind, known = known), broken);
                continue;
            }
            Some(Err((p, m))) => {
                let p = if p.is_empty() || p == "." { "data".to_string() } else { format!("data.{p}") };
                fail(at(&p), serde_problem(&m), broken);
                continue;
            }
            Some(Ok(b)) => b,
        };
        let chart = Chart { id: head.id, title: head.title, subtitle: head.subtitle, units: head.units, source: head.source, body, notes: head.notes };
        let problems = check_chart(&chart, &at);
        if problems.is_empty() {
            d.charts.push(chart);
        }
        for e in problems {
            fail(e.path, e.problem, broken);
        }
    }
}

/// What serde cannot check of one chart: its id, texts, source and units, its type's own data
/// and its notes; `at` gives a field's path in the file.
fn check_chart(chart: &Chart, at: &dyn Fn(&str) -> String) -> Vec<DataError> {
    let mut c = Checker::default();
    c.id(&at("id"), &chart.id);
    c.text(&at("title"), &chart.title);
    if !chart.subtitle.is_empty() {
        c.text(&at("subtitle"), &chart.subtitle);
    }
    if chart.body.framed() {
        c.source(&at(""), &chart.source);
        c.text(&at("units"), &chart.units);
    }
    chart.body.check(&mut c, &at("data"));
    check_notes(&mut c, chart, &at("notes"));
    c.into_errors()
}

/// A chart's notes: only on types that draw them, each a unique id no annotation of the type
/// has, a label, and years inside the chart's time axis.
fn check_notes(c: &mut Checker, chart: &Chart, at: &str) {
    if chart.notes.is_empty() {
        return;
    }
    if !chart.body.takes_notes() {
        c.fail(at, msg!("notes_type", "is not empty; {kind} charts draw no notes (stacked-bars and lines do)", kind = chart.body.type_name()));
        return;
    }
    c.list(at, chart.notes.len(), 12);
    let span = chart.body.span();
    for (i, n) in chart.notes.iter().enumerate() {
        c.id(&format!("{at}[{i}].id"), &n.id);
        if chart.body.annotations().contains(&n.id.as_str()) {
            c.fail(
                format!("{at}[{i}].id"),
                msg!("note_annotation", "is \"{id}\", an annotation {kind} charts draw already; choose another id", id = n.id, kind = chart.body.type_name()),
            );
        } else if let Some(j) = chart.notes[..i].iter().position(|o| o.id == n.id) {
            c.fail(format!("{at}[{i}].id"), msg!("id_twice", "is \"{id}\", as is {other}; ids must be unique", id = n.id, other = format!("{at}[{j}].id")));
        }
        c.label(|| format!("{at}[{i}].label"), &n.label);
        let (a, b) = n.span();
        if n.to.is_some_and(|to| to < n.from) {
            c.fail(format!("{at}[{i}].to"), msg!("note_backwards", "is {to}, before from ({from}); a span runs forwards", to = b, from = n.from));
        } else if let Some((lo, hi)) = span.filter(|(lo, hi)| a < *lo || b > *hi) {
            c.fail(format!("{at}[{i}]"), msg!("note_outside", "covers {a}-{b}, outside the chart's years {lo}-{hi}", a = a, b = b, lo = lo, hi = hi));
        }
    }
}
