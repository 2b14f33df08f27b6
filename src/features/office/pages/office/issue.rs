//! 3. Issuing a month's tickets, and one recipient's sheet to print.

use std::sync::Arc;

use leptos::prelude::*;

use super::{default_month, month_or_say, Session};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::office::issuance::{IssueSettings, MonthOutput, PrintSheet};
use crate::features::office::actions;
use crate::features::office::pages::common::{status, Message, Say};
use crate::ui::components::qr_code::QrCode;
use crate::ui::i18n::{date, yen};
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
            message.fail(state.t("先に発行鍵を開いてください。", "Open an issuer key first."));
            return;
        };
        let Some(roster) = session.roster.get_untracked() else {
            message.fail(state.t("先に名簿を読み込んでください。", "Load a roster first."));
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
            message.fail(e.wording(lang));
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
            message.fail(e.wording(lang));
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
                    let (issued, skipped) = (out.recipients.len(), out.skipped.len());
                    message.done(issued_message(lang, issued, skipped));
                    session.register.set(Arc::new(out.register.clone()));
                    // Kept in this browser at once, and marked unsaved until the file is saved.
                    if let Err(e) = actions::remember_register(&out.register, false) {
                        message.fail(e);
                    }
                    session.register_unsaved.set(true);
                    session.output.set(Some(Arc::new(out)));
                }
                Err(e) => message.fail(e),
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
            {reissue_notice(state, risk, confirmed)}
            <p><button type="button" class="button" on:click=issue>{state.t("発行する", "Issue")}</button></p>
            {move || percent.get().map(|p| view! {
                <progress max="100" value=p.to_string() aria-label=state.t("発行の進み具合", "Issuing progress")>{format!("{p}%")}</progress>
            })}
            {move || message.get().map(|(ok, m)| status(ok, m))}
            {move || session.output.get().map(|out| view! { <IssuedMonth out session message/> })}
        </section>
    }
}

/// What issuing said: how many were issued, where the ones not issued are, and what next.
fn issued_message(lang: Lang, issued: usize, skipped: usize) -> String {
    match (lang, skipped) {
        (Lang::Ja, 0) => format!("{issued} 人に発行しました。次に: 「発行台帳を保存（必ず）」で発行台帳を保存し、リンク一覧 CSV か印刷用シートで受給者に届けてください。"),
        (Lang::Ja, _) => format!(
            "{issued} 人に発行しました。発行しなかった {skipped} 人と理由は、下の「発行しなかった人」にあります。次に: 「発行台帳を保存（必ず）」で発行台帳を保存し、リンク一覧 CSV か印刷用シートで受給者に届けてください。"
        ),
        (Lang::En, 0) => format!("Issued to {issued} people. Next: save the register (“Save the register (always)”), then send the links CSV or print the sheets for the recipients."),
        (Lang::En, _) => format!(
            "Issued to {issued} people. The {skipped} not issued, and why, are listed under \"Not issued\" below. Next: save the register (“Save the register (always)”), then send the links CSV or print the sheets for the recipients."
        ),
    }
}

/// A month that may already have been issued without its register: the facts, and the
/// box to confirm that the register is truly lost.
fn reissue_notice(
    state: AppState,
    risk: RwSignal<Option<String>>,
    confirmed: RwSignal<bool>,
) -> impl IntoView {
    move || {
        risk.get().map(|r| {
            view! {
                <div class="notice notice--danger" role="alert" data-testid="reissue-risk">
                    <p>{r}</p>
                    <label class="checkbox"><input type="checkbox" prop:checked=move || confirmed.get() on:change=move |ev| confirmed.set(event_target_checked(&ev))/>
                        {state.t("発行台帳がないことを確かめました。このまま発行します", "I have checked that the register is lost; issue anyway")}</label>
                </div>
            }
        })
    }
}

/// Who got nothing this month, with the roster line and the reason.
fn not_issued_table(state: AppState, out: &MonthOutput) -> impl IntoView {
    let lang = state.lang.get_untracked();
    let skipped = out
        .skipped
        .iter()
        .map(|s| {
            view! {
                <tr data-testid="not-issued-row">
                    <td>{s.line}</td>
                    <td>{s.recipient.to_string()}</td>
                    <td>{s.name.clone()}</td>
                    <td>{s.reason.wording(lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
        <table class="office__table" data-testid="not-issued">
            <caption>{match lang {
                Lang::Ja => format!("発行しなかった人（{}人）", out.skipped.len()),
                Lang::En => format!("Not issued ({})", out.skipped.len()),
            }}</caption>
            <thead><tr>
                <th scope="col">{state.t("名簿の行", "Roster line")}</th><th scope="col">{state.t("受給者番号", "Recipient")}</th>
                <th scope="col">{state.t("氏名", "Name")}</th><th scope="col">{state.t("理由", "Reason")}</th>
            </tr></thead>
            <tbody>{skipped}</tbody>
        </table>
        </div>
    }
}

/// A month just issued: its files to save, and one row per recipient (receive link,
/// bundle file, print sheet).
#[component]
fn IssuedMonth(out: Arc<MonthOutput>, session: Session, message: Message) -> impl IntoView {
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
                        message.fail(e);
                    }
                    session.register_unsaved.set(false);
                    Ok(out.register.to_json().into_bytes())
                }
                "links.csv" => Ok(out.links_csv_without_folder()),
                "not-issued.csv" => Ok(out.not_issued_csv(
                    roster
                        .as_ref()
                        .map(|r| r.problems.as_slice())
                        .unwrap_or(&[]),
                )),
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
                message.fail(e);
            }
        }
    };
    let all_sheets: Vec<PrintSheet> = out
        .recipients
        .iter()
        .map(|r| r.print_sheet(&r.link))
        .collect();
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
                        on:click=move |_| show_sheets(session, vec![sheet.clone()])>
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
            " "<button type="button" class="button button--secondary" data-testid="print-all"
                on:click=move |_| show_sheets(session, all_sheets.clone())>
                {state.t("全員の印刷用シート（1人1枚）", "Print sheets for everyone (one page each)")}
            </button>
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
        {(!out.skipped.is_empty()).then(|| {
            view! {
                {not_issued_table(state, &out)}
                <p><button type="button" class="button button--secondary" on:click=save("not-issued.csv")>
                    {state.t("発行しなかった人の CSV を保存", "Save the not-issued CSV")}
                </button></p>
            }
        })}
    }
}

/// Put `sheets` on screen, below the office's cards, and move to them.
fn show_sheets(session: Session, sheets: Vec<PrintSheet>) {
    session.sheets.set(Some(Arc::new(sheets)));
    crate::ui::focus::focus_soon("sheets-title");
}

/// Recipients' A4 sheets of ticket QR codes for browser print (black on white, one page
/// per recipient, 10 mm margins): what the tickets are, how to use or give them, and the
/// codes with their numbers.
#[component]
pub(super) fn SheetView(sheets: Arc<Vec<PrintSheet>>, session: Session) -> impl IntoView {
    let state = AppState::expect();
    let lang = state.lang.get_untracked();
    let count = sheets.len();
    let pages = sheets
        .iter()
        .map(|sheet| {
            let codes = sheet
                .tickets
                .iter()
                .map(|t| {
                    view! {
                        <figure class="print-sheet__ticket">
                            <QrCode text=t.qr_text.clone() label=format!("{} {}", state.t("チケット", "Ticket"), t.id)/>
                            <figcaption>{t.id.clone()}<br/>{yen(lang, sheet.face_value.0)}</figcaption>
                        </figure>
                    }
                })
                .collect_view();
            let (title, valid, what) = match lang {
                Lang::Ja => (
                    format!("すみまセンエン {}年{}月分 — {} 様（{}）", sheet.month.year, sheet.month.month, sheet.name, sheet.employer_name),
                    format!("使える期間：{} 〜 {}", date(lang, sheet.valid_from), date(lang, sheet.valid_until)),
                    format!("QRコード1つが、チケット1枚（{}）です。全部で{}枚です。", yen(lang, sheet.face_value.0), sheet.tickets.len()),
                ),
                Lang::En => (
                    format!("Sumimasen-en {}-{:02} — {} ({})", sheet.month.year, sheet.month.month, sheet.name, sheet.employer_name),
                    format!("Valid from {} to {}", date(lang, sheet.valid_from), date(lang, sheet.valid_until)),
                    format!("Each QR code is one ticket ({}). {} tickets in all.", yen(lang, sheet.face_value.0), sheet.tickets.len()),
                ),
            };
            view! {
                <article class="print-sheet" data-testid="print-sheet">
                    <h3 class="print-sheet__title">{title}</h3>
                    <p class="print-sheet__valid">{valid}</p>
                    <div class="print-sheet__words">
                        <p>{what}</p>
                        <ul>
                            <li>{state.t(
                                "使うとき：市の認定店で、会計の前にQRコードを見せてください。お店の人が読み取ると、そのチケットは使用済みになります。",
                                "To use one: at a shop certified by the city, show the QR code before paying. Once the shop scans it, that ticket is used.",
                            )}</li>
                            <li>{state.t(
                                "渡すとき：線に沿って切り取り、職場の同僚などへのお礼に1枚ずつ渡せます。受け取った人がお店で使えます。",
                                "To give one: cut along the lines and hand a ticket to a coworker as thanks. Whoever holds it can use it at a shop.",
                            )}</li>
                            <li>{state.t(
                                "1枚は1回だけ使えます。コピーや写真も同じチケットで、先にお店で使われたほうだけが有効です。なくさないよう、使うまで大切に保管してください。",
                                "Each ticket can be used once. A copy or photo is the same ticket: only the first use at a shop counts. Keep them safe until used.",
                            )}</li>
                            <li>{state.t(
                                "市から届いたリンクでスマホに受け取ったチケットと、このシートのチケットは同じものです（どちらか一方で1回使えます）。",
                                "The tickets on your phone (from the city's link) are these same tickets: each can be used once, on paper or on the phone.",
                            )}</li>
                        </ul>
                    </div>
                    <div class="print-sheet__grid">{codes}</div>
                </article>
            }
        })
        .collect_view();
    let heading = match lang {
        Lang::Ja => format!("印刷用シート（{count}人分）"),
        Lang::En => format!("Print sheets ({count} recipients)"),
    };
    view! {
        <section class="print-sheets" aria-labelledby="sheets-title">
            <h2 id="sheets-title" tabindex="-1">{heading}</h2>
            <p class="print-sheet__actions">
                {state.t(
                    "A4縦・1人1枚で印刷されます（余白10mm）。",
                    "Prints on A4 portrait, one page per recipient (10 mm margins).",
                )}
                " "
                <button type="button" class="button" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>{state.t("印刷する", "Print")}</button>
                " "
                <button type="button" class="button button--secondary" on:click=move |_| session.sheets.set(None)>{state.t("シートを閉じる", "Close the sheets")}</button>
            </p>
            {pages}
        </section>
    }
}
