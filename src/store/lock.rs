//! Per-call ownership between processes: the process recording a call
//! holds an exclusive file lock (std's `File::try_lock`, `flock` on Unix) on `locks/<call id>.lock`. The kernel releases
//! it when the process dies (even by SIGKILL), so a crashed call can be
//! resumed, while a call live in another window cannot be taken over.

use super::{CallId, files};
use std::fs::{File, OpenOptions, TryLockError};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// The directory of lock files.
fn lock_dir(dir: &Path) -> PathBuf {
    dir.join("locks")
}

/// The lock file of `call`.
pub(crate) fn lock_path(dir: &Path, call: &CallId) -> PathBuf {
    lock_dir(dir).join(format!("{call}.lock"))
}

/// A held lock; released when dropped.
#[derive(Debug)]
pub(crate) struct CallLock {
    _file: File,
}

/// Why a lock was not taken.
#[derive(Debug)]
pub(crate) enum LockError {
    /// Another process holds it.
    Held,
    /// The lock file could not be made (e.g. a read-only directory).
    Io,
}

/// Takes `call`'s lock without waiting.
pub(crate) fn try_lock(dir: &Path, call: &CallId) -> Result<CallLock, LockError> {
    let ld = lock_dir(dir);
    if !ld.is_dir() {
        files::ensure_private_dir(&ld).map_err(|_| LockError::Io)?;
    }
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(files::FILE_MODE)
        .open(lock_path(dir, call))
        .map_err(|_| LockError::Io)?;
    match file.try_lock() {
        Ok(()) => Ok(CallLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(LockError::Held),
        Err(TryLockError::Error(_)) => Err(LockError::Io),
    }
}

/// True when another process (or another recorder here) holds `call`'s lock.
pub fn is_live_elsewhere(dir: &Path, call: &CallId) -> bool {
    if !lock_path(dir, call).exists() {
        return false;
    }
    matches!(try_lock(dir, call), Err(LockError::Held))
}

/// Removes `call`'s lock file (after the call is erased).
pub(crate) fn remove(dir: &Path, call: &CallId) {
    let _ = std::fs::remove_file(lock_path(dir, call));
}
