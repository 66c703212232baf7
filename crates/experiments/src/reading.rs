//! What the statistics of one experiment say, as the merchant reads them:
//! each result corrected within its family, the warnings about the test
//! itself, the verdict and the plain-language summary. Pure functions of
//! the statistics; the engine gathers them from the workspace.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Comparison, Correction, Engine as StatsEngine, Interval, Settings, VariantInput};

/// SRM is flagged below this p-value, as the common practice (and GrowthBook) does.
pub const SRM_THRESHOLD: f64 = 0.001;

/// What an experiment's results say, as the badge in the list shows it.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentStatus {
    /// A metric improved significantly and none got worse.
    Winner,
    /// A metric got significantly worse and none improved.
    Loser,
    /// No significant difference, or some better and some worse.
    Inconclusive,
    /// The split differs from the plan: the results cannot be trusted.
    SrmWarning,
    /// A variant has fewer users than the minimum sample.
    TooEarly,
}

/// The metrics every experiment is analysed on, from its event log.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Visitors with a purchase ÷ exposed visitors.
    Conversion,
    /// Purchase value per exposed visitor (zero for those who bought nothing).
    RevenuePerVisitor,
    /// Purchase value ÷ purchases (a ratio metric, delta method).
    AverageOrderValue,
    /// Visitors who added to cart ÷ exposed visitors.
    AddToCart,
    /// Of visitors who added to cart, the share who bought (a ratio metric).
    CartToOrder,
}

/// Users of one variant against the planned split.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct VariantUsers {
    pub variant: String,
    #[ts(type = "number")]
    pub users: u64,
    pub planned_share: f64,
    pub observed_share: f64,
}

/// One metric of one variant against control.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct MetricResult {
    pub metric: MetricKind,
    pub label: String,
    pub variant: String,
    /// Dimension and value for a segment row (`device` / `mobile`); empty for all visitors.
    pub dimension: String,
    pub segment: String,
    pub comparison: Comparison,
    /// The p-value after the multiple-comparison correction.
    pub adjusted_p: f64,
    /// The interval of the relative lift shown with this result, which
    /// excludes 0 exactly when it is `significant`: with the frequentist
    /// engine the confidence interval corrected like the p-value (at level
    /// `interval_level`, see `insights_experiments::interval_alphas`); with
    /// the Bayesian one the credible interval at 1 − 2α, whose bounds are
    /// where the chance to beat control crosses 1 − α and α.
    pub interval: Interval,
    /// The interval's level, e.g. 0.975 (0.95 without a correction).
    pub interval_level: f64,
    pub significant: bool,
    /// +1 better, -1 worse, 0 no significant difference.
    pub direction: i8,
}

/// A problem with the test itself.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ExperimentWarning {
    /// `srm`, `too_early`, `suspicious_lift`, `no_covariate`, `no_metric_events` (no event the metrics
    /// count; the message names the events the log has).
    pub code: String,
    pub message: String,
}

impl MetricKind {
    /// The metric's name, as results show it.
    pub fn label(self) -> &'static str {
        match self {
            MetricKind::Conversion => "Conversion rate",
            MetricKind::RevenuePerVisitor => "Revenue per visitor",
            MetricKind::AverageOrderValue => "Average order value",
            MetricKind::AddToCart => "Add-to-cart rate",
            MetricKind::CartToOrder => "Cart-to-order rate",
        }
    }
}

/// A comparison with the inputs it was made from, to draw its interval
/// again at the level its correction gives.
pub struct Made {
    pub comparison: Comparison,
    pub inputs: (VariantInput, VariantInput),
}

/// A result before its family is corrected.
pub struct Pending {
    result: MetricResult,
    inputs: (VariantInput, VariantInput),
}

/// One comparison as a result, before its family is corrected.
pub fn result(metric: MetricKind, variant: &str, dimension: &str, segment: &str, made: Made) -> Pending {
    let c = made.comparison;
    let result = MetricResult {
        metric,
        label: metric.label().to_string(),
        variant: variant.to_string(),
        dimension: dimension.to_string(),
        segment: segment.to_string(),
        adjusted_p: c.p_value,
        interval: c.relative,
        interval_level: 0.0,
        significant: false,
        direction: 0,
        comparison: c,
    };
    Pending { result, inputs: made.inputs }
}

/// Adjusts the p-values of one family, draws each interval at the level
/// that agrees with its corrected p-value, and decides significance. The
/// Bayesian engine decides on the chance to beat control instead (no
/// correction applies to it), and shows the credible interval whose bounds
/// are that decision's thresholds.
pub fn correct(pending: Vec<Pending>, settings: &Settings) -> Vec<MetricResult> {
    let p: Vec<f64> = pending.iter().map(|r| r.result.comparison.p_value).collect();
    let adjusted = crate::adjust_p_values(&p, settings.correction);
    let levels = crate::interval_alphas(&p, settings.correction, settings.alpha);
    let mut results = Vec::with_capacity(pending.len());
    for ((Pending { mut result, inputs }, a), level) in pending.into_iter().zip(adjusted).zip(levels) {
        let r = &mut result;
        r.adjusted_p = a;
        let (interval_alpha, bayes) = match settings.engine {
            StatsEngine::Frequentist => (level, false),
            StatsEngine::Bayesian => (2.0 * settings.alpha, true),
        };
        // Made once already, so only the level can fail here (it cannot: 0 < level < 1).
        let drawn = crate::compare_at(&inputs.0, &inputs.1, settings, interval_alpha).ok();
        r.interval = drawn.map(|c| if bayes { c.credible } else { c.relative }).unwrap_or(r.comparison.relative);
        r.interval_level = 1.0 - interval_alpha;
        let (sig, up) = match settings.engine {
            StatsEngine::Frequentist => (a < settings.alpha, r.comparison.relative.estimate > 0.0),
            StatsEngine::Bayesian => {
                let c = r.comparison.chance_to_win;
                (c > 1.0 - settings.alpha || c < settings.alpha, c > 0.5)
            }
        };
        r.significant = sig;
        r.direction = if !sig {
            0
        } else if up {
            1
        } else {
            -1
        };
        results.push(result);
    }
    results
}

fn summarise(
    metrics: &[MetricResult],
    measurable: bool,
    srm: bool,
    too_early: bool,
    settings: &Settings,
) -> Vec<String> {
    let mut out = Vec::new();
    if !measurable {
        out.push(
            "No metric can be measured: none of the log's events is a \u{201c}purchase\u{201d} or an \
             \u{201c}add_to_cart\u{201d}."
                .to_string(),
        );
    }
    let mut by_variant: Vec<&str> = metrics.iter().map(|r| r.variant.as_str()).collect();
    by_variant.dedup();
    for variant in by_variant {
        let rows: Vec<&MetricResult> = metrics.iter().filter(|r| r.variant == variant).collect();
        let moved: Vec<String> = rows
            .iter()
            .filter(|r| r.significant)
            .map(|r| {
                let c = &r.comparison;
                format!(
                    "{} {} by {} ({} {} to {})",
                    if r.direction > 0 { "raised" } else { "lowered" },
                    r.label.to_lowercase(),
                    pct(c.relative.estimate.abs()),
                    interval_name(r, settings),
                    signed_pct(r.interval.lower),
                    signed_pct(r.interval.upper)
                )
            })
            .collect();
        let unchanged: Vec<String> = rows
            .iter()
            .filter(|r| !r.significant && matches!(r.metric, MetricKind::Conversion | MetricKind::RevenuePerVisitor))
            .map(|r| r.label.to_lowercase())
            .collect();
        let mut sentence = if moved.is_empty() {
            format!("{} made no significant difference", capitalise(variant))
        } else {
            format!("{} {}", capitalise(variant), moved.join("; "))
        };
        if !moved.is_empty() && !unchanged.is_empty() {
            sentence.push_str(&format!("; {} unchanged", unchanged.join(" and ")));
        }
        sentence.push('.');
        out.push(sentence);
    }
    out.push(if srm {
        "The split is not the planned one (sample-ratio mismatch): do not trust these results until the cause is found."
            .to_string()
    } else if too_early {
        "Too early to tell: keep the test running until every variant has the minimum sample.".to_string()
    } else {
        "The split looks healthy.".to_string()
    });
    out
}

/// What a result's interval is, in words: "95% CI", "99% CI, corrected",
/// "90% credible interval".
fn interval_name(r: &MetricResult, settings: &Settings) -> String {
    let level = interval_level_text(r.interval_level);
    match settings.engine {
        StatsEngine::Bayesian => format!("{level} credible interval"),
        StatsEngine::Frequentist if settings.correction == Correction::None => format!("{level} CI"),
        StatsEngine::Frequentist => format!("{level} CI, corrected"),
    }
}

/// A level as a percentage with as many decimals as it needs (up to 2): 95%, 97.5%, 98.75%.
pub fn interval_level_text(level: f64) -> String {
    let text = format!("{:.2}", level * 100.0);
    format!("{}%", text.trim_end_matches('0').trim_end_matches('.'))
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// The state of the test itself, beside its results.
pub struct Health<'a> {
    /// Visitors per variant, control first.
    pub variants: &'a [VariantUsers],
    pub srm_p_value: f64,
    /// False when the log has none of the events the metrics count.
    pub measurable: bool,
}

/// The verdict on one experiment, its warnings and its summary.
pub struct Reading {
    pub status: ExperimentStatus,
    pub warnings: Vec<ExperimentWarning>,
    /// Plain-language sentences, most important first.
    pub summary: Vec<String>,
}

/// Reads the corrected results of all visitors (`metrics`) with the test's health.
pub fn read(metrics: &[MetricResult], health: &Health, settings: &Settings) -> Reading {
    let mut warnings = Vec::new();
    let srm = health.srm_p_value < SRM_THRESHOLD;
    if srm {
        let observed: Vec<String> =
            health.variants.iter().map(|v| format!("{} {} ({})", v.variant, v.users, pct(v.observed_share))).collect();
        warnings.push(ExperimentWarning {
            code: "srm".into(),
            message: format!(
                "Sample-ratio mismatch: the split ({}) is not the planned one (p = {:.1e}). Visitors were lost or \
                 mis-assigned, so the results cannot be trusted; find the cause before reading them.",
                observed.join(", "),
                health.srm_p_value
            ),
        });
    }
    let smallest = health.variants.iter().map(|v| v.users).min().unwrap_or(0);
    let too_early = smallest < settings.min_users;
    if too_early {
        warnings.push(ExperimentWarning {
            code: "too_early".into(),
            message: format!(
                "Too early to tell: the smallest variant has {smallest} visitors, fewer than the minimum of {}.",
                settings.min_users
            ),
        });
    }
    for r in metrics.iter().filter(|r| r.comparison.suspicious) {
        warnings.push(ExperimentWarning {
            code: "suspicious_lift".into(),
            message: format!(
                "{} of {} moved by {}: lifts that large usually mean a tracking or assignment problem.",
                r.label,
                r.variant,
                signed_pct(r.comparison.relative.estimate)
            ),
        });
    }
    let better = metrics.iter().any(|r| r.direction > 0);
    let worse = metrics.iter().any(|r| r.direction < 0);
    let status = if srm {
        ExperimentStatus::SrmWarning
    } else if too_early {
        ExperimentStatus::TooEarly
    } else if better && !worse {
        ExperimentStatus::Winner
    } else if worse && !better {
        ExperimentStatus::Loser
    } else {
        ExperimentStatus::Inconclusive
    };
    let summary = summarise(metrics, health.measurable, srm, too_early, settings);
    Reading { status, warnings, summary }
}

/// A share as a percentage: 12.3%, 4.56%.
pub fn pct(x: f64) -> String {
    let v = x * 100.0;
    if v.abs() >= 10.0 {
        format!("{v:.1}%")
    } else {
        format!("{v:.2}%")
    }
}

/// A change as a signed percentage: +12.3%, −4.56%.
pub fn signed_pct(x: f64) -> String {
    if x >= 0.0 {
        format!("+{}", pct(x))
    } else {
        format!("−{}", pct(-x))
    }
}
