//! Privacy controls through the engine API the Settings screen uses, on the
//! sample store in a real workspace file: what personal data is stored, the
//! Parquet export, erasing one customer, and names and values that look
//! like SQL. Expected figures are read from the export files themselves
//! (with an in-memory DuckDB), not from the workspace under test.

mod support;

use support::{new_workspace, open_copy, sample};

use std::path::{Path, PathBuf};

use insights_engine::{Engine, ErasureRequest, ImportRequest, PrivacySettings};
use insights_store::duckdb::Connection;

/// The sample store's orders, customers and conversations, imported once
/// for this binary; each test works on its own copy.
fn engine(home: &Path) -> Engine {
    static TEMPLATE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_keep, template) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let e = new_workspace(dir.path(), "Privacy test");
        e.import(&ImportRequest::of(&[sample("shopify"), sample("support")]), &mut |_| {}).unwrap();
        let path = PathBuf::from(e.current_workspace().unwrap().unwrap().path);
        drop(e);
        (dir, path)
    });
    open_copy(home, template, "privacy-test")
}

/// Reads the export files independently of the importer.
fn exports() -> Connection {
    let c = Connection::open_in_memory().unwrap();
    let file = |name: &str| sample(&format!("shopify/{name}.csv.zst")).display().to_string().replace('\'', "''");
    c.execute_batch(&format!(
        "CREATE TABLE cust AS SELECT * FROM read_csv('{}', all_varchar = true);
         CREATE TABLE ord AS SELECT * FROM read_csv('{}', all_varchar = true);",
        file("customers_export"),
        file("orders_export")
    ))
    .unwrap();
    c
}

/// The customer with the most orders in the orders export: their e-mail,
/// order names, non-cancelled order names and line rows.
fn busiest_customer(x: &Connection) -> (String, i64, i64, i64) {
    x.query_row(
        "SELECT lower(trim(\"Email\")), count(DISTINCT \"Name\"),
                count(DISTINCT \"Name\") FILTER (WHERE \"Total\" IS NOT NULL AND \"Cancelled at\" IS NULL),
                count(*)
         FROM ord WHERE \"Email\" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

fn item<'a>(
    r: &'a insights_engine::PersonalDataReport,
    table: &str,
    column: &str,
) -> &'a insights_engine::PersonalDataItem {
    r.items.iter().find(|i| i.table == table && i.column == column).unwrap_or_else(|| panic!("{table}.{column}"))
}

#[test]
fn the_report_counts_personal_data_hashed_until_hashing_is_turned_off() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let x = exports();
    let emails: i64 = x
        .query_row("SELECT count(DISTINCT lower(trim(\"Email\"))) FROM cust WHERE trim(\"Email\") <> ''", [], |r| {
            r.get(0)
        })
        .unwrap();

    let r = e.personal_data_report().unwrap();
    assert!(r.hashing, "hashing is on by default");
    let email = item(&r, "customers", "email");
    assert!(
        email.hashed >= emails as u64,
        "every e-mail of the export is stored as a key: {} < {emails}",
        email.hashed
    );
    for column in ["email", "phone", "name", "address"] {
        assert_eq!(item(&r, "customers", column).plain, 0, "no plain {column} while hashing is on");
    }
    assert!(item(&r, "orders", "email_key").hashed > 0);

    e.set_privacy_settings(&PrivacySettings { hash_personal_data: false }).unwrap();
    e.import(&ImportRequest::of(&[sample("shopify/customers_export.csv.zst")]), &mut |_| {}).unwrap();
    let r = e.personal_data_report().unwrap();
    assert!(!r.hashing);
    let email = item(&r, "customers", "email");
    assert_eq!(email.plain, emails as u64, "re-imported with hashing off, each e-mail is there in plain text");
    assert!(email.note.as_deref().unwrap_or_default().contains("hashing was off"), "{email:?}");
}

#[test]
fn erasing_a_customer_removes_their_rows_everywhere_and_nothing_else() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let (email, orders, live_orders, lines) = busiest_customer(&exports());
    assert!(orders >= 2, "the sample store's busiest customer has several orders");
    let before = e.overview(&Default::default()).unwrap();
    let customers_before = e.personal_data_report().unwrap().customers;

    // A dry run counts and changes nothing; the e-mail is matched through the workspace's key.
    let by_email = ErasureRequest { customer: format!("  {}  ", email.to_uppercase()), dry_run: true };
    let preview = e.erase_customer(&by_email).unwrap();
    let rows = |t: &str| preview.tables.iter().find(|r| r.table == t).map(|r| r.rows).unwrap_or(0);
    assert_eq!(rows("customers"), 1);
    assert_eq!(rows("orders"), orders as u64, "{preview:?}");
    assert_eq!(rows("order_lines"), lines as u64, "each line row of the export is one order line");
    assert!(preview.customer_id.starts_with("e:"), "customers are identified by their keyed e-mail");
    assert!(!preview.label.contains('@'), "the label carries no personal data: {}", preview.label);
    assert_eq!(e.overview(&Default::default()).unwrap().orders, before.orders, "a dry run deletes nothing");

    // Erasing by the id the preview showed deletes exactly that.
    let done = e.erase_customer(&ErasureRequest { customer: preview.customer_id.clone(), dry_run: false }).unwrap();
    assert_eq!(done.tables, preview.tables);
    assert_eq!(done.total_rows, preview.total_rows);
    let after = e.overview(&Default::default()).unwrap();
    assert_eq!(after.orders, before.orders - live_orders, "the store's figures lose exactly their orders");
    assert_eq!(e.personal_data_report().unwrap().customers, customers_before - 1);

    // Gone everywhere the app looks.
    let again = e.erase_customer(&by_email).unwrap_err();
    assert_eq!(again.code(), "customer_not_found");
    assert!(!again.to_string().contains('@'), "the error does not repeat the e-mail: {again}");
    assert_eq!(e.recommend_for_customer(&preview.customer_id).unwrap_err().code(), "customer_not_found");
    assert!(e.recommend_customers(&preview.customer_id).unwrap().is_empty());
}

#[test]
fn the_export_writes_every_table_as_parquet_without_the_hashing_secret() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let folder = home.path().join("export");
    let out = e.export_workspace(Some(&folder)).unwrap();
    assert_eq!(Path::new(&out.folder), folder);
    assert!(out.tables.len() >= 20, "one file per table: {:?}", out.tables);
    assert!(!folder.with_extension("partial").exists(), "the temporary folder is gone");

    let c = Connection::open_in_memory().unwrap();
    let mut total = 0;
    for t in &out.tables {
        let file = folder.join(format!("{}.parquet", t.table));
        let rows: i64 =
            c.query_row(&format!("SELECT count(*) FROM read_parquet('{}')", file.display()), [], |r| r.get(0)).unwrap();
        assert_eq!(rows as u64, t.rows, "{}", t.table);
        total += t.rows;
    }
    assert_eq!(total, out.total_rows);
    let orders = out.tables.iter().find(|t| t.table == "orders").unwrap().rows;
    assert_eq!(
        orders as i64,
        exports().query_row("SELECT count(DISTINCT \"Name\") FROM ord", [], |r| r.get::<_, i64>(0)).unwrap()
    );
    let secret: i64 = c
        .query_row(
            &format!(
                "SELECT count(*) FROM read_parquet('{}') WHERE key = 'pii_secret'",
                folder.join("workspace_meta.parquet").display()
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(secret, 0, "the key that makes the hashes is not exported");

    let err = e.export_workspace(Some(&folder)).unwrap_err();
    assert!(err.to_string().contains("will not overwrite"), "{err}");
}

/// Names and values written like SQL are stored and searched as text.
#[test]
fn sql_in_column_names_and_values_stays_text() {
    let home = tempfile::tempdir().unwrap();
    let e = engine(home.path());
    let orders_before = e.overview(&Default::default()).unwrap().orders;
    let hostile = r#""; DROP TABLE orders; --"#;
    let file = home.path().join("till.csv");
    let header = format!("Invoice,Code,\"{}\",Qty,When,Price,Who,Where", hostile.replace('"', "\"\""));
    let value = "x'); DROP TABLE customers; --";
    std::fs::write(
        &file,
        format!("{header}\nT-1,SKU-1,\"{value}\",2,2024-03-01 10:00,3.50,C-1,GB\nT-2,SKU-2,plain,1,2024-03-02 11:00,9.00,C-2,GB\n"),
    )
    .unwrap();
    let mapping = [
        ("invoice", "Invoice"),
        ("sku", "Code"),
        ("description", hostile),
        ("quantity", "Qty"),
        ("date", "When"),
        ("unit_price", "Price"),
        ("customer", "Who"),
        ("country", "Where"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let mut req = ImportRequest::of(std::slice::from_ref(&file));
    req.mapping = Some(mapping);
    req.currency = Some("GBP".into());
    let imported = e.import(&req, &mut |_| {}).unwrap();
    assert_eq!(imported[0].rejected, 0);
    assert_eq!(e.overview(&Default::default()).unwrap().orders, orders_before + 2, "both orders landed, none lost");

    let found =
        e.search(&insights_engine::SearchRequest { limit: 5, ..insights_engine::SearchRequest::new(value) }).unwrap();
    assert!(found.hits.iter().any(|h| h.title == value), "the description is stored verbatim: {:?}", found.hits);
    for probe in [hostile, value, "' OR '1'='1"] {
        assert_eq!(
            e.erase_customer(&ErasureRequest { customer: probe.into(), dry_run: true }).unwrap_err().code(),
            "customer_not_found"
        );
        assert_eq!(e.experiment(probe, None).unwrap_err().code(), "experiment_not_found");
        assert!(e.recommend_customers(probe).unwrap().is_empty());
    }
    assert!(e.personal_data_report().unwrap().customers > 0, "the customers table is still there");
    // Names from the data never become paths outside the reports folder.
    let chart = insights_engine::ExperimentChart::Lift;
    let climb = e.experiment_chart_path("banner", chart, "svg/../../../../outside.svg").unwrap_err();
    assert_eq!(climb.code(), "invalid_settings");
    let path = e.experiment_chart_path("../../etc/passwd", chart, "svg").unwrap();
    assert!(
        path.starts_with(home.path().join("reports")) && !path.to_string_lossy().contains(".."),
        "{}",
        path.display()
    );
    assert_eq!(e.overview(&Default::default()).unwrap().orders, orders_before + 2, "and so is orders");
}
