module "db" {
  source = "../../modules/db"
  env    = "dev"
}
resource "dr_backup_policy" "kv" {
  name    = "kv"
  tier    = "development"
  targets = [azurerm_key_vault.kv.id]
}
resource "azurerm_key_vault" "kv" {
  soft_delete_retention_days = 7
}
