//! Customer-support chat history: conversations tied to real orders and
//! products of the generated store, with varied customer wording per intent and
//! agent answers that follow the knowledge base. Written to
//! `support/conversations.csv.zst` (plain `.csv` when compression is off), one
//! row per message.

use std::path::Path;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::catalog::{Catalog, Opt, Product};
use crate::orders::OrderRef;
use crate::util::{end_ts, iso_ts, pick, pick_weighted, rng_for, CsvOut};
use crate::{SampleError, Stage};

pub const CONVERSATIONS_HEADER: &[&str] =
    &["conversation_id", "timestamp", "role", "text", "intent", "resolution", "handled_by_agent", "csat"];

pub const INTENTS: &[&str] = &[
    "order_status",
    "returns_refunds",
    "exchange",
    "sizing",
    "shipping",
    "payment",
    "product_question",
    "discount_code",
    "cancel_order",
    "change_address",
    "account",
    "complaint",
    "talk_to_human",
    "other",
];

const INTENT_WEIGHTS: &[f64] = &[0.2, 0.14, 0.07, 0.1, 0.09, 0.05, 0.09, 0.06, 0.04, 0.04, 0.03, 0.04, 0.03, 0.02];

/// Customer openers per intent. Slots: {order} {product} {size} {size2} {code} {country}.
fn openers(intent: &str) -> &'static [&'static str] {
    match intent {
        "order_status" => &[
            "where is my order {order}?",
            "I ordered {order} a few days ago and haven't received a shipping confirmation yet.",
            "Can you tell me when {order} will arrive?",
            "my package for order {order} still says in transit, is it lost?",
            "Has {order} shipped? I need the {product} for a trip this weekend.",
            "tracking for {order} hasn't updated in 3 days",
            "Any update on order {order}? It's been almost a week.",
            "When will my {product} be delivered? Order number {order}.",
        ],
        "returns_refunds" => &[
            "I'd like to return the {product} from order {order}, how do I do that?",
            "How do I send back an item? Order {order}, the {product} isn't for me.",
            "I returned {order} last week, when will I get my refund?",
            "can I get a refund for the {product}? it doesn't fit",
            "What's your return policy? I bought the {product} in {order}.",
            "I want to return my {product}, I've only tried it on indoors.",
            "Still waiting on my refund for order {order}.",
            "Is the return label free? Need to send back the {product} from {order}.",
        ],
        "exchange" => &[
            "Can I exchange the {product} for a size {size2}? Order {order}.",
            "I need a bigger size in the {product}, I ordered {size}. Can I swap it?",
            "Is it possible to exchange my {product} for a different colour?",
            "the {product} in {size} is too small, can you send {size2} instead? order {order}",
            "How do exchanges work? I'd like the {product} one size up.",
            "Can I swap {order} for the next size? Same item, {size2} instead of {size}.",
        ],
        "sizing" => &[
            "What size should I get in the {product}? I'm usually a {size}.",
            "Does the {product} run true to size?",
            "I'm between {size} and {size2}, which would you recommend for the {product}?",
            "how does the {product} fit? is it roomy enough for a fleece underneath?",
            "Do you have a size chart for the {product}?",
            "I normally wear {size} — will the {product} fit the same?",
            "is the {product} true to size or should I size up",
        ],
        "shipping" => &[
            "How long does shipping to {country} take?",
            "Do you ship to {country}? And how much is it?",
            "What's the minimum for free shipping?",
            "If I order today, will it arrive by Friday?",
            "How much is express shipping?",
            "do I have to pay customs or duties if I order to {country}?",
            "Which carrier do you use for {country}?",
        ],
        "payment" => &[
            "My card was declined when I tried to pay for the {product}.",
            "Do you accept PayPal?",
            "I was charged twice for order {order}!",
            "Can I pay with Apple Pay?",
            "Why does my bank show a pending charge for {order}?",
            "Which currencies do you accept? I'm in {country}.",
        ],
        "product_question" => &[
            "Is the {product} waterproof?",
            "Is the {product} warm enough for winter hiking?",
            "What is the {product} made of?",
            "Will the {product} be back in stock in {size}?",
            "How heavy is the {product}?",
            "Is the {product} suitable for backpacking trips?",
            "Can I machine wash the {product}?",
            "does the {product} come in other colours?",
        ],
        "discount_code" => &[
            "My code {code} isn't working at checkout.",
            "I forgot to use {code} on order {order}, can you apply it?",
            "Do you have any discount codes right now?",
            "Is there a student discount?",
            "Can I combine {code} with free shipping?",
            "the code {code} says it's expired??",
        ],
        "cancel_order" => &[
            "Please cancel order {order}, I ordered the wrong size.",
            "I need to cancel {order} asap.",
            "Can I still cancel my order {order}? I found the {product} elsewhere.",
            "cancel my order please, {order}",
            "I placed {order} by mistake, can you cancel it?",
        ],
        "change_address" => &[
            "I put the wrong address on order {order}, can you change it?",
            "Can I change the shipping address for {order}? I'm moving this week.",
            "Typo in my zip code on {order}!",
            "please ship {order} to my work address instead",
            "Can you update the delivery address on order {order} before it ships?",
        ],
        "account" => &[
            "I can't log in to my account.",
            "How do I reset my password?",
            "Can you delete my account and my data?",
            "How do I unsubscribe from your emails?",
            "I want to change the email address on my account.",
            "Where can I see my past orders?",
        ],
        "complaint" => &[
            "The zip on my {product} broke after two uses. Not happy.",
            "My {product} arrived damaged. Order {order}.",
            "I received the wrong item in order {order}.",
            "Very disappointed, the {product} leaked on the first rainy hike.",
            "It's been two weeks and still no refund for {order}. This is unacceptable.",
            "The seam on the {product} is coming apart already.",
        ],
        "talk_to_human" => &[
            "Can I talk to a real person?",
            "agent please",
            "I'd like to speak to someone about order {order}.",
            "Is there a human I can talk to?",
            "human",
            "Please connect me with customer service.",
        ],
        _ => &[
            "Do you have a physical store?",
            "Are you hiring?",
            "Do you sell gift cards?",
            "Do you offer repairs for gear bought elsewhere?",
            "Can I order in bulk for my hiking club?",
        ],
    }
}

/// The agent's first answer per intent.
fn answers(intent: &str) -> &'static [&'static str] {
    match intent {
        "order_status" => &[
            "I checked order {order}: it has shipped and is on its way. US standard delivery takes 3–5 business days after dispatch, and the tracking link is in your shipping confirmation email.",
            "Order {order} left our warehouse and is with the carrier. Tracking can take up to 24 hours to update after dispatch; if it hasn't moved in 5 business days, we'll open a trace with the carrier.",
            "Order {order} is packed and ready to ship. Orders placed before 1 pm Eastern on a business day usually leave the same day, and you'll get an email with tracking as soon as it ships.",
        ],
        "returns_refunds" => &[
            "You can return unworn, unwashed items with the tags attached within 30 days of delivery. Start the return from the link in your order confirmation for {order}; US returns get a free prepaid label.",
            "Once your return arrives at our warehouse we inspect it within 2 business days and refund it to your original payment method. Banks usually take 5–10 business days to show the refund. Original shipping costs are not refunded.",
            "Happy to help with the {product}. Returns are accepted within 30 days of delivery as long as the item is unworn and has its tags. International customers pay return shipping; US returns are free.",
        ],
        "exchange" => &[
            "Size and colour exchanges are free within 30 days of delivery. Start an exchange from your order confirmation for {order} and choose {size2}; we ship the new size as soon as the carrier scans your return.",
            "We can swap the {product} for another size or colour, subject to stock. Exchanges are free for US orders; request it through the returns page and pick \"Exchange\".",
        ],
        "sizing" => &[
            "Our apparel follows the size chart in the sizing guide: measure your chest and waist and pick the size that matches. Most of our styles are true to size.",
            "The {product} is true to size with room for a light mid layer. If you're between sizes and want to layer a fleece underneath, go for the larger size.",
            "Please check the size table in our sizing guide — it lists chest, waist and inseam for every size, and footwear in EU, US and UK sizes.",
        ],
        "shipping" => &[
            "US standard shipping takes 3–5 business days and costs $6.95, free on orders over $75. Express (1–2 business days) is $14.95.",
            "We ship to {country}. Canada takes 5–8 business days ($12.95, free over $150); UK and Europe 6–10 business days ($19.95, free over $150); Australia and New Zealand 8–14 business days ($24.95, free over $200).",
            "International orders are shipped with duties unpaid: any import taxes or duties are charged by the carrier on delivery.",
        ],
        "payment" => &[
            "We accept Visa, Mastercard, American Express, Discover, PayPal, Shop Pay, Apple Pay and Google Pay. All prices are charged in US dollars.",
            "A declined card is usually a bank security check. Please try again, use another card, or pay with PayPal. We don't store your card details.",
            "The pending charge on {order} is an authorisation from your bank; you are only charged once. Duplicate authorisations drop off within 3–5 business days.",
        ],
        "product_question" => &[
            "Good question! Product details are on the {product} page; the key features are in the description, and the weight and materials are listed below it.",
            "The {product} is designed for outdoor use — check the features list on the product page for waterproofing and insulation details. It comes with our 2-year warranty against manufacturing defects.",
            "We restock popular sizes every few weeks. Click \"Notify me\" on the {product} page and we'll email you when {size} is back.",
        ],
        "discount_code" => &[
            "Only one code can be used per order. WELCOME10 gives 10% off your first order when you sign up to our newsletter; seasonal codes only work during their sale dates.",
            "Codes have to be entered at checkout and can't be applied to an order after it's placed, sorry. Current promotions are listed on our Discounts & Promotions page.",
            "{code} may have expired — seasonal codes like SUMMER15 (1–14 July) and BLACKFRIDAY25 (Black Friday to Cyber Monday) only work on those dates.",
        ],
        "cancel_order" => &[
            "We can cancel an order until it has been packed. Order {order} hasn't shipped yet, so I've cancelled it; the refund goes back to your original payment method within 5–10 business days.",
            "Unfortunately {order} has already shipped, so it can't be cancelled. You can return it within 30 days of delivery for a refund.",
        ],
        "change_address" => &[
            "I've updated the shipping address on {order} — it hadn't been packed yet.",
            "Order {order} has already shipped, so I can't change the address. Please contact the carrier using your tracking link to redirect it.",
        ],
        "account" => &[
            "You can reset your password from the login page using \"Forgot password\". The reset email can take a few minutes; check your spam folder.",
            "You can unsubscribe using the link at the bottom of any marketing email. For data deletion we'll process your request within 30 days, as explained in our privacy policy.",
            "Your past orders are listed under Account > Orders once you're logged in.",
        ],
        "complaint" => &[
            "I'm really sorry about your {product}. Manufacturing defects are covered by our 2-year warranty — could you send a photo of the problem? We'll replace it or refund you.",
            "I'm sorry about that. Please send a photo of the item you received for {order} and we'll ship the correct item right away with a free return label.",
            "Sorry for the wait on {order}. Refunds are issued within 2 business days of the return arriving; I've flagged this for our returns team.",
        ],
        "talk_to_human" => &[
            "Of course — I'm passing this conversation to our support team. They're available Monday to Friday, 8 am–8 pm Eastern, and reply by email within one business day.",
            "Sure, I'll connect you with a member of our team.",
        ],
        _ => &[
            "We're an online-only store, but you can reach us by chat or email any day.",
            "We don't sell gift cards at the moment, but newsletter subscribers get early access to our sales.",
            "For group or club orders of 10+ items, email our team and we'll quote a discount.",
        ],
    }
}

const FOLLOWUPS: &[&str] = &[
    "ok thanks",
    "Great, thank you!",
    "That helps, thanks.",
    "Perfect.",
    "ok, and how long will that take?",
    "Can you confirm by email?",
    "Thanks for the quick answer.",
    "Got it.",
    "Awesome, thanks so much!",
];
const FOLLOWUPS_UNHAPPY: &[&str] = &[
    "That's not really what I asked.",
    "This doesn't help, I need someone to look at it.",
    "Seriously?",
    "I already tried that.",
    "Can someone call me?",
];
const CLOSERS: &[&str] = &[
    "You're welcome! Anything else I can help with?",
    "Happy to help — enjoy your time outdoors!",
    "Glad I could help. Have a great day!",
    "Anytime. We've sent a summary to your email.",
];
const ASKS: &[&str] = &[
    "Could you share your order number so I can look into it?",
    "Could you tell me a bit more about the problem?",
    "Can you confirm the email address used for the order?",
];
const ESCALATE: &[&str] = &[
    "I've passed this to our support team; someone will reply by email within one business day.",
    "I'm escalating this to a team member who can sort it out — you'll hear from us by email within one business day.",
];
const GREETINGS: &[&str] = &["", "", "Hi, ", "Hello, ", "Hey, ", "Hi there! ", "Good morning, ", "hi "];
const SIGNOFFS: &[&str] = &["", "", "", " Thanks!", " Thank you.", " thx", " Cheers."];
const AGENT_OPEN: &[&str] = &["", "Thanks for reaching out! ", "Hi, thanks for getting in touch. ", "Happy to help. "];
const COUNTRIES: &[&str] =
    &["Canada", "the UK", "Germany", "Australia", "France", "the Netherlands", "Ireland", "New Zealand", "Sweden"];
const CODES: &[&str] = &["WELCOME10", "SUMMER15", "BLACKFRIDAY25", "SPRING10", "THANKYOU15"];

struct Conversation {
    intent: usize,
    resolution: &'static str,
    csat: Option<u8>,
    messages: Vec<(i64, &'static str, String)>,
}

fn sizes_of(catalog: &Catalog, p: &Product) -> Vec<String> {
    match p.kind().opt {
        Opt::Apparel | Opt::Shoes | Opt::Small4 => {
            let mut v: Vec<String> = Vec::new();
            for var in catalog.variants_of(p) {
                if !v.contains(&var.opt1) {
                    v.push(var.opt1.clone());
                }
            }
            v
        }
        _ => Vec::new(),
    }
}

fn fill(template: &str, slots: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in slots {
        s = s.replace(k, v);
    }
    s
}

fn capitalize_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A follow-up message: the body as is, sometimes all lowercase.
fn followup_text(rng: &mut ChaCha8Rng, body: String) -> String {
    if rng.random_bool(0.2) {
        body.to_lowercase()
    } else {
        body
    }
}

/// A conversation opener: optional greeting and sign-off around the body.
fn customer_text(rng: &mut ChaCha8Rng, body: String) -> String {
    let greet = pick(rng, GREETINGS);
    let body = if greet.is_empty() { capitalize_first(&body) } else { body };
    let mut s = format!("{greet}{body}{}", pick(rng, SIGNOFFS));
    if rng.random_bool(0.12) {
        s = s.to_lowercase();
    }
    s
}

/// Writes `1,500 × scale` conversations; returns how many.
pub fn write(
    seed: u64,
    scale: usize,
    catalog: &Catalog,
    refs: &[OrderRef],
    path: &Path,
    zstd_level: Option<i32>,
    progress: &mut dyn FnMut(Stage, u64, u64),
) -> Result<usize, SampleError> {
    let mut rng = rng_for(seed, 4);
    let n = 1500 * scale;
    let end = end_ts();
    progress(Stage::Support, 0, n as u64);
    let runs_small: Vec<usize> =
        catalog.products.iter().enumerate().filter(|(_, p)| p.runs_small).map(|(i, _)| i).collect();
    let sized_products: Vec<usize> =
        catalog.products.iter().enumerate().filter(|(_, p)| !sizes_of(catalog, p).is_empty()).map(|(i, _)| i).collect();

    let mut convs: Vec<Conversation> = Vec::with_capacity(n);
    while convs.len() < n && !refs.is_empty() {
        let intent = pick_weighted(&mut rng, INTENT_WEIGHTS);
        let iname = INTENTS[intent];
        let oi = rng.random_range(0..refs.len());
        let r = refs[oi];
        let delay = match iname {
            "order_status" => rng.random_range(2 * 86_400..8 * 86_400),
            "returns_refunds" | "exchange" | "complaint" => rng.random_range(4 * 86_400..24 * 86_400),
            "cancel_order" | "change_address" | "payment" => rng.random_range(300..6 * 3600),
            _ => rng.random_range(0..3 * 3600),
        };
        let start = r.ts + delay;
        if start >= end - 3600 {
            continue;
        }
        let order = format!("#{}", 1001 + oi);
        // The product talked about: the order's product, or for sizing questions
        // often one of the products known to run small.
        let pi = match iname {
            "sizing" if rng.random_bool(0.35) => *pick(&mut rng, &runs_small),
            "sizing" | "exchange"
                if !sized_products.is_empty()
                    && sizes_of(catalog, &catalog.products[r.product as usize]).is_empty() =>
            {
                *pick(&mut rng, &sized_products)
            }
            _ => r.product as usize,
        };
        let product = &catalog.products[pi];
        let sizes = sizes_of(catalog, product);
        let (size, size2) = if sizes.len() >= 2 {
            let i = rng.random_range(0..sizes.len() - 1);
            (sizes[i].clone(), sizes[i + 1].clone())
        } else {
            ("M".to_string(), "L".to_string())
        };
        let code = *pick(&mut rng, CODES);
        let country = *pick(&mut rng, COUNTRIES);
        let slots: [(&str, &str); 6] = [
            ("{order}", &order),
            ("{product}", &product.title),
            ("{size2}", &size2),
            ("{size}", &size),
            ("{code}", code),
            ("{country}", country),
        ];

        let resolution = {
            let w: [f64; 3] = match iname {
                "talk_to_human" => [0.1, 0.8, 0.1],
                "complaint" => [0.5, 0.4, 0.1],
                "payment" => [0.7, 0.2, 0.1],
                _ => [0.78, 0.1, 0.12],
            };
            ["resolved", "escalated", "abandoned"][pick_weighted(&mut rng, &w)]
        };
        let mut t = start;
        let mut msgs: Vec<(i64, &'static str, String)> = Vec::new();
        let opener = fill(openers(iname)[rng.random_range(0..openers(iname).len())], &slots);
        msgs.push((t, "customer", customer_text(&mut rng, opener)));
        let mut step = |rng: &mut ChaCha8Rng| {
            t += rng.random_range(15..400);
            t
        };
        let answer = if iname == "sizing" && product.runs_small {
            format!(
                "The {} runs about one size small, so we recommend ordering one size up from your usual — {} instead of {}. Our sizing guide lists it among the styles that run small.",
                product.title, size2, size
            )
        } else if iname == "order_status" {
            // Whether the order has shipped decides the answer.
            let a = answers(iname);
            let t = if r.fulfilled { a[rng.random_range(0..a.len() - 1)] } else { a[a.len() - 1] };
            fill(t, &slots)
        } else {
            fill(answers(iname)[rng.random_range(0..answers(iname).len())], &slots)
        };
        let answer = format!("{}{}", pick(&mut rng, AGENT_OPEN), answer);
        match resolution {
            "abandoned" => {
                if rng.random_bool(0.5) {
                    msgs.push((step(&mut rng), "agent", pick(&mut rng, ASKS).to_string()));
                } else {
                    msgs.push((step(&mut rng), "agent", answer));
                    {
                        let f = pick(&mut rng, FOLLOWUPS_UNHAPPY).to_string();
                        let text = followup_text(&mut rng, f);
                        msgs.push((step(&mut rng), "customer", text));
                    }
                    msgs.push((step(&mut rng), "agent", pick(&mut rng, ASKS).to_string()));
                }
            }
            "escalated" => {
                msgs.push((step(&mut rng), "agent", answer));
                if rng.random_bool(0.7) {
                    {
                        let f = pick(&mut rng, FOLLOWUPS_UNHAPPY).to_string();
                        let text = followup_text(&mut rng, f);
                        msgs.push((step(&mut rng), "customer", text));
                    }
                }
                msgs.push((step(&mut rng), "agent", pick(&mut rng, ESCALATE).to_string()));
            }
            _ => {
                msgs.push((step(&mut rng), "agent", answer));
                if rng.random_bool(0.6) {
                    {
                        let f = pick(&mut rng, FOLLOWUPS).to_string();
                        let text = followup_text(&mut rng, f);
                        msgs.push((step(&mut rng), "customer", text));
                    }
                    msgs.push((step(&mut rng), "agent", pick(&mut rng, CLOSERS).to_string()));
                    if rng.random_bool(0.3) {
                        msgs.push((
                            step(&mut rng),
                            "customer",
                            pick(&mut rng, &["Thanks!", "no that's all", "All good, bye", "thank you"]).to_string(),
                        ));
                    }
                }
            }
        }
        let csat = match resolution {
            "resolved" if rng.random_bool(0.7) => {
                Some([5u8, 4, 3, 2, 1][pick_weighted(&mut rng, &[0.55, 0.28, 0.09, 0.05, 0.03])])
            }
            "escalated" if rng.random_bool(0.6) => {
                Some([5u8, 4, 3, 2, 1][pick_weighted(&mut rng, &[0.15, 0.2, 0.25, 0.22, 0.18])])
            }
            "abandoned" if rng.random_bool(0.1) => {
                Some([5u8, 4, 3, 2, 1][pick_weighted(&mut rng, &[0.1, 0.1, 0.2, 0.3, 0.3])])
            }
            _ => None,
        };
        convs.push(Conversation { intent, resolution, csat, messages: msgs });
        if convs.len().checked_rem(500) == Some(0) {
            progress(Stage::Support, convs.len() as u64, n as u64);
        }
    }
    // Stable sort by start time: ids follow time.
    convs.sort_by_key(|c| c.messages[0].0);

    let mut out = CsvOut::create(path, zstd_level)?;
    out.row(CONVERSATIONS_HEADER)?;
    for (i, c) in convs.iter().enumerate() {
        let id = format!("conv-{:06}", i + 1);
        for (mi, (ts, role, text)) in c.messages.iter().enumerate() {
            let ts = iso_ts(*ts);
            if mi == 0 {
                let csat = c.csat.map(|v| v.to_string()).unwrap_or_default();
                let handled = if c.resolution == "escalated" { "false" } else { "true" };
                out.row([id.as_str(), &ts, role, text, INTENTS[c.intent], c.resolution, handled, &csat])?;
            } else {
                out.row([id.as_str(), &ts, role, text, "", "", "", ""])?;
            }
        }
    }
    out.finish()?;
    progress(Stage::Support, n as u64, n as u64);
    Ok(convs.len())
}
