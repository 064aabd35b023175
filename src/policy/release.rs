//! The release decision: may a release with a given change class go out at a given instant?
//!
//! Inputs are the repository's freeze windows, its waivers, the instant (the caller reads the
//! clock) and the class of what changed since the last release (the caller computes it). A
//! window with `blocks: all` blocks every release, one with `blocks: breaking` only releases
//! that carry a breaking change. A blocked release may still go out under a break-glass waiver
//! (`rule: freeze-window`, optionally `window: <name>`, with an approver and an unexpired
//! `expires` date) covering every blocking window; its use is part of the decision so every
//! output format can show it loudly.

use jiff::civil::DateTime;
use jiff::tz::TimeZone;
use jiff::{Timestamp, ZonedDateTime};
use serde::Serialize;

use crate::contract::model::{Blocks, Waiver};
use crate::error::Location;
use crate::finding::{Finding, Severity};
use crate::policy::waivers::{self, is_break_glass, is_expired};
use crate::policy::windows::{Slot, Window, active_at, next_allowed, time_zone};
use crate::rules::RuleId;
use crate::source::Document;

/// What changed since the last release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeClass {
    /// No contract changed.
    None,
    /// Changes that every consumer accepts.
    Compatible,
    /// At least one breaking change.
    Breaking,
}

impl ChangeClass {
    /// The name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Compatible => "compatible",
            Self::Breaking => "breaking",
        }
    }
}

/// Whether a window blocking `blocks` blocks a release of class `class`.
pub fn window_blocks(blocks: Blocks, class: ChangeClass) -> bool {
    match blocks {
        Blocks::All => true,
        Blocks::Breaking => class == ChangeClass::Breaking,
    }
}

/// A freeze window active at the instant asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActiveWindow {
    /// Index in `freeze_windows`.
    #[serde(skip)]
    pub index: usize,
    /// Window name.
    pub name: String,
    /// What it blocks.
    pub blocks: Blocks,
    /// Its time zone.
    pub timezone: String,
    /// Why it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Whether it blocks this release (given the change class).
    pub blocking: bool,
    /// When this occurrence started (UTC, RFC 3339).
    #[serde(serialize_with = "utc")]
    pub start: Timestamp,
    /// When this occurrence ends (UTC, RFC 3339).
    #[serde(serialize_with = "utc")]
    pub end: Timestamp,
    /// The end in the window's time zone.
    pub end_local: String,
}

/// A freeze window that starts soon after the instant asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpcomingWindow {
    /// Index in `freeze_windows`.
    #[serde(skip)]
    pub index: usize,
    /// Window name.
    pub name: String,
    /// What it blocks.
    pub blocks: Blocks,
    /// Whether it would block this release (given the change class).
    pub blocking: bool,
    /// When it starts (UTC, RFC 3339).
    #[serde(serialize_with = "utc")]
    pub start: Timestamp,
    /// The start in the time zone asked in.
    pub start_local: String,
}

/// A break-glass waiver used to release through blocking windows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BreakGlass {
    /// Index in `waivers.yaml`.
    #[serde(skip)]
    pub waiver: usize,
    /// The blocking windows it overrides.
    pub windows: Vec<String>,
    /// Who approved it.
    pub approved_by: String,
    /// Change or incident ticket.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Last day on which it applies.
    pub expires: String,
    /// Why.
    pub reason: String,
}

/// A break-glass waiver whose expiry date has passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpiredWaiver {
    /// Index in `waivers.yaml`.
    pub waiver: usize,
    /// The window it named, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    /// Who approved it.
    pub approved_by: String,
    /// Its expiry date.
    pub expires: String,
}

/// The answer of `seam release`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseDecision {
    /// The instant decided about (UTC, RFC 3339).
    #[serde(serialize_with = "utc")]
    pub at: Timestamp,
    /// The instant in the time zone it was asked in.
    pub at_local: String,
    /// What changed since the last release.
    pub change_class: ChangeClass,
    /// Whether the release may go out (possibly under a break-glass override).
    pub allowed: bool,
    /// Whether a window blocks it (before any override).
    pub blocked_by_window: bool,
    /// Every window active at the instant, blocking or not, in declaration order.
    pub active_windows: Vec<ActiveWindow>,
    /// When blocked: the first instant at which no window blocking this change is active
    /// (UTC). `None` when allowed without override, or when no slot exists within the horizon.
    #[serde(serialize_with = "utc_opt", skip_serializing_if = "Option::is_none")]
    pub next_allowed_slot: Option<Timestamp>,
    /// The next allowed slot in the time zone asked in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_allowed_slot_local: Option<String>,
    /// When blocked and every day of the search horizon is frozen: its length in days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_slot_within_days: Option<u32>,
    /// Break-glass overrides used. Non-empty means the release goes out during a freeze.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub break_glass: Vec<BreakGlass>,
    /// Break-glass waivers that have expired (they override nothing and fail the release).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub expired_waivers: Vec<ExpiredWaiver>,
    /// The merge gate run on the release (`seam check --against <last release>`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub gate: String,
    /// Blocking (unwaived) findings of that gate run: any blocks the release, whatever the
    /// windows say; break-glass waivers do not override them.
    pub blocking_findings: usize,
    /// Windows that start within `release.warn_before_freeze` of the instant.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub upcoming_windows: Vec<UpcomingWindow>,
}

fn utc<S: serde::Serializer>(t: &Timestamp, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(t)
}

#[expect(clippy::ref_option, reason = "serde's serialize_with signature")]
fn utc_opt<S: serde::Serializer>(t: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.collect_str(t),
        None => s.serialize_none(),
    }
}

/// Formats an instant in a time zone: `Fri 2026-11-27 14:00 CET (Europe/Berlin)`.
pub fn local(t: Timestamp, tz: &TimeZone) -> String {
    let z = t.to_zoned_datetime(tz.clone());
    let name = tz.iana_name().unwrap_or("UTC");
    let text = z.strftime("%a %Y-%m-%d %H:%M %Z").to_string();
    if name == "UTC" || name == "Etc/Unknown" {
        text
    } else {
        format!("{text} ({name})")
    }
}

/// Parses a `--at` value: RFC 3339 with an offset or `Z` (then shown in `display`), or a local
/// date-time in an IANA zone such as `2026-11-27T14:00[Europe/Berlin]` (shown in that zone; a
/// time in a DST gap moves forward by the gap, a time in a fold is the earlier one).
pub fn parse_instant(text: &str, display: &TimeZone) -> Result<ZonedDateTime, String> {
    let text = text.trim();
    if let Some(stripped) = text.strip_suffix(']')
        && let Some((dt, zone)) = stripped.split_once('[')
    {
        let tz = time_zone(zone).ok_or_else(|| format!("unknown time zone `{zone}`"))?;
        let civil: DateTime = dt
            .parse()
            .map_err(|e| format!("`{dt}` is not a local date-time: {e}"))?;
        return tz
            .to_ambiguous_zoned_datetime(civil)
            .compatible()
            .map_err(|e| format!("`{text}`: {e}"));
    }
    let t: Timestamp = text
        .parse()
        .map_err(|e| format!("`{text}` is not an RFC 3339 time with an offset: {e}"))?;
    // jiff takes offsets up to ±25:59:59; RFC 3339 (and every real time zone) stays within a day.
    if let Some(offset) = jiff::fmt::temporal::Pieces::parse(text)
        .ok()
        .and_then(|p| p.to_numeric_offset())
        && offset.seconds().unsigned_abs() >= 24 * 3600
    {
        return Err(format!(
            "`{text}` has the UTC offset `{offset}`, out of range (RFC 3339 offsets lie between -23:59 and +23:59)"
        ));
    }
    Ok(t.to_zoned_datetime(display.clone()))
}

/// Decides whether a release of class `change` may go out at `at` (whose time zone is used to
/// show instants). `waivers` is the whole waivers list; only break-glass ones are considered.
pub fn decide(
    windows: &[Window],
    waivers: &[Waiver],
    at: &ZonedDateTime,
    change: ChangeClass,
) -> ReleaseDecision {
    let t = at.timestamp();
    let today = TimeZone::UTC.to_datetime(t).date();
    let active: Vec<ActiveWindow> = active_at(windows, t)
        .into_iter()
        .map(|a| ActiveWindow {
            index: a.window.index,
            name: a.window.name.clone(),
            blocks: a.window.blocks,
            timezone: a.window.timezone.clone(),
            reason: a.window.reason.clone(),
            blocking: window_blocks(a.window.blocks, change),
            start: a.interval.start,
            end: a.interval.end,
            end_local: local(a.interval.end, a.window.tz()),
        })
        .collect();
    let blocked_by_window = active.iter().any(|a| a.blocking);

    let mut expired_waivers = Vec::new();
    let mut live = Vec::new();
    for (i, w) in waivers
        .iter()
        .enumerate()
        .filter(|(_, w)| is_break_glass(w))
    {
        if is_expired(w, today) {
            expired_waivers.push(ExpiredWaiver {
                waiver: i,
                window: w.window.clone(),
                approved_by: w.approved_by.clone(),
                expires: w.expires.clone(),
            });
        } else {
            live.push((i, w));
        }
    }

    let mut break_glass: Vec<BreakGlass> = Vec::new();
    let mut uncovered = false;
    for a in active.iter().filter(|a| a.blocking) {
        let found = live
            .iter()
            .find(|(_, w)| w.window.as_ref().is_none_or(|n| *n == a.name));
        match found {
            Some((i, w)) => match break_glass.iter_mut().find(|b| b.waiver == *i) {
                Some(b) => b.windows.push(a.name.clone()),
                None => break_glass.push(BreakGlass {
                    waiver: *i,
                    windows: vec![a.name.clone()],
                    approved_by: w.approved_by.clone(),
                    ticket: w.ticket.clone(),
                    expires: w.expires.clone(),
                    reason: w.reason.clone(),
                }),
            },
            None => uncovered = true,
        }
    }
    if uncovered {
        // An override that does not cover every blocking window is not used.
        break_glass.clear();
    }
    let allowed = !blocked_by_window || !uncovered;

    let (mut next_allowed_slot, mut no_slot_within_days) = (None, None);
    if blocked_by_window {
        let blocking: Vec<&Window> = windows
            .iter()
            .filter(|w| window_blocks(w.blocks, change))
            .collect();
        match next_allowed(&blocking, t) {
            Slot::Now => {}
            Slot::At(s) => next_allowed_slot = Some(s),
            Slot::NoneWithin(days) => no_slot_within_days = Some(days),
        }
    }
    ReleaseDecision {
        at: t,
        at_local: local(t, at.time_zone()),
        change_class: change,
        allowed,
        blocked_by_window,
        active_windows: active,
        next_allowed_slot,
        next_allowed_slot_local: next_allowed_slot.map(|s| local(s, at.time_zone())),
        no_slot_within_days,
        break_glass,
        expired_waivers,
        gate: String::new(),
        blocking_findings: 0,
        upcoming_windows: Vec::new(),
    }
}

impl ReleaseDecision {
    /// Whether the release fails: blocked, or an expired break-glass waiver is on file.
    pub fn fails(&self) -> bool {
        !self.allowed || !self.expired_waivers.is_empty()
    }

    /// Records the merge gate's answer (`gate` names the check that ran): blocking findings
    /// block the release as a freeze window does.
    pub fn apply_gate(&mut self, blocking_findings: usize, gate: String) {
        self.blocking_findings = blocking_findings;
        self.gate = gate;
        if blocking_findings > 0 {
            self.allowed = false;
        }
    }

    /// Notes the windows that start within `lead_secs` of the instant (starts shown in `tz`,
    /// the zone the instant was asked in).
    pub fn warn_upcoming(&mut self, windows: &[Window], lead_secs: u64, tz: &TimeZone) {
        self.upcoming_windows =
            crate::policy::windows::starting_within(windows, self.at, lead_secs)
                .into_iter()
                .map(|a| UpcomingWindow {
                    index: a.window.index,
                    name: a.window.name.clone(),
                    blocks: a.window.blocks,
                    blocking: window_blocks(a.window.blocks, self.change_class),
                    start: a.interval.start,
                    start_local: local(a.interval.start, tz),
                })
                .collect();
    }

    /// The decision as report findings: one `freeze-window` error per blocking window (marked
    /// waived when a break-glass waiver overrides it) and one `waiver-expired` error per expired
    /// break-glass waiver. `config` is `seam.yaml` and `waivers_doc` `waivers.yaml`, for positions.
    pub fn findings(
        &self,
        config: Option<&Document>,
        waivers_list: &[Waiver],
        waivers_doc: Option<&Document>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        for a in self.active_windows.iter().filter(|a| a.blocking) {
            let location = match config {
                Some(d) => {
                    let (line, col) = d.locate(&format!("/freeze_windows/{}", a.index), false);
                    Location::new(&d.path, line, col)
                }
                None => Location::file("seam.yaml"),
            };
            let what = match a.blocks {
                Blocks::All => "all releases".to_owned(),
                Blocks::Breaking => "breaking releases".to_owned(),
            };
            let reason = a
                .reason
                .as_ref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default();
            let mut f = Finding::new(
                RuleId::FreezeWindow,
                Severity::Error,
                location,
                format!(
                    "freeze window `{}` blocks {what} until {}{reason}",
                    a.name, a.end_local
                ),
            );
            let waiver = format!("a break-glass waiver (`rule: {}`)", RuleId::FreezeWindow);
            f.help = Some(
                match (&self.next_allowed_slot_local, self.no_slot_within_days) {
                    (Some(s), _) => format!(
                        "release at or after {s}, or add {waiver} with an approver and an expiry to waivers.yaml"
                    ),
                    (None, Some(days)) => format!(
                        "no allowed slot within {days} days: check the windows in seam.yaml, or add {waiver}"
                    ),
                    (None, None) => {
                        format!("add {waiver} with an approver and an expiry to waivers.yaml")
                    }
                },
            );
            if let Some(b) = self
                .break_glass
                .iter()
                .find(|b| b.windows.contains(&a.name))
                && let Some(w) = waivers_list.get(b.waiver)
            {
                f.waived = Some(waivers::waived_by(w));
            }
            out.push(f);
        }
        for u in &self.upcoming_windows {
            let location = match config {
                Some(d) => {
                    let (line, col) = d.locate(&format!("/freeze_windows/{}", u.index), false);
                    Location::new(&d.path, line, col)
                }
                None => Location::file("seam.yaml"),
            };
            let what = if u.blocking {
                "will block this release"
            } else {
                "will block only breaking releases"
            };
            let mut f = Finding::new(
                RuleId::FreezeWindowUpcoming,
                Severity::Warning,
                location,
                format!(
                    "freeze window `{}` starts at {} and {what}",
                    u.name, u.start_local
                ),
            );
            f.help = Some(
                "finish the release (and its rollback plan) before the window starts, or plan it for after the window".to_owned(),
            );
            f.refresh_fingerprint();
            out.push(f);
        }
        let today = TimeZone::UTC.to_datetime(self.at).date();
        for e in &self.expired_waivers {
            if let Some(w) = waivers_list.get(e.waiver) {
                out.push(waivers::expired_finding(w, e.waiver, waivers_doc, today));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::model::{FreezeWindow, MonthEndWindow, WeekTime, Weekday, WeeklyWindow};
    use crate::policy::windows::compile;

    fn windows() -> Vec<Window> {
        let weekend = FreezeWindow {
            name: "weekend".to_owned(),
            blocks: Blocks::All,
            timezone: "Europe/Berlin".to_owned(),
            reason: Some("no one on call".to_owned()),
            weekly: Some(WeeklyWindow {
                from: WeekTime {
                    day: Weekday::Friday,
                    time: "12:00".to_owned(),
                },
                until: WeekTime {
                    day: Weekday::Monday,
                    time: "06:00".to_owned(),
                },
            }),
            month_end: None,
            dates: None,
        };
        let close = FreezeWindow {
            name: "month-end-close".to_owned(),
            blocks: Blocks::Breaking,
            timezone: "Europe/Berlin".to_owned(),
            reason: None,
            weekly: None,
            month_end: Some(MonthEndWindow {
                last_business_days: 3,
                first_business_days: 2,
                holidays: Vec::new(),
            }),
            dates: None,
        };
        compile(&[weekend, close]).unwrap()
    }

    fn at(text: &str) -> ZonedDateTime {
        let t: Timestamp = text.parse().unwrap();
        t.to_zoned_datetime(crate::policy::windows::time_zone("Europe/Berlin").unwrap())
    }

    fn break_glass(window: Option<&str>, expires: &str) -> Waiver {
        Waiver {
            rule: Some("freeze-window".to_owned()),
            contract: None,
            version: None,
            pointer: None,
            fingerprint: None,
            window: window.map(str::to_owned),
            reason: "hotfix for invoice duplication".to_owned(),
            approved_by: "cto@nordwind.example".to_owned(),
            ticket: Some("INC-7".to_owned()),
            expires: expires.to_owned(),
        }
    }

    #[test]
    fn friday_afternoon_is_blocked_tuesday_morning_allowed() {
        let w = windows();
        let d = decide(
            &w,
            &[],
            &at("2026-11-20T13:00:00Z"),
            ChangeClass::Compatible,
        );
        assert!(!d.allowed);
        assert_eq!(d.active_windows.len(), 1);
        assert_eq!(d.active_windows[0].name, "weekend");
        assert_eq!(
            d.active_windows[0].end_local,
            "Mon 2026-11-23 06:00 CET (Europe/Berlin)"
        );
        assert_eq!(
            d.next_allowed_slot,
            Some("2026-11-23T05:00:00Z".parse().unwrap())
        );
        let d = decide(&w, &[], &at("2026-11-24T08:00:00Z"), ChangeClass::Breaking);
        assert!(d.allowed);
        assert!(d.active_windows.is_empty());
        assert_eq!(d.next_allowed_slot, None);
    }

    #[test]
    fn offsets_beyond_a_day_are_rejected() {
        let utc = TimeZone::UTC;
        let err = parse_instant("2026-11-27T14:00:00+25:00", &utc).unwrap_err();
        assert!(err.contains("out of range"), "{err}");
        assert!(parse_instant("2026-11-27T14:00:00-24:00", &utc).is_err());
        let ok = parse_instant("2026-11-27T14:00:00+23:59", &utc).unwrap();
        assert_eq!(ok.timestamp().to_string(), "2026-11-26T14:01:00Z");
        assert!(parse_instant("2026-11-27T14:00:00Z", &utc).is_ok());
    }

    #[test]
    fn month_end_blocks_only_breaking() {
        let w = windows();
        // Tuesday 1 Dec 2026: inside the close.
        let t = at("2026-12-01T09:00:00Z");
        let d = decide(&w, &[], &t, ChangeClass::Compatible);
        assert!(d.allowed);
        assert_eq!(d.active_windows.len(), 1);
        assert!(!d.active_windows[0].blocking);
        let d = decide(&w, &[], &t, ChangeClass::Breaking);
        assert!(!d.allowed);
        assert_eq!(
            d.next_allowed_slot_local.as_deref(),
            Some("Thu 2026-12-03 00:00 CET (Europe/Berlin)")
        );
    }

    #[test]
    fn break_glass_overrides_and_expires() {
        let w = windows();
        let t = at("2026-11-27T13:00:00Z");
        let d = decide(
            &w,
            &[break_glass(Some("weekend"), "2026-11-27")],
            &t,
            ChangeClass::Compatible,
        );
        assert!(d.allowed);
        assert!(d.blocked_by_window);
        assert_eq!(d.break_glass.len(), 1);
        assert_eq!(d.break_glass[0].windows, ["weekend"]);
        let findings = d.findings(None, &[break_glass(Some("weekend"), "2026-11-27")], None);
        assert_eq!(findings.len(), 1);
        assert!(findings[0].waived.is_some());
        assert!(!findings[0].blocks());

        // Naming another window: no override.
        let d = decide(
            &w,
            &[break_glass(Some("month-end-close"), "2026-12-31")],
            &t,
            ChangeClass::Breaking,
        );
        assert!(!d.allowed);
        assert!(d.break_glass.is_empty());

        // Breaking on Friday 27 Nov: weekend and month-end both block; one waiver for any
        // window covers both.
        let d = decide(
            &w,
            &[break_glass(None, "2026-12-31")],
            &t,
            ChangeClass::Breaking,
        );
        assert!(d.allowed);
        assert_eq!(d.break_glass[0].windows, ["weekend", "month-end-close"]);

        // Expired the day before: blocked, and the expired waiver is an error.
        let waivers = [break_glass(None, "2026-11-26")];
        let d = decide(&w, &waivers, &t, ChangeClass::Compatible);
        assert!(!d.allowed);
        assert!(d.fails());
        assert_eq!(d.expired_waivers.len(), 1);
        let findings = d.findings(None, &waivers, None);
        assert_eq!(findings.len(), 2);
        assert_eq!(findings[1].rule_id, "waiver-expired");
    }

    #[test]
    fn parses_at() {
        let utc = TimeZone::UTC;
        let z = parse_instant("2026-11-27T14:00[Europe/Berlin]", &utc).unwrap();
        assert_eq!(
            z.timestamp(),
            "2026-11-27T13:00:00Z".parse::<Timestamp>().unwrap()
        );
        assert_eq!(z.time_zone().iana_name(), Some("Europe/Berlin"));
        let z = parse_instant("2026-11-27T14:00:00+09:00", &utc).unwrap();
        assert_eq!(
            z.timestamp(),
            "2026-11-27T05:00:00Z".parse::<Timestamp>().unwrap()
        );
        // In the spring-forward gap: moved forward by the gap.
        let z = parse_instant("2026-03-29T02:30[Europe/Berlin]", &utc).unwrap();
        assert_eq!(
            z.timestamp(),
            "2026-03-29T01:30:00Z".parse::<Timestamp>().unwrap()
        );
        assert!(parse_instant("2026-11-27T14:00", &utc).is_err());
        assert!(parse_instant("2026-11-27T14:00[Mars/Olympus]", &utc).is_err());
        assert!(parse_instant("friday", &utc).is_err());
    }

    #[test]
    fn json_shape() {
        let d = decide(
            &windows(),
            &[],
            &at("2026-11-27T13:00:00Z"),
            ChangeClass::Breaking,
        );
        let v = serde_json::to_value(&d).unwrap();
        assert_eq!(v["at"], "2026-11-27T13:00:00Z");
        assert_eq!(v["allowed"], false);
        assert_eq!(v["change_class"], "breaking");
        assert_eq!(v["next_allowed_slot"], "2026-12-02T23:00:00Z");
        assert_eq!(v["active_windows"][1]["end"], "2026-12-02T23:00:00Z");
    }
}
