//! Release policy: freeze windows, waivers and the release decision.
//!
//! Everything here takes the clock as an argument; only the CLI reads the system time.

pub mod release;
pub mod waivers;
pub mod windows;

use crate::contract::model::{RepoConfig, WaiversFile};
use crate::error::{LoadError, LoadErrorKind, Location};
use crate::source::Document;

/// Loads the contract repository at `root` with every load-time check, the policy's
/// (freeze windows, waivers) included: the one entry point for commands and the gate.
pub fn load(root: &std::path::Path) -> Result<crate::contract::repo::Repository, Vec<LoadError>> {
    crate::contract::repo::load_with(root, &validate)
}

/// Load-time checks of what the file schemas cannot express: freeze windows (time zones in the
/// bundled database, real dates and times, exactly one kind, unique names), rule IDs in
/// `lint.rules` and waivers (registered, or a former ID the registry redirects), and waivers
/// (real expiry dates, something named, `window` only on break-glass waivers and naming a
/// window).
/// `config` is `seam.yaml` when it parsed; `waivers` is `waivers.yaml` when present.
pub fn validate(
    config: Option<(&Document, &RepoConfig)>,
    waivers: Option<&(Document, WaiversFile)>,
) -> Vec<LoadError> {
    let mut errors = Vec::new();
    if let Some((doc, config)) = config
        && let Err(window_errors) = windows::compile(&config.freeze_windows)
    {
        for e in window_errors {
            let (line, col) = doc.locate(&e.pointer, false);
            errors.push(
                LoadError::new(
                    Location::new(&doc.path, line, col),
                    LoadErrorKind::InvalidValue,
                    e.message,
                )
                .with_help(e.help),
            );
        }
    }
    if let Some((doc, config)) = config {
        for id in config.lint.rules.keys() {
            let pointer = format!("/lint/rules/{}", crate::source::escape_segment(id));
            let (line, col) = doc.locate(&pointer, true);
            if let Some(e) = unknown_rule(Location::new(&doc.path, line, col), id) {
                errors.push(e);
            }
        }
    }
    if let Some((doc, config)) = config
        && crate::governance::parse_duration(&config.release.warn_before_freeze).is_none()
    {
        let (line, col) = doc.locate("/release/warn_before_freeze", false);
        errors.push(
            LoadError::new(
                Location::new(&doc.path, line, col),
                LoadErrorKind::InvalidValue,
                format!("`{}` is not a duration", config.release.warn_before_freeze),
            )
            .with_help("write a number and a unit: `30m`, `2h`, `1d`"),
        );
    }
    let Some((doc, file)) = waivers else {
        return errors;
    };
    let names: Vec<&str> = config
        .map(|(_, c)| c.freeze_windows.iter().map(|w| w.name.as_str()).collect())
        .unwrap_or_default();
    let at = |pointer: &str| {
        let (line, col) = doc.locate(pointer, false);
        Location::new(&doc.path, line, col)
    };
    for (i, w) in file.waivers.iter().enumerate() {
        let base = format!("/waivers/{i}");
        if let Some(rule) = &w.rule
            && let Some(e) = unknown_rule(at(&format!("{base}/rule")), rule)
        {
            errors.push(e);
        }
        if windows::parse_date(&w.expires).is_none() {
            errors.push(
                LoadError::new(
                    at(&format!("{base}/expires")),
                    LoadErrorKind::InvalidValue,
                    format!("`{}` is not a date", w.expires),
                )
                .with_help("write the last day the waiver applies as `YYYY-MM-DD`"),
            );
        }
        if w.rule.is_none() && w.contract.is_none() && w.fingerprint.is_none() {
            errors.push(
                LoadError::new(
                    at(&base),
                    LoadErrorKind::MissingField,
                    "waiver names nothing it covers".to_owned(),
                )
                .with_help(
                    "name a `rule`, a `contract` or a finding's `fingerprint` (as narrowly as possible)",
                ),
            );
        }
        if let Some(window) = &w.window {
            if !waivers::is_break_glass(w) {
                errors.push(
                    LoadError::new(
                        at(&format!("{base}/window")),
                        LoadErrorKind::InvalidValue,
                        "`window` only applies to break-glass waivers".to_owned(),
                    )
                    .with_help(format!(
                        "add `rule: {}`, or remove `window`",
                        crate::rules::RuleId::FreezeWindow
                    )),
                );
            } else if config.is_some() && !names.contains(&window.as_str()) {
                let mut e = LoadError::new(
                    at(&format!("{base}/window")),
                    LoadErrorKind::UnknownReference,
                    format!("unknown freeze window `{window}`"),
                );
                e.help = Some(
                    match crate::contract::load::did_you_mean(window, names.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => "name a window from `freeze_windows` in seam.yaml".to_owned(),
                    },
                );
                errors.push(e);
            }
        }
    }
    errors
}

/// The error for a rule ID the registry does not know (neither current nor redirected), with
/// the closest registered ID as a suggestion.
fn unknown_rule(location: Location, id: &str) -> Option<LoadError> {
    if crate::rules::resolve(id).is_some() {
        return None;
    }
    let mut e = LoadError::new(
        location,
        LoadErrorKind::UnknownReference,
        format!("unknown rule `{id}`"),
    );
    e.help = Some(
        match crate::contract::load::did_you_mean(id, crate::rules::ids()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => "name a rule ID listed in docs/rules.md".to_owned(),
        },
    );
    Some(e)
}
