variable "env" {}
resource "azurerm_postgresql_flexible_server" "db" {
  backup_retention_days        = 7
  geo_redundant_backup_enabled = false
  tags                         = { environment = var.env }
}
