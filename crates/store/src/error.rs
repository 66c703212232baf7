use std::path::PathBuf;

/// Everything that can go wrong with a workspace file, named so the UI can
/// say what happened and what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no workspace at {path}: the file does not exist (was it moved or deleted?)")]
    NotFound { path: PathBuf },

    #[error("{path} already exists; choose another name or folder")]
    AlreadyExists { path: PathBuf },

    #[error("{path} is not a Merchant Insights workspace: {reason}")]
    NotAWorkspace { path: PathBuf, reason: String },

    #[error("{path} looks damaged and could not be opened ({reason}); the file was left untouched — restore it from a backup or create a new workspace")]
    Damaged { path: PathBuf, reason: String },

    #[error("{path} was written by a newer version of Merchant Insights (schema {found}, this version understands up to {supported}); it was left untouched — update the app to open it")]
    NewerVersion { path: PathBuf, found: i64, supported: i64 },

    #[error("{path} is in use by another program (is the app or the `insights` command already running on it?)")]
    Locked { path: PathBuf },

    #[error("migration {version} ({name}) failed on {path}: {reason}; the workspace was left as it was")]
    Migration { path: PathBuf, version: i64, name: String, reason: String },

    #[error("invalid workspace name: {reason}")]
    InvalidName { reason: String },

    #[error("the saved {setting} of this workspace could not be read ({reason}); open them, check them and save them again to replace them")]
    UnreadableSetting { setting: String, reason: String },

    #[error("{what} needs about {} MB of free disk space beside {path}, but only {} MB are free; free some space or move the workspace to a larger disk — nothing was written", needed / 1_000_000 + 1, available / 1_000_000)]
    DiskTooSmall { what: &'static str, path: PathBuf, needed: u64, available: u64 },

    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Db(#[from] duckdb::Error),
}

impl StoreError {
    /// Stable code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound { .. } => "workspace_not_found",
            StoreError::AlreadyExists { .. } => "workspace_exists",
            StoreError::NotAWorkspace { .. } => "not_a_workspace",
            StoreError::Damaged { .. } => "workspace_damaged",
            StoreError::NewerVersion { .. } => "workspace_newer_version",
            StoreError::Locked { .. } => "workspace_locked",
            StoreError::Migration { .. } => "migration_failed",
            StoreError::InvalidName { .. } => "invalid_name",
            StoreError::UnreadableSetting { .. } => "unreadable_setting",
            StoreError::DiskTooSmall { .. } => "disk_full",
            StoreError::Io { .. } => "io",
            StoreError::Db(_) => "database",
        }
    }

    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { action, path, source }
    }
}
