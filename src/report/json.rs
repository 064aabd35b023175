//! The JSON report: versioned, its schema committed under `contracts/seam.report/`.

use std::fmt::Write as _;
use std::io::{self, Write};

use crate::report::Report;
use crate::report::text::needs_escape;

/// Writes the report as pretty JSON with a final newline.
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let text = pretty(report).map_err(io::Error::other)?;
    writeln!(out, "{text}")
}

/// Pretty JSON safe to print into a terminal or a CI log, the value unchanged: control
/// characters JSON allows raw (C1, line separators, bidirectional overrides) are written as
/// `\uXXXX` escapes, and `##[` as `#\u0023[` ([`guard_json`]).
pub(crate) fn pretty<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let text = serde_json::to_string_pretty(value)?;
    // serde_json escapes C0 controls in strings; a raw `\n` is the layout's own.
    let text = if text.chars().any(|c| c != '\n' && needs_escape(c)) {
        let mut out = String::with_capacity(text.len() + 16);
        for c in text.chars() {
            if c != '\n' && needs_escape(c) {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            } else {
                out.push(c);
            }
        }
        out
    } else {
        text
    };
    Ok(guard_json(&text).into_owned())
}

/// JSON printed into a CI log: `##[` anywhere in a line is a legacy GitHub Actions command,
/// and can only occur inside a string here, where `\u0023` is the same `#`. (A line of pretty
/// JSON never starts with `::`.) The value read back is unchanged.
pub(crate) fn guard_json(text: &str) -> std::borrow::Cow<'_, str> {
    crate::report::text::guard_text(text, "\\u003a", "\\u0023")
}
