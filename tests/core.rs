//! Native tests of the pure core: the real data file, the real story in index.html, and
//! every chart state drawn through plotters' SVG backend.

use lifeline::charts::{self, Body};
use lifeline::data::Dataset;
use lifeline::story::{series_names, StepSpec};
use lifeline::view::{Transition, View};
use plotters::prelude::*;

/// The ids of the real story's charts (leaked: a test's few bytes, for `&'static str`s).
fn ids() -> Vec<&'static str> {
    data().charts.iter().map(|c| &*Box::leak(c.id.clone().into_boxed_str())).collect()
}

fn data() -> Dataset {
    let text = std::fs::read_to_string("www/data/lifeline.json").expect("data file");
    Dataset::from_json("www/data/lifeline.json", &text).expect("valid data")
}

fn view(d: &Dataset, chart: &str, highlight: Option<&str>) -> View {
    let spec = StepSpec::parse("t", Some(chart), highlight, false).unwrap();
    View::for_step(&spec, d, "t").unwrap()
}

fn svg(d: &Dataset, v: &View, size: (u32, u32)) -> String {
    lifeline::export::svg(d, v, size.0, size.1, &d.chart_theme(false, 1.0))
}

/// (x, width, fill) of every filled rectangle in an SVG.
fn rects(svg: &str) -> Vec<(f64, f64, String)> {
    svg.lines()
        .filter(|l| l.starts_with("<rect"))
        .map(|l| {
            let get = |k: &str| {
                let key = format!(" {k}=\"");
                let i = l.find(&key).unwrap() + key.len();
                l[i..i + l[i..].find('"').unwrap()].to_string()
            };
            (get("x").parse().unwrap(), get("width").parse().unwrap(), get("fill"))
        })
        .collect()
}

/// A declared chart's data, by its type.
fn stacked(d: &Dataset, id: &str) -> lifeline::charts::Stacked {
    match &d.chart(id).unwrap().body {
        Body::Stacked(s) => s.clone(),
        _ => panic!("{id} is stacked bars"),
    }
}

fn lines(d: &Dataset, id: &str) -> lifeline::charts::Lines {
    match &d.chart(id).unwrap().body {
        Body::Lines(l) => l.clone(),
        _ => panic!("{id} is lines"),
    }
}

fn hex(c: RGBColor) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

#[test]
fn data_file_is_valid_and_traceable() {
    let d = data();
    assert_eq!(d.generated_by, "scripts/derive_data.py");
    for c in d.charts.iter().filter(|c| c.body.framed()) {
        assert!(c.source.url.starts_with("https://"), "{}: {:?}", c.id, c.source);
        assert!(!c.source.vintage.is_empty(), "{}", c.id);
    }
    let a = stacked(&d, "arms-by-year");
    assert_eq!(a.x.first(), Some(&2000));
    assert_eq!(a.x.last(), Some(&2021));
    // The groups in the by-year chart add up to the share chart's total.
    let by_year: f64 = a.series.iter().flat_map(|s| s.values.iter()).map(|v| v.unwrap_or(0.0)).sum();
    let Body::Share(sb) = &d.chart("arms-shares").unwrap().body else { panic!("share bar") };
    let total: f64 = sb.items.iter().map(|i| i.value).sum();
    assert!((by_year - total).abs() < 0.01, "{by_year} vs {total}");
}

/// Every step of index.html with all its attributes.
fn html_step_attrs() -> Vec<lifeline::story::StepAttrs> {
    let html = std::fs::read_to_string("index.html").unwrap();
    lifeline::prerender::scan(&html).into_iter().flat_map(|s| s.steps).collect()
}

#[test]
fn story_has_15_to_45_steps_that_all_resolve() {
    let d = data();
    let steps = html_step_attrs();
    assert!((15..=45).contains(&steps.len()), "{} steps", steps.len());
    let mut ids: Vec<_> = steps.iter().map(|s| s.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), steps.len(), "step ids must be unique");
    let mut kinds = Vec::new();
    for st in &steps {
        assert!(!st.id.is_empty(), "every step needs an id for #anchors");
        let spec = StepSpec::from_attrs(st).unwrap();
        let v = View::for_step(&spec, &d, &st.id).unwrap();
        assert_eq!(v.dim, if st.dim { 1.0 } else { 0.0 });
        kinds.push(v.chart);
    }
    // The title card stays available to editors; this story opens on a chart instead.
    for k in self::ids().into_iter().filter(|k| *k != "title") {
        assert!(kinds.iter().any(|x| x == k), "no step shows {}", k);
    }
}

#[test]
fn no_step_repeats_the_chart_state_of_the_step_before_it() {
    let d = data();
    let views: Vec<(String, View)> =
        html_step_attrs().iter().map(|st| (st.id.clone(), View::for_step(&StepSpec::from_attrs(st).unwrap(), &d, &st.id).unwrap())).collect();
    let mut same = Vec::new();
    for w in views.windows(2) {
        if w[0].1 == w[1].1 {
            same.push(format!("{} shows the same chart state as {}", w[1].0, w[0].0));
        }
    }
    assert!(same.is_empty(), "{same:#?}");
    // And none of the story's charts is faded behind text: every step has something to show.
    assert!(views.iter().all(|(_, v)| v.dim == 0.0), "a step is dimmed");
}

#[test]
fn the_story_is_read_in_16_to_24_steps_with_the_answer_first_and_no_figure_printed_more_than_twice() {
    for page in ["index.html", "es/index.html"] {
        let html = std::fs::read_to_string(page).unwrap();
        let steps: Vec<_> = lifeline::prerender::scan(&html).into_iter().flat_map(|s| s.steps).collect();
        assert!((16..=24).contains(&steps.len()), "{page}: {} steps", steps.len());
        // The answer comes first: the opening step shows what happened after the commentary.
        assert_eq!(steps[0].id, "answer", "{page}");
        // A figure printed in the story (its key and what it reads) at most twice, so that the
        // page does not say the same number over and over.
        let story = &html[html.find("lifeline-steps").unwrap()..html.find("id=\"sources\"").unwrap()];
        let mut counts = std::collections::BTreeMap::new();
        for piece in story.split("data-figure=\"").skip(1) {
            let key = piece.split('"').next().unwrap();
            if key.starts_with("key.") || key.starts_with("verdict:") {
                continue;
            }
            *counts.entry(key.to_string()).or_insert(0) += 1;
        }
        let over: Vec<_> = counts.iter().filter(|(_, n)| **n > 2).collect();
        assert!(over.is_empty(), "{page}: printed more than twice: {over:?}");
    }
}

#[test]
fn windows_and_annotations_are_checked() {
    use lifeline::story::StepAttrs;
    let d = data();
    let attrs = |chart: &str, window: Option<&str>, annotate: Option<&str>| StepAttrs {
        id: "w".into(),
        chart: Some(chart.into()),
        window: window.map(String::from),
        annotate: annotate.map(String::from),
        ..Default::default()
    };
    let spec = StepSpec::from_attrs(&attrs("arms-by-year", Some("2010-2021"), Some("peak, fall"))).unwrap();
    let v = View::for_step(&spec, &d, "w").unwrap();
    assert_eq!(v.window, Some([2010.0, 2021.0]));
    assert_eq!(v.annotate, vec!["peak", "fall"]);
    // A chart without a time axis, a backwards or malformed window, a window past the data,
    // and an annotation the chart cannot draw are each named.
    let err = |a: StepAttrs| StepSpec::from_attrs(&a).and_then(|s| View::for_step(&s, &d, "w")).unwrap_err().to_string();
    assert!(err(attrs("arms-shares", Some("2010-2021"), None)).contains("arms-shares has no time axis"));
    assert!(err(attrs("arms-by-year", Some("2021-2010"), None)).contains("write two years, first to last"));
    assert!(err(attrs("arms-by-year", Some("soon"), None)).contains("\"soon\""));
    assert!(err(attrs("arms-by-year", Some("1990-2021"), None)).contains("outside the data's years 2000-2021"));
    assert!(err(attrs("arms-shares", None, Some("peak"))).contains("data-annotate names \"peak\", which arms-shares cannot draw"));
    // The peak and the fall after it are written on the chart from the data.
    let out = svg(&d, &v, (900, 600));
    let Ok(Body::Stacked(st)) = d.chart("arms-by-year").map(|c| c.body.clone()) else { panic!("arms-by-year is stacked bars") };
    let (j, total) = st.peak(2010.0, 2021.0).unwrap();
    assert!(out.contains(&format!("Peak: {} in {}", lifeline::locale::thousands(total), st.x[j])), "peak label");
    assert!(out.contains("a year on average"), "fall label");
}

#[test]
fn step_mapping_and_its_errors() {
    let d = data();
    let v = view(&d, "arms-shares", Some("Russia, China"));
    assert_eq!(v.chart, "arms-shares");
    let names = series_names(&d, "arms-shares");
    assert_eq!(v.emphasised(&names), vec!["Russia", "China"]);
    assert_eq!(v.emphasis.iter().filter(|e| **e == 0.0).count(), names.len() - 2);
    // No highlight: everything in full colour.
    assert!(view(&d, "arms-by-year", None).emphasis.iter().all(|e| *e == 1.0));

    // A chart the story does not declare is named, with the ones it does.
    let e = View::for_step(&StepSpec::parse("s1", Some("pie"), None, false).unwrap(), &d, "s1").unwrap_err();
    assert!(e.to_string().starts_with("step \"s1\": data-chart is \"pie\", which is not a chart (known: title, arms-by-year, "), "{e}");
    let e = StepSpec::parse("s0", Some(" "), None, false).unwrap_err();
    assert!(e.to_string().contains("step \"s0\": data-chart is missing"), "{e}");
    let spec = StepSpec::parse("s2", Some("arms-shares"), Some("Rusia"), false).unwrap();
    let e = View::for_step(&spec, &d, "s2").unwrap_err();
    assert!(e.to_string().contains("data-highlight names \"Rusia\", which is not a series of arms-shares"), "{e}");
    assert!(StepSpec::parse("s3", None, None, false).is_err());
}

#[test]
fn shares_chart_gives_russia_about_70_percent_of_the_scale() {
    let d = data();
    let out = svg(&d, &view(&d, "arms-shares", Some("Russia")), (600, 500));
    let theme = d.chart_theme(false, 1.0);
    let bar: Vec<_> = rects(&out).into_iter().filter(|r| r.1 > 0.0 && r.0 >= 8.0).collect();
    // The stacked bar: consecutive segments from x = 8 spanning the width less padding.
    let full: f64 = 600.0 - 16.0;
    let russia = bar.iter().find(|r| r.2 == hex(theme.colour("Russia"))).expect("a Russia segment");
    let frac = russia.1 / full;
    assert!((frac - 0.695).abs() < 0.01, "Russia spans {frac} of the scale");
    assert!(out.contains("Russia: 69.5%"), "headline");
    // The commentary's 70% is marked on the same scale, for comparison.
    assert!(out.contains("The commentary: 70%"));
    let marker_x = 8.0 + full * 0.70;
    assert!(out.contains(&format!("points=\"{:.0},", marker_x.round())), "a dashed marker at 70%");
    // Russia + China highlighted: both in full colour, the total written out.
    let both = svg(&d, &view(&d, "arms-shares", Some("Russia,China")), (600, 500));
    assert!(both.contains("Russia + China: 80.9%"));
    assert!(rects(&both).iter().any(|r| r.2 == hex(theme.colour("China"))), "China in full colour");
    // Everyone else.
    let rest = svg(&d, &view(&d, "arms-shares", Some("Netherlands,Spain,Other suppliers")), (600, 500));
    assert!(rest.contains("Netherlands + Spain + Other suppliers: 19.1%"), "{rest}");
    // The groups cover every supplier exactly once.
    let Ok(Body::Share(sb)) = d.chart("arms-shares").map(|c| c.body.clone()) else { panic!("arms-shares is a share bar") };
    let total: f64 = sb.parts.iter().map(|g| g.share).sum();
    assert!((total - 100.0).abs() < 0.05, "{total}");
}

#[test]
fn every_supplier_appears_in_the_by_year_legend_and_bars() {
    let d = data();
    let out = svg(&d, &view(&d, "arms-by-year", None), (900, 600));
    let a = stacked(&d, "arms-by-year");
    for s in &a.series {
        assert!(out.contains(&format!("\n{}\n", s.name)), "legend lacks {}", s.name);
    }
    let theme = d.chart_theme(false, 1.0);
    let russia_bars = rects(&out).iter().filter(|r| r.2 == hex(theme.colour("Russia"))).count();
    let years_with_russia = a.series[0].values.iter().filter(|v| v.unwrap_or(0.0) > 0.0).count();
    // One bar segment per year with deliveries, plus the legend swatch.
    assert_eq!(russia_bars, years_with_russia + 1);
    // Highlighting Russia mutes everyone else's colour; asked to, the chart marks Russia's last delivery.
    let spec = StepSpec::from_attrs(&lifeline::story::StepAttrs {
        id: "t".into(),
        chart: Some("arms-by-year".into()),
        highlight: Some("Russia".into()),
        annotate: Some("last".into()),
        ..Default::default()
    })
    .unwrap();
    let hl = svg(&d, &View::for_step(&spec, &d, "t").unwrap(), (900, 600));
    assert!(!rects(&hl).iter().any(|r| r.2 == hex(theme.colour("China"))), "China should be muted");
    assert!(hl.contains("Last delivery from Russia: 2014"), "where Russia's deliveries stop is marked");
}

#[test]
fn every_chart_has_title_units_and_source_at_phone_and_desktop_sizes() {
    let d = data();
    for kind in ids() {
        for (size, scale) in [((370, 420), 3.0), ((800, 700), 2.0), ((390, 300), 1.0)] {
            let v = view(&d, kind, None);
            let mut out = String::new();
            {
                let px = ((size.0 as f64 * scale) as u32, (size.1 as f64 * scale) as u32);
                let area = lifeline::text::Measured(SVGBackend::with_string(&mut out, px)).into_drawing_area();
                charts::draw_view(&area, &d.cx(), d.scene(&v), &d.chart_theme(false, scale)).unwrap();
            }
            if kind != "title" {
                assert!(out.contains("Source:"), "{} at {size:?} has no source line", kind);
                let first_word = d.chart(kind).unwrap().title.split_whitespace().next().unwrap().replace('\'', "&apos;");
                assert!(out.contains(&first_word), "{} has no title", kind);
            }
            // Nothing drawn outside the canvas.
            for (x, w, _) in rects(&out) {
                assert!(x >= 0.0 && x + w <= size.0 as f64 * scale + 1.0, "{} rect at {x}+{w}", kind);
            }
        }
    }
}

#[test]
fn displacement_charts_label_the_commentary_figures_honestly() {
    let d = data();
    let out = svg(&d, &view(&d, "displacement-claims", None), (600, 500));
    for label in ["6.6m", "5.9m", "4.5m", "Syria", "Venezuela", "Russia", "refugees from Ukraine"] {
        assert!(out.contains(label), "claims chart lacks {label}");
    }
    let peaks = |annotate: Option<&str>| {
        let spec = StepSpec::from_attrs(&lifeline::story::StepAttrs {
            id: "t".into(),
            chart: Some("displacement-series".into()),
            highlight: Some("Venezuela,Afghanistan".into()),
            annotate: annotate.map(String::from),
            ..Default::default()
        })
        .unwrap();
        svg(&d, &View::for_step(&spec, &d, "t").unwrap(), (800, 500))
    };
    let series = peaks(Some("peaks"));
    for o in &lines(&d, "displacement-series").series {
        assert!(series.contains(&format!("\n{}\n", o.name)), "series lacks {}", o.name);
    }
    assert!(series.contains("6.3m in 1990"), "Afghanistan's 1990 peak is marked");
    assert!(!peaks(None).contains("6.3m in 1990"), "peaks are marked only when a step asks");
    // The dot plot sets each figure of the commentary against UNHCR's at the one reference year.
    let check = svg(&d, &view(&d, "displacement-check", None), (700, 500));
    for label in ["6.6m", "7.0m", "5.9m", "5.6m", "4.5m", "47,000", "UNHCR, end of 2021", "Within 10%", "Not comparable"] {
        assert!(check.contains(label), "check chart lacks {label}");
    }
}

#[test]
fn russia_by_category_lists_every_category_in_order() {
    let d = data();
    let out = svg(&d, &view(&d, "russia-by-category", None), (600, 600));
    let mut last = 0;
    let Body::HBars(h) = &d.chart("russia-by-category").unwrap().body else { panic!("hbars") };
    for c in &h.rows {
        let at = out.find(&format!("\n{}\n", c.name)).unwrap_or_else(|| panic!("lacks {}", c.name));
        assert!(at > last, "{} out of order", c.name);
        last = at;
        assert!(out.contains(&format!("\n{}\n", lifeline::locale::thousands(c.value))), "value of {}", c.name);
    }
    // Counts and values are grouped by thousands, as in the prose: "1,795", "4,000 Igla-S".
    assert!(out.contains("1,795") && out.contains("4,000 Igla-S"), "thousands separators");
}

#[test]
fn transitions_interpolate_at_0_half_and_1() {
    let d = data();
    let a = view(&d, "arms-shares", Some("Russia"));
    let b = view(&d, "arms-shares", Some("China"));
    let tr = Transition { from: a.clone(), to: b.clone() };
    assert_eq!(tr.frame(0.0), vec![lifeline::view::Layer { view: a.clone(), opacity: 1.0 }]);
    assert_eq!(tr.frame(1.0)[0].view, b);
    let mid = &tr.frame(0.5)[0].view;
    // Halfway in time, the eased way (past half: the curve starts fast).
    let e = lifeline::view::ease(0.5);
    assert!(e > 0.5 && (mid.emphasis[0] - (1.0 - e)).abs() < 1e-9 && (mid.emphasis[1] - e).abs() < 1e-9, "{mid:?}");
    // Out-of-range and NaN progress are clamped, never a panic.
    assert_eq!(tr.frame(7.0)[0].view, b);
    assert_eq!(tr.frame(f64::NAN)[0].view, b);

    // Between two charts: the old fades out, the new fades and grows in.
    let c = view(&d, "displacement-claims", None);
    let tr = Transition { from: a.clone(), to: c.clone() };
    assert_eq!(tr.frame(0.0).len(), 1);
    assert_eq!(tr.frame(0.0)[0].view.chart, "arms-shares");
    let half = tr.frame(0.5);
    assert_eq!(half.len(), 2, "both layers overlap mid-way");
    assert!(half.iter().all(|l| l.opacity > 0.0 && l.opacity < 1.0));
    assert!(half[1].view.grow > 0.0 && half[1].view.grow < 1.0);
    let end = tr.frame(1.0);
    assert_eq!(end, vec![lifeline::view::Layer { view: c.clone(), opacity: 1.0 }]);
    // Mid-transition frames draw, and differ from both ends.
    let draw = |layers: &[lifeline::view::Layer]| {
        let mut s = String::new();
        {
            let area = lifeline::text::Measured(SVGBackend::with_string(&mut s, (500, 400))).into_drawing_area();
            charts::draw_frame(&area, &d.cx(), &d.scenes(layers), &d.chart_theme(false, 1.0)).unwrap();
        }
        s
    };
    let (s0, s5, s1) = (draw(&tr.frame(0.0)), draw(&tr.frame(0.5)), draw(&tr.frame(1.0)));
    assert!(s0 != s5 && s5 != s1);
    // A retarget mid-way starts from what is on screen.
    assert_eq!(tr.settle_point(0.9).chart, "displacement-claims");
    assert_eq!(tr.settle_point(0.1).chart, "arms-shares");
}

#[test]
fn tiny_and_odd_sizes_never_panic() {
    let d = data();
    for kind in ids() {
        for size in [(1, 1), (39, 39), (60, 20), (20, 600), (320, 120), (3000, 200)] {
            let mut s = String::new();
            let area = lifeline::text::Measured(SVGBackend::with_string(&mut s, size)).into_drawing_area();
            charts::draw_view(&area, &d.cx(), d.scene(&view(&d, kind, None)), &d.chart_theme(false, 2.0)).unwrap();
        }
    }
    // A nonsense scale falls back to 1.
    assert_eq!(d.chart_theme(false, f64::NAN).scale, 1.0);
    assert_eq!(d.chart_theme(false, -3.0).scale, 1.0);
}

/// Every `<… data-figure="KEY">TEXT</…>` in index.html.
fn bound_figures() -> Vec<(String, String)> {
    let html = std::fs::read_to_string("index.html").unwrap();
    let mut out = Vec::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find("data-figure=\"") {
        rest = &rest[i + 13..];
        let key = &rest[..rest.find('"').unwrap()];
        let open_end = rest.find('>').unwrap();
        // A verdict also carries its value as an attribute, for its colour.
        if key.starts_with("verdict:") {
            let tag = &rest[..open_end];
            let text = &rest[open_end + 1..open_end + 1 + rest[open_end + 1..].find('<').unwrap()];
            let code = lifeline::charts::verdict::verdict_code(&data().words, text);
            assert!(tag.contains(&format!("data-verdict=\"{code}\"")), "{key}: data-verdict out of step with \"{text}\"");
        }
        let text = &rest[open_end + 1..open_end + 1 + rest[open_end + 1..].find('<').unwrap()];
        out.push((key.to_string(), text.to_string()));
    }
    out
}

#[test]
fn every_number_bound_in_the_prose_matches_the_data() {
    let d = data();
    let figures = bound_figures();
    assert!(figures.len() >= 30, "only {} bound figures", figures.len());
    let wrong = lifeline::prerender::check_figures(&std::fs::read_to_string("index.html").unwrap(), &d);
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    // Each kind of problem is named.
    let page = "<span data-figure=\"part.share:arms-shares:Russia\">70%</span> <span data-figure=\"claim:nothing\">1</span> <strong data-figure=\"verdict:russia-share\" data-verdict=\"close\">Matches</strong>";
    assert_eq!(
        lifeline::prerender::check_figures(page, &d),
        vec![
            "data-figure \"part.share:arms-shares:Russia\": the page says \"70%\", the data give \"69.5%\"".to_string(),
            "data-figure \"claim:nothing\" does not resolve: no claim \"nothing\" in the data file's claims".to_string(),
            "data-figure \"verdict:russia-share\": data-verdict is not \"matches\", the code of \"Matches\"".to_string(),
        ]
    );
}

/// Step text with the bound figures and the marked, unverifiable claims taken out.
fn loose_step_text() -> Vec<(String, String)> {
    let html = std::fs::read_to_string("index.html").unwrap();
    let mut out = Vec::new();
    for chunk in html.split("data-step").skip(1) {
        let id = chunk.split("id=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("").to_string();
        let body = &chunk[..chunk.find("</div>\n        <div class=\"step\"").or(chunk.find("</section>")).unwrap_or(chunk.len())];
        let mut text = String::new();
        let mut skip = 0usize;
        for piece in body.split('<').skip(1) {
            let (tag, rest) = piece.split_once('>').unwrap_or((piece, ""));
            // Dates in <time datetime> are checked against the record of events (check_dates).
            if tag.contains("data-figure=") || tag.contains("class=\"unverified\"") || tag.starts_with("time ") {
                skip += 1;
            } else if (tag == "/span" || tag == "/strong" || tag == "/time") && skip > 0 {
                skip -= 1;
                text.push(' ');
                text.push_str(rest);
                continue;
            }
            if skip == 0 {
                text.push(' ');
                text.push_str(rest);
            }
        }
        out.push((id, text));
    }
    out
}

#[test]
fn no_figure_in_the_story_escapes_the_data() {
    // Years name events; every other number must be bound to the data or marked unverified.
    let mut loose = Vec::new();
    for (id, text) in loose_step_text() {
        for word in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '%' || c == '-')) {
            let w = word.trim_end_matches('.');
            if !w.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            let is_year = w.len() == 4 && (w.starts_with("19") || w.starts_with("20")) && w.chars().all(|c| c.is_ascii_digit());
            // Weapon designations (T-72, Su-30MK, Mi-17) are names, not figures.
            let is_name = w.chars().any(|c| c.is_ascii_alphabetic());
            if !is_year && !is_name {
                loose.push(format!("{id}: {w}"));
            }
        }
    }
    assert!(loose.is_empty(), "numbers typed into the story: {loose:?}");
}

#[test]
fn figures_and_verdicts() {
    use lifeline::charts::verdict::verdict;
    use lifeline::figures::figure;
    use lifeline::locale::{people, thousands};
    let d = data();
    assert_eq!(figure(&d, "part.share:arms-shares:Russia").unwrap(), "69.5%");
    assert_eq!(figure(&d, "part.share:arms-shares:Russia+China").unwrap(), "80.9%");
    assert_eq!(figure(&d, "verdict:russia-share").unwrap(), "Matches");
    assert_eq!(figure(&d, "verdict:russia-china-share").unwrap(), "Within 1 point");
    assert_eq!(figure(&d, "series.last:arms-by-year:Russia").unwrap(), "2014");
    assert_eq!(figure(&d, "series.value:displacement-series:AFG/refugees:1990|people").unwrap(), "6.3 million");
    assert!(figure(&d, "part.share:arms-shares:Atlantis").unwrap_err().contains("no part \"Atlantis\" in chart arms-shares"));
    assert!(figure(&d, "series.value:displacement-series:VEN/refugees:1985")
        .unwrap_err()
        .contains("chart displacement-series has no record for VEN/refugees in 1985"));
    assert!(figure(&d, "nonsense").is_err());
    assert!(figure(&d, "part.share:arms-shares:Russia|roman")
        .unwrap_err()
        .contains("\"roman\" is not a format (known: thousands, pct, percent, people, millions, plain, count)"));
    assert_eq!(thousands(5539.0), "5,539");
    assert_eq!(thousands(1234567.0), "1,234,567");
    assert_eq!(people(46_988.0), "47,000");
    assert_eq!(people(5_576_740.0), "5.6 million");
    assert_eq!(verdict(70.0, 69.53, 1.0), "matches");
    assert_eq!(verdict(5.9, 5.58, 0.1), "close");
    assert_eq!(verdict(4.5, 0.05, 0.1), "differs");
    // Labelled in the story's words, and read back to their codes.
    let label = lifeline::charts::verdict::verdict_label(&d.words, "close");
    assert_eq!(label, "Within 10%");
    assert_eq!(lifeline::charts::verdict::verdict_code(&d.words, &label), "close");
}

#[test]
fn order_by_sorts_indices_stably() {
    use lifeline::charts::order_by;
    assert_eq!(order_by(&[3.0, 1.0, 2.0, 1.0]), vec![1, 3, 2, 0]);
    assert_eq!(order_by(&[]), Vec::<usize>::new());
    assert_eq!(order_by(&[-0.5, f64::NAN, -2.0]), vec![2, 0, 1]);
}

#[test]
fn the_verdict_key_lists_exactly_the_verdicts_the_page_uses() {
    let figures = bound_figures();
    let mut used: Vec<&str> = figures.iter().filter(|(k, _)| k.starts_with("verdict:")).map(|(_, t)| t.as_str()).collect();
    let mut key: Vec<&str> = figures.iter().filter(|(k, _)| k.starts_with("key.verdict:")).map(|(_, t)| t.as_str()).collect();
    used.sort();
    used.dedup();
    key.sort();
    key.dedup();
    assert!(!used.is_empty());
    assert_eq!(used, key, "the key must list the verdicts used, and only those");
    // Every other badge in a check box is named in the key too, in the same words.
    let html = std::fs::read_to_string("index.html").unwrap();
    let key_par = html.split("class=\"check-key\"").nth(1).and_then(|r| r.split("</p>").next()).expect("a verdict key");
    for badge in html.split("<strong class=\"verdict\">").skip(1) {
        let label = &badge[..badge.find('<').unwrap()];
        assert!(key_par.contains(&format!("<strong>{label}</strong>")), "the key does not explain \"{label}\"");
    }
}

#[test]
fn the_static_build_refuses_step_ids_that_would_clash() {
    let d = data();
    let page = |ids: &[&str]| {
        let steps: String = ids.iter().map(|id| format!("<div class=\"step\" data-step id=\"{id}\" data-chart=\"arms-shares\"><p>x</p></div>\n")).collect();
        format!("<h2 id=\"a\">h</h2><section class=\"scene\" id=\"s\">\n{steps}</section>")
    };
    assert!(lifeline::prerender::build(&page(&["a", "a"]), &d).unwrap_err().contains("\"a\" is used twice"));
    assert!(lifeline::prerender::build(&page(&["a-narrow"]), &d).unwrap_err().contains("must not end in -dark or -narrow"));
    // An element elsewhere with the step's id does not take its chart.
    let (built, _) = lifeline::prerender::build(&page(&["a"]), &d).unwrap();
    assert!(built.find("<figure class=\"step-chart").unwrap() > built.find("data-step id=\"a\"").unwrap());
}

#[test]
fn the_first_paint_waits_for_the_first_chart() {
    // The inline chart under the canvas has an id, and a render-blocking `rel=expect` in the
    // head names it: the first paint shows the chart, not the text alone (Chromium 124+).
    let d = data();
    let page = "<html><head><title>t</title>\n</head><body><div class=\"lifeline-graphic\"><!-- lifeline:stage-image --></div>\n<section class=\"scene\" id=\"s\">\n<div class=\"step\" data-step id=\"a\" data-chart=\"arms-shares\"><p>x</p></div>\n</section></body></html>";
    let (built, _) = lifeline::prerender::build(page, &d).unwrap();
    let link = built.find("<link rel=\"expect\" href=\"#lifeline-first-chart\" blocking=\"render\">").expect("the expect link");
    assert!(link < built.find("</head>").unwrap());
    let chart = built.find("<div class=\"lifeline-static\" id=\"lifeline-first-chart\"").expect("the chart's id");
    assert!(built[chart..].find("<svg").unwrap() < 200, "the element holds the chart");
    // A page without the stage marker gets no link that would wait for nothing.
    let (plain, _) = lifeline::prerender::build(&page.replace("<!-- lifeline:stage-image -->", ""), &d).unwrap();
    assert!(!plain.contains("rel=\"expect\""));
}

#[test]
fn claims_are_checked_against_what_they_name() {
    let text = std::fs::read_to_string("www/data/lifeline.json").unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["claims"]["items"][0]["measured"] = serde_json::json!("part.share:arms-shares:Atlantis");
    v["claims"]["items"][1]["format"] = serde_json::json!("roman");
    v["claims"]["items"][2]["id"] = serde_json::json!("russia-share");
    let errs = Dataset::from_json("f.json", &v.to_string()).unwrap_err();
    let all: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
    assert!(
        all.contains(
            &"f.json: claims.items[0].measured is \"part.share:arms-shares:Atlantis\", which does not resolve: no part \"Atlantis\" in chart arms-shares"
                .to_string()
        ),
        "{all:?}"
    );
    assert!(
        all.contains(
            &"f.json: claims.items[1].format is not valid: \"roman\" is not a format (known: thousands, pct, percent, people, millions, plain, count)"
                .to_string()
        ),
        "{all:?}"
    );
    assert!(all.contains(&"f.json: claims.items[2].id is \"russia-share\", as is claims.items[0].id; ids must be unique".to_string()), "{all:?}");
    // A claim's verdict follows its rule: with "points" at 0, Russia and China's 80% differs.
    v = serde_json::from_str(&text).unwrap();
    v["claims"]["items"][1]["points"] = serde_json::json!(0.0);
    let d = Dataset::from_json("f.json", &v.to_string()).unwrap();
    assert_eq!(lifeline::figures::figure(&d, "verdict:russia-china-share").unwrap(), "Off by more than 1 point");
    // A story may have no claims or values at all.
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v.as_object_mut().unwrap().remove("claims");
    v.as_object_mut().unwrap().remove("values");
    v.as_object_mut().unwrap().remove("editions");
    let d = Dataset::from_json("f.json", &v.to_string()).unwrap();
    assert_eq!(d.published(), None);
    assert!(lifeline::figures::figure(&d, "claim:since").unwrap_err().contains("no claim \"since\""));
}

#[test]
fn every_chart_state_gives_the_reader_its_marks_with_their_exact_values() {
    // What a tooltip or the arrow keys read: one mark per bar, dot or point, inside the chart,
    // each with the value the data file holds.
    let d = data();
    let (w, h) = (390.0, 370.0);
    for st in html_step_attrs() {
        let v = View::for_step(&StepSpec::from_attrs(&st).unwrap(), &d, &st.id).unwrap();
        let mut out = String::new();
        let marks = {
            let area = lifeline::text::Measured(SVGBackend::with_string(&mut out, ((w * 2.0) as u32, (h * 2.0) as u32))).into_drawing_area();
            let layers = [lifeline::view::Layer { view: v.clone(), opacity: 1.0 }];
            charts::draw_frame_marks(&area, &d.cx(), &d.scenes(&layers), &d.chart_theme(false, 2.0)).unwrap()
        };
        assert!(!marks.is_empty(), "{}: no marks to read", st.id);
        for m in &marks {
            let [l, t, r, b] = m.rect;
            assert!(l >= -1.0 && t >= -1.0 && r <= w + 1.0 && b <= h + 1.0 && l <= r && t <= b, "{}: {m:?} outside the chart", st.id);
            assert!(!m.name.is_empty(), "{}: {m:?} has no name", st.id);
            assert!(!m.at.is_empty() || !m.value.is_empty(), "{}: {m:?} says nothing", st.id);
        }
        // A moving chart has nothing to point at.
        let moving = [lifeline::view::Layer { view: View { grow: 0.5, ..v.clone() }, opacity: 1.0 }];
        let mut out = String::new();
        let area = lifeline::text::Measured(SVGBackend::with_string(&mut out, (400, 300))).into_drawing_area();
        assert!(charts::draw_frame_marks(&area, &d.cx(), &d.scenes(&moving), &d.chart_theme(false, 1.0)).unwrap().is_empty());
    }
    // Spot checks against the data file: a bar of the arms chart and a point of a line.
    let marks_of = |chart: &str| {
        let mut out = String::new();
        let area = lifeline::text::Measured(SVGBackend::with_string(&mut out, (800, 600))).into_drawing_area();
        let layers = [lifeline::view::Layer { view: view(&d, chart, None), opacity: 1.0 }];
        charts::draw_frame_marks(&area, &d.cx(), &d.scenes(&layers), &d.chart_theme(false, 1.0)).unwrap()
    };
    let a = stacked(&d, "arms-by-year");
    let russia = a.series.iter().find(|s| s.name == "Russia").unwrap();
    let j = a.x.iter().position(|y| *y == 2013).unwrap();
    let m = marks_of("arms-by-year").into_iter().find(|m| m.name == "Russia" && m.at == "2013").expect("Russia's 2013 bar");
    assert_eq!(m.value, lifeline::locale::thousands(russia.values[j].unwrap()));
    let l = lines(&d, "displacement-series");
    let ven = l.series.iter().find(|o| o.key == "VEN").unwrap();
    let j = l.x.iter().position(|y| *y == 2021).unwrap();
    let m = marks_of("displacement-series").into_iter().find(|m| m.name == ven.name && m.at == "2021").expect("Venezuela's 2021 point");
    assert_eq!(m.value, lifeline::locale::thousands(ven.values[j].unwrap()));
}

#[test]
fn numbers_are_written_by_the_story_locale_table() {
    use lifeline::locale::Locale;
    let en = data().locale;
    // The Spanish edition's table, as the RAE and Fundéu write numbers: a decimal comma, a
    // no-break space between thousands only from five digits ("5539", "10 000"), a spaced
    // percent sign.
    let es = Locale {
        decimal: ",".into(),
        group: "\u{a0}".into(),
        group_from: 5,
        percent: "{value}\u{a0}%".into(),
        below: "<{value}".into(),
        million: "{value} millones".into(),
        million_short: "{value}\u{a0}M".into(),
        small: ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"].map(String::from).to_vec(),
    };
    // Counts under ten in words, where the locale names them; more as grouped digits.
    assert_eq!(lifeline::locale::Format::Count.write(&es, 5.0), "cinco");
    assert_eq!(lifeline::locale::Format::Count.write(&es, 12345.0).replace('\u{a0}', " "), "12 345");
    assert_eq!(lifeline::locale::Format::Count.write(&en, 7.0), "seven");
    let nb = |s: &str| s.replace(['\u{202f}', '\u{a0}'], " ");
    let rows: [(f64, &str, &str); 9] = [
        (5539.0, "5,539", "5539"),
        (10000.0, "10,000", "10 000"),
        (1234567.4, "1,234,567", "1 234 567"),
        (-4200.0, "-4,200", "-4200"),
        (-12345.5, "-12,346", "-12 346"),
        (999.5, "1,000", "1000"),
        (2.5, "3", "3"),
        (0.4, "0", "0"),
        (-0.4, "0", "0"),
    ];
    for (v, a, b) in rows {
        assert_eq!(en.thousands(v), a, "{v}");
        assert_eq!(nb(&es.thousands(v)), b, "{v}");
    }
    assert_eq!(nb(&es.millions(132.5567)), "132,6 millones");
    assert_eq!(nb(&es.pct(0.05)), "0,1 %", "a share of exactly 0.05 rounds up to 0.1");
    assert_eq!(nb(&es.pct(-2.35)), "-2,4 %");
    assert_eq!(en.pct(69.53), "69.5%");
    assert_eq!(nb(&es.pct(69.53)), "69,5 %");
    assert_eq!(en.pct(0.02), "<0.1%");
    assert_eq!(nb(&es.pct(0.02)), "<0,1 %");
    assert_eq!(en.pct(0.0), "0.0%");
    assert_eq!(en.people(5_576_740.0), "5.6 million");
    assert_eq!(es.people(5_576_740.0), "5,6 millones");
    assert_eq!(en.people(46_988.0), "47,000");
    assert_eq!(nb(&es.short_people(7_016_000.0)), "7,0 M");
    assert_eq!(en.number(2.25, 1), "2.2", "halves round to the nearest binary value, as Rust prints them");
    assert_eq!(en.number(1234.56, 1), "1,234.6");
    assert_eq!(nb(&es.number(1234.56, 1)), "1234,6", "four whole digits are not grouped");
    // The story's own table is checked like any other section.
    let text = with_locale(&std::fs::read_to_string("www/data/lifeline.json").unwrap());
    let bad = text.replacen("\"million_short\": \"{value}m\"", "\"million_short\": \"m\"", 1);
    let errs = Dataset::from_json("x.json", &bad).unwrap_err();
    assert!(errs.iter().any(|e| e.to_string() == "x.json: locale.million_short is \"m\"; it needs {value} where the number goes"), "{errs:?}");
}

/// A data file's text with the engine's English number formats written out as its own
/// `locale` (the stories leave it out: crate::data::defaults), for a test to break.
fn with_locale(text: &str) -> String {
    let defaults: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("defaults/en.json").unwrap()).unwrap();
    let locale = serde_json::to_string_pretty(&defaults["locale"]).unwrap();
    text.replacen("\"words\":", &format!("\"locale\": {locale},\n \"words\":"), 1)
}

#[test]
fn story_words_and_locales_fail_safe() {
    use lifeline::locale::Locale;
    use lifeline::words::Words;
    let w = Words([("t".to_string(), "{a} and {b}, {c}".to_string())].into_iter().collect());
    // One pass: a value holding "{b}" is not filled again; a slot without a value stays as written.
    assert_eq!(w.fill("t", &[("a", "{b}"), ("b", "B")]), "{b} and B, {c}");
    assert_eq!(w.fill("missing", &[("a", "x")]), "");
    assert_eq!(lifeline::charts::verdict::verdict_code(&w, ""), "", "an empty label is no verdict");
    let text = with_locale(&std::fs::read_to_string("www/data/lifeline.json").unwrap());
    // A locale that fails its checks is named, and English stands in for it.
    let (d, errs) = Dataset::load_json("x.json", &text.replacen("\"group\": \",\"", "\"group\": \"1\"", 1));
    assert!(errs.iter().any(|e| e.to_string() == "x.json: locale.group is \"1\"; digits cannot separate digits"), "{errs:?}");
    assert_eq!(d.locale.thousands(12345.0), Locale::default().thousands(12345.0));
    // Colours are six hex digits, nothing else.
    let (d, _) = Dataset::load_json("x.json", &text.replacen("\"light\": {", "\"light\": {\"grid\": \"#+e+e+e\", ", 1));
    assert!(d.problem("theme").is_some_and(|p| p.contains("\"#+e+e+e\" is not a colour")), "{:?}", d.problem("theme"));
}

#[test]
fn lists_join_with_the_word_for_and_the_next_name_takes() {
    let en = data();
    let es = data().in_language("es");
    let l = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(en.words.list(&l(&["China", "Iran"])), "China and Iran");
    assert_eq!(es.words.list(&l(&["Rusia", "China"])), "Rusia y China");
    // Spanish "y" becomes "e" before an i- or hi- sound, but not before hie-, hia- (a diphthong).
    assert_eq!(es.words.list(&l(&["Turquía", "China", "Irán"])), "Turquía, China e Irán");
    assert_eq!(es.words.list(&l(&["Rusia", "Israel"])), "Rusia e Israel");
    assert_eq!(es.words.list(&l(&["China", "Hispania"])), "China e Hispania");
    assert_eq!(es.words.list(&l(&["cobre", "hierro"])), "cobre y hierro");
    assert_eq!(es.words.list(&l(&["Alemania", "Íñigo"])), "Alemania e Íñigo");
    assert_eq!(es.words.and_before("Italia"), "e");
    assert_eq!(es.words.and_before(""), "y");
}

/// Every message the engine can give about the data or the page (each `msg!` in `src/`) has a
/// template in the Spanish edition's words, `problem.<key>`, with the same slots; none is left
/// over. A message shown to a Spanish reader (a broken chart, the status line) is in Spanish.
#[test]
fn every_message_about_the_data_has_its_spanish_words() {
    fn rs_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                rs_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    rs_files(std::path::Path::new("src"), &mut files);
    let mut keys: std::collections::BTreeMap<String, String> = Default::default();
    for f in files {
        let text: String = std::fs::read_to_string(&f).unwrap().lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        for part in text.split("msg!(").skip(1) {
            // msg!("key", "English template", slots...): the two string literals.
            let mut lits = Vec::new();
            let mut rest = part.trim_start();
            for _ in 0..2 {
                let Some(body) = rest.strip_prefix('"') else { break };
                let b = body.as_bytes();
                let mut end = 0;
                while end < b.len() && !(b[end] == b'"' && (end == 0 || b[end - 1] != b'\\')) {
                    end += 1;
                }
                lits.push(body[..end].replace("\\\"", "\""));
                rest = body[end + 1..].trim_start().trim_start_matches(',').trim_start();
            }
            let [key, template] = lits.as_slice() else { continue };
            if let Some(old) = keys.insert(key.clone(), template.clone()) {
                assert_eq!(&old, template, "msg! key {key} has two English templates");
            }
        }
    }
    assert!(keys.len() > 60, "{} keys", keys.len());
    let es = data().in_language("es");
    let slots = |t: &str| -> std::collections::BTreeSet<String> { lifeline::lint::template_slots(t).map(str::to_string).collect() };
    for (key, en) in &keys {
        let word = format!("problem.{key}");
        let Some(t) = es.words.0.get(&word) else { panic!("the Spanish words lack {word} (English: {en})") };
        assert_eq!(slots(t), slots(en), "{word}: \"{t}\" against \"{en}\"");
    }
    for k in es.words.0.keys().filter(|k| k.starts_with("problem.") && !k.starts_with("problem.what.")) {
        assert!(keys.contains_key(&k["problem.".len()..]), "{k} is no message of the engine's");
    }
    // Rendered in the reader's language, a term included; English where the words have none.
    let m = lifeline::msg!("negative", "is {v}; {what} cannot be negative", v = -3, what = "a value");
    assert_eq!(m.to_string(), "is -3; a value cannot be negative");
    assert_eq!(m.in_words(&es.words), "es -3; no se admite un número negativo como un valor");
    assert_eq!(m.in_words(&data().words), "is -3; a value cannot be negative");
    // A broken file, read for the Spanish page: its problems in Spanish.
    let text = std::fs::read_to_string("www/data/lifeline.json").unwrap();
    let (d, errs) = Dataset::load_json("x.json", &text.replacen("\"type\": \"share-bar\"", "\"type\": \"pie\"", 1));
    let d = d.in_language("es");
    let e = errs.iter().find(|e| e.path.ends_with(".type")).expect("the bad type is named");
    assert!(e.to_string().contains("is \"pie\", which is not a chart type"), "{e}");
    assert!(e.in_words(&d.words).contains("es \"pie\", que no es un tipo de gráfico"), "{}", e.in_words(&d.words));
    assert!(d.chart("arms-shares").unwrap_err().contains("que no es un tipo de gráfico"));
}

#[test]
fn a_no_break_space_is_drawn_as_written_and_never_broken() {
    use lifeline::story::StepSpec;
    use lifeline::view::View;
    let es = data().in_language("es");
    let spec = StepSpec::parse("t", Some("arms-shares"), Some("Russia"), false).unwrap();
    let view = View::for_step(&spec, &es, "t").unwrap();
    let svg = lifeline::export::svg(&es, &view, 390, 370, &es.chart_theme(false, 1.0));
    // The headline share, as the Spanish locale writes it: "69,5", a no-break space, "%".
    assert!(svg.contains("Rusia: 69,5\u{a0}%"), "{}", &svg[..svg.len().min(3000)]);
    assert!(!svg.contains("69,5 %"));
}

#[test]
fn lower_case_covers_latin_1_without_unicode_tables() {
    use lifeline::text::lower;
    assert_eq!(lower("Refugees ÁRBOL Ñandú ÞÖ ×"), "refugees árbol ñandú þö ×");
    assert_eq!(lower("Other people in need"), "other people in need");
}

#[test]
fn series_figures_read_any_declared_chart_over_years() {
    use lifeline::figures::figure;
    let d = data();
    // Lines: the same count the chart's table gives.
    let t = lifeline::access::table(&d, "displacement-series").unwrap();
    let row = t.rows.iter().find(|r| r[0] == "2021").unwrap();
    let col = t.headers.iter().position(|h| h == "Venezuela").unwrap();
    assert_eq!(figure(&d, "series.value:displacement-series:Venezuela:2021").unwrap(), row[col]);
    // A timeline's series is the trade register's: Russia's deliveries to Venezuela, to 2024.
    assert_eq!(figure(&d, "series.value:timeline:Russia:2013").unwrap(), "883");
    assert_eq!(figure(&d, "series.value:timeline:Russia:2024").unwrap(), "0");
    // A chart without years, and a chart the file lacks, are named.
    assert!(figure(&d, "series.value:arms-shares:Russia:2013").unwrap_err().contains("chart \"arms-shares\" has no series over years"));
    assert!(figure(&d, "series.value:arms_by_year:Russia:2013").unwrap_err().contains("no chart \"arms_by_year\" is declared"));
}

/// The Spanish edition (`es/index.html`) binds the same data file: the same steps with the same
/// charts and states, the same figure keys, and each figure as the Spanish edition writes it.
#[test]
fn the_spanish_page_has_the_english_steps_and_figures_in_spanish() {
    use lifeline::prerender::{check_figures, page_lang, scan};
    let en = std::fs::read_to_string("index.html").unwrap();
    let es = std::fs::read_to_string("es/index.html").unwrap();
    assert_eq!(page_lang(&es).as_deref(), Some("es"));
    assert_eq!(page_lang(&en), None);
    let steps = |html: &str| scan(html).into_iter().flat_map(|s| s.steps).collect::<Vec<_>>();
    assert_eq!(steps(&en), steps(&es), "steps, ids, charts and states");
    let keys = |html: &str| -> Vec<String> { html.split("data-figure=\"").skip(1).map(|p| p[..p.find('"').unwrap()].to_string()).collect() };
    let (mut a, mut b) = (keys(&en), keys(&es));
    a.sort();
    b.sort();
    assert_eq!(a, b, "a figure bound in one language is missing in the other");
    let verdicts = |html: &str| -> Vec<String> { html.split("data-verdict=\"").skip(1).map(|p| p[..p.find('"').unwrap()].to_string()).collect() };
    assert_eq!(verdicts(&en), verdicts(&es));
    let d = data().in_language("es");
    assert_eq!(check_figures(&es, &d), Vec::<String>::new());
    // Numbers the Spanish way, and no English word of the engine's in what it generates.
    assert_eq!(lifeline::figures::figure(&d, "part.share:arms-shares:Russia").unwrap(), "69,5\u{a0}%");
    assert_eq!(lifeline::figures::figure(&d, "series.value:displacement-series:VEN:2021|people").unwrap(), "5,6\u{a0}millones");
    for st in steps(&es) {
        let v = View::for_step(&StepSpec::from_attrs(&st).unwrap(), &d, &st.id).unwrap();
        let said = lifeline::access::describe(&d, &v);
        for w in ["Source", "Download", "million", "Data", "step", "Russia ", "supplier"] {
            assert!(!said.contains(w), "{}: \"{w}\" in \"{said}\"", st.id);
        }
    }
}

/// The chart answers a step in its first frame: after one frame of the transition (16 ms of
/// 550), shapes have moved a visible part of the way, and the curve still ends at rest.
#[test]
fn a_transition_moves_visibly_in_its_first_frame() {
    use lifeline::view::ease;
    let first = 16.0 / 550.0;
    assert!(ease(first) > 0.08, "{}", ease(first));
    assert_eq!(ease(0.0), 0.0);
    assert_eq!(ease(1.0), 1.0);
    let near_end = ease(1.0) - ease(0.95);
    assert!(near_end < 0.001, "it should come to rest gently: {near_end}");
    // Never overshoots, never goes back.
    let mut last = 0.0;
    for i in 0..=100 {
        let v = ease(i as f64 / 100.0);
        assert!((0.0..=1.0).contains(&v) && v >= last);
        last = v;
    }
}

#[test]
fn every_spanish_quotation_is_an_original_or_marked_as_our_translation() {
    let html = std::fs::read_to_string("es/index.html").unwrap();
    let mut n = 0;
    for piece in html.split("<q").skip(1) {
        let tag = piece.split('>').next().unwrap();
        if !(tag.is_empty() || tag.starts_with(' ')) {
            continue; // not a <q> element
        }
        n += 1;
        // A Spanish original names the report it is quoted from; a quotation of the English
        // commentary is marked as our translation (the byline says so in words).
        assert!(tag.contains(" cite=\"http") || tag.contains(" data-tr"), "<q{tag}> is neither an original with its source nor marked as our translation");
    }
    assert!(n > 0);
    assert!(html.contains("traducción propia"), "the page says which quotations are translated");
    // And the English page quotes in English only: no translation marks there.
    assert!(!std::fs::read_to_string("index.html").unwrap().contains("<q data-tr"));
}

/// The trigger line is one figure: Rust's, and the stylesheet's `--lifeline-trigger`, which the
/// scripts read before the explainer has started and the CSS lays out deep links with.
#[test]
fn the_stylesheet_and_rust_agree_on_the_trigger_line() {
    let css = std::fs::read_to_string("www/style.css").unwrap();
    let decl = css.split("--lifeline-trigger:").nth(1).expect("www/style.css declares --lifeline-trigger");
    let value: f64 = decl[..decl.find(';').unwrap()].trim().parse().unwrap();
    assert_eq!(value, lifeline::story::TRIGGER);
    // Nowhere else: no script or stylesheet writes the figure itself.
    for file in ["www/main.js", "www/embed.js", "www/frame.js", "www/lifeline.js", "www/protocol.js"] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(!text.contains("0.6") && !text.contains("0.55"), "{file} writes the trigger line's figure");
    }
}

/// English possessives of names that end in s take the apostrophe alone, in any template.
#[test]
fn a_possessive_of_a_name_in_s_is_written_with_the_apostrophe_alone() {
    let fill = lifeline::text::fill_template;
    assert_eq!(fill("{name}'s share", &[("name", "United States")]), "United States' share");
    assert_eq!(fill("{name}\u{2019}s share", &[("name", "Netherlands")]), "Netherlands\u{2019} share");
    assert_eq!(fill("{name}'s share", &[("name", "Russia")]), "Russia's share");
    // Not a possessive: "'so" after the slot, or a slot that does not end in s.
    assert_eq!(fill("{name}'some", &[("name", "Paris")]), "Paris'some");
    assert_eq!(fill("{n}'s", &[("n", "US")]), "US'");
}

/// A share the data file rounded to 0 beside a count above 0 is a sliver in the table.
#[test]
fn a_sliver_in_a_table_is_under_a_tenth_of_a_percent() {
    let text = std::fs::read_to_string("tests/fixtures/story/data.json").unwrap();
    let d = Dataset::from_json("tests/fixtures/story/data.json", &text).unwrap();
    let Some((id, mut sb)) = d.charts.iter().find_map(|c| match &c.body {
        Body::Share(s) => Some((c.id.clone(), s.clone())),
        _ => None,
    }) else {
        panic!("the fixture has a share bar");
    };
    sb.items[0].share = 0.0;
    sb.items[0].value = 3.0;
    let mut d = d;
    d.charts.iter_mut().find(|c| c.id == id).unwrap().body = Body::Share(sb);
    let table = d.charts.iter().find(|c| c.id == id).unwrap().table(&d.cx()).unwrap();
    let row = &table.rows[0];
    assert!(row.iter().any(|c| c == "<0.1%"), "{row:?}");
    assert!(!row.iter().any(|c| c == "0.0%"), "{row:?}");
}

/// Stocks (counts at a date) are never added up over years: a stacked chart of stocks says its
/// latest counts where one of flows says totals, and a figure that would sum it is refused.
#[test]
fn stocks_are_read_at_a_date_and_never_summed() {
    use lifeline::charts::Measure;
    let text = std::fs::read_to_string("tests/fixtures/story/data.json").unwrap();
    let flows = Dataset::from_json("tests/fixtures/story/data.json", &text).unwrap();
    let mut stocks = flows.clone();
    for c in stocks.charts.iter_mut() {
        if let Body::Stacked(s) = &mut c.body {
            s.measure = Measure::Stock;
        }
    }
    for id in ["totals", "trend"] {
        let view = View::for_step(&StepSpec::parse("t", Some(id), None, false).unwrap(), &flows, "t").unwrap();
        let Body::Stacked(s) = &flows.chart(id).unwrap().body else { panic!("{id} is stacked bars") };
        let last = s.x.len() - 1;
        let sum: f64 = (0..s.x.len()).filter_map(|j| s.total(j)).sum();
        let at_last = s.total(last).unwrap();
        let said_flow = flows.chart(id).unwrap().describe(&flows.cx(), &view, &[]);
        let said_stock = stocks.chart(id).unwrap().describe(&stocks.cx(), &view, &[]);
        let n = |v: f64| flows.locale.thousands(v);
        assert!(said_flow.contains(&format!("{} in all", n(sum))), "{id} as flows: {said_flow}");
        assert!(said_stock.contains(&format!("{} in all", n(at_last))), "{id} as stocks: {said_stock}");
        assert!(!said_stock.contains(&n(sum)), "{id} as stocks adds years up: {said_stock}");
        if id == "totals" {
            assert!(said_stock.contains(&format!("At the end of {}: ", s.x[last])), "{said_stock}");
        }
    }
    // A series with no record at the latest year is not given a count of 0.
    let mut gap = stocks.clone();
    if let Some(Body::Stacked(s)) = gap.charts.iter_mut().find(|c| c.id == "totals").map(|c| &mut c.body) {
        let last = s.x.len() - 1;
        s.series[1].values[last] = None;
    }
    let view = View::for_step(&StepSpec::parse("t", Some("totals"), None, false).unwrap(), &gap, "t").unwrap();
    let said = gap.chart("totals").unwrap().describe(&gap.cx(), &view, &[]);
    assert!(!said.contains("Beta 0"), "{said}");
    // series.total over years of a stock is refused, with the way to say it; one year is read.
    let e = lifeline::figures::figure(&stocks, "series.total:totals:Beta:2010:2012").unwrap_err();
    assert!(e.to_string().contains("holds stocks"), "{e}");
    assert!(lifeline::figures::figure(&stocks, "series.value:totals:Beta:2012").is_ok());
    assert!(lifeline::figures::figure(&flows, "series.total:totals:Beta:2010:2012").is_ok());
    // A rise has its key, as a fall has.
    assert_eq!(lifeline::figures::figure(&flows, "series.rise:totals:Beta:2010:2011").unwrap(), "200%");
    assert!(lifeline::figures::figure(&flows, "series.rise:totals:Beta:2011:2010").is_err());
}
