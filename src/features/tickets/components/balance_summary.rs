//! The wallet's balance: usable yen and count, and tickets not yet valid.

use chrono::Datelike;
use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::holder::wallet::EXPIRING_SOON_DAYS;

use crate::features::tickets::state::wallet;
use crate::ui::i18n::yen;
use crate::ui::state::AppState;
use crate::ui::tickets::today;

/// Balance card for the wallet page.
#[component]
pub fn BalanceSummary() -> impl IntoView {
    let state = AppState::expect();
    let balance = Memo::new(move |_| {
        crate::ui::tickets::with_used(|used| wallet().with(|w| w.balance_at(today(), used)))
    });
    let summary = Memo::new(move |_| {
        crate::ui::tickets::with_used(|used| wallet().with(|w| w.summary_at(today(), used)))
    });
    view! {
        <section class="balance card card--accent" aria-labelledby="balance-title">
            <h2 id="balance-title" class="balance__title">{state.t("使えるチケット", "Usable tickets")}</h2>
            <p class="balance__amount" data-testid="balance-yen">
                {move || yen(state.lang.get(), balance.get().usable_yen.0)}
            </p>
            <p class="balance__count" data-testid="balance-count">
                {move || match state.lang.get() {
                    crate::domain::shared::text::Lang::Ja => format!("{}枚", balance.get().usable_count),
                    crate::domain::shared::text::Lang::En => format!("{} tickets", balance.get().usable_count),
                }}
            </p>
            <p class="balance__line" data-testid="wallet-summary">{move || {
                let s = summary.get();
                let lang = state.lang.get();
                let face = s.face.map(|f| yen(lang, f.0));
                let until = s.earliest_until.map(|d| format!("{}/{}", d.month(), d.day()));
                match (lang, face, until) {
                    (_, _, None) => String::new(),
                    (Lang::Ja, Some(f), Some(u)) => format!("{f} × {}枚 · いちばん早い期限 {u}", s.count),
                    (Lang::Ja, None, Some(u)) => format!("{}枚 · いちばん早い期限 {u}", s.count),
                    (Lang::En, Some(f), Some(u)) => format!("{f} × {} · earliest expiry {u}", s.count),
                    (Lang::En, None, Some(u)) => format!("{} tickets · earliest expiry {u}", s.count),
                }
            }}</p>
            <Show when=move || { summary.get().expiring_soon > 0 }>
                <p class="notice notice--warn" role="status" data-testid="expiring-soon">{move || {
                    let s = summary.get();
                    match state.lang.get() {
                        Lang::Ja => format!("期限が近いチケットが{}枚あります（{}日以内）。早めに使うか、同僚に渡しましょう。", s.expiring_soon, EXPIRING_SOON_DAYS),
                        Lang::En => format!("{} tickets expire within {} days: use them or give them soon.", s.expiring_soon, EXPIRING_SOON_DAYS),
                    }
                }}" "<a href=state.link(crate::site::routes::Route::Reminder)>{state.t("期限の通知をカレンダーに入れる", "Add an expiry reminder to your calendar")}</a></p>
            </Show>
            <Show when=move || { balance.get().upcoming_count > 0 }>
                <p class="card__meta">
                    {move || {
                        let b = balance.get();
                        match state.lang.get() {
                            crate::domain::shared::text::Lang::Ja => format!("ほかに利用開始前のチケット {}枚（{}）", b.upcoming_count, yen(state.lang.get(), b.upcoming_yen.0)),
                            crate::domain::shared::text::Lang::En => format!("Plus {} tickets not yet valid ({})", b.upcoming_count, yen(state.lang.get(), b.upcoming_yen.0)),
                        }
                    }}
                </p>
            </Show>
        </section>
    }
}
