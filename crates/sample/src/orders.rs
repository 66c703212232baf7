//! The order history: a day-by-day simulation over the fixed 24 months with
//! growth, seasonality and sale events; customer acquisition and repeat buying;
//! baskets built from customer affinity plus explicit complement rules; discounts,
//! shipping, taxes, cancellations and returns. Orders stream straight into
//! `shopify/orders_export.csv.zst` and returns into `shopify/returns.csv.zst`
//! (plain `.csv` when compression is off).

use std::path::Path;

use chrono::{Datelike, Weekday};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::catalog::{kind_index, Catalog, Dept, Status, KINDS};
use crate::customers::{email_part, Customers, EMAIL_DOMAINS};
use crate::geo::{self, Address, Zone};
use crate::names::{FIRST_NAMES, LAST_NAMES};
use crate::util::{
    day_date, day_month, end_ts, money, pick, pick_weighted, rng_for, round_cents, shopify_ts, start_ts, CsvOut,
    Cumulative, HISTORY_DAYS,
};
use crate::{SampleError, Stage};

pub const ORDERS_HEADER: [&str; 79] = [
    "Name",
    "Email",
    "Financial Status",
    "Paid at",
    "Fulfillment Status",
    "Fulfilled at",
    "Accepts Marketing",
    "Currency",
    "Subtotal",
    "Shipping",
    "Taxes",
    "Total",
    "Discount Code",
    "Discount Amount",
    "Shipping Method",
    "Created at",
    "Lineitem quantity",
    "Lineitem name",
    "Lineitem price",
    "Lineitem compare at price",
    "Lineitem sku",
    "Lineitem requires shipping",
    "Lineitem taxable",
    "Lineitem fulfillment status",
    "Billing Name",
    "Billing Street",
    "Billing Address1",
    "Billing Address2",
    "Billing Company",
    "Billing City",
    "Billing Zip",
    "Billing Province",
    "Billing Country",
    "Billing Phone",
    "Shipping Name",
    "Shipping Street",
    "Shipping Address1",
    "Shipping Address2",
    "Shipping Company",
    "Shipping City",
    "Shipping Zip",
    "Shipping Province",
    "Shipping Country",
    "Shipping Phone",
    "Notes",
    "Note Attributes",
    "Cancelled at",
    "Payment Method",
    "Payment Reference",
    "Refunded Amount",
    "Vendor",
    "Outstanding Balance",
    "Employee",
    "Location",
    "Device ID",
    "Id",
    "Tags",
    "Risk Level",
    "Source",
    "Lineitem discount",
    "Tax 1 Name",
    "Tax 1 Value",
    "Tax 2 Name",
    "Tax 2 Value",
    "Tax 3 Name",
    "Tax 3 Value",
    "Tax 4 Name",
    "Tax 4 Value",
    "Tax 5 Name",
    "Tax 5 Value",
    "Phone",
    "Receipt Number",
    "Duties",
    "Billing Province Name",
    "Shipping Province Name",
    "Payment ID",
    "Payment Terms Name",
    "Next Payment Due At",
    "Payment References",
];

pub const RETURNS_HEADER: &[&str] =
    &["Order", "Lineitem sku", "Quantity", "Reason", "Note", "Created at", "Refunded Amount"];

pub const RETURN_REASONS: &[&str] = &[
    "SIZE_TOO_SMALL",
    "SIZE_TOO_LARGE",
    "UNWANTED",
    "NOT_AS_DESCRIBED",
    "DEFECTIVE",
    "WRONG_ITEM",
    "STYLE",
    "COLOR",
    "OTHER",
];

/// Orders per customer are capped here (a heavy buyer stops being drawn).
const MAX_ORDERS_PER_CUSTOMER: u32 = 60;
/// Share of orders placed by guests whose e-mail is not in the customers file.
const GUEST_SHARE: f64 = 0.08;
const CANCEL_SHARE: f64 = 0.015;

/// A compact trace of one order, kept for the support conversations.
#[derive(Debug, Clone, Copy)]
pub struct OrderRef {
    pub ts: i64,
    pub product: u32,
    pub fulfilled: bool,
}

/// Aggregates reported in the README.
#[derive(Debug, Clone, Default)]
pub struct OrderStats {
    pub guest_orders: usize,
    pub cancelled: usize,
    pub refunded: usize,
    pub partially_refunded: usize,
    pub pending: usize,
    pub ordering_customers: usize,
    pub repeat_customers: usize,
    pub gross_sales: i64,
    /// (title, lines sold, lines returned, returned as SIZE_TOO_SMALL)
    pub runs_small: Vec<(String, usize, usize, usize)>,
    /// The same for all other apparel and footwear together.
    pub other_sized: (usize, usize, usize),
    pub discount_orders: Vec<(&'static str, usize)>,
}

pub struct OrdersOutput {
    pub orders: usize,
    pub lines: usize,
    pub returns: usize,
    pub refs: Vec<OrderRef>,
    pub stats: OrderStats,
}

/// Fenwick tree over customer weights: add, update and weighted draw in O(log n).
struct Fenwick {
    tree: Vec<f64>,
    vals: Vec<f64>,
}

impl Fenwick {
    fn new(n: usize) -> Self {
        Fenwick { tree: vec![0.0; n + 1], vals: vec![0.0; n] }
    }
    fn set(&mut self, i: usize, w: f64) {
        let delta = w - self.vals[i];
        self.vals[i] = w;
        let mut j = i + 1;
        while j < self.tree.len() {
            self.tree[j] += delta;
            j += j & j.wrapping_neg();
        }
    }
    fn total(&self) -> f64 {
        let mut s = 0.0;
        let mut j = self.tree.len() - 1;
        while j > 0 {
            s += self.tree[j];
            j -= j & j.wrapping_neg();
        }
        s
    }
    /// Index whose cumulative range contains `x` (0 <= x < total).
    fn find(&self, mut x: f64) -> usize {
        let n = self.tree.len() - 1;
        let mut pos = 0;
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if next <= n && self.tree[next] <= x {
                pos = next;
                x -= self.tree[next];
            }
            step >>= 1;
        }
        // Skip zero-weight entries that floating-point drift may land on.
        let mut i = pos.min(n - 1);
        while self.vals[i] <= 0.0 && i + 1 < n {
            i += 1;
        }
        i
    }
}

/// Fourth Thursday of November plus one: Black Friday of a year.
fn black_friday(year: i32) -> chrono::NaiveDate {
    let mut d = chrono::NaiveDate::from_ymd_opt(year, 11, 1).expect("valid date");
    let mut thursdays = 0;
    loop {
        if d.weekday() == Weekday::Thu {
            thursdays += 1;
            if thursdays == 4 {
                return d + chrono::Duration::days(1);
            }
        }
        d += chrono::Duration::days(1);
    }
}

/// Which discount campaign runs on a day (code, percent off, share of orders using it).
fn campaign(day: i64) -> Option<(&'static str, i64, f64)> {
    let date = day_date(day);
    let bf = black_friday(date.year());
    let (m, d) = (date.month(), date.day());
    if date >= bf && date <= bf + chrono::Duration::days(3) {
        Some(("BLACKFRIDAY25", 25, 0.6))
    } else if m == 7 && d <= 14 {
        Some(("SUMMER15", 15, 0.45))
    } else if m == 4 && d <= 7 {
        Some(("SPRING10", 10, 0.35))
    } else {
        None
    }
}

/// Relative order volume of a day: growth, month, weekday and sale events.
fn day_weight(day: i64) -> f64 {
    let date = day_date(day);
    let growth = 1.0 + 0.6 * day as f64 / (HISTORY_DAYS - 1) as f64;
    let month = match date.month() {
        1 => 0.72,
        2 => 0.7,
        3 => 0.85,
        4 => 0.95,
        5 => 1.05,
        6 => 1.15,
        7 => 1.2,
        8 => 1.1,
        9 => 0.9,
        10 => 0.95,
        11 => 1.35,
        _ => 1.6,
    };
    let weekday = match date.weekday() {
        Weekday::Sun => 1.12,
        Weekday::Mon => 1.08,
        Weekday::Tue => 1.0,
        Weekday::Wed => 0.98,
        Weekday::Thu => 0.96,
        Weekday::Fri => 0.92,
        Weekday::Sat => 0.9,
    };
    let event = match campaign(day) {
        Some(("BLACKFRIDAY25", _, _)) => 2.6,
        Some(("SUMMER15", _, _)) => 1.4,
        Some(_) => 1.25,
        None => {
            // After the Christmas shipping cut-off (20 December) sales drop.
            if date.month() == 12 && date.day() > 20 {
                0.55
            } else {
                1.0
            }
        }
    };
    growth * month * weekday * event
}

const HOUR_WEIGHTS: [f64; 24] = [
    0.6, 0.45, 0.35, 0.3, 0.3, 0.35, 0.5, 0.75, 1.0, 1.1, 1.2, 1.3, 1.4, 1.4, 1.4, 1.45, 1.5, 1.6, 1.8, 2.0, 2.1, 1.9,
    1.5, 1.0,
];

/// Accessories bought together with a main item: (main kind, complement kind, probability).
pub const COMPLEMENTS: &[(&str, &str, f64)] = &[
    ("hiking_boot", "socks", 0.45),
    ("hiking_boot", "boot_care", 0.2),
    ("trail_shoe", "socks", 0.35),
    ("winter_boot", "socks", 0.35),
    ("winter_boot", "boot_care", 0.15),
    ("rain_shell", "wax", 0.25),
    ("rain_shell", "rain_pants", 0.08),
    ("rain_pants", "wax", 0.15),
    ("insulated_jacket", "tech_wash", 0.15),
    ("insulated_jacket", "hat", 0.18),
    ("insulated_jacket", "gloves", 0.15),
    ("parka", "hat", 0.2),
    ("parka", "gloves", 0.2),
    ("softshell", "tech_wash", 0.1),
    ("fleece", "neck_gaiter", 0.08),
    ("backpack", "bottle", 0.35),
    ("backpack", "headlamp", 0.08),
    ("tent", "tent_accessory", 0.3),
    ("tent", "sleeping_pad", 0.18),
    ("tent", "repair", 0.1),
    ("sleeping_bag", "sleeping_pad", 0.3),
    ("stove", "cookware", 0.35),
    ("base_layer", "socks", 0.15),
    ("pants", "socks", 0.1),
    ("sweater", "tech_wash", 0.08),
];

/// How likely a kind is to be the main item of an order, relative to its catalogue share.
fn main_factor(key: &str) -> f64 {
    match key {
        "socks" => 0.7,
        "wax" | "tech_wash" | "boot_care" | "repair" => 0.5,
        "tent_accessory" | "cookware" => 0.6,
        "rain_shell" | "insulated_jacket" | "hiking_boot" | "backpack" => 1.3,
        _ => 1.0,
    }
}

struct Line {
    variant: u32,
    qty: i64,
}

/// Picks a product of a kind by popularity, then a variant by size/colour popularity.
fn pick_variant(rng: &mut ChaCha8Rng, catalog: &Catalog, kind: usize) -> Option<u32> {
    let (ids, cum) = &catalog.by_kind[kind];
    if cum.is_empty() {
        return None;
    }
    let p = &catalog.products[ids[cum.sample(rng)] as usize];
    let vs = catalog.variants_of(p);
    let w: Vec<f64> = vs.iter().map(|v| v.weight).collect();
    Some(p.first_variant + pick_weighted(rng, &w) as u32)
}

fn add_line(lines: &mut Vec<Line>, variant: u32, qty: i64) {
    if let Some(l) = lines.iter_mut().find(|l| l.variant == variant) {
        l.qty += qty;
    } else {
        lines.push(Line { variant, qty });
    }
}

fn quantity(rng: &mut ChaCha8Rng, dept: Dept, key: &str) -> i64 {
    let x: f64 = rng.random();
    if key == "socks" {
        if x < 0.55 {
            1
        } else if x < 0.85 {
            2
        } else {
            3
        }
    } else if dept == Dept::Care {
        if x < 0.75 {
            1
        } else {
            2
        }
    } else if x < 0.96 {
        1
    } else {
        2
    }
}

fn reason_weights(dept: Dept, runs_small: bool, has_color: bool) -> [f64; 9] {
    // Order: SIZE_TOO_SMALL, SIZE_TOO_LARGE, UNWANTED, NOT_AS_DESCRIBED, DEFECTIVE, WRONG_ITEM, STYLE, COLOR, OTHER
    if runs_small {
        [0.72, 0.03, 0.06, 0.05, 0.02, 0.01, 0.05, 0.04, 0.02]
    } else if dept.is_sized() {
        [0.26, 0.26, 0.12, 0.07, 0.05, 0.02, 0.1, if has_color { 0.08 } else { 0.0 }, 0.04]
    } else if dept == Dept::Care {
        // Care products are final sale unless faulty or sent in error.
        [0.0, 0.0, 0.0, 0.0, 0.6, 0.4, 0.0, 0.0, 0.0]
    } else {
        [0.0, 0.0, 0.35, 0.2, 0.2, 0.08, 0.05, if has_color { 0.07 } else { 0.0 }, 0.05]
    }
}

fn return_note(rng: &mut ChaCha8Rng, reason: &str) -> &'static str {
    if rng.random_bool(0.45) {
        return "";
    }
    let notes: &[&str] = match reason {
        "SIZE_TOO_SMALL" => &[
            "Too tight across the shoulders",
            "Ordered my usual size but it is too small",
            "Length is too short",
            "Toe box too narrow, need a size up",
            "Tight at the waist",
        ],
        "SIZE_TOO_LARGE" => &["Too baggy", "Sleeves too long", "Heel slips, too big", "Waist too loose"],
        "UNWANTED" => &["Changed my mind", "Bought a different one", "Gift not needed", "Ordered two to compare"],
        "NOT_AS_DESCRIBED" => {
            &["Heavier than expected", "Fabric feels thinner than described", "Not as warm as expected"]
        }
        "DEFECTIVE" => &["Zip broke after first use", "Seam coming apart", "Leaking lid", "Cap was cracked on arrival"],
        "WRONG_ITEM" => {
            &["Received the wrong colour", "Received a different size than ordered", "Wrong product in the box"]
        }
        "STYLE" => &["Does not suit me", "Fit is not flattering", "Prefer a more relaxed cut"],
        "COLOR" => &["Colour looks different from the photos", "Darker than expected"],
        _ => &["See customer email", "Bought by mistake"],
    };
    notes[rng.random_range(0..notes.len())]
}

fn tax_label(name: &str, rate: f64) -> String {
    let pct = format!("{:.3}", rate * 100.0);
    let pct = pct.trim_end_matches('0').trim_end_matches('.');
    format!("{name} {pct}%")
}

/// When the warehouse ships an order: in one of two daily label runs
/// (10:00 and 15:00 UTC, Monday to Friday) at least two hours after it was placed.
fn fulfillment_time(rng: &mut ChaCha8Rng, ts: i64) -> i64 {
    let ready = ts + 2 * 3600;
    let mut day = ready.div_euclid(86_400);
    loop {
        let weekday = (day + 3).rem_euclid(7); // 0 = Monday (1970-01-01 was a Thursday)
        if weekday < 5 {
            for hour in [10i64, 15] {
                let slot = day * 86_400 + hour * 3600;
                if slot >= ready {
                    return slot + rng.random_range(0..1800);
                }
            }
        }
        day += 1;
    }
}

struct Buyer {
    name: String,
    email: String,
    accepts: bool,
    address: Address,
    tax_exempt: bool,
    customer: Option<usize>,
    first_order: bool,
    previous_orders: u32,
    fav: Dept,
}

/// Runs the simulation and streams the orders and returns files.
#[allow(clippy::too_many_arguments)]
pub fn simulate(
    seed: u64,
    scale: usize,
    catalog: &Catalog,
    customers: &mut Customers,
    orders_path: &Path,
    returns_path: &Path,
    zstd_level: Option<i32>,
    progress: &mut dyn FnMut(Stage, u64, u64),
) -> Result<OrdersOutput, SampleError> {
    let mut rng = rng_for(seed, 3);
    let total_orders = 60_000 * scale;
    progress(Stage::Orders, 0, total_orders as u64);

    // Orders per day: cumulative rounding of the day weights gives an exact total.
    let weights: Vec<f64> = (0..HISTORY_DAYS).map(day_weight).collect();
    let wsum: f64 = weights.iter().sum();
    let mut per_day = Vec::with_capacity(weights.len());
    let mut acc = 0.0;
    let mut given = 0usize;
    for w in &weights {
        acc += w;
        let upto = ((acc / wsum) * total_orders as f64).round() as usize;
        per_day.push(upto - given);
        given = upto;
    }

    // Main-item kind tables per (month, favourite department).
    let fav_boost = 3.0;
    let mut main_tables: Vec<Cumulative> = Vec::with_capacity(12 * 7);
    for month in 1..=12u32 {
        for dept in Dept::ALL {
            main_tables.push(Cumulative::new(KINDS.iter().map(|k| {
                k.share * main_factor(k.key) * k.season.factor(month) * if k.dept == dept { fav_boost } else { 1.0 }
            })));
        }
    }
    let complements: Vec<Vec<(usize, f64)>> = KINDS
        .iter()
        .map(|k| COMPLEMENTS.iter().filter(|c| c.0 == k.key).map(|c| (kind_index(c.1), c.2)).collect())
        .collect();
    let dept_weights = [0.2, 0.15, 0.1, 0.15, 0.15, 0.2, 0.05];

    // Customer acquisition: customers join in file order; the acquired share
    // follows a concave curve (many new customers early, repeat buying later).
    let n_cust = customers.list.len();
    let orderers: Vec<usize> = (0..n_cust).filter(|&i| !customers.list[i].never_orders).collect();
    let mut next_new = 0usize;
    let mut fenwick = Fenwick::new(n_cust.max(1));

    let mut out = CsvOut::create(orders_path, zstd_level)?;
    out.row(ORDERS_HEADER)?;
    let mut ret = CsvOut::create(returns_path, zstd_level)?;
    ret.row(RETURNS_HEADER)?;

    let mut stats = OrderStats::default();
    let runs_small_products: Vec<usize> =
        catalog.products.iter().enumerate().filter(|(_, p)| p.runs_small).map(|(i, _)| i).collect();
    stats.runs_small = runs_small_products.iter().map(|&i| (catalog.products[i].title.clone(), 0, 0, 0)).collect();
    let mut discount_counts: Vec<(&'static str, usize)> =
        ["WELCOME10", "THANKYOU15", "SPRING10", "SUMMER15", "BLACKFRIDAY25"].iter().map(|c| (*c, 0)).collect();

    let mut refs: Vec<OrderRef> = Vec::with_capacity(total_orders);
    let mut row: Vec<String> = vec![String::new(); ORDERS_HEADER.len()];
    let mut n_lines = 0usize;
    let mut n_returns = 0usize;
    let mut order_no = 1001u64;
    let mut guest_counter = 0u64;
    let start = start_ts();
    let end = end_ts();
    let mut done = 0usize;

    for (day, &count) in per_day.iter().enumerate() {
        let day = day as i64;
        let month = day_month(day);
        let mut times: Vec<i64> = (0..count)
            .map(|_| {
                let h = pick_weighted(&mut rng, &HOUR_WEIGHTS) as i64;
                start + day * 86_400 + h * 3600 + rng.random_range(0..3600)
            })
            .collect();
        times.sort_unstable();
        for ts in times {
            // Who buys.
            let x = (done as f64 + 0.5) / total_orders as f64;
            let buyer = if rng.random_bool(GUEST_SHARE) {
                guest_counter += 1;
                let first = *pick(&mut rng, FIRST_NAMES);
                let last = *pick(&mut rng, LAST_NAMES);
                let domain = EMAIL_DOMAINS[pick_weighted(&mut rng, &[0.6, 0.2, 0.2])];
                Buyer {
                    name: format!("{first} {last}"),
                    // Guests' addresses contain an underscore, which registered
                    // customers' never do: the two sets cannot collide.
                    email: format!("{}_{}{}@{domain}", email_part(first), email_part(last), guest_counter),
                    accepts: rng.random_bool(0.3),
                    address: geo::address(&mut rng),
                    tax_exempt: false,
                    customer: None,
                    first_order: true,
                    previous_orders: 0,
                    fav: Dept::ALL[pick_weighted(&mut rng, &dept_weights)],
                }
            } else {
                let target = orderers.len() as f64 * x.powf(0.7);
                let want_new = next_new < orderers.len()
                    && (fenwick.total() <= 1e-9
                        || rng.random_bool(if (next_new as f64) < target { 0.9 } else { 0.03 }));
                let ci = if want_new {
                    let ci = orderers[next_new];
                    next_new += 1;
                    let w = customers.list[ci].propensity;
                    if w > 0.0 {
                        fenwick.set(ci, w);
                    }
                    ci
                } else {
                    let u = rng.random::<f64>() * fenwick.total();
                    fenwick.find(u)
                };
                let c = &mut customers.list[ci];
                c.orders_placed += 1;
                if c.orders_placed >= MAX_ORDERS_PER_CUSTOMER {
                    fenwick.set(ci, 0.0);
                }
                Buyer {
                    name: format!("{} {}", c.first, c.last),
                    email: c.email.clone(),
                    accepts: c.accepts_email,
                    address: c.address.clone(),
                    tax_exempt: c.tax_exempt,
                    customer: Some(ci),
                    first_order: c.orders_placed == 1,
                    previous_orders: c.orders_placed - 1,
                    fav: c.fav_dept,
                }
            };

            // What they buy.
            let table = &main_tables[(month as usize - 1) * 7 + buyer.fav.index()];
            let mut lines: Vec<Line> = Vec::with_capacity(4);
            let mut mains = 0;
            loop {
                let k = table.sample(&mut rng);
                if let Some(v) = pick_variant(&mut rng, catalog, k) {
                    let kind = &KINDS[k];
                    add_line(&mut lines, v, quantity(&mut rng, kind.dept, kind.key));
                    for &(ck, p) in &complements[k] {
                        if rng.random_bool(p) {
                            if let Some(cv) = pick_variant(&mut rng, catalog, ck) {
                                let ckind = &KINDS[ck];
                                add_line(&mut lines, cv, quantity(&mut rng, ckind.dept, ckind.key));
                            }
                        }
                    }
                }
                mains += 1;
                if mains >= 5 || !rng.random_bool(0.3) {
                    break;
                }
            }
            if lines.is_empty() {
                continue;
            }

            // Money.
            let subtotal: i64 = lines.iter().map(|l| catalog.variants[l.variant as usize].price * l.qty).sum();
            let code = match campaign(day) {
                Some((code, pct, share)) if rng.random_bool(share) => Some((code, pct)),
                _ => {
                    if buyer.customer.is_some() && buyer.first_order && buyer.accepts && rng.random_bool(0.3) {
                        Some(("WELCOME10", 10))
                    } else if buyer.previous_orders >= 3 && rng.random_bool(0.05) {
                        Some(("THANKYOU15", 15))
                    } else {
                        None
                    }
                }
            };
            let discount = code.map_or(0, |(_, pct)| round_cents(subtotal as f64 * pct as f64 / 100.0));
            if let Some((c, _)) = code {
                if let Some(e) = discount_counts.iter_mut().find(|e| e.0 == c) {
                    e.1 += 1;
                }
            }
            // Allocate the discount to lines in proportion; the last line takes the remainder.
            let mut line_disc: Vec<i64> = Vec::with_capacity(lines.len());
            let mut left = discount;
            for (i, l) in lines.iter().enumerate() {
                let lt = catalog.variants[l.variant as usize].price * l.qty;
                let d = if i + 1 == lines.len() {
                    left
                } else {
                    round_cents(discount as f64 * lt as f64 / subtotal as f64)
                };
                line_disc.push(d);
                left -= d;
            }
            let net = subtotal - discount;
            let zone = buyer.address.country().zone;
            let express = zone == Zone::Us && rng.random_bool(0.1);
            let (shipping, method) = match zone {
                Zone::Us if express => (1495, "Express Shipping"),
                Zone::Us if net >= 7500 => (0, "Free Shipping"),
                Zone::Us => (695, "Standard Shipping"),
                Zone::Canada if net >= 15000 => (0, "Free International Shipping"),
                Zone::Canada => (1295, "International Shipping"),
                Zone::Europe if net >= 15000 => (0, "Free International Shipping"),
                Zone::Europe => (1995, "International Shipping"),
                Zone::Oceania if net >= 20000 => (0, "Free International Shipping"),
                Zone::Oceania => (2495, "International Shipping"),
            };
            let prov = buyer.address.province();
            let rate = if buyer.tax_exempt { 0.0 } else { prov.tax_rate };
            let line_tax: Vec<i64> = lines
                .iter()
                .zip(&line_disc)
                .map(|(l, d)| round_cents((catalog.variants[l.variant as usize].price * l.qty - d) as f64 * rate))
                .collect();
            let taxes: i64 = line_tax.iter().sum::<i64>() + round_cents(shipping as f64 * rate);
            let total = net + shipping + taxes;

            // Status.
            let cancelled = rng.random_bool(CANCEL_SHARE);
            let pending = !cancelled && (rng.random_bool(0.004) || (ts > end - 3 * 86_400 && rng.random_bool(0.12)));
            let paypal = !pending && rng.random_bool(0.22);
            let paid_at = if pending {
                None
            } else if paypal {
                Some(ts + rng.random_range(1..20))
            } else {
                Some(ts + rng.random_range(0..3))
            };
            let fulfilled_at = if cancelled || pending {
                None
            } else {
                let f = fulfillment_time(&mut rng, ts);
                (f < end).then_some(f)
            };
            let mut financial = if pending { "pending" } else { "paid" };
            let mut refunded = 0i64;
            let mut cancelled_at = None;
            let mut paid_at = paid_at;
            if cancelled {
                cancelled_at = Some(ts + rng.random_range(600..72_000));
                if rng.random_bool(0.45) {
                    financial = "voided";
                    paid_at = None;
                } else {
                    financial = "refunded";
                    refunded = total;
                }
            }
            let name = format!("#{order_no}");

            // Returns (only of delivered, paid, non-cancelled orders).
            if let (Some(f), false, false) = (fulfilled_at, cancelled, pending) {
                for (i, l) in lines.iter().enumerate() {
                    let v = &catalog.variants[l.variant as usize];
                    let p = &catalog.products[v.product as usize];
                    let kind = p.kind();
                    let rate_mult = if p.runs_small { 3.0 } else { 1.0 };
                    let sized = kind.dept.is_sized();
                    let rs_idx = runs_small_products.iter().position(|&x| x == v.product as usize);
                    if let Some(ri) = rs_idx {
                        stats.runs_small[ri].1 += 1;
                    } else if sized {
                        stats.other_sized.0 += 1;
                    }
                    if !rng.random_bool((kind.return_rate * rate_mult).min(0.9)) {
                        continue;
                    }
                    let created = f + rng.random_range(2 * 86_400..26 * 86_400);
                    if created >= end {
                        continue;
                    }
                    let rw = reason_weights(kind.dept, p.runs_small, !v.opt2.is_empty() || p.opt1_name == "Color");
                    let reason = RETURN_REASONS[pick_weighted(&mut rng, &rw)];
                    let q = if l.qty > 1 { rng.random_range(1..=l.qty) } else { 1 };
                    let line_total = v.price * l.qty - line_disc[i] + line_tax[i];
                    let amount =
                        if q == l.qty { line_total } else { round_cents(line_total as f64 * q as f64 / l.qty as f64) };
                    refunded += amount;
                    n_returns += 1;
                    if let Some(ri) = rs_idx {
                        stats.runs_small[ri].2 += 1;
                        if reason == "SIZE_TOO_SMALL" {
                            stats.runs_small[ri].3 += 1;
                        }
                    } else if sized {
                        stats.other_sized.1 += 1;
                        if reason == "SIZE_TOO_SMALL" {
                            stats.other_sized.2 += 1;
                        }
                    }
                    let note = return_note(&mut rng, reason);
                    ret.row([
                        name.as_str(),
                        &v.sku,
                        &q.to_string(),
                        reason,
                        note,
                        &shopify_ts(created),
                        &money(amount),
                    ])?;
                }
                if refunded > 0 {
                    financial = if refunded >= total { "refunded" } else { "partially_refunded" };
                }
            }
            match financial {
                "refunded" => stats.refunded += 1,
                "partially_refunded" => stats.partially_refunded += 1,
                "pending" => stats.pending += 1,
                _ => {}
            }
            if cancelled {
                stats.cancelled += 1;
            }
            if buyer.customer.is_none() {
                stats.guest_orders += 1;
            }
            if let Some(ci) = buyer.customer {
                if !cancelled {
                    let c = &mut customers.list[ci];
                    c.total_orders += 1;
                    c.total_spent += total;
                }
            }
            if !cancelled {
                stats.gross_sales += total;
            }

            // Rows.
            let fulfillment = if fulfilled_at.is_some() { "fulfilled" } else { "unfulfilled" };
            let line_ful = if fulfilled_at.is_some() { "fulfilled" } else { "pending" };
            let created = shopify_ts(ts);
            let id = 5_842_000_000_000u64 + order_no * 1000 + rng.random_range(0..1000u64);
            let source =
                ["web", "iphone", "android", "shopify_draft_order"][pick_weighted(&mut rng, &[0.82, 0.09, 0.07, 0.02])];
            let risk = ["Low", "Medium", "High"][pick_weighted(&mut rng, &[0.97, 0.025, 0.005])];
            let payment = if pending {
                "Bank Deposit"
            } else if paypal {
                "PayPal Express Checkout"
            } else {
                "Shopify Payments"
            };
            let note = if rng.random_bool(0.01) {
                *pick(
                    &mut rng,
                    &[
                        "Please leave with a neighbour if I'm out",
                        "Gift - please don't include the receipt",
                        "Leave at the back door",
                    ],
                )
            } else {
                ""
            };
            let a = &buyer.address;
            for (i, l) in lines.iter().enumerate() {
                let v = &catalog.variants[l.variant as usize];
                let p = &catalog.products[v.product as usize];
                row.iter_mut().for_each(String::clear);
                row[0].push_str(&name);
                row[1].push_str(&buyer.email);
                row[2].push_str(financial);
                row[4].push_str(fulfillment);
                row[7].push_str("USD");
                row[15].push_str(&created);
                row[16] = l.qty.to_string();
                row[17].push_str(&p.title);
                if !v.title.is_empty() {
                    row[17].push_str(" - ");
                    row[17].push_str(&v.title);
                }
                row[18] = money(v.price);
                if v.compare_at > 0 {
                    row[19] = money(v.compare_at);
                }
                row[20].push_str(&v.sku);
                row[21].push_str("true");
                row[22].push_str("true");
                row[23].push_str(line_ful);
                row[50].push_str(p.vendor);
                row[59] = money(line_disc[i]);
                if i == 0 {
                    if let Some(t) = paid_at {
                        row[3] = shopify_ts(t);
                    }
                    if let Some(t) = fulfilled_at {
                        row[5] = shopify_ts(t);
                    }
                    row[6].push_str(if buyer.accepts { "yes" } else { "no" });
                    row[8] = money(subtotal);
                    row[9] = money(shipping);
                    row[10] = money(taxes);
                    row[11] = money(total);
                    if let Some((c, _)) = code {
                        row[12].push_str(c);
                    }
                    row[13] = money(discount);
                    row[14].push_str(method);
                    for base in [24usize, 34] {
                        row[base].push_str(&buyer.name);
                        row[base + 1] = a.street();
                        row[base + 2].push_str(&a.address1);
                        row[base + 3].push_str(&a.address2);
                        row[base + 4].push_str(&a.company);
                        row[base + 5].push_str(&a.city);
                        row[base + 6].push_str(&a.zip);
                        row[base + 7].push_str(prov.code);
                        row[base + 8].push_str(a.country().code);
                        row[base + 9].push_str(&a.phone);
                    }
                    row[44].push_str(note);
                    if let Some(t) = cancelled_at {
                        row[46] = shopify_ts(t);
                    }
                    row[47].push_str(payment);
                    if paid_at.is_some() {
                        row[48] = format!("c{}.1", id / 10);
                        row[78] = row[48].clone();
                    }
                    if refunded > 0 {
                        row[49] = money(refunded);
                    }
                    row[51] = money(if pending { total } else { 0 });
                    row[55] = id.to_string();
                    row[57].push_str(risk);
                    row[58].push_str(source);
                    if taxes > 0 {
                        row[60] = tax_label(prov.tax_name, rate);
                        row[61] = money(taxes);
                    }
                    row[70].push_str(&a.phone);
                    row[73].push_str(prov.name);
                    row[74].push_str(prov.name);
                }
                out.row(&row)?;
            }
            n_lines += lines.len();
            refs.push(OrderRef {
                ts,
                product: catalog.variants[lines[0].variant as usize].product,
                fulfilled: fulfilled_at.is_some(),
            });
            order_no += 1;
            done += 1;
            if done.checked_rem(5000) == Some(0) {
                progress(Stage::Orders, done as u64, total_orders as u64);
            }
        }
    }
    out.finish()?;
    ret.finish()?;
    progress(Stage::Orders, total_orders as u64, total_orders as u64);

    stats.ordering_customers = customers.list.iter().filter(|c| c.total_orders > 0).count();
    stats.repeat_customers = customers.list.iter().filter(|c| c.total_orders > 1).count();
    stats.discount_orders = discount_counts;
    let _ = Status::Active;
    Ok(OrdersOutput { orders: refs.len(), lines: n_lines, returns: n_returns, refs, stats })
}
