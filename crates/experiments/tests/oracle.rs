//! Outside oracle: every statistic of this crate against GrowthBook's gbstats
//! 0.8.0, scipy and statsmodels (`tests/oracle.py`) on data sets generated
//! here with a fixed seed.
//!
//! The Python comes from `INSIGHTS_ORACLE_PYTHON` (`make test` sets it to the
//! venv `scripts/oracle_venv.sh` makes); without it the test says so and
//! passes.
//!
//! Tolerance: |ours − theirs| ≤ 1e-6·max(|ours|, |theirs|) + 1e-10, i.e.
//! 1e-6 relative with an absolute floor of 1e-10 for values at or near 0
//! (p-values that underflow, risks of a clear winner, lifts between near
//! identical variants), where gbstats' `2·(1 − cdf)` and truncated-normal
//! means carry ~1e-16 absolute rounding that is meaningless relative to 0.
//! Sample sizes from planning must match exactly (they are ceilings).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use insights_experiments::{
    adjust_p_values, compare, compare_at, interval_alphas, plan, power_curve, srm_p_value, Comparison, Correction,
    Covariate, MetricData, PlanInput, Settings, VariantInput,
};
use serde_json::{json, Value};

const REL_TOL: f64 = 1e-6;
const ABS_FLOOR: f64 = 1e-10;

fn close(ours: f64, theirs: f64) -> bool {
    (ours - theirs).abs() <= REL_TOL * ours.abs().max(theirs.abs()) + ABS_FLOOR
}

fn rel_err(ours: f64, theirs: f64) -> f64 {
    let scale = ours.abs().max(theirs.abs());
    if scale == 0.0 {
        0.0
    } else {
        (ours - theirs).abs() / scale
    }
}

/// SplitMix64: small, deterministic and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn bernoulli(&mut self, p: f64) -> bool {
        self.uniform() < p
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }

    fn lognormal(&mut self, mu: f64, sigma: f64) -> f64 {
        (mu + sigma * self.normal()).exp()
    }

    /// Number of failures before a success with probability `p`.
    fn geometric(&mut self, p: f64) -> u32 {
        let mut k = 0;
        while !self.bernoulli(p) {
            k += 1;
        }
        k
    }
}

fn mean_data(values: &[f64]) -> MetricData {
    MetricData::Mean { n: values.len() as u64, sum: values.iter().sum(), sum_sq: values.iter().map(|v| v * v).sum() }
}

fn covariate(post: &[f64], pre: &[f64]) -> Covariate {
    Covariate {
        sum: pre.iter().sum(),
        sum_sq: pre.iter().map(|v| v * v).sum(),
        cross_sum: post.iter().zip(pre).map(|(y, x)| y * x).sum(),
    }
}

/// One generated comparison: inputs, settings, and where its raw per-user
/// values were written (for scipy's t-test on the values themselves).
struct Case {
    id: String,
    control: VariantInput,
    treatment: VariantInput,
    settings: Settings,
    raw: Option<(PathBuf, PathBuf)>,
}

const SIZES: [u64; 3] = [200, 5_000, 200_000];
const EFFECTS: [(&str, f64); 3] = [("none", 0.0), ("small", 0.02), ("large", 0.2)];

fn write_raw(dir: &Path, name: &str, values: &[f64]) -> PathBuf {
    let path = dir.join(format!("{name}.f64"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for v in values {
        f.write_all(&v.to_le_bytes()).unwrap();
    }
    path
}

fn compare_cases(rng: &mut Rng, dir: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let plain = Settings::default();
    let mut push = |id: String, control: VariantInput, treatment: VariantInput, raw: Option<(PathBuf, PathBuf)>| {
        cases.push(Case { id, control, treatment, settings: plain.clone(), raw });
    };
    for n in SIZES {
        for (effect_name, effect) in EFFECTS {
            let tag = format!("n{n}-{effect_name}");

            // Conversion rate: 5 % (12 % for the smallest sample).
            let rate = if n == 200 { 0.12 } else { 0.05 };
            let conv = |rng: &mut Rng, p: f64| (0..n).filter(|_| rng.bernoulli(p)).count() as f64;
            let (ca, cb) = (conv(rng, rate), conv(rng, rate * (1.0 + effect)));
            push(
                format!("proportion-{tag}"),
                VariantInput::new(MetricData::Proportion { n, successes: ca }),
                VariantInput::new(MetricData::Proportion { n, successes: cb }),
                None,
            );

            // Revenue per user: 8 % buy, skewed log-normal spend.
            let revenue = |rng: &mut Rng, lift: f64| -> Vec<f64> {
                (0..n).map(|_| if rng.bernoulli(0.08) { rng.lognormal(3.6, 1.1) * (1.0 + lift) } else { 0.0 }).collect()
            };
            let (ra, rb) = (revenue(rng, 0.0), revenue(rng, effect));
            let raw =
                (write_raw(dir, &format!("revenue-{tag}-a"), &ra), write_raw(dir, &format!("revenue-{tag}-b"), &rb));
            push(
                format!("revenue-{tag}"),
                VariantInput::new(mean_data(&ra)),
                VariantInput::new(mean_data(&rb)),
                Some(raw),
            );

            // Average order value: revenue / orders per user (delta method).
            let aov = |rng: &mut Rng, lift: f64| -> MetricData {
                let (mut num, mut num2, mut den, mut den2, mut cross) = (0.0, 0.0, 0.0, 0.0, 0.0);
                for _ in 0..n {
                    let orders = if rng.bernoulli(0.3) { 1 + rng.geometric(0.6) } else { 0 };
                    let spend: f64 = (0..orders).map(|_| rng.lognormal(3.6, 0.9) * (1.0 + lift)).sum();
                    let o = f64::from(orders);
                    num += spend;
                    num2 += spend * spend;
                    den += o;
                    den2 += o * o;
                    cross += spend * o;
                }
                MetricData::Ratio {
                    n,
                    num_sum: num,
                    num_sum_sq: num2,
                    den_sum: den,
                    den_sum_sq: den2,
                    cross_sum: cross,
                }
            };
            push(format!("aov-{tag}"), VariantInput::new(aov(rng, 0.0)), VariantInput::new(aov(rng, effect)), None);

            // CUPED on revenue: each user's pre-period spend shares a latent
            // value with the post-period spend.
            let cuped_mean = |rng: &mut Rng, lift: f64| -> VariantInput {
                let mut post = Vec::with_capacity(n as usize);
                let mut pre = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    let value = rng.lognormal(3.0, 1.0);
                    pre.push(if rng.bernoulli(0.7) { value * rng.lognormal(0.0, 0.4) } else { 0.0 });
                    post.push(if rng.bernoulli(0.6) { value * rng.lognormal(0.0, 0.4) * (1.0 + lift) } else { 0.0 });
                }
                VariantInput::with_pre(mean_data(&post), covariate(&post, &pre))
            };
            push(format!("cuped-revenue-{tag}"), cuped_mean(rng, 0.0), cuped_mean(rng, effect), None);

            // CUPED on conversion with pre-period order counts.
            let cuped_conv = |rng: &mut Rng, lift: f64| -> VariantInput {
                let (mut post, mut pre) = (Vec::new(), Vec::new());
                for _ in 0..n {
                    let loyal = rng.bernoulli(0.2);
                    let orders = if loyal { 1 + rng.geometric(0.5) } else { u32::from(rng.bernoulli(0.05)) };
                    let p = if loyal { 0.25 } else { 0.03 };
                    post.push(if rng.bernoulli(p * (1.0 + lift)) { 1.0 } else { 0.0 });
                    pre.push(f64::from(orders));
                }
                let successes = post.iter().sum();
                VariantInput::with_pre(MetricData::Proportion { n, successes }, covariate(&post, &pre))
            };
            push(format!("cuped-conversion-{tag}"), cuped_conv(rng, 0.0), cuped_conv(rng, effect), None);
        }
    }

    // A covariate without variance: gbstats (and we) fall back to no CUPED.
    let flat = |successes: f64| {
        VariantInput::with_pre(
            MetricData::Proportion { n: 5000, successes },
            Covariate { sum: 5000.0, sum_sq: 5000.0, cross_sum: successes },
        )
    };
    cases.push(Case {
        id: "cuped-constant-covariate".into(),
        control: flat(250.0),
        treatment: flat(290.0),
        settings: plain.clone(),
        raw: None,
    });

    // Sequential intervals and p-values, and other alpha / tuning values.
    let base: Vec<(String, VariantInput, VariantInput)> = cases
        .iter()
        .filter(|c| c.id.contains("n5000") || c.id.contains("n200000-small"))
        .map(|c| (c.id.clone(), c.control.clone(), c.treatment.clone()))
        .collect();
    for (id, control, treatment) in base {
        let sequential = Settings { sequential: true, ..Settings::default() };
        cases.push(Case {
            id: format!("{id}-sequential"),
            control: control.clone(),
            treatment: treatment.clone(),
            settings: sequential,
            raw: None,
        });
        if id.contains("large") {
            let tuned = Settings { sequential: true, sequential_tuning: 20_000.0, alpha: 0.1, ..Settings::default() };
            cases.push(Case {
                id: format!("{id}-sequential-a10-t20000"),
                control: control.clone(),
                treatment: treatment.clone(),
                settings: tuned,
                raw: None,
            });
            let strict = Settings { alpha: 0.01, cuped: false, ..Settings::default() };
            cases.push(Case { id: format!("{id}-a01-nocuped"), control, treatment, settings: strict, raw: None });
        }
    }
    cases
}

fn srm_cases() -> Vec<(String, Vec<u64>, Vec<f64>)> {
    vec![
        ("even".into(), vec![5000, 5000], vec![0.5, 0.5]),
        ("slight".into(), vec![5000, 5120], vec![1.0, 1.0]),
        ("broken".into(), vec![5000, 5400], vec![1.0, 1.0]),
        ("three-way".into(), vec![10_000, 9_700, 10_100], vec![1.0, 1.0, 1.0]),
        ("weighted-20-80".into(), vec![2_000, 8_100], vec![0.2, 0.8]),
        ("weights-unnormalised".into(), vec![2_000, 8_100], vec![1.0, 4.0]),
        ("tiny".into(), vec![3, 7], vec![1.0, 1.0]),
        ("four-way".into(), vec![120, 80, 100, 95], vec![0.25, 0.25, 0.25, 0.25]),
        ("large".into(), vec![1_000_000, 1_003_000], vec![1.0, 1.0]),
        ("extreme".into(), vec![100_000, 60_000], vec![1.0, 1.0]),
        ("uneven-three".into(), vec![1_013, 2_950, 6_020], vec![0.1, 0.3, 0.6]),
        ("no-users".into(), vec![0, 0], vec![1.0, 1.0]),
    ]
}

fn correction_cases(rng: &mut Rng) -> Vec<(String, Vec<f64>)> {
    let mut cases = vec![
        ("single".to_string(), vec![0.03]),
        ("textbook".to_string(), vec![0.01, 0.04, 0.03, 0.20]),
        ("ties".to_string(), vec![0.02, 0.02, 0.02, 0.5, 0.5]),
        ("edges".to_string(), vec![0.0, 1.0, 1e-300, 0.999_999, 0.05]),
        ("all-large".to_string(), vec![0.6, 0.7, 0.9]),
    ];
    for len in [5usize, 20, 100] {
        let p = (0..len)
            .map(|_| {
                let u = rng.uniform();
                // A mix of strong signals and noise.
                if rng.bernoulli(0.3) {
                    u.powi(6)
                } else {
                    u
                }
            })
            .collect();
        cases.push((format!("random-{len}"), p));
    }
    cases
}

fn plan_cases() -> Vec<(String, PlanInput)> {
    let conv = PlanInput {
        baseline: 0.03,
        sd: None,
        mde_relative: 0.1,
        alpha: 0.05,
        power: 0.8,
        variants: 2,
        control_share: 0.5,
        daily_visitors: 2_500.0,
    };
    vec![
        ("conversion-3pct-10pct".into(), conv.clone()),
        (
            "conversion-three-variants-negative".into(),
            PlanInput {
                baseline: 0.2,
                mde_relative: -0.05,
                alpha: 0.01,
                power: 0.9,
                variants: 3,
                control_share: 1.0 / 3.0,
                ..conv.clone()
            },
        ),
        (
            "conversion-four-variants".into(),
            PlanInput { baseline: 0.5, mde_relative: 0.02, variants: 4, control_share: 0.4, ..conv.clone() },
        ),
        (
            "conversion-big-lift".into(),
            PlanInput { baseline: 0.01, mde_relative: 1.0, control_share: 0.8, ..conv.clone() },
        ),
        ("mean-revenue".into(), PlanInput { baseline: 50.0, sd: Some(80.0), mde_relative: 0.05, ..conv.clone() }),
        (
            "mean-small-sample".into(),
            PlanInput { baseline: 12.5, sd: Some(3.0), mde_relative: 0.3, alpha: 0.1, power: 0.95, ..conv.clone() },
        ),
        (
            "mean-tiny-power".into(),
            PlanInput { baseline: 12.5, sd: Some(30.0), mde_relative: 0.3, alpha: 0.2, power: 0.25, ..conv },
        ),
    ]
}

/// The level at which each case's intervals are also drawn: a third of
/// alpha, Holm's level for the smallest of three p-values.
fn interval_alpha(settings: &Settings) -> f64 {
    settings.alpha / 3.0
}

/// Our value of a named `Comparison` field (the part of the oracle's key
/// before " ["); `at_level.` fields are of `at`, the comparison drawn at
/// [`interval_alpha`].
fn ours(c: &Comparison, at: &Comparison, field: &str) -> Option<f64> {
    Some(match field {
        "at_level.absolute.lower" => at.absolute.lower,
        "at_level.absolute.upper" => at.absolute.upper,
        "at_level.relative.lower" => at.relative.lower,
        "at_level.relative.upper" => at.relative.upper,
        "at_level.credible.lower" => at.credible.lower,
        "at_level.credible.upper" => at.credible.upper,
        "control.mean" => c.control.mean,
        "control.sd" => c.control.sd,
        "control.adjusted_mean" => c.control.adjusted_mean?,
        "treatment.mean" => c.treatment.mean,
        "treatment.sd" => c.treatment.sd,
        "treatment.adjusted_mean" => c.treatment.adjusted_mean?,
        "absolute.estimate" => c.absolute.estimate,
        "absolute.lower" => c.absolute.lower,
        "absolute.upper" => c.absolute.upper,
        "relative.estimate" => c.relative.estimate,
        "relative.lower" => c.relative.lower,
        "relative.upper" => c.relative.upper,
        "p_value" => c.p_value,
        "fixed_p_value" => c.fixed_p_value,
        "chance_to_win" => c.chance_to_win,
        "risk.control" => c.risk[0],
        "risk.treatment" => c.risk[1],
        "credible.estimate" => c.credible.estimate,
        "credible.lower" => c.credible.lower,
        "credible.upper" => c.credible.upper,
        "variance_reduction" => c.variance_reduction?,
        "cuped_applied" => f64::from(u8::from(c.variance_reduction.is_some())),
        _ => return None,
    })
}

/// Worst relative error per statistic and the mismatches.
#[derive(Default)]
struct Tally {
    /// Worst relative error, values compared, values within tolerance only
    /// thanks to the absolute floor.
    worst: BTreeMap<String, (f64, usize, usize)>,
    failures: Vec<String>,
}

impl Tally {
    fn check(&mut self, case: &str, key: &str, ours: f64, theirs: f64) {
        let entry = self.worst.entry(key.to_string()).or_insert((0.0, 0, 0));
        let err = rel_err(ours, theirs);
        entry.0 = entry.0.max(err);
        entry.1 += 1;
        if err > REL_TOL && close(ours, theirs) {
            entry.2 += 1;
        }
        if !close(ours, theirs) {
            self.failures.push(format!("{case}: {key}: ours {ours:e}, theirs {theirs:e}"));
        }
    }

    fn fail(&mut self, message: String) {
        self.failures.push(message);
    }
}

#[test]
fn statistics_match_gbstats_scipy_and_statsmodels() {
    let Some(python) = std::env::var_os("INSIGHTS_ORACLE_PYTHON") else {
        eprintln!(
            "skipping the gbstats/scipy/statsmodels oracle: INSIGHTS_ORACLE_PYTHON is unset \
             (`make test` sets it; `bash scripts/oracle_venv.sh` prints a Python to use)"
        );
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("experiments-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(20_240_611);

    let compare_cases = compare_cases(&mut rng, &dir);
    let srm = srm_cases();
    let corrections = correction_cases(&mut rng);
    let plans = plan_cases();
    let curve_points = 25;
    let curves: Vec<Vec<(u64, f64)>> = plans.iter().map(|(_, p)| power_curve(p, curve_points).unwrap()).collect();

    let input = json!({
        "compare": compare_cases.iter().map(|c| json!({
            "id": c.id,
            "control": c.control,
            "treatment": c.treatment,
            "cuped": c.settings.cuped,
            "sequential": c.settings.sequential,
            "alpha": c.settings.alpha,
            "tuning": c.settings.sequential_tuning,
            "interval_alpha": interval_alpha(&c.settings),
            "raw": c.raw.as_ref().map(|(a, b)| [a, b]),
        })).collect::<Vec<_>>(),
        "srm": srm.iter().map(|(id, users, weights)| json!({"id": id, "users": users, "weights": weights})).collect::<Vec<_>>(),
        "corrections": corrections.iter().map(|(id, p)| json!({"id": id, "p": p})).collect::<Vec<_>>(),
        "plans": plans.iter().zip(&curves).map(|((id, p), curve)| json!({
            "id": id,
            "baseline": p.baseline,
            "sd": p.sd,
            "mde_relative": p.mde_relative,
            "alpha": p.alpha,
            "power": p.power,
            "variants": p.variants,
            "control_share": p.control_share,
            "curve_totals": curve.iter().map(|(total, _)| *total).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let cases_path = dir.join("cases.json");
    let expected_path = dir.join("expected.json");
    std::fs::write(&cases_path, serde_json::to_vec(&input).unwrap()).unwrap();

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle.py");
    let output = Command::new(&python)
        .arg(&script)
        .arg(&cases_path)
        .arg(&expected_path)
        .output()
        .unwrap_or_else(|e| panic!("could not run {} with {}: {e}", script.display(), python.to_string_lossy()));
    assert!(
        output.status.success(),
        "oracle.py failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let expected: Value = serde_json::from_slice(&std::fs::read(&expected_path).unwrap()).unwrap();
    let mut tally = Tally::default();

    // Comparisons.
    for case in &compare_cases {
        let got =
            compare(&case.control, &case.treatment, &case.settings).unwrap_or_else(|e| panic!("{}: {e}", case.id));
        let at = compare_at(&case.control, &case.treatment, &case.settings, interval_alpha(&case.settings))
            .unwrap_or_else(|e| panic!("{}: {e}", case.id));
        let want = expected["compare"][&case.id].as_object().unwrap_or_else(|| panic!("{}: no oracle values", case.id));
        let mut fields: Vec<&str> = Vec::new();
        for (key, value) in want {
            let field = key.split(" [").next().unwrap();
            fields.push(field);
            match ours(&got, &at, field) {
                Some(v) => tally.check(&case.id, key, v, value.as_f64().unwrap()),
                None => tally.fail(format!("{}: {key}: we have no value", case.id)),
            }
        }
        // Every field is covered by some library, in every case.
        let mut required = vec![
            "control.mean",
            "control.sd",
            "treatment.mean",
            "treatment.sd",
            "absolute.estimate",
            "absolute.lower",
            "absolute.upper",
            "relative.estimate",
            "relative.lower",
            "relative.upper",
            "p_value",
            "fixed_p_value",
            "at_level.absolute.lower",
            "at_level.absolute.upper",
            "at_level.relative.lower",
            "at_level.relative.upper",
            "at_level.credible.lower",
            "at_level.credible.upper",
            "chance_to_win",
            "risk.control",
            "risk.treatment",
            "credible.estimate",
            "credible.lower",
            "credible.upper",
            "cuped_applied",
        ];
        // The p-value and the relative interval shown beside it agree, at
        // alpha and at the corrected level.
        for (c, level) in [(&got, case.settings.alpha), (&at, interval_alpha(&case.settings))] {
            let excludes = c.relative.lower > 0.0 || c.relative.upper < 0.0;
            if (c.p_value < level) != excludes {
                tally.fail(format!("{}: p {} against the interval {:?} at {level}", case.id, c.p_value, c.relative));
            }
        }
        if got.variance_reduction.is_some() {
            required.extend(["variance_reduction", "control.adjusted_mean", "treatment.adjusted_mean"]);
        }
        for field in required {
            if !fields.contains(&field) {
                tally.fail(format!("{}: the oracle gave no {field}", case.id));
            }
        }
    }

    // Sample-ratio mismatch.
    for (id, users, weights) in &srm {
        let got = srm_p_value(users, weights).unwrap();
        for (key, value) in expected["srm"][id].as_object().unwrap() {
            tally.check(id, &format!("srm_p_value [{key}]"), got, value.as_f64().unwrap());
        }
    }

    // Multiple-comparison corrections.
    for (id, p) in &corrections {
        for (method, key) in [(Correction::Holm, "holm"), (Correction::BenjaminiHochberg, "fdr_bh")] {
            let got = adjust_p_values(p, method);
            let want = expected["corrections"][id][key].as_array().unwrap();
            assert_eq!(got.len(), want.len(), "{id} {key}");
            for (g, w) in got.iter().zip(want) {
                tally.check(id, &format!("adjust_p_values [statsmodels multipletests {key}]"), *g, w.as_f64().unwrap());
            }
            // The interval levels: α·p / adjusted p where the adjusted p is
            // neither capped at 1 nor 0; within [α/m, α] everywhere.
            let alpha = 0.05;
            let levels = interval_alphas(p, method, alpha);
            for ((&p, w), &level) in p.iter().zip(want).zip(&levels) {
                let w = w.as_f64().unwrap();
                if p > 0.0 && w > 0.0 && w < 1.0 {
                    tally.check(
                        id,
                        &format!("interval_alphas [α·p / statsmodels multipletests {key}]"),
                        level,
                        alpha * p / w,
                    );
                }
                let m = levels.len() as f64;
                if !(alpha / m * (1.0 - 1e-12) <= level && level <= alpha * (1.0 + 1e-12))
                    || ((p < level) != (w < alpha))
                {
                    tally.fail(format!("{id} {key}: level {level} for p {p}, adjusted {w}"));
                }
            }
        }
    }

    // Planning.
    for ((id, input), curve) in plans.iter().zip(&curves) {
        let want = &expected["plans"][id];
        let got = plan(input).unwrap();
        tally.check(
            id,
            "plan.effect_size [statsmodels proportion_effectsize / Cohen's d]",
            got.effect_size,
            want["effect_size"].as_f64().unwrap(),
        );
        let control = want["control"].as_u64().unwrap();
        let treatment = want["treatment"].as_u64().unwrap();
        let mut users = vec![control];
        users.extend(std::iter::repeat_n(treatment, (input.variants - 1) as usize));
        if got.users_per_variant != users {
            tally.fail(format!(
                "{id}: users per variant {:?}, statsmodels NormalIndPower.solve_power {:?} (nobs1 {})",
                got.users_per_variant, users, want["nobs1"]
            ));
        }
        assert_eq!(got.total_users, got.users_per_variant.iter().sum::<u64>());
        for ((_, power), want) in curve.iter().zip(want["curve"].as_array().unwrap()) {
            tally.check(id, "power_curve [statsmodels NormalIndPower.power]", *power, want.as_f64().unwrap());
        }
        let solved = want["power_at_nobs1"].as_f64().unwrap();
        tally.check(id, "plan target power [statsmodels NormalIndPower.power at solve_power's n]", solved, input.power);
    }

    eprintln!("oracle versions: {}", expected["versions"]);
    eprintln!("{:<84} {:>6} {:>10} {:>6}", "statistic [oracle]", "values", "worst rel", "floor");
    let mut total = 0;
    for (key, (worst, count, floored)) in &tally.worst {
        eprintln!("{key:<84} {count:>6} {worst:>10.2e} {floored:>6}");
        total += count;
    }
    eprintln!(
        "{total} values compared in {} comparisons, tolerance {REL_TOL:e} relative + {ABS_FLOOR:e}",
        compare_cases.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(tally.failures.is_empty(), "{} mismatches:\n{}", tally.failures.len(), tally.failures.join("\n"));
}
