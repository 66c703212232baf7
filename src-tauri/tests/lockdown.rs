//! The desktop shell is locked down: its content security policy lets the
//! page load and connect to nothing but the app itself, and the window may
//! call exactly the commands the UI uses, with no plugin or file access.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(rel: &str) -> serde_json::Value {
    serde_json::from_str(&read(rel)).unwrap()
}

#[test]
fn the_content_security_policy_allows_no_remote_origin() {
    let conf = json("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP is set");
    let mut directives = BTreeSet::new();
    for directive in csp.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        let mut parts = directive.split_whitespace();
        let name = parts.next().unwrap();
        directives.insert(name.to_string());
        for source in parts {
            let allowed = matches!(source, "'self'" | "'none'" | "data:" | "ipc:" | "http://ipc.localhost")
                || (source == "'unsafe-inline'" && name == "style-src");
            assert!(allowed, "{name} allows {source}: only the app itself may be reached");
        }
    }
    assert!(directives.contains("default-src"), "everything not named falls back to default-src: {csp}");
    assert!(!csp.contains("script-src"), "scripts fall back to 'self' (no inline or remote script)");
    assert!(conf["app"]["security"]["dangerousDisableAssetCspModification"].is_null());
    assert!(conf["app"]["withGlobalTauri"].as_bool() != Some(true), "no global Tauri object for injected scripts");
}

include!("../src/commands.rs");

/// Every command, from the one list in `src/commands.rs`.
const COMMANDS: &[&str] = app_commands!(command_names);

/// `ui/src/lib/commands.ts`: the command names as a TypeScript type, so the
/// UI's `call` only takes a command that exists.
fn commands_ts() -> String {
    let mut out = String::from(
        "// Generated from src-tauri/src/commands.rs. Do not edit by hand: run `make bindings`\n\
         // (the test `the_ui_knows_exactly_the_commands_there_are` fails when this file is stale).\n\n\
         /** A command of the app, as `backend.ts` calls it. */\n\
         export type Command =\n",
    );
    for (i, c) in COMMANDS.iter().enumerate() {
        out.push_str(&format!("  | '{c}'{}\n", if i + 1 == COMMANDS.len() { ";" } else { "" }));
    }
    out
}

#[test]
fn the_ui_knows_exactly_the_commands_there_are() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/commands.ts");
    let fresh = commands_ts();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(committed == fresh, "ui/src/lib/commands.ts is stale: run `make bindings` and commit it.\n{fresh}");
}

#[test]
fn the_window_may_call_exactly_the_commands_the_ui_uses() {
    let backend = read("../ui/src/lib/backend.ts");
    let called: BTreeSet<String> = backend
        .match_indices("call<")
        .chain(backend.match_indices("call("))
        .filter_map(|(i, _)| {
            let rest = &backend[i..];
            let q = rest.find('\'')?;
            let name = &rest[q + 1..q + 1 + rest[q + 1..].find('\'')?];
            (rest[..q].len() < 80).then(|| name.to_string())
        })
        .filter(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .collect();
    assert!(called.len() > 40, "the UI's commands were found: {called:?}");
    let registered: BTreeSet<String> = COMMANDS.iter().map(|c| c.to_string()).collect();
    let unused: Vec<_> = registered.difference(&called).collect();
    assert!(unused.is_empty(), "registered but never called by the UI: {unused:?}");

    let capability = json("capabilities/default.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert_eq!(
        capability["permissions"],
        serde_json::json!(["core:event:allow-listen", "core:event:allow-unlisten", "app-commands"]),
        "the capability grants event listening and the app's own commands, nothing else"
    );
    let set = read("permissions/app-commands.toml");
    let granted: BTreeSet<String> = set
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"allow-")?.strip_suffix("\",").map(|c| c.replace('-', "_")))
        .collect();
    assert_eq!(granted, registered, "the app-commands set allows every command and nothing else");

    let manifest = read("Cargo.toml");
    assert!(!manifest.contains("tauri-plugin"), "no Tauri plugin (file system, shell, HTTP, …) is linked");
}
