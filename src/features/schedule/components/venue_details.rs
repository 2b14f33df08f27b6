//! Where a session or event takes place: venue name, address, access note, map link,
//! as a `<dt>`/`<dd>` pair inside the caller's `<dl>`.

use leptos::prelude::*;

use crate::domain::schedule::Venue;
use crate::domain::shared::text::Lang;
use crate::ui::i18n::tr;

/// The venue rows of a details list.
#[component]
pub fn VenueDetails(
    /// The venue.
    venue: Venue,
    /// Display language.
    lang: Lang,
) -> impl IntoView {
    let name = venue.name.get(lang).to_owned();
    let map = venue.map_url.clone().map(|u| {
        view! {
            <a href=u rel="noopener noreferrer">
                {tr(lang, "地図を開く", "Open map")}
                <span class="visually-hidden">{format!("：{name}")}</span>
            </a>
        }
    });
    let access = venue
        .access
        .as_ref()
        .map(|a| view! { <span class="session-card__access">{a.get(lang).to_owned()}</span> });
    view! {
        <dt>{tr(lang, "場所", "Where")}</dt>
        <dd class="session-card__venue">
            <span class="session-card__venue-name">{venue.name.get(lang).to_owned()}</span>
            <span>{venue.address.get(lang).to_owned()}</span>
            {access}
            {map}
        </dd>
    }
}
