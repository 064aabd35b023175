//! Exact comparisons of JSON numbers as the documents hold them (`u64`, `i64` or `f64`, the
//! forms `serde_json` keeps), never through a lossy conversion to `f64`: `18446744073709551615`
//! and `18446744073709551614` are different bounds even though they round to the same double.
//!
//! Integers beyond 64 bits are read as the nearest double by the JSON reader, for the validator
//! and the engine alike, so both see the same value.

use std::cmp::Ordering;

use serde_json::{Number, Value};

/// 2^53: integers up to it are exact as doubles.
const EXACT_DOUBLE: u64 = 1 << 53;

/// `n` as an integer, when it is one (`u64`/`i64`, or a double with no fraction that fits).
fn integer(n: &Number) -> Option<i128> {
    if let Some(u) = n.as_u64() {
        return Some(i128::from(u));
    }
    if let Some(i) = n.as_i64() {
        return Some(i128::from(i));
    }
    None
}

/// An integer against a double, exactly.
fn cmp_int_float(i: i128, f: f64) -> Ordering {
    // Doubles at or past 2^100 in magnitude are outside every 64-bit integer.
    const FAR: f64 = 1.267_650_600_228_229_4e30;
    if f >= FAR {
        return Ordering::Less;
    }
    if f <= -FAR {
        return Ordering::Greater;
    }
    let floor = f.floor();
    #[expect(
        clippy::cast_possible_truncation,
        reason = "|floor| < 2^100 fits i128 exactly: a double that large has no fraction"
    )]
    let whole = floor as i128;
    match i.cmp(&whole) {
        Ordering::Equal if f > floor => Ordering::Less,
        other => other,
    }
}

/// Compares two JSON numbers exactly.
pub(crate) fn cmp(a: &Number, b: &Number) -> Ordering {
    match (integer(a), integer(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(x), None) => cmp_int_float(x, b.as_f64().unwrap_or(0.0)),
        (None, Some(y)) => cmp_int_float(y, a.as_f64().unwrap_or(0.0)).reverse(),
        (None, None) => {
            let (x, y) = (a.as_f64().unwrap_or(0.0), b.as_f64().unwrap_or(0.0));
            x.partial_cmp(&y).unwrap_or(Ordering::Equal)
        }
    }
}

/// Compares a JSON number with an integer exactly.
pub(crate) fn cmp_int(a: &Number, b: i64) -> Ordering {
    cmp(a, &Number::from(b))
}

/// Whether `n` is an integer past 2^53 in magnitude, or a double that large: a value a double
/// cannot hold exactly (or its neighbours).
pub(crate) fn beyond_double(n: &Number) -> bool {
    match integer(n) {
        Some(i) => i.unsigned_abs() > u128::from(EXACT_DOUBLE),
        #[expect(clippy::cast_precision_loss, reason = "2^53 is exact")]
        None => n.as_f64().is_some_and(|f| f.abs() >= EXACT_DOUBLE as f64),
    }
}

/// Whether `doc` has a `multipleOf` [`beyond_double`]: divisibility the canonical form would
/// compute on doubles.
pub(crate) fn has_beyond_double(doc: &Value, depth: usize) -> bool {
    if depth > 512 {
        return true;
    }
    match doc {
        Value::Object(m) => m.iter().any(|(k, v)| match (k.as_str(), v) {
            ("default" | "examples", _) => false,
            ("multipleOf", Value::Number(n)) => beyond_double(n),
            _ => has_beyond_double(v, depth + 1),
        }),
        Value::Array(a) => a.iter().any(|v| has_beyond_double(v, depth + 1)),
        _ => false,
    }
}

/// Whether two different numbers of `a` and `b` (outside `default`/`examples`) are the same
/// double: the canonical form, which compares doubles, would take them for one.
pub(crate) fn rounding_collision(a: &Value, b: &Value) -> bool {
    fn collect(v: &Value, depth: usize, out: &mut Vec<(u64, Number)>) {
        if depth > 512 || out.len() > 100_000 {
            return;
        }
        match v {
            Value::Number(n) => out.push((n.as_f64().unwrap_or(0.0).to_bits(), n.clone())),
            Value::Object(m) => {
                for (k, x) in m {
                    if !matches!(k.as_str(), "default" | "examples") {
                        collect(x, depth + 1, out);
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|x| collect(x, depth + 1, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    collect(a, 0, &mut all);
    collect(b, 0, &mut all);
    if !all.iter().any(|(_, n)| beyond_double(n)) {
        return false;
    }
    all.sort_by(|x, y| x.0.cmp(&y.0).then_with(|| cmp(&x.1, &y.1)));
    all.windows(2).any(|w| match w {
        [(fx, x), (fy, y)] => fx == fy && cmp(x, y) != Ordering::Equal,
        _ => false,
    })
}

/// Whether every multiple of `a` is a multiple of `b`: exact on integers; on decimals, exact on
/// the doubles the validator reads them as (it divides the two doubles as exact fractions), so
/// `0.3` does not divide into `0.1` and `0.5` not into `2^32`. `None` when a divisor is past
/// 2^53, which the validator reads as the nearest double.
pub(crate) fn divides(multiple: &Number, divisor: &Number) -> Option<bool> {
    if beyond_double(multiple) || beyond_double(divisor) {
        return None;
    }
    match (integer(multiple), integer(divisor)) {
        (Some(m), Some(d)) if d != 0 => Some(m % d == 0),
        _ => {
            let (m, d) = (multiple.as_f64()?, divisor.as_f64()?);
            if !(m.is_finite() && d.is_finite() && m > 0.0 && d > 0.0) {
                return None;
            }
            Some(double_ratio_is_integer(m, d))
        }
    }
}

/// `(odd, exponent)` with `x == odd × 2^exponent` exactly, for a finite `x > 0`.
fn odd_and_exponent(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let raw_exponent = i64::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if raw_exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), raw_exponent - 1075)
    };
    let zeros = mantissa.trailing_zeros();
    (mantissa >> zeros, exponent + i64::from(zeros))
}

/// Whether `m / d` is an integer, as exact fractions of the two doubles (both finite, > 0).
fn double_ratio_is_integer(m: f64, d: f64) -> bool {
    let (om, em) = odd_and_exponent(m);
    let (od, ed) = odd_and_exponent(d);
    // m / d = (om / od) × 2^(em − ed); with both odd, an integer needs od | om and no negative
    // power of two left over.
    om % od == 0 && em >= ed
}

/// The integer `i` as a JSON value, when a JSON reader keeps it exact (`u64`/`i64`).
pub(crate) fn int_value(i: i128) -> Option<Value> {
    if let Ok(u) = u64::try_from(i) {
        return Some(Value::from(u));
    }
    i64::try_from(i).ok().map(Value::from)
}

/// The exact integer held by `v`, when it holds one in `u64`/`i64` form.
pub(crate) fn as_int(v: &Value) -> Option<i128> {
    match v {
        Value::Number(n) => integer(n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn n(v: &Value) -> Number {
        match v {
            Value::Number(n) => n.clone(),
            _ => unreachable!("a number"),
        }
    }

    #[test]
    fn decimal_divisors_divide_exactly_on_the_validators_doubles() {
        let d = |a: Value, b: Value| divides(&n(&a), &n(&b));
        // A quotient near zero is not an integer (it was within an absolute tolerance).
        assert_eq!(d(json!(0.5), json!(4_294_967_296_u64)), Some(false));
        assert_eq!(d(json!(0.5), json!(9_007_199_254_740_992_u64)), Some(false));
        assert_eq!(d(json!(0.5), json!(4)), Some(false));
        assert_eq!(d(json!(1.5), json!(0.5)), Some(true));
        assert_eq!(d(json!(0.75), json!(0.25)), Some(true));
        assert_eq!(d(json!(0.25), json!(0.75)), Some(false));
        assert_eq!(d(json!(3), json!(0.5)), Some(true));
        assert_eq!(d(json!(1e-300), json!(5e-324)), Some(true));
        // 0.3 / 0.1 is 2.9999999999999996 on doubles: not a proof.
        assert_eq!(d(json!(0.3), json!(0.1)), Some(false));
        assert_eq!(d(json!(0.2), json!(0.1)), Some(true));
    }

    #[test]
    fn large_integers_compare_exactly() {
        let max = n(&json!(u64::MAX));
        let below = n(&json!(u64::MAX - 1));
        assert_eq!(cmp(&max, &below), Ordering::Greater);
        assert_eq!(
            cmp(
                &n(&json!(1_152_921_504_606_846_977_u64)),
                &n(&json!(1_152_921_504_606_846_976_u64))
            ),
            Ordering::Greater
        );
        // 2^64 as a double is above every u64.
        assert_eq!(
            cmp(&max, &n(&json!(18_446_744_073_709_551_616.0))),
            Ordering::Less
        );
        assert_eq!(cmp(&n(&json!(2)), &n(&json!(2.0))), Ordering::Equal);
        assert_eq!(cmp(&n(&json!(2)), &n(&json!(2.5))), Ordering::Less);
        assert_eq!(cmp(&n(&json!(-3)), &n(&json!(-2.5))), Ordering::Less);
        assert_eq!(
            cmp(&n(&json!(i64::MIN)), &n(&json!(-1e30))),
            Ordering::Greater
        );
    }

    #[test]
    fn only_different_numbers_on_one_double_collide() {
        let a = json!({"minimum": 18_446_744_073_709_551_614_u64, "default": 1});
        let b = json!({"minimum": 18_446_744_073_709_551_615_u64});
        assert!(rounding_collision(&a, &b));
        // The same big bound on both sides, or a big bound alone, is exact enough.
        assert!(!rounding_collision(&b, &b));
        assert!(!rounding_collision(
            &json!({"maximum": i64::MAX}),
            &json!({"maximum": 10})
        ));
        // An int64 bound against the double it rounds to.
        assert!(rounding_collision(
            &json!({"maximum": i64::MAX}),
            &json!({"maximum": 9.223_372_036_854_776e18})
        ));
        assert!(has_beyond_double(
            &json!({"items": {"multipleOf": 9_007_199_254_740_993_u64}}),
            0
        ));
        assert!(!has_beyond_double(&json!({"maximum": u64::MAX}), 0));
    }

    #[test]
    fn divisors_past_two_to_the_53_are_not_decided() {
        assert_eq!(divides(&n(&json!(4)), &n(&json!(2))), Some(true));
        assert_eq!(
            divides(
                &n(&json!(9_007_199_254_740_993_u64)),
                &n(&json!(9_007_199_254_740_992_u64))
            ),
            None
        );
        assert_eq!(divides(&n(&json!(0.02)), &n(&json!(0.01))), Some(true));
        assert_eq!(divides(&n(&json!(3)), &n(&json!(2))), Some(false));
    }
}
