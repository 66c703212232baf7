//! The store's knowledge base: fixed Markdown policy documents (shipping,
//! returns, sizing, warranty, ...) that agree with the generated data, e.g.
//! shipping thresholds, return window and the products that run small.

/// (file name, Markdown text) of every knowledge-base document.
pub const DOCUMENTS: &[(&str, &str)] = &[
    ("shipping.md", include_str!("../kb/shipping.md")),
    ("returns-and-exchanges.md", include_str!("../kb/returns-and-exchanges.md")),
    ("sizing-guide.md", include_str!("../kb/sizing-guide.md")),
    ("warranty.md", include_str!("../kb/warranty.md")),
    ("payments.md", include_str!("../kb/payments.md")),
    ("privacy.md", include_str!("../kb/privacy.md")),
    ("contact.md", include_str!("../kb/contact.md")),
    ("discounts-and-promotions.md", include_str!("../kb/discounts-and-promotions.md")),
    ("care-instructions.md", include_str!("../kb/care-instructions.md")),
    ("order-changes-and-cancellations.md", include_str!("../kb/order-changes-and-cancellations.md")),
];
