//! Writes the office's end-to-end fixtures (all PUBLIC demo material):
//! `cargo run --example office-fixtures -- tests/e2e/fixtures`
//! - `demo-issuer-1.key`: the demo issuer key (id 1) as a key file, passphrase
//!   `demo-passphrase-2026`, with the fast test KDF (a real key file uses the default).
//! - `demo-used-200.key`: the demo used-data key (id 200, kind `used`), same passphrase.
//! - `demo-root.key`: the demo root key, same passphrase; `demo-issuers.json`: the list
//!   of demo keys the root signs (issuer 1, used-data 200).
//! - `roster-sjis.csv`: a roster as Excel saves it on Japanese Windows (Shift_JIS), three
//!   recipients and one bad line.
// A developer tool run by hand: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use jokatsu::domain::shared::base64url;
use jokatsu::domain::tickets::core::keys::demo;
use jokatsu::domain::tickets::office::keyfile::{seal, KdfParams, KeyKind};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "tests/e2e/fixtures".into());
    let file = seal(
        KeyKind::Issuer(demo::DEMO_ISSUER_KEY_ID),
        "見本（デモ）発行鍵 / demo issuer key",
        &demo::DEMO_ISSUER_SEED,
        "demo-passphrase-2026",
        KdfParams::INSECURE_TEST,
        b"demo-salt-16byte",
        b"demo-nonce-24-bytes-long",
    )
    .expect("seal");
    std::fs::write(format!("{dir}/demo-issuer-1.key"), file).expect("write key");
    let used = seal(
        KeyKind::Used(demo::DEMO_USED_KEY_ID),
        "見本（デモ）使用済み署名鍵 / demo used-data key",
        &demo::DEMO_USED_SEED,
        "demo-passphrase-2026",
        KdfParams::INSECURE_TEST,
        b"demo-salt-used-1",
        b"demo-nonce-used-24-bytes",
    )
    .expect("seal");
    std::fs::write(format!("{dir}/demo-used-200.key"), used).expect("write used key");
    let root = seal(
        KeyKind::Root,
        "見本（デモ）ルート鍵 / demo root key",
        &demo::DEMO_ROOT_SEED,
        "demo-passphrase-2026",
        KdfParams::INSECURE_TEST,
        b"demo-salt-root-1",
        b"demo-nonce-root-24-bytes",
    )
    .expect("seal");
    std::fs::write(format!("{dir}/demo-root.key"), root).expect("write root key");
    // The office's list of keys to sign (what `keys gen-issuer` prints, one per key).
    let b64 = |k: ed25519_dalek::VerifyingKey| base64url::encode(k.as_bytes());
    let list = serde_json::json!({"issuers": [
        {"id": 1, "role": "issuer", "public_key": b64(demo::issuer_signing_key().verifying_key()),
         "not_before": "2020-01-01", "not_after": "2148-12-31", "max_validity_days": 100,
         "max_face_value": 1000, "demo": true, "label": "見本（デモ）発行鍵 / demo issuer key"},
        {"id": 200, "role": "used", "public_key": b64(demo::used_signing_key().verifying_key()),
         "not_before": "2020-01-01", "not_after": "2148-12-31", "max_validity_days": 0,
         "max_face_value": 0, "demo": true, "label": "見本（デモ）使用済み署名鍵 / demo used-data key"}
    ]});
    std::fs::write(
        format!("{dir}/demo-issuers.json"),
        serde_json::to_string_pretty(&list).expect("json"),
    )
    .expect("write list");
    let roster = "令和8年度 すみまセンエン 対象者名簿\r\n\
受給者番号,氏名,事業所番号,事業所名,子の生年月日,復職日,連絡先\r\n\
A0001,旭川 花子,101,株式会社あさひ,2025/6/1,2026/4/1,hanako@example.jp\r\n\
A0002,神楽 春子,102,かぐら商店,令和7年8月15日,２０２６－０５－０１,090-0000-0000\r\n\
A0003,永山 夏美,101,株式会社あさひ,2025-02-28,2026/3/16,\r\n\
A0004,末広 秋子,103,すえひろ保育,生年月日不明,2026/4/1,\r\n";
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(roster);
    assert!(!bad, "roster fits Shift_JIS");
    std::fs::write(format!("{dir}/roster-sjis.csv"), bytes).expect("write roster");
}
