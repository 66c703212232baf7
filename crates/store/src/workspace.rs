//! One workspace = one DuckDB file. Opening validates the file before any
//! write: a file that is not ours, is damaged, or comes from a newer version
//! is refused and left byte-for-byte as it was.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use duckdb::{AccessMode, Config, Connection};
use rand::TryRngCore;

use crate::migrations::{apply_pending, current_version, LATEST_SCHEMA_VERSION};
use crate::privacy::PiiHasher;
use crate::{Result, StoreError};

pub const WORKSPACE_EXTENSION: &str = "duckdb";

/// DuckDB files carry this magic at byte 8 of their first block.
const DUCKDB_MAGIC: &[u8; 4] = b"DUCK";

pub struct Workspace {
    path: PathBuf,
    conn: Connection,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace").field("path", &self.path).finish()
    }
}

impl Workspace {
    /// Creates a new, empty workspace file at `path` and opens it. The file
    /// is built under a temporary name and renamed into place, so a crash
    /// never leaves a half-made workspace behind.
    pub fn create(path: &Path, name: &str) -> Result<Self> {
        let name = validate_name(name)?;
        if path.exists() {
            return Err(StoreError::AlreadyExists { path: path.to_path_buf() });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(StoreError::io("creating folder", dir))?;
        }
        let tmp = path.with_extension("creating");
        let _ = fs::remove_file(&tmp);
        let _ = fs::remove_file(wal_path(&tmp));
        {
            let mut conn = Connection::open(&tmp)?;
            let tx = conn.transaction()?;
            apply_pending(&tx, 0).map_err(|(version, name, e)| StoreError::Migration {
                path: path.to_path_buf(),
                version,
                name: name.to_string(),
                reason: e.to_string(),
            })?;
            let mut secret = vec![0u8; 32];
            rand::rngs::OsRng.try_fill_bytes(&mut secret).map_err(|e| StoreError::Io {
                action: "generating the workspace secret for",
                path: path.to_path_buf(),
                source: std::io::Error::other(e.to_string()),
            })?;
            tx.execute(
                "INSERT INTO workspace_meta VALUES ('name', ?), ('created_at', CAST(current_timestamp AS VARCHAR)), ('pii_secret', ?), ('pii_hashing', 'on')",
                duckdb::params![name, hex::encode(&secret)],
            )?;
            tx.commit()?;
            conn.execute_batch("CHECKPOINT")?;
        }
        fs::rename(&tmp, path).map_err(StoreError::io("moving the new workspace to", path))?;
        Self::open(path)
    }

    /// Opens an existing workspace, applying pending migrations in one
    /// transaction. Refuses, without writing anything, a file that is not a
    /// workspace, is damaged, or was written by a newer version.
    pub fn open(path: &Path) -> Result<Self> {
        let version = inspect(path)?;
        let mut conn = Connection::open(path).map_err(|e| classify_open_error(path, e))?;
        if version < LATEST_SCHEMA_VERSION {
            let tx = conn.transaction()?;
            apply_pending(&tx, version).map_err(|(v, name, e)| StoreError::Migration {
                path: path.to_path_buf(),
                version: v,
                name: name.to_string(),
                reason: e.to_string(),
            })?;
            tx.commit()?;
            // Into the file at once, rather than replayed from the log at the next open.
            conn.execute_batch("CHECKPOINT")?;
        }
        Ok(Workspace { path: path.to_path_buf(), conn })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// A second connection to the same file, for long work (an import, an
    /// export) that must not hold up the app: each connection sees the last
    /// committed state, and DuckDB keeps their transactions apart. Dropped,
    /// not closed, when the work is done.
    pub fn try_clone(&self) -> Result<Self> {
        Ok(Workspace { path: self.path.clone(), conn: self.conn.try_clone()? })
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(current_version(&self.conn)?.unwrap_or(0))
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        crate::settings::meta(&self.conn, key)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        crate::settings::set_meta(&self.conn, key, value)
    }

    pub fn name(&self) -> Result<String> {
        Ok(self.meta("name")?.unwrap_or_else(|| default_name(&self.path)))
    }

    pub fn rename(&self, new_name: &str) -> Result<()> {
        let name = validate_name(new_name)?;
        self.set_meta("name", &name)
    }

    /// The keyed hasher for personal data in this workspace.
    pub fn pii_hasher(&self) -> Result<PiiHasher> {
        let secret = self.meta("pii_secret")?.ok_or_else(|| StoreError::Damaged {
            path: self.path.clone(),
            reason: "its personal-data secret is missing".into(),
        })?;
        let bytes = hex::decode(secret.trim()).map_err(|e| StoreError::Damaged {
            path: self.path.clone(),
            reason: format!("its personal-data secret is unreadable ({e})"),
        })?;
        Ok(PiiHasher::new(bytes))
    }

    /// Whether personal data is stored hashed (the default) or in plain text.
    pub fn pii_hashing(&self) -> Result<bool> {
        Ok(self.meta("pii_hashing")?.as_deref() != Some("off"))
    }

    /// Turns hashing of personal data on (the default) or off for what is
    /// imported from now on; what is stored already stays as it is.
    pub fn set_pii_hashing(&self, on: bool) -> Result<()> {
        self.set_meta("pii_hashing", if on { "on" } else { "off" })
    }

    /// Closes the connection, writing everything to the main file.
    pub fn close(self) -> Result<()> {
        self.conn.execute_batch("CHECKPOINT")?;
        drop(self.conn);
        Ok(())
    }

    /// Deletes a workspace file (and its write-ahead log). The caller asks
    /// the person for confirmation first.
    pub fn delete(path: &Path) -> Result<()> {
        inspect(path)?;
        fs::remove_file(path).map_err(StoreError::io("deleting", path))?;
        let wal = wal_path(path);
        if wal.exists() {
            fs::remove_file(&wal).map_err(StoreError::io("deleting", &wal))?;
        }
        Ok(())
    }
}

/// Checks, without writing anything, that `path` is a workspace this version
/// can open, and returns its schema version.
pub fn inspect(path: &Path) -> Result<i64> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound { path: path.to_path_buf() },
        _ => StoreError::Io { action: "reading", path: path.to_path_buf(), source: e },
    })?;
    if meta.is_dir() {
        return Err(StoreError::NotAWorkspace { path: path.to_path_buf(), reason: "it is a folder".into() });
    }
    let mut head = [0u8; 12];
    let mut file = fs::File::open(path).map_err(StoreError::io("reading", path))?;
    let n = read_up_to(&mut file, &mut head).map_err(StoreError::io("reading", path))?;
    if n < head.len() || &head[8..12] != DUCKDB_MAGIC {
        return Err(StoreError::NotAWorkspace {
            path: path.to_path_buf(),
            reason: if meta.len() == 0 {
                "the file is empty".into()
            } else {
                "it is not a DuckDB database file".into()
            },
        });
    }
    let config = Config::default().access_mode(AccessMode::ReadOnly)?;
    let conn = Connection::open_with_flags(path, config).map_err(|e| classify_open_error(path, e))?;
    let version =
        current_version(&conn).map_err(|e| StoreError::Damaged { path: path.to_path_buf(), reason: e.to_string() })?;
    match version {
        None => Err(StoreError::NotAWorkspace {
            path: path.to_path_buf(),
            reason: "it is a DuckDB database, but it was not made by Merchant Insights".into(),
        }),
        Some(found) if found > LATEST_SCHEMA_VERSION => {
            Err(StoreError::NewerVersion { path: path.to_path_buf(), found, supported: LATEST_SCHEMA_VERSION })
        }
        Some(found) => Ok(found),
    }
}

fn classify_open_error(path: &Path, e: duckdb::Error) -> StoreError {
    let reason = e.to_string();
    let lower = reason.to_lowercase();
    // "block" appears in corruption messages, so match DuckDB's lock wording exactly.
    if lower.contains("could not set lock") || lower.contains("conflicting lock") {
        StoreError::Locked { path: path.to_path_buf() }
    } else if lower.contains("version") && lower.contains("newer") {
        StoreError::NewerVersion { path: path.to_path_buf(), found: -1, supported: LATEST_SCHEMA_VERSION }
    } else {
        StoreError::Damaged { path: path.to_path_buf(), reason }
    }
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

fn wal_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".wal");
    PathBuf::from(s)
}

fn validate_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::InvalidName { reason: "the name is empty".into() });
    }
    if name.chars().count() > 120 {
        return Err(StoreError::InvalidName { reason: "the name is longer than 120 characters".into() });
    }
    if name.chars().any(char::is_control) {
        return Err(StoreError::InvalidName { reason: "the name contains control characters".into() });
    }
    Ok(name.to_string())
}

/// A file name for a workspace called `name`: lower-case letters, digits and
/// dashes, e.g. "Acme Outdoor (EU)" → "acme-outdoor-eu.duckdb".
pub fn file_name_for(name: &str) -> String {
    let mut slug = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "workspace" } else { slug };
    format!("{slug}.{WORKSPACE_EXTENSION}")
}

fn default_name(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "Workspace".into())
}
