use std::path::PathBuf;

use crate::api::ApiError;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("no workspace is open: create one or open the sample store")]
    NoWorkspace,

    #[error("the sample store's export files are not in {path}; run `insights sample --out {path}` to make them")]
    SampleDataMissing { path: PathBuf },

    #[error(transparent)]
    Store(#[from] insights_store::StoreError),

    #[error(transparent)]
    Import(#[from] insights_import::ImportError),

    #[error(transparent)]
    Kpi(#[from] insights_kpi::KpiError),

    #[error(transparent)]
    Sample(#[from] insights_sample::SampleError),

    #[error(transparent)]
    Embed(#[from] insights_embed::EmbedError),

    #[error(transparent)]
    Search(#[from] insights_search::SearchError),

    #[error(transparent)]
    Assistant(#[from] insights_assistant::AssistantError),

    #[error(transparent)]
    Recommend(#[from] insights_recommend::RecommendError),

    #[error("there is no experiment {id} in this workspace; import its event log first")]
    ExperimentNotFound { id: String },

    #[error("there is no import {id} in this workspace's history; `insights import history` lists them")]
    ImportNotFound { id: String },

    #[error("{message}")]
    InvalidSettings { message: String },

    #[error("an import is already running in this workspace; wait for it to finish (or cancel it), then import again")]
    ImportBusy,

    /// The query is not repeated: it is often an e-mail address.
    #[error("no customer in this workspace has that e-mail address, phone number or customer id; check it, or find the customer on the Recommendations screen")]
    CustomerNotFound,

    #[error("embedding is already running for this workspace; wait for it to finish or cancel it")]
    EmbeddingBusy,

    #[error("embedding was cancelled; what was finished is kept and the next run resumes from there")]
    EmbeddingCancelled,

    #[error("{action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// A query's error is the store's: every engine module can use `?` on it.
impl From<insights_store::duckdb::Error> for EngineError {
    fn from(e: insights_store::duckdb::Error) -> Self {
        EngineError::Store(insights_store::StoreError::from(e))
    }
}

impl EngineError {
    pub fn code(&self) -> &'static str {
        match self {
            EngineError::NoWorkspace => "no_workspace",
            EngineError::SampleDataMissing { .. } => "sample_data_missing",
            EngineError::Store(e) => e.code(),
            EngineError::Import(e) => e.code(),
            EngineError::Kpi(e) => e.code(),
            EngineError::Sample(e) => e.code(),
            EngineError::Embed(e) => e.code(),
            EngineError::Search(e) => e.code(),
            EngineError::Assistant(e) => e.code(),
            EngineError::Recommend(e) => e.code(),
            EngineError::ExperimentNotFound { .. } => "experiment_not_found",
            EngineError::ImportNotFound { .. } => "import_not_found",
            EngineError::InvalidSettings { .. } => "invalid_settings",
            EngineError::EmbeddingBusy => "embedding_busy",
            EngineError::ImportBusy => "import_busy",
            EngineError::CustomerNotFound => "customer_not_found",
            EngineError::EmbeddingCancelled => "cancelled",
            EngineError::Io { .. } => "io",
        }
    }

    /// Structured facts the UI can show beside the message.
    pub(crate) fn details(&self) -> Option<serde_json::Value> {
        use insights_import::ImportError as I;
        use insights_store::StoreError as S;
        match self {
            EngineError::Store(S::NewerVersion { path, found, supported }) => {
                Some(serde_json::json!({ "path": path, "found": found, "supported": supported }))
            }
            EngineError::Store(
                S::NotFound { path } | S::Damaged { path, .. } | S::NotAWorkspace { path, .. } | S::Locked { path },
            ) => Some(serde_json::json!({ "path": path })),
            EngineError::Import(I::RowRejected { file, line, record, column, reason }) => Some(
                serde_json::json!({ "file": file, "line": line, "record": record, "column": column, "reason": reason }),
            ),
            EngineError::Import(I::MissingColumns { file, detected_format, missing }) => {
                Some(serde_json::json!({ "file": file, "detected_format": detected_format, "missing": missing }))
            }
            EngineError::Import(I::NeedsMapping { file, columns, suggestion, unplaced }) => Some(
                serde_json::json!({ "file": file, "columns": columns, "suggestion": suggestion, "unplaced": unplaced }),
            ),
            EngineError::Import(I::UnknownFormat { file, header }) => {
                Some(serde_json::json!({ "file": file, "header": header }))
            }
            _ => None,
        }
    }
}

impl From<EngineError> for ApiError {
    fn from(e: EngineError) -> Self {
        ApiError::from(&e)
    }
}

impl From<&EngineError> for ApiError {
    fn from(e: &EngineError) -> Self {
        ApiError { code: e.code().to_string(), message: e.to_string(), details: e.details() }
    }
}
