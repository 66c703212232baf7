-- Parameters: first and last day of the period (both NULL for all time).
WITH period AS (SELECT CAST(? AS DATE) AS from_day, CAST(? AS DATE) AS to_day),
period_orders AS (
    SELECT total, coalesce(refunded_amount, 0) AS refunded
    FROM orders, period
    WHERE cancelled_at IS NULL
      AND (from_day IS NULL OR CAST(created_at AS DATE) BETWEEN from_day AND to_day)
)
SELECT count(*) AS orders,
       count(*) FILTER (WHERE refunded > 0) AS refunded_orders,
       coalesce(sum(total), 0)::DOUBLE AS gross_sales,
       coalesce(sum(refunded), 0)::DOUBLE AS refunded_amount,
       CASE WHEN count(*) > 0 THEN count(*) FILTER (WHERE refunded > 0) / count(*) END AS refunded_order_rate,
       CASE WHEN sum(total) > 0 THEN sum(refunded)::DOUBLE / sum(total)::DOUBLE END AS refunded_amount_rate
FROM period_orders
