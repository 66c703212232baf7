"""Analysing one experiment of 1,000,000 exposures, ours against GrowthBook's
gbstats on the same aggregated inputs, measured in the same run.

  python bench/experiments_vs_gbstats.py --insights BIN [--visitors 1000000] \
      [--runs 5] [--dir DIR] [--out result.json]

Run it with the oracle venv's python (make oracle builds it:
~/.cache/merchant-insights/oracle-venv/bin/python), which has gbstats 0.8.0.

Ours: `BIN bench experiments` writes a deterministic log of N visitors (50/50
split, customer type, device and country, pre-period revenue), imports it into
a new workspace and times the whole analysis the Experiments screen runs:
one SQL pass over exposures and events, 5 metrics overall and 3 metrics in
each of 11 segments (customer type 3, device 3, country 5), frequentist and
Bayesian statistics, CUPED, corrections, SRM, summary and charts. It also
times the statistics alone and writes every comparison's inputs (the
sufficient statistics) as JSON.

gbstats: the same comparisons from those inputs -- the statistics objects
(CUPED where ours applies it), TwoSidedTTest and EffectBayesianABTest -- which
is the part of the work gbstats does (GrowthBook aggregates in the warehouse).

Reported: best and median seconds for each, and the ratios ours/gbstats
(below 1: ours is faster).
"""

import argparse
import datetime
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

from gbstats.bayesian.tests import EffectBayesianABTest, EffectBayesianConfig
from gbstats.frequentist.tests import FrequentistConfig, TwoSidedTTest
from gbstats.models.statistics import RegressionAdjustedStatistic, SampleMeanStatistic

from machine import busy_warning, cores, cpu_name, write_result

# The statistics objects are built as the outside oracle of the test suite builds them.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "crates/experiments/tests"))
from oracle import base_statistic  # noqa: E402


def statistic(side, cuped):
    base = base_statistic(side["data"])
    if not cuped:
        return base
    n = int(side["data"]["n"])
    pre = side["pre"]
    return RegressionAdjustedStatistic(
        n=n,
        post_statistic=base,
        pre_statistic=SampleMeanStatistic(n=n, sum=pre["sum"], sum_squares=pre["sum_sq"]),
        post_pre_sum_of_products=pre["cross_sum"],
        theta=0,
    )


def gbstats_pass(comparisons):
    for c in comparisons:
        cuped = (
            c["control"]["data"]["kind"] != "ratio"
            and c["control"].get("pre") is not None
            and c["treatment"].get("pre") is not None
        )
        a, b = statistic(c["control"], cuped), statistic(c["treatment"], cuped)
        TwoSidedTTest(a, b, FrequentistConfig(alpha=0.05)).compute_result()
        a, b = statistic(c["control"], cuped), statistic(c["treatment"], cuped)
        EffectBayesianABTest(a, b, EffectBayesianConfig(alpha=0.05)).compute_result()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--insights", required=True, help="the insights binary")
    ap.add_argument("--visitors", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dir", help="folder for the log and workspace (default: a temporary one)")
    ap.add_argument("--out")
    args = ap.parse_args()
    load = busy_warning("both sides share the same cores")

    work = args.dir or tempfile.mkdtemp(prefix="bench-experiments-")
    inputs = f"{work}/inputs.json"
    cmd = [args.insights, "bench", "experiments", "--visitors", str(args.visitors), "--runs", str(args.runs),
           "--dir", work, "--inputs", inputs, "--json"]
    ours = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    with open(inputs) as f:
        comparisons = json.load(f)

    gb = []
    for _ in range(max(1, args.runs)):
        t = time.perf_counter()
        gbstats_pass(comparisons)
        gb.append(time.perf_counter() - t)
    gb.sort()

    result = {
        "date": datetime.date.today().isoformat(),
        "machine": {"cpu": cpu_name(), "cores": cores(), "load": load},
        "visitors": args.visitors,
        "exposures": ours["exposures"],
        "comparisons": len(comparisons),
        "ours_full_analysis_best_s": ours["analyse_best_s"],
        "ours_full_analysis_median_s": ours["analyse_median_s"],
        "ours_stats_only_best_s": ours["stats_only_best_s"],
        "ours_import_s": ours["import_s"],
        "gbstats_stats_best_s": gb[0],
        "gbstats_stats_median_s": statistics.median(gb),
        "ratio_stats_ours_over_gbstats": ours["stats_only_best_s"] / gb[0],
        "ratio_full_ours_over_gbstats_stats": ours["analyse_best_s"] / gb[0],
    }
    print(json.dumps(result, indent=2))
    write_result(args.out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
