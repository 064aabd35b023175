//! What changed since a release, classified with the engine for `seam release`: `breaking`
//! when any contract lost compatibility (a new version that breaks its predecessor under the
//! contract's mode, a published version edited incompatibly, a version or contract removed),
//! `compatible` when contracts changed without breaking, `none` when nothing changed.
//! Undecided comparisons count as breaking: unknown is never a pass.

use super::mode_of;
use crate::contract::prepared::Schemas;
use crate::contract::repo::Repository;
use crate::policy::release::ChangeClass;
use crate::schema::{Mode, Verdict};

/// The class of the change and one line per contract that explains it, sorted.
pub fn classify_since(
    now: &Repository,
    base: &Repository,
    schemas: &mut Schemas<'_>,
) -> (ChangeClass, Vec<String>) {
    let mut class = ChangeClass::None;
    let mut reasons = Vec::new();
    let mut raise = |class_now: ChangeClass, reason: String, class: &mut ChangeClass| {
        if rank(class_now) > rank(*class) {
            *class = class_now;
        }
        reasons.push(reason);
    };
    for (id, b) in &base.contracts {
        let Some(c) = now.contracts.get(id) else {
            raise(
                ChangeClass::Breaking,
                format!("`{id}` was removed"),
                &mut class,
            );
            continue;
        };
        let mode = match mode_of(now, c) {
            Mode::None => Mode::Full,
            m => m,
        };
        for (v, bv) in &b.versions {
            match c.versions.get(v) {
                None => raise(
                    ChangeClass::Breaking,
                    format!("`{id}` {} was removed", bv.key),
                    &mut class,
                ),
                Some(nv) => {
                    let before = base.schemas.inline(&bv.schema).ok();
                    let after = now.schemas.inline(&nv.schema).ok();
                    if before.is_some() && before == after {
                        continue;
                    }
                    let verdict = before
                        .and_then(|doc| schemas.engine().prepare(&doc).ok())
                        .zip(schemas.get(&nv.schema).ok())
                        .map_or(Verdict::Unknown, |(old, new)| {
                            schemas.engine().compare(&old, &new, mode).verdict
                        });
                    let cls = if verdict == Verdict::Compatible {
                        ChangeClass::Compatible
                    } else {
                        ChangeClass::Breaking
                    };
                    raise(
                        cls,
                        format!(
                            "`{id}` {} was edited in place ({verdict} under {mode})",
                            nv.key
                        ),
                        &mut class,
                    );
                }
            }
        }
        // New versions, each against the version before it.
        let versions: Vec<_> = c.versions.values().collect();
        for (i, nv) in versions.iter().enumerate() {
            if b.versions.contains_key(&nv.version) {
                continue;
            }
            let Some(prev) = i.checked_sub(1).and_then(|p| versions.get(p)) else {
                raise(
                    ChangeClass::Compatible,
                    format!("`{id}` {} is new", nv.key),
                    &mut class,
                );
                continue;
            };
            let verdict = match (schemas.get(&prev.schema), schemas.get(&nv.schema)) {
                (Ok(a), Ok(bb)) => schemas.engine().compare(&a, &bb, mode).verdict,
                _ => Verdict::Unknown,
            };
            let cls = if verdict == Verdict::Compatible {
                ChangeClass::Compatible
            } else {
                ChangeClass::Breaking
            };
            raise(
                cls,
                format!(
                    "`{id}` {} is new ({verdict} with {} under {mode})",
                    nv.key, prev.key
                ),
                &mut class,
            );
        }
    }
    for (id, c) in &now.contracts {
        if !base.contracts.contains_key(id) {
            let versions: Vec<&str> = c.versions.values().map(|v| v.key.as_str()).collect();
            raise(
                ChangeClass::Compatible,
                format!("`{id}` is new ({})", versions.join(", ")),
                &mut class,
            );
        }
    }
    reasons.sort();
    (class, reasons)
}

fn rank(c: ChangeClass) -> u8 {
    match c {
        ChangeClass::None => 0,
        ChangeClass::Compatible => 1,
        ChangeClass::Breaking => 2,
    }
}
