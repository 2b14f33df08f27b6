//! `keys …`: make root, issuer and used-data keys, show a public key, change a passphrase, sign the key list.

use super::*;

pub(super) fn gen_root(args: &Args) -> Res<()> {
    let out = args.req("out")?;
    let label = args
        .opt("label")
        .unwrap_or("旭川市 すみまセンエン ルート鍵 / root key");
    let (file, public) = keyfile::generate(
        KeyKind::Root,
        label,
        &passphrase(args)?,
        kdf(args),
        &random::<KEYGEN_RANDOM_LEN>()?,
    )
    .map_err(|e| Fail(words(&e), 1))?;
    write(Path::new(out), file.as_bytes(), true)?;
    println!("{}", b64(public.as_bytes()));
    eprintln!("ルート鍵を {out} に書きました / root key written to {out}; public key above");
    Ok(())
}

use jokatsu::domain::tickets::office::settlement::checks::{
    default_max_face_value, default_max_validity_days, IssuerEntry,
};

pub(super) fn gen_issuer(args: &Args) -> Res<()> {
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
        .unwrap_or_else(|| format!("発行鍵 {id} / issuer key {id}"));
    let not_before = args.req("not-before")?;
    let not_after = args.req("not-after")?;
    date_arg(not_before, "not-before")?;
    date_arg(not_after, "not-after")?;
    let (file, public) = keyfile::generate(
        KeyKind::Issuer(id),
        &label,
        &passphrase(args)?,
        kdf(args),
        &random::<KEYGEN_RANDOM_LEN>()?,
    )
    .map_err(|e| Fail(words(&e), 1))?;
    write(Path::new(out), file.as_bytes(), true)?;
    let entry = IssuerEntry {
        id: id.get(),
        role: KeyRole::Issuer,
        public_key: b64(public.as_bytes()),
        not_before: not_before.into(),
        not_after: not_after.into(),
        max_validity_days: default_max_validity_days(),
        max_face_value: default_max_face_value(),
        demo: false,
        label,
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&entry).map_err(|e| usage(e.to_string()))?
    );
    eprintln!("発行鍵 {id} を {out} に書きました / issuer key {id} written to {out}");
    Ok(())
}

pub(super) fn key_public(args: &Args) -> Res<()> {
    let path = args.one_positional("key file")?;
    let info = keyfile::inspect(&read_text(path)?)
        .map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))?;
    let (kind, id) = match info.kind {
        KeyKind::Root => ("root", String::new()),
        KeyKind::Issuer(id) => ("issuer", id.to_string()),
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
    let old = passphrase(args)?;
    let new = passphrase_from("JOKATSU_NEW_PASSPHRASE", args.opt("new-passphrase-file"))?;
    let file = keyfile::reseal(
        &read_text(path)?,
        &old,
        &new,
        kdf(args),
        &random::<RESEAL_RANDOM_LEN>()?,
    )
    .map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))?;
    write(Path::new(out), file.as_bytes(), true)?;
    eprintln!("{out} に書きました / written to {out}");
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
    let dto = jokatsu::domain::tickets::office::settlement::checks::sign_issuer_list(
        &list_json, &header, root_key,
    )
    .map_err(|e| Fail(format!("{list_path}: {}", words(&e)), 1))?;
    let json = serde_json::to_string_pretty(&dto).map_err(|e| usage(e.to_string()))?;
    let out = args.req("out")?;
    write(Path::new(out), format!("{json}\n").as_bytes(), false)?;
    eprintln!(
        "{} 件の発行鍵一覧に署名しました / signed a list of {} issuer keys: {out}",
        dto.keys.len(),
        dto.keys.len()
    );
    Ok(())
}
