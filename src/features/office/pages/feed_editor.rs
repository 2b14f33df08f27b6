//! The feed editor (事務局 → 配信データを作る): open the served feed or a file, change desk
//! hours, closures and other dated changes, events, the certified shops (Excel CSV), the
//! holidays (Cabinet Office CSV) and self-checks, preview a day as a phone shows it, then
//! check everything and download `feed.json` and `calendar.ics` for upload.
//!
//! Every rule is in `domain::publish` (forms, previews, the check); this view only holds the
//! typed text and shows what the domain says. Nothing is stored in the browser.

use leptos::prelude::*;

use crate::domain::publish::check::{Report, Severity};
use crate::domain::publish::editor::{
    error_for, preview_day, read_questionnaire_file, DeskForm, EventForm, ExceptionForm, FeedDraft,
    FieldError, QuestionnaireFile, EVENT_KINDS, EXCEPTION_KINDS,
};
use crate::domain::publish::holidays_csv::{import_syukujitsu, HolidayImport};
use crate::domain::publish::shops_csv::{diff, import_shops, ShopDiff, ShopImport};
use crate::domain::shared::date::iso_date;
use crate::domain::shared::holidays::HolidayCalendar;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::features::office::actions;
use crate::platform::download::{read_file, read_file_bytes};
use crate::ui::state::AppState;

use super::office::files_of;

const MAX_FILE: usize = 8 * 1024 * 1024;
const WEEKDAYS: [(&str, &str, &str); 7] = [
    ("mon", "月曜", "Mon"),
    ("tue", "火曜", "Tue"),
    ("wed", "水曜", "Wed"),
    ("thu", "木曜", "Thu"),
    ("fri", "金曜", "Fri"),
    ("sat", "土曜", "Sat"),
    ("sun", "日曜", "Sun"),
];

/// The editor's state for this tab (never persisted).
#[derive(Clone, Copy)]
struct Editor {
    draft: RwSignal<Option<FeedDraft>>,
    /// The feed as opened (the one published now): the check compares sequences with it.
    opened: StoredValue<Option<String>>,
    /// The last check, cleared by any change.
    report: RwSignal<Option<Report>>,
    lang: Lang,
}

impl Editor {
    fn change(&self, f: impl FnOnce(&mut FeedDraft)) {
        self.draft.update(|d| {
            if let Some(d) = d {
                f(d);
            }
        });
        self.report.set(None);
    }
}

fn value_of(ev: &leptos::ev::Event) -> String {
    event_target_value(ev)
}

/// A labelled text input whose error (if any) is tied to it with `aria-describedby`.
#[component]
fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] input_type: Option<&'static str>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(h.clone());
            }
            if error.get().is_some() {
                ids.push(e.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>{label}</label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            <input id=id class="input" type=input_type.unwrap_or("text") autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(value_of(&ev))
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described/>
            {move || error.get().map(|e| view! { <p class="field__error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}

/// A labelled select.
#[component]
fn SelectField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let described = {
        let e = error_id.clone();
        move || error.get().map(|_| e.clone())
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>{label}</label>
            <select id=id class="select" on:change=move |ev| value.set(value_of(&ev))
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described>
                {options.into_iter().map(|(v, l)| {
                    let selected = { let v = v.clone(); move || value.get() == v };
                    view! { <option value=v selected=selected>{l}</option> }
                }).collect_view()}
            </select>
            {move || error.get().map(|e| view! { <p class="field__error" id=error_id.clone()>{e}</p> })}
        </div>
    }
}

fn report_class(errors: usize, warnings: usize) -> &'static str {
    if errors > 0 {
        "notice notice--danger"
    } else if warnings > 0 {
        "notice"
    } else {
        "notice notice--ok"
    }
}

fn note(ok: bool, text: String) -> impl IntoView {
    view! {
        <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status">{text}</p>
    }
}

/// The editor section of the office page.
#[component]
pub fn FeedEditor() -> impl IntoView {
    let state = AppState::expect();
    let editor = Editor {
        draft: RwSignal::new(None),
        opened: StoredValue::new(None),
        report: RwSignal::new(None),
        lang: state.lang.get_untracked(),
    };
    // Only opening a feed builds the sections below; edits must not rebuild them (they
    // would lose what is typed).
    let is_open = Memo::new(move |_| editor.draft.with(Option::is_some));
    view! {
        <section class="card office__section feed-editor" aria-labelledby="office-editor">
            <h2 id="office-editor">{state.t("6. 配信データを作る（日程・お店・祝日・セルフチェック）", "6. Make the feed (schedule, shops, holidays, self-checks)")}</h2>
            <p>{state.t(
                "公開中の配信データを開き、変更してから、確認して保存します。保存した feed.json と calendar.ics を、市のウェブサイトの feed フォルダーにアップロードしてください（docs/operations.md）。",
                "Open the published feed, make the changes, then check and save. Upload the saved feed.json and calendar.ics to the feed folder of the city's website (docs/operations.md).",
            )}</p>
            <OpenFeed editor/>
            {move || is_open.get().then(|| view! {
                <DeskHours editor/>
                <Exceptions editor/>
                <Events editor/>
                <Preview editor/>
                <Shops editor/>
                <Holidays editor/>
                <Questionnaires editor/>
                <SignedSections editor/>
                <CheckAndSave editor/>
            })}
        </section>
    }
}

#[component]
fn OpenFeed(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let url = RwSignal::new("feed/feed.json".to_string());
    let message = RwSignal::new(None::<(bool, String)>);
    let open = move |text: String| match FeedDraft::open(&text) {
        Ok(d) => {
            let s = d.schedule_dto();
            message.set(Some((
                true,
                format!(
                    "開きました：公開日 {}、日程の変更 {}件、催し {}件、お店 {}件 / opened: published {}, {} dated changes, {} events, {} shops",
                    d.published().unwrap_or("-"),
                    s.exceptions.len(),
                    s.events.len(),
                    d.shops().len(),
                    d.published().unwrap_or("-"),
                    s.exceptions.len(),
                    s.events.len(),
                    d.shops().len()
                ),
            )));
            editor.opened.set_value(Some(text));
            editor.draft.set(Some(d));
            editor.report.set(None);
        }
        Err(e) => message.set(Some((false, e.wording(editor.lang)))),
    };
    let fetch = move |_| {
        let u = url.get_untracked();
        leptos::task::spawn_local(async move {
            match actions::fetch_feed(&u).await {
                Ok(text) => open(text),
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_file(file, MAX_FILE).await {
                Ok(text) => open(text),
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    view! {
        <h3>{state.t("公開中の配信データを開く", "Open the published feed")}</h3>
        <div class="field">
            <label class="field__label" for="editor-url">{state.t("配信データのアドレス（このサーバー内）", "Feed address (on this server)")}</label>
            <p class="field__hint" id="editor-url-hint">{state.t("例 /jokatsu/feed/feed.json。ほかのサイトからは読み込みません。", "e.g. /jokatsu/feed/feed.json. Other sites are never contacted.")}</p>
            <input id="editor-url" class="input" aria-describedby="editor-url-hint" prop:value=move || url.get() on:input=move |ev| url.set(value_of(&ev))/>
        </div>
        <p><button type="button" class="button" on:click=fetch>{state.t("サーバーから読み込む", "Load from the server")}</button></p>
        <div class="field">
            <label class="field__label" for="editor-file">{state.t("または、編集するファイル（feed.json）", "Or a file to edit (feed.json)")}</label>
            <input id="editor-file" type="file" accept=".json,application/json" on:change=on_file/>
        </div>
        {move || message.get().map(|(ok, m)| view! { <div data-testid="editor-opened">{note(ok, m)}</div> })}
    }
}

#[component]
fn DeskHours(editor: Editor) -> impl IntoView {
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
                message.set(Some(format!(
                    "{} {}〜{} に変更しました / changed",
                    form.weekday, form.start, form.end
                )));
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
        {move || message.get().map(|m| note(true, m))}
    }
}

#[component]
fn Exceptions(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let f = ExceptionSignals::new();
    let submitted = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
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
            added.set(Some(format!("{} を追加しました / added", form.date)));
            f.clear();
            submitted.set(false);
        } else {
            added.set(None);
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
    let rows = move || {
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
    };
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
            {move || added.get().map(|m| note(true, m))}
        </fieldset>
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
fn Events(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let f = EventSignals::new();
    let submitted = RwSignal::new(false);
    let added = RwSignal::new(None::<String>);
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
            added.set(Some(format!(
                "{} {} を追加しました / added",
                form.date, form.title_ja
            )));
            f.clear();
            submitted.set(false);
        } else {
            added.set(None);
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
    let rows = move || {
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
    };
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
            {move || added.get().map(|m| note(true, m))}
        </fieldset>
    }
}

#[component]
fn Preview(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let date = RwSignal::new(iso_date(actions::today()));
    let day = Memo::new(move |_| crate::domain::shared::date::strict_date(date.get().trim()));
    let date_error = Signal::derive(move || {
        day.get().is_none().then(|| {
            "日付は 2027-02-03 の形で入れてください / enter a date like 2027-02-03".to_string()
        })
    });
    let preview = move || {
        let d = day.get()?;
        editor.draft.with(|draft| {
            let draft = draft.as_ref()?;
            Some(
                draft
                    .schedule()
                    .map(|s| preview_day(&s, d, editor.lang))
                    .map_err(|e| e.to_string()),
            )
        })
    };
    view! {
        <h3>{state.t("スマホでの見え方", "How a phone shows it")}</h3>
        <TextField id="preview-date" label=state.t("確かめる日（例 2027-02-03）", "Date to preview (e.g. 2027-02-03)") value=date error=date_error/>
        <div class="feed-editor__phone" data-testid="editor-preview" aria-live="polite">
            {move || match preview() {
                None => None,
                Some(Err(e)) => Some(view! { <p class="field__error">{e}</p> }.into_any()),
                Some(Ok(p)) => Some(view! {
                    <p class="feed-editor__day">{p.heading}</p>
                    {p.holidays_unknown.then(|| view! { <p class="notice">{state.t("祝日データの範囲外です。", "Beyond the holiday data.")}</p> })}
                    {p.closed.map(|c| view! { <p class="feed-editor__closed">{c}</p> })}
                    <ul class="feed-editor__sessions">
                        {p.sessions.into_iter().map(|s| view! {
                            <li>
                                <strong>{s.title}</strong>" "{s.hours}" "{s.place}
                                {s.badge.map(|b| view! { " " <span class="badge">{b}</span> })}
                            </li>
                        }).collect_view()}
                        {p.events.into_iter().map(|e| view! { <li>"★ "{e}</li> }).collect_view()}
                    </ul>
                    <table class="feed-editor__week">
                        <caption>{state.t("この週", "This week")}</caption>
                        <tbody>
                            {p.week.into_iter().map(|(d, t)| view! { <tr><th scope="row">{d}</th><td>{t}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()),
            }}
        </div>
    }
}

#[component]
fn Shops(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let import = RwSignal::new(None::<Result<(ShopImport, ShopDiff), String>>);
    let applied = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        applied.set(None);
        leptos::task::spawn_local(async move {
            let result = match read_file_bytes(file, MAX_FILE).await {
                Ok(bytes) => import_shops(&bytes)
                    .map_err(|e| e.wording(editor.lang))
                    .map(|i| {
                        let d = editor.draft.with_untracked(|d| {
                            d.as_ref()
                                .map(|d| diff(d.shops(), &i.shops))
                                .unwrap_or_default()
                        });
                        (i, d)
                    }),
                Err(e) => Err(e),
            };
            import.set(Some(result));
        });
    };
    let apply = move |_| {
        let Some(Ok((i, d))) = import.get_untracked() else {
            return;
        };
        editor.change(|draft| draft.set_shops(i.shops.clone()));
        applied.set(Some(format!(
            "お店の一覧を置き換えました（{}） / the shop list is replaced",
            d.summary()
        )));
        import.set(None);
    };
    let template = move |_| {
        let _ = actions::download(
            "shops-template.csv",
            &crate::domain::publish::shops_csv::template(),
        );
    };
    view! {
        <h3>{state.t("認定店舗（Excel の CSV）", "Certified shops (CSV from Excel)")}</h3>
        <p>{state.t(
            "Excel の一覧を「CSV」または「CSV UTF-8」で保存して選びます。列：店舗ID・店舗名・業種・地区・住所・地図URL・認定日（必須）、店舗名（英語）・住所（英語）・営業時間・認定・認定終了日・見本（任意）。",
            "Save the Excel list as CSV (either kind) and choose it. Columns: 店舗ID, 店舗名, 業種, 地区, 住所, 地図URL, 認定日 (required); 店舗名（英語）, 住所（英語）, 営業時間, 認定, 認定終了日, 見本 (optional).",
        )}</p>
        <p><button type="button" class="button button--secondary" on:click=template>{state.t("空の一覧（CSV）を保存", "Save an empty list (CSV)")}</button></p>
        <div class="field">
            <label class="field__label" for="editor-shops">{state.t("認定店舗の一覧（CSV）", "Certified shop list (CSV)")}</label>
            <input id="editor-shops" type="file" accept=".csv,text/csv" on:change=on_file/>
        </div>
        {move || import.get().map(|r| match r {
            Err(e) => note(false, e).into_any(),
            Ok((i, d)) => {
                let can = !i.shops.is_empty();
                view! {
                    <div data-testid="shops-import">
                        <p>{format!("{}：{}件読み込み、{}行に問題 / {}: {} shops read, {} bad lines", i.encoding.label(), i.shops.len(), i.problems.len(), i.encoding.label(), i.shops.len(), i.problems.len())}</p>
                        {(!i.problems.is_empty()).then(|| view! {
                            <ul class="office__problems" data-testid="shops-problems">
                                {i.problems.iter().map(|p| view! { <li>{p.wording(editor.lang)}</li> }).collect_view()}
                            </ul>
                        })}
                        <p data-testid="shops-diff"><strong>{d.summary()}</strong></p>
                        <ul>
                            {d.added.iter().map(|(id, n)| view! { <li>{format!("追加 / added: {id} {n}")}</li> }).collect_view()}
                            {d.changed.iter().map(|c| view! { <li>{format!("変更 / changed: {} {} ({})", c.id, c.name, c.fields.join(", "))}</li> }).collect_view()}
                            {d.removed.iter().map(|(id, n)| view! { <li>{format!("削除 / removed: {id} {n}")}</li> }).collect_view()}
                        </ul>
                        <p><button type="button" class="button" disabled=!can on:click=apply>{state.t("この一覧で置き換える", "Replace the list with this one")}</button></p>
                    </div>
                }.into_any()
            }
        })}
        {move || applied.get().map(|m| note(true, m))}
    }
}

#[component]
fn Holidays(editor: Editor) -> impl IntoView {
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
                applied.set(Some((
                    true,
                    format!("{n}件の祝日を配信データに入れました / {n} holidays put in the feed"),
                )));
            }
            Err(e) => applied.set(Some((false, e.wording(editor.lang)))),
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
            Err(e) => note(false, e).into_any(),
            Ok(i) => view! {
                <p data-testid="holidays-import">{i.summary(HolidayCalendar::embedded())}</p>
                <p><button type="button" class="button" on:click=apply>{state.t("祝日を配信データに入れる", "Put the holidays in the feed")}</button></p>
            }.into_any(),
        })}
        {move || applied.get().map(|(ok, m)| note(ok, m))}
    }
}

#[component]
fn Questionnaires(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let file = RwSignal::new(None::<Result<QuestionnaireFile, String>>);
    let applied = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(f) = files_of(&ev).into_iter().next() else {
            return;
        };
        applied.set(None);
        leptos::task::spawn_local(async move {
            let result = match read_file(f, MAX_FILE).await {
                Ok(text) => {
                    read_questionnaire_file(&text, editor.lang).map_err(|e| e.wording(editor.lang))
                }
                Err(e) => Err(e),
            };
            file.set(Some(result));
        });
    };
    let apply = move |_| {
        let Some(Ok(q)) = file.get_untracked() else {
            return;
        };
        let mut n = 0;
        editor.change(|d| {
            for def in q.definitions.clone() {
                if d.put_questionnaire(def).is_ok() {
                    n += 1;
                }
            }
        });
        applied.set(Some(format!(
            "{n}件のセルフチェックを配信データに入れました / {n} self-checks put in the feed"
        )));
        file.set(None);
    };
    view! {
        <h3>{state.t("セルフチェック（質問票ファイル）", "Self-checks (questionnaire file)")}</h3>
        <div class="field">
            <label class="field__label" for="editor-questionnaire">{state.t("質問票ファイル（JSON）", "Questionnaire file (JSON)")}</label>
            <input id="editor-questionnaire" type="file" accept=".json,application/json" on:change=on_file/>
        </div>
        {move || file.get().map(|r| match r {
            Err(e) => note(false, e).into_any(),
            Ok(q) => {
                let ok = q.problems.is_empty();
                view! {
                    <div data-testid="questionnaire-file">
                        {(!ok).then(|| view! {
                            <ul class="office__problems">
                                {q.problems.iter().map(|p| view! { <li>{format!("{}: {}", p.place, p.wording(editor.lang))}</li> }).collect_view()}
                            </ul>
                        })}
                        {q.previews.into_iter().map(|p| view! {
                            <div class="feed-editor__phone">
                                <p class="feed-editor__day">{p.title}</p>
                                {p.intro.map(|i| view! { <p>{i}</p> })}
                                <ol>
                                    {p.questions.into_iter().map(|(text, options)| view! {
                                        <li>{text}
                                            <ul>{options.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                                        </li>
                                    }).collect_view()}
                                </ol>
                            </div>
                        }).collect_view()}
                        <p><button type="button" class="button" disabled=!ok on:click=apply>{state.t("配信データに入れる", "Put it in the feed")}</button></p>
                    </div>
                }.into_any()
            }
        })}
        {move || applied.get().map(|m| note(true, m))}
    }
}

#[component]
fn SignedSections(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let message = RwSignal::new(None::<(bool, String)>);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(f) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match read_file(f, MAX_FILE).await {
                Ok(text) => {
                    let mut out = Err(String::new());
                    editor.change(|d| {
                        out = d
                            .put_signed_section(&text)
                            .map_err(|e| e.wording(editor.lang))
                    });
                    out
                }
                Err(e) => Err(e),
            };
            message.set(Some(match result {
                Ok(name) => (
                    true,
                    format!("{name} を配信データに入れました / {name} is put in the feed"),
                ),
                Err(e) => (false, e),
            }));
        });
    };
    view! {
        <h3>{state.t("署名済みデータ（鍵リスト・使用済みデータ）", "Signed data (key list, used data)")}</h3>
        <p>{state.t(
            "「署名して保存する」で作った keys.json や、「使用済みデータに署名」で作った used.json を選ぶと、配信データの該当欄に入ります。署名と番号は保存前の確認で確かめます。",
            "Choose the keys.json made by 「署名して保存する」 or the used.json made by 「使用済みデータに署名」: it goes into its section of the feed. The check before upload verifies its signature and sequence.",
        )}</p>
        <div class="field">
            <label class="field__label" for="editor-signed">{state.t("keys.json または used.json", "keys.json or used.json")}</label>
            <input id="editor-signed" type="file" accept=".json,application/json" on:change=on_file/>
        </div>
        {move || message.get().map(|(ok, m)| note(ok, m))}
    }
}

#[component]
fn CheckAndSave(editor: Editor) -> impl IntoView {
    let state = AppState::expect();
    let accept_warnings = RwSignal::new(false);
    let message = RwSignal::new(None::<(bool, String)>);
    // What would be uploaded now: the feed text and its calendar.
    let build = move || {
        let today = actions::today();
        let now = actions::now();
        editor.draft.with_untracked(|d| {
            d.as_ref()
                .map(|d| (d.to_json(today, now), d.calendar(today, now)))
        })
    };
    let run = move |_| {
        let Some((feed, calendar)) = build() else {
            return;
        };
        let previous = editor.opened.get_value();
        let report = actions::check_for_upload(
            &feed,
            calendar.as_ref().ok().map(String::as_str),
            previous.as_deref(),
        );
        accept_warnings.set(false);
        message.set(None);
        editor.report.set(Some(report));
    };
    let can_save = move || {
        editor.report.with(|r| {
            r.as_ref()
                .is_some_and(|r| r.can_publish(accept_warnings.get()))
        })
    };
    let save_feed = move |_| {
        if !can_save() {
            return;
        }
        let Some((feed, _)) = build() else {
            return;
        };
        message.set(Some(
            match actions::download("feed.json", feed.as_bytes()) {
                Ok(()) => (
                    true,
                    state
                        .t("feed.json を保存しました。", "feed.json is saved.")
                        .to_string(),
                ),
                Err(e) => (false, e),
            },
        ));
    };
    let save_calendar = move |_| {
        if !can_save() {
            return;
        }
        let Some((_, calendar)) = build() else {
            return;
        };
        message.set(Some(
            match calendar
                .map_err(|e| e.wording(editor.lang))
                .and_then(|c| actions::download("calendar.ics", c.as_bytes()))
            {
                Ok(()) => (
                    true,
                    state
                        .t("calendar.ics を保存しました。", "calendar.ics is saved.")
                        .to_string(),
                ),
                Err(e) => (false, e),
            },
        ));
    };
    view! {
        <h3>{state.t("確認して保存する", "Check and save")}</h3>
        <p>{state.t(
            "公開日（今日）を入れて、配信データ全体をアプリと同じ規則で確かめます。エラーがあるあいだは保存できません。",
            "Stamps today's publication date and checks the whole feed by the apps' rules. It cannot be saved while there are errors.",
        )}</p>
        <p><button type="button" class="button" on:click=run>{state.t("アップロード前に確認する", "Check before upload")}</button></p>
        {move || editor.report.get().map(|r| {
            let errors = r.errors();
            let warnings = r.warnings();
            view! {
                <div data-testid="editor-report">
                    <p role="status" class=report_class(errors, warnings)>{r.summary(editor.lang)}</p>
                    {(!r.problems.is_empty()).then(|| view! {
                        <div class="table-wrap">
                            <table class="office__table">
                                <caption>{state.t("問題の一覧", "Problems")}</caption>
                                <thead><tr>
                                    <th scope="col">{state.t("重さ", "Severity")}</th>
                                    <th scope="col">{state.t("区分", "Section")}</th>
                                    <th scope="col">{state.t("場所", "Place")}</th>
                                    <th scope="col">{state.t("内容", "Problem")}</th>
                                </tr></thead>
                                <tbody>
                                    {r.problems.iter().map(|p| view! {
                                        <tr data-severity=if p.severity == Severity::Error { "error" } else { "warning" }>
                                            <td>{p.severity.label()}</td>
                                            <td>{p.section.clone()}</td>
                                            <td><code>{p.place.clone()}</code></td>
                                            <td>{p.wording(editor.lang)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    })}
                    {(errors == 0 && warnings > 0).then(|| view! {
                        <label class="checkbox"><input type="checkbox" prop:checked=move || accept_warnings.get() on:change=move |ev| accept_warnings.set(event_target_checked(&ev))/>
                            {state.t("警告を確認しました。このまま保存します", "I have read the warnings; save anyway")}</label>
                    })}
                </div>
            }
        })}
        {move || can_save().then(|| view! {
            <p class="office__downloads">
                <button type="button" class="button" on:click=save_feed>{state.t("feed.json を保存", "Save feed.json")}</button>
                <button type="button" class="button button--secondary" on:click=save_calendar>{state.t("calendar.ics を保存", "Save calendar.ics")}</button>
            </p>
        })}
        {move || message.get().map(|(ok, m)| note(ok, m))}
    }
}
