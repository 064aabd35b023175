//! Waivers: approved exceptions matched to findings as narrowly as they are declared.
//!
//! A waiver names what it covers with any of `rule`, `contract`, `version`, `pointer` (the
//! finding's instance path, matched exactly) and `fingerprint`; every field it names must match,
//! fields it leaves out match anything. A covered finding stays in the report, marked waived
//! with its approver, and no longer blocks. A waiver whose `expires` date is before today (UTC)
//! covers nothing and is itself an error (`waiver-expired`); a live waiver that covers no
//! finding is a warning (`waiver-unused`). Waivers with `rule: freeze-window` are break-glass
//! overrides for `seam release` (see [`crate::policy::release`]) and are not matched here.

use std::path::Path;

use jiff::civil::Date;

use crate::contract::model::{Waiver, WaiversFile};
use crate::error::Location;
use crate::finding::{Finding, Severity, WaivedBy};
use crate::policy::windows::parse_date;
use crate::rules::RuleId;
use crate::source::Document;

/// The waivers file name.
pub const WAIVERS_FILE: &str = "waivers.yaml";

/// Whether a waiver has expired on `today` (its `expires` day is still valid). A date that does
/// not parse counts as expired (the loader rejects it first).
pub fn is_expired(w: &Waiver, today: Date) -> bool {
    parse_date(&w.expires).is_none_or(|d| d < today)
}

/// The rule a waiver names, read through the registry (a former ID resolves to its current
/// rule). `None` when it names none, or one the registry does not know (the loader rejects
/// those first).
pub fn rule_of(w: &Waiver) -> Option<RuleId> {
    w.rule
        .as_deref()
        .and_then(crate::rules::resolve)
        .map(|(id, _)| id)
}

/// Whether a waiver is a break-glass override of freeze windows.
pub fn is_break_glass(w: &Waiver) -> bool {
    rule_of(w) == Some(RuleId::FreezeWindow)
}

/// Whether `w` covers `f`: every field the waiver names matches.
pub fn covers(w: &Waiver, f: &Finding) -> bool {
    let named = w.rule.is_some()
        || w.contract.is_some()
        || w.version.is_some()
        || w.pointer.is_some()
        || w.fingerprint.is_some();
    named
        && w.rule
            .as_ref()
            .is_none_or(|_| rule_of(w) == Some(f.rule_id))
        && w.contract
            .as_ref()
            .is_none_or(|c| f.contract.as_ref() == Some(c))
        && w.version
            .as_ref()
            .is_none_or(|v| f.version.as_ref() == Some(v))
        && w.pointer
            .as_ref()
            .is_none_or(|p| f.instance_path.as_ref() == Some(p))
        && w.fingerprint.as_ref().is_none_or(|p| *p == f.fingerprint)
}

/// How a waiver shows on the findings it covers.
pub fn waived_by(w: &Waiver) -> WaivedBy {
    WaivedBy {
        approved_by: w.approved_by.clone(),
        ticket: w.ticket.clone(),
        expires: w.expires.clone(),
        reason: w.reason.clone(),
    }
}

/// Where waiver `index` is declared.
pub fn waiver_location(doc: Option<&Document>, index: usize) -> Location {
    match doc {
        Some(d) => {
            let (line, col) = d.locate(&format!("/waivers/{index}"), false);
            Location::new(&d.path, line, col)
        }
        None => Location::file(Path::new(WAIVERS_FILE)),
    }
}

/// The `waiver-expired` error for waiver `index`.
pub fn expired_finding(w: &Waiver, index: usize, doc: Option<&Document>, today: Date) -> Finding {
    let what = describe(w);
    let mut f = Finding::new(
        RuleId::WaiverExpired,
        Severity::Error,
        waiver_location(doc, index),
        format!(
            "waiver for {what} expired on {} (today is {today}, UTC)",
            w.expires
        ),
    );
    f.contract.clone_from(&w.contract);
    f.version.clone_from(&w.version);
    f.help = Some(format!(
        "fix what it covers, or have {} (or another approver) renew it with a new `expires` date",
        w.approved_by
    ));
    f.refresh_fingerprint();
    f
}

/// What a waiver names, for messages.
pub fn describe(w: &Waiver) -> String {
    let mut parts = Vec::new();
    if let Some(r) = &w.rule {
        parts.push(format!("rule `{r}`"));
    }
    if let Some(window) = &w.window {
        parts.push(format!("window `{window}`"));
    }
    if let Some(c) = &w.contract {
        parts.push(format!("contract `{c}`"));
    }
    if let Some(v) = &w.version {
        parts.push(format!("version `{v}`"));
    }
    if let Some(p) = &w.pointer {
        parts.push(format!("pointer `{p}`"));
    }
    if let Some(f) = &w.fingerprint {
        parts.push(format!("fingerprint `{f}`"));
    }
    if parts.is_empty() {
        "nothing".to_owned()
    } else {
        parts.join(", ")
    }
}

/// Applies the waivers to `findings`: marks covered findings waived (the first live waiver in
/// file order wins), then adds `waiver-expired` errors and `waiver-unused` warnings. `today` is
/// the current date in UTC; the caller reads the clock.
pub fn apply(findings: &mut Vec<Finding>, file: &WaiversFile, doc: Option<&Document>, today: Date) {
    let mut extra = Vec::new();
    for (index, w) in file.waivers.iter().enumerate() {
        if is_break_glass(w) {
            continue;
        }
        if is_expired(w, today) {
            extra.push(expired_finding(w, index, doc, today));
            continue;
        }
        let mut used = false;
        for f in findings.iter_mut().filter(|f| covers(w, f)) {
            used = true;
            if f.waived.is_none() {
                f.waived = Some(waived_by(w));
            }
        }
        if !used {
            let mut f = Finding::new(
                RuleId::WaiverUnused,
                Severity::Warning,
                waiver_location(doc, index),
                format!("waiver for {} covers no finding", describe(w)),
            );
            f.contract.clone_from(&w.contract);
            f.version.clone_from(&w.version);
            f.help = Some(
                "remove the waiver, or fix its rule, contract, version, pointer or fingerprint"
                    .to_owned(),
            );
            f.refresh_fingerprint();
            extra.push(f);
        }
    }
    findings.append(&mut extra);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn waiver(rule: Option<&str>, expires: &str) -> Waiver {
        Waiver {
            rule: rule.map(str::to_owned),
            contract: None,
            version: None,
            pointer: None,
            fingerprint: None,
            window: None,
            reason: "agreed with finance".to_owned(),
            approved_by: "jane.doe".to_owned(),
            ticket: Some("CHG-1".to_owned()),
            expires: expires.to_owned(),
        }
    }

    fn finding(rule: RuleId, contract: &str, version: &str, path: &str) -> Finding {
        let mut f = Finding::new(
            rule,
            Severity::Error,
            Location::new("contracts/a/contract.yaml", 3, 1),
            "broken",
        );
        f.contract = Some(contract.to_owned());
        f.version = Some(version.to_owned());
        f.instance_path = Some(path.to_owned());
        f.refresh_fingerprint();
        f
    }

    fn today() -> Date {
        parse_date("2026-11-27").unwrap()
    }

    #[test]
    fn matches_as_narrowly_as_declared() {
        let f = finding(RuleId::ExampleInvalid, "sales.order", "2.0.0", "/total");
        let mut w = waiver(Some("example-invalid"), "2026-12-31");
        assert!(covers(&w, &f));
        w.contract = Some("sales.order".to_owned());
        w.version = Some("2.0.0".to_owned());
        w.pointer = Some("/total".to_owned());
        assert!(covers(&w, &f));
        w.pointer = Some("/total/amount".to_owned());
        assert!(!covers(&w, &f));
        w.pointer = None;
        w.version = Some("1.0.0".to_owned());
        assert!(!covers(&w, &f));
        let by_fingerprint = Waiver {
            fingerprint: Some(f.fingerprint.clone()),
            ..waiver(None, "2026-12-31")
        };
        assert!(covers(&by_fingerprint, &f));
        let other = finding(RuleId::ExampleInvalid, "sales.order", "2.0.0", "/other");
        assert!(!covers(&by_fingerprint, &other));
        // A waiver naming nothing covers nothing.
        assert!(!covers(&waiver(None, "2026-12-31"), &f));
    }

    #[test]
    fn waived_error_no_longer_blocks() {
        let mut findings = vec![finding(RuleId::ExampleInvalid, "a", "1.0.0", "/x")];
        let file = WaiversFile {
            waivers: vec![waiver(Some("example-invalid"), "2026-11-27")],
        };
        apply(&mut findings, &file, None, today());
        assert_eq!(findings.len(), 1);
        let waived = findings[0].waived.as_ref().unwrap();
        assert_eq!(waived.approved_by, "jane.doe");
        assert!(!findings[0].blocks());
    }

    #[test]
    fn expired_waiver_fails_and_covers_nothing() {
        let mut findings = vec![finding(RuleId::ExampleInvalid, "a", "1.0.0", "/x")];
        let file = WaiversFile {
            waivers: vec![waiver(Some("example-invalid"), "2026-11-26")],
        };
        apply(&mut findings, &file, None, today());
        assert_eq!(findings.len(), 2);
        assert!(findings[0].waived.is_none());
        assert_eq!(findings[1].rule_id, RuleId::WaiverExpired);
        assert_eq!(findings[1].severity, Severity::Error);
        assert_eq!(
            findings[1].message,
            "waiver for rule `example-invalid` expired on 2026-11-26 (today is 2026-11-27, UTC)"
        );
    }

    #[test]
    fn unused_waiver_warns_and_break_glass_is_skipped() {
        let mut findings = Vec::new();
        let file = WaiversFile {
            waivers: vec![
                waiver(Some("property-removed"), "2027-01-31"),
                waiver(Some(RuleId::FreezeWindow.as_str()), "2027-01-31"),
            ],
        };
        apply(&mut findings, &file, None, today());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule_id, RuleId::WaiverUnused);
        assert_eq!(findings[0].severity, Severity::Warning);
        assert_eq!(findings[0].location.to_string(), "waivers.yaml");
    }
}
