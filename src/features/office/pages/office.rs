//! The city office (事務局), on a desktop: keys, roster, issuing a month, settling shops'
//! claims, publishing the used data, checking the feed before upload. Everything happens
//! in this tab: private keys, rosters and reports are never written to browser storage
//! or sent anywhere; files come in through file pickers and go out as downloads.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::feed::Feed;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::ticket::YearMonth;
use crate::domain::tickets::office::issuance::{
    parse_month, IssueSettings, MonthOutput, PrintSheet, Register, DEFAULT_LINK_BASE,
};
use crate::domain::tickets::office::keyfile::{KeyKind, UnlockedKey};
use crate::domain::tickets::office::roster::Roster;
use crate::domain::tickets::office::settlement::{Settlement, SettlementReport, SettlementState};
use crate::features::office::actions;
use crate::platform::download::{read_file, read_file_bytes};
use crate::site::{OFFICE, OFFICE_LEAD};
use crate::ui::components::qr_code::QrCode;
use crate::ui::shell::PRODUCTION;
use crate::ui::state::AppState;

const MAX_FILE: usize = 64 * 1024 * 1024;
/// Double uses listed on the page after a settlement (the CSV has every one).
const SHOWN_DUPLICATES: usize = 200;

/// What this tab holds for the session (never persisted).
#[derive(Clone, Copy)]
struct Session {
    key: StoredValue<Option<Arc<UnlockedKey>>>,
    key_label: RwSignal<Option<String>>,
    roster: RwSignal<Option<Arc<Roster>>>,
    register: RwSignal<Arc<Register>>,
    register_name: RwSignal<Option<String>>,
    feed: RwSignal<Option<Arc<Feed>>>,
    output: RwSignal<Option<Arc<MonthOutput>>>,
    sheet: RwSignal<Option<PrintSheet>>,
}

pub(super) fn files_of(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let list = input.files();
    let out = (0..list.as_ref().map_or(0, |l| l.length()))
        .filter_map(|i| list.as_ref().and_then(|l| l.get(i)))
        .collect();
    input.set_value("");
    out
}

fn status(ok: bool, text: String) -> impl IntoView {
    view! {
        <p class=if ok { "notice notice--ok" } else { "notice notice--danger" } role="status">{text}</p>
    }
}

/// The office page.
#[component]
pub fn OfficePage() -> impl IntoView {
    let state = AppState::expect();
    let session = Session {
        key: StoredValue::new(None),
        key_label: RwSignal::new(None),
        roster: RwSignal::new(None),
        register: RwSignal::new(Arc::new(Register::new())),
        register_name: RwSignal::new(None),
        feed: RwSignal::new(None),
        output: RwSignal::new(None),
        sheet: RwSignal::new(None),
    };
    view! {
        <section class="page office">
            // As in the entry page's static shell (`site::html::entry_html`).
            <h1>{state.t(OFFICE.title.0, OFFICE.title.1)}</h1>
            <p>{state.t(OFFICE_LEAD.0, OFFICE_LEAD.1)}</p>
            <KeySection session/>
            <KeyListSection session/>
            <RosterSection session/>
            <IssueSection session/>
            <FeedSection session/>
            <SettleSection session/>
            <super::feed_editor::FeedEditor/>
            {move || session.sheet.get().map(|sheet| view! { <SheetView sheet/> })}
        </section>
    }
}

#[component]
fn KeySection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let passphrase = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let new_id = RwSignal::new("2".to_string());
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let result = match read_file(file, MAX_FILE).await {
                Ok(text) => actions::open_key(
                    state.lang.get_untracked(),
                    &text,
                    &passphrase.get_untracked(),
                ),
                Err(e) => Err(e),
            };
            match result {
                Ok(key) => {
                    let label = match key.kind {
                        KeyKind::Root => format!("ルート鍵 / root key — {}", key.label),
                        KeyKind::Issuer(id) => format!("鍵 {id} / key {id} — {}", key.label),
                    };
                    session.key.set_value(Some(Arc::new(key)));
                    session.key_label.set(Some(label.clone()));
                    passphrase.set(String::new());
                    message.set(Some((true, format!("{label}: 開きました / opened"))));
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let make_key = move |_| {
        let id = new_id.get_untracked().trim().parse::<u8>().unwrap_or(0);
        let result = actions::new_issuer_key(
            state.lang.get_untracked(),
            id,
            &format!("発行鍵 {id} / issuer key {id}"),
            &passphrase.get_untracked(),
        )
        .and_then(|(file, public)| {
            actions::download(&format!("issuer-{id}.key"), file.as_bytes())?;
            Ok(public)
        });
        message.set(Some(match result {
            Ok(public) => (
                true,
                format!("鍵ファイルを保存しました。公開鍵 / public key: {public}"),
            ),
            Err(e) => (false, e),
        }));
    };
    let make_root = move |_| {
        let result = actions::new_root_key(state.lang.get_untracked(), &passphrase.get_untracked())
            .and_then(|(file, public)| {
                actions::download("root.key", file.as_bytes())?;
                Ok(public)
            });
        message.set(Some(match result {
            Ok(public) => (true, format!("ルート鍵ファイルを保存しました。公開鍵（アプリに組み込む値）/ root public key (built into the app): {public}")),
            Err(e) => (false, e),
        }));
    };
    view! {
        <section class="card office__section" aria-labelledby="office-keys">
            <h2 id="office-keys">{state.t("1. 鍵", "1. Keys")}</h2>
            <div class="field">
                <label class="field__label" for="office-passphrase">{state.t("パスフレーズ（12文字以上）", "Passphrase (12 characters or more)")}</label>
                <input id="office-passphrase" class="input" type="password" autocomplete="off"
                    prop:value=move || passphrase.get() on:input=move |ev| passphrase.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-keyfile">{state.t("鍵ファイルを開く", "Open a key file")}</label>
                <input id="office-keyfile" type="file" accept=".key,.json,application/json" on:change=on_file/>
            </div>
            <p data-testid="office-key">{move || session.key_label.get().unwrap_or_else(|| state.tr("鍵は開いていません", "No key open").to_string())}</p>
            <details>
                <summary>{state.t("新しい発行鍵を作る", "Make a new issuer key")}</summary>
                <div class="field">
                    <label class="field__label" for="office-new-id">{state.t("鍵の番号（1〜255）", "Key id (1–255)")}</label>
                    <input id="office-new-id" class="input" inputmode="numeric"
                        prop:value=move || new_id.get() on:input=move |ev| new_id.set(event_target_value(&ev))/>
                </div>
                <button type="button" class="button button--secondary" on:click=make_key>{state.t("作って保存する", "Make and save")}</button>
            </details>
            <details>
                <summary>{state.t("新しいルート鍵を作る（最初の1回だけ）", "Make a new root key (once)")}</summary>
                <p>{state.t("ルート鍵は鍵リストに署名する鍵です。作ったファイルはネットワークにつながない場所に保管し、控えを別に保管してください（docs/operations.md）。", "The root key signs the key list. Keep the file offline, with a backup elsewhere (docs/operations.md).")}</p>
                <button type="button" class="button button--secondary" on:click=make_root>{state.t("ルート鍵を作って保存する", "Make and save the root key")}</button>
            </details>
            {move || message.get().map(|(ok, m)| status(ok, m))}
        </section>
    }
}

#[component]
fn KeyListSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let list = RwSignal::new(String::new());
    let sequence = RwSignal::new(String::new());
    let signed_at = RwSignal::new(actions::today().to_string());
    let expires = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let sign = move |_| {
        let Some(key) = session.key.get_value() else {
            message.set(Some((
                false,
                state
                    .t("先にルート鍵を開いてください。", "Open the root key first.")
                    .into(),
            )));
            return;
        };
        let result = actions::sign_keys(
            state.lang.get_untracked(),
            &key,
            &list.get_untracked(),
            &sequence.get_untracked(),
            &signed_at.get_untracked(),
            &expires.get_untracked(),
        )
        .and_then(|json| actions::download("keys.json", json.as_bytes()));
        message.set(Some(match result {
            Ok(()) => (true, state.t("署名した鍵リスト（keys 欄）を保存しました。配信データの keys に入れてください。", "The signed key list (`keys` section) is saved: put it in the feed's `keys`.").into()),
            Err(e) => (false, e),
        }));
    };
    view! {
        <section class="card office__section" aria-labelledby="office-keylist">
            <h2 id="office-keylist">{state.t("鍵リストに署名する（ルート鍵）", "Sign the key list (root key)")}</h2>
            <p>{state.t(
                "発行鍵・使用済み署名鍵の一覧（JSON、発行鍵を作ったときの控え）を貼り付け、前回より大きい番号と有効期限を入れて署名します。",
                "Paste the list of issuer and used-data keys (JSON, as kept when each key was made), give a sequence higher than last time and an expiry, and sign.",
            )}</p>
            <div class="field">
                <label class="field__label" for="office-keylist-json">{state.t("鍵の一覧（JSON）", "Key list (JSON)")}</label>
                <textarea id="office-keylist-json" class="textarea" rows="6" spellcheck="false"
                    prop:value=move || list.get() on:input=move |ev| list.set(event_target_value(&ev))></textarea>
            </div>
            <div class="field">
                <label class="field__label" for="office-keylist-seq">{state.t("番号（前回より大きく）", "Sequence (higher than last time)")}</label>
                <input id="office-keylist-seq" class="input" inputmode="numeric" prop:value=move || sequence.get() on:input=move |ev| sequence.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-keylist-signed">{state.t("署名日", "Signed on")}</label>
                <input id="office-keylist-signed" class="input" prop:value=move || signed_at.get() on:input=move |ev| signed_at.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-keylist-expires">{state.t("有効期限（例 2027-06-30）", "Expires (e.g. 2027-06-30)")}</label>
                <input id="office-keylist-expires" class="input" prop:value=move || expires.get() on:input=move |ev| expires.set(event_target_value(&ev))/>
            </div>
            <p><button type="button" class="button" on:click=sign>{state.t("署名して保存する", "Sign and save")}</button></p>
            {move || message.get().map(|(ok, m)| status(ok, m))}
        </section>
    }
}

#[component]
fn RosterSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let message = RwSignal::new(None::<(bool, String)>);
    let on_roster = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_file_bytes(file, MAX_FILE)
                .await
                .and_then(|b| actions::read_roster(state.lang.get_untracked(), &b))
            {
                Ok(roster) => {
                    message.set(Some((
                        roster.problems.is_empty(),
                        format!(
                            "{}: {}人 / {} people, {}件の問題 / {} problems",
                            roster.encoding.label(),
                            roster.entries.len(),
                            roster.entries.len(),
                            roster.problems.len(),
                            roster.problems.len()
                        ),
                    )));
                    session.roster.set(Some(Arc::new(roster)));
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let on_register = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            match read_file(file, MAX_FILE)
                .await
                .and_then(|t| actions::read_register(state.lang.get_untracked(), &t))
            {
                Ok(register) => {
                    session.register.set(Arc::new(register));
                    session.register_name.set(Some(name));
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    view! {
        <section class="card office__section" aria-labelledby="office-roster">
            <h2 id="office-roster">{state.t("2. 名簿と発行台帳", "2. Roster and issuance register")}</h2>
            <div class="field">
                <label class="field__label" for="office-roster-file">{state.t("名簿（CSV, Excel で保存したもの）", "Roster (CSV saved from Excel)")}</label>
                <input id="office-roster-file" type="file" accept=".csv,text/csv" on:change=on_roster/>
            </div>
            <div class="field">
                <label class="field__label" for="office-register-file">{state.t("発行台帳（前回保存したもの。初回は不要）", "Issuance register (saved last time; not needed the first time)")}</label>
                <input id="office-register-file" type="file" accept=".json,application/json" on:change=on_register/>
            </div>
            <p>{move || match session.register_name.get() {
                Some(n) => format!("{n}: {}件 / allocations", session.register.with(|r| r.len())),
                None => state.tr("新しい台帳で始めます", "Starting a new register").to_string(),
            }}</p>
            {move || message.get().map(|(ok, m)| status(ok, m))}
            {move || session.roster.get().map(|r| {
                let lang = state.lang.get_untracked();
                let problems = r.problems.iter().map(|p| view! { <li>{p.wording(lang)}</li> }).collect_view();
                let rows = r.entries.iter().take(50).map(|e| view! {
                    <tr>
                        <td>{e.line}</td><td>{e.recipient.to_string()}</td><td>{e.name.clone()}</td>
                        <td>{e.employer_name.clone()}</td><td>{e.children.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")}</td>
                        <td>{e.returned.to_string()}</td>
                    </tr>
                }).collect_view();
                view! {
                    <ul class="office__problems" data-testid="roster-problems">{problems}</ul>
                    <div class="table-wrap">
                    <table class="office__table" data-testid="roster-preview">
                        <caption>{state.t("名簿の確認（先頭50行）", "Roster preview (first 50 lines)")}</caption>
                        <thead><tr>
                            <th scope="col">{state.t("行", "Line")}</th><th scope="col">{state.t("受給者番号", "Recipient")}</th>
                            <th scope="col">{state.t("氏名", "Name")}</th><th scope="col">{state.t("勤務先", "Employer")}</th>
                            <th scope="col">{state.t("子の生年月日", "Children born")}</th><th scope="col">{state.t("復職日", "Returned")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn IssueSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let month = RwSignal::new(default_month());
    let link_base = RwSignal::new(DEFAULT_LINK_BASE.to_string());
    let demo = RwSignal::new(!PRODUCTION);
    let percent = RwSignal::new(None::<u8>);
    let message = RwSignal::new(None::<(bool, String)>);
    let issue = move |_| {
        let Some(key) = session.key.get_value() else {
            message.set(Some((
                false,
                state
                    .t("先に発行鍵を開いてください。", "Open an issuer key first.")
                    .into(),
            )));
            return;
        };
        let Some(roster) = session.roster.get_untracked() else {
            message.set(Some((
                false,
                state
                    .t("先に名簿を読み込んでください。", "Load a roster first.")
                    .into(),
            )));
            return;
        };
        let Some(m) = parse_month(month.get_untracked().trim()) else {
            message.set(Some((
                false,
                state
                    .t(
                        "月は 2026-12 の形で入れてください。",
                        "Enter the month as 2026-12.",
                    )
                    .into(),
            )));
            return;
        };
        let settings = IssueSettings {
            link_base: link_base.get_untracked().trim().to_string(),
            demo: demo.get_untracked(),
            ..IssueSettings::default()
        };
        let register = session.register.get_untracked();
        percent.set(Some(0));
        leptos::task::spawn_local(async move {
            let result = actions::issue_month(
                state.lang.get_untracked(),
                &roster,
                &register,
                &settings,
                &key,
                m,
                |p| percent.set(Some(p)),
            )
            .await;
            match result {
                Ok(out) => {
                    message.set(Some((
                        true,
                        format!(
                            "{} 人に発行しました（対象外 {} 人）/ issued to {}, not issued {}",
                            out.recipients.len(),
                            out.skipped.len(),
                            out.recipients.len(),
                            out.skipped.len()
                        ),
                    )));
                    session.register.set(Arc::new(out.register.clone()));
                    session.output.set(Some(Arc::new(out)));
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let save = move |name: &'static str| {
        move |_| {
            let Some(out) = session.output.get_untracked() else {
                return;
            };
            let roster = session.roster.get_untracked();
            let entries = roster.as_ref().map(|r| r.entries.as_slice()).unwrap_or(&[]);
            let bytes = match name {
                "register.json" => Ok(out.register.to_json().into_bytes()),
                "links.csv" => Ok(out.links_csv()),
                "report-employers.csv" => out
                    .report(entries)
                    .map(|r| r.employers_csv())
                    .map_err(|e| e.to_string()),
                _ => out
                    .report(entries)
                    .map(|r| r.city_csv())
                    .map_err(|e| e.to_string()),
            };
            if let Err(e) =
                bytes.and_then(|b| actions::download(&format!("{}-{name}", out.month), &b))
            {
                message.set(Some((false, e)));
            }
        }
    };
    view! {
        <section class="card office__section" aria-labelledby="office-issue">
            <h2 id="office-issue">{state.t("3. 月のチケットを発行する", "3. Issue a month's tickets")}</h2>
            <div class="field">
                <label class="field__label" for="office-month">{state.t("発行する月（例 2026-12）", "Month (e.g. 2026-12)")}</label>
                <input id="office-month" class="input" prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-link-base">{state.t("アプリのアドレス（受け取りリンク用）", "App address (for the receive links)")}</label>
                <input id="office-link-base" class="input" type="url" prop:value=move || link_base.get() on:input=move |ev| link_base.set(event_target_value(&ev))/>
            </div>
            <label class="checkbox"><input type="checkbox" prop:checked=move || demo.get() on:change=move |ev| demo.set(event_target_checked(&ev)) disabled=PRODUCTION/>
                {state.t("見本（DEMO）として発行する", "Issue as DEMO tickets")}</label>
            <p><button type="button" class="button" on:click=issue>{state.t("発行する", "Issue")}</button></p>
            {move || percent.get().map(|p| view! {
                <progress max="100" value=p.to_string() aria-label=state.t("発行の進み具合", "Issuing progress")>{format!("{p}%")}</progress>
            })}
            {move || message.get().map(|(ok, m)| status(ok, m))}
            {move || session.output.get().map(|out| {
                let rows = out.recipients.iter().map(|r| {
                    let link = r.link.clone();
                    let file_name = r.file_name().replace("bundles/", "");
                    let file = r.file_json();
                    let sheet = r.print_sheet(&r.link);
                    let name = r.entry.name.clone();
                    view! {
                        <tr data-testid="issued-row">
                            <td>{r.allocation.recipient.to_string()}</td>
                            <td>{name}</td>
                            <td>{r.tickets().len()}</td>
                            <td><a href=link.clone() data-testid="issued-link">{state.t("受け取りリンク", "Receive link")}</a></td>
                            <td>
                                <button type="button" class="button button--small button--secondary"
                                    on:click=move |_| { let _ = actions::download(&file_name, file.as_bytes()); }>
                                    {state.t("ファイル", "File")}
                                </button>
                                " "
                                <button type="button" class="button button--small button--secondary"
                                    on:click=move |_| session.sheet.set(Some(sheet.clone()))>
                                    {state.t("印刷用シート", "Print sheet")}
                                </button>
                            </td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <p class="office__downloads">
                        <button type="button" class="button" on:click=save("register.json")>{state.t("発行台帳を保存（必ず）", "Save the register (always)")}</button>
                        " "<button type="button" class="button button--secondary" on:click=save("links.csv")>{state.t("リンク一覧 CSV", "Links CSV")}</button>
                        " "<button type="button" class="button button--secondary" on:click=save("report-employers.csv")>{state.t("企業別 CSV", "Per employer CSV")}</button>
                        " "<button type="button" class="button button--secondary" on:click=save("report-city.csv")>{state.t("市の集計 CSV", "City CSV")}</button>
                    </p>
                    <div class="table-wrap">
                    <table class="office__table">
                        <caption>{state.t("発行した人", "Issued")}</caption>
                        <thead><tr>
                            <th scope="col">{state.t("受給者番号", "Recipient")}</th><th scope="col">{state.t("氏名", "Name")}</th>
                            <th scope="col">{state.t("枚数", "Tickets")}</th><th scope="col">{state.t("リンク", "Link")}</th><th scope="col">{state.t("出力", "Output")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    </div>
                }
            })}
        </section>
    }
}

#[component]
fn FeedSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let problems = RwSignal::new(None::<Vec<String>>);
    let on_feed = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_file(file, MAX_FILE).await {
                Ok(text) => {
                    problems.set(Some(actions::check_feed(state.lang.get_untracked(), &text)));
                    session.feed.set(
                        actions::read_feed(state.lang.get_untracked(), &text)
                            .ok()
                            .map(Arc::new),
                    );
                }
                Err(e) => problems.set(Some(vec![e])),
            }
        });
    };
    view! {
        <section class="card office__section" aria-labelledby="office-feed">
            <h2 id="office-feed">{state.t("4. 配信データ（feed.json）を確認する", "4. Check the feed (feed.json)")}</h2>
            <p>{state.t("精算には、公開中の配信データ（鍵リスト・お店・使用済みデータ）を使います。アップロード前の確認にも使えます。", "Settlement uses the published feed (key list, shops, used data). Also use this to check a feed before uploading it.")}</p>
            <div class="field">
                <label class="field__label" for="office-feed-file">{state.t("配信データを開く", "Open a feed")}</label>
                <input id="office-feed-file" type="file" accept=".json,application/json" on:change=on_feed/>
            </div>
            {move || problems.get().map(|p| if p.is_empty() {
                status(true, state.tr("問題はありません。アップロードできます。", "No problems: ready to upload.").to_string()).into_any()
            } else {
                view! { <ul class="office__problems" data-testid="feed-problems">{p.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul> }.into_any()
            })}
        </section>
    }
}

#[component]
fn SettleSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let month = RwSignal::new(default_month());
    let claims = RwSignal::new(Vec::<(String, String)>::new());
    let previous = RwSignal::new(None::<(String, String)>);
    let percent = RwSignal::new(None::<u8>);
    let message = RwSignal::new(None::<(bool, String)>);
    let report = RwSignal::new(None::<Arc<SettlementReport>>);
    let phase = RwSignal::new(None::<(String, String)>);
    let on_claims = move |ev: leptos::ev::Event| {
        let files = files_of(&ev);
        leptos::task::spawn_local(async move {
            for file in files {
                let name = file.name();
                match read_file(file, MAX_FILE).await {
                    Ok(text) => claims.update(|c| c.push((name, text))),
                    Err(e) => message.set(Some((false, format!("{name}: {e}")))),
                }
            }
        });
    };
    let on_state = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            match read_file(file, MAX_FILE).await {
                Ok(text) => previous.set(Some((name, text))),
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let run = move |_| {
        let Some(feed) = session.feed.get_untracked() else {
            message.set(Some((
                false,
                state
                    .t(
                        "先に配信データを開いてください（4.）。",
                        "Open the feed first (4.).",
                    )
                    .into(),
            )));
            return;
        };
        let Some(m) = parse_month(month.get_untracked().trim()) else {
            message.set(Some((
                false,
                state
                    .t(
                        "月は 2026-12 の形で入れてください。",
                        "Enter the month as 2026-12.",
                    )
                    .into(),
            )));
            return;
        };
        let prev = match previous.get_untracked() {
            Some((name, text)) => match SettlementState::from_json(&text) {
                Ok(s) => s,
                Err(e) => {
                    let e = e.wording(state.lang.get_untracked());
                    message.set(Some((false, format!("{name}: {e}"))));
                    return;
                }
            },
            None => SettlementState::new(),
        };
        let all = claims.get_untracked();
        let register = session.register.get_untracked();
        let roster = session.roster.get_untracked();
        percent.set(Some(0));
        leptos::task::spawn_local(async move {
            let result = actions::settle(
                state.lang.get_untracked(),
                Settlement::new(m, prev),
                &all,
                &feed,
                &register,
                roster.as_deref(),
                |p| {
                    percent.set(Some(p.percent()));
                    phase.set(Some(p.words()));
                },
            )
            .await;
            match result {
                Ok((r, problems)) => {
                    let mut text = r.summary();
                    for p in problems {
                        text.push('\n');
                        text.push_str(&p);
                    }
                    message.set(Some((true, text)));
                    report.set(Some(Arc::new(r)));
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
    };
    let save = move |which: &'static str| {
        move |_| {
            let Some(r) = report.get_untracked() else {
                return;
            };
            let run_month = r.run;
            let (name, text) = match which {
                "payouts" => ("payouts.csv", r.payouts_csv()),
                "charges" => ("charges.csv", r.charges_csv()),
                "problems" => ("problems.csv", r.problems_csv()),
                "settled" => ("settled.csv", r.settled_csv()),
                _ => ("settlement-state.json", r.state.to_json()),
            };
            if let Err(e) = actions::download(&format!("{run_month}-{name}"), text.as_bytes()) {
                message.set(Some((false, e)));
            }
        }
    };
    let publish = move |_| {
        let (Some(r), Some(feed)) = (report.get_untracked(), session.feed.get_untracked()) else {
            return;
        };
        let Some(key) = session.key.get_value() else {
            message.set(Some((
                false,
                state
                    .t(
                        "使用済みデータに署名する鍵（ルート鍵か used 鍵）を開いてください。",
                        "Open the key that signs the used data (root or used key).",
                    )
                    .into(),
            )));
            return;
        };
        match actions::sign_used(state.lang.get_untracked(), &feed, &r.newly_settled, &key)
            .and_then(|json| actions::download(&format!("{}-used.json", r.run), json.as_bytes()))
        {
            Ok(()) => message.set(Some((true, state.t("使用済みデータ（used 欄）を保存しました。配信データの used に入れて公開してください。", "The used section is saved: put it in the feed's `used` and publish.").into()))),
            Err(e) => message.set(Some((false, e))),
        }
    };
    view! {
        <section class="card office__section" aria-labelledby="office-settle">
            <h2 id="office-settle">{state.t("5. お店の請求を精算する", "5. Settle shops' claims")}</h2>
            <div class="field">
                <label class="field__label" for="office-settle-month">{state.t("精算する月（例 2026-12）", "Month to settle (e.g. 2026-12)")}</label>
                <input id="office-settle-month" class="input" prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-claims">{state.t("お店の請求ファイル（複数可）", "Shops' claim files (several at once)")}</label>
                <input id="office-claims" type="file" multiple accept=".json,application/json" on:change=on_claims/>
            </div>
            <p data-testid="claims-count">{move || format!("{} {}", claims.with(Vec::len), state.tr("件の請求ファイル", "claim files"))}</p>
            <div class="field">
                <label class="field__label" for="office-state">{state.t("前月までの精算状態（初回は不要）", "Settlement state so far (not needed the first time)")}</label>
                <input id="office-state" type="file" accept=".json,application/json" on:change=on_state/>
            </div>
            <p><button type="button" class="button" on:click=run>{state.t("精算する", "Settle")}</button></p>
            {move || percent.get().map(|p| view! {
                <progress max="100" value=p.to_string() aria-label=state.t("精算の進み具合", "Settlement progress")>{format!("{p}%")}</progress>
            })}
            <p aria-live="polite" data-testid="settle-phase">{move || phase.get().map(|(ja, en)| {
                if state.lang.get_untracked() == Lang::Ja { ja } else { en }
            })}</p>
            {move || message.get().map(|(ok, m)| view! {
                <pre class=if ok { "notice notice--ok office__summary" } else { "notice notice--danger office__summary" } role="status" data-testid="settle-summary">{m}</pre>
            })}
            {move || report.get().map(|r| {
                let payouts = r.payouts.iter().map(|(shop, t)| view! {
                    <tr><td>{shop.to_string()}</td><td>{t.count}</td><td>{t.amount.to_string()}</td></tr>
                }).collect_view();
                // The first ones on screen; all of them are in the problems CSV (a year can
                // hold thousands, and thousands of list items would stall the page).
                let dups = r.duplicates.iter().take(SHOWN_DUPLICATES).map(|d| view! {
                    <li>{format!("{} — {} / {} → {}", d.paid.ticket, d.paid.shop, d.refused.shop, d.recipient.clone().unwrap_or_default())}</li>
                }).collect_view();
                let more = r.duplicates.len().saturating_sub(SHOWN_DUPLICATES);
                let more = (more > 0).then(|| view! {
                    <p>{format!("{} {more}{}", state.t("ほか", "and"), state.t("件は「問題 CSV」にあります。", " more in the problems CSV."))}</p>
                });
                view! {
                    <div class="table-wrap">
                    <table class="office__table" data-testid="payouts">
                        <caption>{state.t("お店への支払い", "Payouts to shops")}</caption>
                        <thead><tr><th scope="col">{state.t("お店", "Shop")}</th><th scope="col">{state.t("枚数", "Tickets")}</th><th scope="col">{state.t("金額", "Amount")}</th></tr></thead>
                        <tbody>{payouts}</tbody>
                    </table>
                    </div>
                    <h3>{state.t("二重利用（確認が必要）", "Double use (follow up)")}</h3>
                    <ul data-testid="duplicates">{dups}</ul>
                    {more}
                    <p class="office__downloads">
                        <button type="button" class="button button--secondary" on:click=save("payouts")>{state.t("支払い CSV", "Payouts CSV")}</button>
                        " "<button type="button" class="button button--secondary" on:click=save("charges")>{state.t("負担 CSV", "Charges CSV")}</button>
                        " "<button type="button" class="button button--secondary" on:click=save("problems")>{state.t("問題 CSV", "Problems CSV")}</button>
                        " "<button type="button" class="button button--secondary" on:click=save("settled")>{state.t("精算済み CSV", "Settled CSV")}</button>
                        " "<button type="button" class="button" on:click=save("state")>{state.t("精算状態を保存（必ず）", "Save the state (always)")}</button>
                        " "<button type="button" class="button" on:click=publish>{state.t("使用済みデータに署名", "Sign the used data")}</button>
                        " "<button type="button" class="button button--secondary" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>{state.t("印刷", "Print")}</button>
                    </p>
                }
            })}
        </section>
    }
}

/// One recipient's A4 sheet of ticket QR codes, for browser print (black on white).
#[component]
fn SheetView(sheet: PrintSheet) -> impl IntoView {
    let state = AppState::expect();
    let codes = sheet
        .tickets
        .iter()
        .map(|t| {
            view! {
                <figure class="sheet__ticket">
                    <QrCode text=t.qr_text.clone() label=format!("{} {}", state.t("チケット", "Ticket"), t.id)/>
                    <figcaption>{t.id.clone()} " · " {sheet.face_value.to_string()}</figcaption>
                </figure>
            }
        })
        .collect_view();
    view! {
        <section class="sheet" aria-labelledby="sheet-title" data-testid="print-sheet">
            <h2 id="sheet-title">{format!("すみまセンエン {} — {} 様（{}）", sheet.month, sheet.name, sheet.employer_name)}</h2>
            <p>{format!("有効期限 / valid {} 〜 {}", sheet.valid_from, sheet.valid_until)}</p>
            <div class="sheet__grid">{codes}</div>
            <p class="sheet__actions">
                <button type="button" class="button" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>{state.t("印刷する", "Print")}</button>
            </p>
        </section>
    }
}

/// The month after this one (issuing is done ahead), as `YYYY-MM`.
fn default_month() -> String {
    let today = actions::today();
    let m = YearMonth::of(today);
    m.next().to_string()
}
