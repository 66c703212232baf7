//! The sample store's workspace as the app builds it (every folder of
//! `sample-data/` imported by `Engine::open_sample_workspace`, then
//! `embed_workspace` with the real model from INSIGHTS_MODELS), built once
//! per state of its inputs and shared by every test binary that only needs
//! such a store to work on. Tests never open the shared file: each copies it
//! ([`copy_to`], [`copy_as_sample`]) and works on its own copy.
//!
//! The file lives in `<target dir>/test-fixtures/`, named after a hash of
//! everything that could change it: `sample-data/`, `Cargo.lock`, the root
//! `Cargo.toml`, every library crate but the CLI (sources, migrations,
//! manifests, `models.lock.json`; not their `tests/`), this file and the
//! checkout's own path (the import history names the files it read). Any
//! change there means a new name, so a stale store is never used. A lock
//! file makes binaries that start together wait for one builder; the store
//! is built under a temporary name and renamed into place when complete.
//!
//! Included with `#[path = ".../crates/engine/tests/support/sample_store.rs"] mod sample_store;`
//! (engine, CLI and app tests), so it can use only what those three test
//! crates all have: `insights_engine` and std.

#![allow(dead_code)]

use std::fs::{self, File};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use insights_engine::{AppDirs, Engine};

/// The stores of other keys (older sources) not used for this long are removed.
const KEEP_UNUSED: Duration = Duration::from_secs(24 * 3600);

/// The repository's root: the first folder above the test crate with `sample-data/` and `Cargo.lock`.
pub fn repo_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .find(|d| d.join("sample-data").is_dir() && d.join("Cargo.lock").is_file())
        .unwrap_or_else(|| panic!("no repository root above {}", here.display()))
        .to_path_buf()
}

/// The shared, embedded sample store (built on first use). Read only: copy it.
pub fn path() -> &'static Path {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = fixtures_dir();
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        let file = dir.join(format!("sample-store-{:016x}.duckdb", inputs_key(&repo_root())));
        if !file.exists() {
            let lock = File::create(dir.join("sample-store.lock")).unwrap();
            lock.lock().unwrap(); // another binary may be building it: wait for that one
            if !file.exists() {
                build(&dir, &file);
                prune(&dir, &file);
            }
            drop(lock);
        }
        // Marks the store as in use, for `prune` in checkouts with other keys.
        let _ = File::options().append(true).open(&file).and_then(|f| f.set_modified(SystemTime::now()));
        file
    })
}

/// Copies the shared store to `to`, a file of the test's own.
pub fn copy_to(to: &Path) -> PathBuf {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::copy(path(), to).unwrap_or_else(|e| panic!("copying the sample store to {}: {e}", to.display()));
    to.to_path_buf()
}

/// Copies the shared store to where the app in `home` keeps its sample
/// store's workspace, as if it had been built there on a first run.
pub fn copy_as_sample(home: &Path) -> PathBuf {
    copy_to(&Engine::new(AppDirs::at(home.to_path_buf())).sample_workspace_path())
}

/// `$CARGO_TARGET_DIR` (when absolute), else the target folder this test
/// binary was built in (`<target>/debug/deps/<binary>`), else the temp folder.
fn fixtures_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            let exe = std::env::current_exe().ok()?;
            let deps = exe.parent()?;
            (deps.file_name()? == "deps").then(|| deps.parent()?.parent().map(Path::to_path_buf)).flatten()
        })
        .unwrap_or_else(std::env::temp_dir);
    target.join("test-fixtures")
}

/// A hash of every file that could change the store's contents.
fn inputs_key(root: &Path) -> u64 {
    let mut files = Vec::new();
    walk(&root.join("sample-data"), &mut files);
    for entry in fs::read_dir(root.join("crates")).unwrap() {
        let krate = entry.unwrap().path();
        if krate.file_name().is_some_and(|n| n == "cli") {
            continue; // the CLI does not take part in building the store
        }
        if !krate.is_dir() {
            walk(&krate, &mut files);
            continue;
        }
        for part in fs::read_dir(&krate).unwrap() {
            let part = part.unwrap().path();
            if part.file_name().is_some_and(|n| n != "tests") {
                walk(&part, &mut files);
            }
        }
    }
    files.extend(["Cargo.lock", "Cargo.toml", "crates/engine/tests/support/sample_store.rs"].map(|f| root.join(f)));
    files.sort();
    let mut h = std::hash::DefaultHasher::new();
    // The import history holds the source files' absolute paths.
    h.write(root.to_string_lossy().as_bytes());
    for f in &files {
        let bytes = fs::read(f).unwrap_or_else(|e| panic!("reading {}: {e}", f.display()));
        let rel = f.strip_prefix(root).unwrap();
        h.write(rel.to_string_lossy().as_bytes());
        h.write_u64(bytes.len() as u64);
        h.write(&bytes);
    }
    h.finish()
}

fn walk(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            walk(&entry.unwrap().path(), out);
        }
    } else if path.is_file() {
        out.push(path.to_path_buf());
    }
}

/// Builds the store the way the app does on a first run, checks it is
/// complete, and moves it to `file`.
fn build(dir: &Path, file: &Path) {
    let started = std::time::Instant::now();
    // Under the lock no one else is building: what is left was interrupted.
    for entry in fs::read_dir(dir).unwrap().flatten() {
        if entry.file_name().to_string_lossy().starts_with("building-") {
            fs::remove_dir_all(entry.path()).unwrap();
        }
    }
    let home = dir.join(format!("building-{}", std::process::id()));
    let built = {
        let e = Engine::new(AppDirs::at(home.clone()));
        let status = e.model_status();
        assert!(status.ready, "the embedding model must be installed (run `make models`): {}", status.message);
        let info = e.open_sample_workspace(&repo_root().join("sample-data"), &mut |_| {}).unwrap();
        let report = e.embed_workspace(&mut |_| {}).unwrap();
        assert!(!report.cancelled && report.embedded > 0, "{report:?}");
        for c in e.embedding_status().unwrap().coverage {
            assert_eq!(c.embedded, c.total, "{} fully embedded", c.label);
        }
        PathBuf::from(info.path)
    }; // the engine closes the workspace here
    let wal = PathBuf::from(format!("{}.wal", built.display()));
    assert!(!wal.exists(), "the closed workspace left a write-ahead log: {}", wal.display());
    fs::rename(&built, file).unwrap_or_else(|e| panic!("moving the sample store to {}: {e}", file.display()));
    fs::remove_dir_all(&home).unwrap();
    eprintln!("built the shared sample store in {:.0} s: {}", started.elapsed().as_secs_f64(), file.display());
}

/// Removes the stores of other keys that no binary has used for a day.
fn prune(dir: &Path, keep: &Path) {
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let p = entry.path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let unused = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
        let store = name.starts_with("sample-store-") && name.ends_with(".duckdb");
        if store && p != keep && unused.is_some_and(|u| u > KEEP_UNUSED) {
            let _ = fs::remove_file(&p);
        }
    }
}
