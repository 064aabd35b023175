//! Locations, load errors and the mapping from an outcome to an exit code.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// Exit code: nothing blocks.
pub const EXIT_OK: i32 = 0;
/// Exit code: a blocking finding (verification failure, incompatible change).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: the input or the command is wrong (bad YAML, missing file, unknown ref).
pub const EXIT_USAGE: i32 = 2;

/// Where something is: a file and a 1-based line and column (0 = unknown).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Location {
    /// Path as shown to the user (relative to the repository root when inside it).
    pub path: PathBuf,
    /// 1-based line; 0 when unknown.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
}

impl Location {
    /// A location at a line and column.
    pub fn new(path: impl Into<PathBuf>, line: usize, col: usize) -> Self {
        Self {
            path: path.into(),
            line,
            col,
        }
    }

    /// A location naming only a file.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self::new(path, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Forward slashes on every platform so reports are byte-identical everywhere.
        let path = self.path.to_string_lossy().replace('\\', "/");
        if self.line == 0 {
            write!(f, "{path}")
        } else {
            write!(f, "{path}:{}:{}", self.line, self.col.max(1))
        }
    }
}

/// An error found while loading a contract repository: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {message}")]
pub struct LoadError {
    /// Where the problem is.
    pub location: Location,
    /// What kind of problem it is (stable, for tooling).
    pub kind: LoadErrorKind,
    /// Lowercase fragment, offending value in backticks, no final period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl LoadError {
    /// A new error.
    pub fn new(location: Location, kind: LoadErrorKind, message: impl Into<String>) -> Self {
        Self {
            location,
            kind,
            message: message.into(),
            help: None,
        }
    }

    /// Adds how to fix it.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The kinds of load errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The directory is not a seam repository, or a file cannot be read.
    Io,
    /// A file is over the size limit, not UTF-8, or too deeply nested.
    Budget,
    /// JSON or YAML syntax.
    Syntax,
    /// A field the format does not have.
    UnknownField,
    /// A required field is missing.
    MissingField,
    /// A value of the wrong type.
    WrongType,
    /// A value outside what the field allows.
    InvalidValue,
    /// Not a semantic version.
    BadVersion,
    /// Not a semantic version range.
    BadRange,
    /// A version range that matches no published version.
    RangeMatchesNothing,
    /// A file the repository names does not exist.
    MissingFile,
    /// Two things with the same id.
    DuplicateId,
    /// A reference to a system, contract or key that does not exist.
    UnknownReference,
    /// A schema that is not valid JSON Schema.
    InvalidSchema,
    /// A `$ref` to a remote URL.
    RemoteRef,
    /// A `$ref` that leaves the repository root.
    RefEscapesRoot,
    /// A `$ref` whose target does not exist.
    RefNotFound,
    /// `$ref`s that only refer to each other.
    RefCycle,
}
