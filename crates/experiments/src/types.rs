//! Inputs, settings and results of experiment analysis and planning. The UI's
//! TypeScript types are generated from these (see the engine's bindings test).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Sufficient statistics of one metric in one variant, as gbstats takes them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MetricData {
    /// Conversion-type metric: `n` users, `successes` of them with the event
    /// (binomial).
    Proportion {
        #[ts(type = "number")]
        n: u64,
        successes: f64,
    },
    /// Per-user values: number of users, sum and sum of squares.
    Mean {
        #[ts(type = "number")]
        n: u64,
        sum: f64,
        sum_sq: f64,
    },
    /// Ratio of two per-user sums (e.g. average order value = revenue /
    /// orders), analysed with the delta method. `n` counts users; `cross_sum`
    /// is the sum over users of numerator × denominator.
    Ratio {
        #[ts(type = "number")]
        n: u64,
        num_sum: f64,
        num_sum_sq: f64,
        den_sum: f64,
        den_sum_sq: f64,
        cross_sum: f64,
    },
}

impl MetricData {
    /// Users in the variant.
    pub fn users(&self) -> u64 {
        match *self {
            MetricData::Proportion { n, .. } | MetricData::Mean { n, .. } | MetricData::Ratio { n, .. } => n,
        }
    }

    pub(crate) fn kind(&self) -> &'static str {
        match self {
            MetricData::Proportion { .. } => "a conversion rate",
            MetricData::Mean { .. } => "an average per user",
            MetricData::Ratio { .. } => "a ratio",
        }
    }
}

/// Pre-exposure covariate for CUPED (regression adjustment) of a Proportion
/// or Mean metric, over the same users as the metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Covariate {
    pub sum: f64,
    pub sum_sq: f64,
    /// Sum over users of post-exposure value × pre-exposure value.
    pub cross_sum: f64,
}

/// One variant's data for one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VariantInput {
    pub data: MetricData,
    #[serde(default)]
    pub pre: Option<Covariate>,
}

impl VariantInput {
    pub fn new(data: MetricData) -> Self {
        Self { data, pre: None }
    }

    pub fn with_pre(data: MetricData, pre: Covariate) -> Self {
        Self { data, pre: Some(pre) }
    }
}

/// Which family of statistics a verdict rests on. Both are always computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "StatsEngine")]
pub enum Engine {
    #[default]
    Frequentist,
    Bayesian,
}

/// Multiple-comparison correction of p-values across metrics and variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Correction {
    None,
    /// Holm–Bonferroni step-down (family-wise error rate).
    #[default]
    Holm,
    /// Benjamini–Hochberg step-up (false discovery rate).
    BenjaminiHochberg,
}

/// Analysis settings of an experiment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(rename = "ExperimentSettings")]
pub struct Settings {
    pub engine: Engine,
    /// Two-sided significance level; intervals are 1 − alpha.
    pub alpha: f64,
    /// Always-valid (sequential) intervals and p-value, so the results may be
    /// looked at while the experiment runs.
    pub sequential: bool,
    /// Sample size at which the sequential interval is tightest (gbstats'
    /// `sequential_tuning_parameter`).
    pub sequential_tuning: f64,
    /// Use the pre-exposure covariate when both variants have one.
    pub cuped: bool,
    pub correction: Correction,
    /// Users each variant needs before a verdict is given.
    #[ts(type = "number")]
    pub min_users: u64,
    /// A relative lift larger than this (in absolute value) is flagged as
    /// suspicious: usually a tracking or assignment problem.
    pub suspicious_lift: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            engine: Engine::Frequentist,
            alpha: 0.05,
            sequential: false,
            sequential_tuning: 5000.0,
            cuped: true,
            correction: Correction::Holm,
            min_users: 100,
            suspicious_lift: 0.5,
        }
    }
}

/// Observed metric in one variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Summary {
    #[ts(type = "number")]
    pub users: u64,
    /// Conversion rate, mean per user, or ratio of sums (not CUPED-adjusted).
    pub mean: f64,
    /// Per-user standard deviation as gbstats defines it: √(p(1−p)) for a
    /// conversion rate, the sample standard deviation for a mean, the
    /// delta-method standard deviation for a ratio.
    pub sd: f64,
    /// CUPED-adjusted mean (mean − θ × pre-period mean), when CUPED applied.
    pub adjusted_mean: Option<f64>,
}

/// A point estimate with a two-sided interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Interval {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
}

/// Treatment against control for one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comparison {
    pub control: Summary,
    pub treatment: Summary,
    /// Treatment − control with its confidence interval (always-valid when
    /// `settings.sequential`).
    pub absolute: Interval,
    /// Relative lift (treatment − control) / control with its delta-method
    /// confidence interval (always-valid when `settings.sequential`).
    pub relative: Interval,
    /// The p-value a verdict uses: the test of the relative lift whose
    /// interval is `relative` (gbstats' relative t-test, or its always-valid
    /// sequential test when `settings.sequential`), so it is below alpha
    /// exactly when `relative` excludes 0. Not yet corrected for multiple
    /// comparisons (see `adjust_p_values` and `interval_alphas`).
    pub p_value: f64,
    /// The classic fixed-horizon test of the absolute difference, for
    /// reference: two-proportion z-test for a conversion rate, Welch's t-test
    /// for a mean, delta-method t-test for a ratio, Welch's t-test on the
    /// adjusted values when CUPED applied.
    pub fixed_p_value: f64,
    /// Posterior probability that the treatment's relative lift is above 0.
    pub chance_to_win: f64,
    /// Expected loss in relative lift of choosing control / treatment.
    pub risk: [f64; 2],
    /// Bayesian credible interval of the relative lift.
    pub credible: Interval,
    /// CUPED: 1 − adjusted / unadjusted variance of the difference, when
    /// applied.
    pub variance_reduction: Option<f64>,
    /// |relative lift| > `settings.suspicious_lift`.
    pub suspicious: bool,
    /// Both variants have at least `settings.min_users` users.
    pub enough_users: bool,
}

/// Outcome of one comparison for the merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// A variant has fewer than `settings.min_users` users.
    TooFewUsers,
    /// The treatment's metric is clearly higher than the control's.
    Higher,
    /// The treatment's metric is clearly lower than the control's.
    Lower,
    /// No clear difference yet.
    Inconclusive,
}

/// Test planning input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlanInput {
    /// Control's conversion rate (0..1) or mean per user.
    pub baseline: f64,
    /// Per-user standard deviation of a mean metric; `None` for a conversion
    /// rate.
    pub sd: Option<f64>,
    /// Smallest relative lift worth detecting, e.g. 0.05 for +5 %.
    pub mde_relative: f64,
    /// Two-sided significance level of each treatment-vs-control test.
    pub alpha: f64,
    /// Probability of detecting a true lift of `mde_relative`.
    pub power: f64,
    /// Number of variants including the control (at least 2).
    pub variants: u32,
    /// Share of traffic sent to the control; the rest is split evenly.
    pub control_share: f64,
    /// Visitors per day entering the experiment (all variants together).
    pub daily_visitors: f64,
}

/// Users needed and how long the test runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Plan {
    /// Control first, then each treatment.
    #[ts(type = "Array<number>")]
    pub users_per_variant: Vec<u64>,
    #[ts(type = "number")]
    pub total_users: u64,
    pub days: f64,
    /// Standardised effect: Cohen's h (2·asin√p₂ − 2·asin√p₁) for a conversion
    /// rate, Cohen's d (baseline × mde / sd) for a mean. Absolute value.
    pub effect_size: f64,
}
