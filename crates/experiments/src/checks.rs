//! Experiment-wide checks: the sample-ratio-mismatch test of the traffic split
//! and the multiple-comparison corrections of p-values (Holm,
//! Benjamini–Hochberg).

use crate::dist::chi2_sf;
use crate::types::Correction;
use crate::StatsError;

/// Sample-ratio mismatch: p-value of Pearson's chi-square goodness-of-fit test
/// of the users per variant against the planned traffic weights (weights need
/// not sum to 1), as gbstats' `check_srm`. A small p-value (GrowthBook warns
/// below 0.001) means the split is broken and the results should not be
/// trusted. With no users at all there is no evidence of a mismatch: 1.
pub fn srm_p_value(users: &[u64], weights: &[f64]) -> Result<f64, StatsError> {
    if users.len() != weights.len() {
        return Err(StatsError::LengthMismatch { users: users.len(), weights: weights.len() });
    }
    if users.len() < 2 {
        return Err(StatsError::InvalidInput("A traffic-split check needs at least two variants.".to_string()));
    }
    if let Some(w) = weights.iter().find(|w| !(w.is_finite() && **w > 0.0)) {
        return Err(StatsError::InvalidInput(format!(
            "Every variant needs a planned traffic weight above 0; got {w}."
        )));
    }
    let total_observed: f64 = users.iter().map(|&u| u as f64).sum();
    if total_observed == 0.0 {
        return Ok(1.0);
    }
    let total_weight: f64 = weights.iter().sum();
    let x: f64 = users
        .iter()
        .zip(weights)
        .map(|(&o, &w)| {
            let e = w / total_weight * total_observed;
            (o as f64 - e).powi(2) / e
        })
        .sum();
    Ok(chi2_sf(x, (users.len() - 1) as f64))
}

/// P-values adjusted for multiple comparisons, in input order (as
/// statsmodels' `multipletests`): Holm's step-down, `max_{j≤i} min(1,
/// (m − j + 1)·p_(j))`, or Benjamini–Hochberg's step-up, `min_{j≥i} min(1,
/// p_(j)·m / j)`, over the p-values sorted ascending. Inputs are clamped to
/// [0, 1] and a missing (NaN) p-value counts as 1.
pub fn adjust_p_values(p: &[f64], method: Correction) -> Vec<f64> {
    uncapped(&clean(p), method).into_iter().map(|(a, _)| a.min(1.0)).collect()
}

/// The two-sided level at which each result's interval is drawn so that it
/// agrees with its corrected p-value: α·p/p̃, with p̃ the adjusted p-value
/// before it is capped at 1. The interval of the same test as `p` then
/// excludes 0 exactly when the corrected p-value is below α. For Holm this
/// is α/(m − j + 1) for the j-th smallest p-value (Bonferroni's α/m for the
/// smallest), for Benjamini–Hochberg α·j/m, except where the step-down
/// (step-up) carries a neighbour's adjusted p-value over; it always lies
/// between α/m and α. A p-value of 0 takes its rank's factor.
pub fn interval_alphas(p: &[f64], method: Correction, alpha: f64) -> Vec<f64> {
    let clean = clean(p);
    uncapped(&clean, method)
        .into_iter()
        .zip(&clean)
        .map(|((adjusted, factor), &p)| if adjusted > 0.0 { alpha * p / adjusted } else { alpha / factor })
        .collect()
}

/// Inputs clamped to [0, 1], a missing (NaN) p-value as 1.
fn clean(p: &[f64]) -> Vec<f64> {
    p.iter().map(|&v| if v.is_nan() { 1.0 } else { v.clamp(0.0, 1.0) }).collect()
}

/// Each p-value adjusted but not capped at 1, with its rank's own factor
/// (m − j + 1 for Holm, m / j for Benjamini–Hochberg, 1 without correction).
fn uncapped(clean: &[f64], method: Correction) -> Vec<(f64, f64)> {
    let m = clean.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| clean[a].total_cmp(&clean[b]));
    let mut adjusted = vec![(0.0, 1.0); m];
    match method {
        Correction::None => return clean.iter().map(|&p| (p, 1.0)).collect(),
        Correction::Holm => {
            let mut running = 0.0f64;
            for (rank, &i) in order.iter().enumerate() {
                let factor = (m - rank) as f64;
                running = running.max(clean[i] * factor);
                adjusted[i] = (running, factor);
            }
        }
        Correction::BenjaminiHochberg => {
            let mut running = f64::INFINITY;
            for (rank, &i) in order.iter().enumerate().rev() {
                let factor = m as f64 / (rank + 1) as f64;
                running = running.min(clean[i] / ((rank + 1) as f64 / m as f64));
                adjusted[i] = (running, factor);
            }
        }
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srm_flags_a_broken_split() {
        assert!((srm_p_value(&[5000, 5000], &[0.5, 0.5]).unwrap() - 1.0).abs() < 1e-12);
        assert!(srm_p_value(&[5000, 5400], &[1.0, 1.0]).unwrap() < 1e-3);
        // Weights need not sum to 1: 20/80 is the same as 1/4.
        let a = srm_p_value(&[2000, 8100], &[0.2, 0.8]).unwrap();
        let b = srm_p_value(&[2000, 8100], &[1.0, 4.0]).unwrap();
        assert!((a - b).abs() < 1e-12);
        assert_eq!(srm_p_value(&[0, 0], &[1.0, 1.0]).unwrap(), 1.0);
        assert_eq!(
            srm_p_value(&[1, 2, 3], &[1.0, 1.0]).unwrap_err(),
            StatsError::LengthMismatch { users: 3, weights: 2 }
        );
        assert!(srm_p_value(&[10, 10], &[1.0, 0.0]).is_err());
        assert!(srm_p_value(&[10], &[1.0]).is_err());
    }

    #[test]
    fn corrections_follow_the_textbook() {
        let p = [0.01, 0.04, 0.03, 0.20];
        let holm = adjust_p_values(&p, Correction::Holm);
        let want = [0.04, 0.09, 0.09, 0.20];
        for (h, w) in holm.iter().zip(want) {
            assert!((h - w).abs() < 1e-12, "{holm:?}");
        }
        let bh = adjust_p_values(&p, Correction::BenjaminiHochberg);
        let want = [0.04, 0.16 / 3.0, 0.16 / 3.0, 0.20];
        for (h, w) in bh.iter().zip(want) {
            assert!((h - w).abs() < 1e-12, "{bh:?}");
        }
        assert_eq!(adjust_p_values(&p, Correction::None), p.to_vec());
        assert!(adjust_p_values(&[], Correction::Holm).is_empty());
        assert_eq!(adjust_p_values(&[0.6, 0.9], Correction::Holm), vec![1.0, 1.0]);
        assert_eq!(adjust_p_values(&[f64::NAN], Correction::BenjaminiHochberg), vec![1.0]);
    }

    #[test]
    fn interval_levels_agree_with_the_corrected_p_values() {
        let p = [0.01, 0.04, 0.03, 0.20, 0.0, 0.012];
        for method in [Correction::None, Correction::Holm, Correction::BenjaminiHochberg] {
            let adjusted = adjust_p_values(&p, method);
            let levels = interval_alphas(&p, method, 0.05);
            for ((&p, a), level) in p.iter().zip(&adjusted).zip(&levels) {
                assert!((0.05 / 6.0 - 1e-15..=0.05 + 1e-15).contains(level), "{method:?}: {level}");
                assert_eq!(p < *level, *a < 0.05, "{method:?}: p {p}, adjusted {a}, level {level}");
            }
        }
        // Holm's smallest p-value gets Bonferroni's level, 0 included.
        assert_eq!(interval_alphas(&[0.0, 0.5], Correction::Holm, 0.05)[0], 0.025);
        assert_eq!(interval_alphas(&[0.01, 0.5], Correction::None, 0.05), vec![0.05, 0.05]);
    }
}
