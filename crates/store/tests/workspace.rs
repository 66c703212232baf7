//! Workspace files on a real DuckDB file in a temporary folder.

use std::fs;
use std::path::Path;

use insights_store::{file_name_for, AppDirs, StoreError, Workspace, LATEST_SCHEMA_VERSION};
use sha2::{Digest, Sha256};

fn digest(path: &Path) -> String {
    hex::encode(Sha256::digest(fs::read(path).unwrap()))
}

#[test]
fn create_then_reopen_keeps_name_schema_and_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.duckdb");
    let ws = Workspace::create(&path, "Acme Outdoor").unwrap();
    assert_eq!(ws.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    ws.conn()
        .execute("INSERT INTO products (product_id, title, source) VALUES ('rain-shell', 'Rain Shell', 'test')", [])
        .unwrap();
    ws.close().unwrap();

    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.name().unwrap(), "Acme Outdoor");
    let title: String = ws.conn().query_row("SELECT title FROM products", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "Rain Shell");
    assert!(ws.pii_hashing().unwrap(), "personal data is hashed by default");
    let versions: i64 = ws.conn().query_row("SELECT count(*) FROM schema_version", [], |r| r.get(0)).unwrap();
    assert_eq!(versions, LATEST_SCHEMA_VERSION, "each migration is recorded once");
}

#[test]
fn creating_over_an_existing_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.duckdb");
    fs::write(&path, b"precious").unwrap();
    let err = Workspace::create(&path, "X").unwrap_err();
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err}");
    assert_eq!(fs::read(&path).unwrap(), b"precious");
}

#[test]
fn rename_changes_the_display_name_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.duckdb");
    let ws = Workspace::create(&path, "Client A").unwrap();
    ws.rename("Client A (EU)").unwrap();
    ws.close().unwrap();
    assert_eq!(Workspace::open(&path).unwrap().name().unwrap(), "Client A (EU)");
    let err = Workspace::open(&path).unwrap().rename("   ").unwrap_err();
    assert!(matches!(err, StoreError::InvalidName { .. }));
}

#[test]
fn a_newer_workspace_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.duckdb");
    let ws = Workspace::create(&path, "Future").unwrap();
    ws.conn()
        .execute(
            "INSERT INTO schema_version (version, name) VALUES (?, 'from the future')",
            [LATEST_SCHEMA_VERSION + 5],
        )
        .unwrap();
    ws.close().unwrap();
    let before = digest(&path);

    let err = Workspace::open(&path).unwrap_err();
    match &err {
        StoreError::NewerVersion { found, supported, .. } => {
            assert_eq!(*found, LATEST_SCHEMA_VERSION + 5);
            assert_eq!(*supported, LATEST_SCHEMA_VERSION);
        }
        other => panic!("expected NewerVersion, got {other}"),
    }
    assert!(err.to_string().contains("newer version"), "{err}");
    assert_eq!(digest(&path), before, "the file must not be modified");
}

#[test]
fn a_damaged_workspace_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.duckdb");
    Workspace::create(&path, "Damaged").unwrap().close().unwrap();
    // Overwrite both database headers (blocks at 4 KiB and 8 KiB) with noise.
    let mut bytes = fs::read(&path).unwrap();
    for (i, b) in bytes[4096..12288].iter_mut().enumerate() {
        *b = (i * 31 % 251) as u8;
    }
    fs::write(&path, &bytes).unwrap();
    let before = digest(&path);

    let err = Workspace::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Damaged { .. } | StoreError::NotAWorkspace { .. }), "{err}");
    assert_eq!(digest(&path), before, "the file must not be modified");
    assert!(!Path::new(&format!("{}.wal", path.display())).exists(), "no write-ahead log was started");
}

#[test]
fn files_that_are_not_workspaces_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("orders.csv");
    fs::write(&text, "Name,Email\n#1001,a@example.com\n").unwrap();
    let err = Workspace::open(&text).unwrap_err();
    assert_eq!(err.code(), "not_a_workspace");
    assert!(err.to_string().contains("not a DuckDB database"), "{err}");

    let empty = dir.path().join("empty.duckdb");
    fs::write(&empty, b"").unwrap();
    assert!(Workspace::open(&empty).unwrap_err().to_string().contains("empty"));

    let foreign = dir.path().join("foreign.duckdb");
    {
        let conn = duckdb::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);").unwrap();
    }
    let before = digest(&foreign);
    let err = Workspace::open(&foreign).unwrap_err();
    assert!(err.to_string().contains("not made by Merchant Insights"), "{err}");
    assert_eq!(digest(&foreign), before);

    let missing = dir.path().join("gone.duckdb");
    assert_eq!(Workspace::open(&missing).unwrap_err().code(), "workspace_not_found");
}

#[test]
fn delete_removes_the_file_but_refuses_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old-client.duckdb");
    Workspace::create(&path, "Old client").unwrap().close().unwrap();
    Workspace::delete(&path).unwrap();
    assert!(!path.exists());

    let not_ours = dir.path().join("notes.txt");
    fs::write(&not_ours, "keep me").unwrap();
    assert!(Workspace::delete(&not_ours).is_err());
    assert!(not_ours.exists());
}

#[test]
fn recent_list_is_most_recent_first_and_survives_a_corrupt_file() {
    let dir = tempfile::tempdir().unwrap();
    let dirs = AppDirs::at(dir.path().to_path_buf());
    let recent = dirs.recent();
    assert!(recent.list().is_empty());
    recent.touch(Path::new("/a.duckdb"), "A").unwrap();
    recent.touch(Path::new("/b.duckdb"), "B").unwrap();
    recent.touch(Path::new("/a.duckdb"), "A").unwrap();
    let names: Vec<_> = recent.list().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["A", "B"]);
    recent.rename(Path::new("/b.duckdb"), "Bee").unwrap();
    recent.forget(Path::new("/a.duckdb")).unwrap();
    let names: Vec<_> = recent.list().into_iter().map(|e| e.name).collect();
    assert_eq!(names, ["Bee"]);

    fs::write(dir.path().join("recent-workspaces.json"), "{not json").unwrap();
    assert!(recent.list().is_empty());
}

#[test]
fn file_names_are_derived_from_workspace_names() {
    assert_eq!(file_name_for("Acme Outdoor (EU)"), "acme-outdoor-eu.duckdb");
    assert_eq!(file_name_for("  ***  "), "workspace.duckdb");
    assert_eq!(file_name_for("Café Ünïcode"), "café-ünïcode.duckdb");
}

/// Every migration is replayed from DuckDB's write-ahead log when the app
/// is killed after it committed and before the log reached the file: the
/// workspace then opens at the latest schema. Run in a child process (this
/// test binary again) that aborts right after the commit.
#[test]
fn every_migration_survives_a_kill_before_its_checkpoint() {
    const CHILD: &str = "INSIGHTS_MIGRATION_KILL_CHILD";
    if let Some(path) = std::env::var_os(CHILD) {
        let conn = insights_store::duckdb::Connection::open(&path).unwrap();
        // Migrations to the latest, exactly as a workspace applies them,
        // with the checkpoint the log would otherwise get kept away.
        conn.execute_batch("SET checkpoint_threshold = '10GB'; BEGIN;").unwrap();
        for m in insights_store::MIGRATIONS.iter().skip(1) {
            conn.execute_batch(m.sql).unwrap();
            conn.execute(
                "INSERT INTO schema_version (version, name) VALUES (?, ?)",
                insights_store::duckdb::params![m.version, m.name],
            )
            .unwrap();
        }
        conn.execute_batch("COMMIT;").unwrap();
        std::process::abort();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.duckdb");
    {
        // A workspace at schema 1 with a product in it, all in the file.
        let conn = insights_store::duckdb::Connection::open(&path).unwrap();
        conn.execute_batch(insights_store::MIGRATIONS[0].sql).unwrap();
        conn.execute_batch(
            "CREATE TABLE schema_version (version BIGINT PRIMARY KEY, name VARCHAR NOT NULL,
                                          applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
             INSERT INTO schema_version (version, name) VALUES (1, '0001_init');
             INSERT INTO workspace_meta VALUES ('name', 'Old'), ('pii_secret', '00'), ('pii_hashing', 'on');
             INSERT INTO products (product_id, title, source) VALUES ('rain-shell', 'Rain Shell', 'test');
             CHECKPOINT;",
        )
        .unwrap();
    }
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "every_migration_survives_a_kill_before_its_checkpoint", "--nocapture"])
        .env(CHILD, &path)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success(), "the child was killed after its commit");
    assert!(dir.path().join("old.duckdb.wal").exists(), "the migrations are in the log, not yet in the file");
    let ws = Workspace::open(&path).unwrap_or_else(|e| panic!("the killed workspace opens: {e}"));
    assert_eq!(ws.schema_version().unwrap(), LATEST_SCHEMA_VERSION);
    let title: String = ws.conn().query_row("SELECT title FROM products", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "Rain Shell", "the data is kept");
}
