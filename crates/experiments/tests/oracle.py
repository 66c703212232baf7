#!/usr/bin/env python3
"""Outside oracle of crates/experiments: the same statistics from GrowthBook's
gbstats 0.8.0, scipy and statsmodels, for tests/oracle.rs to compare with.

    python oracle.py CASES.json EXPECTED.json

CASES.json is written by oracle.rs (the metric inputs are the Rust types'
JSON; raw per-user values, where given, are little-endian f64 files). Every
expected value is named "<field> [<library and function>]"; the field is the
Rust `Comparison` field it is compared with.
"""

import json
import math
import sys

import numpy as np
import scipy
import scipy.stats
import statsmodels
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize, proportions_ztest

from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig
from gbstats.frequentist.tests import (
    FrequentistConfig,
    SequentialConfig,
    SequentialTwoSidedTTest,
    TwoSidedTTest,
)
from gbstats.models.statistics import (
    ProportionStatistic,
    RatioStatistic,
    RegressionAdjustedStatistic,
    SampleMeanStatistic,
)
from gbstats.utils import check_srm


def base_statistic(d):
    n = int(d["n"])
    if d["kind"] == "proportion":
        return ProportionStatistic(n=n, sum=d["successes"])
    if d["kind"] == "mean":
        return SampleMeanStatistic(n=n, sum=d["sum"], sum_squares=d["sum_sq"])
    return RatioStatistic(
        n=n,
        m_statistic=SampleMeanStatistic(n=n, sum=d["num_sum"], sum_squares=d["num_sum_sq"]),
        d_statistic=SampleMeanStatistic(n=n, sum=d["den_sum"], sum_squares=d["den_sum_sq"]),
        m_d_sum_of_products=d["cross_sum"],
    )


def statistics(case):
    """Fresh (control, treatment) statistics: gbstats' tests mutate theta."""
    wants_cuped = (
        case["cuped"]
        and case["control"]["data"]["kind"] != "ratio"
        and case["control"].get("pre") is not None
        and case["treatment"].get("pre") is not None
    )
    out = []
    for side in ("control", "treatment"):
        data = case[side]["data"]
        base = base_statistic(data)
        if wants_cuped:
            pre = case[side]["pre"]
            n = int(data["n"])
            base = RegressionAdjustedStatistic(
                n=n,
                post_statistic=base,
                pre_statistic=SampleMeanStatistic(n=n, sum=pre["sum"], sum_squares=pre["sum_sq"]),
                post_pre_sum_of_products=pre["cross_sum"],
                theta=0,
            )
        out.append(base)
    return out


def run(test):
    result = test.compute_result()
    if result.error_message:
        raise SystemExit(f"gbstats refused a case: {result.error_message}")
    return result


def compare_case(case):
    alpha, seq = case["alpha"], case["sequential"]
    kind = case["control"]["data"]["kind"]
    out = {}

    def frequentist(difference_type, sequential, level=alpha):
        a, b = statistics(case)
        if sequential:
            # At another level the interval keeps the tuning rho of alpha:
            # rho^2 = g(alpha) / tuning with g(a) = -2 ln a + ln(1 - 2 ln a),
            # so gbstats at `level` with tuning * g(level) / g(alpha) has it.
            g = lambda x: -2 * math.log(x) + math.log(1 - 2 * math.log(x))
            cfg = SequentialConfig(
                difference_type=difference_type,
                alpha=level,
                sequential_tuning_parameter=case["tuning"] * g(level) / g(alpha),
            )
            return SequentialTwoSidedTTest(a, b, cfg)
        return TwoSidedTTest(a, b, FrequentistConfig(difference_type=difference_type, alpha=level))

    abs_test = frequentist("absolute", seq)
    rel_test = frequentist("relative", seq)
    abs_res, rel_res = run(abs_test), run(rel_test)
    name = "gbstats SequentialTwoSidedTTest" if seq else "gbstats TwoSidedTTest"
    for field, res in (("absolute", abs_res), ("relative", rel_res)):
        out[f"{field}.estimate [{name}]"] = res.expected
        out[f"{field}.lower [{name}]"] = res.ci[0]
        out[f"{field}.upper [{name}]"] = res.ci[1]

    adjusted = isinstance(abs_test.stat_a, RegressionAdjustedStatistic)
    out["cuped_applied [gbstats compute_theta]"] = 1.0 if adjusted else 0.0

    # Fixed-horizon p-value.
    fixed_abs = abs_test if not seq else frequentist("absolute", False)
    gb_fixed_p = run(fixed_abs).p_value
    if kind == "proportion" and not adjusted:
        ca, cb = case["control"]["data"], case["treatment"]["data"]
        _, p = proportions_ztest([cb["successes"], ca["successes"]], [cb["n"], ca["n"]])
        out["fixed_p_value [statsmodels proportions_ztest]"] = p
    elif kind == "mean" and not adjusted:
        raw = case.get("raw")
        if raw:
            xa = np.fromfile(raw[0], dtype="<f8")
            xb = np.fromfile(raw[1], dtype="<f8")
            out["fixed_p_value [scipy ttest_ind welch]"] = scipy.stats.ttest_ind(xb, xa, equal_var=False).pvalue
            for side, x in (("control", xa), ("treatment", xb)):
                out[f"{side}.mean [numpy mean]"] = float(np.mean(x))
                out[f"{side}.sd [numpy std ddof=1]"] = float(np.std(x, ddof=1))
        out["fixed_p_value [gbstats TwoSidedTTest]"] = gb_fixed_p
    else:
        out["fixed_p_value [gbstats TwoSidedTTest]"] = gb_fixed_p
    if not (kind == "proportion" and not adjusted):
        # gbstats' 2 * (1 - cdf) cancels to 0 below ~1e-16; the same test
        # through scipy's survival function keeps the tail.
        t_stat, dof = abs(fixed_abs.critical_value), fixed_abs.dof
        out["fixed_p_value [scipy t.sf on gbstats' t and dof]"] = 2 * scipy.stats.t.sf(t_stat, dof)
    # The decision p-value is the relative lift's, as the relative interval.
    out[f"p_value [{name} relative]"] = rel_res.p_value
    if not seq:
        t_stat, dof = abs(rel_test.critical_value), rel_test.dof
        out["p_value [scipy t.sf on gbstats' relative t and dof]"] = 2 * scipy.stats.t.sf(t_stat, dof)

    # Intervals at a corrected level (as a correction gives one result).
    level = case["interval_alpha"]
    for field, diff in (("absolute", "absolute"), ("relative", "relative")):
        res = run(frequentist(diff, seq, level))
        out[f"at_level.{field}.lower [{name} at alpha/3]"] = res.ci[0]
        out[f"at_level.{field}.upper [{name} at alpha/3]"] = res.ci[1]
    a, b = statistics(case)
    bayes_at = run(EffectBayesianABTest(a, b, EffectBayesianConfig(alpha=level)))
    out[f"at_level.credible.lower [gbstats EffectBayesianABTest at alpha/3]"] = bayes_at.ci[0]
    out[f"at_level.credible.upper [gbstats EffectBayesianABTest at alpha/3]"] = bayes_at.ci[1]

    # Per-variant statistics.
    for side, stat in (("control", abs_test.stat_a), ("treatment", abs_test.stat_b)):
        base = stat.post_statistic if adjusted else stat
        out[f"{side}.mean [gbstats statistic]"] = base.mean
        out[f"{side}.sd [gbstats statistic]"] = base.stddev
        if adjusted:
            out[f"{side}.adjusted_mean [gbstats RegressionAdjustedStatistic]"] = stat.mean
    if adjusted:
        a, b = abs_test.stat_a, abs_test.stat_b
        adj = b.variance / b.n + a.variance / a.n
        unadj = b.post_statistic.variance / b.n + a.post_statistic.variance / a.n
        out["variance_reduction [gbstats RegressionAdjustedStatistic]"] = 1 - adj / unadj

    # Bayesian, gbstats defaults (relative, flat prior).
    a, b = statistics(case)
    bayes = run(EffectBayesianABTest(a, b, EffectBayesianConfig(alpha=alpha)))
    name = "gbstats EffectBayesianABTest"
    out[f"chance_to_win [{name}]"] = bayes.chance_to_win
    out[f"risk.control [{name}]"] = bayes.risk[0]
    out[f"risk.treatment [{name}]"] = bayes.risk[1]
    out[f"credible.estimate [{name}]"] = bayes.expected
    out[f"credible.lower [{name}]"] = bayes.ci[0]
    out[f"credible.upper [{name}]"] = bayes.ci[1]
    return {k: float(v) for k, v in out.items()}


def srm_case(case):
    users, weights = case["users"], case["weights"]
    total, wsum = sum(users), sum(weights)
    out = {"gbstats check_srm": float(check_srm(users, weights))}
    if total > 0:
        expected = [w / wsum * total for w in weights]
        out["scipy chisquare"] = float(scipy.stats.chisquare(users, f_exp=expected).pvalue)
    return out


def correction_case(case):
    p = np.array(case["p"], dtype=float)
    if len(p) == 0:
        return {"holm": [], "fdr_bh": []}
    return {m: multipletests(p, method=m)[1].tolist() for m in ("holm", "fdr_bh")}


def plan_case(case):
    baseline, sd, mde = case["baseline"], case["sd"], case["mde_relative"]
    if sd is None:
        effect = proportion_effectsize(baseline * (1 + mde), baseline)
    else:
        effect = baseline * mde / sd
    effect = abs(effect)
    share = (1 - case["control_share"]) / (case["variants"] - 1)
    ratio = case["control_share"] / share
    power = NormalIndPower()
    nobs1 = power.solve_power(
        effect_size=effect, nobs1=None, alpha=case["alpha"], power=case["power"], ratio=ratio, alternative="two-sided"
    )
    nobs1 = float(np.asarray(nobs1).item())
    curve = [
        float(power.power(effect, nobs1=total * share, alpha=case["alpha"], ratio=ratio, alternative="two-sided"))
        for total in case["curve_totals"]
    ]
    return {
        "effect_size": float(effect),
        "nobs1": nobs1,
        "control": math.ceil(nobs1 * ratio),
        "treatment": math.ceil(nobs1),
        "power_at_nobs1": float(power.power(effect, nobs1=nobs1, alpha=case["alpha"], ratio=ratio)),
        "curve": curve,
    }


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    import importlib.metadata

    result = {
        "versions": {
            "gbstats": importlib.metadata.version("gbstats"),
            "scipy": scipy.__version__,
            "statsmodels": statsmodels.__version__,
            "numpy": np.__version__,
        },
        "compare": {c["id"]: compare_case(c) for c in cases["compare"]},
        "srm": {c["id"]: srm_case(c) for c in cases["srm"]},
        "corrections": {c["id"]: correction_case(c) for c in cases["corrections"]},
        "plans": {c["id"]: plan_case(c) for c in cases["plans"]},
    }
    with open(sys.argv[2], "w") as f:
        json.dump(result, f, allow_nan=False)


if __name__ == "__main__":
    main()
