resource "azurerm_key_vault" "kv" {
  soft_delete_retention_days = 7
  tags = { env = "dev" }
}
