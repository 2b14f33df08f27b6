//! A finished run's report: payouts, charges, rejections, duplicates, and the files it
//! writes (CSV for Excel, the summary).

use super::*;

/// A count and a checked sum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub count: u64,
    pub amount: Yen,
}

impl Tally {
    pub(super) fn add(&mut self, amount: Yen) -> Result<(), Overflow> {
        self.amount = self.amount.checked_add(amount)?;
        self.count += 1;
        Ok(())
    }
}

/// A paid redemption.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettledLine {
    pub ticket: TicketId,
    /// Index into [`SettlementReport::claims`].
    pub claim: u32,
    pub transaction: u32,
    pub redeemed_at: DateTime<Utc>,
    pub face_value: Yen,
    pub employer: EmployerId,
    pub employer_share: Yen,
    pub city_share: Yen,
}

/// The result of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettlementReport {
    pub run: YearMonth,
    /// The claims imported in this run (import order).
    pub claims: Vec<ClaimHeader>,
    /// Every paid redemption.
    pub settled: Vec<SettledLine>,
    pub payouts: BTreeMap<ShopId, Tally>,
    pub employers: BTreeMap<EmployerId, Tally>,
    pub city: Tally,
    pub total_payout: Yen,
    /// The employers' charges together.
    pub total_employers: Yen,
    /// Employers' and the city's charges together; equals `total_payout`.
    pub total_charges: Yen,
    pub rejections: Vec<Rejection>,
    pub duplicates: Vec<Duplicate>,
    /// Claim files imported again (ignored).
    pub repeated_files: Vec<ClaimId>,
    /// Lines that repeated a redemption already seen or paid (ignored).
    pub repeated_lines: usize,
    /// Claim files refused as a whole, in import order: nothing of them was paid.
    pub refused_files: Vec<RefusedFile>,
    /// Whether every line was checked against the issuance register (`false`: a demo run
    /// without one).
    pub register_checked: bool,
    /// Which shop list the shop check used, and how the opened feed's differs from it.
    pub shop_list: ShopList,
    /// The run's JST day, when given ([`Settlement::with_today`]).
    pub today: Option<NaiveDate>,
    /// The shops' names from the feed's list ([`Settlement::with_shop_names`]; empty
    /// without one): every place that names a shop writes its name beside its id.
    pub shop_names: BTreeMap<ShopId, I18n>,
    /// Tickets settled in this run, sorted: mark them in the used data.
    pub newly_settled: Vec<TicketId>,
    /// The state for the next run.
    pub state: SettlementState,
    /// Claim signatures, till numbering and the review list (`duplicates.rs`).
    pub claims_check: ClaimsCheck,
}

pub(super) fn jst_text(at: DateTime<Utc>) -> String {
    use chrono::Timelike;
    let t = to_jst(at);
    format!(
        "{} {:02}:{:02}:{:02}",
        iso_date(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// Column headers of the reports (English in `docs/settlement.md`).
pub const PAYOUT_CSV_HEADERS: [&str; 5] = ["精算月", "店舗ID", "店舗名", "枚数", "支払額（円）"];
pub const CHARGE_CSV_HEADERS: [&str; 4] = ["精算月", "請求先", "枚数", "請求額（円）"];
pub const PROBLEM_CSV_HEADERS: [&str; 15] = [
    "精算月",
    "種別",
    "種別の説明",
    "券番号",
    "受給者",
    "店舗ID",
    "店舗名",
    "受付日時（日本時間）",
    "請求番号",
    "取引番号",
    "額面（円）",
    "理由",
    "支払済みの店舗ID",
    "支払済みの店舗名",
    "支払済みの受付日時（日本時間）",
];
pub const SETTLED_CSV_HEADERS: [&str; 10] = [
    "精算月",
    "店舗ID",
    "請求番号",
    "取引番号",
    "受付日時（日本時間）",
    "券番号",
    "企業",
    "額面（円）",
    "企業負担（円）",
    "市負担（円）",
];

/// The problems CSV's 受給者 cell for an unknown recipient when no register was loaded.
pub const UNKNOWN_WITHOUT_REGISTER: &str = "不明（発行台帳を読み込んで精算し直すとわかります）";

/// What a problem code means, in plain words (the problems CSV's 種別の説明 column, the
/// page): Japanese and English. Every code of `docs/settlement.md`'s table has one.
pub fn problem_label(code: &str) -> (&'static str, &'static str) {
    match code {
        RefusedFile::CODE => ("受け付けなかった請求ファイル", "claim file refused"),
        "redeemed_in_future" => ("精算日より後の日付の受付", "dated after the settlement day"),
        "redeemed_after_run_month" => (
            "精算する月より後の月の受付",
            "dated in a later month than the one settled",
        ),
        "malformed" => ("券の形式の誤り", "not a well-formed ticket"),
        "unknown_key" => ("市の鍵一覧にない鍵の券", "signed with an unknown key"),
        "forged" => ("偽造・改ざんの券", "forged or altered ticket"),
        "demo" => ("見本（デモ）の券", "demo ticket"),
        "key_not_valid_for_ticket" => ("発行鍵の有効期間外の券", "outside its issuer key's window"),
        "outside_key_bounds" => ("発行鍵の上限を超える券", "outside its issuer key's bounds"),
        "redeemed_before_valid" => ("利用開始日前の受付", "redeemed before the first day"),
        "redeemed_after_expiry" => ("有効期限後の受付", "redeemed after expiry"),
        "not_issued" => ("市が発行していない券", "not issued by the city"),
        "not_as_issued" => ("発行したときと内容が違う券", "differs from what was issued"),
        "replaced" => ("差し替えられた券", "replaced ticket"),
        "shop_not_certified" => ("認定店舗でないお店", "shop not certified"),
        "shop_not_certified_on_day" => (
            "受付日に認定されていないお店",
            "shop not certified on that day",
        ),
        "duplicate_same_shop" => (
            "二重利用（同じお店が2回請求）",
            "double use (the same shop claimed twice)",
        ),
        "duplicate_other_shop" => (
            "二重利用（別のお店に支払い）",
            "double use (the other shop is paid)",
        ),
        "duplicate_settled_earlier" => (
            "二重利用（前の精算で支払い済み）",
            "double use (paid in an earlier settlement)",
        ),
        "key_revoked" => ("取り消された発行鍵の券", "ticket of a revoked issuer key"),
        "claim_unsigned" => ("署名のない請求", "unsigned claim"),
        "claim_wrong_key" => (
            "登録されていない鍵で署名した請求",
            "claim signed by an unregistered key",
        ),
        "claim_bad_signature" => (
            "署名が一致しない請求",
            "claim whose signature does not match",
        ),
        "till_number_reused" => ("取引番号の重複", "transaction number used twice"),
        "till_time_backwards" => ("取引番号と時刻の食い違い", "transaction times out of order"),
        "till_gap" => ("取引番号の抜け", "gap in transaction numbers"),
        "review_open" => (
            "審査待ち（複数のお店が請求）",
            "awaiting review (claimed by several shops)",
        ),
        "review_paid" => (
            "審査済み（決定したお店に支払い）",
            "reviewed (paid to the shop decided)",
        ),
        "review_not_paid" => ("審査済み（支払いなし）", "reviewed (not paid)"),
        _ => ("検証で受け付けられない券", "refused by verification"),
    }
}

/// `YYYY-MM-DD HH:MM` (JST): a redemption's time in a sentence.
fn jst_minute(at: DateTime<Utc>) -> String {
    let mut t = jst_text(at);
    t.truncate(16);
    t
}

impl SettlementReport {
    /// The command line's exit code for this report (`docs/settlement.md` § "Exit codes"):
    /// 3 when a claim file was refused (the run is incomplete); else 1 when something is
    /// left to follow up — a refused line, a duplicate, a review, a till numbering problem
    /// other than `till_gap` (a gap is normal after an undone redemption and is only
    /// recorded), a claim marked in a demo run; else 0.
    pub fn exit_code(&self) -> u8 {
        let c = &self.claims_check;
        if !self.refused_files.is_empty() {
            3
        } else if self.rejections.is_empty()
            && self.duplicates.is_empty()
            && c.reviews.is_empty()
            && c.till_problems.iter().all(|p| p.code == "till_gap")
            && c.marked.is_empty()
        {
            0
        } else {
            1
        }
    }

    /// Payouts per shop (UTF-8 BOM CSV), with a total row.
    pub fn payouts_csv(&self) -> String {
        let run = self.run.to_string();
        let mut rows = vec![PAYOUT_CSV_HEADERS.map(text).to_vec()];
        for (shop, t) in &self.payouts {
            rows.push(vec![
                text(run.clone()),
                text(shop.to_string()),
                text(self.shop_name(shop, Lang::Ja).unwrap_or_default()),
                Cell::Number(t.count),
                Cell::Number(t.amount.0),
            ]);
        }
        let count = self.paid_count();
        rows.push(vec![
            text(run),
            text("合計"),
            text(""),
            Cell::Number(count),
            Cell::Number(self.total_payout.0),
        ]);
        csv_document(&rows)
    }

    /// Charges per employer and for the city (UTF-8 BOM CSV), with a total row.
    pub fn charges_csv(&self) -> String {
        let run = self.run.to_string();
        let mut rows = vec![CHARGE_CSV_HEADERS.map(text).to_vec()];
        for (e, t) in &self.employers {
            rows.push(vec![
                text(run.clone()),
                text(format!("企業 {}", e.0)),
                Cell::Number(t.count),
                Cell::Number(t.amount.0),
            ]);
        }
        rows.push(vec![
            text(run.clone()),
            text("旭川市"),
            Cell::Number(self.city.count),
            Cell::Number(self.city.amount.0),
        ]);
        rows.push(vec![
            text(run),
            text("合計"),
            Cell::Number(self.paid_count()),
            Cell::Number(self.total_charges.0),
        ]);
        csv_document(&rows)
    }

    /// A CSV's recipient cell. Unknown: the register does not hold the ticket, or (a demo
    /// run) none was loaded — then the cell says how to know.
    pub(super) fn recipient_cell(&self, recipient: &Option<String>) -> String {
        match recipient {
            Some(name) => name.clone(),
            None if self.register_checked => "不明".into(),
            None => UNKNOWN_WITHOUT_REGISTER.into(),
        }
    }

    /// Every rejected line and every duplicate, with the recipient (UTF-8 BOM CSV).
    pub fn problems_csv(&self) -> String {
        let run = self.run.to_string();
        let recipient = |r: &Option<String>| text(self.recipient_cell(r));
        let mut rows = vec![PROBLEM_CSV_HEADERS.map(text).to_vec()];
        let name = |shop: &ShopId| text(self.shop_name(shop, Lang::Ja).unwrap_or_default());
        for f in &self.refused_files {
            rows.push(vec![
                text(run.clone()),
                text(RefusedFile::CODE),
                text(problem_label(RefusedFile::CODE).0),
                text(""),
                text(""),
                text(f.shop.as_ref().map(ToString::to_string).unwrap_or_default()),
                f.shop.as_ref().map_or_else(|| text(""), name),
                text(""),
                text(
                    f.claim
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ),
                text(""),
                text(""),
                text(refused_file_reason(f)),
                text(""),
                text(""),
                text(""),
            ]);
        }
        for r in &self.rejections {
            rows.push(vec![
                text(run.clone()),
                text(r.reason.code()),
                text(problem_label(r.reason.code()).0),
                text(r.line.ticket.to_string()),
                recipient(&r.recipient),
                text(r.line.shop.to_string()),
                name(&r.line.shop),
                text(jst_text(r.line.redeemed_at)),
                text(r.line.claim.to_string()),
                Cell::Number(u64::from(r.line.transaction)),
                Cell::Number(r.face_value.0),
                text(r.reason.to_string()),
                text(""),
                text(""),
                text(""),
            ]);
        }
        for d in &self.duplicates {
            rows.push(vec![
                text(run.clone()),
                text(d.kind.code()),
                text(problem_label(d.kind.code()).0),
                text(d.refused.ticket.to_string()),
                recipient(&d.recipient),
                text(d.refused.shop.to_string()),
                name(&d.refused.shop),
                text(jst_text(d.refused.redeemed_at)),
                text(d.refused.claim.to_string()),
                Cell::Number(u64::from(d.refused.transaction)),
                Cell::Number(d.face_value.0),
                text(duplicate_reason(d)),
                text(d.paid.shop.to_string()),
                name(&d.paid.shop),
                text(jst_text(d.paid.redeemed_at)),
            ]);
        }
        self.claims_problem_rows(&mut rows);
        csv_document(&rows)
    }

    /// The shop's name in `lang` from the feed's list, if it has the shop.
    pub fn shop_name(&self, shop: &ShopId, lang: Lang) -> Option<&str> {
        self.shop_names.get(shop).map(|n| n.get(lang))
    }

    /// A shop as a clerk reads it: `旭川駅前ベーカリー（s001）`, or its id alone when the
    /// feed's list does not have it.
    pub fn shop_label(&self, shop: &ShopId, lang: Lang) -> String {
        match (self.shop_name(shop, lang), lang) {
            (Some(name), Lang::Ja) => format!("{name}（{shop}）"),
            (Some(name), _) => format!("{name} ({shop})"),
            (None, _) => shop.to_string(),
        }
    }

    /// The months the claims were made for, other than the month settled (sorted): the
    /// page says so when the month chosen is not the claims' month.
    pub fn other_periods(&self) -> Vec<YearMonth> {
        let mut months: Vec<YearMonth> = self
            .claims
            .iter()
            .map(|c| c.period)
            .filter(|p| *p != self.run)
            .collect();
        months.sort_unstable();
        months.dedup();
        months
    }

    /// A double use as one sentence: the ticket and its recipient, both shops by name and
    /// time, and what settlement does (which shop is paid, which is not).
    pub fn duplicate_sentence(&self, d: &Duplicate, lang: Lang) -> String {
        let ticket = &d.refused.ticket;
        let who = match (&d.recipient, self.register_checked) {
            (Some(r), _) => r.clone(),
            (None, true) => say(lang, "受給者不明", "recipient unknown"),
            (None, false) => say(
                lang,
                "受給者不明：発行台帳を読み込むとわかります",
                "recipient unknown: load the issuance register to see who",
            ),
        };
        let paid = self.shop_label(&d.paid.shop, lang);
        let refused = self.shop_label(&d.refused.shop, lang);
        let (paid_at, refused_at) = (
            jst_minute(d.paid.redeemed_at),
            jst_minute(d.refused.redeemed_at),
        );
        match d.kind {
            DuplicateKind::SameShop => say!(
                lang,
                "券 {ticket}（{who}）を {refused} が2回請求しています（{paid_at} と {refused_at}）。1回分（{paid_at}）だけ支払い、もう1回分は支払いません。",
                "Ticket {ticket} ({who}) was claimed twice by {refused} ({paid_at} and {refused_at}). It is paid once ({paid_at}); the other claim is not paid.",
            ),
            DuplicateKind::OtherShop => say!(
                lang,
                "券 {ticket}（{who}）は {paid}（{paid_at}）と {refused}（{refused_at}）の両方が請求しました。{paid} に支払い（登録鍵の署名と取引番号の証拠、または事務局の決定による）、{refused} には支払いません。{refused} に事情を確認してください。受付の時刻はお店の端末が書いたもので、どちらに払うかは決めません。",
                "Ticket {ticket} ({who}) was claimed by both {paid} ({paid_at}) and {refused} ({refused_at}). {paid} is paid (by the evidence of a registered signature and the till's numbering, or by the office's decision); {refused} is not: ask {refused} what happened. The times are written by the shops' tills and do not decide who is paid.",
            ),
            DuplicateKind::SettledEarlier { run } => say!(
                lang,
                "券 {ticket}（{who}）は {run} の精算で {paid}（{paid_at} の受付）に支払い済みです。{refused} が {refused_at} に受け付けた分は支払いません。{refused} に事情を確認してください。",
                "Ticket {ticket} ({who}) was already paid to {paid} (redeemed {paid_at}) in the {run} settlement. {refused}'s redemption at {refused_at} is not paid: ask {refused} what happened.",
            ),
        }
    }

    /// A contested ticket on screen (the review list): who claimed it and when, whether
    /// each claim has the evidence, what happens now, and that it says nothing against
    /// the recipient.
    pub fn review_sentence(&self, r: &Review, lang: Lang) -> String {
        let ticket = &r.ticket;
        let who = match (&r.recipient, self.register_checked) {
            (Some(x), _) => x.clone(),
            (None, true) => say(lang, "受給者不明", "recipient unknown"),
            (None, false) => say(
                lang,
                "受給者不明：発行台帳を読み込むとわかります",
                "recipient unknown: load the issuance register to see who",
            ),
        };
        let lines = r
            .lines
            .iter()
            .map(|l| {
                let shop = self.shop_label(&l.shop, lang);
                let at = jst_minute(l.redeemed_at);
                let (device, n) = (&l.device, l.transaction);
                match (lang, l.evidence) {
                    (Lang::Ja, true) => format!("{shop}（{at}、{device} 取引番号 {n}、証拠あり）"),
                    (Lang::Ja, false) => format!("{shop}（{at}、{device} 取引番号 {n}、証拠なし）"),
                    (Lang::En, true) => {
                        format!("{shop} ({at}, {device} transaction {n}, with evidence)")
                    }
                    (Lang::En, false) => {
                        format!("{shop} ({at}, {device} transaction {n}, no evidence)")
                    }
                }
            })
            .collect::<Vec<_>>();
        let now = match &r.status {
            ReviewStatus::Open => say(
                lang,
                "証拠でどちらとも決められないため、まだどこにも支払っていません。両方のお店に確認して、支払う先を決めてください。",
                "The evidence cannot decide, so nobody is paid yet. Check with both shops, then decide who is paid.",
            ),
            ReviewStatus::Paid(shop) => {
                let shop = self.shop_label(shop, lang);
                say!(lang, "事務局の決定で {shop} に支払います。", "Paid to {shop} by the office's decision.")
            }
            ReviewStatus::NotPaid => say(
                lang,
                "事務局の決定で、どこにも支払いません。",
                "By the office's decision, nobody is paid.",
            ),
        };
        match lang {
            Lang::Ja => format!(
                "券 {ticket}（{who}）を{}が請求しました。{now}重複は受給者の不正の証拠ではありません。",
                lines.join("と")
            ),
            Lang::En => format!(
                "Ticket {ticket} ({who}) was claimed by {}. {now} A duplicate is not evidence against the recipient.",
                lines.join(" and ")
            ),
        }
    }

    /// Every paid redemption (UTF-8 BOM CSV), with a total row.
    pub fn settled_csv(&self) -> String {
        let run = self.run.to_string();
        let mut rows = vec![SETTLED_CSV_HEADERS.map(text).to_vec()];
        for s in &self.settled {
            let (shop, claim) = self
                .claims
                .get(s.claim as usize)
                .map(|h| (h.shop.to_string(), h.id.to_string()))
                .unwrap_or_default();
            rows.push(vec![
                text(run.clone()),
                text(shop),
                text(claim),
                Cell::Number(u64::from(s.transaction)),
                text(jst_text(s.redeemed_at)),
                text(s.ticket.to_string()),
                Cell::Number(u64::from(s.employer.0)),
                Cell::Number(s.face_value.0),
                Cell::Number(s.employer_share.0),
                Cell::Number(s.city_share.0),
            ]);
        }
        for d in &self.claims_check.decided_paid {
            rows.push(vec![
                text(run.clone()),
                text(d.line.shop.to_string()),
                text(d.line.claim.to_string()),
                Cell::Number(u64::from(d.line.transaction)),
                text(jst_text(d.line.redeemed_at)),
                text(d.ticket.to_string()),
                Cell::Number(u64::from(d.employer.0)),
                Cell::Number(d.face_value.0),
                Cell::Number(d.employer_share.0),
                Cell::Number(d.city_share.0),
            ]);
        }
        rows.push(vec![
            text(run),
            text("合計"),
            text(""),
            text(""),
            text(""),
            text(format!("{}枚", self.paid_count())),
            text(""),
            Cell::Number(self.total_payout.0),
            Cell::Number(self.total_employers.0),
            Cell::Number(self.city.amount.0),
        ]);
        csv_document(&rows)
    }

    /// A printable plain-text summary, Japanese then English (`summary.txt`).
    pub fn summary(&self) -> String {
        self.summary_lines()
            .into_iter()
            .map(|l| l.file + "\n")
            .collect()
    }

    /// The same summary in one language, for the page (the file keeps both).
    pub fn summary_in(&self, lang: Lang) -> String {
        self.summary_lines()
            .into_iter()
            .map(|l| {
                let mut text = if lang == Lang::Ja { l.ja } else { l.en };
                text.push('\n');
                text
            })
            .collect()
    }

    fn summary_lines(&self) -> Vec<SummaryLine> {
        let mut out = Vec::new();
        let both = |out: &mut Vec<SummaryLine>, ja: String, en: String| {
            out.push(SummaryLine {
                file: format!("{ja} / {en}"),
                ja,
                en,
            });
        };
        let run = self.run;
        both(&mut out, format!("精算 {run}"), format!("Settlement {run}"));
        if let Some(day) = self.today {
            let day = iso_date(day);
            both(
                &mut out,
                format!("精算日 {day}"),
                format!("settlement day {day}"),
            );
        }
        if self.register_checked {
            both(
                &mut out,
                "発行台帳との照合: あり".into(),
                "issuance register check: made".into(),
            );
        } else {
            both(
                &mut out,
                "発行台帳との照合: なし（発行台帳なしの見本の精算）".into(),
                "issuance register check: NOT made (demo run without a register)".into(),
            );
        }
        match &self.shop_list {
            ShopList::Feed => both(
                &mut out,
                "店舗の照合: 配信データの店舗一覧（店舗マスターなしの見本の精算）".into(),
                "shop check: the feed's shop list (demo run without a shop master)".into(),
            ),
            ShopList::Master { shops, differences } => {
                both(
                    &mut out,
                    format!("店舗の照合: 事務局の店舗マスター {shops}店舗"),
                    format!("shop check: the office's shop master, {shops} shops"),
                );
                let n = differences.len();
                both(
                    &mut out,
                    format!("店舗マスターと配信データの店舗一覧の違い {n}件（店舗マスターを使用）"),
                    format!("differences between the shop master and the feed's shop list: {n} (the master is used)"),
                );
                for d in differences {
                    let (ja, en) = d.parts();
                    both(&mut out, format!("  {ja}"), format!("  {en}"));
                }
            }
        }
        let (n, m) = (self.claims.len(), self.repeated_files.len());
        both(
            &mut out,
            format!("請求ファイル {n}件（重複して取り込んだファイル {m}件は無視）"),
            format!("claim files: {n} ({m} imported again, ignored)"),
        );
        for id in &self.repeated_files {
            both(
                &mut out,
                format!("  {id}: 取り込み済みの同じ請求（無視）"),
                "the same claim again (ignored)".into(),
            );
            if let Some(l) = out.last_mut() {
                l.en = format!("  {id}: the same claim again (ignored)");
            }
        }
        let r = self.refused_files.len();
        both(
            &mut out,
            format!("受け付けなかった請求ファイル {r}件（支払いなし）"),
            format!("claim files refused: {r} (nothing paid)"),
        );
        for f in &self.refused_files {
            out.push(SummaryLine {
                file: format!("  {}", refused_file_reason(f)),
                ja: format!("  {}: {}", f.name, f.why.wording(Lang::Ja)),
                en: format!("  {}: {}", f.name, f.why.wording(Lang::En)),
            });
        }
        let (count, paid) = (self.paid_count(), self.total_payout);
        out.push(SummaryLine {
            file: format!("支払 {count}枚 {paid} / paid: {count} tickets, {paid}"),
            ja: format!("支払 {count}枚 {paid}"),
            en: format!("paid: {count} tickets, {}", paid.in_lang(Lang::En)),
        });
        for (shop, t) in &self.payouts {
            let named = |lang: Lang| match self.shop_name(shop, lang) {
                Some(name) => format!("{shop} {name}"),
                None => shop.to_string(),
            };
            out.push(SummaryLine {
                file: format!("  {}: {}枚 {}", named(Lang::Ja), t.count, t.amount),
                ja: format!("  {}: {}枚 {}", named(Lang::Ja), t.count, t.amount),
                en: format!(
                    "  {}: {} tickets, {}",
                    named(Lang::En),
                    t.count,
                    t.amount.in_lang(Lang::En)
                ),
            });
        }
        let charges = self.total_charges;
        out.push(SummaryLine {
            file: format!("請求 {charges} / charges: {charges}"),
            ja: format!("請求 {charges}"),
            en: format!("charges: {}", charges.in_lang(Lang::En)),
        });
        for (e, t) in &self.employers {
            let id = e.0;
            out.push(SummaryLine {
                file: format!("  企業 {id} / employer {id}: {}枚 {}", t.count, t.amount),
                ja: format!("  企業 {id}: {}枚 {}", t.count, t.amount),
                en: format!(
                    "  employer {id}: {} tickets, {}",
                    t.count,
                    t.amount.in_lang(Lang::En)
                ),
            });
        }
        let city = self.city;
        out.push(SummaryLine {
            file: format!(
                "  旭川市 / City of Asahikawa: {}枚 {}",
                city.count, city.amount
            ),
            ja: format!("  旭川市: {}枚 {}", city.count, city.amount),
            en: format!(
                "  City of Asahikawa: {} tickets, {}",
                city.count,
                city.amount.in_lang(Lang::En)
            ),
        });
        both(
            &mut out,
            format!("照合: 支払合計 {paid} = 請求合計 {charges}"),
            format!("reconciled: payouts {paid} = charges {charges}"),
        );
        if let Some(l) = out.last_mut() {
            l.en = format!(
                "reconciled: payouts {} = charges {}",
                paid.in_lang(Lang::En),
                charges.in_lang(Lang::En)
            );
        }
        let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
        for r in &self.rejections {
            *reasons.entry(r.reason.code()).or_default() += 1;
        }
        let k = self.rejections.len();
        both(&mut out, format!("不支給 {k}件"), format!("rejected: {k}"));
        for (code, n) in reasons {
            let (ja, en) = problem_label(code);
            out.push(SummaryLine {
                file: format!("  {code}: {n}"),
                ja: format!("  {ja}: {n}件"),
                en: format!("  {en}: {n}"),
            });
        }
        let dup = |k: &str| {
            self.duplicates
                .iter()
                .filter(|d| d.kind.code() == k)
                .count()
        };
        let (d, a, b, c) = (
            self.duplicates.len(),
            dup("duplicate_same_shop"),
            dup("duplicate_other_shop"),
            dup("duplicate_settled_earlier"),
        );
        both(
            &mut out,
            format!("重複 {d}件（同じ店舗 {a}、別の店舗 {b}、精算済み {c}）"),
            format!("duplicates: {d} (same shop {a}, other shop {b}, settled earlier {c})"),
        );
        let q = self.repeated_lines;
        both(
            &mut out,
            format!("重複行（同じ受付の再送、無視） {q}件"),
            format!("repeated lines (same redemption sent again, ignored): {q}"),
        );
        let c = &self.claims_check;
        let open = c
            .reviews
            .iter()
            .filter(|r| r.status == ReviewStatus::Open)
            .count();
        if open > 0 {
            both(
                &mut out,
                format!("審査待ち（複数の店舗が請求、支払保留） {open}件"),
                format!("under review (claimed by more than one shop, not paid): {open}"),
            );
        }
        if !c.till_problems.is_empty() {
            let n = c.till_problems.len();
            both(
                &mut out,
                format!("端末の取引番号の問題 {n}件"),
                format!("till numbering problems: {n}"),
            );
        }
        if !c.marked.is_empty() {
            let n = c.marked.len();
            both(
                &mut out,
                format!("登録鍵の署名がない請求（見本の精算） {n}件"),
                format!("claims without a registered signature (demo run): {n}"),
            );
        }
        out
    }
}

/// One line of the summary: as the file writes it (both languages), and in each.
struct SummaryLine {
    file: String,
    ja: String,
    en: String,
}

pub(super) fn duplicate_reason(d: &Duplicate) -> String {
    match d.kind {
        DuplicateKind::SameShop => "同じ店舗で二重請求 / claimed twice by the same shop".into(),
        DuplicateKind::OtherShop => format!(
            "別の店舗に支払い（その店舗の請求だけに証拠がある、または事務局の決定） / paid to the other shop (only its claim has the evidence, or the office decided). {NOT_AGAINST_RECIPIENT}"
        ),
        DuplicateKind::SettledEarlier { run } => {
            format!("{run} に精算済み / already settled in {run}")
        }
    }
}

/// `<file>: <Japanese> / <file>: <English>`, the reason of a refused file in the problems
/// CSV and the summary.
pub(super) fn refused_file_reason(f: &RefusedFile) -> String {
    format!(
        "{}: {} / {}: {}",
        f.name,
        f.why.wording(Lang::Ja),
        f.name,
        f.why.wording(Lang::En)
    )
}
