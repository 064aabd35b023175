//! Prepared schemas: the engine set up for one repository, with each schema file read, bundled
//! and prepared once per run and shared by verify, lint, governance and the gate.
//!
//! Everything here is keyed by content, not by path: two files with the same bundled document
//! (a shared `$ref`'d file, a version re-published unchanged, a copied expectation) are
//! prepared once, and a question asked about the same pair of documents (one version read by
//! many consumers) is decided once. The key of a document is the 128-bit XXH3 hash of its
//! serialized JSON; the key of a question adds its mode and the engine options, so answers never cross settings.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::contract::cache::VerdictCache;
use crate::contract::repo::Repository;
use crate::schema::{Comparison, Engine, EngineOptions, Mode, PreparedSchema, Subset, Verdict};

/// The content hash of a JSON document (XXH3, 128 bits, over its serialized bytes).
pub fn content_hash(doc: &Value) -> u128 {
    let bytes = serde_json::to_vec(doc).unwrap_or_default();
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

/// The engine, set up for a repository, with each schema prepared once.
pub struct Schemas<'r> {
    repo: &'r Repository,
    engine: Engine,
    /// The key of the engine options, part of every question's key.
    options_key: u128,
    /// Path → content hash of its bundled document, or why it does not bundle or prepare.
    by_path: BTreeMap<PathBuf, Result<u128, String>>,
    /// Content hash → the prepared document.
    by_hash: BTreeMap<u128, Result<PreparedSchema, String>>,
    subsets: BTreeMap<(u128, u128, u128), Subset>,
    comparisons: BTreeMap<(u128, u128, u128, Mode), Comparison>,
    /// Questions answered from the memo rather than by the engine.
    hits: usize,
    /// Proofs kept between runs, when a cache folder is in use.
    cache: Option<VerdictCache>,
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
        let options = engine_options(repo);
        // The options' debug form names every setting (drafts, formats, each budget).
        let options_key = xxhash_rust::xxh3::xxh3_128(format!("{options:?}").as_bytes());
        Self {
            repo,
            engine: Engine::new(options),
            options_key,
            by_path: BTreeMap::new(),
            by_hash: BTreeMap::new(),
            subsets: BTreeMap::new(),
            comparisons: BTreeMap::new(),
            hits: 0,
            cache: None,
        }
    }

    /// The same, keeping proofs in `cache` between runs.
    #[must_use]
    pub fn with_cache(mut self, cache: Option<VerdictCache>) -> Self {
        self.cache = cache;
        self
    }

    /// The repository.
    pub fn repo(&self) -> &'r Repository {
        self.repo
    }

    /// The persistent cache in use, if any.
    pub fn cache(&self) -> Option<&VerdictCache> {
        self.cache.as_ref()
    }

    /// The key of `a ⊆ b` in the persistent cache: seam's version, the engine options and both
    /// documents' content.
    fn proof_key(&self, a: u128, b: u128) -> u128 {
        let text = format!(
            "{} {:032x} {a:032x} {b:032x}",
            env!("CARGO_PKG_VERSION"),
            self.options_key
        );
        xxhash_rust::xxh3::xxh3_128(text.as_bytes())
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// How many questions were answered from the memo.
    pub fn memo_hits(&self) -> usize {
        self.hits
    }

    /// The prepared schema of a repository file (bundled, then prepared once per content).
    pub fn get(&mut self, path: &Path) -> Result<PreparedSchema, String> {
        let hash = if let Some(known) = self.by_path.get(path) {
            known.clone()?
        } else {
            let hash = match self.repo.schemas.inline(path) {
                Ok(doc) => {
                    let hash = content_hash(&doc);
                    if !self.by_hash.contains_key(&hash) {
                        let prepared = self.engine.prepare(&doc).map_err(|e| e.to_string());
                        self.by_hash.insert(hash, prepared);
                    }
                    Ok(hash)
                }
                Err(e) => Err(e.message),
            };
            self.by_path.insert(path.to_path_buf(), hash.clone());
            hash?
        };
        self.by_hash
            .get(&hash)
            .cloned()
            .unwrap_or_else(|| Err("schema was not prepared".to_owned()))
    }

    /// A self-contained document prepared once per content (a canonical key's definition, a
    /// property cut out of a schema).
    pub fn prepare(&mut self, doc: &Value) -> Result<PreparedSchema, String> {
        let hash = content_hash(doc);
        if let Some(known) = self.by_hash.get(&hash) {
            return known.clone();
        }
        let prepared = self.engine.prepare(doc).map_err(|e| e.to_string());
        self.by_hash.insert(hash, prepared.clone());
        prepared
    }

    /// `a ⊆ b`, decided once per pair of documents.
    pub fn is_subset(&mut self, a: &PreparedSchema, b: &PreparedSchema) -> Subset {
        self.subset_labeled(a, b, "a", "b")
    }

    /// `a ⊆ b` with the labels a counterexample names its sides by, decided once per pair of
    /// documents: the labels only name the sides (`accepted_by` is always `a`'s label and
    /// `rejected_by` `b`'s), so a remembered answer is relabelled, never recomputed.
    pub fn subset_labeled(
        &mut self,
        a: &PreparedSchema,
        b: &PreparedSchema,
        a_label: &str,
        b_label: &str,
    ) -> Subset {
        let key = (
            content_hash(a.document()),
            content_hash(b.document()),
            self.options_key,
        );
        if let Some(known) = self.subsets.get(&key) {
            self.hits += 1;
            let mut answer = known.clone();
            if let Subset::No(c) = &mut answer {
                a_label.clone_into(&mut c.accepted_by);
                b_label.clone_into(&mut c.rejected_by);
            }
            return answer;
        }
        let proof = self
            .cache
            .as_ref()
            .map(|c| (c, self.proof_key(key.0, key.1)));
        if let Some((cache, proof)) = proof
            && cache.has_proof(proof)
        {
            self.hits += 1;
            self.subsets.insert(key, Subset::Yes);
            return Subset::Yes;
        }
        let answer = self.engine.subset_labeled(a, b, a_label, b_label);
        if let (Some((cache, proof)), Subset::Yes) = (proof, &answer) {
            cache.record_proof(proof);
        }
        self.subsets.insert(key, answer.clone());
        answer
    }

    /// `old` against `new` under `mode`, decided once per pair of documents and mode.
    pub fn compare(
        &mut self,
        old: &PreparedSchema,
        new: &PreparedSchema,
        mode: Mode,
    ) -> Comparison {
        let key = (
            content_hash(old.document()),
            content_hash(new.document()),
            self.options_key,
            mode,
        );
        if let Some(known) = self.comparisons.get(&key) {
            self.hits += 1;
            return known.clone();
        }
        // The directions the mode asks: (sub, super) content hashes.
        let mut directions = Vec::new();
        if matches!(mode, Mode::Backward | Mode::Full) {
            directions.push((key.0, key.1));
        }
        if matches!(mode, Mode::Forward | Mode::Full) {
            directions.push((key.1, key.0));
        }
        if let Some(cache) = &self.cache
            && directions
                .iter()
                .all(|&(a, b)| cache.has_proof(self.proof_key(a, b)))
        {
            // Every direction proved in an earlier run: compatible, as the engine decides when
            // each direction is a proof; the structural changes are listed anew (no proof).
            self.hits += 1;
            let answer = Comparison {
                verdict: Verdict::Compatible,
                mode,
                changes: crate::schema::diff::structural_changes_in(
                    old.document(),
                    new.document(),
                    self.engine.options().default_draft,
                ),
                counterexample: None,
                unknown: Vec::new(),
            };
            self.comparisons.insert(key, answer.clone());
            return answer;
        }
        let answer = self.engine.compare(old, new, mode);
        if let Some(cache) = &self.cache
            && answer.verdict == Verdict::Compatible
        {
            for &(a, b) in &directions {
                cache.record_proof(self.proof_key(a, b));
            }
        }
        self.comparisons.insert(key, answer.clone());
        answer
    }
}
