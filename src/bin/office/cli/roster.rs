//! `roster check` and `shops check`: read a roster or a shop list and say what is wrong, line by line.

use super::*;

pub(super) fn shops_check(args: &Args) -> Res<()> {
    use jokatsu::domain::publish::shops_csv::{diff, import_shops};
    use jokatsu::domain::tickets::core::shops::ShopDto;
    let path = args.one_positional("shop list file")?;
    let list = import_shops(&read(path)?).map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))?;
    let (encoding, header, shops, problems) = (
        list.encoding.label(),
        list.header_line,
        list.shops.len(),
        list.problems.len(),
    );
    println!(
        "{}",
        jokatsu::say!(
            lang(),
            "{path}: {encoding}、見出し {header}行目、お店 {shops}、問題 {problems}",
            "{path}: {encoding}, header line {header}, shops {shops}, problems {problems}"
        )
    );
    for p in &list.problems {
        println!("{}", words(p));
    }
    if let Some(feed) = args.opt("feed") {
        let value: serde_json::Value =
            serde_json::from_str(&read_text(feed)?).map_err(|e| Fail(format!("{feed}: {e}"), 1))?;
        let current: Vec<ShopDto> = match value.get("shops") {
            Some(v) => serde_json::from_value(v.clone())
                .map_err(|e| Fail(format!("{feed}: shops: {e}"), 1))?,
            None => Vec::new(),
        };
        let d = diff(&current, &list.shops);
        println!("{}", d.summary(super::lang()));
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
        let json = serde_json::to_string_pretty(&list.shops).map_err(|e| usage(e.to_string()))?;
        write(Path::new(out), json.as_bytes(), false)?;
    }
    if list.problems.is_empty() {
        Ok(())
    } else {
        Err(Fail(String::new(), 1))
    }
}

pub(super) fn roster_check(args: &Args) -> Res<()> {
    let path = args.one_positional("roster file")?;
    let roster =
        import_roster(&read(path)?).map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))?;
    let (encoding, header, good, problems) = (
        roster.encoding.label(),
        roster.header_line,
        roster.entries.len(),
        roster.problems.len(),
    );
    println!(
        "{}",
        jokatsu::say!(
            lang(),
            "{path}: {encoding}、見出し {header}行目、読めた行 {good}、問題 {problems}",
            "{path}: {encoding}, header line {header}, good lines {good}, problems {problems}"
        )
    );
    for p in &roster.problems {
        println!("{}", words(p));
    }
    if let Some(m) = args.opt("month") {
        let month = parse_month(m).ok_or_else(|| usage(format!("--month {m:?}: not YYYY-MM")))?;
        let settings = IssueSettings::default();
        for e in &roster.entries {
            let status = settings
                .eligibility
                .month_status(&e.children, e.returned, month)
                .map(|s| s.message())
                .unwrap_or_else(|err| words(&err));
            println!("{}行目\t{}\t{month}\t{status}", e.line, e.recipient);
        }
    }
    if roster.problems.is_empty() {
        Ok(())
    } else {
        Err(Fail(String::new(), 1))
    }
}
