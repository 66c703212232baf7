//! Keyed hashing of personal data. Each workspace has its own random secret,
//! so the same e-mail gives the same key everywhere inside one workspace
//! (orders join customers) but the keys mean nothing outside it.

use hmac::{Hmac, Mac};
use sha2::Sha256;

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
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.secret).expect("HMAC takes keys of any length");
        mac.update(kind.as_bytes());
        mac.update(b"\x1f");
        mac.update(normal.as_bytes());
        let bytes = mac.finalize().into_bytes();
        Some(hex::encode(&bytes[..16]))
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
        assert_eq!(h.key("email", "   "), None);
    }

    #[test]
    fn different_workspaces_give_different_keys() {
        let a = PiiHasher::new(vec![1; 32]);
        let b = PiiHasher::new(vec![2; 32]);
        assert_ne!(a.key("email", "ada@example.com"), b.key("email", "ada@example.com"));
    }
}
