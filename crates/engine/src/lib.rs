//! The engine: the single API over the capability crates. The Tauri shell
//! and the `insights` CLI are thin adapters over [`Engine`]; anything either
//! of them would otherwise compute belongs here.

pub mod api;
mod assistant;
mod error;
mod experiments;
mod kpis;
mod privacy;
mod recommend;
mod report;
mod search;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use insights_store::{file_name_for, Workspace};

pub use api::*;
pub use error::EngineError;
pub use experiments::{interval_level_text, ComparisonInput};
pub use insights_embed::{
    disable_runtime_telemetry, model_id as embedding_model_id, EmbedError, OwnerKind, DIMENSIONS,
};
pub use insights_experiments::{compare, VariantInput};
pub use insights_import::{FileReport, ImportOptions, Step as ImportStep};
pub use insights_sample::{SampleOptions, SampleSummary, Stage as SampleStage};
pub use insights_search::eval::{EvalQuery, ModeScore, QueryScore};
pub use insights_search::SearchIndex;
pub use insights_store::AppDirs;
pub use report::thousands;

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

/// Name of the sample store's workspace in the default folder.
pub const SAMPLE_WORKSPACE_NAME: &str = "Sample store";

pub struct Engine {
    dirs: AppDirs,
    current: Mutex<Option<Workspace>>,
    /// Raised by `cancel_import`; the running import rolls back.
    cancel: Arc<AtomicBool>,
    /// Interrupts the statement the running import is executing, so a
    /// cancel does not wait for a long read to finish.
    interrupt: Mutex<Option<Arc<insights_store::duckdb::InterruptHandle>>>,
    /// Held by a running import: a second one is refused, not queued
    /// behind it unseen.
    import_busy: Mutex<()>,
    /// The embedding model, loaded on first use and shared by embedding
    /// runs (one batch at a time) and search queries.
    embedder: Mutex<Option<insights_embed::Embedder>>,
    /// Why the model could not be loaded, until the files are found.
    model_error: Mutex<Option<insights_embed::EmbedError>>,
    model_dirs: Mutex<Vec<PathBuf>>,
    embed_cancel: Arc<AtomicBool>,
    /// Held by a running embedding job.
    embed_busy: Mutex<()>,
    embed_running: AtomicBool,
    search_cache: Mutex<Option<search::CachedIndex>>,
    assistant_cache: Mutex<Option<assistant::CachedAssistant>>,
    recommend_cache: Mutex<Option<recommend::CachedRecommender>>,
}

impl Engine {
    pub fn new(dirs: AppDirs) -> Self {
        let model_dirs = vec![dirs.root().join("models")];
        Self {
            dirs,
            current: Mutex::new(None),
            cancel: Arc::new(AtomicBool::new(false)),
            interrupt: Mutex::new(None),
            import_busy: Mutex::new(()),
            embedder: Mutex::new(None),
            model_error: Mutex::new(None),
            model_dirs: Mutex::new(model_dirs),
            embed_cancel: Arc::new(AtomicBool::new(false)),
            embed_busy: Mutex::new(()),
            embed_running: AtomicBool::new(false),
            search_cache: Mutex::new(None),
            assistant_cache: Mutex::new(None),
            recommend_cache: Mutex::new(None),
        }
    }

    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    pub fn app_info(&self) -> AppInfo {
        let sample = self.sample_workspace_path();
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            workspaces_dir: self.dirs.workspaces_dir().display().to_string(),
            sample_workspace: sample.exists().then(|| sample.display().to_string()),
        }
    }

    pub fn sample_workspace_path(&self) -> PathBuf {
        self.dirs.workspaces_dir().join(file_name_for(SAMPLE_WORKSPACE_NAME))
    }

    /// Recent workspaces, most recent first, with their current size.
    pub fn list_workspaces(&self) -> Vec<WorkspaceInfo> {
        self.dirs.recent().list().into_iter().map(|e| info_for(&e.path, &e.name, Some(e.last_opened))).collect()
    }

    pub fn current_workspace(&self) -> Result<Option<WorkspaceInfo>> {
        let guard = self.lock();
        match guard.as_ref() {
            Some(ws) => Ok(Some(self.info_of(ws)?)),
            None => Ok(None),
        }
    }

    /// Creates a workspace (in the default folder unless `path` is given),
    /// opens it and makes it current.
    pub fn create_workspace(&self, name: &str, path: Option<&Path>) -> Result<WorkspaceInfo> {
        let path = match path {
            Some(p) if p.is_dir() => p.join(file_name_for(name)),
            Some(p) => p.to_path_buf(),
            None => self.dirs.workspaces_dir().join(file_name_for(name)),
        };
        let ws = Workspace::create(&path, name)?;
        self.close_current()?;
        self.make_current(ws)
    }

    pub fn open_workspace(&self, path: &Path) -> Result<WorkspaceInfo> {
        {
            let guard = self.lock();
            if let Some(ws) = guard.as_ref().filter(|ws| ws.path() == path) {
                let info = self.info_of(ws)?;
                self.dirs.recent().touch(path, &info.name)?;
                return Ok(info);
            }
        }
        // Close the current one first: DuckDB allows one writer per file.
        self.close_current()?;
        let ws = Workspace::open(path)?;
        self.make_current(ws)
    }

    pub fn rename_workspace(&self, path: &Path, new_name: &str) -> Result<WorkspaceInfo> {
        let guard = self.lock();
        match guard.as_ref().filter(|ws| ws.path() == path) {
            Some(ws) => ws.rename(new_name)?,
            None => {
                let ws = Workspace::open(path)?;
                ws.rename(new_name)?;
                ws.close()?;
            }
        }
        let name = new_name.trim().to_string();
        self.dirs.recent().rename(path, &name)?;
        Ok(info_for(path, &name, None))
    }

    /// Deletes a workspace file. The adapters ask for confirmation first.
    pub fn delete_workspace(&self, path: &Path) -> Result<()> {
        let deleting_current = self.lock().as_ref().is_some_and(|ws| ws.path() == path);
        let _no_import = deleting_current.then(|| self.stop_import());
        let _no_embedding = deleting_current.then(|| self.stop_embedding());
        if deleting_current {
            self.forget_caches();
        }
        {
            let mut guard = self.lock();
            if guard.as_ref().is_some_and(|ws| ws.path() == path) {
                if let Some(ws) = guard.take() {
                    ws.close()?;
                }
            }
        }
        Workspace::delete(path)?;
        self.dirs.recent().forget(path)?;
        Ok(())
    }

    pub fn overview(&self, request: &OverviewRequest) -> Result<Overview> {
        self.with_current(|ws| {
            let period = kpis::period_of(request.period);
            let f = insights_kpi::figures(ws.conn(), period)?;
            let points: Vec<_> = f
                .weeks
                .iter()
                .map(|w| insights_charts::WeekPoint { week_start: w.week_start, value: w.revenue })
                .collect();
            Ok(Overview {
                workspace: self.info_of(ws)?,
                period: request.period,
                from: f.from.map(|d| d.to_string()),
                to: f.to.map(|d| d.to_string()),
                revenue_chart_svg: insights_charts::revenue_by_week_svg(&points, &f.currency),
                currency: f.currency,
                revenue: f.revenue,
                orders: f.orders,
                customers: f.customers,
                average_order_value: f.average_order_value,
                returning_customers: f.returning_customers,
                first_time_customers: f.first_time_customers,
                returning_customer_rate: f.returning_customer_rate,
                revenue_by_week: f
                    .weeks
                    .iter()
                    .map(|w| WeekRevenue { week_start: w.week_start.to_string(), revenue: w.revenue, orders: w.orders })
                    .collect(),
                empty: f.orders == 0 && f.from.is_none(),
            })
        })
    }

    /// Imports files or folders into the current workspace, all or nothing.
    /// The import runs on its own connection: while it works, every other
    /// call reads the last committed state instead of waiting, and a second
    /// import is refused with `ImportBusy`.
    pub fn import(
        &self,
        paths: &[PathBuf],
        options: &ImportOptions,
        progress: &mut dyn FnMut(&Path, ImportStep, usize, usize),
    ) -> Result<Vec<FileReport>> {
        let _busy = match self.import_busy.try_lock() {
            Ok(guard) => guard,
            Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
            Err(std::sync::TryLockError::WouldBlock) => return Err(EngineError::ImportBusy),
        };
        if options.cancel.as_ref().is_some_and(|c| Arc::ptr_eq(c, &self.cancel)) {
            self.cancel.store(false, Ordering::Relaxed);
        }
        let mut ws = self.with_current(|ws| Ok(ws.try_clone()?))?;
        // Imported intent labels the assistant does not use are reported.
        let options = &ImportOptions {
            known_labels: Some(insights_assistant::labels::known_labels(ws.conn())?),
            ..options.clone()
        };
        *self.interrupt.lock().unwrap_or_else(|p| p.into_inner()) = Some(ws.conn().interrupt_handle());
        let result = insights_import::import_paths(&mut ws, paths, options, progress);
        *self.interrupt.lock().unwrap_or_else(|p| p.into_inner()) = None;
        let cancelled = options.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed));
        match result {
            // An interrupted statement fails with a database error: it was the cancel.
            Err(_) if cancelled => Err(insights_import::ImportError::Cancelled.into()),
            other => Ok(other?),
        }
    }

    /// Cancels a running import, waits for it to roll back and keeps any new
    /// one out until the returned guard is dropped.
    fn stop_import(&self) -> std::sync::MutexGuard<'_, ()> {
        if let Ok(guard) = self.import_busy.try_lock() {
            return guard;
        }
        self.cancel_import();
        self.import_busy.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// What each file (folders expanded) would be imported as, with its
    /// first rows. Never touches the workspace.
    pub fn preview_files(&self, paths: &[PathBuf]) -> Result<Vec<FilePreview>> {
        let files = insights_import::expand(paths)?;
        Ok(files
            .iter()
            .map(|f| {
                let file_name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let size_bytes = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
                let path = f.display().to_string();
                let saved = |key: &str| match self.lock().as_ref() {
                    Some(ws) => insights_import::saved_mapping(ws.conn(), key),
                    None => Ok(None),
                };
                match insights_import::preview(f, 5, &saved) {
                    Ok(p) => FilePreview {
                        path,
                        file_name,
                        size_bytes,
                        format: Some(p.detected.format.id().to_string()),
                        format_label: Some(p.detected.format.label().to_string()),
                        columns: p.columns,
                        rows: p.rows,
                        error: None,
                    },
                    Err(e) => FilePreview {
                        path,
                        file_name,
                        size_bytes,
                        format: None,
                        format_label: None,
                        columns: Vec::new(),
                        rows: Vec::new(),
                        error: Some(EngineError::from(e).into()),
                    },
                }
            })
            .collect())
    }

    /// Imports files or folders into the open workspace, all or nothing,
    /// reporting progress; `cancel_import` from another thread stops it.
    pub fn import_files(
        &self,
        request: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<Vec<ImportedFile>> {
        let options = ImportOptions {
            strict: request.strict,
            currency: request.currency.clone().filter(|c| !c.trim().is_empty()),
            cancel: Some(Arc::clone(&self.cancel)),
            mapping: request.mapping.clone().map(insights_import::mapping::Mapping),
            ..ImportOptions::default()
        };
        let paths: Vec<PathBuf> = request.paths.iter().map(PathBuf::from).collect();
        let reports = self.import(&paths, &options, &mut |file, step, done, total| {
            progress(ImportProgress {
                file_name: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                step: match step {
                    ImportStep::Reading => "reading",
                    ImportStep::Mapping => "storing",
                    ImportStep::Done => "done",
                }
                .to_string(),
                done: done as u32,
                total: total as u32,
            })
        })?;
        Ok(reports
            .into_iter()
            .map(|r| ImportedFile {
                import_id: r.import_id,
                file_name: r.file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                format: r.format,
                started_at: None,
                rows_read: r.rows_read,
                inserted: r.inserted,
                updated: r.updated,
                rejected: r.rejected,
                duration_ms: r.duration_ms,
                warnings: r.warnings.into_iter().map(ImportWarning::from).collect(),
            })
            .collect())
    }

    pub fn cancel_import(&self) {
        self.cancel.store(true, Ordering::Relaxed);
        if let Some(handle) = self.interrupt.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            handle.interrupt();
        }
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

    pub fn privacy_settings(&self) -> Result<PrivacySettings> {
        self.with_current(|ws| Ok(PrivacySettings { hash_personal_data: ws.pii_hashing()? }))
    }

    pub fn set_privacy_settings(&self, settings: &PrivacySettings) -> Result<PrivacySettings> {
        self.with_current(|ws| {
            ws.set_pii_hashing(settings.hash_personal_data)?;
            Ok(PrivacySettings { hash_personal_data: ws.pii_hashing()? })
        })
    }

    /// Makes sure the sample store's workspace exists (building it from the
    /// export files in `sample_data` the first time) and opens it.
    pub fn open_sample_workspace(
        &self,
        sample_data: &Path,
        progress: &mut dyn FnMut(&Path, ImportStep, usize, usize),
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
        let imported = self.import(&folders, &ImportOptions::default(), progress);
        if let Some(ws) = self.lock().take() {
            ws.close()?;
        }
        imported?;
        std::fs::rename(&building, &path).map_err(|e| EngineError::Io {
            action: "moving the sample workspace to",
            path: path.clone(),
            source: e,
        })?;
        self.open_workspace(&path)
    }

    /// Opens, at start-up, `explicit` if given, else the most recent
    /// workspace that still exists, else the sample store if it was built.
    pub fn open_at_start(&self, explicit: Option<&Path>) -> Result<Option<WorkspaceInfo>> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => self
                .list_workspaces()
                .into_iter()
                .find(|w| w.exists)
                .map(|w| PathBuf::from(w.path))
                .or_else(|| Some(self.sample_workspace_path()).filter(|p| p.exists())),
        };
        path.map(|p| self.open_workspace(&p)).transpose()
    }

    /// Writes a self-contained HTML report of the current workspace.
    pub fn write_report(&self, out: &Path) -> Result<PathBuf> {
        let overview = self.overview(&OverviewRequest { period: PeriodPreset::AllTime })?;
        let last_90 = self.overview(&OverviewRequest { period: PeriodPreset::Last90Days })?;
        let searches = self.report_searches();
        let experiments: Vec<ExperimentReport> = self.with_current(|ws| {
            let settings = experiments::load_settings(ws.conn())?;
            experiments::list_ids(ws.conn())?.iter().map(|id| experiments::analyse(ws.conn(), id, &settings)).collect()
        })?;
        let answers = self.report_answers();
        let html = report::render(&overview, &last_90, &searches, &experiments, &answers);
        if let Some(dir) = out.parent() {
            std::fs::create_dir_all(dir).map_err(|e| EngineError::Io {
                action: "creating folder",
                path: dir.to_path_buf(),
                source: e,
            })?;
        }
        std::fs::write(out, html).map_err(|e| EngineError::Io {
            action: "writing",
            path: out.to_path_buf(),
            source: e,
        })?;
        Ok(out.to_path_buf())
    }

    /// Generates sample export files.
    pub fn generate_sample(
        &self,
        options: &SampleOptions,
        out: &Path,
        progress: &mut dyn FnMut(SampleStage, u64, u64),
    ) -> Result<SampleSummary> {
        Ok(insights_sample::generate(options, out, progress)?)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Workspace>> {
        // A panic while holding the lock leaves the workspace itself intact
        // (DuckDB transactions roll back), so the guard is safe to reuse.
        self.current.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn close_current(&self) -> Result<()> {
        // Imports and embedding runs hold their own connections to the
        // file: stop them first, and start none until the file is closed.
        let _no_import = self.stop_import();
        let _no_embedding = self.stop_embedding();
        self.forget_caches();
        if let Some(ws) = self.lock().take() {
            ws.close()?;
        }
        Ok(())
    }

    /// Drops the search index, assistant and recommender built from the
    /// workspace; the next call rebuilds what it needs.
    fn forget_caches(&self) {
        *self.search_cache.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.assistant_cache.lock().unwrap_or_else(|p| p.into_inner()) = None;
        *self.recommend_cache.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    fn make_current(&self, ws: Workspace) -> Result<WorkspaceInfo> {
        let info = self.info_of(&ws)?;
        self.dirs.recent().touch(ws.path(), &info.name)?;
        *self.lock() = Some(ws);
        Ok(info)
    }

    fn with_current<T>(&self, f: impl FnOnce(&Workspace) -> Result<T>) -> Result<T> {
        let guard = self.lock();
        let ws = guard.as_ref().ok_or(EngineError::NoWorkspace)?;
        f(ws)
    }

    fn info_of(&self, ws: &Workspace) -> Result<WorkspaceInfo> {
        let last = self.dirs.recent().list().into_iter().find(|e| e.path == ws.path()).map(|e| e.last_opened);
        Ok(info_for(ws.path(), &ws.name()?, last))
    }
}

/// One CSV cell, quoted. A cell that starts like a formula (`=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, so a spreadsheet
/// shows imported text such as `=HYPERLINK(…)` instead of running it.
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Writes a file the app produced (an export), naming it in the error.
pub(crate) fn write_file(out: &Path, bytes: impl AsRef<[u8]>) -> Result<PathBuf> {
    std::fs::write(out, bytes).map_err(|source| EngineError::Io {
        action: "could not write",
        path: out.to_path_buf(),
        source,
    })?;
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

fn info_for(path: &Path, name: &str, last_opened: Option<String>) -> WorkspaceInfo {
    let meta = std::fs::metadata(path).ok();
    WorkspaceInfo {
        name: name.to_string(),
        path: path.display().to_string(),
        size_bytes: meta.as_ref().map(|m| m.len()).unwrap_or(0),
        last_opened,
        exists: meta.is_some(),
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
