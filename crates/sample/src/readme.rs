//! The generated data set's README: how it was made, what each file holds,
//! the counts, and the effects and quirks deliberately built into the data.

use std::fmt::Write as _;

use crate::catalog::runs_small_titles;
use crate::experiments::{COUNTRIES, CUSTOMER_TYPES, DEVICES, EXPERIMENTS, MEAN_ORDER_VALUE, VALUE_SIGMA};
use crate::orders::{OrderStats, COMPLEMENTS};
use crate::support::INTENTS;
use crate::util::{csv_name, money};
use crate::{SampleOptions, SampleSummary};

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "0.0%".into()
    } else {
        format!("{:.1}%", 100.0 * a as f64 / b as f64)
    }
}

pub fn render(opts: &SampleOptions, s: &SampleSummary, st: &OrderStats) -> String {
    let mut r = String::new();
    let w = &mut r;
    let _ = writeln!(w, "# Sample store: Tarnwood Outfitters\n");
    let _ = writeln!(
        w,
        "A fictional online outdoor-gear shop, generated as the export files a merchant would download from Shopify, \
plus a knowledge base, support chat history and A/B-test event logs. The app imports these files exactly like a \
user's own exports.\n"
    );
    let _ = writeln!(
        w,
        "**All personal data here is fictional.** Names are drawn from a fixed list, e-mail addresses use the \
reserved domains `example.com`, `example.org` and `example.net`, phone numbers come from ranges reserved for fiction \
(`+1 NXX 555 01xx`, `+44 7700 900xxx`, `+61 491 570 xxx`) and street names are invented.\n"
    );
    let _ = writeln!(w, "## How it was made\n");
    let plain = if opts.zstd_level.is_none() { " --plain" } else { "" };
    let _ = writeln!(
        w,
        "```\ninsights sample --seed {} --scale {}{plain} --out sample-data/\n```\n",
        opts.seed, opts.scale
    );
    let _ = writeln!(
        w,
        "Generation is deterministic: the same seed, scale and compression give byte-identical files. The store's history is the 24 months \
2024-11-01 to 2026-10-31 (all times UTC). Scale N multiplies products, customers, orders, conversations and \
experiment visitors by N.\n"
    );
    // File names: `.csv.zst` when compressed, `.csv` otherwise.
    let f = |stem: &str| csv_name(stem, opts.zstd_level);
    let _ = writeln!(w, "## Files\n");
    match opts.zstd_level {
        Some(level) => {
            let _ = writeln!(
                w,
                "The CSV files are zstd-compressed exports (level {level}, long-distance matching, 128 MiB window) to keep \
the repository small. DuckDB reads `.csv.zst` directly (`SELECT * FROM 'shopify/orders_export.csv.zst'`); \
`zstd -d FILE.csv.zst` unpacks one; `insights sample --plain` writes the same data as plain CSV. The \
Markdown files are plain text.\n"
            );
        }
        None => {
            let _ = writeln!(w, "All files are plain text (written with `--plain`, no compression).\n");
        }
    }
    let _ = writeln!(w, "| File | Contents |\n| --- | --- |");
    let _ = writeln!(w, "| `shopify/{}` | Shopify product export (current layout): one row per variant; product fields on each product's first row only. |", f("products_export"));
    let _ = writeln!(w, "| `shopify/{}` | Shopify orders export (79 columns): one row per line item; order totals, addresses and ids on each order's first row only. |", f("orders_export"));
    let _ = writeln!(w, "| `shopify/{}` | Shopify customers export (current layout). |", f("customers_export"));
    let _ = writeln!(w, "| `shopify/{}` | Returns: `Order,Lineitem sku,Quantity,Reason,Note,Created at,Refunded Amount`, reasons as Shopify's return reasons. |", f("returns"));
    let _ = writeln!(w, "| `knowledge-base/*.md` | {} policy documents (shipping, returns, sizing, warranty, payments, privacy, contact, discounts, care, order changes). |", s.kb_documents);
    let _ = writeln!(w, "| `support/{}` | Support chats, one row per message; intent, resolution, `handled_by_agent` and CSAT on each conversation's first row. |", f("conversations"));
    let _ = writeln!(
        w,
        "| `experiments/{}` | A/B-test events `visitor_id,experiment,variant,timestamp,event,value`; the exposure row also carries the visitor's `device`, `country`, `customer_type` and `pre_period_value` (revenue in the 28 days before exposure). |\n",
        f("events")
    );

    let _ = writeln!(w, "## Counts\n");
    let _ = writeln!(w, "| What | Count |\n| --- | --- |");
    for (k, v) in [
        ("Products", s.products),
        ("Variants", s.variants),
        ("Customers (file)", s.customers),
        ("Orders", s.orders),
        ("Order lines", s.order_lines),
        ("Returns (rows)", s.returns),
        ("Knowledge-base documents", s.kb_documents),
        ("Support conversations", s.conversations),
        ("Experiment visitors (all experiments)", s.experiment_visitors),
    ] {
        let _ = writeln!(w, "| {k} | {v} |");
    }
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "- Guest orders (e-mail not in the customers file): {} ({})",
        st.guest_orders,
        pct(st.guest_orders, s.orders)
    );
    let _ = writeln!(
        w,
        "- Cancelled orders: {} ({}); financial status `voided` or `refunded`",
        st.cancelled,
        pct(st.cancelled, s.orders)
    );
    let _ = writeln!(
        w,
        "- Orders `refunded`: {}, `partially_refunded`: {}, `pending`: {}",
        st.refunded, st.partially_refunded, st.pending
    );
    let _ = writeln!(
        w,
        "- Customers with at least one order: {}; of those with two or more (returning customers): {} ({})",
        st.ordering_customers,
        st.repeat_customers,
        pct(st.repeat_customers, st.ordering_customers)
    );
    let _ = writeln!(w, "- Sales (sum of `Total` of non-cancelled orders): ${}", money(st.gross_sales));
    let _ = writeln!(w, "- Lines per order: {:.2}", s.order_lines as f64 / s.orders.max(1) as f64);
    let codes: Vec<String> = st.discount_orders.iter().map(|(c, n)| format!("{c} {n}")).collect();
    let _ = writeln!(w, "- Orders with a discount code: {}\n", codes.join(", "));

    let _ = writeln!(w, "## Rules the data follows\n");
    let _ = writeln!(w, "- `Total = Subtotal - Discount Amount + Shipping + Taxes`, to the cent. `Subtotal` is the sum of line price x quantity before discounts; `Lineitem discount` spreads the order discount over its lines.");
    let _ = writeln!(w, "- Every `Lineitem sku` exists in the products file; every variant SKU is unique (`SKU-1042`, `SKU-1042-M-BLK`).");
    let _ = writeln!(w, "- Customers' `Total Orders` is the number of non-cancelled orders with their e-mail and `Total Spent` the sum of those orders' `Total` (refunds are not subtracted; pending orders count).");
    let _ = writeln!(w, "- A returned order is `refunded` (refund equals the order total) or `partially_refunded`; its `Refunded Amount` equals the sum of its rows in the returns file. A refund covers the returned items' price less their share of the discount, plus their tax; shipping is not refunded. Cancelled orders have no returns: if they were paid, `Refunded Amount` equals the total.");
    let _ = writeln!(w, "- Shipping: US $6.95 standard (free from $75 after discount) or $14.95 express; Canada $12.95 (free from $150); UK/Europe $19.95 (free from $150); Australia/New Zealand $24.95 (free from $200). US state sales tax and Canadian GST/HST are charged on items and shipping; other countries are shipped duties unpaid (no tax on the order).");
    let _ = writeln!(w, "- Demand grows about 60% over the two years, peaks in November-December (Black Friday to Cyber Monday is the busiest period), has a summer bump for camping gear, and rises during the SPRING10 (1-7 April) and SUMMER15 (1-14 July) sales.");
    let _ = writeln!(w, "- Baskets follow explicit complement rules (main item -> add-on, probability):");
    for (a, b, p) in COMPLEMENTS {
        let _ = writeln!(w, "  - {a} -> {b}: {:.0}%", p * 100.0);
    }
    let _ = writeln!(w, "- Each registered customer favours one department (outerwear, tops, bottoms, footwear, accessories, camping, care), which triples its share in their baskets.\n");

    let _ = writeln!(w, "## Products that run small\n");
    let _ = writeln!(w, "These products are returned about three times as often as comparable items, mostly with reason `SIZE_TOO_SMALL` (the sizing guide tells customers to size up):\n");
    let _ = writeln!(
        w,
        "| Product | Lines sold (delivered) | Returned | Of which SIZE_TOO_SMALL |\n| --- | --- | --- | --- |"
    );
    for (t, sold, ret, small) in &st.runs_small {
        let _ =
            writeln!(w, "| {t} | {sold} | {ret} ({}) | {small} ({}) |", pct(*ret, *sold), pct(*small, (*ret).max(1)));
    }
    let (sold, ret, small) = st.other_sized;
    let _ = writeln!(
        w,
        "| All other apparel and footwear | {sold} | {ret} ({}) | {small} ({}) |\n",
        pct(ret, sold),
        pct(small, ret.max(1))
    );
    debug_assert_eq!(runs_small_titles().len(), st.runs_small.len());

    let _ = writeln!(w, "## Injected experiment effects\n");
    let _ = writeln!(w, "Visitors are assigned 50/50 to `control` or `treatment` independently at random (planned split 50/50). Each visitor has one `exposure` event, then may go through `add_to_cart` -> `checkout_started` -> `purchase` (at most one purchase; `value` is the order amount in USD).\n");
    let _ = writeln!(w, "Segments change a visitor's chances; the funnel below is the average visitor's (shares times multipliers average to about 1):\n");
    let _ = writeln!(w, "| Segment | Share | P(add_to_cart) x | Order value x |\n| --- | --- | --- | --- |");
    for (name, share, cart, value) in CUSTOMER_TYPES {
        let _ = writeln!(w, "| customer_type `{name}` | {:.0}% | {cart:.2} | {value:.2} |", share * 100.0);
    }
    for (name, share, cart) in DEVICES {
        let _ = writeln!(w, "| device `{name}` | {:.0}% | {cart:.2} | 1.00 |", share * 100.0);
    }
    let countries: Vec<String> = COUNTRIES.iter().map(|(c, s)| format!("{c} {:.0}%", s * 100.0)).collect();
    let _ = writeln!(w, "\nCountries (no effect): {}. `pre_period_value` is zero for new visitors; returning visitors have some with probability 0.55 (log-normal, mean $140), VIPs with probability 0.90 (mean $420).\n", countries.join(", "));
    for e in EXPERIMENTS {
        let conv = e.funnel[0] * e.funnel[1] * e.funnel[2];
        let _ = writeln!(w, "### `{}`\n", e.name);
        let _ = writeln!(
            w,
            "- Ran for {} days from {:04}-{:02}-{:02}, {} visitors assigned.",
            e.days,
            e.start.0,
            e.start.1,
            e.start.2,
            40_000 * opts.scale
        );
        if e.treatment_loss > 0.0 {
            let _ = writeln!(
                w,
                "- A tracking bug lost the exposure (and all later events) of {:.0}% of treatment visitors, so the logged split is uneven: a sample-ratio mismatch that makes the results untrustworthy.",
                e.treatment_loss * 100.0
            );
        }
        let _ = writeln!(
            w,
            "- Control funnel: P(add_to_cart) = {:.3}, P(checkout | cart) = {:.3}, P(purchase | checkout) = {:.3}; true conversion (purchase per exposed visitor) = {:.4}.",
            e.funnel[0], e.funnel[1], e.funnel[2], conv
        );
        let _ = writeln!(
            w,
            "- Treatment: P(add_to_cart) multiplied by {:.2}, so true conversion = {:.4} (relative lift {:+.0}%).",
            e.conversion_lift,
            conv * e.conversion_lift,
            (e.conversion_lift - 1.0) * 100.0
        );
        let _ = writeln!(
            w,
            "- Order value: log-normal with mean ${MEAN_ORDER_VALUE:.2} (sigma {VALUE_SIGMA}) for control; treatment multiplied by {:.2} (true mean ${:.2}, relative lift {:+.0}%).\n",
            e.value_lift,
            MEAN_ORDER_VALUE * e.value_lift,
            (e.value_lift - 1.0) * 100.0
        );
    }
    let _ = writeln!(w, "## Support conversations\n");
    let _ = writeln!(w, "Intents: `{}`. Customer messages mention real order names and product titles from the files above. `resolution` is `resolved`, `escalated` or `abandoned`; `handled_by_agent` is `true` when the chat assistant handled the conversation to the end and `false` when it was escalated to the team; `csat` is 1-5 or empty. Agent answers follow the knowledge base; sizing questions about the products that run small are answered with \"order one size up\".", INTENTS.join(", "));
    r
}
