//! Importing through the engine API the desktop app uses: preview, progress,
//! history, rejected rows, cancellation.

mod support;

use support::{new_workspace, online_retail, sample};

use std::path::{Path, PathBuf};

use insights_engine::{Engine, ImportRequest, ImportStep};

fn engine(home: &Path) -> Engine {
    new_workspace(home, "Import test")
}

#[test]
fn preview_names_formats_and_explains_files_it_cannot_import() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let bad = home.path().join("notes.csv");
    std::fs::write(&bad, "when,what\n2026-01-01,call supplier\n").unwrap();
    let previews = e.preview_files(&[sample("shopify"), bad]).unwrap();
    let formats: Vec<Option<&str>> = previews.iter().map(|p| p.format.as_deref()).collect();
    assert_eq!(
        formats,
        [Some("shopify_customers"), Some("shopify_orders"), Some("shopify_products"), Some("returns"), None]
    );
    let orders = &previews[1];
    assert_eq!(orders.columns.len(), 79);
    assert_eq!(orders.rows.len(), 5);
    assert_eq!(orders.rows[0][0].as_deref(), Some("#1001"));
    let error = previews[4].error.as_ref().unwrap();
    assert_eq!(error.code, "needs_mapping", "an unknown file asks which column is which");
    assert_eq!(error.details.as_ref().unwrap()["columns"], serde_json::json!(["when", "what"]));
    assert!(e.import_history().unwrap().is_empty(), "previewing imports nothing");

    // Once a mapping has been confirmed for a source, its files preview (and
    // import) through it.
    let till = home.path().join("till.csv");
    std::fs::write(&till, "Order ID,Item,Qty,Date,Price\nT-1,MUG,2,2026-02-01 09:00:00,7.50\n").unwrap();
    let mapping: std::collections::BTreeMap<String, String> =
        [("invoice", "Order ID"), ("sku", "Item"), ("quantity", "Qty"), ("date", "Date"), ("unit_price", "Price")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    let mut req = ImportRequest::of(&[&till]);
    req.mapping = Some(mapping);
    e.import(&req, &mut |_| {}).unwrap();
    let p = &e.preview_files(&[till]).unwrap()[0];
    assert_eq!(p.format.as_deref(), Some("mapped_transactions"));
    assert_eq!(p.columns, ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice"]);
    assert_eq!(p.rows[0][0].as_deref(), Some("T-1"));
}

#[test]
fn import_reports_progress_and_lands_in_the_history_with_its_rejected_rows() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let returns = home.path().join("returns.csv");
    std::fs::write(
        &returns,
        "Order,Lineitem sku,Quantity,Reason,Note,Created at,Refunded Amount\n\
         #1001,SKU-1,1,SIZE_TOO_SMALL,,2026-01-02 10:00:00 +0000,20.00\n\
         #1002,SKU-2,one,DEFECTIVE,,2026-01-03 10:00:00 +0000,15.00\n",
    )
    .unwrap();
    let mut events = Vec::new();
    let files = e
        .import(&ImportRequest::of(&[&sample("shopify/products_export.csv.zst"), &returns]), &mut |p| events.push(p))
        .unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(events.last().map(|p| (p.done, p.total)), Some((2, 2)));
    assert!(events.iter().any(|p| p.step == ImportStep::Storing));

    let history = e.import_history().unwrap();
    assert_eq!(history.len(), 2);
    let r = history.iter().find(|h| h.format == "returns").unwrap();
    assert_eq!((r.rows_read, r.inserted, r.rejected), (2, 1, 1));
    let rejects = e.import_rejects(&r.import_id, None).unwrap();
    assert_eq!(rejects.len(), 1);
    assert_eq!((rejects[0].line, rejects[0].column.as_deref()), (Some(3), Some("Quantity")));
    assert_eq!(rejects[0].raw.as_deref(), Some("one"));
}

#[test]
fn a_cancelled_import_leaves_the_workspace_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    e.import(&ImportRequest::of(&[&sample("shopify/products_export.csv.zst")]), &mut |_| {}).unwrap();
    let err = e
        .import(&ImportRequest::of(&[&sample("shopify")]), &mut |p| {
            if p.step == ImportStep::Storing {
                e.cancel_import();
            }
        })
        .unwrap_err();
    assert_eq!(err.code(), "cancelled");
    let history = e.import_history().unwrap();
    assert_eq!(history.len(), 1, "only the first import is recorded");
    let overview = e.overview(&Default::default()).unwrap();
    assert_eq!(overview.orders, 0, "no order of the cancelled import landed");
    // And the next import runs normally.
    e.import(&ImportRequest::of(&[&sample("shopify/customers_export.csv.zst")]), &mut |_| {}).unwrap();
    assert_eq!(e.import_history().unwrap().len(), 2);
}

/// Cancel while DuckDB is in the middle of reading a large file: the read is
/// interrupted rather than waited for, and nothing lands.
#[test]
fn cancel_interrupts_a_long_read() {
    let home = tempfile::tempdir().unwrap();
    let e = std::sync::Arc::new(engine(home.path()));
    let uci = online_retail();
    let canceller = {
        let e = std::sync::Arc::clone(&e);
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(700));
            e.cancel_import();
        })
    };
    let started = std::time::Instant::now();
    let err = e.import(&ImportRequest::of(&[&uci]), &mut |_| {}).unwrap_err();
    let took = started.elapsed();
    canceller.join().unwrap();
    assert_eq!(err.code(), "cancelled");
    assert!(took < std::time::Duration::from_secs(3), "the cancel took effect within the read ({took:?})");
    assert!(e.import_history().unwrap().is_empty());
    assert_eq!(e.overview(&Default::default()).unwrap().orders, 0);
    // The next import is not affected by the interrupt.
    e.import(&ImportRequest::of(&[&sample("shopify/products_export.csv.zst")]), &mut |_| {}).unwrap();
    assert_eq!(e.import_history().unwrap().len(), 1);
}

#[test]
fn personal_data_is_hashed_unless_the_merchant_turns_hashing_off() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    assert!(e.privacy_settings().unwrap().hash_personal_data, "on by default");
    let customers = sample("shopify/customers_export.csv.zst");
    e.import(&ImportRequest::of(&[&customers]), &mut |_| {}).unwrap();
    let s = e.set_privacy_settings(&insights_engine::PrivacySettings { hash_personal_data: false }).unwrap();
    assert!(!s.hash_personal_data);
    e.import(&ImportRequest::of(&[&customers]), &mut |_| {}).unwrap();
    let ws_path = e.current_workspace().unwrap().unwrap().path;
    drop(e);
    let ws = insights_store::Workspace::open(Path::new(&ws_path)).unwrap();
    let with_email: i64 =
        ws.conn().query_row("SELECT count(*) FROM customers WHERE email LIKE '%@example.%'", [], |r| r.get(0)).unwrap();
    let total: i64 = ws.conn().query_row("SELECT count(*) FROM customers", [], |r| r.get(0)).unwrap();
    assert_eq!(with_email, total, "after turning hashing off, re-imported customers carry their e-mail");
    let keyed: i64 =
        ws.conn().query_row("SELECT count(*) FROM customers WHERE email_key IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(keyed, total, "keys are still computed, so orders and customers keep matching");
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures").join(rel)
}

/// What a WooCommerce merchant sees in search: a variable product found by
/// its own SKU before the products whose SKUs merely start with it, marked
/// out of stock as the file says, and a downloadable product with its price.
#[test]
fn a_woocommerce_catalogue_is_searched_by_its_own_skus_and_stock() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    e.import(&ImportRequest::of(&[&fixture("woocommerce/wc-product-export.csv")]), &mut |_| {}).unwrap();
    let search = |q: &str| {
        let mut r = insights_engine::SearchRequest::new(q);
        r.mode = insights_engine::SearchMode::Keyword;
        e.search(&r).unwrap()
    };
    let hoodie = search("HOODIE");
    assert_eq!(hoodie.hits[0].title, "Pullover Hoodie", "{:?}", hoodie.hits);
    assert_eq!(hoodie.hits[0].exact_match.as_deref(), Some("SKU HOODIE"));
    let beanie = search("merino beanie");
    let hit = beanie.hits.iter().find(|h| h.title == "Merino Beanie").expect("listed, ranked below what is in stock");
    assert!(!hit.in_stock && hit.stock == Some(0), "{hit:?}");
    let guide = search("GUIDE-PDF");
    assert_eq!(
        (guide.hits[0].title.as_str(), guide.hits[0].price_min, guide.hits[0].image_url.is_some()),
        ("Trail Guide (PDF)", Some(9.99), true)
    );
}

/// Every imported value that reaches the HTML report is written as text:
/// a currency code, a product title and a workspace name made of markup
/// leave no tag in the report.
#[test]
fn the_report_writes_imported_values_as_text() {
    let home = tempfile::tempdir().unwrap();
    let e = new_workspace(home.path(), "<b onmouseover=alert(1)>Shop</b>");
    let orders = home.path().join("orders_export.csv");
    let fixture = std::fs::read_to_string(support::fixture("shopify-prefixed-orders/orders_export.csv")).unwrap();
    let hostile = fixture
        .replace(",EUR,", ",<img src=x onerror=alert(1)>,")
        .replace("Alpine Wool Beanie", "\"<script>alert(1)</script><svg onload=alert(2)>\"");
    std::fs::write(&orders, hostile).unwrap();
    e.import(&ImportRequest::of(&[&orders]), &mut |_| {}).unwrap();
    let currency = e.overview(&Default::default()).unwrap().currency;
    assert_eq!(currency, "<IMG SRC=X ONERROR=ALERT(1)>", "kept as written (currency codes are upper case)");

    let report = e.write_report(&home.path().join("report.html")).unwrap();
    let html = std::fs::read_to_string(report).unwrap().to_lowercase();
    for tag in ["<img", "<script", "<b ", "<svg onload"] {
        let raw = html.match_indices(tag).map(|(i, _)| &html[i.saturating_sub(40)..(i + 60).min(html.len())]);
        let raw: Vec<&str> = raw.collect();
        assert!(raw.is_empty(), "{tag} written as markup: {raw:?}");
    }
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "the currency is shown, as text");
}

#[test]
fn a_sample_build_that_fails_leaves_no_half_built_workspace() {
    let home = tempfile::tempdir().unwrap();
    let e = support::engine_at(home.path());
    let data = home.path().join("sample-data");
    std::fs::create_dir_all(data.join("shopify")).unwrap();
    std::fs::write(data.join("shopify/notes.csv"), "when,what\n2026-01-01,call supplier\n").unwrap();
    let err = e.open_sample_workspace(&data, &mut |_| {}).unwrap_err();
    assert_eq!(err.code(), "needs_mapping", "{err}");
    let left: Vec<_> = std::fs::read_dir(e.sample_workspace_path().parent().unwrap())
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(left.is_empty(), "nothing left behind: {left:?}");
    assert!(e.current_workspace().unwrap().is_none());
}

#[test]
fn preview_lists_the_documents_a_folder_leaves_out_and_why() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let folder = home.path().join("downloads");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("rgb.txt"), "! rgb\n255 250 250\t\tsnow\n").unwrap();
    std::fs::copy(sample("shopify/products_export.csv.zst"), folder.join("products_export.csv.zst")).unwrap();
    let previews = e.preview_files(&[folder]).unwrap();
    assert_eq!(previews.len(), 2);
    assert_eq!(previews[0].format.as_deref(), Some("shopify_products"));
    let error = previews[1].error.as_ref().expect("the document is listed with why it is left out");
    assert_eq!((previews[1].file_name.as_str(), error.code.as_str()), ("rgb.txt", "not_a_policy"));
    assert!(error.message.contains("store policy"), "{}", error.message);
}
