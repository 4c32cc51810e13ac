# Lifecycle of both resources and both data sources: create, read back through outputs, plan
# again (no changes), update in place, rename (replace), destroy. The e2e test edits this
# configuration between steps.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

provider "dr" {}

resource "dr_backup_policy" "orders" {
  name     = "orders"
  tier     = "production"
  rpo      = "60m"
  schedule = "0 */1 * * *"
  targets  = ["/subscriptions/0000/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/orders"]
}

resource "dr_backup_policy" "defaults" {
  name = "defaults"
}

resource "dr_failover_group" "app" {
  name           = "app"
  primary_region = "West Europe"
  members        = [dr_backup_policy.orders.id]
}

data "dr_region_pair" "west_us_3" {
  region = "westus3"
}

data "dr_tier" "critical" {
  name = "critical"
}

output "orders" {
  value = dr_backup_policy.orders
}

output "defaults" {
  value = dr_backup_policy.defaults
}

output "app" {
  value = dr_failover_group.app
}

output "west_us_3_pair" {
  value = data.dr_region_pair.west_us_3.paired_region
}

output "critical" {
  value = data.dr_tier.critical
}
