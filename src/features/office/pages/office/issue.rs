//! 3. Issuing a month's tickets, and one recipient's sheet to print.

use std::sync::Arc;

use leptos::prelude::*;

use super::{default_month, month_or_say, Session};
use crate::domain::shared::wording::Wording as _;
use crate::domain::tickets::office::issuance::{IssueSettings, MonthOutput, PrintSheet};
use crate::features::office::actions;
use crate::features::office::pages::common::status;
use crate::ui::components::qr_code::QrCode;
use crate::ui::shell::PRODUCTION;
use crate::ui::state::AppState;

#[component]
pub(super) fn IssueSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    let month = RwSignal::new(default_month());
    // The app's own address: required, no default (docs/issuance.md, "Settings").
    let link_base = RwSignal::new(String::new());
    // Demo tickets only in the demo build, and only by default with the demo key open.
    let demo = RwSignal::new(false);
    Effect::new(move |_| demo.set(!PRODUCTION && session.demo_key.get()));
    let percent = RwSignal::new(None::<u8>);
    let message = RwSignal::new(None::<(bool, String)>);
    // A month that may already have been issued without its register: the facts, and her
    // confirmation that the register is truly lost.
    let risk = RwSignal::new(None::<String>);
    let confirmed = RwSignal::new(false);
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
        let Some(m) = month_or_say(state, &month.get_untracked(), message) else {
            return;
        };
        let settings = IssueSettings {
            link_base: link_base.get_untracked().trim().to_string(),
            demo: demo.get_untracked(),
            ..IssueSettings::default()
        };
        let lang = state.lang.get_untracked();
        if let Err(e) = settings.require_link_base() {
            message.set(Some((false, e.wording(lang))));
            return;
        }
        let register = session.register.get_untracked();
        // Tickets nobody would accept are never signed: the key must be in the key list
        // the app trusts (the published feed opened in card 4, or the list signed in key
        // set-up; the demo build's own list otherwise).
        let trusted = actions::trusted_keys(
            session.feed.get_untracked().as_deref(),
            session.signed_keys.get_untracked().as_deref(),
        );
        if let Err(e) = actions::check_issuer(&key, trusted.as_ref(), &settings, m) {
            risk.set(None);
            message.set(Some((false, e.wording(lang))));
            return;
        }
        // The same serials twice: refused unless she confirms with the facts in front of her.
        match actions::reissue_risk(
            &register,
            m,
            &key,
            &settings,
            session.feed.get_untracked().as_deref(),
        ) {
            Some(r) if !confirmed.get_untracked() => {
                risk.set(Some(r.wording(lang)));
                message.set(None);
                return;
            }
            _ => {}
        }
        risk.set(None);
        confirmed.set(false);
        percent.set(Some(0));
        leptos::task::spawn_local(async move {
            let result = actions::issue_month(lang, &roster, &register, &settings, &key, m, |p| {
                percent.set(Some(p))
            })
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
                    // Kept in this browser at once, and marked unsaved until the file is saved.
                    if let Err(e) = actions::remember_register(&out.register, false) {
                        message.set(Some((false, e)));
                    }
                    session.register_unsaved.set(true);
                    session.output.set(Some(Arc::new(out)));
                }
                Err(e) => message.set(Some((false, e))),
            }
        });
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
                <input id="office-link-base" class="input" type="url" required placeholder="https://jokatsu.example.jp/" prop:value=move || link_base.get() on:input=move |ev| link_base.set(event_target_value(&ev))/>
            </div>
            <label class="checkbox"><input type="checkbox" prop:checked=move || demo.get() on:change=move |ev| demo.set(event_target_checked(&ev)) disabled=PRODUCTION/>
                {state.t("見本（DEMO）として発行する", "Issue as DEMO tickets")}</label>
            {move || risk.get().map(|r| view! {
                <div class="notice notice--danger" role="alert" data-testid="reissue-risk">
                    <p>{r}</p>
                    <label class="checkbox"><input type="checkbox" prop:checked=move || confirmed.get() on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                        {state.t("発行台帳がないことを確かめました。このまま発行します", "I have checked that the register is lost; issue anyway")}</label>
                </div>
            })}
            <p><button type="button" class="button" on:click=issue>{state.t("発行する", "Issue")}</button></p>
            {move || percent.get().map(|p| view! {
                <progress max="100" value=p.to_string() aria-label=state.t("発行の進み具合", "Issuing progress")>{format!("{p}%")}</progress>
            })}
            {move || message.get().map(|(ok, m)| status(ok, m))}
            {move || session.output.get().map(|out| view! { <IssuedMonth out session message/> })}
        </section>
    }
}

/// A month just issued: its files to save, and one row per recipient (receive link,
/// bundle file, print sheet).
#[component]
fn IssuedMonth(
    out: Arc<MonthOutput>,
    session: Session,
    message: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let state = AppState::expect();
    let o = out.clone();
    let save = move |name: &'static str| {
        let out = o.clone();
        move |_| {
            let roster = session.roster.get_untracked();
            let entries = roster.as_ref().map(|r| r.entries.as_slice()).unwrap_or(&[]);
            let bytes = match name {
                "register.json" => {
                    if let Err(e) = actions::remember_register(&out.register, true) {
                        message.set(Some((false, e)));
                    }
                    session.register_unsaved.set(false);
                    Ok(out.register.to_json().into_bytes())
                }
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
}

/// One recipient's A4 sheet of ticket QR codes, for browser print (black on white).
#[component]
pub(super) fn SheetView(sheet: PrintSheet) -> impl IntoView {
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
