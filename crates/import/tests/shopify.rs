//! Shopify exports into a real workspace file: the template Shopify publishes,
//! the generated sample store, and broken files.

use std::fs;
use std::path::{Path, PathBuf};

use insights_import::{detect, import_paths, Format, ImportError, ImportOptions};
use insights_store::Workspace;

fn shared(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data").join(rel)
}

fn sample(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-data").join(rel)
}

fn workspace(dir: &Path) -> Workspace {
    Workspace::create(&dir.join("w.duckdb"), "Test").unwrap()
}

fn count(ws: &Workspace, sql: &str) -> i64 {
    ws.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn import(
    ws: &mut Workspace,
    paths: &[PathBuf],
    strict: bool,
) -> Result<Vec<insights_import::FileReport>, ImportError> {
    import_paths(ws, paths, &ImportOptions { strict, ..ImportOptions::default() }, &mut |_, _, _, _| {})
}

#[test]
fn shopifys_own_legacy_template_imports_with_variants_forward_filled() {
    let file = shared("formats/shopify_products_template_legacy.csv");
    assert_eq!(detect(&file).unwrap().format, Format::ShopifyProductsLegacy);
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let reports = import(&mut ws, std::slice::from_ref(&file), false).unwrap();
    assert_eq!(reports[0].rows_read, 17);
    // Independent count of handles and of rows carrying a SKU, from the file itself.
    let text = fs::read_to_string(&file).unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (h, s) = (col("Handle"), col("Variant SKU"));
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    let mut handles: Vec<&str> = rows.iter().map(|r| &r[h]).collect();
    handles.sort();
    handles.dedup();
    let skus = rows.iter().filter(|r| !r[s].is_empty()).count() as i64;
    assert_eq!(count(&ws, "SELECT count(*) FROM products"), handles.len() as i64);
    assert_eq!(count(&ws, "SELECT count(*) FROM variants WHERE sku IS NOT NULL"), skus);
    let (title, description, size_option): (String, String, String) = ws
        .conn()
        .query_row(
            "SELECT p.title, p.description, v.option2_name FROM products p JOIN variants v USING (product_id)
             WHERE p.product_id = 'example-shirt' AND v.position = 2",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(title, "Example T-Shirt");
    assert!(description.starts_with("This t-shirt is as simple as it gets."), "HTML removed: {description}");
    assert!(!description.contains('<'));
    assert_eq!(size_option, "Size", "option names carry over to follow-up variant rows");
}

#[test]
fn the_sample_store_imports_once_and_reimports_without_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let size = |ws: &Workspace| {
        ws.conn().execute_batch("CHECKPOINT").unwrap();
        fs::metadata(ws.path()).unwrap().len()
    };
    let empty = size(&ws);
    let first = import(&mut ws, &[sample("shopify")], false).unwrap();
    // The free space asked for beforehand is within 2× of what was written.
    let written = (size(&ws) - empty) as f64;
    let estimate = insights_import::space_needed(&insights_import::expand(&[sample("shopify")]).unwrap().files) as f64;
    assert!((0.5..=2.0).contains(&(estimate / written)), "asked for {estimate} bytes, wrote {written}");
    let formats: Vec<&str> = first.iter().map(|r| r.format.as_str()).collect();
    assert_eq!(
        formats,
        ["shopify_products", "shopify_customers", "shopify_orders", "returns"],
        "applied in dependency order"
    );
    assert!(first.iter().all(|r| r.rejected == 0), "{first:?}");
    let orders = count(&ws, "SELECT count(*) FROM orders");
    let lines = count(&ws, "SELECT count(*) FROM order_lines");
    let customers = count(&ws, "SELECT count(*) FROM customers");
    assert!(
        orders > 50_000 && lines > orders && customers > 5_000,
        "{orders} orders, {lines} lines, {customers} customers"
    );
    assert_eq!(first[2].inserted, orders);
    assert_eq!(
        count(&ws, "SELECT count(*) FROM order_lines WHERE product_id IS NULL"),
        0,
        "every line finds its product"
    );
    // Customers file and orders file name the same people with the same keys.
    let matched = count(&ws, "SELECT count(DISTINCT o.customer_id) FROM orders o JOIN customers c USING (customer_id)");
    assert!(matched > customers / 2, "{matched} of {customers} customers found in orders");
    // No personal data in plain text by default.
    assert_eq!(
        count(&ws, "SELECT count(*) FROM customers WHERE email IS NOT NULL OR name IS NOT NULL OR phone IS NOT NULL"),
        0
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM customers WHERE email_key IS NULL"), 0);

    // The same export again is recognised by its contents and skipped.
    let again = import(&mut ws, &[sample("shopify")], false).unwrap();
    assert!(
        again
            .iter()
            .zip(&first)
            .all(|(a, f)| a.unchanged_since.is_some() && a.rows_read == 0 && a.import_id == f.import_id),
        "skipped as unchanged: {again:?}"
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM import_log"), 4, "a skipped file is no new import");

    // Read again on purpose: every row equals the stored one, so none is
    // rewritten and the workspace file does not grow.
    let before = size(&ws);
    let options = ImportOptions { force: true, ..ImportOptions::default() };
    let forced = import_paths(&mut ws, &[sample("shopify")], &options, &mut |_, _, _, _| {}).unwrap();
    assert_eq!(count(&ws, "SELECT count(*) FROM orders"), orders);
    assert_eq!(count(&ws, "SELECT count(*) FROM order_lines"), lines);
    assert_eq!(count(&ws, "SELECT count(*) FROM customers"), customers);
    assert!(
        forced.iter().zip(&first).all(|(a, f)| a.rows_read == f.rows_read && a.inserted == 0 && a.updated == 0),
        "read again, nothing new or changed: {forced:?}"
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM import_log"), 8);
    let after = size(&ws);
    // Four new history rows may take a few of DuckDB's 256 KB blocks;
    // rewriting the rows would take about as much again as the data.
    assert!(after <= before + 4 * 256 * 1024, "the file grew from {before} to {after} bytes");
}

fn orders_csv(dir: &Path, rows: &[&str]) -> PathBuf {
    let header = fs::read_to_string(shared("formats/shopify_orders_header.csv")).unwrap();
    let header = header.trim_end();
    let n = header.split(',').count();
    let mut text = format!("{header}\n");
    for r in rows {
        let cells: Vec<&str> = r.split(',').collect();
        let mut padded: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        padded.resize(n, String::new());
        text.push_str(&padded.join(","));
        text.push('\n');
    }
    let path = dir.join("orders_export.csv");
    fs::write(&path, text).unwrap();
    path
}

/// A row with Name, Email, Financial Status, ..., Created at (col 16), quantity, name, price.
fn order_row(name: &str, created: &str, total: &str, qty: &str) -> String {
    let mut cells = vec![String::new(); 19];
    cells[0] = name.into();
    cells[1] = "ada@example.com".into();
    cells[2] = "paid".into();
    cells[7] = "USD".into();
    cells[11] = total.into();
    cells[15] = created.into();
    cells[16] = qty.into();
    cells[17] = "Trail Socks".into();
    cells[18] = "12.00".into();
    cells.join(",")
}

#[test]
fn bad_rows_are_set_aside_with_line_and_column_or_fail_in_strict_mode() {
    let dir = tempfile::tempdir().unwrap();
    let good = order_row("#1001", "2026-01-02 10:00:00 +0000", "24.00", "2");
    let bad_date = order_row("#1002", "yesterday", "12.00", "1");
    let bad_qty = order_row("#1003", "2026-01-03 10:00:00 +0000", "12.00", "two");
    let file = orders_csv(dir.path(), &[&good, &bad_date, &bad_qty]);

    let mut ws = workspace(dir.path());
    let err = import(&mut ws, std::slice::from_ref(&file), true).unwrap_err();
    match &err {
        ImportError::RowRejected { line, column, .. } => assert_eq!((*line, column.as_str()), (3, "Created at")),
        other => panic!("expected a rejected row, got {other}"),
    }
    assert!(err.to_string().contains("orders_export.csv, line 3, column \"Created at\""), "{err}");
    assert_eq!(count(&ws, "SELECT count(*) FROM orders"), 0, "strict mode imports nothing");
    assert_eq!(count(&ws, "SELECT count(*) FROM import_log"), 0);

    let reports = import(&mut ws, &[file], false).unwrap();
    assert_eq!(reports[0].rejected, 2);
    assert_eq!(count(&ws, "SELECT count(*) FROM orders"), 1);
    let rejects: Vec<(i64, String)> = ws
        .conn()
        .prepare("SELECT line, column_name FROM import_rejects ORDER BY line")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rejects, [(3, "Created at".to_string()), (4, "Lineitem quantity".to_string())]);
}

#[test]
fn a_failed_file_leaves_the_workspace_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let good = orders_csv(dir.path(), &[&order_row("#1001", "2026-01-02 10:00:00 +0000", "24.00", "2")]);
    import(&mut ws, &[good], false).unwrap();
    let sub = dir.path().join("batch");
    fs::create_dir(&sub).unwrap();
    let more = orders_csv(&sub, &[&order_row("#1002", "2026-01-05 10:00:00 +0000", "24.00", "2")]);
    let broken = sub.join("customers.csv");
    fs::write(&broken, "Customer ID,Accepts Email Marketing,Total Spent\n1,yes,3\n").unwrap();
    let err = import(&mut ws, &[more, broken], false).unwrap_err();
    assert!(matches!(err, ImportError::MissingColumns { .. }), "{err}");
    assert!(err.to_string().contains("Email"), "{err}");
    assert_eq!(count(&ws, "SELECT count(*) FROM orders"), 1, "the batch is all or nothing");
}

#[test]
fn unreadable_files_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    fs::write(&empty, "").unwrap();
    assert!(matches!(detect(&empty), Err(ImportError::EmptyFile { .. })));

    let binary = dir.path().join("photo.csv");
    fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 1, 2, b'\n']).unwrap();
    assert!(matches!(detect(&binary), Err(ImportError::BinaryFile { .. })));

    let unknown = dir.path().join("notes.csv");
    fs::write(&unknown, "when,what\n2026-01-01,call supplier\n").unwrap();
    let err = detect(&unknown).unwrap_err();
    assert_eq!(err.code(), "unknown_format");
    assert!(err.to_string().contains("\"when\", \"what\""), "{err}");

    let with_bom = dir.path().join("bom.csv");
    let header = fs::read_to_string(shared("formats/shopify_customers_header_current.csv")).unwrap();
    fs::write(&with_bom, format!("\u{feff}{header}")).unwrap();
    assert_eq!(detect(&with_bom).unwrap().format, Format::ShopifyCustomersCurrent);
}

#[test]
fn every_real_shopify_header_is_recognised() {
    for (file, format) in [
        ("formats/shopify_products_header_current.csv", Format::ShopifyProductsCurrent),
        ("formats/shopify_products_template_legacy.csv", Format::ShopifyProductsLegacy),
        ("formats/shopify_orders_header.csv", Format::ShopifyOrders),
        ("formats/shopify_customers_header_current.csv", Format::ShopifyCustomersCurrent),
        ("formats/shopify_customers_header_legacy.csv", Format::ShopifyCustomersLegacy),
    ] {
        assert_eq!(detect(&shared(file)).unwrap().format, format, "{file}");
    }
}

/// The real UCI Online Retail transactions, end to end, checked against
/// counts taken from the file itself.
#[test]
fn uci_online_retail_imports_end_to_end() {
    let file = shared("online-retail/online_retail_2010-12_2011-12.csv.gz");
    assert_eq!(detect(&file).unwrap().format, Format::Transactions);

    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(fs::File::open(&file).unwrap()), &mut text)
        .unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let (mut rows, mut cancellation_lines) = (0i64, 0i64);
    let mut invoices = std::collections::HashSet::new();
    let mut customers = std::collections::HashSet::new();
    for r in rdr.records() {
        let r = r.unwrap();
        rows += 1;
        if r[0].starts_with('C') {
            cancellation_lines += 1;
        }
        invoices.insert(r[0].to_string());
        if !r[6].is_empty() {
            customers.insert(r[6].parse::<f64>().unwrap() as i64);
        }
    }
    // The file is the one its README describes.
    assert_eq!((rows, invoices.len(), cancellation_lines, customers.len()), (541_909, 25_900, 9_288, 4_372));

    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let options = ImportOptions { currency: Some("GBP".into()), ..ImportOptions::default() };
    let report = import_paths(&mut ws, &[file], &options, &mut |_, _, _, _| {}).unwrap();
    assert_eq!(report[0].rows_read, rows);
    assert_eq!(report[0].rejected, 0);
    assert_eq!(
        count(&ws, "SELECT count(*) FROM order_lines") + count(&ws, "SELECT count(*) FROM returns"),
        rows,
        "every line is an order line or a return"
    );
    assert_eq!(
        count(&ws, "SELECT count(*) FROM (SELECT order_id FROM orders UNION SELECT order_id FROM returns)"),
        invoices.len() as i64
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM returns WHERE reason = 'CANCELLED'"), cancellation_lines);
    assert_eq!(count(&ws, "SELECT count(*) FROM customers"), customers.len() as i64);
    assert_eq!(count(&ws, "SELECT count(*) FROM customers WHERE customer_id = 'x:17850'"), 1, "17850.0 became 17850");
    assert!(count(&ws, "SELECT count(*) FROM orders WHERE customer_id IS NULL") > 0, "anonymous orders are kept");
    assert_eq!(count(&ws, "SELECT count(*) FROM orders WHERE currency <> 'GBP'"), 0);
}

#[test]
fn sample_support_conversations_and_experiment_events_import_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let files = [sample("support/conversations.csv.zst"), sample("experiments/events.csv.zst")];
    assert_eq!(detect(&files[0]).unwrap().format, Format::SupportConversations);
    assert_eq!(detect(&files[1]).unwrap().format, Format::ExperimentEvents);
    let first = import(&mut ws, &files, false).unwrap();
    assert!(first.iter().all(|r| r.rejected == 0), "{first:?}");
    let conversations = count(&ws, "SELECT count(*) FROM support_conversations");
    let messages = count(&ws, "SELECT count(*) FROM support_messages");
    let events = count(&ws, "SELECT count(*) FROM events");
    let exposures = count(&ws, "SELECT count(*) FROM experiment_exposures");
    let read = |format: &str| first.iter().find(|r| r.format == format).unwrap().rows_read;
    assert_eq!(messages, read("support_conversations"));
    assert_eq!(events, read("experiment_events"));
    assert!(
        conversations > 1_000 && messages > 2 * conversations,
        "{conversations} conversations, {messages} messages"
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM support_conversations WHERE intent IS NULL"), 0);
    assert_eq!(count(&ws, "SELECT count(*) FROM experiments WHERE control_variant = 'control'"), 3);
    assert_eq!(exposures, count(&ws, "SELECT count(DISTINCT (experiment, visitor_id)) FROM events"));
    // Segments and the pre-period covariate come from each visitor's exposure row.
    let with_segments = "SELECT count(*) FROM experiment_exposures WHERE device IS NOT NULL AND country IS NOT NULL \
         AND customer_type IN ('new', 'returning', 'vip') AND pre_period_value >= 0";
    assert_eq!(count(&ws, with_segments), exposures);
    assert!(
        count(&ws, "SELECT count(*) FROM experiment_exposures WHERE customer_type = 'new' AND pre_period_value > 0")
            == 0
    );

    import(&mut ws, &files, false).unwrap();
    assert_eq!(count(&ws, "SELECT count(*) FROM support_messages"), messages);
    assert_eq!(count(&ws, "SELECT count(*) FROM events"), events);
    assert_eq!(count(&ws, "SELECT count(*) FROM experiment_exposures"), exposures);
}

#[test]
fn the_knowledge_base_folder_becomes_documents_and_cited_passages() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let folder = sample("knowledge-base");
    let n_files = fs::read_dir(&folder).unwrap().count() as i64;
    let reports = import(&mut ws, std::slice::from_ref(&folder), false).unwrap();
    assert_eq!(reports.len() as i64, n_files);
    assert!(reports.iter().all(|r| r.format == "knowledge_base"));
    assert_eq!(count(&ws, "SELECT count(*) FROM kb_documents"), n_files);
    let (title, heading): (String, String) = ws
        .conn()
        .query_row(
            "SELECT d.title, c.heading_path FROM kb_documents d JOIN kb_chunks c USING (doc_id)
             WHERE d.doc_id = 'knowledge-base/returns-and-exchanges.md' AND c.text LIKE '%original payment method%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(title, "Returns and Exchanges");
    assert_eq!(heading, "Returns and Exchanges › Refunds");
    let chunks = count(&ws, "SELECT count(*) FROM kb_chunks");
    // Unchanged documents are skipped on re-import; nothing is duplicated.
    let again = import(&mut ws, &[folder], false).unwrap();
    assert!(again.iter().all(|r| r.inserted == 0 && r.updated == 0));
    assert_eq!(count(&ws, "SELECT count(*) FROM kb_chunks"), chunks);
}

#[test]
fn latin1_windows1252_and_bom_files_import_with_their_characters() {
    let header = fs::read_to_string(shared("formats/shopify_customers_header_current.csv")).unwrap();
    let header = header.trim_end();
    let n = header.split(',').count();
    let row = |id: &str, email: &str, tags: &str| {
        let mut cells = vec![String::new(); n];
        cells[0] = id.into();
        cells[3] = email.into();
        cells[4] = "yes".into();
        cells[10] = "FR".into();
        cells[n - 1] = format!("\"{tags}\"");
        cells.join(",")
    };
    let dir = tempfile::tempdir().unwrap();
    // Windows-1252: é is 0xE9, the curly quotes 0x93/0x94, € is 0x80.
    let mut cp1252 = format!("{header}\n").into_bytes();
    cp1252.extend(row("1", "zoe@example.com", "cafX, Y, euroZ").bytes().flat_map(|b| match b {
        b'X' => vec![0xE9],
        b'Y' => vec![0x93, b'q', 0x94],
        b'Z' => vec![0x80],
        _ => vec![b],
    }));
    let w1252 = dir.path().join("customers_cp1252.csv");
    fs::write(&w1252, &cp1252).unwrap();
    let bom = dir.path().join("customers_bom.csv");
    fs::write(&bom, format!("\u{feff}{header}\n{}\n", row("2", "ana@example.com", "niño"))).unwrap();

    let mut ws = workspace(dir.path());
    let reports = import(&mut ws, &[w1252, bom], false).unwrap();
    assert!(reports.iter().all(|r| r.rows_read == 1 && r.rejected == 0), "{reports:?}");
    let tags: Vec<String> = ws
        .conn()
        .prepare("SELECT array_to_string(tags, '|') FROM customers ORDER BY external_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(tags, ["café|“q”|euro€", "niño"]);
}

#[test]
fn ragged_rows_are_set_aside_or_fail_in_strict_mode() {
    let dir = tempfile::tempdir().unwrap();
    let good = order_row("#1001", "2026-01-02 10:00:00 +0000", "24.00", "2");
    let header = fs::read_to_string(shared("formats/shopify_orders_header.csv")).unwrap();
    let width = header.trim_end().split(',').count();
    // An unquoted comma in a product name shifts the row by one field.
    let mut too_long: Vec<String> =
        order_row("#1002", "2026-01-03 10:00:00 +0000", "12.00", "1").split(',').map(String::from).collect();
    too_long.resize(width, String::new());
    too_long.push("Blue".into());
    let file = orders_csv(dir.path(), &[&good]);
    let text = fs::read_to_string(&file).unwrap() + &too_long.join(",") + "\n";
    fs::write(&file, text).unwrap();

    let mut ws = workspace(dir.path());
    let err = import(&mut ws, std::slice::from_ref(&file), true).unwrap_err();
    assert!(err.to_string().contains("line 3") && err.to_string().contains("more fields than the header"), "{err}");
    let reports = import(&mut ws, &[file], false).unwrap();
    assert_eq!((reports[0].rows_read, reports[0].rejected), (2, 1));
    assert_eq!(count(&ws, "SELECT count(*) FROM orders"), 1);
}

#[test]
fn woocommerce_products_with_variations_import() {
    let dir = tempfile::tempdir().unwrap();
    let header = r#"ID,Type,SKU,Name,Published,"Is featured?","Visibility in catalog","Short description",Description,"Date sale price starts","Date sale price ends","Tax status","Tax class","In stock?",Stock,"Low stock amount","Backorders allowed?","Sold individually?","Weight (lbs)","Length (in)","Width (in)","Height (in)","Allow customer reviews?","Purchase note","Sale price","Regular price",Categories,Tags,"Shipping class",Images,"Download limit","Download expiry days",Parent,"Grouped products",Upsells,Cross-sells,"External URL","Button text",Position,"Attribute 1 name","Attribute 1 value(s)","Attribute 1 visible","Attribute 1 global""#;
    let row = |cells: &[(usize, &str)]| {
        let mut v = vec![String::new(); 43];
        for (i, c) in cells {
            v[*i] = c.to_string();
        }
        v.join(",")
    };
    let rows = [
        row(&[
            (0, "11"),
            (1, "simple"),
            (2, "MUG-1"),
            (3, "Enamel Camp Mug"),
            (4, "1"),
            (8, r#""<p>Tough enamel.</p>\n<ul><li>350 ml</li></ul>""#),
            (13, "1"),
            (14, "12"),
            (18, "0.5"),
            (25, "14.00"),
            (26, r#""Camping > Kitchen, Gifts""#),
            (27, "mug"),
        ]),
        row(&[
            (0, "20"),
            (1, "variable"),
            (2, "FLEECE"),
            (3, "Summit Fleece"),
            (4, "1"),
            (8, "Warm midlayer."),
            (25, ""),
            (26, "Clothing > Midlayers"),
            (39, "Size"),
            (40, r#""S, M""#),
        ]),
        row(&[
            (0, "21"),
            (1, "variation"),
            (2, "FLEECE-S"),
            (3, "Summit Fleece - S"),
            (4, "1"),
            (13, "1"),
            (14, "4"),
            (24, "49.00"),
            (25, "59.00"),
            (32, "id:20"),
            (39, "Size"),
            (40, "S"),
        ]),
        row(&[
            (0, "22"),
            (1, "variation"),
            (2, "FLEECE-M"),
            (3, "Summit Fleece - M"),
            (4, "1"),
            (13, "0"),
            (25, "59.00"),
            (32, "FLEECE"),
            (39, "Size"),
            (40, "M"),
        ]),
    ];
    let file = dir.path().join("wc-product-export.csv");
    fs::write(&file, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
    assert_eq!(detect(&file).unwrap().format, Format::WooCommerceProducts);

    let mut ws = workspace(dir.path());
    let reports = import(&mut ws, std::slice::from_ref(&file), false).unwrap();
    assert_eq!((reports[0].rows_read, reports[0].inserted, reports[0].rejected), (4, 2, 0));
    assert_eq!(count(&ws, "SELECT count(*) FROM variants"), 3, "the mug, and the fleece's two sizes");
    let (desc, category, grams): (String, String, f64) = ws
        .conn()
        .query_row(
            "SELECT p.description, p.category_path, v.weight_grams FROM products p JOIN variants v USING (product_id) WHERE v.sku = 'MUG-1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(desc, "Tough enamel. 350 ml");
    assert_eq!(category, "Camping > Kitchen");
    assert!((grams - 226.796).abs() < 0.01, "{grams}");
    let (price, compare, stock, size): (f64, f64, i64, String) = ws
        .conn()
        .query_row(
            "SELECT price::DOUBLE, compare_at_price::DOUBLE, inventory_qty, option1_value FROM variants WHERE sku = 'FLEECE-S' AND product_id = 'woo:20'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!((price, compare, stock, size.as_str()), (49.0, 59.0, 4, "S"));
    assert_eq!(
        count(&ws, "SELECT inventory_qty FROM variants WHERE sku = 'FLEECE-M'"),
        0,
        "'In stock?' 0 means none in stock"
    );
    // Re-import: nothing duplicated.
    import(&mut ws, &[file], false).unwrap();
    assert_eq!(count(&ws, "SELECT count(*) FROM products"), 2);
    assert_eq!(count(&ws, "SELECT count(*) FROM variants"), 3);
}

fn till_export(dir: &Path) -> PathBuf {
    let file = dir.join("till.csv");
    fs::write(
        &file,
        "Order ID;Item Code;Product Name;Qty;Order Date;Price Each;Client;Notes\n\
         T-1;MUG-1;Camp Mug;2;2026-02-01 09:00:00;7.50;C9;\n\
         T-1;SOCK-2;Trail Socks;1;2026-02-01 09:00:00;12.00;C9;gift\n\
         T-2;MUG-1;Camp Mug;1;2026-02-03 15:30:00;7.50;;\n",
    )
    .unwrap();
    file
}

#[test]
fn any_other_file_imports_through_a_confirmed_mapping_saved_for_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let file = till_export(dir.path());
    let mut ws = workspace(dir.path());

    // Unknown columns: the error names them and suggests a mapping.
    let err = import(&mut ws, std::slice::from_ref(&file), false).unwrap_err();
    let ImportError::NeedsMapping { columns, suggestion, .. } = &err else {
        panic!("expected a mapping request, got {err}")
    };
    assert_eq!(columns.len(), 8);
    assert_eq!(suggestion.0.get("invoice").map(String::as_str), Some("Order ID"));
    assert_eq!(count(&ws, "SELECT count(*) FROM import_log"), 0);

    // A mapping naming a column the file lacks is refused clearly.
    let mut wrong = suggestion.clone();
    wrong.0.insert("quantity".into(), "Units".into());
    let options = ImportOptions { mapping: Some(wrong), ..ImportOptions::default() };
    let err = import_paths(&mut ws, std::slice::from_ref(&file), &options, &mut |_, _, _, _| {}).unwrap_err();
    assert!(err.to_string().contains("no column \"Units\""), "{err}");

    // The person confirms the suggestion.
    let options = ImportOptions { mapping: Some(suggestion.clone()), ..ImportOptions::default() };
    let reports = import_paths(&mut ws, std::slice::from_ref(&file), &options, &mut |_, _, _, _| {}).unwrap();
    assert_eq!((reports[0].format.as_str(), reports[0].rows_read, reports[0].inserted), ("mapped_transactions", 3, 2));
    assert_eq!(count(&ws, "SELECT count(*) FROM order_lines"), 3);
    assert_eq!(count(&ws, "SELECT count(*) FROM orders WHERE customer_id IS NULL"), 1, "T-2 has no client");
    let total: f64 =
        ws.conn().query_row("SELECT total::DOUBLE FROM orders WHERE order_id = 'T-1'", [], |r| r.get(0)).unwrap();
    assert_eq!(total, 27.0);

    // Next month's export with the same columns reuses the saved mapping:
    // one order changed (T-2 now two mugs), one is new, one is as it was.
    let next = dir.path().join("till-march.csv");
    fs::write(
        &next,
        fs::read_to_string(&file).unwrap().replace("T-2;MUG-1;Camp Mug;1;", "T-2;MUG-1;Camp Mug;2;")
            + "T-3;SOCK-2;Trail Socks;3;2026-03-02 10:00:00;12.00;C9;\n",
    )
    .unwrap();
    let again = import(&mut ws, &[next], false).unwrap();
    assert_eq!((again[0].format.as_str(), again[0].inserted, again[0].updated), ("mapped_transactions", 1, 1));
    assert_eq!(count(&ws, "SELECT count(*) FROM order_lines"), 4);
    assert_eq!(count(&ws, "SELECT sum(quantity)::BIGINT FROM order_lines WHERE order_id = 'T-2'"), 2);
    // The first month's file again: its contents were imported, so it is skipped.
    let same = import(&mut ws, &[file], false).unwrap();
    assert!(same[0].unchanged_since.is_some(), "{same:?}");
    assert_eq!(count(&ws, "SELECT sum(quantity)::BIGINT FROM order_lines WHERE order_id = 'T-2'"), 2);
}

#[test]
fn parquet_and_json_files_import_through_a_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let csv = till_export(dir.path());
    let parquet = dir.path().join("till.parquet");
    let ndjson = dir.path().join("till.ndjson");
    {
        let conn = insights_store::duckdb::Connection::open_in_memory().unwrap();
        let src = format!("read_csv('{}', delim = ';', header = true)", csv.display());
        conn.execute_batch(&format!(
            "COPY (SELECT * FROM {src}) TO '{}' (FORMAT parquet);
             COPY (SELECT * REPLACE ('J-' || \"Order ID\" AS \"Order ID\") FROM {src}) TO '{}' (FORMAT json);",
            parquet.display(),
            ndjson.display()
        ))
        .unwrap();
    }
    let mut ws = workspace(dir.path());
    let err = import(&mut ws, std::slice::from_ref(&parquet), false).unwrap_err();
    let ImportError::NeedsMapping { suggestion, .. } = err else { panic!("a Parquet file needs a mapping") };
    let options = ImportOptions { mapping: Some(suggestion), ..ImportOptions::default() };
    let reports = import_paths(&mut ws, &[parquet, ndjson], &options, &mut |_, _, _, _| {}).unwrap();
    assert_eq!(reports.iter().map(|r| r.rows_read).collect::<Vec<_>>(), [3, 3]);
    assert_eq!(count(&ws, "SELECT count(*) FROM orders"), 4, "T-1, T-2 from Parquet and J-T-1, J-T-2 from JSON");
}

#[test]
fn support_conversations_in_json_are_recognised_from_their_fields() {
    let dir = tempfile::tempdir().unwrap();
    let csv = sample("support/conversations.csv.zst");
    let array = dir.path().join("conversations.json");
    let lines = dir.path().join("conversations.ndjson");
    {
        let conn = insights_store::duckdb::Connection::open_in_memory().unwrap();
        let src = format!("read_csv('{}', header = true, all_varchar = true)", csv.display());
        conn.execute_batch(&format!(
            "COPY (SELECT * FROM {src}) TO '{}' (FORMAT json, ARRAY true);
             COPY (SELECT * REPLACE ('n-' || conversation_id AS conversation_id) FROM {src}) TO '{}' (FORMAT json);",
            array.display(),
            lines.display()
        ))
        .unwrap();
    }
    assert_eq!(detect(&array).unwrap().format, Format::SupportConversations);
    let mut ws = workspace(dir.path());
    let from_csv = import(&mut ws, &[csv], false).unwrap()[0].rows_read;
    let reports = import(&mut ws, &[array, lines], false).unwrap();
    assert!(reports.iter().all(|r| r.rows_read == from_csv && r.rejected == 0), "{reports:?}");
    let conversations = count(&ws, "SELECT count(*) FROM support_conversations");
    assert_eq!(conversations % 2, 0);
    assert_eq!(
        count(&ws, "SELECT count(*) FROM support_conversations WHERE conversation_id LIKE 'n-%'"),
        conversations / 2
    );
    assert_eq!(count(&ws, "SELECT count(*) FROM support_messages WHERE ts IS NULL"), 0, "timestamps read from JSON");
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn strings(ws: &Workspace, sql: &str) -> Vec<String> {
    let mut stmt = ws.conn().prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    rows.map(Result::unwrap).collect()
}

/// Real stores reuse SKUs: on two products, and on several variants of one.
/// Every variant is kept with its price, the shared SKUs are reported once,
/// and order lines find their variant by their name.
#[test]
fn a_store_with_shared_skus_keeps_every_variant_and_matches_order_lines_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let products = fixture("shopify-shared-skus/products_export.csv");
    let orders = fixture("shopify-shared-skus/orders_export.csv");
    let reports = import(&mut ws, &[orders, products.clone()], false).unwrap();
    assert_eq!(reports.iter().map(|r| r.rejected).sum::<i64>(), 0, "{reports:?}");

    // Independently of the importer: the variant rows of the file (those with
    // a price), each a handle with its option values and price.
    let mut rdr = csv::Reader::from_path(&products).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut expected: Vec<String> = rdr
        .records()
        .map(Result::unwrap)
        .filter(|r| !r[at("Price")].is_empty())
        .map(|r| {
            let options: Vec<&str> = ["Option1 value", "Option2 value", "Option3 value"]
                .iter()
                .map(|o| &r[at(o)])
                .filter(|v| !v.is_empty())
                .collect();
            format!("{} {} {}", &r[at("URL handle")], options.join(" / "), &r[at("Price")])
        })
        .collect();
    expected.sort();
    let stored = strings(
        &ws,
        "SELECT product_id || ' ' || concat_ws(' / ', option1_value, option2_value, option3_value) || ' ' || price::VARCHAR
         FROM variants ORDER BY 1",
    );
    assert_eq!(stored, expected, "every variant, with its price");
    assert_eq!(count(&ws, "SELECT count(*) FROM variants WHERE sku = 'TJ-100'"), 2, "each keeps its SKU");
    assert_eq!(
        strings(&ws, "SELECT product_id FROM products WHERE image_url IS NULL"),
        Vec::<String>::new(),
        "every product has its image"
    );

    let products_report = reports.iter().find(|r| r.format == "shopify_products").unwrap();
    let warning = products_report.warnings.iter().find(|w| w.code == "shared_sku").expect("shared SKUs are reported");
    assert!(warning.message.starts_with("3 SKUs"), "{}", warning.message);
    assert!(warning.message.contains("\"SOCK\" is used by 3 variants of one product"), "{}", warning.message);
    assert!(warning.message.contains("\"TJ-200\" is used by 2 variants of 2 products"), "{}", warning.message);
    let orders_report = reports.iter().find(|r| r.format == "shopify_orders").unwrap();
    let lines = orders_report.warnings.iter().find(|w| w.code == "shared_sku").expect("the order lines are explained");
    assert!(
        lines.message.starts_with("6 order lines carry a SKU that several variants share (3 SKUs)"),
        "{}",
        lines.message
    );
    assert!(
        lines.message.contains("4 were matched") && lines.message.contains("2 name no variant"),
        "{}",
        lines.message
    );

    // Each line is credited to its own variant, or to its product alone.
    let credited = strings(
        &ws,
        "SELECT order_id || ' ' || name || ' → ' || coalesce(variant_id, '?') || ' of ' || coalesce(product_id, '?')
         FROM order_lines ORDER BY order_id, line_no",
    );
    assert_eq!(
        credited,
        [
            "#1001 Trail Jacket - Blue / L → trail-jacket/Blue / L of trail-jacket",
            "#1001 Camp Mug → camp-mug/Default Title of camp-mug",
            "#1002 Trail Jacket Kids → trail-jacket-kids/Default Title of trail-jacket-kids",
            "#1002 Trail Jacket - Red / M → trail-jacket/Red / M of trail-jacket",
            "#1003 Wool Socks - M → wool-socks/M of wool-socks",
            "#1003 Wool Socks - XL → ? of wool-socks",
            "#1004 Trail Jacket - Green / S → ? of trail-jacket",
        ]
    );

    // Re-importing changes nothing.
    import(&mut ws, &[products], false).unwrap();
    assert_eq!(count(&ws, "SELECT count(*) FROM variants"), expected.len() as i64);
}

/// A catalogue from a platform with no importer of its own (Magento's
/// product export) imports through a catalogue mapping. The suggestion
/// knows it is a catalogue: its stock is no order quantity and its dates
/// no order dates, and it says which columns it could not place.
#[test]
fn another_platforms_catalogue_imports_through_a_catalogue_mapping() {
    let file = fixture("magento/catalog_product.csv");
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let err = import(&mut ws, std::slice::from_ref(&file), false).unwrap_err();
    let ImportError::NeedsMapping { suggestion, unplaced, .. } = &err else { panic!("asks for a mapping: {err}") };
    let get = |k: &str| suggestion.0.get(k).map(String::as_str);
    assert_eq!(get("kind"), Some("catalogue"), "{suggestion:?}");
    assert_eq!(
        (get("sku"), get("handle"), get("title"), get("price"), get("sale_price"), get("stock")),
        (Some("sku"), Some("url_key"), Some("name"), Some("price"), Some("special_price"), Some("qty")),
        "{suggestion:?}"
    );
    assert!(!suggestion.0.contains_key("quantity") && !suggestion.0.contains_key("date"), "{suggestion:?}");
    assert!(!suggestion.0.values().any(|c| c == "short_description"), "an empty column is never suggested");
    assert!(unplaced.contains(&"store_view_code".to_string()) && unplaced.contains(&"created_at".to_string()));
    assert!(err.to_string().contains("not placed: "), "{err}");

    assert_eq!(get("variations"), Some("configurable_variations"), "{suggestion:?}");

    let options = ImportOptions { mapping: Some(suggestion.clone()), ..ImportOptions::default() };
    let reports = import_paths(&mut ws, std::slice::from_ref(&file), &options, &mut |_, _, _, _| {}).unwrap();
    assert_eq!(reports[0].format, "mapped_catalogue");
    assert_eq!((reports[0].rows_read, reports[0].rejected), (4, 0), "{reports:?}");

    // What the file says, read on its own: a configurable product lists its
    // children (`sku=…,size=…|…`), which are its variants; a product that
    // lists none is its own single variant. Price: the special price when set.
    let mut rdr = csv::Reader::from_path(&file).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let mut parent_of = std::collections::HashMap::new();
    for r in &rows {
        for child in r[at("configurable_variations")].split('|').filter(|c| !c.is_empty()) {
            let pairs: Vec<(&str, &str)> = child.split(',').filter_map(|p| p.split_once('=')).collect();
            let sku = pairs.iter().find(|(k, _)| *k == "sku").unwrap().1;
            let options: Vec<&str> = pairs.iter().filter(|(k, _)| *k != "sku").map(|(_, v)| *v).collect();
            parent_of.insert(
                sku.to_string(),
                (r[at("url_key")].to_string(), r[at("name")].to_string(), options.join(" / ")),
            );
        }
    }
    let number = |s: &str| if s.is_empty() { "-".to_string() } else { format!("{:.2}", s.parse::<f64>().unwrap()) };
    let mut expected: Vec<String> = rows
        .iter()
        .filter(|r| r[at("configurable_variations")].is_empty())
        .map(|r| {
            let (product, title, options) = parent_of.get(&r[at("sku")]).cloned().unwrap_or((
                r[at("url_key")].to_string(),
                r[at("name")].to_string(),
                String::new(),
            ));
            let (special, price) = (&r[at("special_price")], &r[at("price")]);
            let shown = if special.is_empty() { number(price) } else { number(special) };
            let compare = if special.is_empty() { "-".to_string() } else { number(price) };
            let stock = r[at("qty")].parse::<f64>().unwrap() as i64;
            format!("{product} | {title} | {} | {options} | {shown} | {compare} | {stock}", &r[at("sku")])
        })
        .collect();
    expected.sort();
    let stored = strings(
        &ws,
        "SELECT p.product_id || ' | ' || p.title || ' | ' || v.sku || ' | '
                || coalesce(concat_ws(' / ', v.option1_value, v.option2_value, v.option3_value), '') || ' | '
                || coalesce(v.price::VARCHAR, '-') || ' | ' || coalesce(v.compare_at_price::VARCHAR, '-') || ' | '
                || coalesce(v.inventory_qty::VARCHAR, '-')
         FROM products p JOIN variants v USING (product_id) ORDER BY 1",
    );
    assert_eq!(stored, expected);
    assert_eq!(count(&ws, "SELECT count(*) FROM products"), 2, "the configurable product and the bottle");
    assert_eq!(strings(&ws, "SELECT sku FROM products WHERE sku IS NOT NULL"), ["RF-100"], "its own SKU is kept");
    assert_eq!(count(&ws, "SELECT count(*) FROM products WHERE status = 'active' AND image_url LIKE '/%'"), 2);
    assert_eq!(
        strings(&ws, "SELECT option1_name FROM variants WHERE product_id = 'ridge-fleece' GROUP BY 1"),
        ["Size"]
    );
}

/// Every product type of WooCommerce's core exporter keeps its own fields:
/// simple, downloadable and virtual, external, grouped, variable and its
/// variations. Checked against the file read on its own.
#[test]
fn every_woocommerce_product_type_keeps_its_price_sku_stock_and_image() {
    let file = fixture("woocommerce/wc-product-export.csv");
    assert_eq!(detect(&file).unwrap().format, Format::WooCommerceProducts);
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let reports = import(&mut ws, std::slice::from_ref(&file), false).unwrap();
    assert_eq!(reports[0].rejected, 0, "{reports:?}");

    let text = fs::read_to_string(&file).unwrap();
    let mut rdr = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
    let kind = |r: &csv::StringRecord| r[at("Type")].split(',').next().unwrap().trim().to_string();
    let parent_of = |r: &csv::StringRecord| -> String {
        let p = &r[at("Parent")];
        let row = rows.iter().find(|x| format!("id:{}", &x[at("ID")]) == p || &x[at("SKU")] == p).unwrap();
        format!("woo:{}", &row[at("ID")])
    };
    let money = |s: &str| if s.is_empty() { "-".to_string() } else { format!("{:.2}", s.parse::<f64>().unwrap()) };
    // Variants: simple and external products are their own; variations their parent's.
    let mut expected: Vec<String> = rows
        .iter()
        .filter(|r| !matches!(kind(r).as_str(), "variable" | "grouped"))
        .map(|r| {
            let product = if kind(r) == "variation" { parent_of(r) } else { format!("woo:{}", &r[at("ID")]) };
            let (sale, regular) = (&r[at("Sale price")], &r[at("Regular price")]);
            let price = if sale.is_empty() { money(regular) } else { money(sale) };
            let compare = if sale.is_empty() { "-".to_string() } else { money(regular) };
            let sku = if r[at("SKU")].is_empty() { "-" } else { &r[at("SKU")] };
            format!("{product} {sku} {price} {compare}")
        })
        .collect();
    expected.sort();
    let stored = strings(
        &ws,
        "SELECT product_id || ' ' || coalesce(sku, '-') || ' ' || coalesce(price::VARCHAR, '-') || ' '
                || coalesce(compare_at_price::VARCHAR, '-') FROM variants ORDER BY 1",
    );
    assert_eq!(stored, expected, "every priced product and variation is a variant with its price and SKU");

    // The products: every row but the variations, each with its kind, its
    // own SKU, its first image and the stock status the file gives it.
    let mut expected: Vec<String> = rows
        .iter()
        .filter(|r| kind(r) != "variation")
        .map(|r| {
            let image = r[at("Images")].split(", ").next().unwrap().to_string();
            let stock = if &r[at("In stock?")] == "0" { "out" } else { "in" };
            format!("woo:{} {} {} {} {image}", &r[at("ID")], kind(r), &r[at("SKU")], stock)
        })
        .collect();
    expected.sort();
    let stored = strings(
        &ws,
        "SELECT product_id || ' ' || kind || ' ' || sku || ' ' || CASE WHEN in_stock THEN 'in' ELSE 'out' END || ' '
                || image_url FROM products ORDER BY 1",
    );
    assert_eq!(stored, expected);
    assert_eq!(
        strings(&ws, "SELECT product_id FROM products WHERE is_downloadable AND is_virtual"),
        ["woo:102"],
        "the downloadable, virtual guide"
    );
    assert_eq!(
        strings(&ws, "SELECT external_url FROM products WHERE kind = 'external'"),
        ["https://partner.example/camp-stove"]
    );
    let (small, medium): (i64, i64) = ws
        .conn()
        .query_row(
            "SELECT max(inventory_qty) FILTER (WHERE option1_value = 'S'), max(inventory_qty) FILTER (WHERE option1_value = 'M')
             FROM variants WHERE product_id = 'woo:108'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((small, medium), (3, 0));
}

/// WooCommerce's own importer samples have no `ID` column: products are
/// known by their SKU (or name), and variations by the parent's SKU.
#[test]
fn a_woocommerce_file_without_ids_imports_by_skus_and_names() {
    let file = fixture("woocommerce/sample-no-id.csv");
    assert_eq!(detect(&file).unwrap().format, Format::WooCommerceProducts);
    let dir = tempfile::tempdir().unwrap();
    let mut ws = workspace(dir.path());
    let reports = import(&mut ws, std::slice::from_ref(&file), false).unwrap();
    assert_eq!((reports[0].rows_read, reports[0].inserted, reports[0].rejected), (6, 4, 0), "{reports:?}");
    assert_eq!(
        strings(&ws, "SELECT product_id || ' ' || title FROM products ORDER BY 1"),
        [
            "woo:name:kitchen kit Kitchen Kit",
            "woo:name:water filter Water Filter",
            "woo:sku:MUG-ENAMEL Enamel Mug",
            "woo:sku:SHELL Rain Shell",
        ]
    );
    assert_eq!(
        strings(
            &ws,
            "SELECT option1_name || '=' || option1_value || ', ' || option2_name || '=' || option2_value || ' ' || price::VARCHAR
             FROM variants WHERE product_id = 'woo:sku:SHELL' ORDER BY position"
        ),
        ["Color=Red, Size=M 139.00", "Color=Blue, Size=L 160.00"],
        "attribute names read whatever their header's case"
    );
    // Re-import: nothing duplicated.
    import(&mut ws, &[file], false).unwrap();
    assert_eq!(count(&ws, "SELECT count(*) FROM variants"), 4);
}

#[test]
fn a_folder_gives_only_its_exports_and_store_policies() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    for (rel, text) in [
        ("policies/returns.md", "Items can be returned within 30 days of delivery.\n"),
        ("notes/shipping.md", "# Shipping\n\nWe ship within two working days.\n"),
        ("notes/gift-cards.txt", "Gift cards\n\nGift cards never expire and can be used online.\n"),
        ("system/rgb.txt", "! $Xorg: rgb.txt,v 1.3 $\n255 250 250\t\tsnow\n248 248 255\t\tghost white\n"),
        ("system/build.html", "<div>build 42</div>\n"),
    ] {
        let file = store.join(rel);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    }
    let mut ws = workspace(dir.path());
    let reports = import(&mut ws, std::slice::from_ref(&store), false).unwrap();
    let mut docs: Vec<String> = ws
        .conn()
        .prepare("SELECT doc_id FROM kb_documents ORDER BY doc_id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    docs.sort();
    assert_eq!(docs, ["store/notes/gift-cards.txt", "store/notes/shipping.md", "store/policies/returns.md"]);
    let left_out: Vec<&str> = reports.iter().filter_map(|r| r.not_imported.as_deref()).collect();
    assert_eq!(left_out.len(), 2, "{reports:?}");
    assert!(left_out.iter().any(|w| w.starts_with("store/system/rgb.txt was not imported")), "{left_out:?}");
    assert!(left_out[0].contains("import it on its own"), "{}", left_out[0]);

    // Given on its own, a document is imported whatever it holds.
    let alone = import(&mut ws, &[store.join("system/rgb.txt")], false).unwrap();
    assert!(alone[0].not_imported.is_none() && alone[0].inserted == 1, "{alone:?}");
}
