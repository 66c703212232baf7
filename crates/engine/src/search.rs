//! Embeddings and product search on the current workspace.

use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

use insights_embed::Embedder;
use insights_search::SearchIndex;

use crate::api::*;
use crate::{Engine, EngineError, Result};

/// The search index of one workspace, valid while its fingerprint holds.
pub(crate) struct CachedIndex {
    path: PathBuf,
    /// Of the catalog (the keyword index) and of the product vectors.
    catalog: String,
    vectors: i64,
    index: Arc<SearchIndex>,
}

/// Clears the "running" flag however the run ends.
struct Running<'a>(&'a std::sync::atomic::AtomicBool);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

impl Engine {
    /// Folders searched for the model besides `INSIGHTS_MODELS` and the
    /// binary's own folder (the desktop app adds its resource folder).
    pub fn add_model_dir(&self, dir: PathBuf) {
        let mut dirs = self.model_dirs.lock().unwrap_or_else(|p| p.into_inner());
        if !dirs.contains(&dir) {
            dirs.insert(0, dir);
        }
        *self.model_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    fn model_dirs(&self) -> Vec<PathBuf> {
        self.model_dirs.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Locates and verifies the model files (without loading them).
    pub fn model_status(&self) -> ModelInfo {
        let s = insights_embed::status(&self.model_dirs());
        if s.ready {
            *self.model_error.lock().unwrap_or_else(|p| p.into_inner()) = None;
        }
        ModelInfo {
            ready: s.ready,
            model_id: s.model_id,
            folder: s.folder.map(|f| f.display().to_string()),
            message: s.message,
        }
    }

    /// Loads the model once; a failure is remembered (and returned again)
    /// until `model_status` finds the files.
    fn with_embedder<T>(
        &self,
        f: impl FnOnce(&mut Embedder) -> insights_embed::Result<T>,
    ) -> insights_embed::Result<T> {
        if let Some(e) = self.model_error.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            return Err(e.again());
        }
        let mut guard = self.embedder.lock().unwrap_or_else(|p| p.into_inner());
        if guard.is_none() {
            match Embedder::load(&self.model_dirs(), None) {
                Ok(e) => *guard = Some(e),
                Err(e) => {
                    *self.model_error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e.again());
                    return Err(e);
                }
            }
        }
        f(guard.as_mut().expect("loaded above"))
    }

    /// Vectors for arbitrary texts (benchmarks, the assistant).
    pub fn embed_texts(&self, texts: &[String], batch: usize) -> Result<Vec<Vec<f32>>> {
        Ok(self.with_embedder(|e| e.embed(texts, batch))?)
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
        Ok(EmbeddingStatus { model, coverage, running: self.embed_running.load(Ordering::Relaxed) })
    }

    /// Embeds every product, knowledge-base passage and customer message
    /// whose text has no current vector. Runs on its own connection, batch by
    /// batch, so the app keeps answering; `cancel_embedding` stops it after
    /// the current batch, keeping what is done.
    pub fn embed_workspace(&self, progress: &mut dyn FnMut(EmbedProgress)) -> Result<EmbedReport> {
        let _busy = self.embed_busy.try_lock().map_err(|_| EngineError::EmbeddingBusy)?;
        self.embed_cancel.store(false, Ordering::Relaxed);
        self.embed_running.store(true, Ordering::Relaxed);
        let _running = Running(&self.embed_running);
        let conn = self.with_current(|ws| Ok(ws.conn().try_clone().map_err(insights_embed::EmbedError::from)?))?;
        // Load (or fail) before the first batch, with a clear message.
        self.with_embedder(|_| Ok(()))?;
        let model_id = insights_embed::model_id();
        let report = insights_embed::store::run(
            &conn,
            &model_id,
            &mut |texts| self.with_embedder(|e| e.embed(texts, insights_embed::store::BATCH)),
            &self.embed_cancel,
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
        self.embed_cancel.store(true, Ordering::Relaxed);
    }

    /// Raises the cancel flag, waits for a running embedding to stop and
    /// keeps any new run out until the returned guard is dropped.
    pub(crate) fn stop_embedding(&self) -> std::sync::MutexGuard<'_, ()> {
        self.embed_cancel.store(true, Ordering::Relaxed);
        self.embed_busy.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The search index of the current workspace, rebuilt when an import or
    /// an embedding run has changed what it holds.
    pub fn search_index(&self) -> Result<Arc<SearchIndex>> {
        let model_id = insights_embed::model_id();
        self.with_current(|ws| {
            let (catalog, vectors) = insights_search::fingerprint(ws.conn(), &model_id)?;
            let mut cache = self.search_cache.lock().unwrap_or_else(|p| p.into_inner());
            let index = match cache.as_ref().filter(|c| c.path == ws.path() && c.catalog == catalog) {
                Some(c) if c.vectors == vectors => return Ok(Arc::clone(&c.index)),
                // Only the vectors changed (an embedding run is going on):
                // keep the keyword index, reload the vectors.
                Some(c) => Arc::new(c.index.with_vectors(&insights_search::load_vectors(ws.conn(), &model_id)?)),
                None => Arc::new(insights_search::build_index(ws.conn(), &model_id)?),
            };
            *cache = Some(CachedIndex { path: ws.path().to_path_buf(), catalog, vectors, index: Arc::clone(&index) });
            Ok(index)
        })
    }

    /// Hybrid product search with the workspace's rules. Without the model
    /// it answers from keywords and says why.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResponse> {
        let started = Instant::now();
        let index = self.search_index()?;
        let settings = self.with_current(|ws| Ok(insights_search::settings(ws.conn())?))?;
        let wants_vector = request.mode != SearchMode::Keyword && !request.query.trim().is_empty();
        let vector = if wants_vector { self.with_embedder(|e| e.embed_one(request.query.trim())).ok() } else { None };
        let mut response = index.search(request, &settings, vector.as_deref())?;
        response.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(response)
    }

    pub fn search_settings(&self) -> Result<SearchSettings> {
        self.with_current(|ws| Ok(insights_search::settings(ws.conn())?))
    }

    pub fn set_search_settings(&self, settings: &SearchSettings) -> Result<SearchSettings> {
        self.with_current(|ws| {
            insights_search::save_settings(ws.conn(), settings)?;
            Ok(insights_search::settings(ws.conn())?)
        })
    }

    /// NDCG@10 of keyword-only, semantic-only and hybrid search on a
    /// labelled query set.
    pub fn search_evaluate(
        &self,
        queries: &[insights_search::eval::EvalQuery],
    ) -> Result<Vec<insights_search::eval::ModeScore>> {
        insights_search::eval::evaluate(queries, &mut |request| self.search(request))
    }

    /// Example searches for the report: a need, a SKU stem and a typo.
    pub(crate) fn report_searches(&self) -> Vec<SearchResponse> {
        let Ok(index) = self.search_index() else { return Vec::new() };
        if index.is_empty() {
            return Vec::new();
        }
        let mut queries = vec!["warm waterproof jacket for hiking".to_string()];
        if let Some(stem) = (0..index.len())
            .filter_map(|i| index.doc(i).skus.first())
            .min()
            .map(|sku| sku.split('-').take(2).collect::<Vec<_>>().join("-"))
        {
            queries.push(stem);
        }
        queries.push("waterprof hikng boots".to_string());
        queries
            .iter()
            .filter_map(|q| self.search(&SearchRequest { limit: 5, ..SearchRequest::new(q.clone()) }).ok())
            .collect()
    }
}
