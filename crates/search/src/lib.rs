//! Hybrid product search. Keyword ranking is BM25 from tantivy over title,
//! tags, category, vendor, description and SKU, with exact SKU and handle
//! matches first and typos forgiven (one from 5 letters, two from 9). Semantic
//! ranking is exact cosine similarity against the product vectors stored by
//! `insights-embed`. The two lists are fused (reciprocal rank fusion by
//! default), then the merchant's rules rerank: out-of-stock products drop
//! below the rest or are hidden, a minimum margin hides the rest, boosts and
//! pins move products up. Every result carries the reasons it is there.

mod catalog;
pub mod eval;
mod index;
mod types;

use insights_store::duckdb::Connection;

pub use catalog::{fingerprint, load as load_catalog, ProductDoc};
pub use index::{price_band_range, price_bands, typo_budget, SearchIndex};
pub use types::*;

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("database: {0}")]
    Db(#[from] insights_store::duckdb::Error),
    #[error(transparent)]
    Store(#[from] insights_store::StoreError),
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error(transparent)]
    Embed(#[from] insights_embed::EmbedError),
    #[error("the search settings are not valid: {0}")]
    Settings(String),
}

impl SearchError {
    /// The stable code the adapters report (`ApiError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            SearchError::Db(_) => "database",
            SearchError::Store(e) => e.code(),
            SearchError::Index(_) => "search_failed",
            SearchError::Embed(e) => e.code(),
            SearchError::Settings(_) => "invalid_settings",
        }
    }
}

const SETTINGS_KEY: &str = "search_settings";

/// The workspace's search settings (defaults when never saved).
pub fn settings(conn: &Connection) -> Result<SearchSettings> {
    Ok(insights_store::settings::load(conn, SETTINGS_KEY)?)
}

pub fn save_settings(conn: &Connection, settings: &SearchSettings) -> Result<()> {
    if let Some(m) = settings.min_margin {
        if !(-1.0..1.0).contains(&m) {
            return Err(SearchError::Settings(format!("minimum margin {m} is not a fraction between -1 and 1")));
        }
    }
    if let Fusion::Blend { alpha } = settings.fusion {
        if !(0.0..=1.0).contains(&alpha) {
            return Err(SearchError::Settings(format!("blend alpha {alpha} is not between 0 and 1")));
        }
    }
    let finite = |x: f64| x.is_finite();
    match settings.fusion {
        Fusion::Rrf { k, keyword_weight, semantic_weight } => {
            if !(finite(k) && k > 0.0) {
                return Err(SearchError::Settings(format!("the fusion constant k must be above 0, not {k}")));
            }
            if !(finite(keyword_weight) && finite(semantic_weight) && keyword_weight >= 0.0 && semantic_weight >= 0.0) {
                return Err(SearchError::Settings("fusion weights must be 0 or more".into()));
            }
        }
        Fusion::Blend { .. } => {}
    }
    if !(finite(settings.min_similarity) && (-1.0..=1.0).contains(&settings.min_similarity)) {
        return Err(SearchError::Settings(format!(
            "the minimum similarity must be between -1 and 1, not {}",
            settings.min_similarity
        )));
    }
    if settings.boosts.iter().any(|b| !(finite(b.factor) && b.factor > 0.0)) {
        return Err(SearchError::Settings("a boost factor must be above 0".into()));
    }
    Ok(insights_store::settings::save(conn, SETTINGS_KEY, settings)?)
}

/// Builds the index of the workspace behind `conn`.
pub fn build_index(conn: &Connection, model_id: &str) -> Result<SearchIndex> {
    let docs = catalog::load(conn)?;
    SearchIndex::build(docs, &load_vectors(conn, model_id)?)
}

/// The product vectors of the current model.
pub fn load_vectors(conn: &Connection, model_id: &str) -> Result<insights_embed::Vectors> {
    Ok(insights_embed::store::load(conn, insights_embed::OwnerKind::Product, model_id)?)
}
