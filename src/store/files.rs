//! Private files: the data directory is 0700 and every file callcoach
//! creates in it (database, `-wal`, `-shm`, journals, exports) is 0600,
//! whatever the process umask says.

use anyhow::Context;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// Mode of every file callcoach writes.
pub const FILE_MODE: u32 = 0o600;
/// Mode of the data directory (and any parent callcoach creates for it).
pub const DIR_MODE: u32 = 0o700;

/// Creates `dir` (and missing parents) with mode 0700. An existing
/// directory is left as it is: it may be one the user chose on purpose.
pub fn ensure_private_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .with_context(|| format!("could not create the data directory {}", dir.display()))?;
    // The umask may have narrowed (never widened) the mode; set it exactly.
    set_mode(dir, DIR_MODE)
}

/// Sets `path`'s permission bits to exactly `mode`.
pub fn set_mode(path: &Path, mode: u32) -> anyhow::Result<()> {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
        .with_context(|| format!("could not set the permissions of {}", path.display()))
}

/// Sets an existing file to 0600; a missing file is fine.
pub fn restrict_if_exists(path: &Path) -> anyhow::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.permissions().mode() & 0o777 != FILE_MODE => {
            set_mode(path, FILE_MODE)
        }
        _ => Ok(()),
    }
}

/// Opens `path` for appending, creating it 0600.
pub fn open_append(path: &Path) -> std::io::Result<File> {
    let f = OpenOptions::new()
        .append(true)
        .create(true)
        .mode(FILE_MODE)
        .open(path)?;
    f.set_permissions(std::fs::Permissions::from_mode(FILE_MODE))?;
    Ok(f)
}

/// Creates an empty file with mode 0600 if nothing exists at `path`. An
/// existing file is not opened at all (see `store::open_connection`).
pub fn create_private_if_missing(path: &Path) -> anyhow::Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Ok(());
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
    {
        Ok(_) => set_mode(path, FILE_MODE),
        // Another process created it a moment ago.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e).with_context(|| format!("could not create {}", path.display())),
    }
}

/// Writes `bytes` to `path` (replacing any earlier content) with mode 0600.
/// An existing file is overwritten: its mode is set to 0600 first, so the
/// new content is never readable by others, even briefly.
pub fn write_private(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut f = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .mode(FILE_MODE)
        .open(path)
        .with_context(|| format!("could not open {} for writing", path.display()))?;
    f.set_permissions(std::fs::Permissions::from_mode(FILE_MODE))
        .with_context(|| format!("could not set the permissions of {}", path.display()))?;
    f.set_len(0)?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .with_context(|| format!("could not write {}", path.display()))
}

/// Overwrites a file's bytes with zeros, syncs, then removes it, so erased
/// text does not stay readable in the file's old blocks through this name.
pub fn shred_and_remove(path: &Path) -> std::io::Result<()> {
    if let Ok(mut f) = OpenOptions::new().write(true).open(path) {
        let len = f.metadata().map(|m| m.len()).unwrap_or(0);
        let zeros = vec![0u8; 64 * 1024];
        let mut left = len;
        while left > 0 {
            let n = left.min(zeros.len() as u64) as usize;
            f.write_all(&zeros[..n])?;
            left -= n as u64;
        }
        f.sync_all()?;
    }
    std::fs::remove_file(path)
}
