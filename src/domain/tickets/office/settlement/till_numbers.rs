//! Each till's numbering: a till numbers its redemptions 1, 2, 3, … as it accepts them, so
//! along the numbers the times must not run backwards, and no number may stand for two
//! tickets. Codes and rules: `docs/settlement.md` § "Till numbering".
//!
//! Checked per till — (shop, device label) — over every line of every claim imported in
//! the run, in transaction order:
//! - `till_time_backwards`: a higher number has an earlier time than the number before it;
//!   both lines are flagged (they lose the evidence rule for a contested ticket);
//! - `till_number_reused`: one number stands for two different tickets; both flagged;
//! - `till_gap`: numbers skipped between two claimed lines. For the record only: an
//!   undone redemption keeps its number and is never claimed, so gaps are normal; no line
//!   is flagged.

use super::*;

/// Every code [`Settlement::till_check`] writes.
pub const TILL_CODES: [&str; 3] = ["till_number_reused", "till_time_backwards", "till_gap"];

/// A till numbering problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TillProblem {
    pub code: &'static str,
    pub shop: ShopId,
    pub device: String,
    /// The line before (lower or equal number) and the line after.
    pub before: TillLine,
    pub after: TillLine,
}

/// One side of a [`TillProblem`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TillLine {
    pub claim: ClaimId,
    pub transaction: u32,
    pub redeemed_at: DateTime<Utc>,
    pub ticket: TicketId,
}

impl TillProblem {
    pub fn reason(&self) -> String {
        let (a, b) = (self.before.transaction, self.after.transaction);
        match self.code {
            "till_time_backwards" => format!(
                "取引番号 {b} の時刻が取引番号 {a} より前です（端末の時計か請求の改変を確認） / transaction {b} is dated before transaction {a} (check the till's clock or an edited claim)"
            ),
            "till_number_reused" => format!(
                "取引番号 {a} が二つの券に使われています / transaction number {a} is used for two tickets"
            ),
            _ => format!(
                "取引番号 {a} と {b} の間が抜けています（取り消した受付なら正常） / numbers between {a} and {b} are missing (normal for undone redemptions)"
            ),
        }
    }
}

impl Settlement {
    /// Checks every till's numbering over the queued lines; returns the problems and the
    /// flagged lines as (claim index, line position).
    pub(super) fn till_check(&self) -> (Vec<TillProblem>, HashSet<(u32, u32)>) {
        // Each claim's till, numbered once (not per line).
        let mut till_index: BTreeMap<(&ShopId, &str), usize> = BTreeMap::new();
        let claim_till: Vec<usize> = self
            .headers
            .iter()
            .map(|(h, _)| {
                let next = till_index.len();
                *till_index
                    .entry((&h.shop, h.device.as_str()))
                    .or_insert(next)
            })
            .collect();
        let mut by_till: Vec<Vec<&Line>> = vec![Vec::new(); till_index.len()];
        for l in &self.queue {
            if let Some(list) = claim_till
                .get(l.claim as usize)
                .and_then(|&t| by_till.get_mut(t))
            {
                list.push(l);
            }
        }
        let mut tills: Vec<((ShopId, String), Vec<&Line>)> = till_index
            .into_iter()
            .map(|((shop, device), t)| {
                (
                    (shop.clone(), device.to_string()),
                    std::mem::take(by_till.get_mut(t).unwrap_or(&mut Vec::new())),
                )
            })
            .collect();
        tills.sort_by(|a, b| a.0.cmp(&b.0));
        let mut problems = Vec::new();
        let mut flagged = HashSet::new();
        for ((shop, device), mut lines) in tills {
            lines.sort_by_key(|l| (l.transaction, l.redeemed_at, l.claim, l.seq));
            // The same redemption sent twice (same number, ticket and time) is one line.
            lines.dedup_by(|b, a| {
                a.transaction == b.transaction
                    && a.redeemed_at == b.redeemed_at
                    && a.ticket.body().id() == b.ticket.body().id()
            });
            for pair in lines.windows(2) {
                let [a, b] = pair else { continue };
                let code = if a.transaction == b.transaction {
                    "till_number_reused"
                } else if b.redeemed_at < a.redeemed_at {
                    "till_time_backwards"
                } else if b.transaction > a.transaction.saturating_add(1) {
                    "till_gap"
                } else {
                    continue;
                };
                if code != "till_gap" {
                    flagged.insert((a.claim, a.seq));
                    flagged.insert((b.claim, b.seq));
                }
                let side = |l: &Line| {
                    Some(TillLine {
                        claim: self.headers.get(l.claim as usize)?.0.id.clone(),
                        transaction: l.transaction,
                        redeemed_at: l.redeemed_at,
                        ticket: l.ticket.body().id(),
                    })
                };
                let (Some(before), Some(after)) = (side(a), side(b)) else {
                    continue;
                };
                problems.push(TillProblem {
                    code,
                    shop: shop.clone(),
                    device: device.clone(),
                    before,
                    after,
                });
            }
        }
        (problems, flagged)
    }
}
