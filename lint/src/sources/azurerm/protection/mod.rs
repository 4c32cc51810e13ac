//! What protects a resource: the azurerm resources that link it to a vault backup policy
//! (Recovery Services and Backup vaults), the Site Recovery replications of a virtual machine,
//! and the tag that acknowledges a backup made by another tool. The protected resources' readers
//! (virtual machines, file shares, managed disks, AKS clusters, flexible servers) gather them
//! here; [`policies`] also reads a policy on its own.

pub(super) mod policies;
mod site_recovery;
mod vaults;

use drkit_model::facts::protection::{Backup, Protections};
use drkit_model::facts::{Fact, Observed};
use drkit_terraform::ir::Resource;
use drkit_terraform::value::Value;

use drkit_model::capabilities::recovery_services;

use crate::sources::reading::{string_fact, Places, Scope};
use crate::sources::ReadContext;

pub(super) use site_recovery::replications_of;

/// The virtual machine types, newest first.
pub(super) const VIRTUAL_MACHINES: [&str; 3] = [
    "azurerm_linux_virtual_machine",
    "azurerm_windows_virtual_machine",
    "azurerm_virtual_machine",
];

/// A resource that links a protected resource to a backup policy.
struct BackupLink {
    /// Its type.
    link: &'static str,
    /// The types it protects.
    protects_types: &'static [&'static str],
    /// The argument naming the protected resource.
    protects: &'static str,
    /// The argument naming the policy.
    policy: &'static str,
}

/// Every backup link azurerm has (3.x, 4.x and 5.x; the PostgreSQL single-server instance was
/// removed in 5.0 with the service).
const BACKUP_LINKS: [BackupLink; 7] = [
    // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_protected_vm
    BackupLink {
        link: "azurerm_backup_protected_vm",
        protects_types: &VIRTUAL_MACHINES,
        protects: "source_vm_id",
        policy: "backup_policy_id",
    },
    // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_protected_file_share
    BackupLink {
        link: "azurerm_backup_protected_file_share",
        protects_types: &["azurerm_storage_share"],
        protects: "source_file_share_name",
        policy: "backup_policy_id",
    },
    // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_instance_disk
    BackupLink {
        link: "azurerm_data_protection_backup_instance_disk",
        protects_types: &["azurerm_managed_disk"],
        protects: "disk_id",
        policy: "backup_policy_id",
    },
    BackupLink {
        link: "azurerm_data_protection_backup_instance_blob_storage",
        protects_types: &["azurerm_storage_account"],
        protects: "storage_account_id",
        policy: "backup_policy_id",
    },
    BackupLink {
        link: "azurerm_data_protection_backup_instance_postgresql_flexible_server",
        protects_types: &["azurerm_postgresql_flexible_server"],
        protects: "server_id",
        policy: "backup_policy_id",
    },
    BackupLink {
        link: "azurerm_data_protection_backup_instance_mysql_flexible_server",
        protects_types: &["azurerm_mysql_flexible_server"],
        protects: "server_id",
        policy: "backup_policy_id",
    },
    BackupLink {
        link: "azurerm_data_protection_backup_instance_kubernetes_cluster",
        protects_types: &["azurerm_kubernetes_cluster"],
        protects: "kubernetes_cluster_id",
        policy: "backup_policy_id",
    },
];

/// The tag that says a tool drlint cannot see backs the resource up (`"external"`, or the
/// tool's name), and the tag that names the tool.
pub(super) const EXTERNAL_BACKUP_TAG: &str = "dr_backup";
const EXTERNAL_TOOL_TAG: &str = "dr_backup_tool";

/// Everything that protects `resource`.
pub(super) fn protections_of<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Protections {
    Protections {
        backups: backups_of(resource, context, places, None),
        replications: replications_of(resource, context, places, None),
        external: external_backup(resource, places),
    }
}

/// The disk of a virtual machine the caller is really reading (a managed disk attached to it),
/// with the LUN it is attached at when known.
pub(super) struct Through {
    pub(super) machine: String,
    pub(super) lun: Option<f64>,
}

/// The vault backups whose link names `resource`. `through` is the disk the caller is really
/// reading when `resource` is the virtual machine it is attached to: a VM backup that
/// excludes its LUN (`exclude_disk_luns`, or an `include_disk_luns` without it) leaves it out.
pub(super) fn backups_of<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
    through: Option<Through>,
) -> Vec<Backup> {
    let mut backups = Vec::new();
    for link in &BACKUP_LINKS {
        if !link
            .protects_types
            .contains(&resource.resource_type.as_str())
        {
            continue;
        }
        for referrer in context.links.referrers(resource, link.link) {
            if referrer.attribute != link.protects
                || !same_storage_account(resource, referrer.resource, context)
                || through
                    .as_ref()
                    .is_some_and(|disk| leaves_out(referrer.resource, disk.lun))
            {
                continue;
            }
            let holder = through.as_ref().map(|disk| disk.machine.clone());
            backups.push(backup(referrer.resource, link, context, places, holder));
        }
    }
    backups
}

fn backup<'r>(
    link_resource: &'r Resource,
    link: &BackupLink,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
    through: Option<String>,
) -> Backup {
    let at = places.anchor(&link_resource.location);
    let argument = link_resource.body.attr(link.policy);
    let policy_at = argument.map_or(at, |argument| places.anchor(&argument.location));
    let policy = argument.and_then(|argument| {
        let named =
            context
                .links
                .named_by(link_resource, link.policy, &argument.value, policies::TYPES);
        named
            .first()
            .map(|policy| policies::read(policy, context, places))
    });
    let link_scope = Scope {
        body: Some(&link_resource.body),
        anchor: at,
    };
    let stopped = string_fact(places, link_scope, &["protection_state"], None);
    let stopped = match stopped.known() {
        Some(state) if recovery_services::STOPPED_PROTECTION_STATES.contains(&state.as_str()) => {
            Some(stopped)
        }
        _ => None,
    };
    Backup {
        link: link_resource.address(),
        at,
        through,
        stopped,
        policy,
        policy_setting: link.policy,
        policy_at,
    }
}

/// A file share is named by its name alone (`source_file_share_name`): the link protects it
/// only if its `source_storage_account_id` names the share's account too, when both are known.
fn same_storage_account<'r>(
    protected: &'r Resource,
    link: &'r Resource,
    context: &ReadContext<'r>,
) -> bool {
    if protected.resource_type != "azurerm_storage_share" {
        return true;
    }
    match (
        storage_account_of(protected, SHARE_ACCOUNT_ARGUMENTS, context),
        storage_account_of(link, &["source_storage_account_id"], context),
    ) {
        (Some(share_account), Some(link_account)) => std::ptr::eq(share_account, link_account),
        _ => true,
    }
}

/// Whether a VM backup link leaves the data disk at `lun` out.
fn leaves_out(link: &Resource, lun: Option<f64>) -> bool {
    let Some(lun) = lun else { return false };
    let listed = |argument: &str| match link.body.value(argument) {
        Some(Value::List(luns)) => Some(luns.iter().any(|item| item.as_f64() == Some(lun))),
        _ => None,
    };
    listed("exclude_disk_luns") == Some(true) || listed("include_disk_luns") == Some(false)
}

/// The arguments that name a file share's storage account: `storage_account_id` (azurerm 4.x
/// and 5.x), `storage_account_name` (3.x, deprecated in 4.x).
pub(super) const SHARE_ACCOUNT_ARGUMENTS: &[&str] = &["storage_account_id", "storage_account_name"];

/// The storage account the first of `arguments` of `resource` names, when it is scanned.
pub(super) fn storage_account_of<'r>(
    resource: &'r Resource,
    arguments: &[&str],
    context: &ReadContext<'r>,
) -> Option<&'r Resource> {
    arguments.iter().find_map(|argument| {
        let value = resource.body.attr(argument)?;
        context
            .links
            .named_by(
                resource,
                argument,
                &value.value,
                &["azurerm_storage_account"],
            )
            .first()
            .copied()
    })
}

/// Values of the `dr_backup` tag that say there is no external backup.
const NO_EXTERNAL_BACKUP: [&str; 4] = ["none", "no", "false", ""];

/// The `dr_backup` tag: the tool that backs the resource up (`dr_backup_tool`, else the tag's
/// own value unless it is just `"external"`). `"none"` (or `"no"`, `"false"`) says nothing
/// backs it up elsewhere.
fn external_backup<'r>(resource: &'r Resource, places: &mut Places<'r>) -> Option<Fact<String>> {
    let tags = resource.body.attr("tags")?;
    let Value::Map(map) = &tags.value else {
        return None;
    };
    let marker = map.get(EXTERNAL_BACKUP_TAG)?;
    if let Value::String(value) = marker {
        if NO_EXTERNAL_BACKUP.contains(&value.trim().to_ascii_lowercase().as_str()) {
            return None;
        }
    }
    let at = places.anchor(&tags.location);
    let observed = match (marker, map.get(EXTERNAL_TOOL_TAG)) {
        (_, Some(Value::String(tool))) if !tool.trim().is_empty() => {
            Observed::Known(tool.trim().to_string())
        }
        (Value::String(value), _) if value.trim().eq_ignore_ascii_case("external") => {
            Observed::Known("the external tool".to_string())
        }
        (Value::String(value), _) if !value.trim().is_empty() => {
            Observed::Known(value.trim().to_string())
        }
        (Value::Null, _) => return None,
        _ => Observed::Unknown,
    };
    Some(Fact::new(observed, "tags.dr_backup", at))
}
