//! The engine's public request and response types. Both adapters (the Tauri
//! shell and the `insights` CLI) speak these, and `ui/src/lib/bindings.ts` is
//! generated from them (see `tests/bindings.rs`), so the UI cannot drift.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI receives it: a stable machine code, a sentence for the
/// person, and optional structured details (file, line, column, ...).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
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
}

/// Where the app keeps its files and what it is.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// Default folder for new workspaces.
    pub workspaces_dir: String,
    /// The sample store's workspace, when it has been prepared.
    pub sample_workspace: Option<String>,
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
