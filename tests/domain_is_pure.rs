//! The domain stays pure: no browser crate is imported under src/domain/.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use std::fs;
use std::path::Path;

fn visit(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            visit(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push((
                p.display().to_string(),
                fs::read_to_string(&p).unwrap_or_default(),
            ));
        }
    }
}

#[test]
fn domain_imports_no_browser_crate() {
    let mut files = Vec::new();
    visit(
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/domain")),
        &mut files,
    );
    assert!(files.len() >= 4, "domain files not found");
    for (path, text) in files {
        for banned in ["leptos", "web_sys", "js_sys", "gloo", "wasm_bindgen"] {
            let hit = text.lines().any(|l| {
                let l = l.trim_start();
                (l.starts_with("use ") || l.contains("::")) && l.contains(&format!("{banned}::"))
            });
            assert!(!hit, "{path} uses {banned}");
        }
    }
}
