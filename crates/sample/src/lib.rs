//! Sample store generator: writes a believable, fictional outdoor-gear shop
//! ("Tarnwood Outfitters") as the same export files a merchant would download
//! from Shopify, plus a knowledge base, support conversations and A/B-test events.
//!
//! Everything is seeded and deterministic: the same [`SampleOptions`] give
//! byte-identical files. The store's history is fixed to the 24 months
//! 2024-11-01 .. 2026-10-31; no wall-clock time is read.
//!
//! Layout written under `out_dir` (with the default `zstd_level: Some(19)`):
//! - `shopify/products_export.csv.zst`, `shopify/orders_export.csv.zst`,
//!   `shopify/customers_export.csv.zst`, `shopify/returns.csv.zst`
//! - `knowledge-base/*.md`
//! - `support/conversations.csv.zst`
//! - `experiments/events.csv.zst`
//! - `README.md`
//!
//! Every CSV is a single zstd frame (long-distance matching, 2^27 window,
//! single-threaded, so the bytes only depend on the options); `zstd -d` and
//! DuckDB read them directly. With `zstd_level: None` the same files are
//! written as plain `.csv` (no `.zst` suffix). Markdown files are always plain.

mod catalog;
mod customers;
mod experiments;
mod geo;
mod kb;
mod names;
mod orders;
mod readme;
mod support;
mod util;

/// The return reasons of the returns file (Shopify's) and the intents of the
/// support conversations, as the files spell them.
pub use orders::RETURN_REASONS;
pub use support::INTENTS;

use std::path::{Path, PathBuf};

/// What to generate: the seed, a size multiplier (scale 1 is the default size:
/// about 1,500 products, 8,000 customers and 60,000 orders) and the compression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleOptions {
    pub seed: u64,
    pub scale: u32,
    /// `Some(level)`: write every CSV zstd-compressed at that level as
    /// `*.csv.zst` (long-distance matching, window log 27, single-threaded:
    /// byte-identical for the same seed, scale and level). `None`: plain `*.csv`,
    /// e.g. for large benchmark stores.
    pub zstd_level: Option<i32>,
}

impl Default for SampleOptions {
    fn default() -> Self {
        SampleOptions { seed: 7, scale: 1, zstd_level: Some(19) }
    }
}

/// Counts of what was written, and the files (relative to nothing: full paths
/// under the output directory), in the order they were written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SampleSummary {
    pub products: usize,
    pub variants: usize,
    pub customers: usize,
    pub orders: usize,
    pub order_lines: usize,
    pub returns: usize,
    pub kb_documents: usize,
    pub conversations: usize,
    pub experiment_visitors: usize,
    pub files: Vec<PathBuf>,
}

/// The generation stages reported through the progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    Products,
    Customers,
    Orders,
    KnowledgeBase,
    Support,
    Experiments,
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    #[error("scale must be at least 1 (got {0})")]
    InvalidScale(u32),
    #[error("could not create directory {path}: {source}")]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not write {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("could not write CSV {path}: {source}")]
    Csv {
        path: PathBuf,
        #[source]
        source: csv::Error,
    },
}

impl SampleError {
    /// The stable code the adapters report (`ApiError.code`).
    pub fn code(&self) -> &'static str {
        "sample_failed"
    }
}

/// Generates the whole sample store under `out_dir` (created if missing; files
/// already there with the same names are overwritten).
///
/// `progress` is called with the current stage and how far it has got
/// (`done` of `total` units; units differ per stage).
pub fn generate(
    opts: &SampleOptions,
    out_dir: &Path,
    progress: &mut dyn FnMut(Stage, u64, u64),
) -> Result<SampleSummary, SampleError> {
    if opts.scale == 0 {
        return Err(SampleError::InvalidScale(opts.scale));
    }
    let mut summary = SampleSummary::default();
    for sub in ["shopify", "knowledge-base", "support", "experiments"] {
        let p = out_dir.join(sub);
        std::fs::create_dir_all(&p).map_err(|source| SampleError::CreateDir { path: p.clone(), source })?;
    }
    let scale = opts.scale as usize;
    let z = opts.zstd_level;
    let csv = |stem: &str| util::csv_name(stem, z);

    // Products.
    let catalog = catalog::Catalog::generate(opts.seed, scale, progress);
    let path = out_dir.join("shopify").join(csv("products_export"));
    catalog.write(&path, z)?;
    summary.products = catalog.products.len();
    summary.variants = catalog.variants.len();
    summary.files.push(path);

    // Customers (written after the orders, whose totals they carry).
    let mut customers = customers::Customers::generate(opts.seed, scale, progress);

    // Orders and returns.
    let orders_path = out_dir.join("shopify").join(csv("orders_export"));
    let returns_path = out_dir.join("shopify").join(csv("returns"));
    let ord = orders::simulate(opts.seed, scale, &catalog, &mut customers, &orders_path, &returns_path, z, progress)?;
    summary.orders = ord.orders;
    summary.order_lines = ord.lines;
    summary.returns = ord.returns;
    summary.files.push(orders_path);
    let path = out_dir.join("shopify").join(csv("customers_export"));
    customers.write(&path, z)?;
    summary.customers = customers.list.len();
    summary.files.push(path);
    summary.files.push(returns_path);

    // Knowledge base.
    let docs = kb::DOCUMENTS;
    for (i, (name, text)) in docs.iter().enumerate() {
        progress(Stage::KnowledgeBase, i as u64, docs.len() as u64);
        let path = out_dir.join("knowledge-base").join(name);
        util::write_file(&path, text.as_bytes())?;
        summary.files.push(path);
    }
    progress(Stage::KnowledgeBase, docs.len() as u64, docs.len() as u64);
    summary.kb_documents = docs.len();

    // Support conversations.
    let path = out_dir.join("support").join(csv("conversations"));
    summary.conversations = support::write(opts.seed, scale, &catalog, &ord.refs, &path, z, progress)?;
    summary.files.push(path);

    // Experiments.
    let path = out_dir.join("experiments").join(csv("events"));
    summary.experiment_visitors = experiments::write(opts.seed, scale, &path, z, progress)?;
    summary.files.push(path);

    // README.
    let path = out_dir.join("README.md");
    let text = readme::render(opts, &summary, &ord.stats);
    util::write_file(&path, text.as_bytes())?;
    summary.files.push(path);

    Ok(summary)
}
