//! Readers who cannot see the canvas: contrast of both themes, the generated descriptions and
//! tables, and the charts drawn ahead of time for the static page.

use lifeline::access::{describe, table};
use lifeline::data::Dataset;
use lifeline::prerender::{build, scan};
use lifeline::story::StepSpec;
use lifeline::view::View;
use plotters::style::RGBColor;

/// The ids of the real story's charts (leaked: a test's few bytes, for `&'static str`s).
fn ids() -> Vec<&'static str> {
    data().charts.iter().map(|c| &*Box::leak(c.id.clone().into_boxed_str())).collect()
}

fn data() -> Dataset {
    Dataset::from_json("www/data/lifeline.json", &std::fs::read_to_string("www/data/lifeline.json").unwrap()).unwrap()
}

/// WCAG 2.2 contrast ratio of two colours.
fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let lum = |c: RGBColor| {
        let ch = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn both_themes_meet_wcag_contrast() {
    let d = data();
    for (name, t) in [("light", d.chart_theme(false, 1.0)), ("dark", d.chart_theme(true, 1.0))] {
        assert!(contrast(t.text, t.background) >= 4.5, "{name} text");
        assert!(contrast(t.muted_text, t.background) >= 4.5, "{name} muted text");
        assert!(!t.palette.is_empty(), "{name}: the story's theme has no series colours");
        for (series, c) in t.palette.iter().cloned().chain(std::iter::once(("others".to_string(), t.others))) {
            let r = contrast(c, t.background);
            assert!(r >= 3.0, "{name}: the mark of {series} {c:?} has {r:.2}:1");
        }
    }
    // A theme that fails is refused by the data checks, naming the colour.
    let text = std::fs::read_to_string("www/data/lifeline.json").unwrap();
    let bad = text.replacen("\"Russia\": \"#c4461a\"", "\"Russia\": \"#eeeeee\"", 1);
    assert_ne!(bad, text);
    let errs = Dataset::from_json("x.json", &bad).unwrap_err();
    assert!(errs.iter().any(|e| e.to_string().contains("theme.light.series.Russia has 1.2:1 contrast")), "{errs:?}");
    let (broken, _) = Dataset::load_json("x.json", &text.replacen("\"#c4461a\"", "\"orange\"", 1));
    assert!(broken.problem("theme").unwrap().contains("\"orange\" is not a colour; write #rrggbb"), "{:?}", broken.problem("theme"));
    // Drawn in greys, not with a wrong palette.
    assert!(broken.chart_theme(false, 1.0).palette.is_empty());
}

#[test]
fn every_series_the_story_draws_has_its_colour_in_the_theme() {
    // One colour per name everywhere; only groups of small series share the "others" grey.
    let d = data();
    let t = d.chart_theme(false, 1.0);
    let mut groups = vec![];
    for c in &d.charts {
        if let Body::Stacked(s) = &c.body {
            groups.extend(s.series.iter().filter(|s| !s.members.is_empty()).map(|s| s.name.clone()));
        }
    }
    for kind in ids() {
        for name in lifeline::story::series_names(&d, kind) {
            if kind == "timeline" || kind == "russia-by-category" || groups.contains(&name) {
                continue; // events and kinds of weapon are not series with colours of their own
            }
            // Rows of bars and dots take the colour they name.
            let name = match &d.chart(kind).unwrap().body {
                Body::Bars(b) => b.rows.iter().find(|r| r.name == name).unwrap().colour.clone(),
                Body::Dots(p) => p.rows.iter().find(|r| r.name == name).unwrap().colour.clone(),
                _ => name,
            };
            assert!(t.palette.iter().any(|(n, _)| *n == name), "{}: {name} has no colour in the theme", kind);
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
    for k in ids() {
        let Some(t) = table(&d, k) else {
            assert_eq!(k, "title");
            continue;
        };
        assert!(t.caption.contains("Source:"), "{}", k);
        assert!(t.rows.iter().all(|r| r.len() == t.headers.len()), "{}", k);
    }
    let t = table(&d, "arms-shares").unwrap();
    assert_eq!(t.rows[0], vec!["Russia", "3,851", "69.5%"]);
    let t = table(&d, "displacement-series").unwrap();
    let row_1990 = t.rows.iter().find(|r| r[0] == "1990").unwrap();
    assert_eq!(row_1990[t.headers.iter().position(|h| h == "Afghanistan").unwrap()], "6,339,095");
    assert_eq!(row_1990[t.headers.iter().position(|h| h == "Venezuela").unwrap()], "no record");
    // Markup in the data stays text in the HTML table.
    let mut evil = d.clone();
    let shares = evil.charts.iter_mut().find(|c| c.id == "arms-shares").unwrap();
    let lifeline::charts::Body::Share(sb) = &mut shares.body else { panic!("arms-shares is a share bar") };
    sb.items[0].name = "<script>x</script>".into();
    assert!(table(&evil, "arms-shares").unwrap().to_html().contains("&lt;script&gt;x&lt;/script&gt;"));
}

#[test]
fn the_static_page_follows_every_step_with_its_own_chart() {
    let d = data();
    let html = std::fs::read_to_string("index.html").unwrap();
    let (page, files) = build(&html, &d).unwrap();
    let steps: Vec<StepAttrs> = scan(&html).into_iter().flat_map(|s| s.steps).collect();
    assert!(!page.contains("<!-- lifeline:"), "every marker replaced");
    let mut kinds = Vec::new();
    let mut last = 0;
    for st in &steps {
        let v = View::for_step(&lifeline::story::StepSpec::from_attrs(st).unwrap(), &d, &st.id).unwrap();
        for suffix in ["", "-dark", "-narrow", "-narrow-dark"] {
            let svg = &files.iter().find(|f| f.0 == format!("www/charts/{}{suffix}.svg", st.id)).unwrap_or_else(|| panic!("{}{suffix}", st.id)).1;
            assert!(svg.starts_with("<svg") && svg.contains("Source:"), "{}{suffix}", st.id);
        }
        // The phone drawing is made at a phone's width, so its text is not shrunk.
        let narrow = &files.iter().find(|f| f.0 == format!("www/charts/{}-narrow.svg", st.id)).unwrap().1;
        assert!(narrow.contains(&format!("width=\"{}\"", lifeline::prerender::NARROW.0)), "{}", st.id);
        // The chart comes right after its step's text, with the generated description as alt text.
        let alt = format!("alt=\"{}\"", lifeline::text::escape(&describe(&d, &v)));
        let step_at = page.find(&format!(" id=\"{}\"", st.id)).unwrap();
        assert!(step_at > last, "{} out of order", st.id);
        let fig_at = step_at + page[step_at..].find("<figure class=\"step-chart").unwrap();
        let next_step = page[step_at + 1..].find(" data-step ").map(|i| i + step_at + 1).unwrap_or(page.len());
        assert!(fig_at < next_step, "{}: its chart does not follow it", st.id);
        assert!(page[fig_at..next_step].contains(&alt), "{}: alt text", st.id);
        last = step_at;
        kinds.push(v.chart);
    }
    // Every chart of the story is there, each kind's table once.
    for k in ids().into_iter().filter(|k| *k != "title") {
        assert!(kinds.iter().any(|x| x == k), "no chart of {}", k);
    }
    // Each table names its chart and the chart's CSV file, written beside the page (the reader's
    // module has no tables or downloads of its own: www/lifeline.js uses these).
    assert_eq!(page.matches("<details data-chart=\"").count(), ids().len() - 1);
    assert_eq!(page.matches("<summary>Show the data</summary>").count(), ids().len() - 1);
    for k in ids().into_iter().filter(|k| *k != "title") {
        assert!(page.contains(&format!("<details data-chart=\"{k}\" data-csv-href=\"www/charts/{k}.csv\">")), "{k}");
        let csv = &files.iter().find(|f| f.0 == format!("www/charts/{k}.csv")).unwrap_or_else(|| panic!("{k}.csv")).1;
        assert_eq!(Some(csv), lifeline::export::csv(&d, k).as_ref(), "{k}");
    }
    let arms = &files.iter().find(|f| f.0 == "www/charts/arms-by-year.svg").unwrap().1;
    assert!(arms.contains("Venezuela&apos;s arms imports by supplier, 2000\u{2013}2021"));
    assert!(files.iter().find(|f| f.0 == "www/charts/shares.svg").unwrap().1.contains("80.9%"));
    assert!(page.contains("<th scope=\"row\">Russia</th><td>3,851</td><td>69.5%</td>"));
}

// ---------------------------------------------------------------------------------------------
// The charts added with the timeline, the displacement check and the later arms data, tested on
// a small hand-made dataset whose figures are easy to work out by hand, then on the real file.

use lifeline::charts::verdict::VERDICTS;
use lifeline::charts::Event;
use lifeline::charts::{Body, Chart, Dot, DotPlot, Format, Line, Lines, Says, Series, Stacked, Timeline};
use lifeline::export::csv;
use lifeline::locale::people;
use lifeline::spec::Source;
use lifeline::story::StepAttrs;

fn series(name: &str, members: &[&str], values: &[f64]) -> Series {
    Series {
        name: name.into(),
        key: String::new(),
        members: members.iter().map(|m| m.to_string()).collect(),
        values: values.iter().map(|v| Some(*v)).collect(),
    }
}

fn chart(id: &str, title: &str, body: Body) -> Chart {
    Chart {
        id: id.into(),
        title: title.into(),
        subtitle: String::new(),
        units: "TIV".into(),
        source: Source { publisher: "P".into(), dataset: "D".into(), vintage: "2022".into(), ..Default::default() },
        body,
        notes: vec![],
    }
}

fn stacked(id: &str, title: &str, says: Says, column: &str, years: std::ops::RangeInclusive<u16>, series: Vec<Series>) -> Chart {
    let columns = ["year", column, "tiv_millions"].map(String::from);
    chart(
        id,
        title,
        Body::Stacked(Stacked { x: years.collect(), series, format: Format::Thousands, says, measure: Default::default(), subject: String::new(), columns }),
    )
}

fn event(id: &str, year: u16, when: &str, label: &str) -> Event {
    Event { id: id.into(), year, when: when.into(), label: label.into(), quote: "words of the commentary".into() }
}

/// A line of UNHCR counts: refugees, asylum-seekers and others in need of protection; none
/// where there is no record of refugees.
fn line(iso: &str, name: &str, parts: [[Option<f64>; 3]; 3]) -> Line {
    let values = (0..3).map(|j| parts[0][j].map(|r| r + parts[1][j].unwrap_or(0.0) + parts[2][j].unwrap_or(0.0))).collect();
    Line { name: name.into(), key: iso.into(), values, parts: parts.iter().map(|p| p.to_vec()).collect() }
}

/// A story small enough to check every figure by hand: its charts declared as a data file
/// declares them, and the real story's words.
fn small() -> Dataset {
    let mut d = Dataset { schema: 1, ..Default::default() };
    let real = data();
    d.words = real.words.clone();
    d.claims.published = Some(2022);
    let mut charts = vec![];
    // Russia delivers in 2010 and 2012 only; China every year.
    let russia = [5.0, 0.0, 7.0, 0.0, 0.0, 0.0, 0.0];
    charts.push(stacked("arms-by-year", "Arms", Says::Totals, "supplier", 2010..=2016, vec![series("Russia", &[], &russia), series("China", &[], &[1.0; 7])]));
    let events = vec![
        event("first", 2011, "early 2011", "First thing"),
        event("second", 2015, "2015", "Second thing"),
        event("third", 2017, "late 2017", "Third thing"),
    ];
    let columns = ["year", "row", "name", "tiv_millions", "when_as_stated", "label", "quote"].map(String::from);
    let tl = Timeline {
        span: [2010, 2017],
        x: (2010..=2016).collect(),
        series: series("Russia", &[], &russia),
        events,
        columns,
        kinds: ["deliveries", "event"].map(String::from),
    };
    charts.push(chart("timeline", "Events", Body::Timeline(tl)));
    // Nothing at all in 2016-2017 and 2019-2020; nothing from Russia.
    charts.push(stacked(
        "arms-since",
        "Since",
        Says::Gaps,
        "supplier",
        2015..=2020,
        vec![
            series("Russia", &[], &[0.0; 6]),
            series("China", &[], &[3.0, 0.0, 0.0, 2.0, 0.0, 0.0]),
            series("Other suppliers", &["Iran"], &[0.0, 0.0, 0.0, 1.0, 0.0, 0.0]),
        ],
    ));
    // Totals 100, 100, 60, 40, 20, 10: the peak is 2018 (the earlier of a tie), 2021 is 60% below
    // it, 2023 90% below; Latin America receives nothing after 2019.
    charts.push(stacked(
        "russia-exports",
        "Exports",
        Says::Trend,
        "recipient_region",
        2018..=2023,
        vec![
            series("Latin America and the Caribbean", &["Peru"], &[10.0, 5.0, 0.0, 0.0, 0.0, 0.0]),
            series("Africa", &["Egypt"], &[40.0, 60.0, 30.0, 20.0, 10.0, 5.0]),
            series("Rest of the world", &["India"], &[50.0, 35.0, 30.0, 20.0, 10.0, 5.0]),
        ],
    ));
    let lines = vec![
        line("SYR", "Syria", [[Some(6.0e6); 3], [Some(0.5e6), Some(0.5e6), Some(0.6e6)], [Some(0.0); 3]]),
        // 2021: 0.3 + 0.2 + 1.7 = 2.2 million, 77.3% of it others in need of protection (from 2020).
        line("VEN", "Venezuela", [[Some(1e5), Some(2e5), Some(3e5)], [Some(1e5), Some(2e5), Some(2e5)], [None, Some(1.0e6), Some(1.7e6)]]),
        line("UKR", "Ukraine", [[Some(3e4), Some(3e4), Some(4e4)], [Some(1e4); 3], [Some(0.0); 3]]),
    ];
    let Body::Stacked(real_categories) = &real.chart("displacement-categories").unwrap().body else { panic!("stacked") };
    let categories: Vec<String> = real_categories.series.iter().map(|s| s.name.clone()).collect();
    let keys = ["refugees", "asylum_seekers", "other_in_need_of_protection"];
    let ven = lines[1]
        .parts
        .iter()
        .zip(&categories)
        .zip(keys)
        .map(|((p, name), key)| Series { name: name.clone(), key: key.into(), members: vec![], values: p.clone() })
        .collect();
    let columns = ["year", "category", "people"].map(String::from);
    let parts = Stacked {
        x: vec![2019, 2020, 2021],
        series: ven,
        format: Format::Millions,
        says: Says::Parts,
        measure: Default::default(),
        subject: "Venezuela".into(),
        columns,
    };
    charts.push(chart("displacement-categories", "Categories", Body::Stacked(parts)));
    // The claims at 2021, the last year: Syria 6.6 of 6.6, Venezuela 2.4 of 2.2, Russia 4.5 of Ukraine's 50,000.
    let dot = |name: &str, claimed: f64, l: &Line| Dot {
        name: name.into(),
        key: l.key.clone(),
        origin: Some(l.name.clone()),
        note: String::new(),
        claimed,
        measured: l.values[2],
        colour: l.name.clone(),
        not_comparable: false,
    };
    let rows = vec![dot("Syria", 6.6, &lines[0]), dot("Venezuela", 2.4, &lines[1]), dot("Russia", 4.5, &lines[2])];
    let columns = ["as_stated", "origin_iso", "stated_millions", "unhcr_end_year", "unhcr_people", "verdict"].map(String::from);
    charts.push(chart("displacement-check", "Check", Body::Dots(DotPlot { at: 2021, claimed_at: 2022, rows, step: 0.1, value_units: String::new(), columns })));
    let columns = ["year", "origin_iso", "origin", "refugees", "asylum_seekers", "other_in_need_of_protection", "total"].map(String::from).to_vec();
    charts.push(chart(
        "displacement-series",
        "Displaced",
        Body::Lines(Lines {
            x: vec![2019, 2020, 2021],
            series: lines,
            format: Format::Millions,
            measure: Default::default(),
            peaks_until: 2021,
            value_units: String::new(),
            columns,
        }),
    ));
    d.charts = charts;
    d
}

/// Chart `id` of `d`, to change its data in place.
fn body<'a>(d: &'a mut Dataset, id: &str) -> &'a mut Body {
    &mut d.charts.iter_mut().find(|c| c.id == id).unwrap().body
}

/// The settled view of a step, with every attribute the HTML may set.
fn step(d: &Dataset, chart: &str, highlight: Option<&str>, window: Option<&str>, annotate: Option<&str>) -> View {
    let a = StepAttrs {
        id: "t".into(),
        chart: Some(chart.into()),
        highlight: highlight.map(String::from),
        dim: false,
        window: window.map(String::from),
        annotate: annotate.map(String::from),
    };
    View::for_step(&StepSpec::from_attrs(&a).unwrap(), d, "t").unwrap()
}

fn has(s: &str, parts: &[&str]) {
    for p in parts {
        assert!(s.contains(p), "missing \"{p}\" in:\n{s}");
    }
}

#[test]
fn the_timeline_says_where_the_last_delivery_falls_against_the_events() {
    let d = small();
    let s = describe(&d, &step(&d, "timeline", None, None, None));
    has(
        &s,
        &[
            "from 2010 to 2017",
            "(12 in all)",
            "3 events",
            "First thing (early 2011), Second thing (2015) and Third thing (late 2017)",
            "The delivery figures stop at 2016.",
            "Russia's last recorded delivery was in 2012.",
            "2 of the 3 events came later, starting with Second thing (2015), 3 years after it.",
        ],
    );
    assert!(!s.contains("Highlighted"), "{s}");
    // A window from 2014 holds no delivery, and every event in it comes after the last one.
    let s = describe(&d, &step(&d, "timeline", Some("third"), Some("2014-2017"), Some("publication")));
    has(
        &s,
        &[
            "from 2014 to 2017",
            "(0 in all)",
            "2 dated events",
            "None of Russia's deliveries falls in these years; the last was in 2012.",
            "Every event shown came later, the first being Second thing (2015), 3 years after it.",
            "Highlighted: Third thing (late 2017).",
            "A line marks 2022",
        ],
    );
    assert!(!s.contains("First thing"), "the window leaves out 2011: {s}");
    assert!(!s.contains("third."), "events are named by label, not id: {s}");

    let t = table(&d, "timeline").unwrap();
    assert_eq!(t.headers, vec!["Year", "Deliveries from Russia, TIV millions", "Events, as the commentary dates them"]);
    assert_eq!(t.rows.first().unwrap()[0], "2010");
    assert_eq!(t.rows[2], vec!["2012", "7", ""]);
    assert_eq!(t.rows[1], vec!["2011", "0", "First thing (early 2011)"]);
    assert_eq!(t.rows.last().unwrap(), &vec!["2017", "outside the data", "Third thing (late 2017)"]);
    // The commentary's own words stay out of the table (they are in the CSV, as provenance).
    assert!(t.rows.iter().flatten().all(|c| !c.contains("words of the commentary")));
}

#[test]
fn the_displacement_check_gives_each_claim_unhcrs_figure_and_a_verdict() {
    let d = small();
    let [matches, close, _, differs, _, not_comparable] = VERDICTS.map(|v| lifeline::charts::verdict::verdict_label(&d.words, v));
    let s = describe(&d, &step(&d, "displacement-check", Some("Russia"), None, None));
    has(
        &s,
        &[
            "at the end of 2021",
            &format!("Syria: 6.6 million stated, 6.6 million counted, verdict {matches}"),
            &format!("Venezuela: 2.4 million stated, 2.2 million counted, verdict {close}"),
            &format!("Russia (UNHCR's count of people from Ukraine): 4.5 million stated, 50,000 counted, verdict {differs}"),
            &format!("Of 3 figures checked: {matches} for 1, {close} for 1 and {differs} for 1."),
            "Highlighted: Russia.",
        ],
    );
    let t = table(&d, "displacement-check").unwrap();
    assert_eq!(t.headers[3], "UNHCR count, end of 2021");
    assert_eq!(
        t.rows,
        vec![
            vec!["Syria", "6.6", "Syria", "6,600,000", &matches],
            vec!["Venezuela", "2.4", "Venezuela", "2,200,000", &close],
            vec!["Russia", "4.5", "Ukraine", "50,000", &differs],
        ]
    );
    // A figure of another measure than the data's at that date is "not comparable", whatever
    // the numbers say.
    let mut other = d.clone();
    let Body::Dots(dots) = body(&mut other, "displacement-check") else { panic!() };
    dots.rows[2].not_comparable = true;
    assert_eq!(table(&other, "displacement-check").unwrap().rows[2], vec!["Russia", "4.5", "Ukraine", "50,000", &not_comparable]);
    // A claim whose origin UNHCR's series lacks is said to be unchecked, not given a zero.
    let mut gap = d.clone();
    let Body::Dots(dots) = body(&mut gap, "displacement-check") else { panic!() };
    (dots.rows[2].origin, dots.rows[2].measured, dots.rows[2].key) = (None, None, "RUS".into());
    let s = describe(&gap, &step(&gap, "displacement-check", None, None, None));
    has(&s, &["Russia: 4.5 million stated, no UNHCR count", "Of 2 figures checked"]);
    assert_eq!(table(&gap, "displacement-check").unwrap().rows[2], vec!["Russia", "4.5", "not in the series", "no record", "not checked"]);
}

#[test]
fn the_categories_chart_gives_the_latest_total_and_the_newest_categorys_share() {
    let d = small();
    let s = describe(&d, &step(&d, "displacement-categories", None, None, None));
    has(
        &s,
        &[
            "from 2019 to 2021",
            "At the end of 2021, 2.2 million in all, of whom 1.7 million (77.3%) are others in need of international protection",
            "300,000 (13.6%) refugees",
            "200,000 (9.1%) asylum-seekers",
            "UNHCR counts others in need of international protection from 2020 on.",
        ],
    );
    // The window moves the latest year.
    let s = describe(&d, &step(&d, "displacement-categories", Some("Refugees"), Some("2019-2020"), None));
    has(&s, &["At the end of 2020, 1.4 million in all, of whom 1.0 million (71.4%)", "Highlighted: Refugees."]);
    let t = table(&d, "displacement-categories").unwrap();
    assert_eq!(t.headers, vec!["Year", "Refugees", "Asylum-seekers", "Others in need of international protection", "Total"]);
    assert_eq!(t.rows[0], vec!["2019", "100,000", "100,000", "no record", "200,000"]);
    assert_eq!(t.rows[2], vec!["2021", "300,000", "200,000", "1,700,000", "2,200,000"]);
}

#[test]
fn arms_since_names_the_empty_years_the_suppliers_and_the_total() {
    let d = small();
    let s = describe(&d, &step(&d, "arms-since", None, None, Some("gaps")));
    has(
        &s,
        &[
            "from 2015 to 2020",
            "6 in all",
            "Deliveries came from China 5 and Other suppliers 1.",
            "Nothing at all was delivered in 2016-2017 and 2019-2020 (4 of 6 years).",
            "The register records nothing from Russia in these years.",
        ],
    );
    let s = describe(&d, &step(&d, "arms-since", Some("China"), Some("2016-2017"), None));
    has(&s, &["from 2016 to 2017", "No deliveries at all are recorded in these years."]);
    let s = describe(&d, &step(&d, "arms-since", Some("China"), None, None));
    has(&s, &["China delivered in 2015 and 2018.", "Highlighted: China."]);
    let t = table(&d, "arms-since").unwrap();
    assert_eq!(t.headers, vec!["Year", "Russia", "China", "Other suppliers", "Total"]);
    assert_eq!(t.rows[3], vec!["2018", "0", "2", "1", "3"]);
    assert_eq!(t.rows.len(), 6);
}

#[test]
fn russia_exports_gives_the_peak_the_fall_and_when_it_began() {
    let d = small();
    let s = describe(&d, &step(&d, "russia-exports", None, None, None));
    has(
        &s,
        &[
            "from 2018 to 2023",
            "330 in all",
            "Deliveries peaked in 2018 at 100 and were 10 in 2023, 90.0% lower.",
            "The fall began before the commentary appeared in 2022: in 2021, deliveries were already 60.0% below the peak.",
            "Latin America and the Caribbean 15 (4.5%)",
            "Latin America and the Caribbean received nothing after 2019.",
        ],
    );
    // Within 2018-2020 the commentary's year is off the axis: nothing is said about it.
    let s = describe(&d, &step(&d, "russia-exports", Some("Africa"), Some("2018-2020"), None));
    has(&s, &["were 60 in 2020, 40.0% lower", "Africa: largest in 2019 with 60, and 30 in 2020.", "Highlighted: Africa."]);
    assert!(!s.contains("commentary appeared"), "{s}");
    // A peak after the commentary is said to be one.
    let mut late = d.clone();
    let Body::Stacked(st) = body(&mut late, "russia-exports") else { panic!() };
    st.series[1].values[5] = Some(500.0);
    let s = describe(&late, &step(&late, "russia-exports", None, None, None));
    has(&s, &["The largest year is the last shown, 2023", "The peak came in or after 2022"]);
    let t = table(&d, "russia-exports").unwrap();
    assert_eq!(t.headers[1], "Latin America and the Caribbean");
    assert_eq!(t.rows[1], vec!["2019", "5", "60", "35", "100"]);
}

#[test]
fn the_new_charts_csvs_are_machine_readable_and_guarded() {
    let mut d = small();
    let c = csv(&d, "displacement-check").unwrap();
    let mut lines = c.lines();
    assert!(lines.next().unwrap().starts_with("as_stated,origin_iso,stated_millions,unhcr_end_year,unhcr_people,verdict,source"));
    assert!(c.contains(&format!("\nRussia,UKR,4.5,2021,50000,{},", VERDICTS[3])), "{c}");
    let c = csv(&d, "displacement-categories").unwrap();
    // Long form, like every stacked chart: a row per year and category, each category by its key
    // (the same in every language), and no row where UNHCR has no record.
    assert!(c.starts_with("year,category,people,"));
    assert!(c.contains("\n2019,refugees,100000,") && !c.contains("\n2019,other_in_need_of_protection,"), "{c}");
    assert!(c.contains("\n2021,other_in_need_of_protection,1700000,"), "{c}");
    let c = csv(&d, "russia-exports").unwrap();
    assert!(c.starts_with("year,recipient_region,tiv_millions,") && c.contains("\n2019,Africa,60,"), "{c}");
    let c = csv(&d, "arms-since").unwrap();
    assert!(c.starts_with("year,supplier,tiv_millions,") && c.contains("\n2018,Other suppliers,1,"), "{c}");
    // The timeline: a row per year of deliveries and a row per event, with its dating and words.
    let Body::Timeline(tl) = body(&mut d, "timeline") else { panic!() };
    tl.events[0].label = "=HYPERLINK(\"x\")".into();
    tl.events[1].when = "-2015".into();
    let c = csv(&d, "timeline").unwrap();
    assert!(c.starts_with("year,row,name,tiv_millions,when_as_stated,label,quote,"));
    assert!(c.contains("\n2012,deliveries,Russia,7,,,,"), "{c}");
    assert!(c.contains("\n2011,event,first,,early 2011,\"'=HYPERLINK(\"\"x\"\")\",words of the commentary,"), "{c}");
    assert!(c.contains("\n2015,event,second,,'-2015,Second thing,"), "{c}");
    assert_eq!(c.lines().count(), 1 + 7 + 3);
}

#[test]
fn every_chart_kind_has_a_description_and_a_csv() {
    for (name, d) in [("small", small()), ("real", data())] {
        for k in d.chart_ids() {
            let k = k.as_str();
            let hl = None::<&str>;
            let v = View::for_step(&StepSpec::parse("t", Some(k), hl, false).unwrap(), &d, "t").unwrap();
            let s = describe(&d, &v);
            assert!(s.len() > 40 && !s.starts_with("This chart cannot be drawn"), "{name} {}: {s}", k);
            match csv(&d, k) {
                None => assert_eq!(k, "title", "{name}: {} has no CSV", k),
                Some(c) => {
                    assert!(c.lines().count() > 1, "{name} {k}: {c}");
                    let cols = c.lines().next().unwrap().split(',').count();
                    assert!(c.lines().next().unwrap().ends_with(",source,vintage,url") && cols > 3, "{name} {}", k);
                }
            }
            if let Some(t) = table(&d, k) {
                assert!(t.rows.iter().all(|r| r.len() == t.headers.len()), "{name} {}", k);
            }
        }
    }
}

/// The real data file, once it holds the new sections: the descriptions name the figures worked
/// out here from the data.
#[test]
fn the_new_charts_describe_the_real_data() {
    let d = data();
    let stacked = |id: &str| match &d.chart(id).unwrap().body {
        Body::Stacked(s) => s.clone(),
        _ => panic!("{id} is stacked bars"),
    };
    let totals = |a: &Stacked| -> Vec<f64> { (0..a.x.len()).map(|j| a.series.iter().map(|s| s.values[j].unwrap_or(0.0)).sum()).collect() };
    // Arms since: the empty years and the total, computed here.
    let a = stacked("arms-since");
    let t = totals(&a);
    let all: f64 = t.iter().sum();
    let empty = t.iter().filter(|v| **v <= 0.0).count();
    let s = describe(&d, &step(&d, "arms-since", None, None, None));
    has(&s, &[&format!("{} in all", lifeline::locale::thousands(all)), &format!("({empty} of {} years)", a.x.len())]);
    if a.series.iter().any(|s| s.name == "Russia" && s.values.iter().all(|v| v.unwrap_or(0.0) == 0.0)) {
        has(&s, &["nothing from Russia"]);
    }
    // Russia's exports: the peak year.
    let r = stacked("russia-exports");
    let t = totals(&r);
    let peak = (0..t.len()).fold(0, |b, j| if t[j] > t[b] { j } else { b });
    let s = describe(&d, &step(&d, "russia-exports", None, None, None));
    has(&s, &[&format!("peaked in {} at {}", r.x[peak], lifeline::locale::thousands(t[peak]))]);
    // The timeline: the series' last delivery year.
    let Body::Timeline(tl) = &d.chart("timeline").unwrap().body else { panic!("timeline") };
    let last = tl.x[tl.series.values.iter().rposition(|v| v.unwrap_or(0.0) > 0.0).unwrap()];
    let s = describe(&d, &step(&d, "timeline", None, None, None));
    has(&s, &[&format!("last recorded delivery was in {last}")]);
    // The check: every claim with UNHCR's count beside it.
    let Body::Dots(dp) = &d.chart("displacement-check").unwrap().body else { panic!("dots") };
    let s = describe(&d, &step(&d, "displacement-check", None, None, None));
    for c in &dp.rows {
        has(&s, &[&format!("{:.1} million stated, {} counted", c.claimed, people(c.measured.unwrap()))]);
    }
    // Venezuela's categories: the latest year's total.
    let v = stacked("displacement-categories");
    let j = (0..v.x.len()).rev().find(|&j| v.series.iter().any(|s| s.values[j].is_some())).unwrap();
    let s = describe(&d, &step(&d, "displacement-categories", None, None, None));
    has(&s, &[&format!("At the end of {}, {} in all", v.x[j], people(totals(&v)[j]))]);
}

/// The commentary's text split into lower-case words, punctuation dropped (as the page check
/// in tests/e2e/words.mjs does, more bluntly: each side is normalised the same way).
fn words(text: &str) -> Vec<String> {
    let t: String = text.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    t.split_whitespace().map(String::from).collect()
}

#[test]
fn the_generated_text_is_in_its_own_words() {
    let Ok(dir) = std::fs::read_dir("../shared/seed") else { return };
    let mut runs = std::collections::HashSet::new();
    for f in dir.flatten().filter(|f| f.path().extension().is_some_and(|e| e == "txt")) {
        let w = words(&std::fs::read_to_string(f.path()).unwrap());
        runs.extend(w.windows(8).map(|r| r.join(" ")));
    }
    if runs.is_empty() {
        return;
    }
    assert!(runs.len() > 1000, "only {} runs of 8 words in the commentary", runs.len());
    for d in [small(), data()] {
        for k in d.chart_ids() {
            let k = k.as_str();
            let names = lifeline::story::series_names(&d, k);
            let mut texts = vec![describe(&d, &View::for_step(&StepSpec::parse("t", Some(k), None, false).unwrap(), &d, "t").unwrap())];
            // Each series highlighted alone, too.
            for n in &names {
                texts.push(describe(&d, &View::for_step(&StepSpec::parse("t", Some(k), Some(n), false).unwrap(), &d, "t").unwrap()));
            }
            if let Some(t) = table(&d, k) {
                texts.push(t.headers.join(" "));
                texts.extend(t.rows.iter().map(|r| r.join(" ")));
            }
            for text in texts {
                let w = words(&text);
                if let Some(r) = w.windows(8).map(|r| r.join(" ")).find(|r| runs.contains(r)) {
                    panic!("{}: \"{r}\" is the commentary's, in: {text}", k);
                }
            }
        }
    }
}

#[test]
fn no_generated_text_leaves_a_template_slot_unfilled() {
    // A `{slot}` the engine does not fill would be printed as written: every description, label,
    // table and figure the story generates is checked for one.
    let d = data();
    let html = std::fs::read_to_string("index.html").unwrap();
    let mut texts = Vec::new();
    for st in lifeline::prerender::scan(&html).into_iter().flat_map(|s| s.steps) {
        let v = View::for_step(&StepSpec::from_attrs(&st).unwrap(), &d, &st.id).unwrap();
        texts.push((st.id.clone(), describe(&d, &v)));
        texts.push((st.id.clone(), lifeline::charts::label(&d.cx(), &d.scene(&v))));
        if let Some(t) = lifeline::access::table(&d, &v.chart) {
            texts.push((st.id.clone(), format!("{} {}", t.caption, t.headers.join(" "))));
        }
    }
    for (id, t) in &texts {
        let open = t.find('{');
        assert!(open.is_none_or(|i| !t[i..].contains('}')), "{id}: an unfilled slot in \"{t}\"");
    }
}

/// Words of English that must not be drawn or read anywhere in the Spanish edition's charts:
/// what a chart note, a source line or a label not routed through the edition would leave.
const ENGLISH: [&str; 29] = [
    "source",
    "sources",
    "refugees",
    "attributed",
    "russia",
    "commentary",
    "generated",
    "delivered",
    "deliveries",
    "supplier",
    "suppliers",
    "netherlands",
    "spain",
    "peak",
    "million",
    "millions",
    "people",
    "within",
    "matches",
    "share",
    "shares",
    "arms",
    "imports",
    "year",
    "years",
    "the",
    "and",
    "of",
    "unhcr",
];

#[test]
fn the_spanish_charts_draw_and_say_no_english() {
    let html = std::fs::read_to_string("es/index.html").unwrap();
    let d = data().in_language("es");
    let (page, files) = build(&html, &d).unwrap();
    let mut said: Vec<(String, String)> = Vec::new();
    // Every text drawn in every chart drawn ahead of time (wide and narrow, light and dark).
    for (name, svg) in &files {
        for piece in svg.split("<text").skip(1) {
            let text = piece.split_once('>').map(|(_, r)| r.split("</text>").next().unwrap_or("")).unwrap_or("");
            said.push((name.clone(), lifeline::text::escape(text)));
        }
    }
    // Every description (the alt text the page carries, and what the live chart announces),
    // every mark's readout, and every table the page holds.
    for st in scan(&html).into_iter().flat_map(|s| s.steps) {
        let v = View::for_step(&lifeline::story::StepSpec::from_attrs(&st).unwrap(), &d, &st.id).unwrap();
        said.push((format!("{} description", st.id), describe(&d, &v)));
        said.push((format!("{} label", st.id), lifeline::charts::label(&d.cx(), &d.scene(&v))));
    }
    let tables = page.split("<table").skip(1).map(|t| t.split("</table>").next().unwrap_or("").to_string());
    said.extend(tables.map(|t| ("table".to_string(), t)));
    let mut found = Vec::new();
    for (where_, text) in &said {
        let plain: String = text.split('<').map(|p| p.split_once('>').map_or(p, |(_, r)| r)).collect::<Vec<_>>().join(" ");
        for word in plain.split(|c: char| !c.is_alphanumeric()) {
            if ENGLISH.contains(&word.to_lowercase().as_str()) {
                found.push(format!("{where_}: \"{word}\" in {}", plain.chars().take(120).collect::<String>()));
            }
        }
    }
    found.dedup();
    assert!(found.is_empty(), "{} English word(s) in the Spanish charts:\n{}", found.len(), found.join("\n"));
}

#[test]
fn announcements_say_what_changed_in_display_names_and_nothing_when_nothing_did() {
    for (page, lang) in [("index.html", None), ("es/index.html", Some("es"))] {
        let html = std::fs::read_to_string(page).unwrap();
        let d = match lang {
            Some(l) => data().in_language(l),
            None => data(),
        };
        let views: Vec<(String, View)> = scan(&html)
            .into_iter()
            .flat_map(|s| s.steps)
            .map(|st| (st.id.clone(), View::for_step(&lifeline::story::StepSpec::from_attrs(&st).unwrap(), &d, &st.id).unwrap()))
            .collect();
        // Every id a step names (events, series), which a reader must never hear.
        let ids: Vec<String> = views
            .iter()
            .flat_map(|(_, v)| d.chart(&v.chart).unwrap().body.series())
            .filter(|s| s.contains('-') && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .collect();
        for w in views.windows(2) {
            let ((_, a), (id, b)) = (&w[0], &w[1]);
            let said = lifeline::access::announcement(&d, Some(a), b);
            assert!(!said.is_empty(), "{page} {id}: the chart changed, and nothing is said");
            for x in &ids {
                assert!(!said.contains(x.as_str()), "{page} {id}: says the id {x}: {said}");
            }
            let title = &d.chart(&b.chart).unwrap().title;
            if a.chart == b.chart {
                assert!(!said.contains(title.as_str()), "{page} {id}: the same chart's title again: {said}");
            } else {
                assert!(said.contains(title.as_str()), "{page} {id}: a new chart without its title: {said}");
            }
        }
        // The same state again: nothing.
        let (_, v) = &views[3];
        assert_eq!(lifeline::access::announcement(&d, Some(v), v), "");
    }
}
