//! センセー紹介: the experts' profiles (role, qualification, a short message).

use std::sync::Arc;

use leptos::prelude::*;

use crate::domain::schedule::Schedule;
use crate::domain::shared::text::Lang;
use crate::ui::i18n::{tr, weekday};

/// Every expert profile in the feed, with the day and theme they sit on. Photos are not
/// shown (the feed's photo paths are optional and not shipped with the app).
#[component]
pub fn ExpertList(schedule: Arc<Schedule>, lang: Lang) -> impl IntoView {
    let items = schedule
        .experts()
        .iter()
        .map(|x| {
            let theme = schedule.theme(&x.theme).map(|t| match lang {
                Lang::Ja => format!("{}曜：{}", weekday(lang, t.weekday), t.name.get(lang)),
                Lang::En => format!("{}: {}", weekday(lang, t.weekday), t.name.get(lang)),
            });
            let name = x
                .name
                .as_ref()
                .map(|n| view! { <p class="expert__name">{n.get(lang).to_owned()}</p> });
            view! {
                <li class="card expert">
                    <h3 class="card__title">{x.role.get(lang).to_owned()}</h3>
                    {name}
                    <p class="card__meta">{theme}</p>
                    <p class="expert__qualification">
                        <span class="visually-hidden">{tr(lang, "資格：", "Qualification: ")}</span>
                        {x.qualification.get(lang).to_owned()}
                    </p>
                    <p class="expert__message">{x.message.get(lang).to_owned()}</p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="stack-list expert-list" data-testid="expert-list">{items}</ul> }
}
