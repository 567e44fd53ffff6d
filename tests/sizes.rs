//! The pieces that keep bytes out of the .wasm must do exactly what they replace: `map::Map`
//! against `BTreeMap`.

use lifeline::map::Map;
use proptest::prelude::*;
use std::collections::BTreeMap;

proptest! {
    #[test]
    fn map_behaves_as_btreemap(ops in proptest::collection::vec((0u8..3, "[a-e]{1,2}", 0u32..100), 0..60)) {
        let mut m = Map::new();
        let mut b = BTreeMap::new();
        for (op, k, v) in ops {
            match op {
                0 => prop_assert_eq!(m.insert(k.clone(), v), b.insert(k, v)),
                1 => prop_assert_eq!(m.remove(&k), b.remove(&k)),
                _ => {
                    m.insert_if_absent(k.clone(), || v);
                    b.entry(k).or_insert(v);
                }
            }
        }
        prop_assert_eq!(m.iter().map(|(k, v)| (k.clone(), *v)).collect::<Vec<_>>(), b.iter().map(|(k, v)| (k.clone(), *v)).collect::<Vec<_>>());
        for k in ["a", "b", "cc", "e", "z"] {
            prop_assert_eq!(m.get(k), b.get(k));
            prop_assert_eq!(m.contains_key(k), b.contains_key(k));
        }
        let from: Vec<_> = m.from_key("b", true).map(|(k, _)| k.clone()).collect();
        let want: Vec<_> = b.range::<str, _>((std::ops::Bound::Included("b"), std::ops::Bound::Unbounded)).map(|(k, _)| k.clone()).collect();
        prop_assert_eq!(from, want);
        let after: Vec<_> = m.from_key("b", false).map(|(k, _)| k.clone()).collect();
        let want: Vec<_> = b.range::<str, _>((std::ops::Bound::Excluded("b"), std::ops::Bound::Unbounded)).map(|(k, _)| k.clone()).collect();
        prop_assert_eq!(after, want);
    }
}
