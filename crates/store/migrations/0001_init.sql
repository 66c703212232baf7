-- 0001: the canonical data model. Documented in docs/data-model.md.
-- Relationships are by id; DuckDB foreign keys would block upserts, so none are declared.

CREATE TABLE workspace_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

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
    updated_at       TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE variants (
    variant_id       VARCHAR PRIMARY KEY,      -- SKU when present, else handle/position
    product_id       VARCHAR NOT NULL,
    sku              VARCHAR,
    position         INTEGER NOT NULL,
    option1_name     VARCHAR,
    option1_value    VARCHAR,
    option2_name     VARCHAR,
    option2_value    VARCHAR,
    option3_name     VARCHAR,
    option3_value    VARCHAR,
    price            DECIMAL(12, 2),
    compare_at_price DECIMAL(12, 2),
    cost             DECIMAL(12, 2),
    inventory_qty    INTEGER,
    barcode          VARCHAR,
    weight_grams     DOUBLE,
    image_url        VARCHAR
);

-- Customers are identified by keyed hashes (HMAC-SHA256 with the workspace
-- secret) of their e-mail, phone, name and address. The plain columns stay
-- NULL unless the merchant opted out of hashing for this workspace.
CREATE TABLE customers (
    customer_id       VARCHAR PRIMARY KEY,     -- 'e:' || email_key, else 'x:' || the store's id
    external_id       VARCHAR,                 -- the store's own customer id
    email_key         VARCHAR,
    phone_key         VARCHAR,
    name_key          VARCHAR,
    address_key       VARCHAR,
    email             VARCHAR,
    phone             VARCHAR,
    name              VARCHAR,
    address           VARCHAR,
    accepts_marketing BOOLEAN,
    country           VARCHAR,                 -- ISO 3166-1 alpha-2 where known
    total_spent       DECIMAL(14, 2),
    orders_count      INTEGER,
    tags              VARCHAR[],
    source            VARCHAR NOT NULL
);

CREATE TABLE orders (
    order_id           VARCHAR PRIMARY KEY,    -- the order's name, e.g. '#1042'
    external_id        VARCHAR,
    customer_id        VARCHAR,                -- NULL for anonymous orders
    email_key          VARCHAR,
    created_at         TIMESTAMP NOT NULL,
    paid_at            TIMESTAMP,
    fulfilled_at       TIMESTAMP,
    cancelled_at       TIMESTAMP,
    financial_status   VARCHAR,
    fulfillment_status VARCHAR,
    currency           VARCHAR,
    subtotal           DECIMAL(14, 2),
    shipping           DECIMAL(14, 2),
    taxes              DECIMAL(14, 2),
    total              DECIMAL(14, 2),
    discount_code      VARCHAR,
    discount_amount    DECIMAL(14, 2),
    refunded_amount    DECIMAL(14, 2),
    shipping_country   VARCHAR,
    sales_channel      VARCHAR,
    tags               VARCHAR[],
    source             VARCHAR NOT NULL
);

CREATE TABLE order_lines (
    order_id    VARCHAR NOT NULL,
    line_no     INTEGER NOT NULL,
    sku         VARCHAR,
    variant_id  VARCHAR,
    product_id  VARCHAR,
    name        VARCHAR,
    quantity    INTEGER NOT NULL,
    price       DECIMAL(12, 2),
    discount    DECIMAL(12, 2),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE returns (
    return_id   VARCHAR PRIMARY KEY,
    order_id    VARCHAR NOT NULL,
    sku         VARCHAR,
    variant_id  VARCHAR,
    product_id  VARCHAR,
    quantity    INTEGER,
    amount      DECIMAL(12, 2),
    reason      VARCHAR,                       -- SIZE_TOO_SMALL, DEFECTIVE, ...
    note        VARCHAR,
    created_at  TIMESTAMP,
    source      VARCHAR NOT NULL
);

CREATE TABLE abandoned_checkouts (
    checkout_id        VARCHAR PRIMARY KEY,
    customer_id        VARCHAR,
    email_key          VARCHAR,
    created_at         TIMESTAMP NOT NULL,
    total              DECIMAL(14, 2),
    currency           VARCHAR,
    recovered_order_id VARCHAR,
    source             VARCHAR NOT NULL
);

CREATE TABLE sessions (
    session_id  VARCHAR PRIMARY KEY,
    visitor_id  VARCHAR NOT NULL,
    customer_id VARCHAR,
    started_at  TIMESTAMP NOT NULL,
    device      VARCHAR,
    country     VARCHAR,
    referrer    VARCHAR
);

CREATE TABLE events (
    visitor_id  VARCHAR NOT NULL,
    session_id  VARCHAR,
    ts          TIMESTAMP NOT NULL,
    event       VARCHAR NOT NULL,              -- exposure, add_to_cart, purchase, ...
    value       DOUBLE,
    product_id  VARCHAR,
    experiment  VARCHAR,
    variant     VARCHAR,
    source      VARCHAR NOT NULL
);

CREATE TABLE experiments (
    experiment_id   VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    description     VARCHAR,
    control_variant VARCHAR,
    planned_split   VARCHAR,                   -- JSON: {"control":0.5,"treatment":0.5}
    started_at      TIMESTAMP,
    ended_at        TIMESTAMP
);

CREATE TABLE experiment_exposures (
    experiment_id VARCHAR NOT NULL,
    visitor_id    VARCHAR NOT NULL,
    variant       VARCHAR NOT NULL,
    exposed_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (experiment_id, visitor_id)
);

CREATE TABLE support_conversations (
    conversation_id  VARCHAR PRIMARY KEY,
    customer_id      VARCHAR,
    started_at       TIMESTAMP,
    channel          VARCHAR,
    intent           VARCHAR,
    resolution       VARCHAR,                  -- resolved | escalated | abandoned
    handled_by_agent BOOLEAN,
    csat             INTEGER,
    source           VARCHAR NOT NULL
);

CREATE TABLE support_messages (
    conversation_id VARCHAR NOT NULL,
    seq             INTEGER NOT NULL,
    ts              TIMESTAMP,
    role            VARCHAR NOT NULL,          -- customer | agent | bot
    text            VARCHAR NOT NULL,
    PRIMARY KEY (conversation_id, seq)
);

CREATE TABLE kb_documents (
    doc_id      VARCHAR PRIMARY KEY,           -- path relative to the imported folder
    title       VARCHAR NOT NULL,
    format      VARCHAR NOT NULL,              -- markdown | text | html
    body        VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE kb_chunks (
    chunk_id     VARCHAR PRIMARY KEY,          -- doc_id || '#' || seq
    doc_id       VARCHAR NOT NULL,
    seq          INTEGER NOT NULL,
    heading_path VARCHAR,                      -- 'Returns policy › Exchanges'
    text         VARCHAR NOT NULL
);

-- Vectors keyed by what they embed and by which model, so an unchanged text
-- is never embedded twice and a new model re-embeds everything.
CREATE TABLE embeddings (
    owner_kind VARCHAR NOT NULL,               -- product | kb_chunk | support_message
    owner_id   VARCHAR NOT NULL,
    model_id   VARCHAR NOT NULL,
    text_hash  VARCHAR NOT NULL,
    vector     FLOAT[384] NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (owner_kind, owner_id, model_id)
);

CREATE TABLE import_log (
    import_id       VARCHAR PRIMARY KEY,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP,
    file_name       VARCHAR NOT NULL,
    file_sha256     VARCHAR NOT NULL,
    detected_format VARCHAR NOT NULL,
    rows_read       BIGINT NOT NULL DEFAULT 0,
    rows_inserted   BIGINT NOT NULL DEFAULT 0,
    rows_updated    BIGINT NOT NULL DEFAULT 0,
    rows_rejected   BIGINT NOT NULL DEFAULT 0,
    duration_ms     BIGINT NOT NULL DEFAULT 0,
    status          VARCHAR NOT NULL,          -- imported | failed
    message         VARCHAR
);

CREATE TABLE import_rejects (
    import_id   VARCHAR NOT NULL,
    line        BIGINT,
    column_name VARCHAR,
    reason      VARCHAR NOT NULL,
    raw         VARCHAR
);

CREATE TABLE import_mappings (
    source_key VARCHAR PRIMARY KEY,            -- header signature of a generic source
    mapping    VARCHAR NOT NULL,               -- JSON
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
