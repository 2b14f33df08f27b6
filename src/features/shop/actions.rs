//! Shop mode's use cases. Pages call these, never the ledger's rules or storage directly;
//! each returns an [`Outcome`] worded once, in the user's language, or sets the till's
//! answer.

use leptos::prelude::*;

use crate::domain::shared::money::Yen;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::bundle::ScanError;
use crate::domain::tickets::core::claim::{Claim, ClaimId};
use crate::domain::tickets::core::shops::ShopId;
use crate::domain::tickets::core::ticket::{Ticket, TicketId, Verdict, YearMonth};
use crate::domain::tickets::core::used::{AnyOf, UsedBy, UsedLookup};
use crate::domain::tickets::shop::claim_key::{ShopClaimKey, ShopClaimKeyRecord};
use crate::domain::tickets::shop::export::{export_claim, reexport_claim};
use crate::domain::tickets::shop::ledger::{Ledger, UndoError};
use crate::domain::tickets::shop::till::{
    decide, excerpt, ShopSetup, ShopSetupRecord, TillContext, TillDecision, TillInput,
    EXCERPT_CHARS,
};
use crate::features::shop::state::{ShopState, TillAnswer};
use crate::platform::share::{self, ShareOutcome};
use crate::platform::{camera, clock, download, storage};
use crate::ui::outcome::Outcome;
use crate::ui::state::AppState;
use crate::ui::tickets::{policy, today};

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

/// The till's decision on `text` now (`till::decide`): this device's setup, the key list
/// and used data in force, this device's ledger, today.
fn decide_now(shop: ShopState, text: &str) -> TillDecision {
    let trust = crate::ui::trust::TrustState::expect();
    shop.setup.with_untracked(|setup| {
        shop.ledger.with_untracked(|ledger| {
            trust.trust.with_untracked(|t| {
                let sources: [&dyn UsedLookup; 2] = [ledger, t.used()];
                let used = AnyOf(&sources);
                decide(
                    text,
                    &TillContext {
                        setup: setup.as_ref(),
                        keys: t.keys(),
                        policy: policy(),
                        today: today(),
                        used: &used,
                    },
                )
            })
        })
    })
}

fn no_keys(state: AppState) -> String {
    state
        .t(
            "市の鍵の情報がまだありません。インターネットにつないで、このページを開き直してください。",
            "No city key list yet: go online and reopen this page.",
        )
        .to_string()
}

/// The answer the till shows for a decision on `text`.
fn answer_for(state: AppState, shop: ShopState, decision: TillDecision, text: &str) -> TillAnswer {
    match decision {
        TillDecision::Checked { ticket, verdict } => {
            let earlier = match verdict {
                Verdict::AlreadyUsed(UsedBy::LocalRedemption) => shop
                    .ledger
                    .with_untracked(|l| l.redeemed(ticket.body().id()).cloned())
                    .map(Box::new),
                _ => None,
            };
            TillAnswer::Checked {
                ticket,
                verdict,
                earlier,
            }
        }
        TillDecision::NotSetUp => TillAnswer::NotSetUp,
        TillDecision::NoKeys => TillAnswer::Problem(no_keys(state)),
        TillDecision::NotATicket(input) => {
            // Plain text: what it said, so the clerk sees what was scanned (a point card…).
            let read = matches!(input, TillInput::NotACode(ScanError::NothingFound))
                .then(|| excerpt(text, EXCERPT_CHARS));
            TillAnswer::NotATicket(input, read)
        }
    }
}

/// Read what was scanned, photographed or pasted at the till and show the answer.
pub fn read_text(state: AppState, shop: ShopState, text: &str) {
    let answer = answer_for(state, shop, decide_now(shop, text), text);
    show(shop, answer);
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

/// The clerk accepts the ticket shown as valid: the till decides again (the last guard:
/// another tab may have accepted it meanwhile), then records it.
pub fn redeem(state: AppState, shop: ShopState, ticket: &Ticket) {
    let text = ticket.to_text();
    let decision = decide_now(shop, &text);
    let Some(setup) = shop.setup.get_untracked().filter(|_| decision.may_accept()) else {
        // No longer acceptable: say why instead.
        return show(shop, answer_for(state, shop, decision, &text));
    };
    let now = clock::now();
    let result = shop
        .ledger
        .try_update(|l| l.redeem(ticket, &setup.till(), now));
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
        Some(Err(e)) => {
            let lang = state.lang.get_untracked();
            let mut message = e.wording(lang);
            if matches!(
                e,
                UndoError::WindowPassed { .. } | UndoError::AlreadyClaimed { .. }
            ) {
                message.push_str(match lang {
                    Lang::Ja => "。",
                    Lang::En => ". ",
                });
                message.push_str(contact_the_office(lang));
            }
            Outcome::failed(message)
        }
        None => {
            Outcome::failed(state.t("台帳を開けませんでした。", "The ledger is not available."))
        }
    }
}

/// What to do about a redemption this till can no longer undo (the window has passed, or
/// it is claimed): the office corrects it at settlement.
pub fn contact_the_office(lang: Lang) -> &'static str {
    crate::ui::i18n::tr(
        lang,
        "間違えて受け付けた場合は、取引番号と券番号を控えて、市の事務局に連絡してください。",
        "If it was accepted by mistake, note the transaction number and serial and contact the city office.",
    )
}

/// Remember the shop and till on this device.
pub fn save_setup(state: AppState, shop: ShopState, setup: ShopSetup) -> Outcome {
    let record = ShopSetupRecord {
        setup: Some(setup.clone()),
    };
    match storage::save(&record) {
        Ok(()) => {
            let shop_id = setup.shop.clone();
            shop.setup.set(Some(setup));
            // First set-up (or another shop): make this shop's claim key.
            if shop
                .claim_key
                .with_untracked(|k| k.as_ref().map(|k| k.shop() != &shop_id).unwrap_or(true))
            {
                if let Err(o) = make_claim_key(state, shop) {
                    return o;
                }
            }
            Outcome::ok(state.t("お店と端末名を保存しました。", "Shop and till saved."))
        }
        Err(e) => {
            state.report_storage(&e);
            Outcome::failed(e.to_string())
        }
    }
}

/// The shop's name for the claim CSV (Japanese, as the feed gives it; empty if unknown).
fn shop_name(state: AppState, shop: &ShopId) -> String {
    state
        .feed
        .with_untracked(|f| {
            f.feed
                .as_ref()
                .and_then(|feed| feed.sections.shops.get(shop).map(|s| s.name.ja.clone()))
        })
        .unwrap_or_default()
}

/// The claim file the office reads: signed with the shop's claim key when this device has
/// the key of the claim's shop (`docs/claim-format.md` § "Signed claims"), else unsigned
/// (a production office refuses it).
fn claim_file(shop: ShopState, claim: &Claim) -> String {
    shop.claim_key
        .with_untracked(|k| {
            k.as_ref()
                .filter(|k| k.shop() == &claim.header().shop)
                .map(|k| k.sign(claim))
        })
        .unwrap_or_else(|| claim.to_json())
}

/// Save the claim's two files: the JSON for the office, the CSV for the shop's records.
fn save_claim(state: AppState, shop: ShopState, claim: &Claim) -> Result<(), String> {
    let stem = claim.file_stem();
    download::save_file(
        &format!("{stem}.json"),
        "application/json",
        &claim_file(shop, claim),
    )?;
    download::save_file(
        &format!("{stem}.csv"),
        "text/csv;charset=utf-8",
        &claim.to_csv(&shop_name(state, &claim.header().shop)),
    )
    .inspect_err(|e| state.report_storage(e))
}

/// A claim just written out, for the desk to say what to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub id: ClaimId,
    pub period: YearMonth,
    pub count: usize,
    pub total: Yen,
    /// `claim-<id>`: the JSON (for the office) and the CSV (the shop's records) are
    /// `<stem>.json` and `<stem>.csv`.
    pub stem: String,
    /// An earlier claim written out again (the same bytes).
    pub again: bool,
}

impl Exported {
    fn of(claim: &Claim, again: bool) -> Self {
        Exported {
            id: claim.id().clone(),
            period: claim.header().period,
            count: claim.count(),
            total: claim.total(),
            stem: claim.file_stem(),
            again,
        }
    }
}

/// Export the month's claim: every live, unclaimed redemption once; marks them claimed,
/// and saves the two files.
pub fn export(state: AppState, shop: ShopState, period: YearMonth) -> Result<Exported, String> {
    let lang = state.lang.get_untracked();
    let Some(setup) = shop.setup.get_untracked() else {
        return Err(not_set_up(state));
    };
    let now = clock::now();
    let result = shop
        .ledger
        .try_update(|l: &mut Ledger| export_claim(l, &setup.till(), period, now));
    match result {
        Some(Ok(claim)) => save_claim(state, shop, &claim).map(|()| Exported::of(&claim, false)),
        Some(Err(e)) => Err(e.wording(lang)),
        None => Err(state
            .t("台帳を開けませんでした。", "The ledger is not available.")
            .to_string()),
    }
}

/// Export an earlier claim again, byte for byte.
pub fn reexport(state: AppState, shop: ShopState, id: &ClaimId) -> Result<Exported, String> {
    let lang = state.lang.get_untracked();
    match shop.ledger.with_untracked(|l| reexport_claim(l, id)) {
        Ok(claim) => save_claim(state, shop, &claim).map(|()| Exported::of(&claim, true)),
        Err(e) => Err(e.wording(lang)),
    }
}

/// Send the claim file (the JSON, the one file the office reads) with the system share
/// sheet (mail, LINE, AirDrop…) where the browser can share files; else save it again as
/// a download to attach to an e-mail. Called in the click (the share sheet needs the
/// tap); `done` gets what happened.
pub fn send_claim(state: AppState, shop: ShopState, id: &ClaimId, done: Callback<Outcome>) {
    let lang = state.lang.get_untracked();
    let claim = match shop.ledger.with_untracked(|l| reexport_claim(l, id)) {
        Ok(c) => c,
        Err(e) => return done.run(Outcome::failed(e.wording(lang))),
    };
    let name = format!("{}.json", claim.file_stem());
    let json = claim_file(shop, &claim);
    let saved = move |name: &str, json: &str| {
        match download::save_file(name, "application/json", json) {
        Ok(()) => Outcome::ok(match lang {
            Lang::Ja => format!("{name} を保存しました。市から案内された提出先へ、メールなどに添付して送ってください。"),
            Lang::En => format!("{name} saved. Attach it to an e-mail (or as the city told you) and send it to the office."),
        }),
        Err(e) => Outcome::failed(e),
    }
    };
    let Some(share) = share::start_file_share(&name, &json) else {
        return done.run(saved(&name, &json));
    };
    leptos::task::spawn_local(async move {
        let outcome = match share::share_result(share).await {
            Ok(ShareOutcome::Cancelled) => return,
            Ok(_) => Outcome::ok(match lang {
                Lang::Ja => {
                    format!("{name} を送る画面を開きました。送り先が市の事務局か確かめてください。")
                }
                Lang::En => format!(
                    "{name} handed to the share sheet. Check that it goes to the city office."
                ),
            }),
            Err(_) => saved(&name, &json),
        };
        done.run(outcome);
    });
}

/// Makes a new claim-signing key for the shop set up on this device (first set-up, or
/// replacing a lost or leaked one) and keeps it in this browser. The old key stops
/// counting once the office registers the new one and retires the old.
pub fn make_claim_key(state: AppState, shop: ShopState) -> Result<Outcome, Outcome> {
    let Some(setup) = shop.setup.get_untracked() else {
        return Err(Outcome::failed(not_set_up(state)));
    };
    let random = crate::platform::tasks::random::<32>().map_err(Outcome::failed)?;
    let key = ShopClaimKey::generate(setup.shop, random, clock::now());
    keep_claim_key(state, shop, key)
}

fn keep_claim_key(state: AppState, shop: ShopState, key: ShopClaimKey) -> Result<Outcome, Outcome> {
    match storage::save(&ShopClaimKeyRecord::of(&key)) {
        Ok(()) => {
            shop.claim_key.set(Some(key));
            Ok(Outcome::ok(state.t(
                "請求の署名鍵を作りました。登録用の文字列を市の事務局へ送り、バックアップを保存してください。",
                "Claim signing key made. Send the registration text to the city office and save a backup.",
            )))
        }
        Err(e) => {
            state.report_storage(&e);
            Err(Outcome::failed(e.to_string()))
        }
    }
}

/// Saves the key's backup file (`shop-claim-key-<shop>.json`: it holds the secret key —
/// keep it like a bank card).
pub fn save_key_backup(state: AppState, shop: ShopState) -> Outcome {
    let Some(key) = shop.claim_key.get_untracked() else {
        return Outcome::failed(state.t("署名鍵がまだありません。", "No signing key yet."));
    };
    match download::save_file(
        &format!("shop-claim-key-{}.json", key.shop()),
        "application/json",
        &key.to_json(),
    ) {
        Ok(()) => Outcome::ok(state.t(
            "バックアップを保存しました。秘密の鍵が入っています。USBメモリなどに移し、人に渡さないでください。",
            "Backup saved. It holds the secret key: move it to a USB stick or similar and never give it to anyone.",
        )),
        Err(e) => Outcome::failed(e),
    }
}

/// Saves the registration text as a file to send to the office.
pub fn save_registration(state: AppState, shop: ShopState) -> Outcome {
    let Some(key) = shop.claim_key.get_untracked() else {
        return Outcome::failed(state.t("署名鍵がまだありません。", "No signing key yet."));
    };
    let text = format!("{}\n", key.registration().to_text());
    match download::save_file(
        &format!("shop-key-{}.txt", key.shop()),
        "text/plain;charset=utf-8",
        &text,
    ) {
        Ok(()) => Outcome::ok(state.t(
            "登録用ファイルを保存しました。市の事務局へ送ってください（秘密の鍵は入っていません）。",
            "Registration file saved. Send it to the city office (it holds no secret).",
        )),
        Err(e) => Outcome::failed(e),
    }
}

/// Reads a key backup back in (for the shop set up on this device).
pub fn restore_key_backup(state: AppState, shop: ShopState, text: &str) -> Outcome {
    let lang = state.lang.get_untracked();
    let Some(setup) = shop.setup.get_untracked() else {
        return Outcome::failed(not_set_up(state));
    };
    match ShopClaimKey::restore(text, &setup.shop) {
        Ok(key) => match keep_claim_key(state, shop, key) {
            Ok(_) => Outcome::ok(state.t(
                "バックアップから署名鍵を戻しました。",
                "Signing key restored from the backup.",
            )),
            Err(o) => o,
        },
        Err(e) => Outcome::failed(e.wording(lang)),
    }
}
