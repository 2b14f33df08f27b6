//! The holidays, from the Cabinet Office CSV.

use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;

use super::{Editor, MAX_FILE};
use crate::domain::publish::holidays_csv::{import_syukujitsu, HolidayImport};
use crate::domain::shared::holidays::HolidayCalendar;
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, status, Say};
use crate::platform::download::read_file_bytes;
use crate::ui::state::AppState;

#[component]
pub(super) fn Holidays(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let import = RwSignal::new(None::<Result<HolidayImport, String>>);
    let applied = RwSignal::new(None::<(bool, String)>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        applied.set(None);
        leptos::task::spawn_local(async move {
            let result = match read_file_bytes(file, MAX_FILE).await {
                Ok(bytes) => import_syukujitsu(&bytes).map_err(|e| e.wording(editor.lang)),
                Err(e) => Err(e),
            };
            import.set(Some(result));
        });
    };
    let apply = move |_| {
        let Some(Ok(i)) = import.get_untracked() else {
            return;
        };
        use chrono::Datelike;
        match i.feed_entries(actions::today().year()) {
            Ok(list) => {
                let n = list.len();
                editor.change(|d| d.set_holidays(list));
                applied.done(match editor.lang {
                    Lang::Ja => format!("{n}件の祝日を配信データに入れました"),
                    Lang::En => format!("{n} holidays put in the feed"),
                });
            }
            Err(e) => applied.fail(e.wording(editor.lang)),
        }
    };
    view! {
        <h3>{state.t("祝日（内閣府 syukujitsu.csv）", "Holidays (Cabinet Office syukujitsu.csv)")}</h3>
        <p>{state.t(
            "内閣府が毎年2月ごろ公開する「国民の祝日」CSV を、そのまま選びます。アプリ内蔵の一覧より先の年は、配信データの祝日が使われます。",
            "Choose the national holiday CSV the Cabinet Office publishes around February, as downloaded. For years after the app's built-in list, the feed's holidays are used.",
        )}</p>
        <div class="field">
            <label class="field__label" for="editor-holidays">{state.t("祝日の一覧（syukujitsu.csv）", "Holiday list (syukujitsu.csv)")}</label>
            <input id="editor-holidays" type="file" accept=".csv,text/csv" on:change=on_file/>
        </div>
        {move || import.get().map(|r| match r {
            Err(e) => status(false, e).into_any(),
            Ok(i) => view! {
                <p data-testid="holidays-import">{i.summary(HolidayCalendar::embedded())}</p>
                <p><button type="button" class="button" on:click=apply>{state.t("祝日を配信データに入れる", "Put the holidays in the feed")}</button></p>
            }.into_any(),
        })}
        {move || applied.get().map(|(ok, m)| status(ok, m))}
    }
}
