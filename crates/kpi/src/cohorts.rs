//! Retention of customers grouped by the month of their first order.

use chrono::NaiveDate;
use insights_store::duckdb::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{sql, KpiError};

/// The most months since the first order [`cohort_retention`] reports (a century).
pub const MAX_MONTHS: usize = 1200;

/// The customers whose first non-cancelled order was in one month, and how
/// many of them ordered again in each later month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Cohort {
    /// First day of the month of the first order, `YYYY-MM-DD`.
    #[ts(type = "string")]
    pub month: NaiveDate,
    /// Customers in the cohort.
    #[ts(type = "number")]
    pub size: i64,
    /// Index k: customers of the cohort with a non-cancelled order in the
    /// k-th month after their first (k = 0 is the first month, so everyone);
    /// null for months after the data's last order month (not observable yet).
    #[ts(type = "Array<number | null>")]
    pub active: Vec<Option<i64>>,
    /// Index k: active ÷ size, null when not observable.
    pub retention: Vec<Option<f64>>,
}

/// Every cohort, oldest first, with months since the first order from 0 to
/// `months` inclusive (so `months + 1` entries each; `months` is capped at
/// [`MAX_MONTHS`]).
pub fn cohort_retention(conn: &Connection, months: usize) -> Result<Vec<Cohort>, KpiError> {
    let last = months.min(MAX_MONTHS) as i64;
    let mut stmt = conn.prepare(sql::COHORTS_SQL)?;
    let rows = stmt.query_map(params![last], |r| {
        Ok((r.get::<_, NaiveDate>(0)?, r.get::<_, i64>(1)?, r.get::<_, Option<i64>>(3)?, r.get::<_, Option<f64>>(4)?))
    })?;
    let mut cohorts: Vec<Cohort> = Vec::new();
    for row in rows {
        let (month, size, active, retention) = row?;
        match cohorts.last_mut() {
            Some(c) if c.month == month => {
                c.active.push(active);
                c.retention.push(retention);
            }
            _ => cohorts.push(Cohort { month, size, active: vec![active], retention: vec![retention] }),
        }
    }
    Ok(cohorts)
}
