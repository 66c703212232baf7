//! Support conversations: how many the chat assistant settled on its own,
//! how many went to the team or were left, satisfaction, and intents.

use chrono::NaiveDate;
use insights_store::duckdb::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{period_days, sql, KpiError, Period};

/// Support figures of a period. Definitions and query: docs/kpis.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SupportKpis {
    /// First and last day counted, `YYYY-MM-DD`; both null for all time.
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub to: Option<NaiveDate>,
    /// Conversations started in the period.
    #[ts(type = "number")]
    pub conversations: i64,
    /// Resolved by the chat assistant to the end, without the team.
    #[ts(type = "number")]
    pub contained: i64,
    /// Passed to the team (resolution `escalated` or not handled by the assistant to the end).
    #[ts(type = "number")]
    pub escalated: i64,
    /// Left by the customer before a resolution, and not passed to the team.
    #[ts(type = "number")]
    pub abandoned: i64,
    /// contained ÷ conversations; null when there are none.
    pub containment_rate: Option<f64>,
    /// escalated ÷ conversations; null when there are none.
    pub escalation_rate: Option<f64>,
    /// abandoned ÷ conversations; null when there are none.
    pub abandoned_rate: Option<f64>,
    /// Conversations with a satisfaction score (1–5).
    #[ts(type = "number")]
    pub csat_responses: i64,
    /// Mean score; null when no conversation has one.
    pub csat_average: Option<f64>,
    /// csat responses ÷ conversations; null when no conversation has a score.
    pub csat_response_rate: Option<f64>,
    /// One entry per intent, most conversations first (no intent last).
    pub intents: Vec<IntentKpis>,
}

/// The same figures for the conversations of one intent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IntentKpis {
    /// Null for conversations without an intent.
    pub intent: Option<String>,
    #[ts(type = "number")]
    pub conversations: i64,
    #[ts(type = "number")]
    pub contained: i64,
    #[ts(type = "number")]
    pub escalated: i64,
    #[ts(type = "number")]
    pub abandoned: i64,
    pub containment_rate: Option<f64>,
    pub escalation_rate: Option<f64>,
    pub abandoned_rate: Option<f64>,
    pub csat_average: Option<f64>,
}

/// Support figures for `period`. All time counts every conversation, those
/// without a start time too; "last N days" counts back from the latest
/// order's day, and is empty when there are no orders.
pub fn support_kpis(conn: &Connection, period: Period) -> Result<SupportKpis, KpiError> {
    let mut k = SupportKpis {
        from: None,
        to: None,
        conversations: 0,
        contained: 0,
        escalated: 0,
        abandoned: 0,
        containment_rate: None,
        escalation_rate: None,
        abandoned_rate: None,
        csat_responses: 0,
        csat_average: None,
        csat_response_rate: None,
        intents: Vec::new(),
    };
    let Some(days) = period_days(conn, period)? else {
        return Ok(k);
    };
    (k.from, k.to) = (days.from, days.to);
    let mut stmt = conn.prepare(sql::SUPPORT_SQL)?;
    let mut rows = stmt.query(params![days.from, days.to])?;
    while let Some(r) = rows.next()? {
        let is_total: bool = r.get(0)?;
        let intent = IntentKpis {
            intent: r.get(1)?,
            conversations: r.get(2)?,
            contained: r.get(3)?,
            escalated: r.get(4)?,
            abandoned: r.get(5)?,
            containment_rate: r.get(6)?,
            escalation_rate: r.get(7)?,
            abandoned_rate: r.get(8)?,
            csat_average: r.get(10)?,
        };
        if is_total {
            k.conversations = intent.conversations;
            k.contained = intent.contained;
            k.escalated = intent.escalated;
            k.abandoned = intent.abandoned;
            k.containment_rate = intent.containment_rate;
            k.escalation_rate = intent.escalation_rate;
            k.abandoned_rate = intent.abandoned_rate;
            k.csat_responses = r.get(9)?;
            k.csat_average = intent.csat_average;
            k.csat_response_rate = r.get(11)?;
        } else {
            k.intents.push(intent);
        }
    }
    Ok(k)
}
