//! The store's registered customers: fictional people with reserved example
//! e-mail domains and fictional phone numbers, their buying habits (how often
//! they come back, which department they favour), and writing
//! `shopify/customers_export.csv.zst` once the orders have filled in their totals.

use std::collections::HashSet;
use std::path::Path;

use rand::Rng;

use crate::catalog::Dept;
use crate::geo::{self, Address};
use crate::names::{FIRST_NAMES, LAST_NAMES};
use crate::util::{money, normal, pick, pick_weighted, rng_for, CsvOut};
use crate::{SampleError, Stage};

pub const CUSTOMERS_HEADER: &[&str] = &[
    "Customer ID",
    "First Name",
    "Last Name",
    "Email",
    "Accepts Email Marketing",
    "Default Address Company",
    "Default Address Address1",
    "Default Address Address2",
    "Default Address City",
    "Default Address Province Code",
    "Default Address Country Code",
    "Default Address Zip",
    "Default Address Phone",
    "Phone",
    "Accepts SMS Marketing",
    "Total Spent",
    "Total Orders",
    "Note",
    "Tax Exempt",
    "Tags",
];

/// The reserved example domains every e-mail address uses.
pub const EMAIL_DOMAINS: &[&str] = &["example.com", "example.org", "example.net"];

pub struct Customer {
    pub id: u64,
    pub first: &'static str,
    pub last: &'static str,
    pub email: String,
    pub accepts_email: bool,
    pub accepts_sms: bool,
    pub address: Address,
    pub tax_exempt: bool,
    pub note: &'static str,
    /// Signed up (newsletter, account) but never bought anything.
    pub never_orders: bool,
    /// How strongly this customer comes back once acquired (0 = buys once).
    pub propensity: f64,
    pub fav_dept: Dept,
    /// Non-cancelled orders and their summed totals (filled in by the orders).
    pub total_orders: u32,
    pub total_spent: i64,
    /// All orders including cancelled ones.
    pub orders_placed: u32,
}

pub struct Customers {
    pub list: Vec<Customer>,
}

/// Lowercase ASCII letters of a name, for e-mail local parts.
pub fn email_part(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

const NOTES: &[&str] = &[
    "Prefers plastic-free packaging",
    "Ships to work address on weekdays",
    "Member of a local hiking club",
    "Asked to be told about restocks of size XS",
];

const DEPT_WEIGHTS: [f64; 7] = [0.2, 0.15, 0.1, 0.15, 0.15, 0.2, 0.05];

impl Customers {
    /// Generates `8,000 × scale` customers in sign-up order.
    pub fn generate(seed: u64, scale: usize, progress: &mut dyn FnMut(Stage, u64, u64)) -> Customers {
        let mut rng = rng_for(seed, 2);
        let n = 8000 * scale;
        let mut seen: HashSet<String> = HashSet::with_capacity(n);
        let mut list = Vec::with_capacity(n);
        progress(Stage::Customers, 0, n as u64);
        for i in 0..n {
            let first = *pick(&mut rng, FIRST_NAMES);
            let last = *pick(&mut rng, LAST_NAMES);
            let (f, l) = (email_part(first), email_part(last));
            let local = match pick_weighted(&mut rng, &[0.4, 0.2, 0.15, 0.15, 0.1]) {
                0 => format!("{f}.{l}"),
                1 => format!("{f}{l}"),
                2 => format!("{}.{l}", &f[..1]),
                3 => format!("{f}.{l}{}", rng.random_range(70..100)),
                _ => format!("{l}.{f}"),
            };
            let domain = EMAIL_DOMAINS[pick_weighted(&mut rng, &[0.6, 0.2, 0.2])];
            let mut email = format!("{local}@{domain}");
            let mut k = 2;
            while seen.contains(&email) {
                email = format!("{local}{k}@{domain}");
                k += 1;
            }
            seen.insert(email.clone());
            let address = geo::address(&mut rng);
            let accepts_email = rng.random_bool(0.45);
            let never_orders = rng.random_bool(0.07);
            let propensity = if rng.random_bool(0.63) { 0.0 } else { (normal(&mut rng) * 1.0).exp() };
            let fav_dept = Dept::ALL[pick_weighted(&mut rng, &DEPT_WEIGHTS)];
            list.push(Customer {
                id: 6_904_000_000_000 + i as u64 * 1000 + rng.random_range(0..1000u64),
                first,
                last,
                email,
                accepts_email,
                accepts_sms: rng.random_bool(0.1),
                tax_exempt: rng.random_bool(0.004),
                note: if rng.random_bool(0.01) { NOTES[rng.random_range(0..NOTES.len())] } else { "" },
                address,
                never_orders,
                propensity,
                fav_dept,
                total_orders: 0,
                total_spent: 0,
                orders_placed: 0,
            });
            if i.checked_rem(2000) == Some(0) {
                progress(Stage::Customers, i as u64, n as u64);
            }
        }
        progress(Stage::Customers, n as u64, n as u64);
        Customers { list }
    }

    /// Writes the customers export (zstd-compressed at `zstd_level` when given).
    pub fn write(&self, path: &Path, zstd_level: Option<i32>) -> Result<(), SampleError> {
        let mut out = CsvOut::create(path, zstd_level)?;
        out.row(CUSTOMERS_HEADER)?;
        for c in &self.list {
            let a = &c.address;
            let mut tags: Vec<&str> = Vec::new();
            if c.accepts_email {
                tags.push("newsletter");
            }
            if c.total_spent >= 150_000 {
                tags.push("VIP");
            }
            if c.total_orders >= 2 {
                tags.push("repeat");
            }
            let tags = tags.join(", ");
            let yes_no = |b: bool| if b { "yes" } else { "no" };
            let id = c.id.to_string();
            let spent = money(c.total_spent);
            let orders = c.total_orders.to_string();
            out.row([
                id.as_str(),
                c.first,
                c.last,
                &c.email,
                yes_no(c.accepts_email),
                &a.company,
                &a.address1,
                &a.address2,
                &a.city,
                a.province().code,
                a.country().code,
                &a.zip,
                &a.phone,
                &a.phone,
                yes_no(c.accepts_sms),
                &spent,
                &orders,
                c.note,
                yes_no(c.tax_exempt),
                &tags,
            ])?;
        }
        out.finish()
    }
}
