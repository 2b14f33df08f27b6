//! `used interim`: used data from the claim files received so far, without settling or
//! paying (`docs/claim-format.md`, "Interim used data").

use super::*;

pub(super) fn used_interim(args: &Args) -> Res<()> {
    use jokatsu::domain::tickets::office::interim::interim_marks;
    use jokatsu::domain::tickets::office::settlement::checks::next_used_section;
    use jokatsu::domain::tickets::office::settlement::{verify_with, ClaimAuth};
    let root = root_arg(args)?;
    let demo = args.flag("demo");
    let policy = if demo {
        VerifyPolicy::DEMO
    } else {
        VerifyPolicy::PRODUCTION
    };
    let feed_path = args.req("feed")?;
    let feed = parse_feed(&read_text(feed_path)?, &root)
        .map_err(|e| Fail(format!("{feed_path}: {e}"), 1))?;
    let keys = feed_keys(&feed, feed_path)?;
    // The published used data is the base: refused, nothing is signed (a new list would
    // drop what it marks).
    let previous = feed_used(&feed, &root, keys, feed_path)?;
    if args.positional.is_empty() {
        return Err(usage("give the claim files received so far"));
    }
    // Only claims a settlement would accept: in production, signed by a key registered
    // to the shop (--shop-keys); a demo run also takes unsigned ones.
    let shop_keys = super::shop_keys::shop_keys_arg(args)?;
    let auth = if demo {
        ClaimAuth::demo(shop_keys)
    } else {
        ClaimAuth::production(shop_keys)
    };
    let mut claims = Vec::new();
    for path in &args.positional {
        let claim = auth
            .read_claim(&read_text(path)?)
            .map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))?;
        claims.push(claim);
    }
    let day = today(args)?;
    let key_path = args.req("used-key")?;
    let key = open_key(key_path, args)?;
    let signer = jokatsu::domain::tickets::office::keylist::used_signer(
        key.kind,
        &key.public_key(),
        keys,
        &root,
        day,
        !demo,
    )
    .map_err(|e| Fail(format!("{key_path}: {}", e.wording(lang())), 1))?;
    let marks = interim_marks(&claims, previous.as_ref(), verify_with(keys, policy));
    for n in &marks.not_marked {
        eprintln!("{}\t{}\t{}", n.claim, n.ticket, n.code);
    }
    let dto = next_used_section(previous.as_ref(), &marks.new, day, signer, &key.signing_key)
        .map_err(|e| Fail(words(&e), 1))?;
    // What the apps will do with it: verify it before it is written.
    UsedData::from_feed(&dto, &root, keys).map_err(|e| Fail(words(&e), 1))?;
    let json = serde_json::to_string_pretty(&dto).map_err(|e| usage(e.to_string()))?;
    let out = args.req("out")?;
    write(Path::new(out), format!("{json}\n").as_bytes(), false)?;
    let summary = match lang() {
        Lang::En => format!(
            "interim used data (sequence {}): {} tickets newly marked, {} already published, {} not marked (listed above); nothing was settled or paid: {out}",
            dto.sequence,
            marks.new.len(),
            marks.already_published,
            marks.not_marked.len()
        ),
        _ => format!(
            "途中の使用済みデータ（番号 {}）: 新しく {} 枚、公開済み {} 枚、対象外 {} 枚（上に一覧）。精算・支払いはしていません: {out}",
            dto.sequence,
            marks.new.len(),
            marks.already_published,
            marks.not_marked.len()
        ),
    };
    println!("{summary}");
    Ok(())
}
