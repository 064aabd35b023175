//! The persistent verdict cache (`--cache-dir`, default `.seam/cache` in the repository): proofs
//! that one schema document accepts no more than another (`a ⊆ b`), kept between runs so CI can
//! restore them and an unchanged pair costs a lookup.
//!
//! Only proofs are kept: a refutation or an undecided question carries a counterexample or a
//! reason that a finding shows, and is recomputed (they are the few pairs that report). A proof's
//! key is the XXH3-128 hash of seam's version, the engine options and the content hashes of both
//! documents, so a changed schema, option or seam release never meets an old answer.
//!
//! The proofs a run adds are written when it ends, as one segment file (`verdicts/*.seg`, a line
//! per proof: its key and a checksum of it), not a file per proof: a cold run over a thousand
//! contracts writes one file instead of ten thousand. The segments are read once, on the first
//! lookup; a line that does not check out (truncated, corrupt, copied from another key) is
//! ignored, and the proof is found again and written anew. Past [`MAX_SEGMENTS`] segments, a
//! run writes the union of all and removes those it read. Deleting the folder is always safe.
//!
//! A cache folder that git tracks is refused: committed entries would be proofs a pull request
//! wrote itself.

use std::collections::{BTreeSet, HashSet};
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The first line of every segment.
const MAGIC: &str = "seam-verdict-cache 2";

/// Segments kept before a run merges them into one.
pub const MAX_SEGMENTS: usize = 16;

/// Largest segment read: anything larger is not one of ours (a line is 50 bytes).
const MAX_SEGMENT_BYTES: u64 = 64 << 20;

/// A verdict cache in a folder inside the repository. Clones share one cache: proofs recorded
/// through any clone are written when the last one is dropped.
#[derive(Debug, Clone)]
pub struct VerdictCache {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// The `verdicts` folder.
    dir: PathBuf,
    /// What the segments held when first asked, and the segments read.
    known: OnceLock<(HashSet<u128>, Vec<PathBuf>)>,
    /// Proofs found in this run, not yet in a segment.
    recorded: Mutex<BTreeSet<u128>>,
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

/// The line of proof `key` in a segment.
fn line(key: u128) -> String {
    let sum = xxhash_rust::xxh3::xxh3_64(format!("{MAGIC} {key:032x}").as_bytes());
    format!("{key:032x} {sum:016x}\n")
}

/// The proofs of one segment's text whose lines check out (none unless it starts with
/// [`MAGIC`]).
fn proofs_in(text: &str) -> impl Iterator<Item = u128> + '_ {
    let mut lines = text.split_inclusive('\n');
    let valid = lines.next() == Some(&format!("{MAGIC}\n"));
    lines.filter(move |_| valid).filter_map(|l| {
        let key = u128::from_str_radix(l.get(..32)?, 16).ok()?;
        (line(key) == l).then_some(key)
    })
}

impl VerdictCache {
    /// The cache in `rel` (relative to the repository `root`, e.g. `.seam/cache`). A folder
    /// that leaves the repository, passes through a symbolic link, or that git tracks, is
    /// refused.
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
        if let Ok(git) = crate::git::GitRepo::open(root)
            && git.tracks_below(rel).unwrap_or(true)
        {
            return Err(format!(
                "cache folder `{}` holds files git tracks: committed proofs would be trusted without being proved",
                rel.display()
            ));
        }
        Ok(Self {
            inner: Arc::new(Inner {
                dir: root.join(rel).join("verdicts"),
                known: OnceLock::new(),
                recorded: Mutex::new(BTreeSet::new()),
            }),
        })
    }

    /// The proofs the segments hold, read on first use.
    fn known(&self) -> &(HashSet<u128>, Vec<PathBuf>) {
        self.inner.known.get_or_init(|| {
            let mut keys = HashSet::new();
            let mut segments = Vec::new();
            let entries = std::fs::read_dir(&self.inner.dir).into_iter().flatten();
            for entry in entries.flatten() {
                let path = entry.path();
                // Regular files only (never a link), of a segment's size.
                let ok = path.extension().is_some_and(|e| e == "seg")
                    && std::fs::symlink_metadata(&path)
                        .is_ok_and(|m| m.file_type().is_file() && m.len() <= MAX_SEGMENT_BYTES);
                if !ok {
                    continue;
                }
                if let Ok(text) = std::fs::read_to_string(&path) {
                    keys.extend(proofs_in(&text));
                }
                segments.push(path);
            }
            segments.sort();
            (keys, segments)
        })
    }

    /// Whether the proof `key` is recorded (in an intact line, or earlier in this run).
    pub fn has_proof(&self, key: u128) -> bool {
        self.known().0.contains(&key)
            || self
                .inner
                .recorded
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .contains(&key)
    }

    /// Records the proof `key`, written when the run ends.
    pub fn record_proof(&self, key: u128) {
        if !self.known().0.contains(&key) {
            self.inner
                .recorded
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(key);
        }
    }
}

impl Drop for Inner {
    /// Writes the run's proofs as one segment (all of them, and the old segments removed, past
    /// [`MAX_SEGMENTS`]). Failures (a read-only checkout) only cost the next run time.
    fn drop(&mut self) {
        let recorded = std::mem::take(
            self.recorded
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner),
        );
        if recorded.is_empty() {
            return;
        }
        let (known, read) = self.known.take().unwrap_or_default();
        let merge = read.len() >= MAX_SEGMENTS;
        let mut keys = recorded;
        if merge {
            keys.extend(known);
        }
        let mut text = format!("{MAGIC}\n");
        for key in &keys {
            text.push_str(&line(*key));
        }
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        // Named by content (the same proofs, the same file); written aside, then renamed, so a
        // reader never sees half a segment.
        let name = format!("{:032x}.seg", xxhash_rust::xxh3::xxh3_128(text.as_bytes()));
        let Ok(mut tmp) = tempfile::NamedTempFile::new_in(&self.dir) else {
            return;
        };
        if tmp.write_all(text.as_bytes()).is_err() || tmp.persist(self.dir.join(&name)).is_err() {
            return;
        }
        if merge {
            for old in read.iter().filter(|p| !p.ends_with(&name)) {
                let _ = std::fs::remove_file(old);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(root: &Path) -> VerdictCache {
        VerdictCache::open(root, Path::new(".seam/cache")).expect("opens")
    }

    fn segments(root: &Path) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(root.join(".seam/cache/verdicts"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_proof_is_found_once_recorded_and_a_damaged_line_is_not() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let cache = open(dir.path());
        assert!(!cache.has_proof(7));
        cache.record_proof(7);
        cache.record_proof(9);
        assert!(cache.has_proof(7), "found in the run that recorded it");
        drop(cache);
        let [segment] = segments(dir.path())
            .try_into()
            .expect("one segment per run");
        let cache = open(dir.path());
        assert!(cache.has_proof(7) && cache.has_proof(9) && !cache.has_proof(8));
        drop(cache);
        let text = std::fs::read_to_string(&segment).expect("segment");
        let line_of = |key: u128| line(key);
        let seven = line_of(7);
        let nine = line_of(9);
        // Truncated, emptied, a line of another key under this key, garbage: 7 is not proved.
        let forged = format!("{:032x}{}", 7, &nine[32..]);
        let at = text.find(&seven).expect("7's line");
        for damaged in [
            text[..at + seven.len() / 2].to_owned(),
            String::new(),
            text.replace(&seven, &forged),
            text.replace(&seven, "garbage\n"),
            text.replacen(MAGIC, "seam-verdict-cache 1", 1),
        ] {
            std::fs::write(&segment, &damaged).expect("write");
            let cache = open(dir.path());
            assert!(!cache.has_proof(7), "{damaged:?}");
        }
        // Found again, it is written again.
        let cache = open(dir.path());
        cache.record_proof(7);
        drop(cache);
        assert!(open(dir.path()).has_proof(7));
    }

    #[test]
    fn segments_past_the_limit_merge_into_one() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        for key in 0..u128::try_from(MAX_SEGMENTS).expect("small") {
            let cache = open(dir.path());
            assert!(!cache.has_proof(key));
            cache.record_proof(key);
        }
        assert_eq!(segments(dir.path()).len(), MAX_SEGMENTS);
        let cache = open(dir.path());
        cache.record_proof(1000);
        drop(cache);
        assert_eq!(segments(dir.path()).len(), 1, "merged");
        let cache = open(dir.path());
        for key in (0..u128::try_from(MAX_SEGMENTS).expect("small")).chain([1000]) {
            assert!(cache.has_proof(key), "{key}");
        }
    }

    #[test]
    fn a_cache_folder_git_tracks_is_refused() {
        let dir = tempfile::TempDir::new().expect("tempdir");
        let repo = git2::Repository::init(dir.path()).expect("git init");
        let cache = open(dir.path());
        cache.record_proof(7);
        drop(cache);
        let [segment] = segments(dir.path()).try_into().expect("one segment");
        let rel = segment.strip_prefix(dir.path()).expect("inside");
        let mut index = repo.index().expect("index");
        index.add_path(rel).expect("add");
        index.write().expect("write index");
        let refused = VerdictCache::open(dir.path(), Path::new(".seam/cache"))
            .expect_err("a tracked cache is refused");
        assert!(refused.contains("git tracks"), "{refused}");
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
