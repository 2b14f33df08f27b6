//! The desk's weekly hours: a weekday's times and venue.

use crate::domain::shared::wording::Wording;
use leptos::prelude::*;

use super::fields::{SelectField, TextField};
use super::Editor;
use crate::domain::publish::editor::{error_for, DeskForm, FieldError};
use crate::domain::shared::text::Lang;
use crate::features::office::pages::common::status;
use crate::ui::state::AppState;

const WEEKDAYS: [(&str, &str, &str); 7] = [
    ("mon", "月曜", "Mon"),
    ("tue", "火曜", "Tue"),
    ("wed", "水曜", "Wed"),
    ("thu", "木曜", "Thu"),
    ("fri", "金曜", "Fri"),
    ("sat", "土曜", "Sat"),
    ("sun", "日曜", "Sun"),
];

#[component]
pub(super) fn DeskHours(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let weekday = RwSignal::new("mon".to_string());
    let start = RwSignal::new(String::new());
    let end = RwSignal::new(String::new());
    let venue = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let message = RwSignal::new(None::<String>);
    // Fill the hours and venue of the chosen weekday.
    Effect::new(move |_| {
        let wd = weekday.get();
        let theme = editor.draft.with_untracked(|d| {
            d.as_ref().and_then(|d| {
                d.schedule_dto()
                    .themes
                    .get(&wd)
                    .map(|t| (t.hours.clone(), t.venue.clone()))
            })
        });
        if let Some((h, v)) = theme {
            start.set(h.start);
            end.set(h.end);
            venue.set(v.unwrap_or_default());
        }
    });
    let err = move |f: &'static str| {
        Signal::derive(move || errors.with(|e| error_for(e, f).map(|e| e.wording(editor.lang))))
    };
    let apply = move |_| {
        let form = DeskForm {
            weekday: weekday.get_untracked(),
            start: start.get_untracked(),
            end: end.get_untracked(),
            venue: venue.get_untracked(),
            ..DeskForm::default()
        };
        let mut result = Ok(());
        editor.change(|d| result = d.set_desk(&form));
        match result {
            Ok(()) => {
                errors.set(Vec::new());
                message.set(Some(match editor.lang {
                    Lang::Ja => format!(
                        "{} {}〜{} に変更しました",
                        form.weekday, form.start, form.end
                    ),
                    Lang::En => format!("Changed: {} {}–{}", form.weekday, form.start, form.end),
                }));
            }
            Err(e) => {
                errors.set(e);
                message.set(None);
            }
        }
    };
    let venues = move || {
        editor.draft.with_untracked(|d| {
            d.as_ref()
                .map(|d| {
                    d.schedule_dto()
                        .venues
                        .iter()
                        .map(|v| (v.id.clone(), v.name.get(editor.lang).to_owned()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let options = move || {
        editor.draft.with_untracked(|d| {
            WEEKDAYS
                .iter()
                .filter_map(|(k, ja, en)| {
                    let theme = d.as_ref()?.schedule_dto().themes.get(*k)?;
                    let name = match editor.lang {
                        Lang::Ja => format!("{ja}：{}", theme.name.ja),
                        Lang::En => format!("{en}: {}", theme.name.get(Lang::En)),
                    };
                    Some(((*k).to_string(), name))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h3>{state.t("曜日ごとの相談時間", "Desk hours by weekday")}</h3>
        <div class="feed-editor__row">
            <SelectField id="desk-weekday" label=state.t("曜日", "Weekday") value=weekday options=options() error=err("weekday")/>
            <TextField id="desk-start" label=state.t("開始（例 10:00）", "Start (e.g. 10:00)") value=start error=err("start")/>
            <TextField id="desk-end" label=state.t("終了（例 16:00）", "End (e.g. 16:00)") value=end error=err("end")/>
            <SelectField id="desk-venue" label=state.t("会場", "Venue") value=venue options=venues() error=err("venue")/>
        </div>
        <p><button type="button" class="button button--secondary" on:click=apply>{state.t("時間を変更する", "Change the hours")}</button></p>
        {move || message.get().map(|m| status(true, m))}
    }
}
