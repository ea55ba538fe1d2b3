//! The dataset root: immutable `versions/vNNNNNN/` folders, a `latest` pointer, and a lock.
//!
//! A version is written into a hidden temporary folder, fsynced, then renamed into place, and
//! only then is `latest` replaced (write-and-rename). A crash at any point leaves the previous
//! versions and `latest` intact; leftover temporary folders are removed by the next run.

use anyhow::{bail, Context, Result};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

const TMP_PREFIX: &str = ".tmp-";

pub struct DatasetRoot {
    pub root: PathBuf,
    // Held for the whole run; the OS releases it if the process dies.
    _lock: File,
}

impl DatasetRoot {
    /// Opens (creating) the root and takes its lock, waiting for a concurrent run to finish.
    pub fn open(root: &Path, on_wait: impl FnOnce()) -> Result<Self> {
        fs::create_dir_all(root.join("versions")).with_context(|| format!("cannot create dataset root {}", root.display()))?;
        let lock_path = root.join(".lock");
        let lock = File::options().create(true).truncate(false).write(true).open(&lock_path)
            .with_context(|| format!("cannot open lock file {}", lock_path.display()))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                on_wait();
                lock.lock().with_context(|| format!("cannot lock {}", lock_path.display()))?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(e).with_context(|| format!("cannot lock {}", lock_path.display())),
        }
        let this = Self { root: root.to_path_buf(), _lock: lock };
        this.remove_stale_temporaries()?;
        Ok(this)
    }

    fn versions_dir(&self) -> PathBuf {
        self.root.join("versions")
    }

    fn remove_stale_temporaries(&self) -> Result<()> {
        for entry in fs::read_dir(self.versions_dir())? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with(TMP_PREFIX) {
                fs::remove_dir_all(entry.path()).with_context(|| format!("cannot remove stale {}", entry.path().display()))?;
            }
        }
        Ok(())
    }

    /// Complete version names, oldest first.
    pub fn versions(&self) -> Result<Vec<String>> {
        let mut names: Vec<String> = fs::read_dir(self.versions_dir())?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| parse_version(n).is_some())
            .collect();
        names.sort();
        Ok(names)
    }

    pub fn latest(&self) -> Option<String> {
        read_latest(&self.root)
    }

    pub fn new_temporary(&self) -> Result<PathBuf> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let dir = self.versions_dir().join(format!("{TMP_PREFIX}{}-{nanos}", std::process::id()));
        fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    pub fn next_name(&self) -> Result<String> {
        let last = self.versions()?.iter().filter_map(|n| parse_version(n)).max().unwrap_or(0);
        Ok(format!("v{:06}", last + 1))
    }

    pub fn path_of(&self, name: &str) -> PathBuf {
        self.versions_dir().join(name)
    }

    /// Moves a finished temporary folder into place and points `latest` at it.
    pub fn publish(&self, temporary: &Path, name: &str) -> Result<PathBuf> {
        sync_dir(temporary)?;
        let target = self.path_of(name);
        if target.exists() {
            bail!("version {name} already exists in {}", self.versions_dir().display());
        }
        fs::rename(temporary, &target).with_context(|| format!("cannot rename into {}", target.display()))?;
        sync_dir(&self.versions_dir())?;
        let tmp_latest = self.root.join(".latest.tmp");
        {
            let mut f = File::create(&tmp_latest)?;
            writeln!(f, "{name}")?;
            f.sync_all()?;
        }
        fs::rename(&tmp_latest, self.root.join("latest"))?;
        self.link_current(name)?;
        sync_dir(&self.root)?;
        Ok(target)
    }

    /// `current`: a symlink to the latest version folder beside the `latest` pointer file, so
    /// that DuckDB, Spark or a shell reach the newest tables by path alone
    /// (`current/events.parquet`). Replaced by one rename, like `latest`.
    fn link_current(&self, name: &str) -> Result<()> {
        #[cfg(unix)]
        {
            let tmp = self.root.join(".current.tmp");
            let _ = fs::remove_file(&tmp);
            std::os::unix::fs::symlink(Path::new("versions").join(name), &tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
            fs::rename(&tmp, self.root.join("current"))?;
        }
        #[cfg(not(unix))]
        let _ = name;
        Ok(())
    }

    /// Deletes all but the newest `keep` versions; the latest is never deleted. Each goes out
    /// of the version list by one rename first, so a kill while deleting leaves a temporary
    /// folder (removed by the next run), never a half-deleted version.
    pub fn prune(&self, keep: usize) -> Result<Vec<String>> {
        let versions = self.versions()?;
        let latest = self.latest();
        let excess = versions.len().saturating_sub(keep.max(1));
        let mut removed = Vec::new();
        for name in versions.into_iter().take(excess) {
            if Some(&name) == latest.as_ref() {
                continue;
            }
            let doomed = self.versions_dir().join(format!("{TMP_PREFIX}pruned-{name}"));
            fs::rename(self.path_of(&name), &doomed).with_context(|| format!("cannot move {name} out of the versions"))?;
            sync_dir(&self.versions_dir())?;
            fs::remove_dir_all(&doomed).with_context(|| format!("cannot remove {}", doomed.display()))?;
            removed.push(name);
        }
        Ok(removed)
    }
}

pub fn read_latest(root: &Path) -> Option<String> {
    let name = fs::read_to_string(root.join("latest")).ok()?.trim().to_string();
    parse_version(&name).map(|_| name)
}

/// A version folder given either directly or as a dataset root holding `latest`.
pub fn resolve_version_dir(path: &Path) -> Result<PathBuf> {
    if path.join("manifest.json").is_file() {
        return Ok(path.to_path_buf());
    }
    match read_latest(path) {
        Some(name) => Ok(path.join("versions").join(name)),
        None => bail!("{} is neither a version folder (no manifest.json) nor a dataset root (no readable `latest`)", path.display()),
    }
}

fn parse_version(name: &str) -> Option<u32> {
    let digits = name.strip_prefix('v')?;
    if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

fn sync_dir(dir: &Path) -> Result<()> {
    // Directory fsync makes the rename durable; not all platforms allow opening a directory.
    if let Ok(f) = File::open(dir) {
        let _ = f.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_names_parse_strictly() {
        assert_eq!(parse_version("v000012"), Some(12));
        assert_eq!(parse_version("v12"), None);
        assert_eq!(parse_version(".tmp-1-2"), None);
    }
}
