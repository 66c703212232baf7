//! Where customers live: countries with their shares, provinces/states with
//! cities and tax rates, postcode and fictional phone-number formats, and the
//! shipping zones that decide shipping rates (see `knowledge-base/shipping.md`).

use rand::Rng;

use crate::names::{STREET_STEMS, STREET_SUFFIXES_EN};
use crate::util::{pick, pick_weighted};

/// Shipping zone of a country, matching the shipping policy document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Us,
    Canada,
    Europe,
    Oceania,
}

pub struct Province {
    pub code: &'static str,
    pub name: &'static str,
    pub weight: f64,
    pub cities: &'static [&'static str],
    /// Sales tax rate (fraction) charged on orders shipped there.
    pub tax_rate: f64,
    /// Tax line name as it appears in the orders export.
    pub tax_name: &'static str,
    /// First digits of postcodes there.
    pub zip_prefix: &'static str,
}

pub struct Country {
    pub code: &'static str,
    pub weight: f64,
    pub zone: Zone,
    pub provinces: &'static [Province],
}

const fn prov(
    code: &'static str,
    name: &'static str,
    weight: f64,
    cities: &'static [&'static str],
    tax_rate: f64,
    tax_name: &'static str,
    zip_prefix: &'static str,
) -> Province {
    Province { code, name, weight, cities, tax_rate, tax_name, zip_prefix }
}

const US: &[Province] = &[
    prov(
        "CA",
        "California",
        12.0,
        &["Los Angeles", "San Diego", "San Francisco", "Sacramento", "Oakland", "Fresno"],
        0.0725,
        "CA State Tax",
        "9",
    ),
    prov("NY", "New York", 7.0, &["New York", "Brooklyn", "Buffalo", "Rochester", "Albany"], 0.04, "NY State Tax", "1"),
    prov("TX", "Texas", 7.0, &["Austin", "Houston", "Dallas", "San Antonio", "El Paso"], 0.0625, "TX State Tax", "7"),
    prov(
        "WA",
        "Washington",
        6.0,
        &["Seattle", "Spokane", "Tacoma", "Bellingham", "Olympia"],
        0.065,
        "WA State Tax",
        "98",
    ),
    prov(
        "CO",
        "Colorado",
        6.0,
        &["Denver", "Boulder", "Fort Collins", "Colorado Springs", "Durango"],
        0.029,
        "CO State Tax",
        "80",
    ),
    prov("OR", "Oregon", 4.0, &["Portland", "Eugene", "Bend", "Salem"], 0.0, "OR State Tax", "97"),
    prov("UT", "Utah", 3.0, &["Salt Lake City", "Provo", "Ogden", "Park City"], 0.0485, "UT State Tax", "84"),
    prov(
        "MA",
        "Massachusetts",
        3.5,
        &["Boston", "Cambridge", "Worcester", "Springfield"],
        0.0625,
        "MA State Tax",
        "02",
    ),
    prov("VT", "Vermont", 1.5, &["Burlington", "Montpelier", "Stowe", "Rutland"], 0.06, "VT State Tax", "05"),
    prov("IL", "Illinois", 4.0, &["Chicago", "Evanston", "Naperville", "Peoria"], 0.0625, "IL State Tax", "60"),
    prov("MN", "Minnesota", 3.0, &["Minneapolis", "Saint Paul", "Duluth", "Rochester"], 0.06875, "MN State Tax", "55"),
    prov("NC", "North Carolina", 3.5, &["Asheville", "Charlotte", "Raleigh", "Durham"], 0.0475, "NC State Tax", "28"),
    prov("MT", "Montana", 1.5, &["Bozeman", "Missoula", "Billings", "Helena"], 0.0, "MT State Tax", "59"),
    prov(
        "PA",
        "Pennsylvania",
        4.0,
        &["Philadelphia", "Pittsburgh", "Harrisburg", "State College"],
        0.06,
        "PA State Tax",
        "1",
    ),
    prov("FL", "Florida", 4.5, &["Miami", "Orlando", "Tampa", "Tallahassee"], 0.06, "FL State Tax", "3"),
    prov("GA", "Georgia", 3.0, &["Atlanta", "Savannah", "Athens", "Macon"], 0.04, "GA State Tax", "30"),
    prov("AZ", "Arizona", 3.0, &["Phoenix", "Tucson", "Flagstaff", "Tempe"], 0.056, "AZ State Tax", "85"),
    prov("ME", "Maine", 1.0, &["Portland", "Bangor", "Bar Harbor"], 0.055, "ME State Tax", "04"),
    prov("NH", "New Hampshire", 1.0, &["Manchester", "Concord", "North Conway"], 0.0, "NH State Tax", "03"),
    prov("ID", "Idaho", 1.0, &["Boise", "Coeur d'Alene", "Ketchum"], 0.06, "ID State Tax", "83"),
];

const CA: &[Province] = &[
    prov("ON", "Ontario", 38.0, &["Toronto", "Ottawa", "Hamilton", "Kingston"], 0.13, "HST", "K"),
    prov("BC", "British Columbia", 25.0, &["Vancouver", "Victoria", "Squamish", "Kelowna"], 0.05, "GST", "V"),
    prov("QC", "Quebec", 15.0, &["Montreal", "Quebec City", "Sherbrooke"], 0.05, "GST", "H"),
    prov("AB", "Alberta", 15.0, &["Calgary", "Edmonton", "Canmore"], 0.05, "GST", "T"),
    prov("NS", "Nova Scotia", 7.0, &["Halifax", "Dartmouth", "Truro"], 0.15, "HST", "B"),
];

const fn nat(cities: &'static [&'static str], zip_prefix: &'static str) -> Province {
    prov("", "", 1.0, cities, 0.0, "", zip_prefix)
}

const GB: &[Province] = &[nat(
    &[
        "London",
        "Manchester",
        "Edinburgh",
        "Bristol",
        "Leeds",
        "Glasgow",
        "Sheffield",
        "Kendal",
        "Inverness",
        "Cardiff",
    ],
    "",
)];
const DE: &[Province] = &[nat(&["Berlin", "Munich", "Hamburg", "Cologne", "Freiburg", "Leipzig", "Stuttgart"], "")];
const FR: &[Province] = &[nat(&["Paris", "Lyon", "Grenoble", "Annecy", "Bordeaux", "Toulouse"], "")];
const NL: &[Province] = &[nat(&["Amsterdam", "Utrecht", "Rotterdam", "Groningen", "Eindhoven"], "")];
const SE: &[Province] = &[nat(&["Stockholm", "Gothenburg", "Uppsala", "Umea"], "")];
const IE: &[Province] = &[nat(&["Dublin", "Galway", "Cork", "Limerick"], "")];
const CH: &[Province] = &[nat(&["Zurich", "Bern", "Lucerne", "Geneva"], "")];
const AU: &[Province] = &[
    prov("NSW", "New South Wales", 40.0, &["Sydney", "Newcastle", "Katoomba"], 0.0, "", "2"),
    prov("VIC", "Victoria", 35.0, &["Melbourne", "Geelong", "Ballarat"], 0.0, "", "3"),
    prov("QLD", "Queensland", 15.0, &["Brisbane", "Cairns", "Gold Coast"], 0.0, "", "4"),
    prov("TAS", "Tasmania", 10.0, &["Hobart", "Launceston"], 0.0, "", "7"),
];
const NZ: &[Province] = &[nat(&["Auckland", "Wellington", "Christchurch", "Queenstown", "Nelson"], "")];

pub const COUNTRIES: &[Country] = &[
    Country { code: "US", weight: 60.0, zone: Zone::Us, provinces: US },
    Country { code: "GB", weight: 9.0, zone: Zone::Europe, provinces: GB },
    Country { code: "CA", weight: 9.0, zone: Zone::Canada, provinces: CA },
    Country { code: "DE", weight: 5.5, zone: Zone::Europe, provinces: DE },
    Country { code: "AU", weight: 4.5, zone: Zone::Oceania, provinces: AU },
    Country { code: "FR", weight: 3.0, zone: Zone::Europe, provinces: FR },
    Country { code: "NL", weight: 3.0, zone: Zone::Europe, provinces: NL },
    Country { code: "SE", weight: 1.5, zone: Zone::Europe, provinces: SE },
    Country { code: "IE", weight: 1.5, zone: Zone::Europe, provinces: IE },
    Country { code: "CH", weight: 1.0, zone: Zone::Europe, provinces: CH },
    Country { code: "NZ", weight: 2.0, zone: Zone::Oceania, provinces: NZ },
];

/// A fictional postal address.
#[derive(Debug, Clone)]
pub struct Address {
    pub company: String,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub country: u8,
    pub province: u8,
    pub zip: String,
    pub phone: String,
}

impl Address {
    pub fn country(&self) -> &'static Country {
        &COUNTRIES[self.country as usize]
    }
    pub fn province(&self) -> &'static Province {
        &self.country().provinces[self.province as usize]
    }
    /// `Address1, Address2` as Shopify's `Billing Street`.
    pub fn street(&self) -> String {
        if self.address2.is_empty() {
            self.address1.clone()
        } else {
            format!("{}, {}", self.address1, self.address2)
        }
    }
}

const COMPANIES: &[&str] = &[
    "Northgate Design Studio",
    "Bluefen Analytics",
    "Harbourline Cafe",
    "Meridian Field School",
    "Pinecone Labs",
    "Quietwater Guides",
    "Summit Youth Club",
    "Larchwood Architects",
    "Brightmoor Clinic",
    "Copperkettle Bakery",
];

fn street_name<R: Rng>(rng: &mut R, country: &str) -> String {
    let stem = pick(rng, STREET_STEMS);
    match country {
        "DE" | "CH" => format!("{stem}{}", pick(rng, &["strasse", "weg", "gasse", "allee"])),
        "FR" => format!("{} {stem}", pick(rng, &["Rue de", "Avenue de", "Chemin de", "Place de"])),
        "NL" => format!("{stem}{}", pick(rng, &["straat", "laan", "weg", "gracht"])),
        "SE" => format!("{stem}{}", pick(rng, &["vagen", "gatan", "stigen"])),
        _ => format!("{stem} {}", pick(rng, STREET_SUFFIXES_EN)),
    }
}

fn upper<R: Rng>(rng: &mut R) -> char {
    (b'A' + rng.random_range(0..26u8)) as char
}

/// A fictional phone number in a range reserved for fiction/drama, or empty
/// where the country has none we can use.
pub fn phone<R: Rng>(rng: &mut R, country: &str) -> String {
    match country {
        // NANP: 555-0100 .. 555-0199 are reserved for fictional use.
        "US" | "CA" => {
            let area = pick(rng, &["206", "212", "303", "312", "415", "503", "512", "617", "720", "802", "416", "604"]);
            format!("+1 {area} 555 01{:02}", rng.random_range(0..100))
        }
        // Ofcom: 07700 900000 .. 900999 are reserved for drama.
        "GB" => format!("+44 7700 900{:03}", rng.random_range(0..1000)),
        // ACMA: 0491 570 006 .. 0491 570 159 are reserved for fiction.
        "AU" => format!("+61 491 570 {:03}", rng.random_range(6..160)),
        _ => String::new(),
    }
}

fn zip<R: Rng>(rng: &mut R, country: &str, p: &Province) -> String {
    match country {
        "US" => {
            let need = 5 - p.zip_prefix.len();
            let mut s = p.zip_prefix.to_string();
            for _ in 0..need {
                s.push(char::from(b'0' + rng.random_range(0..10u8)));
            }
            s
        }
        "CA" => format!(
            "{}{}{} {}{}{}",
            p.zip_prefix,
            rng.random_range(0..10),
            upper(rng),
            rng.random_range(0..10),
            upper(rng),
            rng.random_range(0..10)
        ),
        "GB" => format!(
            "{}{}{} {}{}{}",
            pick(rng, &["M", "LS", "BS", "EH", "G", "S", "LA", "IV", "CF", "N", "SE", "NW"]),
            rng.random_range(1..20),
            "",
            rng.random_range(1..10),
            upper(rng),
            upper(rng)
        ),
        "NL" => format!("{} {}{}", rng.random_range(1000..9999), upper(rng), upper(rng)),
        "SE" => format!("{} {:02}", rng.random_range(100..990), rng.random_range(0..100)),
        "IE" => format!(
            "D{:02} {}{}{}{}",
            rng.random_range(1..25),
            upper(rng),
            rng.random_range(0..10),
            upper(rng),
            upper(rng)
        ),
        "AU" => format!("{}{:03}", p.zip_prefix, rng.random_range(0..1000)),
        "CH" | "NZ" => format!("{}", rng.random_range(1000..9999)),
        _ => format!("{:05}", rng.random_range(10000..99999)),
    }
}

/// Draws a random address (country by share, then province by weight).
pub fn address<R: Rng>(rng: &mut R) -> Address {
    let cw: Vec<f64> = COUNTRIES.iter().map(|c| c.weight).collect();
    let ci = pick_weighted(rng, &cw);
    let c = &COUNTRIES[ci];
    let pw: Vec<f64> = c.provinces.iter().map(|p| p.weight).collect();
    let pi = pick_weighted(rng, &pw);
    let p = &c.provinces[pi];
    let street = street_name(rng, c.code);
    let number = rng.random_range(1..400);
    let address1 = match c.code {
        "DE" | "CH" | "NL" | "SE" => format!("{street} {number}"),
        "FR" => format!("{number} {street}"),
        _ => format!("{number} {street}"),
    };
    let address2 = if rng.random_bool(0.15) {
        match c.code {
            "US" | "CA" => format!("{} {}", pick(rng, &["Apt", "Unit", "Suite"]), rng.random_range(1..40)),
            "GB" | "IE" | "AU" | "NZ" => format!("Flat {}", rng.random_range(1..30)),
            _ => String::new(),
        }
    } else {
        String::new()
    };
    let company = if rng.random_bool(0.03) { pick(rng, COMPANIES).to_string() } else { String::new() };
    Address {
        company,
        address1,
        address2,
        city: pick(rng, p.cities).to_string(),
        country: ci as u8,
        province: pi as u8,
        zip: zip(rng, c.code, p),
        phone: if rng.random_bool(0.7) { phone(rng, c.code) } else { String::new() },
    }
}
