module "db" {
  source = "../../modules/db"
  env    = "prod"
}
resource "azurerm_key_vault" "kv" {
  purge_protection_enabled = true
}
