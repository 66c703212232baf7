//! What the merchant is promised, checked on the real `insights` binary:
//! nothing leaves the machine, and a process killed at any moment leaves a
//! workspace that opens and holds either the old or the new state.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

mod common;
use common::{ok, repo};

use insights_store::duckdb::Connection;

fn models() -> PathBuf {
    PathBuf::from(std::env::var("INSIGHTS_MODELS").expect("make test sets INSIGHTS_MODELS"))
}

fn command(home: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_insights"));
    c.args(args).env("INSIGHTS_HOME", home).env("INSIGHTS_MODELS", models()).env_remove("INSIGHTS_SAMPLE_DATA");
    c.stdin(Stdio::null());
    c
}

// ---------------------------------------------------------------------------
// Zero network

/// Runs `argv` in a new network namespace whose only interface is loopback,
/// under strace, and returns its output with every connect/send to an
/// internet address (AF_INET, AF_INET6) that any of its processes attempted.
fn offline(home: &Path, argv: &[&str]) -> (Output, Vec<String>) {
    let log = home.join(format!("strace-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let script = "ip link set lo up && exec strace -f -qq --seccomp-bpf -e trace=connect,sendto,sendmsg,sendmmsg -o \"$0\" \"$@\"";
    let mut c = Command::new("unshare");
    c.args(["--net", "--", "sh", "-c", script]).arg(&log).args(argv);
    // A home folder of its own, so anything written outside the app's
    // folder (a library's cache, a queue of events to upload) shows.
    std::fs::create_dir_all(home.join("home")).unwrap();
    c.env("HOME", home.join("home")).env("INSIGHTS_HOME", home.join("insights")).env("INSIGHTS_MODELS", models());
    for var in ["INSIGHTS_SAMPLE_DATA", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"] {
        c.env_remove(var);
    }
    let out = c.stdin(Stdio::null()).output().expect("unshare (util-linux) runs");
    assert!(
        log.exists(),
        "could not run inside a network namespace under strace (make installs strace and iproute2; \
         unshare needs root or user namespaces): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&log).unwrap();
    let attempts = text
        .lines()
        .filter(|l| l.contains("sa_family=AF_INET") || l.contains("sa_family=AF_INET6"))
        .map(str::to_string)
        .collect();
    (out, attempts)
}

#[test]
fn the_walkthrough_runs_without_a_network_and_never_tries_one() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();

    // The check itself can fail: a name lookup is seen and reported.
    let (_, lookups) = offline(h, &["getent", "hosts", "example.com"]);
    assert!(!lookups.is_empty(), "the harness sees a DNS query as a connection attempt");

    let bin = env!("CARGO_BIN_EXE_insights");
    let sample = repo().join("sample-data");
    let out_dir = h.join("walkthrough-export");
    let mut steps: Vec<Vec<String>> = vec![
        // Import, embed, experiments, assistant answers and the report.
        vec!["demo".into(), "--sample-data".into(), sample.display().to_string()],
        vec!["search".into(), "waterproof jacket for hiking".into(), "--limit".into(), "3".into(), "--json".into()],
    ];
    let mut product = None;
    let mut i = 0;
    while i < steps.len() {
        let mut argv = vec![bin.to_string()];
        argv.extend(steps[i].iter().cloned());
        let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
        let (out, attempts) = offline(h, &argv);
        let stdout = ok(out);
        assert!(attempts.is_empty(), "`insights {}` tried the network:\n{}", steps[i].join(" "), attempts.join("\n"));
        if steps[i][0] == "search" && product.is_none() {
            let r: serde_json::Value = serde_json::from_str(&stdout).unwrap();
            assert_eq!(r["semantic_used"], true, "search by meaning ran offline");
            let id = r["hits"][0]["product_id"].as_str().unwrap().to_string();
            product = Some(id.clone());
            steps.extend([
                vec!["recommend".into(), "product".into(), id],
                vec!["recommend".into(), "customer".into()],
                vec!["assistant".into(), "ask".into(), "Can I return a jacket I bought three weeks ago?".into()],
                vec!["experiments".into()],
                vec!["kpi".into()],
                vec!["privacy".into(), "export".into(), "--out".into(), out_dir.display().to_string()],
            ]);
        }
        i += 1;
    }
    assert_eq!(steps.len(), 8, "every step ran");
    assert!(out_dir.join("orders.parquet").exists());
    let mut stray = Vec::new();
    let mut dirs = vec![h.join("home")];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                stray.push(p);
            }
        }
    }
    assert!(stray.is_empty(), "files written outside the app's folder: {stray:?}");
    let report = h.join("insights/reports/sample-store-report.html");
    let html = std::fs::read_to_string(&report).unwrap_or_else(|e| panic!("{}: {e}", report.display()));
    // Only the SVG namespace name may look like an address; nothing is fetched.
    let elsewhere = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assert!(
        !elsewhere.contains("http://") && !elsewhere.contains("https://"),
        "the report loads nothing from elsewhere"
    );
}

// ---------------------------------------------------------------------------
// Crash safety

/// An interrupted embedding run keeps its finished batches and the next run
/// does only the rest.
#[test]
fn a_killed_embedding_run_resumes_where_it_stopped() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    ok(command(h, &["workspace", "new", "Killed embedding"]).output().unwrap());
    // Imported without the model, so nothing is embedded yet.
    let no_model = h.join("no-model");
    std::fs::create_dir_all(&no_model).unwrap();
    let paths =
        ["shopify/products_export.csv.zst", "knowledge-base", "support"].map(|p| repo().join("sample-data").join(p));
    let mut import = command(h, &["import"]);
    import.args(&paths).env("INSIGHTS_MODELS", &no_model);
    ok(import.output().unwrap());

    let mut child = command(h, &["embed"]).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    let mut done_when_killed = 0u64;
    for line in stderr.lines() {
        let line = line.unwrap();
        // "Embedding <kind>: <done>/<total>"
        let Some((_, counts)) = line.rsplit_once(": ") else { continue };
        let Some((done, total)) = counts.split_once('/') else { continue };
        let (done, total): (u64, u64) = (done.trim().parse().unwrap_or(0), total.trim().parse().unwrap_or(0));
        if done > 0 && done < total {
            child.kill().unwrap(); // SIGKILL
            done_when_killed = done;
            break;
        }
    }
    child.wait().unwrap();
    assert!(done_when_killed > 0, "the run was killed part-way");

    let resumed: serde_json::Value =
        serde_json::from_str(&ok(command(h, &["embed", "--json"]).output().unwrap())).unwrap();
    assert!(
        resumed["unchanged"].as_u64().unwrap() >= done_when_killed,
        "what was finished before the kill is kept: {resumed}"
    );
    assert!(resumed["embedded"].as_u64().unwrap() > 0, "and the rest is done now: {resumed}");
    let again: serde_json::Value =
        serde_json::from_str(&ok(command(h, &["embed", "--json"]).output().unwrap())).unwrap();
    assert_eq!(again["embedded"], 0, "nothing is left: {again}");
}

const LATEST: i64 = insights_store::LATEST_SCHEMA_VERSION;

/// Schema version and the columns migration 0002 adds, read straight from
/// the file (later migrations add none to that table).
fn schema_state(path: &Path) -> (i64, i64, i64) {
    let c = Connection::open(path).unwrap();
    let version: i64 = c.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0)).unwrap();
    let columns: i64 = c
        .query_row(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'experiment_exposures'
             AND column_name IN ('device', 'country', 'customer_type', 'pre_period_value')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let exposures: i64 = c.query_row("SELECT count(*) FROM experiment_exposures", [], |r| r.get(0)).unwrap();
    (version, columns, exposures)
}

/// A workspace at schema version 1 is migrated when it opens. Killed at
/// every moment of that, it holds version 1 or the latest, never a mix.
#[test]
fn a_migration_killed_at_any_moment_leaves_the_old_or_the_new_schema() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let v1 = h.join("v1.duckdb");
    ok(command(h, &["workspace", "new", "Migration", "--path", v1.to_str().unwrap()]).output().unwrap());
    {
        // Back to schema 1, with enough rows that the migration takes a while.
        let c = Connection::open(&v1).unwrap();
        c.execute_batch(
            "INSERT INTO experiment_exposures (experiment_id, visitor_id, variant, exposed_at)
               SELECT 'big', 'v' || i, CASE WHEN i % 2 = 0 THEN 'control' ELSE 'treatment' END,
                      TIMESTAMP '2025-01-01' + INTERVAL (i % 1000) MINUTE
               FROM range(2000000) t(i);
             ALTER TABLE experiment_exposures DROP COLUMN device;
             ALTER TABLE experiment_exposures DROP COLUMN country;
             ALTER TABLE experiment_exposures DROP COLUMN customer_type;
             ALTER TABLE experiment_exposures DROP COLUMN pre_period_value;
             CREATE TABLE products_0003 AS SELECT * EXCLUDE (sku, kind, is_downloadable, is_virtual, in_stock, image_url, external_url) FROM products;
             DROP TABLE products;
             CREATE TABLE products AS SELECT * FROM products_0003;
             DROP TABLE products_0003;
             ALTER TABLE import_log DROP COLUMN warnings;
             ALTER TABLE import_rejects DROP COLUMN record;
             ALTER TABLE import_log DROP COLUMN read_with;
             DELETE FROM schema_version WHERE version > 1;
             CHECKPOINT;",
        )
        .unwrap();
    }
    assert_eq!(schema_state(&v1), (1, 0, 2_000_000));

    // How long opening (and migrating) takes when left alone.
    let full = {
        let copy = h.join("timing.duckdb");
        std::fs::copy(&v1, &copy).unwrap();
        let started = Instant::now();
        ok(command(h, &["--workspace", copy.to_str().unwrap(), "kpi"]).output().unwrap());
        assert_eq!(schema_state(&copy), (LATEST, 4, 2_000_000));
        started.elapsed()
    };

    let (mut old, mut new) = (0, 0);
    for step in 0..=12u32 {
        let copy = h.join(format!("kill-{step}.duckdb"));
        std::fs::copy(&v1, &copy).unwrap();
        let mut child = command(h, &["--workspace", copy.to_str().unwrap(), "kpi"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(step as f64 / 10.0));
        child.kill().ok(); // SIGKILL (the last steps find it finished)
        child.wait().unwrap();
        match schema_state(&copy) {
            (1, 0, 2_000_000) => old += 1,
            (LATEST, 4, 2_000_000) => new += 1,
            mixed => panic!("killed after {:?}: a mix of old and new: {mixed:?}", full.mul_f64(step as f64 / 10.0)),
        }
        // And it opens normally afterwards.
        ok(command(h, &["--workspace", copy.to_str().unwrap(), "kpi"]).output().unwrap());
        assert_eq!(schema_state(&copy), (LATEST, 4, 2_000_000));
    }
    assert!(old > 0 && new > 0, "kills landed both before and after the migration committed ({old} old, {new} new)");
}
