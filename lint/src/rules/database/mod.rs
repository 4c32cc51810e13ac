//! Rules for relational databases: PostgreSQL and MySQL flexible servers and Azure SQL
//! databases (point-in-time restore against the RPO, backup retention, geo-redundant backups,
//! automatic failover).

register_rules! {
    point_in_time_restore_rpo::PointInTimeRestoreRpo,
    flexible_server_backup_retention::FlexibleServerBackupRetention,
    flexible_server_geo_backup::FlexibleServerGeoBackup,
    flexible_server_automatic_failover::FlexibleServerAutomaticFailover,
    mssql_database_backup_retention::MssqlDatabaseBackupRetention,
    mssql_database_geo_backup::MssqlDatabaseGeoBackup,
    mssql_database_automatic_failover::MssqlDatabaseAutomaticFailover,
}
