//! A value kept in browser storage by read-merge-write: loaded once (an unreadable record
//! is set aside, never overwritten), saved merged with what is stored whenever it changes
//! (another tab may have saved meanwhile), and merged again when another tab saves. The
//! wallet and the till's ledger are kept this way.

use leptos::prelude::*;

use crate::domain::shared::persist::{Loaded, Persisted};
use crate::platform::storage;
use crate::ui::state::AppState;

/// A stored record that holds a value merged with what another tab stored.
pub trait Merged: Persisted + 'static {
    /// The value in memory.
    type Value: Clone + PartialEq + Default + Send + Sync + 'static;
    /// The value this record holds.
    fn into_value(self) -> Self::Value;
    /// The record that stores `value`.
    fn of(value: &Self::Value) -> Self;
    /// The union of what is stored and ours, nothing of either dropped.
    fn merge(stored: &Self::Value, mine: &Self::Value) -> Self::Value;
}

/// The value as stored now, or why it must not be overwritten.
fn stored<R: Merged>(state: AppState) -> Result<R::Value, ()> {
    match storage::load::<R>() {
        Loaded::Missing => Ok(R::Value::default()),
        Loaded::Clean(r) | Loaded::Salvaged(r, _) => Ok(r.into_value()),
        Loaded::Unreadable(_, q) if q.blocks_writes() => {
            // Written by a newer app: never overwritten by this one. Read-only until the
            // app is updated; its copy is set aside too, and the page says so.
            if let Ok(list) = storage::add_to_quarantine(vec![q]) {
                state.quarantine.set(list);
            }
            state.report_storage(state.tr(
                "保存データは新しい版のアプリで書かれています。この版では変更を保存しません（新しい版のデータを上書きしないため）。ページを再読み込みして、アプリを更新してください。",
                "The saved data was written by a newer version of the app. This version saves no changes (so as not to overwrite it): reload the page to update the app.",
            ));
            Err(())
        }
        Loaded::Unreadable(_, q) => {
            // Never overwrite what we cannot read until its copy is safely set aside.
            match storage::add_to_quarantine(vec![q]) {
                Ok(list) => {
                    state.quarantine.set(list);
                    Ok(R::Value::default())
                }
                Err(e) => {
                    state.report_storage(e);
                    Err(())
                }
            }
        }
    }
}

/// Save `value`: read what is stored now, merge, and write the union when it differs from
/// what is stored. Returns the merged value when it differs from ours.
fn save_merged<R: Merged>(state: AppState, value: RwSignal<R::Value>) -> Option<R::Value> {
    let stored = stored::<R>(state).ok()?;
    let mine = value.with_untracked(Clone::clone);
    let merged = R::merge(&stored, &mine);
    // `==` only: `!=` would link a second copy of the values' comparison.
    let unchanged = merged == stored;
    if !unchanged {
        if let Err(e) = storage::save(&R::of(&merged)) {
            state.report_storage(e);
        }
    }
    let ours = merged == mine;
    (!ours).then_some(merged)
}

/// Load record `R` into `value`, save it (merged) whenever it changes, and take in what
/// another tab saves (nothing of ours is dropped). `changed` sees each value, first the
/// loaded one, with what it returned the time before (e.g. to ask the browser to keep
/// the storage).
pub fn start_merged<R: Merged, K: 'static>(
    state: AppState,
    value: RwSignal<R::Value>,
    changed: impl Fn(Option<K>, &R::Value) -> K + 'static,
) {
    let loaded = storage::load::<R>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    if loaded.quarantined().iter().any(|q| q.blocks_writes()) {
        // Say so at once, not only at the first save.
        let _ = stored::<R>(state);
    }
    value.set(loaded.into_value().into_value());
    Effect::new(move |prev: Option<K>| {
        let first = prev.is_none();
        let seen = value.with(|v| changed(prev, v));
        if !first {
            if let Some(merged) = save_merged::<R>(state, value) {
                value.set(merged);
            }
        }
        seen
    });
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(R::KEY) {
            return;
        }
        if let Ok(stored) = stored::<R>(state) {
            let mine = value.with_untracked(Clone::clone);
            let merged = R::merge(&stored, &mine);
            let ours = merged == mine;
            if !ours {
                value.set(merged);
            }
        }
    });
}
