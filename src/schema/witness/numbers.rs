//! Witness candidates for numbers and integers: bounds, multiples, and the exact integers next
//! to bounds past 2^53.

use serde_json::{Number, Value};

use super::{Candidates, Generator, Node, f, hint_constants, num};
use crate::schema::number;

impl Generator<'_> {
    pub(super) fn numbers(
        &mut self,
        s: &Value,
        hints: &[Node<'_>],
        integer: bool,
        shallow: bool,
        cap: usize,
    ) -> Vec<Value> {
        self.meter.spend(4);
        let lo = f(s, "minimum");
        let xlo = f(s, "exclusiveMinimum");
        let hi = f(s, "maximum");
        let xhi = f(s, "exclusiveMaximum");
        let step = f(s, "multipleOf").filter(|m| *m > 0.0);
        let mut points: Vec<f64> = Vec::new();
        let low = match (lo, xlo) {
            (Some(a), Some(b)) => Some(if b >= a {
                b + if integer { 1.0 } else { 0.5 }
            } else {
                a
            }),
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b + if integer { 1.0 } else { 0.5 }),
            (None, None) => None,
        };
        let high = match (hi, xhi) {
            (Some(a), Some(b)) => Some(if b <= a {
                b - if integer { 1.0 } else { 0.5 }
            } else {
                a
            }),
            (Some(a), None) => Some(a),
            (None, Some(b)) => Some(b - if integer { 1.0 } else { 0.5 }),
            (None, None) => None,
        };
        let base = match (low, high) {
            (Some(l), _) if l > 0.0 || high.is_some_and(|h| h < 0.0) => l,
            (_, Some(h)) if h < 0.0 => h,
            _ => 0.0,
        };
        points.push(base);
        if !shallow {
            for b in [low, high].into_iter().flatten() {
                points.extend([b, b + 1.0, b - 1.0]);
            }
            points.extend([1.0, -1.0, 2.0, 10.0]);
            if !integer {
                points.extend([base + 0.5, 0.5, -0.5, 1.5]);
            }
            for h in hints {
                let hs = h.schema;
                for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
                    if let Some(b) = f(hs, key) {
                        points.extend([b, b - 1.0, b + 1.0]);
                        if !integer {
                            points.extend([b - 0.5, b + 0.5]);
                        }
                    }
                }
                if let Some(m) = f(hs, "multipleOf") {
                    points.extend([m + 1.0, m / 2.0, 1.0]);
                }
                for v in hint_constants(hs) {
                    if let Some(x) = v.as_f64() {
                        points.extend([x, x + 1.0, x - 1.0]);
                    }
                }
            }
        }
        let mut bag = Candidates::new(cap, self.budgets.max_value_nodes());
        if !shallow {
            // Integers past 2^53 lose their neighbours as doubles: their edges, exactly.
            for src in std::iter::once(s).chain(hints.iter().map(|h| h.schema)) {
                for key in [
                    "minimum",
                    "maximum",
                    "exclusiveMinimum",
                    "exclusiveMaximum",
                    "multipleOf",
                ] {
                    let Some(Value::Number(n)) = src.get(key) else {
                        continue;
                    };
                    let Some(i) = number::as_int(&Value::Number(n.clone()))
                        .filter(|_| number::beyond_double(n))
                    else {
                        continue;
                    };
                    for x in [i, i - 1, i + 1, i.saturating_mul(2)] {
                        if let Some(v) = number::int_value(x) {
                            bag.push(v);
                        }
                    }
                }
            }
        }
        let mut floated = false;
        for p in points {
            let mut x = p;
            if let Some(m) = step {
                let snapped = (x / m).round() * m;
                if low.is_some_and(|l| snapped < l) {
                    x = (x / m).ceil() * m;
                } else if high.is_some_and(|h| snapped > h) {
                    x = (x / m).floor() * m;
                } else {
                    x = snapped;
                }
            }
            if integer {
                x = x.round();
            }
            if low.is_some_and(|l| x < l) || high.is_some_and(|h| x > h) {
                continue;
            }
            if let Some(v) = num(x) {
                bag.push(v);
            }
            // The same number written as a float (`1.0`): draft-04 tells it from `1`.
            if !shallow
                && !floated
                && x.fract() == 0.0
                && let Some(f) = Number::from_f64(x)
            {
                floated = true;
                bag.push(Value::Number(f));
            }
        }
        bag.items
    }
}
