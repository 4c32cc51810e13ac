# The provider block's policy_file adds a tier, and default_tier makes it the default.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

provider "dr" {
  policy_file  = "${path.module}/gold.hcl"
  default_tier = "gold"
}

resource "dr_backup_policy" "payments" {
  name = "payments"
}

data "dr_tier" "gold" {
  name = "gold"
}

output "payments" {
  value = dr_backup_policy.payments
}

output "gold" {
  value = data.dr_tier.gold
}
