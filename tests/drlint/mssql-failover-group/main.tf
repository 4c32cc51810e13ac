resource "azurerm_mssql_database" "orders" {
  short_term_retention_policy {
    retention_days = 35
  }
  tags = { dr_tier = "critical" }
}
resource "azurerm_mssql_database" "audit" {
  storage_account_type = "Local"
}
resource "azurerm_mssql_failover_group" "fog" {
  databases = [azurerm_mssql_database.orders.id, azurerm_mssql_database.audit.id]
  read_write_endpoint_failover_policy {
    mode          = "Automatic"
    grace_minutes = 120
  }
}
