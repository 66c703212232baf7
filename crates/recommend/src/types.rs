//! Requests, results and rules of recommendations; the UI's TypeScript
//! types are generated from these.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The merchant's rules, applied to every list (per workspace).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
#[serde(default)]
pub struct RecommendSettings {
    /// Never recommend a product that is out of stock.
    pub in_stock_only: bool,
    /// Hide products whose lowest margin ((price − cost) ÷ price) is below this; null: no minimum.
    pub min_margin: Option<f64>,
    /// At most this many items of one category in a list.
    pub per_category_cap: u32,
    /// Orders two products must share before they count as bought together (they must also be bought
    /// together more often than chance: lift above 1).
    pub min_support: u32,
    /// Items per list.
    pub limit: u32,
    /// Weight of meaning (embeddings) against co-purchase in similar items, 0–1.
    pub content_weight: f64,
    /// Share of each list kept for new arrivals (first sold in the last 60 days of the data, or not yet sold), 0–1.
    pub novelty_share: f64,
    /// Products shown first in every list they may appear in.
    pub pinned: Vec<String>,
    /// Products never recommended.
    pub blocked: Vec<String>,
    /// Discount on a bundle's list price, 0–1.
    pub bundle_discount: f64,
    /// A bundle keeps only items that leave its margin at or above this, 0–1.
    pub bundle_min_margin: f64,
}

impl Default for RecommendSettings {
    fn default() -> Self {
        RecommendSettings {
            in_stock_only: true,
            min_margin: None,
            per_category_cap: 3,
            min_support: 3,
            limit: 8,
            content_weight: 0.7,
            novelty_share: 0.0,
            pinned: Vec::new(),
            blocked: Vec::new(),
            bundle_discount: 0.1,
            bundle_min_margin: 0.3,
        }
    }
}

/// One recommended product and the evidence that put it there.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Recommendation {
    pub product_id: String,
    pub title: String,
    pub category: String,
    pub price: Option<f64>,
    pub in_stock: bool,
    pub margin: Option<f64>,
    pub score: f64,
    /// Sentences saying why, from the evidence.
    pub why: Vec<String>,
    /// Bought together: orders with both, share of the anchor's orders, lift.
    #[ts(type = "number | null")]
    pub support: Option<u32>,
    pub confidence: Option<f64>,
    pub lift: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ProductSummary {
    pub product_id: String,
    pub title: String,
    pub category: String,
    pub price: Option<f64>,
    pub in_stock: bool,
    #[ts(type = "number")]
    pub orders: u32,
}

/// A product offered with complementary items at a discount.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Bundle {
    /// The anchor first.
    pub items: Vec<Recommendation>,
    pub list_price: f64,
    pub discount: f64,
    pub price: f64,
    /// (price − cost) ÷ price; null when an item has no cost.
    pub margin: Option<f64>,
    pub why: Vec<String>,
}

/// Returns for being too small or too large, per size of one product.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct SizeAdvice {
    pub size: String,
    #[ts(type = "number")]
    pub sold: u32,
    #[ts(type = "number")]
    pub too_small: u32,
    #[ts(type = "number")]
    pub too_large: u32,
    /// "Customers who bought this in M often returned it for being small (7 of 40)".
    pub advice: Option<String>,
}

/// What goes with one product.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ProductRecommendations {
    pub product: ProductSummary,
    pub similar: Vec<Recommendation>,
    pub together: Vec<Recommendation>,
    /// The anchor with complementary items in stock, within the margin target.
    pub bundle: Option<Bundle>,
    /// Per size, from return reasons (empty without sizes or returns).
    pub size_advice: Vec<SizeAdvice>,
    /// Candidates the rules left out (out of stock, margin, category cap).
    #[ts(type = "number")]
    pub hidden: u32,
    pub settings: RecommendSettings,
    pub took_ms: f64,
}

/// A customer in the picker. Personal data is never shown: the id is the
/// workspace's keyed hash, the label is built from counts and dates.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CustomerSummary {
    pub customer_id: String,
    pub label: String,
    #[ts(type = "number")]
    pub orders: u32,
    pub last_order: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PurchasedItem {
    pub product_id: String,
    pub title: String,
    /// `YYYY-MM-DD`
    pub date: String,
}

/// Personal picks for one customer.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct CustomerRecommendations {
    pub customer: CustomerSummary,
    /// Their purchases, most recent first.
    pub history: Vec<PurchasedItem>,
    pub picks: Vec<Recommendation>,
    /// No purchase history: popular and trending items instead.
    pub cold_start: bool,
    #[ts(type = "number")]
    pub hidden: u32,
    pub settings: RecommendSettings,
    pub took_ms: f64,
}

/// One method's scores in the offline evaluation.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct MethodScore {
    pub method: String,
    /// Share of test customers with at least one of the k items bought in the test window.
    pub hit_rate: f64,
    pub ndcg: f64,
    /// Distinct items recommended ÷ items sold in the training orders.
    pub coverage: f64,
    /// Mean popularity percentile of the recommended items (1 = the best seller).
    pub popularity_percentile: f64,
}

/// Our picks against best sellers on a time-based split of the store's history.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct RecommendEvaluation {
    #[ts(type = "number")]
    pub customers: u64,
    pub k: u32,
    pub methods: Vec<MethodScore>,
    /// Building the model from the training orders.
    pub build_ms: f64,
    pub request_p50_ms: f64,
    pub request_p95_ms: f64,
    pub took_ms: f64,
}

/// A new customer's answers to the preference quiz.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
#[serde(default)]
pub struct PreferenceQuiz {
    /// Categories they like (empty: any).
    pub categories: Vec<String>,
    pub price_min: Option<f64>,
    pub price_max: Option<f64>,
    /// Style words ("warm, waterproof, linen"), matched by meaning.
    pub words: String,
}

/// Content-based picks seeded by the quiz.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct QuizPicks {
    pub picks: Vec<Recommendation>,
    #[ts(type = "number")]
    pub hidden: u32,
    pub took_ms: f64,
}
