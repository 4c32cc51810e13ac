# One configuration judged twice: by `terraform plan` with terraform-provider-dr, and by drlint.
# The policies name no tier, so each takes the default_tier of the provider configuration that
# reaches it; rpo = "4h" and a 1h grace period are fine under staging and errors under critical.
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

module "passed_critical" {
  source = "./stack"
  providers = {
    dr = dr.critical
  }
}

module "inherits_default" {
  source = "./stack"
}
