//! Keys: opening a key file (to issue, to sign the key list or the used data), and the
//! guided key set-up, from nothing to a signed key list: the root key (its public key
//! handed to whoever builds the app), issuer keys and a used-data key, each added to the
//! unsigned key list (kept in this browser, public parts only), then the list signed
//! with the root key for the feed editor. Rotation and a leak edit the same list.

use std::sync::Arc;

use chrono::{Datelike, Months, NaiveDate};
use leptos::prelude::*;

use super::{Session, MAX_FILE};
use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::keys::{KeyListHeader, KeyRole};
use crate::domain::tickets::office::keyfile::{idle_lock_due, KeyKind, IDLE_LOCK_MINUTES};
use crate::domain::tickets::office::keylist::{IssuerEntry, KeyListDraft};
use crate::features::office::actions::{self, NewKey};
use crate::features::office::pages::common::{files_of, status, Message, Say};
use crate::platform::clock;
use crate::platform::download::read_file;
use crate::ui::state::AppState;

/// How a key file is named on screen, in the interface's language.
fn key_name(kind: KeyKind, label: &str, lang: Lang) -> String {
    let en = matches!(lang, Lang::En);
    let kind = match (kind, en) {
        (KeyKind::Root, false) => "ルート鍵".to_string(),
        (KeyKind::Root, true) => "Root key".to_string(),
        (KeyKind::Issuer(id), false) => format!("発行鍵 {id}"),
        (KeyKind::Issuer(id), true) => format!("Issuer key {id}"),
        (KeyKind::Used(id), false) => format!("使用済みデータ鍵 {id}"),
        (KeyKind::Used(id), true) => format!("Used-data key {id}"),
    };
    if label.is_empty() {
        kind
    } else {
        format!("{kind} — {label}")
    }
}

/// Closes the open key after [`IDLE_LOCK_MINUTES`] without input: every key press,
/// pointer press or typing in the page counts as input; checked every 30 seconds.
fn close_when_idle(session: Session, message: Message) {
    let state = AppState::expect();
    let last_input = StoredValue::new(clock::now());
    for event in ["keydown", "pointerdown", "input"] {
        let _ = window_event_listener_untyped(event, move |_| {
            last_input.set_value(clock::now());
        });
    }
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let open = session.key.with_value(Option::is_some);
            if open && idle_lock_due(last_input.get_value(), clock::now()) {
                session.close_key();
                message.done(match state.lang.get_untracked() {
                        Lang::En => format!("The key was closed: nothing was done for {IDLE_LOCK_MINUTES} minutes. Open it again with its passphrase."),
                        _ => format!("{IDLE_LOCK_MINUTES}分間操作がなかったので、鍵を閉じました。使うときはパスフレーズで開き直してください。"),
                    });
            }
        },
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }
}

#[component]
pub(super) fn KeySection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let message = RwSignal::new(None::<(bool, String)>);
    close_when_idle(session, message);
    let close = move |_| {
        session.close_key();
        message.done(
            state
                .tr("鍵を閉じました。", "The key is closed.")
                .to_string(),
        );
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match read_file(file, MAX_FILE).await {
                Ok(text) => actions::open_key(
                    state.lang.get_untracked(),
                    &text,
                    &session.passphrase.get_untracked(),
                ),
                Err(e) => Err(e),
            };
            // The passphrase is not kept once it has been used.
            session.passphrase.set(String::new());
            match result {
                Ok(key) => {
                    let label = key_name(key.kind, &key.label, state.lang.get_untracked());
                    let what = match (key.kind, state.lang.get_untracked()) {
                        (KeyKind::Root, Lang::En) => {
                            "use it to sign the key list (key set-up, step 4)"
                        }
                        (KeyKind::Root, _) => "鍵一覧の署名（鍵の準備の 4）に使えます",
                        (KeyKind::Issuer(_), Lang::En) => "use it to issue a month (card 3)",
                        (KeyKind::Issuer(_), _) => "月の発行（カード3）に使えます",
                        (KeyKind::Used(_), Lang::En) => {
                            "use it to sign the used data after settlement (card 5)"
                        }
                        (KeyKind::Used(_), _) => {
                            "精算後の使用済みデータの署名（カード5）に使えます"
                        }
                    };
                    session.demo_key.set(actions::is_demo_key(&key));
                    session.key.set_value(Some(Arc::new(key)));
                    session.key_label.set(Some(label.clone()));
                    message.done(format!("{label}: {what}"));
                }
                Err(e) => message.fail(e),
            }
        });
    };
    view! {
        <section class="card office__section" aria-labelledby="office-keys">
            <h2 id="office-keys">{state.t("1. 鍵を開く", "1. Open a key")}</h2>
            <p>{state.t(
                "発行には発行鍵、鍵一覧の署名にはルート鍵、使用済みデータの署名には使用済みデータ鍵を開きます。開いた鍵はこのタブの中だけで使い、保存しません。",
                "Open the issuer key to issue, the root key to sign the key list, the used-data key to sign the used data. An open key stays in this tab only and is never stored.",
            )}</p>
            <PassphraseField session id="office-passphrase"/>
            <div class="field">
                <label class="field__label" for="office-keyfile">{state.t("鍵ファイルを開く", "Open a key file")}</label>
                <input id="office-keyfile" type="file" accept=".key,.json,application/json" on:change=on_file/>
            </div>
            <p data-testid="office-key">{move || session.key_label.get().unwrap_or_else(|| state.tr("鍵は開いていません", "No key open").to_string())}</p>
            <Show when=move || session.key_label.with(Option::is_some)>
                <button type="button" class="button button--secondary button--small" on:click=close>
                    {state.t("鍵を閉じる", "Close the key")}
                </button>
                <p class="muted">{move || match state.lang.get() {
                    Lang::En => format!("Close the key when you leave the desk; it closes by itself after {IDLE_LOCK_MINUTES} minutes without input."),
                    _ => format!("席を離れるときは鍵を閉じてください。{IDLE_LOCK_MINUTES}分間操作がないと自動で閉じます。"),
                }}</p>
            </Show>
            {move || message.get().map(|(ok, m)| status(ok, m))}
        </section>
    }
}

/// The passphrase field (one per page: making a key and opening one both read it).
#[component]
fn PassphraseField(session: Session, id: &'static str) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <div class="field">
            <label class="field__label" for=id>{state.t("パスフレーズ（12文字以上）", "Passphrase (12 characters or more)")}</label>
            <input id=id class="input" type="password" autocomplete="off"
                prop:value=move || session.passphrase.get() on:input=move |ev| session.passphrase.set(event_target_value(&ev))/>
        </div>
    }
}

/// The fiscal year (April to March) that holds `day`: the default window of a new key.
fn fiscal_year(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let start_year = if day.month() >= 4 {
        day.year()
    } else {
        day.year() - 1
    };
    let start = NaiveDate::from_ymd_opt(start_year, 4, 1).unwrap_or(day);
    let end = NaiveDate::from_ymd_opt(start_year + 1, 3, 31).unwrap_or(day);
    (start, end)
}

/// The unsigned key list, from this browser's record (empty the first time).
fn stored_draft() -> KeyListDraft {
    let desk = actions::load_desk();
    let mut draft = desk
        .key_list
        .as_deref()
        .and_then(|t| KeyListDraft::from_json(t).ok())
        .unwrap_or_default();
    draft.published_sequence = desk.published_sequence;
    draft
}

/// Keep the unsigned key list in this browser (public parts only).
fn store_draft(draft: &KeyListDraft) -> Result<(), String> {
    let mut desk = actions::load_desk();
    desk.key_list = Some(draft.to_json());
    desk.published_sequence = draft.published_sequence;
    actions::save_desk(&desk)
}

/// What the key set-up's steps share: the unsigned list, the card's message, and the
/// fields of steps 2–3 (signal handles only, so it is Copy).
#[derive(Clone, Copy)]
struct Setup {
    state: AppState,
    session: Session,
    draft: RwSignal<KeyListDraft>,
    message: Message,
    root_public: RwSignal<Option<String>>,
    /// The window a new key gets when none is entered (the fiscal year of next month).
    window: (NaiveDate, NaiveDate),
    not_before: RwSignal<String>,
    not_after: RwSignal<String>,
    max_face: RwSignal<String>,
    max_days: RwSignal<String>,
    issuer_id: RwSignal<String>,
    used_id: RwSignal<String>,
}

impl Setup {
    fn new(session: Session) -> Self {
        let draft = RwSignal::new(stored_draft());
        let today = actions::today();
        let (from, to) = fiscal_year(today.checked_add_months(Months::new(1)).unwrap_or(today));
        Setup {
            state: AppState::expect(),
            session,
            draft,
            message: RwSignal::new(None::<(bool, String)>),
            root_public: RwSignal::new(None::<String>),
            window: (from, to),
            not_before: RwSignal::new(from.to_string()),
            not_after: RwSignal::new(to.to_string()),
            max_face: RwSignal::new("1000".to_string()),
            max_days: RwSignal::new("92".to_string()),
            issuer_id: RwSignal::new(
                draft
                    .with_untracked(|d| d.free_id(1).unwrap_or(1))
                    .to_string(),
            ),
            used_id: RwSignal::new(
                draft
                    .with_untracked(|d| d.free_id(200).unwrap_or(200))
                    .to_string(),
            ),
        }
    }

    fn lang(self) -> Lang {
        self.state.lang.get_untracked()
    }

    fn en(self) -> bool {
        matches!(self.lang(), Lang::En)
    }

    /// Keep `d` in this browser and show it.
    fn set_draft(self, d: KeyListDraft) {
        if let Err(e) = store_draft(&d) {
            self.message.fail(e);
        }
        self.draft.set(d);
    }
}

/// Make a key, save its file, and (but for the root key) add it to the list.
fn make_key(s: Setup, which: NewKey) {
    let en = s.en();
    let passphrase = s.session.passphrase.get_untracked();
    let label = match which {
        NewKey::Root => {
            if en {
                "Root key".to_string()
            } else {
                "ルート鍵".to_string()
            }
        }
        NewKey::Issuer(n) => {
            if en {
                format!("Issuer key {n}")
            } else {
                format!("発行鍵 {n}")
            }
        }
        NewKey::Used(n) => {
            if en {
                format!("Used-data key {n}")
            } else {
                format!("使用済みデータ鍵 {n}")
            }
        }
    };
    let date = |text: String| crate::domain::shared::date_input::parse_date(&text);
    let window = match (
        date(s.not_before.get_untracked()),
        date(s.not_after.get_untracked()),
    ) {
        (Some(a), Some(b)) if a <= b => Some((a, b)),
        _ => None,
    };
    if which != NewKey::Root && window.is_none() {
        s.message.fail(if en {
            "Enter the key's window as two dates, the first not after the second (e.g. 2027-04-01 and 2028-03-31)."
        } else {
            "鍵を使える期間を、始めの日と終わりの日で入れてください（例 2027-04-01 と 2028-03-31）。"
        });
        return;
    }
    let result = actions::new_key(s.lang(), which, &label, &passphrase);
    s.session.passphrase.set(String::new());
    let (file, info) = match result {
        Ok(made) => made,
        Err(e) => {
            s.message.fail(e);
            return;
        }
    };
    let file_name = match which {
        NewKey::Root => "root.key".to_string(),
        NewKey::Issuer(n) => format!("issuer-{n}.key"),
        NewKey::Used(n) => format!("used-{n}.key"),
    };
    if let Err(e) = actions::download(&file_name, file.as_bytes()) {
        s.message.fail(e);
        return;
    }
    let public = actions::public_text(&info.public_key);
    if which == NewKey::Root {
        s.root_public.set(Some(public));
        s.message.done(if en {
            format!("The root key file {file_name} is saved. Keep it offline with a backup; hand the public key below to whoever builds the app.")
        } else {
            format!("ルート鍵のファイル {file_name} を保存しました。ネットワークにつながない場所に、控えと別々に保管してください。下の公開鍵を、アプリを作る担当者に渡します。")
        });
        return;
    }
    let (a, b) = window.unwrap_or(s.window);
    let face = s
        .max_face
        .get_untracked()
        .trim()
        .parse::<u32>()
        .unwrap_or(1_000);
    let days = s
        .max_days
        .get_untracked()
        .trim()
        .parse::<u16>()
        .unwrap_or(92);
    let Some(entry) = IssuerEntry::for_key(&info, a, b, days, face) else {
        return;
    };
    let id = entry.id;
    let mut d = s.draft.get_untracked();
    d.upsert(entry);
    s.issuer_id.set(d.free_id(1).unwrap_or(1).to_string());
    s.used_id.set(d.free_id(200).unwrap_or(200).to_string());
    s.set_draft(d);
    s.message.done(if en {
        format!("{file_name} is saved and key {id} is in the key list below. Sign the list (step 4) and publish it before using the key.")
    } else {
        format!("{file_name} を保存し、鍵 {id} を下の鍵一覧に加えました。鍵一覧に署名して（4）公開してから、この鍵を使えます。")
    });
}

/// Make the issuer or used-data key numbered in `id` (`kind` names which).
fn make_numbered(s: Setup, id: RwSignal<String>, kind: fn(u8) -> NewKey) {
    match id.get_untracked().trim().parse::<u8>() {
        Ok(n) if n > 0 => make_key(s, kind(n)),
        _ => s.message.fail(if s.en() {
            "The key id is a number from 1 to 255."
        } else {
            "鍵の番号は 1〜255 の数です。"
        }),
    }
}

/// Start from a published list: the feed opened in card 4.
fn start_from_feed(s: Setup) {
    let en = s.en();
    let Some(feed) = s.session.feed.get_untracked() else {
        s.message.fail(if en {
            "Open the published feed in card 4 first, or choose a key list file."
        } else {
            "先にカード4で公開中の配信データを開くか、鍵一覧のファイルを選んでください。"
        });
        return;
    };
    match feed.sections.key_set().dto() {
        Some(dto) => match serde_json::to_string(dto)
            .ok()
            .and_then(|t| KeyListDraft::from_json(&t).ok())
        {
            Some(d) => {
                s.message.done(if en {
                    format!("The published key list (sequence {}) is the starting point: add, remove or replace keys, then sign it with a higher sequence.", d.published_sequence)
                } else {
                    format!("公開中の鍵一覧（番号 {}）から始めます。鍵を加える・外す・置き換えてから、より大きい番号で署名してください。", d.published_sequence)
                });
                s.set_draft(d);
            }
            None => s.message.fail("keys"),
        },
        None => s.message.fail(if en {
            "The opened feed has no valid key list."
        } else {
            "開いた配信データには有効な鍵一覧がありません。"
        }),
    }
}

/// Start from a key list file (a saved list or keys.json).
fn start_from_file(s: Setup, ev: leptos::ev::Event) {
    let Some(file) = files_of(&ev).into_iter().next() else {
        return;
    };
    leptos::task::spawn_local(async move {
        match read_file(file, MAX_FILE).await {
            Ok(text) => match KeyListDraft::from_json(&text) {
                Ok(d) => {
                    s.message.done(if s.en() {
                        format!("{} keys read.", d.entries.len())
                    } else {
                        format!("{} 件の鍵を読み込みました。", d.entries.len())
                    });
                    s.set_draft(d);
                }
                Err(e) => s.message.fail(e.wording(s.lang())),
            },
            Err(e) => s.message.fail(e),
        }
    });
}

#[component]
pub(super) fn KeySetup(session: Session) -> impl IntoView {
    let s = Setup::new(session);
    let state = s.state;
    view! {
        <section class="card office__section" aria-labelledby="office-keysetup">
            <h2 id="office-keysetup">{state.t("鍵の準備（本番を始めるとき・鍵を替えるとき）", "Key set-up (going live, changing keys)")}</h2>
            <ol class="office__steps">
                <li>{state.t("ルート鍵を作る（最初の1回だけ）。公開鍵をアプリを作る担当者に渡す。", "Make the root key (once). Hand its public key to whoever builds the app.")}</li>
                <li>{state.t("発行鍵を作る（年度ごと）。", "Make an issuer key (each fiscal year).")}</li>
                <li>{state.t("使用済みデータ鍵を作る。", "Make a used-data key.")}</li>
                <li>{state.t("鍵一覧にルート鍵で署名し、配信データ編集（keys.json）に入れて公開する。", "Sign the key list with the root key, put it in the feed editor (keys.json) and publish.")}</li>
            </ol>
            <p>{state.t(
                "鍵ファイルは作るとすぐ保存されます。パスフレーズは12文字以上（5語以上の言葉の組み合わせがおすすめ）。鍵ファイルとパスフレーズは別々の場所に保管します。",
                "Each key file is saved as soon as it is made. Passphrases: 12 characters or more (five or more words is best). Keep key files and passphrases in separate places.",
            )}</p>
            <PassphraseField session id="office-setup-passphrase"/>
            {root_step(s)}
            {key_steps(s)}
            {list_step(s)}
            <SignStep session draft=s.draft/>
            {move || s.message.get().map(|(ok, m)| status(ok, m))}
        </section>
    }
}

/// Step 1: the root key, and what to hand over once it is made.
fn root_step(s: Setup) -> impl IntoView {
    let state = s.state;
    let make_root = move |_| make_key(s, NewKey::Root);
    view! {
        <h3>{state.t("1. ルート鍵", "1. Root key")}</h3>
        <p>{move || match actions::app_root_public() {
            Some(k) => format!("{} {k}", state.tr("このアプリに組み込まれたルート鍵の公開鍵:", "The root public key built into this app:")),
            None => state.tr("このアプリは見本（デモ）用です。本番のアプリには、市のルート鍵の公開鍵を組み込みます。", "This is the demo app. The production app carries the city's root public key.").to_string(),
        }}</p>
        <button type="button" class="button button--secondary" on:click=make_root>{state.t("ルート鍵を作って保存する", "Make and save the root key")}</button>
        {move || s.root_public.get().map(|k| view! {
            <div class="notice notice--ok" data-testid="root-handover">
                <p>{state.t("アプリを作る担当者に渡すもの（この1行だけ。鍵ファイルは渡しません）:", "Hand this one line to whoever builds the app (never the key file):")}</p>
                <p><code class="office__code">{format!("JOKATSU_ROOT_PUBLIC_KEY={k}")}</code></p>
                <p>{state.t(
                    "公開後の確認: 本番のアプリと同じときに作られた事務局ページを開き、この欄の「このアプリに組み込まれたルート鍵の公開鍵」が、この値と同じか確かめます。",
                    "After the release: open the office page built with the production app and check that “The root public key built into this app” on this card is this same value.",
                )}</p>
            </div>
        })}
    }
}

/// Steps 2–3: the issuer and used-data keys (window, id and bounds).
fn key_steps(s: Setup) -> impl IntoView {
    let state = s.state;
    let Setup {
        not_before,
        not_after,
        max_face,
        max_days,
        issuer_id,
        used_id,
        ..
    } = s;
    let make_issuer = move |_| make_numbered(s, issuer_id, NewKey::Issuer);
    let make_used = move |_| make_numbered(s, used_id, NewKey::Used);
    view! {
        <h3>{state.t("2・3. 発行鍵と使用済みデータ鍵", "2–3. Issuer and used-data keys")}</h3>
        <div class="office__row">
            <div class="field">
                <label class="field__label" for="office-key-from">{state.t("使える期間の始め", "Window from")}</label>
                <input id="office-key-from" class="input" prop:value=move || not_before.get() on:input=move |ev| not_before.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-key-to">{state.t("使える期間の終わり", "Window to")}</label>
                <input id="office-key-to" class="input" prop:value=move || not_after.get() on:input=move |ev| not_after.set(event_target_value(&ev))/>
            </div>
        </div>
        <div class="office__row">
            <div class="field">
                <label class="field__label" for="office-issuer-id">{state.t("発行鍵の番号", "Issuer key id")}</label>
                <input id="office-issuer-id" class="input" inputmode="numeric" prop:value=move || issuer_id.get() on:input=move |ev| issuer_id.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-max-face">{state.t("額面の上限（円）", "Face value at most (yen)")}</label>
                <input id="office-max-face" class="input" inputmode="numeric" prop:value=move || max_face.get() on:input=move |ev| max_face.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-max-days">{state.t("有効日数の上限", "Validity at most (days)")}</label>
                <input id="office-max-days" class="input" inputmode="numeric" prop:value=move || max_days.get() on:input=move |ev| max_days.set(event_target_value(&ev))/>
            </div>
        </div>
        <p><button type="button" class="button button--secondary" on:click=make_issuer>{state.t("発行鍵を作って鍵一覧に加える", "Make an issuer key and add it to the list")}</button></p>
        <div class="field">
            <label class="field__label" for="office-used-id">{state.t("使用済みデータ鍵の番号", "Used-data key id")}</label>
            <input id="office-used-id" class="input" inputmode="numeric" prop:value=move || used_id.get() on:input=move |ev| used_id.set(event_target_value(&ev))/>
        </div>
        <p><button type="button" class="button button--secondary" on:click=make_used>{state.t("使用済みデータ鍵を作って鍵一覧に加える", "Make a used-data key and add it to the list")}</button></p>
    }
}

/// The unsigned key list: its table, and where it starts from or is saved to.
fn list_step(s: Setup) -> impl IntoView {
    let state = s.state;
    let on_list_file = move |ev: leptos::ev::Event| start_from_file(s, ev);
    let from_feed = move |_| start_from_feed(s);
    let save_list = move |_| {
        let json = s.draft.with_untracked(KeyListDraft::to_json);
        if let Err(e) = actions::download("key-list.json", json.as_bytes()) {
            s.message.fail(e);
        }
    };
    view! {
        <h3>{state.t("鍵一覧（公開部分）", "The key list (public parts)")}</h3>
        <DraftTable draft=s.draft set_draft=Callback::new(move |d| s.set_draft(d))/>
        <div class="field">
            <label class="field__label" for="office-keylist-file">{state.t("鍵一覧のファイルから始める（保存した鍵一覧か keys.json）", "Start from a key list file (a saved list or keys.json)")}</label>
            <input id="office-keylist-file" type="file" accept=".json,application/json" on:change=on_list_file/>
        </div>
        <p class="office__actions">
            <button type="button" class="button button--secondary" on:click=from_feed>{state.t("公開中の鍵一覧から始める", "Start from the published key list")}</button>
            <button type="button" class="button button--secondary" on:click=save_list>{state.t("鍵一覧（公開部分）を保存", "Save the key list (public parts)")}</button>
        </p>
    }
}

/// The keys of the unsigned list, each with a button to take it off the list, and for an
/// issuer key a revocation date (a leaked or lost key: its tickets redeemed on or after
/// the day are refused, earlier ones are still paid; `docs/operations.md`, "A key leaks").
#[component]
fn DraftTable(draft: RwSignal<KeyListDraft>, set_draft: Callback<KeyListDraft>) -> impl IntoView {
    let state = AppState::expect();
    let problem = RwSignal::new(None::<String>);
    view! {
        {move || {
            let d = draft.get();
            if d.entries.is_empty() {
                return view! { <p data-testid="keylist-empty">{state.t("まだ鍵がありません。", "No keys yet.")}</p> }.into_any();
            }
            view! {
                <table class="office__table" data-testid="keylist">
                    <thead><tr>
                        <th scope="col">{state.t("番号", "Id")}</th>
                        <th scope="col">{state.t("種類", "Kind")}</th>
                        <th scope="col">{state.t("使える期間", "Window")}</th>
                        <th scope="col">{state.t("上限", "Bounds")}</th>
                        <th scope="col">{state.t("取り消し（漏れた・なくした鍵）", "Revoked from (leaked or lost key)")}</th>
                        <th scope="col"><span class="visually-hidden">{state.t("操作", "Action")}</span></th>
                    </tr></thead>
                    <tbody>
                        {d.entries.into_iter().map(|e| {
                            let id = e.id;
                            let kind = match e.role {
                                KeyRole::Issuer => state.tr("発行鍵", "Issuer"),
                                KeyRole::Used => state.tr("使用済みデータ鍵", "Used data"),
                            };
                            let bounds = match e.role {
                                KeyRole::Issuer => format!("{}円・{}日", e.max_face_value, e.max_validity_days),
                                KeyRole::Used => "—".to_string(),
                            };
                            let remove = move |_| {
                                let mut d = draft.get_untracked();
                                d.remove(id);
                                set_draft.run(d);
                            };
                            let revoke_day = RwSignal::new(e.revoked_from.clone().unwrap_or_default());
                            let revoke = move |_| {
                                let text = revoke_day.get_untracked();
                                let day = if text.trim().is_empty() {
                                    None
                                } else {
                                    match crate::domain::shared::date_input::parse_date(&text) {
                                        Some(day) => Some(day),
                                        None => {
                                            problem.set(Some(state.tr(
                                                "取り消し日は 2027-05-10 の形で入れてください（空にすると取り消しを外します）。",
                                                "Enter the revocation day as 2027-05-10 (empty lifts the revocation).",
                                            ).to_string()));
                                            return;
                                        }
                                    }
                                };
                                let mut d = draft.get_untracked();
                                match d.revoke(id, day) {
                                    Ok(()) => {
                                        problem.set(None);
                                        set_draft.run(d);
                                    }
                                    Err(p) => problem.set(Some(p.wording(state.lang.get_untracked()))),
                                }
                            };
                            let revoke_id = format!("office-revoke-{id}");
                            let revoke_cell = match e.role {
                                KeyRole::Issuer => view! {
                                    <label class="visually-hidden" for=revoke_id.clone()>{state.t("取り消し日", "Revocation day")}</label>
                                    <input id=revoke_id class="input" placeholder="YYYY-MM-DD" data-testid="keylist-revoke-day"
                                        prop:value=move || revoke_day.get() on:input=move |ev| revoke_day.set(event_target_value(&ev))/>
                                    <button type="button" class="button button--small button--secondary" data-testid="keylist-revoke" on:click=revoke>{state.t("取り消し日を設定", "Set revocation day")}</button>
                                }.into_any(),
                                KeyRole::Used => view! { <span>{state.t("（外して作り直す）", "(remove and make a new one)")}</span> }.into_any(),
                            };
                            view! {
                                <tr data-testid="keylist-row">
                                    <td>{id}</td>
                                    <td>{kind}{e.demo.then_some(" (DEMO)")}</td>
                                    <td>{format!("{} 〜 {}", e.not_before, e.not_after)}</td>
                                    <td>{bounds}</td>
                                    <td>{revoke_cell}</td>
                                    <td><button type="button" class="button button--small button--secondary" on:click=remove>{state.t("外す", "Remove")}</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
        {move || problem.get().map(|p| status(false, p))}
    }
}

/// Step 4: sign the list with the root key (opened in card 1).
#[component]
fn SignStep(session: Session, draft: RwSignal<KeyListDraft>) -> impl IntoView {
    let state = AppState::expect();
    let today = actions::today();
    let sequence = RwSignal::new(String::new());
    let signed_at = RwSignal::new(today.to_string());
    let expires = RwSignal::new(
        today
            .checked_add_months(Months::new(6))
            .unwrap_or(today)
            .to_string(),
    );
    let problems = RwSignal::new(Vec::<String>::new());
    let done = RwSignal::new(None::<String>);
    let seq_placeholder = move || (draft.with(|d| d.published_sequence) + 1).to_string();
    let sign = move |_| {
        done.set(None);
        let lang = state.lang.get_untracked();
        let en = matches!(lang, Lang::En);
        let Some(key) = session.key.get_value() else {
            problems.set(vec![if en {
                "Open the root key in card 1 (“Open a key file”) first: the key list is signed with the root key.".into()
            } else {
                "先にカード1の「鍵ファイルを開く」でルート鍵を開いてください。鍵一覧にはルート鍵で署名します。".into()
            }]);
            return;
        };
        let date = |t: String| crate::domain::shared::date_input::parse_date(&t);
        let seq_text = sequence.get_untracked();
        let seq = if seq_text.trim().is_empty() {
            Some(draft.with_untracked(|d| d.published_sequence) + 1)
        } else {
            seq_text.trim().parse::<u64>().ok()
        };
        let (Some(sequence), Some(signed_at), Some(expires)) = (
            seq,
            date(signed_at.get_untracked()),
            date(expires.get_untracked()),
        ) else {
            problems.set(vec![if en {
                "Enter the sequence as a number and the dates as 2027-04-01.".into()
            } else {
                "番号は数字で、日付は 2027-04-01 の形で入れてください。".into()
            }]);
            return;
        };
        let header = KeyListHeader {
            sequence,
            signed_at,
            expires,
        };
        let result = draft.with_untracked(|d| actions::sign_draft(&key, d, &header, lang));
        match result {
            Ok((json, keys)) => {
                problems.set(Vec::new());
                if let Err(e) = actions::download("keys.json", json.as_bytes()) {
                    problems.set(vec![e]);
                    return;
                }
                session.signed_keys.set(Some(Arc::new(keys)));
                done.set(Some(if en {
                    format!("The signed key list (sequence {sequence}) is saved as keys.json. Put it in the feed with the feed editor (“keys.json or used.json”), check and publish. Issuing checks the issuer key against this list.")
                } else {
                    format!("署名した鍵一覧（番号 {sequence}）を keys.json として保存しました。配信データ編集の「keys.json または used.json」で配信データに入れ、確認して公開してください。発行のときは、この一覧で発行鍵を確かめます。")
                }));
            }
            Err(p) => problems.set(p),
        }
    };
    view! {
        <h3>{state.t("4. 鍵一覧に署名する（ルート鍵）", "4. Sign the key list (root key)")}</h3>
        <div class="office__row">
            <div class="field">
                <label class="field__label" for="office-keylist-seq">{state.t("番号（前回より大きく）", "Sequence (higher than last time)")}</label>
                <input id="office-keylist-seq" class="input" inputmode="numeric" placeholder=seq_placeholder
                    prop:value=move || sequence.get() on:input=move |ev| sequence.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-keylist-signed">{state.t("署名日", "Signed on")}</label>
                <input id="office-keylist-signed" class="input" prop:value=move || signed_at.get() on:input=move |ev| signed_at.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-keylist-expires">{state.t("有効期限（例 2027-06-30）", "Expires (e.g. 2027-06-30)")}</label>
                <input id="office-keylist-expires" class="input" prop:value=move || expires.get() on:input=move |ev| expires.set(event_target_value(&ev))/>
            </div>
        </div>
        <p><button type="button" class="button" on:click=sign>{state.t("署名して保存する", "Sign and save")}</button></p>
        {move || {
            let p = problems.get();
            (!p.is_empty()).then(|| view! {
                <ul class="notice notice--danger office__problems" role="alert" data-testid="keylist-problems">
                    {p.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}
                </ul>
            })
        }}
        {move || done.get().map(|m| status(true, m))}
    }
}
