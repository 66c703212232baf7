//! WooCommerce's core product export. Simple, variable, grouped and external
//! products become products; a simple product is also its own single variant;
//! variations become variants of the parent they name (`id:NN` or the
//! parent's SKU). Descriptions hold HTML with literal `\n` escapes;
//! categories are `A > B` paths separated by commas; weights are in the unit
//! the header names (kg, g, lbs or oz).

use crate::sql::{ident, literal};
use crate::staging::*;
use crate::ImportError;

pub(crate) fn products(ctx: &Context) -> Result<Counts, ImportError> {
    let source = literal(ctx.detected.format.id());
    reject_where(
        ctx,
        "ID",
        "TRY_CAST(\"ID\" AS BIGINT) IS NULL",
        "expected the numeric product id WooCommerce exports",
    )?;
    // As the product's title and kind are read below: a blank name is none.
    reject_where(
        ctx,
        "Name",
        &format!("{} IS NULL AND lower(coalesce({}, 'simple')) <> 'variation'", col(ctx, "Name"), col(ctx, "Type")),
        "the product name is empty",
    )?;
    reject_bad_numbers(ctx, &["Regular price", "Sale price"], "a price")?;
    if has_column(ctx, "Stock") {
        reject_where(
            ctx,
            "Stock",
            "\"Stock\" IS NOT NULL AND TRY_CAST(\"Stock\" AS DOUBLE) IS NULL",
            "expected a number of items in stock",
        )?;
    }
    let rejected = settle_rejects(ctx)?;

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
    let in_stock = if has_column(ctx, "In stock?") {
        "CASE WHEN TRY_CAST(\"In stock?\" AS INTEGER) = 0 THEN 0 END"
    } else {
        "NULL"
    };
    let first_image = format!("split_part(coalesce({}, ''), ',', 1)", col(ctx, "Images"));
    let sql = format!(
        "CREATE OR REPLACE TEMP TABLE w AS
         SELECT __line, 'woo:' || TRY_CAST(\"ID\" AS BIGINT) AS product_key, lower(coalesce({kind}, 'simple')) AS kind,
                {sku} AS sku, {name} AS name, {published} AS published,
                replace(coalesce({description}, {short}), '\\n', chr(10)) AS html,
                {categories} AS categories, {tags} AS tags, {parent} AS parent,
                {sale} AS sale, {regular} AS regular,
                coalesce(TRY_CAST(TRY_CAST({stock} AS DOUBLE) AS INTEGER), {in_stock}) AS stock,
                {weight} AS grams, {image} AS image, TRY_CAST({position} AS INTEGER) AS position,
                {o1n} AS o1n, {o1v} AS o1v, {o2n} AS o2n, {o2v} AS o2v, {o3n} AS o3n, {o3v} AS o3v
         FROM stg WHERE __line NOT IN (SELECT line FROM bad_lines);

         CREATE OR REPLACE TEMP TABLE new_products AS
         SELECT product_key AS product_id, name AS title, {plain} AS description, html AS description_html,
                CAST(NULL AS VARCHAR) AS vendor, kind AS product_type,
                trim(split_part(coalesce(categories, ''), ',', 1)) AS category_path, {tag_list} AS tags,
                CASE published WHEN '1' THEN 'active' WHEN '0' THEN 'draft' ELSE 'archived' END AS status,
                published = '1' AS published, {source} AS source, current_timestamp::TIMESTAMP AS updated_at
         FROM w WHERE kind <> 'variation'
         QUALIFY row_number() OVER (PARTITION BY product_key ORDER BY __line) = 1;

         CREATE OR REPLACE TEMP TABLE new_variants AS
         SELECT coalesce(v.sku, v.product_key) AS variant_id, p.product_key AS product_id, v.sku,
                coalesce(v.position, row_number() OVER (PARTITION BY p.product_key ORDER BY v.__line))::INTEGER AS position,
                coalesce(v.o1n, p.o1n) AS option1_name, v.o1v AS option1_value,
                coalesce(v.o2n, p.o2n) AS option2_name, v.o2v AS option2_value,
                coalesce(v.o3n, p.o3n) AS option3_name, v.o3v AS option3_value,
                coalesce({m_sale_v}, {m_regular_v}) AS price,
                CASE WHEN {m_sale_v} IS NOT NULL THEN {m_regular_v} END AS compare_at_price,
                v.stock AS inventory_qty, v.grams AS weight_grams, v.image AS image_url
         FROM w v
         JOIN w p ON (v.kind = 'variation' AND p.kind <> 'variation'
                      AND (v.parent = 'id:' || replace(p.product_key, 'woo:', '') OR v.parent = p.sku))
                  OR (v.kind = 'simple' AND p.__line = v.__line)
         QUALIFY row_number() OVER (PARTITION BY coalesce(v.sku, v.product_key) ORDER BY v.__line) = 1;",
        kind = col(ctx, "Type"),
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
        image = first_image,
        position = col(ctx, "Position"),
        o1n = option(1, "name"),
        o1v = option(1, "value(s)"),
        o2n = option(2, "name"),
        o2v = option(2, "value(s)"),
        o3n = option(3, "name"),
        o3v = option(3, "value(s)"),
        plain = plain_text("html"),
        tag_list = crate::staging::tags("tags"),
        m_sale_v = money("v.sale"),
        m_regular_v = money("v.regular"),
    );
    ctx.tx.execute_batch(&sql)?;
    let (inserted, updated) = upsert(ctx, "new_products", "products", &["product_id"])?;
    replace_children(ctx, "new_products", "product_id", "new_variants", "variants", &["variant_id"])?;
    ctx.tx.execute_batch("DROP TABLE w; DROP TABLE new_products; DROP TABLE new_variants;")?;
    Ok(Counts { inserted, updated, rejected, ..Counts::default() })
}
