//! Workspaces: one DuckDB file per store or client. This crate owns opening,
//! creating, migrating, renaming and deleting those files, the list of recent
//! workspaces, and the keyed hashing of personal data. It knows nothing about
//! export formats (see `insights-import`) or figures (see `insights-kpi`).

mod error;
mod migrations;
mod privacy;
mod recent;
pub mod settings;
mod space;
pub mod sql;
mod workspace;

pub use duckdb;
pub use error::StoreError;
pub use migrations::{Migration, LATEST_SCHEMA_VERSION, MIGRATIONS};
pub use privacy::PiiHasher;
pub use recent::{AppDirs, RecentEntry, RecentWorkspaces};
pub use space::{available_space, ensure_space};
pub use workspace::{file_name_for, inspect, Workspace, WORKSPACE_EXTENSION};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
