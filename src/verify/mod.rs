//! `seam verify`: recorded example payloads against both sides of every contract.
//!
//! 1. each producer example against every schema version it claims (negative examples must be
//!    rejected, optionally by a named keyword or at a named instance path);
//! 2. every producer example of the versions a consumer uses against the consumer's expectation;
//! 3. every consumer example against each producer version in the consumer's range;
//! 4. idempotency keys: present in every valid example, never shared by two different payloads.
//!
//! Validators are compiled once per schema and reused.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jsonschema::{ValidationError, Validator};
use serde::Serialize;
use serde_json::Value;

use crate::contract::repo::{LoadedContract, Repository, matches};
use crate::error::{LoadError, LoadErrorKind, Location};
use crate::finding::{ConsumerRef, Finding, SchemaRef, Severity};
use crate::rules::RuleId;
use crate::source::Document;

/// Counts of what was checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct VerifyStats {
    /// Contracts checked.
    pub contracts: usize,
    /// Schema versions compiled.
    pub versions: usize,
    /// Producer examples (positive and negative).
    pub producer_examples: usize,
    /// Consumer uses checked.
    pub consumer_uses: usize,
    /// Consumer examples.
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
pub struct Validators {
    compiled: BTreeMap<PathBuf, Validator>,
    /// Schemas whose validator applies more subschemas at one location than the budget allows
    /// (fan-out `$ref` graphs): the number of paths. Their error lists are not collected (one
    /// error per path), only the verdict.
    fan_out: BTreeMap<PathBuf, u64>,
}

impl Validators {
    /// Compiles every schema the repository uses.
    pub fn compile(repo: &Repository) -> Result<Self, Vec<LoadError>> {
        let mut compiled = BTreeMap::new();
        let mut fan_out = BTreeMap::new();
        let mut errors = Vec::new();
        let mut paths: Vec<&Path> = Vec::new();
        for c in repo.contracts.values() {
            paths.extend(c.versions.values().map(|v| v.schema.as_path()));
        }
        for consumer in &repo.consumers {
            paths.extend(consumer.uses.iter().filter_map(|u| u.expects.as_deref()));
        }
        for p in paths {
            if compiled.contains_key(p) {
                continue;
            }
            match repo.schemas.compile(p) {
                Ok(v) => {
                    let paths = repo
                        .schemas
                        .inline(p)
                        .ok()
                        .and_then(|doc| crate::schema::validation_paths(&doc))
                        .unwrap_or(0);
                    if paths > crate::schema::Budgets::default().error_paths {
                        fan_out.insert(p.to_path_buf(), paths);
                    }
                    compiled.insert(p.to_path_buf(), v);
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(Self { compiled, fan_out })
        } else {
            Err(errors)
        }
    }

    fn get(&self, path: &Path) -> Option<&Validator> {
        self.compiled.get(path)
    }
}

/// Runs every verification over a loaded repository.
pub fn verify(repo: &Repository) -> Result<VerifyOutcome, Vec<LoadError>> {
    let validators = Validators::compile(repo)?;
    let mut v = Verifier {
        repo,
        validators: &validators,
        out: VerifyOutcome::default(),
        undecided: Vec::new(),
    };
    v.out.stats.versions = validators.compiled.len();
    for contract in repo.contracts.values() {
        v.out.stats.contracts += 1;
        v.producer_examples(contract);
        v.idempotency(contract);
    }
    v.consumers();
    if !v.undecided.is_empty() {
        // A payload no validator verdict exists for is an input error, never a pass or a fail.
        let mut errors = v.undecided;
        errors.sort_by(|a, b| a.location.cmp(&b.location).then(a.message.cmp(&b.message)));
        errors.dedup();
        return Err(errors);
    }
    let mut out = v.out;
    out.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out.findings.dedup_by(|a, b| {
        a.fingerprint == b.fingerprint && a.message == b.message && a.location == b.location
    });
    Ok(out)
}

struct Verifier<'a> {
    repo: &'a Repository,
    validators: &'a Validators,
    out: VerifyOutcome,
    /// Payloads whose verdict rests on a regex match the engine could not finish.
    undecided: Vec<LoadError>,
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

    fn push(&mut self, mut f: Finding) {
        f.refresh_fingerprint();
        self.out.findings.push(f);
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
    fn validate(&mut self, schema: &Path, payload: &Document) -> Option<Vec<Rejection>> {
        let validator = self.validators.get(schema)?;
        self.out.stats.validations += 1;
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
            self.undecided.push(
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

    fn producer_examples(&mut self, contract: &LoadedContract) {
        for example in &contract.examples {
            self.out.stats.producer_examples += 1;
            for version in contract.matching(example.range.as_ref()) {
                let Some(errors) = self.validate(&version.schema, &example.doc) else {
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
                            &example.doc,
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
                        self.push(f);
                    }
                } else if errors.is_empty() {
                    let mut f = base(
                        RuleId::NegativeExampleAccepted,
                        Location::new(&example.doc.path, 1, 1),
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
                    f.refresh_fingerprint();
                    self.out.findings.push(f);
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
                        let mut f = base(
                            RuleId::NegativeExampleWrongReason,
                            contract.locate(&format!("/examples/{}", example.index)),
                            format!(
                                "negative example `{}` is rejected by `{}` {}, but not by {}: rejected by {}",
                                example.path.display(),
                                contract.id,
                                version.key,
                                wanted.join(" at "),
                                actual.join(", ")
                            ),
                        );
                        f.help = Some("fix `keyword`/`path` in the example entry, or fix the payload so it fails for the intended reason".to_owned());
                        f.refresh_fingerprint();
                        self.out.findings.push(f);
                    }
                }
            }
        }
    }

    fn idempotency(&mut self, contract: &LoadedContract) {
        let Some(pointer) = contract
            .model
            .delivery
            .as_ref()
            .and_then(|d| d.idempotency_key.clone())
        else {
            return;
        };
        // Every valid payload of this contract: producer examples and consumer examples.
        let mut payloads: Vec<(&Document, Option<String>)> = contract
            .examples
            .iter()
            .filter(|e| e.expects_valid())
            .map(|e| (&e.doc, None))
            .collect();
        for consumer in &self.repo.consumers {
            for u in consumer
                .uses
                .iter()
                .filter(|u| u.spec.contract == contract.id)
            {
                payloads.extend(
                    u.examples
                        .iter()
                        .map(|(_, d)| (d, Some(consumer.model.system.clone()))),
                );
            }
        }
        let mut seen: BTreeMap<String, (&Document, &Value)> = BTreeMap::new();
        for (doc, _) in payloads {
            match doc.value.pointer(&pointer) {
                None | Some(Value::Null) => {
                    let mut f = Finding::new(
                        RuleId::IdempotencyKeyMissing,
                        Severity::Error,
                        doc_location(doc, &pointer),
                        format!("valid example has no idempotency key at `{pointer}`"),
                    );
                    f.contract = Some(contract.id.clone());
                    f.instance_path = Some(pointer.clone());
                    f.help = Some(format!(
                        "add `{pointer}` to the payload: `delivery.idempotency_key` in {} says every message carries it",
                        contract.path.display()
                    ));
                    f.refresh_fingerprint();
                    self.out.findings.push(f);
                }
                Some(key) => {
                    let key_text = key.to_string();
                    match seen.get(&key_text) {
                        Some((first, first_value)) if **first_value != doc.value => {
                            let mut f = Finding::new(
                                RuleId::IdempotencyKeyDuplicate,
                                Severity::Error,
                                doc_location(doc, &pointer),
                                format!(
                                    "idempotency key {key_text} at `{pointer}` is also used by `{}`, a different payload",
                                    first.path.display()
                                ),
                            );
                            f.contract = Some(contract.id.clone());
                            f.instance_path = Some(pointer.clone());
                            f.help = Some("a consumer deduplicating on this key would silently drop one of the two messages: give each example its own key value".to_owned());
                            f.refresh_fingerprint();
                            self.out.findings.push(f);
                        }
                        Some(_) => {}
                        None => {
                            seen.insert(key_text, (doc, &doc.value));
                        }
                    }
                }
            }
        }
    }

    fn consumers(&mut self) {
        let repo = self.repo;
        for consumer in &repo.consumers {
            for u in &consumer.uses {
                let Some(contract) = repo.contracts.get(&u.spec.contract) else {
                    continue;
                };
                self.out.stats.consumer_uses += 1;
                let who = ConsumerRef {
                    system: consumer.model.system.clone(),
                    owner: consumer.owner_of(u).map(str::to_owned),
                };
                // 2. producer examples of versions in the range against the expectation.
                if let Some(expects) = &u.expects {
                    for example in contract.examples.iter().filter(|e| e.expects_valid()) {
                        let versions: Vec<&str> = contract
                            .matching(example.range.as_ref())
                            .filter(|v| matches(&u.range, &v.version))
                            .map(|v| v.key.as_str())
                            .collect();
                        if versions.is_empty() {
                            continue;
                        }
                        let Some(errors) = self.validate(expects, &example.doc) else {
                            continue;
                        };
                        for r in errors {
                            let mut f = self.rejected(
                                RuleId::ConsumerRejectsProducerExample,
                                &example.doc,
                                &r,
                                (expects, format!("consumer {}", consumer.model.system), None),
                                format!(
                                    "consumer `{}` cannot read this example of `{}` {}: {}",
                                    consumer.model.system,
                                    contract.id,
                                    versions.join(", "),
                                    r.message
                                ),
                            );
                            f.contract = Some(contract.id.clone());
                            f.version = versions.first().map(|s| (*s).to_owned());
                            f.consumers = vec![who.clone()];
                            f.help = Some(format!(
                                "the producer sends this payload: relax `{}` to accept it, or narrow the range `{}` in {}",
                                expects.display(),
                                u.spec.versions,
                                consumer.path.display()
                            ));
                            self.push(f);
                        }
                    }
                }
                // 3. consumer examples against each producer version in range (and against the
                //    consumer's own expectation: its tests must use payloads it claims to read).
                for (_, doc) in &u.examples {
                    self.out.stats.consumer_examples += 1;
                    if let Some(expects) = &u.expects
                        && let Some(errors) = self.validate(expects, doc)
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
                            f.consumers = vec![who.clone()];
                            f.help = Some(format!(
                                "the example and `{}` disagree about what the consumer reads: fix one of them",
                                expects.display()
                            ));
                            self.push(f);
                        }
                    }
                    for version in contract
                        .versions
                        .values()
                        .filter(|v| matches(&u.range, &v.version))
                    {
                        let Some(errors) = self.validate(&version.schema, doc) else {
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
                            f.consumers = vec![who.clone()];
                            f.help = Some("a consumer must not test against payloads the producer cannot send: fix the example, or narrow the consumer's version range".to_owned());
                            self.push(f);
                        }
                    }
                }
            }
        }
    }
}
