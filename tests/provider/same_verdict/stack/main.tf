terraform {
  required_providers {
    dr = {
      source = "drkit/dr"
    }
  }
}

resource "dr_backup_policy" "stack" {
  name = "stack"
  rpo  = "4h"
}

resource "dr_failover_group" "stack" {
  name              = "stack"
  primary_region    = "westeurope"
  secondary_regions = ["northeurope"]
  grace_period      = "1h"
}
