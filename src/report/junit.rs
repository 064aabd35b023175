//! The JUnit XML report, written with `quick-junit` (which escapes XML and strips ANSI codes).
//!
//! One test suite per command (`seam verify`, `seam check`, ...). One test case per
//! (contract, check): findings are grouped by contract (or by file, for findings outside any
//! contract) and rule ID; the class name is the contract, the test name the rule ID. A group
//! with an error fails; a group of warnings and notes passes, with the findings in
//! `system-out`. Each contract in [`Report::checked`] that has no finding gets one passing test
//! case named after the command. Each input error is a test case in error. No timestamps, no
//! durations: the same report gives the same bytes.
//!
//! Text from the input is escaped as in the text report (`clean`, `guard_line`): CI
//! systems print JUnit messages into their logs.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

use crate::finding::{Finding, Severity};
use crate::report::sarif::split_location;
use crate::report::text::{clean, guard_line};
use crate::report::{InputError, Report};

/// Writes the report as JUnit XML.
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    build(report).serialize(out).map_err(io::Error::other)
}

/// Builds the `quick-junit` report (one suite) for `report`.
pub fn build(report: &Report) -> quick_junit::Report {
    let mut suite = TestSuite::new(format!("seam {}", report.command));
    if !report.summary.is_empty() {
        let summary = guard_line(&clean(&report.summary)).into_owned();
        suite.add_property(("summary", summary.as_str()));
    }

    // (class, rule) → findings, in a BTreeMap for a stable order.
    let mut groups: BTreeMap<(String, &str), Vec<&Finding>> = BTreeMap::new();
    for f in &report.findings {
        groups
            .entry((class_name(f), f.rule_id.as_str()))
            .or_default()
            .push(f);
    }
    let mut cases: Vec<TestCase> = Vec::new();
    for ((class, rule), findings) in &groups {
        cases.push(finding_case(class, rule, findings));
    }
    for id in &report.checked {
        if !groups.keys().any(|(class, _)| class == id) {
            let mut case = TestCase::new(report.command.as_str(), TestCaseStatus::success());
            case.set_classname(id.as_str());
            cases.push(case);
        }
    }
    cases.sort_by(|a, b| {
        (
            a.classname.as_ref().map(quick_junit::XmlString::as_str),
            a.name.as_str(),
        )
            .cmp(&(
                b.classname.as_ref().map(quick_junit::XmlString::as_str),
                b.name.as_str(),
            ))
    });
    for e in &report.errors {
        cases.push(input_error_case(e));
    }
    if cases.is_empty() {
        // Nothing found and no list of contracts: one passing case for the command, so CI
        // systems that fail on an empty test report see that seam ran and passed.
        let mut case = TestCase::new(report.command.as_str(), TestCaseStatus::success());
        case.set_classname("seam");
        cases.push(case);
    }
    suite.add_test_cases(cases);

    let mut junit = quick_junit::Report::new("seam");
    junit.add_test_suite(suite);
    junit
}

/// The contract ID, or the file for findings outside any contract.
fn class_name(f: &Finding) -> String {
    let name = f
        .contract
        .clone()
        .unwrap_or_else(|| f.location.path.to_string_lossy().replace('\\', "/"));
    guard_line(&clean(&name)).into_owned()
}

/// A multi-line text with each line guarded (`guard_line`); its values are already clean.
fn guard_text(text: &str) -> String {
    crate::report::text::guard_text(text, "\\:", "\\#").into_owned()
}

fn finding_case(class: &str, rule: &str, findings: &[&Finding]) -> TestCase {
    let mut text = String::new();
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            text.push('\n');
        }
        describe(&mut text, f);
    }
    let text = guard_text(&text);
    let errors: Vec<&&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let mut case = match errors.as_slice() {
        [] => {
            let mut case = TestCase::new(rule, TestCaseStatus::success());
            case.set_system_out(text);
            case
        }
        [first, rest @ ..] => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let message = if rest.is_empty() {
                format!("{}: {}", first.location, first.message)
            } else {
                format!(
                    "{}: {} (and {} more)",
                    first.location,
                    first.message,
                    rest.len()
                )
            };
            let message = guard_line(&clean(&message)).into_owned();
            status
                .set_message(message)
                .set_type(rule)
                .set_description(text);
            TestCase::new(rule, status)
        }
    };
    case.set_classname(class);
    case
}

/// The full text of one finding, as in the text report (without colour).
fn describe(s: &mut String, f: &Finding) {
    let _ = writeln!(
        s,
        "{}[{}]: {}",
        f.severity.as_str(),
        f.rule_id,
        clean(&f.message)
    );
    let _ = writeln!(s, "  --> {}", clean(&f.location.to_string()));
    if let (Some(c), v) = (&f.contract, &f.version) {
        match v {
            Some(v) => {
                let _ = writeln!(s, "   = contract: {}@{}", clean(c), clean(v));
            }
            None => {
                let _ = writeln!(s, "   = contract: {}", clean(c));
            }
        }
    }
    if let Some(p) = &f.instance_path {
        let shown = clean(if p.is_empty() { "/" } else { p });
        let _ = match &f.keyword {
            Some(k) => writeln!(s, "   = at `{shown}`, keyword `{}`", clean(k)),
            None => writeln!(s, "   = at `{shown}`"),
        };
    }
    if let Some(schema) = &f.schema {
        let version = schema
            .version
            .as_ref()
            .map(|v| format!(" {v}"))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "   = schema ({}{}): {}",
            clean(&schema.role),
            clean(&version),
            clean(&schema.location.to_string())
        );
    }
    for c in &f.consumers {
        let _ = match &c.owner {
            Some(o) => writeln!(
                s,
                "   = consumer: {} (owner {})",
                clean(&c.system),
                clean(o)
            ),
            None => writeln!(s, "   = consumer: {}", clean(&c.system)),
        };
    }
    if let Some(value) = &f.counterexample {
        let _ = writeln!(s, "   = counterexample:");
        for line in crate::report::json::pretty(value)
            .unwrap_or_default()
            .lines()
        {
            let _ = writeln!(s, "       {}", clean(line));
        }
    }
    for note in &f.notes {
        let _ = writeln!(s, "   = note: {note}");
    }
    if let Some(diff) = &f.diff {
        let _ = writeln!(s, "   = diff:");
        for line in diff.lines() {
            let _ = writeln!(s, "       {line}");
        }
    }
    if let Some(help) = &f.help {
        let _ = writeln!(s, "   = help: {}", clean(help));
    }
}

fn input_error_case(e: &InputError) -> TestCase {
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
    let mut text = format!("{}: {}\n", clean(&e.location), clean(&e.message));
    if let Some(help) = &e.help {
        let _ = writeln!(text, "   = help: {}", clean(help));
    }
    let text = guard_text(&text);
    status
        .set_message(guard_line(&clean(&e.message)).into_owned())
        .set_type(e.kind.as_str())
        .set_description(text);
    let mut case = TestCase::new(e.kind.as_str(), status);
    case.set_classname(guard_line(&clean(split_location(&e.location).0)).into_owned());
    case
}
