// Generated from the Rust types in crates/engine/src/api.rs. Do not edit by hand:
// run `make bindings` (the test `bindings_are_current` fails when this file is stale).

export type ApiError = { code: string, message: string, details: unknown, };

export type AppInfo = { version: string, 
/**
 * Default folder for new workspaces.
 */
workspaces_dir: string, 
/**
 * The sample store's workspace, when it has been prepared.
 */
sample_workspace: string | null, };

export type Overview = { workspace: WorkspaceInfo, period: PeriodPreset, 
/**
 * First and last day covered, `YYYY-MM-DD`; null when there are no orders.
 */
from: string | null, to: string | null, currency: string, 
/**
 * Net revenue: totals of orders not cancelled, less refunds.
 */
revenue: number, orders: number, 
/**
 * Distinct identified customers who ordered in the period.
 */
customers: number, 
/**
 * Average order value: order totals of orders not cancelled ÷ orders.
 */
average_order_value: number, returning_customers: number, first_time_customers: number, 
/**
 * returning ÷ (returning + first-time); 0 when nobody ordered.
 */
returning_customer_rate: number, revenue_by_week: Array<WeekRevenue>, 
/**
 * Revenue by week drawn by the engine (plotters), as an SVG document.
 */
revenue_chart_svg: string, 
/**
 * True when the workspace holds no orders yet.
 */
empty: boolean, };

export type OverviewRequest = { period: PeriodPreset, };

export type PeriodPreset = "all_time" | "last_12_months" | "last_90_days" | "last_30_days";

export type WeekRevenue = { 
/**
 * ISO date of the Monday, `YYYY-MM-DD`.
 */
week_start: string, revenue: number, orders: number, };

export type WorkspaceInfo = { name: string, path: string, 
/**
 * Size of the DuckDB file on disk, in bytes; 0 when missing.
 */
size_bytes: number, 
/**
 * RFC 3339 time it was last opened through this app, if known.
 */
last_opened: string | null, 
/**
 * False when the file has been moved or deleted outside the app.
 */
exists: boolean, };
