//! Prepared schemas: the engine set up for one repository, with each schema file read, bundled
//! and prepared once per run and shared by verify, lint, governance and the gate.
//!
//! Everything here is keyed by content, not by path: two files with the same bundled document
//! (a shared `$ref`'d file, a version re-published unchanged, a copied expectation) are
//! prepared once, and a question asked about the same pair of documents (one version read by
//! many consumers) is decided once. The key of a document is the 128-bit XXH3 hash of its
//! serialized JSON; the key of a question adds its mode and the engine options, so answers never cross settings.

use std::collections::HashMap;
use std::hash::Hash;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde_json::Value;

use crate::contract::cache::VerdictCache;
use crate::contract::repo::Repository;
use crate::schema::{Comparison, Engine, EngineOptions, Mode, PreparedSchema, Subset, Verdict};

pub use crate::schema::content_hash;

/// A map whose every entry is computed once: the first thread to ask computes it, a thread
/// asking meanwhile waits for that answer rather than computing it again.
type OnceMap<K, V> = Mutex<HashMap<K, Arc<OnceLock<V>>>>;

/// The entry of `key`, made empty when it is new. The lock is held only to find the entry.
fn entry<K: Hash + Eq, V>(map: &OnceMap<K, V>, key: K) -> Arc<OnceLock<V>> {
    let mut map = map.lock().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(map.entry(key).or_default())
}

/// What one run has prepared and decided, shared by every thread of the run.
#[derive(Default)]
struct Store {
    /// Path → content hash of its bundled document, or why it does not bundle. A repository
    /// file was compiled by `seam verify` (or `seam lint`) before any question is asked: its
    /// validator is built only when a value is validated against it (see
    /// [`crate::schema::Engine::prepare_deferred`]).
    by_path: OnceMap<PathBuf, Result<u128, String>>,
    /// Content hash → the prepared document.
    by_hash: OnceMap<u128, Result<PreparedSchema, String>>,
    /// `a ⊆ b` by both documents' content hashes.
    subsets: OnceMap<(u128, u128), Subset>,
    /// `old` against `new` under a mode, by both documents' content hashes.
    comparisons: OnceMap<(u128, u128, Mode), Comparison>,
    /// Questions answered from the memo or the persistent cache rather than by the engine.
    hits: AtomicUsize,
}

/// The engine, set up for a repository, with each schema prepared once. Clones share what is
/// prepared and decided (one store per run, whichever thread asks), so a worker thread takes
/// a clone.
#[derive(Clone)]
pub struct Schemas<'r> {
    repo: &'r Repository,
    engine: Engine,
    /// The key of the engine options, part of every persistent proof's key.
    options_key: u128,
    store: Arc<Store>,
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
            store: Arc::default(),
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

    /// How many questions were answered from the memo or the persistent cache (the same
    /// number for any number of threads: each question is decided once).
    pub fn memo_hits(&self) -> usize {
        self.store.hits.load(Ordering::Relaxed)
    }

    /// `work` over every item, in parallel (rayon), results in the items' order, so the output
    /// is the same for any number of threads. Each worker takes a clone: clones share one
    /// store, so a schema is prepared, and a question decided, once whichever thread asks.
    pub fn map_in_order<T: Sync, R: Send>(
        &mut self,
        items: &[T],
        work: impl Fn(&mut Schemas<'r>, &T) -> R + Sync,
    ) -> Vec<R> {
        use rayon::prelude::*;
        if rayon::current_num_threads() <= 1 {
            return items.iter().map(|item| work(self, item)).collect();
        }
        let shared: &Schemas<'r> = self;
        items
            .par_iter()
            .map_init(|| shared.clone(), |schemas, item| work(schemas, item))
            .collect()
    }

    /// The prepared document of `hash`, prepared from `doc` when it is new.
    fn prepared(&self, hash: u128, doc: &Value) -> Result<PreparedSchema, String> {
        entry(&self.store.by_hash, hash)
            .get_or_init(|| self.engine.prepare(doc).map_err(|e| e.to_string()))
            .clone()
    }

    /// The prepared schema of a repository file (bundled, then prepared once per content, or
    /// again after [`Schemas::forget`]).
    pub fn get(&mut self, path: &Path) -> Result<PreparedSchema, String> {
        let mut bundled = None;
        let hash = entry(&self.store.by_path, path.to_path_buf())
            .get_or_init(|| match self.repo.schemas.inline(path) {
                Ok(doc) => {
                    let hash = content_hash(&doc);
                    bundled = Some(doc);
                    Ok(hash)
                }
                Err(e) => Err(e.message),
            })
            .clone()?;
        entry(&self.store.by_hash, hash)
            .get_or_init(|| {
                // Bundling is deterministic: a file that bundled once bundles again.
                let doc = match bundled.take() {
                    Some(doc) => doc,
                    None => self.repo.schemas.inline(path).map_err(|e| e.message)?,
                };
                self.engine
                    .prepare_deferred(&doc)
                    .map_err(|e| e.to_string())
            })
            .clone()
    }

    /// Forgets the prepared schemas of `paths` (a contract's schemas once its questions are
    /// answered), so that memory holds the schemas of the contracts in flight, not every schema
    /// of the run. Asked for again, a schema is prepared again, to the same result; verdicts
    /// stay remembered (they are keyed by content).
    pub fn forget<'p>(&self, paths: impl IntoIterator<Item = &'p Path>) {
        for path in paths {
            let known = self
                .store
                .by_path
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(path)
                .and_then(|cell| cell.get().cloned());
            if let Some(Ok(hash)) = known {
                self.store
                    .by_hash
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .remove(&hash);
            }
        }
    }

    /// A self-contained document prepared once per content (a canonical key's definition, a
    /// property cut out of a schema).
    pub fn prepare(&mut self, doc: &Value) -> Result<PreparedSchema, String> {
        self.prepared(content_hash(doc), doc)
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
        let key = (a.content_hash(), b.content_hash());
        let mut decided = false;
        let cell = entry(&self.store.subsets, key);
        let known = cell.get_or_init(|| {
            let proof = self
                .cache
                .as_ref()
                .map(|c| (c, self.proof_key(key.0, key.1)));
            if let Some((cache, proof)) = proof
                && cache.has_proof(proof)
            {
                return Subset::Yes;
            }
            decided = true;
            let answer = self.engine.subset_labeled(a, b, a_label, b_label);
            if let (Some((cache, proof)), Subset::Yes) = (proof, &answer) {
                cache.record_proof(proof);
            }
            answer
        });
        if decided {
            return known.clone();
        }
        self.store.hits.fetch_add(1, Ordering::Relaxed);
        let mut answer = known.clone();
        if let Subset::No(c) = &mut answer {
            a_label.clone_into(&mut c.accepted_by);
            b_label.clone_into(&mut c.rejected_by);
        }
        answer
    }

    /// `old` against `new` under `mode`, decided once per pair of documents and mode.
    pub fn compare(
        &mut self,
        old: &PreparedSchema,
        new: &PreparedSchema,
        mode: Mode,
    ) -> Comparison {
        let key = (old.content_hash(), new.content_hash(), mode);
        let mut decided = false;
        let cell = entry(&self.store.comparisons, key);
        let known = cell.get_or_init(|| {
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
                // Every direction proved in an earlier run: compatible, as the engine decides
                // when each direction is a proof; the structural changes are listed anew (no
                // proof).
                return Comparison {
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
            }
            decided = true;
            let answer = self.engine.compare(old, new, mode);
            if let Some(cache) = &self.cache
                && answer.verdict == Verdict::Compatible
            {
                for &(a, b) in &directions {
                    cache.record_proof(self.proof_key(a, b));
                }
            }
            answer
        });
        if !decided {
            self.store.hits.fetch_add(1, Ordering::Relaxed);
        }
        known.clone()
    }
}
