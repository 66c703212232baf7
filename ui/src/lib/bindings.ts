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

export type Boost = { 
/**
 * `tag`, `vendor`, `category` or `product`.
 */
field: string, value: string, factor: number, };

export type EmbedProgress = { kind: string, label: string, done: number, total: number, };

export type EmbedReport = { embedded: number, 
/**
 * Items whose vector was already current (nothing to do).
 */
unchanged: number, 
/**
 * Vectors dropped because their item is gone or the model changed.
 */
removed: number, cancelled: boolean, seconds: number, };

export type EmbeddingCoverage = { 
/**
 * `product`, `kb_chunk` or `support_message`.
 */
kind: string, label: string, embedded: number, total: number, };

export type EmbeddingStatus = { model: ModelInfo, coverage: Array<EmbeddingCoverage>, 
/**
 * An embedding run is in progress.
 */
running: boolean, };

export type FacetCount = { value: string, count: number, };

export type Facets = { categories: Array<FacetCount>, vendors: Array<FacetCount>, 
/**
 * Bands of the lowest price: "under 25", "25–50", "50–100", "100–200",
 * "200 and more".
 */
prices: Array<FacetCount>, in_stock: number, out_of_stock: number, };

export type FilePreview = { path: string, file_name: string, size_bytes: number, 
/**
 * Stable id of the detected format, e.g. `shopify_orders`.
 */
format: string | null, 
/**
 * The detected format in words, e.g. "Shopify orders export".
 */
format_label: string | null, columns: Array<string>, rows: Array<Array<string | null>>, error: ApiError | null, };

export type Fusion = { "method": "rrf", k: number, keyword_weight: number, semantic_weight: number, } | { "method": "blend", alpha: number, };

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

export type MatchedTerm = { 
/**
 * The word as typed.
 */
term: string, 
/**
 * The catalog word it matched (differs when a typo was forgiven).
 */
matched: string, 
/**
 * `title`, `description`, `tags`, `vendor`, `category`, `sku`.
 */
field: string, typos: number, };

export type ModelInfo = { ready: boolean, model_id: string, folder: string | null, 
/**
 * What is wrong and how to get the files, when not ready.
 */
message: string, };

export type OutOfStock = "demote" | "hide" | "keep";

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

export type Pin = { query: string, product_ids: Array<string>, };

export type PrivacySettings = { 
/**
 * E-mails, phones, names and addresses are stored only as keyed hashes
 * (on by default). Applies to what is imported from now on.
 */
hash_personal_data: boolean, };

export type RejectedRow = { line: number | null, column: string | null, reason: string, raw: string | null, };

export type SearchFilters = { 
/**
 * Keep products in any of these categories (empty: all).
 */
categories: Array<string>, 
/**
 * Keep products from any of these vendors (empty: all).
 */
vendors: Array<string>, 
/**
 * Keep products whose lowest price is within the range.
 */
price_min: number | null, price_max: number | null, in_stock_only: boolean, };

export type SearchHit = { product_id: string, title: string, vendor: string, category: string, price_min: number | null, price_max: number | null, stock: number | null, in_stock: boolean, margin: number | null, image_url: string | null, skus: Array<string>, score: number, 
/**
 * 1-based ranks in each list before fusion.
 */
keyword_rank: number | null, semantic_rank: number | null, 
/**
 * Cosine similarity of the query and the product text.
 */
similarity: number | null, exact_match: string | null, matched_terms: Array<MatchedTerm>, 
/**
 * Business rules that moved this result.
 */
rules: Array<string>, 
/**
 * The reasons, in words, most important first.
 */
why: Array<string>, };

export type SearchMode = "hybrid" | "keyword" | "semantic";

export type SearchRequest = { query: string, filters: SearchFilters, limit: number, mode: SearchMode, };

export type SearchResponse = { query: string, mode: SearchMode, 
/**
 * Results after filters and rules (the list is cut at `limit`).
 */
total: number, hits: Array<SearchHit>, 
/**
 * Counts over the results; each facet ignores its own filter, so the
 * count is what a click on it would give.
 */
facets: Facets, 
/**
 * Results the business rules hid (out of stock, margin, blocked).
 */
hidden_by_rules: number, semantic_used: boolean, 
/**
 * Why semantic ranking was not used, when it was asked for.
 */
notice: string | null, 
/**
 * Products with a current vector, and in all.
 */
embedded_products: number, products: number, took_ms: number, };

export type SearchSettings = { fusion: Fusion, out_of_stock: OutOfStock, 
/**
 * Hide products whose lowest variant margin is below this (0.3 = 30%).
 */
min_margin: number | null, boosts: Array<Boost>, pins: Array<Pin>, 
/**
 * Products never shown.
 */
blocked: Array<string>, 
/**
 * Semantic matches below this cosine similarity are not results.
 */
min_similarity: number, };

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
