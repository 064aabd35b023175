//! The release decision as a library function: what changed since the last release
//! (`--since`, default the newest tag matching `release.tag_pattern`, classified with the
//! engine; or as given), the freeze windows of `seam.yaml` and the break-glass waivers of
//! `waivers.yaml`, decided for one instant.

use std::path::Path;

use jiff::{Timestamp, ZonedDateTime};

use crate::contract::model::Waiver;
use crate::contract::prepared::Schemas;
use crate::contract::repo::Repository;
use crate::error::LoadError;
use crate::finding::{Finding, Severity};
use crate::policy::release::{ChangeClass, ReleaseDecision, decide, parse_instant};
use crate::policy::windows;
use crate::source::{Document, RepoRoot};

/// What the release gate is asked.
#[derive(Debug, Clone, Default)]
pub struct ReleaseOptions {
    /// Decide for this instant (RFC 3339, or a local time in an IANA zone); default: now.
    pub at: Option<String>,
    /// The last release to compare with; default: the newest tag matching the pattern.
    pub since: Option<String>,
    /// What changed, as the user says it (instead of computing it from git).
    pub change: Option<ChangeClass>,
}

/// Why the release gate could not decide.
#[derive(Debug)]
pub enum ReleaseError {
    /// The repository (or the `--since` revision) does not load: exit 2 with the errors.
    Load(Vec<LoadError>),
    /// The question is wrong (bad `--at`, bad tag pattern): exit 2 with a message and help.
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        help: String,
    },
}

/// The answer of one release run.
pub struct ReleaseRun {
    /// The repository as it is now.
    pub repo: Repository,
    /// Freeze windows, break-glass waivers and the change class, decided.
    pub decision: ReleaseDecision,
    /// Why the change has its class, in words.
    pub why: String,
    /// Findings of the decision (blocking windows, break-glass use, expired waivers).
    pub findings: Vec<Finding>,
    /// The last release the gate compared with (`--since`, or the newest release tag), when
    /// there is one.
    pub base: Option<super::BaseRevision>,
}

/// Decides whether a release of the repository at `dir` may go out.
pub fn run(dir: &Path, options: &ReleaseOptions) -> Result<ReleaseRun, ReleaseError> {
    let repo = crate::policy::load(dir).map_err(ReleaseError::Load)?;
    let compiled =
        windows::compile(&repo.config.freeze_windows).map_err(|e| ReleaseError::Usage {
            // The loader checks windows; this only fires if that check is bypassed.
            message: format!("invalid freeze windows in seam.yaml: {}", e.len()),
            help: "run `seam lint`".to_owned(),
        })?;
    // Instants are shown in the zone `--at` names, else in the first window's zone.
    let display = compiled
        .first()
        .map_or(jiff::tz::TimeZone::UTC, |w| w.tz().clone());
    let at: ZonedDateTime = match &options.at {
        Some(text) => parse_instant(text, &display).map_err(|message| ReleaseError::Usage {
            message,
            help: "write `2026-11-27T14:00:00+01:00`, `2026-11-27T13:00:00Z` or `2026-11-27T14:00[Europe/Berlin]`".to_owned(),
        })?,
        None => Timestamp::now().to_zoned_datetime(display),
    };
    let since = last_release(dir, options, &repo)?;
    let (change, why) = match options.change {
        Some(c) => (c, "as given with --change".to_owned()),
        None => change_since(dir, &since, &repo)?,
    };
    // The release gate is a gate: whatever `seam check --against <last release>` blocks, the
    // release blocks too (waivers of single findings apply as in `seam check`).
    let gate = super::run(
        dir,
        &super::GateOptions {
            against: since.name().map(str::to_owned),
            today: Some(
                at.timestamp()
                    .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                    .date(),
            ),
            shard: None,
            cache_dir: None,
            every_contract: false,
        },
        &super::NoProgress,
    )
    .map_err(ReleaseError::Load)?;
    let base = gate.base.clone();
    let gate_errors: Vec<Finding> = gate
        .findings
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    let blocking = gate_errors.iter().filter(|f| f.waived.is_none()).count();
    let checked = match since.name() {
        Some(name) => format!("seam check --against {name}"),
        None => "seam check".to_owned(),
    };
    let waivers: &[Waiver] = repo.waivers.as_ref().map_or(&[], |(_, f)| &f.waivers);
    let mut decision = decide(&compiled, waivers, &at, change);
    decision.apply_gate(blocking, checked);
    let lead = crate::governance::parse_duration(&repo.config.release.warn_before_freeze)
        .unwrap_or(2 * 3600);
    decision.warn_upcoming(&compiled, lead, at.time_zone());
    let config_doc = Document::read(&RepoRoot::new(dir), Path::new("seam.yaml")).ok();
    let mut findings = decision.findings(
        config_doc.as_ref(),
        waivers,
        repo.waivers.as_ref().map(|(d, _)| d),
    );
    findings.extend(gate_errors);
    Ok(ReleaseRun {
        repo,
        decision,
        why,
        findings,
        base,
    })
}

/// The last release, as far as git knows it.
enum Since {
    /// A revision: `--since`, or the newest tag matching `release.tag_pattern`.
    Named(String),
    /// The folder is not in a git repository.
    NotGit,
    /// No tag matches the pattern (shown).
    NoTag(String),
}

impl Since {
    fn name(&self) -> Option<&str> {
        match self {
            Self::Named(n) => Some(n),
            Self::NotGit | Self::NoTag(_) => None,
        }
    }
}

/// The last release: `--since`, else the newest tag matching `release.tag_pattern`.
fn last_release(
    dir: &Path,
    options: &ReleaseOptions,
    repo: &Repository,
) -> Result<Since, ReleaseError> {
    if let Some(s) = &options.since {
        return Ok(Since::Named(s.clone()));
    }
    let pattern = &repo.config.release.tag_pattern;
    let Ok(git) = crate::git::GitRepo::open(dir) else {
        return Ok(Since::NotGit);
    };
    match git.tags_matching(pattern) {
        Ok(tags) => Ok(tags
            .into_iter()
            .next()
            .map_or_else(|| Since::NoTag(pattern.clone()), |t| Since::Named(t.name))),
        Err(e) => Err(ReleaseError::Usage {
            message: e.to_string(),
            help: e.help(),
        }),
    }
}

/// What changed since the last release, and why, computed with the engine.
fn change_since(
    dir: &Path,
    since: &Since,
    repo: &Repository,
) -> Result<(ChangeClass, String), ReleaseError> {
    let since = match since {
        Since::Named(name) => name.clone(),
        Since::NotGit => {
            return Ok((
                ChangeClass::Breaking,
                "not a git repository, so assumed breaking (say `--change` or `--since`)"
                    .to_owned(),
            ));
        }
        Since::NoTag(pattern) => {
            return Ok((
                if repo.contracts.is_empty() {
                    ChangeClass::None
                } else {
                    ChangeClass::Compatible
                },
                format!("no release tag matches `{pattern}`: everything is new"),
            ));
        }
    };
    let (rev, _guard, loaded) = super::load_at_revision(dir, &since, super::Pick::Tip)
        .map_err(|e| ReleaseError::Load(vec![e]))?;
    let Ok(base) = loaded else {
        return Ok((
            ChangeClass::Breaking,
            format!("the repository at `{since}` does not load, so assumed breaking"),
        ));
    };
    let mut schemas = Schemas::new(repo);
    let (class, reasons) = super::classify_since(repo, &base, &mut schemas);
    let shown: Vec<String> = reasons.iter().take(5).cloned().collect();
    let more = if reasons.len() > 5 {
        format!(" and {} more", reasons.len() - 5)
    } else {
        String::new()
    };
    let why = if reasons.is_empty() {
        format!("since `{since}` ({}): no contract changed", rev.short)
    } else {
        format!(
            "since `{since}` ({}): {}{more}",
            rev.short,
            shown.join("; ")
        )
    };
    Ok((class, why))
}
