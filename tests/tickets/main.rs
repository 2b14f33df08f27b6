//! The ticket format and its signatures (`src/domain/tickets/core/`), one test binary:
//! `cargo test --test tickets`.
//!
//! - `vectors`: `tests/vectors/tickets.json` through the verifier; the ticket QR's size
//! - `wycheproof`: Project Wycheproof's Ed25519 vectors through the one signature check

mod vectors;
mod wycheproof;
