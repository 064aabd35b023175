//! The governance rules that read the repository model (owners, delivery, monitoring,
//! reconciliation, examples, vendors, lifecycle), and the idempotency-key proof.

use serde_json::{Value, json};

use super::{LintConfig, parse_duration};
use crate::contract::model::{Compatibility, Criticality, Expect, Pattern, VersionStatus};
use crate::contract::prepared::Schemas;
use crate::contract::repo::{LoadedContract, Repository, matches};
use crate::error::Location;
use crate::finding::{ConsumerRef, Finding, Severity};
use crate::rules::RuleId;
use crate::schema::Subset;
use crate::source::split_pointer;

/// A finding of governance rule `id` at its default severity (`lint.rules` may change it).
fn finding(id: RuleId, location: Location, message: String, help: String) -> Finding {
    let mut f = Finding::new(id, id.default_severity(), location, message);
    f.help = Some(help);
    f
}

fn for_contract(mut f: Finding, c: &LoadedContract, version: Option<&str>) -> Finding {
    f.contract = Some(c.id.clone());
    f.version = version.map(str::to_owned);
    f.refresh_fingerprint();
    f
}

/// A finding when the mode a contract names (or inherits from `seam.yaml`) lets through changes
/// its pattern's readers cannot take.
fn mode_protects_readers(repo: &Repository, c: &LoadedContract) -> Option<Finding> {
    let (mode, location, origin) = match (c.model.compatibility, repo.config.defaults.compatibility)
    {
        (Some(m), _) => (m, c.locate("/compatibility"), "its `compatibility`"),
        (None, Some(m)) => (
            m,
            c.locate("/pattern"),
            "`defaults.compatibility` in seam.yaml",
        ),
        (None, None) => return None,
    };
    let pattern = c.model.pattern;
    let needed = pattern.readers_mode();
    if mode.protects(needed) {
        return None;
    }
    let slips = match needed {
        Compatibility::Backward => {
            "a new version that rejects what the old one accepted (a removed property, a narrowed type, a new required field) passes, and requests clients still send are refused"
        }
        _ => {
            "a new version that accepts more than the old one (a widened type, a longer string, a new enum value) passes, and old readers receive payloads they reject"
        }
    };
    Some(for_contract(
        finding(
            RuleId::CompatibilityWeakerThanPattern,
            location,
            format!(
                "`{}` (pattern `{}`) is checked as `{}` ({origin}), which does not protect its readers, {}: {slips}",
                c.id,
                pattern.as_str(),
                mode.as_str(),
                pattern.readers(),
            ),
            format!(
                "write `compatibility: {}` (or `full`) in contract.yaml, or remove the line to get the pattern's default; keep `{}` only if no reader depends on older versions",
                needed.as_str(),
                mode.as_str()
            ),
        ),
        c,
        None,
    ))
}

fn is_async(c: &LoadedContract) -> bool {
    matches!(c.model.pattern, Pattern::Event | Pattern::BatchFile)
}

/// Every model-level rule.
pub fn model_rules(repo: &Repository, config: &LintConfig, today: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in repo.systems.values() {
        let at = |p: &str| {
            let (line, col) = s.doc.locate(p, false);
            Location::new(&s.path, line, col)
        };
        if s.model.owner.as_deref().is_none_or(str::is_empty) {
            let mut f = finding(
                RuleId::SystemOwnerMissing,
                at(""),
                format!("system `{}` has no owner", s.model.id),
                "add `owner: <team>`".to_owned(),
            );
            f.refresh_fingerprint();
            out.push(f);
        }
        if s.model
            .vendor_api_version
            .as_deref()
            .is_none_or(str::is_empty)
        {
            let mut f = finding(
                RuleId::VendorApiVersionMissing,
                at(""),
                format!("system `{}` does not declare the vendor API version it depends on", s.model.id),
                "add `vendor_api_version: \"...\"` so a vendor upgrade shows which integrations it touches".to_owned(),
            );
            f.refresh_fingerprint();
            out.push(f);
        }
    }
    if let Some((doc, keys)) = &repo.keys {
        for (name, key) in &keys.keys {
            if key.owner.as_deref().is_none_or(str::is_empty) {
                let (line, col) = doc.locate(
                    &format!("/keys/{}", crate::source::escape_segment(name)),
                    true,
                );
                let mut f = finding(
                    RuleId::KeyOwnerMissing,
                    Location::new("keys.yaml", line, col),
                    format!("canonical key `{name}` has no owner"),
                    "add `owner: <team>` (usually master data management)".to_owned(),
                );
                f.refresh_fingerprint();
                out.push(f);
            }
        }
    }
    let max_alert = config
        .max_alert_within
        .as_deref()
        .and_then(parse_duration)
        .unwrap_or(30 * 60);
    for c in repo.contracts.values() {
        contract_rules(repo, c, max_alert, today, &mut out);
        if let Some(f) = mode_protects_readers(repo, c) {
            out.push(f);
        }
    }
    for consumer in &repo.consumers {
        for m in &consumer.missing {
            let mut f = finding(
                RuleId::ConsumerContractMissing,
                consumer.locate(&format!("/uses/{}/contract", m.index)),
                format!(
                    "consumer `{}` uses contract `{}`, which does not exist",
                    consumer.model.system, m.contract
                ),
                match &m.suggestion {
                    Some(s) => format!(
                        "did you mean `{s}`? If `{}` was removed, restore it until `{}` has stopped using it, or remove this use",
                        m.contract, consumer.model.system
                    ),
                    None => format!(
                        "restore `contracts/{}/` until `{}` has stopped using it, or remove this use",
                        m.contract, consumer.model.system
                    ),
                },
            );
            f.contract = Some(m.contract.clone());
            f.consumers = vec![ConsumerRef {
                system: consumer.model.system.clone(),
                owner: consumer.model.owner.clone(),
            }];
            f.refresh_fingerprint();
            out.push(f);
        }
        for u in &consumer.uses {
            if let Some(c) = repo.contracts.get(&u.spec.contract)
                && !c.versions.is_empty()
                && c.matching(Some(&u.range)).next().is_none()
            {
                let published: Vec<String> = c
                    .versions
                    .values()
                    .map(|v| format!("`{}`", v.key))
                    .collect();
                let mut f = finding(
                    RuleId::ConsumerRangeUnmatched,
                    consumer.locate(&format!("/uses/{}/versions", u.index)),
                    format!(
                        "consumer `{}` reads `{}` in range `{}`, which matches no published version",
                        consumer.model.system, c.id, u.spec.versions
                    ),
                    format!(
                        "published versions are {}: restore the version the consumer reads, or move its range",
                        published.join(", ")
                    ),
                );
                f.contract = Some(c.id.clone());
                f.consumers = vec![ConsumerRef {
                    system: consumer.model.system.clone(),
                    owner: consumer.owner_of(u).map(str::to_owned),
                }];
                f.refresh_fingerprint();
                out.push(f);
            }
            if consumer.owner_of(u).is_none_or(str::is_empty) {
                let mut f = finding(
                    RuleId::ConsumerOwnerMissing,
                    consumer.locate(&format!("/uses/{}", u.index)),
                    format!(
                        "consumer `{}`'s use of `{}` has no owner",
                        consumer.model.system, u.spec.contract
                    ),
                    "add `owner:` to the consumer file or to this use".to_owned(),
                );
                f.contract = Some(u.spec.contract.clone());
                f.refresh_fingerprint();
                out.push(f);
            }
        }
    }
    out
}

fn contract_rules(
    repo: &Repository,
    c: &LoadedContract,
    max_alert: u64,
    today: &str,
    out: &mut Vec<Finding>,
) {
    let m = &c.model;
    let delivery = m.delivery.clone().unwrap_or_default();
    let monitoring = m.monitoring.clone().unwrap_or_default();
    if m.owner.as_deref().is_none_or(str::is_empty) {
        out.push(for_contract(
            finding(
                RuleId::ContractOwnerMissing,
                c.locate(""),
                format!("contract `{}` has no owner", c.id),
                "add `owner: <team>`".to_owned(),
            ),
            c,
            None,
        ));
    }
    let retried = delivery.retry.is_some();
    if (is_async(c) || retried) && delivery.idempotency_key.is_none() {
        let why = if is_async(c) {
            format!("an {} contract", m.pattern.as_str())
        } else {
            "a retried contract".to_owned()
        };
        out.push(for_contract(
            finding(
                RuleId::IdempotencyKeyUndeclared,
                c.locate("/delivery"),
                format!("`{}` is {why} without an idempotency key", c.id),
                "declare `delivery.idempotency_key: /<field>`: a retry without one duplicates invoices and orders".to_owned(),
            ),
            c,
            None,
        ));
    }
    if is_async(c) {
        if delivery.dead_letter.as_deref().is_none_or(str::is_empty) {
            out.push(for_contract(
                finding(
                    RuleId::DeadLetterMissing,
                    c.locate("/delivery"),
                    format!("`{}` has no dead-letter destination", c.id),
                    "declare `delivery.dead_letter: <queue or folder>` so failed messages are kept, not swallowed".to_owned(),
                ),
                c,
                None,
            ));
        }
        if delivery.retry.is_none() {
            out.push(for_contract(
                finding(
                    RuleId::RetryPolicyMissing,
                    c.locate("/delivery"),
                    format!("`{}` has no retry policy", c.id),
                    "declare `delivery.retry: { max_attempts: 5, backoff: exponential }`"
                        .to_owned(),
                ),
                c,
                None,
            ));
        }
        if monitoring.max_lag.is_none() {
            out.push(for_contract(
                finding(
                    RuleId::MaxLagMissing,
                    c.locate("/monitoring"),
                    format!("`{}` declares no `monitoring.max_lag`", c.id),
                    "declare how late a message may be processed, e.g. `max_lag: 5m`".to_owned(),
                ),
                c,
                None,
            ));
        }
    }
    let critical = m.criticality == Some(Criticality::BusinessCritical);
    match monitoring.alert_within.as_deref().and_then(parse_duration) {
        None => {
            let mut f = finding(
                RuleId::AlertWithinMissing,
                c.locate("/monitoring"),
                format!("`{}` declares no `monitoring.alert_within`", c.id),
                "declare how soon a failed or unprocessed message must alert, e.g. `alert_within: 15m`".to_owned(),
            );
            if critical {
                f.severity = Severity::Error;
            }
            out.push(for_contract(f, c, None));
        }
        Some(secs) if critical && secs > max_alert => out.push(for_contract(
            finding(
                RuleId::AlertWithinTooLong,
                c.locate("/monitoring/alert_within"),
                format!(
                    "business-critical `{}` alerts within {}, over the policy maximum of {}s",
                    c.id,
                    monitoring.alert_within.as_deref().unwrap_or_default(),
                    max_alert
                ),
                "shorten `alert_within`, or raise `lint.max_alert_within` in seam.yaml with the business's consent".to_owned(),
            ),
            c,
            None,
        )),
        Some(_) => {}
    }
    if m.financial {
        financial_rules(c, out);
    }
    example_rules(c, out);
    lifecycle_rules(repo, c, today, out);
    for (pointer, key) in &m.keys {
        let defined = repo
            .keys
            .as_ref()
            .is_some_and(|(_, k)| k.keys.contains_key(key));
        if !defined {
            let mut f = finding(
                RuleId::CanonicalKeyUndefined,
                c.locate(&format!("/keys/{}", crate::source::escape_segment(pointer))),
                format!("`{pointer}` is tagged with key `{key}`, which keys.yaml does not define"),
                format!(
                    "define `{key}` in keys.yaml (with an owner and a schema), or fix the name"
                ),
            );
            if let Some((_, keys)) = &repo.keys
                && let Some(s) =
                    crate::contract::load::did_you_mean(key, keys.keys.keys().map(String::as_str))
            {
                f.help = Some(format!("did you mean `{s}`?"));
            }
            out.push(for_contract(f, c, None));
        }
    }
}

fn financial_rules(c: &LoadedContract, out: &mut Vec<Finding>) {
    let Some(r) = &c.model.reconciliation else {
        out.push(for_contract(
            finding(
                RuleId::ReconciliationMissing,
                c.locate("/financial"),
                format!("financial contract `{}` declares no reconciliation", c.id),
                "add `reconciliation: { owner: <team>, key: /<id>, measures: [{ field: /<amount>, tolerance: \"0.01\" }] }`".to_owned(),
            ),
            c,
            None,
        ));
        return;
    };
    let mut missing = Vec::new();
    if r.owner.as_deref().is_none_or(str::is_empty) {
        missing.push("an owner");
    }
    if r.key.is_none() {
        missing.push("a key");
    }
    if r.measures.is_empty() {
        missing.push("measures");
    }
    if !missing.is_empty() {
        out.push(for_contract(
            finding(
                RuleId::ReconciliationMissing,
                c.locate("/reconciliation"),
                format!("the reconciliation of financial contract `{}` has no {}", c.id, missing.join(", no ")),
                "a pipe can be green while finance totals disagree: name who reconciles, on which key, which measures".to_owned(),
            ),
            c,
            None,
        ));
    }
    for (i, measure) in r.measures.iter().enumerate() {
        if measure.tolerance.is_none() {
            out.push(for_contract(
                finding(
                    RuleId::ReconciliationToleranceMissing,
                    c.locate(&format!("/reconciliation/measures/{i}")),
                    format!("measure `{}` of `{}` has no tolerance", measure.field, c.id),
                    "add `tolerance: \"0.01\"` (the accepted absolute difference; \"0\" for exact)"
                        .to_owned(),
                ),
                c,
                None,
            ));
        }
    }
}

fn example_rules(c: &LoadedContract, out: &mut Vec<Finding>) {
    for v in c.versions.values() {
        let in_range = |e: &&crate::contract::repo::LoadedExample| {
            e.range.as_ref().is_none_or(|r| matches(r, &v.version))
        };
        let valid = c
            .examples
            .iter()
            .filter(in_range)
            .any(|e| e.spec.expect == Expect::Valid);
        let negative_required = c.examples.iter().filter(in_range).any(|e| {
            e.spec.expect == Expect::Invalid && e.spec.keyword.as_deref() == Some("required")
        });
        let at = c.locate(&format!(
            "/versions/{}",
            crate::source::escape_segment(&v.key)
        ));
        if !valid {
            out.push(for_contract(
                finding(
                    RuleId::VersionWithoutExample,
                    at.clone(),
                    format!("version {} of `{}` has no valid example", v.key, c.id),
                    "record a real payload of this version under `examples:` (its `versions` range must include it)".to_owned(),
                ),
                c,
                Some(&v.key),
            ));
        }
        if !negative_required {
            out.push(for_contract(
                finding(
                    RuleId::NegativeExampleMissing,
                    at,
                    format!("version {} of `{}` has no negative example for a missing required field", v.key, c.id),
                    "add a payload without a required field with `expect: invalid` and `keyword: required`".to_owned(),
                ),
                c,
                Some(&v.key),
            ));
        }
    }
}

fn lifecycle_rules(repo: &Repository, c: &LoadedContract, today: &str, out: &mut Vec<Finding>) {
    for v in c.versions.values() {
        let at = c.locate(&format!(
            "/versions/{}",
            crate::source::escape_segment(&v.key)
        ));
        if v.meta.status == VersionStatus::Deprecated && v.meta.sunset.is_none() {
            out.push(for_contract(
                finding(
                    RuleId::SunsetMissing,
                    at.clone(),
                    format!(
                        "deprecated version {} of `{}` has no sunset date",
                        v.key, c.id
                    ),
                    "add `sunset: YYYY-MM-DD` so consumers know when to move".to_owned(),
                ),
                c,
                Some(&v.key),
            ));
        }
        if let Some(sunset) = &v.meta.sunset
            && sunset.as_str() < today
        {
            let users: Vec<ConsumerRef> = repo
                .consumers
                .iter()
                .flat_map(|consumer| {
                    consumer
                        .uses
                        .iter()
                        .filter(|u| u.spec.contract == c.id && matches(&u.range, &v.version))
                        .map(move |u| ConsumerRef {
                            system: consumer.model.system.clone(),
                            owner: consumer.owner_of(u).map(str::to_owned),
                        })
                })
                .collect();
            if !users.is_empty() {
                let names: Vec<&str> = users.iter().map(|u| u.system.as_str()).collect();
                let mut f = finding(
                    RuleId::SunsetPassedInUse,
                    at,
                    format!("version {} of `{}` was sunset on {sunset}, but {} still use{} it", v.key, c.id, names.join(", "), if names.len() == 1 { "s" } else { "" }),
                    "move the consumers' ranges to a supported version, or extend the sunset date with their owners".to_owned(),
                );
                f.consumers = users;
                out.push(for_contract(f, c, Some(&v.key)));
            }
        }
    }
}

/// The schema every payload with a non-empty value at `pointer` satisfies.
fn required_at(pointer: &str) -> Value {
    // Written branch by type, not as `not: {enum: [null, "", [], {}]}`: the structural rules
    // prove a version's key schema (a UUID string, a positive integer) within one branch at
    // once, where a negation would cost a witness search and the canonical algebra per version.
    let mut schema = json!({"anyOf": [
        {"type": ["boolean", "number"]},
        {"type": "string", "minLength": 1},
        {"type": "array", "minItems": 1},
        {"type": "object", "minProperties": 1},
    ]});
    for seg in split_pointer(pointer).iter().rev() {
        schema = json!({"type": "object", "required": [seg], "properties": {seg.clone(): schema}});
    }
    schema
}

/// Proves the idempotency key required and non-empty in every version's schema.
pub fn idempotency_in_schemas(repo: &Repository, schemas: &mut Schemas<'_>) -> Vec<Finding> {
    let contracts: Vec<&LoadedContract> = repo.contracts.values().collect();
    schemas
        .map_in_order(&contracts, |schemas, c| {
            let found = idempotency_of(schemas, c);
            // The version pairs prepare them again when they come to this contract.
            schemas.forget(c.versions.values().map(|v| v.schema.as_path()));
            found
        })
        .into_iter()
        .flatten()
        .collect()
}

/// [`idempotency_in_schemas`] for one contract.
fn idempotency_of(schemas: &mut Schemas<'_>, c: &LoadedContract) -> Vec<Finding> {
    let mut out = Vec::new();
    let Some(pointer) = c
        .model
        .delivery
        .as_ref()
        .and_then(|d| d.idempotency_key.clone())
    else {
        return out;
    };
    let Ok(requirement) = schemas.prepare(&required_at(&pointer)) else {
        return out;
    };
    for v in c.versions.values() {
        let Ok(schema) = schemas.get(&v.schema) else {
            continue;
        };
        let label = format!("{} {}", c.id, v.key);
        let answer =
            schemas.subset_labeled(&schema, &requirement, &label, "the idempotency requirement");
        let location = Location::new(&v.schema, 1, 1);
        let f = match answer {
            Subset::Yes => continue,
            Subset::No(ce) => {
                let mut f = finding(
                    RuleId::IdempotencyKeyNotRequired,
                    location,
                    format!(
                        "version {} of `{}` accepts payloads without a non-empty idempotency key at `{pointer}`",
                        v.key, c.id
                    ),
                    format!(
                        "make `{pointer}` required (on every object along the path) with a type that cannot be empty, e.g. `{{\"type\": \"string\", \"minLength\": 1}}`"
                    ),
                );
                f.counterexample = ce.shown().cloned();
                f.notes = vec![ce.reading_note().unwrap_or_else(|| {
                    format!("{label} accepts the counterexample, which has no usable key")
                })];
                f
            }
            Subset::Unknown(r) => finding(
                RuleId::IdempotencyKeyUnproven,
                location,
                format!(
                    "cannot prove that version {} of `{}` requires the idempotency key `{pointer}`",
                    v.key, c.id
                ),
                format!(
                    "undecided at `{}` (keyword `{}`): {}",
                    r.pointer, r.keyword, r.reason
                ),
            ),
        };
        out.push(for_contract(f, c, Some(&v.key)));
    }
    out
}
