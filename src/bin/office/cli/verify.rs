//! `verify` and `feed-check`: tickets, bundles and feeds checked as the app would.

use super::*;
use jokatsu::domain::tickets::core::used::UsedSet;

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

pub(super) fn inputs(args: &Args) -> Res<Vec<String>> {
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

pub(super) fn feed_check(args: &Args) -> Res<()> {
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
    print!("{}", report.text(lang()));
    if report.errors() == 0 {
        Ok(())
    } else {
        Err(Fail(String::new(), 1))
    }
}

/// The feed's trust data and counts, as the apps read them (best effort).
pub(super) fn summary(path: &str, text: &str, root: &ed25519_dalek::VerifyingKey) {
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
                if k.is_demo() { "demo" } else { "production" },
                k.label
            );
            if let Some(day) = k.revoked_from {
                println!("key_revoked\t{}\t{}", k.id, iso_date(day));
            }
        }
        match &s.used {
            Some(Ok(dto)) => match UsedData::from_feed(dto, root, keys) {
                Ok(used) => {
                    println!("used_sequence\t{}", used.sequence());
                    println!("used_tickets\t{}", used.set().len());
                }
                Err(e) => println!("used\trefused: {}", words(&e)),
            },
            Some(Err(e)) => println!("used\trefused: {}", words(e)),
            None => println!("used\tnone"),
        }
    }
    println!("shops\t{}", s.shops.shops().len());
}

/// Says on stderr that the feed's used data was refused and what that means for the
/// verdicts (`docs/feed-tickets.md`, "Order of refusals").
fn used_refused(feed_path: &str, why: &str) {
    match lang() {
        Lang::En => eprintln!(
            "{feed_path}: used: the feed's used data was refused ({why}): no verdict below reflects it (already_used comes only from accepted used data)"
        ),
        _ => eprintln!(
            "{feed_path}: used: 配信データの使用済みデータを拒否しました（{why}）。以下の判定には反映していません（already_used は受け付けた使用済みデータからだけ出ます）"
        ),
    }
}

pub(super) fn verify(args: &Args) -> Res<()> {
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
    let keys = feed_keys(&feed, feed_path)?;
    // The feed's used data, verified under its own key list. A refused one is said
    // plainly: the verdicts below then cannot say `already_used` from the feed.
    let used = &match &feed.sections.used {
        Some(Ok(dto)) => match UsedData::from_feed(dto, &root, keys) {
            Ok(data) => data.set().clone(),
            Err(e) => {
                used_refused(feed_path, &words(&e));
                UsedSet::default()
            }
        },
        Some(Err(e)) => {
            used_refused(feed_path, &words(e));
            UsedSet::default()
        }
        None => UsedSet::default(),
    };
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
        let scanned = if text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
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
