//! Two shops claim the same ticket: the evidence rule, the review list and the office's
//! decisions. Rules: `docs/settlement.md` § "Two shops, one ticket".
//!
//! **The evidence rule.** A claimed line *has evidence* when its claim is signed by a key
//! registered to its shop ([`Authenticity::Registered`]) and its till numbering is not
//! broken at that line (no `till_time_backwards` or `till_number_reused` involving it).
//! When the valid lines of one ticket come from two or more shops (and the ticket was not
//! settled in an earlier run):
//! 1. a recorded decision of the office decides (pay that shop's earliest line, or none);
//! 2. else, if exactly one shop has a line with evidence, its earliest such line is paid
//!    and every other line is a duplicate (not paid);
//! 3. else nobody is paid: the ticket goes to the review list (`review.csv`) with every
//!    shop's lines, waits in the state for a decision, and is marked used.
//!
//! The times the shops wrote never decide between shops: a shop's clock is its own.

use super::claims_auth::{Authenticity, MarkedClaim};
use super::till_numbers::TillProblem;
use super::*;

/// The office's decision about a contested ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Pay this shop (its earliest line of the ticket).
    Pay(ShopId),
    /// Pay no shop.
    PayNone,
}

impl Decision {
    /// `pay:<shop>` or `none` — the form in `decisions.csv` and the state file.
    pub fn to_text(&self) -> String {
        match self {
            Self::Pay(s) => format!("pay:{s}"),
            Self::PayNone => "none".into(),
        }
    }
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "none" => Some(Self::PayNone),
            t => Some(Self::Pay(ShopId::parse(t.strip_prefix("pay:")?)?)),
        }
    }
}

/// One shop's line of a contested ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLine {
    pub shop: ShopId,
    pub claim: ClaimId,
    pub device: String,
    pub transaction: u32,
    pub redeemed_at: DateTime<Utc>,
    /// Whether the line has evidence (signed by a registered key, till numbering intact).
    pub evidence: bool,
}

/// Where a contested ticket stands after this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewStatus {
    /// Waiting for the office's decision; nobody paid.
    Open,
    /// Paid to this shop in this run by the office's decision.
    Paid(ShopId),
    /// The office decided to pay nobody.
    NotPaid,
}

impl ReviewStatus {
    pub fn code(&self) -> &'static str {
        match self {
            Self::Open => "review_open",
            Self::Paid(_) => "review_paid",
            Self::NotPaid => "review_not_paid",
        }
    }
}

/// A contested ticket in the review list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub ticket: TicketId,
    pub face_value: Yen,
    pub recipient: Option<String>,
    /// The run in which it was first contested.
    pub since: YearMonth,
    pub lines: Vec<ReviewLine>,
    pub status: ReviewStatus,
}

/// A contested ticket waiting in the state for a decision (with its text, to pay it in a
/// later run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingReview {
    pub ticket: Ticket,
    pub since: YearMonth,
    pub lines: Vec<ReviewLine>,
}

/// What a run keeps beside the lines about claims (signatures, tills, reviews).
#[derive(Debug, Clone, Default)]
pub(super) struct ClaimsExtra {
    pub(super) auth: ClaimAuth,
    /// Per imported claim (import order).
    pub(super) authenticity: Vec<Authenticity>,
    /// (claim index, line) flagged by the till check.
    pub(super) flagged: HashSet<(u32, u32)>,
    pub(super) till_problems: Vec<TillProblem>,
    pub(super) reviews: Vec<Review>,
    /// Lines paid by a decision on a ticket contested in an earlier run.
    pub(super) decided_paid: Vec<DecidedPayment>,
    /// Tickets already listed in this run's review list.
    pub(super) listed: HashSet<TicketId>,
    pub(super) checked: bool,
}

/// A payment made by the office's decision on a ticket contested in an earlier run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecidedPayment {
    pub ticket: TicketId,
    pub line: ReviewLine,
    pub face_value: Yen,
    pub employer: EmployerId,
    pub employer_share: Yen,
    pub city_share: Yen,
}

/// The report's part about claims: marked claims, till problems, the review list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimsCheck {
    /// Claims accepted in a demo run although not signed by a registered key.
    pub marked: Vec<MarkedClaim>,
    pub till_problems: Vec<TillProblem>,
    /// Every contested ticket not decided by the evidence rule (open or decided).
    pub reviews: Vec<Review>,
    /// Payments made in this run by decisions on earlier runs' reviews.
    pub decided_paid: Vec<DecidedPayment>,
    /// Tickets under review after this run (not paid, but used: mark them in the used data).
    pub under_review: Vec<TicketId>,
}

impl Settlement {
    /// Imports a claim whose authenticity was established (see
    /// [`Settlement::import_file`]).
    pub(super) fn import_as(
        &mut self,
        claim: &Claim,
        authenticity: Authenticity,
    ) -> Result<ImportOutcome, ImportError> {
        let outcome = self.import_checked(claim)?;
        if matches!(outcome, ImportOutcome::Added { .. }) {
            self.claims_extra.authenticity.push(authenticity);
        }
        Ok(outcome)
    }

    fn review_line(&self, l: &Line) -> Option<ReviewLine> {
        let (h, _) = self.headers.get(l.claim as usize)?;
        Some(ReviewLine {
            shop: h.shop.clone(),
            claim: h.id.clone(),
            device: h.device.to_string(),
            transaction: l.transaction,
            redeemed_at: l.redeemed_at,
            evidence: self.claims_extra.authenticity.get(l.claim as usize)
                == Some(&Authenticity::Registered)
                && !self.claims_extra.flagged.contains(&(l.claim, l.seq)),
        })
    }

    /// Runs the till check once, before the lines are resolved.
    pub(super) fn check_tills_once(&mut self) {
        if !self.claims_extra.checked {
            let (problems, flagged) = self.till_check();
            self.claims_extra.till_problems = problems;
            self.claims_extra.flagged = flagged;
            self.claims_extra.checked = true;
        }
    }

    /// **Rule: two shops, one ticket.** Resolves a ticket whose valid lines (indices into
    /// `valid`, earliest first) come from two or more shops, or that waits for review from
    /// an earlier run. `false` if the ticket is not contested (the caller resolves it).
    pub(super) fn contest(
        &mut self,
        t: &mut Totals,
        id: TicketId,
        group: &[u32],
        checks: &dyn SettlementChecks,
    ) -> bool {
        // The common case first, without allocating: one shop, nothing waiting.
        let shop_of = |i: &u32| {
            self.valid
                .get(*i as usize)
                .and_then(|l| self.headers.get(l.claim as usize))
                .map(|(h, _)| &h.shop)
        };
        let first_shop = group.first().and_then(shop_of);
        let one_shop = group.iter().all(|i| shop_of(i) == first_shop);
        if one_shop
            && !self
                .state
                .reviews
                .iter()
                .any(|p| p.ticket.body().id() == id)
        {
            return false;
        }
        let lines: Vec<(u32, Line)> = group
            .iter()
            .filter_map(|&i| Some((i, self.valid.get(i as usize)?.clone())))
            .collect();
        let review_lines: Vec<(u32, ReviewLine)> = lines
            .iter()
            .filter_map(|(i, l)| Some((*i, self.review_line(l)?)))
            .collect();
        let shops: BTreeSet<&ShopId> = review_lines.iter().map(|(_, r)| &r.shop).collect();
        let pending = self
            .state
            .reviews
            .iter()
            .position(|p| p.ticket.body().id() == id);
        if shops.len() < 2 && pending.is_none() {
            return false;
        }
        let Some((_, first)) = lines.first() else {
            return true;
        };
        let ticket = first.ticket.clone();
        let decision = self.state.decisions.get(&id).cloned();
        let earliest_of = |shop: &ShopId, need_evidence: bool| {
            review_lines
                .iter()
                .find(|(_, r)| &r.shop == shop && (r.evidence || !need_evidence))
        };
        let winner = match &decision {
            Some(Decision::Pay(shop)) => earliest_of(shop, false),
            Some(Decision::PayNone) => None,
            None => {
                let with_evidence: BTreeSet<&ShopId> = review_lines
                    .iter()
                    .filter(|(_, r)| r.evidence)
                    .map(|(_, r)| &r.shop)
                    .collect();
                match (with_evidence.len(), with_evidence.first(), pending) {
                    (1, Some(shop), None) => earliest_of(shop, true),
                    _ => None,
                }
            }
        };
        let recipient = checks.recipient(id);
        let face_value = ticket.body().face_value();
        let mut all_lines: Vec<ReviewLine> = pending
            .and_then(|p| self.state.reviews.get(p))
            .map(|p| p.lines.clone())
            .unwrap_or_default();
        all_lines.extend(review_lines.iter().map(|(_, r)| r.clone()));
        let since = pending
            .and_then(|p| self.state.reviews.get(p))
            .map_or(self.run, |p| p.since);
        if matches!(decision, Some(Decision::Pay(_))) && winner.is_none() {
            // The chosen shop has no line in this run: the ticket waits with every line so
            // far, and the stored lines decide (`pay_decided_pending`, later in this run).
            match pending.and_then(|p| self.state.reviews.get_mut(p)) {
                Some(p) => p.lines = all_lines,
                None => self.state.reviews.push(PendingReview {
                    ticket,
                    since,
                    lines: all_lines,
                }),
            }
            return true;
        }
        if let Some((wi, w)) = winner.cloned() {
            t.paid.push(wi);
            let paid = Claimed {
                ticket: id,
                shop: w.shop.clone(),
                claim: w.claim.clone(),
                transaction: w.transaction,
                redeemed_at: w.redeemed_at,
            };
            for (i, r) in &review_lines {
                if *i == wi {
                    continue;
                }
                t.duplicates.push(Duplicate {
                    kind: if r.shop == w.shop {
                        DuplicateKind::SameShop
                    } else {
                        DuplicateKind::OtherShop
                    },
                    paid: paid.clone(),
                    refused: Claimed {
                        ticket: id,
                        shop: r.shop.clone(),
                        claim: r.claim.clone(),
                        transaction: r.transaction,
                        redeemed_at: r.redeemed_at,
                    },
                    face_value,
                    recipient: recipient.clone(),
                });
            }
            if decision.is_some() {
                self.claims_extra.reviews.push(Review {
                    ticket: id,
                    face_value,
                    recipient,
                    since,
                    lines: all_lines,
                    status: ReviewStatus::Paid(w.shop),
                });
            }
            if let Some(p) = pending {
                self.state.reviews.remove(p);
            }
            return true;
        }
        let status = if decision.is_some() {
            ReviewStatus::NotPaid
        } else {
            ReviewStatus::Open
        };
        match pending {
            Some(p) if status == ReviewStatus::Open => {
                if let Some(p) = self.state.reviews.get_mut(p) {
                    p.lines = all_lines.clone();
                }
            }
            Some(p) => {
                self.state.reviews.remove(p);
            }
            None if status == ReviewStatus::Open => self.state.reviews.push(PendingReview {
                ticket,
                since,
                lines: all_lines.clone(),
            }),
            None => {}
        }
        self.claims_extra.listed.insert(id);
        self.claims_extra.reviews.push(Review {
            ticket: id,
            face_value,
            recipient,
            since,
            lines: all_lines,
            status,
        });
        true
    }

    /// Tickets contested in an earlier run and still pending, now decided and not claimed
    /// again in this run: pays the chosen shop (or closes the review). Called once, before
    /// the money is totalled.
    pub(super) fn pay_decided_pending(
        &mut self,
        t: &mut Totals,
        checks: &dyn SettlementChecks,
    ) -> Result<(), SettleError> {
        let pending = std::mem::take(&mut self.state.reviews);
        for p in pending {
            let id = p.ticket.body().id();
            let Some(decision) = self.state.decisions.get(&id).cloned() else {
                // Still waiting: listed again (an earlier run's review, not claimed now).
                if self.claims_extra.listed.insert(id) {
                    self.claims_extra.reviews.push(Review {
                        ticket: id,
                        face_value: p.ticket.body().face_value(),
                        recipient: checks.recipient(id),
                        since: p.since,
                        lines: p.lines.clone(),
                        status: ReviewStatus::Open,
                    });
                }
                self.state.reviews.push(p);
                continue;
            };
            let body = *p.ticket.body();
            let recipient = checks.recipient(id);
            let chosen = match &decision {
                Decision::Pay(shop) => p.lines.iter().find(|l| &l.shop == shop).cloned(),
                Decision::PayNone => None,
            };
            let status = match &chosen {
                Some(line) => {
                    t.pay(&line.shop, &body)?;
                    if let Some(&claim) = self
                        .state
                        .claim_index
                        .get(&(line.shop.clone(), line.claim.clone()))
                    {
                        self.state.settled.insert(
                            id,
                            SettledTicket {
                                claim,
                                redeemed_at: line.redeemed_at,
                            },
                        );
                    }
                    self.claims_extra.decided_paid.push(DecidedPayment {
                        ticket: id,
                        line: line.clone(),
                        face_value: body.face_value(),
                        employer: body.employer(),
                        employer_share: body.employer_share(),
                        city_share: body.city_share(),
                    });
                    ReviewStatus::Paid(line.shop.clone())
                }
                // A decision for a shop with no line: nothing to pay, the review stays.
                None if matches!(decision, Decision::Pay(_)) => {
                    self.state.reviews.push(p.clone());
                    ReviewStatus::Open
                }
                None => ReviewStatus::NotPaid,
            };
            self.claims_extra.reviews.push(Review {
                ticket: id,
                face_value: body.face_value(),
                recipient,
                since: p.since,
                lines: p.lines,
                status,
            });
        }
        Ok(())
    }

    /// The report's part about claims.
    pub(super) fn claims_check(&mut self) -> ClaimsCheck {
        let x = std::mem::take(&mut self.claims_extra);
        let marked = self
            .headers
            .iter()
            .zip(&x.authenticity)
            .filter(|(_, a)| **a != Authenticity::Registered)
            .map(|((h, _), a)| MarkedClaim {
                claim: h.id.clone(),
                shop: h.shop.clone(),
                authenticity: *a,
            })
            .collect();
        let mut reviews = x.reviews;
        reviews.sort_by_key(|r| r.ticket);
        let mut under_review: Vec<TicketId> = self
            .state
            .reviews
            .iter()
            .map(|p| p.ticket.body().id())
            .chain(
                reviews
                    .iter()
                    .filter(|r| r.status == ReviewStatus::NotPaid)
                    .map(|r| r.ticket),
            )
            .collect();
        under_review.sort_unstable();
        under_review.dedup();
        ClaimsCheck {
            marked,
            till_problems: x.till_problems,
            reviews,
            decided_paid: x.decided_paid,
            under_review,
        }
    }
}

/// `review.csv`'s columns (English in `docs/settlement.md`).
pub const REVIEW_CSV_HEADERS: [&str; 14] = [
    "精算月",
    "状態",
    "券番号",
    "受給者",
    "額面（円）",
    "審査開始月",
    "店舗ID",
    "請求番号",
    "端末",
    "取引番号",
    "受付日時（日本時間）",
    "証拠",
    "決定",
    "注記",
];

/// The note on every review row and every duplicate row of `problems.csv`.
pub const NOT_AGAINST_RECIPIENT: &str = "重複は受給者（券を受け取った方）の不正の証拠ではありません（券の写しは第三者でも作れます） / a duplicate is not evidence against the recipient (anyone who saw the ticket can copy it)";

impl SettlementReport {
    /// The review list: one row per shop line of each contested ticket (UTF-8 BOM CSV),
    /// ordered by ticket, then the lines as listed.
    pub fn review_csv(&self) -> String {
        let run = self.run.to_string();
        let mut rows = vec![REVIEW_CSV_HEADERS.map(text).to_vec()];
        for r in &self.claims_check.reviews {
            let decided = match &r.status {
                ReviewStatus::Open => String::new(),
                ReviewStatus::Paid(s) => format!("pay:{s}"),
                ReviewStatus::NotPaid => "none".into(),
            };
            for l in &r.lines {
                rows.push(vec![
                    text(run.clone()),
                    text(r.status.code()),
                    text(r.ticket.to_string()),
                    text(self.recipient_cell(&r.recipient)),
                    Cell::Number(r.face_value.0),
                    text(r.since.to_string()),
                    text(l.shop.to_string()),
                    text(l.claim.to_string()),
                    text(l.device.clone()),
                    Cell::Number(u64::from(l.transaction)),
                    text(jst_text(l.redeemed_at)),
                    text(if l.evidence { "あり" } else { "なし" }),
                    text(decided.clone()),
                    text(NOT_AGAINST_RECIPIENT),
                ]);
            }
        }
        csv_document(&rows)
    }

    /// Rows for `problems.csv` about claims: marked claims, till problems, open reviews.
    pub(super) fn claims_problem_rows(&self, rows: &mut Vec<Vec<Cell>>) {
        let run = self.run.to_string();
        let blank = || text("");
        // The columns of `problems_csv` (docs/settlement.md): code, its plain words, and
        // each shop id with its name beside it.
        let kind = |code: &'static str| [text(code), text(super::report::problem_label(code).0)];
        let shop = |s: &ShopId| {
            [
                text(s.to_string()),
                text(self.shop_name(s, Lang::Ja).unwrap_or_default()),
            ]
        };
        for m in &self.claims_check.marked {
            let why = match m.authenticity {
                Authenticity::Unsigned => "署名のない請求（見本の精算のみ受付） / unsigned claim (accepted in a demo run only)",
                _ => "店舗に登録されていない鍵で署名（見本の精算のみ受付） / signed by a key not registered to the shop (accepted in a demo run only)",
            };
            let mut row = vec![text(run.clone())];
            row.extend(kind(m.authenticity.code()));
            row.extend([blank(), blank()]);
            row.extend(shop(&m.shop));
            row.extend([
                blank(),
                text(m.claim.to_string()),
                blank(),
                blank(),
                text(why),
            ]);
            row.extend([blank(), blank(), blank()]);
            rows.push(row);
        }
        for p in &self.claims_check.till_problems {
            let mut row = vec![text(run.clone())];
            row.extend(kind(p.code));
            row.extend([text(p.after.ticket.to_string()), blank()]);
            row.extend(shop(&p.shop));
            row.extend([
                text(jst_text(p.after.redeemed_at)),
                text(p.after.claim.to_string()),
                Cell::Number(u64::from(p.after.transaction)),
                blank(),
                text(format!("{}（端末 {}）", p.reason(), p.device)),
            ]);
            row.extend(shop(&p.shop));
            row.push(text(jst_text(p.before.redeemed_at)));
            rows.push(row);
        }
        for r in &self.claims_check.reviews {
            for l in &r.lines {
                let mut row = vec![text(run.clone())];
                row.extend(kind(r.status.code()));
                row.extend([
                    text(r.ticket.to_string()),
                    text(self.recipient_cell(&r.recipient)),
                ]);
                row.extend(shop(&l.shop));
                row.extend([
                    text(jst_text(l.redeemed_at)),
                    text(l.claim.to_string()),
                    Cell::Number(u64::from(l.transaction)),
                    Cell::Number(r.face_value.0),
                    text(format!(
                        "複数の店舗が請求（審査リスト review.csv） / claimed by more than one shop (see review.csv). {NOT_AGAINST_RECIPIENT}"
                    )),
                ]);
                row.extend([blank(), blank(), blank()]);
                rows.push(row);
            }
        }
    }

    /// Tickets to mark in the next used data: those settled in this run and those under
    /// review (certainly used, whoever is paid).
    pub fn used_marks(&self) -> Vec<TicketId> {
        let mut all: Vec<TicketId> = self
            .newly_settled
            .iter()
            .chain(&self.claims_check.under_review)
            .chain(self.claims_check.decided_paid.iter().map(|d| &d.ticket))
            .copied()
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Tickets paid in this run: the settled lines and payments by decision.
    pub fn paid_count(&self) -> u64 {
        (self.settled.len() + self.claims_check.decided_paid.len()) as u64
    }
}
