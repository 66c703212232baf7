//! What the engine's test binaries share (`mod support;`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use insights_engine::{AppDirs, Engine};

pub mod sample_store;

/// A file or folder of the repository's `sample-data/`.
pub fn sample(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-data").join(rel)
}

/// A file of this crate's `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

/// An engine whose app folder is `home`, with no workspace open.
pub fn engine_at(home: &Path) -> Engine {
    Engine::new(AppDirs::at(home.to_path_buf()))
}

/// An engine in `home` with a new, empty workspace called `name`.
pub fn new_workspace(home: &Path, name: &str) -> Engine {
    let e = engine_at(home);
    e.create_workspace(name, None).unwrap();
    e
}

/// An engine in `home` with its own copy of the workspace `file` open
/// (as `<home>/<name>.duckdb`).
pub fn open_copy(home: &Path, file: &Path, name: &str) -> Engine {
    let copy = home.join(format!("{name}.duckdb"));
    std::fs::copy(file, &copy).unwrap_or_else(|e| panic!("copying {} to {}: {e}", file.display(), copy.display()));
    let e = engine_at(home);
    e.open_workspace(&copy).unwrap();
    e
}

/// An engine in `home` on its own copy of the embedded sample store (built
/// once and shared, see `support/sample_store.rs`).
pub fn sample_store_engine(home: &Path, name: &str) -> Engine {
    open_copy(home, sample_store::path(), name)
}

/// The UCI Online Retail transactions in `../shared/data` (real data no
/// one here wrote).
pub fn online_retail() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/online-retail/online_retail_2010-12_2011-12.csv.gz")
}

/// Closes the workspace, runs `sql` on its file as another program would,
/// and opens it again in a new engine.
pub fn reopen_after(e: Engine, home: &Path, sql: &str) -> Engine {
    let path = PathBuf::from(e.current_workspace().unwrap().unwrap().path);
    drop(e);
    insights_store::duckdb::Connection::open(&path).unwrap().execute_batch(sql).unwrap();
    let e = engine_at(home);
    e.open_workspace(&path).unwrap();
    e
}
