-- Parameters: first and last day of the period, then the last day again.
WITH active AS (
    SELECT DISTINCT customer_id FROM orders
    WHERE cancelled_at IS NULL AND customer_id IS NOT NULL AND CAST(created_at AS DATE) BETWEEN ? AND ?
),
history AS (
    SELECT customer_id, count(*) AS n FROM orders
    WHERE cancelled_at IS NULL AND customer_id IN (SELECT customer_id FROM active) AND CAST(created_at AS DATE) <= ?
    GROUP BY customer_id
)
SELECT count(*) FILTER (WHERE n > 1) AS returning_customers,
       count(*) FILTER (WHERE n = 1) AS first_time_customers
FROM history
