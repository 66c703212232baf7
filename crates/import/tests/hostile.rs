//! Hostile files: each is imported for real into a workspace file, and the
//! test asserts what the merchant would see — the import succeeds with the
//! data as written, or fails with an error naming the file (and the line and
//! column where there is one) and leaves the workspace exactly as it was.

mod common;
use common::snapshot;

use std::fs;
use std::path::{Path, PathBuf};

use insights_import::{import_paths, FileReport, ImportError, ImportOptions};
use insights_store::Workspace;

const PRODUCTS_HEADER: &str = "Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Price,Compare-at price,Cost per item,Inventory quantity";

const CUSTOMERS_HEADER: &str = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address City,Default Address Country Code,Phone,Total Spent,Total Orders,Note,Tags";

fn workspace(dir: &Path) -> Workspace {
    Workspace::create(&dir.join("w.duckdb"), "Hostile").unwrap()
}

fn import(ws: &mut Workspace, paths: &[PathBuf]) -> Result<Vec<FileReport>, ImportError> {
    import_paths(ws, paths, &ImportOptions::default(), &mut |_, _, _, _| {})
}

fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A workspace that already holds one product, so "unchanged" means more
/// than "still empty".
fn seeded(dir: &Path) -> Workspace {
    let mut ws = workspace(dir);
    let seed = dir.join("seed_products.csv");
    fs::write(&seed, format!("{PRODUCTS_HEADER}\nSeed product,seed,,,,,,true,active,SEED-1,,10.00,,,3\n")).unwrap();
    import(&mut ws, &[seed]).unwrap();
    ws
}

/// Imports `paths` and, when the import fails, checks that it changed
/// nothing and that its message names `file`.
fn import_or_explain(ws: &mut Workspace, paths: &[PathBuf], file: &str) -> Result<Vec<FileReport>, ImportError> {
    let before = snapshot(ws);
    let result = import(ws, paths);
    if let Err(e) = &result {
        assert!(e.to_string().contains(file), "the error names {file}: {e}");
        assert_eq!(snapshot(ws), before, "a failed import changes nothing ({e})");
    }
    result
}

fn product_row(title: &str, handle: &str, description: &str) -> String {
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    format!("{},{},{},,,,,true,active,{handle}-1,,19.99,,,1\n", q(title), q(handle), q(description))
}

#[test]
fn a_field_of_thousands_of_doubled_quotes_imports_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let quotes = "\"".repeat(5_000);
    let nested = format!("he said {}\"deep\"{} ok", "\"'".repeat(2_000), "'\"".repeat(2_000));
    let file = dir.path().join("quotes.csv");
    let text =
        format!("{PRODUCTS_HEADER}\n{}{}", product_row(&quotes, "quotes", ""), product_row(&nested, "nested", ""));
    fs::write(&file, text).unwrap();
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&file), "quotes.csv").unwrap();
    assert_eq!((reports[0].rows_read, reports[0].rejected), (2, 0), "{reports:?}");
    let title = |h: &str| -> String {
        ws.conn().query_row("SELECT title FROM products WHERE product_id = ?", [h], |r| r.get(0)).unwrap()
    };
    assert_eq!(title("quotes"), quotes);
    assert_eq!(title("nested"), nested);
}

#[test]
fn an_unterminated_quote_is_explained_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = dir.path().join("open_quote.csv");
    let text = format!("{PRODUCTS_HEADER}\n\"never closed{},x,,,,,,true,active,X-1,,1.00,,,1\n", "\"\"".repeat(3_000));
    fs::write(&file, text).unwrap();
    match import_or_explain(&mut ws, std::slice::from_ref(&file), "open_quote.csv") {
        Ok(r) => panic!("an unterminated quote cannot import cleanly: {r:?}"),
        Err(e) => {
            assert_eq!(e.code(), "unreadable_file", "{e}");
            let msg = e.to_string();
            assert!(msg.contains("quote") && msg.len() < 500, "short, and says what to check: {msg}");
        }
    }
}

#[test]
fn a_ten_megabyte_field_imports_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let big = "lorem ipsum ".repeat(10 * 1024 * 1024 / 12 + 1);
    let file = dir.path().join("big_field.csv");
    fs::write(&file, format!("{PRODUCTS_HEADER}\n{}", product_row(&big, "big", "small"))).unwrap();
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&file), "big_field.csv").unwrap();
    assert_eq!((reports[0].rows_read, reports[0].rejected), (1, 0), "{reports:?}");
    assert_eq!(count(&ws, "SELECT length(title) FROM products WHERE product_id = 'big'"), big.trim().len() as i64);

    // Past the line limit: refused with the line, briefly, not with the line quoted.
    let huge = dir.path().join("huge_field.csv");
    let field = "x".repeat(17 << 20);
    fs::write(
        &huge,
        format!("{PRODUCTS_HEADER}\n{}{}", product_row("Small", "small", ""), product_row(&field, "huge", "")),
    )
    .unwrap();
    let err = import_or_explain(&mut ws, std::slice::from_ref(&huge), "huge_field.csv").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("huge_field.csv: line 3 is longer than 16 MB") && msg.len() < 500, "{msg}");
}

fn wide_products(dir: &Path, name: &str, columns: usize) -> PathBuf {
    let mut header: Vec<String> = PRODUCTS_HEADER.split(',').map(String::from).collect();
    header.extend((header.len()..columns).map(|i| format!("Extra {i}")));
    let mut row = vec![String::new(); header.len()];
    row[0] = "Wide".into();
    row[1] = "wide".into();
    row[11] = "5.00".into();
    row[columns - 1] = "last".into();
    let file = dir.join(name);
    fs::write(&file, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    file
}

#[test]
fn a_header_of_100000_columns_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = wide_products(dir.path(), "wide.csv", 100_000);
    let started = std::time::Instant::now();
    let err = import_or_explain(&mut ws, std::slice::from_ref(&file), "wide.csv").unwrap_err();
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
    assert_eq!(err.code(), "unreadable_file", "{err}");
    assert!(err.to_string().contains("first line"), "{err}");
    let err = insights_import::detect(&file).unwrap_err();
    assert!(err.to_string().contains("wide.csv"), "{err}");

    // Also when the header is short enough to read but names too many columns.
    let narrow_names = dir.path().join("commas.csv");
    fs::write(&narrow_names, format!("Title,URL handle,Price{}\nA,a,1\n", ",".repeat(50_000))).unwrap();
    let err = import_or_explain(&mut ws, std::slice::from_ref(&narrow_names), "commas.csv").unwrap_err();
    assert!(err.to_string().contains("50003 columns"), "{err}");
}

#[test]
fn a_header_of_some_thousands_of_columns_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = wide_products(dir.path(), "wide.csv", 5_000);
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&file), "wide.csv").unwrap();
    assert_eq!((reports[0].rows_read, reports[0].inserted, reports[0].rejected), (1, 1, 0), "{reports:?}");
}

#[test]
fn nul_bytes_in_the_header_fail_and_in_a_row_set_the_row_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let in_header = dir.path().join("nul_header.csv");
    fs::write(&in_header, format!("Title,URL\0handle,Price\n{}", product_row("A", "a", ""))).unwrap();
    let err = import_or_explain(&mut ws, std::slice::from_ref(&in_header), "nul_header.csv").unwrap_err();
    assert_eq!(err.code(), "binary_file", "{err}");

    let in_row = dir.path().join("nul_row.csv");
    let text = format!(
        "{PRODUCTS_HEADER}\n{}Nul\0title,nul,,,,,,true,active,N-1,,1.00,,,1\n",
        product_row("Fine", "fine", "")
    );
    fs::write(&in_row, text).unwrap();
    let strict = ImportOptions { strict: true, ..ImportOptions::default() };
    let before = snapshot(&ws);
    let err = import_paths(&mut ws, std::slice::from_ref(&in_row), &strict, &mut |_, _, _, _| {}).unwrap_err();
    assert_eq!(snapshot(&ws), before);
    assert!(
        err.to_string().contains("nul_row.csv, line 3, column \"Title\"") && err.to_string().contains("NUL"),
        "{err}"
    );

    let reports = import_or_explain(&mut ws, std::slice::from_ref(&in_row), "nul_row.csv").unwrap();
    assert_eq!((reports[0].rows_read, reports[0].inserted, reports[0].rejected), (2, 1, 1), "{reports:?}");
    assert_eq!(count(&ws, "SELECT count(*) FROM products WHERE product_id = 'nul'"), 0);
    let history = insights_import::history(ws.conn(), 1).unwrap();
    let rejects = insights_import::rejects(ws.conn(), &history[0].import_id, 10).unwrap();
    assert_eq!(rejects.len(), 1);
    assert_eq!((rejects[0].line, rejects[0].column.as_deref()), (Some(3), Some("Title")));
    assert_eq!(rejects[0].raw.as_deref(), Some("Nul\u{2400}title"), "shown with a visible NUL sign");
}

#[test]
fn bytes_that_are_not_utf8_read_as_windows_1252_wherever_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = dir.path().join("not_utf8.csv");
    let mut bytes = format!("{PRODUCTS_HEADER}\n").into_bytes();
    bytes.extend_from_slice(b"Caf\xc3\x28 \xff\x81\x8d\x90 \xed\xa0\x80,bad-bytes,,,,,,true,active,B-1,,1.00,,,1\n");
    fs::write(&file, bytes).unwrap();
    import_or_explain(&mut ws, std::slice::from_ref(&file), "not_utf8.csv").unwrap();
    let title: String =
        ws.conn().query_row("SELECT title FROM products WHERE product_id = 'bad-bytes'", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "CafÃ( ÿ\u{81}\u{8d}\u{90} í\u{a0}€", "each byte as Windows-1252 reads it");

    // A Latin-1 byte far into a large file, past any sample of its start.
    let late = dir.path().join("late_latin1.csv");
    let mut bytes = format!("{PRODUCTS_HEADER}\n").into_bytes();
    let description = "A plain description in plain ASCII, long enough to fill the file.";
    for i in 0..60_000 {
        bytes.extend_from_slice(product_row(&format!("Plain {i}"), &format!("plain-{i}"), description).as_bytes());
    }
    bytes.extend_from_slice(b"Caf\xe9,cafe,,,,,,true,active,C-1,,1.00,,,1\n");
    assert!(bytes.len() > 5 << 20);
    fs::write(&late, bytes).unwrap();
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&late), "late_latin1.csv").unwrap();
    assert_eq!((reports[0].rows_read, reports[0].rejected), (60_001, 0), "{reports:?}");
    let title: String =
        ws.conn().query_row("SELECT title FROM products WHERE product_id = 'cafe'", [], |r| r.get(0)).unwrap();
    assert_eq!(title, "Café");
}

#[test]
fn spreadsheet_formulas_in_cells_are_stored_as_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    ws.set_pii_hashing(false).unwrap();
    let formulas = [
        r#"=HYPERLINK("http://evil.example","click")"#,
        r#"+cmd|' /C calc'!A0"#,
        "@SUM(1+1)",
        "-2+3+cmd|' /C notepad'!'A1'",
        "=1+1",
    ];
    let products = dir.path().join("formula_products.csv");
    let mut text = format!("{PRODUCTS_HEADER}\n");
    for (i, f) in formulas.iter().enumerate() {
        text.push_str(&product_row(f, &format!("formula-{i}"), f));
    }
    fs::write(&products, text).unwrap();
    let customers = dir.path().join("formula_customers.csv");
    let q = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut text = format!("{CUSTOMERS_HEADER}\n");
    for (i, f) in formulas.iter().enumerate() {
        text.push_str(&format!(
            "{i},{first},{last},user{i}@example.com,yes,{company},{street},{city},GB,,10.00,1,{note},{tags}\n",
            first = q(f),
            last = q(f),
            company = q(f),
            street = q(f),
            city = q(f),
            note = q(f),
            tags = q(f),
        ));
    }
    fs::write(&customers, text).unwrap();
    let reports = import_or_explain(&mut ws, &[products, customers], "formula").unwrap();
    assert!(reports.iter().all(|r| r.rows_read == 5 && r.rejected == 0), "{reports:?}");
    for (i, f) in formulas.iter().enumerate() {
        let (title, description): (String, String) = ws
            .conn()
            .query_row("SELECT title, description FROM products WHERE product_id = ?", [format!("formula-{i}")], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((title.as_str(), description.as_str()), (*f, *f), "stored verbatim, never evaluated");
        let name: String = ws
            .conn()
            .query_row("SELECT name FROM customers WHERE email = ?", [format!("user{i}@example.com")], |r| r.get(0))
            .unwrap();
        assert_eq!(name, format!("{f} {f}"));
    }
}

fn products_file(dir: &Path) -> PathBuf {
    fs::create_dir_all(dir).unwrap();
    let file = dir.join("products_export.csv");
    fs::write(&file, format!("{PRODUCTS_HEADER}\n{}", product_row("Mug", "mug", "Enamel"))).unwrap();
    file
}

#[test]
fn a_path_through_dot_dot_is_recorded_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    products_file(&dir.path().join("exports"));
    fs::create_dir(dir.path().join("elsewhere")).unwrap();
    let roundabout = dir.path().join("elsewhere/../exports/./products_export.csv");
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&roundabout), "products_export.csv").unwrap();
    assert_eq!(reports[0].inserted, 1);
    let recorded: String = ws
        .conn()
        .query_row("SELECT file_name FROM import_log ORDER BY started_at DESC LIMIT 1", [], |r| r.get(0))
        .unwrap();
    assert!(!recorded.contains(".."), "{recorded}");
    assert!(recorded.ends_with("exports/products_export.csv"), "{recorded}");
    assert!(!reports[0].file.to_string_lossy().contains(".."), "{:?}", reports[0].file);
}

fn knowledge_base(dir: &Path) -> PathBuf {
    let kb = dir.join("kb");
    fs::create_dir_all(kb.join("policies")).unwrap();
    fs::write(kb.join("shipping.md"), "# Shipping\n\nWe ship in 3 days.\n").unwrap();
    fs::write(kb.join("policies/returns.md"), "# Returns\n\nWithin 30 days.\n").unwrap();
    kb
}

fn doc_ids(ws: &Workspace) -> Vec<String> {
    let mut stmt = ws.conn().prepare("SELECT doc_id FROM kb_documents ORDER BY 1").unwrap();
    stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

#[test]
fn knowledge_base_doc_ids_never_climb_out_or_start_at_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let kb = knowledge_base(dir.path());
    for given in [kb.join("policies/.."), kb.join("."), kb.join("policies/../../kb"), kb.clone()] {
        let ws_dir = tempfile::tempdir().unwrap();
        let mut ws = workspace(ws_dir.path());
        import_or_explain(&mut ws, std::slice::from_ref(&given), "kb").unwrap();
        let ids = doc_ids(&ws);
        assert_eq!(ids, ["kb/policies/returns.md", "kb/shipping.md"], "imported as {}", given.display());
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_folder_neither_hangs_nor_duplicates_documents() {
    let dir = tempfile::tempdir().unwrap();
    let kb = knowledge_base(dir.path());
    std::os::unix::fs::symlink(&kb, kb.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", kb.join("policies/up")).unwrap();
    let mut ws = seeded(dir.path());
    import_or_explain(&mut ws, std::slice::from_ref(&kb), "kb").unwrap();
    assert_eq!(doc_ids(&ws), ["kb/policies/returns.md", "kb/shipping.md"]);
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_imported_folder_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let kb = knowledge_base(dir.path());
    let secret = dir.path().join("outside.md");
    fs::write(&secret, "# Private notes\n\nNot for the assistant.\n").unwrap();
    std::os::unix::fs::symlink(&secret, kb.join("policies/notes.md")).unwrap();
    let mut ws = seeded(dir.path());
    let err = import_or_explain(&mut ws, std::slice::from_ref(&kb), "notes.md").unwrap_err();
    assert_eq!(err.code(), "link_outside_folder", "{err}");
    let msg = err.to_string();
    assert!(msg.contains("policies/notes.md") && msg.contains("outside.md"), "{msg}");
    assert!(msg.contains("on its own") && msg.contains("remove the link"), "{msg}");

    // The same goes for a linked folder outside.
    fs::remove_file(kb.join("policies/notes.md")).unwrap();
    let outside = dir.path().join("outside-folder");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("a.md"), "# A\n\nText.\n").unwrap();
    std::os::unix::fs::symlink(&outside, kb.join("more")).unwrap();
    let err = import_or_explain(&mut ws, std::slice::from_ref(&kb), "kb/more").unwrap_err();
    assert_eq!(err.code(), "link_outside_folder", "{err}");

    // Given directly, the outside file is the merchant's explicit choice.
    fs::remove_file(kb.join("more")).unwrap();
    import_or_explain(&mut ws, std::slice::from_ref(&secret), "outside.md").unwrap();
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_file_inside_the_folder_imports() {
    let dir = tempfile::tempdir().unwrap();
    let kb = knowledge_base(dir.path());
    std::os::unix::fs::symlink("policies/returns.md", kb.join("returns-link.md")).unwrap();
    let mut ws = seeded(dir.path());
    import_or_explain(&mut ws, std::slice::from_ref(&kb), "kb").unwrap();
    assert_eq!(doc_ids(&ws), ["kb/policies/returns.md", "kb/returns-link.md", "kb/shipping.md"]);
}

// Found by tests/fuzz.rs; each is kept here as the plain case it shrank to.

#[test]
fn multi_line_fields_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let header = "Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku";
    let first = "#1001,a@example.com,paid,USD,10.00,2025-03-14 10:22:31 +0000,1,Mug,10.00,SEED-1";
    let second = "#1002,b@example.com,paid,USD,20.00,2025-03-15 10:22:31 +0000,2,\"Mug\nengraved: Ada\",10.00,SEED-1";
    for (name, newline) in [("orders_lf.csv", "\n"), ("orders_crlf.csv", "\r\n")] {
        let file = dir.path().join(name);
        fs::write(&file, format!("{header}\n{first}\n{second}\n").replace('\n', newline)).unwrap();
        let reports = import_or_explain(&mut ws, std::slice::from_ref(&file), name).unwrap();
        assert_eq!((reports[0].rows_read, reports[0].rejected), (2, 0), "{reports:?}");
        let line = format!("Mug{newline}engraved: Ada");
        assert_eq!(count(&ws, &format!("SELECT count(*) FROM order_lines WHERE name = '{line}'")), 1);
    }
    let products = dir.path().join("products.csv");
    fs::write(&products, "Title,URL handle,Price\nx1001,\"a\nb\",1\nx1002,x,2\n").unwrap();
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&products), "products.csv").unwrap();
    assert_eq!((reports[0].rows_read, reports[0].inserted), (2, 2), "{reports:?}");
}

#[test]
fn order_names_starting_with_a_hash_are_never_taken_for_comments() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = dir.path().join("orders_export.csv");
    let header = "Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku";
    let rows = [
        "#1001,a@example.com,paid,USD,10.00,2025-03-14 10:22:31 +0000,1,Mug,10.00,SEED-1",
        "#1002,b@example.com,paid,USD,20.00,2025-03-15 10:22:31 +0000,2,Mug,10.00,SEED-1,surplus",
        "#1003,c@example.com,paid,USD,10.00,2025-03-16 10:22:31 +0000,1,Mug,10.00",
    ];
    fs::write(&file, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&file), "orders_export.csv").unwrap();
    assert_eq!(reports[0].rows_read, 3, "{reports:?}");
    assert_eq!(reports[0].rejected, 1, "the row with a surplus field: {reports:?}");
    let mut stmt = ws.conn().prepare("SELECT order_id FROM orders ORDER BY 1").unwrap();
    let orders: Vec<String> = stmt.query_map([], |r| r.get(0)).unwrap().map(Result::unwrap).collect();
    assert_eq!(orders.len(), 2, "{orders:?}");
}

#[test]
fn a_woocommerce_product_with_a_blank_name_is_set_aside() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = dir.path().join("wc-product-export.csv");
    let text = "ID,Type,SKU,Name,Regular price,Sale price,In stock?,Stock,Parent\n\
                1,simple,AA-1,Mug,5.00,,1,3,\n\
                2,A,AA-0, ,0.00,0.00,true,0\n\
                3,,AA-2,,1.00,,1,NaN,\n";
    fs::write(&file, text).unwrap();
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&file), "wc-product-export.csv").unwrap();
    assert_eq!((reports[0].rows_read, reports[0].inserted, reports[0].rejected), (3, 1, 2), "{reports:?}");
}

#[test]
fn a_customer_id_that_is_not_a_finite_number_is_kept_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = dir.path().join("online_retail.csv");
    let text = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n\
                536365,85123A,MUG,6,2010-12-01 08:26:00,2.55,NaN,United Kingdom\n\
                536366,85123A,MUG,6,2010-12-01 08:28:00,2.55,1e309,United Kingdom\n\
                536367,85123A,MUG,6,2010-12-01 08:30:00,2.55,99999999999999999999,France\n";
    fs::write(&file, text).unwrap();
    let reports = import_or_explain(&mut ws, std::slice::from_ref(&file), "online_retail.csv").unwrap();
    assert_eq!((reports[0].rows_read, reports[0].rejected), (3, 0), "{reports:?}");
    assert_eq!(count(&ws, "SELECT count(*) FROM customers WHERE customer_id IN ('x:NaN', 'x:1e309')"), 2);
}

#[test]
fn a_windows_1252_file_of_unknown_columns_asks_for_a_mapping_and_imports_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = dir.path().join("till.csv");
    let mut bytes = b"Order ID,Item Code,Product Name,Qty,Order Date,Price Each\n".to_vec();
    bytes.extend_from_slice(b"T-1,SEED-1,Caf\xe9 mug,1,2025-03-14 10:00:00,4.50\n");
    fs::write(&file, bytes).unwrap();
    let err = import_or_explain(&mut ws, std::slice::from_ref(&file), "till.csv").unwrap_err();
    let ImportError::NeedsMapping { suggestion, .. } = err else { panic!("asks for a mapping: {err}") };
    let options = ImportOptions { mapping: Some(suggestion), ..ImportOptions::default() };
    let reports = import_paths(&mut ws, std::slice::from_ref(&file), &options, &mut |_, _, _, _| {}).unwrap();
    assert_eq!((reports[0].format.as_str(), reports[0].rows_read), ("mapped_transactions", 1));
}

#[test]
fn a_header_of_long_names_is_summed_up_not_recited() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let file = dir.path().join("wrong.csv");
    let names: Vec<String> = (0..200).map(|i| format!("Column {i} {}", "very long name ".repeat(40))).collect();
    fs::write(&file, format!("{}\n{}\n", names.join(","), vec!["1"; 200].join(","))).unwrap();
    let err = import_or_explain(&mut ws, std::slice::from_ref(&file), "wrong.csv").unwrap_err();
    assert_eq!(err.code(), "needs_mapping");
    let msg = err.to_string();
    assert!(msg.len() < 1_500 && msg.contains("and 188 more"), "{} characters: {msg}", msg.len());
    let ImportError::NeedsMapping { columns, .. } = err else { unreachable!() };
    assert_eq!(columns.len(), 200, "the details keep every column");
}

#[test]
fn a_compressed_export_cut_short_is_called_damaged() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut ws = seeded(dir.path());
    let mut text = format!("{PRODUCTS_HEADER}\n");
    for i in 0..2_000 {
        text.push_str(&product_row(&format!("Mug {i}"), &format!("mug-{i}"), "Enamel"));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let file = dir.path().join("products_export.csv.gz");
    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let err = import_or_explain(&mut ws, std::slice::from_ref(&file), "products_export.csv.gz").unwrap_err();
    assert_eq!(err.code(), "unreadable_file", "{err}");
    assert!(err.to_string().contains("damaged or cut short"), "{err}");
}

/// Page-builder descriptions hold `<style>` and `<script>` blocks and
/// comments; none of their contents is product text, so none of it reaches
/// the stored description (which search and the assistant read).
#[test]
fn scripts_styles_and_comments_in_descriptions_are_not_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let products = dir.path().join("builder_products.csv");
    let html = "<style>.hero{color:crimson;font-family:Helvetica}</style>\
                <SCRIPT type=\"text/javascript\">window.dataLayer.push({sku:1})</SCRIPT>\
                <!-- hero block: keep in sync with the theme -->\
                <p>Warm &amp; dry on wet hills.</p><style>.unclosed{margin:0";
    fs::write(&products, format!("{PRODUCTS_HEADER}\n{}", product_row("Fell Jacket", "fell-jacket", html))).unwrap();
    import_or_explain(&mut ws, &[products], "builder").unwrap();
    let description: String = ws
        .conn()
        .query_row("SELECT description FROM products WHERE product_id = 'fell-jacket'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(description, "Warm & dry on wet hills.");
}
