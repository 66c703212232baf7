//! The sources answers are built from: knowledge-base passages (with their
//! vectors), products' facts and return reasons, and orders looked up by
//! number. Everything an answer states comes from here.

use insights_embed::OwnerKind;
use insights_store::duckdb::{self, params, Connection};

use crate::Result;

pub(crate) struct Passage {
    pub id: String,
    pub doc_title: String,
    pub heading: Option<String>,
    pub text: String,
    pub vector: Vec<f32>,
}

impl Passage {
    /// "Returns and exchanges › Refunds"
    pub fn title(&self) -> String {
        // Heading paths usually start with the document's own title.
        let heading = self.heading.as_deref().map(|h| {
            h.strip_prefix(self.doc_title.as_str()).map(|r| r.trim_start_matches([' ', '›']).trim()).unwrap_or(h)
        });
        match heading {
            Some(h) if !h.is_empty() && h != self.doc_title => format!("{} › {}", self.doc_title, h),
            _ => self.doc_title.clone(),
        }
    }
}

/// The passages that have a vector of `model_id`, and how many have none yet
/// (an embedding run is still reading them).
pub(crate) fn passages(conn: &Connection, model_id: &str) -> Result<(Vec<Passage>, usize)> {
    let vectors = insights_embed::store::load(conn, OwnerKind::KbChunk, model_id)?;
    let index: std::collections::HashMap<&str, usize> =
        vectors.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
    let mut stmt = conn.prepare(
        "SELECT c.chunk_id, d.title, c.heading_path, c.text
         FROM kb_chunks c JOIN kb_documents d USING (doc_id) ORDER BY c.chunk_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    let mut unread = 0;
    for row in rows {
        let (id, doc_title, heading, text) = row?;
        match index.get(id.as_str()) {
            Some(&i) => out.push(Passage { vector: vectors.row(i).to_vec(), id, doc_title, heading, text }),
            None => unread += 1,
        }
    }
    Ok((out, unread))
}

pub(crate) struct Product {
    pub id: String,
    pub title: String,
    pub lower: String,
    pub price_min: Option<f64>,
    pub price_max: Option<f64>,
    /// Units in stock over tracked variants; None when stock is not tracked.
    pub stock: Option<i64>,
    /// Option name and its values ("Size": S, M, L).
    pub options: Vec<(String, Vec<String>)>,
    pub description: Option<String>,
    pub lines_sold: i64,
    pub returned: i64,
    pub returned_small: i64,
    pub returned_large: i64,
}

impl Product {
    /// Returned for being small in at least 10% of the lines sold (and at
    /// least 5 times): the evidence behind "order one size up".
    pub fn runs_small(&self) -> bool {
        self.returned_small >= 5 && self.returned_small as f64 >= 0.1 * self.lines_sold.max(1) as f64
    }

    pub fn runs_large(&self) -> bool {
        self.returned_large >= 5 && self.returned_large as f64 >= 0.1 * self.lines_sold.max(1) as f64
    }
}

pub(crate) fn products(conn: &Connection) -> Result<Vec<Product>> {
    let mut stmt = conn.prepare(
        "WITH opts AS (
             SELECT product_id, name, list(DISTINCT value ORDER BY value) AS vals
             FROM (SELECT product_id, position, option1_name AS name, option1_value AS value FROM variants
                   UNION ALL SELECT product_id, position, option2_name, option2_value FROM variants
                   UNION ALL SELECT product_id, position, option3_name, option3_value FROM variants)
             WHERE name IS NOT NULL AND value IS NOT NULL AND name <> 'Title'
             GROUP BY product_id, name
         ), v AS (
             SELECT product_id, min(price)::DOUBLE AS pmin, max(price)::DOUBLE AS pmax,
                    sum(inventory_qty) FILTER (WHERE inventory_qty IS NOT NULL) AS stock
             FROM variants GROUP BY product_id
         ), sold AS (
             SELECT l.product_id, count(*) AS lines FROM order_lines l JOIN orders o USING (order_id)
             WHERE o.cancelled_at IS NULL AND l.product_id IS NOT NULL GROUP BY l.product_id
         ), ret AS (
             SELECT product_id, count(*) AS n,
                    count(*) FILTER (WHERE reason = 'SIZE_TOO_SMALL') AS small,
                    count(*) FILTER (WHERE reason = 'SIZE_TOO_LARGE') AS large
             FROM returns WHERE product_id IS NOT NULL GROUP BY product_id
         )
         SELECT p.product_id, p.title, v.pmin, v.pmax, v.stock, p.description,
                coalesce(sold.lines, 0), coalesce(ret.n, 0), coalesce(ret.small, 0), coalesce(ret.large, 0),
                coalesce((SELECT string_agg(name || '=' || array_to_string(vals, '|'), ';' ORDER BY name)
                          FROM opts WHERE opts.product_id = p.product_id), '')
         FROM products p
         LEFT JOIN v USING (product_id) LEFT JOIN sold USING (product_id) LEFT JOIN ret USING (product_id)
         WHERE coalesce(p.status, 'active') = 'active'
         ORDER BY length(p.title) DESC, p.product_id",
    )?;
    let rows = stmt.query_map([], |r| {
        let options: String = r.get(10)?;
        Ok(Product {
            id: r.get(0)?,
            title: r.get::<_, String>(1)?,
            lower: r.get::<_, String>(1)?.to_lowercase(),
            price_min: r.get(2)?,
            price_max: r.get(3)?,
            stock: r.get::<_, Option<i64>>(4)?,
            description: r.get(5)?,
            lines_sold: r.get(6)?,
            returned: r.get(7)?,
            returned_small: r.get(8)?,
            returned_large: r.get(9)?,
            options: options
                .split(';')
                .filter_map(|o| o.split_once('='))
                .map(|(n, v)| (n.to_string(), v.split('|').map(str::to_string).collect()))
                .collect(),
        })
    })?;
    Ok(rows.collect::<duckdb::Result<Vec<_>>>()?)
}

pub(crate) struct Order {
    pub id: String,
    pub created: String,
    pub fulfilled: Option<String>,
    pub cancelled: Option<String>,
    pub financial_status: Option<String>,
    pub fulfillment_status: Option<String>,
    pub email_key: Option<String>,
}

impl Order {
    pub fn shipped(&self) -> bool {
        self.fulfilled.is_some() || matches!(self.fulfillment_status.as_deref(), Some("fulfilled" | "partial"))
    }

    /// The order's status in one sentence, from its own fields only.
    pub fn status_sentence(&self) -> String {
        let id = &self.id;
        if let Some(c) = &self.cancelled {
            return format!("Order {id} was cancelled on {c}.");
        }
        let refunded = match self.financial_status.as_deref() {
            Some("refunded") => " It has been refunded.",
            Some("partially_refunded") => " Part of it has been refunded.",
            _ => "",
        };
        match (&self.fulfilled, self.shipped()) {
            (Some(f), _) => format!("Order {id}, placed on {}, was shipped on {f}.{refunded}", self.created),
            (None, true) => format!("Order {id}, placed on {}, has been shipped.{refunded}", self.created),
            (None, false) => format!(
                "Order {id}, placed on {}, has not shipped yet (payment {}).",
                self.created,
                self.financial_status.as_deref().unwrap_or("status unknown")
            ),
        }
    }

    /// The facts the citation opens.
    pub fn body(&self) -> String {
        let mut lines = vec![format!("Order {}", self.id), format!("Placed: {}", self.created)];
        if let Some(s) = &self.financial_status {
            lines.push(format!("Payment: {s}"));
        }
        lines.push(format!("Fulfilment: {}", self.fulfillment_status.as_deref().unwrap_or("unfulfilled")));
        if let Some(f) = &self.fulfilled {
            lines.push(format!("Shipped: {f}"));
        }
        if let Some(c) = &self.cancelled {
            lines.push(format!("Cancelled: {c}"));
        }
        lines.join("\n")
    }
}

pub(crate) fn order(conn: &Connection, id: &str) -> Result<Option<Order>> {
    let row = conn.query_row(
        "SELECT order_id, CAST(created_at AS DATE)::VARCHAR, CAST(fulfilled_at AS DATE)::VARCHAR,
                CAST(cancelled_at AS DATE)::VARCHAR, financial_status, fulfillment_status, email_key
         FROM orders WHERE order_id = ?",
        params![id],
        |r| {
            Ok(Order {
                id: r.get(0)?,
                created: r.get(1)?,
                fulfilled: r.get(2)?,
                cancelled: r.get(3)?,
                financial_status: r.get(4)?,
                fulfillment_status: r.get(5)?,
                email_key: r.get(6)?,
            })
        },
    );
    match row {
        Ok(o) => Ok(Some(o)),
        Err(duckdb::Error::QueryReturnedNoRows) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// How the store writes its order names, learned from its imported orders:
/// the text before and after the digits (`#` and nothing for `#1042`; `#AP-`
/// for `#AP-516073`; `-EU` after the digits for `1042-EU`), most used first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrderNames {
    patterns: Vec<(String, String)>,
}

impl Default for OrderNames {
    /// A store with no orders yet: Shopify's default, `#` then digits.
    fn default() -> Self {
        OrderNames { patterns: vec![("#".into(), String::new())] }
    }
}

/// Letters and digits only, lower case: how a customer's `ap516073` and the
/// store's `#AP-516073` are compared.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// An order number found in a message: the names the store may have given
/// it, most likely first (the first is how it is shown when no order has it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OrderMention {
    pub names: Vec<String>,
}

impl OrderNames {
    /// The patterns of the workspace's order names (at most eight, by use).
    pub fn learn(conn: &Connection) -> Result<OrderNames> {
        let mut stmt = conn.prepare(
            "SELECT regexp_extract(order_id, '^(\\D*)\\d+(\\D*)$', 1) AS prefix,
                    regexp_extract(order_id, '^(\\D*)\\d+(\\D*)$', 2) AS suffix, count(*) AS n
             FROM orders WHERE regexp_matches(order_id, '^\\D*\\d+\\D*$')
             GROUP BY ALL ORDER BY n DESC, prefix, suffix LIMIT 8",
        )?;
        let patterns = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<duckdb::Result<Vec<_>>>()?;
        Ok(if patterns.is_empty() { OrderNames::default() } else { OrderNames { patterns } })
    }

    /// An order name in the store's most used pattern, for "it looks like …".
    pub fn example(&self) -> String {
        let (prefix, suffix) = &self.patterns[0];
        format!("{prefix}1042{suffix}")
    }

    /// The first order number in `message`, written as customers write it:
    /// with or without the `#`, with the store's prefix and suffix or with
    /// the digits alone after "order" (`#AP-516073`, `ap516073`, `order
    /// number 516073`, `order no. 1042`). Digits that are not said to be an
    /// order number ("I ordered 2 jackets", "size 42") are not one.
    pub fn find(&self, message: &str) -> Option<OrderMention> {
        let is_break = |c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\'' | '!' | '?');
        let tokens: Vec<&str> = message.split(is_break).filter(|t| !t.is_empty()).collect();
        for (i, raw) in tokens.iter().enumerate() {
            let token = raw.trim_end_matches(['.', ':']);
            let Some(start) = token.find(|c: char| c.is_ascii_digit()) else { continue };
            let len = token[start..].find(|c: char| !c.is_ascii_digit()).unwrap_or(token.len() - start);
            let (before, digits, after) = (&token[..start], &token[start..start + len], &token[start + len..]);
            let (pre, post) = (squeeze(before), squeeze(after));
            // The store's own prefix (or, after three digits or more, its
            // suffix) written around the digits.
            let own: Vec<String> = self
                .patterns
                .iter()
                .filter(|(p, s)| !squeeze(p).is_empty() || (digits.len() >= 3 && !squeeze(s).is_empty()))
                .filter(|(p, s)| squeeze(p) == pre && squeeze(s) == post)
                .map(|(p, s)| format!("{p}{digits}{s}"))
                .collect();
            if !own.is_empty() {
                return Some(OrderMention { names: own });
            }
            // Digits alone, said to be an order number by a `#` or by "order".
            let hashed = before.ends_with('#') && pre.is_empty();
            let said = tokens[i.saturating_sub(3)..i].iter().any(|w| w.to_lowercase().starts_with("order"));
            if digits.len() >= 3 && pre.is_empty() && (hashed || said) {
                let mut names: Vec<String> = self
                    .patterns
                    .iter()
                    .filter(|(_, s)| post.is_empty() || squeeze(s) == post)
                    .map(|(p, s)| format!("{p}{digits}{s}"))
                    .collect();
                if names.is_empty() {
                    names.push(format!("{}{digits}", self.patterns[0].0));
                }
                return Some(OrderMention { names });
            }
        }
        None
    }
}

/// The order a mention names: the first of its names the store has.
pub(crate) fn find_order(conn: &Connection, mention: &OrderMention) -> Result<Option<Order>> {
    for name in &mention.names {
        if let Some(o) = order(conn, name)? {
            return Ok(Some(o));
        }
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::OrderNames;

    fn store(patterns: &[(&str, &str)]) -> OrderNames {
        OrderNames { patterns: patterns.iter().map(|(p, s)| (p.to_string(), s.to_string())).collect() }
    }

    fn first(names: &OrderNames, message: &str) -> Option<String> {
        names.find(message).map(|m| m.names[0].clone())
    }

    #[test]
    fn order_numbers_in_the_ways_customers_write_them() {
        let shopify = OrderNames::default();
        assert_eq!(first(&shopify, "where is my order #1042?").as_deref(), Some("#1042"));
        assert_eq!(first(&shopify, "Order number 20311 hasn't arrived").as_deref(), Some("#20311"));
        assert_eq!(first(&shopify, "order no. 1042, please").as_deref(), Some("#1042"));
        assert_eq!(first(&shopify, "I ordered 2 jackets"), None);
        assert_eq!(first(&shopify, "size 42 please"), None);
        assert_eq!(first(&shopify, "I paid 120 dollars"), None);
    }

    #[test]
    fn a_stores_own_prefix_and_suffix_with_or_without_the_hash() {
        let ap = store(&[("#AP-", ""), ("#", "")]);
        for message in ["where is #AP-516073?", "where is AP-516073", "my order ap516073 is late", "order AP 516073"] {
            let m = ap.find(message);
            assert!(m.as_ref().is_some_and(|m| m.names[0] == "#AP-516073"), "{message}: {m:?}");
        }
        // Digits alone after "order" may be either pattern; the most used first.
        let m = ap.find("order number 516073 hasn't come").unwrap();
        assert_eq!(m.names, ["#AP-516073", "#516073"]);
        assert_eq!(ap.example(), "#AP-1042");
        let eu = store(&[("", "-EU")]);
        assert_eq!(first(&eu, "Where is 1042-EU?").as_deref(), Some("1042-EU"));
        assert_eq!(first(&eu, "order 1042 please").as_deref(), Some("1042-EU"));
        assert_eq!(first(&eu, "size 42-eu"), None, "too few digits and no prefix");
    }
}
