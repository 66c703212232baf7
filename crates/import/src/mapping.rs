//! "Anything else": a file whose header is not a known export (or a Parquet
//! or JSON file) imports as transaction lines once the person confirms which
//! of its columns is the invoice, the stock code, the quantity and so on. A
//! mapping is suggested from the column names, and a confirmed one is saved
//! per source (by its set of column names) and reused on re-import.

use std::collections::BTreeMap;
use std::path::Path;

use insights_store::duckdb::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::sql::literal;
use crate::ImportError;

/// The fields a mapping fills: (field, the transaction-lines column it
/// stands for, required, names it is recognised by).
pub const FIELDS: &[(&str, &str, bool, &[&str])] = &[
    (
        "invoice",
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
    (
        "sku",
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
    (
        "description",
        "Description",
        false,
        &["description", "product", "product name", "item", "item name", "name", "title"],
    ),
    ("quantity", "Quantity", true, &["quantity", "qty", "units", "count", "amount ordered"]),
    (
        "date",
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
    ("unit_price", "UnitPrice", true, &["unit price", "unitprice", "price", "unit cost", "price each", "item price"]),
    (
        "customer",
        "CustomerID",
        false,
        &["customer", "customer id", "customerid", "client", "client id", "buyer", "customer number"],
    ),
    ("country", "Country", false, &["country", "country code", "nation", "market"]),
];

/// Field name → the source column that holds it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mapping(pub BTreeMap<String, String>);

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

/// A mapping guessed from the column names; fields with no likely column
/// are left out for the person to fill in.
pub fn suggest(columns: &[String]) -> Mapping {
    let mut out = BTreeMap::new();
    let mut used = std::collections::HashSet::new();
    for (field, _, _, names) in FIELDS {
        let found = columns.iter().find(|c| {
            !used.contains(*c)
                && names.iter().any(|n| normal(c) == *n || normal(c).replace(' ', "") == n.replace(' ', ""))
        });
        if let Some(c) = found {
            used.insert(c);
            out.insert(field.to_string(), c.clone());
        }
    }
    Mapping(out)
}

/// Checks a mapping against the file's columns.
pub(crate) fn validate(path: &Path, mapping: &Mapping, columns: &[String]) -> Result<(), ImportError> {
    let unknown: Vec<String> = mapping.0.keys().filter(|k| !FIELDS.iter().any(|(f, ..)| f == k)).cloned().collect();
    let missing_fields: Vec<String> = FIELDS
        .iter()
        .filter(|(f, _, required, _)| *required && !mapping.0.contains_key(*f))
        .map(|(f, ..)| f.to_string())
        .collect();
    let absent: Vec<String> = mapping.0.values().filter(|c| !columns.contains(c)).cloned().collect();
    if unknown.is_empty() && missing_fields.is_empty() && absent.is_empty() {
        return Ok(());
    }
    let mut problems = Vec::new();
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
        let known: Vec<&str> = FIELDS.iter().map(|(f, ..)| *f).collect();
        problems.push(format!("unknown field(s) {} (known: {})", unknown.join(", "), known.join(", ")));
    }
    Err(ImportError::BadMapping { file: path.to_path_buf(), problem: problems.join("; ") })
}

/// The staging projection: each mapped source column under the
/// transaction-lines name the mapping gives it, as text.
pub(crate) fn projection(mapping: &Mapping) -> (String, Vec<String>) {
    let mut select = Vec::new();
    let mut header = Vec::new();
    for (field, column, _, _) in FIELDS {
        if let Some(src) = mapping.0.get(*field) {
            select.push(format!("CAST({} AS VARCHAR) AS {}", crate::sql::ident(src), crate::sql::ident(column)));
            header.push(column.to_string());
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

    #[test]
    fn source_keys_ignore_order_and_case() {
        let a: Vec<String> = vec!["A".into(), "b".into()];
        let b: Vec<String> = vec!["B".into(), "a".into()];
        assert_eq!(source_key(&a), source_key(&b));
    }
}
