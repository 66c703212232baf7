//! docs/kpis.md quotes the queries that run, and the result types have
//! TypeScript declarations for the UI.

use insights_kpi::sql;
use ts_rs::{Config, TS};

fn read(rel: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_query_is_quoted_word_for_word() {
    let doc = read("docs/kpis.md");
    for (name, text) in sql::DOCUMENTED {
        let block = format!("```sql\n{}```\n", text);
        assert!(doc.contains(&block), "docs/kpis.md does not quote {name} as it runs; the block should read:\n{block}");
    }
}

#[test]
fn the_rfm_summary_runs_over_the_scores() {
    assert_eq!(sql::RFM_SQL, format!("WITH scored AS (\n{})\n{}", sql::RFM_SCORES_SQL, sql::RFM_SUMMARY_SQL));
}

#[test]
fn the_data_model_points_to_the_kpis() {
    let model = read("docs/data-model.md");
    let section = model.split("## Key figures").nth(1).expect("a Key figures section");
    assert!(section.contains("kpis.md"), "{section}");
}

#[test]
fn result_types_declare_typescript() {
    let cfg = Config::new();
    let store = insights_kpi::StoreKpis::decl(&cfg);
    assert!(store.contains("conversion_rate: number | null"), "{store}");
    assert!(store.contains("from: string | null"), "{store}");
    assert!(store.contains("orders: number"), "{store}");
    let cohort = insights_kpi::Cohort::decl(&cfg);
    assert!(cohort.contains("active: Array<number | null>"), "{cohort}");
    assert!(cohort.contains("month: string"), "{cohort}");
    let segment = insights_kpi::RfmSegment::decl(&cfg);
    assert!(segment.contains("\"cant_lose_them\""), "{segment}");
    for decl in [
        insights_kpi::Rfm::decl(&cfg),
        insights_kpi::RfmCell::decl(&cfg),
        insights_kpi::RfmScore::decl(&cfg),
        insights_kpi::RfmSegmentSummary::decl(&cfg),
        insights_kpi::SupportKpis::decl(&cfg),
        insights_kpi::IntentKpis::decl(&cfg),
    ] {
        assert!(!decl.contains("bigint"), "counts are numbers in the UI: {decl}");
    }
}
