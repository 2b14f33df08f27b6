//! The office's use cases in the browser: open a key file, read a roster, issue a month in
//! steps, settle claims in steps, sign the used data, check a feed. Everything stays in
//! this tab: private keys and rosters are never written to browser storage or sent.

use chrono::NaiveDate;

use crate::domain::feed::{self, Feed, Wanted};
use crate::domain::publish::check::{check, CheckInput, Problem, Report, Severity};
use crate::domain::shared::base64url;
use crate::domain::shared::date::{iso_date, jst_today};
use crate::domain::shared::text::Lang;
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::keys::KeyListHeader;
use crate::domain::tickets::core::keys::KeySet;
use crate::domain::tickets::core::keys::{root_key, KeyId};
use crate::domain::tickets::core::ticket::{TicketId, YearMonth};
use crate::domain::tickets::core::used::UsedData;
use crate::domain::tickets::office::desk_record::{DeskRecord, StoredShopMaster};
use crate::domain::tickets::office::issuance::safety::{
    check_key_trusted, reissue_risk as safety_reissue_risk, KeyNotTrusted, ReissueRisk,
};
use crate::domain::tickets::office::issuance::{
    plan_month, IssueSettings, MonthIssue, MonthOutput, Register,
};
use crate::domain::tickets::office::keyfile::{self, KdfParams, KeyKind, UnlockedKey};
use crate::domain::tickets::office::keylist::{sign_issuer_list, used_signer, KeyListDraft};
use crate::domain::tickets::office::roster::{import_roster, Roster};
use crate::domain::tickets::office::settlement::checks::{next_used_section, settlement_checks};
use crate::domain::tickets::office::settlement::{
    shop_differences, ClaimAuth, Settlement, SettlementReport, ShopDifference, ShopMaster,
    VerifyAhead,
};
use crate::platform::{clock, download, fetch, storage, tasks, worker};
use crate::ui::shell::PRODUCTION;
use crate::ui::tickets::policy;

/// Recipients signed per step (20 signatures each) before the page gets a turn.
const ISSUE_STEP: usize = 25;
/// Claim lines verified per domain step.
const SETTLE_STEP: usize = 100;
/// Lines totalled per step once verification is done.
const TOTAL_STEP: usize = 20_000;
/// How long one turn of verification may hold the page (ms) before it yields.
const TURN_MS: f64 = 40.0;
/// Claim lines per request to the verification worker (~0.15 s of its time).
const AHEAD_BLOCK: usize = 2_000;
/// Blocks asked of the worker at a time: two keep it busy while this thread works a turn.
const AHEAD_QUEUE: usize = 2;
/// The verification worker's script (`public/verify-worker.js`, copied beside the page).
const VERIFY_WORKER: &str = "verify-worker.js";
/// The start of the office page's module file names (`jokatsu-office-web-<hash>.js`).
const OFFICE_MODULE: &str = "jokatsu-office-web-";
/// How long to wait for the worker to load the WebAssembly before working alone.
const WORKER_START_MS: f64 = 10_000.0;

/// Today in Japan.
pub fn today() -> NaiveDate {
    jst_today(clock::now())
}

/// Open a passphrase-protected key file (kept in memory for this tab only). Errors are
/// worded in `lang`, as every action's here.
pub fn open_key(lang: Lang, text: &str, passphrase: &str) -> Result<UnlockedKey, String> {
    keyfile::open(text, passphrase).map_err(|e| e.wording(lang))
}

/// Make a new issuer key pair: the key file (to download and keep) and its public key.
pub fn new_issuer_key(
    lang: Lang,
    id: u8,
    label: &str,
    passphrase: &str,
) -> Result<(String, String), String> {
    let id = KeyId::new(id)
        .ok_or_else(|| say(lang, "鍵の番号は1〜255です", "key id must be 1..=255"))?;
    let random = tasks::random::<{ keyfile::KEYGEN_RANDOM_LEN }>()?;
    let (file, public) = keyfile::generate(
        KeyKind::Issuer(id),
        label,
        passphrase,
        KdfParams::DEFAULT,
        &random,
    )
    .map_err(|e| e.wording(lang))?;
    let public = base64url::encode(public.as_bytes());
    Ok((file, public))
}

/// Make a new root key pair (done once; the office keeps the file offline).
pub fn new_root_key(lang: Lang, passphrase: &str) -> Result<(String, String), String> {
    let random = tasks::random::<{ keyfile::KEYGEN_RANDOM_LEN }>()?;
    let (file, public) = keyfile::generate(
        KeyKind::Root,
        crate::domain::shared::wording::say(lang, "ルート鍵", "root key").as_str(),
        passphrase,
        KdfParams::DEFAULT,
        &random,
    )
    .map_err(|e| e.wording(lang))?;
    let public = base64url::encode(public.as_bytes());
    Ok((file, public))
}

/// Which key to make in key set-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKey {
    Root,
    Issuer(u8),
    Used(u8),
}

/// Make a new key: its key file (to download and keep) and its public part.
pub fn new_key(
    lang: Lang,
    which: NewKey,
    label: &str,
    passphrase: &str,
) -> Result<(String, keyfile::KeyFileInfo), String> {
    let id = |n: u8| {
        KeyId::new(n).ok_or_else(|| {
            crate::domain::shared::wording::say(
                lang,
                "鍵の番号は1〜255です",
                "a key's number is 1 to 255",
            )
        })
    };
    let kind = match which {
        NewKey::Root => KeyKind::Root,
        NewKey::Issuer(n) => KeyKind::Issuer(id(n)?),
        NewKey::Used(n) => KeyKind::Used(id(n)?),
    };
    let random = tasks::random::<{ keyfile::KEYGEN_RANDOM_LEN }>()?;
    let (file, _) = keyfile::generate(kind, label, passphrase, KdfParams::DEFAULT, &random)
        .map_err(|e| e.wording(lang))?;
    let info = keyfile::inspect(&file).map_err(|e| e.wording(lang))?;
    Ok((file, info))
}

/// base64url of a public key (what the build and the key list carry).
pub fn public_text(key: &ed25519_dalek::VerifyingKey) -> String {
    base64url::encode(key.as_bytes())
}

/// The office's stored record (unsigned key list, issuance register).
pub fn load_desk() -> DeskRecord {
    storage::load::<DeskRecord>().into_value()
}

/// Store the office's record; a failure is said (the files are still the safe copy).
pub fn save_desk(record: &DeskRecord) -> Result<(), String> {
    storage::save(record).map_err(|e| e.to_string())
}

/// Sign the unsigned key list with the opened root key: the feed's `keys` section as
/// JSON, and the key set the app will trust once it is published.
pub fn sign_draft(
    key: &UnlockedKey,
    draft: &KeyListDraft,
    header: &KeyListHeader,
    lang: Lang,
) -> Result<(String, KeySet), Vec<String>> {
    let root = key.require_root().map_err(|_| {
        vec![match lang {
            Lang::En => "The key list is signed with the root key: open the root key file (root.key), not an issuer or used-data key.".to_string(),
            _ => "鍵一覧にはルート鍵で署名します。発行鍵や使用済みデータ鍵ではなく、ルート鍵のファイル（root.key）を開いてください。".to_string(),
        }]
    })?;
    let dto = draft
        .sign(header, root, PRODUCTION)
        .map_err(|problems| problems.iter().map(|p| p.wording(lang)).collect::<Vec<_>>())?;
    let keys = KeySet::from_feed(&dto, &root.verifying_key()).map_err(|e| vec![e.to_string()])?;
    if PRODUCTION {
        // The list must verify under the root this build carries, or no phone accepts it.
        let app_root = root_key(PRODUCTION).map_err(|e| vec![e.to_string()])?;
        if app_root != root.verifying_key() {
            return Err(vec![match lang {
                Lang::En => "This root key is not the one built into the app: phones and shops would refuse the list. Open the root key whose public key was handed over for the build.".to_string(),
                _ => "このルート鍵は、アプリに組み込まれたルート鍵ではありません。この一覧はスマホやお店で受け付けられません。ビルド担当者に渡した公開鍵のルート鍵を開いてください。".to_string(),
            }]);
        }
    }
    let json = serde_json::to_string_pretty(&dto).map_err(|e| vec![e.to_string()])?;
    Ok((json, keys))
}

/// Whether an opened key is the demo issuer key (its tickets are the demo build's one-click
/// demo: issued as demo by default).
pub fn is_demo_key(key: &UnlockedKey) -> bool {
    key.public_key()
        == crate::domain::tickets::core::keys::demo::issuer_signing_key().verifying_key()
}

/// The key list issuing is checked against: the published feed opened in card 4, else the
/// list signed in key set-up in this tab, else (the demo build only) the demo list the
/// demo app trusts.
pub fn trusted_keys(feed: Option<&Feed>, signed: Option<&KeySet>) -> Option<KeySet> {
    feed.map(|f| f.sections.key_set().clone())
        .filter(|k| !k.is_empty())
        .or_else(|| signed.cloned())
        .or_else(|| (!PRODUCTION).then(crate::domain::tickets::core::keys::demo::key_set))
}

/// Whether tickets of `month` signed with `key` would be accepted by the app.
pub fn check_issuer(
    key: &UnlockedKey,
    trusted: Option<&KeySet>,
    settings: &IssueSettings,
    month: YearMonth,
) -> Result<(), KeyNotTrusted> {
    check_key_trusted(key, trusted, settings, month, PRODUCTION)
}

/// The facts that say `month` may already have been issued without `register`: the
/// register this browser kept, and the published feed's used data.
pub fn reissue_risk(
    register: &Register,
    month: YearMonth,
    key: &UnlockedKey,
    settings: &IssueSettings,
    feed: Option<&Feed>,
) -> Option<ReissueRisk> {
    let key_id = key.issuer_id().ok()?;
    let stored = stored_register().map(|(r, _)| r);
    let used = feed.and_then(|f| {
        let root = root_key(PRODUCTION).ok()?;
        match &f.sections.used {
            Some(Ok(dto)) => UsedData::from_feed(dto, &root, f.sections.key_set()).ok(),
            _ => None,
        }
    });
    safety_reissue_risk(
        register,
        month,
        key_id,
        settings.demo,
        stored.as_ref(),
        used.as_ref(),
    )
}

/// The issuance register kept in this browser, and whether it was saved to a file since.
pub fn stored_register() -> Option<(Register, bool)> {
    let desk = load_desk();
    let register = Register::from_json(desk.register.as_deref()?).ok()?;
    Some((register, desk.register_saved))
}

/// Keep `register` in this browser (`saved`: it was also saved to a file just now).
pub fn remember_register(register: &Register, saved: bool) -> Result<(), String> {
    let mut desk = load_desk();
    desk.register = Some(register.to_json());
    desk.register_saved = saved;
    save_desk(&desk)
}

/// The office's shop master kept in this browser, with how it was stored (file, day);
/// `None` when none was loaded (or the stored one no longer reads).
pub fn stored_shop_master() -> Option<(ShopMaster, StoredShopMaster)> {
    let stored = load_desk().shop_master?;
    let master = ShopMaster::from_shops(stored.shops.clone()).ok()?;
    Some((master, stored))
}

/// Read a shop CSV (`name`, `bytes`) as the office's shop master and keep it in this
/// browser, replacing the one before. A file with a bad line is refused whole.
pub fn keep_shop_master(lang: Lang, name: &str, bytes: &[u8]) -> Result<StoredShopMaster, String> {
    let master = ShopMaster::from_csv(bytes).map_err(|e| format!("{name}: {}", e.wording(lang)))?;
    let stored = StoredShopMaster {
        shops: master.shops().to_vec(),
        loaded_on: iso_date(today()),
        file: name.to_string(),
    };
    let mut desk = load_desk();
    desk.shop_master = Some(stored.clone());
    save_desk(&desk)?;
    Ok(stored)
}

/// How the opened feed's shop list differs from the shop master, under this build's policy.
pub fn shop_master_differences(master: &ShopMaster, feed: &Feed) -> Vec<ShopDifference> {
    shop_differences(
        master.directory(),
        &feed.sections.shops,
        policy().accept_demo,
    )
}

/// The public key this build trusts as the root (`None` in the demo build: the demo root).
pub fn app_root_public() -> Option<String> {
    PRODUCTION
        .then(|| root_key(true).ok().map(|k| public_text(&k)))
        .flatten()
}

/// Sign the office's issuer-key list with the opened root key: the feed's `keys` section.
pub fn sign_keys(
    lang: Lang,
    key: &UnlockedKey,
    list_json: &str,
    sequence: &str,
    signed_at: &str,
    expires: &str,
) -> Result<String, String> {
    let root = key.require_root().map_err(|e| e.wording(lang))?;
    let date = |t: &str| {
        crate::domain::shared::date::strict_date(t.trim()).ok_or_else(|| {
            say!(
                lang,
                "{t}: 日付は 2027-04-01 の形で",
                "{t}: dates as 2027-04-01"
            )
        })
    };
    let header = KeyListHeader {
        sequence: sequence
            .trim()
            .parse()
            .map_err(|_| say(lang, "番号は数字で", "the sequence is a number"))?,
        signed_at: date(signed_at)?,
        expires: date(expires)?,
    };
    let dto = sign_issuer_list(list_json, &header, root).map_err(|e| e.wording(lang))?;
    serde_json::to_string_pretty(&dto).map_err(|e| e.to_string())
}

/// Read a roster CSV (Shift_JIS or UTF-8, detected).
pub fn read_roster(lang: Lang, bytes: &[u8]) -> Result<Roster, String> {
    import_roster(bytes).map_err(|e| e.wording(lang))
}

/// The text of a JSON file the page saved (register, settlement state, feed): an Excel
/// workbook or a file that is not text is said so, in `lang`.
pub fn json_file(lang: Lang, bytes: &[u8]) -> Result<String, String> {
    crate::domain::shared::csv::json_text(bytes).map_err(|e| e.wording(lang))
}

/// Read the issuance register the office keeps (empty text: a new register).
pub fn read_register(lang: Lang, text: &str) -> Result<Register, String> {
    if text.trim().is_empty() {
        return Ok(Register::new());
    }
    Register::from_json(text).map_err(|e| e.wording(lang))
}

/// Plan and sign a month, a few recipients at a time, reporting progress.
pub async fn issue_month(
    lang: Lang,
    roster: &Roster,
    register: &Register,
    settings: &IssueSettings,
    key: &UnlockedKey,
    month: YearMonth,
    mut progress: impl FnMut(u8),
) -> Result<MonthOutput, String> {
    let key_id = key.issuer_id().map_err(|e| e.wording(lang))?;
    let plan = plan_month(&roster.entries, register, settings, key_id, month, today())
        .map_err(|e| e.wording(lang))?;
    let mut run = MonthIssue::new(plan, key).map_err(|e| e.wording(lang))?;
    loop {
        let p = run.step(ISSUE_STEP).map_err(|e| e.wording(lang))?;
        progress(p.percent());
        if p.is_done() {
            break;
        }
        tasks::yield_now().await;
    }
    run.finish().map_err(|e| e.wording(lang))
}

/// The feed the office publishes, validated as the app validates it (every section).
pub fn read_feed(lang: Lang, text: &str) -> Result<Feed, String> {
    let root = root_key(PRODUCTION).map_err(|e| e.wording(lang))?;
    feed::parse(text, Wanted::ALL, Some(&root)).map_err(|e| e.to_string())
}

/// Everything a feed check finds, one line each (empty: ready to upload): the same
/// lines `jokatsu-office feed-check` prints.
pub fn check_feed(lang: Lang, text: &str) -> Vec<String> {
    let report = check_for_upload(text, None, None);
    report.problems.iter().map(|p| p.line(lang)).collect()
}

/// The check before upload (`domain::publish::check`) with the app's root key, today in
/// Japan and this build's production setting. `previous`: the feed published now.
pub fn check_for_upload(text: &str, calendar: Option<&str>, previous: Option<&str>) -> Report {
    let root = match root_key(PRODUCTION) {
        Ok(r) => r,
        Err(e) => {
            return Report {
                problems: vec![Problem {
                    severity: Severity::Error,
                    section: "keys".into(),
                    place: "-".into(),
                    ja: e.wording(Lang::Ja),
                    en: e.wording(Lang::En),
                }],
            };
        }
    };
    check(&CheckInput {
        feed: text,
        calendar,
        previous,
        root: &root,
        today: today(),
        production: PRODUCTION,
    })
}

/// Fetch the served feed (same origin only) for editing.
pub async fn fetch_feed(lang: Lang, url: &str) -> Result<String, String> {
    let url = url.trim();
    fetch::get_text(url, feed::FEED_MAX_BYTES)
        .await
        .map(|f| f.text)
        .map_err(|e| match (lang, e) {
            // The office's own bundle usually has no feed beside it: say where to get one.
            (Lang::Ja, fetch::FetchError::Status(404)) => format!(
                "{url} に配信データがありません。この事務局用ページとは別の場所で公開している場合は、公開中のアプリで配信データ（feed.json）をパソコンに保存し、下の「または、編集するファイル」で選んでください。"
            ),
            (Lang::En, fetch::FetchError::Status(404)) => format!(
                "There is no feed at {url}. If the feed is published elsewhere than this office page, save the published app's feed (feed.json) to this computer and choose it under \"Or a file to edit\"."
            ),
            (Lang::Ja, e) => format!("{url} を読み込めませんでした（{}）", e.wording(lang)),
            (Lang::En, e) => format!("Could not load {url} ({})", e.wording(lang)),
        })
}

/// The moment now (for the feed's `generated_at`).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    clock::now()
}

/// Settle a month's claims against the published feed and the issuance register. Long
/// work in short turns so the page never freezes: one claim file parsed per turn, then
/// verification in steps of about [`TURN_MS`] milliseconds, progress reported between.
/// `register`: `None` when none is loaded (refused in production, before any file is
/// read). `master`: the office's shop master, the list shops are checked against (`None`:
/// refused in production the same way; a demo build then uses the feed's list). Claim files that could not be read (`unreadable`: name and the browser's
/// message) or are refused are in the report's `refused_files`.
#[allow(clippy::too_many_arguments)] // reason: one use case with its inputs; a struct of them would only rename them
pub async fn settle(
    lang: Lang,
    mut run: Settlement,
    claims: &[(String, String)],
    unreadable: &[(String, String)],
    feed: &Feed,
    master: Option<&ShopMaster>,
    register: Option<&Register>,
    roster: Option<&Roster>,
    mut progress: impl FnMut(SettleProgress),
) -> Result<SettlementReport, String> {
    let entries = roster.map(|r| r.entries.as_slice()).unwrap_or(&[]);
    let checks = settlement_checks(
        feed.sections.key_set(),
        &feed.sections.shops,
        master,
        register,
        entries,
        policy(),
    )
    .map_err(|e| e.wording(lang))?;
    for (name, error) in unreadable {
        run.unreadable_file(name, error.clone());
    }
    for (i, (name, text)) in claims.iter().enumerate() {
        // A refused file is kept in the run by name and reason (the report lists it).
        let _refused = run.import_file(name, text);
        progress(SettleProgress::Reading {
            done: i + 1,
            total: claims.len(),
        });
        tasks::yield_now().await;
    }
    // The second core: a worker verifies blocks from the end of the queue while this
    // thread works from the start; they meet in the middle. Without one (no key list,
    // or the worker could not start), this thread verifies everything.
    let keys = feed.sections.key_set().dto().cloned();
    let total = run.progress().total;
    let helper = match keys {
        Some(_) if total > AHEAD_BLOCK => {
            worker::Helper::start(VERIFY_WORKER, OFFICE_MODULE, WORKER_START_MS).await
        }
        _ => None,
    };
    // The lines below `frontier` are this thread's; the blocks above it are with the worker,
    // `AHEAD_QUEUE` of them asked at a time (the line indices of each, oldest first) so the
    // worker starts the next as soon as it answers one, not when this thread next looks.
    let mut frontier = total;
    let mut asked: std::collections::VecDeque<Vec<usize>> = std::collections::VecDeque::new();
    loop {
        if let (Some(helper), Some(keys)) = (&helper, &keys) {
            while !asked.is_empty() {
                match helper.answer() {
                    Some(Ok(answer)) => {
                        let lines = asked.pop_front().unwrap_or_default();
                        for (index, code) in lines.iter().zip(ahead_codes(&answer)) {
                            run.verified_ahead(*index, &code);
                        }
                    }
                    // The worker failed: its lines are verified here as they come.
                    Some(Err(_)) => {
                        frontier = 0;
                        asked.clear();
                    }
                    None => break,
                }
            }
            let cursor = run.progress().done;
            while asked.len() < AHEAD_QUEUE && frontier > cursor.saturating_add(2 * AHEAD_BLOCK) {
                let from = frontier - AHEAD_BLOCK;
                let request = VerifyAhead {
                    keys: keys.clone(),
                    lines: run.lines_to_verify(from, AHEAD_BLOCK),
                };
                let Ok(json) = serde_json::to_string(&request) else {
                    break;
                };
                if !helper.send(&json) {
                    break;
                }
                asked.push_back(request.lines.iter().map(|(i, _, _)| *i).collect());
                frontier = from;
            }
        }
        let started = js_sys::Date::now();
        let mut p = run.step(&checks, SETTLE_STEP);
        while !p.is_complete() && js_sys::Date::now() - started < TURN_MS {
            p = run.step(&checks, SETTLE_STEP);
        }
        progress(SettleProgress::Verifying {
            done: p.done,
            total: p.total,
        });
        if p.is_complete() {
            break;
        }
        tasks::yield_now().await;
    }
    drop(helper);
    // Totalling (duplicates, money) in bounded steps too.
    loop {
        progress(SettleProgress::Totalling);
        tasks::yield_now().await;
        if run.total_step(&checks, TOTAL_STEP) {
            break;
        }
    }
    run.into_report().map_err(|e| e.wording(lang))
}

/// The verdict codes of a worker's answer (`VerifyAhead::answer_json`); none if it
/// could not answer (the lines are then verified on the page).
fn ahead_codes(answer: &str) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Answer {
        #[serde(default)]
        codes: Vec<String>,
    }
    serde_json::from_str::<Answer>(answer)
        .map(|a| a.codes)
        .unwrap_or_default()
}

/// The worker's side (`verify_ahead` in `src/bin/jokatsu-office-web.rs`): answers a
/// [`VerifyAhead`] request with this build's root key and policy.
pub fn answer_ahead(request: &str) -> String {
    match root_key(PRODUCTION) {
        Ok(root) => VerifyAhead::answer_json(request, &root, policy()),
        Err(e) => serde_json::json!({ "error": e.to_string() }).to_string(),
    }
}

/// Where a settlement run is (shown on the page while it works).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettleProgress {
    Reading { done: usize, total: usize },
    Verifying { done: usize, total: usize },
    Totalling,
}

impl SettleProgress {
    /// Percent of the whole run: reading is the first 5 %, verifying up to 99 %.
    pub fn percent(self) -> u8 {
        let part = |done: usize, total: usize, from: usize, span: usize| {
            let x = done.saturating_mul(span).checked_div(total).unwrap_or(span);
            u8::try_from(from.saturating_add(x).min(99)).unwrap_or(99)
        };
        match self {
            Self::Reading { done, total } => part(done, total, 0, 5),
            Self::Verifying { done, total } => part(done, total, 5, 94),
            Self::Totalling => 99,
        }
    }

    /// What the page says, in Japanese and English.
    pub fn words(self) -> (String, String) {
        match self {
            Self::Reading { done, total } => (
                format!("請求ファイルを読み込み中 {done}/{total}"),
                format!("Reading claim files {done}/{total}"),
            ),
            Self::Verifying { done, total } => (
                format!("署名を確認中 {done}/{total} 行"),
                format!("Verifying signatures {done}/{total} lines"),
            ),
            Self::Totalling => ("集計中…".into(), "Totalling…".into()),
        }
    }
}

/// The root key, the feed's key list and its published used data (the base a new list
/// extends; a refused section stops the step, since a list made without it would drop
/// what it marks).
fn published_used(
    lang: Lang,
    feed: &Feed,
) -> Result<(ed25519_dalek::VerifyingKey, &KeySet, Option<UsedData>), String> {
    let root = root_key(PRODUCTION).map_err(|e| e.wording(lang))?;
    let keys = feed.sections.key_set();
    let previous = match &feed.sections.used {
        Some(Ok(dto)) => Some(UsedData::from_feed(dto, &root, keys).map_err(|e| e.wording(lang))?),
        Some(Err(e)) => return Err(e.wording(lang)),
        None => None,
    };
    Ok((root, keys, previous))
}

/// The next used-data section: what the feed published plus the newly settled tickets,
/// signed with the office's `used` key (or the root) and a higher sequence.
pub fn sign_used(
    lang: Lang,
    feed: &Feed,
    newly: &[TicketId],
    key: &UnlockedKey,
) -> Result<String, String> {
    let (root, keys, previous) = published_used(lang, feed)?;
    // Only a key the app accepts for used data: refused before any file is made, with the
    // key that is needed.
    let day = today();
    let signer = used_signer(key.kind, &key.public_key(), keys, &root, day, PRODUCTION)
        .map_err(|e| e.wording(lang))?;
    let dto = next_used_section(previous.as_ref(), newly, day, signer, &key.signing_key)
        .map_err(|e| e.wording(lang))?;
    // What the app will do with it: verify it before it is offered.
    UsedData::from_feed(&dto, &root, keys).map_err(|e| e.wording(lang))?;
    serde_json::to_string_pretty(&dto).map_err(|e| e.to_string())
}

/// Offer a CSV (UTF-8 with BOM, as Excel wants it) or JSON as a download.
pub fn download(name: &str, bytes: &[u8]) -> Result<(), String> {
    let mime = if name.ends_with(".csv") {
        "text/csv;charset=utf-8"
    } else if name.ends_with(".ics") {
        "text/calendar;charset=utf-8"
    } else {
        "application/json"
    };
    download::save_bytes(name, mime, bytes)
}

/// Interim used data (`docs/claim-format.md`, "Interim used data"): the published used
/// data plus every ticket of the claim files received so far that verifies on its
/// redemption day, signed with a higher sequence — nothing is settled or paid. Claim
/// files are read as settlement reads them (`auth`: in production only claims signed by
/// a key registered to the shop). Returns the
/// JSON and, in the interface's language, what it marks.
pub fn sign_interim_used(
    lang: Lang,
    feed: &Feed,
    claim_files: &[(String, String)],
    auth: &ClaimAuth,
    key: &UnlockedKey,
) -> Result<(String, String), String> {
    use crate::domain::tickets::office::interim::interim_marks;
    use crate::domain::tickets::office::settlement::verify_with;
    let (root, keys, previous) = published_used(lang, feed)?;
    let claims = claim_files
        .iter()
        .map(|(name, text)| {
            auth.read_claim(text)
                .map_err(|e| format!("{name}: {}", e.wording(lang)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let day = today();
    let signer = used_signer(key.kind, &key.public_key(), keys, &root, day, PRODUCTION)
        .map_err(|e| e.wording(lang))?;
    let marks = interim_marks(&claims, previous.as_ref(), verify_with(keys, policy()));
    let dto = next_used_section(previous.as_ref(), &marks.new, day, signer, &key.signing_key)
        .map_err(|e| e.wording(lang))?;
    UsedData::from_feed(&dto, &root, keys).map_err(|e| e.wording(lang))?;
    let json = serde_json::to_string_pretty(&dto).map_err(|e| e.to_string())?;
    let (sequence, new, published, not_marked) = (
        dto.sequence,
        marks.new.len(),
        marks.already_published,
        marks.not_marked.len(),
    );
    let said = say!(
        lang,
        "途中の使用済みデータ（番号 {sequence}）を保存しました。新しく {new} 枚、公開済み {published} 枚、対象外 {not_marked} 枚。精算・支払いはしていません。配信データ編集の「keys.json または used.json」で配信データに入れ、確認して公開してください。",
        "The interim used data (sequence {sequence}) is saved: {new} tickets newly marked, {published} already published, {not_marked} not marked. Nothing was settled or paid. Put it in the feed with the feed editor (“keys.json or used.json”), check and publish.",
    );
    Ok((json, said))
}
