//! Local text embeddings. The model (all-MiniLM-L6-v2, int8 ONNX) and ONNX
//! Runtime are loaded from files on disk, verified against the SHA-256 values
//! pinned in `models.lock.json`; nothing is fetched at run time. Vectors live
//! in the workspace's `embeddings` table, keyed by owner, model and text hash.

mod model;
pub mod store;

use std::path::PathBuf;

pub use model::{
    candidate_dirs, disable_runtime_telemetry, locate, locked_files, model_id, normalize, status, verify, Embedder,
    LockedFile, ModelStatus, DIMENSIONS, HOW_TO_GET, MAX_TOKENS, MODELS_ENV, RUNTIME_FILE,
};
pub use store::{OwnerKind, RunProgress, RunReport, Vectors};

pub type Result<T, E = EmbedError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("The embedding model is not installed (looked in {}). {HOW_TO_GET}", list(searched))]
    ModelsMissing { searched: Vec<PathBuf> },
    #[error("{} is damaged or not the pinned file (SHA-256 {actual}, expected {expected}). Delete it and fetch it again: {HOW_TO_GET}", path.display())]
    Corrupt { path: PathBuf, expected: String, actual: String },
    #[error("could not read {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("ONNX Runtime: {0}. {HOW_TO_GET}")]
    Runtime(String),
    #[error("database: {0}")]
    Db(#[from] insights_store::duckdb::Error),
}

impl EmbedError {
    /// The same failure again, for an error kept and returned on later
    /// calls: same code, same message.
    pub fn again(&self) -> EmbedError {
        match self {
            EmbedError::ModelsMissing { searched } => EmbedError::ModelsMissing { searched: searched.clone() },
            EmbedError::Corrupt { path, expected, actual } => {
                EmbedError::Corrupt { path: path.clone(), expected: expected.clone(), actual: actual.clone() }
            }
            EmbedError::Io { path, source } => {
                EmbedError::Io { path: path.clone(), source: std::io::Error::new(source.kind(), source.to_string()) }
            }
            EmbedError::Runtime(msg) => EmbedError::Runtime(msg.clone()),
            EmbedError::Db(e) => EmbedError::Runtime(format!("database: {e}")),
        }
    }

    /// Stable code for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            EmbedError::ModelsMissing { .. } => "models_missing",
            EmbedError::Corrupt { .. } => "models_corrupt",
            EmbedError::Io { .. } => "io",
            EmbedError::Runtime(_) => "embedding_runtime",
            EmbedError::Db(_) => "database",
        }
    }
}

fn list(paths: &[PathBuf]) -> String {
    if paths.is_empty() {
        return "no folder".into();
    }
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// The dot product of two vectors: their cosine similarity, since every
/// stored vector is of unit length. The one implementation every crate uses.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    // Eight accumulators let the compiler keep the loop in vector registers.
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    for (x, y) in ca.clone().zip(cb.clone()) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    let tail: f32 = ca.remainder().iter().zip(cb.remainder()).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_counts_every_component() {
        let a: Vec<f32> = (1..=11).map(|i| i as f32).collect();
        assert_eq!(dot(&a, &a), (1..=11).map(|i| (i * i) as f32).sum::<f32>());
    }

    #[test]
    fn a_remembered_failure_keeps_its_code_and_message() {
        let missing = EmbedError::ModelsMissing { searched: vec![PathBuf::from("/nowhere/models")] };
        let again = missing.again();
        assert_eq!(again.code(), "models_missing");
        assert_eq!(again.to_string(), missing.to_string());
        assert_eq!(again.to_string().matches("make models").count(), 1, "how to get the model is said once");
    }
}
