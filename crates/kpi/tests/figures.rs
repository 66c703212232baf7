//! Figures on a small real workspace whose answers are worked out by hand.

use insights_kpi::{figures, Period};
use insights_store::Workspace;

fn store() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("kpi.duckdb"), "KPI").unwrap();
    // ann: 3 orders (one before the last-30-days window), bob: 1 order,
    // cid: 1 cancelled order, one anonymous order, one partly refunded.
    ws.conn()
        .execute_batch(
            "INSERT INTO orders (order_id, customer_id, created_at, cancelled_at, currency, total, refunded_amount, source) VALUES
             ('#1', 'e:ann', '2026-01-05 10:00:00', NULL, 'EUR', 100.00, 0, 't'),
             ('#2', 'e:ann', '2026-03-10 10:00:00', NULL, 'EUR',  50.00, 0, 't'),
             ('#3', 'e:bob', '2026-03-12 10:00:00', NULL, 'EUR',  80.00, 20.00, 't'),
             ('#4', 'e:cid', '2026-03-13 10:00:00', '2026-03-14 09:00:00', 'EUR', 999.00, 0, 't'),
             ('#5', NULL,    '2026-03-20 10:00:00', NULL, 'EUR',  30.00, 0, 't'),
             ('#6', 'e:ann', '2026-03-31 23:00:00', NULL, 'EUR',  40.00, 0, 't');",
        )
        .unwrap();
    (dir, ws)
}

#[test]
fn all_time_figures() {
    let (_d, ws) = store();
    let f = figures(ws.conn(), Period::AllTime).unwrap();
    assert_eq!(f.from.unwrap().to_string(), "2026-01-05");
    assert_eq!(f.to.unwrap().to_string(), "2026-03-31");
    assert_eq!(f.orders, 5, "the cancelled order does not count");
    assert_eq!(f.revenue, 280.0, "100 + 50 + (80 - 20) + 30 + 40");
    assert_eq!(f.average_order_value, 60.0, "300 / 5 before refunds");
    assert_eq!(f.customers, 2, "ann and bob; anonymous and cancelled-only excluded");
    assert_eq!((f.returning_customers, f.first_time_customers), (1, 1));
    assert_eq!(f.returning_customer_rate, 0.5);
    assert_eq!(f.currency, "EUR");
    let total: f64 = f.weeks.iter().map(|w| w.revenue).sum();
    assert_eq!(total, 280.0);
    assert_eq!(f.weeks.first().unwrap().week_start.to_string(), "2026-01-05", "a Monday");
    assert_eq!(f.weeks.len(), 13, "every week from 5 Jan to the week of 30 Mar, empty ones included");
}

#[test]
fn last_30_days_counts_history_for_returning_customers() {
    let (_d, ws) = store();
    let f = figures(ws.conn(), Period::LastDays(30)).unwrap();
    assert_eq!(f.from.unwrap().to_string(), "2026-03-02");
    assert_eq!(f.orders, 4);
    assert_eq!(f.revenue, 180.0);
    // ann ordered before the window too, so she is returning; bob is new.
    assert_eq!((f.returning_customers, f.first_time_customers), (1, 1));
}

#[test]
fn an_empty_workspace_has_zero_figures() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("e.duckdb"), "Empty").unwrap();
    let f = figures(ws.conn(), Period::AllTime).unwrap();
    assert_eq!((f.orders, f.revenue, f.returning_customer_rate), (0, 0.0, 0.0));
    assert!(f.from.is_none() && f.weeks.is_empty());
}
