"""Import speed against DuckDB's own CSV reader, measured in the same run.

Usage: python bench/import_vs_duckdb.py STORE_DIR INSIGHTS_BIN [UCI_FILE]

STORE_DIR holds a generated store (`insights sample --scale 10 --plain`), so
shopify/orders_export.csv has over 1,000,000 order lines. The reference is
the `duckdb` Python package reading the same file into a plain table of a
file database; ours is `insights import` of the same file into a workspace
that already holds the catalog (so lines resolve to products), which maps,
hashes e-mails and upserts; then the same file again (skipped as unchanged)
and once more with --force (read, compared row by row, nothing rewritten),
each against the first import. Every import runs with --no-embed, so only
importing is timed. Prints a Markdown table for docs/benchmarks.md.
"""

import os
import resource
import subprocess
import sys
import tempfile
import time

import duckdb


def run(cmd, env):
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def count_lines(path):
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_csv('{path}', all_varchar = true)").fetchone()[0]
    con.close()
    return n


def reference_read(path, workdir, repeat):
    times = []
    for i in range(repeat):
        db = os.path.join(workdir, f"ref{i}.duckdb")
        start = time.perf_counter()
        con = duckdb.connect(db)
        con.execute(f"CREATE TABLE t AS SELECT * FROM read_csv('{path}')")
        con.close()
        times.append(time.perf_counter() - start)
        os.remove(db)
    return min(times)


def ours(insights, path, catalog, workdir, repeat, label, again=False):
    """Best of `repeat` first imports; with `again`, also the best of the
    same file imported a second time (skipped as unchanged) and a third,
    forced (read again, every row compared, none rewritten)."""
    first, skipped, forced = [], [], []
    for i in range(repeat):
        home = os.path.join(workdir, f"{label}{i}")
        env = dict(os.environ, INSIGHTS_HOME=home)
        run([insights, "workspace", "new", "Bench"], env)
        if catalog:
            run([insights, "import", "--no-embed", catalog], env)
        first.append(run([insights, "import", "--no-embed", path], env))
        if again:
            skipped.append(run([insights, "import", "--no-embed", path], env))
            forced.append(run([insights, "import", "--no-embed", "--force", path], env))
    if again:
        return min(first), min(skipped), min(forced)
    return min(first)


def main():
    store, insights = sys.argv[1], sys.argv[2]
    uci = sys.argv[3] if len(sys.argv) > 3 else None
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    orders = os.path.join(store, "shopify", "orders_export.csv")
    products = os.path.join(store, "shopify", "products_export.csv")
    lines = count_lines(orders)
    with tempfile.TemporaryDirectory() as work:
        ref = reference_read(orders, work, repeat)
        mine, skipped, forced = ours(insights, orders, products, work, repeat, "orders", again=True)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"| Shopify orders, {lines:,} lines | DuckDB {duckdb.__version__} read_csv into a table | "
              f"{ref:.2f} s | insights import | {mine:.2f} s | {mine / ref:.2f}x |")
        print(f"| the same file again (unchanged, skipped) | the first import | {mine:.2f} s | "
              f"insights import | {skipped:.2f} s | {skipped / mine:.3f}x |")
        print(f"| the same file read again (--force, nothing changed) | the first import | {mine:.2f} s | "
              f"insights import --force | {forced:.2f} s | {forced / mine:.2f}x |")
        if uci:
            rows = count_lines(uci)
            t = ours(insights, uci, None, work, repeat, "uci")
            peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"| UCI Online Retail, {rows:,} rows | insights import | {t:.2f} s | "
                  f"{rows / t:,.0f} rows/s | peak memory of the insights processes so far {peak_mb:,.0f} MB |")
        else:
            print(f"peak memory: {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
