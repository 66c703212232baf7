//! The engine's public request and response types. Both adapters (the Tauri
//! shell and the `insights` CLI) speak these, and `ui/src/lib/bindings.ts` is
//! generated from them (see `tests/bindings.rs`), so the UI cannot drift.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI receives it: a stable machine code, a sentence for the
/// person, and optional structured details (file, line, column, ...).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    #[ts(type = "unknown")]
    pub details: Option<serde_json::Value>,
}

/// A workspace as listed in the switcher.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct WorkspaceInfo {
    pub name: String,
    pub path: String,
    /// Size of the DuckDB file on disk, in bytes; 0 when missing.
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// RFC 3339 time it was last opened through this app, if known.
    pub last_opened: Option<String>,
    /// False when the file has been moved or deleted outside the app.
    pub exists: bool,
    /// The store's currency (the one most orders are in); null before any
    /// order is imported, and for workspaces that are not open.
    pub currency: Option<String>,
}

/// Where the app keeps its files and what it is.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// Default folder for new workspaces.
    pub workspaces_dir: String,
    /// The sample store's workspace, when it has been prepared.
    pub sample_workspace: Option<String>,
    /// Set until a workspace opens: the one start-up tried to open, and why
    /// it could not.
    pub start_failure: Option<StartFailure>,
}

/// A workspace the app was to open at start-up and could not.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct StartFailure {
    /// The workspace file.
    pub path: String,
    /// Its name in the recent list, else the file's name.
    pub name: String,
    pub error: ApiError,
}

/// The period the Overview covers, relative to the workspace's latest order
/// (exports are history, so "last 30 days" means the last 30 days of data).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum PeriodPreset {
    #[default]
    AllTime,
    #[serde(rename = "last_12_months")]
    Last12Months,
    #[serde(rename = "last_90_days")]
    Last90Days,
    #[serde(rename = "last_30_days")]
    Last30Days,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, Default)]
pub struct OverviewRequest {
    pub period: PeriodPreset,
}

/// Revenue and orders of one week (weeks start on Monday).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct WeekRevenue {
    /// ISO date of the Monday, `YYYY-MM-DD`.
    pub week_start: String,
    pub revenue: f64,
    #[ts(type = "number")]
    pub orders: i64,
}

/// The key figures of a workspace over a period. Definitions are in
/// `docs/data-model.md` ("Key figures").
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct Overview {
    pub workspace: WorkspaceInfo,
    pub period: PeriodPreset,
    /// First and last day covered, `YYYY-MM-DD`; null when there are no orders.
    pub from: Option<String>,
    pub to: Option<String>,
    pub currency: String,
    /// Net revenue: totals of orders not cancelled, less refunds.
    pub revenue: f64,
    #[ts(type = "number")]
    pub orders: i64,
    /// Distinct identified customers who ordered in the period.
    #[ts(type = "number")]
    pub customers: i64,
    /// Average order value: order totals of orders not cancelled ÷ orders.
    pub average_order_value: f64,
    #[ts(type = "number")]
    pub returning_customers: i64,
    #[ts(type = "number")]
    pub first_time_customers: i64,
    /// returning ÷ (returning + first-time); 0 when nobody ordered.
    pub returning_customer_rate: f64,
    pub revenue_by_week: Vec<WeekRevenue>,
    /// Revenue by week drawn by the engine (plotters), as an SVG document.
    pub revenue_chart_svg: String,
    /// True when the workspace holds no orders yet.
    pub empty: bool,
}

/// A file as it will be imported: what it was recognised as and its first
/// rows. `error` says why it cannot be imported, when it cannot.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct FilePreview {
    pub path: String,
    pub file_name: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// Stable id of the detected format, e.g. `shopify_orders`.
    pub format: Option<String>,
    /// The detected format in words, e.g. "Shopify orders export".
    pub format_label: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Option<String>>>,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, Default)]
pub struct ImportRequest {
    /// Files or folders.
    pub paths: Vec<String>,
    /// Fail on the first bad row instead of setting bad rows aside.
    pub strict: bool,
    /// Currency of amounts in files that do not name one, e.g. "GBP".
    pub currency: Option<String>,
    /// For files that are not a known export: field (`invoice`, `sku`,
    /// `description`, `quantity`, `date`, `unit_price`, `customer`,
    /// `country`) → the file's column. When null, a mapping saved earlier for
    /// the same columns is used.
    #[ts(type = "Record<string, string> | null")]
    pub mapping: Option<std::collections::BTreeMap<String, String>>,
    /// Read files again even when one with the same contents was imported
    /// before (otherwise such a file is skipped as unchanged).
    #[serde(default)]
    pub force: bool,
}

impl ImportRequest {
    /// An import of these files or folders with the default options.
    pub fn of<P: AsRef<std::path::Path>>(paths: &[P]) -> Self {
        ImportRequest { paths: paths.iter().map(|p| p.as_ref().display().to_string()).collect(), ..Self::default() }
    }
}

/// Where an import is with one file.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ImportStep {
    Reading,
    Storing,
    Done,
}

impl ImportStep {
    /// The step in words, as progress lines show it.
    pub fn label(self) -> &'static str {
        match self {
            ImportStep::Reading => "reading",
            ImportStep::Storing => "storing",
            ImportStep::Done => "done",
        }
    }
}

impl From<insights_import::Step> for ImportStep {
    fn from(step: insights_import::Step) -> Self {
        match step {
            insights_import::Step::Reading => ImportStep::Reading,
            insights_import::Step::Mapping => ImportStep::Storing,
            insights_import::Step::Done => ImportStep::Done,
        }
    }
}

/// Progress of a running import, sent as the `import-progress` event.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportProgress {
    pub file_name: String,
    pub step: ImportStep,
    /// Files finished so far, and in all.
    pub done: u32,
    pub total: u32,
}

/// One file of an import, or one line of the import history.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportedFile {
    /// Identifies the import in the history (for its rejected rows); empty
    /// for a file just imported whose history entry is not read back.
    pub import_id: String,
    pub file_name: String,
    pub format: String,
    /// `YYYY-MM-DD HH:MM:SS` (UTC) for history entries.
    pub started_at: Option<String>,
    #[ts(type = "number")]
    pub rows_read: i64,
    #[ts(type = "number")]
    pub inserted: i64,
    #[ts(type = "number")]
    pub updated: i64,
    #[ts(type = "number")]
    pub rejected: i64,
    #[ts(type = "number")]
    pub duration_ms: i64,
    /// What the import noticed and imported anyway, such as a SKU shared by
    /// several variants.
    pub warnings: Vec<ImportWarning>,
    /// Set when the file was skipped because one with the same contents was
    /// imported before: when that import started (`YYYY-MM-DD HH:MM:SS`,
    /// UTC); `import_id` is then that import's.
    pub unchanged_since: Option<String>,
    /// Set when the file, found in a folder, was left out: why (a document
    /// that is not a store policy).
    pub not_imported: Option<String>,
}

/// Something an import noticed about a file and imported anyway.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ImportWarning {
    /// `shared_sku`, `unknown_intent_labels`, ...
    pub code: String,
    pub message: String,
}

impl From<insights_import::Warning> for ImportWarning {
    fn from(w: insights_import::Warning) -> Self {
        ImportWarning { code: w.code, message: w.message }
    }
}

/// A row an import set aside, and why.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct RejectedRow {
    /// The row's line in the file.
    #[ts(type = "number | null")]
    pub line: Option<i64>,
    /// Its record number (the header is record 1): earlier than the line
    /// when fields above it hold line breaks.
    #[ts(type = "number | null")]
    pub record: Option<i64>,
    pub column: Option<String>,
    pub reason: String,
    pub raw: Option<String>,
}

/// How the open workspace treats customers' personal data.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct PrivacySettings {
    /// E-mails, phones, names and addresses are stored only as keyed hashes
    /// (on by default). Applies to what is imported from now on.
    pub hash_personal_data: bool,
}

/// One kind of personal data the open workspace holds, counted.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PersonalDataItem {
    pub table: String,
    pub column: String,
    /// In words, e.g. "Customer e-mails".
    pub label: String,
    /// Rows holding it only as a keyed hash.
    #[ts(type = "number")]
    pub hashed: u64,
    /// Rows holding it in plain text.
    #[ts(type = "number")]
    pub plain: u64,
    /// What it is and how to remove it, when that needs saying.
    pub note: Option<String>,
}

/// "What personal data is stored": counts per table and column.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PersonalDataReport {
    /// Whether new imports store personal data as keyed hashes.
    pub hashing: bool,
    #[ts(type = "number")]
    pub customers: u64,
    pub items: Vec<PersonalDataItem>,
}

/// Erase one customer's data across every table (right to erasure).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct ErasureRequest {
    /// The customer's id in this workspace, the store's own customer id,
    /// their e-mail address or phone number.
    pub customer: String,
    /// Count what would be deleted without deleting it.
    pub dry_run: bool,
}

/// Rows of one table.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct TableRows {
    pub table: String,
    #[ts(type = "number")]
    pub rows: u64,
}

/// What an erasure deleted (or, in a dry run, would delete).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct ErasureReport {
    pub customer_id: String,
    /// The customer as the app shows them (no personal data).
    pub label: String,
    pub dry_run: bool,
    /// Tables with at least one row of this customer's.
    pub tables: Vec<TableRows>,
    #[ts(type = "number")]
    pub total_rows: u64,
}

/// The whole workspace written as one Parquet file per table.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct WorkspaceExport {
    /// The folder holding the files.
    pub folder: String,
    /// One entry per table, in file-name order.
    pub tables: Vec<TableRows>,
    #[ts(type = "number")]
    pub total_rows: u64,
}

/// A field a column mapping fills, for files that are not a known export.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Eq)]
pub struct MappingField {
    /// What kind of file the field belongs to: `transactions` (sales lines)
    /// or `catalogue`; `ImportRequest.mapping["kind"]` says which one a file is.
    pub kind: String,
    /// That kind in words.
    pub kind_label: String,
    /// Key in `ImportRequest.mapping`, e.g. `unit_price`.
    pub name: String,
    /// In words, e.g. "Unit price".
    pub label: String,
    pub required: bool,
    /// Another field that satisfies this required one when chosen instead.
    pub or: Option<String>,
}

pub use insights_search::{
    Boost, FacetCount, Facets, Fusion, HitVariant, MatchedTerm, OutOfStock, Pin, SearchFilters, SearchHit, SearchMode,
    SearchRequest, SearchResponse, SearchSettings,
};

/// Whether the embedding model is installed and intact.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ModelInfo {
    pub ready: bool,
    pub model_id: String,
    pub folder: Option<String>,
    /// What is wrong and how to get the files, when not ready.
    pub message: String,
}

/// How many items of one kind have a current vector.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct EmbeddingCoverage {
    /// `product`, `kb_chunk` or `support_message`.
    pub kind: String,
    pub label: String,
    pub embedded: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct EmbeddingStatus {
    pub model: ModelInfo,
    pub coverage: Vec<EmbeddingCoverage>,
    /// An embedding run is in progress.
    pub running: bool,
}

/// Sent after every batch of an embedding run.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct EmbedProgress {
    pub kind: String,
    pub label: String,
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct EmbedReport {
    pub embedded: u32,
    /// Items whose vector was already current (nothing to do).
    pub unchanged: u32,
    /// Vectors dropped because their item is gone or the model changed.
    pub removed: u32,
    pub cancelled: bool,
    pub seconds: f64,
}

// ---------------------------------------------------------------- experiments

pub use insights_experiments::{
    Comparison, Correction, Engine as StatsEngine, ExperimentStatus, ExperimentWarning, Interval, MetricKind,
    MetricResult, Plan, PlanInput, Settings as ExperimentSettings, Summary, VariantUsers,
};

/// One experiment in the list.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ExperimentItem {
    pub id: String,
    pub name: String,
    /// First and last event, `YYYY-MM-DD`.
    pub started: Option<String>,
    pub ended: Option<String>,
    #[ts(type = "number")]
    pub days: i64,
    #[ts(type = "number")]
    pub users: u64,
    pub variants: Vec<String>,
    pub status: ExperimentStatus,
    /// The summary's first sentence.
    pub headline: String,
}

/// Charts of one experiment, as SVG for the screen.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq, Default)]
pub struct ExperimentCharts {
    pub cumulative_conversion_svg: String,
    pub lift_svg: String,
    pub funnel_svg: String,
    pub segments_svg: String,
}

/// Everything the Experiments screen shows for one experiment.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct ExperimentReport {
    pub id: String,
    pub name: String,
    pub control: String,
    pub started: Option<String>,
    pub ended: Option<String>,
    #[ts(type = "number")]
    pub days: i64,
    pub variants: Vec<VariantUsers>,
    pub srm_p_value: f64,
    pub status: ExperimentStatus,
    /// Plain-language sentences, most important first.
    pub summary: Vec<String>,
    pub warnings: Vec<ExperimentWarning>,
    pub metrics: Vec<MetricResult>,
    pub segments: Vec<MetricResult>,
    pub settings: ExperimentSettings,
    pub charts: ExperimentCharts,
    pub took_ms: f64,
}

/// Which chart of an experiment to export.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, TS, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentChart {
    CumulativeConversion,
    Lift,
    Funnel,
    Segments,
}

/// A sample-size plan and its power curve.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct PlanReport {
    pub plan: Plan,
    pub power_curve_svg: String,
    pub summary: String,
}

// ----------------------------------------------------------------------- KPIs

pub use insights_kpi::{
    Cohort, IntentKpis, Rfm, RfmCell, RfmScore, RfmSegment, RfmSegmentSummary, StoreKpis, SupportKpis,
};

/// The KPIs below the Overview's headline figures. Definitions: docs/kpis.md.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct KpiReport {
    pub period: PeriodPreset,
    pub store: StoreKpis,
    pub support: SupportKpis,
    /// The most recent cohorts (by month of first order), oldest first.
    pub cohorts: Vec<Cohort>,
    pub rfm: Rfm,
    pub cohort_chart_svg: String,
    pub rfm_chart_svg: String,
}

// ------------------------------------------------------------------ assistant

pub use insights_assistant::{
    AskRequest, AssistantAnswer, AssistantSettings, Citation, ConfusionCell, Escalation, EscalationReason,
    EvaluatedMessage, Evaluation, ImportedLabel, IntentDef, IntentScore, LabelChoice, LabelUse, ReasonCount,
    SourceKind, SweepPoint,
};

/// A batch evaluation with its threshold-sweep chart.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct AssistantEvaluation {
    pub evaluation: Evaluation,
    pub sweep_chart_svg: String,
}

// ------------------------------------------------------------ recommendations

pub use insights_recommend::{
    Bundle, CustomerRecommendations, CustomerSummary, MethodScore, PreferenceQuiz, ProductRecommendations,
    ProductSummary, PurchasedItem, QuizPicks, RecommendEvaluation, RecommendSettings, Recommendation, SizeAdvice,
};

/// The time-based split of an offline evaluation; dates `YYYY-MM-DD`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct RecommendEvalRequest {
    /// First day of the test window (default: 99 days before its end).
    pub cutoff: Option<String>,
    /// Last day of the test window (default: the last order's day).
    pub end: Option<String>,
    /// List length for HR@k and NDCG@k.
    #[serde(default = "ten")]
    pub k: u32,
}

fn ten() -> u32 {
    10
}

/// An offline evaluation with its chart (methods side by side per measure).
#[derive(Debug, Clone, Serialize, Deserialize, TS, PartialEq)]
pub struct RecommendEvalReport {
    pub evaluation: RecommendEvaluation,
    pub chart_svg: String,
}
