//! The house's rules, as tests (`docs/architecture.md`, "Invariants"):
//!
//! 1. `domain/` is pure: no browser crate, and nothing of `platform`, `ui`, `site` or
//!    `features`.
//! 2. The ticket domain's roles: `core` uses no role; `holder`, `shop` and `office` use
//!    `core` and not each other.
//! 3. `platform/` knows no page and no feature (nor the shell).
//! 4. `site/` (the page table) uses only `domain`.
//! 5. `ui/` (the shell) imports no feature and names no page of the table.
//! 6. No feature imports another feature.
//! 7. Office-only code (`features::office`, `domain::tickets::office`, `domain::publish`)
//!    is never reachable from a public page's entry, following the module graph (every
//!    `crate::…`, `jokatsu::…`, `super::…` and child-module path, outside test code).
//!    `scripts/test.sh` also checks the built public WebAssembly for office-only strings.
//! 8. Errors are a type: no error text (`#[error("…")]`) joins Japanese and English with
//!    " / ", and no code splits a message at " / " to pick a language; each error words
//!    itself in the interface language (`domain::shared::wording::Wording`).
//! 9. A view (a function under `features/` or `ui/` returning `impl IntoView` or
//!    `AnyView`) is at most 120 lines: a longer one is split into named parts.
// Test code: a failed assumption is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every `.rs` file under `src/`, by path relative to `src/`, with its text less test code.
fn sources() -> BTreeMap<String, String> {
    fn visit(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = entry.path();
            if p.is_dir() {
                visit(&p, base, out);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let rel = p.strip_prefix(base).unwrap().display().to_string();
                let text = fs::read_to_string(&p).unwrap_or_default();
                out.insert(rel, without_tests(&text));
            }
        }
    }
    let mut out = BTreeMap::new();
    let src = PathBuf::from(ROOT).join("src");
    visit(&src, &src, &mut out);
    assert!(out.len() > 100, "src/ not found");
    // Child modules declared `#[cfg(test)] mod x;` are test code too.
    let mut test_children = Vec::new();
    for file in out.keys() {
        let raw = fs::read_to_string(src.join(file)).unwrap_or_default();
        let dir = match file.strip_suffix("mod.rs") {
            Some(d) => d.to_string(),
            None => format!("{}/", file.trim_end_matches(".rs")),
        };
        let mut lines = raw.lines();
        while let Some(l) = lines.next() {
            if l.trim() == "#[cfg(test)]" {
                if let Some(name) = lines
                    .next()
                    .and_then(|n| n.trim().strip_prefix("mod "))
                    .and_then(|n| n.strip_suffix(';'))
                {
                    test_children.push(format!("{dir}{name}.rs"));
                    test_children.push(format!("{dir}{name}/mod.rs"));
                }
            }
        }
    }
    for child in test_children {
        out.remove(&child);
    }
    out
}

/// The text without `#[cfg(test)]` items (an inline `mod … { … }`, a `mod …;` or one
/// `use`) and without comments, so that only code that is built into a page counts.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let t = line.trim_start();
        if t.starts_with("//") {
            continue;
        }
        if t == "#[cfg(test)]" {
            // Skip the next item: up to its `;` or its closing brace.
            let mut depth = 0i32;
            let mut opened = false;
            for next in lines.by_ref() {
                for c in next.chars() {
                    match c {
                        '{' => {
                            depth += 1;
                            opened = true;
                        }
                        '}' => depth -= 1,
                        _ => {}
                    }
                }
                let done = if opened {
                    depth <= 0
                } else {
                    next.trim_end().ends_with(';')
                };
                if done {
                    break;
                }
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The module path of a source file: `domain/tickets/core/keys.rs` → `domain::tickets::core::keys`.
fn module_of(file: &str) -> String {
    let f = file.trim_end_matches(".rs");
    let f = f.strip_suffix("/mod").unwrap_or(f);
    f.replace('/', "::")
}

/// The absolute paths (`domain::tickets::core::keys::X`, as segments) that `text`, written
/// in module `module`, refers to: `crate::…`, `jokatsu::…`, `super::…`, `self::…` and
/// `child::…` for its declared child modules, with `{…}` groups expanded.
fn references(module: &str, text: &str) -> Vec<Vec<String>> {
    let children: Vec<String> = text
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").unwrap_or(l);
            l.strip_prefix("mod ")
                .and_then(|r| r.strip_suffix(';'))
                .map(str::to_string)
        })
        .collect();
    let bytes: Vec<char> = text.chars().collect();
    let mut refs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let at_word_start = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        if !at_word_start || !(bytes[i].is_ascii_lowercase()) {
            i += 1;
            continue;
        }
        let (word, end) = ident(&bytes, i);
        let is_path = bytes.get(end) == Some(&':') && bytes.get(end + 1) == Some(&':');
        let base: Option<Vec<String>> = if !is_path {
            None
        } else if word == "crate" || word == "jokatsu" {
            Some(Vec::new())
        } else if word == "super" || word == "self" {
            let mut m: Vec<String> = module.split("::").map(str::to_string).collect();
            let mut j = i;
            // `super::super::…`
            loop {
                let (w, e) = ident(&bytes, j);
                if w == "super" {
                    m.pop();
                } else if w != "self" {
                    break;
                }
                if bytes.get(e) == Some(&':') && bytes.get(e + 1) == Some(&':') {
                    j = e + 2;
                } else {
                    break;
                }
            }
            i = j;
            Some(m)
        } else if children.contains(&word) {
            let mut m: Vec<String> = module.split("::").map(str::to_string).collect();
            m.push(word.clone());
            i = end + 2;
            Some(m)
        } else {
            None
        };
        let Some(base) = base else {
            i = end.max(i + 1);
            continue;
        };
        let start = if word == "crate" || word == "jokatsu" {
            end + 2
        } else {
            i
        };
        let (paths, next) = path_tail(&bytes, start, base);
        refs.extend(paths);
        i = next.max(i + 1);
    }
    refs
}

fn ident(chars: &[char], start: usize) -> (String, usize) {
    let mut end = start;
    while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '_') {
        end += 1;
    }
    (chars[start..end].iter().collect(), end)
}

/// Read `a::b::{c::d, e}` from `start`, each path prefixed with `base`.
fn path_tail(chars: &[char], start: usize, base: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let mut path = base;
    let mut i = start;
    loop {
        if chars.get(i) == Some(&'{') {
            let mut out = Vec::new();
            i += 1;
            loop {
                while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                    i += 1;
                }
                match chars.get(i) {
                    None => return (out, i),
                    Some('}') => return (out, i + 1),
                    _ => {}
                }
                let (mut sub, next) = path_tail(chars, i, path.clone());
                if next == i {
                    i += 1;
                } else {
                    i = next;
                }
                out.append(&mut sub);
            }
        }
        let (w, end) = ident(chars, i);
        if w.is_empty() {
            return (vec![path], i);
        }
        path.push(w);
        i = end;
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            // ` as name`, `;`, `(`, `!`…: the path ends here.
            return (vec![path], i);
        }
    }
}

/// The source file a path lands in: the longest prefix that is a module file.
fn file_of(path: &[String], files: &BTreeMap<String, String>) -> Option<String> {
    for n in (1..=path.len()).rev() {
        let m = path[..n].join("/");
        for candidate in [format!("{m}.rs"), format!("{m}/mod.rs")] {
            if files.contains_key(&candidate) {
                return Some(candidate);
            }
        }
    }
    None
}

/// The files each file refers to (its module graph edges).
fn graph(files: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    files
        .iter()
        .map(|(file, text)| {
            let module = module_of(file);
            let edges = references(&module, text)
                .iter()
                .filter_map(|p| file_of(p, files))
                .filter(|f| f != file)
                .collect();
            (file.clone(), edges)
        })
        .collect()
}

/// For each file under `dir`, the files it refers to outside `dir` that start with one of
/// `banned`: (file, target).
fn crossings(dir: &str, banned: &[&str]) -> Vec<(String, String)> {
    let files = sources();
    let g = graph(&files);
    let mut out = Vec::new();
    for (file, edges) in &g {
        if !file.starts_with(dir) {
            continue;
        }
        for e in edges {
            if banned.iter().any(|b| e.starts_with(b)) {
                out.push((file.clone(), e.clone()));
            }
        }
    }
    out
}

fn assert_none(what: &str, found: Vec<(String, String)>) {
    assert!(
        found.is_empty(),
        "{what}:\n{}",
        found
            .iter()
            .map(|(a, b)| format!("  src/{a} uses src/{b}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_parser_sees_the_paths_it_must() {
    let refs = references(
        "features::shop::actions",
        "use crate::domain::tickets::{core::keys::KeySet, shop::ledger};\nuse super::state::X;\nlet a = jokatsu::site::RECEIVE.file;",
    );
    let joined: Vec<String> = refs.iter().map(|r| r.join("::")).collect();
    for want in [
        "domain::tickets::core::keys::KeySet",
        "domain::tickets::shop::ledger",
        "features::shop::state::X",
        "site::RECEIVE",
    ] {
        assert!(joined.iter().any(|j| j == want), "{want} in {joined:?}");
    }
    // Test code and comments do not count.
    let cleaned = without_tests("// crate::ui::x\nfn a() {}\n#[cfg(test)]\nmod tests {\n    use crate::ui::y;\n}\nfn b() {}\n");
    assert!(!cleaned.contains("crate::ui"), "{cleaned}");
    assert!(cleaned.contains("fn b()"), "{cleaned}");
}

#[test]
fn domain_is_pure() {
    assert_none(
        "the domain must not use the platform, the shell, the page table or a feature",
        crossings(
            "domain/",
            &["platform/", "ui/", "site/", "features/", "bin/"],
        ),
    );
    for (file, text) in sources().iter().filter(|(f, _)| f.starts_with("domain/")) {
        for banned in ["leptos", "web_sys", "js_sys", "gloo", "wasm_bindgen"] {
            let hit = text.lines().any(|l| l.contains(&format!("{banned}::")));
            assert!(!hit, "src/{file} uses the browser crate {banned}");
        }
    }
}

#[test]
fn ticket_roles_use_only_the_core() {
    let t = "domain/tickets/";
    assert_none(
        "the ticket core must not use a role",
        crossings(
            &format!("{t}core/"),
            &[
                &format!("{t}holder/"),
                &format!("{t}shop/"),
                &format!("{t}office/"),
            ],
        ),
    );
    assert_none(
        "the holder's code must not use the shop's or the office's",
        crossings(
            &format!("{t}holder/"),
            &[&format!("{t}shop/"), &format!("{t}office/")],
        ),
    );
    assert_none(
        "the shop's code must not use the holder's or the office's",
        crossings(
            &format!("{t}shop/"),
            &[&format!("{t}holder/"), &format!("{t}office/")],
        ),
    );
    assert_none(
        "the office's code must not use the holder's or the shop's",
        crossings(
            &format!("{t}office/"),
            &[&format!("{t}holder/"), &format!("{t}shop/")],
        ),
    );
}

#[test]
fn platform_knows_no_page_and_no_feature() {
    assert_none(
        "the platform must not use the page table, the shell or a feature",
        crossings("platform/", &["site/", "ui/", "features/", "bin/"]),
    );
}

#[test]
fn the_page_table_uses_only_the_domain() {
    assert_none(
        "the page table must not use the platform, the shell or a feature",
        crossings("site/", &["platform/", "ui/", "features/", "bin/"]),
    );
}

#[test]
fn the_shell_imports_no_feature_and_names_no_page() {
    assert_none(
        "the shell must not use a feature or a page's entry",
        crossings("ui/", &["features/", "bin/", "main.rs"]),
    );
    // No page of the table by name: the shell works for whichever page mounts it.
    let table = &sources()["site/mod.rs"];
    let pages: Vec<String> = table
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l
                .strip_prefix("pub const ")
                .or_else(|| l.strip_prefix("pub static "))?;
            let (name, ty) = rest.split_once(':')?;
            (ty.trim_start().starts_with("Page ")).then(|| name.trim().to_string())
        })
        .collect();
    assert!(pages.len() >= 10, "page rows not found: {pages:?}");
    for (file, text) in sources().iter().filter(|(f, _)| f.starts_with("ui/")) {
        for refs in references(&module_of(file), text) {
            if refs.first().is_some_and(|s| s == "site") {
                if let Some(p) = refs.iter().find(|s| pages.contains(s)) {
                    panic!("src/{file} names the page {p}");
                }
            }
        }
    }
}

#[test]
fn no_feature_imports_another() {
    let features: Vec<String> = fs::read_dir(PathBuf::from(ROOT).join("src/features"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(features.len(), 5, "{features:?}");
    for f in &features {
        let others: Vec<String> = features
            .iter()
            .filter(|o| *o != f)
            .map(|o| format!("features/{o}/"))
            .collect();
        let others: Vec<&str> = others.iter().map(String::as_str).collect();
        assert_none(
            &format!("the {f} feature must not use another feature"),
            crossings(&format!("features/{f}/"), &others),
        );
    }
}

/// The public pages' entries, from the page table: `(bin file, page file)`.
fn public_entries() -> Vec<(String, String)> {
    let table = fs::read_to_string(PathBuf::from(ROOT).join("src/site/mod.rs")).unwrap();
    let mut out = Vec::new();
    for row in table.split("Page = Page {").skip(1) {
        let field = |name: &str| {
            row.lines()
                .find_map(|l| l.trim().strip_prefix(&format!("{name}: ")))
                .map(|v| v.trim_end_matches(',').trim_matches('"').to_string())
                .unwrap()
        };
        if field("bundle") == "Bundle::Public" {
            let bin = field("bin");
            let main = if bin == "jokatsu" {
                "main.rs".to_string()
            } else {
                format!("bin/{bin}.rs")
            };
            out.push((main, field("file")));
        }
    }
    out
}

#[test]
fn office_only_code_is_not_reachable_from_a_public_page() {
    let files = sources();
    let g = graph(&files);
    let entries = public_entries();
    assert_eq!(entries.len(), 10, "{entries:?}");
    let office_only = [
        "features/office/",
        "domain/tickets/office/",
        "domain/publish/",
        "bin/office",
    ];
    for (entry, page) in entries {
        assert!(files.contains_key(&entry), "{entry} missing");
        // Breadth first, remembering how each file was reached (to name the chain).
        let mut via: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = VecDeque::from([entry.clone()]);
        via.insert(entry.clone(), String::new());
        while let Some(f) = queue.pop_front() {
            for e in g.get(&f).into_iter().flatten() {
                if !via.contains_key(e) {
                    via.insert(e.clone(), f.clone());
                    queue.push_back(e.clone());
                }
            }
        }
        assert!(
            via.keys().any(|f| f.starts_with("ui/shell")),
            "{page}: the graph did not reach the shell from {entry}"
        );
        for reached in via.keys() {
            if office_only.iter().any(|o| reached.starts_with(o)) {
                let mut chain = vec![reached.clone()];
                let mut at = reached.clone();
                while let Some(prev) = via.get(&at).filter(|p| !p.is_empty()) {
                    chain.push(prev.clone());
                    at = prev.clone();
                }
                chain.reverse();
                panic!("{page} reaches office-only code: {}", chain.join(" → "));
            }
        }
    }
}

/// Every `#[error(…)]` attribute in `text`, whole (it may span lines).
fn error_attributes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[error(") {
        let attr = &rest[at..];
        let (mut depth, mut in_str, mut escaped, mut end) = (0i32, false, false, attr.len());
        for (i, c) in attr.char_indices() {
            match (in_str, c) {
                (true, _) if escaped => escaped = false,
                (true, '\\') => escaped = true,
                (true, '"') => in_str = false,
                (false, '"') => in_str = true,
                (false, '[') => depth += 1,
                (false, ']') => {
                    depth -= 1;
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.push(attr[..end].to_string());
        rest = &attr[end..];
    }
    out
}

#[test]
fn errors_are_a_type_not_two_languages_in_one_string() {
    let files = sources();
    let mut attributes = 0;
    let mut found = Vec::new();
    for (file, text) in &files {
        for attr in error_attributes(text) {
            attributes += 1;
            if attr.contains(" / ") {
                found.push((file.clone(), attr));
            }
        }
        for marker in ["split_once(\" / \")", "split(\" / \")"] {
            if text.contains(marker) {
                found.push((file.clone(), marker.to_string()));
            }
        }
    }
    assert!(
        attributes > 50,
        "the scan finds the error attributes ({attributes})"
    );
    assert!(
        found.is_empty(),
        "two languages in one string (word each error with `Wording` instead):\n{}",
        found
            .iter()
            .map(|(file, what)| format!("  src/{file}: {what}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The scan itself sees what it must.
    let sample = "#[error(\"a [b] \\\" / \\\" c\")]\nX,\n#[error(\n    \"{0} / {1}\"\n)]\n";
    let got = error_attributes(sample);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|a| a.contains(" / ")), "{got:?}");
}

/// Deploys are whole: an installed app open for days checks for a new version when it
/// comes back to the foreground (`docs/operations.md`, "Publishing"), in the platform's
/// service-worker glue, not in a page.
#[test]
fn the_service_worker_checks_for_a_new_version_when_the_app_comes_to_the_foreground() {
    let glue = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src/platform/js/sw_register.js"
    ))
    .unwrap();
    let listener = glue
        .find("addEventListener('visibilitychange'")
        .expect("a visibilitychange listener in the service-worker glue");
    let after = &glue[listener..];
    let body = &after[..after.find("});").expect("the listener's end")];
    assert!(body.contains("document.visibilityState"), "{body}");
    assert!(body.contains("reg.update()"), "{body}");
}

/// The views (functions under `src/features` and `src/ui` that return `impl IntoView` or
/// `AnyView`),
/// each with its length in lines, from its `fn` line to its closing brace (rustfmt's
/// layout: the brace at the `fn`'s indentation).
fn view_lengths() -> Vec<(String, String, usize)> {
    let src = PathBuf::from(ROOT).join("src");
    let mut out = Vec::new();
    for (file, _) in sources() {
        if !(file.starts_with("features/") || file.starts_with("ui/")) {
            continue;
        }
        let text = fs::read_to_string(src.join(&file)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let indent = &line[..line.len() - t.len()];
            let Some(at) = t.find("fn ") else { continue };
            if !(at == 0 || t[..at].ends_with(' ')) || t.starts_with("//") {
                continue;
            }
            // The signature runs to the first line that opens the body.
            let Some(open) = (i..lines.len()).find(|&j| lines[j].trim_end().ends_with('{')) else {
                continue;
            };
            let signature = lines[i..=open].join(" ");
            if !(signature.contains("-> impl IntoView") || signature.contains("-> AnyView")) {
                continue;
            }
            let close = format!("{indent}}}");
            let Some(end) = (open..lines.len()).find(|&j| lines[j] == close) else {
                continue;
            };
            let name = t[at + 3..]
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or_default()
                .to_string();
            out.push((file.clone(), name, end - i + 1));
        }
    }
    out
}

/// A view stays short enough to read (issue 22): one over 120 lines is split into named
/// parts (child components or plain `fn … -> impl IntoView` functions), each of them
/// short too.
#[test]
fn views_are_split_into_named_parts() {
    // Views allowed to stay long, each as (file under src/, function, why); none now.
    const ALLOWED: &[(&str, &str, &str)] = &[];
    let views = view_lengths();
    // An exception that is no longer needed is taken off the list.
    for (file, name, _) in ALLOWED {
        assert!(
            views
                .iter()
                .any(|(f, n, len)| f == file && n == name && *len > 120),
            "src/{file}: {name} is no longer over 120 lines; take it off ALLOWED"
        );
    }
    assert!(
        views
            .iter()
            .any(|(f, n, _)| f.ends_with("office/keys.rs") && n == "KeySection"),
        "the scan found no views: {views:?}"
    );
    let long: Vec<String> = views
        .iter()
        .filter(|(f, n, len)| *len > 120 && !ALLOWED.iter().any(|(af, an, _)| f == af && n == an))
        .map(|(f, n, len)| format!("src/{f}: {n} is {len} lines"))
        .collect();
    assert!(
        long.is_empty(),
        "views over 120 lines (split each into named parts):\n{}",
        long.join("\n")
    );
}
