//! The `site-recovery-recovery-plan` rule.

use crate::rules::{Check, Facts, Rule};

declare_rule! {
    /// ## What it checks
    /// Where the tier requires automatic failover, a virtual machine that Site Recovery
    /// replicates (`azurerm_site_recovery_replicated_vm`) should be listed in a recovery plan
    /// ([`azurerm_site_recovery_replication_recovery_plan`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/site_recovery_replication_recovery_plan),
    /// `boot_recovery_group.replicated_protected_items`). This is a warning: a single VM can fail
    /// over on its own, but not in order with the rest of its application.
    ///
    /// ## Why it matters for recovery
    /// "A recovery plan gathers machines into recovery groups for the purpose of failover. A
    /// recovery plan defines how machines fail over, and the sequence in which they start
    /// after failover" (<https://learn.microsoft.com/azure/site-recovery/recovery-plan-overview>).
    /// Without one, failing over a multi-VM application is a sequence of manual steps, which is
    /// not what a tier with automatic failover promises.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "azurerm_site_recovery_replication_recovery_plan" "app" {
    ///   # ...
    ///   boot_recovery_group {
    ///     replicated_protected_items = [azurerm_site_recovery_replicated_vm.web.id]
    ///   }
    ///   failover_recovery_group {}
    ///   shutdown_recovery_group {}
    /// }
    /// ```
    pub struct SiteRecoveryRecoveryPlan {
        name: "site-recovery-recovery-plan",
        summary: "A replicated VM should be in a recovery plan where the tier requires automatic failover.",
        facts: [VirtualMachine],
        requirement: Failover,
        severity: Warning,
    }
}

impl Rule for SiteRecoveryRecoveryPlan {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::VirtualMachine(vm) = facts else { return };
        if !cx.objective.automatic_failover {
            return;
        }
        for replication in &vm.protections.replications {
            if !replication.recovery_plans.is_empty() {
                continue;
            }
            let message = format!(
                "{} replicates {} but no recovery plan lists it, and the {} requires automatic failover: failing over an application in order needs a recovery plan; {}",
                replication.link,
                cx.address(),
                cx.objective_source(),
                (vm.phrases.add_to_recovery_plan)(&replication.link),
            );
            cx.warning(replication.at, message);
        }
    }
}

#[cfg(test)]
use crate::rules::site_recovery::fixtures::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "site-recovery-recovery-plan",
    address: "azurerm_linux_virtual_machine.web",
    pass: "1",
    fail: "0",
    hcl: || {
        replicated_vm(
            "  tags = { dr_tier = \"critical\" }",
            "",
            "resource \"azurerm_site_recovery_replication_recovery_plan\" \"app\" {\n  count = $V\n  boot_recovery_group {\n    replicated_protected_items = [azurerm_site_recovery_replicated_vm.web.id]\n  }\n}\n",
        )
    },
    dynamic: None,
    plan: |v| {
        let plan = [(
            "azurerm_site_recovery_replication_recovery_plan.app[0]",
            "azurerm_site_recovery_replication_recovery_plan",
            "app",
            r#"{"boot_recovery_group": [{"replicated_protected_items": ["/subscriptions/0/replicatedVm/web"]}]}"#,
        )];
        replicated_vm_plan(r#""tags": {"dr_tier": "critical"}"#, "", if v == "0" { &[] } else { &plan })
    },
    plan_to_create: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "site-recovery-recovery-plan";
    const VM: &str = "azurerm_linux_virtual_machine.web";

    #[test]
    fn critical_vms_outside_a_plan_get_a_warning() {
        let f = lint_hcl(&replicated_vm("  tags = { dr_tier = \"critical\" }", "", ""));
        let found = find(&f, RULE, VM);
        assert_eq!(found.len(), 1, "{}", dump(&f));
        assert_eq!(found[0].severity, crate::finding::Severity::Warning);
        assert!(found[0].message.contains("no recovery plan lists it"));
        assert!(found[0].message.contains("add azurerm_site_recovery_replicated_vm.web.id to an azurerm_site_recovery_replication_recovery_plan's boot_recovery_group.replicated_protected_items"));
    }

    #[test]
    fn production_fails_over_by_hand() {
        assert!(find(&lint_hcl(&replicated_vm("", "", "")), RULE, VM).is_empty());
    }
}
