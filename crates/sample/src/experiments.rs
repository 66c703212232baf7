//! A/B-test event logs for three storefront experiments with known, injected
//! effects (documented in the README): a conversion lift for the free-shipping
//! banner, an order-value lift for AI recommendations, and a checkout redesign
//! whose treatment lost exposures to a tracking bug (an uneven split). Written
//! to `experiments/events.csv.zst` (plain `.csv` when compression is off).

use std::path::Path;

use rand::Rng;

use crate::util::{iso_ts, money, normal, pick_weighted, rng_for, CsvOut};
use crate::{SampleError, Stage};

pub const EVENTS_HEADER: &[&str] = &[
    "visitor_id",
    "experiment",
    "variant",
    "timestamp",
    "event",
    "value",
    "device",
    "country",
    "customer_type",
    "pre_period_value",
];

/// One experiment's design and its injected effect.
pub struct Experiment {
    pub name: &'static str,
    /// First day (UTC) and number of days the experiment ran.
    pub start: (i32, u32, u32),
    pub days: i64,
    /// Probabilities of the funnel steps for the average control visitor:
    /// exposure -> add_to_cart, add_to_cart -> checkout_started,
    /// checkout_started -> purchase.
    pub funnel: [f64; 3],
    /// Multiplier on the add-to-cart probability for treatment (conversion lift).
    pub conversion_lift: f64,
    /// Multiplier on order value for treatment.
    pub value_lift: f64,
    /// Share of treatment visitors whose exposure (and everything after it)
    /// never reached the log.
    pub treatment_loss: f64,
}

/// Mean order value of the average control visitor, in dollars (log-normal, sigma 0.55).
pub const MEAN_ORDER_VALUE: f64 = 185.0;
pub const VALUE_SIGMA: f64 = 0.55;

pub const EXPERIMENTS: &[Experiment] = &[
    Experiment {
        name: "free-shipping-banner",
        start: (2026, 3, 2),
        days: 28,
        funnel: [0.25, 0.6, 2.0 / 3.0],
        conversion_lift: 1.10,
        value_lift: 1.0,
        treatment_loss: 0.0,
    },
    Experiment {
        name: "ai-recommendations",
        start: (2026, 5, 4),
        days: 28,
        funnel: [0.25, 0.6, 2.0 / 3.0],
        conversion_lift: 1.0,
        value_lift: 1.06,
        treatment_loss: 0.0,
    },
    Experiment {
        name: "checkout-redesign",
        start: (2026, 7, 6),
        days: 28,
        funnel: [0.25, 0.6, 2.0 / 3.0],
        conversion_lift: 1.0,
        value_lift: 1.0,
        treatment_loss: 0.04,
    },
];

/// Visitor segments: name, share of visitors, multiplier on the add-to-cart
/// probability, multiplier on order value. Shares times multipliers average
/// to about 1, so the funnel above holds for the average visitor.
pub const CUSTOMER_TYPES: &[(&str, f64, f64, f64)] =
    &[("new", 0.60, 0.85, 0.95), ("returning", 0.32, 1.10, 1.05), ("vip", 0.08, 1.70, 1.25)];
pub const DEVICES: &[(&str, f64, f64)] = &[("desktop", 0.42, 1.20), ("mobile", 0.50, 0.85), ("tablet", 0.08, 0.95)];
pub const COUNTRIES: &[(&str, f64)] = &[("US", 0.62), ("CA", 0.10), ("GB", 0.12), ("DE", 0.06), ("AU", 0.10)];

/// Revenue in the 28 days before exposure, the covariate CUPED uses: the
/// chance of any and its mean, per customer type (new visitors have none).
const PRE_PERIOD: &[(f64, f64)] = &[(0.0, 0.0), (0.55, 140.0), (0.90, 420.0)];

fn lognormal<R: Rng>(rng: &mut R, mean: f64) -> f64 {
    let mu = mean.ln() - VALUE_SIGMA * VALUE_SIGMA / 2.0;
    (mu + VALUE_SIGMA * normal(rng)).exp()
}

/// Writes `40,000 × scale` assigned visitors per experiment; returns the
/// number of visitors in the log (assigned visitors less lost exposures).
pub fn write(
    seed: u64,
    scale: usize,
    path: &Path,
    zstd_level: Option<i32>,
    progress: &mut dyn FnMut(Stage, u64, u64),
) -> Result<usize, SampleError> {
    let per = 40_000 * scale;
    let total = per * EXPERIMENTS.len();
    progress(Stage::Experiments, 0, total as u64);
    let mut out = CsvOut::create(path, zstd_level)?;
    out.row(EVENTS_HEADER)?;
    let (mut done, mut logged) = (0usize, 0usize);
    let type_weights: Vec<f64> = CUSTOMER_TYPES.iter().map(|t| t.1).collect();
    let device_weights: Vec<f64> = DEVICES.iter().map(|d| d.1).collect();
    let country_weights: Vec<f64> = COUNTRIES.iter().map(|c| c.1).collect();
    for (ei, e) in EXPERIMENTS.iter().enumerate() {
        let mut rng = rng_for(seed, 10 + ei as u64);
        let start = chrono::NaiveDate::from_ymd_opt(e.start.0, e.start.1, e.start.2)
            .expect("valid date")
            .and_hms_opt(0, 0, 0)
            .expect("valid time")
            .and_utc()
            .timestamp();
        // Arrival times, sorted, so visitor ids follow time.
        let mut arrivals: Vec<i64> = (0..per).map(|_| start + rng.random_range(0..e.days * 86_400)).collect();
        arrivals.sort_unstable();
        let prefix: String = e.name.split('-').map(|w| &w[..1]).collect();
        for (vi, t0) in arrivals.into_iter().enumerate() {
            let id = format!("{prefix}-{:06}", vi + 1);
            let treatment = rng.random_bool(0.5);
            let variant = if treatment { "treatment" } else { "control" };
            let kind = pick_weighted(&mut rng, &type_weights);
            let device = pick_weighted(&mut rng, &device_weights);
            let country = COUNTRIES[pick_weighted(&mut rng, &country_weights)].0;
            let (p_pre, pre_mean) = PRE_PERIOD[kind];
            let pre = if p_pre > 0.0 && rng.random_bool(p_pre) { lognormal(&mut rng, pre_mean) } else { 0.0 };
            let lost = treatment && e.treatment_loss > 0.0 && rng.random_bool(e.treatment_loss);
            done += 1;
            if done.checked_rem(10_000) == Some(0) {
                progress(Stage::Experiments, done as u64, total as u64);
            }
            if lost {
                continue;
            }
            logged += 1;
            let (type_name, _, cart_mult, value_mult) = CUSTOMER_TYPES[kind];
            let (device_name, _, device_mult) = DEVICES[device];
            let mut t = t0;
            out.row([
                id.as_str(),
                e.name,
                variant,
                &iso_ts(t),
                "exposure",
                "",
                device_name,
                country,
                type_name,
                &money((pre * 100.0).round() as i64),
            ])?;
            let lift = if treatment { e.conversion_lift } else { 1.0 };
            let p_cart = (e.funnel[0] * lift * cart_mult * device_mult).min(1.0);
            let step = |rng: &mut rand_chacha::ChaCha8Rng, t: &mut i64, p: f64, gap: std::ops::Range<i64>| {
                let hit = rng.random_bool(p);
                if hit {
                    *t += rng.random_range(gap);
                }
                hit
            };
            if !step(&mut rng, &mut t, p_cart, 30..1200) {
                continue;
            }
            out.row([id.as_str(), e.name, variant, &iso_ts(t), "add_to_cart", "", "", "", "", ""])?;
            if !step(&mut rng, &mut t, e.funnel[1], 30..900) {
                continue;
            }
            out.row([id.as_str(), e.name, variant, &iso_ts(t), "checkout_started", "", "", "", "", ""])?;
            if !step(&mut rng, &mut t, e.funnel[2], 60..600) {
                continue;
            }
            let v = lognormal(&mut rng, MEAN_ORDER_VALUE) * value_mult * if treatment { e.value_lift } else { 1.0 };
            let cents = ((v * 100.0).round() as i64).max(500);
            out.row([id.as_str(), e.name, variant, &iso_ts(t), "purchase", &money(cents), "", "", "", ""])?;
        }
    }
    out.finish()?;
    progress(Stage::Experiments, total as u64, total as u64);
    Ok(logged)
}
