resource "azurerm_cosmosdb_account" "db" {
  backup {
    type               = "Periodic"
    retention_in_hours = 168
  }
  tags = { dr_tier = "critical" }
}
output "db_id" {
  value = azurerm_cosmosdb_account.db.id
}
