//! Links and scans that carry tickets: a month's bundle from the office, a gift from a
//! coworker, or a single ticket to check (what a phone camera opens from a ticket QR).

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::bundle::{
    parse_scanned_keeping_gift, Bundle, Gift, ScanError, Scanned,
};
use crate::domain::tickets::core::ticket::{verify_ticket, Ticket};
use crate::domain::tickets::holder::browser::BrowserInfo;
use crate::domain::tickets::holder::wallet::GiftState;
use crate::features::tickets::actions;
use crate::features::tickets::components::where_tickets_live::{
    this_browser, InAppNotice, WhereTicketsLive,
};
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
        return bare(state).into_any();
    }
    // A gift whose name or message is damaged keeps its intact ticket (`dropped`).
    let parsed = parse_scanned_keeping_gift(&route.href());
    let unreadable = parsed.is_err();
    let done = RwSignal::new(None::<(bool, String)>);
    // Where the tickets will live: in an app's own browser (LINE…), she is asked to open
    // the link in Safari or Chrome first; the receive button waits behind a fold.
    let browser = this_browser();
    let link = crate::platform::share::route_url(&route.href()).unwrap_or_default();

    let body = match parsed {
        Err(e) => unreadable_link(state, &route, e).into_any(),
        Ok((Scanned::Bundle(bundle), _)) => {
            bundle_card(state, bundle, done, browser, link.clone()).into_any()
        }
        Ok((Scanned::Gift(gift), dropped)) => {
            gift_card(state, gift, dropped, done, browser, link.clone()).into_any()
        }
        Ok((Scanned::Ticket(ticket), _)) => ticket_check(state, ticket).into_any(),
    };
    let from_city = matches!(route, Route::Receive(_));
    let heading = match &route {
        _ if unreadable => ("リンクを読み取れませんでした", "The link could not be read"),
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
                {ok.then(|| view! { <WhereTicketsLive browser=browser from_city=from_city link=link.clone()/> })}
                <p><a class="button" href=state.link(Route::Wallet)>{state.tr("ウォレットを見る", "Open the wallet")}</a></p>
            })}
        </section>
    }
    .into_any()
}

/// r.html opened bare: nothing to receive, say where tickets come from.
fn bare(state: AppState) -> impl IntoView {
    view! {
        <section class="page" data-testid="receive-bare">
            <h1>{state.t("チケットを受け取る", "Receive tickets")}</h1>
            <p class="card">{state.t(
                "市から届いたリンクや、同僚から届いた「ありがとう」のリンクを開くと、ここでチケットを受け取れます。",
                "Open a link from the city or a thank-you link from a coworker to receive its tickets here.",
            )}</p>
            <p><a class="button" href=state.link(Route::Wallet)>{state.tr("ウォレットを見る", "Open the wallet")}</a></p>
        </section>
    }
}

/// The receive `button`, or, in an app's own browser, the advice to open the link in the
/// phone's browser with the button behind a fold.
fn guarded(state: AppState, browser: BrowserInfo, link: &str, button: AnyView) -> AnyView {
    if browser.is_in_app() {
        view! {
            <InAppNotice browser=browser link=link.to_string()/>
            <details class="in-app-anyway">
                <summary>{state.t("このまま、ここで受け取る（おすすめしません）", "Receive here anyway (not recommended)")}</summary>
                {button}
            </details>
        }
        .into_any()
    } else {
        button
    }
}

/// A link that could not be read, and what to do next.
fn unreadable_link(state: AppState, route: &Route, e: ScanError) -> impl IntoView {
    // What to do next: a gift comes again from the giver, a month from the city.
    let next = match route {
        Route::Gift(_) => state.t(
            "渡してくれた人に、リンクをもう一度送ってもらってください。その人のスマホに出ているQRコードを、カメラで読み取ることもできます。",
            "Ask the person who gave it to send the link again. You can also scan the QR code on their phone with the camera.",
        ),
        Route::Receive(_) => state.t(
            "市から届いたメッセージを開き、リンクを最後まで押してください（一部だけをコピーすると読み取れません）。",
            "Open the city's message and tap the whole link (a partly copied link cannot be read).",
        ),
        _ => state.t(
            "チケットの持ち主に、QRコードをもう一度見せてもらってください。",
            "Ask the ticket's holder to show its QR code again.",
        ),
    };
    view! {
        <p class="notice notice--danger" role="alert">
            {state.t("このリンクは読み取れませんでした。", "This link could not be read.")} " " {e.wording(state.lang.get_untracked())}
        </p>
        <p data-testid="unreadable-next">{next}</p>
        {matches!(route, Route::Gift(_)).then(|| view! {
            <p><a class="button" href=state.link(Route::Scan)>{state.t("カメラでQRを読み取る", "Scan a QR with the camera")}</a></p>
        })}
    }
}

/// A month's tickets from the city.
fn bundle_card(
    state: AppState,
    bundle: Bundle,
    done: RwSignal<Option<(bool, String)>>,
    browser: BrowserInfo,
    link: String,
) -> impl IntoView {
    let count = bundle.tickets().len();
    let total: u64 = bundle
        .tickets()
        .iter()
        .map(|t| t.body().face_value().0)
        .sum();
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
            {guarded(state, browser, &link, view! {
                <button type="button" class="button" on:click=accept>{state.t("ウォレットに入れる", "Add to my wallet")}</button>
            }.into_any())}
        </div>
    }
}

/// A gift from a coworker: from whom, the message, and whether it is new here.
fn gift_card(
    state: AppState,
    gift: Gift,
    dropped: bool,
    done: RwSignal<Option<(bool, String)>>,
    browser: BrowserInfo,
    link: String,
) -> impl IntoView {
    let from = gift.from.clone();
    let message = gift.message.clone();
    let value = gift.ticket.body().face_value().0;
    let until = gift.ticket.body().valid_until();
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
            // What the coworker needs to use it: until when, and where.
            <p data-testid="gift-use">
                {format!("{} {}", state.t("期限", "Until"), date(state.lang.get_untracked(), until))} " · "
                <a href=state.link(Route::Shops)>{state.t("使えるお店（こそだてっぴー認定企業）", "Where to use it (certified shops)")}</a>
            </p>
            {dropped.then(|| view! {
                <p class="notice notice--warn" data-testid="gift-text-dropped">{state.t(
                    "リンクの一部（名前やメッセージ）が壊れていて読めませんでした。チケットは無事なので、そのまま受け取れます。",
                    "Part of the link (the name or message) is damaged and could not be read. The ticket itself is intact and can be received.",
                )}</p>
            })}
            {move || match (done.with(Option::is_some), known.get()) {
                (true, _) => None,
                (false, GiftState::New) => Some(view! {
                    <p class="muted" data-testid="gift-first-use">{state.t(
                        "同じリンクをほかの人も受け取っていたら、このチケットは先にお店で使った人のものになります。",
                        "If someone else also received this link, the ticket belongs to whoever uses it first at a shop.",
                    )}</p>
                    {guarded(state, browser, &link, view! {
                        <button type="button" class="button" on:click=accept>{state.t("受け取る", "Accept")}</button>
                    }.into_any())}
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
}

/// A single ticket (a phone camera opened its QR): what it is, and that this page only
/// shows it.
fn ticket_check(state: AppState, ticket: Ticket) -> impl IntoView {
    // Viewing is all this page does with a plain ticket: handled at once.
    forget_payload();
    let body = Some(*ticket.body());
    let verdict = move || {
        let (keys, used) = crate::ui::trust::TrustState::expect()
            .trust
            .with(|t| (t.keys().clone(), t.used().clone()));
        (!keys.is_empty()).then(|| verify_ticket(&ticket, &keys, policy(), today(), &used))
    };
    view! {
        {move || match verdict() {
            None => view! { <p class="notice notice--warn">{state.tr("鍵の情報がまだありません。", "No key list yet.")}</p> }.into_any(),
            Some(v) => {
                let (title, detail) = verdict_text(state.lang.get(), &v);
                // The till's verdict grid: an icon column, then the words, which
                // take the rest of the width.
                let (data_state, icon) = if v.is_valid() { ("valid", "✓") } else { ("refused", "✕") };
                view! {
                    <div class="verdict" data-state=data_state role="status" data-testid="verdict">
                        <span class="verdict__icon" aria-hidden="true">{icon}</span>
                        <div class="verdict__body">
                            <p class="verdict__head">{title}</p>
                            <p class="verdict__detail" data-testid="verdict-detail">{detail}</p>
                        </div>
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
}

/// Once a payload link is handled, the tickets it carries leave the browser's history: the
/// entry's address becomes the wallet's (the screen stays as it is). The marker keeps it
/// different from the wallet's own link, so following that link still changes the screen.
fn forget_payload() {
    let _ = crate::platform::history::replace(&format!("{}?handled", Route::Wallet.href()));
}
