//! A/B-test event logs for two storefront experiments with known, injected
//! effects (documented in the README): a conversion lift for the free-shipping
//! banner and an order-value lift for AI recommendations. Written to
//! `experiments/events.csv.zst` (plain `.csv` when compression is off).

use std::path::Path;

use rand::Rng;

use crate::util::{iso_ts, money, normal, rng_for, CsvOut};
use crate::{SampleError, Stage};

pub const EVENTS_HEADER: &[&str] = &["visitor_id", "experiment", "variant", "timestamp", "event", "value"];

/// One experiment's design and its injected effect.
pub struct Experiment {
    pub name: &'static str,
    /// First day (UTC) and number of days the experiment ran.
    pub start: (i32, u32, u32),
    pub days: i64,
    /// Probabilities of the funnel steps for control: exposure -> add_to_cart,
    /// add_to_cart -> checkout_started, checkout_started -> purchase.
    pub funnel: [f64; 3],
    /// Multiplier on the add-to-cart probability for treatment (conversion lift).
    pub conversion_lift: f64,
    /// Multiplier on order value for treatment.
    pub value_lift: f64,
}

/// Mean order value of the control group, in dollars (log-normal, sigma 0.55).
pub const MEAN_ORDER_VALUE: f64 = 185.0;
pub const VALUE_SIGMA: f64 = 0.55;

pub const EXPERIMENTS: &[Experiment] = &[
    Experiment {
        name: "free-shipping-banner",
        start: (2026, 3, 2),
        days: 28,
        funnel: [0.25, 0.6, 2.0 / 3.0],
        conversion_lift: 1.08,
        value_lift: 1.0,
    },
    Experiment {
        name: "ai-recommendations",
        start: (2026, 5, 4),
        days: 28,
        funnel: [0.25, 0.6, 2.0 / 3.0],
        conversion_lift: 1.0,
        value_lift: 1.05,
    },
];

/// Writes `40,000 × scale` visitors per experiment; returns the total number of visitors.
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
    let mut done = 0usize;
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
        let prefix = if ei == 0 { "fsb" } else { "air" };
        for (vi, t0) in arrivals.into_iter().enumerate() {
            let id = format!("{prefix}-{:06}", vi + 1);
            let treatment = rng.random_bool(0.5);
            let variant = if treatment { "treatment" } else { "control" };
            let mut t = t0;
            out.row([id.as_str(), e.name, variant, &iso_ts(t), "exposure", ""])?;
            let p_cart = e.funnel[0] * if treatment { e.conversion_lift } else { 1.0 };
            if rng.random_bool(p_cart) {
                t += rng.random_range(30..1200);
                out.row([id.as_str(), e.name, variant, &iso_ts(t), "add_to_cart", ""])?;
                if rng.random_bool(e.funnel[1]) {
                    t += rng.random_range(30..900);
                    out.row([id.as_str(), e.name, variant, &iso_ts(t), "checkout_started", ""])?;
                    if rng.random_bool(e.funnel[2]) {
                        t += rng.random_range(60..600);
                        // Log-normal order value with mean MEAN_ORDER_VALUE (times the lift).
                        let mu = MEAN_ORDER_VALUE.ln() - VALUE_SIGMA * VALUE_SIGMA / 2.0;
                        let v =
                            (mu + VALUE_SIGMA * normal(&mut rng)).exp() * if treatment { e.value_lift } else { 1.0 };
                        let cents = ((v * 100.0).round() as i64).max(500);
                        out.row([id.as_str(), e.name, variant, &iso_ts(t), "purchase", &money(cents)])?;
                    }
                }
            }
            done += 1;
            if done.checked_rem(10_000) == Some(0) {
                progress(Stage::Experiments, done as u64, total as u64);
            }
        }
    }
    out.finish()?;
    progress(Stage::Experiments, total as u64, total as u64);
    Ok(total)
}
