resource "azurerm_storage_account" "st" {
  account_replication_type = "LRS"
}
resource "azurerm_key_vault" "kv" {
  soft_delete_retention_days = 7
  tags = { environment = "prod" }
}
