//! The till's answer, full width: colour, icon and words together (never colour alone),
//! large enough to read at arm's length. `data-state` drives the colours.

use std::time::Duration;

use leptos::prelude::*;

use crate::apps::shop::actions;
use crate::apps::shop::state::{ShopState, TillAnswer};
use crate::domain::shared::date::{hh_mm, to_jst};
use crate::domain::shared::text::Lang;
use crate::domain::tickets::ledger::UNDO_WINDOW_MINUTES;
use crate::platform::clock;
use crate::ui::i18n::{date, datetime_jst, yen};
use crate::ui::state::AppState;
use crate::ui::tickets::{redeemed_here_text, till_input_text, verdict_text};

fn icon(state: &str) -> &'static str {
    match state {
        "valid" | "demo" | "redeemed" => "✓",
        "undone" => "↺",
        "other" => "!",
        _ => "✕",
    }
}

/// The latest answer at the till (nothing before the first scan).
#[component]
pub fn VerdictPanel() -> impl IntoView {
    let state = AppState::expect();
    let shop = ShopState::expect();
    // A clock for the undo countdown.
    let now = RwSignal::new(clock::now());
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(clock::now()), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    let undo_message = RwSignal::new(None::<actions::Outcome>);
    move || {
        let lang = state.lang.get();
        let answer = shop.answer.get()?;
        let data_state = answer.state();
        let code = answer.code();
        let body = match answer {
            TillAnswer::Checked {
                ticket,
                verdict,
                earlier,
            } => {
                let (head, detail) = verdict_text(lang, &verdict);
                let body = *ticket.body();
                let valid = verdict.is_valid();
                let demo = data_state == "demo";
                let earlier_text = earlier.map(|r| redeemed_here_text(lang, &r));
                let facts = format!(
                    "{} {} · {} {}",
                    state.t("番号", "Serial"),
                    body.id(),
                    state.t("有効期限", "Valid until"),
                    date(lang, body.valid_until())
                );
                let ticket = StoredValue::new(*ticket);
                view! {
                    {demo.then(|| view! { <p class="verdict__demo">"DEMO"</p> })}
                    <p class="verdict__head">{head}</p>
                    {valid.then(|| view! { <p class="verdict__amount" data-testid="verdict-amount">{yen(lang, body.face_value().0)}</p> })}
                    {(!detail.is_empty()).then(|| view! { <p class="verdict__detail">{detail}</p> })}
                    {earlier_text.map(|t| view! { <p class="verdict__detail verdict__detail--strong" data-testid="verdict-earlier">{t}</p> })}
                    <p class="verdict__facts">{facts}</p>
                    {valid.then(|| view! {
                        <button type="button" class="button verdict__confirm" on:click=move |_| {
                            undo_message.set(None);
                            actions::redeem(state, shop, &ticket.get_value());
                        }>{state.t("受け付ける", "Accept")}</button>
                    })}
                }.into_any()
            }
            TillAnswer::NotATicket(input) => {
                let (head, detail) = till_input_text(lang, &input);
                view! {
                    <p class="verdict__head">{head}</p>
                    <p class="verdict__detail verdict__detail--strong">{detail}</p>
                }
                .into_any()
            }
            TillAnswer::Problem(text) => view! {
                <p class="verdict__head">{state.t("確認できません", "Cannot check")}</p>
                <p class="verdict__detail">{text}</p>
            }
            .into_any(),
            TillAnswer::Redeemed(r) => {
                let id = r.id;
                let deadline = r.redeemed_at + chrono::Duration::minutes(UNDO_WINDOW_MINUTES);
                let facts = match lang {
                    Lang::Ja => format!(
                        "取引番号 {} · {} · 番号 {}",
                        r.transaction,
                        datetime_jst(lang, r.redeemed_at),
                        r.id
                    ),
                    Lang::En => format!(
                        "Transaction {} · {} · serial {}",
                        r.transaction,
                        datetime_jst(lang, r.redeemed_at),
                        r.id
                    ),
                };
                let amount = yen(lang, r.face_value().0);
                let countdown = move || {
                    let left = (deadline - now.get()).num_seconds();
                    let until = hh_mm(to_jst(deadline).time());
                    (left >= 0).then(|| match state.lang.get() {
                        Lang::Ja => format!("{until}まで取り消せます（残り {}分{:02}秒・受付から{UNDO_WINDOW_MINUTES}分以内）", left / 60, left % 60),
                        Lang::En => format!("Can be undone until {until} ({}:{:02} left; within {UNDO_WINDOW_MINUTES} minutes)", left / 60, left % 60),
                    })
                };
                view! {
                    <p class="verdict__head">{state.t("受け付けました", "Accepted")}</p>
                    <p class="verdict__amount" data-testid="verdict-amount">{amount}</p>
                    <p class="verdict__facts">{facts}</p>
                    {move || countdown().map(|c| view! {
                        <p class="verdict__detail" data-testid="undo-deadline">{c}</p>
                        <button type="button" class="button button--danger verdict__undo" on:click=move |_| {
                            undo_message.set(Some(actions::undo(state, shop, id)));
                        }>{state.t("受付を取り消す", "Undo this redemption")}</button>
                    })}
                }.into_any()
            }
            TillAnswer::Undone(r) => {
                let facts = match lang {
                    Lang::Ja => format!(
                        "取引番号 {} の受付を取り消しました。このチケットは請求されません。",
                        r.transaction
                    ),
                    Lang::En => format!(
                        "Transaction {} was undone. This ticket will not be claimed.",
                        r.transaction
                    ),
                };
                view! {
                    <p class="verdict__head">{state.t("取り消しました", "Undone")}</p>
                    <p class="verdict__detail">{facts}</p>
                }
                .into_any()
            }
        };
        Some(view! {
            <section class="verdict" data-state=data_state data-verdict=code data-testid="verdict" aria-live="assertive">
                <span class="verdict__icon" aria-hidden="true">{icon(data_state)}</span>
                <div class="verdict__body">{body}</div>
            </section>
            {move || undo_message.get().filter(|o| !o.ok).map(|o| view! { <p class="notice notice--danger" role="alert">{o.message}</p> })}
        })
    }
}
