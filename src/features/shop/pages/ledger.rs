//! The till's ledger (`shop.html#/shop/ledger`): today's and this month's takings, every
//! redemption newest first (searchable by serial), undo within the window, and the
//! month-end claim export.

use std::time::Duration;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::domain::shared::text::Lang;
use crate::domain::tickets::core::claim::{parse_period, ClaimSummary};
use crate::domain::tickets::core::ticket::YearMonth;
use crate::domain::tickets::shop::export::claimable;
use crate::domain::tickets::shop::ledger::{Redemption, Tally, UNDO_WINDOW_MINUTES};
use crate::domain::tickets::shop::till::{claim_timing, default_claim_period, ClaimTiming};
use crate::features::shop::actions;
use crate::features::shop::components::till_bar::TillBar;
use crate::features::shop::state::ShopState;
use crate::site::routes::Route;
use crate::ui::i18n::{date, datetime_jst, yen};
use crate::ui::outcome::Outcome;
use crate::ui::state::AppState;
use crate::ui::tickets::today;
use crate::ui::ticking::ticking_now;

fn period_text(p: crate::domain::tickets::core::ticket::YearMonth) -> String {
    format!("{:04}-{:02}", p.year, p.month)
}

fn tally_text(lang: Lang, t: Option<Tally>) -> (String, String) {
    match t {
        Some(t) => (
            match lang {
                Lang::Ja => format!("{}件", t.count),
                Lang::En => format!("{} tickets", t.count),
            },
            yen(lang, t.total.0),
        ),
        None => ("—".into(), "—".into()),
    }
}

/// Redemptions listed at once (newest first); the search reaches all of them.
const SHOWN_ROWS: usize = 200;

/// Ledger and claims.
#[component]
pub fn LedgerPage() -> impl IntoView {
    let state = AppState::expect();
    let shop = ShopState::expect();
    let now = ticking_now(Duration::from_secs(5));
    view! {
        <section class="page till">
            <h1>{state.t("台帳と請求", "Ledger and claims")}</h1>
            <TillBar current=Route::ShopLedger/>
            {tallies(state, shop, now)}
            {claim_section(state, shop)}
            {redemptions(state, shop, now)}
        </section>
    }
}

/// The month-end claim: the month, what is not yet claimed, the export (with a question
/// for a month not over yet), its files, and the earlier claims.
fn claim_section(state: AppState, shop: ShopState) -> impl IntoView {
    let period = RwSignal::new(period_text(default_claim_period(today())));
    // What the claim export said (an error).
    let outcome = RwSignal::new(None::<Outcome>);
    let pending = move || {
        let lang = state.lang.get();
        let setup = shop.setup.get()?;
        let p = parse_period(&period.get())?;
        let (n, total) = shop.ledger.with(|l| {
            let c = claimable(l, &setup.shop, p);
            let total: u64 = c.iter().map(|r| r.face_value().0).sum();
            (c.len(), total)
        });
        Some(match lang {
            Lang::Ja => format!("この月の未請求：{n}件・{}", yen(lang, total)),
            Lang::En => format!(
                "Not yet claimed in this month: {n} tickets, {}",
                yen(lang, total)
            ),
        })
    };

    // A month not over yet is claimed only after the clerk confirms it.
    let confirm_early = RwSignal::new(None::<YearMonth>);
    let exported = RwSignal::new(None::<actions::Exported>);
    let sent = RwSignal::new(None::<Outcome>);
    let show_export = move |result: Result<actions::Exported, String>| match result {
        Ok(e) => {
            exported.set(Some(e));
            sent.set(None);
            outcome.set(None);
        }
        Err(message) => {
            exported.set(None);
            outcome.set(Some(Outcome::failed(message)));
        }
    };
    let run_export = move |p: YearMonth| {
        confirm_early.set(None);
        show_export(actions::export(state, shop, p));
    };
    let export = move |_| match parse_period(&period.get_untracked()) {
        Some(p) => match claim_timing(p, today()) {
            ClaimTiming::MonthNotOver { .. } => {
                confirm_early.set(Some(p));
                crate::ui::focus::focus_soon("claim-early-yes");
            }
            ClaimTiming::MonthOver | ClaimTiming::Future => run_export(p),
        },
        None => outcome.set(Some(Outcome::failed(
            state
                .t("請求する月を選んでください。", "Choose the month to claim.")
                .to_string(),
        ))),
    };
    let month_note = move || {
        let lang = state.lang.get();
        match claim_timing(parse_period(&period.get())?, today()) {
            ClaimTiming::MonthOver => None,
            ClaimTiming::MonthNotOver { last_day } => Some(match lang {
                Lang::Ja => format!("この月はまだ終わっていません（{}まで）。今書き出すと、このあとの受付は同じ月の次の請求になります。", date(lang, last_day)),
                Lang::En => format!("This month is not over yet (until {}). Redemptions after an export now go into a later claim of the month.", date(lang, last_day)),
            }),
            ClaimTiming::Future => Some(state.tr("まだ始まっていない月です。", "This month has not begun.").to_string()),
        }
    };
    view! {
        <h2>{state.t("月末の請求", "Month-end claim")}</h2>
        <p>{state.t(
            "月が終わったら、その月のまだ請求していない受付をまとめて書き出します。書き出した受付は「請求済み」になり、二重に請求されません。ファイルは2つ保存されます：",
            "When the month is over, export its unclaimed redemptions. Exported redemptions are marked claimed and are never claimed twice. Two files are saved:",
        )}</p>
        <ul class="claim-files">
            <li>{state.t("claim-….json：事務局へ送るファイル（送るのはこれだけ）", "claim-….json: the file to send to the office (the only one)")}</li>
            <li>{state.t("claim-….csv：お店の控え（Excelで開けます。事務局へは送りません）", "claim-….csv: for your records (opens in Excel; not sent to the office)")}</li>
        </ul>
        <div class="field">
            <label class="field__label" for="claim-period">{state.t("請求する月", "Month to claim")}</label>
            <input id="claim-period" class="input" type="month" prop:value=move || period.get()
                aria-describedby="claim-pending claim-month-note"
                on:input=move |ev| {
                    period.set(event_target_value(&ev));
                    confirm_early.set(None);
                }/>
            <p class="field__hint" id="claim-pending" data-testid="claim-pending">{pending}</p>
            <p class="field__hint field__hint--warn" id="claim-month-note" data-testid="claim-month-note">{month_note}</p>
        </div>
        {unsigned_warning(state, shop)}
        <button type="button" class="button button--wide" on:click=export>{state.t("請求データを書き出す", "Export the claim")}</button>
        {early_question(state, confirm_early, run_export)}
        {move || outcome.get().map(|o| view! {
            <p class=if o.ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="ledger-notice">{o.message}</p>
        })}
        {export_result(state, shop, exported, sent)}
        {earlier_claims(state, shop, show_export)}
    }
}

/// A warning while this device has no claim key for the shop.
fn unsigned_warning(state: AppState, shop: ShopState) -> impl IntoView {
    move || {
        // Without this shop's claim key the file is unsigned: a production office
        // refuses it (claim_unsigned).
        let signed = shop.setup.with(|s| {
            shop.claim_key
                .with(|k| matches!((s, k), (Some(s), Some(k)) if k.shop() == &s.shop))
        });
        (!signed).then(|| view! {
            <p class="notice notice--warn" data-testid="claim-unsigned">
                {state.t(
                    "この端末には、このお店の請求の署名鍵がありません。署名のない請求は支払われません。「設定」で署名鍵を作るか、バックアップから戻してください。",
                    "This device has no claim signing key for this shop. Unsigned claims are not paid. Make the key, or restore it from a backup, under Settings.",
                )}
                " "<a href=state.link(Route::ShopSetup)>{state.tr("設定へ", "Go to settings")}</a>
            </p>
        })
    }
}

/// The question before claiming a month that is not over yet.
fn early_question(
    state: AppState,
    confirm_early: RwSignal<Option<YearMonth>>,
    run_export: impl Fn(YearMonth) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        confirm_early.get().map(|p| {
        let lang = state.lang.get();
        let text = match lang {
            Lang::Ja => format!("{}はまだ終わっていません（{}まで）。いま書き出しますか？このあとの受付は、同じ月のもう1つの請求として書き出すことになります。", period_text(p), date(lang, p.last_day())),
            Lang::En => format!("{} is not over yet (until {}). Export now? Later redemptions of the month will need another claim.", period_text(p), date(lang, p.last_day())),
        };
        view! {
            <div class="notice notice--warn" role="alertdialog" aria-labelledby="claim-early-text" data-testid="claim-early">
                <p id="claim-early-text">{text}</p>
                <div class="button-row">
                    <button type="button" id="claim-early-yes" class="button" on:click=move |_| run_export(p)>{state.t("いま書き出す", "Export now")}</button>
                    <button type="button" class="button button--secondary" on:click=move |_| confirm_early.set(None)>{state.t("やめる", "Cancel")}</button>
                </div>
            </div>
        }
    })
    }
}

/// What an export made: the file to send (with a button to send it) and the one to keep.
fn export_result(
    state: AppState,
    shop: ShopState,
    exported: RwSignal<Option<actions::Exported>>,
    sent: RwSignal<Option<Outcome>>,
) -> impl IntoView {
    move || {
        let e = exported.get()?;
        let lang = state.lang.get();
        let total = yen(lang, e.total.0);
        let head = match (lang, e.again) {
            (Lang::Ja, false) => format!(
                "請求 {} を書き出しました：{}件、合計 {total}。",
                e.id, e.count
            ),
            (Lang::Ja, true) => format!(
                "請求 {} をもう一度書き出しました（前回と同じ内容）：{}件、合計 {total}。",
                e.id, e.count
            ),
            (Lang::En, false) => format!(
                "Claim {} exported: {} tickets, {total} in total.",
                e.id, e.count
            ),
            (Lang::En, true) => format!(
                "Claim {} exported again (identical): {} tickets, {total} in total.",
                e.id, e.count
            ),
        };
        let id = e.id.clone();
        let done = Callback::new(move |o: Outcome| sent.set(Some(o)));
        Some(view! {
            <div class="card claim-result" role="status" data-testid="claim-result">
                <p class="card__title">{head}</p>
                <ol class="claim-files">
                    <li data-testid="claim-send">
                        <strong>{state.t("事務局へ送るファイル：", "Send to the office: ")}</strong>
                        <code class="claim-files__name">{format!("{}.json", e.stem)}</code>
                        <br/>
                        {state.t(
                            "市の事務局が精算に使うのはこのファイルです。送るのはこの1つだけです。市から案内された提出先へ、メールなどに添付して送ってください。",
                            "The city office settles with this file; it is the only one to send. Attach it to an e-mail (or as the city told you) to the office.",
                        )}
                        <button type="button" class="button button--wide claim-files__send" on:click=move |_| {
                            actions::send_claim(state, shop, &id, done);
                        }>{state.t("事務局へ送る（共有・メール）", "Send to the office (share, e-mail)")}</button>
                    </li>
                    <li data-testid="claim-keep">
                        <strong>{state.t("お店の控え：", "For your records: ")}</strong>
                        <code class="claim-files__name">{format!("{}.csv", e.stem)}</code>
                        <br/>
                        {state.t(
                            "Excelで開ける一覧（店舗名・見本の印つき）です。お店で保管し、事務局へは送りません（事務局の精算では読めません）。",
                            "A list that opens in Excel (with the shop's name and demo marks). Keep it; do not send it to the office (settlement cannot read it).",
                        )}
                    </li>
                </ol>
                {move || sent.get().map(|o| view! {
                    <p class=if o.ok { "notice notice--ok" } else { "notice notice--danger" } data-testid="claim-sent">{o.message}</p>
                })}
            </div>
        })
    }
}

/// The claims exported before, newest first (each can be exported again).
fn earlier_claims(
    state: AppState,
    shop: ShopState,
    show_export: impl Fn(Result<actions::Exported, String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let claims = move || {
        let lang = state.lang.get();
        shop.ledger.with(|l| {
            l.claims()
                .iter()
                .rev()
                .map(|c| claim_row(state, shop, show_export, c, lang))
                .collect_view()
        })
    };
    move || {
        shop.ledger.with(|l| !l.claims().is_empty()).then(|| {
            view! {
                <h3>{state.t("これまでの請求", "Earlier claims")}</h3>
                <ul class="stack-list">{claims}</ul>
            }
        })
    }
}

/// Every redemption, newest first, searchable by serial, each with its undo.
fn redemptions(state: AppState, shop: ShopState, now: RwSignal<DateTime<Utc>>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    // What an undo in the list said.
    let undo_outcome = RwSignal::new(None::<Outcome>);
    let rows = move || {
        let lang = state.lang.get();
        let at = now.get();
        let q = query.get();
        shop.ledger.with(|l| {
            // The newest first; beyond that the serial search finds any entry (thousands
            // of rows would stall a till's tablet).
            l.search(&q)
                .into_iter()
                .take(SHOWN_ROWS)
                .map(|r| ledger_row(state, shop, undo_outcome, r, lang, at))
                .collect_view()
        })
    };
    view! {
        <h2>{state.t("受付の記録", "Redemptions")}</h2>
        <p class="field__hint" data-testid="undo-rule">{match state.lang.get_untracked() {
            Lang::Ja => format!("受付の取り消しは、受付から{UNDO_WINDOW_MINUTES}分以内ならこの端末でできます。それを過ぎた受付や請求済みの受付は取り消せません。"),
            Lang::En => format!("A redemption can be undone on this till within {UNDO_WINDOW_MINUTES} minutes, and not once claimed. "),
        }}{actions::contact_the_office(state.lang.get_untracked())}</p>
        <div class="field">
            <label class="field__label" for="ledger-q">{state.t("番号で探す", "Search by serial")}</label>
            <input id="ledger-q" class="input" type="search" inputmode="numeric" autocomplete="off"
                prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
        </div>
        {move || undo_outcome.get().map(|o| view! {
            <p class=if o.ok { "notice notice--ok" } else { "notice notice--danger" } role="status" data-testid="undo-notice">{o.message}</p>
        })}
        <ul class="stack-list" data-testid="ledger-list">{rows}</ul>
        {move || {
            let more = shop.ledger.with(|l| l.search(&query.get()).len()).saturating_sub(SHOWN_ROWS);
            (more > 0).then(|| view! {
                <p class="field__hint" data-testid="ledger-more">{match state.lang.get() {
                    Lang::Ja => format!("ほか {more}件。番号で探してください。"),
                    Lang::En => format!("{more} more: search by serial."),
                }}</p>
            })
        }}
    }
}

/// Today's and this month's takings of the shop this till is set up for.
fn tallies(state: AppState, shop: ShopState, now: RwSignal<DateTime<Utc>>) -> impl IntoView {
    move || {
        let lang = state.lang.get();
        let at = now.get();
        let setup = shop.setup.get()?;
        let (today_t, month_t) = shop.ledger.with(|l| {
            (
                l.today(&setup.shop, at).ok(),
                l.this_month(&setup.shop, at).ok(),
            )
        });
        let (tc, ty) = tally_text(lang, today_t);
        let (mc, my) = tally_text(lang, month_t);
        Some(view! {
            <div class="tally">
                <div class="tally__item" data-testid="tally-today">
                    <p class="tally__label">{state.t("今日", "Today")}</p>
                    <p class="tally__count">{tc}</p>
                    <p class="tally__total">{ty}</p>
                </div>
                <div class="tally__item" data-testid="tally-month">
                    <p class="tally__label">{state.t("今月", "This month")}</p>
                    <p class="tally__count">{mc}</p>
                    <p class="tally__total">{my}</p>
                </div>
            </div>
        })
    }
}

/// One redemption: serial, amount, when and where, its state, and undo while allowed.
fn ledger_row(
    state: AppState,
    shop: ShopState,
    outcome: RwSignal<Option<Outcome>>,
    r: &Redemption,
    lang: Lang,
    at: DateTime<Utc>,
) -> impl IntoView {
    let id = r.id;
    let status = if !r.is_live() {
        Some(("muted", state.t("取り消し済み", "Undone").to_string()))
    } else {
        r.claimed_in
            .as_ref()
            .map(|c| ("ok", format!("{} {c}", state.t("請求済み", "Claimed"))))
    };
    let can_undo = r.is_live()
        && r.claimed_in.is_none()
        && at - r.redeemed_at <= chrono::Duration::minutes(UNDO_WINDOW_MINUTES);
    let meta = match lang {
        Lang::Ja => format!(
            "{} · 取引番号 {} · {}",
            datetime_jst(lang, r.redeemed_at),
            r.transaction,
            r.device
        ),
        Lang::En => format!(
            "{} · transaction {} · {}",
            datetime_jst(lang, r.redeemed_at),
            r.transaction,
            r.device
        ),
    };
    view! {
        <li class="card ledger-row" data-testid="ledger-row" data-state=if r.is_live() { "live" } else { "undone" }>
            <p class="ledger-row__main">
                <span class="ledger-row__serial">{r.id.to_string()}</span>
                <span class="ledger-row__amount">{yen(lang, r.face_value().0)}</span>
            </p>
            <p class="card__meta">{meta}</p>
            {status.map(|(kind, label)| view! { <p><span class=format!("badge badge--{kind}")>{label}</span></p> })}
            {can_undo.then(|| view! {
                <button type="button" class="button button--danger button--small" on:click=move |_| {
                    outcome.set(Some(actions::undo(state, shop, id)));
                }>{state.t("取り消す（10分以内）", "Undo (within 10 minutes)")}</button>
            })}
        </li>
    }
}

/// One claim made earlier, with its export again.
fn claim_row(
    state: AppState,
    shop: ShopState,
    show_export: impl Fn(Result<actions::Exported, String>) + Copy + 'static,
    c: &ClaimSummary,
    lang: Lang,
) -> impl IntoView {
    let id = c.header.id.clone();
    let text = match lang {
        Lang::Ja => format!(
            "{} · {}件 · {} · 作成 {}",
            period_text(c.header.period),
            c.count,
            yen(lang, c.total.0),
            datetime_jst(lang, c.header.created_at)
        ),
        Lang::En => format!(
            "{} · {} tickets · {} · made {}",
            period_text(c.header.period),
            c.count,
            yen(lang, c.total.0),
            datetime_jst(lang, c.header.created_at)
        ),
    };
    view! {
        <li class="card" data-testid="claim-row">
            <p class="card__title">{c.header.id.to_string()}</p>
            <p class="card__meta">{text}</p>
            <button type="button" class="button button--secondary button--small" on:click=move |_| {
                show_export(actions::reexport(state, shop, &id));
            }>{state.t("もう一度書き出す", "Export again")}</button>
        </li>
    }
}
