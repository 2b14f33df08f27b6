//! Closures and other dated changes of the desk.

use crate::domain::shared::wording::Wording;
use leptos::prelude::*;

use super::fields::{SelectField, TextField};
use super::Editor;
use crate::domain::publish::editor::{error_for, form_date, ExceptionForm, EXCEPTION_KINDS};
use crate::domain::shared::text::Lang;
use crate::features::office::pages::common::{status, Say};
use crate::ui::state::AppState;

#[component]
pub(super) fn Exceptions(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let f = ExceptionSignals::new();
    let submitted = RwSignal::new(false);
    let added = RwSignal::new(None::<(bool, String)>);
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
        let form = f.get_untracked();
        let mut result = Ok(0);
        editor.change(|d| result = d.add_exception(&form));
        if result.is_ok() {
            added.done(match editor.lang {
                Lang::Ja => format!("{} を追加しました", form_date(&form.date)),
                Lang::En => format!("Added: {}", form_date(&form.date)),
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
    let kind_options: Vec<(String, String)> = EXCEPTION_KINDS
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
    let theme_options = move || {
        let mut out = vec![(String::new(), "—".to_string())];
        editor.draft.with_untracked(|d| {
            if let Some(d) = d {
                for t in d.schedule_dto().themes.values() {
                    out.push((t.id.clone(), t.name.get(editor.lang).to_owned()));
                }
            }
        });
        out
    };
    let venue_options = move || {
        let mut out = vec![(
            String::new(),
            state.t("（いつもの会場）", "(the usual venue)").to_string(),
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
    let rows = exception_rows(state, editor);
    view! {
        <h3 id="editor-exceptions">{state.t("休み・臨時の変更", "Closures and dated changes")}</h3>
        <div class="table-wrap">
            <table class="office__table" aria-labelledby="editor-exceptions" data-testid="editor-exceptions">
                <thead><tr>
                    <th scope="col">{state.t("日付", "Date")}</th>
                    <th scope="col">{state.t("種類", "Kind")}</th>
                    <th scope="col">{state.t("お知らせ", "Note")}</th>
                    <th scope="col">{state.t("操作", "Action")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <fieldset class="feed-editor__form">
            <legend>{state.t("変更を追加する", "Add a change")}</legend>
            <div class="feed-editor__row">
                <TextField id="exc-date" label=state.t("日付（日本時間、例 2027-02-03）", "Date (Japan time, e.g. 2027-02-03)") value=f.date error=err("date", f.date)/>
                <SelectField id="exc-kind" label=state.t("種類", "Kind") value=f.kind options=kind_options error=err("kind", f.kind)/>
            </div>
            <div class="feed-editor__row">
                <TextField id="exc-note-ja" label=state.t("お知らせ（日本語、休みの理由など）", "Note in Japanese (e.g. the reason)") value=f.note_ja error=err("note_ja", f.note_ja)/>
                <TextField id="exc-note-en" label=state.t("お知らせ（英語、任意）", "Note in English (optional)") value=f.note_en error=err("note_en", f.note_en)/>
            </div>
            <div class="feed-editor__row">
                <SelectField id="exc-theme" label=state.t("テーマ（臨時開設のとき）", "Theme (for an extra opening)") value=f.theme options=theme_options() error=err("theme", f.theme)/>
                <TextField id="exc-to" label=state.t("移動先の日付（日程変更のとき）", "New date (when moved)") value=f.to error=err("to", f.to)/>
            </div>
            <div class="feed-editor__row">
                <TextField id="exc-start" label=state.t("開始（変更するとき、例 13:00）", "Start (if changed, e.g. 13:00)") value=f.start error=err("start", f.start)/>
                <TextField id="exc-end" label=state.t("終了（変更するとき）", "End (if changed)") value=f.end error=err("end", f.end)/>
                <SelectField id="exc-venue" label=state.t("会場（変更するとき）", "Venue (if changed)") value=f.venue options=venue_options() error=err("venue", f.venue)/>
            </div>
            <p><button type="button" class="button" on:click=add>{state.t("この変更を追加する", "Add this change")}</button></p>
            {move || added.get().map(|(ok, m)| status(ok, m))}
        </fieldset>
    }
}

/// The draft's dated changes, each with a button to remove it.
fn exception_rows(state: AppState, editor: Editor) -> impl IntoView {
    move || {
        editor.draft.with(|d| {
            d.as_ref().map(|d| {
                d.schedule_dto()
                    .exceptions
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let kind = EXCEPTION_KINDS
                            .iter()
                            .find(|(k, ..)| *k == e.kind)
                            .map_or(e.kind.clone(), |(_, ja, en)| if editor.lang == Lang::Ja { (*ja).to_string() } else { (*en).to_string() });
                        let label = format!("{} {}", e.date, state.t("を削除", ": remove"));
                        let remove = move |_| editor.change(|d| {
                            let _ = d.remove_exception(i);
                        });
                        view! {
                            <tr>
                                <td>{e.date.clone()}</td>
                                <td>{kind}</td>
                                <td>{e.note.as_ref().map(|n| n.get(editor.lang).to_owned()).unwrap_or_default()}</td>
                                <td><button type="button" class="button button--secondary" aria-label=label on:click=remove>{state.t("削除", "Remove")}</button></td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    }
}

#[derive(Clone, Copy)]
struct ExceptionSignals {
    date: RwSignal<String>,
    kind: RwSignal<String>,
    note_ja: RwSignal<String>,
    note_en: RwSignal<String>,
    theme: RwSignal<String>,
    to: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    venue: RwSignal<String>,
}

impl ExceptionSignals {
    fn new() -> Self {
        let s = || RwSignal::new(String::new());
        ExceptionSignals {
            date: s(),
            kind: RwSignal::new("closed".into()),
            note_ja: s(),
            note_en: s(),
            theme: s(),
            to: s(),
            start: s(),
            end: s(),
            venue: s(),
        }
    }
    fn get(&self) -> ExceptionForm {
        ExceptionForm {
            date: self.date.get(),
            kind: self.kind.get(),
            note_ja: self.note_ja.get(),
            note_en: self.note_en.get(),
            theme: self.theme.get(),
            to: self.to.get(),
            start: self.start.get(),
            end: self.end.get(),
            venue: self.venue.get(),
            mode: String::new(),
        }
    }
    fn get_untracked(&self) -> ExceptionForm {
        untrack(|| self.get())
    }
    fn clear(&self) {
        for s in [
            self.date,
            self.note_ja,
            self.note_en,
            self.theme,
            self.to,
            self.start,
            self.end,
            self.venue,
        ] {
            s.set(String::new());
        }
    }
}
