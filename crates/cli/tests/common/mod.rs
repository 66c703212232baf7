//! What the `insights` binary's tests share.

use std::path::{Path, PathBuf};
use std::process::Output;

/// The repository's root (for `sample-data/` and `../shared/data`).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The standard output of a run that must have succeeded; both streams in the failure.
pub fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
