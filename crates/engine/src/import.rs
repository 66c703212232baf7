//! Import into the open workspace: what files would be read as, the one
//! import path both adapters use, its history and set-aside rows, and the
//! fields a column mapping fills.

use std::path::{Path, PathBuf};

use insights_import::ImportOptions;

use crate::api::*;
use crate::{Engine, EngineError, Result};

/// A file's preview before anything of it is read: its name and size.
fn unread_preview(f: &Path) -> FilePreview {
    FilePreview {
        path: f.display().to_string(),
        file_name: file_name(f),
        size_bytes: std::fs::metadata(f).map(|m| m.len()).unwrap_or(0),
        format: None,
        format_label: None,
        columns: Vec::new(),
        rows: Vec::new(),
        error: None,
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

impl Engine {
    /// What each file (folders expanded) would be imported as, with its
    /// first rows. Never touches the workspace.
    pub fn preview_files(&self, paths: &[PathBuf]) -> Result<Vec<FilePreview>> {
        let found = insights_import::expand(paths)?;
        let left_out = found.skipped.into_iter().map(|s| FilePreview {
            error: Some(ApiError { code: "not_a_policy".into(), message: s.reason, details: None }),
            ..unread_preview(&s.file)
        });
        Ok(found
            .files
            .iter()
            .map(|f| {
                let saved = |key: &str| match self.lock().as_ref() {
                    Some(ws) => insights_import::saved_mapping(ws.conn(), key),
                    None => Ok(None),
                };
                let mut p = unread_preview(f);
                match insights_import::preview(f, 5, &saved) {
                    Ok(found) => {
                        p.format = Some(found.detected.format.id().to_string());
                        p.format_label = Some(found.detected.format.label().to_string());
                        p.columns = found.columns;
                        p.rows = found.rows;
                    }
                    Err(e) => p.error = Some(EngineError::from(e).into()),
                }
                p
            })
            .chain(left_out)
            .collect())
    }

    /// Imports files or folders into the open workspace, all or nothing,
    /// reporting progress; `cancel_import` from another thread stops it and
    /// rolls it back. The import runs on its own connection: while it works,
    /// every other call reads the last committed state instead of waiting,
    /// and a second import is refused with `ImportBusy`.
    pub fn import(
        &self,
        request: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<Vec<ImportedFile>> {
        let running = self.import_job.start(EngineError::ImportBusy)?;
        let mut ws = self.with_current(|ws| Ok(ws.try_clone()?))?;
        let options = ImportOptions {
            strict: request.strict,
            currency: request.currency.clone().filter(|c| !c.trim().is_empty()),
            mapping: request.mapping.clone().map(insights_import::mapping::Mapping),
            cancel: Some(self.import_job.cancel_flag().clone()),
            // Imported intent labels the assistant does not use are reported.
            known_labels: Some(insights_assistant::labels::known_labels(ws.conn())?),
            force: request.force,
        };
        running.interrupts(ws.conn().interrupt_handle());
        let paths: Vec<PathBuf> = request.paths.iter().map(PathBuf::from).collect();
        let result = insights_import::import_paths(&mut ws, &paths, &options, &mut |file, step, done, total| {
            progress(ImportProgress {
                file_name: file_name(file),
                step: step.into(),
                done: done as u32,
                total: total as u32,
            })
        });
        let reports = match result {
            // An interrupted statement fails with a database error: it was the cancel.
            Err(_) if self.import_job.cancelled() => return Err(insights_import::ImportError::Cancelled.into()),
            other => other?,
        };
        Ok(reports
            .into_iter()
            .map(|r| ImportedFile {
                import_id: r.import_id,
                file_name: file_name(&r.file),
                format: r.format,
                started_at: None,
                rows_read: r.rows_read,
                inserted: r.inserted,
                updated: r.updated,
                rejected: r.rejected,
                duration_ms: r.duration_ms,
                warnings: r.warnings.into_iter().map(ImportWarning::from).collect(),
                unchanged_since: r.unchanged_since,
                not_imported: r.not_imported,
            })
            .collect())
    }

    pub fn cancel_import(&self) {
        self.import_job.cancel();
    }

    /// The open workspace's imports, most recent first.
    pub fn import_history(&self) -> Result<Vec<ImportedFile>> {
        self.with_current(|ws| {
            Ok(insights_import::history(ws.conn(), 200)?
                .into_iter()
                .map(|e| ImportedFile {
                    import_id: e.import_id,
                    file_name: Path::new(&e.file_name)
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or(e.file_name),
                    format: e.format,
                    started_at: Some(e.started_at),
                    rows_read: e.rows_read,
                    inserted: e.inserted,
                    updated: e.updated,
                    rejected: e.rejected,
                    duration_ms: e.duration_ms,
                    warnings: e.warnings.into_iter().map(ImportWarning::from).collect(),
                    unchanged_since: None,
                    not_imported: None,
                })
                .collect())
        })
    }

    /// The rows one import set aside, in file order: the first `limit`, or
    /// all of them.
    pub fn import_rejects(&self, import_id: &str, limit: Option<usize>) -> Result<Vec<RejectedRow>> {
        self.with_current(|ws| {
            if insights_import::reject_count(ws.conn(), import_id)?.is_none() {
                return Err(EngineError::ImportNotFound { id: import_id.to_string() });
            }
            Ok(insights_import::rejects(ws.conn(), import_id, limit.unwrap_or(usize::MAX >> 1))?
                .into_iter()
                .map(|r| RejectedRow { line: r.line, record: r.record, column: r.column, reason: r.reason, raw: r.raw })
                .collect())
        })
    }

    /// The fields a column mapping fills, for each kind of file (sales
    /// lines, then a product catalogue), in the order to ask for them.
    pub fn mapping_fields(&self) -> Vec<MappingField> {
        insights_import::mapping::Kind::ALL
            .iter()
            .flat_map(|kind| {
                kind.fields().iter().map(move |f| MappingField {
                    kind: kind.id().to_string(),
                    kind_label: kind.label().to_string(),
                    name: f.name.to_string(),
                    label: f.label.to_string(),
                    required: f.required,
                    or: f.or.map(str::to_string),
                })
            })
            .collect()
    }
}
