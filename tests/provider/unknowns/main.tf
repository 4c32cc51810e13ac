# A tier that is only known at apply time (timestamp() is unknown while planning): every value
# derived from it is "known after apply" in the plan and filled in by apply.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

resource "dr_backup_policy" "later" {
  name = "later"
  tier = timestamp() != "" ? "critical" : "staging"
}

output "later" {
  value = dr_backup_policy.later
}
