# drlint:ignore=redis-persistence-rpo,redis-geo-replication sessions only, rebuilt on login
resource "azurerm_redis_cache" "sessions" {}

# drlint:ignore
resource "azurerm_key_vault" "kv" {}

// drlint:ignore=cosmosdb-backup-rpo
resource "azurerm_key_vault" "other" {
  purge_protection_enabled = true
}
