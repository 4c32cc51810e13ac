variable "interval" {
  type = number
}
variable "replication" {
  type = string
}
data "azurerm_client_config" "current" {}
resource "azurerm_cosmosdb_account" "db" {
  backup {
    type                = "Periodic"
    interval_in_minutes = var.interval
    retention_in_hours  = var.interval * 3
    storage_redundancy  = data.azurerm_client_config.current.tenant_id
  }
}
resource "azurerm_storage_account" "st" {
  count                    = var.interval > 0 ? 1 : 0
  account_replication_type = var.replication
  blob_properties {
    delete_retention_policy {
      days = var.interval
    }
    container_delete_retention_policy {}
  }
}
module "remote" {
  source = "Azure/avm-res-keyvault-vault/azurerm"
}
