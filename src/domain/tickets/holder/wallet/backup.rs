//! The wallet's record in storage and its backup file: written whole, read entry by entry (a damaged entry is reported, never dropped silently).

use super::*;

/// Readable entries (with their position in the file) and the unreadable ones.
pub(super) type ReadEntries = (Vec<(usize, WalletEntry)>, Vec<EntryProblem>);

/// Reads entries one by one: a damaged entry becomes a problem, the rest load.
pub(super) fn read_entries(value: &Value) -> Result<ReadEntries, WalletError> {
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

pub(super) fn parse_json(json: &str) -> Result<Value, WalletError> {
    if json.len() > MAX_WALLET_JSON_LEN {
        return Err(WalletError::TooLarge(json.len()));
    }
    serde_json::from_str(json).map_err(|e| WalletError::NotAWallet(e.to_string()))
}

/// The `wallet_id` a backup or transfer file names, if any (absent or unreadable: `None`,
/// a file from some other wallet).
pub(super) fn file_wallet_id(value: &Value) -> Option<WalletId> {
    value
        .get("wallet_id")
        .and_then(Value::as_str)
        .and_then(WalletId::parse)
}

impl Wallet {
    /// Merges the entries read from a backup or transfer file: each ticket is checked
    /// against the key list first; one that fails is reported by its place in the file and
    /// left out, the rest still arrive.
    ///
    /// **Rule: a file can only add tickets, unless it is her own.** A ticket new to this
    /// wallet is added as the file has it. A ticket already here changes only when the
    /// file names this wallet's id (`from` is [`Self::id`]: her own backup); from any other
    /// file (a coworker's, an older phone's, one made up by someone who knows a ticket's
    /// text) the difference is listed in [`MergeReport::pending`] and nothing of the
    /// ticket here changes until she confirms ([`Self::apply_confirmed`]).
    pub(super) fn merge_file_entries(
        &mut self,
        entries: Vec<(usize, WalletEntry)>,
        problems: Vec<EntryProblem>,
        from: Option<WalletId>,
        keys: &KeySet,
        policy: VerifyPolicy,
    ) -> MergeReport {
        let mut report = MergeReport {
            problems,
            ..MergeReport::default()
        };
        let own = from.is_some() && from == self.id;
        for (index, entry) in entries {
            if let Err(verdict) = authenticate(&entry.ticket, keys, policy) {
                report.problems.push(EntryProblem {
                    index,
                    reason: format!("ticket {}: {verdict}", entry.id()),
                });
                continue;
            }
            match self.entries.get(&entry.id()) {
                Some(mine) if !own => {
                    let incoming = Self::as_from_file(entry, true).normalised();
                    if merging::merge_pair(mine, &incoming).state == mine.state {
                        report.unchanged += 1;
                    } else {
                        report.pending.push(PendingChange {
                            index,
                            here: mine.state.clone(),
                            incoming,
                        });
                    }
                }
                _ => self.merge_file_entry(entry, &mut report),
            }
        }
        crate::domain::shared::small_sort::sort_by_key(&mut report.problems, |p| p.index);
        report
    }

    /// **Rule:** a file never turns a ticket this phone already holds into "moved": an
    /// incoming `Moved` counts as `Unused` against an existing entry (so restoring the old
    /// phone's backup on the new phone does not hide the tickets just received there),
    /// while a ticket new to this wallet keeps its `Moved` (restoring the old phone's own
    /// backup after its data was cleared does not make moved tickets usable again).
    fn as_from_file(mut incoming: WalletEntry, already_here: bool) -> WalletEntry {
        if already_here && matches!(incoming.state, EntryState::Moved { .. }) {
            incoming.state = EntryState::Unused;
        }
        incoming
    }

    pub(super) fn merge_file_entry(&mut self, incoming: WalletEntry, report: &mut MergeReport) {
        let here = self.entries.contains_key(&incoming.id());
        self.merge_entry(Self::as_from_file(incoming, here), report);
    }

    /// Applies the changes the holder confirmed from a file of another wallet (the list
    /// [`MergeReport::pending`] showed her), by the usual merge rule. Returns how many
    /// tickets changed.
    pub fn apply_confirmed(&mut self, changes: &[PendingChange]) -> usize {
        let mut report = MergeReport::default();
        for change in changes {
            self.merge_file_entry(change.incoming.clone(), &mut report);
        }
        report.advanced
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
        crate::domain::shared::small_sort::sort_by_key(&mut problems, |p| p.index);
        Ok(Loaded { wallet, problems })
    }

    /// The backup file `{"format":"jokatsu-wallet","version":3,"exported_at":…,"entries":[…]}`.
    /// A failure is an error, never an empty file.
    pub fn export_json(&self, now: DateTime<Utc>) -> Result<String, WalletError> {
        let file = FileOut {
            format: WALLET_FILE_FORMAT,
            version: WALLET_SCHEMA_VERSION,
            exported_at: now,
            wallet_id: self.id,
            entries: self.entries.values().collect(),
        };
        serde_json::to_string_pretty(&file).map_err(|e| WalletError::Encode(e.to_string()))
    }

    /// Imports a backup file into this wallet. Every ticket is checked with
    /// [`authenticate`]; bad entries are listed in `problems` and the good ones merged
    /// (only added, unless the file is this wallet's own: [`Self::merge_file_entries`]).
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
        let from = file_wallet_id(&value);
        let (entries, problems) = read_entries(&value)?;
        Ok(self.merge_file_entries(entries, problems, from, keys, policy))
    }

    /// Reads set-aside data back in: the file the About page exports
    /// (`jokatsu-set-aside-data.json`, the quarantine list `{"items": [{"key", "raw",
    /// "error", "found_at"}…]}`, `docs/storage.md`). Every item of key `jokatsu.wallet` is
    /// read: a whole record (an envelope `{"version", "data": {"wallet_id"?, "entries"}}`,
    /// e.g. one written by a newer app, or a bare `{"entries"}`) or one damaged entry.
    /// Tickets are checked and merged as from a backup file: a record naming this
    /// wallet's id updates tickets here, anything else only adds
    /// ([`Self::merge_file_entries`]). Items of other keys are skipped; an item that still
    /// cannot be read is a problem (its `index` is the item's position in the list).
    pub fn import_set_aside(
        &mut self,
        json: &str,
        keys: &KeySet,
        policy: VerifyPolicy,
    ) -> Result<MergeReport, WalletError> {
        let value = parse_json(json.strip_prefix('\u{feff}').unwrap_or(json))?;
        let items = value
            .get("items")
            .and_then(Value::as_array)
            .ok_or_else(|| WalletError::NotAWallet("no items list".into()))?;
        let mut total = MergeReport::default();
        let problem = |index: usize, reason: String, total: &mut MergeReport| {
            total.problems.push(EntryProblem { index, reason });
        };
        for (index, item) in items.iter().enumerate() {
            if item.get("key").and_then(Value::as_str) != Some(SET_ASIDE_WALLET_KEY) {
                continue;
            }
            let Some(raw) = item.get("raw").and_then(Value::as_str) else {
                problem(index, "no raw text".into(), &mut total);
                continue;
            };
            let Ok(data) = serde_json::from_str::<Value>(raw) else {
                problem(index, "the set-aside text is not JSON".into(), &mut total);
                continue;
            };
            let data = data.get("data").cloned().unwrap_or(data);
            let report = if data.get("entries").is_some() {
                let from = file_wallet_id(&data);
                let (entries, problems) = match read_entries(&data) {
                    Ok(read) => read,
                    Err(e) => {
                        problem(index, e.to_string(), &mut total);
                        continue;
                    }
                };
                let problems = problems
                    .into_iter()
                    .map(|p| EntryProblem {
                        index,
                        reason: format!("entry {}: {}", p.index, p.reason),
                    })
                    .collect();
                let entries = entries.into_iter().map(|(_, e)| (index, e)).collect();
                self.merge_file_entries(entries, problems, from, keys, policy)
            } else {
                match WalletEntry::deserialize(&data) {
                    Ok(entry) => self.merge_file_entries(
                        vec![(index, entry)],
                        Vec::new(),
                        None,
                        keys,
                        policy,
                    ),
                    Err(e) => {
                        problem(index, e.to_string(), &mut total);
                        continue;
                    }
                }
            };
            total.added += report.added;
            total.advanced += report.advanced;
            total.unchanged += report.unchanged;
            total.pending.extend(report.pending);
            total.problems.extend(report.problems);
        }
        crate::domain::shared::small_sort::sort_by_key(&mut total.problems, |p| p.index);
        Ok(total)
    }
}

/// The storage key whose set-aside items [`Wallet::import_set_aside`] reads.
pub const SET_ASIDE_WALLET_KEY: &str = "jokatsu.wallet";
