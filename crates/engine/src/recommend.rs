//! Recommendations on the current workspace: the model is built from the
//! orders and product vectors once per workspace state and reused.

use std::path::PathBuf;
use std::sync::Arc;

use insights_recommend::Recommender;

use crate::api::*;
use crate::{Engine, Result};

pub(crate) struct CachedRecommender {
    path: PathBuf,
    fingerprint: String,
    model: Arc<Recommender>,
}

impl Engine {
    fn recommender(&self) -> Result<Arc<Recommender>> {
        let model_id = insights_embed::model_id();
        self.with_current(|ws| {
            let fingerprint = insights_recommend::fingerprint(ws.conn(), &model_id)?;
            let mut cache = self.recommend_cache.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(c) = cache.as_ref().filter(|c| c.path == ws.path() && c.fingerprint == fingerprint) {
                return Ok(Arc::clone(&c.model));
            }
            let model = Arc::new(Recommender::build(ws.conn(), &model_id)?);
            *cache = Some(CachedRecommender { path: ws.path().to_path_buf(), fingerprint, model: Arc::clone(&model) });
            Ok(model)
        })
    }

    /// Similar items and what is bought with one product, under the workspace's rules.
    pub fn recommend_for_product(&self, product_id: &str) -> Result<ProductRecommendations> {
        let model = self.recommender()?;
        let settings = self.recommend_settings()?;
        Ok(model.for_product(product_id, &settings)?)
    }

    /// Personal picks for one customer (popular and trending items without a history).
    pub fn recommend_for_customer(&self, customer_id: &str) -> Result<CustomerRecommendations> {
        let model = self.recommender()?;
        let settings = self.recommend_settings()?;
        let customer = self.with_current(|ws| Ok(insights_recommend::customer(ws.conn(), customer_id)?))?;
        Ok(model.for_customer(customer, &settings)?)
    }

    /// Customers for the picker: most orders first, or those whose id starts with `query`.
    pub fn recommend_customers(&self, query: &str) -> Result<Vec<CustomerSummary>> {
        self.with_current(|ws| Ok(insights_recommend::customers(ws.conn(), query.trim(), 50)?))
    }

    pub fn recommend_settings(&self) -> Result<RecommendSettings> {
        self.with_current(|ws| Ok(insights_recommend::load_settings(ws.conn())?))
    }

    pub fn set_recommend_settings(&self, settings: &RecommendSettings) -> Result<RecommendSettings> {
        self.with_current(|ws| {
            insights_recommend::save_settings(ws.conn(), settings)?;
            Ok(insights_recommend::load_settings(ws.conn())?)
        })
    }
}
