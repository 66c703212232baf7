//! The catalog as search sees it: one row per product with its variants
//! folded in (SKUs, price range, stock, margin, first image), and what the
//! export says of the product itself (its own SKU, image and stock status).

use insights_store::duckdb::Connection;

use crate::{HitVariant, Result};

#[derive(Debug, Clone, Default)]
pub struct ProductDoc {
    pub product_id: String,
    pub title: String,
    pub description: String,
    pub vendor: String,
    pub product_type: String,
    /// Last level of the category path, else the product type.
    pub category: String,
    pub tags: String,
    pub skus: Vec<String>,
    pub options: String,
    pub price_min: Option<f64>,
    pub price_max: Option<f64>,
    /// Units on hand over tracked variants; `None` when no variant is tracked.
    pub stock: Option<i64>,
    /// Lowest (price − cost) / price over variants with a cost.
    pub margin: Option<f64>,
    pub image_url: Option<String>,
    pub variants: Vec<HitVariant>,
}

impl ProductDoc {
    /// Untracked inventory counts as available, as Shopify does.
    pub fn in_stock(&self) -> bool {
        self.stock.is_none_or(|s| s > 0)
    }
}

const SQL: &str = "
SELECT p.product_id,
       p.title,
       coalesce(p.description, ''),
       coalesce(p.vendor, ''),
       coalesce(p.product_type, ''),
       coalesce(nullif(trim(list_last(string_split(p.category_path, '>'))), ''), p.product_type, ''),
       coalesce(array_to_string(p.tags, ', '), ''),
       concat_ws(' ', any_value(p.sku), string_agg(v.sku, ' ' ORDER BY v.position) FILTER (WHERE v.sku IS NOT NULL AND v.sku <> '')),
       coalesce(string_agg(DISTINCT concat_ws(' ', v.option1_value, v.option2_value, v.option3_value), ' '), ''),
       min(v.price)::DOUBLE,
       max(v.price)::DOUBLE,
       sum(greatest(v.inventory_qty, 0)) FILTER (WHERE v.inventory_qty IS NOT NULL)::BIGINT,
       bool_or(v.inventory_qty IS NULL AND v.variant_id IS NOT NULL),
       min(CASE WHEN v.price > 0 AND v.cost IS NOT NULL THEN (v.price - v.cost) / v.price END)::DOUBLE,
       coalesce(min(v.image_url) FILTER (WHERE v.image_url IS NOT NULL AND v.image_url <> ''), any_value(p.image_url)),
       any_value(p.in_stock)
FROM products p LEFT JOIN variants v USING (product_id)
WHERE coalesce(p.status, 'active') = 'active'
GROUP BY ALL
ORDER BY p.product_id";

/// Every product the store shows (drafts and archived ones are left out).
pub fn load(conn: &Connection) -> Result<Vec<ProductDoc>> {
    let mut stmt = conn.prepare(SQL)?;
    let rows = stmt.query_map([], |r| {
        let untracked: Option<bool> = r.get(12)?;
        let stock: Option<i64> = r.get(11)?;
        // The product's own stock status, where the export states one, wins:
        // a product marked out of stock is, whatever its variants say.
        let marked_out: bool = r.get::<_, Option<bool>>(15)? == Some(false);
        let mut skus: Vec<String> = Vec::new();
        for sku in r.get::<_, String>(7)?.split_whitespace() {
            if !skus.iter().any(|s| s == sku) {
                skus.push(sku.to_string());
            }
        }
        Ok(ProductDoc {
            product_id: r.get(0)?,
            title: r.get(1)?,
            description: r.get(2)?,
            vendor: r.get(3)?,
            product_type: r.get(4)?,
            category: r.get(5)?,
            tags: r.get(6)?,
            skus,
            options: r.get(8)?,
            price_min: r.get(9)?,
            price_max: r.get(10)?,
            // A product with any untracked variant is always available.
            stock: if marked_out {
                Some(0)
            } else if untracked == Some(true) {
                None
            } else {
                stock
            },
            margin: r.get(13)?,
            image_url: r.get(14)?,
            variants: Vec::new(),
        })
    })?;
    let mut docs: Vec<ProductDoc> = rows.collect::<std::result::Result<_, _>>()?;
    let at: std::collections::HashMap<String, usize> =
        docs.iter().enumerate().map(|(i, d)| (d.product_id.clone(), i)).collect();
    let mut stmt = conn.prepare(VARIANTS_SQL)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let product: String = r.get(0)?;
        if let Some(&i) = at.get(&product) {
            docs[i].variants.push(HitVariant {
                options: r.get(1)?,
                sku: r.get(2)?,
                price: r.get(3)?,
                stock: r.get(4)?,
            });
        }
    }
    Ok(docs)
}

/// The variants of every product, in the store's order; a product's only
/// variant named "Default Title" (Shopify's) has no options to show.
const VARIANTS_SQL: &str = "
SELECT product_id,
       CASE WHEN option1_value = 'Default Title' AND option2_value IS NULL THEN ''
            ELSE concat_ws(' / ', option1_value, option2_value, option3_value) END,
       nullif(sku, ''),
       price::DOUBLE,
       inventory_qty
FROM variants
ORDER BY product_id, position, variant_id";

/// What search sees: a fingerprint of the catalog (changes with any import
/// that touches it) and the number of product vectors (grows while an
/// embedding run is going on).
pub fn fingerprint(conn: &Connection, model_id: &str) -> Result<(String, i64)> {
    let fp = conn.query_row(
        "SELECT concat_ws('|',
            (SELECT count(*) FROM products),
            (SELECT count(*) FROM variants),
            (SELECT coalesce(sum(inventory_qty), 0) FROM variants),
            (SELECT count(*) FILTER (WHERE in_stock) FROM products),
            (SELECT coalesce(max(finished_at)::VARCHAR, '') FROM import_log)),
            (SELECT count(*) FROM embeddings WHERE owner_kind = 'product' AND model_id = ?)",
        [model_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(fp)
}
