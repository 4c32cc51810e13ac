resource "azurerm_storage_account" "st" {
  account_replication_type = "RAGZRS"
  blob_properties {
    delete_retention_policy {
      days = 30
    }
    container_delete_retention_policy {
      days = 30
    }
  }
  tags = { dr_tier = "critical" }
}
