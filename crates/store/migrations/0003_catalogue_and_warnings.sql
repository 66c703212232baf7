-- 0003: what real catalogues say about a product beyond its variants, what an
-- import warns about, and where a set-aside row is. Documented in
-- docs/data-model.md.
--
-- `products` is made again rather than altered: DuckDB (1.4) cannot replay
-- from its write-ahead log an ALTER TABLE ... ADD COLUMN on a table with a
-- `DEFAULT current_timestamp` column, so a crash after this migration had
-- committed would leave a file that does not open (see
-- crates/store/tests/workspace.rs, every migration replayed from the log).
CREATE TABLE products_before_0003 AS SELECT * FROM products;
DROP TABLE products;
CREATE TABLE products (
    product_id       VARCHAR PRIMARY KEY,      -- the store's handle
    title            VARCHAR NOT NULL,
    description      VARCHAR,                  -- plain text
    description_html VARCHAR,                  -- as exported
    vendor           VARCHAR,
    product_type     VARCHAR,
    category_path    VARCHAR,                  -- 'Apparel > Clothing > Outerwear'
    tags             VARCHAR[],
    status           VARCHAR,                  -- active | draft | archived
    published        BOOLEAN,
    source           VARCHAR NOT NULL,         -- format it came from
    updated_at       TIMESTAMP NOT NULL DEFAULT current_timestamp,
    -- The product's own SKU, where the platform gives the product one besides
    -- its variants' (a WooCommerce variable product, a Magento configurable one).
    sku              VARCHAR,
    -- What kind of product the platform says it is: simple, variable, grouped,
    -- external, configurable, bundle, ... (NULL when the export does not say).
    kind             VARCHAR,
    is_downloadable  BOOLEAN,
    is_virtual       BOOLEAN,
    -- The stock status the export states for the product as a whole (FALSE:
    -- out of stock whatever its variants say); NULL when it states none.
    in_stock         BOOLEAN,
    image_url        VARCHAR,
    external_url     VARCHAR                   -- where an external (affiliate) product is bought
);
INSERT INTO products BY NAME SELECT * FROM products_before_0003;
DROP TABLE products_before_0003;

-- JSON list of {"code", "message"}: what the import noticed and kept, such as
-- a SKU shared by several variants.
ALTER TABLE import_log ADD COLUMN warnings VARCHAR;

-- A set-aside row's record number (the header is record 1) beside its line
-- in the file, which is later when earlier fields hold line breaks; `line`
-- held the record number before this migration.
ALTER TABLE import_rejects ADD COLUMN record BIGINT;
