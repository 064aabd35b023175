//! The persistent verdict cache (`--cache-dir`, default `.seam/cache` in the repository): proofs
//! that one schema document accepts no more than another (`a ⊆ b`), kept between runs so CI can
//! restore them and an unchanged pair costs a file lookup.
//!
//! Only proofs are kept: a refutation or an undecided question carries a counterexample or a
//! reason that a finding shows, and is recomputed (they are the few pairs that report). An
//! entry's name is the XXH3-128 hash of seam's version, the engine options and the content
//! hashes of both documents, so a changed schema, option or seam release never meets an old
//! answer. Each entry holds its own key and a checksum of it: a truncated, corrupt or misplaced
//! entry is ignored and written again, never trusted. Deleting the folder is always safe.

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

/// The first line of every entry.
const MAGIC: &str = "seam-verdict-cache 1";

/// A verdict cache in a folder inside the repository.
#[derive(Debug, Clone)]
pub struct VerdictCache {
    dir: PathBuf,
}

/// Why a cache folder is refused.
pub fn check_dir(rel: &Path) -> Result<(), String> {
    if rel.as_os_str().is_empty()
        || rel
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "cache folder `{}` is not a relative path inside the repository",
            rel.display()
        ));
    }
    Ok(())
}

impl VerdictCache {
    /// The cache in `rel` (relative to the repository `root`, e.g. `.seam/cache`). A folder
    /// that leaves the repository, or passes through a symbolic link, is refused.
    pub fn open(root: &Path, rel: &Path) -> Result<Self, String> {
        check_dir(rel)?;
        let mut at = root.to_path_buf();
        for c in rel.components() {
            at.push(c);
            if let Ok(m) = std::fs::symlink_metadata(&at)
                && !m.file_type().is_dir()
            {
                return Err(format!(
                    "cache folder `{}` passes through `{}`, which is not a folder",
                    rel.display(),
                    at.display()
                ));
            }
        }
        Ok(Self {
            dir: root.join(rel).join("verdicts"),
        })
    }

    fn entry(&self, key: u128) -> PathBuf {
        let hex = format!("{key:032x}");
        self.dir.join(&hex[..2]).join(format!("{hex}.proof"))
    }

    fn content(key: u128) -> String {
        let body = format!("{MAGIC}\nsubset yes {key:032x}\n");
        let sum = xxhash_rust::xxh3::xxh3_64(body.as_bytes());
        format!("{body}checksum {sum:016x}\n")
    }

    /// Whether the proof `key` is recorded (and its entry intact).
    pub fn has_proof(&self, key: u128) -> bool {
        let path = self.entry(key);
        // An entry is a few dozen bytes: anything larger is not one of ours.
        let small = std::fs::symlink_metadata(&path)
            .is_ok_and(|m| m.file_type().is_file() && m.len() <= 256);
        small && std::fs::read_to_string(&path).is_ok_and(|text| text == Self::content(key))
    }

    /// Records the proof `key`. Failures (a read-only checkout) only cost the next run time.
    pub fn record_proof(&self, key: u128) {
        let path = self.entry(key);
        let Some(parent) = path.parent() else {
            return;
        };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        // Written aside, then renamed: a reader never sees half an entry.
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(parent) else {
            return;
        };
        if tmp.write_all(Self::content(key).as_bytes()).is_ok() {
            let _ = tmp.persist(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_proof_is_found_once_recorded_and_a_damaged_entry_is_not() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let cache = VerdictCache::open(dir.path(), Path::new(".seam/cache")).expect("opens");
        assert!(!cache.has_proof(7));
        cache.record_proof(7);
        assert!(cache.has_proof(7));
        assert!(!cache.has_proof(8));
        let entry = cache.entry(7);
        let text = std::fs::read_to_string(&entry).expect("entry");
        for damaged in [&text[..text.len() / 2], "", "garbage\n"] {
            std::fs::write(&entry, damaged).expect("write");
            assert!(!cache.has_proof(7), "{damaged:?}");
        }
        // An intact entry of another key, copied over, is not this key's proof.
        cache.record_proof(9);
        std::fs::copy(cache.entry(9), &entry).expect("copy");
        assert!(!cache.has_proof(7));
        cache.record_proof(7);
        assert!(cache.has_proof(7));
    }

    #[test]
    fn a_folder_outside_the_repository_is_refused() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        for bad in ["../cache", "/tmp/cache", "a/../../b", ""] {
            assert!(
                VerdictCache::open(dir.path(), Path::new(bad)).is_err(),
                "{bad}"
            );
        }
    }
}
