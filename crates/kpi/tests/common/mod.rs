//! Small real workspaces for the KPI tests.

#![allow(dead_code)]

use insights_store::duckdb::params;
use insights_store::Workspace;

pub fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::create(&dir.path().join("kpi.duckdb"), "KPI").unwrap();
    (dir, ws)
}

/// An order: id, customer (None: anonymous), created at, cancelled at, total, refunded amount.
pub struct Order<'a>(pub &'a str, pub Option<&'a str>, pub &'a str, pub Option<&'a str>, pub f64, pub f64);

pub fn add_orders(ws: &Workspace, orders: &[Order]) {
    let mut stmt = ws
        .conn()
        .prepare(
            "INSERT INTO orders (order_id, customer_id, created_at, cancelled_at, currency, total, refunded_amount, source)
             VALUES (?, ?, CAST(? AS TIMESTAMP), CAST(? AS TIMESTAMP), 'EUR', ?, ?, 't')",
        )
        .unwrap();
    for Order(id, customer, created, cancelled, total, refunded) in orders {
        stmt.execute(params![id, customer, created, cancelled, total, refunded]).unwrap();
    }
}

/// A non-cancelled order with nothing refunded.
pub fn order<'a>(id: &'a str, customer: &'a str, created: &'a str, total: f64) -> Order<'a> {
    Order(id, Some(customer), created, None, total, 0.0)
}

pub fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

pub fn close_opt(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => close(a, b),
        (None, None) => true,
        _ => false,
    }
}
