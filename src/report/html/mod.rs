//! The HTML report: one self-contained page a reviewer would rather read than a log.
//!
//! Top to bottom: the decision and why, counts by severity, the base revision, the time and the
//! freeze-window status; per contract with findings, its version timeline and each finding
//! (rule ID, severity, location, consumers and owners, the counterexample with the reason each
//! side accepts or rejects it, and a collapsible side-by-side diff); the integration map as an
//! SVG drawn here; waived findings; input errors.
//!
//! The page makes no request of any kind: CSS is inline, there are no fonts, images or
//! scripts from elsewhere (one inline script only opens the folded sections before printing).
//! It reads without JavaScript (folding is `<details>`), prints expanded, and is accessible:
//! `lang`, landmarks, heading order, table headers with scope, labelled SVG, visible focus.
//! Everything that comes from the input goes through [`escape`].
//!
//! One file per part: `page` lays out the page, `diff` parses a unified diff into the
//! side-by-side view, `map` draws the integration map as SVG, `css` is the stylesheet.

mod css;
mod diff;
mod map;
mod page;

pub use page::{emit, escape, render};
