//! Conversion, abandoned-checkout recovery and refunds over a period.

use chrono::NaiveDate;
use insights_store::duckdb::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{period_days, round2, sql, KpiError, Period};

/// Store-wide rates of a period. Definitions and queries: docs/kpis.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct StoreKpis {
    /// First and last day counted, `YYYY-MM-DD`; both null for all time.
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Orders created in the period that were not cancelled.
    #[ts(type = "number")]
    pub orders: i64,
    /// Sessions started in the period.
    #[ts(type = "number")]
    pub sessions: i64,
    /// orders ÷ sessions; null when there are no sessions in the period.
    pub conversion_rate: Option<f64>,
    /// Checkouts abandoned (created) in the period.
    #[ts(type = "number")]
    pub abandoned_checkouts: i64,
    /// Of those, the ones that later became an order.
    #[ts(type = "number")]
    pub recovered_checkouts: i64,
    /// recovered ÷ abandoned; null when no checkout was abandoned in the period.
    pub recovery_rate: Option<f64>,
    /// Sum of the orders' totals, before refunds.
    pub gross_sales: f64,
    /// Orders with some amount refunded.
    #[ts(type = "number")]
    pub refunded_orders: i64,
    /// Sum of the orders' refunded amounts.
    pub refunded_amount: f64,
    /// refunded orders ÷ orders; null when there are no orders.
    pub refunded_order_rate: Option<f64>,
    /// refunded amount ÷ gross sales; null when gross sales are zero.
    pub refunded_amount_rate: Option<f64>,
}

impl StoreKpis {
    fn empty(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Self {
        StoreKpis {
            from,
            to,
            orders: 0,
            sessions: 0,
            conversion_rate: None,
            abandoned_checkouts: 0,
            recovered_checkouts: 0,
            recovery_rate: None,
            gross_sales: 0.0,
            refunded_orders: 0,
            refunded_amount: 0.0,
            refunded_order_rate: None,
            refunded_amount_rate: None,
        }
    }
}

/// Conversion, recovery and refund rates for `period`. All time counts every
/// row; "last N days" counts back from the latest order's day, and is empty
/// when there are no orders.
pub fn store_kpis(conn: &Connection, period: Period) -> Result<StoreKpis, KpiError> {
    let Some(days) = period_days(conn, period)? else {
        return Ok(StoreKpis::empty(None, None));
    };
    let mut k = StoreKpis::empty(days.from, days.to);
    (k.orders, k.sessions, k.conversion_rate) =
        conn.query_row(sql::CONVERSION_SQL, params![days.from, days.to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    (k.abandoned_checkouts, k.recovered_checkouts, k.recovery_rate) =
        conn.query_row(sql::RECOVERY_SQL, params![days.from, days.to], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let (gross_sales, refunded_amount): (f64, f64);
    (k.refunded_orders, gross_sales, refunded_amount, k.refunded_order_rate, k.refunded_amount_rate) =
        conn.query_row(sql::REFUNDS_SQL, params![days.from, days.to], |r| {
            Ok((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?;
    k.gross_sales = round2(gross_sales);
    k.refunded_amount = round2(refunded_amount);
    Ok(k)
}
