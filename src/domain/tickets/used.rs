//! Tickets already used: the feed's per-batch bitmaps (`used` section) and the lookup
//! trait the verifier consults. Format and size trade-off: `docs/feed-tickets.md`.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::tickets::ticket::{BatchId, Serial};

/// Most tickets one batch can hold (indices are u16).
pub const MAX_BATCH_COUNT: u32 = 65_536;

/// Who says a ticket is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsedBy {
    /// The city's feed lists it as settled.
    Feed,
    /// This device already redeemed it (the shop's own ledger).
    LocalRedemption,
}

/// Something that knows used tickets. The verifier asks every source it is given.
pub trait UsedLookup {
    fn used(&self, serial: Serial) -> Option<UsedBy>;
}

/// No ticket is known to be used.
#[derive(Debug, Clone, Copy, Default)]
pub struct NothingUsed;

impl UsedLookup for NothingUsed {
    fn used(&self, _: Serial) -> Option<UsedBy> {
        None
    }
}

/// A local redemption ledger given as a set of serials.
impl UsedLookup for BTreeSet<Serial> {
    fn used(&self, serial: Serial) -> Option<UsedBy> {
        self.contains(&serial).then_some(UsedBy::LocalRedemption)
    }
}

impl UsedLookup for HashSet<Serial> {
    fn used(&self, serial: Serial) -> Option<UsedBy> {
        self.contains(&serial).then_some(UsedBy::LocalRedemption)
    }
}

/// Several sources, asked in order (e.g. `AnyOf(&[&ledger, &feed_used])`).
pub struct AnyOf<'a>(pub &'a [&'a dyn UsedLookup]);

impl UsedLookup for AnyOf<'_> {
    fn used(&self, serial: Serial) -> Option<UsedBy> {
        self.0.iter().find_map(|source| source.used(serial))
    }
}

/// Feed JSON: one element of the `used` array.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsedBatchDto {
    pub batch: u32,
    /// Number of indices the bitmap covers (1..=65,536).
    pub count: u32,
    /// base64url (no padding) of `ceil(count / 8)` bytes; bit i = index i, LSB first.
    pub bits: String,
}

/// Why the feed's `used` section was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum UsedError {
    #[error("used[{0}].count: must be 1..=65536")]
    BadCount(usize),
    #[error("used[{0}].bits: not base64url without padding")]
    BadBase64(usize),
    #[error("used[{at}].bits: {found} bytes, expected {expected} for count")]
    BadBitsLength {
        at: usize,
        expected: usize,
        found: usize,
    },
    #[error("used[{0}].bits: bits set beyond count")]
    BitsBeyondCount(usize),
    #[error("used[{at}].batch: batch {batch} listed twice")]
    DuplicateBatch { at: usize, batch: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Bitmap {
    count: u32,
    bits: Vec<u8>,
}

impl Bitmap {
    fn get(&self, index: u16) -> bool {
        let i = usize::from(index);
        u32::from(index) < self.count
            && self
                .bits
                .get(i / 8)
                .is_some_and(|b| b & (1 << (i % 8)) != 0)
    }
}

/// Used serials, one bitmap per batch. Also the office's builder: [`UsedSet::mark`] then
/// [`UsedSet::to_dto`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UsedSet {
    batches: BTreeMap<BatchId, Bitmap>,
}

impl UsedSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Parses the feed's `used` array.
    pub fn from_dto(dto: &[UsedBatchDto]) -> Result<Self, UsedError> {
        let mut batches = BTreeMap::new();
        for (at, b) in dto.iter().enumerate() {
            if b.count == 0 || b.count > MAX_BATCH_COUNT {
                return Err(UsedError::BadCount(at));
            }
            let bits = URL_SAFE_NO_PAD
                .decode(&b.bits)
                .map_err(|_| UsedError::BadBase64(at))?;
            let expected = usize::try_from(b.count.div_ceil(8)).unwrap_or(usize::MAX);
            if bits.len() != expected {
                return Err(UsedError::BadBitsLength {
                    at,
                    expected,
                    found: bits.len(),
                });
            }
            let tail = b.count % 8;
            if tail != 0 && bits.last().is_some_and(|last| last >> tail != 0) {
                return Err(UsedError::BitsBeyondCount(at));
            }
            let bitmap = Bitmap {
                count: b.count,
                bits,
            };
            if batches.insert(BatchId(b.batch), bitmap).is_some() {
                return Err(UsedError::DuplicateBatch { at, batch: b.batch });
            }
        }
        Ok(Self { batches })
    }

    pub fn is_used(&self, serial: Serial) -> bool {
        self.batches
            .get(&serial.batch)
            .is_some_and(|b| b.get(serial.index))
    }

    /// Marks a serial used; a batch's bitmap grows to cover the highest marked index.
    pub fn mark(&mut self, serial: Serial) {
        let i = usize::from(serial.index);
        let bitmap = self.batches.entry(serial.batch).or_insert(Bitmap {
            count: 0,
            bits: Vec::new(),
        });
        bitmap.count = bitmap.count.max(u32::from(serial.index) + 1);
        if bitmap.bits.len() <= i / 8 {
            bitmap.bits.resize(i / 8 + 1, 0);
        }
        bitmap.bits[i / 8] |= 1 << (i % 8);
    }

    /// Drops a whole batch (all its tickets expired: expiry already rejects them).
    pub fn drop_batch(&mut self, batch: BatchId) {
        self.batches.remove(&batch);
    }

    /// Number of used serials.
    pub fn len(&self) -> usize {
        self.batches
            .values()
            .map(|b| {
                b.bits
                    .iter()
                    .map(|x| x.count_ones() as usize)
                    .sum::<usize>()
            })
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// All used serials in order.
    pub fn serials(&self) -> impl Iterator<Item = Serial> + '_ {
        self.batches.iter().flat_map(|(batch, b)| {
            (0..b.count).filter_map(move |i| {
                let index = u16::try_from(i).ok()?;
                b.get(index).then_some(Serial {
                    batch: *batch,
                    index,
                })
            })
        })
    }

    /// The feed's `used` array, batches in ascending order.
    pub fn to_dto(&self) -> Vec<UsedBatchDto> {
        self.batches
            .iter()
            .map(|(batch, b)| UsedBatchDto {
                batch: batch.0,
                count: b.count,
                bits: URL_SAFE_NO_PAD.encode(&b.bits),
            })
            .collect()
    }
}

impl UsedLookup for UsedSet {
    fn used(&self, serial: Serial) -> Option<UsedBy> {
        self.is_used(serial).then_some(UsedBy::Feed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn dto(batch: u32, count: u32, bits: &[u8]) -> UsedBatchDto {
        UsedBatchDto {
            batch,
            count,
            bits: URL_SAFE_NO_PAD.encode(bits),
        }
    }

    #[test]
    fn bit_order_is_lsb_first() {
        // byte 0 = 0b0000_1000 → index 3; byte 1 = 0b0000_0001 → index 8.
        let set = UsedSet::from_dto(&[dto(202612, 10, &[0b0000_1000, 0b0000_0001])]).unwrap();
        let used: Vec<u16> = (0..10)
            .filter(|&i| set.is_used(Serial::new(202612, i)))
            .collect();
        assert_eq!(used, vec![3, 8]);
        assert!(!set.is_used(Serial::new(202611, 3)), "other batch");
        assert!(!set.is_used(Serial::new(202612, 60000)), "beyond count");
        assert_eq!(set.used(Serial::new(202612, 3)), Some(UsedBy::Feed));
    }

    #[test]
    fn invalid_sections_are_refused() {
        let cases = [
            (vec![dto(1, 0, &[])], UsedError::BadCount(0)),
            (vec![dto(1, 65_537, &[0; 8193])], UsedError::BadCount(0)),
            (
                vec![dto(1, 9, &[0])],
                UsedError::BadBitsLength {
                    at: 0,
                    expected: 2,
                    found: 1,
                },
            ),
            (
                vec![dto(1, 8, &[0]), dto(2, 8, &[0, 0])],
                UsedError::BadBitsLength {
                    at: 1,
                    expected: 1,
                    found: 2,
                },
            ),
            (vec![dto(1, 9, &[0, 0b10])], UsedError::BitsBeyondCount(0)),
            (
                vec![dto(5, 8, &[0]), dto(5, 8, &[1])],
                UsedError::DuplicateBatch { at: 1, batch: 5 },
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(UsedSet::from_dto(&input), Err(expected));
        }
        let bad_b64 = UsedBatchDto {
            batch: 1,
            count: 8,
            bits: "A=".into(),
        };
        assert_eq!(UsedSet::from_dto(&[bad_b64]), Err(UsedError::BadBase64(0)));
    }

    #[test]
    fn any_of_asks_each_source() {
        let mut feed = UsedSet::new();
        feed.mark(Serial::new(1, 1));
        let ledger = BTreeSet::from([Serial::new(1, 2)]);
        let both = AnyOf(&[&ledger, &feed]);
        assert_eq!(both.used(Serial::new(1, 1)), Some(UsedBy::Feed));
        assert_eq!(both.used(Serial::new(1, 2)), Some(UsedBy::LocalRedemption));
        assert_eq!(both.used(Serial::new(1, 3)), None);
    }

    #[test]
    fn a_full_batch_of_54000_is_6750_bytes() {
        let mut set = UsedSet::new();
        set.mark(Serial::new(202612, 53_999));
        let json = serde_json::to_string(&set.to_dto()).unwrap();
        assert_eq!(set.to_dto()[0].count, 54_000);
        // 6,750 bytes → 9,000 base64 characters + a few bytes of JSON.
        assert!(json.len() < 9_060, "{}", json.len());
    }

    proptest! {
        #[test]
        fn builder_round_trips(marks in proptest::collection::btree_set((0u32..3, any::<u16>()), 0..50)) {
            let mut set = UsedSet::new();
            for &(b, i) in &marks {
                set.mark(Serial::new(b, i));
            }
            let back = UsedSet::from_dto(&set.to_dto()).unwrap();
            prop_assert_eq!(&back, &set);
            let expected: Vec<Serial> = marks.iter().map(|&(b, i)| Serial::new(b, i)).collect();
            prop_assert_eq!(back.serials().collect::<Vec<_>>(), expected);
            prop_assert_eq!(back.len(), marks.len());
        }
    }
}
