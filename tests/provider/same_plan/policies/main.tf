terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

resource "dr_backup_policy" "team" {
  for_each = toset(["a", "b"])
  name     = "team-${each.key}"
  schedule = "0 */4 * * *"
}

resource "dr_failover_group" "team" {
  name           = "team"
  primary_region = "japaneast"
}
