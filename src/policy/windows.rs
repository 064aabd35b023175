//! Freeze windows: which windows are active at an instant, when each ends, and the next instant
//! at which no blocking window is active (the "next allowed slot").
//!
//! Every window is evaluated in its own IANA time zone, looked up in the time zone database
//! bundled into the binary (never the machine's `/usr/share/zoneinfo`), so answers do not
//! depend on where seam runs. A local time that does not exist (a DST gap) is shifted forward by
//! the gap's length (02:30 on a spring-forward night becomes 03:30); a local time that exists
//! twice (a DST fold) is the earlier one. This is RFC 5545's and Temporal's `compatible` rule.
//! The clock is always an argument.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use jiff::civil::{Date, DateTime, Time, Weekday as JiffWeekday};
use jiff::tz::{TimeZone, TimeZoneDatabase};
use jiff::{SignedDuration, Timestamp, ToSpan};

use crate::contract::model::{Blocks, FreezeWindow, Weekday};

/// How far ahead the next allowed slot is searched.
pub const SEARCH_DAYS: u32 = 366;

/// Upper bound on search steps (each step jumps to the end of a window occurrence).
const MAX_STEPS: usize = 20_000;

/// The time zone database bundled into seam (IANA tzdb, independent of the machine).
pub fn tzdb() -> &'static TimeZoneDatabase {
    static DB: OnceLock<TimeZoneDatabase> = OnceLock::new();
    DB.get_or_init(TimeZoneDatabase::bundled)
}

/// Looks up an IANA time zone in the bundled database.
pub fn time_zone(name: &str) -> Option<TimeZone> {
    tzdb().get(name).ok()
}

/// A half-open interval `[start, end)` of instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Interval {
    /// First instant inside.
    pub start: Timestamp,
    /// First instant after.
    pub end: Timestamp,
}

impl Interval {
    /// Whether `t` is inside.
    pub fn contains(&self, t: Timestamp) -> bool {
        self.start <= t && t < self.end
    }
}

/// A problem in a window's declaration, at a JSON pointer into `seam.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowError {
    /// JSON pointer of the offending field.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

#[derive(Debug, Clone)]
enum Kind {
    Weekly {
        from: (JiffWeekday, Time),
        until: (JiffWeekday, Time),
    },
    MonthEnd {
        last: u32,
        first: u32,
        holidays: BTreeSet<Date>,
    },
    Dates {
        from: DateTime,
        until: DateTime,
    },
}

/// A freeze window, checked and with its time zone resolved.
#[derive(Debug, Clone)]
pub struct Window {
    /// Index in `freeze_windows`.
    pub index: usize,
    /// Name.
    pub name: String,
    /// What it blocks.
    pub blocks: Blocks,
    /// Why it exists.
    pub reason: Option<String>,
    /// The IANA time zone name as written.
    pub timezone: String,
    tz: TimeZone,
    kind: Kind,
}

fn weekday(d: Weekday) -> JiffWeekday {
    match d {
        Weekday::Monday => JiffWeekday::Monday,
        Weekday::Tuesday => JiffWeekday::Tuesday,
        Weekday::Wednesday => JiffWeekday::Wednesday,
        Weekday::Thursday => JiffWeekday::Thursday,
        Weekday::Friday => JiffWeekday::Friday,
        Weekday::Saturday => JiffWeekday::Saturday,
        Weekday::Sunday => JiffWeekday::Sunday,
    }
}

/// Parses `HH:MM` (24 hours).
pub fn parse_time(text: &str) -> Option<Time> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// Parses a date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    if text.len() != 10 {
        return None;
    }
    text.parse().ok()
}

/// Parses `YYYY-MM-DD` (as the start of that day, `end` false, or the start of the next day,
/// `end` true) or `YYYY-MM-DDTHH:MM`.
fn parse_bound(text: &str, end: bool) -> Option<DateTime> {
    if let Some((d, t)) = text.split_once('T') {
        return Some(parse_date(d)?.to_datetime(parse_time(t)?));
    }
    let d = parse_date(text)?;
    let d = if end { d.tomorrow().ok()? } else { d };
    Some(d.to_datetime(Time::midnight()))
}

impl Window {
    /// Checks a declared window and resolves its time zone.
    pub fn compile(index: usize, w: &FreezeWindow) -> Result<Self, Vec<WindowError>> {
        let base = format!("/freeze_windows/{index}");
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String, help: &str| {
            errors.push(WindowError {
                pointer: format!("{base}{field}"),
                message,
                help: help.to_owned(),
            });
        };
        let tz = time_zone(&w.timezone);
        if tz.is_none() {
            let names: Vec<String> = tzdb().available().map(|n| n.as_str().to_owned()).collect();
            let help = match crate::contract::load::did_you_mean(
                &w.timezone,
                names.iter().map(String::as_str),
            ) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "write an IANA time zone name such as `Europe/Berlin` or `UTC`".to_owned(),
            };
            err(
                "/timezone",
                format!("unknown time zone `{}`", w.timezone),
                &help,
            );
        }
        let kinds = usize::from(w.weekly.is_some())
            + usize::from(w.month_end.is_some())
            + usize::from(w.dates.is_some());
        let mut kind = None;
        if kinds != 1 {
            err(
                "",
                format!(
                    "freeze window `{}` must have exactly one of `weekly`, `month_end` and `dates`, found {kinds}",
                    w.name
                ),
                "split it into one window per kind",
            );
        } else if let Some(weekly) = &w.weekly {
            let from = parse_time(&weekly.from.time);
            let until = parse_time(&weekly.until.time);
            if from.is_none() {
                err(
                    "/weekly/from/time",
                    format!("`{}` is not a time", weekly.from.time),
                    "write a 24-hour time `HH:MM` such as `12:00`",
                );
            }
            if until.is_none() {
                err(
                    "/weekly/until/time",
                    format!("`{}` is not a time", weekly.until.time),
                    "write a 24-hour time `HH:MM` such as `06:00`",
                );
            }
            if let (Some(f), Some(u)) = (from, until) {
                kind = Some(Kind::Weekly {
                    from: (weekday(weekly.from.day), f),
                    until: (weekday(weekly.until.day), u),
                });
            }
        } else if let Some(m) = &w.month_end {
            if m.last_business_days == 0 && m.first_business_days == 0 {
                err(
                    "/month_end",
                    "month-end window covers no day: both `last_business_days` and `first_business_days` are 0".to_owned(),
                    "set `last_business_days`, `first_business_days` or both",
                );
            }
            let mut holidays = BTreeSet::new();
            for (i, h) in m.holidays.iter().enumerate() {
                match parse_date(h) {
                    Some(d) => {
                        holidays.insert(d);
                    }
                    None => err(
                        &format!("/month_end/holidays/{i}"),
                        format!("`{h}` is not a date"),
                        "write a date `YYYY-MM-DD` such as `2026-12-24`",
                    ),
                }
            }
            kind = Some(Kind::MonthEnd {
                last: m.last_business_days.min(10),
                first: m.first_business_days.min(10),
                holidays,
            });
        } else if let Some(d) = &w.dates {
            let from = parse_bound(&d.from, false);
            let until = parse_bound(&d.until, true);
            let help = "write a date `YYYY-MM-DD` or a local time `YYYY-MM-DDTHH:MM`";
            if from.is_none() {
                err(
                    "/dates/from",
                    format!("`{}` is not a date or date-time", d.from),
                    help,
                );
            }
            if until.is_none() {
                err(
                    "/dates/until",
                    format!("`{}` is not a date or date-time", d.until),
                    help,
                );
            }
            if let (Some(f), Some(u)) = (from, until) {
                if u <= f {
                    err(
                        "/dates/until",
                        format!("`until` ({}) is not after `from` ({})", d.until, d.from),
                        "swap the dates, or fix the end (a date `until` includes that whole day)",
                    );
                }
                kind = Some(Kind::Dates { from: f, until: u });
            }
        }
        match (tz, kind) {
            (Some(tz), Some(kind)) if errors.is_empty() => Ok(Self {
                index,
                name: w.name.clone(),
                blocks: w.blocks,
                reason: w.reason.clone(),
                timezone: w.timezone.clone(),
                tz,
                kind,
            }),
            _ => Err(errors),
        }
    }

    /// The window's time zone.
    pub fn tz(&self) -> &TimeZone {
        &self.tz
    }

    /// A local date and time as an instant (gap: after it; fold: the earlier one).
    fn instant(&self, dt: DateTime) -> Option<Timestamp> {
        self.tz.to_ambiguous_timestamp(dt).compatible().ok()
    }

    fn local_date(&self, t: Timestamp) -> Date {
        self.tz.to_datetime(t).date()
    }

    /// Occurrences of the window around `t`: every occurrence that contains `t` is among them.
    fn occurrences_near(&self, t: Timestamp) -> Vec<Interval> {
        let date = self.local_date(t);
        let mut out = Vec::new();
        match &self.kind {
            Kind::Weekly { from, until } => {
                let monday = date
                    .checked_sub(i64::from(date.weekday().to_monday_zero_offset()).days())
                    .ok();
                let Some(monday) = monday else { return out };
                for week in -2_i64..=1 {
                    let offset = week * 7 + i64::from(from.0.to_monday_zero_offset());
                    let Ok(start_date) = monday.checked_add(offset.days()) else {
                        continue;
                    };
                    let mut span = i64::from(
                        (until.0.to_monday_zero_offset() - from.0.to_monday_zero_offset())
                            .rem_euclid(7),
                    );
                    if span == 0 && until.1 <= from.1 {
                        span = 7;
                    }
                    let Ok(end_date) = start_date.checked_add(span.days()) else {
                        continue;
                    };
                    if let (Some(start), Some(end)) = (
                        self.instant(start_date.to_datetime(from.1)),
                        self.instant(end_date.to_datetime(until.1)),
                    ) && start < end
                    {
                        out.push(Interval { start, end });
                    }
                }
            }
            Kind::MonthEnd {
                last,
                first,
                holidays,
            } => {
                let first_of_month = date.first_of_month();
                for months in -1_i64..=1 {
                    let Ok(month) = first_of_month.checked_add(months.months()) else {
                        continue;
                    };
                    if let Some((s, e)) = month_end_dates(month, *last, *first, holidays)
                        && let (Some(start), Some(end)) = (
                            self.instant(s.to_datetime(Time::midnight())),
                            self.instant(e.to_datetime(Time::midnight())),
                        )
                        && start < end
                    {
                        out.push(Interval { start, end });
                    }
                }
            }
            Kind::Dates { from, until } => {
                if let (Some(start), Some(end)) = (self.instant(*from), self.instant(*until))
                    && start < end
                {
                    out.push(Interval { start, end });
                }
            }
        }
        out
    }

    /// The occurrence of the window that contains `t`, if the window is active at `t`.
    pub fn interval_at(&self, t: Timestamp) -> Option<Interval> {
        self.occurrences_near(t)
            .into_iter()
            .filter(|i| i.contains(t))
            .reduce(|a, b| Interval {
                start: a.start.min(b.start),
                end: a.end.max(b.end),
            })
    }
}

fn is_business_day(d: Date, holidays: &BTreeSet<Date>) -> bool {
    !matches!(d.weekday(), JiffWeekday::Saturday | JiffWeekday::Sunday) && !holidays.contains(&d)
}

/// The month-end close around the end of the month starting at `month`: from the start of its
/// `last`-th last business day to the start of the day after the `first`-th first business day
/// of the next month (end exclusive).
fn month_end_dates(
    month: Date,
    last: u32,
    first: u32,
    holidays: &BTreeSet<Date>,
) -> Option<(Date, Date)> {
    let next_month = month.last_of_month().tomorrow().ok()?;
    let start = if last == 0 {
        next_month
    } else {
        let mut d = month.last_of_month();
        let mut found = 0;
        loop {
            if is_business_day(d, holidays) {
                found += 1;
                if found == last {
                    break d;
                }
            }
            if d <= month {
                break month; // fewer business days than asked: the whole month
            }
            d = d.yesterday().ok()?;
        }
    };
    let end = if first == 0 {
        next_month
    } else {
        let mut d = next_month;
        let mut found = 0;
        let following = next_month.last_of_month();
        loop {
            if is_business_day(d, holidays) {
                found += 1;
                if found == first {
                    break d.tomorrow().ok()?;
                }
            }
            if d >= following {
                break following.tomorrow().ok()?;
            }
            d = d.tomorrow().ok()?;
        }
    };
    Some((start, end))
}

/// Checks every declared window.
pub fn compile(windows: &[FreezeWindow]) -> Result<Vec<Window>, Vec<WindowError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut names = BTreeSet::new();
    for (i, w) in windows.iter().enumerate() {
        if !names.insert(w.name.as_str()) {
            errors.push(WindowError {
                pointer: format!("/freeze_windows/{i}/name"),
                message: format!("freeze window `{}` is declared twice", w.name),
                help: "give each window its own name".to_owned(),
            });
        }
        match Window::compile(i, w) {
            Ok(w) => out.push(w),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// A window active at an instant, with the occurrence that contains it.
#[derive(Debug, Clone)]
pub struct Active<'a> {
    /// The window.
    pub window: &'a Window,
    /// Its occurrence containing the instant (`end` is when it ends).
    pub interval: Interval,
}

/// The windows active at `t`, in declaration order.
pub fn active_at(windows: &[Window], t: Timestamp) -> Vec<Active<'_>> {
    windows
        .iter()
        .filter_map(|w| {
            w.interval_at(t).map(|interval| Active {
                window: w,
                interval,
            })
        })
        .collect()
}

/// Windows that are not active at `t` but start within `lead_secs` after it, each with the
/// occurrence that starts first, in declaration order.
pub fn starting_within(windows: &[Window], t: Timestamp, lead_secs: u64) -> Vec<Active<'_>> {
    // Sampled every five minutes (window edges are whole minutes, occurrences last longer):
    // the first sample inside an occurrence that starts after `t` names it.
    const STEP_SECS: i64 = 300;
    let lead = i64::try_from(lead_secs.min(366 * 86_400)).unwrap_or(0);
    windows
        .iter()
        .filter(|w| w.interval_at(t).is_none())
        .filter_map(|w| {
            let mut offset = 0;
            while offset < lead {
                offset = (offset + STEP_SECS).min(lead);
                let probe = t.checked_add(SignedDuration::from_secs(offset)).ok()?;
                if let Some(interval) = w.interval_at(probe)
                    && interval.start > t
                {
                    return Some(Active {
                        window: w,
                        interval,
                    });
                }
            }
            None
        })
        .collect()
}

/// When the next release may go out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// No blocking window is active at the instant asked about.
    Now,
    /// The first instant after it at which no blocking window is active.
    At(Timestamp),
    /// Blocking windows cover the whole search horizon ([`SEARCH_DAYS`] days).
    NoneWithin(u32),
}

/// The first instant at or after `at` at which none of `blocking` is active. Jumps from the
/// end of one occurrence to the next, so chained windows (a weekend running into a month-end
/// close) are followed; gives up after [`SEARCH_DAYS`] days.
pub fn next_allowed(blocking: &[&Window], at: Timestamp) -> Slot {
    let horizon = at
        .checked_add(SignedDuration::from_hours(i64::from(SEARCH_DAYS) * 24))
        .unwrap_or(Timestamp::MAX);
    let mut t = at;
    for _ in 0..MAX_STEPS {
        let end = blocking
            .iter()
            .filter_map(|w| w.interval_at(t))
            .map(|i| i.end)
            .max();
        match end {
            None if t == at => return Slot::Now,
            None => return Slot::At(t),
            Some(end) if end > horizon => return Slot::NoneWithin(SEARCH_DAYS),
            Some(end) => t = end,
        }
    }
    Slot::NoneWithin(SEARCH_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::model::{DatesWindow, MonthEndWindow, WeekTime, WeeklyWindow};

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn window(name: &str, tz: &str, blocks: Blocks) -> FreezeWindow {
        FreezeWindow {
            name: name.to_owned(),
            blocks,
            timezone: tz.to_owned(),
            reason: None,
            weekly: None,
            month_end: None,
            dates: None,
        }
    }

    fn weekly(tz: &str, from: (Weekday, &str), until: (Weekday, &str)) -> Window {
        let mut w = window("weekend", tz, Blocks::All);
        w.weekly = Some(WeeklyWindow {
            from: WeekTime {
                day: from.0,
                time: from.1.to_owned(),
            },
            until: WeekTime {
                day: until.0,
                time: until.1.to_owned(),
            },
        });
        Window::compile(0, &w).unwrap()
    }

    fn friday_to_monday(tz: &str) -> Window {
        weekly(tz, (Weekday::Friday, "12:00"), (Weekday::Monday, "06:00"))
    }

    fn month_end(tz: &str, last: u32, first: u32, holidays: &[&str]) -> Window {
        let mut w = window("month-end", tz, Blocks::Breaking);
        w.month_end = Some(MonthEndWindow {
            last_business_days: last,
            first_business_days: first,
            holidays: holidays.iter().map(|s| (*s).to_owned()).collect(),
        });
        Window::compile(0, &w).unwrap()
    }

    fn dates(tz: &str, from: &str, until: &str) -> Result<Window, Vec<WindowError>> {
        let mut w = window("peak", tz, Blocks::All);
        w.dates = Some(DatesWindow {
            from: from.to_owned(),
            until: until.to_owned(),
        });
        Window::compile(0, &w)
    }

    #[test]
    fn bundled_database_is_used() {
        // The bundle answers even for zones a minimal container has no file for.
        for name in [
            "Europe/Berlin",
            "Asia/Tokyo",
            "America/New_York",
            "Pacific/Auckland",
            "UTC",
        ] {
            assert!(time_zone(name).is_some(), "{name}");
        }
        assert!(time_zone("Europe/Berlinn").is_none());
        assert!(!tzdb().is_definitively_empty());
        // The database is the one compiled into the binary, never the machine's zoneinfo.
        assert_eq!(
            format!("{:?}", tzdb()),
            "TimeZoneDatabase(Bundled(available))"
        );
    }

    #[test]
    fn weekly_window_friday_afternoon_berlin() {
        let w = friday_to_monday("Europe/Berlin");
        // Friday 2026-11-27 14:00 CET = 13:00 UTC: inside, ends Monday 06:00 CET.
        let i = w.interval_at(ts("2026-11-27T13:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-11-27T11:00:00Z"));
        assert_eq!(i.end, ts("2026-11-30T05:00:00Z"));
        // Friday 11:59 local: outside; 12:00 local: inside (start inclusive).
        assert!(w.interval_at(ts("2026-11-27T10:59:00Z")).is_none());
        assert!(w.interval_at(ts("2026-11-27T11:00:00Z")).is_some());
        // Monday 06:00 local: outside (end exclusive); Tuesday: outside.
        assert!(w.interval_at(ts("2026-11-30T05:00:00Z")).is_none());
        assert!(w.interval_at(ts("2026-12-01T08:00:00Z")).is_none());
        // Sunday: inside (the window wraps the week end).
        assert!(w.interval_at(ts("2026-11-29T12:00:00Z")).is_some());
    }

    #[test]
    fn weekly_window_same_day_and_full_week() {
        // Wednesday 22:00 to Wednesday 02:00 wraps almost the whole week.
        let w = weekly(
            "UTC",
            (Weekday::Wednesday, "22:00"),
            (Weekday::Wednesday, "02:00"),
        );
        assert!(w.interval_at(ts("2026-11-29T12:00:00Z")).is_some());
        assert!(w.interval_at(ts("2026-11-25T12:00:00Z")).is_none());
        // From == until: always on, each occurrence one week long.
        let always = weekly(
            "UTC",
            (Weekday::Monday, "00:00"),
            (Weekday::Monday, "00:00"),
        );
        let i = always.interval_at(ts("2026-11-25T12:00:00Z")).unwrap();
        assert_eq!(
            i.end.duration_since(i.start),
            SignedDuration::from_hours(168)
        );
    }

    #[test]
    fn zones_east_and_west_of_utc() {
        // Tokyo (UTC+9): Friday 12:00 JST = Friday 03:00 UTC.
        let tokyo = friday_to_monday("Asia/Tokyo");
        let i = tokyo.interval_at(ts("2026-11-27T03:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-11-27T03:00:00Z"));
        assert_eq!(i.end, ts("2026-11-29T21:00:00Z"));
        assert!(tokyo.interval_at(ts("2026-11-27T02:59:59Z")).is_none());
        // New York (UTC-5 in November): Friday 12:00 EST = 17:00 UTC. At 14:00 UTC Friday
        // it is 09:00 in New York: not yet frozen, while Berlin already is.
        let ny = friday_to_monday("America/New_York");
        assert!(ny.interval_at(ts("2026-11-27T14:00:00Z")).is_none());
        assert!(
            friday_to_monday("Europe/Berlin")
                .interval_at(ts("2026-11-27T14:00:00Z"))
                .is_some()
        );
        let i = ny.interval_at(ts("2026-11-27T17:00:00Z")).unwrap();
        assert_eq!(i.end, ts("2026-11-30T11:00:00Z"));
        // Auckland (UTC+13 in its summer): Monday 06:00 NZDT is Sunday 17:00 UTC.
        let akl = friday_to_monday("Pacific/Auckland");
        let i = akl.interval_at(ts("2026-11-28T00:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-11-26T23:00:00Z"));
        assert_eq!(i.end, ts("2026-11-29T17:00:00Z"));
        // Sunday 18:00 UTC is already Monday 07:00 in Auckland: open.
        assert!(akl.interval_at(ts("2026-11-29T18:00:00Z")).is_none());
    }

    #[test]
    fn dst_spring_forward_gap_berlin() {
        // 2026-03-29: clocks jump from 02:00 to 03:00 in Berlin. A window ending Sunday 02:30
        // (a time that does not exist) is shifted by the gap: it ends at 03:30 CEST (01:30 UTC).
        let w = weekly(
            "Europe/Berlin",
            (Weekday::Saturday, "22:00"),
            (Weekday::Sunday, "02:30"),
        );
        let i = w.interval_at(ts("2026-03-28T22:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-03-28T21:00:00Z")); // 22:00 CET
        assert_eq!(i.end, ts("2026-03-29T01:30:00Z"));
        assert!(w.interval_at(ts("2026-03-29T01:29:00Z")).is_some());
        // Friday-to-Monday across the change: starts at 12:00 CET, ends at 06:00 CEST,
        // one hour shorter than usual.
        let w = friday_to_monday("Europe/Berlin");
        let i = w.interval_at(ts("2026-03-28T12:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-03-27T11:00:00Z"));
        assert_eq!(i.end, ts("2026-03-30T04:00:00Z"));
        assert_eq!(
            i.end.duration_since(i.start),
            SignedDuration::from_hours(65)
        );
    }

    #[test]
    fn dst_fall_back_overlap_berlin() {
        // 2026-10-25: 02:00-03:00 happens twice in Berlin. A window starting Sunday 02:30 starts
        // at the first 02:30 (CEST, 00:30 UTC).
        let w = weekly(
            "Europe/Berlin",
            (Weekday::Sunday, "02:30"),
            (Weekday::Sunday, "04:00"),
        );
        let i = w.interval_at(ts("2026-10-25T01:15:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-10-25T00:30:00Z"));
        assert_eq!(i.end, ts("2026-10-25T03:00:00Z")); // 04:00 CET
        assert!(w.interval_at(ts("2026-10-25T00:29:00Z")).is_none());
        // Friday-to-Monday across it is one hour longer than usual.
        let w = friday_to_monday("Europe/Berlin");
        let i = w.interval_at(ts("2026-10-24T12:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-10-23T10:00:00Z"));
        assert_eq!(i.end, ts("2026-10-26T05:00:00Z"));
        assert_eq!(
            i.end.duration_since(i.start),
            SignedDuration::from_hours(67)
        );
    }

    #[test]
    fn dst_in_the_southern_hemisphere() {
        // Auckland leaves daylight time on 2026-04-05 (03:00 NZDT -> 02:00 NZST).
        let akl = friday_to_monday("Pacific/Auckland");
        let i = akl.interval_at(ts("2026-04-04T12:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-04-02T23:00:00Z")); // Friday 12:00 NZDT (UTC+13)
        assert_eq!(i.end, ts("2026-04-05T18:00:00Z")); // Monday 06:00 NZST (UTC+12)
    }

    #[test]
    fn month_end_close_spans_months_and_year_end() {
        // Last 3 / first 2 business days, Berlin. December 2026 ends on a Thursday:
        // last 3 business days are Tue 29, Wed 30, Thu 31; January 2027 starts on a Friday
        // (1 January is a holiday here), so the first two are Mon 4 and Tue 5.
        let w = month_end("Europe/Berlin", 3, 2, &["2027-01-01"]);
        let i = w.interval_at(ts("2027-01-02T12:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-12-28T23:00:00Z")); // Tue 29 Dec 00:00 CET
        assert_eq!(i.end, ts("2027-01-05T23:00:00Z")); // Wed 6 Jan 00:00 CET
        assert!(w.interval_at(ts("2026-12-28T22:59:59Z")).is_none());
        assert!(w.interval_at(ts("2027-01-05T23:00:00Z")).is_none());
        // Without the holiday, Fri 1 and Mon 4 are the first two.
        let w = month_end("Europe/Berlin", 3, 2, &[]);
        let i = w.interval_at(ts("2027-01-02T12:00:00Z")).unwrap();
        assert_eq!(i.end, ts("2027-01-04T23:00:00Z"));
        // November 2026 ends on a Monday: last 3 business days are Thu 26, Fri 27, Mon 30.
        let i = w.interval_at(ts("2026-11-28T12:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-11-25T23:00:00Z"));
        // 1 and 2 December are the first two of December.
        assert_eq!(i.end, ts("2026-12-02T23:00:00Z"));
        // Mid-month: nothing.
        assert!(w.interval_at(ts("2026-12-15T12:00:00Z")).is_none());
    }

    #[test]
    fn month_end_only_first_or_only_last() {
        let first = month_end("UTC", 0, 1, &[]);
        // February 2027 starts on a Monday.
        let i = first.interval_at(ts("2027-02-01T10:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2027-02-01T00:00:00Z"));
        assert_eq!(i.end, ts("2027-02-02T00:00:00Z"));
        let last = month_end("UTC", 1, 0, &[]);
        // January 2027 ends on a Sunday: its last business day is Friday 29; the window runs
        // through the weekend to 1 February.
        let i = last.interval_at(ts("2027-01-30T10:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2027-01-29T00:00:00Z"));
        assert_eq!(i.end, ts("2027-02-01T00:00:00Z"));
    }

    #[test]
    fn month_end_in_tokyo_and_new_york() {
        // The same instant is in different months east and west of UTC.
        let at = ts("2026-11-30T20:00:00Z"); // Tue 1 Dec 05:00 in Tokyo, Mon 30 Nov 15:00 in NY
        let tokyo = month_end("Asia/Tokyo", 0, 1, &[]);
        assert!(tokyo.interval_at(at).is_some());
        let ny = month_end("America/New_York", 0, 1, &[]);
        assert!(ny.interval_at(at).is_none());
        let ny_last = month_end("America/New_York", 1, 0, &[]);
        assert!(ny_last.interval_at(at).is_some());
    }

    #[test]
    fn date_ranges() {
        let w = dates("Europe/Berlin", "2026-11-20", "2026-12-31").unwrap();
        let i = w.interval_at(ts("2026-12-31T22:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-11-19T23:00:00Z"));
        assert_eq!(i.end, ts("2026-12-31T23:00:00Z")); // until a date includes that day
        let w = dates("America/New_York", "2026-12-24T18:00", "2026-12-26T08:00").unwrap();
        let i = w.interval_at(ts("2026-12-25T00:00:00Z")).unwrap();
        assert_eq!(i.start, ts("2026-12-24T23:00:00Z"));
        assert_eq!(i.end, ts("2026-12-26T13:00:00Z"));
        let errors = dates("Europe/Berlin", "2026-12-31", "2026-12-01").unwrap_err();
        assert_eq!(errors[0].pointer, "/freeze_windows/0/dates/until");
        let errors = dates("Europe/Berlin", "2026-02-30", "2026-03-01").unwrap_err();
        assert!(errors[0].message.contains("2026-02-30"), "{errors:?}");
    }

    #[test]
    fn bad_declarations() {
        let mut w = window("x", "Europe/Berln", Blocks::All);
        w.dates = Some(DatesWindow {
            from: "2026-01-01".to_owned(),
            until: "2026-01-02".to_owned(),
        });
        let errors = Window::compile(3, &w).unwrap_err();
        assert_eq!(errors[0].pointer, "/freeze_windows/3/timezone");
        assert_eq!(errors[0].help, "did you mean `Europe/Berlin`?");
        let none = window("y", "UTC", Blocks::All);
        let errors = Window::compile(0, &none).unwrap_err();
        assert!(errors[0].message.contains("exactly one"), "{errors:?}");
        let mut bad_time = window("z", "UTC", Blocks::All);
        bad_time.weekly = Some(WeeklyWindow {
            from: WeekTime {
                day: Weekday::Friday,
                time: "24:00".to_owned(),
            },
            until: WeekTime {
                day: Weekday::Monday,
                time: "6:00".to_owned(),
            },
        });
        let errors = Window::compile(0, &bad_time).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[1].pointer, "/freeze_windows/0/weekly/until/time");
    }

    #[test]
    fn next_allowed_slot_follows_chained_windows() {
        let weekend = friday_to_monday("Europe/Berlin");
        let close = month_end("Europe/Berlin", 3, 2, &[]);
        // Friday 27 Nov 2026 14:00 Berlin: the weekend ends Monday 30 Nov 06:00, but the
        // month-end close (breaking only) runs until Thursday 3 Dec 00:00.
        let at = ts("2026-11-27T13:00:00Z");
        assert_eq!(
            next_allowed(&[&weekend], at),
            Slot::At(ts("2026-11-30T05:00:00Z"))
        );
        assert_eq!(
            next_allowed(&[&weekend, &close], at),
            Slot::At(ts("2026-12-02T23:00:00Z"))
        );
        // Tuesday morning mid-month: now.
        assert_eq!(
            next_allowed(&[&weekend, &close], ts("2026-12-08T08:00:00Z")),
            Slot::Now
        );
    }

    #[test]
    fn next_allowed_slot_is_bounded() {
        let always = weekly(
            "UTC",
            (Weekday::Monday, "00:00"),
            (Weekday::Monday, "00:00"),
        );
        assert_eq!(
            next_allowed(&[&always], ts("2026-11-27T13:00:00Z")),
            Slot::NoneWithin(SEARCH_DAYS)
        );
        // A two-year freeze: also no slot within the horizon.
        let long = dates("UTC", "2026-01-01", "2028-12-31").unwrap();
        assert_eq!(
            next_allowed(&[&long], ts("2026-11-27T13:00:00Z")),
            Slot::NoneWithin(SEARCH_DAYS)
        );
        // Weekday nights plus weekends leave only daytime gaps: found.
        let nights = weekly(
            "UTC",
            (Weekday::Monday, "18:00"),
            (Weekday::Tuesday, "08:00"),
        );
        let weekend = friday_to_monday("UTC");
        assert_eq!(
            next_allowed(&[&nights, &weekend], ts("2026-11-27T13:00:00Z")),
            Slot::At(ts("2026-11-30T06:00:00Z"))
        );
    }

    proptest::proptest! {
        /// The next allowed slot is never inside a blocking window, never before the instant
        /// asked about, and `Now` only when nothing blocks.
        #[test]
        fn next_allowed_slot_is_free(seconds in 1_767_225_600_i64..1_830_297_600) {
            let at = Timestamp::from_second(seconds).unwrap();
            let weekend = friday_to_monday("Europe/Berlin");
            let close = month_end("America/New_York", 3, 2, &["2026-12-25"]);
            let tokyo = weekly("Asia/Tokyo", (Weekday::Tuesday, "22:00"), (Weekday::Wednesday, "01:30"));
            let ws = [&weekend, &close, &tokyo];
            match next_allowed(&ws, at) {
                Slot::Now => proptest::prop_assert!(ws.iter().all(|w| w.interval_at(at).is_none())),
                Slot::At(s) => {
                    proptest::prop_assert!(s > at);
                    proptest::prop_assert!(ws.iter().all(|w| w.interval_at(s).is_none()));
                    proptest::prop_assert!(ws.iter().any(|w| w.interval_at(at).is_some()));
                }
                Slot::NoneWithin(_) => proptest::prop_assert!(false, "a slot exists every week"),
            }
            for w in ws {
                if let Some(i) = w.interval_at(at) {
                    proptest::prop_assert!(i.contains(at));
                }
            }
        }
    }

    #[test]
    fn duplicate_names() {
        let mut a = window("same", "UTC", Blocks::All);
        a.dates = Some(DatesWindow {
            from: "2026-01-01".to_owned(),
            until: "2026-01-02".to_owned(),
        });
        let errors = compile(&[a.clone(), a]).unwrap_err();
        assert_eq!(errors[0].pointer, "/freeze_windows/1/name");
    }
}
