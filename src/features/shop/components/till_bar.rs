//! The bar above every shop-mode screen: which shop and till, the screens, and warnings
//! about the data a verification relies on.

use leptos::prelude::*;

use chrono::Datelike;

use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::Lang;
use crate::domain::tickets::shop::till::{data_notice, Connection, DataNotice};
use crate::features::shop::state::ShopState;
use crate::site::routes::Route;
use crate::ui::state::{AppState, FeedProblem};
use crate::ui::tickets::today;

/// The data notice in one line: how the device stands, the data's date and age, what it
/// means at the till, and "go online" only when that can help (offline).
fn notice_text(lang: Lang, n: &DataNotice) -> String {
    let ja = lang == Lang::Ja;
    let day = |d: chrono::NaiveDate| {
        if ja {
            format!("{}月{}日", d.month(), d.day())
        } else {
            format!("{}/{}", d.month(), d.day())
        }
    };
    let connection = |c: Connection| match (c, ja) {
        (Connection::Online, _) => "",
        (Connection::Offline, true) => "オフライン・",
        (Connection::Offline, false) => "Offline. ",
        (Connection::Failed, true) => "最新の市のデータを取得できませんでした。",
        (Connection::Failed, false) => "The latest city data could not be fetched. ",
    };
    let mut text = match (*n, ja) {
        (DataNotice::NotRefreshed { published, connection: c }, true) => {
            format!("{}{}公開の市のデータで確認しています。", connection(c), day(published))
        }
        (DataNotice::NotRefreshed { published, connection: c }, false) => format!(
            "{}Checking with the city data of {}.",
            connection(c),
            day(published)
        ),
        (DataNotice::Stale { days, published, connection: c }, true) => format!(
            "{}市のデータは{}公開（{days}日前）。ほかのお店で使われたチケットを見分けられないことがあります。",
            connection(c),
            day(published)
        ),
        (DataNotice::Stale { days, published, connection: c }, false) => format!(
            "{}The city data is of {} ({days} days old). A ticket used at another shop may not be recognised.",
            connection(c),
            day(published)
        ),
        (DataNotice::Missing { connection: c }, true) => format!(
            "{}市のデータ（鍵・使用済みリスト）がまだないため、チケットを確認できません。",
            connection(c)
        ),
        (DataNotice::Missing { connection: c }, false) => format!(
            "{}No city data (keys, used list) yet: tickets cannot be checked.",
            connection(c)
        ),
    };
    if n.advise_going_online() {
        text.push_str(if ja {
            "ネットにつないで開き直すと更新を確かめます。"
        } else {
            " Reopen online to update."
        });
    }
    text
}

/// Shop name and till label, the screens, and data warnings.
#[component]
pub fn TillBar(
    /// The screen shown (marked as current).
    current: Route,
) -> impl IntoView {
    let state = AppState::expect();
    let shop = ShopState::expect();
    let name = move || {
        let lang = state.lang.get();
        shop.setup.get().map(|s| {
            let shop_name = state
                .feed()
                .and_then(|f| {
                    f.sections
                        .shops
                        .get(&s.shop)
                        .map(|x| x.name.get(lang).to_string())
                })
                .unwrap_or_else(|| s.shop.to_string());
            format!("{shop_name} · {}", s.device)
        })
    };
    let link = move |route: Route, ja: &'static str, en: &'static str| {
        let here = route == current;
        view! {
            <a class="till-bar__link" href=state.link(route) aria-current=here.then_some("page")>{state.t(ja, en)}</a>
        }
    };
    let notice = move || {
        let (published, connection) = state.feed.with(|f| {
            let published = f
                .feed
                .as_ref()
                .map(|feed| jst_today(feed.meta.generated_at));
            let connection = match f.problem {
                None => Connection::Online,
                Some(FeedProblem::Offline) => Connection::Offline,
                Some(_) => Connection::Failed,
            };
            (published, connection)
        });
        let published = published.or_else(|| {
            crate::ui::trust::TrustState::expect()
                .trust
                .with(|t| t.used_data().map(|u| u.signed_at()))
        });
        data_notice(published, today(), connection)
    };
    view! {
        <nav class="till-bar" aria-label=state.t("お店モードの画面", "Shop mode screens")>
            <p class="till-bar__who" data-testid="till-who">
                {move || name().unwrap_or_else(|| state.tr("お店が未設定です", "No shop set up").to_string())}
            </p>
            <div class="till-bar__links">
                {link(Route::Shop, "読み取り", "Scan")}
                {link(Route::ShopLedger, "台帳・請求", "Ledger & claims")}
                {link(Route::ShopSetup, "設定", "Settings")}
            </div>
        </nav>
        {move || notice().map(|n| {
            let lang = state.lang.get();
            let kind = match n {
                DataNotice::Missing { .. } => "missing",
                DataNotice::Stale { .. } => "stale",
                DataNotice::NotRefreshed { .. } => "not-refreshed",
            };
            view! {
                <p class="till-status" data-state=kind role="status" data-testid="data-notice">
                    <span class="till-status__icon" aria-hidden="true">{if kind == "missing" { "!" } else { "i" }}</span>
                    <span>{notice_text(lang, &n)}</span>
                </p>
            }
        })}
        <crate::ui::components::trust_notice::TrustNotice/>
    }
}
