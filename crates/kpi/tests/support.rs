//! Support figures on a small real workspace whose answers are worked out by hand.

mod common;

use common::*;
use insights_kpi::{support_kpis, IntentKpis, Period};
use insights_store::Workspace;

/// One order on 31 March 2026 anchors the periods: "last 30 days" is
/// 2 – 31 March.
///
/// | id  | started   | intent          | resolution | handled by assistant | csat | counts as |
/// |-----|-----------|-----------------|------------|----------------------|------|-----------|
/// | s01 | 5 Mar     | order_status    | resolved   | true                 | 5    | contained |
/// | s02 | 6 Mar     | order_status    | resolved   | true                 |      | contained |
/// | s03 | 7 Mar     | order_status    | abandoned  | true                 |      | abandoned |
/// | s04 | 8 Mar     | returns_refunds | escalated  | false                | 2    | escalated |
/// | s05 | 9 Mar     | returns_refunds | resolved   | false (team solved)  | 4    | escalated |
/// | s06 | 10 Mar    | talk_to_human   | escalated  | unknown              |      | escalated |
/// | s07 | 11 Mar    | returns_refunds | abandoned  | false (left the team)| 1    | escalated |
/// | s08 | 12 Mar    | (none)          | resolved   | unknown              | 3    | none of the three |
/// | s09 | 15 Jan    | sizing          | resolved   | true                 | 5    | contained |
/// | s10 | (no time) | other           | abandoned  | true                 |      | abandoned |
fn store(ws: &Workspace) {
    add_orders(ws, &[order("#1", "e:ann", "2026-03-31 12:00:00", 10.0)]);
    ws.conn()
        .execute_batch(
            "INSERT INTO support_conversations (conversation_id, started_at, intent, resolution, handled_by_agent, csat, source) VALUES
             ('s01', '2026-03-05 10:00:00', 'order_status',    'resolved',  true,  5,    't'),
             ('s02', '2026-03-06 10:00:00', 'order_status',    'resolved',  true,  NULL, 't'),
             ('s03', '2026-03-07 10:00:00', 'order_status',    'abandoned', true,  NULL, 't'),
             ('s04', '2026-03-08 10:00:00', 'returns_refunds', 'escalated', false, 2,    't'),
             ('s05', '2026-03-09 10:00:00', 'returns_refunds', 'resolved',  false, 4,    't'),
             ('s06', '2026-03-10 10:00:00', 'talk_to_human',   'escalated', NULL,  NULL, 't'),
             ('s07', '2026-03-11 10:00:00', 'returns_refunds', 'abandoned', false, 1,    't'),
             ('s08', '2026-03-12 10:00:00', NULL,              'resolved',  NULL,  3,    't'),
             ('s09', '2026-01-15 10:00:00', 'sizing',          'resolved',  true,  5,    't'),
             ('s10', NULL,                  'other',           'abandoned', true,  NULL, 't');",
        )
        .unwrap();
}

fn intent(k: &IntentKpis) -> (Option<&str>, i64, i64, i64, i64) {
    (k.intent.as_deref(), k.conversations, k.contained, k.escalated, k.abandoned)
}

#[test]
fn last_30_days() {
    let (_d, ws) = workspace();
    store(&ws);
    let k = support_kpis(ws.conn(), Period::LastDays(30)).unwrap();
    assert_eq!(k.from.unwrap().to_string(), "2026-03-02");
    assert_eq!(k.to.unwrap().to_string(), "2026-03-31");
    // s01..s08.
    assert_eq!(k.conversations, 8);
    assert_eq!((k.contained, k.escalated, k.abandoned), (2, 4, 1));
    assert!(close_opt(k.containment_rate, Some(0.25)));
    assert!(close_opt(k.escalation_rate, Some(0.5)));
    assert!(close_opt(k.abandoned_rate, Some(0.125)));
    // Scores 5, 2, 4, 1, 3: five of eight conversations, mean 15 / 5.
    assert_eq!(k.csat_responses, 5);
    assert!(close_opt(k.csat_average, Some(3.0)));
    assert!(close_opt(k.csat_response_rate, Some(0.625)));
    // Most conversations first, ties by name, no intent last.
    let intents: Vec<_> = k.intents.iter().map(intent).collect();
    assert_eq!(
        intents,
        [
            (Some("order_status"), 3, 2, 0, 1),
            (Some("returns_refunds"), 3, 0, 3, 0),
            (Some("talk_to_human"), 1, 0, 1, 0),
            (None, 1, 0, 0, 0),
        ]
    );
    let returns = &k.intents[1];
    assert!(close_opt(returns.escalation_rate, Some(1.0)));
    assert!(close_opt(returns.csat_average, Some(7.0 / 3.0)), "(2 + 4 + 1) / 3");
    assert!(close_opt(k.intents[0].containment_rate, Some(2.0 / 3.0)));
    assert_eq!(k.intents[2].csat_average, None);
}

#[test]
fn all_time_includes_conversations_without_a_start() {
    let (_d, ws) = workspace();
    store(&ws);
    let k = support_kpis(ws.conn(), Period::AllTime).unwrap();
    assert_eq!((k.from, k.to), (None, None));
    assert_eq!(k.conversations, 10);
    // s09 contained, s10 abandoned on top of the above.
    assert_eq!((k.contained, k.escalated, k.abandoned), (3, 4, 2));
    assert!(close_opt(k.containment_rate, Some(0.3)));
    assert!(close_opt(k.escalation_rate, Some(0.4)));
    assert!(close_opt(k.abandoned_rate, Some(0.2)));
    // s09's 5 joins: 20 / 6, six of ten.
    assert_eq!(k.csat_responses, 6);
    assert!(close_opt(k.csat_average, Some(20.0 / 6.0)));
    assert!(close_opt(k.csat_response_rate, Some(0.6)));
    let names: Vec<_> = k.intents.iter().map(|i| i.intent.as_deref()).collect();
    assert_eq!(
        names,
        [Some("order_status"), Some("returns_refunds"), Some("other"), Some("sizing"), Some("talk_to_human"), None]
    );
    assert_eq!(intent(&k.intents[2]), (Some("other"), 1, 0, 0, 1));
    assert_eq!(intent(&k.intents[3]), (Some("sizing"), 1, 1, 0, 0));
}

#[test]
fn no_conversations_no_rates() {
    let (_d, ws) = workspace();
    add_orders(&ws, &[order("#1", "e:ann", "2026-03-31 12:00:00", 10.0)]);
    for period in [Period::AllTime, Period::LastDays(30)] {
        let k = support_kpis(ws.conn(), period).unwrap();
        assert_eq!((k.conversations, k.contained, k.escalated, k.abandoned, k.csat_responses), (0, 0, 0, 0, 0));
        assert_eq!((k.containment_rate, k.escalation_rate, k.abandoned_rate), (None, None, None));
        assert_eq!((k.csat_average, k.csat_response_rate), (None, None));
        assert!(k.intents.is_empty());
    }
}

#[test]
fn without_scores_csat_is_empty() {
    let (_d, ws) = workspace();
    ws.conn()
        .execute_batch(
            "INSERT INTO support_conversations (conversation_id, started_at, intent, resolution, handled_by_agent, source) VALUES
             ('s1', '2026-03-05 10:00:00', 'sizing', 'resolved', true, 't'),
             ('s2', '2026-03-06 10:00:00', 'sizing', 'escalated', false, 't');",
        )
        .unwrap();
    // No orders: all time still counts the conversations ...
    let k = support_kpis(ws.conn(), Period::AllTime).unwrap();
    assert_eq!((k.conversations, k.csat_responses, k.csat_average, k.csat_response_rate), (2, 0, None, None));
    assert_eq!(k.containment_rate, Some(0.5));
    // ... but "last 30 days" has no last order to count back from.
    let k = support_kpis(ws.conn(), Period::LastDays(30)).unwrap();
    assert_eq!((k.conversations, k.containment_rate, k.from), (0, None, None));
}
