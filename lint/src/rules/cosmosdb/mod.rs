//! Rules for Cosmos DB accounts: backup frequency and retention, geo-redundancy and automatic
//! failover.

register_rules! {
    cosmosdb_backup_rpo::CosmosdbBackupRpo,
    cosmosdb_backup_retention::CosmosdbBackupRetention,
    cosmosdb_geo_redundancy::CosmosdbGeoRedundancy,
    cosmosdb_automatic_failover::CosmosdbAutomaticFailover,
}

#[cfg(test)]
/// A periodic Cosmos DB account with the value in `knob` (interval 60, retention 720, redundancy
/// Geo otherwise), in a `backup` block or a `dynamic "backup"` block over `[$V]`.
pub(super) fn cosmos(knob: &str, dynamic: bool) -> String {
    let settings = [
        ("interval_in_minutes", "60"),
        ("retention_in_hours", "720"),
        ("storage_redundancy", "\"Geo\""),
    ];
    let value_of = if dynamic { "backup.value" } else { "$V" };
    let lines: Vec<String> = settings
        .iter()
        .map(|(name, fixed)| format!("{name} = {}", if *name == knob { value_of } else { fixed }))
        .collect();
    let geo =
        "  geo_location {\n    location          = \"eastus\"\n    failover_priority = 0\n  }\n";
    let body = lines.join("\n      ");
    if dynamic {
        format!("resource \"azurerm_cosmosdb_account\" \"db\" {{\n{geo}  dynamic \"backup\" {{\n    for_each = [$V]\n    content {{\n      type = \"Periodic\"\n      {body}\n    }}\n  }}\n}}\n")
    } else {
        format!("resource \"azurerm_cosmosdb_account\" \"db\" {{\n{geo}  backup {{\n      type = \"Periodic\"\n      {body}\n  }}\n}}\n")
    }
}

#[cfg(test)]
/// The plan values of a periodic Cosmos DB account in one region.
pub(super) fn cosmos_plan(interval: &str, retention: &str, redundancy: &str) -> String {
    format!(
        r#"{{"geo_location": [{{"location": "eastus", "failover_priority": 0}}],
        "backup": [{{"type": "Periodic", "interval_in_minutes": {interval}, "retention_in_hours": {retention}, "storage_redundancy": {redundancy}}}]}}"#
    )
}
