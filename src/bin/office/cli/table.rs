//! The command table: each command's words, options, flags, help text and function.

use super::*;
use super::{
    interim::*, issue::*, keys_commands::*, roster::*, settle::*, shop_keys::*, verify::*,
};

pub(super) const HELP: &str = "\
jokatsu-office — 旭川市 すみまセンエン 事務局ツール / city office tool

使い方 / usage: jokatsu-office <command> [options]   (<command> --help で詳細)

  keys gen-root      ルート鍵を作る / make the root key file
  keys gen-issuer    発行鍵を作る / make an issuer key file
  keys gen-used      使用済みデータ鍵を作る / make a used-data key file
  keys public        鍵ファイルの公開情報 / show a key file's public part
  keys passwd        パスフレーズを変える / change a key file's passphrase
  keys sign-list     発行鍵一覧にルート鍵で署名 / sign the issuer-key list for the feed
  roster check       名簿 CSV を検査 / check a roster CSV
  shops check        認定店舗 CSV を検査・差分 / check the certified-shop CSV, diff
  issue              1か月分を発行 / issue a month of tickets
  verify             チケット・リンク・バンドルを検証 / verify tickets, links, bundles
  shop-keys add      お店の請求署名鍵を登録 / register shops' claim keys
  shop-keys retire   お店の請求署名鍵を失効 / retire a shop's claim key
  settle             お店の請求を精算 / settle shops' claim files
  used interim       途中の使用済みデータ（精算なし）/ interim used data, no settlement
  feed-check         アップロード前の検査 / check a feed (folder) before upload

パスフレーズは端末で尋ねます（表示されません）。スクリプトでは --passphrase-file（1行目）で渡します。
コマンドラインや環境変数では渡せません。鍵ファイルは本人だけが読める権限（0600）で書きます。
The passphrase is asked on the terminal (not shown), or read from the first line of
--passphrase-file; never from the command line or the environment. Key files are written
readable by their owner only (mode 0600).
終了コード / exit codes: 0 ok, 1 refused or invalid input (settle: problems to follow up),
2 usage or file error, 3 a claim file refused (settle; the run is incomplete).
";

pub(super) struct Command {
    pub(super) name: &'static str,
    pub(super) options: &'static [&'static str],
    pub(super) flags: &'static [&'static str],
    pub(super) help: &'static str,
    pub(super) run: fn(&Args) -> Res<()>,
}

pub(super) const COMMANDS: &[Command] = &[
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
            "list",
            "max-face-value",
            "max-validity-days",
        ],
        flags: &["insecure-test-kdf"],
        help: "\
jokatsu-office keys gen-issuer --id N --out FILE --not-before YYYY-MM-DD --not-after YYYY-MM-DD
                           [--list LIST.json] [--max-face-value YEN] [--max-validity-days N]
                           [--label TEXT] [--passphrase-file F]

発行鍵（チケットに署名する鍵, id 1〜255）を作ります。--list を付けると、その鍵一覧ファイル
（なければ作ります）にこの鍵を加えます。標準出力にも一覧用の1件（JSON）を出します。
Makes an issuer key (signs tickets; id 1..=255). With --list, adds its entry to that key
list file (created if missing), the file `keys sign-list` signs; the entry is also printed.
--not-before/--not-after: the window of ticket start dates (valid_from) the key may sign,
e.g. a fiscal year. Bounds default to the programme's: 1,000 yen, 92 days.",
        run: gen_issuer,
    },
    Command {
        name: "keys gen-used",
        options: &[
            "out",
            "id",
            "label",
            "passphrase-file",
            "not-before",
            "not-after",
            "list",
        ],
        flags: &["insecure-test-kdf"],
        help: "\
jokatsu-office keys gen-used --id N --out FILE --not-before YYYY-MM-DD --not-after YYYY-MM-DD
                         [--list LIST.json] [--label TEXT] [--passphrase-file F]

使用済みデータ鍵（フィードの使用済みデータに署名する鍵, id 1〜255, 例 200）を作ります。
--list を付けると鍵一覧ファイルに加えます。鍵一覧に署名して公開してから使えます。
Makes a used-data key (signs the feed's used data; id 1..=255, e.g. 200). With --list, adds
its entry to the key list file. It can sign once the list holding it is signed and
published. --not-before/--not-after: the days it may sign on.",
        run: gen_used,
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
passphrase is asked twice on the terminal, or read from --new-passphrase-file.",
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
            "revoke",
        ],
        flags: &["demo", "insecure-test-kdf"],
        help: "\
jokatsu-office keys sign-list --root ROOT.key --issuers LIST.json --out KEYS.json
                          --sequence N --signed-at YYYY-MM-DD --expires YYYY-MM-DD
                          [--revoke ID=YYYY-MM-DD[,…]] [--demo]

発行鍵一覧にルート鍵で署名し、フィードの keys 欄に入れる JSON を書きます。--sequence は
前回公開した一覧より大きい番号にしてください（古い一覧の再配信は端末が拒否します）。
Signs the issuer-key list with the root key and writes the feed's `keys` section. The
sequence must be higher than the last published list's (phones refuse a lower one).
LIST.json: {\"issuers\": [{\"id\": 2, \"role\": \"issuer\", \"public_key\": \"…\",
\"not_before\": \"2027-01-01\", \"not_after\": \"2027-12-31\", \"max_validity_days\": 92,
\"max_face_value\": 1000, \"demo\": false, \"label\": \"…\"}, …]}
(the file `keys gen-issuer --list` and `keys gen-used --list` write; role, bounds default to
issuer, 92 days, 1,000 yen). LIST.json may also be the published `keys` section: its keys
start the new list and its sequence is the one to exceed. Demo keys are refused (by flag or
by key) unless --demo; two keys with one id, or a list without an issuer key, are refused.
--revoke 2=2027-05-10：漏れた・なくした発行鍵 2 を 2027-05-10 から取り消します（その日以降の受付は
key_revoked で拒否、それより前の受付は精算で支払われます）。ID=none で取り消しを外します。
--revoke 2=2027-05-10 revokes leaked or lost issuer key 2 from that day (redemptions on or
after it are refused as key_revoked; earlier ones are still paid). ID=none lifts it.",
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
        flags: &["new-register", "demo", "dry-run", "insecure-test-kdf"],
        help: "\
jokatsu-office issue --roster FILE --key ISSUER.key --month YYYY-MM --register FILE --out DIR
                 --link-base URL [--new-register] [--settings FILE.json] [--today YYYY-MM-DD]

名簿の対象者に1か月分のチケットを発行します。発行台帳（--register）で番号を割り当てるので、
同じ月の再発行は同じチケットになり、追加の人は新しい番号になります。台帳ファイルがない場合は
--new-register が必要です（台帳なしの発行は番号の重複を招くため）。
Issues a month to the eligible recipients. Serials come from the issuance register: a
re-issue gives the same tickets, a late addition new serials (docs/issuance.md). A missing
register file is refused unless --new-register. The register is saved first (the old one
kept as FILE.bak), then DIR gets links.csv, report-employers.csv, report-city.csv,
not-issued.csv and bundles/<recipient>_<YYYY-MM>.json.
--link-base (or link_base in --settings): the app's address on its own host name, e.g.
https://jokatsu.example.jp/ — required, no default; bundle links open its r.html.
links.csv holds bearer links with names: it is cash (docs/issuance.md).
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
            "shops",
            "roster",
            "state",
            "out",
            "root",
            "used-key",
            "passphrase-file",
            "today",
            "shop-keys",
            "decisions",
        ],
        flags: &["demo", "insecure-test-kdf"],
        help: "\
jokatsu-office settle --month YYYY-MM --feed FEED.json --register REGISTER.json
                  --shops SHOPS.csv --out DIR [--roster ROSTER.csv] [--state STATE.json]
                  [--used-key KEY] [--shop-keys SHOP-KEYS.csv] [--decisions DECISIONS.csv]
                  [--today YYYY-MM-DD] [--root PUBLIC_KEY | --demo] CLAIM.json…

お店の請求ファイルを精算します（office.html と同じ規則・同じ出力）。支払い・負担・問題・精算済みの
CSV（Excel 用 UTF-8 BOM）と精算状態を DIR に書きます。--used-key を付けると、配信データの used 欄
（前回分＋今回精算分、番号を1つ上げて署名）も書きます。
Settles shops' claim files by the same rules as office.html and writes the same files to
DIR: payouts.csv, charges.csv, problems.csv, settled.csv (UTF-8 with BOM for Excel),
settlement-state.json (pass it as --state next month) and summary.txt. With --used-key
(the root or the office's `used` key file), also used.json: the feed's next `used` section
(what the feed published plus the newly settled tickets, sequence + 1).
--register is required (only --demo may settle without it; the summary then says the
register check was not made).
--shops: the office's own certified-shop list, its shop master (the shop CSV the feed
editor imports: docs/feed-tickets.md, \"Shop list CSV\"); shops are checked against it, not
against the feed's list (the feed gives the keys and used data). Required without --demo.
Where the feed's shops differ from it, summary.txt says so, a line per shop, and the
master is used. --today (default: the JST date) is the run's day: a
redemption dated after it is refused; it also dates used.json.
--shop-keys: the shops' registered claim keys (shop-keys add). Without --demo, a claim
not signed by a key registered to its shop is refused (claim_unsigned, claim_wrong_key).
--decisions: the office's decisions on tickets two shops claimed (review.csv), a CSV
`ticket,decision` with decision `pay:<shop>` or `none`; kept in the state. review.csv
lists the tickets waiting for a decision (nobody is paid for them until then).
Exit 0 all paid (a till gap alone, normal after an undo, is only recorded); 1 lines
refused, duplicates, reviews, till numbering reused or backwards, or claims accepted
unsigned in a demo run (see problems.csv); 2 usage or file error (nothing written); 3 a
claim file was refused, e.g. for its signature (listed in summary.txt and problems.csv).",
        run: settle,
    },
    Command {
        name: "shop-keys add",
        options: &["file", "today"],
        flags: &[],
        help: "\
jokatsu-office shop-keys add --file SHOP-KEYS.csv [--today YYYY-MM-DD] JKSHOPKEY1:…

お店が送った請求署名鍵の登録文字列（店舗の事務画面に表示）を店舗鍵一覧に登録します。
Registers the claim keys shops sent (the text their desk shows, JKSHOPKEY1:<shop>:<key>)
in the office's shop key list (created if missing). Prints each shop, fingerprint and key:
compare the fingerprint with the one the shop reads out on the phone.",
        run: shop_keys_add,
    },
    Command {
        name: "shop-keys retire",
        options: &["file", "key", "from"],
        flags: &[],
        help: "\
jokatsu-office shop-keys retire --file SHOP-KEYS.csv --key KEY --from YYYY-MM-DD

鍵を失効させます（その日以降に作られた請求は受け付けません）。
Retires a key: claims made from that day (JST) on are refused as claim_wrong_key.",
        run: shop_keys_retire,
    },
    Command {
        name: "used interim",
        options: &[
            "feed",
            "used-key",
            "out",
            "root",
            "passphrase-file",
            "today",
            "shop-keys",
        ],
        flags: &["demo", "insecure-test-kdf"],
        help: "\
jokatsu-office used interim --feed FEED.json --used-key KEY --out used.json
                        [--shop-keys SHOP-KEYS.csv] [--today YYYY-MM-DD]
                        [--root PUBLIC_KEY | --demo] CLAIM.json…

これまでに届いた請求ファイルから、途中の使用済みデータ（配信データの used 欄）を作ります。精算・支払いは
しません（月末の settle がいつもどおり支払います）。公開中の used に、受付日に有効だったチケットを加え、
番号を1つ上げて署名します。毎週公開すると、コピーされたチケットが使える期間が約1週間に縮まります。
Makes interim used data (the feed's `used` section) from the claim files received so far,
without settling or paying (the month's `settle` pays as usual): what the feed published
plus every claimed ticket that verifies on its redemption day, sequence + 1, signed with
the used-data key (or the root). Published weekly, it shortens the time a copied ticket
still passes at other tills to about a week. Lines not marked are listed on stderr
(claim, ticket, verdict code). As in settle, without --demo a claim not signed by a key
registered to its shop (--shop-keys) is refused (claim_unsigned, claim_wrong_key,
claim_bad_signature) and nothing is written.",
        run: used_interim,
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
