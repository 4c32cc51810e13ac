# Mistakes measured against the tier: Terraform reports them while planning, each on the
# argument at fault.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

resource "dr_backup_policy" "interval_above_tier_rpo" {
  name     = "slow"
  tier     = "critical"
  interval = "1h"
}

resource "dr_backup_policy" "cron_gap_above_tier_rpo" {
  name     = "slow-cron"
  schedule = "0 */6 * * *"
}

resource "dr_backup_policy" "loose_rpo" {
  name = "loose-rpo"
  rpo  = "2h"
}

resource "dr_backup_policy" "loose_rto" {
  name = "loose-rto"
  tier = "staging"
  rto  = "1d"
}

resource "dr_backup_policy" "short_retention" {
  name      = "short"
  retention = "7d"
}

resource "dr_backup_policy" "unknown_tier" {
  name = "gold"
  tier = "gold"
}

resource "dr_failover_group" "grace_not_below_rto" {
  name           = "slow-failover"
  primary_region = "northeurope"
  grace_period   = "4h"
}

resource "dr_failover_group" "manual_under_critical" {
  name           = "manual"
  primary_region = "northeurope"
  tier           = "critical"
  mode           = "manual"
  grace_period   = "15m"
}

resource "dr_failover_group" "not_the_pair" {
  name              = "not-the-pair"
  primary_region    = "westeurope"
  secondary_regions = ["uksouth"]
}

resource "dr_backup_policy" "archive" {
  name = "archive"
  tier = "archive"
}

# The paired_region of a region without an Azure pair is null. It is only known once the data
# source is read, so the null entry is found at plan, not at validation.
data "dr_region_pair" "italy_north" {
  region = "italynorth"
}

resource "dr_failover_group" "null_secondary" {
  name              = "null-secondary"
  primary_region    = "italynorth"
  secondary_regions = [data.dr_region_pair.italy_north.paired_region]
}
