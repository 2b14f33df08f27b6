//! Till setup (`shop.html#/shop/setup`): choose the business from the feed's certified
//! shops and name this device (e.g. レジ1). Remembered on the device; choosing another
//! shop asks for confirmation.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::shops::ShopId;
use crate::domain::tickets::shop::ledger::{DeviceLabel, MAX_DEVICE_LABEL_CHARS};
use crate::domain::tickets::shop::till::{find_shops, ShopSetup};
use crate::features::shop::actions;
use crate::features::shop::components::claim_key::ClaimKeySection;
use crate::features::shop::components::till_bar::TillBar;
use crate::features::shop::state::ShopState;
use crate::site::routes::Route;
use crate::ui::outcome::Outcome;
use crate::ui::state::AppState;

/// Choose the shop and name the till.
#[component]
pub fn SetupPage() -> impl IntoView {
    let state = AppState::expect();
    let shop = ShopState::expect();
    let current = shop.setup.get_untracked();
    let chosen = RwSignal::new(current.as_ref().map(|s| s.shop.clone()));
    let label = RwSignal::new(
        current
            .as_ref()
            .map_or_else(|| "レジ1".to_string(), |s| s.device.to_string()),
    );
    let query = RwSignal::new(String::new());
    let confirm = RwSignal::new(None::<ShopSetup>);
    let outcome = RwSignal::new(None::<Outcome>);

    let save = move |setup: ShopSetup| {
        confirm.set(None);
        outcome.set(Some(actions::save_setup(state, shop, setup)));
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = chosen.get_untracked() else {
            outcome.set(Some(Outcome::failed(
                state
                    .t("お店を選んでください。", "Choose your shop.")
                    .to_string(),
            )));
            return;
        };
        let Ok(device) = DeviceLabel::parse(&label.get_untracked()) else {
            outcome.set(Some(Outcome::failed(match state.lang.get_untracked() {
                Lang::Ja => format!(
                    "端末名は1〜{MAX_DEVICE_LABEL_CHARS}文字で入力してください（例：レジ1）。"
                ),
                Lang::En => {
                    format!("Name the till in 1–{MAX_DEVICE_LABEL_CHARS} characters (e.g. レジ1).")
                }
            })));
            return;
        };
        let next = ShopSetup { shop: id, device };
        if ShopSetup::is_change(shop.setup.get_untracked().as_ref(), &next) {
            confirm.set(Some(next));
        } else {
            save(next);
        }
    };
    let shop_name = move |id: &ShopId| {
        let lang = state.lang.get();
        state
            .feed()
            .and_then(|f| {
                f.sections
                    .shops
                    .get(id)
                    .map(|s| s.name.get(lang).to_string())
            })
            .unwrap_or_else(|| id.to_string())
    };

    view! {
        <section class="page till">
            <h1>{state.t("お店と端末の設定", "Shop and till setup")}</h1>
            <TillBar current=Route::ShopSetup/>
            <p>{state.t(
                "この端末で受け付けるお店（こそだてっぴー認定企業）を選び、端末に名前（例：レジ1）を付けます。設定はこの端末に保存されます。",
                "Choose the certified business this device accepts tickets for, and name the device (e.g. レジ1). The setting is kept on this device.",
            )}</p>
            <form class="setup" on:submit=submit>
                <div class="field">
                    <label class="field__label" for="setup-q">{state.t("店名・かな・種類・地域で探す", "Search by name, kana, category or area")}</label>
                    <input id="setup-q" class="input" type="search" autocomplete="off" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </div>
                <fieldset class="setup__shops">
                    <legend class="field__label">{state.t("お店", "Shop")}</legend>
                    {shop_picks(state, query, chosen)}
                </fieldset>
                <div class="field">
                    <label class="field__label" for="setup-label">{state.t("端末名", "Till name")}</label>
                    <input id="setup-label" class="input" type="text" maxlength="20" autocomplete="off"
                        prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev))/>
                    <p class="field__hint">{state.t("同じお店で複数の端末を使うときに区別します（例：レジ1、レジ2）。", "Tells several tills of one shop apart (e.g. レジ1, レジ2).")}</p>
                </div>
                <button type="submit" class="button button--wide">{state.t("保存する", "Save")}</button>
            </form>
            {move || confirm.get().map(|next| {
                let from = shop.setup.get().map(|s| shop_name(&s.shop)).unwrap_or_default();
                let to = shop_name(&next.shop);
                let text = match state.lang.get() {
                    Lang::Ja => format!("お店を「{from}」から「{to}」に変更しますか？これからの受付は新しいお店のものとして記録されます（これまでの記録は残ります）。"),
                    Lang::En => format!("Change the shop from “{from}” to “{to}”? New redemptions will be recorded for the new shop (earlier records are kept)."),
                };
                let next = StoredValue::new(next);
                view! {
                    <div class="notice notice--warn" role="alertdialog" aria-labelledby="confirm-text" data-testid="confirm-change">
                        <p id="confirm-text">{text}</p>
                        <div class="button-row">
                            <button type="button" class="button" on:click=move |_| save(next.get_value())>{state.t("変更する", "Change")}</button>
                            <button type="button" class="button button--secondary" on:click=move |_| confirm.set(None)>{state.t("やめる", "Cancel")}</button>
                        </div>
                    </div>
                }
            })}
            {move || outcome.get().map(|o| view! {
                <p class=if o.ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="setup-notice">
                    {o.message}
                    {o.ok.then(|| view! { " " <a href=state.link(Route::Shop)>{state.tr("読み取りへ", "Go to scanning")}</a> })}
                </p>
            })}
            {move || shop.setup.with(Option::is_some).then(|| view! { <ClaimKeySection/> })}
        </section>
    }
}

/// The shops of the list that match the search, one to choose (or why there is no list).
fn shop_picks(
    state: AppState,
    query: RwSignal<String>,
    chosen: RwSignal<Option<ShopId>>,
) -> impl IntoView {
    let results = move || {
        let lang = state.lang.get();
        let feed = state.feed()?;
        let q = query.get();
        let list = find_shops(&feed.sections.shops, &q);
        Some(
            list.into_iter()
                .map(|s| {
                    let id = s.id.clone();
                    let here = id.clone();
                    let name = s.name.get(lang).to_string();
                    let meta = format!("{} · {} · {}", s.category, s.area, s.address.get(lang));
                    let radio_id = format!("shop-{}", s.id);
                    view! {
                        <li class="shop-pick" data-testid="shop-option">
                            <input class="shop-pick__radio" type="radio" name="shop" id=radio_id.clone()
                                prop:checked=move || chosen.with(|c| c.as_ref() == Some(&here))
                                on:change=move |_| chosen.set(Some(id.clone()))/>
                            <label class="shop-pick__label" for=radio_id>
                                <span class="shop-pick__name">{name}</span>
                                <span class="shop-pick__meta">{meta}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view(),
        )
    };
    move || {
        match results() {
        Some(list) => view! { <ul class="shop-picks">{list}</ul> }.into_any(),
        None => view! { <p class="notice notice--warn">{state.tr("お店の一覧がまだありません。インターネットにつないで開き直してください。", "No shop list yet. Open this page online.")}</p> }.into_any(),
    }
    }
}
