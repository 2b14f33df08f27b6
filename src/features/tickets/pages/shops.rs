//! Certified shops (こそだてっぴー認定企業) where tickets can be used.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::site::routes::Route;
use crate::ui::state::AppState;

/// A shop's category or area as the feed writes it (Japanese), in the interface's language:
/// the city's usual words in English, any other word as written.
fn word(lang: Lang, ja: &str) -> String {
    let en = match ja {
        "飲食" => "Food and drink",
        "食料品" => "Groceries",
        "生活用品" => "Household goods",
        "美容" => "Beauty",
        "衣料品" => "Clothing",
        "子ども用品" => "Children's goods",
        "書籍" => "Books",
        "医療・薬局" => "Pharmacy",
        "レジャー" => "Leisure",
        "サービス" => "Services",
        "中心市街地" => "City centre",
        "永山" => "Nagayama",
        "神楽" => "Kagura",
        "末広" => "Suehiro",
        "豊岡" => "Toyooka",
        "東光" => "Tōkō",
        "春光" => "Shunkō",
        "緑が丘" => "Midorigaoka",
        "神居" => "Kamui",
        "忠和" => "Chūwa",
        "東旭川" => "Higashi-Asahikawa",
        _ => ja,
    };
    match lang {
        Lang::Ja => ja.to_string(),
        Lang::En => en.to_string(),
    }
}

/// Shop directory with search by name, category and area.
#[component]
pub fn ShopsPage() -> impl IntoView {
    let state = AppState::expect();
    let query = RwSignal::new(String::new());
    let category = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let options = Memo::new(move |_| {
        state
            .feed()
            .map(|f| {
                let d = &f.sections.shops;
                (
                    d.categories()
                        .into_iter()
                        .map(str::to_string)
                        .collect::<Vec<_>>(),
                    d.areas()
                        .into_iter()
                        .map(str::to_string)
                        .collect::<Vec<_>>(),
                )
            })
            .unwrap_or_default()
    });
    let results = move || {
        let lang = state.lang.get();
        let feed = state.feed();
        let q = query.get();
        let c = category.get();
        let a = area.get();
        let Some(feed) = feed else {
            return Vec::new();
        };
        feed.sections
            .shops
            .search(&q, Some(c.as_str()).filter(|s| !s.is_empty()), Some(a.as_str()).filter(|s| !s.is_empty()))
            .into_iter()
            .map(|shop| {
                let name = shop.name.get(lang).to_string();
                let address = shop.address.get(lang).to_string();
                let hours = shop.hours.as_ref().map(|h| h.get(lang).to_string());
                let map = shop.map_url.as_str().to_string();
                let cert = shop.certified.clone();
                let meta = format!("{} · {}", word(lang, &shop.category), word(lang, &shop.area));
                view! {
                    <li class="card shop" data-testid="shop">
                        <h2 class="card__title">{name}</h2>
                        <p class="card__meta">{meta}</p>
                        {cert.map(|c| view! { <p><span class="badge badge--ok">{c}</span></p> })}
                        <p>{address}</p>
                        {hours.map(|h| view! { <p class="card__meta">{h}</p> })}
                        <p><a href=map rel="noopener noreferrer" target="_blank">{state.tr("地図を開く", "Open map")}</a></p>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="page">
            <h1>{state.t("使えるお店", "Certified shops")}</h1>
            <p>{state.t(
                "すみまセンエン チケットは、こそだてっぴー認定企業のお店で使えます。",
                "すみまセンエン tickets can be used at businesses certified as こそだてっぴー.",
            )}</p>
            <div class="filters">
                <div class="field">
                    <label class="field__label" for="shop-q">{state.t("店名で探す", "Search by name")}</label>
                    <input id="shop-q" class="input" type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label class="field__label" for="shop-cat">{state.t("種類", "Category")}</label>
                    <select id="shop-cat" class="select" on:change=move |ev| category.set(event_target_value(&ev))>
                        <option value="">{state.t("すべて", "All")}</option>
                        {move || options.get().0.into_iter().map(|c| view! { <option value=c.clone()>{word(state.lang.get(), &c)}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="shop-area">{state.t("地域", "Area")}</label>
                    <select id="shop-area" class="select" on:change=move |ev| area.set(event_target_value(&ev))>
                        <option value="">{state.t("すべて", "All")}</option>
                        {move || options.get().1.into_iter().map(|c| view! { <option value=c.clone()>{word(state.lang.get(), &c)}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <p role="status" class="muted">{move || {
                let n = results().len();
                match state.lang.get() {
                    Lang::Ja => format!("{n}件"),
                    Lang::En => format!("{n} shops"),
                }
            }}</p>
            <ul class="stack-list">{results}</ul>
            <p><a href=state.link(Route::Wallet)>{state.t("チケットに戻る", "Back to tickets")}</a></p>
        </section>
    }
}
