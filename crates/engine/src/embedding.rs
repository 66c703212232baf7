//! The embedding model (found, verified and loaded on first use) and the
//! embedding runs that give products, passages and messages their vectors.

use std::path::PathBuf;
use std::sync::Mutex;

use insights_embed::{EmbedError, Embedder};

use crate::api::*;
use crate::state::lock;
use crate::{Engine, EngineError, Result};

/// The model's files and, once loaded, the model itself.
pub(crate) struct Model {
    /// Where to look for the files, besides `INSIGHTS_MODELS` and the
    /// binary's own folder.
    dirs: Mutex<Vec<PathBuf>>,
    loaded: Mutex<Option<Embedder>>,
    /// Why the model could not be loaded, until the files are found.
    error: Mutex<Option<EmbedError>>,
}

impl Model {
    pub(crate) fn new(dir: PathBuf) -> Self {
        Self { dirs: Mutex::new(vec![dir]), loaded: Mutex::new(None), error: Mutex::new(None) }
    }

    fn dirs(&self) -> Vec<PathBuf> {
        lock(&self.dirs).clone()
    }

    /// Runs `f` with the model, loading it once; a failure is remembered
    /// (and returned again) until `status` finds the files.
    pub(crate) fn with<T>(
        &self,
        f: impl FnOnce(&mut Embedder) -> insights_embed::Result<T>,
    ) -> insights_embed::Result<T> {
        if let Some(e) = lock(&self.error).as_ref() {
            return Err(e.again());
        }
        let mut guard = lock(&self.loaded);
        if guard.is_none() {
            match Embedder::load(&self.dirs(), None) {
                Ok(e) => *guard = Some(e),
                Err(e) => {
                    *lock(&self.error) = Some(e.again());
                    return Err(e);
                }
            }
        }
        f(guard.as_mut().expect("loaded above"))
    }
}

impl Engine {
    /// Folders searched for the model besides `INSIGHTS_MODELS` and the
    /// binary's own folder (the desktop app adds its resource folder).
    pub fn add_model_dir(&self, dir: PathBuf) {
        let mut dirs = lock(&self.model.dirs);
        if !dirs.contains(&dir) {
            dirs.insert(0, dir);
        }
        *lock(&self.model.error) = None;
    }

    /// Locates and verifies the model files (without loading them).
    pub fn model_status(&self) -> ModelInfo {
        let s = insights_embed::status(&self.model.dirs());
        if s.ready {
            *lock(&self.model.error) = None;
        }
        ModelInfo {
            ready: s.ready,
            model_id: s.model_id,
            folder: s.folder.map(|f| f.display().to_string()),
            message: s.message,
        }
    }

    /// Vectors for arbitrary texts (benchmarks, the assistant).
    pub fn embed_texts(&self, texts: &[String], batch: usize) -> Result<Vec<Vec<f32>>> {
        Ok(self.model.with(|e| e.embed(texts, batch))?)
    }

    /// Items with and without a current vector, per kind.
    pub fn embedding_status(&self) -> Result<EmbeddingStatus> {
        let model = self.model_status();
        let coverage = self.with_current(|ws| {
            Ok(insights_embed::store::coverage(ws.conn(), &insights_embed::model_id())?
                .into_iter()
                .map(|(k, embedded, total)| EmbeddingCoverage {
                    kind: k.as_str().to_string(),
                    label: k.label().to_string(),
                    embedded: embedded as u32,
                    total: total as u32,
                })
                .collect())
        })?;
        Ok(EmbeddingStatus { model, coverage, running: self.embedding_job.is_running() })
    }

    /// Embeds every product, knowledge-base passage and customer message
    /// whose text has no current vector. Runs on its own connection, batch by
    /// batch, so the app keeps answering; `cancel_embedding` stops it after
    /// the current batch, keeping what is done.
    pub fn embed_workspace(&self, progress: &mut dyn FnMut(EmbedProgress)) -> Result<EmbedReport> {
        let _running = self.embedding_job.start(EngineError::EmbeddingBusy)?;
        let (conn, path) =
            self.with_current(|ws| Ok((ws.conn().try_clone().map_err(EmbedError::from)?, ws.path().to_path_buf())))?;
        // Load (or fail) before the first batch, with a clear message.
        self.model.with(|_| Ok(()))?;
        let model_id = insights_embed::model_id();
        let started = std::time::Instant::now();
        let plan = insights_embed::store::plan(&conn, &model_id)?;
        // Refused at once, rather than stopping on a full disk.
        let needed = plan.todo.len() as u64 * insights_embed::store::BYTES_PER_VECTOR;
        insights_store::ensure_space(&path, needed, "embedding")?;
        let report = insights_embed::store::run_planned(
            &conn,
            &model_id,
            plan,
            started,
            &mut |texts| self.model.with(|e| e.embed(texts, insights_embed::store::BATCH)),
            self.embedding_job.cancel_flag(),
            &mut |p| {
                progress(EmbedProgress {
                    kind: p.kind.as_str().to_string(),
                    label: p.kind.label().to_string(),
                    done: p.done as u32,
                    total: p.total as u32,
                })
            },
        )?;
        Ok(EmbedReport {
            embedded: report.embedded as u32,
            unchanged: report.unchanged as u32,
            removed: report.removed as u32,
            cancelled: report.cancelled,
            seconds: report.seconds,
        })
    }

    pub fn cancel_embedding(&self) {
        self.embedding_job.cancel();
    }
}
