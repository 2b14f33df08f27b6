//! The ticket wallet: what a holder (or a coworker) owns, gave away and used.
//!
//! Entries are keyed by [`TicketId`] (demo flag, key, serial), so importing the same
//! bundle or backup twice adds nothing and a demo ticket never shadows a real one.
//! "Used per the feed" is not stored: it is computed at read time from the used data in
//! force ([`WalletEntry::status_at`]), so a corrected used list brings a ticket back. The
//! holder's own "I used it" mark is stored. Every save goes through [`merge`] so that a
//! ticket received in another tab is never lost.
//! The wallet is plain data (serde); the storage layer saves it as a `WalletRecord`
//! (`wallet_record.rs`) and loads it through [`migrate`] and the record's salvage, which keeps every good entry even when
//! some are damaged. Backups use the export file format (`"format":"jokatsu-wallet"`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::{clean_line, clean_multiline};
use crate::domain::tickets::core::bundle::{
    Bundle, Gift, MAX_GIFT_FROM_CHARS, MAX_GIFT_MESSAGE_CHARS,
};
use crate::domain::tickets::core::keys::KeySet;
use crate::domain::tickets::core::ticket::{
    authenticate, Serial, Ticket, TicketId, Verdict, VerifyPolicy, Yen,
};
use crate::domain::tickets::core::used::{NothingUsed, UsedBy, UsedLookup};

/// Version of the persisted record and of the export file.
/// Version 2: "reported by feed" is no longer stored (computed at read time).
/// Version 3: an entry may be `{"state":"moved","at":…}` (sent to a new phone,
/// [`Wallet::mark_moved`]); no other change, so 2 → 3 rewrites nothing. The bump makes an
/// older app refuse (and keep, unread) a record it could only half read.
pub const WALLET_SCHEMA_VERSION: u32 = 3;
/// `format` value of a wallet export file.
pub const WALLET_FILE_FORMAT: &str = "jokatsu-wallet";
/// Largest wallet JSON read (bytes).
pub const MAX_WALLET_JSON_LEN: usize = 4 * 1024 * 1024;

/// How the ticket came into this wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// From the city office; `bundle` is [`bundle_label`] of the bundle it came in.
    Issued { bundle: String },
    /// Received from someone.
    Gift {
        from: Option<String>,
        message: Option<String>,
    },
}

/// Why a ticket is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsedReason {
    /// Marked used on this device (shown at a shop).
    Redeemed,
    /// Version 1 only: the feed listed it as settled. Read from old data and turned back
    /// into `Unused` on load (the feed state is now computed at read time).
    ReportedByFeed,
}

/// Where the ticket is in its life. Order of advancement: Unused < Given, Moved < Used.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryState {
    Unused,
    Given {
        to: Option<String>,
        at: DateTime<Utc>,
        message: Option<String>,
        /// The giver's name as shown to the receiver (kept so that the same gift can be
        /// shown again; absent in records written before it was kept).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
    },
    Used {
        at: DateTime<Utc>,
        reason: UsedReason,
    },
    /// Sent to her new phone in a transfer file ([`Wallet::mark_moved`], schema 3): not
    /// usable here any more, shown apart as 「新しい端末に移しました」, and can be brought
    /// back ([`Wallet::undo_move`]) if the file never arrived.
    Moved {
        at: DateTime<Utc>,
    },
}

impl EntryState {
    fn rank(&self) -> u8 {
        match self {
            EntryState::Unused => 0,
            EntryState::Given { .. } | EntryState::Moved { .. } => 1,
            EntryState::Used { .. } => 2,
        }
    }
}

/// What the UI shows for an entry on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    Usable,
    NotYetValid,
    Expired,
    Given,
    /// The holder marked it used.
    Used,
    /// The used data in force lists it as settled (computed, not stored).
    UsedPerFeed,
    /// Sent to her new phone (a transfer file); not usable here.
    Moved,
}

/// One ticket in the wallet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalletEntry {
    /// Serialized as its text form `JK1:…`.
    pub ticket: Ticket,
    pub received_at: DateTime<Utc>,
    pub source: Source,
    pub state: EntryState,
    /// How many times the holder took this ticket back after giving it
    /// ([`Wallet::take_back`]). A save merges by it first, so a take-back is not undone by
    /// another tab's older "given" (see [`merge`]). Absent (0) in records written before it
    /// existed, so no migration is needed: old records load unchanged.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub take_backs: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl WalletEntry {
    pub fn serial(&self) -> Serial {
        self.ticket.serial()
    }

    /// The programme-wide identity (the wallet's key).
    pub fn id(&self) -> TicketId {
        self.ticket.body().id()
    }

    /// Past its last valid day (JST `today`).
    pub fn is_expired(&self, today: NaiveDate) -> bool {
        today > self.ticket.body().valid_until()
    }

    /// Unused, not used per `used`, and within its validity on `today`.
    pub fn is_usable(&self, today: NaiveDate, used: &dyn UsedLookup) -> bool {
        self.status_at(today, used) == EntryStatus::Usable
    }

    /// The status on `today` ignoring the feed's used data (prefer [`Self::status_at`]).
    pub fn status(&self, today: NaiveDate) -> EntryStatus {
        self.status_at(today, &NothingUsed)
    }

    /// The status on JST date `today` under the used data in force: the holder's own
    /// mark, then "given", then the feed's used data, then the dates.
    pub fn status_at(&self, today: NaiveDate, used: &dyn UsedLookup) -> EntryStatus {
        match self.state {
            EntryState::Used { .. } => EntryStatus::Used,
            EntryState::Given { .. } => EntryStatus::Given,
            EntryState::Moved { .. } => EntryStatus::Moved,
            EntryState::Unused if used.used(self.id()) == Some(UsedBy::Feed) => {
                EntryStatus::UsedPerFeed
            }
            EntryState::Unused if self.is_expired(today) => EntryStatus::Expired,
            EntryState::Unused if today < self.ticket.body().valid_from() => {
                EntryStatus::NotYetValid
            }
            EntryState::Unused => EntryStatus::Usable,
        }
    }
}

/// A short label for a bundle: `202612-00000+20` (first serial + count).
pub fn bundle_label(bundle: &Bundle) -> String {
    let first = bundle.tickets().iter().map(Ticket::serial).min();
    match first {
        Some(s) => format!("{s}+{}", bundle.tickets().len()),
        None => String::new(),
    }
}

/// Errors of wallet operations and wallet files. Messages are fit to show a user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum WalletError {
    #[error("チケット {0} はこのウォレットにありません / ticket {0} is not in this wallet")]
    NotInWallet(TicketId),
    #[error("チケット {0} はもう渡しました / ticket {0} has already been given away")]
    AlreadyGiven(TicketId),
    #[error("チケット {0} は使用済みです / ticket {0} has already been used")]
    AlreadyUsed(TicketId),
    #[error("チケット {0} は市の使用済みリストに載っています / ticket {0} is listed as used by the city")]
    UsedPerFeed(TicketId),
    #[error("チケット {0} は期限切れです / ticket {0} has expired")]
    Expired(TicketId),
    #[error("チケット {0} はすでにウォレットにあります / ticket {0} is already in this wallet")]
    AlreadyInWallet(TicketId),
    #[error("このチケットは受け取れません / this ticket cannot be accepted: {0}")]
    Rejected(Verdict),
    #[error("チケット {0} は渡していません / ticket {0} has not been given away")]
    NotGiven(TicketId),
    #[error("渡す相手の名前を入れてください / enter the name of the person you give it to")]
    NameRequired,
    #[error("名前は40文字までです / the name is longer than 40 characters")]
    NameTooLong,
    #[error("メッセージは140文字までです / the message is longer than 140 characters")]
    MessageTooLong,
    #[error("ウォレットのデータが大きすぎます / the wallet data is too large ({0} bytes)")]
    TooLarge(usize),
    #[error("ウォレットのファイルではありません / not a JOKATSU wallet file: {0}")]
    NotAWallet(String),
    #[error(
        "新しい版のアプリで保存されたウォレットです。アプリを更新してください / this wallet was saved by a newer version of the app (version {0}); please update the app"
    )]
    NewerVersion(u64),
    #[error("the wallet could not be written as a file ({0})")]
    Encode(String),
    #[error("チケット {0} は新しい端末に移しました / ticket {0} was moved to a new phone")]
    Moved(TicketId),
    #[error("移せるチケットがありません / there are no tickets to move")]
    NothingToMove,
    #[error("移行用のファイルではありません / not a JOKATSU transfer file: {0}")]
    NotATransfer(String),
    #[error("このスマホで作った移行用ファイルです。新しい端末で開いてください / this transfer file was made on this phone: open it on the new phone")]
    OwnTransfer,
}

/// What a gift link is to this wallet ([`Wallet::gift_state`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiftState {
    /// Not here: it can be received.
    New,
    /// Already in this wallet (received before, or her own ticket).
    AlreadyReceived,
    /// This wallet gave it away (the giver opened her own link).
    GivenByMe,
}

/// Result of [`Wallet::add_bundle`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BundleImport {
    pub added: usize,
    /// Already in the wallet (importing the same bundle twice adds nothing).
    pub duplicates: usize,
    /// Tickets refused (forged, unknown key, demo under production…); nothing else changes.
    pub rejected: Vec<(TicketId, Verdict)>,
}

/// Result of [`Wallet::merge`] / [`Wallet::import_backup`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergeReport {
    pub added: usize,
    /// Existing entries whose state moved forward (Unused → Given → Used).
    pub advanced: usize,
    pub unchanged: usize,
    /// Entries that could not be read or were refused, by position in the file.
    pub problems: Vec<EntryProblem>,
}

/// One bad entry in a wallet file; the other entries are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryProblem {
    pub index: usize,
    pub reason: String,
}

/// A loaded wallet: the good entries and what was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub wallet: Wallet,
    pub problems: Vec<EntryProblem>,
}

/// Count and value of tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Balance {
    /// Unused and valid today.
    pub usable_count: usize,
    pub usable_yen: Yen,
    /// Unused, valid from a later day.
    pub upcoming_count: usize,
    pub upcoming_yen: Yen,
}

/// The wallet at a glance: 「1,000円 × 18枚 · いちばん早い期限 2/28」 and the
/// expiring-soon banner ([`Wallet::summary_at`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Usable tickets.
    pub count: usize,
    /// Their face value when all share one (the usual case), else `None`.
    pub face: Option<Yen>,
    /// The earliest last valid day among them.
    pub earliest_until: Option<NaiveDate>,
    /// How many of them end within [`EXPIRING_SOON_DAYS`] days (today included).
    pub expiring_soon: usize,
}

/// A usable ticket whose last valid day is at most this many days after today is
/// "expiring soon" (the wallet shows a banner).
pub const EXPIRING_SOON_DAYS: u64 = 14;

/// Which list a ticket is shown in: usable ones (and not yet valid), given ones, used or
/// expired ones, and those moved to a new phone, apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Usable,
    Given,
    Done,
    Moved,
}

impl EntryStatus {
    /// The list this status belongs to.
    pub fn group(self) -> Group {
        match self {
            EntryStatus::Usable | EntryStatus::NotYetValid => Group::Usable,
            EntryStatus::Given => Group::Given,
            EntryStatus::Used | EntryStatus::UsedPerFeed | EntryStatus::Expired => Group::Done,
            EntryStatus::Moved => Group::Moved,
        }
    }
}

/// The record string of [`Wallet::to_record_json`] (tests only).
#[cfg(test)]
#[derive(Debug, Clone, Serialize)]
struct RecordOut<'a> {
    version: u32,
    entries: Vec<&'a WalletEntry>,
}

/// The export file: `{"format":"jokatsu-wallet","version":1,"exported_at":…,"entries":[…]}`.
#[derive(Debug, Clone, Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    exported_at: DateTime<Utc>,
    entries: Vec<&'a WalletEntry>,
}

/// `format` value of a transfer file (moving to a new phone, `docs/transfer-format.md`).
pub const TRANSFER_FILE_FORMAT: &str = "jokatsu-transfer";
/// Version of the transfer file.
pub const TRANSFER_FILE_VERSION: u32 = 1;

/// The transfer file ([`Wallet::transfer_json`]).
#[derive(Debug, Clone, Serialize)]
struct TransferOut<'a> {
    format: &'static str,
    version: u32,
    created_at: DateTime<Utc>,
    /// How many of `entries` move (unused in the file).
    moving: usize,
    entries: Vec<&'a WalletEntry>,
}

/// One line of the thank-you log ([`Wallet::thanks`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thanks {
    pub at: DateTime<Utc>,
    /// `true`: she gave it; `false`: she received it.
    pub sent: bool,
    /// To whom (given) or from whom (received), as written.
    pub who: Option<String>,
    pub message: Option<String>,
    pub ticket: TicketId,
}

/// A wallet. Serde: the persisted record form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wallet {
    entries: BTreeMap<TicketId, WalletEntry>,
}

fn check_len(text: Option<&str>, max: usize, err: WalletError) -> Result<(), WalletError> {
    match text {
        Some(t) if t.chars().count() > max => Err(err),
        _ => Ok(()),
    }
}

/// Cleans user text for storage: control and bidi characters stripped, lengths capped
/// ([`clean_line`], [`clean_multiline`]); empty becomes `None`.
fn clean(text: Option<String>, max: usize, multiline: bool) -> Option<String> {
    text.map(|t| {
        if multiline {
            clean_multiline(&t, max)
        } else {
            clean_line(&t, max)
        }
    })
    .filter(|t| !t.is_empty())
}

impl WalletEntry {
    /// Cleans the entry's free text (names, messages) as read from storage or a backup,
    /// and turns a version-1 "used: reported by feed" back into `Unused`.
    fn normalised(mut self) -> Self {
        if let Source::Gift { from, message } = &mut self.source {
            *from = clean(from.take(), MAX_GIFT_FROM_CHARS, false);
            *message = clean(message.take(), MAX_GIFT_MESSAGE_CHARS, true);
        }
        match &mut self.state {
            EntryState::Given {
                to, message, from, ..
            } => {
                *to = clean(to.take(), MAX_GIFT_FROM_CHARS, false);
                *message = clean(message.take(), MAX_GIFT_MESSAGE_CHARS, true);
                *from = clean(from.take(), MAX_GIFT_FROM_CHARS, false);
            }
            EntryState::Used {
                reason: UsedReason::ReportedByFeed,
                ..
            } => self.state = EntryState::Unused,
            _ => {}
        }
        if let Source::Issued { bundle } = &mut self.source {
            *bundle = clean_line(bundle, 40);
        }
        self
    }
}

/// Version 1 → 2 of one stored entry list (`entries` array of a record or file):
/// an entry `{"state":"used","reason":"reported_by_feed"}` becomes `{"state":"unused"}`.
pub fn migrate_entries_v1(value: &mut Value) {
    if let Some(list) = value.get_mut("entries").and_then(Value::as_array_mut) {
        for entry in list {
            let from_feed = entry.get("state").is_some_and(|s| {
                s.get("reason").and_then(Value::as_str) == Some("reported_by_feed")
            });
            if from_feed {
                if let Some(obj) = entry.as_object_mut() {
                    obj.insert("state".into(), serde_json::json!({"state": "unused"}));
                }
            }
        }
    }
}

/// Brings a stored record or file (any known version) to the current schema (3).
/// 1 → 2: "used, reported by feed" entries become unused ([`migrate_entries_v1`]);
/// 2 → 3: nothing to rewrite (3 adds the "moved" state).
/// Each step has a fixture test proving that old data still loads.
pub fn migrate(mut value: Value) -> Result<Value, WalletError> {
    let version = value
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| WalletError::NotAWallet("no version".into()))?;
    match version {
        1 => migrate_entries_v1(&mut value),
        // 2 → 3 only adds the "moved" state: nothing to rewrite.
        2 | 3 => {}
        0 => return Err(WalletError::NotAWallet("version 0".into())),
        v => return Err(WalletError::NewerVersion(v)),
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("version".into(), Value::from(WALLET_SCHEMA_VERSION));
    }
    Ok(value)
}

/// Rank of a state in conflicts: Unused 0 < Given 1 < Used 2.
fn rank(state: &EntryState) -> u8 {
    state.rank()
}

fn action_time(state: &EntryState) -> Option<DateTime<Utc>> {
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
fn merge_pair(a: &WalletEntry, b: &WalletEntry) -> WalletEntry {
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
pub fn merge(stored: &Wallet, in_memory: &Wallet) -> Wallet {
    let mut out = stored.clone();
    for (id, mine) in &in_memory.entries {
        let merged = match out.entries.get(id) {
            Some(theirs) => merge_pair(theirs, mine),
            None => mine.clone(),
        };
        out.entries.insert(*id, merged);
    }
    out
}

/// Readable entries (with their position in the file) and the unreadable ones.
type ReadEntries = (Vec<(usize, WalletEntry)>, Vec<EntryProblem>);

/// Reads entries one by one: a damaged entry becomes a problem, the rest load.
fn read_entries(value: &Value) -> Result<ReadEntries, WalletError> {
    let list = value
        .get("entries")
        .and_then(Value::as_array)
        .ok_or_else(|| WalletError::NotAWallet("no entries list".into()))?;
    let mut good = Vec::with_capacity(list.len());
    let mut problems = Vec::new();
    for (index, v) in list.iter().enumerate() {
        match WalletEntry::deserialize(v) {
            Ok(e) => good.push((index, e)),
            Err(e) => problems.push(EntryProblem {
                index,
                reason: e.to_string(),
            }),
        }
    }
    Ok((good, problems))
}

fn parse_json(json: &str) -> Result<Value, WalletError> {
    if json.len() > MAX_WALLET_JSON_LEN {
        return Err(WalletError::TooLarge(json.len()));
    }
    serde_json::from_str(json).map_err(|e| WalletError::NotAWallet(e.to_string()))
}

impl Wallet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every entry, in serial order.
    pub fn entries(&self) -> impl Iterator<Item = &WalletEntry> {
        self.entries.values()
    }

    /// A wallet holding `entries` (a ticket seen twice keeps its more advanced state).
    pub fn from_entries(entries: impl IntoIterator<Item = WalletEntry>) -> Self {
        let mut wallet = Wallet::new();
        let mut report = MergeReport::default();
        for entry in entries {
            wallet.merge_entry(entry, &mut report);
        }
        wallet
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, id: TicketId) -> Option<&WalletEntry> {
        self.entries.get(&id)
    }

    /// Entries sorted soonest expiry first, then by serial.
    pub fn entries_by_expiry(&self) -> Vec<&WalletEntry> {
        let mut list: Vec<&WalletEntry> = self.entries.values().collect();
        list.sort_by_key(|e| (e.ticket.body().valid_until(), e.id()));
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

    /// Adds a bundle's tickets. Each ticket must be genuine under `keys`/`policy` (dates
    /// are not checked: expired tickets show as expired). Idempotent.
    pub fn add_bundle(
        &mut self,
        bundle: &Bundle,
        keys: &KeySet,
        policy: VerifyPolicy,
        now: DateTime<Utc>,
    ) -> BundleImport {
        let label = bundle_label(bundle);
        let mut report = BundleImport::default();
        for ticket in bundle.tickets() {
            if let Err(verdict) = authenticate(ticket, keys, policy) {
                report.rejected.push((ticket.body().id(), verdict));
                continue;
            }
            match self.entries.entry(ticket.body().id()) {
                std::collections::btree_map::Entry::Occupied(_) => report.duplicates += 1,
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(WalletEntry {
                        ticket: ticket.clone(),
                        received_at: now,
                        source: Source::Issued {
                            bundle: label.clone(),
                        },
                        state: EntryState::Unused,
                        take_backs: 0,
                    });
                    report.added += 1;
                }
            }
        }
        report
    }

    /// Receives a gift: genuine and not expired (JST date of `now`), not already here.
    /// Ignores the feed's used data; prefer [`Self::receive_gift_checked`].
    pub fn receive_gift(
        &mut self,
        gift: &Gift,
        keys: &KeySet,
        policy: VerifyPolicy,
        now: DateTime<Utc>,
    ) -> Result<TicketId, WalletError> {
        self.receive_gift_checked(gift, keys, policy, &NothingUsed, now)
    }

    /// Receives a gift: genuine, not expired (JST date of `now`), not listed in the used
    /// data in force (`UsedPerFeed`), not already here. Sender name and message are
    /// cleaned (control and bidi characters stripped).
    pub fn receive_gift_checked(
        &mut self,
        gift: &Gift,
        keys: &KeySet,
        policy: VerifyPolicy,
        used: &dyn UsedLookup,
        now: DateTime<Utc>,
    ) -> Result<TicketId, WalletError> {
        let ticket = &gift.ticket;
        let id = ticket.body().id();
        authenticate(ticket, keys, policy).map_err(WalletError::Rejected)?;
        if jst_today(now) > ticket.body().valid_until() {
            return Err(WalletError::Rejected(Verdict::Expired {
                valid_until: ticket.body().valid_until(),
            }));
        }
        if used.used(id).is_some() {
            return Err(WalletError::UsedPerFeed(id));
        }
        if self.entries.contains_key(&id) {
            return Err(WalletError::AlreadyInWallet(id));
        }
        self.entries.insert(
            id,
            WalletEntry {
                ticket: ticket.clone(),
                received_at: now,
                source: Source::Gift {
                    from: clean(gift.from.clone(), MAX_GIFT_FROM_CHARS, false),
                    message: clean(gift.message.clone(), MAX_GIFT_MESSAGE_CHARS, true),
                },
                state: EntryState::Unused,
                take_backs: 0,
            },
        );
        Ok(id)
    }

    fn unused_entry(&mut self, id: TicketId) -> Result<&mut WalletEntry, WalletError> {
        let entry = self
            .entries
            .get_mut(&id)
            .ok_or(WalletError::NotInWallet(id))?;
        match entry.state {
            EntryState::Unused => Ok(entry),
            EntryState::Given { .. } => Err(WalletError::AlreadyGiven(id)),
            EntryState::Used { .. } => Err(WalletError::AlreadyUsed(id)),
            EntryState::Moved { .. } => Err(WalletError::Moved(id)),
        }
    }

    /// Records that an unused, unexpired ticket was given away (to ≤ 40, message ≤ 140
    /// characters after cleaning: control and bidi characters are stripped, a message
    /// keeps its line breaks). Build the link with [`Gift::to_link`].
    pub fn mark_given(
        &mut self,
        serial: TicketId,
        to: Option<String>,
        message: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<(), WalletError> {
        let to = to.map(|t| clean_line(&t, usize::MAX));
        let message = message.map(|m| clean_multiline(&m, usize::MAX));
        check_len(to.as_deref(), MAX_GIFT_FROM_CHARS, WalletError::NameTooLong)?;
        check_len(
            message.as_deref(),
            MAX_GIFT_MESSAGE_CHARS,
            WalletError::MessageTooLong,
        )?;
        let entry = self.unused_entry(serial)?;
        if entry.is_expired(jst_today(now)) {
            return Err(WalletError::Expired(serial));
        }
        entry.state = EntryState::Given {
            to: to.filter(|s| !s.is_empty()),
            at: now,
            message: message.filter(|s| !s.is_empty()),
            from: None,
        };
        Ok(())
    }

    /// Gives a ticket away deliberately: the recipient's name is required (the holder's own
    /// record of who has it), the ticket must be usable under the used data in force
    /// ([`Self::mark_given_checked`]), and the gift the receiver opens is returned, built
    /// from the same ticket, `from` and `message` that are recorded (so that
    /// [`Self::gift_again`] shows exactly the same gift).
    pub fn give(
        &mut self,
        id: TicketId,
        to: &str,
        from: Option<String>,
        message: Option<String>,
        used: &dyn UsedLookup,
        now: DateTime<Utc>,
    ) -> Result<Gift, WalletError> {
        let to = clean_line(to, usize::MAX);
        if to.is_empty() {
            return Err(WalletError::NameRequired);
        }
        let ticket = self
            .entries
            .get(&id)
            .ok_or(WalletError::NotInWallet(id))?
            .ticket
            .clone();
        let gift = Gift::new(ticket, from, message.clone()).map_err(|e| match e {
            crate::domain::tickets::core::bundle::ScanError::GiftMessageTooLong => {
                WalletError::MessageTooLong
            }
            _ => WalletError::NameTooLong,
        })?;
        self.mark_given_checked(id, Some(to), message, used, now)?;
        if let Some(EntryState::Given { from, .. }) =
            self.entries.get_mut(&id).map(|e| &mut e.state)
        {
            from.clone_from(&gift.from);
        }
        Ok(gift)
    }

    /// **Rule: the thank-you log.** Every gift she gave (to whom, when, her message) and
    /// every gift she received (from whom, when, their message), newest first. Taken
    /// back gifts are not in it (the ticket is hers again).
    pub fn thanks(&self) -> Vec<Thanks> {
        let mut log: Vec<Thanks> = Vec::new();
        for e in self.entries.values() {
            if let Source::Gift { from, message } = &e.source {
                log.push(Thanks {
                    at: e.received_at,
                    sent: false,
                    who: from.clone(),
                    message: message.clone(),
                    ticket: e.id(),
                });
            }
            if let EntryState::Given {
                to, at, message, ..
            } = &e.state
            {
                log.push(Thanks {
                    at: *at,
                    sent: true,
                    who: to.clone(),
                    message: message.clone(),
                    ticket: e.id(),
                });
            }
        }
        log.sort_by_key(|t| std::cmp::Reverse((t.at, t.ticket, t.sent)));
        log
    }

    /// The gift of a ticket this wallet gave away, to show the same person again (the
    /// same ticket, name and message; nothing changes). `None` unless the entry is Given.
    pub fn gift_again(&self, id: TicketId) -> Option<Gift> {
        let entry = self.entries.get(&id)?;
        match &entry.state {
            EntryState::Given { from, message, .. } => {
                Gift::new(entry.ticket.clone(), from.clone(), message.clone()).ok()
            }
            _ => None,
        }
    }

    /// Whether this wallet already holds the gift's ticket, and how: what a re-opened
    /// gift link shows instead of offering to receive it again.
    pub fn gift_state(&self, gift: &Gift) -> GiftState {
        match self.entries.get(&gift.ticket.body().id()) {
            None => GiftState::New,
            Some(e) => match e.state {
                EntryState::Given { .. } => GiftState::GivenByMe,
                _ => GiftState::AlreadyReceived,
            },
        }
    }

    /// [`Self::mark_given`], refused with [`WalletError::UsedPerFeed`] when the used data
    /// in force lists the ticket as settled (a gift the receiver could not use).
    pub fn mark_given_checked(
        &mut self,
        id: TicketId,
        to: Option<String>,
        message: Option<String>,
        used: &dyn UsedLookup,
        now: DateTime<Utc>,
    ) -> Result<(), WalletError> {
        if used.used(id).is_some() && self.entries.contains_key(&id) {
            return Err(WalletError::UsedPerFeed(id));
        }
        self.mark_given(id, to, message, now)
    }

    /// Takes back a ticket this wallet gave away: it becomes unused here again. The app
    /// cannot know whether the receiver already opened the link (there is no server), so
    /// the holder decides: if the receiver did, both phones hold the ticket, a till that
    /// saw it refuses it a second time, and settlement reports the second redemption as a
    /// duplicate traced to the holder it was issued to (`docs/security.md`). Nothing about
    /// the gift link itself changes: a take-back is this phone's record only.
    pub fn take_back(&mut self, id: TicketId) -> Result<(), WalletError> {
        let entry = self
            .entries
            .get_mut(&id)
            .ok_or(WalletError::NotInWallet(id))?;
        match entry.state {
            EntryState::Given { .. } => {
                entry.state = EntryState::Unused;
                entry.take_backs = entry.take_backs.saturating_add(1);
                Ok(())
            }
            EntryState::Used { .. } => Err(WalletError::AlreadyUsed(id)),
            EntryState::Unused | EntryState::Moved { .. } => Err(WalletError::NotGiven(id)),
        }
    }

    /// Records that the holder used an unused ticket at a shop (stored: the holder's own
    /// mark, unlike the feed's used data).
    pub fn mark_used(&mut self, serial: TicketId, now: DateTime<Utc>) -> Result<(), WalletError> {
        let entry = self.unused_entry(serial)?;
        entry.state = EntryState::Used {
            at: now,
            reason: UsedReason::Redeemed,
        };
        Ok(())
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

    /// [`Self::merge_entry`] for an entry read from a file (a backup or a transfer).
    /// **Rule:** a file never turns a ticket this phone already holds into "moved": an
    /// incoming `Moved` counts as `Unused` against an existing entry (so restoring the old
    /// phone's backup on the new phone does not hide the tickets just received there),
    /// while a ticket new to this wallet keeps its `Moved` (restoring the old phone's own
    /// backup after its data was cleared does not make moved tickets usable again).
    /// Merges the entries read from a backup or transfer file: each ticket is checked
    /// against the key list first; one that fails is reported by its place in the file and
    /// left out, the rest still arrive.
    fn merge_file_entries(
        &mut self,
        entries: Vec<(usize, WalletEntry)>,
        problems: Vec<EntryProblem>,
        keys: &KeySet,
        policy: VerifyPolicy,
    ) -> MergeReport {
        let mut report = MergeReport {
            problems,
            ..MergeReport::default()
        };
        for (index, entry) in entries {
            match authenticate(&entry.ticket, keys, policy) {
                Ok(_) => self.merge_file_entry(entry, &mut report),
                Err(verdict) => report.problems.push(EntryProblem {
                    index,
                    reason: format!("ticket {}: {verdict}", entry.id()),
                }),
            }
        }
        report.problems.sort_by_key(|p| p.index);
        report
    }

    fn merge_file_entry(&mut self, mut incoming: WalletEntry, report: &mut MergeReport) {
        if matches!(incoming.state, EntryState::Moved { .. })
            && self.entries.contains_key(&incoming.id())
        {
            incoming.state = EntryState::Unused;
        }
        self.merge_entry(incoming, report);
    }

    /// **Rule: moving to a new phone.** The transfer file
    /// `{"format":"jokatsu-transfer","version":1,"created_at":…,"moving":N,"entries":[…]}`
    /// (`docs/transfer-format.md`): every entry of this wallet, with the ones that move —
    /// unused here, or moved by an earlier transfer that may not have arrived — written as
    /// unused; given and used ones keep their state (her history and thank-you log go
    /// along). Nothing changes here: call [`Self::mark_moved`] once the file is saved.
    /// [`WalletError::NothingToMove`] when no ticket would move.
    pub fn transfer_json(&self, now: DateTime<Utc>) -> Result<String, WalletError> {
        let mut moving = 0usize;
        let entries: Vec<WalletEntry> = self
            .entries
            .values()
            .map(|e| {
                let mut e = e.clone();
                if matches!(e.state, EntryState::Unused | EntryState::Moved { .. }) {
                    e.state = EntryState::Unused;
                    moving += 1;
                }
                e
            })
            .collect();
        if moving == 0 {
            return Err(WalletError::NothingToMove);
        }
        let file = TransferOut {
            format: TRANSFER_FILE_FORMAT,
            version: TRANSFER_FILE_VERSION,
            created_at: now,
            moving,
            entries: entries.iter().collect(),
        };
        serde_json::to_string_pretty(&file).map_err(|e| WalletError::Encode(e.to_string()))
    }

    /// After the transfer file is saved: every unused ticket here becomes `Moved` (not
    /// usable on this phone any more, shown apart). Returns how many moved.
    pub fn mark_moved(&mut self, now: DateTime<Utc>) -> usize {
        let mut n = 0;
        for e in self.entries.values_mut() {
            if e.state == EntryState::Unused {
                e.state = EntryState::Moved { at: now };
                n += 1;
            }
        }
        n
    }

    /// The holder's undo of a move (the file never reached the new phone): every moved
    /// ticket is unused here again; `take_backs` goes up so that another tab's older
    /// "moved" copy does not undo the undo on the next save. Returns how many.
    pub fn undo_move(&mut self) -> usize {
        let mut n = 0;
        for e in self.entries.values_mut() {
            if matches!(e.state, EntryState::Moved { .. }) {
                e.state = EntryState::Unused;
                e.take_backs = e.take_backs.saturating_add(1);
                n += 1;
            }
        }
        n
    }

    /// How many tickets were moved to a new phone.
    pub fn moved_count(&self) -> usize {
        self.entries
            .values()
            .filter(|e| matches!(e.state, EntryState::Moved { .. }))
            .count()
    }

    /// Receives a transfer file on the new phone. The file is checked as a whole first
    /// (format, version, entries list) and refused with a typed error that changes
    /// nothing; then each ticket is checked with [`authenticate`], bad entries are listed
    /// in `problems` and the good ones merged ([`Self::merge_file_entry`]). A file made on
    /// this very phone (every ticket it moves is "moved" here) is refused
    /// ([`WalletError::OwnTransfer`]) rather than silently changing nothing.
    pub fn import_transfer(
        &mut self,
        json: &str,
        keys: &KeySet,
        policy: VerifyPolicy,
    ) -> Result<MergeReport, WalletError> {
        let value =
            parse_json(json.strip_prefix('\u{feff}').unwrap_or(json)).map_err(|e| match e {
                WalletError::NotAWallet(m) => WalletError::NotATransfer(m),
                other => other,
            })?;
        if value.get("format").and_then(Value::as_str) != Some(TRANSFER_FILE_FORMAT) {
            return Err(WalletError::NotATransfer(
                "format is not \"jokatsu-transfer\"".into(),
            ));
        }
        match value.get("version").and_then(Value::as_u64) {
            Some(1) => {}
            Some(v) if v > 1 => return Err(WalletError::NewerVersion(v)),
            _ => return Err(WalletError::NotATransfer("no valid version".into())),
        }
        let (entries, problems) = read_entries(&value).map_err(|e| match e {
            WalletError::NotAWallet(m) => WalletError::NotATransfer(m),
            other => other,
        })?;
        let moving: Vec<&WalletEntry> = entries
            .iter()
            .map(|(_, e)| e)
            .filter(|e| matches!(e.state, EntryState::Unused | EntryState::Moved { .. }))
            .collect();
        let own = !moving.is_empty()
            && moving.iter().all(|e| {
                self.entries
                    .get(&e.id())
                    .is_some_and(|mine| matches!(mine.state, EntryState::Moved { .. }))
            });
        if own {
            return Err(WalletError::OwnTransfer);
        }
        Ok(self.merge_file_entries(entries, problems, keys, policy))
    }

    fn merge_entry(&mut self, incoming: WalletEntry, report: &mut MergeReport) {
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

    /// The record `{"version":3,"entries":[…]}` as a string. Tests only: the app stores the
    /// wallet through `WalletRecord` and the versioned storage layer.
    #[cfg(test)]
    pub fn to_record_json(&self) -> String {
        let record = RecordOut {
            version: WALLET_SCHEMA_VERSION,
            entries: self.entries.values().collect(),
        };
        serde_json::to_string(&record).unwrap_or_default()
    }

    /// Loads a record string (after [`migrate`]); damaged entries are reported, never
    /// silently dropped, and never stop the good ones from loading. Tests only (see
    /// [`Wallet::to_record_json`]).
    #[cfg(test)]
    pub fn from_record_json(json: &str) -> Result<Loaded, WalletError> {
        let value = migrate(parse_json(json)?)?;
        let (entries, mut problems) = read_entries(&value)?;
        let mut wallet = Wallet::new();
        let mut report = MergeReport::default();
        for (index, entry) in entries {
            if wallet.entries.contains_key(&entry.id()) {
                problems.push(EntryProblem {
                    index,
                    reason: format!("ticket {} appears twice; merged", entry.id()),
                });
            }
            wallet.merge_entry(entry, &mut report);
        }
        problems.sort_by_key(|p| p.index);
        Ok(Loaded { wallet, problems })
    }

    /// The backup file `{"format":"jokatsu-wallet","version":3,"exported_at":…,"entries":[…]}`.
    /// A failure is an error, never an empty file.
    pub fn export_json(&self, now: DateTime<Utc>) -> Result<String, WalletError> {
        let file = FileOut {
            format: WALLET_FILE_FORMAT,
            version: WALLET_SCHEMA_VERSION,
            exported_at: now,
            entries: self.entries.values().collect(),
        };
        serde_json::to_string_pretty(&file).map_err(|e| WalletError::Encode(e.to_string()))
    }

    /// Imports a backup file into this wallet. Every ticket is checked with
    /// [`authenticate`]; bad entries are listed in `problems` and the good ones merged.
    pub fn import_backup(
        &mut self,
        json: &str,
        keys: &KeySet,
        policy: VerifyPolicy,
    ) -> Result<MergeReport, WalletError> {
        let value = parse_json(json)?;
        if value.get("format").and_then(Value::as_str) != Some(WALLET_FILE_FORMAT) {
            return Err(WalletError::NotAWallet(
                "format is not \"jokatsu-wallet\"".into(),
            ));
        }
        let value = migrate(value)?;
        let (entries, problems) = read_entries(&value)?;
        Ok(self.merge_file_entries(entries, problems, keys, policy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::core::keys::demo;
    use crate::domain::tickets::core::ticket::{demo_month, issue, YearMonth};
    use crate::domain::tickets::core::used::UsedSet;
    use chrono::TimeZone;
    use ed25519_dalek::SigningKey;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        // 03:00 UTC = noon JST.
        Utc.with_ymd_and_hms(y, m, d, 3, 0, 0).unwrap()
    }

    /// A demo ticket's identity (the demo month's tickets are demo, key 1).
    fn sid(batch: u32, index: u16) -> TicketId {
        TicketId {
            demo: true,
            key: demo::DEMO_ISSUER_KEY_ID,
            serial: Serial::new(batch, index),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dec() -> Bundle {
        Bundle::new(demo_month(YearMonth::new(2026, 12).unwrap()).unwrap()).unwrap()
    }

    fn wallet() -> Wallet {
        let mut w = Wallet::new();
        let r = w.add_bundle(
            &dec(),
            &demo::key_set(),
            VerifyPolicy::DEMO,
            at(2026, 11, 24),
        );
        assert_eq!(r.added, 20);
        w
    }

    #[test]
    fn bundle_import_is_idempotent() {
        let mut w = wallet();
        let before = w.clone();
        let again = w.add_bundle(
            &dec(),
            &demo::key_set(),
            VerifyPolicy::DEMO,
            at(2026, 12, 1),
        );
        assert_eq!(
            again,
            BundleImport {
                added: 0,
                duplicates: 20,
                rejected: vec![]
            }
        );
        assert_eq!(w, before, "received_at must not change either");
        let e = w.get(sid(202612, 0)).unwrap();
        assert_eq!(
            e.source,
            Source::Issued {
                bundle: "202612-00000+20".into()
            }
        );
    }

    #[test]
    fn bundle_with_a_forged_ticket_keeps_the_good_ones() {
        let mut tickets = dec().into_tickets();
        let forged = issue(tickets[5].body().spec(), &SigningKey::from_bytes(&[3; 32])).unwrap();
        tickets[5] = forged;
        let mut w = Wallet::new();
        let r = w.add_bundle(
            &Bundle::new(tickets).unwrap(),
            &demo::key_set(),
            VerifyPolicy::DEMO,
            at(2026, 12, 1),
        );
        assert_eq!(r.added, 19);
        assert_eq!(r.rejected, vec![(sid(202612, 5), Verdict::Forged)]);
        let mut w = Wallet::new();
        let r = w.add_bundle(
            &dec(),
            &demo::key_set(),
            VerifyPolicy::PRODUCTION,
            at(2026, 12, 1),
        );
        assert_eq!(
            (r.added, r.rejected.len()),
            (0, 20),
            "demo tickets refused in production"
        );
    }

    #[test]
    fn balance_and_status_over_time() {
        let mut w = wallet();
        // Valid 2026-12-01..=2027-02-28.
        let cases = [
            (day(2026, 11, 30), 0, 0, 20, 20_000),
            (day(2026, 12, 1), 20, 20_000, 0, 0),
            (day(2027, 2, 28), 20, 20_000, 0, 0),
            (day(2027, 3, 1), 0, 0, 0, 0),
        ];
        for (today, n, yen, up_n, up_yen) in cases {
            assert_eq!(
                w.balance(today),
                Balance {
                    usable_count: n,
                    usable_yen: Yen(yen),
                    upcoming_count: up_n,
                    upcoming_yen: Yen(up_yen)
                },
                "{today}"
            );
        }
        w.mark_used(sid(202612, 0), at(2026, 12, 5)).unwrap();
        w.mark_given(
            sid(202612, 1),
            Some("佐藤さん".into()),
            Some("ありがとう".into()),
            at(2026, 12, 5),
        )
        .unwrap();
        let b = w.balance(day(2026, 12, 10));
        assert_eq!((b.usable_count, b.usable_yen), (18, Yen(18_000)));
        assert_eq!(
            w.get(sid(202612, 0)).unwrap().status(day(2026, 12, 10)),
            EntryStatus::Used
        );
        assert_eq!(
            w.get(sid(202612, 1)).unwrap().status(day(2026, 12, 10)),
            EntryStatus::Given
        );
        assert_eq!(
            w.get(sid(202612, 2)).unwrap().status(day(2027, 3, 1)),
            EntryStatus::Expired
        );
    }

    #[test]
    fn state_transitions() {
        let mut w = wallet();
        let s = sid(202612, 4);
        let now = at(2026, 12, 5);
        w.mark_given(s, None, None, now).unwrap();
        assert_eq!(
            w.mark_given(s, None, None, now),
            Err(WalletError::AlreadyGiven(s))
        );
        assert_eq!(w.mark_used(s, now), Err(WalletError::AlreadyGiven(s)));
        let s2 = sid(202612, 5);
        w.mark_used(s2, now).unwrap();
        assert_eq!(
            w.mark_given(s2, None, None, now),
            Err(WalletError::AlreadyUsed(s2))
        );
        let missing = sid(1, 1);
        assert_eq!(
            w.mark_used(missing, now),
            Err(WalletError::NotInWallet(missing))
        );
        let s3 = sid(202612, 6);
        assert_eq!(
            w.mark_given(s3, None, None, at(2027, 3, 1)),
            Err(WalletError::Expired(s3))
        );
        assert_eq!(
            w.mark_given(s3, Some("あ".repeat(41)), None, now),
            Err(WalletError::NameTooLong)
        );
        assert_eq!(
            w.mark_given(s3, None, Some("a".repeat(141)), now),
            Err(WalletError::MessageTooLong)
        );
    }

    #[test]
    fn used_per_feed_is_computed_at_read_time_and_a_correction_brings_a_ticket_back() {
        let mut w = wallet();
        w.mark_given(sid(202612, 7), Some("A".into()), None, at(2026, 12, 2))
            .unwrap();
        let today = day(2026, 12, 20);
        let mut feed = UsedSet::new();
        for i in [3, 7, 500] {
            feed.mark(sid(202612, i));
        }
        // The same serial as a real ticket (not demo) is another ticket.
        feed.mark(TicketId {
            demo: false,
            ..sid(202612, 4)
        });
        let before = w.clone();
        assert_eq!(w.count_used_per_feed(&feed), 1);
        let e3 = w.get(sid(202612, 3)).unwrap();
        assert_eq!(e3.status_at(today, &feed), EntryStatus::UsedPerFeed);
        assert_eq!(e3.status(today), EntryStatus::Usable, "ignoring the feed");
        assert_eq!(
            w.get(sid(202612, 4)).unwrap().status_at(today, &feed),
            EntryStatus::Usable
        );
        assert_eq!(
            w.get(sid(202612, 7)).unwrap().status_at(today, &feed),
            EntryStatus::Given,
            "a given ticket keeps its record"
        );
        assert_eq!(w.balance_at(today, &feed).usable_count, 18);
        assert_eq!(w, before, "nothing is written");
        // The office publishes a correction: 3 is not used after all.
        let mut corrected = feed.clone();
        corrected.unmark(sid(202612, 3));
        assert_eq!(
            w.get(sid(202612, 3)).unwrap().status_at(today, &corrected),
            EntryStatus::Usable
        );
        assert_eq!(w.balance_at(today, &corrected).usable_count, 19);
        // Giving a ticket the city lists as used is refused with that reason.
        assert_eq!(
            w.clone()
                .mark_given_checked(sid(202612, 3), None, None, &feed, at(2026, 12, 20)),
            Err(WalletError::UsedPerFeed(sid(202612, 3)))
        );
        assert!(w
            .clone()
            .mark_given_checked(sid(202612, 3), None, None, &corrected, at(2026, 12, 20))
            .is_ok());
        // A gift of a ticket listed as used is refused with that reason.
        let gift = Gift::new(w.get(sid(202612, 3)).unwrap().ticket.clone(), None, None).unwrap();
        assert_eq!(
            Wallet::new().receive_gift_checked(
                &gift,
                &demo::key_set(),
                VerifyPolicy::DEMO,
                &feed,
                at(2026, 12, 20)
            ),
            Err(WalletError::UsedPerFeed(sid(202612, 3)))
        );
    }

    /// A version-1 entry "used, reported by feed" loads as unused (the feed state is now
    /// computed), while the holder's own "redeemed" mark stays.
    #[test]
    fn v1_reported_by_feed_migrates_to_unused() {
        let tickets = dec();
        let t0 = tickets.tickets()[0].to_text();
        let t1 = tickets.tickets()[1].to_text();
        let json = format!(
            r#"{{"version":1,"entries":[{{"ticket":"{t0}","received_at":"2026-11-24T03:00:00Z","source":{{"kind":"issued","bundle":"202612-00000+20"}},"state":{{"state":"used","at":"2026-12-02T03:00:00Z","reason":"reported_by_feed"}}}},{{"ticket":"{t1}","received_at":"2026-11-24T03:00:00Z","source":{{"kind":"issued","bundle":"202612-00000+20"}},"state":{{"state":"used","at":"2026-12-02T03:00:00Z","reason":"redeemed"}}}}]}}"#
        );
        let loaded = Wallet::from_record_json(&json).unwrap();
        assert_eq!(
            loaded.wallet.get(sid(202612, 0)).unwrap().state,
            EntryState::Unused
        );
        assert!(matches!(
            loaded.wallet.get(sid(202612, 1)).unwrap().state,
            EntryState::Used {
                reason: UsedReason::Redeemed,
                ..
            }
        ));
    }

    #[test]
    fn gifts() {
        let mut giver = wallet();
        let s = sid(202612, 9);
        let ticket = giver.get(s).unwrap().ticket.clone();
        giver
            .mark_given(
                s,
                Some("佐藤さん".into()),
                Some("ありがとう".into()),
                at(2026, 12, 2),
            )
            .unwrap();
        let gift = Gift::new(ticket, Some("山田".into()), Some("ありがとう".into())).unwrap();
        let mut coworker = Wallet::new();
        let keys = demo::key_set();
        assert_eq!(
            coworker.receive_gift(&gift, &keys, VerifyPolicy::DEMO, at(2026, 12, 3)),
            Ok(s)
        );
        assert_eq!(
            coworker.receive_gift(&gift, &keys, VerifyPolicy::DEMO, at(2026, 12, 3)),
            Err(WalletError::AlreadyInWallet(s))
        );
        assert_eq!(
            coworker.get(s).unwrap().source,
            Source::Gift {
                from: Some("山田".into()),
                message: Some("ありがとう".into())
            }
        );
        assert_eq!(coworker.balance(day(2026, 12, 3)).usable_yen, Yen(1000));
        // The thank-you log: what each of them sees, newest first.
        let sent = giver.thanks();
        assert_eq!(sent.len(), 1);
        assert!(sent[0].sent);
        assert_eq!(sent[0].who.as_deref(), Some("佐藤さん"));
        assert_eq!(sent[0].message.as_deref(), Some("ありがとう"));
        assert_eq!(sent[0].at, at(2026, 12, 2));
        let received = coworker.thanks();
        assert_eq!(received.len(), 1);
        assert!(!received[0].sent);
        assert_eq!(received[0].who.as_deref(), Some("山田"));
        assert_eq!(received[0].at, at(2026, 12, 3));
        // She passes it on: both lines, the later first.
        coworker
            .mark_given(s, Some("鈴木さん".into()), None, at(2026, 12, 4))
            .unwrap();
        let both = coworker.thanks();
        assert_eq!(both.len(), 2);
        assert!(both[0].sent && both[0].at == at(2026, 12, 4));
        assert!(!both[1].sent);
        let mut late = Wallet::new();
        assert!(matches!(
            late.receive_gift(&gift, &keys, VerifyPolicy::DEMO, at(2027, 3, 1)),
            Err(WalletError::Rejected(Verdict::Expired { .. }))
        ));
        assert_eq!(
            late.receive_gift(&gift, &keys, VerifyPolicy::PRODUCTION, at(2026, 12, 3)),
            Err(WalletError::Rejected(Verdict::DemoNotAccepted))
        );
    }

    #[test]
    fn sorted_soonest_expiry_then_serial() {
        let mut w = wallet();
        let jan = Bundle::new(demo_month(YearMonth::new(2026, 11).unwrap()).unwrap()).unwrap();
        w.add_bundle(&jan, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 11, 24));
        let order: Vec<TicketId> = w.entries_by_expiry().iter().map(|e| e.id()).collect();
        // November's tickets expire 2027-01-31, December's 2027-02-28.
        assert_eq!(order[0], sid(202611, 0));
        assert_eq!(order[19], sid(202611, 19));
        assert_eq!(order[20], sid(202612, 0));
        assert_eq!(order.len(), 40);
    }

    #[test]
    fn grouped_lists_usable_first_to_expire_and_the_history_latest_first() {
        let mut w = wallet();
        let nov = Bundle::new(demo_month(YearMonth::new(2026, 11).unwrap()).unwrap()).unwrap();
        w.add_bundle(&nov, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 11, 24));
        w.mark_used(sid(202611, 3), at(2026, 12, 1)).unwrap();
        w.mark_used(sid(202612, 5), at(2026, 12, 2)).unwrap();
        let ids = |g: &[&WalletEntry]| g.iter().map(|e| e.id()).collect::<Vec<_>>();
        // 2027-02-01: November's tickets (valid until 2027-01-31) have expired.
        let groups = w.grouped(day(2027, 2, 1), &NothingUsed);
        let usable = ids(&groups[Group::Usable as usize]);
        assert_eq!(usable.len(), 19);
        assert_eq!(usable[0], sid(202612, 0));
        assert!(!usable.contains(&sid(202612, 5)));
        let done = ids(&groups[Group::Done as usize]);
        assert_eq!(done.len(), 21);
        // December's used ticket expires last: it leads the history; November's follow,
        // highest serial first.
        assert_eq!(done[0], sid(202612, 5));
        assert_eq!(done[1], sid(202611, 19));
        assert_eq!(done[20], sid(202611, 0));
        assert!(groups[Group::Given as usize].is_empty());
        assert!(groups[Group::Moved as usize].is_empty());
        // On 2026-12-05 nothing has expired: only the two used tickets are done.
        let groups = w.grouped(day(2026, 12, 5), &NothingUsed);
        assert_eq!(
            ids(&groups[Group::Done as usize]),
            vec![sid(202612, 5), sid(202611, 3)]
        );
        assert_eq!(groups[Group::Usable as usize].len(), 38);
    }

    #[test]
    fn merge_keeps_the_more_advanced_state() {
        let mut phone = wallet();
        let mut backup = wallet();
        let (a, b, c) = (sid(202612, 0), sid(202612, 1), sid(202612, 2));
        backup.mark_used(a, at(2026, 12, 3)).unwrap(); // backup ahead: Used > Unused
        phone.mark_given(b, None, None, at(2026, 12, 3)).unwrap(); // phone ahead: Given > Unused
        phone.mark_given(c, None, None, at(2026, 12, 3)).unwrap();
        backup.mark_used(c, at(2026, 12, 4)).unwrap(); // Used > Given
        let extra = Bundle::new(demo_month(YearMonth::new(2027, 1).unwrap()).unwrap()).unwrap();
        backup.add_bundle(
            &extra,
            &demo::key_set(),
            VerifyPolicy::DEMO,
            at(2026, 12, 31),
        );
        let report = phone.merge(backup.clone());
        assert_eq!(
            (report.added, report.advanced, report.unchanged),
            (20, 2, 18)
        );
        assert!(matches!(
            phone.get(a).unwrap().state,
            EntryState::Used { .. }
        ));
        assert!(matches!(
            phone.get(b).unwrap().state,
            EntryState::Given { .. }
        ));
        assert!(matches!(
            phone.get(c).unwrap().state,
            EntryState::Used { .. }
        ));
        assert_eq!(phone.len(), 40);
        let again = phone.merge(backup);
        assert_eq!(
            (again.added, again.advanced),
            (0, 0),
            "merging twice changes nothing"
        );
    }

    #[test]
    fn record_round_trip_and_recovery() {
        let mut w = wallet();
        w.mark_given(
            sid(202612, 1),
            Some("佐藤".into()),
            Some("感謝".into()),
            at(2026, 12, 2),
        )
        .unwrap();
        w.mark_used(sid(202612, 2), at(2026, 12, 2)).unwrap();
        let json = w.to_record_json();
        let loaded = Wallet::from_record_json(&json).unwrap();
        assert_eq!(loaded.wallet, w);
        assert!(loaded.problems.is_empty());
        // Damage entry 3's ticket and entry 5's state: the other 18 load.
        let mut v: Value = serde_json::from_str(&json).unwrap();
        v["entries"][3]["ticket"] = Value::from("JK1:AAAA");
        v["entries"][5]["state"] = Value::from("bogus");
        let loaded = Wallet::from_record_json(&v.to_string()).unwrap();
        assert_eq!(loaded.wallet.len(), 18);
        assert_eq!(
            loaded.problems.iter().map(|p| p.index).collect::<Vec<_>>(),
            vec![3, 5]
        );
        for (json, ok) in [
            (
                r#"{"version":4,"entries":[]}"#,
                Err(WalletError::NewerVersion(4)),
            ),
            (
                r#"{"entries":[]}"#,
                Err(WalletError::NotAWallet("no version".into())),
            ),
        ] {
            assert_eq!(Wallet::from_record_json(json).map(|l| l.wallet), ok);
        }
        assert!(Wallet::from_record_json("<html>").is_err());
    }

    /// Golden fixture: a version-1 record as written today must keep loading.
    #[test]
    fn v1_record_fixture_loads() {
        let ticket = dec().tickets()[0].to_text();
        let json = format!(
            r#"{{"version":1,"entries":[{{"ticket":"{ticket}","received_at":"2026-11-24T03:00:00Z","source":{{"kind":"issued","bundle":"202612-00000+20"}},"state":{{"state":"given","to":"佐藤","at":"2026-12-02T03:00:00Z","message":null}}}}]}}"#
        );
        let loaded = Wallet::from_record_json(&json).unwrap();
        assert!(loaded.problems.is_empty());
        let e = loaded.wallet.get(sid(202612, 0)).unwrap();
        assert_eq!(e.received_at, at(2026, 11, 24));
        assert!(matches!(&e.state, EntryState::Given { to: Some(t), .. } if t == "佐藤"));
        assert_eq!(
            loaded.wallet.to_record_json(),
            json.replace(r#"{"version":1"#, r#"{"version":3"#)
        );
    }

    #[test]
    fn export_import_backup() {
        let mut w = wallet();
        w.mark_used(sid(202612, 0), at(2026, 12, 3)).unwrap();
        let file = w.export_json(at(2026, 12, 4)).unwrap();
        let v: Value = serde_json::from_str(&file).unwrap();
        assert_eq!(v["format"], "jokatsu-wallet");
        assert_eq!(v["version"], 3);
        assert_eq!(v["exported_at"], "2026-12-04T03:00:00Z");
        let mut fresh = Wallet::new();
        let r = fresh
            .import_backup(&file, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!((r.added, r.problems.len()), (20, 0));
        assert_eq!(fresh, w);
        // A forged entry is reported, the rest imported.
        let forged = issue(
            dec().tickets()[1].body().spec(),
            &SigningKey::from_bytes(&[3; 32]),
        )
        .unwrap();
        let mut v = v;
        v["entries"][1]["ticket"] = Value::from(forged.to_text());
        let mut fresh = Wallet::new();
        let r = fresh
            .import_backup(&v.to_string(), &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!(r.added, 19);
        assert_eq!(r.problems.len(), 1);
        assert_eq!(r.problems[0].index, 1);
        assert!(
            r.problems[0].reason.contains("Forged"),
            "{}",
            r.problems[0].reason
        );
        // The persisted record is not a backup file.
        assert!(Wallet::new()
            .import_backup(&w.to_record_json(), &demo::key_set(), VerifyPolicy::DEMO)
            .is_err());
    }

    /// Merge on save, as a table: (stored state, in-memory state) → kept state.
    #[test]
    fn merge_on_save_table() {
        let unused = EntryState::Unused;
        let given = |d: u32, to: &str| EntryState::Given {
            to: Some(to.into()),
            at: at(2026, 12, d),
            message: None,
            from: None,
        };
        let used = |d: u32| EntryState::Used {
            at: at(2026, 12, d),
            reason: UsedReason::Redeemed,
        };
        let cases = [
            (
                "both unused",
                unused.clone(),
                unused.clone(),
                unused.clone(),
            ),
            (
                "given in this tab",
                unused.clone(),
                given(3, "A"),
                given(3, "A"),
            ),
            (
                "given in the other tab",
                given(3, "A"),
                unused.clone(),
                given(3, "A"),
            ),
            ("used in this tab", unused.clone(), used(4), used(4)),
            ("used in the other tab", used(4), unused.clone(), used(4)),
            ("used beats given", given(3, "A"), used(4), used(4)),
            (
                "used beats given (other side)",
                used(4),
                given(3, "A"),
                used(4),
            ),
            (
                "earlier gift wins",
                given(5, "B"),
                given(3, "A"),
                given(3, "A"),
            ),
            (
                "earlier gift wins (other side)",
                given(3, "A"),
                given(5, "B"),
                given(3, "A"),
            ),
            ("earlier use wins", used(6), used(4), used(4)),
            (
                "exact tie keeps stored",
                given(3, "A"),
                given(3, "B"),
                given(3, "A"),
            ),
        ];
        let id = sid(202612, 0);
        for (what, stored_state, mine_state, expected) in cases {
            let mut stored = wallet();
            let mut mine = wallet();
            stored.entries.get_mut(&id).unwrap().state = stored_state;
            mine.entries.get_mut(&id).unwrap().state = mine_state;
            let merged = merge(&stored, &mine);
            assert_eq!(merged.get(id).unwrap().state, expected, "{what}");
            assert_eq!(merged.len(), 20, "{what}");
        }
    }

    #[test]
    fn merge_on_save_keeps_tickets_from_both_tabs() {
        // Tab A holds December; tab B received a gift and January meanwhile and saved.
        let tab_a = wallet();
        let mut stored = Wallet::new();
        let jan = Bundle::new(demo_month(YearMonth::new(2027, 1).unwrap()).unwrap()).unwrap();
        stored.add_bundle(&jan, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 12, 28));
        let gift_ticket = tab_a.get(sid(202612, 9)).unwrap().ticket.clone();
        let mut other_person = Wallet::new();
        other_person
            .receive_gift(
                &Gift::new(gift_ticket, Some("山田".into()), None).unwrap(),
                &demo::key_set(),
                VerifyPolicy::DEMO,
                at(2026, 12, 3),
            )
            .unwrap();
        let merged = merge(&stored, &tab_a);
        assert_eq!(merged.len(), 40);
        // Order does not lose anything either, and merging again changes nothing.
        assert_eq!(merge(&tab_a, &stored).len(), 40);
        assert_eq!(merge(&merged, &tab_a), merged);
        assert_eq!(merge(&merged, &stored), merged);
        // The same ticket received two ways: the earlier receipt and its source are kept.
        let both = merge(&other_person, &tab_a);
        let e = both.get(sid(202612, 9)).unwrap();
        assert_eq!(e.received_at, at(2026, 11, 24));
        assert!(matches!(e.source, Source::Issued { .. }));
        // Demo and real tickets with the same serial are two entries.
        let real = TicketId {
            demo: false,
            ..sid(202612, 0)
        };
        assert_ne!(real, sid(202612, 0));
        assert!(merged.get(real).is_none());
    }

    proptest::proptest! {
        /// Union: every ticket of either side is in the merge, and the state is never
        /// less advanced than either side's.
        #[test]
        fn merge_is_a_union_and_never_goes_back(ops in proptest::collection::vec((0u16..20, 0u8..3, proptest::bool::ANY), 0..30)) {
            let mut stored = Wallet::new();
            let mut mine = Wallet::new();
            let dec = dec();
            for (i, op, side) in ops {
                let w = if side { &mut stored } else { &mut mine };
                let t = dec.tickets()[usize::from(i)].clone();
                let b = Bundle::new(vec![t]).unwrap();
                w.add_bundle(&b, &demo::key_set(), VerifyPolicy::DEMO, at(2026, 11, 24));
                let id = sid(202612, i);
                let _ = match op {
                    1 => w.mark_given(id, None, None, at(2026, 12, 2)),
                    2 => w.mark_used(id, at(2026, 12, 2)),
                    _ => Ok(()),
                };
            }
            let merged = merge(&stored, &mine);
            for side in [&stored, &mine] {
                for e in side.entries() {
                    let m = merged.get(e.id());
                    proptest::prop_assert!(m.is_some());
                    proptest::prop_assert!(m.map(|m| m.state.rank()).unwrap_or(0) >= e.state.rank());
                }
            }
            proptest::prop_assert!(merged.len() <= stored.len() + mine.len());
        }
    }

    #[test]
    fn imported_backup_text_is_cleaned_and_capped() {
        let mut w = wallet();
        w.mark_given(sid(202612, 1), Some("佐藤".into()), None, at(2026, 12, 2))
            .unwrap();
        let mut v: Value = serde_json::from_str(&w.export_json(at(2026, 12, 4)).unwrap()).unwrap();
        v["entries"][1]["state"]["to"] = Value::from("\u{202E}佐藤\u{0007}");
        v["entries"][1]["state"]["message"] = Value::from(format!("{}\u{2066}", "あ".repeat(200)));
        v["entries"][0]["source"] = serde_json::json!({"kind": "gift", "from": "\u{200F}山田\r\n", "message": "a\r\nb\u{202D}"});
        let mut fresh = Wallet::new();
        let r = fresh
            .import_backup(&v.to_string(), &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!((r.added, r.problems.len()), (20, 0));
        match &fresh.get(sid(202612, 1)).unwrap().state {
            EntryState::Given { to, message, .. } => {
                assert_eq!(to.as_deref(), Some("佐藤"));
                assert_eq!(message.as_deref().map(|m| m.chars().count()), Some(140));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            fresh.get(sid(202612, 0)).unwrap().source,
            Source::Gift {
                from: Some("山田".into()),
                message: Some("a\nb".into())
            }
        );
        // Typed names are cleaned too.
        let mut w = wallet();
        w.mark_given(
            sid(202612, 2),
            Some("\u{202E}A\u{202C}".into()),
            Some("x\r\ny".into()),
            at(2026, 12, 2),
        )
        .unwrap();
        assert!(matches!(
            &w.get(sid(202612, 2)).unwrap().state,
            EntryState::Given { to: Some(t), message: Some(m), .. } if t == "A" && m == "x\ny"
        ));
    }

    /// Giving is deliberate: a name is required, the gift shown again is the same gift,
    /// a used-per-feed ticket is refused, and a re-opened link is recognised.
    #[test]
    fn give_requires_a_name_and_the_same_gift_can_be_shown_again() {
        let mut w = wallet();
        let id = sid(202612, 2);
        let now = at(2026, 12, 5);
        for empty in ["", "   ", "\u{202e}"] {
            assert_eq!(
                w.give(id, empty, None, None, &NothingUsed, now),
                Err(WalletError::NameRequired),
                "{empty:?}"
            );
        }
        assert_eq!(
            w.get(id).unwrap().state,
            EntryState::Unused,
            "nothing written"
        );
        let gift = w
            .give(
                id,
                " 佐藤さん ",
                Some("山田".into()),
                Some("ありがとう".into()),
                &NothingUsed,
                now,
            )
            .unwrap();
        assert_eq!(gift.from.as_deref(), Some("山田"));
        assert!(matches!(
            &w.get(id).unwrap().state,
            EntryState::Given { to: Some(t), from: Some(f), .. } if t == "佐藤さん" && f == "山田"
        ));
        assert_eq!(w.gift_again(id), Some(gift.clone()), "the same gift again");
        assert_eq!(w.gift_again(sid(202612, 4)), None, "not given: no gift");
        assert_eq!(
            w.give(id, "鈴木", None, None, &NothingUsed, now),
            Err(WalletError::AlreadyGiven(id))
        );
        // The giver opening her own link; the receiver opening it twice.
        assert_eq!(w.gift_state(&gift), GiftState::GivenByMe);
        let mut coworker = Wallet::new();
        assert_eq!(coworker.gift_state(&gift), GiftState::New);
        coworker
            .receive_gift(&gift, &demo::key_set(), VerifyPolicy::DEMO, now)
            .unwrap();
        assert_eq!(coworker.gift_state(&gift), GiftState::AlreadyReceived);
        // Listed as used by the city: refused with that reason.
        let mut feed = UsedSet::default();
        feed.mark(sid(202612, 6));
        assert_eq!(
            w.give(sid(202612, 6), "佐藤", None, None, &feed, now),
            Err(WalletError::UsedPerFeed(sid(202612, 6)))
        );
        // Records without `from` still load.
        let json = w.to_record_json().replace(r#","from":"山田""#, "");
        assert!(!json.contains("山田"));
        let loaded = Wallet::from_record_json(&json).unwrap().wallet;
        assert!(matches!(
            &loaded.get(id).unwrap().state,
            EntryState::Given { from: None, .. }
        ));
    }

    /// Undo of a gift: the ticket is usable here again; another tab's older "given" copy
    /// does not undo the take-back on save, a later give does win, a used ticket stays
    /// used; only a given ticket can be taken back.
    #[test]
    fn a_gift_can_be_taken_back_and_saving_from_another_tab_keeps_it_back() {
        let now = at(2026, 12, 5);
        let id = sid(202612, 2);
        let mut w = wallet();
        assert_eq!(w.take_back(id), Err(WalletError::NotGiven(id)));
        let gift = w
            .give(id, "佐藤さん", None, None, &NothingUsed, now)
            .unwrap();
        let other_tab = w.clone(); // still "given"
        w.take_back(id).unwrap();
        let e = w.get(id).unwrap();
        assert_eq!((&e.state, e.take_backs), (&EntryState::Unused, 1));
        assert!(e.is_usable(day(2026, 12, 5), &NothingUsed));
        assert_eq!(w.balance(day(2026, 12, 5)).usable_count, 20);
        // Her own link opened on this phone now finds the ticket here, usable.
        assert_eq!(w.gift_state(&gift), GiftState::AlreadyReceived);
        // Read-merge-write from either side keeps the take-back.
        for merged in [merge(&other_tab, &w), merge(&w, &other_tab)] {
            assert_eq!(merged.get(id).unwrap().state, EntryState::Unused);
        }
        // An older backup (given) imported later does not bring the gift back either.
        let backup = other_tab.export_json(now).unwrap();
        let r = w
            .import_backup(&backup, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!((r.added, r.advanced), (0, 0));
        assert_eq!(w.get(id).unwrap().state, EntryState::Unused);
        // Given again after the take-back: that gift wins over the taken-back copy.
        let back = w.clone();
        w.give(id, "鈴木さん", None, None, &NothingUsed, now)
            .unwrap();
        assert!(matches!(
            merge(&back, &w).get(id).unwrap().state,
            EntryState::Given { .. }
        ));
        // Used in a tab that never saw the take-back: used wins.
        let mut used_tab = other_tab.clone();
        used_tab.take_back(id).unwrap();
        used_tab.mark_used(id, now).unwrap();
        let mut more = back.clone();
        more.give(id, "x", None, None, &NothingUsed, now).unwrap();
        more.take_back(id).unwrap();
        assert!(matches!(
            merge(&more, &used_tab).get(id).unwrap().state,
            EntryState::Used { .. }
        ));
        assert_eq!(used_tab.take_back(id), Err(WalletError::AlreadyUsed(id)));
        // The stored form: `take_backs` only when not 0, and records without it load.
        let json = back.to_record_json();
        assert!(json.contains(r#""take_backs":1"#), "{json}");
        assert_eq!(wallet().to_record_json().matches("take_backs").count(), 0);
        let loaded = Wallet::from_record_json(&json).unwrap().wallet;
        assert_eq!(loaded, back);
    }

    /// The summary line and the expiring-soon banner, as a table over the demo month
    /// (valid 2026-12-01..=2027-02-28).
    #[test]
    fn summary_and_groups() {
        let mut w = wallet();
        w.mark_used(sid(202612, 0), at(2026, 12, 5)).unwrap();
        w.mark_given(sid(202612, 1), Some("佐藤".into()), None, at(2026, 12, 5))
            .unwrap();
        let mut feed = UsedSet::default();
        feed.mark(sid(202612, 2));
        let cases = [
            // (today, count, earliest, expiring soon)
            (day(2026, 11, 30), 0, None, 0),
            (day(2026, 12, 10), 17, Some(day(2027, 2, 28)), 0),
            (day(2027, 2, 13), 17, Some(day(2027, 2, 28)), 0),
            (day(2027, 2, 14), 17, Some(day(2027, 2, 28)), 17),
            (day(2027, 2, 28), 17, Some(day(2027, 2, 28)), 17),
            (day(2027, 3, 1), 0, None, 0),
        ];
        for (today, count, earliest, soon) in cases {
            let s = w.summary_at(today, &feed);
            assert_eq!(
                (s.count, s.earliest_until, s.expiring_soon),
                (count, earliest, soon),
                "{today}"
            );
            assert_eq!(s.face, (count > 0).then_some(Yen(1000)), "{today}");
        }
        let groups = |id| {
            w.get(id)
                .unwrap()
                .status_at(day(2026, 12, 10), &feed)
                .group()
        };
        assert_eq!(groups(sid(202612, 0)), Group::Done, "used");
        assert_eq!(groups(sid(202612, 1)), Group::Given);
        assert_eq!(groups(sid(202612, 2)), Group::Done, "used per the feed");
        assert_eq!(groups(sid(202612, 3)), Group::Usable);
        assert_eq!(
            w.get(sid(202612, 3))
                .unwrap()
                .status_at(day(2026, 11, 30), &feed)
                .group(),
            Group::Usable,
            "not yet valid is listed with the usable ones"
        );
    }

    /// Moving to a new phone: the old phone's file carries every ticket; the unused ones
    /// arrive usable on the new phone, and on the old phone they become "moved" (not
    /// usable, shown apart), with their history (given, used) kept on both.
    #[test]
    fn transfer_old_phone_to_new_phone() {
        let today = day(2026, 12, 5);
        let mut old = wallet();
        old.mark_used(sid(202612, 0), at(2026, 12, 3)).unwrap();
        old.give(
            sid(202612, 1),
            "佐藤",
            None,
            None,
            &NothingUsed,
            at(2026, 12, 3),
        )
        .unwrap();
        let file = old.transfer_json(at(2026, 12, 5)).unwrap();
        let v: Value = serde_json::from_str(&file).unwrap();
        assert_eq!(v["format"], "jokatsu-transfer");
        assert_eq!(v["version"], 1);
        assert_eq!(v["moving"], 18);
        assert_eq!(v["entries"].as_array().map(Vec::len), Some(20));
        assert_eq!(old.mark_moved(at(2026, 12, 5)), 18);
        assert_eq!(old.moved_count(), 18);
        // The old phone: nothing usable, the moved ones in their own group, nothing lost.
        assert_eq!(old.len(), 20);
        assert_eq!(old.balance(today).usable_count, 0);
        let e = old.get(sid(202612, 5)).unwrap();
        assert_eq!(e.status(today), EntryStatus::Moved);
        assert_eq!(e.status(today).group(), Group::Moved);
        assert_eq!(
            old.mark_used(sid(202612, 5), at(2026, 12, 6)),
            Err(WalletError::Moved(sid(202612, 5)))
        );
        assert!(matches!(
            old.give(
                sid(202612, 5),
                "佐藤",
                None,
                None,
                &NothingUsed,
                at(2026, 12, 6)
            ),
            Err(WalletError::Moved(_))
        ));
        // The new phone.
        let mut new = Wallet::new();
        let r = new
            .import_transfer(&file, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!((r.added, r.problems.len()), (20, 0));
        assert_eq!(new.balance(today).usable_count, 18);
        assert_eq!(
            new.get(sid(202612, 0)).unwrap().status(today),
            EntryStatus::Used
        );
        assert_eq!(new.thanks().len(), 1, "the thank-you log goes along");
        // Receiving the same file again adds nothing.
        let r = new
            .import_transfer(&file, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!((r.added, r.advanced, r.unchanged), (0, 0, 20));
        // The file opened on the old phone itself is refused and changes nothing.
        let before = old.clone();
        assert_eq!(
            old.import_transfer(&file, &demo::key_set(), VerifyPolicy::DEMO),
            Err(WalletError::OwnTransfer)
        );
        assert_eq!(old, before);
        // Moving twice: a second file carries the moved ones again (the first may be lost).
        let again: Value =
            serde_json::from_str(&old.transfer_json(at(2026, 12, 6)).unwrap()).unwrap();
        assert_eq!(again["moving"], 18);
    }

    /// The old phone's undo (the file never arrived): moved tickets are usable again, and
    /// another tab's older "moved" copy does not undo the undo on save.
    #[test]
    fn a_move_can_be_undone_and_a_stale_tab_does_not_redo_it() {
        let today = day(2026, 12, 5);
        let mut w = wallet();
        assert_eq!(
            Wallet::new().transfer_json(at(2026, 12, 5)),
            Err(WalletError::NothingToMove)
        );
        w.mark_moved(at(2026, 12, 5));
        let stale = w.clone();
        assert_eq!(w.undo_move(), 20);
        assert_eq!(w.balance(today).usable_count, 20);
        let saved = merge(&stale, &w);
        assert_eq!(saved.balance(today).usable_count, 20);
        // A tab that still thinks they are unused does not bring back moved ones.
        let mut moved = wallet();
        moved.mark_moved(at(2026, 12, 5));
        assert_eq!(merge(&moved, &wallet()).moved_count(), 20);
        assert_eq!(merge(&wallet(), &moved).moved_count(), 20);
    }

    /// Files never turn a ticket already here into "moved"; a ticket new to the wallet
    /// keeps its "moved" (the old phone's backup restored on either phone).
    #[test]
    fn a_backup_with_moved_tickets_restores_without_hiding_tickets() {
        let today = day(2026, 12, 5);
        let mut old = wallet();
        let transfer = old.transfer_json(at(2026, 12, 5)).unwrap();
        old.mark_moved(at(2026, 12, 5));
        let backup = old.export_json(at(2026, 12, 5)).unwrap();
        // The new phone received the transfer, then restores the old phone's backup.
        let mut new = Wallet::new();
        new.import_transfer(&transfer, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        new.import_backup(&backup, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!(new.balance(today).usable_count, 20);
        // The old phone lost its data and restores its own backup: still moved.
        let mut wiped = Wallet::new();
        wiped
            .import_backup(&backup, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!(wiped.moved_count(), 20);
        assert_eq!(wiped.balance(today).usable_count, 0);
    }

    /// Bad or foreign input is refused with a typed error and changes nothing; a forged
    /// entry is reported and the rest received.
    #[test]
    fn bad_transfer_input_is_refused_and_loses_nothing() {
        let w = wallet();
        let file = w.transfer_json(at(2026, 12, 5)).unwrap();
        let backup = w.export_json(at(2026, 12, 5)).unwrap();
        let bundle = dec().to_file_json();
        type Expect = fn(&WalletError) -> bool;
        let cases: [(&str, Expect); 7] = [
            ("<html>error</html>", |e| {
                matches!(e, WalletError::NotATransfer(_))
            }),
            ("", |e| matches!(e, WalletError::NotATransfer(_))),
            (
                r#"{"format":"jokatsu-transfer","version":9,"entries":[]}"#,
                |e| matches!(e, WalletError::NewerVersion(9)),
            ),
            (r#"{"format":"jokatsu-transfer","entries":[]}"#, |e| {
                matches!(e, WalletError::NotATransfer(_))
            }),
            (r#"{"format":"jokatsu-transfer","version":1}"#, |e| {
                matches!(e, WalletError::NotATransfer(_))
            }),
            (&backup, |e| matches!(e, WalletError::NotATransfer(_))),
            (&bundle, |e| matches!(e, WalletError::NotATransfer(_))),
        ];
        for (text, expected) in cases {
            let mut target = wallet();
            target.mark_used(sid(202612, 3), at(2026, 12, 4)).unwrap();
            let before = target.clone();
            let err = target
                .import_transfer(text, &demo::key_set(), VerifyPolicy::DEMO)
                .unwrap_err();
            assert!(expected(&err), "{text:.40}: {err:?}");
            assert_eq!(target, before, "{text:.40}");
            assert!(err.to_string().contains(" / "), "Japanese / English: {err}");
        }
        // One forged and one damaged entry: reported; the 18 others arrive.
        let forged = issue(
            dec().tickets()[1].body().spec(),
            &SigningKey::from_bytes(&[3; 32]),
        )
        .unwrap();
        let mut v: Value = serde_json::from_str(&file).unwrap();
        v["entries"][1]["ticket"] = Value::from(forged.to_text());
        v["entries"][2]["ticket"] = Value::from("JK1:DAMAGED");
        let mut new = Wallet::new();
        let r = new
            .import_transfer(
                &format!("\u{feff}{v}"),
                &demo::key_set(),
                VerifyPolicy::DEMO,
            )
            .unwrap();
        assert_eq!(r.added, 18);
        assert_eq!(
            r.problems.iter().map(|p| p.index).collect::<Vec<_>>(),
            vec![1, 2]
        );
    }

    /// Schema 3: a record with a moved ticket round-trips; a version-2 record loads
    /// unchanged (2 → 3 rewrites nothing).
    #[test]
    fn v3_record_with_moved_round_trips_and_v2_loads() {
        let mut w = wallet();
        w.mark_moved(at(2026, 12, 5));
        let json = w.to_record_json();
        assert!(json.starts_with(r#"{"version":3"#));
        assert!(json.contains(r#""state":{"state":"moved","at":"2026-12-05T03:00:00Z"}"#));
        assert_eq!(Wallet::from_record_json(&json).unwrap().wallet, w);
        let v2 = wallet()
            .to_record_json()
            .replace(r#"{"version":3"#, r#"{"version":2"#);
        let loaded = Wallet::from_record_json(&v2).unwrap();
        assert!(loaded.problems.is_empty());
        assert_eq!(loaded.wallet, wallet());
        // A version-2 backup file still imports.
        let file = wallet()
            .export_json(at(2026, 12, 5))
            .unwrap()
            .replace(r#""version": 3"#, r#""version": 2"#);
        let mut fresh = Wallet::new();
        let r = fresh
            .import_backup(&file, &demo::key_set(), VerifyPolicy::DEMO)
            .unwrap();
        assert_eq!(r.added, 20);
    }
}
