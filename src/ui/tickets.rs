//! UI helpers for the ticket chain: the verification policy of this build, today's JST
//! date, the app's base URL for links, and Japanese/English words for verdicts.

use chrono::NaiveDate;

use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::ticket::{Verdict, VerifyPolicy};
use crate::domain::tickets::core::used::UsedBy;
use crate::domain::tickets::holder::wallet::EntryStatus;
use crate::domain::tickets::holder::wallet::WalletError;
use crate::platform::clock;
use crate::ui::i18n::{date, tr};
use crate::ui::shell::PRODUCTION;
use leptos::prelude::*;

/// Demo builds accept demo tickets; production builds refuse them.
pub fn policy() -> VerifyPolicy {
    if PRODUCTION {
        VerifyPolicy::PRODUCTION
    } else {
        VerifyPolicy::DEMO
    }
}

/// Today in Japan.
pub fn today() -> NaiveDate {
    jst_today(clock::now())
}

/// The address of the page that receives ticket links (`…/r.html`), next to this page:
/// gift and bundle links made here open there directly.
pub fn app_base() -> String {
    let here = crate::platform::share::app_base_url().unwrap_or_default();
    let here = here.split('?').next().unwrap_or(&here);
    let dir = here.rfind('/').map_or(here, |i| &here[..=i]);
    format!(
        "{dir}{}",
        crate::site::Route::Receive(String::new()).page().file
    )
}

/// `f` applied to the used data in force on this page (verified; empty until a feed or
/// stored trust data has loaded), read in place: a year of used data is ~80 KB, and a
/// copy per ticket card made a long wallet slow to open.
pub fn with_used<R>(f: impl FnOnce(&crate::domain::tickets::core::used::UsedSet) -> R) -> R {
    crate::ui::trust::TrustState::expect()
        .trust
        .with(|t| f(t.used()))
}

/// A verdict as (headline, explanation) for a clerk or a holder.
pub fn verdict_text(lang: Lang, verdict: &Verdict) -> (String, String) {
    let t = |ja: &'static str, en: &'static str| tr(lang, ja, en).to_string();
    match verdict {
        Verdict::Valid(v) if v.demo => (
            t("見本（DEMO）：有効な見本のチケットです", "DEMO: a valid demo ticket"),
            t("見本（DEMO）のチケットはお金として使えません。", "Demo tickets are not money."),
        ),
        Verdict::Valid(_) => (t("有効なチケットです", "Valid ticket"), String::new()),
        Verdict::Malformed(e) => (
            t("チケットとして読めません", "Not a readable ticket"),
            e.wording(lang),
        ),
        Verdict::UnknownKey(_) => (
            t("発行元が確認できません", "Unknown issuer"),
            t(
                "この端末が持っている市の鍵一覧にない鍵で署名されています。このチケットは受け付けないでください。インターネットにつないで開き直すと、新しい鍵一覧が届くことがあります。続くときは市の事務局へ連絡してください（お客様のチケットはなくなりません）。",
                "Signed with a key that is not in the city key list this device holds. Do not accept this ticket. Going online and reopening may bring the newer list; if it persists, contact the city office (the customer's tickets are not lost).",
            ),
        ),
        Verdict::Forged => (
            t("偽造または改ざんされています", "Forged or altered"),
            t(
                "署名が一致しません。このチケットは使えません。",
                "The signature does not match. This ticket cannot be used.",
            ),
        ),
        Verdict::DemoNotAccepted => (
            t("見本（DEMO）のチケットです", "DEMO ticket"),
            t(
                "見本（DEMO）のチケットは本番では使えません。",
                "Demo tickets are not accepted in production.",
            ),
        ),
        Verdict::KeyNotValidForTicket { .. } => (
            t(
                "発行元の鍵の期間外です",
                "Issuer key not valid for this ticket",
            ),
            t(
                "この鍵で発行できる期間外のチケットです。",
                "The key may not issue tickets for this period.",
            ),
        ),
        Verdict::OutsideKeyBounds { .. } => (
            t("発行元の鍵の範囲外です", "Outside the issuer key's bounds"),
            t(
                "この鍵で発行できる金額または期間を超えています。このチケットは使えません。",
                "The face value or validity exceeds what this key may issue. This ticket cannot be used.",
            ),
        ),
        Verdict::KeyRevoked { revoked_from, .. } => (
            t("発行元の鍵が取り消されています", "Issuer key revoked"),
            format!(
                "{}{}",
                t(
                    "市がこの鍵を取り消しました。このチケットは受け付けないでください。取り消し日：",
                    "The city revoked this key. Do not accept this ticket. Revoked from: ",
                ),
                date(lang, *revoked_from)
            ),
        ),
        Verdict::NotYetValid { valid_from } => (
            t("まだ使えません", "Not yet valid"),
            format!(
                "{}{}",
                t("利用開始：", "Valid from: "),
                date(lang, *valid_from)
            ),
        ),
        Verdict::Expired { valid_until } => (
            t("有効期限切れです", "Expired"),
            format!(
                "{}{}",
                t("有効期限：", "Valid until: "),
                date(lang, *valid_until)
            ),
        ),
        Verdict::AlreadyUsed(by) => (
            t("使用済みです", "Already used"),
            match by {
                UsedBy::Feed => t(
                    "市の精算データで使用済みになっています。",
                    "The city's settlement data lists it as used.",
                ),
                UsedBy::LocalRedemption => t(
                    "この端末ですでに利用を記録しました。",
                    "This device already recorded its use.",
                ),
            },
        ),
    }
}

/// Label and badge modifier for a wallet entry's status.
pub fn status_label(lang: Lang, status: EntryStatus) -> (&'static str, &'static str) {
    match status {
        EntryStatus::Usable => (tr(lang, "使えます", "Usable"), "ok"),
        EntryStatus::NotYetValid => (tr(lang, "利用開始前", "Not yet valid"), "muted"),
        EntryStatus::Expired => (tr(lang, "期限切れ", "Expired"), "muted"),
        EntryStatus::Given => (tr(lang, "渡しました", "Given"), "muted"),
        EntryStatus::Used => (tr(lang, "使用済み", "Used"), "muted"),
        EntryStatus::UsedPerFeed => (
            tr(lang, "使用済み（市の記録）", "Used (city records)"),
            "muted",
        ),
        EntryStatus::Moved => (
            tr(lang, "新しい端末に移しました", "Moved to your new phone"),
            "muted",
        ),
    }
}

/// Why the wallet refused an operation, in the user's language: the error's wording,
/// except that a refused ticket is told in Japanese with its verdict's own words
/// ([`verdict_text`], which formats dates for the reader).
pub fn wallet_error_text(lang: Lang, e: &WalletError) -> String {
    match (lang, e) {
        (Lang::Ja, WalletError::Rejected(v)) => {
            let (head, detail) = verdict_text(lang, v);
            format!("受け取れません：{head}。{detail}")
        }
        _ => e.wording(lang),
    }
}

/// What the till says about a scan that is not a ticket, as (headline, explanation).
pub fn till_input_text(
    lang: Lang,
    input: &crate::domain::tickets::shop::till::TillInput,
) -> (String, String) {
    use crate::domain::tickets::shop::till::TillInput;
    let t = |ja: &'static str, en: &'static str| tr(lang, ja, en).to_string();
    match input {
        TillInput::Ticket(_) => (t("チケットです", "A ticket"), String::new()),
        TillInput::Gift => (
            t("「ありがとう」のリンクです（まだ使えません）", "A gift link (not usable yet)"),
            t(
                "お客様のウォレットで受け取ってから見せてもらってください。",
                "Ask the customer to receive it in her wallet first, then show the ticket.",
            ),
        ),
        TillInput::Bundle => (
            t("まとめて受け取るリンクです（チケットではありません）", "A bundle link (not a ticket)"),
            t(
                "市から届いた1か月分のリンクです。お客様のウォレットで受け取ってから、使うチケットを1枚ずつ見せてもらってください。",
                "This is a month's bundle from the city. Ask the customer to receive it in her wallet, then show one ticket at a time.",
            ),
        ),
        TillInput::OtherUrl => (
            t("ほかのサイトのアドレスです（チケットではありません）", "Another site's address (not a ticket)"),
            t(
                "このQRコードにチケットは入っていません。お店モードはリンクを開きません。お客様のウォレットのチケットを見せてもらってください。",
                "This QR code holds no ticket, and shop mode never opens links. Ask the customer to show a ticket from her wallet.",
            ),
        ),
        TillInput::NotACode(e) => (
            t("チケットではありません", "Not a ticket"),
            e.wording(lang),
        ),
    }
}

/// "Already redeemed here": when and with which transaction number.
pub fn redeemed_here_text(
    lang: Lang,
    r: &crate::domain::tickets::shop::ledger::Redemption,
) -> String {
    match lang {
        Lang::Ja => format!(
            "この端末で受付済み：{}・取引番号 {}",
            crate::ui::i18n::datetime_jst(lang, r.redeemed_at),
            r.transaction
        ),
        Lang::En => format!(
            "Already redeemed here: {} · transaction {}",
            crate::ui::i18n::datetime_jst(lang, r.redeemed_at),
            r.transaction
        ),
    }
}
