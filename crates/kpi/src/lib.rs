//! Key figures of a store over a period, computed in SQL over the canonical
//! tables. Every figure is defined in words and by its query in docs/kpis.md;
//! the queries themselves are in `crates/kpi/sql/` (see [`sql`]).
//! Presentation (formatting, charts) belongs to the callers.

mod cohorts;
mod rfm;
pub mod sql;
mod store;
mod support;

use chrono::{Duration, NaiveDate};
use insights_store::duckdb::{self, params, Connection};

pub use cohorts::{cohort_retention, Cohort, MAX_MONTHS};
pub use rfm::{rfm, rfm_scores, segment_of, Rfm, RfmCell, RfmScore, RfmSegment, RfmSegmentSummary};
pub use store::{store_kpis, StoreKpis};
pub use support::{support_kpis, IntentKpis, SupportKpis};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    #[default]
    AllTime,
    LastDays(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct WeekFigure {
    pub week_start: NaiveDate,
    pub revenue: f64,
    pub orders: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub currency: String,
    pub revenue: f64,
    pub orders: i64,
    pub customers: i64,
    pub average_order_value: f64,
    pub returning_customers: i64,
    pub first_time_customers: i64,
    pub returning_customer_rate: f64,
    pub weeks: Vec<WeekFigure>,
}

#[derive(Debug, thiserror::Error)]
pub enum KpiError {
    #[error("database error while computing figures: {0}")]
    Db(#[from] duckdb::Error),
}

impl KpiError {
    /// The stable code the adapters report (`ApiError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            KpiError::Db(_) => "database",
        }
    }
}

/// The store's currency: the one most of its orders are in; none before
/// any order is imported.
pub fn store_currency(conn: &Connection) -> Result<Option<String>, KpiError> {
    Ok(conn.query_row("SELECT mode(currency) FROM orders WHERE cancelled_at IS NULL", [], |r| r.get(0))?)
}

/// The figures for `period`, which counts back from the day of the latest
/// order (exports are history: "last 30 days" is the last 30 days of data).
pub fn figures(conn: &Connection, period: Period) -> Result<Figures, KpiError> {
    let (first, last) = order_days(conn)?;
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(Figures {
            from: None,
            to: None,
            currency: "USD".into(),
            revenue: 0.0,
            orders: 0,
            customers: 0,
            average_order_value: 0.0,
            returning_customers: 0,
            first_time_customers: 0,
            returning_customer_rate: 0.0,
            weeks: Vec::new(),
        });
    };
    let from = match period {
        Period::AllTime => first,
        Period::LastDays(n) => (last - Duration::days(n - 1)).max(first),
    };
    let to = last;
    // Orders count when not cancelled; revenue is net of refunds.
    let (orders, revenue, gross, customers, currency): (i64, f64, f64, i64, Option<String>) =
        conn.query_row(sql::FIGURES_TOTALS_SQL, params![from, to], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?;
    // A customer who ordered in the period is returning when, by the end of
    // the period, they had placed more than one order (any time before too).
    let (returning, first_time): (i64, i64) =
        conn.query_row(sql::FIGURES_RETURNING_SQL, params![from, to, to], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut stmt = conn.prepare(sql::FIGURES_WEEKS_SQL)?;
    let weeks = stmt
        .query_map(params![from, to, from, to], |r| {
            Ok(WeekFigure { week_start: r.get(0)?, revenue: r.get(1)?, orders: r.get(2)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Figures {
        from: Some(from),
        to: Some(to),
        currency: currency.unwrap_or_else(|| "USD".into()),
        revenue: round2(revenue),
        orders,
        customers,
        average_order_value: if orders > 0 { round2(gross / orders as f64) } else { 0.0 },
        returning_customers: returning,
        first_time_customers: first_time,
        returning_customer_rate: if returning + first_time > 0 {
            returning as f64 / (returning + first_time) as f64
        } else {
            0.0
        },
        weeks,
    })
}

/// First and last day with an order, `None` when there are no orders.
fn order_days(conn: &Connection) -> Result<(Option<NaiveDate>, Option<NaiveDate>), KpiError> {
    Ok(conn.query_row(sql::ORDER_DAYS_SQL, [], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// The days the newer figures (store, support) filter on: both `None` for
/// all time (every row counts), else the last `n` days ending on the latest
/// order's day. `None` when a last-days period has no order to count back from.
fn period_days(conn: &Connection, period: Period) -> Result<Option<Days>, KpiError> {
    Ok(match period {
        Period::AllTime => Some(Days { from: None, to: None }),
        Period::LastDays(n) => {
            order_days(conn)?.1.map(|last| Days { from: Some(last - Duration::days(n - 1)), to: Some(last) })
        }
    })
}

#[derive(Debug, Clone, Copy)]
struct Days {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
