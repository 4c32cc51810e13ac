//! `azurerm_postgresql_flexible_server`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/postgresql_flexible_server>)
//! and `azurerm_mysql_flexible_server`
//! (<https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/mysql_flexible_server>).

use drkit_model::capabilities::{mysql, postgresql};
use drkit_model::facts::flexible_server::Engine;
use drkit_model::facts::{Facts, FlexibleServer};
use drkit_terraform::ir::Resource;

use super::protection::backups_of;
use super::SOURCE;
use crate::sources::reading::{bool_fact, number_fact, Places, Scope};
use crate::sources::ReadContext;

pub(super) fn read<'r>(
    resource: &'r Resource,
    context: &ReadContext<'r>,
    places: &mut Places<'r>,
) -> Facts {
    let (kind, engine, default_retention, default_geo) =
        if resource.resource_type == "azurerm_mysql_flexible_server" {
            (
                "azurerm_mysql_flexible_server",
                Engine::MySql,
                mysql::DEFAULT_BACKUP_RETENTION_DAYS,
                mysql::DEFAULT_GEO_REDUNDANT_BACKUP_ENABLED,
            )
        } else {
            (
                "azurerm_postgresql_flexible_server",
                Engine::PostgreSql,
                postgresql::DEFAULT_BACKUP_RETENTION_DAYS,
                postgresql::DEFAULT_GEO_REDUNDANT_BACKUP_ENABLED,
            )
        };
    let root = Scope::root(resource);
    let backups = backups_of(resource, context, places, None);
    Facts::FlexibleServer(FlexibleServer {
        source: SOURCE,
        kind,
        engine,
        backup_retention_days: number_fact(
            places,
            root,
            &["backup_retention_days"],
            Some(default_retention as f64),
        ),
        geo_redundant_backup: bool_fact(
            places,
            root,
            &["geo_redundant_backup_enabled"],
            Some(default_geo),
        ),
        backups,
    })
}
