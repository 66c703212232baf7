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

/// The quoted names in a Rust list such as `COMMANDS` or `generate_handler![…]`.
fn names_between(text: &str, start: &str, end: &str) -> BTreeSet<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("{start} not found")) + start.len();
    let body = &text[from..from + text[from..].find(end).unwrap()];
    body.split(',').map(|n| n.trim().trim_matches('"').to_string()).filter(|n| !n.is_empty()).collect()
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

    let registered = names_between(&read("src/main.rs"), "generate_handler![", "]");
    let declared = names_between(&read("build.rs"), "const COMMANDS: &[&str] = &[", "];");
    assert_eq!(registered, declared, "build.rs declares the commands main.rs registers");
    let unused: Vec<_> = registered.difference(&called).collect();
    assert!(unused.is_empty(), "registered but never called by the UI: {unused:?}");
    let missing: Vec<_> = called.difference(&registered).collect();
    assert!(missing.is_empty(), "called by the UI but not registered: {missing:?}");

    let capability = json("capabilities/default.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names, no scopes").to_string())
        .collect();
    let expected: BTreeSet<String> = called
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain(["core:event:allow-listen".to_string(), "core:event:allow-unlisten".to_string()])
        .collect();
    assert_eq!(granted, expected, "the capability grants the UI's commands and event listening, nothing else");

    let manifest = read("Cargo.toml");
    assert!(!manifest.contains("tauri-plugin"), "no Tauri plugin (file system, shell, HTTP, …) is linked");
}
