//! The reader's module draws from the story as `make dist` compiles it (src/drawn.rs), never from
//! the data file: these tests hold the two to the same pixels, marks and words, for every page
//! of every story and the fixture that uses every chart type, through the file's round trip.

use lifeline::charts::{self, DrawError, Mark};
use lifeline::compile::{compile, reader_words};
use lifeline::data::Dataset;
use lifeline::drawn::{digest, Drawn};
use lifeline::text::Measured;
use lifeline::view::{Layer, Transition, View};
use lifeline::wire::Wire;
use plotters::prelude::*;

/// (page, data file, language of the page's edition): the article, its Spanish edition, every
/// story under `stories/` (walked, so a new story is covered with no test edited) and the fixture.
fn pages() -> Vec<(String, String, Option<&'static str>)> {
    let s = |p: &str| p.to_string();
    let mut out = vec![(s("index.html"), s("www/data/lifeline.json"), None), (s("es/index.html"), s("www/data/lifeline.json"), Some("es"))];
    let mut dirs: Vec<_> = std::fs::read_dir("stories").into_iter().flatten().flatten().map(|e| e.path()).filter(|d| d.join("index.html").exists()).collect();
    dirs.sort();
    out.extend(dirs.iter().map(|d| (d.join("index.html").display().to_string(), d.join("data.json").display().to_string(), None)));
    out.push((s("tests/fixtures/story/index.html"), s("tests/fixtures/story/data.json"), None));
    out
}

fn story(page: &str, file: &str, lang: Option<&str>) -> (Dataset, Vec<View>) {
    let html = std::fs::read_to_string(page).unwrap();
    let text = std::fs::read_to_string(file).unwrap();
    let mut data = Dataset::from_json(file, &text).unwrap();
    if let Some(lang) = lang {
        data = data.in_language(lang);
    }
    let views = lifeline::prerender::views(&html, &data).unwrap();
    (data, views)
}

/// The compiled story as the reader's module gets it: written as the build writes it (`Drawn::to_bytes`),
/// read back.
fn round_trip(data: &Dataset, views: &[View]) -> Drawn {
    let mut drawn = compile(data, views, "00000000");
    drawn.words = reader_words(&drawn.words);
    Drawn::from_bytes(&drawn.to_bytes()).unwrap()
}

type Drawing = (String, Result<Vec<Mark>, DrawError>);

fn draw(size: (u32, u32), f: impl FnOnce(&DrawingArea<Measured<SVGBackend>, plotters::coord::Shift>) -> Result<Vec<Mark>, DrawError>) -> Drawing {
    let mut out = String::new();
    let marks = {
        let area = Measured(SVGBackend::with_string(&mut out, size)).into_drawing_area();
        let marks = f(&area);
        area.present().unwrap();
        marks
    };
    (out, marks)
}

#[test]
fn every_frame_of_every_story_draws_the_same_from_the_compiled_file() {
    for (page, file, lang) in pages() {
        let (page, file) = (page.as_str(), file.as_str());
        let (data, views) = story(page, file, lang);
        let drawn = round_trip(&data, &views);
        assert_eq!(drawn.steps.len(), views.len(), "{page}");
        let mut frames = 0;
        for (i, view) in views.iter().enumerate() {
            // The step settled, and half-way from the step before (a frame of its transition).
            let mut all = vec![vec![Layer { view: view.clone(), opacity: 1.0 }]];
            if i > 0 {
                all.push(Transition { from: views[i - 1].clone(), to: view.clone() }.frame(0.5));
            }
            for layers in &all {
                for (size, dark) in [((720, 560), false), ((340, 420), true)] {
                    let from_data = draw(size, |a| charts::draw_frame_marks(a, &data.cx(), &data.scenes(layers), &data.chart_theme(dark, 1.0)));
                    let from_drawn = draw(size, |a| charts::draw_frame_marks(a, &drawn.cx(), &drawn.scenes(layers), &drawn.chart_theme(dark, 1.0)));
                    assert_eq!(from_data, from_drawn, "{page}, step {i} ({}), {size:?}", view.chart);
                    frames += 1;
                }
            }
        }
        assert!(frames >= 4 * views.len() - 2, "{page}: {frames} frames");
    }
}

#[test]
fn each_step_says_what_the_checker_would_say() {
    for (page, file, lang) in pages() {
        let (page, file) = (page.as_str(), file.as_str());
        let (data, views) = story(page, file, lang);
        let drawn = round_trip(&data, &views);
        for (i, view) in views.iter().enumerate() {
            let step = &drawn.steps[i];
            assert_eq!(step.label, charts::label(&data.cx(), &data.scene(view)), "{page}, step {i}");
            assert_eq!(step.description, lifeline::access::describe(&data, view), "{page}, step {i}");
            for prev in [None, Some(0), i.checked_sub(1)] {
                let said = lifeline::access::announcement(&data, prev.map(|p| &views[p]), view);
                assert_eq!(drawn.announcement(prev, i), said, "{page}: from step {prev:?} to {i}");
            }
        }
    }
}

#[test]
fn the_compiled_file_keeps_only_what_the_reader_uses() {
    let (data, views) = story("index.html", "www/data/lifeline.json", None);
    let drawn = round_trip(&data, &views);
    assert!(drawn.words.0.keys().all(|k| !k.starts_with("problem.") && !k.starts_with("describe.")));
    assert!(drawn.words.0.contains_key("source"), "the drawing's own words are kept");
    // Only the charts the steps show, each once.
    let mut ids: Vec<&str> = views.iter().map(|v| v.chart.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(drawn.charts.len(), ids.len());
    assert!(drawn.unavailable.is_empty());
}

#[test]
fn the_digest_is_fnv1a_over_the_bytes() {
    // The published FNV-1a (32-bit) test values; www/lifeline.js computes the same.
    assert_eq!(digest(b""), "811c9dc5");
    assert_eq!(digest(b"a"), "e40c292c");
    assert_eq!(digest(b"foobar"), "bf9cf968");
    assert_ne!(digest("año".as_bytes()), digest("ano".as_bytes()));
}

/// A compiled story cut short, padded, or with a byte changed is refused with the byte where it
/// stopped making sense, never a panic or a story read wrong without saying so (the page then
/// starts the checker on the data file, which says what is wrong with it).
#[test]
fn a_damaged_compiled_story_is_refused() {
    let (data, views) = story("index.html", "www/data/lifeline.json", None);
    let mut drawn = compile(&data, &views, "00000000");
    drawn.words = reader_words(&drawn.words);
    let bytes = drawn.to_bytes();
    assert!(Drawn::from_bytes(&bytes).is_ok());
    // Every cut, coarsely (each is a full read).
    for cut in (0..bytes.len()).step_by(97) {
        let e = Drawn::from_bytes(&bytes[..cut]).expect_err("a cut file reads");
        assert!(e.starts_with("unreadable at byte "), "{e}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(Drawn::from_bytes(&longer).unwrap_err(), format!("unreadable at byte {}", bytes.len()));
    // A chart type that does not exist: the first chart's type name, its first byte changed.
    // The name follows the digest, the count of charts and the chart's fields before its body.
    let c = &drawn.charts[0];
    let mut before = Vec::new();
    drawn.digest.put(&mut before);
    lifeline::wire::put_len(drawn.charts.len(), &mut before);
    for field in [&c.id, &c.title, &c.subtitle, &c.units] {
        field.put(&mut before);
    }
    c.source.put(&mut before);
    let at = before.len() + 1;
    assert_eq!(&bytes[at..at + c.body.type_name().len()], c.body.type_name().as_bytes());
    let mut unknown = bytes.clone();
    unknown[at] = b'#';
    assert!(Drawn::from_bytes(&unknown).is_err());
    // A length far past the end: refused without reserving it.
    assert!(Drawn::from_bytes(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]).is_err());
}
