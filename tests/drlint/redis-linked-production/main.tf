resource "azurerm_redis_cache" "primary" {
  redis_configuration {
    rdb_backup_enabled   = true
    rdb_backup_frequency = 60
  }
}
resource "azurerm_redis_cache" "secondary" {
  redis_configuration {
    aof_backup_enabled = true
  }
}
resource "azurerm_redis_linked_server" "link" {
  target_redis_cache_name = azurerm_redis_cache.primary.name
  linked_redis_cache_id   = azurerm_redis_cache.secondary.id
  server_role             = "Secondary"
}
