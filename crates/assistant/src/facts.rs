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

pub(crate) fn passages(conn: &Connection, model_id: &str) -> Result<Vec<Passage>> {
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
    for row in rows {
        let (id, doc_title, heading, text) = row?;
        if let Some(&i) = index.get(id.as_str()) {
            out.push(Passage { vector: vectors.row(i).to_vec(), id, doc_title, heading, text });
        }
    }
    Ok(out)
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

/// An order number in a message: `#1042`, `order 1042`, `order number
/// 1042`, `order no. 1042`; returned as the store names orders (`#1042`).
pub(crate) fn find_order_number(message: &str) -> Option<String> {
    let lower = message.to_lowercase();
    let bytes = lower.as_bytes();
    let digits_at = |mut i: usize| {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        (i - start >= 3).then(|| lower[start..i].to_string())
    };
    for (i, c) in lower.char_indices() {
        if c == '#' {
            if let Some(d) = digits_at(i + 1) {
                return Some(format!("#{d}"));
            }
        }
    }
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || c == ',' || c == ':').collect();
    for (i, w) in words.iter().enumerate() {
        if w.starts_with("order") {
            for next in words.iter().skip(i + 1).take(3) {
                let n = next.trim_matches(|c: char| !c.is_ascii_digit());
                if n.len() >= 3 && n.chars().all(|c| c.is_ascii_digit()) {
                    return Some(format!("#{n}"));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_order_number;

    #[test]
    fn order_numbers_in_the_ways_customers_write_them() {
        assert_eq!(find_order_number("where is my order #1042?").as_deref(), Some("#1042"));
        assert_eq!(find_order_number("Order number 20311 hasn't arrived").as_deref(), Some("#20311"));
        assert_eq!(find_order_number("order no. 1042, please").as_deref(), Some("#1042"));
        assert_eq!(find_order_number("I ordered 2 jackets"), None);
        assert_eq!(find_order_number("size 42 please"), None);
    }
}
