//! UI helpers for the ticket chain: the verification policy of this build, today's JST
//! date, the app's base URL for links, and Japanese/English words for verdicts.

use chrono::NaiveDate;

use crate::app::PRODUCTION;
use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::Lang;
use crate::domain::tickets::ticket::{Verdict, VerifyPolicy};
use crate::domain::tickets::used::UsedBy;
use crate::domain::tickets::wallet::EntryStatus;
use crate::i18n::{date, tr};
use crate::platform::clock;

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

/// The app's address without the fragment, e.g. `https://…/jokatsu/` (links are built on it).
pub fn app_base() -> String {
    crate::platform::share::app_base_url().unwrap_or_default()
}

/// The current feed's used data, verified under the root key and the feed's own key list
/// (empty without a feed). Stop-gap until the pages hold a `domain::tickets::trust::Trust`.
pub fn feed_used(state: &crate::state::AppState) -> crate::domain::tickets::used::UsedSet {
    state
        .feed()
        .and_then(|f| {
            crate::domain::tickets::keys::root_key(PRODUCTION)
                .ok()
                .map(|root| f.sections.used_set(&root))
        })
        .unwrap_or_default()
}

/// A verdict as (headline, explanation) for a clerk or a holder.
pub fn verdict_text(lang: Lang, verdict: &Verdict) -> (String, String) {
    let t = |ja: &'static str, en: &'static str| tr(lang, ja, en).to_string();
    match verdict {
        Verdict::Valid(v) if v.demo => (
            t("見本（DEMO）: 有効な見本のチケットです", "DEMO: a valid demo ticket"),
            t("見本（DEMO）のチケットはお金として使えません。", "Demo tickets are not money."),
        ),
        Verdict::Valid(_) => (t("有効なチケットです", "Valid ticket"), String::new()),
        Verdict::Malformed(e) => (
            t("チケットとして読めません", "Not a readable ticket"),
            e.to_string(),
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
                "{} {}",
                t("利用開始:", "Valid from:"),
                date(lang, *valid_from)
            ),
        ),
        Verdict::Expired { valid_until } => (
            t("有効期限切れです", "Expired"),
            format!(
                "{} {}",
                t("有効期限:", "Valid until:"),
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
    }
}
