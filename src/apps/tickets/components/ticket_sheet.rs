//! A full-screen sheet over the wallet: the ticket's QR to show at a till, or the give form
//! that makes a gift QR and link for a coworker.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::bundle::Gift;
use crate::domain::tickets::ticket::TicketId;
use crate::platform::{clock, share, wake_lock};
use crate::ui::components::qr_code::QrCode;
use crate::ui::i18n::{date, yen};
use crate::ui::state::AppState;
use crate::ui::tickets::app_base;

/// What the sheet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetMode {
    Qr,
    Give,
}

fn focus_by_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The sheet for ticket `serial`. Escape or the close button calls `on_close`.
#[component]
pub fn TicketSheet(
    /// The ticket.
    serial: TicketId,
    /// QR or give.
    mode: SheetMode,
    /// Close the sheet.
    on_close: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    let Some(entry) = state.wallet.with_untracked(|w| w.get(serial).cloned()) else {
        return view! { <p role="alert">{state.tr("チケットが見つかりません", "Ticket not found")}</p> }.into_any();
    };
    let ticket = entry.ticket.clone();
    let body = *ticket.body();
    let title_id = "ticket-sheet-title";

    // Keep the screen awake while the sheet is open, where the browser allows it.
    let sentinel = StoredValue::new_local(None::<wasm_bindgen::JsValue>);
    if mode == SheetMode::Qr {
        leptos::task::spawn_local(async move {
            let s = wake_lock::acquire().await;
            sentinel.set_value(s);
        });
    }
    on_cleanup(move || {
        if let Some(s) = sentinel.try_get_value().flatten() {
            wake_lock::release(&s);
        }
    });
    request_animation_frame(|| focus_by_id("ticket-sheet-close"));

    let on_key = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    };

    let to = RwSignal::new(String::new());
    let from_name = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let gift_link = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let shared = RwSignal::new(None::<&'static str>);
    let ticket_for_gift = StoredValue::new(ticket.clone());
    let make_gift = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let to_v = Some(to.get_untracked().trim().to_string()).filter(|s| !s.is_empty());
        let msg_v = Some(message.get_untracked().trim().to_string()).filter(|s| !s.is_empty());
        let from = Some(from_name.get_untracked().trim().to_string()).filter(|s| !s.is_empty());
        match Gift::new(ticket_for_gift.get_value(), from, msg_v.clone()) {
            Ok(gift) => {
                let link = gift.to_link(&app_base());
                let now = clock::now();
                let result = state
                    .wallet
                    .try_update(|w| w.mark_given(serial, to_v, msg_v, now));
                match result {
                    Some(Ok(())) => {
                        gift_link.set(Some(link));
                        error.set(None);
                    }
                    Some(Err(e)) => error.set(Some(e.to_string())),
                    None => {}
                }
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    let share_gift = move |_| {
        if let Some(link) = gift_link.get_untracked() {
            let title = state.tr("すみまセンエン チケット", "すみまセンエン ticket");
            leptos::task::spawn_local(async move {
                let result = share::share_or_copy(title, "", &link).await;
                shared.set(Some(match result {
                    Ok(share::ShareOutcome::Shared) => "sheet",
                    Ok(share::ShareOutcome::Copied) => "copied",
                    Ok(share::ShareOutcome::Cancelled) => "cancelled",
                    Err(_) => "failed",
                }));
            });
        }
    };

    let qr_text = ticket.to_link(&app_base());
    let heading = move || match mode {
        SheetMode::Qr => state.tr("お店で見せてください", "Show this at the shop"),
        SheetMode::Give => state.tr("同僚に渡す", "Give to a coworker"),
    };
    view! {
        <div class="sheet" role="dialog" aria-modal="true" aria-labelledby=title_id on:keydown=on_key data-testid="ticket-sheet">
            <div class="sheet__bar">
                <h2 id=title_id class="sheet__title">{heading}</h2>
                <button id="ticket-sheet-close" type="button" class="button button--small button--secondary" on:click=move |_| on_close.run(())>
                    {state.t("閉じる", "Close")}
                </button>
            </div>
            <p class="sheet__meta">
                {move || yen(state.lang.get(), body.face_value().0)}
                " · " {state.t("番号", "No.")} " " {serial.to_string()}
                " · " {move || format!("{} {}", state.tr("期限", "Until"), date(state.lang.get(), body.valid_until()))}
                {body.is_demo_flagged().then(|| view! { " " <span class="badge badge--demo">{state.t("見本", "DEMO")}</span> })}
            </p>
            {match mode {
                SheetMode::Qr => view! {
                    <div class="sheet__qr" data-testid="ticket-qr" data-ticket=ticket.to_text()>
                        <QrCode text=qr_text label=format!("QR {}", serial)/>
                    </div>
                    <p class="sheet__hint">{state.t(
                        "画面を明るくして、お店の人に読み取ってもらってください。",
                        "Turn up the brightness and let the shop scan it.",
                    )}</p>
                }.into_any(),
                SheetMode::Give => view! {
                    <Show
                        when=move || gift_link.with(Option::is_some)
                        fallback=move || view! {
                            <form class="give-form" on:submit=make_gift>
                                <div class="field">
                                    <label class="field__label" for="give-to">{state.t("渡す相手（あなたの控え用）", "To (for your own record)")}</label>
                                    <input id="give-to" class="input" type="text" maxlength="40" autocomplete="off"
                                        prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                                </div>
                                <div class="field">
                                    <label class="field__label" for="give-from">{state.t("あなたの名前（相手に表示）", "Your name (shown to the receiver)")}</label>
                                    <input id="give-from" class="input" type="text" maxlength="40" autocomplete="name"
                                        prop:value=move || from_name.get() on:input=move |ev| from_name.set(event_target_value(&ev))/>
                                </div>
                                <div class="field">
                                    <label class="field__label" for="give-message">{state.t("ひとことメッセージ", "A short thank-you message")}</label>
                                    <textarea id="give-message" class="textarea" maxlength="140"
                                        prop:value=move || message.get() on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                                    <p class="field__hint">{state.t("140文字まで。相手の画面に表示されます。", "Up to 140 characters. Shown to the receiver.")}</p>
                                </div>
                                {move || error.get().map(|e| view! { <p class="notice notice--danger" role="alert">{e}</p> })}
                                <button type="submit" class="button button--wide">{state.t("渡す（QRとリンクを作る）", "Give (make QR and link)")}</button>
                            </form>
                        }
                    >
                        <p class="notice notice--ok" role="status">{state.t(
                            "このチケットは「渡しました」になりました。相手のスマホでこのQRを読み取るか、リンクを送ってください。",
                            "This ticket is now marked as given. Let your coworker scan this QR with their phone, or send them the link.",
                        )}</p>
                        {move || gift_link.get().map(|link| view! {
                            <div class="sheet__qr" data-testid="gift-qr">
                                <QrCode text=link.clone() label=state.tr("贈るチケットのQRコード", "QR code of the gift").to_string()/>
                            </div>
                            <p class="gift-link"><a href=link.clone() data-testid="gift-link">{state.tr("贈るリンク", "Gift link")}</a></p>
                        })}
                        <button type="button" class="button button--wide" on:click=share_gift>{state.t("リンクを送る・コピー", "Share or copy the link")}</button>
                        {move || shared.get().map(|s| view! {
                            <p role="status">{match (s, state.lang.get()) {
                                ("copied", Lang::Ja) => "リンクをコピーしました。",
                                ("copied", Lang::En) => "Link copied.",
                                ("sheet", Lang::Ja) => "共有しました。",
                                ("sheet", Lang::En) => "Shared.",
                                ("cancelled", Lang::Ja) => "共有をやめました。",
                                ("cancelled", Lang::En) => "Sharing cancelled.",
                                (_, Lang::Ja) => "共有もコピーもできませんでした。QRを読み取ってもらってください。",
                                (_, Lang::En) => "Could not share or copy. Please let them scan the QR.",
                            }}</p>
                        })}
                    </Show>
                }.into_any(),
            }}
        </div>
    }
    .into_any()
}
