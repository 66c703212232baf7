//! Numbered SQL migrations, embedded at build time and applied in order inside
//! one transaction when a workspace opens. Files are never edited once
//! released; a change to the schema is a new file.

use duckdb::Connection;

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "0001_init", sql: include_str!("../migrations/0001_init.sql") },
    Migration {
        version: 2,
        name: "0002_experiment_segments",
        sql: include_str!("../migrations/0002_experiment_segments.sql"),
    },
    Migration {
        version: 3,
        name: "0003_catalogue_and_warnings",
        sql: include_str!("../migrations/0003_catalogue_and_warnings.sql"),
    },
    Migration {
        version: 4,
        name: "0004_import_read_with",
        sql: include_str!("../migrations/0004_import_read_with.sql"),
    },
];

pub const LATEST_SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].version;

pub(crate) const VERSION_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_version (
    version    BIGINT PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)";

/// The schema version recorded in the file, `None` when it has no
/// `schema_version` table (an empty or foreign DuckDB file).
pub(crate) fn current_version(conn: &Connection) -> duckdb::Result<Option<i64>> {
    let has_table: i64 = conn.query_row(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version' AND table_schema = 'main'",
        [],
        |r| r.get(0),
    )?;
    if has_table == 0 {
        return Ok(None);
    }
    let v: Option<i64> = conn.query_row("SELECT max(version) FROM schema_version", [], |r| r.get(0))?;
    Ok(Some(v.unwrap_or(0)))
}

/// Applies every migration newer than `from`, all in the caller's transaction.
pub(crate) fn apply_pending(conn: &Connection, from: i64) -> Result<(), (i64, &'static str, duckdb::Error)> {
    conn.execute_batch(VERSION_TABLE).map_err(|e| (0, "schema_version", e))?;
    for m in MIGRATIONS.iter().filter(|m| m.version > from) {
        conn.execute_batch(m.sql).map_err(|e| (m.version, m.name, e))?;
        conn.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", duckdb::params![m.version, m.name])
            .map_err(|e| (m.version, m.name, e))?;
    }
    Ok(())
}
