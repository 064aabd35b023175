//! The catalogue: every rule seam reports, defined once, in the order of `docs/rules.md`
//! (type, object, array, string, number, enum, combinators, ref, meta, engine; then the
//! repository rules: verify, gate, governance, policy).
//!
//! Each entry is `Variant = "rule-id" { kind, category, effect, default severity, since,
//! summary }` and its doc comment: the rule's documentation (the example and how to fix;
//! for lint rules also why it matters), from which `docs/rules.md` is generated.

use super::rules;

rules! {
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": ["string", "number"]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// type-narrowed /type narrows: type no longer accepts `number`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    TypeNarrowed = "type-narrowed" {
        Breaking, "type", Narrows, Error, "0.1.0",
        "A `type` list lost a type, or a `type` constraint appeared where there was none."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "integer"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// type-widened /type widens: type now also accepts `number`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    TypeWidened = "type-widened" {
        Breaking, "type", Widens, Error, "0.1.0",
        "A `type` list gained a type (or `integer` became `number`), or the `type` constraint was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "integer"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// type-changed /type changes: type no longer accepts `string` and now accepts `integer`
    /// ```
    ///
    /// **How to fix.** Old and new accept different values, so no mode except `none` allows it: publish a new major version, or keep the old constraint alongside (e.g. `anyOf` of both) during a migration.
    TypeChanged = "type-changed" {
        Breaking, "type", Changes, Error, "0.1.0",
        "The `type` both lost and gained types, e.g. `string` became `integer`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"note": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"note": {"type": ["string", "null"]}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// nullable-added /properties/note/type widens: `null` is now accepted
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values. Readers must handle `null`.
    NullableAdded = "nullable-added" {
        Breaking, "type", Widens, Error, "0.1.0",
        "`null` was added to the `type` list (or OpenAPI `nullable: true`); nothing else changed in the type."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"note": {"type": ["string", "null"]}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"note": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// nullable-removed /properties/note/type narrows: `null` is no longer accepted
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first. Writers must stop sending `null`.
    NullableRemoved = "nullable-removed" {
        Breaking, "type", Narrows, Error, "0.1.0",
        "`null` was removed from the `type` list; nothing else changed in the type."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}, "total": {"type": "number"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// property-added /properties/total narrows: property `total` added; the object was open, so values it accepted before may now be rejected
    /// ```
    ///
    /// **How to fix.** On an open object, make sure every writer already sends values the new schema accepts, or accept anything for the property (`{}`) for now. On a closed object, readers must learn the property before writers send it (`forward`).
    PropertyAdded = "property-added" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "A property was added to `properties`. On an open object the property was unconstrained before, so this narrows; on a closed object (`additionalProperties: false`) it was forbidden before, so this widens; with `patternProperties` or an `additionalProperties` schema the effect is unknown."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}, "total": {"type": "number"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// property-removed /properties/total widens: property `total` removed; the object is open, so it may now hold any value
    /// ```
    ///
    /// **How to fix.** Keep the property (mark it `deprecated: true`) until every reader stops using it; remove it in a new major version.
    PropertyRemoved = "property-removed" {
        Breaking, "object", Widens, Error, "0.1.0",
        "A property was removed from `properties`. On an open object the name becomes unconstrained (widens); on a closed object it becomes forbidden (narrows)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}, "customer": {"type": "string"}}, "required": ["id"]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}, "customer": {"type": "string"}}, "required": ["id", "customer"]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// required-added /required narrows: property `customer` is now required
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first. Or give readers a default instead of requiring the field.
    RequiredAdded = "required-added" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "A property name was added to `required`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}, "customer": {"type": "string"}}, "required": ["id", "customer"]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}, "customer": {"type": "string"}}, "required": ["id"]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// required-removed /required widens: property `customer` is no longer required
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values. Readers must cope with the field missing.
    RequiredRemoved = "required-removed" {
        Breaking, "object", Widens, Error, "0.1.0",
        "A property name was removed from `required`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}, "additionalProperties": false}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// additional-properties-closed /additionalProperties narrows: `additionalProperties` set to `false`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    AdditionalPropertiesClosed = "additional-properties-closed" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "`additionalProperties` became `false`: names not listed are now rejected."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}, "additionalProperties": false}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// additional-properties-opened /additionalProperties widens: `additionalProperties` no longer `false`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    AdditionalPropertiesOpened = "additional-properties-opened" {
        Breaking, "object", Widens, Error, "0.1.0",
        "`additionalProperties` was `false` and no longer is: unlisted names are now accepted."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}, "additionalProperties": {"type": "string"}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// additional-properties-narrowed /additionalProperties narrows: `additionalProperties` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    AdditionalPropertiesNarrowed = "additional-properties-narrowed" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "`additionalProperties` gained a schema where it accepted anything."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}, "additionalProperties": {"type": "string"}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// additional-properties-widened /additionalProperties widens: `additionalProperties` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    AdditionalPropertiesWidened = "additional-properties-widened" {
        Breaking, "object", Widens, Error, "0.1.0",
        "`additionalProperties` had a schema and now accepts anything."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}, "unevaluatedProperties": false}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unevaluated-properties-closed /unevaluatedProperties narrows: `unevaluatedProperties` set to `false`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    UnevaluatedPropertiesClosed = "unevaluated-properties-closed" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "`unevaluatedProperties` became `false`: names not listed are now rejected."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}, "unevaluatedProperties": false}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unevaluated-properties-opened /unevaluatedProperties widens: `unevaluatedProperties` no longer `false`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    UnevaluatedPropertiesOpened = "unevaluated-properties-opened" {
        Breaking, "object", Widens, Error, "0.1.0",
        "`unevaluatedProperties` was `false` and no longer is: unlisted names are now accepted."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}, "unevaluatedProperties": {"type": "string"}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unevaluated-properties-narrowed /unevaluatedProperties narrows: `unevaluatedProperties` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    UnevaluatedPropertiesNarrowed = "unevaluated-properties-narrowed" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "`unevaluatedProperties` gained a schema where it accepted anything."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}, "unevaluatedProperties": {"type": "string"}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"id": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unevaluated-properties-widened /unevaluatedProperties widens: `unevaluatedProperties` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    UnevaluatedPropertiesWidened = "unevaluated-properties-widened" {
        Breaking, "object", Widens, Error, "0.1.0",
        "`unevaluatedProperties` had a schema and now accepts anything."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "patternProperties": {"^x-": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// pattern-properties-added /patternProperties/^x- narrows: pattern property `^x-` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    PatternPropertiesAdded = "pattern-properties-added" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "A pattern was added to `patternProperties` (narrows on an open object; unknown when `additionalProperties` is set)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "patternProperties": {"^x-": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// pattern-properties-removed /patternProperties/^x- widens: pattern property `^x-` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    PatternPropertiesRemoved = "pattern-properties-removed" {
        Breaking, "object", Widens, Error, "0.1.0",
        "A pattern was removed from `patternProperties` (widens on an open object; unknown when `additionalProperties` is set)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "propertyNames": {"maxLength": 8}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// property-names-added /propertyNames narrows: `propertyNames` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    PropertyNamesAdded = "property-names-added" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "A `propertyNames` constraint appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "propertyNames": {"maxLength": 8}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// property-names-removed /propertyNames widens: `propertyNames` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    PropertyNamesRemoved = "property-names-removed" {
        Breaking, "object", Widens, Error, "0.1.0",
        "The `propertyNames` constraint was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "minProperties": 1}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "minProperties": 2}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// min-properties-increased /minProperties narrows: `minProperties` increased from `1` to `2`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MinPropertiesIncreased = "min-properties-increased" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "`minProperties` was raised (or added)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "minProperties": 2}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "minProperties": 1}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// min-properties-decreased /minProperties widens: `minProperties` decreased from `2` to `1`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MinPropertiesDecreased = "min-properties-decreased" {
        Breaking, "object", Widens, Error, "0.1.0",
        "`minProperties` was lowered (or removed)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "maxProperties": 10}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-properties-added /maxProperties narrows: `maxProperties: 10` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaxPropertiesAdded = "max-properties-added" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "A `maxProperties` bound appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "maxProperties": 10}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-properties-removed /maxProperties widens: `maxProperties: 10` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaxPropertiesRemoved = "max-properties-removed" {
        Breaking, "object", Widens, Error, "0.1.0",
        "The `maxProperties` bound was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "maxProperties": 10}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "maxProperties": 20}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-properties-increased /maxProperties widens: `maxProperties` increased from `10` to `20`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaxPropertiesIncreased = "max-properties-increased" {
        Breaking, "object", Widens, Error, "0.1.0",
        "`maxProperties` was raised."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "maxProperties": 20}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "maxProperties": 10}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-properties-decreased /maxProperties narrows: `maxProperties` decreased from `20` to `10`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaxPropertiesDecreased = "max-properties-decreased" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "`maxProperties` was lowered."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "minItems": 1}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "minItems": 2}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// min-items-increased /minItems narrows: `minItems` increased from `1` to `2`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MinItemsIncreased = "min-items-increased" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "`minItems` was raised (or added)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "minItems": 2}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "minItems": 1}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// min-items-decreased /minItems widens: `minItems` decreased from `2` to `1`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MinItemsDecreased = "min-items-decreased" {
        Breaking, "array", Widens, Error, "0.1.0",
        "`minItems` was lowered (or removed)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "maxItems": 10}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-items-added /maxItems narrows: `maxItems: 10` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaxItemsAdded = "max-items-added" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "A `maxItems` bound appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "maxItems": 10}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-items-removed /maxItems widens: `maxItems: 10` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaxItemsRemoved = "max-items-removed" {
        Breaking, "array", Widens, Error, "0.1.0",
        "The `maxItems` bound was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "maxItems": 10}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "maxItems": 20}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-items-increased /maxItems widens: `maxItems` increased from `10` to `20`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaxItemsIncreased = "max-items-increased" {
        Breaking, "array", Widens, Error, "0.1.0",
        "`maxItems` was raised."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "maxItems": 20}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "maxItems": 10}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-items-decreased /maxItems narrows: `maxItems` decreased from `20` to `10`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaxItemsDecreased = "max-items-decreased" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "`maxItems` was lowered."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "minLength": 1}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "minLength": 2}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// min-length-increased /minLength narrows: `minLength` increased from `1` to `2`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MinLengthIncreased = "min-length-increased" {
        Breaking, "string", Narrows, Error, "0.1.0",
        "`minLength` was raised (or added)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "minLength": 2}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "minLength": 1}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// min-length-decreased /minLength widens: `minLength` decreased from `2` to `1`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MinLengthDecreased = "min-length-decreased" {
        Breaking, "string", Widens, Error, "0.1.0",
        "`minLength` was lowered (or removed)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "maxLength": 10}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-length-added /maxLength narrows: `maxLength: 10` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaxLengthAdded = "max-length-added" {
        Breaking, "string", Narrows, Error, "0.1.0",
        "A `maxLength` bound appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "maxLength": 10}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-length-removed /maxLength widens: `maxLength: 10` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaxLengthRemoved = "max-length-removed" {
        Breaking, "string", Widens, Error, "0.1.0",
        "The `maxLength` bound was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "maxLength": 10}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "maxLength": 20}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-length-increased /maxLength widens: `maxLength` increased from `10` to `20`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaxLengthIncreased = "max-length-increased" {
        Breaking, "string", Widens, Error, "0.1.0",
        "`maxLength` was raised."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "maxLength": 20}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "maxLength": 10}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-length-decreased /maxLength narrows: `maxLength` decreased from `20` to `10`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaxLengthDecreased = "max-length-decreased" {
        Breaking, "string", Narrows, Error, "0.1.0",
        "`maxLength` was lowered."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "minContains": 2}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "minContains": 3}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// min-contains-increased /minContains narrows: `minContains` increased from `2` to `3`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MinContainsIncreased = "min-contains-increased" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "`minContains` was raised (or added)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "minContains": 3}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "minContains": 2}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// min-contains-decreased /minContains widens: `minContains` decreased from `3` to `2`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MinContainsDecreased = "min-contains-decreased" {
        Breaking, "array", Widens, Error, "0.1.0",
        "`minContains` was lowered (or removed)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "maxContains": 10}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-contains-added /maxContains narrows: `maxContains: 10` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaxContainsAdded = "max-contains-added" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "A `maxContains` bound appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "maxContains": 10}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-contains-removed /maxContains widens: `maxContains: 10` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaxContainsRemoved = "max-contains-removed" {
        Breaking, "array", Widens, Error, "0.1.0",
        "The `maxContains` bound was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "maxContains": 10}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "maxContains": 20}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-contains-increased /maxContains widens: `maxContains` increased from `10` to `20`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaxContainsIncreased = "max-contains-increased" {
        Breaking, "array", Widens, Error, "0.1.0",
        "`maxContains` was raised."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "maxContains": 20}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "contains": {"type": "integer"}, "maxContains": 10}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// max-contains-decreased /maxContains narrows: `maxContains` decreased from `20` to `10`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaxContainsDecreased = "max-contains-decreased" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "`maxContains` was lowered."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"card": {"type": "string"}, "expiry": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"card": {"type": "string"}, "expiry": {"type": "string"}}, "dependentRequired": {"card": ["expiry"]}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// dependent-required-added /dependentRequired/card narrows: when `card` is present, `expiry` now required too
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    DependentRequiredAdded = "dependent-required-added" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "A `dependentRequired` (or draft-07 array `dependencies`) entry appeared or names more properties."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"card": {"type": "string"}, "expiry": {"type": "string"}}, "dependentRequired": {"card": ["expiry"]}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"card": {"type": "string"}, "expiry": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// dependent-required-removed /dependentRequired/card widens: when `card` is present, `expiry` no longer required
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    DependentRequiredRemoved = "dependent-required-removed" {
        Breaking, "object", Widens, Error, "0.1.0",
        "A `dependentRequired` (or draft-07 array `dependencies`) entry was removed or names fewer properties."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"card": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"card": {"type": "string"}}, "dependentSchemas": {"card": {"required": ["expiry"]}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// dependent-schemas-added /dependentSchemas/card narrows: `dependentSchemas/card` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    DependentSchemasAdded = "dependent-schemas-added" {
        Breaking, "object", Narrows, Error, "0.1.0",
        "A `dependentSchemas` (or draft-07 schema `dependencies`) entry appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"card": {"type": "string"}}, "dependentSchemas": {"card": {"required": ["expiry"]}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"card": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// dependent-schemas-removed /dependentSchemas/card widens: `dependentSchemas/card` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    DependentSchemasRemoved = "dependent-schemas-removed" {
        Breaking, "object", Widens, Error, "0.1.0",
        "A `dependentSchemas` (or draft-07 schema `dependencies`) entry was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "items": {"type": "string"}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// items-added /items narrows: `items` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ItemsAdded = "items-added" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "An `items` schema appeared (no tuple), constraining every element."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "items": {"type": "string"}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// items-removed /items widens: `items` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ItemsRemoved = "items-removed" {
        Breaking, "array", Widens, Error, "0.1.0",
        "The `items` schema was removed (no tuple)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// prefix-items-added /prefixItems/1 narrows: tuple position 1 added; the position was unconstrained before
    /// ```
    ///
    /// **How to fix.** Make sure writers already send values the new position accepts; on a closed tuple, readers must learn the new position first.
    PrefixItemsAdded = "prefix-items-added" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "A tuple position was added (`prefixItems`, or draft-07 array `items`). Narrows when the rest was open, widens when it was closed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// prefix-items-removed /prefixItems/1 widens: tuple position 1 removed; the position now accepts any value
    /// ```
    ///
    /// **How to fix.** Keep the position until readers stop reading it; remove it in a new major version.
    PrefixItemsRemoved = "prefix-items-removed" {
        Breaking, "array", Widens, Error, "0.1.0",
        "A tuple position was removed. Widens when the rest is open, narrows when it is closed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}], "items": false}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// additional-items-closed /items narrows: `items` set to `false`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    AdditionalItemsClosed = "additional-items-closed" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "Elements beyond the tuple (`additionalItems`, or 2020-12 `items` after `prefixItems`) are now forbidden."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}], "items": false}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// additional-items-opened /items widens: `items` no longer `false`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    AdditionalItemsOpened = "additional-items-opened" {
        Breaking, "array", Widens, Error, "0.1.0",
        "Elements beyond the tuple were forbidden and are now accepted."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array", "items": [{"type": "string"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array", "items": [{"type": "string"}], "additionalItems": {"type": "integer"}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// additional-items-narrowed /additionalItems narrows: `additionalItems` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    AdditionalItemsNarrowed = "additional-items-narrowed" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "Elements beyond the tuple gained a schema where they accepted anything."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array", "items": [{"type": "string"}], "additionalItems": {"type": "integer"}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"$schema": "http://json-schema.org/draft-07/schema#", "type": "array", "items": [{"type": "string"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// additional-items-widened /additionalItems widens: `additionalItems` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    AdditionalItemsWidened = "additional-items-widened" {
        Breaking, "array", Widens, Error, "0.1.0",
        "Elements beyond the tuple had a schema and now accept anything."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": false}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unevaluated-items-closed /unevaluatedItems narrows: `unevaluatedItems` set to `false`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    UnevaluatedItemsClosed = "unevaluated-items-closed" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "`unevaluatedItems` became `false`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": false}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unevaluated-items-opened /unevaluatedItems widens: `unevaluatedItems` no longer `false`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    UnevaluatedItemsOpened = "unevaluated-items-opened" {
        Breaking, "array", Widens, Error, "0.1.0",
        "`unevaluatedItems` was `false` and no longer is."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": {"type": "string"}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unevaluated-items-narrowed /unevaluatedItems narrows: `unevaluatedItems` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    UnevaluatedItemsNarrowed = "unevaluated-items-narrowed" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "`unevaluatedItems` gained a schema where it accepted anything."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}], "unevaluatedItems": {"type": "string"}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "prefixItems": [{"type": "string"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unevaluated-items-widened /unevaluatedItems widens: `unevaluatedItems` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    UnevaluatedItemsWidened = "unevaluated-items-widened" {
        Breaking, "array", Widens, Error, "0.1.0",
        "`unevaluatedItems` had a schema and now accepts anything."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "uniqueItems": true}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unique-items-added /uniqueItems narrows: array items must now be unique
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    UniqueItemsAdded = "unique-items-added" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "`uniqueItems: true` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "uniqueItems": true}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// unique-items-removed /uniqueItems widens: array items no longer need to be unique
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    UniqueItemsRemoved = "unique-items-removed" {
        Breaking, "array", Widens, Error, "0.1.0",
        "`uniqueItems: true` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array", "contains": {"const": "primary"}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// contains-added /contains narrows: `contains` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ContainsAdded = "contains-added" {
        Breaking, "array", Narrows, Error, "0.1.0",
        "A `contains` constraint appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "array", "contains": {"const": "primary"}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "array"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// contains-removed /contains widens: `contains` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ContainsRemoved = "contains-removed" {
        Breaking, "array", Widens, Error, "0.1.0",
        "The `contains` constraint was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "pattern": "^[A-Z]{3}$"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// pattern-added /pattern narrows: `pattern` `"^[A-Z]{3}$"` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    PatternAdded = "pattern-added" {
        Breaking, "string", Narrows, Error, "0.1.0",
        "A `pattern` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "pattern": "^[A-Z]{3}$"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// pattern-removed /pattern widens: `pattern` `"^[A-Z]{3}$"` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    PatternRemoved = "pattern-removed" {
        Breaking, "string", Widens, Error, "0.1.0",
        "The `pattern` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "pattern": "^[A-Z]{3}$"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "pattern": "^[A-Z]{2,3}$"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// pattern-changed /pattern unknown: `pattern` changed from `"^[A-Z]{3}$"` to `"^[A-Z]{2,3}$"`
    /// ```
    ///
    /// **How to fix.** Structure cannot tell the direction; read the verdict of the semantic check (`seam diff`). If it is incompatible, follow its counterexample; if it stays unknown, simplify the change or add a waiver.
    PatternChanged = "pattern-changed" {
        Breaking, "string", Unknown, Error, "0.1.0",
        "The `pattern` changed; whether one language contains the other is left to the semantic check."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "format": "date"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// format-added /format narrows: `format` `"date"` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    FormatAdded = "format-added" {
        Breaking, "string", Narrows, Error, "0.1.0",
        "A `format` appeared (it narrows where formats are asserted: drafts up to 7, or with format assertion switched on)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "format": "date"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// format-removed /format widens: `format` `"date"` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    FormatRemoved = "format-removed" {
        Breaking, "string", Widens, Error, "0.1.0",
        "The `format` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "format": "date"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "format": "date-time"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// format-changed /format unknown: `format` changed from `"date"` to `"date-time"`
    /// ```
    ///
    /// **How to fix.** Structure cannot tell the direction; read the verdict of the semantic check (`seam diff`). If it is incompatible, follow its counterexample; if it stays unknown, simplify the change or add a waiver.
    FormatChanged = "format-changed" {
        Breaking, "string", Unknown, Error, "0.1.0",
        "The `format` changed, e.g. `date` to `date-time`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "minimum": 0}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// minimum-added /minimum narrows: lower bound `>= 0` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MinimumAdded = "minimum-added" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "A bound stated by `minimum` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "minimum": 0}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// minimum-removed /minimum widens: lower bound `>= 0` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MinimumRemoved = "minimum-removed" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The bound stated by `minimum` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "minimum": 0}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "minimum": 5}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// minimum-increased /minimum narrows: lower bound changed from `>= 0` to `>= 5`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MinimumIncreased = "minimum-increased" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "The bound now stated by `minimum` moved up (a higher value, or the same value turned exclusive)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "minimum": 5}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "minimum": 0}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// minimum-decreased /minimum widens: lower bound changed from `>= 5` to `>= 0`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MinimumDecreased = "minimum-decreased" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The bound now stated by `minimum` moved down."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "maximum": 0}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// maximum-added /maximum narrows: upper bound `<= 0` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaximumAdded = "maximum-added" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "A bound stated by `maximum` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "maximum": 0}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// maximum-removed /maximum widens: upper bound `<= 0` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaximumRemoved = "maximum-removed" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The bound stated by `maximum` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "maximum": 0}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "maximum": 5}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// maximum-increased /maximum widens: upper bound changed from `<= 0` to `<= 5`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MaximumIncreased = "maximum-increased" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The bound now stated by `maximum` moved up (a higher value, or the same value turned inclusive)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "maximum": 5}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "maximum": 0}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// maximum-decreased /maximum narrows: upper bound changed from `<= 5` to `<= 0`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MaximumDecreased = "maximum-decreased" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "The bound now stated by `maximum` moved down."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMinimum": 0}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// exclusive-minimum-added /exclusiveMinimum narrows: lower bound `> 0` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ExclusiveMinimumAdded = "exclusive-minimum-added" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "A bound stated by `exclusiveMinimum` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMinimum": 0}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// exclusive-minimum-removed /exclusiveMinimum widens: lower bound `> 0` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ExclusiveMinimumRemoved = "exclusive-minimum-removed" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The bound stated by `exclusiveMinimum` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMinimum": 0}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMinimum": 5}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// exclusive-minimum-increased /exclusiveMinimum narrows: lower bound changed from `> 0` to `> 5`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ExclusiveMinimumIncreased = "exclusive-minimum-increased" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "The bound now stated by `exclusiveMinimum` moved up (a higher value, or the same value turned exclusive)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMinimum": 5}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMinimum": 0}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// exclusive-minimum-decreased /exclusiveMinimum widens: lower bound changed from `> 5` to `> 0`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ExclusiveMinimumDecreased = "exclusive-minimum-decreased" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The bound now stated by `exclusiveMinimum` moved down."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMaximum": 0}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// exclusive-maximum-added /exclusiveMaximum narrows: upper bound `< 0` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ExclusiveMaximumAdded = "exclusive-maximum-added" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "A bound stated by `exclusiveMaximum` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMaximum": 0}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// exclusive-maximum-removed /exclusiveMaximum widens: upper bound `< 0` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ExclusiveMaximumRemoved = "exclusive-maximum-removed" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The bound stated by `exclusiveMaximum` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMaximum": 0}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMaximum": 5}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// exclusive-maximum-increased /exclusiveMaximum widens: upper bound changed from `< 0` to `< 5`
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ExclusiveMaximumIncreased = "exclusive-maximum-increased" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The bound now stated by `exclusiveMaximum` moved up (a higher value, or the same value turned inclusive)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMaximum": 5}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "exclusiveMaximum": 0}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// exclusive-maximum-decreased /exclusiveMaximum narrows: upper bound changed from `< 5` to `< 0`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ExclusiveMaximumDecreased = "exclusive-maximum-decreased" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "The bound now stated by `exclusiveMaximum` moved down."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "multipleOf": 0.01}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// multiple-of-added /multipleOf narrows: `multipleOf: 0.01` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    MultipleOfAdded = "multiple-of-added" {
        Breaking, "number", Narrows, Error, "0.1.0",
        "A `multipleOf` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "multipleOf": 0.01}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// multiple-of-removed /multipleOf widens: `multipleOf: 0.01` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    MultipleOfRemoved = "multiple-of-removed" {
        Breaking, "number", Widens, Error, "0.1.0",
        "The `multipleOf` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "number", "multipleOf": 0.01}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "number", "multipleOf": 0.05}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// multiple-of-changed /multipleOf narrows: `multipleOf` changed from `0.01` to `0.05`
    /// ```
    ///
    /// **How to fix.** See the effect on the change: follow the fix for narrowing, widening or changing constraints.
    MultipleOfChanged = "multiple-of-changed" {
        Breaking, "number", Unknown, Error, "0.1.0",
        "`multipleOf` changed: narrows when the new value is a multiple of the old, widens when the old is a multiple of the new, changes otherwise."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "enum": ["open", "closed"]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// enum-added /enum narrows: values restricted to `["open","closed"]`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    EnumAdded = "enum-added" {
        Breaking, "enum", Narrows, Error, "0.1.0",
        "An `enum` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "enum": ["open", "closed"]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// enum-removed /enum widens: restriction to `["open","closed"]` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    EnumRemoved = "enum-removed" {
        Breaking, "enum", Widens, Error, "0.1.0",
        "The `enum` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"enum": ["open", "closed"]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"enum": ["open", "closed", "cancelled"]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// enum-value-added /enum widens: value `"cancelled"` now allowed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values. Readers must handle the new value (a `default` branch in every switch).
    EnumValueAdded = "enum-value-added" {
        Breaking, "enum", Widens, Error, "0.1.0",
        "A value was added to `enum` (a `const` counts as a one-value `enum`)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"enum": ["open", "closed", "cancelled"]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"enum": ["open", "closed"]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// enum-value-removed /enum narrows: value `"cancelled"` no longer allowed
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    EnumValueRemoved = "enum-value-removed" {
        Breaking, "enum", Narrows, Error, "0.1.0",
        "A value was removed from `enum`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "const": "EUR"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// const-added /const narrows: values restricted to `"EUR"`
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ConstAdded = "const-added" {
        Breaking, "enum", Narrows, Error, "0.1.0",
        "A `const` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "const": "EUR"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// const-removed /const widens: restriction to `"EUR"` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ConstRemoved = "const-removed" {
        Breaking, "enum", Widens, Error, "0.1.0",
        "The `const` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"const": "EUR"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"const": "USD"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// const-changed /const changes: `const` changed from `"EUR"` to `"USD"`
    /// ```
    ///
    /// **How to fix.** Old and new accept different values, so no mode except `none` allows it: publish a new major version, or keep the old constraint alongside (e.g. `anyOf` of both) during a migration.
    ConstChanged = "const-changed" {
        Breaking, "enum", Changes, Error, "0.1.0",
        "`const` changed from one value to another: no value is accepted by both."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "$defs": {"Base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "$defs": {"Base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}}, "allOf": [{"$ref": "#/$defs/Base"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// all-of-added /allOf narrows: `allOf` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    AllOfAdded = "all-of-added" {
        Breaking, "combinators", Narrows, Error, "0.1.0",
        "An `allOf` appeared (one that cannot be folded into its parent, e.g. it holds a `$ref`)."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "$defs": {"Base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}}, "allOf": [{"$ref": "#/$defs/Base"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "$defs": {"Base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// all-of-removed /allOf widens: `allOf` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    AllOfRemoved = "all-of-removed" {
        Breaking, "combinators", Widens, Error, "0.1.0",
        "The `allOf` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "$defs": {"Base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}}, "allOf": [{"$ref": "#/$defs/Base"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "$defs": {"Base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}}, "allOf": [{"$ref": "#/$defs/Base"}, {"required": ["total"]}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// all-of-member-added /allOf/1 narrows: `allOf` member 1 added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    AllOfMemberAdded = "all-of-member-added" {
        Breaking, "combinators", Narrows, Error, "0.1.0",
        "A member was added to `allOf`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "$defs": {"Base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}}, "allOf": [{"$ref": "#/$defs/Base"}, {"required": ["total"]}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "$defs": {"Base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}}, "allOf": [{"$ref": "#/$defs/Base"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// all-of-member-removed /allOf/1 widens: `allOf` member 1 removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    AllOfMemberRemoved = "all-of-member-removed" {
        Breaking, "combinators", Widens, Error, "0.1.0",
        "A member was removed from `allOf`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"anyOf": [{"type": "string"}, {"type": "object", "required": ["b"]}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// any-of-added /anyOf narrows: `anyOf` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    AnyOfAdded = "any-of-added" {
        Breaking, "combinators", Narrows, Error, "0.1.0",
        "A `anyOf` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"anyOf": [{"type": "string"}, {"type": "object", "required": ["b"]}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// any-of-removed /anyOf widens: `anyOf` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    AnyOfRemoved = "any-of-removed" {
        Breaking, "combinators", Widens, Error, "0.1.0",
        "The `anyOf` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"anyOf": [{"type": "string"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"anyOf": [{"type": "string"}, {"type": "object", "required": ["b"]}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// any-of-member-added /anyOf/1 widens: `anyOf` member 1 added
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    AnyOfMemberAdded = "any-of-member-added" {
        Breaking, "combinators", Widens, Error, "0.1.0",
        "A member was added to `anyOf`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"anyOf": [{"type": "string"}, {"type": "object", "required": ["b"]}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"anyOf": [{"type": "string"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// any-of-member-removed /anyOf/1 narrows: `anyOf` member 1 removed
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    AnyOfMemberRemoved = "any-of-member-removed" {
        Breaking, "combinators", Narrows, Error, "0.1.0",
        "A member was removed from `anyOf`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"oneOf": [{"type": "string"}, {"type": "object", "required": ["b"]}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// one-of-added /oneOf narrows: `oneOf` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    OneOfAdded = "one-of-added" {
        Breaking, "combinators", Narrows, Error, "0.1.0",
        "A `oneOf` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"oneOf": [{"type": "string"}, {"type": "object", "required": ["b"]}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// one-of-removed /oneOf widens: `oneOf` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    OneOfRemoved = "one-of-removed" {
        Breaking, "combinators", Widens, Error, "0.1.0",
        "The `oneOf` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"oneOf": [{"type": "string"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"oneOf": [{"type": "string"}, {"type": "object", "required": ["b"]}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// one-of-member-added /oneOf/1 unknown: `oneOf` member 1 added
    /// ```
    ///
    /// **How to fix.** Structure cannot tell the direction; read the verdict of the semantic check (`seam diff`). If it is incompatible, follow its counterexample; if it stays unknown, simplify the change or add a waiver.
    OneOfMemberAdded = "one-of-member-added" {
        Breaking, "combinators", Unknown, Error, "0.1.0",
        "A member was added to `oneOf`. Under `oneOf` a new member can also make values that now match two members invalid, so the effect is unknown."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"oneOf": [{"type": "string"}, {"type": "object", "required": ["b"]}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"oneOf": [{"type": "string"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// one-of-member-removed /oneOf/1 unknown: `oneOf` member 1 removed
    /// ```
    ///
    /// **How to fix.** Structure cannot tell the direction; read the verdict of the semantic check (`seam diff`). If it is incompatible, follow its counterexample; if it stays unknown, simplify the change or add a waiver.
    OneOfMemberRemoved = "one-of-member-removed" {
        Breaking, "combinators", Unknown, Error, "0.1.0",
        "A member was removed from `oneOf`. Under `oneOf` a new member can also make values that now match two members invalid, so the effect is unknown."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"oneOf": [{"type": "string", "maxLength": 3}, {"type": "string", "pattern": "^a"}]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "string", "pattern": "^a"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// combinator-changed /oneOf widens: `oneOf` replaced by `anyOf`
    /// ```
    ///
    /// **How to fix.** Structure cannot tell the direction; read the verdict of the semantic check (`seam diff`). If it is incompatible, follow its counterexample; if it stays unknown, simplify the change or add a waiver.
    CombinatorChanged = "combinator-changed" {
        Breaking, "combinators", Unknown, Error, "0.1.0",
        "The same members moved to another combinator: `allOf`/`oneOf` to `anyOf` widens, `anyOf` to `allOf`/`oneOf` narrows, others are unknown."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "not": {"const": ""}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// not-added /not narrows: `not` added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    NotAdded = "not-added" {
        Breaking, "combinators", Narrows, Error, "0.1.0",
        "A `not` appeared."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "not": {"const": ""}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// not-removed /not widens: `not` removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    NotRemoved = "not-removed" {
        Breaking, "combinators", Widens, Error, "0.1.0",
        "The `not` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// if-added /if unknown: `if` added
    /// then-added /then unknown: `then` constraint added
    /// ```
    ///
    /// **How to fix.** Structure cannot tell the direction; read the verdict of the semantic check (`seam diff`). If it is incompatible, follow its counterexample; if it stays unknown, simplify the change or add a waiver.
    IfAdded = "if-added" {
        Breaking, "combinators", Unknown, Error, "0.1.0",
        "An `if` appeared (with its `then`/`else`); its effect depends on both branches."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// if-removed /if unknown: `if` removed
    /// then-removed /then unknown: `then` constraint removed
    /// ```
    ///
    /// **How to fix.** Structure cannot tell the direction; read the verdict of the semantic check (`seam diff`). If it is incompatible, follow its counterexample; if it stays unknown, simplify the change or add a waiver.
    IfRemoved = "if-removed" {
        Breaking, "combinators", Unknown, Error, "0.1.0",
        "The `if` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "else": {"required": ["zip"]}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}, "else": {"required": ["zip"]}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// then-added /then narrows: `then` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ThenAdded = "then-added" {
        Breaking, "combinators", Narrows, Error, "0.1.0",
        "A `then` branch appeared beside an `if`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}, "else": {"required": ["zip"]}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "else": {"required": ["zip"]}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// then-removed /then widens: `then` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ThenRemoved = "then-removed" {
        Breaking, "combinators", Widens, Error, "0.1.0",
        "The `then` branch was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}, "else": {"required": ["country"]}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// else-added /else narrows: `else` constraint added
    /// ```
    ///
    /// **How to fix.** Under `backward` or `full`, keep the old constraint (or relax it) in this major version; publish the stricter schema as a new major version and migrate the writers first.
    ElseAdded = "else-added" {
        Breaking, "combinators", Narrows, Error, "0.1.0",
        "An `else` branch appeared beside an `if`."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}, "else": {"required": ["country"]}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"country": {"type": "string"}, "zip": {"type": "string"}}, "if": {"properties": {"country": {"const": "US"}}}, "then": {"required": ["zip"]}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// else-removed /else widens: `else` constraint removed
    /// ```
    ///
    /// **How to fix.** Under `forward` or `full`, keep the old constraint in this major version; publish the looser schema as a new major version once every reader accepts the new values.
    ElseRemoved = "else-removed" {
        Breaking, "combinators", Widens, Error, "0.1.0",
        "The `else` branch was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"properties": {"amount": {"$ref": "#/$defs/Money"}}, "$defs": {"Money": {"type": "number"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"properties": {"amount": {"$ref": "#/$defs/Amount"}}, "$defs": {"Amount": {"type": "number"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// ref-target-changed /properties/amount/$ref none: `$ref` changed from `#/$defs/Money` to `#/$defs/Amount`; the targets are compared by their bodies
    /// ```
    ///
    /// **How to fix.** Nothing to fix for a rename; otherwise see the changes reported inside the new target.
    RefTargetChanged = "ref-target-changed" {
        Breaking, "ref", None, Error, "0.1.0",
        "A `$ref` now names another definition. Both bodies are compared, so real differences appear as their own changes; the effect is `unknown` only when a target cannot be resolved within the document."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "title": "Order id"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "title": "Order identifier", "description": "ERP document number"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// annotation-changed /description none: `description` added: `"ERP document number"`
    /// annotation-changed /title none: `title` changed from `"Order id"` to `"Order identifier"`
    /// ```
    ///
    /// **How to fix.** Nothing to fix: the accepted set is unchanged.
    AnnotationChanged = "annotation-changed" {
        Breaking, "meta", None, Error, "0.1.0",
        "An annotation changed: `title`, `description`, `examples`, `$comment`, `readOnly`, `writeOnly`, content keywords, `x-` extensions or unknown keywords."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "string", "default": "EUR"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "string", "default": "USD"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// default-changed /default none: `default` changed from `"EUR"` to `"USD"`
    /// ```
    ///
    /// **How to fix.** Tell readers that apply defaults; consider a new minor version.
    DefaultChanged = "default-changed" {
        Breaking, "meta", None, Error, "0.1.0",
        "`default` was added, removed or changed. It does not change what validates, but readers that fill in defaults will see another value."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"fax": {"type": "string"}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"fax": {"type": "string", "deprecated": true}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// deprecated-added /properties/fax/deprecated none: `deprecated` added: `true`
    /// ```
    ///
    /// **How to fix.** Nothing breaks now; plan the removal in a new major version and tell consumers.
    DeprecatedAdded = "deprecated-added" {
        Breaking, "meta", None, Error, "0.1.0",
        "`deprecated: true` appeared: the field is on its way out."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"fax": {"type": "string", "deprecated": true}}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"fax": {"type": "string"}}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// deprecated-removed /properties/fax/deprecated none: `deprecated` removed (was `true`)
    /// ```
    ///
    /// **How to fix.** Nothing to fix: the accepted set is unchanged.
    DeprecatedRemoved = "deprecated-removed" {
        Breaking, "meta", None, Error, "0.1.0",
        "`deprecated: true` was removed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"$id": "https://example.com/order/1", "type": "object"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"$id": "https://example.com/order/2", "type": "object"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// id-changed /$id none: `$id` changed from `"https://example.com/order/1"` to `"https://example.com/order/2"`
    /// ```
    ///
    /// **How to fix.** Check that nothing outside the document refers to the old `$id`.
    IdChanged = "id-changed" {
        Breaking, "meta", None, Error, "0.1.0",
        "`$id` (or draft-04 `id`) changed."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object"}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// schema-version-changed /$schema none: `$schema` changed from `"http://json-schema.org/draft-07/schema#"` to `"https://json-schema.org/draft/2020-12/schema"`
    /// ```
    ///
    /// **How to fix.** Nothing to fix by itself; review the other changes.
    SchemaVersionChanged = "schema-version-changed" {
        Breaking, "meta", None, Error, "0.1.0",
        "`$schema` changed (the draft). Keyword spellings are read into one form before comparing, so only real differences are reported."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": "object", "properties": {"legacy": true}}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"type": "object", "properties": {"legacy": false}}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// boolean-schema-changed /properties/legacy narrows: schema changed from `true` to `false`
    /// ```
    ///
    /// **How to fix.** Replace `false` by the constraint you mean, or publish a new major version.
    BooleanSchemaChanged = "boolean-schema-changed" {
        Breaking, "engine", Narrows, Error, "0.1.0",
        "A schema became `false` (nothing valid; narrows), or was `false` and now accepts values (widens), or `true` and `false` swapped."
    }
    /// **Example.** Old:
    ///
    /// ```json
    /// {"type": ["string", "null"]}
    /// ```
    ///
    /// New:
    ///
    /// ```json
    /// {"anyOf": [{"type": "string"}, {"type": "null"}]}
    /// ```
    ///
    /// Reported as:
    ///
    /// ```text
    /// equivalent-refactor # none: equivalent spelling: `anyOf`/`oneOf` of single types read as a `type` list
    /// ```
    ///
    /// **How to fix.** Nothing to fix: the accepted set is unchanged.
    EquivalentRefactor = "equivalent-refactor" {
        Breaking, "engine", None, Error, "0.1.0",
        "The two sides spell the same constraint differently: `type: [a, b]` vs an `anyOf` of single types, `allOf` split of the same keywords, `number` with `multipleOf: 1` vs `integer`."
    }
    /// **Example.** A chain of 100 nested `not` schemas whose innermost `type` changed (see the fixture).
    ///
    /// **How to fix.** Flatten the schema with `$defs` and `$ref`; the semantic check still decides the verdict.
    DepthLimitReached = "depth-limit-reached" {
        Breaking, "engine", Unknown, Error, "0.1.0",
        "Subschemas nested deeper than the walk follows (96 levels) were not compared."
    }
    /// **Why it matters.** Recorded payloads are the contract's evidence: a payload the producer really sends that its own schema rejects means the schema or the example is wrong, and consumers test against a lie.
    ///
    /// **Example.** `"amount": 149.90` where version 1.0.0 says `"amount": {"type": "string"}`.
    ///
    /// **How to fix.** Fix the payload, or narrow the example's `versions` range if the version really rejects it.
    ExampleInvalid = "example-invalid" {
        Lint, "verify", None, Error, "0.1.0",
        "A valid example is rejected by a producer schema version it claims."
    }
    /// **Why it matters.** A negative example documents what must be refused; when the schema accepts it, the schema lost a constraint (or the example never showed the invalid case).
    ///
    /// **Example.** `missing-customer.json` still carries `customer_id`.
    ///
    /// **How to fix.** Tighten the schema, or fix the example so it really shows the invalid case.
    NegativeExampleAccepted = "negative-example-accepted" {
        Lint, "verify", None, Error, "0.1.0",
        "A negative example (`expect: invalid`) is accepted by a schema version."
    }
    /// **Why it matters.** An example rejected for another reason proves nothing about the rule it was written for.
    ///
    /// **Example.** `keyword: required` but the payload is rejected by `type` at `/total`.
    ///
    /// **How to fix.** Fix `keyword`/`path` in the example entry, or the payload so it fails for the intended reason.
    NegativeExampleWrongReason = "negative-example-wrong-reason" {
        Lint, "verify", None, Error, "0.1.0",
        "A negative example is rejected, but not by the declared `keyword` or at the declared `path`."
    }
    /// **Why it matters.** The producer sends this payload; the consumer would reject it in production.
    ///
    /// **Example.** warehouse expects `order_id` with `maxLength: 5`; the producer's example has `SO-0004711`.
    ///
    /// **How to fix.** Relax the expectation, or narrow the consumer's range.
    ConsumerRejectsProducerExample = "consumer-rejects-producer-example" {
        Lint, "verify", None, Error, "0.1.0",
        "A producer example of a version in the consumer's range fails the consumer's expectation schema."
    }
    /// **Why it matters.** A consumer must not build its tests on payloads the producer cannot send: they pass while production breaks.
    ///
    /// **Example.** The consumer's example uses currency `euro` where the producer requires `^[A-Z]{3}$`.
    ///
    /// **How to fix.** Fix the example (record a real producer payload), or narrow the consumer's range.
    ConsumerExampleInvalid = "consumer-example-invalid" {
        Lint, "verify", None, Error, "0.1.0",
        "A consumer example is not valid under a producer version in the consumer's range."
    }
    /// **Why it matters.** The consumer's tests and its declared expectation disagree about what it reads.
    ///
    /// **Example.** The expectation requires `order_id` to match `^PO-`; the example has `SO-0004799`.
    ///
    /// **How to fix.** Fix the example or the expectation schema.
    ConsumerExampleUnexpected = "consumer-example-unexpected" {
        Lint, "verify", None, Error, "0.1.0",
        "A consumer example is rejected by the consumer's own expectation schema."
    }
    /// **Why it matters.** Every message must carry the key consumers deduplicate on; an example without it shows a message that would be processed twice on retry.
    ///
    /// **Example.** `idempotency_key: /event_id`, payload without `event_id`.
    ///
    /// **How to fix.** Add the key to the payload (and make it required in the schema).
    IdempotencyKeyMissing = "idempotency-key-missing" {
        Lint, "verify", None, Error, "0.1.0",
        "A valid example has no value at the declared `delivery.idempotency_key`."
    }
    /// **Why it matters.** A consumer deduplicating on the key would silently drop the second message.
    ///
    /// **Example.** Two examples both carry `event_id: 5f0c6c1e-...` with different orders.
    ///
    /// **How to fix.** Give each example its own key value.
    IdempotencyKeyDuplicate = "idempotency-key-duplicate" {
        Lint, "verify", None, Error, "0.1.0",
        "Two different example payloads of one contract share an idempotency key value."
    }
    /// **Why it matters.** Consumers on the earlier version read the new one under the same major range: the counterexample is a payload that breaks them silently.
    ///
    /// **Example.** Forward mode, 1.2.0 allows `note` up to 2000 characters where 1.1.0 allowed 500: a 501-character note breaks old readers.
    ///
    /// **How to fix.** Publish the change as the next major version and keep the old one for its consumers, or make the change compatible.
    BreakingChangeWithoutMajor = "breaking-change-without-major" {
        Lint, "gate", None, Error, "0.1.0",
        "A version breaks the contract's compatibility mode against an earlier version without a new major version."
    }
    /// **Why it matters.** An explicit major version is not a silent break, but the consumers still on the old major must migrate.
    ///
    /// **Example.** 2.0.0 moves `total_amount` into a money object.
    ///
    /// **How to fix.** Keep the old version published until the listed consumers have moved.
    MajorVersionBreaking = "major-version-breaking" {
        Lint, "gate", None, Note, "0.1.0",
        "A new major version breaks compatibility with the previous major (allowed, reported)."
    }
    /// **Why it matters.** Semver promises that a patch changes nothing consumers can observe.
    ///
    /// **Example.** 1.1.1 lowers `maxLength` from 500 to 400.
    ///
    /// **How to fix.** Publish it as the next minor version (the finding names it).
    VersionBumpTooSmall = "version-bump-too-small" {
        Lint, "gate", None, Error, "0.1.0",
        "A version changes what the schema accepts but only bumps the patch number."
    }
    /// **Why it matters.** Unknown is an answer, never a pass: the gate blocks by default so an undecided change is reviewed.
    ///
    /// **Example.** A `pattern` change whose regex inclusion exceeds the DFA budget.
    ///
    /// **How to fix.** Simplify the construct the finding names, or waive it after a manual review (with approver and expiry).
    CompatibilityUnknown = "compatibility-unknown" {
        Lint, "gate", None, Error, "0.1.0",
        "The engine could not decide whether a version is compatible with an earlier one."
    }
    /// **Why it matters.** This is the break that reaches production: the counterexample is the payload that fails, and the consumer's owner is named.
    ///
    /// **Example.** warehouse reads `note` with `maxLength: 100`; the producer allows 500.
    ///
    /// **How to fix.** Align the expectation with the producer schema, or narrow the consumer's range.
    ConsumerIncompatible = "consumer-incompatible" {
        Lint, "gate", None, Error, "0.1.0",
        "A producer version in a consumer's range can send a value the consumer's expectation rejects (for `api-request` contracts: the consumer can send a request the producer rejects)."
    }
    /// **Why it matters.** Unknown blocks by default: nobody proved the consumer safe.
    ///
    /// **Example.** An expectation with a regex the engine cannot compare.
    ///
    /// **How to fix.** Simplify the construct, or waive after review.
    ConsumerImpactUnknown = "consumer-impact-unknown" {
        Lint, "gate", None, Error, "0.1.0",
        "The engine could not decide whether a consumer can read a producer version."
    }
    /// **Why it matters.** Published versions are immutable: consumers pinned to a version rely on it never changing. The diff and, when it breaks readers, a counterexample are shown.
    ///
    /// **Example.** `1.0.0.json` changes `minLength` of `customer_id` from 1 to 3 in place.
    ///
    /// **How to fix.** Revert the edit and publish the change as a new version.
    PublishedVersionEdited = "published-version-edited" {
        Lint, "gate", None, Error, "0.1.0",
        "A published version's schema (or a schema it references) differs from the base revision."
    }
    /// **Why it matters.** When no other version serves the consumer's range the consumer loses its contract (error); otherwise it is a warning.
    ///
    /// **Example.** `1.0.0` removed; warehouse still declares `~1.0`.
    ///
    /// **How to fix.** Deprecate with a sunset date first, move the consumers' ranges, then remove.
    VersionRemovedInUse = "version-removed-in-use" {
        Lint, "gate", None, Error, "0.1.0",
        "A version present at the base revision was removed while a consumer's range still includes it."
    }
    /// **Why it matters.** A sunset without a successor strands the consumer.
    ///
    /// **Example.** 1.0.0 sunsets on 2026-12-31; finance's range `~1.0` matches nothing else.
    ///
    /// **How to fix.** Publish the successor and agree the migration before setting the sunset.
    VersionSunsetInUse = "version-sunset-in-use" {
        Lint, "gate", None, Warning, "0.1.0",
        "A version newly gets (or moves up) a sunset date while a consumer's range has no active version to move to."
    }
    /// **Why it matters.** Removing an interface under a running consumer is the loudest silent break.
    ///
    /// **Example.** `contracts/sales.order-created/` deleted; warehouse used it at `origin/main`.
    ///
    /// **How to fix.** Deprecate, migrate the consumers, then remove.
    ContractRemovedInUse = "contract-removed-in-use" {
        Lint, "gate", None, Error, "0.1.0",
        "A contract was removed while a consumer that used it at the base revision still exists."
    }
    /// **Why it matters.** The change broke a payload that worked before; the finding at the same file says why.
    ///
    /// **Example.** A schema edit makes the recorded `order-basic.json` invalid.
    ///
    /// **How to fix.** Fix the change (or the example, if the example was wrong).
    ExampleRegressed = "example-regressed" {
        Lint, "gate", None, Error, "0.1.0",
        "An example that passed a check at the base revision fails it now."
    }
    /// **Why it matters.** Without the base, in-place edits of published versions and removals
    /// that strand a consumer go unseen, so the gate fails closed: by default the base's errors
    /// are input errors (exit 2). Naming this rule in `lint.rules` (any level) reports it as this
    /// blocking finding instead (exit 1), which a waiver can cover after a review by hand; it is
    /// never a warning.
    ///
    /// **Example.** The base branch has a YAML syntax error.
    ///
    /// **How to fix.** Fix the base branch, or compare with another revision.
    BaseUnloadable = "base-unloadable" {
        Lint, "gate", None, Error, "0.1.0",
        "The repository at the base revision does not load, so history checks were skipped."
    }
    /// **Why it matters.** An interface nobody owns is the first to break and the last to be fixed.
    ///
    /// **Example.** `contract.yaml` without `owner:`.
    ///
    /// **How to fix.** Add `owner: <team>`.
    ContractOwnerMissing = "contract-owner-missing" {
        Lint, "governance", None, Error, "0.1.0",
        "A contract names no owner."
    }
    /// **Why it matters.** Someone must answer for each end of an integration.
    ///
    /// **Example.** `systems/bank.yaml` without `owner:`.
    ///
    /// **How to fix.** Add `owner: <team>`.
    SystemOwnerMissing = "system-owner-missing" {
        Lint, "governance", None, Error, "0.1.0",
        "A system names no owner."
    }
    /// **Why it matters.** Consumer impact findings name the owner who must act.
    ///
    /// **Example.** `consumers/finance.yaml` without `owner:`.
    ///
    /// **How to fix.** Add `owner:` to the file or the use.
    ConsumerOwnerMissing = "consumer-owner-missing" {
        Lint, "governance", None, Error, "0.1.0",
        "A consumer use has no owner (neither the use nor the consumer file names one)."
    }
    /// **Why it matters.** A retry without an idempotency key duplicates invoices and orders.
    ///
    /// **Example.** `pattern: event` without `delivery.idempotency_key`.
    ///
    /// **How to fix.** Declare `delivery.idempotency_key: /<field>`.
    IdempotencyKeyUndeclared = "idempotency-key-undeclared" {
        Lint, "governance", None, Error, "0.1.0",
        "An event, batch-file or retried contract declares no `delivery.idempotency_key`."
    }
    /// **Why it matters.** Declaring the key in YAML is not enough: the schema must guarantee that every message carries it.
    ///
    /// **Example.** `event_id` is optional in 1.1.0, or `{"type": "string"}` allows `""`.
    ///
    /// **How to fix.** Make the key required on every object along the pointer, with a type that cannot be empty (e.g. `minLength: 1`).
    IdempotencyKeyNotRequired = "idempotency-key-not-required" {
        Lint, "governance", None, Error, "0.1.0",
        "The idempotency key is not required with a non-empty value in a version's schema (proved with the engine; the counterexample is a payload without a usable key)."
    }
    /// **Why it matters.** Unproven is not proven; the finding says which keyword stopped the proof.
    ///
    /// **Example.** A key under a `oneOf` the engine cannot decide.
    ///
    /// **How to fix.** Simplify the schema around the key, or lower the rule's severity in `seam.yaml`.
    IdempotencyKeyUnproven = "idempotency-key-unproven" {
        Lint, "governance", None, Warning, "0.1.0",
        "The engine could not prove the idempotency key required in a version's schema."
    }
    /// **Why it matters.** The consumer still reads that interface: deleting (or renaming) the contract removes the only check that protects it. With `seam check --against REF`, when the contract existed at the base revision, the finding is `contract-removed-in-use` instead.
    ///
    /// **Example.** `contracts/sales.order-created/` deleted while `consumers/warehouse.yaml` has `- contract: sales.order-created`.
    ///
    /// **How to fix.** Restore the contract until the consumer has stopped using it (deprecate its versions with a sunset first), or remove the use; fix the name if it is misspelt.
    ConsumerContractMissing = "consumer-contract-missing" {
        Lint, "governance", None, Error, "0.1.0",
        "A consumer uses a contract the repository does not have (removed, renamed or misspelt)."
    }
    /// **Why it matters.** The mode decides which changes block. `backward` on an event lets a new version widen a field (`string` to `["string", "integer"]`): old consumers then receive values they reject, and the gate stays green. `forward` on a request lets a new version add a required field: requests old clients still send are refused.
    ///
    /// **Example.** `pattern: event` with `compatibility: backward` (in the contract or as `defaults.compatibility` in `seam.yaml`).
    ///
    /// **How to fix.** Remove the line to get the pattern's default (see docs/compatibility.md, "How a contract's mode is chosen"), or write the mode the pattern needs, or `full`.
    CompatibilityWeakerThanPattern = "compatibility-weaker-than-pattern" {
        Lint, "governance", None, Warning, "0.1.0",
        "A contract's explicit compatibility mode does not protect the readers of its pattern (event, api-response, batch-file need forward; api-request needs backward)."
    }
    /// **Why it matters.** Without one, failed messages are swallowed and nobody notices until the totals disagree.
    ///
    /// **Example.** `pattern: event` without `delivery.dead_letter`.
    ///
    /// **How to fix.** Declare `delivery.dead_letter: <queue or folder>`.
    DeadLetterMissing = "dead-letter-missing" {
        Lint, "governance", None, Error, "0.1.0",
        "An asynchronous contract (event, batch file) declares no dead-letter destination."
    }
    /// **Why it matters.** Transient failures become lost messages.
    ///
    /// **Example.** `delivery` without `retry`.
    ///
    /// **How to fix.** Declare `retry: { max_attempts: 5, backoff: exponential }`.
    RetryPolicyMissing = "retry-policy-missing" {
        Lint, "governance", None, Warning, "0.1.0",
        "An asynchronous contract declares no retry policy."
    }
    /// **Why it matters.** A failed or unprocessed message must alert someone within a known time.
    ///
    /// **Example.** `monitoring:` without `alert_within`.
    ///
    /// **How to fix.** Declare `alert_within: 15m`.
    AlertWithinMissing = "alert-within-missing" {
        Lint, "governance", None, Warning, "0.1.0",
        "A contract declares no `monitoring.alert_within` (an error for business-critical flows)."
    }
    /// **Why it matters.** A stopped order or invoice flow found after hours costs a day of business.
    ///
    /// **Example.** `criticality: business-critical` with `alert_within: 2h`.
    ///
    /// **How to fix.** Shorten `alert_within`, or raise the policy maximum with the business's consent.
    AlertWithinTooLong = "alert-within-too-long" {
        Lint, "governance", None, Error, "0.1.0",
        "A business-critical flow alerts later than the policy maximum (`lint.max_alert_within`, default 30m)."
    }
    /// **Why it matters.** A queue that silently falls behind is an outage that looks green.
    ///
    /// **Example.** `pattern: batch-file` without `max_lag`.
    ///
    /// **How to fix.** Declare `max_lag: 5m` (or what the business accepts).
    MaxLagMissing = "max-lag-missing" {
        Lint, "governance", None, Warning, "0.1.0",
        "An asynchronous contract declares no `monitoring.max_lag`."
    }
    /// **Why it matters.** A pipe can be green while finance totals disagree; someone must own the reconciliation.
    ///
    /// **Example.** `financial: true` without `reconciliation:`.
    ///
    /// **How to fix.** Add `reconciliation: { owner, key, measures }`.
    ReconciliationMissing = "reconciliation-missing" {
        Lint, "governance", None, Error, "0.1.0",
        "A financial contract declares no reconciliation, or one without owner, key or measures."
    }
    /// **Why it matters.** Without a tolerance every rounding difference is a false alarm, or every real one is ignored.
    ///
    /// **Example.** `measures: [{ field: /total/amount }]`.
    ///
    /// **How to fix.** Add `tolerance: "0.01"` ("0" for exact).
    ReconciliationToleranceMissing = "reconciliation-tolerance-missing" {
        Lint, "governance", None, Error, "0.1.0",
        "A reconciled measure has no tolerance."
    }
    /// **Why it matters.** A version without a recorded payload is unverified.
    ///
    /// **Example.** Version 2.0.0 with no example whose `versions` range includes it.
    ///
    /// **How to fix.** Record a real payload and list it under `examples:`.
    VersionWithoutExample = "version-without-example" {
        Lint, "governance", None, Error, "0.1.0",
        "A version has no valid example in range."
    }
    /// **Why it matters.** Required fields are the first thing a careless edit loses; a negative example catches it.
    ///
    /// **Example.** No example with `keyword: required` covers 1.1.0.
    ///
    /// **How to fix.** Add a payload without a required field with `expect: invalid` and `keyword: required`.
    NegativeExampleMissing = "negative-example-missing" {
        Lint, "governance", None, Warning, "0.1.0",
        "A version has no negative example for a missing required field (`expect: invalid`, `keyword: required`)."
    }
    /// **Why it matters.** A vendor upgrade must show which integrations it touches.
    ///
    /// **Example.** `systems/webshop.yaml` without `vendor_api_version`.
    ///
    /// **How to fix.** Add `vendor_api_version: "2025-07"`.
    VendorApiVersionMissing = "vendor-api-version-missing" {
        Lint, "governance", None, Warning, "0.1.0",
        "A system does not declare the vendor API version it depends on."
    }
    /// **Why it matters.** Consumers need a date to plan their migration.
    ///
    /// **Example.** `1.0.0: { status: deprecated }`.
    ///
    /// **How to fix.** Add `sunset: YYYY-MM-DD`.
    SunsetMissing = "sunset-missing" {
        Lint, "governance", None, Warning, "0.1.0",
        "A deprecated version carries no sunset date."
    }
    /// **Why it matters.** The producer may stop serving it any day; the consumer has not moved.
    ///
    /// **Example.** `1.0.0` sunset 2026-03-31; finance still declares `~1.0`.
    ///
    /// **How to fix.** Move the consumer's range, or extend the sunset with its owner.
    SunsetPassedInUse = "sunset-passed-in-use" {
        Lint, "governance", None, Error, "0.1.0",
        "A version's sunset date has passed while a consumer's range still includes it."
    }
    /// **Why it matters.** Shared master-data keys need one team that decides their format.
    ///
    /// **Example.** `customer_id:` without `owner:`.
    ///
    /// **How to fix.** Add `owner: <team>`.
    KeyOwnerMissing = "key-owner-missing" {
        Lint, "governance", None, Warning, "0.1.0",
        "A canonical key in keys.yaml names no owner."
    }
    /// **Why it matters.** A tag to nothing checks nothing.
    ///
    /// **Example.** `keys: { /customer_id: customer-id }` where keys.yaml has `customer_id`.
    ///
    /// **How to fix.** Define the key in keys.yaml, or fix the name.
    CanonicalKeyUndefined = "canonical-key-undefined" {
        Lint, "governance", None, Error, "0.1.0",
        "A contract's `keys` entry names a key keys.yaml does not define."
    }
    /// **Why it matters.** Two systems that disagree about what a `customer_id` is lose records at the seam.
    ///
    /// **Example.** The ERP's `customer_id` allows `C-1`; keys.yaml says `^CUST-[0-9]{6}$`.
    ///
    /// **How to fix.** Use the key's schema (a `$ref` to a shared file, or a copy).
    CanonicalKeyMismatch = "canonical-key-mismatch" {
        Lint, "governance", None, Error, "0.1.0",
        "A property tagged with (or named like) a canonical key does not agree with the key's definition, proved with the engine in the key's mode; the counterexample is the value one side sends that the other rejects. Consumer expectations must accept every key value."
    }
    /// **Why it matters.** Unproven is not proven.
    ///
    /// **Example.** A key pattern the engine cannot compare with the property's.
    ///
    /// **How to fix.** Align the two schemas literally, or review and lower the severity.
    CanonicalKeyUnproven = "canonical-key-unproven" {
        Lint, "governance", None, Warning, "0.1.0",
        "The engine could not decide whether a property agrees with its canonical key."
    }
    /// **Why it matters.** An exception nobody renewed is no longer approved; the finding it covered blocks again.
    ///
    /// **Example.** `expires: 2026-10-31`.
    ///
    /// **How to fix.** Fix the finding, or renew the waiver with its approver.
    WaiverExpired = "waiver-expired" {
        Lint, "policy", None, Error, "0.1.0",
        "A waiver's expiry date has passed."
    }
    /// **Why it matters.** Stale waivers hide future findings that happen to match them.
    ///
    /// **Example.** A waiver for a finding that was fixed.
    ///
    /// **How to fix.** Remove the waiver.
    WaiverUnused = "waiver-unused" {
        Lint, "policy", None, Warning, "0.1.0",
        "A waiver covers no finding."
    }
    /// **Why it matters.** No Friday deploys, no breaking changes during month-end close.
    ///
    /// **Example.** `seam release --at 2026-11-27T14:00[Europe/Berlin]` during `no-friday-deploys`.
    ///
    /// **How to fix.** Release after the window ends (the report names the next allowed slot), or obtain a break-glass waiver.
    FreezeWindow = "freeze-window" {
        Lint, "policy", None, Error, "0.1.0",
        "A release falls into a freeze window that blocks it (or was let through by a break-glass waiver, printed loudly)."
    }
    /// **Why it matters.** A release that goes out just before a freeze leaves no room for a fix or a rollback once the window is active.
    ///
    /// **Example.** `seam release --at 2026-11-27T11:00[Europe/Berlin]` with `no-friday-deploys` starting Friday 12:00.
    ///
    /// **How to fix.** Release earlier, or after the window; set `release.warn_before_freeze` in `seam.yaml` to change the lead time.
    FreezeWindowUpcoming = "freeze-window-upcoming" {
        Lint, "policy", None, Warning, "0.1.0",
        "A freeze window starts within `release.warn_before_freeze` (default 2h) of the release instant."
    }
}
