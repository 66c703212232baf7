//! Treatment-vs-control comparison of one metric with gbstats 0.8's formulas:
//! per-variant statistics, CUPED, fixed-horizon and sequential intervals and
//! p-values, Bayesian chance to win, risk and credible interval.

use crate::dist::{norm_ppf, norm_sf, positive_part_mean, t_isf, t_sf};
use crate::types::{Comparison, Covariate, Engine, Interval, MetricData, Settings, Summary, VariantInput, Verdict};
use crate::StatsError;

const CONTROL: &str = "control";
const TREATMENT: &str = "treatment";

/// gbstats' `ProportionStatistic` / `SampleMeanStatistic`.
#[derive(Debug, Clone, Copy)]
struct Base {
    n: f64,
    sum: f64,
    sum_sq: f64,
    proportion: bool,
}

impl Base {
    fn mean(&self) -> f64 {
        self.sum / self.n
    }

    fn variance(&self) -> f64 {
        if self.proportion {
            let p = self.mean();
            p * (1.0 - p)
        } else {
            (self.sum_sq - self.sum.powi(2) / self.n) / (self.n - 1.0)
        }
    }

    fn pre(n: f64, c: &Covariate) -> Base {
        Base { n, sum: c.sum, sum_sq: c.sum_sq, proportion: false }
    }
}

/// What the tests need of one variant's statistic.
#[derive(Debug, Clone, Copy)]
struct Moments {
    n: f64,
    /// CUPED-adjusted when CUPED applies.
    mean: f64,
    variance: f64,
    unadjusted_mean: f64,
    unadjusted_variance: f64,
}

fn base_of(data: &MetricData) -> Option<Base> {
    match *data {
        MetricData::Proportion { n, successes } => {
            Some(Base { n: n as f64, sum: successes, sum_sq: successes, proportion: true })
        }
        MetricData::Mean { n, sum, sum_sq } => Some(Base { n: n as f64, sum, sum_sq, proportion: false }),
        MetricData::Ratio { .. } => None,
    }
}

/// gbstats' `RatioStatistic` (delta method) or the plain statistic.
fn plain_moments(data: &MetricData) -> Moments {
    let (n, mean, variance) = match *data {
        MetricData::Ratio { n, num_sum, num_sum_sq, den_sum, den_sum_sq, cross_sum } => {
            let n = n as f64;
            let m = Base { n, sum: num_sum, sum_sq: num_sum_sq, proportion: false };
            let d = Base { n, sum: den_sum, sum_sq: den_sum_sq, proportion: false };
            let covariance = (cross_sum - m.sum * d.sum / n) / (n - 1.0);
            let variance = m.variance() / d.mean().powi(2) - 2.0 * covariance * m.mean() / d.mean().powi(3)
                + m.mean().powi(2) * d.variance() / d.mean().powi(4);
            (n, m.sum / d.sum, variance)
        }
        _ => {
            let b = base_of(data).expect("proportion or mean");
            (b.n, b.mean(), b.variance())
        }
    };
    Moments { n, mean, variance, unadjusted_mean: mean, unadjusted_variance: variance }
}

/// gbstats' `compute_theta`: the regression slope of post on pre over both
/// variants pooled; 0 when either pooled variance is 0.
fn theta(a: &Base, pa: &Covariate, b: &Base, pb: &Covariate) -> f64 {
    let n = a.n + b.n;
    let post = Base { n, sum: a.sum + b.sum, sum_sq: a.sum_sq + b.sum_sq, proportion: a.proportion };
    let pre = Base { n, sum: pa.sum + pb.sum, sum_sq: pa.sum_sq + pb.sum_sq, proportion: false };
    if pre.variance() == 0.0 || post.variance() == 0.0 {
        return 0.0;
    }
    let covariance = (pa.cross_sum + pb.cross_sum - post.sum * pre.sum / n) / (n - 1.0);
    covariance / pre.variance()
}

/// gbstats' `RegressionAdjustedStatistic`.
fn adjusted_moments(post: &Base, c: &Covariate, theta: f64) -> Moments {
    let pre = Base::pre(post.n, c);
    let covariance = (c.cross_sum - post.sum * pre.sum / post.n) / (post.n - 1.0);
    Moments {
        n: post.n,
        mean: post.mean() - theta * pre.mean(),
        variance: post.variance() + theta.powi(2) * pre.variance() - 2.0 * theta * covariance,
        unadjusted_mean: post.mean(),
        unadjusted_variance: post.variance(),
    }
}

fn finite(variant: &'static str, what: &str, values: &[f64]) -> Result<(), StatsError> {
    if values.iter().all(|v| v.is_finite()) {
        Ok(())
    } else {
        Err(StatsError::InvalidInput(format!("The {variant}'s {what} contain a value that is not a number.")))
    }
}

fn validate(variant: &'static str, input: &VariantInput) -> Result<(), StatsError> {
    let users = input.data.users();
    if users < 2 {
        return Err(StatsError::TooFewUsers { variant, users });
    }
    match input.data {
        MetricData::Proportion { n, successes } => {
            finite(variant, "conversions", &[successes])?;
            if successes < 0.0 || successes > n as f64 {
                return Err(StatsError::InvalidInput(format!(
                    "The {variant} has {successes} conversions among {n} users; conversions must be between 0 and the \
                     number of users."
                )));
            }
        }
        MetricData::Mean { sum, sum_sq, .. } => {
            finite(variant, "totals", &[sum, sum_sq])?;
            if sum_sq < 0.0 {
                return Err(StatsError::InvalidInput(format!("The {variant}'s sum of squares is negative.")));
            }
        }
        MetricData::Ratio { num_sum, num_sum_sq, den_sum, den_sum_sq, cross_sum, .. } => {
            finite(variant, "totals", &[num_sum, num_sum_sq, den_sum, den_sum_sq, cross_sum])?;
            if num_sum_sq < 0.0 || den_sum_sq < 0.0 {
                return Err(StatsError::InvalidInput(format!("The {variant}'s sum of squares is negative.")));
            }
            if den_sum == 0.0 {
                return Err(StatsError::ZeroDenominator { variant });
            }
        }
    }
    if let Some(pre) = &input.pre {
        finite(variant, "pre-period totals", &[pre.sum, pre.sum_sq, pre.cross_sum])?;
        if pre.sum_sq < 0.0 {
            return Err(StatsError::InvalidInput(format!("The {variant}'s pre-period sum of squares is negative.")));
        }
    }
    Ok(())
}

fn validate_settings(settings: &Settings) -> Result<(), StatsError> {
    if !(settings.alpha > 0.0 && settings.alpha < 1.0) {
        return Err(StatsError::InvalidAlpha(settings.alpha));
    }
    if settings.sequential && !(settings.sequential_tuning > 0.0 && settings.sequential_tuning.is_finite()) {
        return Err(StatsError::InvalidInput(format!(
            "The sequential tuning sample size must be a positive number of users; got {}.",
            settings.sequential_tuning
        )));
    }
    if settings.suspicious_lift.is_nan() || settings.suspicious_lift < 0.0 {
        return Err(StatsError::InvalidInput(format!(
            "The suspicious-lift threshold must be 0 or more; got {}.",
            settings.suspicious_lift
        )));
    }
    Ok(())
}

/// Both variants' moments, and CUPED's variance reduction when it applied.
fn moments(control: &VariantInput, treatment: &VariantInput, cuped: bool) -> (Moments, Moments, Option<f64>) {
    let plain = (plain_moments(&control.data), plain_moments(&treatment.data));
    let (Some(a), Some(b), Some(pa), Some(pb), true) =
        (base_of(&control.data), base_of(&treatment.data), control.pre.as_ref(), treatment.pre.as_ref(), cuped)
    else {
        return (plain.0, plain.1, None);
    };
    let theta = theta(&a, pa, &b, pb);
    if theta == 0.0 {
        // gbstats falls back to the unadjusted statistics.
        return (plain.0, plain.1, None);
    }
    let (ma, mb) = (adjusted_moments(&a, pa, theta), adjusted_moments(&b, pb, theta));
    let adjusted = mb.variance / mb.n + ma.variance / ma.n;
    let unadjusted = mb.unadjusted_variance / mb.n + ma.unadjusted_variance / ma.n;
    (ma, mb, Some(1.0 - adjusted / unadjusted))
}

fn summary(m: &Moments, users: u64, adjusted: bool) -> Summary {
    Summary {
        users,
        mean: m.unadjusted_mean,
        sd: if m.unadjusted_variance <= 0.0 { 0.0 } else { m.unadjusted_variance.sqrt() },
        adjusted_mean: adjusted.then_some(m.mean),
    }
}

/// Half-width of the always-valid interval (gbstats
/// `SequentialTwoSidedTTest`, Waudby-Smith et al. eq. 9).
fn sequential_half_width(variance: f64, n_total: f64, alpha: f64, rho: f64) -> f64 {
    let s2 = variance * n_total;
    let nr2 = n_total * rho.powi(2);
    s2.sqrt() * ((2.0 * (nr2 + 1.0)) * ((nr2 + 1.0).sqrt() / alpha).ln() / (n_total * rho).powi(2)).sqrt()
}

/// Compares a treatment with the control on one metric.
///
/// Both variants must carry the same kind of [`MetricData`]. See the crate
/// documentation for the formula behind every field.
pub fn compare(
    control: &VariantInput,
    treatment: &VariantInput,
    settings: &Settings,
) -> Result<Comparison, StatsError> {
    compare_at(control, treatment, settings, settings.alpha)
}

/// [`compare`] with the intervals (absolute, relative and credible) drawn
/// at level 1 − `interval_alpha` instead of 1 − `settings.alpha`: the level
/// [`crate::interval_alphas`] gives for a result corrected for multiple
/// comparisons. The p-values, and the sequential tuning ρ (computed from
/// `settings.alpha`), are those of `compare`, so the relative interval
/// excludes 0 exactly when `p_value` is below `interval_alpha`.
pub fn compare_at(
    control: &VariantInput,
    treatment: &VariantInput,
    settings: &Settings,
    interval_alpha: f64,
) -> Result<Comparison, StatsError> {
    validate_settings(settings)?;
    if !(interval_alpha > 0.0 && interval_alpha < 1.0) {
        return Err(StatsError::InvalidAlpha(interval_alpha));
    }
    validate(CONTROL, control)?;
    validate(TREATMENT, treatment)?;
    if std::mem::discriminant(&control.data) != std::mem::discriminant(&treatment.data) {
        return Err(StatsError::MetricMismatch { control: control.data.kind(), treatment: treatment.data.kind() });
    }

    let (a, b, variance_reduction) = moments(control, treatment, settings.cuped);
    let adjusted = variance_reduction.is_some();
    if a.mean == 0.0 || a.unadjusted_mean == 0.0 {
        return Err(StatsError::ZeroBaseline);
    }
    for (variant, m) in [(CONTROL, &a), (TREATMENT, &b)] {
        if !(m.variance.is_finite() && m.variance > 0.0) {
            return Err(StatsError::ZeroVariance { variant });
        }
    }

    // gbstats `frequentist_diff` / `frequentist_variance`.
    let var_abs = b.variance / b.n + a.variance / a.n;
    let est_abs = b.mean - a.mean;
    let (ua, ub) = (a.unadjusted_mean, b.unadjusted_mean);
    let var_rel = b.variance / (ua.powi(2) * b.n) + a.variance * ub.powi(2) / (ua.powi(4) * a.n);
    let est_rel = (b.mean - a.mean) / ua;
    // Welch–Satterthwaite degrees of freedom (gbstats `TTest.dof`).
    let dof = (b.variance / b.n + a.variance / a.n).powi(2)
        / (b.variance.powi(2) / (b.n.powi(2) * (b.n - 1.0)) + a.variance.powi(2) / (a.n.powi(2) * (a.n - 1.0)));

    let fixed_p_value = match (&control.data, &treatment.data, adjusted) {
        (MetricData::Proportion { n: na, successes: sa }, MetricData::Proportion { n: nb, successes: sb }, false) => {
            // Pooled two-proportion z-test (statsmodels `proportions_ztest`).
            let (na, nb) = (*na as f64, *nb as f64);
            let pooled = (sa + sb) / (na + nb);
            let se = (pooled * (1.0 - pooled) * (1.0 / na + 1.0 / nb)).sqrt();
            let z = (sb / nb - sa / na) / se;
            2.0 * norm_sf(z.abs())
        }
        _ => 2.0 * t_sf((est_abs / var_abs.sqrt()).abs(), dof),
    }
    .min(1.0);

    let alpha = settings.alpha;
    let level = interval_alpha;
    let (half_abs, half_rel, p_value) = if settings.sequential {
        let n_total = a.n + b.n;
        let rho = ((-2.0 * alpha.ln() + (-2.0 * alpha.ln() + 1.0).ln()) / settings.sequential_tuning).sqrt();
        // gbstats `SequentialTwoSidedTTest.p_value` (eq. 155) of the
        // relative lift, the test of the relative interval shown beside it,
        // with the e-value kept in logs.
        let st2 = est_rel.powi(2) * n_total / var_rel;
        let tr2p1 = n_total * rho.powi(2) + 1.0;
        let log_evalue = rho.powi(2) * st2 / (2.0 * tr2p1) - 0.5 * tr2p1.ln();
        let p = (-log_evalue).exp().min(1.0);
        (sequential_half_width(var_abs, n_total, level, rho), sequential_half_width(var_rel, n_total, level, rho), p)
    } else {
        // gbstats' relative `TwoSidedTTest` p-value, through the survival function.
        let p = (2.0 * t_sf((est_rel / var_rel.sqrt()).abs(), dof)).min(1.0);
        let t = t_isf(level / 2.0, dof);
        (t * var_abs.sqrt(), t * var_rel.sqrt(), p)
    };

    // gbstats `EffectBayesianABTest`, relative effect, flat prior.
    let sd_rel = var_rel.sqrt();
    let chance_to_win = norm_sf(-est_rel / sd_rel);
    let credible = Interval {
        estimate: est_rel,
        lower: est_rel + sd_rel * norm_ppf(level / 2.0),
        upper: est_rel + sd_rel * norm_ppf(1.0 - level / 2.0),
    };
    let risk = [positive_part_mean(est_rel, sd_rel), positive_part_mean(-est_rel, sd_rel)];

    let (users_a, users_b) = (control.data.users(), treatment.data.users());
    Ok(Comparison {
        control: summary(&a, users_a, adjusted),
        treatment: summary(&b, users_b, adjusted),
        absolute: Interval { estimate: est_abs, lower: est_abs - half_abs, upper: est_abs + half_abs },
        relative: Interval { estimate: est_rel, lower: est_rel - half_rel, upper: est_rel + half_rel },
        p_value,
        fixed_p_value,
        chance_to_win,
        risk,
        credible,
        variance_reduction,
        suspicious: est_rel.abs() > settings.suspicious_lift,
        enough_users: users_a >= settings.min_users && users_b >= settings.min_users,
    })
}

/// The verdict on one comparison: frequentist uses `adjusted_p_value` (the
/// comparison's `p_value` after [`crate::adjust_p_values`] over all the
/// experiment's comparisons) against `settings.alpha`; Bayesian calls a
/// variant clearly higher when its chance to win exceeds 1 − alpha and
/// clearly lower when it is below alpha (and ignores `adjusted_p_value`).
pub fn verdict(comparison: &Comparison, adjusted_p_value: f64, settings: &Settings) -> Verdict {
    if !comparison.enough_users {
        return Verdict::TooFewUsers;
    }
    let direction = |up: bool, down: bool| match (up, down) {
        (true, _) => Verdict::Higher,
        (_, true) => Verdict::Lower,
        _ => Verdict::Inconclusive,
    };
    match settings.engine {
        Engine::Frequentist => {
            let significant = adjusted_p_value < settings.alpha;
            direction(
                significant && comparison.absolute.estimate > 0.0,
                significant && comparison.absolute.estimate < 0.0,
            )
        }
        Engine::Bayesian => {
            direction(comparison.chance_to_win > 1.0 - settings.alpha, comparison.chance_to_win < settings.alpha)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prop(n: u64, successes: f64) -> VariantInput {
        VariantInput::new(MetricData::Proportion { n, successes })
    }

    fn mean_of(values: &[f64]) -> VariantInput {
        VariantInput::new(MetricData::Mean {
            n: values.len() as u64,
            sum: values.iter().sum(),
            sum_sq: values.iter().map(|v| v * v).sum(),
        })
    }

    #[test]
    fn identical_variants_give_p_one_and_even_odds() {
        let s = Settings::default();
        let c = compare(&prop(1000, 100.0), &prop(1000, 100.0), &s).unwrap();
        assert!((c.p_value - 1.0).abs() < 1e-12);
        assert_eq!(c.absolute.estimate, 0.0);
        assert!((c.chance_to_win - 0.5).abs() < 1e-12);
        assert!((c.risk[0] - c.risk[1]).abs() < 1e-15);
        assert!(c.relative.lower < 0.0 && c.relative.upper > 0.0);
        assert!(!c.suspicious && c.enough_users);
        assert_eq!(verdict(&c, c.p_value, &s), Verdict::Inconclusive);

        let values: Vec<f64> = (0..50).map(|i| (i % 7) as f64 * 3.5).collect();
        let m = compare(&mean_of(&values), &mean_of(&values), &s).unwrap();
        assert!((m.p_value - 1.0).abs() < 1e-12);
        assert!((m.control.sd - m.treatment.sd).abs() < 1e-12);
    }

    #[test]
    fn tiny_and_degenerate_inputs_are_explained() {
        let s = Settings::default();
        let err = compare(&prop(1, 0.0), &prop(100, 3.0), &s).unwrap_err();
        assert_eq!(err, StatsError::TooFewUsers { variant: "control", users: 1 });
        assert!(err.to_string().contains("at least 2"));
        // Nobody converted anywhere: the baseline is 0.
        assert_eq!(compare(&prop(500, 0.0), &prop(500, 0.0), &s).unwrap_err(), StatsError::ZeroBaseline);
        // Nobody converted in the treatment: no spread there.
        assert_eq!(
            compare(&prop(500, 10.0), &prop(500, 0.0), &s).unwrap_err(),
            StatsError::ZeroVariance { variant: "treatment" }
        );
        // Everybody converted in the control.
        assert_eq!(
            compare(&prop(500, 500.0), &prop(500, 20.0), &s).unwrap_err(),
            StatsError::ZeroVariance { variant: "control" }
        );
        assert!(matches!(compare(&prop(10, 11.0), &prop(10, 1.0), &s), Err(StatsError::InvalidInput(_))));
        let same = mean_of(&[4.0, 4.0, 4.0]);
        assert_eq!(compare(&same, &same, &s).unwrap_err(), StatsError::ZeroVariance { variant: "control" });
        assert!(matches!(compare(&prop(10, 1.0), &mean_of(&[1.0, 2.0]), &s), Err(StatsError::MetricMismatch { .. })));
        let bad = Settings { alpha: 1.5, ..Settings::default() };
        assert_eq!(compare(&prop(10, 1.0), &prop(10, 2.0), &bad).unwrap_err(), StatsError::InvalidAlpha(1.5));
        let no_orders = VariantInput::new(MetricData::Ratio {
            n: 10,
            num_sum: 0.0,
            num_sum_sq: 0.0,
            den_sum: 0.0,
            den_sum_sq: 0.0,
            cross_sum: 0.0,
        });
        assert_eq!(
            compare(&no_orders, &no_orders, &s).unwrap_err(),
            StatsError::ZeroDenominator { variant: "control" }
        );
    }

    #[test]
    fn smallest_possible_sample_still_compares() {
        let s = Settings::default();
        let c = compare(&mean_of(&[1.0, 3.0]), &mean_of(&[2.0, 6.0]), &s).unwrap();
        assert!(c.p_value > 0.2 && c.p_value < 1.0);
        assert!(!c.enough_users);
        assert_eq!(verdict(&c, 0.0, &s), Verdict::TooFewUsers);
        assert!(c.suspicious, "a doubling is flagged");
    }

    #[test]
    fn proportion_z_test_matches_a_hand_computation() {
        // 100/1000 vs 130/1000: pooled p = 0.115, se = sqrt(.115 * .885 * .002).
        let c = compare(&prop(1000, 100.0), &prop(1000, 130.0), &Settings::default()).unwrap();
        // z = 2.102740605622114; scipy: 2 * norm.sf(z) = 0.03548845046647471.
        assert!((c.fixed_p_value / 0.035_488_450_466_474_71 - 1.0).abs() < 1e-9, "{}", c.fixed_p_value);
        assert!((c.relative.estimate - 0.3).abs() < 1e-12);
        assert!(c.chance_to_win > 0.96 && c.chance_to_win < 0.97, "{}", c.chance_to_win);
        assert_eq!(verdict(&c, c.fixed_p_value, &Settings::default()), Verdict::Higher);
        let holm_two = crate::adjust_p_values(&[c.fixed_p_value, 0.5], crate::Correction::Holm)[0];
        assert_eq!(verdict(&c, holm_two, &Settings::default()), Verdict::Inconclusive);
        // The relative lift's own test carries the control's uncertainty too:
        // +30% on 100 conversions is not significant, and its interval says so.
        assert!(c.p_value > 0.05 && c.relative.lower < 0.0, "{} {:?}", c.p_value, c.relative);
    }

    #[test]
    fn the_p_value_and_the_relative_interval_agree_at_every_level() {
        for sequential in [false, true] {
            let s = Settings { sequential, ..Settings::default() };
            for (successes, alpha) in (480..760).step_by(7).flat_map(|k| [(k, 0.05), (k, 0.01), (k, 0.0125)]) {
                let (a, b) = (prop(5000, 500.0), prop(5000, successes as f64));
                let c = compare_at(&a, &b, &s, alpha).unwrap();
                let excludes = c.relative.lower > 0.0 || c.relative.upper < 0.0;
                assert_eq!(c.p_value < alpha, excludes, "sequential {sequential}, {successes}, {alpha}: {c:?}");
                // The p-value and ρ do not move with the interval's level.
                assert_eq!(c.p_value, compare(&a, &b, &s).unwrap().p_value);
            }
        }
    }

    #[test]
    fn cuped_reduces_variance_with_a_correlated_covariate() {
        let pre = |v: &[f64]| v.iter().map(|x| x * 0.8 + 1.0).collect::<Vec<f64>>();
        let post_a: Vec<f64> = (0..200).map(|i| ((i * 37) % 101) as f64).collect();
        let post_b: Vec<f64> = (0..200).map(|i| ((i * 53) % 103) as f64 + 2.0).collect();
        let with_pre = |post: &[f64]| {
            let p = pre(post);
            let noisy: Vec<f64> = p.iter().enumerate().map(|(i, x)| x + ((i * 7) % 11) as f64).collect();
            VariantInput::with_pre(
                mean_of(post).data,
                Covariate {
                    sum: noisy.iter().sum(),
                    sum_sq: noisy.iter().map(|x| x * x).sum(),
                    cross_sum: noisy.iter().zip(post).map(|(x, y)| x * y).sum(),
                },
            )
        };
        let (a, b) = (with_pre(&post_a), with_pre(&post_b));
        let on = compare(&a, &b, &Settings::default()).unwrap();
        let off = compare(&a, &b, &Settings { cuped: false, ..Settings::default() }).unwrap();
        let r = on.variance_reduction.unwrap();
        assert!(r > 0.5 && r < 1.0, "{r}");
        assert!(off.variance_reduction.is_none());
        assert!(on.absolute.upper - on.absolute.lower < off.absolute.upper - off.absolute.lower);
        assert!(on.control.adjusted_mean.is_some() && off.control.adjusted_mean.is_none());
        assert_eq!(on.control.mean, off.control.mean);
    }

    #[test]
    fn sequential_intervals_are_wider_and_p_is_always_valid() {
        let fixed = Settings::default();
        let seq = Settings { sequential: true, ..Settings::default() };
        let (a, b) = (prop(5000, 500.0), prop(5000, 560.0));
        let f = compare(&a, &b, &fixed).unwrap();
        let s = compare(&a, &b, &seq).unwrap();
        assert!(s.absolute.upper - s.absolute.lower > f.absolute.upper - f.absolute.lower);
        assert!(s.p_value >= f.p_value);
        assert_eq!(s.fixed_p_value, f.fixed_p_value);
        assert_eq!(compare(&a, &a, &seq).unwrap().p_value, 1.0);
    }

    #[test]
    fn settings_deserialise_with_defaults() {
        let s: Settings =
            serde_json::from_str(r#"{"engine": "bayesian", "correction": "benjamini_hochberg"}"#).unwrap();
        assert_eq!(
            s,
            Settings {
                engine: Engine::Bayesian,
                correction: crate::Correction::BenjaminiHochberg,
                ..Default::default()
            }
        );
        let input: VariantInput =
            serde_json::from_str(r#"{"data": {"kind": "proportion", "n": 10, "successes": 2}}"#).unwrap();
        assert_eq!(input, prop(10, 2.0));
    }
}
