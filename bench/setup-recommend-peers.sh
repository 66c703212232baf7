#!/usr/bin/env bash
# Creates (or refreshes) the virtualenv with the recommendation benchmark's
# peer, `implicit` (ALS and item-item cosine), pinned in
# bench/requirements-recommend.txt, from PyPI wheels only.
#
#   bash bench/setup-recommend-peers.sh   # prints the venv's python on the last line
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/../scripts/venv.sh"
venv_init "$here/requirements-recommend.txt" "${RECOMMEND_VENV:-$cache/recommend-venv}"
python="${PYTHON:-python3}"

if venv_fresh; then
  echo "$venv/bin/python"
  exit 0
fi
echo "Installing implicit into $venv" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: -r "$req" >&2
venv_done
