//! The workspace's import history and the rows each import set aside.

use insights_store::duckdb::Connection;

use crate::ImportError;

#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub import_id: String,
    pub started_at: String,
    pub file_name: String,
    pub format: String,
    pub rows_read: i64,
    pub inserted: i64,
    pub updated: i64,
    pub rejected: i64,
    pub duration_ms: i64,
    pub status: String,
    pub warnings: Vec<crate::Warning>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    /// The row's line in the file (where it starts).
    pub line: Option<i64>,
    /// Its record number (the header is record 1); later lines than this when
    /// earlier fields hold line breaks. Absent for imports before it was kept.
    pub record: Option<i64>,
    pub column: Option<String>,
    pub reason: String,
    pub raw: Option<String>,
}

/// Most recent first.
pub fn history(conn: &Connection, limit: usize) -> Result<Vec<LogEntry>, ImportError> {
    let mut stmt = conn.prepare(
        "SELECT import_id, strftime(started_at, '%Y-%m-%d %H:%M:%S'), file_name, detected_format, rows_read,
                rows_inserted, rows_updated, rows_rejected, duration_ms, status, warnings
         FROM import_log ORDER BY started_at DESC, import_id DESC LIMIT ?",
    )?;
    let rows = stmt.query_map([limit as i64], |r| {
        Ok(LogEntry {
            import_id: r.get(0)?,
            started_at: r.get(1)?,
            file_name: r.get(2)?,
            format: r.get(3)?,
            rows_read: r.get(4)?,
            inserted: r.get(5)?,
            updated: r.get(6)?,
            rejected: r.get(7)?,
            duration_ms: r.get(8)?,
            status: r.get(9)?,
            warnings: r.get::<_, Option<String>>(10)?.and_then(|w| serde_json::from_str(&w).ok()).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The rows one import set aside, in file order (the first `limit`).
pub fn rejects(conn: &Connection, import_id: &str, limit: usize) -> Result<Vec<Reject>, ImportError> {
    let mut stmt = conn.prepare(
        "SELECT line, column_name, reason, raw, record FROM import_rejects WHERE import_id = ?
         ORDER BY coalesce(record, line), line, column_name LIMIT ?",
    )?;
    let rows = stmt.query_map(insights_store::duckdb::params![import_id, limit as i64], |r| {
        Ok(Reject { line: r.get(0)?, column: r.get(1)?, reason: r.get(2)?, raw: r.get(3)?, record: r.get(4)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// How many rows one import set aside, and whether it is in the history.
pub fn reject_count(conn: &Connection, import_id: &str) -> Result<Option<i64>, ImportError> {
    let mut stmt = conn.prepare("SELECT rows_rejected FROM import_log WHERE import_id = ?")?;
    let mut rows = stmt.query([import_id])?;
    Ok(match rows.next()? {
        Some(r) => Some(r.get(0)?),
        None => None,
    })
}
