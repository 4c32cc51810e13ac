resource "azurerm_cosmosdb_account" "db" {
  enable_automatic_failover = true
  backup {
    type = "Continuous"
    tier = "Continuous7Days"
  }
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
  tags = { dr_tier = "critical" }
}
