//! UI helpers for the ticket chain: the verification policy of this build, today's JST
//! date, the app's base URL for links, and Japanese/English words for verdicts.

use chrono::NaiveDate;

use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::bundle::ScanError;
use crate::domain::tickets::core::ticket::{TicketError, Verdict, VerifyPolicy};
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
            ticket_error_text(lang, e),
        ),
        Verdict::UnknownKey(_) => (
            t("発行元が確認できません", "Unknown issuer"),
            t(
                "市が公開している鍵の一覧にない鍵で署名されています。",
                "Signed with a key the city has not published.",
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

/// Why a ticket's bytes or text are unreadable, in the user's language.
pub fn ticket_error_text(lang: Lang, e: &TicketError) -> String {
    if lang == Lang::En {
        let text = e.to_string();
        return match text.split_once(" / ") {
            Some((_, en)) => en.to_string(),
            None => text,
        };
    }
    match e {
        TicketError::MissingPrefix => "チケットのコード（JK1:…）ではありません。".into(),
        TicketError::BadText(_) | TicketError::BadLength(_) => {
            "コードが壊れています（一部が欠けているか、書き換えられています）。".into()
        }
        TicketError::UnsupportedVersion(v) => {
            format!("新しい形式（版 {v}）のチケットです。アプリを更新してください。")
        }
        _ => "チケットの中身が規則に合いません。".into(),
    }
}

/// Why scanned or pasted text, a link or a file could not be read, in the user's language.
pub fn scan_error_text(lang: Lang, e: &ScanError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        ScanError::TooLong(_) => "読み取った文字が長すぎます。".into(),
        ScanError::NothingFound => {
            "チケットのコード（JK1: または JKB1: で始まるもの）が見つかりません。".into()
        }
        ScanError::Ambiguous => "コードが2つ以上含まれています。1つずつ貼り付けてください。".into(),
        ScanError::Ticket(t) | ScanError::BundleTicket { error: t, .. } => {
            ticket_error_text(lang, t)
        }
        ScanError::BundleEncoding | ScanError::BundleLength { .. } => {
            "まとめて受け取るリンクが壊れています。市からのメールをもう一度開いてください。".into()
        }
        ScanError::BundleVersion(v) => {
            format!("新しい形式（版 {v}）のリンクです。アプリを更新してください。")
        }
        ScanError::BundleCount(n) => {
            format!("1回に受け取れるのは1〜100枚です（このリンクは {n}枚）。")
        }
        ScanError::BundleDuplicate { .. } => "同じチケットが2回含まれています。".into(),
        ScanError::BundleFile(_) => "市から届いたチケットのファイルではありません。".into(),
        ScanError::GiftEncoding(_) => "「ありがとう」のリンクが壊れています。".into(),
        ScanError::GiftFromTooLong => "名前が40文字を超えています。".into(),
        ScanError::GiftMessageTooLong => "メッセージが140文字を超えています。".into(),
    }
}

/// Why the wallet refused an operation, in the user's language.
pub fn wallet_error_text(lang: Lang, e: &WalletError) -> String {
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        WalletError::NotInWallet(s) => format!("チケット {s} はこのウォレットにありません。"),
        WalletError::AlreadyGiven(s) => format!("チケット {s} はすでに渡しました。"),
        WalletError::AlreadyUsed(s) => format!("チケット {s} は使用済みです。"),
        WalletError::NotGiven(s) => format!("チケット {s} は渡していません。"),
        WalletError::Expired(s) => format!("チケット {s} は有効期限切れです。"),
        WalletError::AlreadyInWallet(s) => format!("チケット {s} はすでにウォレットにあります。"),
        WalletError::Rejected(v) => {
            let (head, detail) = verdict_text(lang, v);
            format!("受け取れません：{head}。{detail}")
        }
        WalletError::UsedPerFeed(s) => {
            format!("チケット {s} は市の記録で使用済みです。使用済みのチケットは渡すことも受け取ることもできません。")
        }
        WalletError::NameRequired => {
            "渡す相手の名前を入れてください（あなたの控え用です）。".into()
        }
        WalletError::NameTooLong => "名前が40文字を超えています。".into(),
        WalletError::MessageTooLong => "メッセージが140文字を超えています。".into(),
        WalletError::TooLarge(_) => "データが大きすぎます。".into(),
        WalletError::NotAWallet(_) => "このアプリのウォレットの控えファイルではありません。".into(),
        WalletError::Encode(_) => "控えのファイルを作れませんでした。".into(),
        WalletError::NewerVersion(_) => {
            "新しい版のアプリで保存された控えです。アプリを更新してください。".into()
        }
        WalletError::Moved(s) => format!("チケット {s} は新しい端末に移しました。"),
        WalletError::NothingToMove => "移せるチケットがありません。".into(),
        WalletError::NotATransfer(_) => {
            "このアプリの移行用ファイルではありません。古いスマホの「新しい端末に移す」で保存したファイルを選んでください。".into()
        }
        WalletError::OwnTransfer => {
            "このスマホで作った移行用ファイルです。新しい端末で開いてください。".into()
        }
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
            scan_error_text(lang, e),
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
