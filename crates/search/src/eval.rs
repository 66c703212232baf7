//! Ranking quality on a labelled query set: NDCG@10 per search mode.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::types::{SearchMode, SearchRequest, SearchResponse};

/// One labelled query: product handles with grades 1 (acceptable) to 3
/// (exactly what was asked).
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct EvalQuery {
    pub query: String,
    pub kind: String,
    pub relevant: HashMap<String, u32>,
}

/// NDCG@k of a ranked list of product ids against graded labels, with gain
/// 2^grade − 1 and the usual log2 discount.
pub fn ndcg_at(k: usize, ranked: &[String], relevant: &HashMap<String, u32>) -> f64 {
    let gain = |g: u32| 2f64.powi(g as i32) - 1.0;
    let dcg: f64 = ranked
        .iter()
        .take(k)
        .enumerate()
        .map(|(i, id)| relevant.get(id).map(|g| gain(*g)).unwrap_or(0.0) / (i as f64 + 2.0).log2())
        .sum();
    let mut ideal: Vec<u32> = relevant.values().copied().collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal.iter().take(k).enumerate().map(|(i, g)| gain(*g) / (i as f64 + 2.0).log2()).sum();
    if idcg == 0.0 {
        0.0
    } else {
        dcg / idcg
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct QueryScore {
    pub query: String,
    pub kind: String,
    pub ndcg: f64,
    pub top3: Vec<String>,
}

/// Mean NDCG@10 of one mode, overall and per kind of query.
#[derive(Debug, Clone, Serialize)]
pub struct ModeScore {
    pub mode: SearchMode,
    pub ndcg_at_10: f64,
    pub per_kind: Vec<(String, f64)>,
    pub queries: Vec<QueryScore>,
}

/// Runs every query in every mode through `search` and scores the top 10.
pub fn evaluate<E>(
    queries: &[EvalQuery],
    search: &mut dyn FnMut(&SearchRequest) -> Result<SearchResponse, E>,
) -> Result<Vec<ModeScore>, E> {
    let mut out = Vec::new();
    for mode in [SearchMode::Keyword, SearchMode::Semantic, SearchMode::Hybrid] {
        let mut scores = Vec::new();
        for q in queries {
            let request = SearchRequest { limit: 10, mode, ..SearchRequest::new(q.query.clone()) };
            let response = search(&request)?;
            let ranked: Vec<String> = response.hits.iter().map(|h| h.product_id.clone()).collect();
            scores.push(QueryScore {
                query: q.query.clone(),
                kind: q.kind.clone(),
                ndcg: ndcg_at(10, &ranked, &q.relevant),
                top3: ranked.into_iter().take(3).collect(),
            });
        }
        let mean = |v: &[&QueryScore]| v.iter().map(|s| s.ndcg).sum::<f64>() / v.len().max(1) as f64;
        let mut kinds: Vec<String> = scores.iter().map(|s| s.kind.clone()).collect();
        kinds.sort();
        kinds.dedup();
        let per_kind = kinds
            .into_iter()
            .map(|k| {
                let v: Vec<&QueryScore> = scores.iter().filter(|s| s.kind == k).collect();
                let m = mean(&v);
                (k, m)
            })
            .collect();
        let all: Vec<&QueryScore> = scores.iter().collect();
        out.push(ModeScore { mode, ndcg_at_10: mean(&all), per_kind, queries: scores });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_less_otherwise() {
        let rel: HashMap<String, u32> = [("a".to_string(), 3), ("b".to_string(), 1)].into();
        let ideal = vec!["a".to_string(), "b".to_string()];
        assert!((ndcg_at(10, &ideal, &rel) - 1.0).abs() < 1e-12);
        let swapped = vec!["b".to_string(), "a".to_string()];
        let s = ndcg_at(10, &swapped, &rel);
        // (1/1 + 7/log2 3) / (7/1 + 1/log2 3)
        let expected = (1.0 + 7.0 / 3f64.log2()) / (7.0 + 1.0 / 3f64.log2());
        assert!((s - expected).abs() < 1e-12);
        assert_eq!(ndcg_at(10, &["x".to_string()], &rel), 0.0);
    }
}
