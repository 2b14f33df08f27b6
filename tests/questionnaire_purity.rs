//! The self-check domain files stay pure: no browser crates (they are tested natively).

const FILES: [&str; 8] = [
    "src/domain/checks/questionnaire/mod.rs",
    "src/domain/checks/questionnaire/dto.rs",
    "src/domain/checks/questionnaire/validate.rs",
    "src/domain/checks/questionnaire/scoring.rs",
    "src/domain/checks/questionnaire/fragment.rs",
    "src/domain/checks/answers.rs",
    "src/domain/checks/helplines.rs",
    "src/domain/shared/text.rs",
];

#[test]
fn no_browser_crates_in_the_checks_domain() {
    let banned = ["leptos", "web_sys", "js_sys", "gloo", "wasm_bindgen"];
    for file in FILES {
        let path = format!("{}/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        for b in banned {
            assert!(!text.contains(b), "{file} mentions {b}");
        }
        assert!(!text.contains(".unwrap()"), "{file} uses unwrap()");
        assert!(!text.contains(".expect("), "{file} uses expect()");
    }
}
