//! The engine: the single API over the capability crates. The Tauri shell
//! and the `insights` CLI are thin adapters over [`Engine`]; anything either
//! of them would otherwise compute belongs here.
//!
//! This file holds the engine's state and little else; each capability's
//! methods live in their own module (`impl Engine` blocks): the workspace's
//! lifecycle in `workspace`, import in `import`, the model and embedding
//! runs in `embedding`, the Overview and KPIs in `overview`, and so on.

pub mod api;
mod assistant;
mod embedding;
mod error;
mod experiments;
mod files;
mod import;
mod overview;
mod privacy;
mod recommend;
mod report;
mod sample;
mod search;
mod state;
mod workspace;

use std::sync::{Mutex, MutexGuard};

use insights_assistant::Assistant;
use insights_recommend::Recommender;
use insights_store::duckdb::Connection;
use insights_store::Workspace;

pub use api::*;
pub use error::EngineError;
pub use experiments::ComparisonInput;
pub use files::csv_cell;
pub use insights_charts::{count_of, money, thousands};
pub use insights_embed::{
    disable_runtime_telemetry, model_id as embedding_model_id, EmbedError, OwnerKind, DIMENSIONS,
};
pub use insights_experiments::{compare, interval_level_text, VariantInput};
pub use insights_import::{ImportOptions, Step as ImportFileStep};
pub use insights_sample::{SampleOptions, SampleSummary, Stage as SampleStage};
pub use insights_search::eval::{EvalQuery, ModeScore, QueryScore};
pub use insights_search::{price_bands, SearchIndex};
pub use insights_store::AppDirs;
pub use sample::{locate_sample_data, SAMPLE_WORKSPACE_NAME};

use files::write_file;
use state::{Cached, Job};

pub type Result<T, E = EngineError> = std::result::Result<T, E>;

pub struct Engine {
    dirs: AppDirs,
    current: Mutex<Option<Workspace>>,
    /// The running import (one at a time; cancelling rolls it back).
    import_job: Job,
    /// The running embedding run (one at a time; cancelling keeps what is done).
    embedding_job: Job,
    /// The embedding model, loaded on first use.
    model: embedding::Model,
    caches: Caches,
    /// Why the workspace start-up tried to open could not be, until one opens.
    start_failure: Mutex<Option<StartFailure>>,
}

/// What is built from the open workspace and reused while it is unchanged.
#[derive(Default)]
struct Caches {
    /// Keyed by the catalogue's fingerprint and the number of product vectors.
    search: Cached<(String, i64), SearchIndex>,
    assistant: Cached<String, Assistant>,
    recommend: Cached<String, Recommender>,
}

impl Caches {
    fn clear(&self) {
        self.search.clear();
        self.assistant.clear();
        self.recommend.clear();
    }
}

impl Engine {
    pub fn new(dirs: AppDirs) -> Self {
        let model = embedding::Model::new(dirs.root().join("models"));
        Self {
            dirs,
            current: Mutex::new(None),
            import_job: Job::default(),
            embedding_job: Job::default(),
            model,
            caches: Caches::default(),
            start_failure: Mutex::new(None),
        }
    }

    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    fn lock(&self) -> MutexGuard<'_, Option<Workspace>> {
        state::lock(&self.current)
    }

    /// Runs `f` on the open workspace, or fails with `NoWorkspace`.
    fn with_current<T>(&self, f: impl FnOnce(&Workspace) -> Result<T>) -> Result<T> {
        let guard = self.lock();
        let ws = guard.as_ref().ok_or(EngineError::NoWorkspace)?;
        f(ws)
    }

    /// Saves settings with `save`, then returns them as `load` reads them
    /// back, so the caller sees what was stored.
    fn save_then_load<T, E: Into<EngineError>, F: Into<EngineError>>(
        &self,
        save: impl FnOnce(&Connection) -> std::result::Result<(), E>,
        load: impl FnOnce(&Connection) -> std::result::Result<T, F>,
    ) -> Result<T> {
        self.with_current(|ws| {
            save(ws.conn()).map_err(Into::into)?;
            load(ws.conn()).map_err(Into::into)
        })
    }
}
