//! End-to-end checks of the generated sample store: real files in a temporary
//! directory, read back and checked for exact headers, internal consistency,
//! determinism and the sizes promised at scale 1.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use insights_sample::{generate, SampleOptions, SampleSummary, INTENTS, RETURN_REASONS};

const PRODUCTS_HEADER: &str = "Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option1 Linked To,Option2 name,Option2 value,Option2 Linked To,Option3 name,Option3 value,Option3 Linked To,Price,Compare-at price,Cost per item,Charge tax,Tax code,Unit price total measure,Unit price total measure unit,Unit price base measure,Unit price base measure unit,Inventory tracker,Inventory quantity,Continue selling when out of stock,Weight value (grams),Weight unit for display,Requires shipping,Fulfillment service,Product image URL,Image position,Image alt text,Variant image URL,Gift card,SEO title,SEO description,Color (product.metafields.shopify.color-pattern),Google Shopping / Google product category,Google Shopping / Gender,Google Shopping / Age group,Google Shopping / Manufacturer part number (MPN),Google Shopping / Ad group name,Google Shopping / Ads labels,Google Shopping / Condition,Google Shopping / Custom product,Google Shopping / Custom label 0,Google Shopping / Custom label 1,Google Shopping / Custom label 2,Google Shopping / Custom label 3,Google Shopping / Custom label 4";
const ORDERS_HEADER: &str = "Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Billing Street,Billing Address1,Billing Address2,Billing Company,Billing City,Billing Zip,Billing Province,Billing Country,Billing Phone,Shipping Name,Shipping Street,Shipping Address1,Shipping Address2,Shipping Company,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Shipping Phone,Notes,Note Attributes,Cancelled at,Payment Method,Payment Reference,Refunded Amount,Vendor,Outstanding Balance,Employee,Location,Device ID,Id,Tags,Risk Level,Source,Lineitem discount,Tax 1 Name,Tax 1 Value,Tax 2 Name,Tax 2 Value,Tax 3 Name,Tax 3 Value,Tax 4 Name,Tax 4 Value,Tax 5 Name,Tax 5 Value,Phone,Receipt Number,Duties,Billing Province Name,Shipping Province Name,Payment ID,Payment Terms Name,Next Payment Due At,Payment References";
const CUSTOMERS_HEADER: &str = "Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address Address2,Default Address City,Default Address Province Code,Default Address Country Code,Default Address Zip,Default Address Phone,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags";
const RETURNS_HEADER: &str = "Order,Lineitem sku,Quantity,Reason,Note,Created at,Refunded Amount";
const CONVERSATIONS_HEADER: &str = "conversation_id,timestamp,role,text,intent,resolution,handled_by_agent,csat";
const EVENTS_HEADER: &str =
    "visitor_id,experiment,variant,timestamp,event,value,device,country,customer_type,pre_period_value";

struct Generated {
    _dir: tempfile::TempDir,
    root: PathBuf,
    summary: SampleSummary,
}

/// The options of the shared store: default size, fast zstd level.
fn opts(seed: u64) -> SampleOptions {
    SampleOptions { seed, scale: 1, zstd_level: Some(3) }
}

fn generate_in_temp(opts: &SampleOptions) -> Generated {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_path_buf();
    let summary = generate(opts, &root, &mut |_, _, _| {}).expect("generate");
    Generated { _dir: dir, root, summary }
}

/// One default-size store shared by the read-only tests.
fn store() -> &'static Generated {
    static STORE: OnceLock<Generated> = OnceLock::new();
    STORE.get_or_init(|| generate_in_temp(&opts(7)))
}

fn read_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if path.extension().is_some_and(|e| e == "zst") {
        let mut s = String::new();
        zstd::stream::read::Decoder::new(&bytes[..]).expect("zstd decoder").read_to_string(&mut s).expect("unzstd");
        s
    } else {
        String::from_utf8(bytes).expect("utf-8")
    }
}

/// The CSV exports (relative paths, without the `.zst` suffix) and their headers.
const CSV_FILES: [(&str, &str); 6] = [
    ("shopify/products_export.csv", PRODUCTS_HEADER),
    ("shopify/orders_export.csv", ORDERS_HEADER),
    ("shopify/customers_export.csv", CUSTOMERS_HEADER),
    ("shopify/returns.csv", RETURNS_HEADER),
    ("support/conversations.csv", CONVERSATIONS_HEADER),
    ("experiments/events.csv", EVENTS_HEADER),
];

/// Header line and records (as maps from column name to value).
fn read_csv(path: &Path) -> (String, Vec<csv::StringRecord>, csv::StringRecord) {
    let text = read_text(path);
    let header_line = text.lines().next().unwrap_or_default().to_string();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr.headers().expect("headers").clone();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("record")).collect();
    (header_line, rows, headers)
}

fn col(headers: &csv::StringRecord, name: &str) -> usize {
    headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}"))
}

fn cents(s: &str) -> i64 {
    if s.is_empty() {
        return 0;
    }
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (a, b) = s.split_once('.').expect("two decimals");
    assert_eq!(b.len(), 2, "money with two decimals: {s}");
    let v = a.parse::<i64>().unwrap() * 100 + b.parse::<i64>().unwrap();
    if neg {
        -v
    } else {
        v
    }
}

fn shopify(root: &Path, name: &str) -> PathBuf {
    root.join("shopify").join(name)
}

fn is_example_email(e: &str) -> bool {
    ["@example.com", "@example.org", "@example.net"].iter().any(|d| e.ends_with(d))
}

#[test]
fn headers_are_exact() {
    let g = store();
    let (_, _, hs) = read_csv(&shopify(&g.root, "orders_export.csv.zst"));
    assert_eq!(hs.len(), 79);
    for (name, header) in CSV_FILES {
        let zst = g.root.join(format!("{name}.zst"));
        assert!(g.summary.files.contains(&zst), "{name}.zst not listed");
        assert!(!g.root.join(name).exists(), "plain {name} written next to the .zst");
        assert_eq!(read_csv(&zst).0, header, "header of {name}.zst");
    }
    for f in &g.summary.files {
        assert!(f.exists(), "{} listed but missing", f.display());
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default();
        assert!(ext == "zst" || ext == "md", "{} is neither .csv.zst nor Markdown", f.display());
    }
}

#[test]
fn determinism() {
    let g = store();
    let again = tempfile::tempdir().unwrap();
    let s2 = generate(&opts(7), again.path(), &mut |_, _, _| {}).unwrap();
    assert_eq!(g.summary.files.len(), s2.files.len());
    for (a, b) in g.summary.files.iter().zip(&s2.files) {
        assert_eq!(a.strip_prefix(&g.root).unwrap(), b.strip_prefix(again.path()).unwrap());
        assert!(std::fs::read(a).unwrap() == std::fs::read(b).unwrap(), "{} differs between runs", a.display());
    }
    let other = tempfile::tempdir().unwrap();
    generate(&opts(8), other.path(), &mut |_, _, _| {}).unwrap();
    for name in ["orders_export.csv.zst", "products_export.csv.zst", "customers_export.csv.zst"] {
        assert!(
            std::fs::read(shopify(&g.root, name)).unwrap() != std::fs::read(shopify(other.path(), name)).unwrap(),
            "{name} should differ for another seed"
        );
    }
}

struct Order {
    email: String,
    financial: String,
    cancelled: bool,
    total: i64,
    refunded: i64,
}

#[test]
fn files_are_consistent() {
    let g = store();
    // Products: unique SKUs.
    let (_, prows, ph) = read_csv(&shopify(&g.root, "products_export.csv.zst"));
    let sku_c = col(&ph, "SKU");
    let mut skus = HashSet::new();
    for r in &prows {
        assert!(skus.insert(r[sku_c].to_string()), "duplicate SKU {}", &r[sku_c]);
    }

    // Orders: totals, SKUs, e-mails.
    let (_, orows, oh) = read_csv(&shopify(&g.root, "orders_export.csv.zst"));
    let c = |n: &str| col(&oh, n);
    let (name, email, fin, sub, ship, tax, total, disc, qty, price, lsku, ldisc, canc, refd) = (
        c("Name"),
        c("Email"),
        c("Financial Status"),
        c("Subtotal"),
        c("Shipping"),
        c("Taxes"),
        c("Total"),
        c("Discount Amount"),
        c("Lineitem quantity"),
        c("Lineitem price"),
        c("Lineitem sku"),
        c("Lineitem discount"),
        c("Cancelled at"),
        c("Refunded Amount"),
    );
    let mut orders: HashMap<String, Order> = HashMap::new();
    let mut order_names: Vec<String> = Vec::new();
    // (subtotal, discount) stated on first rows vs summed over lines.
    let mut sums: HashMap<String, (i64, i64, i64, i64)> = HashMap::new();
    for r in &orows {
        assert!(skus.contains(&r[lsku]), "order line SKU {} not in products", &r[lsku]);
        assert!(is_example_email(&r[email]), "e-mail {} not at a reserved domain", &r[email]);
        let e = sums.entry(r[name].to_string()).or_default();
        e.2 += cents(&r[price]) * r[qty].parse::<i64>().unwrap();
        e.3 += cents(&r[ldisc]);
        if !r[total].is_empty() {
            assert!(!orders.contains_key(&r[name]), "order {} has two first rows", &r[name]);
            let (s, d, sh, t, tot) =
                (cents(&r[sub]), cents(&r[disc]), cents(&r[ship]), cents(&r[tax]), cents(&r[total]));
            assert_eq!(tot, s - d + sh + t, "total of {}", &r[name]);
            e.0 = s;
            e.1 = d;
            order_names.push(r[name].to_string());
            orders.insert(
                r[name].to_string(),
                Order {
                    email: r[email].to_string(),
                    financial: r[fin].to_string(),
                    cancelled: !r[canc].is_empty(),
                    total: tot,
                    refunded: cents(&r[refd]),
                },
            );
        }
    }
    for (n, (s, d, lines, ldis)) in &sums {
        assert_eq!(*s, *lines, "subtotal of {n} equals its lines");
        assert_eq!(*d, *ldis, "discount of {n} equals its line discounts");
    }
    // Names are #1001.. in order.
    for (i, n) in order_names.iter().enumerate() {
        assert_eq!(n, &format!("#{}", 1001 + i));
    }

    // Customers: totals match the orders.
    let (_, crows, ch) = read_csv(&shopify(&g.root, "customers_export.csv.zst"));
    let (ce, cto, cts) = (col(&ch, "Email"), col(&ch, "Total Orders"), col(&ch, "Total Spent"));
    let mut by_email: HashMap<&str, (i64, i64)> = HashMap::new();
    for o in orders.values().filter(|o| !o.cancelled) {
        let e = by_email.entry(o.email.as_str()).or_default();
        e.0 += 1;
        e.1 += o.total;
    }
    let mut customer_emails = HashSet::new();
    for r in &crows {
        assert!(is_example_email(&r[ce]));
        assert!(customer_emails.insert(r[ce].to_string()), "duplicate customer e-mail");
        let (n, spent) = by_email.get(&r[ce]).copied().unwrap_or((0, 0));
        assert_eq!(r[cto].parse::<i64>().unwrap(), n, "Total Orders of {}", &r[ce]);
        assert_eq!(cents(&r[cts]), spent, "Total Spent of {}", &r[ce]);
    }
    let guests = orders.values().filter(|o| !customer_emails.contains(&o.email)).count();
    let guest_share = guests as f64 / orders.len() as f64;
    assert!((0.05..0.11).contains(&guest_share), "guest share {guest_share}");

    // Returns: refunded amounts match; statuses follow.
    let (_, rrows, rh) = read_csv(&shopify(&g.root, "returns.csv.zst"));
    let (ro, rsku, rreason, ramt) =
        (col(&rh, "Order"), col(&rh, "Lineitem sku"), col(&rh, "Reason"), col(&rh, "Refunded Amount"));
    let mut refunds: HashMap<&str, i64> = HashMap::new();
    for r in &rrows {
        assert!(RETURN_REASONS.contains(&&r[rreason]), "reason {}", &r[rreason]);
        assert!(skus.contains(&r[rsku]));
        *refunds.entry(&r[ro]).or_default() += cents(&r[ramt]);
    }
    for (n, o) in &orders {
        if o.cancelled {
            assert!(!refunds.contains_key(n.as_str()), "cancelled order {n} has returns");
            assert!(o.financial == "voided" || o.financial == "refunded", "cancelled {n} is {}", o.financial);
            continue;
        }
        let r = refunds.get(n.as_str()).copied().unwrap_or(0);
        assert_eq!(o.refunded, r, "Refunded Amount of {n}");
        if r > 0 {
            let want = if r == o.total { "refunded" } else { "partially_refunded" };
            assert_eq!(o.financial, want, "status of {n}");
        } else {
            assert!(o.financial == "paid" || o.financial == "pending", "status of {n}: {}", o.financial);
        }
    }
}

#[test]
fn sizes_at_scale_one() {
    let g = store();
    let s = &g.summary;
    assert_eq!(s.products, 1500);
    assert!((4000..=6000).contains(&s.variants), "variants {}", s.variants);
    assert_eq!(s.customers, 8000);
    assert!((55_000..=65_000).contains(&s.orders), "orders {}", s.orders);
    let lpo = s.order_lines as f64 / s.orders as f64;
    assert!((1.6..=2.0).contains(&lpo), "lines per order {lpo}");
    assert!(s.returns > 1000);
    assert!(s.kb_documents >= 9);
    assert!((1400..=1600).contains(&s.conversations));
    // 40,000 assigned per experiment; the checkout redesign lost about 4% of
    // its treatment exposures (2% of its visitors).
    assert!((119_000..=119_800).contains(&s.experiment_visitors), "experiment visitors {}", s.experiment_visitors);

    // Distinct product titles; some out of stock.
    let (_, prows, ph) = read_csv(&shopify(&g.root, "products_export.csv.zst"));
    let (tc, qc) = (col(&ph, "Title"), col(&ph, "Inventory quantity"));
    let titles: Vec<&str> = prows.iter().map(|r| &r[tc]).filter(|t| !t.is_empty()).collect();
    assert_eq!(titles.len(), s.products);
    assert_eq!(titles.iter().collect::<HashSet<_>>().len(), titles.len(), "titles are distinct");
    let oos = prows.iter().filter(|r| &r[qc] == "0").count() as f64 / prows.len() as f64;
    assert!((0.05..=0.08).contains(&oos), "out of stock share {oos}");

    // Returning customers 25-40%.
    let (_, crows, ch) = read_csv(&shopify(&g.root, "customers_export.csv.zst"));
    let to = col(&ch, "Total Orders");
    let ordering = crows.iter().filter(|r| r[to].parse::<u32>().unwrap() > 0).count();
    let repeat = crows.iter().filter(|r| r[to].parse::<u32>().unwrap() > 1).count();
    let rate = repeat as f64 / ordering as f64;
    assert!((0.25..=0.40).contains(&rate), "returning-customer rate {rate}");

    // Cancelled 1-2%.
    let (_, orows, oh) = read_csv(&shopify(&g.root, "orders_export.csv.zst"));
    let canc = col(&oh, "Cancelled at");
    let cancelled = orows.iter().filter(|r| !r[canc].is_empty()).count() as f64 / s.orders as f64;
    assert!((0.01..=0.02).contains(&cancelled), "cancelled share {cancelled}");
}

#[test]
fn conversations_and_events_are_well_formed() {
    let g = store();
    let (_, rows, h) = read_csv(&g.root.join("support/conversations.csv.zst"));
    let (id, role, intent, res, csat) =
        (col(&h, "conversation_id"), col(&h, "role"), col(&h, "intent"), col(&h, "resolution"), col(&h, "csat"));
    let mut counts: Vec<(String, usize)> = Vec::new();
    for r in &rows {
        assert!(&r[role] == "customer" || &r[role] == "agent");
        if counts.last().is_none_or(|(c, _)| c != &r[id]) {
            assert!(INTENTS.contains(&&r[intent]), "intent {}", &r[intent]);
            assert!(["resolved", "escalated", "abandoned"].contains(&&r[res]));
            assert!(r[csat].is_empty() || (1..=5).contains(&r[csat].parse::<u8>().unwrap()));
            counts.push((r[id].to_string(), 1));
        } else {
            assert!(r[intent].is_empty());
            counts.last_mut().unwrap().1 += 1;
        }
    }
    assert_eq!(counts.len(), g.summary.conversations);
    assert!(counts.iter().all(|(_, n)| (2..=6).contains(n)));

    let (_, rows, h) = read_csv(&g.root.join("experiments/events.csv.zst"));
    let (vid, ev) = (col(&h, "visitor_id"), col(&h, "event"));
    let exposures: HashSet<&str> = rows.iter().filter(|r| &r[ev] == "exposure").map(|r| &r[vid]).collect();
    let n_exposure = rows.iter().filter(|r| &r[ev] == "exposure").count();
    assert_eq!(n_exposure, exposures.len(), "one exposure per visitor");
    assert_eq!(exposures.len(), g.summary.experiment_visitors);
}

#[test]
fn zero_scale_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    assert!(generate(&SampleOptions { seed: 1, scale: 0, zstd_level: Some(3) }, dir.path(), &mut |_, _, _| {}).is_err());
}

#[test]
fn default_options_compress_at_level_19() {
    assert_eq!(SampleOptions::default(), SampleOptions { seed: 7, scale: 1, zstd_level: Some(19) });
}

#[test]
fn plain_output_without_compression() {
    let g = store();
    let plain = generate_in_temp(&SampleOptions { zstd_level: None, ..opts(7) });
    for (name, header) in CSV_FILES {
        let path = plain.root.join(name);
        assert!(plain.summary.files.contains(&path), "{name} not listed");
        assert!(!plain.root.join(format!("{name}.zst")).exists(), "{name}.zst written without compression");
        let text = read_text(&path);
        assert_eq!(text.lines().next(), Some(header), "header of plain {name}");
        // Same data as the compressed store, only not compressed.
        assert!(text == read_text(&g.root.join(format!("{name}.zst"))), "{name} differs from its .zst");
    }
    for f in &plain.summary.files {
        let ext = f.extension().and_then(|e| e.to_str()).unwrap_or_default();
        assert!(ext == "csv" || ext == "md", "{} is neither .csv nor Markdown", f.display());
    }
}
