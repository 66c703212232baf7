//! Imports store exports into a workspace. A file is recognised from its
//! header (`detect`), read by DuckDB's own CSV reader into a staging table,
//! and mapped into the canonical tables with SQL (`shopify`), so large files
//! never go through row-by-row Rust parsing. One call is one transaction:
//! every file lands, or none does.

mod activity;
mod detect;
mod encoding;
mod history;
mod knowledge;
pub mod mapping;
mod preview;
mod shopify;
mod sql;
mod staging;
mod transactions;
mod woocommerce;

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::time::Instant;

use insights_store::{StoreError, Workspace};
use serde::Serialize;
use sha2::{Digest, Sha256};

pub use detect::{detect, Detected, Format};
pub use history::{history, reject_count, rejects, LogEntry, Reject};
pub use preview::{preview, Preview};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: {source}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{file} is empty: export the data again and make sure the file has a header line and rows")]
    EmptyFile { file: PathBuf },

    #[error("{file} is a binary file, not a CSV export; pick the .csv file the store exported")]
    BinaryFile { file: PathBuf },

    #[error("{file}: this kind of file is not recognised from its header ({} columns, starting with {}); supported: Shopify products, orders and customers exports", header.len(), header.iter().take(4).map(|h| format!("\"{}\"", shorten(h, 40))).collect::<Vec<_>>().join(", "))]
    UnknownFormat { file: PathBuf, header: Vec<String> },

    #[error("{file} looks like a {detected_format} but lacks the column(s) {}; export it again with all columns", missing.join(", "))]
    MissingColumns { file: PathBuf, detected_format: String, missing: Vec<String> },

    #[error("{file}: its columns ({}) are not a known export; say what the file holds and which column is which (suggested: {}{})", listed(columns), suggestion.0.iter().map(|(k, v)| format!("{k} = \"{}\"", shorten(v, 40))).collect::<Vec<_>>().join(", "), if unplaced.is_empty() { String::new() } else { format!("; not placed: {}", listed(unplaced)) })]
    NeedsMapping { file: PathBuf, columns: Vec<String>, suggestion: mapping::Mapping, unplaced: Vec<String> },

    #[error("{file}: the column mapping does not fit: {problem}")]
    BadMapping { file: PathBuf, problem: String },

    /// `line` is the row's line in the file and `record` its record number
    /// (the header is record 1); they differ when earlier fields hold line breaks.
    #[error("{file}, line {line}{}, column \"{column}\": {reason}", if record != line { format!(" (record {record})") } else { String::new() })]
    RowRejected { file: PathBuf, line: i64, record: i64, column: String, reason: String },

    #[error("{file}: {message}")]
    Read { file: PathBuf, message: String },

    #[error("{file}: importing it needs about {} MB of free disk space beside the workspace, but only {} MB are free; free some space or move the workspace to a larger disk — nothing was imported", needed / 1_000_000 + 1, available / 1_000_000)]
    DiskTooSmall { file: PathBuf, needed: u64, available: u64 },

    #[error("{file}: the disk filled up during the import; nothing was imported — free some space and import again")]
    OutOfSpace { file: PathBuf },

    #[error("{link} is a link to {target}, outside the folder being imported, so it was not read; import {target} on its own, or remove the link")]
    LinkOutsideFolder { link: PathBuf, target: PathBuf },

    #[error("the import was cancelled; the workspace is as it was before")]
    Cancelled,

    #[error(transparent)]
    Store(#[from] StoreError),

    #[error("database error while importing: {0}")]
    Db(#[from] insights_store::duckdb::Error),
}

impl ImportError {
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Io { .. } => "io",
            ImportError::EmptyFile { .. } => "empty_file",
            ImportError::BinaryFile { .. } => "binary_file",
            ImportError::UnknownFormat { .. } => "unknown_format",
            ImportError::MissingColumns { .. } => "missing_columns",
            ImportError::RowRejected { .. } => "row_rejected",
            ImportError::Read { .. } => "unreadable_file",
            ImportError::LinkOutsideFolder { .. } => "link_outside_folder",
            ImportError::Cancelled => "cancelled",
            ImportError::DiskTooSmall { .. } | ImportError::OutOfSpace { .. } => "disk_full",
            ImportError::NeedsMapping { .. } => "needs_mapping",
            ImportError::BadMapping { .. } => "bad_mapping",
            ImportError::Store(e) => e.code(),
            ImportError::Db(_) => "database",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Fail the whole import on the first rejected row instead of
    /// quarantining rejected rows and importing the rest.
    pub strict: bool,
    /// Currency of amounts in files that do not name one (generic
    /// transaction lines), e.g. "GBP".
    pub currency: Option<String>,
    /// Which column is which, for files that are not a known export. When
    /// absent, a mapping saved for the same source is used.
    pub mapping: Option<mapping::Mapping>,
    /// Set from another thread to stop the import; it then rolls back.
    pub cancel: Option<std::sync::Arc<std::sync::atomic::AtomicBool>>,
    /// The intent labels the support assistant already uses (its intents'
    /// names and the labels mapped to them); any other label on imported
    /// conversations is reported in a warning. None: not checked.
    pub known_labels: Option<Vec<String>>,
    /// Read a file again even when one with the same contents was imported
    /// before (otherwise it is skipped as unchanged).
    pub force: bool,
}

impl ImportOptions {
    fn check_cancelled(&self) -> Result<(), ImportError> {
        match &self.cancel {
            Some(flag) if flag.load(std::sync::atomic::Ordering::Relaxed) => Err(ImportError::Cancelled),
            _ => Ok(()),
        }
    }
}

/// Something an import noticed about a file and imported anyway, said once
/// per kind (a SKU shared by several variants, labels no intent has, ...).
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Warning {
    /// Stable identifier of the kind of warning, e.g. `shared_sku`.
    pub code: String,
    pub message: String,
}

impl Warning {
    pub fn new(code: &str, message: impl Into<String>) -> Warning {
        Warning { code: code.to_string(), message: message.into() }
    }
}

/// What happened to one file.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FileReport {
    /// The file's entry in the import history (its set-aside rows are
    /// listed by it).
    pub import_id: String,
    pub file: PathBuf,
    pub format: String,
    pub rows_read: i64,
    pub inserted: i64,
    pub updated: i64,
    pub rejected: i64,
    pub duration_ms: i64,
    pub warnings: Vec<Warning>,
    /// When the file was skipped because a file with the same contents
    /// (SHA-256) was imported before: when that import started
    /// (`YYYY-MM-DD HH:MM:SS`, UTC). `import_id` is then that import's.
    pub unchanged_since: Option<String>,
    /// Set when the file, found in a folder, was left out: why.
    pub not_imported: Option<String>,
}

impl FileReport {
    /// A file that was not read: no import of its own, every count zero.
    fn not_read(file: PathBuf, format: Format) -> Self {
        FileReport {
            import_id: String::new(),
            file,
            format: format.id().to_string(),
            rows_read: 0,
            inserted: 0,
            updated: 0,
            rejected: 0,
            duration_ms: 0,
            warnings: Vec::new(),
            unchanged_since: None,
            not_imported: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Reading,
    Mapping,
    Done,
}

/// Imports `paths` (files, or folders whose files are imported) into the
/// workspace in one transaction. Files are applied in dependency order
/// (products, customers, orders, returns) whatever order they are given in.
pub fn import_paths(
    ws: &mut Workspace,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(&Path, Step, usize, usize),
) -> Result<Vec<FileReport>, ImportError> {
    let (files, left_out) = expand_named(paths)?;
    let mut detected = Vec::new();
    for (f, rel) in files {
        let d = match detect(&f) {
            Ok(d) => d,
            Err(ImportError::UnknownFormat { .. }) => mapped(ws, &f, options)?,
            Err(e) => return Err(e),
        };
        detected.push((f, d, rel));
    }
    detected.sort_by_key(|(f, d, _)| (apply_order(d.format), f.clone()));

    // A file this workspace already imported with the same contents, read
    // the same way, is recognised by its digest and skipped (unless forced),
    // before any space is reserved or anything is written.
    let hasher = ws.pii_hasher()?;
    let hashing = ws.pii_hashing()?;
    let mut digests = Vec::with_capacity(detected.len());
    for (f, d, _) in &detected {
        options.check_cancelled()?;
        let sha = sha256_file(f)?;
        let how = read_with(d, options, hashing);
        let skippable = !options.force && d.format != Format::KnowledgeBase;
        let earlier = if skippable { earlier_import(ws.conn(), &sha, d, &how)? } else { None };
        digests.push((sha, how, earlier));
    }
    if let Some(available) = insights_store::available_space(ws.path()) {
        let read: Vec<PathBuf> = detected
            .iter()
            .zip(&digests)
            .filter(|(_, (_, _, e))| e.is_none())
            .map(|((f, _, _), _)| f.clone())
            .collect();
        check_space(&read, available)?;
    }
    let conn = ws.conn_mut();
    let tx = conn.transaction()?;
    let mut reports = Vec::new();
    let total = detected.len();
    for (i, (file, d, relative)) in detected.iter().enumerate() {
        options.check_cancelled()?;
        let (sha, how, earlier) = &digests[i];
        if let Some((import_id, since)) = earlier {
            reports.push(FileReport {
                import_id: import_id.clone(),
                unchanged_since: Some(since.clone()),
                ..FileReport::not_read(file.clone(), d.format)
            });
            progress(file, Step::Done, i + 1, total);
            continue;
        }
        progress(file, Step::Reading, i, total);
        let started = Instant::now();
        let started_at = chrono::Utc::now().naive_utc();
        let ctx = staging::Context {
            tx: &tx,
            file,
            relative,
            detected: d,
            hasher: &hasher,
            hashing,
            strict: options.strict,
            currency: options.currency.as_deref(),
            known_labels: options.known_labels.as_deref(),
        };
        let counts = import_one(&ctx, &mut |step| progress(file, step, i, total)).map_err(|e| out_of_space(file, e))?;
        if let Some(m) = &d.mapping {
            tx.execute(
                "INSERT OR REPLACE INTO import_mappings (source_key, mapping, updated_at) VALUES (?, ?, current_timestamp)",
                insights_store::duckdb::params![mapping::source_key(&source_columns_of(file, d)?), serde_json::to_string(m).unwrap()],
            )?;
        }
        options.check_cancelled()?;
        let duration_ms = started.elapsed().as_millis() as i64;
        let import_id = format!("{}-{}", started_at.format("%Y%m%dT%H%M%S%.6f"), i);
        tx.execute(
            "INSERT INTO import_log (import_id, started_at, finished_at, file_name, file_sha256, detected_format,
                 rows_read, rows_inserted, rows_updated, rows_rejected, duration_ms, status, warnings, read_with)
             VALUES (?, ?, current_timestamp, ?, ?, ?, ?, ?, ?, ?, ?, 'imported', ?, ?)",
            insights_store::duckdb::params![
                import_id,
                started_at,
                file.display().to_string(),
                sha,
                d.format.id(),
                counts.rows_read,
                counts.inserted,
                counts.updated,
                counts.rejected,
                duration_ms,
                serde_json::to_string(&counts.warnings).unwrap_or_else(|_| "[]".into()),
                how
            ],
        )?;
        tx.execute("UPDATE import_rejects SET import_id = ? WHERE import_id = '(pending)'", [&import_id])?;
        reports.push(FileReport {
            import_id,
            file: file.clone(),
            format: d.format.id().to_string(),
            rows_read: counts.rows_read,
            inserted: counts.inserted,
            updated: counts.updated,
            rejected: counts.rejected,
            duration_ms,
            warnings: counts.warnings,
            unchanged_since: None,
            not_imported: None,
        });
        progress(file, Step::Done, i + 1, total);
    }
    tx.commit()?;
    reports.extend(
        left_out.into_iter().map(|s| FileReport {
            not_imported: Some(s.reason),
            ..FileReport::not_read(s.file, Format::KnowledgeBase)
        }),
    );
    Ok(reports)
}

/// The settings that change what a file's rows become, as stored in
/// `import_log.read_with`: the same contents read another way (hashing
/// turned off, another currency or mapping, strict) are read again.
/// Documents are named by their path, so knowledge-base files are never
/// skipped here (the knowledge-base import skips unchanged documents itself).
fn read_with(d: &Detected, options: &ImportOptions, hashing: bool) -> String {
    let currency_matters = matches!(d.format, Format::Transactions | Format::MappedTransactions);
    serde_json::json!({
        "hash_personal_data": hashing,
        "strict": options.strict,
        "currency": options.currency.as_deref().filter(|_| currency_matters),
        "mapping": d.mapping,
    })
    .to_string()
}

/// The earlier import of a file with these contents, read as the same kind
/// of export in the same way: its id and when it started.
fn earlier_import(
    conn: &insights_store::duckdb::Connection,
    sha: &str,
    d: &Detected,
    how: &str,
) -> Result<Option<(String, String)>, ImportError> {
    let mut stmt = conn.prepare(
        "SELECT import_id, strftime(started_at, '%Y-%m-%d %H:%M:%S') FROM import_log
         WHERE file_sha256 = ? AND detected_format = ? AND read_with = ? AND status = 'imported'
         ORDER BY started_at DESC LIMIT 1",
    )?;
    let mut rows = stmt.query(insights_store::duckdb::params![sha, d.format.id(), how])?;
    Ok(match rows.next()? {
        Some(r) => Some((r.get(0)?, r.get(1)?)),
        None => None,
    })
}

/// About how many bytes importing `files` writes beside the workspace: the
/// tables and the write-ahead log hold about half a plain file's size
/// (measured: 0.3× for orders, 0.8× for a catalogue with descriptions), a
/// compressed file expands to about four times its size, and DuckDB's blocks
/// and indexes take a few megabytes whatever the file.
pub fn space_needed(files: &[PathBuf]) -> u64 {
    let mut needed = 3 * 1024 * 1024;
    for f in files {
        let size = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        let name = f.to_string_lossy().to_lowercase();
        let compressed = name.ends_with(".gz") || name.ends_with(".zst") || name.ends_with(".parquet");
        needed += if compressed { size * 4 } else { size / 2 };
    }
    needed
}

/// Refuses, before anything is written, an import the disk cannot hold.
pub(crate) fn check_space(files: &[PathBuf], available: u64) -> Result<(), ImportError> {
    let needed = space_needed(files);
    let largest = files.iter().max_by_key(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0));
    match largest {
        Some(file) if needed > available => Err(ImportError::DiskTooSmall { file: file.clone(), needed, available }),
        _ => Ok(()),
    }
}

/// A write that failed because the disk is full, said so.
fn out_of_space(file: &Path, e: ImportError) -> ImportError {
    let full = |m: &str| m.contains("No space left on device") || m.contains("disk is full");
    match &e {
        ImportError::Db(d) if full(&d.to_string()) => ImportError::OutOfSpace { file: file.to_path_buf() },
        ImportError::Read { message, .. } if full(message) => ImportError::OutOfSpace { file: file.to_path_buf() },
        _ => e,
    }
}

/// DuckDB's reader errors quote the whole offending line (megabytes of it,
/// for a huge field), every reader setting and the SQL; the merchant gets the
/// line, the reason and what to do.
pub(crate) fn read_error(file: &Path, e: insights_store::duckdb::Error) -> ImportError {
    let raw = e.to_string();
    let line = raw
        .split_once("CSV Error on Line: ")
        .and_then(|(_, rest)| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse::<i64>().ok());
    let message = if raw.contains("Error when sniffing file") {
        "its rows cannot be told apart: a quote may be left open, or text may follow a closing quote; \
         check the quoting (a spreadsheet program can save the file again as CSV) and import it again"
            .to_string()
    } else if let Some(line) = line {
        // The reason is the last line before the suggestions and the reader's
        // settings (after the quoted original line, when there is one).
        let detail = raw.split_once("\nOriginal Line: ").map_or(raw.as_str(), |(_, rest)| rest);
        let detail = detail.split("\n\nPossible Solution").next().unwrap_or_default();
        let detail = detail.split("\n  file = ").next().unwrap_or_default();
        let reason = detail.trim_end().lines().last().unwrap_or_default().trim();
        if reason.starts_with("Maximum line size") {
            // DuckDB counts this line from where its sniffer started, not
            // from the top of the file: the line is found here instead.
            let at = match first_long_line(file, mapping::MAX_LINE_BYTES) {
                Some(line) => format!("line {line}"),
                None => "a row".to_string(),
            };
            format!(
                "{at} is longer than {} MB, more than a row of an export can be; check that its quotes are closed",
                mapping::MAX_LINE_BYTES >> 20
            )
        } else {
            format!(
                "line {line}: {}; check that line's quoting, or export the file again",
                shorten(reason.trim_end_matches('.'), 300)
            )
        }
    } else {
        shorten(raw.lines().next().unwrap_or_default(), 300)
    };
    ImportError::Read { file: file.to_path_buf(), message }
}

/// The first line of `file` longer than `limit` bytes, counted from 1.
fn first_long_line(file: &Path, limit: usize) -> Option<i64> {
    use std::io::BufRead;
    let mut reader = std::io::BufReader::with_capacity(1 << 16, encoding::open_decompressed(file).ok()?);
    let (mut line, mut length) = (1, 0);
    loop {
        let block = reader.fill_buf().ok()?;
        if block.is_empty() {
            return None;
        }
        for chunk in block.split_inclusive(|b| *b == b'\n') {
            length += chunk.len();
            if length > limit + 1 {
                return Some(line);
            }
            if chunk.ends_with(b"\n") {
                (line, length) = (line + 1, 0);
            }
        }
        let n = block.len();
        reader.consume(n);
    }
}

/// Column names for a message: the first dozen, each cut to a readable
/// length (the error's details carry them all).
fn listed(columns: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut out: Vec<String> = columns.iter().take(SHOWN).map(|c| shorten(c, 40)).collect();
    if columns.len() > SHOWN {
        out.push(format!("and {} more", columns.len() - SHOWN));
    }
    out.join(", ")
}

pub(crate) fn shorten(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A file that is no known export, read through the mapping given or the one
/// saved for its source; without either, the error carries a suggestion.
fn mapped(ws: &Workspace, file: &Path, options: &ImportOptions) -> Result<Detected, ImportError> {
    resolve_mapping(file, options.mapping.as_ref(), &|key| saved_mapping(ws.conn(), key))
}

/// The mapping a file is read through: `given`, else the one `saved` holds
/// for the file's columns, else an error with a suggested mapping.
pub fn resolve_mapping(
    file: &Path,
    given: Option<&mapping::Mapping>,
    saved: &dyn Fn(&str) -> Result<Option<mapping::Mapping>, ImportError>,
) -> Result<Detected, ImportError> {
    let delimiter = if mapping::needs_mapping_by_type(file) { ',' } else { detect::header_of(file)?.1 };
    let columns = mapping::source_columns(file, delimiter)?;
    let chosen = match given {
        Some(m) => m.clone(),
        None => match saved(&mapping::source_key(&columns))? {
            Some(m) => m,
            None => {
                let filled = mapping::filled_columns(file, delimiter, &columns)?;
                let suggestion = mapping::suggest_from(&columns, &filled);
                let unplaced = mapping::unplaced(&columns, &suggestion);
                return Err(ImportError::NeedsMapping { file: file.to_path_buf(), columns, suggestion, unplaced });
            }
        },
    };
    mapping::validate(file, &chosen, &columns)?;
    let (_, header) = mapping::projection(&chosen);
    let format = match chosen.kind() {
        mapping::Kind::Transactions => Format::MappedTransactions,
        mapping::Kind::Catalogue => Format::MappedCatalogue,
    };
    Ok(Detected { format, header, delimiter, mapping: Some(chosen) })
}

/// The mapping saved in a workspace for a source, by its key.
pub fn saved_mapping(
    conn: &insights_store::duckdb::Connection,
    key: &str,
) -> Result<Option<mapping::Mapping>, ImportError> {
    let mut stmt = conn.prepare("SELECT mapping FROM import_mappings WHERE source_key = ?")?;
    let mut rows = stmt.query([key])?;
    Ok(match rows.next()? {
        Some(r) => serde_json::from_str(&r.get::<_, String>(0)?).ok(),
        None => None,
    })
}

fn source_columns_of(file: &Path, d: &Detected) -> Result<Vec<String>, ImportError> {
    mapping::source_columns(file, d.delimiter)
}

/// Stages one file and maps it into the canonical tables.
fn import_one(ctx: &staging::Context, step: &mut dyn FnMut(Step)) -> Result<staging::Counts, ImportError> {
    if ctx.detected.format == Format::KnowledgeBase {
        step(Step::Mapping);
        return knowledge::import(ctx);
    }
    let rows_read = staging::stage(ctx, shopify::columns(ctx.detected.format).as_deref())?;
    step(Step::Mapping);
    let mut counts = match ctx.detected.format {
        Format::ShopifyProductsCurrent => shopify::products(ctx, &shopify::PRODUCTS_CURRENT)?,
        Format::ShopifyProductsLegacy => shopify::products(ctx, &shopify::PRODUCTS_LEGACY)?,
        Format::ShopifyOrders => shopify::orders(ctx)?,
        Format::ShopifyCustomersCurrent => shopify::customers(ctx, &shopify::CUSTOMERS_CURRENT)?,
        Format::ShopifyCustomersLegacy => shopify::customers(ctx, &shopify::CUSTOMERS_LEGACY)?,
        Format::Returns => shopify::returns(ctx)?,
        Format::Transactions => transactions::import(ctx)?,
        Format::SupportConversations => activity::support_conversations(ctx)?,
        Format::ExperimentEvents => activity::experiment_events(ctx)?,
        Format::KnowledgeBase => unreachable!("documents are imported above"),
        Format::WooCommerceProducts => woocommerce::products(ctx)?,
        Format::MappedTransactions => transactions::import(ctx)?,
        Format::MappedCatalogue => shopify::products(ctx, &shopify::MAPPED_CATALOGUE)?,
    };
    counts.rows_read = rows_read;
    ctx.tx.execute_batch("DROP TABLE IF EXISTS stg; DROP TABLE IF EXISTS bad_lines;")?;
    Ok(counts)
}

fn apply_order(f: Format) -> u8 {
    match f {
        Format::ShopifyProductsCurrent
        | Format::ShopifyProductsLegacy
        | Format::WooCommerceProducts
        | Format::MappedCatalogue => 0,
        Format::ShopifyCustomersCurrent | Format::ShopifyCustomersLegacy => 1,
        Format::ShopifyOrders => 2,
        Format::Returns | Format::Transactions | Format::MappedTransactions => 3,
        Format::SupportConversations | Format::ExperimentEvents | Format::KnowledgeBase => 4,
    }
}

/// What a list of files and folders stands for.
#[derive(Debug, Default)]
pub struct Expanded {
    /// The files to import, in a stable order.
    pub files: Vec<PathBuf>,
    /// Files found in a folder and left out, with why.
    pub skipped: Vec<SkippedFile>,
}

/// A file found in a folder and not imported.
#[derive(Debug, Clone)]
pub struct SkippedFile {
    pub file: PathBuf,
    pub reason: String,
}

/// The files a list of files and folders stands for, folders expanded
/// (recursively: table files, and documents that are store policies), in a
/// stable order, with the documents left out.
pub fn expand(paths: &[PathBuf]) -> Result<Expanded, ImportError> {
    let (files, skipped) = expand_named(paths)?;
    Ok(Expanded { files: files.into_iter().map(|(f, _)| f).collect(), skipped })
}

/// Like [`expand`], with each file's name relative to the parent of the
/// folder it was found in ("knowledge-base/returns.md"), or its own name
/// when given directly.
#[allow(clippy::type_complexity)]
fn expand_named(paths: &[PathBuf]) -> Result<(Vec<(PathBuf, String)>, Vec<SkippedFile>), ImportError> {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        let p = &resolved(p)?;
        let mut files = Vec::new();
        collect_files(p, &mut files)?;
        // The root folder has no parent: its files are named from it.
        let base = p.parent().unwrap_or(p);
        for f in files {
            let rel = if f == *p {
                f.file_name().map(PathBuf::from).unwrap_or_default()
            } else {
                f.strip_prefix(base).unwrap_or(&f).to_path_buf()
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if f != *p && knowledge::is_document(&f) && !knowledge::is_policy(&f, &rel) {
                skipped.push(SkippedFile {
                    reason: format!(
                        "{rel} was not imported: a document found in a folder is read as a store policy only in \
                         a folder named like one (knowledge-base, policies, help, faq, pages) or when it starts \
                         with a title or heading; import it on its own to add it"
                    ),
                    file: f,
                });
                continue;
            }
            out.push((f, rel));
        }
    }
    Ok((out, skipped))
}

/// A path as given, with any `.` and `..` resolved on the file system (so
/// `exports/../orders.csv` is recorded as the file it names, and a folder
/// given as `kb/.` names its documents `kb/...`). The last name is kept as
/// given unless it is `.` or `..`, so a link named on its own keeps its name.
fn resolved(path: &Path) -> Result<PathBuf, ImportError> {
    let dotted = path.to_string_lossy().split(['/', '\\']).any(|c| c == "." || c == "..");
    if !dotted {
        return Ok(path.to_path_buf());
    }
    let io = |source| ImportError::Io { file: path.to_path_buf(), source };
    let last = path.components().next_back();
    match (path.parent(), last) {
        (Some(parent), Some(Component::Normal(name))) if !parent.as_os_str().is_empty() => {
            Ok(std::fs::canonicalize(parent).map_err(io)?.join(name))
        }
        _ => std::fs::canonicalize(path).map_err(io),
    }
}

/// The files `path` stands for: itself, or the table files and documents
/// under it. Each real folder is walked once, so a link back up the tree
/// (`loop -> ..`) ends there instead of looping; a link that leads out of
/// the folder is refused, as what it points at was not chosen for import.
fn collect_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    fn io(p: &Path) -> impl Fn(std::io::Error) -> ImportError + '_ {
        move |source| ImportError::Io { file: p.to_path_buf(), source }
    }
    let meta = std::fs::metadata(path).map_err(io(path))?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let root = std::fs::canonicalize(path).map_err(io(path))?;
    let mut seen = HashSet::from([root.clone()]);
    let listing = |dir: &Path| -> Result<Vec<PathBuf>, ImportError> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir() || is_table_file(p))
            .collect();
        entries.sort_by(|a, b| b.cmp(a));
        Ok(entries)
    };
    // Depth first in name order, with a stack rather than recursion so a
    // deep tree cannot exhaust the thread's stack.
    let mut pending = listing(path)?;
    while let Some(entry) = pending.pop() {
        let real = std::fs::canonicalize(&entry).map_err(io(&entry))?;
        if !real.starts_with(&root) {
            return Err(ImportError::LinkOutsideFolder { link: entry, target: real });
        }
        if !entry.is_dir() {
            out.push(entry);
        } else if seen.insert(real) {
            pending.extend(listing(&entry)?);
        }
    }
    Ok(())
}

fn is_table_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let table = [".csv", ".tsv"].iter().any(|ext| {
        name.ends_with(ext) || name.ends_with(&format!("{ext}.gz")) || name.ends_with(&format!("{ext}.zst"))
    });
    table || knowledge::is_document(p)
}

fn sha256_file(path: &Path) -> Result<String, ImportError> {
    let mut file = std::fs::File::open(path).map_err(|source| ImportError::Io { file: path.to_path_buf(), source })?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(|source| ImportError::Io { file: path.to_path_buf(), source })?;
    Ok(hex::encode(hasher.finalize()))
}

#[cfg(test)]
mod space_tests {
    use super::*;

    #[test]
    fn an_import_the_disk_cannot_hold_is_refused_up_front() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("orders.csv");
        std::fs::write(&big, vec![b'x'; 1_000_000]).unwrap();
        // Half the file and a few megabytes for DuckDB's blocks: about 3.6 MB.
        let err = check_space(std::slice::from_ref(&big), 2_000_000).unwrap_err();
        assert_eq!(err.code(), "disk_full");
        let msg = err.to_string();
        assert!(msg.contains("orders.csv") && msg.contains("about 4 MB") && msg.contains("2 MB are free"), "{msg}");
        assert!(check_space(&[big], 5_000_000).is_ok());
    }
}
