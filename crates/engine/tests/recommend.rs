//! Recommendations on the sample store's real orders and catalog, with the
//! products embedded by the real model (INSIGHTS_MODELS, as `make test` sets it).

mod support;

use support::{engine_at, fixture, new_workspace, online_retail, sample_store_engine};

use std::collections::HashMap;
use std::path::Path;

use insights_engine::{Engine, ImportRequest, RecommendSettings, Recommendation};

/// The sample store with its catalog embedded; each test works on its own copy of the file.
fn engine(home: &Path) -> Engine {
    sample_store_engine(home, "recommend-test")
}

const BOOT: &str = "birch-all-terrain-backpacking-boot";

fn respects(list: &[Recommendation], s: &RecommendSettings) {
    let mut per: HashMap<&str, u32> = HashMap::new();
    for r in list {
        *per.entry(r.category.as_str()).or_default() += 1;
        if s.in_stock_only {
            assert!(r.in_stock, "{} is out of stock", r.title);
        }
        if let (Some(min), Some(m)) = (s.min_margin, r.margin) {
            assert!(m >= min, "{} has margin {m}", r.title);
        }
        assert!(!r.why.is_empty(), "{} has no reason", r.title);
    }
    assert!(per.values().all(|&n| n <= s.per_category_cap), "{per:?}");
    assert!(list.len() <= s.limit as usize);
}

#[test]
fn a_boot_is_bought_with_socks_and_is_similar_to_boots() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let r = e.recommend_for_product(BOOT).unwrap();
    let s = RecommendSettings::default();
    respects(&r.similar, &s);
    respects(&r.together, &s);
    assert!(r.similar.iter().all(|x| x.product_id != BOOT), "a product is not similar to itself");
    assert!(r.similar.iter().take(3).all(|x| x.category == "Boots" || x.title.contains("Boot")), "{:#?}", r.similar);
    assert!(r.similar[0].why[0].starts_with("Similar to Birch All-Terrain Backpacking Boot"), "{:?}", r.similar[0].why);
    // The sample store's baskets add socks to 45% of hiking-boot orders (sample-data/README.md).
    let first = &r.together[0];
    assert!(first.category.contains("Socks"), "{first:#?}");
    assert!(first.support.unwrap() >= s.min_support);
    assert!(first.lift.unwrap() > 1.0);
    assert!(first.why[0]
        .starts_with(&format!("Bought with Birch All-Terrain Backpacking Boot in {} orders", first.support.unwrap())));
    // Ranked by confidence weighted by lift, best first.
    for w in r.together.windows(2) {
        assert!(w[0].score >= w[1].score);
    }
}

#[test]
fn rules_shape_every_list() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let strict = RecommendSettings { min_margin: Some(0.55), per_category_cap: 1, limit: 5, ..Default::default() };
    e.set_recommend_settings(&strict).unwrap();
    let r = e.recommend_for_product(BOOT).unwrap();
    respects(&r.similar, &strict);
    respects(&r.together, &strict);
    assert!(r.hidden > 0, "the cap and the margin leave candidates out");
    let bad = RecommendSettings { content_weight: 2.0, ..Default::default() };
    assert_eq!(e.set_recommend_settings(&bad).unwrap_err().code(), "invalid_settings");
    assert_eq!(e.recommend_for_product("no-such-product").unwrap_err().code(), "product_not_found");
}

#[test]
fn personal_picks_follow_the_history_and_new_customers_get_popular_items() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let customers = e.recommend_customers("").unwrap();
    let top = &customers[0];
    assert!(top.orders >= customers[1].orders && top.orders > 1);
    assert!(!top.label.contains('@'), "no e-mail in the label: {}", top.label);
    let r = e.recommend_for_customer(&top.customer_id).unwrap();
    assert!(!r.cold_start && !r.history.is_empty());
    respects(&r.picks, &r.settings);
    let bought: Vec<&str> = r.history.iter().map(|h| h.product_id.as_str()).collect();
    for p in &r.picks {
        let again = p.why.iter().any(|w| w.contains("buy it again"));
        assert!(!bought.contains(&p.product_id.as_str()) || again, "{} was bought already: {:?}", p.title, p.why);
        let reason = &p.why[0];
        assert!(
            reason.contains("which they bought on")
                || reason.starts_with("They bought it")
                || reason.starts_with("Popular"),
            "{:?}",
            p.why
        );
    }

    // A customer in the customers file without an order: popular and trending items.
    let path = e.current_workspace().unwrap().unwrap().path;
    drop(e);
    let none: String = insights_store::Workspace::open(Path::new(&path))
        .unwrap()
        .conn()
        .query_row(
            "SELECT customer_id FROM customers WHERE customer_id NOT IN
             (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL) ORDER BY customer_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let e = engine_at(home.path());
    e.open_workspace(Path::new(&path)).unwrap();
    let cold = e.recommend_for_customer(&none).unwrap();
    assert!(cold.cold_start && cold.history.is_empty());
    assert!(cold.picks[0].why[0].starts_with("Popular"), "{:?}", cold.picks[0].why);
    respects(&cold.picks, &cold.settings);
    assert_eq!(e.recommend_for_customer("e:nobody").unwrap_err().code(), "customer_not_found");
}

/// The acceptance split on real data: the UCI Online Retail transactions,
/// training on orders before 2011-09-01 and testing on each customer's
/// purchases to 2011-12-09.
#[test]
fn on_the_uci_transactions_personal_picks_beat_best_sellers() {
    let home = tempfile::tempdir().unwrap();
    let e = new_workspace(home.path(), "UCI");
    e.import(&ImportRequest::of(&[online_retail()]), &mut |_| {}).unwrap();
    let split = insights_engine::RecommendEvalRequest {
        cutoff: Some("2011-09-01".into()),
        end: Some("2011-12-09".into()),
        k: 10,
    };
    let r = e.recommend_evaluate(&split).unwrap();
    assert!(r.customers > 1_500, "{} customers bought before and after the cutoff", r.customers);
    let (ours, best_sellers) = (&r.methods[0], &r.methods[1]);
    assert!(ours.hit_rate > best_sellers.hit_rate, "HR@10 {} vs {}", ours.hit_rate, best_sellers.hit_rate);
    assert!(ours.ndcg > best_sellers.ndcg, "NDCG@10 {} vs {}", ours.ndcg, best_sellers.ndcg);
    assert!(ours.coverage > best_sellers.coverage && ours.popularity_percentile < best_sellers.popularity_percentile);

    let bad = insights_engine::RecommendEvalRequest { cutoff: Some("first of May".into()), end: None, k: 10 };
    assert_eq!(e.recommend_evaluate(&bad).unwrap_err().code(), "invalid_settings");
}

#[test]
fn bundles_size_advice_pins_blocks_and_new_arrivals() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let r = e.recommend_for_product(BOOT).unwrap();
    let bundle = r.bundle.expect("a bundle around the boot");
    assert_eq!(bundle.items[0].product_id, BOOT, "the anchor comes first");
    assert!(bundle.items.len() >= 2 && bundle.items.iter().skip(1).all(|i| i.in_stock && i.category != "Boots"));
    let list: f64 = bundle.items.iter().map(|i| i.price.unwrap()).sum();
    assert!((bundle.list_price - list).abs() < 1e-9 && (bundle.price - list * 0.9).abs() < 1e-9);
    if let Some(m) = bundle.margin {
        assert!(m >= 0.3, "the bundle meets the margin target: {m}");
    }

    // The sample store's Granite Approach Shoe runs small (sample-data/README.md).
    let shoe =
        e.search(&insights_engine::SearchRequest::new("Granite Approach Shoe")).unwrap().hits[0].product_id.clone();
    let advice = e.recommend_for_product(&shoe).unwrap().size_advice;
    assert!(!advice.is_empty());
    let note = advice.iter().find_map(|a| a.advice.clone()).expect("some size is often returned as too small");
    assert!(note.starts_with("Customers who bought this in") && note.contains("for being small"), "{note}");
    for a in advice.iter().filter(|a| a.advice.is_some()) {
        let often = a.too_small.max(a.too_large);
        assert!(often >= 3 && often as f64 >= 0.1 * a.sold as f64, "advice needs the evidence: {a:?}");
    }

    // Pinned first, blocked never; a share of places for new arrivals.
    let blocked = r.together[0].product_id.clone();
    let pinned = r.similar.last().unwrap().product_id.clone();
    let rules = RecommendSettings {
        pinned: vec![pinned.clone()],
        blocked: vec![blocked.clone()],
        novelty_share: 0.25,
        ..Default::default()
    };
    e.set_recommend_settings(&rules).unwrap();
    let again = e.recommend_for_product(BOOT).unwrap();
    assert_eq!(again.similar[0].product_id, pinned);
    assert_eq!(again.similar[0].why[0], "Pinned by you");
    assert!(again.together.iter().chain(&again.similar).all(|x| x.product_id != blocked), "blocked stays out");
    let news = again.similar.iter().filter(|x| x.why.iter().any(|w| w == "New arrival")).count();
    assert!(news <= 2, "a quarter of 8 places at most: {news}");
    let bad = RecommendSettings { bundle_discount: 1.5, ..Default::default() };
    assert_eq!(e.set_recommend_settings(&bad).unwrap_err().code(), "invalid_settings");
}

#[test]
fn the_evaluation_on_the_sample_store_has_its_chart() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let r =
        e.recommend_evaluate_report(&insights_engine::RecommendEvalRequest { cutoff: None, end: None, k: 10 }).unwrap();
    assert!(r.evaluation.customers > 100, "{}", r.evaluation.customers);
    assert_eq!(r.evaluation.methods.len(), 2);
    assert!(r.chart_svg.contains("HR@10") && r.chart_svg.contains("Best sellers"));
}

#[test]
fn the_quiz_seeds_picks_by_meaning_within_the_answers() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let quiz = insights_engine::PreferenceQuiz {
        categories: vec!["Coats & Jackets".into()],
        price_min: None,
        price_max: Some(200.0),
        words: "warm waterproof".into(),
    };
    let r = e.recommend_for_preferences(&quiz).unwrap();
    assert!(!r.picks.is_empty());
    for p in &r.picks {
        assert_eq!(p.category, "Coats & Jackets");
        assert!(p.price.unwrap() <= 200.0 && p.in_stock);
        assert!(p.why[0].starts_with("Close to \u{201c}warm waterproof\u{201d}"), "{:?}", p.why);
    }
    for w in r.picks.windows(2) {
        assert!(w[0].score >= w[1].score, "closest first");
    }
}

/// A tent shares five orders each with a carrier bag that is in most
/// baskets (lift 0.67) and a lantern in half of them (lift exactly 1), and
/// six with the pegs sold only with it (lift 4): only the pegs are bought
/// with it more often than chance, so only they are offered as bought
/// together (and nothing else goes into a bundle).
#[test]
fn bought_together_is_only_what_beats_chance() {
    let home = tempfile::tempdir().unwrap();
    let e = new_workspace(home.path(), "Bought together");
    e.import(&ImportRequest::of(&[fixture("bought-together/transactions.csv")]), &mut |_| {}).unwrap();
    let r = e.recommend_for_product("TENT").unwrap();
    let min_support = RecommendSettings::default().min_support;
    assert!(min_support <= 5, "the bag and the lantern have enough shared orders to be candidates");
    let listed: Vec<(&str, &str)> = r.together.iter().map(|x| (x.title.as_str(), x.why[0].as_str())).collect();
    assert_eq!(
        listed,
        [("TENT PEGS", "Bought with TRAIL TENT in 6 orders (60% of its orders, 4.0× more often than chance)")],
        "{:#?}",
        r.together
    );
    assert!(r.bundle.iter().flat_map(|b| &b.items).all(|x| x.title != "CARRIER BAG" && x.title != "CAMP LANTERN"));
}
