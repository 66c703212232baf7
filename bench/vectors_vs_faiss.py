"""The vector part of search against faiss IndexFlatIP, measured in the same run.

  python bench/vectors_vs_faiss.py --vectors vectors.f32 --queries queries.f32 \
      [--ours ours.json | --insights BIN] [--k 10] [--dim 384] [--out result.json]

Both files are little-endian float32, row-major, 384 columns, rows of unit
length (so inner product is cosine). faiss-cpu's exact IndexFlatIP holds the
same vectors and answers the queries one at a time (one search call per
query, as the app searches), timed per query, once with 1 thread and once
with every core. Ours is the JSON that

  BIN bench vectors --vectors FILE --queries FILE --json

prints: {"latency_ms": [one float a query], "top10": [[row index, ...], ...]};
pass it with --ours, or pass --insights and the command is run here.

Reported: p50/p95 latency per query for each, the ratio ours/faiss (below 1:
ours answers faster), and recall@10 of our top 10 against faiss's top 10 (exact
search on both sides: 1.0 expected). Tie-aware recall also counts one of ours
whose score equals faiss's 10th best within --tie (float32 sums in another
order can swap rows whose scores differ in the last bits).

Without --ours/--insights only faiss runs.
"""

import argparse
import datetime
import json
import subprocess
import sys
import time

import numpy as np

from machine import busy_warning, cores, cpu_name, write_result


def load(path, dim):
    a = np.fromfile(path, dtype="<f4")
    if a.size % dim:
        raise SystemExit(f"{path}: {a.size} floats is not a multiple of {dim}")
    a = a.reshape(-1, dim)
    norms = np.linalg.norm(a, axis=1)
    if a.shape[0] and np.abs(norms - 1).max() > 1e-3:
        print(f"warning: {path} has rows that are not unit length (norms {norms.min():.4f}..{norms.max():.4f})", file=sys.stderr)
    return np.ascontiguousarray(a, dtype=np.float32)


def percentiles(ms):
    ms = np.asarray(ms, dtype=np.float64)
    return {"p50": float(np.percentile(ms, 50)), "p95": float(np.percentile(ms, 95)), "mean": float(ms.mean()), "queries": int(ms.size)}


def faiss_run(index, queries, k, threads, warmup):
    import faiss

    faiss.omp_set_num_threads(threads)
    rows = [queries[i : i + 1] for i in range(queries.shape[0])]  # contiguous 1 x dim views
    for q in rows[:warmup]:
        index.search(q, k)
    ms, top = [], []
    clock = time.perf_counter_ns
    for q in rows:
        t = clock()
        _, ids = index.search(q, k)
        ms.append((clock() - t) / 1e6)
        top.append(ids[0])
    return ms, np.asarray(top, dtype=np.int64)


def ours_from(args):
    if args.ours:
        with open(args.ours) as f:
            return json.load(f)
    cmd = [args.insights, "bench", "vectors", "--vectors", args.vectors, "--queries", args.queries, "--json"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    out = proc.stdout.strip()
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        return json.loads(out[out.rfind("\n{") + 1 :] if "\n{" in out else out)


def recall(ours_top, ref_top, base, queries, k, tie):
    strict, tied, worst = [], [], []
    for qi, (mine, ref) in enumerate(zip(ours_top, ref_top)):
        mine = [int(i) for i in mine[:k]]
        ref = [int(i) for i in ref[:k] if i >= 0]
        hits = len(set(mine) & set(ref))
        strict.append(hits / k)
        # Scores in float64 so the tie test does not depend on either side's rounding.
        q = queries[qi].astype(np.float64)
        kth = min(base[ref].astype(np.float64) @ q) if ref else -np.inf
        valid = sorted({i for i in mine if 0 <= i < base.shape[0]})  # duplicates count once
        mine_scores = base[valid].astype(np.float64) @ q if valid else np.array([])
        tie_hits = int((mine_scores >= kth - tie).sum())
        tied.append(min(tie_hits, k) / k)
        if hits < k:
            worst.append(qi)
    return float(np.mean(strict)), float(np.mean(tied)), worst


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--vectors", required=True, help="n x dim float32, unit rows")
    p.add_argument("--queries", required=True, help="q x dim float32, unit rows")
    p.add_argument("--ours", help="our JSON: {latency_ms: [...], top10: [[...], ...]}")
    p.add_argument("--insights", help="our CLI binary: run `bench vectors` here instead of --ours")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--dim", type=int, default=384)
    p.add_argument("--warmup", type=int, default=5, help="untimed faiss queries before each timed pass")
    p.add_argument("--tie", type=float, default=1e-5, help="score tolerance for tie-aware recall")
    p.add_argument("--out", help="write every measurement here as JSON")
    args = p.parse_args()
    if args.ours and args.insights:
        p.error("give --ours or --insights, not both")

    import faiss

    load_before = busy_warning("faiss's multi-threaded search suffers most")
    base = load(args.vectors, args.dim)
    queries = load(args.queries, args.dim)
    n, q = base.shape[0], queries.shape[0]
    print(f"{n} vectors x {args.dim}, {q} queries, k={args.k}, {cores()} cores ({cpu_name()}), faiss {faiss.__version__}", file=sys.stderr)

    t = time.perf_counter()
    index = faiss.IndexFlatIP(args.dim)
    index.add(base)
    build = time.perf_counter() - t

    runs = {}
    for threads in sorted({1, cores()}):
        ms, top = faiss_run(index, queries, args.k, threads, args.warmup)
        runs[threads] = {"latency": percentiles(ms), "top": top}
        print(f"  faiss {threads} thread(s): p50 {runs[threads]['latency']['p50']:.3f} ms, p95 {runs[threads]['latency']['p95']:.3f} ms", file=sys.stderr)
    ref_top = runs[cores()]["top"]
    if not np.array_equal(runs[1]["top"], ref_top):
        print("note: faiss's own top-k differs between 1 thread and all threads (ties)", file=sys.stderr)

    ours = None
    if args.ours or args.insights:
        o = ours_from(args)
        lat, top = o.get("latency_ms"), o.get("top10")
        if lat is None or top is None:
            raise SystemExit("our JSON needs latency_ms and top10")
        if len(lat) != q or len(top) != q:
            raise SystemExit(f"our JSON has {len(lat)} latencies and {len(top)} top lists for {q} queries")
        strict, tied, misses = recall(top, ref_top, base, queries, args.k, args.tie)
        ours = {"latency": percentiles(lat), "recall_at_k": strict, "recall_at_k_tie_aware": tied, "queries_below_full_recall": misses[:50]}
        ours.update({k: v for k, v in o.items() if k not in ("latency_ms", "top10")})

    print()
    print(f"Exact top-{args.k} search, {n:,} vectors x {args.dim} (float32, unit length), {q:,} queries one at a time, {cores()} cores ({cpu_name()}).")
    print()
    print("| searcher | threads | p50 ms | p95 ms | recall@10 vs faiss |")
    print("| --- | ---: | ---: | ---: | ---: |")
    if ours:
        threads = ours.get("threads", "?")
        print(f"| Merchant Insights | {threads} | {ours['latency']['p50']:.3f} | {ours['latency']['p95']:.3f} | {ours['recall_at_k']:.4f} |")
    else:
        print("| Merchant Insights | — | not run | not run | — |")
    for threads, r in runs.items():
        print(f"| faiss-cpu {faiss.__version__} IndexFlatIP | {threads} | {r['latency']['p50']:.3f} | {r['latency']['p95']:.3f} | (reference) |")
    if ours:
        print()
        for threads, r in runs.items():
            print(f"Ratio ours/faiss ({threads} thread{'s' if threads > 1 else ''}): p50 **{ours['latency']['p50'] / r['latency']['p50']:.2f}x**, p95 **{ours['latency']['p95'] / r['latency']['p95']:.2f}x** (below 1: ours is faster).")
        if ours["recall_at_k"] < 1:
            print()
            print(f"Recall below 1 on {len(ours['queries_below_full_recall'])}{'+' if len(ours['queries_below_full_recall']) == 50 else ''} queries; counting ties within {args.tie:g} of faiss's 10th score: {ours['recall_at_k_tie_aware']:.4f}.")

    if args.out:
        result = {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "vectors": n,
            "dim": args.dim,
            "queries": q,
            "k": args.k,
            "cores": cores(),
            "cpu": cpu_name(),
            "load_average_before": load_before,
            "faiss": {"version": faiss.__version__, "index": "IndexFlatIP", "build_seconds": build, "runs": {str(t): r["latency"] for t, r in runs.items()}},
            "ours": ours,
        }
        write_result(args.out, result)


if __name__ == "__main__":
    main()
