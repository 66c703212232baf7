//! Recognises an export from its header line alone: no flags, no file-name
//! conventions. Reads only the first line (decompressing `.gz` and `.zst`).

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::Serialize;

use crate::ImportError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    ShopifyProductsCurrent,
    ShopifyProductsLegacy,
    ShopifyOrders,
    ShopifyCustomersCurrent,
    ShopifyCustomersLegacy,
    Returns,
    Transactions,
    SupportConversations,
    ExperimentEvents,
    KnowledgeBase,
    WooCommerceProducts,
    /// Transaction lines read through a column mapping the person confirmed.
    MappedTransactions,
    /// A product catalogue read through a column mapping the person confirmed.
    MappedCatalogue,
}

impl Format {
    pub fn id(self) -> &'static str {
        match self {
            Format::ShopifyProductsCurrent => "shopify_products",
            Format::ShopifyProductsLegacy => "shopify_products_legacy",
            Format::ShopifyOrders => "shopify_orders",
            Format::ShopifyCustomersCurrent => "shopify_customers",
            Format::ShopifyCustomersLegacy => "shopify_customers_legacy",
            Format::Returns => "returns",
            Format::Transactions => "transactions",
            Format::SupportConversations => "support_conversations",
            Format::ExperimentEvents => "experiment_events",
            Format::KnowledgeBase => "knowledge_base",
            Format::WooCommerceProducts => "woocommerce_products",
            Format::MappedTransactions => "mapped_transactions",
            Format::MappedCatalogue => "mapped_catalogue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Format::ShopifyProductsCurrent => "Shopify products export",
            Format::ShopifyProductsLegacy => "Shopify products export (legacy columns)",
            Format::ShopifyOrders => "Shopify orders export",
            Format::ShopifyCustomersCurrent => "Shopify customers export",
            Format::ShopifyCustomersLegacy => "Shopify customers export (legacy columns)",
            Format::Returns => "Returns list",
            Format::Transactions => "Transaction lines (invoice, stock code, quantity, price)",
            Format::SupportConversations => "Support conversations",
            Format::ExperimentEvents => "Experiment exposures and events",
            Format::KnowledgeBase => "Knowledge-base document",
            Format::WooCommerceProducts => "WooCommerce products export",
            Format::MappedTransactions => "Transaction lines (column mapping)",
            Format::MappedCatalogue => "Product catalogue (column mapping)",
        }
    }

    /// Columns without which the format cannot be imported.
    pub fn required_columns(self) -> &'static [&'static str] {
        match self {
            Format::ShopifyProductsCurrent => &["Title", "URL handle", "Price"],
            Format::ShopifyProductsLegacy => &["Handle", "Title", "Variant Price"],
            Format::ShopifyOrders => &["Name", "Created at", "Total", "Lineitem quantity", "Lineitem price"],
            Format::ShopifyCustomersCurrent => &["Customer ID", "Email"],
            Format::ShopifyCustomersLegacy => &["Email", "Total Orders"],
            Format::Returns => &["Order", "Lineitem sku", "Quantity", "Reason"],
            Format::Transactions => &["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice"],
            Format::SupportConversations => &["conversation_id", "role", "text"],
            Format::ExperimentEvents => &["visitor_id", "experiment", "variant", "timestamp", "event"],
            Format::KnowledgeBase => &[],
            // No `ID`: WooCommerce's own sample files have none.
            Format::WooCommerceProducts => &["Type", "Name", "Regular price"],
            Format::MappedTransactions | Format::MappedCatalogue => &[],
        }
    }

    /// Columns whose presence identifies the format.
    fn signature(self) -> &'static [&'static str] {
        match self {
            Format::ShopifyProductsCurrent => &["URL handle", "Title", "Compare-at price"],
            Format::ShopifyProductsLegacy => &["Handle", "Body (HTML)", "Variant SKU"],
            Format::ShopifyOrders => &["Name", "Financial Status", "Lineitem quantity"],
            Format::ShopifyCustomersCurrent => &["Customer ID", "Accepts Email Marketing"],
            Format::ShopifyCustomersLegacy => &["First Name", "Accepts Marketing", "Total Orders"],
            Format::Returns => &["Order", "Lineitem sku", "Reason"],
            Format::Transactions => &["InvoiceNo", "StockCode", "UnitPrice"],
            Format::SupportConversations => &["conversation_id", "role", "text"],
            Format::ExperimentEvents => &["visitor_id", "experiment", "variant"],
            Format::KnowledgeBase => &[],
            Format::WooCommerceProducts => &["Type", "Regular price", "In stock?"],
            Format::MappedTransactions | Format::MappedCatalogue => &[],
        }
    }

    const ALL: [Format; 10] = [
        Format::ShopifyProductsCurrent,
        Format::ShopifyProductsLegacy,
        Format::ShopifyOrders,
        Format::ShopifyCustomersCurrent,
        Format::ShopifyCustomersLegacy,
        Format::Returns,
        Format::Transactions,
        Format::SupportConversations,
        Format::ExperimentEvents,
        Format::WooCommerceProducts,
    ];
}

#[derive(Debug, Clone, Serialize)]
pub struct Detected {
    pub format: Format,
    pub header: Vec<String>,
    pub delimiter: char,
    /// For the mapped formats: which source column is which field.
    #[serde(skip)]
    pub mapping: Option<crate::mapping::Mapping>,
}

/// Reads the header of `path` and names its format.
pub fn detect(path: &Path) -> Result<Detected, ImportError> {
    if crate::knowledge::is_document(path) {
        return Ok(Detected { format: Format::KnowledgeBase, header: Vec::new(), delimiter: ',', mapping: None });
    }
    if crate::mapping::needs_mapping_by_type(path) {
        // Parquet and JSON carry column names too: a known layout (support
        // conversations, experiment events, ...) is recognised from them.
        let header = crate::mapping::source_columns(path, ',')?;
        let format = recognise(path, &header)?;
        return Ok(Detected { format, header, delimiter: ',', mapping: None });
    }
    let (header, delimiter) = header_of(path)?;
    let format = recognise(path, &header)?;
    Ok(Detected { format, header, delimiter, mapping: None })
}

/// The format whose signature the columns match best (ties go to the first),
/// checked for its required columns.
fn recognise(path: &Path, header: &[String]) -> Result<Format, ImportError> {
    let has = |c: &str| header.iter().any(|h| h == c);
    let best = Format::ALL
        .into_iter()
        .map(|f| (f, f.signature().iter().filter(|c| has(c)).count(), f.signature().len()))
        .filter(|(_, hits, _)| *hits >= 2)
        .max_by_key(|(_, hits, len)| (*hits * 100 / *len, *hits));
    let Some((format, _, _)) = best else {
        return Err(ImportError::UnknownFormat { file: path.to_path_buf(), header: header.to_vec() });
    };
    let missing: Vec<String> = format.required_columns().iter().filter(|c| !has(c)).map(|c| c.to_string()).collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns {
            file: path.to_path_buf(),
            detected_format: format.label().to_string(),
            missing,
        });
    }
    Ok(format)
}

/// The longest header line read, and the most columns a header may name:
/// store exports have a few hundred at most, and a first line past these is
/// not a header (a file with no line breaks, or a wrong file).
const MAX_HEADER_BYTES: u64 = 1 << 20;
const MAX_COLUMNS: usize = 10_000;

/// The header's column names and the delimiter that separates them.
pub fn header_of(path: &Path) -> Result<(Vec<String>, char), ImportError> {
    let header_line = read_header_line(path)?;
    let delimiter = [',', ';', '\t'].into_iter().max_by_key(|d| header_line.matches(*d).count()).unwrap_or(',');
    let header = split_header(&header_line, delimiter);
    if header.len() > MAX_COLUMNS {
        return Err(ImportError::Read {
            file: path.to_path_buf(),
            message: format!(
                "its first line names {} columns, more than the {MAX_COLUMNS} an export can have; \
                 check that the first line is the header and that this is the file the store exported",
                header.len()
            ),
        });
    }
    Ok((header, delimiter))
}

fn read_header_line(path: &Path) -> Result<String, ImportError> {
    let reader = crate::encoding::open_decompressed(path)?;
    let mut head = Vec::new();
    BufReader::new(reader.take(MAX_HEADER_BYTES + 1))
        .read_until(b'\n', &mut head)
        .map_err(|e| crate::encoding::read_failed(path, e))?;
    if head.len() as u64 > MAX_HEADER_BYTES {
        return Err(ImportError::Read {
            file: path.to_path_buf(),
            message: format!(
                "its first line is longer than {} MB, so it is not a header line; \
                 check that this is the CSV file the store exported",
                MAX_HEADER_BYTES >> 20
            ),
        });
    }
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::EmptyFile { file: path.to_path_buf() });
    }
    if head.contains(&0) {
        return Err(ImportError::BinaryFile { file: path.to_path_buf() });
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    // Headers are ASCII in every supported format; a Latin-1 byte is kept as-is.
    let text: String = match std::str::from_utf8(head) {
        Ok(s) => s.to_string(),
        Err(_) => head.iter().map(|&b| b as char).collect(),
    };
    Ok(text.trim_end_matches(['\r', '\n']).to_string())
}

fn split_header(line: &str, delimiter: char) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => out.push(std::mem::take(&mut field).trim().to_string()),
            c => field.push(c),
        }
    }
    out.push(field.trim().to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_headers_split_correctly() {
        assert_eq!(split_header(r#"ID,"Is featured?","A ""b""",C"#, ','), ["ID", "Is featured?", r#"A "b""#, "C"]);
    }
}
