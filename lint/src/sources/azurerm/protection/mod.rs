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

use crate::sources::reading::Places;
use crate::sources::ReadContext;

pub(super) use site_recovery::replications_of;

/// A resource that links a protected resource to a backup policy.
struct BackupLink {
    /// Its type.
    link: &'static str,
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
        protects: "source_vm_id",
        policy: "backup_policy_id",
    },
    // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_protected_file_share
    BackupLink {
        link: "azurerm_backup_protected_file_share",
        protects: "source_file_share_name",
        policy: "backup_policy_id",
    },
    // https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_instance_disk
    BackupLink {
        link: "azurerm_data_protection_backup_instance_disk",
        protects: "disk_id",
        policy: "backup_policy_id",
    },
    BackupLink {
        link: "azurerm_data_protection_backup_instance_blob_storage",
        protects: "storage_account_id",
        policy: "backup_policy_id",
    },
    BackupLink {
        link: "azurerm_data_protection_backup_instance_postgresql_flexible_server",
        protects: "server_id",
        policy: "backup_policy_id",
    },
    BackupLink {
        link: "azurerm_data_protection_backup_instance_mysql_flexible_server",
        protects: "server_id",
        policy: "backup_policy_id",
    },
    BackupLink {
        link: "azurerm_data_protection_backup_instance_kubernetes_cluster",
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
        replications: replications_of(resource, context, places),
        external: external_backup(resource, places),
    }
}

/// The vault backups whose link names `resource`. `through` is the address of the resource
/// the caller is really reading when `resource` holds it (the VM a disk is attached to).
pub(super) fn backups_of<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
    through: Option<String>,
) -> Vec<Backup> {
    let mut backups = Vec::new();
    for link in &BACKUP_LINKS {
        for referrer in context.links.referrers(resource, link.link) {
            if referrer.attribute != link.protects {
                continue;
            }
            backups.push(backup(
                referrer.resource,
                link,
                context,
                places,
                through.clone(),
            ));
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
    Backup {
        link: link_resource.address(),
        at,
        through,
        policy,
        policy_setting: link.policy,
        policy_at,
    }
}

/// The `dr_backup` tag: the tool that backs the resource up (`dr_backup_tool`, else the tag's
/// own value unless it is just `"external"`).
fn external_backup<'r>(resource: &'r Resource, places: &mut Places<'r>) -> Option<Fact<String>> {
    let tags = resource.body.attr("tags")?;
    let Value::Map(map) = &tags.value else {
        return None;
    };
    let marker = map.get(EXTERNAL_BACKUP_TAG)?;
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
