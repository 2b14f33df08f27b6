//! The command-line tool: dispatch, and the helpers every command uses (files,
//! random bytes, passphrases, dates).

mod args;
mod interim;
mod issue;
mod keys_commands;
mod roster;
mod settle;
mod shop_keys;
mod table;
mod verify;

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jokatsu::domain::feed::{self, parse_feed, Wanted};
use jokatsu::domain::shared::base64url;
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

use zeroize::Zeroizing;

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

/// Writes a new key file: never over an existing file, and readable and writable by its
/// owner only (mode 0600 on unix) from the moment it exists.
fn write_key_file(path: &Path, bytes: &[u8]) -> Res<()> {
    use std::io::Write as _;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent)
            .map_err(|e| usage(format!("cannot create {}: {e}", parent.display())))?;
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut f = options
        .open(path)
        .map_err(|e| usage(format!("cannot create {} (exists?): {e}", path.display())))?;
    f.write_all(bytes)
        .map_err(|e| usage(format!("cannot write {}: {e}", path.display())))
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

/// One of two wordings, in the language of messages ([`lang`]).
fn tr(ja: &str, en: &str) -> String {
    match lang() {
        Lang::En => en.to_owned(),
        _ => ja.to_owned(),
    }
}

/// What the terminal prompt asks for.
#[derive(Clone, Copy)]
enum Prompt {
    /// The passphrase of the key file being opened.
    Open,
    /// The passphrase of a key file being written.
    New,
}

impl Wording for Prompt {
    fn wording(&self, lang: Lang) -> String {
        use jokatsu::domain::shared::wording::say;
        match self {
            Prompt::Open => say(
                lang,
                "鍵ファイルのパスフレーズ",
                "passphrase of the key file",
            ),
            Prompt::New => say(
                lang,
                "新しい鍵ファイルのパスフレーズ",
                "passphrase of the new key file",
            ),
        }
    }
}

/// The environment variables earlier versions read passphrases from. They are refused
/// now, loudly: a passphrase in the environment is visible to other processes of the
/// same user and ends up in shell history and scripts.
const OLD_PASSPHRASE_VARS: [&str; 2] = ["JOKATSU_PASSPHRASE", "JOKATSU_NEW_PASSPHRASE"];

/// A key file's passphrase: the first line of `--<option>` FILE if given, otherwise asked
/// on the terminal (`/dev/tty`, not echoed). `confirm`: ask twice (a new passphrase).
/// Never from the command line or the environment (docs/operations.md, "Key files").
fn passphrase_from(
    option: &str,
    args: &Args,
    what: Prompt,
    confirm: bool,
) -> Res<Zeroizing<String>> {
    if let Some(var) = OLD_PASSPHRASE_VARS
        .iter()
        .find(|v| std::env::var_os(v).is_some())
    {
        return Err(usage(format!(
            "{var} is no longer read (a passphrase in the environment leaks to other programs): \
             unset it and give --passphrase-file FILE, or type the passphrase when asked"
        )));
    }
    if let Some(path) = args.opt(option) {
        let text = Zeroizing::new(read_text(path)?);
        let line = text.lines().next().unwrap_or("");
        return Ok(Zeroizing::new(line.to_owned()));
    }
    let first = ask(&what.wording(lang()))?;
    if confirm {
        let again = ask(&tr("もう一度", "once more"))?;
        if *again != *first {
            return Err(Fail(
                tr("二度の入力が違います", "the two passphrases differ"),
                1,
            ));
        }
    }
    Ok(first)
}

/// Asks for a passphrase on the controlling terminal with echo off (`stty -echo`), so it
/// is neither shown nor left in the scrollback. Without a terminal (a script, a cron job)
/// the command fails and says to use `--passphrase-file`.
fn ask(prompt: &str) -> Res<Zeroizing<String>> {
    use std::io::{BufRead as _, Write as _};
    let tty = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|_| {
            usage("no passphrase: there is no terminal to ask on; give --passphrase-file FILE")
        })?;
    let echo_off = set_echo(&tty, false);
    let mut out = &tty;
    let hint = if echo_off {
        String::new()
    } else {
        format!(" ({})", tr("入力が表示されます", "typing is visible"))
    };
    let _ = write!(out, "{prompt}{hint}: ");
    let _ = out.flush();
    let mut line = Zeroizing::new(String::new());
    let read = std::io::BufReader::new(&tty).read_line(&mut line);
    if echo_off {
        set_echo(&tty, true);
        let _ = writeln!(out);
    }
    read.map_err(|e| usage(format!("cannot read the passphrase: {e}")))?;
    let typed = line.trim_end_matches(['\n', '\r']);
    Ok(Zeroizing::new(typed.to_owned()))
}

/// Turns the terminal's echo on or off with `stty` (no unsafe code, no extra crate).
/// Returns whether it worked.
fn set_echo(tty: &fs::File, on: bool) -> bool {
    let Ok(input) = tty.try_clone() else {
        return false;
    };
    std::process::Command::new("stty")
        .arg(if on { "echo" } else { "-echo" })
        .stdin(input)
        .status()
        .is_ok_and(|s| s.success())
}

/// The passphrase of the key file being opened.
fn passphrase(args: &Args) -> Res<Zeroizing<String>> {
    passphrase_from("passphrase-file", args, Prompt::Open, false)
}

/// The passphrase of a key file being written (asked twice on the terminal).
fn new_passphrase(args: &Args, option: &str) -> Res<Zeroizing<String>> {
    passphrase_from(option, args, Prompt::New, true)
}

/// `--insecure-test-kdf`: the fast test parameters, for test suites only; refused by a
/// production build of the tool (`--features production`).
fn test_kdf(args: &Args) -> Res<bool> {
    let on = args.flag("insecure-test-kdf");
    if on && cfg!(feature = "production") {
        return Err(usage(
            "--insecure-test-kdf is for tests; a production build does not accept it",
        ));
    }
    if on {
        eprintln!(
            "jokatsu-office: WARNING --insecure-test-kdf: for tests only, never for a real key"
        );
    }
    Ok(on)
}

fn kdf(args: &Args) -> Res<KdfParams> {
    Ok(if test_kdf(args)? {
        KdfParams::INSECURE_TEST
    } else {
        KdfParams::DEFAULT
    })
}

/// Opens a key file. A file below the documented KDF strength is refused unless
/// `--insecure-test-kdf` (tests) or it holds a public demo key.
fn open_key(path: &str, args: &Args) -> Res<keyfile::UnlockedKey> {
    let json = read_text(path)?;
    let pass = passphrase(args)?;
    let opened = if test_kdf(args)? {
        keyfile::open_allowing_test_kdf(&json, &pass)
    } else {
        keyfile::open(&json, &pass)
    };
    opened.map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))
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
    base64url::encode(bytes)
}

/// The feed's key list, or why the command cannot go on (`feed_path` names the file).
fn feed_keys<'f>(feed: &'f feed::Feed, feed_path: &str) -> Res<&'f keys::KeySet> {
    match &feed.sections.keys {
        Some(Ok(keys)) => Ok(keys),
        Some(Err(e)) => Err(Fail(format!("{feed_path}: keys: {}", words(e)), 1)),
        None => Err(Fail(format!("{feed_path}: keys: missing"), 1)),
    }
}

/// The feed's published used data (the base a new list extends), or why the command cannot
/// go on: a refused section stops it, since a list made without it would drop what it marks.
fn feed_used(
    feed: &feed::Feed,
    root: &ed25519_dalek::VerifyingKey,
    keys: &keys::KeySet,
    feed_path: &str,
) -> Res<Option<UsedData>> {
    match &feed.sections.used {
        Some(Ok(dto)) => UsedData::from_feed(dto, root, keys)
            .map(Some)
            .map_err(|e| Fail(format!("{feed_path}: used: {}", words(&e)), 1)),
        Some(Err(e)) => Err(Fail(format!("{feed_path}: used: {}", words(e)), 1)),
        None => Ok(None),
    }
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
