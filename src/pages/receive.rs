//! Links and scans that carry tickets: a month's bundle from the office, a gift from a
//! coworker, or a single ticket to check (what a phone camera opens from a ticket QR).

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::bundle::{parse_scanned, Bundle, Scanned};
use crate::domain::tickets::ticket::verify_ticket;
use crate::i18n::{date, yen};
use crate::platform::clock;
use crate::routes::Route;
use crate::state::AppState;
use crate::ticket_ui::{policy, today, verdict_text};

/// The page for `#/receive/…`, `#/gift/…` and `#/t/…`.
#[component]
pub fn ReceivePage(
    /// The route (one of Receive, Gift, Ticket).
    route: Route,
) -> impl IntoView {
    let state = AppState::expect();
    let parsed = parse_scanned(&route.href());
    let done = RwSignal::new(None::<(bool, String)>);

    let body = match parsed {
        Err(e) => view! {
            <p class="notice notice--danger" role="alert">
                {state.t("このリンクは読み取れませんでした。", "This link could not be read.")} " (" {e.to_string()} ")"
            </p>
        }
        .into_any(),
        Ok(Scanned::Bundle(bundle)) => {
            let count = bundle.tickets().len();
            let total: u64 = bundle.tickets().iter().map(|t| t.body().face_value().0).sum();
            let accept = move |_| {
                let Some(feed) = state.feed() else {
                    done.set(Some((false, state.tr("鍵の情報がまだありません。接続して開き直してください。", "No key list yet: open the app online first.").into())));
                    return;
                };
                let now = clock::now();
                let r = state.wallet.try_update(|w| w.add_bundle(&bundle, feed.sections.key_set(), policy(), now)).unwrap_or_default();
                done.set(Some((r.rejected.is_empty(), match state.lang.get_untracked() {
                    Lang::Ja => format!("{}枚を受け取りました（受け取り済み {}枚、使えないもの {}枚）。", r.added, r.duplicates, r.rejected.len()),
                    Lang::En => format!("Received {} tickets ({} already here, {} refused).", r.added, r.duplicates, r.rejected.len()),
                })));
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
            let accept = move |_| {
                let Some(feed) = state.feed() else {
                    done.set(Some((false, state.tr("鍵の情報がまだありません。接続して開き直してください。", "No key list yet: open the app online first.").into())));
                    return;
                };
                let now = clock::now();
                match state.wallet.try_update(|w| w.receive_gift(&gift, feed.sections.key_set(), policy(), now)) {
                    Some(Ok(_)) => done.set(Some((true, state.tr("ウォレットに入れました。", "Added to your wallet.").into()))),
                    Some(Err(e)) => done.set(Some((false, e.to_string()))),
                    None => {}
                }
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
                    <button type="button" class="button" on:click=accept>{state.t("受け取る", "Accept")}</button>
                </div>
            }
            .into_any()
        }
        Ok(Scanned::Ticket(ticket)) => {
            let body = Some(*ticket.body());
            let in_wallet = {
                let serial = ticket.body().id();
                move || state.wallet.with(|w| w.get(serial).is_some())
            };
            let single = StoredValue::new(ticket.clone());
            // A ticket from a printed sheet of the office's QR codes: add it to this wallet.
            let add = move |_| {
                let Some(feed) = state.feed() else {
                    return;
                };
                let now = clock::now();
                let result = Bundle::new(vec![single.get_value()]).map(|bundle| {
                    state
                        .wallet
                        .try_update(|w| w.add_bundle(&bundle, feed.sections.key_set(), policy(), now))
                        .unwrap_or_default()
                });
                done.set(Some(match result {
                    Ok(r) if r.added == 1 => (true, state.t("ウォレットに入れました。", "Added to your wallet.").to_string()),
                    Ok(r) if r.duplicates == 1 => (true, state.t("すでにウォレットにあります。", "Already in your wallet.").to_string()),
                    Ok(r) => (false, r.rejected.first().map(|(_, v)| verdict_text(state.lang.get_untracked(), v).0).unwrap_or_default()),
                    Err(e) => (false, e.to_string()),
                }));
            };
            let verdict = move || {
                let feed = state.feed()?;
                let used = crate::domain::tickets::keys::root_key(crate::app::PRODUCTION)
                    .map(|root| feed.sections.used_set(&root))
                    .unwrap_or_default();
                Some(verify_ticket(&ticket, feed.sections.key_set(), policy(), today(), &used))
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
                <Show when=move || !in_wallet()>
                    <button type="button" class="button" on:click=add>{state.t("自分のウォレットに入れる", "Add to my wallet")}</button>
                </Show>
                <p class="muted">{state.t(
                    "お店の方は「お店モード」で読み取って利用を記録してください。",
                    "Shops: scan it in shop mode to record the redemption.",
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
            {body}
            {move || done.get().map(|(ok, m)| view! {
                <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="receive-result">{m}</p>
                <p><a class="button" href=state.link(Route::Wallet)>{state.tr("ウォレットを見る", "Open the wallet")}</a></p>
            })}
        </section>
    }
}
