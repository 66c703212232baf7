"""Personal picks against the `implicit` package (ALS and item-item cosine)
on exactly the same time-based split, measured in the same run.

  python bench/recommend_vs_implicit.py --insights BIN --workspace WS \
      [--cutoff 2011-09-01] [--end 2011-12-09] [--dir DIR] [--out result.json]

Run it with the venv that bench/setup-recommend-peers.sh builds. The
workspace holds the store's orders (the UCI Online Retail transactions for
the figures in docs/benchmarks.md).

`BIN recommend evaluate --export DIR` trains our model on the orders before
the cutoff, scores our personal picks and the best sellers on every
customer who bought both before and after it, and writes the split:
train.csv (customer, product, orders before the cutoff) and test.csv (each
test customer's products bought in the test window). implicit's models are
fitted on train.csv (one row per customer, the order counts as confidence)
and scored here on test.csv with the same definitions: HR@10 = share of
test customers with at least one of their ten items bought in the window;
NDCG@10 with binary relevance. Neither side filters items a customer
already bought (repeat purchases count, as they do in the window). The best
sellers are scored on both sides, which checks that the two metric codes
agree.
"""

import argparse
import csv
import datetime
import json
import math
import os
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import implicit  # noqa: E402
from implicit.als import AlternatingLeastSquares  # noqa: E402
from implicit.nearest_neighbours import CosineRecommender  # noqa: E402

from machine import busy_warning, cores, cpu_name, write_result  # noqa: E402


def read_csv(path):
    """Rows after the header. Cells are quoted, and a cell the export
    guarded against spreadsheets (a leading formula character) carries a
    leading "'", removed here so ids match."""
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        return [[c[1:] if c[:2] in ("'=", "'+", "'-", "'@") else c for c in row] for row in rows if row]


def scores(lists, tests, k):
    hits, ndcg = 0.0, 0.0
    for user, items in lists.items():
        bought = tests[user]
        dcg = sum(1.0 / math.log2(r + 2) for r, i in enumerate(items[:k]) if i in bought)
        ideal = sum(1.0 / math.log2(r + 2) for r in range(min(len(bought), k)))
        hits += 1.0 if dcg > 0 else 0.0
        ndcg += dcg / ideal if ideal else 0.0
    n = max(1, len(lists))
    return hits / n, ndcg / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--insights", required=True)
    ap.add_argument("--workspace", required=True)
    ap.add_argument("--cutoff", default="2011-09-01")
    ap.add_argument("--end", default="2011-12-09")
    ap.add_argument("--dir", default="/tmp/recommend-split")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--out")
    args = ap.parse_args()
    load = busy_warning("both sides share the same cores")

    cmd = [args.insights, "--workspace", args.workspace, "recommend", "evaluate", "--cutoff", args.cutoff,
           "--end", args.end, "--k", str(args.k), "--export", args.dir, "--json"]
    ours = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)

    train = read_csv(f"{args.dir}/train.csv")
    test_rows = read_csv(f"{args.dir}/test.csv")
    users = sorted({u for u, _, _ in train})
    items = sorted({i for _, i, _ in train})
    uix = {u: n for n, u in enumerate(users)}
    iix = {i: n for n, i in enumerate(items)}
    rows = [uix[u] for u, _, _ in train]
    cols = [iix[i] for _, i, _ in train]
    vals = [float(c) for _, _, c in train]
    user_items = sp.csr_matrix((vals, (rows, cols)), shape=(len(users), len(items)), dtype=np.float32)
    tests = {}
    for u, i in test_rows:
        tests.setdefault(u, set()).add(i)
    test_users = sorted(tests)
    assert len(test_users) == ours["customers"], (len(test_users), ours["customers"])
    uids = np.array([uix[u] for u in test_users])

    results = []
    popularity = np.asarray((user_items > 0).sum(axis=0)).ravel()
    top = [items[i] for i in np.argsort(-popularity, kind="stable")[: args.k]]
    hr, nd = scores({u: top for u in test_users}, tests, args.k)
    results.append({"method": "Best sellers (computed here)", "hit_rate": hr, "ndcg": nd, "fit_s": 0.0})

    for name, model in [
        ("implicit ALS (64 factors, 15 iterations)", AlternatingLeastSquares(
            factors=64, regularization=0.05, iterations=15, random_state=0)),
        ("implicit item-item cosine (K=100)", CosineRecommender(K=100)),
    ]:
        t = time.perf_counter()
        model.fit(user_items, show_progress=False)
        fit_s = time.perf_counter() - t
        ids, _ = model.recommend(uids, user_items[uids], N=args.k, filter_already_liked_items=False)
        lists = {u: [items[i] for i in row if i >= 0] for u, row in zip(test_users, ids)}
        hr, nd = scores(lists, tests, args.k)
        results.append({"method": name, "hit_rate": hr, "ndcg": nd, "fit_s": fit_s})

    result = {
        "date": datetime.date.today().isoformat(),
        "machine": {"cpu": cpu_name(), "cores": cores(), "load": load},
        "implicit": implicit.__version__,
        "split": {"cutoff": args.cutoff, "end": args.end, "customers": ours["customers"], "k": args.k},
        "ours": ours,
        "peers": results,
    }
    print(f"{ours['customers']} test customers, train before {args.cutoff}, test to {args.end}")
    print(f"{'method':<44} {'HR@10':>7} {'NDCG@10':>8}")
    for m in ours["methods"]:
        print(f"{'Merchant Insights: ' + m['method']:<44} {m['hit_rate']:>7.4f} {m['ndcg']:>8.4f}")
    for m in results:
        print(f"{m['method']:<44} {m['hit_rate']:>7.4f} {m['ndcg']:>8.4f}  (fit {m['fit_s']:.1f} s)")
    print(f"our model built in {ours['build_ms'] / 1000:.2f} s; one request p50 {ours['request_p50_ms']:.2f} ms, "
          f"p95 {ours['request_p95_ms']:.2f} ms")
    write_result(args.out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
