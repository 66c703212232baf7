//! The SQL behind every figure, one file per query under `crates/kpi/sql/`.
//! `docs/kpis.md` quotes each of them word for word (a test checks it), so
//! the definitions there are the queries that run.

/// First and last day with an order (any order, cancelled or not).
pub const ORDER_DAYS_SQL: &str = include_str!("../sql/order_days.sql");
/// Orders, net revenue, gross sales, customers and currency of a period.
pub const FIGURES_TOTALS_SQL: &str = include_str!("../sql/figures_totals.sql");
/// Returning and first-time customers of a period.
pub const FIGURES_RETURNING_SQL: &str = include_str!("../sql/figures_returning.sql");
/// Net revenue and orders per week of a period, empty weeks included.
pub const FIGURES_WEEKS_SQL: &str = include_str!("../sql/figures_weeks.sql");
/// Orders, sessions and conversion rate of a period.
pub const CONVERSION_SQL: &str = include_str!("../sql/conversion.sql");
/// Abandoned and recovered checkouts of a period.
pub const RECOVERY_SQL: &str = include_str!("../sql/recovery.sql");
/// Refunded orders and amounts of a period.
pub const REFUNDS_SQL: &str = include_str!("../sql/refunds.sql");
/// Cohort retention by month of first order.
pub const COHORTS_SQL: &str = include_str!("../sql/cohorts.sql");
/// Recency, frequency and monetary value, their scores and segment, per customer.
pub const RFM_SCORES_SQL: &str = include_str!("../sql/rfm_scores.sql");
/// Segment totals and R x F grid cells over the scores.
pub const RFM_SUMMARY_SQL: &str = include_str!("../sql/rfm_summary.sql");
/// The query that runs for the RFM summary: the scores as `scored`, then the summary.
pub const RFM_SQL: &str =
    concat!("WITH scored AS (\n", include_str!("../sql/rfm_scores.sql"), ")\n", include_str!("../sql/rfm_summary.sql"));
/// Support conversations of a period: totals and one row per intent.
pub const SUPPORT_SQL: &str = include_str!("../sql/support.sql");

/// Every query quoted in `docs/kpis.md`, by name.
pub const DOCUMENTED: &[(&str, &str)] = &[
    ("ORDER_DAYS_SQL", ORDER_DAYS_SQL),
    ("FIGURES_TOTALS_SQL", FIGURES_TOTALS_SQL),
    ("FIGURES_RETURNING_SQL", FIGURES_RETURNING_SQL),
    ("FIGURES_WEEKS_SQL", FIGURES_WEEKS_SQL),
    ("CONVERSION_SQL", CONVERSION_SQL),
    ("RECOVERY_SQL", RECOVERY_SQL),
    ("REFUNDS_SQL", REFUNDS_SQL),
    ("COHORTS_SQL", COHORTS_SQL),
    ("RFM_SCORES_SQL", RFM_SCORES_SQL),
    ("RFM_SUMMARY_SQL", RFM_SUMMARY_SQL),
    ("SUPPORT_SQL", SUPPORT_SQL),
];
