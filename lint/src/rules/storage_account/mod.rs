//! Rules for storage accounts: geo-replication, automatic failover and blob soft delete.

register_rules! {
    storage_geo_replication::StorageGeoReplication,
    storage_automatic_failover::StorageAutomaticFailover,
    storage_soft_delete::StorageSoftDelete,
}

use drkit_model::facts::{Observed, StorageAccount};

use crate::rules::Check;

/// The account's replication type, for a rule judging `requirement`; `None` (after saying so
/// when it is not known) when there is nothing to judge. azurerm requires the argument, so an
/// account without it is one Terraform itself rejects.
fn replication_type<'f>(
    account: &'f StorageAccount,
    cx: &mut Check<'_>,
    requirement: &str,
) -> Option<&'f str> {
    let setting = &account.replication_type;
    match &setting.observed {
        Observed::Known(kind) | Observed::Default(kind) => Some(kind),
        Observed::Absent => None,
        Observed::Unknown | Observed::Invalid => {
            cx.unknown(setting.at, requirement, setting.setting);
            None
        }
    }
}
