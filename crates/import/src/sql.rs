//! Building SQL safely: the store's quoting helpers, so every crate quotes
//! values and identifiers the same way.

pub use insights_store::sql::{ident, literal};
