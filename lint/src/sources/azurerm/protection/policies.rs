//! Vault backup policies: how often they back up, how long they keep backups and where.
//!
//! Recovery Services: `azurerm_backup_policy_vm`, `azurerm_backup_policy_vm_workload` and
//! `azurerm_backup_policy_file_share`. Backup vaults: `azurerm_data_protection_backup_policy_*`
//! for disks, blobs, PostgreSQL and MySQL flexible servers and AKS clusters. Argument names and
//! values are azurerm's docs, the same in 3.x, 4.x and 5.x except where noted
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_policy_vm>
//! and the pages beside it).

use drkit_model::azure_backup::schedule::{data_protection_period_hours, repeating_interval};
use drkit_model::azure_backup::{retention, RetentionCounts, Schedule, Store, Weekday};
use drkit_model::capabilities::{data_protection, recovery_services};
use drkit_model::facts::protection::{Datasource, Kept, PolicyPhrases, VaultPolicy};
use drkit_model::facts::{Anchor, Fact, Observed};
use drkit_model::repeating_interval::IntervalSchedule;
use drkit_model::Duration;
use drkit_terraform::ir::Resource;
use drkit_terraform::value::Value;

use super::vaults::{self, BACKUP_VAULT, RECOVERY_SERVICES_VAULT};
use crate::sources::reading::{fact, number_fact, string_fact, strings_fact, Places, Scope};
use crate::sources::ReadContext;

const VM: &str = "azurerm_backup_policy_vm";
const WORKLOAD: &str = "azurerm_backup_policy_vm_workload";
const FILE_SHARE: &str = "azurerm_backup_policy_file_share";
const DISK: &str = "azurerm_data_protection_backup_policy_disk";
const BLOB: &str = "azurerm_data_protection_backup_policy_blob_storage";
const POSTGRESQL: &str = "azurerm_data_protection_backup_policy_postgresql_flexible_server";
const MYSQL: &str = "azurerm_data_protection_backup_policy_mysql_flexible_server";
const KUBERNETES: &str = "azurerm_data_protection_backup_policy_kubernetes_cluster";

/// Every policy type, for following a link's `backup_policy_id`.
pub(in crate::sources::azurerm) const TYPES: &[&str] = &[
    VM, WORKLOAD, FILE_SHARE, DISK, BLOB, POSTGRESQL, MYSQL, KUBERNETES,
];

/// A policy (a resource of one of [`TYPES`]) as [`VaultPolicy`] facts.
pub(in crate::sources::azurerm) fn read<'r>(
    policy: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> VaultPolicy {
    let root = Scope::linked(places, policy);
    debug_assert!(TYPES.contains(&policy.resource_type.as_str()));
    let kind = TYPES
        .iter()
        .copied()
        .find(|ty| *ty == policy.resource_type)
        .unwrap_or(KUBERNETES);
    let mut parts = Parts::default();
    let (datasource, phrases, vault_setting, vault_type) = match kind {
        VM => {
            parts.recovery_services(places, root, RsvKind::VirtualMachine);
            (
                Datasource::VirtualMachine,
                &VM_PHRASES,
                "recovery_vault_name",
                RECOVERY_SERVICES_VAULT,
            )
        }
        WORKLOAD => {
            parts.workload(places, root);
            (
                Datasource::Workload,
                &WORKLOAD_PHRASES,
                "recovery_vault_name",
                RECOVERY_SERVICES_VAULT,
            )
        }
        FILE_SHARE => {
            parts.recovery_services(places, root, RsvKind::FileShare);
            (
                Datasource::FileShare,
                &FILE_SHARE_PHRASES,
                "recovery_vault_name",
                RECOVERY_SERVICES_VAULT,
            )
        }
        DISK => {
            parts.intervals(places, root);
            parts.duration(
                places,
                root,
                "default_retention_duration",
                Store::Operational,
            );
            for rule in root.blocks(places, "retention_rule") {
                parts.duration(places, rule, "retention_rule.duration", Store::Operational);
            }
            (Datasource::Disk, &DISK_PHRASES, "vault_id", BACKUP_VAULT)
        }
        BLOB => {
            parts.intervals(places, root);
            let operational = parts.duration(
                places,
                root,
                "operational_default_retention_duration",
                Store::Operational,
            );
            if operational {
                // Operational blob backup is continuous: it restores to any point in time,
                // whatever the vaulted backup's intervals.
                parts.schedule = Fact::new(
                    Observed::Known(Schedule::Continuous),
                    "operational_default_retention_duration",
                    root.anchor,
                );
            }
            parts.duration(
                places,
                root,
                "vault_default_retention_duration",
                Store::Vault,
            );
            parts.life_cycles(places, root, "retention_rule", Store::Vault);
            (Datasource::Blob, &BLOB_PHRASES, "vault_id", BACKUP_VAULT)
        }
        POSTGRESQL | MYSQL => {
            parts.intervals(places, root);
            parts.life_cycles(places, root, "default_retention_rule", Store::Vault);
            parts.life_cycles(places, root, "retention_rule", Store::Vault);
            let datasource = if kind == MYSQL {
                Datasource::MySqlFlexibleServer
            } else {
                Datasource::PostgreSqlFlexibleServer
            };
            (
                datasource,
                &FLEXIBLE_SERVER_PHRASES,
                "vault_id",
                BACKUP_VAULT,
            )
        }
        _ => {
            parts.intervals(places, root);
            parts.life_cycles(places, root, "default_retention_rule", Store::Operational);
            parts.life_cycles(places, root, "retention_rule", Store::Operational);
            (
                Datasource::KubernetesCluster,
                &KUBERNETES_PHRASES,
                "vault_name",
                BACKUP_VAULT,
            )
        }
    };
    let vault = policy.body.attr(vault_setting).and_then(|argument| {
        let named = context
            .links
            .named_by(policy, vault_setting, &argument.value, &[vault_type]);
        named.first().map(|vault| vaults::read(vault, places))
    });
    VaultPolicy {
        kind,
        address: policy.address(),
        at: root.anchor,
        datasource,
        schedule: parts.schedule,
        schedule_error: parts.schedule_error,
        retention: parts.retention,
        retention_error: parts.retention_error,
        vault,
        vault_setting,
        phrases,
    }
}

/// What a policy reader gathers.
struct Parts {
    schedule: Fact<Schedule>,
    schedule_error: Option<String>,
    retention: Vec<Kept>,
    retention_error: Option<(Anchor, String)>,
}

impl Default for Parts {
    fn default() -> Parts {
        Parts {
            schedule: Fact::new(Observed::Absent, "backup.frequency", Anchor::RESOURCE),
            schedule_error: None,
            retention: Vec::new(),
            retention_error: None,
        }
    }
}

/// The argument names of a Recovery Services policy's schedule.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RsvKind {
    VirtualMachine,
    FileShare,
}

impl Parts {
    /// `backup { frequency ... }` and `retention_*` of a VM or file share policy.
    fn recovery_services<'r>(&mut self, places: &mut Places<'r>, root: Scope<'r>, kind: RsvKind) {
        let backup = root.block(places, "backup");
        let frequency = string_fact(places, backup, &["backup.frequency"], None);
        let read = match frequency.known().map(String::as_str) {
            Some("Hourly") => match kind {
                RsvKind::VirtualMachine => {
                    let policy_type = string_fact(
                        places,
                        root,
                        &["policy_type"],
                        Some(recovery_services::DEFAULT_VM_POLICY_TYPE),
                    );
                    let interval = number_fact(places, backup, &["backup.hour_interval"], None);
                    let window = number_fact(places, backup, &["backup.hour_duration"], None);
                    match &policy_type.observed {
                        Observed::Unknown | Observed::Invalid => {
                            Read::Unknown(policy_type.setting, policy_type.at)
                        }
                        _ if policy_type.value().map(String::as_str)
                            != Some(recovery_services::ENHANCED_VM_POLICY_TYPE) =>
                        {
                            Read::Invalid(
                                format!(
                                    "backup.frequency = \"Hourly\" needs policy_type = \"{}\" (the Enhanced policy); a {} policy backs up once a day",
                                    recovery_services::ENHANCED_VM_POLICY_TYPE,
                                    policy_type.value().map(String::as_str).unwrap_or_default(),
                                ),
                                policy_type.at,
                            )
                        }
                        _ => hourly(&interval, &window),
                    }
                }
                RsvKind::FileShare => {
                    let hourly_block = backup.block(places, "hourly");
                    let interval =
                        number_fact(places, hourly_block, &["backup.hourly.interval"], None);
                    let window = number_fact(
                        places,
                        hourly_block,
                        &["backup.hourly.window_duration"],
                        None,
                    );
                    hourly(&interval, &window)
                }
            },
            Some("Daily") => Read::Schedule(Schedule::Daily),
            Some("Weekly") if kind == RsvKind::VirtualMachine => {
                weekly(&strings_fact(places, backup, &["backup.weekdays"]))
            }
            Some(other) => Read::Invalid(
                format!(
                    "backup.frequency = \"{other}\" is not a frequency azurerm accepts ({})",
                    if kind == RsvKind::VirtualMachine {
                        "Hourly, Daily or Weekly"
                    } else {
                        "Hourly or Daily"
                    }
                ),
                frequency.at,
            ),
            None => Read::Absent,
        };
        self.set_schedule(&frequency, read);
        let prefix = |block: &'static str, setting: &'static str| (block, setting);
        self.counts(
            places,
            root,
            [
                prefix("retention_daily", "retention_daily.count"),
                prefix("retention_weekly", "retention_weekly.count"),
                prefix("retention_monthly", "retention_monthly.count"),
                prefix("retention_yearly", "retention_yearly.count"),
            ],
        );
        if kind == RsvKind::FileShare {
            // Snapshots stay in the file share's storage account unless the vault tier copies
            // them into the vault (`backup_tier`, azurerm 4.58 and later).
            let tier = string_fact(
                places,
                root,
                &["backup_tier"],
                Some(recovery_services::DEFAULT_FILE_SHARE_BACKUP_TIER),
            );
            if tier.value().map(String::as_str) != Some(recovery_services::FILE_SHARE_VAULT_TIER) {
                for kept in &mut self.retention {
                    kept.store = Store::Operational;
                }
            }
        }
    }

    /// `protection_policy` blocks of a SQL Server / SAP HANA policy: log backups every
    /// `frequency_in_minutes`, full backups daily or weekly, differential and incremental ones
    /// on weekdays. The gap is the shortest any of them leaves: more backups only shorten it,
    /// so one that is not known statically does not matter beside one that is.
    fn workload<'r>(&mut self, places: &mut Places<'r>, root: Scope<'r>) {
        let mut best: Option<(Schedule, &'static str, Anchor)> = None;
        let mut unknown: Option<(&'static str, Anchor)> = None;
        let mut invalid: Option<(String, Anchor)> = None;
        for protection in root.blocks(places, "protection_policy") {
            let policy_type =
                string_fact(places, protection, &["protection_policy.policy_type"], None);
            let backup = protection.block(places, "backup");
            let weekdays = |places: &mut Places<'r>| {
                weekly(&strings_fact(
                    places,
                    backup,
                    &["protection_policy.backup.weekdays"],
                ))
            };
            let (read, setting) = match policy_type.known().map(String::as_str) {
                Some("Log") => {
                    self.simple_retention(places, protection);
                    let minutes = number_fact(
                        places,
                        backup,
                        &["protection_policy.backup.frequency_in_minutes"],
                        None,
                    );
                    let read = match minutes.observed {
                        Observed::Known(n) => {
                            Read::Schedule(Schedule::EveryMinutes(n.max(0.0) as u64))
                        }
                        Observed::Unknown | Observed::Invalid => {
                            Read::Unknown(minutes.setting, minutes.at)
                        }
                        _ => Read::Absent,
                    };
                    (read, "protection_policy.backup.frequency_in_minutes")
                }
                Some("Full") => {
                    self.counts(
                        places,
                        protection,
                        [
                            ("retention_daily", "protection_policy.retention_daily.count"),
                            ("retention_weekly", "protection_policy.retention_weekly.count"),
                            ("retention_monthly", "protection_policy.retention_monthly.count"),
                            ("retention_yearly", "protection_policy.retention_yearly.count"),
                        ],
                    );
                    let frequency = string_fact(
                        places,
                        backup,
                        &["protection_policy.backup.frequency"],
                        None,
                    );
                    let read = match &frequency.observed {
                        Observed::Known(text) if text == "Daily" => Read::Schedule(Schedule::Daily),
                        Observed::Known(text) if text == "Weekly" => weekdays(places),
                        Observed::Known(other) => Read::Invalid(
                            format!("protection_policy.backup.frequency = \"{other}\" is not Daily or Weekly"),
                            frequency.at,
                        ),
                        Observed::Unknown | Observed::Invalid => {
                            Read::Unknown(frequency.setting, frequency.at)
                        }
                        _ => Read::Absent,
                    };
                    (read, "protection_policy.backup.frequency")
                }
                Some("Differential" | "Incremental") => {
                    self.simple_retention(places, protection);
                    (weekdays(places), "protection_policy.backup.weekdays")
                }
                Some(other) => (
                    Read::Invalid(
                        format!("protection_policy.policy_type = \"{other}\" is not Full, Differential, Incremental or Log"),
                        policy_type.at,
                    ),
                    policy_type.setting,
                ),
                None if policy_type.is_absent() => (Read::Absent, policy_type.setting),
                None => (
                    Read::Unknown(policy_type.setting, policy_type.at),
                    policy_type.setting,
                ),
            };
            match read {
                Read::Schedule(schedule) => {
                    if best
                        .as_ref()
                        .is_none_or(|(known, ..)| schedule.gap() < known.gap())
                    {
                        best = Some((schedule, setting, policy_type.at));
                    }
                }
                Read::Unknown(setting, at) => unknown = unknown.or(Some((setting, at))),
                Read::Invalid(error, at) => invalid = invalid.or(Some((error, at))),
                Read::Absent => {}
            }
        }
        self.schedule = match (best, unknown, invalid) {
            (Some((schedule, setting, at)), ..) => {
                Fact::new(Observed::Known(schedule), setting, at)
            }
            (None, Some((setting, at)), _) => Fact::new(Observed::Unknown, setting, at),
            (None, None, Some((error, at))) => {
                self.schedule_error = Some(error);
                Fact::new(Observed::Invalid, "protection_policy", at)
            }
            (None, None, None) => Fact::new(Observed::Absent, "protection_policy", root.anchor),
        };
    }

    fn simple_retention<'r>(&mut self, places: &mut Places<'r>, protection: Scope<'r>) {
        let simple = protection.block(places, "simple_retention");
        let count = number_fact(
            places,
            simple,
            &["protection_policy.simple_retention.count"],
            None,
        );
        if !count.is_absent() {
            self.retention.push(Kept {
                store: Store::Vault,
                reach: count.map(|days| Duration::from_days(days.max(0.0) as u64)),
            });
        }
    }

    /// `retention_daily/weekly/monthly/yearly { count }` as one reach.
    fn counts<'r>(
        &mut self,
        places: &mut Places<'r>,
        scope: Scope<'r>,
        kinds: [(&'static str, &'static str); 4],
    ) {
        let facts: Vec<Fact<f64>> = kinds
            .iter()
            .map(|(block, setting)| {
                let block = scope.block(places, block);
                number_fact(places, block, &[setting], None)
            })
            .collect();
        if let Some(unknown) = facts.iter().find(|count| count.is_unknown()) {
            self.retention.push(Kept {
                store: Store::Vault,
                reach: Fact::new(Observed::Unknown, unknown.setting, unknown.at),
            });
            return;
        }
        let count = |index: usize| facts[index].known().map(|n| n.max(0.0) as u64);
        let counts = RetentionCounts {
            daily: count(0),
            weekly: count(1),
            monthly: count(2),
            yearly: count(3),
        };
        let deciding = (0..4)
            .filter(|index| facts[*index].known().is_some())
            .max_by_key(|index| {
                let mut alone = RetentionCounts::default();
                match index {
                    0 => alone.daily = counts.daily,
                    1 => alone.weekly = counts.weekly,
                    2 => alone.monthly = counts.monthly,
                    _ => alone.yearly = counts.yearly,
                }
                alone.reach()
            });
        let reach = match deciding {
            Some(index) => Fact::new(
                Observed::Known(counts.reach()),
                facts[index].setting,
                facts[index].at,
            ),
            None => Fact::new(Observed::Absent, kinds[0].1, scope.anchor),
        };
        self.retention.push(Kept {
            store: Store::Vault,
            reach,
        });
    }

    /// `backup_repeating_time_intervals` of a Backup vault policy.
    fn intervals<'r>(&mut self, places: &mut Places<'r>, root: Scope<'r>) {
        let intervals = strings_fact(places, root, &["backup_repeating_time_intervals"]);
        let read = match &intervals.observed {
            Observed::Known(texts) => {
                let borrowed: Vec<&str> = texts.iter().map(String::as_str).collect();
                match IntervalSchedule::parse(borrowed.iter().copied())
                    .and_then(|schedule| schedule.worst_case_gap(&borrowed))
                {
                    Ok(gap) => Read::Schedule(Schedule::Intervals {
                        gap,
                        texts: texts.clone(),
                    }),
                    Err(error) => Read::Invalid(
                        format!("backup_repeating_time_intervals: {error}"),
                        intervals.at,
                    ),
                }
            }
            Observed::Unknown | Observed::Invalid => Read::Unknown(intervals.setting, intervals.at),
            _ => Read::Absent,
        };
        self.set_schedule(&intervals, read);
    }

    /// A retention duration argument (ISO 8601, months allowed); whether it is written.
    fn duration<'r>(
        &mut self,
        places: &mut Places<'r>,
        scope: Scope<'r>,
        setting: &'static str,
        store: Store,
    ) -> bool {
        let text = string_fact(places, scope, &[setting], None);
        if text.is_absent() {
            return false;
        }
        let at = text.at;
        let reach = match &text.observed {
            Observed::Known(value) => match Duration::parse_retention(value) {
                Ok(duration) => Observed::Known(duration),
                Err(error) => {
                    self.retention_error
                        .get_or_insert((at, format!("{setting}: {error}")));
                    Observed::Invalid
                }
            },
            Observed::Invalid => Observed::Invalid,
            _ => Observed::Unknown,
        };
        self.retention.push(Kept {
            store,
            reach: Fact::new(reach, setting, at),
        });
        true
    }

    /// `life_cycle { data_store_type, duration }` blocks of every `kind` block.
    fn life_cycles<'r>(
        &mut self,
        places: &mut Places<'r>,
        root: Scope<'r>,
        kind: &str,
        default: Store,
    ) {
        let setting: &'static str = if kind == "retention_rule" {
            "retention_rule.life_cycle.duration"
        } else {
            "default_retention_rule.life_cycle.duration"
        };
        for rule in root.blocks(places, kind) {
            for life_cycle in rule.blocks(places, "life_cycle") {
                let store = fact(
                    places,
                    life_cycle,
                    &["data_store_type"],
                    None,
                    |value: &Value| match value.as_str()? {
                        "OperationalStore" => Some(Store::Operational),
                        "VaultStore" | "ArchiveStore" => Some(Store::Vault),
                        _ => None,
                    },
                );
                let store = store.known().copied().unwrap_or(default);
                self.duration(places, life_cycle, setting, store);
            }
        }
    }

    /// The schedule `read` gave; `decided_by` is the argument it hangs on, where the schedule
    /// points when it is known or absent.
    fn set_schedule<T>(&mut self, decided_by: &Fact<T>, read: Read) {
        self.schedule = match read {
            Read::Schedule(schedule) => {
                Fact::new(Observed::Known(schedule), decided_by.setting, decided_by.at)
            }
            Read::Unknown(setting, at) => Fact::new(Observed::Unknown, setting, at),
            Read::Invalid(error, at) => {
                self.schedule_error = Some(error);
                Fact::new(Observed::Invalid, decided_by.setting, at)
            }
            Read::Absent if decided_by.is_unknown() => {
                Fact::new(Observed::Unknown, decided_by.setting, decided_by.at)
            }
            Read::Absent => Fact::new(Observed::Absent, decided_by.setting, decided_by.at),
        };
    }
}

/// What the arguments of a schedule give.
enum Read {
    Schedule(Schedule),
    /// An argument it depends on is not known statically.
    Unknown(&'static str, Anchor),
    /// The arguments make no schedule the service accepts: why, and where.
    Invalid(String, Anchor),
    Absent,
}

/// An hourly schedule from its interval and window; both are required for `Hourly`.
fn hourly(interval: &Fact<f64>, window: &Fact<f64>) -> Read {
    for part in [interval, window] {
        match part.observed {
            Observed::Unknown | Observed::Invalid => return Read::Unknown(part.setting, part.at),
            Observed::Absent | Observed::Default(_) => {
                return Read::Invalid(format!("an Hourly backup needs {}", part.setting), part.at)
            }
            Observed::Known(_) => {}
        }
    }
    let (Some(interval_hours), Some(window_hours)) = (interval.known(), window.known()) else {
        return Read::Absent;
    };
    Read::Schedule(Schedule::Hourly {
        interval_hours: interval_hours.max(1.0) as u64,
        window_hours: window_hours.max(0.0) as u64,
    })
}

/// A weekly schedule on the listed days (every day of the week when none is listed).
fn weekly(days: &Fact<Vec<String>>) -> Read {
    match &days.observed {
        Observed::Known(names) => {
            let mut parsed = Vec::new();
            for name in names {
                match Weekday::parse(name) {
                    Some(day) => parsed.push(day),
                    None => {
                        return Read::Invalid(
                            format!(
                                "{} lists \"{name}\", which is not a day of the week",
                                days.setting
                            ),
                            days.at,
                        )
                    }
                }
            }
            Read::Schedule(Schedule::Weekly { days: parsed })
        }
        Observed::Unknown | Observed::Invalid => Read::Unknown(days.setting, days.at),
        _ => Read::Schedule(Schedule::Weekly { days: Vec::new() }),
    }
}

fn counts_text(counts: RetentionCounts, prefix: &str) -> String {
    [
        (counts.daily, "retention_daily.count"),
        (counts.weekly, "retention_weekly.count"),
        (counts.monthly, "retention_monthly.count"),
        (counts.yearly, "retention_yearly.count"),
    ]
    .into_iter()
    .filter_map(|(count, name)| count.map(|n| format!("{prefix}{name} = {n}")))
    .collect::<Vec<_>>()
    .join(", ")
}

const VM_PHRASES: PolicyPhrases = PolicyPhrases {
    schedule_for: |rpo| {
        if rpo < Duration::from_hours(recovery_services::VM_HOUR_INTERVALS[0]) {
            return None;
        }
        Some(match Schedule::vm_for(rpo) {
            Schedule::Hourly {
                interval_hours,
                window_hours,
            } => format!(
                "an Enhanced policy: policy_type = \"V2\", backup.frequency = \"Hourly\", backup.hour_interval = {interval_hours}, backup.hour_duration = {window_hours}"
            ),
            Schedule::Weekly { .. } => "backup.frequency = \"Weekly\" with backup.weekdays".to_string(),
            _ => "backup.frequency = \"Daily\"".to_string(),
        })
    },
    retention_for: |retention| {
        let counts = RetentionCounts::vm_for(retention, false);
        (counts.reach() >= retention).then(|| counts_text(counts, ""))
    },
    off_site: "back up into a vault with storage_mode_type = \"GeoRedundant\"",
};

const WORKLOAD_PHRASES: PolicyPhrases = PolicyPhrases {
    schedule_for: |rpo| {
        let minutes = recovery_services::WORKLOAD_LOG_FREQUENCIES_MINUTES
            .iter()
            .copied()
            .filter(|minutes| Duration::from_minutes(*minutes) <= rpo)
            .max()?;
        Some(format!(
            "a protection_policy with policy_type = \"Log\" and backup.frequency_in_minutes = {minutes}"
        ))
    },
    retention_for: |retention| {
        let counts = RetentionCounts::workload_for(retention, false);
        (counts.reach() >= retention).then(|| counts_text(counts, "protection_policy."))
    },
    off_site: "back up into a vault with storage_mode_type = \"GeoRedundant\"",
};

const FILE_SHARE_PHRASES: PolicyPhrases = PolicyPhrases {
    schedule_for: |rpo| {
        if rpo < Duration::from_hours(recovery_services::FILE_SHARE_HOUR_INTERVALS[0]) {
            return None;
        }
        Some(match Schedule::file_share_for(rpo) {
            Schedule::Hourly {
                interval_hours,
                window_hours,
            } => format!(
                "backup.frequency = \"Hourly\", backup.hourly.interval = {interval_hours}, backup.hourly.window_duration = {window_hours}"
            ),
            _ => "backup.frequency = \"Daily\"".to_string(),
        })
    },
    retention_for: |retention| {
        let counts = RetentionCounts::file_share_for(retention);
        (counts.reach() >= retention).then(|| counts_text(counts, ""))
    },
    off_site: "set backup_tier = \"vault-standard\" (azurerm 4.58 or later) so that backups are copied into a GeoRedundant vault, or keep the share in a geo-redundant storage account (account_replication_type = \"GZRS\")",
};

/// `backup_repeating_time_intervals = ["R/.../PT4H"]` with the longest of `hours` that meets
/// the RPO, else daily.
fn intervals_text(rpo: Duration, hours: &[u64]) -> Option<String> {
    let period = data_protection_period_hours(rpo, hours)?;
    Some(format!(
        "backup_repeating_time_intervals = [\"{}\"]",
        repeating_interval(period)
    ))
}

const DISK_PHRASES: PolicyPhrases = PolicyPhrases {
    schedule_for: |rpo| intervals_text(rpo, &data_protection::DISK_HOUR_INTERVALS),
    retention_for: |retention| {
        (retention <= data_protection::DISK_MAX_RETENTION)
            .then(|| format!("default_retention_duration = \"{}\"", retention::iso8601(retention)))
    },
    off_site: "disk snapshots never leave the disk's region: back the disk up with the virtual machine it is attached to (azurerm_backup_protected_vm in a GeoRedundant Recovery Services vault), or replicate that machine with Site Recovery",
};

const BLOB_PHRASES: PolicyPhrases = PolicyPhrases {
    schedule_for: |_| {
        Some("operational_default_retention_duration (operational backup is continuous)".to_string())
    },
    retention_for: |retention| {
        (retention <= data_protection::VAULT_MAX_RETENTION)
            .then(|| format!("vault_default_retention_duration = \"{}\"", retention::iso8601(retention)))
    },
    off_site: "add vaulted backup (backup_repeating_time_intervals and vault_default_retention_duration) in a GeoRedundant Backup vault",
};

const FLEXIBLE_SERVER_PHRASES: PolicyPhrases = PolicyPhrases {
    schedule_for: |rpo| {
        (rpo >= data_protection::FLEXIBLE_SERVER_PERIOD).then(|| {
            format!(
                "backup_repeating_time_intervals = [\"{}\"]",
                repeating_interval(data_protection::FLEXIBLE_SERVER_PERIOD)
            )
        })
    },
    retention_for: |retention| {
        (retention <= data_protection::VAULT_MAX_RETENTION).then(|| {
            format!(
                "default_retention_rule {{ life_cycle {{ data_store_type = \"VaultStore\", duration = \"{}\" }} }}",
                retention::iso8601(retention)
            )
        })
    },
    off_site: "use a Backup vault with redundancy = \"GeoRedundant\"",
};

const KUBERNETES_PHRASES: PolicyPhrases = PolicyPhrases {
    schedule_for: |rpo| intervals_text(rpo, &data_protection::KUBERNETES_HOUR_INTERVALS),
    retention_for: |retention| {
        (retention <= data_protection::KUBERNETES_MAX_RETENTION).then(|| {
            format!(
                "default_retention_rule.life_cycle.duration = \"{}\" (OperationalStore)",
                retention::iso8601(retention)
            )
        })
    },
    off_site: "AKS backups made through Terraform stay in the operational tier, in the cluster's region (Azure Backup supports the vault tier only outside Terraform): keep the cluster's state reproducible in the paired region (GitOps, geo-replicated registry and data services) or back it up with a tool that copies off-site and tag it dr_backup = \"external\"",
};
