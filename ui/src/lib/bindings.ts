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
sample_workspace: string | null, 
/**
 * Set until a workspace opens: the one start-up tried to open, and why
 * it could not.
 */
start_failure: StartFailure | null, };

export type AskRequest = { message: string, 
/**
 * The customer's e-mail, when the store requires it for order questions.
 */
email: string | null, };

export type AssistantAnswer = { intent: string, intent_label: string, confidence: number, 
/**
 * Confidence of the first intent minus the second's.
 */
margin: number, 
/**
 * The three most likely intents.
 */
top_intents: Array<IntentScore>, 
/**
 * The reply as the customer would read it; the escalation hand-over
 * message when escalated.
 */
answer: string, citations: Array<Citation>, escalation: Escalation | null, 
/**
 * Order number found in the message, if any.
 */
order_id: string | null, 
/**
 * True when the local generator worded the answer (from the same sources).
 */
generated: boolean, 
/**
 * Why the generator's wording is not used, when it is switched on but failed.
 */
notice: string | null, took_ms: number, };

export type AssistantEvaluation = { evaluation: Evaluation, sweep_chart_svg: string, };

export type AssistantSettings = { 
/**
 * Escalate when the top intent's confidence is below this (Rasa: 0.3).
 */
confidence_threshold: number, 
/**
 * Escalate when the first two intents are closer than this (Rasa: 0.1).
 */
margin_threshold: number, 
/**
 * Order questions need the order's e-mail as well as its number.
 */
require_email: boolean, 
/**
 * Optional local generator: the base URL of an OpenAI-compatible server
 * on this computer (`http://127.0.0.1:11434/v1` for Ollama). Off (null)
 * by default; only loopback addresses are accepted.
 */
generator_url: string | null, 
/**
 * The model name the generator serves.
 */
generator_model: string, };

export type Boost = { 
/**
 * `tag`, `vendor`, `category` or `product`.
 */
field: string, value: string, factor: number, };

export type Bundle = { 
/**
 * The anchor first.
 */
items: Array<Recommendation>, list_price: number, discount: number, price: number, 
/**
 * (price − cost) ÷ price; null when an item has no cost.
 */
margin: number | null, why: Array<string>, };

export type Citation = { kind: SourceKind, 
/**
 * kb chunk id, product id or order id.
 */
id: string, 
/**
 * "Returns and exchanges › Refunds", a product title, "Order #1042".
 */
title: string, 
/**
 * The source text itself, as the UI shows it when the citation is opened.
 */
body: string, };

export type Cohort = { 
/**
 * First day of the month of the first order, `YYYY-MM-DD`.
 */
month: string, 
/**
 * Customers in the cohort.
 */
size: number, 
/**
 * Index k: customers of the cohort with a non-cancelled order in the
 * k-th month after their first (k = 0 is the first month, so everyone);
 * null for months after the data's last order month (not observable yet).
 */
active: Array<number | null>, 
/**
 * Index k: active ÷ size, null when not observable.
 */
retention: Array<number | null>, };

export type Comparison = { control: Summary, treatment: Summary, 
/**
 * Treatment − control with its confidence interval (always-valid when
 * `settings.sequential`).
 */
absolute: Interval, 
/**
 * Relative lift (treatment − control) / control with its delta-method
 * confidence interval (always-valid when `settings.sequential`).
 */
relative: Interval, 
/**
 * The p-value a verdict uses: the test of the relative lift whose
 * interval is `relative` (gbstats' relative t-test, or its always-valid
 * sequential test when `settings.sequential`), so it is below alpha
 * exactly when `relative` excludes 0. Not yet corrected for multiple
 * comparisons (see `adjust_p_values` and `interval_alphas`).
 */
p_value: number, 
/**
 * The classic fixed-horizon test of the absolute difference, for
 * reference: two-proportion z-test for a conversion rate, Welch's t-test
 * for a mean, delta-method t-test for a ratio, Welch's t-test on the
 * adjusted values when CUPED applied.
 */
fixed_p_value: number, 
/**
 * Posterior probability that the treatment's relative lift is above 0.
 */
chance_to_win: number, 
/**
 * Expected loss in relative lift of choosing control / treatment.
 */
risk: [number, number], 
/**
 * Bayesian credible interval of the relative lift.
 */
credible: Interval, 
/**
 * CUPED: 1 − adjusted / unadjusted variance of the difference, when
 * applied.
 */
variance_reduction: number | null, 
/**
 * |relative lift| > `settings.suspicious_lift`.
 */
suspicious: boolean, 
/**
 * Both variants have at least `settings.min_users` users.
 */
enough_users: boolean, };

export type ConfusionCell = { expected: string, predicted: string, count: number, };

export type Correction = "none" | "holm" | "benjamini_hochberg";

export type CustomerRecommendations = { customer: CustomerSummary, 
/**
 * Their purchases, most recent first.
 */
history: Array<PurchasedItem>, picks: Array<Recommendation>, 
/**
 * No purchase history: popular and trending items instead.
 */
cold_start: boolean, hidden: number, settings: RecommendSettings, took_ms: number, };

export type CustomerSummary = { customer_id: string, label: string, orders: number, last_order: string | null, country: string | null, };

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

export type ErasureReport = { customer_id: string, 
/**
 * The customer as the app shows them (no personal data).
 */
label: string, dry_run: boolean, 
/**
 * Tables with at least one row of this customer's.
 */
tables: Array<TableRows>, total_rows: number, };

export type ErasureRequest = { 
/**
 * The customer's id in this workspace, the store's own customer id,
 * their e-mail address or phone number.
 */
customer: string, 
/**
 * Count what would be deleted without deleting it.
 */
dry_run: boolean, };

export type Escalation = { reason: EscalationReason, 
/**
 * The reason in words, for the merchant.
 */
explanation: string, 
/**
 * What the agent who takes over reads first (no personal data).
 */
summary: string, };

export type EscalationReason = "low_confidence" | "ambiguous" | "asked_for_human" | "refund_amount" | "shipped_cancellation" | "legal" | "safety" | "sensitive_intent" | "no_source";

export type EvaluatedMessage = { conversation_id: string, message: string, 
/**
 * The label imported with the conversation, when present.
 */
label: string | null, 
/**
 * The intent that label teaches (the merchant's mapping or the intent
 * of the same name); None when it teaches none yet, and then the
 * message is not scored.
 */
expected: string | null, predicted: string, confidence: number, margin: number, escalation: EscalationReason | null, 
/**
 * The hand-over a rule decides whatever the confidence threshold (for the sweep).
 */
rule_escalation: EscalationReason | null, cited: boolean, };

export type Evaluation = { messages: number, 
/**
 * Messages whose label teaches one of the assistant's intents (scored).
 */
labelled: number, 
/**
 * Messages with a label that teaches no intent yet (not scored).
 */
unscored: number, containment_rate: number, 
/**
 * Correct intent ÷ labelled messages.
 */
intent_accuracy: number, 
/**
 * Answered messages that cite a source ÷ answered (should be 1).
 */
cited_rate: number, confusion: Array<ConfusionCell>, escalations: Array<ReasonCount>, sweep: Array<SweepPoint>, results: Array<EvaluatedMessage>, settings: AssistantSettings, took_ms: number, };

export type ExperimentChart = "cumulative_conversion" | "lift" | "funnel" | "segments";

export type ExperimentCharts = { cumulative_conversion_svg: string, lift_svg: string, funnel_svg: string, segments_svg: string, };

export type ExperimentItem = { id: string, name: string, 
/**
 * First and last event, `YYYY-MM-DD`.
 */
started: string | null, ended: string | null, days: number, users: number, variants: Array<string>, status: ExperimentStatus, 
/**
 * The summary's first sentence.
 */
headline: string, };

export type ExperimentReport = { id: string, name: string, control: string, started: string | null, ended: string | null, days: number, variants: Array<VariantUsers>, srm_p_value: number, status: ExperimentStatus, 
/**
 * Plain-language sentences, most important first.
 */
summary: Array<string>, warnings: Array<ExperimentWarning>, metrics: Array<MetricResult>, segments: Array<MetricResult>, settings: ExperimentSettings, charts: ExperimentCharts, took_ms: number, };

export type ExperimentSettings = { engine: StatsEngine, 
/**
 * Two-sided significance level; intervals are 1 − alpha.
 */
alpha: number, 
/**
 * Always-valid (sequential) intervals and p-value, so the results may be
 * looked at while the experiment runs.
 */
sequential: boolean, 
/**
 * Sample size at which the sequential interval is tightest (gbstats'
 * `sequential_tuning_parameter`).
 */
sequential_tuning: number, 
/**
 * Use the pre-exposure covariate when both variants have one.
 */
cuped: boolean, correction: Correction, 
/**
 * Users each variant needs before a verdict is given.
 */
min_users: number, 
/**
 * A relative lift larger than this (in absolute value) is flagged as
 * suspicious: usually a tracking or assignment problem.
 */
suspicious_lift: number, };

export type ExperimentStatus = "winner" | "loser" | "inconclusive" | "srm_warning" | "too_early";

export type ExperimentWarning = { 
/**
 * `srm`, `too_early`, `suspicious_lift`, `no_covariate`, `no_metric_events` (no event the metrics
 * count; the message names the events the log has).
 */
code: string, message: string, };

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

export type HitVariant = { options: string, sku: string | null, price: number | null, stock: number | null, };

export type ImportProgress = { file_name: string, step: ImportStep, 
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
mapping: Record<string, string> | null, 
/**
 * Read files again even when one with the same contents was imported
 * before (otherwise such a file is skipped as unchanged).
 */
force: boolean, };

export type ImportStep = "reading" | "storing" | "done";

export type ImportWarning = { 
/**
 * `shared_sku`, `unknown_intent_labels`, ...
 */
code: string, message: string, };

export type ImportedFile = { 
/**
 * Identifies the import in the history (for its rejected rows); empty
 * for a file just imported whose history entry is not read back.
 */
import_id: string, file_name: string, format: string, 
/**
 * `YYYY-MM-DD HH:MM:SS` (UTC) for history entries.
 */
started_at: string | null, rows_read: number, inserted: number, updated: number, rejected: number, duration_ms: number, 
/**
 * What the import noticed and imported anyway, such as a SKU shared by
 * several variants.
 */
warnings: Array<ImportWarning>, 
/**
 * Set when the file was skipped because one with the same contents was
 * imported before: when that import started (`YYYY-MM-DD HH:MM:SS`,
 * UTC); `import_id` is then that import's.
 */
unchanged_since: string | null, 
/**
 * Set when the file, found in a folder, was left out: why (a document
 * that is not a store policy).
 */
not_imported: string | null, };

export type ImportedLabel = { label: string, conversations: number, 
/**
 * The intent its conversations teach and are scored against.
 */
intent: string | null, used: LabelUse, 
/**
 * A few of its conversations' first customer messages.
 */
examples: Array<string>, };

export type IntentDef = { id: string, label: string, examples: Array<string>, sensitive: boolean, };

export type IntentKpis = { 
/**
 * Null for conversations without an intent.
 */
intent: string | null, conversations: number, contained: number, escalated: number, abandoned: number, containment_rate: number | null, escalation_rate: number | null, abandoned_rate: number | null, csat_average: number | null, };

export type IntentScore = { intent: string, label: string, 
/**
 * 0–1, summing to 1 over all intents.
 */
confidence: number, };

export type Interval = { estimate: number, lower: number, upper: number, };

export type KpiReport = { period: PeriodPreset, store: StoreKpis, support: SupportKpis, 
/**
 * The most recent cohorts (by month of first order), oldest first.
 */
cohorts: Array<Cohort>, rfm: Rfm, cohort_chart_svg: string, rfm_chart_svg: string, };

export type LabelChoice = { "use": "intent", intent: string, } | { "use": "own" } | { "use": "not_used" };

export type LabelUse = "same_name" | "mapped" | "own" | "not_used" | "undecided";

export type MappingField = { 
/**
 * What kind of file the field belongs to: `transactions` (sales lines)
 * or `catalogue`; `ImportRequest.mapping["kind"]` says which one a file is.
 */
kind: string, 
/**
 * That kind in words.
 */
kind_label: string, 
/**
 * Key in `ImportRequest.mapping`, e.g. `unit_price`.
 */
name: string, 
/**
 * In words, e.g. "Unit price".
 */
label: string, required: boolean, 
/**
 * Another field that satisfies this required one when chosen instead.
 */
or: string | null, };

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

export type MethodScore = { method: string, 
/**
 * Share of test customers with at least one of the k items bought in the test window.
 */
hit_rate: number, ndcg: number, 
/**
 * Distinct items recommended ÷ items sold in the training orders.
 */
coverage: number, 
/**
 * Mean popularity percentile of the recommended items (1 = the best seller).
 */
popularity_percentile: number, };

export type MetricKind = "conversion" | "revenue_per_visitor" | "average_order_value" | "add_to_cart" | "cart_to_order";

export type MetricResult = { metric: MetricKind, label: string, variant: string, 
/**
 * Dimension and value for a segment row (`device` / `mobile`); empty for all visitors.
 */
dimension: string, segment: string, comparison: Comparison, 
/**
 * The p-value after the multiple-comparison correction.
 */
adjusted_p: number, 
/**
 * The interval of the relative lift shown with this result, which
 * excludes 0 exactly when it is `significant`: with the frequentist
 * engine the confidence interval corrected like the p-value (at level
 * `interval_level`, see `insights_experiments::interval_alphas`); with
 * the Bayesian one the credible interval at 1 − 2α, whose bounds are
 * where the chance to beat control crosses 1 − α and α.
 */
interval: Interval, 
/**
 * The interval's level, e.g. 0.975 (0.95 without a correction).
 */
interval_level: number, significant: boolean, 
/**
 * +1 better, -1 worse, 0 no significant difference.
 */
direction: number, };

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

export type PersonalDataItem = { table: string, column: string, 
/**
 * In words, e.g. "Customer e-mails".
 */
label: string, 
/**
 * Rows holding it only as a keyed hash.
 */
hashed: number, 
/**
 * Rows holding it in plain text.
 */
plain: number, 
/**
 * What it is and how to remove it, when that needs saying.
 */
note: string | null, };

export type PersonalDataReport = { 
/**
 * Whether new imports store personal data as keyed hashes.
 */
hashing: boolean, customers: number, items: Array<PersonalDataItem>, };

export type Pin = { query: string, product_ids: Array<string>, };

export type Plan = { 
/**
 * Control first, then each treatment.
 */
users_per_variant: Array<number>, total_users: number, days: number, 
/**
 * Standardised effect: Cohen's h (2·asin√p₂ − 2·asin√p₁) for a conversion
 * rate, Cohen's d (baseline × mde / sd) for a mean. Absolute value.
 */
effect_size: number, };

export type PlanInput = { 
/**
 * Control's conversion rate (0..1) or mean per user.
 */
baseline: number, 
/**
 * Per-user standard deviation of a mean metric; `None` for a conversion
 * rate.
 */
sd: number | null, 
/**
 * Smallest relative lift worth detecting, e.g. 0.05 for +5 %.
 */
mde_relative: number, 
/**
 * Two-sided significance level of each treatment-vs-control test.
 */
alpha: number, 
/**
 * Probability of detecting a true lift of `mde_relative`.
 */
power: number, 
/**
 * Number of variants including the control (at least 2).
 */
variants: number, 
/**
 * Share of traffic sent to the control; the rest is split evenly.
 */
control_share: number, 
/**
 * Visitors per day entering the experiment (all variants together).
 */
daily_visitors: number, };

export type PlanReport = { plan: Plan, power_curve_svg: string, summary: string, };

export type PreferenceQuiz = { 
/**
 * Categories they like (empty: any).
 */
categories: Array<string>, price_min: number | null, price_max: number | null, 
/**
 * Style words ("warm, waterproof, linen"), matched by meaning.
 */
words: string, };

export type PrivacySettings = { 
/**
 * E-mails, phones, names and addresses are stored only as keyed hashes
 * (on by default). Applies to what is imported from now on.
 */
hash_personal_data: boolean, };

export type ProductRecommendations = { product: ProductSummary, similar: Array<Recommendation>, together: Array<Recommendation>, 
/**
 * The anchor with complementary items in stock, within the margin target.
 */
bundle: Bundle | null, 
/**
 * Per size, from return reasons (empty without sizes or returns).
 */
size_advice: Array<SizeAdvice>, 
/**
 * Candidates the rules left out (out of stock, margin, category cap).
 */
hidden: number, settings: RecommendSettings, took_ms: number, };

export type ProductSummary = { product_id: string, title: string, category: string, price: number | null, in_stock: boolean, orders: number, };

export type PurchasedItem = { product_id: string, title: string, 
/**
 * `YYYY-MM-DD`
 */
date: string, };

export type QuizPicks = { picks: Array<Recommendation>, hidden: number, took_ms: number, };

export type ReasonCount = { reason: EscalationReason, count: number, };

export type RecommendEvalReport = { evaluation: RecommendEvaluation, chart_svg: string, };

export type RecommendEvalRequest = { 
/**
 * First day of the test window (default: 99 days before its end).
 */
cutoff: string | null, 
/**
 * Last day of the test window (default: the last order's day).
 */
end: string | null, 
/**
 * List length for HR@k and NDCG@k.
 */
k: number, };

export type RecommendEvaluation = { customers: number, k: number, methods: Array<MethodScore>, 
/**
 * Building the model from the training orders.
 */
build_ms: number, request_p50_ms: number, request_p95_ms: number, took_ms: number, };

export type RecommendSettings = { 
/**
 * Never recommend a product that is out of stock.
 */
in_stock_only: boolean, 
/**
 * Hide products whose lowest margin ((price − cost) ÷ price) is below this; null: no minimum.
 */
min_margin: number | null, 
/**
 * At most this many items of one category in a list.
 */
per_category_cap: number, 
/**
 * Orders two products must share before they count as bought together (they must also be bought
 * together more often than chance: lift above 1).
 */
min_support: number, 
/**
 * Items per list.
 */
limit: number, 
/**
 * Weight of meaning (embeddings) against co-purchase in similar items, 0–1.
 */
content_weight: number, 
/**
 * Share of each list kept for new arrivals (first sold in the last 60 days of the data, or not yet sold), 0–1.
 */
novelty_share: number, 
/**
 * Products shown first in every list they may appear in.
 */
pinned: Array<string>, 
/**
 * Products never recommended.
 */
blocked: Array<string>, 
/**
 * Discount on a bundle's list price, 0–1.
 */
bundle_discount: number, 
/**
 * A bundle keeps only items that leave its margin at or above this, 0–1.
 */
bundle_min_margin: number, };

export type Recommendation = { product_id: string, title: string, category: string, price: number | null, in_stock: boolean, margin: number | null, score: number, 
/**
 * Sentences saying why, from the evidence.
 */
why: Array<string>, 
/**
 * Bought together: orders with both, share of the anchor's orders, lift.
 */
support: number | null, confidence: number | null, lift: number | null, };

export type RejectedRow = { 
/**
 * The row's line in the file.
 */
line: number | null, 
/**
 * Its record number (the header is record 1): earlier than the line
 * when fields above it hold line breaks.
 */
record: number | null, column: string | null, reason: string, raw: string | null, };

export type Rfm = { 
/**
 * The data's last order day, `YYYY-MM-DD`; null when there are no orders.
 */
as_of: string | null, 
/**
 * Identified customers with at least one non-cancelled order.
 */
customers: number, 
/**
 * Every segment in [`RfmSegment::ALL`] order, empty ones included.
 */
segments: Array<RfmSegmentSummary>, 
/**
 * All 25 cells, recency score 1–5 major, frequency score 1–5 minor
 * (`grid[(r - 1) * 5 + (f - 1)]`), empty ones included.
 */
grid: Array<RfmCell>, };

export type RfmCell = { recency_score: number, frequency_score: number, 
/**
 * The segment every customer of this cell is in.
 */
segment: RfmSegment, customers: number, 
/**
 * Null when the cell is empty.
 */
mean_monetary: number | null, };

export type RfmSegment = "champions" | "loyal" | "potential_loyalists" | "new" | "promising" | "need_attention" | "about_to_sleep" | "at_risk" | "cant_lose_them" | "hibernating" | "lost";

export type RfmSegmentSummary = { segment: RfmSegment, 
/**
 * The segment's name for people ("Can't lose them").
 */
label: string, customers: number, 
/**
 * Null when the segment is empty.
 */
mean_monetary: number | null, };

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

export type SearchHit = { product_id: string, title: string, vendor: string, category: string, price_min: number | null, price_max: number | null, stock: number | null, in_stock: boolean, margin: number | null, image_url: string | null, skus: Array<string>, 
/**
 * Every variant, in the store's order, with its own SKU and price.
 */
variants: Array<HitVariant>, score: number, 
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

export type SizeAdvice = { size: string, sold: number, too_small: number, too_large: number, 
/**
 * "Customers who bought this in M often returned it for being small (7 of 40)".
 */
advice: string | null, };

export type SourceKind = "policy" | "product" | "order";

export type StartFailure = { 
/**
 * The workspace file.
 */
path: string, 
/**
 * Its name in the recent list, else the file's name.
 */
name: string, error: ApiError, };

export type StatsEngine = "frequentist" | "bayesian";

export type StoreKpis = { 
/**
 * First and last day counted, `YYYY-MM-DD`; both null for all time.
 */
from: string | null, to: string | null, 
/**
 * Orders created in the period that were not cancelled.
 */
orders: number, 
/**
 * Sessions started in the period.
 */
sessions: number, 
/**
 * orders ÷ sessions; null when there are no sessions in the period.
 */
conversion_rate: number | null, 
/**
 * Checkouts abandoned (created) in the period.
 */
abandoned_checkouts: number, 
/**
 * Of those, the ones that later became an order.
 */
recovered_checkouts: number, 
/**
 * recovered ÷ abandoned; null when no checkout was abandoned in the period.
 */
recovery_rate: number | null, 
/**
 * Sum of the orders' totals, before refunds.
 */
gross_sales: number, 
/**
 * Orders with some amount refunded.
 */
refunded_orders: number, 
/**
 * Sum of the orders' refunded amounts.
 */
refunded_amount: number, 
/**
 * refunded orders ÷ orders; null when there are no orders.
 */
refunded_order_rate: number | null, 
/**
 * refunded amount ÷ gross sales; null when gross sales are zero.
 */
refunded_amount_rate: number | null, };

export type Summary = { users: number, 
/**
 * Conversion rate, mean per user, or ratio of sums (not CUPED-adjusted).
 */
mean: number, 
/**
 * Per-user standard deviation as gbstats defines it: √(p(1−p)) for a
 * conversion rate, the sample standard deviation for a mean, the
 * delta-method standard deviation for a ratio.
 */
sd: number, 
/**
 * CUPED-adjusted mean (mean − θ × pre-period mean), when CUPED applied.
 */
adjusted_mean: number | null, };

export type SupportKpis = { 
/**
 * First and last day counted, `YYYY-MM-DD`; both null for all time.
 */
from: string | null, to: string | null, 
/**
 * Conversations started in the period.
 */
conversations: number, 
/**
 * Resolved by the chat assistant to the end, without the team.
 */
contained: number, 
/**
 * Passed to the team (resolution `escalated` or not handled by the assistant to the end).
 */
escalated: number, 
/**
 * Left by the customer before a resolution, and not passed to the team.
 */
abandoned: number, 
/**
 * contained ÷ conversations; null when there are none.
 */
containment_rate: number | null, 
/**
 * escalated ÷ conversations; null when there are none.
 */
escalation_rate: number | null, 
/**
 * abandoned ÷ conversations; null when there are none.
 */
abandoned_rate: number | null, 
/**
 * Conversations with a satisfaction score (1–5).
 */
csat_responses: number, 
/**
 * Mean score; null when no conversation has one.
 */
csat_average: number | null, 
/**
 * csat responses ÷ conversations; null when no conversation has a score.
 */
csat_response_rate: number | null, 
/**
 * One entry per intent, most conversations first (no intent last).
 */
intents: Array<IntentKpis>, };

export type SweepPoint = { threshold: number, 
/**
 * Answered without escalation ÷ all.
 */
containment: number, 
/**
 * Answered with the wrong intent ÷ answered (labelled messages only).
 */
wrong_answer_rate: number, };

export type TableRows = { table: string, rows: number, };

export type VariantUsers = { variant: string, users: number, planned_share: number, observed_share: number, };

export type WeekRevenue = { 
/**
 * ISO date of the Monday, `YYYY-MM-DD`.
 */
week_start: string, revenue: number, orders: number, };

export type WorkspaceExport = { 
/**
 * The folder holding the files.
 */
folder: string, 
/**
 * One entry per table, in file-name order.
 */
tables: Array<TableRows>, total_rows: number, };

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
exists: boolean, 
/**
 * The store's currency (the one most orders are in); null before any
 * order is imported, and for workspaces that are not open.
 */
currency: string | null, };

/**
 * The search's price bands, lowest first: each value of `facets.prices` and the
 * filter a click on it sets (upper bounds stop half a cent short of the next band).
 */
export const PRICE_BANDS: ReadonlyArray<{ value: string; min: number; max: number | null }> = [
  { value: 'under 25', min: 0, max: 24.995 },
  { value: '25–50', min: 25, max: 49.995 },
  { value: '50–100', min: 50, max: 99.995 },
  { value: '100–200', min: 100, max: 199.995 },
  { value: '200 and more', min: 200, max: null },
];
