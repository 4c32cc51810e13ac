//! Site Recovery replications of a virtual machine:
//! `azurerm_site_recovery_replicated_vm`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/site_recovery_replicated_vm>),
//! its `azurerm_site_recovery_replication_policy`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/site_recovery_replication_policy>)
//! and the `azurerm_site_recovery_replication_recovery_plan`s that list it
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/site_recovery_replication_recovery_plan>).

use drkit_model::facts::protection::{Replication, ReplicationPolicy};
use drkit_terraform::ir::Resource;

use crate::sources::reading::{number_fact, Places, Scope};
use crate::sources::ReadContext;

const REPLICATED_VM: &str = "azurerm_site_recovery_replicated_vm";
const REPLICATION_POLICY: &str = "azurerm_site_recovery_replication_policy";
const RECOVERY_PLAN: &str = "azurerm_site_recovery_replication_recovery_plan";

/// The replications whose `source_vm_id` names `vm`.
pub(in crate::sources::azurerm) fn replications_of<'r>(
    vm: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Vec<Replication> {
    context
        .links
        .referrers(vm, REPLICATED_VM)
        .into_iter()
        .filter(|referrer| referrer.attribute == "source_vm_id")
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
            }
        })
        .collect()
}
