//! The thank-you log (gifts given and received, with their messages), newest first. Shown
//! on the backup page `b.html` (the wallet page has no room left in its size budget).

use leptos::prelude::*;

use crate::domain::shared::text::{with_san, Lang};
use crate::features::tickets::state::wallet;
use crate::ui::i18n::datetime_jst;
use crate::ui::state::AppState;

/// [`crate::domain::tickets::holder::wallet::Wallet::thanks`] as a list; nothing when it is empty.
#[component]
pub fn ThanksLog() -> impl IntoView {
    let state = AppState::expect();
    move || {
        let log = wallet().with(|w| w.thanks());
        (!log.is_empty()).then(|| {
            let lang = state.lang.get();
            let n = log.len();
            let rows = log
                .into_iter()
                .map(|t| {
                    let who = t
                        .who
                        .unwrap_or_else(|| state.t("（名前なし）", "(no name)").into());
                    let line = match (lang, t.sent) {
                        (Lang::Ja, true) => format!("{}へ渡しました", with_san(&who)),
                        (Lang::Ja, false) => format!("{}から", with_san(&who)),
                        (Lang::En, true) => format!("Given to {who}"),
                        (Lang::En, false) => format!("From {who}"),
                    };
                    let message = t.message.map(|m| match lang {
                        Lang::Ja => format!("「{m}」"),
                        Lang::En => format!(" “{m}”"),
                    });
                    view! {
                        <li>
                            <span class="muted">{datetime_jst(lang, t.at)}</span>
                            " " {line} {message}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section aria-labelledby="thanks-title" data-testid="thanks-log">
                    <h2 id="thanks-title">{match lang {
                        Lang::Ja => format!("ありがとうの記録（{n}件）"),
                        Lang::En => format!("Thank-you log ({n})"),
                    }}</h2>
                    <ul class="stack-list">{rows}</ul>
                </section>
            }
        })
    }
}
