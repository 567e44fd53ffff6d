//! The record of events (`events` in the data file, from data/events.csv): `make check-data`
//! refuses an event with fewer than two reports, a report without outlet, date or link, and
//! anything dated after the page's as-of date.

use lifeline::data::Dataset;
use serde_json::{json, Value};

fn data() -> Value {
    serde_json::from_str(&std::fs::read_to_string("www/data/lifeline.json").unwrap()).unwrap()
}

/// The problems `make check-data` prints for the data file after `edit`.
fn problems(edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let mut d = data();
    edit(&mut d);
    let (_, errors) = Dataset::load_json("lifeline.json", &d.to_string());
    errors.iter().map(|e| e.to_string()).collect()
}

fn event<'a>(d: &'a mut Value, id: &str) -> &'a mut Value {
    d["events"]["items"].as_array_mut().unwrap().iter_mut().find(|e| e["id"] == id).unwrap()
}

#[test]
fn the_record_as_derived_is_valid_and_dated() {
    assert_eq!(problems(|_| {}), Vec::<String>::new());
    let d = data();
    let items = d["events"]["items"].as_array().unwrap();
    assert!(items.len() >= 10, "{} events", items.len());
    for id in ["treaty-signed", "us-seizes-maduro", "rodriguez-sworn-in", "election-2024"] {
        assert!(items.iter().any(|e| e["id"] == id), "{id} is not in the record");
    }
    // In date order, each with two reports or more.
    let dates: Vec<&str> = items.iter().map(|e| e["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]));
    assert!(items.iter().all(|e| e["sources"].as_array().unwrap().len() >= 2));
}

#[test]
fn an_event_with_one_report_is_refused() {
    let p = problems(|d| {
        event(d, "treaty-signed")["sources"].as_array_mut().unwrap().truncate(1);
    });
    assert!(p.iter().any(|p| p.contains("(\"treaty-signed\").sources has 1; an event needs reports from at least two independent outlets")), "{p:?}");
}

#[test]
fn two_reports_from_one_outlet_are_one() {
    let p = problems(|d| {
        let e = event(d, "treaty-signed");
        let first = e["sources"][0]["outlet"].clone();
        e["sources"][1]["outlet"] = first;
    });
    assert!(p.iter().any(|p| p.contains("is named twice; the two reports must come from different outlets")), "{p:?}");
}

#[test]
fn a_report_without_outlet_date_or_link_is_refused() {
    for field in ["outlet", "published", "url", "headline"] {
        let p = problems(|d| {
            event(d, "us-seizes-maduro")["sources"][1][field] = json!("");
        });
        assert!(p.iter().any(|p| p.contains(&format!("(\"us-seizes-maduro\").sources[1].{field} is missing"))), "{field}: {p:?}");
    }
    let p = problems(|d| {
        event(d, "us-seizes-maduro")["sources"][0]["url"] = json!("skynews/article");
    });
    assert!(p.iter().any(|p| p.contains("is not a web address")), "{p:?}");
}

#[test]
fn nothing_is_dated_after_the_as_of_date() {
    let p = problems(|d| {
        let as_of = d["events"]["as_of"].as_str().unwrap().to_string();
        let next_year = format!("{}{}", as_of[..4].parse::<u16>().unwrap() + 1, &as_of[4..]);
        event(d, "relations-restored")["date"] = json!(next_year);
        event(d, "treaty-signed")["sources"][0]["published"] = json!(next_year);
    });
    assert!(p.iter().any(|p| p.contains("(\"relations-restored\").date ") && p.contains("is after the page's as-of date")), "{p:?}");
    assert!(p.iter().any(|p| p.contains("(\"treaty-signed\").sources[0].published ") && p.contains("is after the page's as-of date")), "{p:?}");
    let p = problems(|d| {
        event(d, "election-2024")["date"] = json!("2024-02-30");
    });
    assert!(p.iter().any(|p| p.contains("\"2024-02-30\" is not a date")), "{p:?}");
}

#[test]
fn a_date_in_the_prose_must_be_an_events_and_read_as_it() {
    let d = data();
    let record = lifeline::events::Record::from_value(&d["events"]).unwrap();
    let as_of = record.as_of.clone();
    let page = |body: &str| format!("<div data-lifeline>{body}</div>");
    // Right: a date the record holds, shown whole or as its day and month.
    let ok = page(&format!(
        "<time datetime=\"2026-01-03\">3 January 2026</time> <time datetime=\"2026-01-05\">5 January</time> <time datetime=\"{as_of}\" data-as-of>then</time>"
    ));
    assert_eq!(lifeline::prerender::check_dates(&ok, &record), Vec::<String>::new());
    // Wrong: a date no event has, a date shown as another, an as-of date that is not the record's.
    let bad = page(
        "<time datetime=\"2026-01-10\">10 January</time> <time datetime=\"2026-01-05\">3 January</time> <time datetime=\"2026-12-06\" data-as-of>now</time>",
    );
    let p = lifeline::prerender::check_dates(&bad, &record);
    assert!(p.iter().any(|p| p.contains("no event in the data file's record is dated 2026-01-10")), "{p:?}");
    assert!(p.iter().any(|p| p.contains(">3 January</time>: shows another date than 2026-01-05")), "{p:?}");
    assert!(p.iter().any(|p| p.contains("data-as-of>: the data file's events are as of")), "{p:?}");
    // A Spanish page reads the record's Spanish dates.
    let es = "<div data-lifeline data-lang=\"es\"><time datetime=\"2026-01-05\">5 de enero</time></div>";
    assert_eq!(lifeline::prerender::check_dates(es, &record), Vec::<String>::new());
}
