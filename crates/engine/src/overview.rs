//! The Overview of the current workspace: its headline figures and revenue
//! chart, and the store and support KPIs beyond them (rates, cohort
//! retention, RFM segments, support containment) with their charts.
//! Definitions and SQL: docs/kpis.md.

use insights_charts::{Chart, CohortRow};

use crate::api::*;
use crate::{Engine, Result};

/// Cohorts shown (the most recent ones) and months since first order.
const COHORTS: usize = 12;
const COHORT_MONTHS: usize = 12;

pub(crate) fn period_of(p: PeriodPreset) -> insights_kpi::Period {
    match p {
        PeriodPreset::AllTime => insights_kpi::Period::AllTime,
        PeriodPreset::Last12Months => insights_kpi::Period::LastDays(365),
        PeriodPreset::Last90Days => insights_kpi::Period::LastDays(90),
        PeriodPreset::Last30Days => insights_kpi::Period::LastDays(30),
    }
}

impl Engine {
    pub fn overview(&self, request: &OverviewRequest) -> Result<Overview> {
        self.with_current(|ws| {
            let period = period_of(request.period);
            let f = insights_kpi::figures(ws.conn(), period)?;
            let points: Vec<_> = f
                .weeks
                .iter()
                .map(|w| insights_charts::WeekPoint { week_start: w.week_start, value: w.revenue })
                .collect();
            Ok(Overview {
                workspace: self.info_of(ws)?,
                period: request.period,
                from: f.from.map(|d| d.to_string()),
                to: f.to.map(|d| d.to_string()),
                revenue_chart_svg: insights_charts::revenue_by_week_svg(&points, &f.currency),
                currency: f.currency,
                revenue: f.revenue,
                orders: f.orders,
                customers: f.customers,
                average_order_value: f.average_order_value,
                returning_customers: f.returning_customers,
                first_time_customers: f.first_time_customers,
                returning_customer_rate: f.returning_customer_rate,
                revenue_by_week: f
                    .weeks
                    .iter()
                    .map(|w| WeekRevenue { week_start: w.week_start.to_string(), revenue: w.revenue, orders: w.orders })
                    .collect(),
                empty: f.orders == 0 && f.from.is_none(),
            })
        })
    }

    /// Conversion, cart recovery, refunds, support containment and CSAT for
    /// the period; cohort retention and RFM segments over all history.
    pub fn kpis(&self, request: &OverviewRequest) -> Result<KpiReport> {
        self.with_current(|ws| {
            let period = period_of(request.period);
            let conn = ws.conn();
            let store = insights_kpi::store_kpis(conn, period)?;
            let support = insights_kpi::support_kpis(conn, period)?;
            let all = insights_kpi::cohort_retention(conn, COHORT_MONTHS)?;
            let cohorts: Vec<_> = all.iter().skip(all.len().saturating_sub(COHORTS)).cloned().collect();
            let rfm = insights_kpi::rfm(conn)?;
            let cohort_chart = Chart::CohortRetention {
                title: "Customers ordering again, by month of first order".into(),
                cohorts: cohorts
                    .iter()
                    .map(|c| CohortRow {
                        label: c.month.format("%b %Y").to_string(),
                        size: c.size.max(0) as u64,
                        retention: c.retention.clone(),
                    })
                    .collect(),
            };
            let rfm_chart = Chart::RfmGrid {
                title: "Customers by recency and frequency score (5 = most recent, most frequent)".into(),
                cells: rfm
                    .grid
                    .iter()
                    .map(|c| insights_charts::RfmCell {
                        recency: c.recency_score,
                        frequency: c.frequency_score,
                        customers: c.customers.max(0) as u64,
                        mean_monetary: c.mean_monetary.unwrap_or(0.0),
                    })
                    .collect(),
            };
            Ok(KpiReport {
                period: request.period,
                cohort_chart_svg: insights_charts::render_svg(&cohort_chart),
                rfm_chart_svg: insights_charts::render_svg(&rfm_chart),
                store,
                support,
                cohorts,
                rfm,
            })
        })
    }
}
