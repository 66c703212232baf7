//! RFM scores and segments on small real workspaces whose answers are worked
//! out by hand.

mod common;

use common::*;
use insights_kpi::{rfm, rfm_scores, segment_of, RfmSegment};
use insights_store::Workspace;

/// Ten customers, A..J, as of 30 June 2026 (A's last order).
///
/// | customer | orders × total | frequency | monetary | last order        | recency days |
/// |----------|----------------|-----------|----------|-------------------|--------------|
/// | A        | 6 × 100        | 6         | 600      | 2026-06-30 18:00  | 0            |
/// | B        | 1 × 20         | 1         | 20       | 2026-06-29 10:00  | 1            |
/// | C        | 4 × 50         | 4         | 200      | 2026-05-20 10:00  | 11 + 30 = 41 |
/// | D        | 1 × 300        | 1         | 300      | 2026-06-01 10:00  | 29           |
/// | E        | 3 × 30         | 3         | 90       | 2026-03-01 15:00  | 30+30+31+30 = 121 |
/// | F        | 1 × 10         | 1         | 10       | 2026-04-10 10:00  | 20 + 31 + 30 = 81 |
/// | G        | 5 × 80         | 5         | 400      | 2025-12-15 10:00  | 16 + 1 + 180 = 197 |
/// | H        | 3 × 40         | 3         | 120      | 2026-03-01 09:00  | 121          |
/// | I        | 4 × 25         | 4         | 100      | 2025-07-10 10:00  | 365 − 10 = 355 |
/// | J        | 2 × 35         | 2         | 70       | 2025-08-01 10:00  | 365 − 32 = 333 |
///
/// B also has a cancelled order (not counted) and there is an anonymous order
/// (no customer, so no score).
///
/// Ten customers make quintiles of two:
/// - R, by last order time, oldest first: I J | G H | E F | C D | B A. H and E
///   have the same recency in days; E's order was later in the day, so E is
///   the more recent.
/// - F, by frequency, then monetary, then id: F(1, 10) B(1, 20) | D(1, 300)
///   J(2) | E(3, 90) H(3, 120) | I(4, 100) C(4, 200) | G(5) A(6). D has one
///   order like B and F but spent most, so D scores 2.
/// - M, by monetary: F10 B20 | J70 E90 | I100 H120 | C200 D300 | G400 A600.
///
/// Segments by (R, F): A (5,5) Champions, B (5,1) New, C (4,4) Loyal, D (4,2)
/// Potential loyalists, E (3,3) Need attention, F (3,1) About to sleep,
/// G (2,5) Can't lose them, H (2,3) and I (1,4) At risk, J (1,2) Lost.
fn store(ws: &Workspace) {
    let plan: [(&str, usize, f64, &str); 10] = [
        ("A", 6, 100.0, "2026-06-30 18:00:00"),
        ("B", 1, 20.0, "2026-06-29 10:00:00"),
        ("C", 4, 50.0, "2026-05-20 10:00:00"),
        ("D", 1, 300.0, "2026-06-01 10:00:00"),
        ("E", 3, 30.0, "2026-03-01 15:00:00"),
        ("F", 1, 10.0, "2026-04-10 10:00:00"),
        ("G", 5, 80.0, "2025-12-15 10:00:00"),
        ("H", 3, 40.0, "2026-03-01 09:00:00"),
        ("I", 4, 25.0, "2025-07-10 10:00:00"),
        ("J", 2, 35.0, "2025-08-01 10:00:00"),
    ];
    // Earlier orders fall on the 1st of the months of 2025 (January on), all
    // before every last order.
    let ids: Vec<(String, String, String)> = plan
        .iter()
        .flat_map(|(c, n, _, last)| {
            (0..*n).map(move |i| {
                let created = if i + 1 == *n { last.to_string() } else { format!("2025-{:02}-01 10:00:00", i + 1) };
                (format!("#{c}{i}"), format!("e:{c}"), created)
            })
        })
        .collect();
    let mut orders = Vec::new();
    for (id, customer, created) in &ids {
        let total = plan.iter().find(|p| format!("e:{}", p.0) == *customer).unwrap().2;
        orders.push(Order(id, Some(customer), created, None, total, 0.0));
    }
    orders.push(Order("#Bx", Some("e:B"), "2026-06-10 10:00:00", Some("2026-06-10 11:00:00"), 999.0, 0.0));
    orders.push(Order("#anon", None, "2026-06-15 10:00:00", None, 55.0, 0.0));
    add_orders(ws, &orders);
}

#[test]
fn scores_are_store_quintiles() {
    let (_d, ws) = workspace();
    store(&ws);
    let scores = rfm_scores(ws.conn()).unwrap();
    let got: Vec<_> = scores
        .iter()
        .map(|s| {
            (
                s.customer_id.as_str(),
                s.recency_days,
                s.frequency,
                s.monetary,
                s.recency_score,
                s.frequency_score,
                s.monetary_score,
                s.segment,
            )
        })
        .collect();
    use RfmSegment::*;
    assert_eq!(
        got,
        [
            ("e:A", 0, 6, 600.0, 5, 5, 5, Champions),
            ("e:B", 1, 1, 20.0, 5, 1, 1, New),
            ("e:C", 41, 4, 200.0, 4, 4, 4, Loyal),
            ("e:D", 29, 1, 300.0, 4, 2, 4, PotentialLoyalists),
            ("e:E", 121, 3, 90.0, 3, 3, 2, NeedAttention),
            ("e:F", 81, 1, 10.0, 3, 1, 1, AboutToSleep),
            ("e:G", 197, 5, 400.0, 2, 5, 5, CantLoseThem),
            ("e:H", 121, 3, 120.0, 2, 3, 3, AtRisk),
            ("e:I", 355, 4, 100.0, 1, 4, 3, AtRisk),
            ("e:J", 333, 2, 70.0, 1, 2, 2, Lost),
        ]
    );
}

#[test]
fn segments_and_grid() {
    let (_d, ws) = workspace();
    store(&ws);
    let r = rfm(ws.conn()).unwrap();
    assert_eq!(r.as_of.unwrap().to_string(), "2026-06-30");
    assert_eq!(r.customers, 10);
    let segments: Vec<_> = r.segments.iter().map(|s| (s.segment.label(), s.customers, s.mean_monetary)).collect();
    assert_eq!(
        segments,
        [
            ("Champions", 1, Some(600.0)),
            ("Loyal", 1, Some(200.0)),
            ("Potential loyalists", 1, Some(300.0)),
            ("New", 1, Some(20.0)),
            ("Promising", 0, None),
            ("Need attention", 1, Some(90.0)),
            ("About to sleep", 1, Some(10.0)),
            // H 120 and I 100.
            ("At risk", 2, Some(110.0)),
            ("Can't lose them", 1, Some(400.0)),
            ("Hibernating", 0, None),
            ("Lost", 1, Some(70.0)),
        ]
    );
    assert_eq!(r.grid.len(), 25);
    let filled: Vec<_> = r
        .grid
        .iter()
        .filter(|c| c.customers > 0)
        .map(|c| (c.recency_score, c.frequency_score, c.customers, c.mean_monetary))
        .collect();
    assert_eq!(
        filled,
        [
            (1, 2, 1, Some(70.0)),
            (1, 4, 1, Some(100.0)),
            (2, 3, 1, Some(120.0)),
            (2, 5, 1, Some(400.0)),
            (3, 1, 1, Some(10.0)),
            (3, 3, 1, Some(90.0)),
            (4, 2, 1, Some(300.0)),
            (4, 4, 1, Some(200.0)),
            (5, 1, 1, Some(20.0)),
            (5, 5, 1, Some(600.0)),
        ]
    );
    for (i, c) in r.grid.iter().enumerate() {
        assert_eq!((c.recency_score as usize, c.frequency_score as usize), (i / 5 + 1, i % 5 + 1));
        if c.customers == 0 {
            assert_eq!(c.mean_monetary, None);
        }
    }
}

/// The segment map as docs/kpis.md states it, rows R 1..5, columns F 1..5.
const MAP: [[&str; 5]; 5] = [
    ["Lost", "Lost", "At risk", "At risk", "Can't lose them"],
    ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
    ["About to sleep", "About to sleep", "Need attention", "Loyal", "Loyal"],
    ["Promising", "Potential loyalists", "Potential loyalists", "Loyal", "Loyal"],
    ["New", "Potential loyalists", "Potential loyalists", "Champions", "Champions"],
];

/// 25 customers, one per cell: customer i (0..24) has its last order on day i
/// (so R = i / 5 + 1) and i % 5 + 1 orders (so F = i % 5 + 1).
#[test]
fn every_cell_has_its_documented_segment() {
    let (_d, ws) = workspace();
    let mut rows = Vec::new();
    for i in 0..25u32 {
        for n in 0..=(i % 5) {
            // The last order (n = 0) on 1 January 2026 + i days; earlier ones in 2025.
            let created =
                if n == 0 { format!("2026-01-{:02} 10:00:00", i + 1) } else { format!("2025-{:02}-01 10:00:00", n) };
            rows.push((format!("#{i}-{n}"), format!("e:{i:02}"), created));
        }
    }
    let orders: Vec<_> = rows.iter().map(|(id, c, t)| Order(id, Some(c), t, None, 10.0, 0.0)).collect();
    add_orders(&ws, &orders);
    let r = rfm(ws.conn()).unwrap();
    assert_eq!(r.customers, 25);
    for c in &r.grid {
        let (ri, fi) = (c.recency_score as usize - 1, c.frequency_score as usize - 1);
        assert_eq!(c.customers, 1, "cell R{} F{}", c.recency_score, c.frequency_score);
        assert_eq!(c.segment.label(), MAP[ri][fi], "cell R{} F{}", c.recency_score, c.frequency_score);
        assert_eq!(segment_of(c.recency_score, c.frequency_score), c.segment);
    }
    let counts: Vec<_> = r.segments.iter().map(|s| (s.segment.label(), s.customers)).collect();
    assert_eq!(
        counts,
        [
            ("Champions", 2),
            ("Loyal", 4),
            ("Potential loyalists", 4),
            ("New", 1),
            ("Promising", 1),
            ("Need attention", 1),
            ("About to sleep", 2),
            ("At risk", 4),
            ("Can't lose them", 2),
            ("Hibernating", 2),
            ("Lost", 2),
        ]
    );
}

#[test]
fn no_customers_no_segments() {
    let (_d, ws) = workspace();
    add_orders(&ws, &[Order("#1", None, "2026-01-12 10:00:00", None, 10.0, 0.0)]);
    let r = rfm(ws.conn()).unwrap();
    assert_eq!(r.customers, 0);
    assert_eq!(r.as_of.unwrap().to_string(), "2026-01-12");
    assert!(r.segments.iter().all(|s| s.customers == 0 && s.mean_monetary.is_none()));
    assert!(r.grid.len() == 25 && r.grid.iter().all(|c| c.customers == 0));
    assert!(rfm_scores(ws.conn()).unwrap().is_empty());
    let (_d2, empty) = workspace();
    assert_eq!(rfm(empty.conn()).unwrap().as_of, None);
}

#[test]
fn segments_serialize_as_snake_case() {
    assert_eq!(serde_json::to_string(&RfmSegment::CantLoseThem).unwrap(), "\"cant_lose_them\"");
    for s in RfmSegment::ALL {
        assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.key()));
        assert_eq!(RfmSegment::from_key(s.key()), Some(s));
    }
}
