variable "retention" {
  type    = number
  default = 35
}
variable "purge" {
  type    = bool
  default = true
}
resource "azurerm_postgresql_flexible_server" "db" {
  backup_retention_days        = var.retention
  geo_redundant_backup_enabled = true
}
resource "azurerm_key_vault" "kv" {
  purge_protection_enabled = var.purge
}
