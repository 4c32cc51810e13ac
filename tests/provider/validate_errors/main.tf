# Mistakes that need no tier to be found: Terraform reports them while validating, each on
# the argument at fault.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

resource "dr_backup_policy" "bad_duration" {
  name = "bad-duration"
  rpo  = "soon"
}

resource "dr_backup_policy" "bad_cron" {
  name     = "bad-cron"
  schedule = "0 25 * * *"
}

resource "dr_backup_policy" "interval_and_schedule" {
  name     = "both"
  interval = "1h"
  schedule = "0 * * * *"
}

resource "dr_backup_policy" "interval_above_rpo" {
  name     = "slow"
  rpo      = "30m"
  interval = "2h"
}

resource "dr_failover_group" "unknown_region" {
  name           = "typo"
  primary_region = "westeurop"
}

resource "dr_failover_group" "secondary_is_primary" {
  name              = "same"
  primary_region    = "eastus"
  secondary_regions = ["East US"]
}

resource "dr_failover_group" "duplicate_secondary" {
  name              = "twice"
  primary_region    = "eastus"
  secondary_regions = ["westus", "West US"]
}

resource "dr_failover_group" "bad_mode" {
  name           = "mode"
  primary_region = "eastus"
  mode           = "sometimes"
}

# Terraform rejects a required argument that is left out, but passes one written as null on to
# the provider.
resource "dr_backup_policy" "null_name" {
  name = null
}
