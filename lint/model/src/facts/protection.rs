//! What protects a resource from loss: the vault backups that name it (Recovery Services and
//! Backup vaults), the Site Recovery replications of a virtual machine, and backups made by a
//! tool drlint cannot see. Each is read with the policy and vault it goes through, so that a
//! rule judges the protected resource's objective and names the link, the policy and the value.

use super::{Anchor, Fact};
use crate::azure_backup::{Schedule, Store};
use crate::duration::Duration;

/// The protections of one resource.
#[derive(Debug, Clone, Default)]
pub struct Protections {
    /// Vault backups naming the resource (or the virtual machine a disk is attached to).
    pub backups: Vec<Backup>,
    /// Site Recovery replications of the resource.
    pub replications: Vec<Replication>,
    /// A backup made outside Azure Backup, acknowledged with a tag: the tool's name.
    pub external: Option<Fact<String>>,
}

impl Protections {
    /// Whether anything protects the resource (or says it is protected elsewhere).
    pub fn is_empty(&self) -> bool {
        self.backups.is_empty() && self.replications.is_empty() && self.external.is_none()
    }
}

/// One vault backup of the resource.
#[derive(Debug, Clone)]
pub struct Backup {
    /// The resource that makes the link, in messages: `azurerm_backup_protected_vm.web`.
    pub link: String,
    /// The link resource.
    pub at: Anchor,
    /// When the link protects another resource that holds this one (the virtual machine a disk
    /// is attached to): that resource's address.
    pub through: Option<String>,
    /// The policy the link names; `None` when it is not in the scanned configuration or not
    /// known statically (the link's policy argument says which).
    pub policy: Option<VaultPolicy>,
    /// The link's policy argument: `backup_policy_id`.
    pub policy_setting: &'static str,
    /// Where the policy argument is written.
    pub policy_at: Anchor,
    /// The protection state written on the link when it stops backups
    /// (`ProtectionStopped`, `BackupsSuspended`): such a backup protects nothing new.
    pub stopped: Option<Fact<String>>,
}

impl Backup {
    /// Whether the link still takes backups (its state is not a stopped one, or unknown).
    pub fn is_active(&self) -> bool {
        self.stopped.is_none()
    }
}

/// A Recovery Services or Backup vault policy, as the rules judge it.
#[derive(Debug, Clone)]
pub struct VaultPolicy {
    /// Its resource type and address, in messages.
    pub kind: &'static str,
    pub address: String,
    /// The policy resource.
    pub at: Anchor,
    /// What kind of data the policy backs up, for fixes and the limits of the service.
    pub datasource: Datasource,
    /// When it backs up. The setting names the argument that decides (`backup.frequency`,
    /// `backup_repeating_time_intervals`).
    pub schedule: Fact<Schedule>,
    /// Why the schedule could not be read, when its value is invalid.
    pub schedule_error: Option<String>,
    /// How far back its backups reach, in each store it keeps them in.
    pub retention: Vec<Kept>,
    /// Where a retention value could not be read, and why.
    pub retention_error: Option<(Anchor, String)>,
    /// The vault the policy belongs to, when it is in the scanned configuration.
    pub vault: Option<Vault>,
    /// The argument naming the vault: `recovery_vault_name`, `vault_id`.
    pub vault_setting: &'static str,
    pub phrases: &'static PolicyPhrases,
}

/// How the source writes a policy's fixes.
#[derive(Debug, Clone)]
pub struct PolicyPhrases {
    /// The arguments that back up at least as often as an RPO asks, as this kind of policy
    /// can; `None` when no schedule of this kind can.
    pub schedule_for: fn(Duration) -> Option<String>,
    /// The arguments that keep backups for a retention; `None` when this kind cannot.
    pub retention_for: fn(Duration) -> Option<String>,
    /// How to get backups of this kind out of the source's region when the policy keeps them
    /// only in the operational store.
    pub off_site: &'static str,
}

/// How long a policy keeps backups in one store.
#[derive(Debug, Clone)]
pub struct Kept {
    pub store: Store,
    /// How far back the oldest kept backup goes; the setting names the count or duration that
    /// decides (`retention_yearly.count`, `default_retention_duration`).
    pub reach: Fact<Duration>,
}

impl VaultPolicy {
    /// How far back the policy's backups reach in any store: `None` when a retention is unknown.
    pub fn reach(&self) -> Option<(Duration, &Kept)> {
        let mut best: Option<(Duration, &Kept)> = None;
        for kept in &self.retention {
            let reach = *kept.reach.value()?;
            if best.is_none_or(|(longest, _)| reach > longest) {
                best = Some((reach, kept));
            }
        }
        best
    }

    /// Whether the policy keeps any backup in the vault (rather than only with the source).
    pub fn keeps_in_vault(&self) -> bool {
        self.retention.iter().any(|kept| kept.store == Store::Vault)
    }
}

/// What a vault policy backs up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Datasource {
    VirtualMachine,
    /// SQL Server or SAP HANA databases in virtual machines.
    Workload,
    FileShare,
    Disk,
    Blob,
    PostgreSqlFlexibleServer,
    MySqlFlexibleServer,
    KubernetesCluster,
}

impl Datasource {
    /// The fastest schedule the service runs, for messages: what no policy of this kind can
    /// beat.
    pub fn shortest_gap(self) -> Duration {
        use crate::capabilities::{data_protection, recovery_services};
        let hours = |intervals: &[u64]| Duration::from_hours(intervals[0]);
        match self {
            Datasource::VirtualMachine => hours(&recovery_services::VM_HOUR_INTERVALS),
            Datasource::FileShare => hours(&recovery_services::FILE_SHARE_HOUR_INTERVALS),
            Datasource::KubernetesCluster => hours(&data_protection::KUBERNETES_HOUR_INTERVALS),
            Datasource::Disk => hours(&data_protection::DISK_HOUR_INTERVALS),
            Datasource::Workload => {
                Duration::from_minutes(recovery_services::WORKLOAD_LOG_FREQUENCIES_MINUTES[0])
            }
            Datasource::Blob => Duration::ZERO,
            Datasource::PostgreSqlFlexibleServer | Datasource::MySqlFlexibleServer => {
                data_protection::FLEXIBLE_SERVER_PERIOD
            }
        }
    }

    /// Whether the policy's schedule is what gives the protected resource its RPO. A flexible
    /// server's point-in-time restore gives its RPO; its Backup vault policy (weekly only) keeps
    /// long-term backups.
    pub fn sets_rpo(self) -> bool {
        !matches!(
            self,
            Datasource::PostgreSqlFlexibleServer | Datasource::MySqlFlexibleServer
        )
    }
}

/// Whether a vault's backups can be deleted before they expire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Immutability {
    Disabled,
    /// Immutable, but the setting can still be turned off.
    Unlocked,
    /// Immutable for good.
    Locked,
}

impl Immutability {
    pub fn parse(text: &str) -> Option<Immutability> {
        match text {
            "Disabled" => Some(Immutability::Disabled),
            "Unlocked" => Some(Immutability::Unlocked),
            "Locked" => Some(Immutability::Locked),
            _ => None,
        }
    }
}

/// Redundancy of a vault's storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redundancy {
    GeoRedundant,
    ZoneRedundant,
    LocallyRedundant,
}

impl Redundancy {
    pub fn parse(text: &str) -> Option<Redundancy> {
        match text {
            "GeoRedundant" => Some(Redundancy::GeoRedundant),
            "ZoneRedundant" => Some(Redundancy::ZoneRedundant),
            "LocallyRedundant" => Some(Redundancy::LocallyRedundant),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Redundancy::GeoRedundant => "GeoRedundant",
            Redundancy::ZoneRedundant => "ZoneRedundant",
            Redundancy::LocallyRedundant => "LocallyRedundant",
        }
    }
}

/// A Recovery Services vault or a Backup vault.
#[derive(Debug, Clone)]
pub struct Vault {
    pub kind: &'static str,
    pub address: String,
    pub at: Anchor,
    /// `storage_mode_type` / `redundancy`.
    pub redundancy: Fact<Redundancy>,
    /// Whether backups can be restored in the paired region without a declared outage.
    pub cross_region_restore: Fact<bool>,
    /// Whether deleted backups are kept for a while (soft delete not turned off).
    pub soft_delete: Fact<bool>,
    /// Whether backups can be deleted before they expire.
    pub immutability: Fact<Immutability>,
    pub phrases: &'static VaultPhrases,
}

/// How the source writes a vault's fixes.
#[derive(Debug, Clone)]
pub struct VaultPhrases {
    /// Geo-redundant storage: `storage_mode_type = "GeoRedundant"`.
    pub geo_redundant: &'static str,
    /// Cross-region restore on: `cross_region_restore_enabled = true`.
    pub cross_region_restore: &'static str,
    /// Soft delete on.
    pub soft_delete: &'static str,
    /// Immutability on (and what locking it means).
    pub immutability: &'static str,
}

/// A Site Recovery replication of a virtual machine to another region.
#[derive(Debug, Clone)]
pub struct Replication {
    /// `azurerm_site_recovery_replicated_vm.web`.
    pub link: String,
    pub at: Anchor,
    /// The replication policy, when it is in the scanned configuration.
    pub policy: Option<ReplicationPolicy>,
    /// The recovery plans that list the replicated VM, by address.
    pub recovery_plans: Vec<String>,
    /// Known to replicate within the source's region (zone to zone: both fabrics in the same
    /// location), which is no protection against the region's loss.
    pub same_region: bool,
}

/// A Site Recovery replication policy.
#[derive(Debug, Clone)]
pub struct ReplicationPolicy {
    pub address: String,
    pub at: Anchor,
    /// How long recovery points are kept (`recovery_point_retention_in_minutes`).
    pub retention_minutes: Fact<f64>,
    /// How often app-consistent recovery points are taken; 0 means none.
    pub app_consistent_minutes: Fact<f64>,
}

/// A resource that backups or replication protect: a virtual machine, a file share, a managed
/// disk, an AKS cluster.
#[derive(Debug, Clone)]
pub struct Protected {
    /// The source's name, in messages: `azurerm`.
    pub source: &'static str,
    /// The source's resource type: `azurerm_linux_virtual_machine`.
    pub kind: &'static str,
    /// What it is, in messages: `virtual machine`.
    pub noun: &'static str,
    pub protections: Protections,
    /// Whether what stays with the resource (file share snapshots) is itself replicated to
    /// another region; absent when nothing is.
    pub source_geo_redundant: Fact<bool>,
    pub phrases: &'static ProtectionPhrases,
}

/// How the source writes the fixes the protection rules suggest for a kind of resource.
#[derive(Debug, Clone)]
pub struct ProtectionPhrases {
    /// How to back this kind of resource up: the link resource and the policy it names
    /// (`azurerm_backup_protected_vm` with an `azurerm_backup_policy_vm`).
    pub add_backup: &'static str,
    /// The replication resource (Site Recovery), for virtual machines.
    pub replication: Option<&'static str>,
    /// How to list a replication (by its address) in a Site Recovery recovery plan.
    pub add_to_recovery_plan: fn(&str) -> String,
    /// The tag that acknowledges a backup made by another tool.
    pub external_tag: &'static str,
}
