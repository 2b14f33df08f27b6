//! The `jokatsu-office` command-line tool, end to end on real files.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![cfg(not(target_arch = "wasm32"))]

use jokatsu::domain::shared::base64url;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASS: &str = "correct horse battery すみま";
/// The app's own address, for bundle links (required by `issue`).
const LINK_BASE: &str = "https://jokatsu.example.jp/";

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("jokatsu-office-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }
    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The tool as the office runs it: messages in Japanese (`LANG` not English).
fn office(args: &[&str]) -> Output {
    office_in("ja_JP.UTF-8", args)
}

/// A file holding [`PASS`] (the tool reads passphrases from a file or the terminal only).
fn pass_file() -> String {
    static FILE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FILE.get_or_init(|| {
        let path = std::env::temp_dir().join(format!(
            "jokatsu-office-passphrase-{}.txt",
            std::process::id()
        ));
        fs::write(&path, format!("{PASS}\n")).unwrap();
        path.display().to_string()
    })
    .clone()
}

/// Whether a command opens or writes a key file (and so takes `--passphrase-file` and,
/// with the tests' fast key files, `--insecure-test-kdf`).
fn uses_a_key(args: &[&str]) -> bool {
    matches!(
        args,
        [
            "keys",
            "gen-root" | "gen-issuer" | "gen-used" | "passwd" | "sign-list",
            ..
        ] | ["issue" | "settle", ..]
            | ["used", "interim", ..]
    ) && !args.contains(&"--help")
}

/// The tool with `LANG` set: `en…` gives English messages. A command that uses a key
/// gets the passphrase file and the test KDF unless the test gave its own.
fn office_in(lang: &str, args: &[&str]) -> Output {
    let mut all: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    if uses_a_key(args) {
        if !args.contains(&"--passphrase-file") {
            all.extend(["--passphrase-file".to_owned(), pass_file()]);
        }
        if !args.contains(&"--insecure-test-kdf") {
            all.push("--insecure-test-kdf".to_owned());
        }
        if args[0] == "issue" && !args.contains(&"--link-base") {
            all.extend(["--link-base".to_owned(), LINK_BASE.to_owned()]);
        }
    }
    Command::new(env!("CARGO_BIN_EXE_jokatsu-office"))
        .args(&all)
        .env_remove("JOKATSU_PASSPHRASE")
        .env_remove("JOKATSU_NEW_PASSPHRASE")
        .env("LANG", lang)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const ROSTER: &str = "受給者番号,氏名,事業所番号,事業所名,子の生年月日,復職日,連絡先\r\n\
    A0001,旭川 花子,10,旭川精機,2025/1/10,2026/4/1,a@example.jp\r\n\
    A0002,神楽 桜,20,カフェゆきの,令和6年8月1日,R7.9.1,b@example.jp\r\n\
    A0003,永山 葵,10,旭川精機,2024/13/1,2026/6/1,\r\n";

fn gen_issuer(dir: &Dir) -> (String, String) {
    let key = dir.path("issuer2.key");
    let o = office(&[
        "keys",
        "gen-issuer",
        "--id",
        "2",
        "--out",
        &key,
        "--insecure-test-kdf",
        "--not-before",
        "2026-01-01",
        "--not-after",
        "2027-12-31",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    (key, stdout(&o))
}

#[test]
fn help_for_the_tool_and_each_command() {
    let o = office(&["--help"]);
    assert!(o.status.success());
    for cmd in ["keys gen-root", "roster check", "issue", "verify"] {
        assert!(stdout(&o).contains(cmd), "{cmd}");
    }
    // Every exit code the tool uses is listed, 3 (settle: a claim file refused) too.
    let help = stdout(&o);
    let codes = help
        .lines()
        .skip_while(|l| !l.contains("exit codes:"))
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    for code in ["0 ok", "1 refused", "2 usage", "3 a claim file refused"] {
        assert!(codes.contains(code), "{code}: {codes}");
    }
    let o = office(&["settle", "--help"]);
    assert!(stdout(&o).contains("--shops SHOPS.csv"), "{}", stdout(&o));
    for cmd in [
        &["issue", "--help"][..],
        &["verify", "--help"],
        &["keys", "gen-issuer", "--help"],
        &["keys", "sign-list", "--help"],
        &["roster", "check", "--help"],
    ] {
        let o = office(cmd);
        assert!(o.status.success(), "{cmd:?}");
        assert!(
            stdout(&o).starts_with(&format!(
                "jokatsu-office {}",
                cmd[..cmd.len() - 1].join(" ")
            )),
            "{cmd:?}"
        );
    }
    let o = office(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    let o = office(&["issue", "--bogus", "x"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown option --bogus"));
}

#[test]
fn key_files_refuse_a_wrong_passphrase_and_never_overwrite() {
    let dir = Dir::new("keys");
    let (key, entry) = gen_issuer(&dir);
    let entry: serde_json::Value = serde_json::from_str(&entry).unwrap();
    assert_eq!(entry["id"], 2);
    let o = office(&["keys", "public", &key]);
    assert!(o.status.success());
    assert!(stdout(&o).contains(&format!(
        "public_key\t{}",
        entry["public_key"].as_str().unwrap()
    )));
    // Same path again: refused, the existing key is untouched.
    let before = fs::read(&key).unwrap();
    let o = office(&[
        "keys",
        "gen-issuer",
        "--id",
        "3",
        "--out",
        &key,
        "--insecure-test-kdf",
        "--not-before",
        "2026-01-01",
        "--not-after",
        "2027-12-31",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(fs::read(&key).unwrap(), before);
    // Written readable by its owner only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Wrong passphrase.
    let roster = dir.path("roster.csv");
    fs::write(&roster, ROSTER).unwrap();
    let wrong_pass = dir.path("wrong.txt");
    fs::write(&wrong_pass, "not the passphrase at all\n").unwrap();
    let wrong = |lang: &str| {
        office_in(
            lang,
            &[
                "issue",
                "--roster",
                &roster,
                "--key",
                &key,
                "--month",
                "2026-12",
                "--register",
                &dir.path("reg.json"),
                "--new-register",
                "--out",
                &dir.path("out"),
                "--passphrase-file",
                &wrong_pass,
            ],
        )
    };
    let o = wrong("ja_JP.UTF-8");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with(": パスフレーズが違います\n"),
        "{}",
        stderr(&o)
    );
    let o = wrong("en_US.UTF-8");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with(": wrong passphrase\n"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new(&dir.path("reg.json")).exists());
    // Passphrase change.
    let pass_file = dir.path("new.txt");
    fs::write(&pass_file, "a brand new passphrase\n").unwrap();
    let moved = dir.path("issuer2-new.key");
    let o = office(&[
        "keys",
        "passwd",
        &key,
        "--out",
        &moved,
        "--new-passphrase-file",
        &pass_file,
        "--insecure-test-kdf",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = office(&["keys", "public", &moved]);
    assert!(stdout(&o).contains(entry["public_key"].as_str().unwrap()));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            fs::metadata(&moved).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

/// The tool run exactly as given: no passphrase file or test flag added.
fn office_raw(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jokatsu-office"));
    cmd.args(args)
        .env_remove("JOKATSU_PASSPHRASE")
        .env_remove("JOKATSU_NEW_PASSPHRASE")
        .env("LANG", "en_US.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

#[test]
fn a_key_file_below_the_documented_strength_is_refused_without_the_test_flag() {
    let dir = Dir::new("weak");
    let (key, _) = gen_issuer(&dir);
    let roster = dir.path("roster.csv");
    fs::write(&roster, ROSTER).unwrap();
    let pass = pass_file();
    let o = office_raw(
        &[
            "issue",
            "--roster",
            &roster,
            "--key",
            &key,
            "--month",
            "2026-12",
            "--register",
            &dir.path("reg.json"),
            "--new-register",
            "--out",
            &dir.path("out"),
            "--passphrase-file",
            &pass,
            "--link-base",
            LINK_BASE,
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("too weak"), "{}", stderr(&o));
    assert!(!Path::new(&dir.path("reg.json")).exists());
}

#[test]
fn issuing_needs_the_apps_own_address_and_links_open_its_receiving_page() {
    let dir = Dir::new("linkbase");
    let (key, _) = gen_issuer(&dir);
    let roster = dir.path("roster.csv");
    fs::write(&roster, ROSTER).unwrap();
    let pass = pass_file();
    let (reg, out) = (dir.path("reg.json"), dir.path("out"));
    let run = |extra: &[&str]| {
        let mut args = vec![
            "issue",
            "--roster",
            &roster,
            "--key",
            &key,
            "--month",
            "2026-12",
            "--register",
            &reg,
            "--new-register",
            "--out",
            &out,
            "--passphrase-file",
            &pass,
            "--insecure-test-kdf",
            "--today",
            "2026-11-25",
        ];
        args.extend_from_slice(extra);
        office_raw(&args, &[])
    };
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("app's address"), "{}", stderr(&o));
    assert!(!Path::new(&dir.path("reg.json")).exists());
    let o = run(&["--link-base", "https://jokatsu.example.jp/app/w.html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let links = fs::read_to_string(dir.path("out/links.csv")).unwrap();
    assert!(
        links.contains("https://jokatsu.example.jp/app/r.html#/receive/JKB1:"),
        "{links}"
    );
}

#[test]
fn passphrases_never_come_from_the_environment_or_the_command_line() {
    let dir = Dir::new("passenv");
    let key = dir.path("root.key");
    // The variable earlier versions read is refused, not silently used.
    let o = office_raw(
        &["keys", "gen-root", "--out", &key, "--insecure-test-kdf"],
        &[("JOKATSU_PASSPHRASE", PASS)],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("JOKATSU_PASSPHRASE is no longer read"));
    assert!(!Path::new(&key).exists());
    // There is no option that takes the passphrase itself.
    let o = office_raw(
        &[
            "keys",
            "gen-root",
            "--out",
            &key,
            "--passphrase",
            PASS,
            "--insecure-test-kdf",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("unknown option --passphrase"));
    // Twelve spaces are not a passphrase.
    let blank = dir.path("blank.txt");
    fs::write(&blank, "            \n").unwrap();
    let o = office_raw(
        &[
            "keys",
            "gen-root",
            "--out",
            &key,
            "--passphrase-file",
            &blank,
            "--insecure-test-kdf",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!Path::new(&key).exists());
    // Without a file and without a terminal to ask on (a session of its own: `setsid`),
    // the tool says to use a file instead of waiting or reading stdin.
    let detached = Command::new("setsid")
        .args(["-w", env!("CARGO_BIN_EXE_jokatsu-office")])
        .args(["keys", "gen-root", "--out", &key, "--insecure-test-kdf"])
        .env_remove("JOKATSU_PASSPHRASE")
        .env("LANG", "en_US.UTF-8")
        .stdin(std::process::Stdio::null())
        .output();
    match detached {
        Ok(o) => {
            assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
            assert!(
                stderr(&o).contains("give --passphrase-file"),
                "{}",
                stderr(&o)
            );
            assert!(!Path::new(&key).exists());
        }
        Err(e) => eprintln!("setsid not available ({e}): the no-terminal case is not checked"),
    }
}

#[test]
fn roster_check_reports_bad_lines_by_number() {
    let dir = Dir::new("roster");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(ROSTER);
    let path = dir.path("roster-sjis.csv");
    fs::write(&path, &sjis).unwrap();
    let o = office(&["roster", "check", &path, "--month", "2026-12"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("Shift_JIS"), "{out}");
    assert!(
        out.contains("4行目: 生年月日「2024/13/1」が読めません\n"),
        "{out}"
    );
    assert!(!out.contains("line 4"), "one language per message: {out}");
    assert!(out.contains("2行目\tA0001\t2026-12\t対象"), "{out}");
    let o = office_in("en_GB.UTF-8", &["roster", "check", &path]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("line 4: birthdate \"2024/13/1\" unreadable\n"),
        "{out}"
    );
    assert!(!out.contains("4行目:"), "one language per message: {out}");
}

#[test]
fn issue_reissue_and_verify() {
    let dir = Dir::new("issue");
    let (key, entry) = gen_issuer(&dir);
    let roster = dir.path("roster.csv");
    fs::write(&roster, ROSTER).unwrap();
    let register = dir.path("register.json");
    let out1 = dir.path("out1");
    let issue = |out: &str, extra: &[&str]| {
        let mut args = vec![
            "issue",
            "--roster",
            &roster,
            "--key",
            &key,
            "--month",
            "2026-12",
            "--register",
            &register,
            "--out",
            out,
            "--today",
            "2026-11-25",
        ];
        args.extend_from_slice(extra);
        office(&args)
    };
    // No register and no --new-register: refused.
    let o = issue(&out1, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--new-register"));
    // A dry run shows the plan and writes nothing.
    let o = issue(&out1, &["--new-register", "--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2行目\tA0001\tnew\t202612-00000..202612-00019\t旭川 花子"),
        "{}",
        stdout(&o)
    );
    assert!(!Path::new(&register).exists() && !Path::new(&out1).exists());
    let o = issue(&out1, &["--new-register"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("4行目"), "roster problems are shown");
    let bundle1 = fs::read(format!("{out1}/bundles/A0001_2026-12.json")).unwrap();
    let links = fs::read(format!("{out1}/links.csv")).unwrap();
    assert!(links.starts_with(b"\xEF\xBB\xBF"));
    let links = String::from_utf8(links).unwrap();
    assert_eq!(links.lines().count(), 3, "{links}");
    assert!(links.contains("旭川 花子"));
    let report = fs::read_to_string(format!("{out1}/report-city.csv")).unwrap();
    assert!(
        report.contains("2026-12,2,2,40,40000,20000,20000"),
        "{report}"
    );
    let not_issued = fs::read_to_string(format!("{out1}/not-issued.csv")).unwrap();
    assert!(not_issued.contains("line 4"), "{not_issued}");
    let register1 = fs::read_to_string(&register).unwrap();

    // Re-issue: the same bytes, the register unchanged (previous copy kept as .bak).
    let out2 = dir.path("out2");
    let o = issue(&out2, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        fs::read(format!("{out2}/bundles/A0001_2026-12.json")).unwrap(),
        bundle1
    );
    assert_eq!(fs::read_to_string(&register).unwrap(), register1);
    assert!(Path::new(&format!("{register}.bak")).exists());

    // A feed whose key list is signed by a root made with the tool.
    let root = dir.path("root.key");
    let o = office(&["keys", "gen-root", "--out", &root, "--insecure-test-kdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let root_public = stdout(&o).trim().to_owned();
    let list = dir.path("issuers.json");
    fs::write(&list, format!("{{\"issuers\": [{entry}]}}")).unwrap();
    let keys_json = dir.path("keys.json");
    let o = office(&[
        "keys",
        "sign-list",
        "--root",
        &root,
        "--issuers",
        &list,
        "--out",
        &keys_json,
        "--sequence",
        "1",
        "--signed-at",
        "2026-11-01",
        "--expires",
        "2027-12-31",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // An issuer key file cannot sign the list.
    let o = office(&[
        "keys",
        "sign-list",
        "--root",
        &key,
        "--issuers",
        &list,
        "--out",
        &dir.path("x.json"),
        "--sequence",
        "2",
        "--signed-at",
        "2026-11-01",
        "--expires",
        "2027-12-31",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let feed = dir.path("feed.json");
    fs::write(
        &feed,
        format!(
            "{{\"format\":\"jokatsu-feed\",\"version\":1,\"generated_at\":\"2026-11-25T00:00:00Z\",\
             \"publisher\":{{\"ja\":\"旭川市\"}},\"keys\":{}}}",
            fs::read_to_string(&keys_json).unwrap()
        ),
    )
    .unwrap();
    let bundle_path = format!("{out1}/bundles/A0001_2026-12.json");
    let verify = |extra: &[&str]| {
        let mut args = vec![
            "verify",
            "--feed",
            &feed,
            "--root",
            &root_public,
            "--today",
            "2026-12-05",
        ];
        args.extend_from_slice(extra);
        office(&args)
    };
    let o = verify(&[&bundle_path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 20);
    assert!(
        lines[0].starts_with("1.1\tK2-202612-00000\tvalid\t"),
        "{}",
        lines[0]
    );

    // Links and texts from a list file, with a forged one and junk: verdict per input.
    let link = links
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .nth(10)
        .unwrap()
        .to_owned();
    let bundle: serde_json::Value = serde_json::from_slice(&bundle1).unwrap();
    let ticket = bundle["tickets"][3].as_str().unwrap().to_owned();
    let mut forged = ticket.clone().into_bytes();
    // A character inside the signature (a whole 5-bit group, no padding bits).
    forged[60] = if forged[60] == b'A' { b'B' } else { b'A' };
    let forged = String::from_utf8(forged).unwrap();
    let list_file = dir.path("inputs.txt");
    fs::write(
        &list_file,
        format!("# checks\n{ticket}\n\n{forged}\nhello\n"),
    )
    .unwrap();
    let o = verify(&["--json", "--file", &list_file, &link]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let codes: Vec<(u64, &str)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["input"].as_u64().unwrap(), l["code"].as_str().unwrap()))
        .collect();
    assert_eq!(codes[0], (1, "valid"));
    assert_eq!(codes[1], (2, "forged"));
    assert_eq!(codes[2], (3, "malformed"));
    assert_eq!(codes.len(), 3 + 20, "the link carries the 20-ticket bundle");
    assert!(codes[3..].iter().all(|c| *c == (4, "valid")));
    // Expired after February.
    let o = verify(&["--today", "2027-03-01", &ticket]);
    assert_eq!(o.status.code(), Some(2), "--today twice is a usage error");
    let o = office(&[
        "verify",
        "--feed",
        &feed,
        "--root",
        &root_public,
        "--today",
        "2027-03-01",
        &ticket,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("\texpired\t"), "{}", stdout(&o));
    // The wrong root: the feed is refused.
    let o = office(&["verify", "--feed", &feed, "--demo", &ticket]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("keys"), "{}", stderr(&o));
    // A feed whose used data is refused (signed by a key that is not the root) says so
    // instead of silently verifying as if nothing were used.
    let forged_used = jokatsu::domain::tickets::core::used::UsedSet::new()
        .sign(
            &jokatsu::domain::tickets::core::used::UsedHeader {
                sequence: 1,
                signed_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
                signer: None,
            },
            &ed25519_dalek::SigningKey::from_bytes(&[7; 32]),
        )
        .unwrap();
    let feed_text = fs::read_to_string(&feed).unwrap();
    let with_used = format!(
        "{},\"used\":{}}}",
        feed_text.trim_end().trim_end_matches('}'),
        serde_json::to_string(&forged_used).unwrap()
    );
    let feed2 = dir.path("feed-used.json");
    fs::write(&feed2, with_used).unwrap();
    for (lang, words) in [
        ("en_US.UTF-8", "the feed's used data was refused"),
        ("ja_JP.UTF-8", "使用済みデータを拒否しました"),
    ] {
        let o = office_in(
            lang,
            &[
                "verify",
                "--feed",
                &feed2,
                "--root",
                &root_public,
                "--today",
                "2026-12-15",
                &ticket,
            ],
        );
        assert!(stderr(&o).contains(words), "{}", stderr(&o));
        assert!(stdout(&o).contains("\tvalid\t"), "{}", stdout(&o));
    }
    // Interim used data: the claim a shop sent this week, signed without settling (the
    // root may sign used data); a fresh check after it refuses the ticket as used.
    use jokatsu::domain::tickets::core::claim::{
        Claim, ClaimHeader, ClaimId, ClaimLine, DeviceLabel,
    };
    use jokatsu::domain::tickets::core::ticket::YearMonth;
    let jst = |d: u32, h: u32| {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, d, h, 0, 0).unwrap()
            - chrono::Duration::hours(9)
    };
    let claim = Claim::new(
        ClaimHeader {
            id: ClaimId::parse("cafe-1-w1").unwrap(),
            shop: jokatsu::domain::tickets::core::shops::ShopId::parse("cafe-1").unwrap(),
            device: DeviceLabel::parse("レジ1").unwrap(),
            period: YearMonth::new(2026, 12).unwrap(),
            created_at: jst(5, 18),
        },
        vec![ClaimLine {
            ticket: jokatsu::domain::tickets::core::ticket::Ticket::from_text(&ticket).unwrap(),
            redeemed_at: jst(3, 12),
            transaction: 1,
        }],
    )
    .unwrap();
    // Signed with cafe-1's claim key, registered with the office (production reads claim
    // files as settlement does).
    let shop_key = jokatsu::domain::tickets::shop::claim_key::ShopClaimKey::generate(
        jokatsu::domain::tickets::core::shops::ShopId::parse("cafe-1").unwrap(),
        [7; 32],
        jst(1, 9),
    );
    let mut shop_keys = jokatsu::domain::tickets::office::settlement::ShopKeyRegister::new();
    assert!(shop_keys.register(
        &shop_key.registration(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    ));
    let shop_keys_path = dir.path("shop-keys.csv");
    fs::write(&shop_keys_path, shop_keys.to_csv()).unwrap();
    let claim_path = dir.path("claim-w1.json");
    fs::write(&claim_path, shop_key.sign(&claim)).unwrap();
    let unsigned_path = dir.path("claim-w1-unsigned.json");
    fs::write(&unsigned_path, claim.to_json()).unwrap();
    let used_json = dir.path("used-w1.json");
    let interim = |claim: &str, keys: Option<&str>| {
        let mut args = vec![
            "used",
            "interim",
            "--feed",
            &feed,
            "--used-key",
            &root,
            "--out",
            &used_json,
            "--root",
            &root_public,
            "--today",
            "2026-12-07",
        ];
        if let Some(k) = keys {
            args.extend(["--shop-keys", k]);
        }
        args.push(claim);
        office_in("en_US.UTF-8", &args)
    };
    // Unsigned, or signed by a key not registered to the shop: refused, nothing written.
    let o = interim(&unsigned_path, Some(&shop_keys_path));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("(claim_unsigned)"), "{}", stderr(&o));
    let o = interim(&claim_path, None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("(claim_wrong_key)"), "{}", stderr(&o));
    assert!(!Path::new(&used_json).exists());
    let o = interim(&claim_path, Some(&shop_keys_path));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("1 tickets newly marked"),
        "{}",
        stdout(&o)
    );
    // In Japanese too.
    let o = office(&[
        "used",
        "interim",
        "--feed",
        &feed,
        "--used-key",
        &root,
        "--out",
        &used_json,
        "--root",
        &root_public,
        "--today",
        "2026-12-07",
        "--shop-keys",
        &shop_keys_path,
        &claim_path,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("新しく 1 枚"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("精算・支払いはしていません"),
        "{}",
        stdout(&o)
    );
    let feed3 = dir.path("feed-interim.json");
    fs::write(
        &feed3,
        format!(
            "{},\"used\":{}}}",
            feed_text.trim_end().trim_end_matches('}'),
            fs::read_to_string(&used_json).unwrap()
        ),
    )
    .unwrap();
    let o = office(&[
        "verify",
        "--feed",
        &feed3,
        "--root",
        &root_public,
        "--today",
        "2026-12-08",
        &ticket,
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("\talready_used\t"), "{}", stdout(&o));
    // An issuer key cannot sign it.
    let o = office(&[
        "used",
        "interim",
        "--feed",
        &feed,
        "--used-key",
        &key,
        "--out",
        &dir.path("u2.json"),
        "--root",
        &root_public,
        "--today",
        "2026-12-07",
        "--shop-keys",
        &shop_keys_path,
        &claim_path,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    // The feed's own used data, accepted, is not mentioned.
    let o = office(&[
        "verify",
        "--feed",
        &feed,
        "--root",
        &root_public,
        "--today",
        "2026-12-15",
        &ticket,
    ]);
    assert!(
        !stderr(&o).contains("使用済みデータを拒否"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_withdrawn_key_gets_replacement_tickets() {
    let dir = Dir::new("replace");
    let (key2, _) = gen_issuer(&dir);
    let key3 = dir.path("issuer3.key");
    let o = office(&[
        "keys",
        "gen-issuer",
        "--id",
        "3",
        "--out",
        &key3,
        "--insecure-test-kdf",
        "--not-before",
        "2026-01-01",
        "--not-after",
        "2027-12-31",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let roster = dir.path("roster.csv");
    fs::write(&roster, ROSTER).unwrap();
    let register = dir.path("register.json");
    let run = |key: &str, out: &str, extra: &[&str]| {
        let mut args = vec![
            "issue",
            "--roster",
            &roster,
            "--key",
            key,
            "--month",
            "2026-12",
            "--register",
            &register,
            "--out",
            out,
            "--today",
            "2026-11-25",
        ];
        args.extend_from_slice(extra);
        office(&args)
    };
    assert!(run(&key2, &dir.path("out1"), &["--new-register"])
        .status
        .success());
    // Key 3 cannot simply re-issue key 2's tickets…
    let o = run(&key3, &dir.path("out2"), &[]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("発行 0 人"), "{}", stdout(&o));
    // …but replaces them when key 2 is withdrawn.
    let o = run(&key3, &dir.path("out3"), &["--replace-key", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("発行 2 人（新規 2"), "{}", stdout(&o));
    let old = fs::read(dir.path("out1/bundles/A0001_2026-12.json")).unwrap();
    let new = fs::read(dir.path("out3/bundles/A0001_2026-12.json")).unwrap();
    assert_ne!(old, new);
    let reg = fs::read_to_string(&register).unwrap();
    assert_eq!(reg.matches("\"replaced\":true").count(), 2);
}

#[test]
fn feed_check_validates_like_the_app() {
    let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/public/feed/feed.json");
    let o = office(&["feed-check", feed, "--demo", "--summary"]);
    assert!(stdout(&o).contains("keys\t2"), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("key\t1\t2020-01-01..2148-12-31\tdemo"),
        "{}",
        stdout(&o)
    );
    // Under another root the key list is refused: an error, exit 1.
    let other = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    let o = office(&["feed-check", feed, "--root", other]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("エラー/error\tkeys\tkeys.signature\t"),
        "{}",
        stdout(&o)
    );
}

/// The command line prints exactly the domain's report (which the office page shows), for
/// a feed file and for a feed directory with its calendar.
#[test]
fn feed_check_prints_the_same_list_as_the_page() {
    use jokatsu::domain::publish::check::{check, CheckInput};
    use jokatsu::domain::tickets::core::keys::demo;
    let dir = Dir::new("feed-check");
    let mut feed: serde_json::Value =
        serde_json::from_str(include_str!("../public/feed/feed.json")).unwrap();
    feed.as_object_mut().unwrap().remove("published");
    feed["schedule"]["exceptions"][1]["date"] = "2026-02-30".into();
    feed["shops"][1]["map_url"] = "http://example.jp/".into();
    feed["shops"][4]["certified_until"] = "2026-11-30".into();
    let text = serde_json::to_string_pretty(&feed).unwrap();
    fs::write(dir.path("feed.json"), &text).unwrap();
    fs::write(dir.path("calendar.ics"), "not a calendar").unwrap();
    let root = demo::root_signing_key().verifying_key();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let expect = |calendar: Option<&str>| {
        check(&CheckInput {
            feed: &text,
            calendar,
            previous: None,
            root: &root,
            today,
            production: false,
        })
        .text(jokatsu::domain::shared::text::Lang::Ja)
    };
    let o = office(&[
        "feed-check",
        &dir.path("feed.json"),
        "--demo",
        "--today",
        "2026-12-02",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), expect(None));
    assert!(stdout(&o).contains("shops[1].map_url"));
    let o = office(&[
        "feed-check",
        &dir.0.display().to_string(),
        "--demo",
        "--today",
        "2026-12-02",
    ]);
    assert_eq!(stdout(&o), expect(Some("not a calendar")));
    assert!(stdout(&o).contains("calendar.ics"), "{}", stdout(&o));
}

#[test]
fn shops_check_reports_bad_lines_and_the_diff() {
    let dir = Dir::new("shops");
    let csv = "店舗ID,店舗名,業種,地区,住所,地図URL,認定日\r\n\
        s001,（見本）旭川駅前ベーカリー,飲食,中心市街地,旭川市宮下通8丁目,https://www.openstreetmap.org/,2026/4/1\r\n\
        s900,雪見だいふく本舗,食料品,永山,旭川市永山,https://www.openstreetmap.org/,令和8年12月1日\r\n\
        s901,日付なし,飲食,神楽,旭川市神楽,https://x.example/,\r\n";
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(csv);
    fs::write(dir.path("shops.csv"), &sjis).unwrap();
    let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/public/feed/feed.json");
    let o = office(&[
        "shops",
        "check",
        &dir.path("shops.csv"),
        "--feed",
        feed,
        "--out",
        &dir.path("shops.json"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Shift_JIS"), "{out}");
    assert!(out.contains("4行目: 「認定日」が空です\n"), "{out}");
    let o = office_in("en_US.UTF-8", &["shops", "check", &dir.path("shops.csv")]);
    assert!(
        stdout(&o).contains("line 4: certified_from is empty\n"),
        "{}",
        stdout(&o)
    );
    assert!(out.contains("added\ts900\t雪見だいふく本舗"), "{out}");
    assert!(out.contains("removed\ts002"), "{out}");
    let shops: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path("shops.json")).unwrap()).unwrap();
    assert_eq!(shops[1]["certified_from"], "2026-12-01");
}

/// Going live with the tool alone: the root key, an issuer key and a used-data key, each
/// adding itself to the key list file (no hand-written JSON); the list signed for
/// production verifies under the root; a demo key in it is refused unless `--demo`.
#[test]
fn keys_from_nothing_to_a_signed_list_without_writing_json() {
    let dir = Dir::new("golive");
    let root = dir.path("root.key");
    let o = office(&["keys", "gen-root", "--out", &root, "--insecure-test-kdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let root_public = stdout(&o).trim().to_owned();
    let list = dir.path("key-list.json");
    for (cmd, id, out) in [
        ("gen-issuer", "2", "issuer-2.key"),
        ("gen-used", "200", "used-200.key"),
    ] {
        let o = office(&[
            "keys",
            cmd,
            "--id",
            id,
            "--out",
            &dir.path(out),
            "--not-before",
            "2026-04-01",
            "--not-after",
            "2027-12-31",
            "--list",
            &list,
            "--insecure-test-kdf",
        ]);
        assert!(o.status.success(), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains(&format!("鍵 {id}")), "{}", stderr(&o));
    }
    let listed = fs::read_to_string(&list).unwrap();
    assert!(listed.contains("\"role\": \"used\""), "{listed}");
    let o = office(&["keys", "public", &dir.path("used-200.key")]);
    assert!(stdout(&o).contains("kind\tused"), "{}", stdout(&o));
    let sign = |list: &str, out: &str, extra: &[&str]| {
        let mut args = vec![
            "keys",
            "sign-list",
            "--root",
            &root,
            "--issuers",
            list,
            "--out",
            out,
            "--sequence",
            "1",
            "--signed-at",
            "2026-11-01",
            "--expires",
            "2027-12-31",
        ];
        args.extend_from_slice(extra);
        office(&args)
    };
    let keys_json = dir.path("keys.json");
    let o = sign(&list, &keys_json, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dto: jokatsu::domain::tickets::core::keys::KeyListDto =
        serde_json::from_str(&fs::read_to_string(&keys_json).unwrap()).unwrap();
    let root_key = jokatsu::domain::tickets::core::keys::parse_public_key(&root_public).unwrap();
    let keys = jokatsu::domain::tickets::core::keys::KeySet::from_feed(&dto, &root_key).unwrap();
    assert_eq!(keys.len(), 2);

    // Issuer key 2 leaked: the office revokes it from a day, by the tool, signed.
    let revoked_json = dir.path("keys-revoked.json");
    let o = sign(&list, &revoked_json, &["--revoke", "2=2027-05-10"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dto: jokatsu::domain::tickets::core::keys::KeyListDto =
        serde_json::from_str(&fs::read_to_string(&revoked_json).unwrap()).unwrap();
    let revoked = jokatsu::domain::tickets::core::keys::KeySet::from_feed(&dto, &root_key).unwrap();
    let k2 = revoked
        .get(jokatsu::domain::tickets::core::keys::KeyId::new(2).unwrap())
        .unwrap();
    assert_eq!(
        k2.revoked_from,
        chrono::NaiveDate::from_ymd_opt(2027, 5, 10)
    );
    // A used-data key is not revoked by date, an unknown id is named, a bad date refused.
    let o = sign(&list, &dir.path("x1.json"), &["--revoke", "200=2027-05-10"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("使用済みデータ鍵"), "{}", stderr(&o));
    let o = sign(&list, &dir.path("x2.json"), &["--revoke", "9=2027-05-10"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("鍵 9"), "{}", stderr(&o));
    let o = sign(&list, &dir.path("x3.json"), &["--revoke", "2=2027-13-01"]);
    assert_ne!(o.status.code(), Some(0));

    // The demo issuer key, listed without its demo flag, is still refused.
    let demo_public = base64url::encode(
        jokatsu::domain::tickets::core::keys::demo::issuer_signing_key()
            .verifying_key()
            .as_bytes(),
    );
    let with_demo = listed.replacen(
        "\"issuers\": [",
        &format!("\"issuers\": [{{\"id\": 1, \"public_key\": \"{demo_public}\", \"not_before\": \"2026-01-01\", \"not_after\": \"2027-12-31\"}},"),
        1,
    );
    let demo_list = dir.path("with-demo.json");
    fs::write(&demo_list, with_demo).unwrap();
    let o = sign(&demo_list, &dir.path("k2.json"), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("見本（DEMO）の鍵"), "{}", stderr(&o));
    let o = sign(&demo_list, &dir.path("k3.json"), &["--demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The published list starts the next one: its sequence must be exceeded.
    let o = sign(&keys_json, &dir.path("k4.json"), &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("公開中の鍵一覧の番号（1）"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_command_group_lists_its_commands() {
    let o = office(&["keys", "--help"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for cmd in [
        "keys gen-root",
        "keys gen-issuer",
        "keys gen-used",
        "keys sign-list",
    ] {
        assert!(stdout(&o).contains(cmd), "{cmd}: {}", stdout(&o));
    }
}

#[test]
fn shop_keys_are_registered_one_key_one_shop_and_retired() {
    let dir = Dir::new("shop-keys");
    let list = dir.path("shop-keys.csv");
    // The test vector's key (docs/claim-format.md).
    let key = "IVL40Zt5HSRFMkLhXy6rbLfP-ntqXtMAl5YOBpiB2xI";
    let reg = format!("JKSHOPKEY1:cafe-1:{key}");
    let o = office(&[
        "shop-keys",
        "add",
        "--file",
        &list,
        "--today",
        "2026-12-01",
        &reg,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("cafe-1 3097-E2DE-E2CB-4A34"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        fs::read_to_string(&list).unwrap(),
        format!("shop,key,registered_on,retired_on\ncafe-1,{key},2026-12-01,\n")
    );
    // The same key for another shop is refused; the list is unchanged.
    let o = office(&[
        "shop-keys",
        "add",
        "--file",
        &list,
        &format!("JKSHOPKEY1:book-2:{key}"),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Not a registration text.
    let o = office(&["shop-keys", "add", "--file", &list, "cafe-1"]);
    assert_eq!(o.status.code(), Some(1));
    let o = office(&[
        "shop-keys",
        "retire",
        "--file",
        &list,
        "--key",
        key,
        "--from",
        "2027-01-15",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(fs::read_to_string(&list)
        .unwrap()
        .ends_with(",2026-12-01,2027-01-15\n"));
}

/// Settling on the command line: production needs the register; a claim file that cannot
/// be read or is not a claim is listed in summary.txt and problems.csv and the run exits 3;
/// the register refuses a serial it never allocated; `--today` makes the run reproducible.
#[test]
fn settle_needs_the_register_and_never_loses_a_claim_file() {
    use jokatsu::domain::tickets::core::ticket::{demo_month, YearMonth};
    use jokatsu::domain::tickets::office::issuance::{
        batch_id, Allocation, REGISTER_FORMAT, REGISTER_VERSION,
    };
    use jokatsu::domain::tickets::office::roster::RecipientId;
    let dir = Dir::new("settle");
    let feed = concat!(env!("CARGO_MANIFEST_DIR"), "/public/feed/feed.json");
    let claim = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/claims/claim-v1.json"
    );
    // The register holds DEMO-K1-202612-00000 only (the claim also has -00002).
    let month = YearMonth::new(2026, 12).unwrap();
    let first = demo_month(month).unwrap().remove(0);
    let body = first.body();
    let allocation = Allocation {
        month,
        recipient: RecipientId::parse("R0001").unwrap(),
        employer: body.employer(),
        key_id: body.key_id(),
        demo: true,
        batch: batch_id(month, 0),
        first_index: body.serial().index,
        count: 1,
        face_value: body.face_value(),
        employer_share: body.employer_share(),
        valid_from: body.valid_from(),
        valid_until: body.valid_until(),
        issued_on: month.first_day(),
        replaced: false,
        replaced_on: None,
    };
    assert_eq!(allocation.batch, body.serial().batch);
    let register = dir.path("register.json");
    fs::write(
        &register,
        serde_json::json!({
            "format": REGISTER_FORMAT,
            "version": REGISTER_VERSION,
            "allocations": [allocation],
        })
        .to_string(),
    )
    .unwrap();
    let broken = dir.path("broken.json");
    fs::write(&broken, "{\"format\": \"not a claim\"}").unwrap();
    let missing = dir.path("missing.json");
    let out = dir.path("out");

    // Production without a register: refused before anything is read, nothing written.
    let o = office(&[
        "settle", "--month", "2026-12", "--feed", feed, "--out", &out, claim,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("発行台帳"), "{}", stderr(&o));
    assert!(!Path::new(&out).exists());

    let settle = |files: &[&str]| {
        let mut args = vec![
            "settle",
            "--demo",
            "--month",
            "2026-12",
            "--feed",
            feed,
            "--register",
            &register,
            "--today",
            "2027-01-05",
            "--out",
            &out,
        ];
        args.extend_from_slice(files);
        office_in("en_US.UTF-8", &args)
    };
    let o = settle(&[claim, &broken, &missing]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let summary = fs::read_to_string(format!("{out}/summary.txt")).unwrap();
    assert!(summary.contains("settlement day 2027-01-05"), "{summary}");
    assert!(
        summary.contains("issuance register check: made"),
        "{summary}"
    );
    assert!(summary.contains("claim files refused: 2"), "{summary}");
    assert!(summary.contains("\n  broken.json: "), "{summary}");
    assert!(summary.contains("\n  missing.json: "), "{summary}");
    let problems = fs::read_to_string(format!("{out}/problems.csv")).unwrap();
    let refused: Vec<&str> = problems
        .lines()
        .filter(|l| l.starts_with("2026-12,claim_file_refused,"))
        .collect();
    assert_eq!(refused.len(), 2, "{problems}");
    assert!(refused[0].contains("broken.json: "), "{problems}");
    assert!(refused[1].contains("missing.json: "), "{problems}");
    // The register: -00002 was never allocated.
    assert!(
        problems
            .contains("2026-12,not_issued,市が発行していない券,DEMO-K1-202612-00002,不明,cafe-1,"),
        "{problems}"
    );
    // The same inputs and day give the same bytes.
    let o = settle(&[claim, &broken, &missing]);
    assert_eq!(o.status.code(), Some(3));
    assert_eq!(
        fs::read_to_string(format!("{out}/summary.txt")).unwrap(),
        summary
    );
    // Without the refused files: problems to follow up (exit 1), none refused.
    let o = settle(&[claim]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let summary = fs::read_to_string(format!("{out}/summary.txt")).unwrap();
    assert!(summary.contains("claim files refused: 0"), "{summary}");
    // A demo run without a register settles and says the check was not made.
    let o = office(&[
        "settle",
        "--demo",
        "--month",
        "2026-12",
        "--feed",
        feed,
        "--today",
        "2027-01-05",
        "--out",
        &out,
        claim,
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let summary = fs::read_to_string(format!("{out}/summary.txt")).unwrap();
    assert!(
        summary.contains("issuance register check: NOT made"),
        "{summary}"
    );

    // The shop check reads the office's shop master (--shops), not the feed's list.
    // Production without a master: refused before anything is read, saying what to pass.
    let o = office(&[
        "settle",
        "--month",
        "2026-12",
        "--feed",
        feed,
        "--register",
        &register,
        "--out",
        &out,
        claim,
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--shops"), "{}", stderr(&o));
    assert!(stderr(&o).contains("店舗マスター"), "{}", stderr(&o));
    // The demo feed does not list cafe-1: by the feed's list its genuine line is refused.
    let _ = fs::remove_dir_all(&out);
    let o = settle(&[claim]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let summary = fs::read_to_string(format!("{out}/summary.txt")).unwrap();
    assert!(
        summary.contains("shop check: the feed's shop list (demo run without a shop master)"),
        "{summary}"
    );
    let problems = fs::read_to_string(format!("{out}/problems.csv")).unwrap();
    assert!(
        problems.contains("2026-12,shop_not_certified,認定店舗でないお店,DEMO-K1-202612-00000,"),
        "{problems}"
    );
    // The office's master certifies cafe-1: it is paid, and every shop the opened feed
    // lists but the master does not is named in the summary.
    let master = dir.path("shops.csv");
    fs::write(
        &master,
        "店舗ID,店舗名,業種,地区,住所,地図URL,認定日\n\
         cafe-1,カフェ,飲食,中心市街地,旭川市1条通,https://maps.example/cafe-1,2026-11-01\n",
    )
    .unwrap();
    let with_master = |extra: &[&str]| {
        let mut args = vec![
            "settle",
            "--demo",
            "--month",
            "2026-12",
            "--feed",
            feed,
            "--register",
            &register,
            "--shops",
            &master,
            "--today",
            "2027-01-05",
            "--out",
            &out,
        ];
        args.extend_from_slice(extra);
        args.push(claim);
        office_in("en_US.UTF-8", &args)
    };
    let o = with_master(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let payouts = fs::read_to_string(format!("{out}/payouts.csv")).unwrap();
    // The master names the shop it certifies.
    assert!(payouts.contains("2026-12,cafe-1,カフェ,1,"), "{payouts}");
    let summary = fs::read_to_string(format!("{out}/summary.txt")).unwrap();
    assert!(
        summary.contains("shop check: the office's shop master, 1 shops"),
        "{summary}"
    );
    assert!(
        summary.contains("differences between the shop master and the feed's shop list: 11"),
        "{summary}"
    );
    assert!(
        summary.contains("\n  s001: 配信データにだけある店舗"),
        "{summary}"
    );
    assert!(
        summary.contains("\n  cafe-1: 店舗マスターにだけある店舗"),
        "{summary}"
    );
    // A master file with a bad line is refused (exit 1), nothing settled by it.
    fs::write(
        &master,
        "店舗ID,店舗名,業種,地区,住所,地図URL,認定日\ncafe-1,,飲食,中心市街地,旭川市,https://maps.example/c,2026-11-01\n",
    )
    .unwrap();
    let o = with_master(&[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("shops.csv"), "{}", stderr(&o));
}

/// The published feed's shop list, saved as CSV from the office page and read back
/// unchanged, is the same list: nothing added, changed or removed.
#[test]
fn the_feeds_shop_list_exports_and_imports_unchanged() {
    use jokatsu::domain::publish::shops_csv::{diff, export_shops, import_shops};
    use jokatsu::domain::tickets::core::shops::ShopDto;
    let feed: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/public/feed/feed.json"
    )))
    .unwrap();
    let shops: Vec<ShopDto> = serde_json::from_value(feed["shops"].clone()).unwrap();
    assert!(shops.len() >= 2);
    let back = import_shops(&export_shops(&shops)).unwrap();
    assert!(back.problems.is_empty(), "{:?}", back.problems);
    assert_eq!(back.shops, shops);
    assert!(diff(&shops, &back.shops).is_empty());
}
