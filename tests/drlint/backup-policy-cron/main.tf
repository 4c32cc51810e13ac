resource "dr_backup_policy" "nightly" {
  name     = "nightly"
  rpo      = "1h"
  schedule = "0 2 * * *"
  targets  = [azurerm_cosmosdb_account.db.id]
}
resource "azurerm_cosmosdb_account" "db" {
  backup {
    type                = "Periodic"
    interval_in_minutes = 60
    retention_in_hours  = 720
  }
}
