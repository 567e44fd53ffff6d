//! The engine on its fixture story (`tests/fixtures/story/`, made-up figures written by its
//! `make.py`), apart from the two real stories: the fixture uses every chart type, every step
//! attribute, every annotation and note and every figure expression, and every one resolves;
//! broken copies of it are named by `check-data` with the file and the field. (The labels of
//! every state of every chart, the fixture's included, are checked in `tests/labels.rs`.)

use lifeline::data::Dataset;
use lifeline::prerender::{check_figures, scan};
use lifeline::story::StepSpec;
use lifeline::view::View;
use serde_json::{json, Value};

const DIR: &str = "tests/fixtures/story";

fn page() -> String {
    std::fs::read_to_string(format!("{DIR}/index.html")).unwrap()
}

fn text() -> String {
    std::fs::read_to_string(format!("{DIR}/data.json")).unwrap()
}

fn data() -> Dataset {
    Dataset::from_json("data.json", &text()).unwrap_or_else(|e| panic!("{e:?}"))
}

/// The `data-figure` keys of a page, in order.
fn keys(html: &str) -> Vec<String> {
    html.split("data-figure=\"").skip(1).map(|p| p[..p.find('"').unwrap()].to_string()).collect()
}

#[test]
fn the_fixture_uses_every_chart_type_attribute_annotation_and_expression() {
    let d = data();
    let html = page();
    let steps: Vec<_> = scan(&html).into_iter().flat_map(|s| s.steps).collect();
    // Every chart type, and every declared chart shown by some step; notes on every type that draws them.
    let mut types: Vec<&str> = d.charts.iter().map(|c| c.body.type_name()).collect();
    types.sort();
    types.dedup();
    let mut all: Vec<&str> = lifeline::charts::TYPES.to_vec();
    all.sort();
    assert_eq!(types, all, "chart types the fixture lacks");
    for c in &d.charts {
        assert!(steps.iter().any(|s| s.chart.as_deref() == Some(c.id.as_str())), "no step shows {}", c.id);
    }
    for c in d.charts.iter().filter(|c| c.body.takes_notes()) {
        assert!(d.charts.iter().any(|o| o.body.type_name() == c.body.type_name() && !o.notes.is_empty()), "no {} chart has notes", c.body.type_name());
    }
    // Every step attribute.
    assert!(steps.iter().any(|s| s.highlight.is_some()), "data-highlight");
    assert!(steps.iter().any(|s| s.dim), "data-dim");
    assert!(steps.iter().any(|s| s.window.is_some()), "data-window");
    assert!(steps.iter().any(|s| s.annotate.is_some()), "data-annotate");
    // Every annotation of every type, named by a step on a chart of that type; every note, by a
    // step on its own chart.
    let names = |s: &lifeline::story::StepAttrs| -> Vec<String> { s.annotate.as_deref().unwrap_or("").split(',').map(|a| a.trim().to_string()).collect() };
    let type_of = |s: &lifeline::story::StepAttrs| s.chart.as_deref().and_then(|id| d.chart(id).ok()).map(|c| c.body.type_name());
    for c in &d.charts {
        for a in c.body.annotations() {
            assert!(
                steps.iter().any(|s| type_of(s) == Some(c.body.type_name()) && names(s).iter().any(|n| n == a)),
                "no step draws \"{a}\" on a {} chart",
                c.body.type_name()
            );
        }
        for n in &c.notes {
            assert!(steps.iter().any(|s| s.chart.as_deref() == Some(c.id.as_str()) && names(s).contains(&n.id)), "no step draws note \"{}\" of {}", n.id, c.id);
        }
    }
    // Every figure expression, and a format chosen by a key.
    let used = keys(&html);
    for e in lifeline::figures::EXPRESSIONS {
        assert!(used.iter().any(|k| k.split([':', '|']).next() == Some(e)), "no figure uses {e}");
    }
    assert!(used.iter().any(|k| k.contains('|')), "no key chooses its format");
}

#[test]
fn every_step_and_figure_of_the_fixture_resolves_to_what_its_page_prints() {
    let d = data();
    let html = page();
    for st in scan(&html).into_iter().flat_map(|s| s.steps) {
        let v = StepSpec::from_attrs(&st).and_then(|s| View::for_step(&s, &d, &st.id));
        assert!(v.is_ok(), "{}: {:?}", st.id, v.err());
        // Its description is whole: no slot left unfilled.
        let said = lifeline::access::describe(&d, &v.unwrap());
        assert!(!said.contains('{') && said.len() > 30, "{}: {said}", st.id);
    }
    assert_eq!(check_figures(&html, &d), Vec::<String>::new());
    // A few by hand: the numbers were chosen to be worked out.
    let f = |k: &str| lifeline::figures::figure(&d, k).unwrap();
    assert_eq!(f("series.total:totals:all:2010:2019"), "550");
    assert_eq!(f("series.fall:trend:all:2012:2019"), "90%");
    assert_eq!(f("part.rest:share:Alpha"), "50.0%");
    assert_eq!(f("verdict:alpha-count"), "Within 10%");
    assert_eq!(f("series.value:lines:ALP/first_part:2018|people"), "4.0 million");
}

#[test]
fn notes_are_drawn_where_a_step_names_them_and_described() {
    let d = data();
    let mut spec = StepSpec::parse("t", Some("totals"), None, false).unwrap();
    spec.annotate = vec!["event".into(), "era".into()];
    let v = View::for_step(&spec, &d, "t").unwrap();
    let mut out = String::new();
    {
        use plotters::prelude::*;
        let area = lifeline::text::Measured(SVGBackend::with_string(&mut out, (800, 500))).into_drawing_area();
        lifeline::charts::draw_view(&area, &d.cx(), d.scene(&v), &d.chart_theme(false, 1.0)).unwrap();
    }
    assert!(out.contains("An event") && out.contains("An era"), "the notes' labels are drawn");
    let said = lifeline::access::describe(&d, &v);
    assert!(said.contains("Marked: An event (2013).") && said.contains("Marked: An era (2015–2017)."), "{said}");
    // Not drawn when no step names them.
    let plain = View::for_step(&StepSpec::parse("t", Some("totals"), None, false).unwrap(), &d, "t").unwrap();
    assert!(!lifeline::access::describe(&d, &plain).contains("Marked"));
    // A note another chart declares is not this chart's.
    let mut spec = StepSpec::parse("t", Some("gaps"), None, false).unwrap();
    spec.annotate = vec!["event".into()];
    assert!(View::for_step(&spec, &d, "t")
        .unwrap_err()
        .to_string()
        .contains("data-annotate names \"event\", which gaps cannot draw (known: peak, fall, last, gaps, publication)"));
}

/// Runs `check-data` on a copy of the fixture with its data and page changed.
fn check(edit_data: impl FnOnce(&mut Value), edit_page: impl FnOnce(String) -> String) -> (bool, String) {
    let dir = std::env::temp_dir().join(format!("lifeline-fixture-{}-{}", std::process::id(), rand_suffix()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut v: Value = serde_json::from_str(&text()).unwrap();
    edit_data(&mut v);
    let (data, html) = (dir.join("data.json"), dir.join("index.html"));
    std::fs::write(&data, v.to_string()).unwrap();
    std::fs::write(&html, edit_page(page())).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_check-data")).arg(&data).arg(&html).output().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let said = String::from_utf8_lossy(&out.stderr).replace(&dir.display().to_string(), "DIR");
    (out.status.success(), said)
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

#[test]
fn check_data_names_the_file_and_the_field_of_each_broken_story() {
    let (ok, said) = check(|_| {}, |p| p);
    assert!(ok, "the fixture itself: {said}");
    type Case = (&'static str, Box<dyn FnOnce(&mut Value)>, Box<dyn FnOnce(String) -> String>, &'static str);
    let cases: Vec<Case> = vec![
        ("an unknown chart type", Box::new(|v| v["charts"][1]["type"] = json!("pie")), Box::new(|p| p),
            "DIR/data.json: charts[1].type is \"pie\", which is not a chart type (known: title, stacked-bars, share-bar, hbars, bars, lines, dot-plot, timeline)"),
        ("a series missing its values", Box::new(|v| { v["charts"][8]["data"]["series"][1].as_object_mut().unwrap().remove("values"); }), Box::new(|p| p),
            "DIR/data.json: charts[8].data.series[1] is not valid: missing field `values`"),
        ("a step naming a chart the file lacks", Box::new(|_| {}), Box::new(|p: String| p.replacen("data-chart=\"rows\"", "data-chart=\"rowz\"", 1)),
            "DIR/index.html: step \"rows\": data-chart is \"rowz\", which is not a chart (known: card, totals, gaps, trend, parts, share, rows, bars, lines, dots, events)"),
        ("a figure that does not resolve", Box::new(|_| {}), Box::new(|p: String| p.replacen("part.share:share:Alpha+Beta", "part.share:share:Alpha+Zeta", 1)),
            "DIR/index.html: data-figure \"part.share:share:Alpha+Zeta\" does not resolve: no part \"Zeta\" in chart share"),
        ("a figure the data no longer give", Box::new(|v| v["values"][1]["numbers"][0] = json!(4321.0)), Box::new(|p| p),
            "DIR/index.html: data-figure \"value:one\": the page says \"1,234\", the data give \"4,321\""),
        ("a claim measured by nothing", Box::new(|v| v["claims"]["items"][0]["measured"] = json!("part.share:share:Zeta")), Box::new(|p| p),
            "DIR/data.json: claims.items[0].measured is \"part.share:share:Zeta\", which does not resolve: no part \"Zeta\" in chart share"),
    ];
    for (name, d, p, want) in cases {
        let (ok, said) = check(d, p);
        assert!(!ok, "{name}: accepted");
        assert!(said.lines().any(|l| l == want), "{name}:\n  got  {said}\n  want {want}");
    }
}

/// Shared as a link (`lifeline::share`): a page without its article record is refused with what
/// to add; with one, the card's tags and a completed record; the picture is a 1200 x 630 PNG.
#[test]
fn the_link_card_needs_the_article_record_and_draws_the_first_chart() {
    let d = data();
    let html = page();
    let first = lifeline::prerender::headline_view(&html, &d).unwrap();
    let err = lifeline::share::head(&html, &d, &first, None).unwrap_err();
    assert!(err.contains("data-article"), "{err}");
    let record = r#"<script type="application/ld+json" data-article>{"@context": "https://schema.org", "@type": "Article", "headline": "H", "inLanguage": "en", "author": {"name": "A"}, "publisher": {"name": "P"}}</script>"#;
    let with = html.replacen("</head>", &format!("{record}\n</head>"), 1);
    let out = lifeline::share::head(&with, &d, &first, Some("2026-01-02")).unwrap();
    for tag in [
        "<meta property=\"og:image\" content=\"social.png\">",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "<meta property=\"article:modified_time\" content=\"2026-01-02\">",
    ] {
        assert!(out.contains(tag), "{tag} missing");
    }
    assert!(out.contains("\"dateModified\": \"2026-01-02\""), "{out}");
    // The record is moved to the end of the body, out of the bytes before the first chart.
    assert!(out.rfind("data-article").unwrap() > out.find("<body").unwrap());
    let png = lifeline::share::image(&d, &first).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let dims = (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert_eq!(dims, lifeline::share::IMAGE);
    // Drawn, not blank: dark ink (the title and labels) on a light ground.
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    let dark = pixmap.pixels().iter().filter(|p| p.red() < 80 && p.green() < 80 && p.blue() < 80).count();
    assert!(dark > 300, "{dark} dark pixels");
}
