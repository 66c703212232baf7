//! Generic transaction lines: one row per invoice line with invoice number,
//! stock code, description, quantity, date, unit price, customer and country
//! (the layout of the UCI "Online Retail" data and of many till exports).
//! Invoices starting with `C` are cancellations and become returns, as do
//! negative quantities; rows without a customer become anonymous orders;
//! `17850.0`-style customer ids become `17850`. A stock code that is a SKU
//! of the imported catalogue (a Shopify, WooCommerce or mapped catalogue)
//! is credited to that variant and product; other stock codes become
//! products of their own, named by their most common description.

use crate::sql::literal;
use crate::staging::*;
use crate::ImportError;

pub(crate) fn import(ctx: &Context) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    reject_where(ctx, "InvoiceNo", "nullif(trim(\"InvoiceNo\"), '') IS NULL", "the invoice number is empty")?;
    reject_where(ctx, "StockCode", "nullif(trim(\"StockCode\"), '') IS NULL", "the stock code is empty")?;
    reject_where(ctx, "Quantity", "TRY_CAST(\"Quantity\" AS INTEGER) IS NULL", "expected a whole number of items")?;
    reject_where(
        ctx,
        "InvoiceDate",
        &format!("{} IS NULL", timestamp("\"InvoiceDate\"")),
        "expected a date and time such as 2011-12-09 12:50:00",
    )?;
    reject_bad_numbers(ctx, &["UnitPrice"], "a price")?;
    let rejected = settle_rejects(ctx)?;
    let customer = if has_column(ctx, "CustomerID") {
        // `17850.0` (a number written by a spreadsheet) becomes `17850`; other ids are kept as they are.
        "coalesce(CAST(TRY_CAST(TRY_CAST(nullif(trim(\"CustomerID\"), '') AS DOUBLE) AS BIGINT) AS VARCHAR),
                  nullif(trim(\"CustomerID\"), ''))"
    } else {
        "CAST(NULL AS VARCHAR)"
    };
    let currency = ctx.currency.map(|c| literal(&c.to_uppercase())).unwrap_or("CAST(NULL AS VARCHAR)".into());
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE t_raw AS
         SELECT __line, trim(\"InvoiceNo\") AS inv, upper(trim(\"StockCode\")) AS sku, {descr} AS descr,
                TRY_CAST(\"Quantity\" AS INTEGER) AS qty, {ts} AS ts, {price} AS price,
                {customer} AS cust, {country} AS country
         FROM stg WHERE __line NOT IN (SELECT line FROM bad_lines);

         CREATE OR REPLACE TEMP TABLE t_catalogue AS
         SELECT upper(trim(v.sku)) AS sku, any_value(v.variant_id) AS variant_id, any_value(v.product_id) AS product_id,
                count(*) AS variants, count(DISTINCT v.product_id) AS products
         FROM variants v JOIN products p USING (product_id)
         WHERE v.sku IS NOT NULL AND p.source NOT IN ('transactions', 'mapped_transactions')
         GROUP BY 1;

         CREATE OR REPLACE TEMP TABLE t AS
         SELECT t.*, CASE WHEN c.variants = 1 THEN c.variant_id WHEN c.sku IS NULL THEN t.sku END AS variant,
                CASE WHEN c.products = 1 THEN c.product_id WHEN c.sku IS NULL THEN t.sku END AS product,
                c.sku IS NOT NULL AS in_catalogue
         FROM t_raw t LEFT JOIN t_catalogue c ON c.sku = t.sku;

         CREATE OR REPLACE TEMP TABLE new_orders AS
         SELECT inv AS order_id, CASE WHEN any_value(cust) IS NOT NULL THEN 'x:' || any_value(cust) END AS customer_id,
                min(ts) AS created_at, min(ts) AS paid_at, 'paid' AS financial_status, {currency} AS currency,
                sum(qty * price) AS subtotal, 0 AS shipping, 0 AS taxes, sum(qty * price) AS total,
                0 AS discount_amount, 0 AS refunded_amount, any_value(country) AS shipping_country,
                CAST([] AS VARCHAR[]) AS tags, {source} AS source
         FROM t WHERE NOT starts_with(inv, 'C') AND qty >= 0
         GROUP BY inv;

         CREATE OR REPLACE TEMP TABLE new_lines AS
         SELECT inv AS order_id, row_number() OVER (PARTITION BY inv ORDER BY __line)::INTEGER AS line_no,
                sku, variant AS variant_id, product AS product_id, descr AS name, qty AS quantity, price, 0 AS discount
         FROM t WHERE NOT starts_with(inv, 'C') AND qty >= 0;

         CREATE OR REPLACE TEMP TABLE new_returns AS
         SELECT inv || '/' || row_number() OVER (PARTITION BY inv ORDER BY __line) AS return_id,
                inv AS order_id, sku, variant AS variant_id, product AS product_id, abs(qty) AS quantity,
                abs(qty * price) AS amount,
                CASE WHEN starts_with(inv, 'C') THEN 'CANCELLED' ELSE 'ADJUSTMENT' END AS reason,
                descr AS note, ts AS created_at, {source} AS source
         FROM t WHERE starts_with(inv, 'C') OR qty < 0;

         CREATE OR REPLACE TEMP TABLE new_products AS
         SELECT sku AS product_id, coalesce(mode(descr), sku) AS title, 'active' AS status, {source} AS source,
                current_timestamp::TIMESTAMP AS updated_at
         FROM t WHERE NOT in_catalogue GROUP BY sku;

         CREATE OR REPLACE TEMP TABLE new_variants AS
         SELECT sku AS variant_id, sku AS product_id, sku, 1 AS position,
                mode(price) FILTER (WHERE qty > 0 AND price > 0) AS price
         FROM t WHERE NOT in_catalogue GROUP BY sku;

         CREATE OR REPLACE TEMP TABLE new_customers AS
         SELECT 'x:' || cust AS customer_id, cust AS external_id, mode(country) AS country, {source} AS source
         FROM t WHERE cust IS NOT NULL GROUP BY cust;",
        descr = col(ctx, "Description"),
        ts = timestamp("\"InvoiceDate\""),
        price = money("\"UnitPrice\""),
        country = col(ctx, "Country"),
    );
    ctx.tx.execute_batch(&sql)?;
    upsert(ctx, "new_products", "products", &["product_id"])?;
    upsert(ctx, "new_variants", "variants", &["variant_id"])?;
    upsert(ctx, "new_customers", "customers", &["customer_id"])?;
    let (inserted, updated) = upsert(ctx, "new_orders", "orders", &["order_id"])?;
    replace_children(ctx, "new_orders", "order_id", "new_lines", "order_lines", &["order_id", "line_no"])?;
    upsert(ctx, "new_returns", "returns", &["return_id"])?;
    ctx.tx.execute_batch(
        "DROP TABLE t_raw; DROP TABLE t; DROP TABLE t_catalogue; DROP TABLE new_orders; DROP TABLE new_lines; DROP TABLE new_returns;
         DROP TABLE new_products; DROP TABLE new_variants; DROP TABLE new_customers;",
    )?;
    Ok(Counts { inserted, updated, rejected, ..Counts::default() })
}
