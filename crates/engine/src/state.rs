//! The engine's state beside the open workspace: a background job (an
//! import, an embedding run) and a value built from the workspace and kept
//! while the workspace stays as it was (the search index, the assistant,
//! the recommender).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};

use insights_store::duckdb::InterruptHandle;

use crate::{EngineError, Result};

/// Takes a lock whose holder panicked: DuckDB transactions roll back, so
/// what the lock guards is still sound.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One kind of long-running work on the workspace: one at a time, stopped
/// from another thread by a flag (and, for a statement that is running, by
/// interrupting it).
#[derive(Default)]
pub(crate) struct Job {
    cancel: Arc<AtomicBool>,
    busy: Mutex<()>,
    running: AtomicBool,
    interrupt: Mutex<Option<Arc<InterruptHandle>>>,
}

/// Held while a job runs; lets the next one start when dropped.
pub(crate) struct Running<'a> {
    job: &'a Job,
    _busy: MutexGuard<'a, ()>,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.job.running.store(false, Ordering::Relaxed);
        *lock(&self.job.interrupt) = None;
    }
}

impl Running<'_> {
    /// A statement of the job that `cancel` interrupts.
    pub(crate) fn interrupts(&self, handle: Arc<InterruptHandle>) {
        *lock(&self.job.interrupt) = Some(handle);
    }
}

impl Job {
    /// Starts the job, or fails with `busy` while another one runs.
    pub(crate) fn start(&self, busy: EngineError) -> Result<Running<'_>> {
        let guard = match self.busy.try_lock() {
            Ok(guard) => guard,
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
            Err(TryLockError::WouldBlock) => return Err(busy),
        };
        self.cancel.store(false, Ordering::Relaxed);
        self.running.store(true, Ordering::Relaxed);
        Ok(Running { job: self, _busy: guard })
    }

    /// The flag the job's loop reads between steps.
    pub(crate) fn cancel_flag(&self) -> &Arc<AtomicBool> {
        &self.cancel
    }

    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    pub(crate) fn is_running(&self) -> bool {
        self.running.load(Ordering::Relaxed)
    }

    /// Asks the running job to stop; it rolls back or keeps what is done,
    /// as the job's own rules say.
    pub(crate) fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
        if let Some(handle) = lock(&self.interrupt).as_ref() {
            handle.interrupt();
        }
    }

    /// Cancels a running job, waits for it to end and keeps any new one out
    /// until the returned guard is dropped.
    pub(crate) fn stop(&self) -> MutexGuard<'_, ()> {
        if let Ok(guard) = self.busy.try_lock() {
            return guard;
        }
        self.cancel();
        lock(&self.busy)
    }
}

/// A value built from one workspace in one state (its fingerprint), reused
/// until either changes.
pub(crate) struct Cached<K, T> {
    slot: Mutex<Option<Entry<K, T>>>,
}

struct Entry<K, T> {
    path: PathBuf,
    key: K,
    value: Arc<T>,
}

impl<K, T> Default for Cached<K, T> {
    fn default() -> Self {
        Self { slot: Mutex::new(None) }
    }
}

impl<K: PartialEq + Clone, T> Cached<K, T> {
    /// The value built for this workspace and key, if it is still there.
    pub(crate) fn get(&self, path: &Path, key: &K) -> Option<Arc<T>> {
        lock(&self.slot).as_ref().filter(|e| e.path == path && e.key == *key).map(|e| Arc::clone(&e.value))
    }

    /// Whatever was last built for this workspace, with its key: a value
    /// that can be brought up to date more cheaply than built again.
    pub(crate) fn last(&self, path: &Path) -> Option<(K, Arc<T>)> {
        lock(&self.slot).as_ref().filter(|e| e.path == path).map(|e| (e.key.clone(), Arc::clone(&e.value)))
    }

    pub(crate) fn put(&self, path: &Path, key: K, value: Arc<T>) {
        *lock(&self.slot) = Some(Entry { path: path.to_path_buf(), key, value });
    }

    /// The cached value, or `build`'s, kept for next time.
    pub(crate) fn get_or_build(&self, path: &Path, key: K, build: impl FnOnce() -> Result<T>) -> Result<Arc<T>> {
        if let Some(v) = self.get(path, &key) {
            return Ok(v);
        }
        let value = Arc::new(build()?);
        self.put(path, key, Arc::clone(&value));
        Ok(value)
    }

    pub(crate) fn clear(&self) {
        *lock(&self.slot) = None;
    }
}
