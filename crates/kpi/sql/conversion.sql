-- Parameters: first and last day of the period (both NULL for all time).
WITH period AS (SELECT CAST(? AS DATE) AS from_day, CAST(? AS DATE) AS to_day),
period_orders AS (
    SELECT count(*) AS n
    FROM orders, period
    WHERE cancelled_at IS NULL
      AND (from_day IS NULL OR CAST(created_at AS DATE) BETWEEN from_day AND to_day)
),
period_sessions AS (
    SELECT count(*) AS n
    FROM sessions, period
    WHERE from_day IS NULL OR CAST(started_at AS DATE) BETWEEN from_day AND to_day
)
SELECT period_orders.n AS orders,
       period_sessions.n AS sessions,
       CASE WHEN period_sessions.n > 0 THEN period_orders.n / period_sessions.n END AS conversion_rate
FROM period_orders, period_sessions
