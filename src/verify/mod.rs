//! `seam verify`: recorded example payloads against both sides of every contract.
//!
//! 1. each producer example against every schema version it claims (negative examples must be
//!    rejected, optionally by a named keyword or at a named instance path);
//! 2. every producer example of the versions a consumer uses against the consumer's expectation;
//! 3. every consumer example against each producer version in the consumer's range;
//! 4. idempotency keys: present in every valid example, never shared by two different payloads.
//!
//! Work goes contract by contract, in parallel: a contract's validators (its versions and the
//! expectations of the consumers using it) are compiled, its jobs run, and the validators are
//! dropped, so memory holds the validators of the contracts in flight, never all of them. Each
//! example file is one job that reads its payloads once and runs every check that concerns
//! them; a JSON-lines file is read in batches of lines validated in parallel, so memory holds a
//! batch, never the file. Results are merged in job order and sorted, whatever the thread count.

mod digest;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jsonschema::{ValidationError, Validator};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use crate::contract::load::syntax_error;
use crate::contract::repo::{
    LoadedConsumer, LoadedContract, LoadedExample, LoadedUse, LoadedVersion, Repository, matches,
};
use crate::error::{LoadError, LoadErrorKind, Location};
use crate::finding::{ConsumerRef, Finding, SchemaRef, Severity};
use crate::rules::RuleId;
use crate::source::{Document, JsonLines, RepoRoot, is_json_lines};

/// Counts of what was checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct VerifyStats {
    /// Contracts checked.
    pub contracts: usize,
    /// Schema versions compiled.
    pub versions: usize,
    /// Producer example payloads (positive and negative; each line of a JSON-lines file is one).
    pub producer_examples: usize,
    /// Consumer uses checked.
    pub consumer_uses: usize,
    /// Consumer example payloads (each line of a JSON-lines file is one).
    pub consumer_examples: usize,
    /// Validations run.
    pub validations: usize,
}

/// The outcome of `seam verify`.
#[derive(Debug, Clone, Default)]
pub struct VerifyOutcome {
    /// What failed, sorted.
    pub findings: Vec<Finding>,
    /// What was checked.
    pub stats: VerifyStats,
}

/// Compiled validators, one per schema file.
struct Validators {
    compiled: BTreeMap<PathBuf, Validator>,
    /// Schemas whose validator applies more subschemas at one location than the budget allows
    /// (fan-out `$ref` graphs): the number of paths. Their error lists are not collected (one
    /// error per path), only the verdict.
    fan_out: BTreeMap<PathBuf, u64>,
}

/// Every schema file the repository uses, once each, in a fixed order: the contracts' versions
/// (by contract and version), then the consumers' expectations (by consumer file and use).
fn schema_paths(repo: &Repository) -> Vec<&Path> {
    let mut paths: Vec<&Path> = Vec::new();
    for c in repo.contracts.values() {
        paths.extend(c.versions.values().map(|v| v.schema.as_path()));
    }
    for consumer in &repo.consumers {
        paths.extend(consumer.uses.iter().filter_map(|u| u.expects.as_deref()));
    }
    let mut seen = std::collections::BTreeSet::new();
    paths.retain(|p| seen.insert(*p));
    paths
}

/// The validator of one schema file and the number of subschemas it applies at one location.
fn compile_one(repo: &Repository, path: &Path) -> Result<(Validator, u64), LoadError> {
    let v = repo.schemas.compile(path)?;
    let paths = repo
        .schemas
        .inline(path)
        .ok()
        .and_then(|doc| crate::schema::validation_paths(&doc))
        .unwrap_or(0);
    Ok((v, paths))
}

impl Validators {
    /// Compiles `paths` (each on its own, in parallel); the errors in the paths' order.
    fn compile(repo: &Repository, paths: &[&Path]) -> (Self, Vec<LoadError>) {
        let results: Vec<Result<(Validator, u64), LoadError>> =
            paths.par_iter().map(|p| compile_one(repo, p)).collect();
        let mut out = Self {
            compiled: BTreeMap::new(),
            fan_out: BTreeMap::new(),
        };
        let mut errors = Vec::new();
        for (p, result) in paths.iter().zip(results) {
            match result {
                Ok((v, n)) => {
                    if n > crate::schema::Budgets::default().error_paths {
                        out.fan_out.insert(p.to_path_buf(), n);
                    }
                    out.compiled.insert(p.to_path_buf(), v);
                }
                Err(e) => errors.push(e),
            }
        }
        (out, errors)
    }

    fn get(&self, path: &Path) -> Option<&Validator> {
        self.compiled.get(path)
    }
}

/// Compiles every schema the repository uses, to find those that do not compile (bad regexes,
/// unresolvable references: what meta-validation cannot catch), keeping none of them: memory
/// holds the validators being compiled, never all of them.
pub fn check_schemas_compile(repo: &Repository) -> Result<(), Vec<LoadError>> {
    let paths = schema_paths(repo);
    let errors: Vec<LoadError> = paths
        .par_iter()
        .filter_map(|p| compile_one(repo, p).err())
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// The work of one contract: the schemas its jobs validate against (its versions and the
/// expectations of the consumers using it) and those jobs, by index. Validators live while
/// their contract's jobs run, so memory holds the validators of the contracts in flight, not
/// those of the whole repository.
struct Group<'r> {
    schemas: Vec<&'r Path>,
    jobs: Vec<usize>,
}

/// The jobs grouped by contract, in the repository's contract order; a last group compiles the
/// expectations of uses whose contract does not exist (no job reads them, yet a schema that
/// does not compile is an input error wherever it is).
fn groups<'r>(
    repo: &'r Repository,
    jobs: &[Job<'r>],
    order: &BTreeMap<&Path, usize>,
) -> Vec<Group<'r>> {
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    let mut groups: Vec<Group<'r>> = Vec::new();
    for c in repo.contracts.values() {
        index.insert(c.id.as_str(), groups.len());
        groups.push(Group {
            schemas: c.versions.values().map(|v| v.schema.as_path()).collect(),
            jobs: Vec::new(),
        });
    }
    let mut orphans = Vec::new();
    for consumer in &repo.consumers {
        for u in &consumer.uses {
            let Some(e) = u.expects.as_deref() else {
                continue;
            };
            match index.get(u.spec.contract.as_str()) {
                Some(&g) => groups[g].schemas.push(e),
                None => orphans.push(e),
            }
        }
    }
    for (i, job) in jobs.iter().enumerate() {
        if let Some(&g) = index.get(job.contract.id.as_str()) {
            groups[g].jobs.push(i);
        }
    }
    groups.push(Group {
        schemas: orphans,
        jobs: Vec::new(),
    });
    // Each group's schemas once, in the order of `order` (so errors come out in that order).
    for g in &mut groups {
        g.schemas
            .sort_by_key(|p| order.get(p).copied().unwrap_or(usize::MAX));
        g.schemas.dedup();
    }
    groups
}

/// What one group did: its schemas that do not compile (by their place in the order of every
/// schema), else the outcome of each of its jobs (by the job's index).
type GroupRun = (Vec<(usize, LoadError)>, Vec<(usize, Outcome)>);

/// Runs every verification over a loaded repository.
pub fn verify(repo: &Repository) -> Result<VerifyOutcome, Vec<LoadError>> {
    let all = schema_paths(repo);
    let jobs = jobs(repo);
    let root = RepoRoot::new(&repo.root);
    let order: BTreeMap<&Path, usize> = all.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    // Contract by contract: compile its validators, run its jobs, drop the validators.
    let ran: Vec<GroupRun> = groups(repo, &jobs, &order)
        .par_iter()
        .map(|g| {
            let (validators, errors) = Validators::compile(repo, &g.schemas);
            let errors: Vec<(usize, LoadError)> = errors
                .into_iter()
                .map(|e| {
                    (
                        order
                            .get(e.location.path.as_path())
                            .copied()
                            .unwrap_or(usize::MAX),
                        e,
                    )
                })
                .collect();
            if !errors.is_empty() {
                return (errors, Vec::new());
            }
            let v = Verifier {
                repo,
                validators: &validators,
                root: &root,
            };
            let done = g.jobs.par_iter().map(|&i| (i, v.run(&jobs[i]))).collect();
            (errors, done)
        })
        .collect();
    let mut compile_errors: Vec<(usize, LoadError)> = Vec::new();
    let mut done: Vec<Option<Outcome>> = jobs.iter().map(|_| None).collect();
    for (errors, outcomes) in ran {
        compile_errors.extend(errors);
        for (i, o) in outcomes {
            done[i] = Some(o);
        }
    }
    if !compile_errors.is_empty() {
        // A schema that does not compile is an input error before any payload is judged.
        // A schema two groups compile (an expectation shared by uses of two contracts) fails
        // in both: reported once.
        compile_errors.sort_by_key(|(i, _)| *i);
        compile_errors.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        return Err(compile_errors.into_iter().map(|(_, e)| e).collect());
    }
    let mut out = VerifyOutcome::default();
    out.stats.versions = all.len();
    out.stats.contracts = repo.contracts.len();
    out.stats.consumer_uses = repo
        .consumers
        .iter()
        .flat_map(|c| &c.uses)
        .filter(|u| repo.contracts.contains_key(&u.spec.contract))
        .count();
    let mut errors = Vec::new();
    let mut keys: Vec<Vec<KeyUse>> = Vec::with_capacity(jobs.len());
    for (job, outcome) in jobs.iter().zip(done) {
        let outcome = outcome.unwrap_or_default();
        match job.kind {
            Kind::Producer { .. } => out.stats.producer_examples += outcome.payloads,
            Kind::Consumer { .. } => out.stats.consumer_examples += outcome.payloads,
        }
        out.stats.validations += outcome.validations;
        out.findings.extend(outcome.findings);
        errors.extend(outcome.errors);
        keys.push(outcome.keys);
    }
    if errors.is_empty() {
        match duplicate_keys(&root, &jobs, &keys) {
            Ok(found) => out.findings.extend(found),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        // A payload that does not parse, or no validator verdict exists for, is an input
        // error, never a pass or a fail.
        errors.sort_by(|a, b| a.location.cmp(&b.location).then(a.message.cmp(&b.message)));
        errors.dedup();
        return Err(errors);
    }
    out.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.findings.dedup_by(|a, b| {
        a.fingerprint == b.fingerprint && a.message == b.message && a.location == b.location
    });
    Ok(out)
}

/// Text of longest lines read from a JSON-lines file before validating them in parallel: a
/// batch is this many bytes (or one line, when longer) or [`BATCH_LINES`] lines.
const BATCH_BYTES: usize = 8 * 1024 * 1024;
/// Most lines in one batch.
const BATCH_LINES: usize = 4096;

/// One example file and every check that concerns its payloads.
struct Job<'r> {
    contract: &'r LoadedContract,
    path: &'r Path,
    /// `delivery.idempotency_key` when the payloads must carry it (valid examples).
    key: Option<&'r str>,
    kind: Kind<'r>,
}

enum Kind<'r> {
    /// A producer example: against each version it claims, and (valid ones) against each
    /// consumer expectation of a version it is for.
    Producer {
        example: &'r LoadedExample,
        versions: Vec<&'r LoadedVersion>,
        readers: Vec<Reader<'r>>,
    },
    /// A consumer example: against the consumer's expectation and each version in its range.
    Consumer {
        consumer: &'r LoadedConsumer,
        using: &'r LoadedUse,
        versions: Vec<&'r LoadedVersion>,
    },
}

/// A consumer that reads a producer example: its expectation and the versions in both ranges.
struct Reader<'r> {
    consumer: &'r LoadedConsumer,
    using: &'r LoadedUse,
    expects: &'r Path,
    versions: Vec<&'r str>,
}

/// Every job, in a fixed order: producer examples by contract and declaration, then consumer
/// examples by consumer file, use and path.
fn jobs(repo: &Repository) -> Vec<Job<'_>> {
    let mut uses: BTreeMap<&str, Vec<(&LoadedConsumer, &LoadedUse)>> = BTreeMap::new();
    for consumer in &repo.consumers {
        for u in &consumer.uses {
            uses.entry(u.spec.contract.as_str())
                .or_default()
                .push((consumer, u));
        }
    }
    let mut jobs = Vec::new();
    for contract in repo.contracts.values() {
        let key = contract
            .model
            .delivery
            .as_ref()
            .and_then(|d| d.idempotency_key.as_deref());
        for example in &contract.examples {
            let versions: Vec<&LoadedVersion> = contract.matching(example.range.as_ref()).collect();
            let mut readers = Vec::new();
            if example.expects_valid() {
                for (consumer, u) in uses.get(contract.id.as_str()).into_iter().flatten() {
                    let Some(expects) = u.expects.as_deref() else {
                        continue;
                    };
                    let in_both: Vec<&str> = versions
                        .iter()
                        .filter(|v| matches(&u.range, &v.version))
                        .map(|v| v.key.as_str())
                        .collect();
                    if !in_both.is_empty() {
                        readers.push(Reader {
                            consumer,
                            using: u,
                            expects,
                            versions: in_both,
                        });
                    }
                }
            }
            jobs.push(Job {
                contract,
                path: &example.path,
                key: key.filter(|_| example.expects_valid()),
                kind: Kind::Producer {
                    example,
                    versions,
                    readers,
                },
            });
        }
    }
    for consumer in &repo.consumers {
        for u in &consumer.uses {
            let Some(contract) = repo.contracts.get(&u.spec.contract) else {
                continue;
            };
            let key = contract
                .model
                .delivery
                .as_ref()
                .and_then(|d| d.idempotency_key.as_deref());
            for path in &u.examples {
                jobs.push(Job {
                    contract,
                    path,
                    key,
                    kind: Kind::Consumer {
                        consumer,
                        using: u,
                        versions: contract
                            .versions
                            .values()
                            .filter(|v| matches(&u.range, &v.version))
                            .collect(),
                    },
                });
            }
        }
    }
    jobs
}

/// What the checks of one job (or one payload) found.
#[derive(Default)]
struct Outcome {
    findings: Vec<Finding>,
    /// Input errors: payloads that do not parse, verdicts the regex engine could not reach.
    errors: Vec<LoadError>,
    validations: usize,
    payloads: usize,
    /// Idempotency keys of the payloads, in file order.
    keys: Vec<KeyUse>,
}

impl Outcome {
    fn append(&mut self, mut other: Outcome) {
        self.findings.append(&mut other.findings);
        self.errors.append(&mut other.errors);
        self.validations += other.validations;
        self.payloads += other.payloads;
        self.keys.append(&mut other.keys);
    }

    fn push(&mut self, mut f: Finding) {
        f.refresh_fingerprint();
        self.findings.push(f);
    }
}

/// One payload's idempotency key (its JSON text) and the payload's line in a JSON-lines
/// file (the file is the job's).
struct KeyUse {
    key: String,
    line: Option<usize>,
}

/// A payload read again to compare it with others of the same key.
struct Compared {
    digest: u128,
    /// Line and column of its key.
    at: (usize, usize),
}

/// How a payload is named in messages: its file, with the line for a JSON-lines file.
fn shown(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(n) => format!("{}:{n}", path.display()),
        None => path.display().to_string(),
    }
}

fn duplicate_key(job: &Job<'_>, key: &str, at: (usize, usize), first: &str) -> Finding {
    let pointer = job.key.unwrap_or_default();
    let mut f = Finding::new(
        RuleId::IdempotencyKeyDuplicate,
        Severity::Error,
        Location::new(job.path, at.0, at.1),
        format!(
            "idempotency key {key} at `{pointer}` is also used by `{first}`, a different payload"
        ),
    );
    f.contract = Some(job.contract.id.clone());
    f.instance_path = Some(pointer.to_owned());
    f.help = Some("a consumer deduplicating on this key would silently drop one of the two messages: give each example its own key value".to_owned());
    f.refresh_fingerprint();
    f
}

/// 4. Idempotency keys shared by different payloads of a contract, in job order (the
///    first payload with a key is the one later ones are compared with). Only payloads
///    whose key occurs more than once are compared: their files are read again, so no
///    payload is kept (or even digested) for the common case of unique keys.
fn duplicate_keys(
    root: &RepoRoot,
    jobs: &[Job<'_>],
    keys: &[Vec<KeyUse>],
) -> Result<Vec<Finding>, Vec<LoadError>> {
    let mut count: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (job, uses) in jobs.iter().zip(keys) {
        for k in uses {
            *count
                .entry((job.contract.id.as_str(), k.key.as_str()))
                .or_default() += 1;
        }
    }
    let repeated = |job: &Job<'_>, k: &KeyUse| {
        count
            .get(&(job.contract.id.as_str(), k.key.as_str()))
            .is_some_and(|n| *n > 1)
    };
    // The payloads to compare, by job: their lines (`None`: the whole file).
    let wanted: Vec<(usize, std::collections::BTreeSet<Option<usize>>)> = jobs
        .iter()
        .zip(keys)
        .enumerate()
        .filter_map(|(i, (job, uses))| {
            let lines: std::collections::BTreeSet<Option<usize>> = uses
                .iter()
                .filter(|k| repeated(job, k))
                .map(|k| k.line)
                .collect();
            (!lines.is_empty()).then_some((i, lines))
        })
        .collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let read: Vec<Result<BTreeMap<Option<usize>, Compared>, LoadError>> = wanted
        .par_iter()
        .map(|(i, lines)| compared(root, &jobs[*i], lines))
        .collect();
    let mut compared: BTreeMap<usize, BTreeMap<Option<usize>, Compared>> = BTreeMap::new();
    let mut errors = Vec::new();
    for ((i, _), r) in wanted.iter().zip(read) {
        match r {
            Ok(m) => {
                compared.insert(*i, m);
            }
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut findings = Vec::new();
    let mut seen: BTreeMap<(&str, &str), (String, u128)> = BTreeMap::new();
    for (i, (job, uses)) in jobs.iter().zip(keys).enumerate() {
        for k in uses.iter().filter(|k| repeated(job, k)) {
            let Some(c) = compared.get(&i).and_then(|m| m.get(&k.line)) else {
                continue;
            };
            match seen.get(&(job.contract.id.as_str(), k.key.as_str())) {
                Some((first, digest)) if *digest != c.digest => {
                    findings.push(duplicate_key(job, &k.key, c.at, first));
                }
                Some(_) => {}
                None => {
                    seen.insert(
                        (job.contract.id.as_str(), k.key.as_str()),
                        (shown(job.path, k.line), c.digest),
                    );
                }
            }
        }
    }
    Ok(findings)
}

/// Reads a job's file again for the payloads at `lines`: a digest of each and the
/// position of its key.
fn compared(
    root: &RepoRoot,
    job: &Job<'_>,
    lines: &std::collections::BTreeSet<Option<usize>>,
) -> Result<BTreeMap<Option<usize>, Compared>, LoadError> {
    let pointer = job.key.unwrap_or_default();
    let of = |doc: &Document| Compared {
        digest: digest::of(&doc.value),
        at: doc.locate(pointer, false),
    };
    let mut out = BTreeMap::new();
    if !is_json_lines(job.path) {
        let doc = Document::read(root, job.path).map_err(|e| syntax_error(job.path, e))?;
        out.insert(None, of(&doc));
        return Ok(out);
    }
    let mut reader = JsonLines::open(root, job.path).map_err(|e| syntax_error(job.path, e))?;
    let last = lines.last().copied().flatten().unwrap_or(0);
    while let Some(line) = reader.next_line() {
        let (number, text) = line.map_err(|e| syntax_error(job.path, e))?;
        if lines.contains(&Some(number)) {
            let doc = Document::parse_line(job.path, number, text)
                .map_err(|e| syntax_error(job.path, e))?;
            out.insert(Some(number), of(&doc));
        }
        if number >= last {
            break;
        }
    }
    Ok(out)
}

struct Verifier<'a> {
    repo: &'a Repository,
    validators: &'a Validators,
    root: &'a RepoRoot,
}

/// A validator error, with positions in the payload and the schema.
struct Rejection {
    instance_path: String,
    keyword: String,
    schema_pointer: String,
    message: String,
}

fn rejection(e: &ValidationError<'_>) -> Rejection {
    Rejection {
        instance_path: e.instance_path().as_str().to_owned(),
        keyword: e.kind().keyword().to_owned(),
        schema_pointer: e.schema_path().as_str().to_owned(),
        message: e.to_string(),
    }
}

fn doc_location(doc: &Document, pointer: &str) -> Location {
    let (line, col) = doc.locate(pointer, false);
    Location::new(&doc.path, line, col)
}

impl Verifier<'_> {
    /// Runs one job: reads its file and puts every payload through every check. Payloads
    /// are read here, not kept in the repository: memory holds what the running jobs read.
    fn run(&self, job: &Job<'_>) -> Outcome {
        if is_json_lines(job.path) {
            return self.run_lines(job);
        }
        match Document::read(self.root, job.path) {
            Ok(doc) => self.check(job, &doc),
            Err(e) => Outcome {
                errors: vec![syntax_error(job.path, e)],
                ..Outcome::default()
            },
        }
    }

    /// A JSON-lines file, batch by batch; the first line that does not read or parse ends it
    /// (an input error at its line and column).
    fn run_lines(&self, job: &Job<'_>) -> Outcome {
        let mut total = Outcome::default();
        let mut lines = match JsonLines::open(self.root, job.path) {
            Ok(l) => l,
            Err(e) => {
                total.errors.push(syntax_error(job.path, e));
                return total;
            }
        };
        loop {
            let mut batch = Vec::new();
            let mut bytes = 0;
            let mut stop = None;
            while batch.len() < BATCH_LINES && bytes < BATCH_BYTES {
                match lines.next_line() {
                    None => {
                        stop = Some(None);
                        break;
                    }
                    Some(Ok(line)) => {
                        bytes += line.1.len();
                        batch.push(line);
                    }
                    Some(Err(e)) => {
                        stop = Some(Some(syntax_error(job.path, e)));
                        break;
                    }
                }
            }
            let done: Vec<Result<Outcome, LoadError>> = batch
                .into_par_iter()
                .map(|(number, text)| {
                    Document::parse_line(job.path, number, text)
                        .map(|doc| self.check(job, &doc))
                        .map_err(|e| syntax_error(job.path, e))
                })
                .collect();
            for result in done {
                match result {
                    Ok(o) => total.append(o),
                    Err(e) => {
                        total.errors.push(e);
                        return total;
                    }
                }
            }
            match stop {
                None => {}
                Some(None) => return total,
                Some(Some(e)) => {
                    total.errors.push(e);
                    return total;
                }
            }
        }
    }

    /// Every check of `job` on one payload.
    fn check(&self, job: &Job<'_>, doc: &Document) -> Outcome {
        let mut out = Outcome {
            payloads: 1,
            ..Outcome::default()
        };
        match &job.kind {
            Kind::Producer {
                example,
                versions,
                readers,
            } => {
                self.producer_example(job.contract, example, versions, doc, &mut out);
                for r in readers {
                    self.read_by_consumer(job.contract, r, doc, &mut out);
                }
            }
            Kind::Consumer {
                consumer,
                using,
                versions,
            } => self.consumer_example(job.contract, consumer, using, versions, doc, &mut out),
        }
        if let Some(pointer) = job.key {
            Self::key_of(job.contract, pointer, doc, &mut out);
        }
        out
    }

    /// A finding for one validator rejection of a payload: at the payload's position, with the
    /// deciding keyword and the schema location (`schema`: file, role, version).
    fn rejected(
        &self,
        rule: RuleId,
        payload: &Document,
        r: &Rejection,
        schema: (&Path, String, Option<&str>),
        message: String,
    ) -> Finding {
        let (path, role, version) = schema;
        let mut f = Finding::new(
            rule,
            Severity::Error,
            doc_location(payload, &r.instance_path),
            message,
        );
        f.instance_path = Some(r.instance_path.clone());
        f.keyword = Some(r.keyword.clone());
        f.schema = Some(self.schema_ref(path, &r.schema_pointer, role, version.map(str::to_owned)));
        f
    }

    fn schema_ref(
        &self,
        schema: &Path,
        pointer: &str,
        role: String,
        version: Option<String>,
    ) -> SchemaRef {
        let location = match self.repo.schemas.get(schema) {
            Some(f) => doc_location(&f.doc, pointer),
            None => Location::file(schema),
        };
        SchemaRef {
            role,
            version,
            location,
        }
    }

    /// The rejections of `payload` under `schema`; `None` (and an input error recorded) when
    /// the verdict rests on a regex match the engine could not finish.
    fn validate(
        &self,
        schema: &Path,
        payload: &Document,
        out: &mut Outcome,
    ) -> Option<Vec<Rejection>> {
        let validator = self.validators.get(schema)?;
        out.validations += 1;
        if let Some(paths) = self.validators.fan_out.get(schema) {
            if validator.is_valid(&payload.value) {
                return Some(Vec::new());
            }
            return Some(vec![Rejection {
                instance_path: String::new(),
                keyword: String::new(),
                schema_pointer: String::new(),
                message: format!(
                    "rejected; the schema applies {paths} subschemas at one location, too many to list each error"
                ),
            }]);
        }
        // Most payloads are valid: the fast verdict first, the error list only when needed.
        if validator.is_valid(&payload.value) {
            return Some(Vec::new());
        }
        let mut undecided = None;
        let found: Vec<Rejection> = validator
            .iter_errors(&payload.value)
            .filter_map(|e| match crate::schema::regex_engine_error(&e) {
                Some(reason) => {
                    undecided.get_or_insert((
                        e.instance_path().as_str().to_owned(),
                        e.schema_path().as_str().to_owned(),
                        reason,
                    ));
                    None
                }
                None => Some(rejection(&e)),
            })
            .collect();
        if let Some((instance, pointer, reason)) = undecided {
            out.errors.push(
                LoadError::new(
                    doc_location(payload, &instance),
                    LoadErrorKind::Budget,
                    format!(
                        "cannot tell whether `{}` accepts this payload: `pattern` at `{pointer}`: {reason}",
                        schema.display()
                    ),
                )
                .with_help("simplify the pattern (no nested or overlapping repetition such as `(a|a)*`) so that the regex engine can decide it"),
            );
            return None;
        }
        Some(found)
    }

    /// 1. A producer example against each version it claims.
    fn producer_example(
        &self,
        contract: &LoadedContract,
        example: &LoadedExample,
        versions: &[&LoadedVersion],
        doc: &Document,
        out: &mut Outcome,
    ) {
        for version in versions {
            let Some(errors) = self.validate(&version.schema, doc, out) else {
                continue;
            };
            let base = |rule: RuleId, location: Location, message: String| {
                let mut f = Finding::new(rule, Severity::Error, location, message);
                f.contract = Some(contract.id.clone());
                f.version = Some(version.key.clone());
                f
            };
            if example.expects_valid() {
                for r in errors {
                    let mut f = self.rejected(
                        RuleId::ExampleInvalid,
                        doc,
                        &r,
                        (&version.schema, "producer".to_owned(), Some(&version.key)),
                        format!(
                            "example is rejected by `{}` {}: {}",
                            contract.id, version.key, r.message
                        ),
                    );
                    f.contract = Some(contract.id.clone());
                    f.version = Some(version.key.clone());
                    f.help = Some(format!(
                        "fix the payload, or narrow the example's `versions` range in {} if this version really rejects it",
                        contract.path.display()
                    ));
                    out.push(f);
                }
            } else if errors.is_empty() {
                let mut f = base(
                    RuleId::NegativeExampleAccepted,
                    Location::new(&doc.path, doc.line_in_file().unwrap_or(1), 1),
                    format!(
                        "negative example is accepted by `{}` {}",
                        contract.id, version.key
                    ),
                );
                f.help = Some("the schema should reject this payload: tighten the schema, or fix the example so it shows the invalid case".to_owned());
                f.schema = Some(SchemaRef {
                    role: "producer".to_owned(),
                    version: Some(version.key.clone()),
                    location: Location::file(&version.schema),
                });
                out.push(f);
            } else {
                let want_kw = example.spec.keyword.as_deref();
                let want_path = example.spec.path.as_deref();
                let hit = errors.iter().any(|r| {
                    want_kw.is_none_or(|k| r.keyword == k)
                        && want_path.is_none_or(|p| r.instance_path == p)
                });
                if !hit {
                    let mut wanted = Vec::new();
                    if let Some(k) = want_kw {
                        wanted.push(format!("keyword `{k}`"));
                    }
                    if let Some(p) = want_path {
                        wanted.push(format!("path `{p}`"));
                    }
                    let actual: Vec<String> = errors
                        .iter()
                        .map(|r| {
                            format!(
                                "`{}` at `{}`",
                                r.keyword,
                                if r.instance_path.is_empty() {
                                    "/"
                                } else {
                                    &r.instance_path
                                }
                            )
                        })
                        .collect();
                    let f = base(
                        RuleId::NegativeExampleWrongReason,
                        contract.locate(&format!("/examples/{}", example.index)),
                        format!(
                            "negative example `{}` is rejected by `{}` {}, but not by {}: rejected by {}",
                            shown(&doc.path, doc.line_in_file()),
                            contract.id,
                            version.key,
                            wanted.join(" at "),
                            actual.join(", ")
                        ),
                    );
                    let mut f = f;
                    f.help = Some("fix `keyword`/`path` in the example entry, or fix the payload so it fails for the intended reason".to_owned());
                    out.push(f);
                }
            }
        }
    }

    /// 2. A valid producer example against a consumer's expectation.
    fn read_by_consumer(
        &self,
        contract: &LoadedContract,
        r: &Reader<'_>,
        doc: &Document,
        out: &mut Outcome,
    ) {
        let Some(errors) = self.validate(r.expects, doc, out) else {
            return;
        };
        let system = &r.consumer.model.system;
        for e in errors {
            let mut f = self.rejected(
                RuleId::ConsumerRejectsProducerExample,
                doc,
                &e,
                (r.expects, format!("consumer {system}"), None),
                format!(
                    "consumer `{system}` cannot read this example of `{}` {}: {}",
                    contract.id,
                    r.versions.join(", "),
                    e.message
                ),
            );
            f.contract = Some(contract.id.clone());
            f.version = r.versions.first().map(|s| (*s).to_owned());
            f.consumers = vec![consumer_ref(r.consumer, r.using)];
            f.help = Some(format!(
                "the producer sends this payload: relax `{}` to accept it, or narrow the range `{}` in {}",
                r.expects.display(),
                r.using.spec.versions,
                r.consumer.path.display()
            ));
            out.push(f);
        }
    }

    /// 3. A consumer example against each producer version in the consumer's range, and
    ///    against the consumer's own expectation (its tests must use payloads it claims to
    ///    read).
    fn consumer_example(
        &self,
        contract: &LoadedContract,
        consumer: &LoadedConsumer,
        u: &LoadedUse,
        versions: &[&LoadedVersion],
        doc: &Document,
        out: &mut Outcome,
    ) {
        if let Some(expects) = &u.expects
            && let Some(errors) = self.validate(expects, doc, out)
        {
            for r in errors {
                let mut f = self.rejected(
                    RuleId::ConsumerExampleUnexpected,
                    doc,
                    &r,
                    (expects, format!("consumer {}", consumer.model.system), None),
                    format!(
                        "consumer example is rejected by the consumer's own expectation of `{}`: {}",
                        contract.id, r.message
                    ),
                );
                f.contract = Some(contract.id.clone());
                f.consumers = vec![consumer_ref(consumer, u)];
                f.help = Some(format!(
                    "the example and `{}` disagree about what the consumer reads: fix one of them",
                    expects.display()
                ));
                out.push(f);
            }
        }
        for version in versions {
            let Some(errors) = self.validate(&version.schema, doc, out) else {
                continue;
            };
            for r in errors {
                let mut f = self.rejected(
                    RuleId::ConsumerExampleInvalid,
                    doc,
                    &r,
                    (&version.schema, "producer".to_owned(), Some(&version.key)),
                    format!(
                        "consumer example is not a payload `{}` {} can send: {}",
                        contract.id, version.key, r.message
                    ),
                );
                f.contract = Some(contract.id.clone());
                f.version = Some(version.key.clone());
                f.consumers = vec![consumer_ref(consumer, u)];
                f.help = Some("a consumer must not test against payloads the producer cannot send: fix the example, or narrow the consumer's version range".to_owned());
                out.push(f);
            }
        }
    }

    /// 4. The idempotency key of a payload: missing is a finding here; duplicates are found
    ///    when the jobs are merged, in order.
    fn key_of(contract: &LoadedContract, pointer: &str, doc: &Document, out: &mut Outcome) {
        match doc.value.pointer(pointer) {
            None | Some(Value::Null) => {
                let mut f = Finding::new(
                    RuleId::IdempotencyKeyMissing,
                    Severity::Error,
                    doc_location(doc, pointer),
                    format!("valid example has no idempotency key at `{pointer}`"),
                );
                f.contract = Some(contract.id.clone());
                f.instance_path = Some(pointer.to_owned());
                f.help = Some(format!(
                    "add `{pointer}` to the payload: `delivery.idempotency_key` in {} says every message carries it",
                    contract.path.display()
                ));
                out.push(f);
            }
            Some(key) => out.keys.push(KeyUse {
                key: key.to_string(),
                line: doc.line_in_file(),
            }),
        }
    }
}

fn consumer_ref(consumer: &LoadedConsumer, u: &LoadedUse) -> ConsumerRef {
    ConsumerRef {
        system: consumer.model.system.clone(),
        owner: consumer.owner_of(u).map(str::to_owned),
    }
}
