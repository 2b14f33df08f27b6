//! `keys …`: make root, issuer and used-data keys, show a public key, change a passphrase, sign the key list.

use super::*;

pub(super) fn gen_root(args: &Args) -> Res<()> {
    let out = args.req("out")?;
    let default_label = jokatsu::say!(
        lang(),
        "旭川市 すみまセンエン ルート鍵",
        "Asahikawa Sumimasen-en root key"
    );
    let label = args.opt("label").unwrap_or(&default_label);
    let (file, public) = keyfile::generate(
        KeyKind::Root,
        label,
        &new_passphrase(args, "passphrase-file")?,
        kdf(args)?,
        &random::<KEYGEN_RANDOM_LEN>()?,
    )
    .map_err(|e| Fail(words(&e), 1))?;
    write_key_file(Path::new(out), file.as_bytes())?;
    println!("{}", b64(public.as_bytes()));
    eprintln!(
        "{}",
        jokatsu::say!(
            lang(),
            "ルート鍵を {out} に書きました（公開鍵は上の行）",
            "Root key written to {out}; its public key is above"
        )
    );
    Ok(())
}

use jokatsu::domain::tickets::office::keylist::{
    default_max_face_value, default_max_validity_days, IssuerEntry, KeyListDraft,
};

/// Adds `entry` to the key list file at `path` (made if missing): the office never writes
/// the list by hand. Says whether an entry with its id was replaced.
fn add_to_list(path: &str, entry: IssuerEntry) -> Res<()> {
    let mut draft = match fs::read_to_string(path) {
        Ok(text) => KeyListDraft::from_json(&text)
            .map_err(|e| Fail(format!("{path}: {}", e.wording(lang())), 1))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => KeyListDraft::default(),
        Err(e) => return Err(usage(format!("cannot read {path}: {e}"))),
    };
    let id = entry.id;
    let replaced = draft.upsert(entry).is_some();
    write_atomic(Path::new(path), format!("{}\n", draft.to_json()).as_bytes())?;
    eprintln!(
        "{}",
        say(
            if replaced {
                format!("鍵一覧 {path} の鍵 {id} を置き換えました")
            } else {
                format!("鍵一覧 {path} に鍵 {id} を加えました")
            },
            if replaced {
                format!("replaced key {id} in the key list {path}")
            } else {
                format!("added key {id} to the key list {path}")
            },
        )
    );
    Ok(())
}

/// The interface language of the tool: English when `LANG` starts with `en`.
fn lang() -> jokatsu::domain::shared::text::Lang {
    use jokatsu::domain::shared::text::Lang;
    match std::env::var("LANG") {
        Ok(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Ja,
    }
}

/// One of two wordings, in the tool's language.
fn say(ja: String, en: String) -> String {
    match lang() {
        jokatsu::domain::shared::text::Lang::En => en,
        _ => ja,
    }
}

/// What `keys gen-issuer` and `keys gen-used` share: the id, label and window from the
/// arguments, the key made and written to `--out`. Returns the id, label, window and the
/// public key.
fn gen_listed_key(
    args: &Args,
    kind: fn(KeyId) -> KeyKind,
    default_label: fn(KeyId) -> String,
) -> Res<(KeyId, String, String, String, String)> {
    let out = args.req("out")?;
    let id_text = args.req("id")?;
    let id = id_text
        .parse::<u8>()
        .ok()
        .and_then(KeyId::new)
        .ok_or_else(|| usage(format!("--id {id_text}: must be 1..=255")))?;
    let label = args
        .opt("label")
        .map(str::to_owned)
        .unwrap_or_else(|| default_label(id));
    let not_before = args.req("not-before")?;
    let not_after = args.req("not-after")?;
    date_arg(not_before, "not-before")?;
    date_arg(not_after, "not-after")?;
    let (file, public) = keyfile::generate(
        kind(id),
        &label,
        &new_passphrase(args, "passphrase-file")?,
        kdf(args)?,
        &random::<KEYGEN_RANDOM_LEN>()?,
    )
    .map_err(|e| Fail(words(&e), 1))?;
    write_key_file(Path::new(out), file.as_bytes())?;
    Ok((
        id,
        label,
        not_before.into(),
        not_after.into(),
        b64(public.as_bytes()),
    ))
}

pub(super) fn gen_issuer(args: &Args) -> Res<()> {
    let out = args.req("out")?;
    let (id, label, not_before, not_after, public_key) =
        gen_listed_key(args, KeyKind::Issuer, |id| {
            jokatsu::say!(lang(), "発行鍵 {id}", "issuer key {id}")
        })?;
    let number = |name: &str, default: u32| -> Res<u32> {
        match args.opt(name) {
            None => Ok(default),
            Some(t) => t
                .trim()
                .parse::<u32>()
                .map_err(|_| usage(format!("--{name} {t}: not a number"))),
        }
    };
    let entry = IssuerEntry {
        id: id.get(),
        role: KeyRole::Issuer,
        public_key,
        not_before,
        not_after,
        max_validity_days: u16::try_from(number(
            "max-validity-days",
            u32::from(default_max_validity_days()),
        )?)
        .map_err(|_| usage("--max-validity-days: at most 65535"))?,
        max_face_value: number("max-face-value", default_max_face_value())?,
        demo: false,
        label,
        revoked_from: None,
    };
    if let Some(list) = args.opt("list") {
        add_to_list(list, entry.clone())?;
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&entry).map_err(|e| usage(e.to_string()))?
    );
    eprintln!(
        "{}",
        jokatsu::say!(
            lang(),
            "発行鍵 {id} を {out} に書きました",
            "Issuer key {id} written to {out}"
        )
    );
    Ok(())
}

pub(super) fn gen_used(args: &Args) -> Res<()> {
    let out = args.req("out")?;
    let (id, label, not_before, not_after, public_key) =
        gen_listed_key(args, KeyKind::Used, |id| format!("使用済みデータ鍵 {id}"))?;
    let entry = IssuerEntry {
        id: id.get(),
        role: KeyRole::Used,
        public_key,
        not_before,
        not_after,
        max_validity_days: 0,
        max_face_value: 0,
        demo: false,
        label,
        revoked_from: None,
    };
    if let Some(list) = args.opt("list") {
        add_to_list(list, entry.clone())?;
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&entry).map_err(|e| usage(e.to_string()))?
    );
    eprintln!(
        "{}",
        say(
            format!("使用済みデータ鍵 {id} を {out} に書きました"),
            format!("used-data key {id} written to {out}")
        )
    );
    Ok(())
}

pub(super) fn key_public(args: &Args) -> Res<()> {
    let path = args.one_positional("key file")?;
    let info = keyfile::inspect(&read_text(path)?)
        .map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))?;
    let (kind, id) = match info.kind {
        KeyKind::Root => ("root", String::new()),
        KeyKind::Issuer(id) => ("issuer", id.to_string()),
        KeyKind::Used(id) => ("used", id.to_string()),
    };
    println!("kind\t{kind}");
    if !id.is_empty() {
        println!("id\t{id}");
    }
    println!("label\t{}", info.label);
    println!("public_key\t{}", b64(info.public_key.as_bytes()));
    println!(
        "kdf\targon2id m={}KiB t={} p={}",
        info.kdf.memory_kib, info.kdf.iterations, info.kdf.parallelism
    );
    Ok(())
}

pub(super) fn key_passwd(args: &Args) -> Res<()> {
    let path = args.one_positional("key file")?;
    let out = args.req("out")?;
    let json = read_text(path)?;
    let old = passphrase(args)?;
    let new = new_passphrase(args, "new-passphrase-file")?;
    let reseal = if test_kdf(args)? {
        keyfile::reseal_allowing_test_kdf
    } else {
        keyfile::reseal
    };
    let file = reseal(
        &json,
        &old,
        &new,
        kdf(args)?,
        &random::<RESEAL_RANDOM_LEN>()?,
    )
    .map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))?;
    write_key_file(Path::new(out), file.as_bytes())?;
    eprintln!(
        "{}",
        jokatsu::say!(lang(), "{out} に書きました", "Written to {out}")
    );
    Ok(())
}

pub(super) fn sign_list(args: &Args) -> Res<()> {
    let root = open_key(args.req("root")?, args)?;
    let root_key = root.require_root().map_err(|e| Fail(words(&e), 1))?;
    let list_path = args.req("issuers")?;
    let list_json = read_text(list_path)?;
    let sequence_text = args.req("sequence")?;
    let header = KeyListHeader {
        sequence: sequence_text
            .parse::<u64>()
            .map_err(|_| usage(format!("--sequence {sequence_text}: not a number")))?,
        signed_at: date_arg(args.req("signed-at")?, "signed-at")?,
        expires: date_arg(args.req("expires")?, "expires")?,
    };
    let mut draft = KeyListDraft::from_json(&list_json)
        .map_err(|e| Fail(format!("{list_path}: {}", e.wording(lang())), 1))?;
    // --revoke ID=YYYY-MM-DD[,ID=YYYY-MM-DD…]: a leaked or lost issuer key's tickets stop
    // counting from that day; `ID=none` lifts a revocation.
    if let Some(spec) = args.opt("revoke") {
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (id, day) = part
                .split_once('=')
                .ok_or_else(|| usage(format!("--revoke {part}: write ID=YYYY-MM-DD")))?;
            let id = id
                .trim()
                .parse::<u8>()
                .map_err(|_| usage(format!("--revoke {part}: key id must be 1..=255")))?;
            let from = match day.trim() {
                "none" => None,
                day => Some(date_arg(day, "revoke")?),
            };
            draft
                .revoke(id, from)
                .map_err(|e| Fail(format!("--revoke {part}: {}", e.wording(lang())), 1))?;
        }
    }
    let dto = draft
        .sign(&header, root_key, !args.flag("demo"))
        .map_err(|problems| {
            let words: Vec<String> = problems.iter().map(|p| p.wording(lang())).collect();
            Fail(format!("{list_path}:\n  {}", words.join("\n  ")), 1)
        })?;
    let json = serde_json::to_string_pretty(&dto).map_err(|e| usage(e.to_string()))?;
    let out = args.req("out")?;
    write(Path::new(out), format!("{json}\n").as_bytes(), false)?;
    eprintln!(
        "{}",
        say(
            format!("{} 件の鍵の一覧に署名しました: {out}", dto.keys.len()),
            format!("signed a list of {} keys: {out}", dto.keys.len())
        )
    );
    Ok(())
}
