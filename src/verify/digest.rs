//! A digest of a JSON value that two equal values share, whatever their object key order:
//! idempotency keys compare payloads by it instead of keeping every payload alive.

use std::hash::{DefaultHasher, Hash, Hasher};

use serde_json::Value;

/// 128 bits of two differently seeded SipHash runs; equal values (`==`, object key order
/// ignored) give equal digests.
pub(super) fn of(value: &Value) -> u128 {
    (u128::from(seeded(value, 0x5ea3)) << 64) | u128::from(seeded(value, 0x9e37_79b9))
}

fn seeded(value: &Value, seed: u64) -> u64 {
    let mut h = DefaultHasher::new();
    h.write_u64(seed);
    feed(value, seed, &mut h);
    h.finish()
}

fn feed(value: &Value, seed: u64, h: &mut DefaultHasher) {
    match value {
        Value::Null => h.write_u8(0),
        Value::Bool(b) => {
            h.write_u8(1);
            b.hash(h);
        }
        Value::Number(n) => {
            // `Number` equality tells integers from floats (`1` is not `1.0`), so does this.
            if let Some(u) = n.as_u64() {
                h.write_u8(2);
                h.write_u64(u);
            } else if let Some(i) = n.as_i64() {
                h.write_u8(3);
                h.write_i64(i);
            } else {
                h.write_u8(4);
                h.write_u64(n.as_f64().map_or(0, f64::to_bits));
            }
        }
        Value::String(s) => {
            h.write_u8(5);
            s.hash(h);
        }
        Value::Array(items) => {
            h.write_u8(6);
            h.write_usize(items.len());
            for item in items {
                feed(item, seed, h);
            }
        }
        Value::Object(map) => {
            // Members hashed apart and summed: the same set of members in any order.
            h.write_u8(7);
            h.write_usize(map.len());
            let mut sum = 0u64;
            for (k, v) in map {
                let mut member = DefaultHasher::new();
                member.write_u64(seed);
                k.hash(&mut member);
                feed(v, seed, &mut member);
                sum = sum.wrapping_add(member.finish());
            }
            h.write_u64(sum);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::of;

    #[test]
    fn equal_values_share_a_digest_and_different_ones_do_not() {
        assert_eq!(
            of(&json!({"a": 1, "b": [true, null, "x"]})),
            of(&json!({"b": [true, null, "x"], "a": 1}))
        );
        let distinct = [
            json!({"a": 1}),
            json!({"a": 1.0}),
            json!({"a": -1}),
            json!({"a": "1"}),
            json!({"b": 1}),
            json!({"a": [1]}),
            json!([{"a": 1}]),
            json!({"a": 1, "b": 1}),
            json!({"a": {"b": 1}}),
            json!({"a": {}, "b": 1}),
            json!(null),
            json!(false),
        ];
        for (i, x) in distinct.iter().enumerate() {
            for y in &distinct[i + 1..] {
                assert_ne!(of(x), of(y), "{x} and {y}");
            }
        }
    }
}
