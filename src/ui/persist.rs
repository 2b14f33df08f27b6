//! A value kept in browser storage by read-merge-write: loaded once (an unreadable record
//! is set aside, never overwritten), saved merged with what is stored whenever it changes
//! (another tab may have saved meanwhile), and merged again when another tab saves. The
//! wallet and the till's ledger are kept this way.

use leptos::prelude::*;

use crate::domain::shared::persist::{Loaded, Persisted};
use crate::platform::storage;
use crate::ui::state::AppState;

/// How a value in memory is stored as record `R`, and merged with what another tab stored.
pub struct Merged<R, V> {
    /// The value a stored record holds.
    pub from_record: fn(R) -> V,
    /// The record that stores a value.
    pub to_record: fn(&V) -> R,
    /// `merge(stored, mine)`: the union of both, nothing of either dropped.
    pub merge: fn(&V, &V) -> V,
}

impl<R, V> Clone for Merged<R, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R, V> Copy for Merged<R, V> {}

impl<R, V> Merged<R, V>
where
    R: Persisted + 'static,
    V: Clone + PartialEq + Default + Send + Sync + 'static,
{
    /// The value as stored now, or why it must not be overwritten.
    fn stored(self, state: AppState) -> Result<V, ()> {
        match storage::load::<R>() {
            Loaded::Missing => Ok(V::default()),
            Loaded::Clean(r) | Loaded::Salvaged(r, _) => Ok((self.from_record)(r)),
            Loaded::Unreadable(_, q) => {
                // Never overwrite what we cannot read until its copy is safely set aside.
                match storage::add_to_quarantine(vec![q]) {
                    Ok(list) => {
                        state.quarantine.set(list);
                        Ok(V::default())
                    }
                    Err(e) => {
                        state.report_storage(e);
                        Err(())
                    }
                }
            }
        }
    }

    /// Save `value`: read what is stored now, merge, and write the union when it differs
    /// from what is stored. Returns the merged value when it differs from ours.
    fn save_merged(self, state: AppState, value: RwSignal<V>) -> Option<V> {
        let stored = self.stored(state).ok()?;
        let mine = value.with_untracked(Clone::clone);
        let merged = (self.merge)(&stored, &mine);
        if merged != stored {
            if let Err(e) = storage::save(&(self.to_record)(&merged)) {
                state.report_storage(e);
            }
        }
        (merged != mine).then_some(merged)
    }
}

/// Load record `R` into `value`, save it (merged) whenever it changes, and take in what
/// another tab saves (nothing of ours is dropped).
pub fn start_merged<R, V>(state: AppState, value: RwSignal<V>, how: Merged<R, V>)
where
    R: Persisted + 'static,
    V: Clone + PartialEq + Default + Send + Sync + 'static,
{
    let loaded = storage::load::<R>();
    if !loaded.quarantined().is_empty() {
        state.quarantine.set(storage::quarantine());
    }
    value.set((how.from_record)(loaded.into_value()));
    Effect::new(move |prev: Option<()>| {
        value.track();
        if prev.is_some() {
            if let Some(merged) = how.save_merged(state, value) {
                value.set(merged);
            }
        }
    });
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(R::KEY) {
            return;
        }
        if let Ok(stored) = how.stored(state) {
            let mine = value.with_untracked(Clone::clone);
            let merged = (how.merge)(&stored, &mine);
            if merged != mine {
                value.set(merged);
            }
        }
    });
}
