//! Files the app writes: exports and reports, each written whole to a
//! temporary file beside its destination and then moved into place, so a
//! crash or a full disk never leaves half a file under the final name.

use std::path::{Path, PathBuf};

use crate::{Engine, EngineError, Result};

/// One CSV cell, quoted. A cell that starts like a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, so a spreadsheet
/// shows imported text such as `=HYPERLINK(…)` instead of running it.
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Writes a file the app produced (an export, a report), creating its
/// folder when missing and naming the file in any error.
pub(crate) fn write_file(out: &Path, bytes: impl AsRef<[u8]>) -> Result<PathBuf> {
    let io = |action: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source| EngineError::Io { action, path, source }
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io("could not create", dir))?;
    }
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = out.with_file_name(format!(".{name}.partial"));
    if let Err(e) = std::fs::write(&partial, bytes) {
        let _ = std::fs::remove_file(&partial);
        return Err(io("could not write", out)(e));
    }
    std::fs::rename(&partial, out).map_err(io("could not write", out))?;
    Ok(out.to_path_buf())
}

impl Engine {
    /// The reports folder, created when missing: where the desktop app
    /// saves what it exports.
    pub(crate) fn reports_dir(&self) -> Result<PathBuf> {
        let dir = self.dirs.reports_dir();
        std::fs::create_dir_all(&dir).map_err(|source| EngineError::Io {
            action: "could not create",
            path: dir.clone(),
            source,
        })?;
        Ok(dir)
    }
}
