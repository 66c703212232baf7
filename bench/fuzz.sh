#!/usr/bin/env bash
# The long fuzz run of the importers (docs/fuzzing.md); not part of CI.
# Runs each target of crates/import/tests/fuzz.rs for FUZZ_SECONDS (default
# 180), one after another so each has the whole machine, then prints a
# summary: cases run, how they ended, failures. Failing seeds are saved in
# crates/import/tests/fuzz-regressions/ (commit them).
#
#   bash bench/fuzz.sh                 # 180 s per target
#   FUZZ_SECONDS=600 bash bench/fuzz.sh header import
#
# Environment: FUZZ_SECONDS, FUZZ_LOG (default
# ~/.cache/merchant-insights/fuzz-<time>.log), CARGO_TARGET_DIR as for make.
set -euo pipefail

cd "$(dirname "$0")/.."
CACHE="${CACHE:-$HOME/.cache/merchant-insights}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
SECONDS_PER_TARGET="${FUZZ_SECONDS:-180}"
LOG="${FUZZ_LOG:-$CACHE/fuzz-$(date +%Y%m%d-%H%M%S).log}"
mkdir -p "$(dirname "$LOG")"

declare -A TESTS=([header]=fuzz_header_detection [mapping]=fuzz_mapping [import]=fuzz_full_import)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(header mapping import)

# The same build as `make build`: the workspace's features, so DuckDB is reused.
cargo test --locked --workspace --no-run >>"$LOG" 2>&1

{
  echo "fuzz run $(date -u +%Y-%m-%dT%H:%M:%SZ), ${SECONDS_PER_TARGET} s per target, $(nproc) cores"
  echo "commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} | tee -a "$LOG"

status=0
for t in "${targets[@]}"; do
  test_name="${TESTS[$t]:-}"
  if [ -z "$test_name" ]; then
    echo "unknown target $t (targets: ${!TESTS[*]})" >&2
    exit 2
  fi
  echo "== $t: ${SECONDS_PER_TARGET} s" | tee -a "$LOG"
  if ! INSIGHTS_FUZZ_SECONDS="$SECONDS_PER_TARGET" cargo test --locked --workspace --test fuzz -- \
      --exact "$test_name" --nocapture >>"$LOG" 2>&1; then
    status=1
  fi
  grep -E "^fuzz $t:" "$LOG" | tail -1 || echo "fuzz $t: no summary (see $LOG)"
done

echo "summary:" | tee -a "$LOG"
for t in "${targets[@]}"; do
  grep -E "^fuzz $t:" "$LOG" | tail -1 | tee -a /dev/null
done | tee -a "$LOG"
if [ "$status" -ne 0 ]; then
  echo "failures found: their minimal inputs are in $LOG, their seeds in crates/import/tests/fuzz-regressions/" | tee -a "$LOG"
fi
echo "log: $LOG"
exit "$status"
