//! Schema files.
