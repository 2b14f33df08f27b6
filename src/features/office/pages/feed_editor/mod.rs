//! The feed editor (事務局 → 配信データを作る): open the served feed or a file, change desk
//! hours, closures and other dated changes, events, the certified shops (Excel CSV), the
//! holidays (Cabinet Office CSV) and self-checks, preview a day as a phone shows it, then
//! check everything and download `feed.json` and `calendar.ics` for upload.
//!
//! Every rule is in `domain::publish` (forms, previews, the check); this view only holds the
//! typed text and shows what the domain says. Nothing is stored in the browser.

mod check_and_save;
mod desk;
mod events;
mod exceptions;
mod fields;
mod holidays;
mod open;
mod preview;
mod questionnaires;
mod shops;
mod signed;

use leptos::prelude::*;

use self::check_and_save::CheckAndSave;
use self::desk::DeskHours;
use self::events::Events;
use self::exceptions::Exceptions;
use self::holidays::Holidays;
use self::open::OpenFeed;
use self::preview::Preview;
use self::questionnaires::Questionnaires;
use self::shops::Shops;
use self::signed::SignedSections;
use crate::domain::publish::check::Report;
use crate::domain::publish::editor::FeedDraft;
use crate::domain::shared::text::Lang;
use crate::ui::state::AppState;

const MAX_FILE: usize = 8 * 1024 * 1024;

/// The editor's state for this tab (never persisted).
#[derive(Clone, Copy)]
struct Editor {
    draft: RwSignal<Option<FeedDraft>>,
    /// The feed as opened (the one published now): the check compares sequences with it.
    opened: StoredValue<Option<String>>,
    /// The last check, cleared by any change.
    report: RwSignal<Option<Report>>,
    lang: Lang,
}

impl Editor {
    fn change(&self, f: impl FnOnce(&mut FeedDraft)) {
        self.draft.update(|d| {
            if let Some(d) = d {
                f(d);
            }
        });
        self.report.set(None);
    }
}

/// The editor section of the office page.
#[component]
pub fn FeedEditor() -> impl IntoView {
    let state = AppState::expect();
    let editor = Editor {
        draft: RwSignal::new(None),
        opened: StoredValue::new(None),
        report: RwSignal::new(None),
        lang: state.lang.get_untracked(),
    };
    // Only opening a feed builds the sections below; edits must not rebuild them (they
    // would lose what is typed).
    let is_open = Memo::new(move |_| editor.draft.with(Option::is_some));
    view! {
        <section class="card office__section feed-editor" aria-labelledby="office-editor">
            <h2 id="office-editor">{state.t("6. 配信データを作る（日程・お店・祝日・セルフチェック）", "6. Make the feed (schedule, shops, holidays, self-checks)")}</h2>
            <p>{state.t(
                "公開中の配信データを開き、変更してから、確認して保存します。保存した feed.json と calendar.ics を、市のウェブサイトの feed フォルダーにアップロードしてください。",
                "Open the published feed, make the changes, then check and save. Upload the saved feed.json and calendar.ics to the feed folder of the city's website.",
            )}</p>
            <OpenFeed editor/>
            {move || is_open.get().then(|| view! {
                <DeskHours editor/>
                <Exceptions editor/>
                <Events editor/>
                <Preview editor/>
                <Shops editor/>
                <Holidays editor/>
                <Questionnaires editor/>
                <SignedSections editor/>
                <CheckAndSave editor/>
            })}
        </section>
    }
}
