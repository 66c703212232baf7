//! Building SQL safely: values and identifiers are always quoted here, never
//! pasted raw. Prefer `?` parameters; these are for what parameters cannot
//! carry (table and column names, paths in `COPY … TO`).

/// A SQL string literal: `it's` → `'it''s'`.
pub fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A quoted identifier: `Lineitem "sku"` → `"Lineitem ""sku"""`.
pub fn ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_hostile_names() {
        assert_eq!(literal("it's"), "'it''s'");
        let hostile = r#""; DROP TABLE orders; --"#;
        assert_eq!(ident(hostile), r#""""; DROP TABLE orders; --""#);
        let conn = duckdb::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE orders (id INTEGER); INSERT INTO orders VALUES (1)").unwrap();
        conn.execute_batch(&format!("CREATE TABLE t ({} VARCHAR)", ident(hostile))).unwrap();
        conn.execute_batch(&format!("INSERT INTO t VALUES ({})", literal(hostile))).unwrap();
        let back: String = conn.query_row(&format!("SELECT {} FROM t", ident(hostile)), [], |r| r.get(0)).unwrap();
        assert_eq!(back, hostile);
        let orders: i64 = conn.query_row("SELECT count(*) FROM orders", [], |r| r.get(0)).unwrap();
        assert_eq!(orders, 1, "the orders table is still there");
    }
}
