//! 2. The roster and the issuance register.

use std::sync::Arc;

use leptos::prelude::*;

use super::{Session, MAX_FILE};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::Wording;
use crate::features::office::actions;
use crate::features::office::pages::common::{files_of, status, Say};
use crate::platform::download::read_file_bytes;
use crate::ui::state::AppState;

#[component]
pub(super) fn RosterSection(session: Session) -> impl IntoView {
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
                    let (encoding, people, problems) = (
                        roster.encoding.label_in(state.lang.get_untracked()),
                        roster.entries.len(),
                        roster.problems.len(),
                    );
                    let text = match (state.lang.get_untracked(), problems) {
                        (Lang::Ja, 0) => format!("名簿を読み込みました（{encoding}、{people}人）。次に: 前回の発行台帳があれば下で選び、「3. 月のチケットを発行する」へ。"),
                        (Lang::Ja, _) => format!("名簿を読み込みました（{encoding}、{people}人、問題のある行 {problems}件）。問題のある行の人には発行されません: 下の一覧を見て名簿を直し、もう一度選んでください。そのままでよければ「3. 月のチケットを発行する」へ。"),
                        (Lang::En, 0) => format!("The roster is read ({encoding}, {people} people). Next: choose last time's register below if there is one, then “3. Issue a month's tickets”."),
                        (Lang::En, _) => format!("The roster is read ({encoding}, {people} people, {problems} lines with problems). Those lines get no tickets: correct the roster using the list below and choose it again, or go on to “3. Issue a month's tickets”."),
                    };
                    message.set(Some((problems == 0, text)));
                    session.roster.set(Some(Arc::new(roster)));
                }
                Err(e) => message.fail(e),
            }
        });
    };
    let on_register = move |ev: leptos::ev::Event| {
        let Some(file) = files_of(&ev).into_iter().next() else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let lang = state.lang.get_untracked();
            match read_file_bytes(file, MAX_FILE)
                .await
                .and_then(|b| actions::json_file(lang, &b))
                .and_then(|t| actions::read_register(lang, &t))
            {
                Ok(register) => {
                    session.register.set(Arc::new(register));
                    session.register_name.set(Some(name));
                }
                Err(e) => message.fail(e),
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
                Some(n) => match state.lang.get() {
                    Lang::Ja => format!("{n}：割り当て {}件", session.register.with(|r| r.len())),
                    Lang::En => format!("{n}: {} allocations", session.register.with(|r| r.len())),
                },
                None => state.tr("新しい台帳で始めます", "Starting a new register").to_string(),
            }}</p>
            {move || message.get().map(|(ok, m)| status(ok, m))}
            {move || session.roster.get().map(|r| {
                let problems = r.problems.iter().map(|p| view! { <li>{p.wording(state.lang.get_untracked())}</li> }).collect_view();
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
