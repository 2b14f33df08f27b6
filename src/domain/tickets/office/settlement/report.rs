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
pub const PAYOUT_CSV_HEADERS: [&str; 4] = ["精算月", "店舗ID", "枚数", "支払額（円）"];
pub const CHARGE_CSV_HEADERS: [&str; 4] = ["精算月", "請求先", "枚数", "請求額（円）"];
pub const PROBLEM_CSV_HEADERS: [&str; 12] = [
    "精算月",
    "種別",
    "券番号",
    "受給者",
    "店舗ID",
    "受付日時（日本時間）",
    "請求番号",
    "取引番号",
    "額面（円）",
    "理由",
    "支払済みの店舗ID",
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
                Cell::Number(t.count),
                Cell::Number(t.amount.0),
            ]);
        }
        let count = self.paid_count();
        rows.push(vec![
            text(run),
            text("合計"),
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

    /// Every rejected line and every duplicate, with the recipient (UTF-8 BOM CSV).
    pub fn problems_csv(&self) -> String {
        let run = self.run.to_string();
        let recipient = |r: &Option<String>| text(r.clone().unwrap_or_else(|| "不明".into()));
        let mut rows = vec![PROBLEM_CSV_HEADERS.map(text).to_vec()];
        for f in &self.refused_files {
            rows.push(vec![
                text(run.clone()),
                text(RefusedFile::CODE),
                text(""),
                text(""),
                text(f.shop.as_ref().map(ToString::to_string).unwrap_or_default()),
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
            ]);
        }
        for r in &self.rejections {
            rows.push(vec![
                text(run.clone()),
                text(r.reason.code()),
                text(r.line.ticket.to_string()),
                recipient(&r.recipient),
                text(r.line.shop.to_string()),
                text(jst_text(r.line.redeemed_at)),
                text(r.line.claim.to_string()),
                Cell::Number(u64::from(r.line.transaction)),
                Cell::Number(r.face_value.0),
                text(r.reason.to_string()),
                text(""),
                text(""),
            ]);
        }
        for d in &self.duplicates {
            rows.push(vec![
                text(run.clone()),
                text(d.kind.code()),
                text(d.refused.ticket.to_string()),
                recipient(&d.recipient),
                text(d.refused.shop.to_string()),
                text(jst_text(d.refused.redeemed_at)),
                text(d.refused.claim.to_string()),
                Cell::Number(u64::from(d.refused.transaction)),
                Cell::Number(d.face_value.0),
                text(duplicate_reason(d)),
                text(d.paid.shop.to_string()),
                text(jst_text(d.paid.redeemed_at)),
            ]);
        }
        self.claims_problem_rows(&mut rows);
        csv_document(&rows)
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

    /// A printable plain-text summary, Japanese then English.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        let line = |out: &mut String, s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        line(
            &mut out,
            format!("精算 {} / Settlement {}", self.run, self.run),
        );
        if let Some(day) = self.today {
            let day = iso_date(day);
            line(&mut out, format!("精算日 {day} / settlement day {day}"));
        }
        line(
            &mut out,
            if self.register_checked {
                "発行台帳との照合: あり / issuance register check: made".to_string()
            } else {
                "発行台帳との照合: なし（発行台帳なしの見本の精算） / issuance register check: NOT made (demo run without a register)".to_string()
            },
        );
        match &self.shop_list {
            ShopList::Feed => line(
                &mut out,
                "店舗の照合: 配信データの店舗一覧（店舗マスターなしの見本の精算） / shop check: the feed's shop list (demo run without a shop master)".to_string(),
            ),
            ShopList::Master { shops, differences } => {
                line(
                    &mut out,
                    format!("店舗の照合: 事務局の店舗マスター {shops}店舗 / shop check: the office's shop master, {shops} shops"),
                );
                let n = differences.len();
                line(
                    &mut out,
                    format!("店舗マスターと配信データの店舗一覧の違い {n}件（店舗マスターを使用） / differences between the shop master and the feed's shop list: {n} (the master is used)"),
                );
                for d in differences {
                    line(&mut out, format!("  {}", d.line()));
                }
            }
        }
        line(
            &mut out,
            format!(
                "請求ファイル {}件（重複して取り込んだファイル {}件は無視） / claim files: {} ({} imported again, ignored)",
                self.claims.len(),
                self.repeated_files.len(),
                self.claims.len(),
                self.repeated_files.len()
            ),
        );
        for id in &self.repeated_files {
            line(
                &mut out,
                format!("  {id}: 取り込み済みの同じ請求（無視） / the same claim again (ignored)"),
            );
        }
        line(
            &mut out,
            format!(
                "受け付けなかった請求ファイル {}件（支払いなし） / claim files refused: {} (nothing paid)",
                self.refused_files.len(),
                self.refused_files.len()
            ),
        );
        for f in &self.refused_files {
            line(&mut out, format!("  {}", refused_file_reason(f)));
        }
        line(
            &mut out,
            format!(
                "支払 {}枚 {} / paid: {} tickets, {}",
                self.paid_count(),
                self.total_payout,
                self.paid_count(),
                self.total_payout
            ),
        );
        for (shop, t) in &self.payouts {
            line(&mut out, format!("  {shop}: {}枚 {}", t.count, t.amount));
        }
        line(
            &mut out,
            format!(
                "請求 {} / charges: {}",
                self.total_charges, self.total_charges
            ),
        );
        for (e, t) in &self.employers {
            line(
                &mut out,
                format!(
                    "  企業 {} / employer {}: {}枚 {}",
                    e.0, e.0, t.count, t.amount
                ),
            );
        }
        line(
            &mut out,
            format!(
                "  旭川市 / City of Asahikawa: {}枚 {}",
                self.city.count, self.city.amount
            ),
        );
        line(
            &mut out,
            format!(
                "照合: 支払合計 {} = 請求合計 {} / reconciled: payouts {} = charges {}",
                self.total_payout, self.total_charges, self.total_payout, self.total_charges
            ),
        );
        let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
        for r in &self.rejections {
            *reasons.entry(r.reason.code()).or_default() += 1;
        }
        line(
            &mut out,
            format!(
                "不支給 {}件 / rejected: {}",
                self.rejections.len(),
                self.rejections.len()
            ),
        );
        for (code, n) in reasons {
            line(&mut out, format!("  {code}: {n}"));
        }
        let dup = |k: &str| {
            self.duplicates
                .iter()
                .filter(|d| d.kind.code() == k)
                .count()
        };
        line(
            &mut out,
            format!(
                "重複 {}件（同じ店舗 {}、別の店舗 {}、精算済み {}） / duplicates: {} (same shop {}, other shop {}, settled earlier {})",
                self.duplicates.len(),
                dup("duplicate_same_shop"),
                dup("duplicate_other_shop"),
                dup("duplicate_settled_earlier"),
                self.duplicates.len(),
                dup("duplicate_same_shop"),
                dup("duplicate_other_shop"),
                dup("duplicate_settled_earlier"),
            ),
        );
        line(
            &mut out,
            format!(
                "重複行（同じ受付の再送、無視） {}件 / repeated lines (same redemption sent again, ignored): {}",
                self.repeated_lines, self.repeated_lines
            ),
        );
        let c = &self.claims_check;
        let open = c
            .reviews
            .iter()
            .filter(|r| r.status == ReviewStatus::Open)
            .count();
        if open > 0 {
            line(
                &mut out,
                format!(
                    "審査待ち（複数の店舗が請求、支払保留） {}件 / under review (claimed by more than one shop, not paid): {}",
                    open, open
                ),
            );
        }
        if !c.till_problems.is_empty() {
            line(
                &mut out,
                format!(
                    "端末の取引番号の問題 {}件 / till numbering problems: {}",
                    c.till_problems.len(),
                    c.till_problems.len()
                ),
            );
        }
        if !c.marked.is_empty() {
            line(
                &mut out,
                format!(
                    "登録鍵の署名がない請求（見本の精算） {}件 / claims without a registered signature (demo run): {}",
                    c.marked.len(),
                    c.marked.len()
                ),
            );
        }
        out
    }
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
