#!/usr/bin/env bash
# Creates the virtualenv that holds the outside oracle of the experiment
# statistics (crates/experiments/tests/oracle.py): GrowthBook's gbstats, scipy
# and statsmodels, every package pinned in scripts/oracle-requirements.txt and
# installed from PyPI only.
#
#   bash scripts/oracle_venv.sh      # prints the venv's python on the last line
#
# Idempotent: does nothing when the venv imports the three libraries and was
# built from the current requirements file. About 80 MB of wheels and 400 MB
# on disk the first time. gbstats 0.8.0 needs pandas < 2, whose last wheels
# (1.5.3) stop at CPython 3.11, so the venv is made with python3.11 (or
# python3 if that is 3.11 or older; PYTHON=... overrides).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/venv.sh"
venv_init "$here/oracle-requirements.txt" "${ORACLE_VENV:-$cache/oracle-venv}"

if venv_fresh && "$venv/bin/python" -c 'import gbstats, scipy, statsmodels' 2>/dev/null; then
  echo "$venv/bin/python"
  exit 0
fi

python="${PYTHON:-}"
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(not ((3, 8) <= sys.version_info[:2] <= (3, 11)))' 2>/dev/null; then
      python="$candidate"
      break
    fi
  done
fi
if [ -z "$python" ]; then
  echo "scripts/oracle_venv.sh: needs CPython 3.8-3.11 (gbstats 0.8.0 pins numpy < 2 and pandas < 2); set PYTHON=..." >&2
  exit 1
fi

echo "Installing the statistics oracle (gbstats, scipy, statsmodels) into $venv" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --only-binary=:all: -r "$req" >&2
"$venv/bin/python" -c 'import gbstats, scipy, statsmodels, importlib.metadata as m
print("gbstats", m.version("gbstats"), "scipy", scipy.__version__, "statsmodels", statsmodels.__version__)' >&2
venv_done
