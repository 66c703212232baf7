//! Keyed hashing of personal data. Each workspace has its own random secret,
//! so the same e-mail gives the same key everywhere inside one workspace
//! (orders join customers) but the keys mean nothing outside it.
//!
//! Importers hash in SQL (whole columns at once, [`PiiHasher::sql_key`]) and
//! the app hashes single values in Rust ([`PiiHasher::key`], e.g. the e-mail
//! a customer gives the assistant, or the one a merchant erases). Both are
//! SHA-256 over `secret ':' kind ':' normalised value`, truncated to 128
//! bits, and a test holds them equal.

use sha2::{Digest, Sha256};

use crate::sql::literal;

#[derive(Clone)]
pub struct PiiHasher {
    secret: Vec<u8>,
}

impl PiiHasher {
    pub fn new(secret: Vec<u8>) -> Self {
        Self { secret }
    }

    /// Normalises (trim, lower-case, inner whitespace collapsed) and hashes a
    /// value; `None` for empty input so missing data stays missing.
    pub fn key(&self, kind: &str, value: &str) -> Option<String> {
        let normal = normalise(value);
        if normal.is_empty() {
            return None;
        }
        let digest = Sha256::digest(format!("{}:{kind}:{normal}", self.secret_hex()));
        Some(hex::encode(&digest[..16]))
    }

    /// The same key as [`PiiHasher::key`], as a SQL expression over `expr`
    /// (a column or expression of the caller's own making, never user text).
    pub fn sql_key(&self, kind: &str, expr: &str) -> String {
        format!(
            "CASE WHEN nullif(trim(regexp_replace({expr}, '\\s+', ' ', 'g')), '') IS NULL THEN NULL
                  ELSE substr(sha256({secret} || ':' || {kind} || ':' || lower(trim(regexp_replace({expr}, '\\s+', ' ', 'g')))), 1, 32) END",
            secret = literal(&self.secret_hex()),
            kind = literal(kind),
        )
    }

    pub fn secret_hex(&self) -> String {
        hex::encode(&self.secret)
    }
}

pub(crate) fn normalise(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_person_same_key_regardless_of_case_and_spacing() {
        let h = PiiHasher::new(vec![7; 32]);
        assert_eq!(h.key("email", " Ada@Example.com "), h.key("email", "ada@example.com"));
        assert_ne!(h.key("email", "ada@example.com"), h.key("email", "bob@example.com"));
        assert_ne!(h.key("email", "ada@example.com"), h.key("phone", "ada@example.com"));
        assert_eq!(h.key("email", "   "), None);
    }

    #[test]
    fn different_workspaces_give_different_keys() {
        let a = PiiHasher::new(vec![1; 32]);
        let b = PiiHasher::new(vec![2; 32]);
        assert_ne!(a.key("email", "ada@example.com"), b.key("email", "ada@example.com"));
    }

    #[test]
    fn sql_and_rust_give_the_same_key() {
        let h = PiiHasher::new((0..32).collect());
        let conn = duckdb::Connection::open_in_memory().unwrap();
        for (kind, value) in [
            ("email", " Ada.Lovelace@Example.COM "),
            ("phone", "+44 20  7946\t0958"),
            ("name", "Zoë  O'Brien"),
            ("address", "1 Rue de l'Église\n75001 Paris"),
            ("email", "   "),
        ] {
            let sql = format!("SELECT {} FROM (SELECT ? AS v)", h.sql_key(kind, "v"));
            let from_sql: Option<String> = conn.query_row(&sql, [value], |r| r.get(0)).unwrap();
            assert_eq!(from_sql, h.key(kind, value), "{kind}: {value:?}");
        }
    }
}
