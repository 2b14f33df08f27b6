//! A calm notice when the latest feed refresh failed: the app keeps its last good data.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::ui::i18n::datetime_jst;
use crate::ui::state::{AppState, FeedProblem};

fn describe(lang: Lang, problem: &FeedProblem) -> String {
    match (lang, problem) {
        (Lang::Ja, FeedProblem::Offline) => {
            "オフラインのため、最新の情報を確認できませんでした。".into()
        }
        (Lang::En, FeedProblem::Offline) => {
            "You are offline, so the latest information could not be checked.".into()
        }
        (Lang::Ja, FeedProblem::CacheDamaged) => "端末に保存した情報が読めませんでした。".into(),
        (Lang::En, FeedProblem::CacheDamaged) => {
            "The information saved on this device could not be read.".into()
        }
        (Lang::Ja, FeedProblem::Fetch(e)) => {
            format!("最新の情報を取得できませんでした（{}）。", e.wording(lang))
        }
        (Lang::En, FeedProblem::Fetch(e)) => {
            format!(
                "The latest information could not be fetched ({}).",
                e.wording(lang)
            )
        }
        (Lang::Ja, FeedProblem::Invalid(e)) => {
            format!(
                "配信された情報に問題があったため、使いませんでした（{}）。",
                e.wording(lang)
            )
        }
        (Lang::En, FeedProblem::Invalid(e)) => {
            format!(
                "The published information had a problem and was not used ({}).",
                e.wording(lang)
            )
        }
    }
}

/// Shown while the feed has a problem. Never hides the app.
#[component]
pub fn FeedNotice() -> impl IntoView {
    let state = AppState::expect();
    move || {
        let lang = state.lang.get();
        state.feed.with(|f| {
            let problem = f.problem.as_ref()?;
            let what = describe(lang, problem);
            let kept = match (f.feed.is_some(), f.last_good, lang) {
                (true, Some(t), Lang::Ja) => format!(
                    "前回 {} に取得した情報を表示しています。",
                    datetime_jst(lang, t)
                ),
                (true, Some(t), Lang::En) => format!(
                    "Showing the information last updated {} (JST).",
                    datetime_jst(lang, t)
                ),
                (true, None, Lang::Ja) => "保存済みの情報を表示しています。".into(),
                (true, None, Lang::En) => "Showing the saved information.".into(),
                (false, _, Lang::Ja) => {
                    "まだ情報がありません。接続できる場所で開き直してください。".into()
                }
                (false, _, Lang::En) => {
                    "No information yet. Please open the app again when you are online.".into()
                }
            };
            Some(view! {
                <div class="notice notice--warn feed-notice" role="status" data-testid="feed-notice">
                    <p>{what}</p>
                    <p>{kept}</p>
                </div>
            })
        })
    }
}
