//! One command's arguments: positional values, `--name value` options and flags.

use super::*;

/// Parsed command line of one subcommand.
pub(super) struct Args {
    pub(super) positional: Vec<String>,
    pub(super) options: BTreeMap<String, String>,
    pub(super) flags: BTreeSet<String>,
}

impl Args {
    pub(super) fn parse(cmd: &Command, tokens: &[String]) -> Res<Args> {
        let mut args = Args {
            positional: Vec::new(),
            options: BTreeMap::new(),
            flags: BTreeSet::new(),
        };
        let mut it = tokens.iter();
        while let Some(t) = it.next() {
            let Some(name) = t.strip_prefix("--") else {
                args.positional.push(t.clone());
                continue;
            };
            let (name, inline) = match name.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (name, None),
            };
            if cmd.flags.contains(&name) && inline.is_none() {
                args.flags.insert(name.to_owned());
            } else if cmd.options.contains(&name) {
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| usage(format!("--{name} needs a value")))?,
                };
                if args.options.insert(name.to_owned(), value).is_some() {
                    return Err(usage(format!("--{name} given twice")));
                }
            } else {
                return Err(usage(format!(
                    "unknown option --{name} (see `jokatsu-office {} --help`)",
                    cmd.name
                )));
            }
        }
        Ok(args)
    }

    pub(super) fn opt(&self, name: &str) -> Option<&str> {
        self.options.get(name).map(String::as_str)
    }

    pub(super) fn req(&self, name: &str) -> Res<&str> {
        self.opt(name)
            .ok_or_else(|| usage(format!("--{name} is required")))
    }

    pub(super) fn flag(&self, name: &str) -> bool {
        self.flags.contains(name)
    }

    pub(super) fn one_positional(&self, what: &str) -> Res<&str> {
        match self.positional.as_slice() {
            [one] => Ok(one),
            _ => Err(usage(format!("give exactly one {what}"))),
        }
    }
}
