-- Parameters: first and last day of the period, twice.
WITH weeks AS (
    SELECT CAST(w AS DATE) AS week_start
    FROM range(CAST(date_trunc('week', CAST(? AS DATE)) AS TIMESTAMP),
               CAST(date_trunc('week', CAST(? AS DATE)) AS TIMESTAMP) + INTERVAL 1 WEEK, INTERVAL 1 WEEK) t(w)
),
sums AS (
    SELECT CAST(date_trunc('week', created_at) AS DATE) AS week_start,
           sum(total - coalesce(refunded_amount, 0))::DOUBLE AS revenue, count(*) AS orders
    FROM orders
    WHERE cancelled_at IS NULL AND CAST(created_at AS DATE) BETWEEN ? AND ?
    GROUP BY 1
)
SELECT weeks.week_start, coalesce(revenue, 0) AS revenue, coalesce(orders, 0) AS orders
FROM weeks LEFT JOIN sums USING (week_start)
ORDER BY week_start
