//! The backup screen: what a backup is, export (after a confirm) and restore side by side;
//! moving the tickets to a new phone (a transfer file: saved on the old phone after a
//! confirm, which marks them moved there; received on the new one); the expiry reminder
//! (`.ics` with an alarm); the thank-you log.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::holder::reminder::{
    expiry_days, expiry_entry, expiry_ics, EXPIRY_REMINDER_DAYS,
};
use crate::features::tickets::actions;
use crate::features::tickets::components::receive_box::import_chosen_file;
use crate::features::tickets::state::wallet;
use crate::platform::clock;
use crate::site::routes::Route;
use crate::ui::components::add_to_calendar::AddToCalendar;
use crate::ui::components::dialog::{remember_opener_id, Dialog, DialogRole};
use crate::ui::i18n::yen;
use crate::ui::state::AppState;

/// What the page shows after an action (ok, text).
type Message = RwSignal<Option<(bool, String)>>;

/// `b.html#/backup`, and `#/backup/reminder` (`at_reminder`): the same page with the focus
/// (and the view) on the expiry reminder, where the wallet's expiry banner leads.
#[component]
pub fn BackupPage(#[prop(optional)] at_reminder: bool) -> impl IntoView {
    let state = AppState::expect();
    if at_reminder {
        crate::ui::focus::focus_soon("reminder-title");
    }
    let message: Message = RwSignal::new(None::<(bool, String)>);
    // Which confirm dialog is open, if any.
    let asking = RwSignal::new(None::<Ask>);
    view! {
        <section class="page backup">
            {export_restore(state, message, asking)}
            {pending_notice(state, message)}
            {move_section(state, message, asking)}
            {reminder_section(state)}
            <p><a href=state.link(Route::Wallet)>{state.t("ウォレットに戻る", "Back to the wallet")}</a></p>
            {confirm_dialog(state, message, asking)}
            <crate::features::tickets::components::thanks_log::ThanksLog/>
        </section>
    }
}

/// Open the confirm dialog `a`.
fn ask(asking: RwSignal<Option<Ask>>, a: Ask) {
    // Focus returns to the button that opened it, found by id (a browser may not
    // focus the button it clicked).
    remember_opener_id(a.opener());
    asking.set(Some(a));
}

/// What a backup is, with export and restore side by side.
fn export_restore(
    state: AppState,
    message: Message,
    asking: RwSignal<Option<Ask>>,
) -> impl IntoView {
    let count = move || {
        let n = wallet().with(|w| w.len());
        match state.lang.get() {
            Lang::Ja => format!("このスマホのチケット：{n}枚（使用済み・渡したものを含む）"),
            Lang::En => format!("Tickets on this phone: {n} (including used and given ones)"),
        }
    };
    view! {
        <h1>{state.t("控え・機種変更", "Backup and new phone")}</h1>
        <p>{state.t(
            "チケットは、このスマホのこのブラウザの中にだけ保存されています。機種変更やデータ消去に備えて、控えをファイルに書き出しておけます。控えから戻すと、いまのチケットと重複なく合わさります（消えるチケットはありません）。",
            "Your tickets are stored only in this browser on this phone. Export a backup file in case you change phones or clear data. Restoring a backup merges it with the tickets here, without duplicates (nothing is removed).",
        )}</p>
        <p data-testid="backup-count">{count}</p>
        <div class="button-row">
            <button id="export-button" type="button" class="button" on:click=move |_| ask(asking, Ask::Export)>{state.t("控えを書き出す", "Export backup")}</button>
            <label class="button button--secondary file-button">
                {state.t("控えから戻す（ファイルを選ぶ）", "Restore from a backup (choose a file)")}
                <input class="visually-hidden" type="file" accept=".json,application/json"
                    on:change=move |ev| import_chosen_file(state, &ev, message, actions::import_file_or_transfer)/>
            </label>
        </div>
        {move || message.get().map(|(ok, m)| view! {
            <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="backup-message">{m}</p>
        })}
    }
}

/// Changes a file from another wallet would make, waiting for her answer.
fn pending_notice(state: AppState, message: Message) -> impl IntoView {
    let pending = actions::pending_changes();
    view! {
        <Show when=move || pending.with(|p| !p.is_empty())>
            <div class="notice notice--warn" data-testid="pending-changes">
                <p>{state.t(
                    "このファイルは、このスマホのウォレットのものではありません（ほかの人のファイルかもしれません）。次のチケットの状態を、ファイルのとおりに変えますか？ 使用済みにすると、このスマホでは使えなくなります。自分の前のスマホのファイルのときだけ変えてください。",
                    "This file is not from this phone's wallet (it may be someone else's). Change these tickets as the file says? Tickets marked used can no longer be used on this phone. Change them only if the file is from your own old phone.",
                )}</p>
                <ul>{move || pending.with(|p| p.iter().map(|c| view! { <li>{c.wording(state.lang.get())}</li> }).collect_view())}</ul>
                <div class="button-row">
                    <button type="button" class="button button--secondary button--small"
                        on:click=move |_| { let o = actions::apply_pending(state); message.set(Some((o.ok, o.message))); }>
                        {state.t("ファイルのとおりに変える", "Change them as in the file")}
                    </button>
                    <button type="button" class="button button--small" on:click=move |_| pending.set(Vec::new())>
                        {state.t("変えない", "Keep them as they are")}
                    </button>
                </div>
            </div>
        </Show>
    }
}

/// Moving the tickets to a new phone: the steps, saving and receiving the transfer file,
/// and the undo while tickets are marked moved.
fn move_section(state: AppState, message: Message, asking: RwSignal<Option<Ask>>) -> impl IntoView {
    let moved = Memo::new(move |_| wallet().with(|w| w.moved_count()));
    view! {
        <h2 id="move-title">{state.t("新しい端末に移す（機種変更）", "Move to a new phone")}</h2>
        <p>{state.t(
            "機種変更のときは、チケットを「移行用ファイル」にして新しい端末に移します。QRコードでは1か月分（20枚）が入りきらないため、ファイルで移します。",
            "When you change phones, move your tickets in a transfer file. A QR code cannot hold a month of tickets (20), so they move as a file.",
        )}</p>
        <ol class="steps">
            <li>{state.t(
                "前の端末（このスマホ）で「移行用ファイルを保存する」を押します。保存すると、このスマホのチケットは「新しい端末に移しました」になり、二重に使えないよう、ここでは使えなくなります。",
                "On the old phone (this one), tap \"Save the transfer file\". Its tickets are then marked \"moved to your new phone\" and can no longer be used here, so they are not used twice.",
            )}</li>
            <li>{state.t(
                "ファイルを自分あてに送ります（AirDrop、メール、LINEの自分だけのトーク、クイックシェアなど。iPhoneなどでは共有の画面が開きます）。ほかの人には送らないでください。",
                "Send the file to yourself (AirDrop, email, a chat with only yourself, Quick Share…; on an iPhone the share sheet opens). Do not send it to anyone else.",
            )}</li>
            <li>{state.t(
                "新しい端末でこのページ（ウォレットの「控え・機種変更・ありがとうの記録」）を開き、「移行用ファイルを受け取る」でファイルを選びます。",
                "On the new phone, open this page (the wallet's \"Backup, new phone, thank-you log\") and choose the file with \"Receive a transfer file\".",
            )}</li>
        </ol>
        <div class="button-row">
            <button id="move-button" type="button" class="button" on:click=move |_| ask(asking, Ask::Move)>
                {state.t("移行用ファイルを保存する（前の端末で）", "Save the transfer file (old phone)")}
            </button>
            <label class="button button--secondary file-button">
                {state.t("移行用ファイルを受け取る（新しい端末で）", "Receive a transfer file (new phone)")}
                <input class="visually-hidden" type="file" accept=".json,application/json"
                    on:change=move |ev| import_chosen_file(state, &ev, message, actions::import_file_or_transfer)/>
            </label>
        </div>
        <Show when=move || { moved.get() > 0 }>
            <div class="notice notice--info" data-testid="moved-notice">
                <p>{move || match state.lang.get() {
                    Lang::Ja => format!("{}枚を新しい端末に移しました。このスマホでは使えません（ウォレットの「新しい端末に移しました」にあります）。", moved.get()),
                    Lang::En => format!("{} tickets were moved to your new phone. They cannot be used on this phone (see \"Moved to your new phone\" in the wallet).", moved.get()),
                }}</p>
                <p>{state.t(
                    "ファイルが新しい端末に届かなかったときだけ、移行を取り消してください。",
                    "Undo the move only if the file did not reach the new phone.",
                )}</p>
                <button id="undo-move-button" type="button" class="button button--secondary button--small" on:click=move |_| ask(asking, Ask::UndoMove)>
                    {state.t("移行を取り消す", "Undo the move")}
                </button>
            </div>
        </Show>
    }
}

/// The expiry reminder: the days tickets expire, and a calendar entry for them.
fn reminder_section(state: AppState) -> impl IntoView {
    let days = Memo::new(move |_| {
        crate::ui::tickets::with_used(|used| {
            wallet().with(|w| expiry_days(w, crate::ui::tickets::today(), used))
        })
    });
    let reminder = move || {
        let lang = state.lang.get();
        let days = days.get();
        let Some(first) = days.first().copied() else {
            return view! {
                <p class="muted" data-testid="reminder-none">{state.t("いま使えるチケットはありません。", "No usable tickets right now.")}</p>
            }
            .into_any();
        };
        let lines: Vec<String> = days
            .iter()
            .map(|d| match lang {
                Lang::Ja => format!(
                    "{}/{}まで：{}枚（{}）",
                    d.date.format("%-m"),
                    d.date.format("%-d"),
                    d.count,
                    yen(lang, d.yen.0)
                ),
                Lang::En => format!(
                    "Until {}: {} tickets ({})",
                    d.date.format("%-m/%-d"),
                    d.count,
                    yen(lang, d.yen.0)
                ),
            })
            .collect();
        view! {
            <ul data-testid="reminder-days">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
            <AddToCalendar
                filename="jokatsu-ticket-expiry.ics".to_string()
                ics=expiry_ics(&days, lang, None, clock::now())
                google_url=expiry_entry(&first, lang, None).google_calendar_url()
                context=state.tr("チケットの期限", "ticket expiry").to_string()
                lang=lang
            />
        }
        .into_any()
    };
    view! {
        <h2 id="reminder-title" tabindex="-1">{state.t("期限のお知らせ", "Expiry reminder")}</h2>
        <p>{move || match state.lang.get() {
            Lang::Ja => format!("使えるチケットの期限の{EXPIRY_REMINDER_DAYS}日前に、カレンダーが通知します（通知はカレンダーのアプリが出します。このアプリからは何も送りません）。"),
            Lang::En => format!("Your calendar reminds you {EXPIRY_REMINDER_DAYS} days before your usable tickets expire (the calendar app shows the reminder; this app sends nothing)."),
        }}</p>
        {reminder}
    }
}

/// The page's one confirm dialog, open while `asking` holds a question.
fn confirm_dialog(
    state: AppState,
    message: Message,
    asking: RwSignal<Option<Ask>>,
) -> impl IntoView {
    let close = move || asking.set(None);
    let confirm = move |_| {
        let outcome = match asking.get_untracked() {
            Some(Ask::Export) => actions::export_backup(state),
            Some(Ask::Move) => {
                // Possibly later (after the share sheet closes).
                actions::export_transfer(state, move |o| message.set(Some((o.ok, o.message))));
                close();
                return;
            }
            Some(Ask::UndoMove) => actions::undo_move(state),
            None => return,
        };
        message.set(Some((outcome.ok, outcome.message)));
        // After the undo its button is gone: focus the move button instead.
        if asking.get_untracked() == Some(Ask::UndoMove) {
            remember_opener_id(Ask::Move.opener());
        }
        close();
    };
    move || {
        asking.get().map(|a| {
        let (title, text, yes) = a.text(state);
        let dialog = Dialog {
            role: DialogRole::AlertDialog,
            class: "sheet sheet--small",
            labelledby: "confirm-title",
            describedby: Some("confirm-text"),
            testid: a.testid(),
            focus: "confirm-yes",
            on_close: Box::new(close),
        };
        dialog.view(view! {
                <h2 id="confirm-title" class="sheet__title">{title}</h2>
                <p id="confirm-text">{text}</p>
                <div class="button-row">
                    <button id="confirm-yes" type="button" class="button" on:click=confirm>{yes}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| close()>{state.t("やめる", "Cancel")}</button>
                </div>
        })
    })
    }
}

/// The page's confirm dialogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ask {
    /// Export a backup file.
    Export,
    /// Save the transfer file and mark the tickets moved.
    Move,
    /// Bring moved tickets back (the file never arrived).
    UndoMove,
}

impl Ask {
    /// The button that opened the dialog: focus returns there.
    fn opener(self) -> &'static str {
        match self {
            Ask::Export => "export-button",
            Ask::Move => "move-button",
            Ask::UndoMove => "undo-move-button",
        }
    }

    fn testid(self) -> &'static str {
        match self {
            Ask::Export => "export-confirm",
            Ask::Move => "move-confirm",
            Ask::UndoMove => "undo-move-confirm",
        }
    }

    /// Title, text and the yes button.
    fn text(self, state: AppState) -> (&'static str, &'static str, &'static str) {
        let t = |ja, en| state.tr(ja, en);
        match self {
            Ask::Export => (
                t("控えを書き出しますか？", "Export a backup?"),
                t(
                    "控えのファイルには、使えるチケットがそのまま入ります。持っている人なら誰でも使えるので、自分だけが開ける場所に保存し、人に送らないでください。",
                    "The backup file holds your usable tickets as they are: whoever has it can use them. Keep it where only you can open it, and do not send it to anyone.",
                ),
                t("書き出す", "Export"),
            ),
            Ask::Move => (
                t("新しい端末に移しますか？", "Move to a new phone?"),
                t(
                    "移行用ファイルを保存すると、このスマホの使えるチケットはすべて「新しい端末に移しました」になり、ここでは使えなくなります。ファイルは自分あてにだけ送り、新しい端末で開いてください。",
                    "Once the transfer file is saved, every usable ticket on this phone is marked \"moved to your new phone\" and can no longer be used here. Send the file only to yourself and open it on the new phone.",
                ),
                t("保存して移す", "Save and move"),
            ),
            Ask::UndoMove => (
                t("移行を取り消しますか？", "Undo the move?"),
                t(
                    "ファイルが新しい端末に届かなかったときだけ取り消してください。このスマホでまた使えるようになります。新しい端末でもすでに受け取っていたら、2台が同じチケットを持ちます。使えるのはどちらか1回だけです。",
                    "Undo only if the file did not reach the new phone. The tickets become usable here again; if the new phone already received them, both hold the same tickets, and each can be used only once in all.",
                ),
                t("取り消す", "Undo"),
            ),
        }
    }
}
