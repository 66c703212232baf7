//! What every mapping shares: the staging table DuckDB's CSV reader fills,
//! the reject list (line, column, reason), typed-value expressions, keyed
//! hashing of personal data in SQL, and upserts by natural key.

use std::collections::HashSet;
use std::path::Path;

use insights_store::duckdb::Connection;
use insights_store::PiiHasher;

use crate::detect::Detected;
use crate::sql::{ident, literal};
use crate::ImportError;

pub(crate) struct Context<'a> {
    /// The import's transaction (a `Transaction` derefs to its connection).
    pub tx: &'a Connection,
    pub file: &'a Path,
    /// The file's path relative to the folder it was imported with (its
    /// name when imported on its own): the key of knowledge-base documents.
    pub relative: &'a str,
    pub detected: &'a Detected,
    pub hasher: &'a PiiHasher,
    pub hashing: bool,
    pub strict: bool,
    /// ISO currency for files that do not name one.
    pub currency: Option<&'a str>,
    /// See [`crate::ImportOptions::known_labels`].
    pub known_labels: Option<&'a [String]>,
}

#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub rows_read: i64,
    pub inserted: i64,
    pub updated: i64,
    pub rejected: i64,
    pub warnings: Vec<crate::Warning>,
}

/// Reads the whole file with DuckDB's CSV reader, every column as text.
/// `__line` is the record's line in the file (the header is line 1); rowids
/// cannot serve, as they are not stable inside an open transaction. Only the
/// columns in `keep` (those the mapping reads) are stored, when given: wide
/// exports carry many columns nobody maps.
pub(crate) fn stage(ctx: &Context, keep: Option<&[&str]>) -> Result<i64, ImportError> {
    if let Some(mapping) = &ctx.detected.mapping {
        return stage_mapped(ctx, mapping);
    }
    let typed = crate::mapping::needs_mapping_by_type(ctx.file);
    // Parquet and JSON are read by their own readers (as text, like CSV);
    // CSV goes through the encoding check first.
    let source = if typed { None } else { Some(crate::encoding::utf8_source(ctx.file)?) };
    let reader = |serial| match &source {
        None => format!("(SELECT CAST(COLUMNS(*) AS VARCHAR) FROM {})", crate::mapping::reader(ctx.file, ',', serial)),
        Some(source) => format!(
            "read_csv({}, header = true, all_varchar = true, delim = {}, quote = '\"', escape = '\"',
                      null_padding = true, normalize_names = false, {})",
            literal(&source.path().to_string_lossy()),
            literal(&ctx.detected.delimiter.to_string()),
            crate::mapping::csv_options(serial),
        ),
    };
    let read_err = |e| crate::read_error(ctx.file, e);
    // Rows with more fields than the header make the reader add unnamed
    // columns; they are kept so those rows can be set aside, not truncated.
    let sniffed: Vec<String> = crate::mapping::read_serially_if_needed(|serial| {
        let mut stmt =
            ctx.tx.prepare(&format!("SELECT column_name FROM (DESCRIBE SELECT * FROM {})", reader(serial)))?;
        let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
        names.collect::<Result<_, _>>()
    })
    .map_err(read_err)?;
    let header: HashSet<&str> = ctx.detected.header.iter().map(String::as_str).collect();
    let extras: Vec<&String> = sniffed.iter().filter(|c| !header.contains(c.as_str())).collect();
    let columns = match keep {
        Some(keep) => {
            let mut present: Vec<String> = keep.iter().filter(|c| has_column(ctx, c)).map(|c| ident(c)).collect();
            present.extend(extras.iter().map(|c| ident(c)));
            if present.is_empty() {
                "*".to_string()
            } else {
                present.join(", ")
            }
        }
        None => "*".to_string(),
    };
    create_staging(ctx, &columns, reader)?;
    let reason =
        format!("this row has more fields than the header's {} columns; check its quoting", ctx.detected.header.len());
    let overflowing: Vec<String> = extras
        .iter()
        .map(|extra| {
            let c = ident(extra);
            format!("SELECT __line, {}, {}, {c} FROM stg WHERE {c} IS NOT NULL", literal(extra), literal(&reason))
        })
        .collect();
    insert_bad_lines(ctx, &overflowing)?;
    reject_nul_bytes(ctx)?;
    Ok(ctx.tx.query_row("SELECT count(*) FROM stg", [], |r| r.get(0))?)
}

/// Stages a file through a column mapping: the mapped columns only, renamed
/// to the fields they stand for, as text.
fn stage_mapped(ctx: &Context, mapping: &crate::mapping::Mapping) -> Result<i64, ImportError> {
    let is_table = !crate::mapping::needs_mapping_by_type(ctx.file);
    let source = if is_table { Some(crate::encoding::utf8_source(ctx.file)?) } else { None };
    let path = source.as_ref().map(|s| s.path()).unwrap_or(ctx.file);
    let (projection, _) = crate::mapping::projection(mapping);
    create_staging(ctx, &projection, |serial| crate::mapping::reader(path, ctx.detected.delimiter, serial))?;
    reject_nul_bytes(ctx)?;
    Ok(ctx.tx.query_row("SELECT count(*) FROM stg", [], |r| r.get(0))?)
}

/// A NUL byte is never part of an export's text (the file is damaged, or
/// was saved as UTF-16 part way): its row is set aside, not stored.
fn reject_nul_bytes(ctx: &Context) -> Result<(), ImportError> {
    let columns: Vec<String> = {
        let mut stmt = ctx.tx.prepare("SELECT column_name FROM (DESCRIBE stg) WHERE column_name <> '__line'")?;
        let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
        names.collect::<Result<_, _>>()?
    };
    let checks: Vec<String> = columns
        .iter()
        .map(|name| {
            let c = ident(name);
            format!(
                "SELECT __line, {}, {}, replace(CAST({c} AS VARCHAR), chr(0), '\u{2400}') FROM stg WHERE strpos(CAST({c} AS VARCHAR), chr(0)) > 0",
                literal(name),
                literal("this field holds a NUL byte, which no text export contains; the file may be damaged: export it again"),
            )
        })
        .collect();
    insert_bad_lines(ctx, &checks)
}

/// Fresh `stg` (each row of `from(serial)` with its line number and
/// `columns`) and an empty `bad_lines`, read again on one thread when the
/// parallel reader cannot split the file.
fn create_staging(ctx: &Context, columns: &str, from: impl Fn(bool) -> String) -> Result<(), ImportError> {
    let sql = |serial| {
        format!(
            "DROP TABLE IF EXISTS stg;
             CREATE TEMP TABLE stg AS SELECT row_number() OVER () + 1 AS __line, {columns} FROM {};
             DROP TABLE IF EXISTS bad_lines;
             CREATE TEMP TABLE bad_lines (line BIGINT, column_name VARCHAR, reason VARCHAR, raw VARCHAR);",
            from(serial)
        )
    };
    crate::mapping::read_serially_if_needed(|serial| ctx.tx.execute_batch(&sql(serial)))
        .map_err(|e| crate::read_error(ctx.file, e))
}

/// Adds the rows each query selects (line, column, reason, raw) to `bad_lines`.
fn insert_bad_lines(ctx: &Context, selects: &[String]) -> Result<(), ImportError> {
    if !selects.is_empty() {
        ctx.tx.execute_batch(&format!("INSERT INTO bad_lines {}", selects.join(" UNION ALL ")))?;
    }
    Ok(())
}

/// Records rows failing `condition` (SQL over `stg`) as rejected.
pub(crate) fn reject_where(ctx: &Context, column: &str, condition: &str, reason: &str) -> Result<(), ImportError> {
    ctx.tx.execute_batch(&format!(
        "INSERT INTO bad_lines SELECT __line, {col_lit}, {reason}, CAST({col} AS VARCHAR) FROM stg WHERE {condition}",
        col_lit = literal(column),
        col = ident(column),
        reason = literal(reason),
    ))?;
    Ok(())
}

/// Numbers that are present but not numbers.
pub(crate) fn reject_bad_numbers(ctx: &Context, columns: &[&str], what: &str) -> Result<(), ImportError> {
    for c in columns.iter().filter(|c| has_column(ctx, c)) {
        let col = ident(c);
        reject_where(
            ctx,
            c,
            &format!("{col} IS NOT NULL AND TRY_CAST(replace({col}, '$', '') AS DOUBLE) IS NULL"),
            &format!("expected {what} such as 19.99"),
        )?;
    }
    Ok(())
}

/// Moves `bad_lines` into the import's reject list; in strict mode, the
/// first rejected row fails the import instead.
pub(crate) fn settle_rejects(ctx: &Context) -> Result<i64, ImportError> {
    // A mapped file's rows are set aside under the file's own column names.
    if let Some(mapping) = &ctx.detected.mapping {
        for staged in &ctx.detected.header {
            if let Some(source) = mapping.source_of(staged).filter(|s| s != staged) {
                ctx.tx.execute(
                    "UPDATE bad_lines SET column_name = ? WHERE column_name = ?",
                    insights_store::duckdb::params![source, staged],
                )?;
            }
        }
    }
    // The record numbers of `bad_lines` become lines of the file: later
    // ones when quoted fields above them hold line breaks.
    let records: HashSet<i64> = {
        let mut stmt = ctx.tx.prepare("SELECT DISTINCT line FROM bad_lines")?;
        let rows = stmt.query_map([], |r| r.get::<_, i64>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    let tabular = !crate::mapping::needs_mapping_by_type(ctx.file);
    let lines = if tabular && !records.is_empty() { physical_lines(ctx.file, &records)? } else { Default::default() };
    ctx.tx.execute_batch(
        "DROP TABLE IF EXISTS reject_lines; CREATE TEMP TABLE reject_lines (record BIGINT, line BIGINT);",
    )?;
    let pairs: Vec<String> = lines.iter().map(|(record, line)| format!("({record}, {line})")).collect();
    for chunk in pairs.chunks(1_000) {
        ctx.tx.execute_batch(&format!("INSERT INTO reject_lines VALUES {}", chunk.join(", ")))?;
    }
    let first: Option<(i64, Option<i64>, String, String)> = {
        let mut stmt = ctx.tx.prepare(
            "SELECT b.line, l.line, b.column_name, b.reason FROM bad_lines b LEFT JOIN reject_lines l ON l.record = b.line
             ORDER BY b.line LIMIT 1",
        )?;
        let mut rows = stmt.query([])?;
        match rows.next()? {
            Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            None => None,
        }
    };
    if let (true, Some((record, line, column, reason))) = (ctx.strict, first) {
        return Err(ImportError::RowRejected {
            file: ctx.file.to_path_buf(),
            line: line.unwrap_or(record),
            record,
            column,
            reason,
        });
    }
    ctx.tx.execute_batch(
        "INSERT INTO import_rejects (import_id, line, column_name, reason, raw, record)
         SELECT '(pending)', l.line, b.column_name, b.reason, b.raw, b.line
         FROM bad_lines b LEFT JOIN reject_lines l ON l.record = b.line;
         DROP TABLE reject_lines;",
    )?;
    Ok(records.len() as i64)
}

/// Whether the file has the column, whatever the case of its name (exports
/// differ: WooCommerce's own samples write `Attribute 1 Name`; DuckDB reads
/// names without regard to case). An empty name is a column no format reads.
pub(crate) fn has_column(ctx: &Context, c: &str) -> bool {
    !c.is_empty() && ctx.detected.header.iter().any(|h| h.eq_ignore_ascii_case(c))
}

/// A column, or NULL when this export does not have it.
pub(crate) fn col(ctx: &Context, c: &str) -> String {
    if has_column(ctx, c) {
        format!("nullif(trim({}), '')", ident(c))
    } else {
        "CAST(NULL AS VARCHAR)".into()
    }
}

pub(crate) fn money(expr: &str) -> String {
    format!("TRY_CAST(replace({expr}, '$', '') AS DECIMAL(14, 2))")
}

pub(crate) fn timestamp(expr: &str) -> String {
    format!(
        "coalesce(CAST(try_strptime({expr}, '%Y-%m-%d %H:%M:%S %z') AS TIMESTAMP),
                  try_strptime({expr}, '%Y-%m-%d %H:%M:%S'),
                  CAST(try_strptime({expr}, '%Y-%m-%d %H:%M:%S%z') AS TIMESTAMP),
                  try_strptime({expr}, '%Y-%m-%dT%H:%M:%SZ'),
                  try_strptime({expr}, '%Y-%m-%dT%H:%M:%S.%fZ'),
                  CAST(try_strptime({expr}, '%Y-%m-%dT%H:%M:%S%z') AS TIMESTAMP),
                  try_strptime({expr}, '%Y-%m-%dT%H:%M:%S'),
                  try_strptime({expr}, '%Y-%m-%d %H:%M'),
                  try_strptime({expr}, '%Y-%m-%d'))"
    )
}

pub(crate) fn tags(expr: &str) -> String {
    format!(
        "list_filter(list_transform(string_split(coalesce({expr}, ''), ','), lambda t: trim(t)), lambda t: t <> '')"
    )
}

pub(crate) fn boolean(expr: &str) -> String {
    format!("CASE WHEN {expr} IS NULL THEN NULL ELSE lower({expr}) IN ('true', 'yes', 'y', '1', 'subscribed') END")
}

/// HTML to plain text: scripts, styles and comments dropped with what they
/// hold (an unclosed one runs to the end), other tags dropped, common
/// entities decoded, spaces collapsed. One pass: where a script, style or
/// comment starts, its alternative matches before the plain tag's.
pub(crate) fn plain_text(expr: &str) -> String {
    format!(
        "nullif(trim(regexp_replace(
            replace(replace(replace(replace(replace(replace(
                regexp_replace(coalesce({expr}, ''),
                    '(?is)<!--.*?(-->|$)|<script\\b.*?(</script\\s*>|$)|<style\\b.*?(</style\\s*>|$)|<[^>]*>', ' ', 'g'),
                '&nbsp;', ' '), '&quot;', '\"'), '&#39;', ''''), '&lt;', '<'), '&gt;', '>'), '&amp;', '&'),
            '\\s+', ' ', 'g')), '')"
    )
}

/// The keyed hash of a personal value, computed in SQL the same way as
/// [`PiiHasher`] so keys from any file match.
pub(crate) fn pii_key(ctx: &Context, kind: &str, expr: &str) -> String {
    ctx.hasher.sql_key(kind, expr)
}

/// The plain value, kept only when the merchant turned hashing off.
pub(crate) fn pii_plain(ctx: &Context, expr: &str) -> String {
    if ctx.hashing {
        "CAST(NULL AS VARCHAR)".into()
    } else {
        expr.to_string()
    }
}

/// Upserts `new_table` into `target` by its key and returns (inserted,
/// updated): rows with a new key are inserted, rows whose values changed
/// replace the stored ones, and rows that are the same as stored are left
/// alone, so re-importing an unchanged export writes (and grows) nothing and
/// "updated" counts only the rows that changed.
pub(crate) fn upsert(ctx: &Context, new_table: &str, target: &str, key: &[&str]) -> Result<(i64, i64), ImportError> {
    let using = key.join(", ");
    let total: i64 = ctx.tx.query_row(&format!("SELECT count(*) FROM {new_table}"), [], |r| r.get(0))?;
    let existing: i64 =
        ctx.tx
            .query_row(&format!("SELECT count(*) FROM {new_table} JOIN {target} USING ({using})"), [], |r| r.get(0))?;
    if existing == 0 {
        // A plain insert is much cheaper than one that checks every key for a conflict.
        ctx.tx.execute_batch(&format!("INSERT INTO {target} BY NAME SELECT * FROM {new_table}"))?;
        return Ok((total, 0));
    }
    // The values compared: every column both tables have but the key and
    // the time the row was written.
    let compared: Vec<String> = {
        let mut stmt = ctx.tx.prepare(
            "SELECT n.column_name FROM duckdb_columns() n
             JOIN duckdb_columns() t ON t.column_name = n.column_name AND t.table_name = ? AND t.database_name <> 'temp'
             WHERE n.table_name = ? AND n.database_name = 'temp'
               AND n.column_name NOT IN ('updated_at', 'imported_at')
             ORDER BY n.column_index",
        )?;
        let names = stmt.query_map([target, new_table], |r| r.get::<_, String>(0))?;
        names.collect::<Result<Vec<_>, _>>()?.into_iter().filter(|c| !key.contains(&c.as_str())).collect()
    };
    // Column by column, so each pair compares under its own types.
    let differs = if compared.is_empty() {
        "false".to_string()
    } else {
        let pairs: Vec<String> = compared
            .iter()
            .map(|c| {
                let c = format!("\"{}\"", c.replace('"', "\"\""));
                format!("n.{c} IS DISTINCT FROM t.{c}")
            })
            .collect();
        pairs.join(" OR ")
    };
    let on = key.iter().map(|k| format!("n.{k} = t.{k}")).collect::<Vec<_>>().join(" AND ");
    ctx.tx.execute_batch(&format!(
        "CREATE OR REPLACE TEMP TABLE upsert_changed AS
             SELECT n.* FROM {new_table} n JOIN {target} t ON {on} WHERE {differs};
         INSERT INTO {target} BY NAME SELECT n.* FROM {new_table} n ANTI JOIN {target} t ON {on};
         INSERT OR REPLACE INTO {target} BY NAME SELECT * FROM upsert_changed;"
    ))?;
    let updated: i64 = ctx.tx.query_row("SELECT count(*) FROM upsert_changed", [], |r| r.get(0))?;
    ctx.tx.execute_batch("DROP TABLE upsert_changed")?;
    Ok((total - existing, updated))
}

/// Upserts the child rows (order lines, messages) of the parents in
/// `new_parents`, and drops children those parents no longer have, so a
/// re-imported order with fewer lines keeps no stale ones.
pub(crate) fn replace_children(
    ctx: &Context,
    new_parents: &str,
    parent_key: &str,
    new_children: &str,
    target: &str,
    child_key: &[&str],
) -> Result<(), ImportError> {
    let keys = child_key.join(", ");
    ctx.tx.execute_batch(&format!(
        "DELETE FROM {target} WHERE {parent_key} IN (SELECT {parent_key} FROM {new_parents})
             AND ({keys}) NOT IN (SELECT ({keys}) FROM {new_children});"
    ))?;
    upsert(ctx, new_children, target, child_key)?;
    Ok(())
}

/// The line of the file on which each of `records` starts (the header is
/// record 1 on line 1), for a CSV file whose quoted fields may hold line
/// breaks; blank lines are no records, as DuckDB's reader skips them.
pub(crate) fn physical_lines(
    file: &Path,
    records: &HashSet<i64>,
) -> Result<std::collections::HashMap<i64, i64>, ImportError> {
    use std::io::Read;
    let mut found = std::collections::HashMap::with_capacity(records.len());
    let Some(&last) = records.iter().max() else { return Ok(found) };
    let mut reader = crate::encoding::open_decompressed(file)?;
    let mut buffer = vec![0u8; 1 << 16];
    let (mut line, mut record, mut quoted, mut at_start) = (1i64, 1i64, false, true);
    loop {
        let n = reader.read(&mut buffer).map_err(|e| crate::encoding::read_failed(file, e))?;
        if n == 0 {
            return Ok(found);
        }
        for &b in &buffer[..n] {
            if at_start && b != b'\n' && b != b'\r' {
                if record > last {
                    return Ok(found);
                }
                if records.contains(&record) {
                    found.insert(record, line);
                }
                at_start = false;
            }
            match b {
                b'"' => quoted = !quoted,
                b'\n' => {
                    line += 1;
                    if !quoted && !at_start {
                        record += 1;
                        at_start = true;
                    }
                }
                _ => {}
            }
        }
    }
}
