//! What the wallet holds at a glance: its lists, the balance and the summary on a day, under the used data in force.

use super::*;

impl Wallet {
    /// Entries sorted soonest expiry first, then by serial.
    pub fn entries_by_expiry(&self) -> Vec<&WalletEntry> {
        let mut list: Vec<&WalletEntry> = self.entries.values().collect();
        crate::domain::shared::small_sort::sort_by_key(&mut list, |e| {
            (e.ticket.body().valid_until(), e.id())
        });
        list
    }

    /// The entries in the wallet's four lists, indexed by [`Group`] (`Group::Usable as
    /// usize` …): usable ones soonest expiry first (the order to use them in); given, used
    /// or expired, and moved ones latest expiry first (a history, the recent end first).
    pub fn grouped(&self, today: NaiveDate, used: &dyn UsedLookup) -> [Vec<&WalletEntry>; 4] {
        let mut groups: [Vec<&WalletEntry>; 4] = Default::default();
        for e in self.entries_by_expiry() {
            groups[e.status_at(today, used).group() as usize].push(e);
        }
        for g in &mut groups[Group::Given as usize..] {
            g.reverse();
        }
        groups
    }

    /// How many unused entries the used data in force lists as settled (shown as
    /// "used per the city"; nothing is written: see [`WalletEntry::status_at`]).
    pub fn count_used_per_feed(&self, used: &dyn UsedLookup) -> usize {
        self.entries
            .values()
            .filter(|e| e.state == EntryState::Unused && used.used(e.id()) == Some(UsedBy::Feed))
            .count()
    }

    /// Usable and upcoming tickets on JST date `today`, ignoring the feed (prefer
    /// [`Self::balance_at`]).
    pub fn balance(&self, today: NaiveDate) -> Balance {
        self.balance_at(today, &NothingUsed)
    }

    /// Usable and upcoming tickets on JST date `today` under the used data in force.
    pub fn balance_at(&self, today: NaiveDate, used: &dyn UsedLookup) -> Balance {
        let mut b = Balance::default();
        for e in self.entries.values() {
            let face = e.ticket.body().face_value().0;
            match e.status_at(today, used) {
                EntryStatus::Usable => {
                    b.usable_count += 1;
                    b.usable_yen = Yen(b.usable_yen.0.saturating_add(face));
                }
                EntryStatus::NotYetValid => {
                    b.upcoming_count += 1;
                    b.upcoming_yen = Yen(b.upcoming_yen.0.saturating_add(face));
                }
                _ => {}
            }
        }
        b
    }

    /// The usable tickets at a glance on JST date `today` under the used data in force.
    pub fn summary_at(&self, today: NaiveDate, used: &dyn UsedLookup) -> Summary {
        let usable: Vec<&WalletEntry> = self
            .entries
            .values()
            .filter(|e| e.status_at(today, used) == EntryStatus::Usable)
            .collect();
        let first_face = usable.first().map(|e| e.ticket.body().face_value());
        let face = first_face.filter(|f| usable.iter().all(|e| e.ticket.body().face_value() == *f));
        let soon_limit = today.checked_add_days(chrono::Days::new(EXPIRING_SOON_DAYS));
        Summary {
            count: usable.len(),
            face,
            earliest_until: usable.iter().map(|e| e.ticket.body().valid_until()).min(),
            expiring_soon: usable
                .iter()
                .filter(|e| soon_limit.is_some_and(|l| e.ticket.body().valid_until() <= l))
                .count(),
        }
    }
}
