//! The self-checks' questionnaires (`src/domain/checks/`), one test binary:
//! `cargo test --test questionnaire` (one module: `cargo test --test questionnaire scoring::`).
//!
//! - `definitions`: a malformed definition is rejected, naming where; the others still load
//! - `scoring`: reverse and optional items, subscales, recommendations, on synthetic definitions
//! - `weighted`: a weighted instrument (the SMI's shape, synthetic weights)
//! - `shipped`: the demo fragment (`feed-src/checks.json`) and each shipped instrument's scores
//! - `helplines`: the help lines, and malformed entries
//! - `history`: the result history and the in-progress state
//! - `support`: helpers the modules share

mod definitions;
mod helplines;
mod history;
mod scoring;
mod shipped;
mod support;
mod weighted;
