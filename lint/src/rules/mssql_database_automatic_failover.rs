use super::check::{minutes, number_setting, string_setting, Setting};
use super::{Check, Rule, RuleInfo};

declare_rule! {
    /// ## What it checks
    /// Where the tier requires automatic failover, an `azurerm_mssql_database` must be listed in
    /// the `databases` of an `azurerm_mssql_failover_group` whose
    /// `read_write_endpoint_failover_policy.mode` is `"Automatic"`. Wherever a failover group with
    /// automatic mode lists the database, its `grace_minutes` (the wait before failing over) must
    /// not exceed the RTO
    /// (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_failover_group#read_write_endpoint_failover_policy>).
    ///
    /// ## Why it matters for recovery
    /// A failover group with a 60-minute grace period waits an hour before it even starts to
    /// fail over: an RTO shorter than that cannot be met, whatever else works.
    ///
    /// ## How to fix
    /// ```hcl
    /// resource "azurerm_mssql_failover_group" "orders" {
    ///   name      = "orders-fog"
    ///   server_id = azurerm_mssql_server.primary.id
    ///   databases = [azurerm_mssql_database.orders.id]
    ///   partner_server {
    ///     id = azurerm_mssql_server.secondary.id
    ///   }
    ///   read_write_endpoint_failover_policy {
    ///     mode          = "Automatic"
    ///     grace_minutes = 30
    ///   }
    /// }
    /// ```
    pub struct MssqlDatabaseAutomaticFailover {
        name: "mssql-database-automatic-failover",
        summary: "Azure SQL databases need an automatic failover group within the RTO where the tier requires it.",
        resource_types: ["azurerm_mssql_database"],
        requirement: Failover,
    }
}

impl Rule for MssqlDatabaseAutomaticFailover {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn check(&self, cx: &mut Check<'_>) {
        let groups = cx.links.referrers(cx.resource, "azurerm_mssql_failover_group");
        let mut automatic = false;
        let mut unknown = None;
        for group in groups.iter().filter(|g| g.attribute == "databases") {
            let Some(policy) = group.resource.body.block("read_write_endpoint_failover_policy") else { continue };
            match string_setting(&policy.body, &["mode"]) {
                Setting::Known(mode, _) if mode.eq_ignore_ascii_case("automatic") => {}
                Setting::Known(..) | Setting::Absent => continue,
                Setting::Unknown(at) | Setting::Invalid(_, at) => {
                    unknown = Some((at.cloned(), group.resource.address()));
                    continue;
                }
            }
            automatic = true;
            let Some(rto) = cx.objective.rto else { continue };
            match number_setting(&policy.body, &["grace_minutes"]) {
                Setting::Known(grace, at) if minutes(grace) > rto => {
                    let message = format!(
                        "{} waits grace_minutes = {} before failing over, longer than the {rto} RTO of the {}; set grace_minutes <= {}",
                        group.resource.address(),
                        drkit_terraform::value::format_number(grace),
                        cx.objective_source(),
                        rto.as_secs() / 60
                    );
                    cx.violation(at, message);
                }
                Setting::Unknown(at) | Setting::Invalid(_, at) => cx.unknown(at, "RTO", "read_write_endpoint_failover_policy.grace_minutes"),
                _ => {}
            }
        }
        if automatic || !cx.objective.automatic_failover {
            return;
        }
        if let Some((at, group)) = unknown {
            return cx.unknown(at.as_ref(), "automatic failover", &format!("the failover mode of {group}"));
        }
        let found = if groups.is_empty() {
            "no azurerm_mssql_failover_group lists this database".to_string()
        } else {
            let names: Vec<String> = groups.iter().map(|g| g.resource.address()).collect();
            format!("{} lists this database with manual failover", names.join(", "))
        };
        let message = format!(
            "{found}, but the {} requires automatic failover; list it in an azurerm_mssql_failover_group with read_write_endpoint_failover_policy {{ mode = \"Automatic\" }}",
            cx.objective_source()
        );
        cx.violation(None, message);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    const RULE: &str = "mssql-database-automatic-failover";

    fn group(mode: &str, grace: u32) -> String {
        format!(r#"
resource "azurerm_mssql_database" "db" {{ tags = {{ dr_tier = "critical" }} }}
resource "azurerm_mssql_failover_group" "fog" {{
  databases = [azurerm_mssql_database.db.id]
  read_write_endpoint_failover_policy {{
    mode          = "{mode}"
    grace_minutes = {grace}
  }}
}}"#)
    }

    #[test]
    fn no_group_fails_critical_passes_production() {
        let f = lint_hcl(r#"resource "azurerm_mssql_database" "db" { tags = { dr_tier = "critical" } }"#);
        assert_error(&f, RULE, "azurerm_mssql_database.db", &["no azurerm_mssql_failover_group", "Automatic"]);
        assert_clean(&lint_hcl(r#"resource "azurerm_mssql_database" "db" {}"#), RULE);
    }

    #[test]
    fn automatic_group_within_rto_passes() {
        assert_clean(&lint_hcl(&group("Automatic", 60)), RULE);
    }

    #[test]
    fn grace_above_rto_fails() {
        assert_error(&lint_hcl(&group("Automatic", 120)), RULE, "azurerm_mssql_database.db", &["grace_minutes = 120", "1h RTO"]);
    }

    #[test]
    fn manual_group_fails() {
        assert_error(&lint_hcl(&group("Manual", 60)), RULE, "azurerm_mssql_database.db", &["manual failover"]);
    }

    #[test]
    fn databases_through_splat_of_counted_resource() {
        let src = r#"
resource "azurerm_mssql_database" "db" {
  count = 2
  tags  = { dr_tier = "critical" }
}
resource "azurerm_mssql_failover_group" "fog" {
  databases = azurerm_mssql_database.db[*].id
  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 30
  }
}"#;
        assert_clean(&lint_hcl(src), RULE);
    }

    #[test]
    fn plan_json_values() {
        let plan = plan_json(&[("azurerm_mssql_database.db", "azurerm_mssql_database", "db", r#"{"tags": {"dr_tier": "critical"}}"#)]);
        assert_error(&lint_plan(&plan), RULE, "azurerm_mssql_database.db", &["failover"]);
    }
}
