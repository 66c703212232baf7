//! A/B-test statistics over sufficient statistics (no database access): the
//! comparison of a treatment with its control, the traffic-split check,
//! multiple-comparison corrections and test planning.
//!
//! The formulas follow GrowthBook's `gbstats` 0.8.0 (`models/statistics.py`,
//! `frequentist/tests.py`, `bayesian/tests.py`, `utils.py`), statsmodels and
//! scipy; `tests/oracle.rs` checks every statistic against those libraries
//! (see "Verification" below).
//!
//! # Per-variant statistics (gbstats `models/statistics.py`)
//!
//! - Proportion (`ProportionStatistic`): mean p = successes / n,
//!   variance p(1 − p) (population form, no n − 1).
//! - Mean (`SampleMeanStatistic`): mean = sum / n,
//!   variance = (sum_sq − sum² / n) / (n − 1).
//! - Ratio (`RatioStatistic`, delta method) with numerator M and denominator
//!   D per user: mean = ΣM / ΣD;
//!   cov = (Σ M·D − ΣM·ΣD / n) / (n − 1);
//!   variance = var(M)/D̄² − 2·cov·M̄/D̄³ + M̄²·var(D)/D̄⁴.
//! - CUPED (`RegressionAdjustedStatistic`, Proportion and Mean only) with a
//!   pre-period covariate X: θ = pooled cov(Y, X) / pooled var(X) over both
//!   variants (`compute_theta`; the pooled post statistic keeps the metric's
//!   kind, X is always a sample mean); each variant's adjusted mean is
//!   Ȳ − θ·X̄ and variance var(Y) + θ²·var(X) − 2θ·cov(Y, X). When θ = 0
//!   (a pooled variance is 0) the unadjusted statistics are used, as gbstats
//!   does. A ratio metric is never adjusted (gbstats 0.8 cannot either).
//!   `variance_reduction` = 1 − (v_b/n_b + v_a/n_a)_adjusted /
//!   (v_b/n_b + v_a/n_a)_unadjusted.
//!
//! [`Summary`] reports the unadjusted mean and √variance of these.
//!
//! # Frequentist (gbstats `TwoSidedTTest`, `SequentialTwoSidedTTest`)
//!
//! With a = control, b = treatment, m the (adjusted) means, u the unadjusted
//! means and v the variances above:
//! - absolute: estimate m_b − m_a, variance v_b/n_b + v_a/n_a;
//! - relative: estimate (m_b − m_a)/u_a, variance
//!   v_b/(u_a²·n_b) + v_a·u_b²/(u_a⁴·n_a) (delta method);
//! - degrees of freedom (Welch–Satterthwaite):
//!   (v_b/n_b + v_a/n_a)² / (v_b²/(n_b²(n_b − 1)) + v_a²/(n_a²(n_a − 1)));
//! - fixed-horizon interval: estimate ± t_{1−α/2, dof}·√variance;
//! - sequential interval (Waudby-Smith et al. 2023, eq. 9), N = n_a + n_b,
//!   ρ = √((−2 ln α + ln(1 − 2 ln α)) / tuning), s² = variance·N:
//!   estimate ± √s²·√(2(Nρ² + 1)·ln(√(Nρ² + 1)/α) / (Nρ)²).
//!
//! `fixed_p_value`:
//! - Proportion without CUPED: pooled two-proportion z-test,
//!   z = (p_b − p_a)/√(p̂(1 − p̂)(1/n_a + 1/n_b)), p̂ = pooled rate,
//!   p = 2·(1 − Φ(|z|)) (statsmodels `proportions_ztest`). gbstats itself
//!   uses a t-test with unpooled variances here, as does the interval
//!   (which follows gbstats), so at small n the two can disagree on a
//!   borderline result.
//! - Mean without CUPED: Welch's t-test, t = (m_b − m_a)/√(v_b/n_b + v_a/n_a)
//!   with the dof above, p = 2·P(T > |t|) (scipy `ttest_ind(equal_var=False)`,
//!   identical to gbstats' absolute `TwoSidedTTest`).
//! - Ratio: the same t-test on the delta-method variances (gbstats absolute
//!   `TwoSidedTTest`).
//! - CUPED applied: the same t-test on the adjusted means and variances
//!   (gbstats absolute `TwoSidedTTest` on `RegressionAdjustedStatistic`).
//!
//! `fixed_p_value` is the classic test of the absolute difference, kept for
//! reference. The p-value a verdict uses, `p_value`, is that of the
//! relative lift, the test whose interval (`relative`) is shown beside it,
//! so that the two always agree: p < α exactly when the 1 − α interval
//! excludes 0. (The relative variance also carries the control mean's
//! uncertainty, so this test is a little more cautious than the absolute
//! one; gbstats' own UI shows it too.)
//! - Fixed horizon: gbstats' relative `TwoSidedTTest`,
//!   p = 2·P(T > |estimate_rel|/√variance_rel) with the dof above.
//! - `settings.sequential`: gbstats' always-valid p-value of the relative
//!   lift (`SequentialTwoSidedTTest`, eq. 155): min(1, 1/e) with
//!   e = exp(ρ²·st²/(2(Nρ² + 1)))/√(Nρ² + 1) and st² = estimate²·N/variance
//!   (relative). The intervals in `absolute` and `relative` are then the
//!   sequential ones, so `p_value` and the interval agree while the
//!   experiment is watched.
//!
//! # Intervals corrected for multiple comparisons
//!
//! A corrected p-value is shown with an interval corrected the same way.
//! [`interval_alphas`] gives each result the level α·p/p̃, p̃ its adjusted
//! p-value before the cap at 1 (Holm: α/(m − j + 1) for the j-th smallest,
//! Bonferroni's α/m for the smallest; Benjamini–Hochberg: α·j/m; both unless
//! the step-down or step-up carries a neighbour's value over). [`compare_at`]
//! draws the intervals at that level (t quantile t_{1−α'/2, dof}, or the
//! sequential half-width with α' in ln(√(Nρ² + 1)/α') and ρ still computed
//! from α, since the always-valid interval holds for any ρ). Because
//! p < α·p/p̃ ⟺ p̃ < α, a corrected interval excludes 0 exactly when the
//! corrected p-value is below α.
//!
//! # Bayesian (gbstats `EffectBayesianABTest`, default settings)
//!
//! Relative effect with gbstats' default flat (improper) prior, so the
//! posterior of the lift is N(μ, σ²) with μ the relative estimate and σ² the
//! relative variance above: chance to win = 1 − Φ(−μ/σ); credible interval
//! μ + σ·Φ⁻¹(α/2), μ + σ·Φ⁻¹(1 − α/2); risk = [E max(X, 0), E max(−X, 0)]
//! with E max(X, 0) = μΦ(μ/σ) + σφ(μ/σ) (the closed form of gbstats'
//! truncated-normal `get_risk`: P(X > 0)·E[X | X > 0]). Risk is in relative
//! lift: the expected loss of choosing the control, then the treatment.
//!
//! [`verdict`] turns a comparison into Higher / Lower / Inconclusive /
//! TooFewUsers: frequentist by the corrected p-value against alpha and the
//! sign of the difference, Bayesian by chance to win above 1 − alpha or below
//! alpha — exactly when the credible interval at 1 − 2·alpha (the `credible`
//! of [`compare_at`] with 2·alpha) excludes 0.
//!
//! # Sample-ratio mismatch, corrections, planning
//!
//! - [`srm_p_value`]: Pearson's χ² = Σ (o − e)²/e with e = wᵢ/Σw · Σo,
//!   p = P(χ²_{k−1} > χ²) (gbstats `check_srm`, scipy `chisquare`).
//! - [`adjust_p_values`]: Holm and Benjamini–Hochberg exactly as statsmodels
//!   `multipletests(method="holm" | "fdr_bh")`.
//! - [`plan`]: statsmodels `NormalIndPower.solve_power` (two-sided, both
//!   tails) for effect size Cohen's h = 2·asin√(p(1 + mde)) − 2·asin√p for a
//!   conversion rate, Cohen's d = baseline·mde/sd for a mean. With n₁
//!   treatment users and r = control share / treatment share control users
//!   per treatment user, power = Φ(√n_eff·effect − z_{1−α/2}) +
//!   Φ(−√n_eff·effect − z_{1−α/2}) with n_eff = n₁r/(1 + r); n₁ is the root of
//!   power(n₁) = target, found by bisection. [`power_curve`] and
//!   [`power_at`] evaluate the same power.
//!
//! # Verification and known differences
//!
//! `tests/oracle.rs` runs `tests/oracle.py` (gbstats 0.8.0, scipy 1.13,
//! statsmodels 0.14; `scripts/oracle_venv.sh` installs them) on generated data
//! and requires |ours − theirs| ≤ 1e-6·max(|ours|, |theirs|) + 1e-10: relative
//! 1e-6, with an absolute floor of 1e-10 for values at or near 0 (p-values
//! that underflow, lifts between near-identical variants, vanishing risks),
//! where a relative error means nothing. Planned sample sizes must be equal.
//!
//! Where a library's number differs by design, the test compares with a
//! closed form instead:
//! - gbstats computes t-test p-values as 2·(1 − cdf), which cancels to 0
//!   below ~1e-16; this crate uses the survival function. Such values pass
//!   against gbstats only by the absolute floor, and are also compared, with
//!   no floor, to scipy's `t.sf` on gbstats' own t statistic and dof.
//! - The conversion-rate fixed-horizon p-value is the pooled z-test (checked
//!   against statsmodels), not gbstats' unpooled t-test.
//! - Risk uses the closed form μΦ(μ/σ) + σφ(μ/σ) rather than scipy's
//!   truncated-normal mean; they agree to ~1e-8 relative.
//! - statsmodels' `solve_power` can stop at its start value (10) when a
//!   handful of users suffice; [`plan`] bisects instead and plans at least 2
//!   users per variant, so the oracle's plans are ones where statsmodels
//!   converges (the test also checks that its answer reaches the target
//!   power).
//! - `statrs`' Student's t quantile loses accuracy at very large degrees of
//!   freedom (3e-6 relative at 200,000), so it only seeds Newton steps on the
//!   survival function (accurate to ~1e-9 there).
//!
//! Nothing here uses a Monte-Carlo estimate or a prior other than gbstats'
//! default, so no statistic needed a different reference for those reasons.

mod checks;
mod compare;
mod dist;
mod plan;
mod reading;
mod types;

pub use checks::{adjust_p_values, interval_alphas, srm_p_value};
pub use compare::{compare, compare_at, verdict};
pub use plan::{plan, power_at, power_curve};
pub use reading::{
    correct, interval_level_text, pct, read, result, signed_pct, ExperimentStatus, ExperimentWarning, Health, Made,
    MetricKind, MetricResult, Pending, Reading, VariantUsers, SRM_THRESHOLD,
};
pub use types::{
    Comparison, Correction, Covariate, Engine, Interval, MetricData, Plan, PlanInput, Settings, Summary, VariantInput,
    Verdict,
};

/// Why a statistic could not be computed, in words a merchant can act on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatsError {
    #[error("The {variant} has {users} user(s) so far; at least 2 are needed in each variant to compare.")]
    TooFewUsers { variant: &'static str, users: u64 },
    #[error(
        "Every user in the {variant} has the same value (for a conversion rate: nobody or everybody converted), \
         so there is no variation to measure yet."
    )]
    ZeroVariance { variant: &'static str },
    #[error(
        "The control's value is 0 (for a conversion rate: nobody converted yet), so a lift relative to it can't be \
         computed."
    )]
    ZeroBaseline,
    #[error("The {variant}'s denominator adds up to 0 (for example no orders yet), so the ratio is undefined.")]
    ZeroDenominator { variant: &'static str },
    #[error("The control is measured as {control} but the treatment as {treatment}; both must use the same metric.")]
    MetricMismatch { control: &'static str, treatment: &'static str },
    #[error("There are {users} user counts but {weights} planned weights; give one weight per variant.")]
    LengthMismatch { users: usize, weights: usize },
    #[error("The significance level (alpha) must be between 0 and 1, for example 0.05; got {0}.")]
    InvalidAlpha(f64),
    #[error("The power must be above the significance level and below 1, for example 0.8; got {0}.")]
    InvalidPower(f64),
    #[error("{0}")]
    InvalidInput(String),
}
