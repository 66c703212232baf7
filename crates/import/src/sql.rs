//! Small helpers for building SQL safely: values and identifiers are always
//! quoted here, never pasted raw.

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
    fn quoting_escapes_embedded_quotes() {
        assert_eq!(literal("it's"), "'it''s'");
        assert_eq!(ident(r#""; DROP TABLE orders; --"#), r#""""; DROP TABLE orders; --""#);
    }
}
