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
