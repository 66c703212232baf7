//! Recency, frequency and monetary value of each identified customer, scored
//! against the store's other customers, and the segments they fall into.

use chrono::NaiveDate;
use insights_store::duckdb::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};
use insights_store::duckdb::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{order_days, sql, KpiError};

/// A named group of customers by recency (R) and frequency (F) score. The
/// rule of each is in docs/kpis.md ("RFM segments") and in the scores query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RfmSegment {
    /// R 5, F 4–5.
    Champions,
    /// R 3–4, F 4–5.
    Loyal,
    /// R 4–5, F 2–3.
    PotentialLoyalists,
    /// R 5, F 1.
    New,
    /// R 4, F 1.
    Promising,
    /// R 3, F 3.
    NeedAttention,
    /// R 3, F 1–2.
    AboutToSleep,
    /// R 1–2, F 3–4.
    AtRisk,
    /// R 1–2, F 5.
    CantLoseThem,
    /// R 2, F 1–2.
    Hibernating,
    /// R 1, F 1–2.
    Lost,
}

impl RfmSegment {
    /// Every segment, best first: the order of [`Rfm::segments`].
    pub const ALL: [RfmSegment; 11] = [
        RfmSegment::Champions,
        RfmSegment::Loyal,
        RfmSegment::PotentialLoyalists,
        RfmSegment::New,
        RfmSegment::Promising,
        RfmSegment::NeedAttention,
        RfmSegment::AboutToSleep,
        RfmSegment::AtRisk,
        RfmSegment::CantLoseThem,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
    ];

    /// The key the scores query returns (and serde uses).
    pub fn key(self) -> &'static str {
        match self {
            RfmSegment::Champions => "champions",
            RfmSegment::Loyal => "loyal",
            RfmSegment::PotentialLoyalists => "potential_loyalists",
            RfmSegment::New => "new",
            RfmSegment::Promising => "promising",
            RfmSegment::NeedAttention => "need_attention",
            RfmSegment::AboutToSleep => "about_to_sleep",
            RfmSegment::AtRisk => "at_risk",
            RfmSegment::CantLoseThem => "cant_lose_them",
            RfmSegment::Hibernating => "hibernating",
            RfmSegment::Lost => "lost",
        }
    }

    /// The name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            RfmSegment::Champions => "Champions",
            RfmSegment::Loyal => "Loyal",
            RfmSegment::PotentialLoyalists => "Potential loyalists",
            RfmSegment::New => "New",
            RfmSegment::Promising => "Promising",
            RfmSegment::NeedAttention => "Need attention",
            RfmSegment::AboutToSleep => "About to sleep",
            RfmSegment::AtRisk => "At risk",
            RfmSegment::CantLoseThem => "Can't lose them",
            RfmSegment::Hibernating => "Hibernating",
            RfmSegment::Lost => "Lost",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        RfmSegment::ALL.into_iter().find(|s| s.key() == key)
    }
}

impl FromSql for RfmSegment {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let key = String::column_result(value)?;
        RfmSegment::from_key(&key).ok_or_else(|| FromSqlError::Other(format!("unknown RFM segment {key:?}").into()))
    }
}

/// One customer's RFM values and scores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RfmScore {
    pub customer_id: String,
    /// Days from the customer's last order to the data's last order day.
    #[ts(type = "number")]
    pub recency_days: i64,
    /// Non-cancelled orders.
    #[ts(type = "number")]
    pub frequency: i64,
    /// Sum of those orders' totals (before refunds).
    pub monetary: f64,
    /// Quintile scores 1–5 against the store's customers; 5 is the most
    /// recent, the most frequent, the highest spending.
    pub recency_score: u8,
    pub frequency_score: u8,
    pub monetary_score: u8,
    pub segment: RfmSegment,
}

/// Customers and mean monetary value of one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RfmSegmentSummary {
    pub segment: RfmSegment,
    /// The segment's name for people ("Can't lose them").
    pub label: String,
    #[ts(type = "number")]
    pub customers: i64,
    /// Null when the segment is empty.
    pub mean_monetary: Option<f64>,
}

/// One cell of the recency score × frequency score grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RfmCell {
    pub recency_score: u8,
    pub frequency_score: u8,
    /// The segment every customer of this cell is in.
    pub segment: RfmSegment,
    #[ts(type = "number")]
    pub customers: i64,
    /// Null when the cell is empty.
    pub mean_monetary: Option<f64>,
}

/// RFM segments of the whole store, as of its last order day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Rfm {
    /// The data's last order day, `YYYY-MM-DD`; null when there are no orders.
    #[ts(type = "string | null")]
    pub as_of: Option<NaiveDate>,
    /// Identified customers with at least one non-cancelled order.
    #[ts(type = "number")]
    pub customers: i64,
    /// Every segment in [`RfmSegment::ALL`] order, empty ones included.
    pub segments: Vec<RfmSegmentSummary>,
    /// All 25 cells, recency score 1–5 major, frequency score 1–5 minor
    /// (`grid[(r - 1) * 5 + (f - 1)]`), empty ones included.
    pub grid: Vec<RfmCell>,
}

/// The segment of a recency and frequency score, as the scores query decides it.
pub fn segment_of(recency_score: u8, frequency_score: u8) -> RfmSegment {
    match (recency_score, frequency_score) {
        (5, 4..) => RfmSegment::Champions,
        (3.., 4..) => RfmSegment::Loyal,
        (4.., 2..) => RfmSegment::PotentialLoyalists,
        (5, _) => RfmSegment::New,
        (4, _) => RfmSegment::Promising,
        (3, 3) => RfmSegment::NeedAttention,
        (3, _) => RfmSegment::AboutToSleep,
        (_, 5) => RfmSegment::CantLoseThem,
        (_, 3..) => RfmSegment::AtRisk,
        (2, _) => RfmSegment::Hibernating,
        _ => RfmSegment::Lost,
    }
}

/// Every identified customer's RFM values, scores and segment, by customer id.
pub fn rfm_scores(conn: &Connection) -> Result<Vec<RfmScore>, KpiError> {
    let mut stmt = conn.prepare(sql::RFM_SCORES_SQL)?;
    let mut scores = stmt
        .query_map([], |r| {
            Ok(RfmScore {
                customer_id: r.get(0)?,
                recency_days: r.get(1)?,
                frequency: r.get(2)?,
                monetary: r.get(3)?,
                recency_score: r.get(4)?,
                frequency_score: r.get(5)?,
                monetary_score: r.get(6)?,
                segment: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    scores.sort_by(|a, b| a.customer_id.cmp(&b.customer_id));
    Ok(scores)
}

/// Customers and mean monetary value per segment and per R × F cell.
pub fn rfm(conn: &Connection) -> Result<Rfm, KpiError> {
    let as_of = order_days(conn)?.1;
    let mut segments: Vec<RfmSegmentSummary> = RfmSegment::ALL
        .into_iter()
        .map(|segment| RfmSegmentSummary {
            segment,
            label: segment.label().to_string(),
            customers: 0,
            mean_monetary: None,
        })
        .collect();
    let mut grid: Vec<RfmCell> = (1..=5u8)
        .flat_map(|r| (1..=5u8).map(move |f| (r, f)))
        .map(|(r, f)| RfmCell {
            recency_score: r,
            frequency_score: f,
            segment: segment_of(r, f),
            customers: 0,
            mean_monetary: None,
        })
        .collect();
    let mut stmt = conn.prepare(sql::RFM_SQL)?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<u8>>(0)?,
            r.get::<_, Option<u8>>(1)?,
            r.get::<_, RfmSegment>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Option<f64>>(4)?,
        ))
    })?;
    for row in rows {
        match row? {
            (Some(r @ 1..=5), Some(f @ 1..=5), segment, customers, mean_monetary) => {
                let cell = &mut grid[usize::from(r - 1) * 5 + usize::from(f - 1)];
                cell.segment = segment;
                cell.customers = customers;
                cell.mean_monetary = mean_monetary;
            }
            (None, None, segment, customers, mean_monetary) => {
                let s = segments.iter_mut().find(|s| s.segment == segment).expect("every segment is listed");
                s.customers = customers;
                s.mean_monetary = mean_monetary;
            }
            _ => {}
        }
    }
    let customers = segments.iter().map(|s| s.customers).sum();
    Ok(Rfm { as_of, customers, segments, grid })
}
