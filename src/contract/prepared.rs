//! Prepared schemas: the engine set up for one repository, with each schema file read, bundled
//! and prepared once per run and shared by verify, lint, governance and the gate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::contract::repo::Repository;
use crate::schema::{Engine, EngineOptions, PreparedSchema};

/// The engine, set up for a repository, with each schema prepared once.
pub struct Schemas<'r> {
    repo: &'r Repository,
    engine: Engine,
    prepared: BTreeMap<PathBuf, Result<PreparedSchema, String>>,
}

/// Engine settings for a repository (draft default and format assertion from `seam.yaml`).
pub fn engine_options(repo: &Repository) -> EngineOptions {
    EngineOptions {
        validate_formats: repo.config.defaults.assert_formats,
        default_draft: repo.config.defaults.draft,
        ..EngineOptions::default()
    }
}

impl<'r> Schemas<'r> {
    /// An engine for `repo`.
    pub fn new(repo: &'r Repository) -> Self {
        Self {
            repo,
            engine: Engine::new(engine_options(repo)),
            prepared: BTreeMap::new(),
        }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The prepared schema of a repository file (inlined, then prepared once).
    pub fn get(&mut self, path: &Path) -> Result<PreparedSchema, String> {
        if let Some(p) = self.prepared.get(path) {
            return p.clone();
        }
        let result = self
            .repo
            .schemas
            .inline(path)
            .map_err(|e| e.message)
            .and_then(|doc| self.engine.prepare(&doc).map_err(|e| e.to_string()));
        self.prepared.insert(path.to_path_buf(), result.clone());
        result
    }
}
