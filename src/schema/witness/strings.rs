//! Witness candidates for strings: lengths, patterns (exact-length strings from the DFA),
//! formats and the other side's constants.

use serde_json::Value;

use super::{Candidates, Generator, Node, format_sample, hint_constants, pad, u};
use crate::schema::pattern;

impl Generator<'_> {
    pub(super) fn strings(
        &mut self,
        s: &Value,
        hints: &[Node<'_>],
        shallow: bool,
        cap: usize,
    ) -> Vec<Value> {
        self.meter.spend(4);
        let min = u(s, "minLength").unwrap_or(0);
        let max = u(s, "maxLength");
        let pattern = s.get("pattern").and_then(Value::as_str);
        let format = s.get("format").and_then(Value::as_str);
        let mut seeds: Vec<String> = Vec::new();
        if let Some(p) = pattern
            && let Some(e) = pattern::example(p)
        {
            seeds.push(e);
        }
        if let Some(sample) = format.and_then(format_sample) {
            seeds.push(sample.to_owned());
        }
        seeds.push(String::new());
        let mut lengths: Vec<usize> = vec![min];
        let mut extra: Vec<String> = Vec::new();
        if !shallow {
            lengths.push(min.saturating_add(1));
            if let Some(m) = max {
                lengths.push(m);
            }
            for h in hints {
                let hs = h.schema;
                if let Some(l) = u(hs, "minLength") {
                    lengths.extend([l.saturating_sub(1), l]);
                }
                if let Some(l) = u(hs, "maxLength") {
                    lengths.extend([l, l.saturating_add(1)]);
                }
                if let Some(hp) = hs.get("pattern").and_then(Value::as_str)
                    && let Some(w) = self.pattern_difference(pattern, hp)
                {
                    extra.push(w);
                }
                if hs.get("format").is_some() {
                    extra.push("a".to_owned());
                    if let Some(sample) = format.and_then(format_sample) {
                        extra.push(sample.to_owned());
                    }
                }
                for v in hint_constants(hs) {
                    if let Some(t) = v.as_str() {
                        extra.push(t.to_owned());
                        extra.push(format!("{t}a"));
                    }
                }
            }
            extra.extend([
                "a".to_owned(),
                "0".to_owned(),
                "A".to_owned(),
                " ".to_owned(),
            ]);
        }
        let mut bag = Candidates::new(cap, self.budgets.max_value_nodes());
        let within = |n: usize| n >= min && max.is_none_or(|m| n <= m);
        for seed in &seeds {
            // The seed itself (a pattern's example keeps its shape only at its own length).
            if within(seed.chars().count()) {
                bag.push(Value::String(seed.clone()));
            }
            for &n in &lengths {
                if !within(n) || !self.string_fits(n) {
                    continue;
                }
                // Padding would break an anchored pattern: ask the pattern's DFA for a string
                // of exactly this length first.
                let sized = pattern.and_then(|p| pattern::example_of_length(p, n));
                bag.push(Value::String(sized.unwrap_or_else(|| pad(seed, n))));
            }
        }
        for e in extra {
            let n = e.chars().count();
            if n < min {
                if self.string_fits(min) {
                    bag.push(Value::String(pad(&e, min)));
                }
            } else if self.string_fits(n) {
                bag.push(Value::String(e));
            }
        }
        bag.items
    }

    /// A string matching `own` (or any string) and not `other`.
    pub(super) fn pattern_difference(&mut self, own: Option<&str>, other: &str) -> Option<String> {
        self.meter.spend(50);
        let right = pattern::Language::of_pattern(other)?;
        let left = match own {
            Some(p) => pattern::Language::of_pattern(p)?,
            None => pattern::Language::any()?,
        };
        match pattern::difference(&left, &right, self.budgets.regex_states) {
            pattern::Inclusion::Witness(w) => Some(w),
            pattern::Inclusion::Proved | pattern::Inclusion::Unknown => None,
        }
    }
}
