//! `settle`: a month of shop claims re-verified, paid and charged.

use super::*;

pub(super) fn settle(args: &Args) -> Res<()> {
    use jokatsu::domain::tickets::office::settlement::checks::{
        next_used_section, require_register, settlement_checks,
    };
    use jokatsu::domain::tickets::office::settlement::{
        require_shop_master, ClaimAuth, Decision, Settlement, SettlementState, ShopMaster,
    };
    let policy = if args.flag("demo") {
        VerifyPolicy::DEMO
    } else {
        VerifyPolicy::PRODUCTION
    };
    // The register is a check, not a label: production refuses to settle without it,
    // before anything else is read.
    if args.opt("register").is_none() {
        require_register(None, policy).map_err(|e| usage(format!("--register: {}", words(&e))))?;
    }
    // So is the shop check: production checks shops against the office's own shop master
    // (--shops), not against whatever feed file was given.
    if args.opt("shops").is_none() {
        require_shop_master(None, policy)
            .map_err(|e| usage(format!("--shops SHOPS.csv: {}", words(&e))))?;
    }
    let root = root_arg(args)?;
    let month_text = args.req("month")?;
    let month = parse_month(month_text)
        .ok_or_else(|| usage(format!("--month {month_text:?}: not YYYY-MM")))?;
    let feed_path = args.req("feed")?;
    let feed = parse_feed(&read_text(feed_path)?, &root)
        .map_err(|e| Fail(format!("{feed_path}: {e}"), 1))?;
    let keys = feed_keys(&feed, feed_path)?;
    let register = match args.opt("register") {
        Some(p) => Some(
            Register::from_json(&read_text(p)?)
                .map_err(|e| Fail(format!("{p}: {}", words(&e)), 1))?,
        ),
        None => None,
    };
    let master = match args.opt("shops") {
        Some(p) => Some(
            ShopMaster::from_csv(&read(p)?).map_err(|e| Fail(format!("{p}: {}", words(&e)), 1))?,
        ),
        None => None,
    };
    let roster = match args.opt("roster") {
        Some(p) => {
            import_roster(&read(p)?)
                .map_err(|e| Fail(format!("{p}: {}", words(&e)), 1))?
                .entries
        }
        None => Vec::new(),
    };
    let previous = match args.opt("state") {
        Some(p) => SettlementState::from_json(&read_text(p)?)
            .map_err(|e| Fail(format!("{p}: {}", words(&e)), 1))?,
        None => SettlementState::new(),
    };
    if args.positional.is_empty() {
        return Err(usage("give the claim files to settle".to_string()));
    }
    let checks = settlement_checks(
        keys,
        &feed.sections.shops,
        master.as_ref(),
        register.as_ref(),
        &roster,
        policy,
    )
    .map_err(|e| usage(format!("{}: {}", e.option(), words(&e))))?;
    let shop_keys = super::shop_keys::shop_keys_arg(args)?;
    let auth = if args.flag("demo") {
        ClaimAuth::demo(shop_keys)
    } else {
        ClaimAuth::production(shop_keys)
    };
    let mut run = Settlement::new(month, previous)
        .with_today(today(args)?)
        .with_claim_auth(auth)
        // Names as the shop check knows the shops: the office's master when given.
        .with_shop_names(
            master
                .as_ref()
                .map_or(&feed.sections.shops, ShopMaster::directory),
        );
    if let Some(p) = args.opt("decisions") {
        let text = read_text(p)?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
        for (i, row) in text.lines().enumerate().skip(1) {
            let row = row.trim_end_matches('\r');
            if row.trim().is_empty() {
                continue;
            }
            let bad = || Fail(format!("{p}: line {}: ticket,pay:<shop>|none", i + 1), 1);
            let (ticket, decision) = row.split_once(',').ok_or_else(bad)?;
            let ticket = jokatsu::domain::tickets::office::settlement::parse_ticket_id(ticket)
                .ok_or_else(bad)?;
            run.decide(ticket, Decision::parse(decision).ok_or_else(bad)?);
        }
    }
    // A claim file that cannot be read or is refused is listed in the report (summary.txt,
    // problems.csv) by its name, and the run exits 3; the others are settled.
    for path in &args.positional {
        let name = Path::new(path)
            .file_name()
            .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
        let text = match fs::read(path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(_)) => {
                eprintln!("{path}: not UTF-8 text");
                run.unreadable_file(&name, "not UTF-8 text");
                continue;
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                run.unreadable_file(&name, e.to_string());
                continue;
            }
        };
        if let Err(e) = run.import_file(&name, &text) {
            eprintln!("{path}: {}", words(&e));
        }
    }
    let report = run.finish(&checks).map_err(|e| Fail(words(&e), 1))?;
    let out = PathBuf::from(args.req("out")?);
    for (name, text) in [
        ("payouts.csv", report.payouts_csv()),
        ("charges.csv", report.charges_csv()),
        ("problems.csv", report.problems_csv()),
        ("settled.csv", report.settled_csv()),
        ("review.csv", report.review_csv()),
        ("settlement-state.json", report.state.to_json()),
        ("summary.txt", report.summary()),
    ] {
        write(&out.join(name), text.as_bytes(), false)?;
    }
    if let Some(key_path) = args.opt("used-key") {
        let key = open_key(key_path, args)?;
        // Only a key the app accepts for used data: the listed used-data key (or the root
        // the app was built with), inside its window, never a demo key in production.
        let signer = jokatsu::domain::tickets::office::keylist::used_signer(
            key.kind,
            &key.public_key(),
            keys,
            &root,
            today(args)?,
            !args.flag("demo"),
        )
        .map_err(|e| {
            Fail(
                format!(
                    "{key_path}: {}",
                    e.wording(jokatsu::domain::shared::text::Lang::Ja)
                ),
                1,
            )
        })?;
        let previous = feed_used(&feed, &root, keys, feed_path)?;
        let dto = next_used_section(
            previous.as_ref(),
            &report.used_marks(),
            today(args)?,
            signer,
            &key.signing_key,
        )
        .map_err(|e| Fail(words(&e), 1))?;
        let json = serde_json::to_string_pretty(&dto).map_err(|e| usage(e.to_string()))?;
        write(&out.join("used.json"), json.as_bytes(), false)?;
    }
    println!("{}", report.summary());
    // Exit codes (docs/settlement.md): 3 a claim file was refused (the run is incomplete),
    // 1 something to follow up (a till gap alone is not), 0 everything paid.
    match report.exit_code() {
        3 => {
            let n = report.refused_files.len();
            Err(Fail(
                jokatsu::say!(
                    lang(),
                    "受け付けなかった請求ファイルが {n}件あります（summary.txt と problems.csv を見てください）",
                    "{n} claim file(s) refused: see summary.txt and problems.csv",
                ),
                3,
            ))
        }
        0 => Ok(()),
        code => Err(Fail(String::new(), code)),
    }
}
