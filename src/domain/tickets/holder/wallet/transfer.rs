//! Moving to a new phone: the transfer file, the "moved" state and its undo, and receiving the file on the new phone (`docs/transfer-format.md`).

use super::backup::{file_wallet_id, parse_json, read_entries};
use super::*;

impl Wallet {
    /// **Rule: moving to a new phone.** The transfer file
    /// `{"format":"jokatsu-transfer","version":1,"created_at":…,"moving":N,"entries":[…]}`
    /// (`docs/transfer-format.md`): every entry of this wallet, with the ones that move —
    /// unused here, or moved by an earlier transfer that may not have arrived — written as
    /// unused; given and used ones keep their state (her history and thank-you log go
    /// along). Nothing changes here: call [`Self::mark_moved`] once the file is saved.
    /// [`WalletError::NothingToMove`] when no ticket would move.
    pub fn transfer_json(&self, now: DateTime<Utc>) -> Result<String, WalletError> {
        self.transfer_file(now).map(|f| f.json)
    }

    /// [`Self::transfer_json`] with the tickets the file moves: pass them to
    /// [`Self::mark_moved`] once the file is handed over.
    pub fn transfer_file(&self, now: DateTime<Utc>) -> Result<TransferFile, WalletError> {
        let mut moving_ids = Vec::new();
        let entries: Vec<WalletEntry> = self
            .entries
            .values()
            .map(|e| {
                let mut e = e.clone();
                if matches!(e.state, EntryState::Unused | EntryState::Moved { .. }) {
                    e.state = EntryState::Unused;
                    moving_ids.push(e.id());
                }
                e
            })
            .collect();
        if moving_ids.is_empty() {
            return Err(WalletError::NothingToMove);
        }
        let file = TransferOut {
            format: TRANSFER_FILE_FORMAT,
            version: TRANSFER_FILE_VERSION,
            created_at: now,
            wallet_id: self.id,
            moving: moving_ids.len(),
            entries: entries.iter().collect(),
        };
        let json =
            serde_json::to_string_pretty(&file).map_err(|e| WalletError::Encode(e.to_string()))?;
        Ok(TransferFile {
            json,
            moving: moving_ids,
        })
    }

    /// **Rule: only what was written moves.** After the transfer file is handed over:
    /// each ticket the file moved (`written`, from [`Self::transfer_file`]) that is still
    /// unused here becomes `Moved` (not usable on this phone any more, shown apart). A
    /// ticket that arrived after the file was written (a gift received while the share
    /// sheet was open) is not in the file and stays usable here. Returns how many of the
    /// written tickets are moved now.
    pub fn mark_moved(&mut self, written: &[TicketId], now: DateTime<Utc>) -> usize {
        let mut n = 0;
        for id in written {
            if let Some(e) = self.entries.get_mut(id) {
                if e.state == EntryState::Unused {
                    e.state = EntryState::Moved { at: now };
                }
                if matches!(e.state, EntryState::Moved { .. }) {
                    n += 1;
                }
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
        let from = file_wallet_id(&value);
        Ok(self.merge_file_entries(entries, problems, from, keys, policy))
    }
}
