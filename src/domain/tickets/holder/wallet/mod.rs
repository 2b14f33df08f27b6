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

mod backup;
mod balance;
mod merging;
mod migration;
mod tagged;
mod transfer;

pub use merging::merge;
pub use migration::{migrate, migrate_entries_v1};

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use crate::domain::shared::base64url;
use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::{clean_line, clean_multiline, Lang};
use crate::domain::shared::wording::{say, Wording};
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

/// How the ticket came into this wallet. Read by hand (`tagged.rs`), as the derive would.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
/// Read by hand (`tagged.rs`), as the derive would.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
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
    #[serde(deserialize_with = "crate::domain::shared::instant::de")]
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

/// Errors of wallet operations and wallet files, worded for the holder
/// ([`Wording::wording`]; `Display` is the Japanese).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum WalletError {
    NotInWallet(TicketId),
    AlreadyGiven(TicketId),
    AlreadyUsed(TicketId),
    UsedPerFeed(TicketId),
    Expired(TicketId),
    AlreadyInWallet(TicketId),
    Rejected(Verdict),
    NotGiven(TicketId),
    NameRequired,
    NameTooLong,
    MessageTooLong,
    TooLarge(usize),
    NotAWallet(String),
    NewerVersion(u64),
    Encode(String),
    Moved(TicketId),
    NothingToMove,
    NotATransfer(String),
    OwnTransfer,
}

impl Wording for WalletError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::NotInWallet(id) => say!(
                lang,
                "チケット {id} はこのウォレットにありません。",
                "ticket {id} is not in this wallet",
            ),
            Self::AlreadyGiven(id) => say!(
                lang,
                "チケット {id} はすでに渡しました。",
                "ticket {id} has already been given away",
            ),
            Self::AlreadyUsed(id) => say!(
                lang,
                "チケット {id} は使用済みです。",
                "ticket {id} has already been used",
            ),
            Self::UsedPerFeed(id) => say!(
                lang,
                "チケット {id} は市の記録で使用済みです。使用済みのチケットは渡すことも受け取ることもできません。",
                "ticket {id} is listed as used by the city",
            ),
            Self::Expired(id) => say!(
                lang,
                "チケット {id} は有効期限切れです。",
                "ticket {id} has expired",
            ),
            Self::AlreadyInWallet(id) => say!(
                lang,
                "チケット {id} はすでにウォレットにあります。",
                "ticket {id} is already in this wallet",
            ),
            // The app words a refused ticket with its verdict's headline and explanation
            // (`ui::tickets::wallet_error_text`); this is the short form.
            Self::Rejected(verdict) => say!(
                lang,
                "このチケットは受け取れません。",
                "this ticket cannot be accepted: {verdict}",
            ),
            Self::NotGiven(id) => say!(
                lang,
                "チケット {id} は渡していません。",
                "ticket {id} has not been given away",
            ),
            Self::NameRequired => say(
                lang,
                "渡す相手の名前を入れてください（あなたの控え用です）。",
                "enter the name of the person you give it to",
            ),
            Self::NameTooLong => say(
                lang,
                "名前が40文字を超えています。",
                "the name is longer than 40 characters",
            ),
            Self::MessageTooLong => say(
                lang,
                "メッセージが140文字を超えています。",
                "the message is longer than 140 characters",
            ),
            Self::TooLarge(n) => say!(
                lang,
                "データが大きすぎます。",
                "the wallet data is too large ({n} bytes)",
            ),
            Self::NotAWallet(why) => say!(
                lang,
                "このアプリのウォレットの控えファイルではありません。",
                "not a JOKATSU wallet file: {why}",
            ),
            Self::NewerVersion(v) => say!(
                lang,
                "新しい版のアプリで保存された控えです。アプリを更新してください。",
                "this wallet was saved by a newer version of the app (version {v}); please update the app",
            ),
            Self::Encode(why) => say!(
                lang,
                "控えのファイルを作れませんでした。",
                "the wallet could not be written as a file ({why})",
            ),
            Self::Moved(id) => say!(
                lang,
                "チケット {id} は新しい端末に移しました。",
                "ticket {id} was moved to a new phone",
            ),
            Self::NothingToMove => say(
                lang,
                "移せるチケットがありません。",
                "there are no tickets to move",
            ),
            Self::NotATransfer(why) => say!(
                lang,
                "このアプリの移行用ファイルではありません。古いスマホの「新しい端末に移す」で保存したファイルを選んでください。",
                "not a JOKATSU transfer file: {why}",
            ),
            Self::OwnTransfer => say(
                lang,
                "このスマホで作った移行用ファイルです。新しい端末で開いてください。",
                "this transfer file was made on this phone: open it on the new phone",
            ),
        }
    }
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
    /// Changes a file from another wallet would make to tickets already here: not made,
    /// listed for the holder to confirm ([`Wallet::apply_confirmed`]).
    pub pending: Vec<PendingChange>,
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

/// The export file: `{"format":"jokatsu-wallet","version":3,"exported_at":…,
/// "wallet_id":…,"entries":[…]}`.
#[derive(Debug, Clone, Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u32,
    exported_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wallet_id: Option<WalletId>,
    entries: Vec<&'a WalletEntry>,
}

/// `format` value of a transfer file (moving to a new phone, `docs/transfer-format.md`).
pub const TRANSFER_FILE_FORMAT: &str = "jokatsu-transfer";
/// Version of the transfer file.
pub const TRANSFER_FILE_VERSION: u32 = 1;

/// A transfer file and the tickets it moves ([`Wallet::transfer_file`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransferFile {
    pub json: String,
    /// The tickets written as moving, for [`Wallet::mark_moved`].
    pub moving: Vec<TicketId>,
}

/// The transfer file ([`Wallet::transfer_json`]).
#[derive(Debug, Clone, Serialize)]
struct TransferOut<'a> {
    format: &'static str,
    version: u32,
    created_at: DateTime<Utc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wallet_id: Option<WalletId>,
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
    /// This wallet's identity, written into its backup and transfer files so that a file
    /// from her own wallet can be told from someone else's ([`WalletId`]). `None` until
    /// the first file is written ([`Wallet::ensure_id`]).
    id: Option<WalletId>,
}

/// A wallet's identity: 16 random bytes from the platform, written as 22 characters of
/// base64url without padding (`docs/storage.md`, `docs/transfer-format.md`). It is not a
/// secret and proves nothing to anyone else; it only tells this wallet whether a file it
/// opens was written by itself (its own backup), in which case the file may change the
/// state of tickets already here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct WalletId([u8; WALLET_ID_LEN]);

/// Bytes of a [`WalletId`].
pub const WALLET_ID_LEN: usize = 16;

impl WalletId {
    /// The id made of `random` (fresh random bytes from the platform).
    pub fn from_random(random: [u8; WALLET_ID_LEN]) -> Self {
        Self(random)
    }

    /// Reads the text form; `None` unless exactly 22 base64url characters of 16 bytes.
    pub fn parse(text: &str) -> Option<Self> {
        if text.len() != 22 {
            return None;
        }
        let raw = base64url::decode(text).ok()?;
        <[u8; WALLET_ID_LEN]>::try_from(raw.as_slice())
            .ok()
            .map(Self)
    }

    /// The text form: 22 characters of base64url without padding.
    pub fn to_text(self) -> String {
        base64url::encode(self.0)
    }
}

impl Serialize for WalletId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_text())
    }
}

impl<'de> Deserialize<'de> for WalletId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        WalletId::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("wallet_id: not 22 base64url characters"))
    }
}

/// A change a file would make to a ticket already in this wallet, held back because the
/// file is not from this wallet ([`MergeReport::pending`]). Applied only when the holder
/// confirms ([`Wallet::apply_confirmed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingChange {
    /// Position of the entry in the file.
    pub index: usize,
    /// The ticket's state here now.
    pub here: EntryState,
    /// The entry as the file has it (a "moved" already read as unused).
    pub incoming: WalletEntry,
}

fn state_name(state: &EntryState, lang: Lang) -> String {
    match state {
        EntryState::Unused => say(lang, "未使用", "unused"),
        EntryState::Given { .. } => say(lang, "渡した", "given"),
        EntryState::Used { .. } => say(lang, "使用済み", "used"),
        EntryState::Moved { .. } => say(lang, "新しい端末に移した", "moved to a new phone"),
    }
}

/// 「チケット 202612-00003：このスマホでは「未使用」、ファイルでは「使用済み」」.
impl Wording for PendingChange {
    fn wording(&self, lang: Lang) -> String {
        let id = self.incoming.id();
        let here = state_name(&self.here, lang);
        let there = state_name(&self.incoming.state, lang);
        say!(
            lang,
            "チケット {id}：このスマホでは「{here}」、ファイルでは「{there}」",
            "ticket {id}: {here} on this phone, {there} in the file",
        )
    }
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

impl Wallet {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// This wallet's identity, if it has one yet.
    pub fn id(&self) -> Option<WalletId> {
        self.id
    }

    /// Sets the identity read from storage.
    pub fn with_id(mut self, id: Option<WalletId>) -> Self {
        self.id = id;
        self
    }

    /// The identity, made from `random` (16 fresh random bytes) if the wallet has none
    /// yet. Called before a backup or transfer file is written, so the file carries it.
    pub fn ensure_id(&mut self, random: [u8; WALLET_ID_LEN]) -> WalletId {
        *self.id.get_or_insert(WalletId::from_random(random))
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
        crate::domain::shared::small_sort::sort_by_key(&mut log, |t| {
            std::cmp::Reverse((t.at, t.ticket, t.sent))
        });
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
}

#[cfg(test)]
mod tests;
