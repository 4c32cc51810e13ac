variable "name" { type = string }
variable "location" { type = string }
variable "resource_group_name" { type = string }
variable "tags" { type = map(string) }
variable "persistence" {
  type    = bool
  default = true
}

resource "azurerm_redis_cache" "main" {
  name                = "redis-${var.name}"
  location            = var.location
  resource_group_name = var.resource_group_name
  capacity            = 1
  family              = "P"
  sku_name            = "Premium"

  redis_configuration {
    rdb_backup_enabled   = var.persistence
    rdb_backup_frequency = var.persistence ? 60 : null
  }

  tags = var.tags
}
