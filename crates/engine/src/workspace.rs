//! The workspace's lifecycle: the recent list, create, open, rename, delete,
//! and which one opens at start-up.

use std::path::{Path, PathBuf};

use insights_store::{file_name_for, Workspace};

use crate::api::*;
use crate::state::lock;
use crate::{Engine, Result};

impl Engine {
    pub fn app_info(&self) -> AppInfo {
        let sample = self.sample_workspace_path();
        AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            workspaces_dir: self.dirs.workspaces_dir().display().to_string(),
            sample_workspace: sample.exists().then(|| sample.display().to_string()),
            start_failure: lock(&self.start_failure).clone(),
        }
    }

    /// Recent workspaces, most recent first, with their current size.
    pub fn list_workspaces(&self) -> Vec<WorkspaceInfo> {
        self.dirs.recent().list().into_iter().map(|e| info_for(&e.path, &e.name, Some(e.last_opened), None)).collect()
    }

    pub fn current_workspace(&self) -> Result<Option<WorkspaceInfo>> {
        let guard = self.lock();
        match guard.as_ref() {
            Some(ws) => Ok(Some(self.info_of(ws)?)),
            None => Ok(None),
        }
    }

    /// Creates a workspace (in the default folder unless `path` is given),
    /// opens it and makes it current.
    pub fn create_workspace(&self, name: &str, path: Option<&Path>) -> Result<WorkspaceInfo> {
        let path = path.map(absolute);
        let path = match path.as_deref() {
            Some(p) if p.is_dir() => p.join(file_name_for(name)),
            Some(p) => p.to_path_buf(),
            None => self.dirs.workspaces_dir().join(file_name_for(name)),
        };
        let ws = Workspace::create(&path, name)?;
        self.close_current()?;
        self.make_current(ws)
    }

    pub fn open_workspace(&self, path: &Path) -> Result<WorkspaceInfo> {
        let path = &absolute(path);
        {
            let guard = self.lock();
            if let Some(ws) = guard.as_ref().filter(|ws| ws.path() == path) {
                let info = self.info_of(ws)?;
                self.remember(path, &info.name);
                return Ok(info);
            }
        }
        // Close the current one first: DuckDB allows one writer per file.
        self.close_current()?;
        let ws = Workspace::open(path)?;
        self.make_current(ws)
    }

    pub fn rename_workspace(&self, path: &Path, new_name: &str) -> Result<WorkspaceInfo> {
        let path = &absolute(path);
        let guard = self.lock();
        match guard.as_ref().filter(|ws| ws.path() == path) {
            Some(ws) => ws.rename(new_name)?,
            None => {
                let ws = Workspace::open(path)?;
                ws.rename(new_name)?;
                ws.close()?;
            }
        }
        let name = new_name.trim().to_string();
        self.dirs.recent().rename(path, &name)?;
        Ok(info_for(path, &name, None, None))
    }

    /// Deletes a workspace file. The adapters ask for confirmation first.
    pub fn delete_workspace(&self, path: &Path) -> Result<()> {
        let path = &absolute(path);
        let deleting_current = self.lock().as_ref().is_some_and(|ws| ws.path() == path);
        let _no_import = deleting_current.then(|| self.import_job.stop());
        let _no_embedding = deleting_current.then(|| self.embedding_job.stop());
        if deleting_current {
            self.caches.clear();
        }
        {
            let mut guard = self.lock();
            if guard.as_ref().is_some_and(|ws| ws.path() == path) {
                if let Some(ws) = guard.take() {
                    ws.close()?;
                }
            }
        }
        Workspace::delete(path)?;
        self.dirs.recent().forget(path)?;
        Ok(())
    }

    /// Opens, at start-up, `explicit` if given, else the most recent
    /// workspace that still exists, else the sample store if it was built.
    pub fn open_at_start(&self, explicit: Option<&Path>) -> Result<Option<WorkspaceInfo>> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => self
                .list_workspaces()
                .into_iter()
                .find(|w| w.exists)
                .map(|w| PathBuf::from(w.path))
                .or_else(|| Some(self.sample_workspace_path()).filter(|p| p.exists())),
        };
        let Some(path) = path.as_deref().map(absolute) else { return Ok(None) };
        match self.open_workspace(&path) {
            Ok(info) => Ok(Some(info)),
            Err(e) => {
                let name = self
                    .dirs
                    .recent()
                    .list()
                    .into_iter()
                    .find(|r| r.path == path)
                    .map(|r| r.name)
                    .unwrap_or_else(|| path.file_stem().unwrap_or_default().to_string_lossy().into_owned());
                *lock(&self.start_failure) =
                    Some(StartFailure { path: path.display().to_string(), name, error: ApiError::from(&e) });
                Err(e)
            }
        }
    }

    /// Closes the open workspace, stopping what runs on it first: imports
    /// and embedding runs hold their own connections to the file.
    pub(crate) fn close_current(&self) -> Result<()> {
        let _no_import = self.import_job.stop();
        let _no_embedding = self.embedding_job.stop();
        self.caches.clear();
        if let Some(ws) = self.lock().take() {
            ws.close()?;
        }
        Ok(())
    }

    pub(crate) fn make_current(&self, ws: Workspace) -> Result<WorkspaceInfo> {
        let info = self.info_of(&ws)?;
        self.remember(ws.path(), &info.name);
        *self.lock() = Some(ws);
        *lock(&self.start_failure) = None;
        Ok(info)
    }

    /// Puts the workspace first in the recent list. The list is a
    /// convenience: a full disk or a read-only home folder must not stop a
    /// workspace from opening, nor a command that only reads it.
    fn remember(&self, path: &Path, name: &str) {
        let _ = self.dirs.recent().touch(path, name);
    }

    pub(crate) fn info_of(&self, ws: &Workspace) -> Result<WorkspaceInfo> {
        let last = self.dirs.recent().list().into_iter().find(|e| e.path == ws.path()).map(|e| e.last_opened);
        let currency = insights_kpi::store_currency(ws.conn())?;
        Ok(info_for(ws.path(), &ws.name()?, last, currency))
    }
}

/// `path` made absolute against the current folder, so the recent list (and
/// a later command run elsewhere) names the same file; `..` and symbolic
/// links are kept as given.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

fn info_for(path: &Path, name: &str, last_opened: Option<String>, currency: Option<String>) -> WorkspaceInfo {
    let meta = std::fs::metadata(path).ok();
    WorkspaceInfo {
        name: name.to_string(),
        path: path.display().to_string(),
        size_bytes: meta.as_ref().map(|m| m.len()).unwrap_or(0),
        last_opened,
        exists: meta.is_some(),
        currency,
    }
}
