//! Stable sorting with one copy of the sorting code per page.
//!
//! Why not `slice::sort_by_key` directly: each use of the standard stable sort instantiates
//! its driftsort/quicksort machinery for that element type and comparison (~4–6 KB of
//! WebAssembly each; `c.html` carried seven, `w.html` five). Here every caller shares one
//! instance: the standard sort runs once, on the positions `0..len` compared through a
//! `&dyn Fn` (the one concrete closure type it is instantiated for), and the slice is then
//! put in that order by swaps. Same result as the standard stable sort (tested below), same
//! O(n log n) comparisons, plus two `usize` per item of scratch space.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The items as a set, inserted one by one. `collect()` into a `BTreeSet` sorts them first
/// with the standard stable sort (one more instance of it per element type, see above);
/// the set is the same.
pub fn btree_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// The pairs as a map, inserted one by one (a later pair with the same key wins, as with
/// `collect()`, which would sort them first: see [`btree_set`]).
pub fn btree_map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (key, value) in pairs {
        map.insert(key, value);
    }
    map
}

/// Sorts `v` by `key`, keeping the order of equal keys (stable), like
/// `slice::sort_by_key`. `key` is called twice per comparison: keep it cheap.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` by `compare`, keeping the order of equal items (stable), like
/// `slice::sort_by`.
pub fn sort_by<T>(v: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(v.len(), &|a, b| compare(&v[a], &v[b]));
    // `order[k]` is the position of the item that belongs at `k`; `dest[i]` is where the
    // item now at `i` belongs. Each swap puts one item in its place.
    let mut dest = vec![0; order.len()];
    for (k, &from) in order.iter().enumerate() {
        dest[from] = k;
    }
    for i in 0..v.len() {
        while dest[i] != i {
            let d = dest[i];
            v.swap(i, d);
            dest.swap(i, d);
        }
    }
}

/// The positions `0..len` in the stable order `compare` gives them: the one place the
/// standard sort is instantiated.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_equal_keys_in_order() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, vec![(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: Vec<i32> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
        let mut one = vec![5];
        sort_by(&mut one, |a, b| b.cmp(a));
        assert_eq!(one, vec![5]);
    }

    #[test]
    fn sets_and_maps_are_those_collect_makes() {
        let pairs = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd')];
        assert_eq!(
            btree_map(pairs.clone()),
            pairs.iter().copied().collect::<BTreeMap<_, _>>()
        );
        assert_eq!(btree_map(pairs.clone())[&3], 'c');
        let keys = pairs.iter().map(|p| p.0);
        assert_eq!(btree_set(keys.clone()), keys.collect::<BTreeSet<_>>());
    }

    proptest::proptest! {
        /// The same order as the standard stable sort, for any list (items carry their
        /// first position, so a lost or repeated item or an unstable tie would show).
        #[test]
        fn agrees_with_the_standard_stable_sort(keys in proptest::collection::vec(0u8..12, 0..300)) {
            let v: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut expected = v.clone();
            expected.sort_by_key(|x| x.0);
            let mut by_key = v.clone();
            sort_by_key(&mut by_key, |x| x.0);
            proptest::prop_assert_eq!(&by_key, &expected);
            let mut expected_desc = v.clone();
            expected_desc.sort_by_key(|x| std::cmp::Reverse(x.0));
            let mut by = v;
            sort_by(&mut by, |a, b| b.0.cmp(&a.0));
            proptest::prop_assert_eq!(by, expected_desc);
        }
    }
}
