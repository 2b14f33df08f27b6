//! Two copies of one wallet made one (another tab, a backup): no ticket is dropped and each keeps its most advanced state.

use super::*;

/// Rank of a state in conflicts: Unused 0 < Given 1 < Used 2.
pub(super) fn rank(state: &EntryState) -> u8 {
    state.rank()
}

pub(super) fn action_time(state: &EntryState) -> Option<DateTime<Utc>> {
    match state {
        EntryState::Unused => None,
        EntryState::Given { at, .. } | EntryState::Used { at, .. } | EntryState::Moved { at } => {
            Some(*at)
        }
    }
}

/// The one entry kept when both sides hold the same ticket. Rule (documented in
/// `docs/storage.md` and `docs/ticket-format.md`): a Used side wins (a spent ticket stays
/// spent); otherwise the side with more take-backs wins (the holder took a given ticket
/// back after the other side's copy was written); otherwise the more advanced state wins
/// (Given > Unused: a ticket given in one tab stays given); between two Given or two
/// Used, the earlier action wins (it happened first); on an exact tie, `a`'s.
/// `received_at` is the earlier of the two, and `source` comes with it; `take_backs` is
/// the larger.
pub(super) fn merge_pair(a: &WalletEntry, b: &WalletEntry) -> WalletEntry {
    let used = |e: &WalletEntry| matches!(e.state, EntryState::Used { .. });
    let by_take_backs = if used(a) || used(b) {
        std::cmp::Ordering::Equal
    } else {
        a.take_backs.cmp(&b.take_backs)
    };
    let order = by_take_backs.then_with(|| rank(&a.state).cmp(&rank(&b.state)));
    let state = match order {
        std::cmp::Ordering::Greater => a.state.clone(),
        std::cmp::Ordering::Less => b.state.clone(),
        std::cmp::Ordering::Equal => {
            if action_time(&b.state) < action_time(&a.state) {
                b.state.clone()
            } else {
                a.state.clone()
            }
        }
    };
    let first = if b.received_at < a.received_at { b } else { a };
    WalletEntry {
        ticket: a.ticket.clone(),
        received_at: first.received_at,
        source: first.source.clone(),
        state,
        take_backs: a.take_backs.max(b.take_backs),
    }
}

/// Merge on save: what is stored now (possibly written by another tab) with what this
/// tab holds in memory. The result is the union by [`TicketId`] (no ticket on either
/// side is ever dropped; the wallet has no "delete"), and a ticket on both sides follows
/// [the conflict rule](merge_pair) with `stored` first on an exact tie. The app saves
/// `merge(&stored, &in_memory)` and shows the result.
/// The wallet id is the stored one if there is one (the first tab to write a file set
/// it), else ours.
pub fn merge(stored: &Wallet, in_memory: &Wallet) -> Wallet {
    let mut out = stored.clone();
    out.id = stored.id.or(in_memory.id);
    for (id, mine) in &in_memory.entries {
        let merged = match out.entries.get(id) {
            Some(theirs) => merge_pair(theirs, mine),
            None => mine.clone(),
        };
        out.entries.insert(*id, merged);
    }
    out
}

impl Wallet {
    pub(super) fn merge_entry(&mut self, incoming: WalletEntry, report: &mut MergeReport) {
        let incoming = incoming.normalised();
        match self.entries.get_mut(&incoming.id()) {
            None => {
                self.entries.insert(incoming.id(), incoming);
                report.added += 1;
            }
            Some(mine) => {
                let merged = merge_pair(mine, &incoming);
                if merged.state == mine.state {
                    report.unchanged += 1;
                } else {
                    report.advanced += 1;
                }
                *mine = merged;
            }
        }
    }

    /// Merges another wallet (e.g. a backup): no duplicates; for a ticket in both, the
    /// rule of [`merge`] (more advanced state wins; between equal states the earlier
    /// action; on an exact tie this wallet's) and the earlier `received_at` is kept.
    pub fn merge(&mut self, other: Wallet) -> MergeReport {
        let mut report = MergeReport::default();
        for (_, entry) in other.entries {
            self.merge_entry(entry, &mut report);
        }
        report
    }
}
