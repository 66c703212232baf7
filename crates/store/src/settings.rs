//! What a workspace keeps about itself in `workspace_meta`: plain values
//! (its name, when it was made) and settings saved as JSON. Every crate
//! reads and writes its settings here, so a setting that cannot be read is
//! handled one way everywhere: a clear error naming it, never a silent
//! return to the defaults (which the next save would then write over the
//! merchant's choices).

use duckdb::{params, Connection, OptionalExt};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::{Result, StoreError};

/// The value stored under `key`, if any.
pub fn meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn.query_row("SELECT value FROM workspace_meta WHERE key = ?", [key], |r| r.get(0)).optional()?)
}

/// Stores `value` under `key`, replacing what was there.
pub fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO workspace_meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// The settings saved under `key`; the defaults when none were ever saved.
pub fn load<T: DeserializeOwned + Default>(conn: &Connection, key: &str) -> Result<T> {
    load_or_else(conn, key, T::default)
}

/// The settings saved under `key`; `default()` when none were ever saved.
pub fn load_or_else<T: DeserializeOwned>(conn: &Connection, key: &str, default: impl FnOnce() -> T) -> Result<T> {
    match meta(conn, key)? {
        None => Ok(default()),
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| StoreError::UnreadableSetting { setting: setting_name(key), reason: e.to_string() }),
    }
}

/// Saves settings under `key` as JSON.
pub fn save<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let json = serde_json::to_string(value)
        .map_err(|e| StoreError::UnreadableSetting { setting: setting_name(key), reason: e.to_string() })?;
    set_meta(conn, key, &json)
}

/// `search_settings` → "search settings".
fn setting_name(key: &str) -> String {
    key.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, Serialize, serde::Deserialize)]
    struct Example {
        limit: u32,
    }

    fn conn() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE workspace_meta (key VARCHAR PRIMARY KEY, value VARCHAR)").unwrap();
        conn
    }

    #[test]
    fn settings_round_trip_and_default_when_never_saved() {
        let conn = conn();
        assert_eq!(load::<Example>(&conn, "example_settings").unwrap(), Example::default());
        save(&conn, "example_settings", &Example { limit: 7 }).unwrap();
        assert_eq!(load::<Example>(&conn, "example_settings").unwrap(), Example { limit: 7 });
    }

    #[test]
    fn unreadable_settings_are_an_error_that_names_them() {
        let conn = conn();
        set_meta(&conn, "example_settings", "{not json").unwrap();
        let err = load::<Example>(&conn, "example_settings").unwrap_err();
        assert_eq!(err.code(), "unreadable_setting");
        assert!(err.to_string().starts_with("the saved example settings of this workspace could not be read"), "{err}");
    }
}
