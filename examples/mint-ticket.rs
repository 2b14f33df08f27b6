//! The insider's attack, for the end-to-end tests only: signs a ticket the office never
//! allocated, with a real issuer key file and its passphrase (the case `docs/operations.md`
//! plans for: a stolen key file with its passphrase). The ticket copies a genuine one and
//! changes only its index, so a till accepts it (its signature is valid) and settlement
//! must refuse it as `not_issued` (`docs/settlement.md`, rule 4.3).
//! `cargo run --example mint-ticket -- KEY.json PASSPHRASE_FILE GENUINE_TICKET INDEX`
// A test tool run by the e2e suite: a failure should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use jokatsu::domain::tickets::core::ticket::{issue, Serial, Ticket};
use jokatsu::domain::tickets::office::keyfile;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [key_file, passphrase_file, genuine, index] = args.as_slice() else {
        eprintln!("usage: mint-ticket KEY.json PASSPHRASE_FILE GENUINE_TICKET INDEX");
        std::process::exit(2);
    };
    let key_text = std::fs::read_to_string(key_file).expect("the key file");
    let passphrase = std::fs::read_to_string(passphrase_file).expect("the passphrase file");
    let key = keyfile::open(&key_text, passphrase.trim_end_matches(['\r', '\n']))
        .expect("the key file opens with its passphrase");
    let genuine = Ticket::from_text(genuine.trim()).expect("a genuine ticket text");
    let mut spec = genuine.body().spec();
    spec.serial = Serial {
        batch: spec.serial.batch,
        index: index.parse().expect("an index 0..=65535"),
    };
    println!(
        "{}",
        issue(spec, &key.signing_key).expect("a ticket").to_text()
    );
}
