//! The top bar: app name, demo mark, language switch.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::ui::state::AppState;

/// The app header. The language button names the language it switches *to*, in that
/// language, so a reader of either can find it.
#[component]
pub fn AppHeader() -> impl IntoView {
    let state = AppState::expect();
    let is_demo = move || {
        state
            .feed
            .with(|f| f.feed.as_ref().is_some_and(|feed| feed.meta.demo))
    };
    // The brand goes to the home page from every holder page; a tool (the shop, the
    // office, deployed apart) goes to its own first screen.
    let home = match state.page.nav {
        crate::site::Nav::Holder => state.link(crate::site::Route::Schedule),
        crate::site::Nav::Tool => "#/".to_string(),
    };
    let toggle = move |_| {
        state.lang.update(|l| {
            *l = match l {
                Lang::Ja => Lang::En,
                Lang::En => Lang::Ja,
            }
        });
        // The UI is rebuilt in the new language: put focus back on the switch.
        request_animation_frame(|| {
            use wasm_bindgen::JsCast;
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(".app-header__lang").ok().flatten())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    };
    view! {
        <header class="app-header">
            <a class="app-header__brand" href=home>
                <span class="app-header__logo" aria-hidden="true">"J"</span>
                <span>{state.t("JOKATSU あさひかわ", "JOKATSU Asahikawa")}</span>
            </a>
            <Show when=is_demo>
                <span class="badge badge--demo" title=state.t("見本データで動いています", "Running on demo data")>
                    {state.t("見本", "DEMO")}
                </span>
            </Show>
            <button
                type="button"
                class="app-header__lang"
                lang=move || match state.lang.get() { Lang::Ja => "en", Lang::En => "ja" }
                on:click=toggle
            >
                {move || match state.lang.get() { Lang::Ja => "English", Lang::En => "日本語" }}
            </button>
        </header>
    }
}
