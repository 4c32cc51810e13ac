resource "azurerm_redis_cache" "cache" {
  redis_configuration {
    rdb_backup_enabled   = true
    rdb_backup_frequency = 30
  }
  tags = { dr_tier = "critical" }
}
