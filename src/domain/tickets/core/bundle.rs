//! Everything that arrives by scan, paste, link or file: single tickets, gift links and
//! bundles (a month's tickets from the office). One entry point: [`parse_scanned`].
//! Parsing is structural only; call `verify`/`authenticate` on the tickets afterwards.
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::domain::shared::base64url;
use crate::domain::shared::text::{clean_line, clean_multiline, Lang};
use crate::domain::shared::wording::{say, Wording};
use crate::domain::tickets::core::base32;
use crate::domain::tickets::core::ticket::{
    Ticket, TicketError, TEXT_LEN, TEXT_PREFIX, TICKET_LEN,
};

/// Longest text [`parse_scanned`] looks at (bytes). A 100-ticket bundle link is ~12 KB.
pub const MAX_SCAN_LEN: usize = 16 * 1024;
/// Most tickets in one bundle.
pub const MAX_BUNDLE_TICKETS: usize = 100;
/// Largest bundle file accepted (bytes).
pub const MAX_BUNDLE_FILE_LEN: usize = 64 * 1024;
/// Longest gift message (Unicode characters).
pub const MAX_GIFT_MESSAGE_CHARS: usize = 140;
/// Longest gift sender name (Unicode characters).
pub const MAX_GIFT_FROM_CHARS: usize = 40;
/// Bundle text prefix.
pub const BUNDLE_PREFIX: &str = "JKB1:";
/// Bundle binary format version.
pub const BUNDLE_VERSION: u8 = 1;
/// `format` value of a bundle file.
pub const BUNDLE_FILE_FORMAT: &str = "jokatsu-bundle";

/// Why scanned/pasted text, a link or a file could not be read. `Display` is the exact
/// English diagnosis (the office's verify output, logs); a holder reads
/// [`Wording::wording`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScanError {
    #[error("the scanned text is too long ({0} bytes)")]
    TooLong(usize),
    #[error("no ticket code found (expected \"JK1:\" or \"JKB1:\")")]
    NothingFound,
    #[error("more than one ticket code in the scanned text")]
    Ambiguous,
    #[error(transparent)]
    Ticket(#[from] TicketError),
    #[error("damaged bundle: not base64url without padding")]
    BundleEncoding,
    #[error("unsupported bundle version {0} (this app reads version 1)")]
    BundleVersion(u8),
    #[error("damaged bundle: {found} bytes, expected {expected}")]
    BundleLength { expected: usize, found: usize },
    #[error("a bundle holds 1 to 100 tickets, this one {0}")]
    BundleCount(usize),
    #[error("bundle ticket {index}: {error}")]
    BundleTicket { index: usize, error: TicketError },
    #[error("the same ticket appears twice in the bundle (tickets {first} and {second})")]
    BundleDuplicate { first: usize, second: usize },
    #[error("not a JOKATSU bundle file: {0}")]
    BundleFile(String),
    #[error("the gift link is damaged ({0})")]
    GiftEncoding(&'static str),
    #[error("the sender's name is longer than 40 characters")]
    GiftFromTooLong,
    #[error("the message is longer than 140 characters")]
    GiftMessageTooLong,
}

impl Wording for ScanError {
    fn wording(&self, lang: Lang) -> String {
        match self {
            Self::Ticket(t) => t.wording(lang),
            Self::BundleTicket { index, error } => {
                let e = error.wording(lang);
                say!(lang, "{e}", "bundle ticket {index}: {e}")
            }
            _ if lang == Lang::En => self.to_string(),
            Self::TooLong(_) => "読み取った文字が長すぎます。".into(),
            Self::NothingFound => {
                "チケットのコード（JK1: または JKB1: で始まるもの）が見つかりません。".into()
            }
            Self::Ambiguous => "コードが2つ以上含まれています。1つずつ貼り付けてください。".into(),
            Self::BundleEncoding | Self::BundleLength { .. } => {
                "まとめて受け取るリンクが壊れています。市からのメールをもう一度開いてください。"
                    .into()
            }
            Self::BundleVersion(v) => {
                format!("新しい形式（版 {v}）のリンクです。アプリを更新してください。")
            }
            Self::BundleCount(n) => {
                format!("1回に受け取れるのは1〜100枚です（このリンクは {n}枚）。")
            }
            Self::BundleDuplicate { .. } => "同じチケットが2回含まれています。".into(),
            Self::BundleFile(_) => "市から届いたチケットのファイルではありません。".into(),
            Self::GiftEncoding(_) => "「ありがとう」のリンクが壊れています。".into(),
            Self::GiftFromTooLong => "名前が40文字を超えています。".into(),
            Self::GiftMessageTooLong => "メッセージが140文字を超えています。".into(),
        }
    }
}

impl ScanError {
    /// Stable machine name of the refusal (test vectors, logs, `data-state`), listed in
    /// `docs/ticket-format.md`.
    pub fn code(&self) -> &'static str {
        match self {
            ScanError::TooLong(_) => "too_long",
            ScanError::NothingFound => "nothing_found",
            ScanError::Ambiguous => "ambiguous",
            ScanError::Ticket(_) => "damaged",
            ScanError::BundleEncoding => "bundle_encoding",
            ScanError::BundleVersion(_) => "bundle_version",
            ScanError::BundleLength { .. } => "bundle_length",
            ScanError::BundleCount(_) => "bundle_count",
            ScanError::BundleTicket { .. } => "bundle_ticket",
            ScanError::BundleDuplicate { .. } => "bundle_duplicate",
            ScanError::BundleFile(_) => "bundle_file",
            ScanError::GiftEncoding(_) => "gift_encoding",
            ScanError::GiftFromTooLong => "gift_from_too_long",
            ScanError::GiftMessageTooLong => "gift_message_too_long",
        }
    }
}

/// Tickets handed out together (a month's tickets for one mother).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    tickets: Vec<Ticket>,
}

/// Bundle file JSON: `{"format":"jokatsu-bundle","version":1,"tickets":["JK1:…",…]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BundleFileDto {
    pub format: String,
    pub version: u32,
    pub tickets: Vec<String>,
}

impl Bundle {
    /// 1..=100 tickets, no ticket identity ([`TicketId`](crate::domain::tickets::core::ticket::TicketId)) twice.
    pub fn new(tickets: Vec<Ticket>) -> Result<Self, ScanError> {
        if tickets.is_empty() || tickets.len() > MAX_BUNDLE_TICKETS {
            return Err(ScanError::BundleCount(tickets.len()));
        }
        let mut seen = std::collections::BTreeMap::new();
        for (i, t) in tickets.iter().enumerate() {
            if let Some(first) = seen.insert(t.body().id(), i) {
                return Err(ScanError::BundleDuplicate { first, second: i });
            }
        }
        Ok(Self { tickets })
    }

    pub fn tickets(&self) -> &[Ticket] {
        &self.tickets
    }

    pub fn into_tickets(self) -> Vec<Ticket> {
        self.tickets
    }

    /// Binary form: version u8 = 1, count u16 BE, count × 89 ticket bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(3 + self.tickets.len() * TICKET_LEN);
        out.push(BUNDLE_VERSION);
        // At most 100 tickets (checked in `new`).
        out.extend_from_slice(&u16::try_from(self.tickets.len()).unwrap_or(0).to_be_bytes());
        for t in &self.tickets {
            out.extend_from_slice(&t.to_bytes());
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ScanError> {
        let (&version, rest) = bytes.split_first().ok_or(ScanError::BundleLength {
            expected: 3,
            found: 0,
        })?;
        if version != BUNDLE_VERSION {
            return Err(ScanError::BundleVersion(version));
        }
        if rest.len() < 2 {
            return Err(ScanError::BundleLength {
                expected: 3,
                found: bytes.len(),
            });
        }
        let count = usize::from(u16::from_be_bytes([rest[0], rest[1]]));
        if count == 0 || count > MAX_BUNDLE_TICKETS {
            return Err(ScanError::BundleCount(count));
        }
        let expected = 3 + count * TICKET_LEN;
        if bytes.len() != expected {
            return Err(ScanError::BundleLength {
                expected,
                found: bytes.len(),
            });
        }
        let tickets = rest[2..]
            .chunks_exact(TICKET_LEN)
            .enumerate()
            .map(|(index, chunk)| {
                Ticket::from_bytes(chunk).map_err(|error| ScanError::BundleTicket { index, error })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(tickets)
    }

    /// `JKB1:` + base64url (no padding) of [`Bundle::to_bytes`].
    pub fn to_text(&self) -> String {
        format!("{BUNDLE_PREFIX}{}", base64url::encode(self.to_bytes()))
    }

    /// Parses the exact text form (use [`parse_scanned`] for links).
    pub fn from_text(text: &str) -> Result<Self, ScanError> {
        let b64 = text
            .strip_prefix(BUNDLE_PREFIX)
            .ok_or(ScanError::NothingFound)?;
        if b64.len() > MAX_SCAN_LEN {
            return Err(ScanError::TooLong(text.len()));
        }
        let bytes = base64url::decode(b64).map_err(|_| ScanError::BundleEncoding)?;
        Self::from_bytes(&bytes)
    }

    /// `<base>#/receive/JKB1:…`.
    pub fn to_link(&self, base: &str) -> String {
        format!("{base}#/receive/{}", self.to_text())
    }

    /// The bundle file (pretty JSON).
    pub fn to_file_json(&self) -> String {
        let dto = BundleFileDto {
            format: BUNDLE_FILE_FORMAT.into(),
            version: 1,
            tickets: self.tickets.iter().map(Ticket::to_text).collect(),
        };
        serde_json::to_string_pretty(&dto).unwrap_or_default()
    }

    /// Reads a bundle file; the checks run in the order `docs/ticket-format.md` lists
    /// (size, one leading byte-order mark skipped, JSON, format, version, count, each entry
    /// in order, duplicates).
    pub fn from_file_json(json: &str) -> Result<Self, ScanError> {
        if json.len() > MAX_BUNDLE_FILE_LEN {
            return Err(ScanError::TooLong(json.len()));
        }
        // A file saved by a Windows editor may start with a byte-order mark.
        let json = json.strip_prefix('\u{feff}').unwrap_or(json);
        let dto: BundleFileDto =
            serde_json::from_str(json).map_err(|e| ScanError::BundleFile(e.to_string()))?;
        if dto.format != BUNDLE_FILE_FORMAT {
            return Err(ScanError::BundleFile(format!("format is {:?}", dto.format)));
        }
        if dto.version != 1 {
            return Err(ScanError::BundleFile(format!(
                "version {} (this app reads version 1)",
                dto.version
            )));
        }
        if dto.tickets.is_empty() || dto.tickets.len() > MAX_BUNDLE_TICKETS {
            return Err(ScanError::BundleCount(dto.tickets.len()));
        }
        let tickets = dto
            .tickets
            .iter()
            .enumerate()
            .map(|(index, t)| {
                Ticket::from_text(t).map_err(|error| ScanError::BundleTicket { index, error })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(tickets)
    }
}

/// A ticket passed on with an optional sender name and thank-you message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gift {
    pub ticket: Ticket,
    pub from: Option<String>,
    pub message: Option<String>,
}

fn check_gift_text(from: Option<&str>, message: Option<&str>) -> Result<(), ScanError> {
    if from.is_some_and(|f| f.chars().count() > MAX_GIFT_FROM_CHARS) {
        return Err(ScanError::GiftFromTooLong);
    }
    if message.is_some_and(|m| m.chars().count() > MAX_GIFT_MESSAGE_CHARS) {
        return Err(ScanError::GiftMessageTooLong);
    }
    Ok(())
}

impl Gift {
    /// Cleans the texts first — control characters (Unicode `Cc`), bidirectional
    /// controls (U+061C, U+200E/F, U+202A–202E, U+2066–2069), zero-width characters and
    /// line/paragraph separators are removed; the message keeps line breaks, CR LF and CR
    /// read as LF, at most two in a row; leading and trailing whitespace is trimmed — then
    /// checks the lengths (from ≤ 40, message ≤ 140 characters). Empty strings (e.g.
    /// `from=`) become `None`.
    pub fn new(
        ticket: Ticket,
        from: Option<String>,
        message: Option<String>,
    ) -> Result<Self, ScanError> {
        let from = from
            .map(|f| clean_line(&f, usize::MAX))
            .filter(|s| !s.is_empty());
        let message = message
            .map(|m| clean_multiline(&m, usize::MAX))
            .filter(|s| !s.is_empty());
        check_gift_text(from.as_deref(), message.as_deref())?;
        Ok(Self {
            ticket,
            from,
            message,
        })
    }

    /// `<base>#/gift/JK1:…?from=…&msg=…` (percent-encoded UTF-8; absent parts omitted).
    pub fn to_link(&self, base: &str) -> String {
        let mut link = format!("{base}#/gift/{}", self.ticket.to_text());
        let mut sep = '?';
        for (key, value) in [("from", &self.from), ("msg", &self.message)] {
            if let Some(v) = value {
                link.push(sep);
                link.push_str(key);
                link.push('=');
                link.push_str(&percent_encode(v));
                sep = '&';
            }
        }
        link
    }
}

/// Percent-encodes UTF-8: unreserved characters (`A–Z a–z 0–9 - . _ ~`) stay, every other
/// byte becomes `%XX` (uppercase hex).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(b & 15)]));
        }
    }
    out
}

/// Decodes `%XX` escapes (either case) and `+` as a space; the result must be UTF-8.
pub fn percent_decode(text: &str) -> Result<String, ScanError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or(ScanError::GiftEncoding("bad % escape"))?;
                out.push(hex);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| ScanError::GiftEncoding("not UTF-8"))
}

/// What a scan or paste contained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scanned {
    Ticket(Ticket),
    Gift(Gift),
    Bundle(Bundle),
}

/// Reads a code made of `is_code` characters at the start of `s`. While the code is
/// shorter than `needed(code so far)`, a line break (CR LF, LF or CR) followed by optional
/// spaces or tabs and more code characters continues it: a long code wrapped by a mail
/// client. A complete code is never continued, so the join is unambiguous. Returns the
/// code and the text after it.
fn read_code<'a>(
    s: &'a str,
    is_code: fn(char) -> bool,
    needed: &dyn Fn(&str) -> usize,
) -> (String, &'a str) {
    let mut code = String::new();
    let mut rest = s;
    loop {
        let end = rest.find(|c: char| !is_code(c)).unwrap_or(rest.len());
        code.push_str(&rest[..end]);
        rest = &rest[end..];
        if code.is_empty() || code.len() >= needed(&code) {
            return (code, rest);
        }
        let Some(next) = rest
            .strip_prefix("\r\n")
            .or_else(|| rest.strip_prefix('\n'))
            .or_else(|| rest.strip_prefix('\r'))
        else {
            return (code, rest);
        };
        let next = next.trim_start_matches([' ', '\t']);
        if !next.starts_with(is_code) {
            return (code, rest);
        }
        rest = next;
    }
}

fn is_base64url(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Characters of a bundle's base64url text, known once its first 4 characters (version
/// and count) are read.
fn bundle_text_len(code: &str) -> usize {
    let head = code.get(..4).and_then(|h| base64url::decode(h).ok());
    match head.as_deref() {
        Some([BUNDLE_VERSION, hi, lo]) => {
            let count = usize::from(u16::from_be_bytes([*hi, *lo])).min(MAX_BUNDLE_TICKETS);
            ((3 + count * TICKET_LEN) * 8).div_ceil(6)
        }
        Some(_) => 0,
        None => 4,
    }
}

/// Reads anything scanned or pasted: a bare `JK1:…`, a ticket link (`…#/t/JK1:…`), a gift
/// link (`…#/gift/JK1:…?from=…&msg=…`), a bare `JKB1:…` or a bundle link
/// (`…#/receive/JKB1:…`). Rules (strict, documented in `docs/ticket-format.md`):
/// input over [`MAX_SCAN_LEN`] bytes (UTF-8) is refused; the markers `JK1:`/`JKB1:` are
/// uppercase; the ticket code is the run of `A–Z2–7` after `JK1:` and must be exactly 143
/// characters (lowercase is not accepted); an ASCII letter or digit right after it means a
/// damaged code, while any other text (e.g. Japanese `です` pasted by a chat app) ends it;
/// a code wrapped across lines is joined while it is shorter than its length; the text may
/// contain only one code. Never panics.
pub fn parse_scanned(text: &str) -> Result<Scanned, ScanError> {
    if text.len() > MAX_SCAN_LEN {
        return Err(ScanError::TooLong(text.len()));
    }
    if let Some(pos) = text.find(BUNDLE_PREFIX) {
        let (code, rest) = read_code(
            &text[pos + BUNDLE_PREFIX.len()..],
            is_base64url,
            &bundle_text_len,
        );
        if rest.contains(BUNDLE_PREFIX) || text.contains(TEXT_PREFIX) {
            return Err(ScanError::Ambiguous);
        }
        let bytes = base64url::decode(&code).map_err(|_| ScanError::BundleEncoding)?;
        return Bundle::from_bytes(&bytes).map(Scanned::Bundle);
    }
    let pos = text.find(TEXT_PREFIX).ok_or(ScanError::NothingFound)?;
    let (code, rest) = read_code(
        &text[pos + TEXT_PREFIX.len()..],
        base32::is_alphabet,
        &|_| TEXT_LEN - TEXT_PREFIX.len(),
    );
    if rest.contains(TEXT_PREFIX) {
        return Err(ScanError::Ambiguous);
    }
    // An ASCII letter or digit right after the run (e.g. lowercase) means the code is
    // damaged; other text (Japanese, punctuation) simply follows it.
    if let Some(found) = rest.chars().next().filter(char::is_ascii_alphanumeric) {
        return Err(TicketError::BadText(base32::Base32Error::BadCharacter {
            position: code.len(),
            found,
        })
        .into());
    }
    let ticket = Ticket::from_bytes(&base32::decode(&code).map_err(TicketError::from)?)?;
    if !text[..pos].ends_with("/gift/") {
        return Ok(Scanned::Ticket(ticket));
    }
    let (from, message) = parse_gift_query(rest)?;
    Gift::new(ticket, from, message).map(Scanned::Gift)
}

/// [`parse_scanned`], but a gift link whose name or message cannot be read (a bad `%`
/// escape, text cut off in the middle of a character, a repeated or over-long parameter)
/// still gives its ticket: the signed ticket is intact, only the text is not. Whichever of
/// `from` and `msg` reads is kept, the rest left out; `true` says something was left out.
/// What the receive page uses, so that a damaged message never costs the coworker her
/// ticket (the format's reader, [`parse_scanned`], stays strict: the test vectors).
pub fn parse_scanned_keeping_gift(text: &str) -> Result<(Scanned, bool), ScanError> {
    let err = match parse_scanned(text) {
        Ok(scanned) => return Ok((scanned, false)),
        Err(
            e @ (ScanError::GiftEncoding(_)
            | ScanError::GiftFromTooLong
            | ScanError::GiftMessageTooLong),
        ) => e,
        Err(e) => return Err(e),
    };
    // The ticket alone: the link up to its query.
    let Some(code) = text.find(TEXT_PREFIX) else {
        return Err(err);
    };
    let query_at = text[code..].find('?').map_or(text.len(), |i| code + i);
    let Ok(Scanned::Gift(bare)) = parse_scanned(&text[..query_at]) else {
        return Err(err);
    };
    let query = text[query_at..].trim_start_matches('?');
    let query = query
        .split(|c: char| c.is_whitespace() || !c.is_ascii())
        .next()
        .unwrap_or("");
    // One parameter, when it appears once and decodes.
    let one = |key: &str| {
        let mut values = query
            .split('&')
            .filter_map(|p| p.split_once('=').filter(|(k, _)| *k == key))
            .map(|(_, v)| v);
        match (values.next(), values.next()) {
            (Some(v), None) => percent_decode(v).ok(),
            _ => None,
        }
    };
    let ticket = bare.ticket;
    let from = one("from").filter(|f| Gift::new(ticket.clone(), Some(f.clone()), None).is_ok());
    let message = one("msg").filter(|m| Gift::new(ticket.clone(), None, Some(m.clone())).is_ok());
    Gift::new(ticket, from, message).map(|g| (Scanned::Gift(g), true))
}

/// `?from=…&msg=…` after the code; other parameters are ignored, a repeated one is an error.
fn parse_gift_query(rest: &str) -> Result<(Option<String>, Option<String>), ScanError> {
    let Some(query) = rest.strip_prefix('?') else {
        return Ok((None, None));
    };
    // The query ends at whitespace or at the first non-ASCII character (a link pasted
    // inside a sentence, or directly followed by Japanese text: the app's links are
    // percent-encoded, so a non-ASCII character cannot be part of one).
    let query = query
        .split(|c: char| c.is_whitespace() || !c.is_ascii())
        .next()
        .unwrap_or("");
    let mut from = None;
    let mut message = None;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match key {
            "from" => &mut from,
            "msg" => &mut message,
            _ => continue,
        };
        if slot.is_some() {
            return Err(ScanError::GiftEncoding("a parameter appears twice"));
        }
        *slot = Some(percent_decode(value)?);
    }
    Ok((from, message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tickets::core::ticket::{demo_month, YearMonth};
    use proptest::prelude::*;

    #[test]
    fn every_error_is_worded_in_both_languages() {
        crate::domain::shared::wording::assert_worded(&[
            ("TooLong", &ScanError::TooLong(3)),
            ("NothingFound", &ScanError::NothingFound),
            ("Ambiguous", &ScanError::Ambiguous),
            ("Ticket", &ScanError::Ticket(TicketError::MissingPrefix)),
            ("BundleEncoding", &ScanError::BundleEncoding),
            ("BundleVersion", &ScanError::BundleVersion(2)),
            (
                "BundleLength",
                &ScanError::BundleLength {
                    expected: 3,
                    found: 2,
                },
            ),
            ("BundleCount", &ScanError::BundleCount(101)),
            (
                "BundleTicket",
                &ScanError::BundleTicket {
                    index: 2,
                    error: TicketError::ZeroKeyId,
                },
            ),
            (
                "BundleDuplicate",
                &ScanError::BundleDuplicate {
                    first: 1,
                    second: 2,
                },
            ),
            ("BundleFile", &ScanError::BundleFile("x".into())),
            ("GiftEncoding", &ScanError::GiftEncoding("x")),
            ("GiftFromTooLong", &ScanError::GiftFromTooLong),
            ("GiftMessageTooLong", &ScanError::GiftMessageTooLong),
        ]);
    }

    const BASE: &str = "https://www.city.asahikawa.hokkaido.jp/jokatsu/";

    fn tickets() -> Vec<Ticket> {
        demo_month(YearMonth::new(2026, 12).unwrap()).unwrap()
    }

    #[test]
    fn ticket_forms_all_parse_to_the_ticket() {
        let t = tickets().remove(0);
        let text = t.to_text();
        let inputs = [
            text.clone(),
            t.to_link(BASE),
            format!("  {text}\n"),
            format!("使ってね {} ありがとう", t.to_link(BASE)),
            format!("{BASE}#/t/{text}?utm=x"),
        ];
        for input in inputs {
            assert_eq!(
                parse_scanned(&input),
                Ok(Scanned::Ticket(t.clone())),
                "{input}"
            );
        }
    }

    #[test]
    fn strict_rejections() {
        let t = tickets().remove(0);
        let text = t.to_text();
        let lower = format!("JK1:{}", text[4..].to_lowercase());
        let cases: Vec<(String, &str)> = vec![
            (String::new(), "empty"),
            ("hello".into(), "no code"),
            (text.to_lowercase(), "lowercase marker"),
            (lower, "lowercase code"),
            (
                format!("{}a", &text),
                "lowercase letter right after the code",
            ),
            (text[..text.len() - 1].to_string(), "truncated"),
            (format!("{text}A"), "one character too many"),
            (format!("{text} {text}"), "two codes"),
            ("x".repeat(MAX_SCAN_LEN + 1), "too long"),
        ];
        for (input, why) in cases {
            assert!(parse_scanned(&input).is_err(), "{why}");
        }
        assert_eq!(
            parse_scanned(&format!("{text} {text}")),
            Err(ScanError::Ambiguous)
        );
        assert_eq!(parse_scanned("hello"), Err(ScanError::NothingFound));
    }

    /// Codes as chat apps and mail clients paste them.
    #[test]
    fn chat_and_mail_forms() {
        let t = tickets().remove(0);
        let text = t.to_text();
        let code = &text[4..];
        let wrapped = |at: &[usize], brk: &str| {
            let mut out = String::from("JK1:");
            let mut last = 0;
            for &i in at {
                out.push_str(&code[last..i]);
                out.push_str(brk);
                last = i;
            }
            out.push_str(&code[last..]);
            out
        };
        let ticket_inputs = [
            format!("{text}です"),
            format!("これ使ってね{text}ありがとう！"),
            format!("{text}。"),
            format!("「{text}」"),
            format!("{}です", t.to_link(BASE)),
            wrapped(&[60], "\n"),
            wrapped(&[60], "\r\n"),
            wrapped(&[70, 140], "\n"),
            wrapped(&[76], "\n  "),
            format!("チケット:\n{}\nよろしく", wrapped(&[72], "\r\n")),
            format!("{BASE}#/t/{}", wrapped(&[50], "\n")),
        ];
        for input in ticket_inputs {
            assert_eq!(
                parse_scanned(&input),
                Ok(Scanned::Ticket(t.clone())),
                "{input:?}"
            );
        }
        // Gift links followed by Japanese text: the query ends at the first non-ASCII
        // character.
        let gift = Gift::new(
            t.clone(),
            Some("山田".into()),
            Some("ありがとう\nまたね".into()),
        )
        .unwrap();
        for input in [
            format!("{}です", gift.to_link(BASE)),
            format!("{} よろしく", gift.to_link(BASE)),
        ] {
            assert_eq!(
                parse_scanned(&input),
                Ok(Scanned::Gift(gift.clone())),
                "{input}"
            );
        }
        // Bundles: followed by text, or wrapped every 76 characters.
        let bundle = Bundle::new(tickets()).unwrap();
        let btext = bundle.to_text();
        let mut lines = String::new();
        for (i, c) in btext.chars().enumerate() {
            if i > 0 && i % 76 == 0 {
                lines.push_str("\r\n");
            }
            lines.push(c);
        }
        for input in [
            format!("{btext}です"),
            lines,
            format!("{}\nよろしくお願いします", bundle.to_link(BASE)),
        ] {
            assert_eq!(
                parse_scanned(&input),
                Ok(Scanned::Bundle(bundle.clone())),
                "{input:?}"
            );
        }
        // Not joined: a complete code followed by a new line of capitals; a break that
        // is not a line break; a continuation that makes the code too long.
        let refused = [
            (
                format!("{text}\nABC"),
                "complete code, text on the next line",
            ),
            (wrapped(&[60], " "), "space is not a line break"),
            (
                format!("{}XYZ", wrapped(&[60], "\n")),
                "continuation too long",
            ),
            (format!("{text}b"), "ASCII letter after the code"),
            (format!("{text}9"), "ASCII digit after the code"),
        ];
        for (input, why) in refused {
            let got = parse_scanned(&input);
            if why.starts_with("complete") {
                assert_eq!(got, Ok(Scanned::Ticket(t.clone())), "{why}");
            } else {
                assert!(got.is_err(), "{why}: {got:?}");
            }
        }
    }

    #[test]
    fn gift_link_round_trip() {
        let t = tickets().remove(1);
        let cases = [
            (
                Some("山田 花子"),
                Some("いつもありがとう！\n助かりました 100% 感謝 & よろしく"),
            ),
            (None, Some("thanks")),
            (Some("Hanako"), None),
            (None, None),
        ];
        for (from, msg) in cases {
            let gift = Gift::new(t.clone(), from.map(String::from), msg.map(String::from)).unwrap();
            let link = gift.to_link(BASE);
            assert!(link.is_ascii(), "{link}");
            assert_eq!(parse_scanned(&link), Ok(Scanned::Gift(gift)), "{link}");
        }
    }

    #[test]
    fn gift_query_details() {
        let t = tickets().remove(1);
        let link = format!(
            "{BASE}#/gift/{}?msg=a+b%E3%81%82&x=1&from=%e5%b1%b1",
            t.to_text()
        );
        let Ok(Scanned::Gift(g)) = parse_scanned(&link) else {
            panic!("not a gift")
        };
        assert_eq!(g.message.as_deref(), Some("a bあ"));
        assert_eq!(g.from.as_deref(), Some("山"));
        let bad = [
            (
                format!("{BASE}#/gift/{}?msg=%E3%81", t.to_text()),
                "truncated UTF-8",
            ),
            (format!("{BASE}#/gift/{}?msg=%G1", t.to_text()), "bad hex"),
            (
                format!("{BASE}#/gift/{}?msg=a&msg=b", t.to_text()),
                "repeated",
            ),
            (
                format!("{BASE}#/gift/{}?msg={}", t.to_text(), "a".repeat(141)),
                "long message",
            ),
            (
                format!(
                    "{BASE}#/gift/{}?from={}",
                    t.to_text(),
                    percent_encode(&"あ".repeat(41))
                ),
                "long from",
            ),
        ];
        for (link, why) in bad {
            assert!(parse_scanned(&link).is_err(), "{why}");
        }
        // Control and bidi characters are stripped, not refused; a line break stays in
        // `msg` only; an empty `from=` is absent.
        let cleaned = [
            ("from=a%0Ab", Some("ab"), None),
            ("msg=%E2%80%AE%1Bhi", None, Some("hi")),
            ("from=&msg=a%0D%0Ab", None, Some("a\nb")),
            ("from=%E2%81%A6x%E2%81%A9", Some("x"), None),
            ("msg=%0A%0A", None, None),
        ];
        for (query, from, msg) in cleaned {
            let link = format!("{BASE}#/gift/{}?{query}", t.to_text());
            match parse_scanned(&link) {
                Ok(Scanned::Gift(g)) => {
                    assert_eq!(g.from.as_deref(), from, "{query}");
                    assert_eq!(g.message.as_deref(), msg, "{query}");
                }
                other => panic!("{query}: {other:?}"),
            }
        }
        let ok140 = format!(
            "{BASE}#/gift/{}?msg={}",
            t.to_text(),
            percent_encode(&"あ".repeat(140))
        );
        assert!(parse_scanned(&ok140).is_ok());
        assert!(Gift::new(t, None, Some("a".repeat(141))).is_err());
    }

    #[test]
    fn a_damaged_gift_text_keeps_the_ticket_and_what_reads() {
        let t = tickets().remove(1);
        let code = t.to_text();
        let keep =
            |query: &str| match parse_scanned_keeping_gift(&format!("{BASE}#/gift/{code}?{query}"))
            {
                Ok((Scanned::Gift(g), dropped)) => {
                    assert_eq!(g.ticket, t, "{query}");
                    (g.from, g.message, dropped)
                }
                other => panic!("{query}: {other:?}"),
            };
        let s = |v: &str| Some(v.to_string());
        // The strict reader refuses each of these; the ticket and the readable part stay.
        let table = [
            ("from=%E5%B1%B1&msg=%E3%81", (s("山"), None, true)),
            ("from=%E5%B1&msg=ok", (None, s("ok"), true)),
            ("from=a&msg=%G1", (s("a"), None, true)),
            ("from=a&from=b&msg=hi", (None, s("hi"), true)),
            ("msg=a&msg=b", (None, None, true)),
            (
                &format!("from=a&msg={}", "b".repeat(141)),
                (s("a"), None, true),
            ),
            // Intact links read as the strict reader reads them.
            ("from=a&msg=b+c", (s("a"), s("b c"), false)),
        ];
        for (query, want) in table {
            assert_eq!(keep(query), want, "{query}");
        }
        // Nothing to keep when the ticket itself is damaged or absent.
        let cut = &code[..100];
        assert!(parse_scanned_keeping_gift(&format!("{BASE}#/gift/{cut}?msg=%E3%81")).is_err());
        assert_eq!(
            parse_scanned_keeping_gift("hello"),
            Err(ScanError::NothingFound)
        );
        // Not a gift: as the strict reader.
        assert_eq!(
            parse_scanned_keeping_gift(&format!("{BASE}#/t/{code}")),
            Ok((Scanned::Ticket(t), false))
        );
    }

    #[test]
    fn bundle_forms() {
        let bundle = Bundle::new(tickets()).unwrap();
        assert_eq!(Bundle::from_bytes(&bundle.to_bytes()), Ok(bundle.clone()));
        assert_eq!(bundle.to_bytes().len(), 3 + 20 * 89);
        for input in [bundle.to_text(), bundle.to_link(BASE)] {
            assert_eq!(parse_scanned(&input), Ok(Scanned::Bundle(bundle.clone())));
        }
        assert_eq!(Bundle::from_text(&bundle.to_text()), Ok(bundle.clone()));
        assert_eq!(
            Bundle::from_file_json(&bundle.to_file_json()),
            Ok(bundle.clone())
        );
        let file: serde_json::Value = serde_json::from_str(&bundle.to_file_json()).unwrap();
        assert_eq!(file["format"], "jokatsu-bundle");
        assert_eq!(file["version"], 1);
        assert_eq!(file["tickets"][0], tickets()[0].to_text());
    }

    #[test]
    fn bad_bundles() {
        let t = tickets();
        let good = Bundle::new(t.clone()).unwrap().to_bytes();
        let mut wrong_version = good.clone();
        wrong_version[0] = 2;
        let mut wrong_count = good.clone();
        wrong_count[2] = 21;
        let mut bad_ticket = good.clone();
        bad_ticket[3 + 89 + 1] = 0x80; // flags of ticket 1
        let cases = [
            (wrong_version, ScanError::BundleVersion(2)),
            (
                wrong_count,
                ScanError::BundleLength {
                    expected: 3 + 21 * 89,
                    found: good.len(),
                },
            ),
            (
                good[..good.len() - 1].to_vec(),
                ScanError::BundleLength {
                    expected: good.len(),
                    found: good.len() - 1,
                },
            ),
            (vec![1, 0, 0], ScanError::BundleCount(0)),
            (
                bad_ticket,
                ScanError::BundleTicket {
                    index: 1,
                    error: TicketError::UnknownFlags(0x80),
                },
            ),
        ];
        for (bytes, err) in cases {
            assert_eq!(Bundle::from_bytes(&bytes), Err(err));
        }
        assert_eq!(
            Bundle::new(vec![t[0].clone(), t[1].clone(), t[0].clone()]),
            Err(ScanError::BundleDuplicate {
                first: 0,
                second: 2
            })
        );
        let files = [
            r#"<html>404</html>"#,
            r#"{"format":"jokatsu-wallet","version":1,"tickets":[]}"#,
            r#"{"format":"jokatsu-bundle","version":2,"tickets":[]}"#,
            r#"{"format":"jokatsu-bundle","version":1,"tickets":[]}"#,
            r#"{"format":"jokatsu-bundle","version":1,"tickets":["JK1:AA"]}"#,
        ];
        for f in files {
            assert!(Bundle::from_file_json(f).is_err(), "{f}");
        }
        assert!(parse_scanned("JKB1:!!!").is_err());
        assert_eq!(
            parse_scanned(&format!("JKB1:AQAA {}", t[0].to_text())),
            Err(ScanError::Ambiguous)
        );
        // The order of checks, and the code each refusal gets (docs/ticket-format.md).
        let good = Bundle::new(tickets().into_iter().take(3).collect()).unwrap();
        let file = good.to_file_json();
        assert_eq!(
            Bundle::from_file_json(&format!("\u{feff}{file}")),
            Ok(good.clone())
        );
        let big = format!("{file}{}", " ".repeat(MAX_BUNDLE_FILE_LEN));
        assert_eq!(
            Bundle::from_file_json(&big).map_err(|e| e.code()),
            Err("too_long")
        );
        let texts: Vec<String> = good.tickets().iter().map(Ticket::to_text).collect();
        let with = |tickets: Vec<String>| {
            serde_json::json!({"format": "jokatsu-bundle", "version": 1, "tickets": tickets})
                .to_string()
        };
        // An entry that is not an exact JK1: text: bundle_ticket naming its index, even when
        // a later entry repeats an earlier one.
        let mut entries = texts.clone();
        entries[1] = format!(" {}", texts[1]);
        entries.push(texts[0].clone());
        assert_eq!(
            Bundle::from_file_json(&with(entries)),
            Err(ScanError::BundleTicket {
                index: 1,
                error: TicketError::MissingPrefix
            })
        );
        let mut twice = texts.clone();
        twice.push(texts[0].clone());
        assert_eq!(
            Bundle::from_file_json(&with(twice)),
            Err(ScanError::BundleDuplicate {
                first: 0,
                second: texts.len()
            })
        );
        let wrong = serde_json::json!({"format": "x", "version": 2, "tickets": []}).to_string();
        assert_eq!(
            Bundle::from_file_json(&wrong).map_err(|e| e.code()),
            Err("bundle_file")
        );
        let no_tickets =
            serde_json::json!({"format": "jokatsu-bundle", "version": 1, "tickets": []})
                .to_string();
        assert_eq!(
            Bundle::from_file_json(&no_tickets).map_err(|e| e.code()),
            Err("bundle_count")
        );
    }

    proptest! {
        #[test]
        fn parse_scanned_never_panics(text in ".{0,300}") {
            let _ = parse_scanned(&text);
        }

        #[test]
        fn parse_scanned_never_panics_near_valid_input(
            cut in 0usize..400,
            insert in ".{0,4}",
            pick in 0usize..3,
        ) {
            let t = tickets().remove(0);
            let gift = Gift::new(t.clone(), Some("あ".into()), Some("ありがとう".into())).unwrap();
            let base = [t.to_link(BASE), gift.to_link(BASE), Bundle::new(vec![t]).unwrap().to_link(BASE)];
            let s = &base[pick];
            let mut cut = cut.min(s.len());
            while !s.is_char_boundary(cut) {
                cut -= 1;
            }
            let mutated = format!("{}{}{}", &s[..cut], insert, &s[cut..]);
            let _ = parse_scanned(&mutated);
            let _ = parse_scanned(&s[..cut]);
        }

        #[test]
        fn percent_round_trip(text in "\\PC{0,60}") {
            prop_assert_eq!(percent_decode(&percent_encode(&text)), Ok(text));
        }
    }
}
