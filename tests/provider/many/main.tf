# 200 resources, planned and applied with -parallelism=10.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

locals {
  tiers   = ["critical", "production", "staging", "development", "archive"]
  regions = ["westeurope", "northeurope", "eastus", "westus", "uksouth", "swedencentral"]
}

resource "dr_backup_policy" "many" {
  count = 150

  name      = "policy-${count.index}"
  tier      = local.tiers[count.index % length(local.tiers)]
  rpo       = count.index % 3 == 0 ? "15m" : null
}

resource "dr_failover_group" "many" {
  count = 50

  name           = "group-${count.index}"
  primary_region = local.regions[count.index % length(local.regions)]
  members        = [dr_backup_policy.many[count.index].id]
}

output "policy_count" {
  value = length(dr_backup_policy.many)
}

output "last_group_regions" {
  value = dr_failover_group.many[49].regions
}
