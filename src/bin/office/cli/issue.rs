//! `issue`: a month of tickets from the roster, through the issuance register.

use super::*;

pub(super) fn issue(args: &Args) -> Res<()> {
    let roster_path = args.req("roster")?;
    let roster = import_roster(&read(roster_path)?)
        .map_err(|e| Fail(format!("{roster_path}: {}", words(&e)), 1))?;
    let month_text = args.req("month")?;
    let month = parse_month(month_text)
        .ok_or_else(|| usage(format!("--month {month_text:?}: not YYYY-MM")))?;
    let register_path = PathBuf::from(args.req("register")?);
    let register = if register_path.exists() {
        Register::from_json(&read_text(&register_path.display().to_string())?)
            .map_err(|e| Fail(format!("{}: {}", register_path.display(), words(&e)), 1))?
    } else if args.flag("new-register") {
        Register::new()
    } else {
        let path = register_path.display();
        return Err(usage(jokatsu::say!(
            lang(),
            "発行台帳 {path} がありません。初回だけ --new-register を付けてください",
            "register {path} not found; pass --new-register for the very first issue only",
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
    // Bundle links open the app's own receiving page: its address is required (no
    // default), https (docs/issuance.md).
    if !args.flag("dry-run") {
        settings
            .require_link_base()
            .map_err(|e| usage(format!("--link-base: {}", words(&e))))?;
    }
    let key = open_key(args.req("key")?, args)?;
    let key_id = key.issuer_id().map_err(|e| Fail(words(&e), 1))?;
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
        .map_err(|e| Fail(words(&e), 1))?;
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
            println!("{}", words(p));
        }
        let (planned, new, skipped) = (plan.planned.len(), plan.new_count(), plan.skipped.len());
        eprintln!(
            "{}",
            jokatsu::say!(
                lang(),
                "予定：{planned} 人に発行（新規 {new}）、対象外 {skipped} 人。何も書いていません",
                "Plan: issue to {planned} (new {new}), skip {skipped}. Nothing written"
            )
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
    .map_err(|e| Fail(words(&e), 1))?;
    // The register first: nothing is handed out that the register does not record.
    write_atomic(&register_path, output.register.to_json().as_bytes())?;
    let files = output
        .files(&roster.entries, &roster.problems)
        .map_err(|e| Fail(words(&e), 1))?;
    for f in &files {
        write(&out_dir.join(&f.path), &f.bytes, false)?;
    }
    let new = output.recipients.iter().filter(|r| !r.reissue).count();
    let report = output
        .report(&roster.entries)
        .map_err(|e| Fail(words(&e), 1))?;
    let (issued, skipped, problems) = (
        output.recipients.len(),
        output.skipped.len(),
        roster.problems.len(),
    );
    let again = issued - new;
    println!(
        "{}",
        jokatsu::say!(
            lang(),
            "{month}: 発行 {issued} 人（新規 {new}・再発行 {again}）、対象外 {skipped} 人、名簿の問題 {problems} 件",
            "{month}: issued to {issued} (new {new}, re-issued {again}); skipped {skipped}; roster problems {problems}"
        )
    );
    let (people, tickets, employer, city) = (
        report.recipients,
        report.tickets,
        report.amounts.employer,
        report.amounts.city,
    );
    println!(
        "{}",
        jokatsu::say!(
            lang(),
            "{month} 合計：{people} 人、{tickets} 枚、事業所負担 {employer}、市負担 {city}",
            "{month} total: {people} recipients, {tickets} tickets, employers {employer}, city {city}"
        )
    );
    for p in &roster.problems {
        eprintln!("{}", words(p));
    }
    println!("{}", out_dir.display());
    Ok(())
}
