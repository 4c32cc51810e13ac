//! Resources that vault backups and Site Recovery protect, read with their protections:
//! virtual machines (`azurerm_linux_virtual_machine`, `azurerm_windows_virtual_machine` and the
//! superseded `azurerm_virtual_machine`), file shares (`azurerm_storage_share`), managed disks
//! (`azurerm_managed_disk`, also through the virtual machine they are attached to) and AKS
//! clusters (`azurerm_kubernetes_cluster`).

use drkit_model::capabilities::storage_account;
use drkit_model::facts::protection::{Protected, ProtectionPhrases, Protections};
use drkit_model::facts::{Anchor, Fact, Facts, Observed};
use drkit_terraform::ir::Resource;
use drkit_terraform::value::Value;

use super::protection::{
    backups_of, protections_of, replications_of, storage_account_of, Through, EXTERNAL_BACKUP_TAG,
    SHARE_ACCOUNT_ARGUMENTS, VIRTUAL_MACHINES,
};
use super::SOURCE;
use crate::sources::reading::{fact, Places, Scope};
use crate::sources::ReadContext;

const VM_PHRASES: ProtectionPhrases = ProtectionPhrases {
    add_backup: "add an azurerm_backup_protected_vm whose source_vm_id names it and whose backup_policy_id names an azurerm_backup_policy_vm",
    replication: Some("azurerm_site_recovery_replicated_vm"),
    external_tag: EXTERNAL_BACKUP_TAG,
    add_to_recovery_plan,
};

const FILE_SHARE_PHRASES: ProtectionPhrases = ProtectionPhrases {
    add_backup: "add an azurerm_backup_protected_file_share whose source_file_share_name names it and whose backup_policy_id names an azurerm_backup_policy_file_share",
    replication: None,
    external_tag: EXTERNAL_BACKUP_TAG,
    add_to_recovery_plan,
};

const DISK_PHRASES: ProtectionPhrases = ProtectionPhrases {
    add_backup: "add an azurerm_data_protection_backup_instance_disk whose disk_id names it and whose backup_policy_id names an azurerm_data_protection_backup_policy_disk, or back up the virtual machine it is attached to",
    replication: None,
    external_tag: EXTERNAL_BACKUP_TAG,
    add_to_recovery_plan,
};

const KUBERNETES_PHRASES: ProtectionPhrases = ProtectionPhrases {
    add_backup: "add an azurerm_data_protection_backup_instance_kubernetes_cluster whose kubernetes_cluster_id names it and whose backup_policy_id names an azurerm_data_protection_backup_policy_kubernetes_cluster (with the cluster's Backup extension), or tag it dr_backup = \"external\" with dr_backup_tool = \"velero\" when another tool backs it up",
    replication: None,
    external_tag: EXTERNAL_BACKUP_TAG,
    add_to_recovery_plan,
};

/// `boot_recovery_group.replicated_protected_items` of a recovery plan.
fn add_to_recovery_plan(replication: &str) -> String {
    format!("add {replication}.id to an azurerm_site_recovery_replication_recovery_plan's boot_recovery_group.replicated_protected_items")
}

fn protected(
    resource: &Resource,
    noun: &'static str,
    protections: Protections,
    source_geo_redundant: Fact<bool>,
    phrases: &'static ProtectionPhrases,
) -> Protected {
    Protected {
        source: SOURCE,
        kind: VIRTUAL_MACHINES
            .into_iter()
            .chain([
                "azurerm_storage_share",
                "azurerm_managed_disk",
                "azurerm_kubernetes_cluster",
            ])
            .find(|ty| *ty == resource.resource_type)
            .unwrap_or("azurerm resource"),
        noun,
        protections,
        source_geo_redundant,
        phrases,
    }
}

fn nothing_geo_redundant() -> Fact<bool> {
    Fact::new(Observed::Absent, "", Anchor::RESOURCE)
}

pub(super) fn virtual_machine<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let protections = protections_of(resource, context, places);
    Facts::VirtualMachine(protected(
        resource,
        "virtual machine",
        protections,
        nothing_geo_redundant(),
        &VM_PHRASES,
    ))
}

/// A file share's snapshots stay in its storage account: they are as geo-redundant as the
/// account's `account_replication_type`.
pub(super) fn file_share<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let protections = protections_of(resource, context, places);
    let account = storage_account_of(resource, SHARE_ACCOUNT_ARGUMENTS, context);
    let source_geo_redundant = match account {
        Some(account) => {
            let root = Scope::linked(places, account);
            fact(
                places,
                root,
                &["account_replication_type"],
                None,
                |value: &Value| value.as_str().map(storage_account::is_geo_redundant),
            )
        }
        // A share of an account outside the scanned configuration (a data source): its
        // snapshots are as geo-redundant as that account, which cannot be seen here.
        None => Fact::new(
            Observed::Unknown,
            "the account_replication_type of the share's storage account",
            Anchor::RESOURCE,
        ),
    };
    Facts::FileShare(protected(
        resource,
        "file share",
        protections,
        source_geo_redundant,
        &FILE_SHARE_PHRASES,
    ))
}

/// A managed disk is backed up by a Backup vault disk instance, or with the virtual machine
/// it is attached to (`azurerm_virtual_machine_data_disk_attachment`, or a
/// `storage_data_disk`/`storage_os_disk` of an `azurerm_virtual_machine`); Site Recovery
/// replicates it with that machine.
pub(super) fn managed_disk<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let mut protections = protections_of(resource, context, places);
    let mut machines: Vec<(&'r Resource, Option<f64>)> = Vec::new();
    for attachment in context
        .links
        .referrers(resource, "azurerm_virtual_machine_data_disk_attachment")
    {
        if attachment.attribute != "managed_disk_id" {
            continue;
        }
        let lun = attachment
            .resource
            .body
            .value("lun")
            .and_then(Value::as_f64);
        if let Some(argument) = attachment.resource.body.attr("virtual_machine_id") {
            let named = context.links.named_by(
                attachment.resource,
                "virtual_machine_id",
                &argument.value,
                &VIRTUAL_MACHINES,
            );
            machines.extend(named.into_iter().map(|machine| (machine, lun)));
        }
    }
    for machine in context.links.referrers(resource, "azurerm_virtual_machine") {
        if machine.attribute == "managed_disk_id" {
            machines.push((machine.resource, None));
        }
    }
    for (machine, lun) in machines {
        let through = Through {
            machine: machine.address(),
            lun,
        };
        protections
            .backups
            .extend(backups_of(machine, context, places, Some(through)));
        protections
            .replications
            .extend(replications_of(machine, context, places, Some(resource)));
    }
    Facts::ManagedDisk(protected(
        resource,
        "managed disk",
        protections,
        nothing_geo_redundant(),
        &DISK_PHRASES,
    ))
}

pub(super) fn kubernetes_cluster<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let protections = protections_of(resource, context, places);
    Facts::KubernetesCluster(protected(
        resource,
        "AKS cluster",
        protections,
        nothing_geo_redundant(),
        &KUBERNETES_PHRASES,
    ))
}

/// A vault policy on its own.
pub(super) fn vault_policy<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    Facts::VaultPolicy(super::protection::policies::read(resource, context, places))
}
