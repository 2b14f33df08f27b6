//! The shop's month-end claim export from its ledger (the claim format itself is
//! [`core::claim`](crate::domain::tickets::core::claim)).
//!
//! Rules (each with a test below):
//! - [`export_claim`]: every live, unclaimed redemption of the shop in the period goes into
//!   the claim exactly once (one line per ticket) and is marked `claimed_in`, so a second
//!   claim of the same period has none of them.
//! - [`reexport_claim`]: an earlier claim is produced again byte for byte.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use thiserror::Error;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::claim::*;
use crate::domain::tickets::core::shops::ShopId;
use crate::domain::tickets::core::ticket::{TicketId, YearMonth};
use crate::domain::tickets::shop::ledger::{Ledger, Redemption};
#[cfg(test)]
use crate::domain::{shared::money::Yen, tickets::core::ticket::Ticket};

/// Why a claim could not be exported.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum ExportError {
    NothingToClaim {
        period: YearMonth,
    },
    UnknownClaim(ClaimId),
    Incomplete {
        id: ClaimId,
        expected: usize,
        found: usize,
    },
    Invalid(#[from] ClaimError),
}

impl Wording for ExportError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::NothingToClaim { period } => say!(
                lang,
                "{period} に請求できる受付はありません（請求済みか取り消し済みです）",
                "nothing left to claim for {period} (everything is claimed or undone)",
            ),
            Self::UnknownClaim(id) => {
                say!(
                    lang,
                    "請求 {id} の記録がありません",
                    "no claim {id} on this device"
                )
            }
            Self::Incomplete {
                id,
                expected,
                found,
            } => say!(
                lang,
                "請求 {id} の受付記録が{found}件しか見つかりません（{expected}件のはず）",
                "claim {id}: only {found} of its {expected} redemptions are in the ledger",
            ),
            Self::Invalid(e) => {
                let e = e.wording(lang);
                say!(
                    lang,
                    "請求を作れません: {e}",
                    "the claim cannot be made: {e}"
                )
            }
        }
    }
}

/// FNV-1a, 32 bits: a short, stable tag for claim ids (not a security measure).
fn fnv1a32(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The redemptions [`export_claim`] would claim now (ledger order): per ticket the
/// earliest live redemption at the till's shop in `period`, unless a redemption of that
/// ticket is already claimed.
pub fn claimable<'a>(ledger: &'a Ledger, shop: &ShopId, period: YearMonth) -> Vec<&'a Redemption> {
    let claimed: BTreeSet<TicketId> = crate::domain::shared::small_sort::btree_set(
        ledger
            .redemptions()
            .iter()
            .filter(|r| r.claimed_in.is_some())
            .map(|r| r.id),
    );
    let mut taken = BTreeSet::new();
    ledger
        .redemptions()
        .iter()
        .filter(|r| {
            r.is_live()
                && &r.shop == shop
                && r.period() == period
                && !claimed.contains(&r.id)
                && taken.insert(r.id)
        })
        .collect()
}

/// **Rule: claim once.** Exports the claim of `till`'s shop for `period` made at `now`:
/// every ticket with a live, unclaimed redemption in the period appears exactly once, and
/// its redemption is marked claimed, so another claim of the period leaves it out.
pub fn export_claim(
    ledger: &mut Ledger,
    till: &Till,
    period: YearMonth,
    now: DateTime<Utc>,
) -> Result<Claim, ExportError> {
    let chosen: BTreeSet<(TicketId, DateTime<Utc>, u32)> = claimable(ledger, &till.shop, period)
        .into_iter()
        .map(|r| (r.id, r.redeemed_at, r.transaction))
        .collect();
    if chosen.is_empty() {
        return Err(ExportError::NothingToClaim { period });
    }
    let seq = ledger.claims().len() + 1;
    let tag = fnv1a32(format!("{}|{}", till.device, instant_text(now)).as_bytes());
    let id_text = format!(
        "{}-{:04}{:02}-{tag:08x}-{seq}",
        till.shop, period.year, period.month
    );
    let id = ClaimId::parse(&id_text).ok_or_else(|| invalid("claim_id", "cannot be made"))?;
    let lines = ledger
        .redemptions()
        .iter()
        .filter(|r| chosen.contains(&(r.id, r.redeemed_at, r.transaction)) && r.is_live())
        .filter(|r| r.shop == till.shop)
        .map(|r| ClaimLine {
            ticket: r.ticket.clone(),
            redeemed_at: r.redeemed_at,
            transaction: r.transaction,
        });
    let lines = dedup_lines(lines);
    let claim = Claim::new(
        ClaimHeader {
            id: id.clone(),
            shop: till.shop.clone(),
            device: till.device.clone(),
            period,
            created_at: now,
        },
        lines,
    )?;
    let chosen: BTreeSet<(TicketId, DateTime<Utc>, u32)> = claim
        .lines()
        .iter()
        .map(|l| (l.id(), l.redeemed_at, l.transaction))
        .collect();
    for r in ledger.redemptions_mut() {
        if r.is_live()
            && r.claimed_in.is_none()
            && r.shop == till.shop
            && chosen.contains(&(r.id, r.redeemed_at, r.transaction))
        {
            r.claimed_in = Some(id.clone());
        }
    }
    ledger.claims_mut().push(claim.summary());
    Ok(claim)
}

/// One line per ticket (the first in ledger order).
fn dedup_lines(lines: impl Iterator<Item = ClaimLine>) -> Vec<ClaimLine> {
    let mut seen = BTreeSet::new();
    lines.filter(|l| seen.insert(l.id())).collect()
}

/// **Rule: an earlier claim exports again identically** (same JSON and CSV bytes), from
/// the redemptions the ledger marked with its id.
pub fn reexport_claim(ledger: &Ledger, id: &ClaimId) -> Result<Claim, ExportError> {
    let summary = ledger
        .claims()
        .iter()
        .find(|c| &c.header.id == id)
        .ok_or_else(|| ExportError::UnknownClaim(id.clone()))?;
    let lines = dedup_lines(
        ledger
            .redemptions()
            .iter()
            .filter(|r| r.claimed_in.as_ref() == Some(id))
            .map(|r| ClaimLine {
                ticket: r.ticket.clone(),
                redeemed_at: r.redeemed_at,
                transaction: r.transaction,
            }),
    );
    let incomplete = ExportError::Incomplete {
        id: id.clone(),
        expected: summary.count,
        found: lines.len(),
    };
    if lines.len() != summary.count {
        return Err(incomplete);
    }
    let claim = Claim::new(summary.header.clone(), lines)?;
    if claim.total() != summary.total {
        return Err(incomplete);
    }
    Ok(claim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::shop::ledger::tests::{at, tickets, till};
    use proptest::prelude::*;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        let id = || ClaimId::parse("c-1").unwrap();
        crate::domain::shared::wording::assert_worded(&[
            (
                "NothingToClaim",
                &ExportError::NothingToClaim { period: dec() },
            ),
            ("UnknownClaim", &ExportError::UnknownClaim(id())),
            (
                "Incomplete",
                &ExportError::Incomplete {
                    id: id(),
                    expected: 5,
                    found: 3,
                },
            ),
            (
                "Invalid",
                &ExportError::Invalid(ClaimError::TooLarge { bytes: 3 }),
            ),
        ]);
    }

    fn dec_ledger() -> (Ledger, Vec<Ticket>) {
        let t = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        for (i, ticket) in t.iter().take(6).enumerate() {
            ledger
                .redeem(ticket, &till, at(2026, 12, 5 + i as u32, 10, 0))
                .unwrap();
        }
        ledger
            .undo(t[5].body().id(), at(2026, 12, 10, 10, 1))
            .unwrap();
        (ledger, t)
    }

    fn dec() -> YearMonth {
        YearMonth::new(2026, 12).unwrap()
    }

    #[test]
    fn export_claims_live_redemptions_once() {
        let (mut ledger, t) = dec_ledger();
        let till = till("cafe-1", "レジ1");
        let claim = export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 0)).unwrap();
        assert_eq!(claim.count(), 5, "the undone one is not claimed");
        assert_eq!(claim.total(), Yen(5_000));
        assert_eq!(claim.id().as_str().len(), "cafe-1-202612-".len() + 8 + 2);
        assert!(claim.id().as_str().starts_with("cafe-1-202612-"));
        assert!(claim.id().as_str().ends_with("-1"));
        let ids: Vec<_> = claim.lines().iter().map(ClaimLine::id).collect();
        assert_eq!(ids, (0..5).map(|i| t[i].body().id()).collect::<Vec<_>>());
        assert_eq!(
            export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 5)),
            Err(ExportError::NothingToClaim { period: dec() })
        );
        // A claimed redemption cannot be undone.
        assert!(matches!(
            ledger.undo(t[0].body().id(), at(2026, 12, 5, 10, 1)),
            Err(crate::domain::tickets::shop::ledger::UndoError::AlreadyClaimed { .. })
        ));
        // A late redemption goes into a second claim of the period, alone.
        ledger
            .redeem(&t[7], &till, at(2026, 12, 31, 23, 59))
            .unwrap();
        let second = export_claim(&mut ledger, &till, dec(), at(2027, 1, 2, 9, 0)).unwrap();
        assert_eq!(second.count(), 1);
        assert!(second.id().as_str().ends_with("-2"));
        assert_ne!(second.id(), claim.id());
    }

    #[test]
    fn an_earlier_claim_exports_again_byte_for_byte() {
        let (mut ledger, _) = dec_ledger();
        let till = till("cafe-1", "レジ1");
        let claim = export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 0)).unwrap();
        // Through storage and back, then again.
        let now = at(2027, 1, 3, 9, 0);
        let raw = crate::domain::shared::persist::save(
            &crate::domain::tickets::shop::ledger::LedgerRecord::from_ledger(&ledger),
            now,
        )
        .unwrap();
        let stored = crate::domain::shared::persist::load::<
            crate::domain::tickets::shop::ledger::LedgerRecord,
        >(Some(&raw), now)
        .into_value()
        .into_ledger();
        let again = reexport_claim(&stored, claim.id()).unwrap();
        assert_eq!(again.to_json(), claim.to_json());
        assert_eq!(again.to_csv("カフェ"), claim.to_csv("カフェ"));
        let unknown = ClaimId::parse("nope").unwrap();
        assert_eq!(
            reexport_claim(&stored, &unknown),
            Err(ExportError::UnknownClaim(unknown))
        );
    }

    #[test]
    fn claim_file_is_strict_and_says_where() {
        let (mut ledger, t) = dec_ledger();
        let claim = export_claim(
            &mut ledger,
            &till("cafe-1", "レジ1"),
            dec(),
            at(2027, 1, 1, 9, 0),
        )
        .unwrap();
        let json = claim.to_json();
        assert_eq!(Claim::from_json(&json).unwrap(), claim);
        let edit = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
            f(&mut v);
            Claim::from_json(&v.to_string()).unwrap_err()
        };
        let located = |e: ClaimError| match e {
            ClaimError::Invalid { at, .. } => at,
            other => panic!("{other:?}"),
        };
        assert_eq!(located(edit(&|v| v["format"] = "x".into())), "format");
        assert!(edit(&|v| v["version"] = 2.into())
            .to_string()
            .contains("version 2"));
        assert_eq!(located(edit(&|v| v["shop"] = "Cafe 1".into())), "shop");
        assert_eq!(located(edit(&|v| v["period"] = "2026-1".into())), "period");
        assert_eq!(
            located(edit(
                &|v| v["created_at"] = "2027-01-01T00:00:00+09:00".into()
            )),
            "created_at"
        );
        assert_eq!(located(edit(&|v| v["count"] = 4.into())), "count");
        assert_eq!(located(edit(&|v| v["total"] = 6000.into())), "total");
        assert_eq!(
            located(edit(&|v| v["redemptions"][2]["ticket"] = "JK1:AAAA".into())),
            "redemptions[2].ticket"
        );
        assert_eq!(
            located(edit(
                &|v| v["redemptions"][3]["ticket"] = t[0].to_text().into()
            )),
            "redemptions[3].ticket",
            "listed twice"
        );
        assert_eq!(
            located(edit(
                &|v| v["redemptions"][1]["redeemed_at"] = "2026-11-30T14:59:59.000Z".into()
            )),
            "redemptions[1].redeemed_at",
            "outside the JST month"
        );
        assert_eq!(
            located(edit(&|v| v["redemptions"][0]["transaction"] = 0.into())),
            "redemptions[0].transaction"
        );
        assert_eq!(
            located(edit(&|v| v["redemptions"] = serde_json::json!([]))),
            "redemptions"
        );
        match edit(&|v| v["extra"] = 1.into()) {
            ClaimError::Json { line, .. } => assert_eq!(line, 1),
            other => panic!("{other:?}"),
        }
        match Claim::from_json("{\n  \"format\": \"jokatsu-claim\",\n  oops").unwrap_err() {
            ClaimError::Json { line, column, .. } => assert_eq!((line, column), (3, 3)),
            other => panic!("{other:?}"),
        }
        let err = edit(&|v| v["shop"] = "Cafe 1".into());
        let msg = err.to_string();
        assert!(msg.starts_with("請求ファイルの shop"), "{msg}");
        assert!(
            err.wording(Lang::En).starts_with("claim file shop"),
            "{err:?}"
        );
    }

    /// A minimal RFC 4180 reader for the tests.
    fn read_csv(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix('\u{FEFF}').expect("BOM");
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = text.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => quoted = false,
                    _ => field.push(c),
                }
            } else {
                match c {
                    '"' => quoted = true,
                    ',' => row.push(std::mem::take(&mut field)),
                    '\r' => {
                        assert_eq!(chars.next(), Some('\n'), "CR without LF");
                        row.push(std::mem::take(&mut field));
                        rows.push(std::mem::take(&mut row));
                    }
                    '\n' => panic!("bare LF"),
                    _ => field.push(c),
                }
            }
        }
        assert!(
            field.is_empty() && row.is_empty(),
            "last row not ended by CRLF"
        );
        rows
    }

    #[test]
    fn claim_csv_is_excel_ready() {
        let t = tickets(2026, 12);
        let mut ledger = Ledger::new();
        let till = till("cafe-1", "レジ1,\"奥\"");
        ledger.redeem(&t[0], &till, at(2026, 12, 5, 10, 0)).unwrap();
        ledger
            .redeem(&t[1], &till, at(2026, 12, 31, 23, 59))
            .unwrap();
        let csv = export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 0))
            .unwrap()
            .to_csv("=カフェ, 旭川");
        assert!(csv.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
        assert!(csv.contains("\"レジ1,\"\"奥\"\"\""), "{csv}");
        let rows = read_csv(&csv);
        assert_eq!(rows.len(), 5);
        assert!(rows.iter().all(|r| r.len() == CLAIM_CSV_HEADERS.len()));
        assert_eq!(rows[0], CLAIM_CSV_HEADERS.map(String::from).to_vec());
        assert_eq!(rows[1][1], "cafe-1");
        assert_eq!(rows[1][2], "'=カフェ, 旭川", "the shop's name, guarded");
        assert_eq!(rows[1][3], "レジ1,\"奥\"");
        assert_eq!(rows[1][4], "1");
        assert_eq!(rows[1][5], "2026-12-05 10:00:00");
        assert_eq!(rows[1][6], "DEMO-K1-202612-00000");
        assert_eq!(rows[1][7], "見本（支払対象外）", "a demo ticket is marked");
        assert_eq!(rows[1][8], "2027-02-28");
        assert_eq!(rows[1][9], "1000");
        assert_eq!(rows[2][5], "2026-12-31 23:59:00");
        assert_eq!(rows[3][0], "合計");
        assert_eq!(rows[3][6], "2枚");
        assert_eq!(rows[3][9], "2000");
        assert_eq!(rows[4][0], "うち見本（支払対象外）");
        assert_eq!(rows[4][6], "2枚");
        assert_eq!(rows[4][9], "2000");
    }

    #[test]
    fn claim_csv_marks_demo_tickets_only() {
        use crate::domain::tickets::core::keys::KeyId;
        use crate::domain::tickets::core::ticket::{issue, EmployerId, Serial, TicketSpec};
        let d = |m, day| chrono::NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let key = ed25519_dalek::SigningKey::from_bytes(&[7; 32]);
        let real = issue(
            TicketSpec {
                demo: false,
                key_id: KeyId::new(2).unwrap(),
                serial: Serial::new(202612, 3),
                face_value: Yen(1000),
                employer_share: Yen(500),
                employer: EmployerId(4242),
                valid_from: d(12, 1),
                valid_until: d(12, 31),
            },
            &key,
        )
        .unwrap();
        let demo = tickets(2026, 12);
        let till = till("cafe-1", "レジ1");
        let mut ledger = Ledger::new();
        ledger.redeem(&real, &till, at(2026, 12, 5, 10, 0)).unwrap();
        let only_real = export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 0)).unwrap();
        let rows = read_csv(&only_real.to_csv("カフェ"));
        assert_eq!(rows.len(), 3, "no demo row without demo tickets");
        assert_eq!(rows[1][6], "K2-202612-00003");
        assert_eq!(rows[1][7], "", "a real ticket carries no mark");
        ledger
            .redeem(&demo[0], &till, at(2026, 12, 6, 10, 0))
            .unwrap();
        ledger
            .redeem(&demo[1], &till, at(2026, 12, 7, 10, 0))
            .unwrap();
        ledger
            .redeem(&demo[2], &till, at(2026, 12, 8, 10, 0))
            .unwrap();
        let mixed = export_claim(&mut ledger, &till, dec(), at(2027, 1, 1, 9, 5)).unwrap();
        let rows = read_csv(&mixed.to_csv("カフェ"));
        let marks: Vec<&str> = rows[1..4].iter().map(|r| r[7].as_str()).collect();
        assert_eq!(marks, [CSV_DEMO_MARK; 3]);
        assert_eq!(rows[5][0], CSV_DEMO_TOTAL);
        assert_eq!((rows[5][6].as_str(), rows[5][9].as_str()), ("3枚", "3000"));
    }

    #[test]
    fn csv_guards_spreadsheet_formulas() {
        assert_eq!(csv_field(&Cell::Text("=1+1".into())), "'=1+1");
        assert_eq!(csv_field(&Cell::Text("-1,2".into())), "\"'-1,2\"");
        assert_eq!(csv_field(&Cell::Number(5)), "5");
    }

    proptest! {
        #[test]
        fn csv_quoting_round_trips(rows in proptest::collection::vec(
            proptest::collection::vec("[a-z,\"\r\n 　旭川市，「」、です=+@-]{0,12}", 1..5), 1..5)) {
            let width = rows[0].len();
            let rows: Vec<Vec<String>> = rows.into_iter().map(|mut r| { r.resize(width, String::new()); r }).collect();
            let cells: Vec<Vec<Cell>> = rows.iter().map(|r| r.iter().cloned().map(Cell::Text).collect()).collect();
            let back = read_csv(&csv_document(&cells));
            let expected: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|s| {
                if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.clone() }
            }).collect()).collect();
            prop_assert_eq!(back, expected);
        }

        /// Every live ticket appears exactly once in the first claim of a period; a second
        /// claim of the period has none; the claim file round-trips through its parser.
        #[test]
        fn claims_take_each_live_ticket_once(
            ops in proptest::collection::vec((0usize..40, 0u32..(62 * 24 * 60), any::<bool>(), 0usize..2), 1..60)
        ) {
            let mut pool = tickets(2026, 12);
            pool.extend(tickets(2027, 1));
            let tills = [till("cafe-1", "レジ1"), till("book-2", "レジ1")];
            let start = at(2026, 12, 1, 0, 0);
            let mut ledger = Ledger::new();
            let mut ops = ops;
            ops.sort_by_key(|o| o.1);
            for (ticket, minute, undo, t) in ops {
                let now = start + chrono::Duration::minutes(i64::from(minute));
                let ticket = &pool[ticket];
                if ledger.redeem(ticket, &tills[t], now).is_ok() && undo {
                    ledger.undo(ticket.body().id(), now + chrono::Duration::minutes(3)).unwrap();
                }
            }
            let end = at(2027, 2, 1, 9, 0);
            for period in [dec(), YearMonth::new(2027, 1).unwrap()] {
                let till = &tills[0];
                let expected: BTreeSet<TicketId> = ledger.redemptions().iter()
                    .filter(|r| r.is_live() && r.shop == till.shop && r.period() == period)
                    .map(|r| r.id).collect();
                match export_claim(&mut ledger, till, period, end) {
                    Ok(claim) => {
                        let ids: Vec<TicketId> = claim.lines().iter().map(ClaimLine::id).collect();
                        let unique: BTreeSet<TicketId> = ids.iter().copied().collect();
                        prop_assert_eq!(ids.len(), unique.len());
                        prop_assert_eq!(&unique, &expected);
                        prop_assert_eq!(claim.total(), Yen(1_000 * ids.len() as u64));
                        let json = claim.to_json();
                        let parsed = Claim::from_json(&json).unwrap();
                        prop_assert_eq!(&parsed, &claim);
                        prop_assert_eq!(parsed.to_json(), json);
                        prop_assert_eq!(reexport_claim(&ledger, claim.id()).unwrap().to_json(), claim.to_json());
                    }
                    Err(e) => {
                        prop_assert_eq!(e, ExportError::NothingToClaim { period });
                        prop_assert!(expected.is_empty());
                    }
                }
                prop_assert_eq!(
                    export_claim(&mut ledger, till, period, end + chrono::Duration::minutes(1)),
                    Err(ExportError::NothingToClaim { period })
                );
            }
        }
    }
}
