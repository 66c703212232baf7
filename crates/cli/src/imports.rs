//! What an import noticed: its warnings and the rows it set aside, right
//! after it ran, and later from the history (`insights import history`,
//! `insights import rejected ID`).

use insights_engine::{Engine, EngineError, ImportedFile, RejectedRow};

/// Set-aside rows shown per file after an import unless `--rejected`.
pub(crate) const SHOWN: usize = 10;

/// Each file's warnings, then its set-aside rows (the first `limit`, or all).
pub(crate) fn explain(engine: &Engine, reports: &[ImportedFile], limit: Option<usize>) -> Result<(), EngineError> {
    for r in reports {
        let name = &r.file_name;
        for w in &r.warnings {
            println!("\nnote on {name}: {}", w.message);
        }
        if r.rejected == 0 {
            continue;
        }
        let rows = engine.import_rejects(&r.import_id, limit)?;
        let shown = rows.iter().map(|row| row.line.or(row.record)).collect::<std::collections::HashSet<_>>().len();
        let more = if (shown as i64) < r.rejected {
            format!(", the first {shown} shown; `insights import rejected {}` lists them all", r.import_id)
        } else {
            String::new()
        };
        println!(
            "\n{name}: {} row{} set aside, not imported{more}:",
            r.rejected,
            if r.rejected == 1 { "" } else { "s" }
        );
        print_rows(&rows);
    }
    Ok(())
}

/// The files skipped because the same contents were imported before, and
/// those a folder held that were left out.
pub(crate) fn not_read(reports: &[ImportedFile]) {
    let skipped: Vec<_> = reports.iter().filter_map(|r| Some((r, r.unchanged_since.as_deref()?))).collect();
    for (r, since) in &skipped {
        println!("{:<44} unchanged since {since} UTC (same contents): skipped", r.file_name);
    }
    if !skipped.is_empty() {
        println!("`--force` reads skipped files again.");
    }
    for r in reports {
        if let Some(why) = &r.not_imported {
            println!("not imported: {why}");
        }
    }
}

/// The workspace's imports, most recent first.
pub(crate) fn history(engine: &Engine) -> Result<(), EngineError> {
    let entries = engine.import_history()?;
    if entries.is_empty() {
        println!(
            "Nothing has been imported into this workspace yet: `insights import <files or folders>` imports exports."
        );
        return Ok(());
    }
    println!(
        "{:<28} {:<19} {:<36} {:<24} {:>9} {:>9}",
        "import id", "started (UTC)", "file", "format", "read", "rejected"
    );
    for e in &entries {
        println!(
            "{:<28} {:<19} {:<36} {:<24} {:>9} {:>9}",
            e.import_id,
            e.started_at.as_deref().unwrap_or(""),
            e.file_name,
            e.format,
            e.rows_read,
            e.rejected
        );
        for w in &e.warnings {
            println!("    note: {}", w.message);
        }
    }
    if entries.iter().any(|e| e.rejected > 0) {
        println!("\n`insights import rejected <import id>` lists the rows an import set aside.");
    }
    Ok(())
}

/// Every row one import set aside.
pub(crate) fn rejected(engine: &Engine, import_id: &str) -> Result<(), EngineError> {
    let rows = engine.import_rejects(import_id, None)?;
    if rows.is_empty() {
        println!("Import {import_id} set no row aside.");
        return Ok(());
    }
    print_rows(&rows);
    Ok(())
}

/// One line per problem: where (the line in the file, and the record when
/// earlier fields hold line breaks), the column, why, and the value.
fn print_rows(rows: &[RejectedRow]) {
    for row in rows {
        let at = match (row.line, row.record) {
            (Some(line), Some(record)) if line != record => format!("line {line} (record {record})"),
            (Some(line), _) => format!("line {line}"),
            (None, Some(record)) => format!("record {record}"),
            (None, None) => "a row".to_string(),
        };
        let column = row.column.as_deref().map(|c| format!(", column \"{c}\"")).unwrap_or_default();
        let value = match row.raw.as_deref() {
            Some(raw) if !raw.is_empty() => format!(" (value: \"{}\")", shorten(raw, 60)),
            _ => String::new(),
        };
        println!("  {at}{column}: {}{value}", row.reason);
    }
}

fn shorten(text: &str, max_chars: usize) -> String {
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    match flat.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}
