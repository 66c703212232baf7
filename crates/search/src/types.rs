//! Requests, responses and settings of product search. The UI's TypeScript
//! types are generated from these (see the engine's bindings test).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which signals rank the results.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum SearchMode {
    #[default]
    Hybrid,
    Keyword,
    Semantic,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct SearchFilters {
    /// Keep products in any of these categories (empty: all).
    pub categories: Vec<String>,
    /// Keep products from any of these vendors (empty: all).
    pub vendors: Vec<String>,
    /// Keep products whose lowest price is within the range.
    pub price_min: Option<f64>,
    pub price_max: Option<f64>,
    pub in_stock_only: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct SearchRequest {
    pub query: String,
    #[serde(default)]
    pub filters: SearchFilters,
    #[serde(default = "default_limit")]
    pub limit: u32,
    #[serde(default)]
    pub mode: SearchMode,
}

fn default_limit() -> u32 {
    20
}

impl SearchRequest {
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            filters: SearchFilters::default(),
            limit: default_limit(),
            mode: SearchMode::Hybrid,
        }
    }
}

/// How keyword and semantic rankings are combined.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum Fusion {
    /// Reciprocal rank fusion: Σ weight / (k + rank).
    Rrf { k: f64, keyword_weight: f64, semantic_weight: f64 },
    /// alpha × semantic similarity + (1 − alpha) × keyword score scaled to 0..1.
    Blend { alpha: f64 },
}

impl Default for Fusion {
    fn default() -> Self {
        Fusion::Rrf { k: 60.0, keyword_weight: 1.0, semantic_weight: 1.0 }
    }
}

/// What happens to products with nothing on hand.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum OutOfStock {
    /// Ranked below every in-stock result.
    #[default]
    Demote,
    Hide,
    /// Ranked as if in stock.
    Keep,
}

/// A multiplier on the score of products with a tag, vendor or category.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Boost {
    /// `tag`, `vendor`, `category` or `product`.
    pub field: String,
    pub value: String,
    pub factor: f64,
}

/// Products shown first, in this order, when the query is exactly `query`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Pin {
    pub query: String,
    pub product_ids: Vec<String>,
}

/// The merchant's search settings, stored in the workspace.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(default)]
pub struct SearchSettings {
    pub fusion: Fusion,
    pub out_of_stock: OutOfStock,
    /// Hide products whose lowest variant margin is below this (0.3 = 30%).
    pub min_margin: Option<f64>,
    pub boosts: Vec<Boost>,
    pub pins: Vec<Pin>,
    /// Products never shown.
    pub blocked: Vec<String>,
    /// Semantic matches below this cosine similarity are not results.
    pub min_similarity: f64,
}

impl Default for SearchSettings {
    fn default() -> Self {
        Self {
            fusion: Fusion::default(),
            out_of_stock: OutOfStock::Demote,
            min_margin: None,
            boosts: Vec::new(),
            pins: Vec::new(),
            blocked: Vec::new(),
            min_similarity: 0.3,
        }
    }
}

/// One query word and where it matched.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct MatchedTerm {
    /// The word as typed.
    pub term: String,
    /// The catalog word it matched (differs when a typo was forgiven).
    pub matched: String,
    /// `title`, `description`, `tags`, `vendor`, `category`, `sku`.
    pub field: String,
    pub typos: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct SearchHit {
    pub product_id: String,
    pub title: String,
    pub vendor: String,
    pub category: String,
    pub price_min: Option<f64>,
    pub price_max: Option<f64>,
    #[ts(type = "number | null")]
    pub stock: Option<i64>,
    pub in_stock: bool,
    pub margin: Option<f64>,
    pub image_url: Option<String>,
    pub skus: Vec<String>,
    /// Every variant, in the store's order, with its own SKU and price.
    pub variants: Vec<HitVariant>,
    pub score: f64,
    /// 1-based ranks in each list before fusion.
    pub keyword_rank: Option<u32>,
    pub semantic_rank: Option<u32>,
    /// Cosine similarity of the query and the product text.
    pub similarity: Option<f64>,
    pub exact_match: Option<String>,
    pub matched_terms: Vec<MatchedTerm>,
    /// Business rules that moved this result.
    pub rules: Vec<String>,
    /// The reasons, in words, most important first.
    pub why: Vec<String>,
}

/// One variant of a result: its options in words ("Blue / L"; empty for a
/// product's only variant), SKU, price and units on hand (`None`: not tracked).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct HitVariant {
    pub options: String,
    pub sku: Option<String>,
    pub price: Option<f64>,
    #[ts(type = "number | null")]
    pub stock: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FacetCount {
    pub value: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
pub struct Facets {
    pub categories: Vec<FacetCount>,
    pub vendors: Vec<FacetCount>,
    /// Bands of the lowest price: "under 25", "25–50", "50–100", "100–200",
    /// "200 and more".
    pub prices: Vec<FacetCount>,
    pub in_stock: u32,
    pub out_of_stock: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
pub struct SearchResponse {
    pub query: String,
    pub mode: SearchMode,
    /// Results after filters and rules (the list is cut at `limit`).
    pub total: u32,
    pub hits: Vec<SearchHit>,
    /// Counts over the results; each facet ignores its own filter, so the
    /// count is what a click on it would give.
    pub facets: Facets,
    /// Results the business rules hid (out of stock, margin, blocked).
    pub hidden_by_rules: u32,
    pub semantic_used: bool,
    /// Why semantic ranking was not used, when it was asked for.
    pub notice: Option<String>,
    /// Products with a current vector, and in all.
    pub embedded_products: u32,
    pub products: u32,
    pub took_ms: f64,
}
