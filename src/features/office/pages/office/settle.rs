//! 5. Settling shops' claims, and the used data to publish.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;

use super::{month_or_say, previous_month, Session, MAX_FILE};
use crate::domain::shared::date::iso_date;
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::domain::tickets::core::ticket::TicketId;
use crate::domain::tickets::office::desk_record::StoredShopMaster;
use crate::domain::tickets::office::settlement::{
    claim_file_text, ClaimAuth, Decision, ReviewStatus, Settlement, SettlementReport,
    SettlementState, ShopMaster,
};
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, Message, Say};
use crate::platform::download::read_file_bytes;
use crate::ui::state::AppState;

/// Double uses listed on the page after a settlement (the CSV has every one).
const SHOWN_DUPLICATES: usize = 200;

/// What the settlement card's parts share (signal handles only, so it is Copy).
#[derive(Clone, Copy)]
struct Settle {
    state: AppState,
    session: Session,
    month: RwSignal<String>,
    run_day: RwSignal<String>,
    claims: RwSignal<Vec<(String, String)>>,
    unreadable: RwSignal<Vec<(String, String)>>,
    previous: RwSignal<Option<(String, String)>>,
    percent: RwSignal<Option<u8>>,
    message: Message,
    report: RwSignal<Option<Arc<SettlementReport>>>,
    phase: RwSignal<Option<(String, String)>>,
    decisions: RwSignal<Vec<(TicketId, Decision)>>,
    master: RwSignal<Option<Arc<(ShopMaster, StoredShopMaster)>>>,
}

#[component]
pub(super) fn SettleSection(session: Session) -> impl IntoView {
    let state = AppState::expect();
    // Claims come in after a month ends: the month to settle is normally the last one.
    let month = RwSignal::new(previous_month());
    // The run's day: a redemption dated after it is refused. Normally today; another day
    // repeats an earlier run exactly (the command line's `--today`).
    let run_day = RwSignal::new(iso_date(actions::today()));
    let claims = RwSignal::new(Vec::<(String, String)>::new());
    // Claim files the browser could not read: (name, why), settled as refused files.
    let unreadable = RwSignal::new(Vec::<(String, String)>::new());
    let previous = RwSignal::new(None::<(String, String)>);
    let percent = RwSignal::new(None::<u8>);
    let message = RwSignal::new(None::<(bool, String)>);
    let report = RwSignal::new(None::<Arc<SettlementReport>>);
    let phase = RwSignal::new(None::<(String, String)>);
    // The office's decisions on contested tickets, applied when the month is settled
    // (again) and kept in the state it saves.
    let decisions = RwSignal::new(Vec::<(TicketId, Decision)>::new());
    // The office's shop master (kept in this browser): shops are checked against it, not
    // against the opened feed's list (`docs/settlement.md`).
    let master = RwSignal::new(actions::stored_shop_master().map(Arc::new));
    let s = Settle {
        state,
        session,
        month,
        run_day,
        claims,
        unreadable,
        previous,
        percent,
        message,
        report,
        phase,
        decisions,
        master,
    };
    let Settle {
        month,
        run_day,
        claims,
        message,
        report,
        decisions,
        ..
    } = s;
    view! {
        <section class="card office__section" aria-labelledby="office-settle">
            <h2 id="office-settle">{state.t("5. お店の請求を精算する", "5. Settle shops' claims")}</h2>
            <div class="field">
                <label class="field__label" for="office-settle-month">{state.t("精算する月（例 2026-12）", "Month to settle (e.g. 2026-12)")}</label>
                <input id="office-settle-month" class="input" prop:value=move || month.get() on:input=move |ev| month.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-settle-day">{state.t("精算日（ふつうは今日のまま。これより後の日付の受付は支払いません）", "Settlement day (normally today; redemptions dated after it are not paid)")}</label>
                <input id="office-settle-day" class="input" type="date" prop:value=move || run_day.get() on:input=move |ev| run_day.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="field__label" for="office-claims">{state.t("お店の請求ファイル（複数可）", "Shops' claim files (several at once)")}</label>
                <input id="office-claims" type="file" multiple accept=".json,application/json" on:change=move |ev| load_claims(s, ev)/>
            </div>
            {master_part(s)}
            <p data-testid="claims-count">{move || format!("{} {}", claims.with(Vec::len), state.tr("件の請求ファイル", "claim files"))}</p>
            <div class="field">
                <label class="field__label" for="office-state">{state.t("前月までの精算状態（初回は不要）", "Settlement state so far (not needed the first time)")}</label>
                <input id="office-state" type="file" accept=".json,application/json" on:change=move |ev| load_state(s, ev)/>
            </div>
            <p><button type="button" class="button" on:click=move |_| run_settlement(s)>{state.t("精算する", "Settle")}</button></p>
            {progress_part(s)}
            {move || report.get().map(|report| view! { <SettlementResult report session message decisions/> })}
        </section>
    }
}

/// Load the shop master from a chosen CSV and keep it in this browser.
fn load_master(s: Settle, ev: leptos::ev::Event) {
    let Settle {
        state,
        message,
        master,
        ..
    } = s;
    let Some(file) = files_of(&ev).into_iter().next() else {
        return;
    };
    let name = file.name();
    leptos::task::spawn_local(async move {
        let lang = state.lang.get_untracked();
        let kept = read_file_bytes(file, MAX_FILE)
            .await
            .and_then(|bytes| actions::keep_shop_master(lang, &name, &bytes));
        match kept {
            Ok(_) => {
                master.set(actions::stored_shop_master().map(Arc::new));
                message.done(state.t(
                    "店舗マスターを読み込み、このブラウザーに保存しました。",
                    "The shop master is loaded and kept in this browser.",
                ));
            }
            Err(e) => message.fail(e),
        }
    });
}

/// Add the chosen claim files (a file that is not a claim is said what it is).
fn load_claims(s: Settle, ev: leptos::ev::Event) {
    let Settle {
        state,
        claims,
        unreadable,
        message,
        report,
        ..
    } = s;
    let files = files_of(&ev);
    // New files: an earlier result (and its summary) no longer answers for them.
    report.set(None);
    message.set(None);
    leptos::task::spawn_local(async move {
        let lang = state.lang.get_untracked();
        let mut not_claims = Vec::new();
        for file in files {
            let name = file.name();
            match read_file_bytes(file, MAX_FILE).await {
                // A record CSV, a workbook or other non-JSON is not taken at all: it is
                // said what it is and which file to choose instead.
                Ok(bytes) => match claim_file_text(&name, &bytes) {
                    Ok(text) => claims.update(|c| c.push((name, text))),
                    Err(e) => not_claims.push(format!("{name}: {}", e.wording(lang))),
                },
                Err(e) => {
                    message.fail(format!("{name}: {e}"));
                    unreadable.update(|u| u.push((name, e)));
                }
            }
        }
        if !not_claims.is_empty() {
            message.fail(not_claims.join("\n"));
        }
    });
}

/// Read the settlement state so far from a chosen file.
fn load_state(s: Settle, ev: leptos::ev::Event) {
    let Settle {
        state,
        previous,
        message,
        ..
    } = s;
    let Some(file) = files_of(&ev).into_iter().next() else {
        return;
    };
    let name = file.name();
    leptos::task::spawn_local(async move {
        let lang = state.lang.get_untracked();
        match read_file_bytes(file, MAX_FILE)
            .await
            .and_then(|b| actions::json_file(lang, &b))
        {
            Ok(text) => previous.set(Some((name, text))),
            Err(e) => message.fail(format!("{name}: {e}")),
        }
    });
}

/// Settle the month: check what is needed, then run the settlement with progress.
fn run_settlement(s: Settle) {
    let Settle {
        state,
        session,
        month,
        run_day,
        claims,
        unreadable,
        previous,
        percent,
        message,
        report,
        phase,
        decisions,
        master,
    } = s;
    report.set(None);
    if claims.with_untracked(Vec::is_empty) && unreadable.with_untracked(Vec::is_empty) {
        message.fail(state.t(
            "お店から届いた請求ファイル（.json）を選んでから「精算する」を押してください。",
            "Choose the claim files (.json) the shops sent, then press Settle.",
        ));
        return;
    }
    let Some(feed) = session.feed.get_untracked() else {
        message.fail(state
                    .t(
                        "先に「4. 配信データを確認する」で配信データ（feed.json）を開いてください。お店の名前と認定もそこから読みます。",
                        "First open the feed (feed.json) in “4. Check the feed”: the shops' names and certification come from it.",
                    ));
        return;
    };
    let Some(m) = month_or_say(state, &month.get_untracked(), message) else {
        return;
    };
    let Ok(day) = NaiveDate::parse_from_str(run_day.get_untracked().trim(), "%Y-%m-%d") else {
        message.fail(state.t(
            "精算日は 2027-01-05 の形で入れてください。",
            "Enter the settlement day as 2027-01-05.",
        ));
        return;
    };
    let prev = match previous.get_untracked() {
        Some((name, text)) => match SettlementState::from_json(&text) {
            Ok(s) => s,
            Err(e) => {
                let e = e.wording(state.lang.get_untracked());
                message.fail(format!("{name}: {e}"));
                return;
            }
        },
        None => SettlementState::new(),
    };
    // Production pays only claims signed by a registered key; a demo build marks the
    // others (`docs/settlement.md`).
    let keys = super::shop_keys::stored_shop_keys();
    let auth = if crate::ui::tickets::policy().accept_demo {
        ClaimAuth::demo(keys)
    } else {
        ClaimAuth::production(keys)
    };
    let mut settlement = Settlement::new(m, prev)
        .with_today(day)
        .with_claim_auth(auth)
        // Names as the shop check knows the shops: the office's master when kept.
        .with_shop_names(
            master
                .get_untracked()
                .as_ref()
                .map_or(&feed.sections.shops, |m| m.0.directory()),
        );
    for (ticket, d) in decisions.get_untracked() {
        settlement.decide(ticket, d);
    }
    let all = claims.get_untracked();
    let not_read = unreadable.get_untracked();
    // A register counts as loaded when a file was chosen, the browser kept one, or
    // this tab issued into it; in production settling without one is refused, with
    // what to load (card 2).
    let register = session.register.get_untracked();
    let has_register = session.register_name.get_untracked().is_some() || !register.is_empty();
    let roster = session.roster.get_untracked();
    // Production checks shops only against the office's own shop master.
    let shop_master = master.get_untracked();
    if shop_master.is_none() && !crate::ui::tickets::policy().accept_demo {
        message.fail(state
                    .t(
                        "先に店舗マスター（認定店舗の CSV）を読み込んでください。精算はお店を店舗マスターと照合します。",
                        "Load the shop master (the certified-shop CSV) first: settlement checks shops against it.",
                    ));
        return;
    }
    percent.set(Some(0));
    leptos::task::spawn_local(async move {
        let result = actions::settle(
            state.lang.get_untracked(),
            settlement,
            &all,
            &not_read,
            &feed,
            shop_master.as_deref().map(|m| &m.0),
            has_register.then_some(&*register),
            roster.as_deref(),
            |p| {
                percent.set(Some(p.percent()));
                phase.set(Some(p.words()));
            },
        )
        .await;
        // The run is over: no progress bar or phase line is left behind.
        percent.set(None);
        phase.set(None);
        match result {
            Ok(r) => {
                // A refused claim file makes the run incomplete: said as a problem,
                // the summary (which names each file and why) below it.
                let refused = r.refused_files.len();
                let text = if refused > 0 {
                    let head = state.tr(
                            "受け付けなかった請求ファイルがあります（支払いに入っていません）。お店に正しいファイルを送ってもらい、もう一度精算してください。",
                            "Some claim files were refused (not paid): ask the shops for correct files and settle again.",
                        );
                    format!("{head}\n\n{}", r.summary_in(state.lang.get_untracked()))
                } else {
                    r.summary_in(state.lang.get_untracked())
                };
                message.set(Some((refused == 0, text)));
                report.set(Some(Arc::new(r)));
            }
            Err(e) => message.fail(e),
        }
    });
}

/// The shop master: its file, what is loaded, and how the opened feed's shop list differs.
fn master_part(s: Settle) -> impl IntoView {
    let Settle {
        state,
        session,
        master,
        ..
    } = s;
    let master_status = move || match master.get() {
        Some(m) => {
            let (n, file, on) = (m.0.len(), m.1.file.clone(), m.1.loaded_on.clone());
            if state.lang.get() == Lang::Ja {
                format!("店舗マスター: {n}店舗（{file}、{on} に読み込み）")
            } else {
                format!("Shop master: {n} shops ({file}, loaded {on})")
            }
        }
        None => state
            .tr(
                "店舗マスター: まだ読み込んでいません（本番では読み込むまで精算できません）。",
                "Shop master: not loaded yet (production cannot settle until it is).",
            )
            .to_string(),
    };
    // How the opened feed's shop list differs from the master (the master is used).
    let differences = move || {
        let (Some(m), Some(feed)) = (master.get(), session.feed.get()) else {
            return Vec::new();
        };
        actions::shop_master_differences(&m.0, &feed)
            .iter()
            .map(|d| d.line())
            .collect::<Vec<_>>()
    };
    view! {
    <div class="field">
                <label class="field__label" for="office-shop-master">{state.t("店舗マスター（事務局の認定店舗 CSV。お店はこの一覧と照合します）", "Shop master (the office's certified-shop CSV; shops are checked against it)")}</label>
                <input id="office-shop-master" type="file" accept=".csv,text/csv" on:change=move |ev| load_master(s, ev)/>
            </div>
            <p data-testid="shop-master">{master_status}</p>
            {move || {
                let lines = differences();
                (!lines.is_empty()).then(|| {
                    let n = lines.len();
                    let items = lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view();
                    view! {
                        <p>{move || if state.lang.get() == Lang::Ja {
                            format!("開いた配信データの店舗一覧と店舗マスターの違い {n}件（精算は店舗マスターを使います）")
                        } else {
                            format!("{n} differences between the opened feed's shop list and the shop master (settlement uses the master)")
                        }}</p>
                        <ul class="notice notice--warn" data-testid="shop-master-differences">{items}</ul>
                    }
                })
            }}
    }
}

/// The settlement's progress, its phase, and what it said.
fn progress_part(s: Settle) -> impl IntoView {
    let Settle {
        state,
        percent,
        message,
        phase,
        ..
    } = s;
    view! {
    {move || percent.get().map(|p| view! {
                <progress max="100" value=p.to_string() aria-label=state.t("精算の進み具合", "Settlement progress")>{format!("{p}%")}</progress>
            })}
            <p aria-live="polite" data-testid="settle-phase">{move || phase.get().map(|(ja, en)| {
                if state.lang.get_untracked() == Lang::Ja { ja } else { en }
            })}</p>
            {move || message.get().map(|(ok, m)| view! {
                <pre class=if ok { "notice notice--ok office__summary" } else { "notice notice--danger office__summary" } role="status" data-testid="settle-summary">{m}</pre>
            })}
    }
}

/// A settlement's result: the payouts, the double uses, and its files to save.
#[component]
fn SettlementResult(
    report: Arc<SettlementReport>,
    session: Session,
    message: Message,
    decisions: RwSignal<Vec<(TicketId, Decision)>>,
) -> impl IntoView {
    let state = AppState::expect();
    let r = report.clone();
    let lang = state.lang.get_untracked();
    let payouts = r
        .payouts
        .iter()
        .map(|(shop, t)| {
            view! {
                <tr>
                    <td>{r.shop_name(shop, lang).unwrap_or("").to_string()}</td>
                    <td>{shop.to_string()}</td>
                    <td>{t.count}</td>
                    <td>{t.amount.in_lang(lang)}</td>
                </tr>
            }
        })
        .collect_view();
    // The first ones on screen, each as one sentence; all of them are in the problems CSV
    // (a year can hold thousands, and thousands of list items would stall the page).
    let dups = r
        .duplicates
        .iter()
        .take(SHOWN_DUPLICATES)
        .map(|d| {
            view! {
                <li>{r.duplicate_sentence(d, lang)}</li>
            }
        })
        .collect_view();
    let no_dups = r.duplicates.is_empty().then(|| {
        view! {
            <li>{state.t("ありません。", "None.")}</li>
        }
    });
    let more = r.duplicates.len().saturating_sub(SHOWN_DUPLICATES);
    // A recipient shown as unknown because no register was loaded: say how to know.
    let unknown = !r.register_checked
        && (r.duplicates.iter().any(|d| d.recipient.is_none())
            || r.rejections.iter().any(|x| x.recipient.is_none())
            || r.claims_check.reviews.iter().any(|x| x.recipient.is_none()));
    let unknown = unknown.then(|| view! {
        <p class="notice notice--warn" data-testid="settle-recipient-unknown">{state.t(
            "受給者が「不明」の券があります。発行台帳が読み込まれていないためです。「2. 名簿と発行台帳」で発行したときに保存した発行台帳を読み込み、もう一度「精算する」を押すと、受給者がわかります。",
            "Some recipients are “unknown” because no issuance register is loaded. Load the register saved when the tickets were issued in “2. Roster and register”, then press Settle again to see who they are.",
        )}</p>
    });
    // Every refused claim file, by name and reason (also in the problems CSV).
    let refused = (!r.refused_files.is_empty()).then(|| {
        let items = r.refused_files.iter().map(|f| view! {
            <li>{format!("{}: {}", f.name, f.why.wording(lang))}</li>
        }).collect_view();
        view! {
            <h3>{state.t("受け付けなかった請求ファイル（支払いなし）", "Claim files refused (nothing paid)")}</h3>
            <ul class="notice notice--danger" data-testid="refused-files">{items}</ul>
        }
    });
    let more = (more > 0).then(|| view! {
        <p>{format!("{} {more}{}", state.t("ほか", "and"), state.t("件は「問題 CSV」にあります。", " more in the problems CSV."))}</p>
    });
    let reviews = review_list(state, &r, lang, message, decisions);
    // The month chosen is not the claims' month: said, with how to settle theirs.
    let other = r.other_periods();
    let other = (!other.is_empty()).then(|| {
        let months = other.iter().map(ToString::to_string).collect::<Vec<_>>().join("、");
        let run = r.run;
        view! {
            <p class="notice notice--warn" data-testid="settle-month-note">{crate::say!(
                lang,
                "請求ファイルには {months} の分が入っていますが、{run} として精算しました。{months} の精算のつもりなら、「精算する月」を {months} にして、もう一度「精算する」を押してください。",
                "The claim files are for {months}, but they were settled as {run}. To settle {months}, set “Month to settle” to {months} and press Settle again.",
            )}</p>
        }
    });
    view! {
        {other}
        <div class="table-wrap">
        <table class="office__table" data-testid="payouts">
            <caption>{state.t("お店への支払い", "Payouts to shops")}</caption>
            <thead><tr>
                <th scope="col">{state.t("お店", "Shop")}</th>
                <th scope="col">{state.t("店舗ID", "Shop id")}</th>
                <th scope="col">{state.t("枚数", "Tickets")}</th>
                <th scope="col">{state.t("金額", "Amount")}</th>
            </tr></thead>
            <tbody>{payouts}</tbody>
        </table>
        </div>
        {refused}
        <h3>{state.t("二重利用（確認が必要）", "Double use (follow up)")}</h3>
        {unknown}
        <ul data-testid="duplicates">{dups}{no_dups}</ul>
        {more}
        <h3>{state.t("審査リスト（複数の店舗が請求、支払保留）", "Review list (claimed by more than one shop, not paid)")}</h3>
        <p>{state.t(
            "証拠（登録鍵の署名と、取引番号の順序）でどちらとも決められない券です。重複は受給者の不正の証拠ではありません。両方のお店に確認して決めてください。",
            "Tickets the evidence (a registered signature and the till's numbering) cannot decide. A duplicate is not evidence against the recipient. Check with both shops, then decide.",
        )}</p>
        <ul data-testid="reviews">{reviews}</ul>
        <p class="notice notice--ok" data-testid="settle-next">{state.t(
            "次に: 「精算状態を保存（必ず）」で来月のための精算状態を保存し、支払い CSV で支払いを、問題 CSV で確認が必要な券を処理してください。そのあと「使用済みデータに署名」で使用済みデータを作り、下の「6. 配信データを作る」で公開します。",
            "Next: save the state for next month (“Save the state (always)”), pay from the payouts CSV and follow up the problems CSV. Then sign the used data and publish it with “6. Make the feed” below.",
        )}</p>
        {file_buttons(state, report.clone(), session, message)}
    }
}

/// The result's files to save, signing the used data, and printing.
fn file_buttons(
    state: AppState,
    report: Arc<SettlementReport>,
    session: Session,
    message: Message,
) -> impl IntoView {
    let r = report.clone();
    let save = move |which: &'static str| {
        let r = r.clone();
        move |_| {
            let run_month = r.run;
            let (name, text) = match which {
                "payouts" => ("payouts.csv", r.payouts_csv()),
                "charges" => ("charges.csv", r.charges_csv()),
                "problems" => ("problems.csv", r.problems_csv()),
                "settled" => ("settled.csv", r.settled_csv()),
                "review" => ("review.csv", r.review_csv()),
                _ => ("settlement-state.json", r.state.to_json()),
            };
            if let Err(e) = actions::download(&format!("{run_month}-{name}"), text.as_bytes()) {
                message.fail(e);
            }
        }
    };
    let r = report;
    let publish = move |_| {
        let Some(feed) = session.feed.get_untracked() else {
            return;
        };
        let Some(key) = session.key.get_value() else {
            message.fail(state
                    .t(
                        "「1. 鍵を開く」で、使用済みデータの署名鍵（またはルート鍵）のファイルを開いてから、もう一度押してください。",
                        "Open the used-data signing key file (or the root key) in “1. Open a key”, then press again.",
                    ));
            return;
        };
        match actions::sign_used(state.lang.get_untracked(), &feed, &r.used_marks(), &key)
            .and_then(|json| actions::download(&format!("{}-used.json", r.run), json.as_bytes()))
        {
            Ok(()) => message.done(state.t("使用済みデータ（used.json）を保存しました。次に: 下の「6. 配信データを作る」で配信データを開き、「keys.json または used.json」でこのファイルを選び、確認して保存し、公開してください。", "The used data (used.json) is saved. Next: in “6. Make the feed” below, open the feed, choose this file under “keys.json or used.json”, check, save and publish.")),
            Err(e) => message.fail(e),
        }
    };
    view! {
    <p class="office__downloads">
        <button type="button" class="button button--secondary" on:click=save("payouts")>{state.t("支払い CSV", "Payouts CSV")}</button>
        " "<button type="button" class="button button--secondary" on:click=save("charges")>{state.t("負担 CSV", "Charges CSV")}</button>
        " "<button type="button" class="button button--secondary" on:click=save("problems")>{state.t("問題 CSV", "Problems CSV")}</button>
        " "<button type="button" class="button button--secondary" on:click=save("settled")>{state.t("精算済み CSV", "Settled CSV")}</button>
        " "<button type="button" class="button button--secondary" on:click=save("review")>{state.t("審査 CSV", "Review CSV")}</button>
        " "<button type="button" class="button" on:click=save("state")>{state.t("精算状態を保存（必ず）", "Save the state (always)")}</button>
        " "<button type="button" class="button" on:click=publish>{state.t("使用済みデータに署名", "Sign the used data")}</button>
        " "<button type="button" class="button button--secondary" on:click=move |_| { let _ = web_sys::window().map(|w| w.print()); }>{state.t("印刷", "Print")}</button>
    </p>
    }
}

/// The review list: each contested ticket, with the office's decisions while it is open.
fn review_list(
    state: AppState,
    r: &SettlementReport,
    lang: Lang,
    message: Message,
    decisions: RwSignal<Vec<(TicketId, Decision)>>,
) -> impl IntoView {
    r
        .claims_check
        .reviews
        .iter()
        .take(SHOWN_DUPLICATES)
        .map(|rv| {
            let ticket = rv.ticket;
            let head = r.review_sentence(rv, lang);
            let decide = move |d: Decision| {
                move |_| {
                    decisions.update(|all| {
                        all.retain(|(t, _)| *t != ticket);
                        all.push((ticket, d.clone()));
                    });
                    message.done(state.t(
                        "決定を記録しました。もう一度「精算する」を押すと反映され、精算状態に残ります。",
                        "Decision recorded. Press “Settle” again to apply it; it is kept in the settlement state.",
                    ));
                }
            };
            let mut shops: Vec<_> = rv.lines.iter().map(|l| l.shop.clone()).collect();
            shops.dedup();
            let open = rv.status == ReviewStatus::Open;
            let buttons = open.then(|| {
                let pay = shops
                    .into_iter()
                    .map(|shop| {
                        let label = format!("{} {}", state.t("支払う:", "Pay"), r.shop_label(&shop, lang));
                        view! { " "<button type="button" class="button button--secondary" on:click=decide(Decision::Pay(shop))>{label}</button> }
                    })
                    .collect_view();
                view! {
                    {pay}
                    " "<button type="button" class="button button--secondary" on:click=decide(Decision::PayNone)>{state.t("どこにも支払わない", "Pay none")}</button>
                }
            });
            view! { <li data-state=rv.status.code() data-testid="review">{head}{buttons}</li> }
        })
        .collect_view()
}
