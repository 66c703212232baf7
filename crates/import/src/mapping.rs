//! "Anything else": a file whose header is not a known export (or a Parquet
//! or JSON file) imports once the person confirms what it is and which of its
//! columns is which: sales lines (the invoice, the stock code, the quantity
//! and so on) or a product catalogue (the product's handle or SKU, its title,
//! price, stock, ...). A mapping is suggested from the column names and the
//! columns that hold values, and a confirmed one is saved per source (by its
//! set of column names) and reused on re-import.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use insights_store::duckdb::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::sql::{ident, literal};
use crate::ImportError;

/// One field a mapping fills.
#[derive(Debug)]
pub struct Field {
    /// Key in a mapping, e.g. `unit_price`.
    pub name: &'static str,
    /// In words, e.g. "Unit price".
    pub label: &'static str,
    /// The column it is staged as, which the import's SQL reads.
    pub column: &'static str,
    pub required: bool,
    /// Another field that may stand in for this required one (a catalogue's
    /// product is named by its handle or, failing that, its SKU).
    pub or: Option<&'static str>,
    /// Column names it is recognised by (compared lower-case, with
    /// punctuation as spaces).
    pub names: &'static [&'static str],
}

const fn field(
    name: &'static str,
    label: &'static str,
    column: &'static str,
    required: bool,
    names: &'static [&'static str],
) -> Field {
    Field { name, label, column, required, or: None, names }
}

/// The key of a mapping that says what the file is (`catalogue`; absent or
/// `transactions` for sales lines).
pub const KIND_KEY: &str = "kind";

/// What a mapped file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One row per line of an order or invoice.
    Transactions,
    /// One row per product or per variant.
    Catalogue,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Transactions, Kind::Catalogue];

    pub fn id(self) -> &'static str {
        match self {
            Kind::Transactions => "transactions",
            Kind::Catalogue => "catalogue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Transactions => "Sales lines (one row per item of an order or invoice)",
            Kind::Catalogue => "Product catalogue (one row per product or variant)",
        }
    }

    pub fn fields(self) -> &'static [Field] {
        match self {
            Kind::Transactions => FIELDS,
            Kind::Catalogue => CATALOGUE_FIELDS,
        }
    }
}

/// The fields of sales lines, staged under the transaction-lines names
/// (the layout of the UCI Online Retail file) the import reads.
pub const FIELDS: &[Field] = &[
    field(
        "invoice",
        "Invoice or order number",
        "InvoiceNo",
        true,
        &[
            "invoice",
            "invoiceno",
            "invoice no",
            "invoice number",
            "order",
            "order id",
            "order number",
            "order name",
            "orderid",
            "transaction",
            "transaction id",
            "receipt",
        ],
    ),
    field(
        "sku",
        "SKU or stock code",
        "StockCode",
        true,
        &[
            "sku",
            "stockcode",
            "stock code",
            "product code",
            "item code",
            "product id",
            "productid",
            "item id",
            "article",
        ],
    ),
    field(
        "description",
        "Product name or description",
        "Description",
        false,
        &["description", "product", "product name", "item", "item name", "name", "title"],
    ),
    field("quantity", "Quantity", "Quantity", true, &["quantity", "qty", "units", "count", "amount ordered"]),
    field(
        "date",
        "Date and time",
        "InvoiceDate",
        true,
        &[
            "date",
            "invoicedate",
            "invoice date",
            "order date",
            "created at",
            "created",
            "timestamp",
            "time",
            "datetime",
        ],
    ),
    field(
        "unit_price",
        "Unit price",
        "UnitPrice",
        true,
        &["unit price", "unitprice", "price", "unit cost", "price each", "item price"],
    ),
    field(
        "customer",
        "Customer id",
        "CustomerID",
        false,
        &["customer", "customer id", "customerid", "client", "client id", "buyer", "customer number"],
    ),
    field("country", "Country", "Country", false, &["country", "country code", "nation", "market"]),
];

/// The fields of a product catalogue, staged under the names the product
/// import reads ([`crate::shopify::MAPPED_CATALOGUE`]). Rows with the same
/// handle are the variants of one product; without a handle, each SKU is a
/// product of its own.
pub const CATALOGUE_FIELDS: &[Field] = &[
    Field {
        or: Some("sku"),
        ..field(
            "handle",
            "Product handle or id",
            "handle",
            true,
            &["handle", "url handle", "url key", "slug", "product handle", "product id"],
        )
    },
    field(
        "sku",
        "SKU",
        "sku",
        false,
        &["sku", "variant sku", "item sku", "product code", "item code", "article number", "part number"],
    ),
    field("title", "Title", "title", true, &["title", "name", "product name", "product title", "item name"]),
    field(
        "description",
        "Description",
        "description",
        false,
        &["description", "body", "body html", "long description", "product description", "details"],
    ),
    field(
        "price",
        "Price",
        "price",
        false,
        &["price", "regular price", "retail price", "selling price", "sell price", "unit price", "variant price"],
    ),
    field(
        "sale_price",
        "Sale price",
        "sale_price",
        false,
        &["sale price", "special price", "promo price", "offer price", "discount price", "discounted price"],
    ),
    field(
        "compare_at",
        "Compare-at price",
        "compare_at",
        false,
        &["compare at price", "compare to price", "msrp", "rrp", "original price", "was price", "list price"],
    ),
    field(
        "cost",
        "Cost",
        "cost",
        false,
        &["cost", "cost price", "unit cost", "cost per item", "purchase price", "wholesale price"],
    ),
    field(
        "stock",
        "Stock on hand",
        "stock",
        false,
        &[
            "stock",
            "qty",
            "quantity",
            "inventory",
            "inventory quantity",
            "inventory qty",
            "stock quantity",
            "stock qty",
            "quantity in stock",
            "qty on hand",
            "on hand",
            "stock level",
            "available",
        ],
    ),
    field("vendor", "Vendor or brand", "vendor", false, &["vendor", "brand", "manufacturer", "supplier", "maker"]),
    field("type", "Product type", "type", false, &["type", "product type", "item type"]),
    field(
        "category",
        "Category",
        "category",
        false,
        &["category", "categories", "category path", "product category", "department", "collection"],
    ),
    field("tags", "Tags", "tags", false, &["tags", "keywords", "labels"]),
    field("option1", "Option 1 (e.g. size)", "option1", false, &["option1 value", "option 1", "size"]),
    field("option2", "Option 2 (e.g. colour)", "option2", false, &["option2 value", "option 2", "color", "colour"]),
    field("option3", "Option 3 (e.g. material)", "option3", false, &["option3 value", "option 3", "material", "style"]),
    field(
        "image",
        "Image URL",
        "image",
        false,
        &[
            "image",
            "image url",
            "image src",
            "base image",
            "main image",
            "product image",
            "product image url",
            "picture",
            "photo",
            "images",
        ],
    ),
    field("status", "Status", "status", false, &["status", "state", "enabled", "active", "product online"]),
    field(
        "variations",
        "Variants listed on the product's row (sku=…,size=…|…)",
        "variations",
        false,
        &["configurable variations", "variations", "variants"],
    ),
];

/// Field name → the source column that holds it, and under [`KIND_KEY`]
/// what the file is (sales lines when absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mapping(pub BTreeMap<String, String>);

impl Mapping {
    pub fn kind(&self) -> Kind {
        match self.0.get(KIND_KEY).map(String::as_str) {
            Some("catalogue") => Kind::Catalogue,
            _ => Kind::Transactions,
        }
    }

    /// The mapped fields with their source columns, in field order.
    fn mapped(&self) -> impl Iterator<Item = (&'static Field, &String)> + '_ {
        self.kind().fields().iter().filter_map(|f| self.0.get(f.name).map(|c| (f, c)))
    }

    /// The file's column a staged column was read from (for messages that
    /// name the column the person knows).
    pub(crate) fn source_of(&self, staged: &str) -> Option<&str> {
        self.mapped().find(|(f, _)| f.column == staged).map(|(_, c)| c.as_str())
    }
}

/// Files read through a mapping rather than recognised from their header.
pub fn needs_mapping_by_type(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    [".parquet", ".json", ".ndjson", ".jsonl"].iter().any(|e| name.ends_with(e))
}

/// The longest line (a row with all its fields) the CSV reader takes: well
/// past a 10 MB product description, and a clear error beyond it.
pub(crate) const MAX_LINE_BYTES: usize = 16 << 20;

/// The CSV reader's settings beyond the dialect. The line limit is raised,
/// with the buffer kept at DuckDB's default size (it would otherwise grow to
/// 16 times the line limit). No comment character: the sniffer would take
/// `#` for one when rows starting with it (Shopify's order names) look odd,
/// and silently drop them. `serial` reads on one thread, see [`read_serially_if_needed`].
pub(crate) fn csv_options(serial: bool) -> String {
    let threads = if serial { ", parallel = false" } else { "" };
    format!("max_line_size = {MAX_LINE_BYTES}, buffer_size = {}, comment = ''{threads}", 2 * MAX_LINE_BYTES)
}

/// Runs a read, and again on one thread when DuckDB's parallel reader
/// refuses the file: it cannot pad short rows in a file whose quoted fields
/// hold line breaks (a multi-line description), which most files do not.
pub(crate) fn read_serially_if_needed<T>(
    read: impl Fn(bool) -> Result<T, insights_store::duckdb::Error>,
) -> Result<T, insights_store::duckdb::Error> {
    match read(false) {
        Err(e) if e.to_string().contains("does not support null_padding in conjunction with quoted new lines") => {
            read(true)
        }
        done => done,
    }
}

/// DuckDB's reader for the file, by its type.
pub(crate) fn reader(path: &Path, delimiter: char, serial: bool) -> String {
    let p = literal(&path.to_string_lossy());
    let name = path.to_string_lossy().to_lowercase();
    if name.ends_with(".parquet") {
        format!("read_parquet({p})")
    } else if name.ends_with(".json") || name.ends_with(".ndjson") || name.ends_with(".jsonl") {
        format!("read_json_auto({p})")
    } else {
        format!(
            "read_csv({p}, header = true, all_varchar = true, delim = {}, null_padding = true, normalize_names = false, {})",
            literal(&delimiter.to_string()),
            csv_options(serial)
        )
    }
}

/// The file's column names, as DuckDB reads them (a CSV file that is not
/// UTF-8 through its UTF-8 copy, as it is imported).
pub fn source_columns(path: &Path, delimiter: char) -> Result<Vec<String>, ImportError> {
    let source = if needs_mapping_by_type(path) { None } else { Some(crate::encoding::utf8_source(path)?) };
    let readable = source.as_ref().map(|s| s.path()).unwrap_or(path);
    let conn = Connection::open_in_memory()?;
    read_serially_if_needed(|serial| {
        let mut stmt = conn.prepare(&format!(
            "SELECT column_name FROM (DESCRIBE SELECT * FROM {})",
            reader(readable, delimiter, serial)
        ))?;
        let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
        names.collect::<Result<_, _>>()
    })
    .map_err(|e| crate::read_error(path, e))
}

/// Identifies a source by its set of column names (order and case ignored).
pub fn source_key(columns: &[String]) -> String {
    let mut names: Vec<String> = columns.iter().map(|c| c.trim().to_lowercase()).collect();
    names.sort();
    hex::encode(&Sha256::digest(names.join("\u{1f}").as_bytes())[..16])
}

fn normal(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A mapping guessed from the column names, every column taken to hold
/// values; see [`suggest_from`].
pub fn suggest(columns: &[String]) -> Mapping {
    suggest_from(columns, &columns.iter().cloned().collect())
}

/// A mapping guessed from the column names, using only the columns that
/// hold values (`filled`): first what the file is (sales lines have an
/// invoice and a date or quantity; anything else is taken for a catalogue), then that
/// kind's fields. A field with no likely column is left out for the person
/// to fill in; a column is given to one field at most. A stock column is
/// never an order quantity: each kind has its own names.
pub fn suggest_from(columns: &[String], filled: &HashSet<String>) -> Mapping {
    let usable: Vec<&String> = columns.iter().filter(|c| filled.contains(*c)).collect();
    let pick = |kind: Kind| {
        let mut out = BTreeMap::new();
        let mut used = HashSet::new();
        for field in kind.fields() {
            let found = field.names.iter().find_map(|n| {
                usable.iter().find(|c| {
                    !used.contains(**c) && (normal(c) == *n || normal(c).replace(' ', "") == n.replace(' ', ""))
                })
            });
            if let Some(c) = found {
                used.insert((*c).clone());
                out.insert(field.name.to_string(), (*c).clone());
            }
        }
        out
    };
    let sales = pick(Kind::Transactions);
    if sales.contains_key("invoice") && (sales.contains_key("date") || sales.contains_key("quantity")) {
        return Mapping(sales);
    }
    let mut catalogue = pick(Kind::Catalogue);
    if catalogue.contains_key("title") || catalogue.contains_key("sku") || catalogue.contains_key("handle") {
        catalogue.insert(KIND_KEY.to_string(), Kind::Catalogue.id().to_string());
        Mapping(catalogue)
    } else {
        Mapping(sales)
    }
}

/// The columns a suggestion left unplaced, in file order.
pub fn unplaced(columns: &[String], suggestion: &Mapping) -> Vec<String> {
    columns.iter().filter(|c| !suggestion.0.iter().any(|(k, v)| k != KIND_KEY && v == *c)).cloned().collect()
}

/// The columns of a file that hold a value in its first rows (a column
/// that is empty there is never suggested).
pub fn filled_columns(path: &Path, delimiter: char, columns: &[String]) -> Result<HashSet<String>, ImportError> {
    const SAMPLE_ROWS: usize = 2_000;
    if columns.is_empty() {
        return Ok(HashSet::new());
    }
    let source = if needs_mapping_by_type(path) { None } else { Some(crate::encoding::utf8_source(path)?) };
    let readable = source.as_ref().map(|s| s.path()).unwrap_or(path);
    let conn = Connection::open_in_memory()?;
    let counts: Vec<String> = columns
        .iter()
        .map(|c| format!("count(*) FILTER (WHERE nullif(trim(CAST({} AS VARCHAR)), '') IS NOT NULL)", ident(c)))
        .collect();
    let values: Vec<i64> = read_serially_if_needed(|serial| {
        conn.query_row(
            &format!(
                "SELECT {} FROM (SELECT * FROM {} LIMIT {SAMPLE_ROWS})",
                counts.join(", "),
                reader(readable, delimiter, serial)
            ),
            [],
            |r| (0..columns.len()).map(|i| r.get::<_, i64>(i)).collect(),
        )
    })
    .map_err(|e| crate::read_error(path, e))?;
    Ok(columns.iter().zip(values).filter(|(_, n)| *n > 0).map(|(c, _)| c.clone()).collect())
}

/// Checks a mapping against the file's columns.
pub(crate) fn validate(path: &Path, mapping: &Mapping, columns: &[String]) -> Result<(), ImportError> {
    let kind = mapping.kind();
    let fields = kind.fields();
    let unknown: Vec<String> = mapping
        .0
        .keys()
        .filter(|k| k.as_str() != KIND_KEY && !fields.iter().any(|f| f.name == k.as_str()))
        .cloned()
        .collect();
    let missing_fields: Vec<String> = fields
        .iter()
        .filter(|f| f.required && !mapping.0.contains_key(f.name) && !f.or.is_some_and(|o| mapping.0.contains_key(o)))
        .map(|f| match f.or {
            Some(o) => format!("{} (or {o})", f.name),
            None => f.name.to_string(),
        })
        .collect();
    let absent: Vec<String> = mapping
        .0
        .iter()
        .filter(|(k, c)| k.as_str() != KIND_KEY && !columns.contains(c))
        .map(|(_, c)| c.clone())
        .collect();
    let bad_kind = mapping
        .0
        .get(KIND_KEY)
        .filter(|k| !Kind::ALL.iter().any(|known| known.id() == k.as_str()))
        .map(|k| format!("unknown kind \"{k}\" (known: transactions, catalogue)"));
    if unknown.is_empty() && missing_fields.is_empty() && absent.is_empty() && bad_kind.is_none() {
        return Ok(());
    }
    let mut problems: Vec<String> = bad_kind.into_iter().collect();
    if !missing_fields.is_empty() {
        problems.push(format!("no column chosen for {}", missing_fields.join(", ")));
    }
    if !absent.is_empty() {
        problems.push(format!(
            "the file has no column {}",
            absent.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ")
        ));
    }
    if !unknown.is_empty() {
        let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
        problems.push(format!(
            "unknown field(s) {} for {} (known: {})",
            unknown.join(", "),
            kind.id(),
            known.join(", ")
        ));
    }
    Err(ImportError::BadMapping { file: path.to_path_buf(), problem: problems.join("; ") })
}

/// The staging projection: each mapped source column under the staged name
/// of its field, as text. A catalogue's options are named after their
/// columns, and its product is the handle, else the SKU.
pub(crate) fn projection(mapping: &Mapping) -> (String, Vec<String>) {
    let mut select = Vec::new();
    let mut header = Vec::new();
    let text = |src: &str| format!("CAST({} AS VARCHAR)", ident(src));
    let catalogue = mapping.kind() == Kind::Catalogue;
    for (field, src) in mapping.mapped() {
        let value = match mapping.0.get("sku") {
            Some(sku) if catalogue && field.name == "handle" => {
                format!("coalesce(nullif(trim({}), ''), {})", text(src), text(sku))
            }
            _ => text(src),
        };
        select.push(format!("{value} AS {}", ident(field.column)));
        header.push(field.column.to_string());
        if field.name.starts_with("option") {
            let name = format!("{}_name", field.column);
            select.push(format!("{} AS {}", literal(src), ident(&name)));
            header.push(name);
        }
    }
    // Variants listed on a product's row get their options from the list.
    if catalogue && mapping.0.contains_key("variations") {
        for n in 1..=3 {
            let column = format!("option{n}");
            if !mapping.0.contains_key(&column) {
                select.push(format!("CAST(NULL AS VARCHAR) AS {column}, CAST(NULL AS VARCHAR) AS {column}_name"));
                header.extend([column.clone(), format!("{column}_name")]);
            }
        }
    }
    if catalogue && !mapping.0.contains_key("handle") {
        if let Some(sku) = mapping.0.get("sku") {
            select.push(format!("{} AS handle", text(sku)));
            header.push("handle".to_string());
        }
    }
    (select.join(", "), header)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_common_column_names() {
        let cols: Vec<String> =
            ["Order ID", "Item Code", "Product Name", "Qty", "Order Date", "Price Each", "Client", "Notes"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let m = suggest(&cols);
        assert_eq!(m.0.get("invoice").map(String::as_str), Some("Order ID"));
        assert_eq!(m.0.get("sku").map(String::as_str), Some("Item Code"));
        assert_eq!(m.0.get("description").map(String::as_str), Some("Product Name"));
        assert_eq!(m.0.get("quantity").map(String::as_str), Some("Qty"));
        assert_eq!(m.0.get("date").map(String::as_str), Some("Order Date"));
        assert_eq!(m.0.get("unit_price").map(String::as_str), Some("Price Each"));
        assert_eq!(m.0.get("customer").map(String::as_str), Some("Client"));
        assert!(!m.0.contains_key("country"));
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_catalogues_stock_is_never_an_order_quantity() {
        let cols = names(&["sku", "name", "price", "qty", "created_at", "url_key", "categories"]);
        let filled: HashSet<String> = cols.iter().filter(|c| *c != "created_at").cloned().collect();
        let m = suggest_from(&cols, &filled);
        assert_eq!(m.kind(), Kind::Catalogue);
        assert_eq!(m.0.get("stock").map(String::as_str), Some("qty"));
        assert_eq!(m.0.get("title").map(String::as_str), Some("name"));
        assert_eq!(m.0.get("handle").map(String::as_str), Some("url_key"));
        assert!(!m.0.contains_key("quantity") && !m.0.contains_key("date"), "{m:?}");
        assert_eq!(unplaced(&cols, &m), ["created_at"]);
    }

    #[test]
    fn an_empty_column_is_never_suggested() {
        let cols = names(&["Order", "Date", "SKU", "Qty", "Price", "Order Date"]);
        let filled: HashSet<String> = cols.iter().filter(|c| *c != "Date").cloned().collect();
        let m = suggest_from(&cols, &filled);
        assert_eq!(m.kind(), Kind::Transactions);
        assert_eq!(m.0.get("date").map(String::as_str), Some("Order Date"), "{m:?}");
        assert!(!m.0.values().any(|c| c == "Date"));
    }

    #[test]
    fn source_keys_ignore_order_and_case() {
        let a: Vec<String> = vec!["A".into(), "b".into()];
        let b: Vec<String> = vec!["B".into(), "a".into()];
        assert_eq!(source_key(&a), source_key(&b));
    }
}
