#!/usr/bin/env bash
# Supply-chain checks of Merchant Insights (docs/supply-chain.md), run by
# `make test` from the repository root:
#   1. cargo deny: licences (deny.toml's allow-list), bans (duplicate versions
#      warn, wildcard requirements fail) and sources (crates.io only);
#   2. cargo deny: RustSec advisories, read from a local copy of the database
#      and never fetched (only when that copy is on this machine);
#   3. cargo machete: no unused dependency in any Cargo.toml;
#   4. docs/licences.md is current with Cargo.lock and ui/package-lock.json.
# Every check runs even when an earlier one fails; the script exits non-zero if
# any failed and names them on its last line.
#
# Environment:
#   CACHE                  tools and data (default ~/.cache/merchant-insights)
#   INSIGHTS_ADVISORY_DB   a clone of rustsec/advisory-db (default $CACHE/advisory-db)
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${CACHE:-$HOME/.cache/merchant-insights}"
TOOLS="$CACHE/tools"
DENY_VERSION=0.20.2
MACHETE_VERSION=0.9.2
export PATH="$TOOLS/bin:$PATH"

# Where deny.toml's [advisories] db-path points, and the directory name
# cargo-deny 0.20 derives from the database URL (XxHash64 of
# "https://github.com/rustsec/advisory-db"); the clone is linked there.
ADVISORY_DBS="$HOME/.cache/merchant-insights/advisory-dbs"
ADVISORY_DB_DIR="advisory-db-3157b0e258782691"
ADVISORY_DB="${INSIGHTS_ADVISORY_DB:-$CACHE/advisory-db}"

install_tool() { # crate version
    local crate=$1 version=$2
    if "$TOOLS/bin/$crate" --version 2>/dev/null | grep -qxE "($crate )?$version"; then
        return 0
    fi
    echo "Installing $crate $version into $TOOLS ..."
    # Built in cargo's own temporary directory, not the workspace's CARGO_TARGET_DIR.
    env -u CARGO_TARGET_DIR cargo install --locked "$crate" --version "$version" --root "$TOOLS"
}

failed=()
run_check() { # name command...
    local name=$1
    shift
    echo "== $name: $*"
    if "$@"; then
        echo "== $name: ok"
    else
        echo "== $name: FAILED"
        failed+=("$name")
    fi
}

install_tool cargo-deny "$DENY_VERSION"
install_tool cargo-machete "$MACHETE_VERSION"

run_check "cargo deny (licences, bans, sources)" \
    cargo deny --locked check --show-stats --hide-inclusion-graph licenses bans sources

if [ -d "$ADVISORY_DB/crates" ]; then
    ADVISORY_DB=$(cd "$ADVISORY_DB" && pwd -P)
    link="$ADVISORY_DBS/$ADVISORY_DB_DIR"
    mkdir -p "$ADVISORY_DBS"
    if [ -e "$link" ] && [ ! -L "$link" ]; then
        echo "error: $link is a directory of its own; remove it so that it can link to $ADVISORY_DB" >&2
        failed+=("cargo deny (advisories)")
    else
        ln -sfn "$ADVISORY_DB" "$link"
        echo "RustSec database: $ADVISORY_DB (last commit $(git -C "$ADVISORY_DB" log -1 --format=%cs 2>/dev/null || echo unknown))"
        run_check "cargo deny (advisories)" cargo deny --locked --offline check --show-stats advisories
    fi
else
    echo "== cargo deny (advisories): skipped: the RustSec advisory database is not on this machine" \
        "(to check, place a clone of rustsec/advisory-db at $ADVISORY_DB or set INSIGHTS_ADVISORY_DB to one)"
fi

run_check "cargo machete" cargo machete --skip-target-dir
run_check "docs/licences.md" python3 scripts/licences.py --check

if [ ${#failed[@]} -gt 0 ]; then
    printf -v list '%s; ' "${failed[@]}"
    echo "Supply-chain checks failed: ${list%; }."
    exit 1
fi
echo "Supply-chain checks passed."
