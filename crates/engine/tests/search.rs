//! Embeddings and product search on the sample store's catalog, with the
//! real model (found through INSIGHTS_MODELS, as `make test` sets it) and a
//! real workspace file.

mod support;

use support::{reopen_after, sample, sample_store_engine};

use std::path::Path;

use insights_engine::{
    Engine, EvalQuery, ImportRequest, OutOfStock, SearchFilters, SearchMode, SearchRequest, SearchSettings,
};

/// The sample store, embedded (built once and shared, see
/// `support/sample_store.rs`); each test works on its own copy of the file.
fn catalog_engine(home: &Path) -> Engine {
    let e = sample_store_engine(home, "search-test");
    let status = e.model_status();
    assert!(
        status.ready,
        "the embedding model must be installed for this test (run `make models`): {}",
        status.message
    );
    e
}

fn search(e: &Engine, query: &str) -> insights_engine::SearchResponse {
    e.search(&SearchRequest::new(query)).unwrap()
}

#[test]
fn embedding_is_stored_once_per_text_and_model() {
    let home = tempfile::tempdir().unwrap();
    let e = catalog_engine(home.path());
    let status = e.embedding_status().unwrap();
    for c in &status.coverage {
        assert_eq!(c.embedded, c.total, "{} fully embedded", c.label);
    }
    let products = status.coverage.iter().find(|c| c.kind == "product").unwrap();
    assert!(products.total >= 1_400, "active products of the sample: {}", products.total);

    // Reading the unchanged catalog again (forced, as it would otherwise be
    // skipped) embeds nothing.
    let again = ImportRequest {
        paths: vec![sample("shopify/products_export.csv.zst").display().to_string()],
        force: true,
        ..ImportRequest::default()
    };
    e.import(&again, &mut |_| {}).unwrap();
    let report = e.embed_workspace(&mut |_| {}).unwrap();
    assert_eq!(report.embedded, 0, "nothing changed, nothing embedded: {report:?}");
    assert!(report.unchanged > 1_500);

    // Vectors from another model are dropped and everything is embedded again.
    let e = reopen_after(e, home.path(), "UPDATE embeddings SET model_id = 'some-older-model'");
    let mut events = Vec::new();
    let report = e.embed_workspace(&mut |p| events.push(p)).unwrap();
    assert!(!report.cancelled);
    assert_eq!(report.removed, report.embedded, "every old vector is replaced");
    assert_eq!(report.unchanged, 0);
    assert!(report.embedded > 1_500, "every product and passage is embedded: {report:?}");
    let last = events.last().unwrap();
    assert_eq!((last.done, last.total), (report.embedded, report.embedded), "progress reaches the end");
}

#[test]
fn search_finds_by_meaning_sku_and_typo_and_explains_itself() {
    let home = tempfile::tempdir().unwrap();
    let e = catalog_engine(home.path());

    // By description: none of these words need be in the title.
    let r = search(&e, "warm waterproof jacket for hiking");
    assert!(r.semantic_used, "{:?}", r.notice);
    assert!(r.total >= 10);
    for h in &r.hits[..5] {
        assert_eq!(h.category, "Coats & Jackets", "{} ({}) is not a jacket", h.title, h.category);
        assert!(!h.why.is_empty(), "every result says why");
    }
    assert!(r.hits.iter().take(5).any(|h| h.similarity.is_some()), "meaning took part");

    // A full SKU finds its product first, and says so.
    let sku = r.hits[3].skus[0].clone();
    let s = search(&e, &sku);
    assert_eq!(s.hits[0].product_id, r.hits[3].product_id);
    assert_eq!(s.hits[0].exact_match.as_deref(), Some(format!("SKU {sku}").as_str()));
    assert!(s.hits[0].why[0].starts_with("Exact SKU"), "{:?}", s.hits[0].why);

    // The SKU stem ("SKU-1042") finds that product first too.
    let stem: String = sku.split('-').take(2).collect::<Vec<_>>().join("-");
    let s = search(&e, &stem.to_lowercase());
    assert_eq!(s.hits[0].product_id, r.hits[3].product_id, "{stem}");

    // A typo in a word of 5+ letters is forgiven and shown as such: the
    // title with one letter dropped from its longest word still finds it.
    let title = r.hits[0].title.to_lowercase();
    let title_word = title
        .split_whitespace()
        .filter(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .max_by_key(|w| w.len())
        .expect("a long word in the title")
        .to_string();
    let typo: String = title_word.chars().take(2).chain(title_word.chars().skip(3)).collect();
    let query = title.replace(&title_word, &typo);
    let k = e.search(&SearchRequest { mode: SearchMode::Keyword, ..SearchRequest::new(query.clone()) }).unwrap();
    let forgiven = k.hits.iter().take(10).find(|h| h.product_id == r.hits[0].product_id);
    let forgiven = forgiven.unwrap_or_else(|| panic!("“{query}” finds “{}” in the top 10", r.hits[0].title));
    let m = forgiven.matched_terms.iter().find(|m| m.term == typo).expect("the typo is reported");
    assert_eq!(m.typos, 1);
    assert!(forgiven.why.iter().any(|w| w.contains("typo")), "{:?}", forgiven.why);
}

#[test]
fn rules_filters_and_facets() {
    let home = tempfile::tempdir().unwrap();
    let e = catalog_engine(home.path());
    // Browsing (an empty query) lists the whole catalog: pick the category
    // of a product that is out of stock, and search for it.
    let all = e.search(&SearchRequest { limit: 5_000, ..SearchRequest::new("") }).unwrap();
    assert_eq!(all.total as usize, all.hits.len());
    let sold_out = all.hits.iter().find(|h| !h.in_stock).expect("the sample has products out of stock");
    let query = sold_out.category.to_lowercase();
    let query = query.as_str();
    let r = e.search(&SearchRequest { limit: 500, ..SearchRequest::new(query) }).unwrap();
    let oos = r.hits.iter().filter(|h| !h.in_stock).count();
    assert!(oos > 0, "“{query}” finds out-of-stock products");

    // Default rule: out of stock ranks below everything in stock.
    let first_oos = r.hits.iter().position(|h| !h.in_stock).unwrap();
    assert!(r.hits[first_oos..].iter().all(|h| !h.in_stock), "out-of-stock results come last");
    assert!(r.hits[first_oos].why.iter().any(|w| w.starts_with("Out of stock")));

    // Facet counts are what a click gives.
    let cats: u32 = r.facets.categories.iter().map(|c| c.count).sum();
    assert_eq!(cats, r.total);
    assert_eq!(r.facets.in_stock + r.facets.out_of_stock, r.total);
    let top = &r.facets.categories[0];
    let filtered = e
        .search(&SearchRequest {
            limit: 500,
            filters: SearchFilters { categories: vec![top.value.clone()], ..SearchFilters::default() },
            ..SearchRequest::new(query)
        })
        .unwrap();
    assert_eq!(filtered.total, top.count);
    assert!(filtered.hits.iter().all(|h| h.category == top.value));
    assert_eq!(filtered.facets.categories, r.facets.categories, "a facet ignores its own filter");
    let in_stock = e
        .search(&SearchRequest {
            limit: 500,
            filters: SearchFilters { in_stock_only: true, ..SearchFilters::default() },
            ..SearchRequest::new(query)
        })
        .unwrap();
    assert_eq!(in_stock.total, r.facets.in_stock);

    // Hide out of stock, require a margin, boost a vendor: saved per workspace.
    let mut settings = SearchSettings { out_of_stock: OutOfStock::Hide, min_margin: Some(0.55), ..Default::default() };
    let saved = e.set_search_settings(&settings).unwrap();
    assert_eq!(saved, settings);
    let h = e.search(&SearchRequest { limit: 500, ..SearchRequest::new(query) }).unwrap();
    assert!(h.hits.iter().all(|x| x.in_stock && x.margin.is_none_or(|m| m >= 0.55)));
    assert!(h.hidden_by_rules as usize >= oos);
    settings.min_margin = Some(3.0);
    let err = e.set_search_settings(&settings).unwrap_err();
    assert_eq!(insights_engine::ApiError::from(err).code, "invalid_settings");
}

#[test]
fn hybrid_beats_keyword_and_semantic_on_the_labelled_queries() {
    let home = tempfile::tempdir().unwrap();
    let e = catalog_engine(home.path());
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../search/tests/queries.json")).unwrap();
    let queries: Vec<EvalQuery> = serde_json::from_str(&text).unwrap();
    assert!(queries.len() >= 40);
    let scores = e.search_evaluate(&queries).unwrap();
    let get = |m: SearchMode| scores.iter().find(|s| s.mode == m).unwrap().ndcg_at_10;
    let (k, s, h) = (get(SearchMode::Keyword), get(SearchMode::Semantic), get(SearchMode::Hybrid));
    eprintln!("NDCG@10 keyword {k:.3} semantic {s:.3} hybrid {h:.3}");
    assert!(h > k, "hybrid {h:.3} beats keyword-only {k:.3}");
    assert!(h > s, "hybrid {h:.3} beats semantic-only {s:.3}");
}

#[test]
fn a_cancelled_embedding_keeps_its_batches_and_the_next_run_resumes() {
    let home = tempfile::tempdir().unwrap();
    let e = catalog_engine(home.path());
    let e = reopen_after(e, home.path(), "DELETE FROM embeddings WHERE owner_kind = 'product'");
    let missing = e.embedding_status().unwrap().coverage.iter().find(|c| c.kind == "product").unwrap().total;

    // Cancel as soon as the first batch is stored.
    let first = e
        .embed_workspace(&mut |p| {
            if p.done > 0 {
                e.cancel_embedding();
            }
        })
        .unwrap();
    assert!(first.cancelled);
    assert!(first.embedded > 0 && first.embedded < missing, "{first:?} of {missing}");
    let status = e.embedding_status().unwrap();
    let products = status.coverage.iter().find(|c| c.kind == "product").unwrap();
    assert_eq!(products.embedded, first.embedded, "finished batches are kept");

    // Search works meanwhile, by meaning over what is embedded so far.
    let r = search(&e, "warm jacket");
    assert_eq!(r.embedded_products, first.embedded);

    let rest = e.embed_workspace(&mut |_| {}).unwrap();
    assert!(!rest.cancelled);
    assert_eq!(first.embedded + rest.embedded, missing, "the second run embeds only what was left");
}
