//! Experiments through the engine API, on the sample store's real event log
//! (three tests with known injected effects, see sample-data/README.md) in a
//! real workspace file.

mod support;

use support::{engine_at, fixture, new_workspace, open_copy, sample};

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use insights_engine::{
    Correction, Engine, ExperimentChart, ExperimentReport, ExperimentSettings, ExperimentStatus, ImportRequest,
    MetricKind, MetricResult, PlanInput, StatsEngine,
};

/// One workspace with the sample event log, shared by the tests (importing
/// it takes a few seconds); each test opens its own engine on a copy.
fn template() -> &'static Path {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let home = tempfile::tempdir().unwrap();
        let e = engine_at(home.path());
        let info = e.create_workspace("Experiments", None).unwrap();
        e.import(&ImportRequest::of(&[sample("experiments/events.csv.zst")]), &mut |_| {}).unwrap();
        drop(e);
        (home, PathBuf::from(info.path))
    })
    .1
}

fn engine() -> (tempfile::TempDir, Engine) {
    let home = tempfile::tempdir().unwrap();
    let e = open_copy(home.path(), template(), "copy");
    (home, e)
}

fn metric(r: &ExperimentReport, m: MetricKind) -> &MetricResult {
    r.metrics.iter().find(|x| x.metric == m).unwrap_or_else(|| panic!("{m:?} missing"))
}

#[test]
fn the_injected_conversion_lift_is_found_with_the_right_sign() {
    let (_h, e) = engine();
    let r = e.experiment("free-shipping-banner", None).unwrap();
    let conv = metric(&r, MetricKind::Conversion);
    assert!(conv.significant, "{conv:?}");
    assert_eq!(conv.direction, 1);
    // The true lift (+10%) lies in the interval.
    let c = &conv.comparison;
    assert!(c.relative.lower < 0.10 && 0.10 < c.relative.upper, "{:?}", c.relative);
    assert!(conv.adjusted_p >= c.p_value, "a correction never lowers a p-value");
    assert_eq!(r.status, ExperimentStatus::Winner);
    assert!(r.summary[0].starts_with("Treatment raised conversion rate by"), "{:?}", r.summary);
    assert_eq!(r.summary.last().unwrap(), "The split looks healthy.");
    assert!(r.srm_p_value > 0.001);
    // The control's rate is the share of its visitors who bought.
    assert!((0.08..0.12).contains(&c.control.mean), "control conversion {}", c.control.mean);
    for svg in [&r.charts.cumulative_conversion_svg, &r.charts.lift_svg, &r.charts.funnel_svg, &r.charts.segments_svg] {
        assert!(svg.starts_with("<svg") && svg.contains("</svg>"));
    }
}

#[test]
fn an_order_value_lift_shows_in_order_value_not_conversion() {
    let (_h, e) = engine();
    let r = e.experiment("ai-recommendations", None).unwrap();
    let aov = metric(&r, MetricKind::AverageOrderValue);
    assert!(aov.comparison.relative.estimate > 0.0, "{aov:?}");
    assert!(aov.comparison.relative.lower < 0.06 && 0.06 < aov.comparison.relative.upper);
    let conv = metric(&r, MetricKind::Conversion);
    assert!(conv.comparison.relative.lower < 0.0 && 0.0 < conv.comparison.relative.upper, "no conversion effect");
}

#[test]
fn a_broken_split_is_flagged_whatever_the_metrics_say() {
    let (_h, e) = engine();
    let r = e.experiment("checkout-redesign", None).unwrap();
    assert_eq!(r.status, ExperimentStatus::SrmWarning);
    assert!(r.srm_p_value < 0.001, "4% of treatment lost: p = {}", r.srm_p_value);
    let w = r.warnings.iter().find(|w| w.code == "srm").expect("an SRM warning");
    assert!(w.message.contains("Sample-ratio mismatch"));
    let control = &r.variants[0];
    assert_eq!(control.variant, "control");
    assert!(control.observed_share > 0.505 && (control.planned_share - 0.5).abs() < 1e-12);
    let list = e.experiments().unwrap();
    let ids: Vec<&str> = list.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["free-shipping-banner", "ai-recommendations", "checkout-redesign"], "oldest first");
    assert_eq!(list[2].status, ExperimentStatus::SrmWarning);
}

#[test]
fn cuped_reduces_variance_and_can_be_turned_off() {
    let (_h, e) = engine();
    let on = e.experiment("ai-recommendations", None).unwrap();
    let rpv = metric(&on, MetricKind::RevenuePerVisitor);
    let reduction = rpv.comparison.variance_reduction.expect("the log has pre-period revenue");
    assert!(reduction > 0.0 && reduction < 1.0, "reduction {reduction}");
    let off_settings = ExperimentSettings { cuped: false, ..ExperimentSettings::default() };
    let off = e.experiment("ai-recommendations", Some(&off_settings)).unwrap();
    let plain = metric(&off, MetricKind::RevenuePerVisitor);
    assert_eq!(plain.comparison.variance_reduction, None);
    let width = |m: &MetricResult| m.comparison.absolute.upper - m.comparison.absolute.lower;
    assert!(width(rpv) < width(plain), "CUPED narrows the interval: {} vs {}", width(rpv), width(plain));
}

#[test]
fn segments_settings_and_engines() {
    let (_h, e) = engine();
    let r = e.experiment("free-shipping-banner", None).unwrap();
    for dim in ["customer_type", "device", "country"] {
        assert!(r.segments.iter().any(|s| s.dimension == dim), "segments by {dim}");
    }
    let vip = r.segments.iter().find(|s| s.segment == "vip" && s.metric == MetricKind::Conversion).unwrap();
    assert!(vip.comparison.control.users < r.variants[0].users);

    // Settings are validated, saved and used.
    let bad = ExperimentSettings { alpha: 0.7, ..ExperimentSettings::default() };
    let err = e.set_experiment_settings(&bad).unwrap_err();
    assert_eq!(err.code(), "invalid_settings");
    let bayes = ExperimentSettings {
        engine: StatsEngine::Bayesian,
        correction: Correction::BenjaminiHochberg,
        ..ExperimentSettings::default()
    };
    e.set_experiment_settings(&bayes).unwrap();
    assert_eq!(e.experiment_settings().unwrap().engine, StatsEngine::Bayesian);
    let b = e.experiment("free-shipping-banner", None).unwrap();
    let conv = metric(&b, MetricKind::Conversion);
    assert!(conv.comparison.chance_to_win > 0.95, "chance to win {}", conv.comparison.chance_to_win);
    assert!(conv.significant && conv.direction == 1);

    let missing = e.experiment("no-such-test", None).unwrap_err();
    assert_eq!(missing.code(), "experiment_not_found");
}

#[test]
fn charts_export_as_png_and_svg() {
    let (home, e) = engine();
    let png = home.path().join("lift.png");
    e.export_experiment_chart("free-shipping-banner", ExperimentChart::Lift, &png).unwrap();
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let svg = home.path().join("funnel.svg");
    e.export_experiment_chart("free-shipping-banner", ExperimentChart::Funnel, &svg).unwrap();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("@font-face"), "an exported SVG carries its font");
    let err = e.export_experiment_chart("free-shipping-banner", ExperimentChart::Lift, &home.path().join("x.gif"));
    assert_eq!(err.unwrap_err().code(), "invalid_settings");
}

#[test]
fn planning_matches_the_textbook_formula() {
    let (_h, e) = engine();
    let input = PlanInput {
        baseline: 0.10,
        sd: None,
        mde_relative: 0.10,
        alpha: 0.05,
        power: 0.8,
        variants: 2,
        control_share: 0.5,
        daily_visitors: 2000.0,
    };
    let r = e.plan_experiment(&input).unwrap();
    // n per arm = (z_{1-α/2} + z_{power})² (p1 q1 + p2 q2) / (p2 - p1)²
    let (z_a, z_b): (f64, f64) = (1.959_963_984_540_054, 0.841_621_233_572_914_3);
    let (p1, p2) = (0.10_f64, 0.11_f64);
    let n = (z_a + z_b).powi(2) * (p1 * (1.0 - p1) + p2 * (1.0 - p2)) / (p2 - p1).powi(2);
    let per = r.plan.users_per_variant[0] as f64;
    assert!((per - n).abs() / n < 0.02, "{per} per variant vs {n}");
    assert!((r.plan.days - r.plan.total_users as f64 / 2000.0).abs() < 1.0);
    assert!(r.summary.contains("visitors in total"), "{}", r.summary);
    assert!(r.power_curve_svg.contains("<svg"));
    let bad = PlanInput { power: 1.5, ..input };
    assert_eq!(e.plan_experiment(&bad).unwrap_err().code(), "invalid_settings");
}

/// A log that calls its events "product_view" and "order_placed" has
/// nothing the metrics count: the report says so and names what it saw,
/// instead of an empty table under "no significant difference".
#[test]
fn a_log_whose_events_match_no_metric_says_so() {
    let home = tempfile::tempdir().unwrap();
    let e = new_workspace(home.path(), "Renamed events");
    e.import(&ImportRequest::of(&[fixture("unknown-events/events.csv")]), &mut |_| {}).unwrap();
    let r = e.experiment("renamed-events", None).unwrap();
    assert!(r.metrics.is_empty(), "{:?}", r.metrics);
    let w = r.warnings.iter().find(|w| w.code == "no_metric_events").expect("a warning that nothing is measured");
    assert!(w.message.starts_with("No metric can be measured"), "{}", w.message);
    for seen in
        ["\u{201c}exposure\u{201d} (240)", "\u{201c}product_view\u{201d} (112)", "\u{201c}order_placed\u{201d} (43)"]
    {
        assert!(w.message.contains(seen), "{seen} in {}", w.message);
    }
    assert!(r.summary[0].starts_with("No metric can be measured"), "{:?}", r.summary);
    assert!(!r.summary.iter().any(|s| s.contains("no significant difference")), "{:?}", r.summary);
    let listed = e.experiments().unwrap();
    assert!(listed[0].headline.starts_with("No metric can be measured"), "{:?}", listed[0].headline);
    // The sample store's logs use the known names: no such warning there.
    let (_h, sample) = engine();
    for id in ["free-shipping-banner", "ai-recommendations", "checkout-redesign"] {
        assert!(sample.experiment(id, None).unwrap().warnings.iter().all(|w| w.code != "no_metric_events"));
    }
}

/// Under every engine, correction and sequential setting, each result (all
/// visitors and segments, the sample store's tests and two borderline ones)
/// is significant exactly when the interval shown with it excludes 0; the
/// summary quotes that interval and the lift chart says what it is.
#[test]
fn the_interval_shown_agrees_with_significant() {
    let (_h, e) = engine();
    let log = fixture("borderline/events.csv.zst");
    e.import(&ImportRequest::of(&[log]), &mut |_| {}).unwrap();
    let mut checked = 0;
    for engine in [StatsEngine::Frequentist, StatsEngine::Bayesian] {
        for correction in [Correction::Holm, Correction::BenjaminiHochberg, Correction::None] {
            for sequential in [false, true] {
                let s = ExperimentSettings { engine, correction, sequential, ..ExperimentSettings::default() };
                for item in e.experiments().unwrap() {
                    let r = e.experiment(&item.id, Some(&s)).unwrap();
                    for m in r.metrics.iter().chain(&r.segments) {
                        let excludes = m.interval.lower > 0.0 || m.interval.upper < 0.0;
                        assert_eq!(m.significant, excludes, "{} {s:?}: {m:#?}", item.id);
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 1000, "{checked}");

    // Holm over five metrics: +40% conversion, significant alone, is not, and its interval says so.
    let holm = e.experiment("corrected-borderline", None).unwrap();
    let conv = metric(&holm, MetricKind::Conversion);
    assert!(conv.comparison.p_value < 0.05 && conv.adjusted_p > 0.05, "{conv:#?}");
    assert!(conv.interval.lower < 0.0 && conv.interval_level > 0.95, "{conv:#?}");
    assert!(conv.comparison.relative.lower > 0.0, "the uncorrected 95% interval excludes 0");
    let chart = e.experiment("corrected-borderline", None).unwrap().charts.lift_svg;
    assert!(chart.contains("corrected for multiple comparisons"), "{chart}");
    let plain = ExperimentSettings { correction: Correction::None, ..ExperimentSettings::default() };
    let alone = e.experiment("corrected-borderline", Some(&plain)).unwrap();
    let conv = metric(&alone, MetricKind::Conversion);
    assert!(conv.significant && conv.interval == conv.comparison.relative && conv.interval_level == 0.95);
    assert!(alone.summary[0].contains("(95% CI +"), "{:?}", alone.summary);
    // Sequential: the p-value is that of the relative lift, like the interval.
    let seq = ExperimentSettings { sequential: true, correction: Correction::None, ..ExperimentSettings::default() };
    let watched = e.experiment("sequential-borderline", Some(&seq)).unwrap();
    let conv = metric(&watched, MetricKind::Conversion);
    assert!(!conv.significant && conv.comparison.relative.lower < 0.0, "{conv:#?}");
    assert!(watched.summary[0].contains("made no significant difference"), "{:?}", watched.summary);
}
