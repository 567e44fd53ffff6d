//! A small map from names to values, kept sorted in one `Vec`: what the data file's objects
//! (words, colours, translations, broken sections) are read into.
//!
//! Why not `BTreeMap`: every value type of a `BTreeMap` brings its own copy of the B-tree's
//! insert, search, navigation and drop code into the .wasm (about 6 KB each, by twiggy, for
//! six value types). These maps hold tens to a few hundred names, read once and then looked
//! up, so a sorted `Vec` with binary search does the same job with a few hundred bytes per type.
//! Iteration is in key order, as with `BTreeMap`, so messages and tables come out the same.

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

#[derive(Debug, Clone, PartialEq)]
pub struct Map<V>(Vec<(String, V)>);

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<V> Map<V> {
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`; returns the value it replaces, as `BTreeMap::insert` does.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Sets `key` only when it is not there yet (the first problem of a section is kept).
    pub fn insert_if_absent(&mut self, key: String, value: impl FnOnce() -> V) {
        if let Err(i) = self.find(&key) {
            self.0.insert(i, (key, value()));
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    pub fn clear(&mut self) {
        self.0.clear()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// The entries, in key order, taken.
    pub fn into_entries(self) -> impl Iterator<Item = (String, V)> {
        self.0.into_iter()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&String, &mut V)> {
        self.0.iter_mut().map(|(k, v)| (&*k, v))
    }

    /// The entries from the first key at or after `start` (after it, if not `inclusive`), in
    /// key order: a prefix's entries are a run of them.
    pub fn from_key(&self, start: &str, inclusive: bool) -> impl Iterator<Item = (&String, &V)> {
        let i = self.0.partition_point(|(k, _)| if inclusive { k.as_str() < start } else { k.as_str() <= start });
        self.0[i..].iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (String, V)>, fn(&'a (String, V)) -> (&'a String, &'a V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut m = Map::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Map<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entries<V>(PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for Entries<V> {
            type Value = Map<V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Map<V>, A::Error> {
                let mut m = Map::new();
                // A name given twice keeps its last value, as JSON parsers and `BTreeMap` do.
                while let Some((k, v)) = a.next_entry::<String, V>()? {
                    m.insert(k, v);
                }
                Ok(m)
            }
        }
        d.deserialize_map(Entries(PhantomData))
    }
}

/// In the compiled story (crate::wire): the entries as they are, already in key order.
impl<V: crate::wire::Wire> crate::wire::Wire for Map<V> {
    fn put(&self, out: &mut Vec<u8>) {
        self.0.put(out);
    }
    fn take(r: &mut crate::wire::Reader) -> Self {
        Map(crate::wire::Wire::take(r))
    }
}
