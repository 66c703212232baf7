//! Conversion, abandoned-checkout recovery and refund rates on a small real
//! workspace whose answers are worked out by hand.

mod common;

use common::*;
use insights_kpi::{store_kpis, Period};
use insights_store::Workspace;

/// Orders from 5 Jan to 31 Mar 2026; "last 30 days" is 2 Mar – 31 Mar.
fn orders(ws: &Workspace) {
    add_orders(
        ws,
        &[
            Order("#1", Some("e:ann"), "2026-01-05 10:00:00", None, 100.0, 0.0),
            Order("#2", Some("e:ann"), "2026-03-10 10:00:00", None, 50.0, 0.0),
            // Partly refunded.
            Order("#3", Some("e:bob"), "2026-03-12 10:00:00", None, 80.0, 20.0),
            // Cancelled after payment, so refunded in full: counts nowhere.
            Order("#4", Some("e:cid"), "2026-03-13 10:00:00", Some("2026-03-14 09:00:00"), 999.0, 999.0),
            // Refunded in full, anonymous.
            Order("#5", None, "2026-03-20 10:00:00", None, 30.0, 30.0),
            Order("#6", Some("e:ann"), "2026-03-31 23:00:00", None, 40.0, 0.0),
        ],
    );
}

fn sessions(ws: &Workspace) {
    ws.conn()
        .execute_batch(
            "INSERT INTO sessions (session_id, visitor_id, started_at) VALUES
             ('s00', 'v1', '2025-12-31 12:00:00'),
             ('s01', 'v1', '2026-01-05 09:00:00'),
             ('s02', 'v2', '2026-02-10 09:00:00'),
             ('s03', 'v3', '2026-03-01 23:59:59'),
             ('s04', 'v3', '2026-03-02 00:00:00'),
             ('s05', 'v4', '2026-03-10 09:00:00'),
             ('s06', 'v5', '2026-03-15 09:00:00'),
             ('s07', 'v6', '2026-03-20 09:00:00'),
             ('s08', 'v7', '2026-03-25 09:00:00'),
             ('s09', 'v8', '2026-03-28 09:00:00'),
             ('s10', 'v9', '2026-03-31 23:30:00'),
             ('s11', 'v9', '2026-04-01 08:00:00');",
        )
        .unwrap();
}

fn checkouts(ws: &Workspace) {
    ws.conn()
        .execute_batch(
            "INSERT INTO abandoned_checkouts (checkout_id, created_at, total, recovered_order_id, source) VALUES
             ('c1', '2026-01-10 10:00:00', 50.00, '#2', 't'),
             ('c2', '2026-03-05 10:00:00', 70.00, NULL, 't'),
             ('c3', '2026-03-18 10:00:00', 30.00, '#5', 't'),
             ('c4', '2026-03-30 10:00:00', 90.00, NULL, 't'),
             ('c5', '2026-04-02 10:00:00', 20.00, NULL, 't');",
        )
        .unwrap();
}

#[test]
fn all_time_counts_every_row() {
    let (_d, ws) = workspace();
    orders(&ws);
    sessions(&ws);
    checkouts(&ws);
    let k = store_kpis(ws.conn(), Period::AllTime).unwrap();
    assert_eq!((k.from, k.to), (None, None), "all time has no bounds");
    // Orders #1 #2 #3 #5 #6 (not the cancelled #4); all 12 sessions, even
    // those before the first and after the last order.
    assert_eq!((k.orders, k.sessions), (5, 12));
    assert!(close_opt(k.conversion_rate, Some(5.0 / 12.0)), "{:?}", k.conversion_rate);
    // c1..c5 abandoned, c1 and c3 recovered.
    assert_eq!((k.abandoned_checkouts, k.recovered_checkouts), (5, 2));
    assert!(close_opt(k.recovery_rate, Some(0.4)));
    // #3 and #5 refunded: 2 of 5 orders; 20 + 30 = 50 of 100 + 50 + 80 + 30 + 40 = 300.
    assert_eq!(k.refunded_orders, 2);
    assert_eq!((k.gross_sales, k.refunded_amount), (300.0, 50.0));
    assert!(close_opt(k.refunded_order_rate, Some(0.4)));
    assert!(close_opt(k.refunded_amount_rate, Some(50.0 / 300.0)));
}

#[test]
fn last_30_days_end_on_the_last_order_day() {
    let (_d, ws) = workspace();
    orders(&ws);
    sessions(&ws);
    checkouts(&ws);
    let k = store_kpis(ws.conn(), Period::LastDays(30)).unwrap();
    assert_eq!(k.from.unwrap().to_string(), "2026-03-02");
    assert_eq!(k.to.unwrap().to_string(), "2026-03-31");
    // Orders #2 #3 #5 #6; sessions s04..s10 (s03 is a second before the
    // period, s11 the day after it).
    assert_eq!((k.orders, k.sessions), (4, 7));
    assert!(close_opt(k.conversion_rate, Some(4.0 / 7.0)), "{:?}", k.conversion_rate);
    // c2 c3 c4 abandoned in the period, c3 recovered.
    assert_eq!((k.abandoned_checkouts, k.recovered_checkouts), (3, 1));
    assert!(close_opt(k.recovery_rate, Some(1.0 / 3.0)));
    // #3 and #5 of 4 orders; 50 of 50 + 80 + 30 + 40 = 200.
    assert_eq!((k.refunded_orders, k.gross_sales, k.refunded_amount), (2, 200.0, 50.0));
    assert!(close_opt(k.refunded_order_rate, Some(0.5)));
    assert!(close_opt(k.refunded_amount_rate, Some(0.25)));
}

#[test]
fn no_sessions_or_checkouts_leave_their_rates_empty() {
    let (_d, ws) = workspace();
    orders(&ws);
    let k = store_kpis(ws.conn(), Period::AllTime).unwrap();
    assert_eq!((k.orders, k.sessions, k.conversion_rate), (5, 0, None));
    assert_eq!((k.abandoned_checkouts, k.recovered_checkouts, k.recovery_rate), (0, 0, None));
    assert!(k.refunded_order_rate.is_some(), "refunds need only orders");
}

#[test]
fn sessions_outside_the_period_do_not_count() {
    let (_d, ws) = workspace();
    orders(&ws);
    // Sessions and checkouts only in January: none in the last 7 days
    // (25 – 31 March), though all time has them.
    ws.conn()
        .execute_batch(
            "INSERT INTO sessions (session_id, visitor_id, started_at) VALUES ('s1', 'v1', '2026-01-05 09:00:00');
             INSERT INTO abandoned_checkouts (checkout_id, created_at, source) VALUES ('c1', '2026-01-06 09:00:00', 't');",
        )
        .unwrap();
    let week = store_kpis(ws.conn(), Period::LastDays(7)).unwrap();
    assert_eq!((week.orders, week.sessions, week.conversion_rate), (1, 0, None));
    assert_eq!((week.abandoned_checkouts, week.recovery_rate), (0, None));
    let all = store_kpis(ws.conn(), Period::AllTime).unwrap();
    assert_eq!(all.conversion_rate, Some(5.0));
    assert_eq!(all.recovery_rate, Some(0.0));
}

#[test]
fn an_empty_workspace_has_no_rates() {
    let (_d, ws) = workspace();
    for period in [Period::AllTime, Period::LastDays(30)] {
        let k = store_kpis(ws.conn(), period).unwrap();
        assert_eq!((k.orders, k.sessions, k.abandoned_checkouts, k.refunded_orders), (0, 0, 0, 0));
        assert_eq!((k.conversion_rate, k.recovery_rate), (None, None));
        assert_eq!((k.refunded_order_rate, k.refunded_amount_rate), (None, None));
        assert_eq!((k.gross_sales, k.refunded_amount), (0.0, 0.0));
        assert_eq!((k.from, k.to), (None, None));
    }
}
