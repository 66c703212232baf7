//! The sample store: its export files, and the workspace built from them.

use std::path::{Path, PathBuf};

use insights_store::{file_name_for, Workspace};

use crate::api::*;
use crate::{Engine, EngineError, Result, SampleOptions, SampleStage, SampleSummary};

/// Name of the sample store's workspace in the default folder.
pub const SAMPLE_WORKSPACE_NAME: &str = "Sample store";

impl Engine {
    pub fn sample_workspace_path(&self) -> PathBuf {
        self.dirs.workspaces_dir().join(file_name_for(SAMPLE_WORKSPACE_NAME))
    }

    /// Makes sure the sample store's workspace exists (building it from the
    /// export files in `sample_data` the first time) and opens it.
    pub fn open_sample_workspace(
        &self,
        sample_data: &Path,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<WorkspaceInfo> {
        let path = self.sample_workspace_path();
        if path.exists() {
            return self.open_workspace(&path);
        }
        if !sample_data.join("shopify").is_dir() {
            return Err(EngineError::SampleDataMissing { path: sample_data.to_path_buf() });
        }
        // Build under a temporary name so an interrupted first run is retried cleanly.
        let building = path.with_extension("building.duckdb");
        if building.exists() {
            Workspace::delete(&building)?;
        }
        self.close_current()?;
        let ws = Workspace::create(&building, SAMPLE_WORKSPACE_NAME)?;
        *self.lock() = Some(ws);
        let folders: Vec<PathBuf> = ["shopify", "knowledge-base", "support", "experiments"]
            .iter()
            .map(|f| sample_data.join(f))
            .filter(|f| f.is_dir())
            .collect();
        let imported = self.import(&ImportRequest::of(&folders), progress);
        if let Some(ws) = self.lock().take() {
            ws.close()?;
        }
        if let Err(e) = imported {
            // A refused or failed build (a full disk, a file it cannot read)
            // leaves nothing behind; a killed one is cleared on the next try.
            let _ = Workspace::delete(&building);
            return Err(e);
        }
        std::fs::rename(&building, &path).map_err(|e| EngineError::Io {
            action: "moving the sample workspace to",
            path: path.clone(),
            source: e,
        })?;
        self.open_workspace(&path)
    }

    /// Generates sample export files.
    pub fn generate_sample(
        &self,
        options: &SampleOptions,
        out: &Path,
        progress: &mut dyn FnMut(SampleStage, u64, u64),
    ) -> Result<SampleSummary> {
        // Measured: 5.4 MB per unit of scale compressed, 65 MB plain.
        let per_scale: u64 = if options.zstd_level.is_some() { 6_000_000 } else { 66_000_000 };
        insights_store::ensure_space(out, per_scale * u64::from(options.scale), "writing the sample store")?;
        Ok(insights_sample::generate(options, out, progress)?)
    }
}

/// Finds the sample store's export files: `hint`, then `$INSIGHTS_SAMPLE_DATA`,
/// then `sample-data/` in the working folder or beside (or above) the program.
pub fn locate_sample_data(hint: Option<&Path>) -> Option<PathBuf> {
    let is_sample = |p: &Path| p.join("shopify").is_dir();
    if let Some(h) = hint {
        return Some(h.to_path_buf());
    }
    if let Some(env) = std::env::var_os("INSIGHTS_SAMPLE_DATA").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(env));
    }
    let mut candidates = vec![PathBuf::from("sample-data")];
    if let Ok(exe) = std::env::current_exe() {
        candidates.extend(exe.ancestors().skip(1).map(|a| a.join("sample-data")));
    }
    candidates.into_iter().find(|c| is_sample(c))
}
