//! `jokatsu-office`: the city office's command-line tool (keys, roster, issuance,
//! verification), from the same domain code as the office page. `jokatsu-office --help`.
//!
//! Thin by design: it reads files and the passphrase, draws random bytes from the OS, calls
//! `jokatsu::domain`, and writes what the domain returns.
//!
//! The code is a folder: `cli/table.rs` is the command table (names, options, help text,
//! the function each runs), `cli/args.rs` parses one command's arguments, `cli/mod.rs`
//! dispatches and holds the file and passphrase helpers, and one file per group of
//! commands: `keys.rs`, `roster.rs` (roster and shop lists), `issue.rs`, `settle.rs`,
//! `verify.rs` (verify and feed-check).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli;
