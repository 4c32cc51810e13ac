//! Facts: what a resource is configured to do for recovery, per service, in terms of the
//! service rather than of the source it was read from. A source reader (azurerm HCL today; ARM
//! JSON and other clouds next) fills them; rules judge them against an objective. Only the
//! readers know attribute names: a fact carries the name its source gives the setting, for
//! messages, and an [`Anchor`] the reader can turn into a place in its own terms.
//!
//! Each service also carries its source's *phrases*: the few fixes that are written in the
//! source's syntax (`backup { type = "Continuous" }` for azurerm), so that a rule can say how
//! to fix a value without knowing the syntax.

pub mod container_registry;
pub mod cosmosdb;
pub mod flexible_server;
pub mod key_vault;
pub mod mssql_database;
pub mod policy_block;
pub mod protection;
pub mod redis;
pub mod storage_account;

use crate::duration::Duration;
use crate::{BackupPolicyInput, FailoverGroupInput};

pub use container_registry::ContainerRegistry;
pub use cosmosdb::CosmosDbAccount;
pub use flexible_server::FlexibleServer;
pub use key_vault::KeyVault;
pub use mssql_database::MssqlDatabase;
pub use policy_block::PolicyBlock;
pub use protection::{Protected, VaultPolicy};
pub use redis::RedisCache;
pub use storage_account::StorageAccount;

/// Where a fact was read, as an index that only the reader that made it can resolve (to a file
/// and line, an ARM resource ID...). [`Anchor::RESOURCE`] is the resource as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Anchor(pub u32);

impl Anchor {
    /// The resource itself: where a fact points when neither it nor a block around it is written.
    pub const RESOURCE: Anchor = Anchor(0);
}

/// What was found for a setting.
#[derive(Debug, Clone, PartialEq)]
pub enum Observed<T> {
    /// Written in the source, with a value known before apply.
    Known(T),
    /// Not written: the service applies this default.
    Default(T),
    /// Not written, and the service has no default for it: the feature is off or missing.
    Absent,
    /// Written, but known only after apply (or not statically).
    Unknown,
    /// Written with a value of the wrong type; the provider would reject it, so nothing is
    /// judged on it.
    Invalid,
}

/// One setting of a resource: its value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact<T> {
    pub observed: Observed<T>,
    /// The setting as its source names it in messages: `backup.interval_in_minutes`. For a
    /// value gathered from several places, what was gathered: `a geo_location's location`.
    pub setting: &'static str,
    /// The setting's own place when it is written, else the innermost enclosing block that is
    /// (else the resource).
    pub at: Anchor,
}

impl<T> Fact<T> {
    pub fn new(observed: Observed<T>, setting: &'static str, at: Anchor) -> Fact<T> {
        Fact {
            observed,
            setting,
            at,
        }
    }

    /// The value that applies: written or the service default.
    pub fn value(&self) -> Option<&T> {
        match &self.observed {
            Observed::Known(value) | Observed::Default(value) => Some(value),
            _ => None,
        }
    }

    /// The value when it is written and known.
    pub fn known(&self) -> Option<&T> {
        match &self.observed {
            Observed::Known(value) => Some(value),
            _ => None,
        }
    }

    /// Whether the source writes the setting (known, unknown or invalid).
    pub fn is_written(&self) -> bool {
        matches!(
            self.observed,
            Observed::Known(_) | Observed::Unknown | Observed::Invalid
        )
    }

    /// Whether the value cannot be judged: unknown until apply, or of the wrong type.
    pub fn is_unknown(&self) -> bool {
        matches!(self.observed, Observed::Unknown | Observed::Invalid)
    }

    pub fn is_default(&self) -> bool {
        matches!(self.observed, Observed::Default(_))
    }

    pub fn is_absent(&self) -> bool {
        matches!(self.observed, Observed::Absent)
    }

    /// The same fact with its value converted.
    pub fn map<U>(self, convert: impl FnOnce(T) -> U) -> Fact<U> {
        let observed = match self.observed {
            Observed::Known(value) => Observed::Known(convert(value)),
            Observed::Default(value) => Observed::Default(convert(value)),
            Observed::Absent => Observed::Absent,
            Observed::Unknown => Observed::Unknown,
            Observed::Invalid => Observed::Invalid,
        };
        Fact::new(observed, self.setting, self.at)
    }

    /// The last part of the setting's name: `interval_in_minutes` for
    /// `backup.interval_in_minutes`.
    pub fn leaf(&self) -> &'static str {
        leaf(self.setting)
    }
}

/// The last part of a dotted setting name.
pub fn leaf(setting: &str) -> &str {
    setting.rsplit('.').next().unwrap_or(setting)
}

/// The unit a numeric setting counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Minutes,
    Hours,
    Days,
}

impl Unit {
    /// `n` of this unit as a duration (negative counts as zero).
    pub fn duration(self, n: f64) -> Duration {
        let seconds = match self {
            Unit::Minutes => 60.0,
            Unit::Hours => 3600.0,
            Unit::Days => 86400.0,
        };
        Duration::from_secs((n.max(0.0) * seconds).round() as u64)
    }

    /// The smallest whole number of this unit that is at least `duration`.
    pub fn ceil(self, duration: Duration) -> f64 {
        let one = self.duration(1.0).as_secs().max(1);
        duration.as_secs().div_ceil(one) as f64
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Days => "days",
        }
    }
}

/// The facts of one resource, by service.
#[derive(Debug, Clone)]
pub enum Facts {
    KeyVault(KeyVault),
    CosmosDb(CosmosDbAccount),
    Redis(RedisCache),
    FlexibleServer(FlexibleServer),
    MssqlDatabase(MssqlDatabase),
    StorageAccount(StorageAccount),
    ContainerRegistry(ContainerRegistry),
    BackupPolicy(PolicyBlock<BackupPolicyInput>),
    FailoverGroup(PolicyBlock<FailoverGroupInput>),
    VirtualMachine(Protected),
    FileShare(Protected),
    ManagedDisk(Protected),
    KubernetesCluster(Protected),
    /// A Recovery Services or Backup vault policy, judged on its own.
    VaultPolicy(VaultPolicy),
}

/// Which service a resource's facts describe: what a rule declares it judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactsKind {
    KeyVault,
    CosmosDb,
    Redis,
    FlexibleServer,
    MssqlDatabase,
    StorageAccount,
    ContainerRegistry,
    BackupPolicy,
    FailoverGroup,
    VirtualMachine,
    FileShare,
    ManagedDisk,
    KubernetesCluster,
    VaultPolicy,
}

impl FactsKind {
    /// A policy (a `dr_*` block, a vault backup policy) rather than a resource that holds
    /// data: it has no row of its own in per-resource summaries.
    pub fn is_policy(self) -> bool {
        matches!(
            self,
            FactsKind::BackupPolicy | FactsKind::FailoverGroup | FactsKind::VaultPolicy
        )
    }
}

impl Facts {
    pub fn kind(&self) -> FactsKind {
        match self {
            Facts::KeyVault(_) => FactsKind::KeyVault,
            Facts::CosmosDb(_) => FactsKind::CosmosDb,
            Facts::Redis(_) => FactsKind::Redis,
            Facts::FlexibleServer(_) => FactsKind::FlexibleServer,
            Facts::MssqlDatabase(_) => FactsKind::MssqlDatabase,
            Facts::StorageAccount(_) => FactsKind::StorageAccount,
            Facts::ContainerRegistry(_) => FactsKind::ContainerRegistry,
            Facts::BackupPolicy(_) => FactsKind::BackupPolicy,
            Facts::FailoverGroup(_) => FactsKind::FailoverGroup,
            Facts::VirtualMachine(_) => FactsKind::VirtualMachine,
            Facts::FileShare(_) => FactsKind::FileShare,
            Facts::ManagedDisk(_) => FactsKind::ManagedDisk,
            Facts::KubernetesCluster(_) => FactsKind::KubernetesCluster,
            Facts::VaultPolicy(_) => FactsKind::VaultPolicy,
        }
    }

    /// The facts of a resource that backups or replication protect, when it is one.
    pub fn protected(&self) -> Option<&Protected> {
        match self {
            Facts::VirtualMachine(protected)
            | Facts::FileShare(protected)
            | Facts::ManagedDisk(protected)
            | Facts::KubernetesCluster(protected) => Some(protected),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_tells_written_default_and_unknown_apart() {
        let written = Fact::new(Observed::Known(3), "a.b", Anchor(1));
        assert_eq!((written.value(), written.known()), (Some(&3), Some(&3)));
        assert!(written.is_written() && !written.is_default());
        let default = Fact::new(Observed::Default(7), "a.b", Anchor::RESOURCE);
        assert_eq!((default.value(), default.known()), (Some(&7), None));
        assert!(!default.is_written() && default.is_default());
        let unknown = Fact::<i32>::new(Observed::Unknown, "a.b", Anchor(2));
        assert!(unknown.is_written() && unknown.is_unknown() && unknown.value().is_none());
        let invalid = Fact::<i32>::new(Observed::Invalid, "a.b", Anchor(2));
        assert!(invalid.is_unknown());
        assert!(Fact::<i32>::new(Observed::Absent, "x", Anchor::RESOURCE).is_absent());
        assert_eq!(written.leaf(), "b");
        assert_eq!(leaf("plain"), "plain");
    }

    #[test]
    fn units_convert_and_round_up() {
        assert_eq!(Unit::Minutes.duration(90.0).to_string(), "1h30m");
        assert_eq!(Unit::Hours.duration(-1.0), Duration::ZERO);
        assert_eq!(Unit::Days.ceil(Duration::from_hours(25)), 2.0);
        assert_eq!(Unit::Days.name(), "days");
    }
}
