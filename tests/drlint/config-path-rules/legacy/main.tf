resource "azurerm_postgresql_flexible_server" "old" {
  backup_retention_days = 7
}
