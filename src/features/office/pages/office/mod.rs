//! The city office (事務局), on a desktop: key set-up, keys, roster, issuing a month,
//! settling shops' claims, publishing the used data, checking the feed before upload.
//! Private keys, rosters and reports stay in this tab: never written to browser storage or
//! sent anywhere; files come in through file pickers and go out as downloads. The unsigned key list
//! (public parts) and the issuance register are also kept in this browser
//! (`DeskRecord`), so that neither depends on a clerk's memory.

mod feed_check;
mod guide;
mod interim;
mod issue;
mod keys;
mod roster;
mod settle;
mod shop_keys;

use crate::features::office::pages::common::{Message, Say};
use std::sync::Arc;

use chrono::Datelike;
use leptos::prelude::*;

use self::feed_check::FeedSection;
use self::guide::Guide;
use self::interim::InterimSection;
use self::issue::{IssueSection, SheetView};
use self::keys::{KeySection, KeySetup};
use self::roster::RosterSection;
use self::settle::SettleSection;
use self::shop_keys::ShopKeysSection;
use crate::domain::feed::Feed;
use crate::domain::tickets::core::keys::KeySet;
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
    /// The passphrase being typed (cleared once a key is made or opened with it).
    passphrase: RwSignal<String>,
    /// The open key is the demo issuer key (the demo build's one-click demo).
    demo_key: RwSignal<bool>,
    /// The key list signed in this tab (key set-up): trusted for issuing until a published
    /// feed is opened.
    signed_keys: RwSignal<Option<Arc<KeySet>>>,
    key_label: RwSignal<Option<String>>,
    roster: RwSignal<Option<Arc<Roster>>>,
    register: RwSignal<Arc<Register>>,
    register_name: RwSignal<Option<String>>,
    /// A register changed by issuing and not yet saved to a file (a prompt before leaving).
    register_unsaved: RwSignal<bool>,
    feed: RwSignal<Option<Arc<Feed>>>,
    output: RwSignal<Option<Arc<MonthOutput>>>,
    /// The sheets on screen for printing: one recipient's, or the whole month's.
    sheets: RwSignal<Option<Arc<Vec<PrintSheet>>>>,
}

impl Session {
    /// Closes the open key: it is dropped from this tab (its seed wiped from memory once no
    /// signing run still holds it) and the passphrase field is emptied. 「鍵を閉じる」 and
    /// the idle timeout (`keyfile::idle_lock_due`).
    fn close_key(&self) {
        self.key.set_value(None);
        self.key_label.set(None);
        self.demo_key.set(false);
        self.passphrase.set(String::new());
    }
}

/// The office page.
#[component]
pub fn OfficePage() -> impl IntoView {
    let state = AppState::expect();
    let session = Session {
        key: StoredValue::new(None),
        passphrase: RwSignal::new(String::new()),
        demo_key: RwSignal::new(false),
        signed_keys: RwSignal::new(None),
        key_label: RwSignal::new(None),
        roster: RwSignal::new(None),
        register: RwSignal::new(Arc::new(Register::new())),
        register_name: RwSignal::new(None),
        register_unsaved: RwSignal::new(false),
        feed: RwSignal::new(None),
        output: RwSignal::new(None),
        sheets: RwSignal::new(None),
    };
    // The register this browser kept is loaded by default (a file chosen in card 2 replaces
    // it); one that was never saved to a file is said so at once.
    if let Some((register, saved)) = actions::stored_register() {
        session.register_name.set(Some(
            state
                .tr(
                    "このパソコンに保存されている発行台帳",
                    "The register kept on this computer",
                )
                .to_string(),
        ));
        session.register.set(Arc::new(register));
        session.register_unsaved.set(!saved);
    }
    // Leaving with a register not saved to a file: the browser asks first.
    crate::platform::unload::warn_before_leaving(move || session.register_unsaved.get_untracked());
    view! {
        <section class="page office">
            // As in the entry page's static shell (`site::html::entry_html`).
            <h1>{state.t(OFFICE.title.0, OFFICE.title.1)}</h1>
            <p>{state.t(OFFICE_LEAD.0, OFFICE_LEAD.1)}</p>
            <Guide/>
            <KeySetup session/>
            <KeySection session/>
            <RosterSection session/>
            <IssueSection session/>
            <FeedSection session/>
            <ShopKeysSection/>
            <SettleSection session/>
            <InterimSection session/>
            <crate::features::office::pages::feed_editor::FeedEditor/>
            {move || session.sheets.get().map(|sheets| view! { <SheetView sheets session/> })}
        </section>
    }
}

/// The month typed as `YYYY-MM`, or the status line saying how to type it.
fn month_or_say(state: AppState, text: &str, message: Message) -> Option<YearMonth> {
    let month = crate::domain::tickets::office::issuance::parse_month(text.trim());
    if month.is_none() {
        message.fail(state.t(
            "月は 2026-12 の形で入れてください。",
            "Enter the month as 2026-12.",
        ));
    }
    month
}

/// The month before this one (claims are settled after their month ends), as `YYYY-MM`:
/// on 7 December 2026, `2026-11`.
fn previous_month() -> String {
    let today = actions::today();
    let last = today
        .with_day(1)
        .and_then(|d| d.pred_opt())
        .unwrap_or(today);
    YearMonth::of(last).to_string()
}

/// The month after this one (issuing is done ahead), as `YYYY-MM`.
fn default_month() -> String {
    let today = actions::today();
    let m = YearMonth::of(today);
    m.next().to_string()
}
