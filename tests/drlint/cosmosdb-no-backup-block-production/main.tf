resource "azurerm_cosmosdb_account" "db" {
  geo_location {
    location          = "eastus"
    failover_priority = 0
  }
  tags = { environment = "prod" }
}
