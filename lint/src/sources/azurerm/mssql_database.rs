//! `azurerm_mssql_database`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_database>),
//! and the `azurerm_mssql_failover_group` resources that list it in `databases`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mssql_failover_group>).

use drkit_model::capabilities::mssql;
use drkit_model::facts::mssql_database::{MssqlPhrases, SqlFailoverGroup};
use drkit_model::facts::{Facts, MssqlDatabase};
use drkit_terraform::ir::Resource;

use super::SOURCE;
use crate::sources::reading::{number_fact, string_fact, Places, Scope};
use crate::sources::ReadContext;

const FAILOVER_GROUP: &str = "azurerm_mssql_failover_group";

const PHRASES: MssqlPhrases = MssqlPhrases {
    failover_group: FAILOVER_GROUP,
    automatic_failover_policy: "read_write_endpoint_failover_policy { mode = \"Automatic\" }",
    long_term_retention: "long_term_retention_policy",
    add_yearly_retention: |years| {
        format!("long_term_retention_policy {{ yearly_retention = \"P{years}Y\" }}")
    },
};

pub(super) fn read<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let root = Scope::root(resource);
    let short_term = root.block(places, "short_term_retention_policy");
    let long_term = root.block(places, "long_term_retention_policy");
    let long_term_string =
        |places: &mut Places<'r>, name: &'static str| string_fact(places, long_term, &[name], None);
    let weekly_retention = long_term_string(places, "long_term_retention_policy.weekly_retention");
    let monthly_retention =
        long_term_string(places, "long_term_retention_policy.monthly_retention");
    let yearly_retention = long_term_string(places, "long_term_retention_policy.yearly_retention");
    let failover_groups = context
        .links
        .referrers(resource, FAILOVER_GROUP)
        .into_iter()
        .map(|group| {
            let policy =
                Scope::root(group.resource).block(places, "read_write_endpoint_failover_policy");
            SqlFailoverGroup {
                address: group.resource.address(),
                lists_database: group.attribute == "databases",
                mode: string_fact(
                    places,
                    policy,
                    &["read_write_endpoint_failover_policy.mode"],
                    None,
                ),
                grace_minutes: number_fact(
                    places,
                    policy,
                    &["read_write_endpoint_failover_policy.grace_minutes"],
                    None,
                ),
            }
        })
        .collect();
    Facts::MssqlDatabase(MssqlDatabase {
        source: SOURCE,
        kind: "azurerm_mssql_database",
        phrases: &PHRASES,
        short_term_retention_days: number_fact(
            places,
            short_term,
            &["short_term_retention_policy.retention_days"],
            Some(mssql::DEFAULT_SHORT_TERM_RETENTION_DAYS as f64),
        ),
        long_term_retention_at: long_term.anchor,
        weekly_retention,
        monthly_retention,
        yearly_retention,
        backup_storage_redundancy: string_fact(
            places,
            root,
            &["storage_account_type"],
            Some(mssql::DEFAULT_STORAGE_ACCOUNT_TYPE),
        ),
        failover_groups,
    })
}
