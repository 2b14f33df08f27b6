//! The career health room schedule (home).

use leptos::prelude::*;

use crate::state::AppState;

/// Home: the career health room.
#[component]
pub fn SchedulePage() -> impl IntoView {
    let state = AppState::expect();
    let publisher = move || {
        let lang = state.lang.get();
        state.feed.with(|f| {
            f.feed
                .as_ref()
                .map(|feed| feed.meta.publisher.get(lang).to_string())
        })
    };
    view! {
        <section class="page">
            <h1>{state.t("女性のキャリアの保健室", "Career health room")}</h1>
            <p>{state.t(
                "働く女性の「ちょっと困った」に、日替わりの専門家（センセー）が応える相談窓口です。",
                "A walk-in desk for working women, with a different expert each weekday.",
            )}</p>
            <p data-testid="publisher">{publisher}</p>
        </section>
    }
}
