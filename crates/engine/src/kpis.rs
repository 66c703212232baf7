//! Store and support KPIs of the current workspace beyond the Overview's
//! headline figures: rates, cohort retention, RFM segments, support
//! containment, with their charts. Definitions and SQL: docs/kpis.md.

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
