#!/usr/bin/env python3
"""Check the labelled search queries in queries.json against the sample catalogue.

Verifies that every labelled handle exists in sample-data/shopify/products_export.csv.zst,
that every "sku" query names an existing SKU (or SKU stem) owned by the product it labels,
that grades are 1-3, that "misspelled" queries stay within the typo budget the search
promises (1 edit for words of 5-8 letters, 2 for 9+, none below 5), and prints counts per kind.

Standard library only; uses the `zstandard` module when installed, else the `zstdcat` command.
Usage: python3 crates/search/tests/check_queries.py [queries.json] [products_export.csv.zst]
"""
import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_QUERIES = os.path.join(HERE, "queries.json")
DEFAULT_CATALOG = os.path.join(HERE, "..", "..", "..", "sample-data", "shopify", "products_export.csv.zst")
KINDS = ["sku", "keyword", "descriptive", "misspelled", "intent", "attribute"]
MIN_PER_KIND = 8


def read_catalog_text(path):
    if not path.endswith(".zst"):
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    try:
        import zstandard  # optional

        with open(path, "rb") as f:
            reader = zstandard.ZstdDecompressor(max_window_size=2**31).stream_reader(f)
            return io.TextIOWrapper(reader, encoding="utf-8", newline="").read()
    except ImportError:
        out = subprocess.run(["zstdcat", path], check=True, stdout=subprocess.PIPE)
        return out.stdout.decode("utf-8")


def load_catalog(path):
    """handle -> {title, status, skus}"""
    products = {}
    for row in csv.DictReader(io.StringIO(read_catalog_text(path), newline="")):
        handle = row["URL handle"]
        p = products.setdefault(handle, {"title": None, "status": None, "skus": []})
        if row["Title"]:
            p["title"] = row["Title"]
            p["status"] = row["Status"]
        if row["SKU"]:
            p["skus"].append(row["SKU"])
    return products


def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def allowed_edits(word):
    return 0 if len(word) < 5 else 1 if len(word) <= 8 else 2


def main():
    qpath = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_QUERIES
    cpath = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_CATALOG
    queries = json.load(open(qpath, encoding="utf-8"))
    catalog = load_catalog(cpath)
    sku_owner = {s.upper(): h for h, p in catalog.items() for s in p["skus"]}
    vocab = {w for p in catalog.values() if p["title"] for w in re.findall(r"[a-z0-9']+", p["title"].lower())}
    vocab |= {w for p in catalog.values() if p["title"] for w in re.findall(r"[a-z0-9]+", p["title"].lower())}

    errors, warnings = [], []
    kinds = Counter()
    sizes = {}
    for i, q in enumerate(queries):
        where = f"#{i} {q.get('query')!r}"
        for key in ("query", "kind", "relevant", "note"):
            if key not in q:
                errors.append(f"{where}: missing '{key}'")
        kind, rel = q.get("kind"), q.get("relevant") or {}
        if kind not in KINDS:
            errors.append(f"{where}: unknown kind {kind!r}")
        kinds[kind] += 1
        sizes.setdefault(kind, []).append(len(rel))
        if not rel:
            errors.append(f"{where}: no relevant products")
        if rel and 3 not in rel.values():
            warnings.append(f"{where}: no grade-3 product")
        for h, g in rel.items():
            if g not in (1, 2, 3):
                errors.append(f"{where}: grade {g!r} for {h} is not 1, 2 or 3")
            if h not in catalog:
                errors.append(f"{where}: handle {h!r} is not in the catalogue")
            elif catalog[h]["status"] != "active":
                warnings.append(f"{where}: {h} is {catalog[h]['status']} (not published)")
        if kind == "sku":
            s = q["query"].strip().upper()
            owners = {sku_owner[s]} if s in sku_owner else {h for k, h in sku_owner.items() if k.startswith(s + "-")}
            if not owners:
                errors.append(f"{where}: SKU or SKU stem not found in the catalogue")
            elif set(k for k, g in rel.items() if g == 3) != owners:
                errors.append(f"{where}: grade-3 products {sorted(rel)} differ from the SKU's owner(s) {sorted(owners)}")
        if kind == "misspelled":
            typos = 0
            for tok in re.findall(r"[a-z0-9']+", q["query"].lower()):
                if tok in vocab:
                    continue
                best = min(vocab, key=lambda w: (levenshtein(tok, w), w))
                d = levenshtein(tok, best)
                if d > allowed_edits(best):
                    errors.append(f"{where}: '{tok}' is {d} edits from '{best}' (allowed {allowed_edits(best)})")
                typos += 1
            if typos == 0:
                errors.append(f"{where}: no misspelled word (every token is a title word)")

    print(f"{len(queries)} queries, {len(catalog)} products in the catalogue")
    for k in KINDS:
        s = sizes.get(k, [])
        extra = f"  relevant per query: min {min(s)}, median {sorted(s)[len(s) // 2]}, max {max(s)}" if s else ""
        print(f"  {k:12s} {kinds[k]:3d}{extra}")
        if kinds[k] < MIN_PER_KIND:
            errors.append(f"kind {k}: {kinds[k]} queries, fewer than {MIN_PER_KIND}")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("error:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
