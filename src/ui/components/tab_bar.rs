//! Phone-first bottom navigation.

use leptos::prelude::*;

use crate::site::routes::Tab;
use crate::ui::state::AppState;

fn label(tab: Tab) -> (&'static str, &'static str) {
    match tab {
        Tab::Schedule => ("保健室", "Desk"),
        Tab::Check => ("チェック", "Check"),
        Tab::Wallet => ("チケット", "Tickets"),
        Tab::About => ("情報", "About"),
    }
}

fn icon(tab: Tab) -> &'static str {
    // 24×24 outline icons (path data), decorative.
    match tab {
        Tab::Schedule => "M7 3v3M17 3v3M4 8h16M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1z",
        Tab::Check => "M9 11l3 3 8-8M20 12v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1h11",
        Tab::Wallet => "M3 7h18v4a2 2 0 0 0 0 4v4H3v-4a2 2 0 0 0 0-4zM14 7v12",
        Tab::About => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 11v6M12 7h.01",
    }
}

/// The tab bar. The current tab has `aria-current="page"`.
#[component]
pub fn TabBar() -> impl IntoView {
    let state = AppState::expect();
    let nav_label = state.t("メインメニュー", "Main menu");
    view! {
        <nav class="tab-bar" aria-label=nav_label>
            <ul class="tab-bar__list">
                {Tab::ALL.into_iter().map(|tab| {
                    let current = move || state.route.with(|r| r.tab() == Some(tab));
                    let (ja, en) = label(tab);
                    view! {
                        <li>
                            <a
                                class="tab-bar__link"
                                href=state.link(tab.route())
                                aria-current=move || current().then_some("page")
                            >
                                <svg class="tab-bar__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                                    <path d=icon(tab)/>
                                </svg>
                                <span>{state.t(ja, en)}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}
