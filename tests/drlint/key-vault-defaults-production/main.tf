resource "azurerm_key_vault" "kv" {
  name = "kv"
}
