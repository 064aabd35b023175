//! Files at a git revision, read straight from the object database (no checkout), with the
//! checks a CI gate needs: shallow clones and missing refs are errors with the exact fix, never
//! a silent pass.

use std::path::{Path, PathBuf};

use git2::{ObjectType, Oid, Repository, TreeWalkMode, TreeWalkResult};

mod changes;

pub use changes::Changes;

/// Largest total size exported from one revision.
const MAX_EXPORT_BYTES: u64 = 1024 * 1024 * 1024;
/// Most files exported from one revision.
const MAX_EXPORT_FILES: usize = 500_000;

/// Why a revision could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GitError {
    /// The folder is not inside a git repository.
    #[error("`{0}` is not inside a git repository")]
    NotARepository(String),
    /// The revision does not exist.
    #[error("revision `{0}` not found")]
    RevisionNotFound(String),
    /// Anything else libgit2 reports.
    #[error("git: {0}")]
    Other(String),
    /// The revision is larger than seam's budget.
    #[error("revision `{0}` holds more than seam reads (over {1})")]
    TooLarge(String, String),
    /// `HEAD` and the revision share no commit in the history at hand (the second field says
    /// whether the clone is shallow, the usual reason).
    #[error("`{0}` and `HEAD` have no merge base in this clone")]
    NoMergeBase(String, bool),
}

impl GitError {
    /// How to fix it.
    pub fn help(&self) -> String {
        match self {
            Self::NotARepository(_) => "run seam inside a clone of the contract repository, or drop `--against`/`--since`".to_owned(),
            Self::RevisionNotFound(rev) => format!(
                "fetch it first (`git fetch origin {}`; GitHub Actions: `actions/checkout` with `fetch-depth: 0`), or name an existing branch, tag or commit",
                rev.strip_prefix("origin/").unwrap_or(rev)
            ),
            Self::Other(_) => "check the repository with `git status` and `git fsck`".to_owned(),
            Self::TooLarge(..) => "keep large files out of the contract repository".to_owned(),
            Self::NoMergeBase(rev, true) => format!(
                "the shallow clone stops before the commit the branch started from: fetch more history (`git fetch --deepen=100 origin {}` or `git fetch --unshallow`; GitHub Actions: `actions/checkout` with `fetch-depth: 0`)",
                rev.strip_prefix("origin/").unwrap_or(rev)
            ),
            Self::NoMergeBase(..) => "compare with a revision that shares history with `HEAD` (the branch the change will merge into)".to_owned(),
        }
    }
}

fn other(e: &git2::Error) -> GitError {
    GitError::Other(e.message().to_owned())
}

/// A git repository holding a contract repository (possibly in a sub-folder).
pub struct GitRepo {
    repo: Repository,
    /// The contract repository's folder relative to the git work tree.
    prefix: PathBuf,
}

/// A resolved revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// As the user named it.
    pub name: String,
    /// The commit.
    pub commit: Oid,
    /// Abbreviated commit id, 12 characters.
    pub short: String,
    /// Abbreviated id of the commit `name` points at: `short` itself, unless this revision is
    /// the merge base of `name` and `HEAD`.
    pub tip: String,
    /// The commit `name` points at: `commit` itself, unless this revision is the merge base.
    pub tip_commit: Oid,
}

/// Turns off libgit2's check that the repository belongs to the current user, once.
///
/// Container CI often checks out as one user and runs as another ("dubious ownership"); seam
/// only reads, so the check protects nothing here.
fn allow_any_owner() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[expect(unsafe_code, reason = "git2 marks this global option unsafe because it must not race other libgit2 calls; `Once` runs it before seam opens any repository")]
        // SAFETY: called once, before any repository is opened by this process.
        let _ = unsafe { git2::opts::set_verify_owner_validation(false) };
    });
}

impl GitRepo {
    /// Opens the git repository containing `dir`.
    pub fn open(dir: &Path) -> Result<Self, GitError> {
        allow_any_owner();
        let shown = dir.display().to_string();
        let repo =
            Repository::discover(dir).map_err(|_| GitError::NotARepository(shown.clone()))?;
        let workdir = repo
            .workdir()
            .ok_or_else(|| GitError::NotARepository(shown.clone()))?;
        let abs_dir = dir
            .canonicalize()
            .map_err(|_| GitError::NotARepository(shown.clone()))?;
        let abs_work = workdir
            .canonicalize()
            .map_err(|_| GitError::NotARepository(shown))?;
        let prefix = abs_dir
            .strip_prefix(&abs_work)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        Ok(Self { repo, prefix })
    }

    /// The commit `HEAD` points at (full ID); `None` on an unborn branch.
    pub fn head(&self) -> Option<String> {
        let commit = self.repo.head().ok()?.peel_to_commit().ok()?;
        Some(commit.id().to_string())
    }

    /// The opened folder relative to the repository's working tree root (empty when it is the
    /// root): seam.yaml need not sit at the top of a monorepo.
    pub fn prefix(&self) -> &Path {
        &self.prefix
    }

    /// Whether git tracks (in the index) a file at or below `rel`, relative to the opened
    /// folder.
    pub fn tracks_below(&self, rel: &Path) -> Result<bool, GitError> {
        let index = self.repo.index().map_err(|e| other(&e))?;
        let below = self.prefix.join(rel);
        Ok(index.iter().any(|entry| {
            std::str::from_utf8(&entry.path).is_ok_and(|p| Path::new(p).starts_with(&below))
        }))
    }

    /// Whether the clone is shallow.
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// Resolves a branch, tag, SHA or `origin/main` to a commit. Reading one revision's files
    /// needs no history, so a shallow clone that holds the commit is fine.
    pub fn resolve(&self, name: &str) -> Result<Revision, GitError> {
        let object = self
            .repo
            .revparse_single(name)
            .map_err(|_| GitError::RevisionNotFound(name.to_owned()))?;
        let commit = object
            .peel_to_commit()
            .map_err(|_| GitError::RevisionNotFound(name.to_owned()))?;
        let id = commit.id();
        let short: String = id.to_string().chars().take(12).collect();
        Ok(Revision {
            name: name.to_owned(),
            commit: id,
            tip: short.clone(),
            tip_commit: id,
            short,
        })
    }

    /// The merge base of `rev` and `HEAD`: the commit a pull request (and `git diff REV...HEAD`)
    /// compares with. The returned revision keeps `rev`'s name and its `tip`.
    ///
    /// A shallow clone works when it holds the merge base: a commit reachable from both tips in
    /// the history at hand is a common ancestor in the full history too. When the clone does
    /// not hold one (or the histories never met) the answer is [`GitError::NoMergeBase`], never
    /// a guess.
    pub fn merge_base_with_head(&self, rev: &Revision) -> Result<Revision, GitError> {
        let head = self
            .repo
            .head()
            .and_then(|h| h.peel_to_commit())
            .map_err(|_| GitError::RevisionNotFound("HEAD".to_owned()))?;
        let shallow = self.repo.is_shallow();
        let base = self
            .repo
            .merge_base(rev.commit, head.id())
            .map_err(|e| match e.code() {
                git2::ErrorCode::NotFound => GitError::NoMergeBase(rev.name.clone(), shallow),
                _ => other(&e),
            })?;
        Ok(Revision {
            name: rev.name.clone(),
            commit: base,
            short: base.to_string().chars().take(12).collect(),
            tip: rev.tip.clone(),
            tip_commit: rev.tip_commit,
        })
    }

    /// Tags matching a glob pattern, newest commit first (ties by name), for `--since` defaults.
    pub fn tags_matching(&self, pattern: &str) -> Result<Vec<Revision>, GitError> {
        let names = self.repo.tag_names(Some(pattern)).map_err(|e| other(&e))?;
        let mut out = Vec::new();
        for name in names.iter().flatten().flatten() {
            if let Ok(rev) = self.resolve(name) {
                let time = self
                    .repo
                    .find_commit(rev.commit)
                    .map_or(0, |c| c.time().seconds());
                out.push((time, rev));
            }
        }
        out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.name.cmp(&b.1.name)));
        Ok(out.into_iter().map(|(_, r)| r).collect())
    }

    /// Writes the contract repository's files as they are at `rev` into `dest` (a fresh
    /// folder), reading blobs from the object database. Symbolic links are written as
    /// symbolic links with their stored target, so reading the revision follows the same
    /// rules as the working tree (a link must lead to a regular file inside the repository);
    /// submodules are skipped. Returns the number of files written.
    pub fn export(&self, rev: &Revision, dest: &Path) -> Result<usize, GitError> {
        self.export_where(rev, dest, &|_, _| true)
    }

    /// [`GitRepo::export`] limited to the paths `keep` accepts: it is asked about each folder
    /// (`true` as its second argument; a folder refused is not read at all) and each file, with
    /// paths relative to the contract repository. The same rules apply to what is written.
    pub fn export_where(
        &self,
        rev: &Revision,
        dest: &Path,
        keep: &dyn Fn(&Path, bool) -> bool,
    ) -> Result<usize, GitError> {
        let commit = self.repo.find_commit(rev.commit).map_err(|e| other(&e))?;
        let mut tree = commit.tree().map_err(|e| other(&e))?;
        if !self.prefix.as_os_str().is_empty() {
            match tree.get_path(&self.prefix) {
                Ok(entry) => {
                    let object = entry.to_object(&self.repo).map_err(|e| other(&e))?;
                    match object.into_tree() {
                        Ok(t) => tree = t,
                        Err(_) => return Ok(0),
                    }
                }
                // The folder did not exist at that revision: nothing to export.
                Err(_) => return Ok(0),
            }
        }
        let mut files = 0usize;
        let mut bytes = 0u64;
        let mut failure: Option<GitError> = None;
        let real_dest = dest
            .canonicalize()
            .map_err(|e| GitError::Other(format!("cannot resolve `{}`: {e}", dest.display())))?;
        tree.walk(TreeWalkMode::PreOrder, |root, entry| {
            let Ok(name) = entry.name() else {
                return TreeWalkResult::Ok;
            };
            let rel = Path::new(root).join(name);
            match entry.kind() {
                Some(ObjectType::Tree) if !keep(&rel, true) => return TreeWalkResult::Skip,
                Some(ObjectType::Blob) if keep(&rel, false) => {}
                _ => return TreeWalkResult::Ok,
            }
            let blob = match self.repo.find_blob(entry.id()) {
                Ok(b) => b,
                Err(e) => {
                    failure = Some(other(&e));
                    return TreeWalkResult::Abort;
                }
            };
            files += 1;
            bytes += blob.size() as u64;
            if files > MAX_EXPORT_FILES || bytes > MAX_EXPORT_BYTES {
                failure = Some(GitError::TooLarge(
                    rev.name.clone(),
                    format!("{MAX_EXPORT_FILES} files or {} MiB", MAX_EXPORT_BYTES >> 20),
                ));
                return TreeWalkResult::Abort;
            }
            let target = dest.join(&rel);
            let written = target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| stays_inside(&real_dest, &target))
                .and_then(|()| {
                    if entry.filemode() == 0o120_000 {
                        write_link(&target, blob.content())
                    } else {
                        std::fs::write(&target, blob.content())
                    }
                });
            if let Err(e) = written {
                failure = Some(GitError::Other(format!(
                    "cannot write `{}`: {e}",
                    target.display()
                )));
                return TreeWalkResult::Abort;
            }
            TreeWalkResult::Ok
        })
        .map_err(|e| failure.clone().unwrap_or_else(|| other(&e)))?;
        match failure {
            Some(f) => Err(f),
            None => Ok(files),
        }
    }
}

/// Writes a symbolic link stored in git (its blob is the target path) as a symbolic link.
#[cfg(unix)]
fn write_link(at: &Path, target: &[u8]) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(target), at)
}

/// Without symbolic links, a link stored in git is left out, as a checkout would not make it
/// a regular file either; reading it then reports the file missing.
#[cfg(not(unix))]
fn write_link(_: &Path, _: &[u8]) -> std::io::Result<()> {
    Ok(())
}

/// Refuses to write `target` when something already sits there or a folder on its way is a
/// link leading out of `real_dest`: a crafted tree (a link and a folder of the same name, or a
/// name twice) must not make seam write through a link it has just exported.
fn stays_inside(real_dest: &Path, target: &Path) -> std::io::Result<()> {
    let parent = target
        .parent()
        .map_or(Ok(real_dest.to_path_buf()), Path::canonicalize)?;
    if !parent.starts_with(real_dest) || std::fs::symlink_metadata(target).is_ok() {
        return Err(std::io::Error::other(
            "the tree names this path twice or through a symbolic link",
        ));
    }
    Ok(())
}
