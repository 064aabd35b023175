//! The JSON report: versioned, its schema committed under `contracts/seam.report/`.

use std::io::{self, Write};

use crate::report::Report;

/// Writes the report as pretty JSON with a final newline.
pub fn emit(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}
