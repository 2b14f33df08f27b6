//! The till's answer, full width: colour, icon and words together (never colour alone),
//! large enough to read at arm's length. `data-state` drives the colours.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::shared::date::{hh_mm, to_jst};
use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::ticket::{Ticket, TicketId, Verdict};
use crate::domain::tickets::shop::ledger::UNDO_WINDOW_MINUTES;
use crate::features::shop::actions;
use crate::features::shop::state::{ShopState, TillAnswer};
use crate::site::routes::Route;
use crate::ui::i18n::{date, datetime_jst, yen};
use crate::ui::outcome::Outcome;
use crate::ui::state::AppState;
use crate::ui::tickets::{redeemed_here_text, till_input_text, verdict_text};
use crate::ui::ticking::ticking_now;

fn icon(state: &str) -> &'static str {
    match state {
        "valid" | "demo" | "redeemed" => "✓",
        "undone" => "↺",
        "other" => "!",
        _ => "✕",
    }
}

/// What the panel shows, worked out before rendering (one view for every answer keeps
/// the WebAssembly small).
struct Shown {
    head: String,
    demo: bool,
    amount: Option<String>,
    /// (text, bold, test id)
    details: Vec<(String, bool, Option<&'static str>)>,
    facts: Option<String>,
    confirm: Option<Ticket>,
    undo: Option<(TicketId, DateTime<Utc>)>,
    /// A link to the till's set-up (the till is not set up).
    set_up: bool,
}

fn shown(state: AppState, lang: Lang, answer: TillAnswer) -> Shown {
    let mut s = Shown {
        head: String::new(),
        demo: false,
        amount: None,
        details: Vec::new(),
        facts: None,
        confirm: None,
        undo: None,
        set_up: false,
    };
    match answer {
        TillAnswer::Checked {
            ticket,
            verdict,
            earlier,
        } => {
            let (head, detail) = verdict_text(lang, &verdict);
            let body = *ticket.body();
            s.head = head;
            s.demo = matches!(&verdict, Verdict::Valid(v) if v.demo);
            if !detail.is_empty() {
                s.details.push((detail, false, None));
            }
            if !verdict.is_valid() {
                s.details.push((
                    state
                        .t(
                            "このチケットは受け付けないでください。",
                            "Do not accept this ticket.",
                        )
                        .to_string(),
                    true,
                    Some("verdict-refuse"),
                ));
            }
            if let Some(r) = earlier {
                s.details
                    .push((redeemed_here_text(lang, &r), true, Some("verdict-earlier")));
            }
            s.facts = Some(format!(
                "{} {} · {} {}",
                state.t("番号", "Serial"),
                body.id(),
                state.t("有効期限", "Valid until"),
                date(lang, body.valid_until())
            ));
            if verdict.is_valid() {
                s.amount = Some(yen(lang, body.face_value().0));
                s.confirm = Some(*ticket);
            }
        }
        TillAnswer::NotATicket(input, read) => {
            let (head, detail) = till_input_text(lang, &input);
            s.head = head;
            s.details.push((detail, true, None));
            if let Some(read) = read {
                s.details.push((
                    format!("{}{read}", state.t("読み取った文字：", "It says: ")),
                    false,
                    Some("verdict-read"),
                ));
            }
        }
        TillAnswer::NotSetUp => {
            s.head = state
                .t("先にお店の設定をしてください", "Set up the till first")
                .to_string();
            s.details.push((
                state
                    .t(
                        "この端末はお店と端末名がまだ設定されていないため、チケットを確認していません。設定してから、もう一度読み取ってください。",
                        "This till has no shop and till name yet, so the ticket was not checked. Set it up, then scan again.",
                    )
                    .to_string(),
                true,
                None,
            ));
            s.set_up = true;
        }
        TillAnswer::Problem(text) => {
            s.head = state.t("確認できません", "Cannot check").to_string();
            s.details.push((text, false, None));
        }
        TillAnswer::Redeemed(r) => {
            s.head = state.t("受け付けました", "Accepted").to_string();
            s.amount = Some(yen(lang, r.face_value().0));
            s.facts = Some(match lang {
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
            });
            s.undo = Some((
                r.id,
                r.redeemed_at + chrono::Duration::minutes(UNDO_WINDOW_MINUTES),
            ));
        }
        TillAnswer::Undone(r) => {
            s.head = state.t("取り消しました", "Undone").to_string();
            s.details.push((
                match lang {
                    Lang::Ja => format!(
                        "取引番号 {} の受付を取り消しました。このチケットは請求されません。",
                        r.transaction
                    ),
                    Lang::En => format!(
                        "Transaction {} was undone. This ticket will not be claimed.",
                        r.transaction
                    ),
                },
                false,
                None,
            ));
        }
    }
    s
}

/// The latest answer at the till (nothing before the first scan).
#[component]
pub fn VerdictPanel() -> impl IntoView {
    let state = AppState::expect();
    let shop = ShopState::expect();
    // A clock for the undo countdown.
    let now = ticking_now(Duration::from_secs(1));
    let undo_message = RwSignal::new(None::<Outcome>);
    // Each new answer is brought into view whole (after a paste below it, or a scan while
    // the page was scrolled), the clerk never scrolls to find it.
    let panel = NodeRef::<leptos::html::Section>::new();
    Effect::new(move |_| {
        if shop.answer.with(Option::is_some) {
            // The frame may come after the panel is gone (the clerk went to another
            // screen): nothing to scroll then.
            request_animation_frame(move || {
                if let Some(Some(el)) = panel.try_get_untracked() {
                    crate::platform::scroll_into_view(&el);
                }
            });
        }
    });
    move || {
        let lang = state.lang.get();
        let answer = shop.answer.get()?;
        let data_state = answer.state();
        let code = answer.code();
        let s = shown(state, lang, answer);
        let confirm = s.confirm.map(|t| {
            let ticket = StoredValue::new(t);
            view! {
                <button type="button" class="button verdict__confirm" on:click=move |_| {
                    undo_message.set(None);
                    actions::redeem(state, shop, &ticket.get_value());
                }>{state.t("受け付ける", "Accept")}</button>
            }
        });
        let undo = s.undo.map(|(id, deadline)| {
            let until = hh_mm(to_jst(deadline).time());
            move || {
                let left = (deadline - now.get()).num_seconds();
                if left < 0 {
                    return view! {
                        <p class="verdict__detail verdict__detail--strong" data-testid="undo-passed">
                            {match state.lang.get() {
                                Lang::Ja => format!("{until}を過ぎたため、この端末では取り消せません（受付から{UNDO_WINDOW_MINUTES}分まで）。"),
                                Lang::En => format!("Past {until}: this till can no longer undo it (within {UNDO_WINDOW_MINUTES} minutes only). "),
                            }}
                            {actions::contact_the_office(state.lang.get())}
                        </p>
                    }.into_any();
                }
                view! {
                    <p class="verdict__detail" data-testid="undo-deadline">{match state.lang.get() {
                        Lang::Ja => format!("{until}まで取り消せます（残り {}分{:02}秒・受付から{UNDO_WINDOW_MINUTES}分以内）", left / 60, left % 60),
                        Lang::En => format!("Can be undone until {until} ({}:{:02} left; within {UNDO_WINDOW_MINUTES} minutes)", left / 60, left % 60),
                    }}</p>
                    <button type="button" class="button button--danger verdict__undo" on:click=move |_| {
                        undo_message.set(Some(actions::undo(state, shop, id)));
                    }>{state.t("受付を取り消す", "Undo this redemption")}</button>
                }.into_any()
            }
        });
        let set_up = s.set_up.then(|| view! {
            <a class="button verdict__setup" href=state.link(Route::ShopSetup)>{state.t("お店と端末を設定する", "Set up the shop and till")}</a>
        });
        Some(view! {
            <section node_ref=panel class="verdict" data-state=data_state data-verdict=code data-testid="verdict" aria-live="assertive">
                <span class="verdict__icon" aria-hidden="true">{icon(data_state)}</span>
                <div class="verdict__body">
                    {s.demo.then(|| view! { <p class="verdict__demo">"DEMO"</p> })}
                    <p class="verdict__head">{s.head}</p>
                    {s.amount.map(|a| view! { <p class="verdict__amount" data-testid="verdict-amount">{a}</p> })}
                    {s.details.into_iter().map(|(text, strong, id)| view! {
                        <p class=if strong { "verdict__detail verdict__detail--strong" } else { "verdict__detail" } data-testid=id>{text}</p>
                    }).collect_view()}
                    {s.facts.map(|f| view! { <p class="verdict__facts">{f}</p> })}
                    {confirm}
                    {set_up}
                    {undo}
                </div>
            </section>
            {move || undo_message.get().filter(|o| !o.ok).map(|o| view! { <p class="notice notice--danger" role="alert">{o.message}</p> })}
        })
    }
}
