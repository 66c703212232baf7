//! `ui/src/lib/bindings.ts` must be what the Rust types generate. Run
//! `make bindings` (UPDATE_BINDINGS=1) after changing a type in `api.rs`.

use insights_engine::api::*;
use ts_rs::{Config, TS};

fn generate() -> String {
    let cfg = Config::new();
    let mut decls = vec![
        ApiError::decl(&cfg),
        AppInfo::decl(&cfg),
        StartFailure::decl(&cfg),
        Overview::decl(&cfg),
        OverviewRequest::decl(&cfg),
        PeriodPreset::decl(&cfg),
        WeekRevenue::decl(&cfg),
        WorkspaceInfo::decl(&cfg),
        FilePreview::decl(&cfg),
        ImportRequest::decl(&cfg),
        ImportProgress::decl(&cfg),
        ImportStep::decl(&cfg),
        ImportedFile::decl(&cfg),
        ImportWarning::decl(&cfg),
        RejectedRow::decl(&cfg),
        PrivacySettings::decl(&cfg),
        PersonalDataItem::decl(&cfg),
        PersonalDataReport::decl(&cfg),
        ErasureRequest::decl(&cfg),
        TableRows::decl(&cfg),
        ErasureReport::decl(&cfg),
        WorkspaceExport::decl(&cfg),
        MappingField::decl(&cfg),
        ModelInfo::decl(&cfg),
        EmbeddingCoverage::decl(&cfg),
        EmbeddingStatus::decl(&cfg),
        EmbedProgress::decl(&cfg),
        EmbedReport::decl(&cfg),
        SearchRequest::decl(&cfg),
        SearchFilters::decl(&cfg),
        SearchMode::decl(&cfg),
        SearchResponse::decl(&cfg),
        SearchHit::decl(&cfg),
        HitVariant::decl(&cfg),
        MatchedTerm::decl(&cfg),
        Facets::decl(&cfg),
        FacetCount::decl(&cfg),
        SearchSettings::decl(&cfg),
        Fusion::decl(&cfg),
        OutOfStock::decl(&cfg),
        Boost::decl(&cfg),
        Pin::decl(&cfg),
        ExperimentItem::decl(&cfg),
        ExperimentReport::decl(&cfg),
        ExperimentStatus::decl(&cfg),
        ExperimentWarning::decl(&cfg),
        ExperimentCharts::decl(&cfg),
        ExperimentChart::decl(&cfg),
        ExperimentSettings::decl(&cfg),
        MetricKind::decl(&cfg),
        MetricResult::decl(&cfg),
        VariantUsers::decl(&cfg),
        Comparison::decl(&cfg),
        Summary::decl(&cfg),
        Interval::decl(&cfg),
        StatsEngine::decl(&cfg),
        Correction::decl(&cfg),
        PlanInput::decl(&cfg),
        Plan::decl(&cfg),
        PlanReport::decl(&cfg),
        KpiReport::decl(&cfg),
        CustomerRecommendations::decl(&cfg),
        CustomerSummary::decl(&cfg),
        ProductRecommendations::decl(&cfg),
        ProductSummary::decl(&cfg),
        PurchasedItem::decl(&cfg),
        Recommendation::decl(&cfg),
        RecommendSettings::decl(&cfg),
        RecommendEvalRequest::decl(&cfg),
        Bundle::decl(&cfg),
        PreferenceQuiz::decl(&cfg),
        QuizPicks::decl(&cfg),
        SizeAdvice::decl(&cfg),
        RecommendEvalReport::decl(&cfg),
        RecommendEvaluation::decl(&cfg),
        MethodScore::decl(&cfg),
        AskRequest::decl(&cfg),
        AssistantAnswer::decl(&cfg),
        AssistantSettings::decl(&cfg),
        AssistantEvaluation::decl(&cfg),
        Citation::decl(&cfg),
        ConfusionCell::decl(&cfg),
        Escalation::decl(&cfg),
        EscalationReason::decl(&cfg),
        EvaluatedMessage::decl(&cfg),
        Evaluation::decl(&cfg),
        IntentDef::decl(&cfg),
        ImportedLabel::decl(&cfg),
        LabelUse::decl(&cfg),
        LabelChoice::decl(&cfg),
        IntentScore::decl(&cfg),
        ReasonCount::decl(&cfg),
        SourceKind::decl(&cfg),
        SweepPoint::decl(&cfg),
        StoreKpis::decl(&cfg),
        SupportKpis::decl(&cfg),
        IntentKpis::decl(&cfg),
        Cohort::decl(&cfg),
        Rfm::decl(&cfg),
        RfmCell::decl(&cfg),
        RfmSegment::decl(&cfg),
        RfmSegmentSummary::decl(&cfg),
    ];
    decls.sort();
    let mut out = String::from(
        "// Generated from the Rust types in crates/engine/src/api.rs. Do not edit by hand:\n\
         // run `make bindings` (the test `bindings_are_current` fails when this file is stale).\n",
    );
    for d in decls {
        out.push_str("\nexport ");
        out.push_str(&d);
        out.push('\n');
    }
    out.push_str(
        "\n/**\n * The search's price bands, lowest first: each value of `facets.prices` and the\n \
         * filter a click on it sets (upper bounds stop half a cent short of the next band).\n */\n\
         export const PRICE_BANDS: ReadonlyArray<{ value: string; min: number; max: number | null }> = [\n",
    );
    for (value, min, max) in insights_engine::price_bands() {
        let max = max.map_or("null".to_string(), |m| m.to_string());
        out.push_str(&format!("  {{ value: '{value}', min: {min}, max: {max} }},\n"));
    }
    out.push_str("];\n");
    out
}

#[test]
fn bindings_are_current() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/bindings.ts");
    let fresh = generate();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/lib/bindings.ts is stale: run `make bindings` and commit the result.\n--- expected ---\n{fresh}"
    );
}
