//! The feed's freshness line at the bottom of every page.

use leptos::prelude::*;

use crate::domain::shared::date::jst_today;
use crate::ui::i18n::{date, datetime_jst};
use crate::ui::state::AppState;

/// The feed's own publication date (so a stale feed does not look fresh) and when this
/// page last fetched it; once per device and audience, that the app now works offline
/// (`AppState::offline_ready`: a polite status line of its own, empty and without height
/// until then, present from the start so that screen readers read it when it fills).
#[component]
pub fn Freshness() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <p class="freshness" data-testid="freshness">
            {move || {
                let lang = state.lang.get();
                state.feed.with(|f| match (f.feed.as_ref().map(|feed| feed.meta.generated_at), f.last_good, f.checking) {
                    (Some(published), Some(t), _) => match lang {
                        crate::domain::shared::text::Lang::Ja => format!("市の情報：{}発行 · 最終更新：{}", date(lang, jst_today(published)), datetime_jst(lang, t)),
                        crate::domain::shared::text::Lang::En => format!("City information published {} · last updated {}", date(lang, jst_today(published)), datetime_jst(lang, t)),
                    },
                    (Some(published), None, _) => format!("{}{}", state.tr("市の情報：発行 ", "City information published "), date(lang, jst_today(published))),
                    (None, Some(t), _) => format!("{} {}", state.tr("最終更新：", "Last updated:"), datetime_jst(lang, t)),
                    (None, None, true) => state.tr("情報を確認しています…", "Checking for information…").to_string(),
                    (None, None, false) => state.tr("情報をまだ取得していません", "No information fetched yet").to_string(),
                })
            }}
        </p>
        <p class="offline-ready" role="status" data-testid="offline-ready">
            {move || state.offline_ready.get().then(|| state.t(
                "この端末で、オフラインでも使えるようになりました。",
                "This app now works offline on this device.",
            ))}
        </p>
    }
}
