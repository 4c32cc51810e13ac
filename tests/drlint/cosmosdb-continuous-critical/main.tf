variable "regions" {
  default = ["eastus", "westus"]
}
resource "azurerm_cosmosdb_account" "db" {
  automatic_failover_enabled = true
  backup {
    type = "Continuous"
  }
  dynamic "geo_location" {
    for_each = var.regions
    content {
      location          = geo_location.value
      failover_priority = geo_location.key
    }
  }
  tags = { dr_tier = "critical" }
}
