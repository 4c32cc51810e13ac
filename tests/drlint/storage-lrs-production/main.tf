resource "azurerm_storage_account" "st" {
  account_replication_type = "LRS"
}
