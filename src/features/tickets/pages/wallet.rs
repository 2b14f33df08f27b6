//! The ticket wallet: balance, tickets soonest-expiry first, receive, give, back up.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::ticket::TicketId;
use crate::domain::tickets::holder::wallet::WalletEntry;
use crate::features::tickets::actions;
use crate::features::tickets::components::balance_summary::BalanceSummary;
use crate::features::tickets::components::receive_box::ReceiveBox;
use crate::features::tickets::components::ticket_card::{TicketAction, TicketCard};
use crate::features::tickets::components::ticket_sheet::{SheetMode, TicketSheet};
use crate::features::tickets::state::wallet;
use crate::platform::history;
use crate::site::routes::Route;
use crate::ui::components::dialog::{remember_opener, Dialog, DialogRole};
use crate::ui::state::AppState;

/// The tickets in four lists: usable (soonest expiry first), then, folded, given, used or
/// expired, and moved (latest expiry first).
type Groups = Memo<[Vec<WalletEntry>; 4]>;

/// The wallet page.
#[component]
pub fn WalletPage() -> impl IntoView {
    let state = AppState::expect();
    let sheet = RwSignal::new(None::<(TicketId, SheetMode)>);
    let notice = RwSignal::new(None::<(bool, String)>);
    // What the confirm dialog asks, if open.
    let ask = RwSignal::new(None::<Ask>);
    let ask_now = move |a: Ask| ask.set(Some(a));

    let open_sheet = move |s: TicketId, mode: SheetMode| {
        // Back closes the sheet rather than leaving the wallet.
        let _ = history::push_sheet();
        sheet.set(Some((s, mode)));
    };
    let on_action = Callback::new(move |action: TicketAction| {
        // Focus returns there when the sheet or dialog closes (the question after a sheet
        // returns it where the sheet was opened from).
        remember_opener();
        match action {
            TicketAction::ShowQr(s) => open_sheet(s, SheetMode::Qr),
            TicketAction::Give(s) => open_sheet(s, SheetMode::Give),
            TicketAction::GiftAgain(s) => open_sheet(s, SheetMode::GiftAgain),
            TicketAction::MarkUsed(s) => ask_now(Ask::Used(s, false)),
        }
    });
    // Closing a ticket's QR asks whether it was used (she may forget to mark it).
    let after_close = move |closed: Option<(TicketId, SheetMode)>| {
        if let Some((serial, SheetMode::Qr)) = closed {
            ask_now(Ask::Used(serial, true));
        }
    };
    let close_sheet = Callback::new(move |_| {
        let closed = sheet.get_untracked();
        sheet.set(None);
        if history::is_sheet_state() {
            history::back();
        }
        after_close(closed);
    });
    // The Back button while a sheet is open: the sheet's history entry is gone; close it.
    let back = window_event_listener(leptos::ev::popstate, move |_| {
        if let Some(closed) = sheet.get_untracked() {
            if !history::is_sheet_state() {
                sheet.set(None);
                after_close(Some(closed));
            }
        }
    });
    on_cleanup(move || back.remove());
    // Undo of a gift: the sheet closes and the dialog asks (focus returns to the opener).
    let take_back = Callback::new(move |serial: TicketId| {
        sheet.set(None);
        if history::is_sheet_state() {
            history::back();
        }
        ask_now(Ask::TakeBack(serial));
    });

    let grouped: Groups = Memo::new(move |_| {
        let today = crate::ui::tickets::today();
        crate::ui::tickets::with_used(|used| {
            wallet().with(|w| {
                w.grouped(today, used)
                    .map(|g| g.into_iter().cloned().collect::<Vec<WalletEntry>>())
            })
        })
    });
    view! {
        <section class="page wallet">
            <h1>{state.t("すみまセンエン チケット", "すみまセンエン tickets")}</h1>
            <p>{state.t(
                "育休から復帰した方に届く「ありがとう」のチケットです。協力してくれた同僚に、感謝の気持ちとして渡せます。受け取った人は、こそだてっぴー認定企業のお店で使えます。",
                "Thank-you tickets for people back from childcare leave, to give to coworkers who covered for them. They can be used at certified shops.",
            )}</p>
            <crate::ui::components::trust_notice::TrustNotice/>
            <BalanceSummary/>
            {move || notice.get().map(|(ok, m)| view! {
                <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="wallet-notice">{m}</p>
            })}
            {demo_month(state, notice)}
            {ticket_groups(state, grouped, on_action)}
            <ReceiveBox/>
            {links(state)}
            {confirm_dialog(state, ask, notice)}
            {move || sheet.get().map(|(serial, mode)| view! {
                <TicketSheet serial=serial mode=mode on_close=close_sheet on_take_back=take_back/>
            })}
        </section>
    }
}

/// The demo feed's card: load a month of demo tickets.
fn demo_month(state: AppState, notice: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let is_demo_feed = move || {
        state
            .feed
            .with(|f| f.feed.as_ref().is_some_and(|feed| feed.meta.demo))
    };
    let load_demo_month = move |_| {
        let outcome = actions::load_demo_month(state);
        notice.set(Some((outcome.ok, outcome.message)));
    };
    view! {
        <Show when=is_demo_feed>
            <div class="card">
                <p>{state.t(
                    "見本モード：試しに今月分（見本）のチケット20枚を受け取れます。見本のチケットは本番では使えません。",
                    "Demo mode: try it with this month's 20 demo tickets. Demo tickets are not valid for real.",
                )}</p>
                <button type="button" class="button" on:click=load_demo_month>{state.t("見本の1か月分を受け取る", "Load a demo month")}</button>
            </div>
        </Show>
    }
}

/// The ticket list: the usable tickets, then the folded groups.
fn ticket_groups(
    state: AppState,
    grouped: Groups,
    on_action: Callback<TicketAction>,
) -> impl IntoView {
    view! {
        <h2 id="tickets-title">{state.t("チケット一覧", "Your tickets")}</h2>
        <button type="button" class="skip-link" on:click=move |_| crate::ui::shell::focus_soon("receive-title")>
            {state.t("チケット一覧をとばす", "Skip the ticket list")}
        </button>
        <Show
            when=move || grouped.with(|g| g.iter().any(|l| !l.is_empty()))
            fallback=move || view! { <p class="muted">{state.t("まだチケットがありません。", "No tickets yet.")}</p> }
        >
            <Show when=move || { grouped.with(|g| g[0].len()) > 0 }>
                {ticket_list(grouped, on_action, 0, state.tr("使えるチケット（期限の近い順）", "Usable tickets, soonest expiry first"), RwSignal::new(usize::MAX))}
            </Show>
            {fold(state, grouped, on_action, 1, "given-group", ("渡したチケット", "Given away"))}
            {fold(state, grouped, on_action, 2, "done-group", ("使用済み・期限切れ", "Used or expired"))}
            {fold(state, grouped, on_action, 3, "moved-group", ("新しい端末に移しました", "Moved to your new phone"))}
        </Show>
    }
}

/// Group `i`'s first `shown` tickets.
fn ticket_list(
    grouped: Groups,
    on_action: Callback<TicketAction>,
    i: usize,
    label: &'static str,
    shown: RwSignal<usize>,
) -> impl IntoView {
    view! {
        <ul class="ticket-list" aria-label=label>
            <For
                each=move || grouped.with(|g| g[i].iter().take(shown.get()).cloned().collect::<Vec<_>>())
                key=|e| (e.id(), e.state.clone())
                children=move |entry| view! { <TicketCard entry=entry on_action=on_action/> }
            />
        </ul>
    }
}

/// A folded group (given, used or expired, moved): its cards are built when it is first
/// opened, `FOLD_PAGE` at a time. Three years of tickets are mostly here: building ~700
/// cards that nobody asked to see doubled the wallet's opening time, and building them
/// all on opening took 200 ms. The click on the summary comes before the browser opens
/// the group, so the first cards are there when it is drawn.
fn fold(
    state: AppState,
    grouped: Groups,
    on_action: Callback<TicketAction>,
    i: usize,
    id: &'static str,
    (ja, en): (&'static str, &'static str),
) -> impl IntoView {
    let count = move || grouped.with(|g| g[i].len());
    // `opened` apart from `shown`: the list is built once, not again with each page.
    let opened = RwSignal::new(false);
    let shown = RwSignal::new(FOLD_PAGE);
    let left = move || count().saturating_sub(shown.get());
    let more = move |_| {
        shown.update(|n| *n += FOLD_PAGE);
        if left() == 0 {
            // The button is gone: focus goes back to the group's heading.
            crate::ui::shell::focus_soon(id);
        }
    };
    view! {
        <Show when=move || { count() > 0 }>
            <details class="ticket-group" data-testid=id>
                <summary id=id on:click=move |_| opened.set(true)>
                    {move || match state.lang.get() {
                        Lang::Ja => format!("{ja}（{}枚）", count()),
                        Lang::En => format!("{en} ({})", count()),
                    }}
                </summary>
                {move || opened.get().then(|| ticket_list(grouped, on_action, i, state.tr(ja, en), shown))}
                <button type="button" class="button button--secondary" on:click=more data-testid="show-more"
                    hidden=move || !opened.get() || left() == 0>
                    {move || match state.lang.get() {
                        Lang::Ja => format!("さらに表示（残り{}枚）", left()),
                        Lang::En => format!("Show more ({} left)", left()),
                    }}
                </button>
            </details>
        </Show>
    }
}

/// The links at the end: where to use the tickets, and the backup page.
fn links(state: AppState) -> impl IntoView {
    view! {
        <h2>{state.t("使えるお店", "Where to use them")}</h2>
        <p><a class="button button--secondary" href=state.link(Route::Shops)>{state.t("こそだてっぴー認定企業を探す", "Find certified shops")}</a></p>

        <h2>{state.t("控え・機種変更", "Backup, new phone")}</h2>
        <p>{state.t(
            "チケットは、このスマホのこのブラウザの中にだけ保存されています。データ消去に備えて控えを書き出せます。機種変更のときは、新しい端末にチケットを移せます。",
            "Tickets are stored only in this browser on this phone. Export a backup in case you change phones or clear data.",
        )}</p>
        <p><a class="button button--secondary" href=state.link(Route::Backup)>{state.t("控え・機種変更・ありがとうの記録", "Backup, new phone, thank-you log")}</a></p>
    }
}

/// The wallet's one confirm dialog, open while `ask` holds a question.
fn confirm_dialog(
    state: AppState,
    ask: RwSignal<Option<Ask>>,
    notice: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let close_confirm = move || ask.set(None);
    // 「取り消さない」 on an undo: the coworker has it (or she is not sure), so it stays theirs.
    let do_no = move || {
        if let Some(Ask::TakeBack(_)) = ask.get_untracked() {
            notice.set(Some((
                true,
                state
                    .t(
                        "取り消しませんでした。このチケットは渡した相手のものです。",
                        "Not undone: the ticket stays with the person you gave it to.",
                    )
                    .to_string(),
            )));
        }
        close_confirm();
    };
    let do_yes = move |_| {
        let outcome = match ask.get_untracked() {
            Some(Ask::Used(serial, _)) => actions::mark_used(state, serial),
            Some(Ask::TakeBack(serial)) => Some(actions::take_back(state, serial)),
            None => None,
        };
        if let Some(outcome) = outcome {
            notice.set(Some((outcome.ok, outcome.message)));
        }
        close_confirm();
    };
    move || {
        ask.get().map(|a| {
        let (title, text, yes, no, testid) = ask_text(state, a);
        // The safe answer has the focus (Enter or Esc changes nothing): 「いいえ、まだ」
        // after a QR, 「取り消さない」 for an undo.
        let dialog = Dialog {
            role: DialogRole::AlertDialog,
            class: "sheet sheet--small",
            labelledby: "confirm-title",
            describedby: Some("confirm-text"),
            testid,
            focus: "confirm-no",
            on_close: Box::new(close_confirm),
        };
        dialog.view(view! {
                <h2 id="confirm-title" class="sheet__title">{title}</h2>
                <p id="confirm-text">{text}</p>
                <div class="button-row">
                    <button id="confirm-yes" type="button" class="button" on:click=do_yes>{yes}</button>
                    <button id="confirm-no" type="button" class="button button--secondary" on:click=move |_| do_no()>{no}</button>
                </div>
        })
    })
    }
}

/// How many tickets a folded group shows when opened, and each "show more" adds.
const FOLD_PAGE: usize = 50;

/// What the wallet's one confirm dialog asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// Mark this ticket used; `true` when the question follows its shown QR.
    Used(TicketId, bool),
    /// Take this given ticket back (undo of a gift).
    TakeBack(TicketId),
}

/// The dialog's title, text, yes and no buttons, and test id for `ask`.
fn ask_text(
    state: AppState,
    ask: Ask,
) -> (
    &'static str,
    String,
    &'static str,
    &'static str,
    &'static str,
) {
    let t = |ja, en| state.tr(ja, en);
    match ask {
        Ask::Used(serial, after_qr) => (
            if after_qr { t("使いましたか？", "Did you use it?") } else { t("使用済みにしますか？", "Mark as used?") },
            format!("{} {serial} {}", t("番号", "No."), t("（使用済みにすると元に戻せません）", "(this cannot be undone)")),
            if after_qr { t("はい、使いました", "Yes, I used it") } else { t("使用済みにする", "Mark used") },
            if after_qr { t("いいえ、まだ使っていません", "No, not yet") } else { t("やめる", "Cancel") },
            "confirm-used",
        ),
        Ask::TakeBack(serial) => (
            t("相手はもう受け取りましたか？", "Has your coworker received it?"),
            format!("{} {serial}: {}", t("番号", "No."), t(
                "まだ受け取っていなければ、取り消すとこのスマホでまた使えます。もう受け取っていたら取り消さないでください。2人とも同じチケットを持つことになり、先にお店で使った人のものになります。",
                "if not yet, undoing makes it usable on this phone again. If they have it, do not undo: you would both hold the same ticket, and it belongs to whoever uses it first at a shop.",
            )),
            t("まだ受け取っていない（取り消す）", "Not yet (undo)"),
            t("受け取った・わからない（取り消さない）", "Received or not sure (keep it given)"),
            "undo-gift",
        ),
    }
}
