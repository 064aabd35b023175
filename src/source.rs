//! Source positions.
