//! The product catalogue: product kinds (outerwear, tops, bottoms, footwear,
//! accessories, camping gear, care products) with their taxonomy, options,
//! prices and wording; generation of distinct products and variants; and
//! writing `shopify/products_export.csv.zst` (or plain `.csv`) in Shopify's current export layout.

use std::collections::HashSet;
use std::path::Path;

use rand::Rng;

use crate::util::{normal, pick, pick_weighted, rng_for, slugify, CsvOut, Cumulative};
use crate::{SampleError, Stage};

pub const PRODUCTS_HEADER: &[&str] = &[
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
    "Option1 Linked To",
    "Option2 name",
    "Option2 value",
    "Option2 Linked To",
    "Option3 name",
    "Option3 value",
    "Option3 Linked To",
    "Price",
    "Compare-at price",
    "Cost per item",
    "Charge tax",
    "Tax code",
    "Unit price total measure",
    "Unit price total measure unit",
    "Unit price base measure",
    "Unit price base measure unit",
    "Inventory tracker",
    "Inventory quantity",
    "Continue selling when out of stock",
    "Weight value (grams)",
    "Weight unit for display",
    "Requires shipping",
    "Fulfillment service",
    "Product image URL",
    "Image position",
    "Image alt text",
    "Variant image URL",
    "Gift card",
    "SEO title",
    "SEO description",
    "Color (product.metafields.shopify.color-pattern)",
    "Google Shopping / Google product category",
    "Google Shopping / Gender",
    "Google Shopping / Age group",
    "Google Shopping / Manufacturer part number (MPN)",
    "Google Shopping / Ad group name",
    "Google Shopping / Ads labels",
    "Google Shopping / Condition",
    "Google Shopping / Custom product",
    "Google Shopping / Custom label 0",
    "Google Shopping / Custom label 1",
    "Google Shopping / Custom label 2",
    "Google Shopping / Custom label 3",
    "Google Shopping / Custom label 4",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dept {
    Outerwear,
    Tops,
    Bottoms,
    Footwear,
    Accessories,
    Camping,
    Care,
}

impl Dept {
    pub const ALL: [Dept; 7] =
        [Dept::Outerwear, Dept::Tops, Dept::Bottoms, Dept::Footwear, Dept::Accessories, Dept::Camping, Dept::Care];
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn tag(self) -> &'static str {
        match self {
            Dept::Outerwear => "outerwear",
            Dept::Tops => "tops",
            Dept::Bottoms => "bottoms",
            Dept::Footwear => "footwear",
            Dept::Accessories => "accessories",
            Dept::Camping => "camping",
            Dept::Care => "care",
        }
    }
    /// Apparel and footwear: sized items whose returns are mostly about fit.
    pub fn is_sized(self) -> bool {
        matches!(self, Dept::Outerwear | Dept::Tops | Dept::Bottoms | Dept::Footwear)
    }
}

/// Seasonal demand profile of a kind of product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    AllYear,
    Winter,
    Summer,
    Rain,
}

impl Season {
    /// Demand multiplier in a month (1-12).
    pub fn factor(self, month: u32) -> f64 {
        match self {
            Season::AllYear => 1.0,
            Season::Winter => match month {
                11 | 12 | 1 => 1.7,
                2 | 10 => 1.3,
                3 | 9 => 0.9,
                _ => 0.45,
            },
            Season::Summer => match month {
                6..=8 => 1.8,
                5 | 9 => 1.3,
                4 => 1.0,
                _ => 0.55,
            },
            Season::Rain => match month {
                3..=5 | 9 | 10 => 1.3,
                6..=8 => 0.8,
                _ => 1.0,
            },
        }
    }
}

/// How a kind's variants are structured.
#[derive(Debug, Clone, Copy)]
pub enum Opt {
    /// Sizes XS..XXL (plus colours when `colors`).
    Apparel,
    /// EU shoe sizes 36..46.
    Shoes,
    /// S..XL sizes for socks and gloves.
    Small4,
    /// No size; colours only (or a single default variant).
    OneSize,
    /// A named option with fixed values and price steps in cents.
    Custom(&'static str, &'static [&'static str], &'static [i64]),
}

pub struct Kind {
    pub key: &'static str,
    pub dept: Dept,
    pub type_name: &'static str,
    pub taxonomy: &'static str,
    pub nouns: &'static [&'static str],
    pub adjectives: &'static [&'static str],
    pub intros: &'static [&'static str],
    pub features: &'static [&'static str],
    pub tags: &'static [&'static str],
    pub opt: Opt,
    pub colors: bool,
    pub gendered: bool,
    pub price: (f64, f64),
    pub margin: (f64, f64),
    pub grams: (u32, u32),
    pub share: f64,
    pub season: Season,
    /// Probability that a sold unit comes back.
    pub return_rate: f64,
}

const OUT: &str = "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets";

pub const KINDS: &[Kind] = &[
    Kind {
        key: "rain_shell",
        dept: Dept::Outerwear,
        type_name: "Rain Jackets",
        taxonomy: OUT,
        nouns: &["Rain Shell", "Rain Jacket", "Storm Shell", "Hardshell Jacket", "Trail Shell"],
        adjectives: &[
            "Waterproof",
            "Packable",
            "3-Layer",
            "Lightweight",
            "Stormproof",
            "Alpine",
            "Breathable",
            "Stretch",
        ],
        intros: &[
            "A fully waterproof, breathable shell for hiking and trekking when the forecast turns.",
            "Keeps rain and wind out on long days in the hills, then packs into its own pocket.",
            "Our go-to waterproof layer for wet trails, city commutes and everything between.",
        ],
        features: &[
            "Waterproof 20,000 mm membrane with fully taped seams",
            "Breathable 15,000 g/m2/24h face fabric",
            "Helmet-compatible hood with a laminated brim",
            "Pit zips for venting on steep climbs",
            "Packs into its own chest pocket",
            "Durable water-repellent finish, PFC-free",
            "Two hand pockets placed above a hip belt",
            "Adjustable cuffs and drawcord hem",
        ],
        tags: &["waterproof", "hiking", "rain"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (119.0, 289.0),
        margin: (0.5, 0.62),
        grams: (280, 520),
        share: 4.0,
        season: Season::Rain,
        return_rate: 0.10,
    },
    Kind {
        key: "insulated_jacket",
        dept: Dept::Outerwear,
        type_name: "Insulated Jackets",
        taxonomy: OUT,
        nouns: &["Down Jacket", "Insulated Jacket", "Puffer Jacket", "Hooded Down Jacket", "Thermal Jacket"],
        adjectives: &["Warm", "Hooded", "Waterproof", "Ultralight", "Recycled", "Expedition", "Quilted", "Storm"],
        intros: &[
            "A warm, waterproof insulated jacket for winter hiking, cold belays and frosty mornings in camp.",
            "Serious warmth for cold days outdoors, with a weatherproof face fabric that shrugs off snow and rain.",
            "Light enough to carry all day, warm enough for a winter summit: our insulated layer for cold trails.",
        ],
        features: &[
            "Responsibly sourced 700-fill down",
            "Synthetic insulation that stays warm when wet",
            "Waterproof, windproof outer fabric with taped seams",
            "Insulated hood that fits under a helmet",
            "Fleece-lined hand-warmer pockets",
            "Packs into a stuff sack",
            "Two-way front zip with storm flap",
            "Rated comfortable to about -15 C when layered",
        ],
        tags: &["insulated", "winter", "warm"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (149.0, 399.0),
        margin: (0.48, 0.6),
        grams: (350, 900),
        share: 4.0,
        season: Season::Winter,
        return_rate: 0.11,
    },
    Kind {
        key: "fleece",
        dept: Dept::Outerwear,
        type_name: "Fleece",
        taxonomy: OUT,
        nouns: &["Fleece Jacket", "Grid Fleece", "Fleece Hoody", "Pile Fleece", "Half-Zip Fleece"],
        adjectives: &["Recycled", "Midweight", "Polar", "Sherpa", "Technical", "Heavyweight", "Cosy", "Grid"],
        intros: &[
            "A soft, breathable mid layer that keeps you warm on cool hikes and around the campfire.",
            "Warm fleece for layering under a shell or wearing on its own on crisp autumn days.",
        ],
        features: &[
            "Made from 100% recycled polyester fleece",
            "Grid interior traps heat and wicks moisture",
            "Zip chest pocket for a phone",
            "Stretch binding at cuffs and hem",
            "Quick-drying and machine washable",
            "Brushed-back collar for comfort",
        ],
        tags: &["fleece", "mid layer", "warm"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (59.0, 139.0),
        margin: (0.55, 0.65),
        grams: (250, 520),
        share: 3.0,
        season: Season::Winter,
        return_rate: 0.09,
    },
    Kind {
        key: "softshell",
        dept: Dept::Outerwear,
        type_name: "Softshell Jackets",
        taxonomy: OUT,
        nouns: &["Softshell Jacket", "Windshell", "Wind Jacket", "Softshell Hoody"],
        adjectives: &["Stretch", "Windproof", "Climbing", "Trail", "Breathable", "Lightweight"],
        intros: &[
            "A stretchy, wind-resistant jacket for fast hikes, climbing and cool, dry days.",
            "Breathes when you work hard and blocks the wind when you stop: made for active days outdoors.",
        ],
        features: &[
            "Four-way stretch woven fabric",
            "Wind-resistant and water-repellent",
            "Harness-compatible chest pockets",
            "Articulated elbows for freedom of movement",
            "Low-profile adjustable hood",
        ],
        tags: &["softshell", "windproof", "climbing"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (99.0, 199.0),
        margin: (0.5, 0.62),
        grams: (240, 480),
        share: 2.0,
        season: Season::AllYear,
        return_rate: 0.09,
    },
    Kind {
        key: "vest",
        dept: Dept::Outerwear,
        type_name: "Vests",
        taxonomy: "Apparel & Accessories > Clothing > Outerwear > Vests",
        nouns: &["Down Vest", "Insulated Vest", "Fleece Vest", "Gilet"],
        adjectives: &["Packable", "Warm", "Quilted", "Lightweight", "Recycled"],
        intros: &[
            "Core warmth without bulky sleeves, for cold starts, layering and town.",
            "A light insulated vest that packs small and adds warmth exactly where you need it.",
        ],
        features: &[
            "Lightweight insulation for core warmth",
            "Zipped hand pockets",
            "Packs into its own pocket",
            "Windproof ripstop shell",
            "Elastic binding at armholes",
        ],
        tags: &["vest", "layering"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (69.0, 179.0),
        margin: (0.52, 0.62),
        grams: (180, 380),
        share: 1.8,
        season: Season::Winter,
        return_rate: 0.08,
    },
    Kind {
        key: "parka",
        dept: Dept::Outerwear,
        type_name: "Parkas",
        taxonomy: OUT,
        nouns: &["Parka", "Winter Parka", "Down Parka", "Expedition Parka"],
        adjectives: &["Waterproof", "Arctic", "Longline", "Insulated", "City"],
        intros: &[
            "Our warmest coat: a long, waterproof parka for snowy winters, cold commutes and dog walks in the sleet.",
            "A thigh-length insulated parka built for deep cold, with a storm hood and plenty of pockets.",
        ],
        features: &[
            "Waterproof and windproof outer with taped seams",
            "800-fill responsibly sourced down",
            "Removable faux-fur hood trim",
            "Two-way zip with storm flap",
            "Fleece-lined hand pockets",
            "Internal stretch cuffs keep drafts out",
        ],
        tags: &["parka", "winter", "warm", "waterproof"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (229.0, 449.0),
        margin: (0.45, 0.58),
        grams: (900, 1600),
        share: 1.6,
        season: Season::Winter,
        return_rate: 0.12,
    },
    Kind {
        key: "tshirt",
        dept: Dept::Tops,
        type_name: "T-Shirts",
        taxonomy: "Apparel & Accessories > Clothing > Clothing Tops > T-Shirts",
        nouns: &["Tee", "T-Shirt", "Trail Tee", "Graphic Tee", "Pocket Tee"],
        adjectives: &["Organic Cotton", "Merino", "Quick-Dry", "Recycled", "Everyday", "Sun Protection", "Technical"],
        intros: &[
            "An everyday tee that handles a sweaty hike as well as a day in town.",
            "Soft, breathable and quick-drying: the shirt you reach for on warm trail days.",
        ],
        features: &[
            "Odour-resistant fabric for multi-day trips",
            "UPF 50 sun protection",
            "Flatlock seams to prevent chafing",
            "Relaxed, regular fit",
            "Organic cotton blend",
            "Moisture-wicking knit",
        ],
        tags: &["t-shirt", "summer", "everyday"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (25.0, 49.0),
        margin: (0.6, 0.7),
        grams: (120, 220),
        share: 5.0,
        season: Season::Summer,
        return_rate: 0.07,
    },
    Kind {
        key: "base_layer",
        dept: Dept::Tops,
        type_name: "Base Layers",
        taxonomy: "Apparel & Accessories > Clothing > Underwear & Socks > Long Johns",
        nouns: &["Base Layer Top", "Base Layer Crew", "Thermal Top", "Zip-Neck Base Layer", "Long-Sleeve Base Layer"],
        adjectives: &["Merino", "Midweight", "Lightweight", "Thermal", "Seamless", "Fitted"],
        intros: &[
            "A next-to-skin layer that keeps you warm and dry on cold hikes, ski tours and winter runs.",
            "Wicks sweat, regulates temperature and resists odour over days on the trail.",
        ],
        features: &[
            "Merino wool blend, naturally odour-resistant",
            "Close fit for layering",
            "Thumb loops on the cuffs",
            "Flatlock seams to prevent chafing",
            "Wicks moisture away from the skin",
            "Machine washable at 30 C",
        ],
        tags: &["base layer", "merino", "thermal"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (45.0, 109.0),
        margin: (0.55, 0.66),
        grams: (140, 260),
        share: 3.5,
        season: Season::Winter,
        return_rate: 0.10,
    },
    Kind {
        key: "shirt",
        dept: Dept::Tops,
        type_name: "Shirts",
        taxonomy: "Apparel & Accessories > Clothing > Clothing Tops > Shirts",
        nouns: &["Hiking Shirt", "Flannel Shirt", "Travel Shirt", "Button-Down Shirt", "Overshirt"],
        adjectives: &["Vented", "Quick-Dry", "Brushed", "Organic Cotton", "Ripstop", "Lightweight"],
        intros: &[
            "A durable shirt for trail days and travel, with sun protection and vents for hot weather.",
            "A soft, hard-wearing shirt for cool evenings in camp and everyday wear.",
        ],
        features: &[
            "UPF 40 sun protection",
            "Back vent for airflow",
            "Two zipped chest pockets",
            "Roll-up sleeve tabs",
            "Wrinkle-resistant travel fabric",
            "Brushed cotton flannel",
        ],
        tags: &["shirt", "travel"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (49.0, 89.0),
        margin: (0.58, 0.66),
        grams: (180, 380),
        share: 2.5,
        season: Season::AllYear,
        return_rate: 0.08,
    },
    Kind {
        key: "hoodie",
        dept: Dept::Tops,
        type_name: "Hoodies",
        taxonomy: "Apparel & Accessories > Clothing > Clothing Tops > Hoodies",
        nouns: &["Hoodie", "Pullover Hoodie", "Zip Hoodie", "Sweatshirt"],
        adjectives: &["Organic Cotton", "Heavyweight", "Brushed", "Recycled", "Logo"],
        intros: &[
            "A cosy hoodie for cool evenings, road trips and lazy rest days.",
            "Heavyweight, soft-brushed comfort for campfires and everyday wear.",
        ],
        features: &[
            "Organic cotton and recycled polyester blend",
            "Kangaroo pocket",
            "Lined hood with drawcord",
            "Ribbed cuffs and hem",
            "Pre-washed to limit shrinkage",
        ],
        tags: &["hoodie", "casual"],
        opt: Opt::Apparel,
        colors: true,
        gendered: false,
        price: (59.0, 99.0),
        margin: (0.58, 0.68),
        grams: (450, 700),
        share: 2.5,
        season: Season::Winter,
        return_rate: 0.08,
    },
    Kind {
        key: "sweater",
        dept: Dept::Tops,
        type_name: "Sweaters",
        taxonomy: "Apparel & Accessories > Clothing > Clothing Tops > Sweaters",
        nouns: &["Sweater", "Wool Jumper", "Cardigan", "Rollneck Sweater"],
        adjectives: &["Merino", "Chunky Knit", "Lambswool", "Fisherman", "Cable Knit"],
        intros: &[
            "A warm wool knit for cold days, cabin weekends and winter walks.",
            "Classic knitwear made to last, warm even when the weather turns damp.",
        ],
        features: &[
            "Responsibly sourced wool",
            "Naturally warm and breathable",
            "Ribbed collar, cuffs and hem",
            "Hand wash or wool cycle",
            "Relaxed fit for layering",
        ],
        tags: &["knitwear", "wool", "winter"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (79.0, 159.0),
        margin: (0.52, 0.62),
        grams: (400, 750),
        share: 1.5,
        season: Season::Winter,
        return_rate: 0.09,
    },
    Kind {
        key: "pants",
        dept: Dept::Bottoms,
        type_name: "Hiking Pants",
        taxonomy: "Apparel & Accessories > Clothing > Pants",
        nouns: &["Trail Pant", "Hiking Pant", "Trekking Trousers", "Convertible Pant", "Climbing Pant"],
        adjectives: &["Stretch", "Slim", "Ripstop", "Quick-Dry", "Water-Repellent", "Lined", "Relaxed"],
        intros: &[
            "Hard-wearing, stretchy trousers for long days on rocky trails.",
            "Light, quick-drying pants that move with you from trailhead to summit and back to town.",
        ],
        features: &[
            "Four-way stretch nylon",
            "Reinforced knees and seat",
            "Zipped thigh pocket",
            "Integrated webbing belt",
            "Water-repellent finish",
            "Zip-off legs convert to shorts",
            "Articulated knees",
        ],
        tags: &["pants", "hiking", "trekking"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (69.0, 139.0),
        margin: (0.55, 0.64),
        grams: (280, 480),
        share: 4.5,
        season: Season::AllYear,
        return_rate: 0.11,
    },
    Kind {
        key: "shorts",
        dept: Dept::Bottoms,
        type_name: "Shorts",
        taxonomy: "Apparel & Accessories > Clothing > Shorts",
        nouns: &["Trail Short", "Hiking Short", "Running Short", "Camp Short"],
        adjectives: &["Quick-Dry", "Stretch", "Lightweight", "Ripstop", "Lined"],
        intros: &[
            "Light, breezy shorts for hot hikes, trail runs and summer days at the lake.",
            "Quick-drying shorts that go from trail to swim to camp.",
        ],
        features: &[
            "Quick-drying stretch fabric",
            "Built-in liner",
            "Zipped back pocket",
            "Elastic waist with drawcord",
            "UPF 50",
        ],
        tags: &["shorts", "summer"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (39.0, 69.0),
        margin: (0.58, 0.68),
        grams: (120, 240),
        share: 2.5,
        season: Season::Summer,
        return_rate: 0.09,
    },
    Kind {
        key: "tights",
        dept: Dept::Bottoms,
        type_name: "Leggings",
        taxonomy: "Apparel & Accessories > Clothing > Pants > Leggings",
        nouns: &["Tights", "Leggings", "Trail Tights", "Thermal Tights"],
        adjectives: &["Thermal", "High-Rise", "Compressive", "Brushed", "Pocketed"],
        intros: &[
            "Supportive tights for trail runs, climbing and cold-morning hikes.",
            "Brushed-back warmth and a secure waistband for active days in the cold.",
        ],
        features: &[
            "High-rise, no-slip waistband",
            "Side phone pockets",
            "Brushed interior for warmth",
            "Squat-proof knit",
            "Reflective details",
        ],
        tags: &["leggings", "running"],
        opt: Opt::Apparel,
        colors: true,
        gendered: true,
        price: (49.0, 89.0),
        margin: (0.58, 0.68),
        grams: (160, 260),
        share: 1.5,
        season: Season::AllYear,
        return_rate: 0.10,
    },
    Kind {
        key: "rain_pants",
        dept: Dept::Bottoms,
        type_name: "Rain Pants",
        taxonomy: "Apparel & Accessories > Clothing > Outerwear > Rain Pants",
        nouns: &["Rain Pant", "Overtrousers", "Storm Pant"],
        adjectives: &["Waterproof", "Packable", "Full-Zip", "3-Layer"],
        intros: &[
            "Waterproof overtrousers to pull on over boots when the weather closes in.",
            "Packable rain pants for wet hikes and rainy bike commutes.",
        ],
        features: &[
            "Waterproof membrane with taped seams",
            "Full-length side zips",
            "Packs into its own pocket",
            "Adjustable ankle cuffs",
        ],
        tags: &["waterproof", "rain"],
        opt: Opt::Apparel,
        colors: false,
        gendered: true,
        price: (79.0, 159.0),
        margin: (0.52, 0.62),
        grams: (200, 380),
        share: 1.2,
        season: Season::Rain,
        return_rate: 0.08,
    },
    Kind {
        key: "hiking_boot",
        dept: Dept::Footwear,
        type_name: "Hiking Boots",
        taxonomy: "Apparel & Accessories > Shoes > Boots",
        nouns: &["Hiking Boot", "Trekking Boot", "Mid Hiker", "Backpacking Boot", "Leather Boot"],
        adjectives: &["Waterproof", "Leather", "Mid", "All-Terrain", "Lightweight", "Suede"],
        intros: &[
            "Supportive, waterproof boots for long days with a loaded pack on rough, wet trails.",
            "A comfortable hiking boot with grip for mud and rock, ready out of the box.",
        ],
        features: &[
            "Waterproof, breathable membrane",
            "Deep-lug rubber outsole for grip on wet rock",
            "Full-grain leather upper",
            "Cushioned EVA midsole",
            "Padded ankle collar for support",
            "Resoleable construction",
        ],
        tags: &["boots", "hiking", "waterproof"],
        opt: Opt::Shoes,
        colors: false,
        gendered: true,
        price: (139.0, 259.0),
        margin: (0.42, 0.52),
        grams: (900, 1400),
        share: 3.0,
        season: Season::AllYear,
        return_rate: 0.12,
    },
    Kind {
        key: "trail_shoe",
        dept: Dept::Footwear,
        type_name: "Trail Shoes",
        taxonomy: "Apparel & Accessories > Shoes > Athletic Shoes",
        nouns: &["Trail Runner", "Approach Shoe", "Trail Shoe", "Hiking Shoe"],
        adjectives: &["Grippy", "Lightweight", "Waterproof", "Cushioned", "Low"],
        intros: &[
            "A light, grippy shoe for trail running, fast hikes and scrambles.",
            "Cushioned and nimble on technical ground, comfortable all day.",
        ],
        features: &[
            "Sticky rubber outsole",
            "Rock plate for protection",
            "Breathable mesh upper",
            "Quick-lace system",
            "Toe bumper",
        ],
        tags: &["shoes", "trail running"],
        opt: Opt::Shoes,
        colors: false,
        gendered: true,
        price: (109.0, 169.0),
        margin: (0.42, 0.52),
        grams: (560, 800),
        share: 2.5,
        season: Season::AllYear,
        return_rate: 0.12,
    },
    Kind {
        key: "sandal",
        dept: Dept::Footwear,
        type_name: "Sandals",
        taxonomy: "Apparel & Accessories > Shoes > Sandals",
        nouns: &["Sandal", "Trail Sandal", "River Sandal", "Slide"],
        adjectives: &["Adjustable", "Water", "Cushioned", "Recycled"],
        intros: &[
            "A secure, quick-drying sandal for river crossings, beach days and camp.",
            "Strap-in sandals with real grip for summer adventures.",
        ],
        features: &["Adjustable webbing straps", "Grippy rubber outsole", "Quick-drying", "Contoured footbed"],
        tags: &["sandals", "summer"],
        opt: Opt::Shoes,
        colors: false,
        gendered: true,
        price: (49.0, 89.0),
        margin: (0.5, 0.6),
        grams: (400, 650),
        share: 1.2,
        season: Season::Summer,
        return_rate: 0.09,
    },
    Kind {
        key: "winter_boot",
        dept: Dept::Footwear,
        type_name: "Winter Boots",
        taxonomy: "Apparel & Accessories > Shoes > Boots",
        nouns: &["Winter Boot", "Snow Boot", "Insulated Boot"],
        adjectives: &["Insulated", "Waterproof", "Lined", "Arctic"],
        intros: &[
            "A warm, waterproof boot for snow, slush and icy pavements.",
            "Insulated boots for winter walks and cold days in camp.",
        ],
        features: &["200 g synthetic insulation", "Waterproof upper", "Winter-grip outsole", "Removable felt liner"],
        tags: &["boots", "winter", "warm"],
        opt: Opt::Shoes,
        colors: false,
        gendered: true,
        price: (149.0, 229.0),
        margin: (0.42, 0.52),
        grams: (1100, 1600),
        share: 1.0,
        season: Season::Winter,
        return_rate: 0.11,
    },
    Kind {
        key: "socks",
        dept: Dept::Accessories,
        type_name: "Socks",
        taxonomy: "Apparel & Accessories > Clothing > Underwear & Socks > Socks",
        nouns: &["Socks", "Hiking Socks", "Crew Socks", "Liner Socks", "Boot Socks"],
        adjectives: &["Merino", "Cushioned", "Lightweight", "Midweight", "Trail", "Wool"],
        intros: &[
            "Cushioned, blister-resistant socks for long days in boots.",
            "Merino socks that stay warm and fresh over multi-day trips.",
        ],
        features: &["Merino wool blend", "Cushioned sole", "Seamless toe", "Arch support band", "Odour-resistant"],
        tags: &["socks", "merino"],
        opt: Opt::Small4,
        colors: true,
        gendered: false,
        price: (16.0, 29.0),
        margin: (0.6, 0.7),
        grams: (60, 110),
        share: 4.5,
        season: Season::AllYear,
        return_rate: 0.02,
    },
    Kind {
        key: "hat",
        dept: Dept::Accessories,
        type_name: "Hats",
        taxonomy: "Apparel & Accessories > Clothing Accessories > Hats",
        nouns: &["Beanie", "Trail Cap", "Sun Hat", "Bucket Hat", "Bobble Hat"],
        adjectives: &["Merino", "Ribbed", "Packable", "Wide-Brim", "Fleece-Lined"],
        intros: &[
            "A warm hat for cold mornings and winter summits.",
            "Sun protection for long days above the treeline.",
        ],
        features: &[
            "Merino wool knit",
            "UPF 50 brim",
            "Packable and crushable",
            "Fleece ear band",
            "Adjustable chin strap",
        ],
        tags: &["hat"],
        opt: Opt::OneSize,
        colors: true,
        gendered: false,
        price: (22.0, 45.0),
        margin: (0.6, 0.7),
        grams: (50, 120),
        share: 3.0,
        season: Season::Winter,
        return_rate: 0.03,
    },
    Kind {
        key: "gloves",
        dept: Dept::Accessories,
        type_name: "Gloves",
        taxonomy: "Apparel & Accessories > Clothing Accessories > Gloves & Mittens",
        nouns: &["Gloves", "Mittens", "Liner Gloves", "Softshell Gloves"],
        adjectives: &["Insulated", "Waterproof", "Touchscreen", "Merino", "Windproof"],
        intros: &[
            "Warm hands on cold, wet days: gloves for winter hikes and ski tours.",
            "Thin, dexterous gloves for cool mornings and layering.",
        ],
        features: &[
            "Waterproof insert",
            "Touchscreen-compatible fingertips",
            "Insulated back of hand",
            "Leather palm for grip",
            "Wrist leash",
        ],
        tags: &["gloves", "winter"],
        opt: Opt::Small4,
        colors: false,
        gendered: false,
        price: (29.0, 89.0),
        margin: (0.55, 0.65),
        grams: (60, 200),
        share: 2.5,
        season: Season::Winter,
        return_rate: 0.06,
    },
    Kind {
        key: "backpack",
        dept: Dept::Accessories,
        type_name: "Backpacks",
        taxonomy: "Luggage & Bags > Backpacks",
        nouns: &["Daypack", "Backpack", "Hiking Pack", "Trekking Pack", "Travel Pack"],
        adjectives: &["20L", "28L", "35L", "45L", "65L", "Ultralight", "Rolltop"],
        intros: &[
            "A comfortable pack for day hikes and travel, with room for layers, lunch and water.",
            "Carries a full load in comfort on multi-day treks.",
        ],
        features: &[
            "Ventilated back panel",
            "Hydration sleeve",
            "Hip-belt pockets",
            "Integrated rain cover",
            "Trekking pole loops",
            "Recycled ripstop nylon",
        ],
        tags: &["backpack", "hiking"],
        opt: Opt::OneSize,
        colors: true,
        gendered: false,
        price: (79.0, 249.0),
        margin: (0.45, 0.58),
        grams: (600, 1800),
        share: 3.5,
        season: Season::Summer,
        return_rate: 0.05,
    },
    Kind {
        key: "bag",
        dept: Dept::Accessories,
        type_name: "Bags",
        taxonomy: "Luggage & Bags > Duffel Bags",
        nouns: &["Duffel", "Dry Bag", "Stuff Sack", "Hip Pack", "Tote"],
        adjectives: &["Waterproof", "Roll-Top", "Packable", "Recycled", "Heavy-Duty"],
        intros: &[
            "Keeps kit organised and dry on the trail, on the water and on the road.",
            "A tough bag for gear hauling, road trips and travel.",
        ],
        features: &[
            "Waterproof roll-top closure",
            "Recycled nylon",
            "Removable shoulder strap",
            "Welded seams",
            "Lash points",
        ],
        tags: &["bag", "travel"],
        opt: Opt::OneSize,
        colors: true,
        gendered: false,
        price: (25.0, 149.0),
        margin: (0.52, 0.65),
        grams: (100, 1200),
        share: 2.0,
        season: Season::AllYear,
        return_rate: 0.04,
    },
    Kind {
        key: "bottle",
        dept: Dept::Accessories,
        type_name: "Water Bottles",
        taxonomy: "Home & Garden > Kitchen & Dining > Food & Beverage Carriers > Water Bottles",
        nouns: &["Bottle", "Insulated Bottle", "Trail Bottle", "Flask"],
        adjectives: &["Stainless", "Vacuum", "Collapsible", "Wide-Mouth", "Filter"],
        intros: &[
            "Keeps water cold all day on the trail and coffee hot on frosty mornings.",
            "A leak-proof bottle built for packs, bikes and desks.",
        ],
        features: &[
            "Double-wall vacuum insulation",
            "Leak-proof lid",
            "BPA-free",
            "Fits most cup holders",
            "Dishwasher-safe lid",
        ],
        tags: &["bottle", "hydration"],
        opt: Opt::Custom("Size", &["500 ml", "750 ml", "1 L"], &[0, 400, 800]),
        colors: true,
        gendered: false,
        price: (19.0, 39.0),
        margin: (0.55, 0.68),
        grams: (250, 450),
        share: 2.5,
        season: Season::Summer,
        return_rate: 0.03,
    },
    Kind {
        key: "neck_gaiter",
        dept: Dept::Accessories,
        type_name: "Neck Gaiters",
        taxonomy: "Apparel & Accessories > Clothing Accessories > Scarves & Shawls",
        nouns: &["Neck Gaiter", "Neck Warmer", "Scarf"],
        adjectives: &["Merino", "Fleece", "Lightweight", "Reversible"],
        intros: &[
            "A versatile tube of warmth for wind, sun and cold.",
            "Keeps the chill off your neck on windy ridges.",
        ],
        features: &["Seamless knit", "Wear as headband, gaiter or beanie", "Merino blend", "UPF 50"],
        tags: &["neck gaiter"],
        opt: Opt::OneSize,
        colors: true,
        gendered: false,
        price: (19.0, 35.0),
        margin: (0.62, 0.7),
        grams: (40, 90),
        share: 1.3,
        season: Season::Winter,
        return_rate: 0.02,
    },
    Kind {
        key: "tent",
        dept: Dept::Camping,
        type_name: "Tents",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents",
        nouns: &["Tent", "Backpacking Tent", "Dome Tent", "Tunnel Tent", "Trekking Tent"],
        adjectives: &["1-Person", "2-Person", "3-Person", "4-Season", "Ultralight", "Freestanding", "Family"],
        intros: &[
            "A stable, quick-pitching shelter for backpacking trips and wild camps.",
            "Roomy, weatherproof and light enough to carry over a pass.",
        ],
        features: &[
            "Pitches in under five minutes",
            "Two doors and two vestibules",
            "Aluminium poles",
            "3,000 mm waterproof flysheet",
            "Ripstop inner with mesh panels",
            "Includes stakes and guylines",
        ],
        tags: &["tent", "camping", "backpacking"],
        opt: Opt::OneSize,
        colors: false,
        gendered: false,
        price: (199.0, 549.0),
        margin: (0.3, 0.45),
        grams: (1100, 3800),
        share: 2.2,
        season: Season::Summer,
        return_rate: 0.04,
    },
    Kind {
        key: "sleeping_bag",
        dept: Dept::Camping,
        type_name: "Sleeping Bags",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Sleeping Bags",
        nouns: &["Sleeping Bag", "Down Sleeping Bag", "Quilt", "Mummy Bag"],
        adjectives: &["Three-Season", "Ultralight", "Synthetic", "Winter", "Summer"],
        intros: &["Warm, packable sleep for three-season camping.", "A light bag for warm nights under the stars."],
        features: &[
            "Comfort rating 0 C",
            "Responsibly sourced down",
            "Draft collar and hood",
            "Compression sack included",
            "Two-way zip",
        ],
        tags: &["sleeping bag", "camping"],
        opt: Opt::Custom("Length", &["Regular", "Long"], &[0, 2000]),
        colors: false,
        gendered: false,
        price: (129.0, 399.0),
        margin: (0.35, 0.5),
        grams: (700, 1600),
        share: 2.0,
        season: Season::Summer,
        return_rate: 0.04,
    },
    Kind {
        key: "sleeping_pad",
        dept: Dept::Camping,
        type_name: "Sleeping Pads",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Sleeping Pads",
        nouns: &["Sleeping Pad", "Air Mat", "Foam Pad", "Self-Inflating Mat"],
        adjectives: &["Insulated", "Ultralight", "Wide", "Comfort"],
        intros: &[
            "A comfortable, insulated pad for a good night's sleep on hard ground.",
            "Light and warm: sleeping comfort that packs small.",
        ],
        features: &[
            "R-value 4.2",
            "Packs to the size of a water bottle",
            "Pump sack included",
            "Quiet fabric",
            "Repair kit included",
        ],
        tags: &["sleeping pad", "camping"],
        opt: Opt::Custom("Size", &["Regular", "Long Wide"], &[0, 3000]),
        colors: false,
        gendered: false,
        price: (49.0, 189.0),
        margin: (0.35, 0.5),
        grams: (350, 900),
        share: 1.8,
        season: Season::Summer,
        return_rate: 0.05,
    },
    Kind {
        key: "stove",
        dept: Dept::Camping,
        type_name: "Stoves",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Portable Cooking Stoves",
        nouns: &["Stove", "Backpacking Stove", "Canister Stove", "Stove System"],
        adjectives: &["Compact", "Integrated", "Ultralight", "Windproof"],
        intros: &[
            "Boils water fast for coffee and trail meals, even in wind.",
            "A compact stove for backpacking kitchens.",
        ],
        features: &[
            "Boils 1 L in about 4 minutes",
            "Piezo ignition",
            "Fits standard screw-thread gas canisters",
            "Folding pot supports",
        ],
        tags: &["stove", "camp kitchen"],
        opt: Opt::OneSize,
        colors: false,
        gendered: false,
        price: (39.0, 149.0),
        margin: (0.25, 0.4),
        grams: (80, 500),
        share: 1.3,
        season: Season::Summer,
        return_rate: 0.04,
    },
    Kind {
        key: "cookware",
        dept: Dept::Camping,
        type_name: "Camp Cookware",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Camp Cookware",
        nouns: &["Cook Set", "Titanium Mug", "Pot", "Camp Kettle", "Spork"],
        adjectives: &["Titanium", "Nesting", "Non-Stick", "Compact", "Aluminium"],
        intros: &[
            "Light, nesting cookware for meals on the trail.",
            "Everything you need to cook and eat in camp, packed into one pot.",
        ],
        features: &[
            "Nests around a gas canister",
            "Folding handles",
            "Lid with strainer",
            "Titanium: light and strong",
        ],
        tags: &["cookware", "camp kitchen"],
        opt: Opt::OneSize,
        colors: false,
        gendered: false,
        price: (15.0, 89.0),
        margin: (0.45, 0.6),
        grams: (40, 600),
        share: 1.7,
        season: Season::Summer,
        return_rate: 0.03,
    },
    Kind {
        key: "headlamp",
        dept: Dept::Camping,
        type_name: "Headlamps",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Camping Lights & Lanterns",
        nouns: &["Headlamp", "Lantern", "Head Torch"],
        adjectives: &["Rechargeable", "350-Lumen", "500-Lumen", "Compact"],
        intros: &[
            "Bright, reliable light for early starts and late finishes.",
            "A rechargeable light for camp, trail and power cuts.",
        ],
        features: &["USB-C rechargeable", "Red night-vision mode", "IPX4 water resistant", "Lock mode for packing"],
        tags: &["lighting", "camping"],
        opt: Opt::OneSize,
        colors: false,
        gendered: false,
        price: (29.0, 79.0),
        margin: (0.22, 0.4),
        grams: (60, 250),
        share: 1.5,
        season: Season::AllYear,
        return_rate: 0.04,
    },
    Kind {
        key: "poles",
        dept: Dept::Camping,
        type_name: "Trekking Poles",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Hiking Poles",
        nouns: &["Trekking Poles", "Hiking Poles", "Folding Poles"],
        adjectives: &["Carbon", "Aluminium", "Folding", "Adjustable"],
        intros: &[
            "Save your knees on the descents and keep balance on river crossings.",
            "Light, packable poles for hiking and trail running.",
        ],
        features: &["Lever-lock length adjustment", "Cork grips", "Carbide tips", "Sold as a pair"],
        tags: &["poles", "hiking"],
        opt: Opt::OneSize,
        colors: false,
        gendered: false,
        price: (59.0, 169.0),
        margin: (0.4, 0.55),
        grams: (380, 560),
        share: 1.0,
        season: Season::AllYear,
        return_rate: 0.04,
    },
    Kind {
        key: "tent_accessory",
        dept: Dept::Camping,
        type_name: "Tent Accessories",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Tent Accessories",
        nouns: &["Tent Footprint", "Stake Set", "Guyline Kit", "Tarp"],
        adjectives: &["Ultralight", "Aluminium", "Reflective", "Universal"],
        intros: &["Protect your tent floor and pitch more securely.", "Small upgrades that make wild camping easier."],
        features: &[
            "Fits most 2-person tents",
            "Set of 8 aluminium stakes",
            "Reflective guylines",
            "Stuff sack included",
        ],
        tags: &["tent accessories", "camping"],
        opt: Opt::OneSize,
        colors: false,
        gendered: false,
        price: (15.0, 59.0),
        margin: (0.5, 0.65),
        grams: (80, 400),
        share: 1.0,
        season: Season::Summer,
        return_rate: 0.03,
    },
    Kind {
        key: "wax",
        dept: Dept::Care,
        type_name: "Proofing & Wax",
        taxonomy: "Apparel & Accessories > Shoe Accessories > Shoe Care & Tools",
        nouns: &["Proofing Wax", "Fabric Wax", "Spray-On Proofer", "Leather Wax"],
        adjectives: &["Natural", "PFC-Free", "Beeswax", "Water-Based"],
        intros: &[
            "Restores water repellency to jackets, boots and packs.",
            "Re-proof your waterproofs and waxed cotton after washing.",
        ],
        features: &[
            "PFC-free formula",
            "Restores water beading",
            "Works on waxed cotton and leather",
            "Made in small batches",
        ],
        tags: &["care", "waterproofing"],
        opt: Opt::Custom("Size", &["100 ml", "300 ml"], &[0, 700]),
        colors: false,
        gendered: false,
        price: (9.0, 19.0),
        margin: (0.62, 0.72),
        grams: (120, 350),
        share: 1.3,
        season: Season::Rain,
        return_rate: 0.01,
    },
    Kind {
        key: "tech_wash",
        dept: Dept::Care,
        type_name: "Technical Wash",
        taxonomy: "Home & Garden > Household Supplies > Laundry Supplies > Detergent",
        nouns: &["Tech Wash", "Down Wash", "Wool Wash"],
        adjectives: &["Gentle", "Non-Bio", "Concentrated"],
        intros: &[
            "Cleans technical fabrics without harming their waterproofing.",
            "Gentle wash for down jackets and sleeping bags.",
        ],
        features: &["Safe for membranes", "Biodegradable", "Restores down loft", "Enough for about ten washes"],
        tags: &["care", "laundry"],
        opt: Opt::Custom("Size", &["300 ml", "1 L"], &[0, 900]),
        colors: false,
        gendered: false,
        price: (9.0, 16.0),
        margin: (0.6, 0.7),
        grams: (320, 1050),
        share: 1.3,
        season: Season::AllYear,
        return_rate: 0.01,
    },
    Kind {
        key: "boot_care",
        dept: Dept::Care,
        type_name: "Boot Care",
        taxonomy: "Apparel & Accessories > Shoe Accessories > Shoe Care & Tools",
        nouns: &["Boot Cleaner", "Leather Conditioner", "Boot Brush", "Boot Care Kit"],
        adjectives: &["Natural", "Gentle", "Deep-Clean"],
        intros: &[
            "Keeps boots clean, supple and waterproof for years.",
            "Everything your boots need after a muddy weekend.",
        ],
        features: &[
            "Removes mud and salt",
            "Conditions leather",
            "Stiff and soft brush heads",
            "Suitable for membranes",
        ],
        tags: &["care", "boots"],
        opt: Opt::OneSize,
        colors: false,
        gendered: false,
        price: (8.0, 29.0),
        margin: (0.6, 0.7),
        grams: (100, 400),
        share: 1.2,
        season: Season::AllYear,
        return_rate: 0.01,
    },
    Kind {
        key: "repair",
        dept: Dept::Care,
        type_name: "Repair",
        taxonomy: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Tent Accessories",
        nouns: &["Seam Sealer", "Repair Patches", "Repair Kit"],
        adjectives: &["Field", "Universal", "Clear"],
        intros: &["Fix tears and leaky seams in the field.", "Quick, durable repairs for tents, jackets and mats."],
        features: &["Seals seams permanently", "Self-adhesive patches", "Flexible when cured", "Compact tube"],
        tags: &["care", "repair"],
        opt: Opt::OneSize,
        colors: false,
        gendered: false,
        price: (7.0, 19.0),
        margin: (0.6, 0.7),
        grams: (30, 120),
        share: 0.8,
        season: Season::AllYear,
        return_rate: 0.01,
    },
];

/// Relative number of products of a kind in the catalogue (clothing has many
/// sizes per product, so it gets fewer products than its demand share).
pub fn catalog_share(k: &Kind) -> f64 {
    match k.dept {
        Dept::Outerwear | Dept::Tops | Dept::Bottoms => k.share * 0.75,
        _ => k.share,
    }
}

/// Index of a kind by key (panics on an unknown key: keys are fixed in this file).
pub fn kind_index(key: &str) -> usize {
    KINDS.iter().position(|k| k.key == key).unwrap_or_else(|| panic!("unknown kind {key}"))
}

/// Model names that open product titles.
const MODELS: &[&str] = &[
    "Ridgeline",
    "Alder",
    "Kestrel",
    "Granite",
    "Fjell",
    "Cascade",
    "Tundra",
    "Birch",
    "Cedar",
    "Summit",
    "Basin",
    "Talus",
    "Scree",
    "Moraine",
    "Cirque",
    "Larch",
    "Juniper",
    "Heron",
    "Wren",
    "Lynx",
    "Bracken",
    "Heather",
    "Fernwood",
    "Pinecrest",
    "Stormcrest",
    "Windrift",
    "Driftwood",
    "Northwind",
    "Eastface",
    "Highpass",
    "Switchback",
    "Traverse",
    "Quarry",
    "Flint",
    "Slate",
    "Basalt",
    "Quartz",
    "Cobalt",
    "Tarn",
    "Fell",
    "Glen",
    "Corrie",
    "Beacon",
    "Ember",
    "Aspen",
    "Sequoia",
    "Tamarack",
    "Hemlock",
    "Sitka",
    "Kodiak",
    "Skyline",
    "Horizon",
    "Meridian",
    "Zenith",
    "Boreal",
    "Alpenglow",
    "Bluebird",
    "Cairn",
    "Dune",
    "Esker",
    "Fjord",
    "Gorge",
    "Hollow",
    "Isle",
    "Jasper",
    "Knoll",
    "Lagoon",
    "Mesa",
    "Nordic",
    "Oxbow",
    "Pika",
    "Ptarmigan",
    "Ravine",
    "Saddle",
    "Timberline",
    "Upland",
    "Vale",
    "Willow",
    "Yarrow",
    "Coyote",
    "Marten",
    "Rookery",
];

const VENDORS: &[&str] = &["Fellcraft", "Northbeck Gear", "Cairnline", "Bramble & Pine", "Ottermoor"];
/// The store's own brand.
pub const HOUSE_BRAND: &str = "Tarnwood";

pub struct Color {
    pub name: &'static str,
    pub code: &'static str,
}
const COLORS: &[Color] = &[
    Color { name: "Black", code: "BLK" },
    Color { name: "Navy", code: "NVY" },
    Color { name: "Olive", code: "OLV" },
    Color { name: "Slate Grey", code: "GRY" },
    Color { name: "Forest Green", code: "FOR" },
    Color { name: "Rust", code: "RST" },
    Color { name: "Sand", code: "SND" },
    Color { name: "Ocean Blue", code: "BLU" },
    Color { name: "Charcoal", code: "CHR" },
    Color { name: "Burgundy", code: "BRG" },
    Color { name: "Mustard", code: "MST" },
    Color { name: "Stone", code: "STN" },
    Color { name: "White", code: "WHT" },
    Color { name: "Red", code: "RED" },
    Color { name: "Orange", code: "ORG" },
    Color { name: "Teal", code: "TEL" },
];

const APPAREL_SIZES: &[&str] = &["XS", "S", "M", "L", "XL", "XXL"];
const APPAREL_WEIGHTS: &[f64] = &[0.06, 0.18, 0.30, 0.26, 0.14, 0.06];
const SMALL4: &[&str] = &["S", "M", "L", "XL"];
const SMALL4_WEIGHTS: &[f64] = &[0.2, 0.38, 0.3, 0.12];

/// A fixed product that exists in every generated store (the knowledge base
/// and the README name some of them).
struct Hero {
    kind: &'static str,
    title: &'static str,
    price: i64,
    popularity: f64,
    runs_small: bool,
}

const HEROES: &[Hero] = &[
    Hero {
        kind: "rain_shell",
        title: "Ridgeline Waterproof Rain Shell",
        price: 18900,
        popularity: 8.0,
        runs_small: false,
    },
    Hero { kind: "parka", title: "Summit Down Parka", price: 32900, popularity: 5.0, runs_small: false },
    Hero { kind: "pants", title: "Alder Slim Trail Pant", price: 8900, popularity: 7.0, runs_small: true },
    Hero { kind: "base_layer", title: "Kestrel Fitted Base Layer Top", price: 6900, popularity: 6.0, runs_small: true },
    Hero { kind: "trail_shoe", title: "Granite Approach Shoe", price: 14900, popularity: 6.0, runs_small: true },
    Hero {
        kind: "hiking_boot",
        title: "Trailhead Leather Hiking Boot",
        price: 21900,
        popularity: 7.0,
        runs_small: false,
    },
    Hero { kind: "socks", title: "Merino Trail Socks", price: 2200, popularity: 10.0, runs_small: false },
    Hero { kind: "backpack", title: "Basin 28L Daypack", price: 11900, popularity: 6.0, runs_small: false },
    Hero { kind: "bottle", title: "Cascade Insulated Bottle", price: 2900, popularity: 6.0, runs_small: false },
    Hero { kind: "wax", title: "Fjell Proofing Wax", price: 1400, popularity: 6.0, runs_small: false },
    Hero { kind: "tent", title: "Tarn 2-Person Backpacking Tent", price: 34900, popularity: 5.0, runs_small: false },
    Hero { kind: "sleeping_bag", title: "Ember Down Sleeping Bag", price: 27900, popularity: 4.0, runs_small: false },
];

/// Titles of the products that run small (named in the sizing guide and README).
pub fn runs_small_titles() -> Vec<&'static str> {
    HEROES.iter().filter(|h| h.runs_small).map(|h| h.title).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Active,
    Draft,
    Archived,
}

pub struct Product {
    pub title: String,
    pub handle: String,
    pub kind: u8,
    pub vendor: &'static str,
    pub status: Status,
    pub gender: &'static str,
    pub description: String,
    pub tags: String,
    pub popularity: f64,
    pub runs_small: bool,
    pub opt1_name: &'static str,
    pub opt2_name: &'static str,
    pub first_variant: u32,
    pub n_variants: u32,
}

impl Product {
    pub fn kind(&self) -> &'static Kind {
        &KINDS[self.kind as usize]
    }
}

pub struct Variant {
    pub product: u32,
    pub sku: String,
    pub opt1: String,
    pub opt2: String,
    /// `M / Black`, or empty for a product's single default variant.
    pub title: String,
    pub price: i64,
    pub compare_at: i64,
    pub cost: i64,
    pub inventory: i32,
    pub grams: u32,
    /// Relative chance that a buyer of the product picks this variant.
    pub weight: f64,
}

pub struct Catalog {
    pub products: Vec<Product>,
    pub variants: Vec<Variant>,
    /// Sellable (non-draft) products per kind, with their popularity weights.
    pub by_kind: Vec<(Vec<u32>, Cumulative)>,
}

fn round_price(dollars: f64, rng: &mut impl Rng) -> i64 {
    let d = (dollars / 5.0).round().max(1.0) * 5.0;
    if rng.random_bool(0.5) {
        (d * 100.0) as i64 - 5
    } else {
        (d * 100.0) as i64
    }
}

impl Catalog {
    /// Generates `1,500 × scale` products (the fixed hero products first).
    pub fn generate(seed: u64, scale: usize, progress: &mut dyn FnMut(Stage, u64, u64)) -> Catalog {
        let mut rng = rng_for(seed, 1);
        let total = 1500 * scale;
        let mut titles: HashSet<String> = HashSet::new();
        let mut handles: HashSet<String> = HashSet::new();
        for h in HEROES {
            titles.insert(h.title.to_string());
        }
        let share: Vec<f64> = KINDS.iter().map(catalog_share).collect();
        let mut products = Vec::with_capacity(total);
        let mut variants = Vec::with_capacity(total * 4);
        progress(Stage::Products, 0, total as u64);
        for i in 0..total {
            let number = 1001 + i as u32;
            let hero = HEROES.get(i);
            let kind_idx = match hero {
                Some(h) => kind_index(h.kind),
                None => pick_weighted(&mut rng, &share),
            };
            let kind = &KINDS[kind_idx];
            let gender =
                if kind.gendered && hero.is_none() { *pick(&mut rng, &["male", "female", "unisex"]) } else { "unisex" };
            let title = match hero {
                Some(h) => h.title.to_string(),
                None => {
                    let mut t = String::new();
                    for attempt in 0..40 {
                        let model = pick(&mut rng, MODELS);
                        let noun = pick(&mut rng, kind.nouns);
                        let base = if rng.random_bool(0.65) {
                            format!("{model} {} {noun}", pick(&mut rng, kind.adjectives))
                        } else {
                            format!("{model} {noun}")
                        };
                        let base = match gender {
                            "male" => format!("Men's {base}"),
                            "female" => format!("Women's {base}"),
                            _ => base,
                        };
                        let cand = if attempt < 30 {
                            base
                        } else {
                            format!(
                                "{base} {}",
                                ["II", "III", "IV", "Pro", "Lite", "LT", "XT", "2.0", "Plus", "Evo"][attempt - 30]
                            )
                        };
                        if !titles.contains(&cand) {
                            t = cand;
                            break;
                        }
                    }
                    if t.is_empty() {
                        // Extremely large catalogues: fall back to a numbered edition.
                        t = format!("{} {} Edition {number}", pick(&mut rng, MODELS), pick(&mut rng, kind.nouns));
                    }
                    titles.insert(t.clone());
                    t
                }
            };
            let mut handle = slugify(&title);
            if handles.contains(&handle) {
                handle = format!("{handle}-{number}");
            }
            handles.insert(handle.clone());

            let status = match hero {
                Some(_) => Status::Active,
                None => {
                    let x: f64 = rng.random();
                    if x < 0.02 {
                        Status::Draft
                    } else if x < 0.045 {
                        Status::Archived
                    } else {
                        Status::Active
                    }
                }
            };
            let vendor = if hero.is_some() || rng.random_bool(0.7) { HOUSE_BRAND } else { *pick(&mut rng, VENDORS) };

            // Description: intro, three features, a closing line.
            let mut feats: Vec<&str> = Vec::new();
            while feats.len() < 3.min(kind.features.len()) {
                let f = *pick(&mut rng, kind.features);
                if !feats.contains(&f) {
                    feats.push(f);
                }
            }
            let mut description = format!("<p>{}</p><ul>", pick(&mut rng, kind.intros));
            for f in &feats {
                description.push_str("<li>");
                description.push_str(f);
                description.push_str("</li>");
            }
            description.push_str("</ul>");

            let mut tags: Vec<String> = vec![kind.dept.tag().to_string()];
            for t in kind.tags {
                if rng.random_bool(0.7) {
                    tags.push((*t).to_string());
                }
            }
            match gender {
                "male" => tags.push("mens".into()),
                "female" => tags.push("womens".into()),
                _ => {}
            }
            if vendor == HOUSE_BRAND {
                tags.push("house brand".into());
            }
            let tags = tags.join(", ");

            let popularity = match hero {
                Some(h) => h.popularity * 2.0,
                None => {
                    let w = (normal(&mut rng) * 1.1).exp();
                    if status == Status::Archived {
                        w * 0.3
                    } else {
                        w
                    }
                }
            };

            // Options.
            let colors: Vec<&Color> = if kind.colors {
                let n = match kind.dept {
                    d if d.is_sized() || matches!(kind.opt, Opt::Small4) => {
                        let x: f64 = rng.random();
                        if x < 0.9 {
                            1
                        } else if x < 0.985 {
                            2
                        } else {
                            3
                        }
                    }
                    _ => {
                        let x: f64 = rng.random();
                        if x < 0.45 {
                            1
                        } else if x < 0.8 {
                            2
                        } else {
                            3
                        }
                    }
                };
                let mut cs: Vec<&Color> = Vec::new();
                while cs.len() < n {
                    let c = pick(&mut rng, COLORS);
                    if !cs.iter().any(|x| x.code == c.code) {
                        cs.push(c);
                    }
                }
                cs
            } else {
                Vec::new()
            };
            // (label, sku code, weight, price step)
            let sizes: Vec<(String, String, f64, i64)> = match kind.opt {
                Opt::Apparel => {
                    let (lo, hi) = *pick(
                        &mut rng,
                        &[(1usize, 4usize), (1, 4), (1, 4), (1, 4), (1, 4), (1, 4), (0, 4), (1, 5), (1, 5), (0, 5)],
                    );
                    (lo..=hi)
                        .map(|i| (APPAREL_SIZES[i].to_string(), APPAREL_SIZES[i].to_string(), APPAREL_WEIGHTS[i], 0))
                        .collect()
                }
                Opt::Shoes => {
                    let (lo, hi) = match gender {
                        "female" => (36, 41),
                        "male" => (40, 46),
                        _ => (37, 45),
                    };
                    (lo..=hi)
                        .map(|s: i32| {
                            let z = (f64::from(s) - 41.5) / 2.6;
                            (s.to_string(), s.to_string(), (-0.5 * z * z).exp(), 0)
                        })
                        .collect()
                }
                Opt::Small4 => {
                    let n = if rng.random_bool(0.5) { 3 } else { 4 };
                    (0..n).map(|i| (SMALL4[i].to_string(), SMALL4[i].to_string(), SMALL4_WEIGHTS[i], 0)).collect()
                }
                Opt::OneSize => Vec::new(),
                Opt::Custom(_, values, steps) => {
                    let n = if values.len() > 2 && rng.random_bool(0.5) { values.len() } else { 2.min(values.len()) };
                    let n = if rng.random_bool(0.35) { 1 } else { n };
                    (0..n)
                        .map(|i| {
                            let code: String = values[i]
                                .chars()
                                .filter(|c| c.is_ascii_alphanumeric())
                                .collect::<String>()
                                .to_uppercase();
                            let code = if code.len() > 4 { code[..3].to_string() } else { code };
                            (values[i].to_string(), code, 1.0 / (1.0 + i as f64 * 0.6), steps[i])
                        })
                        .collect()
                }
            };
            let size_name = match kind.opt {
                Opt::Apparel | Opt::Shoes | Opt::Small4 => "Size",
                Opt::Custom(name, _, _) => name,
                Opt::OneSize => "",
            };
            let (opt1_name, opt2_name) = match (sizes.is_empty(), colors.is_empty()) {
                (true, true) => ("Title", ""),
                (true, false) => ("Color", ""),
                (false, true) => (size_name, ""),
                (false, false) => (size_name, "Color"),
            };

            let base_price = match hero {
                Some(h) => h.price,
                None => {
                    let u: f64 = rng.random::<f64>().powf(1.3);
                    round_price(kind.price.0 + u * (kind.price.1 - kind.price.0), &mut rng)
                }
            };
            let margin = kind.margin.0 + rng.random::<f64>() * (kind.margin.1 - kind.margin.0);
            let compare = hero.is_none() && rng.random_bool(0.14);
            let compare_factor = 1.15 + rng.random::<f64>() * 0.3;
            let grams = kind.grams.0 + rng.random_range(0..=(kind.grams.1 - kind.grams.0));

            let first_variant = variants.len() as u32;
            let size_iter: Vec<Option<&(String, String, f64, i64)>> =
                if sizes.is_empty() { vec![None] } else { sizes.iter().map(Some).collect() };
            let color_iter: Vec<Option<&Color>> =
                if colors.is_empty() { vec![None] } else { colors.iter().map(|c| Some(*c)).collect() };
            for s in &size_iter {
                for (ci, c) in color_iter.iter().enumerate() {
                    let mut sku = format!("SKU-{number}");
                    let mut parts: Vec<String> = Vec::new();
                    if let Some(s) = s {
                        sku.push('-');
                        sku.push_str(&s.1);
                        parts.push(s.0.clone());
                    }
                    if let Some(c) = c {
                        sku.push('-');
                        sku.push_str(c.code);
                        parts.push(c.name.to_string());
                    }
                    let (opt1, opt2) = match (s, c) {
                        (None, None) => ("Default Title".to_string(), String::new()),
                        (None, Some(c)) => (c.name.to_string(), String::new()),
                        (Some(s), None) => (s.0.clone(), String::new()),
                        (Some(s), Some(c)) => (s.0.clone(), c.name.to_string()),
                    };
                    let price = base_price + s.map_or(0, |s| s.3);
                    let cost = ((price as f64) * (1.0 - margin)).round() as i64;
                    let compare_at = if compare {
                        round_price(price as f64 / 100.0 * compare_factor, &mut rng).max(price + 500)
                    } else {
                        0
                    };
                    let inventory = if rng.random_bool(0.065) {
                        0
                    } else {
                        ((normal(&mut rng) * 1.0 + 3.2).exp().round() as i32).clamp(1, 600)
                    };
                    let weight = s.map_or(1.0, |s| s.2) * (1.0 / (1.0 + ci as f64 * 0.7));
                    variants.push(Variant {
                        product: i as u32,
                        sku,
                        opt1,
                        opt2,
                        title: parts.join(" / "),
                        price,
                        compare_at,
                        cost,
                        inventory,
                        grams: grams + s.map_or(0, |s| (s.3 / 20) as u32),
                        weight,
                    });
                }
            }
            let n_variants = variants.len() as u32 - first_variant;
            products.push(Product {
                title,
                handle,
                kind: kind_idx as u8,
                vendor,
                status,
                gender,
                description,
                tags,
                popularity,
                runs_small: hero.is_some_and(|h| h.runs_small),
                opt1_name,
                opt2_name,
                first_variant,
                n_variants,
            });
            if i.checked_rem(500) == Some(0) {
                progress(Stage::Products, i as u64, total as u64);
            }
        }
        progress(Stage::Products, total as u64, total as u64);

        let mut by_kind: Vec<(Vec<u32>, Vec<f64>)> = KINDS.iter().map(|_| (Vec::new(), Vec::new())).collect();
        for (i, p) in products.iter().enumerate() {
            if p.status != Status::Draft {
                by_kind[p.kind as usize].0.push(i as u32);
                by_kind[p.kind as usize].1.push(p.popularity);
            }
        }
        let by_kind = by_kind.into_iter().map(|(ids, w)| (ids, Cumulative::new(w))).collect();
        Catalog { products, variants, by_kind }
    }

    /// The variants of a product.
    pub fn variants_of(&self, p: &Product) -> &[Variant] {
        &self.variants[p.first_variant as usize..(p.first_variant + p.n_variants) as usize]
    }

    /// Writes the products export: one row per variant, product fields on each
    /// product's first row only; zstd-compressed at `zstd_level` when given.
    pub fn write(&self, path: &Path, zstd_level: Option<i32>) -> Result<(), SampleError> {
        let mut out = CsvOut::create(path, zstd_level)?;
        out.row(PRODUCTS_HEADER)?;
        let mut row: Vec<String> = vec![String::new(); PRODUCTS_HEADER.len()];
        for p in &self.products {
            let kind = p.kind();
            for (vi, v) in self.variants_of(p).iter().enumerate() {
                row.iter_mut().for_each(String::clear);
                let first = vi == 0;
                let set = |row: &mut Vec<String>, i: usize, s: &str| {
                    row[i].push_str(s);
                };
                set(&mut row, 1, &p.handle);
                if first {
                    set(&mut row, 0, &p.title);
                    set(&mut row, 2, &p.description);
                    set(&mut row, 3, p.vendor);
                    set(&mut row, 4, kind.taxonomy);
                    set(&mut row, 5, kind.type_name);
                    set(&mut row, 6, &p.tags);
                    set(&mut row, 7, if p.status == Status::Active { "TRUE" } else { "FALSE" });
                    set(
                        &mut row,
                        8,
                        match p.status {
                            Status::Active => "active",
                            Status::Draft => "draft",
                            Status::Archived => "archived",
                        },
                    );
                    set(&mut row, 11, p.opt1_name);
                    set(&mut row, 14, p.opt2_name);
                    set(&mut row, 41, &p.title);
                    set(&mut row, 45, p.gender);
                    set(&mut row, 46, "adult");
                    set(&mut row, 50, "new");
                    set(&mut row, 51, "FALSE");
                    set(&mut row, 40, "FALSE");
                }
                set(&mut row, 9, &v.sku);
                set(&mut row, 12, &v.opt1);
                set(&mut row, 15, &v.opt2);
                row[20] = crate::util::money(v.price);
                if v.compare_at > 0 {
                    row[21] = crate::util::money(v.compare_at);
                }
                row[22] = crate::util::money(v.cost);
                set(&mut row, 23, "TRUE");
                set(&mut row, 29, "shopify");
                row[30] = v.inventory.to_string();
                set(&mut row, 31, "DENY");
                row[32] = v.grams.to_string();
                set(&mut row, 33, if v.grams >= 1000 { "kg" } else { "g" });
                set(&mut row, 34, "TRUE");
                set(&mut row, 35, "manual");
                out.row(&row)?;
            }
        }
        out.finish()
    }
}
