//! One ticket in the wallet list.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::ticket::TicketId;
use crate::domain::tickets::holder::wallet::{EntryState, EntryStatus, Source, WalletEntry};
use crate::ui::i18n::{date, datetime_jst, yen};
use crate::ui::state::AppState;
use crate::ui::tickets::{status_label, today};

/// What the user asked to do with a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketAction {
    ShowQr(TicketId),
    Give(TicketId),
    MarkUsed(TicketId),
    /// Show a given ticket's gift again (to the same person).
    GiftAgain(TicketId),
}

/// A ticket row: value, serial, validity, state, and the actions that fit its state.
#[component]
pub fn TicketCard(
    /// The wallet entry to show.
    entry: WalletEntry,
    /// Called with the chosen action.
    on_action: Callback<TicketAction>,
) -> impl IntoView {
    let state = AppState::expect();
    let serial = entry.id();
    let status = crate::ui::tickets::with_used(|used| entry.status_at(today(), used));
    let body = *entry.ticket.body();
    let demo = body.is_demo_flagged();
    let usable = status == EntryStatus::Usable;
    let given = status == EntryStatus::Given;
    let data_state = match status {
        EntryStatus::Usable => "usable",
        EntryStatus::NotYetValid => "upcoming",
        EntryStatus::Expired => "expired",
        EntryStatus::Given => "given",
        EntryStatus::Used | EntryStatus::UsedPerFeed => "used",
        EntryStatus::Moved => "moved",
    };
    let entry_for_detail = entry.clone();
    // The used data carries no day or shop per ticket, only the day the city signed it.
    let settled = (status == EntryStatus::UsedPerFeed).then(|| {
        crate::ui::trust::TrustState::expect()
            .trust
            .with_untracked(|t| t.used_data().map(|u| u.signed_at()))
    });
    let detail = move || detail_line(state, state.lang.get(), &entry_for_detail, settled);
    view! {
        <li class="ticket" data-state=data_state data-testid="ticket">
            <div class="ticket__head">
                <span class="ticket__value">{move || yen(state.lang.get(), body.face_value().0)}</span>
                {move || {
                    let (label, kind) = status_label(state.lang.get(), status);
                    view! { <span class=format!("badge badge--{kind}")>{label}</span> }
                }}
                {demo.then(|| view! { <span class="badge badge--demo">{state.t("見本", "DEMO")}</span> })}
            </div>
            <p class="ticket__meta">
                <span>{state.t("番号", "No.")} " " {serial.to_string()}</span>
                " · "
                <span>{move || format!("{} {}", state.tr("期限", "Until"), date(state.lang.get(), body.valid_until()))}</span>
            </p>
            {move || detail().map(|d| view! { <p class="ticket__detail">{d}</p> })}
            <Show when=move || usable>
                <div class="button-row">
                    <button type="button" class="button button--small" on:click=move |_| on_action.run(TicketAction::ShowQr(serial))>
                        {state.t("QRを表示", "Show QR")}<span class="visually-hidden">" " {serial.to_string()}</span>
                    </button>
                    <button type="button" class="button button--small button--secondary" on:click=move |_| on_action.run(TicketAction::Give(serial))>
                        {state.t("同僚に渡す", "Give")}<span class="visually-hidden">" " {serial.to_string()}</span>
                    </button>
                    <button type="button" class="button button--small button--secondary" on:click=move |_| on_action.run(TicketAction::MarkUsed(serial))>
                        {state.t("使った", "Mark used")}<span class="visually-hidden">" " {serial.to_string()}</span>
                    </button>
                </div>
            </Show>
            <Show when=move || given>
                <div class="button-row">
                    <button type="button" class="button button--small button--secondary" on:click=move |_| on_action.run(TicketAction::GiftAgain(serial))>
                        {state.t("渡したQRをもう一度見せる", "Show the gift again")}<span class="visually-hidden">" " {serial.to_string()}</span>
                    </button>
                </div>
            </Show>
        </li>
    }
}

/// The line under a ticket: to whom and when it was given, when it was used or moved,
/// whom a gift came from, or what the city's record says of a ticket it marks used
/// (`settled`: the day that record was signed).
fn detail_line(
    state: AppState,
    lang: Lang,
    entry: &WalletEntry,
    settled: Option<Option<NaiveDate>>,
) -> Option<String> {
    let serial = entry.id();
    if let Some(signed) = settled {
        let on = signed.map(|d| date(lang, d)).unwrap_or_default();
        return Some(match lang {
            Lang::Ja => format!("市の精算記録（{on}付け）で使用済み。使った日と店は記録にありません。覚えがなければ番号 {serial} を控えて、市のお知らせの問い合わせ先へ連絡してください。"),
            Lang::En => format!("Used per the city's settlement record of {on}; no day or shop is recorded. If you did not use it, note No. {serial} and contact the city (see its message)."),
        });
    }
    match &entry.state {
        EntryState::Given {
            to, at, message, ..
        } => {
            let to = to
                .clone()
                .unwrap_or_else(|| state.tr("（名前なし）", "(no name)").to_string());
            let mut s = match lang {
                Lang::Ja => format!("渡した相手：{}（{}）", to, datetime_jst(lang, *at)),
                Lang::En => format!("Given to {} ({})", to, datetime_jst(lang, *at)),
            };
            if let Some(m) = message {
                s.push_str(&format!(" 「{m}」"));
            }
            Some(s)
        }
        EntryState::Used { at, .. } => Some(format!(
            "{}{}",
            state.tr("使用：", "Used: "),
            datetime_jst(lang, *at)
        )),
        EntryState::Moved { at } => Some(format!(
            "{}{}",
            state.tr("移した日時：", "Moved: "),
            datetime_jst(lang, *at)
        )),
        EntryState::Unused => match &entry.source {
            Source::Gift { from, message } => {
                let msg = message
                    .clone()
                    .map(|m| format!(" 「{m}」"))
                    .unwrap_or_default();
                Some(match (lang, from) {
                    (Lang::Ja, Some(f)) => {
                        format!("{}から{msg}", crate::domain::shared::text::with_san(f))
                    }
                    (Lang::Ja, None) => format!("もらったチケット{msg}"),
                    (Lang::En, Some(f)) => format!("From {f}{msg}"),
                    (Lang::En, None) => format!("Received as a gift{msg}"),
                })
            }
            Source::Issued { .. } => None,
        },
    }
}
