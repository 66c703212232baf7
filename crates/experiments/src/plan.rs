//! Test planning: users per variant to detect a relative lift with a given
//! power, the days that takes, and the power curve behind the planning chart.

use crate::dist::{norm_cdf, norm_ppf, norm_sf};
use crate::types::{Plan, PlanInput};
use crate::StatsError;

/// What the power formula needs, derived from a validated [`PlanInput`].
struct Design {
    /// |Cohen's h| or |Cohen's d|.
    effect: f64,
    /// z_{1−alpha/2}.
    crit: f64,
    /// Share of traffic to each treatment.
    treatment_share: f64,
    /// Control users per treatment user.
    ratio: f64,
}

impl Design {
    fn new(input: &PlanInput) -> Result<Design, StatsError> {
        let PlanInput { baseline, sd, mde_relative, alpha, power, variants, control_share, daily_visitors } = *input;
        if !(alpha > 0.0 && alpha < 1.0) {
            return Err(StatsError::InvalidAlpha(alpha));
        }
        if !(power > alpha && power < 1.0) {
            return Err(StatsError::InvalidPower(power));
        }
        if variants < 2 {
            return Err(StatsError::InvalidInput(format!(
                "A test needs a control and at least one treatment; got {variants} variant(s)."
            )));
        }
        if !(control_share > 0.0 && control_share < 1.0) {
            return Err(StatsError::InvalidInput(format!(
                "The control's share of traffic must be between 0 and 1; got {control_share}."
            )));
        }
        if !(daily_visitors > 0.0 && daily_visitors.is_finite()) {
            return Err(StatsError::InvalidInput(format!(
                "Daily visitors must be a positive number; got {daily_visitors}."
            )));
        }
        if !(mde_relative.is_finite() && mde_relative != 0.0 && mde_relative > -1.0) {
            return Err(StatsError::InvalidInput(format!(
                "The lift to detect must be a non-zero change above −100 %; got {mde_relative}."
            )));
        }
        let effect = match sd {
            None => {
                let treated = baseline * (1.0 + mde_relative);
                if !(baseline > 0.0 && baseline < 1.0) {
                    return Err(StatsError::InvalidInput(format!(
                        "A baseline conversion rate must be between 0 and 1 (e.g. 0.03 for 3 %); got {baseline}."
                    )));
                }
                if !(treated > 0.0 && treated < 1.0) {
                    return Err(StatsError::InvalidInput(format!(
                        "A {:.1} % lift on a {:.1} % conversion rate would be {:.1} %, which is not a rate.",
                        mde_relative * 100.0,
                        baseline * 100.0,
                        treated * 100.0
                    )));
                }
                // statsmodels `proportion_effectsize(treated, baseline)`.
                2.0 * treated.sqrt().asin() - 2.0 * baseline.sqrt().asin()
            }
            Some(sd) => {
                if !(sd > 0.0 && sd.is_finite()) {
                    return Err(StatsError::InvalidInput(format!(
                        "The standard deviation per user must be above 0; got {sd}."
                    )));
                }
                if !(baseline.is_finite() && baseline != 0.0) {
                    return Err(StatsError::InvalidInput(format!(
                        "The baseline average must be a non-zero number; got {baseline}."
                    )));
                }
                baseline * mde_relative / sd
            }
        }
        .abs();
        let treatment_share = (1.0 - control_share) / f64::from(variants - 1);
        Ok(Design { effect, crit: -norm_ppf(alpha / 2.0), treatment_share, ratio: control_share / treatment_share })
    }

    /// statsmodels `NormalIndPower.power`: two-sided z-test power with
    /// `nobs1` treatment users and `ratio × nobs1` control users.
    fn power(&self, nobs1: f64) -> f64 {
        let nobs = 1.0 / (1.0 / nobs1 + 1.0 / (nobs1 * self.ratio));
        self.power_effective(nobs.sqrt())
    }

    fn power_effective(&self, sqrt_nobs: f64) -> f64 {
        let shift = self.effect * sqrt_nobs;
        norm_sf(self.crit - shift) + norm_cdf(-self.crit - shift)
    }

    /// Treatment users (real-valued) at which the power reaches `power`.
    fn treatment_users(&self, power: f64) -> f64 {
        // Without the far tail, √n_eff = (z_{1−α/2} + z_power) / effect; the
        // far tail only adds power, so the root lies in [0, that].
        let mut hi = (self.crit + norm_ppf(power)) / self.effect;
        let mut lo = 0.0;
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if self.power_effective(mid) < power {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        let nobs = (0.5 * (lo + hi)).powi(2);
        // n_eff = n₁·r / (1 + r).
        nobs * (1.0 + self.ratio) / self.ratio
    }
}

/// Users per variant needed for a two-sided test at `alpha` to detect
/// `mde_relative` with probability `power` (statsmodels
/// `NormalIndPower.solve_power` with Cohen's h or d; see the crate docs),
/// each treatment compared with the control. The control gets
/// `ceil(n₁ × ratio)`, each treatment `ceil(n₁)`, each at least 2; `days` =
/// total users / daily visitors.
pub fn plan(input: &PlanInput) -> Result<Plan, StatsError> {
    let design = Design::new(input)?;
    let n1 = design.treatment_users(input.power);
    if !n1.is_finite() || n1 > 1e15 {
        return Err(StatsError::InvalidInput(
            "The lift to detect is too small for any realistic number of visitors.".to_string(),
        ));
    }
    // Two users per variant at the very least: a comparison needs them.
    let treatment = (n1.ceil() as u64).max(2);
    let control = ((n1 * design.ratio).ceil() as u64).max(2);
    let mut users_per_variant = vec![control];
    users_per_variant.extend(std::iter::repeat_n(treatment, (input.variants - 1) as usize));
    let total_users: u64 = users_per_variant.iter().sum();
    Ok(Plan {
        users_per_variant,
        total_users,
        days: total_users as f64 / input.daily_visitors,
        effect_size: design.effect,
    })
}

/// Power against total users for the planning chart: `points` evenly spaced
/// totals from 2 × planned total / `points` up to 2 × the planned total, each
/// split by the planned shares (real-valued users per variant).
pub fn power_curve(input: &PlanInput, points: usize) -> Result<Vec<(u64, f64)>, StatsError> {
    if !(2..=10_000).contains(&points) {
        return Err(StatsError::InvalidInput(format!("A power curve needs 2 to 10000 points; got {points}.")));
    }
    let design = Design::new(input)?;
    let planned = plan(input)?.total_users as f64;
    Ok((1..=points)
        .map(|i| {
            let total = (2.0 * planned * i as f64 / points as f64).ceil().max(2.0);
            (total as u64, power_at_total(&design, total))
        })
        .collect())
}

fn power_at_total(design: &Design, total: f64) -> f64 {
    design.power(total * design.treatment_share)
}

/// Power of one treatment-vs-control test when `total_users` enter the
/// experiment, split as the plan says.
pub fn power_at(input: &PlanInput, total_users: u64) -> Result<f64, StatsError> {
    let design = Design::new(input)?;
    Ok(power_at_total(&design, total_users as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conversion() -> PlanInput {
        PlanInput {
            baseline: 0.05,
            sd: None,
            mde_relative: 0.1,
            alpha: 0.05,
            power: 0.8,
            variants: 2,
            control_share: 0.5,
            daily_visitors: 1000.0,
        }
    }

    #[test]
    fn a_classic_conversion_plan() {
        // h = 2·asin√0.055 − 2·asin√0.05 ≈ 0.022572; n = ((1.95996 + 0.84162)/h)²·2 ≈ 30,815
        // per variant (the far tail changes nothing at this size).
        let p = plan(&conversion()).unwrap();
        assert_eq!(p.users_per_variant.len(), 2);
        assert_eq!(p.users_per_variant[0], p.users_per_variant[1]);
        let n = p.users_per_variant[0] as f64;
        let closed = ((1.959_963_984_540_054 + 0.841_621_233_572_914_5) / p.effect_size).powi(2) * 2.0;
        assert!((n - closed.ceil()).abs() <= 1.0, "{n} vs {closed}");
        assert!((p.days - p.total_users as f64 / 1000.0).abs() < 1e-12);
        assert!((power_at(&conversion(), p.total_users).unwrap() - 0.8).abs() < 1e-4);
    }

    #[test]
    fn uneven_splits_and_more_variants_need_more_users() {
        let even = plan(&conversion()).unwrap();
        let skewed = plan(&PlanInput { control_share: 0.8, ..conversion() }).unwrap();
        assert!(skewed.total_users > even.total_users);
        let three = plan(&PlanInput { variants: 3, control_share: 1.0 / 3.0, ..conversion() }).unwrap();
        assert_eq!(three.users_per_variant.len(), 3);
        assert!(three.total_users > even.total_users);
        let mean = plan(&PlanInput { baseline: 40.0, sd: Some(60.0), mde_relative: -0.05, ..conversion() }).unwrap();
        assert!((mean.effect_size - 40.0 * 0.05 / 60.0).abs() < 1e-15);
    }

    #[test]
    fn power_curve_rises_through_the_target() {
        let curve = power_curve(&conversion(), 20).unwrap();
        assert_eq!(curve.len(), 20);
        assert!(curve.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
        assert!((curve[9].1 - 0.8).abs() < 1e-3, "{:?}", curve[9]);
        assert!(curve[0].1 > 0.05 && curve[19].1 > 0.97);
    }

    #[test]
    fn invalid_plans_are_explained() {
        assert_eq!(plan(&PlanInput { alpha: 0.0, ..conversion() }).unwrap_err(), StatsError::InvalidAlpha(0.0));
        assert_eq!(plan(&PlanInput { power: 1.0, ..conversion() }).unwrap_err(), StatsError::InvalidPower(1.0));
        assert!(plan(&PlanInput { variants: 1, ..conversion() }).is_err());
        assert!(plan(&PlanInput { baseline: 0.6, mde_relative: 1.0, ..conversion() }).is_err());
        assert!(plan(&PlanInput { mde_relative: 0.0, ..conversion() }).is_err());
        assert!(plan(&PlanInput { sd: Some(0.0), ..conversion() }).is_err());
        assert!(power_curve(&conversion(), 1).is_err());
    }

    #[test]
    fn a_huge_effect_still_plans_two_users_per_variant() {
        let p = plan(&PlanInput { baseline: 10.0, sd: Some(1.0), mde_relative: 0.5, ..conversion() }).unwrap();
        assert_eq!(p.users_per_variant, vec![2, 2]);
    }
}
