//! Where to get help now: the consultation lines from the feed (phone as a `tel:` link,
//! hours, web page).

use leptos::prelude::*;

use crate::domain::checks::helplines::HelpLine;
use crate::domain::shared::text::Lang;
use crate::ui::i18n::tr;

/// A `<section>` listing `lines`, or a fallback sentence when the feed has none.
#[component]
pub fn HelpLines(lines: Vec<HelpLine>, lang: Lang) -> impl IntoView {
    let items: Vec<_> = lines
        .into_iter()
        .map(|l| {
            let name = l.name.get(lang).to_owned();
            let demo = l.demo.then(
                || view! { <span class="badge badge--demo">{tr(lang, "見本", "Sample")}</span> },
            );
            let phone = l.phone.map(|p| {
                view! {
                    <a class="help-line__phone" href=p.tel_href()>
                        {tr(lang, "電話 ", "Call ")}{p.display().to_owned()}
                        <span class="visually-hidden">{format!("：{name}")}</span>
                    </a>
                }
            });
            let url = l.url.map(|u| {
                view! {
                    <a class="help-line__web" href=u rel="noopener noreferrer">
                        {tr(lang, "ウェブサイト", "Website")}
                        <span class="visually-hidden">{format!("：{name}")}</span>
                    </a>
                }
            });
            let note = l
                .note
                .map(|n| view! { <p class="muted">{n.get(lang).to_owned()}</p> });
            view! {
                <li class="help-line">
                    <h3 class="help-line__name">{name.clone()} " " {demo}</h3>
                    <p>{l.description.get(lang).to_owned()}</p>
                    <p class="help-line__hours">{l.hours.get(lang).to_owned()}</p>
                    <p class="help-line__contact">{phone}{url}</p>
                    {note}
                </li>
            }
        })
        .collect();
    let empty = items.is_empty().then(|| {
        view! { <p>{tr(lang, "相談窓口の情報を読み込めませんでした。つらいときは、身近な人や医療機関に相談してください。", "The help lines could not be loaded. If things feel hard, please talk to someone close to you or a doctor.")}</p> }
    });
    view! {
        <section class="help-lines" aria-labelledby="help-lines-title" data-testid="help-lines">
            <h2 id="help-lines-title">{tr(lang, "いま相談できるところ", "Where to get help now")}</h2>
            {empty}
            <ul class="stack-list">{items}</ul>
        </section>
    }
}
