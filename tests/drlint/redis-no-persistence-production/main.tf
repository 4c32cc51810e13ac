resource "azurerm_redis_cache" "cache" {
  sku_name = "Premium"
}
