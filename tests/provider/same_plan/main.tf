# What terraform-provider-dr plans for each dr_* block, which drlint must compute the same
# way: tier defaults, respelled durations, cron schedules, clamped Azure settings, regions
# given by display name, and blocks in a module under a provider configuration of their own.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

provider "dr" {}

provider "dr" {
  alias        = "staging"
  default_tier = "staging"
}

locals {
  retention = "P45D"
}

resource "dr_backup_policy" "defaults" {
  name = "defaults"
}

resource "dr_backup_policy" "hourly_cron" {
  name        = "hourly-cron"
  tier        = "Production"
  rpo         = "60m"
  schedule    = "0 * * * *"
  retention   = local.retention
  description = "respelled durations stay as written"
  targets     = ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Sql/servers/s/databases/d"]
}

resource "dr_backup_policy" "critical_interval" {
  name     = "critical-interval"
  tier     = "critical"
  interval = "5m"
}

resource "dr_backup_policy" "archive" {
  name = "archive"
  tier = "archive"
}

resource "dr_backup_policy" "local_only" {
  provider      = dr.staging
  name          = "local-only"
  interval      = "90m"
  retention     = "7d12h"
  geo_redundant = false
}

resource "dr_backup_policy" "stateless" {
  name = "stateless"
  tier = "stateless"
}

resource "dr_failover_group" "paired" {
  name           = "paired"
  primary_region = "West Europe"
}

resource "dr_failover_group" "listed" {
  name              = "listed"
  tier              = "critical"
  primary_region    = "eastus"
  secondary_regions = ["West US", "centralus"]
  grace_period      = "90s"
}

resource "dr_failover_group" "manual" {
  provider       = dr.staging
  name           = "manual"
  primary_region = "uksouth"
  mode           = "Manual"
  rto            = "PT6H"
}

module "team" {
  source = "./policies"
  providers = {
    dr = dr.staging
  }
}
