//! The self-checks' use cases: resume, save a step, finish (score and keep the result),
//! read, delete and export the history. Views call these, never storage directly. The
//! answers are health-related: they are read and written only in this browser's storage.

use leptos::prelude::*;

use crate::domain::checks::answers::{History, Progress, RecordId, ResultRecord};
use crate::domain::checks::questionnaire::Questionnaire;
use crate::domain::checks::record::{ChecksHistory, ChecksProgress};
use crate::domain::shared::date::{iso_date, jst_today};
use crate::domain::shared::persist::Persisted;
use crate::platform::{clock, download, storage};
use crate::ui::state::AppState;

fn load<T: Persisted>(state: AppState) -> T {
    let loaded = storage::load::<T>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    loaded.into_value()
}

fn save<T: Persisted>(state: AppState, value: &T) -> bool {
    match storage::save(value) {
        Ok(()) => true,
        Err(e) => {
            state.report_storage(e);
            false
        }
    }
}

/// The unfinished checks on this device.
pub fn unfinished(state: AppState) -> ChecksProgress {
    load(state)
}

/// Where to start `q`: the saved answers if they still fit this definition, else afresh.
pub fn resume(state: AppState, q: &Questionnaire) -> Progress {
    let saved = unfinished(state)
        .get(q.id())
        .filter(|p| p.check_fits(q).is_ok())
        .cloned();
    let mut start = saved.unwrap_or_else(|| Progress::start(q, clock::now()));
    start.go_to(q, start.current_index);
    start
}

/// Start `q` with its first question answered with `option` (a worry chosen on the list)
/// and open it at the second question.
pub fn start_with_first(state: AppState, q: &Questionnaire, option: usize) {
    if let Some(p) = Progress::start_with_first(q, option, clock::now()) {
        save_step(state, p);
    }
    crate::ui::shell::navigate(
        state.page,
        &crate::site::routes::Route::CheckRun(q.id().to_string()),
    );
}

/// Keep the answers so far (called on every step, so the user can close the app).
pub fn save_step(state: AppState, progress: Progress) {
    let mut all = unfinished(state);
    all.put(progress);
    save(state, &all);
}

/// Score the answers, keep the result (with the answers only if `keep_answers`), and drop
/// the unfinished copy. The error is a sentence for the user.
pub fn finish(
    state: AppState,
    q: &Questionnaire,
    progress: &Progress,
    keep_answers: bool,
) -> Result<RecordId, String> {
    let outcome = q.score(&progress.answers).map_err(|_| {
        state
            .t(
                "答えを集計できませんでした。もう一度お試しください。",
                "The answers could not be scored. Please try again.",
            )
            .to_owned()
    })?;
    let record = ResultRecord::from_outcome(
        &outcome,
        keep_answers.then_some(&progress.answers),
        clock::now(),
    );
    let mut history = history(state);
    let id = history.add(record).map_err(|_| {
        state
            .t(
                "結果を保存できませんでした。",
                "The result could not be saved.",
            )
            .to_owned()
    })?;
    if !save(state, &ChecksHistory::from_history(&history)) {
        return Err(state
            .t(
                "結果を保存できませんでした。端末の空き容量を確認してください。",
                "The result could not be saved. Please check the device's free space.",
            )
            .to_owned());
    }
    let mut all = unfinished(state);
    all.remove(q.id());
    save(state, &all);
    Ok(id)
}

/// Past results on this device.
pub fn history(state: AppState) -> History {
    load::<ChecksHistory>(state).into_history()
}

/// Store the history after the user changed it (deleted one or all results).
pub fn save_history(state: AppState, history: &History) {
    save(state, &ChecksHistory::from_history(history));
}

/// Save the history as a JSON file (the user's own copy).
pub fn export_history(history: &History) -> Result<(), String> {
    let json = history.to_json().map_err(|e| e.to_string())?;
    let name = format!("jokatsu-checks-{}.json", iso_date(jst_today(clock::now())));
    download::save_file(&name, "application/json", &json)
}
