//! The city office (`office.html`, internal bundle only): keys, roster, issuance, settlement, feed.

use crate::apps::{AppDecl, Bundle, Nav, Route};

/// The declaration (see `src/apps/mod.rs`).
pub const APP: AppDecl = AppDecl {
    name: "office",
    page: "office.html",
    bin: "jokatsu-office-web",
    title: ("事務局", "City office"),
    bundle: Bundle::Office,
    nav: Nav::Tool,
    feed: None,
    storage_keys: &[],
    first: Route::Office,
};

/// The office page's lead paragraph, under its heading: in the entry page's static shell
/// (shown while the 700 KB of WebAssembly loads, `apps::shell_lead`) and on the page.
pub const LEAD: (&str, &str) = (
    "名簿・鍵・報告はこのタブの中だけで扱います。ブラウザーに保存せず、どこにも送信しません。作ったファイルは、事務局の決められた場所に保存してください。",
    "Rosters, keys and reports stay in this tab: nothing is stored in the browser or sent anywhere. Keep the files you download in the office's own place.",
);

#[cfg(target_arch = "wasm32")]
pub mod actions;
#[cfg(target_arch = "wasm32")]
pub mod pages;

/// The page's WebAssembly side: its screens.
#[cfg(target_arch = "wasm32")]
pub struct Web;

#[cfg(target_arch = "wasm32")]
impl crate::ui::shell::WebApp for Web {
    const DECL: &'static AppDecl = &APP;

    fn render(route: Route) -> leptos::prelude::AnyView {
        use leptos::prelude::*;
        match route {
            Route::Office => view! { <pages::office::OfficePage/> }.into_any(),
            other => crate::ui::not_found::render(other),
        }
    }
}
