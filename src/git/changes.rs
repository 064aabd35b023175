//! What a change touches: the paths that differ between a revision and the working tree
//! (committed, staged, unstaged and untracked files alike, as the gate reads the working
//! tree), and the folder names a revision holds under `contracts/`, read from the object
//! database without a checkout.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use git2::{Delta, DiffOptions, FileMode, ObjectType};

use super::{GitError, GitRepo, Revision, other};

/// Paths that differ between a revision and the working tree, relative to the contract
/// repository's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files added, removed, edited or changed in type.
    pub files: BTreeSet<PathBuf>,
    /// Folders git does not track as a whole (untracked or ignored): everything below them
    /// counts as changed, as git does not list their files.
    pub folders: BTreeSet<PathBuf>,
    /// Whether a symbolic link is tracked (in the index) or among the changes. Where a link leads is not a path git compares (the file behind a link can
    /// change while the link does not), so paths alone cannot say what such a change touches.
    pub links: bool,
}

impl Changes {
    /// Whether the file at `path` changed: listed, or inside a folder listed as a whole.
    pub fn touches(&self, path: &Path) -> bool {
        self.files.contains(path) || self.folders.iter().any(|f| path.starts_with(f))
    }

    /// Whether anything at or below `dir` changed (or `dir` lies inside a changed folder).
    pub fn touches_below(&self, dir: &Path) -> bool {
        // Paths order by component, so the files below `dir` follow it directly.
        self.files
            .range(dir.to_path_buf()..)
            .next()
            .is_some_and(|p| p.starts_with(dir))
            || self
                .folders
                .iter()
                .any(|f| f.starts_with(dir) || dir.starts_with(f))
    }

    /// Number of paths listed (files and folders).
    pub fn len(&self) -> usize {
        self.files.len() + self.folders.len()
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.folders.is_empty()
    }
}

impl GitRepo {
    /// The paths of the contract repository that differ between `rev` and the working tree:
    /// what the gate would read differently now. Untracked and ignored folders are listed as
    /// folders (not walked); submodules are left out, as [`GitRepo::export`] leaves them out.
    pub fn changes_since(&self, rev: &Revision) -> Result<Changes, GitError> {
        let commit = self.repo.find_commit(rev.commit).map_err(|e| other(&e))?;
        let tree = commit.tree().map_err(|e| other(&e))?;
        let mut opts = DiffOptions::new();
        opts.include_untracked(true)
            .recurse_untracked_dirs(false)
            .include_ignored(true)
            .recurse_ignored_dirs(false)
            .include_typechange(true)
            .ignore_submodules(true);
        if !self.prefix.as_os_str().is_empty() {
            // A literal path (no glob matching): the folder and everything below it.
            opts.disable_pathspec_match(true)
                .pathspec(self.prefix.to_string_lossy().replace('\\', "/"));
        }
        let diff = self
            .repo
            .diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))
            .map_err(|e| other(&e))?;
        let mut changes = Changes::default();
        for delta in diff.deltas() {
            let whole_folder = matches!(delta.status(), Delta::Untracked | Delta::Ignored);
            for file in [delta.old_file(), delta.new_file()] {
                if file.mode() == FileMode::Link {
                    changes.links = true;
                }
                let Some(path) = file.path() else { continue };
                let Ok(rel) = path.strip_prefix(&self.prefix) else {
                    continue;
                };
                let folder = whole_folder && file.path_bytes().is_some_and(|b| b.ends_with(b"/"));
                if folder {
                    changes.folders.insert(rel.to_path_buf());
                } else {
                    changes.files.insert(rel.to_path_buf());
                }
            }
        }
        if !changes.links {
            changes.links = self.tracks_links()?;
        }
        Ok(changes)
    }

    /// Whether the index holds a symbolic link below the contract repository's folder. A link
    /// of the revision that the working tree no longer has shows in the diff itself.
    fn tracks_links(&self) -> Result<bool, GitError> {
        let index = self.repo.index().map_err(|e| other(&e))?;
        let prefix = self.prefix.to_string_lossy().replace('\\', "/");
        Ok(index.iter().any(|e| {
            e.mode == 0o120_000
                && (prefix.is_empty()
                    || e.path
                        .strip_prefix(prefix.as_bytes())
                        .is_some_and(|rest| rest.first() == Some(&b'/')))
        }))
    }

    /// Names of the folders under `contracts/` at `rev` (one tree read, no folder opened):
    /// the contracts a consumer file of that revision may name.
    pub fn contract_folders(&self, rev: &Revision) -> Result<BTreeSet<String>, GitError> {
        let commit = self.repo.find_commit(rev.commit).map_err(|e| other(&e))?;
        let tree = commit.tree().map_err(|e| other(&e))?;
        let Ok(entry) = tree.get_path(&self.prefix.join("contracts")) else {
            return Ok(BTreeSet::new());
        };
        let Ok(folder) = entry
            .to_object(&self.repo)
            .map_err(|e| other(&e))?
            .into_tree()
        else {
            return Ok(BTreeSet::new());
        };
        Ok(folder
            .iter()
            .filter(|e| e.kind() == Some(ObjectType::Tree))
            .filter_map(|e| e.name().ok().map(str::to_owned))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// A repository with `seam/` (the contract repository) and `other/` beside it, committed.
    fn committed() -> (tempfile::TempDir, Revision) {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path();
        put(root, "seam/seam.yaml", "version: 1\n");
        put(root, "seam/contracts/a/contract.yaml", "id: a\n");
        put(root, "seam/contracts/a/schemas/1.0.0.json", "{}");
        put(root, "seam/contracts/_common/money.json", "{}");
        put(root, "seam/consumers/x.yaml", "system: x\n");
        put(root, "other/readme.md", "hi");
        let repo = git2::Repository::init(root).unwrap();
        let mut index = repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.write().unwrap();
        let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
        let sig = git2::Signature::new("t", "t@example.com", &git2::Time::new(0, 0)).unwrap();
        repo.commit(Some("HEAD"), &sig, &sig, "base", &tree, &[])
            .unwrap();
        let git = GitRepo::open(&root.join("seam")).unwrap();
        let rev = git.resolve("HEAD").unwrap();
        (dir, rev)
    }

    fn paths(set: &BTreeSet<PathBuf>) -> Vec<String> {
        set.iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn lists_edits_removals_and_untracked_folders_below_the_contract_repository() {
        let (dir, rev) = committed();
        let root = dir.path();
        let git = GitRepo::open(&root.join("seam")).unwrap();
        assert!(git.changes_since(&rev).unwrap().is_empty());
        put(
            root,
            "seam/contracts/a/schemas/1.0.0.json",
            r#"{"type": "object"}"#,
        );
        std::fs::remove_file(root.join("seam/contracts/_common/money.json")).unwrap();
        put(root, "seam/contracts/b/contract.yaml", "id: b\n");
        put(root, "seam/consumers/y.yaml", "system: y\n");
        put(root, "other/readme.md", "changed outside");
        let changes = git.changes_since(&rev).unwrap();
        assert_eq!(
            paths(&changes.files),
            [
                "consumers/y.yaml",
                "contracts/_common/money.json",
                "contracts/a/schemas/1.0.0.json"
            ]
        );
        assert_eq!(paths(&changes.folders), ["contracts/b"]);
        assert!(!changes.links);
        assert!(changes.touches(Path::new("contracts/b/contract.yaml")));
        assert!(changes.touches_below(Path::new("contracts/a")));
        assert!(changes.touches_below(Path::new("contracts")));
        assert!(!changes.touches_below(Path::new("contracts/c")));
        assert!(!changes.touches_below(Path::new("systems")));
        assert!(!changes.touches(Path::new("contracts/a/contract.yaml")));
        assert_eq!(
            git.contract_folders(&rev).unwrap(),
            ["_common", "a"].map(str::to_owned).into()
        );
    }

    #[test]
    fn the_files_below_a_folder_follow_it_in_order() {
        let changes = Changes {
            files: ["contracts/a-b/x.json", "contracts/a/x.json", "contracts/ab"]
                .map(PathBuf::from)
                .into(),
            ..Changes::default()
        };
        assert!(changes.touches_below(Path::new("contracts/a")));
        assert!(changes.touches_below(Path::new("contracts/a-b")));
        assert!(!changes.touches_below(Path::new("contracts/a.b")));
        assert!(!changes.touches_below(Path::new("contracts/b")));
    }

    #[cfg(unix)]
    #[test]
    fn a_link_anywhere_is_reported() {
        let (dir, rev) = committed();
        let root = dir.path();
        std::os::unix::fs::symlink(
            "1.0.0.json",
            root.join("seam/contracts/a/schemas/1.1.0.json"),
        )
        .unwrap();
        let git = GitRepo::open(&root.join("seam")).unwrap();
        assert!(git.changes_since(&rev).unwrap().links);
    }
}
