//! `insights search evaluate`: NDCG@10 of each search mode on a labelled
//! query set (by default the one written for the sample store).

use std::path::PathBuf;

use insights_engine::{Engine, EngineError, EvalQuery};

pub fn search_evaluate(engine: &Engine, queries: Option<PathBuf>, json: bool) -> Result<(), EngineError> {
    let path = queries.unwrap_or_else(|| PathBuf::from("crates/search/tests/queries.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| EngineError::Io {
        action: "reading",
        path: path.clone(),
        source: e,
    })?;
    let queries: Vec<EvalQuery> = serde_json::from_str(&text).map_err(|e| EngineError::Io {
        action: "reading the labelled queries in",
        path: path.clone(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
    })?;
    super::embed_products_first(engine)?;
    let scores = engine.search_evaluate(&queries)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&scores).expect("scores serialise"));
        return Ok(());
    }
    let kinds: Vec<String> = scores[0].per_kind.iter().map(|(k, _)| k.clone()).collect();
    print!("| mode | NDCG@10 (all {}) |", queries.len());
    for k in &kinds {
        let n = queries.iter().filter(|q| &q.kind == k).count();
        print!(" {k} ({n}) |");
    }
    println!();
    println!("|---|---|{}", "---|".repeat(kinds.len()));
    for s in &scores {
        print!("| {:?} | {:.3} |", s.mode, s.ndcg_at_10);
        for (_, v) in &s.per_kind {
            print!(" {v:.3} |");
        }
        println!();
    }
    Ok(())
}
