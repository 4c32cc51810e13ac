# One configuration judged twice: by `terraform plan` with terraform-provider-dr, and by drlint.
# Most policies name no tier, so each takes the default tier of the provider configuration that
# reaches it; rpo = "4h" and a 1h grace period are fine under staging and errors under critical.
# The `gold` configuration adds a tier from a policy file and makes it its default.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

variable "tier" {
  default = "staging"
}

provider "dr" {
  default_tier = var.tier
}

provider "dr" {
  alias        = "critical"
  default_tier = "critical"
}

provider "dr" {
  alias       = "gold"
  policy_file = "${path.module}/gold.hcl"
}

resource "dr_backup_policy" "inherits_default" {
  name = "inherits-default"
  rpo  = "4h"
}

resource "dr_backup_policy" "uses_alias" {
  provider = dr.critical
  name     = "uses-alias"
  rpo      = "4h"
}

resource "dr_backup_policy" "names_its_tier" {
  provider = dr.critical
  name     = "names-its-tier"
  tier     = "staging"
  rpo      = "4h"
}

resource "dr_failover_group" "uses_alias" {
  provider          = dr.critical
  name              = "uses-alias"
  primary_region    = "eastus"
  secondary_regions = ["westus"]
  grace_period      = "1h"
}

resource "dr_backup_policy" "gold_by_default" {
  provider  = dr.gold
  name      = "gold-by-default"
  rpo       = "5m"
  retention = "30d"
}

resource "dr_backup_policy" "gold_by_name" {
  provider = dr.critical
  name     = "gold-by-name"
  tier     = "gold"
}

resource "dr_backup_policy" "gold_pack_staging" {
  provider = dr.gold
  name     = "gold-pack-staging"
  tier     = "staging"
  rpo      = "4h"
}

module "passed_critical" {
  source = "./stack"
  providers = {
    dr = dr.critical
  }
}

module "inherits_default" {
  source = "./stack"
}
