//! The wallet's balance: usable yen and count, and tickets not yet valid.

use leptos::prelude::*;

use crate::ui::i18n::yen;
use crate::ui::state::AppState;
use crate::ui::tickets::today;

/// Balance card for the wallet page.
#[component]
pub fn BalanceSummary() -> impl IntoView {
    let state = AppState::expect();
    let balance = Memo::new(move |_| {
        let used = crate::ui::tickets::feed_used(&state);
        state.wallet.with(|w| w.balance_at(today(), &used))
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
