//! The `backup-coverage` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::site_recovery;
use drkit_model::facts::{Anchor, Observed, Unit};

declare_rule! {
    /// ## What it checks
    /// A virtual machine (`azurerm_linux_virtual_machine`, `azurerm_windows_virtual_machine`,
    /// `azurerm_virtual_machine`), file share (`azurerm_storage_share`), managed disk
    /// (`azurerm_managed_disk`) or AKS cluster (`azurerm_kubernetes_cluster`) whose tier states an
    /// RPO must be protected by a backup: a Recovery Services link
    /// ([`azurerm_backup_protected_vm`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_protected_vm)
    /// `source_vm_id`,
    /// [`azurerm_backup_protected_file_share`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/backup_protected_file_share)
    /// `source_file_share_name`) or a Backup vault instance
    /// ([`azurerm_data_protection_backup_instance_disk`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_instance_disk)
    /// `disk_id`,
    /// [`azurerm_data_protection_backup_instance_kubernetes_cluster`](https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/data_protection_backup_instance_kubernetes_cluster)
    /// `kubernetes_cluster_id`). A data disk is also covered by the backup of the virtual machine
    /// it is attached to (`azurerm_virtual_machine_data_disk_attachment`).
    ///
    /// A link whose `protection_state` stops backups (`ProtectionStopped`, `BackupsSuspended`)
    /// protects nothing new. Two things stand in for a backup. A virtual machine that Site
    /// Recovery replicates (`azurerm_site_recovery_replicated_vm`) is covered when its
    /// replication policy keeps recovery points (`recovery_point_retention_in_minutes`) for the
    /// tier's retention, which Site Recovery can do up to 15 days: replication gives the RPO
    /// (crash-consistent points every 5 minutes), geo-redundancy and a failover path. A resource tagged
    /// `dr_backup = "external"` (with `dr_backup_tool = "velero"`, or `dr_backup = "velero"`) is
    /// backed up by a tool drlint cannot see: an info finding names the tool to verify. Tier
    /// `stateless` states no RPO and needs nothing.
    ///
    /// ## Why it matters for recovery
    /// A virtual machine's disks, a file share or a cluster's persistent volumes that no backup
    /// covers are lost with the region, the subscription or one `terraform destroy`. Azure Policy's
    /// "Azure Backup should be enabled for Virtual Machines" audits the same after deployment;
    /// this rule says it before, with the objective that makes it necessary.
    ///
    /// ## How to fix
    /// Link the resource to a policy that meets its tier:
    ///
    /// ```hcl
    /// resource "azurerm_backup_protected_vm" "web" {
    ///   resource_group_name = azurerm_recovery_services_vault.main.resource_group_name
    ///   recovery_vault_name = azurerm_recovery_services_vault.main.name
    ///   source_vm_id        = azurerm_linux_virtual_machine.web.id
    ///   backup_policy_id    = azurerm_backup_policy_vm.every_4h.id
    /// }
    /// ```
    ///
    /// For a cluster backed up by Velero, say so: `tags = { dr_backup = "external", dr_backup_tool = "velero" }`.
    pub struct BackupCoverage {
        name: "backup-coverage",
        summary: "A VM, file share, managed disk or AKS cluster whose tier has an RPO must be backed up.",
        facts: [VirtualMachine, FileShare, ManagedDisk, KubernetesCluster],
        requirement: Rpo,
    }
}

impl Rule for BackupCoverage {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Some(protected) = facts.protected() else { return };
        let Some(rpo) = cx.objective.rpo else { return };
        let protections = &protected.protections;
        if protections.backups.iter().any(|backup| backup.is_active()) {
            return;
        }
        let stopped = protections
            .backups
            .iter()
            .find_map(|backup| Some((backup, backup.stopped.as_ref()?)));
        let retention = cx.objective.retention;
        let wants = match retention {
            Some(retention) => format!("an RPO of {rpo} and a retention of {retention}"),
            None => format!("an RPO of {rpo}"),
        };
        if let Some(external) = &protections.external {
            let tool = match &external.observed {
                Observed::Known(tool) => tool.clone(),
                _ => "the external tool".to_string(),
            };
            let message = format!(
                "this {} is backed up outside Azure Backup by {tool} (tag {}), which drlint cannot see: verify that {tool} meets the {} ({wants})",
                protected.noun,
                protected.phrases.external_tag,
                cx.objective_source(),
            );
            cx.note(external.at, message);
            return;
        }
        if !protections.replications.is_empty() {
            let Some(required) = retention else { return };
            let mut unknown = None;
            for replication in &protections.replications {
                let Some(policy) = &replication.policy else {
                    unknown = unknown.or(Some((replication.at, "the replication policy")));
                    continue;
                };
                match policy.retention_minutes.observed {
                    Observed::Known(minutes) => {
                        let kept = Unit::Minutes.duration(minutes);
                        if kept >= required && required <= site_recovery::MAX_RECOVERY_POINT_RETENTION {
                            return;
                        }
                    }
                    _ => unknown = unknown.or(Some((policy.retention_minutes.at, policy.retention_minutes.setting))),
                }
            }
            if let Some((at, what)) = unknown {
                cx.unknown(at, "backup coverage", what);
                return;
            }
            let replication = &protections.replications[0];
            let kept = replication
                .policy
                .as_ref()
                .and_then(|policy| policy.retention_minutes.value())
                .map(|minutes| {
                    format!(
                        ", whose policy keeps recovery points for {}",
                        Unit::Minutes.duration(*minutes)
                    )
                })
                .unwrap_or_default();
            let message = format!(
                "Site Recovery replicates {} ({}){kept}, short of the {required} retention the {} requires (Site Recovery keeps recovery points for {} at most), and no backup protects it; {}",
                cx.address(),
                replication.link,
                cx.objective_source(),
                site_recovery::MAX_RECOVERY_POINT_RETENTION,
                protected.phrases.add_backup,
            );
            cx.violation(Anchor::RESOURCE, message);
            return;
        }
        if let Some((backup, state)) = stopped {
            let message = format!(
                "no backup protects {} any more: {} has {} = \"{}\", so no new backup is taken, and the {} requires {wants}; resume it (protection_state = \"Protected\") or {}",
                cx.address(),
                backup.link,
                state.setting,
                state.known().map(String::as_str).unwrap_or_default(),
                cx.objective_source(),
                protected.phrases.add_backup,
            );
            cx.violation(state.at, message);
            return;
        }
        let replicate = match protected.phrases.replication {
            Some(replication) if retention.is_none() => format!(", or replicate it with {replication}"),
            _ => String::new(),
        };
        let message = format!(
            "no backup protects this {}: the {} requires {wants}; {}{replicate}",
            protected.noun,
            cx.objective_source(),
            protected.phrases.add_backup,
        );
        cx.violation(Anchor::RESOURCE, message);
    }
}

#[cfg(test)]
use crate::rules::backup::fixtures::*;
#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "backup-coverage",
    address: "azurerm_linux_virtual_machine.web",
    pass: "1",
    fail: "0",
    hcl: || vm_estate("", &hourly_policy(""), "").replace(
        "resource \"azurerm_backup_protected_vm\" \"web\" {\n",
        "resource \"azurerm_backup_protected_vm\" \"web\" {\n  count = $V\n",
    ),
    dynamic: None,
    plan: |v| {
        let plan = vm_estate_plan("", HOURLY_POLICY_JSON, "");
        if v == "0" {
            let mut doc: serde_json::Value = serde_json::from_str(&plan).expect("plan JSON");
            let resources = doc["planned_values"]["root_module"]["resources"]
                .as_array_mut()
                .expect("resources");
            resources.retain(|r| r["type"] != "azurerm_backup_protected_vm");
            doc.to_string()
        } else {
            plan
        }
    },
    plan_to_create: None,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    const RULE: &str = "backup-coverage";

    #[test]
    fn an_unprotected_vm_is_an_error_naming_the_objective() {
        for ty in ["azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine"] {
            let f = lint_hcl(&format!("resource \"{ty}\" \"vm\" {{}}"));
            assert_error(&f, RULE, &format!("{ty}.vm"), &["no backup protects this virtual machine", "production tier", "RPO of 1h", "retention of 30d", "azurerm_backup_protected_vm"]);
        }
    }

    #[test]
    fn shares_disks_and_clusters_need_a_backup_too() {
        let f = lint_hcl(
            "resource \"azurerm_storage_share\" \"s\" {}\nresource \"azurerm_managed_disk\" \"d\" {}\nresource \"azurerm_kubernetes_cluster\" \"k\" {}",
        );
        assert_error(&f, RULE, "azurerm_storage_share.s", &["file share", "azurerm_backup_protected_file_share"]);
        assert_error(&f, RULE, "azurerm_managed_disk.d", &["managed disk", "azurerm_data_protection_backup_instance_disk"]);
        assert_error(&f, RULE, "azurerm_kubernetes_cluster.k", &["AKS cluster", "dr_backup"]);
    }

    #[test]
    fn stateless_resources_need_nothing() {
        let f = lint_hcl("resource \"azurerm_linux_virtual_machine\" \"vm\" {\n  tags = { dr_tier = \"stateless\" }\n}");
        assert_clean(&f, RULE);
    }

    #[test]
    fn a_protected_vm_and_its_attached_disk_are_covered() {
        let src = format!(
            "{}\nresource \"azurerm_managed_disk\" \"data\" {{}}\nresource \"azurerm_virtual_machine_data_disk_attachment\" \"data\" {{\n  managed_disk_id    = azurerm_managed_disk.data.id\n  virtual_machine_id = azurerm_linux_virtual_machine.web.id\n  lun = 0\n}}\n",
            vm_estate("", &hourly_policy(""), "")
        );
        let f = lint_hcl(&src);
        assert_clean(&f, RULE);
    }

    #[test]
    fn backup_vault_instances_cover_disks_and_clusters() {
        let src = backup_vault_estate(
            "  redundancy = \"GeoRedundant\"",
            "  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00+00:00/PT4H\"]\n  default_retention_duration = \"P30D\"",
            "  backup_repeating_time_intervals = [\"R/2024-01-01T00:00:00+00:00/PT4H\"]\n  default_retention_rule {\n    life_cycle {\n      data_store_type = \"OperationalStore\"\n      duration = \"P30D\"\n    }\n  }",
        );
        assert_clean(&lint_hcl(&src), RULE);
    }

    #[test]
    fn site_recovery_covers_a_vm_only_without_retention() {
        let asr = "resource \"azurerm_site_recovery_replicated_vm\" \"r\" {\n  source_vm_id = azurerm_linux_virtual_machine.vm.id\n}\n";
        let tagged = |tags: &str| format!("resource \"azurerm_linux_virtual_machine\" \"vm\" {{\n  tags = {tags}\n}}\n{asr}");
        let config = "tier \"replicated\" {\n  rpo = \"1h\"\n  geo_redundant = true\n}\n";
        let f = lint_with_config(&[("main.tf", &tagged("{ dr_tier = \"replicated\" }"))], config);
        assert!(find(&f, "unresolved", "azurerm_linux_virtual_machine.vm").is_empty(), "{}", dump(&f));
        assert_clean(&f, RULE);
        let f = lint_with_config(&[("main.tf", &tagged("{ dr_tier = \"replicated\" }").replace("resource \"azurerm_site_recovery_replicated_vm\"", "resource \"azurerm_other\""))], config);
        assert_error(&f, RULE, "azurerm_linux_virtual_machine.vm", &["RPO of 1h;", "or replicate it with azurerm_site_recovery_replicated_vm"]);
        // Without its policy in view, whether replication keeps points long enough is unknown.
        let f = lint_hcl(&tagged("{ environment = \"prod\" }"));
        assert_clean(&f, RULE);
        assert_info(&f, RULE);
        // A policy keeping 4 hours of recovery points cannot hold the tier's retention.
        let with_policy = |tier: &str, minutes: u32| {
            format!(
                "{}resource \"azurerm_site_recovery_replication_policy\" \"p\" {{\n  recovery_point_retention_in_minutes = {minutes}\n  application_consistent_snapshot_frequency_in_minutes = 0\n}}\n",
                tagged(&format!("{{ dr_tier = \"{tier}\" }}")).replace(
                    "  source_vm_id = azurerm_linux_virtual_machine.vm.id\n",
                    "  source_vm_id = azurerm_linux_virtual_machine.vm.id\n  recovery_replication_policy_id = azurerm_site_recovery_replication_policy.p.id\n",
                )
            )
        };
        let f = lint_hcl(&with_policy("production", 1440));
        assert_error(&f, RULE, "azurerm_linux_virtual_machine.vm", &["Site Recovery replicates azurerm_linux_virtual_machine.vm (azurerm_site_recovery_replicated_vm.r), whose policy keeps recovery points for 1d", "30d retention", "15d at most"]);
        let f = lint_hcl(&with_policy("staging", 240));
        assert_error(&f, RULE, "azurerm_linux_virtual_machine.vm", &["keeps recovery points for 4h", "7d retention"]);
        assert_clean(&lint_hcl(&with_policy("staging", 7 * 1440)), RULE);
    }

    #[test]
    fn a_stopped_backup_protects_nothing_new() {
        let src = vm_estate("", &hourly_policy(""), "").replace(
            "  backup_policy_id    = azurerm_backup_policy_vm.policy.id\n",
            "  backup_policy_id    = azurerm_backup_policy_vm.policy.id\n  protection_state    = \"ProtectionStopped\"\n",
        );
        let f = lint_hcl(&src);
        assert_error(&f, RULE, "azurerm_linux_virtual_machine.web", &["no backup protects azurerm_linux_virtual_machine.web any more", "protection_state = \"ProtectionStopped\""]);
        assert_clean(&lint_hcl(&src.replace("ProtectionStopped", "Protected")), RULE);
    }

    #[test]
    fn a_disk_left_out_of_its_vm_backup_is_not_covered() {
        let attach = |backup_extra: &str| format!(
            "{}\nresource \"azurerm_managed_disk\" \"data\" {{}}\nresource \"azurerm_virtual_machine_data_disk_attachment\" \"data\" {{\n  managed_disk_id    = azurerm_managed_disk.data.id\n  virtual_machine_id = azurerm_linux_virtual_machine.web.id\n  lun                = 3\n}}\n",
            vm_estate("", &hourly_policy(""), "").replace(
                "  backup_policy_id    = azurerm_backup_policy_vm.policy.id\n",
                &format!("  backup_policy_id    = azurerm_backup_policy_vm.policy.id\n{backup_extra}"),
            )
        );
        assert_clean(&lint_hcl(&attach("  exclude_disk_luns = [1]\n")), RULE);
        assert_error(&lint_hcl(&attach("  exclude_disk_luns = [3]\n")), RULE, "azurerm_managed_disk.data", &["no backup protects"]);
        assert_error(&lint_hcl(&attach("  include_disk_luns = [0, 1]\n")), RULE, "azurerm_managed_disk.data", &["no backup protects"]);
        assert_clean(&lint_hcl(&attach("  include_disk_luns = [3]\n")), RULE);
    }

    #[test]
    fn a_file_share_link_protects_the_share_of_its_account_only() {
        let estate = |link_account: &str| format!(
            r#"resource "azurerm_storage_account" "a" {{ name = "a" }}
resource "azurerm_storage_account" "b" {{ name = "b" }}
resource "azurerm_storage_share" "a" {{
  name               = "data"
  storage_account_id = azurerm_storage_account.a.id
  tags               = {{ env = "dev" }}
}}
resource "azurerm_storage_share" "b" {{
  name               = "data"
  storage_account_id = azurerm_storage_account.b.id
  tags               = {{ env = "dev" }}
}}
resource "azurerm_managed_disk" "data" {{
  name = "data"
  tags = {{ env = "dev" }}
}}
resource "azurerm_backup_protected_file_share" "a" {{
  source_storage_account_id = azurerm_storage_account.{link_account}.id
  source_file_share_name    = "data"
  backup_policy_id          = "/subscriptions/0/policy"
}}
"#
        );
        let f = lint_hcl(&estate("a"));
        assert!(find(&f, RULE, "azurerm_storage_share.a").is_empty(), "{}", dump(&f));
        assert_error(&f, RULE, "azurerm_storage_share.b", &["no backup protects"]);
        assert_error(&f, RULE, "azurerm_managed_disk.data", &["no backup protects"]);
    }

    #[test]
    fn dr_backup_none_is_no_external_backup() {
        let f = lint_hcl("resource \"azurerm_kubernetes_cluster\" \"k\" {\n  tags = { dr_backup = \"none\" }\n}");
        assert_error(&f, RULE, "azurerm_kubernetes_cluster.k", &["no backup protects"]);
    }

    #[test]
    fn an_external_backup_is_a_note_naming_the_tool() {
        let f = lint_hcl("resource \"azurerm_kubernetes_cluster\" \"k\" {\n  tags = { dr_backup = \"external\", dr_backup_tool = \"velero\" }\n}");
        assert_clean(&f, RULE);
        let note = find(&f, RULE, "azurerm_kubernetes_cluster.k");
        assert_eq!(note.len(), 1, "{}", dump(&f));
        assert!(note[0].message.contains("by velero") && note[0].message.contains("verify"), "{}", note[0].message);
        let f = lint_hcl("resource \"azurerm_kubernetes_cluster\" \"k\" {\n  tags = { dr_backup = \"external\" }\n}");
        assert!(find(&f, RULE, "azurerm_kubernetes_cluster.k")[0].message.contains("the external tool"));
    }

    #[test]
    fn plan_json_of_resources_to_create() {
        let plan = crate::rules::value_channels::to_create(
            &plan_json(&[
                ("azurerm_linux_virtual_machine.web", "azurerm_linux_virtual_machine", "web", "{}"),
                ("azurerm_backup_protected_vm.web", "azurerm_backup_protected_vm", "web", "{}"),
                ("azurerm_backup_policy_vm.p", "azurerm_backup_policy_vm", "p", "{}"),
            ]),
            &[("azurerm_backup_protected_vm.web", json!({"source_vm_id": true, "backup_policy_id": true}))],
            json!({"root_module": {"resources": [{
                "address": "azurerm_backup_protected_vm.web", "mode": "managed", "type": "azurerm_backup_protected_vm", "name": "web",
                "expressions": {
                    "source_vm_id": {"references": ["azurerm_linux_virtual_machine.web.id", "azurerm_linux_virtual_machine.web"]},
                    "backup_policy_id": {"references": ["azurerm_backup_policy_vm.p.id", "azurerm_backup_policy_vm.p"]}
                }
            }]}}),
        );
        assert_clean(&lint_plan(&plan), RULE);
    }
}
