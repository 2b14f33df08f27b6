//! `shop-keys add` / `shop-keys retire`: the office's register of shop claim keys
//! (`shop-keys.csv`, `docs/claim-format.md` § "Registering the key with the office").

use super::*;
use jokatsu::domain::tickets::core::claim_signature::{ShopKeyRegistration, ShopPublicKey};
use jokatsu::domain::tickets::office::settlement::ShopKeyRegister;

fn load(path: &str) -> Res<ShopKeyRegister> {
    if !Path::new(path).exists() {
        return Ok(ShopKeyRegister::new());
    }
    ShopKeyRegister::from_csv(&read_text(path)?)
        .map_err(|e| Fail(format!("{path}: {}", words(&e)), 1))
}

/// Reads `--shop-keys FILE` for `settle` (an absent option is an empty register).
pub(super) fn shop_keys_arg(args: &Args) -> Res<ShopKeyRegister> {
    match args.opt("shop-keys") {
        Some(p) => ShopKeyRegister::from_csv(&read_text(p)?)
            .map_err(|e| Fail(format!("{p}: {}", words(&e)), 1)),
        None => Ok(ShopKeyRegister::new()),
    }
}

pub(super) fn shop_keys_add(args: &Args) -> Res<()> {
    let path = args.req("file")?;
    let mut register = load(path)?;
    if args.positional.is_empty() {
        return Err(usage("give the shops' registration texts (JKSHOPKEY1:…)"));
    }
    let day = today(args)?;
    for text in &args.positional {
        let r = ShopKeyRegistration::parse(text).ok_or_else(|| {
            Fail(
                format!("{text:?}: not a shop key registration (JKSHOPKEY1:<shop>:<key>)"),
                1,
            )
        })?;
        if !register.register(&r, day) {
            return Err(Fail(
                format!(
                    "{}: this key is already registered to another shop",
                    r.key.to_text()
                ),
                1,
            ));
        }
        println!("{} {} {}", r.shop, r.key.fingerprint(), r.key.to_text());
    }
    write(Path::new(path), register.to_csv().as_bytes(), false)
}

pub(super) fn shop_keys_retire(args: &Args) -> Res<()> {
    let path = args.req("file")?;
    let mut register = load(path)?;
    let key_text = args.req("key")?;
    let key = ShopPublicKey::parse(key_text)
        .ok_or_else(|| usage(format!("--key {key_text:?}: not a shop public key")))?;
    let from = date_arg(args.req("from")?, "from")?;
    if !register.retire(&key, from) {
        return Err(Fail(format!("{key_text}: not in {path}"), 1));
    }
    write(Path::new(path), register.to_csv().as_bytes(), false)
}
