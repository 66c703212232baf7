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
            c.sale,
            c.compare_at,
            c.cost,
            c.inventory,
            c.grams,
            c.image,
            c.product_image,
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
    /// A price that replaces `price` while it is set (the old one becomes
    /// the compare-at price); Shopify's exports have none.
    sale: &'static str,
    compare_at: &'static str,
    cost: &'static str,
    inventory: &'static str,
    grams: &'static str,
    image: &'static str,
    product_image: &'static str,
    /// On a product's own row, its variants as `sku=CHILD,size=S|sku=…`
    /// (Magento's `configurable_variations`): the rows of those SKUs become
    /// this product's variants, with those option values.
    variations: &'static str,
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
    sale: "",
    compare_at: "Compare-at price",
    cost: "Cost per item",
    inventory: "Inventory quantity",
    grams: "Weight value (grams)",
    image: "Variant image URL",
    product_image: "Product image URL",
    variations: "",
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
    sale: "",
    compare_at: "Variant Compare At Price",
    cost: "Cost per item",
    inventory: "Variant Inventory Qty",
    grams: "Variant Grams",
    image: "Variant Image",
    product_image: "Image Src",
    variations: "",
};

/// A product catalogue read through a column mapping, staged under the
/// columns of [`crate::mapping::CATALOGUE_FIELDS`].
pub(crate) const MAPPED_CATALOGUE: ProductColumns = ProductColumns {
    handle: "handle",
    title: "title",
    body: "description",
    vendor: "vendor",
    category: "category",
    product_type: "type",
    tags: "tags",
    published: "",
    status: "status",
    sku: "sku",
    barcode: "",
    options: [("option1_name", "option1"), ("option2_name", "option2"), ("option3_name", "option3")],
    price: "price",
    sale: "sale_price",
    compare_at: "compare_at",
    cost: "cost",
    inventory: "stock",
    grams: "",
    image: "image",
    product_image: "image",
    variations: "variations",
};

pub(crate) fn products(ctx: &Context, c: &ProductColumns) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    let mut warnings: Vec<crate::Warning> = Vec::new();
    if has_column(ctx, c.variations) && has_column(ctx, c.sku) {
        warnings.extend(listed_variants(ctx, c)?);
    }
    let parent_row =
        if has_column(ctx, c.variations) { col(ctx, c.variations) + " IS NOT NULL" } else { "false".into() };
    reject_where(
        ctx,
        c.handle,
        &format!("{} IS NULL OR trim({}) = ''", ident(c.handle), ident(c.handle)),
        "the product handle is empty",
    )?;
    reject_bad_numbers(ctx, &[c.price, c.sale, c.compare_at, c.cost], "a price")?;
    if has_column(ctx, c.inventory) {
        // Stock such as `12.0000` (a catalogue's decimal quantity) is whole.
        let inv = ident(c.inventory);
        reject_where(
            ctx,
            c.inventory,
            &format!(
                "nullif(trim({inv}), '') IS NOT NULL
                 AND (TRY_CAST({inv} AS DOUBLE) IS NULL OR TRY_CAST({inv} AS DOUBLE) <> floor(TRY_CAST({inv} AS DOUBLE))
                      OR TRY_CAST(TRY_CAST({inv} AS DOUBLE) AS INTEGER) IS NULL)"
            ),
            "expected a whole number of items in stock",
        )?;
    }
    let handle = col(ctx, c.handle);
    let (o1n, o1v) = (col(ctx, c.options[0].0), col(ctx, c.options[0].1));
    let (o2n, o2v) = (col(ctx, c.options[1].0), col(ctx, c.options[1].1));
    let (o3n, o3v) = (col(ctx, c.options[2].0), col(ctx, c.options[2].1));
    let (title, sku, price) = (col(ctx, c.title), col(ctx, c.sku), col(ctx, c.price));
    // A variant is its product's handle and option values (the export's own
    // identity; SKUs may repeat). A second row with the same ones, or a
    // product whose rows name no title, cannot be told apart or shown.
    ctx.tx.execute_batch(&format!(
        "INSERT INTO bad_lines
         SELECT __line, {title_lit}, 'the product has no title on any of its rows', {handle} FROM stg
         WHERE {handle} IS NOT NULL
         QUALIFY count({title}) OVER (PARTITION BY {handle}) = 0;
         INSERT INTO bad_lines
         SELECT __line, {o1v_lit},
                'another row (line ' || first_value(__line) OVER w || ') already has these option values for this product; only that one is imported',
                concat_ws(' / ', {o1v}, {o2v}, {o3v})
         FROM stg
         WHERE {handle} IS NOT NULL AND ({sku} IS NOT NULL OR {price} IS NOT NULL OR {o1v} IS NOT NULL)
         WINDOW w AS (PARTITION BY {handle}, {o1v}, {o2v}, {o3v} ORDER BY __line)
         QUALIFY row_number() OVER w > 1;",
        title_lit = literal(c.title),
        o1v_lit = literal(c.options[0].1),
    ))?;
    let rejected = settle_rejects(ctx)?;
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE p_rows AS
         SELECT __line AS r, {handle} AS handle, {title} AS title, {body} AS body, {vendor} AS vendor,
                {category} AS category, {ptype} AS ptype, {tags_col} AS tags, {published} AS published, {status} AS status,
                {sku} AS sku, {barcode} AS barcode,
                {o1n} AS o1n, {o1v} AS o1v, {o2n} AS o2n, {o2v} AS o2v, {o3n} AS o3n, {o3v} AS o3v,
                {price} AS price, {sale} AS sale, {compare} AS compare_at, {cost} AS cost,
                TRY_CAST(TRY_CAST({inventory} AS DOUBLE) AS INTEGER) AS inventory, TRY_CAST({grams} AS DOUBLE) AS grams, {image} AS image,
                {product_image} AS product_image, {parent_row} AS lists_variants
         FROM stg WHERE __line NOT IN (SELECT line FROM bad_lines);

         CREATE OR REPLACE TEMP TABLE new_products AS
         SELECT handle AS product_id, title, {plain} AS description, body AS description_html, vendor,
                ptype AS product_type, category AS category_path, {tag_list} AS tags,
                {status_word} AS status, {published_flag} AS published, {source} AS source,
                current_timestamp::TIMESTAMP AS updated_at, i.image_url,
                CASE WHEN lists_variants THEN sku END AS sku
         FROM p_rows
         LEFT JOIN (SELECT handle, first(product_image ORDER BY r) FILTER (WHERE product_image IS NOT NULL) AS image_url
                    FROM p_rows GROUP BY handle) i USING (handle)
         WHERE title IS NOT NULL
         QUALIFY row_number() OVER (PARTITION BY handle ORDER BY r) = 1;

         CREATE OR REPLACE TEMP TABLE new_variants AS
         SELECT product_id || '/' || coalesce(nullif(concat_ws(' / ', option1_value, option2_value, option3_value), ''),
                                              '#' || position) AS variant_id, *
         FROM (
            SELECT handle AS product_id, sku, row_number() OVER (PARTITION BY handle ORDER BY r)::INTEGER AS position,
                   coalesce(o1n, first_value(o1n IGNORE NULLS) OVER w) AS option1_name, o1v AS option1_value,
                   coalesce(o2n, first_value(o2n IGNORE NULLS) OVER w) AS option2_name, o2v AS option2_value,
                   coalesce(o3n, first_value(o3n IGNORE NULLS) OVER w) AS option3_name, o3v AS option3_value,
                   coalesce({m_sale}, {m_price}) AS price,
                   coalesce({m_compare}, CASE WHEN {m_sale} IS NOT NULL THEN {m_price} END) AS compare_at_price,
                   {m_cost} AS cost,
                   inventory AS inventory_qty, barcode, grams AS weight_grams, image AS image_url
            FROM p_rows
            WHERE handle IN (SELECT product_id FROM new_products) AND NOT lists_variants
              AND (sku IS NOT NULL OR price IS NOT NULL OR o1v IS NOT NULL)
            WINDOW w AS (PARTITION BY handle ORDER BY r ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         );",
        title = col(ctx, c.title),
        body = col(ctx, c.body),
        vendor = col(ctx, c.vendor),
        category = col(ctx, c.category),
        ptype = col(ctx, c.product_type),
        tags_col = col(ctx, c.tags),
        published = col(ctx, c.published),
        status = col(ctx, c.status),
        barcode = col(ctx, c.barcode),
        compare = col(ctx, c.compare_at),
        cost = col(ctx, c.cost),
        inventory = col(ctx, c.inventory),
        grams = col(ctx, c.grams),
        image = col(ctx, c.image),
        product_image = col(ctx, c.product_image),
        plain = plain_text("body"),
        tag_list = tags("tags"),
        published_flag = boolean("published"),
        m_price = money("price"),
        m_sale = money("sale"),
        m_compare = money("compare_at"),
        status_word = status_word("status"),
        sale = col(ctx, c.sale),
        m_cost = money("cost"),
    );
    ctx.tx.execute_batch(&sql)?;
    let (inserted, updated) = upsert(ctx, "new_products", "products", &["product_id"])?;
    replace_children(ctx, "new_products", "product_id", "new_variants", "variants", &["variant_id"])?;
    warnings.extend(shared_skus(ctx, "new_variants")?);
    ctx.tx.execute_batch("DROP TABLE p_rows; DROP TABLE new_products; DROP TABLE new_variants;")?;
    Ok(Counts { inserted, updated, rejected, warnings, ..Counts::default() })
}

/// Makes the rows a product's row lists as its variants (`sku=CHILD,size=S|…`)
/// rows of that product: its handle, those options, no title of their own
/// (the product's row gives the product its fields). Says which listed SKUs
/// have no row in the file.
fn listed_variants(ctx: &Context, c: &ProductColumns) -> Result<Option<crate::Warning>, ImportError> {
    let (handle, sku, title) = (ident(c.handle), ident(c.sku), ident(c.title));
    let option = |n: usize| (ident(c.options[n].0), ident(c.options[n].1));
    let ((n1, v1), (n2, v2), (n3, v3)) = (option(0), option(1), option(2));
    ctx.tx.execute_batch(&format!(
        "CREATE OR REPLACE TEMP TABLE listed AS
         SELECT parent, list_filter(pairs, lambda p: p[1] = 'sku')[1][2] AS child,
                list_filter(pairs, lambda p: p[1] <> 'sku' AND p[2] <> '') AS options
         FROM (SELECT {handle} AS parent,
                      list_transform(string_split(part, ','),
                                     lambda x: [lower(trim(split_part(x, '=', 1))), trim(split_part(x, '=', 2))]) AS pairs
               FROM (SELECT {handle}, unnest(string_split({variations}, '|')) AS part FROM stg
                     WHERE nullif(trim({variations}), '') IS NOT NULL))
         QUALIFY row_number() OVER (PARTITION BY child ORDER BY parent) = 1;
         UPDATE stg SET {handle} = l.parent, {title} = NULL,
                {n1} = CASE WHEN len(l.options) >= 1 THEN upper(left(l.options[1][1], 1)) || substr(l.options[1][1], 2) END,
                {v1} = l.options[1][2],
                {n2} = CASE WHEN len(l.options) >= 2 THEN upper(left(l.options[2][1], 1)) || substr(l.options[2][1], 2) END,
                {v2} = l.options[2][2],
                {n3} = CASE WHEN len(l.options) >= 3 THEN upper(left(l.options[3][1], 1)) || substr(l.options[3][1], 2) END,
                {v3} = l.options[3][2]
         FROM listed l WHERE stg.{sku} = l.child AND nullif(trim(stg.{variations}), '') IS NULL;",
        variations = ident(c.variations),
    ))?;
    let missing: Vec<String> = {
        let mut stmt = ctx.tx.prepare(&format!(
            "SELECT child FROM listed WHERE child IS NOT NULL AND child NOT IN (SELECT {sku} FROM stg WHERE {sku} IS NOT NULL)
             ORDER BY child"
        ))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect::<Result<_, _>>()?
    };
    ctx.tx.execute_batch("DROP TABLE listed;")?;
    Ok((!missing.is_empty()).then(|| {
        let shown: Vec<String> = missing.iter().take(5).map(|s| format!("\"{}\"", crate::shorten(s, 40))).collect();
        crate::Warning::new(
            "listed_variant_missing",
            format!(
                "{} variant{} listed on a product's row {} no row of {} in this file ({}{}); export the catalogue with all its products",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                if missing.len() == 1 { "has" } else { "have" },
                if missing.len() == 1 { "its own" } else { "their own" },
                shown.join(", "),
                if missing.len() > shown.len() { ", …" } else { "" }
            ),
        )
    }))
}

/// A product's status in the words of the canonical table (active, draft
/// or archived) from what exports write: Shopify's words, and the flags
/// other catalogues use (`1`/`0`, enabled/disabled; Magento's `2` is
/// disabled).
fn status_word(expr: &str) -> String {
    format!(
        "CASE WHEN {expr} IS NULL THEN 'active'
              WHEN lower({expr}) IN ('active', 'enabled', 'enable', '1', 'true', 'yes', 'published', 'publish', 'online') THEN 'active'
              WHEN lower({expr}) IN ('archived', 'archive') THEN 'archived'
              WHEN lower({expr}) IN ('draft', 'disabled', 'disable', 'inactive', '0', '2', 'false', 'no', 'hidden', 'private', 'offline') THEN 'draft'
              ELSE lower({expr}) END"
    )
}

/// The rule order lines and returns follow for a SKU that several variants
/// share, as the warnings state it.
pub(crate) const SHARED_SKU_RULE: &str = "order lines with a shared SKU are matched to the variant whose product \
     and variant title match the line's name, and to the product alone when all those variants belong to one product";

/// Says once which SKUs the variants just imported share with other
/// variants of the store: each variant keeps its SKU.
pub(crate) fn shared_skus(ctx: &Context, new_variants: &str) -> Result<Option<crate::Warning>, ImportError> {
    let mut stmt = ctx.tx.prepare(&format!(
        "SELECT sku, count(*), count(DISTINCT product_id), count(*) OVER () FROM variants
         WHERE sku IN (SELECT sku FROM {new_variants} WHERE sku IS NOT NULL)
         GROUP BY sku HAVING count(*) > 1
         ORDER BY count(*) DESC, sku LIMIT 3"
    ))?;
    let rows: Vec<(String, i64, i64, i64)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?.collect::<Result<_, _>>()?;
    let Some(&(_, _, _, total)) = rows.first() else { return Ok(None) };
    let described: Vec<String> = rows
        .iter()
        .map(|(sku, variants, products, _)| {
            let of = if *products == 1 { "of one product".to_string() } else { format!("of {products} products") };
            format!("\"{}\" is used by {variants} variants {of}", crate::shorten(sku, 40))
        })
        .collect();
    let message = if total == 1 {
        format!("SKU {}; each variant keeps it, and {SHARED_SKU_RULE}", described[0])
    } else {
        format!(
            "{total} SKUs are each used by more than one variant ({}{}); each variant keeps its SKU, and {SHARED_SKU_RULE}",
            described.join("; "),
            if total > rows.len() as i64 { "; …" } else { "" }
        )
    };
    Ok(Some(crate::Warning::new("shared_sku", message)))
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
    variant_lookup(ctx)?;
    let lines_select = format!(
        "SELECT s.\"Name\" AS order_id, (s.__line - o.first_line + 1)::INTEGER AS line_no,
                {sku} AS sku, {variant} AS variant_id, {product} AS product_id, {line_name} AS name,
                TRY_CAST(s.\"Lineitem quantity\" AS INTEGER) AS quantity, {line_price} AS price, coalesce({line_discount}, 0) AS discount
         FROM stg s
         JOIN o_start o ON o.name = s.\"Name\"
         LEFT JOIN v_by_sku bs ON bs.sku = {sku}
         LEFT JOIN v_by_name bn ON bn.name = {line_name} AND bn.sku_key = coalesce({sku}, '')
         WHERE s.\"Name\" NOT IN (SELECT name FROM bad_orders)",
        variant = "CASE WHEN bs.variants = 1 THEN bs.variant_id ELSE bn.variant_id END",
        product = "CASE WHEN bs.variants = 1 THEN bs.product_id
                        ELSE coalesce(bn.product_id, CASE WHEN bs.products = 1 THEN bs.product_id END) END",
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
    let warnings = shared_sku_lines(ctx)?.into_iter().collect();
    ctx.tx.execute_batch(
        "DROP TABLE o_start; DROP TABLE o_first; DROP TABLE bad_orders; DROP TABLE IF EXISTS new_orders; DROP TABLE IF EXISTS new_lines;
         DROP TABLE v_by_sku; DROP TABLE v_by_name;",
    )?;
    Ok(Counts { inserted, updated, rejected, warnings, ..Counts::default() })
}

/// How an order line finds its variant: by its SKU when one variant has
/// it; else by its name, which Shopify writes as the product title and the
/// variant's option values ("Trail Jacket - Blue / M"), or the title alone
/// for a product's only variant.
fn variant_lookup(ctx: &Context) -> Result<(), ImportError> {
    ctx.tx.execute_batch(
        "CREATE OR REPLACE TEMP TABLE v_by_sku AS
         SELECT sku, any_value(variant_id) AS variant_id, any_value(product_id) AS product_id,
                count(*) AS variants, count(DISTINCT product_id) AS products
         FROM variants WHERE sku IS NOT NULL GROUP BY sku;

         CREATE OR REPLACE TEMP TABLE v_by_name AS
         WITH named AS (
            SELECT v.variant_id, v.product_id, coalesce(v.sku, '') AS sku_key, p.title,
                   nullif(concat_ws(' / ', v.option1_value, v.option2_value, v.option3_value), '') AS options,
                   count(*) OVER (PARTITION BY v.product_id) AS siblings
            FROM variants v JOIN products p USING (product_id)
         )
         SELECT name, sku_key, any_value(variant_id) AS variant_id, any_value(product_id) AS product_id
         FROM (SELECT title || ' - ' || options AS name, * FROM named WHERE options IS NOT NULL
               UNION ALL BY NAME
               SELECT title AS name, * FROM named WHERE siblings = 1)
         GROUP BY name, sku_key HAVING count(DISTINCT variant_id) = 1;",
    )?;
    Ok(())
}

/// Says how the order lines of this file whose SKU several variants share
/// were matched.
fn shared_sku_lines(ctx: &Context) -> Result<Option<crate::Warning>, ImportError> {
    let (lines, matched, skus): (i64, i64, i64) = ctx.tx.query_row(
        "SELECT count(*), count(l.variant_id), count(DISTINCT l.sku) FROM order_lines l
         JOIN v_by_sku bs ON bs.sku = l.sku AND bs.variants > 1
         WHERE l.order_id IN (SELECT name FROM o_start) AND l.order_id NOT IN (SELECT name FROM bad_orders)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if lines == 0 {
        return Ok(None);
    }
    let unmatched = lines - matched;
    let rest = if unmatched == 0 {
        "all were matched to their variant by the line's name".to_string()
    } else {
        format!(
            "{matched} were matched to their variant by the line's name; {unmatched} name no variant of the catalogue \
             and are counted under their product only when all variants with that SKU belong to one product"
        )
    };
    Ok(Some(crate::Warning::new(
        "shared_sku",
        format!(
            "{lines} order line{} carr{} a SKU that several variants share ({skus} SKU{}): {rest}",
            if lines == 1 { "" } else { "s" },
            if lines == 1 { "ies" } else { "y" },
            if skus == 1 { "" } else { "s" }
        ),
    )))
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
    variant_lookup(ctx)?;
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE new_returns AS
         SELECT order_id || '/' || coalesce(sku, '') || '/' || coalesce(CAST(created_at AS VARCHAR), '') || '/'
                    || row_number() OVER (PARTITION BY order_id, sku, created_at ORDER BY r) AS return_id,
                * EXCLUDE (r)
         FROM (
            SELECT s.__line AS r, s.\"Order\" AS order_id, {sku} AS sku,
                   coalesce(ol.variant_id, CASE WHEN bs.variants = 1 THEN bs.variant_id END) AS variant_id,
                   coalesce(ol.product_id, CASE WHEN bs.products = 1 THEN bs.product_id END) AS product_id,
                   TRY_CAST(s.\"Quantity\" AS INTEGER) AS quantity, {amount} AS amount, upper({reason}) AS reason,
                   {note} AS note, {created} AS created_at, {source} AS source
            FROM stg s
            -- The returned line of that order says which variant it was,
            -- even when several variants share the SKU.
            LEFT JOIN (SELECT order_id, sku, any_value(variant_id) AS variant_id, any_value(product_id) AS product_id
                       FROM order_lines WHERE sku IS NOT NULL AND variant_id IS NOT NULL
                       GROUP BY order_id, sku HAVING count(DISTINCT variant_id) = 1) ol
                   ON ol.order_id = s.\"Order\" AND ol.sku = {sku}
            LEFT JOIN v_by_sku bs ON bs.sku = {sku}
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
    ctx.tx.execute_batch("DROP TABLE new_returns; DROP TABLE v_by_sku; DROP TABLE v_by_name;")?;
    Ok(Counts { inserted, updated, rejected, ..Counts::default() })
}
