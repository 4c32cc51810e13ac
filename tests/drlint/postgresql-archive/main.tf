resource "azurerm_postgresql_flexible_server" "db" {
  backup_retention_days        = 35
  geo_redundant_backup_enabled = true
  tags                         = { dr_tier = "archive" }
}
