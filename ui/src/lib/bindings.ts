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

export type FilePreview = { path: string, file_name: string, size_bytes: number, 
/**
 * Stable id of the detected format, e.g. `shopify_orders`.
 */
format: string | null, 
/**
 * The detected format in words, e.g. "Shopify orders export".
 */
format_label: string | null, columns: Array<string>, rows: Array<Array<string | null>>, error: ApiError | null, };

export type ImportProgress = { file_name: string, 
/**
 * `reading`, `storing` or `done`.
 */
step: string, 
/**
 * Files finished so far, and in all.
 */
done: number, total: number, };

export type ImportRequest = { 
/**
 * Files or folders.
 */
paths: Array<string>, 
/**
 * Fail on the first bad row instead of setting bad rows aside.
 */
strict: boolean, 
/**
 * Currency of amounts in files that do not name one, e.g. "GBP".
 */
currency: string | null, 
/**
 * For files that are not a known export: field (`invoice`, `sku`,
 * `description`, `quantity`, `date`, `unit_price`, `customer`,
 * `country`) → the file's column. When null, a mapping saved earlier for
 * the same columns is used.
 */
mapping: Record<string, string> | null, };

export type ImportedFile = { 
/**
 * Identifies the import in the history (for its rejected rows); empty
 * for a file just imported whose history entry is not read back.
 */
import_id: string, file_name: string, format: string, 
/**
 * `YYYY-MM-DD HH:MM:SS` (UTC) for history entries.
 */
started_at: string | null, rows_read: number, inserted: number, updated: number, rejected: number, duration_ms: number, };

export type MappingField = { 
/**
 * Key in `ImportRequest.mapping`, e.g. `unit_price`.
 */
name: string, 
/**
 * In words, e.g. "Unit price".
 */
label: string, required: boolean, };

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

export type PrivacySettings = { 
/**
 * E-mails, phones, names and addresses are stored only as keyed hashes
 * (on by default). Applies to what is imported from now on.
 */
hash_personal_data: boolean, };

export type RejectedRow = { line: number | null, column: string | null, reason: string, raw: string | null, };

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
