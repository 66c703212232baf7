-- Parameters: first and last day of the period.
SELECT count(*) AS orders,
       coalesce(sum(total - coalesce(refunded_amount, 0)), 0)::DOUBLE AS revenue,
       coalesce(sum(total), 0)::DOUBLE AS gross_sales,
       count(DISTINCT customer_id) AS customers,
       mode(currency) AS currency
FROM orders
WHERE cancelled_at IS NULL AND CAST(created_at AS DATE) BETWEEN ? AND ?
