//! The city office (事務局), on a desktop: keys, roster, issuing a month, settling shops'
//! claims, publishing the used data, checking the feed before upload. Everything happens
//! in this tab: private keys, rosters and reports are never written to browser storage
//! or sent anywhere; files come in through file pickers and go out as downloads.

mod feed_check;
mod issue;
mod keys;
mod roster;
mod settle;

use std::sync::Arc;

use leptos::prelude::*;

use self::feed_check::FeedSection;
use self::issue::{IssueSection, SheetView};
use self::keys::{KeyListSection, KeySection};
use self::roster::RosterSection;
use self::settle::SettleSection;
use crate::domain::feed::Feed;
use crate::domain::tickets::core::ticket::YearMonth;
use crate::domain::tickets::office::issuance::{MonthOutput, PrintSheet, Register};
use crate::domain::tickets::office::keyfile::UnlockedKey;
use crate::domain::tickets::office::roster::Roster;
use crate::features::office::actions;
use crate::site::{OFFICE, OFFICE_LEAD};
use crate::ui::state::AppState;

const MAX_FILE: usize = 64 * 1024 * 1024;

/// What this tab holds for the session (never persisted).
#[derive(Clone, Copy)]
struct Session {
    key: StoredValue<Option<Arc<UnlockedKey>>>,
    key_label: RwSignal<Option<String>>,
    roster: RwSignal<Option<Arc<Roster>>>,
    register: RwSignal<Arc<Register>>,
    register_name: RwSignal<Option<String>>,
    feed: RwSignal<Option<Arc<Feed>>>,
    output: RwSignal<Option<Arc<MonthOutput>>>,
    sheet: RwSignal<Option<PrintSheet>>,
}

/// The office page.
#[component]
pub fn OfficePage() -> impl IntoView {
    let state = AppState::expect();
    let session = Session {
        key: StoredValue::new(None),
        key_label: RwSignal::new(None),
        roster: RwSignal::new(None),
        register: RwSignal::new(Arc::new(Register::new())),
        register_name: RwSignal::new(None),
        feed: RwSignal::new(None),
        output: RwSignal::new(None),
        sheet: RwSignal::new(None),
    };
    view! {
        <section class="page office">
            // As in the entry page's static shell (`site::html::entry_html`).
            <h1>{state.t(OFFICE.title.0, OFFICE.title.1)}</h1>
            <p>{state.t(OFFICE_LEAD.0, OFFICE_LEAD.1)}</p>
            <KeySection session/>
            <KeyListSection session/>
            <RosterSection session/>
            <IssueSection session/>
            <FeedSection session/>
            <SettleSection session/>
            <crate::features::office::pages::feed_editor::FeedEditor/>
            {move || session.sheet.get().map(|sheet| view! { <SheetView sheet/> })}
        </section>
    }
}

/// The month after this one (issuing is done ahead), as `YYYY-MM`.
fn default_month() -> String {
    let today = actions::today();
    let m = YearMonth::of(today);
    m.next().to_string()
}
