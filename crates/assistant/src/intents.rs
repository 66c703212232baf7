//! The built-in intents and their example phrases. A merchant can edit the
//! phrases in the app (kept in the workspace); labelled conversations they
//! import add their customers' own wording.

use crate::types::IntentDef;

const BUILT_IN: &[(&str, &str, bool, &[&str])] = &[
    (
        "order_status",
        "Order status and tracking",
        false,
        &[
            "Where is my order?",
            "Has my order shipped yet?",
            "When will my package arrive?",
            "My tracking number hasn't updated",
            "I still haven't received my parcel",
            "What's the status of my order #1234?",
            "Is my order on its way?",
            "How long until my delivery gets here?",
        ],
    ),
    (
        "returns_refunds",
        "Returns and refunds",
        false,
        &[
            "How do I return an item?",
            "I want to send this back for a refund",
            "What is your return policy?",
            "When will I get my money back for my return?",
            "Can I return something I bought on sale?",
            "Do you offer free return labels?",
            "I haven't received my refund yet",
            "How many days do I have to return a product?",
        ],
    ),
    (
        "exchange",
        "Exchanges",
        false,
        &[
            "Can I exchange this for a different size?",
            "I'd like to swap my jacket for another colour",
            "How do exchanges work?",
            "Can you send me a bigger size instead?",
            "I want to exchange my boots for the next size up",
            "Is it possible to trade this item for another one?",
        ],
    ),
    (
        "sizing",
        "Sizing and fit",
        false,
        &[
            "What size should I order?",
            "Does this run true to size?",
            "Do these boots run small?",
            "I'm between two sizes, which one should I pick?",
            "Is there a size chart?",
            "How does this jacket fit?",
            "Should I size up in this one?",
        ],
    ),
    (
        "shipping",
        "Shipping cost and time",
        false,
        &[
            "How much is shipping?",
            "Do you ship to Canada?",
            "How long does delivery take?",
            "Is there free shipping?",
            "Do you offer express delivery?",
            "What are the shipping options to the UK?",
            "Will I have to pay customs duties?",
        ],
    ),
    (
        "payment",
        "Payment",
        false,
        &[
            "My card was declined",
            "Which payment methods do you accept?",
            "Can I pay with PayPal?",
            "I was charged twice for my order",
            "Do you offer buy now pay later?",
            "Why is there a pending charge on my card?",
        ],
    ),
    (
        "product_question",
        "Product questions",
        false,
        &[
            "Is this jacket waterproof?",
            "What material is this made of?",
            "Is this item in stock?",
            "Will this tent fit three people?",
            "How warm is this sleeping bag?",
            "Does this backpack have a laptop sleeve?",
            "When will this be back in stock?",
        ],
    ),
    (
        "discount_code",
        "Discount codes",
        false,
        &[
            "My discount code isn't working",
            "Do you have any promo codes?",
            "Can I use two discount codes on one order?",
            "I forgot to apply my coupon, can you add it?",
            "The code says it has expired",
            "Is there a discount for first orders?",
        ],
    ),
    (
        "cancel_order",
        "Cancel an order",
        false,
        &[
            "I want to cancel my order",
            "Please cancel order #1234",
            "Can I cancel before it ships?",
            "I ordered by mistake, how do I cancel?",
            "Cancel my purchase please",
        ],
    ),
    (
        "change_address",
        "Change the delivery address",
        false,
        &[
            "I need to change my shipping address",
            "I entered the wrong address on my order",
            "Can you send my order to a different address?",
            "Can I update the delivery address before it ships?",
            "I moved, please change where my order goes",
        ],
    ),
    (
        "account",
        "Account and login",
        false,
        &[
            "I can't log in to my account",
            "How do I reset my password?",
            "How do I delete my account?",
            "I want to change the email on my account",
            "How do I unsubscribe from your emails?",
            "Where can I see my past orders?",
        ],
    ),
    (
        "complaint",
        "Complaints",
        true,
        &[
            "This is unacceptable, I'm very unhappy",
            "The item arrived damaged and nobody is helping me",
            "Worst customer service ever",
            "I want to make a formal complaint",
            "The quality is terrible and I'm disappointed",
            "I've been waiting for weeks and I'm furious",
        ],
    ),
    (
        "talk_to_human",
        "Talk to a person",
        false,
        &[
            "Can I speak to a human?",
            "I want to talk to a real person",
            "Connect me with an agent please",
            "Is there someone I can call?",
            "Get me a customer service representative",
        ],
    ),
    (
        "other",
        "Something else",
        false,
        &[
            "Do you have a physical store?",
            "Are you hiring?",
            "Do you sell gift cards?",
            "Can I get a wholesale price?",
            "Do you have a catalogue?",
        ],
    ),
];

/// The built-in intents, in their usual order.
pub fn built_in() -> Vec<IntentDef> {
    BUILT_IN
        .iter()
        .map(|(id, label, sensitive, examples)| IntentDef {
            id: id.to_string(),
            label: label.to_string(),
            examples: examples.iter().map(|e| e.to_string()).collect(),
            sensitive: *sensitive,
        })
        .collect()
}
