//! Where the app keeps its own files, and the list of recently opened
//! workspaces (a small JSON file beside them). `INSIGHTS_HOME` overrides the
//! OS data directory, which keeps tests and demos hermetic.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Result, StoreError};

const RECENT_FILE: &str = "recent-workspaces.json";
const MAX_RECENT: usize = 30;

#[derive(Debug, Clone)]
pub struct AppDirs {
    root: PathBuf,
}

impl AppDirs {
    /// `$INSIGHTS_HOME` when set, else the OS data directory
    /// (`~/.local/share/merchant-insights` on Linux).
    pub fn from_env() -> Self {
        if let Some(home) = std::env::var_os("INSIGHTS_HOME").filter(|v| !v.is_empty()) {
            return Self::at(PathBuf::from(home));
        }
        let root = directories::ProjectDirs::from("app", "Merchant Insights", "merchant-insights")
            .map(|d| d.data_dir().to_path_buf())
            .unwrap_or_else(|| std::env::temp_dir().join("merchant-insights"));
        Self::at(root)
    }

    pub fn at(root: PathBuf) -> Self {
        Self { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Default folder for new workspaces.
    pub fn workspaces_dir(&self) -> PathBuf {
        self.root.join("workspaces")
    }

    /// Folder for reports written by `insights demo`.
    pub fn reports_dir(&self) -> PathBuf {
        self.root.join("reports")
    }

    pub fn recent(&self) -> RecentWorkspaces {
        RecentWorkspaces { file: self.root.join(RECENT_FILE) }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RecentEntry {
    pub path: PathBuf,
    pub name: String,
    /// RFC 3339.
    pub last_opened: String,
}

#[derive(Debug, Clone)]
pub struct RecentWorkspaces {
    file: PathBuf,
}

impl RecentWorkspaces {
    /// Most recent first. A missing or unreadable list is an empty list: it
    /// is a convenience, never a reason to refuse to start.
    pub fn list(&self) -> Vec<RecentEntry> {
        fs::read(&self.file)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Vec<RecentEntry>>(&bytes).ok())
            .unwrap_or_default()
    }

    pub fn touch(&self, path: &Path, name: &str) -> Result<()> {
        let mut list = self.list();
        list.retain(|e| e.path != path);
        list.insert(
            0,
            RecentEntry {
                path: path.to_path_buf(),
                name: name.to_string(),
                last_opened: chrono::Utc::now().to_rfc3339(),
            },
        );
        list.truncate(MAX_RECENT);
        self.save(&list)
    }

    pub fn rename(&self, path: &Path, name: &str) -> Result<()> {
        let mut list = self.list();
        for e in list.iter_mut().filter(|e| e.path == path) {
            e.name = name.to_string();
        }
        self.save(&list)
    }

    pub fn forget(&self, path: &Path) -> Result<()> {
        let mut list = self.list();
        list.retain(|e| e.path != path);
        self.save(&list)
    }

    fn save(&self, list: &[RecentEntry]) -> Result<()> {
        if let Some(dir) = self.file.parent() {
            fs::create_dir_all(dir).map_err(StoreError::io("creating folder", dir))?;
        }
        let tmp = self.file.with_extension("json.tmp");
        let json = serde_json::to_vec_pretty(list).expect("recent list serialises");
        let written = fs::write(&tmp, json)
            .map_err(StoreError::io("writing", &tmp))
            .and_then(|()| fs::rename(&tmp, &self.file).map_err(StoreError::io("writing", &self.file)));
        if written.is_err() {
            // A full disk leaves no half-written list behind.
            let _ = fs::remove_file(&tmp);
        }
        written
    }
}
