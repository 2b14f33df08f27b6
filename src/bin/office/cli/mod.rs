//! The command-line tool: dispatch, and the helpers every command uses (files,
//! random bytes, passphrases, dates).

mod args;
mod interim;
mod issue;
mod keys_commands;
mod roster;
mod settle;
mod table;
mod verify;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::NaiveDate;
use serde::Serialize;

use jokatsu::domain::feed::{self, parse_feed, Wanted};
use jokatsu::domain::shared::date::{from_epoch_millis, iso_date, jst_today};
use jokatsu::domain::shared::text::Lang;
use jokatsu::domain::shared::wording::Wording;
use jokatsu::domain::tickets::core::bundle::{parse_scanned, Bundle, Scanned};
use jokatsu::domain::tickets::core::keys::{self, KeyId, KeyListHeader, KeyRole};
use jokatsu::domain::tickets::core::ticket::{verify_ticket, Ticket, VerifyPolicy};
use jokatsu::domain::tickets::core::used::UsedData;
use jokatsu::domain::tickets::office::issuance::{
    issue_whole_month, parse_month, plan_replacement, IssueSettings, MonthIssue, Register,
};
use jokatsu::domain::tickets::office::keyfile::{
    self, KdfParams, KeyKind, KEYGEN_RANDOM_LEN, RESEAL_RANDOM_LEN,
};
use jokatsu::domain::tickets::office::roster::import_roster;

use args::Args;
use table::{Command, COMMANDS, HELP};

/// A failure: message for stderr and the exit code (1: something was refused or
/// invalid, 2: usage or file error).
struct Fail(String, u8);

type Res<T> = Result<T, Fail>;

fn usage(msg: impl Into<String>) -> Fail {
    Fail(msg.into(), 2)
}

pub(super) fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    match dispatch(&argv) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(msg, code)) => {
            if !msg.is_empty() {
                eprintln!("jokatsu-office: {msg}");
            }
            ExitCode::from(code)
        }
    }
}

fn dispatch(argv: &[String]) -> Res<()> {
    let first = argv.first().map(String::as_str);
    if matches!(first, None | Some("--help") | Some("-h") | Some("help")) {
        print!("{HELP}");
        return if first.is_none() {
            Err(Fail(String::new(), 2))
        } else {
            Ok(())
        };
    }
    // `keys --help` (or `keys` alone): the commands of that group.
    if let Some(group) = first {
        let of_group: Vec<&Command> = COMMANDS
            .iter()
            .filter(|c| c.name.split(' ').next() == Some(group) && c.name.contains(' '))
            .collect();
        let rest = &argv[1..];
        if !of_group.is_empty()
            && (rest.is_empty() || rest.iter().all(|a| a == "--help" || a == "-h"))
        {
            for c in of_group {
                println!("{}\n", c.help);
            }
            return if rest.is_empty() {
                Err(Fail(String::new(), 2))
            } else {
                Ok(())
            };
        }
    }
    let (cmd, rest) = COMMANDS
        .iter()
        .find_map(|c| {
            let words: Vec<&str> = c.name.split(' ').collect();
            let matches =
                argv.len() >= words.len() && words.iter().zip(argv).all(|(w, a)| *w == a.as_str());
            matches.then(|| (c, &argv[words.len()..]))
        })
        .ok_or_else(|| usage(format!("unknown command {:?}; see --help", argv.join(" "))))?;
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        println!("{}", cmd.help);
        return Ok(());
    }
    let args = Args::parse(cmd, rest)?;
    (cmd.run)(&args)
}

// ---- helpers ----

/// The language of messages: English when `LANG` starts with `en`, Japanese otherwise.
fn lang() -> Lang {
    match std::env::var("LANG") {
        Ok(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Ja,
    }
}

/// An error's wording in the language of messages ([`lang`]).
fn words(e: &(impl Wording + ?Sized)) -> String {
    e.wording(lang())
}

fn read(path: &str) -> Res<Vec<u8>> {
    fs::read(path).map_err(|e| usage(format!("cannot read {path}: {e}")))
}

fn read_text(path: &str) -> Res<String> {
    String::from_utf8(read(path)?).map_err(|_| usage(format!("{path} is not UTF-8 text")))
}

/// Writes a file, creating parent directories; `new_only` refuses to overwrite.
fn write(path: &Path, bytes: &[u8], new_only: bool) -> Res<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .map_err(|e| usage(format!("cannot create {}: {e}", parent.display())))?;
    }
    if new_only {
        use std::io::Write as _;
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| usage(format!("cannot create {} (exists?): {e}", path.display())))?;
        return f
            .write_all(bytes)
            .map_err(|e| usage(format!("cannot write {}: {e}", path.display())));
    }
    fs::write(path, bytes).map_err(|e| usage(format!("cannot write {}: {e}", path.display())))
}

/// Writes `path` through a temporary file and a rename, so a crash leaves the old or
/// the new file, never half of one. The previous file is kept as `path.bak`.
fn write_atomic(path: &Path, bytes: &[u8]) -> Res<()> {
    let tmp = path.with_extension("tmp");
    write(&tmp, bytes, false)?;
    if path.exists() {
        let bak = PathBuf::from(format!("{}.bak", path.display()));
        fs::copy(path, &bak)
            .map_err(|e| usage(format!("cannot back up {}: {e}", path.display())))?;
    }
    fs::rename(&tmp, path).map_err(|e| usage(format!("cannot replace {}: {e}", path.display())))
}

fn random<const N: usize>() -> Res<[u8; N]> {
    let mut buf = [0u8; N];
    getrandom::getrandom(&mut buf)
        .map_err(|e| usage(format!("no random numbers from the OS: {e}")))?;
    Ok(buf)
}

fn passphrase_from(env: &str, file: Option<&str>) -> Res<String> {
    if let Some(path) = file {
        let text = read_text(path)?;
        let line = text.lines().next().unwrap_or("").to_owned();
        return Ok(line);
    }
    std::env::var(env).map_err(|_| {
        usage(format!(
            "no passphrase: set {env} or give a passphrase file"
        ))
    })
}

fn passphrase(args: &Args) -> Res<String> {
    passphrase_from("JOKATSU_PASSPHRASE", args.opt("passphrase-file"))
}

fn kdf(args: &Args) -> KdfParams {
    if args.flag("insecure-test-kdf") {
        eprintln!(
            "jokatsu-office: WARNING --insecure-test-kdf: for tests only, never for a real key"
        );
        KdfParams::INSECURE_TEST
    } else {
        KdfParams::DEFAULT
    }
}

fn open_key(path: &str, args: &Args) -> Res<keyfile::UnlockedKey> {
    let json = read_text(path)?;
    keyfile::open(&json, &passphrase(args)?).map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))
}

fn date_arg(text: &str, name: &str) -> Res<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| usage(format!("--{name}: {text:?} is not YYYY-MM-DD")))
}

fn today(args: &Args) -> Res<NaiveDate> {
    if let Some(t) = args.opt("today") {
        return date_arg(t, "today");
    }
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .map_err(|_| usage("the system clock is before 1970"))?;
    from_epoch_millis(ms)
        .map(jst_today)
        .ok_or_else(|| usage("the system clock is out of range"))
}

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

fn root_arg(args: &Args) -> Res<ed25519_dalek::VerifyingKey> {
    if let Some(r) = args.opt("root") {
        keys::parse_public_key(r).map_err(|e| usage(format!("--root: {}", words(&e))))
    } else if args.flag("demo") {
        Ok(keys::demo::root_signing_key().verifying_key())
    } else {
        keys::root_key(true).map_err(|e| usage(format!("{}; pass --root or --demo", words(&e))))
    }
}
