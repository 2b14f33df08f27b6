//! The bar above every shop-mode screen: which shop and till, the screens, and warnings
//! about the data a verification relies on.

use leptos::prelude::*;

use crate::domain::shared::date::jst_today;
use crate::domain::shared::text::Lang;
use crate::domain::tickets::shop::till::{data_age, DataAge, STALE_AFTER_DAYS};
use crate::features::shop::state::ShopState;
use crate::site::routes::Route;
use crate::ui::state::AppState;
use crate::ui::tickets::today;

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
    let age = move || {
        let published = state
            .feed
            .with(|f| {
                f.feed
                    .as_ref()
                    .map(|feed| jst_today(feed.meta.generated_at))
            })
            .or_else(|| {
                crate::ui::trust::TrustState::expect()
                    .trust
                    .with(|t| t.used_data().map(|u| u.signed_at()))
            });
        data_age(published, today())
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
        {move || match age() {
            DataAge::Fresh => None,
            DataAge::Stale(days) => Some(view! {
                <p class="notice notice--warn" role="alert" data-testid="stale-warning">{match state.lang.get() {
                    Lang::Ja => format!("市のデータ（鍵・使用済みリスト）が{days}日前のものです（{STALE_AFTER_DAYS}日を超えています）。ほかのお店で使われたチケットを見分けられないことがあります。インターネットにつないで開き直してください。"),
                    Lang::En => format!("The city's data (keys, used list) is {days} days old (over {STALE_AFTER_DAYS} days). Tickets used at other shops may not be recognised. Go online and reopen this page."),
                }}</p>
            }.into_any()),
            DataAge::Missing => Some(view! {
                <p class="notice notice--warn" role="alert" data-testid="stale-warning">{state.tr(
                    "市のデータ（鍵・使用済みリスト）がまだありません。インターネットにつないで開いてください。",
                    "No city data (keys, used list) yet. Open this page online.",
                )}</p>
            }.into_any()),
        }}
        <crate::ui::components::trust_notice::TrustNotice/>
    }
}
