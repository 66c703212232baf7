//! Free disk space, checked before a long write so that it is refused at
//! once, with what it needs, instead of filling the disk halfway through.

use std::path::Path;

use crate::{Result, StoreError};

/// Free bytes on the disk `path` is or would be on (a file or folder, which
/// need not exist yet: its nearest existing folder is asked); `None` when
/// the system cannot tell.
pub fn available_space(path: &Path) -> Option<u64> {
    let folder = path.ancestors().find(|p| !p.as_os_str().is_empty() && p.is_dir())?;
    fs4::available_space(folder).ok()
}

/// Refuses `what` (e.g. "embedding"), which writes about `needed` bytes
/// beside `path`, when the disk has less free; passes when it cannot tell.
pub fn ensure_space(path: &Path, needed: u64, what: &'static str) -> Result<()> {
    match available_space(path) {
        Some(available) if needed > available => {
            Err(StoreError::DiskTooSmall { what, path: path.to_path_buf(), needed, available })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_larger_than_the_free_space_is_refused_saying_what_it_needs() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("w.duckdb");
        let free = available_space(&file).expect("the test folder's disk answers");
        assert_eq!(available_space(&dir.path().join("not/yet/made")).map(|f| f > 0), Some(true));
        assert!(free > 0);
        ensure_space(&file, 1, "embedding").unwrap();
        let err = ensure_space(&file, free + 50_000_000, "embedding").unwrap_err();
        assert_eq!(err.code(), "disk_full");
        let text = err.to_string();
        assert!(text.starts_with("embedding needs about ") && text.contains("nothing was written"), "{text}");
    }
}
