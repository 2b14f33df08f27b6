//! What a settlement run carries over to the next month (`settlement-state.json`): the
//! claim files already imported and the tickets already settled.

use super::*;

/// One claim file as settlement remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    pub id: ClaimId,
    pub shop: ShopId,
    pub period: YearMonth,
    /// The run (month) in which it was settled.
    pub run: YearMonth,
    /// SHA-256 of the claim file's canonical bytes, hex (a state written before held
    /// FNV-1a 64, 16 hex digits; both are understood): the same id with other content is
    /// refused.
    pub digest: String,
}

/// A ticket paid in some run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SettledTicket {
    /// Index into [`SettlementState::claims`].
    pub(super) claim: u32,
    pub(super) redeemed_at: DateTime<Utc>,
}

/// What carries over from month to month: every settled ticket (shop, time, claim) and
/// every claim file imported. Serialised by [`SettlementState::to_json`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SettlementState {
    pub(super) claims: Vec<ClaimRecord>,
    /// Claim ids belong to their shop: (shop, claim id) → index into `claims`.
    pub(super) claim_index: HashMap<(ShopId, ClaimId), u32>,
    pub(super) settled: HashMap<TicketId, SettledTicket>,
    pub(super) runs: Vec<YearMonth>,
    /// Tickets claimed by more than one shop, waiting for the office's decision.
    pub(super) reviews: Vec<PendingReview>,
    /// The office's decisions on contested tickets (kept for good).
    pub(super) decisions: BTreeMap<TicketId, Decision>,
}

/// `format` of the settlement state file.
pub const STATE_FORMAT: &str = "jokatsu-settlement-state";
/// Its version.
pub const STATE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StateDto {
    format: String,
    version: u32,
    pub(super) runs: Vec<String>,
    pub(super) claims: Vec<StateClaimDto>,
    /// Open reviews (absent when none, so a state without reviews reads as before).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) reviews: Vec<StateReviewDto>,
    /// `[ticket id, "pay:<shop>" | "none"]`, by ticket id (absent when none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) decisions: Vec<(String, String)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StateReviewDto {
    ticket: String,
    since: String,
    /// `[shop, claim id, device, transaction, redeemed_at, evidence]` per line.
    lines: Vec<(String, String, String, u32, String, bool)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StateClaimDto {
    id: String,
    shop: String,
    period: String,
    run: String,
    digest: String,
    /// `[ticket id, redeemed_at]` of each ticket paid on this claim.
    pub(super) settled: Vec<(String, String)>,
}

/// Why a settlement state file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum StateError {
    Json {
        line: usize,
        column: usize,
        reason: String,
    },
    Invalid {
        at: String,
        problem: String,
    },
}

impl Wording for StateError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Json {
                line,
                column,
                reason,
            } => say!(
                lang,
                "精算状態ファイルが読めません（{line}行{column}列目: {reason}）",
                "the settlement state cannot be read at line {line}, column {column}: {reason}",
            ),
            Self::Invalid { at, problem } => say!(
                lang,
                "精算状態ファイルの {at} が正しくありません（{problem}）",
                "settlement state {at}: {problem}",
            ),
        }
    }
}

pub(super) fn state_invalid(at: impl Into<String>, problem: impl Into<String>) -> StateError {
    StateError::Invalid {
        at: at.into(),
        problem: problem.into(),
    }
}

/// Parses `K1-202612-00003` / `DEMO-K1-202612-00003` (the `Display` of [`TicketId`]).
pub fn parse_ticket_id(text: &str) -> Option<TicketId> {
    let (demo, rest) = match text.strip_prefix("DEMO-") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = rest.strip_prefix('K')?.split('-');
    let key = KeyId::new(parts.next()?.parse().ok()?)?;
    let batch = parts.next()?;
    let index = parts.next()?;
    if parts.next().is_some() || index.len() != 5 {
        return None;
    }
    let id = TicketId {
        demo,
        key,
        serial: Serial::new(batch.parse().ok()?, index.parse().ok()?),
    };
    (id.to_string() == text).then_some(id)
}

pub(super) fn parse_instant(text: &str) -> Option<DateTime<Utc>> {
    let at = DateTime::parse_from_rfc3339(text).ok()?.with_timezone(&Utc);
    (instant_text(at) == text).then_some(at)
}

impl SettlementState {
    pub fn new() -> Self {
        Self::default()
    }

    /// The runs (months) settled so far, in order.
    pub fn runs(&self) -> &[YearMonth] {
        &self.runs
    }

    /// Every claim file imported so far.
    pub fn claims(&self) -> &[ClaimRecord] {
        &self.claims
    }

    /// Was `id` settled, and where and when?
    pub fn settled(&self, id: TicketId) -> Option<(&ClaimRecord, DateTime<Utc>)> {
        let s = self.settled.get(&id)?;
        Some((self.claims.get(s.claim as usize)?, s.redeemed_at))
    }

    pub(super) fn add_claim(&mut self, record: ClaimRecord) -> u32 {
        let at = u32::try_from(self.claims.len()).unwrap_or(u32::MAX);
        self.claim_index
            .insert((record.shop.clone(), record.id.clone()), at);
        self.claims.push(record);
        at
    }

    /// The state file: JSON grouped by claim, each settled ticket as
    /// `["K1-202612-00003", "2026-12-05T01:00:00.000Z"]`, in a stable order.
    pub fn to_json(&self) -> String {
        let mut per_claim: Vec<Vec<(TicketId, DateTime<Utc>)>> =
            vec![Vec::new(); self.claims.len()];
        for (id, s) in &self.settled {
            if let Some(list) = per_claim.get_mut(s.claim as usize) {
                list.push((*id, s.redeemed_at));
            }
        }
        let dto = StateDto {
            format: STATE_FORMAT.into(),
            version: STATE_VERSION,
            runs: self.runs.iter().map(ToString::to_string).collect(),
            claims: self
                .claims
                .iter()
                .zip(per_claim)
                .map(|(c, mut list)| {
                    list.sort();
                    StateClaimDto {
                        id: c.id.to_string(),
                        shop: c.shop.to_string(),
                        period: c.period.to_string(),
                        run: c.run.to_string(),
                        digest: c.digest.clone(),
                        settled: list
                            .into_iter()
                            .map(|(id, at)| (id.to_string(), instant_text(at)))
                            .collect(),
                    }
                })
                .collect(),
            reviews: self
                .reviews
                .iter()
                .map(|r| StateReviewDto {
                    ticket: r.ticket.to_text(),
                    since: r.since.to_string(),
                    lines: r
                        .lines
                        .iter()
                        .map(|l| {
                            (
                                l.shop.to_string(),
                                l.claim.to_string(),
                                l.device.clone(),
                                l.transaction,
                                instant_text(l.redeemed_at),
                                l.evidence,
                            )
                        })
                        .collect(),
                })
                .collect(),
            decisions: self
                .decisions
                .iter()
                .map(|(t, d)| (t.to_string(), d.to_text()))
                .collect(),
        };
        // Strings only: cannot fail.
        let mut json = serde_json::to_string(&dto).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Reads a state file strictly (errors say where). Version 1 is the first; a later
    /// version adds a migration here.
    pub fn from_json(json: &str) -> Result<Self, StateError> {
        let dto: StateDto = serde_json::from_str(json).map_err(|e| StateError::Json {
            line: e.line(),
            column: e.column(),
            reason: e.to_string(),
        })?;
        if dto.format != STATE_FORMAT {
            return Err(state_invalid("format", format!("must be {STATE_FORMAT:?}")));
        }
        if dto.version != STATE_VERSION {
            return Err(state_invalid(
                "version",
                format!("version {} is not supported", dto.version),
            ));
        }
        let mut state = SettlementState::new();
        for (i, r) in dto.runs.iter().enumerate() {
            state.runs.push(
                parse_period(r)
                    .ok_or_else(|| state_invalid(format!("runs[{i}]"), "must be YYYY-MM"))?,
            );
        }
        for (i, c) in dto.claims.into_iter().enumerate() {
            let at = |f: &str| format!("claims[{i}].{f}");
            let id =
                ClaimId::parse(&c.id).ok_or_else(|| state_invalid(at("id"), "not a claim id"))?;
            let shop =
                ShopId::parse(&c.shop).ok_or_else(|| state_invalid(at("shop"), "not a shop id"))?;
            if state.claim_index.contains_key(&(shop.clone(), id.clone())) {
                return Err(state_invalid(at("id"), "listed twice for this shop"));
            }
            let record = ClaimRecord {
                id,
                shop,
                period: parse_period(&c.period)
                    .ok_or_else(|| state_invalid(at("period"), "must be YYYY-MM"))?,
                run: parse_period(&c.run)
                    .ok_or_else(|| state_invalid(at("run"), "must be YYYY-MM"))?,
                digest: c.digest,
            };
            let claim = state.add_claim(record);
            for (j, (t, when)) in c.settled.iter().enumerate() {
                let id = parse_ticket_id(t).ok_or_else(|| {
                    state_invalid(format!("claims[{i}].settled[{j}][0]"), "not a ticket id")
                })?;
                let redeemed_at = parse_instant(when).ok_or_else(|| {
                    state_invalid(format!("claims[{i}].settled[{j}][1]"), "not a UTC time")
                })?;
                if state
                    .settled
                    .insert(id, SettledTicket { claim, redeemed_at })
                    .is_some()
                {
                    return Err(state_invalid(
                        format!("claims[{i}].settled[{j}][0]"),
                        format!("ticket {id} settled twice"),
                    ));
                }
            }
        }
        for (i, r) in dto.reviews.iter().enumerate() {
            let at = |f: &str| format!("reviews[{i}].{f}");
            let ticket = Ticket::from_text(&r.ticket)
                .map_err(|_| state_invalid(at("ticket"), "not a ticket"))?;
            let since = parse_period(&r.since)
                .ok_or_else(|| state_invalid(at("since"), "must be YYYY-MM"))?;
            let mut lines = Vec::new();
            for (j, (shop, claim, device, transaction, when, evidence)) in
                r.lines.iter().enumerate()
            {
                let at = |f: &str| format!("reviews[{i}].lines[{j}].{f}");
                lines.push(ReviewLine {
                    shop: ShopId::parse(shop)
                        .ok_or_else(|| state_invalid(at("shop"), "not a shop id"))?,
                    claim: ClaimId::parse(claim)
                        .ok_or_else(|| state_invalid(at("claim"), "not a claim id"))?,
                    device: device.clone(),
                    transaction: *transaction,
                    redeemed_at: parse_instant(when)
                        .ok_or_else(|| state_invalid(at("redeemed_at"), "not a UTC time"))?,
                    evidence: *evidence,
                });
            }
            state.reviews.push(PendingReview {
                ticket,
                since,
                lines,
            });
        }
        for (i, (t, d)) in dto.decisions.iter().enumerate() {
            let id = parse_ticket_id(t)
                .ok_or_else(|| state_invalid(format!("decisions[{i}][0]"), "not a ticket id"))?;
            let d = Decision::parse(d).ok_or_else(|| {
                state_invalid(format!("decisions[{i}][1]"), "must be pay:<shop> or none")
            })?;
            state.decisions.insert(id, d);
        }
        Ok(state)
    }

    /// The office's decisions on contested tickets so far.
    pub fn decisions(&self) -> &BTreeMap<TicketId, Decision> {
        &self.decisions
    }

    /// Tickets waiting for the office's decision.
    pub fn open_reviews(&self) -> &[PendingReview] {
        &self.reviews
    }
}
