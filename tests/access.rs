//! Readers who cannot see the canvas: contrast of both themes, the generated descriptions and
//! tables, and the charts drawn ahead of time for the static page.

use lifeline::access::{describe, table};
use lifeline::charts::Theme;
use lifeline::data::Dataset;
use lifeline::prerender::{build, scan, scene_view};
use lifeline::story::{ChartKind, StepSpec, View};
use plotters::style::RGBColor;

fn data() -> Dataset {
    Dataset::from_json("www/data/lifeline.json", &std::fs::read_to_string("www/data/lifeline.json").unwrap()).unwrap()
}

/// WCAG 2.2 contrast ratio of two colours.
fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let lum = |c: RGBColor| {
        let ch = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn both_themes_meet_wcag_contrast() {
    for (name, t) in [("light", Theme::light(1.0)), ("dark", Theme::dark(1.0))] {
        assert!(contrast(t.text, t.background) >= 4.5, "{name} text");
        assert!(contrast(t.muted_text, t.background) >= 4.5, "{name} muted text");
        for c in t.arms.iter().chain(&t.displacement).chain(std::iter::once(&t.others)) {
            let r = contrast(*c, t.background);
            assert!(r >= 3.0, "{name}: mark {c:?} has {r:.2}:1");
        }
    }
}

fn view(d: &Dataset, chart: &str, hl: Option<&str>, dim: bool) -> View {
    View::for_step(&StepSpec::parse("t", Some(chart), hl, dim).unwrap(), d, "t").unwrap()
}

#[test]
fn descriptions_say_what_the_chart_shows_from_the_data() {
    let d = data();
    let s = describe(&d, &view(&d, "arms-shares", Some("Russia,China"), false));
    assert!(s.contains("Russia 69.5%") && s.contains("together 80.9%") && s.contains("The commentary gives 80%"), "{s}");
    let s = describe(&d, &view(&d, "arms-by-year", Some("Russia"), false));
    assert!(s.contains("5,539 in all") && s.contains("Russia's deliveries run from 2006 to 2014"), "{s}");
    let s = describe(&d, &view(&d, "displacement-series", Some("Afghanistan"), true));
    assert!(s.starts_with("Shown faded"), "{s}");
    assert!(s.contains("Afghanistan's highest count up to 2021 was 6.3 million in 1990"), "{s}");
    let s = describe(&d, &view(&d, "displacement-claims", None, false));
    assert!(s.contains("Russia 4.5 million (refugees from Ukraine, attributed to Russia)"), "{s}");
    // Every state of every step has a description; they differ where the states differ.
    let html = std::fs::read_to_string("index.html").unwrap();
    for scene in scan(&html) {
        for st in scene.steps {
            let v = View::for_step(&StepSpec::parse(&st.id, st.chart.as_deref(), st.highlight.as_deref(), st.dim).unwrap(), &d, &st.id).unwrap();
            assert!(describe(&d, &v).len() > 60, "{}", st.id);
        }
    }
}

#[test]
fn every_chart_has_a_table_of_its_data() {
    let d = data();
    for k in ChartKind::ALL {
        let Some(t) = table(&d, k) else {
            assert_eq!(k, ChartKind::Title);
            continue;
        };
        assert!(t.caption.contains("Source:"), "{}", k.attr());
        assert!(t.rows.iter().all(|r| r.len() == t.headers.len()), "{}", k.attr());
    }
    let t = table(&d, ChartKind::ArmsShares).unwrap();
    assert_eq!(t.rows[0], vec!["Russia", "3,851", "69.5%"]);
    let t = table(&d, ChartKind::DisplacementSeries).unwrap();
    let row_1990 = t.rows.iter().find(|r| r[0] == "1990").unwrap();
    assert_eq!(row_1990[t.headers.iter().position(|h| h == "Afghanistan").unwrap()], "6,339,095");
    assert_eq!(row_1990[t.headers.iter().position(|h| h == "Venezuela").unwrap()], "no record");
    // Markup in the data stays text in the HTML table.
    let mut evil = d.clone();
    evil.arms_shares.suppliers[0].name = "<script>x</script>".into();
    assert!(table(&evil, ChartKind::ArmsShares).unwrap().to_html().contains("&lt;script&gt;x&lt;/script&gt;"));
}

#[test]
fn the_static_page_carries_each_scenes_chart_drawn_from_the_data() {
    let d = data();
    let html = std::fs::read_to_string("index.html").unwrap();
    let (page, files) = build(&html, &d).unwrap();
    let scenes = scan(&html);
    assert_eq!(scenes.len(), 7);
    assert!(!page.contains("<!-- lifeline:"), "every marker replaced");
    for s in &scenes {
        let v = scene_view(s, &d).unwrap();
        assert_ne!(v.kind, ChartKind::Title, "{}: the title card says nothing on paper", s.id);
        let svg = &files.iter().find(|f| f.0 == format!("www/charts/{}.svg", s.id)).unwrap().1;
        assert!(svg.starts_with("<svg") && svg.contains("Source:"), "{}", s.id);
        assert!(files.iter().any(|f| f.0 == format!("www/charts/{}-dark.svg", s.id)));
        // The image's alt text is the generated description, and its table follows it.
        let alt = lifeline::access::escape(&describe(&d, &v));
        assert!(page.contains(&format!("alt=\"{alt}\"")), "{}", s.id);
    }
    // The arms scene's picture shows the data's numbers.
    let arms = &files.iter().find(|f| f.0 == "www/charts/scene-arms.svg").unwrap().1;
    assert!(arms.contains("Venezuela&apos;s arms imports by supplier, 2000-2021"));
    let shares = scenes.iter().find(|s| s.id == "scene-outlook").unwrap();
    assert_eq!(scene_view(shares, &d).unwrap().kind, ChartKind::ArmsShares);
    assert!(files.iter().find(|f| f.0 == "www/charts/scene-outlook.svg").unwrap().1.contains("China: 11.4%"));
    assert!(page.contains("<th scope=\"row\">Russia</th><td>3,851</td><td>69.5%</td>"));
}
