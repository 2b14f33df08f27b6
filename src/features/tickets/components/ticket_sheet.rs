//! A full-screen sheet over the wallet: the ticket's QR to show at a till, or the give form
//! that makes a gift QR and link for a coworker.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::ticket::TicketId;
use crate::features::tickets::actions;
use crate::features::tickets::state::wallet;
use crate::platform::{share, wake_lock};
use crate::ui::components::dialog::{Dialog, DialogRole};
use crate::ui::components::qr_code::QrCode;
use crate::ui::focus::{focus_now, focus_soon};
use crate::ui::i18n::{date, yen};
use crate::ui::state::AppState;

/// What the sheet shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetMode {
    /// The ticket's QR to show at a till.
    Qr,
    /// The give form (name, confirm), then the gift's QR and link.
    Give,
    /// The gift already given, shown again to the same person.
    GiftAgain,
}

/// The sheet for ticket `serial`. Escape or the close button calls `on_close`; Tab stays
/// inside the sheet (`Dialog`).
#[component]
pub fn TicketSheet(
    /// The ticket.
    serial: TicketId,
    /// QR, give, or the given gift again.
    mode: SheetMode,
    /// Close the sheet.
    on_close: Callback<()>,
    /// The holder asks to take the gift back (undo): the page closes the sheet and asks.
    on_take_back: Callback<TicketId>,
) -> impl IntoView {
    let state = AppState::expect();
    let Some(entry) = wallet().with_untracked(|w| w.get(serial).cloned()) else {
        return view! { <p role="alert">{state.tr("チケットが見つかりません", "Ticket not found")}</p> }.into_any();
    };
    let ticket = entry.ticket.clone();
    let body = *ticket.body();
    let title_id = "ticket-sheet-title";
    if mode != SheetMode::Give {
        keep_awake();
    }
    let give = Give::new(mode, serial);

    // What the till scans: the bare ticket text, not a link (a phone camera opens no page).
    let qr_text = ticket.to_text();
    let heading = move || match mode {
        SheetMode::Qr => state.tr("お店で見せてください", "Show this at the shop"),
        SheetMode::Give => state.tr("同僚に渡す", "Give to a coworker"),
        SheetMode::GiftAgain => state.tr("渡したチケットをもう一度見せる", "Show the gift again"),
    };
    let dialog = Dialog {
        role: DialogRole::Dialog,
        class: "sheet",
        labelledby: title_id,
        describedby: None,
        testid: "ticket-sheet",
        focus: "ticket-sheet-close",
        on_close: Box::new(move || on_close.run(())),
    };
    dialog.view(view! {
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
                SheetMode::GiftAgain => gift_view(state, give, serial, mode, on_take_back).into_any(),
                SheetMode::Give => view! {
                    <Show
                        when=move || give.gift_link.with(Option::is_some)
                        fallback=move || give_form(state, give, serial)
                    >
                        {gift_view(state, give, serial, mode, on_take_back)}
                    </Show>
                }.into_any(),
            }}
    })
    .into_any()
}

/// Keep the screen awake while the sheet is open, where the browser allows it.
fn keep_awake() {
    let sentinel = StoredValue::new_local(None::<wasm_bindgen::JsValue>);
    leptos::task::spawn_local(async move {
        let s = wake_lock::acquire().await;
        sentinel.set_value(s);
    });
    on_cleanup(move || {
        if let Some(s) = sentinel.try_get_value().flatten() {
            wake_lock::release(&s);
        }
    });
}

/// The give form's fields and what came of it (signal handles only, so it is Copy).
#[derive(Clone, Copy)]
struct Give {
    to: RwSignal<String>,
    from_name: RwSignal<String>,
    message: RwSignal<String>,
    /// The gift's link, once given (at once when the gift is shown again).
    gift_link: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
    confirming: RwSignal<bool>,
    /// How sharing the link went.
    shared: RwSignal<Option<&'static str>>,
}

impl Give {
    fn new(mode: SheetMode, serial: TicketId) -> Self {
        let initial_link = (mode == SheetMode::GiftAgain)
            .then(|| actions::gift_link_again(serial))
            .flatten();
        Give {
            to: RwSignal::new(String::new()),
            from_name: RwSignal::new(String::new()),
            message: RwSignal::new(String::new()),
            gift_link: RwSignal::new(initial_link),
            error: RwSignal::new(None::<String>),
            confirming: RwSignal::new(false),
            shared: RwSignal::new(None::<&'static str>),
        }
    }
}

/// The warning that a gift is for one person.
fn one_person(state: AppState) -> impl IntoView {
    view! {
        <p class="field__hint">{state.t(
            "このQRとリンクは渡す相手ひとりのためのものです。ほかの人には送らないでください。2人が受け取ると、先にお店で使った人のものになります。前に撮ったこのチケットのスクリーンショットは、相手が使うまでお店で使えてしまいます。残っていたら消してください。",
            "This QR and link are for one person only. Do not send them to anyone else: if two people receive it, it belongs to whoever uses it first at a shop. An earlier screenshot of this ticket still works at a shop until your coworker uses it: delete any you have.",
        )}</p>
    }
}

/// The gift: its QR and link, sharing the link, and the undo.
fn gift_view(
    state: AppState,
    g: Give,
    serial: TicketId,
    mode: SheetMode,
    on_take_back: Callback<TicketId>,
) -> impl IntoView {
    let share_gift = move |_| {
        if let Some(link) = g.gift_link.get_untracked() {
            let title = state.tr("すみまセンエン チケット", "すみまセンエン ticket");
            leptos::task::spawn_local(async move {
                let result = share::share_or_copy(title, "", &link).await;
                g.shared.set(Some(match result {
                    Ok(share::ShareOutcome::Shared) => "sheet",
                    Ok(share::ShareOutcome::Copied) => "copied",
                    Ok(share::ShareOutcome::Cancelled) => "cancelled",
                    Err(_) => "failed",
                }));
            });
        }
    };
    view! {
        {(mode == SheetMode::Give).then(|| view! {
            <p class="notice notice--ok" role="status">{state.t(
                "このチケットは「渡しました」になりました。相手のスマホでこのQRを読み取るか、リンクを送ってください。",
                "This ticket is now marked as given. Let your coworker scan this QR with their phone, or send them the link.",
            )}</p>
        })}
        {move || g.gift_link.get().map(|link| view! {
            <div class="sheet__qr" data-testid="gift-qr">
                <QrCode text=link.clone() label=state.tr("渡すチケットのQRコード", "QR code of the gift").to_string()/>
            </div>
            <p class="gift-link"><a href=link.clone() data-testid="gift-link">{state.tr("渡すリンク", "Gift link")}</a></p>
        })}
        {one_person(state)}
        <button id="gift-share" type="button" class="button button--wide" on:click=share_gift>{state.t("リンクを送る・コピー", "Share or copy the link")}</button>
        {move || g.shared.get().map(|s| view! {
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
        // Undo of the gift: the wallet page asks first (what it can and cannot undo).
        <button type="button" class="button button--wide button--danger" on:click=move |_| on_take_back.run(serial)>
            {state.t("渡すのを取り消す", "Undo the gift")}
        </button>
    }
}

/// The give form: step 1 the names and message, step 2 the confirmation that gives.
fn give_form(state: AppState, g: Give, serial: TicketId) -> impl IntoView {
    let Give {
        to,
        from_name,
        message,
        error,
        confirming,
        ..
    } = g;
    // Step 1: the form. A name is required (checked by the wallet's rule), then confirm.
    let ask_confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if to.get_untracked().trim().is_empty() {
            error.set(Some(
                state
                    .tr(
                        "渡す相手の名前を入れてください（あなたの控え用です）。",
                        "Enter the name of the person you give it to (for your own record).",
                    )
                    .to_string(),
            ));
            focus_now("give-to");
            return;
        }
        error.set(None);
        confirming.set(true);
        focus_soon("give-confirm");
    };
    // Step 2: confirmed — the ticket is given and the gift's QR and link appear.
    let do_give = move |_| {
        match actions::give(
            state,
            serial,
            &to.get_untracked(),
            &from_name.get_untracked(),
            &message.get_untracked(),
        ) {
            Ok(link) => {
                g.gift_link.set(Some(link));
                error.set(None);
                // The form (and its focused 渡す button) is replaced by the gift: the focus
                // goes to the gift's next step, inside the sheet, not to the page.
                crate::ui::focus::focus_soon("gift-share");
            }
            Err(outcome) => error.set(Some(outcome.message)),
        }
        confirming.set(false);
    };
    view! {
        <form class="give-form" on:submit=ask_confirm novalidate>
            <div class="field">
                <label class="field__label" for="give-to">{state.t("渡す相手（必須・あなたの控え用）", "To (required, for your own record)")}</label>
                <input id="give-to" class="input" type="text" maxlength="40" autocomplete="off" aria-required="true"
                    prop:value=move || to.get() on:input=move |ev| { to.set(event_target_value(&ev)); confirming.set(false); }/>
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
            {one_person(state)}
            {move || error.get().map(|e| view! { <p class="notice notice--danger" role="alert" data-testid="give-error">{e}</p> })}
            <Show
                when=move || confirming.get()
                fallback=move || view! {
                    <button type="submit" class="button button--wide">{state.t("次へ（確認）", "Next (confirm)")}</button>
                }
            >
                <div class="card" role="group" aria-labelledby="give-confirm-text">
                    <p id="give-confirm-text">{move || match state.lang.get() {
                        Lang::Ja => format!("「{}」に渡しますか？渡すと、このチケットはあなたのウォレットでは使えなくなります。", to.get().trim()),
                        Lang::En => format!("Give it to {}? You will no longer be able to use it yourself.", to.get().trim()),
                    }}</p>
                    <div class="button-row">
                        <button id="give-confirm" type="button" class="button" on:click=do_give>{state.t("渡す", "Give")}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>{state.t("戻る", "Back")}</button>
                    </div>
                </div>
            </Show>
        </form>
    }
}
