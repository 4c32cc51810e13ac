//! Rules for Azure Site Recovery: the recovery points a replication policy keeps for a
//! virtual machine against its RPO, and the recovery plan a tier with automatic failover needs.

register_rules! {
    site_recovery_recovery_points::SiteRecoveryRecoveryPoints,
    site_recovery_recovery_plan::SiteRecoveryRecoveryPlan,
}

#[cfg(test)]
pub(crate) mod fixtures {
    /// A Linux VM (`azurerm_linux_virtual_machine.web`, with `vm` in its body) replicated by
    /// `azurerm_site_recovery_replicated_vm.web` with `azurerm_site_recovery_replication_policy.p`
    /// (`policy` in its body), and `extra` configuration after.
    pub(crate) fn replicated_vm(vm: &str, policy: &str, extra: &str) -> String {
        format!(
            r#"resource "azurerm_linux_virtual_machine" "web" {{
  name = "web"
{vm}
}}

resource "azurerm_site_recovery_replication_policy" "p" {{
  name                = "policy"
  resource_group_name = "rg"
  recovery_vault_name = "rsv-dr"
{policy}
}}

resource "azurerm_site_recovery_replicated_vm" "web" {{
  name                           = "web"
  source_vm_id                   = azurerm_linux_virtual_machine.web.id
  recovery_replication_policy_id = azurerm_site_recovery_replication_policy.p.id
}}
{extra}"#
        )
    }

    /// The same as plan JSON of resources that exist, with JSON object members.
    pub(crate) fn replicated_vm_plan(
        vm: &str,
        policy: &str,
        extra: &[(&str, &str, &str, &str)],
    ) -> String {
        let join = |base: &str, more: &str| {
            if more.trim().is_empty() {
                format!("{{{base}}}")
            } else {
                format!("{{{base}, {more}}}")
            }
        };
        let mut resources = vec![
            ("azurerm_linux_virtual_machine.web", "azurerm_linux_virtual_machine", "web", join(r#""id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web", "name": "web""#, vm)),
            ("azurerm_site_recovery_replication_policy.p", "azurerm_site_recovery_replication_policy", "p", join(r#""id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv-dr/replicationPolicies/policy", "name": "policy""#, policy)),
            ("azurerm_site_recovery_replicated_vm.web", "azurerm_site_recovery_replicated_vm", "web", r#"{"id": "/subscriptions/0/replicatedVm/web", "name": "web", "source_vm_id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/web", "recovery_replication_policy_id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/rsv-dr/replicationPolicies/policy"}"#.to_string()),
        ];
        for (address, ty, name, values) in extra {
            resources.push((address, ty, name, values.to_string()));
        }
        let borrowed: Vec<(&str, &str, &str, &str)> = resources
            .iter()
            .map(|(a, t, n, v)| (*a, *t, *n, v.as_str()))
            .collect();
        crate::rules::testing::plan_json(&borrowed)
    }
}
