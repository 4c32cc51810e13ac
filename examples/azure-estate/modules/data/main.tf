variable "name" { type = string }
variable "location" { type = string }
variable "secondary_location" { type = string }
variable "resource_group_name" { type = string }
variable "backup_retention_days" { type = number }
variable "cosmos_retention_hours" {
  type    = number
  default = 8
}
variable "tags" { type = map(string) }

locals {
  regions = [var.location, var.secondary_location]
}

# Session history and browse state, backed up the way the account was first created: every
# 240 minutes (the azurerm default), kept 8 hours unless the caller asks for more.
resource "azurerm_cosmosdb_account" "sessions" {
  name                = "cosmos-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  consistency_policy {
    consistency_level = "Session"
  }

  backup {
    type                = "Periodic"
    interval_in_minutes = 240
    retention_in_hours  = var.cosmos_retention_hours
  }

  dynamic "geo_location" {
    for_each = local.regions
    content {
      location          = geo_location.value
      failover_priority = geo_location.key
    }
  }

  tags = var.tags
}

resource "azurerm_postgresql_flexible_server" "main" {
  name                         = "psql-${var.name}"
  location                     = var.location
  resource_group_name          = var.resource_group_name
  version                      = "16"
  sku_name                     = "GP_Standard_D2s_v3"
  storage_mb                   = 65536
  backup_retention_days        = var.backup_retention_days
  geo_redundant_backup_enabled = true
  tags                         = var.tags
}

output "cosmosdb_id" {
  value = azurerm_cosmosdb_account.sessions.id
}
