//! A broken data file must never panic or draw a silently wrong chart: each case here names
//! the exact message a reader or editor sees, and checks that the rest still works.

use lifeline::charts;
use lifeline::data::Dataset;
use lifeline::story::StepSpec;
use lifeline::view::View;
use plotters::prelude::*;
use proptest::prelude::*;
use serde_json::{json, Value};

const FILE: &str = "www/data/lifeline.json";

fn real_text() -> String {
    std::fs::read_to_string(FILE).unwrap()
}

/// The ids of the charts the real file declares.
fn ids() -> Vec<&'static str> {
    real()["charts"].as_array().unwrap().iter().map(|c| &*Box::leak(c["id"].as_str().unwrap().to_string().into_boxed_str())).collect()
}

fn real() -> Value {
    serde_json::from_str(&real_text()).unwrap()
}

/// Loads `text` and returns its messages and the names of the broken sections.
fn load(text: &str) -> (Dataset, Vec<String>, Vec<String>) {
    let (d, errors) = Dataset::load_json(FILE, text);
    let msgs = errors.iter().map(|e| e.to_string()).collect();
    let broken = d.broken.keys().cloned().collect();
    (d, msgs, broken)
}

/// Draws every chart kind; charts with broken data draw their explanation instead.
fn draw_all(d: &Dataset) -> Vec<String> {
    ids()
        .iter()
        .map(|k| {
            let spec = StepSpec::parse("t", Some(k), None, false).unwrap();
            // A chart the file no longer declares (its id changed): the step says so, and the
            // page keeps the chart before it.
            let view = match View::for_step(&spec, d, "t") {
                Ok(v) => v,
                Err(e) => {
                    assert!(e.to_string().contains("which is not a chart"), "{e}");
                    return String::new();
                }
            };
            let mut out = String::new();
            {
                let area = lifeline::text::Measured(SVGBackend::with_string(&mut out, (500, 400))).into_drawing_area();
                charts::draw_view(&area, &d.cx(), d.scene(&view), &d.chart_theme(false, 1.0)).unwrap();
            }
            out
        })
        .collect()
}

fn mutated(f: impl FnOnce(&mut Value)) -> String {
    let mut v = real();
    f(&mut v);
    v.to_string()
}

/// (case, file text, expected messages, expected broken sections)
fn cases() -> Vec<(&'static str, String, Vec<String>, Vec<&'static str>)> {
    let all = vec!["theme", "words", "locale", "charts", "claims", "values", "editions"];
    let m = |s: &str| format!("{FILE}: {s}");
    let whole = |s: &str| format!("{FILE} {s}");
    let text = real_text();
    // Sums the shares would have after a change to one of them (the real ones sum to ~100).
    let shares: Vec<f64> = real()["charts"][2]["data"]["parts"].as_array().unwrap().iter().map(|s| s["share"].as_f64().unwrap()).collect();
    let sum_with = |i: usize, v: f64| shares.iter().sum::<f64>() - shares[i] + v;
    let big = mutated(|v| v["charts"][1]["data"]["x"] = json!(vec![2000; 2_000_000]));
    vec![
        ("truncated JSON", text[..text.len() / 2].to_string(), vec![whole(&truncated_message(&text))], all.clone()),
        ("not an object", "[1, 2]".into(), vec![whole("is not a JSON object")], all.clone()),
        ("empty file", "".into(), vec![whole("is not valid JSON: EOF while parsing a value at line 1 column 0")], all.clone()),
        ("NaN literal", "{\"schema\": 1,\n \"total_tiv\": NaN}".into(), vec![whole("is not valid JSON: expected value at line 2 column 15")], all.clone()),
        ("Infinity as 1e999", "{\"schema\": 1,\n \"total_tiv\": 1e999}".into(), vec![whole("is not valid JSON: number out of range at line 2 column 19")], all.clone()),
        ("10 MB array", big.clone(), vec![whole(&format!("is {:.1} MB; a data file over 1024 KB is refused", big.len() as f64 / 1e6))], all.clone()),
        ("wrong type", mutated(|v| v["charts"][1]["data"]["x"] = json!("2000-2021")),
            vec![m("charts[1].data.x is not valid: invalid type: string \"2000-2021\", expected a sequence")], vec!["chart:arms-by-year"]),
        ("null for a number", mutated(|v| v["charts"][3]["data"]["rows"][1]["value"] = Value::Null),
            vec![m("charts[3].data.rows[1].value is not valid: invalid type: null, expected f64")], vec!["chart:russia-by-category"]),
        ("missing field", mutated(|v| { v["charts"][2]["data"].as_object_mut().unwrap().remove("items"); }),
            vec![m("charts[2].data is not valid: missing field `items`")], vec!["chart:arms-shares"]),
        ("missing section", mutated(|v| { v.as_object_mut().unwrap().remove("charts"); }),
            vec![m("charts is missing")], vec!["charts"]),
        // Colours left out are the engine's furniture (defaults/theme.json), and greys for series.
        ("no theme", mutated(|v| { v.as_object_mut().unwrap().remove("theme"); }), vec![], vec![]),
        ("a furniture colour of its own", mutated(|v| v["theme"]["light"]["text"] = json!("#eeeeee")),
            vec![m("theme.light.text has 1.2:1 contrast on the background; it needs 4.5:1")], vec!["theme"]),
        // A locale left out is the engine's for the file's language (crate::data::defaults).
        ("no locale", mutated(|v| { v.as_object_mut().unwrap().remove("locale"); }), vec![], vec![]),
        ("a language without the engine's words", mutated(|v| { v["lang"] = json!("fr"); }),
            vec![m("lang is \"fr\"; the engine has words for en, es")], vec![]),
        ("unknown field", mutated(|v| v["charts"][1]["data"]["colour"] = json!("red")),
            vec![m("charts[1].data.colour is not valid: unknown field `colour`, expected one of `x`, `series`, `format`, `says`, `measure`, `subject`, `columns`")], vec!["chart:arms-by-year"]),
        ("unknown section", mutated(|v| v["extras"] = json!({})),
            vec![m("extras is not a field of the data file (known: schema, generated_by, lang, theme, words, locale, charts, claims, values, editions, events)")], vec![]),
        ("a section of the old data files", mutated(|v| v["arms_by_year"] = json!({})),
            vec![m("arms_by_year is not a field of the data file (known: schema, generated_by, lang, theme, words, locale, charts, claims, values, editions, events)")], vec![]),
        ("absurd share", mutated(|v| v["charts"][2]["data"]["parts"][1]["share"] = json!(250.0)),
            vec![m("charts[2].data.parts[1].share is 250; a share must be 0 to 100"), m(&format!("charts[2].data.parts shares sum to {:.2}; they must sum to 100 (within rounding)", sum_with(1, 250.0)))], vec!["chart:arms-shares"]),
        ("shares that do not sum", mutated(|v| v["charts"][2]["data"]["parts"][0]["share"] = json!(59.53)),
            vec![m(&format!("charts[2].data.parts shares sum to {:.2}; they must sum to 100 (within rounding)", sum_with(0, 59.53)))], vec!["chart:arms-shares"]),
        ("negative people", mutated(|v| v["charts"][5]["data"]["series"][1]["parts"][2][41] = json!(-1.0)),
            vec![m("charts[5].data.series[1].parts[2][2021] is -1; a count cannot be negative")], vec!["chart:displacement-series"]),
        ("empty series", mutated(|v| v["charts"][5]["data"]["series"] = json!([])),
            vec![m("charts[5].data.series is empty; a chart needs at least one entry")], vec!["chart:displacement-series"]),
        ("years out of order", mutated(|v| v["charts"][5]["data"]["x"][3] = json!(1980)),
            vec![m("charts[5].data.x goes from 1982 to 1980; years must ascend with no repeats")], vec!["chart:displacement-series"]),
        ("label too long", mutated(|v| v["charts"][4]["data"]["rows"][0]["name"] = json!("S".repeat(200))),
            vec![m("charts[4].data.rows[0].name has 200 characters; a label needs 1 to 80")], vec!["chart:displacement-claims"]),
        ("control character in a label", mutated(|v| v["charts"][3]["data"]["rows"][0]["name"] = json!("Air\u{7}craft")),
            vec![m("charts[3].data.rows[0].name holds a control character")], vec!["chart:russia-by-category"]),
        ("a series with no source", mutated(|v| v["charts"][5]["source"]["publisher"] = json!(" ")),
            vec![m("charts[5].source names no publisher or dataset; every series needs a source")], vec!["chart:displacement-series"]),
        ("a window that runs backwards", mutated(|v| v["charts"][2]["data"]["window"] = json!([2021, 1900])),
            vec![m("charts[2].data.window is 2021-1900; it must run forwards, within 1900-2100")], vec!["chart:arms-shares"]),
        ("an empty title", mutated(|v| v["charts"][3]["title"] = json!("  ")),
            vec![m("charts[3].title has 0 characters; it needs 1 to 160")], vec!["chart:russia-by-category"]),
        ("an absurd value", mutated(|v| v["charts"][3]["data"]["rows"][0]["value"] = json!(1e308)),
            vec![m("charts[3].data.rows[0].value is 1e308; a value over ten billion is not plausible")], vec!["chart:russia-by-category"]),
        ("another schema", mutated(|v| v["schema"] = json!(2)), vec![m("schema is 2; this build reads schema 1")], vec![]),
        ("a duplicate event id", mutated(|v| v["charts"][6]["data"]["events"][3]["id"] = json!("crimea")),
            vec![m("charts[6].data.events[3].id is \"crimea\", as is charts[6].data.events[1].id; ids must be unique")], vec!["chart:timeline"]),
        ("an id that cannot be a highlight", mutated(|v| v["charts"][6]["data"]["events"][7]["id"] = json!("Lavrov visit")),
            vec![m("charts[6].data.events[7].id is \"Lavrov visit\"; an id is 1 to 40 of a-z, 0-9 and -")], vec!["chart:timeline"]),
        ("an event in the year 3000", mutated(|v| v["charts"][6]["data"]["events"][0]["year"] = json!(3000)),
            vec![m("charts[6].data.span is 2000-2026; it must cover the series' years and every event"), m("charts[6].data.events[0].year is 3000; a year must be within 1900-2100")], vec!["chart:timeline"]),
        ("no events", mutated(|v| v["charts"][6]["data"]["events"] = json!([])),
            vec![m("charts[6].data.events is empty; a chart needs at least one entry")], vec!["chart:timeline"]),
        // A word the engine has (crate::data::defaults) may be left out; one only the story can say may not.
        ("a word missing", mutated(|v| { v["words"].as_object_mut().unwrap().remove("title.headline"); }),
            vec![m("words.title.headline is missing")], vec!["words"]),
        ("an engine word left out", mutated(|v| { v["words"].as_object_mut().unwrap().remove("stacked.peak"); }), vec![], vec![]),
        ("a word with a slot the engine does not fill", mutated(|v| v["words"]["stacked.last"] = json!("Last from {series} in {year}")),
            vec![m("words.stacked.last has {year}, which is not filled here (slots: series, x)")], vec!["words"]),
        ("a chart's description missing", mutated(|v| { v["words"].as_object_mut().unwrap().remove("describe.arms-since"); }),
            vec![m("words.describe.arms-since is missing")], vec!["words"]),
        ("a chart's opening sentence with a slot that chart does not fill", mutated(|v| v["words"]["describe.arms-by-year"] = json!("Bars from {first} to {last}: {rows}.")),
            vec![m("words.describe.arms-by-year has {rows}, which is not filled here (slots: first, last, total)")], vec![]),
        ("a word the engine does not use", mutated(|v| v["words"]["stacked.lats"] = json!("typo")),
            vec![m("words.stacked.lats is not a word the engine uses")], vec!["words"]),
        ("a theme colour that is not a colour", mutated(|v| v["theme"]["dark"]["grid"] = json!("grey")),
            vec![m("theme.dark.grid is not valid: \"grey\" is not a colour; write #rrggbb")], vec!["theme"]),
        ("an example with a negative value", mutated(|v| v["charts"][3]["data"]["rows"][0]["examples"][1]["value"] = json!(-1.0)),
            vec![m("charts[3].data.rows[0].examples[1].value is -1; a value cannot be negative")], vec!["chart:russia-by-category"]),
        // The claims and values the prose binds to.
        ("a claim measured by a figure that does not resolve", mutated(|v| v["claims"]["items"][3]["measured"] = json!("series.value:displacement-series:SYR:1950")),
            vec![m("claims.items[3].measured is \"series.value:displacement-series:SYR:1950\", which does not resolve: 1950 is not a year of chart displacement-series")], vec!["claims"]),
        ("a claim in a format there is not", mutated(|v| v["claims"]["items"][0]["format"] = json!("words")),
            vec![m("claims.items[0].format is not valid: \"words\" is not a format (known: thousands, pct, percent, people, millions, plain, count)")], vec!["claims"]),
        ("a claim with no step", mutated(|v| v["claims"]["items"][0]["step"] = json!(0)),
            vec![m("claims.items[0].step is 0; the last digit shown must be above 0")], vec!["claims"]),
        ("a publication year out of range", mutated(|v| v["claims"]["published"] = json!(1800)),
            vec![m("claims.published is 1800; a year must be within 1900-2100")], vec!["claims"]),
        ("a value with numbers and words", mutated(|v| v["values"][2]["numbers"] = json!([1.0])),
            vec![m("values[2] needs numbers or words, not both and not neither")], vec!["values"]),
        ("a claim with a field it does not have", mutated(|v| v["claims"]["items"][0]["iso"] = json!("SYR")),
            vec![m("claims.items[0].iso is not valid: unknown field `iso`, expected one of `id`, `value`, `format`, `measured`, `step`, `close`, `points`, `not_comparable`")], vec!["claims"]),
        // The charts the data file declares.
        ("an unknown chart type", mutated(|v| v["charts"][2]["type"] = json!("pie")),
            vec![m("charts[2].type is \"pie\", which is not a chart type (known: title, stacked-bars, share-bar, hbars, bars, lines, dot-plot, timeline)")], vec!["chart:arms-shares"]),
        ("a chart's series missing its values", mutated(|v| { v["charts"][5]["data"]["series"][0].as_object_mut().unwrap().remove("values"); }),
            vec![m("charts[5].data.series[0] is not valid: missing field `values`")], vec!["chart:displacement-series"]),
        ("a chart value as a string", mutated(|v| v["charts"][1]["data"]["series"][0]["values"][6] = json!("353")),
            vec![m("charts[1].data.series[0].values[6] is not valid: invalid type: string \"353\", expected f64")], vec!["chart:arms-by-year"]),
        ("a chart's values and years differ in length", mutated(|v| v["charts"][9]["data"]["series"][1]["values"] = json!([1.0, 2.0, 3.0])),
            vec![m("charts[9].data.series[1].values has 3 values for 10 years")], vec!["chart:arms-since"]),
        ("a negative value in a chart", mutated(|v| v["charts"][10]["data"]["series"][1]["values"][2] = json!(-3.0)),
            vec![m("charts[10].data.series[1].values[2017] is -3; a value cannot be negative")], vec!["chart:russia-exports"]),
        ("a field no chart has", mutated(|v| v["charts"][3]["caption"] = json!("More")),
            vec![m("charts[3].caption is not valid: unknown field `caption`, expected one of `id`, `type`, `title`, `subtitle`, `units`, `source`, `notes`, `data`")], vec!["chart:russia-by-category"]),
        ("a chart id whose description key is an engine word", mutated(|v| v["charts"][4]["id"] = json!("publication")),
            vec![m("charts[4].id is \"publication\": its description would be the words describe.publication, which the engine uses for something else; choose another id"), m("words.describe.displacement-claims is not a word the engine uses"),
                m("editions.es.words.describe.displacement-claims is not a word the engine uses"), m("editions.es.charts.displacement-claims is not a chart the file declares")], vec!["chart:publication", "words", "editions"]),
        ("a note on a chart type that draws none", mutated(|v| v["charts"][3]["notes"] = json!([{"id": "war", "from": 2014, "label": "War"}])),
            vec![m("charts[3].notes is not empty; hbars charts draw no notes (stacked-bars and lines do)")], vec!["chart:russia-by-category"]),
        ("a note outside the chart's years", mutated(|v| v["charts"][1]["notes"] = json!([{"id": "war", "from": 2014, "to": 2030, "label": "War"}])),
            vec![m("charts[1].notes[0] covers 2014-2030, outside the chart's years 2000-2021")], vec!["chart:arms-by-year"]),
        ("a note named like an annotation", mutated(|v| v["charts"][1]["notes"] = json!([{"id": "peak", "from": 2014, "label": "Top"}])),
            vec![m("charts[1].notes[0].id is \"peak\", an annotation stacked-bars charts draw already; choose another id")], vec!["chart:arms-by-year"]),
        // The first keeps its id and draws; the second is refused.
        ("two charts with one id", mutated(|v| { let copy = v["charts"][1].clone(); v["charts"].as_array_mut().unwrap().push(copy); }),
            vec![m("charts[11].id is \"arms-by-year\", as is an earlier chart's; ids must be unique")], vec![]),
        ("a chart id a page cannot name", mutated(|v| v["charts"][4]["id"] = json!("Claims!")),
            vec![m("charts[4].id is \"Claims!\"; an id is 1 to 40 of a-z, 0-9 and -"), m("words.describe.displacement-claims is not a word the engine uses"),
                m("editions.es.words.describe.displacement-claims is not a word the engine uses"), m("editions.es.charts.displacement-claims is not a chart the file declares")], vec!["chart:Claims!", "words", "editions"]),
        ("a share reference naming no part", mutated(|v| v["charts"][2]["data"]["references"][0]["names"] = json!(["Russian Federation"])),
            vec![m("charts[2].data.references[0].names names \"Russian Federation\", which is not a part")], vec!["chart:arms-shares"]),
        ("a timeline whose span leaves out its events", mutated(|v| v["charts"][6]["data"]["span"] = json!([2000, 2021])),
            vec![m("charts[6].data.span is 2000-2021; it must cover the series' years and every event")], vec!["chart:timeline"]),
        ("no charts at all", mutated(|v| v["charts"] = json!([])),
            vec![m("charts is empty; a story needs at least one chart")], vec!["charts"]),
    ]
}

/// serde_json's message for the real file cut in half (its line depends on the data).
fn truncated_message(text: &str) -> String {
    let e = serde_json::from_str::<Value>(&text[..text.len() / 2]).unwrap_err();
    assert!(e.is_eof());
    format!("is not valid JSON: {e}")
}

#[test]
fn each_malformed_file_gets_its_exact_message_and_the_rest_still_works() {
    let cases = cases();
    assert!(cases.len() >= 15);
    let mut wrong = Vec::new();
    for (name, text, want, _) in &cases {
        let (_, msgs, _) = load(text);
        if &msgs != want {
            wrong.push(format!("{name}:\n  got  {msgs:?}\n  want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    for (name, text, want, want_broken) in cases {
        let (d, msgs, broken) = load(&text);
        assert_eq!(msgs, want, "case: {name}");
        let mut want_broken: Vec<String> = want_broken.iter().map(|s| s.to_string()).collect();
        want_broken.sort();
        assert_eq!(broken, want_broken, "case: {name}");
        // Every chart draws: the broken ones explain, the others are whole.
        for (k, svg) in ids().iter().zip(draw_all(&d)) {
            // A chart the file no longer declares (its id changed) cannot be drawn, and says so.
            let id = k;
            if !d.charts.is_empty() && !d.charts.iter().any(|c| c.id == *id) && d.problem(&format!("chart:{id}")).is_none() {
                assert!(d.chart(k).unwrap_err().contains(&format!("no chart \"{id}\" is declared")), "case: {name}, chart {id}");
                assert!(svg.is_empty(), "case: {name}, chart {id}: the step names no chart");
                continue;
            }
            // In the story's words when they are whole; the problem itself, naming the file, always.
            let explains = svg.contains(FILE);
            assert_eq!(explains, d.chart(k).is_err(), "case: {name}, chart {}", k);
            if explains && d.problem("words").is_none() {
                assert!(svg.contains(d.words.get("chart.unavailable")), "case: {name}: the heading is the story's");
            }
        }
    }
}

#[test]
fn markup_in_labels_stays_text() {
    let evil = "<img src=x onerror=alert(1)>";
    let text = mutated(|v| {
        v["charts"][1]["data"]["series"][2]["name"] = json!(evil);
        v["charts"][2]["data"]["parts"][2]["name"] = json!(evil);
    });
    let (d, msgs, _) = load(&text);
    assert_eq!(msgs, Vec::<String>::new());
    for svg in draw_all(&d) {
        assert!(!svg.contains("<img"), "raw markup in the SVG");
    }
    let shares = &draw_all(&d)[2];
    assert!(shares.contains("&lt;img src=x onerror=alert(1)&gt;"), "the label is drawn, escaped");
}

#[test]
fn a_broken_highlight_section_does_not_block_the_step() {
    let text = mutated(|v| v["charts"][5]["data"]["x"] = json!("nope"));
    let (d, _, _) = load(&text);
    let spec = StepSpec::parse("s", Some("displacement-series"), Some("Venezuela"), false).unwrap();
    // Its names cannot be checked, but the step still resolves and draws its explanation.
    assert!(View::for_step(&spec, &d, "s").is_ok());
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)),
        any::<i64>().prop_map(|i| json!(i)),
        "[a-z_<>\"]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![Just("charts".to_string()), Just("x".to_string()), Just("values".to_string()), Just("measured".to_string()), "[a-z_]{1,8}"],
                inner,
                0..6
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A path into the real file and a replacement value: near-valid files reach the validator.
fn arb_mutation() -> impl Strategy<Value = (Vec<usize>, Value)> {
    (prop::collection::vec(0usize..64, 1..6), arb_json())
}

fn replace_at(v: &mut Value, path: &[usize], new: Value) {
    let Some((first, rest)) = path.split_first() else {
        *v = new;
        return;
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            let key = m.keys().nth(first % m.len()).unwrap().clone();
            replace_at(m.get_mut(&key).unwrap(), rest, new)
        }
        Value::Array(a) if !a.is_empty() => {
            let n = a.len();
            replace_at(&mut a[first % n], rest, new)
        }
        _ => *v = new,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let (d, errors) = Dataset::load_json(FILE, &text);
        let object = text.trim_start().starts_with('{');
        prop_assert!(!errors.is_empty() || object, "accepted {text:?}");
        draw_all(&d);
    }

    #[test]
    fn never_panics_on_arbitrary_json(v in arb_json()) {
        let (d, _) = Dataset::load_json(FILE, &v.to_string());
        draw_all(&d);
    }

    #[test]
    fn never_panics_on_a_mutated_real_file((path, new) in arb_mutation()) {
        let mut v = real();
        replace_at(&mut v, &path, new);
        let (d, errors) = Dataset::load_json(FILE, &v.to_string());
        // Any section the loader accepted draws; any it refused is explained.
        prop_assert!(d.broken.is_empty() || !errors.is_empty(), "a section broke without a message");
        draw_all(&d);
        for key in ["part.share:arms-shares:Russia", "series.value:displacement-series:VEN/refugees:2021|people", "verdict:russia-china-share", "value.list:items-not-shown", "claim.diff:russia-china-share:russia-share"] {
            let _ = lifeline::figures::figure(&d, key);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20000, ..ProptestConfig::default() })]

    /// `locale::fixed` writes what `format!("{:.*}")` writes (ties to even on the binary value),
    /// for any value a chart can show and the places a label uses.
    #[test]
    fn fixed_writes_as_core_does(v in -1e25f64..1e25, places in 0usize..=6) {
        prop_assert_eq!(lifeline::locale::fixed(v, places), format!("{v:.places$}"));
    }

    /// Round numbers and halves, where the rounding is decided.
    #[test]
    fn fixed_rounds_halves_as_core_does(k in 0u64..2_000_000, places in 0usize..=4, shift in 0u32..6) {
        let v = (k as f64 + 0.5) / 10f64.powi(shift as i32);
        prop_assert_eq!(lifeline::locale::fixed(v, places), format!("{v:.places$}"));
    }
}

#[test]
fn fixed_matches_core_at_the_edges() {
    for v in [0.0, -0.0, 0.25, 0.125, 2.5, 3.5, 0.375, 1.45, 2.675, -0.04, 0.05, 1e14 + 0.5, 999_999.95, f64::MIN_POSITIVE] {
        for places in 0..=4 {
            assert_eq!(lifeline::locale::fixed(v, places), format!("{v:.places$}"), "{v} to {places} places");
        }
    }
    assert_eq!(lifeline::locale::fixed(f64::NAN, 1), "NaN");
    assert_eq!(lifeline::locale::fixed(f64::NEG_INFINITY, 1), "-inf");
    assert_eq!(lifeline::locale::fixed(2e15, 1), "2000000000000000.0");
    for v in [1e-300, 5e-10, 1.5e-9, 123_456_789.123_456_79, 2f64.powi(60), 1e25, f64::from_bits(1)] {
        for places in [0, 2, 9] {
            assert_eq!(lifeline::locale::fixed(v, places), format!("{v:.places$}"), "{v} to {places} places");
        }
    }
}

/// An edition in a language the engine has no words or number formats for (French, today) must
/// give its own: its locale left out is named, as each word it lacks is.
#[test]
fn an_edition_the_engine_has_no_defaults_for_names_its_missing_locale() {
    let text = std::fs::read_to_string("www/data/lifeline.json").unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let mut fr = v["editions"]["es"].clone();
    fr.as_object_mut().unwrap().remove("locale");
    v["editions"]["fr"] = fr;
    let (_, errors) = lifeline::data::Dataset::load_json("x.json", &v.to_string());
    let said: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(said.contains(&"x.json: editions.fr.locale is missing".to_string()), "{said:#?}");
    // Spanish, which the engine has, may leave it out.
    assert!(!said.iter().any(|e| e.contains("editions.es.")), "{said:#?}");
}
