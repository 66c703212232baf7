//! WooCommerce's core product export (and the sample files WooCommerce
//! ships, which have no `ID` column). Every product type keeps its own
//! fields: a simple or external product (downloadable and virtual ones too)
//! is also its own single variant, with its price, sale price, SKU, stock and
//! image; a variable product's variations become its variants, found by the
//! parent they name (`id:NN`, or the parent's SKU); a grouped product is a
//! product with no variant of its own, as in WooCommerce. Descriptions hold
//! HTML with literal `\n` escapes; categories are `A > B` paths separated by
//! commas; images are URLs separated by commas; weights are in the unit the
//! header names (kg, g, lbs or oz).

use crate::sql::{ident, literal};
use crate::staging::*;
use crate::ImportError;

/// The product types WooCommerce core knows; a `Type` cell lists one of
/// them with the flags `downloadable` and `virtual` ("simple, downloadable,
/// virtual"). Types from extensions (bundles, subscriptions) are kept as
/// written and imported as products with their own price.
const KINDS: &str = "['simple', 'variable', 'variation', 'grouped', 'external']";

pub(crate) fn products(ctx: &Context) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    let has_id = has_column(ctx, "ID");
    if has_id {
        reject_where(
            ctx,
            "ID",
            "nullif(trim(\"ID\"), '') IS NOT NULL AND TRY_CAST(\"ID\" AS BIGINT) IS NULL",
            "expected the numeric product id WooCommerce exports",
        )?;
    }
    let kind_tokens =
        format!("list_transform(string_split(lower(coalesce({}, '')), ','), lambda t: trim(t))", col(ctx, "Type"));
    let kind = format!(
        "coalesce(list_filter({kind_tokens}, lambda t: list_contains({KINDS}, t))[1],
                  list_filter({kind_tokens}, lambda t: t NOT IN ('', 'downloadable', 'virtual'))[1], 'simple')"
    );
    // As the product's title and kind are read below: a blank name is none.
    reject_where(
        ctx,
        "Name",
        &format!("{} IS NULL AND {kind} <> 'variation'", col(ctx, "Name")),
        "the product name is empty",
    )?;
    reject_bad_numbers(ctx, &["Regular price", "Sale price"], "a price")?;
    if has_column(ctx, "Stock") {
        reject_where(
            ctx,
            "Stock",
            "nullif(trim(\"Stock\"), '') IS NOT NULL AND lower(trim(\"Stock\")) <> 'parent'
             AND TRY_CAST(\"Stock\" AS DOUBLE) IS NULL",
            "expected a number of items in stock",
        )?;
    }
    let id = if has_id { "TRY_CAST(\"ID\" AS BIGINT)".to_string() } else { "CAST(NULL AS BIGINT)".into() };
    let weight = ctx
        .detected
        .header
        .iter()
        .find(|h| h.starts_with("Weight ("))
        .map(|h| {
            let factor = match h.as_str() {
                "Weight (kg)" => "1000",
                "Weight (g)" => "1",
                "Weight (lbs)" => "453.59237",
                "Weight (oz)" => "28.349523",
                _ => "NULL",
            };
            format!("TRY_CAST({} AS DOUBLE) * {factor}", ident(h))
        })
        .unwrap_or_else(|| "CAST(NULL AS DOUBLE)".into());
    let option = |n: usize, part: &str| col(ctx, &format!("Attribute {n} {part}"));
    // 1 in stock, 0 out of stock, `backorder` orderable though none is on hand.
    // A variation's `Stock` of `parent` is counted on its parent product,
    // whose stock status then stands for it.
    let status = col(ctx, "In stock?");
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE w AS
         SELECT __line, {id} AS id, {kind} AS kind, list_contains({kind_tokens}, 'downloadable') AS downloadable,
                list_contains({kind_tokens}, 'virtual') AS virtual, {sku} AS sku, {name} AS name,
                {published} AS published, replace(coalesce({description}, {short}), '\\n', chr(10)) AS html,
                {categories} AS categories, {tags} AS tags, {parent} AS parent,
                {sale} AS sale, {regular} AS regular,
                TRY_CAST(TRY_CAST({stock} AS DOUBLE) AS INTEGER) AS stock, {stock} AS stock_text,
                CASE WHEN lower({status}) IN ('0', 'outofstock', 'false', 'no') THEN false
                     WHEN {status} IS NOT NULL THEN true END AS in_stock,
                {weight} AS grams, nullif(trim(split_part(coalesce({images}, ''), ',', 1)), '') AS image,
                TRY_CAST({position} AS INTEGER) AS position, {external_url} AS external_url,
                {o1n} AS o1n, {o1v} AS o1v, {o2n} AS o2n, {o2v} AS o2v, {o3n} AS o3n, {o3v} AS o3v
         FROM stg;

         -- A product's key: its id, else (files without ids) its SKU, else its name.
         CREATE OR REPLACE TEMP TABLE w_keys AS
         SELECT __line, CASE WHEN id IS NOT NULL THEN 'woo:' || id
                             WHEN sku IS NOT NULL THEN 'woo:sku:' || sku
                             ELSE 'woo:name:' || lower(name) END AS product_key
         FROM w WHERE kind <> 'variation';

         -- A variation's parent: `id:NN`, else the parent's SKU.
         CREATE OR REPLACE TEMP TABLE w_parents AS
         SELECT __line, any_value(parent_key) AS parent_key
         FROM (SELECT v.__line, k.product_key AS parent_key
               FROM w v JOIN w p ON v.parent = 'id:' || p.id JOIN w_keys k ON k.__line = p.__line
               WHERE v.kind = 'variation'
               UNION ALL
               SELECT v.__line, k.product_key
               FROM w v JOIN w p ON v.parent = p.sku JOIN w_keys k ON k.__line = p.__line
               WHERE v.kind = 'variation' AND NOT starts_with(v.parent, 'id:'))
         GROUP BY __line;",
        sku = col(ctx, "SKU"),
        name = col(ctx, "Name"),
        published = col(ctx, "Published"),
        description = col(ctx, "Description"),
        short = col(ctx, "Short description"),
        categories = col(ctx, "Categories"),
        tags = col(ctx, "Tags"),
        parent = col(ctx, "Parent"),
        sale = col(ctx, "Sale price"),
        regular = col(ctx, "Regular price"),
        stock = col(ctx, "Stock"),
        images = col(ctx, "Images"),
        position = col(ctx, "Position"),
        external_url = col(ctx, "External URL"),
        o1n = option(1, "name"),
        o1v = option(1, "value(s)"),
        o2n = option(2, "name"),
        o2v = option(2, "value(s)"),
        o3n = option(3, "name"),
        o3v = option(3, "value(s)"),
    );
    ctx.tx.execute_batch(&sql)?;
    // Rows that cannot be placed are set aside with the reason, not dropped.
    ctx.tx.execute_batch(&format!(
        "INSERT INTO bad_lines
         SELECT v.__line, 'Parent',
                CASE WHEN v.parent IS NULL THEN 'the variation names no parent product'
                     ELSE 'its parent product ' || v.parent || ' is not in this file; export the parent with its variations' END,
                v.parent
         FROM w v LEFT JOIN w_parents p USING (__line)
         WHERE v.kind = 'variation' AND p.parent_key IS NULL;
         INSERT INTO bad_lines
         SELECT __line, {id_col}, 'another row (line ' || first_value(__line) OVER k || ') has the same product ' ||
                CASE WHEN starts_with(product_key, 'woo:sku:') THEN 'SKU' WHEN starts_with(product_key, 'woo:name:') THEN 'name'
                     ELSE 'id' END || '; only that one is imported', product_key
         FROM (SELECT __line, product_key FROM w_keys
               UNION ALL SELECT __line, 'woo:' || id FROM w WHERE kind = 'variation' AND id IS NOT NULL)
         WINDOW k AS (PARTITION BY product_key ORDER BY __line)
         QUALIFY row_number() OVER k > 1;",
        id_col = literal(if has_id { "ID" } else { "SKU" }),
    ))?;
    let rejected = settle_rejects(ctx)?;

    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE w_ok AS
         SELECT w.*, coalesce(k.product_key, p.parent_key) AS product_key
         FROM w LEFT JOIN w_keys k USING (__line) LEFT JOIN w_parents p USING (__line)
         WHERE __line NOT IN (SELECT line FROM bad_lines);

         CREATE OR REPLACE TEMP TABLE new_products AS
         SELECT product_key AS product_id, name AS title, {plain} AS description, html AS description_html,
                CAST(NULL AS VARCHAR) AS vendor, CAST(NULL AS VARCHAR) AS product_type,
                trim(split_part(coalesce(categories, ''), ',', 1)) AS category_path, {tag_list} AS tags,
                CASE coalesce(published, '1') WHEN '1' THEN 'active' WHEN '0' THEN 'draft' WHEN '-1' THEN 'draft'
                     ELSE 'archived' END AS status,
                coalesce(published, '1') = '1' AS published, {source} AS source, current_timestamp::TIMESTAMP AS updated_at,
                sku, kind, downloadable AS is_downloadable, virtual AS is_virtual, in_stock, image AS image_url,
                external_url
         FROM w_ok WHERE kind <> 'variation';

         -- Simple, external and extensions' products are their own variant;
         -- variations are their parent's (and inherit its out-of-stock status
         -- when they state none of their own).
         CREATE OR REPLACE TEMP TABLE new_variants AS
         SELECT CASE WHEN v.kind <> 'variation' THEN v.product_key
                     WHEN v.id IS NOT NULL THEN 'woo:' || v.id
                     ELSE v.product_key || '/' || coalesce(v.sku, nullif(concat_ws(' / ', v.o1v, v.o2v, v.o3v), ''), '#' || v.__line)
                END AS variant_id,
                v.product_key AS product_id, v.sku,
                coalesce(v.position, row_number() OVER (PARTITION BY v.product_key ORDER BY v.__line))::INTEGER AS position,
                coalesce(v.o1n, p.o1n) AS option1_name, CASE WHEN v.kind = 'variation' THEN v.o1v END AS option1_value,
                coalesce(v.o2n, p.o2n) AS option2_name, CASE WHEN v.kind = 'variation' THEN v.o2v END AS option2_value,
                coalesce(v.o3n, p.o3n) AS option3_name, CASE WHEN v.kind = 'variation' THEN v.o3v END AS option3_value,
                coalesce({m_sale_v}, {m_regular_v}) AS price,
                CASE WHEN {m_sale_v} IS NOT NULL THEN {m_regular_v} END AS compare_at_price,
                coalesce(v.stock, CASE WHEN v.in_stock = false THEN 0 END,
                         CASE WHEN (v.in_stock IS NULL OR lower(v.stock_text) = 'parent') AND p.in_stock = false THEN 0 END)
                    AS inventory_qty,
                v.grams AS weight_grams, coalesce(v.image, p.image) AS image_url
         FROM w_ok v
         LEFT JOIN w_ok p ON v.kind = 'variation' AND p.kind <> 'variation' AND p.product_key = v.product_key
         WHERE v.kind NOT IN ('variable', 'grouped');",
        plain = plain_text("html"),
        tag_list = crate::staging::tags("tags"),
        m_sale_v = money("v.sale"),
        m_regular_v = money("v.regular"),
    );
    ctx.tx.execute_batch(&sql)?;
    let (inserted, updated) = upsert(ctx, "new_products", "products", &["product_id"])?;
    replace_children(ctx, "new_products", "product_id", "new_variants", "variants", &["variant_id"])?;
    let warnings = crate::shopify::shared_skus(ctx, "new_variants")?.into_iter().collect();
    ctx.tx.execute_batch(
        "DROP TABLE w; DROP TABLE w_keys; DROP TABLE w_parents; DROP TABLE w_ok; DROP TABLE new_products; DROP TABLE new_variants;",
    )?;
    Ok(Counts { inserted, updated, rejected, warnings, ..Counts::default() })
}
