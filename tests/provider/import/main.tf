# terraform import adopts a policy by name; the next apply fills in the rest in place.
terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

resource "dr_backup_policy" "adopted" {
  name = "adopted"
  tier = "staging"
}

output "adopted" {
  value = dr_backup_policy.adopted
}
