//! Privacy controls: what personal data a workspace holds, the whole
//! workspace as Parquet files, and erasing one customer everywhere.

use std::path::Path;

use insights_store::duckdb::{params, Connection};
use insights_store::sql::{ident, literal};
use insights_store::PiiHasher;

use crate::api::{
    ErasureReport, ErasureRequest, PersonalDataItem, PersonalDataReport, PrivacySettings, TableRows, WorkspaceExport,
};
use crate::{Engine, EngineError, Result};

/// An e-mail address or a phone number (7+ digits, spaces and dashes
/// allowed) inside free text.
const CONTACT_IN_TEXT: &str = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}|\+?[0-9][0-9 ().-]{6,}[0-9]";

/// The customer columns that hold personal data, with their keyed twin.
const CUSTOMER_FIELDS: [(&str, &str, &str); 4] = [
    ("email", "email_key", "Customer e-mail addresses"),
    ("phone", "phone_key", "Customer phone numbers"),
    ("name", "name_key", "Customer names"),
    ("address", "address_key", "Customer postal addresses"),
];

pub(crate) fn personal_data(conn: &Connection, hashing: bool) -> Result<PersonalDataReport> {
    let count = |sql: &str| -> Result<u64> {
        conn.query_row(sql, [], |r| r.get::<_, i64>(0)).map(|n| n as u64).map_err(EngineError::from)
    };
    let mut items = Vec::new();
    for (plain, key, label) in CUSTOMER_FIELDS {
        let (hashed, plain_rows) = conn.query_row(
            &format!("SELECT count({}), count({}) FROM customers", ident(key), ident(plain)),
            [],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
        )?;
        items.push(PersonalDataItem {
            table: "customers".into(),
            column: plain.into(),
            label: label.into(),
            hashed,
            plain: plain_rows,
            note: (plain_rows > 0).then(|| {
                "Imported while hashing was off. Erase the customer, or re-import with hashing on, to remove it.".into()
            }),
        });
    }
    for (table, label) in [
        ("orders", "E-mail keys on orders (match orders to customers)"),
        ("abandoned_checkouts", "E-mail keys on abandoned checkouts"),
    ] {
        items.push(PersonalDataItem {
            table: table.into(),
            column: "email_key".into(),
            label: label.into(),
            hashed: count(&format!("SELECT count(email_key) FROM {}", ident(table)))?,
            plain: 0,
            note: None,
        });
    }
    let contact = literal(CONTACT_IN_TEXT);
    items.push(PersonalDataItem {
        table: "support_messages".into(),
        column: "text".into(),
        label: "Support messages with an e-mail address or phone number in them".into(),
        hashed: 0,
        plain: count(&format!(
            "SELECT count(*) FROM support_messages WHERE role = 'customer' AND regexp_matches(text, {contact})"
        ))?,
        note: Some("Customers' own words are kept as written. Erasing a customer removes their conversations.".into()),
    });
    Ok(PersonalDataReport { hashing, customers: count("SELECT count(*) FROM customers")?, items })
}

/// Every table of the workspace as `<table>.parquet` in `folder`, written
/// from one snapshot. The folder is filled under a temporary name and
/// renamed when complete. The workspace's hashing secret is left out: with
/// it, the keys could be tested against guessed e-mails.
pub(crate) fn export_parquet(conn: &Connection, folder: &Path) -> Result<WorkspaceExport> {
    if folder.exists() {
        return Err(EngineError::Io {
            action: "will not overwrite",
            path: folder.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        });
    }
    let partial = folder.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(&partial).map_err(|source| EngineError::Io {
        action: "could not create",
        path: partial.clone(),
        source,
    })?;
    let written = (|| -> Result<Vec<TableRows>> {
        conn.execute_batch("BEGIN TRANSACTION")?;
        let tables: Vec<String> = {
            let mut stmt = conn.prepare(
                "SELECT table_name FROM duckdb_tables()
                     WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
                     ORDER BY table_name",
            )?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let mut out = Vec::new();
        for table in tables {
            let filter = if table == "workspace_meta" { " WHERE key <> 'pii_secret'" } else { "" };
            let select = format!("SELECT * FROM {}{filter}", ident(&table));
            let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM ({select})"), [], |r| r.get(0))?;
            let file = partial.join(format!("{table}.parquet"));
            conn.execute_batch(&format!("COPY ({select}) TO {} (FORMAT PARQUET)", literal(&file.to_string_lossy())))?;
            out.push(TableRows { table, rows: rows as u64 });
        }
        conn.execute_batch("COMMIT")?;
        Ok(out)
    })();
    let tables = match written {
        Ok(t) => t,
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            let _ = std::fs::remove_dir_all(&partial);
            return Err(e);
        }
    };
    std::fs::rename(&partial, folder).map_err(|source| EngineError::Io {
        action: "could not move the export to",
        path: folder.to_path_buf(),
        source,
    })?;
    let total_rows = tables.iter().map(|t| t.rows).sum();
    Ok(WorkspaceExport { folder: folder.display().to_string(), tables, total_rows })
}

/// Each table holding a customer's rows, and which of them: evaluated in
/// this order, after the temporary tables `erase_customers`,
/// `erase_orders`, `erase_visitors` and `erase_conversations` are filled.
const ERASE: [(&str, &str); 12] = [
    (
        "embeddings",
        "owner_kind = 'support_message' AND owner_id IN
           (SELECT conversation_id || '#' || seq FROM support_messages
            WHERE conversation_id IN (SELECT id FROM erase_conversations))",
    ),
    ("support_messages", "conversation_id IN (SELECT id FROM erase_conversations)"),
    ("support_conversations", "conversation_id IN (SELECT id FROM erase_conversations)"),
    ("experiment_exposures", "visitor_id IN (SELECT id FROM erase_visitors)"),
    ("events", "visitor_id IN (SELECT id FROM erase_visitors)"),
    ("sessions", "visitor_id IN (SELECT id FROM erase_visitors)"),
    (
        "abandoned_checkouts",
        "customer_id IN (SELECT customer_id FROM erase_customers)
           OR email_key IN (SELECT email_key FROM erase_customers WHERE email_key IS NOT NULL)",
    ),
    ("returns", "order_id IN (SELECT id FROM erase_orders)"),
    ("order_lines", "order_id IN (SELECT id FROM erase_orders)"),
    ("orders", "order_id IN (SELECT id FROM erase_orders)"),
    ("customers", "customer_id IN (SELECT customer_id FROM erase_customers)"),
    // Rejected cells are kept as read: drop any that carry the e-mail given.
    ("import_rejects", "$email IS NOT NULL AND contains(lower(raw), $email)"),
];

/// Finds the customer `request.customer` names (their id here, the store's
/// id, their e-mail or phone, hashed with the workspace's key) and counts,
/// or deletes in one transaction, their rows in every table.
pub(crate) fn erase(conn: &Connection, hasher: &PiiHasher, request: &ErasureRequest) -> Result<ErasureReport> {
    let query = request.customer.trim();
    if query.is_empty() {
        return Err(EngineError::CustomerNotFound);
    }
    let email = query.contains('@').then(|| query.to_lowercase());
    conn.execute_batch("BEGIN TRANSACTION")?;
    let result = (|| -> Result<ErasureReport> {
        conn.execute(
            "CREATE OR REPLACE TEMP TABLE erase_customers AS
             SELECT customer_id, email_key FROM customers
             WHERE customer_id = $1 OR external_id = $1
                OR email_key = $2 OR phone_key = $3
                OR lower(email) = lower($1) OR phone = $1",
            params![query, hasher.key("email", query), hasher.key("phone", query)],
        )?;
        let (matched, customer_id): (i64, Option<String>) =
            conn.query_row("SELECT count(*), min(customer_id) FROM erase_customers", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        let Some(customer_id) = customer_id else {
            return Err(EngineError::CustomerNotFound);
        };
        conn.execute_batch(
            "CREATE OR REPLACE TEMP TABLE erase_orders AS
               SELECT order_id AS id FROM orders
               WHERE customer_id IN (SELECT customer_id FROM erase_customers)
                  OR email_key IN (SELECT email_key FROM erase_customers WHERE email_key IS NOT NULL);
             CREATE OR REPLACE TEMP TABLE erase_visitors AS
               SELECT DISTINCT visitor_id AS id FROM sessions
               WHERE customer_id IN (SELECT customer_id FROM erase_customers);
             CREATE OR REPLACE TEMP TABLE erase_conversations AS
               SELECT conversation_id AS id FROM support_conversations
               WHERE customer_id IN (SELECT customer_id FROM erase_customers);",
        )?;
        let orders: i64 = conn.query_row("SELECT count(*) FROM erase_orders", [], |r| r.get(0))?;
        let label = match matched {
            1 => {
                format!("customer {} ({} order{})", short_id(&customer_id), orders, if orders == 1 { "" } else { "s" })
            }
            n => format!("{n} customer records ({orders} orders)"),
        };
        let mut tables = Vec::new();
        for (table, condition) in ERASE {
            let named = |sql: String| sql.replace("$email", "?");
            let uses_email = condition.contains("$email");
            let count_sql = named(format!("SELECT count(*) FROM {} WHERE {condition}", ident(table)));
            let rows: i64 = if uses_email {
                conn.query_row(&count_sql, params![email, email], |r| r.get(0))
            } else {
                conn.query_row(&count_sql, [], |r| r.get(0))
            }?;
            if rows == 0 {
                continue;
            }
            if !request.dry_run {
                let delete = named(format!("DELETE FROM {} WHERE {condition}", ident(table)));
                if uses_email { conn.execute(&delete, params![email, email]) } else { conn.execute(&delete, []) }?;
            }
            tables.push(TableRows { table: table.to_string(), rows: rows as u64 });
        }
        let total_rows = tables.iter().map(|t| t.rows).sum();
        Ok(ErasureReport { customer_id, label, dry_run: request.dry_run, tables, total_rows })
    })();
    let end = match (&result, request.dry_run) {
        (Ok(_), false) => "COMMIT",
        _ => "ROLLBACK",
    };
    conn.execute_batch(end)?;
    let _ = conn.execute_batch(
        "DROP TABLE IF EXISTS erase_customers; DROP TABLE IF EXISTS erase_orders;
         DROP TABLE IF EXISTS erase_visitors; DROP TABLE IF EXISTS erase_conversations;",
    );
    let report = result?;
    if !request.dry_run {
        // Write the deletion through to the main file now, not at close.
        conn.execute_batch("CHECKPOINT")?;
    }
    Ok(report)
}

/// A customer id as the app shows it: the first characters of the key.
fn short_id(id: &str) -> String {
    id.chars().take(10).collect()
}

impl Engine {
    pub fn privacy_settings(&self) -> Result<PrivacySettings> {
        self.with_current(|ws| Ok(PrivacySettings { hash_personal_data: ws.pii_hashing()? }))
    }

    pub fn set_privacy_settings(&self, settings: &PrivacySettings) -> Result<PrivacySettings> {
        self.with_current(|ws| {
            ws.set_pii_hashing(settings.hash_personal_data)?;
            Ok(PrivacySettings { hash_personal_data: ws.pii_hashing()? })
        })
    }

    /// "What personal data is stored": counts per table and column.
    pub fn personal_data_report(&self) -> Result<PersonalDataReport> {
        self.with_current(|ws| personal_data(ws.conn(), ws.pii_hashing()?))
    }

    /// Writes every table of the open workspace as Parquet into `folder`
    /// (a new folder in the reports folder when `None`). Runs on its own
    /// connection, from one snapshot, so the app keeps answering.
    pub fn export_workspace(&self, folder: Option<&Path>) -> Result<WorkspaceExport> {
        let (ws, name) = self.with_current(|ws| Ok((ws.try_clone()?, ws.name()?)))?;
        let folder = match folder {
            Some(f) => f.to_path_buf(),
            None => {
                let stem: String = insights_store::file_name_for(&name)
                    .trim_end_matches(".duckdb")
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
                    .collect();
                let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
                self.reports_dir()?.join(format!("{stem}-parquet-{stamp}"))
            }
        };
        // Parquet holds about what the workspace file does.
        let size = std::fs::metadata(ws.path()).map(|m| m.len()).unwrap_or(0);
        insights_store::ensure_space(&folder, size, "exporting the workspace")?;
        export_parquet(ws.conn(), &folder)
    }

    /// Counts (dry run) or deletes one customer's rows in every table, then
    /// drops the cached models so nothing shows them again.
    pub fn erase_customer(&self, request: &ErasureRequest) -> Result<ErasureReport> {
        let report = self.with_current(|ws| erase(ws.conn(), &ws.pii_hasher()?, request))?;
        if !request.dry_run {
            self.caches.clear();
        }
        Ok(report)
    }
}
