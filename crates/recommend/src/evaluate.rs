//! Offline evaluation on the store's own history: train on the orders
//! before a cutoff, recommend ten items to every customer who bought both
//! before and after it, and score those lists against what they bought in
//! the test window — for our personal picks and for a popularity baseline.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use insights_store::duckdb::{params, Connection};

use crate::types::*;
use crate::{Recommender, Result};

/// The time-based split.
#[derive(Debug, Clone, Copy)]
pub struct EvalSplit {
    /// First day of the test window (days since 1970-01-01); training uses the orders before it.
    pub cutoff: i32,
    /// Last day of the test window, inclusive.
    pub end: i32,
    /// List length (HR@k, NDCG@k).
    pub k: usize,
}

/// Each test customer's purchases in the test window.
pub fn test_purchases(conn: &Connection, split: &EvalSplit) -> Result<HashMap<String, HashSet<String>>> {
    let mut stmt = conn.prepare(
        "SELECT o.customer_id, l.product_id
         FROM orders o JOIN order_lines l USING (order_id)
         WHERE o.cancelled_at IS NULL AND l.product_id IS NOT NULL AND o.customer_id IS NOT NULL
           AND CAST(o.created_at AS DATE) - DATE '1970-01-01' BETWEEN ? AND ?
           AND o.customer_id IN (SELECT customer_id FROM orders WHERE cancelled_at IS NULL
                                 AND CAST(created_at AS DATE) - DATE '1970-01-01' < ?)",
    )?;
    let rows = stmt.query_map(params![split.cutoff, split.end, split.cutoff], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    for row in rows {
        let (c, p) = row?;
        out.entry(c).or_default().insert(p);
    }
    Ok(out)
}

/// HR@k, NDCG@k (binary relevance) of one list against what was bought.
fn score(list: &[String], bought: &HashSet<String>, k: usize) -> (f64, f64) {
    let mut dcg = 0.0;
    let mut hit = false;
    for (rank, id) in list.iter().take(k).enumerate() {
        if bought.contains(id) {
            hit = true;
            dcg += 1.0 / ((rank + 2) as f64).log2();
        }
    }
    let ideal: f64 = (0..bought.len().min(k)).map(|r| 1.0 / ((r + 2) as f64).log2()).sum();
    (if hit { 1.0 } else { 0.0 }, if ideal > 0.0 { dcg / ideal } else { 0.0 })
}

/// Scores our personal picks and the popularity baseline on the split.
pub fn evaluate(conn: &Connection, model_id: &str, split: &EvalSplit) -> Result<RecommendEvaluation> {
    let started = Instant::now();
    let model = Recommender::build_before(conn, model_id, Some(split.cutoff))?;
    let build_ms = started.elapsed().as_secs_f64() * 1000.0;
    let tests = test_purchases(conn, split)?;
    // The algorithm alone: no stock, margin or category rules.
    let settings = RecommendSettings {
        in_stock_only: false,
        min_margin: None,
        per_category_cap: u32::MAX,
        limit: split.k as u32,
        ..RecommendSettings::default()
    };
    // Popularity percentile of every product in the training orders.
    let mut by_orders: Vec<usize> = (0..model.products.len()).collect();
    by_orders.sort_by_key(|&i| model.orders_with[i]);
    let mut percentile = vec![0.0; model.products.len()];
    for (rank, &i) in by_orders.iter().enumerate() {
        percentile[i] = rank as f64 / (by_orders.len().max(2) - 1) as f64;
    }
    let mut popular: Vec<usize> = (0..model.products.len()).filter(|&i| model.orders_with[i] > 0).collect();
    popular.sort_by(|&a, &b| model.orders_with[b].cmp(&model.orders_with[a]).then(a.cmp(&b)));
    let popular: Vec<String> = popular.iter().take(split.k).map(|&i| model.products[i].product_id.clone()).collect();

    let mut customers: Vec<&String> = tests.keys().collect();
    customers.sort();
    let mut ours = Tally::default();
    let mut baseline = Tally::default();
    let mut request_ms = Vec::with_capacity(customers.len());
    for c in customers {
        let bought = &tests[c];
        let t = Instant::now();
        let summary = CustomerSummary {
            customer_id: c.clone(),
            label: String::new(),
            orders: 0,
            last_order: None,
            country: None,
        };
        let picks = model.for_customer(summary, &settings)?;
        request_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        let list: Vec<String> = picks.picks.iter().map(|p| p.product_id.clone()).collect();
        ours.add(&list, bought, split.k, &model, &percentile);
        baseline.add(&popular, bought, split.k, &model, &percentile);
    }
    request_ms.sort_by(f64::total_cmp);
    let p =
        |q: f64| request_ms.get(((request_ms.len().max(1) - 1) as f64 * q).round() as usize).copied().unwrap_or(0.0);
    let catalog = model.orders_with.iter().filter(|&&n| n > 0).count();
    Ok(RecommendEvaluation {
        customers: tests.len() as u64,
        k: split.k as u32,
        methods: vec![ours.result("Personal picks", catalog), baseline.result("Best sellers (popularity)", catalog)],
        build_ms,
        request_p50_ms: p(0.5),
        request_p95_ms: p(0.95),
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
    })
}

#[derive(Default)]
struct Tally {
    n: usize,
    hits: f64,
    ndcg: f64,
    items: HashSet<String>,
    percentile_sum: f64,
    recommended: usize,
}

impl Tally {
    fn add(&mut self, list: &[String], bought: &HashSet<String>, k: usize, m: &Recommender, pct: &[f64]) {
        let (h, n) = score(list, bought, k);
        self.n += 1;
        self.hits += h;
        self.ndcg += n;
        for id in list.iter().take(k) {
            self.items.insert(id.clone());
            if let Some(&i) = m.index.get(id) {
                self.percentile_sum += pct[i];
                self.recommended += 1;
            }
        }
    }

    fn result(&self, method: &str, catalog: usize) -> MethodScore {
        let n = self.n.max(1) as f64;
        MethodScore {
            method: method.to_string(),
            hit_rate: self.hits / n,
            ndcg: self.ndcg / n,
            coverage: self.items.len() as f64 / catalog.max(1) as f64,
            popularity_percentile: self.percentile_sum / self.recommended.max(1) as f64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::score;
    use std::collections::HashSet;

    #[test]
    fn hit_rate_and_ndcg_of_one_list() {
        let bought: HashSet<String> = ["b", "z"].iter().map(|s| s.to_string()).collect();
        let list: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let (h, n) = score(&list, &bought, 10);
        assert_eq!(h, 1.0);
        // DCG = 1/log2(3); ideal = 1/log2(2) + 1/log2(3).
        let want = (1.0 / 3f64.log2()) / (1.0 + 1.0 / 3f64.log2());
        assert!((n - want).abs() < 1e-12);
        assert_eq!(score(&list, &HashSet::new(), 10), (0.0, 0.0));
    }
}
