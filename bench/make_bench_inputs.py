"""Inputs for the side-by-side benchmarks, made from the sample store or at random.

  python bench/make_bench_inputs.py texts --out texts.txt [--n 2000] [--products CSV]
  python bench/make_bench_inputs.py vectors --out vectors.f32 [--n 50000] [--seed 1]
  python bench/make_bench_inputs.py vectors --out queries.f32 --n 200 --seed 2 \
      [--near vectors.f32]

`texts` writes one product text a line (UTF-8): the product's title and its
description with the HTML tags taken out, first one per product, then one per
variant (title, option values, description) until --n lines are written. It
reads sample-data/shopify/products_export.csv.zst (through `zstdcat`) unless
--products names another export (.csv or .csv.zst). Lines hold no newlines or
tabs, and each is at most a few hundred characters, like the texts the app
embeds for products.

`vectors` writes n x dim little-endian float32, row-major, each row of unit
length: Gaussian random, or with --near FILE, each row a stored row of FILE
(chosen at random) plus noise, then normalized, so queries have real
neighbours rather than a flat field of near-ties.

Only the standard library and numpy; runs under any Python 3.9+.
"""

import argparse
import csv
import html
import io
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_PRODUCTS = os.path.join(ROOT, "sample-data", "shopify", "products_export.csv.zst")
TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def read_export(path):
    if path.endswith(".zst"):
        data = subprocess.run(["zstdcat", path], check=True, stdout=subprocess.PIPE).stdout
    else:
        with open(path, "rb") as f:
            data = f.read()
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def plain(text):
    # Tags become spaces so "</li><li>" does not glue two words together.
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", text or ""))).strip()


def product_texts(rows, n):
    products = []  # (title, description, [variant option strings])
    current = None
    for row in rows:
        if row.get("Title"):
            current = (plain(row["Title"]), plain(row.get("Description")), [])
            products.append(current)
        elif current is None:
            continue
        options = [plain(row.get(f"Option{i} value")) for i in (1, 2, 3)]
        options = [o for o in options if o]
        if options:
            current[2].append(" / ".join(options))
    if not products:
        raise SystemExit("no products with a Title in the export")

    texts = [f"{t}. {d}" if d else t for t, d, _ in products]
    # Then variants, round-robin over products so every product is spread evenly.
    depth = 0
    while len(texts) < n:
        added = False
        for t, d, variants in products:
            if depth < len(variants):
                v = f"{t} ({variants[depth]})"
                texts.append(f"{v}. {d}" if d else v)
                added = True
                if len(texts) >= n:
                    break
        if not added:
            break
        depth += 1
    if len(texts) < n:
        print(f"only {len(texts)} distinct texts in the export; repeating them to reach {n}", file=sys.stderr)
        base = list(texts)
        while len(texts) < n:
            texts.extend(base[: n - len(texts)])
    return texts[:n]


def cmd_texts(args):
    texts = product_texts(read_export(args.products), args.n)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        for t in texts:
            f.write(t.replace("\t", " ") + "\n")
    chars = sum(len(t) for t in texts)
    print(f"{args.out}: {len(texts)} texts, {chars / len(texts):.0f} characters on average", file=sys.stderr)


def cmd_vectors(args):
    import numpy as np

    rng = np.random.default_rng(args.seed)
    if args.near:
        base = np.fromfile(args.near, dtype="<f4").reshape(-1, args.dim)
        picks = rng.integers(0, base.shape[0], size=args.n)
        out = base[picks] + args.noise * rng.standard_normal((args.n, args.dim), dtype=np.float32) / np.sqrt(args.dim)
    else:
        out = rng.standard_normal((args.n, args.dim), dtype=np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    out.astype("<f4").tofile(args.out)
    print(f"{args.out}: {args.n} x {args.dim} float32 ({os.path.getsize(args.out) / 1e6:.1f} MB)", file=sys.stderr)


def cmd_catalog(args):
    """A Shopify products export of --n products: the sample catalog repeated,
    each copy with its own handles, titles ("… 2", "… 3", …) and SKUs."""
    rows = read_export(args.products)
    handles = list(dict.fromkeys(r["URL handle"] for r in rows))
    per_copy = len(handles)
    written = 0
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for k in range(-(-args.n // per_copy)):
            keep = set(handles[: max(0, min(per_copy, args.n - k * per_copy))])
            for r in rows:
                if r["URL handle"] not in keep:
                    continue
                r = dict(r)
                if k > 0:
                    r["URL handle"] = f"{r['URL handle']}-{k + 1}"
                    if r["Title"]:
                        r["Title"] = f"{r['Title']} {k + 1}"
                    if r["SKU"]:
                        r["SKU"] = r["SKU"].replace("SKU-", f"SKU-{k + 1}X", 1)
                w.writerow(r)
            written += len(keep)
    print(f"{args.out}: {written} products", file=sys.stderr)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("texts", help="product texts, one a line")
    t.add_argument("--out", required=True)
    t.add_argument("--n", type=int, default=2000)
    t.add_argument("--products", default=DEFAULT_PRODUCTS)
    t.set_defaults(func=cmd_texts)
    v = sub.add_parser("vectors", help="unit-length float32 vectors")
    v.add_argument("--out", required=True)
    v.add_argument("--n", type=int, default=50000)
    v.add_argument("--dim", type=int, default=384)
    v.add_argument("--seed", type=int, default=1)
    v.add_argument("--near", help="make each row a noisy copy of a random row of this .f32 file")
    v.add_argument("--noise", type=float, default=0.5, help="noise norm relative to a unit row (with --near)")
    v.set_defaults(func=cmd_vectors)
    c = sub.add_parser("catalog", help="a products export of --n products")
    c.add_argument("--out", required=True)
    c.add_argument("--n", type=int, default=50000)
    c.add_argument("--products", default=DEFAULT_PRODUCTS)
    c.set_defaults(func=cmd_catalog)
    args = p.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
