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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reject {
    pub line: Option<i64>,
    pub column: Option<String>,
    pub reason: String,
    pub raw: Option<String>,
}

/// Most recent first.
pub fn history(conn: &Connection, limit: usize) -> Result<Vec<LogEntry>, ImportError> {
    let mut stmt = conn.prepare(
        "SELECT import_id, strftime(started_at, '%Y-%m-%d %H:%M:%S'), file_name, detected_format, rows_read,
                rows_inserted, rows_updated, rows_rejected, duration_ms, status
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
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The rows one import set aside, in file order.
pub fn rejects(conn: &Connection, import_id: &str, limit: usize) -> Result<Vec<Reject>, ImportError> {
    let mut stmt = conn.prepare(
        "SELECT line, column_name, reason, raw FROM import_rejects WHERE import_id = ? ORDER BY line LIMIT ?",
    )?;
    let rows = stmt.query_map(insights_store::duckdb::params![import_id, limit as i64], |r| {
        Ok(Reject { line: r.get(0)?, column: r.get(1)?, reason: r.get(2)?, raw: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
