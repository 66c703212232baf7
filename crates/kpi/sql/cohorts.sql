-- Parameter: the last column, in months since the first order (N: columns 0..N).
WITH firsts AS (
    SELECT customer_id, CAST(date_trunc('month', min(created_at)) AS DATE) AS cohort_month
    FROM orders
    WHERE cancelled_at IS NULL AND customer_id IS NOT NULL
    GROUP BY customer_id
),
activity AS (
    SELECT DISTINCT firsts.customer_id, firsts.cohort_month,
           datediff('month', firsts.cohort_month, CAST(date_trunc('month', orders.created_at) AS DATE)) AS k
    FROM orders JOIN firsts USING (customer_id)
    WHERE orders.cancelled_at IS NULL
),
active_counts AS (
    SELECT cohort_month, k, count(*) AS active FROM activity GROUP BY cohort_month, k
),
sizes AS (
    SELECT cohort_month, count(*) AS size FROM firsts GROUP BY cohort_month
),
last_month AS (
    SELECT CAST(date_trunc('month', max(created_at)) AS DATE) AS month FROM orders
),
grid AS (
    SELECT cohort_month, size, k,
           cohort_month + to_months(CAST(k AS INTEGER)) <= last_month.month AS observable
    FROM sizes, last_month, generate_series(0, CAST(? AS BIGINT)) AS columns(k)
)
SELECT grid.cohort_month,
       grid.size,
       grid.k AS months_since_first_order,
       CASE WHEN observable THEN coalesce(active_counts.active, 0) END AS active,
       CASE WHEN observable THEN coalesce(active_counts.active, 0) / grid.size END AS retention
FROM grid LEFT JOIN active_counts USING (cohort_month, k)
ORDER BY grid.cohort_month, grid.k
