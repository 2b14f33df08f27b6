//! Browser storage (localStorage) for versioned records.
//!
//! Reads go through [`crate::domain::shared::persist::load`], which never drops data silently:
//! unreadable records are quarantined (kept raw, listed on the About page for export).
//! Writes surface quota errors to the caller so the UI can tell the user.

use gloo_storage::{LocalStorage, Storage as _};
use thiserror::Error;
use wasm_bindgen::JsCast;

use crate::domain::shared::persist::{self, Loaded, Persisted, QuarantineList, Quarantined};

/// What went wrong with browser storage.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    #[error("browser storage is not available (private mode or blocked)")]
    Unavailable,
    #[error("browser storage is full: export a backup and free some space")]
    QuotaExceeded,
    #[error("browser storage refused the write: {0}")]
    Other(String),
    #[error("could not encode the data: {0}")]
    Encode(String),
}

fn local() -> Result<web_sys::Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

/// Is localStorage usable at all?
pub fn available() -> bool {
    local().is_ok()
}

/// Raw text under `key`.
pub fn read_raw(key: &str) -> Result<Option<String>, StorageError> {
    local()?
        .get_item(key)
        .map_err(|e| StorageError::Other(super::describe(&e)))
}

/// Store raw text under `key`, telling a full store apart from other failures.
pub fn write_raw(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(|e| {
        let name = e
            .dyn_ref::<web_sys::DomException>()
            .map(|d| d.name())
            .unwrap_or_default();
        if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
            StorageError::QuotaExceeded
        } else {
            StorageError::Other(super::describe(&e))
        }
    })
}

/// Remove `key`.
pub fn remove(key: &str) {
    if available() {
        LocalStorage::delete(key);
    }
}

/// Load a record; anything quarantined is added to the persisted quarantine list.
pub fn load<T: Persisted>() -> Loaded<T> {
    load_from::<T>(T::KEY)
}

/// Load a record stored under `key` instead of its type's own (each app's last good feed).
pub fn load_from<T: Persisted>(key: &str) -> Loaded<T> {
    let now = super::clock::now();
    let raw = read_raw(key).ok().flatten();
    let loaded = persist::load::<T>(raw.as_deref(), now);
    let bad = loaded.quarantined();
    if !bad.is_empty() {
        // Best effort: the quarantine list is also shown from memory this session.
        let _ = add_to_quarantine(bad);
    }
    loaded
}

/// Save a record in its versioned envelope.
pub fn save<T: Persisted>(value: &T) -> Result<(), StorageError> {
    save_to(T::KEY, value)
}

/// Save a record under `key` instead of its type's own.
pub fn save_to<T: Persisted>(key: &str, value: &T) -> Result<(), StorageError> {
    let text = persist::save(value, super::clock::now())
        .map_err(|e| StorageError::Encode(e.to_string()))?;
    write_raw(key, &text)
}

/// Add items to the quarantine list (deduplicated).
pub fn add_to_quarantine(items: Vec<Quarantined>) -> Result<QuarantineList, StorageError> {
    let now = super::clock::now();
    let raw = read_raw(QuarantineList::KEY)?;
    let loaded = persist::load::<QuarantineList>(raw.as_deref(), now);
    if let Loaded::Unreadable(_, q) = &loaded {
        // Never overwrite an unreadable quarantine list: park it under a side key.
        let side = format!("{}.damaged.{}", QuarantineList::KEY, now.timestamp());
        write_raw(&side, &q.raw)?;
    }
    let mut list = loaded.into_value();
    if list.add(items) > 0 {
        save(&list)?;
    }
    Ok(list)
}

/// The current quarantine list.
pub fn quarantine() -> QuarantineList {
    let raw = read_raw(QuarantineList::KEY).ok().flatten();
    persist::load::<QuarantineList>(raw.as_deref(), super::clock::now()).into_value()
}

/// Forget the quarantine list (after the user exported it).
pub fn clear_quarantine() {
    remove(QuarantineList::KEY);
}

/// Ask the browser to keep our storage (not evict it under pressure). Resolves to whether
/// the storage is persisted. Called once a wallet holds tickets.
pub async fn request_persistence() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let storage = window.navigator().storage();
    let Ok(promise) = storage.persist() else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Calls `changed()` whenever another tab or window of this origin changes the record
/// stored under `key` (the browser's `storage` event, which never fires in the tab that
/// wrote). A cleared store (`key` null) counts as a change too. Lives as long as the page.
pub fn on_changed_elsewhere(key: &'static str, changed: impl Fn() + 'static) {
    use wasm_bindgen::prelude::Closure;
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(move |ev: web_sys::Event| {
        // `StorageEvent.key`, read without the StorageEvent binding.
        let changed_key = js_sys::Reflect::get(&ev, &wasm_bindgen::JsValue::from_str("key"))
            .ok()
            .and_then(|v| v.as_string());
        if changed_key.as_deref().is_none_or(|k| k == key) {
            changed();
        }
    });
    let _ = window.add_event_listener_with_callback("storage", handler.as_ref().unchecked_ref());
    // The page lives until it is closed: the handler must too.
    handler.forget();
}
