//! A stable insertion sort for the short lists of the self-checks (bands, votes, results).
//!
//! Why not `slice::sort_by_key`: each use of the standard stable sort instantiates its
//! driftsort/quicksort machinery for that element type (~6 KB of WebAssembly each); these
//! lists hold a few dozen items at most (history: [`crate::domain::checks::answers::MAX_RECORDS`]),
//! so a few lines of insertion sort do the same job in a fraction of the code.

/// Sorts `v` by `key`, keeping the order of equal keys (stable). O(n²) comparisons in the
/// worst case: meant for short lists.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
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
    }

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut seed = 7u32;
        let mut v: Vec<(u32, usize)> = (0..200)
            .map(|i| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((seed >> 16) % 13, i)
            })
            .collect();
        let mut expected = v.clone();
        expected.sort_by_key(|x| x.0);
        sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, expected);
    }
}
