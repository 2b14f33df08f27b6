//! The office's own certified-shop list — its **shop master** — is the authority for the
//! shop check (rule 4.4), not whatever feed file was opened for the run: a shop added to a
//! feed file (by mistake, or by someone with access to it) but not to the master is not
//! paid. The master is read from the same CSV the feed editor imports
//! (`docs/feed-tickets.md`, *Shop list CSV*). Where the opened feed's list differs from it,
//! the run says so, one line per shop (`docs/settlement.md` § "The shop master").

use super::*;
use crate::domain::publish::shops_csv::{import_shops, ShopCsvError, ShopLineProblem};
use crate::domain::tickets::core::shops::{Shop, ShopDto, ShopsError};

/// The office's shop master: every shop it has certified, with its certification dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopMaster {
    shops: Vec<ShopDto>,
    directory: Directory,
}

impl ShopMaster {
    /// The master from shop entries (as the feed's `shops` section has them).
    pub fn from_shops(shops: Vec<ShopDto>) -> Result<Self, ShopMasterError> {
        let directory = Directory::from_dto(&shops).map_err(ShopMasterError::Invalid)?;
        Ok(Self { shops, directory })
    }

    /// The master from a shop CSV (bytes as read). A file with any bad line is refused
    /// whole (the error lists every bad line): a master missing a shop would leave it
    /// unpaid.
    pub fn from_csv(bytes: &[u8]) -> Result<Self, ShopMasterError> {
        let import = import_shops(bytes).map_err(ShopMasterError::Csv)?;
        if !import.problems.is_empty() {
            return Err(ShopMasterError::BadLines(import.problems));
        }
        if import.shops.is_empty() {
            return Err(ShopMasterError::Empty);
        }
        Self::from_shops(import.shops)
    }

    /// The shops, in file order.
    pub fn shops(&self) -> &[ShopDto] {
        &self.shops
    }

    /// The shops as a directory (what the shop check reads).
    pub fn directory(&self) -> &Directory {
        &self.directory
    }

    pub fn len(&self) -> usize {
        self.shops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shops.is_empty()
    }
}

/// Why a shop master file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub enum ShopMasterError {
    /// Not a shop CSV at all.
    Csv(ShopCsvError),
    /// Lines that could not be read (each with its number and why).
    BadLines(Vec<ShopLineProblem>),
    /// A header and no shop.
    Empty,
    /// The shops break a rule of the feed's list.
    Invalid(ShopsError),
}

impl Wording for ShopMasterError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Csv(e) => {
                let e = e.wording(lang);
                say!(lang, "店舗マスター: {e}", "shop master: {e}")
            }
            Self::BadLines(lines) => {
                let n = lines.len();
                let list = lines
                    .iter()
                    .map(|l| l.wording(lang))
                    .collect::<Vec<_>>()
                    .join("; ");
                say!(
                    lang,
                    "店舗マスターに読めない行が {n}行あります（直してから読み込んでください）: {list}",
                    "the shop master has {n} bad line(s) (fix them, then load it again): {list}",
                )
            }
            Self::Empty => say(
                lang,
                "店舗マスターにお店が1件もありません",
                "the shop master lists no shop",
            ),
            Self::Invalid(e) => say!(lang, "店舗マスター: {e}", "shop master: {e}"),
        }
    }
}

/// A production settlement was asked for without the office's shop master: refused, since
/// the opened feed's list alone could pay a shop the office never certified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("{}", self.wording(Lang::Ja))]
pub struct ShopMasterRequired;

impl Wording for ShopMasterRequired {
    fn wording(&self, lang: Lang) -> String {
        say(
            lang,
            "事務局の店舗マスターがないと精算できません。認定店舗の一覧（店舗 CSV）を店舗マスターとして読み込んでください。",
            "settlement needs the office's shop master: load the certified-shop list (the shop CSV) as the shop master.",
        )
    }
}

/// **Rule: production checks shops only against the office's master.** `Err` for a
/// production `policy` without one (a demo run may use the feed's list).
pub fn require_shop_master(
    master: Option<&ShopMaster>,
    policy: VerifyPolicy,
) -> Result<(), ShopMasterRequired> {
    if master.is_none() && !policy.accept_demo {
        return Err(ShopMasterRequired);
    }
    Ok(())
}

/// How one shop of the opened feed's list differs from the master.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShopDifference {
    /// Certified in the feed, not in the master: not paid.
    OnlyInFeed { shop: ShopId },
    /// In the master, not in the feed: paid by the master's dates.
    OnlyInMaster { shop: ShopId },
    /// In both with other certification: `(field, feed's value, master's value)` for each of
    /// `certified_from`, `certified_until`, `demo` that differs (values as in the CSV, `-`
    /// for none); the master's are used.
    Differs {
        shop: ShopId,
        fields: Vec<(&'static str, String, String)>,
    },
}

impl ShopDifference {
    pub fn shop(&self) -> &ShopId {
        match self {
            Self::OnlyInFeed { shop }
            | Self::OnlyInMaster { shop }
            | Self::Differs { shop, .. } => shop,
        }
    }

    /// Its line in the summary file (without the indent): `<shop>: <Japanese> / <shop>: <English>`.
    pub fn line(&self) -> String {
        let (ja, en) = self.parts();
        format!("{ja} / {en}")
    }

    /// Its line in each language: `<shop>: <Japanese>`, `<shop>: <English>`.
    pub fn parts(&self) -> (String, String) {
        let shop = self.shop();
        let (ja, en) = match self {
            Self::OnlyInFeed { .. } => (
                "配信データにだけある店舗（店舗マスターにないため支払いなし）".to_string(),
                "only in the feed (not in the shop master: not paid)".to_string(),
            ),
            Self::OnlyInMaster { .. } => (
                "店舗マスターにだけある店舗（店舗マスターで照合）".to_string(),
                "only in the shop master (checked by the master)".to_string(),
            ),
            Self::Differs { fields, .. } => {
                let ja = fields
                    .iter()
                    .map(|(f, feed, master)| format!("{f} 配信 {feed}・マスター {master}"))
                    .collect::<Vec<_>>()
                    .join("、");
                let en = fields
                    .iter()
                    .map(|(f, feed, master)| format!("{f} feed {feed}, master {master}"))
                    .collect::<Vec<_>>()
                    .join("; ");
                (
                    format!("認定の内容が違います（{ja}、店舗マスターを使用）"),
                    format!("certification differs ({en}; the master is used)"),
                )
            }
        };
        (format!("{shop}: {ja}"), format!("{shop}: {en}"))
    }
}

/// Which list the shop check used (in the report and its summary).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ShopList {
    /// The opened feed's list (a demo run without a master).
    #[default]
    Feed,
    /// The office's shop master (`shops` shops counted under the run's policy), and how
    /// the opened feed's list differs from it.
    Master {
        shops: usize,
        differences: Vec<ShopDifference>,
    },
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "-".to_string(), iso_date)
}

/// How the opened feed's list differs from the master, shop by shop: first the feed's
/// shops in feed order (only in the feed, or certified otherwise), then the master's shops
/// the feed lacks, in master order. Only shops that count under the policy are compared
/// (a demo shop is no shop in production).
pub fn shop_differences(
    master: &Directory,
    feed: &Directory,
    accept_demo: bool,
) -> Vec<ShopDifference> {
    let counts = |s: &&Shop| accept_demo || !s.demo;
    let master_shops: HashMap<&ShopId, &Shop> = master
        .shops()
        .iter()
        .filter(counts)
        .map(|s| (&s.id, s))
        .collect();
    let feed_ids: HashSet<&ShopId> = feed.shops().iter().filter(counts).map(|s| &s.id).collect();
    let mut out = Vec::new();
    for f in feed.shops().iter().filter(counts) {
        match master_shops.get(&f.id) {
            None => out.push(ShopDifference::OnlyInFeed { shop: f.id.clone() }),
            Some(m) => {
                let mut fields = Vec::new();
                if f.certified_from != m.certified_from {
                    fields.push((
                        "certified_from",
                        date_text(f.certified_from),
                        date_text(m.certified_from),
                    ));
                }
                if f.certified_until != m.certified_until {
                    fields.push((
                        "certified_until",
                        date_text(f.certified_until),
                        date_text(m.certified_until),
                    ));
                }
                if f.demo != m.demo {
                    let flag = |d: bool| if d { "1" } else { "0" }.to_string();
                    fields.push(("demo", flag(f.demo), flag(m.demo)));
                }
                if !fields.is_empty() {
                    out.push(ShopDifference::Differs {
                        shop: f.id.clone(),
                        fields,
                    });
                }
            }
        }
    }
    for m in master.shops().iter().filter(counts) {
        if !feed_ids.contains(&m.id) {
            out.push(ShopDifference::OnlyInMaster { shop: m.id.clone() });
        }
    }
    out
}
