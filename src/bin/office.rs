//! `jokatsu-office`: the city office's command-line tool (keys, roster, issuance,
//! verification), from the same domain code as the office page. `jokatsu-office --help`.
//!
//! Thin by design: it reads files and the passphrase, draws random bytes from the OS, calls
//! `jokatsu::domain`, and writes what the domain returns.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
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

    /// A failure: message for stderr and the exit code (1: something was refused or
    /// invalid, 2: usage or file error).
    struct Fail(String, u8);

    type Res<T> = Result<T, Fail>;

    fn usage(msg: impl Into<String>) -> Fail {
        Fail(msg.into(), 2)
    }

    const HELP: &str = "\
jokatsu-office — 旭川市 すみまセンエン 事務局ツール / city office tool

使い方 / usage: jokatsu-office <command> [options]   (<command> --help で詳細)

  keys gen-root      ルート鍵を作る / make the root key file
  keys gen-issuer    発行鍵を作る / make an issuer key file
  keys public        鍵ファイルの公開情報 / show a key file's public part
  keys passwd        パスフレーズを変える / change a key file's passphrase
  keys sign-list     発行鍵一覧にルート鍵で署名 / sign the issuer-key list for the feed
  roster check       名簿 CSV を検査 / check a roster CSV
  shops check        認定店舗 CSV を検査・差分 / check the certified-shop CSV, diff
  issue              1か月分を発行 / issue a month of tickets
  verify             チケット・リンク・バンドルを検証 / verify tickets, links, bundles
  settle             お店の請求を精算 / settle shops' claim files
  feed-check         アップロード前の検査 / check a feed (folder) before upload

パスフレーズは環境変数 JOKATSU_PASSPHRASE か --passphrase-file で渡します。
The passphrase comes from the JOKATSU_PASSPHRASE environment variable or --passphrase-file.
終了コード / exit codes: 0 ok, 1 refused or invalid input, 2 usage or file error.
";

    struct Command {
        name: &'static str,
        options: &'static [&'static str],
        flags: &'static [&'static str],
        help: &'static str,
        run: fn(&Args) -> Res<()>,
    }

    const COMMANDS: &[Command] = &[
        Command {
            name: "keys gen-root",
            options: &["out", "label", "passphrase-file"],
            flags: &["insecure-test-kdf"],
            help: "\
jokatsu-office keys gen-root --out FILE [--label TEXT] [--passphrase-file F]

ルート鍵（発行鍵一覧に署名する鍵）を作り、パスフレーズで暗号化した鍵ファイルに書きます。
Makes the root key (it signs the issuer-key list) and writes it to a passphrase-protected
key file (Argon2id 64 MiB/3 passes + XChaCha20-Poly1305; docs/operations.md). Prints the
public key: build the production app with JOKATSU_ROOT_PUBLIC_KEY set to it.
An existing FILE is never overwritten.",
            run: gen_root,
        },
        Command {
            name: "keys gen-issuer",
            options: &[
                "out",
                "id",
                "label",
                "passphrase-file",
                "not-before",
                "not-after",
            ],
            flags: &["insecure-test-kdf"],
            help: "\
jokatsu-office keys gen-issuer --id N --out FILE --not-before YYYY-MM-DD --not-after YYYY-MM-DD
                               [--label TEXT] [--passphrase-file F]

発行鍵（チケットに署名する鍵, id 1〜255）を作ります。標準出力に発行鍵一覧用の1件（JSON）を出します。
Makes an issuer key (signs tickets; id 1..=255) and prints its entry for the issuer-key
list (JSON) to add to the list given to `keys sign-list`. --not-before/--not-after: the
window of ticket start dates (valid_from) the key may sign, e.g. a fiscal year.",
            run: gen_issuer,
        },
        Command {
            name: "keys public",
            options: &[],
            flags: &[],
            help: "\
jokatsu-office keys public FILE

鍵ファイルの種類・id・ラベル・公開鍵を表示します（パスフレーズ不要）。
Shows a key file's kind, id, label and public key (no passphrase needed).",
            run: key_public,
        },
        Command {
            name: "keys passwd",
            options: &["out", "passphrase-file", "new-passphrase-file"],
            flags: &["insecure-test-kdf"],
            help: "\
jokatsu-office keys passwd FILE --out NEWFILE [--passphrase-file F] [--new-passphrase-file G]

鍵ファイルを新しいパスフレーズで暗号化し直します（鍵そのものは同じ）。
Re-encrypts a key file under a new passphrase (the key itself is unchanged). The new
passphrase comes from JOKATSU_NEW_PASSPHRASE or --new-passphrase-file.",
            run: key_passwd,
        },
        Command {
            name: "keys sign-list",
            options: &[
                "root",
                "issuers",
                "out",
                "passphrase-file",
                "sequence",
                "signed-at",
                "expires",
            ],
            flags: &[],
            help: "\
jokatsu-office keys sign-list --root ROOT.key --issuers LIST.json --out KEYS.json
                              --sequence N --signed-at YYYY-MM-DD --expires YYYY-MM-DD

発行鍵一覧にルート鍵で署名し、フィードの keys 欄に入れる JSON を書きます。--sequence は
前回公開した一覧より大きい番号にしてください（古い一覧の再配信は端末が拒否します）。
Signs the issuer-key list with the root key and writes the feed's `keys` section. The
sequence must be higher than the last published list's (phones refuse a lower one).
LIST.json: {\"issuers\": [{\"id\": 2, \"role\": \"issuer\", \"public_key\": \"…\",
\"not_before\": \"2027-01-01\", \"not_after\": \"2027-12-31\", \"max_validity_days\": 92,
\"max_face_value\": 1000, \"demo\": false, \"label\": \"…\"}, …]}
(the entries `keys gen-issuer` prints; role, bounds default to issuer, 92 days, 1,000 yen).",
            run: sign_list,
        },
        Command {
            name: "roster check",
            options: &["month"],
            flags: &[],
            help: "\
jokatsu-office roster check FILE [--month YYYY-MM]

名簿 CSV（Shift_JIS / UTF-8、BOM 有無）を読み、読めない行を行番号と理由つきで示します。
--month を付けると、その月に対象かどうかも示します。
Reads a roster CSV (Shift_JIS or UTF-8 with or without BOM; docs/roster-format.md) and
reports every bad line with its number and reason. With --month, shows each recipient's
eligibility for that month. Exit 1 if any line is bad.",
            run: roster_check,
        },
        Command {
            name: "shops check",
            options: &["feed", "out"],
            flags: &[],
            help: "\
jokatsu-office shops check FILE [--feed FEED.json] [--out SHOPS.json]

認定店舗の一覧（Excel で保存した CSV、Shift_JIS / UTF-8）を読み、読めない行を行番号と理由つきで示します。
--feed を付けると公開中の一覧との差（追加・変更・削除）を、--out を付けると配信データの shops 欄（JSON）を書きます。
Reads the certified-shop list saved from Excel as CSV (Shift_JIS or UTF-8; columns in
docs/feed-tickets.md, \"Shop list CSV\"), the same import as the office page, and reports
every bad line with its number and reason. --feed: the diff (added, changed, removed)
against that feed's shops. --out: writes the feed's `shops` section (JSON). Exit 1 if any
line is bad.",
            run: shops_check,
        },
        Command {
            name: "issue",
            options: &[
                "roster",
                "key",
                "month",
                "register",
                "out",
                "link-base",
                "today",
                "settings",
                "passphrase-file",
                "replace-key",
            ],
            flags: &["new-register", "demo", "dry-run"],
            help: "\
jokatsu-office issue --roster FILE --key ISSUER.key --month YYYY-MM --register FILE --out DIR
                     [--new-register] [--settings FILE.json] [--link-base URL] [--today YYYY-MM-DD]

名簿の対象者に1か月分のチケットを発行します。発行台帳（--register）で番号を割り当てるので、
同じ月の再発行は同じチケットになり、追加の人は新しい番号になります。台帳ファイルがない場合は
--new-register が必要です（台帳なしの発行は番号の重複を招くため）。
Issues a month to the eligible recipients. Serials come from the issuance register: a
re-issue gives the same tickets, a late addition new serials (docs/issuance.md). A missing
register file is refused unless --new-register. The register is saved first (the old one
kept as FILE.bak), then DIR gets links.csv, report-employers.csv, report-city.csv,
not-issued.csv and bundles/<recipient>_<YYYY-MM>.json.
--settings: JSON of the programme settings (tickets_per_month, face_value,
employer_share, valid_months, eligibility.return_cutoff_day, link_base, demo).
--dry-run: shows who would get which serials (and who not, and why) and writes nothing.
--replace-key N: after issuer key N was withdrawn (a leak), gives every roster recipient
whose tickets for the month were signed by key N new tickets with new serials under --key
(docs/operations.md, \"If a key leaks\").",
            run: issue,
        },
        Command {
            name: "verify",
            options: &["feed", "root", "today", "file"],
            flags: &["json", "demo"],
            help: "\
jokatsu-office verify --feed FEED.json [--root PUBLIC_KEY | --demo] [--today YYYY-MM-DD]
                      [--json] (INPUT… | --file LIST)

チケット文字列・リンク・バンドル・バンドルファイルをフィードの鍵と使用済みデータで検証し、
それぞれの判定コードと理由を出します。
Verifies ticket texts, ticket/gift/bundle links, bundle texts and bundle files against a
feed's keys and used data; prints each ticket's verdict code and reason (tab-separated, or
JSON with --json). An INPUT that is an existing file is read: a bundle file, or one input
per line. --file LIST: one input per line (# comments and blank lines skipped).
The root key: --root (base64url), --demo (the demo root; demo tickets accepted), or the
one built in with JOKATSU_ROOT_PUBLIC_KEY. Exit 0 if every ticket is valid, 1 otherwise.",
            run: verify,
        },
        Command {
            name: "settle",
            options: &[
                "month",
                "feed",
                "register",
                "roster",
                "state",
                "out",
                "root",
                "used-key",
                "passphrase-file",
                "today",
            ],
            flags: &["demo"],
            help: "\
jokatsu-office settle --month YYYY-MM --feed FEED.json --register REGISTER.json --out DIR
                      [--roster ROSTER.csv] [--state STATE.json] [--used-key KEY]
                      [--root PUBLIC_KEY | --demo] CLAIM.json…

お店の請求ファイルを精算します（office.html と同じ規則・同じ出力）。支払い・負担・問題・精算済みの
CSV（Excel 用 UTF-8 BOM）と精算状態を DIR に書きます。--used-key を付けると、配信データの used 欄
（前回分＋今回精算分、番号を1つ上げて署名）も書きます。
Settles shops' claim files by the same rules as office.html and writes the same files to
DIR: payouts.csv, charges.csv, problems.csv, settled.csv (UTF-8 with BOM for Excel),
settlement-state.json (pass it as --state next month) and summary.txt. With --used-key
(the root or the office's `used` key file), also used.json: the feed's next `used` section
(what the feed published plus the newly settled tickets, sequence + 1). Exit 1 if any
line was refused or is a duplicate (see problems.csv).",
            run: settle,
        },
        Command {
            name: "feed-check",
            options: &["root", "previous", "today"],
            flags: &["demo", "summary"],
            help: "\
jokatsu-office feed-check DIR|FEED.json [--root PUBLIC_KEY | --demo] [--previous FEED.json]
                          [--today YYYY-MM-DD] [--summary]

アップロード前の検査：すべての問題（エラー・警告）を、区分と場所つきで一覧にします（事務局ページと同じ一覧）。
DIR はアップロードするフォルダー（feed.json と、あれば calendar.ics）。--previous に公開中の配信データを渡すと、
鍵リスト・使用済みデータの番号が戻っていないかも確かめます。エラーがあれば終了コード 1。
The check before upload: every problem (errors and warnings) with its section and place, one
per line, exactly as the office page lists them (docs/feed-format.md, \"Check before
upload\"). DIR is the folder to upload (feed.json and, if present, calendar.ics). With
--previous (the feed published now) the key-list and used-data sequences are checked too.
--summary first prints the feed's keys, shops and used data. --demo: the demo root key, demo
data allowed. Exit 1 if there is any error (warnings alone exit 0).",
            run: feed_check,
        },
    ];

    /// Parsed command line of one subcommand.
    struct Args {
        positional: Vec<String>,
        options: BTreeMap<String, String>,
        flags: BTreeSet<String>,
    }

    impl Args {
        fn parse(cmd: &Command, tokens: &[String]) -> Res<Args> {
            let mut args = Args {
                positional: Vec::new(),
                options: BTreeMap::new(),
                flags: BTreeSet::new(),
            };
            let mut it = tokens.iter();
            while let Some(t) = it.next() {
                let Some(name) = t.strip_prefix("--") else {
                    args.positional.push(t.clone());
                    continue;
                };
                let (name, inline) = match name.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_owned())),
                    None => (name, None),
                };
                if cmd.flags.contains(&name) && inline.is_none() {
                    args.flags.insert(name.to_owned());
                } else if cmd.options.contains(&name) {
                    let value = match inline {
                        Some(v) => v,
                        None => it
                            .next()
                            .cloned()
                            .ok_or_else(|| usage(format!("--{name} needs a value")))?,
                    };
                    if args.options.insert(name.to_owned(), value).is_some() {
                        return Err(usage(format!("--{name} given twice")));
                    }
                } else {
                    return Err(usage(format!(
                        "unknown option --{name} (see `jokatsu-office {} --help`)",
                        cmd.name
                    )));
                }
            }
            Ok(args)
        }

        fn opt(&self, name: &str) -> Option<&str> {
            self.options.get(name).map(String::as_str)
        }

        fn req(&self, name: &str) -> Res<&str> {
            self.opt(name)
                .ok_or_else(|| usage(format!("--{name} is required")))
        }

        fn flag(&self, name: &str) -> bool {
            self.flags.contains(name)
        }

        fn one_positional(&self, what: &str) -> Res<&str> {
            match self.positional.as_slice() {
                [one] => Ok(one),
                _ => Err(usage(format!("give exactly one {what}"))),
            }
        }
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
        let (cmd, rest) = COMMANDS
            .iter()
            .find_map(|c| {
                let words: Vec<&str> = c.name.split(' ').collect();
                let matches = argv.len() >= words.len()
                    && words.iter().zip(argv).all(|(w, a)| *w == a.as_str());
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
        keyfile::open(&json, &passphrase(args)?).map_err(|e| Fail(format!("{path}: {e}"), 1))
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

    // ---- keys ----

    fn gen_root(args: &Args) -> Res<()> {
        let out = args.req("out")?;
        let label = args
            .opt("label")
            .unwrap_or("旭川市 すみまセンエン ルート鍵 / root key");
        let (file, public) = keyfile::generate(
            KeyKind::Root,
            label,
            &passphrase(args)?,
            kdf(args),
            &random::<KEYGEN_RANDOM_LEN>()?,
        )
        .map_err(|e| Fail(e.to_string(), 1))?;
        write(Path::new(out), file.as_bytes(), true)?;
        println!("{}", b64(public.as_bytes()));
        eprintln!("ルート鍵を {out} に書きました / root key written to {out}; public key above");
        Ok(())
    }

    use jokatsu::domain::tickets::office::settlement::checks::{
        default_max_face_value, default_max_validity_days, IssuerEntry,
    };

    fn gen_issuer(args: &Args) -> Res<()> {
        let out = args.req("out")?;
        let id_text = args.req("id")?;
        let id = id_text
            .parse::<u8>()
            .ok()
            .and_then(KeyId::new)
            .ok_or_else(|| usage(format!("--id {id_text}: must be 1..=255")))?;
        let label = args
            .opt("label")
            .map(str::to_owned)
            .unwrap_or_else(|| format!("発行鍵 {id} / issuer key {id}"));
        let not_before = args.req("not-before")?;
        let not_after = args.req("not-after")?;
        date_arg(not_before, "not-before")?;
        date_arg(not_after, "not-after")?;
        let (file, public) = keyfile::generate(
            KeyKind::Issuer(id),
            &label,
            &passphrase(args)?,
            kdf(args),
            &random::<KEYGEN_RANDOM_LEN>()?,
        )
        .map_err(|e| Fail(e.to_string(), 1))?;
        write(Path::new(out), file.as_bytes(), true)?;
        let entry = IssuerEntry {
            id: id.get(),
            role: KeyRole::Issuer,
            public_key: b64(public.as_bytes()),
            not_before: not_before.into(),
            not_after: not_after.into(),
            max_validity_days: default_max_validity_days(),
            max_face_value: default_max_face_value(),
            demo: false,
            label,
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&entry).map_err(|e| usage(e.to_string()))?
        );
        eprintln!("発行鍵 {id} を {out} に書きました / issuer key {id} written to {out}");
        Ok(())
    }

    fn key_public(args: &Args) -> Res<()> {
        let path = args.one_positional("key file")?;
        let info =
            keyfile::inspect(&read_text(path)?).map_err(|e| Fail(format!("{path}: {e}"), 1))?;
        let (kind, id) = match info.kind {
            KeyKind::Root => ("root", String::new()),
            KeyKind::Issuer(id) => ("issuer", id.to_string()),
        };
        println!("kind\t{kind}");
        if !id.is_empty() {
            println!("id\t{id}");
        }
        println!("label\t{}", info.label);
        println!("public_key\t{}", b64(info.public_key.as_bytes()));
        println!(
            "kdf\targon2id m={}KiB t={} p={}",
            info.kdf.memory_kib, info.kdf.iterations, info.kdf.parallelism
        );
        Ok(())
    }

    fn key_passwd(args: &Args) -> Res<()> {
        let path = args.one_positional("key file")?;
        let out = args.req("out")?;
        let old = passphrase(args)?;
        let new = passphrase_from("JOKATSU_NEW_PASSPHRASE", args.opt("new-passphrase-file"))?;
        let file = keyfile::reseal(
            &read_text(path)?,
            &old,
            &new,
            kdf(args),
            &random::<RESEAL_RANDOM_LEN>()?,
        )
        .map_err(|e| Fail(format!("{path}: {e}"), 1))?;
        write(Path::new(out), file.as_bytes(), true)?;
        eprintln!("{out} に書きました / written to {out}");
        Ok(())
    }

    fn sign_list(args: &Args) -> Res<()> {
        let root = open_key(args.req("root")?, args)?;
        let root_key = root.require_root().map_err(|e| Fail(e.to_string(), 1))?;
        let list_path = args.req("issuers")?;
        let list_json = read_text(list_path)?;
        let sequence_text = args.req("sequence")?;
        let header = KeyListHeader {
            sequence: sequence_text
                .parse::<u64>()
                .map_err(|_| usage(format!("--sequence {sequence_text}: not a number")))?,
            signed_at: date_arg(args.req("signed-at")?, "signed-at")?,
            expires: date_arg(args.req("expires")?, "expires")?,
        };
        let dto = jokatsu::domain::tickets::office::settlement::checks::sign_issuer_list(
            &list_json, &header, root_key,
        )
        .map_err(|e| Fail(format!("{list_path}: {e}"), 1))?;
        let json = serde_json::to_string_pretty(&dto).map_err(|e| usage(e.to_string()))?;
        let out = args.req("out")?;
        write(Path::new(out), format!("{json}\n").as_bytes(), false)?;
        eprintln!(
            "{} 件の発行鍵一覧に署名しました / signed a list of {} issuer keys: {out}",
            dto.keys.len(),
            dto.keys.len()
        );
        Ok(())
    }

    // ---- roster ----

    fn shops_check(args: &Args) -> Res<()> {
        use jokatsu::domain::publish::shops_csv::{diff, import_shops};
        use jokatsu::domain::tickets::core::shops::ShopDto;
        let path = args.one_positional("shop list file")?;
        let list = import_shops(&read(path)?).map_err(|e| Fail(format!("{path}: {e}"), 1))?;
        println!(
            "{path}: {} / 見出し {}行目 / header line {} / お店 {} / shops {} / 問題 {} / problems {}",
            list.encoding.label(),
            list.header_line,
            list.header_line,
            list.shops.len(),
            list.shops.len(),
            list.problems.len(),
            list.problems.len()
        );
        for p in &list.problems {
            println!("{p}");
        }
        if let Some(feed) = args.opt("feed") {
            let value: serde_json::Value = serde_json::from_str(&read_text(feed)?)
                .map_err(|e| Fail(format!("{feed}: {e}"), 1))?;
            let current: Vec<ShopDto> = match value.get("shops") {
                Some(v) => serde_json::from_value(v.clone())
                    .map_err(|e| Fail(format!("{feed}: shops: {e}"), 1))?,
                None => Vec::new(),
            };
            let d = diff(&current, &list.shops);
            println!("{}", d.summary());
            for (id, name) in &d.added {
                println!("added\t{id}\t{name}");
            }
            for c in &d.changed {
                println!("changed\t{}\t{}\t{}", c.id, c.name, c.fields.join(","));
            }
            for (id, name) in &d.removed {
                println!("removed\t{id}\t{name}");
            }
        }
        if let Some(out) = args.opt("out") {
            let json =
                serde_json::to_string_pretty(&list.shops).map_err(|e| usage(e.to_string()))?;
            write(Path::new(out), json.as_bytes(), false)?;
        }
        if list.problems.is_empty() {
            Ok(())
        } else {
            Err(Fail(String::new(), 1))
        }
    }

    fn roster_check(args: &Args) -> Res<()> {
        let path = args.one_positional("roster file")?;
        let roster = import_roster(&read(path)?).map_err(|e| Fail(format!("{path}: {e}"), 1))?;
        println!(
            "{path}: {} / 見出し {}行目 / header line {} / 読めた行 {} / good lines {} / 問題 {} / problems {}",
            roster.encoding.label(),
            roster.header_line,
            roster.header_line,
            roster.entries.len(),
            roster.entries.len(),
            roster.problems.len(),
            roster.problems.len()
        );
        for p in &roster.problems {
            println!("{}", p.message());
        }
        if let Some(m) = args.opt("month") {
            let month =
                parse_month(m).ok_or_else(|| usage(format!("--month {m:?}: not YYYY-MM")))?;
            let settings = IssueSettings::default();
            for e in &roster.entries {
                let status = settings
                    .eligibility
                    .month_status(&e.children, e.returned, month)
                    .map(|s| s.message())
                    .unwrap_or_else(|err| err.to_string());
                println!("{}行目\t{}\t{month}\t{status}", e.line, e.recipient);
            }
        }
        if roster.problems.is_empty() {
            Ok(())
        } else {
            Err(Fail(String::new(), 1))
        }
    }

    // ---- issue ----

    fn issue(args: &Args) -> Res<()> {
        let roster_path = args.req("roster")?;
        let roster = import_roster(&read(roster_path)?)
            .map_err(|e| Fail(format!("{roster_path}: {e}"), 1))?;
        let month_text = args.req("month")?;
        let month = parse_month(month_text)
            .ok_or_else(|| usage(format!("--month {month_text:?}: not YYYY-MM")))?;
        let register_path = PathBuf::from(args.req("register")?);
        let register = if register_path.exists() {
            Register::from_json(&read_text(&register_path.display().to_string())?)
                .map_err(|e| Fail(format!("{}: {e}", register_path.display()), 1))?
        } else if args.flag("new-register") {
            Register::new()
        } else {
            return Err(usage(format!(
                "発行台帳 {} がありません。初回だけ --new-register を付けてください / register {} not found; \
                 pass --new-register for the very first issue only",
                register_path.display(),
                register_path.display()
            )));
        };
        let mut settings = match args.opt("settings") {
            Some(p) => serde_json::from_str::<IssueSettings>(&read_text(p)?)
                .map_err(|e| usage(format!("{p}: {e}")))?,
            None => IssueSettings::default(),
        };
        if let Some(base) = args.opt("link-base") {
            settings.link_base = base.into();
        }
        if args.flag("demo") {
            settings.demo = true;
        }
        let key = open_key(args.req("key")?, args)?;
        let key_id = key.issuer_id().map_err(|e| Fail(e.to_string(), 1))?;
        let out_dir = PathBuf::from(args.req("out")?);
        if args.flag("dry-run") {
            let plan = jokatsu::domain::tickets::office::issuance::plan_month(
                &roster.entries,
                &register,
                &settings,
                key_id,
                month,
                today(args)?,
            )
            .map_err(|e| Fail(e.to_string(), 1))?;
            for p in &plan.planned {
                let (first, last) = p.allocation.serials();
                println!(
                    "{}行目\t{}\t{}\t{first}..{last}\t{}",
                    p.entry.line,
                    p.entry.recipient,
                    if p.reissue { "reissue" } else { "new" },
                    p.entry.name
                );
            }
            for s in &plan.skipped {
                println!(
                    "{}行目\t{}\t-\t-\t{}",
                    s.line,
                    s.recipient,
                    s.reason.message()
                );
            }
            for p in &roster.problems {
                println!("{}", p.message());
            }
            eprintln!(
                "予定 / plan: {} 人に発行（新規 {}） / to issue: {} (new {}); 対象外 {} / skipped {}; 何も書いていません / nothing written",
                plan.planned.len(),
                plan.new_count(),
                plan.planned.len(),
                plan.new_count(),
                plan.skipped.len(),
                plan.skipped.len()
            );
            return Ok(());
        }
        let output = match args.opt("replace-key") {
            None => issue_whole_month(
                &roster.entries,
                &register,
                &settings,
                &key,
                month,
                today(args)?,
            ),
            Some(n) => {
                let withdrawn = n
                    .parse::<u8>()
                    .ok()
                    .and_then(KeyId::new)
                    .ok_or_else(|| usage(format!("--replace-key {n}: must be 1..=255")))?;
                plan_replacement(
                    &roster.entries,
                    &register,
                    &settings,
                    withdrawn,
                    key_id,
                    month,
                    today(args)?,
                )
                .and_then(|plan| {
                    let mut run = MonthIssue::new(plan, &key)?;
                    while !run.step(256)?.is_done() {}
                    run.finish()
                })
            }
        }
        .map_err(|e| Fail(e.to_string(), 1))?;
        // The register first: nothing is handed out that the register does not record.
        write_atomic(&register_path, output.register.to_json().as_bytes())?;
        let files = output
            .files(&roster.entries, &roster.problems)
            .map_err(|e| Fail(e.to_string(), 1))?;
        for f in &files {
            write(&out_dir.join(&f.path), &f.bytes, false)?;
        }
        let new = output.recipients.iter().filter(|r| !r.reissue).count();
        let report = output
            .report(&roster.entries)
            .map_err(|e| Fail(e.to_string(), 1))?;
        println!(
            "{month}: 発行 {} 人（新規 {new}・再発行 {}）/ issued to {} (new {new}, re-issued {}); \
             対象外 {} / skipped {}; 名簿の問題 {} / roster problems {}",
            output.recipients.len(),
            output.recipients.len() - new,
            output.recipients.len(),
            output.recipients.len() - new,
            output.skipped.len(),
            output.skipped.len(),
            roster.problems.len(),
            roster.problems.len(),
        );
        println!(
            "{month} 合計 / month total: {} 人 / recipients, {} 枚 / tickets, 事業所負担 / employers {}, 市負担 / city {}",
            report.recipients, report.tickets, report.amounts.employer, report.amounts.city
        );
        for p in &roster.problems {
            eprintln!("{}", p.message());
        }
        println!("{}", out_dir.display());
        Ok(())
    }

    // ---- verify ----

    #[derive(Serialize)]
    struct Line {
        input: usize,
        /// Index of the ticket in a bundle (0-based), absent for single tickets.
        #[serde(skip_serializing_if = "Option::is_none")]
        ticket: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        code: String,
        reason: String,
    }

    fn inputs(args: &Args) -> Res<Vec<String>> {
        let mut out = Vec::new();
        let lines = |text: &str, out: &mut Vec<String>| {
            for l in text.lines().map(str::trim) {
                if !l.is_empty() && !l.starts_with('#') {
                    out.push(l.to_owned());
                }
            }
        };
        if let Some(list) = args.opt("file") {
            lines(&read_text(list)?, &mut out);
        }
        for a in &args.positional {
            if !a.contains("JK1:") && !a.contains("JKB1:") && Path::new(a).is_file() {
                let text = read_text(a)?;
                if text
                    .trim_start()
                    .trim_start_matches('\u{feff}')
                    .starts_with('{')
                {
                    out.push(text);
                } else {
                    lines(&text, &mut out);
                }
            } else {
                out.push(a.clone());
            }
        }
        if out.is_empty() {
            return Err(usage("nothing to verify: give inputs or --file"));
        }
        Ok(out)
    }

    fn root_arg(args: &Args) -> Res<ed25519_dalek::VerifyingKey> {
        if let Some(r) = args.opt("root") {
            keys::parse_public_key(r).map_err(|e| usage(format!("--root: {e}")))
        } else if args.flag("demo") {
            Ok(keys::demo::root_signing_key().verifying_key())
        } else {
            keys::root_key(true).map_err(|e| usage(format!("{e}; pass --root or --demo")))
        }
    }

    fn settle(args: &Args) -> Res<()> {
        use jokatsu::domain::tickets::office::settlement::checks::{
            next_used_section, settlement_checks,
        };
        use jokatsu::domain::tickets::office::settlement::{Settlement, SettlementState};
        let root = root_arg(args)?;
        let policy = if args.flag("demo") {
            VerifyPolicy::DEMO
        } else {
            VerifyPolicy::PRODUCTION
        };
        let month_text = args.req("month")?;
        let month = parse_month(month_text)
            .ok_or_else(|| usage(format!("--month {month_text:?}: not YYYY-MM")))?;
        let feed_path = args.req("feed")?;
        let feed = parse_feed(&read_text(feed_path)?, &root)
            .map_err(|e| Fail(format!("{feed_path}: {e}"), 1))?;
        let keys = match &feed.sections.keys {
            Some(Ok(keys)) => keys,
            Some(Err(e)) => return Err(Fail(format!("{feed_path}: keys: {e}"), 1)),
            None => return Err(Fail(format!("{feed_path}: keys: missing"), 1)),
        };
        let register_path = args.req("register")?;
        let register = Register::from_json(&read_text(register_path)?)
            .map_err(|e| Fail(format!("{register_path}: {e}"), 1))?;
        let roster = match args.opt("roster") {
            Some(p) => {
                import_roster(&read(p)?)
                    .map_err(|e| Fail(format!("{p}: {e}"), 1))?
                    .entries
            }
            None => Vec::new(),
        };
        let previous = match args.opt("state") {
            Some(p) => SettlementState::from_json(&read_text(p)?)
                .map_err(|e| Fail(format!("{p}: {e}"), 1))?,
            None => SettlementState::new(),
        };
        if args.positional.is_empty() {
            return Err(usage("give the claim files to settle".to_string()));
        }
        let mut run = Settlement::new(month, previous);
        for path in &args.positional {
            if let Err(e) = run.import_json(&read_text(path)?) {
                eprintln!("{path}: {e}");
            }
        }
        let checks = settlement_checks(keys, &feed.sections.shops, &register, &roster, policy);
        let report = run.finish(&checks).map_err(|e| Fail(e.to_string(), 1))?;
        let out = PathBuf::from(args.req("out")?);
        for (name, text) in [
            ("payouts.csv", report.payouts_csv()),
            ("charges.csv", report.charges_csv()),
            ("problems.csv", report.problems_csv()),
            ("settled.csv", report.settled_csv()),
            ("settlement-state.json", report.state.to_json()),
            ("summary.txt", report.summary()),
        ] {
            write(&out.join(name), text.as_bytes(), false)?;
        }
        if let Some(key_path) = args.opt("used-key") {
            let key = open_key(key_path, args)?;
            let signer = match key.kind {
                KeyKind::Root => None,
                KeyKind::Issuer(id) => Some(id),
            };
            let previous = match &feed.sections.used {
                Some(Ok(dto)) => Some(
                    UsedData::from_feed(dto, &root, keys)
                        .map_err(|e| Fail(format!("{feed_path}: used: {e}"), 1))?,
                ),
                Some(Err(e)) => return Err(Fail(format!("{feed_path}: used: {e}"), 1)),
                None => None,
            };
            let dto = next_used_section(
                previous.as_ref(),
                &report.newly_settled,
                today(args)?,
                signer,
                &key.signing_key,
            )
            .map_err(|e| Fail(e.to_string(), 1))?;
            let json = serde_json::to_string_pretty(&dto).map_err(|e| usage(e.to_string()))?;
            write(&out.join("used.json"), json.as_bytes(), false)?;
        }
        println!("{}", report.summary());
        if report.rejections.is_empty() && report.duplicates.is_empty() {
            Ok(())
        } else {
            Err(Fail(String::new(), 1))
        }
    }

    fn feed_check(args: &Args) -> Res<()> {
        use jokatsu::domain::publish::check::{check, CheckInput};
        let path = args.one_positional("feed directory or file")?;
        let root = root_arg(args)?;
        let (feed_path, calendar_path) = if Path::new(path).is_dir() {
            let dir = Path::new(path);
            let ics = dir.join("calendar.ics");
            (
                dir.join("feed.json").display().to_string(),
                ics.is_file().then(|| ics.display().to_string()),
            )
        } else {
            (path.to_owned(), None)
        };
        let text = read_text(&feed_path)?;
        let calendar = calendar_path.as_deref().map(read_text).transpose()?;
        let previous = args.opt("previous").map(read_text).transpose()?;
        if args.flag("summary") {
            summary(&feed_path, &text, &root);
        }
        let report = check(&CheckInput {
            feed: &text,
            calendar: calendar.as_deref(),
            previous: previous.as_deref(),
            root: &root,
            today: today(args)?,
            production: !args.flag("demo"),
        });
        print!("{}", report.text());
        if report.errors() == 0 {
            Ok(())
        } else {
            Err(Fail(String::new(), 1))
        }
    }

    /// The feed's trust data and counts, as the apps read them (best effort).
    fn summary(path: &str, text: &str, root: &ed25519_dalek::VerifyingKey) {
        let feed = match parse_feed(text, root) {
            Ok(f) => f,
            Err(e) => {
                println!("{path}: {e}");
                return;
            }
        };
        let s = &feed.sections;
        println!("generated_at\t{}", feed.meta.generated_at.to_rfc3339());
        println!("demo\t{}", feed.meta.demo);
        println!("publisher\t{}", feed.meta.publisher.ja);
        println!(
            "schedule\t{}",
            if s.schedule.is_some() { "yes" } else { "no" }
        );
        println!("questionnaires\t{}", s.questionnaires.len());
        if let Some(Ok(keys)) = &s.keys {
            println!("keys_sequence\t{}", keys.sequence());
            println!("keys_expires\t{}", iso_date(keys.expires()));
            println!("keys\t{}", keys.len());
            for k in keys.iter() {
                println!(
                    "key\t{}\t{}..{}\t{}\t{}",
                    k.id,
                    iso_date(k.not_before),
                    iso_date(k.not_after),
                    if k.demo { "demo" } else { "production" },
                    k.label
                );
            }
            if let Some(Ok(dto)) = &s.used {
                if let Ok(used) = UsedData::from_feed(dto, root, keys) {
                    println!("used_sequence\t{}", used.sequence());
                    println!("used_tickets\t{}", used.set().len());
                }
            }
        }
        println!("shops\t{}", s.shops.shops().len());
    }

    fn verify(args: &Args) -> Res<()> {
        let root = root_arg(args)?;
        let policy = if args.flag("demo") {
            VerifyPolicy::DEMO
        } else {
            VerifyPolicy::PRODUCTION
        };
        let feed_path = args.req("feed")?;
        let wanted = Wanted {
            tickets: true,
            ..Wanted::NONE
        };
        let feed = feed::parse(&read_text(feed_path)?, wanted, Some(&root))
            .map_err(|e| Fail(format!("{feed_path}: {e}"), 1))?;
        let today = today(args)?;
        // A feed whose key list is missing or refused verifies nothing: say why.
        let keys = match &feed.sections.keys {
            Some(Ok(keys)) => keys,
            Some(Err(e)) => return Err(Fail(format!("{feed_path}: keys: {e}"), 1)),
            None => return Err(Fail(format!("{feed_path}: keys: missing"), 1)),
        };
        let used = &feed.sections.used_set(&root);
        let mut lines = Vec::new();
        let check = |input: usize, ticket: Option<usize>, t: &Ticket| {
            let v = verify_ticket(t, keys, policy, today, used);
            Line {
                input,
                ticket,
                id: Some(t.body().id().to_string()),
                code: v.code().into(),
                reason: v.to_string(),
            }
        };
        for (n, text) in inputs(args)?.iter().enumerate() {
            let input = n + 1;
            let scanned = if text.trim_start().starts_with('{') {
                Bundle::from_file_json(text).map(Scanned::Bundle)
            } else {
                parse_scanned(text.trim())
            };
            match scanned {
                Ok(Scanned::Ticket(t)) => lines.push(check(input, None, &t)),
                Ok(Scanned::Gift(g)) => lines.push(check(input, None, &g.ticket)),
                Ok(Scanned::Bundle(b)) => {
                    for (i, t) in b.tickets().iter().enumerate() {
                        lines.push(check(input, Some(i), t));
                    }
                }
                Err(e) => lines.push(Line {
                    input,
                    ticket: None,
                    id: None,
                    code: "malformed".into(),
                    reason: e.to_string(),
                }),
            }
        }
        if args.flag("json") {
            println!(
                "{}",
                serde_json::to_string_pretty(&lines).map_err(|e| usage(e.to_string()))?
            );
        } else {
            for l in &lines {
                let at = match l.ticket {
                    Some(i) => format!("{}.{}", l.input, i + 1),
                    None => l.input.to_string(),
                };
                println!(
                    "{at}\t{}\t{}\t{}",
                    l.id.as_deref().unwrap_or("-"),
                    l.code,
                    l.reason
                );
            }
        }
        eprintln!(
            "{} 枚中 有効 {} / {} valid of {} ({})",
            lines.len(),
            lines.iter().filter(|l| l.code == "valid").count(),
            lines.iter().filter(|l| l.code == "valid").count(),
            lines.len(),
            iso_date(today)
        );
        if lines.iter().all(|l| l.code == "valid") {
            Ok(())
        } else {
            Err(Fail(String::new(), 1))
        }
    }
}
