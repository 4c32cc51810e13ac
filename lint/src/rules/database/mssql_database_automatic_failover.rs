//! The `mssql-database-automatic-failover` rule.

use crate::rules::{Check, Facts, Rule};
use drkit_model::capabilities::mssql;
use drkit_model::facts::{Anchor, Observed, Unit};

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
        facts: [MssqlDatabase],
        requirement: Failover,
    }
}

impl Rule for MssqlDatabaseAutomaticFailover {
    fn check(&self, facts: &Facts, cx: &mut Check<'_>) {
        let Facts::MssqlDatabase(database) = facts else { return };
        let groups = &database.failover_groups;
        let mut automatic = false;
        let mut unknown = None;
        for group in groups.iter().filter(|g| g.lists_database) {
            match &group.mode.observed {
                Observed::Known(mode) if mode.eq_ignore_ascii_case(mssql::AUTOMATIC_FAILOVER_MODE) => {}
                Observed::Known(_) | Observed::Default(_) | Observed::Absent => continue,
                Observed::Unknown | Observed::Invalid => {
                    unknown = Some((group.mode.at, &group.address));
                    continue;
                }
            }
            automatic = true;
            let Some(rto) = cx.objective.rto else { continue };
            let grace = &group.grace_minutes;
            match grace.observed {
                Observed::Known(minutes) if Unit::Minutes.duration(minutes) > rto => {
                    let message = format!(
                        "{} waits {} = {} before failing over, longer than the {rto} RTO of the {}; set {} <= {}",
                        group.address,
                        grace.leaf(),
                        cx.number(minutes),
                        cx.objective_source(),
                        grace.leaf(),
                        rto.as_secs() / 60
                    );
                    cx.violation(grace.at, message);
                }
                Observed::Unknown | Observed::Invalid => {
                    cx.unknown(grace.at, "RTO", grace.setting)
                }
                _ => {}
            }
        }
        if automatic || !cx.objective.automatic_failover {
            return;
        }
        if let Some((at, group)) = unknown {
            return cx.unknown(at, "automatic failover", &format!("the failover mode of {group}"));
        }
        let found = if groups.is_empty() {
            format!("no {} lists this database", database.phrases.failover_group)
        } else {
            let names: Vec<&str> = groups.iter().map(|g| g.address.as_str()).collect();
            format!("{} lists this database with manual failover", names.join(", "))
        };
        let message = format!(
            "{found}, but the {} requires automatic failover; list it in an {} with {}",
            cx.objective_source(),
            database.phrases.failover_group,
            database.phrases.automatic_failover_policy
        );
        cx.violation(Anchor::RESOURCE, message);
    }
}

#[cfg(test)]
use crate::rules::value_channels::*;
#[cfg(test)]
pub(super) const CHANNELS: crate::rules::value_channels::Case = crate::rules::value_channels::Case {
    rule: "mssql-database-automatic-failover",
    address: "azurerm_mssql_database.db",
    pass: "30",
    fail: "120",
    hcl: || {
        r#"resource "azurerm_mssql_database" "db" {
  tags = { dr_tier = "critical" }
}
resource "azurerm_mssql_failover_group" "fg" {
  databases = [azurerm_mssql_database.db.id]
  read_write_endpoint_failover_policy {
mode          = "Automatic"
grace_minutes = $V
  }
}
"#
        .into()
    },
    dynamic: Some(|| {
        r#"resource "azurerm_mssql_database" "db" {
  tags = { dr_tier = "critical" }
}
resource "azurerm_mssql_failover_group" "fg" {
  databases = [azurerm_mssql_database.db.id]
  dynamic "read_write_endpoint_failover_policy" {
for_each = [$V]
content {
  mode          = "Automatic"
  grace_minutes = read_write_endpoint_failover_policy.value
}
  }
}
"#
        .into()
    }),
    plan: |v| {
        let group = format!(
            r#"{{"databases": ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Sql/servers/sql/databases/db"], "read_write_endpoint_failover_policy": [{{"mode": "Automatic", "grace_minutes": {v}}}]}}"#
        );
        plan_json(&[
            (
                "azurerm_mssql_database.db",
                "azurerm_mssql_database",
                "db",
                r#"{"id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Sql/servers/sql/databases/db", "name": "db", "tags": {"dr_tier": "critical"}}"#,
            ),
            (
                "azurerm_mssql_failover_group.fg",
                "azurerm_mssql_failover_group",
                "fg",
                &group,
            ),
        ])
    },
    plan_to_create: Some(|v| {
        let group = format!(
            r#"{{"read_write_endpoint_failover_policy": [{{"mode": "Automatic", "grace_minutes": {v}}}]}}"#
        );
        to_create(
            &plan_json(&[
                (
                    "azurerm_mssql_database.db",
                    "azurerm_mssql_database",
                    "db",
                    r#"{"tags": {"dr_tier": "critical"}}"#,
                ),
                (
                    "azurerm_mssql_failover_group.fg",
                    "azurerm_mssql_failover_group",
                    "fg",
                    &group,
                ),
            ]),
            &[(
                "azurerm_mssql_failover_group.fg",
                json!({"databases": true}),
            )],
            json!({"root_module": {"resources": [{
                "address": "azurerm_mssql_failover_group.fg", "mode": "managed", "type": "azurerm_mssql_failover_group", "name": "fg",
                "expressions": {"databases": {"references": ["azurerm_mssql_database.db.id", "azurerm_mssql_database.db"]}}
            }]}}),
        )
    }),
};

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
