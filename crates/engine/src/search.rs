//! Product search on the current workspace.

use std::sync::Arc;
use std::time::Instant;

use insights_search::SearchIndex;

use crate::api::*;
use crate::{Engine, Result};

impl Engine {
    /// The search index of the current workspace, rebuilt when an import or
    /// an embedding run has changed what it holds.
    pub fn search_index(&self) -> Result<Arc<SearchIndex>> {
        let model_id = insights_embed::model_id();
        self.with_current(|ws| {
            let key = insights_search::fingerprint(ws.conn(), &model_id)?;
            let cache = &self.caches.search;
            if let Some(index) = cache.get(ws.path(), &key) {
                return Ok(index);
            }
            let index = match cache.last(ws.path()).filter(|(last, _)| last.0 == key.0) {
                // Only the vectors changed (an embedding run is going on):
                // keep the keyword index, reload the vectors.
                Some((_, index)) => index.with_vectors(&insights_search::load_vectors(ws.conn(), &model_id)?),
                None => insights_search::build_index(ws.conn(), &model_id)?,
            };
            let index = Arc::new(index);
            cache.put(ws.path(), key, Arc::clone(&index));
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
        let vector = if wants_vector { self.model.with(|e| e.embed_one(request.query.trim())).ok() } else { None };
        let mut response = index.search(request, &settings, vector.as_deref())?;
        response.took_ms = started.elapsed().as_secs_f64() * 1000.0;
        Ok(response)
    }

    pub fn search_settings(&self) -> Result<SearchSettings> {
        self.with_current(|ws| Ok(insights_search::settings(ws.conn())?))
    }

    pub fn set_search_settings(&self, settings: &SearchSettings) -> Result<SearchSettings> {
        self.save_then_load(|c| insights_search::save_settings(c, settings), insights_search::settings)
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
