//! The wallet's use cases. Pages and components call these, never the storage or the
//! wallet's rules directly; each returns an [`Outcome`] worded once, in the user's
//! language.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::bundle::{Bundle, Gift};
use crate::domain::tickets::core::keys::KeySet;
use crate::domain::tickets::core::ticket::Verdict;
use crate::domain::tickets::core::ticket::{demo_month_for, TicketId};
use crate::domain::tickets::holder::files::{classify, FileKind};
use crate::domain::tickets::holder::wallet::{BundleImport, GiftState, PendingChange};
use crate::features::tickets::state::wallet;
use crate::platform::{clock, download};
use crate::ui::outcome::Outcome;
use crate::ui::state::AppState;
use crate::ui::tickets::{app_base, policy, today, wallet_error_text, with_used};

fn no_keys(state: AppState) -> Outcome {
    Outcome::failed(state.t(
        "このスマホには、まだ市の鍵一覧（チケットを確かめるための情報）が届いていません。チケットは市から届いたリンクの中にあり、なくなりません。インターネットにつないで、このリンクをもう一度開いてください。それでも受け取れないときは、リンクが届いたメールの送り主（市の事務局）に連絡してください。",
        "This phone has not received the city's key list yet (what checks tickets). Your tickets stay in the city's link and are not lost: go online and open the link again. If it still fails, contact the sender of the message with your link (the city office).",
    ))
}

/// The key list in force (the last accepted one), if any.
fn trusted_keys() -> Option<KeySet> {
    let keys = crate::ui::trust::TrustState::expect()
        .trust
        .with_untracked(|t| t.keys().clone());
    (!keys.is_empty()).then_some(keys)
}

fn bundle_report(lang: Lang, r: &BundleImport, demo: bool) -> Outcome {
    let en = matches!(lang, Lang::En);
    let mut message = match (en, demo) {
        (false, false) => format!(
            "{}枚を受け取りました（受け取り済み {}枚、使えないもの {}枚）。",
            r.added,
            r.duplicates,
            r.rejected.len()
        ),
        (false, true) => format!(
            "見本のチケット {}枚を受け取りました（受け取り済み {}枚、使えないもの {}枚）。",
            r.added,
            r.duplicates,
            r.rejected.len()
        ),
        (true, false) => format!(
            "Received {} tickets ({} already here, {} refused).",
            r.added,
            r.duplicates,
            r.rejected.len()
        ),
        (true, true) => format!(
            "Received {} demo tickets ({} already here, {} refused).",
            r.added,
            r.duplicates,
            r.rejected.len()
        ),
    };
    // Why the refused ones were refused, and what to do: once per reason.
    let mut reasons: Vec<&'static str> = Vec::new();
    for (id, verdict) in &r.rejected {
        // A demo ticket in a build that refuses them is a demo ticket, whatever its key
        // (a demo key's id may be the city's own key's).
        let why = if id.demo && !policy().accept_demo {
            refused_why(en, &Verdict::DemoNotAccepted)
        } else {
            refused_why(en, verdict)
        };
        if !reasons.contains(&why) {
            reasons.push(why);
        }
    }
    for why in reasons {
        message.push(if en { ' ' } else { '\n' });
        message.push_str(why);
    }
    Outcome {
        ok: r.rejected.is_empty(),
        message,
    }
}

/// Why a ticket of a bundle was refused and what she can do, in one language.
fn refused_why(en: bool, verdict: &Verdict) -> &'static str {
    match (verdict, en) {
        (Verdict::UnknownKey(_) | Verdict::KeyNotValidForTicket { .. }, false) => "発行元の鍵が、このスマホの持っている市の鍵一覧にまだありません。チケットは市から届いたリンクの中にあり、なくなりません。しばらくしてからインターネットにつないで、このリンクをもう一度開いてください。それでも受け取れないときは、リンクが届いたメールの送り主（市の事務局）に連絡してください。",
        (Verdict::UnknownKey(_) | Verdict::KeyNotValidForTicket { .. }, true) => "The issuer's key is not yet in the city key list this phone holds. Your tickets stay in the city's link and are not lost: go online later and open the link again. If it still fails, contact the sender of the message with your link (the city office).",
        (Verdict::DemoNotAccepted, false) => "見本（DEMO）のチケットは、このアプリでは使えません。",
        (Verdict::DemoNotAccepted, true) => "Demo tickets cannot be used in this app.",
        (Verdict::Expired { .. }, false) => "有効期限が過ぎたチケットです。",
        (Verdict::Expired { .. }, true) => "Those tickets have expired.",
        (_, false) => "市の署名が確かめられないチケットです（改ざんのおそれ）。リンクが届いたメールの送り主（市の事務局）に連絡してください。",
        (_, true) => "The city's signature on those tickets does not check out (possibly altered). Contact the sender of the message with your link (the city office).",
    }
}

fn add_bundle(state: AppState, bundle: &Bundle, demo: bool) -> Outcome {
    let Some(keys) = trusted_keys() else {
        return no_keys(state);
    };
    let now = clock::now();
    match wallet().try_update(|w| w.add_bundle(bundle, &keys, policy(), now)) {
        Some(r) => bundle_report(state.lang.get_untracked(), &r, demo),
        None => Outcome::failed(state.t(
            "ウォレットを開けませんでした。",
            "The wallet is not available.",
        )),
    }
}

/// Put a month's bundle from the office into the wallet.
pub fn receive_bundle(state: AppState, bundle: &Bundle) -> Outcome {
    add_bundle(state, bundle, false)
}

/// Accept a coworker's gift (refused, with the reason, when the city lists it as used).
pub fn receive_gift(state: AppState, gift: &Gift) -> Outcome {
    let Some(keys) = trusted_keys() else {
        return no_keys(state);
    };
    let now = clock::now();
    match with_used(|used| {
        wallet().try_update(|w| w.receive_gift_checked(gift, &keys, policy(), used, now))
    }) {
        Some(Ok(_)) => Outcome::ok(state.t("ウォレットに入れました。", "Added to your wallet.")),
        Some(Err(e)) => Outcome::failed(wallet_error_text(state.lang.get_untracked(), &e)),
        None => Outcome::failed(state.t(
            "ウォレットを開けませんでした。",
            "The wallet is not available.",
        )),
    }
}

/// What this wallet already knows of a gift link (re-opened links say 受け取り済み).
pub fn gift_state(gift: &Gift) -> GiftState {
    wallet().with(|w| w.gift_state(gift))
}

/// Give a ticket away: the recipient's name is required; returns the gift link.
pub fn give(
    state: AppState,
    id: TicketId,
    to: &str,
    from: &str,
    message: &str,
) -> Result<String, Outcome> {
    let some = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let now = clock::now();
    match with_used(|used| {
        wallet().try_update(|w| w.give(id, to, some(from), some(message), used, now))
    }) {
        Some(Ok(gift)) => Ok(gift.to_link(&app_base())),
        Some(Err(e)) => Err(Outcome::failed(wallet_error_text(
            state.lang.get_untracked(),
            &e,
        ))),
        None => Err(Outcome::failed(state.t(
            "ウォレットを開けませんでした。",
            "The wallet is not available.",
        ))),
    }
}

/// The link of a gift already given, to show the same person again.
pub fn gift_link_again(id: TicketId) -> Option<String> {
    wallet()
        .with_untracked(|w| w.gift_again(id))
        .map(|g| g.to_link(&app_base()))
}

/// Try the app with this month's demo tickets (demo builds and demo feeds only).
pub fn load_demo_month(state: AppState) -> Outcome {
    let lang = state.lang.get_untracked();
    let tickets = match demo_month_for(today()) {
        Ok(t) => t,
        Err(e) => return Outcome::failed(e.wording(lang)),
    };
    match Bundle::new(tickets) {
        Ok(bundle) => add_bundle(state, &bundle, true),
        Err(e) => Outcome::failed(e.wording(lang)),
    }
}

/// Take a given ticket back (the holder's undo, after she said the coworker has not
/// received it yet): usable on this phone again. This phone's record only: a receiver who
/// already opened the link holds it too, and the first use at a shop counts (the words say
/// so).
pub fn take_back(state: AppState, id: TicketId) -> Outcome {
    match wallet().try_update(|w| w.take_back(id)) {
        Some(Ok(())) => Outcome::ok(state.t(
            "取り消しました。このチケットはまた使えます。相手がリンクを開いていたら、先にお店で使った人のものになります。",
            "Undone: the ticket is usable again. If your coworker had opened the link, it belongs to whoever uses it first at a shop.",
        )),
        Some(Err(e)) => Outcome::failed(wallet_error_text(state.lang.get_untracked(), &e)),
        None => Outcome::failed(state.t(
            "ウォレットを開けませんでした。",
            "The wallet is not available.",
        )),
    }
}

/// The holder marks a ticket as used (she showed it at a shop).
pub fn mark_used(state: AppState, id: TicketId) -> Option<Outcome> {
    let now = clock::now();
    match wallet().try_update(|w| w.mark_used(id, now)) {
        Some(Err(e)) => Some(Outcome::failed(wallet_error_text(
            state.lang.get_untracked(),
            &e,
        ))),
        _ => None,
    }
}

/// Open a file: the office's bundle file or a wallet backup (merged, never replacing; a
/// backup from another wallet only adds tickets, its changes wait for the backup page).
pub fn import_file(state: AppState, contents: &str) -> Outcome {
    import_any(state, contents, |lang, held| {
        match lang {
        Lang::Ja => format!("このスマホにあるチケット {}枚は、ファイルでは状態が違います（使用済みなど）。このスマホのウォレットのファイルではないため、変えていません。反映するときは「控え・機種変更」のページでこのファイルを開いてください。", held.len()),
        Lang::En => format!(" {} tickets on this phone have another state in the file (e.g. used). The file is not from this phone's wallet, so they are unchanged; to apply them, open the file on the \"Backup, new phone\" page.", held.len()),
    }
    })
}

/// [`import_file`]; `held` words the changes a file from another wallet would make
/// (generic, so the wallet page links only its own wording).
fn import_any(
    state: AppState,
    contents: &str,
    held: impl FnOnce(Lang, Vec<PendingChange>) -> String,
) -> Outcome {
    let lang = state.lang.get_untracked();
    let Some(keys) = trusted_keys() else {
        return no_keys(state);
    };
    match classify(contents) {
        FileKind::Bundle => match Bundle::from_file_json(contents) {
            Ok(bundle) => add_bundle(state, &bundle, false),
            Err(e) => Outcome::failed(e.wording(lang)),
        },
        FileKind::WalletBackup => {
            let result = wallet()
                .try_update(|w| w.import_backup(contents, &keys, policy()));
            merged(
                state,
                result,
                ("控えを読み込みました", "Backup imported"),
                held,
            )
        }
        // Received on the backup page ([`import_file_or_transfer`]), which keeps the wallet
        // page within its size budget.
        FileKind::Transfer | FileKind::SetAside => Outcome::failed(state.t(
            "移行用ファイル（と、別にして残したデータ）は「控え・機種変更」のページで受け取ってください。このページの下の「控え・機種変更・ありがとうの記録」から開けます。",
            "Receive a transfer file (or set-aside data) on the \"Backup, new phone\" page: open it with \"Backup, new phone, thank-you log\" below.",
        )),
        FileKind::Unknown => Outcome::failed(state.t(
            "このファイルは、市から届いたチケットのファイルでも、ウォレットの控えや移行用ファイルでもありません。",
            "This file is neither a ticket file from the city nor a wallet backup or transfer file.",
        )),
    }
}

/// What a backup or transfer file's merge did, headed by `what` (Japanese, English).
fn merged(
    state: AppState,
    result: Option<
        Result<
            crate::domain::tickets::holder::wallet::MergeReport,
            crate::domain::tickets::holder::wallet::WalletError,
        >,
    >,
    what: (&str, &str),
    held: impl FnOnce(Lang, Vec<PendingChange>) -> String,
) -> Outcome {
    let lang = state.lang.get_untracked();
    match result {
        Some(Ok(mut report)) => {
            let (added, advanced, unchanged, problems) = (
                report.added,
                report.advanced,
                report.unchanged,
                report.problems.len(),
            );
            let mut text = match lang {
                Lang::Ja => format!(
                    "{}：新しく入ったチケット {added}枚、状態が変わったもの {advanced}枚、すでにあったもの {unchanged}枚、読めなかったもの {problems}件。",
                    what.0
                ),
                Lang::En => format!(
                    "{}: {added} added, {advanced} updated, {unchanged} unchanged, {problems} unreadable.",
                    what.1
                ),
            };
            let pending = std::mem::take(&mut report.pending);
            if !pending.is_empty() {
                text.push_str(&held(lang, pending));
            }
            Outcome::ok(text)
        }
        Some(Err(e)) => Outcome::failed(wallet_error_text(lang, &e)),
        None => Outcome::failed(state.t(
            "ウォレットを開けませんでした。",
            "The wallet is not available.",
        )),
    }
}

/// [`import_file`], and a transfer file from her old phone (the backup page's import). A
/// file from another wallet only adds tickets; the changes it would make to tickets already
/// here go to [`pending_changes`] for her to confirm ([`apply_pending`]).
pub fn import_file_or_transfer(state: AppState, contents: &str) -> Outcome {
    let pending = pending_changes();
    pending.set(Vec::new());
    // The changes wait in the list below the message for her answer.
    let held = move |lang: Lang, changes: Vec<PendingChange>| {
        let n = changes.len();
        pending.set(changes);
        match lang {
            Lang::Ja => format!("このスマホにあるチケット {n}枚は、ファイルでは状態が違います（使用済みなど）。このスマホのウォレットのファイルではないため、まだ変えていません。下の一覧を確かめてください。"),
            Lang::En => format!(" {n} tickets on this phone have another state in the file (e.g. used). The file is not from this phone's wallet, so they are unchanged: check the list below."),
        }
    };
    match classify(contents) {
        FileKind::Transfer => {
            let Some(keys) = trusted_keys() else {
                return no_keys(state);
            };
            let result = wallet().try_update(|w| w.import_transfer(contents, &keys, policy()));
            merged(
                state,
                result,
                (
                    "前のスマホのチケットを受け取りました",
                    "Tickets from your old phone received",
                ),
                held,
            )
        }
        FileKind::SetAside => {
            let Some(keys) = trusted_keys() else {
                return no_keys(state);
            };
            let result = wallet().try_update(|w| w.import_set_aside(contents, &keys, policy()));
            merged(
                state,
                result,
                (
                    "別にして残したデータから読み込みました",
                    "Set-aside data read back in",
                ),
                held,
            )
        }
        _ => import_any(state, contents, held),
    }
}

thread_local! {
    static PENDING: RwSignal<Vec<PendingChange>> = RwSignal::new(Vec::new());
}

/// Changes the last opened file (from another wallet) would make, waiting for the holder.
pub fn pending_changes() -> RwSignal<Vec<PendingChange>> {
    PENDING.with(|p| *p)
}

/// The holder confirmed the listed changes: apply them (`Wallet::apply_confirmed`).
pub fn apply_pending(state: AppState) -> Outcome {
    let changes = pending_changes().get_untracked();
    pending_changes().set(Vec::new());
    let n = wallet()
        .try_update(|w| w.apply_confirmed(&changes))
        .unwrap_or(0);
    Outcome::ok(match state.lang.get_untracked() {
        Lang::Ja => format!("ファイルのとおりに {n}枚の状態を変えました。"),
        Lang::En => format!("{n} tickets changed as in the file."),
    })
}

/// Gives the wallet its id (written into backup and transfer files) if it has none yet.
fn ensure_wallet_id() {
    if wallet().with_untracked(|w| w.id().is_none()) {
        if let Ok(random) = crate::platform::tasks::random::<16>() {
            wallet().update(|w| {
                w.ensure_id(random);
            });
        }
    }
}

/// Save a backup file of the wallet.
pub fn export_backup(state: AppState) -> Outcome {
    ensure_wallet_id();
    let now = clock::now();
    let json = match wallet().with_untracked(|w| w.export_json(now)) {
        Ok(json) => json,
        Err(e) => return Outcome::failed(wallet_error_text(state.lang.get_untracked(), &e)),
    };
    let name = format!(
        "jokatsu-wallet-{}.json",
        crate::domain::shared::date::iso_date(today())
    );
    match download::save_file(&name, "application/json", &json) {
        Ok(()) => Outcome::ok(state.t(
            "控えのファイルを保存しました。",
            "The backup file has been saved.",
        )),
        Err(e) => {
            state.report_storage(&e);
            Outcome::failed(e.to_string())
        }
    }
}

/// Moving to a new phone, on the old phone: the transfer file goes to the system share
/// sheet where the browser can share files (iPhone: AirDrop, LINE, mail, 「ファイルに保存」),
/// else it is saved as a download; then every unused ticket here is marked moved. Never
/// before the file has been handed over: if she closes the share sheet, or the file cannot
/// be saved, nothing changes. Call from the click handler (the share sheet needs the tap);
/// `done` receives the outcome, possibly later.
pub fn export_transfer(state: AppState, done: impl Fn(Outcome) + 'static) {
    ensure_wallet_id();
    let now = clock::now();
    let (json, written) = match wallet().with_untracked(|w| w.transfer_file(now)) {
        Ok(file) => (file.json, file.moving),
        Err(e) => {
            return done(Outcome::failed(wallet_error_text(
                state.lang.get_untracked(),
                &e,
            )))
        }
    };
    let name = format!(
        "jokatsu-transfer-{}.json",
        crate::domain::shared::date::iso_date(today())
    );
    let Some(share) = crate::platform::share::start_file_share(&name, &json) else {
        return done(save_transfer(state, now, &name, &json, &written));
    };
    leptos::task::spawn_local(async move {
        use crate::platform::share::{share_result, ShareOutcome};
        done(match share_result(share).await {
            Ok(ShareOutcome::Shared) => mark_moved(state, now, &name, true, &written),
            Ok(_) => Outcome::failed(state.t(
                "送るのをやめました。チケットはこのスマホにそのまま残っています。",
                "Not sent: the tickets stay on this phone as they were.",
            )),
            // The share sheet failed (not cancelled): save the file instead.
            Err(_) => save_transfer(state, now, &name, &json, &written),
        });
    });
}

fn save_transfer(
    state: AppState,
    now: chrono::DateTime<chrono::Utc>,
    name: &str,
    json: &str,
    written: &[TicketId],
) -> Outcome {
    if let Err(e) = download::save_file(name, "application/json", json) {
        return Outcome::failed(format!(
            "{} ({e})",
            state.tr(
                "移行用ファイルを保存できませんでした。チケットはこのスマホにそのまま残っています。",
                "The transfer file could not be saved; the tickets stay on this phone as they were.",
            )
        ));
    }
    mark_moved(state, now, name, false, written)
}

fn mark_moved(
    state: AppState,
    now: chrono::DateTime<chrono::Utc>,
    name: &str,
    shared: bool,
    written: &[TicketId],
) -> Outcome {
    let (ja, en) = if shared {
        ("送りました", "sent")
    } else {
        ("保存しました", "saved")
    };
    // Only the tickets written to the file: a gift that arrived meanwhile stays here.
    let n = wallet()
        .try_update(|w| w.mark_moved(written, now))
        .unwrap_or(0);
    Outcome::ok(match state.lang.get_untracked() {
        Lang::Ja => format!(
            "移行用ファイル（{name}）を{ja}。{n}枚は、このスマホでは「新しい端末に移しました」になり、使えなくなりました。新しい端末でこのファイルを開いてください。"
        ),
        Lang::En => format!(
            "The transfer file ({name}) has been {en}. {n} tickets are now marked \"moved to your new phone\" and can no longer be used here. Open the file on the new phone."
        ),
    })
}

/// Undo a move on the old phone (the file never reached the new phone).
pub fn undo_move(state: AppState) -> Outcome {
    let n = wallet().try_update(|w| w.undo_move()).unwrap_or(0);
    Outcome::ok(match state.lang.get_untracked() {
        Lang::Ja => format!("移行を取り消しました。{n}枚がこのスマホでまた使えます。"),
        Lang::En => format!("Move undone: {n} tickets are usable on this phone again."),
    })
}
