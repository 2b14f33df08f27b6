//! The ticket wallet: balance, tickets soonest-expiry first, receive, give, back up.

use leptos::prelude::*;

use crate::apps::tickets::actions;
use crate::apps::tickets::components::balance_summary::BalanceSummary;
use crate::apps::tickets::components::receive_box::ReceiveBox;
use crate::apps::tickets::components::ticket_card::{TicketAction, TicketCard};
use crate::apps::tickets::components::ticket_sheet::{SheetMode, TicketSheet};
use crate::domain::tickets::ticket::TicketId;
use crate::ui::routes::Route;
use crate::ui::state::AppState;

/// The wallet page.
#[component]
pub fn WalletPage() -> impl IntoView {
    let state = AppState::expect();
    let sheet = RwSignal::new(None::<(TicketId, SheetMode)>);
    let notice = RwSignal::new(None::<(bool, String)>);
    let confirm_used = RwSignal::new(None::<TicketId>);
    let is_demo_feed = move || {
        state
            .feed
            .with(|f| f.feed.as_ref().is_some_and(|feed| feed.meta.demo))
    };

    let on_action = Callback::new(move |action: TicketAction| match action {
        TicketAction::ShowQr(s) => sheet.set(Some((s, SheetMode::Qr))),
        TicketAction::Give(s) => sheet.set(Some((s, SheetMode::Give))),
        TicketAction::MarkUsed(s) => confirm_used.set(Some(s)),
    });
    let do_mark_used = move |_| {
        if let Some(serial) = confirm_used.get_untracked() {
            if let Some(outcome) = actions::mark_used(state, serial) {
                notice.set(Some((outcome.ok, outcome.message)));
            }
            confirm_used.set(None);
        }
    };

    let load_demo_month = move |_| {
        let outcome = actions::load_demo_month(state);
        notice.set(Some((outcome.ok, outcome.message)));
    };

    let export = move |_| {
        let outcome = actions::export_backup(state);
        if !outcome.ok {
            notice.set(Some((false, outcome.message)));
        }
    };

    let entries = Memo::new(move |_| {
        state.wallet.with(|w| {
            w.entries_by_expiry()
                .into_iter()
                .cloned()
                .collect::<Vec<_>>()
        })
    });

    view! {
        <section class="page wallet">
            <h1>{state.t("すみまセンエン チケット", "すみまセンエン tickets")}</h1>
            <p>{state.t(
                "育休から復帰した方に届く「ありがとう」のチケットです。協力してくれた同僚に、感謝の気持ちとして渡せます。受け取った人は、こそだてっぴー認定企業のお店で使えます。",
                "Thank-you tickets for people back from childcare leave, to give to coworkers who covered for them. They can be used at certified shops.",
            )}</p>
            <BalanceSummary/>
            {move || notice.get().map(|(ok, m)| view! {
                <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="wallet-notice">{m}</p>
            })}
            <Show when=is_demo_feed>
                <div class="card">
                    <p>{state.t(
                        "見本モード: 試しに今月分（見本）のチケット20枚を受け取れます。見本のチケットは本番では使えません。",
                        "Demo mode: try it with this month's 20 demo tickets. Demo tickets are not valid for real.",
                    )}</p>
                    <button type="button" class="button" on:click=load_demo_month>{state.t("見本の1か月分を受け取る", "Load a demo month")}</button>
                </div>
            </Show>

            <h2>{state.t("チケット一覧", "Your tickets")}</h2>
            <Show
                when=move || entries.with(|e| !e.is_empty())
                fallback=move || view! { <p class="muted">{state.t("まだチケットがありません。", "No tickets yet.")}</p> }
            >
                <ul class="ticket-list" aria-label=state.t("チケット一覧（期限の近い順）", "Tickets, soonest expiry first")>
                    <For
                        each=move || entries.get()
                        key=|e| (e.id(), format!("{:?}", e.state))
                        children=move |entry| view! { <TicketCard entry=entry on_action=on_action/> }
                    />
                </ul>
            </Show>

            <ReceiveBox/>

            <h2>{state.t("使えるお店", "Where to use them")}</h2>
            <p><a class="button button--secondary" href=state.link(Route::Shops)>{state.t("こそだてっぴー認定企業を探す", "Find certified shops")}</a></p>

            <h2>{state.t("控え（バックアップ）", "Backup")}</h2>
            <p>{state.t(
                "チケットはこの端末にだけ保存されています。機種変更やデータ消去に備えて、控えをファイルに書き出しておけます。読み込むと重複なく合わさります。",
                "Tickets are stored only on this device. Export a backup file in case you change phones or clear data; importing it merges without duplicates.",
            )}</p>
            <button type="button" class="button button--secondary" on:click=export>{state.t("控えを書き出す", "Export backup")}</button>

            {move || confirm_used.get().map(|serial| view! {
                <div class="sheet sheet--small" role="alertdialog" aria-modal="true" aria-labelledby="confirm-used-title">
                    <h2 id="confirm-used-title" class="sheet__title">{state.tr("使用済みにしますか？", "Mark as used?")}</h2>
                    <p>{state.tr("番号", "No.")} " " {serial.to_string()}</p>
                    <div class="button-row">
                        <button type="button" class="button" on:click=do_mark_used>{state.tr("使用済みにする", "Mark used")}</button>
                        <button type="button" class="button button--secondary" on:click=move |_| confirm_used.set(None)>{state.tr("やめる", "Cancel")}</button>
                    </div>
                </div>
            })}
            {move || sheet.get().map(|(serial, mode)| view! {
                <TicketSheet serial=serial mode=mode on_close=Callback::new(move |_| sheet.set(None))/>
            })}
        </section>
    }
}
