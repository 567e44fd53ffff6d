//! The story in another language: an edition's words, locale and texts put over the file's own.

use super::Dataset;
use crate::charts::Body;

impl Dataset {
    /// The story in language `lang`: the edition's words, locale and texts over the same
    /// figures. A language the file has no edition for gives the file's own.
    pub fn in_language(self, lang: &str) -> Dataset {
        // Taken by value, not cloned: a clone of every chart would cost the .wasm its code.
        let mut d = self;
        let Some(e) = d.editions.remove(lang) else { return d };
        d.editions.clear();
        d.words = e.words;
        d.locale = e.locale.unwrap_or_default();
        for c in d.charts.iter_mut() {
            let Some(t) = e.charts.get(&c.id) else { continue };
            c.title = t.title.clone();
            if !t.subtitle.is_empty() {
                c.subtitle = t.subtitle.clone();
            }
            if !t.units.is_empty() {
                c.units = t.units.clone();
            }
            for (to, from) in [
                (&mut c.source.publisher, &t.publisher),
                (&mut c.source.dataset, &t.dataset),
                (&mut c.source.vintage, &t.vintage),
                (&mut c.source.note, &t.note),
            ] {
                if !from.is_empty() {
                    *to = from.clone();
                }
            }
            for n in c.notes.iter_mut() {
                if let Some(l) = t.notes.get(&n.id) {
                    n.label = l.clone();
                }
            }
            if let Body::Timeline(tl) = &mut c.body {
                for ev in tl.events.iter_mut() {
                    if let Some(x) = t.events.get(&ev.id) {
                        ev.label = x.label.clone();
                        ev.when = x.when.clone();
                    }
                }
            }
        }
        for v in d.values.iter_mut() {
            if let Some(w) = e.values.get(&v.id) {
                v.words = w.clone();
            }
        }
        d
    }
}
