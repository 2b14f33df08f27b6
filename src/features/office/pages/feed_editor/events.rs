//! Events (seminars, talks): add, change, remove.

use crate::domain::shared::wording::Wording;
use leptos::prelude::*;

use super::fields::{SelectField, TextField};
use super::Editor;
use crate::domain::publish::editor::{error_for, form_date, EventForm, EVENT_KINDS};
use crate::domain::shared::text::Lang;
use crate::features::office::pages::common::{status, Say};
use crate::ui::state::AppState;

#[derive(Clone, Copy)]
struct EventSignals {
    kind: RwSignal<String>,
    date: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    venue: RwSignal<String>,
    title_ja: RwSignal<String>,
    title_en: RwSignal<String>,
    description_ja: RwSignal<String>,
    capacity: RwSignal<String>,
    booking_ja: RwSignal<String>,
}

impl EventSignals {
    fn new() -> Self {
        let s = || RwSignal::new(String::new());
        EventSignals {
            kind: RwSignal::new("consultation".into()),
            date: s(),
            start: s(),
            end: s(),
            venue: s(),
            title_ja: s(),
            title_en: s(),
            description_ja: s(),
            capacity: s(),
            booking_ja: s(),
        }
    }
    fn get(&self) -> EventForm {
        EventForm {
            kind: self.kind.get(),
            date: self.date.get(),
            start: self.start.get(),
            end: self.end.get(),
            venue: self.venue.get(),
            title_ja: self.title_ja.get(),
            title_en: self.title_en.get(),
            description_ja: self.description_ja.get(),
            capacity: self.capacity.get(),
            booking_ja: self.booking_ja.get(),
            ..EventForm::default()
        }
    }
    fn clear(&self) {
        for s in [
            self.date,
            self.start,
            self.end,
            self.title_ja,
            self.title_en,
            self.description_ja,
            self.capacity,
            self.booking_ja,
        ] {
            s.set(String::new());
        }
    }
}

#[component]
pub(super) fn Events(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let f = EventSignals::new();
    let submitted = RwSignal::new(false);
    let added = RwSignal::new(None::<(bool, String)>);
    // The first venue by default.
    if let Some(v) = editor.draft.with_untracked(|d| {
        d.as_ref()
            .and_then(|d| d.schedule_dto().venues.first().map(|v| v.id.clone()))
    }) {
        f.venue.set(v);
    }
    let errors = Memo::new(move |_| {
        let form = f.get();
        editor.draft.with(|d| {
            d.as_ref()
                .map(|d| form.validate(d.schedule_dto()).err().unwrap_or_default())
                .unwrap_or_default()
        })
    });
    let err = move |field: &'static str, value: RwSignal<String>| {
        Signal::derive(move || {
            let show = submitted.get() || !value.with(String::is_empty);
            errors.with(|e| {
                error_for(e, field)
                    .filter(|_| show)
                    .map(|e| e.wording(editor.lang))
            })
        })
    };
    let add = move |_| {
        submitted.set(true);
        let form = untrack(|| f.get());
        let mut result = Ok(0);
        editor.change(|d| result = d.add_event(&form));
        if result.is_ok() {
            added.done(match editor.lang {
                Lang::Ja => {
                    format!("{} {} を追加しました", form_date(&form.date), form.title_ja)
                }
                Lang::En => format!("Added: {} {}", form_date(&form.date), form.title_ja),
            });
            f.clear();
            submitted.set(false);
        } else if let Err(errors) = result {
            // Every problem is said here too, also one with no field of its own.
            let list: Vec<String> = errors.iter().map(|e| e.wording(editor.lang)).collect();
            added.fail(match editor.lang {
                Lang::Ja => format!("追加できませんでした：{}", list.join("。")),
                Lang::En => format!("Not added: {}", list.join(". ")),
            });
        }
    };
    let kind_options: Vec<(String, String)> = EVENT_KINDS
        .iter()
        .map(|(k, ja, en)| {
            (
                (*k).to_string(),
                if editor.lang == Lang::Ja {
                    (*ja).to_string()
                } else {
                    (*en).to_string()
                },
            )
        })
        .collect();
    let venue_options = move || {
        let mut out = vec![(
            String::new(),
            state
                .t("オンライン（会場なし）", "Online (no venue)")
                .to_string(),
        )];
        editor.draft.with_untracked(|d| {
            if let Some(d) = d {
                for v in &d.schedule_dto().venues {
                    out.push((v.id.clone(), v.name.get(editor.lang).to_owned()));
                }
            }
        });
        out
    };
    let rows = event_rows(state, editor);
    view! {
        <h3 id="editor-events">{state.t("催し（説明会・センセー紹介・相談会）", "Events (briefings, meet the experts, consultation days)")}</h3>
        <div class="table-wrap">
            <table class="office__table" aria-labelledby="editor-events" data-testid="editor-events">
                <thead><tr>
                    <th scope="col">{state.t("日付", "Date")}</th>
                    <th scope="col">{state.t("時間", "Time")}</th>
                    <th scope="col">{state.t("題名", "Title")}</th>
                    <th scope="col">{state.t("定員", "Capacity")}</th>
                    <th scope="col">{state.t("操作", "Action")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <fieldset class="feed-editor__form">
            <legend>{state.t("催しを追加する", "Add an event")}</legend>
            <div class="feed-editor__row">
                <SelectField id="ev-kind" label=state.t("催しの種類", "Kind of event") value=f.kind options=kind_options error=err("kind", f.kind)/>
                <TextField id="ev-date" label=state.t("開催日（日本時間、例 2027-01-23）", "Date (Japan time, e.g. 2027-01-23)") value=f.date error=err("date", f.date)/>
                <TextField id="ev-start" label=state.t("開始時刻（例 13:00）", "Starts (e.g. 13:00)") value=f.start error=err("start", f.start)/>
                <TextField id="ev-end" label=state.t("終了時刻（例 15:00）", "Ends (e.g. 15:00)") value=f.end error=err("end", f.end)/>
            </div>
            <div class="feed-editor__row">
                <SelectField id="ev-venue" label=state.t("会場", "Venue") value=f.venue options=venue_options() error=err("venue", f.venue)/>
                <TextField id="ev-capacity" label=state.t("定員（任意、数字）", "Capacity (optional, a number)") value=f.capacity error=err("capacity", f.capacity)/>
            </div>
            <div class="feed-editor__row">
                <TextField id="ev-title-ja" label=state.t("題名（日本語）", "Title (Japanese)") value=f.title_ja error=err("title_ja", f.title_ja)/>
                <TextField id="ev-title-en" label=state.t("題名（英語、任意）", "Title (English, optional)") value=f.title_en error=err("title_en", f.title_en)/>
            </div>
            <TextField id="ev-description" label=state.t("説明（日本語）", "Description (Japanese)") value=f.description_ja error=err("description_ja", f.description_ja)/>
            <TextField id="ev-booking" label=state.t("申し込み方法（任意、例 要予約・先着20名）", "How to book (optional)") value=f.booking_ja error=err("booking_ja", f.booking_ja)/>
            <p><button type="button" class="button" on:click=add>{state.t("この催しを追加する", "Add this event")}</button></p>
            {move || added.get().map(|(ok, m)| status(ok, m))}
        </fieldset>
    }
}

/// The draft's events, each with a button to remove it.
fn event_rows(state: AppState, editor: Editor) -> impl IntoView {
    move || {
        editor.draft.with(|d| {
            d.as_ref().map(|d| {
                d.schedule_dto()
                    .events
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let label = format!("{} {}", e.title.ja, state.t("を削除", ": remove"));
                        let remove = move |_| editor.change(|d| {
                            let _ = d.remove_event(i);
                        });
                        view! {
                            <tr>
                                <td>{e.date.clone()}</td>
                                <td>{format!("{}〜{}", e.start, e.end)}</td>
                                <td>{e.title.get(editor.lang).to_owned()}</td>
                                <td>{e.capacity.map(|c| c.to_string()).unwrap_or_default()}</td>
                                <td><button type="button" class="button button--secondary" aria-label=label on:click=remove>{state.t("削除", "Remove")}</button></td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    }
}
