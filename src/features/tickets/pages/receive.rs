//! Links and scans that carry tickets: a month's bundle from the office, a gift from a
//! coworker, or a single ticket to check (what a phone camera opens from a ticket QR).

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::bundle::{parse_scanned, Scanned};
use crate::domain::tickets::core::ticket::verify_ticket;
use crate::domain::tickets::holder::wallet::GiftState;
use crate::features::tickets::actions;
use crate::site::routes::Route;
use crate::ui::i18n::{date, yen};
use crate::ui::state::AppState;
use crate::ui::tickets::{policy, today, verdict_text};

/// The page for `#/receive/…`, `#/gift/…` and `#/t/…`.
#[component]
pub fn ReceivePage(
    /// The route (one of Receive, Gift, Ticket).
    route: Route,
) -> AnyView {
    let state = AppState::expect();
    if matches!(&route, Route::Receive(p) if p.is_empty()) {
        // r.html opened bare: nothing to receive, say where tickets come from.
        return view! {
            <section class="page" data-testid="receive-bare">
                <h1>{state.t("チケットを受け取る", "Receive tickets")}</h1>
                <p class="card">{state.t(
                    "市から届いたリンクや、同僚から届いた「ありがとう」のリンクを開くと、ここでチケットを受け取れます。",
                    "Open a link from the city or a thank-you link from a coworker to receive its tickets here.",
                )}</p>
                <p><a class="button" href=state.link(Route::Wallet)>{state.tr("ウォレットを見る", "Open the wallet")}</a></p>
            </section>
        }
        .into_any();
    }
    let parsed = parse_scanned(&route.href());
    let done = RwSignal::new(None::<(bool, String)>);

    let body = match parsed {
        Err(e) => view! {
            <p class="notice notice--danger" role="alert">
                {state.t("このリンクは読み取れませんでした。", "This link could not be read.")} " " {e.wording(state.lang.get_untracked())}
            </p>
        }
        .into_any(),
        Ok(Scanned::Bundle(bundle)) => {
            let count = bundle.tickets().len();
            let total: u64 = bundle.tickets().iter().map(|t| t.body().face_value().0).sum();
            let accept = move |_| {
                let outcome = actions::receive_bundle(state, &bundle);
                done.set(Some((outcome.ok, outcome.message)));
                forget_payload();
            };
            view! {
                <div class="card card--accent">
                    <p class="card__title">{move || match state.lang.get() {
                        Lang::Ja => format!("市からのチケット {}枚（{}）", count, yen(Lang::Ja, total)),
                        Lang::En => format!("{} tickets from the city ({})", count, yen(Lang::En, total)),
                    }}</p>
                    <button type="button" class="button" on:click=accept>{state.t("ウォレットに入れる", "Add to my wallet")}</button>
                </div>
            }
            .into_any()
        }
        Ok(Scanned::Gift(gift)) => {
            let from = gift.from.clone();
            let message = gift.message.clone();
            let value = gift.ticket.body().face_value().0;
            let gift_for_state = gift.clone();
            let known = Memo::new(move |_| actions::gift_state(&gift_for_state));
            let gift = StoredValue::new(gift);
            let accept = move |_| {
                let outcome = gift.with_value(|g| actions::receive_gift(state, g));
                done.set(Some((outcome.ok, outcome.message)));
                forget_payload();
            };
            view! {
                <div class="card card--accent" data-testid="gift-card">
                    <p class="card__title">{move || match (state.lang.get(), from.clone()) {
                        (Lang::Ja, Some(f)) => format!("{f}さんから「ありがとう」のチケット（{}）", yen(Lang::Ja, value)),
                        (Lang::Ja, None) => format!("「ありがとう」のチケット（{}）", yen(Lang::Ja, value)),
                        (Lang::En, Some(f)) => format!("A thank-you ticket from {f} ({})", yen(Lang::En, value)),
                        (Lang::En, None) => format!("A thank-you ticket ({})", yen(Lang::En, value)),
                    }}</p>
                    {message.clone().map(|m| view! { <blockquote class="gift-message">{m}</blockquote> })}
                    {move || match (done.with(Option::is_some), known.get()) {
                        (true, _) => None,
                        (false, GiftState::New) => Some(view! {
                            <button type="button" class="button" on:click=accept>{state.t("受け取る", "Accept")}</button>
                        }.into_any()),
                        (false, GiftState::AlreadyReceived) => Some(view! {
                            <p class="notice notice--ok" role="status" data-testid="gift-known">{state.t(
                                "受け取り済みです。このチケットはもうあなたのウォレットにあります。",
                                "Already received: this ticket is in your wallet.",
                            )}</p>
                            <p><a class="button" href=state.link(Route::Wallet)>{state.tr("ウォレットを見る", "Open the wallet")}</a></p>
                        }.into_any()),
                        (false, GiftState::GivenByMe) => Some(view! {
                            <p class="notice" role="status" data-testid="gift-known">{state.t(
                                "これはあなたが渡したチケットです。相手のスマホで開いてもらってください。",
                                "This is a ticket you gave away: let the receiver open it on their phone.",
                            )}</p>
                        }.into_any()),
                    }}
                </div>
            }
            .into_any()
        }
        Ok(Scanned::Ticket(ticket)) => {
            // Viewing is all this page does with a plain ticket: handled at once.
            forget_payload();
            let body = Some(*ticket.body());
            let verdict = move || {
                let (keys, used) = crate::ui::trust::TrustState::expect().trust.with(|t| (t.keys().clone(), t.used().clone()));
                (!keys.is_empty()).then(|| verify_ticket(&ticket, &keys, policy(), today(), &used))
            };
            view! {
                {move || match verdict() {
                    None => view! { <p class="notice notice--warn">{state.tr("鍵の情報がまだありません。", "No key list yet.")}</p> }.into_any(),
                    Some(v) => {
                        let (title, detail) = verdict_text(state.lang.get(), &v);
                        view! {
                            <div class="verdict" data-state=if v.is_valid() { "valid" } else { "invalid" } role="status" data-testid="verdict">
                                <p class="verdict__title">{title}</p>
                                <p>{detail}</p>
                            </div>
                        }.into_any()
                    }
                }}
                {body.map(|b| view! {
                    <p class="card__meta">
                        {move || yen(state.lang.get(), b.face_value().0)} " · "
                        {move || format!("{} {}", state.tr("期限", "Until"), date(state.lang.get(), b.valid_until()))}
                    </p>
                })}
                <p data-testid="ticket-info">{state.t(
                    "このページはチケットの内容を表示するだけで、何も記録しません。チケットは紙のまま（または持ち主の画面のまま）お店で使えます。",
                    "This page only shows what the ticket is; it records nothing. The ticket is used at the shop as it is (paper, or on its holder's screen).",
                )}</p>
                <p class="muted">{state.t(
                    "お店の方は、この画面ではなく「お店モード」で読み取って確認・記録してください。",
                    "Shops: verify and record it by scanning in shop mode, not on this page.",
                )}</p>
            }
            .into_any()
        }
    };
    let heading = match &route {
        Route::Receive(_) => ("チケットを受け取る", "Receive tickets"),
        Route::Gift(_) => ("チケットが届きました", "You received a ticket"),
        _ => ("チケットの確認", "Check a ticket"),
    };
    view! {
        <section class="page">
            <h1>{state.t(heading.0, heading.1)}</h1>
            <crate::ui::components::trust_notice::TrustNotice/>
            {body}
            {move || done.get().map(|(ok, m)| view! {
                <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="receive-result">{m}</p>
                <p><a class="button" href=state.link(Route::Wallet)>{state.tr("ウォレットを見る", "Open the wallet")}</a></p>
            })}
        </section>
    }
    .into_any()
}

/// Once a payload link is handled, the tickets it carries leave the browser's history: the
/// entry's address becomes the wallet's (the screen stays as it is). The marker keeps it
/// different from the wallet's own link, so following that link still changes the screen.
fn forget_payload() {
    let _ = crate::platform::history::replace(&format!("{}?handled", Route::Wallet.href()));
}
