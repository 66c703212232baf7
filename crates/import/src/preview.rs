//! A look at a file before importing it: its detected format, its columns
//! and its first rows, read by the same DuckDB reader the import uses but in
//! a throwaway in-memory database, so the workspace is never touched.

use std::path::Path;

use insights_store::duckdb::Connection;

use crate::detect::{detect, Detected};
use crate::sql::literal;
use crate::ImportError;

#[derive(Debug, Clone)]
pub struct Preview {
    pub detected: Detected,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
}

/// `saved` looks up a mapping saved for a source key (files that are no
/// known export are previewed through it, as they would be imported).
pub fn preview(
    path: &Path,
    limit: usize,
    saved: &dyn Fn(&str) -> Result<Option<crate::mapping::Mapping>, ImportError>,
) -> Result<Preview, ImportError> {
    let detected = match detect(path) {
        Ok(d) => d,
        Err(ImportError::UnknownFormat { .. }) => crate::resolve_mapping(path, None, saved)?,
        Err(e) => return Err(e),
    };
    // Parquet and JSON are read as they are; CSV goes through the encoding check.
    let source =
        if crate::mapping::needs_mapping_by_type(path) { None } else { Some(crate::encoding::utf8_source(path)?) };
    let readable = source.as_ref().map(|s| s.path()).unwrap_or(path);
    let conn = Connection::open_in_memory()?;
    let sql = |serial| match &detected.mapping {
        Some(m) => format!(
            "SELECT {} FROM {} LIMIT {limit}",
            crate::mapping::projection(m).0,
            crate::mapping::reader(readable, detected.delimiter, serial)
        ),
        None if crate::mapping::needs_mapping_by_type(path) => {
            format!(
                "SELECT CAST(COLUMNS(*) AS VARCHAR) FROM {} LIMIT {limit}",
                crate::mapping::reader(path, ',', serial)
            )
        }
        None => format!(
            "SELECT * FROM read_csv({}, header = true, all_varchar = true, delim = {}, quote = '\"', escape = '\"',
                                    null_padding = true, normalize_names = false, {}) LIMIT {limit}",
            literal(&readable.to_string_lossy()),
            literal(&detected.delimiter.to_string()),
            crate::mapping::csv_options(serial),
        ),
    };
    let (columns, rows_out) = crate::mapping::read_serially_if_needed(|serial| {
        let mut stmt = conn.prepare(&sql(serial))?;
        let mut rows_out: Vec<Vec<Option<String>>> = Vec::new();
        let mut rows = stmt.query([])?;
        let mut width = 0;
        while let Some(row) = rows.next()? {
            width = row.as_ref().column_count();
            rows_out.push((0..width).map(|i| row.get::<_, Option<String>>(i).ok().flatten()).collect());
        }
        drop(rows);
        let columns = if width > 0 { stmt.column_names() } else { detected.header.clone() };
        Ok((columns, rows_out))
    })
    .map_err(|e| crate::read_error(path, e))?;
    Ok(Preview { detected, columns, rows: rows_out })
}
