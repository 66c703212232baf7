//! Recommendations from the workspace's own orders and product embeddings:
//! similar items (meaning blended with co-purchase), bought together
//! (support, confidence, lift), and personal picks (item-to-item
//! collaborative filtering over a customer's history with recency weights,
//! blended with meaning; popular and trending items for a customer without
//! one). Every list is ranked under the merchant's rules and every item says
//! why it is there. The model is built once per workspace state and kept.

pub mod evaluate;
mod types;

pub use evaluate::{evaluate, EvalSplit};

use std::collections::HashMap;
use std::time::Instant;

use insights_embed::OwnerKind;
use insights_search::ProductDoc;
use insights_store::duckdb::{self, params, Connection};

pub use types::*;

#[derive(Debug, thiserror::Error)]
pub enum RecommendError {
    #[error("database error in recommendations: {0}")]
    Db(#[from] duckdb::Error),
    #[error(transparent)]
    Store(#[from] insights_store::StoreError),
    #[error(transparent)]
    Search(#[from] insights_search::SearchError),
    #[error(transparent)]
    Embed(#[from] insights_embed::EmbedError),
    #[error("there is no product {0} in this workspace")]
    UnknownProduct(String),
    #[error("there is no customer {0} in this workspace")]
    UnknownCustomer(String),
    #[error("{0}")]
    Settings(String),
}

impl RecommendError {
    /// The stable code the adapters report (`ApiError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            RecommendError::Db(_) => "database",
            RecommendError::Store(e) => e.code(),
            RecommendError::Search(e) => e.code(),
            RecommendError::Embed(e) => e.code(),
            RecommendError::UnknownProduct(_) => "product_not_found",
            RecommendError::UnknownCustomer(_) => "customer_not_found",
            RecommendError::Settings(_) => "invalid_settings",
        }
    }
}

pub type Result<T, E = RecommendError> = std::result::Result<T, E>;

const SETTINGS_KEY: &str = "recommend_settings";
/// Half-life of a purchase's weight in personal picks, in days.
const HALF_LIFE_DAYS: f64 = 180.0;
/// A product re-bought by at least this share of its buyers is a consumable:
/// it may be recommended again to someone who bought it.
const REBUY_SHARE: f64 = 0.15;
/// Weight of meaning (embeddings) against co-purchase in personal picks.
const CONTENT_WEIGHT: f64 = 0.05;
/// Weight of a consumable's own repeat purchases in personal picks: what a
/// customer keeps re-buying outweighs what is merely bought with it (on the
/// UCI Online Retail split, HR@10 0.60 at weight 1 and 0.80 at weight 10;
/// docs/benchmarks.md).
const REPEAT_WEIGHT: f64 = 10.0;

/// Which evidence put a personal pick on the list.
#[derive(Clone, Copy)]
enum Source {
    With,
    Like,
    Again,
}

/// "New arrival": first sold within this many days of the data's end.
const NEW_DAYS: i32 = 60;

/// Bought-together candidates best first (the bundle takes them in that order).
fn together_all_sorted(list: &[Recommendation]) -> Vec<Recommendation> {
    let mut v = list.to_vec();
    v.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.product_id.cmp(&b.product_id)));
    v
}

/// "Trending": the last this many days of the data.
const RECENT_DAYS: i32 = 90;

pub fn load_settings(conn: &Connection) -> Result<RecommendSettings> {
    Ok(insights_store::settings::load(conn, SETTINGS_KEY)?)
}

pub fn save_settings(conn: &Connection, s: &RecommendSettings) -> Result<()> {
    if s.min_margin.is_some_and(|m| !(-1.0..1.0).contains(&m)) {
        return Err(RecommendError::Settings("the minimum margin is a share below 100% (0.3 means 30%)".into()));
    }
    if ![s.novelty_share, s.bundle_discount, s.bundle_min_margin].iter().all(|x| (0.0..=1.0).contains(x)) {
        return Err(RecommendError::Settings(
            "the novelty share, bundle discount and bundle margin are shares from 0 to 1".into(),
        ));
    }
    if !(0.0..=1.0).contains(&s.content_weight) {
        return Err(RecommendError::Settings("the weight of meaning is between 0 and 1".into()));
    }
    if s.limit == 0 || s.limit > 50 || s.per_category_cap == 0 || s.min_support == 0 {
        return Err(RecommendError::Settings(
            "lists hold 1 to 50 items, the category cap and minimum support are at least 1".into(),
        ));
    }
    Ok(insights_store::settings::save(conn, SETTINGS_KEY, s)?)
}

/// What decides whether a built model is still current.
pub fn fingerprint(conn: &Connection, model_id: &str) -> Result<String> {
    let (catalog, vectors) = insights_search::fingerprint(conn, model_id)?;
    let orders: String =
        conn.query_row("SELECT (SELECT count(*) FROM orders) || '/' || (SELECT count(*) FROM order_lines)", [], |r| {
            r.get(0)
        })?;
    Ok(format!("{catalog}|{vectors}|{orders}"))
}

/// The order history and catalog, indexed for recommending.
pub struct Recommender {
    products: Vec<ProductDoc>,
    index: HashMap<String, usize>,
    vectors: Vec<Option<Vec<f32>>>,
    /// Orders containing each product.
    orders_with: Vec<u32>,
    orders_total: u32,
    /// For each product: (other product, orders with both), most first.
    together: Vec<Vec<(u32, u32)>>,
    /// Each customer's purchases: (product, day number), oldest first.
    customers: HashMap<String, Vec<(u32, i32)>>,
    /// Share of each product's buyers who bought it again.
    rebuy: Vec<f64>,
    /// Orders in the last RECENT_DAYS days of the data, per product.
    recent: Vec<u32>,
    /// The day each product was first sold (None: never).
    first_sold: Vec<Option<i32>>,
    last_day: i32,
}

fn dot(a: &[f32], b: &[f32]) -> f64 {
    f64::from(insights_embed::dot(a, b))
}

/// Days since 1970-01-01 as `YYYY-MM-DD`.
fn day_string(day: i32) -> String {
    (chrono::NaiveDate::default() + chrono::Duration::days(day as i64)).to_string()
}

impl Recommender {
    pub fn build(conn: &Connection, model_id: &str) -> Result<Recommender> {
        Self::build_before(conn, model_id, None)
    }

    /// The model of the orders placed before `cutoff` (a day number; all
    /// orders when `None`): what an offline evaluation trains on.
    pub fn build_before(conn: &Connection, model_id: &str, cutoff: Option<i32>) -> Result<Recommender> {
        let products = insights_search::load_catalog(conn)?;
        let index: HashMap<String, usize> =
            products.iter().enumerate().map(|(i, p)| (p.product_id.clone(), i)).collect();
        let stored = insights_embed::store::load(conn, OwnerKind::Product, model_id)?;
        let mut vectors = vec![None; products.len()];
        for (row, id) in stored.ids.iter().enumerate() {
            if let Some(&i) = index.get(id) {
                vectors[i] = Some(stored.row(row).to_vec());
            }
        }
        let n = products.len();
        let mut orders_with = vec![0u32; n];
        let mut recent = vec![0u32; n];
        let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
        let mut customers: HashMap<String, Vec<(u32, i32)>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT o.customer_id, (CAST(o.created_at AS DATE) - DATE '1970-01-01')::INTEGER,
                    string_agg(DISTINCT l.product_id, chr(9))
             FROM orders o JOIN order_lines l USING (order_id)
             WHERE o.cancelled_at IS NULL AND l.product_id IS NOT NULL
               AND (?::INTEGER IS NULL OR CAST(o.created_at AS DATE) - DATE '1970-01-01' < ?::INTEGER)
             GROUP BY o.order_id, o.customer_id, o.created_at
             ORDER BY o.created_at",
        )?;
        let rows = stmt.query_map(params![cutoff, cutoff], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i32>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut baskets: Vec<(i32, Vec<u32>)> = Vec::new();
        let mut orders_total = 0u32;
        let mut last_day = i32::MIN;
        for row in rows {
            let (customer, day, items) = row?;
            let basket: Vec<u32> =
                items.split('\t').filter_map(|id| index.get(id).map(|&i| i as u32)).collect::<Vec<_>>();
            if basket.is_empty() {
                continue;
            }
            orders_total += 1;
            last_day = last_day.max(day);
            for &i in &basket {
                orders_with[i as usize] += 1;
            }
            for (a, &x) in basket.iter().enumerate() {
                for &y in &basket[a + 1..] {
                    *pairs.entry((x.min(y), x.max(y))).or_default() += 1;
                }
            }
            if let Some(c) = customer {
                customers.entry(c).or_default().extend(basket.iter().map(|&i| (i, day)));
            }
            baskets.push((day, basket));
        }
        let mut first_sold: Vec<Option<i32>> = vec![None; n];
        for (day, basket) in &baskets {
            for &i in basket {
                let f = &mut first_sold[i as usize];
                *f = Some(f.map_or(*day, |d| d.min(*day)));
            }
            if *day > last_day - RECENT_DAYS {
                for &i in basket {
                    recent[i as usize] += 1;
                }
            }
        }
        let mut together = vec![Vec::new(); n];
        for (&(a, b), &count) in &pairs {
            together[a as usize].push((b, count));
            together[b as usize].push((a, count));
        }
        for list in &mut together {
            list.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        }
        // Re-buying: buyers who bought a product in two or more orders.
        let mut buyers = vec![0u32; n];
        let mut again = vec![0u32; n];
        for history in customers.values() {
            let mut counts: HashMap<u32, u32> = HashMap::new();
            for &(i, _) in history {
                *counts.entry(i).or_default() += 1;
            }
            for (i, c) in counts {
                buyers[i as usize] += 1;
                if c > 1 {
                    again[i as usize] += 1;
                }
            }
        }
        let rebuy = buyers.iter().zip(&again).map(|(&b, &a)| if b >= 10 { a as f64 / b as f64 } else { 0.0 }).collect();
        Ok(Recommender {
            products,
            index,
            vectors,
            orders_with,
            orders_total,
            together,
            customers,
            rebuy,
            recent,
            first_sold,
            last_day,
        })
    }

    fn product(&self, id: &str) -> Result<usize> {
        self.index.get(id).copied().ok_or_else(|| RecommendError::UnknownProduct(id.to_string()))
    }

    fn summary(&self, i: usize) -> ProductSummary {
        let p = &self.products[i];
        ProductSummary {
            product_id: p.product_id.clone(),
            title: p.title.clone(),
            category: p.category.clone(),
            price: p.price_min,
            in_stock: p.in_stock(),
            orders: self.orders_with[i],
        }
    }

    fn item(&self, i: usize, score: f64, why: Vec<String>) -> Recommendation {
        let p = &self.products[i];
        Recommendation {
            product_id: p.product_id.clone(),
            title: p.title.clone(),
            category: p.category.clone(),
            price: p.price_min,
            in_stock: p.in_stock(),
            margin: p.margin,
            score,
            why,
            support: None,
            confidence: None,
            lift: None,
        }
    }

    fn content(&self, a: usize, b: usize) -> Option<f64> {
        Some(dot(self.vectors[a].as_ref()?, self.vectors[b].as_ref()?))
    }

    /// Co-purchase cosine: orders with both ÷ √(orders with each).
    fn co(&self, a: usize, count: u32, b: usize) -> f64 {
        count as f64 / ((self.orders_with[a] as f64) * (self.orders_with[b] as f64)).sqrt().max(1.0)
    }

    /// A new arrival: first sold in the last 60 days of the data, or not yet.
    fn is_new(&self, id: &str) -> bool {
        self.index.get(id).is_some_and(|&i| self.first_sold[i].is_none_or(|d| d > self.last_day - NEW_DAYS))
    }

    /// Ranks candidates (best first) under the rules: blocked, out-of-stock
    /// and low-margin products are left out, a category holds at most `cap`
    /// places, pinned products come first, a share of the places is kept
    /// for new arrivals, and the list stops at `limit`. `exclude` (the
    /// anchor) is never listed. Returns the list and how many candidates the
    /// rules left out on the way.
    fn apply(
        &self,
        mut candidates: Vec<Recommendation>,
        s: &RecommendSettings,
        exclude: Option<usize>,
    ) -> (Vec<Recommendation>, u32) {
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.product_id.cmp(&b.product_id)));
        // Pinned products first, in the merchant's order.
        let mut pinned: Vec<Recommendation> = Vec::new();
        for id in &s.pinned {
            let Some(&i) = self.index.get(id) else { continue };
            if Some(i) == exclude || pinned.iter().any(|p| &p.product_id == id) {
                continue;
            }
            let mut item = match candidates.iter().position(|c| &c.product_id == id) {
                Some(k) => candidates.remove(k),
                None => self.item(i, f64::INFINITY, Vec::new()),
            };
            item.why.insert(0, "Pinned by you".into());
            pinned.push(item);
        }
        let limit = s.limit as usize;
        let new_places = (s.novelty_share * limit as f64).ceil() as usize;
        let mut out: Vec<Recommendation> = Vec::new();
        let mut per_category: HashMap<String, u32> = HashMap::new();
        let mut hidden = 0u32;
        let allowed = |c: &Recommendation, per_category: &mut HashMap<String, u32>, hidden: &mut u32| {
            let blocked = s.blocked.iter().any(|b| b == &c.product_id);
            let margin_low = s.min_margin.is_some_and(|m| c.margin.is_some_and(|x| x < m));
            // Products without a category are not capped together.
            let full =
                !c.category.is_empty() && per_category.get(&c.category).copied().unwrap_or(0) >= s.per_category_cap;
            if blocked || (s.in_stock_only && !c.in_stock) || margin_low || full {
                *hidden += 1;
                return false;
            }
            *per_category.entry(c.category.clone()).or_default() += 1;
            true
        };
        for c in pinned {
            if out.len() < limit && allowed(&c, &mut per_category, &mut hidden) {
                out.push(c);
            }
        }
        // New arrivals take their share of the places, best first.
        if new_places > 0 {
            let mut taken = 0;
            for c in candidates.iter().filter(|c| self.is_new(&c.product_id)) {
                if taken >= new_places || out.len() >= limit {
                    break;
                }
                if allowed(c, &mut per_category, &mut hidden) {
                    let mut c = c.clone();
                    c.why.push("New arrival".into());
                    out.push(c);
                    taken += 1;
                }
            }
        }
        for c in candidates {
            if out.len() >= limit {
                break;
            }
            if out.iter().any(|o| o.product_id == c.product_id) {
                continue;
            }
            if allowed(&c, &mut per_category, &mut hidden) {
                out.push(c);
            }
        }
        (out, hidden)
    }

    /// The anchor with the products most bought with it (in stock, of other
    /// categories), each kept only while the bundle's margin after the
    /// discount stays at or above the target.
    fn bundle(&self, a: usize, together: &[Recommendation], s: &RecommendSettings) -> Option<Bundle> {
        let anchor = self.item(a, 0.0, vec!["The product chosen".into()]);
        let price = |r: &Recommendation| r.price.unwrap_or(0.0);
        let cost = |r: &Recommendation| r.margin.map(|m| price(r) * (1.0 - m));
        let mut items = vec![anchor];
        let mut why = Vec::new();
        for r in together.iter().filter(|r| r.in_stock && r.category != self.products[a].category) {
            if items.len() >= 3 || items.iter().any(|i| i.category == r.category) {
                continue;
            }
            let mut trial = items.clone();
            trial.push(r.clone());
            let list: f64 = trial.iter().map(price).sum();
            let sale = list * (1.0 - s.bundle_discount);
            let costs: Option<f64> = trial.iter().map(cost).sum();
            match costs.map(|c| (sale - c) / sale) {
                Some(m) if m < s.bundle_min_margin => {
                    why.push(format!(
                        "{} left out: the bundle's margin would be {:.0}%, below the {:.0}% target",
                        r.title,
                        m * 100.0,
                        s.bundle_min_margin * 100.0
                    ));
                }
                _ => items.push(r.clone()),
            }
        }
        if items.len() < 2 {
            return None;
        }
        let list_price: f64 = items.iter().map(price).sum();
        let sale = list_price * (1.0 - s.bundle_discount);
        let margin = items.iter().map(cost).sum::<Option<f64>>().map(|c| (sale - c) / sale);
        why.insert(0, "Products most often bought with it, each in stock and of another category".into());
        Some(Bundle { items, list_price, discount: s.bundle_discount, price: sale, margin, why })
    }

    /// Similar items and what is bought with `product_id`.
    pub fn for_product(&self, product_id: &str, s: &RecommendSettings) -> Result<ProductRecommendations> {
        let started = Instant::now();
        let a = self.product(product_id)?;
        let title = &self.products[a].title;
        let counts: HashMap<u32, u32> = self.together[a].iter().copied().collect();
        let mut similar = Vec::new();
        for b in 0..self.products.len() {
            if b == a {
                continue;
            }
            let Some(content) = self.content(a, b) else { continue };
            let both = counts.get(&(b as u32)).copied().unwrap_or(0);
            let co = self.co(a, both, b);
            let score = s.content_weight * content + (1.0 - s.content_weight) * co;
            let mut why = vec![format!("Similar to {title} (similarity {content:.2})")];
            if both > 0 {
                why.push(format!("Also bought with it in {both} {}", if both == 1 { "order" } else { "orders" }));
            }
            similar.push(self.item(b, score, why));
        }
        // Keep the best few hundred before the rules: enough for any cap.
        similar.sort_by(|x, y| y.score.total_cmp(&x.score));
        similar.truncate(300);
        let (similar, hidden_similar) = self.apply(similar, s, Some(a));

        let n_a = self.orders_with[a].max(1) as f64;
        let mut together = Vec::new();
        for &(b, both) in &self.together[a] {
            if both < s.min_support {
                continue;
            }
            let b = b as usize;
            let confidence = both as f64 / n_a;
            let lift = confidence / (self.orders_with[b] as f64 / self.orders_total.max(1) as f64);
            // At or below chance (lift ≤ 1) the two are not bought together,
            // however many orders share them: a best seller is in many baskets.
            if lift <= 1.0 {
                continue;
            }
            let why = vec![format!(
                "Bought with {title} in {both} orders ({:.0}% of its orders, {lift:.1}× more often than chance)",
                confidence * 100.0
            )];
            let mut item = self.item(b, confidence * lift.ln_1p(), why);
            item.support = Some(both);
            item.confidence = Some(confidence);
            item.lift = Some(lift);
            together.push(item);
        }
        let bundle = self.bundle(a, &together_all_sorted(&together), s);
        let (together, hidden_together) = self.apply(together, s, Some(a));
        Ok(ProductRecommendations {
            product: self.summary(a),
            similar,
            together,
            bundle,
            size_advice: Vec::new(),
            hidden: hidden_similar + hidden_together,
            settings: s.clone(),
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// Personal picks from a customer's purchases; popular and trending
    /// items when they have none.
    pub fn for_customer(&self, customer: CustomerSummary, s: &RecommendSettings) -> Result<CustomerRecommendations> {
        let started = Instant::now();
        let history = self.customers.get(&customer.customer_id).cloned().unwrap_or_default();
        let mut listed: Vec<PurchasedItem> = history
            .iter()
            .rev()
            .map(|&(i, day)| PurchasedItem {
                product_id: self.products[i as usize].product_id.clone(),
                title: self.products[i as usize].title.clone(),
                date: day_string(day),
            })
            .collect();
        listed.dedup_by(|a, b| a.product_id == b.product_id && a.date == b.date);
        // Each item they bought: recency weight summed over its purchases, times, last day.
        let mut owned: HashMap<u32, (f64, u32, i32)> = HashMap::new();
        for &(i, day) in &history {
            let w = 0.5f64.powf((self.last_day - day).max(0) as f64 / HALF_LIFE_DAYS);
            let e = owned.entry(i).or_insert((0.0, 0, day));
            e.0 += w;
            e.1 += 1;
            e.2 = e.2.max(day);
        }
        let total: f64 = owned.values().map(|v| v.0).sum::<f64>().max(1e-9);
        // Candidate → (score, the purchase that contributed most, its part, how).
        let mut candidates: HashMap<usize, (f64, usize, f64, Source)> = HashMap::new();
        let mut add = |j: usize, part: f64, from: usize, how: Source| {
            let e = candidates.entry(j).or_insert((0.0, from, 0.0, how));
            e.0 += part;
            if part > e.2 {
                (e.1, e.2, e.3) = (from, part, how);
            }
        };
        for (&i, &(w, _, _)) in &owned {
            let i = i as usize;
            let share = w / total;
            for &(j, both) in &self.together[i] {
                add(j as usize, share * self.co(i, both, j as usize), i, Source::With);
            }
        }
        // Meaning: one profile vector (their purchases, weighted by recency)
        // compared with every product; the purchase a pick is closest to is
        // found later, for the picks that are shown.
        let mut profile = vec![0f32; insights_embed::DIMENSIONS];
        for (&i, &(w, _, _)) in &owned {
            if let Some(v) = &self.vectors[i as usize] {
                for (p, x) in profile.iter_mut().zip(v) {
                    *p += (w / total) as f32 * x;
                }
            }
        }
        let norm = profile.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            profile.iter_mut().for_each(|x| *x /= norm);
            for (j, v) in self.vectors.iter().enumerate() {
                if let Some(c) = v.as_ref().map(|v| dot(&profile, v)).filter(|c| *c > 0.5) {
                    add(j, CONTENT_WEIGHT * c, usize::MAX, Source::Like);
                }
            }
        }
        // Consumables come back: how often and how recently they bought each.
        for (&j, &(w, _, _)) in &owned {
            let j = j as usize;
            if self.rebuy[j] >= REBUY_SHARE {
                add(j, REPEAT_WEIGHT * self.rebuy[j] * w / total, j, Source::Again);
            }
        }
        // The best few hundred are plenty for any rules; explain only those.
        let mut ranked: Vec<(usize, (f64, usize, f64, Source))> = candidates
            .into_iter()
            .filter(|(j, _)| !owned.contains_key(&(*j as u32)) || self.rebuy[*j] >= REBUY_SHARE)
            .collect();
        ranked.sort_by(|a, b| b.1 .0.total_cmp(&a.1 .0).then(a.0.cmp(&b.0)));
        ranked.truncate(200);
        // The most weighted purchases, for "similar to …" reasons.
        let mut heaviest: Vec<(u32, f64)> = owned.iter().map(|(&i, &(w, _, _))| (i, w)).collect();
        heaviest.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        heaviest.truncate(30);
        let mut picks = Vec::new();
        for (j, (score, source, _, how)) in ranked {
            let mine = owned.get(&(j as u32));
            let source = if source == usize::MAX {
                heaviest
                    .iter()
                    .filter_map(|&(i, _)| Some((i as usize, self.content(i as usize, j)?)))
                    .filter(|&(i, _)| i != j)
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|(i, _)| i)
                    .unwrap_or(j)
            } else {
                source
            };
            let Some(&(_, _, last)) = owned.get(&(source as u32)) else { continue };
            let src = &self.products[source];
            let when = day_string(last);
            let mut why = vec![match how {
                Source::With => format!("Often bought with {}, which they bought on {when}", src.title),
                Source::Like => format!("Similar to {}, which they bought on {when}", src.title),
                Source::Again => {
                    let times = mine.map(|m| m.1).unwrap_or(1);
                    format!("They bought it {times} {}, last on {when}", if times == 1 { "time" } else { "times" })
                }
            }];
            if mine.is_some() {
                why.push(format!("{:.0}% of its buyers buy it again", self.rebuy[j] * 100.0));
            }
            picks.push(self.item(j, score, why));
        }
        let cold_start = picks.is_empty();
        // Short lists are filled with what is popular now (and without a history, that is the list).
        if picks.len() < (s.limit as usize) * 3 {
            let taken: std::collections::HashSet<String> = picks.iter().map(|p| p.product_id.clone()).collect();
            let mut popular: Vec<usize> = (0..self.products.len())
                .filter(|&j| self.orders_with[j] > 0 && !owned.contains_key(&(j as u32)))
                .filter(|&j| !taken.contains(&self.products[j].product_id))
                .collect();
            let trend = |j: usize| self.recent[j] as f64 + 0.1 * self.orders_with[j] as f64;
            popular.sort_by(|&a, &b| trend(b).total_cmp(&trend(a)).then(a.cmp(&b)));
            for j in popular.into_iter().take(s.limit as usize * 3) {
                let why = vec![format!(
                    "Popular: in {} orders, {} of them in the last {RECENT_DAYS} days",
                    self.orders_with[j], self.recent[j]
                )];
                // Below every personal candidate, in order of popularity.
                picks.push(self.item(j, -1.0 / (1.0 + trend(j)), why));
            }
        }
        let (picks, hidden) = self.apply(picks, s, None);
        Ok(CustomerRecommendations {
            customer,
            history: listed,
            picks,
            cold_start,
            hidden,
            settings: s.clone(),
            took_ms: started.elapsed().as_secs_f64() * 1000.0,
        })
    }

    /// Content-based picks from a new customer's quiz answers: products in
    /// the chosen categories and price band, ranked by closeness in meaning
    /// to their style words (`words_vector`, the words embedded), else by
    /// what is popular now.
    pub fn for_preferences(
        &self,
        quiz: &PreferenceQuiz,
        words_vector: Option<&[f32]>,
        s: &RecommendSettings,
    ) -> QuizPicks {
        let started = Instant::now();
        let wanted = |c: &str| quiz.categories.is_empty() || quiz.categories.iter().any(|q| q.eq_ignore_ascii_case(c));
        let mut candidates = Vec::new();
        for (j, p) in self.products.iter().enumerate() {
            let price = p.price_min.unwrap_or(0.0);
            if !wanted(&p.category)
                || quiz.price_min.is_some_and(|m| price < m)
                || quiz.price_max.is_some_and(|m| price > m)
            {
                continue;
            }
            let mut why = Vec::new();
            if !quiz.categories.is_empty() {
                why.push(format!("In {}, a category you chose", p.category));
            }
            let score = match (words_vector, &self.vectors[j]) {
                (Some(w), Some(v)) => {
                    let c = dot(w, v);
                    why.insert(0, format!("Close to \u{201c}{}\u{201d} (similarity {c:.2})", quiz.words.trim()));
                    c
                }
                (Some(_), None) => continue,
                (None, _) => {
                    why.insert(
                        0,
                        format!(
                            "Popular: in {} orders, {} in the last {RECENT_DAYS} days",
                            self.orders_with[j], self.recent[j]
                        ),
                    );
                    -1.0 / (1.0 + self.recent[j] as f64 + 0.1 * self.orders_with[j] as f64)
                }
            };
            candidates.push(self.item(j, score, why));
        }
        let (picks, hidden) = self.apply(candidates, s, None);
        QuizPicks { picks, hidden, took_ms: started.elapsed().as_secs_f64() * 1000.0 }
    }

    pub fn has_product(&self, id: &str) -> bool {
        self.index.contains_key(id)
    }
}

/// Customers with the most orders (for the picker), or those whose id
/// starts with `query`.
pub fn customers(conn: &Connection, query: &str, limit: u32) -> Result<Vec<CustomerSummary>> {
    let mut stmt = conn.prepare(
        "SELECT o.customer_id, count(*)::INTEGER, CAST(max(o.created_at) AS DATE)::VARCHAR, any_value(c.country)
         FROM orders o LEFT JOIN customers c USING (customer_id)
         WHERE o.customer_id IS NOT NULL AND o.cancelled_at IS NULL AND o.customer_id LIKE ? || '%'
         GROUP BY o.customer_id
         ORDER BY count(*) DESC, o.customer_id
         LIMIT ?",
    )?;
    let rows = stmt.query_map(params![query, limit], |r| {
        let id: String = r.get(0)?;
        let orders: i32 = r.get(1)?;
        let last: Option<String> = r.get(2)?;
        let country: Option<String> = r.get(3)?;
        Ok(summary_of(id, orders as u32, last, country))
    })?;
    Ok(rows.collect::<duckdb::Result<Vec<_>>>()?)
}

pub fn customer(conn: &Connection, id: &str) -> Result<CustomerSummary> {
    let row = conn.query_row(
        "SELECT count(o.order_id)::INTEGER, CAST(max(o.created_at) AS DATE)::VARCHAR,
                (SELECT country FROM customers WHERE customer_id = ?)
         FROM orders o WHERE o.customer_id = ? AND o.cancelled_at IS NULL",
        params![id, id],
        |r| Ok((r.get::<_, i32>(0)?, r.get::<_, Option<String>>(1)?, r.get::<_, Option<String>>(2)?)),
    )?;
    let known: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM customers WHERE customer_id = ?) + (SELECT count(*) FROM orders WHERE customer_id = ?)",
        params![id, id],
        |r| r.get(0),
    )?;
    if known == 0 {
        return Err(RecommendError::UnknownCustomer(id.to_string()));
    }
    Ok(summary_of(id.to_string(), row.0 as u32, row.1, row.2))
}

fn summary_of(id: String, orders: u32, last: Option<String>, country: Option<String>) -> CustomerSummary {
    // The id is a keyed hash ('e:…'); its first characters tell customers apart without personal data.
    let short: String = id.chars().take(10).collect();
    let label = format!(
        "Customer {short} · {orders} {}{}",
        if orders == 1 { "order" } else { "orders" },
        last.as_deref().map(|d| format!(", last {d}")).unwrap_or_default()
    );
    CustomerSummary { customer_id: id, label, orders, last_order: last, country }
}

/// Returns for being too small or too large, per size of one product, with
/// advice where a size is returned for its fit in at least 10% of its sales
/// (and at least 3 times).
pub fn size_advice(conn: &Connection, product_id: &str) -> Result<Vec<SizeAdvice>> {
    let mut stmt = conn.prepare(
        "WITH v AS (
             SELECT variant_id, position,
                    CASE WHEN option1_name ILIKE 'size' THEN option1_value
                         WHEN option2_name ILIKE 'size' THEN option2_value
                         WHEN option3_name ILIKE 'size' THEN option3_value END AS size
             FROM variants WHERE product_id = ?
         ), sold AS (
             SELECT v.size, min(v.position) AS pos, count(*) AS n
             FROM order_lines l JOIN orders o USING (order_id) JOIN v USING (variant_id)
             WHERE o.cancelled_at IS NULL AND v.size IS NOT NULL GROUP BY v.size
         ), ret AS (
             SELECT v.size, count(*) FILTER (WHERE r.reason = 'SIZE_TOO_SMALL') AS small,
                    count(*) FILTER (WHERE r.reason = 'SIZE_TOO_LARGE') AS large
             FROM returns r JOIN v USING (variant_id) WHERE v.size IS NOT NULL GROUP BY v.size
         )
         SELECT sold.size, sold.n::INTEGER, coalesce(ret.small, 0)::INTEGER, coalesce(ret.large, 0)::INTEGER
         FROM sold LEFT JOIN ret USING (size) ORDER BY sold.pos, sold.size",
    )?;
    let rows = stmt.query_map(params![product_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i32>(1)? as u32, r.get::<_, i32>(2)? as u32, r.get::<_, i32>(3)? as u32))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (size, sold, too_small, too_large) = row?;
        let often = |n: u32| n >= 3 && n as f64 >= 0.1 * sold.max(1) as f64;
        let advice = if often(too_small) && too_small >= too_large {
            Some(format!(
                "Customers who bought this in {size} often returned it for being small ({too_small} of {sold})"
            ))
        } else if often(too_large) {
            Some(format!(
                "Customers who bought this in {size} often returned it for being large ({too_large} of {sold})"
            ))
        } else {
            None
        };
        out.push(SizeAdvice { size, sold, too_small, too_large, advice });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::day_string;

    #[test]
    fn day_numbers_are_dates() {
        assert_eq!(day_string(0), "1970-01-01");
        assert_eq!(day_string(20_513), "2026-03-01");
        assert_eq!(day_string(19_782), "2024-02-29");
    }
}
