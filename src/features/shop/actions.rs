//! Shop mode's use cases. Pages call these, never the ledger's rules or storage directly;
//! each returns an [`Outcome`] worded once, in the user's language, or sets the till's
//! answer.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::claim::{Claim, ClaimId};
use crate::domain::tickets::core::ticket::{Ticket, TicketId, YearMonth};
use crate::domain::tickets::shop::export::{export_claim, reexport_claim};
use crate::domain::tickets::shop::ledger::Ledger;
use crate::domain::tickets::shop::till::{
    decide_redemption, decide_scan, read_at_till, RedeemDecision, ShopSetup, ShopSetupRecord,
    TillContext, TillDecision,
};
use crate::features::shop::state::{ShopState, TillAnswer};
use crate::platform::{camera, clock, download, storage};
use crate::ui::outcome::Outcome;
use crate::ui::state::AppState;
use crate::ui::tickets::policy;

/// A short buzz for a ticket that can be accepted, a longer pattern for a refusal.
fn buzz(answer: &TillAnswer) {
    match answer.state() {
        "valid" | "demo" | "redeemed" => {
            camera::vibrate(&[80]);
            camera::beep(true);
        }
        "undone" => camera::vibrate(&[40, 60, 40]),
        _ => {
            camera::vibrate(&[250, 120, 250]);
            camera::beep(false);
        }
    }
}

fn show(shop: ShopState, answer: TillAnswer) {
    buzz(&answer);
    shop.answer.set(Some(answer));
}

/// The till's decision `f` on what it knows now: the key list, this device's ledger, the
/// city's used data, this build's policy and the time (`domain::tickets::shop::till`).
fn decide<T>(shop: ShopState, f: impl FnOnce(&TillContext) -> T) -> T {
    crate::ui::trust::TrustState::expect()
        .trust
        .with_untracked(|trust| {
            shop.ledger.with_untracked(|ledger| {
                f(&TillContext {
                    keys: trust.keys(),
                    ledger,
                    used: trust.used(),
                    policy: policy(),
                    now: clock::now(),
                })
            })
        })
}

/// The till's decision as the till shows it.
fn answer(state: AppState, decision: TillDecision) -> TillAnswer {
    match decision {
        TillDecision::Checked {
            ticket,
            verdict,
            earlier,
        } => TillAnswer::Checked {
            ticket,
            verdict,
            earlier,
        },
        TillDecision::NotATicket(input) => TillAnswer::NotATicket(input),
        TillDecision::NoKeys => TillAnswer::Problem(
            state
                .t(
                    "鍵の情報がまだありません。インターネットにつないで開き直してください。",
                    "No key list yet: open shop mode online first.",
                )
                .to_string(),
        ),
    }
}

/// Read what was scanned, photographed or pasted at the till and show the answer.
pub fn read_text(state: AppState, shop: ShopState, text: &str) {
    let decision = decide(shop, |ctx| decide_scan(read_at_till(text), ctx));
    show(shop, answer(state, decision));
}

/// Decode a photo of the ticket's QR and read it like a scan.
pub async fn read_photo(
    state: AppState,
    shop: ShopState,
    file: web_sys::File,
    canvas: web_sys::HtmlCanvasElement,
) {
    match camera::decode_image_file(&file, &canvas).await {
        Ok(texts) => match texts.first() {
            Some(text) => read_text(state, shop, text),
            None => show(
                shop,
                TillAnswer::Problem(
                    state
                        .t(
                            "写真からQRコードが見つかりません。QRコードを大きく、ぴったり写してください。",
                            "No QR code found in the photo. Take it again, close up and in focus.",
                        )
                        .to_string(),
                ),
            ),
        },
        Err(e) => show(shop, TillAnswer::Problem(e.to_string())),
    }
}

fn not_set_up(state: AppState) -> String {
    state
        .t(
            "お店と端末名がまだ設定されていません。先に「設定」で選んでください。",
            "The shop and till are not set up yet: choose them under Settings first.",
        )
        .to_string()
}

/// The clerk accepts the ticket shown as valid: verify again (the last guard), then record.
pub fn redeem(state: AppState, shop: ShopState, ticket: &Ticket) {
    let setup = shop.setup.get_untracked();
    let till = match decide(shop, |ctx| decide_redemption(setup.as_ref(), ticket, ctx)) {
        RedeemDecision::Record(till) => till,
        RedeemDecision::NotSetUp => return show(shop, TillAnswer::Problem(not_set_up(state))),
        // No longer valid (e.g. another tab accepted it meanwhile): say why instead.
        RedeemDecision::Refused(decision) => return show(shop, answer(state, decision)),
    };
    let now = clock::now();
    let result = shop.ledger.try_update(|l| l.redeem(ticket, &till, now));
    let answer = match result {
        Some(Ok(r)) => TillAnswer::Redeemed(Box::new(r)),
        Some(Err(e)) => TillAnswer::Problem(e.wording(state.lang.get_untracked())),
        None => TillAnswer::Problem(
            state
                .t("台帳を開けませんでした。", "The ledger is not available.")
                .to_string(),
        ),
    };
    show(shop, answer);
}

/// Undo a mistaken redemption (within the window, never once claimed).
pub fn undo(state: AppState, shop: ShopState, id: TicketId) -> Outcome {
    let now = clock::now();
    let result = shop.ledger.try_update(|l| l.undo(id, now).cloned());
    match result {
        Some(Ok(r)) => {
            let message = match state.lang.get_untracked() {
                Lang::Ja => format!("取引番号 {} の受付を取り消しました。", r.transaction),
                Lang::En => format!("Transaction {} undone.", r.transaction),
            };
            if shop
                .answer
                .with_untracked(|a| matches!(a, Some(TillAnswer::Redeemed(x)) if x.id == id))
            {
                show(shop, TillAnswer::Undone(Box::new(r)));
            }
            Outcome::ok(message)
        }
        Some(Err(e)) => Outcome::failed(e.wording(state.lang.get_untracked())),
        None => {
            Outcome::failed(state.t("台帳を開けませんでした。", "The ledger is not available."))
        }
    }
}

/// Remember the shop and till on this device.
pub fn save_setup(state: AppState, shop: ShopState, setup: ShopSetup) -> Outcome {
    let record = ShopSetupRecord {
        setup: Some(setup.clone()),
    };
    match storage::save(&record) {
        Ok(()) => {
            shop.setup.set(Some(setup));
            Outcome::ok(state.t("お店と端末名を保存しました。", "Shop and till saved."))
        }
        Err(e) => {
            state.report_storage(&e);
            Outcome::failed(e.to_string())
        }
    }
}

/// Offer the claim's two files (JSON for the office, CSV for people).
fn download_claim(state: AppState, claim: &Claim) -> Result<(), String> {
    let stem = claim.file_stem();
    download::save_file(
        &format!("{stem}.json"),
        "application/json",
        &claim.to_json(),
    )?;
    download::save_file(
        &format!("{stem}.csv"),
        "text/csv;charset=utf-8",
        &claim.to_csv(),
    )
    .inspect_err(|e| state.report_storage(e))
}

fn claim_message(lang: Lang, claim: &Claim, again: bool) -> String {
    let total = crate::ui::i18n::yen(lang, claim.total().0);
    match (lang, again) {
        (Lang::Ja, false) => format!(
            "請求 {} を書き出しました：{}件、合計 {}。2つのファイル（JSONとCSV）を事務局へ提出してください。",
            claim.id(),
            claim.count(),
            total
        ),
        (Lang::Ja, true) => format!(
            "請求 {} をもう一度書き出しました（前回と同じ内容）：{}件、合計 {}。",
            claim.id(),
            claim.count(),
            total
        ),
        (Lang::En, false) => format!(
            "Claim {} exported: {} tickets, {} in total. Send both files (JSON and CSV) to the office.",
            claim.id(),
            claim.count(),
            total
        ),
        (Lang::En, true) => format!(
            "Claim {} exported again (identical): {} tickets, {} in total.",
            claim.id(),
            claim.count(),
            total
        ),
    }
}

/// Export the month's claim: every live, unclaimed redemption once; marks them claimed.
pub fn export(state: AppState, shop: ShopState, period: YearMonth) -> Outcome {
    let lang = state.lang.get_untracked();
    let Some(setup) = shop.setup.get_untracked() else {
        return Outcome::failed(not_set_up(state));
    };
    let now = clock::now();
    let result = shop
        .ledger
        .try_update(|l: &mut Ledger| export_claim(l, &setup.till(), period, now));
    match result {
        Some(Ok(claim)) => match download_claim(state, &claim) {
            Ok(()) => Outcome::ok(claim_message(lang, &claim, false)),
            Err(e) => Outcome::failed(e),
        },
        Some(Err(e)) => Outcome::failed(e.wording(lang)),
        None => {
            Outcome::failed(state.t("台帳を開けませんでした。", "The ledger is not available."))
        }
    }
}

/// Export an earlier claim again, byte for byte.
pub fn reexport(state: AppState, shop: ShopState, id: &ClaimId) -> Outcome {
    let lang = state.lang.get_untracked();
    match shop.ledger.with_untracked(|l| reexport_claim(l, id)) {
        Ok(claim) => match download_claim(state, &claim) {
            Ok(()) => Outcome::ok(claim_message(lang, &claim, true)),
            Err(e) => Outcome::failed(e),
        },
        Err(e) => Outcome::failed(e.wording(lang)),
    }
}
