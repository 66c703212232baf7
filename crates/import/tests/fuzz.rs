//! Property-based fuzzing of the importers (proptest). Three targets:
//! header detection and preview on arbitrary and near-CSV files, column
//! mappings on arbitrary headers and mapping JSON, and full imports of
//! near-valid exports into a real workspace file. Each must answer with a
//! result or an error naming the file, never a panic; a failed import must
//! leave every table as it was.
//!
//! How long: `INSIGHTS_FUZZ_CASES` cases per target (default 64, so the file
//! runs in seconds under `make test`), or `INSIGHTS_FUZZ_SECONDS` per target,
//! run as rounds of fresh random runners until the time is up
//! (`bash bench/fuzz.sh`). A failing case's seed is saved in
//! `tests/fuzz-regressions/<target>.txt` and replayed first on every run.

mod common;
use common::snapshot;

use std::cell::RefCell;
use std::fmt::Debug;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use insights_import::mapping::{self, Mapping, CATALOGUE_FIELDS, FIELDS, KIND_KEY};
use insights_import::{detect, import_paths, preview, resolve_mapping, ImportError, ImportOptions};
use insights_store::Workspace;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestError, TestRunner};

// ---------------------------------------------------------------- the runner

/// Runs `test` on values of `strategy` for the configured budget, then fails
/// with every failure found. Prints one summary line that bench/fuzz.sh reads.
fn fuzz<S>(target: &str, strategy: S, test: impl Fn(S::Value, &Tally) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let seconds: Option<u64> = std::env::var("INSIGHTS_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok());
    let cases: u32 = std::env::var("INSIGHTS_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(64);
    let regressions: &'static str =
        Box::leak(format!("{}/tests/fuzz-regressions/{target}.txt", env!("CARGO_MANIFEST_DIR")).into_boxed_str());
    let config = |cases| Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        // A failure is shrunk for at most a minute: cases touch the disk.
        max_shrink_time: 60_000,
        ..Config::default()
    };
    let executed = AtomicU64::new(0);
    let tally = Tally::default();
    let counted = |value: S::Value| {
        executed.fetch_add(1, Ordering::Relaxed);
        test(value, &tally)
    };
    let started = Instant::now();
    let deadline = seconds.map(|s| started + Duration::from_secs(s));
    let mut failures = Vec::new();
    let mut rounds = 0;
    loop {
        rounds += 1;
        // Rounds of a few cases each, so the deadline is checked often.
        let round_cases = if deadline.is_some() { 16 } else { cases };
        match TestRunner::new(config(round_cases)).run(&strategy, counted) {
            Ok(()) => {}
            Err(TestError::Fail(reason, value)) => failures.push(format!("{reason}\n  minimal input: {value:?}")),
            Err(TestError::Abort(reason)) => failures.push(format!("aborted: {reason}")),
        }
        match deadline {
            Some(d) if Instant::now() < d => continue,
            _ => break,
        }
    }
    let outcomes = tally.0.lock().unwrap().iter().map(|(k, n)| format!("{k} {n}")).collect::<Vec<_>>().join(", ");
    println!(
        "fuzz {target}: {} cases in {:.0} s ({rounds} rounds), {} failures; outcomes: {outcomes}",
        executed.load(Ordering::Relaxed),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(failures.is_empty(), "{target}: {} failing inputs\n{}", failures.len(), failures.join("\n\n"));
}

/// How cases ended (ok, or an error code), to show what a run explored.
/// With `INSIGHTS_FUZZ_EXAMPLES=DIR`, the first message of each error code is
/// printed too, to read what people would be told, and its file kept in DIR.
#[derive(Default)]
struct Tally(std::sync::Mutex<std::collections::BTreeMap<String, u64>>);

impl Tally {
    fn add<T>(&self, result: &Result<T, ImportError>, file: &Path) {
        let key = match result {
            Ok(_) => "ok".to_string(),
            Err(e) => e.code().to_string(),
        };
        let mut counts = self.0.lock().unwrap();
        if let (Err(e), false) = (result, counts.contains_key(&key)) {
            if let Some(dir) = std::env::var_os("INSIGHTS_FUZZ_EXAMPLES") {
                println!("example {key}: {e}");
                let kept = Path::new(&dir).join(format!("{key}-{}", file.file_name().unwrap().to_string_lossy()));
                let _ = std::fs::create_dir_all(&dir).and_then(|_| std::fs::copy(file, kept));
            }
        }
        *counts.entry(key).or_default() += 1;
    }
}

/// An error must name the file it is about, and stay readable.
fn check_error(e: &ImportError, file: &Path) -> Result<(), TestCaseError> {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let msg = e.to_string();
    let _ = e.code();
    prop_assert!(msg.contains(&name), "the error does not name {name}: {msg}");
    prop_assert!(
        msg.len() < 1_500 + file.as_os_str().len(),
        "an error of {} characters is no message for a person: {}…",
        msg.len(),
        msg.chars().take(300).collect::<String>()
    );
    Ok(())
}

// ---------------------------------------------------------- what files hold

/// Column names of real exports: Shopify (current and legacy), WooCommerce,
/// transaction lines, support conversations and experiment events.
const HEADER_NAMES: &[&str] = &[
    "Title",
    "URL handle",
    "Description",
    "Vendor",
    "Product category",
    "Type",
    "Tags",
    "Published on online store",
    "Status",
    "SKU",
    "Barcode",
    "Option1 name",
    "Option1 value",
    "Price",
    "Compare-at price",
    "Cost per item",
    "Inventory quantity",
    "Weight value (grams)",
    "Variant image URL",
    "Handle",
    "Body (HTML)",
    "Variant SKU",
    "Variant Price",
    "Variant Inventory Qty",
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Currency",
    "Subtotal",
    "Total",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem sku",
    "Shipping Country",
    "Customer ID",
    "First Name",
    "Last Name",
    "Accepts Email Marketing",
    "Accepts Marketing",
    "Total Spent",
    "Total Orders",
    "Order",
    "Quantity",
    "Reason",
    "InvoiceNo",
    "StockCode",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
    "conversation_id",
    "role",
    "text",
    "visitor_id",
    "experiment",
    "variant",
    "timestamp",
    "event",
    "ID",
    "Regular price",
    "Sale price",
    "In stock?",
    "Stock",
    "Parent",
    "Is featured?",
    "Weight (kg)",
    "Order ID",
    "Qty",
    "Order Date",
    "Price Each",
];

/// Values that have broken importers elsewhere.
const NASTY: &[&str] = &[
    "",
    " ",
    "\"",
    "\"\"",
    "\"\"\"",
    "a\"b",
    "line\nbreak",
    "cr\rreturn",
    "\r\n",
    ",",
    ";",
    "\t",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "'; DROP TABLE orders; --",
    "\"; DROP TABLE orders; --",
    "NULL",
    "NaN",
    "-0",
    "1e309",
    "99999999999999999999999",
    "-1",
    "0.0000001",
    "1,50",
    "$",
    "$$19.99",
    "2025-13-45 25:61:61",
    "0000-00-00",
    "9999-12-31 23:59:59 +9999",
    "é",
    "ÿ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u{feff}",
    "\u{202e}gnp.exe",
    "\u{0}",
    "\\",
    "\\N",
    "#",
    "<script>alert(1)</script>",
    "&amp;&lt;",
    "..",
    "../../etc/passwd",
    "%s%n",
    "{}",
    "[",
];

fn text(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ]{0,12}".prop_map(String::from),
        2 => proptest::sample::select(NASTY).prop_map(String::from),
        1 => proptest::collection::vec(any::<char>(), 0..max).prop_map(String::from_iter),
    ]
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![4 => proptest::sample::select(HEADER_NAMES).prop_map(String::from), 1 => text(40)]
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Latin1,
    Utf16Le,
}

#[derive(Debug, Clone, Copy)]
enum Packing {
    Plain,
    Gzip,
    /// A gzip stream cut short.
    TruncatedGzip,
}

/// Renders rows as delimited text: quoted where needed, sometimes where not,
/// sometimes not where it should be.
fn render(rows: &[Vec<String>], delimiter: char, crlf: bool, sloppy: bool) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let needs = c.contains([delimiter, '"', '\n', '\r']);
                if needs && !(sloppy && c.len() % 3 == 0) || (!needs && c.len() % 5 == 1) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(&delimiter.to_string()));
        out.push_str(if crlf { "\r\n" } else { "\n" });
    }
    out
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        // Characters Latin-1 has become their byte; others a '?'.
        Encoding::Latin1 => text.chars().map(|c| if (c as u32) < 256 { c as u8 } else { b'?' }).collect(),
        Encoding::Utf16Le => {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
    }
}

/// Writes `bytes` as `name` (plain, or gzip as the name says) into `dir`.
fn write_file(dir: &Path, name: &str, bytes: &[u8], packing: Packing) -> PathBuf {
    let (path, data) = match packing {
        Packing::Plain => (dir.join(name), bytes.to_vec()),
        Packing::Gzip | Packing::TruncatedGzip => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            gz.write_all(bytes).unwrap();
            let mut data = gz.finish().unwrap();
            if matches!(packing, Packing::TruncatedGzip) {
                data.truncate(data.len() / 2);
            }
            (dir.join(format!("{name}.gz")), data)
        }
    };
    std::fs::write(&path, data).unwrap();
    path
}

// ------------------------------------------------- target: header detection

#[derive(Debug, Clone)]
struct NearCsv {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    delimiter: char,
    crlf: bool,
    sloppy: bool,
    encoding: Encoding,
    packing: Packing,
    extension: &'static str,
}

/// A real export's header, now and then with a column dropped, one added or
/// two swapped.
fn real_header() -> impl Strategy<Value = Vec<String>> {
    (0..FORMATS.len(), 0u8..8, header_name(), any::<prop::sample::Index>(), any::<prop::sample::Index>()).prop_map(
        |(f, fate, name, i, j)| {
            let mut header: Vec<String> = FORMATS[f].1.iter().map(|(c, _)| c.to_string()).collect();
            let (i, j) = (i.index(header.len()), j.index(header.len()));
            match fate {
                0 => {
                    header.remove(i);
                }
                1 => header.insert(i, name),
                2 => header.swap(i, j),
                _ => {}
            }
            header
        },
    )
}

fn near_csv() -> impl Strategy<Value = NearCsv> {
    let header = prop_oneof![proptest::collection::vec(header_name(), 0..24), real_header()];
    let rows = proptest::collection::vec(proptest::collection::vec(text(30), 0..26), 0..6);
    let delimiter = proptest::sample::select(vec![',', ';', '\t', '|']);
    let encoding = prop_oneof![
        4 => Just(Encoding::Utf8),
        1 => Just(Encoding::Utf8Bom),
        1 => Just(Encoding::Latin1),
        1 => Just(Encoding::Utf16Le)
    ];
    let packing = prop_oneof![6 => Just(Packing::Plain), 1 => Just(Packing::Gzip), 1 => Just(Packing::TruncatedGzip)];
    let extension = proptest::sample::select(vec!["csv", "tsv", "CSV"]);
    (header, rows, delimiter, any::<bool>(), any::<bool>(), encoding, packing, extension).prop_map(
        |(header, rows, delimiter, crlf, sloppy, encoding, packing, extension)| NearCsv {
            header,
            rows,
            delimiter,
            crlf,
            sloppy,
            encoding,
            packing,
            extension,
        },
    )
}

#[derive(Debug, Clone)]
enum HeaderInput {
    Bytes(Vec<u8>),
    NearCsv(NearCsv),
    /// Long column names, or very many: what a wrong file's first line holds.
    Wide {
        names: Vec<String>,
        repeat: usize,
    },
}

fn detect_and_preview(file: &Path, tally: &Tally) -> Result<(), TestCaseError> {
    if let Err(e) = detect(file) {
        check_error(&e, file)?;
    }
    let previewed = preview(file, 5, &|_| Ok(None));
    tally.add(&previewed, file);
    match previewed {
        Ok(p) => prop_assert!(p.rows.len() <= 5),
        Err(e) => check_error(&e, file)?,
    }
    Ok(())
}

#[test]
fn fuzz_header_detection() {
    let input = prop_oneof![
        1 => proptest::collection::vec(any::<u8>(), 0..2048).prop_map(HeaderInput::Bytes),
        3 => near_csv().prop_map(HeaderInput::NearCsv),
        1 => (proptest::collection::vec(header_name(), 1..300), 1usize..200)
            .prop_map(|(names, repeat)| HeaderInput::Wide { names, repeat }),
    ];
    fuzz("header", input, |input, tally| {
        let dir = tempfile::tempdir().unwrap();
        let file = match &input {
            HeaderInput::Bytes(bytes) => write_file(dir.path(), "export.csv", bytes, Packing::Plain),
            HeaderInput::NearCsv(c) => {
                let mut rows = vec![c.header.clone()];
                rows.extend(c.rows.iter().cloned());
                let text = render(&rows, c.delimiter, c.crlf, c.sloppy);
                write_file(dir.path(), &format!("export.{}", c.extension), &encode(&text, c.encoding), c.packing)
            }
            HeaderInput::Wide { names, repeat } => {
                let long: Vec<String> = names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| if i % 7 == 0 { n.repeat(*repeat) } else { n.clone() })
                    .collect();
                let text = render(&[long, vec!["1".to_string()]], ',', false, false);
                write_file(dir.path(), "export.csv", text.as_bytes(), Packing::Plain)
            }
        };
        detect_and_preview(&file, tally)
    });
}

// --------------------------------------------------------- target: mapping

/// Mapping JSON as a person or a stale saved mapping might hold it.
fn mapping_json(columns: Vec<String>) -> impl Strategy<Value = (Vec<String>, String)> {
    let field = prop_oneof![
        4 => proptest::sample::select(FIELDS.iter().map(|f| f.name).collect::<Vec<_>>()).prop_map(String::from),
        2 => proptest::sample::select(CATALOGUE_FIELDS.iter().map(|f| f.name).collect::<Vec<_>>()).prop_map(String::from),
        1 => Just(KIND_KEY.to_string()),
        1 => text(20),
    ];
    let known = columns.clone();
    let column = prop_oneof![
        4 => proptest::sample::select(if known.is_empty() { vec![String::new()] } else { known }),
        1 => text(20),
    ];
    let value = prop_oneof![
        8 => column.prop_map(serde_json::Value::String),
        1 => Just(serde_json::Value::Null),
        1 => any::<i64>().prop_map(|n| serde_json::json!(n)),
        1 => Just(serde_json::json!(["a", "b"])),
    ];
    let object = proptest::collection::vec((field, value), 0..10)
        .prop_map(|pairs| serde_json::Value::Object(pairs.into_iter().collect()).to_string());
    // Every field given a column of the file, as a confirmed mapping is.
    let pick = proptest::collection::vec(any::<prop::sample::Index>(), FIELDS.len());
    let named = columns.clone();
    let complete = pick.prop_map(move |picks| {
        let chosen = FIELDS.iter().zip(picks).filter(|_| !named.is_empty());
        let pairs = chosen.map(|(f, i)| (f.name.to_string(), serde_json::json!(named[i.index(named.len())])));
        serde_json::Value::Object(pairs.collect()).to_string()
    });
    let json = prop_oneof![
        6 => object,
        4 => complete,
        1 => text(40),
        1 => Just("[]".to_string()),
        1 => Just("null".to_string())
    ];
    json.prop_map(move |j| (columns.clone(), j))
}

#[test]
fn fuzz_mapping() {
    let input = proptest::collection::vec(header_name(), 0..16).prop_flat_map(mapping_json);
    fuzz("mapping", input, |(header, json), tally| {
        // The mapping functions on the names as given.
        let suggestion = mapping::suggest(&header);
        let fields = suggestion.kind().fields();
        for (field, column) in suggestion.0.iter().filter(|(k, _)| *k != KIND_KEY) {
            prop_assert!(fields.iter().any(|f| f.name == field), "suggested an unknown field {field}");
            prop_assert!(header.contains(column), "suggested {column:?}, which is no column");
        }
        let mut used: Vec<&String> = suggestion.0.iter().filter(|(k, _)| *k != KIND_KEY).map(|(_, v)| v).collect();
        used.sort();
        used.dedup();
        prop_assert_eq!(
            used.len(),
            suggestion.0.len() - usize::from(suggestion.0.contains_key(KIND_KEY)),
            "one column suggested for two fields"
        );
        let _ = mapping::source_key(&header);

        // The same names as a file's header, read through the mapping.
        let dir = tempfile::tempdir().unwrap();
        let text = render(&[header.clone(), header.iter().map(|_| "1".to_string()).collect()], ',', false, false);
        let file = write_file(dir.path(), "till.csv", text.as_bytes(), Packing::Plain);
        let Ok(given) = serde_json::from_str::<Mapping>(&json) else {
            return Ok(()); // not a mapping: refused before any file is read
        };
        let columns = match resolve_mapping(&file, None, &|_| Ok(None)) {
            Err(ImportError::NeedsMapping { columns, suggestion, .. }) => {
                for column in suggestion.0.iter().filter(|(k, _)| *k != KIND_KEY).map(|(_, v)| v) {
                    prop_assert!(columns.contains(column), "suggested {column:?}, not among {columns:?}");
                }
                columns
            }
            Err(e) => return check_error(&e, &file),
            Ok(d) => return Err(TestCaseError::fail(format!("no mapping, yet resolved: {d:?}"))),
        };
        let resolved = resolve_mapping(&file, Some(&given), &|_| Ok(None));
        tally.add(&resolved, &file);
        match resolved {
            Ok(_) => {
                for f in given.kind().fields() {
                    let chosen = given.0.contains_key(f.name) || f.or.is_some_and(|o| given.0.contains_key(o));
                    prop_assert!(!f.required || chosen, "accepted without {}", f.name);
                }
                for column in given.0.iter().filter(|(k, _)| *k != KIND_KEY).map(|(_, v)| v) {
                    prop_assert!(columns.contains(column), "accepted the absent column {column:?}");
                }
            }
            Err(e @ ImportError::BadMapping { .. }) => {
                let msg = e.to_string();
                check_error(&e, &file)?;
                for f in given.kind().fields() {
                    let chosen = given.0.contains_key(f.name) || f.or.is_some_and(|o| given.0.contains_key(o));
                    if f.required && !chosen {
                        prop_assert!(msg.contains(f.name), "{} is missing, the message does not say so: {msg}", f.name);
                    }
                }
                for column in given.0.iter().filter(|(k, c)| *k != KIND_KEY && !columns.contains(c)).map(|(_, v)| v) {
                    prop_assert!(msg.contains(&format!("\"{column}\"")), "{column:?} is absent, unsaid: {msg}");
                }
            }
            Err(e) => check_error(&e, &file)?,
        }
        // Previewed through it as if saved for this source.
        match preview(&file, 3, &|_| Ok(Some(given.clone()))) {
            Ok(_) => {}
            Err(e) => check_error(&e, &file)?,
        }
        Ok(())
    });
}

// ----------------------------------------------------- target: full import

#[derive(Debug, Clone, Copy)]
enum Kind {
    Text,
    Handle,
    Money,
    Int,
    Date,
    Email,
    Bool,
    Order,
    Sku,
    Country,
}

/// Near-valid exports: the formats the importer knows, column by column.
const FORMATS: &[(&str, &[(&str, Kind)])] = &[
    (
        "products_export",
        &[
            ("Title", Kind::Text),
            ("URL handle", Kind::Handle),
            ("Description", Kind::Text),
            ("Vendor", Kind::Text),
            ("Type", Kind::Text),
            ("Tags", Kind::Text),
            ("Published on online store", Kind::Bool),
            ("Status", Kind::Text),
            ("SKU", Kind::Sku),
            ("Option1 name", Kind::Text),
            ("Option1 value", Kind::Text),
            ("Price", Kind::Money),
            ("Compare-at price", Kind::Money),
            ("Cost per item", Kind::Money),
            ("Inventory quantity", Kind::Int),
        ],
    ),
    (
        "orders_export",
        &[
            ("Name", Kind::Order),
            ("Email", Kind::Email),
            ("Financial Status", Kind::Text),
            ("Currency", Kind::Country),
            ("Subtotal", Kind::Money),
            ("Total", Kind::Money),
            ("Discount Amount", Kind::Money),
            ("Created at", Kind::Date),
            ("Lineitem quantity", Kind::Int),
            ("Lineitem name", Kind::Text),
            ("Lineitem price", Kind::Money),
            ("Lineitem sku", Kind::Sku),
            ("Shipping Country", Kind::Country),
        ],
    ),
    (
        "customers_export",
        &[
            ("Customer ID", Kind::Int),
            ("First Name", Kind::Text),
            ("Last Name", Kind::Text),
            ("Email", Kind::Email),
            ("Accepts Email Marketing", Kind::Bool),
            ("Default Address Country Code", Kind::Country),
            ("Phone", Kind::Text),
            ("Total Spent", Kind::Money),
            ("Total Orders", Kind::Int),
            ("Tags", Kind::Text),
        ],
    ),
    (
        "returns",
        &[("Order", Kind::Order), ("Lineitem sku", Kind::Sku), ("Quantity", Kind::Int), ("Reason", Kind::Text)],
    ),
    (
        "online_retail",
        &[
            ("InvoiceNo", Kind::Order),
            ("StockCode", Kind::Sku),
            ("Description", Kind::Text),
            ("Quantity", Kind::Int),
            ("InvoiceDate", Kind::Date),
            ("UnitPrice", Kind::Money),
            ("CustomerID", Kind::Int),
            ("Country", Kind::Text),
        ],
    ),
    (
        "wc-product-export",
        &[
            ("ID", Kind::Int),
            ("Type", Kind::Text),
            ("SKU", Kind::Sku),
            ("Name", Kind::Text),
            ("Regular price", Kind::Money),
            ("Sale price", Kind::Money),
            ("In stock?", Kind::Bool),
            ("Stock", Kind::Int),
            ("Parent", Kind::Text),
        ],
    ),
    (
        "events",
        &[
            ("visitor_id", Kind::Handle),
            ("experiment", Kind::Handle),
            ("variant", Kind::Handle),
            ("timestamp", Kind::Date),
            ("event", Kind::Text),
            ("revenue", Kind::Money),
        ],
    ),
    (
        "conversations",
        &[("conversation_id", Kind::Handle), ("role", Kind::Text), ("text", Kind::Text), ("timestamp", Kind::Date)],
    ),
];

fn valid(kind: Kind) -> BoxedStrategy<String> {
    match kind {
        Kind::Text => "[A-Za-z][A-Za-z ,'&-]{0,20}".prop_map(String::from).boxed(),
        Kind::Handle => "[a-z][a-z0-9-]{0,8}".prop_map(String::from).boxed(),
        Kind::Money => (0u32..100_000).prop_map(|c| format!("{}.{:02}", c / 100, c % 100)).boxed(),
        Kind::Int => (0i64..50).prop_map(|n| n.to_string()).boxed(),
        Kind::Date => (2020u32..2027, 1u32..13, 1u32..29, 0u32..24, 0u32..60)
            .prop_map(|(y, m, d, h, mi)| format!("{y}-{m:02}-{d:02} {h:02}:{mi:02}:00 +0000"))
            .boxed(),
        Kind::Email => "[a-z]{1,6}@example\\.com".prop_map(String::from).boxed(),
        Kind::Bool => {
            proptest::sample::select(vec!["true", "false", "yes", "no", "TRUE", ""]).prop_map(String::from).boxed()
        }
        Kind::Order => (1000u32..1010).prop_map(|n| format!("#{n}")).boxed(),
        Kind::Sku => "[A-Z]{2}-[0-9]{1,2}".prop_map(String::from).boxed(),
        Kind::Country => {
            proptest::sample::select(vec!["GB", "US", "FR", "DE", "USD", "EUR"]).prop_map(String::from).boxed()
        }
    }
}

fn cell(kind: Kind) -> impl Strategy<Value = String> {
    prop_oneof![12 => valid(kind), 1 => text(24)]
}

#[derive(Debug, Clone)]
struct Export {
    name: &'static str,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    crlf: bool,
    bom: bool,
    strict: bool,
    gzip: bool,
}

fn export() -> impl Strategy<Value = Export> {
    (0..FORMATS.len()).prop_flat_map(|f| {
        let (name, columns) = FORMATS[f];
        let row = columns.iter().map(|(_, kind)| cell(*kind)).collect::<Vec<_>>();
        // Now and then a row loses or gains a field.
        let row = (row, 0u8..20).prop_map(|(mut cells, fate)| {
            match fate {
                0 => {
                    cells.pop();
                }
                1 => cells.push("extra".into()),
                _ => {}
            }
            cells
        });
        let header = columns.iter().map(|(c, _)| c.to_string()).collect::<Vec<_>>();
        (
            proptest::collection::vec(row, 0..12),
            any::<bool>(),
            any::<bool>(),
            proptest::bool::weighted(0.2),
            proptest::bool::weighted(0.15),
        )
            .prop_map(move |(rows, crlf, bom, strict, gzip)| Export {
                name,
                header: header.clone(),
                rows,
                crlf,
                bom,
                strict,
                gzip,
            })
    })
}

#[test]
fn fuzz_full_import() {
    // One workspace per test run, so imports also meet what earlier cases left.
    let home = tempfile::tempdir().unwrap();
    let ws = RefCell::new(Workspace::create(&home.path().join("fuzz.duckdb"), "Fuzz").unwrap());
    fuzz("import", export(), |export, tally| {
        let dir = tempfile::tempdir().unwrap();
        let mut rows = vec![export.header.clone()];
        rows.extend(export.rows.iter().cloned());
        let text = render(&rows, ',', export.crlf, false);
        let bytes = encode(&text, if export.bom { Encoding::Utf8Bom } else { Encoding::Utf8 });
        let packing = if export.gzip { Packing::Gzip } else { Packing::Plain };
        let file = write_file(dir.path(), &format!("{}.csv", export.name), &bytes, packing);
        let mut ws = ws.borrow_mut();
        let before = snapshot(&ws);
        let options = ImportOptions { strict: export.strict, ..ImportOptions::default() };
        let imported = import_paths(&mut ws, std::slice::from_ref(&file), &options, &mut |_, _, _, _| {});
        tally.add(&imported, &file);
        match imported {
            Ok(reports) => {
                prop_assert_eq!(reports.len(), 1);
                let r = &reports[0];
                prop_assert_eq!(r.rows_read, export.rows.len() as i64, "every row read, none skipped: {:?}", r);
                prop_assert!(r.rejected <= r.rows_read, "{r:?}");
                prop_assert!(!export.strict || r.rejected == 0, "strict, yet rows were set aside: {r:?}");
                let after = snapshot(&ws);
                let logged = |s: &[(String, i64)]| s.iter().find(|(t, _)| t == "import_log").map(|(_, n)| *n);
                prop_assert_eq!(logged(&after), logged(&before).map(|n| n + 1), "one import_log entry");
            }
            Err(e) => {
                check_error(&e, &file)?;
                prop_assert_eq!(snapshot(&ws), before, "a failed import changed the workspace: {}", e);
                // The file is quoted correctly: DuckDB must read it, and a bad
                // value is a bad row, never a database error.
                prop_assert!(!["unreadable_file", "database"].contains(&e.code()), "refused a readable file: {}", e);
            }
        }
        Ok(())
    });
}

// Reading a missing mapping target or a dangling path never panics either.
#[test]
fn missing_files_are_errors_naming_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gone.csv");
    check_error(&detect(&file).unwrap_err(), &file).unwrap();
    check_error(&preview(&file, 5, &|_| Ok(None)).unwrap_err(), &file).unwrap();
}
