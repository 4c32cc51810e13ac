//! Site Recovery replications of a virtual machine:
//! `azurerm_site_recovery_replicated_vm`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/site_recovery_replicated_vm>),
//! its `azurerm_site_recovery_replication_policy`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/site_recovery_replication_policy>)
//! and the `azurerm_site_recovery_replication_recovery_plan`s that list it
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/site_recovery_replication_recovery_plan>).

use drkit_model::facts::protection::{Replication, ReplicationPolicy};
use drkit_model::region;
use drkit_terraform::ir::Resource;

use crate::sources::reading::{number_fact, Places, Scope};
use crate::sources::ReadContext;

const REPLICATED_VM: &str = "azurerm_site_recovery_replicated_vm";
const REPLICATION_POLICY: &str = "azurerm_site_recovery_replication_policy";
const RECOVERY_PLAN: &str = "azurerm_site_recovery_replication_recovery_plan";
const FABRIC: &str = "azurerm_site_recovery_fabric";

/// The replications whose `source_vm_id` names `vm`; for `disk`, one of the VM's managed
/// disks, only those that carry it (a replication that lists its disks in `managed_disk`
/// blocks carries only those).
pub(in crate::sources::azurerm) fn replications_of<'r>(
    vm: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
    disk: Option<&'r Resource>,
) -> Vec<Replication> {
    let carrying_disk: Vec<&Resource> = disk
        .map(|disk| {
            context
                .links
                .referrers(disk, REPLICATED_VM)
                .into_iter()
                .filter(|referrer| referrer.attribute == "disk_id")
                .map(|referrer| referrer.resource)
                .collect()
        })
        .unwrap_or_default();
    context
        .links
        .referrers(vm, REPLICATED_VM)
        .into_iter()
        .filter(|referrer| referrer.attribute == "source_vm_id")
        .filter(|referrer| {
            disk.is_none()
                || referrer.resource.body.block("managed_disk").is_none()
                || carrying_disk
                    .iter()
                    .any(|carrier| std::ptr::eq(*carrier, referrer.resource))
        })
        .map(|referrer| {
            let replicated = referrer.resource;
            let at = places.anchor(&replicated.location);
            let policy = replicated
                .body
                .attr("recovery_replication_policy_id")
                .and_then(|argument| {
                    let named = context.links.named_by(
                        replicated,
                        "recovery_replication_policy_id",
                        &argument.value,
                        &[REPLICATION_POLICY],
                    );
                    named.first().map(|policy| {
                        let root = Scope::linked(places, policy);
                        ReplicationPolicy {
                            address: policy.address(),
                            at: root.anchor,
                            retention_minutes: number_fact(
                                places,
                                root,
                                &["recovery_point_retention_in_minutes"],
                                None,
                            ),
                            app_consistent_minutes: number_fact(
                                places,
                                root,
                                &["application_consistent_snapshot_frequency_in_minutes"],
                                None,
                            ),
                        }
                    })
                });
            let recovery_plans = context
                .links
                .referrers(replicated, RECOVERY_PLAN)
                .into_iter()
                .map(|plan| plan.resource.address())
                .collect();
            Replication {
                link: replicated.address(),
                at,
                policy,
                recovery_plans,
                same_region: same_region(replicated, context),
            }
        })
        .collect()
}

/// Whether the replication is known to stay in its region: its source and target fabrics
/// (`azurerm_site_recovery_fabric`) are both in the scanned configuration with the same
/// `location` (zone-to-zone replication). Anything else counts as another region.
fn same_region(replicated: &Resource, context: &ReadContext<'_>) -> bool {
    let location = |argument: &str| {
        let value = replicated.body.attr(argument)?;
        let fabric = *context
            .links
            .named_by(replicated, argument, &value.value, &[FABRIC])
            .first()?;
        fabric
            .body
            .value("location")?
            .as_str()
            .map(region::normalise)
    };
    match (
        location("source_recovery_fabric_id"),
        location("target_recovery_fabric_id"),
    ) {
        (Some(source), Some(target)) => source == target,
        _ => false,
    }
}
