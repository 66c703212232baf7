//! Cohort retention on a small real workspace whose answers are worked out by hand.

mod common;

use common::*;
use insights_kpi::{cohort_retention, Cohort};
use insights_store::Workspace;

/// The data ends in April 2026 (last order 30 April).
///
/// | customer | non-cancelled orders            | cohort  |
/// |----------|---------------------------------|---------|
/// | a        | 5 Jan, 10 Feb, 1 Apr            | January |
/// | b        | 20 Jan, 3 Mar                   | January |
/// | c        | 25 Jan                          | January |
/// | d        | 14 Feb, 20 Feb, 15 Apr (1 Mar cancelled) | February |
/// | e        | 2 Feb (31 Jan cancelled)        | February |
/// | f        | 30 Apr                          | April   |
///
/// plus an anonymous order in January that belongs to no cohort.
fn store(ws: &Workspace) {
    add_orders(
        ws,
        &[
            order("#01", "e:a", "2026-01-05 10:00:00", 10.0),
            order("#02", "e:a", "2026-02-10 10:00:00", 10.0),
            order("#03", "e:a", "2026-04-01 10:00:00", 10.0),
            order("#04", "e:b", "2026-01-20 10:00:00", 10.0),
            order("#05", "e:b", "2026-03-03 10:00:00", 10.0),
            order("#06", "e:c", "2026-01-25 10:00:00", 10.0),
            order("#07", "e:d", "2026-02-14 10:00:00", 10.0),
            order("#08", "e:d", "2026-02-20 10:00:00", 10.0),
            Order("#09", Some("e:d"), "2026-03-01 10:00:00", Some("2026-03-01 12:00:00"), 10.0, 0.0),
            order("#10", "e:d", "2026-04-15 10:00:00", 10.0),
            Order("#11", Some("e:e"), "2026-01-31 10:00:00", Some("2026-01-31 11:00:00"), 10.0, 0.0),
            order("#12", "e:e", "2026-02-02 10:00:00", 10.0),
            order("#13", "e:f", "2026-04-30 10:00:00", 10.0),
            Order("#14", None, "2026-01-12 10:00:00", None, 10.0, 0.0),
        ],
    );
}

fn assert_cohort(c: &Cohort, month: &str, size: i64, active: &[Option<i64>], retention: &[Option<f64>]) {
    assert_eq!(c.month.to_string(), month);
    assert_eq!(c.size, size, "size of {month}");
    assert_eq!(c.active, active, "active customers of {month}");
    assert_eq!(c.retention.len(), retention.len(), "columns of {month}");
    for (k, (got, want)) in c.retention.iter().zip(retention).enumerate() {
        assert!(close_opt(*got, *want), "{month}, month {k}: {got:?}, expected {want:?}");
    }
}

#[test]
fn cohorts_by_first_order_month() {
    let (_d, ws) = workspace();
    store(&ws);
    let cohorts = cohort_retention(ws.conn(), 4).unwrap();
    // Nobody ordered first in March, so there is no March cohort.
    assert_eq!(cohorts.len(), 3, "{cohorts:?}");
    let third = Some(1.0 / 3.0);
    // January (a, b, c): all three in January, a in February, b in March, a
    // in April; May (month 4) is after the data ends.
    assert_cohort(
        &cohorts[0],
        "2026-01-01",
        3,
        &[Some(3), Some(1), Some(1), Some(1), None],
        &[Some(1.0), third, third, third, None],
    );
    // February (d, e; e's cancelled January order does not make her a
    // January customer): both in February, nobody in March (d's March order
    // was cancelled) which is observed and so 0, not unknown; d in April.
    assert_cohort(
        &cohorts[1],
        "2026-02-01",
        2,
        &[Some(2), Some(0), Some(1), None, None],
        &[Some(1.0), Some(0.0), Some(0.5), None, None],
    );
    // April (f): only its first month is observable.
    assert_cohort(
        &cohorts[2],
        "2026-04-01",
        1,
        &[Some(1), None, None, None, None],
        &[Some(1.0), None, None, None, None],
    );
}

#[test]
fn months_sets_the_number_of_columns() {
    let (_d, ws) = workspace();
    store(&ws);
    let cohorts = cohort_retention(ws.conn(), 0).unwrap();
    assert_eq!(cohorts.iter().map(|c| c.active.clone()).collect::<Vec<_>>(), [[Some(3)], [Some(2)], [Some(1)]]);
    let cohorts = cohort_retention(ws.conn(), 12).unwrap();
    assert!(cohorts.iter().all(|c| c.active.len() == 13 && c.retention.len() == 13));
}

#[test]
fn no_orders_no_cohorts() {
    let (_d, ws) = workspace();
    assert!(cohort_retention(ws.conn(), 6).unwrap().is_empty());
    // Anonymous and cancelled orders make no cohort either.
    add_orders(
        &ws,
        &[
            Order("#1", None, "2026-01-12 10:00:00", None, 10.0, 0.0),
            Order("#2", Some("e:z"), "2026-01-13 10:00:00", Some("2026-01-13 11:00:00"), 10.0, 0.0),
        ],
    );
    assert!(cohort_retention(ws.conn(), 6).unwrap().is_empty());
}
