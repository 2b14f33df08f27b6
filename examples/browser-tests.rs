//! Browser tests for the platform adapters (wasm-bindgen-test in headless Chromium), run by
//! `make test`: `cargo test --profile office --target wasm32-unknown-unknown --example
//! browser-tests`.
//!
//! An example rather than an integration test (`tests/`): cargo builds every binary of the
//! package for an integration test, which for the office profile is eleven more pages'
//! WebAssembly; an example needs only the library, which the office bundle's build has
//! already compiled (Cargo.toml, profile `office`).

/// Built as a plain example (`cargo build --examples`, clippy's `--all-targets`) it does nothing.
#[cfg(not(test))]
fn main() {}

#[cfg(all(test, target_arch = "wasm32"))]
// Test code: a failed assumption is a failed test.
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod browser {
    use jokatsu::domain::shared::persist::{Loaded, Persisted, Settings, Theme};
    use jokatsu::domain::shared::text::Lang;
    use jokatsu::platform::storage;
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn storage_round_trips_a_versioned_record() {
        storage::remove(Settings::KEY);
        let s = Settings {
            lang: Lang::En,
            theme: Theme::Dark,
        };
        assert_eq!(storage::save(&s), Ok(()));
        let raw = storage::read_raw(Settings::KEY)
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(raw.contains("\"version\":2"), "{raw}");
        assert_eq!(storage::load::<Settings>(), Loaded::Clean(s));
        storage::remove(Settings::KEY);
    }

    #[wasm_bindgen_test]
    fn a_damaged_record_is_quarantined_in_storage() {
        storage::clear_quarantine();
        assert_eq!(storage::write_raw(Settings::KEY, "{broken"), Ok(()));
        let loaded = storage::load::<Settings>();
        assert!(matches!(loaded, Loaded::Unreadable(..)));
        // The raw text is still under its key, and a copy is in the quarantine list.
        assert_eq!(
            storage::read_raw(Settings::KEY).ok().flatten().as_deref(),
            Some("{broken")
        );
        let q = storage::quarantine();
        assert_eq!(q.items.len(), 1);
        assert_eq!(q.items[0].raw, "{broken");
        storage::remove(Settings::KEY);
        storage::clear_quarantine();
    }

    #[wasm_bindgen_test]
    fn a_full_store_is_reported_as_quota_exceeded() {
        // Fill localStorage until it refuses, then check the error is the typed one.
        let chunk = "x".repeat(512 * 1024);
        let mut result = Ok(());
        for i in 0..64 {
            result = storage::write_raw(&format!("jokatsu.test.fill.{i}"), &chunk);
            if result.is_err() {
                break;
            }
        }
        for i in 0..64 {
            storage::remove(&format!("jokatsu.test.fill.{i}"));
        }
        assert_eq!(result, Err(storage::StorageError::QuotaExceeded));
    }

    #[wasm_bindgen_test]
    async fn fetch_refuses_other_origins() {
        let r = jokatsu::platform::fetch::get_text("https://example.com/feed.json", 1000).await;
        assert!(matches!(
            r,
            Err(jokatsu::platform::fetch::FetchError::CrossOrigin(_))
        ));
    }
}
