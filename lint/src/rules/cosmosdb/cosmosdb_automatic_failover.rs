//! The `cosmosdb-automatic-failover` rule.

use crate::rules::{Check, Facts, Rule};

declare_rule! {
    /// ## What it checks
    /// Where the tier requires automatic failover, an `azurerm_cosmosdb_account` needs two or more
    /// `geo_location` regions and automatic failover switched on: `automatic_failover_enabled`
    /// (azurerm 3.x, 4.x and 5.x; 3.x also took the deprecated `enable_automatic_failover`,
    /// which 4.0 removed). Not set, it is off: the docs state no default and the provider
    /// schema defaults it to `false`
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/cosmosdb_account#automatic_failover_enabled>).
    ///
    /// ## Why it matters for recovery
    /// Without automatic failover, a regional outage waits for a person to notice, decide and
    /// trigger a manual failover: an RTO of one hour rarely survives that.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "azurerm_cosmosdb_account" "main" {
    ///   # ...
    ///   automatic_failover_enabled = true
    ///   geo_location {
    ///     location          = "eastus"
    ///     failover_priority = 0
    ///   }
    ///   geo_location {
    ///     location          = "westus"
    ///     failover_priority = 1
    ///   }
    /// }
    /// ```
    pub struct CosmosdbAutomaticFailover {
        name: "cosmosdb-automatic-failover",
        summary: "Cosmos DB needs two regions and automatic failover where the tier requires it.",
        facts: [CosmosDb],
        requirement: Failover,
    }
}

impl Rule for CosmosdbAutomaticFailover {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::CosmosDb(account) = facts else { return };
        if !cx.objective.automatic_failover {
            return;
        }
        let enabled = &account.automatic_failover;
        let at = enabled.at;
        let Some(regions) = account.regions.value() else {
            return cx.unknown(at, "automatic failover", account.regions.setting);
        };
        let Some(&on) = enabled.value() else {
            return cx.unknown(at, "automatic failover", enabled.setting);
        };
        let mut missing = Vec::new();
        if regions.len() < 2 {
            missing.push(format!("{} (found {})", account.phrases.add_region, regions.len()));
        }
        if !on {
            missing.push(account.phrases.enable_automatic_failover.to_string());
        }
        if missing.is_empty() {
            return;
        }
        let state = if on {
            "is on".to_string()
        } else if enabled.is_default() {
            format!("is off (the {} default)", account.source)
        } else {
            "is off".to_string()
        };
        let message = format!(
            "automatic failover {state} across {} region(s), but the {} requires automatic failover; {}",
            regions.len(),
            cx.objective_source(),
            missing.join(" and ")
        );
        cx.violation(at, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "cosmosdb-automatic-failover",
    address: "azurerm_cosmosdb_account.db",
    pass: "true",
    fail: "false",
    hcl: || {
        r#"resource "azurerm_cosmosdb_account" "db" {
  automatic_failover_enabled = $V
  geo_location {
location          = "eastus"
failover_priority = 0
  }
  geo_location {
location          = "westus"
failover_priority = 1
  }
  backup {
type = "Continuous"
tier = "Continuous30Days"
  }
  tags = { dr_tier = "critical" }
}
"#
        .into()
    },
    dynamic: None,
    plan_to_create: None,
    plan: |v| {
        single(
            "azurerm_cosmosdb_account",
            "db",
            &format!(
                r#"{{"automatic_failover_enabled": {v}, "tags": {{"dr_tier": "critical"}}, "backup": [{{"type": "Continuous", "tier": "Continuous30Days"}}],
                "geo_location": [{{"location": "eastus", "failover_priority": 0}}, {{"location": "westus", "failover_priority": 1}}]}}"#
            ),
        )
    },
};

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "cosmosdb-automatic-failover";

    const TWO_REGIONS: &str = r#"
  geo_location {
    location          = "eastus"
    failover_priority = 0
  }
  geo_location {
    location          = "westus"
    failover_priority = 1
  }"#;

    #[test]
    fn production_does_not_require_it() {
        assert_clean(&lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" {}"#), RULE);
    }

    #[test]
    fn critical_requires_regions_and_flag() {
        let f = lint_hcl(r#"resource "azurerm_cosmosdb_account" "db" { tags = { dr_tier = "critical" } }"#);
        assert_error(&f, RULE, "azurerm_cosmosdb_account.db", &["failover", "second geo_location", "automatic_failover_enabled = true"]);
    }

    #[test]
    fn azurerm_4_and_3_names_both_pass() {
        for flag in ["automatic_failover_enabled", "enable_automatic_failover"] {
            let src = format!("resource \"azurerm_cosmosdb_account\" \"db\" {{\n  tags = {{ dr_tier = \"critical\" }}\n  {flag} = true\n{TWO_REGIONS}\n}}");
            assert_clean(&lint_hcl(&src), RULE);
        }
    }

    #[test]
    fn flag_through_conditional_on_variable() {
        let src = format!("variable \"env\" {{ default = \"dev\" }}\nresource \"azurerm_cosmosdb_account\" \"db\" {{\n  tags = {{ dr_tier = \"critical\" }}\n  automatic_failover_enabled = var.env == \"prod\" ? true : false\n{TWO_REGIONS}\n}}");
        assert_error(&lint_hcl(&src), RULE, "azurerm_cosmosdb_account.db", &["is off"]);
    }

    #[test]
    fn failover_group_member_uses_group_tier() {
        let src = "resource \"dr_failover_group\" \"g\" {\n  name = \"g\"\n  primary_region = \"eastus\"\n  tier = \"critical\"\n  members = [azurerm_cosmosdb_account.db.id]\n}\nresource \"azurerm_cosmosdb_account\" \"db\" {\n  automatic_failover_enabled = true\n}";
        assert_error(&lint_hcl(src), RULE, "azurerm_cosmosdb_account.db", &["dr_failover_group.g", "second geo_location"]);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_cosmosdb_account.db", "azurerm_cosmosdb_account", "db", r#"{"automatic_failover_enabled": true, "tags": {"dr_tier": "critical"}, "geo_location": [{"location": "eastus", "failover_priority": 0}, {"location": "westus", "failover_priority": 1}]}"#)]);
        assert_clean(&lint_plan(&plan), RULE);
    }
}
