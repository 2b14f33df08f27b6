//! Project Wycheproof Ed25519 vectors (tests/vectors/wycheproof-ed25519_test.json,
//! Apache-2.0) through the app's one signature check, `keys::verify_signature_raw`, which
//! tickets and key lists both use.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jokatsu::domain::tickets::core::keys::verify_signature_raw;
use serde::Deserialize;

#[derive(Deserialize)]
struct File {
    #[serde(rename = "numberOfTests")]
    number_of_tests: usize,
    #[serde(rename = "testGroups")]
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    #[serde(rename = "publicKey")]
    public_key: PublicKey,
    tests: Vec<Case>,
}

#[derive(Deserialize)]
struct PublicKey {
    pk: String,
}

#[derive(Deserialize)]
struct Case {
    #[serde(rename = "tcId")]
    id: u32,
    comment: String,
    msg: String,
    sig: String,
    result: String,
}

fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex"))
        .collect()
}

#[test]
fn every_wycheproof_case_gets_the_expected_result() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/wycheproof-ed25519_test.json"
    ));
    let file: File = serde_json::from_str(text).expect("wycheproof json");
    let mut ran = 0;
    let mut failures = Vec::new();
    for group in &file.groups {
        let pk = hex(&group.public_key.pk);
        for case in &group.tests {
            let expected = match case.result.as_str() {
                "valid" => true,
                "invalid" => false,
                other => panic!("tcId {}: unexpected result {other}", case.id),
            };
            let got = verify_signature_raw(&pk, &hex(&case.msg), &hex(&case.sig));
            if got != expected {
                failures.push(format!(
                    "tcId {} ({}): expected {}, got {got}",
                    case.id, case.comment, case.result
                ));
            }
            ran += 1;
        }
    }
    assert_eq!(ran, file.number_of_tests, "every case ran");
    assert_eq!(ran, 151);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
