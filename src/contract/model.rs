//! The repository model: the serde types of every file a contract repository holds.
//!
//! These types are the single source of truth for the file formats: the loader validates
//! each file against the JSON Schema generated from them (so every error in a file is reported
//! at once, with its position), then deserializes it. The generated schemas are committed under
//! `contracts/seam-files/` for editors.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// `seam.yaml`: repository settings and policy.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "seam.yaml",
    description = "Settings and policy of a seam contract repository."
)]
pub struct RepoConfig {
    /// Version of the seam configuration format. Only `1` exists.
    #[serde(default = "default_config_version")]
    #[schemars(range(min = 1, max = 1))]
    pub version: u32,
    /// Human name of the integration landscape, shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Defaults that contracts inherit.
    #[serde(default)]
    pub defaults: Defaults,
    /// Named freeze windows: periods in which `seam release` blocks all releases or only
    /// breaking ones (no Friday deploys, month-end close, peak season).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub freeze_windows: Vec<FreezeWindow>,
    /// Settings of `seam release`.
    #[serde(default)]
    pub release: ReleaseConfig,
    /// Governance rules: severities (`error`, `warning`, `off`) and policy limits.
    #[serde(default)]
    pub lint: LintConfig,
    /// How contract and consumer schemas are checked when they load.
    #[serde(default)]
    pub schemas: SchemaSettings,
}

/// How contract and consumer schemas are checked when they load.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SchemaSettings {
    /// Keywords the repository uses on purpose although their draft does not define them
    /// (e.g. `example` from OpenAPI). Any other unknown keyword is an error, because a
    /// validator ignores it; annotations and `x-` keywords are always allowed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allow_keywords: Vec<String>,
}

/// Settings of `seam release`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseConfig {
    /// Glob of the git tags that mark releases; the latest matching tag is the default `--since`.
    #[serde(default = "default_tag_pattern")]
    pub tag_pattern: String,
    /// How long before a freeze window starts `seam release` warns that it is coming (`30m`,
    /// `2h`, `1d`).
    #[serde(default = "default_warn_before_freeze")]
    #[schemars(regex(pattern = r"^[0-9]+[smhd]$"))]
    pub warn_before_freeze: String,
}

impl Default for ReleaseConfig {
    fn default() -> Self {
        Self {
            tag_pattern: default_tag_pattern(),
            warn_before_freeze: default_warn_before_freeze(),
        }
    }
}

fn default_warn_before_freeze() -> String {
    "2h".to_owned()
}

fn default_tag_pattern() -> String {
    "v*".to_owned()
}

/// What a freeze window blocks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Blocks {
    /// Every release.
    All,
    /// Only releases that carry a breaking change.
    Breaking,
}

impl Blocks {
    /// The name as written in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Breaking => "breaking",
        }
    }
}

/// A named freeze window. Exactly one of `weekly`, `month_end` and `dates` gives its kind.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FreezeWindow {
    /// Name, unique in the file (a break-glass waiver may name it).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"))]
    pub name: String,
    /// `all` releases or only `breaking` ones.
    pub blocks: Blocks,
    /// IANA time zone the window's days and times are in (e.g. `Europe/Berlin`).
    pub timezone: String,
    /// Why the window exists, shown when it blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Recurs every week, e.g. Friday 12:00 until Monday 06:00.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly: Option<WeeklyWindow>,
    /// Month-end close: the last N business days of each month and the first M of the next.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month_end: Option<MonthEndWindow>,
    /// One explicit range (holidays, peak season).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<DatesWindow>,
}

/// A weekly window from one weekday and time until another (wrapping the week end).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeeklyWindow {
    /// Start (inclusive).
    pub from: WeekTime,
    /// End (exclusive): the first such weekday and time after `from`.
    pub until: WeekTime,
}

/// A weekday and a local time.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeekTime {
    /// Day of the week.
    pub day: Weekday,
    /// Local time `HH:MM` (24 hours).
    #[schemars(regex(pattern = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"))]
    pub time: String,
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

/// Month-end close. Business days are Monday to Friday except `holidays`. The window runs from
/// the start of the N-th last business day of a month to the end of the M-th first business day
/// of the next month, weekend included.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonthEndWindow {
    /// Business days at the end of each month (0 to 10).
    #[serde(default)]
    #[schemars(range(max = 10))]
    pub last_business_days: u32,
    /// Business days at the start of the next month (0 to 10).
    #[serde(default)]
    #[schemars(range(max = 10))]
    pub first_business_days: u32,
    /// Dates (YYYY-MM-DD) that are not business days.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<String>,
}

/// One explicit range, in the window's time zone.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatesWindow {
    /// Start (inclusive): a date `YYYY-MM-DD` (its midnight) or a local datetime
    /// `YYYY-MM-DDTHH:MM`.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T([01][0-9]|2[0-3]):[0-5][0-9])?$"))]
    pub from: String,
    /// End: a date (inclusive: the window ends at the following midnight) or a local datetime
    /// (exclusive).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T([01][0-9]|2[0-3]):[0-5][0-9])?$"))]
    pub until: String,
}

fn default_config_version() -> u32 {
    1
}

/// Repository-wide defaults.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Compatibility mode a contract gets when it names none. Unset: each contract gets what its
    /// pattern's readers need (event, api-response, batch-file: forward; api-request: backward).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compatibility: Option<Compatibility>,
    /// Whether each version is checked against every earlier version (not only the previous one).
    #[serde(default)]
    pub transitive: bool,
    /// JSON Schema draft for schemas that declare no `$schema`.
    #[serde(default)]
    pub draft: DraftName,
    /// Whether `format` (date, email, uuid, ...) is asserted. The same setting drives example
    /// verification and the compatibility engine, so they never disagree.
    #[serde(default = "default_true")]
    pub assert_formats: bool,
}

impl Default for Defaults {
    fn default() -> Self {
        Self {
            compatibility: None,
            transitive: false,
            draft: DraftName::default(),
            assert_formats: true,
        }
    }
}

fn default_true() -> bool {
    true
}

/// A JSON Schema draft, as written in `seam.yaml` (`4`, `6`, `7`, `2019-09`, `2020-12`).
pub use crate::schema::Draft as DraftName;

/// Compatibility mode (Confluent's names). `A ⊆ B`: every value valid under A is valid under B.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Compatibility {
    /// old ⊆ new: new readers accept all old data (requests the producer receives).
    Backward,
    /// new ⊆ old: old readers accept all new data (events and responses the producer emits).
    Forward,
    /// Both directions.
    Full,
    /// No check (drafts).
    None,
}

impl Compatibility {
    /// Whether this mode blocks every change that `needed` blocks.
    pub fn protects(self, needed: Self) -> bool {
        match needed {
            Self::None => true,
            Self::Full => self == Self::Full,
            Self::Backward | Self::Forward => self == needed || self == Self::Full,
        }
    }

    /// The name as written in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Backward => "backward",
            Self::Forward => "forward",
            Self::Full => "full",
            Self::None => "none",
        }
    }
}

/// `systems/<id>.yaml`: one system of the landscape.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "system",
    description = "A system (application) that produces or consumes contracts."
)]
pub struct System {
    /// Identifier; must equal the file name without extension.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"))]
    pub id: String,
    /// Human name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Team accountable for the system.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Vendor or product (e.g. `SAP S/4HANA`, `Shopify`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// Version of the vendor API this system's integrations depend on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_api_version: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `keys.yaml`: canonical keys shared across systems.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "keys.yaml",
    description = "Canonical keys shared across systems."
)]
pub struct KeysFile {
    /// Keys by name (e.g. `customer_id`).
    #[serde(default)]
    pub keys: IndexMap<String, CanonicalKey>,
}

/// A canonical key: the one definition every system's property of that name must agree with.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CanonicalKey {
    /// Team that owns the key's definition (master data management).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The key's JSON Schema (inline).
    #[schemars(with = "serde_json::Value")]
    pub schema: serde_json::Value,
    /// How a property must relate to the key: `full` (same accepted set), `backward`
    /// (key ⊆ property: the property accepts every key value) or `forward` (property ⊆ key).
    #[serde(default = "default_key_mode")]
    pub mode: Compatibility,
}

fn default_key_mode() -> Compatibility {
    Compatibility::Full
}

/// The interaction pattern of a contract.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// A request the producer receives (the producer is the reader).
    ApiRequest,
    /// A response the producer returns.
    ApiResponse,
    /// An event the producer emits.
    Event,
    /// A file the producer delivers in batches.
    BatchFile,
}

impl Pattern {
    /// The mode that protects this pattern's readers, the default when nothing names one.
    ///
    /// Events, responses and batch files are read by consumers, who still run the old version
    /// when the producer ships a new one: every new payload must be valid under the old schema
    /// (forward). A request is read by the producer, which must keep accepting what clients
    /// built against the old schema still send (backward).
    pub fn readers_mode(self) -> Compatibility {
        match self {
            Self::ApiRequest => Compatibility::Backward,
            Self::ApiResponse | Self::Event | Self::BatchFile => Compatibility::Forward,
        }
    }

    /// Who reads payloads of this pattern, in words.
    pub fn readers(self) -> &'static str {
        match self {
            Self::ApiRequest => {
                "the producer, which receives requests built against older versions"
            }
            Self::ApiResponse => "clients, which still parse responses with the older version",
            Self::Event => "consumers, which still read new events with the older version",
            Self::BatchFile => "consumers, which still read new files with the older version",
        }
    }

    /// The name as written in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ApiRequest => "api-request",
            Self::ApiResponse => "api-response",
            Self::Event => "event",
            Self::BatchFile => "batch-file",
        }
    }
}

/// `contracts/<id>/contract.yaml`: one interface and its versions.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "contract.yaml",
    description = "One interface between systems, with its schema versions and examples."
)]
pub struct Contract {
    /// Identifier; must equal the folder name (e.g. `sales.order-created`).
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9._-]*$"))]
    pub id: String,
    /// Human title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Interaction pattern.
    pub pattern: Pattern,
    /// The producing system (an id from `systems/`).
    pub producer: String,
    /// Team accountable for the interface.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// How often data flows: `real-time`, `near-real-time`, `hourly`, `daily`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<String>,
    /// Compatibility mode between versions; defaults to `defaults.compatibility` in `seam.yaml`,
    /// else to what the pattern's readers need (event, api-response, batch-file: forward;
    /// api-request: backward).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compatibility: Option<Compatibility>,
    /// Check each version against every earlier one; defaults to `defaults.transitive`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitive: Option<bool>,
    /// Whether the contract carries money (governance asks for reconciliation).
    #[serde(default)]
    pub financial: bool,
    /// Business criticality; business-critical flows get the strictest monitoring policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criticality: Option<Criticality>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Delivery guarantees.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery: Option<Delivery>,
    /// Monitoring commitments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monitoring: Option<Monitoring>,
    /// Reconciliation of business totals between producer and consumers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reconciliation: Option<Reconciliation>,
    /// Canonical keys carried by the payload: JSON pointer into the payload → key name from
    /// `keys.yaml` (e.g. `/customer/id: customer_id`).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub keys: IndexMap<String, String>,
    /// Published versions (semver) with their metadata. Each needs `schemas/<version>.json`
    /// (or `.yaml`/`.yml`).
    pub versions: IndexMap<String, VersionMeta>,
    /// Recorded example payloads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// Business criticality of a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Criticality {
    /// Stopping it stops the business (orders, invoices, payments).
    BusinessCritical,
    /// Important, with workarounds.
    High,
    /// Everything else.
    Normal,
}

/// Delivery guarantees of a contract.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delivery {
    /// JSON pointer to the idempotency key in the payload (e.g. `/event_id`). It must be
    /// present in every valid example and required in every version's schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^(/([^~/]|~[01])*)*$"))]
    pub idempotency_key: Option<String>,
    /// JSON pointer to the ordering key (messages with one value are processed in order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^(/([^~/]|~[01])*)*$"))]
    pub ordering_key: Option<String>,
    /// Where failed messages go (queue, topic or folder name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_letter: Option<String>,
    /// Retry policy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Retry>,
}

/// Retry policy.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Retry {
    /// Attempts including the first.
    #[schemars(range(min = 1))]
    pub max_attempts: u32,
    /// Backoff between attempts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff: Option<Backoff>,
}

/// Backoff strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Backoff {
    /// Same delay each time.
    Fixed,
    /// Delay grows linearly.
    Linear,
    /// Delay doubles.
    Exponential,
}

/// Monitoring commitments. Durations are written `30s`, `5m`, `2h` or `1d`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    /// A failed or unprocessed message must raise an alert within this duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[1-9][0-9]*(s|m|h|d)$"))]
    pub alert_within: Option<String>,
    /// Largest acceptable delay between production and consumption (async contracts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[1-9][0-9]*(s|m|h|d)$"))]
    pub max_lag: Option<String>,
}

/// Reconciliation of business totals.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reconciliation {
    /// Team that owns the reconciliation (finds and fixes differences).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// JSON pointer to the key records are matched on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^(/([^~/]|~[01])*)*$"))]
    pub key: Option<String>,
    /// Measures compared between the two sides.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<Measure>,
}

/// One reconciled measure.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// JSON pointer to the measure in the payload (e.g. `/total/amount`).
    #[schemars(regex(pattern = r"^(/([^~/]|~[01])*)*$"))]
    pub field: String,
    /// Accepted absolute difference, as a decimal string (e.g. `"0.01"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]+(\.[0-9]+)?$"))]
    pub tolerance: Option<String>,
}

/// Lifecycle status of a published version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum VersionStatus {
    /// Published and supported.
    #[default]
    Active,
    /// Still served; consumers should migrate before the sunset date.
    Deprecated,
}

/// Metadata of one published version.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionMeta {
    /// Lifecycle status.
    #[serde(default)]
    pub status: VersionStatus,
    /// Date (YYYY-MM-DD) after which the version is no longer served.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub sunset: Option<String>,
    /// Schema file relative to the contract folder; default `schemas/<version>.{json,yaml,yml}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

/// Whether an example must be accepted or rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Expect {
    /// The payload must validate.
    #[default]
    Valid,
    /// The payload must be rejected (a negative example).
    Invalid,
}

/// A recorded example payload of a contract.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Payload file relative to the contract folder: JSON or YAML (one payload), or `.ndjson`/
    /// `.jsonl` (one JSON payload per line). A glob (`examples/*.json`, `recorded/**/*.ndjson`)
    /// stands for every file it matches, each checked as this entry says; one that matches
    /// nothing is an error.
    pub file: String,
    /// Semver range of the versions the example is for (Cargo syntax: a bare `1.2.3` means
    /// `^1.2.3`); default: every version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub versions: Option<String>,
    /// `valid` (default) or `invalid` (a negative example that must be rejected).
    #[serde(default)]
    pub expect: Expect,
    /// For an invalid example: the schema keyword that must reject it (e.g. `required`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyword: Option<String>,
    /// For an invalid example: the instance path (JSON pointer) that must be rejected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^(/([^~/]|~[01])*)*$"))]
    pub path: Option<String>,
    /// What the example shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// `consumers/<system>.yaml`: what one consuming system uses and expects.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "consumer",
    description = "The contracts one system consumes, and what it expects of them."
)]
pub struct ConsumerFile {
    /// The consuming system (an id from `systems/`).
    pub system: String,
    /// Team accountable for the consuming side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Each contract the system consumes.
    pub uses: Vec<Use>,
}

/// One consumed contract.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Use {
    /// The contract id.
    pub contract: String,
    /// Semver range of the producer versions the consumer accepts (Cargo syntax).
    pub versions: String,
    /// The consumer's expectation schema, relative to `consumers/`: what it reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expects: Option<String>,
    /// Glob (relative to `consumers/`) of payloads the consumer's own tests use: JSON or YAML
    /// files, or `.ndjson`/`.jsonl` files of one JSON payload per line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<String>,
    /// Owner of this use, when it differs from the file's owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
}

/// `waivers.yaml`: approved exceptions.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "waivers.yaml",
    description = "Approved exceptions to seam's rules, each with an approver and an expiry date."
)]
pub struct WaiversFile {
    /// The waivers.
    #[serde(default)]
    pub waivers: Vec<Waiver>,
}

/// One approved exception, named as narrowly as possible.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// Rule ID the waiver covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Contract id the waiver covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    /// Version the waiver covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// JSON pointer the waiver covers: a finding's instance path, matched exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// A finding's stable fingerprint, as shown in every report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// With `rule: freeze-window`: the freeze window this break-glass waiver overrides
    /// (default: any window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<String>,
    /// Why the exception is acceptable.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// Change or incident ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Last day (YYYY-MM-DD, UTC) on which the waiver applies.
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub expires: String,
}

/// The JSON Schemas of seam's own files, by file name under `contracts/seam-files/`.
pub fn file_schemas() -> BTreeMap<&'static str, serde_json::Value> {
    fn schema_of<T: JsonSchema>() -> serde_json::Value {
        let settings = schemars::generate::SchemaSettings::draft2020_12();
        let generator = settings.into_generator();
        generator.into_root_schema_for::<T>().to_value()
    }
    BTreeMap::from([
        ("seam.schema.json", schema_of::<RepoConfig>()),
        ("system.schema.json", schema_of::<System>()),
        ("keys.schema.json", schema_of::<KeysFile>()),
        ("contract.schema.json", schema_of::<Contract>()),
        ("consumer.schema.json", schema_of::<ConsumerFile>()),
        ("waivers.schema.json", schema_of::<WaiversFile>()),
    ])
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Blocks.
    Error,
    /// Reported, does not block.
    Warning,
    /// Not checked.
    Off,
}

/// `lint:` in `seam.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// Severity per rule ID (`error`, `warning` or `off`), overriding the rule's default.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, Level>,
    /// Longest acceptable `monitoring.alert_within` for business-critical flows (default `30m`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[1-9][0-9]*(s|m|h|d)$"))]
    pub max_alert_within: Option<String>,
}
