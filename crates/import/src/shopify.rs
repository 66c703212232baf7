//! Shopify exports (products, orders, customers) and plain returns lists,
//! mapped from the staging table into the canonical tables with SQL.

use crate::sql::{ident, literal};
use crate::staging::*;
use crate::ImportError;

/// The columns each Shopify mapping reads; `None` for other formats.
pub(crate) fn columns(format: crate::Format) -> Option<Vec<&'static str>> {
    use crate::Format as F;
    let product = |c: &ProductColumns| {
        let mut v = vec![
            c.handle,
            c.title,
            c.body,
            c.vendor,
            c.category,
            c.product_type,
            c.tags,
            c.published,
            c.status,
            c.sku,
            c.barcode,
            c.price,
            c.compare_at,
            c.cost,
            c.inventory,
            c.grams,
            c.image,
        ];
        v.extend(c.options.iter().flat_map(|(n, v)| [*n, *v]));
        v
    };
    let customer = |c: &CustomerColumns| {
        let mut v =
            vec!["First Name", "Last Name", "Email", "Total Spent", "Total Orders", "Tags", c.accepts, c.country];
        v.extend(c.id);
        v.extend(c.address);
        v.extend(c.phone);
        v
    };
    match format {
        F::ShopifyProductsCurrent => Some(product(&PRODUCTS_CURRENT)),
        F::ShopifyProductsLegacy => Some(product(&PRODUCTS_LEGACY)),
        F::ShopifyCustomersCurrent => Some(customer(&CUSTOMERS_CURRENT)),
        F::ShopifyCustomersLegacy => Some(customer(&CUSTOMERS_LEGACY)),
        F::ShopifyOrders => Some(ORDER_COLUMNS.to_vec()),
        _ => None,
    }
}

const ORDER_COLUMNS: &[&str] = &[
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem sku",
    "Lineitem discount",
    "Cancelled at",
    "Refunded Amount",
    "Shipping Country",
    "Id",
    "Tags",
    "Source",
];

pub(crate) struct ProductColumns {
    handle: &'static str,
    title: &'static str,
    body: &'static str,
    vendor: &'static str,
    category: &'static str,
    product_type: &'static str,
    tags: &'static str,
    published: &'static str,
    status: &'static str,
    sku: &'static str,
    barcode: &'static str,
    options: [(&'static str, &'static str); 3],
    price: &'static str,
    compare_at: &'static str,
    cost: &'static str,
    inventory: &'static str,
    grams: &'static str,
    image: &'static str,
}

pub(crate) const PRODUCTS_CURRENT: ProductColumns = ProductColumns {
    handle: "URL handle",
    title: "Title",
    body: "Description",
    vendor: "Vendor",
    category: "Product category",
    product_type: "Type",
    tags: "Tags",
    published: "Published on online store",
    status: "Status",
    sku: "SKU",
    barcode: "Barcode",
    options: [("Option1 name", "Option1 value"), ("Option2 name", "Option2 value"), ("Option3 name", "Option3 value")],
    price: "Price",
    compare_at: "Compare-at price",
    cost: "Cost per item",
    inventory: "Inventory quantity",
    grams: "Weight value (grams)",
    image: "Variant image URL",
};

pub(crate) const PRODUCTS_LEGACY: ProductColumns = ProductColumns {
    handle: "Handle",
    title: "Title",
    body: "Body (HTML)",
    vendor: "Vendor",
    category: "Product Category",
    product_type: "Type",
    tags: "Tags",
    published: "Published",
    status: "Status",
    sku: "Variant SKU",
    barcode: "Variant Barcode",
    options: [("Option1 Name", "Option1 Value"), ("Option2 Name", "Option2 Value"), ("Option3 Name", "Option3 Value")],
    price: "Variant Price",
    compare_at: "Variant Compare At Price",
    cost: "Cost per item",
    inventory: "Variant Inventory Qty",
    grams: "Variant Grams",
    image: "Variant Image",
};

pub(crate) fn products(ctx: &Context, c: &ProductColumns) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    reject_where(
        ctx,
        c.handle,
        &format!("{} IS NULL OR trim({}) = ''", ident(c.handle), ident(c.handle)),
        "the product handle is empty",
    )?;
    reject_bad_numbers(ctx, &[c.price, c.compare_at, c.cost], "a price")?;
    if has_column(ctx, c.inventory) {
        let inv = ident(c.inventory);
        reject_where(
            ctx,
            c.inventory,
            &format!("{inv} IS NOT NULL AND TRY_CAST({inv} AS INTEGER) IS NULL"),
            "expected a whole number of items in stock",
        )?;
    }
    let rejected = settle_rejects(ctx)?;
    let handle = col(ctx, c.handle);
    let (o1n, o1v) = (col(ctx, c.options[0].0), col(ctx, c.options[0].1));
    let (o2n, o2v) = (col(ctx, c.options[1].0), col(ctx, c.options[1].1));
    let (o3n, o3v) = (col(ctx, c.options[2].0), col(ctx, c.options[2].1));
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE p_rows AS
         SELECT __line AS r, {handle} AS handle, {title} AS title, {body} AS body, {vendor} AS vendor,
                {category} AS category, {ptype} AS ptype, {tags_col} AS tags, {published} AS published, {status} AS status,
                {sku} AS sku, {barcode} AS barcode,
                {o1n} AS o1n, {o1v} AS o1v, {o2n} AS o2n, {o2v} AS o2v, {o3n} AS o3n, {o3v} AS o3v,
                {price} AS price, {compare} AS compare_at, {cost} AS cost,
                TRY_CAST({inventory} AS INTEGER) AS inventory, TRY_CAST({grams} AS DOUBLE) AS grams, {image} AS image
         FROM stg WHERE __line NOT IN (SELECT line FROM bad_lines);

         CREATE OR REPLACE TEMP TABLE new_products AS
         SELECT handle AS product_id, title, {plain} AS description, body AS description_html, vendor,
                ptype AS product_type, category AS category_path, {tag_list} AS tags,
                lower(coalesce(status, 'active')) AS status, {published_flag} AS published, {source} AS source,
                current_timestamp::TIMESTAMP AS updated_at
         FROM p_rows WHERE title IS NOT NULL
         QUALIFY row_number() OVER (PARTITION BY handle ORDER BY r) = 1;

         CREATE OR REPLACE TEMP TABLE new_variants AS
         SELECT coalesce(sku, product_id || '/' || position) AS variant_id, *
         FROM (
            SELECT handle AS product_id, sku, row_number() OVER (PARTITION BY handle ORDER BY r)::INTEGER AS position,
                   coalesce(o1n, first_value(o1n IGNORE NULLS) OVER w) AS option1_name, o1v AS option1_value,
                   coalesce(o2n, first_value(o2n IGNORE NULLS) OVER w) AS option2_name, o2v AS option2_value,
                   coalesce(o3n, first_value(o3n IGNORE NULLS) OVER w) AS option3_name, o3v AS option3_value,
                   {m_price} AS price, {m_compare} AS compare_at_price, {m_cost} AS cost,
                   inventory AS inventory_qty, barcode, grams AS weight_grams, image AS image_url
            FROM p_rows
            WHERE handle IN (SELECT product_id FROM new_products)
              AND (sku IS NOT NULL OR price IS NOT NULL OR o1v IS NOT NULL)
            WINDOW w AS (PARTITION BY handle ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         )
         QUALIFY row_number() OVER (PARTITION BY variant_id ORDER BY position) = 1;",
        title = col(ctx, c.title),
        body = col(ctx, c.body),
        vendor = col(ctx, c.vendor),
        category = col(ctx, c.category),
        ptype = col(ctx, c.product_type),
        tags_col = col(ctx, c.tags),
        published = col(ctx, c.published),
        status = col(ctx, c.status),
        sku = col(ctx, c.sku),
        barcode = col(ctx, c.barcode),
        price = col(ctx, c.price),
        compare = col(ctx, c.compare_at),
        cost = col(ctx, c.cost),
        inventory = col(ctx, c.inventory),
        grams = col(ctx, c.grams),
        image = col(ctx, c.image),
        plain = plain_text("body"),
        tag_list = tags("tags"),
        published_flag = boolean("published"),
        m_price = money("price"),
        m_compare = money("compare_at"),
        m_cost = money("cost"),
    );
    ctx.tx.execute_batch(&sql)?;
    let (inserted, updated) = upsert(ctx, "new_products", "products", &["product_id"])?;
    replace_children(ctx, "new_products", "product_id", "new_variants", "variants", &["variant_id"])?;
    ctx.tx.execute_batch("DROP TABLE p_rows; DROP TABLE new_products; DROP TABLE new_variants;")?;
    Ok(Counts { inserted, updated, rejected, ..Counts::default() })
}

pub(crate) fn orders(ctx: &Context) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    // Order-level fields sit on each order's first row only.
    ctx.tx.execute_batch(
        "CREATE OR REPLACE TEMP TABLE o_start AS
         SELECT \"Name\" AS name, min(__line) AS first_line FROM stg WHERE \"Name\" IS NOT NULL GROUP BY 1;
         CREATE OR REPLACE TEMP TABLE o_first AS
         SELECT s.__line AS r, s.* FROM stg s JOIN o_start o ON s.__line = o.first_line;",
    )?;
    ctx.tx.execute_batch(&format!(
        "INSERT INTO bad_lines SELECT __line, 'Name', 'the order name is empty', NULL FROM stg WHERE \"Name\" IS NULL;
         INSERT INTO bad_lines SELECT r, 'Created at', 'expected a date and time such as 2025-03-14 10:22:31 +0000', \"Created at\"
           FROM o_first WHERE {created} IS NULL;
         INSERT INTO bad_lines SELECT r, 'Total', 'expected an amount such as 19.99', \"Total\"
           FROM o_first WHERE {total} IS NULL;",
        created = timestamp("\"Created at\""),
        total = money("\"Total\""),
    ))?;
    reject_where(
        ctx,
        "Lineitem quantity",
        "TRY_CAST(\"Lineitem quantity\" AS INTEGER) IS NULL",
        "expected a whole number of items",
    )?;
    reject_bad_numbers(
        ctx,
        &["Lineitem price", "Subtotal", "Shipping", "Taxes", "Discount Amount", "Refunded Amount"],
        "an amount",
    )?;
    let rejected = settle_rejects(ctx)?;
    // A rejected row rejects its whole order: half an order would skew every figure.
    ctx.tx.execute_batch(
        "CREATE OR REPLACE TEMP TABLE bad_orders AS
         SELECT DISTINCT \"Name\" AS name FROM stg WHERE __line IN (SELECT line FROM bad_lines) AND \"Name\" IS NOT NULL;",
    )?;
    let email = col(ctx, "Email");
    let orders_select = format!(
        "SELECT \"Name\" AS order_id, {external_id} AS external_id,
                CASE WHEN email_key IS NOT NULL THEN 'e:' || email_key END AS customer_id, email_key,
                {created} AS created_at, {paid} AS paid_at, {fulfilled} AS fulfilled_at, {cancelled} AS cancelled_at,
                lower({fin}) AS financial_status, lower({ful}) AS fulfillment_status, upper({currency}) AS currency,
                {subtotal} AS subtotal, {shipping} AS shipping, {taxes} AS taxes, {total} AS total,
                {discount_code} AS discount_code, coalesce({discount}, 0) AS discount_amount,
                coalesce({refunded}, 0) AS refunded_amount, {country} AS shipping_country, {channel} AS sales_channel,
                {tag_list} AS tags, {source} AS source
         FROM (SELECT *, {email_key} AS email_key FROM o_first)
         WHERE \"Name\" NOT IN (SELECT name FROM bad_orders)",
        external_id = col(ctx, "Id"),
        created = timestamp("\"Created at\""),
        paid = timestamp(&col(ctx, "Paid at")),
        fulfilled = timestamp(&col(ctx, "Fulfilled at")),
        cancelled = timestamp(&col(ctx, "Cancelled at")),
        fin = col(ctx, "Financial Status"),
        ful = col(ctx, "Fulfillment Status"),
        currency = col(ctx, "Currency"),
        subtotal = money(&col(ctx, "Subtotal")),
        shipping = money(&col(ctx, "Shipping")),
        taxes = money(&col(ctx, "Taxes")),
        total = money("\"Total\""),
        discount_code = col(ctx, "Discount Code"),
        discount = money(&col(ctx, "Discount Amount")),
        refunded = money(&col(ctx, "Refunded Amount")),
        country = col(ctx, "Shipping Country"),
        channel = col(ctx, "Source"),
        tag_list = tags(&col(ctx, "Tags")),
        email_key = pii_key(ctx, "email", &email),
    );
    let lines_select = format!(
        "SELECT s.\"Name\" AS order_id, (s.__line - o.first_line + 1)::INTEGER AS line_no,
                {sku} AS sku, v.variant_id, v.product_id, {line_name} AS name,
                TRY_CAST(s.\"Lineitem quantity\" AS INTEGER) AS quantity, {line_price} AS price, coalesce({line_discount}, 0) AS discount
         FROM stg s
         JOIN o_start o ON o.name = s.\"Name\"
         LEFT JOIN (SELECT sku, min(variant_id) AS variant_id, min(product_id) AS product_id FROM variants
                    WHERE sku IS NOT NULL GROUP BY sku) v ON v.sku = {sku}
         WHERE s.\"Name\" NOT IN (SELECT name FROM bad_orders)",
        sku = col(ctx, "Lineitem sku"),
        line_name = col(ctx, "Lineitem name"),
        line_price = money(&col(ctx, "Lineitem price")),
        line_discount = money(&col(ctx, "Lineitem discount")),
    );
    // Into empty tables nothing can conflict: insert straight from staging
    // rather than building and then copying a million rows.
    let empty: bool =
        ctx.tx.query_row("SELECT NOT EXISTS (FROM orders) AND NOT EXISTS (FROM order_lines)", [], |r| r.get(0))?;
    let (inserted, updated) = if empty {
        let inserted = ctx.tx.execute(&format!("INSERT INTO orders BY NAME {orders_select}"), [])? as i64;
        ctx.tx.execute(&format!("INSERT INTO order_lines BY NAME {lines_select}"), [])?;
        (inserted, 0)
    } else {
        ctx.tx.execute_batch(&format!(
            "CREATE OR REPLACE TEMP TABLE new_orders AS {orders_select};
             CREATE OR REPLACE TEMP TABLE new_lines AS {lines_select};"
        ))?;
        let counts = upsert(ctx, "new_orders", "orders", &["order_id"])?;
        replace_children(ctx, "new_orders", "order_id", "new_lines", "order_lines", &["order_id", "line_no"])?;
        counts
    };
    ctx.tx.execute_batch(
        "DROP TABLE o_start; DROP TABLE o_first; DROP TABLE bad_orders; DROP TABLE IF EXISTS new_orders; DROP TABLE IF EXISTS new_lines;",
    )?;
    Ok(Counts { inserted, updated, rejected, ..Counts::default() })
}

pub(crate) struct CustomerColumns {
    id: Option<&'static str>,
    accepts: &'static str,
    address: [&'static str; 6],
    country: &'static str,
    phone: [&'static str; 2],
}

pub(crate) const CUSTOMERS_CURRENT: CustomerColumns = CustomerColumns {
    id: Some("Customer ID"),
    accepts: "Accepts Email Marketing",
    address: [
        "Default Address Address1",
        "Default Address Address2",
        "Default Address City",
        "Default Address Zip",
        "Default Address Province Code",
        "Default Address Country Code",
    ],
    country: "Default Address Country Code",
    phone: ["Phone", "Default Address Phone"],
};

pub(crate) const CUSTOMERS_LEGACY: CustomerColumns = CustomerColumns {
    id: None,
    accepts: "Accepts Marketing",
    address: ["Address1", "Address2", "City", "Zip", "Province Code", "Country Code"],
    country: "Country Code",
    phone: ["Phone", "Phone"],
};

pub(crate) fn customers(ctx: &Context, c: &CustomerColumns) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    reject_bad_numbers(ctx, &["Total Spent"], "an amount")?;
    reject_where(
        ctx,
        "Email",
        &format!("\"Email\" IS NULL AND {} IS NULL", c.id.map(|i| col(ctx, i)).unwrap_or("NULL".into())),
        "the customer has neither an e-mail nor a customer id",
    )?;
    let rejected = settle_rejects(ctx)?;
    let name = format!("nullif(trim(concat_ws(' ', {}, {})), '')", col(ctx, "First Name"), col(ctx, "Last Name"));
    let address = format!(
        "nullif(concat_ws(', ', {}), '')",
        c.address.iter().map(|a| col(ctx, a)).collect::<Vec<_>>().join(", ")
    );
    let phone = format!("coalesce({}, {})", col(ctx, c.phone[0]), col(ctx, c.phone[1]));
    let email = col(ctx, "Email");
    let external = c.id.map(|i| col(ctx, i)).unwrap_or("CAST(NULL AS VARCHAR)".into());
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE new_customers AS
         SELECT coalesce('e:' || email_key, 'x:' || external_id) AS customer_id, * EXCLUDE (r)
         FROM (
            SELECT __line AS r, {external} AS external_id,
                   {email_key} AS email_key, {phone_key} AS phone_key, {name_key} AS name_key, {address_key} AS address_key,
                   {email_plain} AS email, {phone_plain} AS phone, {name_plain} AS name, {address_plain} AS address,
                   {accepts} AS accepts_marketing, upper({country}) AS country,
                   {spent} AS total_spent, TRY_CAST({orders} AS INTEGER) AS orders_count,
                   {tag_list} AS tags, {source} AS source
            FROM stg WHERE __line NOT IN (SELECT line FROM bad_lines)
         )
         QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY r DESC) = 1;",
        email_key = pii_key(ctx, "email", &email),
        phone_key = pii_key(ctx, "phone", &phone),
        name_key = pii_key(ctx, "name", &name),
        address_key = pii_key(ctx, "address", &address),
        email_plain = pii_plain(ctx, &email),
        phone_plain = pii_plain(ctx, &phone),
        name_plain = pii_plain(ctx, &name),
        address_plain = pii_plain(ctx, &address),
        accepts = boolean(&col(ctx, c.accepts)),
        country = col(ctx, c.country),
        spent = money(&col(ctx, "Total Spent")),
        orders = col(ctx, "Total Orders"),
        tag_list = tags(&col(ctx, "Tags")),
    );
    ctx.tx.execute_batch(&sql)?;
    let (inserted, updated) = upsert(ctx, "new_customers", "customers", &["customer_id"])?;
    ctx.tx.execute_batch("DROP TABLE new_customers;")?;
    Ok(Counts { inserted, updated, rejected, ..Counts::default() })
}

pub(crate) fn returns(ctx: &Context) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    reject_where(ctx, "Quantity", "TRY_CAST(\"Quantity\" AS INTEGER) IS NULL", "expected a whole number of items")?;
    reject_where(ctx, "Order", "\"Order\" IS NULL", "the order name is empty")?;
    reject_bad_numbers(ctx, &["Refunded Amount"], "an amount")?;
    let rejected = settle_rejects(ctx)?;
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE new_returns AS
         SELECT order_id || '/' || coalesce(sku, '') || '/' || coalesce(CAST(created_at AS VARCHAR), '') || '/'
                    || row_number() OVER (PARTITION BY order_id, sku, created_at ORDER BY r) AS return_id,
                * EXCLUDE (r)
         FROM (
            SELECT s.__line AS r, s.\"Order\" AS order_id, {sku} AS sku, v.variant_id, v.product_id,
                   TRY_CAST(s.\"Quantity\" AS INTEGER) AS quantity, {amount} AS amount, upper({reason}) AS reason,
                   {note} AS note, {created} AS created_at, {source} AS source
            FROM stg s
            LEFT JOIN (SELECT sku, min(variant_id) AS variant_id, min(product_id) AS product_id FROM variants
                       WHERE sku IS NOT NULL GROUP BY sku) v ON v.sku = {sku}
            WHERE s.__line NOT IN (SELECT line FROM bad_lines)
         );",
        sku = col(ctx, "Lineitem sku"),
        amount = money(&col(ctx, "Refunded Amount")),
        reason = col(ctx, "Reason"),
        note = col(ctx, "Note"),
        created = timestamp(&col(ctx, "Created at")),
    );
    ctx.tx.execute_batch(&sql)?;
    let (inserted, updated) = upsert(ctx, "new_returns", "returns", &["return_id"])?;
    ctx.tx.execute_batch("DROP TABLE new_returns;")?;
    Ok(Counts { inserted, updated, rejected, ..Counts::default() })
}
