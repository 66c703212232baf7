//! Key figures of a store over a period, computed in SQL over the canonical
//! tables. Definitions live here and in docs/data-model.md ("Key figures");
//! presentation (formatting, charts) belongs to the callers.

use chrono::{Duration, NaiveDate};
use insights_store::duckdb::{self, params, Connection};

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

/// The figures for `period`, which counts back from the day of the latest
/// order (exports are history: "last 30 days" is the last 30 days of data).
pub fn figures(conn: &Connection, period: Period) -> Result<Figures, KpiError> {
    let (first, last): (Option<NaiveDate>, Option<NaiveDate>) =
        conn.query_row("SELECT CAST(min(created_at) AS DATE), CAST(max(created_at) AS DATE) FROM orders", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
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
    let (orders, revenue, gross, customers, currency): (i64, f64, f64, i64, Option<String>) = conn.query_row(
        "SELECT count(*),
                coalesce(sum(total - coalesce(refunded_amount, 0)), 0)::DOUBLE,
                coalesce(sum(total), 0)::DOUBLE,
                count(DISTINCT customer_id),
                mode(currency)
         FROM orders
         WHERE cancelled_at IS NULL AND CAST(created_at AS DATE) BETWEEN ? AND ?",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    // A customer who ordered in the period is returning when, by the end of
    // the period, they had placed more than one order (any time before too).
    let (returning, first_time): (i64, i64) = conn.query_row(
        "WITH active AS (
             SELECT DISTINCT customer_id FROM orders
             WHERE cancelled_at IS NULL AND customer_id IS NOT NULL AND CAST(created_at AS DATE) BETWEEN ? AND ?
         ),
         history AS (
             SELECT customer_id, count(*) AS n FROM orders
             WHERE cancelled_at IS NULL AND customer_id IN (SELECT customer_id FROM active) AND CAST(created_at AS DATE) <= ?
             GROUP BY customer_id
         )
         SELECT count(*) FILTER (WHERE n > 1), count(*) FILTER (WHERE n = 1) FROM history",
        params![from, to, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt = conn.prepare(
        "WITH weeks AS (
             SELECT CAST(w AS DATE) AS week_start
             FROM range(CAST(date_trunc('week', CAST(? AS DATE)) AS TIMESTAMP),
                        CAST(date_trunc('week', CAST(? AS DATE)) AS TIMESTAMP) + INTERVAL 1 WEEK, INTERVAL 1 WEEK) t(w)
         ),
         sums AS (
             SELECT CAST(date_trunc('week', created_at) AS DATE) AS week_start,
                    sum(total - coalesce(refunded_amount, 0))::DOUBLE AS revenue, count(*) AS orders
             FROM orders
             WHERE cancelled_at IS NULL AND CAST(created_at AS DATE) BETWEEN ? AND ?
             GROUP BY 1
         )
         SELECT weeks.week_start, coalesce(revenue, 0), coalesce(orders, 0)
         FROM weeks LEFT JOIN sums USING (week_start) ORDER BY week_start",
    )?;
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

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
